#include "supply/disclosure.hpp"

#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "intelligence/disclosure.hpp"

namespace careforce::supply {

namespace {

using intelligence::DisclosureCells;
using intelligence::SmallCount;

std::set<std::string> HiddenCodes(const std::vector<intelligence::GroupFigures>& groups) {
  std::set<std::string> codes;
  for (const intelligence::GroupFigures& group : groups) {
    if (group.suppressed) codes.insert(group.code);
  }
  return codes;
}

// "RN/nhs_trust" -> ("RN", "nhs_trust").
std::pair<std::string, std::string> SplitCode(const std::string& code) {
  const std::size_t slash = code.find('/');
  if (slash == std::string::npos) return {code, {}};
  return {code.substr(0, slash), code.substr(slash + 1)};
}

// Series by base-year headcount; each group of series adds up to the series of its margin
// (sectors, roles and localities to the total; a role's sectors and localities to the role; a
// sector's roles to the sector; a locality's roles to the locality).
void SuppressSeries(SupplyResult& supply, int threshold,
                    const intelligence::WorkforceProfile& profile) {
  const std::set<std::string> hidden_roles = HiddenCodes(profile.by_role);
  const std::set<std::string> hidden_sectors = HiddenCodes(profile.by_sector);
  const std::set<std::string> hidden_localities = HiddenCodes(profile.by_locality);
  std::set<std::string> hidden_role_sectors;
  for (const intelligence::PayFigures& row : profile.pay) {
    if (row.suppressed) hidden_role_sectors.insert(row.role + "/" + row.sector);
  }
  DisclosureCells cells;
  std::map<std::string, std::size_t>
      margin;  // "role:RN", "sector:nhs_trust", "locality:L1", "total"
  std::map<std::pair<std::string, std::string>, std::vector<std::size_t>>
      members;  // (margin, group)
  for (std::size_t idx = 0; idx < supply.series.size(); ++idx) {
    const SupplySeries& series = supply.series[idx];
    const double base = series.headcount.mean.empty() ? 0.0 : series.headcount.mean.front();
    bool hidden = SmallCount(base, threshold);
    const auto [first, second] = SplitCode(series.code);
    if (series.dimension == "role") hidden = hidden || hidden_roles.count(series.code) > 0;
    if (series.dimension == "sector") hidden = hidden || hidden_sectors.count(series.code) > 0;
    if (series.dimension == "locality") hidden = hidden || hidden_localities.count(series.code) > 0;
    if (series.dimension == "role_sector" || series.dimension == "role_locality") {
      hidden = hidden || hidden_roles.count(first) > 0;
    }
    if (series.dimension == "role_sector")
      hidden = hidden || hidden_role_sectors.count(series.code) > 0;
    cells.Add(base, hidden);
    if (series.dimension == "total") {
      margin["total"] = idx;
    } else if (series.dimension == "sector" || series.dimension == "role" ||
               series.dimension == "locality") {
      margin[series.dimension + ":" + series.code] = idx;
      members[{"total", series.dimension}].push_back(idx);
    } else if (series.dimension == "role_sector") {
      members[{"role:" + first, "sector"}].push_back(idx);
      members[{"sector:" + second, "role"}].push_back(idx);
    } else if (series.dimension == "role_locality") {
      members[{"role:" + first, "locality"}].push_back(idx);
      members[{"locality:" + second, "role"}].push_back(idx);
    }
  }
  for (const auto& [key, group] : members) {
    std::vector<std::size_t> relation = group;
    if (const auto found = margin.find(key.first); found != margin.end())
      relation.push_back(found->second);
    cells.relations.push_back(std::move(relation));
  }
  intelligence::SuppressSecondary(cells);
  std::map<std::string, bool> role_hidden;
  for (std::size_t idx = 0; idx < supply.series.size(); ++idx) {
    supply.series[idx].suppressed = cells.hidden[idx];
    if (supply.series[idx].dimension == "role")
      role_hidden[supply.series[idx].code] = cells.hidden[idx];
  }
  for (RoleFlows& flows : supply.role_flows)
    flows.suppressed = role_hidden[supply.role_codes[flows.role]];
}

// Events and exposures of the rate evidence, with secondary suppression in each group that adds
// up to a row of the same table; then what the rest of each row would give back.
void SuppressRates(SupplyResult& supply, int threshold) {
  FlowRates& rates = supply.rates;
  std::set<std::string> hidden_series;
  for (const SupplySeries& series : supply.series) {
    if (series.suppressed) hidden_series.insert(series.dimension + ":" + series.code);
  }
  const auto pair_hidden = [&](Index role, Sector sector) {
    return hidden_series.count("role_sector:" + supply.role_codes[role] + "/" +
                               std::string(Code(sector))) > 0;
  };
  const auto sector_hidden = [&](Sector sector) {
    return hidden_series.count("sector:" + std::string(Code(sector))) > 0;
  };

  DisclosureCells events;
  DisclosureCells exposures;
  // One exposure cell per role × sector × band: the leaving and retirement rows of a band share it.
  std::map<std::tuple<Index, Sector, std::size_t>, std::size_t> exposure_cell;
  const auto exposure_of = [&](Index role, Sector sector, std::size_t band,
                               const RateEvidence& evidence, bool seed) {
    const auto key = std::make_tuple(role, sector, band);
    const auto found = exposure_cell.find(key);
    if (found != exposure_cell.end()) {
      if (seed) exposures.hidden[found->second] = true;
      return found->second;
    }
    const std::size_t cell =
        exposures.Add(evidence.exposure, seed || SmallCount(evidence.exposure, threshold));
    exposure_cell.emplace(key, cell);
    return cell;
  };
  std::vector<std::size_t> leaving_event(rates.leaving.size());
  std::vector<std::size_t> leaving_exposure(rates.leaving.size());
  std::map<std::pair<Index, Sector>, std::vector<std::size_t>> leaving_group;  // row indices
  for (std::size_t idx = 0; idx < rates.leaving.size(); ++idx) {
    const LeaverRateRow& row = rates.leaving[idx];
    const auto events_count = static_cast<double>(row.evidence.events);
    leaving_event[idx] = events.Add(events_count, SmallCount(row.evidence.events, threshold));
    // The role × sector row (band kBands) has its own exposure cell, the sum of its bands'.
    leaving_exposure[idx] = exposure_of(row.role, row.sector, row.band, row.evidence,
                                        pair_hidden(row.role, row.sector));
    leaving_group[{row.role, row.sector}].push_back(idx);
  }
  for (const auto& [pair, rows] : leaving_group) {
    std::vector<std::size_t> event_relation;
    std::vector<std::size_t> exposure_relation;
    for (const std::size_t idx : rows) {
      event_relation.push_back(leaving_event[idx]);
      exposure_relation.push_back(leaving_exposure[idx]);
    }
    events.relations.push_back(std::move(event_relation));
    exposures.relations.push_back(std::move(exposure_relation));
  }
  std::vector<std::size_t> retirement_event(rates.retirement.size());
  std::vector<std::size_t> retirement_exposure(rates.retirement.size());
  std::map<std::pair<Sector, std::size_t>, std::vector<std::size_t>> retirement_group;
  for (std::size_t idx = 0; idx < rates.retirement.size(); ++idx) {
    const RetirementRateRow& row = rates.retirement[idx];
    retirement_event[idx] = events.Add(static_cast<double>(row.evidence.events),
                                       SmallCount(row.evidence.events, threshold));
    const bool seed =
        row.role == kNoIndex ? sector_hidden(row.sector) : pair_hidden(row.role, row.sector);
    retirement_exposure[idx] = exposure_of(row.role, row.sector, row.band, row.evidence, seed);
    retirement_group[{row.sector, row.band}].push_back(idx);
  }
  for (const auto& [key, rows] : retirement_group) {
    std::vector<std::size_t> event_relation;
    std::vector<std::size_t> exposure_relation;
    for (const std::size_t idx : rows) {
      event_relation.push_back(retirement_event[idx]);
      exposure_relation.push_back(retirement_exposure[idx]);
    }
    events.relations.push_back(std::move(event_relation));
    exposures.relations.push_back(std::move(exposure_relation));
  }
  intelligence::SuppressSecondary(events);
  intelligence::SuppressSecondary(exposures);

  // rate = Z × events / exposure + (1 − Z) × reference with Z = exposure / (exposure + k): any
  // three of them give the fourth, so the rate used goes whenever one of the others is hidden.
  const auto settle = [](RateEvidence& evidence, bool events_hidden, bool exposure_hidden,
                         bool reference_hidden) {
    evidence.events_hidden = events_hidden;
    evidence.exposure_hidden = exposure_hidden;
    evidence.reference_hidden = reference_hidden;
    evidence.rate_hidden =
        !evidence.overridden && (events_hidden || exposure_hidden || reference_hidden);
  };
  std::map<std::pair<Index, Sector>, bool> pair_rate_hidden;
  for (std::size_t idx = 0; idx < rates.leaving.size(); ++idx) {
    LeaverRateRow& row = rates.leaving[idx];
    if (row.band != kBands) continue;
    settle(row.evidence, events.hidden[leaving_event[idx]], exposures.hidden[leaving_exposure[idx]],
           false);
    pair_rate_hidden[{row.role, row.sector}] = row.evidence.rate_hidden;
  }
  for (std::size_t idx = 0; idx < rates.leaving.size(); ++idx) {
    LeaverRateRow& row = rates.leaving[idx];
    if (row.band == kBands) continue;
    settle(row.evidence, events.hidden[leaving_event[idx]], exposures.hidden[leaving_exposure[idx]],
           pair_rate_hidden[{row.role, row.sector}]);
  }
  std::map<std::pair<Sector, std::size_t>, bool> sector_rate_hidden;
  for (std::size_t idx = 0; idx < rates.retirement.size(); ++idx) {
    RetirementRateRow& row = rates.retirement[idx];
    if (row.role != kNoIndex) continue;
    settle(row.evidence, events.hidden[retirement_event[idx]],
           exposures.hidden[retirement_exposure[idx]], false);
    sector_rate_hidden[{row.sector, row.band}] = row.evidence.rate_hidden;
  }
  for (std::size_t idx = 0; idx < rates.retirement.size(); ++idx) {
    RetirementRateRow& row = rates.retirement[idx];
    if (row.role == kNoIndex) continue;
    settle(row.evidence, events.hidden[retirement_event[idx]],
           exposures.hidden[retirement_exposure[idx]], sector_rate_hidden[{row.sector, row.band}]);
  }
  for (ObservedJoiners& row : rates.joiners) {
    row.suppressed = SmallCount(row.joiners, threshold) || pair_hidden(row.role, row.sector);
  }
}

}  // namespace

void ApplySuppression(SupplyResult& supply, int threshold,
                      const intelligence::WorkforceProfile& profile) {
  if (threshold <= 0) return;
  SuppressSeries(supply, threshold, profile);
  SuppressRates(supply, threshold);
}

}  // namespace careforce::supply
