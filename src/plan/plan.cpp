#include "plan/plan.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "supply/disclosure.hpp"

namespace careforce::plan {

namespace {

double Fte(const SkillMixProblem& problem, double hours) { return hours / problem.hours_per_fte; }

}  // namespace

SkillMixProblem TodaysMixProblem(const SkillMixProblem& problem) {
  // Today's mix as it is: hires without limit, no budget, supervision or conversions; agency
  // cover only for work no role gives today. Its hires are the gap at today's mix.
  SkillMixProblem today = problem;
  today.todays_mix = true;
  today.supervision_ratio = 0.0;
  today.budget.reset();
  today.conversions.clear();
  today.cross_skilling.clear();
  today.allow_delegation = false;
  today.shortfall = Shortfall::kUncoveredOnly;
  for (SkillMixRole& role : today.roles) {
    role.max_hires_fte = kInfinity;
    role.release_limit_hours.clear();
  }
  return today;
}

std::vector<BridgeStep> Bridge(const SkillMixProblem& problem, const SkillMixResult& cheapest, SkillMixResult& todays_mix) {
  const SkillMixProblem today = TodaysMixProblem(problem);
  todays_mix = OptimiseSkillMix(today);
  std::vector<BridgeStep> steps;
  const auto add = [&](const std::string& name, const SkillMixResult& result) {
    BridgeStep step;
    step.name = name;
    step.status = result.status;
    step.hires_fte = result.HiresFte();
    step.change_fte = steps.empty() ? step.hires_fte : step.hires_fte - steps.back().hires_fte;
    step.shortfall_fte = Fte(problem, result.shortfall_hours);
    step.cost = result.cost;
    steps.push_back(step);
  };
  add("Gap at today's skill mix", todays_mix);
  // Each lever in turn, with hires unlimited until the last step (as today's mix).
  // Delegation comes with the first step: today's mix already has the delegations the task table
  // allows (the roles giving an act today are those it allows).
  SkillMixProblem step = today;
  step.todays_mix = false;
  step.supervision_ratio = problem.supervision_ratio;
  step.allow_delegation = problem.allow_delegation;
  add("Work moved between the roles the task table allows (own scope and delegation)", OptimiseSkillMix(step));
  step.cross_skilling = problem.cross_skilling;
  add("Cross-skilling staff in post", OptimiseSkillMix(step));
  step.conversions = problem.conversions;
  add("Conversions between roles (apprenticeships)", OptimiseSkillMix(step));
  step.roles = problem.roles;
  for (SkillMixRole& role : step.roles) role.max_hires_fte = kInfinity;
  add("Leavers not replaced where staff are more than the work", OptimiseSkillMix(step));
  add(problem.shortfall == Shortfall::kPriced ? "Hires within the labour market and budget; agency cover for the rest"
                                              : "Hires within the labour market and budget",
      cheapest);
  return steps;
}

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
    plan.year = settings.year;
    plan.percentile = settings.percentile;
    plan.problem = BuildSkillMixProblem(place, inputs.services, *result.demand, *result.supply, *inputs.plan_reference,
                                        settings);
    plan.result = OptimiseSkillMix(plan.problem);
    if (options.bridge) {
      plan.bridge = Bridge(plan.problem, plan.result, plan.todays_mix);
    } else {
      plan.todays_mix = OptimiseSkillMix(TodaysMixProblem(plan.problem));
    }
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
    yearly.year = year;
    yearly.path_year = true;  // hire limits a year's; conversions timed by the path
    years.emplace_back(year, BuildSkillMixProblem(place, inputs.services, *result.demand, *result.supply,
                                                  *inputs.plan_reference, yearly));
  }
  plan.path = OptimiseSkillMixPath(years);
  for (const SkillMixRole& role : plan.problem.roles) plan.path_roles.push_back(role.code);
}

}  // namespace careforce::plan
