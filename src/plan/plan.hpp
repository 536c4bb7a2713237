#pragma once

#include <optional>
#include <vector>

#include "demand/demand.hpp"
#include "intelligence/profile.hpp"
#include "intelligence/summary.hpp"
#include "model/place.hpp"
#include "model/supply.hpp"
#include "supply/projection.hpp"

namespace careforce::plan {

struct PlanOptions {
  // Apply small-number suppression (outputs shared beyond one organisation).
  bool suppress = true;
  // The supply projection: runs, seed and threads (its years follow [demand] years).
  supply::SupplyOptions supply;
};

// What the plan reads besides the place.
struct PlanInputs {
  std::vector<Service> services;  // read with io::ReadServices; none: no demand projection
  demand::DemandReference demand_reference;
  demand::TierCohorts tiers;
  SupplyConfig supply_config;
  std::optional<supply::SupplyReference> supply_reference;  // none: no supply projection
};

// Everything the workforce plan of a place says, step by step.
struct PlanResult {
  intelligence::PlaceSummary place;
  intelligence::WorkforceProfile profile;  // today's workforce (workforce intelligence)
  std::optional<demand::DemandResult> demand;  // the workforce required (when the place has services)
  std::optional<supply::SupplyResult> supply;  // the workforce we will have
  int suppression_threshold = 0;               // 0: nothing hidden
};

// Runs every step of the plan on a valid place: demand when there are services, supply when
// there is a supply reference.
PlanResult RunPlan(const Place& place, const PlanInputs& inputs, const PlanOptions& options);

}  // namespace careforce::plan
