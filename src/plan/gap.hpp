#pragma once

#include <optional>
#include <string>
#include <vector>

#include "demand/demand.hpp"
#include "intelligence/profile.hpp"
#include "model/place.hpp"
#include "supply/projection.hpp"

namespace careforce::plan {

// Required against available FTE by role (and locality), year by year (docs/methods.md, "Gaps"):
// required = today's establishment (FTE in post and vacant), plus what the modelled services
// need beyond it in the base year, plus the change in the FTE they need; available = the supply projection, run by run, so that the chance of
// a gap larger than a threshold is the share of runs with one.
struct GapRow {
  Index role = kNoIndex;
  Index locality = kNoIndex;  // kNoIndex: the whole place
  int year = 0;
  double establishment = 0.0;  // base year: in post + vacant
  double service_change = 0.0;  // change in the modelled services' FTE since the base year
  double base_year_gap = 0.0;   // base year: what the services need beyond the establishment
  double required = 0.0;        // establishment + base-year gap + service change
  double available = 0.0;       // mean over runs
  double gap = 0.0;             // required - available (positive: short)
  std::optional<double> probability;  // of gap > threshold (none for expected values)
  double cost = 0.0;            // pay bill of the shortfall, GBP a year (0 when not short)
  // Shared outputs (SuppressEstablishment): the establishment less the FTE in post, which other
  // tables show, would give back a hidden vacancy count, so the establishment is hidden with
  // every figure from it (required, the base-year gap, the gap, the shortfall, its chance and cost).
  bool establishment_hidden = false;
  // A role's place row: the establishment of one of its localities is hidden, and the role's
  // shortfall (the positive gaps of its localities) would give that locality's gap back.
  bool shortfall_hidden = false;
};

// Competence-hours the modelled services need against the hours of the roles holding the
// competence (their hours for these services: base-year service FTE plus the change in their
// supply); short when even all of those hours could not cover it.
struct CompetenceGapRow {
  Index competence = kNoIndex;
  Index locality = kNoIndex;  // kNoIndex: the whole place
  int year = 0;
  double required_hours = 0.0;
  double holders_hours = 0.0;
  double gap_hours = 0.0;  // required - holders (positive: short)
};

// The base year reconciled (docs/methods.md, "Base year"): for each service and role, the FTE the
// service needs of the role at today's mix against the role's staff in post and establishment,
// over every modelled service.
struct BaseYearRow {
  std::size_t service = 0;
  Index role = kNoIndex;
  double service_fte = 0.0;     // this service's need of the role
  double services_fte = 0.0;    // every modelled service's need of the role
  double in_post_fte = 0.0;     // the role's staff in post (all their work)
  double establishment_fte = 0.0;
  // Share of the services' need the role's staff in post could give if they did nothing else
  // (min(1, in post / services)): below 1, today's staff cannot deliver today's modelled activity.
  double deliverable_share = 1.0;
  double base_year_gap_fte = 0.0;  // this service's part of max(0, services - establishment)
  bool establishment_hidden = false;  // the role's establishment and base-year gap (as in GapRow)
};

struct GapResult {
  double threshold_fte = 0.0;
  std::vector<GapRow> rows;  // place rows for every role and year, then locality rows
  std::vector<CompetenceGapRow> competence_rows;
  std::vector<std::string> competence_codes;
  std::vector<std::string> competence_names;
  std::vector<std::string> role_codes;
  std::vector<std::string> role_names;
  std::vector<StaffGroup> role_groups;
  std::vector<std::string> locality_names;
  std::vector<double> pay_per_fte;  // per role, GBP a year
  std::vector<BaseYearRow> base_year;
  std::vector<std::string> service_codes;
  std::vector<std::string> service_names;
  std::vector<double> calibration;  // per service, when the service model was calibrated to staff

  // The one shortfall of a year (of a role, or of every role): the positive gaps of roles in
  // their localities where supply is projected by locality, else of roles in the place. Every
  // output's "shortfall" is this figure, so totals by role, by locality and overall agree.
  double Shortfall(int year, Index role = kNoIndex) const;
  double ShortfallCost(int year, Index role = kNoIndex) const;
  // Shared outputs: the role's shortfall is hidden (SuppressEstablishment), so it is never named.
  bool ShortfallHidden(Index role) const;

 private:
  // The sum of `field` (its positive part, when asked) over the rows the shortfall counts.
  double Counted(int year, Index role, double GapRow::*field, bool positive) const;
};

GapResult AnalyseGaps(const Place& place, const demand::DemandResult* demand, const supply::SupplyResult& supply,
                      double threshold_fte);

// Small-number suppression of the establishment for outputs shared beyond one organisation
// (docs/methods.md, "Small-number suppression"): the establishment is the FTE in post (shown by
// the workforce, vacancy and supply tables) plus the vacant FTE, so it is hidden wherever the
// vacancies are: a role's where the profile hides its vacancies (or the supply its staff), a role
// in a locality's where it has 1 to threshold-1 vacancies there, and more localities of the role
// so that none is the only one hidden of its role. `profile` and `supply` as suppressed.
void SuppressEstablishment(GapResult& gaps, const Place& place, const intelligence::WorkforceProfile& profile,
                           const supply::SupplyResult& supply, int threshold);

// Per service, the factor that scales its reach so that every role's staff in post can give the
// base year's modelled activity (the least of min(1, in post / services' need) over its roles):
// the service model calibrated to the staff in post.
std::vector<double> StaffCalibration(const GapResult& gaps, std::size_t services);

}  // namespace careforce::plan
