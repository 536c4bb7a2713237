// Scenarios: reading (exact errors), applying (figures by hand) and the policy matrix.

#include "plan/scenario.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "io/place_reader.hpp"
#include "io/scenario_reader.hpp"
#include "io/service_reader.hpp"
#include "model/error.hpp"
#include "test_support.hpp"

namespace careforce::plan {
namespace {

using careforce::testing::DataDir;
using careforce::testing::TempDir;

struct Toy {
  Place place;
  PlanInputs inputs;
  std::vector<std::string> service_codes;
};

const Toy& TheToy() {
  static const Toy* toy = [] {
    auto* made = new Toy;
    io::ReadOptions options;
    options.today = careforce::testing::FixedToday();
    made->place = io::LoadPlace((DataDir() / "places" / "demand_toy").string(), options);
    const std::string reference = std::string(CAREFORCE_SOURCE_DIR) + "/reference";
    made->inputs.demand_reference = demand::LoadDemandReference(reference);
    made->inputs.services = io::ReadServices((DataDir() / "places" / "demand_toy" / "services.toml").string(), made->place,
                                             made->inputs.demand_reference.NeedCodes());
    made->inputs.supply_reference = supply::LoadSupplyReference(reference);
    made->inputs.plan_reference = LoadPlanReference(reference);
    for (const Service& service : made->inputs.services) made->service_codes.push_back(service.code);
    return made;
  }();
  return *toy;
}

Scenario Read(const std::string& toml) {
  TempDir temp;
  careforce::testing::WriteFile(temp.path() / "scenario.toml", toml);
  return io::ReadScenario((temp.path() / "scenario.toml").string(), TheToy().place, TheToy().service_codes,
                          TheToy().inputs.demand_reference.NeedCodes());
}

PlanOptions Options() {
  PlanOptions options;
  options.supply.runs = 50;
  options.supply.threads = 1;
  return options;
}

TEST(Scenario, DemandGrowthAndShiftsChangeThePeopleReached) {
  const Scenario scenario = Read(R"(
name = "Growth"
[demand]
growth_per_year = 0.02
[[demand.shift]]
service = "memory_support"
share_eligible = 0.9
year = 2030
)");
  const ScenarioApplied applied = ApplyScenario(TheToy().place, TheToy().inputs, Options(), scenario);
  const demand::DemandResult base =
      demand::ProjectDemand(TheToy().place, TheToy().inputs.services, TheToy().inputs.demand_reference);
  const demand::DemandResult grown =
      demand::ProjectDemand(applied.place, applied.inputs.services, applied.inputs.demand_reference);
  // North 2030: people with dementia x 1.02^5 more; reached 90% instead of 60%.
  const auto reached = [](const demand::DemandResult& result, int year) {
    for (const auto& row : result.activity) {
      if (row.year == year && row.locality == 0) return row.people_reached;
    }
    return -1.0;
  };
  EXPECT_NEAR(reached(grown, 2030), reached(base, 2030) / 0.6 * 0.9 * std::pow(1.02, 5), 1e-9);
  EXPECT_NEAR(reached(grown, 2025), reached(base, 2025), 1e-9);
}

TEST(Scenario, PayParityCostsTheGapToTheNhsComparator) {
  // Care workers (comparator support_worker) against the trust's healthcare assistant at
  // £24,000 per FTE: care home CW 1.0 FTE at £22,425 (+£1,575), 0.5 at £11,212.50 (+£787.50),
  // 0.4 at £9,000 (+£600); the council's 0.6 FTE at £14,000 (+£400); times the social care
  // on-cost of 1.12.
  const Scenario scenario = Read("name = \"Parity\"\n[pay]\nharmonise = true\n");
  const ScenarioApplied applied = ApplyScenario(TheToy().place, TheToy().inputs, Options(), scenario);
  EXPECT_NEAR(applied.pay_harmonisation_cost, (1575 + 787.5 + 600 + 400) * 1.12, 1e-6);
  EXPECT_NEAR(applied.place.staff[4].annual_pay, 24000, 1e-9);
}

TEST(Scenario, NewRolesJoinThePlaceWithTheirProfileAndRecruitment) {
  const Scenario scenario = Read(R"(
name = "Integrated worker"
[[new_role]]
code = "IHSW"
name = "Integrated support worker"
staff_group = "integrated"
registered = false
annual_salary = 26000
sector = "nhs_community"
competences = ["MED", "DEM"]
[[supply.joiners]]
role = "IHSW"
sector = "nhs_community"
source = "labour_market"
per_year = 2
ages = "30"
)");
  ASSERT_EQ(scenario.new_roles.size(), 1u);
  const ScenarioApplied applied = ApplyScenario(TheToy().place, TheToy().inputs, Options(), scenario);
  EXPECT_EQ(applied.place.roles.back().code, "IHSW");
  EXPECT_EQ(applied.place.role_competences.size(), TheToy().place.role_competences.size() + 2);
  ASSERT_EQ(applied.inputs.supply_config.joiners.size(), 1u);
  EXPECT_EQ(applied.inputs.supply_config.joiners[0].role, applied.place.roles.size() - 1);
  PlanOptions options = Options();
  options.supply.expected = true;
  const PlanResult result = RunPlan(applied.place, applied.inputs, applied.options);
  // Two recruits a year at 30 for 5 years, none leaving at 30-34 under... the reference rate:
  // the new role is in the supply projection and in the skill mix at its salary.
  ASSERT_TRUE(result.supply->Find("role", "IHSW"));
  bool in_mix = false;
  for (const SkillMixRole& role : result.skill_mix->problem.roles) {
    if (role.code == "IHSW") {
      in_mix = true;
      EXPECT_NEAR(role.cost_per_hour, 26000 * 1.30 / 1113.0, 1e-9);
    }
  }
  EXPECT_TRUE(in_mix);
}

TEST(Scenario, RegretIsTheCostAboveTheBestPolicyInEachFuture) {
  const Scenario cheap = Read("name = \"Do nothing\"\n");
  const Scenario parity = Read("name = \"Parity\"\n[pay]\nharmonise = true\n");
  const Scenario growth = Read("name = \"Growth\"\n[demand]\ngrowth_per_year = 0.03\n");
  const Scenario base = Read("name = \"Base\"\n");
  const PolicyMatrix matrix = RunPolicyMatrix(TheToy().place, TheToy().inputs, Options(), {cheap, parity}, {base, growth}, 2);
  ASSERT_EQ(matrix.cells.size(), 2u);
  for (std::size_t future = 0; future < 2; ++future) {
    const double best = std::min(matrix.cells[0][future].total_cost, matrix.cells[1][future].total_cost);
    EXPECT_NEAR(matrix.regret[0][future], matrix.cells[0][future].total_cost - best, 1e-6);
    EXPECT_NEAR(matrix.regret[1][future], matrix.cells[1][future].total_cost - best, 1e-6);
    // Paying more costs more: parity is never better here.
    EXPECT_GT(matrix.cells[1][future].total_cost, matrix.cells[0][future].total_cost);
  }
  EXPECT_EQ(matrix.recommended, 0u);
  EXPECT_DOUBLE_EQ(matrix.worst_regret[0], 0.0);
  // The same matrix on one thread.
  const PolicyMatrix one = RunPolicyMatrix(TheToy().place, TheToy().inputs, Options(), {cheap, parity}, {base, growth}, 1);
  EXPECT_EQ(one.cells[1][1].total_cost, matrix.cells[1][1].total_cost);
}

TEST(Scenario, PoliciesThatChangeNothingTieAndAreNamedTogether) {
  const Scenario nothing = Read("name = \"Do nothing\"\n");
  const Scenario same = Read("name = \"Also nothing\"\n[limits]\nbudget = 1e11\n");  // a budget that never binds
  const Scenario parity = Read("name = \"Parity\"\n[pay]\nharmonise = true\n");
  const Scenario base = Read("name = \"Base\"\n");
  const PolicyMatrix matrix = RunPolicyMatrix(TheToy().place, TheToy().inputs, Options(), {parity, nothing, same}, {base}, 2);
  EXPECT_NEAR(matrix.cells[1][0].total_cost, matrix.cells[2][0].total_cost, 1e-6 * matrix.cells[1][0].total_cost);
  EXPECT_EQ(matrix.recommended, 1u);
  EXPECT_EQ(matrix.least_regret, (std::vector<std::size_t>{1, 2}));
  EXPECT_GT(matrix.worst_regret[0], 1.0);
}

TEST(Scenario, ThePolicyMatrixMeasuresEveryPolicyAgainstNoNewPolicy) {
  // The first row changes nothing: its cells are the futures as they come, the same figures as
  // the scenarios compared side by side.
  const Scenario growth = Read("name = \"Growth\"\n[demand]\ngrowth_per_year = 0.03\n");
  const Scenario parity = Read("name = \"Parity\"\n[pay]\nharmonise = true\n");
  PlanOptions options = Options();
  options.supply.threads = 2;
  const PlanResult result = RunPlanWithScenarios(TheToy().place, TheToy().inputs, options, {growth}, {parity});
  ASSERT_TRUE(result.policy_matrix);
  // The plan of record keeps its skill mix year by year (solved alongside the cells), the same
  // as without scenarios.
  ASSERT_TRUE(result.skill_mix);
  EXPECT_EQ(result.skill_mix->path.years.size(), 5u);
  EXPECT_NEAR(result.skill_mix->path.cost, RunPlan(TheToy().place, TheToy().inputs, options).skill_mix->path.cost,
              1e-6 * result.skill_mix->path.cost);
  const PolicyMatrix& matrix = *result.policy_matrix;
  EXPECT_EQ(matrix.policies, (std::vector<std::string>{kNoNewPolicy, "Parity"}));
  // The futures: the base as planned, then the scenarios.
  EXPECT_EQ(matrix.futures, (std::vector<std::string>{"Base", "Growth"}));
  ASSERT_EQ(result.scenarios.size(), 2u);  // the base, then growth
  EXPECT_EQ(result.scenarios[1].name, "Growth");
  EXPECT_DOUBLE_EQ(matrix.cells[0][0].total_cost, result.scenarios[0].total_cost);
  EXPECT_DOUBLE_EQ(matrix.cells[0][1].total_cost, result.scenarios[1].total_cost);
  // Parity only adds pay: doing nothing new has no regret, parity the cost of levelling up.
  EXPECT_EQ(matrix.least_regret, (std::vector<std::size_t>{0}));
  for (const std::size_t future : {0u, 1u}) {
    EXPECT_GT(matrix.cells[1][future].pay_harmonisation_cost, 0.0);
    EXPECT_NEAR(matrix.regret[1][future], matrix.cells[1][future].total_cost - matrix.cells[0][future].total_cost, 1e-6);
  }
}

TEST(Plan, SkillMixPathRunsFromTheYearAfterTheBaseToThePlanYear) {
  PlanOptions options = Options();
  const PlanResult result = RunPlan(TheToy().place, TheToy().inputs, options);
  ASSERT_TRUE(result.skill_mix);
  const SkillMixPlan& mix = *result.skill_mix;
  const SkillMixPath& path = mix.path;
  ASSERT_EQ(path.status, SolveStatus::kOptimal);
  ASSERT_EQ(path.years.size(), 5u);  // 2026 to 2030
  EXPECT_EQ(path.years.front().year, 2026);
  EXPECT_EQ(path.years.back().year, mix.year);
  EXPECT_EQ(mix.path_roles.size(), mix.problem.roles.size());
  double total = 0.0;
  for (const auto& year : path.years) total += year.staff_cost + year.one_off_cost + year.shortfall_cost;
  EXPECT_NEAR(path.cost, total, 1e-6 * path.cost);
  // Hires leave at their role's rate: leavers and retirements a year over the average headcount.
  for (const SkillMixRole& role : mix.problem.roles) {
    for (const supply::RoleFlows& flows : result.supply->role_flows) {
      if (TheToy().place.roles[flows.role].code != role.code) continue;
      EXPECT_NEAR(role.leaver_rate, (flows.leavers + flows.retirements) / ((flows.base + flows.last) / 2 * 5), 1e-12)
          << role.code;
    }
  }
}

TEST(Plan, TheBridgeStartsAtTheGapAndItsStepsSumToTheCheapestMixsHires) {
  const PlanResult result = RunPlan(TheToy().place, TheToy().inputs, Options());
  ASSERT_TRUE(result.skill_mix && result.gaps);
  const SkillMixPlan& mix = *result.skill_mix;
  ASSERT_EQ(mix.bridge.size(), 6u);
  // The first step is the gap at today's mix: the one shortfall of the gap analysis.
  EXPECT_NEAR(mix.bridge.front().hires_fte, result.gaps->Shortfall(mix.year), 1e-6);
  EXPECT_GT(mix.bridge.front().hires_fte, 0.0);
  // The shortfall by role sums to the place's.
  double by_role = 0.0;
  for (Index role = 0; role < TheToy().place.roles.size(); ++role) by_role += result.gaps->Shortfall(mix.year, role);
  EXPECT_NEAR(by_role, result.gaps->Shortfall(mix.year), 1e-9);
  // Each step's change is its own; together they make the cheapest mix's hires exactly.
  double total = 0.0;
  for (const BridgeStep& step : mix.bridge) {
    EXPECT_EQ(step.status, SolveStatus::kOptimal) << step.name;
    total += step.change_fte;
  }
  EXPECT_NEAR(total, mix.result.HiresFte(), 1e-9);
  EXPECT_NEAR(mix.bridge.back().hires_fte, mix.result.HiresFte(), 1e-12);
  EXPECT_NEAR(mix.bridge.back().cost, mix.result.cost, 1e-6);
  // The scenario comparison's base row says the same.
  PlanOptions options = Options();
  const ScenarioOutcome outcome = Outcome("Base", result, 0.0);
  EXPECT_NEAR(outcome.shortfall_fte, mix.bridge.front().hires_fte, 1e-6);
  EXPECT_NEAR(outcome.hires_fte, mix.bridge.back().hires_fte, 1e-9);
}

TEST(Scenario, ASupplyLeverLowersTheShortfallAndTheRegretUnderAShortFuture) {
  // A future where no one can be hired: healthcare assistants (0.76 FTE in post for 1.4 FTE of
  // work) are short, and the rest of their work goes to agency cover at the 55% premium. A policy
  // adding assistants where they are short gives the plan assistants of its own at their pay:
  // less agency cover, a lower total cost, no regret. Recruiting far more than the shortage
  // (the recruits are committed: the plan may not give them up by not replacing leavers) costs
  // their pay, mostly idle: regret.
  const Scenario short_future = Read("name = \"No hiring\"\n[limits]\nmax_hires_fte = 0\n");
  const auto recruit = [](const std::string& name, double per_year) {
    return Read(fmt::format("name = \"{}\"\n[[supply.joiners]]\nrole = \"HCA\"\nsector = \"nhs_community\"\n"
                            "source = \"labour_market\"\nper_year = {}\n",
                            name, per_year));
  };
  const Scenario nothing = Read("name = \"Do nothing\"\n");
  const PolicyMatrix matrix = RunPolicyMatrix(TheToy().place, TheToy().inputs, Options(),
                                              {nothing, recruit("A few assistants", 0.2), recruit("Many assistants", 1)},
                                              {short_future}, 2);
  const ScenarioOutcome& as_is = matrix.cells[0][0];
  const ScenarioOutcome& few = matrix.cells[1][0];
  const ScenarioOutcome& many = matrix.cells[2][0];
  ASSERT_EQ(as_is.skill_mix_status, "optimal");
  EXPECT_GT(as_is.undelivered_fte, 2.5);
  EXPECT_LT(few.undelivered_fte, as_is.undelivered_fte - 0.5);
  EXPECT_LT(few.undelivered_cost, as_is.undelivered_cost);
  EXPECT_LT(few.total_cost, as_is.total_cost);
  EXPECT_GT(many.total_cost, as_is.total_cost + 10000);
  EXPECT_GT(matrix.regret[0][0], 1000.0);
  EXPECT_DOUBLE_EQ(matrix.regret[1][0], 0.0);
  EXPECT_GT(matrix.regret[2][0], 10000.0);
  EXPECT_EQ(matrix.recommended, 1u);
}

TEST(Plan, ThePathIsSolvedUnlessAskedNotOrTooLarge) {
  PlanOptions options = Options();
  options.skill_mix_path = PlanOptions::Path::kNever;
  const PlanResult never = RunPlan(TheToy().place, TheToy().inputs, options);
  EXPECT_TRUE(never.skill_mix->path.years.empty());
  EXPECT_EQ(never.skill_mix->path_skipped, "");
  options.skill_mix_path = PlanOptions::Path::kAuto;
  // Chosen by the size of the programme, estimated before it is built: the toy's 2 localities × 5
  // years are 425 variables (as built) and at most 355 constraints (317 as built).
  options.path_auto_size = {425, 354};
  const PlanResult skipped = RunPlan(TheToy().place, TheToy().inputs, options);
  EXPECT_TRUE(skipped.skill_mix->path.years.empty());
  EXPECT_EQ(skipped.skill_mix->path_estimate.variables, 425u);
  EXPECT_EQ(skipped.skill_mix->path_estimate.constraints, 355u);
  EXPECT_EQ(skipped.skill_mix->path_skipped,
            "its programme would have about 425 variables and 355 constraints (2 localities × 5 years), more than the "
            "425 variables and 354 constraints solved without being asked (it would take a minute or more); "
            "--skill-mix-path always solves it");
  EXPECT_EQ(skipped.skill_mix->path_choice,
            "the skill mix year by year: not solved, about 425 variables and 355 constraints is more than the 425 and "
            "354 solved without being asked");
  options.path_auto_size = {425, 355};
  const PlanResult solved = RunPlan(TheToy().place, TheToy().inputs, options);
  EXPECT_EQ(solved.skill_mix->path.years.size(), 5u);
  EXPECT_EQ(solved.skill_mix->path.variables, 425u);
  EXPECT_EQ(solved.skill_mix->path.constraints, 317u);
  EXPECT_EQ(solved.skill_mix->path_choice,
            "the skill mix year by year: one programme of about 425 variables and 355 constraints (at most 425 and 355 "
            "are solved)");
  options.path_auto_size = {10, 10};
  options.skill_mix_path = PlanOptions::Path::kAlways;
  const PlanResult always = RunPlan(TheToy().place, TheToy().inputs, options);
  EXPECT_EQ(always.skill_mix->path.years.size(), 5u);
  EXPECT_EQ(always.skill_mix->path_choice,
            "the skill mix year by year: one programme of about 425 variables and 355 constraints (--skill-mix-path "
            "always)");
}

TEST(Plan, AnInterventionRepeatedFourHundredTimesPlansAsOne) {
  // The toy's service model with its first intervention given as 400 copies, each with a 400th
  // of its contacts: the same work, so the same programmes (the copies are alike and solved as
  // one task), the same costs, and the path chosen and solved as for the toy itself.
  std::vector<Service> copies = TheToy().inputs.services;
  Intervention& first = copies[0].tiers[0].interventions[0];
  first.contacts_per_week /= 400;
  copies[0].tiers[0].interventions.assign(400, first);
  PlanInputs inputs = TheToy().inputs;
  inputs.services = copies;
  const PlanResult toy = RunPlan(TheToy().place, TheToy().inputs, Options());
  const PlanResult repeated = RunPlan(TheToy().place, inputs, Options());
  const SkillMixPlan& mix = *repeated.skill_mix;
  ASSERT_EQ(mix.result.status, SolveStatus::kOptimal);
  EXPECT_EQ(mix.problem.tasks.size(), toy.skill_mix->problem.tasks.size() + 2 * 399);  // a task per copy and locality
  EXPECT_EQ(mix.result.program.variables().size(), toy.skill_mix->result.program.variables().size());
  EXPECT_EQ(mix.result.program.constraints().size(), toy.skill_mix->result.program.constraints().size());
  EXPECT_NEAR(mix.result.cost, toy.skill_mix->result.cost, 1e-6 * toy.skill_mix->result.cost);
  EXPECT_EQ(mix.path_estimate.variables, 425u);
  EXPECT_EQ(mix.path.years.size(), 5u);
  EXPECT_EQ(mix.path.variables, toy.skill_mix->path.variables);
  EXPECT_EQ(mix.path.constraints, toy.skill_mix->path.constraints);
  EXPECT_NEAR(mix.path.cost, toy.skill_mix->path.cost, 1e-6 * toy.skill_mix->path.cost);
}

TEST(Plan, AOneYearPathIsThePlanYearsProgramme) {
  PlanOptions options = Options();
  options.skill_mix.year = 2026;
  const PlanResult result = RunPlan(TheToy().place, TheToy().inputs, options);
  const SkillMixPlan& mix = *result.skill_mix;
  ASSERT_EQ(mix.path.years.size(), 1u);
  ASSERT_EQ(mix.result.status, SolveStatus::kOptimal);
  EXPECT_NEAR(mix.path.cost, mix.result.cost, 1e-6 * mix.result.cost);
  for (std::size_t role = 0; role < mix.problem.roles.size(); ++role) {
    double hired = 0.0;
    for (const double fte : mix.result.hires_fte[role]) hired += fte;
    EXPECT_NEAR(mix.path.years[0].new_hires_fte[role], hired, 1e-6) << mix.problem.roles[role].code;
  }
}

struct BadScenario {
  std::string name;
  std::string toml;
  std::string message;
};

class BadScenarioTest : public ::testing::TestWithParam<BadScenario> {};

TEST_P(BadScenarioTest, IsRejectedWithAnExactMessage) {
  TempDir temp;
  const auto path = temp.path() / "scenario.toml";
  careforce::testing::WriteFile(path, GetParam().toml);
  try {
    io::ReadScenario(path.string(), TheToy().place, TheToy().service_codes, TheToy().inputs.demand_reference.NeedCodes());
    FAIL() << "expected an InputError";
  } catch (const InputError& error) {
    std::string message = error.diagnostics().all().front().Format();
    message.replace(message.find(path.string()), path.string().size(), "FILE");
    EXPECT_EQ(message, GetParam().message);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Scenarios, BadScenarioTest,
    ::testing::Values(
        BadScenario{"unknown_reference_role",
                    "name = \"x\"\n[[new_role]]\ncode = \"IHSW\"\nname = \"Integrated\"\nstaff_group = \"integrated\"\n"
                    "registered = false\nannual_salary = 26000\nsector = \"nhs_community\"\ncompetences = [\"DEM\"]\n"
                    "reference_role = \"HCW\"\n",
                    "FILE:10:18: error: reference role \"HCW\" of new role IHSW is not the reference code of a role of "
                    "the place, expected one of RN, HCA, CW, SW, GP (did you mean \"HCA\"?)"},
        BadScenario{"unknown_key", "name = \"x\"\n[demand]\ngrowth = 0.1\n",
                    "FILE:3:1: error: unknown key \"growth\" in [demand], expected one of growth_per_year, "
                    "prevalence_change_per_year or shift (did you mean \"growth_per_year\"?)"},
        BadScenario{"unknown_service", "name = \"x\"\n[[demand.shift]]\nservice = \"memory\"\nshare_eligible = 0.5\nyear = 2030\n",
                    "FILE:3:11: error: unknown service \"memory\" in [[demand.shift]], expected a service of the place's "
                    "model (did you mean \"memory_support\"?)"},
        BadScenario{"unknown_need", "name = \"x\"\n[demand.prevalence_change_per_year]\ndementa = 0.01\n",
                    "FILE:3:11: error: unknown need \"dementa\" in [demand.prevalence_change_per_year], expected one of "
                    "dementia, frailty_mild, frailty_moderate, frailty_severe, multimorbidity, adl_help (did you mean "
                    "\"dementia\"?)"},
        BadScenario{"existing_role", "name = \"x\"\n[[new_role]]\ncode = \"RN\"\nname = \"n\"\nstaff_group = \"integrated\"\n"
                                     "registered = false\nannual_salary = 1\nsector = \"voluntary\"\ncompetences = []\n",
                    "FILE:3:8: error: role \"RN\" exists already, expected a new role code"},
        BadScenario{"unknown_competence",
                    "name = \"x\"\n[[new_role]]\ncode = \"NEW\"\nname = \"n\"\nstaff_group = \"integrated\"\n"
                    "registered = false\nannual_salary = 1\nsector = \"voluntary\"\ncompetences = [\"DEMM\"]\n",
                    "FILE:9:15: error: unknown competence \"DEMM\" in [[new_role]], expected a competence of "
                    "competences.csv (did you mean \"DEM\"?)"},
        BadScenario{"negative_budget", "name = \"x\"\n[limits]\nbudget = -5\n",
                    "FILE:3:10: error: budget = -5 in [limits] is out of range, expected a number at least 0 and at most "
                    "1000000000000"},
        BadScenario{"pipeline_into_unknown_role",
                    "name = \"x\"\n[[supply.pipeline]]\nname = \"p\"\nrole = \"RM\"\nsector = \"voluntary\"\nyears = 2\n"
                    "attrition_per_year = 0.1\nintake_per_year = 3\n",
                    "FILE:4:8: error: unknown role \"RM\" in [[supply.pipeline]], expected a role of roles.csv (did you mean "
                    "\"RN\"?)"}),
    [](const ::testing::TestParamInfo<BadScenario>& info) { return info.param.name; });

TEST(Scenario, CellsChooseHowToSolveTheirSkillMixByTheSizeOfTheirProgramme) {
  // A future with no feasible skill mix (no agency cover, no hires) and one that has one. Cells of
  // a programme within cell_auto_size also cost today's mix and name the limits that stop the
  // infeasible one; above it (a size one variable smaller than the toy's programme) they solve the
  // cheapest mix only, and say so.
  const Scenario shut =
      Read("name = \"No hires\"\n[limits]\nmax_hires_fte = 0\n[demand]\ngrowth_per_year = 0.5\n");
  const Scenario growth = Read("name = \"Growth\"\n[demand]\ngrowth_per_year = 0.03\n");
  const auto run = [&](const ProgrammeSize& most, std::vector<std::string>& steps) {
    PlanOptions options = Options();
    options.skill_mix.shortfall_hard = true;
    options.skill_mix_path = PlanOptions::Path::kNever;
    options.cell_auto_size = most;
    options.step_progress = [&](const std::string& step) { steps.push_back(step); };
    return RunPlanWithScenarios(TheToy().place, TheToy().inputs, options, {growth, shut}, {});
  };
  std::vector<std::string> steps;
  const PlanResult record = run(ProgrammeSize{50'000, 25'000}, steps);
  ASSERT_TRUE(record.skill_mix);
  const std::size_t variables = record.skill_mix->result.program.variables().size();
  const std::size_t constraints = record.skill_mix->result.program.constraints().size();
  const std::string size =
      fmt::format("3 cells of about {} variables and {} constraints each", variables, constraints);
  // At the size exactly: in full.
  std::vector<std::string> at_steps;
  const PlanResult at = run(ProgrammeSize{variables, constraints}, at_steps);
  for (const PlanResult* full : {&record, &at}) {
    EXPECT_TRUE(full->cells_full);
    ASSERT_EQ(full->scenarios.size(), 3u);
    EXPECT_EQ(full->scenarios[2].skill_mix_status, "infeasible");
    EXPECT_FALSE(full->scenarios[2].short_constraints.empty());
    EXPECT_TRUE(std::isfinite(full->scenarios[1].todays_mix_cost));
    EXPECT_GT(full->scenarios[1].todays_mix_cost, 0.0);
  }
  EXPECT_EQ(record.cell_choice,
            "scenario and policy cells: " + size +
                ", each with today's mix and, when no mix is feasible, the limits that stop it "
                "(at most 50000 and 25000 are solved so)");
  EXPECT_NE(std::find(steps.begin(), steps.end(), record.cell_choice), steps.end());
  // One variable fewer: the cheapest mix only, the same cheapest mix.
  std::vector<std::string> over_steps;
  const PlanResult over = run(ProgrammeSize{variables - 1, constraints}, over_steps);
  EXPECT_FALSE(over.cells_full);
  EXPECT_EQ(
      over.cell_choice,
      fmt::format("scenario and policy cells: {}, the cheapest mix only, more than the {} and {} "
                  "for which today's mix and the limits of an infeasible mix are solved too",
                  size, variables - 1, constraints));
  EXPECT_NE(std::find(over_steps.begin(), over_steps.end(), over.cell_choice), over_steps.end());
  ASSERT_EQ(over.scenarios.size(), 3u);
  EXPECT_EQ(over.scenarios[2].skill_mix_status, "infeasible");
  EXPECT_TRUE(over.scenarios[2].short_constraints.empty());
  for (std::size_t cell = 0; cell < 2; ++cell) {
    EXPECT_TRUE(std::isinf(over.scenarios[cell].todays_mix_cost));
    EXPECT_DOUBLE_EQ(over.scenarios[cell].total_cost, record.scenarios[cell].total_cost);
  }
  // The plan of record is solved in full whatever the cells do.
  EXPECT_EQ(over.skill_mix->todays_mix.status, SolveStatus::kOptimal);
}

}  // namespace
}  // namespace careforce::plan
