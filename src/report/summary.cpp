#include "report/summary.hpp"

#include <algorithm>
#include <cmath>
#include <map>
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
  double hired = 0.0;
  double in_post = 0.0;
  for (const auto& year : path.years) {
    for (const double fte : year.new_hires_fte) hired += fte;
  }
  for (const double fte : path.years.back().hires_in_post_fte) in_post += fte;
  return fmt::format(" Year by year from {} the path recruits {} FTE, {} FTE of them still in post in {} (the rest "
                     "replace recruits who left).",
                     path.years.front().year, Fte(hired), Fte(in_post), path.years.back().year);
}

// What the bridge says cross-skilling changes: "(it changes hires by N FTE and the cost by £M)".
std::string CrossSkillingStep(const plan::SkillMixPlan& mix) {
  for (std::size_t step = 1; step < mix.bridge.size(); ++step) {
    if (mix.bridge[step].name.starts_with("Cross-skilling")) {
      return fmt::format(" (in the bridge it changes hires by {} FTE and the cost by {} a year)",
                         Signed(mix.bridge[step].change_fte, Fte(std::abs(mix.bridge[step].change_fte))),
                         Signed(mix.bridge[step].cost - mix.bridge[step - 1].cost,
                                Money(std::abs(mix.bridge[step].cost - mix.bridge[step - 1].cost))));
    }
  }
  return "";
}

}  // namespace

