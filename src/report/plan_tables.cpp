#include "report/plan_tables.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <optional>
#include <set>

#include <fmt/format.h>

#include "report/format.hpp"
#include "report/svg.hpp"

namespace careforce::report {

namespace {

// A column key from a name: lower case letters and digits, other runs as one underscore.
std::string ColumnKey(const std::string& name) {
  std::string key;
  for (const char c : name) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      key += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else if (!key.empty() && key.back() != '_') {
      key += '_';
    }
  }
  while (!key.empty() && key.back() == '_') key.pop_back();
  return key;
}

// Which roles (in a locality) have their supply hidden in shared outputs: the gap rows name a
// locality by name, as its role × locality series does.
class HiddenSupply {
 public:
  HiddenSupply(const supply::SupplyResult& supply, const plan::GapResult& gaps) : gaps_(gaps) {
    for (const supply::SupplySeries& series : supply.series) {
      if (!series.suppressed) continue;
      if (series.dimension == "role") roles_.insert(series.code);
      if (series.dimension == "role_locality") local_.insert(series.name);
    }
  }
  bool operator()(Index role, Index locality) const {
    if (locality == kNoIndex) return roles_.count(gaps_.role_codes[role]) > 0;
    return local_.count(fmt::format("{}, {}", gaps_.role_names[role], gaps_.locality_names[locality])) > 0;
  }

 private:
  const plan::GapResult& gaps_;
  std::set<std::string> roles_;
  std::set<std::string> local_;
};

}  // namespace

namespace {

// Gaps by role, locality and year; with `place_year`, the place's rows of that year only, largest
// gap first, without the columns that would be the same on every row.
ReportTable GapTable(const plan::GapResult& gaps, const HiddenSupply& hidden_supply, std::optional<int> place_year) {
  std::vector<ReportColumn> columns = {
      {"role", "Role", CellKind::kText, false},
      {"role_name", "Role name", CellKind::kText},
      {"locality", "Locality", CellKind::kText},
      {"year", "Year", CellKind::kYear},
      {"establishment_fte", "Establishment FTE (base year)", CellKind::kFte},
      {"service_change_fte", "Change in service need", CellKind::kFte},
      {"required_fte", "Required FTE", CellKind::kFte},
      {"available_fte", "Available FTE (expected)", CellKind::kFte},
      {"base_year_gap_fte", "Base-year gap (services beyond the establishment)", CellKind::kFte},
      {"gap_fte", "Gap FTE (short +)", CellKind::kFte},
      {"shortfall_fte", "Shortfall FTE (positive gaps of its localities)", CellKind::kFte},
      {"probability_gap", fmt::format("Chance of a gap over {} FTE", gaps.threshold_fte), CellKind::kShare},
      {"gap_cost", "Pay bill of the shortfall", CellKind::kMoney}};
  std::vector<const plan::GapRow*> rows;
  for (const plan::GapRow& row : gaps.rows) {
    if (!place_year || (row.locality == kNoIndex && row.year == *place_year)) rows.push_back(&row);
  }
  if (place_year) {
    columns.erase(columns.begin() + 2, columns.begin() + 4);  // locality and year
    columns.erase(columns.begin());                           // the code: the name says it
    // Hidden rows last, in the place's order: their place in the ranking would tell their gap.
    std::stable_sort(rows.begin(), rows.end(), [&](const plan::GapRow* a, const plan::GapRow* b) {
      const bool a_hidden = hidden_supply(a->role, a->locality);
      const bool b_hidden = hidden_supply(b->role, b->locality);
      if (a_hidden != b_hidden) return b_hidden;
      return !a_hidden && a->gap > b->gap;
    });
  }
  ReportTable table("gaps",
                    place_year ? fmt::format("Gaps in {} by role (place)", *place_year)
                               : std::string("Required against available FTE, by role, locality and year"),
                    columns);
  for (const plan::GapRow* gap : rows) {
    const plan::GapRow& row = *gap;
    // The establishment is FTE in post (and vacant): required less the service change gives it back.
    const bool hidden = hidden_supply(row.role, row.locality);
    const bool establishment = hidden || row.establishment_hidden;  // hidden with a hidden vacancy count
    auto cells = table.Row();
    if (!place_year) cells.Text(gaps.role_codes[row.role]);
    cells.Text(gaps.role_names[row.role]);
    if (!place_year) cells.Text(row.locality == kNoIndex ? "All" : gaps.locality_names[row.locality]).Year(row.year);
    cells.Number(row.establishment, establishment)
        .Number(row.service_change)
        .Number(row.required, establishment)
        .Number(row.available, hidden)
        .Number(row.base_year_gap, establishment)
        .Number(row.gap, establishment)
        .Number(row.locality == kNoIndex ? gaps.Shortfall(row.year, row.role) : std::max(0.0, row.gap),
                establishment || row.shortfall_hidden);
    if (row.probability) {
      cells.Number(*row.probability, establishment);
    } else {
      cells.Empty();
    }
    cells.Number(row.cost, establishment);
  }
  return table;
}

// Competence-hours against the hours of the roles holding the competence; with `place_year`, the
// place's rows of that year only.
ReportTable CompetenceGapTable(const plan::GapResult& gaps, std::optional<int> place_year) {
  std::vector<ReportColumn> columns = {{"competence", "Competence", CellKind::kCode},
                                       {"locality", "Locality", CellKind::kText},
                                       {"year", "Year", CellKind::kYear},
                                       {"required_hours", "Hours needing it", CellKind::kCount},
                                       {"holders_hours", "Service hours of roles holding it", CellKind::kCount},
                                       {"gap_hours", "Gap (short +)", CellKind::kCount}};
  if (place_year) columns.erase(columns.begin() + 1, columns.begin() + 3);  // the same on every row
  ReportTable competences("competence_gaps",
                          place_year ? fmt::format("Competence-hours needed against the hours of the roles holding "
                                                   "the competence in {} (place)",
                                                   *place_year)
                                     : std::string("Competence-hours needed against the hours of the roles holding the "
                                                   "competence"),
                          columns);
  for (const plan::CompetenceGapRow& row : gaps.competence_rows) {
    if (place_year && (row.locality != kNoIndex || row.year != *place_year)) continue;
    auto cells = competences.Row();
    cells.Code(gaps.competence_codes[row.competence], gaps.competence_names[row.competence]);
    if (!place_year) cells.Text(row.locality == kNoIndex ? "All" : gaps.locality_names[row.locality]).Year(row.year);
    cells.Number(row.required_hours)
        .Number(row.holders_hours)
        .Number(row.gap_hours);
  }
  return competences;
}

}  // namespace

