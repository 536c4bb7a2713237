// Demand on tests/data/places/demand_toy, worked by hand.
//
// Population: North 65-69 (F 1000, M 1000 in 2025; F 1100, M 1000 in 2030); South 85-89
// (F 500, M 200; F 600, M 300). Dementia (CFAS II): 65-69 F 0.018, M 0.012; 85-89 F 0.181,
// M 0.128; prevalence rising 2% a year. Service: half of people with dementia reached (60% by
// 2030); red tier 20%: one 60-minute visit a week (+30 minutes travel), needs MED (only RN);
// green tier 80%: a 15-minute call every four weeks... 0.25 a week, needs DEM (RN and CW).

#include "demand/demand.hpp"

#include <algorithm>
#include <cmath>

#include <gtest/gtest.h>

#include "io/place_reader.hpp"
#include "io/reference_table.hpp"
#include "io/service_reader.hpp"
#include "model/error.hpp"
#include "test_support.hpp"

namespace careforce::demand {
namespace {

using careforce::testing::DataDir;

struct Toy {
  Place place;
  DemandReference reference;
  std::vector<Service> services;
  DemandResult result;
};

const Toy& TheToy() {
  static const Toy* toy = [] {
    auto* made = new Toy;
    io::ReadOptions options;
    options.today = careforce::testing::FixedToday();
    made->place = io::LoadPlace((DataDir() / "places" / "demand_toy").string(), options);
    made->reference = LoadDemandReference(std::string(CAREFORCE_SOURCE_DIR) + "/reference");
    made->services = io::ReadServices((DataDir() / "places" / "demand_toy" / "services.toml").string(), made->place,
                                      made->reference.NeedCodes());
    made->result = ProjectDemand(made->place, made->services, made->reference);
    return made;
  }();
  return *toy;
}

double People(const DemandResult& result, int year, Index locality, const std::string& need) {
  for (const auto& row : result.people_in_need) {
    if (row.year == year && row.locality == locality && result.need_codes[row.need] == need) return row.people;
  }
  return -1.0;
}

const DemandResult::ServiceActivity& Activity(const DemandResult& result, int year, Index locality) {
  return *std::find_if(result.activity.begin(), result.activity.end(),
                       [&](const auto& row) { return row.year == year && row.locality == locality; });
}

double RoleHours(const DemandResult& result, int year, Index locality, Index role) {
  for (const auto& row : result.role_demand) {
    if (row.year == year && row.locality == locality && row.role == role) return row.hours;
  }
  return 0.0;
}

TEST(Demand, PeopleInNeedFromPopulationAndPrevalence) {
  const DemandResult& result = TheToy().result;
  EXPECT_EQ(result.base_year, 2025);
  EXPECT_EQ(result.last_year, 2030);
  EXPECT_NEAR(People(result, 2025, 0, "dementia"), 1000 * 0.018 + 1000 * 0.012, 1e-9);  // 30
  EXPECT_NEAR(People(result, 2025, 1, "dementia"), 500 * 0.181 + 200 * 0.128, 1e-9);    // 116.1
  const double factor = std::pow(1.02, 5);
  EXPECT_NEAR(People(result, 2030, 0, "dementia"), (1100 * 0.018 + 1000 * 0.012) * factor, 1e-9);
  EXPECT_NEAR(People(result, 2030, 1, "dementia"), (600 * 0.181 + 300 * 0.128) * factor, 1e-9);
  // The years between are grown from 2025 at the reference growth rates.
  EXPECT_EQ(result.grown_years, (std::vector<int>{2026, 2027, 2028, 2029}));
}

TEST(Demand, ActivityAndHours) {
  const DemandResult& result = TheToy().result;
  // 2025, North: 15 people reached; red 3 people x 52 visits x 1.5 h; green 12 x 13 calls x 0.25 h.
  const auto& north = Activity(result, 2025, 0);
  EXPECT_NEAR(north.people_reached, 15.0, 1e-9);
  EXPECT_NEAR(north.contacts, 3 * 52 + 12 * 13, 1e-9);
  EXPECT_NEAR(north.contact_hours, 3 * 52 * 1.0 + 12 * 13 * 0.25, 1e-9);
  EXPECT_NEAR(north.travel_hours, 3 * 52 * 0.5, 1e-9);
  // Competence-hours: MED 156 contact hours, DEM 39.
  double med = 0.0;
  double dem = 0.0;
  for (const auto& row : result.competence_hours) {
    if (row.year != 2025 || row.locality != 0) continue;
    if (TheToy().place.competences[row.competence].code == "MED") med = row.hours;
    if (TheToy().place.competences[row.competence].code == "DEM") dem = row.hours;
  }
  EXPECT_NEAR(med, 156.0, 1e-9);
  EXPECT_NEAR(dem, 39.0, 1e-9);
}

TEST(Demand, HoursSplitAcrossRolesAtTodaysSkillMix) {
  const DemandResult& result = TheToy().result;
  // Visits need MED: only RN holds it (234 h). Calls need DEM: RN (2.8 FTE) and CW (2.5 FTE).
  const Index rn = 0;
  const Index cw = 2;
  EXPECT_NEAR(RoleHours(result, 2025, 0, rn), 234.0 + 39.0 * 2.8 / 5.3, 1e-9);
  EXPECT_NEAR(RoleHours(result, 2025, 0, cw), 39.0 * 2.5 / 5.3, 1e-9);
  const auto fte = std::find_if(result.role_demand.begin(), result.role_demand.end(),
                                [&](const auto& row) { return row.year == 2025 && row.locality == 0 && row.role == rn; });
  EXPECT_NEAR(fte->fte, fte->hours / (1590.0 * 0.7), 1e-12);
  EXPECT_TRUE(result.unassigned.empty());
}

TEST(Demand, WaterfallFromBaseYearToLastYear) {
  const DemandResult& result = TheToy().result;
  ASSERT_EQ(result.waterfall.size(), 6u);
  // 18.2 staff hours a year per person reached (0.2 x 52 x 1.5 + 0.8 x 13 x 0.25).
  const double base = (30.0 + 116.1) * 0.5 * 18.2;
  const double grown = base * 3000.0 / 2700.0;
  const double aged = (31.8 + 147.0) * 0.5 * 18.2;
  const double prevalence = aged * std::pow(1.02, 5);
  const double last = prevalence * 0.6 / 0.5;
  EXPECT_NEAR(result.waterfall[0].hours, base, 1e-9);
  EXPECT_NEAR(result.waterfall[1].hours, grown - base, 1e-9);
  EXPECT_NEAR(result.waterfall[2].hours, aged - grown, 1e-9);
  EXPECT_NEAR(result.waterfall[3].hours, prevalence - aged, 1e-9);
  EXPECT_NEAR(result.waterfall[4].hours, last - prevalence, 1e-9);
  EXPECT_NEAR(result.waterfall[5].hours, last, 1e-9);
  EXPECT_EQ(result.waterfall[1].name, "Population growth");
  // The steps add up.
  double sum = 0.0;
  for (std::size_t step = 0; step < 5; ++step) sum += result.waterfall[step].hours;
  EXPECT_NEAR(sum, last, 1e-9);
}

TEST(Demand, InterventionsNoRoleCanDeliverAreReported) {
  careforce::testing::TempDir temp;
  careforce::testing::WriteFile(temp.path() / "services.toml", R"([[service]]
code = "nursing"
name = "Home nursing"
setting = "home"
cohort = "dementia"
share_eligible = 1
assumptions = "Test."
  [[service.tier]]
  name = "all"
  share = 1
    [[service.tier.intervention]]
    name = "Medicines and personal care"
    contacts_per_week = 1
    minutes_per_contact = 60
    competences = ["MED", "CC"]
)");
  const Toy& toy = TheToy();
  const auto services = io::ReadServices((temp.path() / "services.toml").string(), toy.place, toy.reference.NeedCodes());
  const DemandResult result = ProjectDemand(toy.place, services, toy.reference);
  ASSERT_EQ(result.unassigned.size(), 1u);
  EXPECT_EQ(result.unassigned[0].competences, "MED+CC");
  EXPECT_NEAR(result.unassigned_hours[0], (30.0 + 116.1) * 52.0, 1e-9);
}

TEST(Demand, RiskTierCohortsFollowTheLocalityResidentsAgedSixtyFivePlus) {
  careforce::testing::TempDir temp;
  careforce::testing::WriteFile(temp.path() / "services.toml", R"([[service]]
code = "case_management"
name = "Case management of the severe tier"
setting = "home"
cohort = "tier:severe"
share_eligible = 1
assumptions = "Test."
  [[service.tier]]
  name = "all"
  share = 1
    [[service.tier.intervention]]
    name = "Case manager visit"
    contacts_per_week = 1
    minutes_per_contact = 60
    competences = ["DEM"]
)");
  const Toy& toy = TheToy();
  TierCohorts tiers;
  tiers.names = {"fit", "severe"};
  tiers.people = {{10, 2}, {5, 1}};  // North, South
  const std::vector<std::string> names = tiers.names;
  const auto services = io::ReadServices((temp.path() / "services.toml").string(), toy.place, toy.reference.NeedCodes(), names);
  const DemandResult result = ProjectDemand(toy.place, services, toy.reference, tiers);
  EXPECT_NEAR(People(result, 2025, 0, "tier:severe"), 2.0, 1e-12);
  // Residents aged 65+: North 2,000 -> 2,100; South 700 -> 900.
  EXPECT_NEAR(People(result, 2030, 0, "tier:severe"), 2.0 * 2100.0 / 2000.0, 1e-12);
  EXPECT_NEAR(People(result, 2030, 1, "tier:severe"), 1.0 * 900.0 / 700.0, 1e-12);
  EXPECT_NEAR(Activity(result, 2030, 1).contact_hours, 52.0 * 900.0 / 700.0, 1e-9);
  // Growth and ageing of the residents move tier cohorts; prevalence change does not.
  EXPECT_NEAR(result.waterfall[3].hours, 0.0, 1e-9);
  EXPECT_NEAR(result.waterfall.back().hours, 52.0 * (2.1 + 900.0 / 700.0), 1e-9);
}

// Practice G1 (North) and G2 (South) give dementia registers. North: 30 people with dementia
// among 2,000 residents aged 65+; South: 116.1 among 700.
Place WithRegisters(std::vector<PracticeRegister> registers, bool calibrate = true) {
  Place place = TheToy().place;
  place.practice_registers = std::move(registers);
  place.demand.calibrate_to_registers = calibrate;
  return place;
}

TEST(Demand, RegistersSpreadANeedOverLocalitiesKeepingItsTotal) {
  // Lists of patients aged 65+ the size of each locality's residents aged 65+: expected on the
  // registers = people in need, 30 and 116.1. Recorded 24 and 58 (146.1 expected, 82 recorded),
  // so each locality's people in need become its register times 146.1 / 82.
  const Place place = WithRegisters({{0, "DEM", 24, 2000, 65}, {1, "DEM", 58, 700, 65}, {1, "COPD", 40, 700, 65}});
  const DemandResult result = ProjectDemand(place, TheToy().services, TheToy().reference);
  ASSERT_EQ(result.calibration.size(), 1u);
  const auto& calibration = result.calibration[0];
  EXPECT_EQ(result.need_codes[calibration.need], "dementia");
  EXPECT_EQ(calibration.register_code, "DEM");
  EXPECT_TRUE(calibration.applied);
  ASSERT_EQ(calibration.localities.size(), 2u);
  EXPECT_EQ(calibration.localities[0].recorded, 24);
  EXPECT_NEAR(calibration.localities[0].expected, 30.0, 1e-9);
  EXPECT_NEAR(calibration.localities[1].expected, 116.1, 1e-9);
  EXPECT_NEAR(calibration.localities[0].factor, 0.8 * 146.1 / 82.0, 1e-12);
  EXPECT_NEAR(calibration.localities[1].factor, (58.0 / 116.1) * 146.1 / 82.0, 1e-12);
  EXPECT_NEAR(People(result, 2025, 0, "dementia"), 24.0 * 146.1 / 82.0, 1e-9);   // 42.761
  EXPECT_NEAR(People(result, 2025, 1, "dementia"), 58.0 * 146.1 / 82.0, 1e-9);   // 103.339
  // Later years keep the locality factors.
  const double north_2030 = (1100 * 0.018 + 1000 * 0.012) * std::pow(1.02, 5);
  EXPECT_NEAR(People(result, 2030, 0, "dementia"), north_2030 * 0.8 * 146.1 / 82.0, 1e-9);
  // Needs without a linked register are untouched.
  EXPECT_NEAR(People(result, 2025, 0, "frailty_severe"), People(TheToy().result, 2025, 0, "frailty_severe"), 1e-12);
}

TEST(Demand, RegisterCalibrationScalesBackToThePlaceTotal) {
  // Whole lists: North 4,000 patients at North's 30/2,000 = 60 expected, 45 recorded (0.75);
  // South 700 at 116.1/700 = 116.1 expected, 58 recorded. Before scaling back the factors give
  // 30 x 0.75 + 58 = 80.5 (times 176.1/103); scaled to the 146.1 people in need in total,
  // North = 22.5 x 146.1 / 80.5 and South = 58 x 146.1 / 80.5.
  const Place place = WithRegisters({{0, "DEM", 45, 4000, 0}, {1, "DEM", 58, 700, 0}});
  const DemandResult result = ProjectDemand(place, TheToy().services, TheToy().reference);
  EXPECT_NEAR(result.calibration[0].localities[0].expected, 60.0, 1e-9);
  EXPECT_NEAR(People(result, 2025, 0, "dementia"), 22.5 * 146.1 / 80.5, 1e-9);  // 40.835
  EXPECT_NEAR(People(result, 2025, 1, "dementia"), 58.0 * 146.1 / 80.5, 1e-9);  // 105.265
  // Services follow: North reaches half of its calibrated people with dementia.
  EXPECT_NEAR(Activity(result, 2025, 0).people_reached, 0.5 * 22.5 * 146.1 / 80.5, 1e-9);
}

TEST(Demand, RegisterCalibrationCanBeReportedWithoutBeingApplied) {
  const Place place = WithRegisters({{0, "DEM", 24, 2000, 65}, {1, "DEM", 58, 700, 65}}, false);
  const DemandResult result = ProjectDemand(place, TheToy().services, TheToy().reference);
  ASSERT_EQ(result.calibration.size(), 1u);
  EXPECT_FALSE(result.calibration[0].applied);
  EXPECT_NEAR(result.calibration[0].localities[0].factor, 0.8 * 146.1 / 82.0, 1e-12);
  EXPECT_NEAR(People(result, 2025, 0, "dementia"), 30.0, 1e-9);
  EXPECT_NEAR(People(result, 2025, 1, "dementia"), 116.1, 1e-9);
}

TEST(Demand, RegisterCalibrationReadsPracticeRegistersOfThePlace) {
  careforce::testing::TempDir temp;
  careforce::testing::CopyFiles(DataDir() / "places" / "demand_toy", temp.path());
  careforce::testing::WriteFile(temp.path() / "practice_registers.csv",
                                "practice,register,count,list_size,list_min_age\nG1,DEM,24,2000,65\nG2,DEM,58,700,65\n");
  io::ReadOptions options;
  options.today = careforce::testing::FixedToday();
  const Place place = io::LoadPlace(temp.path().string(), options);
  ASSERT_EQ(place.practice_registers.size(), 2u);
  EXPECT_EQ(place.practice_registers[1].practice, 1u);
  EXPECT_EQ(place.practice_registers[1].list_min_age, 65);
  const DemandResult result = ProjectDemand(place, TheToy().services, TheToy().reference);
  EXPECT_NEAR(People(result, 2025, 1, "dementia"), 58.0 * 146.1 / 82.0, 1e-9);
}

TEST(Demand, SmallPracticeRegistersAreHiddenWithTheNextSmallestOfTheirLocality) {
  Place place = WithRegisters({{0, "DEM", 24, 2000, 65}, {2, "DEM", 3, 300, 65}, {3, "DEM", 30, 900, 65},
                               {1, "DEM", 58, 700, 65}});
  place.gp_practices.push_back(GpPractice{"G3", "Small Practice", 0, 300, "", "", {}, {}, {}});
  place.gp_practices.push_back(GpPractice{"G4", "Large Practice", 0, 900, "", "", {}, {}, {}});
  DemandResult result = ProjectDemand(place, TheToy().services, TheToy().reference);
  SuppressSmallRegisters(result, 5);
  const auto& practices = result.calibration[0].practices;
  ASSERT_EQ(practices.size(), 4u);
  // North: G3 (3 patients) is hidden, and G1 (24), the next smallest, with it; G4 (30) is shown.
  EXPECT_EQ(practices[0].code, "G1");
  EXPECT_TRUE(practices[0].suppressed);
  EXPECT_TRUE(practices[1].suppressed);
  EXPECT_FALSE(practices[2].suppressed);
  EXPECT_FALSE(practices[3].suppressed);
}

TEST(Demand, TierCohortsNeedATierOfTheRiskModel) {
  careforce::testing::TempDir temp;
  const auto path = temp.path() / "services.toml";
  careforce::testing::WriteFile(path, "[[service]]\ncode = \"s\"\nname = \"S\"\nsetting = \"home\"\ncohort = \"tier:red\"\n"
                                      "share_eligible = 1\nassumptions = \"Test.\"\n[[service.tier]]\nname = \"all\"\n"
                                      "share = 1\n[[service.tier.intervention]]\nname = \"Visit\"\ncontacts_per_week = 1\n"
                                      "minutes_per_contact = 60\ncompetences = []\n");
  const Toy& toy = TheToy();
  try {
    io::ReadServices(path.string(), toy.place, toy.reference.NeedCodes());
    FAIL() << "expected an InputError";
  } catch (const InputError& error) {
    EXPECT_EQ(error.diagnostics().all()[0].Format(),
              path.string() + ":5:10: error: cohort \"tier:red\" needs risk tiers, expected register and risk_model in "
                              "the [demand] table of place.toml");
  }
  const std::vector<std::string> names = {"fit", "severe"};
  try {
    io::ReadServices(path.string(), toy.place, toy.reference.NeedCodes(), names);
    FAIL() << "expected an InputError";
  } catch (const InputError& error) {
    EXPECT_EQ(error.diagnostics().all()[0].Format(),
              path.string() + ":5:10: error: unknown risk tier \"red\", expected one of fit, severe");
  }
}

// Bad service models and their exact messages.
struct BadServices {
  std::string name;
  std::string toml;
  std::vector<std::string> messages;
};

const std::string kServiceHead = R"([[service]]
code = "s1"
name = "Service"
setting = "home"
cohort = "dementia"
share_eligible = 0.5
assumptions = "Test."
)";

// One tier of one 30-minute visit needing DEM (held by RN and CW).
const std::string kOneTier =
    "[[service.tier]]\nname = \"all\"\nshare = 1\n[[service.tier.intervention]]\nname = \"Visit\"\n"
    "contacts_per_week = 1\nminutes_per_contact = 30\ncompetences = [\"DEM\"]\n";

class BadServicesTest : public ::testing::TestWithParam<BadServices> {};

TEST_P(BadServicesTest, AreRejectedWithExactMessages) {
  careforce::testing::TempDir temp;
  const auto path = temp.path() / "services.toml";
  careforce::testing::WriteFile(path, GetParam().toml);
  try {
    io::ReadServices(path.string(), TheToy().place, TheToy().reference.NeedCodes());
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
    Rules, BadServicesTest,
    ::testing::Values(
        BadServices{"unknown_competence",
                    kServiceHead + "[[service.tier]]\nname = \"all\"\nshare = 1\n[[service.tier.intervention]]\n"
                                   "name = \"Visit\"\ncontacts_per_week = 1\nminutes_per_contact = 30\n"
                                   "competences = [\"DEMM\"]\n",
                    {"15:15: error: unknown competence \"DEMM\" in intervention \"Visit\", expected a code from "
                     "competences.csv (did you mean \"DEM\"?)"}},
        BadServices{"negative_minutes",
                    kServiceHead + "[[service.tier]]\nname = \"all\"\nshare = 1\n[[service.tier.intervention]]\n"
                                   "name = \"Visit\"\ncontacts_per_week = 1\nminutes_per_contact = -30\n"
                                   "travel_minutes_per_visit = -5\ncompetences = [\"DEM\"]\n",
                    {"14:23: error: minutes_per_contact = -30 in [[service.tier.intervention]] is out of range, expected a number "
                     "greater than 0 and at most 1440",
                     "15:28: error: travel_minutes_per_visit = -5 in [[service.tier.intervention]] is out of range, expected a "
                     "number at least 0 and at most 600"}},
        BadServices{"tier_mix_not_one",
                    kServiceHead + "[[service.tier]]\nname = \"red\"\nshare = 0.3\n[[service.tier.intervention]]\n"
                                   "name = \"Visit\"\ncontacts_per_week = 1\nminutes_per_contact = 30\n"
                                   "competences = [\"DEM\"]\n"
                                   "[[service.tier]]\nname = \"green\"\nshare = 0.6\n[[service.tier.intervention]]\n"
                                   "name = \"Call\"\ncontacts_per_week = 1\nminutes_per_contact = 10\n"
                                   "competences = []\n",
                    {"8:1: error: tier shares of service s1 sum to 0.9, expected 1 (each person reached is in one tier)"}},
        BadServices{"unknown_keys_and_cohort",
                    R"([[service]]
code = "s1"
name = "Service"
setting = "hom"
cohort = "demntia"
share_eligible = 0.5
assumptions = "Test."
minutes = 3
[[service.tier]]
name = "all"
share = 1
[[service.tier.intervention]]
name = "Visit"
contacts_per_week = 1
minutes_per_contact = 30
competences = ["DEM"]
travel_minute = 5
)",
                    {"4:11: error: setting \"hom\" is not allowed, expected home, clinic, care_home, extra_care, "
                     "hospital, virtual or telephone (did you mean \"home\"?)",
                     "5:10: error: unknown cohort \"demntia\", expected a need from reference/demand/needs.csv "
                     "(dementia, frailty_mild, frailty_moderate, frailty_severe, multimorbidity, adl_help) (did you "
                     "mean \"dementia\"?)",
                     "8:1: error: unknown key \"minutes\" in [[service]], expected one of code, name, setting, cohort, "
                     "share_eligible, assumptions, tier, change, opening or caseload",
                     "17:1: error: unknown key \"travel_minute\" in [[service.tier.intervention]], expected one of name, "
                     "contacts_per_week, weeks_per_year, minutes_per_contact, travel_minutes_per_visit, competences, "
                     "role_mix, act or separable (did you mean \"travel_minutes_per_visit\"?)"}},
        BadServices{"opening_hours_and_seats_out_of_range",
                    kServiceHead + "[service.opening]\nhours_a_year = -10\nseats = 0\n" + kOneTier,
                    {"9:16: error: hours_a_year = -10 in [service.opening] is out of range, expected a number greater "
                     "than 0 and at most 8784",
                     "10:9: error: seats = 0 in [service.opening] is out of range, expected a whole number from 1 to "
                     "10000"}},
        BadServices{"opening_hours_over_a_year",
                    kServiceHead + "[service.opening]\nhours_a_year = 9000\nseats = 1\n" + kOneTier,
                    {"9:16: error: hours_a_year = 9000 in [service.opening] is out of range, expected a number greater "
                     "than 0 and at most 8784"}},
        BadServices{"opening_days_and_hours_out_of_range",
                    kServiceHead + "[service.opening]\ndays_per_week = 8\nhours_per_day = 25\nseats = 1\n" + kOneTier,
                    {"9:17: error: days_per_week = 8 in [service.opening] is out of range, expected a number greater "
                     "than 0 and at most 7",
                     "10:17: error: hours_per_day = 25 in [service.opening] is out of range, expected a number greater "
                     "than 0 and at most 24"}},
        BadServices{"opening_times_and_forms",
                    kServiceHead + "[service.opening]\nhours_a_year = 4368\ndays_per_week = 7\nseats = 1\n" +
                        kOneTier + "[[service]]\ncode = \"s2\"\nname = \"Second\"\nsetting = \"home\"\n"
                                   "cohort = \"dementia\"\nshare_eligible = 0.5\nassumptions = \"Test.\"\n"
                                   "[service.opening]\ndays_per_week = 7\nfrom = \"8am\"\nto = \"20:00\"\n"
                                   "seats = 1\n" + kOneTier +
                        "[[service]]\ncode = \"s3\"\nname = \"Third\"\nsetting = \"home\"\n"
                        "cohort = \"dementia\"\nshare_eligible = 0.5\nassumptions = \"Test.\"\n"
                        "[service.opening]\nseats = 1\n" + kOneTier,
                    {"10:17: error: days_per_week and hours_a_year are both given in [service.opening] of service s1, "
                     "expected hours_a_year alone or days_per_week with hours_per_day (or from and to)",
                     "29:8: error: from = \"8am\" in [service.opening] of service s2 is not a time of day, expected "
                     "hours and minutes from \"00:00\" to \"24:00\" such as \"08:00\"",
                     "47:1: error: [service.opening] of service s3 gives no hours, expected hours_a_year, or "
                     "days_per_week with hours_per_day (or from and to)"}},
        BadServices{"opening_roles_unknown_or_giving_nothing",
                    kServiceHead + "[service.opening]\nhours_a_year = 4368\nseats = 1\nroles = [\"RNN\", \"GP\"]\n" +
                        kOneTier,
                    {"11:9: error: unknown role \"RNN\" in [service.opening] of service s1, expected a code from "
                     "roles.csv (did you mean \"RN\"?)",
                     "11:9: error: role GP in [service.opening] of service s1 gives none of its interventions, "
                     "expected a role that holds every competence of one of them and whom the task table allows its "
                     "act (or one in its role_mix)"}},
        BadServices{"caseload_out_of_range_and_unknown",
                    kServiceHead + kOneTier +
                        "[service.caseload]\nmean_weeks = 60\nstandard_caseload = 0\nfloat_per = 0\nrole = \"CWW\"\n"
                        "tiers = [\"al\"]\n",
                    {"17:14: error: mean_weeks = 60 in [service.caseload] is out of range, expected a number greater "
                     "than 0 and at most 52",
                     "18:21: error: standard_caseload = 0 in [service.caseload] is out of range, expected a number "
                     "greater than 0 and at most 100000",
                     "19:13: error: float_per = 0 in [service.caseload] is out of range, expected a whole number from 1 "
                     "to 1000",
                     "20:8: error: unknown role \"CWW\" in [service.caseload] of service s1, expected a code from "
                     "roles.csv (did you mean \"CW\"?)",
                     "21:9: error: unknown tier \"al\" in [service.caseload] of service s1, expected one of all (did "
                     "you mean \"all\"?)"}},
        BadServices{"role_mix_role_without_competence",
                    kServiceHead + "[[service.tier]]\nname = \"all\"\nshare = 1\n[[service.tier.intervention]]\n"
                                   "name = \"Visit\"\ncontacts_per_week = 1\nminutes_per_contact = 30\n"
                                   "competences = [\"MED\"]\nrole_mix = { RN = 0.5, HCA = 0.4 }\n",
                    {"16:12: error: role mix of \"Visit\" sums to 0.9, expected 1",
                     "16:30: error: role HCA in the role mix of \"Visit\" does not hold MED, expected roles whose "
                     "profile holds every competence the intervention needs"}}),
    [](const ::testing::TestParamInfo<BadServices>& info) { return info.param.name; });

}  // namespace
}  // namespace careforce::demand
