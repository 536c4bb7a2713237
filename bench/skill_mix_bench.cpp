// Solve time of a skill-mix linear programme of over 100,000 variables: a synthetic place of
// three million residents in 100 localities, its demand and expected supply, the shipped
// service model and reference tables. Results: docs/performance.md.

#include <filesystem>
#include <unistd.h>

#include <benchmark/benchmark.h>

#include "demand/demand.hpp"
#include "io/reference_table.hpp"
#include "io/service_reader.hpp"
#include "plan/skill_mix_builder.hpp"
#include "synth/calibration.hpp"
#include "synth/synth.hpp"

namespace careforce {
namespace {

void SkillMixLargeProgramme(benchmark::State& state) {
  const std::string reference = io::ReferenceDirectory("");
  synth::SynthOptions options;
  options.seed = 5;
  options.population = 3'000'000;
  options.localities = static_cast<int>(state.range(0));
  Place place = synth::SynthesisePlace(options, synth::LoadCalibration(reference));
  const demand::DemandReference demand_reference = demand::LoadDemandReference(reference);
  const std::filesystem::path directory =
      std::filesystem::temp_directory_path() / ("careforce-bench-services-" + std::to_string(getpid()));
  std::filesystem::create_directories(directory);
  synth::WriteServiceModel(reference, directory.string());
  const std::string services_path = (directory / "services.toml").string();
  const auto services = io::ReadServices(services_path, place, demand_reference.NeedCodes());
  std::filesystem::remove_all(directory);
  const demand::DemandResult demand = demand::ProjectDemand(place, services, demand_reference);
  supply::SupplyOptions supply_options;
  supply_options.years = place.demand.years;
  supply_options.expected = true;
  const supply::SupplyResult supply =
      supply::ProjectSupply(place, SupplyConfig{}, supply::LoadSupplyReference(reference), supply_options);
  plan::SkillMixSettings settings;
  settings.year = demand.last_year;
  const plan::SkillMixProblem problem =
      plan::BuildSkillMixProblem(place, services, demand, supply, plan::LoadPlanReference(reference), settings);
  std::size_t variables = 0;
  std::size_t constraints = 0;
  for (auto _ : state) {
    const plan::SkillMixResult result = plan::OptimiseSkillMix(problem);
    variables = result.program.variables().size();
    constraints = result.program.constraints().size();
    if (result.status != plan::SolveStatus::kOptimal) state.SkipWithError("not optimal");
    benchmark::DoNotOptimize(result.cost);
  }
  state.counters["variables"] = static_cast<double>(variables);
  state.counters["constraints"] = static_cast<double>(constraints);
}

BENCHMARK(SkillMixLargeProgramme)->Arg(100)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(2);

}  // namespace
}  // namespace careforce
