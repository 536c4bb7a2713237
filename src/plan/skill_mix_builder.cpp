#include "plan/skill_mix_builder.hpp"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "io/reference_table.hpp"
#include "io/table.hpp"
#include "model/error.hpp"
#include "model/sector_group.hpp"

namespace careforce::plan {

namespace {

constexpr std::array<std::string_view, 3> kRisks = {"low", "medium", "high"};

double RiskLevel(std::string_view risk) {
  return static_cast<double>(std::find(kRisks.begin(), kRisks.end(), risk) - kRisks.begin());
}

}  // namespace

PlanReference LoadPlanReference(const std::string& reference_directory) {
  Diagnostics diagnostics;
  PlanReference reference;
  {
    static constexpr io::Column kLayout[] = {{"competence", true}, {"description", false}, {"source", true}, {"basis", true}};
    io::ReadReferenceTable(reference_directory, "plan/reserved.csv", kLayout, diagnostics,
                           [&](const io::Table& table) { reference.reserved.emplace_back(table.Get(0)); });
  }
  {
    static constexpr io::Column kLayout[] = {{"role", true},        {"competence", true}, {"risk", true},
                                             {"description", false}, {"source", true},    {"basis", true}};
    io::ReadReferenceTable(reference_directory, "plan/delegation.csv", kLayout, diagnostics, [&](const io::Table& table) {
      if (RiskLevel(table.Get(2)) >= static_cast<double>(kRisks.size())) {
        table.Error(2, fmt::format("risk \"{}\" is not allowed, expected low, medium or high", table.Get(2)));
        return;
      }
      reference.delegations.push_back(Delegation{std::string(table.Get(0)), std::string(table.Get(1)), std::string(table.Get(2))});
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
      }
    });
  }
  {
    static constexpr io::Column kLayout[] = {{"from_role", true},    {"to_role", true}, {"course_cost", true},
                                             {"training_hours", true}, {"description", false}, {"source", true},
                                             {"basis", true}};
    io::ReadReferenceTable(reference_directory, "plan/conversions.csv", kLayout, diagnostics, [&](const io::Table& table) {
      const auto cost = table.Number(2, "course cost", 0, false, 1e6, false);
      const auto hours = table.Number(3, "training hours", 0, false, 10000, false);
      if (cost && hours) {
        reference.conversions.push_back(
            PlanReference::RoleConversion{std::string(table.Get(0)), std::string(table.Get(1)), {*cost, *hours, {}}});
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
      } else {
        table.Error(0, fmt::format("unknown parameter \"{}\", expected on_cost_nhs, on_cost_primary_care, "
                                   "on_cost_social_care, hire_cost_per_fte or supervision_ratio",
                                   parameter));
      }
    });
  }
  if (diagnostics.HasErrors()) throw InputError(std::move(diagnostics));
  return reference;
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
  std::vector<Index> role_of;
  for (Index role = 0; role < place.roles.size(); ++role) {
    const auto new_role = settings.new_roles.find(place.roles[role].code);
    if (fte[role] <= 0 && new_role == settings.new_roles.end()) continue;
    SkillMixRole info;
    info.code = place.roles[role].code;
    info.registered = place.roles[role].registered;
    info.supervised = !info.registered && place.roles[role].staff_group == StaffGroup::kSupportCare;
    if (fte[role] > 0) {
      const auto main_group = static_cast<std::size_t>(
          std::max_element(group_fte[role].begin(), group_fte[role].end()) - group_fte[role].begin());
      info.cost_per_hour = pay[role] / fte[role] * reference.on_cost[main_group] / problem.hours_per_fte;
    } else {
      info.cost_per_hour = place.roles[role].annual_salary * reference.on_cost[static_cast<std::size_t>(new_role->second)] /
                           problem.hours_per_fte;
    }
    info.hire_cost_per_fte = reference.hire_cost_per_fte;
    info.max_hires_fte = settings.max_hires_fte;
    info.competences = held[role];
    // Leavers and retirements a year over the role's average headcount, over the projection.
    for (const supply::RoleFlows& flows : supply.role_flows) {
      const double average = (flows.base + flows.last) / 2.0 * static_cast<double>(supply.last_year - supply.base_year);
      if (flows.role == role && average > 0) info.leaver_rate = std::min(1.0, (flows.leavers + flows.retirements) / average);
    }
    // Hours for the modelled services: the base year's service FTE plus the change in supply.
    info.available_hours.assign(localities, 0.0);
    const supply::SupplySeries* whole = supply.Find("role", info.code);
    for (std::size_t locality = 0; locality < localities; ++locality) {
      double change = 0.0;
      if (const auto* local = supply.Find("role_locality", fmt::format("{}/{}", info.code, place.localities[locality].code))) {
        change = pick(local->fte, year_index) - local->fte.mean.front();
      } else if (whole && fte[role] > 0) {
        change = (pick(whole->fte, year_index) - whole->fte.mean.front()) * base_fte[role][locality] / fte[role];
      } else if (whole) {  // a new role: whatever supply brings it, spread evenly
        change = pick(whole->fte, year_index) / static_cast<double>(localities);
      }
      info.available_hours[locality] = std::max(0.0, service_base[role][locality] + change) * problem.hours_per_fte;
    }
    problem.roles.push_back(std::move(info));
    role_of.push_back(role);
  }

