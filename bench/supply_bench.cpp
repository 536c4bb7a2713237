// The supply Monte Carlo on the shipped places, by role x sector x age x locality: 1,000 runs
// of 10 years. England scale is bench/supply_scale.sh. Results: docs/performance.md.

#include <benchmark/benchmark.h>

#include "io/place_reader.hpp"
#include "io/reference_table.hpp"
#include "supply/projection.hpp"

namespace careforce {
namespace {

const std::string kSource = CAREFORCE_SOURCE_DIR;

void SupplyThousandRuns(benchmark::State& state, const std::string& example) {
  const Place place = io::LoadPlace(kSource + "/examples/" + example);
  const supply::SupplyReference reference = supply::LoadSupplyReference(io::ReferenceDirectory(""));
  supply::SupplyOptions options;
  options.years = 10;
  options.runs = 1000;
  options.threads = static_cast<int>(state.range(0));
  double person_years = 0.0;
  for (auto _ : state) {
    const supply::SupplyResult result = supply::ProjectSupply(place, SupplyConfig{}, reference, options);
    person_years = result.person_years;
    benchmark::DoNotOptimize(result.series.front().headcount.mean.back());
  }
  state.counters["person_years_per_s"] =
      benchmark::Counter(person_years * static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}

void SupplyWestbrook(benchmark::State& state) { SupplyThousandRuns(state, "westbrook"); }
void SupplyWestSussex(benchmark::State& state) { SupplyThousandRuns(state, "west-sussex"); }

BENCHMARK(SupplyWestbrook)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(SupplyWestSussex)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(2);

}  // namespace
}  // namespace careforce