ReportTable SummaryTable(const PlanResult& result) {
  ReportTable table("summary", "The plan in numbers",
                    {{"question", "Question", CellKind::kText}, {"answer", "Answer", CellKind::kText}});
  const auto& place = result.place;
  const auto& profile = result.profile;
  std::string today = fmt::format("{} people ({} FTE) in {} organisations across {} localities; pay bill {} a year.",
                                  Count(profile.headcount), Fte(profile.fte), Count(place.organisations),
                                  Count(place.localities), Money(profile.pay_bill));
  table.Row().Text("Who is in the workforce today?").Text(today);

  if (result.demand) {
    const demand::DemandResult& demand = *result.demand;
    double reached_first = 0.0;
    double reached_last = 0.0;
    for (const auto& row : demand.activity) {
      if (row.year == demand.base_year) reached_first += row.people_reached;
      if (row.year == demand.last_year) reached_last += row.people_reached;
    }
    std::map<Index, double> hours_last;
    for (const auto& row : demand.competence_hours) {
      if (row.year == demand.last_year) hours_last[row.competence] += row.hours;
    }
    std::vector<std::pair<double, Index>> ranked;
    for (const auto& [competence, hours] : hours_last) ranked.emplace_back(hours, competence);
    std::sort(ranked.rbegin(), ranked.rend());
    std::vector<std::string> top;
    for (std::size_t idx = 0; idx < std::min<std::size_t>(3, ranked.size()); ++idx) {
      top.push_back(fmt::format("{} ({} hours)", demand.competence_names[ranked[idx].second], Count(std::llround(ranked[idx].first))));
    }
    const double first = demand.waterfall.front().fte;
    const double last = demand.waterfall.back().fte;
    table.Row()
        .Text("Have we modelled the integrated services to identify the workforce needed: numbers, skills, skill mix?")
        .Text(fmt::format("{} services reaching {} people a year in {} and {} in {}: {} FTE of direct care, {} FTE by {} "
                          "({}). Most needed competences in {}: {}.",
                          demand.service_codes.size(), Count(std::llround(reached_first)), demand.base_year,
                          Count(std::llround(reached_last)), demand.last_year, Fte(first), Fte(last), demand.last_year,
                          Signed(last - first, Percent(first > 0 ? std::abs(last - first) / first : 0.0)),
                          demand.last_year, fmt::join(top, "; ")));
  }
  if (result.supply && result.gaps) {
    const supply::SupplySeries& total = result.supply->series.front();
    const int year = result.supply->last_year;
    double required = 0.0;
    for (const plan::GapRow& row : result.gaps->rows) {
      if (row.locality == kNoIndex && row.year == year) required += row.required;
    }
    const double shortfall = result.gaps->Shortfall(year);
    const double cost = result.gaps->ShortfallCost(year);
    std::string band = total.headcount.p10.empty()
                           ? std::string()
                           : fmt::format(" (80% of runs between {} and {})", Count(std::llround(total.headcount.p10.back())),
                                         Count(std::llround(total.headcount.p90.back())));
    table.Row()
        .Text("What workforce will we have, and where are the gaps?")
        .Text(fmt::format("{} staff expected in {}{}, {} FTE against {} FTE required; roles short of staff need {} FTE "
                          "more (pay bill {} a year).",
                          Count(std::llround(total.headcount.mean.back())), year, band,
                          Fte(total.fte.mean.back()), Fte(required), Fte(shortfall), Money(cost)));
    if (result.skill_mix && !result.skill_mix->bridge.empty() && result.skill_mix->year == year) {
      const std::vector<plan::BridgeStep>& bridge = result.skill_mix->bridge;
      table.Row()
          .Text("How many do we need?")
          .Text(fmt::format("At today's skill mix the shortfall in {} is {} FTE (summed by role and locality). The cheapest "
                            "safe mix needs {} FTE of hires in post by then{}; the bridge in step 5 shows what each lever "
                            "changes.{}",
                            year, Fte(bridge.front().hires_fte), Fte(bridge.back().hires_fte),
                            bridge.back().shortfall_fte > 0.05
                                ? fmt::format(" and leaves {} FTE of work to agency or bank cover", Fte(bridge.back().shortfall_fte))
                                : std::string(),
                            PathRecruitment(*result.skill_mix)));
    }
    const std::map<Index, double> by_locality = ShortfallByLocality(*result.gaps, year);
    if (!by_locality.empty()) {
      std::vector<std::pair<double, Index>> ranked;
      for (const auto& [locality, gap] : by_locality) ranked.emplace_back(gap, locality);
      std::sort(ranked.rbegin(), ranked.rend());
      std::vector<std::string> named;
      for (const auto& [gap, locality] : ranked) named.push_back(fmt::format("{} {} FTE", result.gaps->locality_names[locality], Fte(gap)));
      table.Row().Text("Is the workforce based in the right locations?").Text(fmt::format("Shortfall by locality in {}: {}.", year, fmt::join(named, "; ")));
    }
  }
  if (result.skill_mix && result.skill_mix->result.status == plan::SolveStatus::kOptimal) {
    const plan::SkillMixPlan& mix = *result.skill_mix;
    const plan::SkillMixResult& best = mix.result;
    const plan::SkillMixResult& today = mix.todays_mix;
    // Hours by role in the cheapest mix against today's mix.
    std::vector<std::pair<double, std::string>> changes;
    double delegated_hours = 0.0;
    std::set<std::string> delegated_roles;
    if (today.status == plan::SolveStatus::kOptimal) {
      for (std::size_t role = 0; role < mix.problem.roles.size(); ++role) {
        double best_hours = 0.0;
        double today_hours = 0.0;
        for (std::size_t locality = 0; locality < mix.problem.localities.size(); ++locality) {
          best_hours += best.hours_used[role][locality];
          today_hours += today.hours_used[role][locality];
        }
        changes.emplace_back(best_hours - today_hours, mix.problem.roles[role].code);
      }
    }
    for (const auto& row : best.assignments) {
      const plan::SkillMixTask& task = mix.problem.tasks[row.task];
      if (row.role < task.scope.size() && task.scope[row.role].level == ScopeLevel::kDelegated) {
        delegated_hours += row.hours;
        delegated_roles.insert(mix.problem.roles[row.role].code);
      }
    }
    std::sort(changes.begin(), changes.end());
    std::vector<std::string> fewer;
    for (const auto& [change, code] : changes) {
      if (change < -0.5 && fewer.size() < 4) fewer.push_back(fmt::format("{} {} hours", code, Count(std::llround(change))));
    }
    table.Row()
        .Text("Will it reduce the need for staff elsewhere in the system?")
        .Text(fewer.empty() ? fmt::format("No role needs fewer hours in the cheapest mix for {} than at today's mix.", mix.year)
                            : fmt::format("In the cheapest mix for {} these roles give fewer hours than at today's mix: {}.",
                                          mix.year, fmt::join(fewer, "; ")));
    table.Row()
        .Text("Are there people who have the same skills and capability to provide the same level of care?")
        .Text(delegated_hours > 0
                  ? fmt::format("{} hours a year are given by roles the task table allows to be delegated the act ({}), "
                                "supervised by the professions whose scope it is, within the risk ratings listed in step 5.",
                                Count(std::llround(delegated_hours)), fmt::join(delegated_roles, ", "))
                  : std::string("No work is delegated in the cheapest mix."));
    double trained = 0.0;
    double backfill = 0.0;
    std::map<std::string, double> by_competence;
    for (const auto& row : best.training) {
      trained += row.fte;
      by_competence[row.competence] += row.fte;
      const auto hours = mix.training_hours.find(row.competence);
      if (hours != mix.training_hours.end()) backfill += row.fte * hours->second;
    }
    const double saving = today.status == plan::SolveStatus::kOptimal ? today.cost - best.cost : 0.0;
    table.Row()
        .Text("Could side-skilling or up-skilling existing staff help?")
        .Text(trained > 0 ? fmt::format("Cross-skilling {} FTE is part of the cheapest mix{}. The whole mix costs {} a year "
                                        "against {} at today's skill mix ({} {}); the bridge in step 5 gives each lever's part.",
                                        Fte(trained), CrossSkillingStep(mix), Money(best.cost), Money(today.cost),
                                        saving >= 0 ? "saving" : "costing", Money(std::abs(saving)))
                          : std::string("The cheapest mix trains no one."));
    std::vector<std::string> courses;
    for (const auto& [competence, fte] : by_competence) courses.push_back(fmt::format("{} {} FTE", competence, Fte(fte)));
    table.Row()
        .Text("What type of training is required, how much will it cost, and what impact will it have on the service?")
        .Text(trained > 0 ? fmt::format("{}; training costs {} (course fees and backfill) and takes {} hours away from "
                                        "service, {} FTE for a year.",
                                        fmt::join(courses, "; "), Money(best.training_cost), Count(std::llround(backfill)),
                                        Fte(backfill / mix.problem.hours_per_fte))
                          : std::string("None in the cheapest mix."));
  } else if (result.skill_mix) {
    std::vector<std::string> named;
    for (const auto& [name, amount] : result.skill_mix->result.conflicting) named.push_back(ShortBy(name, amount));
    table.Row()
        .Text("Can the need be met within the limits?")
        .Text(fmt::format("No ({}): short on {}.", plan::StatusText(result.skill_mix->result.status), fmt::join(named, "; ")));
  }
  if (result.policy_matrix) {
    const plan::PolicyMatrix& matrix = *result.policy_matrix;
    table.Row()
        .Text("Which policy holds up under every future?")
        .Text(fmt::format("{}. {} policies, no new policy among them, under {} futures.", LeastRegretText(matrix),
                          matrix.policies.size(), matrix.futures.size()));
  }
  return table;
}

