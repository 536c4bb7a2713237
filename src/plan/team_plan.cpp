#include "plan/team_plan.hpp"

#include <algorithm>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <tuple>
#include <utility>

#include <fmt/format.h>

#include "intelligence/disclosure.hpp"
#include "model/error.hpp"

namespace careforce::plan {

namespace {

bool InTeam(const TeamDesign& design, Index practice) {
  return practice < design.team_of_practice.size() && design.team_of_practice[practice] < design.teams.size();
}

// Registered people of each locality's practices, and of each team's practices in each locality:
// [locality] and [team][locality].
struct ListShares {
  std::vector<double> locality;
  std::vector<std::vector<double>> team;

  ListShares(const Place& place, const TeamDesign& design)
      : locality(place.localities.size(), 0.0),
        team(design.teams.size(), std::vector<double>(place.localities.size(), 0.0)) {
    for (Index practice = 0; practice < place.gp_practices.size(); ++practice) {
      const GpPractice& at = place.gp_practices[practice];
      if (at.locality == kNoIndex) continue;
      locality[at.locality] += static_cast<double>(at.list_size);
      if (InTeam(design, practice)) team[design.team_of_practice[practice]][at.locality] += static_cast<double>(at.list_size);
    }
  }
  // The share of locality `l`'s residents registered with team `t`'s practices.
  double Share(std::size_t t, Index l) const { return locality[l] > 0 ? team[t][l] / locality[l] : 0.0; }
};

// Which localities each team serves (holds registered people of), and the reconciliation groups:
// the localities linked by teams that serve more than one (connected components), each group's
// teams reconciled to the group's summed demand. A locality no team serves is a group of its own
// without teams (TeamPlan::outside).
struct Reach {
  std::vector<std::vector<std::size_t>> teams_of_locality;  // [locality]: the teams serving it
  std::vector<Index> group_of_locality;                     // [locality]: its group's first locality
  std::vector<Index> group_of_team;                         // [team]: its group (kNoIndex: none)

  Reach(const Place& place, const TeamDesign& design, const ListShares& shares)
      : teams_of_locality(place.localities.size()),
        group_of_locality(place.localities.size()),
        group_of_team(design.teams.size(), kNoIndex) {
    std::vector<Index>& parent = group_of_locality;
    for (Index l = 0; l < parent.size(); ++l) parent[l] = l;
    const auto root = [&parent](Index l) {
      while (parent[l] != l) l = parent[l] = parent[parent[l]];
      return l;
    };
    for (std::size_t t = 0; t < design.teams.size(); ++t) {
      Index first = kNoIndex;
      for (Index l = 0; l < place.localities.size(); ++l) {
        if (shares.team[t][l] <= 0) continue;
        teams_of_locality[l].push_back(t);
        if (first == kNoIndex) {
          first = l;
          continue;
        }
        // The smaller root names the group, so that a group is named by its first locality.
        const Index a = root(first), b = root(l);
        parent[std::max(a, b)] = std::min(a, b);
      }
    }
    for (Index l = 0; l < parent.size(); ++l) parent[l] = root(l);
    for (std::size_t t = 0; t < design.teams.size(); ++t) {
      Index at = kNoIndex;
      for (Index l = 0; l < place.localities.size() && at == kNoIndex; ++l) {
        if (shares.team[t][l] > 0) at = l;
      }
      // A team of no registered people: its locality's group (or its base's), with nothing to share.
      const Team& team = design.teams[t];
      if (at == kNoIndex) at = team.locality;
      if (at == kNoIndex && team.base < place.gp_practices.size()) at = place.gp_practices[team.base].locality;
      group_of_team[t] = at < parent.size() ? parent[at] : kNoIndex;
    }
  }
  bool Served(Index l) const { return l < teams_of_locality.size() && !teams_of_locality[l].empty(); }
  // A row of the place's demand: its locality's group, kNoIndex for no locality.
  Index GroupOf(Index l) const { return l < group_of_locality.size() ? group_of_locality[l] : kNoIndex; }
};

// The share of an age band's years (people spread evenly over them) that fall in the band
// [cell_from, cell_to]. An open band ("95+") is taken to reach age 100 (or its own lower age, when
// older); an open cell band ("90+") takes every age from its lower age on.
double ShareOfBandIn(int from, int to, int cell_from, int cell_to) {
  constexpr int kOpenBandReaches = 100;
  const double low = from;
  const double high = (to == kOpenAgeBand ? std::max(from, kOpenBandReaches) : to) + 1.0;
  const double cell_high =
      cell_to == kOpenAgeBand ? std::numeric_limits<double>::infinity() : cell_to + 1.0;
  const double years = std::min(high, cell_high) - std::max(low, static_cast<double>(cell_from));
  return years > 0 ? years / (high - low) : 0.0;
}

// Each team's share of a locality's residents of one age band and sex: the people its practices
// register in that band and sex over those of every practice of the locality (docs/methods.md,
// "Team demand"). A practice's people by age and sex are its list size spread as its own registered
// lists, else as its network's, else as the locality's residents in the base year (which gives
// every band the list-size share).
class CohortShares {
 public:
  CohortShares(const Place& place, const TeamDesign& design, const ListShares& lists)
      : place_(place),
        design_(design),
        lists_(lists),
        rows_(place.gp_practices.size()),
        row_total_(place.gp_practices.size(), 0.0),
        basis_(place.gp_practices.size(), CohortBasis::kLocalityAges),
        residents_(place.localities.size()),
        resident_total_(place.localities.size(), 0.0),
        practices_(place.localities.size()) {
    std::vector<std::vector<const RegisteredList*>> own(place.gp_practices.size());
    std::map<std::string, std::vector<const RegisteredList*>, std::less<>> network;
    for (const RegisteredList& row : place.registered_lists) {
      if (row.practice != kNoIndex) {
        own[row.practice].push_back(&row);
      } else {
        network[row.pcn].push_back(&row);
      }
    }
    const auto total = [](const std::vector<const RegisteredList*>& rows) {
      double patients = 0.0;
      for (const RegisteredList* row : rows) patients += static_cast<double>(row->patients);
      return patients;
    };
    for (Index practice = 0; practice < place.gp_practices.size(); ++practice) {
      const GpPractice& at = place.gp_practices[practice];
      if (at.locality != kNoIndex) practices_[at.locality].push_back(practice);
      const auto found = network.find(at.pcn);
      if (total(own[practice]) > 0) {
        rows_[practice] = std::move(own[practice]);
        basis_[practice] = CohortBasis::kOwnLists;
      } else if (!at.pcn.empty() && found != network.end() && total(found->second) > 0) {
        rows_[practice] = found->second;
        basis_[practice] = CohortBasis::kNetworkLists;
      }
      row_total_[practice] = total(rows_[practice]);
    }
    // Each locality's residents in the base year (its earliest year when it has none then).
    std::vector<int> year(place.localities.size(), 0);
    for (const PopulationCell& cell : place.population) {
      int& chosen = year[cell.locality];
      if (chosen != place.base_year &&
          (chosen == 0 || cell.year == place.base_year || cell.year < chosen)) {
        chosen = cell.year;
      }
    }
    for (const PopulationCell& cell : place.population) {
      if (cell.year != year[cell.locality]) continue;
      residents_[cell.locality].push_back(&cell);
      resident_total_[cell.locality] += cell.count;
    }
  }

