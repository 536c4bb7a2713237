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

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "test_support.hpp"

namespace careforce {
namespace {

namespace fs = std::filesystem;
using namespace careforce::testing;
using nlohmann::json;

constexpr int kThreshold = 5;  // the synthetic place's suppression_threshold (the default)
constexpr int kBaseYear = 2025;

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


// ---------------------------------------------------------------------------------------------
// Recomputation from the tables together: what a reader of the CSVs can work out by adding and
// subtracting the figures they show.

// A plan's CSVs as a reader sees them, beside the same plan without suppression (the truth: the
// same tables with the same rows). With `primary_only`, the reader sees the truth less the cells
// that are themselves from 1 to 4, as if only the small cells were hidden; files named in
// `from_truth` are read as the truth shows them, as if that table hid nothing. Each test below
// recovers hidden counts so, from tables as they were before their suppression was fixed, then
// none from the plan as it is shared.
class Seen {
 public:
  Seen(fs::path shown, fs::path truth, bool primary_only, std::set<std::string> from_truth = {})
      : shown_(std::move(shown)),
        truth_(std::move(truth)),
        primary_only_(primary_only),
        from_truth_(std::move(from_truth)) {}

  // The truth's rows of a CSV (the keys and texts of the shown file's rows are the same).
  const Csv& Rows(const std::string& file) const { return Load(truth_, file, truth_files_); }

  // A term of a relation: a cell of a CSV by row index and column.
  struct Term {
    std::string key;
    double coefficient = 1.0;
  };
  Term Cell(const std::string& file, std::size_t row, const std::string& column, double coefficient = 1.0) {
    const Csv& truth = Rows(file);
    const Csv& shown = Load(shown_, file, shown_files_);
    const std::size_t at = truth.Column(column);
    EXPECT_LT(at, truth.header.size()) << file << " has no column " << column;
    EXPECT_EQ(truth.rows.size(), shown.rows.size()) << file;
    const std::string key = file + ":" + std::to_string(row + 2) + ":" + column;
    if (at >= truth.header.size() || row >= shown.rows.size()) return {key, coefficient};
    const std::string& true_text = truth.rows[row][at];
    truth_value_[key] = true_text.empty() ? 0.0 : std::stod(true_text);
    const std::string& text = primary_only_ || from_truth_.count(file) ? true_text : shown.rows[row][at];
    if (text != "*" && !(primary_only_ && Small(truth_value_[key]))) value_[key] = text.empty() ? 0.0 : std::stod(text);
    return {key, coefficient};
  }
  // A figure a reader knows from elsewhere (a total another table shows).
  Term Known(const std::string& name, double value, double coefficient = 1.0) {
    truth_value_["known:" + name] = value;
    value_["known:" + name] = value;
    return {"known:" + name, coefficient};
  }
  // The value the reader sees of a term, if any.
  std::optional<double> Value(const Term& term) const {
    const auto found = value_.find(term.key);
    if (found == value_.end()) return std::nullopt;
    return found->second;
  }
  // A count that no table shows but that a relation holds (the vacancies of a role in a
  // locality), with its true value.
  Term Latent(const std::string& name, double truth, double coefficient = 1.0) {
    truth_value_["latent:" + name] = truth;
    return {"latent:" + name, coefficient};
  }

  // Relations sum(coefficient × value) = 0. Solves every relation left with one unknown, again
  // and again with what it found, and returns the hidden counts from 1 to 4 it recovered.
  std::vector<std::string> Recover(const std::vector<std::vector<Term>>& relations) const {
    std::map<std::string, double> known = value_;
    std::set<std::string> found;
    bool progress = true;
    while (progress) {
      progress = false;
      for (const std::vector<Term>& relation : relations) {
        const Term* unknown = nullptr;
        std::size_t unknowns = 0;
        double sum = 0.0;
        for (const Term& term : relation) {
          const auto value = known.find(term.key);
          if (value == known.end()) {
            unknown = &term;
            ++unknowns;
          } else {
            sum += term.coefficient * value->second;
          }
        }
        if (unknowns != 1 || unknown->coefficient == 0) continue;
        known[unknown->key] = -sum / unknown->coefficient;
        progress = true;
        const double truth = truth_value_.at(unknown->key);
        if (Small(truth) && std::abs(known[unknown->key] - truth) < 0.1) {
          found.insert(fmt::format("{}={:.2f}", unknown->key, truth));
        }
      }
    }
    return {found.begin(), found.end()};
  }

 private:
  static const Csv& Load(const fs::path& directory, const std::string& file, std::map<std::string, Csv>& files) {
    auto found = files.find(file);
    if (found == files.end()) found = files.emplace(file, ReadCsv(directory / "csv" / (file + ".csv"))).first;
    return found->second;
  }

