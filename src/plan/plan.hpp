#pragma once

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
};

// Runs every step of the plan on a valid place.
PlanResult RunPlan(const Place& place, const PlanOptions& options);

}  // namespace careforce::plan
