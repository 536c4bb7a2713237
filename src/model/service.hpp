#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "model/place.hpp"
#include "model/scope.hpp"

namespace careforce {

// Where a service is delivered.
enum class Setting : uint8_t { kHome, kClinic, kCareHome, kExtraCare, kHospital, kVirtual, kTelephone };

template <>
struct EnumInfo<Setting> {
  static constexpr std::string_view kWhat = "setting";
  static constexpr std::array<std::string_view, 7> kCodes = {"home",      "clinic",   "care_home", "extra_care",
                                                             "hospital",  "virtual",  "telephone"};
  static constexpr std::array<std::string_view, 7> kLabels = {"Own home", "Clinic",  "Care home", "Extra care housing",
                                                              "Hospital", "Virtual", "Telephone"};
};

// One kind of contact a person in a tier receives.
struct Intervention {
  std::string name;
  double contacts_per_week = 0.0;
  double weeks_per_year = 52.0;       // weeks a year a person receives it (e.g. 6 for reablement)
  double minutes_per_contact = 0.0;
  double travel_minutes_per_visit = 0.0;
  std::vector<Index> competences;     // needed to deliver it
  std::vector<std::pair<Index, double>> role_mix;  // optional: roles and shares of its hours
  // The act it is in the task table (reference/plan/scope.csv); empty: scope of practice is not
  // checked and any role holding the competences may give it (validate warns).
  std::string act;
  // A visit of separable tasks (one per competence, each may be given by another role with its
  // own travel leg); otherwise one indivisible act given by one person.
  bool separable = false;
  // Every place role's standing for the act, by role index (empty when no act is named).
  std::vector<RoleScope> scope;
};

// Whether a role may give an intervention at all (its scope, when the intervention names an act).
inline ScopeLevel ScopeOf(const Intervention& intervention, Index role) {
  if (intervention.scope.empty()) return ScopeLevel::kOwn;
  return role < intervention.scope.size() ? intervention.scope[role].level : ScopeLevel::kNever;
}

// A level of intensity within a service (e.g. red, amber, green).
struct ServiceTier {
  std::string name;
  double share = 0.0;  // of the people the service reaches
  std::vector<Intervention> interventions;
};

// An integrated service: who it is for, how many it reaches, and what each person receives.
struct Service {
  std::string code;
  std::string name;
  Setting setting = Setting::kHome;
  std::string cohort;          // a need code (reference/demand/needs.csv)
  double share_eligible = 0.0;  // of the cohort, reached in a year
  std::string assumptions;     // where the figures come from
  std::vector<ServiceTier> tiers;
  // Planned change: share_eligible moves linearly to `target_share` by `target_year`.
  std::optional<double> target_share;
  std::optional<int> target_year;
};

}  // namespace careforce
