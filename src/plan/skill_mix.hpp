#pragma once

#include <compare>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "model/scope.hpp"
#include "plan/solver.hpp"

namespace careforce::plan {

// The cheapest safe skill mix for a year's work (docs/methods.md, "Skill mix"): which role
// gives each visit, which roles to hire and which to cross-skill, within the hours each role
// has, supervision ratios, tasks reserved to registered roles, hire limits and a budget.

struct SkillMixRole {
  std::string code;
  std::string name;  // as the place names it, for readers
  bool registered = false;
  bool supervised = false;          // support roles that registered staff must supervise
  double cost_per_hour = 0.0;       // staff cost (pay and on-costs) of an hour of a post's working time
  double agency_cost_per_hour = 0.0;  // an hour of agency or bank cover of the role's work
  // Per locality: the hours the role's staff in post have (supply), all paid because they are
  // employed; the hours of their work outside the modelled services (held at today's
  // establishment); and how many of their hours may be given up by not replacing leavers.
  std::vector<double> available_hours;
  std::vector<double> other_hours;
  std::vector<double> release_limit_hours;
  double hire_cost_per_fte = 0.0;   // recruitment, one-off
  double max_hires_fte = kInfinity;  // over the place (a year, in a path over years): the labour market
  std::vector<std::string> competences;  // held by the role's profile
  double leaver_rate = 0.0;  // a year, all causes: the share of hires leaving each year in a path over years
  double joiners_fte_a_year = 0.0;  // the supply projection's joiners (FTE a year)
  // Shared outputs: the role's establishment is hidden (plan::SuppressEstablishment), and with it
  // its other work, the establishment less what the modelled services need of it.
  bool establishment_hidden = false;
};

// A role's standing for a task (scope of practice, docs/methods.md): own scope, delegated with
// the hours of supervising (owning) roles it needs per hour, or never.
struct TaskScope {
  ScopeLevel level = ScopeLevel::kOwn;
  // Delegated: hours the owning roles spend supervising per delegated hour (in the locality,
  // taken from their hours), and the largest share of the task's visits the role may give.
  double supervision_ratio = 0.0;
  double max_share = 1.0;

  auto operator<=>(const TaskScope&) const = default;
};

// Visits of one kind in one locality: each needs every competence listed.
struct SkillMixTask {
  std::string name;
  std::size_t locality = 0;
  double visits = 0.0;
  double contact_hours_per_visit = 0.0;
  double travel_hours_per_visit = 0.0;
  std::vector<std::string> competences;
  bool reserved = false;  // to registered roles
  std::string act;        // the task table's act (empty: scope not checked)
  bool separable = false;  // a visit of separable tasks (else one indivisible act, one person)
  std::vector<TaskScope> scope;  // per problem role (empty: every role's own scope)
  double shortfall_cost_per_visit = 0.0;  // a visit covered by agency or bank staff
  // How the visits are shared between roles today (role code, share): used when the problem
  // keeps today's skill mix.
  std::vector<std::pair<std::string, double>> todays_split;
};

// A delegation the task table allows (reported with the plan).
struct Delegation {
  std::string role;
  std::string act;
  std::string supervision;  // "direct", "indirect", "remote"
  std::string risk;         // "low", "medium", "high"
  double supervision_ratio = 0.0;
  double max_share = 1.0;
};

// Training staff of a role in a competence: the cost per FTE trained (course and backfill).
struct CrossSkilling {
  std::string role;
  std::string competence;
  double cost_per_fte = 0.0;
  double max_fte = kInfinity;
};

// Staff of one role training into another (e.g. healthcare assistant to nursing associate):
// the cost per FTE converted (course and backfill), paid when training starts; converted FTE
// leave the first role's hours and join the second's in the same locality `years` after they
// start (at the second role's pay).
struct Conversion {
  std::string from;
  std::string to;
  double cost_per_fte = 0.0;
  int years = 0;
};

// Work the modelled services cannot get from the staff the plan has: covered by agency or bank
// staff at their price, only where no role can give it, or never (a hard constraint).
enum class Shortfall { kPriced, kUncoveredOnly, kNone };

struct SkillMixProblem {
  std::vector<std::string> localities;
  std::vector<SkillMixRole> roles;
  std::vector<SkillMixTask> tasks;
  std::vector<Delegation> delegations;  // as allowed (the tasks' scope carries them)
  std::vector<CrossSkilling> cross_skilling;
  std::vector<Conversion> conversions;
  double hours_per_fte = 1113.0;     // direct-care hours a full-time post gives a year
  double supervision_ratio = 0.0;    // registered hours per supervised hour in each locality (0: none)
  std::optional<double> budget;      // on one-off spending: hires and training
  bool allow_delegation = true;      // delegated scope may be used
  // Staff in post keep at least (1 - this share) of their other work (as far as their hours
  // reach): redeployment into the modelled services is limited.
  double redeployment_share = 1.0;
  Shortfall shortfall = Shortfall::kPriced;
  // Keep today's skill mix: each task's visits given by its todays_split roles in those shares
  // (hires allowed, no delegation, cross-skilling or splitting), to cost today's way of working.
  // Tasks no role gives today (an empty split) are left to agency cover.
  bool todays_mix = false;
  // When no mix is feasible, name the limits that stop it (an elastic copy of the programme solved
  // again); the scenario and policy cells of large programmes do without (plan::ChooseCellMethod).
  bool name_conflicts = true;
};

struct SkillMixResult {
  SolveStatus status = SolveStatus::kFailed;
  double cost = 0.0;           // staff + hires + training + conversions + agency cover
  double staff_cost = 0.0;     // staff in post (paid, less leavers not replaced) and hired, pay and on-costs
  double hire_cost = 0.0;
  double training_cost = 0.0;
  double shortfall_cost = 0.0;   // agency and bank cover
  double shortfall_hours = 0.0;  // hours of work covered by agency and bank staff (services and other work)
  // Visits given: by one role alone ("all"), or the part needing one competence ("<competence>")
  // when a visit of separable tasks is shared between roles (each travelling).
  struct Assignment {
    std::size_t task;
    std::size_t role;
    std::string part;
    double visits;
    double hours;
  };
  std::vector<Assignment> assignments;
  std::vector<double> unmet_visits;              // per task: covered by agency or bank staff
  std::vector<std::vector<double>> hours_used;   // [role][locality]: modelled services
  std::vector<std::vector<double>> hires_fte;    // [role][locality]
  std::vector<std::vector<double>> released_fte;  // [role][locality]: leavers not replaced
  std::vector<std::vector<double>> other_unmet_hours;  // [role][locality]: other work to agency cover
  struct Training {
    std::size_t role;
    std::string competence;
    double fte;
  };
  std::vector<Training> training;
  struct Converted {
    std::size_t from;
    std::size_t to;
    std::size_t locality;
    double fte;
  };
  std::vector<Converted> conversions;
  double conversion_cost = 0.0;
  double travel_hours = 0.0;
  double supervision_hours = 0.0;  // owning roles supervising delegated work (in hours_used)
  std::vector<std::string> binding;                          // constraints shaping the optimum
  std::vector<std::pair<std::string, double>> conflicting;   // when infeasible: what stops it, by how much
  bool budget_bound = false;
  LinearProgram program;

