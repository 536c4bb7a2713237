// The command line as a planner types it: unknown commands and options with a suggestion, one
// spelling of the supply configuration, progress on a terminal only, the plan's closing lines
// and careforce init.

#include <cstdlib>
#include <filesystem>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "test_support.hpp"

namespace careforce {
namespace {

namespace fs = std::filesystem;
using namespace careforce::testing;

// Runs a command with standard error on a pseudo-terminal (util-linux script) and standard
// output to `out`; returns what the terminal showed.
careforce::testing::CommandResult OnATerminal(const std::string& arguments, const fs::path& out) {
  return RunCommand("script -qec '" + Careforce(arguments) + " >" + out.string() + "' /dev/null");
}

constexpr const char* kCommands =
    "validate, profile, plan, train, teams, import, snapshots, synth, build-west-sussex, wisn, supply, stratify or init";

TEST(CliUsage, AnUnknownCommandSaysWhatWasExpectedAndSuggestsTheNearest) {
  const auto result = RunCommand(Careforce("plna examples/westbrook --out out"));
  EXPECT_EQ(result.status, 2);
  EXPECT_EQ(result.err, std::string("careforce: error: unknown command \"plna\", expected one of ") + kCommands +
                            " (did you mean \"plan\"?)\n");
  EXPECT_EQ(result.out, "");
  const auto far = RunCommand(Careforce("frobnicate"));
  EXPECT_EQ(far.status, 2);
  EXPECT_EQ(far.err, std::string("careforce: error: unknown command \"frobnicate\", expected one of ") + kCommands + "\n");
}

TEST(CliUsage, NoCommandIsAnErrorListingThem) {
  const auto result = RunCommand(Careforce(""));
  EXPECT_EQ(result.status, 2);
  EXPECT_EQ(result.err, std::string("careforce: error: a command is required, expected one of ") + kCommands +
                            " (careforce --help describes them)\n");
  const auto before = RunCommand(Careforce("--json validate x"));
  EXPECT_EQ(before.status, 2);
  EXPECT_EQ(before.err, std::string("careforce: error: unknown option \"--json\" before the command, expected a command (") +
                            kCommands + "), --help or --version\n");
  EXPECT_EQ(RunCommand(Careforce("--help")).status, 0);
  EXPECT_EQ(RunCommand(Careforce("plan --help")).status, 0);
}

TEST(CliUsage, AnUnknownOptionSaysWhichTheCommandTakesAndSuggestsTheNearest) {
  const std::string place = (DataDir() / "places" / "supply_toy").string();
  const auto result = RunCommand(Careforce("supply " + place + " --year 3"));
  EXPECT_EQ(result.status, 2);
  EXPECT_EQ(result.err,
            "careforce: error: unknown option \"--year\" of careforce supply, expected one of --years, --runs, --seed, "
            "--expected, --threads, --supply-config, --reference, --quiet, --json or --no-suppression (did you mean "
            "\"--years\"?)\n");
  const auto with_value = RunCommand(Careforce("plan " + place + " --out x --supply-confg=s.toml"));
  EXPECT_EQ(with_value.status, 2);
  EXPECT_TRUE(with_value.err.starts_with("careforce: error: unknown option \"--supply-confg\" of careforce plan, "
                                         "expected one of --out, --json, --no-suppression, --reference, --quiet, "))
      << with_value.err;
  EXPECT_TRUE(with_value.err.ends_with(" (did you mean \"--supply-config\"?)\n")) << with_value.err;
  // A negative number is a value, not an option: the parser's range check answers it.
  const auto negative = RunCommand(Careforce("supply " + place + " --years -1"));
  EXPECT_EQ(negative.status, 2);
  EXPECT_EQ(negative.err.find("unknown option"), std::string::npos) << negative.err;
}

TEST(CliUsage, TheSupplyConfigurationIsSupplyConfigUnderEveryCommand) {
  const std::string place = (DataDir() / "places" / "supply_toy").string();
  TempDir temp;
  careforce::testing::WriteFile(temp.path() / "supply.toml", "[[pipeline]]\nname = \"x\"\nrole = \"RX\"\n");
  const std::string config = (temp.path() / "supply.toml").string();
  for (const std::string& command : {"supply " + place + " --expected", "plan " + place + " --out " + temp.str() + "/out"}) {
    const auto bad = RunCommand(Careforce(command + " --supply-config " + config));
    EXPECT_EQ(bad.status, 2) << command;
    EXPECT_NE(bad.err.find("supply.toml:3:8: error: unknown role \"RX\" in [[pipeline]], expected a role of roles.csv"),
              std::string::npos)
        << bad.err;
  }
  // The old spelling under supply still works, with a warning.
  const auto old = RunCommand(Careforce("supply " + place + " --expected --config " + config));
  EXPECT_EQ(old.status, 2);
  EXPECT_TRUE(old.err.starts_with("careforce: warning: --config of careforce supply is deprecated, expected "
                                  "--supply-config (the same option under every command)\n"))
      << old.err;
  EXPECT_NE(old.err.find("unknown role \"RX\""), std::string::npos) << old.err;
}

TEST(CliProgress, StepsShowOnATerminalOnlyAndNotWithQuiet) {
  ASSERT_EQ(std::system("command -v script >/dev/null 2>&1"), 0) << "script(1) (Debian bsdutils) is needed to give the command a terminal";
  TempDir temp;
  const std::string place = temp.str() + "/place";  // a place without warnings: the template
  ASSERT_EQ(RunCommand(Careforce("init " + place)).status, 0);
  const auto shown = OnATerminal("plan " + place + " --runs 50 --out " + temp.str() + "/a", temp.path() / "a.txt");
  ASSERT_EQ(shown.status, 0) << shown.out;
  EXPECT_NE(shown.out.find("reading the place " + place + "..."), std::string::npos) << shown.out;
  EXPECT_NE(shown.out.find("projecting demand..."), std::string::npos) << shown.out;
  EXPECT_NE(shown.out.find("projecting supply: 50 of 50 runs"), std::string::npos) << shown.out;
  EXPECT_NE(shown.out.find("optimising the skill mix of 2030..."), std::string::npos) << shown.out;
  // What was chosen for the skill mix year by year, and why (its programme's size).
  EXPECT_NE(shown.out.find("the skill mix year by year: one programme of about "), std::string::npos) << shown.out;
  EXPECT_NE(shown.out.find("writing the report, the workbook and the tables to " + temp.str() + "/a..."),
            std::string::npos)
      << shown.out;
  // The line is cleared before the closing lines (on standard output, here the file).
  EXPECT_TRUE(shown.out.ends_with("\r\033[K")) << shown.out;
  EXPECT_NE(careforce::testing::ReadFile(temp.path() / "a.txt").find("wrote "), std::string::npos);

  const auto quiet = OnATerminal("plan " + place + " --runs 50 --quiet --out " + temp.str() + "/b", temp.path() / "b.txt");
  ASSERT_EQ(quiet.status, 0) << quiet.out;
  EXPECT_EQ(quiet.out, "");
  // In a pipe: nothing on standard error either.
  const auto piped = RunCommand(Careforce("plan " + place + " --runs 50 --out " + temp.str() + "/c"));
  ASSERT_EQ(piped.status, 0) << piped.err;
  EXPECT_EQ(piped.err.find('\r'), std::string::npos) << piped.err;
  EXPECT_EQ(piped.err.find("reading the place"), std::string::npos) << piped.err;
}

TEST(CliPlan, TheClosingLinesGiveTheHeadlineAnswers) {
  // The figures are those of csv/gaps.csv (shortfall_fte of 2030: RN 2.46, HCA 0.72, SW 0.54,
  // GP 0.46, CW 0.02) and of the cheapest mix; the parity policy only adds pay.
  const std::string place = (DataDir() / "places" / "demand_toy").string();
  TempDir temp;
  careforce::testing::WriteFile(temp.path() / "parity.toml", "name = \"Parity\"\n[pay]\nharmonise = true\n");
  const auto open = RunCommand(Careforce("plan " + place + " --runs 50 --no-suppression --policy " + temp.str() +
                                         "/parity.toml --out " + temp.str() + "/open"));
  ASSERT_EQ(open.status, 0) << open.err;
  EXPECT_NE(open.out.find("  gaps in 2030: at today's skill mix roles short of staff need 4.2 FTE more; largest: "
                          "Registered nurse 2.5 FTE, Healthcare assistant 0.7 FTE, Social worker 0.5 FTE\n"
                          "  cheapest safe skill mix in 2030: £515k a year with 3.0 FTE of hires\n"
                          "  recommended policy: No new policy: the least worst-case regret (£0)\n"
                          "wrote 63 files; the report is " + temp.str() + "/open/report.html\n"),
            std::string::npos)
      << open.out;
  // Shared outputs: these roles' supply is hidden (fewer than 5 staff), so none is named.
  const auto shared = RunCommand(Careforce("plan " + place + " --runs 50 --out " + temp.str() + "/shared"));
  ASSERT_EQ(shared.status, 0) << shared.err;
  EXPECT_NE(shared.out.find("  gaps in 2030: at today's skill mix roles short of staff need 4.2 FTE more (roles with "
                            "small numbers not named)\n"),
            std::string::npos)
      << shared.out;
  for (const char* role : {"Registered nurse", "Healthcare assistant", "Social worker"}) {
    EXPECT_EQ(shared.out.find(std::string(role) + " "), std::string::npos) << role;
  }
}

TEST(CliInit, WritesAPlaceThatValidatesAndPlans) {
  TempDir temp;
  const std::string place = temp.str() + "/my_place";
  const auto init = RunCommand(Careforce("init " + place));
  ASSERT_EQ(init.status, 0) << init.err;
  EXPECT_EQ(init.out, "wrote a place to start from to " + place + ": edit its files (docs/formats.md), then run careforce "
                      "validate " + place + "\n");
  EXPECT_EQ(init.err, "");
  for (const char* file : {"place.toml", "organisations.csv", "roles.csv", "competences.csv", "role_competences.csv",
                           "staff.csv", "vacancies.csv", "leavers.csv", "population.csv", "services.toml", "supply.toml"}) {
    EXPECT_TRUE(fs::exists(fs::path(place) / file)) << file;
  }
  EXPECT_NE(careforce::testing::ReadFile(fs::path(place) / "place.toml").find("docs/formats.md"), std::string::npos);
  EXPECT_NE(careforce::testing::ReadFile(fs::path(place) / "services.toml").find("act = \"personal_care\""),
            std::string::npos);

  const auto validate = RunCommand(Careforce("validate " + place));
  EXPECT_EQ(validate.status, 0) << validate.err;
  EXPECT_EQ(validate.err, "");  // not even a warning
  EXPECT_NE(validate.out.find("My place: valid place (base year 2025, census 2025-03-31)\n"
                              "  2 localities, 3 organisations, 3 roles, 3 competences\n"
                              "  8 people in 8 posts (6.9 FTE)"),
            std::string::npos)
      << validate.out;
  EXPECT_NE(validate.out.find("  service model: 1 services"), std::string::npos) << validate.out;

  const auto plan = RunCommand(Careforce("plan " + place + " --runs 100 --out " + temp.str() + "/out"));
  ASSERT_EQ(plan.status, 0) << plan.err;
  EXPECT_EQ(plan.err, "");
  EXPECT_NE(plan.out.find("  gaps in 2030: at today's skill mix roles short of staff need "), std::string::npos)
      << plan.out;
  EXPECT_NE(plan.out.find("  cheapest safe skill mix in 2030: "), std::string::npos) << plan.out;
  EXPECT_TRUE(fs::exists(fs::path(temp.str()) / "out" / "report.html"));
}

TEST(CliInit, RefusesADirectoryThatIsNotEmpty) {
  TempDir temp;
  careforce::testing::WriteFile(temp.path() / "notes.txt", "mine");
  const auto result = RunCommand(Careforce("init " + temp.str()));
  EXPECT_EQ(result.status, 2);
  EXPECT_EQ(result.err, "careforce: error: " + temp.str() +
                            ": the directory is not empty, expected a new or empty directory for the place (careforce "
                            "init never overwrites files)\n");
  EXPECT_EQ(result.out, "");
  EXPECT_FALSE(fs::exists(temp.path() / "place.toml"));
  EXPECT_EQ(RunCommand(Careforce("init")).status, 2);  // no directory
  const auto file = RunCommand(Careforce("init " + (temp.path() / "notes.txt").string()));
  EXPECT_EQ(file.status, 2);
  EXPECT_EQ(file.err, "careforce: error: " + (temp.path() / "notes.txt").string() +
                          ": not a directory, expected a new or empty directory for the place\n");
}

}  // namespace
}  // namespace careforce