  fs::path shown_;
  fs::path truth_;
  bool primary_only_;
  std::set<std::string> from_truth_;
  mutable std::map<std::string, Csv> shown_files_;
  mutable std::map<std::string, Csv> truth_files_;
  std::map<std::string, double> value_;
  std::map<std::string, double> truth_value_;
};
using Relations = std::vector<std::vector<Seen::Term>>;

// Column values of a CSV of the place (roles.csv: staff_group by code).
std::map<std::string, std::string> PlaceColumn(const fs::path& file, const std::string& column) {
  const Csv csv = ReadCsv(file);
  std::map<std::string, std::string> values;
  for (const auto& row : csv.rows) values[row[0]] = row[csv.Column(column)];
  return values;
}

// Workforce tables: a staff group's posts and FTE are its roles' (roles.csv gives each role's
// group), a sector's its organisations', a role's and a sector's their rows of the pay table;
// the supply series add up the same way in the base year.
Relations WorkforceRelations(Seen& seen, const fs::path& place) {
  Relations relations;
  const auto group_of = PlaceColumn(place / "roles.csv", "staff_group");
  const auto sector_of = PlaceColumn(place / "organisations.csv", "sector");
  const Csv& roles = seen.Rows("workforce_by_role");
  const Csv& groups = seen.Rows("workforce_by_staff_group");
  const Csv& sectors = seen.Rows("workforce_by_sector");
  const Csv& organisations = seen.Rows("workforce_by_organisation");
  const Csv& pay = seen.Rows("pay_by_role_and_sector");
  std::map<std::string, std::string> sector_code;  // by name (the pay table shows names)
  for (const auto& row : sectors.rows) sector_code[row[1]] = row[0];
  for (const std::string column : {"posts", "fte"}) {
    for (std::size_t group = 0; group < groups.rows.size(); ++group) {
      std::vector<Seen::Term> relation = {seen.Cell("workforce_by_staff_group", group, column, -1)};
      for (std::size_t role = 0; role < roles.rows.size(); ++role) {
        if (group_of.at(roles.rows[role][0]) == groups.rows[group][0]) relation.push_back(seen.Cell("workforce_by_role", role, column));
      }
      relations.push_back(relation);
    }
    for (std::size_t sector = 0; sector < sectors.rows.size(); ++sector) {
      std::vector<Seen::Term> relation = {seen.Cell("workforce_by_sector", sector, column, -1)};
      for (std::size_t organisation = 0; organisation < organisations.rows.size(); ++organisation) {
        if (sector_of.at(organisations.rows[organisation][0]) == sectors.rows[sector][0]) {
          relation.push_back(seen.Cell("workforce_by_organisation", organisation, column));
        }
      }
      relations.push_back(relation);
      std::vector<Seen::Term> cells = {seen.Cell("workforce_by_sector", sector, column, -1)};
      for (std::size_t row = 0; row < pay.rows.size(); ++row) {
        if (sector_code.at(pay.rows[row][2]) == sectors.rows[sector][0]) cells.push_back(seen.Cell("pay_by_role_and_sector", row, column));
      }
      relations.push_back(cells);
    }
    for (std::size_t role = 0; role < roles.rows.size(); ++role) {
      std::vector<Seen::Term> cells = {seen.Cell("workforce_by_role", role, column, -1)};
      for (std::size_t row = 0; row < pay.rows.size(); ++row) {
        if (pay.rows[row][0] == roles.rows[role][0]) cells.push_back(seen.Cell("pay_by_role_and_sector", row, column));
      }
      relations.push_back(cells);
    }
  }
  // The base year of the supply series: roles against their staff groups (in FTE, which adds
  // up), role × sector and role × locality cells against their role, sector and locality.
  const Csv& series = seen.Rows("supply_series");
  const std::string base = series.rows.front()[2];
  std::map<std::string, std::size_t> series_row;  // "dimension:code"
  for (std::size_t row = 0; row < series.rows.size(); ++row) {
    if (series.rows[row][2] == base) series_row[series.rows[row][0] + ":" + series.rows[row][1]] = row;
  }
  for (const std::string column : {"headcount_mean", "fte_mean"}) {
    std::map<std::string, std::vector<Seen::Term>> margins;
    for (const auto& [key, row] : series_row) {
      const std::string dimension = key.substr(0, key.find(':'));
      const std::string code = key.substr(key.find(':') + 1);
      const std::string first = code.substr(0, code.find('/'));
      const std::string second = code.find('/') == std::string::npos ? "" : code.substr(code.find('/') + 1);
      const auto add = [&](const std::string& margin) {
        auto& relation = margins[margin];
        if (relation.empty() && series_row.count(margin)) relation.push_back(seen.Cell("supply_series", series_row.at(margin), column, -1));
        relation.push_back(seen.Cell("supply_series", row, column));
      };
      if (dimension == "role_sector") {
        add("role:" + first);
        add("sector:" + second);
      } else if (dimension == "role_locality") {
        add("role:" + first);
        add("locality:" + second);
      }
    }
    for (auto& [margin, relation] : margins) relations.push_back(relation);
  }
  for (std::size_t group = 0; group < groups.rows.size(); ++group) {
    std::vector<Seen::Term> relation = {seen.Cell("workforce_by_staff_group", group, "fte", -1)};
    for (const auto& [key, row] : series_row) {
      if (key.rfind("role:", 0) == 0 && group_of.at(key.substr(5)) == groups.rows[group][0]) {
        relation.push_back(seen.Cell("supply_series", row, "fte_mean"));
      }
    }
    relations.push_back(relation);
  }
  return relations;
}

// The pay gap: its NHS (social care) posts are the pay table's posts of its roles in NHS trusts
// (social care); with the roles' and sectors' totals, the rest of the roles' rows and the rest of
// the sectors' rows follow.
Relations PayGapRelations(Seen& seen) {
  Relations relations;
  const std::set<std::string> nhs = {"NHS acute", "NHS community", "NHS mental health"};
  const std::set<std::string> social_care = {"Local authority", "Independent", "Voluntary", "Individual employer"};
  const Csv& gaps = seen.Rows("pay_gap_nhs_social_care");
  const Csv& pay = seen.Rows("pay_by_role_and_sector");
  const Csv& roles = seen.Rows("workforce_by_role");
  const Csv& sectors = seen.Rows("workforce_by_sector");
  for (std::size_t gap = 0; gap < gaps.rows.size(); ++gap) {
    std::set<std::string> compared;
    std::stringstream names(gaps.rows[gap][1]);
    for (std::string role; std::getline(names, role, '+');) compared.insert(role);
    std::vector<Seen::Term> nhs_side = {seen.Cell("pay_gap_nhs_social_care", gap, "nhs_posts", -1)};
    std::vector<Seen::Term> social_side = {seen.Cell("pay_gap_nhs_social_care", gap, "social_care_posts", -1)};
    for (std::size_t row = 0; row < pay.rows.size(); ++row) {
      if (!compared.count(pay.rows[row][0])) continue;
      if (nhs.count(pay.rows[row][2])) nhs_side.push_back(seen.Cell("pay_by_role_and_sector", row, "posts"));
      if (social_care.count(pay.rows[row][2])) social_side.push_back(seen.Cell("pay_by_role_and_sector", row, "posts"));
    }
    relations.push_back(nhs_side);
    relations.push_back(social_side);
  }
  for (std::size_t role = 0; role < roles.rows.size(); ++role) {
    std::vector<Seen::Term> relation = {seen.Cell("workforce_by_role", role, "posts", -1)};
    for (std::size_t row = 0; row < pay.rows.size(); ++row) {
      if (pay.rows[row][0] == roles.rows[role][0]) relation.push_back(seen.Cell("pay_by_role_and_sector", row, "posts"));
    }
    relations.push_back(relation);
  }
  for (std::size_t sector = 0; sector < sectors.rows.size(); ++sector) {
    std::vector<Seen::Term> relation = {seen.Cell("workforce_by_sector", sector, "posts", -1)};
    for (std::size_t row = 0; row < pay.rows.size(); ++row) {
      if (pay.rows[row][2] == sectors.rows[sector][1]) relation.push_back(seen.Cell("pay_by_role_and_sector", row, "posts"));
    }
    relations.push_back(relation);
  }
  return relations;
}

// Leavers, joiners and posts: for each role (sector, all staff) of the turnover tables, posts 12
// months ago + joiners − posts now = leavers = its leaving events of all ages + its retirements
// (the rate tables); for each role and sector, its exposure = (posts 12 months ago + posts now)
// / 2 with posts now those of the pay table; and the sums of the rate tables' bands and roles.
Relations LeaverRelations(Seen& seen) {
  Relations relations;
  const Csv& leaving = seen.Rows("supply_leaver_rates");
  const Csv& retiring = seen.Rows("supply_retirement_rates");
  const Csv& joiners = seen.Rows("supply_joiners_observed");
  const Csv& pay = seen.Rows("pay_by_role_and_sector");
  const Csv& sectors = seen.Rows("workforce_by_sector");
  std::map<std::string, std::string> sector_name;  // by code
  for (const auto& row : sectors.rows) sector_name[row[0]] = row[1];
  const auto all_ages = [&](const std::string& role, const std::string& sector) {
    for (std::size_t row = 0; row < leaving.rows.size(); ++row) {
      if (leaving.rows[row][0] == role && leaving.rows[row][1] == sector && leaving.rows[row][2] == "all ages") return row;
    }
    return leaving.rows.size();
  };
  for (const std::string table : {"turnover_by_role", "turnover_by_sector"}) {
    const bool by_role = table == "turnover_by_role";
    const Csv& turnover = seen.Rows(table);
    std::vector<Seen::Term> starts;
    std::vector<Seen::Term> leavers;
    for (std::size_t row = 0; row < turnover.rows.size(); ++row) {
      const std::string code = turnover.rows[row][0];
      if (code == "total") {
        starts.push_back(seen.Cell(table, row, "staff_at_start", -1));
        leavers.push_back(seen.Cell(table, row, "leavers", -1));
        continue;
      }
      starts.push_back(seen.Cell(table, row, "staff_at_start"));
      leavers.push_back(seen.Cell(table, row, "leavers"));
      const auto member = [&](const std::vector<std::string>& line) { return line[by_role ? 0 : 1] == code; };
      std::vector<Seen::Term> joined = {seen.Cell(table, row, "staff_at_start"), seen.Cell(table, row, "staff_at_end", -1),
                                        seen.Cell(table, row, "leavers", -1)};
      for (std::size_t at = 0; at < joiners.rows.size(); ++at) {
        if (member(joiners.rows[at])) joined.push_back(seen.Cell("supply_joiners_observed", at, "joiners"));
      }
      relations.push_back(joined);
      std::vector<Seen::Term> left = {seen.Cell(table, row, "leavers", -1)};
      std::vector<Seen::Term> exposure = {seen.Cell(table, row, "staff_at_start", -0.5), seen.Cell(table, row, "staff_at_end", -0.5)};
      for (std::size_t at = 0; at < leaving.rows.size(); ++at) {
        if (member(leaving.rows[at]) && leaving.rows[at][2] == "all ages") {
          left.push_back(seen.Cell("supply_leaver_rates", at, "events"));
          exposure.push_back(seen.Cell("supply_leaver_rates", at, "staff"));
        }
      }
      for (std::size_t at = 0; at < retiring.rows.size(); ++at) {
        const bool sector_row = retiring.rows[at][0] == "all roles";
        if (member(retiring.rows[at]) && sector_row != by_role) left.push_back(seen.Cell("supply_retirement_rates", at, "events"));
      }
      relations.push_back(left);
      relations.push_back(exposure);
    }
    relations.push_back(starts);
    relations.push_back(leavers);
  }
  // Each role and sector: joiners = leavers + 2 × posts now − 2 × exposure.
  for (std::size_t at = 0; at < joiners.rows.size(); ++at) {
    const std::string role = joiners.rows[at][0];
    const std::string sector = joiners.rows[at][1];
    const std::size_t row = all_ages(role, sector);
    if (row == leaving.rows.size()) continue;
    std::vector<Seen::Term> relation = {seen.Cell("supply_joiners_observed", at, "joiners", -1),
                                        seen.Cell("supply_leaver_rates", row, "events"),
                                        seen.Cell("supply_leaver_rates", row, "staff", -2)};
    for (std::size_t other = 0; other < retiring.rows.size(); ++other) {
      if (retiring.rows[other][0] == role && retiring.rows[other][1] == sector) {
        relation.push_back(seen.Cell("supply_retirement_rates", other, "events"));
      }
    }
    for (std::size_t other = 0; other < pay.rows.size(); ++other) {
      if (pay.rows[other][0] == role && pay.rows[other][2] == sector_name[sector]) {
        relation.push_back(seen.Cell("pay_by_role_and_sector", other, "posts", 2));
      }
    }
    relations.push_back(relation);
  }
  // The rate tables' own sums: a role and sector's bands, a sector's roles in a band.
  for (const std::string column : {"events", "staff"}) {
    std::map<std::string, std::vector<Seen::Term>> bands;
    for (std::size_t row = 0; row < leaving.rows.size(); ++row) {
      const auto& line = leaving.rows[row];
      bands[line[0] + "/" + line[1]].push_back(seen.Cell("supply_leaver_rates", row, column, line[2] == "all ages" ? -1 : 1));
    }
    std::map<std::string, std::vector<Seen::Term>> roles;
    for (std::size_t row = 0; row < retiring.rows.size(); ++row) {
      const auto& line = retiring.rows[row];
      roles[line[1] + "/" + line[2]].push_back(seen.Cell("supply_retirement_rates", row, column, line[0] == "all roles" ? -1 : 1));
    }
    for (auto* groups : {&bands, &roles}) {
      for (auto& [key, relation] : *groups) relations.push_back(relation);
    }
  }
  return relations;
}

// Vacancies: a role's establishment (gaps, base year) = its FTE in post + its vacant FTE (each
// vacancy a whole post); a role's in a locality = its supply there + its vacancies there, which
// add up to the role's.
Relations VacancyRelations(Seen& seen) {
  Relations relations;
  const Csv& vacancies = seen.Rows("vacancies_by_role");
  const Csv& gaps = seen.Rows("gaps");
  const Csv& base = seen.Rows("base_year");
  std::map<std::string, std::size_t> vacancy_row;
  for (std::size_t row = 0; row < vacancies.rows.size(); ++row) vacancy_row[vacancies.rows[row][0]] = row;
  const std::string base_year = gaps.rows.front()[3];
  std::map<std::string, std::vector<Seen::Term>> localities;  // by role
  for (std::size_t row = 0; row < gaps.rows.size(); ++row) {
    const auto& line = gaps.rows[row];
    if (line[3] != base_year || !vacancy_row.count(line[0])) continue;
    const std::size_t vacancy = vacancy_row[line[0]];
    if (line[2] == "All") {
      relations.push_back({seen.Cell("gaps", row, "establishment_fte"), seen.Cell("vacancies_by_role", vacancy, "in_post_fte", -1),
                           seen.Cell("vacancies_by_role", vacancy, "vacant_fte", -1)});
      continue;
    }
    const double truth = std::stod(line[gaps.Column("establishment_fte")]) - std::stod(line[gaps.Column("available_fte")]);
    const Seen::Term vacant = seen.Latent("vacancies " + line[0] + " " + line[2], truth);
    relations.push_back({seen.Cell("gaps", row, "establishment_fte"), seen.Cell("gaps", row, "available_fte", -1),
                         {vacant.key, -1}});
    auto& role = localities[line[0]];
    if (role.empty()) role.push_back(seen.Cell("vacancies_by_role", vacancy, "vacant_fte", -1));
    role.push_back(vacant);
  }
  for (auto& [role, relation] : localities) relations.push_back(relation);
  for (std::size_t row = 0; row < base.rows.size(); ++row) {
    const auto found = vacancy_row.find(base.rows[row][1]);
    if (found == vacancy_row.end()) continue;
    relations.push_back({seen.Cell("base_year", row, "establishment_fte"), seen.Cell("base_year", row, "in_post_fte", -1),
                         seen.Cell("vacancies_by_role", found->second, "vacant_fte", -1)});
  }
  std::vector<Seen::Term> total;
  for (std::size_t row = 0; row < vacancies.rows.size(); ++row) {
    total.push_back(seen.Cell("vacancies_by_role", row, "vacant_fte", vacancies.rows[row][0] == "total" ? -1 : 1));
  }
  relations.push_back(total);
  return relations;
}

// The gap rows: required = establishment + base-year gap + change in service need, gap =
// required − available, a shown positive shortfall is the gap; a role's place row is the sum of
// its localities'; and the sums by staff group, locality and place of required, available and
// shortfall, as a table of them including every role would show them (taken from the truth).
Relations GapRelations(Seen& seen, const fs::path& place) {
  Relations relations = VacancyRelations(seen);
  const auto group_of = PlaceColumn(place / "roles.csv", "staff_group");
  const Csv& gaps = seen.Rows("gaps");
  std::map<std::string, std::vector<std::size_t>> localities;  // "role|year": locality rows
  std::map<std::string, std::size_t> place_row;                // "role|year"
  for (std::size_t row = 0; row < gaps.rows.size(); ++row) {
    const auto& line = gaps.rows[row];
    relations.push_back({seen.Cell("gaps", row, "required_fte"), seen.Cell("gaps", row, "establishment_fte", -1),
                         seen.Cell("gaps", row, "base_year_gap_fte", -1), seen.Cell("gaps", row, "service_change_fte", -1)});
    relations.push_back({seen.Cell("gaps", row, "gap_fte"), seen.Cell("gaps", row, "required_fte", -1),
                         seen.Cell("gaps", row, "available_fte")});
    const Seen::Term shortfall = seen.Cell("gaps", row, "shortfall_fte");
    if (line[2] != "All" && seen.Value(shortfall).value_or(0.0) > 0) relations.push_back({seen.Cell("gaps", row, "gap_fte"), {shortfall.key, -1}});
    (line[2] == "All" ? void(place_row[line[0] + "|" + line[3]] = row) : localities[line[0] + "|" + line[3]].push_back(row));
  }
  std::map<std::string, double> sums;  // "measure|group or locality|year", from the truth
  for (const auto& [key, rows] : localities) {
    const std::size_t whole = place_row.at(key);
    for (const std::string column : {"establishment_fte", "required_fte", "available_fte", "shortfall_fte"}) {
      std::vector<Seen::Term> relation = {seen.Cell("gaps", whole, column, -1)};
      for (const std::size_t row : rows) relation.push_back(seen.Cell("gaps", row, column));
      relations.push_back(relation);
    }
  }
  std::map<std::string, std::vector<Seen::Term>> totals;
  for (std::size_t row = 0; row < gaps.rows.size(); ++row) {
    const auto& line = gaps.rows[row];
    const bool whole = line[2] == "All";
    const bool counted = whole ? !localities.count(line[0] + "|" + line[3]) : true;  // rows the shortfall counts
    for (const std::string column : {"required_fte", "available_fte", "shortfall_fte"}) {
      const double truth = std::stod(line[gaps.Column(column)]);
      if (whole) {
        const std::string key = column + "|" + group_of.at(line[0]) + "|" + line[3];
        totals[key].push_back(seen.Cell("gaps", row, column));
        sums[key] += truth;
      }
      if (column == "shortfall_fte" && counted) {
        for (const std::string& key : {column + "|all|" + line[3], whole ? std::string() : column + "|" + line[2] + "|" + line[3]}) {
          if (key.empty()) continue;
          totals[key].push_back(seen.Cell("gaps", row, column));
          sums[key] += truth;
        }
      }
    }
  }
  for (auto& [key, relation] : totals) {
    relation.push_back(seen.Known(key, sums[key], -1));
    relations.push_back(relation);
  }
  return relations;
}

// Shared Westbrook (examples/westbrook) and its truth, planned once for the tests below.
class WestbrookDisclosureTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    temp_ = new careforce::testing::TempDir();
    const auto shared = RunCommand(Careforce("plan " + Place().string() + " --runs 40 --out " + Shared().string()));
    ASSERT_EQ(shared.status, 0) << shared.err;
    closing_ = new std::string(shared.out + shared.err);
    const auto raw = RunCommand(Careforce("plan " + Place().string() + " --runs 40 --no-suppression --out " + Raw().string()));
    ASSERT_EQ(raw.status, 0) << raw.err;
  }
  static void TearDownTestSuite() {
    delete temp_;
    temp_ = nullptr;
    delete closing_;
    closing_ = nullptr;
  }
  static fs::path Place() { return fs::path(CAREFORCE_SOURCE_DIR) / "examples" / "westbrook"; }
  static fs::path Shared() { return temp_->path() / "shared"; }
  static fs::path Raw() { return temp_->path() / "raw"; }
  // Hidden counts recovered from the shared plan, and from the shared plan with the tables of
  // `from_truth` unsuppressed (without them, only the small cells hidden): the second should be
  // some, so that the relations are right and the test can fail.
  template <typename Build>
  static std::pair<std::vector<std::string>, std::vector<std::string>> Recovered(
      Build build, const std::set<std::string>& from_truth = {}) {
    Seen shared(Shared(), Raw(), false);
    Seen before = from_truth.empty() ? Seen(Raw(), Raw(), true) : Seen(Shared(), Raw(), false, from_truth);
    return {shared.Recover(build(shared)), before.Recover(build(before))};
  }

