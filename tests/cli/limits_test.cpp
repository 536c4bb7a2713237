// Limits no real place reaches (model/limits.hpp, docs/reliability.md "Limits"): each is an input
// error with exit status 2 that names it.

#include <algorithm>
#include <filesystem>
#include <string>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "io/csv.hpp"
#include "io/risk_reader.hpp"
#include "model/error.hpp"
#include "model/limits.hpp"
#include "test_support.hpp"

namespace careforce {
namespace {

namespace fs = std::filesystem;
using namespace careforce::testing;

constexpr const char* kRunsKeptMessage =
    "supply projection:1:1: error: keeping 100000 runs of 1012 series over 6 years (11638400000 "
    "bytes) is more than "
    "the limit of 8589934592 bytes of runs kept (docs/reliability.md#limits), expected at most "
    "8589934592 (fewer "
    "--runs, or --expected, or by_locality = false in supply.toml)\n"
    "careforce: 1 error\n";

constexpr const char* kHelp = "Run with --help for more information.\n";

// The line (1-based) on which `text` has its `nth` (1-based) line starting with `start`.
int LineOf(const std::string& text, const std::string& start, int nth) {
  int line = 1;
  int seen = 0;
  for (std::size_t at = 0; at < text.size(); at = text.find('\n', at) + 1) {
    if (text.compare(at, start.size(), start) == 0 && ++seen == nth) return line;
    if (text.find('\n', at) == std::string::npos) break;
    ++line;
  }
  return -1;
}

// A place written by careforce init (valid, without warnings) in `temp`/place.
std::string TemplatePlace(const TempDir& temp) {
  const std::string place = temp.str() + "/place";
  EXPECT_EQ(RunCommand(Careforce("init " + place)).status, 0);
  return place;
}

TEST(Limits, RunsAndYearsOnTheCommandLine) {
  const std::string place = (DataDir() / "places" / "supply_toy").string();
  const auto runs = RunCommand(Careforce("supply " + place + " --runs 1000000"));
  EXPECT_EQ(runs.status, 2);
  EXPECT_EQ(
      runs.err,
      std::string(
          "--runs: 1000000 is more than the limit of 100000 runs (docs/reliability.md#limits), "
          "expected at most 100000\n") +
          kHelp);
  const auto huge = RunCommand(Careforce("supply " + place + " --runs 99999999999999999999"));
  EXPECT_EQ(huge.status, 2);
  EXPECT_EQ(huge.err,
            std::string("--runs: 99999999999999999999 is more than the limit of 100000 runs "
                        "(docs/reliability.md#limits), expected at most 100000\n") +
                kHelp);
  const auto none = RunCommand(Careforce("supply " + place + " --runs 0"));
  EXPECT_EQ(none.status, 2);
  EXPECT_EQ(
      none.err,
      std::string("--runs: 0 is less than 1, expected a whole number from 1 to 100000\n") + kHelp);
  const auto years = RunCommand(Careforce("supply " + place + " --years 51"));
  EXPECT_EQ(years.status, 2);
  EXPECT_EQ(
      years.err,
      std::string("--years: 51 is more than the limit of 50 years (docs/reliability.md#limits), "
                  "expected at most 50\n") +
          kHelp);
  for (const std::string option : {"--runs", "--scenario-runs"}) {
    const auto plan =
        RunCommand(Careforce("plan " + place + " --out /nonexistent " + option + " 100001"));
    EXPECT_EQ(plan.status, 2);
    EXPECT_EQ(
        plan.err,
        option +
            ": 100001 is more than the limit of 100000 runs (docs/reliability.md#limits), expected "
            "at most 100000\n" +
            kHelp);
  }
  const auto synth = RunCommand(
      Careforce("synth --seed 1 --population 100000 --localities 10001 --out /nonexistent"));
  EXPECT_EQ(synth.status, 2);
  EXPECT_EQ(synth.err, std::string("--localities: 10001 is more than the limit of 10000 localities "
                                   "(docs/reliability.md#limits), expected at most 10000\n") +
                           kHelp);
  // At the limit: accepted.
  EXPECT_EQ(RunCommand(Careforce("supply " + place + " --years 50 --expected")).status, 0);
}

TEST(Limits, Localities) {
  TempDir temp;
  const std::string place = TemplatePlace(temp);
  std::string toml = ReadFile(place + "/place.toml");  // two localities
  for (int extra = 1; extra <= 9'999; ++extra)
    toml += fmt::format("\n[[locality]]\ncode = \"X{}\"\nname = \"X{}\"\n", extra, extra);
  WriteFile(place + "/place.toml", toml);
  const auto result = RunCommand(Careforce("validate " + place));
  EXPECT_EQ(result.status, 2);
  EXPECT_EQ(result.err,
            place + "/place.toml:" + std::to_string(LineOf(toml, "[[locality]]", 10'001)) +
                ":1: error: locality 10001 is more than the limit of 10000 localities "
                "(docs/reliability.md#limits), expected at most 10000 [[locality]] tables\n"
                "careforce: 1 error\n");
  // 10,000 are a valid place.
  WriteFile(place + "/place.toml", toml.substr(0, toml.rfind("\n[[locality]]")));
  EXPECT_EQ(RunCommand(Careforce("validate " + place)).status, 0);
}

TEST(Limits, Roles) {
  TempDir temp;
  const std::string place = TemplatePlace(temp);
  std::string roles =
      "code,name,staff_group,registered,afc_band,hourly_rate,annual_salary,pay_comparator,"
      "reference_role\n";
  roles +=
      "RN,Registered nurse,registered_nursing,yes,5,,,registered_nurse,\n"
      "HCA,Healthcare assistant,support_care,no,3,,,support_worker,\n"
      "CW,Care worker,support_care,no,,12.00,,support_worker,\n";
  for (int extra = 1; extra <= 998; ++extra) {
    roles += fmt::format("R{},Assistant {},support_care,no,3,,,,HCA\n", extra, extra);
  }
  WriteFile(place + "/roles.csv", roles);
  const auto result = RunCommand(Careforce("validate " + place));
  EXPECT_EQ(result.status, 2);
  EXPECT_EQ(result.err,
            place +
                "/roles.csv:1002:1: error: role 1001 is more than the limit of 1000 roles "
                "(docs/reliability.md#limits), expected at most 1000 rows\ncareforce: 1 error\n");
}

TEST(Limits, Interventions) {
  TempDir temp;
  const std::string place = TemplatePlace(temp);
  std::string services = ReadFile(place + "/services.toml");  // one intervention
  const std::string intervention =
      services.substr(services.find("    [[service.tier.intervention]]"));
  for (int extra = 1; extra <= 2'000; ++extra) services += "\n" + intervention;
  WriteFile(place + "/services.toml", services);
  const auto result = RunCommand(Careforce("validate " + place));
  EXPECT_EQ(result.status, 2);
  EXPECT_EQ(result.err,
            place + "/services.toml:" +
                std::to_string(LineOf(services, "    [[service.tier.intervention]]", 2'001)) +
                ":5: error: intervention 2001 is more than the limit of 2000 interventions "
                "(docs/reliability.md#limits), expected at most 2000 over every "
                "service\ncareforce: 1 error\n");
}

TEST(Limits, ALineOfACsvFile) {
  TempDir temp;
  const std::string place = TemplatePlace(temp);
  std::string staff = ReadFile(place + "/staff.csv");
  const int line = static_cast<int>(std::count(staff.begin(), staff.end(), '\n')) + 1;
  staff += "S999,ORG1,RN,1.0,44,F,2012-09-01,36500,permanent,,";
  staff.append(kMaxLineBytes.most, 'x');
  staff += "\n";
  WriteFile(place + "/staff.csv", staff);
  const auto result = RunCommand(Careforce("validate " + place));
  EXPECT_EQ(result.status, 2);
  EXPECT_EQ(
      result.err,
      place + "/staff.csv:" + std::to_string(line) +
          ":1: error: this record is more than the limit of 1048576 bytes in a line "
          "(docs/reliability.md#limits), expected at most 1048576 bytes a record (a CSV file of "
          "records)\ncareforce: 1 error\n");
  // The reader stops there: nothing of a line of a million commas is kept.
  Diagnostics diagnostics;
  std::string commas = "a,b\n";
  commas.append(2 * kMaxLineBytes.most, ',');
  commas += "\n1,2\n";
  io::CsvReader reader(commas, "commas.csv", diagnostics);
  EXPECT_TRUE(reader.Next());
  EXPECT_FALSE(reader.Next());
  EXPECT_EQ(diagnostics.error_count(), 1u);
}

TEST(Limits, TheRunsKeptAreCheckedByValidateAsByPlan) {
  // The template by locality with 250 localities (2 of them staffed, 3 roles): every run keeps
  // about 456 bytes a locality over its 6 years, so 100,000 runs would keep more than 8 GiB.
  // validate refuses them as plan does, with the same message, before anything is projected.
  TempDir temp;
  const std::string place = TemplatePlace(temp);
  std::string toml = ReadFile(place + "/place.toml");
  for (int extra = 1; extra <= 248; ++extra)
    toml += fmt::format("\n[[locality]]\ncode = \"X{}\"\nname = \"X{}\"\n", extra, extra);
  WriteFile(place + "/place.toml", toml);
  const std::string message = kRunsKeptMessage;
  const auto validate = RunCommand(Careforce("validate " + place + " --runs 100000"));
  EXPECT_EQ(validate.status, 2);
  EXPECT_EQ(validate.err, message);
  const auto plan = RunCommand(
      Careforce("plan " + place + " --out " + temp.str() + "/out --quiet --runs 100000"));
  EXPECT_EQ(plan.status, 2);
  EXPECT_EQ(plan.err, message);
  // Half as many fit; the runs of scenario and policy cells are checked when there are cells.
  EXPECT_EQ(RunCommand(Careforce("validate " + place + " --runs 50000")).status, 0);
  WriteFile(temp.str() + "/scenario.toml", "name = \"Same\"\n");
  EXPECT_EQ(RunCommand(Careforce("validate " + place + " --runs 10 --scenario-runs 100000")).status,
            0);
  const auto cells =
      RunCommand(Careforce("validate " + place + " --runs 10 --scenario-runs 100000 --scenario " +
                           temp.str() + "/scenario.toml"));
  EXPECT_EQ(cells.status, 2);
  EXPECT_EQ(cells.err, message);
}

TEST(Limits, RegisterRows) {
  // The limit of 100 million people, as a limit of 3 on a register of 4.
  const std::string path = (DataDir() / "registers" / "small.csv").string();
  try {
    io::ReadRegister(path, Limit{"register rows", 3});
    FAIL() << "expected an input error";
  } catch (const InputError& error) {
    ASSERT_EQ(error.diagnostics().all().size(), 1u);
    EXPECT_EQ(error.diagnostics().all()[0].Format(),
              path +
                  ":5:1: error: person 4 is more than the limit of 3 register rows "
                  "(docs/reliability.md#limits), "
                  "expected at most 3 people");
  }
  EXPECT_EQ(kMaxRegisterRows.most, 100'000'000);
}

}  // namespace
}  // namespace careforce
