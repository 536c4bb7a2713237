// Small-number suppression of everything `careforce plan` writes, on a synthetic place with many
// small cells: no count of people from 1 to 4 in any CSV, the JSON, the HTML report or the
// workbook, and no hidden leaver or retirement count recomputable from the rate tables. The same
// place planned with --no-suppression shows what would leak, so each check can fail.

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <map>
#include <optional>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "test_support.hpp"

namespace careforce {
namespace {

namespace fs = std::filesystem;
using careforce::testing::ReadFile;
using careforce::testing::Unzip;
using careforce::testing::XmlUnescape;
using careforce::testing::RunCommand;
using nlohmann::json;

constexpr int kThreshold = 5;  // the synthetic place's suppression_threshold (the default)
constexpr int kBaseYear = 2025;

std::string Careforce(const std::string& arguments) {
  return std::string(CAREFORCE_BINARY) + " " + arguments;
}

// Columns (CSV and JSON keys) that hold a count of people, or a figure equal to one (the staff
// exposure of a rate is a mean count of posts); supply series count in their base year only.
const std::set<std::string> kCountKeys = {
    "headcount",      "posts",        "leavers",      "vacancies",      "open_over_12_months",
    "female",         "male",         "not_recorded", "within_5_years", "within_10_years",
    "staff_at_start", "staff_at_end", "holding",      "nhs_posts",      "social_care_posts",
    "count",          "events",       "staff",        "joiners",        "headcount_base"};
// The same columns by their HTML and workbook headers.
const std::set<std::string> kCountHeaders = {"Headcount",
                                             "Posts",
                                             "Leavers",
                                             "Vacancies",
                                             "Open over 12 months",
                                             "Women",
                                             "Men",
                                             "Sex not recorded",
                                             "Aged 60+",
                                             "Aged 55+",
                                             "Posts 12 months ago",
                                             "Posts now",
                                             "Holding it",
                                             "NHS posts",
                                             "Social care posts",
                                             "Count",
                                             "Events in the year",
                                             "Staff (mean over the year)",
                                             "Joiners",
                                             "Headcount 2025",
                                             "People in role"};

bool Small(double value) {
  const auto count = std::llround(value);
  return count >= 1 && count < kThreshold;
}

struct Csv {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::size_t Column(const std::string& key) const {
    for (std::size_t idx = 0; idx < header.size(); ++idx) {
      if (header[idx] == key) return idx;
    }
    return header.size();
  }
};

Csv ReadCsv(const fs::path& path) {
  Csv csv;
  std::istringstream in(ReadFile(path));
  std::string line;
  bool first = true;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    // Quoted fields with commas only occur in text columns, after the count columns are found by
    // header; a simple split that keeps quotes together is enough here.
    std::vector<std::string> fields;
    std::string field;
    bool quoted = false;
    for (const char c : line) {
      if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        fields.push_back(field);
        field.clear();
      } else {
        field += c;
      }
    }
    fields.push_back(field);
    if (first) {
      csv.header = fields;
      first = false;
    } else {
      csv.rows.push_back(fields);
    }
  }
  return csv;
}

// Whether a column of a table counts people: by key (CSV, JSON) or by header (HTML, workbook).
bool CountsPeople(const std::string& key) { return kCountKeys.count(key) > 0; }
bool CountsPeopleByHeader(const std::string& header) {
  static const std::regex kAged("Aged [0-9]+\\+");
  return kCountHeaders.count(header) > 0 || std::regex_match(header, kAged);
}

