#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "model/place.hpp"
#include "model/diagnostic.hpp"
#include "model/scope.hpp"
#include "model/service.hpp"

namespace careforce::io {

// Reads a service model file (docs/formats.md, "Service models"): [[service]] tables with their
// [[service.tier]] and [[service.tier.intervention]] tables. Competence and role codes are
// checked against the place; a cohort is a need code, or "tier:<name>" with a name of
// `tier_names` (the place's risk tiers). An intervention's act is checked against the task table
// `scope` and each role's standing for it resolved; an intervention naming no act is a warning
// (into `warnings` when given). Every problem is reported; throws InputError when there is any.
std::vector<Service> ReadServices(const std::string& path, const Place& place,
                                  std::span<const std::string_view> need_codes,
                                  std::span<const std::string> tier_names = {}, const ScopeTable* scope = nullptr,
                                  Diagnostics* warnings = nullptr);

}  // namespace careforce::io
