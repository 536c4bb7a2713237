// careforce train: the training tables among the plan's outputs, training.json, the terminal lines,
// each organisation's own workbook under a keyed pseudonym, and the option combinations it refuses.

#include <algorithm>
#include <filesystem>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "store/pseudonymise.hpp"
#include "test_support.hpp"

namespace careforce {
namespace {

namespace fs = std::filesystem;
using namespace careforce::testing;

constexpr const char* kKey = "0123456789abcdef0123456789abcdef";
const std::vector<std::string> kTables = {"training_courses", "training_cohorts", "training_organisations",
                                          "training_partners", "training_away",   "training_needs",
                                          "training_unmet"};

std::string FullToy() { return (DataDir() / "places" / "full_toy").string(); }

// The person identifiers of a place's staff.csv.
std::set<std::string> PersonIds(const fs::path& place) {
  std::set<std::string> ids;
  const Csv staff = ReadCsv(place / "staff.csv");
  for (const auto& row : staff.rows) ids.insert(row[staff.Column("person_id")]);
  return ids;
}

TEST(TrainingCommand, LearnersWithoutAKeyFileIsRefusedBeforeAnythingIsRead) {
  TempDir temp;
  const auto run = RunCommand(Careforce(fmt::format("train {} --quiet --learners {}", FullToy(), (temp.path() / "l").string())));
  EXPECT_EQ(run.status, 2);
  EXPECT_EQ(run.err,
            "careforce train:1:1: error: --learners writes each organisation's people under a keyed pseudonym, "
            "expected --key-file FILE holding the pseudonymisation key (docs/data-protection.md)\n"
            "careforce: 1 error\n");
  EXPECT_EQ(run.out, "");
  EXPECT_FALSE(fs::exists(temp.path() / "l"));
}

TEST(TrainingCommand, AKeyFileWithoutLearnersIsRefused) {
  TempDir temp;
  WriteFile(temp.path() / "key", kKey);
  const auto run = RunCommand(Careforce(fmt::format("train {} --quiet --key-file {}", FullToy(), (temp.path() / "key").string())));
  EXPECT_EQ(run.status, 2);
  EXPECT_EQ(run.err,
            "careforce train:1:1: error: --key-file is only used with --learners, expected --learners DIR as well (or "
            "no --key-file)\ncareforce: 1 error\n");
}

TEST(TrainingCommand, LearnersWithinTheSharedOutputsIsRefused) {
  TempDir temp;
  WriteFile(temp.path() / "key", kKey);
  const std::string out = (temp.path() / "out").string();
  const auto run = RunCommand(Careforce(fmt::format("train {} --quiet --key-file {} --out {} --learners {}/people",
                                                    FullToy(), (temp.path() / "key").string(), out, out)));
  EXPECT_EQ(run.status, 2);
  EXPECT_EQ(run.err, fmt::format("careforce train:1:1: error: --learners {0}/people is within --out {0}, expected a "
                                 "directory of its own for the person-level workbooks, apart from the outputs that may "
                                 "be shared\ncareforce: 1 error\n",
                                 out));
  EXPECT_FALSE(fs::exists(out));
}

TEST(TrainingCommand, AShortKeyIsRefused) {
  TempDir temp;
  WriteFile(temp.path() / "key", "short");
  const auto run = RunCommand(Careforce(fmt::format("train {} --quiet --key-file {} --learners {}", FullToy(),
                                                    (temp.path() / "key").string(), (temp.path() / "l").string())));
  EXPECT_EQ(run.status, 2);
  EXPECT_NE(run.err.find("the key in the file is shorter than 16 bytes"), std::string::npos) << run.err;
  EXPECT_FALSE(fs::exists(temp.path() / "l"));
}

// The shared outputs: the plan's with a training section (report, workbook, plan.json, CSVs) and
// training.json, the same tables in each; and the organisations' own workbooks apart.
TEST(TrainingCommand, WritesTheTrainingOutputsAndEachOrganisationsWorkbook) {
  TempDir temp;
  WriteFile(temp.path() / "key", std::string(kKey) + "\n");
  const fs::path out = temp.path() / "out";
  const fs::path learners = temp.path() / "learners";
  const auto run = RunCommand(Careforce(fmt::format("train {} --runs 20 --quiet --out {} --learners {} --key-file {}",
                                                    FullToy(), out.string(), learners.string(),
                                                    (temp.path() / "key").string())));
  ASSERT_EQ(run.status, 0) << run.err;
  EXPECT_EQ(run.out.rfind("  training: 21 learners needed, * scheduled in * cohorts, * unmet;", 0), 0u) << run.out;
  EXPECT_NE(run.out.find(fmt::format("wrote 3 organisations' training workbooks to {}", learners.string())),
            std::string::npos)
      << run.out;

  const auto training = nlohmann::json::parse(ReadFile(out / "training.json"));
  EXPECT_EQ(training["format"], "careforce-training");
  EXPECT_EQ(training["suppression_threshold"], 5);
  EXPECT_EQ(training["learners_needed"], 21);
  EXPECT_TRUE(training["learners_scheduled"].is_null());
  const auto plan = nlohmann::json::parse(ReadFile(out / "plan.json"));
  ASSERT_TRUE(plan.contains("training"));
  for (const std::string& table : kTables) {
    ASSERT_TRUE(fs::exists(out / "csv" / (table + ".csv"))) << table;
    EXPECT_EQ(training["tables"][table], plan["training"]["tables"][table]) << table;
    EXPECT_EQ(ReadCsv(out / "csv" / (table + ".csv")).rows.size(), training["tables"][table].size()) << table;
  }
  EXPECT_NE(ReadFile(out / "report.html").find("<h2 id=\"training\">Step 5 · Plan to deliver: training</h2>"),
            std::string::npos);
  const Workbook book = ReadWorkbook(out / "plan.xlsx");
  std::vector<std::string> sheets;
  for (const std::string& name : book.names) {
    if (name.find("Training") != std::string::npos) sheets.push_back(name);
  }
  EXPECT_EQ(sheets.size(), kTables.size());
  ASSERT_FALSE(sheets.empty());
  EXPECT_TRUE(std::regex_match(sheets.front(), std::regex("5\\.[0-9]+ Training courses"))) << sheets.front();
  EXPECT_NE(ReadFile(out / "data_dictionary.md").find("## `training_away`"), std::string::npos);

  // Each organisation's workbook: its people by the keyed pseudonym of their identifier, never
  // the identifier itself, and no identifier anywhere in the shared outputs.
  const std::set<std::string> ids = PersonIds(DataDir() / "places" / "full_toy");
  const store::Pseudonymiser key{std::string(kKey)};
  std::set<std::string> pseudonyms;
  for (const std::string& id : ids) pseudonyms.insert(key.Pseudonymise(id));
  std::set<std::string> named;
  for (const std::string organisation : {"RT1", "CH1", "LA1"}) {
    const fs::path path = learners / fmt::format("training_{}.xlsx", organisation);
    ASSERT_TRUE(fs::exists(path)) << path;
    const Workbook own = ReadWorkbook(path);
    EXPECT_EQ(own.names, (std::vector<std::string>{"People", "Cohorts", "Costs", "Time away"}));
    const auto people = SheetRows(own, "People");
    ASSERT_GT(people.size(), 1U) << organisation;
    for (std::size_t row = 1; row < people.size(); ++row) {
      const std::string& person = people[row][0];
      if (person == "new starter") continue;
      EXPECT_EQ(pseudonyms.count(person), 1U) << organisation << " " << person;
      named.insert(person);
    }
    for (const std::string& text : own.strings) EXPECT_EQ(ids.count(text), 0U) << organisation << " " << text;
  }
  EXPECT_GE(named.size(), 5U);
  // No identifier as a cell of a shared CSV or a string of training.json (the report and the
  // workbook render the same tables).
  for (const auto& entry : fs::directory_iterator(out / "csv")) {
    for (const auto& row : ReadCsv(entry.path()).rows) {
      for (const std::string& cell : row) EXPECT_EQ(ids.count(cell), 0U) << entry.path() << " " << cell;
    }
  }
  const std::string json = ReadFile(out / "training.json");
  for (const std::string& person : ids) EXPECT_EQ(json.find("\"" + person + "\""), std::string::npos) << person;
}

// Learner counts from 1 to 4 appear in no shared training table unless --no-suppression is given
// (which shows them: the check can fail).
TEST(TrainingCommand, NoSmallLearnerCountIsShownUnlessAsked) {
  const std::set<std::string> counts = {"learners_needed", "learners_scheduled", "learners_unmet", "learners", "cohorts"};
  const auto small_cells = [&](const fs::path& out) {
    int found = 0;
    for (const std::string& table : kTables) {
      const Csv csv = ReadCsv(out / "csv" / (table + ".csv"));
      for (const auto& row : csv.rows) {
        for (std::size_t column = 0; column < csv.header.size(); ++column) {
          if (counts.count(csv.header[column]) == 0 || row[column] == "*" || row[column].empty()) continue;
          const long value = std::stol(row[column]);
          if (value >= 1 && value <= 4 && csv.header[column] != "cohorts") ++found;
        }
      }
    }
    return found;
  };
  TempDir temp;
  const auto shared = RunCommand(Careforce(fmt::format("train {} --runs 20 --quiet --out {}", FullToy(),
                                                       (temp.path() / "shared").string())));
  ASSERT_EQ(shared.status, 0) << shared.err;
  EXPECT_EQ(small_cells(temp.path() / "shared"), 0);
  const auto open = RunCommand(Careforce(fmt::format("train {} --runs 20 --quiet --no-suppression --out {}", FullToy(),
                                                     (temp.path() / "open").string())));
  ASSERT_EQ(open.status, 0) << open.err;
  EXPECT_GT(small_cells(temp.path() / "open"), 10);
  EXPECT_EQ(open.out.rfind("  training: 21 learners needed, 18 scheduled in ", 0), 0u) << open.out;
  EXPECT_NE(open.out.find(" 3 unmet; "), std::string::npos) << open.out;
  EXPECT_NE(open.out.find("  unmet: 3 cohort_minimum, 3 due after the schedule\n"), std::string::npos)
      << open.out;
}

TEST(TrainingCommand, JsonPrintsTheFiguresAndTables) {
  const auto run = RunCommand(Careforce(fmt::format("train {} --runs 20 --quiet --json --no-suppression", FullToy())));
  ASSERT_EQ(run.status, 0) << run.err;
  const auto json = nlohmann::json::parse(run.out);
  EXPECT_EQ(json["learners_scheduled"], 18);
  EXPECT_EQ(json["learners_unmet"], 3);
  // Three learners of the medicines course (at least 4 a cohort) across two quarters' need dates:
  // runs and time are left, but not a cohort's worth of learners.
  EXPECT_EQ(json["unmet_by_reason"]["cohort_minimum"], 3);
  EXPECT_EQ(json["unmet_by_reason"]["away_at_once"], 0);
  EXPECT_EQ(json["written"], nlohmann::json::array());
  for (const std::string& table : kTables) EXPECT_TRUE(json["tables"].contains(table)) << table;
  ASSERT_EQ(json["tables"]["training_courses"].size(), 4U);
  // The medicines refreshers go to the employer's annual competence check, not the hub's course:
  // nine checks of one learner each, 1 hour off the job and the assessor's hour at £40 carried as
  // a cost per learner (as a fee: trainer time of one-learner cohorts would give learners back).
  const auto& check = json["tables"]["training_courses"][2];
  EXPECT_EQ(check["course"], "MED-CHECK");
  EXPECT_EQ(check["mode"], "workplace");
  EXPECT_EQ(check["learners_scheduled"], 9);
  EXPECT_EQ(check["cohorts"], 9);
  EXPECT_DOUBLE_EQ(check["fees"].get<double>(), 360.0);
  EXPECT_DOUBLE_EQ(check["trainer_cost"].get<double>(), 0.0);
  EXPECT_DOUBLE_EQ(check["off_job_hours"].get<double>(), 9.0);
}

// Every listed row holds at least one learner and one cohort, so a course's shown total of
// learners or cohorts against its hidden cohort rows must leave each of them room: a total equal
// to the number of hidden rows (five rows of a shown 5) would give every row back as 1. With the
// rule off (--no-suppression shows everything) the toy's Care Certificate is such a course.
TEST(TrainingCommand, NoShownTotalPinsItsHiddenRowsAtOne) {
  const auto pinned = [](const fs::path& out) {
    const Csv courses = ReadCsv(out / "csv" / "training_courses.csv");
    const Csv cohorts = ReadCsv(out / "csv" / "training_cohorts.csv");
    std::map<std::string, int> hidden_rows;
    for (const auto& row : cohorts.rows) {
      if (row[cohorts.Column("learners")] == "*") ++hidden_rows[row[cohorts.Column("course")]];
    }
    std::vector<std::string> found;
    for (const auto& row : courses.rows) {
      const std::string& course = row[courses.Column("course")];
      const int hidden = hidden_rows[course];
      if (hidden < 2) continue;
      // The shown learners of the course less those of its shown rows: what the hidden rows hold.
      int shown_rows = 0;
      for (const auto& cohort : cohorts.rows) {
        if (cohort[cohorts.Column("course")] == course && cohort[cohorts.Column("learners")] != "*") {
          shown_rows += std::stoi(cohort[cohorts.Column("learners")]);
        }
      }
      const std::string& total = row[courses.Column("learners_scheduled")];
      if (total == "*") continue;
      if (std::stoi(total) - shown_rows < hidden + 5 - 1) found.push_back(course);
    }
    return found;
  };
  TempDir temp;
  const auto shared = RunCommand(Careforce(fmt::format("train {} --runs 20 --quiet --out {}", FullToy(),
                                                       (temp.path() / "shared").string())));
  ASSERT_EQ(shared.status, 0) << shared.err;
  EXPECT_EQ(pinned(temp.path() / "shared"), std::vector<std::string>{});
  // The same check on the unsuppressed figures with the rows treated as hidden: the toy's annual
  // medicines check has 9 learners in 6 cohort rows (every employer's together by quarter), fewer
  // than the 6 + 5 - 1 = 10 that leave each row room, the case the rule exists for.
  const auto open = RunCommand(Careforce(fmt::format("train {} --runs 20 --quiet --no-suppression --out {}", FullToy(),
                                                     (temp.path() / "open").string())));
  ASSERT_EQ(open.status, 0) << open.err;
  const Csv cohorts = ReadCsv(temp.path() / "open" / "csv" / "training_cohorts.csv");
  int rows = 0;
  int learners = 0;
  for (const auto& row : cohorts.rows) {
    if (row[cohorts.Column("course")] != "MED-CHECK") continue;
    EXPECT_EQ(row[cohorts.Column("provider")], "each employer");
    ++rows;
    learners += std::stoi(row[cohorts.Column("learners")]);
  }
  EXPECT_EQ(rows, 6);
  EXPECT_EQ(learners, 9);
}

// West Sussex (examples/west-sussex), trained once shared and once with every figure shown.
class WestSussexTrainingTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    temp_ = new TempDir();
    for (const auto& [dir, option] : {std::pair<std::string, std::string>{"shared", ""}, {"open", " --no-suppression"}}) {
      const auto run = RunCommand(Careforce(fmt::format("train {}/examples/west-sussex --runs 20 --quiet{} --out {}",
                                                        CAREFORCE_SOURCE_DIR, option, (temp_->path() / dir).string())));
      ASSERT_EQ(run.status, 0) << run.err;
    }
  }
  static void TearDownTestSuite() {
    delete temp_;
    temp_ = nullptr;
  }
  static fs::path Out(const std::string& dir) { return temp_->path() / dir; }
  static TempDir* temp_;
};
TempDir* WestSussexTrainingTest::temp_ = nullptr;

