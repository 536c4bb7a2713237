#pragma once

#include <string>

#include "model/place.hpp"

namespace careforce::io {

// Writes a place as a place directory in the careforce layout (place.toml and one CSV per
// table), creating the directory. Empty optional tables are still written (header only) so
// that the place says "none" rather than "unknown".
void WritePlace(const Place& place, const std::string& directory);

}  // namespace careforce::io
