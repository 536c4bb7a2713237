#include "plan/team_plan.hpp"

#include <algorithm>
#include <limits>
#include <map>
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
// its share of each locality's residents, band by band; staff kept for today's mix, without
// localities.
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
  teams.staff = place.staff;
  for (StaffPost& post : teams.staff) {
    post.locality = kNoIndex;
    post.team = kNoIndex;
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
                    TeamPlan& plan) {
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
  const demand::DemandResult team_demand =
      demand::ProjectDemand(team_place, services, reference, TeamTiers(place, teams, shares, tiers));
  for (const auto& row : team_demand.role_demand) {
    if (row.year < plan.base_year || row.year > plan.last_year || row.locality >= team_count) continue;
    plan.required[static_cast<std::size_t>(row.year - plan.base_year)][row.locality][row.role] += row.fte;
  }
  // Reconciled within each team's locality, or within the place when a team crosses localities.
  const bool place_level = std::any_of(teams.teams.begin(), teams.teams.end(),
                                       [](const Team& team) { return team.locality == kNoIndex; });
  const auto group_of = [place_level](Index locality) { return place_level ? kNoIndex : locality; };
  std::map<std::tuple<int, Index, Index>, double> target;  // (year, group, role)
  std::map<std::tuple<int, Index, Index>, double> sum;
  for (const auto& row : place_demand.role_demand) {
    target[{row.year, group_of(row.locality), row.role}] += row.fte;
  }
  for (std::size_t y = 0; y < years; ++y) {
    const int year = plan.base_year + static_cast<int>(y);
    for (std::size_t t = 0; t < team_count; ++t) {
      for (Index role = 0; role < roles; ++role) sum[{year, group_of(teams.teams[t].locality), role}] += plan.required[y][t][role];
    }
  }
  for (std::size_t y = 0; y < years; ++y) {
    const int year = plan.base_year + static_cast<int>(y);
    for (std::size_t t = 0; t < team_count; ++t) {
      for (Index role = 0; role < roles; ++role) {
        const auto key = std::make_tuple(year, group_of(teams.teams[t].locality), role);
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
    if (row.locality != kNoIndex) caseload_target[{row.year, group_of(row.locality), row.service}] += row.on_caseload;
  }
  std::vector<const demand::DemandResult::Caseload*> kept;
  for (const auto& row : team_demand.caseloads) {
    if (row.locality >= team_count || (row.year != plan.base_year && row.year != plan.last_year)) continue;
    caseload_sum[{row.year, group_of(teams.teams[row.locality].locality), row.service}] += row.on_caseload;
    kept.push_back(&row);
  }
  for (const demand::DemandResult::Caseload* row : kept) {
    const auto key = std::make_tuple(row->year, group_of(teams.teams[row->locality].locality), row->service);
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

void AssignStaff(const Place& place, const ListShares& shares, TeamPlan& plan) {
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
    Index apportioned_from = kNoIndex;
    if (parts.empty()) {
      const Index locality = post.locality != kNoIndex ? post.locality : organisation.locality;
      if (locality != kNoIndex && shares.locality[locality] > 0) {
        for (std::size_t t = 0; t < team_count; ++t) {
          const double share = shares.Share(t, locality);
          if (share > 0) parts.emplace_back(t, share);
        }
      }
      // The share of residents registered outside every team stays with nobody; scale up.
      double covered = 0.0;
      for (const auto& part : parts) covered += part.second;
      if (covered > 0) {
        for (auto& part : parts) part.second /= covered;
        apportioned_from = locality;
      } else {
        parts.clear();
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
  plan.fte_by_basis.assign(team_count, std::vector<double>(4, 0.0));
  plan.lacking.assign(team_count, {});
  plan.hidden.assign(team_count, std::vector<char>(roles, 0));
  if (team_count == 0) return plan;

  const ListShares shares(place, teams);
  if (place_demand) PlanTeamDemand(place, services, reference, tiers, *place_demand, shares, plan);
  AssignStaff(place, shares, plan);
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

}  // namespace careforce::plan
