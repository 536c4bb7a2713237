// The careforce command as a user runs it: exit status, stdout and stderr.

#include <filesystem>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "test_support.hpp"

namespace careforce {
namespace {

namespace fs = std::filesystem;
using namespace careforce::testing;

TEST(Cli, ValidateAcceptsAValidPlace) {
  const auto result = RunCommand(Careforce("validate " + (DataDir() / "places" / "tiny").string()));
  EXPECT_EQ(result.status, 0);
  EXPECT_NE(result.out.find("Tiny: valid place (base year 2025, census 2025-03-31)"), std::string::npos);
  EXPECT_NE(result.out.find("9 people in 10 posts (8.0 FTE)"), std::string::npos);
  EXPECT_EQ(result.err, "");
}

TEST(Cli, ValidateWarnsOfUnmatchedCodesAndMissingLeaversButExitsWithZero) {
  careforce::testing::TempDir temp;
  careforce::testing::CopyFiles(DataDir() / "places" / "tiny", temp.path());
  fs::remove(temp.path() / "leavers.csv");
  std::string roles = careforce::testing::ReadFile(temp.path() / "roles.csv");
  roles += "RGN,Registered general nurse,registered_nursing,yes,5,,,registered_nurse\n";
  careforce::testing::WriteFile(temp.path() / "roles.csv", roles);
  const auto result = RunCommand(Careforce("validate " + temp.str()));
  EXPECT_EQ(result.status, 0);
  EXPECT_EQ(result.err, temp.str() + "/roles.csv:7:1: warning: role \"RGN\" has no reference match (no reference_role "
                                     "and not a shipped code): its reference leaver rate is that of any role of its "
                                     "sector group (\"*\" in synth/turnover.csv), it gives no act of the task table "
                                     "(reference/plan/scope.csv) and no role conversion applies to it\n");
  EXPECT_NE(result.out.find("  3 vacancies, 0 leavers"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("  no leavers.csv: reference leaver and retirement rates used (no evidence of leaving, "
                            "credibility 0)\n"),
            std::string::npos)
      << result.out;
  const auto supply = RunCommand(Careforce("supply --expected --years 2 " + temp.str()));
  EXPECT_EQ(supply.status, 0) << supply.err;
  EXPECT_NE(supply.out.find("  no leavers.csv: reference leaver and retirement rates used"), std::string::npos);
  const auto json = RunCommand(Careforce("supply --expected --years 2 --json " + temp.str()));
  ASSERT_EQ(json.status, 0) << json.err;
  EXPECT_FALSE(nlohmann::json::parse(json.out)["leavers_recorded"].get<bool>());
}

TEST(Cli, ValidateReportsEveryProblemAndExitsWithTwo) {
  careforce::testing::TempDir temp;
  careforce::testing::CopyFiles(DataDir() / "places" / "tiny", temp.path());
  careforce::testing::CopyFiles(DataDir() / "bad_places" / "several_files", temp.path());
  const auto result = RunCommand(Careforce("validate " + temp.str()));
  EXPECT_EQ(result.status, 2);
  const std::string prefix = temp.str() + "/";
  EXPECT_EQ(result.err,
            prefix + "place.toml:9:25: error: suppression_threshold = 0 in [settings] is out of range, expected a "
                     "whole number from 1 to 100\n" +
                prefix + "organisations.csv:2:36: error: sector \"nhs_comunity\" is not allowed, expected "
                         "nhs_acute, nhs_community, nhs_mental_health, primary_care, local_authority, independent, "
                         "voluntary or individual_employer (did you mean \"nhs_community\"?)\n" +
                prefix + "leavers.csv:3:43: error: leaving reason \"resigned\" is not allowed, expected retirement, "
                         "resignation, end_of_contract, dismissal, death or other\n"
                         "careforce: 3 errors\n");
  EXPECT_EQ(result.out, "");
}

TEST(Cli, ProfileJsonCarriesTheFigures) {
  const auto result = RunCommand(Careforce("profile --json --no-suppression " + (DataDir() / "places" / "tiny").string()));
  ASSERT_EQ(result.status, 0) << result.err;
  const auto json = nlohmann::json::parse(result.out);
  EXPECT_EQ(json["headcount"], 9);
  EXPECT_NEAR(json["leaver_rate"].get<double>(), 3.0 / 9.5, 1e-12);
  EXPECT_FALSE(json["suppression"]["applied"].get<bool>());
  EXPECT_EQ(json["tables"]["workforce_by_sector"][0]["code"], "nhs_community");
  EXPECT_EQ(json["tables"]["workforce_by_sector"][0]["headcount"], 3);
}

TEST(Cli, ProfileSuppressesSmallNumbersByDefault) {
  const auto result = RunCommand(Careforce("profile --json " + (DataDir() / "places" / "tiny").string()));
  ASSERT_EQ(result.status, 0) << result.err;
  const auto json = nlohmann::json::parse(result.out);
  EXPECT_TRUE(json["suppression"]["applied"].get<bool>());
  EXPECT_TRUE(json["tables"]["workforce_by_sector"][0]["headcount"].is_null());
}

TEST(Cli, PlanWritesTheReportJsonAndCsvs) {
  careforce::testing::TempDir out;
  const auto result = RunCommand(Careforce("plan " + (DataDir() / "places" / "tiny").string() + " --out " + out.str()));
  ASSERT_EQ(result.status, 0) << result.err;
  EXPECT_NE(result.out.find("the report is " + (out.path() / "report.html").string()), std::string::npos);
  const std::string html = careforce::testing::ReadFile(out.path() / "report.html");
  EXPECT_NE(html.find("<svg"), std::string::npos);
  EXPECT_NE(html.find("People by age and sex"), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);  // self-contained, no scripts
  EXPECT_EQ(html.find("http://"), html.find("http://www.w3.org/2000/svg"));  // no external resources
  const auto json = nlohmann::json::parse(careforce::testing::ReadFile(out.path() / "plan.json"));
  EXPECT_EQ(json["format"], "careforce-plan");
  EXPECT_EQ(json["place"]["name"], "Tiny");
  EXPECT_TRUE(fs::exists(out.path() / "csv" / "turnover_by_role.csv"));
  // Organised by the Six Steps; supply is part of step 4, in plan.json and in CSVs.
  EXPECT_NE(html.find("Step 1 · Define the plan"), std::string::npos);
  EXPECT_NE(html.find("Step 4 · Understand workforce availability: the workforce we will have"), std::string::npos);
  EXPECT_NE(html.find("Step 6 · Implement, monitor and refresh"), std::string::npos);
  EXPECT_EQ(json["format_version"], 2);
  EXPECT_EQ(json["summary"]["tables"]["summary"][0]["question"], "Who is in the workforce today?");
  EXPECT_EQ(json["define"]["tables"]["scope"][0]["value"], "Tiny");
  // plan.xlsx: a zip holding the Contents, the Assumptions and a sheet per table of the steps the
  // place has (the tiny place has no service model, so none of steps 2 and 3).
  const std::string workbook = careforce::testing::ReadFile(out.path() / "plan.xlsx");
  EXPECT_EQ(workbook.substr(0, 4), std::string("PK\x03\x04", 4));
  const std::string sheets = careforce::testing::Unzip(workbook).at("xl/workbook.xml");
  EXPECT_NE(sheets.find("<sheet name=\"Contents\" sheetId=\"1\""), std::string::npos);
  EXPECT_NE(sheets.find("<sheet name=\"Summary\" sheetId=\"2\""), std::string::npos);
  EXPECT_NE(sheets.find("<sheet name=\"1.1 Scope\" sheetId=\"3\""), std::string::npos);
  EXPECT_NE(sheets.find("<sheet name=\"Assumptions\""), std::string::npos);
  EXPECT_NE(sheets.find("<sheet name=\"4.1 "), std::string::npos);
  EXPECT_NE(sheets.find("<sheet name=\"6.1 Monitor\""), std::string::npos);
  EXPECT_EQ(sheets.find("<sheet name=\"2."), std::string::npos);
  EXPECT_EQ(sheets.find("<sheet name=\"3."), std::string::npos);
  EXPECT_EQ(json["supply"]["runs"], 1000);
  EXPECT_EQ(json["supply"]["series"][0]["headcount"]["mean"][0], 9.0);
  EXPECT_TRUE(fs::exists(out.path() / "csv" / "supply_flows.csv"));
}

TEST(CliSupply, JsonIsTheSameWhateverTheThreadCount) {
  const std::string place = (DataDir() / "places" / "supply_toy").string();
  const auto one = RunCommand(Careforce("supply " + place + " --runs 200 --seed 3 --threads 1 --json"));
  const auto two = RunCommand(Careforce("supply " + place + " --runs 200 --seed 3 --threads 2 --json"));
  ASSERT_EQ(one.status, 0) << one.err;
  EXPECT_EQ(one.out, two.out);
  const auto json = nlohmann::json::parse(one.out);
  EXPECT_EQ(json["runs"], 200);
  EXPECT_EQ(json["series"][0]["headcount"]["mean"][0], 68.0);
  EXPECT_EQ(json["series"][0]["headcount"]["p10"].size(), 11u);
  // Two leavers of the trust's nurses are fewer than 5: hidden in shared output.
  EXPECT_TRUE(json["tables"]["supply_leaver_rates"][0]["events"].is_null());
}

TEST(CliSupply, ExpectedValuesAndABadConfigurationExitingWithTwo) {
  const std::string place = (DataDir() / "places" / "supply_toy").string();
  const auto expected = RunCommand(Careforce("supply " + place + " --expected --years 2"));
  ASSERT_EQ(expected.status, 0) << expected.err;
  EXPECT_NE(expected.out.find("Supply 2025 to 2027: exact expected values"), std::string::npos);
  careforce::testing::TempDir temp;
  careforce::testing::WriteFile(temp.path() / "supply.toml", "[[pipeline]]\nname = \"x\"\nrole = \"RX\"\n");
  const auto bad = RunCommand(Careforce("supply " + place + " --config " + (temp.path() / "supply.toml").string()));
  EXPECT_EQ(bad.status, 2);
  EXPECT_NE(bad.err.find("supply.toml:3:8: error: unknown role \"RX\" in [[pipeline]], expected a role of roles.csv"),
            std::string::npos)
      << bad.err;
  EXPECT_EQ(bad.out, "");
}

TEST(Cli, BadUsageExitsWithTwo) {
  EXPECT_EQ(RunCommand(Careforce("frobnicate")).status, 2);
  EXPECT_EQ(RunCommand(Careforce("validate")).status, 2);
  EXPECT_EQ(RunCommand(Careforce("plan " + (DataDir() / "places" / "tiny").string())).status, 2);  // no --out
}

TEST(Cli, UnwritableOutputIsAClearError) {
  const auto result = RunCommand(Careforce("plan " + (DataDir() / "places" / "tiny").string() + " --out /proc/no"));
  EXPECT_EQ(result.status, 2);
  EXPECT_NE(result.err.find("careforce: error: /proc/no: cannot create the output directory"), std::string::npos);
}

}  // namespace
}  // namespace careforce

namespace careforce {
namespace {

using namespace careforce::testing;

std::string ImportCommand(const std::string& place, const std::string& db) {
  return "CAREFORCE_PSEUDONYMISATION_KEY='cli test key 0123456789' " + Careforce("import " + place + " --db " + db);
}

TEST(CliImport, AnInvalidPlaceLeavesTheDatabaseByteForByteUnchanged) {
  careforce::testing::TempDir temp;
  const std::string db = (temp.path() / "db.sqlite").string();
  ASSERT_EQ(RunCommand(ImportCommand((DataDir() / "places" / "tiny").string(), db)).status, 0);
  const std::string before = careforce::testing::ReadFile(db);

  careforce::testing::CopyFiles(DataDir() / "places" / "tiny", temp.path() / "bad");
  careforce::testing::CopyFiles(DataDir() / "bad_places" / "unknown_role", temp.path() / "bad");
  const auto result = RunCommand(ImportCommand((temp.path() / "bad").string(), db));
  EXPECT_EQ(result.status, 2);
  EXPECT_NE(result.err.find("staff.csv:3:9: error: unknown role \"RNN\""), std::string::npos);
  EXPECT_EQ(careforce::testing::ReadFile(db), before);
}

TEST(CliImport, AnInvalidPlaceCreatesNoDatabase) {
  careforce::testing::TempDir temp;
  careforce::testing::CopyFiles(DataDir() / "places" / "tiny", temp.path() / "bad");
  careforce::testing::CopyFiles(DataDir() / "bad_places" / "fte_out_of_range", temp.path() / "bad");
  const std::string db = (temp.path() / "db.sqlite").string();
  EXPECT_EQ(RunCommand(ImportCommand((temp.path() / "bad").string(), db)).status, 2);
  EXPECT_FALSE(std::filesystem::exists(db));
}

TEST(CliImport, WithoutAKeyNothingIsWritten) {
  careforce::testing::TempDir temp;
  const std::string db = (temp.path() / "db.sqlite").string();
  const auto result = RunCommand("env -u CAREFORCE_PSEUDONYMISATION_KEY " +
                                 Careforce("import " + (DataDir() / "places" / "tiny").string() + " --db " + db));
  EXPECT_EQ(result.status, 2);
  EXPECT_EQ(result.err,
            "careforce import:1:1: error: no pseudonymisation key, expected --key-file FILE or the environment variable "
            "CAREFORCE_PSEUDONYMISATION_KEY (see docs/data-protection.md)\ncareforce: 1 error\n");
  EXPECT_FALSE(std::filesystem::exists(db));
}

TEST(CliImport, ReimportSaysUnchanged) {
  careforce::testing::TempDir temp;
  const std::string db = (temp.path() / "db.sqlite").string();
  const std::string place = (DataDir() / "places" / "tiny").string();
  EXPECT_EQ(RunCommand(ImportCommand(place, db)).out,
            "Tiny: imported as snapshot 1 (77 rows, staff identifiers pseudonymised) into " + db + "\n");
  EXPECT_EQ(RunCommand(ImportCommand(place, db)).out, "Tiny: unchanged since snapshot 1; nothing written to " + db + "\n");
}

}  // namespace
}  // namespace careforce
