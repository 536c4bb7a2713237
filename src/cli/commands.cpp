#include "cli/commands.hpp"

#include <cstdio>
#include <filesystem>
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include <unistd.h>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "demand/stratify.hpp"
#include "demand/wisn.hpp"
#include "intelligence/profile.hpp"
#include "intelligence/summary.hpp"
#include "io/place_reader.hpp"
#include "io/reference_table.hpp"
#include "model/error.hpp"
#include "plan/plan.hpp"
#include "plan/scenario.hpp"
#include "supply/disclosure.hpp"
#include "supply/projection.hpp"
#include "report/format.hpp"
#include "report/plan_report.hpp"
#include "report/profile_tables.hpp"
#include "report/supply_tables.hpp"
#include "io/place_writer.hpp"
#include "io/risk_reader.hpp"
#include "io/scenario_reader.hpp"
#include "io/scope_reader.hpp"
#include "io/service_reader.hpp"
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
  std::string config;
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

// Reads a place, printing every problem (errors and warnings) and throwing when invalid.
Place ReadPlaceOrFail(const std::string& directory, const io::ReadOptions& read_options = {}) {
  Diagnostics diagnostics;
  Place place = io::ReadPlace(directory, diagnostics, read_options);
  if (diagnostics.HasErrors()) throw InputError(std::move(diagnostics));
  PrintDiagnostics(diagnostics);  // warnings only
  return place;
}

// A place with its service model (services.toml, when the place has one) and the demand
// reference tables it is read against.
struct PlaceWithServices {
  Place place;
  demand::DemandReference reference;
  std::vector<Service> services;
  std::string services_path;  // empty when the place has no service model
  std::optional<ScopeTable> scope;  // the task table the services were read against
  demand::TierCohorts tiers;  // from the place's register and risk model, when it has them
};

PlaceWithServices ReadPlaceWithServices(const std::string& directory, const std::string& reference_directory,
                                        io::ReadOptions read_options = {}) {
  PlaceWithServices loaded;
  read_options.reference_directory = reference_directory;
  loaded.place = ReadPlaceOrFail(directory, read_options);
  loaded.reference = demand::LoadDemandReference(io::ReferenceDirectory(reference_directory));
  const DemandSettings& settings = loaded.place.demand;
  if (!settings.register_file.empty()) {
    const std::string register_path = (std::filesystem::path(directory) / settings.register_file).string();
    const RiskModel model = io::ReadRiskModel((std::filesystem::path(directory) / settings.risk_model_file).string());
    const Register people = io::ReadRegister(register_path);
    std::vector<std::string> localities;
    for (const Locality& locality : loaded.place.localities) localities.push_back(locality.code);
    loaded.tiers = demand::CohortsForPlace(demand::Stratify(people, model), people, localities, register_path);
  }
  const std::filesystem::path services = std::filesystem::path(directory) / settings.services_file;
  if (std::filesystem::exists(services)) {
    loaded.services_path = services.string();
    loaded.scope = io::ReadScopeTable(io::ReferenceDirectory(reference_directory));
    Diagnostics warnings;
    loaded.services = io::ReadServices(loaded.services_path, loaded.place, loaded.reference.NeedCodes(), loaded.tiers.names,
                                       &*loaded.scope, &warnings);
    PrintDiagnostics(warnings);
  }
  return loaded;
}

std::string SummaryText(const intelligence::PlaceSummary& summary) {
  using report::Count;
  std::string registers;
  if (summary.practice_registers > 0) {
    registers = fmt::format("  {} practice register counts ({} registers)\n", Count(summary.practice_registers),
                            Count(summary.register_codes));
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
  const PlaceWithServices loaded = ReadPlaceWithServices(options.place, options.reference);
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
                                   {"services", loaded.services.size()},
                                   {"leavers_recorded", place.leavers_recorded}};
    if (!place.leavers_recorded) json["notes"] = {report::kNoLeaversNote};
    std::cout << json.dump(2) << "\n";
  } else {
    std::cout << SummaryText(summary);
    if (!place.leavers_recorded) std::cout << fmt::format("  {}\n", report::kNoLeaversNote);
    if (!loaded.services_path.empty()) {
      std::cout << fmt::format("  service model: {} services ({})\n", loaded.services.size(), loaded.services_path);
    }
  }
  return kExitOk;
}

