#include "supply/disclosure.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "intelligence/disclosure.hpp"

namespace careforce::supply {

namespace {

using intelligence::DisclosureCells;
using intelligence::SmallCount;
using intelligence::WorkforceProfile;

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
// sector's roles to the sector; a locality's roles to the locality), and a staff group's roles to
// the group's figures of the workforce tables (the base year) and of the gaps (every year). What
// is hidden here is hidden in the profile's tables of the same people too.
void SuppressSeries(SupplyResult& supply, int threshold, WorkforceProfile& profile) {
  const std::set<std::string> hidden_roles = HiddenCodes(profile.by_role);
  const std::set<std::string> hidden_sectors = HiddenCodes(profile.by_sector);
  const std::set<std::string> hidden_localities = HiddenCodes(profile.by_locality);
  std::set<std::string> hidden_role_sectors;
  for (const intelligence::PayFigures& row : profile.pay) {
    if (row.suppressed) hidden_role_sectors.insert(row.role + "/" + row.sector);
  }
  std::map<std::string, std::string> staff_group;
  for (const intelligence::GroupFigures& role : profile.by_role) staff_group[role.code] = role.parent;
  DisclosureCells cells;
  std::map<std::string, std::size_t>
      margin;  // "role:RN", "sector:nhs_trust", "locality:L1", "total"
  std::map<std::pair<std::string, std::string>, std::vector<std::size_t>>
      members;  // (margin, group)
  for (std::size_t idx = 0; idx < supply.series.size(); ++idx) {
    const SupplySeries& series = supply.series[idx];
    const double base = series.headcount.mean.empty() ? 0.0 : series.headcount.mean.front();
    bool hidden = series.suppressed || SmallCount(base, threshold);
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
      if (series.dimension == "role" && staff_group.count(series.code))
        members[{"staff_group:" + staff_group[series.code], "role"}].push_back(idx);
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
  std::set<std::string> hidden_series;  // "dimension:code"
  for (std::size_t idx = 0; idx < supply.series.size(); ++idx) {
    SupplySeries& series = supply.series[idx];
    series.suppressed = cells.hidden[idx];
    if (series.dimension == "role") role_hidden[series.code] = series.suppressed;
    if (series.suppressed) hidden_series.insert(series.dimension + ":" + series.code);
  }
  for (RoleFlows& flows : supply.role_flows)
    flows.suppressed = flows.suppressed || role_hidden[supply.role_codes[flows.role]];
  // The base year of a series is the profile's figure of the same people.
  for (auto [groups, dimension] : {std::pair{&profile.by_role, "role:"}, std::pair{&profile.by_sector, "sector:"},
                                   std::pair{&profile.by_locality, "locality:"}}) {
    for (intelligence::GroupFigures& group : *groups) {
      group.suppressed = group.suppressed || hidden_series.count(dimension + group.code) > 0;
    }
  }
  for (intelligence::PayFigures& row : profile.pay) {
    row.suppressed = row.suppressed || hidden_series.count("role_sector:" + row.role + "/" + row.sector) > 0;
  }
}

// Rate evidence, observed joiners and the profile's turnover tables as one set of cells: they
// count the same leavers, posts and joiners, related by
//   a role and sector's leavers (its all-ages leaving events and its retirements)
//     = posts at the start + joiners − posts at the end,
//   its exposure = (posts at the start + posts at the end) / 2, its posts at the end those of the
//     pay table,
// and by the sums of roles and sectors the tables show. Then each row hides what the rest of it
// would give back.
void SuppressFlows(SupplyResult& supply, int threshold, WorkforceProfile& profile) {
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
  // An exposure gives back the posts at the start and at the end (the pay table shows those at
  // the end of a role and sector): hidden when either is small, or when it is itself below the
  // threshold (a mean of 4.5 is one count under 5 and one over).
  const auto small_exposure = [&](const RateEvidence& evidence) {
    return (evidence.exposure > 0 && evidence.exposure < threshold) ||
           SmallCount(evidence.staff_at_start, threshold) || SmallCount(evidence.staff_at_end, threshold);
  };

  DisclosureCells cells;
  // One exposure cell per role × sector × band: the leaving and retirement rows of a band share it.
  std::map<std::tuple<Index, Sector, std::size_t>, std::size_t> exposure_cell;
  const auto exposure_of = [&](Index role, Sector sector, std::size_t band, const RateEvidence& evidence,
                               bool seed) {
    const auto key = std::make_tuple(role, sector, band);
    const bool hidden = seed || evidence.exposure_hidden || small_exposure(evidence);
    const auto found = exposure_cell.find(key);
    if (found != exposure_cell.end()) {
      if (hidden) cells.hidden[found->second] = true;
      return found->second;
    }
    const std::size_t cell = cells.Add(evidence.exposure, hidden);
    exposure_cell.emplace(key, cell);
    return cell;
  };
  // Without a leavers table nothing was observed: no event is shown.
  const auto event_of = [&](const RateEvidence& evidence) {
    if (!evidence.observed_known) return cells.Add(static_cast<double>(evidence.events), true, true);
    return cells.Add(static_cast<double>(evidence.events),
                     evidence.events_hidden || SmallCount(evidence.events, threshold));
  };

  std::vector<std::size_t> leaving_event(rates.leaving.size());
  std::vector<std::size_t> leaving_exposure(rates.leaving.size());
  std::map<std::pair<Index, Sector>, std::vector<std::size_t>> leaving_group;  // row indices
  for (std::size_t idx = 0; idx < rates.leaving.size(); ++idx) {
    const LeaverRateRow& row = rates.leaving[idx];
    leaving_event[idx] = event_of(row.evidence);
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
    cells.relations.push_back(std::move(event_relation));
    cells.relations.push_back(std::move(exposure_relation));
  }
  std::vector<std::size_t> retirement_event(rates.retirement.size());
  std::vector<std::size_t> retirement_exposure(rates.retirement.size());
  std::map<std::pair<Sector, std::size_t>, std::vector<std::size_t>> retirement_group;
  for (std::size_t idx = 0; idx < rates.retirement.size(); ++idx) {
    const RetirementRateRow& row = rates.retirement[idx];
    retirement_event[idx] = event_of(row.evidence);
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
    cells.relations.push_back(std::move(event_relation));
    cells.relations.push_back(std::move(exposure_relation));
  }
  std::vector<std::size_t> joiner_cell(rates.joiners.size());
  for (std::size_t idx = 0; idx < rates.joiners.size(); ++idx) {
    const ObservedJoiners& row = rates.joiners[idx];
    joiner_cell[idx] = cells.Add(static_cast<double>(row.joiners), row.suppressed ||
                                                                      SmallCount(row.joiners, threshold) ||
                                                                      pair_hidden(row.role, row.sector));
  }

  // Each role and sector: its all-ages leaving row, retirement rows, joiners and posts at the
  // end (the pay table's, as shown there).
  struct Pair {
    std::size_t leavers = SIZE_MAX;  // all-ages leaving events
    std::size_t exposure = SIZE_MAX;
    std::vector<std::size_t> retirements;
    std::size_t joiners = SIZE_MAX;
  };
  std::map<std::pair<Index, Sector>, Pair> pairs;
  for (std::size_t idx = 0; idx < rates.leaving.size(); ++idx) {
    const LeaverRateRow& row = rates.leaving[idx];
    if (row.band != kBands) continue;
    pairs[{row.role, row.sector}].leavers = leaving_event[idx];
    pairs[{row.role, row.sector}].exposure = leaving_exposure[idx];
  }
  std::map<Sector, std::vector<std::size_t>> sector_retirements;  // the sector rows' events
  for (std::size_t idx = 0; idx < rates.retirement.size(); ++idx) {
    const RetirementRateRow& row = rates.retirement[idx];
    if (row.role == kNoIndex) {
      sector_retirements[row.sector].push_back(retirement_event[idx]);
    } else {
      pairs[{row.role, row.sector}].retirements.push_back(retirement_event[idx]);
    }
  }
  for (std::size_t idx = 0; idx < rates.joiners.size(); ++idx) {
    pairs[{rates.joiners[idx].role, rates.joiners[idx].sector}].joiners = joiner_cell[idx];
  }
  std::map<std::pair<std::string, std::string>, const intelligence::PayFigures*> pay;
  for (const intelligence::PayFigures& row : profile.pay) pay[{row.role, row.sector}] = &row;
  for (const auto& [key, pair] : pairs) {
    if (pair.leavers == SIZE_MAX || pair.exposure == SIZE_MAX || pair.joiners == SIZE_MAX) continue;
    const auto found = pay.find({supply.role_codes[key.first], std::string(Code(key.second))});
    const std::size_t posts = found == pay.end() ? cells.Add(0.0, false, true)
                                                 : cells.Add(static_cast<double>(found->second->posts),
                                                             found->second->suppressed, true);
    std::vector<std::size_t> relation = {pair.joiners, pair.leavers, pair.exposure, posts};
    relation.insert(relation.end(), pair.retirements.begin(), pair.retirements.end());
    cells.relations.push_back(std::move(relation));
  }

  // The turnover tables: posts at the start and leavers of each role, sector and all staff (posts
  // at the end are the workforce tables' posts, shown or hidden there), against the rate
  // evidence and joiners of their roles and sectors.
  struct Turnover {
    intelligence::TurnoverFigures* row = nullptr;
    std::size_t start = 0;
    std::size_t end = 0;
    std::size_t leavers = 0;
  };
  std::vector<Turnover> turnover;
  const std::set<std::string> hidden_roles = HiddenCodes(profile.by_role);
  const std::set<std::string> hidden_sectors = HiddenCodes(profile.by_sector);
  const auto add_turnover = [&](intelligence::TurnoverFigures& row, bool end_hidden) {
    Turnover cell{&row, cells.Add(static_cast<double>(row.staff_at_start), row.suppressed),
                  cells.Add(static_cast<double>(row.staff_at_end), end_hidden, true),
                  cells.Add(static_cast<double>(row.leavers), row.leavers_suppressed)};
    // The leaver rate over the mean of the posts at the start and end gives a hidden start back.
    cells.implications.emplace_back(cell.start, cell.leavers);
    turnover.push_back(cell);
    return cell;
  };
  if (profile.has_leavers) {
    const Turnover total = add_turnover(profile.turnover_total, false);
    std::vector<std::size_t> all_joiners = {total.leavers, total.start, total.end};
    std::vector<std::size_t> all_leavers = {total.leavers};
    std::vector<std::size_t> all_exposure = {total.start, total.end};
    for (const auto& [key, pair] : pairs) {
      if (pair.joiners != SIZE_MAX) all_joiners.push_back(pair.joiners);
      if (pair.leavers != SIZE_MAX) all_leavers.push_back(pair.leavers);
      if (pair.exposure != SIZE_MAX) all_exposure.push_back(pair.exposure);
    }
    for (const auto& [sector, events] : sector_retirements) all_leavers.insert(all_leavers.end(), events.begin(), events.end());
    cells.relations.push_back(std::move(all_joiners));
    cells.relations.push_back(std::move(all_leavers));
    cells.relations.push_back(std::move(all_exposure));
    std::map<std::string, Index> role_of;
    for (Index role = 0; role < supply.role_codes.size(); ++role) role_of[supply.role_codes[role]] = role;
    for (auto [rows, by_role] : {std::pair{&profile.turnover_by_role, true}, std::pair{&profile.turnover_by_sector, false}}) {
      std::vector<std::size_t> starts = {total.start};
      std::vector<std::size_t> leavers = {total.leavers};
      for (intelligence::TurnoverFigures& row : *rows) {
        const Turnover cell = add_turnover(row, (by_role ? hidden_roles : hidden_sectors).count(row.code) > 0);
        starts.push_back(cell.start);
        leavers.push_back(cell.leavers);
        std::vector<std::size_t> joined = {cell.leavers, cell.start, cell.end};
        std::vector<std::size_t> left = {cell.leavers};
        std::vector<std::size_t> exposure = {cell.start, cell.end};
        const std::optional<Sector> sector = by_role ? std::nullopt : ParseCode<Sector>(row.code);
        const auto role = role_of.find(row.code);
        if (by_role && role == role_of.end()) continue;
        if (!by_role && !sector) continue;
        for (const auto& [key, pair] : pairs) {
          if (by_role ? key.first != role->second : key.second != *sector) continue;
          if (pair.joiners != SIZE_MAX) joined.push_back(pair.joiners);
          if (pair.leavers != SIZE_MAX) left.push_back(pair.leavers);
          if (pair.exposure != SIZE_MAX) exposure.push_back(pair.exposure);
          if (by_role) left.insert(left.end(), pair.retirements.begin(), pair.retirements.end());
        }
        if (!by_role) {
          const auto events = sector_retirements.find(*sector);
          if (events != sector_retirements.end()) left.insert(left.end(), events->second.begin(), events->second.end());
        }
        cells.relations.push_back(std::move(joined));
        cells.relations.push_back(std::move(left));
        cells.relations.push_back(std::move(exposure));
      }
      cells.relations.push_back(std::move(starts));
      cells.relations.push_back(std::move(leavers));
    }
  }
  intelligence::SuppressSecondary(cells);
  for (const Turnover& cell : turnover) {
    cell.row->suppressed = cell.row->suppressed || cells.hidden[cell.start];
    cell.row->leavers_suppressed = cell.row->leavers_suppressed || cells.hidden[cell.leavers];
  }
  for (std::size_t idx = 0; idx < rates.joiners.size(); ++idx) rates.joiners[idx].suppressed = cells.hidden[joiner_cell[idx]];

  // rate = Z × events / exposure + (1 − Z) × reference with Z = exposure / (exposure + k): any
  // three of them give the fourth, so the rate used goes whenever one of the others is hidden.
  const auto settle = [](RateEvidence& evidence, bool events_hidden, bool exposure_hidden,
                         bool reference_hidden) {
    evidence.events_hidden = evidence.events_hidden || (evidence.observed_known && events_hidden);
    evidence.exposure_hidden = evidence.exposure_hidden || exposure_hidden;
    evidence.reference_hidden = evidence.reference_hidden || reference_hidden;
    evidence.rate_hidden =
        !evidence.overridden && (evidence.events_hidden || evidence.exposure_hidden || evidence.reference_hidden);
  };
  std::map<std::pair<Index, Sector>, bool> pair_rate_hidden;
  for (std::size_t idx = 0; idx < rates.leaving.size(); ++idx) {
    LeaverRateRow& row = rates.leaving[idx];
    if (row.band != kBands) continue;
    settle(row.evidence, cells.hidden[leaving_event[idx]], cells.hidden[leaving_exposure[idx]], false);
    pair_rate_hidden[{row.role, row.sector}] = row.evidence.rate_hidden;
  }
  for (std::size_t idx = 0; idx < rates.leaving.size(); ++idx) {
    LeaverRateRow& row = rates.leaving[idx];
    if (row.band == kBands) continue;
    settle(row.evidence, cells.hidden[leaving_event[idx]], cells.hidden[leaving_exposure[idx]],
           pair_rate_hidden[{row.role, row.sector}]);
  }
  std::map<std::pair<Sector, std::size_t>, bool> sector_rate_hidden;
  for (std::size_t idx = 0; idx < rates.retirement.size(); ++idx) {
    RetirementRateRow& row = rates.retirement[idx];
    if (row.role != kNoIndex) continue;
    settle(row.evidence, cells.hidden[retirement_event[idx]], cells.hidden[retirement_exposure[idx]], false);
    sector_rate_hidden[{row.sector, row.band}] = row.evidence.rate_hidden;
  }
  for (std::size_t idx = 0; idx < rates.retirement.size(); ++idx) {
    RetirementRateRow& row = rates.retirement[idx];
    if (row.role == kNoIndex) continue;
    settle(row.evidence, cells.hidden[retirement_event[idx]], cells.hidden[retirement_exposure[idx]],
           sector_rate_hidden[{row.sector, row.band}]);
  }
}

// Every figure marked hidden, in the profile and the supply: the passes below only ever hide,
// so they are done when this stops growing.
std::size_t HiddenFigures(const SupplyResult& supply, const WorkforceProfile& profile) {
  std::size_t hidden = 0;
  for (const auto* groups : {&profile.by_sector, &profile.by_staff_group, &profile.by_role, &profile.by_locality,
                             &profile.by_organisation, &profile.leavers_by_reason}) {
    for (const intelligence::GroupFigures& group : *groups) hidden += group.suppressed;
  }
  for (const auto* rows : {&profile.turnover_by_role, &profile.turnover_by_sector}) {
    for (const auto& row : *rows) hidden += row.suppressed + row.leavers_suppressed + row.stability_suppressed;
  }
  hidden += profile.turnover_total.suppressed + profile.turnover_total.leavers_suppressed;
  for (const auto* rows : {&profile.vacancies_by_role, &profile.vacancies_by_sector}) {
    for (const auto& row : *rows) hidden += row.suppressed + row.open_suppressed + row.in_post_suppressed;
  }
  for (const auto& row : profile.pay) hidden += row.suppressed;
  for (const auto& row : profile.pay_gaps) hidden += row.suppressed + row.nhs_suppressed + row.social_care_suppressed;
  for (const auto* rows : {&profile.retirement_by_staff_group, &profile.retirement_by_sector}) {
    for (const auto& row : *rows) hidden += row.suppressed;
  }
  for (const auto& row : profile.competence_coverage) hidden += row.suppressed;
  for (const SupplySeries& series : supply.series) hidden += series.suppressed;
  for (const RoleFlows& flows : supply.role_flows) hidden += flows.suppressed;
  const auto evidence = [&](const RateEvidence& e) {
    hidden += e.events_hidden + e.exposure_hidden + e.reference_hidden + e.rate_hidden;
  };
  for (const LeaverRateRow& row : supply.rates.leaving) evidence(row.evidence);
  for (const RetirementRateRow& row : supply.rates.retirement) evidence(row.evidence);
  for (const ObservedJoiners& row : supply.rates.joiners) hidden += row.suppressed;
  return hidden;
}

}  // namespace

void ApplySuppression(SupplyResult& supply, int threshold, WorkforceProfile& profile) {
  if (threshold <= 0) return;
  // Each pass only hides; it hides what the tables of the others then need, until none does.
  std::size_t before = HiddenFigures(supply, profile);
  while (true) {
    intelligence::ApplySuppression(profile);
    SuppressSeries(supply, threshold, profile);
    intelligence::ApplySuppression(profile);
    SuppressFlows(supply, threshold, profile);
    intelligence::ApplySuppression(profile);
    const std::size_t after = HiddenFigures(supply, profile);
    if (after == before) break;
    before = after;
  }
}

}  // namespace careforce::supply
