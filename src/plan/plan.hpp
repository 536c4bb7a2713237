#pragma once

#include <optional>
#include <vector>

#include "demand/demand.hpp"
#include "intelligence/profile.hpp"
#include "intelligence/summary.hpp"
#include "model/place.hpp"
#include "model/supply.hpp"
#include "plan/gap.hpp"
#include "plan/skill_mix.hpp"
#include "plan/skill_mix_builder.hpp"
#include "supply/projection.hpp"

namespace careforce::plan {

struct PlanOptions {
  // Apply small-number suppression (outputs shared beyond one organisation).
  bool suppress = true;
  // The supply projection: runs, seed and threads (its years follow [demand] years).
  supply::SupplyOptions supply;
  // Gaps: the probability reported is that of a shortfall larger than this many FTE.
  double gap_threshold_fte = 0.0;
  // The skill mix: solved for this year (0: the last year of the plan).
  SkillMixSettings skill_mix;
  std::string write_mps;  // when set, the skill-mix programme is written here in MPS format
};

// What the plan reads besides the place.
struct PlanInputs {
  std::vector<Service> services;  // read with io::ReadServices; none: no demand projection
  demand::DemandReference demand_reference;
  demand::TierCohorts tiers;
  SupplyConfig supply_config;
  std::optional<supply::SupplyReference> supply_reference;  // none: no supply projection
  std::optional<PlanReference> plan_reference;  // none: no skill-mix optimisation
};

// The cheapest safe skill mix of one year, with the problem it solved.
struct SkillMixPlan {
  int year = 0;
  std::string percentile;
  SkillMixProblem problem;
  SkillMixResult result;
  SkillMixResult todays_mix;  // the same work at today's skill mix (with the hires it needs)
};

// Everything the workforce plan of a place says, step by step.
struct PlanResult {
  intelligence::PlaceSummary place;
  intelligence::WorkforceProfile profile;  // today's workforce (workforce intelligence)
  std::optional<demand::DemandResult> demand;  // the workforce required (when the place has services)
  std::optional<supply::SupplyResult> supply;  // the workforce we will have
  std::optional<GapResult> gaps;               // required against available (demand and supply)
  std::optional<SkillMixPlan> skill_mix;       // the cheapest safe mix (demand, supply and reference)
  int suppression_threshold = 0;               // 0: nothing hidden
};

// Runs every step of the plan on a valid place: demand when there are services, supply when
// there is a supply reference.
PlanResult RunPlan(const Place& place, const PlanInputs& inputs, const PlanOptions& options);

}  // namespace careforce::plan
