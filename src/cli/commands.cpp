#include "cli/commands.hpp"

#include "cli/place_template.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>

#include <unistd.h>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "demand/stratify.hpp"
#include "demand/wisn.hpp"
#include "intelligence/profile.hpp"
#include "intelligence/summary.hpp"
#include "io/place_reader.hpp"
#include "io/text.hpp"
#include "io/reference_table.hpp"
#include "model/error.hpp"
#include "model/limits.hpp"
#include "plan/plan.hpp"
#include "plan/plan_inputs.hpp"
#include "plan/scenario.hpp"
#include "plan/team_plan.hpp"
#include "plan/travel.hpp"
#include "supply/disclosure.hpp"
#include "supply/projection.hpp"
#include "report/format.hpp"
#include "report/plan_report.hpp"
#include "report/plan_tables.hpp"
#include "report/profile_tables.hpp"
#include "report/supply_tables.hpp"
#include "report/team_tables.hpp"
#include "report/training_tables.hpp"
#include "report/workbook.hpp"
#include "io/place_writer.hpp"
#include "io/risk_reader.hpp"
#include "io/supply_reader.hpp"
#include "io/wisn_reader.hpp"
#include "store/store.hpp"
#include "synth/register.hpp"
#include "synth/synth.hpp"
#include "synth/west_sussex.hpp"

namespace careforce::cli {

namespace {

struct Options {
  std::string place;
  std::string out;
  std::string db;
  std::string key_file;
  std::string learners;  // train: a directory for each organisation's own workbook
  std::string reference;
  std::string census_date;
  std::string data;
  std::string file;
  std::string model;
  bool register_file = false;
  synth::SynthOptions synth;
  bool json = false;
  bool no_suppression = false;
  // supply
  int years = 10;
  int runs = 1000;
  uint64_t seed = 1;
  bool expected = false;
  int threads = 0;
  std::string supply_config;
  bool quiet = false;
  // plan
  std::string write_mps;
  double gap_threshold = 0.0;
  int skill_mix_year = 0;
  std::string skill_mix_path = "auto";
  std::string percentile = "mean";
  std::string shortfall = "priced";
  bool calibrate_to_staff = false;
  std::vector<std::string> scenarios;
  std::vector<std::string> policies;
  int scenario_runs = 0;
};

Options& TheOptions() {
  static Options options;
  return options;
}

std::map<std::string, std::function<int()>>& Handlers() {
  static std::map<std::string, std::function<int()>> handlers;
  return handlers;
}

// The step under way on one line of a terminal (standard error), overwritten by the next and
// cleared before anything else is printed; never in a pipe, never with --quiet.
class StepProgress {
 public:
  void Show(bool shown) { shown_ = shown && isatty(fileno(stderr)); }
  void Begin(const std::string& step) {
    if (!shown_) return;
    std::fprintf(stderr, "\r\033[K%s...", step.c_str());
    std::fflush(stderr);
    active_ = true;
  }
  // A counter for a long loop (supply runs, scenario cells): "what: done of total unit".
  std::function<void(int, int)> Counter(std::string_view what, std::string_view unit) {
    if (!shown_) return {};
    return [this, what = std::string(what), unit = std::string(unit)](int done, int total) {
      if (done % std::max(1, total / 100) != 0 && done != total) return;
      std::fprintf(stderr, "\r\033[K%s: %d of %d %s", what.c_str(), done, total, unit.c_str());
      std::fflush(stderr);
      active_ = true;
    };
  }
  void Clear() {
    if (!active_) return;
    std::fprintf(stderr, "\r\033[K");
    std::fflush(stderr);
    active_ = false;
  }

