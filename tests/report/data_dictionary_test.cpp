// The shipped data dictionary (docs/data-dictionary.md) lists every table and column a plan
// writes: a plan of the demand toy is generated and each of its columns looked up there, so the
// documentation cannot fall behind the writers.

#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "test_support.hpp"

namespace careforce::report {
namespace {

using careforce::testing::DataDir;
using careforce::testing::ReadFile;
using careforce::testing::RunCommand;
using careforce::testing::TempDir;

// Table key: column key and unit ("| `col` | meaning | unit |").
std::map<std::string, std::map<std::string, std::string>> Parse(const std::string& markdown) {
  std::map<std::string, std::map<std::string, std::string>> tables;
  std::istringstream in(markdown);
  std::string table;
  const std::regex heading("^## `([a-z0-9_]+)`");
  const std::regex column("^\\| `([^`]+)` \\| .* \\| ([^|]+) \\|$");
  for (std::string line; std::getline(in, line);) {
    std::smatch match;
    if (std::regex_search(line, match, heading)) {
      table = match[1];
      tables[table];
    } else if (!table.empty() && std::regex_search(line, match, column)) {
      tables[table][match[1]] = match[2];
    }
  }
  return tables;
}

// The shipped dictionary's entry for every table and column of a dictionary written with outputs.
void ExpectShipped(const std::map<std::string, std::map<std::string, std::string>>& written) {
  const auto shipped = Parse(ReadFile(std::string(CAREFORCE_SOURCE_DIR) + "/docs/data-dictionary.md"));
  // A column named after one of the plan's years follows the plan's horizon.
  const std::regex year("(19|20)[0-9][0-9]");
  for (const auto& [table, columns] : written) {
    const auto found = shipped.find(table);
    ASSERT_NE(found, shipped.end()) << "table " << table << " is not in docs/data-dictionary.md";
    for (const auto& [column, unit] : columns) {
      if (std::regex_search(column, year)) continue;
      const auto entry = found->second.find(column);
      ASSERT_NE(entry, found->second.end()) << table << "." << column << " is not in docs/data-dictionary.md";
      EXPECT_EQ(entry->second, unit) << table << "." << column;
    }
  }
}

TEST(DataDictionary, TheShippedDictionaryHasEveryTableAndColumnAPlanWrites) {
  TempDir temp;
  const auto plan = RunCommand(careforce::testing::Careforce(fmt::format("plan {} --runs 20 --quiet --out {}",
                                           (DataDir() / "places" / "demand_toy").string(), (temp.path() / "out").string())));
  ASSERT_EQ(plan.status, 0) << plan.err;
  const auto written = Parse(ReadFile(temp.path() / "out" / "data_dictionary.md"));
  ASSERT_GT(written.size(), 40u);  // every table of the toy's plan
  ExpectShipped(written);
}

// careforce train writes the plan's tables and the training tables.
TEST(DataDictionary, TheShippedDictionaryHasEveryTrainingTable) {
  TempDir temp;
  const auto train = RunCommand(careforce::testing::Careforce(fmt::format("train {} --runs 20 --quiet --out {}",
                                            (DataDir() / "places" / "demand_toy").string(), (temp.path() / "out").string())));
  ASSERT_EQ(train.status, 0) << train.err;
  const auto written = Parse(ReadFile(temp.path() / "out" / "data_dictionary.md"));
  for (const std::string table : {"training_courses", "training_cohorts", "training_organisations", "training_partners",
                                  "training_away", "training_needs", "training_unmet"}) {
    EXPECT_EQ(written.count(table), 1U) << table;
  }
  ExpectShipped(written);
}

}  // namespace
}  // namespace careforce::report
