#include "plan/plan.hpp"

namespace careforce::plan {

PlanResult RunPlan(const Place& place, const PlanOptions& options) {
  PlanResult result;
  result.place = intelligence::SummarisePlace(place);
  result.profile = intelligence::ProfileWorkforce(place);
  if (options.suppress) intelligence::ApplySuppression(result.profile);
  return result;
}

}  // namespace careforce::plan