// Count cells from 1 to 4 shown in every CSV of a plan, as "file row key=value".
std::vector<std::string> SmallCountsInCsvs(const fs::path& directory) {
  std::vector<std::string> found;
  for (const auto& entry : fs::directory_iterator(directory / "csv")) {
    const Csv csv = ReadCsv(entry.path());
    const std::string file = entry.path().filename().string();
    if (file == "supply_waterfall.csv") continue;  // place totals of projected flows
    const std::size_t year = csv.Column("year");
    for (std::size_t row = 0; row < csv.rows.size(); ++row) {
      for (std::size_t column = 0; column < csv.header.size() && column < csv.rows[row].size();
           ++column) {
        const std::string& key = csv.header[column];
        const std::string& value = csv.rows[row][column];
        bool counts = CountsPeople(key);
        if (file == "supply_series.csv") {
          counts =
              key.rfind("headcount_", 0) == 0 && csv.rows[row][year] == std::to_string(kBaseYear);
        }
        if (file == "supply_role_flows.csv")
          counts = key == "headcount_base";  // the rest are projections
        if (!counts || value.empty() || value == "*") continue;
        if (Small(std::stod(value)))
          found.push_back(file + " " + std::to_string(row + 2) + " " + key + "=" + value);
      }
    }
  }
  return found;
}

// The same over the tables of a JSON document (arrays of row objects), wherever they are, and
// the base year of every supply series.
void SmallCountsInJson(const json& node, const std::string& where,
                       std::vector<std::string>& found) {
  if (node.is_object()) {
    if (node.contains("dimension") && node.contains("headcount") && node["headcount"].is_object()) {
      const double base = node["headcount"]["mean"][0].get<double>();
      if (Small(base)) found.push_back(where + " series " + node["code"].get<std::string>());
    }
    for (const auto& [key, value] : node.items())
      SmallCountsInJson(value, where + "." + key, found);
  } else if (node.is_array()) {
    const bool waterfall =
        where.size() >= 16 && where.substr(where.size() - 16) == "supply_waterfall";
    const bool role_flows = where.find("supply_role_flows") != std::string::npos;
    for (std::size_t idx = 0; idx < node.size(); ++idx) {
      const json& row = node[idx];
      if (row.is_object() && !waterfall && !node.empty() && !row.contains("dimension")) {
        for (const auto& [key, value] : row.items()) {
          const bool counts = role_flows ? key == "headcount_base" : CountsPeople(key);
          if (counts && value.is_number() && Small(value.get<double>())) {
            found.push_back(where + "[" + std::to_string(idx) + "]." + key + "=" + value.dump());
          }
        }
      }
      SmallCountsInJson(row, where + "[" + std::to_string(idx) + "]", found);
    }
  }
}

std::string StripTags(const std::string& html) {
  return std::regex_replace(html, std::regex("<[^>]*>"), "");
}

// A shown number of a report cell ("1,234", "12.5"), or none ("*", "–", text).
std::optional<double> Shown(std::string text) {
  text.erase(std::remove(text.begin(), text.end(), ','), text.end());
  if (text.empty() || text == "*") return std::nullopt;
  char* end = nullptr;
  const double value = std::strtod(text.c_str(), &end);
  if (end == text.c_str() || *end != '\0') return std::nullopt;
  return value;
}

// Count cells from 1 to 4 in the HTML tables of the report, by column header.
// The contents of each element `<tag ...>...</tag>` in `text`, in order (std::regex recurses per
// character and overflows the stack on a long table).
std::vector<std::string> Elements(std::string_view text, std::string_view tag) {
  std::vector<std::string> found;
  std::string open = "<";
  open += tag;
  std::string close = "</";
  close += tag;
  close += '>';
  std::size_t at = 0;
  while ((at = text.find(open, at)) != std::string_view::npos) {
    const char next = at + open.size() < text.size() ? text[at + open.size()] : '\0';
    if (next != '>' && next != ' ') {
      at += open.size();
      continue;
    }
    const std::size_t start = text.find('>', at);
    const std::size_t end = text.find(close, start);
    if (start == std::string_view::npos || end == std::string_view::npos) break;
    found.emplace_back(text.substr(start + 1, end - start - 1));
    at = end + close.size();
  }
  return found;
}