  // How each practice's people by age and sex are found.
  enum class CohortBasis : uint8_t { kOwnLists, kNetworkLists, kLocalityAges };
  CohortBasis Basis(Index practice) const { return basis_[practice]; }

  // Each team's share of the residents of `cell`'s locality, age band and sex: [team].
  const std::vector<double>& Of(const PopulationCell& cell) {
    const auto key = std::make_tuple(cell.locality, cell.age_from, cell.age_to, cell.sex);
    const auto cached = cache_.find(key);
    if (cached != cache_.end()) return cached->second;
    std::vector<double> shares(design_.teams.size(), 0.0);
    double locality = 0.0;
    for (const Index practice : practices_[cell.locality]) {
      const double people = Registered(practice, cell);
      locality += people;
      if (InTeam(design_, practice)) shares[design_.team_of_practice[practice]] += people;
    }
    for (std::size_t t = 0; t < shares.size(); ++t) {
      shares[t] = locality > 0 ? shares[t] / locality : lists_.Share(t, cell.locality);
    }
    return cache_.emplace(key, std::move(shares)).first->second;
  }

 private:
  // People registered with `practice` in `cell`'s age band and sex.
  double Registered(Index practice, const PopulationCell& cell) const {
    const double list_size = static_cast<double>(place_.gp_practices[practice].list_size);
    double in_band = 0.0;
    if (row_total_[practice] > 0) {
      for (const RegisteredList* row : rows_[practice]) {
        if (row->sex == cell.sex) {
          in_band += static_cast<double>(row->patients) *
                     ShareOfBandIn(row->age_from, row->age_to, cell.age_from, cell.age_to);
        }
      }
      return list_size * in_band / row_total_[practice];
    }
    const Index locality = place_.gp_practices[practice].locality;
    if (resident_total_[locality] <= 0) return 0.0;
    for (const PopulationCell* resident : residents_[locality]) {
      if (resident->sex == cell.sex) {
        in_band += resident->count *
                   ShareOfBandIn(resident->age_from, resident->age_to, cell.age_from, cell.age_to);
      }
    }
    return list_size * in_band / resident_total_[locality];
  }

