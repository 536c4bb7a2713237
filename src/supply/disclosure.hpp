#pragma once

#include "intelligence/profile.hpp"
#include "supply/projection.hpp"

namespace careforce::supply {

// Small-number suppression of a supply projection for outputs shared beyond one organisation
// (docs/methods.md, "Small-number suppression"), with the rule of intelligence/disclosure.hpp:
// - series (role, sector, role × sector, locality, role × locality) whose base-year headcount is
//   from 1 to threshold-1, or whose group the profile hides, are hidden in every year, then more
//   by secondary suppression against the totals they add up to; role flows with their role;
// - rate evidence: events (leavers, retirements) and exposures of 1 to threshold-1, with
//   secondary suppression within each role × sector (leaving) and sector × band (retirement);
//   the observed rate with its events or exposure, the credibility with the exposure, a reference
//   that is a hidden rate, and the rate used whenever any of them is hidden (unless given in
//   supply.toml), so that no hidden count can be recomputed from the rest of the row;
// - observed joiners of 1 to threshold-1, or of a hidden role × sector.
// `profile` is the place's profile after intelligence::ApplySuppression. Threshold 0 hides nothing.
void ApplySuppression(SupplyResult& supply, int threshold,
                      const intelligence::WorkforceProfile& profile);

}  // namespace careforce::supply
