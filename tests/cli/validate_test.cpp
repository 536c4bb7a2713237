// careforce validate reads every file careforce plan reads, with the same readers and the same
// messages, and refuses any input that is not a regular file with exit status 2, promptly.

#include <sys/stat.h>

#include <filesystem>
#include <string>

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace careforce {
namespace {

namespace fs = std::filesystem;
using namespace careforce::testing;

// A copy of a shipped test place in a temporary directory.
class PlaceCopy {
 public:
  explicit PlaceCopy(const std::string& name) {
    careforce::testing::CopyFiles(DataDir() / "places" / name, dir());
  }
  fs::path dir() const { return temp_.path() / "place"; }
  std::string str() const { return dir().string(); }
  // Replaces a file of the place with `make(path)`.
  template <typename Make>
  void Replace(const std::string& file, Make make) const {
    fs::remove(dir() / file);
    make(dir() / file);
  }

 private:
  TempDir temp_;
};

// Validate and plan of the same place and files: both exit 2 with the same problems.
void ExpectBothRefuse(const std::string& place, const std::string& options,
                      const std::string& error_line) {
  TempDir out;
  const auto validate = RunCommand(Careforce("validate --quiet " + place + options, kPromptly));
  const auto plan =
      RunCommand(Careforce("plan --quiet --runs 5 " + place + " --out " + out.str() + options, kPromptly));
  EXPECT_EQ(validate.status, 2) << validate.err;
  EXPECT_EQ(plan.status, 2) << plan.err;
  EXPECT_NE(validate.err.find(error_line + "\n"), std::string::npos) << validate.err;
  EXPECT_EQ(validate.err, plan.err);
  EXPECT_EQ(validate.out, "");
}

TEST(Validate, ReadsTheSupplyConfigurationAsPlanDoes) {
  const PlaceCopy place("tiny");
  WriteFile(place.dir() / "supply.toml", "[settings]\nby_locality = true\n[[joiners]\n");
  ExpectBothRefuse(
      place.str(), "",
      place.str() +
          "/supply.toml:3:11: error: Error while parsing table header: expected ']', saw "
          "'\\n', expected valid TOML");
  WriteFile(place.dir() / "supply.toml", "[[pipeline]]\nname = \"x\"\nrole = \"RNN\"\n");
  ExpectBothRefuse(
      place.str(), "",
      place.str() +
          "/supply.toml:3:8: error: unknown role \"RNN\" in [[pipeline]], expected a role of "
          "roles.csv (did you mean \"RN\"?)");
}

TEST(Validate, ReadsTheSupplyConfigScenariosAndPoliciesGivenOnTheCommandLine) {
  const PlaceCopy place("tiny");
  TempDir files;
  const std::string missing = (files.path() / "missing.toml").string();
  ExpectBothRefuse(
      place.str(), " --supply-config " + missing,
      missing +
          ":1:1: error: cannot open the file (No such file or directory), expected a regular file");
  WriteFile(files.path() / "scenario.toml",
            "name = \"Faster\"\n[supply]\nleaver_rate_factr = 1.2\n");
  const std::string scenario = (files.path() / "scenario.toml").string();
  ExpectBothRefuse(
      place.str(), " --scenario " + scenario,
      scenario +
          ":3:1: error: unknown key \"leaver_rate_factr\" in [supply], expected one of "
          "leaver_rate_factor, leaver_rate, retirement_rate, joiners, move or pipeline (did you "
          "mean \"leaver_rate_factor\"?)");
  fs::create_directory(files.path() / "policy.toml");
  const std::string policy = (files.path() / "policy.toml").string();
  ExpectBothRefuse(place.str(), " --policy " + policy,
                   policy + ":1:1: error: is a directory, expected a regular file");
}

TEST(Validate, ReportsEveryFileThePlanCannotReadTogether) {
  const PlaceCopy place("tiny");
  WriteFile(place.dir() / "supply.toml", "[settings]\ncredibility = 5\n");
  TempDir files;
  WriteFile(files.path() / "scenario.toml", "nme = \"x\"\n");
  const auto result = RunCommand(Careforce("validate " + place.str() + " --scenario " +
                                           (files.path() / "scenario.toml").string(), kPromptly));
  EXPECT_EQ(result.status, 2);
  EXPECT_EQ(
      result.err,
      place.str() +
          "/supply.toml:2:1: error: unknown key \"credibility\" in [settings], expected one of "
          "credibility_staff_years, by_locality or observed_joiners (did you mean "
          "\"credibility_staff_years\"?)\n" +
          (files.path() / "scenario.toml").string() +
          ":1:1: error: unknown key \"nme\" in the top level, expected one of name, description, "
          "demand, "
          "supply, new_role, pay or limits (did you mean \"name\"?)\n" +
          (files.path() / "scenario.toml").string() +
          ":1:1: error: missing key \"name\" in the top level, expected a string\n"
          "careforce: 3 errors\n");
}

TEST(Validate, AServiceModelNeedsPopulationCountsForTheBaseYear) {
  const PlaceCopy header_only("demand_toy");
  WriteFile(header_only.dir() / "population.csv", "area,year,age,sex,count\n");
  ExpectBothRefuse(header_only.str(), "",
                   header_only.str() +
                       "/population.csv:1:1: error: no population counts for 2025, expected counts "
                       "for the base year to project the demand of the service model from");
  const PlaceCopy missing("demand_toy");
  fs::remove(missing.dir() / "population.csv");
  ExpectBothRefuse(missing.str(), "",
                   missing.str() +
                       "/place.toml:1:1: error: the place has no population table, expected "
                       "population.csv (or [files.population]) with counts for 2025 to project the "
                       "demand of the service model from");
}

TEST(Validate, OpeningHoursAndCaseloadsAreCheckedAsThePlanReadsThem) {
  const PlaceCopy place("demand_toy");
  const std::string services = careforce::testing::ReadFile(place.dir() / "services.toml");
  WriteFile(place.dir() / "services.toml",
            services + "\n  [service.opening]\n  hours_a_year = 9000\n  seats = 0\n\n  [service.caseload]\n"
                       "  role = \"RNN\"\n  mean_weeks = -4\n  standard_caseload = 30\n");
  const std::string file = place.str() + "/services.toml";
  TempDir out;
  const auto validate = RunCommand(Careforce("validate --quiet " + place.str(), kPromptly));
  const auto plan = RunCommand(Careforce("plan --quiet --runs 5 " + place.str() + " --out " + out.str(), kPromptly));
  EXPECT_EQ(validate.status, 2) << validate.err;
  EXPECT_EQ(plan.status, 2) << plan.err;
  EXPECT_EQ(validate.err, plan.err);
  const std::string no_act = ": scope of practice is not checked and any role holding its competences may give it\n";
  EXPECT_EQ(validate.err,
            file + ":18:12: warning: intervention \"Case manager visit\" names no act, expected an act of the task "
                   "table (reference/plan/scope.csv)" + no_act +
                file + ":29:12: warning: intervention \"Check-in call\" names no act, expected an act of the task "
                       "table (reference/plan/scope.csv)" + no_act +
                file + ":35:18: error: hours_a_year = 9000 in [service.opening] is out of range, expected a number "
                   "greater than 0 and at most 8784\n" +
                file + ":36:11: error: seats = 0 in [service.opening] is out of range, expected a whole number "
                       "from 1 to 10000\n" +
                file + ":39:10: error: unknown role \"RNN\" in [service.caseload] of service memory_support, "
                       "expected a code from roles.csv (did you mean \"RN\"?)\n" +
                file + ":40:16: error: mean_weeks = -4 in [service.caseload] is out of range, expected a number "
                       "greater than 0 and at most 52\n"
                       "careforce: 4 errors\n");
}

TEST(Validate, AValidPlaceNamesEverythingItChecked) {
  const PlaceCopy place("demand_toy");
  WriteFile(place.dir() / "supply.toml", "[[leaver_rate]]\nrole = \"CW\"\nrate = 0.3\n");
  TempDir files;
  WriteFile(files.path() / "scenario.toml",
            "name = \"Growth\"\n[demand]\ngrowth_per_year = 0.01\n");
  WriteFile(files.path() / "policy.toml",
            "name = \"Retain\"\n[supply]\nleaver_rate_factor = 0.8\n");
  const std::string options = " --scenario " + (files.path() / "scenario.toml").string() +
                              " --policy " + (files.path() / "policy.toml").string();
  const auto result = RunCommand(Careforce("validate " + place.str() + options, kPromptly));
  ASSERT_EQ(result.status, 0) << result.err;
  EXPECT_NE(result.out.find("  service model: 1 services (" + place.str() + "/services.toml)\n"),
            std::string::npos)
      << result.out;
  EXPECT_NE(result.out.find("  supply configuration: " + place.str() + "/supply.toml\n"),
            std::string::npos)
      << result.out;
  EXPECT_NE(result.out.find("  1 scenario and 1 policy\n"), std::string::npos) << result.out;
  TempDir out;
  const auto plan = RunCommand(
      Careforce("plan --quiet --runs 5 " + place.str() + " --out " + out.str() + options, kPromptly));
  EXPECT_EQ(plan.status, 0) << plan.err;
}

TEST(Validate, RefusesDirectoriesAsInputs) {
  for (const std::string file :
       {"place.toml", "services.toml", "supply.toml", "staff.csv", "population.csv"}) {
    const PlaceCopy place("demand_toy");
    place.Replace(file, [](const fs::path& path) { fs::create_directory(path); });
    ExpectBothRefuse(
        place.str(), "",
        place.str() + "/" + file + ":1:1: error: is a directory, expected a regular file");
  }
}

TEST(Validate, RefusesANamedPipePromptly) {
  for (const std::string file : {"services.toml", "supply.toml", "staff.csv", "leavers.csv"}) {
    const PlaceCopy place("demand_toy");
    place.Replace(file, [](const fs::path& path) { ASSERT_EQ(::mkfifo(path.c_str(), 0600), 0); });
    const auto result = RunCommand(Careforce("validate " + place.str(), kPromptly));
    EXPECT_EQ(result.status, 2) << file << " (124: it blocked)";
    EXPECT_NE(result.err.find(place.str() + "/" + file +
                              ":1:1: error: is a named pipe (FIFO), expected a regular file\n"),
              std::string::npos)
        << result.err;
  }
}

TEST(Validate, ReportsASymbolicLinkLoopAsAnInputError) {
  for (const std::string file : {"place.toml", "services.toml", "supply.toml", "roles.csv"}) {
    const PlaceCopy place("demand_toy");
    place.Replace(file, [](const fs::path& path) { fs::create_symlink(path.filename(), path); });
    ExpectBothRefuse(place.str(), "",
                     place.str() + "/" + file +
                         ":1:1: error: cannot open the file (Too many levels of symbolic links), "
                         "expected a regular "
                         "file");
  }
  TempDir temp;
  fs::create_symlink("loop", temp.path() / "loop");
  const auto result = RunCommand(Careforce("validate " + (temp.path() / "loop").string(), kPromptly));
  EXPECT_EQ(result.status, 2);
  EXPECT_EQ(
      result.err,
      (temp.path() / "loop").string() +
          ":1:1: error: cannot open the directory (Too many levels of symbolic links), expected a "
          "place directory holding place.toml\ncareforce: 1 error\n");
}

TEST(Validate, RefusesADeviceAsAStaffCsv) {
  const PlaceCopy place("tiny");
  place.Replace("staff.csv", [](const fs::path& path) { fs::create_symlink("/dev/zero", path); });
  const auto result = RunCommand(Careforce("validate " + place.str(), kPromptly));
  EXPECT_EQ(result.status, 2);
  EXPECT_EQ(result.err,
            place.str() +
                "/staff.csv:1:1: error: is a character device, expected a regular file\n"
                "careforce: 1 error\n");
}

TEST(Validate, RefusesAFileOverTheSizeLimitWithoutReadingIt) {
  const PlaceCopy place("tiny");
  place.Replace("vacancies.csv", [](const fs::path& path) {
    WriteFile(path, "");
    fs::resize_file(path, std::uintmax_t{3} << 30);  // sparse: 3 GiB that take no space
  });
  const auto result = RunCommand(Careforce("validate " + place.str(), kPromptly));
  EXPECT_EQ(result.status, 2);
  EXPECT_EQ(result.err,
            place.str() +
                "/vacancies.csv:1:1: error: is 3221225472 bytes, more than the 2147483648 bytes "
                "(2 GiB) an input file may have, expected a regular file of at most 2 GiB\n"
                "careforce: 1 error\n");
}

}  // namespace
}  // namespace careforce
