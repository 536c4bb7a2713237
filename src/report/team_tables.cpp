#include "report/team_tables.hpp"

#include <algorithm>
#include <set>
#include <cmath>
#include <map>

#include <fmt/format.h>

#include "intelligence/disclosure.hpp"
#include "report/format.hpp"
#include "report/svg.hpp"

namespace careforce::report {

namespace {

std::string LocalityName(const plan::TeamPlan& plan, Index locality) {
  return locality == kNoIndex ? std::string("several localities") : plan.locality_names[locality];
}

double Sum(const std::vector<double>& values) {
  double total = 0.0;
  for (const double value : values) total += value;
  return total;
}

// The smallest and largest team (registered people) and the farthest practice from its base.
struct TeamExtent {
  int64_t least = 0;
  int64_t most = 0;
  double worst_km = 0.0;
  explicit TeamExtent(const plan::TeamDesign& design) {
    for (std::size_t t = 0; t < design.teams.size(); ++t) {
      least = t == 0 ? design.teams[t].population : std::min(least, design.teams[t].population);
      most = std::max(most, design.teams[t].population);
      worst_km = std::max(worst_km, design.teams[t].worst_km);
    }
  }
};

// The names of the localities no team serves: "Southvale", "Southvale and Westcombe", ...
std::string OutsideNames(const plan::TeamPlan& plan) {
  std::vector<std::string> names;
  for (const Index locality : plan.outside.localities) names.push_back(plan.locality_names[locality]);
  if (names.size() <= 1) return names.empty() ? std::string() : names.front();
  const std::string last = names.back();
  names.pop_back();
  return fmt::format("{} and {}", fmt::join(names, ", "), last);
}

// What no team serves, in words: "1 locality (South), with 1 practice and 6,000 registered people,
// is in no team: its modelled services' need of 3.2 FTE in 2030 and its 4.5 FTE in post are left out
// of every team's figures, not shared with other localities' teams".
std::string OutsideSentence(const plan::TeamPlan& plan) {
  const plan::TeamPlan::Outside& outside = plan.outside;
  if (outside.localities.empty()) {
    return fmt::format("{} FTE in post of no locality are in no team, the place having no teams", Fte(outside.InPostFte()));
  }
  const bool one = outside.localities.size() == 1;
  std::string text = fmt::format("{} {} ({}), with {} {} and {} registered people, {} in no team: ",
                                 outside.localities.size(), one ? "locality" : "localities", OutsideNames(plan),
                                 Count(outside.practices), outside.practices == 1 ? "practice" : "practices",
                                 Count(outside.registered), one ? "is" : "are");
  const char* its = one ? "its" : "their";
  if (!outside.required.empty()) {
    text += fmt::format("{} modelled services' need of {} FTE in {} and ", its,
                        Fte(outside.RequiredFte(outside.required.size() - 1)), plan.last_year);
  }
  return text + fmt::format("{} {} FTE in post are left out of every team's figures, not shared with other "
                            "localities' teams",
                            its, Fte(outside.InPostFte()));
}

}  // namespace

std::optional<int64_t> ShownUnknownTeamPosts(const plan::TeamPlan& plan) {
  if (intelligence::SmallCount(plan.unknown_team_posts, plan.suppression_threshold)) return std::nullopt;
  return plan.unknown_team_posts;
}

std::string UnknownTeamNote(const plan::TeamPlan& plan) {
  if (plan.unknown_team_posts == 0) return {};
  const std::optional<int64_t> shown = ShownUnknownTeamPosts(plan);
  const std::string posts = !shown      ? fmt::format("Fewer than {} posts give", plan.suppression_threshold)
                            : *shown == 1 ? std::string("1 post gives")
                                          : fmt::format("{} posts give", Count(*shown));
  return posts + " a team that is not one of these; they were placed by their practice, network or locality";
}

std::string OrganisationLocalityNote(const plan::TeamPlan& plan) {
  std::vector<std::string> named;
  std::set<std::string> localities;
  for (const plan::TeamPlan::PlacedByOrganisationLocality& placed : plan.placed_by_organisation_locality) {
    // An organisation of fewer posts than the threshold is not named (its staff are a small number).
    if (placed.posts < std::max(1, plan.suppression_threshold)) continue;
    named.push_back(fmt::format("{} ({} posts, {} FTE)", placed.organisation, Count(placed.posts), Fte(placed.fte)));
    if (placed.locality < plan.locality_names.size()) localities.insert(plan.locality_names[placed.locality]);
  }
  if (named.empty()) return {};
  std::string list;
  for (std::size_t at = 0; at < named.size(); ++at) {
    list += (at == 0 ? "" : at + 1 == named.size() ? " and " : ", ") + named[at];
  }
  std::string where;
  for (const std::string& locality : localities) where += (where.empty() ? "" : ", ") + locality;
  return fmt::format("The posts of {} are all in their organisation's own locality, with no site given: they are "
                     "counted in the teams of that locality ({}) only. If they serve other localities, give each "
                     "post's locality (staff.csv) or the organisation's site (organisations.csv)",
                     list, where);
}

std::vector<ReportTable> TeamTables(const plan::TeamPlan& plan) {
  std::vector<ReportTable> tables;
  const plan::TeamDesign& design = plan.design;
  const std::size_t last = plan.required.empty() ? 0 : plan.required.size() - 1;
  ReportTable teams("teams", "Neighbourhood teams: their practices, people, distances and staff",
                    {{"team", "Team", CellKind::kCode},
                     {"locality", "Locality", CellKind::kText},
                     {"base_practice", "Base", CellKind::kCode},
                     {"practices", "Practices", CellKind::kCount},
                     {"registered_people", "Registered people", CellKind::kCount},
                     {"mean_km_to_base", "Mean km to base (per person)", CellKind::kNumber},
                     {"worst_km_to_base", "Farthest practice (km)", CellKind::kNumber},
                     {"road_km_per_visit", "Road km to a home visit (from the map)", CellKind::kNumber, false},
                     {"travel_minutes_per_visit", "Travel minutes to a home visit (from the map)", CellKind::kNumber},
                     {fmt::format("services_fte_{}", plan.base_year),
                      fmt::format("Modelled services need {} (FTE)", plan.base_year), CellKind::kFte, false},
                     {fmt::format("services_fte_{}", plan.last_year),
                      fmt::format("Modelled services need {} (FTE)", plan.last_year), CellKind::kFte},
                     {"in_post_fte", "FTE in post (every role)", CellKind::kFte},
                     {"in_post_fte_shared", "of which shared from the locality", CellKind::kFte, false},
                     {fmt::format("short_fte_{}", plan.last_year),
                      fmt::format("Short {} against today's staff (FTE; roles shown that are short, surpluses not netted)",
                                  plan.last_year), CellKind::kFte},
                     {"competences_lacking", "Competences no one in the team holds", CellKind::kCount, false}});
  for (std::size_t t = 0; t < design.teams.size(); ++t) {
    const plan::Team& team = design.teams[t];
    const GpPractice& base = plan.practices[team.base];
    const double in_post = plan.in_post_fte.empty() ? 0.0 : Sum(plan.in_post_fte[t]);
    const double required_last = plan.required.empty() ? 0.0 : Sum(plan.required[last][t]);
    ReportTable::RowBuilder row = teams.Row();
    row.Code(team.code, plan::TeamName(plan, t))
        .Text(LocalityName(plan, team.locality))
        .Code(base.code, base.name)
        .Number(static_cast<double>(team.practices.size()))
        .Number(static_cast<double>(team.population))
        .Number(team.population > 0 ? team.person_km / static_cast<double>(team.population) : 0.0)
        .Number(team.worst_km);
    if (plan.travel) {
      row.Number(plan.travel->team_road_km[t]).Number(plan.travel->team_minutes[t]);
    } else {
      row.Empty().Empty();
    }
    row.Number(plan.required.empty() ? 0.0 : Sum(plan.required[0][t]))
        .Number(required_last)
        .Number(in_post)
        .Number(plan.fte_by_basis.empty() ? 0.0 : plan.fte_by_basis[t][static_cast<std::size_t>(plan::TeamStaffBasis::kApportioned)])
        .Number(plan.required.empty() ? 0.0 : plan.Shortfall(t, plan.last_year))
        .Number(static_cast<double>(plan.lacking.empty() ? 0 : plan.lacking[t].size()));
  }
  // What no team serves (plan::TeamPlan::outside), as a last row, so that the teams and it sum to
  // the place; distances, gaps and competences are a team's and left empty.
  if (!plan.outside.empty()) {
    const plan::TeamPlan::Outside& outside = plan.outside;
    auto row = teams.Row();
    row.Code("(no team)", "Not in any team")
        .Text(OutsideNames(plan))
        .Empty()
        .Number(static_cast<double>(outside.practices))
        .Number(static_cast<double>(outside.registered))
        .Empty()    // mean km to base
        .Empty()    // farthest practice
        .Empty()    // road km to a visit
        .Empty();   // travel minutes to a visit
    if (outside.required.empty()) {
      row.Empty().Empty();
    } else {
      row.Number(outside.RequiredFte(0)).Number(outside.RequiredFte(outside.required.size() - 1));
    }
    row.Number(outside.InPostFte()).Empty().Empty().Empty();
  }
  tables.push_back(std::move(teams));

  ReportTable practices("team_practices", "The practices of each team",
                        {{"team", "Team", CellKind::kCode},
                         {"practice", "Practice", CellKind::kCode},
                         {"network", "Primary care network", CellKind::kText},
                         {"registered_people", "Registered people", CellKind::kCount},
                         {"km_to_base", "Km to the team's base", CellKind::kNumber},
                         {"catchment_km", "Catchment radius (km, half the distance to the nearest other practice)",
                          CellKind::kNumber, false},
                         {"travel_minutes_per_visit", "Travel minutes to a home visit", CellKind::kNumber},
                         {"base", "Base", CellKind::kText}});
  for (std::size_t t = 0; t < design.teams.size(); ++t) {
    const plan::Team& team = design.teams[t];
    const GpPractice& base = plan.practices[team.base];
    for (const Index index : team.practices) {
      const GpPractice& practice = plan.practices[index];
      const double km = plan::DistanceKm(*practice.latitude, *practice.longitude, *base.latitude, *base.longitude);
      ReportTable::RowBuilder row = practices.Row();
      row.Code(team.code, plan::TeamName(plan, t))
          .Code(practice.code, practice.name)
          .Text(practice.pcn)
          .Number(static_cast<double>(practice.list_size))
          .Number(km);
      if (plan.travel) {
        row.Number(plan.travel->practice_radius_km[index]).Number(plan.travel->practice_minutes[index]);
      } else {
        row.Empty().Empty();
      }
      row.Text(index == team.base ? "yes" : "");
    }
  }
  tables.push_back(std::move(practices));

  if (plan.required.empty()) return tables;
  const bool cheapest = !plan.cheapest_mix_fte.empty();
  std::vector<ReportColumn> role_columns{
      {"team", "Team", CellKind::kCode},
      {"role", "Role", CellKind::kCode},
      {fmt::format("services_fte_{}", plan.base_year), fmt::format("Services need {}", plan.base_year), CellKind::kFte},
      {fmt::format("services_fte_{}", plan.last_year), fmt::format("Services need {}", plan.last_year), CellKind::kFte}};
  if (cheapest) {
    role_columns.push_back({fmt::format("cheapest_mix_fte_{}", plan.cheapest_mix_year),
                            fmt::format("At the cheapest mix {}", plan.cheapest_mix_year), CellKind::kFte});
  }
  role_columns.push_back({"in_post_fte", "In post", CellKind::kFte});
  role_columns.push_back({fmt::format("gap_fte_{}", plan.base_year), fmt::format("Short {}", plan.base_year), CellKind::kFte});
  role_columns.push_back({fmt::format("gap_fte_{}", plan.last_year),
                          fmt::format("Short {} against today's staff", plan.last_year), CellKind::kFte});
  ReportTable roles("team_roles",
                    cheapest ? "Each team's roles: FTE the modelled services need at today's mix and at the cheapest, "
                               "in post and the gap"
                             : "Each team's roles: FTE the modelled services need at today's mix, in post and the gap",
                    std::move(role_columns));
  for (std::size_t t = 0; t < design.teams.size(); ++t) {
    for (Index role = 0; role < plan.role_codes.size(); ++role) {
      const double first = plan.required[0][t][role];
      const double final = plan.required[last][t][role];
      const double in_post = plan.in_post_fte[t][role];
      const double at_cheapest = cheapest ? plan.cheapest_mix_fte[t][role] : 0.0;
      if (first < 0.05 && final < 0.05 && in_post < 0.05 && at_cheapest < 0.05 && !plan.hidden[t][role]) continue;
      const bool hidden = plan.hidden[t][role] != 0;
      ReportTable::RowBuilder row = roles.Row();
      row.Code(design.teams[t].code, plan::TeamName(plan, t))
          .Code(plan.role_codes[role], plan.role_names[role])
          .Number(first)
          .Number(final);
      // The locality's published cheapest mix shared by the teams' demand: hidden where the
      // place's skill mix hides the role, not with the team's staff (it holds none of them).
      if (cheapest) row.Number(at_cheapest, !plan.cheapest_mix_hidden.empty() && plan.cheapest_mix_hidden[role]);
      row.Number(in_post, hidden)
          .Number(plan.Gap(t, role, plan.base_year), hidden)
          .Number(plan.Gap(t, role, plan.last_year), hidden);
    }
  }
  tables.push_back(std::move(roles));

  ReportTable caseloads("team_caseloads",
                        "Caseloads by team: people on each caseload-driven service, the workers they need and the "
                        "caseload of each worker in post",
                        {{"team", "Team", CellKind::kCode},
                         {"service", "Service", CellKind::kCode},
                         {"year", "Year", CellKind::kYear},
                         {"on_caseload", "People on the caseload", CellKind::kNumber},
                         {"standard_caseload", "Standard caseload", CellKind::kNumber, false},
                         {"role", "Caseload role", CellKind::kCode},
                         {"workers_needed_fte", "Workers needed with cover (FTE)", CellKind::kFte},
                         {"in_post_fte", "Role in post in the team (FTE)", CellKind::kFte},
                         {"caseload_per_worker_in_post", "Caseload per caseload-holding worker in post",
                          CellKind::kNumber}});
  for (const plan::TeamPlan::Caseload& caseload : plan.caseloads) {
    const double in_post = plan.in_post_fte[caseload.team][caseload.role];
    const bool staff_hidden = plan.hidden[caseload.team][caseload.role] != 0;
    const std::optional<double> per_worker = caseload.PerWorkerInPost(in_post);
    auto row = caseloads.Row();
    row.Code(design.teams[caseload.team].code, plan::TeamName(plan, caseload.team))
        .Code(caseload.service, caseload.service_name)
        .Year(caseload.year)
        .Number(caseload.on_caseload, caseload.hidden)
        .Number(caseload.standard_caseload)
        .Code(plan.role_codes[caseload.role], plan.role_names[caseload.role])
        .Number(caseload.workers_needed, caseload.hidden)
        .Number(in_post, staff_hidden);
    if (caseload.hidden || staff_hidden) {
      row.Number(0.0, true);
    } else if (per_worker) {
      row.Number(*per_worker);
    } else {
      row.Empty();
    }
  }
  tables.push_back(std::move(caseloads));

  ReportTable lacking("team_competences_lacking",
                      "Competences a team's work needs that none of its staff hold (base year)",
                      {{"team", "Team", CellKind::kCode},
                       {"competence", "Competence", CellKind::kCode},
                       {"hours", "Contact hours a year needing it", CellKind::kNumber}});
  for (std::size_t t = 0; t < design.teams.size(); ++t) {
    for (const Index competence : plan.lacking[t]) {
      lacking.Row()
          .Code(design.teams[t].code, plan::TeamName(plan, t))
          .Code(plan.competence_codes[competence], plan.competence_names[competence])
          .Number(plan.competence_hours[t][competence]);
    }
  }
  tables.push_back(std::move(lacking));
  return tables;
}

TeamMapBlock TeamMapOf(const plan::TeamPlan& plan) {
  std::vector<MapTeam> teams;
  for (std::size_t t = 0; t < plan.design.teams.size(); ++t) {
    MapTeam team;
    team.label = plan::TeamName(plan, t);
    if (plan.required.empty()) {
      team.hidden = true;
    } else {
      const double in_post = Sum(plan.in_post_fte[t]);
      team.gap_share = in_post > 0 ? plan.Shortfall(t, plan.last_year) / in_post : 1.0;
    }
    teams.push_back(std::move(team));
  }
  std::vector<MapPractice> practices;
  for (Index index = 0; index < plan.practices.size(); ++index) {
    const GpPractice& at = plan.practices[index];
    if (!at.latitude || !at.longitude) continue;
    MapPractice practice;
    practice.latitude = *at.latitude;
    practice.longitude = *at.longitude;
    practice.label = fmt::format("{} {}, {} registered", at.code, at.name, Count(at.list_size));
    practice.team = index < plan.design.team_of_practice.size() ? plan.design.team_of_practice[index] : teams.size();
    practice.base = practice.team < plan.design.teams.size() && plan.design.teams[practice.team].base == index;
    practices.push_back(std::move(practice));
  }
  return TeamMapBlock{fmt::format("Teams of {}: practices joined to their base, by shortfall in {}", plan.place_name,
                                  plan.last_year),
                      std::move(practices), std::move(teams)};
}

std::string TeamMapSvg(const plan::TeamPlan& plan) {
  const TeamMapBlock map = TeamMapOf(plan);
  return TeamMap(map.title, map.practices, map.teams);
}

void TeamSection(const plan::TeamPlan* plan, const std::string& skipped, DocumentBuilder& document) {
  Section& section = document.Begin("teams", 5, "Step 5 · Plan to deliver: neighbourhood teams around GP practices");
  if (plan == nullptr) {
    section.facts = {{"teams", 0}, {"skipped", skipped}};
    document.Note(fmt::format("No neighbourhood teams: {}.", skipped));
    return;
  }
  const plan::TeamDesign& design = plan->design;
  const TeamExtent extent(design);
  const int64_t least = extent.least, most = extent.most;
  const double worst = extent.worst_km;
  std::string method;
  for (const plan::TeamGroup& group : design.groups) {
    if (method.find(group.method) == std::string::npos) method += (method.empty() ? "" : ", ") + group.method;
  }
  double shortfall = 0.0;
  for (std::size_t t = 0; t < design.teams.size() && !plan->required.empty(); ++t) {
    shortfall += plan->Shortfall(t, plan->last_year);
  }
  section.facts = {{"teams", design.teams.size()},
                   {"practices", plan->practices.size()},
                   {"least_registered", least},
                   {"most_registered", most},
                   {"worst_km", worst},
                   {"person_km", design.person_km},
                   {"lower_bound_person_km", design.lower_bound},
                   {"optimality_gap", design.Gap()},
                   {"method", method},
                   {"shortfall_fte", shortfall},
                   {"findings", design.findings},
                   {"unknown_team_posts", nullptr}};
  if (const std::optional<int64_t> unknown = ShownUnknownTeamPosts(*plan)) section.facts["unknown_team_posts"] = *unknown;
  {
    const plan::TeamPlan::Outside& outside = plan->outside;
    std::vector<std::string> outside_localities;
    for (const Index locality : outside.localities) outside_localities.push_back(plan->locality_names[locality]);
    section.facts["localities_in_no_team"] = outside_localities;
    section.facts["practices_in_no_team"] = outside.practices;  // of those localities
    section.facts["registered_in_no_team"] = outside.registered;
    section.facts["in_post_fte_in_no_team"] = outside.InPostFte();
    if (!outside.required.empty()) {
      section.facts["services_fte_in_no_team"] = outside.RequiredFte(outside.required.size() - 1);
    }
    if (!plan->cheapest_mix_fte.empty()) section.facts["cheapest_mix_fte_in_no_team"] = outside.cheapest_mix_fte;
  }
  std::map<std::string, std::size_t> added;
  for (ReportTable& table : TeamTables(*plan)) {
    const std::string key = table.key();
    added[key] = document.Add(std::move(table));
  }
  document.Text({"The place's ", Strong(fmt::format("{} GP practices", Count(static_cast<int64_t>(plan->practices.size())))),
                 " form ", Strong(fmt::format("{} neighbourhood teams", design.teams.size())),
                 fmt::format(" of {} to {} registered people; no practice is more than {:.1f} km from its team's base. ",
                             Count(least), Count(most), worst),
                 design.Gap() > 1e-9
                     ? Run(fmt::format("The teams are within {:.1f}% of the most compact possible (method: {}).",
                                       100.0 * design.Gap(), method))
                     : Run(fmt::format("No grouping is more compact (method: {}).", method))});
  for (const std::string& finding : design.findings) document.Warning(finding);
  for (const plan::TeamGroup& group : design.groups) {
    if (!group.feasible) document.Warning(fmt::format("{}: no teams — {}", group.name, group.problem));
  }
  if (!plan->outside.empty()) document.Warning(OutsideSentence(*plan) + ".");
  if (const std::string note = UnknownTeamNote(*plan); !note.empty()) document.Note(note + ".");
  if (const std::string note = OrganisationLocalityNote(*plan); !note.empty()) document.Warning(note + ".");
  if (!plan->required.empty()) {
    document.Block(TeamMapOf(*plan));
    document.Text({"At today's staff, the teams are short of ", Strong(Fte(shortfall) + " FTE"),
                   fmt::format(" in {} in the roles whose figures are shown (each team's roles short, surpluses not "
                               "netted; roles hidden for small numbers are left out). Staff are placed in a team by "
                               "their own team, their practice or network, their organisation's site (the team of "
                               "their locality based nearest it), or else shared between their locality's teams by "
                               "registered people; demand follows each team's own practices and is reconciled to its "
                               "locality's (to the localities' together where a team crosses them).{}",
                               plan->last_year,
                               OrganisationLocalityNote(*plan).empty()
                                   ? ""
                                   : " Where a trust's or council's staff are all counted in one locality (the warning "
                                     "above), that locality's teams hold them and the others' shortfalls are larger "
                                     "than they would be.")});
  }
  if (plan->travel && !plan->travel->team_minutes.empty()) {
    const plan::TravelFromMap& travel = *plan->travel;
    const auto [least_minutes, most_minutes] = std::minmax_element(travel.team_minutes.begin(), travel.team_minutes.end());
    section.facts["travel_minutes_least"] = *least_minutes;
    section.facts["travel_minutes_most"] = *most_minutes;
    section.facts["road_speed_kmh"] = travel.road_speed_kmh;
    section.facts["detour_factor"] = travel.detour_factor;
    section.facts["stop_minutes"] = travel.stop_minutes;
    document.Text({"Travel to a visit at home comes from the map: ",
                   Strong(fmt::format("{:.1f} to {:.1f} minutes", *least_minutes, *most_minutes)),
                   fmt::format(" a visit by team: one leg from the team's base to the people of each practice "
                               "(its distance and catchment) at {:.1f} km/h (the national average on local 'A' roads), "
                               "a detour factor of {:.2f} and {:.0f} minutes a stop (the last two assumptions; "
                               "place.toml [travel]). It replaces the service model's fixed minutes for services at "
                               "home and virtual wards' visits, and so the place's demand and skill mix as well.",
                               travel.road_speed_kmh, travel.detour_factor, travel.stop_minutes)});
  }
  if (!plan->cheapest_mix_fte.empty()) {
    document.Text({fmt::format("Each team's roles at the cheapest skill mix of {} are the place's cheapest mix shared "
                               "between its teams by their hours of each service (team_roles).",
                               plan->cheapest_mix_year)});
  }
  document.ShowTable(added.at("teams"));
  if (added.contains("team_roles")) document.ShowTable(added.at("team_roles"));
  if (added.contains("team_caseloads") && !document.Table(added.at("team_caseloads")).rows().empty()) {
    document.ShowTable(added.at("team_caseloads"));
  }
  if (added.contains("team_competences_lacking") && !document.Table(added.at("team_competences_lacking")).rows().empty()) {
    document.ShowTable(added.at("team_competences_lacking"));
  }
  document.ShowTable(added.at("team_practices"));
}

std::string TeamsText(const plan::TeamPlan& plan) {
  const plan::TeamDesign& design = plan.design;
  std::string text = fmt::format("{} — {} neighbourhood teams of {} practices\n", plan.place_name, design.teams.size(),
                                 plan.practices.size());
  const TeamExtent extent(design);
  const int64_t least = extent.least, most = extent.most;
  const double worst = extent.worst_km;
  if (!design.teams.empty()) {
    text += fmt::format("  {} to {} registered people a team; farthest practice {:.1f} km from its base\n", Count(least),
                        Count(most), worst);
  }
  text += fmt::format("  {} person-km from practices to bases{}\n", Count(std::llround(design.person_km)),
                      design.Gap() > 1e-9 ? fmt::format(" (within {:.1f}% of the best)", 100.0 * design.Gap())
                                          : std::string(" (the least possible)"));
  for (const plan::TeamGroup& group : design.groups) {
    text += fmt::format("  {}: {}{}\n", group.name, group.method,
                        group.feasible ? std::string() : fmt::format(" — no teams: {}", group.problem));
  }
  for (const std::string& finding : design.findings) text += fmt::format("  finding: {}\n", finding);
  if (plan.required.empty()) return text;
  const std::size_t last = plan.required.size() - 1;
  text += fmt::format("  {:<14} {:>10} {:>16} {:>12} {:>12}\n", "team", "people",
                      fmt::format("services {}", plan.last_year), "in post", fmt::format("short {}", plan.last_year));
  for (std::size_t t = 0; t < design.teams.size(); ++t) {
    text += fmt::format("  {:<14} {:>10} {:>16} {:>12} {:>12}\n", plan::TeamName(plan, t),
                        Count(design.teams[t].population), Fte(Sum(plan.required[last][t])), Fte(Sum(plan.in_post_fte[t])),
                        Fte(plan.Shortfall(t, plan.last_year)));
  }
  text += "  (services: FTE the modelled services need at today's mix; in post: every role; short: the roles short\n"
          "   at today's staff, the services' base-year need beyond the staff in post plus its change)\n";
  if (plan.practices_by_own_lists + plan.practices_by_network_lists > 0) {
    text += fmt::format(
        "  each team's residents by age and sex from its practices' registered lists: {} practices "
        "by their "
        "own, {} by their network's, {} by their locality's ages\n",
        Count(plan.practices_by_own_lists), Count(plan.practices_by_network_lists),
        Count(plan.practices_by_locality_ages));
  }
  if (plan.travel && !plan.travel->team_minutes.empty()) {
    const auto [least_minutes, most_minutes] =
        std::minmax_element(plan.travel->team_minutes.begin(), plan.travel->team_minutes.end());
    text += fmt::format("  travel to a home visit from the map: {:.1f} to {:.1f} minutes by team ({:.1f} km/h, detour "
                        "{:.2f}, {:.0f} minutes a stop)\n",
                        *least_minutes, *most_minutes, plan.travel->road_speed_kmh, plan.travel->detour_factor,
                        plan.travel->stop_minutes);
  }
  if (const std::string note = UnknownTeamNote(plan); !note.empty()) text += fmt::format("  {}\n", note);
  if (const std::string note = OrganisationLocalityNote(plan); !note.empty()) text += fmt::format("  warning: {}\n", note);
  double by_site = 0.0;
  for (const std::vector<double>& bases : plan.fte_by_basis) by_site += bases[static_cast<std::size_t>(plan::TeamStaffBasis::kSite)];
  if (by_site > 0) {
    text += fmt::format("  {} FTE placed by their organisation's site, in the team of their locality based nearest it\n",
                        Fte(by_site));
  }
  if (!plan.outside.empty()) text += fmt::format("  not in any team: {}\n", OutsideSentence(plan));
  return text;
}

}  // namespace careforce::report
