// Demand over 20 years for the fictional example place, and risk scoring of a register of five
// million people. Results: docs/performance.md.

#include <filesystem>
#include <unistd.h>

#include <benchmark/benchmark.h>

#include "demand/demand.hpp"
#include "demand/stratify.hpp"
#include "io/place_reader.hpp"
#include "io/reference_table.hpp"
#include "io/risk_reader.hpp"
#include "io/service_reader.hpp"
#include "synth/register.hpp"
#include "synth/synth.hpp"

namespace careforce {
namespace {

namespace fs = std::filesystem;

const std::string kSource = CAREFORCE_SOURCE_DIR;

void DemandWestbrookTwentyYears(benchmark::State& state) {
  const std::string place_dir = kSource + "/examples/westbrook";
  Place place = io::LoadPlace(place_dir);
  place.demand.years = 20;
  const demand::DemandReference reference = demand::LoadDemandReference(io::ReferenceDirectory(""));
  const RiskModel model = io::ReadRiskModel(place_dir + "/risk_model.toml");
  const Register people = io::ReadRegister(place_dir + "/register.csv");
  std::vector<std::string> localities;
  for (const Locality& locality : place.localities) localities.push_back(locality.code);
  const demand::TierCohorts tiers = demand::CohortsForPlace(demand::Stratify(people, model), people, localities, "");
  const auto services = io::ReadServices(place_dir + "/services.toml", place, reference.NeedCodes(), tiers.names);
  std::size_t rows = 0;
  for (auto _ : state) {
    const demand::DemandResult result = demand::ProjectDemand(place, services, reference, tiers);
    rows = result.role_demand.size();
    benchmark::DoNotOptimize(result.waterfall.back().hours);
  }
  state.counters["years"] = 21;
  state.counters["role_year_locality_rows"] = static_cast<double>(rows);
}

// A register of about five million people aged 65+, written once per process.
const std::string& FiveMillionRegister() {
  static const std::string path = [] {
    const fs::path file = fs::temp_directory_path() / ("careforce-bench-register-" + std::to_string(getpid()) + ".csv");
    synth::SynthOptions options;
    options.seed = 5;
    options.population = 20'250'000;  // residents; about a quarter are aged 65+
    const Place place = synth::SynthesisePlace(options, synth::LoadCalibration(io::ReferenceDirectory("")));
    const demand::DemandReference reference = demand::LoadDemandReference(io::ReferenceDirectory(""));
    synth::WriteRegister(synth::SynthesiseRegister(place, reference, 5), file.string());
    return file.string();
  }();
  return path;
}

void LoadRegister(benchmark::State& state) {
  const std::string& path = FiveMillionRegister();
  const auto bytes = static_cast<double>(fs::file_size(path));
  std::size_t people = 0;
  for (auto _ : state) {
    const Register loaded = io::ReadRegister(path);
    people = loaded.size();
    benchmark::DoNotOptimize(loaded.age.data());
  }
  state.counters["people"] = static_cast<double>(people);
  state.counters["bytes_per_second"] = benchmark::Counter(bytes, benchmark::Counter::kIsIterationInvariantRate);
}

void ScoreRegister(benchmark::State& state) {
  static const Register people = io::ReadRegister(FiveMillionRegister());
  const char* models[] = {"efi.toml", "case_finding_rules.toml", "admission_risk_logistic.toml"};
  const RiskModel model = io::ReadRiskModel(kSource + "/reference/demand/risk_models/" + models[state.range(0)]);
  state.SetLabel(model.name);
  for (auto _ : state) {
    const demand::Stratification result = demand::Stratify(people, model);
    benchmark::DoNotOptimize(result.total.data());
  }
  state.counters["people"] = static_cast<double>(people.size());
  state.counters["people_per_second"] =
      benchmark::Counter(static_cast<double>(people.size()), benchmark::Counter::kIsIterationInvariantRate);
}

// The scoring step alone: the logistic linear predictor of every person.
void ScoreLogisticPredictors(benchmark::State& state) {
  static const Register people = io::ReadRegister(FiveMillionRegister());
  const RiskModel model = io::ReadRiskModel(kSource + "/reference/demand/risk_models/admission_risk_logistic.toml");
  for (auto _ : state) {
    const std::vector<double> score = demand::LinearPredictors(people, model);
    benchmark::DoNotOptimize(score.data());
  }
  state.counters["people_per_second"] =
      benchmark::Counter(static_cast<double>(people.size()), benchmark::Counter::kIsIterationInvariantRate);
}

BENCHMARK(DemandWestbrookTwentyYears)->Unit(benchmark::kMillisecond);
BENCHMARK(LoadRegister)->Unit(benchmark::kMillisecond)->Iterations(3);
BENCHMARK(ScoreRegister)->DenseRange(0, 2)->Unit(benchmark::kMillisecond);
BENCHMARK(ScoreLogisticPredictors)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace careforce
