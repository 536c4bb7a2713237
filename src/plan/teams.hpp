#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "model/place.hpp"

namespace careforce::plan {

// How a place's GP practices are grouped into integrated neighbourhood teams (docs/methods.md,
// "Neighbourhood teams").
struct TeamSettings {
  // Registered people a team serves. The lower bound is the NHS Long Term Plan's (2019, para 1.10:
  // practices "typically covering 30-50,000 people"); the upper bound, 70,000, is an assumption
  // from places' own teams (Leeds: 12 teams of about 60,000). Set both in place.toml [teams].
  int64_t min_population = 30000;
  int64_t max_population = 70000;
  bool keep_networks = true;   // the practices of a primary care network in one team
  bool within_locality = true;  // a team inside one locality
  // Largest programme (assignment variables: practices or networks x candidate bases) solved
  // exactly by CBC in one piece; past it, the heuristic (cut in parts this small, each exact).
  // 400 keeps a part under a second or so.
  std::size_t exact_variables = 400;
};

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
TeamDesign DesignTeams(const Place& place, const TeamSettings& settings);

// Checks and costs teams the place gives (`team_of_practice[p]` the team code of practice p, empty
// for none): each team based at the practice that makes it most compact; findings name a team
// outside the bounds, across localities or splitting a network.
TeamDesign CheckTeams(const Place& place, const std::vector<std::string>& team_of_practice, const TeamSettings& settings);

}  // namespace careforce::plan