int RunProfile() {
  const Options& options = TheOptions();
  const Place place = ReadPlaceOrFail(options.place);
  intelligence::WorkforceProfile profile = intelligence::ProfileWorkforce(place);
  if (!options.no_suppression) intelligence::ApplySuppression(profile);
  if (options.json) {
    std::cout << report::ProfileJson(profile).dump(2) << "\n";
  } else {
    std::cout << report::ProfileText(profile);
  }
  return kExitOk;
}

// The place's supply configuration: the given file, else supply.toml in the place, else defaults.
SupplyConfig ReadSupplyConfigFor(const Place& place, const std::string& directory, const std::string& given) {
  const std::filesystem::path path = given.empty() ? std::filesystem::path(directory) / "supply.toml" : std::filesystem::path(given);
  if (!given.empty() || std::filesystem::exists(path)) return io::ReadSupplyConfig(path.string(), place);
  return SupplyConfig{};
}

// Progress of a long Monte Carlo on a terminal (standard error), never in a pipe.
std::function<void(int, int)> TerminalProgress(std::string_view what, std::string_view unit = "runs") {
  if (!isatty(fileno(stderr))) return {};
  return [what = std::string(what), unit = std::string(unit)](int done, int total) {
    if (done % std::max(1, total / 100) != 0 && done != total) return;
    std::fprintf(stderr, "\r%s: %d of %d %s", what.c_str(), done, total, unit.c_str());
    if (done == total) std::fprintf(stderr, "\n");
  };
}

int RunPlan() {
  const Options& options = TheOptions();
  PlaceWithServices loaded = ReadPlaceWithServices(options.place, options.reference);
  plan::PlanInputs inputs;
  inputs.services = std::move(loaded.services);
  inputs.demand_reference = std::move(loaded.reference);
  inputs.tiers = std::move(loaded.tiers);
  inputs.supply_config = ReadSupplyConfigFor(loaded.place, options.place, options.config);
  inputs.supply_reference = supply::LoadSupplyReference(io::ReferenceDirectory(options.reference));
  inputs.plan_reference = plan::LoadPlanReference(io::ReferenceDirectory(options.reference));
  if (loaded.scope) inputs.plan_reference->figures.push_back(plan::ScopeFigure(*loaded.scope));
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
  if (!options.json) {
    plan_options.supply.progress = TerminalProgress("supply");
    plan_options.cell_progress = TerminalProgress("scenarios and policies", "plans");
  }
  std::vector<std::string> service_codes;
  for (const Service& service : inputs.services) service_codes.push_back(service.code);
  const auto read_scenarios = [&](const std::vector<std::string>& paths) {
    std::vector<Scenario> read;
    for (const std::string& path : paths) {
      read.push_back(io::ReadScenario(path, loaded.place, service_codes, inputs.demand_reference.NeedCodes()));
    }
    return read;
  };
  const std::vector<Scenario> scenarios = read_scenarios(options.scenarios);
  const std::vector<Scenario> policies = read_scenarios(options.policies);
  const plan::PlanResult result = plan::RunPlanWithScenarios(loaded.place, inputs, plan_options, scenarios, policies);
  const std::vector<std::string> written = report::WritePlanOutputs(result, options.out);
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
    std::cout << fmt::format("wrote {} files; the report is {}\n", written.size(), written.front());
  }
  return kExitOk;
}

