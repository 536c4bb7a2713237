#pragma once

#include <string>

#include "model/date.hpp"
#include "model/diagnostic.hpp"
#include "model/place.hpp"

namespace careforce::io {

struct ReadOptions {
  // Dates after this day are "in the future" (the census date itself must not be later).
  Date today = Today();
  // Compute a SHA-256 of each file's bytes (needed to detect re-imports).
  bool digests = false;
  // Where the shipped role and competence codes are read from (empty: ReferenceDirectory("")).
  std::string reference_directory;
};

// Reads a place directory (place.toml and its CSV files), checks every file against its
// documented layout and every cross-reference, and reports every problem found. The place is
// complete only when no error was reported.
Place ReadPlace(const std::string& directory, Diagnostics& diagnostics,
                const ReadOptions& options = {});

// Reads a place and throws InputError carrying every problem when it is not valid.
Place LoadPlace(const std::string& directory, const ReadOptions& options = {});

}  // namespace careforce::io
