#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "plan/solver.hpp"

namespace careforce::plan {

// The cheapest safe skill mix for a year's work (docs/methods.md, "Skill mix"): which role
// gives each visit, which roles to hire and which to cross-skill, within the hours each role
// has, supervision ratios, tasks reserved to registered roles, hire limits and a budget.

struct SkillMixRole {
  std::string code;
  bool registered = false;
  bool supervised = false;          // support roles that registered staff must supervise
  double cost_per_hour = 0.0;       // staff cost of an hour of direct care
  std::vector<double> available_hours;  // per locality
  double hire_cost_per_fte = 0.0;   // recruitment, one-off
  double max_hires_fte = kInfinity;  // over the place (a year, in a path over years)
  std::vector<std::string> competences;  // held by the role's profile
  double leaver_rate = 0.0;  // a year, all causes: the share of hires leaving each year in a path over years
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
  // How the visits are shared between roles today (role code, share): used when the problem
  // keeps today's skill mix.
  std::vector<std::pair<std::string, double>> todays_split;
};

// A role that may be delegated a competence it does not hold (with the risk rating of the
// delegation, reported with the plan).
struct Delegation {
  std::string role;
  std::string competence;
  std::string risk;  // "low", "medium", "high"
};

// Training staff of a role in a competence: the cost per FTE trained (course and backfill).
struct CrossSkilling {
  std::string role;
  std::string competence;
  double cost_per_fte = 0.0;
  double max_fte = kInfinity;
};

// Staff of one role training into another (e.g. healthcare assistant to nursing associate):
// the cost per FTE converted (course and backfill); converted FTE leave the first role's hours
// and join the second's in the same locality.
struct Conversion {
  std::string from;
  std::string to;
  double cost_per_fte = 0.0;
};

struct SkillMixProblem {
  std::vector<std::string> localities;
  std::vector<SkillMixRole> roles;
  std::vector<SkillMixTask> tasks;
  std::vector<Delegation> delegations;
  std::vector<CrossSkilling> cross_skilling;
  std::vector<Conversion> conversions;
  double hours_per_fte = 1113.0;     // direct-care hours a full-time post gives a year
  double supervision_ratio = 0.0;    // registered hours per supervised hour in each locality (0: none)
  std::optional<double> budget;      // on one-off spending: hires and training
  // Keep today's skill mix: each task's visits given by its todays_split roles in those shares
  // (hires allowed, no delegation, cross-skilling or splitting), to cost today's way of working.
  // Tasks no role gives today (an empty split) are left to the optimiser.
  bool todays_mix = false;
};

struct SkillMixResult {
  SolveStatus status = SolveStatus::kFailed;
  double cost = 0.0;           // objective: staff time + hires + training + conversions
  double staff_cost = 0.0;
  double hire_cost = 0.0;
  double training_cost = 0.0;
  // Visits given: by one role alone ("all"), or the part needing one competence ("<competence>")
  // when the visit's competences are split between roles (each travelling).
  struct Assignment {
    std::size_t task;
    std::size_t role;
    std::string part;
    double visits;
    double hours;
  };
  std::vector<Assignment> assignments;
  std::vector<std::vector<double>> hours_used;  // [role][locality]
  std::vector<std::vector<double>> hires_fte;   // [role][locality]
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
  std::vector<std::string> binding;                          // constraints shaping the optimum
  std::vector<std::pair<std::string, double>> conflicting;   // when infeasible: what stops it, by how much
  bool budget_bound = false;
  LinearProgram program;
};

SkillMixResult OptimiseSkillMix(const SkillMixProblem& problem);

// The cheapest skill mix over several years as one programme (docs/methods.md, "Skill mix year
// by year"): each year's work as in OptimiseSkillMix, linked by what stays in post. Hires made
// in a year stay, less their role's leaver rate each year after (replacing them is hiring
// again); staff cross-skilled or converted stay so. Hiring, training and conversion costs are
// paid in the year they happen; hire limits apply to each year's new hires, the budget (the
// last year's) to the one-off spending of all the years together.
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
    std::vector<double> new_hires_fte;     // per role: hired this year
    std::vector<double> hires_in_post_fte;  // per role: hired this year or before and still in post
  };
  std::vector<Year> years;
};

// Years in order, every problem with the same roles and localities.
SkillMixPath OptimiseSkillMixPath(const std::vector<std::pair<int, SkillMixProblem>>& years);

}  // namespace careforce::plan