int RunSupply() {
  const Options& options = TheOptions();
  io::ReadOptions read_options;
  read_options.reference_directory = options.reference;
  const Place place = ReadPlaceOrFail(options.place, read_options);
  const SupplyConfig config = ReadSupplyConfigFor(place, options.place, options.config);
  const supply::SupplyReference reference = supply::LoadSupplyReference(io::ReferenceDirectory(options.reference));
  supply::SupplyOptions supply_options;
  supply_options.years = options.years;
  supply_options.runs = options.runs;
  supply_options.seed = options.seed;
  supply_options.expected = options.expected;
  supply_options.threads = options.threads;
  if (!options.json) supply_options.progress = TerminalProgress("supply");
  supply::SupplyResult result = supply::ProjectSupply(place, config, reference, supply_options);
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
  const Place place = ReadPlaceOrFail(options.place, read_options);
  const store::Pseudonymiser pseudonymiser = store::Pseudonymiser::FromKeyFileOrEnvironment(options.key_file);
  store::Store database = store::Store::Open(options.db);
  const store::ImportResult result = database.ImportPlace(place, pseudonymiser);
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
  if (!std::filesystem::exists(options.db)) {
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
  const synth::Calibration calibration = synth::LoadCalibration(io::ReferenceDirectory(options.reference));
  Place place = synth::SynthesisePlace(options.synth, calibration);
  const demand::DemandReference reference = demand::LoadDemandReference(io::ReferenceDirectory(options.reference));
  place.practice_registers =
      synth::SynthesisePracticeRegisters(place, reference, io::ReferenceDirectory(options.reference), options.synth.seed);
  if (options.register_file) {
    place.demand.register_file = "register.csv";
    place.demand.risk_model_file = "risk_model.toml";
  }
  io::WritePlace(place, options.out);
  synth::WriteServiceModel(io::ReferenceDirectory(options.reference), options.out, options.register_file);
  synth::WriteSupplyConfig(io::ReferenceDirectory(options.reference), options.out);
  if (options.register_file) {
    const Register people = synth::SynthesiseRegister(place, reference, options.synth.seed);
    synth::WriteRegister(people, (std::filesystem::path(options.out) / "register.csv").string());
    std::cout << fmt::format("  register of {} residents aged 65 and over (register.csv)\n", report::Count(people.size()));
  }
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
  const synth::WestSussexPlace build =
      synth::BuildWestSussex(options.data, io::ReferenceDirectory(options.reference));
  synth::WriteWestSussex(build, options.out);
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

}  // namespace

void RegisterCommands(CLI::App& app) {
  Options& options = TheOptions();

  CLI::App* validate = app.add_subcommand("validate", "Check every file of a place; report every problem");
  validate->add_option("place", options.place, "Place directory (holding place.toml)")->required();
  validate->add_flag("--json", options.json, "Print the summary as JSON");
  validate->add_option("--reference", options.reference, "Reference directory (default: the source tree's reference/)");
  Handlers()["validate"] = RunValidate;

  CLI::App* profile = app.add_subcommand("profile", "Profile the whole workforce of a place");
  profile->add_option("place", options.place, "Place directory")->required();
  profile->add_flag("--json", options.json, "Print the full profile as JSON");
  profile->add_flag("--no-suppression", options.no_suppression,
                    "Show small numbers (only for use inside one organisation)");
  Handlers()["profile"] = RunProfile;

  CLI::App* plan = app.add_subcommand("plan", "Run the workforce plan and write report.html, plan.json and CSVs");
  plan->add_option("place", options.place, "Place directory")->required();
  plan->add_option("--out", options.out, "Output directory")->required();
  plan->add_flag("--json", options.json, "Print the files written as JSON");
  plan->add_flag("--no-suppression", options.no_suppression,
                 "Show small numbers (only for use inside one organisation)");
  plan->add_option("--reference", options.reference, "Reference directory (default: the source tree's reference/)");
  plan->add_option("--runs", options.runs, "Supply Monte Carlo runs (default 1000)")->check(CLI::Range(1, 1'000'000));
  plan->add_option("--seed", options.seed, "Random seed of the supply projection (default 1)");
  plan->add_option("--threads", options.threads, "Worker threads (default: every core); never changes the output")
      ->check(CLI::Range(1, 256));
  plan->add_option("--supply-config", options.config, "Supply configuration (default: supply.toml in the place, if any)");
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
  plan->add_flag("--calibrate-to-staff", options.calibrate_to_staff,
                 "Scale each service's reach so that today's staff in post could give the base year's modelled "
                 "activity (docs/methods.md, \"Base year\")");
  plan->add_option("--write-mps", options.write_mps, "Write the skill-mix programme in MPS format to this file");
  plan->add_option("--skill-mix-path", options.skill_mix_path,
                   "Skill mix year by year as one programme: auto (when localities x years <= 300), always or never "
                   "(default auto)")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  plan->add_option("--scenario", options.scenarios, "A scenario (TOML, docs/formats.md); repeat to compare several");
  plan->add_option("--policy", options.policies,
                   "A policy (a scenario file of levers); repeat: every policy is run under every scenario");
  plan->add_option("--scenario-runs", options.scenario_runs,
                   "Supply runs for each scenario and policy cell (default 0: exact expected values)")
      ->check(CLI::Range(0, 1'000'000));
  Handlers()["plan"] = RunPlan;

  CLI::App* import = app.add_subcommand(
      "import", "Store a valid place in a SQLite database as a new snapshot (one transaction)");
  import->add_option("place", options.place, "Place directory")->required();
  import->add_option("--db", options.db, "SQLite database file (created when missing)")->required();
  import->add_option("--key-file", options.key_file,
                     "File holding the pseudonymisation key (default: the CAREFORCE_PSEUDONYMISATION_KEY "
                     "environment variable)");
  import->add_flag("--json", options.json, "Print the outcome as JSON");
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
      ->check(CLI::Range(1, 100000));
  synth->add_flag("--register", options.register_file,
                  "Also write register.csv: a person-level register of residents aged 65+ (for stratify)");
  synth->add_option("--reference", options.reference,
                    "Reference directory with the calibration tables (default: the source tree's reference/)");
  Handlers()["synth"] = RunSynth;

  CLI::App* west_sussex = app.add_subcommand(
      "build-west-sussex", "Build the West Sussex example place from the published data (see its PROVENANCE.md)");
  west_sussex->add_option("--data", options.data, "Directory of published data (data/published)")->required();
  west_sussex->add_option("--out", options.out, "Directory to write the place to")->required();
  west_sussex->add_option("--reference", options.reference, "Reference directory (default: the source tree's reference/)");
  Handlers()["build-west-sussex"] = RunBuildWestSussex;

  CLI::App* wisn = app.add_subcommand("wisn", "Workload Indicators of Staffing Need (WHO WISN) for each role of a file");
  wisn->add_option("file", options.file, "WISN file (TOML, docs/formats.md)")->required();
  wisn->add_flag("--json", options.json, "Print the results as JSON");
  Handlers()["wisn"] = RunWisn;

  CLI::App* supply = app.add_subcommand(
      "supply", "Project the workforce we will have: leavers, retirements, joiners, moves and training pipelines");
  supply->add_option("place", options.place, "Place directory")->required();
  supply->add_option("--years", options.years, "Years after the base year (default 10)")->check(CLI::Range(1, 50));
  supply->add_option("--runs", options.runs, "Monte Carlo runs (default 1000)")->check(CLI::Range(1, 1'000'000));
  supply->add_option("--seed", options.seed, "Random seed: the same seed gives the same output (default 1)");
  supply->add_flag("--expected", options.expected, "Exact expected values instead of sampling");
  supply->add_option("--threads", options.threads, "Worker threads (default: every core); never changes the output")
      ->check(CLI::Range(1, 256));
  supply->add_option("--config", options.config, "Supply configuration (default: supply.toml in the place, if any)");
  supply->add_option("--reference", options.reference, "Reference directory (default: the source tree's reference/)");
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
}

int RunSelected(const CLI::App& app) {
  for (const CLI::App* command : app.get_subcommands()) {
    const auto handler = Handlers().find(command->get_name());
    if (handler != Handlers().end()) return handler->second();
  }
  throw InternalError("no handler for the chosen command");
}

void PrintDiagnostics(const Diagnostics& diagnostics) {
  for (const Diagnostic& diagnostic : diagnostics.all()) std::fprintf(stderr, "%s\n", diagnostic.Format().c_str());
  if (diagnostics.HasErrors()) {
    std::fprintf(stderr, "careforce: %zu error%s\n", diagnostics.error_count(),
                 diagnostics.error_count() == 1 ? "" : "s");
  }
}

}  // namespace careforce::cli
