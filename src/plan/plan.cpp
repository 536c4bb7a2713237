#include "plan/plan.hpp"

namespace careforce::plan {

PlanResult RunPlan(const Place& place, const PlanInputs& inputs, const PlanOptions& options) {
  PlanResult result;
  result.place = intelligence::SummarisePlace(place);
  result.profile = intelligence::ProfileWorkforce(place);
  result.suppression_threshold = options.suppress ? place.settings.suppression_threshold : 0;
  if (options.suppress) intelligence::ApplySuppression(result.profile);
  if (!inputs.services.empty()) {
    result.demand = demand::ProjectDemand(place, inputs.services, inputs.demand_reference, inputs.tiers);
    if (options.suppress) demand::SuppressSmallRegisters(*result.demand, place.settings.suppression_threshold);
  }
  if (inputs.supply_reference) {
    supply::SupplyOptions supply_options = options.supply;
    supply_options.years = place.demand.years;
    result.supply = supply::ProjectSupply(place, inputs.supply_config, *inputs.supply_reference, supply_options);
  }
  return result;
}

}  // namespace careforce::plan
