#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "model/limits.hpp"
#include "model/place.hpp"
#include "model/supply.hpp"
#include "supply/rates.hpp"

namespace careforce::supply {

struct SupplyOptions {
  int years = 10;
  int runs = 1000;
  uint64_t seed = 1;
  bool expected = false;  // exact expected values, no sampling
  int threads = 0;        // 0: every core
  bool keep_runs = false;  // keep every run's FTE of each role (and role in a locality)
  // The memory every run's series may take until their percentiles are taken (kMaxRunBytes of
  // model/limits.hpp): more is an input error before anything is allocated.
  int64_t max_run_bytes = kMaxRunBytes.most;
  // Called after each finished run with the number finished (from worker threads, serialised).
  std::function<void(int finished, int runs)> progress;
};

// Headcount and FTE of one group of staff, per year from the base year: the mean and the 10th,
// 50th and 90th percentiles over runs, with the standard deviation (empty for expected values).
struct SupplySeries {
  std::string dimension;  // "total", "sector", "role", "role_sector", "locality", "role_locality"
  std::string code;
  std::string name;
  struct Measure {
    std::vector<double> mean;
    std::vector<double> sd;  // standard deviation over runs
    std::vector<double> p10;
    std::vector<double> p50;
    std::vector<double> p90;
  };
  Measure headcount;
  Measure fte;
  bool suppressed = false;  // hidden in every year in shared outputs (supply/disclosure.hpp)
};

// The flows of one year (mean over runs, or expected), headcount.
struct SupplyFlows {
  int year = 0;
  double leavers = 0.0;
  double retirements = 0.0;
  std::array<double, kJoinerSources> joiners{};
  double completions = 0.0;       // training pipelines completing into roles
  double moves = 0.0;             // between roles and sectors of the place
  double training_intake = 0.0;   // staff leaving their role for a training pipeline
  double training_attrition = 0.0;
  double in_training = 0.0;       // people in pipelines at the end of the year
  std::array<double, EnumCount<Sector>()> retirements_by_sector{};
};

// What drives the change in one role's headcount from the base year to the last (mean over
// runs): last = base - leavers - retirements + joiners + completions + moves in - moves out -
// into training. Moves include changes of sector within the role.
struct RoleFlows {
  Index role = kNoIndex;
  double base = 0.0;
  double leavers = 0.0;
  double retirements = 0.0;
  double joiners = 0.0;
  double completions = 0.0;
  double moves_in = 0.0;
  double moves_out = 0.0;
  double into_training = 0.0;
  double last = 0.0;
  bool suppressed = false;  // the role's series is hidden
};

struct SupplyResult {
  int base_year = 0;
  int last_year = 0;
  int runs = 0;
  uint64_t seed = 0;
  bool expected = false;
  bool means_exact = false;  // runs, with every mean replaced by the exact expected value (the plan)
  bool by_locality = false;
  double credibility_staff_years = 0.0;
  std::vector<std::string> role_codes;  // of the place (rates point into these)
  FlowRates rates;
  std::vector<SupplySeries> series;  // total first, then sectors, roles, role-sectors, localities, role-localities
  // With keep_runs, per series of roles and roles in localities: FTE [year * runs + run].
  std::vector<std::vector<float>> runs_fte;
  std::vector<SupplyFlows> flows;    // one per projected year (base + 1 to last)
  std::vector<RoleFlows> role_flows;  // every role projected, over the whole horizon
  double person_years = 0.0;         // simulated over all runs (headcount at the start of each year)
  int threads = 1;
  double seconds = 0.0;              // wall time of the simulation (rates and runs)

  const SupplySeries* Find(std::string_view dimension, std::string_view code) const;
};

// Projects the workforce of a place from its staff at the census (Six Steps: understand
// workforce availability): a stock-flow model by role × sector × single year of age (×
// locality), run `runs` times with counter-based random streams so that the output depends only
// on the seed, or once for exact expected values (docs/methods.md, "Supply").
SupplyResult ProjectSupply(const Place& place, const SupplyConfig& config, const SupplyReference& reference,
                           const SupplyOptions& options);

// Throws the InputError ProjectSupply would throw, before running anything, when the runs it
// keeps with `options` would take more than options.max_run_bytes (model/limits.hpp
// kMaxRunBytes): the model is built, not run. Nothing to check for expected values.
void CheckRunMemory(const Place& place, const SupplyConfig& config,
                    const SupplyReference& reference, const SupplyOptions& options);

}  // namespace careforce::supply
