#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "model/place.hpp"
#include "model/scenario.hpp"

namespace careforce::io {

// Reads a scenario file (docs/formats.md, "Scenarios") against the place, its service codes
// and the need codes. Roles in [supply] tables may be the scenario's own new roles (numbered
// after the place's, in file order). Every problem is reported; throws InputError.
Scenario ReadScenario(const std::string& path, const Place& place, std::span<const std::string> service_codes,
                      std::span<const std::string_view> need_codes);

}  // namespace careforce::io
