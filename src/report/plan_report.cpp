#include "report/plan_report.hpp"

#include <algorithm>
#include <array>
#include <filesystem>
#include <fstream>
#include <map>
#include <variant>

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
#include "report/team_tables.hpp"
#include "report/training_tables.hpp"

namespace careforce::report {

namespace {

namespace fs = std::filesystem;

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
td.long { overflow-wrap: anywhere; }
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

std::string Anchor(std::string_view key) {
  std::string anchor(key);
  std::replace(anchor.begin(), anchor.end(), '_', '-');
  return anchor;
}

void ProfileSection(const plan::PlanResult& result, DocumentBuilder& document) {
  const intelligence::WorkforceProfile& profile = result.profile;
  Section& section =
      document.Begin("workforce_profile", 4, "Step 4 · Understand workforce availability: today's workforce");
  section.facts = ProfileFacts(profile);
  std::map<std::string, std::size_t> added;
  for (ReportTable& table : ProfileTables(profile)) {
    const std::string key = table.key();
    added[key] = document.Add(std::move(table));
  }
  const auto show = [&](std::string_view key) { document.ShowTable(added.at(std::string(key))); };
  document.Note(fmt::format(
      "One picture of the whole workforce across every employer in {} at the census date {}: NHS trusts, primary "
      "care, the council, independent and voluntary care providers and individual employers. Headcount counts people "
      "once; FTE adds every post.",
      profile.place, FormatDate(profile.census_date)));
  Cards cards;
  cards.cards.push_back({Count(profile.headcount), "people employed"});
  cards.cards.push_back({Fte(profile.fte), "full-time equivalent (FTE)"});
  cards.cards.push_back({MoneyShort(profile.pay_bill), "annual pay bill"});
  cards.cards.push_back({Percent(profile.retirement_total.share_within_10_years),
                         fmt::format("within 10 years of retirement age {}", profile.retirement_age)});
  if (profile.has_leavers) cards.cards.push_back({Percent(profile.turnover_total.leaver_rate), "leaver rate, last 12 months"});
  if (profile.has_vacancies) cards.cards.push_back({Percent(profile.vacancies_total.vacancy_rate), "vacancy rate (FTE)"});
  document.Block(std::move(cards));

  BarChartBlock sectors{"FTE by sector", {}};
  for (const auto& group : profile.by_sector) {
    sectors.bars.push_back(
        Bar{group.label, group.fte, group.suppressed ? std::string(kSuppressed) : Fte(group.fte), group.suppressed});
  }
  document.Block(std::move(sectors));
  show("workforce_by_sector");
  show("workforce_by_staff_group");

  std::vector<intelligence::GroupFigures> roles = profile.by_role;
  // Hidden figures last, in the place's order: their place in the ranking would tell their size.
  std::stable_sort(roles.begin(), roles.end(), [](const auto& a, const auto& b) {
    if (a.suppressed != b.suppressed) return b.suppressed;
    return !a.suppressed && a.fte > b.fte;
  });
  BarChartBlock role_bars{roles.size() > 20 ? "FTE by role (the 20 largest)" : "FTE by role", {}};
  for (const auto& group : roles) {
    if (role_bars.bars.size() == 20) break;
    role_bars.bars.push_back(
        Bar{group.label, group.fte, group.suppressed ? std::string(kSuppressed) : Fte(group.fte), group.suppressed});
  }
  document.Block(std::move(role_bars));
  show("workforce_by_role");
  show("workforce_by_locality");
  // The full list is in csv/workforce_by_organisation.csv; the report shows the largest.
  constexpr std::size_t kShown = 25;
  document.ShowTable(added.at("workforce_by_organisation"), {}, LargestOrganisations(profile, kShown)).never_fold = true;

  document.Heading("Age and retirement");
  PyramidBlock pyramid{"People by age and sex", {}};
  for (const auto& band : profile.age_pyramid) {
    pyramid.bands.push_back(PyramidBand{band.band, static_cast<double>(band.female), static_cast<double>(band.male),
                                        band.suppressed});
  }
  document.Block(std::move(pyramid));
  document.Text(fmt::format("{} of people are within 5 years, and {} within 10 years, of the retirement age of {} (mean "
                            "age {:.1f}).",
                            Percent(profile.retirement_total.share_within_5_years),
                            Percent(profile.retirement_total.share_within_10_years), profile.retirement_age,
                            profile.retirement_total.mean_age));
  show("retirement_by_staff_group");
  show("retirement_by_sector");

  document.Heading("Turnover");
  if (profile.has_leavers) {
    std::vector<intelligence::TurnoverFigures> turnover = profile.turnover_by_role;
    std::stable_sort(turnover.begin(), turnover.end(), [](const auto& a, const auto& b) {
      if (a.leavers_suppressed != b.leavers_suppressed) return b.leavers_suppressed;
      return !a.leavers_suppressed && a.leaver_rate > b.leaver_rate;
    });
    BarChartBlock bars{"Leaver rate by role, 12 months to the census date", {}};
    for (const auto& row : turnover) {
      bars.bars.push_back(Bar{row.label, row.leaver_rate,
                              row.leavers_suppressed ? std::string(kSuppressed) : Percent(row.leaver_rate),
                              row.leavers_suppressed});
    }
    document.Block(std::move(bars));
    document.Note(fmt::format("Leaver rate = leavers from {} to {} / mean of posts at the start and the end of the "
                              "period. Stability index = posts in post at the start and still in post at the end / "
                              "posts at the start.",
                              FormatDate(profile.turnover_period_start), FormatDate(profile.census_date)));
    show("turnover_by_role");
    show("turnover_by_sector");
    show("leavers_by_reason");
  } else {
    document.Warning("No leavers file: turnover cannot be measured.");
  }

  if (profile.has_vacancies) {
    show("vacancies_by_role");
    show("vacancies_by_sector");
  } else {
    document.Warning("No vacancies file: vacancy rates cannot be measured.");
  }

  show("pay_gap_nhs_social_care");
  show("pay_by_role_and_sector");
  if (profile.has_staff_competences) show("competence_coverage");
  show("data_quality");
}

std::string RenderRuns(const std::vector<Run>& runs) {
  std::string html;
  for (const Run& run : runs) html += run.strong ? fmt::format("<strong>{}</strong>", Html(run.text)) : Html(run.text);
  return html;
}

std::string RenderTable(const PlanDocument& document, const TableBlock& block) {
  const ReportTable& table = document.tables.at(block.table);
  const ReportTable& shown = block.excerpt ? *block.excerpt : table;
  const std::string heading =
      block.untitled ? std::string() : fmt::format("<h3>{}</h3>\n", Html(block.heading.empty() ? shown.title() : block.heading));
  if (shown.rows().empty()) return heading + "<p>None.</p>\n";
  std::string html;
  if (block.questions) {
    html = "<table class=\"summary\">\n<thead><tr>";
    for (const ReportColumn& column : shown.columns()) html += fmt::format("<th>{}</th>", Html(column.header));
    html += "</tr></thead>\n<tbody>\n";
    for (const auto& cells : shown.rows()) {
      html += "<tr>";
      for (std::size_t column = 0; column < cells.size(); ++column) {
        const std::string text = Html(FormatCell(cells[column], shown.columns()[column].kind));
        html += column == 0 ? fmt::format("<th scope=\"row\">{}</th>", text) : fmt::format("<td>{}</td>", text);
      }
      html += "</tr>\n";
    }
    html += "</tbody>\n</table>\n";
  } else {
    html = shown.Html();
  }
  if (!block.fold.empty()) {
    return fmt::format("{}<details><summary>{}</summary>\n{}</details>\n", heading, Html(block.fold), html);
  }
  if (!block.never_fold && shown.rows().size() > kFoldRows) {
    return fmt::format("{}<details><summary>Show all {} rows (also in {}.csv)</summary>\n{}</details>\n", heading,
                       Count(static_cast<int64_t>(shown.rows().size())), table.key(), html);
  }
  return heading + html;
}

std::string RenderBlock(const PlanDocument& document, const Block& block) {
  struct Visitor {
    const PlanDocument& document;
    std::string operator()(const Heading& heading) const { return fmt::format("<h3>{}</h3>\n", Html(heading.text)); }
    std::string operator()(const Paragraph& paragraph) const {
      const char* style = paragraph.style == Paragraph::Style::kNote      ? " class=\"note\""
                          : paragraph.style == Paragraph::Style::kWarning ? " class=\"warning\""
                                                                          : "";
      return fmt::format("<p{}>{}</p>\n", style, RenderRuns(paragraph.runs));
    }
    std::string operator()(const Cards& cards) const {
      std::string html = "<div class=\"cards\">\n";
      for (const Card& card : cards.cards) {
        html += fmt::format("<div class=\"card\"><div class=\"value\">{}</div><div class=\"what\">{}</div></div>\n",
                            Html(card.value), Html(card.what));
      }
      return html + "</div>\n";
    }
    std::string operator()(const TableBlock& table) const { return RenderTable(document, table); }
    std::string operator()(const BarChartBlock& chart) const { return BarChart(chart.title, chart.bars); }
    std::string operator()(const PyramidBlock& chart) const { return AgePyramid(chart.title, chart.bands); }
    std::string operator()(const WaterfallBlock& chart) const {
      return Waterfall(chart.title, chart.steps, chart.increase_is_good);
    }
    std::string operator()(const TeamMapBlock& map) const { return TeamMap(map.title, map.practices, map.teams); }
    std::string operator()(const FansBlock& fans) const {
      std::string html = "<div class=\"fans\">\n";
      for (const Fan& fan : fans.fans) html += FanChart(fan);
      return html + "</div>\n";
    }
  };
  return std::visit(Visitor{document}, block);
}

}  // namespace

PlanDocument BuildPlanDocument(const plan::PlanResult& result, const Place* place_of_plan) {
  const intelligence::PlaceSummary& place = result.place;
  PlanDocument document;
  document.place = place.name;
  document.census_days = place.census_date.days;
  document.title = fmt::format("{}: integrated health and social care workforce plan", place.name);
  document.subtitle = fmt::format("Base year {} · staff census {} · {} organisations · {} localities", place.base_year,
                                  FormatDate(place.census_date), Count(place.organisations), Count(place.localities));
  if (!place.description.empty()) document.preface.push_back(Paragraph{Paragraph::Style::kBody, {place.description}});
  if (result.profile.suppression_applied) {
    document.preface.push_back(Paragraph{
        Paragraph::Style::kNote,
        {fmt::format("This report may be shared beyond one organisation: counts of people from 1 to {} are shown as {}, "
                     "and so is every figure from which one could be worked out (another row of its table, staff group "
                     "or sector, or the same people in another table).",
                     result.profile.suppression_threshold - 1, kSuppressed)}});
  } else {
    document.preface.push_back(Paragraph{
        Paragraph::Style::kWarning,
        {fmt::format("Not for sharing: this report was made with --no-suppression and contains small numbers (counts of "
                     "1 to {} people, which can identify them). It must not be shared beyond the organisation that holds "
                     "the staff records; plan again without --no-suppression for a version that may be.",
                     std::max(1, result.profile.suppression_threshold - 1))}});
  }
  document.place_facts = {{"name", place.name},
                          {"description", place.description},
                          {"base_year", place.base_year},
                          {"census_date", FormatDate(place.census_date)},
                          {"localities", place.localities},
                          {"organisations", place.organisations},
                          {"roles", place.roles},
                          {"competences", place.competences},
                          {"gp_practices", place.gp_practices},
                          {"registered_patients", place.registered_patients}};
  document.footer = "Produced by careforce. Methods and sources: docs/methods.md.";

  DocumentBuilder builder(document);
  SummarySection(result, builder);
  DefineSection(result, builder);
  if (result.demand) DemandSection(*result.demand, builder);
  ProfileSection(result, builder);
  if (result.supply) SupplySection(*result.supply, builder);
  if (result.gaps) GapSection(*result.gaps, *result.supply, result.place.base_year, result.supply->last_year, builder);
  if (result.skill_mix) SkillMixSection(*result.skill_mix, *result.supply, builder);
  if (result.teams || !result.teams_skipped.empty()) {
    TeamSection(result.teams ? &*result.teams : nullptr, result.teams_skipped, builder);
  }
  if (result.training || !result.training_skipped.empty()) {
    TrainingSection(result.training ? &*result.training : nullptr, result.training_skipped, place_of_plan,
                    result.suppression_threshold, HiddenOrganisations(result.profile), builder);
  }
  if (!result.scenarios.empty()) ScenarioSection(result.scenarios, builder);
  if (result.policy_matrix) PolicySection(*result.policy_matrix, builder);
  if (!result.cells_full && (!result.scenarios.empty() || result.policy_matrix)) {
    builder.Note(
        fmt::format("Today's mix is not costed in these cells, nor are the limits named that stop "
                    "a cell with no "
                    "feasible skill mix: {}.",
                    result.cell_choice));
  }
  MonitorSection(result, builder);
  builder.Begin("assumptions", 7, "Assumptions and sources");
  builder.Note("Every input that shaped the plan, with its source: the place's files (with their records and bytes), "
               "the plan's options and the reference rows it was costed with (also the Assumptions sheet of plan.xlsx).");
  builder.ShowTable(builder.Add(AssumptionsTable(result))).untitled = true;
  return document;
}

std::string RenderHtml(const PlanDocument& document) {
  std::string html = fmt::format(
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<title>{0} — integrated workforce plan</title>\n<style>{1}</style>\n</head>\n<body>\n"
      "<h1>{2}</h1>\n<p class=\"subtitle\">{3}</p>\n",
      Html(document.place), kStyle, Html(document.title), Html(document.subtitle));
  for (const Paragraph& paragraph : document.preface) html += RenderBlock(document, paragraph);
  for (const Section& section : document.sections) {
    html += fmt::format("<h2 id=\"{}\">{}</h2>\n", Anchor(section.key), Html(section.title));
    for (const Block& block : section.blocks) html += RenderBlock(document, block);
  }
  html += fmt::format("<footer>{}</footer>\n</body>\n</html>\n", Html(document.footer));
  return html;
}

nlohmann::ordered_json RenderJson(const PlanDocument& document) {
  nlohmann::ordered_json json;
  json["format"] = "careforce-plan";
  json["format_version"] = 2;
  json["place"] = document.place_facts;
  for (const Section& section : document.sections) {
    nlohmann::ordered_json object = section.facts;
    if (!section.tables.empty()) {
      nlohmann::ordered_json tables = nlohmann::ordered_json::object();
      for (const std::size_t index : section.tables) tables[document.tables[index].key()] = document.tables[index].Json();
      object["tables"] = std::move(tables);
    }
    json[section.key] = std::move(object);
  }
  return json;
}

std::string RenderHtmlReport(const plan::PlanResult& result, const Place* place) {
  return RenderHtml(BuildPlanDocument(result, place));
}

nlohmann::ordered_json PlanJson(const plan::PlanResult& result, const Place* place) {
  return RenderJson(BuildPlanDocument(result, place));
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

std::vector<ReportTable> PlanTables(const plan::PlanResult& result, const Place* place) {
  return BuildPlanDocument(result, place).tables;
}

std::string DataDictionary(const std::vector<ReportTable>& tables) {
  constexpr std::array<std::string_view, 9> kUnits = {"text", "count", "FTE", "GBP", "share (0 to 1)", "number", "year",
                                                      "code (the report and the workbook show its name)", "hours"};
  static_assert(kUnits.size() == static_cast<std::size_t>(CellKind::kHours) + 1, "a unit for every cell kind");
  std::string out =
      "# careforce plan outputs: data dictionary\n\n"
      "Every table `careforce plan` writes (`csv/<table>.csv`, a sheet of `plan.xlsx`, a key of `plan.json`; `careforce\n"
      "train` adds the `training_` tables), with its\n"
      "columns: the CSV header, what it means (the report's heading) and its unit. Generated from the column\n"
      "definitions the writers use (`data_dictionary.md` in every plan's output directory). Columns named after a\n"
      "year or a future (policy matrix, hires by year) follow the plan's years and futures.\n\n"
      "Hidden figures: unless the plan was made with `--no-suppression`, counts of people from 1 to the place's\n"
      "`suppression_threshold` less one (1 to 4 by default), and every figure from which one could be worked out, are\n"
      "hidden (docs/data-protection.md): `*` in the CSVs, the report and the workbook, `null` in `plan.json`. An empty\n"
      "CSV cell (`–` in the report, also `null` in `plan.json`) is a figure that does not exist (a percentile of\n"
      "exact expected values, an event count where no leavers were recorded). Projections (means and percentiles of\n"
      "the supply, flows to come) are model outputs, not counts of people: they are hidden only with the observed\n"
      "figures they start from.\n";
  for (const ReportTable& table : tables) {
    out += fmt::format("\n## `{}`: {}\n\n| Column | Meaning | Unit |\n|---|---|---|\n", table.key(), table.title());
    for (const ReportColumn& column : table.columns()) {
      out += fmt::format("| `{}` | {} | {} |\n", column.key, column.header, kUnits[static_cast<std::size_t>(column.kind)]);
    }
  }
  return out;
}

std::vector<std::string> WritePlanOutputs(const plan::PlanResult& result, const std::string& directory,
                                          const Place* place) {
  std::error_code error;
  fs::create_directories(fs::path(directory) / "csv", error);
  if (error) {
    throw IoError(fmt::format("{}: cannot create the output directory ({})", directory, error.message()));
  }
  // The plan's document, built once; every file below only renders it.
  const PlanDocument document = BuildPlanDocument(result, place);
  std::vector<std::string> written;
  const auto write = [&](const fs::path& path, const std::string& content) {
    WriteFileAtomically(path.string(), content);
    written.push_back(path.string());
  };
  write(fs::path(directory) / "report.html", RenderHtml(document));
  write(fs::path(directory) / "plan.json", RenderJson(document).dump(2) + "\n");
  {
    // The workbook is written beside and renamed into place, like every other file.
    const std::string workbook = (fs::path(directory) / "plan.xlsx").string();
    WritePlanWorkbook(document, workbook + ".tmp");
    std::error_code error;
    fs::rename(workbook + ".tmp", workbook, error);
    if (error) throw IoError(fmt::format("{}: cannot replace the file ({})", workbook, error.message()));
    written.push_back(workbook);
  }
  // Every table once, in the order of the plan: one CSV each, and the data dictionary of their
  // columns.
  for (const ReportTable& table : document.tables) {
    write(fs::path(directory) / "csv" / (table.key() + ".csv"), table.Csv());
  }
  write(fs::path(directory) / "data_dictionary.md", DataDictionary(document.tables));
  return written;
}

}  // namespace careforce::report
