#include "plan/plan_inputs.hpp"

#include <filesystem>
#include <utility>

#include <fmt/format.h>

#include "demand/demand.hpp"
#include "demand/stratify.hpp"
#include "io/input_file.hpp"
#include "io/reference_table.hpp"
#include "io/risk_reader.hpp"
#include "io/scenario_reader.hpp"
#include "io/scope_reader.hpp"
#include "io/service_reader.hpp"
#include "io/supply_reader.hpp"
#include "model/error.hpp"
#include "plan/skill_mix_builder.hpp"
#include "supply/projection.hpp"
#include "supply/rates.hpp"

namespace careforce::plan {

namespace {

// Runs one reader, keeping its problems; false when it found any (its result is then not set).
template <typename Read>
bool Collect(Diagnostics& problems, Read read) {
  try {
    read();
    return true;
  } catch (const InputError& error) {
    problems.Append(error.diagnostics());
    return false;
  }
}

}  // namespace

LoadedPlan LoadPlanInputs(const PlanSources& sources,
                          const std::function<void(const std::string&)>& step) {
  const auto begin = [&](const std::string& name) {
    if (step) step(name);
  };
  namespace fs = std::filesystem;
  const fs::path directory(sources.place);
  const std::string reference = io::ReferenceDirectory(sources.reference);
  LoadedPlan loaded;

  begin(fmt::format("reading the place {}", sources.place));
  io::ReadOptions read = sources.read;
  read.reference_directory = sources.reference;
  Diagnostics place_problems;
  loaded.place = io::ReadPlace(sources.place, place_problems, read);
  // Everything else is read against the place: without a valid place it cannot be checked.
  if (place_problems.HasErrors()) throw InputError(std::move(place_problems));
  loaded.warnings.Append(place_problems);
  const Place& place = loaded.place;
  PlanInputs& inputs = loaded.inputs;

  Diagnostics problems;
  begin("reading the demand reference tables");
  const bool have_demand =
      Collect(problems, [&] { inputs.demand_reference = demand::LoadDemandReference(reference); });
  bool have_tiers = true;
  const DemandSettings& settings = place.demand;
  if (!settings.register_file.empty()) {
    const std::string register_path = (directory / settings.register_file).string();
    const std::string model_path = (directory / settings.risk_model_file).string();
    std::optional<RiskModel> model;
    have_tiers = Collect(problems, [&] { model = io::ReadRiskModel(model_path); });
    begin(fmt::format("reading and scoring the register {}", register_path));
    std::optional<Register> people;
    have_tiers = Collect(problems, [&] { people = io::ReadRegister(register_path); }) && have_tiers;
    if (have_tiers) {
      std::vector<std::string> localities;
      for (const Locality& locality : place.localities) localities.push_back(locality.code);
      have_tiers = Collect(problems, [&] {
        inputs.tiers = demand::CohortsForPlace(demand::Stratify(*people, *model), *people,
                                               localities, register_path);
      });
    }
  }
  const std::string services_path = (directory / settings.services_file).string();
  bool have_services = true;
  if (io::InputExists(services_path)) {
    loaded.services_path = services_path;
    begin(fmt::format("reading the service model {}", services_path));
    const bool have_scope =
        Collect(problems, [&] { loaded.scope = io::ReadScopeTable(reference); });
    have_services = have_demand && have_tiers && have_scope && Collect(problems, [&] {
                      inputs.services = io::ReadServices(
                          services_path, place, inputs.demand_reference.NeedCodes(),
                          inputs.tiers.names, &*loaded.scope, &loaded.warnings);
                    });
    // What the demand projection needs of the place besides its services.
    if (have_demand) demand::CheckDemandInputs(place, inputs.demand_reference, problems);
  }

  begin("reading the supply configuration and the reference tables");
  const bool have_supply_config = Collect(problems, [&] {
    inputs.supply_config = io::ReadPlaceSupplyConfig(sources.place, sources.supply_config, place);
    loaded.supply_config_path = inputs.supply_config.path;
  });
  const bool have_supply_reference =
      Collect(problems, [&] { inputs.supply_reference = supply::LoadSupplyReference(reference); });
  // The runs the plan's supply projection keeps, as the plan projects it (over [demand] years,
  // every run's FTE kept for the chance of a gap): the same check and message as the plan's.
  // Scenario and policy cells keep theirs too, one cell at a time.
  if (have_supply_config && have_supply_reference) {
    const bool cells = !sources.scenarios.empty() || !sources.policies.empty();
    const auto check = [&](int runs) {
      supply::SupplyOptions supply_options;
      supply_options.years = place.demand.years;
      supply_options.runs = runs;
      supply_options.keep_runs = true;
      return Collect(problems, [&] {
        supply::CheckRunMemory(place, inputs.supply_config, *inputs.supply_reference,
                               supply_options);
      });
    };
    if ((sources.runs <= 0 || check(sources.runs)) && cells &&
        sources.scenario_runs > sources.runs) {
      check(sources.scenario_runs);
    }
  }
  Collect(problems, [&] {
    inputs.plan_reference = LoadPlanReference(reference);
    if (loaded.scope) inputs.plan_reference->figures.push_back(ScopeFigure(*loaded.scope));
  });
  Collect(problems, [&] {
    Diagnostics read;
    TrainingReference training = ReadTrainingReference(place, directory.string(), reference, read);
    if (read.HasErrors()) throw InputError(std::move(read));
    inputs.training_reference = std::move(training);
  });

  if (!sources.scenarios.empty() || !sources.policies.empty()) {
    begin("reading the scenarios and policies");
  }
  // Scenarios name the place's services and needs: checked once those were read.
  if (have_demand && have_services) {
    std::vector<std::string> service_codes;
    for (const Service& service : inputs.services) service_codes.push_back(service.code);
    const auto read_scenarios = [&](const std::vector<std::string>& paths,
                                    std::vector<Scenario>& into) {
      for (const std::string& path : paths) {
        Collect(problems, [&] {
          into.push_back(
              io::ReadScenario(path, place, service_codes, inputs.demand_reference.NeedCodes()));
        });
      }
    };
    read_scenarios(sources.scenarios, loaded.scenarios);
    read_scenarios(sources.policies, loaded.policies);
  }
  if (problems.HasErrors()) {
    Diagnostics all = std::move(loaded.warnings);
    all.Append(problems);
    throw InputError(std::move(all));
  }
  return loaded;
}

}  // namespace careforce::plan
