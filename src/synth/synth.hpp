#pragma once

#include <cstdint>
#include <string>

#include "model/place.hpp"
#include "synth/calibration.hpp"

namespace careforce::synth {

struct SynthOptions {
  uint64_t seed = 1;
  int64_t population = 300000;  // residents
  std::string name = "Westbrook";
  int base_year = 2025;
  Date census_date = *MakeDate(2025, 3, 31);
  int localities = 0;  // 0: one per residents_per_locality of the calibration
};

// Generates a realistic fictional place of any size, calibrated to the published national
// figures and stated assumptions in `calibration`: localities and their population, NHS trusts,
// GP practices and networks, the council, care homes, home care, voluntary providers and
// individual employers; their staff with roles, ages, contracts, pay and competences; vacancies
// and three years of leavers. The same options and calibration always give the same place.
Place SynthesisePlace(const SynthOptions& options, const Calibration& calibration);

// Copies the shipped integrated service model (reference/demand/service_model.toml) into a place
// directory as services.toml. With `risk_tiers`, case management is sized by the severe tier of
// the place's register (cohort "tier:severe") instead of the severe-frailty prevalence, and the
// register's risk model (the electronic Frailty Index) is copied as risk_model.toml.
void WriteServiceModel(const std::string& reference_directory, const std::string& place_directory,
                       bool risk_tiers = false);

// Writes the shipped supply configuration (reference/supply/supply.toml) into a place.
void WriteSupplyConfig(const std::string& reference_directory, const std::string& place_directory);

}  // namespace careforce::synth
