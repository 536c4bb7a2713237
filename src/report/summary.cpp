#include "report/summary.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <set>

#include <fmt/format.h>

#include "report/format.hpp"
#include "report/plan_tables.hpp"

namespace careforce::report {

namespace {

using plan::PlanResult;

std::string Signed(double value, const std::string& text) { return (value >= 0 ? "+" : "−") + text; }

// Total of positive gaps by locality in a year.
std::map<Index, double> ShortfallByLocality(const plan::GapResult& gaps, int year) {
  std::map<Index, double> shortfall;
  for (const plan::GapRow& row : gaps.rows) {
    if (row.year == year && row.locality != kNoIndex && row.gap > 0) shortfall[row.locality] += row.gap;
  }
  return shortfall;
}

// The year-by-year path's recruitment: " Year by year, N FTE are recruited, M still in post in Y."
std::string PathRecruitment(const plan::SkillMixPlan& mix) {
  const plan::SkillMixPath& path = mix.path;
  if (path.status != plan::SolveStatus::kOptimal || path.years.empty()) return "";
  return fmt::format(" Year by year from {} the path recruits {} FTE, {} FTE of them still in post in {} (the rest "
                     "replace recruits who left): the path is the plan to follow, hiring as each year's need and labour "
                     "market allow, so its last year differs from the mix solved for {} alone.",
                     path.years.front().year, Fte(path.NewHiresFte()), Fte(path.HiresInPostFte()), path.years.back().year,
                     mix.year);
}

// What the bridge says cross-skilling changes: "(it changes hires by N FTE and the cost by £M)".
std::string CrossSkillingStep(const plan::SkillMixPlan& mix) {
  for (std::size_t step = 1; step < mix.bridge.size(); ++step) {
    if (mix.bridge[step].name.starts_with("Cross-skilling")) {
      return fmt::format(" (in the bridge it changes hires by {} FTE and the cost by {} a year)",
                         Signed(mix.bridge[step].change_fte, Fte(std::abs(mix.bridge[step].change_fte))),
                         Signed(mix.bridge[step].cost - mix.bridge[step - 1].cost,
                                MoneyShort(std::abs(mix.bridge[step].cost - mix.bridge[step - 1].cost))));
    }
  }
  return "";
}

}  // namespace

ReportTable SummaryTable(const PlanResult& result) {
  ReportTable table("summary", "The plan in numbers",
                    {{"question", "Question", CellKind::kText},
                     {"answer", "Answer", CellKind::kText},
                     {"year", "Holds for", CellKind::kYear}});
  const auto& place = result.place;
  const auto& profile = result.profile;
  const auto row = [&](const std::string& question, const std::string& answer, int year) {
    table.Row().Text(question).Text(answer).Year(year);
  };
  // Plain names, not codes: roles and competences by the names the place gives them.
  std::map<std::string, std::string> role_name;
  std::map<std::string, std::string> competence_name;
  if (result.demand) {
    for (std::size_t idx = 0; idx < result.demand->role_codes.size(); ++idx) {
      role_name[result.demand->role_codes[idx]] = result.demand->role_names[idx];
    }
    for (std::size_t idx = 0; idx < result.demand->competence_codes.size(); ++idx) {
      competence_name[result.demand->competence_codes[idx]] = result.demand->competence_names[idx];
    }
  }
  const auto named = [](const std::map<std::string, std::string>& names, const std::string& code) {
    const auto found = names.find(code);
    return found == names.end() ? code : found->second;
  };
  // A role whose staff numbers are hidden is named in no answer.
  const auto hidden = [&](const std::string& code) {
    if (!result.supply) return false;
    const supply::SupplySeries* series = result.supply->Find("role", code);
    return series != nullptr && series->suppressed;
  };
  row("Who is in the workforce today?",
      fmt::format("{} people ({} FTE) in {} organisations across {} localities; pay bill {} a year.",
                  Count(profile.headcount), Fte(profile.fte), Count(place.organisations), Count(place.localities),
                  MoneyShort(profile.pay_bill)),
      place.base_year);

  if (result.demand) {
    const demand::DemandResult& demand = *result.demand;
    double reached_first = 0.0;
    double reached_last = 0.0;
    for (const auto& activity : demand.activity) {
      if (activity.year == demand.base_year) reached_first += activity.people_reached;
      if (activity.year == demand.last_year) reached_last += activity.people_reached;
    }
    std::map<Index, double> hours_last;
    for (const auto& hours : demand.competence_hours) {
      if (hours.year == demand.last_year) hours_last[hours.competence] += hours.hours;
    }
    std::vector<std::pair<double, Index>> ranked;
    for (const auto& [competence, hours] : hours_last) ranked.emplace_back(hours, competence);
    std::sort(ranked.rbegin(), ranked.rend());
    std::vector<std::string> top;
    for (std::size_t idx = 0; idx < ranked.size() && idx < 3; ++idx) {
      top.push_back(fmt::format("{} ({} hours a year)", demand.competence_names[ranked[idx].second],
                                Count(std::llround(ranked[idx].first))));
    }
    const double first = demand.waterfall.front().fte;
    const double last = demand.waterfall.back().fte;
    row("What do the integrated services need?",
        fmt::format("{} services reach {} people a year now and {} by {}: {} FTE of direct care now, {} FTE then ({}). "
                    "Most needed: {}.",
                    demand.service_codes.size(), Count(std::llround(reached_first)), Count(std::llround(reached_last)),
                    demand.last_year, Fte(first), Fte(last),
                    Signed(last - first, Percent(first > 0 ? std::abs(last - first) / first : 0.0)), fmt::join(top, "; ")),
        demand.last_year);
  }
  if (result.supply && result.gaps) {
    const supply::SupplySeries& total = result.supply->series.front();
    const int year = result.supply->last_year;
    double required = 0.0;
    for (const plan::GapRow& gap : result.gaps->rows) {
      if (gap.locality == kNoIndex && gap.year == year) required += gap.required;
    }
    const std::string band = total.headcount.p10.empty()
                                 ? std::string()
                                 : fmt::format(" (80% of runs between {} and {})", Count(std::llround(total.headcount.p10.back())),
                                               Count(std::llround(total.headcount.p90.back())));
    row("What workforce will we have?",
        fmt::format("{} staff expected{}: {} FTE available against {} FTE required.", Count(std::llround(total.headcount.mean.back())),
                    band, Fte(total.fte.mean.back()), Fte(required)),
        year);
    const plan::GapResult& gaps = *result.gaps;
    std::string how_many = fmt::format("At today's skill mix, {} FTE short (the shortfalls of every role in every "
                                       "locality; their pay bill {} a year).",
                                       Fte(gaps.Shortfall(year)), MoneyShort(gaps.ShortfallCost(year)));
    if (result.skill_mix && !result.skill_mix->bridge.empty() && result.skill_mix->year == year) {
      const std::vector<plan::BridgeStep>& bridge = result.skill_mix->bridge;
      how_many += fmt::format(" The cheapest safe mix needs {} FTE of hires in post{}.{}", Fte(bridge.back().hires_fte),
                              bridge.back().shortfall_fte > 0.05
                                  ? fmt::format(" and {} FTE of agency or bank cover", Fte(bridge.back().shortfall_fte))
                                  : std::string(),
                              PathRecruitment(*result.skill_mix));
    }
    row("How many do we need?", how_many, year);
    std::vector<std::pair<double, Index>> roles;
    for (Index role = 0; role < gaps.role_codes.size(); ++role) {
      if (!hidden(gaps.role_codes[role])) roles.emplace_back(gaps.Shortfall(year, role), role);
    }
    std::sort(roles.rbegin(), roles.rend());
    std::vector<std::string> largest;
    for (std::size_t idx = 0; idx < roles.size() && idx < 3 && roles[idx].first > 0.05; ++idx) {
      largest.push_back(fmt::format("{} {} FTE", gaps.role_names[roles[idx].second], Fte(roles[idx].first)));
    }
    if (!largest.empty()) row("Where are the largest gaps?", fmt::format("{}.", fmt::join(largest, "; ")), year);
    const std::map<Index, double> by_locality = ShortfallByLocality(gaps, year);
    if (!by_locality.empty()) {
      std::vector<std::pair<double, Index>> ranked;
      for (const auto& [locality, gap] : by_locality) ranked.emplace_back(gap, locality);
      std::sort(ranked.rbegin(), ranked.rend());
      std::vector<std::string> places;
      for (const auto& [gap, locality] : ranked) places.push_back(fmt::format("{} {} FTE", gaps.locality_names[locality], Fte(gap)));
      std::string teams;
      if (result.teams && !result.teams->required.empty()) {
        // The neighbourhood teams shortest of staff, against their staff in post today.
        const plan::TeamPlan& plan = *result.teams;
        std::vector<std::pair<double, std::size_t>> short_teams;
        for (std::size_t t = 0; t < plan.design.teams.size(); ++t) {
          short_teams.emplace_back(plan.Shortfall(t, plan.last_year), t);
        }
        std::sort(short_teams.rbegin(), short_teams.rend());
        std::vector<std::string> named;
        for (std::size_t idx = 0; idx < short_teams.size() && idx < 3 && short_teams[idx].first > 0.05; ++idx) {
          named.push_back(fmt::format("{} {} FTE", plan::TeamName(plan, short_teams[idx].second),
                                      Fte(short_teams[idx].first)));
        }
        if (!named.empty()) {
          teams = fmt::format(" Of the {} neighbourhood teams, the shortest in {} at today's staff: {}.",
                              plan.design.teams.size(), plan.last_year, fmt::join(named, "; "));
        }
      }
      row("Is the workforce based in the right locations?",
          fmt::format("Shortfall by locality: {}.{}", fmt::join(places, "; "), teams), year);
    }
  }
  if (result.skill_mix && result.skill_mix->result.status == plan::SolveStatus::kOptimal) {
    const plan::SkillMixPlan& mix = *result.skill_mix;
    const plan::SkillMixResult& best = mix.result;
    const plan::SkillMixResult& today = mix.todays_mix;
    const double saving = today.status == plan::SolveStatus::kOptimal ? today.cost - best.cost : 0.0;
    row("What does it cost?",
        fmt::format("The cheapest safe mix costs {} in its year{}: pay and employer on-costs of staff in post and hired, "
                    "{} of agency or bank cover and {} of one-off recruitment and training.",
                    MoneyShort(best.cost),
                    today.status == plan::SolveStatus::kOptimal
                        ? fmt::format(" against {} at today's skill mix ({} {})", MoneyShort(today.cost),
                                      MoneyShort(std::abs(saving)), saving >= 0 ? "less" : "more")
                        : std::string(),
                    MoneyShort(best.shortfall_cost), MoneyShort(best.hire_cost + best.training_cost + best.conversion_cost)),
        mix.year);
    // Hours by role in the cheapest mix against today's mix.
    std::vector<std::pair<double, std::string>> changes;
    if (today.status == plan::SolveStatus::kOptimal) {
      for (std::size_t role = 0; role < mix.problem.roles.size(); ++role) {
        double best_hours = 0.0;
        double today_hours = 0.0;
        for (std::size_t locality = 0; locality < mix.problem.localities.size(); ++locality) {
          best_hours += best.hours_used[role][locality];
          today_hours += today.hours_used[role][locality];
        }
        if (!hidden(mix.problem.roles[role].code)) changes.emplace_back(best_hours - today_hours, mix.problem.roles[role].code);
      }
    }
    std::sort(changes.begin(), changes.end());
    std::vector<std::string> fewer;
    for (const auto& [change, code] : changes) {
      if (change < -0.5 && fewer.size() < 4) {
        fewer.push_back(fmt::format("{} {} hours a year", named(role_name, code), Count(std::llround(-change))));
      }
    }
    row("Will it reduce the need for staff elsewhere in the system?",
        fewer.empty() ? std::string("No role needs fewer hours in the cheapest mix than at today's mix.")
                      : fmt::format("In the cheapest mix these roles give fewer hours than at today's mix: {}.",
                                    fmt::join(fewer, "; ")),
        mix.year);
    double delegated_hours = 0.0;
    std::set<std::string> delegated_roles;
    for (const auto& assignment : best.assignments) {
      const plan::SkillMixTask& task = mix.problem.tasks[assignment.task];
      if (assignment.role < task.scope.size() && task.scope[assignment.role].level == ScopeLevel::kDelegated) {
        delegated_hours += assignment.hours;
        if (!hidden(mix.problem.roles[assignment.role].code)) {
          delegated_roles.insert(named(role_name, mix.problem.roles[assignment.role].code));
        }
      }
    }
    row("Are there people who have the same skills and capability to provide the same level of care?",
        delegated_hours > 0
            ? fmt::format("Every act is given by a role whose scope of practice covers it; {} hours a year are delegated "
                          "({}) under the supervision of the professions whose scope it is, within the task table's "
                          "risk ratings and shares (step 5).",
                          Count(std::llround(delegated_hours)), fmt::join(delegated_roles, ", "))
            : std::string("Every act is given by a role whose scope of practice covers it; nothing is delegated."),
        mix.year);
    double trained = 0.0;
    double backfill = 0.0;
    std::map<std::string, double> by_competence;
    for (const auto& training : best.training) {
      trained += training.fte;
      by_competence[training.competence] += training.fte;
      const auto hours = mix.training_hours.find(training.competence);
      if (hours != mix.training_hours.end()) backfill += training.fte * hours->second;
    }
    row("Could side-skilling or up-skilling existing staff help?",
        trained > 0 ? fmt::format("Cross-skilling {} FTE is part of the cheapest mix{}.", Fte(trained), CrossSkillingStep(mix))
                    : std::string("The cheapest mix trains no one."),
        mix.year);
    std::vector<std::string> courses;
    for (const auto& [competence, fte] : by_competence) {
      courses.push_back(fmt::format("{} {} FTE", named(competence_name, competence), Fte(fte)));
    }
    row("What type of training is required, how much will it cost, and what impact will it have on the service?",
        trained > 0 ? fmt::format("{}; {} in course fees and backfill; {} hours away from the service ({} FTE for a year).",
                                  fmt::join(courses, "; "), MoneyShort(best.training_cost), Count(std::llround(backfill)),
                                  Fte(backfill / mix.problem.hours_per_fte))
                    : std::string("None in the cheapest mix."),
        mix.year);
  } else if (result.skill_mix) {
    std::vector<std::string> short_on;
    for (const auto& [name, amount] : result.skill_mix->result.conflicting) short_on.push_back(ShortBy(name, amount));
    row("Can the need be met within the limits?",
        fmt::format("No ({}): {}.", plan::StatusText(result.skill_mix->result.status), fmt::join(short_on, "; ")),
        result.skill_mix->year);
  }
  if (result.policy_matrix) {
    const plan::PolicyMatrix& matrix = *result.policy_matrix;
    row("Which policy holds up under every future?",
        fmt::format("{}. {} polic{} (doing nothing new among them) under {} future{}.", LeastRegretText(matrix),
                    matrix.policies.size(), matrix.policies.size() == 1 ? "y" : "ies", matrix.futures.size(),
                    matrix.futures.size() == 1 ? "" : "s"),
        matrix.cells.empty() || matrix.cells.front().empty() ? 0 : matrix.cells.front().front().year);
  }
  return table;
}

void SummarySection(const PlanResult& result, DocumentBuilder& document) {
  document.Begin("summary", 0, "The plan in five minutes");
  TableBlock& shown = document.ShowTable(document.Add(SummaryTable(result)));
  shown.questions = true;
  shown.untitled = true;
  shown.never_fold = true;
}

ReportTable ScopeTable(const PlanResult& result) {
  ReportTable table("scope", "What the plan covers", {{"item", "Item", CellKind::kText}, {"value", "Value", CellKind::kText}});
  table.Row().Text("Place").Text(result.place.name);
  table.Row().Text("Base year").Text(fmt::format("{}", result.place.base_year));
  table.Row().Text("Staff census").Text(FormatDate(result.place.census_date));
  if (result.supply) table.Row().Text("Horizon").Text(fmt::format("{} to {}", result.supply->base_year, result.supply->last_year));
  table.Row().Text("Employers").Text(Count(result.place.organisations));
  table.Row().Text("Localities").Text(Count(result.place.localities));
  table.Row().Text("GP practices").Text(Count(result.place.gp_practices));
  if (result.demand) table.Row().Text("Services modelled").Text(fmt::format("{}", fmt::join(result.demand->service_names, "; ")));
  if (result.supply) {
    table.Row().Text("Supply projection").Text(result.supply->expected
                                                   ? std::string("exact expected values")
                                                   : fmt::format("{} runs, seed {}", Count(result.supply->runs), result.supply->seed));
  }
  if (result.skill_mix) table.Row().Text("Skill mix optimised for").Text(fmt::format("{}", result.skill_mix->year));
  if (!result.scenarios.empty()) {
    std::vector<std::string> names;
    for (std::size_t idx = 1; idx < result.scenarios.size(); ++idx) names.push_back(result.scenarios[idx].name);
    table.Row().Text("Scenarios").Text(fmt::format("{}", fmt::join(names, "; ")));
  }
  if (result.policy_matrix) table.Row().Text("Policies").Text(fmt::format("{}", fmt::join(result.policy_matrix->policies, "; ")));
  return table;
}

void DefineSection(const PlanResult& result, DocumentBuilder& document) {
  document.Begin("define", 1, "Step 1 · Define the plan");
  document.Note("The place, the horizon, the services modelled and the futures and policies tested; the input files "
                "and every input that shaped the plan are listed under Assumptions and sources.");
  document.ShowTable(document.Add(ScopeTable(result))).never_fold = true;
}

ReportTable AssumptionsTable(const PlanResult& result) {
  ReportTable table("assumptions", "Assumptions: every input that shaped the plan, with its source",
                    {{"group", "Group", CellKind::kText},
                     {"item", "Item", CellKind::kText},
                     {"value", "Value", CellKind::kText},
                     {"description", "Description", CellKind::kText},
                     {"source", "Source", CellKind::kText},
                     {"basis", "Basis", CellKind::kText}});
  const auto add = [&](std::string_view group, std::string_view item, const std::string& value, std::string_view description,
                       std::string_view source, std::string_view basis) {
    table.Row().Text(group).Text(item).Text(value).Text(description).Text(source).Text(basis);
  };
  const intelligence::PlaceSummary& place = result.place;
  add("Place", "Place", place.name, place.description, "place.toml", "the place's data");
  add("Place", "Staff census", FormatDate(place.census_date), "The date the staff in post are counted at", "place.toml",
      "the place's data");
  add("Place", "Base year", fmt::format("{}", place.base_year), "The first year of the plan", "place.toml", "the place's data");
  for (const SourceFile& source : place.sources) {
    const std::string file = source.path.substr(source.path.find_last_of('/') + 1);
    add("Place file", source.table, fmt::format("{} record{}", Count(source.records), source.records == 1 ? "" : "s"),
        fmt::format("{} layout, {} bytes", source.layout, Count(source.bytes)), file,
        source.sha256.empty() ? "the place's data" : fmt::format("sha256 {}", source.sha256));
  }
  const plan::PlanOptions& options = result.options;
  constexpr std::string_view kOption = "plan option";
  add("Plan option", "Small-number suppression",
      result.suppression_threshold > 0 ? fmt::format("counts from 1 to {} hidden", result.suppression_threshold - 1) : "none",
      "Counts of people below the place's threshold are shown as *", "careforce plan --no-suppression", kOption);
  if (result.supply) {
    const supply::SupplyResult& supply = *result.supply;
    add("Plan option", "Supply runs", supply.expected ? std::string("exact expected values") : Count(supply.runs),
        "Monte Carlo runs of the supply projection", "careforce plan --runs", kOption);
    add("Plan option", "Seed", fmt::format("{}", supply.seed), "The master seed: the same seed gives the same plan", "careforce plan --seed",
        kOption);
    add("Plan option", "Horizon", fmt::format("{} to {}", supply.base_year, supply.last_year), "Years projected",
        "[demand] years of services.toml, else 10", kOption);
  }
  if (result.gaps) {
    add("Plan option", "Gap threshold", fmt::format("{} FTE", Fte(result.gaps->threshold_fte)),
        "The chance of a gap is that of a shortfall larger than this", "careforce plan --gap-threshold", kOption);
  }
  if (result.skill_mix) {
    const plan::SkillMixPlan& mix = *result.skill_mix;
    add("Plan option", "Skill-mix year", fmt::format("{}", mix.year), "The year the cheapest safe skill mix is solved for",
        "careforce plan --skill-mix-year", kOption);
    add("Plan option", "Supply percentile", mix.percentile, "The supply counted as available to the skill mix",
        "careforce plan --supply-percentile", kOption);
    add("Plan option", "Shortfall mode", options.skill_mix.shortfall_hard ? "hard" : "priced",
        "priced: work no one can give is priced as agency cover; hard: it makes the mix infeasible", "careforce plan --shortfall", kOption);
    add("Plan option", "Skill-mix path",
        options.skill_mix_path == plan::PlanOptions::Path::kAlways  ? "always"
        : options.skill_mix_path == plan::PlanOptions::Path::kNever ? "never"
                                                                    : "auto",
        "Whether every year up to the skill-mix year is solved as one programme", "careforce plan --skill-mix-path", kOption);
    if (options.skill_mix.budget) {
      add("Plan option", "Budget", Money(*options.skill_mix.budget), "The most the skill mix may cost a year", "the scenario's [limits] budget",
          kOption);
    }
  }
  if (result.demand) {
    add("Plan option", "Calibrated to staff in post", options.calibrate_to_staff ? "yes" : "no",
        "Each service's reach scaled so that its roles' staff give the base year's activity", "careforce plan --calibrate-to-staff",
        kOption);
  }
  if (!result.scenarios.empty()) {
    add("Plan option", "Scenario runs", options.scenario_runs == 0 ? std::string("exact expected values") : Count(options.scenario_runs),
        "Supply runs of each scenario and policy cell", "careforce plan --scenario-runs", kOption);
  }
  for (const ReferenceFigure& figure : result.reference_figures) {
    add(fmt::format("Reference: {}", figure.file), figure.item, figure.value, figure.description, figure.source, figure.basis);
  }
  return table;
}

ReportTable MonitorTable(const PlanResult& result) {
  // Each indicator in its own kind (people, FTE or a rate), as a number in every output.
  ReportTable table("monitor", "Indicators to monitor against the plan",
                    {{"indicator", "Indicator", CellKind::kText},
                     {"baseline", "Today", CellKind::kNumber},
                     {"plan", "Plan (last year)", CellKind::kNumber},
                     {"how", "How to measure", CellKind::kText}});
  const auto& profile = result.profile;
  const auto row = [&](std::string indicator, CellKind kind, double baseline, std::optional<double> plan, std::string how) {
    auto cells = table.Row();
    cells.Text(indicator).Number(baseline, kind);
    if (plan) {
      cells.Number(*plan, kind);
    } else {
      cells.Empty();
    }
    cells.Text(how);
  };
  std::optional<double> headcount_plan;
  std::optional<double> fte_plan;
  if (result.supply) {
    headcount_plan = result.supply->series.front().headcount.mean.back();
    fte_plan = result.supply->series.front().fte.mean.back();
  }
  row("Headcount, all employers (projected before the plan's hires)", CellKind::kCount,
      static_cast<double>(profile.headcount), headcount_plan, "The staff census of every employer, each quarter");
  row("FTE, all employers (projected before the plan's hires)", CellKind::kFte, profile.fte, fte_plan, "As above");
  if (result.supply && result.skill_mix && result.skill_mix->result.status == plan::SolveStatus::kOptimal) {
    // The plan to track: staff in post with the hires of the cheapest path (or mix) still in post.
    const plan::SkillMixPlan& mix = *result.skill_mix;
    const bool path = mix.path.status == plan::SolveStatus::kOptimal && !mix.path.years.empty();
    const double hires = path ? mix.path.HiresInPostFte() : mix.result.HiresFte();
    const auto at = static_cast<std::size_t>(std::clamp(mix.year - result.supply->base_year, 0,
                                                        static_cast<int>(result.supply->series.front().fte.mean.size()) - 1));
    row(fmt::format("FTE with the plan's hires ({})", mix.year), CellKind::kFte, profile.fte,
        result.supply->series.front().fte.mean[at] + hires, "Staff census FTE against the plan's path");
    row(fmt::format("Plan's hires still in post ({}), FTE", mix.year), CellKind::kFte, 0.0, hires,
        "Starters by role since the base year, less those who left (skill_mix_hires_by_year.csv)");
    const double hpf = mix.problem.hours_per_fte > 0 ? mix.problem.hours_per_fte : 1.0;
    const double agency = path ? mix.path.years.back().shortfall_hours / hpf : mix.result.shortfall_hours / hpf;
    row(fmt::format("Agency or bank cover in the plan ({}), FTE", mix.year), CellKind::kFte, 0.0, agency,
        "Agency and bank hours worked, over direct-care hours per FTE");
  }
  if (profile.has_leavers && !profile.turnover_total.leavers_suppressed) {
    row("Leaver rate (a year)", CellKind::kShare, profile.turnover_total.leaver_rate, std::nullopt,
        "Leavers in 12 months over mean staff; the plan's rates are in supply_leaver_rates.csv");
  }
  if (profile.has_vacancies && !profile.vacancies_total.suppressed) {
    row("Vacancy rate", CellKind::kShare, profile.vacancies_total.vacancy_rate, std::nullopt, "Vacant FTE over establishment");
  }
  if (result.demand) {
    double first = 0.0;
    double last = 0.0;
    for (const auto& activity : result.demand->activity) {
      if (activity.year == result.demand->base_year) first += activity.people_reached;
      if (activity.year == result.demand->last_year) last += activity.people_reached;
    }
    row("People reached by the integrated services", CellKind::kCount, first, last, "Service activity returns");
    row("FTE of direct care the services need", CellKind::kFte, result.demand->waterfall.front().fte,
        result.demand->waterfall.back().fte, "Activity times time standards (this model) against rosters");
  }
  if (result.gaps && result.supply) {
    row("Shortfall at today's skill mix, before the plan (FTE)", CellKind::kFte, result.gaps->Shortfall(result.supply->base_year),
        result.gaps->Shortfall(result.supply->last_year),
        "Required (establishment, base-year gap and service change) less staff in post, by role and locality");
  }
  return table;
}

void MonitorSection(const PlanResult& result, DocumentBuilder& document) {
  document.Begin("monitor", 6, "Step 6 · Implement, monitor and refresh");
  document.Note("Track these against the plan; refresh the plan when they move away from it, or each year with a new "
                "staff census (careforce import keeps each census as a snapshot).");
  document.ShowTable(document.Add(MonitorTable(result))).never_fold = true;
}

}  // namespace careforce::report
