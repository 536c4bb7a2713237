#pragma once

#include <string>
#include <vector>

#include "model/wisn.hpp"

namespace careforce::demand {

struct WisnActivityResult {
  std::string name;
  double standard_workload = 0.0;  // units one person can do in a year
};

struct WisnResult {
  std::string code;
  std::string name;
  double available_days = 0.0;
  double available_working_time_hours = 0.0;  // AWT
  std::vector<WisnActivityResult> activities;
  double service_staff = 0.0;                // A = sum of volume / standard workload
  double category_allowance_percent = 0.0;   // sum of CAS%
  double category_allowance_factor = 0.0;    // CAF = 1 / (1 - sum CAS% / 100)
  double individual_allowance_hours = 0.0;
  double individual_allowance_factor = 0.0;  // IAF = individual allowance hours / AWT
  double required_staff = 0.0;               // A x CAF + IAF
  double staff_in_post = 0.0;
  double wisn_difference = 0.0;              // in post - required
  double wisn_ratio = 0.0;                   // in post / required
};

// Computes WISN for one staff category. Roles are independent: nothing carries between calls.
// The input must be valid (io::ReadWisnFile checks it).
WisnResult ComputeWisn(const WisnRole& role);

}  // namespace careforce::demand