// Count cells from 1 to 4 in the report's tables, by their column headers.
std::vector<std::string> SmallCountsInHtml(const std::string& html) {
  std::vector<std::string> found;
  for (const std::string& body : Elements(html, "table")) {
    std::vector<std::string> headers;
    for (const std::string& header : Elements(body, "th")) headers.push_back(StripTags(header));
    for (const std::string& row : Elements(body, "tr")) {
      std::size_t column = 0;
      for (const std::string& cell : Elements(row, "td")) {
        if (column < headers.size() && CountsPeopleByHeader(headers[column])) {
          const auto value = Shown(StripTags(cell));
          if (value && Small(*value)) found.push_back(headers[column] + "=" + StripTags(cell));
        }
        ++column;
      }
    }
  }
  return found;
}

// Count cells from 1 to 4 in every sheet of the workbook: each table is a sheet of its own, its
// header in the first row; its title is in the Contents (the first sheet), a row per sheet.
std::vector<std::string> SmallCountsInWorkbook(const fs::path& path) {
  const std::map<std::string, std::string> files = Unzip(ReadFile(path));
  std::vector<std::string> strings;
  if (const auto found = files.find("xl/sharedStrings.xml"); found != files.end()) {
    static const std::regex kString("<si>[\\s\\S]*?<t[^>]*>([\\s\\S]*?)</t>[\\s\\S]*?</si>");
    for (auto item = std::sregex_iterator(found->second.begin(), found->second.end(), kString);
         item != std::sregex_iterator(); ++item) {
      strings.push_back(XmlUnescape((*item)[1]));
    }
  }
  std::vector<std::string> found;
  static const std::regex kRow("<row r=\"([0-9]+)\"[^>]*>([\\s\\S]*?)</row>");
  static const std::regex kCell("<c r=\"([A-Z]+)[0-9]+\"([^>]*?)(?:/>|>([\\s\\S]*?)</c>)");
  static const std::regex kValue("<v>([\\s\\S]*?)</v>");
  using Cells = std::map<std::string, std::pair<bool, std::string>>;  // column: (is text, text)
  const auto rows_of = [&](const std::string& xml) {
    std::map<int, Cells> rows;
    for (auto row = std::sregex_iterator(xml.begin(), xml.end(), kRow); row != std::sregex_iterator(); ++row) {
      const std::string cells_xml = (*row)[2];
      Cells& cells = rows[std::stoi((*row)[1])];
      for (auto cell = std::sregex_iterator(cells_xml.begin(), cells_xml.end(), kCell);
           cell != std::sregex_iterator(); ++cell) {
        const std::string attributes = (*cell)[2];
        const std::string inner = (*cell)[3];
        std::smatch value;
        if (!std::regex_search(inner, value, kValue)) continue;
        const bool text = attributes.find("t=\"s\"") != std::string::npos;
        cells[(*cell)[1]] = {text, text ? strings.at(std::stoul(value[1])) : std::string(value[1])};
      }
    }
    return rows;
  };
  // The Contents: row n names the nth sheet, its title in column C.
  std::map<int, std::string> titles;
  for (auto& [number, cells] : rows_of(files.at("xl/worksheets/sheet1.xml"))) titles[number] = cells["C"].second;
  std::size_t sheets = 0;
  for (const auto& [name, xml] : files) {
    if (name.rfind("xl/worksheets/sheet", 0) != 0) continue;
    ++sheets;
    const int sheet = std::stoi(name.substr(std::strlen("xl/worksheets/sheet")));
    if (sheet == 1) continue;  // the Contents
    const std::string title = titles[sheet];
    std::map<std::string, std::string> headers;  // by column letters
    for (auto& [number, cells] : rows_of(xml)) {
      if (number == 1) {
        for (const auto& [column, cell] : cells) headers[column] = cell.second;
      } else if (title != "What drives the change in headcount") {
        for (const auto& [column, cell] : cells) {
          if (cell.first || !CountsPeopleByHeader(headers[column])) continue;
          if (title.rfind("What drives the change in headcount by role", 0) == 0 &&
              headers[column] != "Headcount 2025")
            continue;
          if (Small(std::stod(cell.second)))
            found.push_back(name + " " + title + ": " + headers[column] + "=" + cell.second);
        }
      }
    }
  }
  EXPECT_GE(sheets, 20u);
  return found;
}

