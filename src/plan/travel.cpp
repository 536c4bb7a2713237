#include "plan/travel.hpp"

#include <cmath>
#include <limits>

#include "plan/solver.hpp"

namespace careforce::plan {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double DistanceBetween(const GpPractice& a, const GpPractice& b) {
  return DistanceKm(*a.latitude, *a.longitude, *b.latitude, *b.longitude);
}

}  // namespace

TravelFromMap MapTravel(const Place& place, const TeamDesign& design) {
  TravelFromMap travel;
  travel.road_speed_kmh = place.travel.road_speed_kmh;
  travel.detour_factor = place.travel.detour_factor;
  travel.stop_minutes = place.travel.stop_minutes;
  const std::vector<GpPractice>& practices = place.gp_practices;
  const std::size_t count = practices.size();
  // Catchment radius: half the distance to the nearest practice at another site (none: 0).
  travel.practice_radius_km.assign(count, 0.0);
  for (std::size_t practice = 0; practice < count; ++practice) {
    double nearest = kInfinity;
    for (std::size_t other = 0; other < count; ++other) {
      if (other == practice) continue;
      const double km = DistanceBetween(practices[practice], practices[other]);
      if (km > 1e-6) nearest = std::min(nearest, km);
    }
    travel.practice_radius_km[practice] = nearest < kInfinity ? nearest / 2.0 : 0.0;
  }
  const double minutes_per_road_km = 60.0 / travel.road_speed_kmh;
  const std::size_t teams = design.teams.size();
  travel.team_straight_km.assign(teams, 0.0);
  travel.team_road_km.assign(teams, 0.0);
  travel.team_minutes.assign(teams, 0.0);
  travel.practice_minutes.assign(count, kNaN);
  std::vector<double> team_people(teams, 0.0);
  std::vector<double> locality_people(place.localities.size(), 0.0);
  std::vector<double> locality_minutes(place.localities.size(), 0.0);
  for (std::size_t team = 0; team < teams; ++team) {
    const Team& at = design.teams[team];
    for (const Index practice : at.practices) {
      const double d = DistanceBetween(practices[practice], practices[at.base]);
      const double r = travel.practice_radius_km[practice];
      const double straight = std::sqrt(d * d + r * r / 2.0);
      const double minutes = straight * travel.detour_factor * minutes_per_road_km + travel.stop_minutes;
      travel.practice_minutes[practice] = minutes;
      const auto people = static_cast<double>(practices[practice].list_size);
      team_people[team] += people;
      travel.team_straight_km[team] += people * straight;
      if (const Index locality = practices[practice].locality; locality != kNoIndex) {
        locality_people[locality] += people;
        locality_minutes[locality] += people * minutes;
      }
    }
    if (team_people[team] > 0) travel.team_straight_km[team] /= team_people[team];
    travel.team_road_km[team] = travel.team_straight_km[team] * travel.detour_factor;
    travel.team_minutes[team] = travel.team_road_km[team] * minutes_per_road_km + travel.stop_minutes;
  }
  travel.locality_minutes.assign(place.localities.size(), kNaN);
  for (std::size_t locality = 0; locality < place.localities.size(); ++locality) {
    if (locality_people[locality] > 0) travel.locality_minutes[locality] = locality_minutes[locality] / locality_people[locality];
  }
  return travel;
}

}  // namespace careforce::plan
