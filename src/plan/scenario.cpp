#include "plan/scenario.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <map>

#include <fmt/format.h>

#include "model/error.hpp"
#include "model/sector_group.hpp"
#include "plan/parallel.hpp"

namespace careforce::plan {

ScenarioApplied ApplyScenario(const Place& place, const PlanInputs& inputs, const PlanOptions& options,
                              const Scenario& scenario) {
  ScenarioApplied applied{place, inputs, options, 0.0};
  Place& changed = applied.place;
  // Demand.
  changed.demand.growth_per_year =
      (1.0 + changed.demand.growth_per_year) * (1.0 + scenario.demand_growth_per_year) - 1.0;
  for (const auto& change : scenario.prevalence_change) {
    auto& list = changed.demand.prevalence_change_per_year;
    std::erase_if(list, [&](const auto& given) { return given.need == change.need; });
    list.push_back(change);
  }
  for (const Scenario::Shift& shift : scenario.shifts) {
    for (Service& service : applied.inputs.services) {
      if (service.code != shift.service) continue;
      service.target_share = shift.share_eligible;
      service.target_year = shift.year;
    }
  }
  // New roles, with their profiles.
  for (const Scenario::NewRole& role : scenario.new_roles) {
    const auto index = static_cast<Index>(changed.roles.size());
    changed.roles.push_back(role.role);
    for (const std::string& code : role.competences) {
      for (Index competence = 0; competence < changed.competences.size(); ++competence) {
        if (changed.competences[competence].code == code) changed.role_competences.push_back(RoleCompetence{index, competence});
      }
    }
    applied.options.skill_mix.new_roles[role.role.code] = SectorGroupOf(role.sector);
    // Its standing for every act: that of the place's role with its reference code.
    if (role.role.reference_role.empty()) continue;
    Index like = kNoIndex;
    for (Index other = 0; other < place.roles.size() && like == kNoIndex; ++other) {
      if (ReferenceCode(place.roles[other]) == role.role.reference_role) like = other;
    }
    if (like == kNoIndex) continue;
    for (Service& service : applied.inputs.services) {
      for (ServiceTier& tier : service.tiers) {
        for (Intervention& intervention : tier.interventions) {
          if (intervention.scope.empty()) continue;
          intervention.scope.resize(index, RoleScope{});
          RoleScope standing = intervention.scope[like];
          standing.role = index;
          intervention.scope.push_back(standing);
        }
      }
    }
  }
  // Supply.
  SupplyConfig& supply = applied.inputs.supply_config;
  supply.leaver_rate_factor *= scenario.leaver_rate_factor;
  const auto append = [](auto& to, const auto& from) { to.insert(to.end(), from.begin(), from.end()); };
  append(supply.leaver_rates, scenario.supply.leaver_rates);
  append(supply.retirement_rates, scenario.supply.retirement_rates);
  append(supply.joiners, scenario.supply.joiners);
  append(supply.moves, scenario.supply.moves);
  append(supply.pipelines, scenario.supply.pipelines);
  // Pay harmonisation: social care posts raised to their NHS comparator's pay per FTE.
  if (scenario.pay_harmonisation) {
    std::map<std::string, std::pair<double, double>> nhs;  // comparator: pay, FTE
    for (const StaffPost& post : changed.staff) {
      const Role& role = changed.roles[post.role];
      if (role.pay_comparator.empty() || !IsNhsTrust(changed.organisations[post.organisation].sector)) continue;
      nhs[role.pay_comparator].first += post.annual_pay;
      nhs[role.pay_comparator].second += post.fte;
    }
    const double on_cost = inputs.plan_reference ? inputs.plan_reference->on_cost[static_cast<std::size_t>(SectorGroup::kSocialCare)] : 1.0;
    for (StaffPost& post : changed.staff) {
      const Role& role = changed.roles[post.role];
      if (!IsSocialCare(changed.organisations[post.organisation].sector)) continue;
      const auto found = nhs.find(role.pay_comparator);
      if (role.pay_comparator.empty() || found == nhs.end() || found->second.second <= 0) continue;
      const double target = found->second.first / found->second.second * post.fte;
      if (target <= post.annual_pay) continue;
      applied.pay_harmonisation_cost += (target - post.annual_pay) * on_cost;
      post.annual_pay = target;
    }
  }
  // Limits.
  SkillMixSettings& mix = applied.options.skill_mix;
  if (scenario.budget) mix.budget = scenario.budget;
  if (scenario.max_hires_fte) mix.max_hires_fte = *scenario.max_hires_fte;
  if (scenario.supervision_ratio) mix.supervision_ratio = scenario.supervision_ratio;
  if (scenario.max_delegation_risk) {
    const std::string& risk = *scenario.max_delegation_risk;
    mix.max_delegation_risk = risk == "none" ? -1 : risk == "low" ? 0 : risk == "medium" ? 1 : 2;
  }
  return applied;
}

ScenarioOutcome Outcome(const std::string& name, const PlanResult& result, double pay_harmonisation_cost) {
  ScenarioOutcome outcome;
  outcome.name = name;
  outcome.pay_harmonisation_cost = pay_harmonisation_cost;
  if (result.gaps && result.supply) {
    outcome.year = result.supply->last_year;
    int short_roles = 0;
    for (const GapRow& row : result.gaps->rows) {
      if (row.locality != kNoIndex || row.year != outcome.year) continue;
      outcome.required_fte += row.required;
      outcome.available_fte += row.available;
      if (row.gap > 0) {
        if (row.probability) {
          outcome.probability_short += *row.probability;
          ++short_roles;
        }
      }
    }
    if (short_roles > 0) outcome.probability_short /= short_roles;
    outcome.shortfall_fte = result.gaps->Shortfall(outcome.year);
    outcome.shortfall_cost = result.gaps->ShortfallCost(outcome.year);
  }
  outcome.total_cost = std::numeric_limits<double>::infinity();
  if (result.skill_mix) {
    const SkillMixResult& mix = result.skill_mix->result;
    outcome.skill_mix_status = StatusText(mix.status);
    outcome.budget_bound = mix.budget_bound;
    if (mix.budget_bound) outcome.skill_mix_status += ", budget binds";
    outcome.short_constraints = mix.conflicting;
    if (mix.status == SolveStatus::kOptimal) {
      outcome.skill_mix_cost = mix.cost;
      outcome.hires_fte = mix.HiresFte();
      outcome.undelivered_fte = mix.shortfall_hours / result.skill_mix->problem.hours_per_fte;
      outcome.undelivered_cost = mix.shortfall_cost;
      for (const auto& training : mix.training) outcome.trained_fte += training.fte;
      outcome.total_cost = mix.cost + pay_harmonisation_cost;
    }
    if (result.skill_mix->todays_mix.status == SolveStatus::kOptimal) outcome.todays_mix_cost = result.skill_mix->todays_mix.cost;
    if (!result.options.todays_mix)
      outcome.todays_mix_cost = std::numeric_limits<double>::infinity();  // not costed
  }
  return outcome;
}

namespace {

// Regrets within this many pounds of each other tie.
constexpr double kRegretTie = 1.0;

// Options for a scenario or policy cell: on the footing of expected supply (or the scenario runs
// asked for), one thread each (the cells share the cores), quiet, the plan year only.
PlanOptions CellOptions(const PlanOptions& options) {
  PlanOptions cell = options;
  cell.supply.threads = 1;
  cell.supply.expected = options.scenario_runs == 0;
  if (options.scenario_runs > 0) cell.supply.runs = options.scenario_runs;
  cell.supply.progress = {};
  cell.cell_progress = {};
  cell.step_progress = {};
  cell.skill_mix_path = PlanOptions::Path::kNever;
  cell.bridge = false;
  cell.training = false;
  cell.write_mps.clear();
  return cell;
}

// The cell options with the method chosen for `cells` cells by the size of the record's programme,
// said on the record's step progress.
CellChoice ChooseCells(const PlanResult& record, const PlanOptions& options, std::size_t cells,
                       PlanOptions& cell) {
  const CellChoice choice = ChooseCellMethod(record, options, cells);
  cell.todays_mix = choice.full;
  cell.name_conflicts = choice.full;
  if (options.step_progress && record.skill_mix && cells > 0) options.step_progress(choice.text);
  return choice;
}

// A matrix of policies by futures with its cells to fill.
PolicyMatrix EmptyMatrix(const std::vector<Scenario>& policies, const std::vector<Scenario>& futures) {
  PolicyMatrix matrix;
  for (const Scenario& policy : policies) matrix.policies.push_back(policy.name);
  for (const Scenario& future : futures) matrix.futures.push_back(future.name);
  matrix.cells.assign(policies.size(), std::vector<ScenarioOutcome>(futures.size()));
  return matrix;
}

// One cell: a policy on top of a future.
ScenarioOutcome PolicyCell(const Place& place, const PlanInputs& inputs, const PlanOptions& cell_options,
                           const Scenario& policy, const Scenario& future) {
  const ScenarioApplied world = ApplyScenario(place, inputs, cell_options, future);
  const ScenarioApplied both = ApplyScenario(world.place, world.inputs, world.options, policy);
  const PlanResult result = RunPlan(both.place, both.inputs, both.options);
  return Outcome(policy.name, result, world.pay_harmonisation_cost + both.pay_harmonisation_cost);
}

// Regret: a cell's cost less the best policy's cost in the same future; the recommended policy
// has the least worst-case regret.
void ScoreRegret(PolicyMatrix& matrix) {
  const std::size_t policies = matrix.policies.size();
  const std::size_t futures = matrix.futures.size();
  matrix.regret.assign(policies, std::vector<double>(futures, 0.0));
  matrix.worst_regret.assign(policies, 0.0);
  for (std::size_t future = 0; future < futures; ++future) {
    double best = std::numeric_limits<double>::infinity();
    for (std::size_t policy = 0; policy < policies; ++policy) best = std::min(best, matrix.cells[policy][future].total_cost);
    for (std::size_t policy = 0; policy < policies; ++policy) {
      const double cost = matrix.cells[policy][future].total_cost;
      matrix.regret[policy][future] = std::isinf(cost) ? std::numeric_limits<double>::infinity()
                                      : std::isinf(best) ? 0.0
                                                         : cost - best;
      matrix.worst_regret[policy] = std::max(matrix.worst_regret[policy], matrix.regret[policy][future]);
    }
  }
  // The least worst-case regret, every policy within kRegretTie of it, and the first of them.
  matrix.least_regret.clear();
  const double least = matrix.worst_regret.empty() ? 0.0 : *std::min_element(matrix.worst_regret.begin(), matrix.worst_regret.end());
  for (std::size_t policy = 0; policy < policies; ++policy) {
    const double worst = matrix.worst_regret[policy];
    if (worst == least || (!std::isinf(worst) && worst - least <= kRegretTie)) matrix.least_regret.push_back(policy);
  }
  matrix.recommended = matrix.least_regret.empty() ? 0 : matrix.least_regret.front();
}


// The joiners a year (FTE) of each role in a plan's skill mix: the baseline that scenario and
// policy cells may give up by not replacing leavers.
std::map<std::string, double> BaselineJoiners(const PlanResult& result) {
  std::map<std::string, double> joiners;
  if (!result.skill_mix) return joiners;
  for (const SkillMixRole& role : result.skill_mix->problem.roles) joiners[role.code] = role.joiners_fte_a_year;
  return joiners;
}

}  // namespace

PolicyMatrix RunPolicyMatrix(const Place& place, const PlanInputs& inputs, const PlanOptions& options,
                             const std::vector<Scenario>& policies, const std::vector<Scenario>& futures, int threads) {
  PolicyMatrix matrix = EmptyMatrix(policies, futures);
  PlanOptions cell_options = CellOptions(options);
  const PlanResult record = RunPlan(place, inputs, cell_options);
  if (cell_options.skill_mix.baseline_joiners_fte.empty())
    cell_options.skill_mix.baseline_joiners_fte = BaselineJoiners(record);
  ChooseCells(record, options, policies.size() * futures.size(), cell_options);
  RunInParallel(policies.size() * futures.size(), threads, options.cell_progress, [&](std::size_t cell) {
    const std::size_t policy = cell / futures.size();
    const std::size_t future = cell % futures.size();
    matrix.cells[policy][future] = PolicyCell(place, inputs, cell_options, policies[policy], futures[future]);
  });
  ScoreRegret(matrix);
  return matrix;
}

PlanResult RunPlanWithScenarios(const Place& place, const PlanInputs& inputs, const PlanOptions& options,
                                const std::vector<Scenario>& scenarios, const std::vector<Scenario>& policies) {
  if (scenarios.empty() && policies.empty()) return RunPlan(place, inputs, options);
  // The plan of record, its skill mix year by year left for the pool below.
  PlanOptions first = options;
  first.skill_mix_path = PlanOptions::Path::kNever;
  first.training = false;  // planned below, once the skill mix year by year gives its starters
  PlanResult result = RunPlan(place, inputs, first);
  // The skill mix year by year, the scenarios compared side by side (the base first, on the same
  // footing) and the cells of the policy matrix, all independent: one pool over every core.
  PlanOptions cell_options = CellOptions(options);
  cell_options.skill_mix.baseline_joiners_fte = BaselineJoiners(result);
  if (options.step_progress && options.skill_mix_path != PlanOptions::Path::kNever && result.skill_mix) {
    options.step_progress(ChooseSkillMixPath(place, result, options).text);
  }
  const std::size_t path = 1;
  const std::size_t compared = scenarios.empty() ? 0 : scenarios.size() + 1;
  if (compared > 0) result.scenarios.resize(compared);
  // The futures: the base as planned, then each scenario, so that a robust policy holds up in the
  // future the plan expects as well as in the others.
  std::vector<Scenario> futures;
  Scenario base;
  base.name = "Base";
  futures.push_back(base);
  futures.insert(futures.end(), scenarios.begin(), scenarios.end());
  // The policies are measured against doing nothing new: the futures as they come.
  std::vector<Scenario> levers;
  if (!policies.empty()) {
    Scenario nothing;
    nothing.name = kNoNewPolicy;
    levers.push_back(nothing);
    levers.insert(levers.end(), policies.begin(), policies.end());
  }
  PolicyMatrix matrix = EmptyMatrix(levers, futures);
  // With scenarios compared, the row with no new policy is their figures (copied below), not run
  // again.
  const std::size_t first_row = compared > 0 && !levers.empty() ? 1 : 0;
  const std::size_t matrix_cells = levers.empty() ? 0 : (levers.size() - first_row) * futures.size();
  const CellChoice cells = ChooseCells(result, options, compared + matrix_cells, cell_options);
  result.cell_choice = cells.text;
  result.cells_full = cells.full;
  RunInParallel(path + compared + matrix_cells, options.supply.threads, options.cell_progress,
                [&](std::size_t index) {
                  if (index == 0) {
                    SolveSkillMixPath(place, inputs, options, result);
                    return;
                  }
                  const std::size_t cell = index - path;
                  if (cell == 0 && compared > 0) {
                    result.scenarios[0] = Outcome("Base", RunPlan(place, inputs, cell_options), 0.0);
                  } else if (cell < compared) {
                    const Scenario& scenario = scenarios[cell - 1];
                    const ScenarioApplied applied = ApplyScenario(place, inputs, cell_options, scenario);
                    result.scenarios[cell] = Outcome(scenario.name, RunPlan(applied.place, applied.inputs, applied.options),
                                                     applied.pay_harmonisation_cost);
                  } else {
                    const std::size_t policy = first_row + (cell - compared) / futures.size();
                    const std::size_t future = (cell - compared) % futures.size();
                    matrix.cells[policy][future] = PolicyCell(place, inputs, cell_options, levers[policy], futures[future]);
                  }
                });
  if (!levers.empty()) {
    for (std::size_t future = 0; first_row == 1 && future < futures.size(); ++future) {
      matrix.cells[0][future] = result.scenarios[future];  // both the base, then the scenarios
      matrix.cells[0][future].name = kNoNewPolicy;
    }
    ScoreRegret(matrix);
    result.policy_matrix = std::move(matrix);
  }
  if (options.training) PlanTrainingStep(place, inputs, options, result);
  return result;
}

}  // namespace careforce::plan