 private:
  bool shown_ = false;
  bool active_ = false;
};

StepProgress& Progress() {
  static StepProgress progress;
  return progress;
}

// Reads a place, printing every problem (errors and warnings) and throwing when invalid.
Place ReadPlaceOrFail(const std::string& directory, const io::ReadOptions& read_options = {}) {
  Diagnostics diagnostics;
  Place place = io::ReadPlace(directory, diagnostics, read_options);
  if (diagnostics.HasErrors()) throw InputError(std::move(diagnostics));
  PrintDiagnostics(diagnostics);  // warnings only
  return place;
}

// Everything the plan reads (plan::LoadPlanInputs), printing the warnings; throws InputError
// carrying every problem when anything is not valid.
plan::LoadedPlan LoadPlanOrFail(const Options& options) {
  plan::PlanSources sources;
  sources.place = options.place;
  sources.reference = options.reference;
  sources.supply_config = options.supply_config;
  sources.scenarios = options.scenarios;
  sources.policies = options.policies;
  sources.runs = options.runs;
  sources.scenario_runs = options.scenario_runs;
  plan::LoadedPlan loaded = plan::LoadPlanInputs(sources, [](const std::string& step) { Progress().Begin(step); });
  PrintDiagnostics(loaded.warnings);
  return loaded;
}

std::string SummaryText(const intelligence::PlaceSummary& summary) {
  using report::Count;
  std::string registers;
  if (summary.practice_registers > 0) {
    registers = fmt::format("  {} practice register counts ({} registers)\n", Count(summary.practice_registers),
                            Count(summary.register_codes));
  }
  if (summary.registered_lists > 0) {
    registers +=
        fmt::format("  {} registered list counts by age and sex ({} practices, {} networks)\n",
                    Count(summary.registered_lists), Count(summary.registered_list_practices),
                    Count(summary.registered_list_networks));
  }
  return fmt::format(
      "{}: valid place (base year {}, census {})\n"
      "  {} localities, {} organisations, {} roles, {} competences\n"
      "  {} people in {} posts ({} FTE), {} competences held\n"
      "  {} vacancies, {} leavers, {} GP practices ({} registered patients), {} population counts\n",
      summary.name, summary.base_year, FormatDate(summary.census_date), Count(summary.localities),
      Count(summary.organisations), Count(summary.roles), Count(summary.competences), Count(summary.people),
      Count(summary.posts), report::Fte(summary.fte), Count(summary.staff_competences), Count(summary.vacancies),
      Count(summary.leavers), Count(summary.gp_practices), Count(summary.registered_patients),
      Count(summary.population_cells)) + registers;
}

int RunValidate() {
  const Options& options = TheOptions();
  // Everything the plan would read, read by the same calls: a place that validates plans.
  const plan::LoadedPlan loaded = LoadPlanOrFail(options);
  Progress().Clear();
  const Place& place = loaded.place;
  const intelligence::PlaceSummary summary = intelligence::SummarisePlace(place);
  if (options.json) {
    nlohmann::ordered_json json = {{"valid", true},
                                   {"place", summary.name},
                                   {"people", summary.people},
                                   {"posts", summary.posts},
                                   {"fte", summary.fte},
                                   {"organisations", summary.organisations},
                                   {"roles", summary.roles},
                                   {"vacancies", summary.vacancies},
                                   {"leavers", summary.leavers},
                                   {"gp_practices", summary.gp_practices},
                                   {"population_cells", summary.population_cells},
                                   {"practice_registers", summary.practice_registers},
                                   {"registered_lists", summary.registered_lists},
                                   {"services", loaded.inputs.services.size()},
                                   {"leavers_recorded", place.leavers_recorded}};
    if (!loaded.supply_config_path.empty()) json["supply_config"] = loaded.supply_config_path;
    if (!loaded.scenarios.empty()) json["scenarios"] = loaded.scenarios.size();
    if (!loaded.policies.empty()) json["policies"] = loaded.policies.size();
    if (!place.leavers_recorded) json["notes"] = {report::kNoLeaversNote};
    std::cout << json.dump(2) << "\n";
  } else {
    std::cout << SummaryText(summary);
    if (!place.leavers_recorded) std::cout << fmt::format("  {}\n", report::kNoLeaversNote);
    if (!loaded.services_path.empty()) {
      std::cout << fmt::format("  service model: {} services ({})\n", loaded.inputs.services.size(),
                               loaded.services_path);
    }
    if (!loaded.supply_config_path.empty()) {
      std::cout << fmt::format("  supply configuration: {}\n", loaded.supply_config_path);
    }
    if (!loaded.scenarios.empty() || !loaded.policies.empty()) {
      std::cout << fmt::format("  {} scenario{} and {} polic{}\n", loaded.scenarios.size(),
                               loaded.scenarios.size() == 1 ? "" : "s", loaded.policies.size(),
                               loaded.policies.size() == 1 ? "y" : "ies");
    }
  }
  return kExitOk;
}

int RunProfile() {
  const Options& options = TheOptions();
  Progress().Begin(fmt::format("reading the place {}", options.place));
  const Place place = ReadPlaceOrFail(options.place);
  Progress().Begin("profiling the workforce");
  intelligence::WorkforceProfile profile = intelligence::ProfileWorkforce(place);
  Progress().Clear();
  if (!options.no_suppression) intelligence::ApplySuppression(profile);
  if (options.json) {
    std::cout << report::ProfileJson(profile).dump(2) << "\n";
  } else {
    std::cout << report::ProfileText(profile);
  }
  return kExitOk;
}

// The plan's headline answers for its closing lines: the shortfall at today's skill mix in the
// plan year and its largest roles (never a role whose supply or shortfall is hidden), the
// cheapest mix, its agency cover and the recommended policy.
std::string HeadlineText(const plan::PlanResult& result) {
  std::string text;
  if (result.gaps && result.supply) {
    const plan::GapResult& gaps = *result.gaps;
    const int year = result.skill_mix ? result.skill_mix->year : result.supply->last_year;
    std::vector<std::pair<double, Index>> short_roles;
    bool hidden = false;
    for (Index role = 0; role < gaps.role_codes.size(); ++role) {
      const double shortfall = gaps.Shortfall(year, role);
      if (shortfall < 0.05) continue;
      const supply::SupplySeries* series = result.supply->Find("role", gaps.role_codes[role]);
      if ((series != nullptr && series->suppressed) || gaps.ShortfallHidden(role)) {
        hidden = true;
        continue;
      }
      short_roles.emplace_back(shortfall, role);
    }
    std::sort(short_roles.begin(), short_roles.end(),
              [](const auto& left, const auto& right) { return left.first > right.first; });
    std::vector<std::string> largest;
    for (std::size_t idx = 0; idx < std::min<std::size_t>(3, short_roles.size()); ++idx) {
      largest.push_back(
          fmt::format("{} {} FTE", gaps.role_names[short_roles[idx].second], report::Fte(short_roles[idx].first)));
    }
    text += fmt::format("  gaps in {}: at today's skill mix roles short of staff need {} FTE more", year,
                        report::Fte(gaps.Shortfall(year)));
    if (!largest.empty()) text += fmt::format("; largest: {}", fmt::join(largest, ", "));
    if (hidden) text += " (roles with small numbers not named)";
    text += "\n";
  }
  if (result.skill_mix) {
    const plan::SkillMixPlan& mix = *result.skill_mix;
    const plan::SkillMixResult& best = mix.result;
    if (best.status == plan::SolveStatus::kOptimal) {
      text += fmt::format("  cheapest safe skill mix in {}: {} a year with {} FTE of hires\n", mix.year,
                          report::MoneyShort(best.cost), report::Fte(best.HiresFte()));
      const double agency_fte = mix.problem.hours_per_fte > 0 ? best.shortfall_hours / mix.problem.hours_per_fte : 0.0;
      if (agency_fte >= 0.05) {
        text += fmt::format("  agency or bank cover: {} FTE of work no role of the plan gives ({} a year)\n",
                            report::Fte(agency_fte), report::MoneyShort(best.shortfall_cost));
      }
    } else {
      std::vector<std::string> named;
      for (const auto& [name, amount] : best.conflicting) named.push_back(report::ShortBy(name, amount));
      text += fmt::format("  cheapest safe skill mix in {}: none ({}){}\n", mix.year, plan::StatusText(best.status),
                          named.empty() ? std::string() : fmt::format(", short on {}", fmt::join(named, "; ")));
    }
  }
  if (result.policy_matrix) {
    text += fmt::format("  recommended policy: {}\n", report::LeastRegretText(*result.policy_matrix));
  }
  return text;
}

// The plan's options as the command line sets them (plan and train share them).
plan::PlanOptions PlanOptionsOf(const Options& options) {
  plan::PlanOptions plan_options;
  plan_options.write_mps = options.write_mps;
  plan_options.gap_threshold_fte = options.gap_threshold;
  plan_options.skill_mix.year = options.skill_mix_year;
  plan_options.skill_mix_path = options.skill_mix_path == "always"  ? plan::PlanOptions::Path::kAlways
                                : options.skill_mix_path == "never" ? plan::PlanOptions::Path::kNever
                                                                    : plan::PlanOptions::Path::kAuto;
  plan_options.skill_mix.percentile = options.percentile;
  plan_options.skill_mix.shortfall_hard = options.shortfall == "hard";
  plan_options.calibrate_to_staff = options.calibrate_to_staff;
  plan_options.scenario_runs = options.scenario_runs;
  plan_options.suppress = !options.no_suppression;
  plan_options.supply.runs = options.runs;
  plan_options.supply.seed = options.seed;
  plan_options.supply.threads = options.threads;
  plan_options.supply.progress = Progress().Counter("projecting supply", "runs");
  plan_options.cell_progress = Progress().Counter("scenarios, policies and the skill mix year by year", "plans");
  plan_options.step_progress = [](const std::string& step) { Progress().Begin(step); };
  return plan_options;
}

int RunPlan() {
  const Options& options = TheOptions();
  plan::LoadedPlan loaded = LoadPlanOrFail(options);
  const plan::PlanInputs& inputs = loaded.inputs;
  const plan::PlanOptions plan_options = PlanOptionsOf(options);
  const plan::PlanResult result =
      plan::RunPlanWithScenarios(loaded.place, inputs, plan_options, loaded.scenarios, loaded.policies);
  Progress().Begin(fmt::format("writing the report, the workbook and the tables to {}", options.out));
  const std::vector<std::string> written = report::WritePlanOutputs(result, options.out, &loaded.place);
  Progress().Clear();
  if (options.json) {
    std::cout << nlohmann::ordered_json{{"written", written}}.dump(2) << "\n";
  } else {
    std::cout << report::ProfileText(result.profile);
    if (result.demand) {
      const auto& steps = result.demand->waterfall;
      std::cout << fmt::format("  demand: {} FTE of direct care for {} services in {}, {} FTE in {}\n",
                               report::Fte(steps.front().fte), result.demand->service_codes.size(),
                               result.demand->base_year, report::Fte(steps.back().fte), result.demand->last_year);
    }
    if (result.supply) {
      const supply::SupplySeries& total = result.supply->series.front();
      std::cout << fmt::format("  supply: {} staff in {}, {} expected in {} ({} runs, 80% between {} and {})\n",
                               report::Count(std::llround(total.headcount.mean.front())), result.supply->base_year,
                               report::Count(std::llround(total.headcount.mean.back())), result.supply->last_year,
                               report::Count(result.supply->runs), report::Count(std::llround(total.headcount.p10.back())),
                               report::Count(std::llround(total.headcount.p90.back())));
      if (!result.supply->rates.leavers_recorded) std::cout << fmt::format("  {}\n", report::kNoLeaversNote);
    }
    std::cout << HeadlineText(result);
    std::cout << fmt::format("wrote {} files; the report is {}\n", written.size(), written.front());
  }
  return kExitOk;
}

// The option combinations train refuses, checked before the place is read: each organisation's
// workbook names its people by a keyed pseudonym, so it needs the key, and it is kept apart from
// the outputs that may be shared.
void CheckTrainOptions(const Options& options) {
  const Location where{"careforce train", 1, 1};
  if (!options.learners.empty() && options.key_file.empty()) {
    throw InputError(where, "--learners writes each organisation's people under a keyed pseudonym, expected "
                            "--key-file FILE holding the pseudonymisation key (docs/data-protection.md)");
  }
  if (options.learners.empty() && !options.key_file.empty()) {
    throw InputError(where, "--key-file is only used with --learners, expected --learners DIR as well (or no "
                            "--key-file)");
  }
  if (!options.learners.empty() && !options.out.empty()) {
    const auto absolute = [](const std::string& directory) {
      std::error_code error;
      std::filesystem::path path = std::filesystem::weakly_canonical(directory, error);
      if (error) path = std::filesystem::absolute(directory).lexically_normal();
      return path.has_filename() ? path : path.parent_path();
    };
    const std::filesystem::path learners = absolute(options.learners);
    const std::filesystem::path out = absolute(options.out);
    const auto mismatch = std::mismatch(out.begin(), out.end(), learners.begin(), learners.end()).first;
    if (mismatch == out.end()) {
      throw InputError(where, fmt::format("--learners {} is within --out {}, expected a directory of its own for the "
                                          "person-level workbooks, apart from the outputs that may be shared",
                                          options.learners, options.out));
    }
  }
}

// careforce train: the plan of record with its training plan (Step 5, workforce development):
// who learns what, on which course, when and at what cost. The shared outputs (the plan's, with
// the training tables, and training.json) with --out, and each organisation's own workbook of its
// people's courses with --learners.
int RunTrain() {
  const Options& options = TheOptions();
  CheckTrainOptions(options);
  std::optional<store::Pseudonymiser> pseudonymiser;
  if (!options.learners.empty()) pseudonymiser = store::Pseudonymiser::FromKeyFileOrEnvironment(options.key_file);
  plan::LoadedPlan loaded = LoadPlanOrFail(options);
  plan::PlanOptions plan_options = PlanOptionsOf(options);
  plan_options.training = true;
  plan_options.bridge = false;
  const plan::PlanResult result = plan::RunPlan(loaded.place, loaded.inputs, plan_options);
  Progress().Clear();
  if (!result.training) {
    throw InputError(Location{(std::filesystem::path(options.place) / "place.toml").string(), 1, 1},
                     fmt::format("no training plan: {}, expected a course catalogue and staff", result.training_skipped));
  }
  const plan::TrainingPlan& training = *result.training;
  const Place& place = loaded.place;
  const int threshold = result.suppression_threshold;
  const std::set<std::string> hidden = report::HiddenOrganisations(result.profile);
  std::vector<std::string> written;
  if (!options.out.empty()) {
    Progress().Begin(fmt::format("writing the training tables, the report and the workbook to {}", options.out));
    written = report::WritePlanOutputs(result, options.out, &place);
    const std::string json = (std::filesystem::path(options.out) / "training.json").string();
    report::WriteFileAtomically(json, report::TrainingJson(training, place, threshold, hidden).dump(2) + "\n");
    written.push_back(json);
  }
  std::vector<std::string> workbooks;
  if (pseudonymiser) {
    Progress().Begin(fmt::format("writing each organisation's training workbook to {}", options.learners));
    const store::Pseudonymiser& key = *pseudonymiser;
    workbooks = report::WriteOrganisationTrainingWorkbooks(
        training, place, [&](Index person) { return key.Pseudonymise(place.person_ids[person]); }, options.learners);
  }
  Progress().Clear();
  if (options.json) {
    nlohmann::ordered_json json = report::TrainingJson(training, place, threshold, hidden);
    json["written"] = written;
    json["workbooks"] = workbooks;
    std::cout << json.dump(2) << "\n";
  } else {
    std::cout << report::TrainingText(training, threshold, &place, hidden);
    if (!written.empty()) std::cout << fmt::format("wrote {} files; the report is {}\n", written.size(), written.front());
    if (!workbooks.empty()) {
      std::cout << fmt::format("wrote {} organisations' training workbooks to {} (person by person: for each "
                               "organisation's own training lead, not to be shared)\n",
                               workbooks.size(), options.learners);
    }
  }
  return kExitOk;
}

// careforce teams: the neighbourhood teams of a place (designed or its own), what each needs by
// role from its own practices' people, its staff in post and its gap.
int RunTeams() {
  const Options& options = TheOptions();
  plan::LoadedPlan loaded = LoadPlanOrFail(options);
  const Place& place = loaded.place;
  if (const std::string why = plan::WhyNoTeams(place); !why.empty()) {
    throw InputError(Location{(std::filesystem::path(options.place) / "gp_practices.csv").string(), 1, 1},
                     fmt::format("no neighbourhood teams: {}, expected every practice with its coordinates", why));
  }
  Progress().Begin("designing the teams");
  plan::TeamDesign design = plan::TeamsOfPlace(place);
  // Today's staff projected for the base year (exact expected values): what the calibration to the
  // staff in post and the suppression measure against, as in the plan.
  std::optional<supply::SupplyResult> supply;
  if (loaded.inputs.supply_reference && (options.calibrate_to_staff || !options.no_suppression)) {
    supply::SupplyOptions quick;
    quick.years = 1;
    quick.expected = true;
    supply = supply::ProjectSupply(place, loaded.inputs.supply_config, *loaded.inputs.supply_reference, quick);
  }
  std::vector<Service> services = loaded.inputs.services;
  std::optional<demand::DemandResult> demand;
  if (!services.empty()) {
    Progress().Begin("projecting each team's demand");
    demand::VisitTravel travel;
    if (place.travel.from_map) travel.locality_minutes = plan::MapTravel(place, design).locality_minutes;
    demand = demand::ProjectDemand(place, services, loaded.inputs.demand_reference, loaded.inputs.tiers, travel);
    if (options.calibrate_to_staff && supply) {
      // As the plan calibrates (plan::RunPlan): each service's reach scaled so that its roles'
      // staff could give the base year's activity, then the demand projected again.
      Progress().Begin("calibrating the service model to the staff in post");
      const std::vector<double> factors =
          plan::StaffCalibration(plan::AnalyseGaps(place, &*demand, *supply, 0.0), services.size());
      services = plan::CalibratedServices(services, factors);
      demand = demand::ProjectDemand(place, services, loaded.inputs.demand_reference, loaded.inputs.tiers, travel);
    }
  }
  plan::TeamPlan teams = plan::PlanTeams(place, std::move(design), services, loaded.inputs.demand_reference,
                                         loaded.inputs.tiers, demand ? &*demand : nullptr);
  if (!options.no_suppression) {
    // As the plan hides them: small numbers, and what the place's own tables hide (the role's staff
    // by locality in the supply tables, projected here for the base year only).
    intelligence::WorkforceProfile profile = intelligence::ProfileWorkforce(place);
    intelligence::ApplySuppression(profile);
    plan::HiddenElsewhere hidden = plan::HiddenInProfile(place, profile);
    if (supply) {
      supply::ApplySuppression(*supply, place.settings.suppression_threshold, profile);
      hidden = plan::HiddenInSupply(place, *supply);
    }
    plan::SuppressTeams(teams, place.settings.suppression_threshold, hidden);
  }
  Progress().Clear();
  const std::vector<report::ReportTable> tables = report::TeamTables(teams);
  std::vector<std::string> written;
  if (!options.out.empty()) {
    std::filesystem::create_directories(options.out);
    for (const report::ReportTable& table : tables) {
      const std::string path = (std::filesystem::path(options.out) / (table.key() + ".csv")).string();
      report::WriteFileAtomically(path, table.Csv());
      written.push_back(path);
    }
    const std::string map = (std::filesystem::path(options.out) / "teams_map.svg").string();
    report::WriteFileAtomically(map, report::TeamMapSvg(teams));
    written.push_back(map);
  }
  if (options.json) {
    nlohmann::ordered_json json;
    for (const report::ReportTable& table : tables) json[table.key()] = table.Json();
    json["unknown_team_posts"] = nullptr;
    if (const auto unknown = report::ShownUnknownTeamPosts(teams)) json["unknown_team_posts"] = *unknown;
    json["written"] = written;
    std::cout << json.dump(2) << "\n";
  } else {
    std::cout << report::TeamsText(teams);
    if (!options.out.empty()) std::cout << fmt::format("wrote {} files to {}\n", written.size(), options.out);
  }
  return kExitOk;
}

int RunSupply() {
  const Options& options = TheOptions();
  io::ReadOptions read_options;
  read_options.reference_directory = options.reference;
  Progress().Begin(fmt::format("reading the place {}", options.place));
  const Place place = ReadPlaceOrFail(options.place, read_options);
  Progress().Begin("reading the supply configuration and the reference tables");
  const SupplyConfig config = io::ReadPlaceSupplyConfig(options.place, options.supply_config, place);
  const supply::SupplyReference reference = supply::LoadSupplyReference(io::ReferenceDirectory(options.reference));
  supply::SupplyOptions supply_options;
  supply_options.years = options.years;
  supply_options.runs = options.runs;
  supply_options.seed = options.seed;
  supply_options.expected = options.expected;
  supply_options.threads = options.threads;
  Progress().Begin("projecting supply");
  supply_options.progress = Progress().Counter("projecting supply", "runs");
  supply::SupplyResult result = supply::ProjectSupply(place, config, reference, supply_options);
  Progress().Clear();
  if (!options.no_suppression) {
    intelligence::WorkforceProfile profile = intelligence::ProfileWorkforce(place);
    intelligence::ApplySuppression(profile);
    supply::ApplySuppression(result, place.settings.suppression_threshold, profile);
  }
  if (options.json) {
    std::cout << report::SupplyJson(result).dump(2) << "\n";
  } else {
    std::cout << report::SupplyText(result);
  }
  return kExitOk;
}

int RunImport() {
  const Options& options = TheOptions();
  // Everything that can be wrong with the input is found before the database is touched.
  io::ReadOptions read_options;
  read_options.digests = true;
  Progress().Begin(fmt::format("reading the place {}", options.place));
  const Place place = ReadPlaceOrFail(options.place, read_options);
  const store::Pseudonymiser pseudonymiser = store::Pseudonymiser::FromKeyFileOrEnvironment(options.key_file);
  Progress().Begin(fmt::format("importing into {}", options.db));
  store::Store database = store::Store::Open(options.db);
  const store::ImportResult result = database.ImportPlace(place, pseudonymiser);
  Progress().Clear();
  if (options.json) {
    std::cout << nlohmann::ordered_json{{"place", place.name},
                                        {"snapshot", result.snapshot},
                                        {"unchanged", result.unchanged},
                                        {"rows_written", result.rows}}
                     .dump(2)
              << "\n";
  } else if (result.unchanged) {
    std::cout << fmt::format("{}: unchanged since snapshot {}; nothing written to {}\n", place.name, result.snapshot,
                             options.db);
  } else {
    std::cout << fmt::format("{}: imported as snapshot {} ({} rows, staff identifiers pseudonymised) into {}\n",
                             place.name, result.snapshot, report::Count(result.rows), options.db);
  }
  return kExitOk;
}

int RunSnapshots() {
  const Options& options = TheOptions();
  std::error_code missing;
  if (!std::filesystem::exists(options.db, missing)) {
    throw IoError(fmt::format("{}: no such database, expected a file written by careforce import", options.db));
  }
  const store::Store database = store::Store::Open(options.db);
  const auto snapshots = database.Snapshots();
  if (options.json) {
    nlohmann::ordered_json rows = nlohmann::ordered_json::array();
    for (const auto& snapshot : snapshots) {
      rows.push_back({{"snapshot", snapshot.id},
                      {"place", snapshot.place},
                      {"base_year", snapshot.base_year},
                      {"census_date", snapshot.census_date},
                      {"posts", snapshot.posts},
                      {"imported_at", snapshot.imported_at},
                      {"content_digest", snapshot.content_digest}});
    }
    std::cout << nlohmann::ordered_json{{"schema_version", database.SchemaVersion()}, {"snapshots", rows}}.dump(2)
              << "\n";
  } else {
    std::cout << fmt::format("{}: schema version {}, {} snapshot{}\n", options.db, database.SchemaVersion(),
                             snapshots.size(), snapshots.size() == 1 ? "" : "s");
    for (const auto& snapshot : snapshots) {
      std::cout << fmt::format("  {:>4}  {}  census {}  {} posts  imported {}\n", snapshot.id, snapshot.place,
                               snapshot.census_date, report::Count(snapshot.posts), snapshot.imported_at);
    }
  }
  return kExitOk;
}

int RunSynth() {
  Options& options = TheOptions();
  if (!options.census_date.empty()) {
    const auto date = ParseIsoDate(options.census_date);
    if (!date) {
      throw InputError(Location{"careforce synth", 1, 1},
                       fmt::format("--census-date \"{}\" is not a date, expected YYYY-MM-DD", options.census_date));
    }
    options.synth.census_date = *date;
    options.synth.base_year = YearOf(*date);
  }
  Progress().Begin("synthesising the place");
  const synth::Calibration calibration = synth::LoadCalibration(io::ReferenceDirectory(options.reference));
  Place place = synth::SynthesisePlace(options.synth, calibration);
  const demand::DemandReference reference = demand::LoadDemandReference(io::ReferenceDirectory(options.reference));
  place.practice_registers =
      synth::SynthesisePracticeRegisters(place, reference, io::ReferenceDirectory(options.reference), options.synth.seed);
  if (options.register_file) {
    place.demand.register_file = "register.csv";
    place.demand.risk_model_file = "risk_model.toml";
  }
  Progress().Begin(fmt::format("writing the place to {}", options.out));
  io::WritePlace(place, options.out);
  synth::WriteServiceModel(io::ReferenceDirectory(options.reference), options.out, options.register_file);
  synth::WriteSupplyConfig(io::ReferenceDirectory(options.reference), options.out);
  if (options.register_file) {
    Progress().Begin("synthesising the register of residents aged 65 and over");
    const Register people = synth::SynthesiseRegister(place, reference, options.synth.seed);
    synth::WriteRegister(people, (std::filesystem::path(options.out) / "register.csv").string());
    Progress().Clear();
    std::cout << fmt::format("  register of {} residents aged 65 and over (register.csv)\n", report::Count(people.size()));
  }
  Progress().Clear();
  const intelligence::PlaceSummary summary = intelligence::SummarisePlace(place);
  std::cout << fmt::format("{}: wrote a fictional place of {} residents to {}\n", place.name,
                           report::Count(options.synth.population), options.out);
  std::cout << fmt::format("  {} localities, {} organisations, {} people in {} posts ({} FTE), {} vacancies, {} leavers, "
                           "{} GP practices\n",
                           report::Count(summary.localities), report::Count(summary.organisations),
                           report::Count(summary.people), report::Count(summary.posts), report::Fte(summary.fte),
                           report::Count(summary.vacancies), report::Count(summary.leavers),
                           report::Count(summary.gp_practices));
  return kExitOk;
}

int RunBuildWestSussex() {
  const Options& options = TheOptions();
  Progress().Begin(fmt::format("building West Sussex from {}", options.data));
  const synth::WestSussexPlace build =
      synth::BuildWestSussex(options.data, io::ReferenceDirectory(options.reference));
  Progress().Begin(fmt::format("writing the place to {}", options.out));
  synth::WriteWestSussex(build, options.out);
  Progress().Clear();
  const intelligence::PlaceSummary summary = intelligence::SummarisePlace(build.place);
  std::cout << fmt::format("West Sussex: wrote the example place to {}\n", options.out);
  std::cout << fmt::format("  {} organisations, {} people in {} posts ({} FTE), {} GP practices ({} patients), {} "
                           "leavers, {} vacancies\n",
                           report::Count(summary.organisations), report::Count(summary.people),
                           report::Count(summary.posts), report::Fte(summary.fte), report::Count(summary.gp_practices),
                           report::Count(summary.registered_patients), report::Count(summary.leavers),
                           report::Count(summary.vacancies));
  return kExitOk;
}

int RunWisn() {
  const Options& options = TheOptions();
  const std::vector<WisnRole> roles = io::ReadWisnFile(options.file);
  std::vector<demand::WisnResult> results;
  for (const WisnRole& role : roles) results.push_back(demand::ComputeWisn(role));
  if (options.json) {
    nlohmann::ordered_json json_roles = nlohmann::ordered_json::array();
    for (const auto& result : results) {
      nlohmann::ordered_json activities = nlohmann::ordered_json::array();
      for (const auto& activity : result.activities) {
        activities.push_back({{"name", activity.name}, {"standard_workload", activity.standard_workload}});
      }
      json_roles.push_back({{"code", result.code},
                            {"available_working_time_hours", result.available_working_time_hours},
                            {"activities", std::move(activities)},
                            {"service_staff", result.service_staff},
                            {"category_allowance_factor", result.category_allowance_factor},
                            {"individual_allowance_factor", result.individual_allowance_factor},
                            {"required_staff", result.required_staff},
                            {"wisn_difference", result.wisn_difference},
                            {"wisn_ratio", result.wisn_ratio}});
    }
    std::cout << nlohmann::ordered_json{{"roles", std::move(json_roles)}}.dump(2) << "\n";
    return kExitOk;
  }
  for (const auto& result : results) {
    std::cout << fmt::format("{} ({}): available working time {:.1f} hours a year ({:.1f} days)\n", result.code,
                             result.name, result.available_working_time_hours, result.available_days);
    for (const auto& activity : result.activities) {
      std::cout << fmt::format("  standard workload, {}: {:.1f} a year\n", activity.name, activity.standard_workload);
    }
    std::cout << fmt::format(
        "  service staff {:.2f}, category allowance factor {:.4f} ({:.2f}% of time), individual allowance factor "
        "{:.4f}\n  required {:.2f} FTE, in post {:.2f}: difference {:+.2f}, WISN ratio {:.2f}{}\n",
        result.service_staff, result.category_allowance_factor, result.category_allowance_percent,
        result.individual_allowance_factor, result.required_staff, result.staff_in_post, result.wisn_difference,
        result.wisn_ratio,
        result.wisn_ratio < 1.0 ? " (fewer staff than the workload needs)" : "");
  }
  return kExitOk;
}

int RunStratify() {
  const Options& options = TheOptions();
  const RiskModel model = io::ReadRiskModel(options.model);
  const Register people = io::ReadRegister(options.file);
  const demand::Stratification result = demand::Stratify(people, model);
  const auto counts_json = [&](const std::vector<int64_t>& counts) {
    nlohmann::ordered_json json;
    for (std::size_t tier = 0; tier < result.tiers.size(); ++tier) json[result.tiers[tier]] = counts[tier];
    return json;
  };
  if (!options.out.empty()) {
    std::filesystem::create_directories(options.out);
    for (const auto& [file, names, counts] :
         {std::tuple{"tiers_by_practice.csv", &people.practices, &result.by_practice},
          std::tuple{"tiers_by_locality.csv", &people.localities, &result.by_locality}}) {
      std::string csv = fmt::format("{},{}\n", std::string_view(file) == "tiers_by_practice.csv" ? "practice" : "locality",
                                    fmt::join(result.tiers, ","));
      for (std::size_t idx = 0; idx < names->size(); ++idx) csv += fmt::format("{},{}\n", (*names)[idx], fmt::join((*counts)[idx], ","));
      report::WriteFileAtomically((std::filesystem::path(options.out) / file).string(), csv);
    }
  }
  if (options.json) {
    nlohmann::ordered_json by_practice;
    for (std::size_t idx = 0; idx < people.practices.size(); ++idx) {
      by_practice[std::string(people.practices[idx])] = counts_json(result.by_practice[idx]);
    }
    nlohmann::ordered_json by_locality;
    for (std::size_t idx = 0; idx < people.localities.size(); ++idx) {
      by_locality[std::string(people.localities[idx])] = counts_json(result.by_locality[idx]);
    }
    std::cout << nlohmann::ordered_json{{"model", model.name},
                                        {"people", people.size()},
                                        {"tiers", result.tiers},
                                        {"total", counts_json(result.total)},
                                        {"by_locality", std::move(by_locality)},
                                        {"by_practice", std::move(by_practice)}}
                     .dump(2)
              << "\n";
    return kExitOk;
  }
  std::cout << fmt::format("{}: {} people in {} practices and {} localities\n", model.name, report::Count(people.size()),
                           people.practices.size(), people.localities.size());
  for (std::size_t tier = 0; tier < result.tiers.size(); ++tier) {
    std::cout << fmt::format("  {:<12} {:>10} ({})\n", result.tiers[tier], report::Count(result.total[tier]),
                             report::Percent(people.size() ? static_cast<double>(result.total[tier]) / people.size() : 0.0));
  }
  for (std::size_t idx = 0; idx < people.localities.size(); ++idx) {
    std::cout << fmt::format("  {}: {}\n", people.localities[idx], fmt::join(result.by_locality[idx], " / "));
  }
  return kExitOk;
}

int RunInit() {
  const Options& options = TheOptions();
  WritePlaceTemplate(options.out);
  std::cout << fmt::format("wrote a place to start from to {}: edit its files (docs/formats.md), then run careforce "
                           "validate {}\n",
                           options.out, options.out);
  return kExitOk;
}

constexpr const char* kReferenceHelp =
    "Reference directory (default: $CAREFORCE_REFERENCE, else the installed share/careforce/reference, else the "
    "source tree's reference/)";
constexpr const char* kQuietHelp = "No progress on standard error (shown only on a terminal)";
constexpr const char* kCalibrateToStaffHelp =
    "Scale each service's reach so that today's staff in post could give the base year's modelled activity "
    "(docs/methods.md, \"Base year\")";

// A whole number from `least` to a limit (model/limits.hpp); over the limit, the limit's message.
// Text that is not a whole number is left to the option's conversion to report.
CLI::Validator UpTo(const Limit& limit, int64_t least) {
  return CLI::Validator(
      [limit, least](std::string& text) -> std::string {
        int64_t value = 0;
        const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (end != text.data() + text.size()) return {};
        if (error == std::errc::result_out_of_range) return text.starts_with('-') ? std::string() : OverLimit(text, limit);
        if (error != std::errc()) return {};
        if (value > limit.most) return OverLimit(text, limit);
        if (value < least) return fmt::format("{} is less than {}, expected a whole number from {} to {}", text, least, least, limit.most);
        return {};
      },
      fmt::format("INT in [{} - {}]", least, limit.most));
}
constexpr const char* kSupplyConfigHelp = "Supply configuration (default: supply.toml in the place, if any)";

}  // namespace

void RegisterCommands(CLI::App& app) {
  Options& options = TheOptions();

  CLI::App* validate = app.add_subcommand("validate", "Check every file of a place; report every problem");
  validate->add_option("place", options.place, "Place directory (holding place.toml)")->required();
  validate->add_flag("--json", options.json, "Print the summary as JSON");
  validate->add_option("--reference", options.reference, kReferenceHelp);
  validate->add_option("--supply-config", options.supply_config, kSupplyConfigHelp);
  validate->add_option("--scenario", options.scenarios, "A scenario the plan is to compare (checked as plan reads it); repeatable");
  validate->add_option("--policy", options.policies, "A policy the plan is to weigh (checked as plan reads it); repeatable");
  validate
      ->add_option("--runs", options.runs,
                   "Supply runs the plan is to keep (default 1000), checked against the memory "
                   "they would take")
      ->check(UpTo(kMaxRuns, 1));
  validate
      ->add_option("--scenario-runs", options.scenario_runs,
                   "Supply runs of each scenario and policy cell the plan is to keep (default 0), "
                   "checked as --runs")
      ->check(UpTo(kMaxRuns, 0));
  validate->add_flag("--quiet", options.quiet, kQuietHelp);
  Handlers()["validate"] = RunValidate;

  CLI::App* profile = app.add_subcommand("profile", "Profile the whole workforce of a place");
  profile->add_option("place", options.place, "Place directory")->required();
  profile->add_flag("--json", options.json, "Print the full profile as JSON");
  profile->add_flag("--no-suppression", options.no_suppression,
                    "Show small numbers (only for use inside one organisation)");
  profile->add_flag("--quiet", options.quiet, kQuietHelp);
  Handlers()["profile"] = RunProfile;

  CLI::App* plan = app.add_subcommand("plan", "Run the workforce plan and write report.html, plan.json and CSVs");
  plan->add_option("place", options.place, "Place directory")->required();
  plan->add_option("--out", options.out, "Output directory")->required();
  plan->add_flag("--json", options.json, "Print the files written as JSON");
  plan->add_flag("--no-suppression", options.no_suppression,
                 "Show small numbers (only for use inside one organisation)");
  plan->add_option("--reference", options.reference, kReferenceHelp);
  plan->add_flag("--quiet", options.quiet, kQuietHelp);
  plan->add_option("--runs", options.runs, "Supply Monte Carlo runs (default 1000)")->check(UpTo(kMaxRuns, 1));
  plan->add_option("--seed", options.seed, "Random seed of the supply projection (default 1)");
  plan->add_option("--threads", options.threads, "Worker threads (default: every core); never changes the output")
      ->check(CLI::Range(1, 256));
  plan->add_option("--supply-config", options.supply_config, kSupplyConfigHelp);
  plan->add_option("--gap-threshold", options.gap_threshold,
                   "Report the probability of a shortfall larger than this many FTE (default 0)")
      ->check(CLI::Range(0.0, 1e6));
  plan->add_option("--skill-mix-year", options.skill_mix_year, "Year the skill mix is optimised for (default: the last)");
  plan->add_option("--supply-percentile", options.percentile,
                   "Supply counted as available for the skill mix: mean (as the gaps), p10 (cautious), p50 or p90 "
                   "(default mean)")
      ->check(CLI::IsMember({"mean", "p10", "p50", "p90"}));
  plan->add_option("--shortfall", options.shortfall,
                   "Work the plan's staff cannot give: priced as agency or bank cover, or hard (the skill mix is "
                   "infeasible instead; default priced)")
      ->check(CLI::IsMember({"priced", "hard"}));
  plan->add_flag("--calibrate-to-staff", options.calibrate_to_staff, kCalibrateToStaffHelp);
  plan->add_option("--write-mps", options.write_mps, "Write the skill-mix programme in MPS format to this file");
  plan->add_option("--skill-mix-path", options.skill_mix_path,
                   "Skill mix year by year as one programme: auto (when the programme has at most 150,000 variables "
                   "and 75,000 constraints), always or never (default auto)")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  plan->add_option("--scenario", options.scenarios, "A scenario (TOML, docs/formats.md); repeat to compare several");
  plan->add_option("--policy", options.policies,
                   "A policy (a scenario file of levers); repeat: every policy is run under every scenario");
  plan->add_option("--scenario-runs", options.scenario_runs,
                   "Supply runs for each scenario and policy cell (default 0: exact expected values)")
      ->check(UpTo(kMaxRuns, 0));
  Handlers()["plan"] = RunPlan;

  CLI::App* train = app.add_subcommand(
      "train", "Training plan: who must learn what, on which course, when, at what cost, and the time away");
  train->add_option("place", options.place, "Place directory")->required();
  train->add_option("--out", options.out,
                    "Write the plan's outputs with the training tables (report.html, plan.xlsx, plan.json, csv/) and "
                    "training.json here");
  train->add_flag("--json", options.json, "Print the training figures and tables as JSON");
  train->add_option("--learners", options.learners,
                    "Write each organisation's own workbook, person by person (training_<ORG>.xlsx, unsuppressed, "
                    "people by keyed pseudonym) here; needs --key-file");
  train->add_option("--key-file", options.key_file, "File holding the pseudonymisation key (with --learners)");
  train->add_flag("--no-suppression", options.no_suppression,
                  "Show small numbers (only for use inside one organisation)");
  train->add_option("--reference", options.reference, kReferenceHelp);
  train->add_flag("--quiet", options.quiet, kQuietHelp);
  train->add_option("--runs", options.runs, "Supply Monte Carlo runs (default 1000)")->check(UpTo(kMaxRuns, 1));
  train->add_option("--seed", options.seed, "Random seed of the supply projection (default 1)");
  train->add_option("--threads", options.threads, "Worker threads (default: every core); never changes the output")
      ->check(CLI::Range(1, 256));
  train->add_option("--supply-config", options.supply_config, kSupplyConfigHelp);
  train->add_flag("--calibrate-to-staff", options.calibrate_to_staff, kCalibrateToStaffHelp);
  Handlers()["train"] = RunTrain;

  CLI::App* teams = app.add_subcommand(
      "teams", "Neighbourhood teams around GP practices: design (or check), each team's need by role, staff and gap");
  teams->add_option("place", options.place, "Place directory")->required();
  teams->add_option("--out", options.out, "Write the team tables (CSV) and teams_map.svg here");
  teams->add_flag("--json", options.json, "Print the team tables as JSON");
  teams->add_flag("--no-suppression", options.no_suppression,
                  "Show small numbers (only for use inside one organisation)");
  teams->add_flag("--calibrate-to-staff", options.calibrate_to_staff, kCalibrateToStaffHelp);
  teams->add_option("--reference", options.reference, kReferenceHelp);
  teams->add_flag("--quiet", options.quiet, kQuietHelp);
  Handlers()["teams"] = RunTeams;

  CLI::App* import = app.add_subcommand(
      "import", "Store a valid place in a SQLite database as a new snapshot (one transaction)");
  import->add_option("place", options.place, "Place directory")->required();
  import->add_option("--db", options.db, "SQLite database file (created when missing)")->required();
  import->add_option("--key-file", options.key_file,
                     "File holding the pseudonymisation key (default: the CAREFORCE_PSEUDONYMISATION_KEY "
                     "environment variable)");
  import->add_flag("--json", options.json, "Print the outcome as JSON");
  import->add_flag("--quiet", options.quiet, kQuietHelp);
  Handlers()["import"] = RunImport;

  CLI::App* snapshots = app.add_subcommand("snapshots", "List the snapshots held in a database");
  snapshots->add_option("--db", options.db, "SQLite database file")->required();
  snapshots->add_flag("--json", options.json, "Print as JSON");
  Handlers()["snapshots"] = RunSnapshots;

  CLI::App* synth = app.add_subcommand("synth", "Generate a realistic fictional place of any size");
  synth->add_option("--seed", options.synth.seed, "Random seed (the same seed gives the same place)")->required();
  synth->add_option("--population", options.synth.population, "Residents of the place")
      ->required()
      ->check(CLI::Range(int64_t{1000}, int64_t{200'000'000}));
  synth->add_option("--out", options.out, "Directory to write the place to")->required();
  synth->add_option("--name", options.synth.name, "Name of the place");
  synth->add_option("--census-date", options.census_date, "Date of the staff snapshot (YYYY-MM-DD, default 2025-03-31)");
  synth->add_option("--localities", options.synth.localities,
                    "Number of localities (default: one per 75,000 residents, reference/synth/general.csv)")
      ->check(UpTo(kMaxLocalities, 1));
  synth->add_flag("--register", options.register_file,
                  "Also write register.csv: a person-level register of residents aged 65+ (for stratify)");
  synth->add_option("--reference", options.reference, kReferenceHelp);
  synth->add_flag("--quiet", options.quiet, kQuietHelp);
  Handlers()["synth"] = RunSynth;

  CLI::App* west_sussex = app.add_subcommand(
      "build-west-sussex", "Build the West Sussex example place from the published data (see its PROVENANCE.md)");
  west_sussex->add_option("--data", options.data, "Directory of published data (data/published)")->required();
  west_sussex->add_option("--out", options.out, "Directory to write the place to")->required();
  west_sussex->add_option("--reference", options.reference, kReferenceHelp);
  west_sussex->add_flag("--quiet", options.quiet, kQuietHelp);
  Handlers()["build-west-sussex"] = RunBuildWestSussex;

  CLI::App* wisn = app.add_subcommand("wisn", "Workload Indicators of Staffing Need (WHO WISN) for each role of a file");
  wisn->add_option("file", options.file, "WISN file (TOML, docs/formats.md)")->required();
  wisn->add_flag("--json", options.json, "Print the results as JSON");
  Handlers()["wisn"] = RunWisn;

  CLI::App* supply = app.add_subcommand(
      "supply", "Project the workforce we will have: leavers, retirements, joiners, moves and training pipelines");
  supply->add_option("place", options.place, "Place directory")->required();
  supply->add_option("--years", options.years, "Years after the base year (default 10)")->check(UpTo(kMaxYears, 1));
  supply->add_option("--runs", options.runs, "Monte Carlo runs (default 1000)")->check(UpTo(kMaxRuns, 1));
  supply->add_option("--seed", options.seed, "Random seed: the same seed gives the same output (default 1)");
  supply->add_flag("--expected", options.expected, "Exact expected values instead of sampling");
  supply->add_option("--threads", options.threads, "Worker threads (default: every core); never changes the output")
      ->check(CLI::Range(1, 256));
  supply->add_option("--supply-config,--config", options.supply_config,
                     std::string(kSupplyConfigHelp) + "; --config is its deprecated spelling");
  supply->add_option("--reference", options.reference, kReferenceHelp);
  supply->add_flag("--quiet", options.quiet, kQuietHelp);
  supply->add_flag("--json", options.json, "Print every series, the flows and the rates as JSON");
  supply->add_flag("--no-suppression", options.no_suppression,
                   "Show small leaver counts (only for use inside one organisation)");
  Handlers()["supply"] = RunSupply;

  CLI::App* stratify = app.add_subcommand("stratify", "Score a person-level register with a risk model into tiers");
  stratify->add_option("register", options.file, "Register CSV (docs/formats.md, Registers)")->required();
  stratify->add_option("--model", options.model, "Risk model (TOML, docs/formats.md, Risk models)")->required();
  stratify->add_option("--out", options.out, "Directory for tiers_by_practice.csv and tiers_by_locality.csv");
  stratify->add_flag("--json", options.json, "Print the tier counts as JSON");
  Handlers()["stratify"] = RunStratify;

  CLI::App* init = app.add_subcommand("init", "Start a place of one's own: write a small valid place to edit");
  init->add_option("directory", options.out, "New or empty directory to write the place to")->required();
  Handlers()["init"] = RunInit;
}

namespace {

// "a, b or c"
std::string OneOf(const std::vector<std::string>& names) {
  if (names.size() < 2) return names.empty() ? std::string() : names.front();
  return fmt::format("{} or {}", fmt::join(names.begin(), names.end() - 1, ", "), names.back());
}

std::string Suggestion(const std::string& word, const std::vector<std::string>& names) {
  const std::vector<std::string_view> candidates(names.begin(), names.end());
  return io::DidYouMean(word, candidates);
}

// Spellings kept working for a while: command, old option, the option to use.
struct Deprecated {
  const char* command;
  const char* option;
  const char* instead;
};
constexpr Deprecated kDeprecated[] = {{"supply", "--config", "--supply-config"}};

// A negative number given as an option's value ("-1"), not an option.
bool IsNumber(const std::string& argument) {
  return argument.size() > 1 && (std::isdigit(static_cast<unsigned char>(argument[1])) || argument[1] == '.');
}

}  // namespace

UsageCheck CheckUsage(const CLI::App& app, const std::vector<std::string>& arguments) {
  UsageCheck check;
  std::vector<std::string> commands;
  for (const CLI::App* command : app.get_subcommands([](const CLI::App*) { return true; })) {
    commands.push_back(command->get_name());
  }
  const auto first = std::find_if(arguments.begin(), arguments.end(),
                                  [](const std::string& argument) { return argument.empty() || argument[0] != '-'; });
  for (auto option = arguments.begin(); option != first; ++option) {
    if (*option == "--help" || *option == "-h" || *option == "--version") return check;  // the parser answers
    check.error = fmt::format("unknown option \"{}\" before the command, expected a command ({}), --help or --version",
                              *option, OneOf(commands));
    return check;
  }
  if (first == arguments.end()) {
    check.error = fmt::format("a command is required, expected one of {} (careforce --help describes them)", OneOf(commands));
    return check;
  }
  const CLI::App* command = nullptr;
  for (const CLI::App* candidate : app.get_subcommands([](const CLI::App*) { return true; })) {
    if (candidate->get_name() == *first) command = candidate;
  }
  if (command == nullptr) {
    check.error = fmt::format("unknown command \"{}\", expected one of {}{}", *first, OneOf(commands),
                              Suggestion(*first, commands));
    return check;
  }
  std::vector<std::string> options;   // as listed to the user (no deprecated spelling)
  std::vector<std::string> accepted;  // every spelling the parser takes
  for (const CLI::Option* option : command->get_options()) {
    for (const std::string& name : option->get_lnames()) {
      const std::string spelled = "--" + name;
      accepted.push_back(spelled);
      const bool deprecated = std::any_of(std::begin(kDeprecated), std::end(kDeprecated), [&](const Deprecated& old) {
        return command->get_name() == old.command && spelled == old.option;
      });
      if (!deprecated && name != "help") options.push_back(spelled);
    }
    for (const std::string& name : option->get_snames()) accepted.push_back("-" + name);
  }
  for (auto argument = std::next(first); argument != arguments.end(); ++argument) {
    if (*argument == "--") break;  // everything after is positional
    if (argument->size() < 2 || (*argument)[0] != '-' || IsNumber(*argument)) continue;
    const std::string name = argument->substr(0, argument->find('='));
    if (std::find(accepted.begin(), accepted.end(), name) == accepted.end()) {
      check.error = fmt::format("unknown option \"{}\" of careforce {}, expected {}{}", name, command->get_name(),
                                options.empty() ? std::string("no option but --help") : "one of " + OneOf(options),
                                Suggestion(name, options));
      return check;
    }
    for (const Deprecated& old : kDeprecated) {
      if (command->get_name() == old.command && name == old.option) {
        check.warnings.push_back(fmt::format("{} of careforce {} is deprecated, expected {} (the same option under "
                                             "every command)",
                                             old.option, old.command, old.instead));
      }
    }
  }
  return check;
}

int RunSelected(const CLI::App& app) {
  for (const CLI::App* command : app.get_subcommands()) {
    const auto handler = Handlers().find(command->get_name());
    if (handler == Handlers().end()) continue;
    Progress().Show(!TheOptions().quiet);
    try {
      const int status = handler->second();
      Progress().Clear();
      return status;
    } catch (...) {
      Progress().Clear();
      throw;
    }
  }
  throw InternalError("no handler for the chosen command");
}

void PrintDiagnostics(const Diagnostics& diagnostics) {
  if (!diagnostics.all().empty()) Progress().Clear();
  for (const Diagnostic& diagnostic : diagnostics.all()) std::fprintf(stderr, "%s\n", diagnostic.Format().c_str());
  if (diagnostics.HasErrors()) {
    std::fprintf(stderr, "careforce: %zu error%s\n", diagnostics.error_count(),
                 diagnostics.error_count() == 1 ? "" : "s");
  }
}

}  // namespace careforce::cli
