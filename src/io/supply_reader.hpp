#pragma once

#include <string>

#include "model/place.hpp"
#include "model/supply.hpp"

namespace careforce::io {

// Reads a supply configuration (docs/formats.md, "Supply configuration"): [settings] and the
// [[leaver_rate]], [[retirement_rate]], [[joiners]], [[move]] and [[pipeline]] tables. Role codes
// are checked against the place. Every problem is reported; throws InputError when there is any.
SupplyConfig ReadSupplyConfig(const std::string& path, const Place& place);

// The supply configuration of a place: the file `given` (--supply-config) when not empty, else
// supply.toml in the place directory when there is one, else the defaults. Throws InputError.
SupplyConfig ReadPlaceSupplyConfig(const std::string& place_directory, const std::string& given, const Place& place);

class TomlTable;
// The [[leaver_rate]], [[retirement_rate]], [[joiners]], [[move]] and [[pipeline]] tables of a
// TOML table (a supply configuration, or the [supply] table of a scenario).
void ReadSupplyFlows(const TomlTable& table, const Place& place, SupplyConfig& config, Diagnostics& diagnostics);

}  // namespace careforce::io
