#include "plan/skill_mix_builder.hpp"

#include <algorithm>
#include <cmath>
#include <array>
#include <set>
#include <tuple>

#include <fmt/format.h>

#include "io/reference_table.hpp"
#include "io/table.hpp"
#include "model/error.hpp"
#include "model/sector_group.hpp"

namespace careforce::plan {


PlanReference LoadPlanReference(const std::string& reference_directory) {
  Diagnostics diagnostics;
  PlanReference reference;
  {
    static constexpr io::Column kLayout[] = {{"competence", true}, {"description", false}, {"source", true}, {"basis", true}};
    io::ReadReferenceTable(reference_directory, "plan/reserved.csv", kLayout, diagnostics,
                           [&](const io::Table& table) {
      reference.reserved.emplace_back(table.Get(0));
      reference.figures.push_back({"plan/reserved.csv", std::string(table.Get(0)), "reserved to registered roles",
                                   std::string(table.Get(1)), std::string(table.Get(2)), std::string(table.Get(3))});
    });
  }
  {
    static constexpr io::Column kLayout[] = {{"competence", true},   {"course_cost", true}, {"training_hours", true},
                                             {"staff_groups", true}, {"description", false}, {"source", true},
                                             {"basis", true}};
    io::ReadReferenceTable(reference_directory, "plan/training.csv", kLayout, diagnostics, [&](const io::Table& table) {
      const auto cost = table.Number(1, "course cost", 0, false, 1e6, false);
      const auto hours = table.Number(2, "training hours", 0, false, 10000, false);
      std::vector<StaffGroup> groups;
      bool known = true;
      const std::string_view listed = table.Get(3);
      if (listed != "any") {
        std::size_t at = 0;
        while (at < listed.size()) {
          const std::size_t end = std::min(listed.find(' ', at), listed.size());
          const std::string_view code = listed.substr(at, end - at);
          at = end + 1;
          if (code.empty()) continue;
          if (const auto group = ParseCode<StaffGroup>(code)) {
            groups.push_back(*group);
          } else {
            table.Error(3, fmt::format("staff group \"{}\" is not known, expected \"any\" or staff groups separated by "
                                       "spaces, of {}",
                                       code, fmt::join(EnumInfo<StaffGroup>::kCodes, ", ")));
            known = false;
          }
        }
      }
      if (cost && hours && known) {
        reference.training[std::string(table.Get(0))] = PlanReference::Course{*cost, *hours, std::move(groups)};
        reference.figures.push_back({"plan/training.csv", std::string(table.Get(0)),
                                     fmt::format("course £{}; {} hours; staff groups: {}", table.Get(1), table.Get(2), table.Get(3)),
                                     std::string(table.Get(4)), std::string(table.Get(5)), std::string(table.Get(6))});
      }
    });
  }
  {
    static constexpr io::Column kLayout[] = {{"from_role", true},      {"to_role", true},       {"course_cost", true},
                                             {"training_hours", true}, {"years", true},         {"description", false},
                                             {"source", true},         {"basis", true}};
    io::ReadReferenceTable(reference_directory, "plan/conversions.csv", kLayout, diagnostics, [&](const io::Table& table) {
      const auto cost = table.Number(2, "course cost", 0, false, 1e6, false);
      const auto hours = table.Number(3, "training hours", 0, false, 10000, false);
      const auto years = table.Number(4, "years", 0, false, 10, false);
      if (years && *years != static_cast<int>(*years)) table.Error(4, fmt::format("years {} is not whole, expected whole years", table.Get(4)));
      if (cost && hours && years) {
        reference.conversions.push_back(PlanReference::RoleConversion{
            std::string(table.Get(0)), std::string(table.Get(1)), {*cost, *hours, {}}, static_cast<int>(*years)});
        reference.figures.push_back({"plan/conversions.csv", fmt::format("{} to {}", table.Get(0), table.Get(1)),
                                     fmt::format("course £{}; {} hours; {} years", table.Get(2), table.Get(3), table.Get(4)),
                                     std::string(table.Get(5)), std::string(table.Get(6)), std::string(table.Get(7))});
      }
    });
  }
  {
    static constexpr io::Column kLayout[] = {{"parameter", true},    {"value", true}, {"description", false},
                                             {"source", true},       {"basis", true}};
    io::ReadReferenceTable(reference_directory, "plan/costs.csv", kLayout, diagnostics, [&](const io::Table& table) {
      const auto value = table.Number(1, "value", 0, false, 1e7, false);
      if (!value) return;
      const std::string_view parameter = table.Get(0);
      reference.figures.push_back({"plan/costs.csv", std::string(parameter), std::string(table.Get(1)), std::string(table.Get(2)),
                                   std::string(table.Get(3)), std::string(table.Get(4))});
      if (parameter == "on_cost_nhs") {
        reference.on_cost[static_cast<std::size_t>(SectorGroup::kNhs)] = *value;
      } else if (parameter == "on_cost_primary_care") {
        reference.on_cost[static_cast<std::size_t>(SectorGroup::kPrimaryCare)] = *value;
      } else if (parameter == "on_cost_social_care") {
        reference.on_cost[static_cast<std::size_t>(SectorGroup::kSocialCare)] = *value;
      } else if (parameter == "hire_cost_per_fte") {
        reference.hire_cost_per_fte = *value;
      } else if (parameter == "supervision_ratio") {
        reference.supervision_ratio = *value;
      } else if (parameter == "supervision_direct") {
        reference.supervision_by_level[static_cast<std::size_t>(Supervision::kDirect)] = *value;
      } else if (parameter == "supervision_indirect") {
        reference.supervision_by_level[static_cast<std::size_t>(Supervision::kIndirect)] = *value;
      } else if (parameter == "supervision_remote") {
        reference.supervision_by_level[static_cast<std::size_t>(Supervision::kRemote)] = *value;
      } else if (parameter == "agency_premium") {
        reference.agency_premium = *value;
      } else if (parameter == "hire_limit_share_of_joiners") {
        reference.hire_limit_share = *value;
      } else if (parameter == "hire_limit_floor_fte") {
        reference.hire_limit_floor_fte = *value;
      } else if (parameter == "redeployment_share") {
        reference.redeployment_share = *value;
      } else {
        table.Error(0, fmt::format("unknown parameter \"{}\", expected on_cost_nhs, on_cost_primary_care, "
                                   "on_cost_social_care, hire_cost_per_fte, supervision_ratio, supervision_direct, "
                                   "supervision_indirect, supervision_remote, agency_premium, "
                                   "hire_limit_share_of_joiners, hire_limit_floor_fte or redeployment_share",
                                   parameter));
      }
    });
  }
  if (diagnostics.HasErrors()) throw InputError(std::move(diagnostics));
  return reference;
}

ReferenceFigure ScopeFigure(const ScopeTable& table) {
  std::set<std::string> roles;
  std::array<int, 3> by_level{};
  std::set<std::string> sources;
  for (const ScopeEntry& entry : table.entries) {
    roles.insert(entry.role);
    ++by_level[static_cast<std::size_t>(entry.level)];
    sources.insert(entry.source);
  }
  return {"plan/scope.csv", "task table",
          fmt::format("{} rows: {} acts, {} roles; {} own scope, {} delegated, {} never", table.entries.size(), table.acts.size(),
                      roles.size(), by_level[0], by_level[1], by_level[2]),
          "Who may give each act of the service model: own scope, delegated (with supervision, risk and a largest "
          "share) or never",
          fmt::format("{} sources, one a row (see the file)", sources.size()), "per row"};
}

SkillMixProblem BuildSkillMixProblem(const Place& place, const std::vector<Service>& services,
                                     const demand::DemandResult& demand, const supply::SupplyResult& supply,
                                     const PlanReference& reference, const SkillMixSettings& settings,
                                     std::vector<Index>* role_of_problem_role) {
  SkillMixProblem problem;
  for (const Locality& locality : place.localities) problem.localities.push_back(locality.code);
  const std::size_t localities = place.localities.size();
  problem.hours_per_fte = demand.hours_per_fte;
  problem.supervision_ratio = settings.supervision_ratio.value_or(reference.supervision_ratio);
  problem.budget = settings.budget;
  problem.redeployment_share = reference.redeployment_share;
  problem.shortfall = settings.shortfall_hard ? Shortfall::kNone : Shortfall::kPriced;

  // Roles with staff today: pay per FTE with on-costs of the sector most of them work in.
  std::vector<double> pay(place.roles.size(), 0.0);
  std::vector<double> fte(place.roles.size(), 0.0);
  std::vector<std::array<double, kSectorGroups>> group_fte(place.roles.size());
  std::vector<std::vector<double>> base_fte(place.roles.size(), std::vector<double>(localities, 0.0));
  for (const StaffPost& post : place.staff) {
    pay[post.role] += post.annual_pay;
    fte[post.role] += post.fte;
    group_fte[post.role][static_cast<std::size_t>(SectorGroupOf(place.organisations[post.organisation].sector))] += post.fte;
    base_fte[post.role][post.locality] += post.fte;
  }
  // Reference tables are keyed by reference codes (Competence::reference_competence).
  std::map<std::string, std::string> competence_reference;
  for (const Competence& competence : place.competences) competence_reference[competence.code] = ReferenceCode(competence);
  const auto reference_of = [&](const std::string& code) -> const std::string& {
    const auto found = competence_reference.find(code);
    return found == competence_reference.end() ? code : found->second;
  };
  std::vector<std::vector<std::string>> held(place.roles.size());
  for (const RoleCompetence& entry : place.role_competences) held[entry.role].push_back(place.competences[entry.competence].code);
  // The modelled services' FTE of each role and locality in the base year.
  std::vector<std::vector<double>> service_base(place.roles.size(), std::vector<double>(localities, 0.0));
  for (const auto& row : demand.role_demand) {
    if (row.year == demand.base_year) service_base[row.role][row.locality] += row.fte;
  }
  const auto pick = [&](const supply::SupplySeries::Measure& measure, std::size_t year) {
    if (settings.percentile == "mean" || measure.p10.empty()) return measure.mean[year];
    if (settings.percentile == "p10") return measure.p10[year];
    if (settings.percentile == "p90") return measure.p90[year];
    return measure.p50[year];
  };
  const auto year_index = static_cast<std::size_t>(std::clamp(settings.year, supply.base_year, supply.last_year) - supply.base_year);
  const int years_ahead = std::max(1, settings.year - place.base_year);
  const int projection_years = std::max(1, supply.last_year - supply.base_year);
  // Today's establishment (in post and vacant) by role and locality: the role's work outside the
  // modelled services is the establishment less what the services need of it in the base year.
  std::vector<std::vector<double>> establishment = base_fte;
  std::vector<double> posts(place.roles.size(), 0.0);
  for (const Vacancy& vacancy : place.vacancies) establishment[vacancy.role][vacancy.locality] += vacancy.fte;
  for (const StaffPost& post : place.staff) posts[post.role] += 1.0;
  std::vector<Index> role_of;
  for (Index role = 0; role < place.roles.size(); ++role) {
    const auto new_role = settings.new_roles.find(place.roles[role].code);
    if (fte[role] <= 0 && new_role == settings.new_roles.end()) continue;
    SkillMixRole info;
    info.code = place.roles[role].code;
    info.name = place.roles[role].name;
    info.registered = place.roles[role].registered;
    info.supervised = !info.registered && place.roles[role].staff_group == StaffGroup::kSupportCare;
    double pay_per_fte = 0.0;
    double on_cost = 1.0;
    if (fte[role] > 0) {
      const auto main_group = static_cast<std::size_t>(
          std::max_element(group_fte[role].begin(), group_fte[role].end()) - group_fte[role].begin());
      pay_per_fte = pay[role] / fte[role];
      on_cost = reference.on_cost[main_group];
    } else {
      pay_per_fte = place.roles[role].annual_salary;
      on_cost = reference.on_cost[static_cast<std::size_t>(new_role->second)];
    }
    info.cost_per_hour = pay_per_fte * on_cost / problem.hours_per_fte;
    // Agency and bank cover: pay with the premium (which covers the agency's on-costs and fee).
    info.agency_cost_per_hour = pay_per_fte * (1.0 + reference.agency_premium) / problem.hours_per_fte;
    info.hire_cost_per_fte = reference.hire_cost_per_fte;
    info.competences = held[role];
    double joiners_fte_a_year = 0.0;
    for (const supply::RoleFlows& flows : supply.role_flows) {
      if (flows.role != role) continue;
      // Leavers and retirements a year over the role's average headcount, over the projection.
      const double average = (flows.base + flows.last) / 2.0 * static_cast<double>(projection_years);
      if (average > 0) info.leaver_rate = std::min(1.0, (flows.leavers + flows.retirements) / average);
      const double fte_per_head = posts[role] > 0 ? fte[role] / posts[role] : 1.0;
      joiners_fte_a_year = flows.joiners / static_cast<double>(projection_years) * fte_per_head;
    }
    // The labour market: a year's hires above the projected supply are at most a share of the
    // role's joiners a year, and at least the floor (a new or small role recruits from further
    // afield); a limit given in the settings applies instead.
    // The floor is at most the same share of the role's FTE in post, so a role of one person
    // does not recruit five a year.
    const double floor = fte[role] > 0 ? std::min(reference.hire_limit_floor_fte, reference.hire_limit_share * fte[role])
                                       : reference.hire_limit_floor_fte;
    const double market = std::max(floor, reference.hire_limit_share * joiners_fte_a_year);
    const double limit_a_year = settings.max_hires_fte < kInfinity ? settings.max_hires_fte : market;
    // Over several years a year's hires leave at the role's rate like everyone else: in post by
    // the plan year at most limit x (1 + (1 - r) + ... + (1 - r)^(k-1)), as the path has it.
    double kept_years = static_cast<double>(years_ahead);
    if (info.leaver_rate > 0) kept_years = (1.0 - std::pow(1.0 - info.leaver_rate, years_ahead)) / info.leaver_rate;
    info.max_hires_fte = settings.path_year ? limit_a_year : limit_a_year * kept_years;
    info.joiners_fte_a_year = joiners_fte_a_year;
    // Leavers not replaced give up at most the joiners the place recruits now (its baseline, when
    // a scenario or policy adds joiners of its own: those are committed, not given up).
    if (!settings.baseline_joiners_fte.empty()) {
      const auto found = settings.baseline_joiners_fte.find(info.code);
      joiners_fte_a_year = std::min(joiners_fte_a_year, found == settings.baseline_joiners_fte.end() ? 0.0 : found->second);
    }
    // Hours of the staff in post (the supply), their other work, and what not replacing leavers
    // can give up: the joiners the supply projection recruits by then.
    info.available_hours.assign(localities, 0.0);
    info.other_hours.assign(localities, 0.0);
    info.release_limit_hours.assign(localities, 0.0);
    const supply::SupplySeries* whole = supply.Find("role", info.code);
    for (std::size_t locality = 0; locality < localities; ++locality) {
      double available = 0.0;
      double in_post = base_fte[role][locality];  // the establishment as the gap analysis counts it
      const double share = fte[role] > 0 ? base_fte[role][locality] / fte[role] : 1.0 / static_cast<double>(localities);
      if (const auto* local = supply.Find("role_locality", fmt::format("{}/{}", info.code, place.localities[locality].code))) {
        available = pick(local->fte, year_index);
        in_post = local->fte.mean.front();
      } else if (whole) {
        available = pick(whole->fte, year_index) * share;
        in_post = whole->fte.mean.front() * share;
      }
      info.available_hours[locality] = std::max(0.0, available) * problem.hours_per_fte;
      // The establishment: the supply's base-year FTE and vacancies.
      const double establishment_fte = establishment[role][locality] - base_fte[role][locality] + in_post;
      info.other_hours[locality] = std::max(0.0, establishment_fte - service_base[role][locality]) * problem.hours_per_fte;
      info.release_limit_hours[locality] = joiners_fte_a_year * share * years_ahead * problem.hours_per_fte;
    }
    problem.roles.push_back(std::move(info));
    role_of.push_back(role);
  }
  const auto ratio_of = [&](Supervision level) { return reference.supervision_by_level[static_cast<std::size_t>(level)]; };

  // Visits of every intervention in every locality in the year.
  std::map<std::pair<std::size_t, Index>, double> reached;  // service, locality
  for (const auto& row : demand.activity) {
    if (row.year == settings.year) reached[{row.service, row.locality}] = row.people_reached;
  }
  std::vector<std::string> needed;
  std::set<std::pair<std::string, std::string>> delegations;  // act, role: listed once
  const std::vector<std::set<Index>> role_holds = demand::RoleHoldings(place);
  const std::vector<double> fte_in_post = demand::FteInPost(place);
  // Hours the floors of opening hours and caseloads add to interventions in the year, as more
  // visits, with today's split of them: service, tier, intervention, locality.
  std::map<std::tuple<std::size_t, std::size_t, std::size_t, Index>, std::vector<const demand::DemandResult::CoverHours*>>
      cover;
  for (const auto& row : demand.cover_hours) {
    if (row.year == settings.year) cover[{row.service, row.tier, row.intervention, row.locality}].push_back(&row);
  }
  for (std::size_t service = 0; service < services.size(); ++service) {
    for (std::size_t tier_index = 0; tier_index < services[service].tiers.size(); ++tier_index) {
      const ServiceTier& tier = services[service].tiers[tier_index];
      for (std::size_t item = 0; item < tier.interventions.size(); ++item) {
        const Intervention& intervention = tier.interventions[item];
        std::vector<std::string> competences;
        for (const Index competence : intervention.competences) competences.push_back(place.competences[competence].code);
        const bool reserved = std::any_of(competences.begin(), competences.end(), [&](const std::string& code) {
          return std::find(reference.reserved.begin(), reference.reserved.end(), reference_of(code)) != reference.reserved.end();
        });
        // Today's split among roles with staff (the problem's roles), shares summing to one.
        std::vector<std::pair<std::string, double>> split;
        double kept = 0.0;
        for (const auto& [role, share] : demand::SplitAtTodaysMix(intervention, role_holds, fte_in_post)) {
          if (fte[role] <= 0 || share <= 0) continue;
          split.emplace_back(place.roles[role].code, share);
          kept += share;
        }
        for (auto& [code, share] : split) share /= kept;
        // Each problem role's standing for the act: delegations above the allowed risk are not
        // offered. Agency cover is priced at the cheapest role whose own scope covers it and
        // who holds (or may be trained in) its competences, else the cheapest such role allowed
        // by delegation, else the dearest role: cover is bought from people who could give it.
        std::vector<TaskScope> scope;
        double cover_per_hour = kInfinity;
        double fallback = 0.0;
        double delegated_cover = kInfinity;
        for (std::size_t index = 0; index < problem.roles.size(); ++index) {
          const Index role = role_of[index];
          fallback = std::max(fallback, problem.roles[index].agency_cost_per_hour);
          const ScopeLevel level = ScopeOf(intervention, role);
          const bool able = std::all_of(competences.begin(), competences.end(), [&](const std::string& code) {
            const auto& held_codes = problem.roles[index].competences;
            if (std::find(held_codes.begin(), held_codes.end(), code) != held_codes.end()) return true;
            const auto course = reference.training.find(reference_of(code));
            if (course == reference.training.end()) return false;
            const auto& groups = course->second.staff_groups;
            return groups.empty() || std::find(groups.begin(), groups.end(), place.roles[role].staff_group) != groups.end();
          });
          if (level == ScopeLevel::kOwn && able) cover_per_hour = std::min(cover_per_hour, problem.roles[index].agency_cost_per_hour);
          if (level == ScopeLevel::kDelegated && able) {
            delegated_cover = std::min(delegated_cover, problem.roles[index].agency_cost_per_hour);
          }
          if (intervention.scope.empty()) continue;
          TaskScope standing;
          standing.level = level;
          if (level == ScopeLevel::kDelegated) {
            const RoleScope& entry = intervention.scope[role];
            if (static_cast<double>(entry.risk) > settings.max_delegation_risk) {
              standing.level = ScopeLevel::kNever;
            } else {
              standing.supervision_ratio = ratio_of(entry.supervision);
              standing.max_share = entry.max_share;
              if (delegations.insert({intervention.act, problem.roles[index].code}).second) {
                problem.delegations.push_back(Delegation{problem.roles[index].code, intervention.act,
                                                         std::string(EnumInfo<Supervision>::kCodes[static_cast<std::size_t>(entry.supervision)]),
                                                         std::string(EnumInfo<DelegationRisk>::kCodes[static_cast<std::size_t>(entry.risk)]),
                                                         standing.supervision_ratio, standing.max_share});
              }
            }
          }
          scope.push_back(standing);
        }
        if (cover_per_hour == kInfinity) cover_per_hour = delegated_cover < kInfinity ? delegated_cover : fallback;
        for (Index locality = 0; locality < localities; ++locality) {
          const double travel_minutes = demand.travel.Minutes(services[service], intervention, locality);
          const double hours_per_visit = (intervention.minutes_per_contact + travel_minutes) / 60.0;
          const auto found = reached.find({service, locality});
          const double activity_visits = found == reached.end() ? 0.0
                                                                : found->second * tier.share *
                                                                      intervention.contacts_per_week *
                                                                      intervention.weeks_per_year;
          double visits = activity_visits;
          std::vector<std::pair<std::string, double>> todays_split = split;
          if (const auto floors = cover.find({service, tier_index, item, locality});
              floors != cover.end() && hours_per_visit > 0) {
            // Today's split of the activity and of each floor's hours, weighted by their visits,
            // among the roles with staff.
            std::map<std::string, double> weights;
            for (const auto& [code, share] : split) weights[code] += share * activity_visits;
            for (const demand::DemandResult::CoverHours* row : floors->second) {
              const double extra = row->hours / hours_per_visit;
              visits += extra;
              for (const auto& [role, share] : row->roles) {
                if (fte[role] > 0) weights[place.roles[role].code] += share * extra;
              }
            }
            double total = 0.0;
            for (const auto& [code, weight] : weights) total += weight;
            if (total > 0) {
              todays_split.clear();
              for (const auto& [code, weight] : weights) {
                if (weight > 0) todays_split.emplace_back(code, weight / total);
              }
            }
          }
          if (visits <= 0) continue;
          SkillMixTask task;
          task.name = fmt::format("{}/{}/{}", services[service].code, tier.name, intervention.name);
          task.locality = locality;
          task.visits = visits;
          task.contact_hours_per_visit = intervention.minutes_per_contact / 60.0;
          task.travel_hours_per_visit = travel_minutes / 60.0;
          task.competences = competences;
          task.reserved = reserved;
          task.todays_split = std::move(todays_split);
          task.act = intervention.act;
          task.separable = intervention.separable;
          task.scope = scope;
          task.shortfall_cost_per_visit = cover_per_hour * (task.contact_hours_per_visit + task.travel_hours_per_visit);
          problem.tasks.push_back(std::move(task));
        }
        needed.insert(needed.end(), competences.begin(), competences.end());
      }
    }
  }
  std::sort(needed.begin(), needed.end());
  needed.erase(std::unique(needed.begin(), needed.end()), needed.end());
  // Cross-skilling: a role with staff, in a needed competence it lacks, where its staff group may
  // take the course (course plus backfill).
  for (std::size_t index = 0; index < problem.roles.size(); ++index) {
    const SkillMixRole& role = problem.roles[index];
    const StaffGroup group = place.roles[role_of[index]].staff_group;
    for (const std::string& competence : needed) {
      if (std::find(role.competences.begin(), role.competences.end(), competence) != role.competences.end()) continue;
      const auto course = reference.training.find(reference_of(competence));
      if (course == reference.training.end()) continue;
      const std::vector<StaffGroup>& eligible = course->second.staff_groups;
      if (!eligible.empty() && std::find(eligible.begin(), eligible.end(), group) == eligible.end()) continue;
      problem.cross_skilling.push_back(CrossSkilling{
          role.code, competence, course->second.cost + course->second.hours * role.cost_per_hour, kInfinity});
    }
  }
  // Conversions between roles with staff (course plus backfill at the first role's cost).
  // Matched by the roles' reference codes (Role::reference_role), written in the place's codes.
  for (const PlanReference::RoleConversion& conversion : reference.conversions) {
    for (std::size_t from = 0; from < problem.roles.size(); ++from) {
      if (ReferenceCode(place.roles[role_of[from]]) != conversion.from) continue;
      for (std::size_t to = 0; to < problem.roles.size(); ++to) {
        if (ReferenceCode(place.roles[role_of[to]]) != conversion.to || to == from) continue;
        // A single year's programme offers only conversions that complete by its year.
        if (!settings.path_year && conversion.years > years_ahead) continue;
        problem.conversions.push_back(Conversion{problem.roles[from].code, problem.roles[to].code,
                                                 conversion.course.cost + conversion.course.hours * problem.roles[from].cost_per_hour,
                                                 conversion.years});
      }
    }
  }
  if (role_of_problem_role) *role_of_problem_role = std::move(role_of);
  return problem;
}

}  // namespace careforce::plan