std::vector<ReportTable> GapTables(const plan::GapResult& gaps, const supply::SupplyResult& supply) {
  std::vector<ReportTable> tables;
  const HiddenSupply hidden_supply(supply, gaps);
  tables.push_back(GapTable(gaps, hidden_supply, std::nullopt));
  tables.push_back(CompetenceGapTable(gaps, std::nullopt));


  // Year by year by staff group: required, available and the shortfall, every role counted (the
  // suppression hides at least two roles of a group, or the group, so a group's figure gives no
  // hidden role back; leaving hidden roles out would: the workforce tables count them).
  {
    std::vector<int> years;
    for (const plan::GapRow& row : gaps.rows) {
      if (row.locality == kNoIndex && std::find(years.begin(), years.end(), row.year) == years.end()) years.push_back(row.year);
    }
    std::sort(years.begin(), years.end());
    std::vector<ReportColumn> columns = {{"staff_group", "Staff group", CellKind::kText}, {"measure", "FTE", CellKind::kText}};
    for (const int year : years) columns.push_back({fmt::format("fte_{}", year), fmt::format("{}", year), CellKind::kFte});
    ReportTable groups("gaps_by_staff_group", "Required, available and short by staff group, year by year (FTE)", columns);
    std::map<StaffGroup, std::map<int, std::array<double, 3>>> figures;  // required, available, shortfall
    for (const plan::GapRow& row : gaps.rows) {
      if (row.locality != kNoIndex) continue;
      auto& cell = figures[gaps.role_groups[row.role]][row.year];
      cell[0] += row.required;
      cell[1] += row.available;
      cell[2] += gaps.Shortfall(row.year, row.role);
    }
    for (const auto& [group, by_year] : figures) {
      for (std::size_t measure = 0; measure < 3; ++measure) {
        auto cells = groups.Row();
        cells.Text(std::string(Label(group)))
            .Text(measure == 0 ? "Required" : measure == 1 ? "Available" : "Short (roles short; surpluses not netted)");
        for (const int year : years) {
          const auto found = by_year.find(year);
          cells.Number(found == by_year.end() ? 0.0 : found->second[measure]);
        }
      }
    }
    tables.push_back(std::move(groups));
  }

  // The base year reconciled: can today's staff give today's modelled activity?
  std::vector<ReportColumn> base_columns = {{"service", "Service", CellKind::kCode},
                                            {"role", "Role", CellKind::kCode},
                                            {"service_fte", "FTE the service needs (today's mix)", CellKind::kFte},
                                            {"services_fte", "FTE every modelled service needs", CellKind::kFte},
                                            {"in_post_fte", "Role's FTE in post", CellKind::kFte},
                                            {"establishment_fte", "Role's establishment FTE", CellKind::kFte},
                                            {"deliverable_share", "Share staff in post could give", CellKind::kShare},
                                            {"base_year_gap_fte", "Base-year gap FTE", CellKind::kFte}};
  if (!gaps.calibration.empty()) base_columns.push_back({"calibration", "Service reach scaled by", CellKind::kShare});
  ReportTable base("base_year", "The base year: today's modelled activity against today's staff", base_columns);
  for (const plan::BaseYearRow& row : gaps.base_year) {
    const bool hidden = hidden_supply(row.role, kNoIndex);
    auto cells = base.Row();
    cells.Code(row.service < gaps.service_codes.size() ? gaps.service_codes[row.service] : std::string(),
               row.service < gaps.service_names.size() ? gaps.service_names[row.service] : std::string())
        .Code(gaps.role_codes[row.role], gaps.role_names[row.role])
        .Number(row.service_fte)
        .Number(row.services_fte)
        .Number(row.in_post_fte, hidden)
        .Number(row.establishment_fte, hidden || row.establishment_hidden)
        .Number(row.deliverable_share, hidden)
        .Number(row.base_year_gap_fte, hidden || row.establishment_hidden);
    if (!gaps.calibration.empty()) cells.Number(row.service < gaps.calibration.size() ? gaps.calibration[row.service] : 1.0);
  }
  tables.push_back(std::move(base));
  return tables;
}

