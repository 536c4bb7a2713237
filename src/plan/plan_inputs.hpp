#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "io/place_reader.hpp"
#include "model/diagnostic.hpp"
#include "model/place.hpp"
#include "model/scenario.hpp"
#include "model/scope.hpp"
#include "plan/plan.hpp"

namespace careforce::plan {

// Where the plan's inputs are: the place and the files given on the command line.
struct PlanSources {
  std::string place;                   // the place directory
  std::string reference;               // --reference (empty: io::ReferenceDirectory's search)
  std::string supply_config;           // --supply-config (empty: the place's supply.toml, if any)
  std::vector<std::string> scenarios;  // --scenario files
  std::vector<std::string> policies;   // --policy files
  io::ReadOptions read;  // how the place is read (its reference_directory is `reference`)
  // Supply runs the plan keeps (--runs) and each scenario and policy cell keeps (--scenario-runs):
  // checked against the memory the supply projection may keep (supply::CheckRunMemory); 0: none.
  int runs = 0;
  int scenario_runs = 0;
};

// Everything the plan reads, read and checked.
struct LoadedPlan {
  Place place;
  PlanInputs inputs;
  std::string services_path;        // empty when the place has no service model
  std::optional<ScopeTable> scope;  // the task table the services were read against
  std::string supply_config_path;   // empty when supply uses the defaults
  std::vector<Scenario> scenarios;
  std::vector<Scenario> policies;
  Diagnostics warnings;  // of the place and its service model
};

// Reads and checks every file the plan reads, with the readers the plan uses: the place, its
// register and risk model, its service model and the task table, the supply configuration, the
// demand, supply and skill-mix reference tables, the scenario and policy files, and what demand
// needs of the place (demand::CheckDemandInputs), and that the supply runs asked for fit the
// memory the projection may keep (supply::CheckRunMemory). `careforce validate` and `careforce
// plan` both load through it, so a place that validates has every input its plan builds. Throws
// InputError carrying every problem found (each input whose own inputs were read is checked).
// `step` names each step as it begins (for a progress display).
LoadedPlan LoadPlanInputs(const PlanSources& sources,
                          const std::function<void(const std::string&)>& step = {});

}  // namespace careforce::plan
