#include "report/demand_tables.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include <fmt/format.h>

#include "report/format.hpp"
#include "report/svg.hpp"

namespace careforce::report {

namespace {

using demand::DemandResult;

// Years shown side by side in the report: the base year, the midpoint and the last year.
std::vector<int> ShownYears(const DemandResult& demand) {
  std::vector<int> years = {demand.base_year, demand.base_year + (demand.last_year - demand.base_year) / 2, demand.last_year};
  years.erase(std::unique(years.begin(), years.end()), years.end());
  return years;
}

// People reached, contacts and staff time by service, every `step` years from `first_year`.
ReportTable ServiceTable(const DemandResult& demand, int first_year, int last_year, int step = 1) {
  ReportTable services("demand_services", "Services: people reached, contacts and staff time a year",
                       {{"year", "Year", CellKind::kYear},
                        {"service", "Service", CellKind::kText, false},
                        {"service_name", "Service name", CellKind::kText},
                        {"people_reached", "People reached", CellKind::kCount},
                        {"contacts", "Contacts", CellKind::kCount},
                        {"contact_hours", "Contact hours", CellKind::kCount},
                        {"travel_hours", "Travel hours", CellKind::kCount},
                        {"fte", "FTE (direct care)", CellKind::kFte}});
  for (int year = first_year; year <= last_year; year += std::max(1, step)) {
    for (std::size_t service = 0; service < demand.service_codes.size(); ++service) {
      double reached = 0.0, contacts = 0.0, contact_hours = 0.0, travel_hours = 0.0;
      for (const auto& row : demand.activity) {
        if (row.year != year || row.service != service) continue;
        reached += row.people_reached;
        contacts += row.contacts;
        contact_hours += row.contact_hours;
        travel_hours += row.travel_hours;
      }
      services.Row()
          .Year(year)
          .Text(demand.service_codes[service])
          .Text(demand.service_names[service])
          .Number(reached)
          .Number(contacts)
          .Number(contact_hours)
          .Number(travel_hours)
          .Number((contact_hours + travel_hours) / demand.hours_per_fte);
    }
  }
  return services;

}

// A role's name inside a sentence ("a care coordinator").
std::string Lower(std::string name) {
  if (!name.empty() && name[0] >= 'A' && name[0] <= 'Z') name[0] = static_cast<char>(name[0] - 'A' + 'a');
  return name;
}

std::string LocalityName(const DemandResult& demand, Index locality) {
  return locality == kNoIndex ? std::string("All") : demand.locality_names[locality];
}

// Opening hours against activity, every `step` years from `first_year`.
ReportTable ServiceCoverTable(const DemandResult& demand, int first_year, int last_year, int step = 1) {
  ReportTable table("service_cover", "Opening hours and seats: the FTE they need against the FTE activity needs",
                    {{"year", "Year", CellKind::kYear},
                     {"service", "Service", CellKind::kText, false},
                     {"service_name", "Service name", CellKind::kText},
                     {"locality", "Locality", CellKind::kText},
                     {"hours_open", "Hours open a year", CellKind::kCount},
                     {"seats", "Seats (staff on duty at once)", CellKind::kCount},
                     {"fte_activity", "FTE from activity", CellKind::kFte},
                     {"fte_hours", "FTE from opening hours", CellKind::kFte},
                     {"required_fte", "Required FTE", CellKind::kFte},
                     {"binds", "Binds", CellKind::kText}});
  for (int year = first_year; year <= last_year; year += std::max(1, step)) {
    for (const auto& row : demand.service_cover) {
      if (row.year != year) continue;
      table.Row()
          .Year(row.year)
          .Text(demand.service_codes[row.service])
          .Text(demand.service_names[row.service])
          .Text(LocalityName(demand, row.locality))
          .Number(row.hours_open)
          .Number(row.seats)
          .Number(row.fte_activity)
          .Number(row.fte_hours)
          .Number(row.required_fte)
          .Text(row.fte_hours > row.fte_activity ? "opening hours" : "activity");
    }
  }
  return table;
}

// Caseloads and the workers they need, every `step` years from `first_year`; `compact` (the
// report's excerpt) leaves out the service's standard caseload and cover, said beside it.
ReportTable CaseloadTable(const DemandResult& demand, int first_year, int last_year, int step = 1, bool compact = false) {
  std::vector<ReportColumn> columns = {{"year", "Year", CellKind::kYear},
                                       {"service", "Service", CellKind::kText, false},
                                       {"service_name", "Service name", CellKind::kText},
                                       {"locality", "Locality", CellKind::kText},
                                       {"role", "Role", CellKind::kCode},
                                       {"new_cases", "New cases a year", CellKind::kCount},
                                       {"on_caseload", "On the caseload", CellKind::kCount}};
  if (!compact) {
    columns.push_back({"standard_caseload", "Standard caseload", CellKind::kNumber});
    columns.push_back({"cover", "Floating cover", CellKind::kNumber});
  }
  for (ReportColumn column : std::vector<ReportColumn>{{"workers_fte", "Caseload workers (with cover)", CellKind::kFte},
                                                        {"fte_activity", "FTE from activity", CellKind::kFte},
                                                        {"required_fte", "Required FTE", CellKind::kFte},
                                                        {"caseload_per_worker", "Caseload per holder", CellKind::kNumber},
                                                        {"binds", "Binds", CellKind::kText}}) {
    columns.push_back(std::move(column));
  }
  ReportTable table("caseloads", "Caseloads: people on each caseload-driven service's caseload and the workers it needs",
                    std::move(columns));
  for (int year = first_year; year <= last_year; year += std::max(1, step)) {
    for (const auto& row : demand.caseloads) {
      if (row.year != year) continue;
      const bool caseload_binds = row.workers > row.fte_activity;
      auto cells = table.Row();
      cells.Year(row.year)
          .Text(demand.service_codes[row.service])
          .Text(demand.service_names[row.service])
          .Text(LocalityName(demand, row.locality))
          .Code(demand.role_codes[row.role], demand.role_names[row.role])
          .Number(row.new_cases, row.suppressed)
          .Number(row.on_caseload, row.suppressed);
      if (!compact) cells.Number(row.standard_caseload).Number(row.cover);
      cells.Number(row.workers, row.suppressed)
          .Number(row.fte_activity)
          // Where the caseload binds, the required FTE gives the caseload back.
          .Number(row.required_fte, row.suppressed && caseload_binds)
          .Number(row.per_worker, row.suppressed)
          .Text(caseload_binds ? "caseload" : "activity");
    }
  }
  return table;
}

}  // namespace

std::vector<ReportTable> DemandTables(const DemandResult& demand) {
  std::vector<ReportTable> tables;

  ReportTable people("demand_people_in_need", "People in need by locality and year",
                     {{"year", "Year", CellKind::kYear},
                      {"locality", "Locality", CellKind::kText},
                      {"need", "Need", CellKind::kText, false},
                      {"need_name", "Need name", CellKind::kText},
                      {"people", "People", CellKind::kCount}});
  for (const auto& row : demand.people_in_need) {
    people.Row()
        .Year(row.year)
        .Text(demand.locality_names[row.locality])
        .Text(demand.need_codes[row.need])
        .Text(demand.need_names[row.need])
        .Number(row.people);
  }
  tables.push_back(std::move(people));

  // Place totals of people in need, one column per shown year.
  const std::vector<int> years = ShownYears(demand);
  std::vector<ReportColumn> columns = {{"need", "Need", CellKind::kText, false}, {"need_name", "Need name", CellKind::kText}};
  for (const int year : years) columns.push_back({fmt::format("people_{}", year), fmt::format("{}", year), CellKind::kCount});
  ReportTable totals("demand_people_in_need_by_year", "People in need in the place", columns);
  for (std::size_t need = 0; need < demand.need_codes.size(); ++need) {
    auto row = totals.Row();
    row.Text(demand.need_codes[need]).Text(demand.need_names[need]);
    for (const int year : years) {
      double sum = 0.0;
      for (const auto& count : demand.people_in_need) {
        if (count.year == year && count.need == need) sum += count.people;
      }
      row.Number(sum);
    }
  }
  tables.push_back(std::move(totals));

  tables.push_back(ServiceTable(demand, demand.base_year, demand.last_year));

  ReportTable competences("demand_competence_hours", "Competence-hours a year (contact time needing each competence)",
                          {{"year", "Year", CellKind::kYear},
                           {"locality", "Locality", CellKind::kText},
                           {"competence", "Competence", CellKind::kText},
                           {"competence_name", "Competence name", CellKind::kText},
                           {"hours", "Hours", CellKind::kCount}});
  for (const auto& row : demand.competence_hours) {
    competences.Row()
        .Year(row.year)
        .Text(demand.locality_names[row.locality])
        .Text(demand.competence_codes[row.competence])
        .Text(demand.competence_names[row.competence])
        .Number(row.hours);
  }
  tables.push_back(std::move(competences));

  ReportTable by_locality("demand_required_fte_by_locality", "Required FTE by role, locality and year",
                          {{"year", "Year", CellKind::kYear},
                           {"locality", "Locality", CellKind::kText},
                           {"role", "Role", CellKind::kCode},
                           {"hours", "Hours", CellKind::kCount},
                           {"fte", "FTE", CellKind::kFte}});
  for (const auto& row : demand.role_demand) {
    by_locality.Row()
        .Year(row.year)
        .Text(demand.locality_names[row.locality])
        .Code(demand.role_codes[row.role], demand.role_names[row.role])
        .Number(row.hours)
        .Number(row.fte);
  }
  tables.push_back(std::move(by_locality));

  ReportTable required("demand_required_fte", "Required FTE for the modelled services, by role (today's skill mix)",
                       {{"role", "Role", CellKind::kText, false},
                        {"role_name", "Role name", CellKind::kText},
                        {"in_post_fte", "In post today (all work)", CellKind::kFte},
                        {fmt::format("required_fte_{}", demand.base_year), fmt::format("Required {}", demand.base_year), CellKind::kFte},
                        {fmt::format("required_fte_{}", demand.last_year), fmt::format("Required {}", demand.last_year), CellKind::kFte},
                        {"change_fte", "Change", CellKind::kFte}});
  std::vector<double> first(demand.role_codes.size(), 0.0);
  std::vector<double> last(demand.role_codes.size(), 0.0);
  for (const auto& row : demand.role_demand) {
    if (row.year == demand.base_year) first[row.role] += row.fte;
    if (row.year == demand.last_year) last[row.role] += row.fte;
  }
  for (std::size_t role = 0; role < demand.role_codes.size(); ++role) {
    if (first[role] == 0.0 && last[role] == 0.0) continue;
    required.Row()
        .Text(demand.role_codes[role])
        .Text(demand.role_names[role])
        .Number(demand.fte_in_post[role], role < demand.role_hidden.size() && demand.role_hidden[role])
        .Number(first[role])
        .Number(last[role])
        .Number(last[role] - first[role]);
  }
  tables.push_back(std::move(required));

  tables.push_back(ServiceCoverTable(demand, demand.base_year, demand.last_year));
  tables.push_back(CaseloadTable(demand, demand.base_year, demand.last_year));

  ReportTable waterfall("demand_waterfall", "What drives the change in staff time",
                        {{"step", "Step", CellKind::kText},
                         {"staff_hours", "Staff hours a year", CellKind::kCount},
                         {"fte", "FTE", CellKind::kFte}});
  for (const auto& step : demand.waterfall) waterfall.Row().Text(step.name).Number(step.hours).Number(step.fte);
  tables.push_back(std::move(waterfall));

  ReportTable unassigned("demand_unassigned", "Interventions no role of the place can deliver today",
                         {{"service", "Service", CellKind::kText},
                          {"intervention", "Intervention", CellKind::kText},
                          {"competences", "Competences needed together", CellKind::kText}});
  for (const auto& row : demand.unassigned) {
    unassigned.Row().Text(demand.service_codes[row.service]).Text(row.intervention).Text(row.competences);
  }
  tables.push_back(std::move(unassigned));

  ReportTable localities("demand_register_calibration",
                         "Recorded against expected: practice registers by locality",
                         {{"need", "Need", CellKind::kText},
                          {"register", "Register", CellKind::kText},
                          {"locality", "Locality", CellKind::kText},
                          {"list_size", "Patients on the lists", CellKind::kCount},
                          {"recorded", "Recorded on the registers", CellKind::kCount},
                          {"expected", "Expected from prevalence", CellKind::kCount},
                          {"recorded_share", "Recorded / expected", CellKind::kShare},
                          {"factor", "Locality factor", CellKind::kNumber},
                          {"applied", "Applied", CellKind::kText}});
  ReportTable practices("demand_practice_registers", "Recorded against expected: practice registers by practice",
                        {{"need", "Need", CellKind::kText},
                         {"register", "Register", CellKind::kText},
                         {"practice", "Practice", CellKind::kText},
                         {"practice_name", "Practice name", CellKind::kText},
                         {"locality", "Locality", CellKind::kText},
                         {"list_size", "Patients on the list", CellKind::kCount},
                         {"recorded", "Recorded on the register", CellKind::kCount},
                         {"expected", "Expected from prevalence", CellKind::kCount},
                         {"recorded_share", "Recorded / expected", CellKind::kShare}});
  for (const auto& calibration : demand.calibration) {
    const std::string& need = demand.need_codes[calibration.need];
    for (const auto& area : calibration.localities) {
      localities.Row()
          .Text(need)
          .Text(calibration.register_code)
          .Text(demand.locality_names[area.locality])
          .Number(static_cast<double>(area.list_size))
          .Number(static_cast<double>(area.recorded))
          .Number(area.expected)
          .Number(area.expected > 0 ? static_cast<double>(area.recorded) / area.expected : 0.0)
          .Number(area.factor)
          .Text(calibration.applied ? "yes" : "no");
    }
    for (const auto& practice : calibration.practices) {
      practices.Row()
          .Text(need)
          .Text(calibration.register_code)
          .Text(practice.code)
          .Text(practice.name)
          .Text(demand.locality_names[practice.locality])
          .Number(static_cast<double>(practice.list_size))
          .Number(static_cast<double>(practice.recorded), practice.suppressed)
          .Number(practice.expected)
          .Number(practice.expected > 0 ? static_cast<double>(practice.recorded) / practice.expected : 0.0,
                  practice.suppressed);
    }
  }
  tables.push_back(std::move(localities));
  tables.push_back(std::move(practices));
  return tables;
}

void DemandSection(const DemandResult& demand, DocumentBuilder& document) {
  Section& section = document.Begin("demand", 2, "Steps 2 and 3 · Map service change and define the required workforce");
  section.facts = {{"base_year", demand.base_year},
                   {"last_year", demand.last_year},
                   {"hours_per_fte", demand.hours_per_fte},
                   {"available_hours_per_fte", demand.available_hours_per_fte},
                   {"grown_years", demand.grown_years}};
  // Step 2 maps the service change; step 3 the workforce it requires.
  std::map<std::string, std::size_t> added;
  for (ReportTable& table : DemandTables(demand)) {
    const std::string key = table.key();
    const bool required = key == "demand_required_fte" || key == "demand_required_fte_by_locality" ||
                          key == "demand_competence_hours" || key == "demand_unassigned" || key == "service_cover" ||
                          key == "caseloads";
    added[key] = document.Add(std::move(table), required ? 3 : 2);
  }
  document.Note(fmt::format(
      "From the population and its needs (prevalence by age and sex) through the integrated service model to the staff "
      "time and FTE required, {} to {}. FTE counts {} direct-care hours a year per full-time post. Hours are split "
      "between the roles that hold every competence an intervention needs, in proportion to their FTE today, unless "
      "the service model gives a mix.",
      demand.base_year, demand.last_year, Count(std::llround(demand.hours_per_fte))));
  if (demand.travel.FromMap()) {
    double least = 0.0, most = 0.0;
    bool first = true;
    for (const double minutes : demand.travel.locality_minutes) {
      if (std::isnan(minutes)) continue;
      least = first ? minutes : std::min(least, minutes);
      most = first ? minutes : std::max(most, minutes);
      first = false;
    }
    section.facts["travel_minutes_by_locality"] = demand.travel.locality_minutes;
    document.Note(fmt::format(
        "Travel to visits at home comes from the map, not the service model's fixed minutes: {:.1f} to {:.1f} minutes a "
        "visit by locality, from each practice's distance to its neighbourhood team's base (Step 5, teams) at the "
        "road speed, detour factor and minutes a stop of place.toml [travel] (the last two assumptions; see Assumptions "
        "and sources).",
        least, most));
  }
  if (!demand.grown_years.empty()) {
    document.Note(fmt::format("The place gives no population for {} year{}: those years are grown from the year before "
                              "at the reference growth rates (reference/demand/population_growth.csv).",
                              demand.grown_years.size(), demand.grown_years.size() == 1 ? "" : "s"));
  }
  WaterfallBlock waterfall{"What drives the change in FTE required", {}, false};
  for (std::size_t idx = 0; idx < demand.waterfall.size(); ++idx) {
    const auto& step = demand.waterfall[idx];
    const bool total = idx == 0 || idx + 1 == demand.waterfall.size();
    waterfall.steps.push_back(WaterfallStep{step.name, step.fte, total,
                                            total ? fmt::format("{} FTE", Fte(step.fte))
                                                  : fmt::format("{}{} FTE", step.fte >= 0 ? "+" : "", Fte(step.fte))});
  }
  document.Block(std::move(waterfall));
  for (const std::string_view key : {"demand_people_in_need_by_year", "demand_required_fte", "demand_waterfall"}) {
    document.ShowTable(added.at(std::string(key)));
  }
  // Services in the base and last years only (every year is in the CSV and the workbook).
  document.ShowTable(added.at("demand_services"), {},
                     ServiceTable(demand, demand.base_year, demand.last_year, demand.last_year - demand.base_year));
  if (!demand.service_cover.empty()) {
    document.Heading("Opening hours and seats");
    std::vector<std::string> sentences;
    for (const auto& row : demand.service_cover) {
      if (row.year != demand.base_year || row.locality != kNoIndex) continue;
      sentences.push_back(fmt::format(
          "{} is open {} hours a year with {} on duty at once: {} FTE, against {} FTE from its activity, so {} bind{} "
          "in {}",
          demand.service_names[row.service], Count(std::llround(row.hours_open)),
          row.seats == 1 ? std::string("one") : fmt::format("{}", row.seats), Fte(row.fte_hours), Fte(row.fte_activity),
          row.fte_hours > row.fte_activity ? "its opening hours" : "its activity",
          row.fte_hours > row.fte_activity ? "" : "s", demand.base_year));
    }
    document.Note(fmt::format(
        "A service with stated opening hours needs at least seats × hours open a year / {} available hours per FTE (a "
        "rostered seat takes a post's whole working time, after leave, sickness and training). Where that is more "
        "than its activity needs, the difference is added to its interventions as more visits, in proportion to "
        "their hours, so that required FTE, gaps, cost and the skill mix count it.{}",
        Count(std::llround(demand.available_hours_per_fte)),
        sentences.empty() ? std::string() : fmt::format(" {}.", fmt::join(sentences, "; "))));
    document.ShowTable(added.at("service_cover"), {},
                       ServiceCoverTable(demand, demand.base_year, demand.last_year, demand.last_year - demand.base_year));
  }
  if (!demand.caseloads.empty()) {
    document.Heading("Caseloads");
    std::vector<std::string> standards;
    for (const auto& row : demand.caseloads) {
      if (row.year != demand.base_year || row.locality != kNoIndex) continue;
      standards.push_back(fmt::format("{}: {:g} people to a {}, cover {:.2f}", demand.service_names[row.service],
                                      row.standard_caseload, Lower(demand.role_names[row.role]), row.cover));
    }
    document.Note(fmt::format(
        "A caseload-driven service needs workers for its caseload: people on the caseload = new cases a year × mean "
        "weeks on it / 52; workers = caseload / standard caseload × floating cover ((n + 1) / n for one floating worker "
        "per n). The role's required FTE is the larger of that and its activity's, and where the caseload binds the "
        "difference is added to the interventions the role gives; the caseload per holder is that of a "
        "caseload-holding worker at the required FTE. Standard caseloads: {}. Small counts of people are hidden.",
        fmt::join(standards, "; ")));
    ReportTable excerpt =
        CaseloadTable(demand, demand.base_year, demand.last_year, demand.last_year - demand.base_year, true);
    document.ShowTable(added.at("caseloads"), {}, std::move(excerpt));
  }
  if (!demand.calibration.empty()) {
    document.Heading("Calibration to practice registers");
    document.Note("Where GP practices give disease registers (QOF), each need linked to a register is spread over "
                  "localities as its registers are: a locality's factor is its recorded/expected ratio over the "
                  "place's, scaled so that the place keeps the people in need that prevalence by age and sex gives. "
                  "Recorded/expected also estimates how much of the expected need is diagnosed (for dementia, the "
                  "estimated diagnosis rate). Practice figures are in demand_practice_registers.csv.");
    document.ShowTable(added.at("demand_register_calibration"));
  }
  if (!demand.unassigned.empty()) {
    document.Warning("Some interventions need competences no role of the place holds together: their hours are "
                     "counted but not given to any role (see the table below). A new role, cross-skilling or "
                     "delegation can close this (plan section).");
    document.ShowTable(added.at("demand_unassigned"));
  }
}

}  // namespace careforce::report