void GapSection(const plan::GapResult& gaps, const supply::SupplyResult& supply, int base_year, int last_year,
                DocumentBuilder& document) {
  Section& section = document.Begin("gaps", 5, "Step 5 · Plan to deliver: gaps");
  section.facts = {{"threshold_fte", gaps.threshold_fte},
                   {"year", last_year},
                   {"shortfall_fte", gaps.Shortfall(last_year)},
                   {"shortfall_cost", gaps.ShortfallCost(last_year)}};
  std::map<std::string, std::size_t> added;
  for (ReportTable& table : GapTables(gaps, supply)) {
    const std::string key = table.key();
    added[key] = document.Add(std::move(table));
  }
  document.Note(fmt::format(
      "Required FTE = today's establishment (in post and vacant), plus what the modelled services need beyond it in "
      "the base year, plus the change in the FTE they need; available = the supply projection. The chance of a gap is "
      "the share of supply runs in which the shortfall exceeds {} FTE; its cost is the pay bill of the shortfall at "
      "the role's pay.",
      gaps.threshold_fte));
  // Bars: each role's shortfall as the one definition counts it (its localities' positive gaps),
  // hidden roles left out; the place's shortfall counts them too (at least two are hidden when
  // any is).
  const HiddenSupply hidden_supply(supply, gaps);
  BarChartBlock bars{fmt::format("Shortfall by role in {} (FTE)", last_year), {}};
  for (Index role = 0; role < gaps.role_codes.size(); ++role) {
    const double shortfall = gaps.Shortfall(last_year, role);
    if (shortfall > 0.05 && !hidden_supply(role, kNoIndex) && !gaps.ShortfallHidden(role)) {
      bars.bars.push_back(Bar{gaps.role_names[role], shortfall, Fte(shortfall) + " FTE", false});
    }
  }
  std::stable_sort(bars.bars.begin(), bars.bars.end(), [](const Bar& a, const Bar& b) { return a.value > b.value; });
  document.Text({fmt::format("In {}, the shortfall at today's skill mix is ", last_year),
                 Strong(fmt::format("{} FTE", Fte(gaps.Shortfall(last_year)))),
                 fmt::format(" (the positive gaps of every role in every locality, summed; pay bill {} a year), against "
                             "the {} establishment plus any base-year gap plus the change in service need.",
                             MoneyShort(gaps.ShortfallCost(last_year)), base_year)});
  if (!bars.bars.empty()) document.Block(std::move(bars));
  // When: the shortfall year by year, and by staff group.
  BarChartBlock by_year{"Shortfall at today's skill mix, year by year (FTE)", {}};
  for (int year = base_year; year <= last_year; ++year) {
    const double shortfall = gaps.Shortfall(year);
    by_year.bars.push_back(Bar{fmt::format("{}", year), shortfall, Fte(shortfall) + " FTE", false});
  }
  document.Block(std::move(by_year));
  document.Note("Short is the sum of the shortfalls of the group's roles: a role with more staff than it needs does not "
                "make up for one with fewer, so Short can exceed Required less Available.");
  document.ShowTable(added.at("gaps_by_staff_group")).never_fold = true;
  document.ShowTable(added.at("gaps"), {}, GapTable(gaps, hidden_supply, last_year));
  ReportTable last_competences = CompetenceGapTable(gaps, last_year);
  if (!last_competences.rows().empty()) {
    document.Note("A competence is short when the modelled services need more hours of it than all the service hours "
                  "of the roles holding it: only cross-skilling, delegation, new roles or recruitment can close that "
                  "gap.");
    document.ShowTable(added.at("competence_gaps"), {}, std::move(last_competences));
  }
  std::size_t short_services = 0;
  std::set<std::string> short_roles;
  for (const plan::BaseYearRow& row : gaps.base_year) {
    if (row.deliverable_share < 1.0 - 1e-9 && !hidden_supply(row.role, kNoIndex)) short_roles.insert(gaps.role_names[row.role]);
  }
  for (std::size_t service = 0; service < gaps.service_names.size(); ++service) {
    if (std::any_of(gaps.base_year.begin(), gaps.base_year.end(), [&](const plan::BaseYearRow& row) {
          return row.service == service && row.deliverable_share < 1.0 - 1e-9;
        })) {
      ++short_services;
    }
  }
  if (!gaps.base_year.empty()) {
    document.Heading(document.Table(added.at("base_year")).title());
    document.Text(short_services == 0
                      ? std::string("Today's staff in post could give all of today's modelled activity.")
                      : fmt::format("In {} of {} services today's staff in post could not give today's modelled "
                                    "activity even if they did nothing else ({}): the base-year gap is counted in the "
                                    "required FTE, not assumed met. {}",
                                    short_services, gaps.service_names.size(), fmt::join(short_roles, ", "),
                                    gaps.calibration.empty()
                                        ? "careforce plan --calibrate-to-staff scales each service's reach to the "
                                          "staff in post."
                                        : "The service model was calibrated to the staff in post: each service's "
                                          "reach is scaled by the factor shown."));
    document.ShowTable(added.at("base_year"), {}, std::nullopt, "Show the base year by service and role").untitled = true;
  }
  document.Note("Every role, competence, locality and year: gaps.csv, competence_gaps.csv and base_year.csv.");
}