  // Visits of every intervention in every locality in the year.
  std::map<std::pair<std::size_t, Index>, double> reached;  // service, locality
  for (const auto& row : demand.activity) {
    if (row.year == settings.year) reached[{row.service, row.locality}] = row.people_reached;
  }
  std::vector<std::string> needed;
  const std::vector<std::set<Index>> role_holds = demand::RoleHoldings(place);
  const std::vector<double> fte_in_post = demand::FteInPost(place);
  for (std::size_t service = 0; service < services.size(); ++service) {
    for (const ServiceTier& tier : services[service].tiers) {
      for (const Intervention& intervention : tier.interventions) {
        std::vector<std::string> competences;
        for (const Index competence : intervention.competences) competences.push_back(place.competences[competence].code);
        const bool reserved = std::any_of(competences.begin(), competences.end(), [&](const std::string& code) {
          return std::find(reference.reserved.begin(), reference.reserved.end(), code) != reference.reserved.end();
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
        for (Index locality = 0; locality < localities; ++locality) {
          const auto found = reached.find({service, locality});
          const double visits = found == reached.end() ? 0.0
                                                       : found->second * tier.share * intervention.contacts_per_week *
                                                             intervention.weeks_per_year;
          if (visits <= 0) continue;
          SkillMixTask task;
          task.name = fmt::format("{}/{}/{}", services[service].code, tier.name, intervention.name);
          task.locality = locality;
          task.visits = visits;
          task.contact_hours_per_visit = intervention.minutes_per_contact / 60.0;
          task.travel_hours_per_visit = intervention.travel_minutes_per_visit / 60.0;
          task.competences = competences;
          task.reserved = reserved;
          task.todays_split = split;
          problem.tasks.push_back(std::move(task));
        }
        needed.insert(needed.end(), competences.begin(), competences.end());
      }
    }
  }
  std::sort(needed.begin(), needed.end());
  needed.erase(std::unique(needed.begin(), needed.end()), needed.end());
  for (const Delegation& delegation : reference.delegations) {
    if (RiskLevel(delegation.risk) <= settings.max_delegation_risk) problem.delegations.push_back(delegation);
  }
  // Cross-skilling: a role with staff, in a needed competence it lacks, where its staff group may
  // take the course (course plus backfill).
  for (std::size_t index = 0; index < problem.roles.size(); ++index) {
    const SkillMixRole& role = problem.roles[index];
    const StaffGroup group = place.roles[role_of[index]].staff_group;
    for (const std::string& competence : needed) {
      if (std::find(role.competences.begin(), role.competences.end(), competence) != role.competences.end()) continue;
      const auto course = reference.training.find(competence);
      if (course == reference.training.end()) continue;
      const std::vector<StaffGroup>& eligible = course->second.staff_groups;
      if (!eligible.empty() && std::find(eligible.begin(), eligible.end(), group) == eligible.end()) continue;
      problem.cross_skilling.push_back(CrossSkilling{
          role.code, competence, course->second.cost + course->second.hours * role.cost_per_hour, kInfinity});
    }
  }
  // Conversions between roles with staff (course plus backfill at the first role's cost).
  for (const PlanReference::RoleConversion& conversion : reference.conversions) {
    const auto from = std::find_if(problem.roles.begin(), problem.roles.end(),
                                   [&](const SkillMixRole& role) { return role.code == conversion.from; });
    const bool to = std::any_of(problem.roles.begin(), problem.roles.end(),
                                [&](const SkillMixRole& role) { return role.code == conversion.to; });
    if (from == problem.roles.end() || !to) continue;
    problem.conversions.push_back(Conversion{conversion.from, conversion.to,
                                             conversion.course.cost + conversion.course.hours * from->cost_per_hour});
  }
  if (role_of_problem_role) *role_of_problem_role = std::move(role_of);
  return problem;
}

}  // namespace careforce::plan
