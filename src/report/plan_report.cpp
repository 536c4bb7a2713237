#include "report/plan_report.hpp"

#include <algorithm>
#include <numeric>
#include <filesystem>
#include <fstream>

#include <fmt/format.h>

#include "model/error.hpp"
#include "report/demand_tables.hpp"
#include "report/format.hpp"
#include "report/profile_tables.hpp"
#include "report/plan_tables.hpp"
#include "report/summary.hpp"
#include "report/workbook.hpp"
#include "report/supply_tables.hpp"
#include "report/svg.hpp"

namespace careforce::report {

namespace {

namespace fs = std::filesystem;

// Tables longer than this are folded in the report.
constexpr std::size_t kFoldRows = 12;

constexpr std::string_view kStyle = R"(
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 2rem auto; max-width: 1100px; color: #1d2733; line-height: 1.45; padding: 0 1rem; }
h1 { font-size: 1.9rem; margin-bottom: .2rem; }
h2 { border-bottom: 2px solid #005eb8; padding-bottom: .2rem; margin-top: 2.5rem; }
h3 { margin-top: 1.8rem; }
.subtitle { color: #4c6272; margin-top: 0; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(180px, 1fr)); gap: .8rem; margin: 1.2rem 0; }
.card { border: 1px solid #d8dde0; border-radius: 6px; padding: .7rem .9rem; background: #f7f9fa; }
.card .value { font-size: 1.6rem; font-weight: 600; }
.card .what { color: #4c6272; font-size: .9rem; }
table { border-collapse: collapse; margin: .6rem 0 1.2rem; font-size: .85rem; }
th, td { border-bottom: 1px solid #d8dde0; padding: .25rem .6rem; text-align: left; vertical-align: top; }
th { background: #eef2f5; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.chart { display: block; margin: .8rem 0; font-size: 12px; }
.chart-title { font-weight: 600; font-size: 14px; fill: #1d2733; }
.chart .label, .chart .value { fill: #1d2733; }
.bar { fill: #005eb8; }
.bar.male { fill: #41b6e6; }
.bar.female { fill: #7c2855; }
.bar.up { fill: #da291c; }
.bar.down { fill: #009639; }
.fan { fill: #005eb8; fill-opacity: .18; stroke: none; }
.median { fill: none; stroke: #005eb8; stroke-width: 2; }
.mean { fill: none; stroke: #1d2733; stroke-width: 1; stroke-dasharray: 4 3; }
.grid { stroke: #d8dde0; stroke-width: 1; }
.fans { display: flex; flex-wrap: wrap; gap: 0 1.5rem; }
table.summary { font-size: 1rem; width: 100%; }
table.summary th[scope=row] { background: none; width: 28%; }
table { display: block; max-width: 100%; overflow-x: auto; }
table.summary { display: table; }
details { margin: .4rem 0 1rem; }
details > summary { cursor: pointer; color: #005eb8; }
.note { color: #4c6272; font-size: .9rem; }
.warning { color: #8a4b00; }
footer { margin-top: 3rem; color: #4c6272; font-size: .85rem; }
)";

const ReportTable& Find(const std::vector<ReportTable>& tables, std::string_view key) {
  for (const ReportTable& table : tables) {
    if (table.key() == key) return table;
  }
  throw InternalError(fmt::format("report table {} is missing", key));
}

std::string Card(const std::string& value, const std::string& what) {
  return fmt::format("<div class=\"card\"><div class=\"value\">{}</div><div class=\"what\">{}</div></div>\n",
                     Html(value), Html(what));
}

// A table under its heading: "None." when it has no rows; folded when it is long (the whole table
// is in the workbook and the CSVs).
std::string Section(const std::vector<ReportTable>& tables, std::string_view key) {
  const ReportTable& table = Find(tables, key);
  if (table.rows().empty()) return fmt::format("<h3>{}</h3>\n<p>None.</p>\n", Html(table.title()));
  if (table.rows().size() > kFoldRows) {
    return fmt::format("<h3>{}</h3>\n<details><summary>Show all {} rows (also in {}.csv)</summary>\n{}</details>\n",
                       Html(table.title()), Count(static_cast<int64_t>(table.rows().size())), table.key(), table.Html());
  }
  return fmt::format("<h3>{}</h3>\n{}", Html(table.title()), table.Html());
}

std::string ProfileSection(const plan::PlanResult& result) {
  const intelligence::WorkforceProfile& profile = result.profile;
  const std::vector<ReportTable> tables = ProfileTables(profile);
  std::string html = "<h2 id=\"workforce\">Step 4 · Understand workforce availability: today's workforce</h2>\n";
  html += fmt::format(
      "<p class=\"note\">One picture of the whole workforce across every employer in {} at the census date "
      "{}: NHS trusts, primary care, the council, independent and voluntary care providers and individual "
      "employers. Headcount counts people once; FTE adds every post.</p>\n",
      Html(profile.place), FormatDate(profile.census_date));

  html += "<div class=\"cards\">\n";
  html += Card(Count(profile.headcount), "people employed");
  html += Card(Fte(profile.fte), "full-time equivalent (FTE)");
  html += Card(profile.pay_bill >= 1e6 ? fmt::format("£{:.1f}m", profile.pay_bill / 1e6) : Money(profile.pay_bill),
               "annual pay bill");
  html += Card(Percent(profile.retirement_total.share_within_10_years),
               fmt::format("within 10 years of retirement age {}", profile.retirement_age));
  if (profile.has_leavers) html += Card(Percent(profile.turnover_total.leaver_rate), "leaver rate, last 12 months");
  if (profile.has_vacancies) html += Card(Percent(profile.vacancies_total.vacancy_rate), "vacancy rate (FTE)");
  html += "</div>\n";

  std::vector<Bar> sector_bars;
  for (const auto& group : profile.by_sector) {
    sector_bars.push_back(Bar{group.label, group.fte, group.suppressed ? std::string(kSuppressed) : Fte(group.fte),
                              group.suppressed});
  }
  html += BarChart("FTE by sector", sector_bars);
  html += Section(tables, "workforce_by_sector");
  html += Section(tables, "workforce_by_staff_group");

  std::vector<intelligence::GroupFigures> roles = profile.by_role;
  std::stable_sort(roles.begin(), roles.end(), [](const auto& a, const auto& b) { return a.fte > b.fte; });
  std::vector<Bar> role_bars;
  for (const auto& group : roles) {
    if (role_bars.size() == 20) break;
    role_bars.push_back(Bar{group.label, group.fte, group.suppressed ? std::string(kSuppressed) : Fte(group.fte),
                            group.suppressed});
  }
  html += BarChart(roles.size() > 20 ? "FTE by role (the 20 largest)" : "FTE by role", role_bars);
  html += Section(tables, "workforce_by_role");
  html += Section(tables, "workforce_by_locality");
  {
    // The full list is in csv/workforce_by_organisation.csv; the report shows the largest.
    constexpr std::size_t kShown = 25;
    const ReportTable& organisations = Find(tables, "workforce_by_organisation");
    std::vector<std::size_t> order(organisations.rows().size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      return organisations.rows()[a][4].number > organisations.rows()[b][4].number;
    });
    ReportTable largest(organisations.key(), organisations.title(), organisations.columns());
    for (std::size_t idx = 0; idx < std::min(kShown, order.size()); ++idx) largest.AddRow(organisations.rows()[order[idx]]);
    html += fmt::format("<h3>{}</h3>\n", Html(order.size() > kShown
                                                    ? fmt::format("The {} largest of {} organisations (all in "
                                                                  "csv/workforce_by_organisation.csv)",
                                                                  kShown, order.size())
                                                    : organisations.title()));
    html += largest.Html();
  }

  html += "<h3>Age and retirement</h3>\n";
  std::vector<PyramidBand> bands;
  for (const auto& band : profile.age_pyramid) {
    bands.push_back(PyramidBand{band.band, static_cast<double>(band.female), static_cast<double>(band.male),
                                band.suppressed});
  }
  html += AgePyramid("People by age and sex", bands);
  html += fmt::format("<p>{} of people are within 5 years, and {} within 10 years, of the retirement age of {} "
                      "(mean age {:.1f}).</p>\n",
                      Percent(profile.retirement_total.share_within_5_years),
                      Percent(profile.retirement_total.share_within_10_years), profile.retirement_age,
                      profile.retirement_total.mean_age);
  html += Section(tables, "retirement_by_staff_group");
  html += Section(tables, "retirement_by_sector");

  html += "<h3>Turnover</h3>\n";
  if (profile.has_leavers) {
    std::vector<intelligence::TurnoverFigures> turnover = profile.turnover_by_role;
    std::stable_sort(turnover.begin(), turnover.end(),
                     [](const auto& a, const auto& b) { return a.leaver_rate > b.leaver_rate; });
    std::vector<Bar> turnover_bars;
    for (const auto& row : turnover) {
      turnover_bars.push_back(Bar{row.label, row.leaver_rate,
                                  row.leavers_suppressed ? std::string(kSuppressed) : Percent(row.leaver_rate),
                                  row.leavers_suppressed});
    }
    html += BarChart("Leaver rate by role, 12 months to the census date", turnover_bars);
    html += fmt::format("<p class=\"note\">Leaver rate = leavers from {} to {} / mean of posts at the start and "
                        "the end of the period. Stability index = posts in post at the start and still in post "
                        "at the end / posts at the start.</p>\n",
                        FormatDate(profile.turnover_period_start), FormatDate(profile.census_date));
    html += Section(tables, "turnover_by_role");
    html += Section(tables, "turnover_by_sector");
    html += Section(tables, "leavers_by_reason");
  } else {
    html += "<p class=\"warning\">No leavers file: turnover cannot be measured.</p>\n";
  }

  html += "<h3>Vacancies</h3>\n";
  if (profile.has_vacancies) {
    html += Section(tables, "vacancies_by_role");
    html += Section(tables, "vacancies_by_sector");
  } else {
    html += "<p class=\"warning\">No vacancies file: vacancy rates cannot be measured.</p>\n";
  }

  html += "<h3>Pay</h3>\n";
  html += Section(tables, "pay_gap_nhs_social_care");
  html += Section(tables, "pay_by_role_and_sector");

  if (profile.has_staff_competences) html += Section(tables, "competence_coverage");
  html += Section(tables, "data_quality");
  return html;
}

std::string SourcesSection(const plan::PlanResult& result) {
  std::string html = "<h2 id=\"sources\">Sources</h2>\n<table>\n<thead><tr><th>Table</th><th>File</th><th>Layout</th>"
                     "<th class=\"num\">Records</th><th class=\"num\">Bytes</th></tr></thead>\n<tbody>\n";
  for (const SourceFile& source : result.place.sources) {
    html += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>\n",
                        Html(source.table), Html(fs::path(source.path).filename().string()), Html(source.layout),
                        Count(source.records), Count(source.bytes));
  }
  html += "</tbody>\n</table>\n";
  return html;
}

}  // namespace

std::string RenderHtmlReport(const plan::PlanResult& result) {
  const intelligence::PlaceSummary& place = result.place;
  std::string html = fmt::format(
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<title>{0} — integrated workforce plan</title>\n<style>{1}</style>\n</head>\n<body>\n"
      "<h1>{0}: integrated health and social care workforce plan</h1>\n"
      "<p class=\"subtitle\">Base year {2} · staff census {3} · {4} organisations · {5} localities</p>\n",
      Html(place.name), kStyle, place.base_year, FormatDate(place.census_date), Count(place.organisations),
      Count(place.localities));
  if (!place.description.empty()) html += fmt::format("<p>{}</p>\n", Html(place.description));
  if (result.profile.suppression_applied) {
    html += fmt::format("<p class=\"note\">This report may be shared beyond one organisation: counts from 1 to {} "
                        "are shown as {}, and where one row of a table is hidden the next smallest is hidden "
                        "too.</p>\n",
                        result.profile.suppression_threshold - 1, kSuppressed);
  }
  html += SummarySection(result);
  html += DefineSection(result);
  if (result.demand) html += DemandSection(*result.demand);
  html += ProfileSection(result);
  if (result.supply) html += SupplySection(*result.supply);
  if (result.gaps) html += GapSection(*result.gaps, *result.supply, result.place.base_year, result.supply->last_year);
  if (result.skill_mix) html += SkillMixSection(*result.skill_mix, *result.supply);
  if (!result.scenarios.empty()) html += ScenarioSection(result.scenarios);
  if (result.policy_matrix) html += PolicySection(*result.policy_matrix);
  html += MonitorSection(result);
  html += SourcesSection(result);
  html += "<footer>Produced by careforce. Methods and sources: docs/methods.md.</footer>\n</body>\n</html>\n";
  return html;
}

nlohmann::ordered_json PlanJson(const plan::PlanResult& result) {
  const intelligence::PlaceSummary& place = result.place;
  nlohmann::ordered_json json;
  json["format"] = "careforce-plan";
  json["format_version"] = 1;
  nlohmann::ordered_json sources = nlohmann::ordered_json::array();
  for (const SourceFile& source : place.sources) {
    sources.push_back({{"table", source.table},
                       {"file", fs::path(source.path).filename().string()},
                       {"layout", source.layout},
                       {"records", source.records},
                       {"bytes", source.bytes}});
  }
  json["place"] = {{"name", place.name},
                   {"description", place.description},
                   {"base_year", place.base_year},
                   {"census_date", FormatDate(place.census_date)},
                   {"localities", place.localities},
                   {"organisations", place.organisations},
                   {"roles", place.roles},
                   {"competences", place.competences},
                   {"gp_practices", place.gp_practices},
                   {"registered_patients", place.registered_patients},
                   {"sources", std::move(sources)}};
  json["summary"] = SummaryTable(result).Json();
  json["scope"] = ScopeTable(result).Json();
  json["monitor"] = MonitorTable(result).Json();
  json["assumptions"] = AssumptionsTable(result).Json();
  json["workforce_profile"] = ProfileJson(result.profile);
  if (result.demand) {
    const demand::DemandResult& demand = *result.demand;
    nlohmann::ordered_json section = {{"base_year", demand.base_year},
                                      {"last_year", demand.last_year},
                                      {"hours_per_fte", demand.hours_per_fte},
                                      {"grown_years", demand.grown_years}};
    nlohmann::ordered_json tables;
    for (const ReportTable& table : DemandTables(demand)) tables[table.key()] = table.Json();
    section["tables"] = std::move(tables);
    json["demand"] = std::move(section);
  }
  if (result.supply) json["supply"] = SupplyJson(*result.supply);
  if (result.gaps) {
    nlohmann::ordered_json tables;
    for (const ReportTable& table : GapTables(*result.gaps, *result.supply)) tables[table.key()] = table.Json();
    json["gaps"] = {{"threshold_fte", result.gaps->threshold_fte}, {"tables", tables}};
  }
  if (result.skill_mix) {
    const plan::SkillMixPlan& mix = *result.skill_mix;
    nlohmann::ordered_json tables;
    for (const ReportTable& table : SkillMixTables(mix, *result.supply)) tables[table.key()] = table.Json();
    json["skill_mix"] = {{"year", mix.year},
                         {"status", plan::StatusText(mix.result.status)},
                         {"cost", mix.result.cost},
                         {"staff_cost", mix.result.staff_cost},
                         {"hire_cost", mix.result.hire_cost},
                         {"training_cost", mix.result.training_cost},
                         {"conversion_cost", mix.result.conversion_cost},
                         {"agency_cost", mix.result.shortfall_cost},
                         {"agency_hours", mix.result.shortfall_hours},
                         {"hires_fte", mix.result.HiresFte()},
                         {"leavers_not_replaced_fte", mix.result.ReleasedFte()},
                         {"todays_mix_status", plan::StatusText(mix.todays_mix.status)},
                         {"todays_mix_short", mix.todays_mix.conflicting},
                         {"cost_at_todays_mix", mix.todays_mix.cost},
                         {"travel_hours", mix.result.travel_hours},
                         {"budget_bound", mix.result.budget_bound},
                         {"variables", mix.result.program.variables().size()},
                         {"constraints", mix.result.program.constraints().size()},
                         {"tables", tables}};
    if (!mix.path_skipped.empty()) {
      json["skill_mix"]["path"] = {{"status", "not solved"},
                                   {"why", mix.path_skipped},
                                   {"estimated_variables", mix.path_estimate.variables},
                                   {"estimated_constraints", mix.path_estimate.constraints}};
    }
    if (!mix.path_roles.empty()) {
      json["skill_mix"]["path"] = {{"status", plan::StatusText(mix.path.status)},
                                   {"cost", mix.path.cost},
                                   {"short", mix.path.conflicting},
                                   {"variables", mix.path.variables},
                                   {"constraints", mix.path.constraints},
                                   {"estimated_variables", mix.path_estimate.variables},
                                   {"estimated_constraints", mix.path_estimate.constraints}};
    }
  }
  if (!result.scenarios.empty()) json["scenarios"] = ScenarioTable(result.scenarios).Json();
  if (result.policy_matrix) {
    json["policy_matrix"] = {{"recommended", result.policy_matrix->policies[result.policy_matrix->recommended]},
                             {"table", PolicyTables(*result.policy_matrix).front().Json()}};
  }
  return json;
}

void WriteFileAtomically(const std::string& path, const std::string& content) {
  const std::string temporary = path + ".tmp";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out) throw IoError(fmt::format("{}: cannot write the file, expected a writable directory", path));
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    if (!out) throw IoError(fmt::format("{}: writing failed (disk full?)", path));
  }
  std::error_code error;
  fs::rename(temporary, path, error);
  if (error) throw IoError(fmt::format("{}: cannot replace the file ({})", path, error.message()));
}

std::vector<ReportTable> PlanTables(const plan::PlanResult& result) {
  std::vector<ReportTable> tables;
  const auto add = [&](std::vector<ReportTable> more) {
    for (ReportTable& table : more) tables.push_back(std::move(table));
  };
  tables.push_back(SummaryTable(result));
  tables.push_back(MonitorTable(result));
  tables.push_back(AssumptionsTable(result));
  add(ProfileTables(result.profile));
  if (result.demand) add(DemandTables(*result.demand));
  if (result.supply) add(SupplyTables(*result.supply));
  if (result.gaps) add(GapTables(*result.gaps, *result.supply));
  if (result.skill_mix) add(SkillMixTables(*result.skill_mix, *result.supply));
  if (!result.scenarios.empty()) tables.push_back(ScenarioTable(result.scenarios));
  if (result.policy_matrix) add(PolicyTables(*result.policy_matrix));
  return tables;
}

std::string DataDictionary(const std::vector<ReportTable>& tables) {
  constexpr std::array<std::string_view, 7> kUnits = {"text", "count", "FTE", "GBP", "share (0 to 1)", "number", "year"};
  std::string out =
      "# careforce plan outputs: data dictionary\n\n"
      "Every table `careforce plan` writes (`csv/<table>.csv`, a sheet of `plan.xlsx`, a key of `plan.json`), with its\n"
      "columns: the CSV header, what it means (the report's heading) and its unit. Generated from the column\n"
      "definitions the writers use (`data_dictionary.md` in every plan's output directory). Columns named after a\n"
      "year or a future (policy matrix, hires by year) follow the plan's years and futures.\n";
  for (const ReportTable& table : tables) {
    out += fmt::format("\n## `{}`: {}\n\n| Column | Meaning | Unit |\n|---|---|---|\n", table.key(), table.title());
    for (const ReportColumn& column : table.columns()) {
      out += fmt::format("| `{}` | {} | {} |\n", column.key, column.header, kUnits[static_cast<std::size_t>(column.kind)]);
    }
  }
  return out;
}

std::vector<std::string> WritePlanOutputs(const plan::PlanResult& result, const std::string& directory) {
  std::error_code error;
  fs::create_directories(fs::path(directory) / "csv", error);
  if (error) {
    throw IoError(fmt::format("{}: cannot create the output directory ({})", directory, error.message()));
  }
  std::vector<std::string> written;
  const auto write = [&](const fs::path& path, const std::string& content) {
    WriteFileAtomically(path.string(), content);
    written.push_back(path.string());
  };
  write(fs::path(directory) / "report.html", RenderHtmlReport(result));
  write(fs::path(directory) / "plan.json", PlanJson(result).dump(2) + "\n");
  write(fs::path(directory) / "csv" / "summary.csv", SummaryTable(result).Csv());
  {
    // The workbook is written beside and renamed into place, like every other file.
    const std::string workbook = (fs::path(directory) / "plan.xlsx").string();
    WritePlanWorkbook(result, workbook + ".tmp");
    std::error_code error;
    fs::rename(workbook + ".tmp", workbook, error);
    if (error) throw IoError(fmt::format("{}: cannot replace the file ({})", workbook, error.message()));
    written.push_back(workbook);
  }
  // Every table once, in the order of the plan: one CSV each, and the data dictionary of their
  // columns.
  const std::vector<ReportTable> tables = PlanTables(result);
  for (const ReportTable& table : tables) {
    if (table.key() == "summary") continue;  // written above
    write(fs::path(directory) / "csv" / (table.key() + ".csv"), table.Csv());
  }
  write(fs::path(directory) / "data_dictionary.md", DataDictionary(tables));
  return written;
}

}  // namespace careforce::report
