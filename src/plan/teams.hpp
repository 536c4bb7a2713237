#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "model/place.hpp"

namespace careforce::plan {

using careforce::TeamSettings;

struct Team {
  std::string code;      // "<locality code>-<n>" (or the place's own team code)
  Index locality = kNoIndex;
  Index base = kNoIndex;  // the practice the team is based at
  std::vector<Index> practices;
  int64_t population = 0;     // registered people
  double person_km = 0.0;     // sum over its practices of list size x distance to the base
  double worst_km = 0.0;      // the farthest practice from the base
};

// The teams of one locality (or of the place, when teams may cross localities), or why there are
// none.
struct TeamGroup {
  std::string name;  // the locality's name, or "the place"
  std::vector<Index> practices;
  int64_t population = 0;
  std::string method;  // "exact (CBC)", "heuristic", "given"
  double person_km = 0.0;
  double lower_bound = 0.0;  // a proven lower bound on person_km (equal to it when exact)
  bool feasible = true;
  std::string problem;  // when not feasible: what stops it, in words naming the bound
};

struct TeamDesign {
  std::vector<Team> teams;
  std::vector<TeamGroup> groups;
  std::vector<std::size_t> team_of_practice;  // per practice; teams.size() when in no team
  double person_km = 0.0;
  double lower_bound = 0.0;
  // Problems of teams a place gave (a team over its bounds, a network split): each in words.
  std::vector<std::string> findings;

  // (person_km - lower_bound) / person_km: 0 when every group was solved exactly.
  double Gap() const { return person_km > 0 ? (person_km - lower_bound) / person_km : 0.0; }
};

// Great-circle distance in kilometres (haversine, mean Earth radius 6,371.0088 km).
double DistanceKm(double latitude_a, double longitude_a, double latitude_b, double longitude_b);

// Partitions the place's practices into teams within the bounds, networks kept together (a network
// larger than the upper bound split into the fewest teams that fit), inside localities, as compact
// as possible: the least sum of list size x distance from each practice to its team's base, a
// practice of the team. Every practice needs coordinates (InputError naming the first without).
// Groups (localities) are solved side by side on `threads` threads (0: every core); the teams never
// depend on how many.
TeamDesign DesignTeams(const Place& place, const TeamSettings& settings, int threads = 0);

// Checks and costs teams the place gives (`team_of_practice[p]` the team code of practice p, empty
// for none): each team based at the practice that makes it most compact; findings name a team
// outside the bounds, across localities or splitting a network.
TeamDesign CheckTeams(const Place& place, const std::vector<std::string>& team_of_practice, const TeamSettings& settings);

}  // namespace careforce::plan