std::vector<ReportTable> SkillMixTables(const plan::SkillMixPlan& plan, const supply::SupplyResult& supply) {
  const plan::SkillMixProblem& problem = plan.problem;
  const plan::SkillMixResult& result = plan.result;
  std::vector<ReportTable> tables;
  const auto role_hidden = [&](const std::string& code) {
    const supply::SupplySeries* series = supply.Find("role", code);
    return series != nullptr && series->suppressed;
  };
  ReportTable bridge("skill_mix_bridge",
                     fmt::format("From the gap at today's skill mix to the hires of the cheapest mix, {}", plan.year),
                     {{"step", "Step", CellKind::kText},
                      {"change_fte", "Change in hires (FTE)", CellKind::kFte},
                      {"hires_fte", "Hires after the step (FTE)", CellKind::kFte},
                      {"agency_fte", "Agency or bank cover (FTE)", CellKind::kFte},
                      {"cost", "Cost a year", CellKind::kMoney}});
  for (const plan::BridgeStep& step : plan.bridge) {
    auto row = bridge.Row();
    row.Text(step.name).Number(step.change_fte).Number(step.hires_fte).Number(step.shortfall_fte);
    if (step.status == plan::SolveStatus::kOptimal) {
      row.Number(step.cost);
    } else {
      row.Empty();
    }
  }
  tables.push_back(std::move(bridge));

  ReportTable roles("skill_mix_roles", fmt::format("Hours by role in {}: staff in post, their work, hires", plan.year),
                    {{"role", "Role", CellKind::kCode},
                     {"cost_per_hour", "Cost per hour", CellKind::kMoney},
                     {"available_hours", "Hours of staff in post (supply)", CellKind::kCount},
                     {"other_hours", "Other work (outside the modelled services)", CellKind::kCount},
                     {"hours_used", "Hours in the modelled services", CellKind::kCount},
                     {"hires_fte", "Hires (FTE)", CellKind::kFte},
                     {"not_replaced_fte", "Leavers not replaced (FTE)", CellKind::kFte},
                     {"other_agency_hours", "Other work to agency cover (hours)", CellKind::kCount}});
  for (std::size_t role = 0; role < problem.roles.size(); ++role) {
    double available = 0.0;
    double other = 0.0;
    double used = 0.0;
    double hires = 0.0;
    double released = 0.0;
    double agency = 0.0;
    const auto sum = [](const std::vector<std::vector<double>>& values, std::size_t at, std::size_t locality) {
      return at < values.size() && locality < values[at].size() ? values[at][locality] : 0.0;
    };
    for (std::size_t locality = 0; locality < problem.localities.size(); ++locality) {
      available += problem.roles[role].available_hours[locality];
      other += problem.roles[role].other_hours[locality];
      used += sum(result.hours_used, role, locality);
      hires += sum(result.hires_fte, role, locality);
      released += sum(result.released_fte, role, locality);
      agency += sum(result.other_unmet_hours, role, locality);
    }
    // A hidden role's cost per hour would give back its pay per FTE, its hires the size of
    // the role: hidden with its staff.
    const bool hidden = role_hidden(problem.roles[role].code);
    roles.Row()
        .Code(problem.roles[role].code, problem.roles[role].name)
        .Number(problem.roles[role].cost_per_hour, hidden)
        .Number(available, hidden)
        .Number(other, hidden || problem.roles[role].establishment_hidden)
        .Number(used, hidden)
        .Number(hires, hidden)
        .Number(released, hidden)
        .Number(agency, hidden || problem.roles[role].establishment_hidden);
  }
  tables.push_back(std::move(roles));

  // Work left to agency or bank cover: visits by intervention over the localities, then the other
  // work (outside the modelled services) of each role, then the total, which is the mix's agency
  // cost. The other work of roles whose staff numbers are hidden is one row.
  ReportTable agency("skill_mix_agency", "Work left to agency or bank cover in the cheapest mix",
                     {{"work", "Work", CellKind::kText},
                      {"act", "Act", CellKind::kText},
                      {"visits", "Visits", CellKind::kCount},
                      {"hours", "Hours a year", CellKind::kCount},
                      {"fte", "FTE", CellKind::kFte},
                      {"cost", "Cost a year", CellKind::kMoney}});
  const double hpf = problem.hours_per_fte > 0 ? problem.hours_per_fte : 1.0;
  struct Cover {
    double visits = 0.0;
    double hours = 0.0;
    double cost = 0.0;
  };
  std::map<std::string, Cover> unmet;
  for (std::size_t task = 0; task < result.unmet_visits.size(); ++task) {
    if (result.unmet_visits[task] <= 0) continue;
    const plan::SkillMixTask& info = problem.tasks[task];
    Cover& cover = unmet[info.name];
    cover.visits += result.unmet_visits[task];
    cover.hours += result.unmet_visits[task] * (info.contact_hours_per_visit + info.travel_hours_per_visit);
    cover.cost += result.unmet_visits[task] * info.shortfall_cost_per_visit;
  }
  Cover total;
  for (const auto& [name, cover] : unmet) {
    const std::string& task_name = name;  // a structured binding is not captured before C++23 in clang 14
    const auto task = std::find_if(problem.tasks.begin(), problem.tasks.end(),
                                   [&](const plan::SkillMixTask& t) { return t.name == task_name; });
    agency.Row().Text(name).Text(task->act).Number(cover.visits).Number(cover.hours).Number(cover.hours / hpf).Number(cover.cost);
    total.hours += cover.hours;
    total.cost += cover.cost;
  }
  Cover hidden_other;
  for (std::size_t role = 0; role < problem.roles.size() && role < result.other_unmet_hours.size(); ++role) {
    Cover cover;
    for (const double hours : result.other_unmet_hours[role]) cover.hours += hours;
    cover.cost = cover.hours * problem.roles[role].agency_cost_per_hour;
    if (cover.hours <= 1e-6) continue;
    total.hours += cover.hours;
    total.cost += cover.cost;
    if (role_hidden(problem.roles[role].code)) {
      hidden_other.hours += cover.hours;
      hidden_other.cost += cover.cost;
      continue;
    }
    agency.Row()
        .Text(fmt::format("Other work of {}", problem.roles[role].name.empty() ? problem.roles[role].code : problem.roles[role].name))
        .Text("(outside the modelled services)")
        .Empty()
        .Number(cover.hours)
        .Number(cover.hours / hpf)
        .Number(cover.cost);
  }
  if (hidden_other.hours > 0) {
    agency.Row()
        .Text("Other work of roles with small numbers")
        .Text("(outside the modelled services)")
        .Empty()
        .Number(hidden_other.hours)
        .Number(hidden_other.hours / hpf)
        .Number(hidden_other.cost);
  }
  if (!agency.rows().empty()) {
    agency.Row().Text("Total").Text("").Empty().Number(total.hours).Number(total.hours / hpf).Number(total.cost);
  }
  tables.push_back(std::move(agency));

  ReportTable training("skill_mix_training", "Cross-skilling in the cheapest mix",
                       {{"role", "Role", CellKind::kCode},
                        {"competence", "Competence", CellKind::kCode},
                        {"fte_trained", "FTE trained", CellKind::kFte}});
  for (const auto& row : result.training) {
    training.Row()
        .Code(problem.roles[row.role].code, problem.roles[row.role].name)
        .Code(row.competence, plan.competence_names.count(row.competence) ? plan.competence_names.at(row.competence) : std::string())
        .Number(row.fte, role_hidden(problem.roles[row.role].code));
  }
  tables.push_back(std::move(training));

  const plan::SkillMixPath& path = plan.path;
  if (!path.years.empty()) {
    std::vector<ReportColumn> columns = {{"role", "Role", CellKind::kCode}};
    for (const auto& year : path.years) {
      columns.push_back({fmt::format("hires_{}", year.year), fmt::format("Hired {}", year.year), CellKind::kFte});
    }
    columns.push_back({"hired", "Hired in all", CellKind::kFte});
    columns.push_back({"in_post", fmt::format("In post {}", path.years.back().year), CellKind::kFte});
    ReportTable hires("skill_mix_hires_by_year", "Hires by role and year on the cheapest path (FTE hired each year)", columns);
    for (std::size_t role = 0; role < plan.path_roles.size(); ++role) {
      double hired = 0.0;
      for (const auto& year : path.years) hired += year.new_hires_fte[role];
      if (hired < 0.05) continue;
      const bool hidden = role_hidden(plan.path_roles[role]);
      auto row = hires.Row();
      row.Code(plan.path_roles[role], role < problem.roles.size() ? problem.roles[role].name : std::string());
      for (const auto& year : path.years) row.Number(year.new_hires_fte[role], hidden);
      row.Number(hired, hidden).Number(path.years.back().hires_in_post_fte[role], hidden);
    }
    tables.push_back(std::move(hires));
    ReportTable costs("skill_mix_path", "The cheapest path year by year",
                      {{"year", "Year", CellKind::kYear},
                       {"staff_cost", "Staff (in post and hired)", CellKind::kMoney},
                       {"one_off_cost", "Hiring, training and conversions", CellKind::kMoney},
                       {"agency_cost", "Agency or bank cover", CellKind::kMoney},
                       {"agency_fte", "Agency or bank cover (FTE)", CellKind::kFte},
                       {"hires_fte", "Hired this year (FTE)", CellKind::kFte},
                       {"not_replaced_fte", "Leavers not replaced (FTE)", CellKind::kFte}});
    for (const auto& year : path.years) {
      double hired = 0.0;
      double released = 0.0;
      for (const double fte : year.new_hires_fte) hired += fte;
      for (const double fte : year.released_fte) released += fte;
      costs.Row()
          .Year(year.year)
          .Number(year.staff_cost)
          .Number(year.one_off_cost)
          .Number(year.shortfall_cost)
          .Number(year.shortfall_hours / problem.hours_per_fte)
          .Number(hired)
          .Number(released);
    }
    tables.push_back(std::move(costs));
  }

  ReportTable conversions("skill_mix_conversions", "Staff converted between roles in the cheapest mix",
                          {{"from", "From role", CellKind::kCode},
                           {"to", "To role", CellKind::kCode},
                           {"locality", "Locality", CellKind::kText},
                           {"fte", "FTE", CellKind::kFte}});
  for (const auto& row : result.conversions) {
    conversions.Row()
        .Code(problem.roles[row.from].code, problem.roles[row.from].name)
        .Code(problem.roles[row.to].code, problem.roles[row.to].name)
        .Text(problem.localities[row.locality])
        .Number(row.fte, role_hidden(problem.roles[row.from].code) || role_hidden(problem.roles[row.to].code));
  }
  tables.push_back(std::move(conversions));

  ReportTable assignments("skill_mix_assignments", "Who gives each intervention in the cheapest mix",
                          {{"intervention", "Intervention", CellKind::kText},
                           {"locality", "Locality", CellKind::kText},
                           {"act", "Act", CellKind::kText},
                           {"part", "Part", CellKind::kText},
                           {"role", "Role", CellKind::kCode},
                           {"scope", "Scope", CellKind::kText},
                           {"visits", "Visits", CellKind::kCount},
                           {"hours", "Hours", CellKind::kCount}});
  for (const auto& row : result.assignments) {
    const plan::SkillMixTask& task = problem.tasks[row.task];
    assignments.Row()
        .Text(task.name)
        .Text(problem.localities[task.locality])
        .Text(task.act.empty() ? std::string("(not checked)") : task.act)
        .Text(row.part)
        .Code(problem.roles[row.role].code, problem.roles[row.role].name)
        .Text(task.scope.empty() ? std::string("(not checked)")
                                 : std::string(EnumInfo<ScopeLevel>::kCodes[static_cast<std::size_t>(task.scope[row.role].level)]))
        .Number(row.visits, role_hidden(problem.roles[row.role].code))
        .Number(row.hours, role_hidden(problem.roles[row.role].code));
  }
  tables.push_back(std::move(assignments));

  ReportTable constraints("skill_mix_constraints",
                          result.status == plan::SolveStatus::kInfeasible ? "What stops the plan: constraints short"
                                                                          : "Constraints that shape the optimum",
                          {{"constraint", "Constraint", CellKind::kText}, {"short_by", "Short by", CellKind::kText}});
  if (result.status == plan::SolveStatus::kInfeasible) {
    for (const auto& [name, violation] : result.conflicting) constraints.Row().Text(name).Text(ShortAmount(name, violation));
  } else {
    for (const std::string& name : result.binding) {
      if (name.starts_with("demand:") || name.starts_with("split:")) continue;  // goals, not limits
      constraints.Row().Text(name).Empty();
    }
  }
  tables.push_back(std::move(constraints));

  ReportTable delegations("skill_mix_delegations",
                          "Delegations the task table allows (reference/plan/scope.csv), with supervision and risk",
                          {{"act", "Act", CellKind::kText},
                           {"role", "Role", CellKind::kCode},
                           {"supervision", "Supervision", CellKind::kText},
                           {"supervision_ratio", "Supervising hours per delegated hour", CellKind::kNumber},
                           {"max_share", "Largest share of the visits", CellKind::kShare},
                           {"risk", "Risk", CellKind::kText}});
  for (const plan::Delegation& delegation : problem.delegations) {
    const auto named = std::find_if(problem.roles.begin(), problem.roles.end(),
                                    [&](const plan::SkillMixRole& role) { return role.code == delegation.role; });
    delegations.Row()
        .Text(delegation.act)
        .Code(delegation.role, named == problem.roles.end() ? std::string() : named->name)
        .Text(delegation.supervision)
        .Number(delegation.supervision_ratio)
        .Number(delegation.max_share)
        .Text(delegation.risk);
  }
  tables.push_back(std::move(delegations));
  return tables;
}

