#include "plan/skill_mix.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include <fmt/format.h>

#include "model/error.hpp"

namespace careforce::plan {

namespace {

constexpr double kTolerance = 1e-9;

// Staff in post cost the same whatever they do (an hour of work or an idle hour), so which of them
// gives a visit does not change the cost. A tiny extra price per hour of work (this share of the
// role's cost) breaks the tie towards the cheaper role and the shorter travel; it is left out of
// every cost reported.
constexpr double kTieBreak = 1e-4;

// How a role can do a competence: by its profile, or once trained.
enum class Route { kNone, kHeld, kTrained };

// How a year's one-off spending enters the programme: priced in the year's own block (hiring,
// training and conversion costs, hire limits and the budget), or linked across years by the
// caller (the year's columns are then stocks in post, their one-off costs on the caller's
// columns).
enum class OneOff { kPriced, kLinked };

struct ConversionColumn {
  std::size_t from;
  std::size_t to;
  std::size_t locality;
  double cost_per_fte;      // one-off: course and backfill
  double pay_change_per_fte;  // a year: the second role's cost less the first's
  int years;
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

// Hours an owning role spends supervising delegated work in a locality.
struct Supervising {
  std::size_t role;
  std::size_t locality;
  int column;
};

// The columns of one year's block of a programme.
struct YearColumns {
  std::vector<std::vector<int>> hire;                                // [role][locality]: FTE hired (in post)
  std::vector<std::vector<int>> released;                            // [role][locality]: hours not replaced
  std::vector<std::vector<int>> other_unmet;                         // [role][locality]: -1 when none
  std::vector<int> unmet;                                            // per task: -1 when none
  std::map<std::pair<std::size_t, std::string>, int> training;       // role, competence
  std::map<std::pair<std::size_t, std::string>, double> training_cost_per_fte;
  std::vector<ConversionColumn> conversions;
  std::vector<Work> work;
  std::vector<Supervising> supervision;
  int budget_row = -1;
};

std::size_t RoleIndex(const SkillMixProblem& problem, const std::string& code) {
  for (std::size_t role = 0; role < problem.roles.size(); ++role) {
    if (problem.roles[role].code == code) return role;
  }
  return problem.roles.size();
}

ScopeLevel LevelOf(const SkillMixTask& task, std::size_t role, bool allow_delegation) {
  if (task.scope.empty()) return ScopeLevel::kOwn;
  const ScopeLevel level = role < task.scope.size() ? task.scope[role].level : ScopeLevel::kNever;
  return level == ScopeLevel::kDelegated && !allow_delegation ? ScopeLevel::kNever : level;
}

// Adds one year's programme to `program`, every name prefixed by `prefix`.
YearColumns AddYear(LinearProgram& program, const SkillMixProblem& problem, const std::string& prefix, OneOff one_off) {
  YearColumns year;
  const bool priced = one_off == OneOff::kPriced;
  const std::size_t roles = problem.roles.size();
  const std::size_t localities = problem.localities.size();
  const double hpf = problem.hours_per_fte;
  const bool agency = problem.shortfall == Shortfall::kPriced;

  std::map<std::pair<std::size_t, std::string>, Route> routes;
  for (std::size_t role = 0; role < roles; ++role) {
    for (const std::string& competence : problem.roles[role].competences) routes[{role, competence}] = Route::kHeld;
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

  // Hours per role and locality. Staff in post are employed: all their hours are paid unless
  // leavers are not replaced, which saves their cost up to a limit. Their hours, and hired hours
  // (paid in full), go to the modelled services, to the role's other work, or stand idle, and
  // every hour is priced where it goes (the work, the other work or idle), so the objective is
  // the staff cost itself:
  //   work + other work + idle = in post + hired hours,   in post + not replaced = supply hours.
  std::vector<std::vector<int>> hours_rows(roles, std::vector<int>(localities));      // work + other + idle - in post - hires = 0
  std::vector<std::vector<int>> available_rows(roles, std::vector<int>(localities));  // in post + released = supply
  std::vector<std::vector<int>>& hire_columns = year.hire;
  hire_columns.assign(roles, std::vector<int>(localities));
  year.released.assign(roles, std::vector<int>(localities, -1));
  year.other_unmet.assign(roles, std::vector<int>(localities, -1));
  for (std::size_t role = 0; role < roles; ++role) {
    const SkillMixRole& info = problem.roles[role];
    int limit = -1;
    if (priced && info.max_hires_fte < kInfinity) {
      limit = program.AddConstraint(fmt::format("{}hire_limit:{}", prefix, info.code), -kInfinity, info.max_hires_fte);
    }
    for (std::size_t locality = 0; locality < localities; ++locality) {
      const std::string& where = problem.localities[locality];
      const auto at = [&](const std::vector<double>& values) { return locality < values.size() ? values[locality] : 0.0; };
      const int in_post = program.AddVariable(fmt::format("{}in_post_hours:{}:{}", prefix, info.code, where), 0, kInfinity, 0.0);
      available_rows[role][locality] = program.AddConstraint(fmt::format("{}hours_available:{}:{}", prefix, info.code, where),
                                                             at(info.available_hours), at(info.available_hours));
      program.Add(available_rows[role][locality], in_post, 1.0);
      if (const double release = std::min(at(info.release_limit_hours), at(info.available_hours)); release > 0) {
        const int released =
            program.AddVariable(fmt::format("{}not_replaced:{}:{}", prefix, info.code, where), 0, release, 0.0);
        program.Add(available_rows[role][locality], released, 1.0);
        year.released[role][locality] = released;
      }
      hours_rows[role][locality] = program.AddConstraint(fmt::format("{}hours:{}:{}", prefix, info.code, where), 0, 0, false);
      program.Add(hours_rows[role][locality], in_post, -1.0);
      const int idle =
          program.AddVariable(fmt::format("{}idle_hours:{}:{}", prefix, info.code, where), 0, kInfinity, info.cost_per_hour);
      program.Add(hours_rows[role][locality], idle, 1.0);
      if (const double other = at(info.other_hours); other > 0) {
        // The role's work outside the modelled services: its own staff, or agency cover.
        const int given = program.AddVariable(fmt::format("{}other_work:{}:{}", prefix, info.code, where), 0, kInfinity,
                                              info.cost_per_hour);
        program.Add(hours_rows[role][locality], given, 1.0);
        const int row = program.AddConstraint(fmt::format("{}other_work:{}:{}", prefix, info.code, where), other, other, false);
        program.Add(row, given, 1.0);
        if (problem.redeployment_share < 1.0) {
          const double kept = (1.0 - problem.redeployment_share) * std::min(other, at(info.available_hours));
          const int keep = program.AddConstraint(fmt::format("{}redeployment:{}:{}", prefix, info.code, where), kept, kInfinity);
          program.Add(keep, given, 1.0);
        }
        if (problem.shortfall == Shortfall::kPriced) {
          const int unmet = program.AddVariable(fmt::format("{}other_work_agency:{}:{}", prefix, info.code, where), 0,
                                                kInfinity, info.agency_cost_per_hour);
          program.Add(row, unmet, 1.0);
          year.other_unmet[role][locality] = unmet;
        }
      }
      // A hire's hours are paid where they go (used or idle), so a hire is never cheaper than
      // the hours of someone already in post; the column carries the recruitment cost.
      hire_columns[role][locality] = program.AddVariable(fmt::format("{}hire:{}:{}", prefix, info.code, where), 0,
                                                         kInfinity, priced ? info.hire_cost_per_fte : 0.0);
      program.Add(hours_rows[role][locality], hire_columns[role][locality], -hpf);
      if (limit >= 0) program.Add(limit, hire_columns[role][locality], 1.0);
    }
  }
  // Conversions between roles: FTE moving from one role's hours to another's, per locality, at
  // the second role's pay. In a single year's programme only conversions that complete by then
  // are offered (the problem's builder leaves the others out).
  std::vector<ConversionColumn>& conversion_columns = year.conversions;
  for (const Conversion& conversion : problem.conversions) {
    const std::size_t from = RoleIndex(problem, conversion.from);
    const std::size_t to = RoleIndex(problem, conversion.to);
    if (from >= roles || to >= roles || from == to) continue;
    const double pay_change = (problem.roles[to].cost_per_hour - problem.roles[from].cost_per_hour) * hpf;
    for (std::size_t locality = 0; locality < localities; ++locality) {
      // The second role's pay follows the hours (priced where they go); the column carries the
      // course and backfill.
      const int column = program.AddVariable(
          fmt::format("{}convert:{}:{}:{}", prefix, conversion.from, conversion.to, problem.localities[locality]), 0,
          kInfinity, priced ? conversion.cost_per_fte : 0.0);
      program.Add(available_rows[from][locality], column, hpf);
      program.Add(available_rows[to][locality], column, -hpf);
      conversion_columns.push_back(
          ConversionColumn{from, to, locality, conversion.cost_per_fte, pay_change, conversion.years, column});
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
    for (const auto& [key, column] : training_columns) program.Add(budget_row, column, year.training_cost_per_fte.at(key));
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
        kInfinity, (1.0 + kTieBreak) * who.cost_per_hour * hours_per_visit);
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
  year.unmet.assign(problem.tasks.size(), -1);
  // Delegated work of each act in each locality, for its supervision row (below).
  std::map<std::pair<std::string, std::size_t>, std::vector<std::pair<std::size_t, double>>> delegated;  // work item, ratio
  std::map<std::string, std::set<std::size_t>> owners;  // act: roles whose own scope covers it
  for (std::size_t task = 0; task < problem.tasks.size(); ++task) {
    const SkillMixTask& info = problem.tasks[task];
    const std::string where = problem.localities[info.locality];
    const int demand =
        program.AddConstraint(fmt::format("{}demand:{}:{}", prefix, info.name, where), info.visits, info.visits, false);
    const std::size_t first_work = work.size();
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
    } else if (!problem.todays_mix) {
      const auto level = [&](std::size_t role) {
        if (info.reserved && !problem.roles[role].registered) return ScopeLevel::kNever;
        return LevelOf(info, role, problem.allow_delegation);
      };
      for (std::size_t role = 0; role < roles && !info.act.empty(); ++role) {
        if (LevelOf(info, role, true) == ScopeLevel::kOwn) owners[info.act].insert(role);
      }
      // Delegated work: its supervision (below), and at most the role's share of the visits.
      std::map<std::size_t, std::vector<std::pair<int, double>>> delegated_visits;  // role: column, visits per column value
      const auto note_delegated = [&](std::size_t role, double visit_share) {
        if (level(role) == ScopeLevel::kDelegated) {
          delegated[{info.act, info.locality}].emplace_back(work.size() - 1, info.scope[role].supervision_ratio);
          delegated_visits[role].emplace_back(work.back().column, visit_share);
        }
      };
      // One role giving the whole visit: one travel leg.
      for (std::size_t role = 0; role < roles; ++role) {
        if (level(role) == ScopeLevel::kNever) continue;
        const bool covers = std::all_of(info.competences.begin(), info.competences.end(),
                                        [&](const std::string& competence) { return route(role, competence) != Route::kNone; });
        if (!covers) continue;
        const int column = give(task, role, "all", info.contact_hours_per_visit + info.travel_hours_per_visit,
                                info.travel_hours_per_visit, info.competences);
        program.Add(demand, column, 1.0);
        note_delegated(role, 1.0);
      }
      // A visit of separable tasks shared between roles: each part its share of contact time
      // and its own travel leg ("one visit, not four"). An indivisible act is never split.
      if (info.separable && info.competences.size() > 1) {
        const int split = program.AddVariable(fmt::format("{}split:{}:{}", prefix, info.name, where), 0, kInfinity, 0.0);
        program.Add(demand, split, 1.0);
        const double part_contact = info.contact_hours_per_visit / static_cast<double>(info.competences.size());
        for (const std::string& competence : info.competences) {
          const int row =
              program.AddConstraint(fmt::format("{}split:{}:{}:{}", prefix, info.name, where, competence), 0, 0, false);
          program.Add(row, split, -1.0);
          for (std::size_t role = 0; role < roles; ++role) {
            if (level(role) == ScopeLevel::kNever || route(role, competence) == Route::kNone) continue;
            const int column = give(task, role, competence, part_contact + info.travel_hours_per_visit,
                                    info.travel_hours_per_visit, {competence});
            program.Add(row, column, 1.0);
            note_delegated(role, 1.0 / static_cast<double>(info.competences.size()));
          }
        }
      }
      for (const auto& [role, columns] : delegated_visits) {
        const double share = info.scope[role].max_share;
        if (share >= 1.0) continue;
        const int row = program.AddConstraint(
            fmt::format("{}delegated_share:{}:{}:{}", prefix, info.name, where, problem.roles[role].code), -kInfinity,
            share * info.visits);
        for (const auto& [column, visits] : columns) program.Add(row, column, visits);
      }
    }
    // Agency or bank cover: priced, or only where no role can give the visit at all.
    const bool uncovered = work.size() == first_work;
    if (agency || (problem.shortfall == Shortfall::kUncoveredOnly && uncovered)) {
      const int unmet = program.AddVariable(fmt::format("{}agency:{}:{}", prefix, info.name, where), 0, kInfinity,
                                            info.shortfall_cost_per_visit);
      program.Add(demand, unmet, 1.0);
      year.unmet[task] = unmet;
    }
  }
  // Delegated acts are supervised by the professions whose own scope they are: hours of theirs
  // spent supervising (taken from their hours, each hour once) at least the supervision ratio
  // times the delegated hours.
  for (const auto& [key, items] : delegated) {
    const auto& [act, locality] = key;
    const int row = program.AddConstraint(
        fmt::format("{}delegation:{}:{}", prefix, act, problem.localities[locality]), 0, kInfinity);
    for (const std::size_t role : owners[act]) {
      const SkillMixRole& who = problem.roles[role];
      const int column = program.AddVariable(
          fmt::format("{}supervise:{}:{}:{}", prefix, act, problem.localities[locality], who.code), 0, kInfinity,
          (1.0 + kTieBreak) * who.cost_per_hour);
      program.Add(hours_rows[role][locality], column, 1.0);
      program.Add(row, column, 1.0);
      year.supervision.push_back(Supervising{role, locality, column});
    }
    for (const auto& [index, ratio] : items) program.Add(row, work[index].column, -ratio * work[index].hours_per_visit);
  }
  return year;
}

double Value(const Solution& solution, int column) {
  return column < 0 ? 0.0 : solution.values[static_cast<std::size_t>(column)];
}

// Reads a year's block of a solved programme: what each role gives, hires, training,
// conversions and agency cover (FTE in post that year), and their costs (staff in post paid in
// full, less leavers not replaced).
void ReadYear(const SkillMixProblem& problem, const YearColumns& year, const Solution& solution, SkillMixResult& result) {
  const std::size_t roles = problem.roles.size();
  const std::size_t localities = problem.localities.size();
  const double hpf = problem.hours_per_fte;
  result.hours_used.assign(roles, std::vector<double>(localities, 0.0));
  result.hires_fte.assign(roles, std::vector<double>(localities, 0.0));
  result.released_fte.assign(roles, std::vector<double>(localities, 0.0));
  result.other_unmet_hours.assign(roles, std::vector<double>(localities, 0.0));
  result.unmet_visits.assign(problem.tasks.size(), 0.0);
  for (const Work& item : year.work) {
    const double visits = Value(solution, item.column);
    if (visits <= kTolerance) continue;
    const double hours = visits * item.hours_per_visit;
    result.assignments.push_back(SkillMixResult::Assignment{item.task, item.role, item.part, visits, hours});
    result.hours_used[item.role][problem.tasks[item.task].locality] += hours;
    result.travel_hours += visits * item.travel_per_visit;
  }
  for (const Supervising& item : year.supervision) {
    const double hours = Value(solution, item.column);
    result.hours_used[item.role][item.locality] += hours;
    result.supervision_hours += hours;
  }
  for (std::size_t task = 0; task < problem.tasks.size(); ++task) {
    const double visits = Value(solution, year.unmet[task]);
    if (visits <= kTolerance) continue;
    const SkillMixTask& info = problem.tasks[task];
    result.unmet_visits[task] = visits;
    result.shortfall_cost += visits * info.shortfall_cost_per_visit;
    result.shortfall_hours += visits * (info.contact_hours_per_visit + info.travel_hours_per_visit);
  }
  for (std::size_t role = 0; role < roles; ++role) {
    const SkillMixRole& info = problem.roles[role];
    for (std::size_t locality = 0; locality < localities; ++locality) {
      const double hired = Value(solution, year.hire[role][locality]);
      const double released = Value(solution, year.released[role][locality]);
      const double other_unmet = Value(solution, year.other_unmet[role][locality]);
      const double available = locality < info.available_hours.size() ? info.available_hours[locality] : 0.0;
      result.hires_fte[role][locality] = hired;
      result.released_fte[role][locality] = released / hpf;
      result.other_unmet_hours[role][locality] = other_unmet;
      result.hire_cost += hired * info.hire_cost_per_fte;
      result.staff_cost += (available - released + hired * hpf) * info.cost_per_hour;
      result.shortfall_cost += other_unmet * info.agency_cost_per_hour;
      result.shortfall_hours += other_unmet;
    }
  }
  for (const auto& [key, column] : year.training) {
    const double fte = Value(solution, column);
    if (fte <= kTolerance) continue;
    result.training.push_back(SkillMixResult::Training{key.first, key.second, fte});
    result.training_cost += fte * year.training_cost_per_fte.at(key);
  }
  for (const ConversionColumn& conversion : year.conversions) {
    const double fte = Value(solution, conversion.column);
    if (fte <= kTolerance) continue;
    result.conversions.push_back(SkillMixResult::Converted{conversion.from, conversion.to, conversion.locality, fte});
    result.conversion_cost += fte * conversion.cost_per_fte;
    result.staff_cost += fte * conversion.pay_change_per_fte;
  }
}

// Tasks of one locality that differ only in name (an intervention repeated in services.toml, or
// two interventions alike) give identical columns and rows, and the simplex method's time grows
// with the square of the rows or more (docs/performance.md, "Bounded work"). The programme holds
// one task for each such group, its visits summed; every row is homogeneous in a task's visits,
// so sharing its answer out by visits is an optimum of the programme with every task.
struct AlikeTasks {
  std::vector<std::vector<std::size_t>> members;  // per task solved: the problem's tasks it stands for
  bool merged = false;                            // some task solved stands for more than one
};

AlikeTasks GroupAlikeTasks(const SkillMixProblem& problem) {
  const auto key = [&](std::size_t task) {
    const SkillMixTask& info = problem.tasks[task];
    return std::tie(info.locality, info.contact_hours_per_visit, info.travel_hours_per_visit, info.competences,
                    info.reserved, info.act, info.separable, info.scope, info.shortfall_cost_per_visit,
                    info.todays_split);
  };
  std::vector<std::size_t> order(problem.tasks.size());
  for (std::size_t task = 0; task < order.size(); ++task) order[task] = task;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t left, std::size_t right) { return key(left) < key(right); });
  AlikeTasks groups;
  std::vector<std::size_t> group_of(problem.tasks.size());
  for (std::size_t at = 0; at < order.size();) {
    std::size_t end = at + 1;
    while (end < order.size() && key(order[end]) == key(order[at])) ++end;
    for (std::size_t member = at; member < end; ++member) group_of[order[member]] = order[at];  // its first task
    groups.merged = groups.merged || end - at > 1;
    at = end;
  }
  // In the order of each group's first task, members in their own order.
  std::vector<std::size_t> solved_index(problem.tasks.size(), problem.tasks.size());
  for (std::size_t task = 0; task < problem.tasks.size(); ++task) {
    std::size_t& index = solved_index[group_of[task]];
    if (index == problem.tasks.size()) {
      index = groups.members.size();
      groups.members.emplace_back();
    }
    groups.members[index].push_back(task);
  }
  return groups;
}

// The problem as solved: each group of alike tasks one task with the group's visits.
SkillMixProblem MergeAlikeTasks(const SkillMixProblem& problem, const AlikeTasks& groups) {
  SkillMixProblem merged = problem;
  merged.tasks.clear();
  for (const std::vector<std::size_t>& members : groups.members) {
    SkillMixTask task = problem.tasks[members.front()];
    for (std::size_t member = 1; member < members.size(); ++member) task.visits += problem.tasks[members[member]].visits;
    merged.tasks.push_back(std::move(task));
  }
  return merged;
}

// The answer for the merged tasks shared out to the problem's tasks by their visits.
void ShareOutAlikeTasks(const SkillMixProblem& problem, const SkillMixProblem& merged, const AlikeTasks& groups,
                        SkillMixResult& result) {
  std::vector<SkillMixResult::Assignment> assignments;
  for (const SkillMixResult::Assignment& given : result.assignments) {
    for (const std::size_t task : groups.members[given.task]) {
      const double share = problem.tasks[task].visits / merged.tasks[given.task].visits;
      assignments.push_back(SkillMixResult::Assignment{task, given.role, given.part, given.visits * share, given.hours * share});
    }
  }
  result.assignments = std::move(assignments);
  std::vector<double> unmet(problem.tasks.size(), 0.0);
  for (std::size_t solved = 0; solved < groups.members.size(); ++solved) {
    for (const std::size_t task : groups.members[solved]) {
      unmet[task] = result.unmet_visits[solved] * problem.tasks[task].visits / merged.tasks[solved].visits;
    }
  }
  result.unmet_visits = std::move(unmet);
}

}  // namespace

double SkillMixResult::HiresFte() const {
  double total = 0.0;
  for (const auto& role : hires_fte) {
    for (const double fte : role) total += fte;
  }
  return total;
}

double SkillMixResult::ReleasedFte() const {
  double total = 0.0;
  for (const auto& role : released_fte) {
    for (const double fte : role) total += fte;
  }
  return total;
}

double SkillMixPath::NewHiresFte() const {
  double total = 0.0;
  for (const Year& year : years) {
    for (const double fte : year.new_hires_fte) total += fte;
  }
  return total;
}

double SkillMixPath::HiresInPostFte() const {
  double total = 0.0;
  if (!years.empty()) {
    for (const double fte : years.back().hires_in_post_fte) total += fte;
  }
  return total;
}

SkillMixResult OptimiseSkillMix(const SkillMixProblem& problem) {
  SkillMixResult result;
  const AlikeTasks groups = GroupAlikeTasks(problem);
  const SkillMixProblem merged = groups.merged ? MergeAlikeTasks(problem, groups) : SkillMixProblem{};
  const SkillMixProblem& solved = groups.merged ? merged : problem;
  const YearColumns year = AddYear(result.program, solved, "", OneOff::kPriced);
  const Solution solution = Solve(result.program, kDefaultDualIterations, problem.name_conflicts);
  result.status = solution.status;
  result.binding = solution.binding;
  result.conflicting = solution.conflicting;
  if (solution.status != SolveStatus::kOptimal) return result;
  ReadYear(solved, year, solution, result);
  if (groups.merged) ShareOutAlikeTasks(problem, merged, groups, result);
  result.cost = result.staff_cost + result.hire_cost + result.training_cost + result.conversion_cost + result.shortfall_cost;
  result.budget_bound =
      year.budget_row >= 0 && std::find(result.binding.begin(), result.binding.end(), "budget") != result.binding.end();
  return result;
}

ProgrammeSize EstimatePathSize(const SkillMixProblem& problem, const LinearProgram& program, int years) {
  // Per year and per role and locality: a new-hire column with the row linking hires in post to
  // the year before, and a row keeping leavers not replaced; per training column and conversion
  // column, one column started that year and its link.
  const std::size_t stocks = problem.roles.size() * problem.localities.size();
  const std::size_t started = problem.cross_skilling.size() + problem.conversions.size() * problem.localities.size();
  const auto count = static_cast<std::size_t>(std::max(0, years));
  return ProgrammeSize{count * (program.variables().size() + stocks + started),
                       count * (program.constraints().size() + 2 * stocks + started)};
}

SkillMixPath OptimiseSkillMixPath(const std::vector<std::pair<int, SkillMixProblem>>& years) {
  SkillMixPath path;
  if (years.empty()) return path;
  const SkillMixProblem& first = years.front().second;
  const std::size_t roles = first.roles.size();
  const std::size_t localities = first.localities.size();
  LinearProgram program;
  std::vector<YearColumns> blocks;
  std::vector<SkillMixProblem> merged(years.size());  // a year with alike tasks: as solved
  const auto solved = [&](std::size_t index) -> const SkillMixProblem& {
    return merged[index].tasks.empty() ? years[index].second : merged[index];
  };
  for (std::size_t index = 0; index < years.size(); ++index) {
    const auto& [year, problem] = years[index];
    bool same = problem.localities == first.localities && problem.roles.size() == roles &&
                problem.conversions.size() == first.conversions.size();
    for (std::size_t role = 0; same && role < roles; ++role) same = problem.roles[role].code == first.roles[role].code;
    if (!same) throw InternalError(fmt::format("the skill-mix problem of {} has other roles, localities or conversions", year));
    if (const AlikeTasks groups = GroupAlikeTasks(problem); groups.merged) merged[index] = MergeAlikeTasks(problem, groups);
    blocks.push_back(AddYear(program, solved(index), fmt::format("{}:", year), OneOff::kLinked));
  }
  const SkillMixProblem& last = years.back().second;
  const int budget = last.budget ? program.AddConstraint("budget", -kInfinity, *last.budget) : -1;
  // What is in post in a year is what was in post the year before (less leavers, for hires) plus
  // what is added in the year (`arriving`, for conversions what started `years` before), which
  // is what costs.
  const auto link = [&](std::size_t index, int stock, int before, double kept, int arriving) {
    const int row = program.AddConstraint(fmt::format("{}:in_post:{}", years[index].first, program.variables()[stock].name),
                                          0, 0, false);
    program.Add(row, stock, 1.0);
    if (arriving >= 0) program.Add(row, arriving, -1.0);
    if (before >= 0) program.Add(row, before, -kept);
  };
  const auto added = [&](std::size_t index, const std::string& name, double cost) {
    const int column = program.AddVariable(fmt::format("{}:{}", years[index].first, name), 0, kInfinity, cost);
    if (budget >= 0 && cost > 0) program.Add(budget, column, cost);
    return column;
  };
  std::vector<std::vector<std::vector<int>>> new_hires(years.size(), std::vector<std::vector<int>>(roles));
  std::vector<std::vector<std::pair<int, double>>> one_off(years.size());  // column, cost per FTE
  std::vector<std::vector<int>> started(years.size());                    // per conversion column
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
        const int column = added(index, fmt::format("new_hire:{}:{}", info.code, problem.localities[locality]),
                                 info.hire_cost_per_fte);
        link(index, blocks[index].hire[role][locality], before, 1.0 - info.leaver_rate, column);
        if (limit >= 0) program.Add(limit, column, 1.0);
        new_hires[index][role].push_back(column);
        one_off[index].emplace_back(column, info.hire_cost_per_fte);
      }
    }
    // Posts given up by not replacing leavers stay given up: a later year gives up at least as
    // many hours (filling them again is a hire).
    for (std::size_t role = 0; index > 0 && role < roles; ++role) {
      for (std::size_t locality = 0; locality < localities; ++locality) {
        const int now = blocks[index].released[role][locality];
        const int before = blocks[index - 1].released[role][locality];
        if (now < 0 || before < 0) continue;
        // (As a share of the supply, where the supply itself shrinks.)
        const auto hours = [&](std::size_t at) {
          const auto& available = years[at].second.roles[role].available_hours;
          return locality < available.size() ? available[locality] : 0.0;
        };
        const double kept = hours(index - 1) > 0 ? std::min(1.0, hours(index) / hours(index - 1)) : 0.0;
        const int row = program.AddConstraint(
            fmt::format("{}:still_not_replaced:{}:{}", years[index].first, problem.roles[role].code, problem.localities[locality]),
            0, kInfinity, false);
        program.Add(row, now, 1.0);
        program.Add(row, before, -kept);
      }
    }
    for (const auto& [key, column] : blocks[index].training) {
      int before = -1;
      if (index > 0) {
        const auto found = blocks[index - 1].training.find(key);
        if (found != blocks[index - 1].training.end()) before = found->second;
      }
      const double cost = blocks[index].training_cost_per_fte.at(key);
      const int fresh = added(index, fmt::format("new_train:{}:{}", first.roles[key.first].code, key.second), cost);
      link(index, column, before, 1.0, fresh);
      one_off[index].emplace_back(fresh, cost);
    }
    for (std::size_t conversion = 0; conversion < blocks[index].conversions.size(); ++conversion) {
      const ConversionColumn& info = blocks[index].conversions[conversion];
      const int fresh = added(index,
                              fmt::format("start_convert:{}:{}:{}", first.roles[info.from].code, first.roles[info.to].code,
                                          first.localities[info.locality]),
                              info.cost_per_fte);
      started[index].push_back(fresh);
      one_off[index].emplace_back(fresh, info.cost_per_fte);
      const int before = index > 0 ? blocks[index - 1].conversions[conversion].column : -1;
      const std::size_t lag = static_cast<std::size_t>(std::max(0, info.years));
      const int arriving = index >= lag ? started[index - lag][conversion] : -1;
      link(index, info.column, before, 1.0, arriving);
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
  for (std::size_t index = 0; index < years.size(); ++index) {
    SkillMixResult read;
    ReadYear(solved(index), blocks[index], solution, read);
    SkillMixPath::Year year;
    year.year = years[index].first;
    year.staff_cost = read.staff_cost;
    year.shortfall_cost = read.shortfall_cost;
    year.shortfall_hours = read.shortfall_hours;
    for (const auto& [column, cost] : one_off[index]) year.one_off_cost += Value(solution, column) * cost;
    year.new_hires_fte.assign(roles, 0.0);
    year.hires_in_post_fte.assign(roles, 0.0);
    year.released_fte.assign(roles, 0.0);
    for (std::size_t role = 0; role < roles; ++role) {
      for (std::size_t locality = 0; locality < localities; ++locality) {
        year.new_hires_fte[role] += Value(solution, new_hires[index][role][locality]);
        year.hires_in_post_fte[role] += read.hires_fte[role][locality];
        year.released_fte[role] += read.released_fte[role][locality];
      }
    }
    path.cost += year.staff_cost + year.one_off_cost + year.shortfall_cost;
    path.years.push_back(std::move(year));
  }
  return path;
}

}  // namespace careforce::plan
