#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/place.hpp"
#include "model/supply.hpp"

namespace careforce {

// A named set of changes on top of the base place (docs/formats.md, "Scenarios"): a future
// (demand, turnover) or a policy (levers: new roles, training, recruitment, pay, budget).
struct Scenario {
  std::string name;
  std::string description;
  std::string path;

  // Demand.
  double demand_growth_per_year = 0.0;  // on the people every service reaches, compounded
  std::vector<DemandSettings::PrevalenceChange> prevalence_change;  // replaces the place's for these needs
  struct Shift {
    std::string service;      // a service of the place's model
    double share_eligible = 0.0;
    int year = 0;             // reached by this year, linearly from the base year
    Location where;
  };
  std::vector<Shift> shifts;  // activity moved into services (e.g. from hospital to home)

  // Supply.
  double leaver_rate_factor = 1.0;  // every leaver rate times this
  SupplyConfig supply;              // rates, joiners, moves and pipelines added to the place's

  // Roles.
  struct NewRole {
    Role role;
    std::vector<std::string> competences;
    Sector sector = Sector::kNhsCommunity;  // whose on-costs apply
    Location where;
  };
  std::vector<NewRole> new_roles;

  // Pay: social care roles paid what their NHS comparators are paid.
  bool pay_harmonisation = false;

  // Limits of the skill mix.
  std::optional<double> budget;
  std::optional<double> max_hires_fte;
  std::optional<double> supervision_ratio;
  std::optional<std::string> max_delegation_risk;  // "low", "medium", "high"
};

}  // namespace careforce
