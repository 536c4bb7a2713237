#pragma once

#include <array>
#include <string>
#include <vector>

#include "model/place.hpp"
#include "model/reference_figure.hpp"
#include "model/sector_group.hpp"
#include "model/supply.hpp"

namespace careforce::supply {

inline constexpr std::size_t kBands = kSupplyAgeBands.size();

// Reference flow rates (reference/): leaver rates of all leavers a year by sector group and role
// (synth/turnover.csv, "*" for any role) and retirement rates by sector group and age band
// (supply/retirement.csv).
struct SupplyReference {
  struct LeaverRate {
    SectorGroup group = SectorGroup::kNhs;
    std::string role;  // "*": any role not listed
    double rate = 0.0;
  };
  std::vector<LeaverRate> leaver_rates;
  std::array<std::array<double, kBands>, kSectorGroups> retirement{};  // [group][band]
  std::vector<ReferenceFigure> figures;  // every row read, in file order

  // The all-leaver rate of a role in a sector group (the role's row, else the group's "*" row).
  double AllLeaverRate(SectorGroup group, std::string_view role) const;
};

// Reads the reference tables; throws InputError.
SupplyReference LoadSupplyReference(const std::string& reference_directory);

// A flow rate with the evidence behind it: observed events over exposure in the year to the
// census, a reference rate, and the credibility weight Z = E / (E + k) given to the observation.
struct RateEvidence {
  double exposure = 0.0;  // mean staff in post over the year (posts)
  double staff_at_start = 0.0;  // posts 12 months before the census (in post then, or leavers who were)
  double staff_at_end = 0.0;    // posts at the census: exposure = their mean
  int64_t events = 0;     // leavers (or retirements) in the year
  bool observed_known = true;  // false: the place has no leavers table, so nothing was observed
  double observed = 0.0;
  double reference = 0.0;  // what the observation is blended with
  double credibility = 0.0;
  double rate = 0.0;       // used by the projection
  bool overridden = false;  // given in the supply configuration
  // Hidden in shared outputs (supply/disclosure.hpp): the observed rate goes with the events or
  // the exposure, the credibility with the exposure (it gives it back).
  bool exposure_hidden = false;
  bool events_hidden = false;
  bool reference_hidden = false;  // the reference is a place rate that is hidden
  bool rate_hidden = false;
};

// Leaving (other than retirement) by role × sector × age band: blended first for the role and
// sector against the reference, then for each band against the role and sector's rate.
struct LeaverRateRow {
  Index role = kNoIndex;
  Sector sector = Sector::kIndependent;
  std::size_t band = 0;  // kBands: the role and sector as a whole
  RateEvidence evidence;
};

// Retirement by age band (from 55): for a sector (role kNoIndex) against the reference, and for
// each role of the sector against the sector's rate.
struct RetirementRateRow {
  Index role = kNoIndex;
  Sector sector = Sector::kIndependent;
  std::size_t band = 0;
  RateEvidence evidence;
};

// Recruitment in the year to the census of one role and sector, and the ages joiners had.
struct ObservedJoiners {
  Index role = kNoIndex;
  Sector sector = Sector::kIndependent;
  int64_t joiners = 0;
  std::array<double, kBands> age_shares{};  // of the joiners, or of a wider group when they are few
  std::string age_basis;                    // "role and sector", "sector group", "staff in post"
  bool suppressed = false;                  // the count is hidden in shared outputs
};

struct FlowRates {
  std::vector<LeaverRateRow> leaving;       // role-sector rows (band kBands) and band rows
  std::vector<RetirementRateRow> retirement;
  std::vector<ObservedJoiners> joiners;
  // False when the place has no leavers table: every leaver and retirement rate is the reference.
  bool leavers_recorded = true;

  // The rates the projection uses.
  double Leaving(Index role, Sector sector, std::size_t band) const;
  double Retirement(Index role, Sector sector, std::size_t band) const;
};

// Flow rates of a place from its staff and leavers in the 12 months to the census, blended with
// the reference where the evidence is thin (the reference alone when it has no leavers table), and replaced where the configuration gives a rate
// (docs/methods.md, "Supply").
FlowRates MeasureFlowRates(const Place& place, const SupplyConfig& config, const SupplyReference& reference);

}  // namespace careforce::supply