void SkillMixSection(const plan::SkillMixPlan& plan, const supply::SupplyResult& supply, DocumentBuilder& document) {
  const plan::SkillMixResult& result = plan.result;
  Section& section =
      document.Begin("skill_mix", 5, fmt::format("Step 5 · Plan to deliver: the cheapest safe skill mix, {}", plan.year));
  section.facts = {{"year", plan.year},
                   {"status", plan::StatusText(result.status)},
                   {"cost", result.cost},
                   {"staff_cost", result.staff_cost},
                   {"hire_cost", result.hire_cost},
                   {"training_cost", result.training_cost},
                   {"conversion_cost", result.conversion_cost},
                   {"agency_cost", result.shortfall_cost},
                   {"agency_hours", result.shortfall_hours},
                   {"hires_fte", result.HiresFte()},
                   {"leavers_not_replaced_fte", result.ReleasedFte()},
                   {"todays_mix_status", plan::StatusText(plan.todays_mix.status)},
                   {"todays_mix_short", plan.todays_mix.conflicting},
                   {"cost_at_todays_mix", plan.todays_mix.cost},
                   {"travel_hours", result.travel_hours},
                   {"budget_bound", result.budget_bound},
                   {"variables", result.program.variables().size()},
                   {"constraints", result.program.constraints().size()}};
  if (!plan.path_skipped.empty()) {
    section.facts["path"] = {{"status", "not solved"},
                             {"why", plan.path_skipped},
                             {"estimated_variables", plan.path_estimate.variables},
                             {"estimated_constraints", plan.path_estimate.constraints}};
  }
  if (!plan.path_roles.empty()) {
    section.facts["path"] = {{"status", plan::StatusText(plan.path.status)},
                             {"cost", plan.path.cost},
                             {"short", plan.path.conflicting},
                             {"variables", plan.path.variables},
                             {"constraints", plan.path.constraints},
                             {"estimated_variables", plan.path_estimate.variables},
                             {"estimated_constraints", plan.path_estimate.constraints}};
  }
  std::map<std::string, std::size_t> added;
  for (ReportTable& table : SkillMixTables(plan, supply)) {
    const std::string key = table.key();
    added[key] = document.Add(std::move(table));
  }
  document.Note(fmt::format(
      "A linear programme (COIN-OR CLP) over {} variables and {} constraints: which role gives each act (one person; a "
      "visit of separable tasks may be shared, with a travel leg each), among the roles whose scope of practice covers "
      "it or who may be delegated it (reference/plan/scope.csv); hires within the labour market, cross-skilling, "
      "conversions, leavers not replaced and agency cover. Staff in post (supply: {}) are paid because they are "
      "employed, and keep their other work{}.",
      Count(static_cast<int64_t>(result.program.variables().size())),
      Count(static_cast<int64_t>(result.program.constraints().size())),
      plan.percentile == "mean" ? std::string("the expected value") : plan.percentile,
      plan.problem.supervision_ratio > 0
          ? fmt::format("; registered hours at least {} of supervised support hours in each locality",
                        plan.problem.supervision_ratio)
          : std::string()));
  if (result.status == plan::SolveStatus::kOptimal) {
    const plan::SkillMixResult& today = plan.todays_mix;
    document.Text({"The workforce of these roles costs ", Strong(MoneyShort(result.cost)),
                   fmt::format(" in {} in the cheapest mix: {} pay and employer on-costs of staff in post and hired, {} "
                               "agency or bank cover, and one-off {} recruitment, {} training and {} converting staff "
                               "between roles ({} hours of travel).{}",
                               plan.year,
                               MoneyShort(result.staff_cost), MoneyShort(result.shortfall_cost), MoneyShort(result.hire_cost),
                               MoneyShort(result.training_cost), MoneyShort(result.conversion_cost),
                               Count(std::llround(result.travel_hours)),
                               result.budget_bound ? " The budget limits the plan: more would buy a cheaper mix." : "")});
    if (today.status == plan::SolveStatus::kOptimal) {
      document.Text({"At today's skill mix (each intervention shared between the roles that give it today, hires "
                     "without limit, costed without the supervision ratio) the same work costs ",
                     Strong(MoneyShort(today.cost)),
                     fmt::format(" ({} of it recruitment; {} hours of travel): the difference is ",
                                 MoneyShort(today.hire_cost), Count(std::llround(today.travel_hours))),
                     Strong(MoneyShort(today.cost - result.cost)), " a year."});
    } else {
      document.Text(fmt::format("Today's skill mix cannot give this work within the limits ({}).",
                                plan::StatusText(today.status)));
    }
  } else {
    document.Warning(fmt::format("No skill mix meets the need within the limits ({}): the constraints below are short "
                                 "by the amounts shown.",
                                 plan::StatusText(result.status)));
  }
  const plan::SkillMixPath& path = plan.path;
  if (path.status == plan::SolveStatus::kOptimal && !path.years.empty()) {
    document.Text({fmt::format("Year by year, as one programme of {} variables from {} to {} (hires stay in post less "
                               "their role's leaver rate; hire limits apply to each year's hires, the budget to all "
                               "years together), the cheapest path costs ",
                               Count(static_cast<int64_t>(path.variables)), path.years.front().year,
                               path.years.back().year),
                   Strong(MoneyShort(path.cost)), " over the years. It recruits ",
                   Strong(fmt::format("{} FTE", Fte(path.NewHiresFte()))),
                   fmt::format(" in all, of whom {} FTE are still in post in {}: the rest replace recruits who left, "
                               "which is the recruitment a workforce lead must find.",
                               Fte(path.HiresInPostFte()), path.years.back().year)});
  } else if (!plan.path_skipped.empty()) {
    document.Note(fmt::format("The skill mix year by year was not solved: {}.", plan.path_skipped));
  } else if (path.variables > 0) {
    std::vector<std::string> named;
    for (const auto& [name, amount] : path.conflicting) named.push_back(ShortBy(name, amount));
    document.Warning(fmt::format("No path year by year meets the need within the limits ({}){}.",
                                 plan::StatusText(path.status),
                                 named.empty() ? "" : ": short on " + fmt::format("{}", fmt::join(named, "; "))));
  }
  // The programme's constraint names are for an analyst (skill_mix_constraints.csv and the
  // workbook), not the report; a plan with no mix names what stops it, in the words above.
  for (const std::string_view key : {"skill_mix_bridge", "skill_mix_roles", "skill_mix_agency", "skill_mix_hires_by_year",
                                     "skill_mix_path", "skill_mix_training", "skill_mix_conversions",
                                     "skill_mix_delegations"}) {
    const auto found = added.find(std::string(key));
    if (found == added.end() || document.Table(found->second).rows().empty()) continue;
    // Long tables are detail: folded (all in the CSVs and workbook).
    const bool detail = key == "skill_mix_delegations";
    document.ShowTable(found->second, {}, std::nullopt,
                       detail ? fmt::format("Show {} rows", document.Table(found->second).rows().size()) : std::string());
  }
  if (result.status == plan::SolveStatus::kInfeasible) document.ShowTable(added.at("skill_mix_constraints"));
  document.Note("Every assignment: skill_mix_assignments.csv; the constraints that shape the optimum: "
                "skill_mix_constraints.csv.");
}