  const Place& place_;
  const TeamDesign& design_;
  const ListShares& lists_;
  // [practice]: its own rows or its network's, the patients in them, and which.
  std::vector<std::vector<const RegisteredList*>> rows_;
  std::vector<double> row_total_;
  std::vector<CohortBasis> basis_;
  // [locality]: its residents of the year used, their number, and its practices.
  std::vector<std::vector<const PopulationCell*>> residents_;
  std::vector<double> resident_total_;
  std::vector<std::vector<Index>> practices_;
  std::map<std::tuple<Index, int, int, Sex>, std::vector<double>> cache_;
};

// The place as its teams: a locality per team holding its practices (with their registers) and
// its share of each locality's residents, band by band; of the staff, only each role's FTE in post
// (for today's mix).
Place TeamPlace(const Place& place, const TeamDesign& design, CohortShares& shares) {
  Place teams;
  teams.name = place.name;
  teams.base_year = place.base_year;
  teams.census_date = place.census_date;
  teams.settings = place.settings;
  teams.demand = place.demand;
  teams.roles = place.roles;
  teams.competences = place.competences;
  teams.role_competences = place.role_competences;
  // Today's mix needs only each role's FTE in post (demand::FteInPost): one post a role holding
  // it, summed in the order of the posts, rather than a copy of every post.
  std::vector<double> fte(place.roles.size(), 0.0);
  std::vector<char> held(place.roles.size(), 0);
  for (const StaffPost& post : place.staff) {
    fte[post.role] += post.fte;
    held[post.role] = 1;
  }
  for (Index role = 0; role < place.roles.size(); ++role) {
    if (!held[role]) continue;
    StaffPost post;
    post.role = role;
    post.fte = fte[role];
    teams.staff.push_back(post);
  }
  for (const Team& team : design.teams) teams.localities.push_back(Locality{team.code, team.code});
  std::vector<Index> renumbered(place.gp_practices.size(), kNoIndex);
  for (Index practice = 0; practice < place.gp_practices.size(); ++practice) {
    if (!InTeam(design, practice)) continue;
    GpPractice copy = place.gp_practices[practice];
    copy.locality = static_cast<Index>(design.team_of_practice[practice]);
    renumbered[practice] = static_cast<Index>(teams.gp_practices.size());
    teams.gp_practices.push_back(std::move(copy));
  }
  for (const PracticeRegister& entry : place.practice_registers) {
    if (renumbered[entry.practice] == kNoIndex) continue;
    PracticeRegister copy = entry;
    copy.practice = renumbered[entry.practice];
    teams.practice_registers.push_back(copy);
  }
  for (const PopulationCell& cell : place.population) {
    const std::vector<double>& team_shares = shares.Of(cell);
    for (std::size_t team = 0; team < design.teams.size(); ++team) {
      const double share = team_shares[team];
      if (share <= 0) continue;
      PopulationCell copy = cell;
      copy.locality = static_cast<Index>(team);
      copy.count = cell.count * share;
      teams.population.push_back(copy);
    }
  }
  return teams;
}

// Each team's people in each risk tier: each locality's tiers shared between its teams by the
// tiers of their practices on the register (by list size where the locality's practices have none).
demand::TierCohorts TeamTiers(const Place& place, const TeamDesign& design, const ListShares& shares,
                              const demand::TierCohorts& tiers) {
  demand::TierCohorts result;
  result.names = tiers.names;
  const std::size_t count = tiers.names.size();
  result.people.assign(design.teams.size(), std::vector<double>(count, 0.0));
  if (count == 0) return result;
  std::vector<std::vector<double>> locality(place.localities.size(), std::vector<double>(count, 0.0));
  std::vector<std::vector<std::vector<double>>> team(
      design.teams.size(), std::vector<std::vector<double>>(place.localities.size(), std::vector<double>(count, 0.0)));
  for (Index practice = 0; practice < place.gp_practices.size(); ++practice) {
    const GpPractice& at = place.gp_practices[practice];
    const auto found = tiers.by_practice.find(at.code);
    if (found == tiers.by_practice.end() || at.locality == kNoIndex) continue;
    for (std::size_t tier = 0; tier < count && tier < found->second.size(); ++tier) {
      locality[at.locality][tier] += found->second[tier];
      if (InTeam(design, practice)) team[design.team_of_practice[practice]][at.locality][tier] += found->second[tier];
    }
  }
  for (std::size_t t = 0; t < design.teams.size(); ++t) {
    for (Index l = 0; l < place.localities.size() && l < tiers.people.size(); ++l) {
      for (std::size_t tier = 0; tier < count; ++tier) {
        const double share = locality[l][tier] > 0 ? team[t][l][tier] / locality[l][tier] : shares.Share(t, l);
        result.people[t][tier] += tiers.people[l][tier] * share;
      }
    }
  }
  return result;
}

void PlanTeamDemand(const Place& place, const std::vector<Service>& services, const demand::DemandReference& reference,
                    const demand::TierCohorts& tiers, const demand::DemandResult& place_demand, const ListShares& shares,
                    const Reach& reach, TeamPlan& plan) {
  const TeamDesign& teams = plan.design;
  const std::size_t team_count = teams.teams.size();
  const std::size_t roles = place.roles.size();
  const std::size_t years = plan.required.size();
  // Demand, team by team, then scaled to the locality's.
  CohortShares cohort_shares(place, teams, shares);
  for (Index practice = 0; practice < place.gp_practices.size(); ++practice) {
    const auto basis = cohort_shares.Basis(practice);
    plan.practices_by_own_lists += basis == CohortShares::CohortBasis::kOwnLists ? 1 : 0;
    plan.practices_by_network_lists += basis == CohortShares::CohortBasis::kNetworkLists ? 1 : 0;
    plan.practices_by_locality_ages += basis == CohortShares::CohortBasis::kLocalityAges ? 1 : 0;
  }
  const Place team_place = TeamPlace(place, teams, cohort_shares);
  // Home visits' travel from each team's own geography where the place's came from the map.
  demand::VisitTravel travel;
  if (place_demand.travel.FromMap()) {
    plan.travel = MapTravel(place, teams);
    travel.locality_minutes = plan.travel->team_minutes;
  }
  const demand::DemandResult team_demand =
      demand::ProjectDemand(team_place, services, reference, TeamTiers(place, teams, shares, tiers), travel);
  for (const auto& row : team_demand.role_demand) {
    if (row.year < plan.base_year || row.year > plan.last_year || row.locality >= team_count) continue;
    plan.required[static_cast<std::size_t>(row.year - plan.base_year)][row.locality][row.role] += row.fte;
  }
  // Each team's hours of each service, and its reconciliation group: how the place's cheapest
  // skill mix is shared between the teams (GiveTeamsTheCheapestMix).
  plan.service_codes = team_demand.service_codes;
  plan.service_hours.assign(years, std::vector<std::vector<double>>(team_count, std::vector<double>(services.size(), 0.0)));
  for (const auto& row : team_demand.activity) {
    if (row.year < plan.base_year || row.year > plan.last_year || row.locality >= team_count) continue;
    plan.service_hours[static_cast<std::size_t>(row.year - plan.base_year)][row.locality][row.service] +=
        row.contact_hours + row.travel_hours;
  }
  plan.group_of_team = reach.group_of_team;
  plan.group_of_locality = reach.group_of_locality;
  // Reconciled within each team's group: its locality, or the localities that teams crossing them
  // link together. The demand of a locality no team serves stays out of the teams (plan.outside).
  const auto group_of = [&reach](Index locality) { return reach.GroupOf(locality); };
  std::map<std::tuple<int, Index, Index>, double> target;  // (year, group, role)
  std::map<std::tuple<int, Index, Index>, double> sum;
  for (const auto& row : place_demand.role_demand) {
    if (reach.Served(row.locality)) target[{row.year, group_of(row.locality), row.role}] += row.fte;
  }
  for (std::size_t y = 0; y < years; ++y) {
    const int year = plan.base_year + static_cast<int>(y);
    for (std::size_t t = 0; t < team_count; ++t) {
      for (Index role = 0; role < roles; ++role) sum[{year, reach.group_of_team[t], role}] += plan.required[y][t][role];
    }
  }
  for (std::size_t y = 0; y < years; ++y) {
    const int year = plan.base_year + static_cast<int>(y);
    for (std::size_t t = 0; t < team_count; ++t) {
      for (Index role = 0; role < roles; ++role) {
        const auto key = std::make_tuple(year, reach.group_of_team[t], role);
        const double total = sum[key];
        const auto found = target.find(key);
        const double wanted = found == target.end() ? 0.0 : found->second;
        plan.required[y][t][role] = total > 0 ? plan.required[y][t][role] * wanted / total : 0.0;
      }
    }
  }
  // Caseloads, scaled as the FTE are, so that a locality's teams hold its caseload.
  std::map<std::tuple<int, Index, std::size_t>, double> caseload_target, caseload_sum;  // year, group, service
  for (const auto& row : place_demand.caseloads) {
    if (reach.Served(row.locality)) caseload_target[{row.year, group_of(row.locality), row.service}] += row.on_caseload;
  }
  std::vector<const demand::DemandResult::Caseload*> kept;
  for (const auto& row : team_demand.caseloads) {
    if (row.locality >= team_count || (row.year != plan.base_year && row.year != plan.last_year)) continue;
    caseload_sum[{row.year, reach.group_of_team[row.locality], row.service}] += row.on_caseload;
    kept.push_back(&row);
  }
  for (const demand::DemandResult::Caseload* row : kept) {
    const auto key = std::make_tuple(row->year, reach.group_of_team[row->locality], row->service);
    const double total = caseload_sum[key];
    TeamPlan::Caseload caseload;
    caseload.team = row->locality;
    caseload.service = place_demand.service_codes[row->service];
    caseload.service_name = place_demand.service_names[row->service];
    caseload.role = row->role;
    caseload.year = row->year;
    caseload.on_caseload = total > 0 ? row->on_caseload * caseload_target[key] / total : 0.0;
    caseload.standard_caseload = row->standard_caseload;
    caseload.cover = row->cover;
    caseload.workers_needed =
        row->standard_caseload > 0 ? caseload.on_caseload / row->standard_caseload * row->cover : 0.0;
    plan.caseloads.push_back(caseload);
  }
  for (const auto& row : team_demand.competence_hours) {
    if (row.year == plan.base_year && row.locality < team_count) plan.competence_hours[row.locality][row.competence] += row.hours;
  }
}

// What no team serves: the localities, their practices and their demand (plan.outside).
void PlanOutside(const Place& place, const Reach& reach, const demand::DemandResult* place_demand, TeamPlan& plan) {
  for (Index l = 0; l < place.localities.size(); ++l) {
    if (!reach.Served(l)) plan.outside.localities.push_back(l);
  }
  for (const GpPractice& practice : place.gp_practices) {
    if (reach.Served(practice.locality)) continue;
    ++plan.outside.practices;
    plan.outside.registered += practice.list_size;
  }
  const std::size_t roles = place.roles.size();
  plan.outside.required.assign(plan.required.size(), std::vector<double>(roles, 0.0));
  if (place_demand == nullptr) return;
  for (const auto& row : place_demand->role_demand) {
    if (reach.Served(row.locality) || row.year < plan.base_year || row.year > plan.last_year || row.role >= roles) continue;
    plan.outside.required[static_cast<std::size_t>(row.year - plan.base_year)][row.role] += row.fte;
  }
}

void AssignStaff(const Place& place, const ListShares& shares, const Reach& reach, TeamPlan& plan) {
  const TeamDesign& teams = plan.design;
  const std::size_t team_count = teams.teams.size();
  const std::size_t roles = place.roles.size();

  // Staff in post, team by team.
  std::map<std::string, std::size_t> team_by_code;
  for (std::size_t t = 0; t < team_count; ++t) team_by_code.emplace(teams.teams[t].code, t);
  std::map<std::string, Index> practice_by_code;
  std::map<std::string, std::vector<Index>> network_practices;
  for (Index practice = 0; practice < place.gp_practices.size(); ++practice) {
    practice_by_code.emplace(place.gp_practices[practice].code, practice);
    if (!place.gp_practices[practice].pcn.empty()) network_practices[place.gp_practices[practice].pcn].push_back(practice);
  }
  std::vector<std::set<Index>> holds(place.roles.size());
  for (const RoleCompetence& held : place.role_competences) holds[held.role].insert(held.competence);
  std::vector<std::set<Index>> person_holds(place.person_ids.size());
  for (const StaffCompetence& held : place.staff_competences) person_holds[held.person].insert(held.competence);
  std::vector<std::set<Index>> team_holds(team_count);
  // People shared between a locality's teams, by locality and role (for suppression).
  plan.apportioned_people.assign(place.localities.size() + 1, std::vector<double>(roles, 0.0));
  plan.direct_people.assign(team_count, std::vector<double>(roles, 0.0));
  double total_list = 0.0;
  for (const Team& team : teams.teams) total_list += static_cast<double>(team.population);
  plan.outside.in_post_fte.assign(roles, 0.0);
  plan.outside.in_post_people.assign(roles, 0.0);
  // The team of `locality` whose base practice is nearest a site (the first such team on a tie),
  // or none when no team serves the locality.
  const auto nearest = [&](Index locality, double latitude, double longitude) {
    std::optional<std::size_t> best;
    double best_km = std::numeric_limits<double>::infinity();
    if (!reach.Served(locality)) return best;
    for (const std::size_t t : reach.teams_of_locality[locality]) {
      const GpPractice& base = place.gp_practices[teams.teams[t].base];
      if (!base.latitude || !base.longitude) continue;
      const double km = DistanceKm(latitude, longitude, *base.latitude, *base.longitude);
      if (km < best_km) {
        best_km = km;
        best = t;
      }
    }
    return best;
  };

  std::map<Index, TeamPlan::PlacedByOrganisationLocality> by_organisation_locality;  // by organisation
  for (const StaffPost& post : place.staff) {
    std::vector<std::pair<std::size_t, double>> parts;  // team, share
    TeamStaffBasis basis = TeamStaffBasis::kApportioned;
    if (post.team != kNoIndex) {
      const auto found = team_by_code.find(std::string(place.teams[post.team]));
      if (found != team_by_code.end()) {
        parts.emplace_back(found->second, 1.0);
        basis = TeamStaffBasis::kTeamColumn;
      } else {
        ++plan.unknown_team_posts;
      }
    }
    const Organisation& organisation = place.organisations[post.organisation];
    if (parts.empty()) {
      const auto practice = practice_by_code.find(organisation.code);
      if (practice != practice_by_code.end() && InTeam(teams, practice->second)) {
        parts.emplace_back(teams.team_of_practice[practice->second], 1.0);
        basis = TeamStaffBasis::kPractice;
      }
    }
    if (parts.empty()) {
      const auto network = network_practices.find(organisation.code);
      if (network != network_practices.end()) {
        std::map<std::size_t, double> lists;
        double total = 0.0;
        for (const Index practice : network->second) {
          if (!InTeam(teams, practice)) continue;
          lists[teams.team_of_practice[practice]] += static_cast<double>(place.gp_practices[practice].list_size);
          total += static_cast<double>(place.gp_practices[practice].list_size);
        }
        for (const auto& [team, list] : lists) {
          if (total > 0) parts.emplace_back(team, list / total);
        }
        if (!parts.empty()) basis = TeamStaffBasis::kNetwork;
      }
    }
    const Index locality = post.locality != kNoIndex ? post.locality : organisation.locality;
    if (parts.empty() && organisation.latitude && organisation.longitude) {
      if (const auto team = nearest(locality, *organisation.latitude, *organisation.longitude)) {
        parts.emplace_back(*team, 1.0);
        basis = TeamStaffBasis::kSite;
      }
    }
    Index apportioned_from = kNoIndex;
    if (parts.empty() && (locality != kNoIndex ? !reach.Served(locality) : total_list <= 0)) {
      // A locality no team serves: the post is in no team (plan.outside), not spread elsewhere.
      plan.outside.in_post_fte[post.role] += post.fte;
      plan.outside.in_post_people[post.role] += 1.0;
      continue;
    }
    if (parts.empty()) {
      if (locality != kNoIndex) {
        // NHS trusts and councils often serve every locality from one headquarters; a care
        // provider's or practice's locality is where its staff work.
        const bool place_wide = organisation.sector == Sector::kNhsAcute || organisation.sector == Sector::kNhsCommunity ||
                                organisation.sector == Sector::kNhsMentalHealth ||
                                organisation.sector == Sector::kLocalAuthority;
        if (place_wide && locality == organisation.locality) {
          TeamPlan::PlacedByOrganisationLocality& placed = by_organisation_locality[post.organisation];
          placed.organisation = organisation.name.empty() ? organisation.code : organisation.name;
          placed.locality = locality;
          ++placed.posts;
          placed.fte += post.fte;
        }
        for (const std::size_t t : reach.teams_of_locality[locality]) parts.emplace_back(t, shares.Share(t, locality));
        // The share of residents registered outside every team stays with nobody; scale up.
        double covered = 0.0;
        for (const auto& part : parts) covered += part.second;
        for (auto& part : parts) part.second /= covered;
        apportioned_from = locality;
      } else {
        // A post of no locality (none of its own or its organisation's): the place's teams.
        for (std::size_t t = 0; t < team_count && total_list > 0; ++t) {
          parts.emplace_back(t, static_cast<double>(teams.teams[t].population) / total_list);
        }
        apportioned_from = static_cast<Index>(place.localities.size());  // the place as a whole
      }
      basis = TeamStaffBasis::kApportioned;
    }
    if (apportioned_from != kNoIndex) plan.apportioned_people[apportioned_from][post.role] += 1.0;
    for (const auto& [team, share] : parts) {
      plan.in_post_fte[team][post.role] += post.fte * share;
      plan.in_post_people[team][post.role] += share;
      plan.fte_by_basis[team][static_cast<std::size_t>(basis)] += post.fte * share;
      if (apportioned_from == kNoIndex) plan.direct_people[team][post.role] += share;
      team_holds[team].insert(holds[post.role].begin(), holds[post.role].end());
      team_holds[team].insert(person_holds[post.person].begin(), person_holds[post.person].end());
    }
  }
  // Those all of whose posts are in their own locality (none elsewhere), in a place of several.
  std::set<Index> working_elsewhere;
  for (const StaffPost& post : place.staff) {
    if (post.locality != place.organisations[post.organisation].locality) working_elsewhere.insert(post.organisation);
  }
  for (auto& [organisation, placed] : by_organisation_locality) {
    if (place.localities.size() > 1 && !working_elsewhere.contains(organisation)) {
      plan.placed_by_organisation_locality.push_back(std::move(placed));
    }
  }
  for (std::size_t t = 0; t < team_count; ++t) {
    for (Index competence = 0; competence < place.competences.size(); ++competence) {
      if (plan.competence_hours[t][competence] > 0 && !team_holds[t].contains(competence)) {
        plan.lacking[t].push_back(competence);
      }
    }
  }
}

}  // namespace

std::string WhyNoTeams(const Place& place) {
  if (place.gp_practices.empty()) return "the place gives no GP practices (gp_practices.csv)";
  for (const GpPractice& practice : place.gp_practices) {
    if (!practice.latitude || !practice.longitude) {
      return fmt::format("practice {} has no latitude and longitude (gp_practices.csv), and teams are drawn from "
                         "the map",
                         practice.code);
    }
  }
  return {};
}

TeamDesign TeamsOfPlace(const Place& place) {
  std::size_t given = 0;
  for (const GpPractice& practice : place.gp_practices) given += practice.team.empty() ? 0 : 1;
  // A team column given for only some practices is an error of the place (io::ReadPlace).
  if (given > 0 && place.team_settings.use_given) {
    std::vector<std::string> codes;
    codes.reserve(place.gp_practices.size());
    for (const GpPractice& practice : place.gp_practices) codes.push_back(practice.team);
    return CheckTeams(place, codes, place.team_settings);
  }
  return DesignTeams(place, place.team_settings);
}

TeamPlan PlanTeams(const Place& place, TeamDesign design, const std::vector<Service>& services,
                   const demand::DemandReference& reference, const demand::TierCohorts& tiers,
                   const demand::DemandResult* place_demand) {
  TeamPlan plan;
  plan.design = std::move(design);
  plan.place_name = place.name;
  for (const Locality& locality : place.localities) plan.locality_names.push_back(locality.name);
  plan.practices = place.gp_practices;
  const TeamDesign& teams = plan.design;
  const std::size_t team_count = teams.teams.size();
  const std::size_t roles = place.roles.size();
  plan.base_year = place_demand ? place_demand->base_year : place.base_year;
  plan.last_year = place_demand ? place_demand->last_year : place.base_year;
  for (const Role& role : place.roles) {
    plan.role_codes.push_back(role.code);
    plan.role_names.push_back(role.name);
  }
  for (const Competence& competence : place.competences) {
    plan.competence_codes.push_back(competence.code);
    plan.competence_names.push_back(competence.name);
  }
  const std::size_t years = place_demand ? static_cast<std::size_t>(plan.last_year - plan.base_year + 1) : 0;
  plan.required.assign(years, std::vector<std::vector<double>>(team_count, std::vector<double>(roles, 0.0)));
  plan.competence_hours.assign(team_count, std::vector<double>(place.competences.size(), 0.0));
  plan.in_post_fte.assign(team_count, std::vector<double>(roles, 0.0));
  plan.in_post_people.assign(team_count, std::vector<double>(roles, 0.0));
  plan.fte_by_basis.assign(team_count, std::vector<double>(kTeamStaffBases, 0.0));
  plan.lacking.assign(team_count, {});
  plan.hidden.assign(team_count, std::vector<char>(roles, 0));

  const ListShares shares(place, teams);
  const Reach reach(place, teams, shares);
  PlanOutside(place, reach, place_demand, plan);
  if (place_demand && team_count > 0) PlanTeamDemand(place, services, reference, tiers, *place_demand, shares, reach, plan);
  AssignStaff(place, shares, reach, plan);
  return plan;
}

std::string TeamName(const TeamPlan& plan, std::size_t team) {
  const Team& at = plan.design.teams[team];
  if (at.locality == kNoIndex || at.locality >= plan.locality_names.size()) return at.code;
  const std::size_t dash = at.code.rfind('-');
  const bool given = std::any_of(plan.design.groups.begin(), plan.design.groups.end(),
                                 [](const TeamGroup& group) { return group.method == "given"; });
  if (dash == std::string::npos || given) return at.code;
  return fmt::format("{} {}", plan.locality_names[at.locality], at.code.substr(dash + 1));
}

HiddenElsewhere HiddenInProfile(const Place& place, const intelligence::WorkforceProfile& profile) {
  std::vector<char> role_hidden(place.roles.size(), 0);
  for (Index role = 0; role < place.roles.size(); ++role) {
    for (const intelligence::GroupFigures& figures : profile.by_role) {
      if (figures.code == place.roles[role].code) role_hidden[role] = figures.suppressed ? 1 : 0;
    }
  }
  return [role_hidden](Index role, Index locality) { return locality == kNoIndex && role_hidden[role] != 0; };
}

HiddenElsewhere HiddenInSupply(const Place& place, const supply::SupplyResult& supply) {
  return [&place, &supply](Index role, Index locality) {
    const supply::SupplySeries* series =
        locality == kNoIndex ? supply.Find("role", place.roles[role].code)
                             : supply.Find("role_locality",
                                           fmt::format("{}/{}", place.roles[role].code, place.localities[locality].code));
    return series != nullptr && series->suppressed;
  };
}

void SuppressTeams(TeamPlan& plan, int threshold, const HiddenElsewhere& hidden_elsewhere) {
  const std::size_t localities = plan.locality_names.size();
  const std::size_t teams = plan.design.teams.size();
  const std::size_t roles = plan.role_codes.size();
  plan.suppression_threshold = threshold;
  const auto small = [threshold](double people) { return intelligence::SmallCount(people, threshold) && people > 1e-9; };
  const auto elsewhere = [&](Index role, Index locality) {
    return hidden_elsewhere ? hidden_elsewhere(role, locality) : false;
  };
  // Primary: a team's people in a role that are few, or staff shared from a locality (or the
  // place) whose count of the role is few or hidden in the place's own tables.
  for (std::size_t t = 0; t < teams; ++t) {
    const Index at = plan.design.teams[t].locality;
    for (Index role = 0; role < roles; ++role) {
      bool hide = small(plan.in_post_people[t][role]);
      const bool shared = plan.in_post_people[t][role] > plan.direct_people[t][role] + 1e-9;
      for (std::size_t from = 0; from <= localities && shared && !hide; ++from) {
        const bool serves = from == localities || at == kNoIndex || at == from;
        if (!serves || plan.apportioned_people[from][role] <= 0) continue;
        hide = small(plan.apportioned_people[from][role]) ||
               elsewhere(role, from == localities ? kNoIndex : static_cast<Index>(from));
      }
      plan.hidden[t][role] = hide ? 1 : 0;
    }
  }
  // Secondary: no hidden cell may be taken back from a total a reader knows: a team's over its
  // roles (teams.csv), a locality's over its teams and the place's over every team (the role's
  // staff by locality and in all, in the profile and supply tables; a total those tables hide is a
  // hidden cell of its relation, so that the teams do not give it back either).
  intelligence::DisclosureCells cells;
  std::vector<std::vector<std::size_t>> cell(teams, std::vector<std::size_t>(roles));
  for (std::size_t t = 0; t < teams; ++t) {
    for (Index role = 0; role < roles; ++role) cell[t][role] = cells.Add(plan.in_post_people[t][role], plan.hidden[t][role] != 0);
  }
  for (std::size_t t = 0; t < teams; ++t) {
    double total = 0.0;
    for (Index role = 0; role < roles; ++role) total += plan.in_post_people[t][role];
    std::vector<std::size_t> relation(cell[t].begin(), cell[t].end());
    relation.push_back(cells.Add(total, false, true));
    cells.relations.push_back(std::move(relation));
  }
  for (std::size_t from = 0; from <= localities; ++from) {
    const Index locality = from == localities ? kNoIndex : static_cast<Index>(from);
    for (Index role = 0; role < roles; ++role) {
      std::vector<std::size_t> relation;
      double total = 0.0;
      for (std::size_t t = 0; t < teams; ++t) {
        if (locality != kNoIndex && plan.design.teams[t].locality != locality) continue;
        relation.push_back(cell[t][role]);
        total += plan.in_post_people[t][role];
      }
      if (relation.empty()) continue;
      relation.push_back(cells.Add(total, elsewhere(role, locality) && total > 1e-9, true));
      cells.relations.push_back(std::move(relation));
    }
  }
  intelligence::SuppressSecondary(cells);
  for (std::size_t t = 0; t < teams; ++t) {
    for (Index role = 0; role < roles; ++role) plan.hidden[t][role] = cells.hidden[cell[t][role]] ? 1 : 0;
  }
  // Caseloads: by the place's caseload rule (demand::HideSmallCaseloads), a locality's teams adding
  // up to its caseload for a service and year.
  std::map<std::tuple<int, Index, std::string>, std::size_t> groups;
  std::vector<demand::CaseloadCell> rows;
  for (const TeamPlan::Caseload& caseload : plan.caseloads) {
    const auto key = std::make_tuple(caseload.year, plan.design.teams[caseload.team].locality, caseload.service);
    rows.push_back({{caseload.on_caseload}, caseload.on_caseload, groups.emplace(key, groups.size()).first->second});
  }
  const std::vector<bool> caseload_hidden = demand::HideSmallCaseloads(rows, threshold);
  for (std::size_t idx = 0; idx < plan.caseloads.size(); ++idx) plan.caseloads[idx].hidden = caseload_hidden[idx];
}

void GiveTeamsTheCheapestMix(TeamPlan& plan, const SkillMixProblem& problem, const SkillMixResult& result, int year) {
  plan.cheapest_mix_fte.clear();
  plan.cheapest_mix_year = 0;
  plan.outside.cheapest_mix_fte = 0.0;
  if (result.status != SolveStatus::kOptimal || year < plan.base_year || year > plan.last_year) return;
  const auto y = static_cast<std::size_t>(year - plan.base_year);
  if (y >= plan.service_hours.size()) return;
  const std::size_t team_count = plan.design.teams.size();
  std::map<std::string, Index> role_of;
  for (Index role = 0; role < plan.role_codes.size(); ++role) role_of[plan.role_codes[role]] = role;
  std::map<std::string, std::size_t> service_of;
  for (std::size_t service = 0; service < plan.service_codes.size(); ++service) service_of[plan.service_codes[service]] = service;
  // The hours of each service in each group: the teams' shares of it.
  std::map<std::pair<Index, std::size_t>, double> group_hours;  // group, service
  for (std::size_t t = 0; t < team_count; ++t) {
    if (plan.group_of_team[t] == kNoIndex) continue;
    for (std::size_t service = 0; service < plan.service_codes.size(); ++service) {
      group_hours[{plan.group_of_team[t], service}] += plan.service_hours[y][t][service];
    }
  }
  std::vector<std::vector<std::size_t>> teams_of_group(plan.group_of_locality.size());
  for (std::size_t t = 0; t < team_count; ++t) {
    if (plan.group_of_team[t] < teams_of_group.size()) teams_of_group[plan.group_of_team[t]].push_back(t);
  }
  // Each team's share of the visits' hours of each role in its group, then of the role's hours
  // in the group (which include supervising delegated work).
  const std::size_t roles = plan.role_codes.size();
  std::vector<std::vector<double>> given_hours(team_count, std::vector<double>(roles, 0.0));
  for (const SkillMixResult::Assignment& given : result.assignments) {
    const SkillMixTask& task = problem.tasks.at(given.task);
    const auto role = role_of.find(problem.roles.at(given.role).code);
    const auto service = service_of.find(task.name.substr(0, task.name.find('/')));
    if (role == role_of.end() || service == service_of.end() || task.locality >= plan.group_of_locality.size()) continue;
    const Index group = plan.group_of_locality[task.locality];
    const double total = group_hours[{group, service->second}];
    if (total <= 0) continue;
    for (const std::size_t t : teams_of_group[group]) {
      given_hours[t][role->second] += given.hours * plan.service_hours[y][t][service->second] / total;
    }
  }
  plan.cheapest_mix_fte.assign(team_count, std::vector<double>(roles, 0.0));
  std::vector<double> team_hours(team_count, 0.0);  // every service's, in the year
  for (std::size_t t = 0; t < team_count; ++t) {
    for (const double h : plan.service_hours[y][t]) team_hours[t] += h;
  }
  for (std::size_t problem_role = 0; problem_role < problem.roles.size(); ++problem_role) {
    const auto role = role_of.find(problem.roles[problem_role].code);
    if (role == role_of.end() || problem_role >= result.hours_used.size()) continue;
    std::map<Index, double> used;  // group: the role's hours on the modelled services
    for (std::size_t locality = 0; locality < result.hours_used[problem_role].size(); ++locality) {
      if (locality < plan.group_of_locality.size()) used[plan.group_of_locality[locality]] += result.hours_used[problem_role][locality];
    }
    for (const auto& [group, hours] : used) {
      if (group >= teams_of_group.size() || teams_of_group[group].empty()) {
        plan.outside.cheapest_mix_fte += hours / problem.hours_per_fte;  // no team serves the group
        continue;
      }
      double given_total = 0.0, service_total = 0.0;
      for (const std::size_t t : teams_of_group[group]) {
        given_total += given_hours[t][role->second];
        service_total += team_hours[t];
      }
      for (const std::size_t t : teams_of_group[group]) {
        const double share = given_total > 0 ? given_hours[t][role->second] / given_total
                                              : (service_total > 0 ? team_hours[t] / service_total : 0.0);
        plan.cheapest_mix_fte[t][role->second] += hours * share / problem.hours_per_fte;
      }
    }
  }
  plan.cheapest_mix_year = year;
}

}  // namespace careforce::plan