  static careforce::testing::TempDir* temp_;
  static std::string* closing_;  // what the shared plan printed
};

careforce::testing::TempDir* WestbrookDisclosureTest::temp_ = nullptr;
std::string* WestbrookDisclosureTest::closing_ = nullptr;

std::string Listed(const std::vector<std::string>& found) {
  std::string out;
  for (const std::string& item : found) out += "\n  " + item;
  return out;
}

// Paramedic = Allied health 249 − OT 162 − Physio 83 = 4; Physician associate = Other clinical
// 33 − 20 − 10; Health and wellbeing coach = New integrated roles 197 − (44+66+48+6+32) = 1.
TEST_F(WestbrookDisclosureTest, HiddenRolesCannotBeRecomputedFromTheirStaffGroupOrSector) {
  const auto [shared, primary] = Recovered([](Seen& seen) { return WorkforceRelations(seen, Place()); });
  const Csv roles = ReadCsv(Raw() / "csv" / "workforce_by_role.csv");
  for (std::size_t row = 0; row < roles.rows.size(); ++row) {
    const std::string role = roles.rows[row][0];
    if (role != "PARA" && role != "PA" && role != "HWC") continue;
    const std::string key = fmt::format("workforce_by_role:{}:posts", row + 2);
    EXPECT_TRUE(std::any_of(primary.begin(), primary.end(), [&](const std::string& item) { return item.rfind(key, 0) == 0; }))
        << role << Listed(primary);
  }
  EXPECT_TRUE(shared.empty()) << Listed(shared);
}

