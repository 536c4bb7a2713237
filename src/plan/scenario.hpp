#pragma once

#include <string>
#include <vector>

#include "model/scenario.hpp"
#include "plan/plan.hpp"

namespace careforce::plan {

// A place, its inputs and plan options with a scenario's changes applied.
struct ScenarioApplied {
  Place place;
  PlanInputs inputs;
  PlanOptions options;
  double pay_harmonisation_cost = 0.0;  // GBP a year, with employer on-costs
};

// Applies a scenario on top of (a copy of) the base (docs/methods.md, "Scenarios"). Scenarios
// apply in turn: a policy on top of a future.
ScenarioApplied ApplyScenario(const Place& place, const PlanInputs& inputs, const PlanOptions& options,
                              const Scenario& scenario);

ScenarioOutcome Outcome(const std::string& name, const PlanResult& result, double pay_harmonisation_cost);

// Policies (sets of levers) crossed with scenarios (futures), cells run on every core.
PolicyMatrix RunPolicyMatrix(const Place& place, const PlanInputs& inputs, const PlanOptions& options,
                             const std::vector<Scenario>& policies, const std::vector<Scenario>& futures, int threads);

// The base plan, then each scenario on top of the base (compared side by side), then the policy
// matrix when policies are given (futures: the base, then the scenarios; policies: the ones
// given after a first row with no new policy, so that every lever is measured against doing
// nothing new).
PlanResult RunPlanWithScenarios(const Place& place, const PlanInputs& inputs, const PlanOptions& options,
                                const std::vector<Scenario>& scenarios, const std::vector<Scenario>& policies);

}  // namespace careforce::plan
