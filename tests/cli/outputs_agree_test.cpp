// The four outputs of a plan say the same: a sample of figures (the cheapest mix's cost and hires,
// the shortfall at today's mix) read from plan.json, the CSVs, report.html and plan.xlsx.

#include <cmath>
#include <filesystem>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "report/format.hpp"
#include "test_support.hpp"

namespace careforce {
namespace {

namespace fs = std::filesystem;
using namespace careforce::testing;

// Every number written in the sheet whose name contains `part`.
std::vector<double> SheetNumbers(const fs::path& workbook, const std::string& part) {
  const auto files = Unzip(ReadFile(workbook));
  const std::string& names = files.at("xl/workbook.xml");
  static const std::regex kSheet("<sheet name=\"([^\"]*)\" sheetId=\"([0-9]+)\"");
  std::vector<double> numbers;
  for (auto sheet = std::sregex_iterator(names.begin(), names.end(), kSheet); sheet != std::sregex_iterator(); ++sheet) {
    if (XmlUnescape((*sheet)[1]).find(part) == std::string::npos) continue;
    const std::string& xml = files.at("xl/worksheets/sheet" + std::string((*sheet)[2]) + ".xml");
    static const std::regex kValue("<c [^>]*?(?:t=\"n\")?[^>]*><v>([-0-9.eE+]+)</v></c>");
    for (auto value = std::sregex_iterator(xml.begin(), xml.end(), kValue); value != std::sregex_iterator(); ++value) {
      numbers.push_back(std::stod((*value)[1]));
    }
  }
  return numbers;
}

bool Holds(const std::vector<double>& numbers, double value) {
  for (const double number : numbers) {
    if (std::abs(number - value) <= 0.005) return true;
  }
  return false;
}

TEST(Outputs, JsonCsvHtmlAndTheWorkbookGiveTheSameFigures) {
  TempDir temp;
  const fs::path out = temp.path() / "out";
  // Inside one organisation (no suppression), so that every figure is there to compare.
  const auto plan = RunCommand(Careforce(fmt::format("plan {} --runs 20 --quiet --no-suppression --out {}",
                                           (DataDir() / "places" / "demand_toy").string(), out.string())));
  ASSERT_EQ(plan.status, 0) << plan.err;
  const nlohmann::json json = nlohmann::json::parse(ReadFile(out / "plan.json"));
  const double cost = json["skill_mix"]["cost"].get<double>();
  const double hires = json["skill_mix"]["hires_fte"].get<double>();
  ASSERT_GT(cost, 0.0);
  // The bridge's last step is the cheapest mix; its first the shortfall at today's mix.
  const Csv bridge = ReadCsv(out / "csv" / "skill_mix_bridge.csv");
  ASSERT_GE(bridge.rows.size(), 2u);
  EXPECT_NEAR(std::stod(bridge.rows.back()[bridge.Column("cost")]), cost, 0.005);
  EXPECT_NEAR(std::stod(bridge.rows.back()[bridge.Column("hires_fte")]), hires, 0.005);
  const double shortfall = std::stod(bridge.rows[0][bridge.Column("hires_fte")]);
  // The gaps say the same shortfall: each role's shortfall in the plan year, summed.
  const Csv gaps = ReadCsv(out / "csv" / "gaps.csv");
  double by_role = 0.0;
  for (const auto& row : gaps.rows) {
    if (row[gaps.Column("locality")] == "All" && row[gaps.Column("year")] == "2030") {
      by_role += std::stod(row[gaps.Column("shortfall_fte")]);
    }
  }
  EXPECT_NEAR(by_role, shortfall, 0.05);  // each role rounded to 0.01
  // The report shows the cost as written; the workbook holds it as a number.
  EXPECT_NE(ReadFile(out / "report.html").find(report::Money(cost)), std::string::npos) << report::Money(cost);
  EXPECT_TRUE(Holds(SheetNumbers(out / "plan.xlsx", "bridge"), cost));
  EXPECT_TRUE(Holds(SheetNumbers(out / "plan.xlsx", "bridge"), shortfall));
}

// One document, rendered four ways: every table of plan.json is a CSV with as many rows, and a sheet
// of the workbook (after the contents).
TEST(Outputs, EveryTableIsInTheJsonTheCsvsAndTheWorkbook) {
  TempDir temp;
  const fs::path out = temp.path() / "out";
  const auto plan = RunCommand(Careforce(fmt::format("plan {} --runs 20 --quiet --out {}",
                                           (DataDir() / "places" / "demand_toy").string(), out.string())));
  ASSERT_EQ(plan.status, 0) << plan.err;
  const nlohmann::json json = nlohmann::json::parse(ReadFile(out / "plan.json"));
  EXPECT_EQ(json["format_version"], 2);
  std::map<std::string, std::size_t> json_rows;
  for (const auto& [section, object] : json.items()) {
    if (!object.is_object() || !object.contains("tables")) continue;
    for (const auto& [key, rows] : object["tables"].items()) {
      EXPECT_TRUE(json_rows.emplace(key, rows.size()).second) << key << " twice";
    }
  }
  std::map<std::string, std::size_t> csv_rows;
  for (const auto& entry : fs::directory_iterator(out / "csv")) {
    csv_rows[entry.path().stem().string()] = ReadCsv(entry.path()).rows.size();
  }
  EXPECT_EQ(json_rows, csv_rows);
  EXPECT_GT(csv_rows.size(), 40u);
  const auto files = Unzip(ReadFile(out / "plan.xlsx"));
  const std::string& names = files.at("xl/workbook.xml");
  std::size_t sheets = 0;
  for (std::size_t at = names.find("<sheet "); at != std::string::npos; at = names.find("<sheet ", at + 1)) ++sheets;
  EXPECT_EQ(sheets, csv_rows.size() + 1);  // and the contents
  for (const char* key : {"summary", "scope", "service_cover", "caseloads", "gaps", "skill_mix_bridge", "monitor",
                          "assumptions"}) {
    EXPECT_EQ(csv_rows.count(key), 1u) << key;
  }
}

// Opening hours and a caseload reach every output: the demand toy's service open 8am to 8pm
// every day with one seat (4,368 hours, 2.75 FTE at 1,590 hours, against 1.19 FTE of
// activity in 2025) and its green tier a care worker's caseload of four weeks, 40 people to a
// worker with one floating worker for seven (North: 12 new cases a year, 0.92 on the caseload,
// 0.026 FTE against 0.017 from activity).
TEST(Outputs, OpeningHoursAndCaseloadsAreInEveryOutput) {
  TempDir temp;
  const fs::path place = temp.path() / "place";
  careforce::testing::CopyFiles(DataDir() / "places" / "demand_toy", place);
  careforce::testing::WriteFile(place / "services.toml",
                                ReadFile(place / "services.toml") +
                                    "\n  [service.opening]\n  days_per_week = 7\n  from = \"08:00\"\n  to = \"20:00\"\n"
                                    "  seats = 1\n\n  [service.caseload]\n  role = \"CW\"\n  tiers = [\"green\"]\n"
                                    "  mean_weeks = 4\n  standard_caseload = 40\n  float_per = 7\n");
  const fs::path out = temp.path() / "out";
  const auto plan = RunCommand(Careforce(fmt::format("plan {} --runs 20 --quiet --no-suppression --out {}",
                                           place.string(), out.string())));
  ASSERT_EQ(plan.status, 0) << plan.err;
  const Csv cover = ReadCsv(out / "csv" / "service_cover.csv");
  ASSERT_EQ(cover.rows.size(), 6u);  // 2025 to 2030
  EXPECT_EQ(cover.header, (std::vector<std::string>{"year", "service", "service_name", "locality", "hours_open", "seats",
                                                "fte_activity", "fte_hours", "required_fte", "binds"}));
  EXPECT_EQ(cover.rows[0][0], "2025");
  EXPECT_EQ(cover.rows[0][3], "All");
  EXPECT_EQ(cover.rows[0][4], "4368");
  EXPECT_EQ(cover.rows[0][7], "2.75");
  EXPECT_EQ(cover.rows[0][8], "2.75");
  EXPECT_EQ(cover.rows[0][9], "opening hours");
  const Csv caseloads = ReadCsv(out / "csv" / "caseloads.csv");
  ASSERT_EQ(caseloads.rows.size(), 18u);  // North, South and All, 2025 to 2030
  EXPECT_EQ(caseloads.rows[0][3], "North");
  EXPECT_EQ(caseloads.rows[0][5], "12");      // new cases
  EXPECT_EQ(caseloads.rows[0][6], "1");       // 12 x 4 / 52 = 0.92 on the caseload
  EXPECT_EQ(caseloads.rows[0][9], "0.03");    // 0.92 / 40 x 8 / 7
  EXPECT_EQ(caseloads.rows[0][10], "0.02");   // 39 x 2.5 / 5.3 hours of calls / 1,113
  EXPECT_EQ(caseloads.rows[0][12], "40.00");  // per caseload-holding worker, where the caseload binds
  EXPECT_EQ(caseloads.rows[0][13], "caseload");
  const nlohmann::json json = nlohmann::json::parse(ReadFile(out / "plan.json"));
  EXPECT_NEAR(json["demand"]["tables"]["service_cover"][0]["fte_hours"].get<double>(), 4368.0 / 1590.0, 0.005);
  EXPECT_NEAR(json["demand"]["tables"]["caseloads"][0]["workers_fte"].get<double>(), 12.0 * 4 / 52 / 40 * 8 / 7, 0.005);
  EXPECT_EQ(json["demand"]["available_hours_per_fte"], 1590);
  EXPECT_TRUE(Holds(SheetNumbers(out / "plan.xlsx", "Service cover"), 4368.0));
  EXPECT_TRUE(Holds(SheetNumbers(out / "plan.xlsx", "Caseloads"), 40.0));
  const std::string report = ReadFile(out / "report.html");
  EXPECT_NE(report.find("Opening hours and seats"), std::string::npos);
  EXPECT_NE(report.find("so its opening hours bind in 2025"), std::string::npos);
}

}  // namespace
}  // namespace careforce
