#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "demand/demand.hpp"
#include "model/place.hpp"
#include "model/risk.hpp"

namespace careforce::synth {

// A realistic person-level register of a place's residents aged `min_age` and over, registered
// with its GP practices: conditions drawn so that the share with two or more matches the
// multimorbidity prevalence by age, frailty deficits so that the electronic Frailty Index
// categories match the frailty prevalence by age, unplanned admissions rising with frailty, and
// living alone rising with age (docs/methods.md, "Synthetic registers").
Register SynthesiseRegister(const Place& place, const demand::DemandReference& reference, uint64_t seed,
                            int min_age = 65);

// Disease registers of a place's GP practices for the registers linked to needs
// (reference/demand/register_calibration.csv): each practice records a share of the people in
// need its list is expected to hold (the locality's prevalence by age and sex), the share drawn
// per practice from reference/synth/practice_registers.csv.
std::vector<PracticeRegister> SynthesisePracticeRegisters(const Place& place, const demand::DemandReference& reference,
                                                          const std::string& reference_directory, uint64_t seed);

// Writes a register in the documented layout.
void WriteRegister(const Register& people, const std::string& path);

}  // namespace careforce::synth
