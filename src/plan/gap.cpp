#include "plan/gap.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include <fmt/format.h>

#include "intelligence/disclosure.hpp"

namespace careforce::plan {

GapResult AnalyseGaps(const Place& place, const demand::DemandResult* demand, const supply::SupplyResult& supply,
                      double threshold_fte) {
  GapResult result;
  result.threshold_fte = threshold_fte;
  for (const Role& role : place.roles) {
    result.role_codes.push_back(role.code);
    result.role_names.push_back(role.name);
    result.role_groups.push_back(role.staff_group);
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
      const double service_base = service_fte(role, locality, supply.base_year);
      row.service_change = service_fte(role, locality, std::min(row.year, last_service_year)) - service_base;
      // Base year reconciled: where the services need more of a role than its establishment
      // today, the difference is a gap from the start (not assumed met).
      row.base_year_gap = std::max(0.0, service_base - establishment);
      row.required = establishment + row.base_year_gap + row.service_change;
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
  // A role's place row is the sum of its locality rows (where it has them), so that a place
  // figure is never other than its localities': the base-year gap of a locality counts even
  // where another locality has room.
  std::map<std::pair<Index, int>, GapRow> sums;  // role, year
  for (const GapRow& row : result.rows) {
    if (row.locality == kNoIndex) continue;
    GapRow& sum = sums[{row.role, row.year}];
    sum.establishment += row.establishment;
    sum.service_change += row.service_change;
    sum.base_year_gap += row.base_year_gap;
    sum.required += row.required;
    sum.available += row.available;
  }
  for (GapRow& row : result.rows) {
    if (row.locality != kNoIndex) continue;
    const auto found = sums.find({row.role, row.year});
    if (found == sums.end()) continue;
    row.establishment = found->second.establishment;
    row.service_change = found->second.service_change;
    row.base_year_gap = found->second.base_year_gap;
    row.required = found->second.required;
    row.available = found->second.available;
    row.gap = row.required - row.available;
    row.cost = row.gap > 0 ? row.gap * result.pay_per_fte[row.role] : 0.0;
  }

  // The base year reconciled: each service's need of each role against the role's staff.
  if (demand) {
    result.service_codes = demand->service_codes;
    result.service_names = demand->service_names;
    std::vector<double> services_fte(place.roles.size(), 0.0);
    for (const auto& row : demand->base_service_roles) services_fte[row.role] += row.fte;
    std::vector<double> in_post(place.roles.size(), 0.0);
    std::vector<double> establishment(place.roles.size(), 0.0);
    for (const GapRow& row : result.rows) {
      if (row.locality == kNoIndex && row.year == supply.base_year) {
        in_post[row.role] = row.available;
        establishment[row.role] = row.establishment;
      }
    }
    for (const auto& row : demand->base_service_roles) {
      BaseYearRow entry;
      entry.service = row.service;
      entry.role = row.role;
      entry.service_fte = row.fte;
      entry.services_fte = services_fte[row.role];
      entry.in_post_fte = in_post[row.role];
      entry.establishment_fte = establishment[row.role];
      entry.deliverable_share = entry.services_fte > 0 ? std::min(1.0, entry.in_post_fte / entry.services_fte) : 1.0;
      if (entry.services_fte > entry.establishment_fte && entry.services_fte > 0) {
        entry.base_year_gap_fte = (entry.services_fte - entry.establishment_fte) * row.fte / entry.services_fte;
      }
      result.base_year.push_back(entry);
    }
  }

  // Competences: required hours against the service hours of the roles holding them.
  for (const Competence& competence : place.competences) {
    result.competence_codes.push_back(competence.code);
    result.competence_names.push_back(competence.name);
  }
  if (!demand) return result;
  const std::size_t localities = place.localities.size();
  std::vector<std::vector<double>> service_base(place.roles.size(), std::vector<double>(localities, 0.0));
  for (const auto& row : demand->role_demand) {
    if (row.year == demand->base_year) service_base[row.role][row.locality] += row.fte;
  }
  std::vector<std::vector<Index>> holders(place.competences.size());
  for (const RoleCompetence& held : place.role_competences) holders[held.competence].push_back(held.role);
  std::vector<double> role_fte(place.roles.size(), 0.0);
  std::vector<std::vector<double>> role_locality_fte(place.roles.size(), std::vector<double>(localities, 0.0));
  for (const StaffPost& post : place.staff) {
    role_fte[post.role] += post.fte;
    role_locality_fte[post.role][post.locality] += post.fte;
  }
  // Each role's supply series, in each locality where projected by locality, looked up once.
  std::vector<const supply::SupplySeries*> role_series(place.roles.size());
  std::vector<std::vector<const supply::SupplySeries*>> local_series(place.roles.size());
  for (Index role = 0; role < place.roles.size(); ++role) {
    role_series[role] = supply.Find("role", place.roles[role].code);
    for (Index locality = 0; locality < localities; ++locality) {
      local_series[role].push_back(
          supply.Find("role_locality", fmt::format("{}/{}", place.roles[role].code, place.localities[locality].code)));
    }
  }
  // A role's hours for the services in a locality and year.
  const auto service_hours = [&](Index role, Index locality, int year) {
    const std::size_t at = static_cast<std::size_t>(std::min(year, supply.last_year) - supply.base_year);
    double change = 0.0;
    if (const auto* local = local_series[role][locality]) {
      change = local->fte.mean[at] - local->fte.mean.front();
    } else if (const auto* whole = role_series[role]; whole && role_fte[role] > 0) {
      change = (whole->fte.mean[at] - whole->fte.mean.front()) * role_locality_fte[role][locality] / role_fte[role];
    }
    return std::max(0.0, service_base[role][locality] + change) * demand->hours_per_fte;
  };
  std::map<std::tuple<Index, Index, int>, double> required;  // competence, locality, year
  for (const auto& row : demand->competence_hours) required[{row.competence, row.locality, row.year}] += row.hours;
  for (Index competence = 0; competence < place.competences.size(); ++competence) {
    for (int year = demand->base_year; year <= demand->last_year; ++year) {
      CompetenceGapRow total{competence, kNoIndex, year, 0.0, 0.0, 0.0};
      std::vector<CompetenceGapRow> local;
      for (Index locality = 0; locality < localities; ++locality) {
        const auto found = required.find({competence, locality, year});
        CompetenceGapRow row{competence, locality, year, found == required.end() ? 0.0 : found->second, 0.0, 0.0};
        for (const Index role : holders[competence]) row.holders_hours += service_hours(role, locality, year);
        row.gap_hours = row.required_hours - row.holders_hours;
        total.required_hours += row.required_hours;
        total.holders_hours += row.holders_hours;
        local.push_back(row);
      }
      if (total.required_hours <= 0) continue;
      total.gap_hours = total.required_hours - total.holders_hours;
      result.competence_rows.push_back(total);
      for (const CompetenceGapRow& row : local) {
        if (row.required_hours > 0) result.competence_rows.push_back(row);
      }
    }
  }
  return result;
}

bool GapResult::ShortfallHidden(Index role) const {
  return std::any_of(rows.begin(), rows.end(),
                     [&](const GapRow& row) { return row.role == role && row.locality == kNoIndex && row.shortfall_hidden; });
}

void SuppressEstablishment(GapResult& gaps, const Place& place, const intelligence::WorkforceProfile& profile,
                           const supply::SupplyResult& supply, int threshold) {
  if (threshold <= 0) return;
  std::set<std::string> hidden_roles;  // the role's vacancies or staff are hidden
  for (const intelligence::VacancyFigures& row : profile.vacancies_by_role) {
    if (row.suppressed) hidden_roles.insert(row.code);
  }
  for (const intelligence::GroupFigures& role : profile.by_role) {
    if (role.suppressed) hidden_roles.insert(role.code);
  }
  for (const supply::SupplySeries& series : supply.series) {
    if (series.dimension == "role" && series.suppressed) hidden_roles.insert(series.code);
  }
  std::set<std::string> hidden_local;  // "role/locality" series hidden
  for (const supply::SupplySeries& series : supply.series) {
    if (series.dimension == "role_locality" && series.suppressed) hidden_local.insert(series.code);
  }
  std::map<std::pair<Index, Index>, int64_t> vacancies;  // role, locality
  for (const Vacancy& vacancy : place.vacancies) {
    ++vacancies[{vacancy.role, kNoIndex}];
    ++vacancies[{vacancy.role, vacancy.locality}];
  }
  const auto count = [&](Index role, Index locality) {
    const auto found = vacancies.find({role, locality});
    return found == vacancies.end() ? int64_t{0} : found->second;
  };
  // A cell of vacancies per role (as the profile hides it) and per role in a locality with gap
  // rows; each role's localities add up to the role.
  intelligence::DisclosureCells cells;
  std::map<std::pair<Index, Index>, std::size_t> cell_of;
  std::map<Index, std::vector<std::size_t>> localities_of;
  for (const GapRow& row : gaps.rows) {
    if (cell_of.count({row.role, row.locality})) continue;
    const int64_t vacant = count(row.role, row.locality);
    const std::string& code = gaps.role_codes[row.role];
    std::size_t cell = 0;
    if (row.locality == kNoIndex) {
      cell = cells.Add(static_cast<double>(vacant), hidden_roles.count(code) > 0, true);
    } else {
      const bool hidden = intelligence::SmallCount(vacant, threshold) ||
                          hidden_local.count(code + "/" + place.localities[row.locality].code) > 0;
      cell = cells.Add(static_cast<double>(vacant), hidden);
      localities_of[row.role].push_back(cell);
    }
    cell_of[{row.role, row.locality}] = cell;
  }
  for (auto& [role, relation] : localities_of) {
    if (const auto found = cell_of.find({role, kNoIndex}); found != cell_of.end()) relation.push_back(found->second);
    cells.relations.push_back(relation);
  }
  // The shortfall: the positive gaps of roles in their localities (of roles in the place, where
  // their supply is not by locality), which the tables add up by role, staff group, locality and
  // for the place, year by year. A positive gap is hidden with its establishment and its
  // establishment with it; where one would be the only one hidden of a year's staff group,
  // locality or place, another is hidden too.
  std::map<std::pair<int, std::string>, std::vector<std::size_t>> shortfall;  // year, "group:" / "locality:" / "all"
  for (const GapRow& row : gaps.rows) {
    const bool by_locality = localities_of.count(row.role) > 0;
    if (by_locality == (row.locality == kNoIndex)) continue;
    const std::size_t establishment = cell_of.at({row.role, row.locality});
    // In hundredths of an FTE: a cell counts as zero only when it rounds to 0 (a gap of 0.3 FTE
    // recovered would give the establishment back).
    const double positive = std::max(0.0, row.gap) * 100.0;
    const std::size_t gap = cells.Add(positive, cells.hidden[establishment], row.locality == kNoIndex);
    cells.implications.emplace_back(establishment, gap);
    if (row.locality != kNoIndex) cells.implications.emplace_back(gap, establishment);
    shortfall[{row.year, "all"}].push_back(gap);
    shortfall[{row.year, std::string("group:") + std::string(Code(gaps.role_groups[row.role]))}].push_back(gap);
    if (row.locality != kNoIndex) shortfall[{row.year, fmt::format("locality:{}", row.locality)}].push_back(gap);
  }
  for (auto& [key, relation] : shortfall) cells.relations.push_back(std::move(relation));
  intelligence::SuppressSecondary(cells);
  std::set<Index> local_hidden;
  for (GapRow& row : gaps.rows) {
    row.establishment_hidden = cells.hidden[cell_of.at({row.role, row.locality})];
    if (row.locality != kNoIndex && row.establishment_hidden) local_hidden.insert(row.role);
  }
  for (GapRow& row : gaps.rows) {
    if (row.locality == kNoIndex) row.shortfall_hidden = row.establishment_hidden || local_hidden.count(row.role) > 0;
  }
  for (BaseYearRow& row : gaps.base_year) {
    const auto found = cell_of.find({row.role, kNoIndex});
    row.establishment_hidden =
        found != cell_of.end() ? cells.hidden[found->second] : hidden_roles.count(gaps.role_codes[row.role]) > 0;
  }
}

std::vector<double> StaffCalibration(const GapResult& gaps, std::size_t services) {
  std::vector<double> factor(services, 1.0);
  for (const BaseYearRow& row : gaps.base_year) {
    if (row.service < services && row.service_fte > 0) factor[row.service] = std::min(factor[row.service], row.deliverable_share);
  }
  return factor;
}

double GapResult::Counted(int year, Index role, double GapRow::*field, bool positive) const {
  // Roles projected by locality count their localities' rows (staff in one locality do not fill
  // a gap in another); the others their place row.
  std::vector<char> local(role_codes.size(), 0);
  for (const GapRow& row : rows) {
    if (row.locality != kNoIndex) local[row.role] = 1;
  }
  double total = 0.0;
  for (const GapRow& row : rows) {
    if (row.year != year || (role != kNoIndex && row.role != role)) continue;
    if ((row.locality != kNoIndex) != static_cast<bool>(local[row.role])) continue;
    total += positive ? std::max(0.0, row.*field) : row.*field;
  }
  return total;
}

double GapResult::Shortfall(int year, Index role) const { return Counted(year, role, &GapRow::gap, true); }

double GapResult::ShortfallCost(int year, Index role) const { return Counted(year, role, &GapRow::cost, false); }

}  // namespace careforce::plan
