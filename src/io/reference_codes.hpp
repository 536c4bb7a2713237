#pragma once

#include <string>
#include <vector>

#include "io/code_index.hpp"
#include "model/diagnostic.hpp"

namespace careforce::io {

// The role and competence codes the reference tables are keyed by: the careforce catalogue
// (synth/roles.csv and west_sussex/roles.csv, synth/competences.csv).
struct ReferenceCodes {
  CodeIndex roles;
  CodeIndex competences;
};

// Reads the catalogue from a reference directory, reporting problems into `diagnostics`.
ReferenceCodes LoadReferenceCodes(const std::string& reference_directory, Diagnostics& diagnostics);

}  // namespace careforce::io