// Nursing associate: NHS posts of the pay gap 26 = its hidden NHS community row, so primary care
// = 56 − 26 − 28 = 2 (and occupational therapist in primary care = 162 − 96 − 65 = 1, before
// more of its rows were hidden).
TEST_F(WestbrookDisclosureTest, PayGapDoesNotGiveHiddenPayRowsBack) {
  const auto [shared, before] = Recovered([](Seen& seen) { return PayGapRelations(seen); }, {"pay_gap_nhs_social_care"});
  const Csv pay = ReadCsv(Raw() / "csv" / "pay_by_role_and_sector.csv");
  for (std::size_t row = 0; row < pay.rows.size(); ++row) {
    if (pay.rows[row][2] != "Primary care" || pay.rows[row][0] != "NA") continue;
    const std::string key = fmt::format("pay_by_role_and_sector:{}:posts", row + 2);
    EXPECT_TRUE(std::any_of(before.begin(), before.end(), [&](const std::string& item) { return item.rfind(key, 0) == 0; }))
        << pay.rows[row][0] << Listed(before);
  }
  EXPECT_TRUE(shared.empty()) << Listed(shared);
}


// Consultant: establishment 33.9 − 31.9 in post = 2 vacancies; specialty doctor 3, practice
// nurse 4, advanced nurse practitioner 3, assistant practitioner 3, trusted assessor 3, social
// prescribing link worker 2 (gaps.csv and base_year.csv against vacancies_by_role.csv); and the
// vacancies of roles in localities, the establishment less the supply there.
TEST_F(WestbrookDisclosureTest, HiddenVacanciesCannotBeRecomputedFromTheEstablishment) {
  const auto [shared, before] = Recovered([](Seen& seen) { return VacancyRelations(seen); }, {"gaps", "base_year"});
  const Csv vacancies = ReadCsv(Raw() / "csv" / "vacancies_by_role.csv");
  const std::set<std::string> roles = {"CONS", "SPEC", "PN", "ANP", "AP", "TA", "SPLW"};
  for (std::size_t row = 0; row < vacancies.rows.size(); ++row) {
    if (!roles.count(vacancies.rows[row][0])) continue;
    const std::string key = fmt::format("vacancies_by_role:{}:vacant_fte", row + 2);
    EXPECT_TRUE(std::any_of(before.begin(), before.end(), [&](const std::string& item) { return item.rfind(key, 0) == 0; }))
        << vacancies.rows[row][0] << Listed(before);
  }
  EXPECT_TRUE(std::any_of(before.begin(), before.end(), [](const std::string& item) { return item.rfind("latent:", 0) == 0; }))
      << Listed(before);
  EXPECT_TRUE(shared.empty()) << Listed(shared);
}

