// The skill-mix problem built from tests/data/places/demand_toy (figures in
// tests/demand/demand_test.cpp): visits, today's split, costs and hours by hand.

#include "plan/skill_mix_builder.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "io/place_reader.hpp"
#include "io/service_reader.hpp"
#include "model/error.hpp"
#include "test_support.hpp"

namespace careforce::plan {
namespace {

using careforce::testing::DataDir;

struct Built {
  Place place;
  std::vector<Service> services;
  demand::DemandResult demand;
  supply::SupplyResult supply;
  PlanReference reference;
};

const Built& Toy() {
  static const Built* built = [] {
    auto* made = new Built;
    io::ReadOptions options;
    options.today = careforce::testing::FixedToday();
    made->place = io::LoadPlace((DataDir() / "places" / "demand_toy").string(), options);
    const std::string reference = std::string(CAREFORCE_SOURCE_DIR) + "/reference";
    const demand::DemandReference demand_reference = demand::LoadDemandReference(reference);
    made->services = io::ReadServices((DataDir() / "places" / "demand_toy" / "services.toml").string(), made->place,
                                      demand_reference.NeedCodes());
    made->demand = demand::ProjectDemand(made->place, made->services, demand_reference);
    supply::SupplyOptions supply_options;
    supply_options.years = 5;
    supply_options.expected = true;
    made->supply = supply::ProjectSupply(made->place, SupplyConfig{}, supply::LoadSupplyReference(reference), supply_options);
    made->reference = LoadPlanReference(reference);
    return made;
  }();
  return *built;
}

const SkillMixTask& TaskNamed(const SkillMixProblem& problem, const std::string& name, std::size_t locality) {
  for (const SkillMixTask& task : problem.tasks) {
    if (task.name == name && task.locality == locality) return task;
  }
  throw std::runtime_error("no task " + name);
}

TEST(SkillMixBuilder, VisitsSplitsCostsAndHoursOfTheBaseYear) {
  const Built& toy = Toy();
  SkillMixSettings settings;
  settings.year = 2025;
  const SkillMixProblem problem = BuildSkillMixProblem(toy.place, toy.services, toy.demand, toy.supply, toy.reference, settings);
  ASSERT_EQ(problem.tasks.size(), 4u);
  // North reaches 15 people: red 20% weekly visits of an hour with 30 minutes' travel.
  const SkillMixTask& red = TaskNamed(problem, "memory_support/red/Case manager visit", 0);
  EXPECT_NEAR(red.visits, 15 * 0.2 * 52, 1e-9);
  EXPECT_DOUBLE_EQ(red.contact_hours_per_visit, 1.0);
  EXPECT_DOUBLE_EQ(red.travel_hours_per_visit, 0.5);
  EXPECT_EQ(red.competences, (std::vector<std::string>{"MED"}));
  EXPECT_FALSE(red.reserved);
  // South reaches half of 116.1; green calls every four weeks.
  EXPECT_NEAR(TaskNamed(problem, "memory_support/green/Check-in call", 1).visits, 116.1 * 0.5 * 0.8 * 13, 1e-9);
  // Today the calls (DEM) are shared by nurses (2.8 FTE) and care workers (2.5 FTE).
  const auto& split = TaskNamed(problem, "memory_support/green/Check-in call", 0).todays_split;
  ASSERT_EQ(split.size(), 2u);
  EXPECT_EQ(split[0].first, "RN");
  EXPECT_NEAR(split[0].second, 2.8 / 5.3, 1e-12);
  // Nurses: pay £104,800 over 2.8 FTE, mostly in the NHS (on-cost 1.30), over 1,113 hours.
  const SkillMixRole& rn = problem.roles[0];
  EXPECT_EQ(rn.code, "RN");
  EXPECT_TRUE(rn.registered);
  EXPECT_NEAR(rn.cost_per_hour, 104800.0 / 2.8 * 1.30 / 1113.0, 1e-9);
  // In the base year the staff in post have their FTE's hours: North's nurses are 1.8 FTE (P01
  // and P02), 2,003.4 hours. Their other work is the establishment (1.8 in post and 0.6 vacant,
  // 2,671.2 hours) less what the services need of them today: all 234 hours of visits and
  // 2.8/5.3 of the 39 hours of calls.
  EXPECT_NEAR(rn.available_hours[0], 1.8 * 1113.0, 1e-6);
  EXPECT_NEAR(rn.other_hours[0], 2.4 * 1113.0 - (234 + 39 * 2.8 / 5.3), 1e-6);
  // The labour market: the trust recruited one nurse (P02, 0.8 FTE) in the year to the census,
  // and the supply recruits as many each year: 1 joiner a year at the role's 2.8 FTE over 3
  // posts, 0.93 FTE, a quarter of which (0.23) is below the floor; the floor is at most a quarter
  // of the role's 2.8 FTE: 0.7 FTE a year, for the one year to the plan year here.
  EXPECT_NEAR(rn.max_hires_fte, 0.7, 1e-9);
  // Leavers not replaced give up at most those joiners: North's share (1.8 of 2.8 FTE) for a year.
  EXPECT_NEAR(rn.release_limit_hours[0], 2.8 / 3.0 * 1.8 / 2.8 * 1113.0, 1e-6);
  // Agency cover: pay with the 55% premium (reference/plan/costs.csv).
  EXPECT_NEAR(rn.agency_cost_per_hour, 104800.0 / 2.8 * 1.55 / 1113.0, 1e-9);
  EXPECT_TRUE(problem.roles[2].supervised);  // CW (roles with staff: RN, HCA, CW, SW, GP)
}

bool Offered(const SkillMixProblem& problem, const std::string& role, const std::string& competence) {
  return std::any_of(problem.cross_skilling.begin(), problem.cross_skilling.end(),
                     [&](const CrossSkilling& option) { return option.role == role && option.competence == competence; });
}

TEST(SkillMixBuilder, CrossSkillingIsOfferedToTheStaffGroupsACourseIsFor) {
  // Medicines administration (MED) is for support, integrated, nursing, allied health and other
  // clinical staff (reference/plan/training.csv): healthcare assistants and care workers may be
  // trained in it, social workers and GPs not; dementia awareness (DEM) is for anyone lacking it.
  const Built& toy = Toy();
  SkillMixSettings settings;
  settings.year = 2025;
  const SkillMixProblem problem = BuildSkillMixProblem(toy.place, toy.services, toy.demand, toy.supply, toy.reference, settings);
  EXPECT_TRUE(Offered(problem, "HCA", "MED"));
  EXPECT_TRUE(Offered(problem, "CW", "MED"));
  EXPECT_FALSE(Offered(problem, "SW", "MED"));
  EXPECT_FALSE(Offered(problem, "GP", "MED"));
  EXPECT_FALSE(Offered(problem, "RN", "MED"));  // held already
  EXPECT_TRUE(Offered(problem, "SW", "DEM"));
  EXPECT_TRUE(Offered(problem, "GP", "DEM"));
  EXPECT_TRUE(Offered(problem, "HCA", "DEM"));
  EXPECT_EQ(problem.cross_skilling.size(), 5u);  // HCA, CW in MED; HCA, SW, GP in DEM
}

TEST(SkillMixBuilder, AnUnknownStaffGroupInTheTrainingTableIsAnError) {
  careforce::testing::TempDir temp;
  const std::filesystem::path reference = std::filesystem::path(CAREFORCE_SOURCE_DIR) / "reference";
  std::filesystem::copy(reference, temp.path() / "reference", std::filesystem::copy_options::recursive);
  std::string training = careforce::testing::ReadFile(temp.path() / "reference" / "plan" / "training.csv");
  const std::size_t at = training.find("\nMED,350,30,");
  ASSERT_NE(at, std::string::npos);
  training.replace(training.find(",support_care", at), 13, ",support_carer");
  careforce::testing::WriteFile(temp.path() / "reference" / "plan" / "training.csv", training);
  try {
    LoadPlanReference((temp.path() / "reference").string());
    FAIL() << "expected an InputError";
  } catch (const InputError& error) {
    ASSERT_EQ(error.diagnostics().all().size(), 1u);
    const std::string message = error.diagnostics().all().front().Format();
    const std::string expected =
        "plan/training.csv:4:12: error: staff group \"support_carer\" is not known, expected \"any\" or staff groups "
        "separated by spaces, of medical, registered_nursing, allied_health, other_clinical, social_work, support_care, "
        "integrated, management_admin";
    ASSERT_GE(message.size(), expected.size());
    EXPECT_EQ(message.substr(message.size() - expected.size()), expected);
  }
}

TEST(SkillMixBuilder, TheCheapestMixCostsNoMoreThanTodaysMix) {
  const Built& toy = Toy();
  SkillMixSettings settings;
  settings.year = 2030;
  settings.supervision_ratio = 0.0;
  SkillMixProblem problem = BuildSkillMixProblem(toy.place, toy.services, toy.demand, toy.supply, toy.reference, settings);
  const SkillMixResult best = OptimiseSkillMix(problem);
  problem.todays_mix = true;
  const SkillMixResult today = OptimiseSkillMix(problem);
  ASSERT_EQ(best.status, SolveStatus::kOptimal);
  ASSERT_EQ(today.status, SolveStatus::kOptimal);
  EXPECT_LE(best.cost, today.cost + 1e-6);
  // Today's mix keeps the shares: nurses give 2.8/5.3 of the calls' hours in each locality.
  double rn_call_hours = 0.0;
  double all_call_hours = 0.0;
  for (const auto& row : today.assignments) {
    if (problem.tasks[row.task].name != "memory_support/green/Check-in call") continue;
    all_call_hours += row.hours;
    if (problem.roles[row.role].code == "RN") rn_call_hours += row.hours;
  }
  EXPECT_NEAR(rn_call_hours / all_call_hours, 2.8 / 5.3, 1e-9);
}

}  // namespace
}  // namespace careforce::plan
