#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "demand/demand.hpp"
#include "intelligence/profile.hpp"
#include "intelligence/summary.hpp"
#include "model/place.hpp"
#include "model/supply.hpp"
#include "plan/gap.hpp"
#include "plan/skill_mix.hpp"
#include "plan/skill_mix_builder.hpp"
#include "plan/team_plan.hpp"
#include "plan/training.hpp"
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
  // Supply runs of each scenario and policy cell: 0 for exact expected values (the default:
  // scenarios are compared on expectations, the base plan carries the uncertainty).
  int scenario_runs = 0;
  // Also solve the skill mix of every year up to the plan year as one programme (hires by role
  // and year): always, never, or automatically when its programme, estimated before it is built
  // (EstimatePathSize), has at most path_auto_size's variables and constraints. The simplex
  // method's time grows faster than the programme: 105,000 variables and 52,000 constraints
  // (26 localities × 10 years) solve in about 6 s, 386,000 and 184,000 (100 × 10) in about 56 s
  // (docs/performance.md, "Bounded work").
  enum class Path { kAuto, kAlways, kNever };
  Path skill_mix_path = Path::kAuto;
  ProgrammeSize path_auto_size{150'000, 75'000};  // kAuto solves the path up to this size
  // Scenario and policy cells (RunPlanWithScenarios, RunPolicyMatrix) each solve their skill mix in
  // full (the cheapest mix, today's mix and, when none is feasible, the limits that stop it) when
  // the cell programme, estimated as the plan of record's programme of the plan year, has at most
  // cell_auto_size's variables and constraints; above it, the cheapest mix only (ChooseCellMethod).
  ProgrammeSize cell_auto_size{50'000, 25'000};
  // Also cost today's skill mix, and name the limits that stop an infeasible skill mix.
  bool todays_mix = true;
  bool name_conflicts = true;
  // Calibrate the service model to the staff in post (docs/methods.md, "Base year"): each
  // service's reach scaled by plan::StaffCalibration before the demand is projected.
  bool calibrate_to_staff = false;
  // Solve the bridge from the gap at today's mix to the cheapest mix (five more programmes of the
  // plan year); scenario and policy cells, compared by their totals, do without it.
  bool bridge = true;
  // Plan training (PlanTrainingStep) for the plan of record; scenario and policy cells do without.
  // Off by default: the schedule's programme does not yet solve in reasonable time on a place the
  // size of the examples (issue 13, in progress), so the plan does not run it unasked.
  bool training = false;
  // Called as scenario and policy plans finish (serialised), for a progress display.
  std::function<void(int finished, int total)> cell_progress;
  // Called as each step of the plan of record begins ("projecting demand", ...), for a progress
  // display; never from the scenario and policy cells.
  std::function<void(const std::string& step)> step_progress;
};

// What the plan reads besides the place.
struct PlanInputs {
  std::vector<Service> services;  // read with io::ReadServices; none: no demand projection
  demand::DemandReference demand_reference;
  demand::TierCohorts tiers;
  SupplyConfig supply_config;
  std::optional<supply::SupplyReference> supply_reference;  // none: no supply projection
  std::optional<PlanReference> plan_reference;  // none: no skill-mix optimisation
  std::optional<TrainingReference> training_reference;  // none: no training plan
};

// One step of the bridge from the gap at today's skill mix to the hires of the cheapest mix:
// the programme solved with one more lever than the step before (docs/methods.md, "Bridge").
struct BridgeStep {
  std::string name;
  SolveStatus status = SolveStatus::kFailed;
  double hires_fte = 0.0;         // hires the step's programme makes
  double change_fte = 0.0;        // against the step before (the first: its hires)
  double shortfall_fte = 0.0;     // work covered by agency or bank staff, FTE
  double cost = 0.0;              // a year, GBP
};

// The cheapest safe skill mix of one year, with the problem it solved.
struct SkillMixPlan {
  int year = 0;
  std::string percentile;
  SkillMixProblem problem;
  SkillMixResult result;
  SkillMixResult todays_mix;  // the same work at today's skill mix (with the hires it needs)
  // Today's mix, then each lever added in turn (skill mix within scope, delegation,
  // cross-skilling, conversions, the labour market with agency cover): the last is `result`.
  std::vector<BridgeStep> bridge;
  // The cheapest path from the base year + 1 to the plan year as one programme (hires by role
  // and year, kept in post less leavers; a hire limit per year; the budget over the years).
  SkillMixPath path;
  std::vector<std::string> path_roles;  // the problem's role codes, for the path's per-role figures
  std::string path_skipped;             // why the path was not solved, when it was not
  ProgrammeSize path_estimate;          // the path's programme as estimated before it was built
  std::string path_choice;              // what was chosen for the path and why (shown as progress)
  std::map<std::string, double> training_hours;  // per person trained, by competence
  std::map<std::string, std::string> competence_names;  // by code, as the place names them
};

// The figures a scenario is compared by.
struct ScenarioOutcome {
  std::string name;
  int year = 0;                     // the plan's last year
  double required_fte = 0.0;        // place total in the last year
  double available_fte = 0.0;
  double shortfall_fte = 0.0;       // sum of the positive gaps of roles in localities (GapResult::Shortfall)
  double shortfall_cost = 0.0;
  double undelivered_fte = 0.0;     // the cheapest mix's work left to agency or bank cover, FTE
  double undelivered_cost = 0.0;    // its cost a year (in skill_mix_cost)
  double probability_short = 0.0;   // mean over roles short of their chance of a gap (shown when runs exist)
  std::string skill_mix_status;
  bool budget_bound = false;        // the budget limits the cheapest mix
  double skill_mix_cost = 0.0;      // cheapest mix: staff time + hires + training
  double todays_mix_cost = 0.0;
  double hires_fte = 0.0;
  double trained_fte = 0.0;
  double pay_harmonisation_cost = 0.0;
  double total_cost = 0.0;          // skill mix + pay harmonisation (infinite when no mix is feasible)
  std::vector<std::pair<std::string, double>> short_constraints;  // when infeasible
};

