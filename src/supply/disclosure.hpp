#pragma once

#include "intelligence/profile.hpp"
#include "supply/projection.hpp"

namespace careforce::supply {

// Small-number suppression of a supply projection for outputs shared beyond one organisation
// (docs/methods.md, "Small-number suppression"), with the rule of intelligence/disclosure.hpp:
// - series (role, sector, role × sector, locality, role × locality) whose base-year headcount is
//   from 1 to threshold-1, or whose group the profile hides, are hidden in every year, then more
//   by secondary suppression against the totals they add up to (a staff group's roles too); role
//   flows with their role;
// - rate evidence: events (leavers, retirements) of 1 to threshold-1, and exposures whose posts at
//   the start or end are, or which are themselves below the threshold; observed joiners of 1 to
//   threshold-1; all with secondary suppression against each other and the profile's turnover
//   tables (leavers = posts at the start + joiners − posts at the end, exposure = the mean of the
//   posts at the start and end, and the sums of roles and sectors); then the observed rate with
//   its events or exposure, the credibility with the exposure, a reference that is a hidden rate,
//   and the rate used whenever any of them is hidden (unless given in supply.toml), so that no
//   hidden count can be recomputed from the rest of the row.
// `profile` is the place's profile: what is hidden here is hidden in its tables of the same people
// too (the base year of a series, the turnover rows), and intelligence::ApplySuppression is run on
// it again until neither hides more. Threshold 0 hides nothing.
void ApplySuppression(SupplyResult& supply, int threshold, intelligence::WorkforceProfile& profile);

}  // namespace careforce::supply
