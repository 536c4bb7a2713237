#include "io/service_reader.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <tuple>

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

// The hours of a time of day "HH:MM" (00:00 to 24:00); nullopt when it is not one.
std::optional<double> ParseClock(std::string_view text) {
  if (text.size() != 5 || text[2] != ':') return std::nullopt;
  const auto digits = [&](std::size_t at) -> std::optional<int> {
    if (text[at] < '0' || text[at] > '9' || text[at + 1] < '0' || text[at + 1] > '9') return std::nullopt;
    return (text[at] - '0') * 10 + (text[at + 1] - '0');
  };
  const auto hours = digits(0);
  const auto minutes = digits(3);
  if (!hours || !minutes || *minutes > 59 || *hours > 24 || (*hours == 24 && *minutes != 0)) return std::nullopt;
  return *hours + *minutes / 60.0;
}

// A role of the place named in a service's [service.opening] or [service.caseload]: known, and
// giving at least one of the service's interventions today.
std::optional<Index> ServiceRole(const TomlTable& table, std::string_view key, const std::string& code,
                                 const Service& service, const Place& place,
                                 const std::vector<std::set<Index>>& role_holds) {
  const auto role = FindCode(place.roles, code);
  if (!role) {
    table.diagnostics().Error(table.At(key), fmt::format("unknown role \"{}\" in {} of service {}, expected a code from "
                                                         "roles.csv{}",
                                                         code, table.context(), service.code,
                                                         DidYouMean(code, CodesOf(place.roles))));
    return std::nullopt;
  }
  for (const ServiceTier& tier : service.tiers) {
    for (const Intervention& intervention : tier.interventions) {
      if (GivesToday(intervention, *role, role_holds)) return role;
    }
  }
  table.diagnostics().Error(table.At(key), fmt::format("role {} in {} of service {} gives none of its interventions, "
                                                       "expected a role that holds every competence of one of them and "
                                                       "whom the task table allows its act (or one in its role_mix)",
                                                       code, table.context(), service.code));
  return std::nullopt;
}

// [service.opening]: hours open a year given as such, or as days a week and hours a day (or
// from and to), 52 weeks a year unless told; the seats; the roles that staff them.
std::optional<ServiceOpening> ReadOpening(const TomlTable& table, const Service& service, const Place& place,
                                          const std::vector<std::set<Index>>& role_holds) {
  table.AllowOnly({"hours_a_year", "days_per_week", "hours_per_day", "from", "to", "weeks_per_year", "seats",
                   "per_locality", "roles"});
  Diagnostics& diagnostics = table.diagnostics();
  ServiceOpening opening;
  bool valid = true;
  const bool by_year = table.Has("hours_a_year");
  if (by_year) {
    for (const std::string_view key : {"days_per_week", "hours_per_day", "from", "to", "weeks_per_year"}) {
      if (!table.Has(key)) continue;
      diagnostics.Error(table.At(key), fmt::format("{} and hours_a_year are both given in {} of service {}, expected "
                                                   "hours_a_year alone or days_per_week with hours_per_day (or from "
                                                   "and to)",
                                                   key, table.context(), service.code));
      valid = false;
    }
    const auto hours = table.Number("hours_a_year", true, 0, true, kHoursInALeapYear, false);
    if (hours) {
      opening.hours_a_year = *hours;
      opening.description = fmt::format("{} hours a year", FormatNumber(*hours));
    }
    valid = valid && hours.has_value();
  } else if (!table.Has("days_per_week")) {
    diagnostics.Error(table.where(), fmt::format("{} of service {} gives no hours, expected hours_a_year, or "
                                                 "days_per_week with hours_per_day (or from and to)",
                                                 table.context(), service.code));
    valid = false;
  } else {
    const auto days = table.Number("days_per_week", true, 0, true, 7, false);
    const auto weeks = table.Number("weeks_per_year", false, 0, true, 52, false);
    std::optional<double> per_day;
    std::string hours_text;
    const bool clock = table.Has("from") || table.Has("to");
    if (clock && table.Has("hours_per_day")) {
      diagnostics.Error(table.At("hours_per_day"), fmt::format("hours_per_day and from/to are both given in {} of "
                                                               "service {}, expected one of them",
                                                               table.context(), service.code));
      valid = false;
    } else if (clock) {
      const auto from_text = table.String("from", true);
      const auto to_text = table.String("to", true);
      std::optional<double> from;
      std::optional<double> to;
      for (const auto& [key, text, value] :
           {std::tuple{"from", &from_text, &from}, std::tuple{"to", &to_text, &to}}) {
        if (!*text) continue;
        *value = ParseClock(**text);
        if (!*value) {
          diagnostics.Error(table.At(key), fmt::format("{} = \"{}\" in {} of service {} is not a time of day, "
                                                       "expected hours and minutes from \"00:00\" to \"24:00\" "
                                                       "such as \"08:00\"",
                                                       key, **text, table.context(), service.code));
        }
      }
      if (from && to) {
        if (*from == *to) {
          diagnostics.Error(table.At("to"), fmt::format("from and to are both \"{}\" in {} of service {}, expected "
                                                        "a later time (or from = \"00:00\" and to = \"24:00\" for "
                                                        "24 hours)",
                                                        *from_text, table.context(), service.code));
        } else {
          // A closing time before the opening time runs past midnight (a night service).
          per_day = *to > *from ? *to - *from : *to + 24.0 - *from;
          hours_text = fmt::format("{} to {}", *from_text, *to_text);
        }
      }
    } else {
      per_day = table.Number("hours_per_day", true, 0, true, 24, false);
      if (per_day) hours_text = fmt::format("{} hours a day", FormatNumber(*per_day));
    }
    valid = valid && days && per_day && (weeks || !table.Has("weeks_per_year"));
    if (valid) {
      const double weeks_a_year = weeks.value_or(52.0);
      opening.hours_a_year = *per_day * *days * weeks_a_year;
      opening.description = fmt::format("{}, {} day{} a week, {} weeks a year", hours_text, FormatNumber(*days),
                                        *days == 1 ? "" : "s", FormatNumber(weeks_a_year));
    }
  }
  const auto seats = table.Integer("seats", true, 1, kMaxSeats);
  valid = valid && seats.has_value();
  if (seats) opening.seats = static_cast<int>(*seats);
  opening.per_locality = table.Boolean("per_locality", false).value_or(false);
  if (auto roles = table.Strings("roles", false)) {
    for (const std::string& code : *roles) {
      const auto role = ServiceRole(table, "roles", code, service, place, role_holds);
      if (!role) {
        valid = false;
      } else if (std::find(opening.roles.begin(), opening.roles.end(), *role) == opening.roles.end()) {
        opening.roles.push_back(*role);
      }
    }
  }
  if (!valid) return std::nullopt;
  return opening;
}

