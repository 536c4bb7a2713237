#pragma once

#include <string>

#include "model/place.hpp"
#include "model/scope.hpp"

namespace careforce::io {

// Reads the task table (reference/plan/scope.csv, docs/formats.md "Scope of practice"): act,
// role, scope (own, delegated or never), supervision and risk of delegated acts, and the source
// of every row. Throws InputError with every problem.
ScopeTable ReadScopeTable(const std::string& reference_directory);

// Every place role's standing for an act: the row of the table naming the role's reference code
// (Role::reference_role, else its own code), or never when the act does not list it.
std::vector<RoleScope> ResolveScope(const ScopeTable& table, const std::string& act, const Place& place);

}  // namespace careforce::io