ReportTable ScenarioTable(const std::vector<plan::ScenarioOutcome>& outcomes) {
  ReportTable table("scenarios", outcomes.empty() ? "Scenarios" : fmt::format("Scenarios compared, {}", outcomes.front().year),
                    {{"scenario", "Scenario", CellKind::kText},
                     {"required_fte", "Required FTE", CellKind::kFte},
                     {"available_fte", "Available FTE", CellKind::kFte},
                     {"shortfall_fte", "Shortfall at today's mix (FTE, by role and locality)", CellKind::kFte},
                     {"shortfall_cost", "Pay bill of the shortfall", CellKind::kMoney},
                     {"skill_mix", "Skill mix", CellKind::kText},
                     {"skill_mix_cost", "Cheapest mix cost", CellKind::kMoney},
                     {"agency_fte", "Agency or bank cover in the cheapest mix (FTE)", CellKind::kFte},
                     {"todays_mix_cost", "Cost at today's mix", CellKind::kMoney},
                     {"hires_fte", "Hires FTE", CellKind::kFte},
                     {"trained_fte", "FTE cross-skilled", CellKind::kFte},
                     {"pay_harmonisation_cost", "Cost of pay parity", CellKind::kMoney},
                     {"total_cost", "Total cost", CellKind::kMoney}});
  for (const plan::ScenarioOutcome& outcome : outcomes) {
    auto row = table.Row();
    row.Text(outcome.name)
        .Number(outcome.required_fte)
        .Number(outcome.available_fte)
        .Number(outcome.shortfall_fte)
        .Number(outcome.shortfall_cost)
        .Text(outcome.skill_mix_status)
        .Number(outcome.skill_mix_cost)
        .Number(outcome.undelivered_fte);
    if (std::isinf(outcome.todays_mix_cost)) {
      row.Empty();  // not costed (plan::ChooseCellMethod)
    } else {
      row.Number(outcome.todays_mix_cost);
    }
    row.Number(outcome.hires_fte)
        .Number(outcome.trained_fte)
        .Number(outcome.pay_harmonisation_cost);
    if (std::isinf(outcome.total_cost)) {
      row.Empty();
    } else {
      row.Number(outcome.total_cost);
    }
  }
  return table;
}

