#include "io/service_reader.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include <fmt/format.h>

#include "io/scope_reader.hpp"
#include "io/table.hpp"
#include "io/text.hpp"
#include "io/toml_schema.hpp"
#include "model/error.hpp"
#include "model/limits.hpp"

namespace careforce::io {

namespace {

std::optional<Index> FindCode(const auto& entities, std::string_view code) {
  for (std::size_t idx = 0; idx < entities.size(); ++idx) {
    if (entities[idx].code == code) return static_cast<Index>(idx);
  }
  return std::nullopt;
}

std::vector<std::string_view> CodesOf(const auto& entities) {
  std::vector<std::string_view> codes;
  for (const auto& entity : entities) codes.push_back(entity.code);
  return codes;
}

}  // namespace

std::vector<Service> ReadServices(const std::string& path, const Place& place,
                                  std::span<const std::string_view> need_codes, std::span<const std::string> tier_names,
                                  const ScopeTable* scope, Diagnostics* warnings) {
  Diagnostics diagnostics;
  auto document = TomlDocument::Load(path, diagnostics);
  if (!document) throw InputError(std::move(diagnostics));
  TomlTable root(document->root(), document->path(), "the top level", diagnostics);
  root.AllowOnly({"service"});
  // Which competences each role holds by default.
  std::vector<std::set<Index>> role_holds(place.roles.size());
  for (const RoleCompetence& held : place.role_competences) role_holds[held.role].insert(held.competence);
  const std::vector<std::string_view> competence_codes = CodesOf(place.competences);
  const std::vector<std::string_view> role_codes = CodesOf(place.roles);

  std::vector<Service> services;
  std::set<std::string> codes;
  int64_t interventions = 0;
  for (const TomlTable& table : root.Tables("service", true)) {
    table.AllowOnly({"code", "name", "setting", "cohort", "share_eligible", "assumptions", "tier", "change"});
    Service service;
    service.code = table.String("code", true).value_or("");
    service.name = table.String("name", true).value_or("");
    if (!service.code.empty() && !codes.insert(service.code).second) {
      diagnostics.Error(table.At("code"), fmt::format("duplicate service code \"{}\", expected each service once", service.code));
    }
    if (auto setting = table.String("setting", true)) {
      if (auto parsed = ParseCode<Setting>(*setting)) {
        service.setting = *parsed;
      } else {
        const std::vector<std::string_view> settings(EnumInfo<Setting>::kCodes.begin(), EnumInfo<Setting>::kCodes.end());
        diagnostics.Error(table.At("setting"), fmt::format("setting \"{}\" is not allowed, expected {}{}", *setting,
                                                           AllowedCodes<Setting>(), DidYouMean(*setting, settings)));
      }
    }
    if (auto cohort = table.String("cohort", true)) {
      service.cohort = *cohort;
      if (cohort->starts_with("tier:")) {
        const std::string name = cohort->substr(5);
        if (std::find(tier_names.begin(), tier_names.end(), name) == tier_names.end()) {
          diagnostics.Error(table.At("cohort"),
                            tier_names.empty()
                                ? fmt::format("cohort \"{}\" needs risk tiers, expected register and risk_model in the "
                                              "[demand] table of place.toml",
                                              *cohort)
                                : fmt::format("unknown risk tier \"{}\", expected one of {}", name, fmt::join(tier_names, ", ")));
        }
      } else if (std::find(need_codes.begin(), need_codes.end(), *cohort) == need_codes.end()) {
        diagnostics.Error(table.At("cohort"), fmt::format("unknown cohort \"{}\", expected a need from "
                                                          "reference/demand/needs.csv ({}){}",
                                                          *cohort, fmt::join(need_codes, ", "),
                                                          DidYouMean(*cohort, need_codes)));
      }
    }
    service.share_eligible = table.Number("share_eligible", true, 0, true, 1, false).value_or(0);
    service.assumptions = table.String("assumptions", true).value_or("");
    if (auto change = table.Table("change", false)) {
      change->AllowOnly({"share_eligible", "year"});
      service.target_share = change->Number("share_eligible", true, 0, true, 1, false);
      if (auto year = change->Integer("year", true, place.base_year + 1, place.base_year + 40)) {
        service.target_year = static_cast<int>(*year);
      }
    }
    double tier_total = 0.0;
    const std::vector<TomlTable> tiers = table.Tables("tier", true);
    for (const TomlTable& tier_table : tiers) {
      tier_table.AllowOnly({"name", "share", "intervention"});
      ServiceTier tier;
      tier.name = tier_table.String("name", true).value_or("");
      tier.share = tier_table.Number("share", true, 0, false, 1, false).value_or(0);
      tier_total += tier.share;
      for (const TomlTable& item : tier_table.Tables("intervention", true)) {
        if (++interventions == kMaxInterventions.most + 1) {
          diagnostics.Error(item.where(), OverLimit(fmt::format("intervention {}", interventions), kMaxInterventions,
                                                    " over every service"));
        }
        item.AllowOnly({"name", "contacts_per_week", "weeks_per_year", "minutes_per_contact",
                        "travel_minutes_per_visit", "competences", "role_mix", "act", "separable"});
        Intervention intervention;
        intervention.name = item.String("name", true).value_or("");
        intervention.contacts_per_week = item.Number("contacts_per_week", true, 0, true, 168, false).value_or(0);
        intervention.weeks_per_year = item.Number("weeks_per_year", false, 0, true, 52, false).value_or(52);
        intervention.minutes_per_contact = item.Number("minutes_per_contact", true, 0, true, 1440, false).value_or(0);
        intervention.travel_minutes_per_visit = item.Number("travel_minutes_per_visit", false, 0, false, 600, false).value_or(0);
        if (auto competences = item.Strings("competences", true)) {
          for (const std::string& code : *competences) {
            if (auto competence = FindCode(place.competences, code)) {
              intervention.competences.push_back(*competence);
            } else {
              diagnostics.Error(item.At("competences"),
                                fmt::format("unknown competence \"{}\" in intervention \"{}\", expected a code from "
                                            "competences.csv{}",
                                            code, intervention.name, DidYouMean(code, competence_codes)));
            }
          }
        }
        if (auto act = item.String("act", false)) {
          intervention.act = *act;
          if (scope) {
            if (std::find(scope->acts.begin(), scope->acts.end(), *act) == scope->acts.end()) {
              const std::vector<std::string_view> acts(scope->acts.begin(), scope->acts.end());
              diagnostics.Error(item.At("act"), fmt::format("unknown act \"{}\" in intervention \"{}\", expected an act of "
                                                            "the task table (reference/plan/scope.csv){}",
                                                            *act, intervention.name, DidYouMean(*act, acts)));
            } else {
              intervention.scope = ResolveScope(*scope, *act, place);
            }
          }
        } else if (warnings) {
          warnings->Warning(item.At("name"),
                            fmt::format("intervention \"{}\" names no act, expected an act of the task table "
                                        "(reference/plan/scope.csv): scope of practice is not checked and any role "
                                        "holding its competences may give it",
                                        intervention.name));
        }
        intervention.separable = item.Boolean("separable", false).value_or(false);
        if (auto mix = item.Table("role_mix", false)) {
          double mix_total = 0.0;
          for (const auto& [key, node] : mix->table()) {
            const auto share = mix->Number(key.str(), true, 0, true, 1, false);
            const auto role = FindCode(place.roles, key.str());
            if (!role) {
              diagnostics.Error(TomlLocation(document->path(), node),
                                fmt::format("unknown role \"{}\" in the role mix of \"{}\", expected a code from roles.csv{}",
                                            key.str(), intervention.name, DidYouMean(key.str(), role_codes)));
              continue;
            }
            for (const Index competence : intervention.competences) {
              if (!role_holds[*role].contains(competence)) {
                diagnostics.Error(TomlLocation(document->path(), node),
                                  fmt::format("role {} in the role mix of \"{}\" does not hold {}, expected roles "
                                              "whose profile holds every competence the intervention needs",
                                              key.str(), intervention.name, place.competences[competence].code));
              }
            }
            if (share) {
              mix_total += *share;
              intervention.role_mix.emplace_back(*role, *share);
            }
          }
          if (std::abs(mix_total - 1.0) > 1e-6) {
            diagnostics.Error(item.At("role_mix"), fmt::format("role mix of \"{}\" sums to {}, expected 1",
                                                               intervention.name, FormatNumber(mix_total)));
          }
        }
        tier.interventions.push_back(std::move(intervention));
      }
      service.tiers.push_back(std::move(tier));
    }
    if (!tiers.empty() && std::abs(tier_total - 1.0) > 1e-6) {
      diagnostics.Error(table.At("tier"), fmt::format("tier shares of service {} sum to {}, expected 1 (each person "
                                                      "reached is in one tier)",
                                                      service.code, FormatNumber(tier_total)));
    }
    services.push_back(std::move(service));
  }
  diagnostics.SortByLocationFrom(0);
  if (diagnostics.HasErrors()) throw InputError(std::move(diagnostics));
  return services;
}

}  // namespace careforce::io
