// Every validation rule has a small bad place under tests/data/bad_places/<rule>/: the files
// that differ from tests/data/places/tiny (and remove.txt naming files to delete), and
// expected.txt with the exact messages, the place directory written as PLACE.

#include <filesystem>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "io/place_reader.hpp"
#include "test_support.hpp"

namespace careforce::io {
namespace {

namespace fs = std::filesystem;
using careforce::testing::BadPlaces;
using careforce::testing::DataDir;
using careforce::testing::ReadFile;
using careforce::testing::TempDir;

class BadPlaceTest : public ::testing::TestWithParam<std::string> {};

TEST_P(BadPlaceTest, ReportsExactlyTheExpectedErrors) {
  TempDir temp;
  const fs::path place = temp.path() / "PLACE";
  careforce::testing::AssembleBadPlace(GetParam(), place);
  Diagnostics diagnostics;
  ReadOptions options;
  options.today = careforce::testing::FixedToday();
  ReadPlace(place.string(), diagnostics, options);

  std::string actual;
  for (const Diagnostic& diagnostic : diagnostics.all()) {
    std::string line = diagnostic.Format();
    const std::string prefix = place.string() + "/";
    if (line.starts_with(prefix)) line = "PLACE/" + line.substr(prefix.size());
    actual += line + "\n";
  }
  const std::string expected = ReadFile(DataDir() / "bad_places" / GetParam() / "expected.txt");
  EXPECT_TRUE(diagnostics.HasErrors());
  EXPECT_EQ(actual, expected);
}

INSTANTIATE_TEST_SUITE_P(Rules, BadPlaceTest, ::testing::ValuesIn(BadPlaces()),
                         [](const ::testing::TestParamInfo<std::string>& info) { return info.param; });

TEST(BadPlaces, EveryRuleHasACaseWithExpectedMessages) {
  const std::vector<std::string> names = BadPlaces();
  EXPECT_GE(names.size(), 40u);
  for (const std::string& name : names) {
    EXPECT_FALSE(ReadFile(DataDir() / "bad_places" / name / "expected.txt").empty()) << name;
  }
}

TEST(BadPlaces, TheBasePlaceItselfIsValid) {
  Diagnostics diagnostics;
  ReadOptions options;
  options.today = careforce::testing::FixedToday();
  ReadPlace((DataDir() / "places" / "tiny").string(), diagnostics, options);
  EXPECT_EQ(diagnostics.all().size(), 0u);
}

}  // namespace
}  // namespace careforce::io