// Hidden leaver and retirement counts that the rest of their rows (at full precision, plan.json)
// give back: events = staff × (rate − (1 − Z) × reference) / Z, with a reference hidden with its
// role and sector's rate recovered from a band row, reference = (rate − Z × observed) / (1 − Z).
// Returns how many hidden counts are recovered exactly (to the nearest whole number) against
// the true counts of the unsuppressed plan.
int RecoveredCounts(const json& rates, const json& truth) {
  const auto number = [](const json& value) -> std::optional<double> {
    if (!value.is_number()) return std::nullopt;
    return value.get<double>();
  };
  // Rates of each role × sector (or sector) recoverable from its band rows.
  std::map<std::string, double> parent_rate;
  for (const json& row : rates) {
    if (row["ages"] == "all ages") continue;
    const auto rate = number(row["rate"]);
    const auto credibility = number(row["credibility"]);
    const auto observed = number(row["observed_rate"]);
    if (rate && credibility && observed && *credibility < 1 && row["given"] == "no") {
      parent_rate[row["role"].get<std::string>() + "/" + row["sector"].get<std::string>()] =
          (*rate - *credibility * *observed) / (1 - *credibility);
    }
  }
  int recovered = 0;
  for (std::size_t idx = 0; idx < rates.size(); ++idx) {
    const json& row = rates[idx];
    if (!row["events"].is_null()) continue;
    const auto staff = number(row["staff"]);
    const auto credibility = number(row["credibility"]);
    auto rate = number(row["rate"]);
    const auto reference = number(row["reference_rate"]);
    const std::string key = row["role"].get<std::string>() + "/" + row["sector"].get<std::string>();
    if (!rate && row["ages"] == "all ages" && parent_rate.count(key)) rate = parent_rate[key];
    if (!staff || !credibility || !rate || !reference || *credibility <= 0) continue;
    const double events = *staff * (*rate - (1 - *credibility) * *reference) / *credibility;
    if (std::llround(events) == truth[idx]["events"].get<int64_t>()) ++recovered;
  }
  return recovered;
}

class DisclosureTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    temp_ = new careforce::testing::TempDir();
    const std::string place = (temp_->path() / "place").string();
    // Two localities, about 3,900 posts: many roles, role × sector and role × locality cells
    // and rate cells of 1 to 4 people.
    ASSERT_EQ(RunCommand(Careforce("synth --seed 7 --population 120000 --out " + place)).status, 0);
    const auto shared =
        RunCommand(Careforce("plan " + place + " --runs 40 --out " + Shared().string()));
    ASSERT_EQ(shared.status, 0) << shared.err;
    const auto raw = RunCommand(
        Careforce("plan " + place + " --runs 40 --no-suppression --out " + Raw().string()));
    ASSERT_EQ(raw.status, 0) << raw.err;
  }
  static void TearDownTestSuite() {
    delete temp_;
    temp_ = nullptr;
  }
  static fs::path Place() { return temp_->path() / "place"; }
  static fs::path Shared() { return temp_->path() / "shared"; }
  static fs::path Raw() { return temp_->path() / "raw"; }

  static careforce::testing::TempDir* temp_;
};

careforce::testing::TempDir* DisclosureTest::temp_ = nullptr;

TEST_F(DisclosureTest, NoCsvShowsACountFromOneToFour) {
  const std::vector<std::string> raw = SmallCountsInCsvs(Raw());
  ASSERT_GT(raw.size(), 200u) << "the place should have many small cells to hide";
  const std::vector<std::string> shared = SmallCountsInCsvs(Shared());
  EXPECT_TRUE(shared.empty()) << shared.size() << " small counts, the first " << shared.front();
}

