// A place that names every role and competence its own way and maps them to the shipped codes
// (reference_role, reference_competence) projects exactly as the place with the shipped codes:
// tests/data/places/demand_toy, copied with every code renamed in every file.

#include <filesystem>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "demand/demand.hpp"
#include "io/place_reader.hpp"
#include "io/scope_reader.hpp"
#include "io/service_reader.hpp"
#include "io/supply_reader.hpp"
#include "model/error.hpp"
#include "plan/plan.hpp"
#include "supply/projection.hpp"
#include "test_support.hpp"

namespace careforce::supply {
namespace {

namespace fs = std::filesystem;
using careforce::testing::DataDir;
using careforce::testing::ReadFile;
using careforce::testing::TempDir;
using careforce::testing::WriteFile;

const std::map<std::string, std::string> kRoles = {
    {"RN", "RGN"}, {"HCA", "NHSA"}, {"CW", "CARER"}, {"SW", "SOCW"}, {"GP", "GPX"}};
const std::map<std::string, std::string> kCompetences = {{"CC", "CERT"}, {"MED", "MEDS"}, {"DEM", "DEMA"}};

// A supply configuration naming roles, written with the place's codes.
std::string SupplyToml(const std::map<std::string, std::string>& roles) {
  return fmt::format(R"([settings]
credibility_staff_years = 20

[[move]]
from_role = "{}"
from_sector = "independent"
to_role = "{}"
to_sector = "nhs_community"
rate = 0.05

[[joiners]]
role = "{}"
sector = "local_authority"
source = "labour_market"
per_year = 1
ages = "30"
)",
                     roles.at("CW"), roles.at("HCA"), roles.at("SW"));
}

std::map<std::string, std::string> Identity(const std::map<std::string, std::string>& codes) {
  std::map<std::string, std::string> same;
  for (const auto& [code, renamed] : codes) same[code] = code;
  return same;
}

// Rewrites the named columns of a simple CSV file (no quoted fields) through `codes`, and adds a
// column `added` holding each row's original code of column `added_from` when given.
void RenameCsv(const fs::path& path, const std::map<std::string, const std::map<std::string, std::string>*>& columns,
               const std::string& added = "", const std::string& added_from = "") {
  std::istringstream in(ReadFile(path));
  std::string out;
  std::vector<std::string> header;
  for (std::string line; std::getline(in, line);) {
    std::vector<std::string> fields;
    std::stringstream split(line);
    for (std::string field; std::getline(split, field, ',');) fields.push_back(field);
    if (!line.empty() && line.back() == ',') fields.emplace_back();
    const bool first = header.empty();
    if (first) header = fields;
    std::string original;
    for (std::size_t idx = 0; idx < fields.size() && !first; ++idx) {
      if (header[idx] == added_from) original = fields[idx];
      const auto column = columns.find(header[idx]);
      if (column == columns.end()) continue;
      const auto renamed = column->second->find(fields[idx]);
      if (renamed == column->second->end()) throw InternalError(fmt::format("no new code for {}", fields[idx]));
      fields[idx] = renamed->second;
    }
    if (!added.empty()) fields.push_back(first ? added : original);
    out += fmt::format("{}\n", fmt::join(fields, ","));
  }
  WriteFile(path, out);
}

// The demand toy with every code renamed; with `map` the shipped codes are given as reference codes.
fs::path RenamedToy(const fs::path& target, bool map) {
  careforce::testing::CopyFiles(DataDir() / "places" / "demand_toy", target);
  RenameCsv(target / "roles.csv", {{"code", &kRoles}}, map ? "reference_role" : "", "code");
  RenameCsv(target / "competences.csv", {{"code", &kCompetences}}, map ? "reference_competence" : "", "code");
  RenameCsv(target / "role_competences.csv", {{"role", &kRoles}, {"competence", &kCompetences}});
  RenameCsv(target / "staff.csv", {{"role", &kRoles}});
  RenameCsv(target / "vacancies.csv", {{"role", &kRoles}});
  RenameCsv(target / "leavers.csv", {{"role", &kRoles}});
  RenameCsv(target / "staff_competences.csv", {{"competence", &kCompetences}});
  std::string services = ReadFile(target / "services.toml");
  for (const auto& [code, renamed] : kCompetences) {
    const std::string quoted = fmt::format("\"{}\"", code);
    for (std::size_t at = services.find(quoted); at != std::string::npos; at = services.find(quoted, at)) {
      services.replace(at, quoted.size(), fmt::format("\"{}\"", renamed));
    }
  }
  WriteFile(target / "services.toml", services);
  WriteFile(target / "supply.toml", SupplyToml(kRoles));
  return target;
}

struct Projected {
  Place place;
  Diagnostics diagnostics;
  SupplyResult supply;
  demand::DemandResult demand;
  plan::PlanResult plan;  // the whole plan (exact expected supply), scope of practice checked
};

// The toy's two interventions named as acts of the task table, so that scope of practice (looked
// up by reference codes) is part of what must not change.
void NameActs(const fs::path& directory) {
  std::string services = ReadFile(directory / "services.toml");
  for (const auto& [name, act] : {std::pair<std::string, std::string>{"Case manager visit", "case_management"},
                                  std::pair<std::string, std::string>{"Check-in call", "care_coordination"}}) {
    const std::string line = fmt::format("name = \"{}\"", name);
    const std::size_t at = services.find(line);
    if (at == std::string::npos) throw InternalError("no intervention " + name);
    services.insert(at + line.size(), fmt::format("\n    act = \"{}\"", act));
  }
  WriteFile(directory / "services.toml", services);
}

Projected ProjectOrThrow(const fs::path& directory);

// Reads and projects a place; an invalid one fails with its messages.
Projected Project(const fs::path& directory) {
  try {
    return ProjectOrThrow(directory);
  } catch (const InputError& error) {
    std::string messages;
    for (const Diagnostic& diagnostic : error.diagnostics().all()) messages += diagnostic.Format() + "\n";
    throw InternalError(messages);
  }
}

Projected ProjectOrThrow(const fs::path& directory) {
  Projected projected;
  io::ReadOptions options;
  options.today = careforce::testing::FixedToday();
  projected.place = io::ReadPlace(directory.string(), projected.diagnostics, options);
  if (projected.diagnostics.HasErrors()) throw InputError(projected.diagnostics);
  const std::string reference = std::string(CAREFORCE_SOURCE_DIR) + "/reference";
  const SupplyConfig config = io::ReadSupplyConfig((directory / "supply.toml").string(), projected.place);
  SupplyOptions options_supply;
  options_supply.expected = true;
  options_supply.years = 5;
  projected.supply = ProjectSupply(projected.place, config, LoadSupplyReference(reference), options_supply);
  const demand::DemandReference demand_reference = demand::LoadDemandReference(reference);
  const ScopeTable scope = io::ReadScopeTable(reference);
  const std::vector<Service> services =
      io::ReadServices((directory / "services.toml").string(), projected.place, demand_reference.NeedCodes(), {}, &scope);
  projected.demand = demand::ProjectDemand(projected.place, services, demand_reference);
  plan::PlanInputs inputs;
  inputs.services = services;
  inputs.demand_reference = demand_reference;
  inputs.supply_config = config;
  inputs.supply_reference = LoadSupplyReference(reference);
  inputs.plan_reference = plan::LoadPlanReference(reference);
  plan::PlanOptions plan_options;
  plan_options.supply.expected = true;
  plan_options.supply.threads = 1;
  projected.plan = plan::RunPlan(projected.place, inputs, plan_options);
  return projected;
}

const Projected& Shipped() {
  static const Projected* projected = [] {
    static TempDir temp;
    careforce::testing::CopyFiles(DataDir() / "places" / "demand_toy", temp.path());
    WriteFile(temp.path() / "supply.toml", SupplyToml(Identity(kRoles)));
    NameActs(temp.path());
    return new Projected(Project(temp.path()));
  }();
  return *projected;
}

TEST(ReferenceCodes, ARenamedAndMappedPlaceHasTheSameRatesAndSeries) {
  TempDir temp;
  const fs::path directory = RenamedToy(temp.path() / "renamed", true);
  NameActs(directory);
  const Projected renamed = Project(directory);
  const Projected& shipped = Shipped();
  EXPECT_EQ(renamed.diagnostics.size(), 0u);
  ASSERT_EQ(renamed.place.roles.size(), shipped.place.roles.size());
  for (Index role = 0; role < shipped.place.roles.size(); ++role) {
    EXPECT_EQ(renamed.place.roles[role].code, kRoles.at(shipped.place.roles[role].code));
    EXPECT_EQ(ReferenceCode(renamed.place.roles[role]), shipped.place.roles[role].code);
  }

  const FlowRates& a = shipped.supply.rates;
  const FlowRates& b = renamed.supply.rates;
  ASSERT_EQ(a.leaving.size(), b.leaving.size());
  for (std::size_t row = 0; row < a.leaving.size(); ++row) {
    EXPECT_EQ(std::tie(a.leaving[row].role, a.leaving[row].sector, a.leaving[row].band),
              std::tie(b.leaving[row].role, b.leaving[row].sector, b.leaving[row].band));
    EXPECT_EQ(a.leaving[row].evidence.exposure, b.leaving[row].evidence.exposure);
    EXPECT_EQ(a.leaving[row].evidence.events, b.leaving[row].evidence.events);
    EXPECT_EQ(a.leaving[row].evidence.reference, b.leaving[row].evidence.reference) << "row " << row;
    EXPECT_EQ(a.leaving[row].evidence.rate, b.leaving[row].evidence.rate) << "row " << row;
  }
  ASSERT_EQ(a.retirement.size(), b.retirement.size());
  for (std::size_t row = 0; row < a.retirement.size(); ++row) {
    EXPECT_EQ(a.retirement[row].evidence.rate, b.retirement[row].evidence.rate);
  }
  // The care home's nurse (RGN mapped to RN, independent, all ages), by hand: 1 in post all year
  // (P04, 52) and no leaver in the year (L04 left in 2023); the reference is social care nurses'
  // 0.326 with no retirement to take off (nobody 55+); Z = 1 / (1 + 20), observed 0.
  const Index rn = 0;
  bool found = false;
  for (const LeaverRateRow& row : b.leaving) {
    if (row.role != rn || row.sector != Sector::kIndependent || row.band != kBands) continue;
    found = true;
    EXPECT_DOUBLE_EQ(row.evidence.reference, 0.326);
    EXPECT_DOUBLE_EQ(row.evidence.exposure, 1.0);
    EXPECT_EQ(row.evidence.events, 0);
    EXPECT_DOUBLE_EQ(row.evidence.rate, 20.0 / 21.0 * 0.326);
  }
  EXPECT_TRUE(found);

  // Every series, with codes translated: the same expected headcount and FTE each year.
  const auto translate = [&](const SupplySeries& series) {
    std::string code = series.code;
    if (series.dimension == "role" || series.dimension == "role_sector" || series.dimension == "role_locality") {
      const std::size_t slash = code.find('/');
      const std::string role = code.substr(0, slash);
      code = kRoles.at(role) + (slash == std::string::npos ? "" : code.substr(slash));
    }
    return code;
  };
  ASSERT_EQ(shipped.supply.series.size(), renamed.supply.series.size());
  for (const SupplySeries& series : shipped.supply.series) {
    const SupplySeries* other = renamed.supply.Find(series.dimension, translate(series));
    ASSERT_NE(other, nullptr) << series.dimension << " " << series.code;
    EXPECT_EQ(series.headcount.mean, other->headcount.mean) << series.dimension << " " << series.code;
    EXPECT_EQ(series.fte.mean, other->fte.mean) << series.dimension << " " << series.code;
  }
  const SupplySeries* nurses = renamed.supply.Find("role", "RGN");
  ASSERT_NE(nurses, nullptr);
  EXPECT_DOUBLE_EQ(nurses->headcount.mean.front(), 3.0);

  // Demand: the same FTE required of each role in each locality and year.
  ASSERT_EQ(shipped.demand.role_demand.size(), renamed.demand.role_demand.size());
  ASSERT_FALSE(shipped.demand.role_demand.empty());
  for (std::size_t row = 0; row < shipped.demand.role_demand.size(); ++row) {
    const auto& x = shipped.demand.role_demand[row];
    const auto& y = renamed.demand.role_demand[row];
    EXPECT_EQ(std::tie(x.year, x.locality, x.role, x.fte), std::tie(y.year, y.locality, y.role, y.fte));
  }

  // The whole plan: gaps, the bridge and the cheapest mix (scope, training, conversions and
  // reserved work all looked up by reference codes) are the same.
  const plan::PlanResult& p = shipped.plan;
  const plan::PlanResult& q = renamed.plan;
  ASSERT_TRUE(p.gaps && q.gaps && p.skill_mix && q.skill_mix);
  EXPECT_EQ(p.gaps->Shortfall(p.skill_mix->year), q.gaps->Shortfall(q.skill_mix->year));
  const plan::SkillMixResult& a_mix = p.skill_mix->result;
  const plan::SkillMixResult& b_mix = q.skill_mix->result;
  ASSERT_EQ(a_mix.status, plan::SolveStatus::kOptimal);
  EXPECT_NEAR(a_mix.cost, b_mix.cost, 1e-6 * a_mix.cost);
  EXPECT_NEAR(a_mix.HiresFte(), b_mix.HiresFte(), 1e-9);
  ASSERT_EQ(p.skill_mix->bridge.size(), q.skill_mix->bridge.size());
  for (std::size_t step = 0; step < p.skill_mix->bridge.size(); ++step) {
    EXPECT_NEAR(p.skill_mix->bridge[step].hires_fte, q.skill_mix->bridge[step].hires_fte, 1e-9) << step;
  }
  ASSERT_EQ(p.skill_mix->problem.roles.size(), q.skill_mix->problem.roles.size());
  for (std::size_t role = 0; role < p.skill_mix->problem.roles.size(); ++role) {
    EXPECT_EQ(q.skill_mix->problem.roles[role].code, kRoles.at(p.skill_mix->problem.roles[role].code));
    double hours_a = 0.0;
    double hours_b = 0.0;
    for (const double hours : a_mix.hours_used[role]) hours_a += hours;
    for (const double hours : b_mix.hours_used[role]) hours_b += hours;
    EXPECT_NEAR(hours_a, hours_b, 1e-6) << p.skill_mix->problem.roles[role].code;
  }
  EXPECT_FALSE(p.skill_mix->problem.cross_skilling.empty());
  ASSERT_EQ(p.skill_mix->problem.cross_skilling.size(), q.skill_mix->problem.cross_skilling.size());
  ASSERT_EQ(p.skill_mix->problem.conversions.size(), q.skill_mix->problem.conversions.size());
  // The acts are checked: the check-in call is not given by care workers (never in its scope).
  for (const auto& row : a_mix.assignments) {
    if (p.skill_mix->problem.tasks[row.task].act == "care_coordination") {
      EXPECT_NE(p.skill_mix->problem.roles[row.role].code, "CW");
    }
  }
}

TEST(ReferenceCodes, RenamedCodesWithoutAMappingFallBackAndAreWarnedOf) {
  TempDir temp;
  const fs::path directory = RenamedToy(temp.path() / "renamed", false);
  const Projected unmapped = Project(directory);
  // The nurses of the care home now get social care's rate for any role, 0.283, not 0.326.
  bool found = false;
  for (const LeaverRateRow& row : unmapped.supply.rates.leaving) {
    if (row.role != 0 || row.sector != Sector::kIndependent || row.band != kBands) continue;
    found = true;
    EXPECT_DOUBLE_EQ(row.evidence.reference, 0.283);
  }
  EXPECT_TRUE(found);
  std::vector<std::string> messages;
  for (const Diagnostic& diagnostic : unmapped.diagnostics.all()) {
    EXPECT_EQ(diagnostic.severity, Severity::kWarning);
    messages.push_back(diagnostic.Format().substr(directory.string().size() + 1));
  }
  ASSERT_EQ(messages.size(), 8u);
  EXPECT_EQ(messages[0],
            "competences.csv:2:1: warning: competence \"CERT\" has no reference match (no reference_competence and not "
            "a shipped code): it is not reserved to registered professionals, and no training "
            "course applies to it (reference/plan/)");
  EXPECT_EQ(messages[3],
            "roles.csv:2:1: warning: role \"RGN\" has no reference match (no reference_role and not a shipped code): "
            "its reference leaver rate is that of any role of its sector group (\"*\" in synth/turnover.csv), it gives "
            "no act of the task table (reference/plan/scope.csv) and no role conversion applies to it");
}

}  // namespace
}  // namespace careforce::supply
