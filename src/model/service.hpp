#pragma once

#include <optional>
#include <set>
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

// Hours in a year of 366 days: no service is open longer.
inline constexpr double kHoursInALeapYear = 366.0 * 24.0;
// Staff on duty at once in one service: more than any rota of one service has.
inline constexpr int64_t kMaxSeats = 10'000;
// People on one worker's caseload: case management caseloads run from tens to a thousand or so
// (people case-managed by a GP association), never beyond this.
inline constexpr double kMaxStandardCaseload = 100'000.0;

// The hours a service is open and the staff on duty at once while it is: a rostered floor on its
// FTE (docs/methods.md, "Opening hours and seats").
struct ServiceOpening {
  double hours_a_year = 0.0;   // hours open a year, (0, 8784]
  int seats = 1;               // staff on duty at once
  bool per_locality = false;   // the seats in each locality (else across the place)
  std::vector<Index> roles;    // roles that staff the seats (empty: every role giving the service)
  std::string description;     // the hours as given ("08:00 to 20:00, 7 days a week, 52 weeks")
};

// A caseload-driven service: each person reached stays on a caseload for some weeks, and a worker
// of `role` holds a standard caseload, with floating cover (docs/methods.md, "Caseloads").
struct ServiceCaseload {
  double mean_weeks = 52.0;          // weeks a person stays on the caseload, (0, 52]
  double standard_caseload = 0.0;    // people on one worker's caseload
  int float_per = 0;                 // one floating worker for this many caseload holders (0: none)
  Index role = 0;                    // the role holding the caseload
  std::vector<std::size_t> tiers;    // tiers on the caseload, by index (empty: every tier)
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
  std::optional<ServiceOpening> opening;    // hours of operation and seats
  std::optional<ServiceCaseload> caseload;  // caseload-driven workers
};

// Whether a role gives an intervention at today's mix: named in its role mix, or (without one)
// holding every competence it needs and allowed its act.
inline bool GivesToday(const Intervention& intervention, Index role, const std::vector<std::set<Index>>& role_holds) {
  if (!intervention.role_mix.empty()) {
    for (const auto& [mixed, share] : intervention.role_mix) {
      if (mixed == role && share > 0) return true;
    }
    return false;
  }
  if (role >= role_holds.size()) return false;
  for (const Index competence : intervention.competences) {
    if (!role_holds[role].contains(competence)) return false;
  }
  return ScopeOf(intervention, role) != ScopeLevel::kNever;
}

// Whether an intervention's travel is a journey to the person's home, which travel from the map
// replaces (docs/methods.md, "Travel from the map"): travel in the service model, of a service at
// home or of a virtual ward (its home visits). Clinics, care homes and extra care housing keep
// the service model's minutes: where their people are is not where the practices' people live.
inline bool TravelsToHome(const Service& service, const Intervention& intervention) {
  return intervention.travel_minutes_per_visit > 0 &&
         (service.setting == Setting::kHome || service.setting == Setting::kVirtual);
}

}  // namespace careforce
