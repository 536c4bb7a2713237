#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "model/enums.hpp"
#include "model/place.hpp"

namespace careforce {

// Scope of practice (docs/methods.md, "Scope of practice"): for each act, whether a role gives
// it within its own scope, may be delegated it, or never gives it.
enum class ScopeLevel : uint8_t { kOwn, kDelegated, kNever };

template <>
struct EnumInfo<ScopeLevel> {
  static constexpr std::string_view kWhat = "scope";
  static constexpr std::array<std::string_view, 3> kCodes = {"own", "delegated", "never"};
  static constexpr std::array<std::string_view, 3> kLabels = {"Own scope", "Delegated", "Never"};
};

// How a delegated act is supervised: the delegator present (direct), reachable and checking the
// outcome (indirect), or by a written plan reviewed from time to time (remote).
enum class Supervision : uint8_t { kDirect, kIndirect, kRemote };

template <>
struct EnumInfo<Supervision> {
  static constexpr std::string_view kWhat = "supervision";
  static constexpr std::array<std::string_view, 3> kCodes = {"direct", "indirect", "remote"};
  static constexpr std::array<std::string_view, 3> kLabels = {"Direct", "Indirect", "Remote"};
};

// Risk of a delegation as the task table rates it (0 low, 1 medium, 2 high).
enum class DelegationRisk : uint8_t { kLow, kMedium, kHigh };

template <>
struct EnumInfo<DelegationRisk> {
  static constexpr std::string_view kWhat = "risk";
  static constexpr std::array<std::string_view, 3> kCodes = {"low", "medium", "high"};
  static constexpr std::array<std::string_view, 3> kLabels = {"Low", "Medium", "High"};
};

// One row of the task table (reference/plan/scope.csv): an act and a (reference) role.
struct ScopeEntry {
  std::string act;
  std::string role;  // a reference role code
  ScopeLevel level = ScopeLevel::kNever;
  Supervision supervision = Supervision::kIndirect;  // delegated acts only
  DelegationRisk risk = DelegationRisk::kLow;         // delegated acts only
  double max_share = 1.0;  // delegated acts only: the largest share of the act's visits the role gives
  std::string source;
};

// The task table: every act, and who may give it. A role an act does not list never gives it.
struct ScopeTable {
  std::vector<std::string> acts;  // in order of first appearance
  std::vector<ScopeEntry> entries;
};

// A place role's standing for one act (resolved when the services are read).
struct RoleScope {
  Index role = kNoIndex;
  ScopeLevel level = ScopeLevel::kNever;
  Supervision supervision = Supervision::kIndirect;
  DelegationRisk risk = DelegationRisk::kLow;
  double max_share = 1.0;
};

}  // namespace careforce