// Consultant: 31 posts 12 months ago + 6 joiners − 35 posts now = 2 leavers; clinical pharmacist
// 17 + 5 − 20 = 2.
TEST_F(WestbrookDisclosureTest, HiddenLeaversCannotBeRecomputedFromJoiners) {
  const auto [shared, before] = Recovered([](Seen& seen) { return LeaverRelations(seen); }, {"supply_joiners_observed"});
  const Csv turnover = ReadCsv(Raw() / "csv" / "turnover_by_role.csv");
  for (std::size_t row = 0; row < turnover.rows.size(); ++row) {
    if (turnover.rows[row][0] != "CONS" && turnover.rows[row][0] != "PHARM") continue;
    const std::string key = fmt::format("turnover_by_role:{}:leavers", row + 2);
    EXPECT_TRUE(std::any_of(before.begin(), before.end(), [&](const std::string& item) { return item.rfind(key, 0) == 0; }))
        << turnover.rows[row][0] << Listed(before);
  }
  EXPECT_TRUE(shared.empty()) << Listed(shared);
}

// A role's leavers hidden in the turnover table but shown as the events of the rate tables (West
// Sussex: pharmacy technicians' 5), and with them the all-staff total less the shown rows.
TEST_F(WestbrookDisclosureTest, HiddenLeaversCannotBeRecomputedFromTheRateTables) {
  const auto [shared, before] = Recovered([](Seen& seen) { return LeaverRelations(seen); },
                                          {"supply_leaver_rates", "supply_retirement_rates"});
  EXPECT_FALSE(before.empty());
  EXPECT_TRUE(shared.empty()) << Listed(shared);
}

