#include "supply/rates.hpp"

#include <algorithm>
#include <map>
#include <tuple>

#include <fmt/format.h>

#include "io/reference_table.hpp"
#include "io/table.hpp"
#include "model/error.hpp"

namespace careforce::supply {

namespace {

// Joiners below this many are pooled with a wider group to give their ages.
constexpr int64_t kJoinersForAges = 20;

// Whole years between two dates (ages at joining from ages now).
int WholeYears(Date from, Date to) { return static_cast<int>((to.days - from.days) / 365.25); }

struct Tally {
  double at_start = 0.0;
  double at_end = 0.0;
  int64_t leavers = 0;
  int64_t retirements = 0;
  double Exposure() const { return (at_start + at_end) / 2.0; }
};

// Without a leavers table nothing was observed (no zero leavers): credibility 0.
RateEvidence Blend(const Tally& tally, int64_t events, double reference, double k, bool observed) {
  const double exposure = tally.Exposure();
  RateEvidence evidence;
  evidence.exposure = exposure;
  evidence.staff_at_start = tally.at_start;
  evidence.staff_at_end = tally.at_end;
  evidence.events = events;
  evidence.observed_known = observed;
  evidence.observed = observed && exposure > 0 ? static_cast<double>(events) / exposure : 0.0;
  evidence.reference = reference;
  evidence.credibility = observed && exposure > 0 ? exposure / (exposure + k) : 0.0;
  evidence.rate = std::min(1.0, evidence.credibility * evidence.observed + (1.0 - evidence.credibility) * reference);
  return evidence;
}

bool Matches(const RateSelector& cells, Index role, Sector sector, std::size_t band) {
  return (!cells.role || *cells.role == role) && (!cells.sector || *cells.sector == sector) &&
         kSupplyAgeBands[band].first >= cells.age_from && kSupplyAgeBands[band].second <= cells.age_to;
}

// The last override matching a cell, applied to its evidence.
void Override(const std::vector<RateOverride>& overrides, Index role, Sector sector, std::size_t band, RateEvidence& evidence) {
  for (const RateOverride& given : overrides) {
    if (Matches(given.cells, role, sector, band)) {
      evidence.rate = given.rate;
      evidence.overridden = true;
    }
  }
}

}  // namespace

double SupplyReference::AllLeaverRate(SectorGroup group, std::string_view role) const {
  double any = 0.0;
  for (const LeaverRate& rate : leaver_rates) {
    if (rate.group != group) continue;
    if (rate.role == role) return rate.rate;
    if (rate.role == "*") any = rate.rate;
  }
  return any;
}

SupplyReference LoadSupplyReference(const std::string& reference_directory) {
  Diagnostics diagnostics;
  SupplyReference reference;
  {
    static constexpr io::Column kLayout[] = {{"sector_group", true}, {"role", true},   {"leaver_rate_per_year", true},
                                             {"description", false}, {"source", true}, {"basis", true}};
    io::ReadReferenceTable(reference_directory, "synth/turnover.csv", kLayout, diagnostics, [&](const io::Table& table) {
      const auto group = ParseSectorGroup(table.Get(0));
      const auto rate = table.Number(2, "leaver rate", 0, false, 1, false);
      if (!group) table.Error(0, "sector group is not allowed, expected nhs, primary_care or social_care");
      if (group && rate) {
        reference.leaver_rates.push_back({*group, std::string(table.Get(1)), *rate});
        reference.figures.push_back({"synth/turnover.csv", fmt::format("{} {}", table.Get(0), table.Get(1)),
                                     std::string(table.Get(2)), std::string(table.Get(3)), std::string(table.Get(4)),
                                     std::string(table.Get(5))});
      }
    });
  }
  {
    static constexpr io::Column kLayout[] = {{"sector_group", true}, {"age_from", true}, {"age_to", true},
                                             {"rate", true},         {"description", false}, {"source", true},
                                             {"basis", true}};
    std::array<std::array<bool, kBands>, kSectorGroups> given{};
    io::ReadReferenceTable(reference_directory, "supply/retirement.csv", kLayout, diagnostics, [&](const io::Table& table) {
      const auto group = ParseSectorGroup(table.Get(0));
      const auto from = table.Integer(1, "age_from", kSupplyMinAge, kSupplyMaxAge);
      const auto to = table.Integer(2, "age_to", kSupplyMinAge, kSupplyMaxAge);
      const auto rate = table.Number(3, "retirement rate", 0, false, 1, false);
      if (!group) table.Error(0, "sector group is not allowed, expected nhs, primary_care or social_care");
      if (!group || !from || !to || !rate) return;
      const auto band = std::find(kSupplyAgeBands.begin(), kSupplyAgeBands.end(), std::pair<int, int>(*from, *to));
      if (band == kSupplyAgeBands.end() || band - kSupplyAgeBands.begin() < kFirstRetirementBand) {
        table.Error(1, fmt::format("ages {}-{} are not a retirement age band, expected 55-59, 60-64, 65-69 or 70-80", *from, *to));
        return;
      }
      const auto idx = static_cast<std::size_t>(band - kSupplyAgeBands.begin());
      reference.retirement[static_cast<std::size_t>(*group)][idx] = *rate;
      given[static_cast<std::size_t>(*group)][idx] = true;
      reference.figures.push_back({"supply/retirement.csv", fmt::format("{} {}-{}", table.Get(0), *from, *to),
                                   std::string(table.Get(3)), std::string(table.Get(4)), std::string(table.Get(5)),
                                   std::string(table.Get(6))});
    });
    for (std::size_t group = 0; group < kSectorGroups && !diagnostics.HasErrors(); ++group) {
      for (std::size_t band = kFirstRetirementBand; band < kBands; ++band) {
        if (!given[group][band]) {
          diagnostics.Error(Location{reference_directory + "/supply/retirement.csv", 1, 1},
                            fmt::format("no retirement rate for {} aged {}-{}, expected a row for every sector group "
                                        "and retirement age band",
                                        kSectorGroupCodes[group], kSupplyAgeBands[band].first, kSupplyAgeBands[band].second));
        }
      }
    }
  }
  if (diagnostics.HasErrors()) throw InputError(std::move(diagnostics));
  return reference;
}

double FlowRates::Leaving(Index role, Sector sector, std::size_t band) const {
  for (const LeaverRateRow& row : leaving) {
    if (row.role == role && row.sector == sector && row.band == band) return row.evidence.rate;
  }
  throw InternalError(fmt::format("no leaver rate for role {} in {}", role, Code(sector)));
}

double FlowRates::Retirement(Index role, Sector sector, std::size_t band) const {
  if (band < kFirstRetirementBand) return 0.0;
  for (const RetirementRateRow& row : retirement) {
    if (row.role == role && row.sector == sector && row.band == band) return row.evidence.rate;
  }
  throw InternalError(fmt::format("no retirement rate for {}", Code(sector)));
}

FlowRates MeasureFlowRates(const Place& place, const SupplyConfig& config, const SupplyReference& reference) {
  const Date period_start = AddMonths(place.census_date, -12);
  const double k = config.credibility_staff_years;
  const bool observed = place.leavers_recorded;
  using Key = std::tuple<Index, Sector, std::size_t>;  // role, sector, band
  std::map<Key, Tally> tallies;
  std::map<std::pair<Index, Sector>, std::vector<int>> joiner_ages;  // ages at joining
  const auto sector_of = [&](Index organisation) { return place.organisations[organisation].sector; };
  for (const StaffPost& post : place.staff) {
    const Sector sector = sector_of(post.organisation);
    Tally& tally = tallies[{post.role, sector, SupplyAgeBand(post.age)}];
    tally.at_end += 1;
    if (post.start_date <= period_start) {
      tally.at_start += 1;
    } else {
      joiner_ages[{post.role, sector}].push_back(post.age - WholeYears(post.start_date, place.census_date));
    }
  }
  for (const Leaver& leaver : place.leavers) {
    if (leaver.leave_date <= period_start) continue;
    const Sector sector = sector_of(leaver.organisation);
    const std::size_t band = SupplyAgeBand(leaver.age);
    Tally& tally = tallies[{leaver.role, sector, band}];
    if (leaver.start_date <= period_start) {
      tally.at_start += 1;
    } else {
      joiner_ages[{leaver.role, sector}].push_back(leaver.age - WholeYears(leaver.start_date, leaver.leave_date));
    }
    if (leaver.reason == LeaveReason::kRetirement && band >= kFirstRetirementBand) {
      ++tally.retirements;
    } else {
      ++tally.leavers;
    }
  }
  // Every role and sector the projection needs: those with staff or leavers, and the targets
  // and sources of configured flows.
  std::map<std::pair<Index, Sector>, bool> pairs;
  for (const auto& [key, tally] : tallies) pairs[{std::get<0>(key), std::get<1>(key)}] = true;
  for (const JoinerFlow& flow : config.joiners) pairs[{flow.role, flow.sector}] = true;
  for (const Pipeline& pipeline : config.pipelines) pairs[{pipeline.role, pipeline.sector}] = true;
  for (const MoveFlow& move : config.moves) {
    for (const auto& [pair, present] : std::map(pairs)) {
      if (pair.first == move.from_role && (!move.from_sector || *move.from_sector == pair.second)) {
        pairs[{move.to_role, move.to_sector.value_or(pair.second)}] = true;
      }
    }
  }

  FlowRates rates;
  rates.leavers_recorded = place.leavers_recorded;
  // Retirement: sector × band against the reference, then role × sector × band against that.
  std::map<std::pair<Sector, std::size_t>, Tally> by_sector;
  for (const auto& [key, tally] : tallies) {
    Tally& sum = by_sector[{std::get<1>(key), std::get<2>(key)}];
    sum.at_start += tally.at_start;
    sum.at_end += tally.at_end;
    sum.retirements += tally.retirements;
  }
  std::map<Sector, bool> sectors;
  for (const auto& [pair, present] : pairs) sectors[pair.second] = true;
  std::map<std::pair<Sector, std::size_t>, double> sector_retirement;
  for (const auto& [sector, present] : sectors) {
    for (std::size_t band = kFirstRetirementBand; band < kBands; ++band) {
      const Tally& tally = by_sector[{sector, band}];
      RateEvidence evidence = Blend(tally, tally.retirements,
                                    reference.retirement[static_cast<std::size_t>(SectorGroupOf(sector))][band], k, observed);
      sector_retirement[{sector, band}] = evidence.rate;
      rates.retirement.push_back(RetirementRateRow{kNoIndex, sector, band, evidence});
    }
  }
  std::map<Key, double> retirement_of;
  for (const auto& [pair, present] : pairs) {
    const auto [role, sector] = pair;
    for (std::size_t band = kFirstRetirementBand; band < kBands; ++band) {
      const auto found = tallies.find({role, sector, band});
      const Tally tally = found == tallies.end() ? Tally{} : found->second;
      RateEvidence evidence = Blend(tally, tally.retirements, sector_retirement[{sector, band}], k, observed);
      Override(config.retirement_rates, role, sector, band, evidence);
      retirement_of[{role, sector, band}] = evidence.rate;
      rates.retirement.push_back(RetirementRateRow{role, sector, band, evidence});
    }
  }

  // Leaving other than retirement: role × sector against the reference (all leavers less the
  // retirement the role's age profile implies), then each band against the role and sector.
  for (const auto& [pair, present] : pairs) {
    const auto [role, sector] = pair;
    Tally whole;
    double retiring = 0.0;
    for (std::size_t band = 0; band < kBands; ++band) {
      const auto found = tallies.find({role, sector, band});
      if (found == tallies.end()) continue;
      whole.at_start += found->second.at_start;
      whole.at_end += found->second.at_end;
      whole.leavers += found->second.leavers;
      if (band >= kFirstRetirementBand) retiring += found->second.at_end * retirement_of[{role, sector, band}];
    }
    const double all_leavers = reference.AllLeaverRate(SectorGroupOf(sector), ReferenceCode(place.roles[role]));
    const double reference_rate = std::max(0.0, all_leavers - (whole.at_end > 0 ? retiring / whole.at_end : 0.0));
    const RateEvidence overall = Blend(whole, whole.leavers, reference_rate, k, observed);
    rates.leaving.push_back(LeaverRateRow{role, sector, kBands, overall});
    for (std::size_t band = 0; band < kBands; ++band) {
      const auto found = tallies.find({role, sector, band});
      const Tally tally = found == tallies.end() ? Tally{} : found->second;
      RateEvidence evidence = Blend(tally, tally.leavers, overall.rate, k, observed);
      Override(config.leaver_rates, role, sector, band, evidence);
      evidence.rate = std::min(1.0, evidence.rate * config.leaver_rate_factor);
      rates.leaving.push_back(LeaverRateRow{role, sector, band, evidence});
    }
  }

  // Recruitment in the year to the census and the ages of joiners.
  const auto shares_of = [](const std::vector<int>& ages) {
    std::array<double, kBands> shares{};
    for (const int age : ages) shares[SupplyAgeBand(std::clamp(age, kSupplyMinAge, kSupplyMaxAge))] += 1.0;
    for (double& share : shares) share /= static_cast<double>(ages.size());
    return shares;
  };
  std::map<SectorGroup, std::vector<int>> group_ages;
  for (const auto& [pair, ages] : joiner_ages) {
    auto& pooled = group_ages[SectorGroupOf(pair.second)];
    pooled.insert(pooled.end(), ages.begin(), ages.end());
  }
  std::map<std::pair<Index, Sector>, std::vector<int>> staff_ages;
  for (const StaffPost& post : place.staff) staff_ages[{post.role, sector_of(post.organisation)}].push_back(post.age);
  for (const auto& [pair, present] : pairs) {
    ObservedJoiners observed;
    observed.role = pair.first;
    observed.sector = pair.second;
    const auto own = joiner_ages.find(pair);
    observed.joiners = own == joiner_ages.end() ? 0 : static_cast<int64_t>(own->second.size());
    if (observed.joiners >= kJoinersForAges) {
      observed.age_shares = shares_of(own->second);
      observed.age_basis = "role and sector";
    } else if (const auto group = group_ages.find(SectorGroupOf(pair.second));
               group != group_ages.end() && static_cast<int64_t>(group->second.size()) >= kJoinersForAges) {
      observed.age_shares = shares_of(group->second);
      observed.age_basis = "sector group";
    } else if (const auto staff = staff_ages.find(pair); staff != staff_ages.end()) {
      observed.age_shares = shares_of(staff->second);
      observed.age_basis = "staff in post";
    } else {
      observed.age_shares.fill(1.0 / kBands);
      observed.age_basis = "even";
    }
    rates.joiners.push_back(observed);
  }
  return rates;
}

}  // namespace careforce::supply
