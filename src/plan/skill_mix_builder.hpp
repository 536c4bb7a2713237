#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "demand/demand.hpp"
#include "model/place.hpp"
#include "model/reference_figure.hpp"
#include "model/scope.hpp"
#include "model/sector_group.hpp"
#include "model/service.hpp"
#include "plan/skill_mix.hpp"
#include "supply/projection.hpp"

namespace careforce::plan {

// Reference figures of the plan (reference/plan/): competences reserved to registered roles,
// training and conversion costs, employer on-costs, recruitment cost, the agency premium, the
// labour market's limit on hires and the supervision ratios (delegation itself is in the task
// table, reference/plan/scope.csv, read with the services). Every row carries its source.
struct PlanReference {
  std::vector<std::string> reserved;
  struct Course {
    double cost = 0.0;
    double hours = 0.0;
    std::vector<StaffGroup> staff_groups;  // who may be trained in it (cross-skilling); empty: any
  };
  std::map<std::string, Course> training;  // by competence
  struct RoleConversion {
    std::string from;
    std::string to;
    Course course;
    int years = 0;  // from starting the course to working in the second role
  };
  std::vector<RoleConversion> conversions;
  std::array<double, 3> on_cost{1.0, 1.0, 1.0};  // by sector group
  double hire_cost_per_fte = 0.0;
  double supervision_ratio = 0.0;
  // Owning roles' hours per delegated hour, by supervision level (direct, indirect, remote).
  std::array<double, 3> supervision_by_level{1.0, 0.25, 0.1};
  double agency_premium = 0.55;         // over pay: agency and bank cover
  double hire_limit_share = 0.25;       // of a role's joiners a year: extra hires a year
  double hire_limit_floor_fte = 5.0;    // a year, whatever the role's joiners
  double redeployment_share = 0.1;      // of a role's other work its staff in post may leave
  std::vector<ReferenceFigure> figures;  // every row read, in file order
};

// Reads reference/plan; throws InputError.
PlanReference LoadPlanReference(const std::string& reference_directory);

// The task table (reference/plan/scope.csv) in one figure: its rows, acts and roles by scope.
ReferenceFigure ScopeFigure(const ScopeTable& table);

struct SkillMixSettings {
  int year = 0;
  // Supply counted as available: "mean", "p10" (cautious), "p50" or "p90".
  std::string percentile = "mean";
  std::optional<double> budget;
  double max_hires_fte = kInfinity;  // per role, a year (else the labour market's limit)
  // A year of the programme over years: hire limits a year's, and every conversion offered
  // (the path times their completion); else one year's programme, hire limits for every year
  // since the base year and only conversions complete by then.
  bool path_year = false;
  bool shortfall_hard = false;
  // The plan of record's joiners a year by role code (FTE): scenario and policy cells give up at
  // most these by not replacing leavers, so the joiners a lever adds are kept (empty: the
  // problem's own joiners).
  std::map<std::string, double> baseline_joiners_fte;  // work not given by the plan's staff is infeasible, not agency cover
  std::optional<double> supervision_ratio;  // else the reference's
  double max_delegation_risk = 2;  // 0 low, 1 medium, 2 high: delegations up to this risk are allowed (-1: none)
  // Roles with no staff yet (a scenario's new roles), by code: the sector group whose on-costs
  // apply to their salary.
  std::map<std::string, SectorGroup> new_roles;
};

// The skill-mix problem of one year: the visits of every intervention of every service in each
// locality (from demand), the hours each role has for the modelled services (its base-year
// service FTE plus the change in its supply), costs from pay and on-costs, delegations and
// cross-skilling from the reference (docs/methods.md, "Skill mix").
SkillMixProblem BuildSkillMixProblem(const Place& place, const std::vector<Service>& services,
                                     const demand::DemandResult& demand, const supply::SupplyResult& supply,
                                     const PlanReference& reference, const SkillMixSettings& settings,
                                     std::vector<Index>* role_of_problem_role = nullptr);

}  // namespace careforce::plan
