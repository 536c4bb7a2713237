#pragma once

#include <optional>
#include <vector>

#include "demand/demand.hpp"
#include "intelligence/profile.hpp"
#include "intelligence/summary.hpp"
#include "model/place.hpp"

namespace careforce::plan {

struct PlanOptions {
  // Apply small-number suppression (outputs shared beyond one organisation).
  bool suppress = true;
};

// Everything the workforce plan of a place says, step by step.
struct PlanResult {
  intelligence::PlaceSummary place;
  intelligence::WorkforceProfile profile;  // today's workforce (workforce intelligence)
  std::optional<demand::DemandResult> demand;  // the workforce required (when the place has services)
};

// Runs every step of the plan on a valid place. Demand is projected when `services` is not
// empty (read with io::ReadServices against the place and `reference`).
PlanResult RunPlan(const Place& place, const std::vector<Service>& services, const demand::DemandReference& reference,
                   const PlanOptions& options, const demand::TierCohorts& tiers = {});

}  // namespace careforce::plan