namespace {

// The scenarios side by side as the report shows them: a row per measure, a column per scenario.
ReportTable ScenarioTableTurned(const std::vector<plan::ScenarioOutcome>& outcomes) {
  std::vector<ReportColumn> columns = {{"measure", "Measure", CellKind::kText}};
  for (std::size_t idx = 0; idx < outcomes.size(); ++idx) {
    columns.push_back({fmt::format("scenario_{}", idx + 1), outcomes[idx].name, CellKind::kNumber});
  }
  ReportTable turned("scenarios", outcomes.empty() ? "Scenarios" : fmt::format("Scenarios compared, {}", outcomes.front().year),
                     columns);
  const auto add = [&](std::string_view measure, CellKind kind, auto value) {
    auto row = turned.Row();
    row.Text(measure);
    for (const plan::ScenarioOutcome& outcome : outcomes) {
      const double figure = value(outcome);
      if (std::isinf(figure)) {
        row.Empty();
      } else {
        row.Number(figure, kind);
      }
    }
  };
  using Outcome = plan::ScenarioOutcome;
  add("Required FTE", CellKind::kFte, [](const Outcome& o) { return o.required_fte; });
  add("Available FTE", CellKind::kFte, [](const Outcome& o) { return o.available_fte; });
  add("Shortfall at today's mix (FTE)", CellKind::kFte, [](const Outcome& o) { return o.shortfall_fte; });
  add("Pay bill of the shortfall", CellKind::kMoney, [](const Outcome& o) { return o.shortfall_cost; });
  add("Cheapest mix cost", CellKind::kMoney, [](const Outcome& o) { return o.skill_mix_cost; });
  add("Agency or bank cover in the cheapest mix (FTE)", CellKind::kFte, [](const Outcome& o) { return o.undelivered_fte; });
  add("Cost at today's mix", CellKind::kMoney, [](const Outcome& o) { return o.todays_mix_cost; });
  add("Hires (FTE)", CellKind::kFte, [](const Outcome& o) { return o.hires_fte; });
  add("FTE cross-skilled", CellKind::kFte, [](const Outcome& o) { return o.trained_fte; });
  add("Cost of pay parity", CellKind::kMoney, [](const Outcome& o) { return o.pay_harmonisation_cost; });
  add("Total cost", CellKind::kMoney, [](const Outcome& o) { return o.total_cost; });
  return turned;
}

}  // namespace

void ScenarioSection(const std::vector<plan::ScenarioOutcome>& outcomes, DocumentBuilder& document) {
  document.Begin("scenarios", 5, "Step 5 · Plan to deliver: scenarios");
  document.Note("Each scenario is applied to the base place and the whole plan run again: demand, supply (exact expected "
                "values, unless --scenario-runs is given: the Base row then differs from the plan of record's mean of "
                "runs by Monte Carlo error only), gaps and the cheapest skill mix. Total cost = the cheapest mix (staff "
                "in post and hired, recruitment, training, conversions and agency or bank cover of work the plan's "
                "staff cannot give) + the cost of pay parity.");
  TableBlock& shown = document.ShowTable(document.Add(ScenarioTable(outcomes)), {}, ScenarioTableTurned(outcomes));
  shown.untitled = true;
  shown.never_fold = true;
  for (const plan::ScenarioOutcome& outcome : outcomes) {
    if (outcome.skill_mix_status != "optimal") {
      document.Note(fmt::format("{}: the skill mix is {}.", outcome.name, outcome.skill_mix_status));
    }
    if (outcome.short_constraints.empty()) continue;
    std::vector<std::string> named;
    for (const auto& [name, amount] : outcome.short_constraints) named.push_back(ShortBy(name, amount));
    document.Warning(fmt::format("{}: no feasible skill mix; {}.", outcome.name, fmt::join(named, "; ")));
  }
}

