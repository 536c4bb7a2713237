// Travel to home visits from the map (docs/methods.md, "Travel from the map"): a line of three
// practices worked by hand, and the demand toy's home visits with the map's minutes.

#include "plan/travel.hpp"

#include <cmath>
#include <limits>
#include <numbers>

#include <gtest/gtest.h>

#include "demand/demand.hpp"
#include "io/place_reader.hpp"
#include "io/service_reader.hpp"
#include "test_support.hpp"

namespace careforce::plan {
namespace {

constexpr double kEarthRadiusKm = 6371.0088;  // as plan::DistanceKm

// A practice `km` north of 51°N on the meridian 0.5°W: distances along a meridian are exact.
GpPractice PracticeAt(const std::string& code, double km, int64_t list_size) {
  GpPractice practice;
  practice.code = code;
  practice.name = code;
  practice.locality = 0;
  practice.list_size = list_size;
  practice.latitude = 51.0 + km / kEarthRadiusKm * 180.0 / std::numbers::pi;
  practice.longitude = -0.5;
  return practice;
}

// A at the base, B 3 km north of it, C 10 km beyond B; one team of the three based at A.
struct Line {
  Place place;
  TeamDesign design;
};

Line MakeLine() {
  Line line;
  line.place.localities.push_back(Locality{"E07000001", "North"});
  line.place.gp_practices = {PracticeAt("A", 0.0, 10000), PracticeAt("B", 3.0, 20000), PracticeAt("C", 13.0, 5000)};
  Team team;
  team.code = "T1";
  team.locality = 0;
  team.base = 0;
  team.practices = {0, 1, 2};
  team.population = 35000;
  line.design.teams.push_back(team);
  line.design.team_of_practice = {0, 0, 0};
  return line;
}

TEST(Travel, AVisitsMinutesFollowTheDistanceFromTheBaseAndThePracticesCatchment) {
  const Line line = MakeLine();
  const TravelFromMap travel = MapTravel(line.place, line.design);
  // Radii: half the distance to the nearest other practice: A-B 3 km, B-A 3 km, C-B 10 km.
  ASSERT_EQ(travel.practice_radius_km.size(), 3u);
  EXPECT_NEAR(travel.practice_radius_km[0], 1.5, 1e-9);
  EXPECT_NEAR(travel.practice_radius_km[1], 1.5, 1e-9);
  EXPECT_NEAR(travel.practice_radius_km[2], 5.0, 1e-9);
  // sqrt(d^2 + r^2 / 2) x 1.4 km by road at 40.1 km/h, plus 5 minutes' stop:
  // A sqrt(0 + 1.125) = 1.06066 km -> 7.2218; B sqrt(9 + 1.125) = 3.18198 km -> 11.6655;
  // C sqrt(169 + 12.5) = 13.47219 km -> 33.2211 minutes.
  EXPECT_NEAR(travel.practice_minutes[0], 7.2218, 1e-4);
  EXPECT_NEAR(travel.practice_minutes[1], 11.6655, 1e-4);
  EXPECT_NEAR(travel.practice_minutes[2], 33.2211, 1e-4);
  // The team's: weighted by registered people, (10,000 x 7.2218 + 20,000 x 11.6655 + 5,000 x
  // 33.2211) / 35,000 = 13.4752 minutes; straight line (10,000 x 1.06066 + 20,000 x 3.18198 +
  // 5,000 x 13.47219) / 35,000 = 4.04592 km, 5.66429 km by road.
  ASSERT_EQ(travel.team_minutes.size(), 1u);
  EXPECT_NEAR(travel.team_minutes[0], 13.4752, 1e-4);
  EXPECT_NEAR(travel.team_straight_km[0], 4.04592, 1e-5);
  EXPECT_NEAR(travel.team_road_km[0], 5.66429, 1e-5);
  ASSERT_EQ(travel.locality_minutes.size(), 1u);
  EXPECT_NEAR(travel.locality_minutes[0], 13.4752, 1e-4);
}

TEST(Travel, ASlowerRoadAndNoStopChangeTheMinutesAsStated) {
  Line line = MakeLine();
  line.place.travel.road_speed_kmh = 20.0;
  line.place.travel.detour_factor = 1.0;
  line.place.travel.stop_minutes = 0.0;
  const TravelFromMap travel = MapTravel(line.place, line.design);
  // B: 3.18198 km at 20 km/h = 9.5459 minutes.
  EXPECT_NEAR(travel.practice_minutes[1], 3.18198 * 3.0, 1e-4);
  EXPECT_NEAR(travel.team_minutes[0], 4.04592 * 3.0, 1e-4);
}

TEST(Travel, APracticeInNoTeamHasNoMinutesAndALocalityWithoutTeamsKeepsTheServiceModels) {
  Line line = MakeLine();
  line.place.localities.push_back(Locality{"E07000002", "South"});
  line.place.gp_practices[2].locality = 1;
  line.design.teams[0].practices = {0, 1};
  line.design.team_of_practice = {0, 0, 1};
  const TravelFromMap travel = MapTravel(line.place, line.design);
  EXPECT_TRUE(std::isnan(travel.practice_minutes[2]));
  EXPECT_TRUE(std::isnan(travel.locality_minutes[1]));
  // Radii are of every practice of the place, in a team or not: B's nearest is still A.
  EXPECT_NEAR(travel.practice_radius_km[1], 1.5, 1e-9);
  demand::VisitTravel visits{travel.locality_minutes};
  Service home;
  home.setting = Setting::kHome;
  Intervention visit;
  visit.travel_minutes_per_visit = 30.0;
  EXPECT_NEAR(visits.Minutes(home, visit, 0), (10000 * 7.2218 + 20000 * 11.6655) / 30000.0, 1e-3);
  EXPECT_EQ(visits.Minutes(home, visit, 1), 30.0);
}

// The demand toy's memory support service (at home): a case manager visit with 30 minutes'
// travel (red tier) and a check-in call without travel (green tier).
struct Toy {
  careforce::testing::TempDir dir;
  Place place;
  demand::DemandReference reference;
  std::vector<Service> services;
};

std::unique_ptr<Toy> MakeToy() {
  auto toy = std::make_unique<Toy>();
  careforce::testing::CopyFiles(careforce::testing::DataDir() / "places" / "demand_toy", toy->dir.path());
  io::ReadOptions options;
  options.today = careforce::testing::FixedToday();
  toy->place = io::LoadPlace(toy->dir.str(), options);
  toy->reference = demand::LoadDemandReference(std::string(CAREFORCE_SOURCE_DIR) + "/reference");
  toy->services = io::ReadServices((toy->dir.path() / "services.toml").string(), toy->place, toy->reference.NeedCodes());
  return toy;
}

double TravelHours(const demand::DemandResult& demand, int year, Index locality) {
  double hours = 0.0;
  for (const auto& row : demand.activity) {
    if (row.year == year && row.locality == locality) hours += row.travel_hours;
  }
  return hours;
}

double ContactHours(const demand::DemandResult& demand, int year, Index locality) {
  double hours = 0.0;
  for (const auto& row : demand.activity) {
    if (row.year == year && row.locality == locality) hours += row.contact_hours;
  }
  return hours;
}

TEST(Travel, TheMapsMinutesReplaceTheTravelOfVisitsAtHomeOnly) {
  const auto toy = MakeToy();
  const int year = toy->place.base_year;
  const demand::DemandResult fixed = demand::ProjectDemand(toy->place, toy->services, toy->reference);
  // North's visits travel 10 minutes from the map, not 30; South keeps the service model's.
  const demand::VisitTravel map{{10.0, std::numeric_limits<double>::quiet_NaN()}};
  const demand::DemandResult mapped = demand::ProjectDemand(toy->place, toy->services, toy->reference, {}, map);
  ASSERT_GT(TravelHours(fixed, year, 0), 0.0);
  EXPECT_NEAR(TravelHours(mapped, year, 0), TravelHours(fixed, year, 0) / 3.0, 1e-9);
  EXPECT_NEAR(TravelHours(mapped, year, 1), TravelHours(fixed, year, 1), 1e-9);
  EXPECT_NEAR(ContactHours(mapped, year, 0), ContactHours(fixed, year, 0), 1e-9);
  // A clinic's travel is its own: the map says where the practices' people live, not the clinic.
  std::vector<Service> clinic = toy->services;
  for (Service& service : clinic) service.setting = Setting::kClinic;
  const demand::DemandResult at_clinic = demand::ProjectDemand(toy->place, clinic, toy->reference, {}, map);
  EXPECT_NEAR(TravelHours(at_clinic, year, 0), TravelHours(fixed, year, 0), 1e-9);
}

}  // namespace
}  // namespace careforce::plan
