#include "plan/skill_mix.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "model/error.hpp"

namespace careforce::plan {

namespace {

constexpr double kTolerance = 1e-9;

// How a role can do a competence: by its profile, by delegation, or once trained.
enum class Route { kNone, kHeld, kDelegated, kTrained };

// How a year's one-off spending enters the programme: priced in the year's own block (hiring,
// training and conversion costs, hire limits and the budget), or linked across years by the
// caller (the year's columns are then stocks in post, at no cost of their own).
enum class OneOff { kPriced, kLinked };

struct ConversionColumn {
  std::size_t from;
  std::size_t to;
  std::size_t locality;
  double cost_per_fte;
  int column;
};

struct Work {
  std::size_t task;
  std::size_t role;
  std::string part;
  double hours_per_visit;
  double travel_per_visit;
  int column;
};

// The columns of one year's block of a programme.
struct YearColumns {
  std::vector<std::vector<int>> hire;                                // [role][locality]: FTE hired
  std::vector<std::vector<int>> in_post;                             // [role][locality]: hours of staff in post used
  std::map<std::pair<std::size_t, std::string>, int> training;       // role, competence
  std::map<std::pair<std::size_t, std::string>, double> training_cost_per_fte;
  std::vector<ConversionColumn> conversions;
  std::vector<Work> work;
  int budget_row = -1;
};

std::size_t RoleIndex(const SkillMixProblem& problem, const std::string& code) {
  for (std::size_t role = 0; role < problem.roles.size(); ++role) {
    if (problem.roles[role].code == code) return role;
  }
  return problem.roles.size();
}

// Adds one year's programme to `program`, every name prefixed by `prefix`.
YearColumns AddYear(LinearProgram& program, const SkillMixProblem& problem, const std::string& prefix, OneOff one_off) {
  YearColumns year;
  const bool priced = one_off == OneOff::kPriced;
  const std::size_t roles = problem.roles.size();
  const std::size_t localities = problem.localities.size();
  const double hpf = problem.hours_per_fte;

  std::map<std::pair<std::size_t, std::string>, Route> routes;
  for (std::size_t role = 0; role < roles; ++role) {
    for (const std::string& competence : problem.roles[role].competences) routes[{role, competence}] = Route::kHeld;
  }
  for (const Delegation& delegation : problem.delegations) {
    const std::size_t role = RoleIndex(problem, delegation.role);
    if (role < roles) routes.try_emplace({role, delegation.competence}, Route::kDelegated);
  }
  // Cross-skilling: FTE trained, and the capacity row each one gives.
  std::map<std::pair<std::size_t, std::string>, int> capacity_rows;
  std::map<std::pair<std::size_t, std::string>, int>& training_columns = year.training;
  for (const CrossSkilling& option : problem.cross_skilling) {
    const std::size_t role = RoleIndex(problem, option.role);
    if (role >= roles || routes.contains({role, option.competence})) continue;
    routes[{role, option.competence}] = Route::kTrained;
    const int column = program.AddVariable(fmt::format("{}train:{}:{}", prefix, option.role, option.competence), 0,
                                           kInfinity, priced ? option.cost_per_fte : 0.0);
    training_columns[{role, option.competence}] = column;
    year.training_cost_per_fte[{role, option.competence}] = option.cost_per_fte;
    const int row = program.AddConstraint(fmt::format("{}trained_hours:{}:{}", prefix, option.role, option.competence),
                                          -kInfinity, 0, false);
    program.Add(row, column, -hpf);
    capacity_rows[{role, option.competence}] = row;
    if (option.max_fte < kInfinity) {
      const int limit = program.AddConstraint(fmt::format("{}training_limit:{}:{}", prefix, option.role, option.competence),
                                              -kInfinity, option.max_fte);
      program.Add(limit, column, 1.0);
    }
  }
  const auto route = [&](std::size_t role, const std::string& competence) {
    const auto found = routes.find({role, competence});
    return found == routes.end() ? Route::kNone : found->second;
  };

  // Hours per role and locality: the work given is covered by hours of the staff in post (at
  // most what they have for these services, paid as used) and by hires (paid in full, used or
  // not, so that a hire is never cheaper than the hours of someone already in post); hire limits.
  std::vector<std::vector<int>> hours_rows(roles, std::vector<int>(localities));      // work + idle - in post - hires = 0
  std::vector<std::vector<int>> available_rows(roles, std::vector<int>(localities));  // in post <= available
  std::vector<std::vector<int>>& hire_columns = year.hire;
  std::vector<std::vector<int>>& in_post_columns = year.in_post;
  hire_columns.assign(roles, std::vector<int>(localities));
  in_post_columns.assign(roles, std::vector<int>(localities));
  for (std::size_t role = 0; role < roles; ++role) {
    const SkillMixRole& info = problem.roles[role];
    int limit = -1;
    if (priced && info.max_hires_fte < kInfinity) {
      limit = program.AddConstraint(fmt::format("{}hire_limit:{}", prefix, info.code), -kInfinity, info.max_hires_fte);
    }
    for (std::size_t locality = 0; locality < localities; ++locality) {
      const std::string& where = problem.localities[locality];
      const double available = locality < info.available_hours.size() ? info.available_hours[locality] : 0.0;
      // Hours given (paid through the work, each at its role's cost) plus hired hours left idle
      // (paid all the same) = hours of staff in post used + hired hours.
      in_post_columns[role][locality] =
          program.AddVariable(fmt::format("{}in_post_hours:{}:{}", prefix, info.code, where), 0, kInfinity, 0.0);
      available_rows[role][locality] =
          program.AddConstraint(fmt::format("{}hours_available:{}:{}", prefix, info.code, where), -kInfinity, available);
      program.Add(available_rows[role][locality], in_post_columns[role][locality], 1.0);
      hours_rows[role][locality] = program.AddConstraint(fmt::format("{}hours:{}:{}", prefix, info.code, where), 0, 0, false);
      program.Add(hours_rows[role][locality], in_post_columns[role][locality], -1.0);
      const int idle =
          program.AddVariable(fmt::format("{}idle_hours:{}:{}", prefix, info.code, where), 0, kInfinity, info.cost_per_hour);
      program.Add(hours_rows[role][locality], idle, 1.0);
      hire_columns[role][locality] = program.AddVariable(fmt::format("{}hire:{}:{}", prefix, info.code, where), 0,
                                                         kInfinity, priced ? info.hire_cost_per_fte : 0.0);
      program.Add(hours_rows[role][locality], hire_columns[role][locality], -hpf);
      if (limit >= 0) program.Add(limit, hire_columns[role][locality], 1.0);
    }
  }
  // Conversions between roles: FTE moving from one role's hours to another's, per locality.
  std::vector<ConversionColumn>& conversion_columns = year.conversions;
  for (const Conversion& conversion : problem.conversions) {
    const std::size_t from = RoleIndex(problem, conversion.from);
    const std::size_t to = RoleIndex(problem, conversion.to);
    if (from >= roles || to >= roles || from == to) continue;
    for (std::size_t locality = 0; locality < localities; ++locality) {
      const int column = program.AddVariable(
          fmt::format("{}convert:{}:{}:{}", prefix, conversion.from, conversion.to, problem.localities[locality]), 0,
          kInfinity, priced ? conversion.cost_per_fte : 0.0);
      program.Add(available_rows[from][locality], column, hpf);
      program.Add(available_rows[to][locality], column, -hpf);
      conversion_columns.push_back(ConversionColumn{from, to, locality, conversion.cost_per_fte, column});
    }
  }
  // Supervision: registered hours at least the ratio times supervised hours, per locality.
  std::vector<int> supervision_rows(localities, -1);
  if (problem.supervision_ratio > 0) {
    for (std::size_t locality = 0; locality < localities; ++locality) {
      supervision_rows[locality] =
          program.AddConstraint(fmt::format("{}supervision:{}", prefix, problem.localities[locality]), 0, kInfinity);
    }
  }
  // Budget on one-off spending.
  int& budget_row = year.budget_row;
  if (priced && problem.budget) {
    budget_row = program.AddConstraint(prefix + "budget", -kInfinity, *problem.budget);
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
  std::vector<Work>& work = year.work;
  const auto give = [&](std::size_t task, std::size_t role, const std::string& part, double hours_per_visit,
                        double travel_per_visit, const std::vector<std::string>& needs) {
    const SkillMixTask& info = problem.tasks[task];
    const SkillMixRole& who = problem.roles[role];
    const int column = program.AddVariable(
        fmt::format("{}visits:{}:{}:{}:{}", prefix, info.name, problem.localities[info.locality], part, who.code), 0,
        kInfinity, who.cost_per_hour * hours_per_visit);
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
    const int demand =
        program.AddConstraint(fmt::format("{}demand:{}:{}", prefix, info.name, where), info.visits, info.visits, false);
    if (problem.todays_mix && !info.todays_split.empty()) {
      for (const auto& [code, share] : info.todays_split) {
        const std::size_t role = RoleIndex(problem, code);
        if (role >= roles) continue;
        const int column = give(task, role, "all", info.contact_hours_per_visit + info.travel_hours_per_visit,
                                info.travel_hours_per_visit, {});
        program.Add(demand, column, 1.0);
        const int fixed = program.AddConstraint(fmt::format("{}todays_mix:{}:{}:{}", prefix, info.name, where, code),
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
      const int split = program.AddVariable(fmt::format("{}split:{}:{}", prefix, info.name, where), 0, kInfinity, 0.0);
      program.Add(demand, split, 1.0);
      const double part_contact = info.contact_hours_per_visit / static_cast<double>(info.competences.size());
      for (const std::string& competence : info.competences) {
        const int row =
            program.AddConstraint(fmt::format("{}split:{}:{}:{}", prefix, info.name, where, competence), 0, 0, false);
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

  return year;
}

// Reads a year's block of a solved programme: what each role gives, hires, training and
// conversions (FTE in post that year), and their costs.
void ReadYear(const SkillMixProblem& problem, const YearColumns& year, const Solution& solution, SkillMixResult& result) {
  const std::size_t roles = problem.roles.size();
  const std::size_t localities = problem.localities.size();
  const std::vector<Work>& work = year.work;
  const auto& hire_columns = year.hire;
  result.hours_used.assign(roles, std::vector<double>(localities, 0.0));
  result.hires_fte.assign(roles, std::vector<double>(localities, 0.0));
  for (const Work& item : work) {
    const double visits = solution.values[static_cast<std::size_t>(item.column)];
    if (visits <= kTolerance) continue;
    const double hours = visits * item.hours_per_visit;
    result.assignments.push_back(SkillMixResult::Assignment{item.task, item.role, item.part, visits, hours});
    result.hours_used[item.role][problem.tasks[item.task].locality] += hours;
    result.travel_hours += visits * item.travel_per_visit;
  }
  // Staff cost: the hours of staff in post used, and hires for the whole year.
  for (std::size_t role = 0; role < roles; ++role) {
    const double per_hour = problem.roles[role].cost_per_hour;
    for (std::size_t locality = 0; locality < localities; ++locality) {
      const double hired = solution.values[static_cast<std::size_t>(hire_columns[role][locality])];
      const double in_post = solution.values[static_cast<std::size_t>(year.in_post[role][locality])];
      result.hires_fte[role][locality] = hired;
      result.hire_cost += hired * problem.roles[role].hire_cost_per_fte;
      result.staff_cost += (in_post + hired * problem.hours_per_fte) * per_hour;
    }
  }
  for (const auto& [key, column] : year.training) {
    const double fte = solution.values[static_cast<std::size_t>(column)];
    if (fte <= kTolerance) continue;
    result.training.push_back(SkillMixResult::Training{key.first, key.second, fte});
    result.training_cost += fte * year.training_cost_per_fte.at(key);
  }
  for (const ConversionColumn& conversion : year.conversions) {
    const double fte = solution.values[static_cast<std::size_t>(conversion.column)];
    if (fte <= kTolerance) continue;
    result.conversions.push_back(SkillMixResult::Converted{conversion.from, conversion.to, conversion.locality, fte});
    result.conversion_cost += fte * conversion.cost_per_fte;
  }
}

}  // namespace

SkillMixResult OptimiseSkillMix(const SkillMixProblem& problem) {
  SkillMixResult result;
  const YearColumns year = AddYear(result.program, problem, "", OneOff::kPriced);
  const Solution solution = Solve(result.program);
  result.status = solution.status;
  result.binding = solution.binding;
  result.conflicting = solution.conflicting;
  if (solution.status != SolveStatus::kOptimal) return result;
  result.cost = solution.objective;
  ReadYear(problem, year, solution, result);
  result.budget_bound =
      year.budget_row >= 0 && std::find(result.binding.begin(), result.binding.end(), "budget") != result.binding.end();
  return result;
}

SkillMixPath OptimiseSkillMixPath(const std::vector<std::pair<int, SkillMixProblem>>& years) {
  SkillMixPath path;
  if (years.empty()) return path;
  const SkillMixProblem& first = years.front().second;
  const std::size_t roles = first.roles.size();
  const std::size_t localities = first.localities.size();
  LinearProgram program;
  std::vector<YearColumns> blocks;
  for (const auto& [year, problem] : years) {
    bool same = problem.localities == first.localities && problem.roles.size() == roles;
    for (std::size_t role = 0; same && role < roles; ++role) same = problem.roles[role].code == first.roles[role].code;
    if (!same) throw InternalError(fmt::format("the skill-mix problem of {} has other roles or localities", year));
    blocks.push_back(AddYear(program, problem, fmt::format("{}:", year), OneOff::kLinked));
  }
  const SkillMixProblem& last = years.back().second;
  const int budget = last.budget ? program.AddConstraint("budget", -kInfinity, *last.budget) : -1;
  // What is in post in a year is what was in post the year before (less leavers, for hires) plus
  // what is added in the year, which is what costs.
  const auto link = [&](std::size_t index, int stock, int before, double kept, const std::string& name, double cost) {
    const int added = program.AddVariable(fmt::format("{}:{}", years[index].first, name), 0, kInfinity, cost);
    const int row = program.AddConstraint(fmt::format("{}:in_post:{}", years[index].first, name), 0, 0, false);
    program.Add(row, stock, 1.0);
    program.Add(row, added, -1.0);
    if (before >= 0) program.Add(row, before, -kept);
    if (budget >= 0 && cost > 0) program.Add(budget, added, cost);
    return added;
  };
  std::vector<std::vector<std::vector<int>>> new_hires(years.size(), std::vector<std::vector<int>>(roles));
  std::vector<std::vector<std::pair<int, double>>> one_off(years.size());  // column, cost per FTE
  for (std::size_t index = 0; index < years.size(); ++index) {
    const SkillMixProblem& problem = years[index].second;
    for (std::size_t role = 0; role < roles; ++role) {
      const SkillMixRole& info = problem.roles[role];
      int limit = -1;
      if (info.max_hires_fte < kInfinity) {
        limit = program.AddConstraint(fmt::format("{}:hire_limit:{}", years[index].first, info.code), -kInfinity,
                                      info.max_hires_fte);
      }
      for (std::size_t locality = 0; locality < localities; ++locality) {
        const int before = index > 0 ? blocks[index - 1].hire[role][locality] : -1;
        const int added = link(index, blocks[index].hire[role][locality], before, 1.0 - info.leaver_rate,
                               fmt::format("new_hire:{}:{}", info.code, problem.localities[locality]), info.hire_cost_per_fte);
        if (limit >= 0) program.Add(limit, added, 1.0);
        new_hires[index][role].push_back(added);
        one_off[index].emplace_back(added, info.hire_cost_per_fte);
      }
    }
    for (const auto& [key, column] : blocks[index].training) {
      int before = -1;
      if (index > 0) {
        const auto found = blocks[index - 1].training.find(key);
        if (found != blocks[index - 1].training.end()) before = found->second;
      }
      const double cost = blocks[index].training_cost_per_fte.at(key);
      const int added = link(index, column, before, 1.0, fmt::format("new_train:{}:{}", first.roles[key.first].code, key.second), cost);
      one_off[index].emplace_back(added, cost);
    }
    for (std::size_t conversion = 0; conversion < blocks[index].conversions.size(); ++conversion) {
      const ConversionColumn& info = blocks[index].conversions[conversion];
      const int before = index > 0 && conversion < blocks[index - 1].conversions.size()
                             ? blocks[index - 1].conversions[conversion].column
                             : -1;
      const int added = link(index, info.column, before, 1.0,
                             fmt::format("new_convert:{}:{}:{}", first.roles[info.from].code, first.roles[info.to].code,
                                         first.localities[info.locality]),
                             info.cost_per_fte);
      one_off[index].emplace_back(added, info.cost_per_fte);
    }
  }
  // The linked programme is large and feasible far more often than not: the dual simplex gets
  // ten times the usual iterations before the primal simplex is tried (docs/performance.md).
  const Solution solution = Solve(program, 10 * static_cast<int>(program.constraints().size()) + 1000);
  path.status = solution.status;
  path.conflicting = solution.conflicting;
  path.variables = program.variables().size();
  path.constraints = program.constraints().size();
  if (solution.status != SolveStatus::kOptimal) return path;
  path.cost = solution.objective;
  for (std::size_t index = 0; index < years.size(); ++index) {
    SkillMixResult read;
    ReadYear(years[index].second, blocks[index], solution, read);
    SkillMixPath::Year year;
    year.year = years[index].first;
    year.staff_cost = read.staff_cost;
    for (const auto& [column, cost] : one_off[index]) year.one_off_cost += solution.values[static_cast<std::size_t>(column)] * cost;
    year.new_hires_fte.assign(roles, 0.0);
    year.hires_in_post_fte.assign(roles, 0.0);
    for (std::size_t role = 0; role < roles; ++role) {
      for (std::size_t locality = 0; locality < localities; ++locality) {
        year.new_hires_fte[role] += solution.values[static_cast<std::size_t>(new_hires[index][role][locality])];
        year.hires_in_post_fte[role] += read.hires_fte[role][locality];
      }
    }
    path.years.push_back(std::move(year));
  }
  return path;
}

}  // namespace careforce::plan