std::string SummarySection(const PlanResult& result) {
  std::string html = "<h2 id=\"summary\">Summary</h2>\n";
  const ReportTable table = SummaryTable(result);
  html += "<dl class=\"summary\">\n";
  for (const auto& row : table.rows()) html += fmt::format("<dt>{}</dt>\n<dd>{}</dd>\n", Html(row[0].text), Html(row[1].text));
  html += "</dl>\n";
  return html;
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

std::string DefineSection(const PlanResult& result) {
  return "<h2 id=\"define\">Step 1 · Define the plan</h2>\n<p class=\"note\">The place, the horizon, the services "
         "modelled and the futures and policies tested; the input files are listed under Sources.</p>\n" +
         ScopeTable(result).Html();
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
  ReportTable table("monitor", "Indicators to monitor against the plan",
                    {{"indicator", "Indicator", CellKind::kText},
                     {"baseline", "Today", CellKind::kNumber},
                     {"plan", "Plan (last year)", CellKind::kNumber},
                     {"how", "How to measure", CellKind::kText}});
  const auto& profile = result.profile;
  std::optional<double> headcount_plan;
  std::optional<double> fte_plan;
  if (result.supply) {
    headcount_plan = result.supply->series.front().headcount.mean.back();
    fte_plan = result.supply->series.front().fte.mean.back();
  }
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
  row("Headcount, all employers", CellKind::kCount, static_cast<double>(profile.headcount), headcount_plan, "The staff census of every employer, each quarter");
  row("FTE, all employers", CellKind::kFte, profile.fte, fte_plan, "As above");
  if (profile.has_leavers) {
    row("Leaver rate (share a year)", CellKind::kShare, profile.turnover_total.leaver_rate, std::nullopt,
        "Leavers in 12 months over mean staff; the plan's rates are in supply_leaver_rates.csv");
  }
  if (profile.has_vacancies) row("Vacancy rate", CellKind::kShare, profile.vacancies_total.vacancy_rate, std::nullopt, "Vacant FTE over establishment");
  if (result.demand) {
    double first = 0.0;
    double last = 0.0;
    for (const auto& activity : result.demand->activity) {
      if (activity.year == result.demand->base_year) first += activity.people_reached;
      if (activity.year == result.demand->last_year) last += activity.people_reached;
    }
    row("People reached by the integrated services", CellKind::kCount, first, last, "Service activity returns");
    row("FTE of direct care the services need", CellKind::kFte, result.demand->waterfall.front().fte, result.demand->waterfall.back().fte,
        "Activity times time standards (this model) against rosters");
  }
  if (result.gaps && result.supply) {
    double first = 0.0;
    double last = 0.0;
    for (const plan::GapRow& gap : result.gaps->rows) {
      if (gap.locality != kNoIndex || gap.gap <= 0) continue;
      if (gap.year == result.supply->base_year) first += gap.gap;
      if (gap.year == result.supply->last_year) last += gap.gap;
    }
    row("Shortfall FTE, roles short of staff", CellKind::kFte, first, last, "Required (establishment plus service change) less staff in post");
  }
  return table;
}

std::string MonitorSection(const PlanResult& result) {
  return "<h2 id=\"monitor\">Step 6 · Implement, monitor and refresh</h2>\n<p class=\"note\">Track these against the "
         "plan; refresh the plan when they move away from it, or each year with a new staff census (careforce import "
         "keeps each census as a snapshot).</p>\n" +
         MonitorTable(result).Html();
}

}  // namespace careforce::report
