// Opening hours and caseloads: the floors they put under a service's FTE, worked by hand.
//
// The demand toy (tests/demand/demand_test.cpp) in 2025: North reaches 15 people with dementia
// (red 3, green 12), South 58.05 (red 11.61, green 46.44). Red: a weekly hour's visit with 30
// minutes' travel (MED: only RN); green: a 15-minute call every four weeks (DEM: RN 2.8 FTE in
// post, CW 2.5). Hours: North 234 (visits) + 39 (calls) = 273, South 905.58 + 150.93 = 1,056.51;
// 1,329.51 in all, 1.1945 FTE at 1,113 direct-care hours (1,590 available hours x 0.7).

#include <algorithm>
#include <cmath>

#include <gtest/gtest.h>

#include "demand/demand.hpp"
#include "io/place_reader.hpp"
#include "io/service_reader.hpp"
#include "model/error.hpp"
#include "plan/gap.hpp"
#include "plan/skill_mix_builder.hpp"
#include "supply/projection.hpp"
#include "test_support.hpp"

namespace careforce::demand {
namespace {

using careforce::testing::DataDir;
using careforce::testing::ReadFile;
using careforce::testing::TempDir;
using careforce::testing::WriteFile;

constexpr double kAvailableHours = 1590.0;  // available_hours_per_fte of the toy (and the default)
constexpr double kDirectHours = 1590.0 * 0.7;

struct Toy {
  Place place;
  DemandReference reference;
};

const Toy& TheToy() {
  static const Toy* toy = [] {
    auto* made = new Toy;
    io::ReadOptions options;
    options.today = careforce::testing::FixedToday();
    made->place = io::LoadPlace((DataDir() / "places" / "demand_toy").string(), options);
    made->reference = LoadDemandReference(std::string(CAREFORCE_SOURCE_DIR) + "/reference");
    return made;
  }();
  return *toy;
}

// The toy's service model with `extra` appended to its one service.
std::vector<Service> ToyServices(const std::string& extra) {
  TempDir temp;
  const auto path = temp.path() / "services.toml";
  WriteFile(path, ReadFile(DataDir() / "places" / "demand_toy" / "services.toml") + extra);
  return io::ReadServices(path.string(), TheToy().place, TheToy().reference.NeedCodes());
}

double HoursOpen(const std::string& opening) {
  return ToyServices("\n  [service.opening]\n" + opening + "\n  seats = 1\n").front().opening->hours_a_year;
}

double FteOf(const DemandResult& result, int year, Index locality = kNoIndex, Index role = kNoIndex) {
  double fte = 0.0;
  for (const auto& row : result.role_demand) {
    if (row.year == year && (locality == kNoIndex || row.locality == locality) && (role == kNoIndex || row.role == role)) {
      fte += row.fte;
    }
  }
  return fte;
}

TEST(OpeningHours, SeatsTimesHoursOpenOverAvailableHoursPerFte) {
  // The project's available hours per FTE: [demand] available_hours_per_fte, 1,590 by default.
  EXPECT_DOUBLE_EQ(TheToy().place.demand.available_hours_per_fte, kAvailableHours);
  EXPECT_DOUBLE_EQ(Place{}.demand.available_hours_per_fte, kAvailableHours);
  // 24 hours, 7 days: 24 x 7 x 52 = 8,736 hours, 5.49 FTE.
  EXPECT_DOUBLE_EQ(HoursOpen("  days_per_week = 7\n  hours_per_day = 24"), 8736.0);
  EXPECT_DOUBLE_EQ(HoursOpen("  days_per_week = 7\n  from = \"00:00\"\n  to = \"24:00\""), 8736.0);
  EXPECT_NEAR(RosteredFte(8736.0, 1, kAvailableHours), 5.49, 0.005);
  // 8am to 8pm seven days a week: 4,368 hours, 2.75 FTE.
  EXPECT_DOUBLE_EQ(HoursOpen("  days_per_week = 7\n  from = \"08:00\"\n  to = \"20:00\""), 4368.0);
  EXPECT_DOUBLE_EQ(HoursOpen("  days_per_week = 7\n  hours_per_day = 12"), 4368.0);
  EXPECT_DOUBLE_EQ(HoursOpen("  hours_a_year = 4368"), 4368.0);
  EXPECT_NEAR(RosteredFte(4368.0, 1, kAvailableHours), 2.75, 0.005);
  // Noon to 8pm every day: 2,912 hours, 1.83 FTE.
  EXPECT_DOUBLE_EQ(HoursOpen("  days_per_week = 7\n  from = \"12:00\"\n  to = \"20:00\""), 2912.0);
  EXPECT_NEAR(RosteredFte(2912.0, 1, kAvailableHours), 1.83, 0.005);
  // Two seats need twice the FTE; a night service runs past midnight (22:00 to 07:00 is 9 hours).
  EXPECT_DOUBLE_EQ(RosteredFte(4368.0, 2, kAvailableHours), 2 * 4368.0 / kAvailableHours);
  EXPECT_DOUBLE_EQ(HoursOpen("  days_per_week = 5\n  from = \"22:00\"\n  to = \"07:00\"\n  weeks_per_year = 50"),
                   9.0 * 5 * 50);
  const Service service = ToyServices("\n  [service.opening]\n  days_per_week = 7\n  from = \"08:00\"\n  to = \"20:00\"\n"
                                      "  seats = 2\n  roles = [\"RN\"]\n")
                              .front();
  EXPECT_EQ(service.opening->seats, 2);
  EXPECT_EQ(service.opening->roles, (std::vector<Index>{0}));
  EXPECT_EQ(service.opening->description, "08:00 to 20:00, 7 days a week, 52 weeks a year");
}

TEST(OpeningHours, AFloorBindingAddsItsHoursToTheInterventionsInProportion) {
  // 8am to 8pm, 7 days, one seat across the place: 2.7472 FTE against 1.1945 from activity.
  const std::vector<Service> services =
      ToyServices("\n  [service.opening]\n  days_per_week = 7\n  from = \"08:00\"\n  to = \"20:00\"\n  seats = 1\n");
  const DemandResult result = ProjectDemand(TheToy().place, services, TheToy().reference);
  const double activity = 1329.51 / kDirectHours;
  const double floor = 4368.0 / kAvailableHours;
  ASSERT_EQ(result.service_cover.size(), 6u);  // one row a year, 2025 to 2030
  const DemandResult::ServiceCover& cover = result.service_cover.front();
  EXPECT_EQ(cover.year, 2025);
  EXPECT_EQ(cover.locality, kNoIndex);
  EXPECT_DOUBLE_EQ(cover.hours_open, 4368.0);
  EXPECT_NEAR(cover.fte_activity, activity, 1e-9);
  EXPECT_NEAR(cover.fte_hours, floor, 1e-12);
  EXPECT_NEAR(cover.required_fte, floor, 1e-12);
  // The required FTE of every role together is the floor, each locality's and intervention's
  // share of it as of the activity: North 273 / 1,329.51 of it.
  EXPECT_NEAR(FteOf(result, 2025), floor, 1e-9);
  EXPECT_NEAR(FteOf(result, 2025, 0), floor * 273.0 / 1329.51, 1e-9);
  const double extra = (floor - activity) * kDirectHours;
  double added = 0.0;
  for (const auto& row : result.cover_hours) {
    if (row.year != 2025) continue;
    added += row.hours;
    EXPECT_EQ(row.floor, DemandResult::Floor::kOpening);
    if (row.locality == 0 && row.tier == 0) {
      EXPECT_NEAR(row.hours, extra * 234.0 / 1329.51, 1e-9);
    }
  }
  EXPECT_NEAR(added, extra, 1e-9);
  // Competence-hours count the added contact hours (two thirds of a visit's 90 minutes is contact).
  double med = 0.0;
  for (const auto& row : result.competence_hours) {
    if (row.year == 2025 && row.locality == 0 && TheToy().place.competences[row.competence].code == "MED") med = row.hours;
  }
  EXPECT_NEAR(med, 156.0 + extra * 234.0 / 1329.51 * 2.0 / 3.0, 1e-9);
  // The waterfall starts and ends with the floors' hours.
  EXPECT_NEAR(result.waterfall.front().hours, floor * kDirectHours, 1e-6);
  EXPECT_EQ(result.waterfall[5].name, "Opening hours and caseloads (floors binding)");
}

TEST(OpeningHours, ActivityAboveTheFloorLeavesTheDemandAsItWas) {
  // Four hours a week, 52 weeks: 0.13 FTE, below the activity's 1.19.
  const std::vector<Service> plain = ToyServices("");
  const std::vector<Service> open = ToyServices("\n  [service.opening]\n  hours_a_year = 208\n  seats = 1\n");
  const DemandResult before = ProjectDemand(TheToy().place, plain, TheToy().reference);
  const DemandResult after = ProjectDemand(TheToy().place, open, TheToy().reference);
  EXPECT_TRUE(after.cover_hours.empty());
  EXPECT_NEAR(FteOf(after, 2025), FteOf(before, 2025), 1e-12);
  EXPECT_NEAR(after.service_cover.front().required_fte, 1329.51 / kDirectHours, 1e-9);
  EXPECT_NEAR(after.waterfall.back().hours, before.waterfall.back().hours, 1e-9);
}

TEST(OpeningHours, TheSkillMixProgrammeHasTheFloorsVisits) {
  const std::vector<Service> services =
      ToyServices("\n  [service.opening]\n  days_per_week = 7\n  from = \"08:00\"\n  to = \"20:00\"\n  seats = 1\n");
  const std::string reference = std::string(CAREFORCE_SOURCE_DIR) + "/reference";
  const DemandResult demand = ProjectDemand(TheToy().place, services, TheToy().reference);
  supply::SupplyOptions supply_options;
  supply_options.years = 5;
  supply_options.expected = true;
  const supply::SupplyResult supply =
      supply::ProjectSupply(TheToy().place, SupplyConfig{}, supply::LoadSupplyReference(reference), supply_options);
  plan::SkillMixSettings settings;
  settings.year = 2025;
  const plan::SkillMixProblem problem = plan::BuildSkillMixProblem(TheToy().place, services, demand, supply,
                                                                   plan::LoadPlanReference(reference), settings);
  // Every task's hours together are the floor's: 2.7472 FTE of direct-care hours.
  double hours = 0.0;
  for (const plan::SkillMixTask& task : problem.tasks) {
    hours += task.visits * (task.contact_hours_per_visit + task.travel_hours_per_visit);
    if (task.name == "memory_support/red/Case manager visit" && task.locality == 0) {
      const double extra = (4368.0 / kAvailableHours - 1329.51 / kDirectHours) * kDirectHours;
      EXPECT_NEAR(task.visits, 156.0 + extra * 234.0 / 1329.51 / 1.5, 1e-6);
    }
  }
  EXPECT_NEAR(hours, 4368.0 / kAvailableHours * kDirectHours, 1e-6);
  // The gaps' base year counts the floor: the service needs 2.7472 FTE of its roles.
  const plan::GapResult gaps = plan::AnalyseGaps(TheToy().place, &demand, supply, 0.0);
  double service_fte = 0.0;
  for (const plan::BaseYearRow& row : gaps.base_year) service_fte += row.service_fte;
  EXPECT_NEAR(service_fte, 4368.0 / kAvailableHours, 1e-9);
}

TEST(Caseloads, TheSeedCasesByHand) {
  // 120 active cases across 4 teams is 30 each.
  EXPECT_DOUBLE_EQ(CaseloadPerWorker(120.0, 4.0, 0), 30.0);
  // 7 caseload nurses and 1 floating nurse seeing 409 people a year: 58.4 per caseload nurse;
  // cover 8/7, and 409 people at a standard caseload of 409/7 need 8 nurses with the float.
  EXPECT_NEAR(CaseloadPerWorker(409.0, 8.0, 7), 58.4, 0.05);
  EXPECT_DOUBLE_EQ(FloatCover(7), 8.0 / 7.0);
  EXPECT_NEAR(CaseloadWorkers(409.0, 409.0 / 7.0, 7), 8.0, 1e-12);
  // 16,000 to 18,000 case-managed people across 16 GP associations: 1,000 to 1,125 each.
  EXPECT_DOUBLE_EQ(CaseloadPerWorker(16000.0, 16.0, 0), 1000.0);
  EXPECT_DOUBLE_EQ(CaseloadPerWorker(18000.0, 16.0, 0), 1125.0);
  EXPECT_DOUBLE_EQ(CaseloadWorkers(18000.0, 1125.0, 0), 16.0);
  // On the caseload at any time: 520 new cases a year staying 6 weeks is 60 people.
  EXPECT_DOUBLE_EQ(OnCaseload(520.0, 6.0), 60.0);
  EXPECT_DOUBLE_EQ(FloatCover(0), 1.0);
}

TEST(Caseloads, TheCaseloadsWorkersAreAFloorOnTheRolesFte) {
  // Red tier only, a year on the caseload, two people per nurse, one floating nurse for seven.
  const std::vector<Service> services = ToyServices(
      "\n  [service.caseload]\n  mean_weeks = 52\n  standard_caseload = 2\n  float_per = 7\n  role = \"RN\"\n"
      "  tiers = [\"red\"]\n");
  const DemandResult result = ProjectDemand(TheToy().place, services, TheToy().reference);
  ASSERT_EQ(result.caseloads.size(), 18u);  // North, South and the place, 2025 to 2030
  const DemandResult::Caseload& north = result.caseloads[0];
  EXPECT_EQ(north.locality, 0u);
  EXPECT_NEAR(north.new_cases, 3.0, 1e-9);
  EXPECT_NEAR(north.on_caseload, 3.0, 1e-9);
  EXPECT_NEAR(north.workers, 3.0 / 2.0 * 8.0 / 7.0, 1e-9);
  const double rn_activity = (234.0 + 39.0 * 2.8 / 5.3) / kDirectHours;
  EXPECT_NEAR(north.fte_activity, rn_activity, 1e-9);
  EXPECT_NEAR(north.required_fte, north.workers, 1e-12);
  EXPECT_NEAR(north.per_worker, 2.0, 1e-9);  // the standard caseload, where the caseload binds
  const DemandResult::Caseload& all = result.caseloads[2];
  EXPECT_EQ(all.locality, kNoIndex);
  EXPECT_NEAR(all.new_cases, 3.0 + 11.61, 1e-9);
  // The nurses' FTE in North is the caseload's; the care workers' is unchanged.
  const Index rn = 0;
  const Index cw = 2;
  EXPECT_NEAR(FteOf(result, 2025, 0, rn), north.workers, 1e-9);
  EXPECT_NEAR(FteOf(result, 2025, 0, cw), 39.0 * 2.5 / 5.3 / kDirectHours, 1e-9);
  for (const auto& row : result.cover_hours) {
    EXPECT_EQ(row.floor, DemandResult::Floor::kCaseload);
    ASSERT_EQ(row.roles.size(), 1u);
    EXPECT_EQ(row.roles.front().first, rn);
  }
}

TEST(Caseloads, SmallCaseloadsAreHiddenWithTheNextSmallestLocality) {
  const std::vector<Service> services =
      ToyServices("\n  [service.caseload]\n  mean_weeks = 26\n  standard_caseload = 40\n  role = \"RN\"\n"
                  "  tiers = [\"red\"]\n");
  DemandResult result = ProjectDemand(TheToy().place, services, TheToy().reference);
  SuppressSmallCaseloads(result, 5);
  // 2025: North's 3 new cases are small; South's 11.6 is hidden too, or the place's 14.6 would
  // give North back; the place's row is shown.
  EXPECT_TRUE(result.caseloads[0].suppressed);
  EXPECT_TRUE(result.caseloads[1].suppressed);
  EXPECT_FALSE(result.caseloads[2].suppressed);
  EXPECT_NEAR(result.caseloads[2].on_caseload, 14.61 / 2.0, 1e-9);
  DemandResult open = ProjectDemand(TheToy().place, services, TheToy().reference);
  SuppressSmallCaseloads(open, 0);
  EXPECT_FALSE(open.caseloads[0].suppressed);
}

}  // namespace
}  // namespace careforce::demand
