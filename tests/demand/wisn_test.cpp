#include "demand/wisn.hpp"

#include <filesystem>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "io/wisn_reader.hpp"
#include "model/error.hpp"
#include "test_support.hpp"

namespace careforce::demand {
namespace {

using careforce::testing::DataDir;

std::vector<WisnResult> Compute(const std::string& file) {
  std::vector<WisnResult> results;
  for (const WisnRole& role : io::ReadWisnFile((DataDir() / "wisn" / file).string())) results.push_back(ComputeWisn(role));
  return results;
}

TEST(Wisn, DistrictNurseExampleByHand) {
  const auto results = Compute("district_nurse.toml");
  ASSERT_EQ(results.size(), 1u);
  const WisnResult& nurse = results[0];
  // Available days 261 - 8 - 27 - 9 - 5 = 212; AWT = 212 x 7.5 = 1590 hours.
  EXPECT_DOUBLE_EQ(nurse.available_working_time_hours, 1590.0);
  // Standard workload: 1590 / (40/60) = 2385 visits; service staff 21000 / 2385.
  EXPECT_NEAR(nurse.activities[0].standard_workload, 2385.0, 1e-9);
  EXPECT_NEAR(nurse.service_staff, 21000.0 / 2385.0, 1e-12);
  // Team meeting: 60 minutes on 212 / 5 = 42.4 weeks = 42.4 hours = 2.6667% of AWT.
  EXPECT_NEAR(nurse.category_allowance_factor, 1.0 / (1.0 - 42.4 / 1590.0), 1e-12);
  // Supervision: 120 minutes x 42.4 weeks x 2 staff = 169.6 hours.
  EXPECT_NEAR(nurse.individual_allowance_factor, 169.6 / 1590.0, 1e-12);
  const double required = 21000.0 / 2385.0 / (1.0 - 42.4 / 1590.0) + 169.6 / 1590.0;
  EXPECT_NEAR(nurse.required_staff, required, 1e-12);
  EXPECT_NEAR(nurse.required_staff, 9.1529, 1e-4);
  EXPECT_NEAR(nurse.wisn_difference, 14.0 - required, 1e-12);
  EXPECT_NEAR(nurse.wisn_ratio, 14.0 / required, 1e-12);
}

TEST(Wisn, AllowancesPerDayWeekMonthYearAndPercentage) {
  const auto results = Compute("mixed.toml");
  ASSERT_EQ(results.size(), 2u);
  const WisnResult& visitor = results[0];
  // Available days 260 - 8 - 25 - 7 = 220; AWT = 1650 hours.
  EXPECT_DOUBLE_EQ(visitor.available_working_time_hours, 1650.0);
  EXPECT_NEAR(visitor.activities[0].standard_workload, 825.0, 1e-9);   // 1650 x 0.5 per hour
  EXPECT_NEAR(visitor.activities[1].standard_workload, 4950.0, 1e-9);  // 1650 / (20/60)
  EXPECT_NEAR(visitor.service_staff, 1200.0 / 825.0 + 6000.0 / 4950.0, 1e-12);
  // Category allowances: 15 min x 220 days = 55 h; 120 min x 220 x 12 / 260 months; 180 min once;
  // and 10% of working time.
  const double cas = 55.0 / 1650.0 * 100.0 + 2.0 * (220.0 * 12.0 / 260.0) / 1650.0 * 100.0 + 3.0 / 1650.0 * 100.0 + 10.0;
  EXPECT_NEAR(visitor.category_allowance_percent, cas, 1e-9);
  EXPECT_NEAR(visitor.category_allowance_percent, 14.7459, 1e-4);
  EXPECT_NEAR(visitor.category_allowance_factor, 1.0 / (1.0 - cas / 100.0), 1e-12);
  // Individual: 60 min x 220 days x 1 person = 220 h; 30 min x 44 weeks x 3 people = 66 h.
  EXPECT_NEAR(visitor.individual_allowance_hours, 286.0, 1e-9);
  EXPECT_NEAR(visitor.individual_allowance_factor, 286.0 / 1650.0, 1e-12);
  const double required = (1200.0 / 825.0 + 6000.0 / 4950.0) / (1.0 - cas / 100.0) + 286.0 / 1650.0;
  EXPECT_NEAR(visitor.required_staff, required, 1e-12);
  EXPECT_NEAR(visitor.wisn_ratio, 3.0 / required, 1e-12);
  EXPECT_LT(visitor.wisn_ratio, 1.0);

  // The second role shares none of the first's allowances.
  const WisnResult& therapist = results[1];
  EXPECT_NEAR(therapist.available_working_time_hours, 226.0 * 7.4, 1e-9);
  EXPECT_DOUBLE_EQ(therapist.category_allowance_factor, 1.0);
  EXPECT_DOUBLE_EQ(therapist.individual_allowance_factor, 0.0);
  EXPECT_NEAR(therapist.required_staff, 0.5, 1e-12);
  EXPECT_NEAR(therapist.wisn_ratio, 2.0, 1e-12);
}

TEST(Wisn, OccurrencesPerPeriod) {
  EXPECT_DOUBLE_EQ(OccurrencesPerYear(WisnPeriod::kDay, 261, 212), 212.0);
  EXPECT_DOUBLE_EQ(OccurrencesPerYear(WisnPeriod::kWeek, 261, 212), 42.4);
  EXPECT_DOUBLE_EQ(OccurrencesPerYear(WisnPeriod::kMonth, 261, 212), 212.0 * 12.0 / 261.0);
  EXPECT_DOUBLE_EQ(OccurrencesPerYear(WisnPeriod::kYear, 261, 212), 1.0);
}

// A bad WISN file and the exact messages it must produce.
struct BadWisn {
  std::string name;
  std::string toml;
  std::vector<std::string> messages;  // "line:column: error: ..."
};

const std::string kRoleHead = R"([[role]]
code = "DN"
name = "District nurse"
staff_in_post = 4
working_days_per_year = 261
hours_per_day = 7.5
annual_leave_days = 27
)";

class BadWisnTest : public ::testing::TestWithParam<BadWisn> {};

TEST_P(BadWisnTest, IsRejectedWithExactMessages) {
  careforce::testing::TempDir temp;
  const auto path = temp.path() / "wisn.toml";
  careforce::testing::WriteFile(path, GetParam().toml);
  try {
    io::ReadWisnFile(path.string());
    FAIL() << "expected an InputError";
  } catch (const InputError& error) {
    std::vector<std::string> messages;
    for (const Diagnostic& diagnostic : error.diagnostics().all()) {
      messages.push_back(diagnostic.Format().substr(path.string().size() + 1));
    }
    EXPECT_EQ(messages, GetParam().messages);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Rules, BadWisnTest,
    ::testing::Values(
        BadWisn{"support_over_100_percent",
                kRoleHead + "[[role.activity]]\nname = \"Visit\"\nannual_volume = 100\nminutes_per_unit = 30\n"
                            "[[role.support]]\nname = \"Admin\"\npercent_of_working_time = 60\n"
                            "[[role.support]]\nname = \"Travel\"\npercent_of_working_time = 45\n",
                {"12:1: error: category allowances of role DN take 105.0% of working time, expected less than 100% "
                 "(time must remain for the activities)"}},
        BadWisn{"missing_unit_time",
                kRoleHead + "[[role.activity]]\nname = \"Visit\"\nannual_volume = 100\n",
                {"8:1: error: activity \"Visit\" of role DN has no unit time, expected exactly one of "
                 "minutes_per_unit or units_per_hour"}},
        BadWisn{"doubled_unit_time",
                kRoleHead + "[[role.activity]]\nname = \"Visit\"\nannual_volume = 100\nminutes_per_unit = 30\n"
                            "units_per_hour = 2\n",
                {"8:1: error: activity \"Visit\" of role DN has two ways of giving its unit time, expected exactly "
                 "one of minutes_per_unit or units_per_hour"}},
        BadWisn{"zero_available_time",
                "[[role]]\ncode = \"DN\"\nname = \"District nurse\"\nstaff_in_post = 4\nworking_days_per_year = 30\n"
                "hours_per_day = 7.5\nannual_leave_days = 27\npublic_holidays = 8\n"
                "[[role.activity]]\nname = \"Visit\"\nannual_volume = 100\nminutes_per_unit = 30\n",
                {"5:25: error: role DN has no available working time: 30 working days less 35 days of holidays and "
                 "leave, expected fewer days away than working days"}},
        BadWisn{"negative_figures",
                kRoleHead + "[[role.activity]]\nname = \"Visit\"\nannual_volume = -100\nminutes_per_unit = -30\n",
                {"10:17: error: annual_volume = -100 in [[role.activity]] is out of range, expected a number at least 0",
                 "11:20: error: minutes_per_unit = -30 in [[role.activity]] is out of range, expected a number greater "
                 "than 0"}},
        BadWisn{"unknown_keys",
                kRoleHead + "annual_leve_days = 3\n[[role.activity]]\nname = \"Visit\"\nannual_volume = 100\n"
                            "minutes_per_unit = 30\nper = \"week\"\n",
                {"8:1: error: unknown key \"annual_leve_days\" in [[role]], expected one of code, name, staff_in_post, "
                 "working_days_per_year, hours_per_day, public_holidays, annual_leave_days, sick_leave_days, "
                 "other_leave_days, activity, support or individual (did you mean \"annual_leave_days\"?)",
                 "13:1: error: unknown key \"per\" in [[role.activity]], expected one of name, annual_volume, "
                 "minutes_per_unit or units_per_hour"}},
        BadWisn{"allowance_without_period",
                kRoleHead + "[[role.activity]]\nname = \"Visit\"\nannual_volume = 100\nminutes_per_unit = 30\n"
                            "[[role.individual]]\nname = \"Mentoring\"\nminutes = 30\nstaff = 2\n"
                            "[[role.support]]\nname = \"Huddle\"\nminutes = 10\nper = \"fortnight\"\n",
                {"12:1: error: individual allowance \"Mentoring\" of role DN gives minutes but no period, expected "
                 "per = \"day\", \"week\", \"month\" or \"year\"",
                 "19:7: error: per \"fortnight\" in [[role.support]] is not allowed, expected one of day, week, month or "
                 "year"}}),
    [](const ::testing::TestParamInfo<BadWisn>& info) { return info.param.name; });

TEST(WisnCli, JsonOutputAndExitStatus) {
  const auto good = careforce::testing::RunCommand(careforce::testing::Careforce(
      "wisn --json " + (DataDir() / "wisn" / "district_nurse.toml").string()));
  ASSERT_EQ(good.status, 0) << good.err;
  const auto json = nlohmann::json::parse(good.out);
  EXPECT_EQ(json["roles"][0]["code"], "DN");
  EXPECT_DOUBLE_EQ(json["roles"][0]["available_working_time_hours"].get<double>(), 1590.0);
  EXPECT_NEAR(json["roles"][0]["required_staff"].get<double>(), 9.15293185146894, 1e-12);
  EXPECT_EQ(json["roles"][0]["activities"][0]["name"], "Home visit");
  careforce::testing::TempDir temp;
  careforce::testing::WriteFile(temp.path() / "bad.toml", kRoleHead);
  const auto bad = careforce::testing::RunCommand(careforce::testing::Careforce("wisn " + (temp.path() / "bad.toml").string()));
  EXPECT_EQ(bad.status, 2);
  EXPECT_NE(bad.err.find("missing key \"activity\" in [[role]], expected one or more [[activity]] tables"), std::string::npos);
}

}  // namespace
}  // namespace careforce::demand
