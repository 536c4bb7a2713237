// plan.xlsx read back: a Contents sheet linking every sheet, one flat table per sheet with its
// header frozen and filtered, columns sized, years and shares as numbers with their formats, print
// set-up on every sheet, text that looks like a formula kept as text, and the same bytes for the
// same inputs and seed.

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "test_support.hpp"

namespace careforce {
namespace {

namespace fs = std::filesystem;
using namespace careforce::testing;

constexpr std::string_view kFormulaRole = R"(=HYPERLINK("http://x","y"))";

// The parts of a workbook, with its sheets' names in order and their XML by name.
using Book = careforce::testing::Workbook;
Book ReadBook(const fs::path& path) { return ReadWorkbook(path); }

// The <c> element of a cell ("B2"), empty when the cell is not written.
std::string Cell(const std::string& sheet, const std::string& reference) {
  const std::regex cell("<c r=\"" + reference + "\"[^>]*?(?:/>|>[\\s\\S]*?</c>)");
  std::smatch found;
  return std::regex_search(sheet, found, cell) ? found.str() : std::string();
}

// The header row's cells as text, by column letter.
std::map<std::string, std::string> Headers(const Book& book, const std::string& sheet) {
  std::map<std::string, std::string> headers;
  static const std::regex kCell("<c r=\"([A-Z]+)1\"[^>]*t=\"s\"[^>]*><v>([0-9]+)</v></c>");
  const std::string& xml = book.sheets.at(sheet);
  for (auto cell = std::sregex_iterator(xml.begin(), xml.end(), kCell);
       cell != std::sregex_iterator(); ++cell) {
    headers[(*cell)[1]] = book.strings.at(std::stoul((*cell)[2]));
  }
  return headers;
}

class WorkbookTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    temp_ = new careforce::testing::TempDir();
    const fs::path place = temp_->path() / "place";
    fs::create_directories(place);
    careforce::testing::CopyFiles(DataDir() / "places" / "demand_toy", place);
    // A role whose name a spreadsheet would run as a formula.
    std::string roles = ReadFile(place / "roles.csv");
    const std::string from = "HCA,Healthcare assistant,";
    ASSERT_NE(roles.find(from), std::string::npos);
    roles.replace(roles.find(from), from.size(), R"x(HCA,"=HYPERLINK(""http://x"",""y"")",)x");
    careforce::testing::WriteFile(place / "roles.csv", roles);
    // Opening hours and a caseload, so that their sheets have rows to check.
    careforce::testing::WriteFile(place / "services.toml",
                                  ReadFile(place / "services.toml") +
                                      "\n  [service.opening]\n  days_per_week = 7\n  hours_per_day = 12\n  seats = 1\n"
                                      "\n  [service.caseload]\n  role = \"CW\"\n  mean_weeks = 4\n"
                                      "  standard_caseload = 40\n  float_per = 7\n");
    for (const std::string run : {"one", "two"}) {
      const auto result = RunCommand(Careforce("plan " + place.string() +
                                               " --runs 20 --seed 5 --no-suppression --out " +
                                               (temp_->path() / run).string()));
      ASSERT_EQ(result.status, 0) << result.err;
    }
  }
  static void TearDownTestSuite() {
    delete temp_;
    temp_ = nullptr;
  }
  static fs::path Out(const std::string& run) { return temp_->path() / run; }
  static const Book& TheBook() {
    static const Book book = ReadBook(Out("one") / "plan.xlsx");
    return book;
  }

  static careforce::testing::TempDir* temp_;
};

careforce::testing::TempDir* WorkbookTest::temp_ = nullptr;

TEST_F(WorkbookTest, ContentsComesFirstAndLinksToEverySheet) {
  const Book& book = TheBook();
  ASSERT_GT(book.names.size(), 10u);
  EXPECT_EQ(book.names[0], "Contents");
  EXPECT_EQ(book.names[1], "Summary");
  std::set<std::string> unique;
  for (const std::string& name : book.names) {
    EXPECT_LE(name.size(), 31u) << name;
    EXPECT_TRUE(unique.insert(name).second) << name;
  }
  // The summary, then the steps in order, each sheet numbered by its step, then the assumptions.
  EXPECT_EQ(book.names[2].rfind("1.1 ", 0), 0u) << book.names[2];
  EXPECT_EQ(book.names[book.names.size() - 2].rfind("6.1 ", 0), 0u) << book.names[book.names.size() - 2];
  EXPECT_EQ(book.names.back(), "Assumptions");
  int last_step = 0;
  for (std::size_t idx = 2; idx + 1 < book.names.size(); ++idx) {
    const int step = book.names[idx][0] - '0';
    EXPECT_GE(step, last_step) << book.names[idx];
    last_step = step;
  }
  // A hyperlink to every other sheet, each with its target as the cell's location.
  const std::string& contents = book.sheets.at("Contents");
  for (std::size_t idx = 1; idx < book.names.size(); ++idx) {
    const std::string location = "location=\"'" + book.names[idx] + "'!A1\"";
    EXPECT_NE(contents.find(location), std::string::npos) << book.names[idx];
  }
  // Titles and row counts beside the links.
  const std::map<std::string, std::string> headers = Headers(book, "Contents");
  EXPECT_EQ(headers.at("A"), "Sheet");
  EXPECT_EQ(headers.at("C"), "Title");
  EXPECT_EQ(headers.at("D"), "Rows");
  EXPECT_EQ(Cell(contents, "D2").find("t=\"s\""), std::string::npos);  // a number
}

TEST_F(WorkbookTest, EverySheetIsOneTableFrozenFilteredSizedAndSetUpForPrinting) {
  const Book& book = TheBook();
  for (const auto& [name, xml] : book.sheets) {
    EXPECT_NE(xml.find("ySplit=\"1\""), std::string::npos) << name;
    EXPECT_NE(xml.find("state=\"frozen\""), std::string::npos) << name;
    EXPECT_NE(xml.find("<autoFilter ref=\"A1:"), std::string::npos) << name;
    EXPECT_TRUE(
        std::regex_search(xml, std::regex("<col [^>]*width=\"[0-9.]+\"[^>]*customWidth=\"1\"")))
        << name;
    EXPECT_TRUE(std::regex_search(xml, std::regex("<pageSetup [^>]*orientation=\"landscape\"")))
        << name;
    // One page wide: fitToWidth is 1 when absent (its default, which libxlsxwriter leaves out).
    std::smatch setup;
    ASSERT_TRUE(std::regex_search(xml, setup, std::regex("<pageSetup [^>]*>"))) << name;
    const std::string page_setup = setup.str();
    EXPECT_TRUE(page_setup.find("fitToWidth") == std::string::npos ||
                page_setup.find("fitToWidth=\"1\"") != std::string::npos)
        << name << ": " << page_setup;
    EXPECT_TRUE(std::regex_search(xml, std::regex("<pageSetup [^>]*fitToHeight=\"0\""))) << name;
    EXPECT_NE(xml.find("<pageSetUpPr fitToPage=\"1\"/>"), std::string::npos) << name;
    // One table: no row is left blank between the header and the last row.
    static const std::regex kRow("<row r=\"([0-9]+)\"");
    int expected = 1;
    for (auto row = std::sregex_iterator(xml.begin(), xml.end(), kRow);
         row != std::sregex_iterator(); ++row) {
      EXPECT_EQ(std::stoi((*row)[1]), expected++) << name;
    }
  }
  // The header row repeats on every printed page.
  const std::string& workbook = book.files.at("xl/workbook.xml");
  EXPECT_NE(workbook.find("<definedName name=\"_xlnm.Print_Titles\""), std::string::npos);
  for (const std::string& name : book.names) {
    const bool quoted = workbook.find("'" + name + "'!$1:$1</definedName>") != std::string::npos;
    const bool plain = workbook.find(">" + name + "!$1:$1</definedName>") != std::string::npos;
    EXPECT_TRUE(quoted || plain) << name;
  }
}

TEST_F(WorkbookTest, YearsAndSharesAreNumbersWithTheirFormats) {
  const Book& book = TheBook();
  // Number formats: a percentage, pounds, FTE to one decimal, thousands, plain years.
  const std::string& styles = book.files.at("xl/styles.xml");
  EXPECT_TRUE(
      std::regex_search(styles, std::regex("<numFmt numFmtId=\"[0-9]+\" formatCode=\"0\\.0%\"/>")));
  EXPECT_NE(styles.find("formatCode=\"#,##0.0\""), std::string::npos);
  EXPECT_NE(styles.find("£"), std::string::npos);
  // A year column: its cells are numbers (no t="s"), 2025 and on.
  bool year_seen = false;
  bool share_seen = false;
  for (const auto& [name, xml] : book.sheets) {
    for (const auto& [column, header] : Headers(book, name)) {
      if (header == "Year") {
        const std::string cell = Cell(xml, column + "2");
        ASSERT_FALSE(cell.empty()) << name;
        EXPECT_EQ(cell.find("t=\"s\""), std::string::npos) << name << ": " << cell;
        EXPECT_TRUE(std::regex_search(cell, std::regex("<v>20[0-9][0-9]</v>")))
            << name << ": " << cell;
        year_seen = true;
      }
    }
  }
  // The number format of a cell's style ("s" indexes cellXfs).
  const auto format_of = [&](const std::string& cell) -> std::string {
    std::smatch style;
    if (!std::regex_search(cell, style, std::regex("s=\"([0-9]+)\""))) return {};
    static const std::regex kXf("<xf numFmtId=\"([0-9]+)\"");
    auto xf = std::sregex_iterator(
        styles.begin() + static_cast<std::ptrdiff_t>(styles.find("<cellXfs")), styles.end(), kXf);
    std::advance(xf, std::stoi(style[1]));
    std::smatch code;
    const std::regex format("numFmtId=\"" + std::string((*xf)[1]) + "\" formatCode=\"([^\"]*)\"");
    return std::regex_search(styles, code, format) ? std::string(code[1]) : std::string();
  };
  // A share: the leaver rate of the workforce by role, a number formatted 0.0%.
  for (const auto& [name, xml] : book.sheets) {
    for (const auto& [column, header] : Headers(book, name)) {
      if (header != "Leaver rate (posts)") continue;
      const std::string cell = Cell(xml, column + "2");
      EXPECT_EQ(cell.find("t=\"s\""), std::string::npos) << name;
      EXPECT_EQ(format_of(cell), "0.0%") << name << ": " << cell;
      share_seen = true;
    }
  }
  // A rate among counts and FTE (the indicators to monitor) has its own format: the leaver rate's
  // row a percentage, row 2 (the headcount) a count.
  const std::string& monitor = book.sheets.at("6.1 Monitor");
  std::string leaver_row;
  for (int row = 2; row < 20 && leaver_row.empty(); ++row) {
    std::smatch text;
    const std::string label = Cell(monitor, fmt::format("A{}", row));
    if (std::regex_search(label, text, std::regex("t=\"s\"[^>]*><v>([0-9]+)</v>")) &&
        book.strings.at(std::stoul(text[1])) == "Leaver rate (a year)") {
      leaver_row = fmt::format("B{}", row);
    }
  }
  ASSERT_FALSE(leaver_row.empty());
  EXPECT_EQ(format_of(Cell(monitor, leaver_row)), "0.0%") << Cell(monitor, leaver_row);
  EXPECT_EQ(format_of(Cell(monitor, "B2")), "#,##0") << Cell(monitor, "B2");
  EXPECT_TRUE(year_seen);
  EXPECT_TRUE(share_seen);
  // A column of values of many kinds: the base year a number, the census date an Excel date
  // (2025-03-31 is day 45,747), the place's name text.
  const std::string& scope = book.sheets.at("1.1 Scope");
  EXPECT_NE(Cell(scope, "B2").find("t=\"s\""), std::string::npos);
  EXPECT_TRUE(std::regex_search(Cell(scope, "B3"),
                                std::regex("^<c r=\"B3\" s=\"[0-9]+\"><v>2025</v></c>$")))
      << Cell(scope, "B3");
  EXPECT_TRUE(std::regex_search(Cell(scope, "B4"),
                                std::regex("^<c r=\"B4\" s=\"[0-9]+\"><v>45747</v></c>$")))
      << Cell(scope, "B4");
  EXPECT_NE(styles.find("formatCode=\"yyyy-mm-dd\""), std::string::npos);
}

TEST_F(WorkbookTest, AssumptionsListThePlanOptionsAndTheReferenceRowsWithTheirSources) {
  const Book& book = TheBook();
  const std::set<std::string> strings(book.strings.begin(), book.strings.end());
  for (const std::string expected :
       {"Supply runs", "Seed", "Skill-mix year", "Supply percentile", "Shortfall mode",
        "Reference: plan/costs.csv", "Reference: plan/training.csv",
        "Reference: plan/conversions.csv", "Reference: plan/scope.csv", "Reference: supply/retirement.csv",
        "Reference: synth/turnover.csv", "Reference: demand/prevalence.csv", "on_cost_nhs",
        "careforce plan --seed"}) {
    EXPECT_EQ(strings.count(expected), 1u) << expected;
  }
  const std::map<std::string, std::string> headers = Headers(book, "Assumptions");
  EXPECT_EQ(headers.at("E"), "Source");
  EXPECT_EQ(headers.at("F"), "Basis");
  // The same rows in csv/assumptions.csv.
  EXPECT_NE(
      ReadFile(Out("one") / "csv" / "assumptions.csv").find("careforce plan --seed,plan option"),
      std::string::npos);
}

TEST_F(WorkbookTest, TextThatLooksLikeAFormulaStaysText) {
  // In the workbook: a shared string, never a formula.
  const Book& book = TheBook();
  EXPECT_NE(std::find(book.strings.begin(), book.strings.end(), std::string(kFormulaRole)),
            book.strings.end());
  for (const auto& [name, xml] : book.sheets) EXPECT_EQ(xml.find("<f>"), std::string::npos) << name;
  // In the CSVs: behind an apostrophe; negative numbers stay numbers.
  const std::string csv = ReadFile(Out("one") / "csv" / "workforce_by_role.csv");
  EXPECT_NE(csv.find(R"x("'=HYPERLINK(""http://x"",""y"")")x"), std::string::npos) << csv;
  EXPECT_EQ(csv.find(R"x(,"=HYPERLINK)x"), std::string::npos);
}

TEST_F(WorkbookTest, TheSameInputsAndSeedGiveTheSameBytes) {
  const std::string one = ReadFile(Out("one") / "plan.xlsx");
  const std::string two = ReadFile(Out("two") / "plan.xlsx");
  EXPECT_EQ(one.size(), two.size());
  EXPECT_TRUE(one == two) << "plan.xlsx differs between two runs of the same plan";
  // Created at the place's census date.
  const std::string core = ReadBook(Out("one") / "plan.xlsx").files.at("docProps/core.xml");
  EXPECT_TRUE(std::regex_search(
      core, std::regex("<dcterms:created xsi:type=\"dcterms:W3CDTF\">20[0-9-]+T00:00:00Z")))
      << core;
}

TEST_F(WorkbookTest, SourceDateEpochSetsTheCreationTime) {
  const careforce::testing::TempDir out;
  const auto result = RunCommand("SOURCE_DATE_EPOCH=1700000000 " +
                                 Careforce("plan " + (temp_->path() / "place").string() +
                                           " --runs 20 --seed 5 --out " + out.str()));
  ASSERT_EQ(result.status, 0) << result.err;
  const std::string core = ReadBook(out.path() / "plan.xlsx").files.at("docProps/core.xml");
  EXPECT_NE(core.find("2023-11-14T22:13:20Z"), std::string::npos) << core;
}

}  // namespace
}  // namespace careforce
