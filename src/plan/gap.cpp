#include "plan/gap.hpp"

#include <map>

#include <fmt/format.h>

namespace careforce::plan {

GapResult AnalyseGaps(const Place& place, const demand::DemandResult* demand, const supply::SupplyResult& supply,
                      double threshold_fte) {
  GapResult result;
  result.threshold_fte = threshold_fte;
  for (const Role& role : place.roles) {
    result.role_codes.push_back(role.code);
    result.role_names.push_back(role.name);
  }
  for (const Locality& locality : place.localities) result.locality_names.push_back(locality.name);
  // Pay per FTE of each role: its pay bill over its FTE.
  std::vector<double> pay(place.roles.size(), 0.0);
  std::vector<double> fte(place.roles.size(), 0.0);
  for (const StaffPost& post : place.staff) {
    pay[post.role] += post.annual_pay;
    fte[post.role] += post.fte;
  }
  for (std::size_t role = 0; role < pay.size(); ++role) result.pay_per_fte.push_back(fte[role] > 0 ? pay[role] / fte[role] : 0.0);
  // Vacant FTE by role (and locality).
  std::map<std::pair<Index, Index>, double> vacant;
  for (const Vacancy& vacancy : place.vacancies) {
    vacant[{vacancy.role, kNoIndex}] += vacancy.fte;
    vacant[{vacancy.role, vacancy.locality}] += vacancy.fte;
  }
  // The modelled services' FTE by role (and locality) and year.
  std::map<std::tuple<Index, Index, int>, double> services;
  if (demand) {
    for (const auto& row : demand->role_demand) {
      services[{row.role, kNoIndex, row.year}] += row.fte;
      services[{row.role, row.locality, row.year}] += row.fte;
    }
  }
  const auto service_fte = [&](Index role, Index locality, int year) {
    const auto found = services.find({role, locality, year});
    return found == services.end() ? 0.0 : found->second;
  };
  const auto runs = static_cast<std::size_t>(supply.runs);
  const auto add_rows = [&](std::size_t series, Index role, Index locality) {
    const supply::SupplySeries& entry = supply.series[series];
    const auto vacancy = vacant.find({role, locality});
    const double establishment = entry.fte.mean.front() + (vacancy == vacant.end() ? 0.0 : vacancy->second);
    // Service demand is projected to its own last year; beyond it, held at that year.
    const int last_service_year = demand ? demand->last_year : supply.base_year;
    for (std::size_t year = 0; year < entry.fte.mean.size(); ++year) {
      GapRow row;
      row.role = role;
      row.locality = locality;
      row.year = supply.base_year + static_cast<int>(year);
      row.establishment = establishment;
      row.service_change = service_fte(role, locality, std::min(row.year, last_service_year)) -
                           service_fte(role, locality, supply.base_year);
      row.required = establishment + row.service_change;
      row.available = entry.fte.mean[year];
      row.gap = row.required - row.available;
      if (!supply.expected && series < supply.runs_fte.size() && !supply.runs_fte[series].empty()) {
        std::size_t short_runs = 0;
        for (std::size_t run = 0; run < runs; ++run) {
          if (row.required - supply.runs_fte[series][year * runs + run] > threshold_fte) ++short_runs;
        }
        row.probability = static_cast<double>(short_runs) / static_cast<double>(runs);
      }
      row.cost = row.gap > 0 ? row.gap * result.pay_per_fte[role] : 0.0;
      result.rows.push_back(row);
    }
  };
  std::map<std::string, Index> role_of;
  for (Index role = 0; role < place.roles.size(); ++role) role_of[place.roles[role].code] = role;
  for (std::size_t series = 0; series < supply.series.size(); ++series) {
    if (supply.series[series].dimension == "role") add_rows(series, role_of.at(supply.series[series].code), kNoIndex);
  }
  for (std::size_t series = 0; series < supply.series.size(); ++series) {
    const supply::SupplySeries& entry = supply.series[series];
    if (entry.dimension != "role_locality") continue;
    const std::size_t slash = entry.code.find('/');
    const std::string locality_code = entry.code.substr(slash + 1);
    Index locality = kNoIndex;
    for (Index idx = 0; idx < place.localities.size(); ++idx) {
      if (place.localities[idx].code == locality_code) locality = idx;
    }
    add_rows(series, role_of.at(entry.code.substr(0, slash)), locality);
  }
  return result;
}

}  // namespace careforce::plan
