#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/place.hpp"

namespace careforce::intelligence {

// What a place holds, in counts: the answer to "did it read what I meant?".
struct PlaceSummary {
  std::string name;
  std::string description;
  int base_year = 0;
  Date census_date;
  int64_t localities = 0;
  int64_t organisations = 0;
  int64_t roles = 0;
  int64_t competences = 0;
  int64_t people = 0;
  int64_t posts = 0;
  double fte = 0.0;
  int64_t staff_competences = 0;
  int64_t vacancies = 0;
  int64_t leavers = 0;
  int64_t gp_practices = 0;
  int64_t registered_patients = 0;
  int64_t practice_registers = 0;  // register counts (practice x register)
  int64_t register_codes = 0;      // distinct registers
  int64_t registered_lists = 0;    // registered patients by age band and sex (rows)
  int64_t registered_list_practices = 0;  // practices with rows of their own
  int64_t registered_list_networks = 0;   // networks with rows
  int64_t population_cells = 0;
  std::vector<SourceFile> sources;
};

PlaceSummary SummarisePlace(const Place& place);

}  // namespace careforce::intelligence
