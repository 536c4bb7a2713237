// Team design for 100 to 1,000 GP practices (England has about 6,300): a synthetic region of
// practices at random positions (50.8-51.4 N, 1.2 W-0.0), list sizes of 2,000 to 20,000, networks
// of four neighbouring practices; in localities (bands of longitude, each its own group: about 25
// practices each at 40 localities, solved exactly) or as one group whose teams may cross localities
// (the heuristic and its bound). Results: docs/performance.md ("Neighbourhood teams").

#include <algorithm>
#include <random>

#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include "plan/teams.hpp"

namespace careforce {
namespace {

Place Region(int practices, int localities) {
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
  // Localities are bands of longitude; networks four practices in a row of latitude within them.
  std::sort(place.gp_practices.begin(), place.gp_practices.end(),
            [](const GpPractice& a, const GpPractice& b) { return *a.longitude < *b.longitude; });
  const int per_locality = (practices + localities - 1) / localities;
  for (int at = 0; at < practices; ++at) place.gp_practices[at].locality = static_cast<Index>(at / per_locality);
  for (int first = 0; first < practices; first += per_locality) {
    const int last = std::min(practices, first + per_locality);
    std::sort(place.gp_practices.begin() + first, place.gp_practices.begin() + last,
              [](const GpPractice& a, const GpPractice& b) { return *a.latitude < *b.latitude; });
    for (int at = first; at < last; ++at) place.gp_practices[at].pcn = fmt::format("N{}", at / 4);
  }
  return place;
}

// Arguments: practices, localities (1: one group, teams across localities), threads (0: every
// core), and the largest group solved exactly (0: TeamSettings' default).
void TeamDesign(benchmark::State& state) {
  const auto localities = static_cast<int>(state.range(1));
  const Place place = Region(static_cast<int>(state.range(0)), localities);
  plan::TeamSettings settings;
  settings.within_locality = localities > 1;
  if (state.range(3) > 0) settings.exact_variables = static_cast<std::size_t>(state.range(3));
  plan::TeamDesign design;
  for (auto _ : state) {
    design = plan::DesignTeams(place, settings, static_cast<int>(state.range(2)));
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
    ->ArgNames({"practices", "localities", "threads", "exact_variables"})
    ->Args({100, 1, 0, 0})
    ->Args({300, 1, 0, 0})
    ->Args({1000, 1, 0, 0})
    ->Args({1000, 1, 1, 0})
    ->Args({1000, 40, 0, 0})
    ->Args({1000, 40, 1, 0})
    ->Args({1000, 20, 0, 0})
    ->Args({1000, 20, 0, 400})
    ->Args({1000, 1, 0, 400})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->Iterations(1);

}  // namespace
}  // namespace careforce