// The finance director's check on the true figures: the organisations' rows add up to the
// partners' and both to the place's totals in training.json, to the penny; each course's learners
// needed are its scheduled and unmet, and its cohort rows hold its scheduled learners.
TEST_F(WestSussexTrainingTest, EveryTotalReconcilesWithItsRows) {
  const nlohmann::json facts = nlohmann::json::parse(ReadFile(Out("open") / "training.json"));
  const std::vector<std::pair<std::string, std::string>> columns = {
      {"learners", "learners_scheduled"}, {"fees", "fees"}, {"backfill", "backfill_cost"},
      {"trainer", "trainer_cost"},        {"total_cost", "cost"}, {"hours_away", "hours_away"}};
  for (const std::string table : {"training_organisations", "training_partners"}) {
    const Csv csv = ReadCsv(Out("open") / "csv" / (table + ".csv"));
    ASSERT_GT(csv.rows.size(), 5u) << table;
    for (const auto& [column, fact] : columns) {
      double sum = 0.0;
      for (const auto& row : csv.rows) sum += std::stod(row[csv.Column(column)]);
      EXPECT_NEAR(sum, facts[fact].get<double>(), 0.01 * static_cast<double>(csv.rows.size())) << table << " " << column;
    }
  }
  EXPECT_GT(facts["cost"].get<double>(), 1e6);
  const Csv courses = ReadCsv(Out("open") / "csv" / "training_courses.csv");
  const Csv cohorts = ReadCsv(Out("open") / "csv" / "training_cohorts.csv");
  std::map<std::string, long> in_cohorts;
  for (const auto& row : cohorts.rows) in_cohorts[row[cohorts.Column("course")]] += std::stol(row[cohorts.Column("learners")]);
  long needed = 0;
  for (const auto& row : courses.rows) {
    const std::string& course = row[courses.Column("course")];
    const long scheduled = std::stol(row[courses.Column("learners_scheduled")]);
    EXPECT_EQ(std::stol(row[courses.Column("learners_needed")]), scheduled + std::stol(row[courses.Column("learners_unmet")]))
        << course;
    EXPECT_EQ(in_cohorts[course], scheduled) << course;
    needed += std::stol(row[courses.Column("learners_needed")]);
  }
  EXPECT_EQ(needed, facts["learners_needed"].get<long>());
}

