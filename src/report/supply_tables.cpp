#include "report/supply_tables.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include <fmt/format.h>

#include "report/format.hpp"
#include "report/svg.hpp"

namespace careforce::report {

namespace {

using supply::SupplyResult;
using supply::SupplySeries;

// A role's name as its supply series names it (the code when it has none).
std::string RoleName(const SupplyResult& supply, Index role) {
  const SupplySeries* series = supply.Find("role", supply.role_codes[role]);
  return series == nullptr ? supply.role_codes[role] : series->name;
}

std::string AgesText(std::size_t band) {
  if (band >= supply::kBands) return "all ages";
  return fmt::format("{}-{}", kSupplyAgeBands[band].first, kSupplyAgeBands[band].second);
}

struct Step {
  std::string name;
  double headcount;
  bool total;
};

// Headcount from the base year to the last: each flow summed over the years (means over runs).
std::vector<Step> WaterfallSteps(const SupplyResult& supply) {
  const SupplySeries& total = supply.series.front();
  double leavers = 0.0;
  double retirements = 0.0;
  double completions = 0.0;
  double intake = 0.0;
  std::array<double, kJoinerSources> joiners{};
  for (const supply::SupplyFlows& flows : supply.flows) {
    leavers += flows.leavers;
    retirements += flows.retirements;
    completions += flows.completions;
    intake += flows.training_intake;
    for (std::size_t source = 0; source < kJoinerSources; ++source) joiners[source] += flows.joiners[source];
  }
  std::vector<Step> steps;
  steps.push_back({fmt::format("Headcount {}", supply.base_year), total.headcount.mean.front(), true});
  steps.push_back({"Leavers", -leavers, false});
  steps.push_back({"Retirements", -retirements, false});
  for (std::size_t source = 0; source < kJoinerSources; ++source) {
    if (joiners[source] > 0) steps.push_back({std::string(EnumInfo<JoinerSource>::kLabels[source]), joiners[source], false});
  }
  if (completions > 0) steps.push_back({"Training completions", completions, false});
  if (intake > 0) steps.push_back({"Staff into training", -intake, false});
  steps.push_back({fmt::format("Headcount {}", supply.last_year), total.headcount.mean.back(), true});
  return steps;
}

std::vector<int> Years(const SupplyResult& supply) {
  std::vector<int> years;
  for (int year = supply.base_year; year <= supply.last_year; ++year) years.push_back(year);
  return years;
}

ReportTable SeriesSummary(const SupplyResult& supply, std::string key, std::string title, std::string_view dimension) {
  ReportTable table(std::move(key), std::move(title),
                    {{"code", "Code", CellKind::kText, false},
                     {"name", "Name", CellKind::kText},
                     {"headcount_base", fmt::format("Headcount {}", supply.base_year), CellKind::kCount},
                     {"headcount_last_mean", fmt::format("Headcount {} (mean)", supply.last_year), CellKind::kCount},
                     {"headcount_last_p10", "P10", CellKind::kCount},
                     {"headcount_last_p90", "P90", CellKind::kCount},
                     {"fte_base", fmt::format("FTE {}", supply.base_year), CellKind::kFte},
                     {"fte_last_mean", fmt::format("FTE {} (mean)", supply.last_year), CellKind::kFte}});
  for (const SupplySeries& series : supply.series) {
    if (series.dimension != dimension) continue;
    const bool hidden = series.suppressed;
    auto row = table.Row();
    row.Text(series.code)
        .Text(series.name)
        .Number(series.headcount.mean.front(), hidden)
        .Number(series.headcount.mean.back(), hidden);
    if (series.headcount.p10.empty()) {
      row.Empty().Empty();
    } else {
      row.Number(series.headcount.p10.back(), hidden).Number(series.headcount.p90.back(), hidden);
    }
    row.Number(series.fte.mean.front(), hidden).Number(series.fte.mean.back(), hidden);
  }
  return table;
}

// The columns of a rate and the evidence behind it, after role, sector and ages.
std::vector<ReportColumn> RateColumns() {
  return {{"role", "Role", CellKind::kCode},
          {"sector", "Sector", CellKind::kCode},
          {"ages", "Ages", CellKind::kText},
          {"staff", "Staff (mean over the year)", CellKind::kNumber},
          {"events", "Events in the year", CellKind::kCount},
          {"observed_rate", "Observed rate", CellKind::kShare},
          {"reference_rate", "Reference rate", CellKind::kShare},
          {"credibility", "Weight on observed", CellKind::kShare},
          {"rate", "Rate used", CellKind::kShare},
          {"given", "Given in supply.toml", CellKind::kText}};
}

void AddEvidence(ReportTable::RowBuilder row, const supply::RateEvidence& evidence) {
  row.Number(evidence.exposure, evidence.exposure_hidden);
  if (evidence.observed_known) {
    row.Number(static_cast<double>(evidence.events), evidence.events_hidden)
        .Number(evidence.observed, evidence.events_hidden || evidence.exposure_hidden);
  } else {  // no leavers table: nothing observed
    row.Empty().Empty();
  }
  row.Number(evidence.reference, evidence.reference_hidden)
      .Number(evidence.credibility, evidence.exposure_hidden)
      .Number(evidence.rate, evidence.rate_hidden)
      .Text(evidence.overridden ? "yes" : "no");
}

// Leaver rates by role, sector and age band; with `all_ages_only`, by role and sector only.
ReportTable LeaverRates(const SupplyResult& supply, bool all_ages_only) {
  ReportTable leaving("supply_leaver_rates", "Leaver rates (other than retirement) and the evidence behind them",
                      RateColumns());
  for (const supply::LeaverRateRow& row : supply.rates.leaving) {
    if (all_ages_only && row.band < supply::kBands) continue;
    AddEvidence(leaving.Row()
                    .Code(supply.role_codes[row.role], RoleName(supply, row.role))
                    .Code(Code(row.sector), Label(row.sector))
                    .Text(AgesText(row.band)),
                row.evidence);
  }
  return leaving;
}

}  // namespace

std::vector<ReportTable> SupplyTables(const SupplyResult& supply) {
  std::vector<ReportTable> tables;
  tables.push_back(SeriesSummary(supply, "supply_by_sector", "Supply by sector", "sector"));
  tables.push_back(SeriesSummary(supply, "supply_by_role", "Supply by role", "role"));
  if (supply.by_locality) tables.push_back(SeriesSummary(supply, "supply_by_locality", "Supply by locality", "locality"));

  ReportTable series_table("supply_series", "Headcount and FTE by year: every group",
                           {{"dimension", "Dimension", CellKind::kText},
                            {"code", "Code", CellKind::kText},
                            {"year", "Year", CellKind::kYear},
                            {"headcount_mean", "Headcount (mean)", CellKind::kNumber},
                            {"headcount_p10", "P10", CellKind::kNumber},
                            {"headcount_p50", "P50", CellKind::kNumber},
                            {"headcount_p90", "P90", CellKind::kNumber},
                            {"fte_mean", "FTE (mean)", CellKind::kNumber},
                            {"fte_p10", "P10", CellKind::kNumber},
                            {"fte_p50", "P50", CellKind::kNumber},
                            {"fte_p90", "P90", CellKind::kNumber}});
  for (const SupplySeries& series : supply.series) {
    for (std::size_t year = 0; year < series.headcount.mean.size(); ++year) {
      auto row = series_table.Row();
      row.Text(series.dimension).Text(series.code).Year(supply.base_year + static_cast<int>(year));
      const bool hidden = series.suppressed;
      for (const SupplySeries::Measure* measure : {&series.headcount, &series.fte}) {
        row.Number(measure->mean[year], hidden);
        if (measure->p10.empty()) {
          row.Empty().Empty().Empty();
        } else {
          row.Number(measure->p10[year], hidden).Number(measure->p50[year], hidden).Number(measure->p90[year], hidden);
        }
      }
    }
  }
  tables.push_back(std::move(series_table));

  std::vector<ReportColumn> flow_columns = {{"year", "Year", CellKind::kYear},
                                            {"leavers", "Leavers", CellKind::kFte},
                                            {"retirements", "Retirements", CellKind::kFte}};
  // People a year as means (one decimal, so that the table fits the page).
  for (std::size_t source = 0; source < kJoinerSources; ++source) {
    flow_columns.push_back({fmt::format("joiners_{}", EnumInfo<JoinerSource>::kCodes[source]),
                            std::string(EnumInfo<JoinerSource>::kLabels[source]), CellKind::kFte});
  }
  for (const auto& column : std::vector<ReportColumn>{{"completions", "Training completions", CellKind::kFte},
                                                       {"moves", "Moves between roles and sectors", CellKind::kFte},
                                                       {"training_intake", "Staff into training", CellKind::kFte},
                                                       {"training_attrition", "Training attrition", CellKind::kFte},
                                                       {"in_training", "In training at year end", CellKind::kFte}}) {
    flow_columns.push_back(column);
  }
  ReportTable flows("supply_flows", "Flows a year (mean over runs)", flow_columns);
  for (const supply::SupplyFlows& year : supply.flows) {
    auto row = flows.Row();
    row.Year(year.year).Number(year.leavers).Number(year.retirements);
    for (const double joiners : year.joiners) row.Number(joiners);
    row.Number(year.completions).Number(year.moves).Number(year.training_intake).Number(year.training_attrition).Number(year.in_training);
  }
  tables.push_back(std::move(flows));

  ReportTable by_role("supply_role_flows",
                      fmt::format("What drives the change in headcount by role, {} to {}", supply.base_year, supply.last_year),
                      {{"role", "Role", CellKind::kCode},
                       {"headcount_base", fmt::format("Headcount {}", supply.base_year), CellKind::kCount},
                       {"leavers", "Leavers", CellKind::kCount},
                       {"retirements", "Retirements", CellKind::kCount},
                       {"joiners", "Joiners", CellKind::kCount},
                       {"completions", "Training completions", CellKind::kCount},
                       {"moves_in", "Moves in", CellKind::kCount},
                       {"moves_out", "Moves out", CellKind::kCount},
                       {"into_training", "Into training", CellKind::kCount},
                       {"headcount_last", fmt::format("Headcount {}", supply.last_year), CellKind::kCount}});
  for (const supply::RoleFlows& row : supply.role_flows) {
    const bool hidden = row.suppressed;
    by_role.Row()
        .Code(supply.role_codes[row.role], RoleName(supply, row.role))
        .Number(row.base, hidden)
        .Number(row.leavers, hidden)
        .Number(row.retirements, hidden)
        .Number(row.joiners, hidden)
        .Number(row.completions, hidden)
        .Number(row.moves_in, hidden)
        .Number(row.moves_out, hidden)
        .Number(row.into_training, hidden)
        .Number(row.last, hidden);
  }
  tables.push_back(std::move(by_role));

  ReportTable waterfall("supply_waterfall", "What drives the change in headcount",
                        {{"step", "Step", CellKind::kText}, {"headcount", "Headcount", CellKind::kNumber}});
  for (const Step& step : WaterfallSteps(supply)) waterfall.Row().Text(step.name).Number(step.headcount);
  tables.push_back(std::move(waterfall));

  ReportTable retirements("supply_retirements", "Retirements a year by sector (mean over runs)",
                          {{"year", "Year", CellKind::kYear}, {"sector", "Sector", CellKind::kText},
                           {"retirements", "Retirements", CellKind::kNumber}});
  for (const supply::SupplyFlows& year : supply.flows) {
    for (std::size_t sector = 0; sector < year.retirements_by_sector.size(); ++sector) {
      if (year.retirements_by_sector[sector] <= 0) continue;
      const SupplySeries* series = supply.Find("sector", Code(static_cast<Sector>(sector)));
      retirements.Row()
          .Year(year.year)
          .Text(Label(static_cast<Sector>(sector)))
          .Number(year.retirements_by_sector[sector], series && series->suppressed);
    }
  }
  tables.push_back(std::move(retirements));

  tables.push_back(LeaverRates(supply, false));
  ReportTable retiring("supply_retirement_rates", "Retirement rates and the evidence behind them", RateColumns());
  for (const supply::RetirementRateRow& row : supply.rates.retirement) {
    AddEvidence(retiring.Row()
                     .Code(row.role == kNoIndex ? "all roles" : supply.role_codes[row.role],
                           row.role == kNoIndex ? "all roles" : RoleName(supply, row.role))
                     .Code(Code(row.sector), Label(row.sector))
                     .Text(AgesText(row.band)),
                 row.evidence);
  }
  tables.push_back(std::move(retiring));

  ReportTable joiners("supply_joiners_observed", "Recruitment in the year to the census",
                      {{"role", "Role", CellKind::kCode},
                       {"sector", "Sector", CellKind::kCode},
                       {"joiners", "Joiners", CellKind::kCount},
                       {"ages_from", "Joiners' ages taken from", CellKind::kText}});
  for (const supply::ObservedJoiners& row : supply.rates.joiners) {
    joiners.Row()
        .Code(supply.role_codes[row.role], RoleName(supply, row.role))
        .Code(Code(row.sector), Label(row.sector))
        .Number(static_cast<double>(row.joiners), row.suppressed)
        .Text(row.age_basis);
  }
  tables.push_back(std::move(joiners));
  return tables;
}

namespace {

// The flows a year turned so that they fit a page: each flow in the first, middle and last year
// and over all the years (a stock, those in training at the year's end, has no total).
ReportTable FlowsTurned(const SupplyResult& supply) {
  const std::vector<supply::SupplyFlows>& flows = supply.flows;
  std::vector<std::size_t> shown;
  if (!flows.empty()) shown = {0, flows.size() / 2, flows.size() - 1};
  shown.erase(std::unique(shown.begin(), shown.end()), shown.end());
  std::vector<ReportColumn> columns = {{"flow", "Flow", CellKind::kText}};
  for (const std::size_t at : shown) {
    columns.push_back({fmt::format("fte_{}", flows[at].year), fmt::format("{}", flows[at].year), CellKind::kFte});
  }
  columns.push_back({"total", "All years", CellKind::kFte});
  ReportTable turned("supply_flows_turned", "Flows a year", columns);
  const auto add = [&](std::string name, auto value, bool stock = false) {
    auto row = turned.Row();
    row.Text(name);
    for (const std::size_t at : shown) row.Number(value(flows[at]));
    double total = 0.0;
    for (const supply::SupplyFlows& year : flows) total += value(year);
    if (stock) {
      row.Empty();
    } else {
      row.Number(total);
    }
  };
  add("Leavers", [](const supply::SupplyFlows& year) { return year.leavers; });
  add("Retirements", [](const supply::SupplyFlows& year) { return year.retirements; });
  for (std::size_t source = 0; source < kJoinerSources; ++source) {
    add(std::string(EnumInfo<JoinerSource>::kLabels[source]),
        [source](const supply::SupplyFlows& year) { return year.joiners[source]; });
  }
  add("Training completions", [](const supply::SupplyFlows& year) { return year.completions; });
  add("Moves between roles and sectors", [](const supply::SupplyFlows& year) { return year.moves; });
  add("Staff into training", [](const supply::SupplyFlows& year) { return year.training_intake; });
  add("Training attrition", [](const supply::SupplyFlows& year) { return year.training_attrition; });
  add("In training at year end", [](const supply::SupplyFlows& year) { return year.in_training; }, true);
  return turned;
}

}  // namespace

void SupplySection(const SupplyResult& supply, DocumentBuilder& document) {
  Section& section =
      document.Begin("supply", 4, "Step 4 · Understand workforce availability: the workforce we will have");
  section.facts = SupplyFacts(supply);
  std::map<std::string, std::size_t> added;
  for (ReportTable& table : SupplyTables(supply)) {
    const std::string key = table.key();
    added[key] = document.Add(std::move(table));
  }
  document.Note(fmt::format(
      "Today's staff carried forward {} to {}: leaving and retirement at rates measured from the place's own leavers "
      "(blended with reference rates where the evidence is thin), joiners, moves and training pipelines. {}{}",
      supply.base_year, supply.last_year, supply.rates.leavers_recorded ? "" : std::string(kNoLeaversNote) + ". ",
      supply.expected ? "Exact expected values."
                      : fmt::format("{} seeded runs (seed {}); bands show the 10th to 90th percentile, the line the "
                                    "median, the dashed line the mean{}.",
                                    Count(supply.runs), supply.seed,
                                    supply.means_exact ? " (means are exact expected values, the figures every gap, "
                                                         "skill mix and scenario uses; the runs give the spread)"
                                                       : "")));
  const std::vector<int> years = Years(supply);
  FansBlock fans;
  const auto fan = [&](const SupplySeries& series, const std::string& title) {
    fans.fans.push_back(
        Fan{title, years, series.headcount.mean, series.headcount.p10, series.headcount.p50, series.headcount.p90});
  };
  fan(supply.series.front(), "All staff: headcount");
  for (const SupplySeries& series : supply.series) {
    if (series.dimension == "sector" && !series.suppressed) fan(series, series.name + ": headcount");
  }
  document.Block(std::move(fans));
  WaterfallBlock waterfall{"What drives the change in headcount", {}, true};
  for (const Step& step : WaterfallSteps(supply)) {
    waterfall.steps.push_back(WaterfallStep{step.name, step.headcount, step.total,
                                            step.total ? Count(std::llround(step.headcount))
                                                       : fmt::format("{}{}", step.headcount >= 0 ? "+" : "−",
                                                                     Count(std::llround(std::abs(step.headcount))))});
  }
  document.Block(std::move(waterfall));
  BarChartBlock cliff{"The retirement cliff: retirements a year", {}};
  for (const supply::SupplyFlows& year : supply.flows) {
    cliff.bars.push_back(Bar{fmt::format("{}", year.year), year.retirements, Count(std::llround(year.retirements)), false});
  }
  document.Block(std::move(cliff));
  for (const std::string_view key : {"supply_by_sector", "supply_by_role", "supply_role_flows", "supply_by_locality"}) {
    if (const auto found = added.find(std::string(key)); found != added.end()) document.ShowTable(found->second);
  }
  if (supply.by_locality) {
    document.Note("Supply counts each person once, in the role, sector and locality of their largest post; today's "
                  "workforce tables count a person in every role and locality they hold a post in, so totals by "
                  "locality can differ between the two.");
  }
  if (!supply.flows.empty()) {
    document.ShowTable(added.at("supply_flows"), {}, FlowsTurned(supply)).never_fold = true;
  }
  // Rates by role and sector only (the age bands are in the CSV and the workbook).
  document.Note(fmt::format("{}Weight on observed = staff / (staff + {}) (credibility); age bands and retirement rates "
                            "are in supply_leaver_rates.csv and supply_retirement_rates.csv.",
                            supply.rates.leavers_recorded ? "" : std::string(kNoLeaversNote) + ". ",
                            supply.credibility_staff_years));
  ReportTable rates = LeaverRates(supply, true);
  const std::string fold = fmt::format("Show the {} rates by role and sector", rates.rows().size());
  document.ShowTable(added.at("supply_leaver_rates"), {}, std::move(rates), fold);
}

nlohmann::ordered_json SupplyFacts(const SupplyResult& supply) {
  nlohmann::ordered_json json = {{"base_year", supply.base_year}, {"last_year", supply.last_year},
                                 {"expected", supply.expected},   {"runs", supply.runs},
                                 {"seed", supply.seed},           {"by_locality", supply.by_locality},
                                 {"leavers_recorded", supply.rates.leavers_recorded}};
  if (!supply.rates.leavers_recorded) json["notes"] = {kNoLeaversNote};
  nlohmann::ordered_json series = nlohmann::ordered_json::array();
  for (const SupplySeries& entry : supply.series) {
    const auto measure = [&](const SupplySeries::Measure& values) {
      if (entry.suppressed) return nlohmann::ordered_json(nullptr);
      nlohmann::ordered_json out = {{"mean", values.mean}};
      if (!values.p10.empty()) {
        out["p10"] = values.p10;
        out["p50"] = values.p50;
        out["p90"] = values.p90;
      }
      return out;
    };
    series.push_back({{"dimension", entry.dimension},
                      {"code", entry.code},
                      {"name", entry.name},
                      {"suppressed", entry.suppressed},
                      {"headcount", measure(entry.headcount)},
                      {"fte", measure(entry.fte)}});
  }
  json["years"] = Years(supply);
  json["series"] = series;
  return json;
}

nlohmann::ordered_json SupplyJson(const SupplyResult& supply) {
  nlohmann::ordered_json json = SupplyFacts(supply);
  nlohmann::ordered_json tables;
  for (const ReportTable& table : SupplyTables(supply)) {
    if (table.key() != "supply_series") tables[table.key()] = table.Json();
  }
  json["tables"] = tables;
  return json;
}

std::string SupplyText(const SupplyResult& supply) {
  std::string out = fmt::format("Supply {} to {}: {}\n", supply.base_year, supply.last_year,
                                supply.expected ? "exact expected values"
                                                : fmt::format("{} runs, seed {}, mean [P10-P90]", Count(supply.runs), supply.seed));
  if (!supply.rates.leavers_recorded) out += fmt::format("  {}\n", kNoLeaversNote);
  const std::size_t middle = supply.series.front().headcount.mean.size() / 2;
  const std::size_t last = supply.series.front().headcount.mean.size() - 1;
  out += fmt::format("  {:<30} {:>10} {:>32} {:>32}\n", "headcount", supply.base_year,
                     supply.base_year + static_cast<int>(middle), supply.last_year);
  for (const SupplySeries& series : supply.series) {
    if (series.dimension != "total" && series.dimension != "sector") continue;
    const auto cell = [&](std::size_t year) {
      if (series.headcount.p10.empty()) return Count(std::llround(series.headcount.mean[year]));
      return fmt::format("{} [{}-{}]", Count(std::llround(series.headcount.mean[year])),
                         Count(std::llround(series.headcount.p10[year])), Count(std::llround(series.headcount.p90[year])));
    };
    if (series.suppressed) {
      out += fmt::format("  {:<30} {:>10} {:>32} {:>32}\n", series.name, kSuppressed, kSuppressed, kSuppressed);
      continue;
    }
    out += fmt::format("  {:<30} {:>10} {:>32} {:>32}\n", series.name, Count(std::llround(series.headcount.mean[0])),
                       cell(middle), cell(last));
  }
  if (!supply.expected) {
    out += fmt::format("  {} person-years simulated in {:.2f} s on {} thread{} ({:.3g} person-years a second)\n",
                       Count(std::llround(supply.person_years)), supply.seconds, supply.threads,
                       supply.threads == 1 ? "" : "s", supply.seconds > 0 ? supply.person_years / supply.seconds : 0.0);
  }
  return out;
}

}  // namespace careforce::report
