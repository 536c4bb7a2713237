// Team design for 100 to 6,300 GP practices (England has about 6,300): synthetic regions of
// practices at random positions (50.8-51.4 N, 1.2 W-0.0, about 67 x 83 km), list sizes of 2,000 to
// 20,000, networks of four neighbouring practices within a locality. Two layouts: localities as
// bands of longitude, whose networks are four in a row of latitude in the band (the first
// benchmark: with one locality a network spans the region), and localities as a grid of cells
// (like the places of a country), the same networks whether or not teams may cross localities.
// Results: docs/performance.md ("Neighbourhood teams").

#include <algorithm>
#include <random>

#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include "plan/teams.hpp"
#include "plan/travel.hpp"

namespace careforce {
namespace {

Place Practices(int practices, int localities) {
  std::mt19937_64 rng(20261201);
  std::uniform_real_distribution<double> latitude(50.8, 51.4);
  std::uniform_real_distribution<double> longitude(-1.2, 0.0);
  std::uniform_int_distribution<int64_t> list(2000, 20000);
  Place place;
  for (int locality = 0; locality < localities; ++locality) {
    place.localities.push_back(Locality{fmt::format("L{}", locality), fmt::format("Locality {}", locality)});
  }
  for (int at = 0; at < practices; ++at) {
    GpPractice practice;
    practice.code = fmt::format("P{}", at);
    practice.list_size = list(rng);
    practice.latitude = latitude(rng);
    practice.longitude = longitude(rng);
    place.gp_practices.push_back(practice);
  }
  return place;
}

// Networks: four in a row of latitude within each locality.
void Networks(Place& place) {
  std::stable_sort(place.gp_practices.begin(), place.gp_practices.end(), [](const GpPractice& a, const GpPractice& b) {
    return a.locality < b.locality || (a.locality == b.locality && *a.latitude < *b.latitude);
  });
  std::size_t first = 0;
  for (std::size_t at = 0; at < place.gp_practices.size(); ++at) {
    if (place.gp_practices[at].locality != place.gp_practices[first].locality) first = at;
    place.gp_practices[at].pcn = fmt::format("N{}-{}", place.gp_practices[at].locality, (at - first) / 4);
  }
}

// Localities as bands of longitude of equal numbers of practices.
Place Bands(int practices, int localities) {
  Place place = Practices(practices, localities);
  std::sort(place.gp_practices.begin(), place.gp_practices.end(),
            [](const GpPractice& a, const GpPractice& b) { return *a.longitude < *b.longitude; });
  const int per_locality = (practices + localities - 1) / localities;
  for (int at = 0; at < practices; ++at) place.gp_practices[at].locality = static_cast<Index>(at / per_locality);
  Networks(place);
  return place;
}

// Localities as a grid of rows x columns cells of equal area (rows the largest divisor of the
// count at most its square root).
Place Cells(int practices, int localities) {
  Place place = Practices(practices, localities);
  int rows = 1;
  for (int divisor = 1; divisor * divisor <= localities; ++divisor) {
    if (localities % divisor == 0) rows = divisor;
  }
  const int columns = localities / rows;
  for (GpPractice& practice : place.gp_practices) {
    const int row = std::min(rows - 1, static_cast<int>((*practice.latitude - 50.8) / 0.6 * rows));
    const int column = std::min(columns - 1, static_cast<int>((*practice.longitude + 1.2) / 1.2 * columns));
    practice.locality = static_cast<Index>(row * columns + column);
  }
  Networks(place);
  return place;
}

// Arguments: practices, localities, layout (0: bands, 1: cells), teams within localities (1) or
// across them (0), threads (0: every core), the largest group solved exactly (0: TeamSettings'
// default).
void TeamDesign(benchmark::State& state) {
  const auto practices = static_cast<int>(state.range(0));
  const auto localities = static_cast<int>(state.range(1));
  const Place place = state.range(2) == 0 ? Bands(practices, localities) : Cells(practices, localities);
  plan::TeamSettings settings;
  settings.within_locality = state.range(3) != 0;
  if (state.range(5) > 0) settings.exact_variables = static_cast<std::size_t>(state.range(5));
  plan::TeamDesign design;
  for (auto _ : state) {
    design = plan::DesignTeams(place, settings, static_cast<int>(state.range(4)));
    benchmark::DoNotOptimize(design.person_km);
  }
  std::size_t infeasible = 0, heuristic = 0;
  for (const plan::TeamGroup& group : design.groups) {
    infeasible += group.feasible ? 0 : 1;
    heuristic += group.feasible && group.method == "heuristic" ? 1 : 0;
  }
  state.counters["teams"] = static_cast<double>(design.teams.size());
  state.counters["groups"] = static_cast<double>(design.groups.size());
  state.counters["heuristic_groups"] = static_cast<double>(heuristic);
  state.counters["infeasible_groups"] = static_cast<double>(infeasible);
  state.counters["person_km"] = design.person_km;
  state.counters["lower_bound"] = design.lower_bound;
  state.counters["gap"] = design.Gap();
}

BENCHMARK(TeamDesign)
    ->ArgNames({"practices", "localities", "cells", "within", "threads", "exact_variables"})
    // The first benchmark's place (bands): one locality of 100 to 1,000, 40 and 20 localities.
    ->Args({100, 1, 0, 0, 0, 0})
    ->Args({300, 1, 0, 0, 0, 0})
    ->Args({1000, 1, 0, 0, 0, 0})
    ->Args({1000, 1, 0, 0, 1, 0})
    ->Args({1000, 1, 0, 0, 0, 400})
    ->Args({1000, 40, 0, 1, 0, 0})
    ->Args({1000, 40, 0, 1, 1, 0})
    ->Args({1000, 20, 0, 1, 0, 0})
    ->Args({1000, 20, 0, 1, 0, 400})
    // A country's places (cells): 1,000 practices in 40 localities, teams within them or across;
    // 6,300 in 42.
    ->Args({100, 4, 1, 0, 0, 0})
    ->Args({300, 12, 1, 0, 0, 0})
    ->Args({1000, 40, 1, 1, 0, 0})
    ->Args({1000, 40, 1, 1, 1, 0})
    ->Args({1000, 40, 1, 0, 0, 0})
    ->Args({1000, 40, 1, 0, 1, 0})
    ->Args({6300, 42, 1, 1, 0, 0})
    ->Args({6300, 42, 1, 1, 1, 0})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->Iterations(1);

// Travel from the map (plan::MapTravel) for the designed teams of a country's places (cells): the
// nearest other practice of each practice is found by comparing every pair.
void TeamTravel(benchmark::State& state) {
  const Place place = Cells(static_cast<int>(state.range(0)), static_cast<int>(state.range(1)));
  plan::TeamSettings settings;
  const plan::TeamDesign design = plan::DesignTeams(place, settings, 0);
  plan::TravelFromMap travel;
  for (auto _ : state) {
    travel = plan::MapTravel(place, design);
    benchmark::DoNotOptimize(travel.team_minutes.data());
  }
  state.counters["teams"] = static_cast<double>(design.teams.size());
}

BENCHMARK(TeamTravel)
    ->ArgNames({"practices", "localities"})
    ->Args({1000, 40})
    ->Args({6300, 42})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace
}  // namespace careforce
