#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/diagnostic.hpp"
#include "model/enums.hpp"
#include "model/place.hpp"

namespace careforce {

// The youngest and oldest ages the supply projection keeps; staff ageing past the oldest retire.
inline constexpr int kSupplyMinAge = 16;
inline constexpr int kSupplyMaxAge = 80;
inline constexpr int kSupplyAges = kSupplyMaxAge - kSupplyMinAge + 1;

// Age bands in which flow rates are measured, blended and given.
inline constexpr std::array<std::pair<int, int>, 8> kSupplyAgeBands = {
    std::pair{16, 24}, std::pair{25, 34}, std::pair{35, 44}, std::pair{45, 54},
    std::pair{55, 59}, std::pair{60, 64}, std::pair{65, 69}, std::pair{70, 80}};
// Retirement is a flow of the bands from 55 on; earlier retirement counts as leaving.
inline constexpr int kFirstRetirementBand = 4;

constexpr std::size_t SupplyAgeBand(int age) {
  for (std::size_t band = kSupplyAgeBands.size(); band-- > 0;) {
    if (age >= kSupplyAgeBands[band].first) return band;
  }
  return 0;
}

// Where joiners come from.
enum class JoinerSource : uint8_t {
  kObserved,        // recruitment as in the year to the census (the default)
  kNewlyQualified,
  kInternational,
  kLabourMarket,    // the wider labour market
  kReturners,
  kOtherSector,     // from another sector or role outside the place's own flows
};
inline constexpr std::size_t kJoinerSources = 6;

template <>
struct EnumInfo<JoinerSource> {
  static constexpr std::string_view kWhat = "joiner source";
  static constexpr std::array<std::string_view, kJoinerSources> kCodes = {
      "observed", "newly_qualified", "international", "labour_market", "returners", "other_sector"};
  static constexpr std::array<std::string_view, kJoinerSources> kLabels = {
      "Recruitment as last year", "Newly qualified", "International recruitment", "Wider labour market",
      "Returners", "From other sectors"};
};

// Which cells of role × sector × age band a configured rate applies to (unset: all).
struct RateSelector {
  std::optional<Index> role;
  std::optional<Sector> sector;
  int age_from = kSupplyMinAge;
  int age_to = kSupplyMaxAge;
};

struct RateOverride {
  RateSelector cells;
  double rate = 0.0;
  Location where;
};

// Joiners of one role and sector from one source: a volume a year or a rate of the role and
// sector's headcount at the start of the year.
struct JoinerFlow {
  Index role = kNoIndex;
  Sector sector = Sector::kIndependent;
  JoinerSource source = JoinerSource::kLabourMarket;
  std::optional<double> per_year;
  std::optional<double> rate;
  std::optional<std::pair<int, int>> ages;  // unset: the ages of the place's recent joiners
  Location where;
};

// Staff of a role (and sector) moving each year to another role and/or sector.
struct MoveFlow {
  Index from_role = kNoIndex;
  std::optional<Sector> from_sector;
  Index to_role = kNoIndex;
  std::optional<Sector> to_sector;  // unset: the sector they are in
  double rate = 0.0;
  Location where;
};

// A training pipeline: intake, length, attrition, completing into a role and sector.
struct Pipeline {
  std::string name;
  Index role = kNoIndex;
  Sector sector = Sector::kIndependent;
  int years = 1;
  double attrition_per_year = 0.0;
  std::optional<double> intake_per_year;  // from outside the workforce
  std::optional<Index> from_role;         // or a share of a role's staff a year
  std::optional<Sector> from_sector;
  double intake_rate = 0.0;
  std::pair<int, int> intake_ages{18, 24};  // ages of an outside intake
  std::vector<double> in_training;          // people who have completed 0, 1, ... years today
  Location where;
};

// The supply configuration of a place (supply.toml; docs/formats.md).
struct SupplyConfig {
  std::string path;                   // empty: no file, defaults only
  double credibility_staff_years = 50.0;  // k of the credibility weight Z = E / (E + k)
  bool by_locality = true;
  bool observed_joiners = true;  // recruit as last year where no joiners are given for a role and sector
  double leaver_rate_factor = 1.0;  // every leaving rate (not retirement) times this (scenarios)
  std::vector<RateOverride> leaver_rates;
  std::vector<RateOverride> retirement_rates;
  std::vector<JoinerFlow> joiners;
  std::vector<MoveFlow> moves;
  std::vector<Pipeline> pipelines;
};

}  // namespace careforce
