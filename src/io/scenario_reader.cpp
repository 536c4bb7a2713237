#include "io/scenario_reader.hpp"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "io/supply_reader.hpp"
#include "io/text.hpp"
#include "io/toml_schema.hpp"
#include "model/error.hpp"

namespace careforce::io {

Scenario ReadScenario(const std::string& path, const Place& place, std::span<const std::string> service_codes,
                      std::span<const std::string_view> need_codes) {
  Diagnostics diagnostics;
  auto document = TomlDocument::Load(path, diagnostics);
  if (!document) throw InputError(std::move(diagnostics));
  TomlTable root(document->root(), document->path(), "the top level", diagnostics);
  root.AllowOnly({"name", "description", "demand", "supply", "new_role", "pay", "limits"});
  Scenario scenario;
  scenario.path = path;
  scenario.name = root.String("name", true).value_or("");
  scenario.description = root.String("description", false).value_or("");

  if (auto demand = root.Table("demand", false)) {
    demand->AllowOnly({"growth_per_year", "prevalence_change_per_year", "shift"});
    if (auto growth = demand->Number("growth_per_year", false, -0.5, false, 0.5, false)) scenario.demand_growth_per_year = *growth;
    if (auto changes = demand->Table("prevalence_change_per_year", false)) {
      for (const auto& [need, node] : changes->table()) {
        const Location where = TomlLocation(path, node);
        if (std::find(need_codes.begin(), need_codes.end(), need.str()) == need_codes.end()) {
          diagnostics.Error(where, fmt::format("unknown need \"{}\" in [demand.prevalence_change_per_year], expected one "
                                               "of {}{}",
                                               need.str(), fmt::join(need_codes, ", "), DidYouMean(need.str(), need_codes)));
          continue;
        }
        if (auto rate = changes->Number(need.str(), true, -0.5, false, 0.5, false)) {
          scenario.prevalence_change.push_back(DemandSettings::PrevalenceChange{std::string(need.str()), *rate, where});
        }
      }
    }
    for (const TomlTable& shift : demand->Tables("shift", false)) {
      shift.AllowOnly({"service", "share_eligible", "year"});
      Scenario::Shift entry;
      entry.where = shift.where();
      const auto service = shift.String("service", true);
      const auto share = shift.Number("share_eligible", true, 0, false, 1, false);
      const auto year = shift.Integer("year", true, place.base_year + 1, place.base_year + 40);
      if (service && std::find(service_codes.begin(), service_codes.end(), *service) == service_codes.end()) {
        const std::vector<std::string_view> codes(service_codes.begin(), service_codes.end());
        diagnostics.Error(shift.At("service"), fmt::format("unknown service \"{}\" in [[demand.shift]], expected a service "
                                                           "of the place's model{}",
                                                           *service, DidYouMean(*service, codes)));
        continue;
      }
      if (service && share && year) {
        entry.service = *service;
        entry.share_eligible = *share;
        entry.year = static_cast<int>(*year);
        scenario.shifts.push_back(entry);
      }
    }
  }

  // New roles first: [supply] tables may recruit or train into them.
  Place extended = place;
  std::set<std::string> codes;
  for (const Role& role : place.roles) codes.insert(role.code);
  std::vector<std::string_view> competence_codes;
  for (const Competence& competence : place.competences) competence_codes.push_back(competence.code);
  for (const TomlTable& table : root.Tables("new_role", false)) {
    table.AllowOnly({"code", "name", "staff_group", "registered", "annual_salary", "sector", "competences", "reference_role"});
    Scenario::NewRole entry;
    entry.where = table.where();
    bool ok = true;
    entry.role.code = table.String("code", true).value_or("");
    entry.role.name = table.String("name", true).value_or("");
    if (!entry.role.code.empty() && !codes.insert(entry.role.code).second) {
      diagnostics.Error(table.At("code"), fmt::format("role \"{}\" exists already, expected a new role code", entry.role.code));
      ok = false;
    }
    if (auto group = table.String("staff_group", true)) {
      if (auto parsed = ParseCode<StaffGroup>(*group)) {
        entry.role.staff_group = *parsed;
      } else {
        diagnostics.Error(table.At("staff_group"),
                          fmt::format("staff group \"{}\" is not allowed, expected {}", *group, AllowedCodes<StaffGroup>()));
        ok = false;
      }
    }
    entry.role.registered = table.Boolean("registered", true).value_or(false);
    entry.role.pay_basis = PayBasis::kAnnualSalary;
    if (auto salary = table.Number("annual_salary", true, 0, true, 1e6, false)) {
      entry.role.annual_salary = *salary;
    } else {
      ok = false;
    }
    if (auto sector = table.String("sector", true)) {
      if (auto parsed = ParseCode<Sector>(*sector)) {
        entry.sector = *parsed;
      } else {
        diagnostics.Error(table.At("sector"), fmt::format("sector \"{}\" is not allowed, expected {}", *sector, AllowedCodes<Sector>()));
        ok = false;
      }
    }
    if (auto competences = table.Strings("competences", true)) {
      for (const std::string& competence : *competences) {
        if (std::find(competence_codes.begin(), competence_codes.end(), competence) == competence_codes.end()) {
          diagnostics.Error(table.At("competences"), fmt::format("unknown competence \"{}\" in [[new_role]], expected a "
                                                                 "competence of competences.csv{}",
                                                                 competence, DidYouMean(competence, competence_codes)));
          ok = false;
        }
      }
      entry.competences = *competences;
    }
    // Its scope of practice in the task table: that of a role of the place with this reference
    // code (none: it gives no act the table names).
    if (auto reference = table.String("reference_role", false)) {
      std::vector<std::string_view> known;
      for (const Role& role : place.roles) known.push_back(ReferenceCode(role));
      if (std::find(known.begin(), known.end(), *reference) == known.end()) {
        diagnostics.Error(table.At("reference_role"),
                          fmt::format("reference role \"{}\" of new role {} is not the reference code of a role of the "
                                      "place, expected one of {}{}",
                                      *reference, entry.role.code, fmt::join(known, ", "), DidYouMean(*reference, known)));
        ok = false;
      }
      entry.role.reference_role = *reference;
    }
    if (ok && !entry.role.code.empty()) {
      extended.roles.push_back(entry.role);
      scenario.new_roles.push_back(std::move(entry));
    }
  }

  if (auto supply = root.Table("supply", false)) {
    supply->AllowOnly({"leaver_rate_factor", "leaver_rate", "retirement_rate", "joiners", "move", "pipeline"});
    if (auto factor = supply->Number("leaver_rate_factor", false, 0, false, 5, false)) scenario.leaver_rate_factor = *factor;
    ReadSupplyFlows(*supply, extended, scenario.supply, diagnostics);
  }
  if (auto pay = root.Table("pay", false)) {
    pay->AllowOnly({"harmonise"});
    scenario.pay_harmonisation = pay->Boolean("harmonise", true).value_or(false);
  }
  if (auto limits = root.Table("limits", false)) {
    limits->AllowOnly({"budget", "max_hires_fte", "supervision_ratio", "max_delegation_risk"});
    scenario.budget = limits->Number("budget", false, 0, false, 1e12, false);
    scenario.max_hires_fte = limits->Number("max_hires_fte", false, 0, false, 1e7, false);
    scenario.supervision_ratio = limits->Number("supervision_ratio", false, 0, false, 10, false);
    scenario.max_delegation_risk = limits->Choice("max_delegation_risk", false, {"none", "low", "medium", "high"});
  }
  if (diagnostics.HasErrors()) throw InputError(std::move(diagnostics));
  return scenario;
}

}  // namespace careforce::io