std::vector<ReportTable> PolicyTables(const plan::PolicyMatrix& matrix) {
  std::vector<ReportColumn> columns = {{"policy", "Policy", CellKind::kText}};
  std::vector<std::string> keys;
  for (const std::string& future : matrix.futures) keys.push_back(ColumnKey(future));
  for (std::size_t future = 0; future < matrix.futures.size(); ++future) {
    columns.push_back({"cost_" + keys[future], fmt::format("Cost: {}", matrix.futures[future]), CellKind::kMoney});
  }
  for (std::size_t future = 0; future < matrix.futures.size(); ++future) {
    columns.push_back({"agency_fte_" + keys[future], fmt::format("Agency or bank cover (FTE): {}", matrix.futures[future]),
                       CellKind::kFte});
  }
  for (std::size_t future = 0; future < matrix.futures.size(); ++future) {
    columns.push_back({"regret_" + keys[future], fmt::format("Regret: {}", matrix.futures[future]), CellKind::kMoney});
  }
  columns.push_back({"worst_regret", "Worst-case regret", CellKind::kMoney});
  columns.push_back({"recommended", "Recommended", CellKind::kText});
  ReportTable table("policy_matrix", "Policies under every future: total cost and regret", columns);
  for (std::size_t policy = 0; policy < matrix.policies.size(); ++policy) {
    auto row = table.Row();
    row.Text(matrix.policies[policy]);
    for (const plan::ScenarioOutcome& cell : matrix.cells[policy]) {
      if (std::isinf(cell.total_cost)) {
        row.Empty();
      } else {
        row.Number(cell.total_cost);
      }
    }
    for (const plan::ScenarioOutcome& cell : matrix.cells[policy]) {
      if (std::isinf(cell.total_cost)) {
        row.Empty();
      } else {
        row.Number(cell.undelivered_fte);
      }
    }
    for (const double regret : matrix.regret[policy]) {
      if (std::isinf(regret)) {
        row.Empty();
      } else {
        row.Number(regret);
      }
    }
    if (std::isinf(matrix.worst_regret[policy])) {
      row.Empty();
    } else {
      row.Number(matrix.worst_regret[policy]);
    }
    const bool least = std::find(matrix.least_regret.begin(), matrix.least_regret.end(), policy) != matrix.least_regret.end();
    row.Text(policy == matrix.recommended ? (matrix.least_regret.size() > 1 ? "yes (tied)" : "yes") : least ? "tied" : "");
  }
  return {table};
}

std::string LeastRegretText(const plan::PolicyMatrix& matrix) {
  std::vector<std::string> names;
  for (const std::size_t policy : matrix.least_regret) names.push_back(matrix.policies[policy]);
  if (names.empty()) names.push_back(matrix.policies[matrix.recommended]);
  const double worst = matrix.worst_regret[matrix.recommended];
  const std::string regret = std::isinf(worst) ? std::string("none is feasible in every future") : Money(worst);
  if (names.size() == 1) return fmt::format("{}: the least worst-case regret ({})", names.front(), regret);
  const std::string last = names.back();
  names.pop_back();
  return fmt::format("{} and {} tie on the least worst-case regret ({}); the first is taken", fmt::join(names, ", "), last,
                     regret);
}

void PolicySection(const plan::PolicyMatrix& matrix, DocumentBuilder& document) {
  Section& section = document.Begin("policy_matrix", 5, "Step 5 · Plan to deliver: the policy that holds up under every future");
  section.facts = {{"recommended", matrix.policies[matrix.recommended]}};
  document.Note(fmt::format(
      "Every policy run under every future ({} cells). Total cost includes agency or bank cover of the work the plan's "
      "own staff cannot give, so a policy that adds supply where a future is short lowers it. Regret = a policy's "
      "total cost in a future less the best policy's cost in that future; a blank cell has no feasible skill mix "
      "(infinite regret). The recommended policy has the least worst-case regret. \"{}\" is each future as it comes, "
      "so that every lever is measured against doing nothing new.",
      matrix.policies.size() * matrix.futures.size(), plan::kNoNewPolicy));
  document.Text({"Recommended: ", Strong(LeastRegretText(matrix)), "."});
  for (ReportTable& table : PolicyTables(matrix)) document.ShowTable(document.Add(std::move(table))).untitled = true;
  for (std::size_t policy = 0; policy < matrix.policies.size(); ++policy) {
    for (std::size_t future = 0; future < matrix.futures.size(); ++future) {
      const plan::ScenarioOutcome& cell = matrix.cells[policy][future];
      if (cell.budget_bound) {
        document.Warning(fmt::format("{} under {}: the budget limits the mix; {} FTE of work goes to agency or bank "
                                     "cover instead of hires and training.",
                                     matrix.policies[policy], matrix.futures[future], Fte(cell.undelivered_fte)));
      }
      if (cell.short_constraints.empty()) continue;
      std::vector<std::string> named;
      for (const auto& [name, amount] : cell.short_constraints) named.push_back(ShortBy(name, amount));
      document.Warning(fmt::format("{} under {}: no feasible skill mix; {}.", matrix.policies[policy],
                                   matrix.futures[future], fmt::join(named, "; ")));
    }
  }
}

std::string ShortAmount(const std::string& constraint, double amount) {
  // Names in a programme over years start with the year ("2030:budget").
  std::string_view name = constraint;
  if (name.size() > 5 && name[4] == ':' && std::all_of(name.begin(), name.begin() + 4, [](char c) { return c >= '0' && c <= '9'; })) {
    name.remove_prefix(5);
  }
  std::string value;
  if (name.starts_with("budget")) {
    value = Money(amount);
  } else if (name.starts_with("hire_limit") || name.starts_with("training_limit")) {
    value = fmt::format("{} FTE", Fte(amount));
  } else if (name.starts_with("hours") || name.starts_with("supervision") || name.starts_with("delegation") ||
             name.starts_with("trained_hours") || name.starts_with("other_work") || name.starts_with("redeployment")) {
    value = fmt::format("{} hours a year", Count(std::llround(amount)));
  } else {
    value = fmt::format("{:.1f}", amount);
  }
  return value;
}

std::string ShortBy(const std::string& constraint, double amount) {
  return fmt::format("{} (short by {})", constraint, ShortAmount(constraint, amount));
}

}  // namespace careforce::report