TEST_F(DisclosureTest, NoSupplySeriesOfASmallCellIsShownInAnyYear) {
  const Csv raw = ReadCsv(Raw() / "csv" / "supply_series.csv");
  const Csv shared = ReadCsv(Shared() / "csv" / "supply_series.csv");
  ASSERT_EQ(raw.rows.size(), shared.rows.size());
  const std::size_t code = raw.Column("code");
  const std::size_t year = raw.Column("year");
  const std::size_t headcount = raw.Column("headcount_mean");
  std::set<std::string> small;
  for (const auto& row : raw.rows) {
    if (row[year] == std::to_string(kBaseYear) && Small(std::stod(row[headcount])))
      small.insert(row[0] + ":" + row[code]);
  }
  ASSERT_GT(small.size(), 20u);
  std::size_t hidden_rows = 0;
  for (const auto& row : shared.rows) {
    if (!small.count(row[0] + ":" + row[code])) continue;
    for (std::size_t column = headcount; column < row.size(); ++column)
      EXPECT_EQ(row[column], "*") << row[code] << " " << row[year];
    ++hidden_rows;
  }
  EXPECT_EQ(hidden_rows, small.size() * 11);  // 2025 to 2035
}

TEST_F(DisclosureTest, PlanJsonShowsNoCountFromOneToFour) {
  std::vector<std::string> raw;
  SmallCountsInJson(json::parse(ReadFile(Raw() / "plan.json")), "plan", raw);
  ASSERT_GT(raw.size(), 200u);
  std::vector<std::string> shared;
  SmallCountsInJson(json::parse(ReadFile(Shared() / "plan.json")), "plan", shared);
  EXPECT_TRUE(shared.empty()) << shared.size() << " small counts, the first " << shared.front();
}

TEST_F(DisclosureTest, ReportHtmlShowsNoCountFromOneToFour) {
  ASSERT_GT(SmallCountsInHtml(ReadFile(Raw() / "report.html")).size(), 20u);
  const std::vector<std::string> shared = SmallCountsInHtml(ReadFile(Shared() / "report.html"));
  EXPECT_TRUE(shared.empty()) << shared.size() << " small counts, the first " << shared.front();
}

TEST_F(DisclosureTest, WorkbookShowsNoCountFromOneToFour) {
  ASSERT_GT(SmallCountsInWorkbook(Raw() / "plan.xlsx").size(), 200u);
  const std::vector<std::string> shared = SmallCountsInWorkbook(Shared() / "plan.xlsx");
  EXPECT_TRUE(shared.empty()) << shared.size() << " small counts, the first " << shared.front();
}

TEST_F(DisclosureTest, HiddenLeaverAndRetirementCountsCannotBeRecomputedFromTheRates) {
  const json raw = json::parse(ReadFile(Raw() / "plan.json"))["supply"]["tables"];
  const json shared = json::parse(ReadFile(Shared() / "plan.json"))["supply"]["tables"];
  for (const char* table : {"supply_leaver_rates", "supply_retirement_rates"}) {
    ASSERT_EQ(raw[table].size(), shared[table].size());
    int hidden = 0;
    for (const json& row : shared[table]) hidden += row["events"].is_null() ? 1 : 0;
    EXPECT_GT(hidden, 10) << table;
    // Without suppression every count is there to recompute: the formula is right.
    json raw_hidden = raw[table];
    for (std::size_t idx = 0; idx < raw_hidden.size(); ++idx) {
      if (shared[table][idx]["events"].is_null()) raw_hidden[idx]["events"] = nullptr;
    }
    EXPECT_GE(RecoveredCounts(raw_hidden, raw[table]), hidden * 9 / 10) << table;
    EXPECT_EQ(RecoveredCounts(shared[table], raw[table]), 0) << table;
  }
}

TEST_F(DisclosureTest, SupplyJsonAndProfileJsonShowNoCountFromOneToFour) {
  const auto supply = RunCommand(Careforce("supply " + Place().string() + " --runs 20 --json"));
  ASSERT_EQ(supply.status, 0) << supply.err;
  std::vector<std::string> found;
  SmallCountsInJson(json::parse(supply.out), "supply", found);
  const auto profile = RunCommand(Careforce("profile " + Place().string() + " --json"));
  ASSERT_EQ(profile.status, 0) << profile.err;
  SmallCountsInJson(json::parse(profile.out), "profile", found);
  EXPECT_TRUE(found.empty()) << found.size() << " small counts, the first " << found.front();
}

}  // namespace
}  // namespace careforce