// The information governance officer's check on the shared outputs: no count of 1 to 4 learners
// anywhere (the true figures have many), no organisation's own cohorts, and every shown place
// total the true one.
TEST_F(WestSussexTrainingTest, TheSharedTablesShowNoSmallCount) {
  const std::set<std::string> counts = {"learners_needed", "learners_scheduled", "learners_unmet", "learners"};
  const auto small_cells = [&](const fs::path& out) {
    int found = 0;
    for (const std::string& table : kTables) {
      const Csv csv = ReadCsv(out / "csv" / (table + ".csv"));
      for (const auto& row : csv.rows) {
        for (std::size_t column = 0; column < csv.header.size(); ++column) {
          if (counts.count(csv.header[column]) == 0 || row[column] == "*" || row[column].empty()) continue;
          const long value = std::stol(row[column]);
          if (value >= 1 && value <= 4) ++found;
        }
      }
    }
    return found;
  };
  EXPECT_EQ(small_cells(Out("shared")), 0);
  EXPECT_GT(small_cells(Out("open")), 100);
  const Csv cohorts = ReadCsv(Out("shared") / "csv" / "training_cohorts.csv");
  const std::regex organisation_code("^[A-Z0-9]+[0-9]{3,}$");
  for (const auto& row : cohorts.rows) {
    EXPECT_FALSE(std::regex_match(row[cohorts.Column("provider")], organisation_code)) << row[cohorts.Column("provider")];
  }
  const nlohmann::json shared = nlohmann::json::parse(ReadFile(Out("shared") / "training.json"));
  const nlohmann::json open = nlohmann::json::parse(ReadFile(Out("open") / "training.json"));
  for (const std::string fact : {"learners_needed", "learners_scheduled", "fees", "cost"}) {
    ASSERT_FALSE(shared[fact].is_null()) << fact;
    EXPECT_DOUBLE_EQ(shared[fact].get<double>(), open[fact].get<double>()) << fact;
  }
}

}  // namespace
}  // namespace careforce
