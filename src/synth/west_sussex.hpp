#pragma once

#include <string>

#include "model/place.hpp"

namespace careforce::synth {

// The West Sussex example place, built from real public data (data/published) where it exists
// and synthesised to published totals where it does not. Every part's provenance is stated in
// the PROVENANCE.md written with it.
struct WestSussexPlace {
  Place place;
  std::string population_file;  // the ONS file, copied as published
  std::string qof_file;         // QOF registers: the rows of the place's practices, as published
  std::string
      registered_lists_file;    // networks' registered patients by age and sex, copied as published
  std::string provenance;       // PROVENANCE.md
  std::string reference_directory;
};

// Builds the place from the published data directory and the reference directory.
WestSussexPlace BuildWestSussex(const std::string& data_directory, const std::string& reference_directory);

// Writes it as a place directory: the careforce tables, the population file as published with
// its layout declared in place.toml, the QOF register rows of its practices and the networks'
// registered lists by age and sex as published (both declared too), and PROVENANCE.md.
void WriteWestSussex(const WestSussexPlace& build, const std::string& directory);

}  // namespace careforce::synth