// The staff exposure of a rate is the mean of the posts at the start and end of the year: 4.5
// is one count under 5; the weight on observed, staff / (staff + k), gives it back.
TEST_F(WestbrookDisclosureTest, NoStaffExposureBelowTheThresholdIsShown) {
  for (const char* table : {"supply_leaver_rates", "supply_retirement_rates"}) {
    const auto small = [](const fs::path& directory, const char* file) {
      const Csv csv = ReadCsv(directory / "csv" / (std::string(file) + ".csv"));
      std::vector<std::string> found;
      for (std::size_t row = 0; row < csv.rows.size(); ++row) {
        const std::string& staff = csv.rows[row][csv.Column("staff")];
        const std::string& credibility = csv.rows[row][csv.Column("credibility")];
        if (staff == "*" && credibility != "*") found.push_back(fmt::format("{} weight {}", row + 2, credibility));
        if (staff == "*" || staff.empty()) continue;
        const double value = std::stod(staff);
        if (value > 0 && value < kThreshold) found.push_back(fmt::format("{} staff {}", row + 2, staff));
      }
      return found;
    };
    EXPECT_FALSE(small(Raw(), table).empty()) << table;
    EXPECT_TRUE(small(Shared(), table).empty()) << table << Listed(small(Shared(), table));
  }
}


