#pragma once

#include <string>
#include <utility>
#include <vector>

namespace careforce::cli {

// The files of a small, valid place to start from (careforce init): name and content, each
// pointing to its section of docs/formats.md.
std::vector<std::pair<std::string, std::string>> PlaceTemplate();

// Writes the template into `directory` (created when missing); an existing directory that is not
// empty is an IoError: nothing is written.
void WritePlaceTemplate(const std::string& directory);

}  // namespace careforce::cli
