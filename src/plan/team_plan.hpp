#pragma once

#include <algorithm>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "demand/demand.hpp"
#include "intelligence/profile.hpp"
#include "supply/projection.hpp"
#include "model/place.hpp"
#include "model/service.hpp"
#include "plan/skill_mix.hpp"
#include "plan/teams.hpp"
#include "plan/travel.hpp"

namespace careforce::plan {

// Why the place's teams cannot be planned ("no GP practices", "practice X has no coordinates"),
// or empty when they can.
std::string WhyNoTeams(const Place& place);

// The teams of a place: the place's own (gp_practices.csv `team`, checked and costed) when every
// practice gives one and [teams] use_given is not false, otherwise designed (DesignTeams; InputError
// for a practice without coordinates). A team column given for only some practices is an error of
// io::ReadPlace, not checked again here.
TeamDesign TeamsOfPlace(const Place& place);

// How a team's staff in post were found, in the order the rules are tried.
enum class TeamStaffBasis : uint8_t {
  kTeamColumn,    // the post's `team` is the team's code
  kPractice,      // the post is with one of the team's practices
  kNetwork,       // the post is with the team's primary care network (shared by list size when split)
  kSite,          // the post's organisation has a site: the team of the post's locality based nearest it
  kApportioned,   // the post serves the locality: shared between its teams by registered people
};
inline constexpr std::size_t kTeamStaffBases = 5;

// What each neighbourhood team needs and has (docs/methods.md, "Neighbourhood teams").
struct TeamPlan {
  TeamDesign design;
  // What the outputs show of the place: its name, localities' names and practices.
  std::string place_name;
  std::vector<std::string> locality_names;
  std::vector<GpPractice> practices;
  int base_year = 0;
  int last_year = 0;
  std::vector<std::string> role_codes;
  std::vector<std::string> role_names;
  std::vector<std::string> competence_codes;
  std::vector<std::string> competence_names;

  // Required FTE of each role: [year - base_year][team][role], at today's skill mix, from each
  // team's own cohorts and reconciled to its locality's demand (to the summed demand of the
  // localities that teams crossing them link together).
  std::vector<std::vector<std::vector<double>>> required;
  // Contact hours needing each competence in the base year: [team][competence].
  std::vector<std::vector<double>> competence_hours;
  // Staff in post today: [team][role] FTE and people (fractions where posts are shared).
  std::vector<std::vector<double>> in_post_fte;
  std::vector<std::vector<double>> in_post_people;
  // Of each team's FTE in post, what came by each TeamStaffBasis: [team][basis].
  std::vector<std::vector<double>> fte_by_basis;
  // What no team serves: the localities none of whose registered people are with a team's
  // practices (every practice of theirs in no team, or none at all). Their demand and the staff
  // placed in them by locality are in no team, kept out of every team's figures and counted here,
  // not spread over other localities' teams (docs/methods.md, "Neighbourhood teams: demand, staff
  // and gaps").
  struct Outside {
    std::vector<Index> localities;
    int64_t practices = 0;   // the practices of those localities
    int64_t registered = 0;  // their registered people
    // Required FTE of their localities: [year - base_year][role] (empty without demand).
    std::vector<std::vector<double>> required;
    // Staff in post placed in them (by locality, no rule finding a team): [role] FTE and people.
    std::vector<double> in_post_fte;
    std::vector<double> in_post_people;
    // FTE of every role the modelled services need in them at the cheapest mix (GiveTeamsTheCheapestMix).
    double cheapest_mix_fte = 0.0;
    bool empty() const {
      return localities.empty() && std::all_of(in_post_people.begin(), in_post_people.end(),
                                               [](double people) { return people <= 0; });
    }
    double RequiredFte(std::size_t year_index) const {
      double total = 0.0;
      if (year_index < required.size()) {
        for (const double fte : required[year_index]) total += fte;
      }
      return total;
    }
    double InPostFte() const {
      double total = 0.0;
      for (const double fte : in_post_fte) total += fte;
      return total;
    }
  };
  Outside outside;
  // Competences each team's demand needs that none of its staff hold: [team] competence indexes.
  std::vector<std::vector<Index>> lacking;
  // Caseload-driven services by team (base and last years): the team's share of its locality's
  // caseload, the workers it needs, and its caseload role's staff in post.
  struct Caseload {
    std::size_t team = 0;
    std::string service;  // code
    std::string service_name;
    Index role = kNoIndex;
    int year = 0;
    double on_caseload = 0.0;
    double standard_caseload = 0.0;
    double cover = 1.0;            // (float_per + 1) / float_per
    double workers_needed = 0.0;   // on caseload / standard caseload x cover (FTE)
    bool hidden = false;           // a small number of people on the caseload
    // The caseload of each caseload-holding worker (in post / cover) of the team; none without any.
    std::optional<double> PerWorkerInPost(double in_post_fte) const {
      if (in_post_fte <= 1e-9) return std::nullopt;
      return on_caseload * cover / in_post_fte;
    }
  };
  std::vector<Caseload> caseloads;
  // The modelled services' hours of each team by service, [year - base_year][team][service]
  // (before reconciliation: shares only), and the reconciliation groups (docs/methods.md, "Team demand").
  std::vector<std::string> service_codes;
  std::vector<std::vector<std::vector<double>>> service_hours;
  std::vector<Index> group_of_team;      // [team]: its group's first locality (kNoIndex: none)
  std::vector<Index> group_of_locality;  // [locality]: its group's first locality
  // FTE of each role the modelled services need at the place's cheapest skill mix of
  // `cheapest_mix_year`, [team][role] (empty without one): GiveTeamsTheCheapestMix.
  std::vector<std::vector<double>> cheapest_mix_fte;
  int cheapest_mix_year = 0;
  // Roles whose cheapest-mix figures are hidden in every team in shared outputs: the plan's skill
  // mix hides them (the role's staff are hidden in the place), so the teams' sum must not give
  // them back. [role]; empty: none.
  std::vector<char> cheapest_mix_hidden;
  // Travel to home visits from the map, by team (none: the service model's minutes).
  std::optional<TravelFromMap> travel;
  // How each practice's people by age and sex were found for its team's share of each locality's
  // residents (docs/methods.md, "Team demand"): practices by their own registered lists, by their
  // network's, and by their locality's residents (list size alone).
  int64_t practices_by_own_lists = 0;
  int64_t practices_by_network_lists = 0;
  int64_t practices_by_locality_ages = 0;
  // NHS trusts and councils with no site all of whose posts are in the organisation's own locality
  // (none given another), in a place of several localities: their staff were shared between that
  // locality's teams. A community trust or council serving every locality from one headquarters is
  // then counted in one locality's teams only; the outputs say so (docs/methods.md, "Staff to teams").
  struct PlacedByOrganisationLocality {
    std::string organisation;  // its name
    Index locality = kNoIndex;
    int64_t posts = 0;
    double fte = 0.0;
  };
  std::vector<PlacedByOrganisationLocality> placed_by_organisation_locality;
  // Staff whose `team` names no team of the design (counted by their practice or locality instead).
  int64_t unknown_team_posts = 0;
  // People whose posts were shared between teams, by where they were shared from and role:
  // [locality, or localities.size() for the whole place][role]; and people counted in a team
  // directly (its column, practice or network): [team][role]. For suppression.
  std::vector<std::vector<double>> apportioned_people;
  std::vector<std::vector<double>> direct_people;
  // Roles whose figures are hidden in a team in shared outputs: [team][role].
  std::vector<std::vector<char>> hidden;
  int suppression_threshold = 0;  // 0: nothing hidden

