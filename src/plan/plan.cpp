#include "plan/plan.hpp"

namespace careforce::plan {

PlanResult RunPlan(const Place& place, const std::vector<Service>& services, const demand::DemandReference& reference,
                   const PlanOptions& options, const demand::TierCohorts& tiers) {
  PlanResult result;
  result.place = intelligence::SummarisePlace(place);
  result.profile = intelligence::ProfileWorkforce(place);
  if (options.suppress) intelligence::ApplySuppression(result.profile);
  if (!services.empty()) {
    result.demand = demand::ProjectDemand(place, services, reference, tiers);
    if (options.suppress) demand::SuppressSmallRegisters(*result.demand, place.settings.suppression_threshold);
  }
  return result;
}

}  // namespace careforce::plan