// [service.caseload]: the weeks a person stays on the caseload, a worker's standard caseload, the
// floating cover, the role holding the caseload and the tiers on it.
std::optional<ServiceCaseload> ReadCaseload(const TomlTable& table, const Service& service, const Place& place,
                                            const std::vector<std::set<Index>>& role_holds) {
  table.AllowOnly({"mean_weeks", "standard_caseload", "float_per", "role", "tiers"});
  ServiceCaseload caseload;
  const auto weeks = table.Number("mean_weeks", true, 0, true, 52, false);
  const auto standard = table.Number("standard_caseload", true, 0, true, kMaxStandardCaseload, false);
  const auto float_per = table.Integer("float_per", false, 1, 1000);
  bool valid = weeks && standard && (float_per || !table.Has("float_per"));
  if (weeks) caseload.mean_weeks = *weeks;
  if (standard) caseload.standard_caseload = *standard;
  if (float_per) caseload.float_per = static_cast<int>(*float_per);
  if (const auto code = table.String("role", true)) {
    const auto role = ServiceRole(table, "role", *code, service, place, role_holds);
    if (role) caseload.role = *role;
    valid = valid && role.has_value();
  } else {
    valid = false;
  }
  if (auto tiers = table.Strings("tiers", false)) {
    std::vector<std::string_view> names;
    for (const ServiceTier& tier : service.tiers) names.push_back(tier.name);
    for (const std::string& name : *tiers) {
      const auto found = std::find(names.begin(), names.end(), name);
      if (found == names.end()) {
        table.diagnostics().Error(table.At("tiers"), fmt::format("unknown tier \"{}\" in {} of service {}, expected "
                                                                 "one of {}{}",
                                                                 name, table.context(), service.code,
                                                                 fmt::join(names, ", "), DidYouMean(name, names)));
        valid = false;
        continue;
      }
      const auto tier = static_cast<std::size_t>(found - names.begin());
      if (std::find(caseload.tiers.begin(), caseload.tiers.end(), tier) == caseload.tiers.end()) {
        caseload.tiers.push_back(tier);
      }
    }
  }
  if (!valid) return std::nullopt;
  return caseload;
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
    table.AllowOnly({"code", "name", "setting", "cohort", "share_eligible", "assumptions", "tier", "change", "opening",
                     "caseload"});
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
    if (auto opening = table.Table("opening", false)) service.opening = ReadOpening(*opening, service, place, role_holds);
    if (auto caseload = table.Table("caseload", false)) {
      service.caseload = ReadCaseload(*caseload, service, place, role_holds);
    }
    services.push_back(std::move(service));
  }
  diagnostics.SortByLocationFrom(0);
  if (diagnostics.HasErrors()) throw InputError(std::move(diagnostics));
  return services;
}

}  // namespace careforce::io