  // The team's gap in a role in `year` against its staff in post today, as the place's gaps are
  // measured (docs/methods.md, "Gaps"): the modelled services' base-year need beyond the staff in
  // post, plus the change in that need since the base year (work the services do not model is
  // taken to go on as today). Negative when the need falls.
  double Gap(std::size_t team, Index role, int year) const {
    const double base = required.at(0).at(team).at(role);
    const double change = required.at(static_cast<std::size_t>(year - base_year)).at(team).at(role) - base;
    return std::max(0.0, base - in_post_fte[team][role]) + change;
  }
  // The sum of the team's positive gaps in `year` (surpluses in one role not netted against another),
  // over the roles whose figures are shown (every role when nothing is hidden): a total with the
  // hidden roles' gaps in it would give them back.
  double Shortfall(std::size_t team, int year) const {
    double total = 0.0;
    for (Index role = 0; role < role_codes.size(); ++role) {
      if (!hidden.empty() && hidden[team][role]) continue;
      total += std::max(0.0, Gap(team, role, year));
    }
    return total;
  }
};

// Plans each team of `design`: its demand (ProjectDemand on the team's cohorts: its share of each
// locality's residents of each age band and sex by the people its practices register in them, its
// practices' disease registers and risk tiers), scaled so that the teams of a locality sum to
// `place_demand`'s locality figures (none: no demand) — the teams of localities linked by teams
// crossing them to those localities' sum — then its staff in post and the competences it lacks.
// What no team serves is in `outside`.
TeamPlan PlanTeams(const Place& place, TeamDesign design, const std::vector<Service>& services,
                   const demand::DemandReference& reference, const demand::TierCohorts& tiers,
                   const demand::DemandResult* place_demand);

// Shares the place's cheapest skill mix of `year` (an optimal `result` of `problem`) between the
// teams: each locality's hours of each role on each service's visits go to the teams of its
// reconciliation group in proportion to each team's hours of that service (docs/methods.md,
// "Teams at the cheapest mix"). Sets cheapest_mix_fte and cheapest_mix_year (cleared when the mix
// is not optimal or the year is outside the plan's).
void GiveTeamsTheCheapestMix(TeamPlan& plan, const SkillMixProblem& problem, const SkillMixResult& result, int year);

// A team as a reader knows it: "Westcombe 1" for the designed team "L004-1" of Westcombe (L004),
// a given team's own code otherwise.
std::string TeamName(const TeamPlan& plan, std::size_t team);

// Hides, in outputs shared beyond one organisation, each team's role whose people in post are
// from 1 to threshold - 1 (or shared from a locality figure that small), and where a team then
// has exactly one such role, its next-smallest role too, so it cannot be taken from the team's total.
// `hidden_elsewhere(role, locality)` says whether the place's own tables hide a role's staff in a
// locality (kNoIndex: in the whole place); those totals are then not given back by the teams.
using HiddenElsewhere = std::function<bool(Index role, Index locality)>;
void SuppressTeams(TeamPlan& plan, int threshold, const HiddenElsewhere& hidden_elsewhere = {});

// What the profile hides (a role's staff in the whole place): the teams' `hidden_elsewhere` where
// no supply is projected (the supply's role-by-locality series are what a plan publishes besides).
HiddenElsewhere HiddenInProfile(const Place& place, const intelligence::WorkforceProfile& profile);
// What the supply tables hide (after supply::ApplySuppression): a role's series in a locality, or
// in the whole place. `supply` must outlive the result.
HiddenElsewhere HiddenInSupply(const Place& place, const supply::SupplyResult& supply);

}  // namespace careforce::plan