// The same recomputations on the synthetic place of many small cells.
TEST_F(DisclosureTest, NoHiddenCountIsRecomputedFromTheTablesTogether) {
  Seen shared(Shared(), Raw(), false);
  Relations relations = WorkforceRelations(shared, Place());
  for (const Relations& more : {PayGapRelations(shared), LeaverRelations(shared), VacancyRelations(shared)}) {
    relations.insert(relations.end(), more.begin(), more.end());
  }
  const std::vector<std::string> found = shared.Recover(relations);
  EXPECT_TRUE(found.empty()) << found.size() << Listed(found);
}

// The rule for modelled figures: a supply series is hidden in every year or none, exactly when
// its observed base year is; the flows of a role with their role. A projection is not a count of
// people, so a shown series may fall below 5 (Consultants in NHS acute trusts, 4.2 by 2035).
TEST_F(WestbrookDisclosureTest, ProjectionsAreHiddenExactlyWithTheirObservedBaseYear) {
  const Csv series = ReadCsv(Shared() / "csv" / "supply_series.csv");
  std::map<std::string, std::set<bool>> hidden;  // "dimension:code": hidden in each year
  std::set<std::string> hidden_roles;
  for (const auto& row : series.rows) {
    const bool star = row[series.Column("headcount_mean")] == "*";
    EXPECT_EQ(star, row[series.Column("fte_mean")] == "*") << row[0] << ":" << row[1] << " " << row[2];
    hidden[row[0] + ":" + row[1]].insert(star);
    if (star && row[0] == "role") hidden_roles.insert(row[1]);
  }
  for (const auto& [key, states] : hidden) EXPECT_EQ(states.size(), 1u) << key << " is hidden in some years only";
  const Csv flows = ReadCsv(Shared() / "csv" / "supply_role_flows.csv");
  for (const auto& row : flows.rows) {
    for (std::size_t column = 1; column < row.size(); ++column) {
      EXPECT_EQ(row[column] == "*", hidden_roles.count(row[0]) > 0) << row[0] << " " << flows.header[column];
    }
  }
}

