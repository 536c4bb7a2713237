#include "plan/skill_mix.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

namespace careforce::plan {

namespace {

constexpr double kTolerance = 1e-9;

// How a role can do a competence: by its profile, by delegation, or once trained.
enum class Route { kNone, kHeld, kDelegated, kTrained };

}  // namespace

SkillMixResult OptimiseSkillMix(const SkillMixProblem& problem) {
  SkillMixResult result;
  LinearProgram& program = result.program;
  const std::size_t roles = problem.roles.size();
  const std::size_t localities = problem.localities.size();
  const double hpf = problem.hours_per_fte;

  std::map<std::pair<std::size_t, std::string>, Route> routes;
  for (std::size_t role = 0; role < roles; ++role) {
    for (const std::string& competence : problem.roles[role].competences) routes[{role, competence}] = Route::kHeld;
  }
  const auto role_index = [&](const std::string& code) {
    for (std::size_t role = 0; role < roles; ++role) {
      if (problem.roles[role].code == code) return role;
    }
    return roles;
  };
  for (const Delegation& delegation : problem.delegations) {
    const std::size_t role = role_index(delegation.role);
    if (role < roles) routes.try_emplace({role, delegation.competence}, Route::kDelegated);
  }
  // Cross-skilling: FTE trained, and the capacity row each one gives.
  std::map<std::pair<std::size_t, std::string>, int> capacity_rows;
  std::map<std::pair<std::size_t, std::string>, int> training_columns;
  for (const CrossSkilling& option : problem.cross_skilling) {
    const std::size_t role = role_index(option.role);
    if (role >= roles || routes.contains({role, option.competence})) continue;
    routes[{role, option.competence}] = Route::kTrained;
    const int column = program.AddVariable(fmt::format("train:{}:{}", option.role, option.competence), 0, kInfinity,
                                           option.cost_per_fte);
    training_columns[{role, option.competence}] = column;
    const int row = program.AddConstraint(fmt::format("trained_hours:{}:{}", option.role, option.competence), -kInfinity,
                                          0, false);
    program.Add(row, column, -hpf);
    capacity_rows[{role, option.competence}] = row;
    if (option.max_fte < kInfinity) {
      const int limit = program.AddConstraint(fmt::format("training_limit:{}:{}", option.role, option.competence),
                                              -kInfinity, option.max_fte);
      program.Add(limit, column, 1.0);
    }
  }
  const auto route = [&](std::size_t role, const std::string& competence) {
    const auto found = routes.find({role, competence});
    return found == routes.end() ? Route::kNone : found->second;
  };

  // Hours available (with hires) per role and locality, and hire limits.
  std::vector<std::vector<int>> hours_rows(roles, std::vector<int>(localities));
  std::vector<std::vector<int>> hire_columns(roles, std::vector<int>(localities));
  for (std::size_t role = 0; role < roles; ++role) {
    const SkillMixRole& info = problem.roles[role];
    int limit = -1;
    if (info.max_hires_fte < kInfinity) limit = program.AddConstraint(fmt::format("hire_limit:{}", info.code), -kInfinity, info.max_hires_fte);
    for (std::size_t locality = 0; locality < localities; ++locality) {
      const double available = locality < info.available_hours.size() ? info.available_hours[locality] : 0.0;
      hours_rows[role][locality] = program.AddConstraint(
          fmt::format("hours_available:{}:{}", info.code, problem.localities[locality]), -kInfinity, available);
      hire_columns[role][locality] = program.AddVariable(
          fmt::format("hire:{}:{}", info.code, problem.localities[locality]), 0, kInfinity, info.hire_cost_per_fte);
      program.Add(hours_rows[role][locality], hire_columns[role][locality], -hpf);
      if (limit >= 0) program.Add(limit, hire_columns[role][locality], 1.0);
    }
  }
  // Conversions between roles: FTE moving from one role's hours to another's, per locality.
  struct ConversionColumn {
    std::size_t from;
    std::size_t to;
    std::size_t locality;
    double cost_per_fte;
    int column;
  };
  std::vector<ConversionColumn> conversion_columns;
  for (const Conversion& conversion : problem.conversions) {
    const std::size_t from = role_index(conversion.from);
    const std::size_t to = role_index(conversion.to);
    if (from >= roles || to >= roles || from == to) continue;
    for (std::size_t locality = 0; locality < localities; ++locality) {
      const int column = program.AddVariable(
          fmt::format("convert:{}:{}:{}", conversion.from, conversion.to, problem.localities[locality]), 0, kInfinity,
          conversion.cost_per_fte);
      program.Add(hours_rows[from][locality], column, hpf);
      program.Add(hours_rows[to][locality], column, -hpf);
      conversion_columns.push_back(ConversionColumn{from, to, locality, conversion.cost_per_fte, column});
    }
  }
  // Supervision: registered hours at least the ratio times supervised hours, per locality.
  std::vector<int> supervision_rows(localities, -1);
  if (problem.supervision_ratio > 0) {
    for (std::size_t locality = 0; locality < localities; ++locality) {
      supervision_rows[locality] =
          program.AddConstraint(fmt::format("supervision:{}", problem.localities[locality]), 0, kInfinity);
    }
  }
  // Budget on one-off spending.
  int budget_row = -1;
  if (problem.budget) {
    budget_row = program.AddConstraint("budget", -kInfinity, *problem.budget);
    for (std::size_t role = 0; role < roles; ++role) {
      for (std::size_t locality = 0; locality < localities; ++locality) {
        program.Add(budget_row, hire_columns[role][locality], problem.roles[role].hire_cost_per_fte);
      }
    }
    for (const auto& [key, column] : training_columns) {
      for (const CrossSkilling& option : problem.cross_skilling) {
        if (option.role == problem.roles[key.first].code && option.competence == key.second) {
          program.Add(budget_row, column, option.cost_per_fte);
        }
      }
    }
    for (const ConversionColumn& conversion : conversion_columns) program.Add(budget_row, conversion.column, conversion.cost_per_fte);
  }

  // Work given by a role: its hours count against what it has, supervision and training.
  struct Work {
    std::size_t task;
    std::size_t role;
    std::string part;
    double hours_per_visit;
    double travel_per_visit;
    int column;
  };
  std::vector<Work> work;
  const auto give = [&](std::size_t task, std::size_t role, const std::string& part, double hours_per_visit,
                        double travel_per_visit, const std::vector<std::string>& needs) {
    const SkillMixTask& info = problem.tasks[task];
    const SkillMixRole& who = problem.roles[role];
    const int column = program.AddVariable(fmt::format("visits:{}:{}:{}:{}", info.name, problem.localities[info.locality], part, who.code),
                                           0, kInfinity, who.cost_per_hour * hours_per_visit);
    program.Add(hours_rows[role][info.locality], column, hours_per_visit);
    if (supervision_rows[info.locality] >= 0) {
      if (who.registered) program.Add(supervision_rows[info.locality], column, hours_per_visit);
      if (who.supervised) program.Add(supervision_rows[info.locality], column, -problem.supervision_ratio * hours_per_visit);
    }
    for (const std::string& competence : needs) {
      if (route(role, competence) == Route::kTrained) program.Add(capacity_rows.at({role, competence}), column, hours_per_visit);
    }
    work.push_back(Work{task, role, part, hours_per_visit, travel_per_visit, column});
    return column;
  };
  for (std::size_t task = 0; task < problem.tasks.size(); ++task) {
    const SkillMixTask& info = problem.tasks[task];
    const std::string where = problem.localities[info.locality];
    const int demand = program.AddConstraint(fmt::format("demand:{}:{}", info.name, where), info.visits, info.visits, false);
    if (problem.todays_mix && !info.todays_split.empty()) {
      for (const auto& [code, share] : info.todays_split) {
        const std::size_t role = role_index(code);
        if (role >= roles) continue;
        const int column = give(task, role, "all", info.contact_hours_per_visit + info.travel_hours_per_visit,
                                info.travel_hours_per_visit, {});
        program.Add(demand, column, 1.0);
        const int fixed = program.AddConstraint(fmt::format("todays_mix:{}:{}:{}", info.name, where, code),
                                                share * info.visits, share * info.visits, false);
        program.Add(fixed, column, 1.0);
      }
      continue;
    }
    const auto allowed = [&](std::size_t role) { return !info.reserved || problem.roles[role].registered; };
    // One role giving the whole visit: one travel leg.
    for (std::size_t role = 0; role < roles; ++role) {
      if (!allowed(role)) continue;
      const bool covers = std::all_of(info.competences.begin(), info.competences.end(),
                                      [&](const std::string& competence) { return route(role, competence) != Route::kNone; });
      if (!covers) continue;
      const int column = give(task, role, "all", info.contact_hours_per_visit + info.travel_hours_per_visit,
                              info.travel_hours_per_visit, info.competences);
      program.Add(demand, column, 1.0);
    }
    // The visit's competences split between roles: each part its share of contact time and its
    // own travel leg ("one visit, not four").
    if (info.competences.size() > 1) {
      const int split = program.AddVariable(fmt::format("split:{}:{}", info.name, where), 0, kInfinity, 0.0);
      program.Add(demand, split, 1.0);
      const double part_contact = info.contact_hours_per_visit / static_cast<double>(info.competences.size());
      for (const std::string& competence : info.competences) {
        const int row = program.AddConstraint(fmt::format("split:{}:{}:{}", info.name, where, competence), 0, 0, false);
        program.Add(row, split, -1.0);
        for (std::size_t role = 0; role < roles; ++role) {
          if (!allowed(role) || route(role, competence) == Route::kNone) continue;
          const int column = give(task, role, competence, part_contact + info.travel_hours_per_visit,
                                  info.travel_hours_per_visit, {competence});
          program.Add(row, column, 1.0);
        }
      }
    }
  }

  const Solution solution = Solve(program);
  result.status = solution.status;
  result.binding = solution.binding;
  result.conflicting = solution.conflicting;
  if (solution.status != SolveStatus::kOptimal) return result;
  result.cost = solution.objective;
  result.hours_used.assign(roles, std::vector<double>(localities, 0.0));
  result.hires_fte.assign(roles, std::vector<double>(localities, 0.0));
  for (const Work& item : work) {
    const double visits = solution.values[static_cast<std::size_t>(item.column)];
    if (visits <= kTolerance) continue;
    const double hours = visits * item.hours_per_visit;
    result.assignments.push_back(SkillMixResult::Assignment{item.task, item.role, item.part, visits, hours});
    result.hours_used[item.role][problem.tasks[item.task].locality] += hours;
    result.staff_cost += hours * problem.roles[item.role].cost_per_hour;
    result.travel_hours += visits * item.travel_per_visit;
  }
  for (std::size_t role = 0; role < roles; ++role) {
    for (std::size_t locality = 0; locality < localities; ++locality) {
      const double hired = solution.values[static_cast<std::size_t>(hire_columns[role][locality])];
      result.hires_fte[role][locality] = hired;
      result.hire_cost += hired * problem.roles[role].hire_cost_per_fte;
    }
  }
  for (const auto& [key, column] : training_columns) {
    const double fte = solution.values[static_cast<std::size_t>(column)];
    if (fte <= kTolerance) continue;
    result.training.push_back(SkillMixResult::Training{key.first, key.second, fte});
    result.training_cost += fte * program.variables()[static_cast<std::size_t>(column)].cost;
  }
  for (const ConversionColumn& conversion : conversion_columns) {
    const double fte = solution.values[static_cast<std::size_t>(conversion.column)];
    if (fte <= kTolerance) continue;
    result.conversions.push_back(SkillMixResult::Converted{conversion.from, conversion.to, conversion.locality, fte});
    result.conversion_cost += fte * conversion.cost_per_fte;
  }
  result.budget_bound = budget_row >= 0 && std::find(result.binding.begin(), result.binding.end(), "budget") != result.binding.end();
  return result;
}

}  // namespace careforce::plan
