#pragma once

#include <string>
#include <vector>

#include "model/place.hpp"
#include "plan/teams.hpp"

namespace careforce::plan {

// Travel to a visit at home from the map (docs/methods.md, "Travel from the map"). The people a
// practice registers are taken to live around it, within half the distance to the nearest other
// practice site; a visit's straight-line distance is the root mean square distance from the team's
// base to them (sqrt(d^2 + r^2 / 2) for a practice d km from the base with catchment radius r), its
// road distance that times the detour factor, its minutes the road distance at the road speed
// plus the minutes of a stop (parking and reaching the door).
struct TravelFromMap {
  double road_speed_kmh = 0.0;
  double detour_factor = 0.0;
  double stop_minutes = 0.0;
  // Per team, registered-people-weighted: straight-line km, road km and minutes of one visit.
  std::vector<double> team_straight_km;
  std::vector<double> team_road_km;
  std::vector<double> team_minutes;
  // Per locality: the minutes of a visit to one of its registered people (by their team's base);
  // the service model's own where the locality has no practice in a team (NaN).
  std::vector<double> locality_minutes;
  // Per practice: catchment radius (km) and minutes of a visit to its people; NaN in no team.
  std::vector<double> practice_radius_km;
  std::vector<double> practice_minutes;
};

// Travel of every team of `design` and of every locality. Requires every practice's coordinates.
TravelFromMap MapTravel(const Place& place, const TeamDesign& design);

}  // namespace careforce::plan
