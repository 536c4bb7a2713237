#include "plan/plan.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "supply/disclosure.hpp"

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
    supply_options.keep_runs = true;
    result.supply = supply::ProjectSupply(place, inputs.supply_config, *inputs.supply_reference, supply_options);
    if (options.suppress) supply::ApplySuppression(*result.supply, place.settings.suppression_threshold, result.profile);
    result.gaps = AnalyseGaps(place, result.demand ? &*result.demand : nullptr, *result.supply, options.gap_threshold_fte);
  }
  if (result.demand && result.supply && inputs.plan_reference) {
    SkillMixPlan plan;
    SkillMixSettings settings = options.skill_mix;
    if (settings.year == 0) settings.year = result.demand->last_year;
    // The hire limit is a year's: the plan year's programme may hire that many for each year
    // since the base year.
    if (settings.max_hires_fte < kInfinity) settings.max_hires_fte *= std::max(1, settings.year - result.demand->base_year);
    plan.year = settings.year;
    plan.percentile = settings.percentile;
    plan.problem = BuildSkillMixProblem(place, inputs.services, *result.demand, *result.supply, *inputs.plan_reference,
                                        settings);
    plan.result = OptimiseSkillMix(plan.problem);
    SkillMixProblem today = plan.problem;
    today.todays_mix = true;
    today.supervision_ratio = 0.0;  // today's mix is costed as it is, supervised or not,
    today.budget.reset();           // and whatever it costs
    today.conversions.clear();
    plan.todays_mix = OptimiseSkillMix(today);
    for (const auto& [competence, course] : inputs.plan_reference->training) plan.training_hours[competence] = course.hours;
    if (!options.write_mps.empty()) WriteMps(plan.result.program, options.write_mps);
    result.skill_mix = std::move(plan);
    SolveSkillMixPath(place, inputs, options, result);
  }
  return result;
}

void SolveSkillMixPath(const Place& place, const PlanInputs& inputs, const PlanOptions& options, PlanResult& result) {
  if (!result.skill_mix || !result.demand || !result.supply || !inputs.plan_reference) return;
  SkillMixPlan& plan = *result.skill_mix;
  const int years_ahead = plan.year - result.demand->base_year;
  const int locality_years = static_cast<int>(place.localities.size()) * years_ahead;
  const bool solve = options.skill_mix_path == PlanOptions::Path::kAlways ||
                     (options.skill_mix_path == PlanOptions::Path::kAuto && locality_years <= options.path_auto_locality_years);
  if (options.skill_mix_path == PlanOptions::Path::kAuto && !solve) {
    plan.path_skipped = fmt::format(
        "{} localities × {} years is more than the {} solved without being asked (the programme would take tens of "
        "seconds or more); --skill-mix-path always solves it",
        place.localities.size(), years_ahead, options.path_auto_locality_years);
  }
  if (!solve) return;
  std::vector<std::pair<int, SkillMixProblem>> years;
  for (int year = result.demand->base_year + 1; year <= plan.year; ++year) {
    SkillMixSettings yearly = options.skill_mix;
    yearly.year = year;  // the hire limit as given: a year's new hires
    years.emplace_back(year, BuildSkillMixProblem(place, inputs.services, *result.demand, *result.supply,
                                                  *inputs.plan_reference, yearly));
  }
  plan.path = OptimiseSkillMixPath(years);
  for (const SkillMixRole& role : plan.problem.roles) plan.path_roles.push_back(role.code);
}

}  // namespace careforce::plan