  double HiresFte() const;
  double ReleasedFte() const;
};

SkillMixResult OptimiseSkillMix(const SkillMixProblem& problem);

// The cheapest skill mix over several years as one programme (docs/methods.md, "Skill mix year
// by year"): each year's work as in OptimiseSkillMix, linked by what stays in post. Hires made
// in a year stay, less their role's leaver rate each year after (replacing them is hiring
// again); staff cross-skilled stay so; conversions started in a year complete the conversion's
// years later. Hiring, training and conversion costs are paid in the year they happen; hire
// limits apply to each year's new hires, the budget (the last year's) to the one-off spending of
// all the years together.
struct SkillMixPath {
  SolveStatus status = SolveStatus::kFailed;
  double cost = 0.0;  // staff time of every year plus all one-off spending
  std::vector<std::pair<std::string, double>> conflicting;  // when infeasible: what stops it, by how much
  std::size_t variables = 0;
  std::size_t constraints = 0;
  struct Year {
    int year = 0;
    double staff_cost = 0.0;
    double one_off_cost = 0.0;             // hires, training and conversions made this year
    double shortfall_cost = 0.0;           // agency and bank cover this year
    double shortfall_hours = 0.0;
    std::vector<double> new_hires_fte;     // per role: hired this year
    std::vector<double> hires_in_post_fte;  // per role: hired this year or before and still in post
    std::vector<double> released_fte;       // per role: leavers not replaced (in post less than supply)
  };
  std::vector<Year> years;

  double NewHiresFte() const;     // recruited over every year
  double HiresInPostFte() const;  // of them, still in post in the last year
};

// Years in order, every problem with the same roles and localities.
SkillMixPath OptimiseSkillMixPath(const std::vector<std::pair<int, SkillMixProblem>>& years);

// The size of a linear programme.
struct ProgrammeSize {
  std::size_t variables = 0;
  std::size_t constraints = 0;
};

// The size of the programme OptimiseSkillMixPath builds for `years` years like `problem`, whose
// own programme (OptimiseSkillMix) is `program`, estimated without building it: each year's block
// the size of `program`, with the year's new hires, training and conversions started and the rows
// linking them to the year before. An upper bound in practice (docs/methods.md).
ProgrammeSize EstimatePathSize(const SkillMixProblem& problem, const LinearProgram& program, int years);

}  // namespace careforce::plan