// With --no-suppression the report says at its top that it must not be shared; shared, that it
// may be. The data dictionary says what "*" and null are.
TEST_F(WestbrookDisclosureTest, TheReportSaysWhetherItMayBeShared) {
  const auto preface = [](const fs::path& directory) {
    const std::string html = ReadFile(directory / "report.html");
    return html.substr(0, html.find("<h2"));
  };
  EXPECT_NE(preface(Raw()).find("Not for sharing"), std::string::npos);
  EXPECT_NE(preface(Raw()).find("must not be shared beyond the organisation"), std::string::npos);
  EXPECT_EQ(preface(Shared()).find("Not for sharing"), std::string::npos);
  EXPECT_NE(preface(Shared()).find("may be shared beyond one organisation"), std::string::npos);
  for (const fs::path& directory : {Shared(), Raw()}) {
    const std::string dictionary = ReadFile(directory / "data_dictionary.md");
    EXPECT_NE(dictionary.find("`*` in the CSVs, the report and the workbook, `null` in `plan.json`"), std::string::npos);
  }
}

// The closing lines name the roles shortest of staff with their shortfall: never one whose
// shortfall the gap tables hide (it would give a hidden establishment, so vacancies, back).
TEST_F(WestbrookDisclosureTest, TheClosingLinesNameNoRoleWhoseShortfallIsHidden) {
  const std::size_t at = closing_->find("largest: ");
  ASSERT_NE(at, std::string::npos) << *closing_;
  const std::string named = closing_->substr(at, closing_->find('\n', at) - at);
  const Csv gaps = ReadCsv(Shared() / "csv" / "gaps.csv");
  const std::string last = gaps.rows.back()[gaps.Column("year")];
  std::size_t checked = 0;
  for (const auto& row : gaps.rows) {
    if (row[2] != "All" || row[3] != last || named.find(row[1] + " ") == std::string::npos) continue;
    EXPECT_NE(row[gaps.Column("shortfall_fte")], "*") << row[1] << " named: " << named;
    ++checked;
  }
  EXPECT_GE(checked, 1u) << named;
}

// The gaps by staff group are to include every role (so that they equal the workforce tables),
// and the shortfall is summed by locality and for the place: none of those sums, with the gap
// rows, gives a hidden establishment (so vacancy count) back.
TEST_F(WestbrookDisclosureTest, GapSumsByStaffGroupLocalityAndPlaceGiveNoHiddenCountBack) {
  Seen shared(Shared(), Raw(), false);
  const std::vector<std::string> found = shared.Recover(GapRelations(shared, Place()));
  EXPECT_TRUE(found.empty()) << Listed(found);
}
}  // namespace
}  // namespace careforce