// The row of the policy matrix that changes nothing: each future as it comes.
inline constexpr const char* kNoNewPolicy = "No new policy";

// Policies (sets of levers) crossed with scenarios (futures): every cell's outcome and regret
// (its total cost less the best policy's in the same future); the policy with the least
// worst-case regret is recommended.
struct PolicyMatrix {
  std::vector<std::string> policies;
  std::vector<std::string> futures;
  std::vector<std::vector<ScenarioOutcome>> cells;  // [policy][future]
  std::vector<std::vector<double>> regret;          // [policy][future]
  std::vector<double> worst_regret;                 // per policy
  std::size_t recommended = 0;
  // Every policy whose worst-case regret is the least (within £1), in order; the recommended
  // one is the first. More than one when policies tie (for instance when a lever changes nothing
  // in these futures).
  std::vector<std::size_t> least_regret;
};

// Everything the workforce plan of a place says, step by step.
struct PlanResult {
  PlanOptions options;  // as the plan was run (without its progress callback)
  std::vector<ReferenceFigure> reference_figures;  // the reference rows that shaped the plan
  intelligence::PlaceSummary place;
  intelligence::WorkforceProfile profile;  // today's workforce (workforce intelligence)
  std::optional<demand::DemandResult> demand;  // the workforce required (when the place has services)
  std::optional<supply::SupplyResult> supply;  // the workforce we will have
  std::optional<GapResult> gaps;               // required against available (demand and supply)
  std::optional<TeamPlan> teams;               // the neighbourhood teams (demand and practices with coordinates)
  std::string teams_skipped;                   // why there are no teams, when there are none
  std::optional<SkillMixPlan> skill_mix;       // the cheapest safe mix (demand, supply and reference)
  std::optional<TrainingPlan> training;        // workforce development (a training reference)
  std::string training_skipped;                // why there is no training plan, when there is none
  std::vector<ScenarioOutcome> scenarios;      // the base first, then each scenario (when given)
  std::optional<PolicyMatrix> policy_matrix;   // when policies are given
  // How the scenario and policy cells solved their skill mix (ChooseCellMethod), when there are
  // any.
  std::string cell_choice;
  bool cells_full = true;  // with today's mix and the limits of an infeasible mix
  int suppression_threshold = 0;               // 0: nothing hidden
  // With calibrate_to_staff: each service's factor, and the base year as it was before.
  std::vector<double> calibration;
  std::vector<BaseYearRow> calibration_before;
};

// Services with their reach (share eligible, and its target) scaled by `factors` (none: as given).
std::vector<Service> CalibratedServices(const std::vector<Service>& services, const std::vector<double>& factors);

// Today's mix of `problem` as it is: each act shared as today, hires without limit, no budget,
// supervision, conversions, cross-skilling or releases; agency cover only where no role gives it.
SkillMixProblem TodaysMixProblem(const SkillMixProblem& problem);

// The bridge from the gap at today's skill mix to the hires of `cheapest` (the solved `problem`),
// each lever its own step; solves today's mix into `todays_mix` on the way.
std::vector<BridgeStep> Bridge(const SkillMixProblem& problem, const SkillMixResult& cheapest, SkillMixResult& todays_mix);

// Runs every step of the plan on a valid place: demand when there are services, supply when
// there is a supply reference.
PlanResult RunPlan(const Place& place, const PlanInputs& inputs, const PlanOptions& options);

// Whether the skill mix year by year is solved: as options.skill_mix_path asks, and for auto by
// the size of its programme estimated before it is built (EstimatePathSize against
// options.path_auto_size), never by the number of localities or years alone.
struct PathChoice {
  bool solve = false;
  ProgrammeSize estimate;
  std::string text;     // what was chosen and why: "the skill mix year by year: one programme of ..."
  std::string skipped;  // why it is not solved (auto only)
};
PathChoice ChooseSkillMixPath(const Place& place, const PlanResult& result, const PlanOptions& options);

// How the scenario and policy cells solve their skill mix, by the size of the cell programme (the
// plan of record's programme of the plan year, which every cell solves with its own figures)
// against options.cell_auto_size, never by the number of localities, years or cells alone.
struct CellChoice {
  bool full = true;        // today's mix and the limits of an infeasible mix too
  ProgrammeSize estimate;  // a cell's programme
  std::string text;        // what was chosen and why: "scenario and policy cells: ..."
};
CellChoice ChooseCellMethod(const PlanResult& record, const PlanOptions& options,
                            std::size_t cells);

// The training plan of the plan of record (docs/methods.md, "Training plan") into result.training,
// or why there is none into result.training_skipped; RunPlan calls it (RunPlanWithScenarios once
// the skill mix year by year is solved).
void PlanTrainingStep(const Place& place, const PlanInputs& inputs, const PlanOptions& options, PlanResult& result);

// The skill mix year by year as one programme (docs/methods.md), into result.skill_mix (its path,
// or why it was not solved) as ChooseSkillMixPath decides; RunPlan calls it.
void SolveSkillMixPath(const Place& place, const PlanInputs& inputs, const PlanOptions& options, PlanResult& result);

}  // namespace careforce::plan
