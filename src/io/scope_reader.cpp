#include "io/scope_reader.hpp"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "io/reference_table.hpp"
#include "model/error.hpp"

namespace careforce::io {

ScopeTable ReadScopeTable(const std::string& reference_directory) {
  Diagnostics diagnostics;
  ScopeTable scope;
  std::set<std::pair<std::string, std::string>> seen;
  static constexpr Column kLayout[] = {{"act", true},         {"role", true},      {"scope", true},
                                       {"supervision", false}, {"risk", false},     {"max_share", false},
                                       {"description", false}, {"source", true},    {"basis", true}};
  ReadReferenceTable(reference_directory, "plan/scope.csv", kLayout, diagnostics, [&](const Table& table) {
    ScopeEntry entry;
    entry.act = std::string(table.Get(0));
    entry.role = std::string(table.Get(1));
    entry.source = std::string(table.Get(7));
    bool good = true;
    if (const auto level = ParseCode<ScopeLevel>(table.Get(2))) {
      entry.level = *level;
    } else {
      table.Error(2, fmt::format("scope \"{}\" is not allowed, expected {}", table.Get(2), AllowedCodes<ScopeLevel>()));
      good = false;
    }
    const std::string_view supervision = table.Get(3);
    const std::string_view risk = table.Get(4);
    if (good && entry.level == ScopeLevel::kDelegated) {
      if (const auto parsed = ParseCode<Supervision>(supervision)) {
        entry.supervision = *parsed;
      } else {
        table.Error(3, fmt::format("supervision \"{}\" is not allowed for a delegated act, expected {}", supervision,
                                   AllowedCodes<Supervision>()));
        good = false;
      }
      if (const auto parsed = ParseCode<DelegationRisk>(risk)) {
        entry.risk = *parsed;
      } else {
        table.Error(4, fmt::format("risk \"{}\" is not allowed for a delegated act, expected {}", risk,
                                   AllowedCodes<DelegationRisk>()));
        good = false;
      }
      if (!table.Get(5).empty()) {
        if (const auto share = table.Number(5, "max share", 0, true, 1, false)) {
          entry.max_share = *share;
        } else {
          good = false;
        }
      }
    } else if (good && (!supervision.empty() || !risk.empty() || !table.Get(5).empty())) {
      table.Error(supervision.empty() ? (risk.empty() ? 5 : 4) : 3,
                  fmt::format("supervision, risk and max_share are for delegated acts, expected them empty for scope "
                              "\"{}\"",
                              table.Get(2)));
      good = false;
    }
    if (!seen.emplace(entry.act, entry.role).second) {
      table.Error(1, fmt::format("role {} is listed twice for act \"{}\", expected each role once an act", entry.role,
                                 entry.act));
      good = false;
    }
    if (!good) return;
    if (std::find(scope.acts.begin(), scope.acts.end(), entry.act) == scope.acts.end()) scope.acts.push_back(entry.act);
    scope.entries.push_back(std::move(entry));
  });
  if (diagnostics.HasErrors()) throw InputError(std::move(diagnostics));
  return scope;
}

std::vector<RoleScope> ResolveScope(const ScopeTable& table, const std::string& act, const Place& place) {
  std::vector<RoleScope> scope(place.roles.size());
  for (Index role = 0; role < place.roles.size(); ++role) {
    scope[role].role = role;
    const std::string& code = ReferenceCode(place.roles[role]);
    for (const ScopeEntry& entry : table.entries) {
      if (entry.act == act && entry.role == code) {
        scope[role].level = entry.level;
        scope[role].supervision = entry.supervision;
        scope[role].risk = entry.risk;
        scope[role].max_share = entry.max_share;
      }
    }
  }
  return scope;
}

}  // namespace careforce::io
