// Validation, profiling and import of synthetic places of 10 thousand and 100 thousand staff
// rows. The 3-million-row run uses the command line (bench/scale.sh) so that memory can be
// measured as the peak resident set of a whole process. Results: docs/performance.md.

#include <filesystem>
#include <map>
#include <string>
#include <unistd.h>

#include <benchmark/benchmark.h>

#include "intelligence/profile.hpp"
#include "io/place_reader.hpp"
#include "io/reference_table.hpp"
#include "io/place_writer.hpp"
#include "store/store.hpp"
#include "synth/synth.hpp"

namespace careforce {
namespace {

namespace fs = std::filesystem;

// Residents giving about 10 thousand and 100 thousand staff rows (about 31 staff per 1,000).
int64_t ResidentsFor(int64_t staff_rows) { return staff_rows * 1000 / 31; }

// A synthetic place written once per process and size.
const std::string& PlaceOf(int64_t staff_rows) {
  static std::map<int64_t, std::string> places;
  auto found = places.find(staff_rows);
  if (found != places.end()) return found->second;
  const fs::path directory =
      fs::temp_directory_path() / ("careforce-bench-" + std::to_string(getpid()) + "-" + std::to_string(staff_rows));
  synth::SynthOptions options;
  options.seed = 42;
  options.population = ResidentsFor(staff_rows);
  const synth::Calibration calibration = synth::LoadCalibration(io::ReferenceDirectory(""));
  io::WritePlace(synth::SynthesisePlace(options, calibration), directory.string());
  return places.emplace(staff_rows, directory.string()).first->second;
}

void Validate(benchmark::State& state) {
  const std::string& directory = PlaceOf(state.range(0));
  int64_t rows = 0;
  for (auto _ : state) {
    const Place place = io::LoadPlace(directory);
    rows = static_cast<int64_t>(place.staff.size());
    benchmark::DoNotOptimize(place.staff.data());
  }
  state.counters["staff_rows"] = static_cast<double>(rows);
  state.counters["staff_rows_per_second"] =
      benchmark::Counter(static_cast<double>(rows), benchmark::Counter::kIsIterationInvariantRate);
}

void Profile(benchmark::State& state) {
  const Place place = io::LoadPlace(PlaceOf(state.range(0)));
  for (auto _ : state) {
    intelligence::WorkforceProfile profile = intelligence::ProfileWorkforce(place);
    intelligence::ApplySuppression(profile);
    benchmark::DoNotOptimize(profile.headcount);
  }
  state.counters["staff_rows_per_second"] =
      benchmark::Counter(static_cast<double>(place.staff.size()), benchmark::Counter::kIsIterationInvariantRate);
}

void ValidateAndProfile(benchmark::State& state) {
  const std::string& directory = PlaceOf(state.range(0));
  int64_t rows = 0;
  for (auto _ : state) {
    const Place place = io::LoadPlace(directory);
    intelligence::WorkforceProfile profile = intelligence::ProfileWorkforce(place);
    intelligence::ApplySuppression(profile);
    rows = static_cast<int64_t>(place.staff.size());
    benchmark::DoNotOptimize(profile.headcount);
  }
  state.counters["staff_rows_per_second"] =
      benchmark::Counter(static_cast<double>(rows), benchmark::Counter::kIsIterationInvariantRate);
}

void Import(benchmark::State& state) {
  io::ReadOptions options;
  options.digests = true;
  const Place place = io::LoadPlace(PlaceOf(state.range(0)), options);
  const store::Pseudonymiser key("benchmark key of sixteen bytes");
  const fs::path database = fs::temp_directory_path() / ("careforce-bench-" + std::to_string(getpid()) + ".sqlite");
  for (auto _ : state) {
    state.PauseTiming();
    fs::remove(database);
    state.ResumeTiming();
    store::Store store = store::Store::Open(database.string());
    benchmark::DoNotOptimize(store.ImportPlace(place, key).rows);
  }
  fs::remove(database);
  state.counters["staff_rows_per_second"] =
      benchmark::Counter(static_cast<double>(place.staff.size()), benchmark::Counter::kIsIterationInvariantRate);
}

BENCHMARK(Validate)->Arg(10'000)->Arg(100'000)->Unit(benchmark::kMillisecond);
BENCHMARK(Profile)->Arg(10'000)->Arg(100'000)->Unit(benchmark::kMillisecond);
BENCHMARK(ValidateAndProfile)->Arg(10'000)->Arg(100'000)->Unit(benchmark::kMillisecond);
BENCHMARK(Import)->Arg(10'000)->Arg(100'000)->Unit(benchmark::kMillisecond)->Iterations(3);

}  // namespace
}  // namespace careforce

