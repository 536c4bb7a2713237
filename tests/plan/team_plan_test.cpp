// Team demand, staff to teams and team suppression on a place small enough to work by hand
// (tests/data/places/demand_toy with three practices in teams), and on Westbrook.

#include "plan/team_plan.hpp"

#include <numeric>

#include <fmt/format.h>

#include <gtest/gtest.h>

#include "demand/demand.hpp"
#include "io/place_reader.hpp"
#include "io/service_reader.hpp"
#include "model/error.hpp"
#include "plan/plan_inputs.hpp"
#include "test_support.hpp"

namespace careforce::plan {
namespace {

using careforce::testing::DataDir;
using careforce::testing::TempDir;
using careforce::testing::WriteFile;

// The demand toy (North: 2,000 people aged 65-69; South: 700 aged 85-89) with North's residents
// registered with two practices (6,000 and 2,000 registered: shares 3/4 and 1/4) and South's with
// one, each practice in its own team. Staff: P01 and P02 (RN) give the team "North district
// nursing"; P09 (GP) is with practice GP1; P03 (HCA, community trust in North) serves North; the
// care home and council staff serve South.
constexpr const char* kPractices =
    "code,name,locality,list_size,postcode,pcn,latitude,longitude,team\n"
    "GP1,Riverside Surgery,E07000001,6000,,U00001,50.81,-0.37,North district nursing\n"
    "G3,Brook Surgery,E07000001,2000,,U00001,50.83,-0.35,North B\n"
    "G2,Hillside Practice,E07000002,6000,,U00002,50.90,-0.20,South\n";

struct Toy {
  TempDir dir;
  Place place;
  demand::DemandReference reference;
  std::vector<Service> services;
  demand::DemandResult demand;
};

std::unique_ptr<Toy> MakeToy(const char* practices = kPractices) {
  auto toy = std::make_unique<Toy>();
  careforce::testing::CopyFiles(DataDir() / "places" / "demand_toy", toy->dir.path());
  WriteFile(toy->dir.path() / "gp_practices.csv", practices);
  io::ReadOptions options;
  options.today = careforce::testing::FixedToday();
  toy->place = io::LoadPlace(toy->dir.str(), options);
  toy->reference = demand::LoadDemandReference(std::string(CAREFORCE_SOURCE_DIR) + "/reference");
  toy->services = io::ReadServices((toy->dir.path() / "services.toml").string(), toy->place, toy->reference.NeedCodes());
  toy->demand = demand::ProjectDemand(toy->place, toy->services, toy->reference);
  return toy;
}

Index RoleOf(const Place& place, const std::string& code) {
  for (Index role = 0; role < place.roles.size(); ++role) {
    if (place.roles[role].code == code) return role;
  }
  throw std::logic_error("no role " + code);
}

double LocalityFte(const demand::DemandResult& demand, int year, Index locality, Index role) {
  double fte = 0.0;
  for (const auto& row : demand.role_demand) {
    if (row.year == year && row.locality == locality && row.role == role) fte += row.fte;
  }
  return fte;
}

TEST(TeamPlan, GivenTeamsAreCheckedAndEachTeamNeedsItsShareOfItsLocality) {
  const auto toy = MakeToy();
  TeamDesign design = TeamsOfPlace(toy->place);
  ASSERT_EQ(design.teams.size(), 3u);
  const TeamPlan plan = PlanTeams(toy->place, std::move(design), toy->services, toy->reference, {}, &toy->demand);
  std::map<std::string, std::size_t> team;
  for (std::size_t t = 0; t < plan.design.teams.size(); ++t) team[plan.design.teams[t].code] = t;
  ASSERT_EQ(team.size(), 3u);
  const std::size_t north_a = team.at("North district nursing");
  const std::size_t north_b = team.at("North B");
  const std::size_t south = team.at("South");
  for (const int year : {2025, 2030}) {
    const auto y = static_cast<std::size_t>(year - plan.base_year);
    for (Index role = 0; role < toy->place.roles.size(); ++role) {
      const double north = LocalityFte(toy->demand, year, 0, role);
      // North's residents are registered 6,000 : 2,000 with the two North teams.
      EXPECT_NEAR(plan.required[y][north_a][role], 0.75 * north, 1e-9) << toy->place.roles[role].code << " " << year;
      EXPECT_NEAR(plan.required[y][north_b][role], 0.25 * north, 1e-9) << toy->place.roles[role].code << " " << year;
      EXPECT_NEAR(plan.required[y][south][role], LocalityFte(toy->demand, year, 1, role), 1e-9);
    }
  }
  const Index rn = RoleOf(toy->place, "RN");
  const Index hca = RoleOf(toy->place, "HCA");
  const Index gp = RoleOf(toy->place, "GP");
  const Index cw = RoleOf(toy->place, "CW");
  // RN: P01 1.0 + P02 0.8 by their team column; GP: P09 0.75 by practice GP1; HCA: P03's 1.0 FTE
  // shared 3 : 1 between North's teams.
  EXPECT_NEAR(plan.in_post_fte[north_a][rn], 1.8, 1e-12);
  EXPECT_NEAR(plan.in_post_fte[north_a][gp], 0.75, 1e-12);
  EXPECT_NEAR(plan.in_post_fte[north_a][hca], 0.75, 1e-12);
  EXPECT_NEAR(plan.in_post_fte[north_b][hca], 0.25, 1e-12);
  EXPECT_NEAR(plan.in_post_fte[north_b][rn], 0.0, 1e-12);
  // South: the care home's RN 1.0 and its care workers 1.0 + 0.5 + 0.4, the council's 0.6.
  EXPECT_NEAR(plan.in_post_fte[south][rn], 1.0, 1e-12);
  EXPECT_NEAR(plan.in_post_fte[south][cw], 2.5, 1e-12);
  using Basis = TeamStaffBasis;
  EXPECT_NEAR(plan.fte_by_basis[north_a][static_cast<std::size_t>(Basis::kTeamColumn)], 1.8, 1e-12);
  EXPECT_NEAR(plan.fte_by_basis[north_a][static_cast<std::size_t>(Basis::kPractice)], 0.75, 1e-12);
  EXPECT_NEAR(plan.fte_by_basis[north_a][static_cast<std::size_t>(Basis::kApportioned)], 0.75, 1e-12);
  // The gap against staff in post: the base year's need beyond it, plus the need's change.
  const double base = plan.required[0][north_a][rn];
  const double later = plan.required[5][north_a][rn];
  EXPECT_NEAR(plan.Gap(north_a, rn, 2030), std::max(0.0, base - 1.8) + later - base, 1e-12);
}

// North's residents in two bands, South's in one: North's 85-89 year olds are South's in number
// (F 350, M 350 in 2025; 400 and 400 in 2030), so South's demand is what North's 85-89s need and
// North's less South's is what its 65-69s need.
constexpr const char* kTwoBands =
    "area,year,age,sex,count\n"
    "E07000001,2025,65-69,F,1000\n"
    "E07000001,2025,65-69,M,1000\n"
    "E07000001,2025,85-89,F,350\n"
    "E07000001,2025,85-89,M,350\n"
    "E07000001,2030,65-69,F,1100\n"
    "E07000001,2030,65-69,M,1100\n"
    "E07000001,2030,85-89,F,400\n"
    "E07000001,2030,85-89,M,400\n"
    "E07000002,2025,85-89,F,350\n"
    "E07000002,2025,85-89,M,350\n"
    "E07000002,2030,85-89,F,400\n"
    "E07000002,2030,85-89,M,400\n";

// Practice G3 (2,000 on its list, team "North B") registers mostly older people: 60 of each sex
// aged 65-69 and 300 aged 85-89.
constexpr const char* kBrookLists =
    "G3,,F,0-64,640\n"
    "G3,,F,65-69,60\n"
    "G3,,F,85-89,300\n"
    "G3,,M,0-64,640\n"
    "G3,,M,65-69,60\n"
    "G3,,M,85-89,300\n";

// The toy with North in two bands and the given registered lists; checks that each North team
// needs `brook_65` of North's 65-69s' demand and `brook_85` of its 85-89s' (team "North B"; the
// rest to team "North district nursing"), and that South's team needs all of South's. Returns North
// B's share of North's demand over the roles and years.
double ExpectNorthShares(const std::string& lists, double brook_65, double brook_85) {
  auto toy = std::make_unique<Toy>();
  careforce::testing::CopyFiles(DataDir() / "places" / "demand_toy", toy->dir.path());
  WriteFile(toy->dir.path() / "gp_practices.csv", kPractices);
  WriteFile(toy->dir.path() / "population.csv", kTwoBands);
  WriteFile(toy->dir.path() / "registered_lists.csv", "practice,pcn,sex,age,patients\n" + lists);
  io::ReadOptions options;
  options.today = careforce::testing::FixedToday();
  toy->place = io::LoadPlace(toy->dir.str(), options);
  EXPECT_FALSE(toy->place.registered_lists.empty());
  toy->reference = demand::LoadDemandReference(std::string(CAREFORCE_SOURCE_DIR) + "/reference");
  toy->services = io::ReadServices((toy->dir.path() / "services.toml").string(), toy->place,
                                   toy->reference.NeedCodes());
  toy->demand = demand::ProjectDemand(toy->place, toy->services, toy->reference);
  const TeamPlan plan = PlanTeams(toy->place, TeamsOfPlace(toy->place), toy->services,
                                  toy->reference, {}, &toy->demand);
  std::map<std::string, std::size_t> team;
  for (std::size_t t = 0; t < plan.design.teams.size(); ++t) team[plan.design.teams[t].code] = t;
  const std::size_t north_a = team.at("North district nursing");
  const std::size_t north_b = team.at("North B");
  const std::size_t south = team.at("South");
  double north_b_total = 0.0;
  double north_total = 0.0;
  for (const int year : {2025, 2030}) {
    const auto y = static_cast<std::size_t>(year - plan.base_year);
    for (Index role = 0; role < toy->place.roles.size(); ++role) {
      const double over_85 = LocalityFte(toy->demand, year, 1, role);
      const double aged_65 = LocalityFte(toy->demand, year, 0, role) - over_85;
      const std::string what = fmt::format("{} {}", toy->place.roles[role].code, year);
      EXPECT_NEAR(plan.required[y][north_b][role], brook_65 * aged_65 + brook_85 * over_85, 1e-9)
          << what;
      EXPECT_NEAR(plan.required[y][north_a][role],
                  (1 - brook_65) * aged_65 + (1 - brook_85) * over_85, 1e-9)
          << what;
      EXPECT_NEAR(plan.required[y][south][role], over_85, 1e-9) << what;
      north_b_total += plan.required[y][north_b][role];
      north_total += LocalityFte(toy->demand, year, 0, role);
    }
  }
  EXPECT_GT(north_total, 0.0);
  return north_total > 0 ? north_b_total / north_total : 0.0;
}

TEST(TeamPlan, EachPracticesOwnRegisteredListsShareItsLocalitysResidentsByAgeAndSex) {
  // Riverside (GP1, 6,000) registers 240 of each sex aged 65-69 and 60 aged 85-89. Of each sex,
  // North B has 60 / (60 + 240) = 1/5 of the 65-69s and 300 / (300 + 60) = 5/6 of the 85-89s. The
  // toy's one service is for people with dementia, most of them over 85: North B, a quarter of
  // North's registered people, needs most of North's staff.
  const double brook = ExpectNorthShares(std::string(kBrookLists) +
                                             "GP1,,F,0-64,2700\n"
                                             "GP1,,F,65-69,240\n"
                                             "GP1,,F,85-89,60\n"
                                             "GP1,,M,0-64,2700\n"
                                             "GP1,,M,65-69,240\n"
                                             "GP1,,M,85-89,60\n",
                                         1.0 / 5.0, 5.0 / 6.0);
  EXPECT_GT(brook, 0.5);
  // Halving every count of Riverside's rows leaves its 6,000 on the list spread the same way.
  ExpectNorthShares(std::string(kBrookLists) +
                        "GP1,,F,0-64,1350\n"
                        "GP1,,F,65-69,120\n"
                        "GP1,,F,85-89,30\n"
                        "GP1,,M,0-64,1350\n"
                        "GP1,,M,65-69,120\n"
                        "GP1,,M,85-89,30\n",
                    1.0 / 5.0, 5.0 / 6.0);
}

TEST(TeamPlan, APracticeWithoutListsTakesItsNetworksOrItsLocalitysAgeStructure) {
  // Riverside has no rows of its own; its network U00001 registers 10,000 in ten-year bands, of
  // each sex 800 aged 60-69 and 200 aged 80-89. At Riverside's 6,000 it has 6,000 x 800 x (5 of the
  // 10 years) / 10,000 = 240 of each sex aged 65-69 and 6,000 x 200 x 5/10 / 10,000 = 60 aged
  // 85-89: North B's shares are 1/5 and 5/6 as with Riverside's own rows.
  ExpectNorthShares(std::string(kBrookLists) +
                        ",U00001,F,0-59,4000\n"
                        ",U00001,F,60-69,800\n"
                        ",U00001,F,80-89,200\n"
                        ",U00001,M,0-59,4000\n"
                        ",U00001,M,60-69,800\n"
                        ",U00001,M,80-89,200\n",
                    1.0 / 5.0, 5.0 / 6.0);
  // Without its network's rows Riverside's 6,000 are spread as North's 2,700 residents of 2025:
  // 6,000 x 1,000 / 2,700 = 20,000/9 of each sex aged 65-69 and 6,000 x 350 / 2,700 = 7,000/9 aged
  // 85-89. North B: 60 / (60 + 20,000/9) = 27/1027 and 300 / (300 + 7,000/9) = 27/97, in 2030 too.
  ExpectNorthShares(kBrookLists, 27.0 / 1027.0, 27.0 / 97.0);
}

TEST(TeamPlan, SmallStaffNumbersAreHiddenAndNoneCanBeTakenFromATotal) {
  const auto toy = MakeToy();
  TeamPlan plan = PlanTeams(toy->place, TeamsOfPlace(toy->place), toy->services, toy->reference, {}, &toy->demand);
  SuppressTeams(plan, 5);
  const Index rn = RoleOf(toy->place, "RN");
  const Index cw = RoleOf(toy->place, "CW");
  const std::size_t south = 2;
  ASSERT_EQ(plan.design.teams[south].code, "South");
  // Every role of the toy has fewer than 5 people in a team: all hidden.
  for (std::size_t t = 0; t < plan.design.teams.size(); ++t) {
    for (Index role = 0; role < toy->place.roles.size(); ++role) {
      if (plan.in_post_people[t][role] > 0) {
        EXPECT_TRUE(plan.hidden[t][role]) << t << " " << role;
      }
    }
  }
  // At a threshold of 2, South's one RN is hidden, and the team's next-smallest role with it.
  TeamPlan two = PlanTeams(toy->place, TeamsOfPlace(toy->place), toy->services, toy->reference, {}, &toy->demand);
  SuppressTeams(two, 2);
  EXPECT_TRUE(two.hidden[south][rn]);
  std::size_t hidden = 0;
  for (Index role = 0; role < toy->place.roles.size(); ++role) hidden += two.hidden[south][role];
  EXPECT_GE(hidden, 2u);
  EXPECT_FALSE(two.hidden[south][cw]);  // 4 people, the largest
}

TEST(TeamPlan, CaseloadPerWorkerInPostCountsFloatingCover) {
  // 7 caseload nurses and 1 floating nurse (8 in post, cover 8/7) with 409 people on the
  // caseload: 409 / 7 = 58.4 each.
  TeamPlan::Caseload caseload;
  caseload.on_caseload = 409.0;
  caseload.cover = 8.0 / 7.0;
  EXPECT_NEAR(*caseload.PerWorkerInPost(8.0), 58.43, 0.005);
  // 120 active cases held by 4 workers without floating cover: 30 each.
  caseload.on_caseload = 120.0;
  caseload.cover = 1.0;
  EXPECT_DOUBLE_EQ(*caseload.PerWorkerInPost(4.0), 30.0);
  EXPECT_FALSE(caseload.PerWorkerInPost(0.0).has_value());
}

// The teams' caseloads are hidden by the place's caseload rule (demand::HideSmallCaseloads): 1 to 4
// people on a caseload, and where a locality's teams then have one hidden for a service and year,
// the next smallest team with people on it too; a caseload that rounds to nobody protects nothing.
TEST(TeamPlan, SmallTeamCaseloadsAreHiddenWithTheNextSmallestTeamOfTheLocality) {
  TeamPlan plan;
  plan.locality_names = {"North", "South"};
  for (const auto& [code, locality] : {std::pair<const char*, Index>{"N1", 0}, {"N2", 0}, {"N3", 0}, {"S1", 1}}) {
    Team team;
    team.code = code;
    team.locality = locality;
    plan.design.teams.push_back(team);
  }
  plan.in_post_people.assign(4, {});
  plan.direct_people.assign(4, {});
  plan.apportioned_people.assign(3, {});
  plan.hidden.assign(4, {});
  const auto add = [&](std::size_t team, int year, const std::string& service, double people) {
    TeamPlan::Caseload caseload;
    caseload.team = team;
    caseload.year = year;
    caseload.service = service;
    caseload.on_caseload = people;
    plan.caseloads.push_back(caseload);
  };
  add(0, 2025, "CC", 3.0);   // small
  add(1, 2025, "CC", 40.0);
  add(2, 2025, "CC", 12.0);  // North's next smallest: else North's 55 would give N1's 3 back
  add(3, 2025, "CC", 2.0);   // small, South's only team
  add(0, 2030, "CC", 6.0);
  add(1, 2030, "CC", 7.0);
  add(2, 2030, "CC", 30.0);
  add(0, 2030, "DN", 4.4);   // small
  add(1, 2030, "DN", 0.3);   // rounds to nobody: hiding it would protect nothing
  add(2, 2030, "DN", 20.0);  // the next smallest with people on it
  TeamPlan open = plan;
  SuppressTeams(plan, 5);
  std::vector<bool> hidden;
  for (const TeamPlan::Caseload& caseload : plan.caseloads) hidden.push_back(caseload.hidden);
  EXPECT_EQ(hidden, (std::vector<bool>{true, false, true, true, false, false, false, true, false, true}));
  SuppressTeams(open, 0);
  for (const TeamPlan::Caseload& caseload : open.caseloads) EXPECT_FALSE(caseload.hidden);
}

TEST(TeamPlan, SomePracticesWithATeamIsAnError) {
  TempDir dir;
  careforce::testing::CopyFiles(DataDir() / "places" / "demand_toy", dir.path());
  WriteFile(dir.path() / "gp_practices.csv",
            "code,name,locality,list_size,postcode,pcn,latitude,longitude,team\n"
            "GP1,Riverside Surgery,E07000001,6000,,U00001,50.81,-0.37,North\n"
            "G3,Brook Surgery,E07000001,2000,,U00001,50.83,-0.35,\n"
            "G2,Hillside Practice,E07000002,6000,,U00002,50.90,-0.20,South\n");
  io::ReadOptions options;
  options.today = careforce::testing::FixedToday();
  try {
    io::LoadPlace(dir.str(), options);
    FAIL() << "expected an InputError";
  } catch (const InputError& error) {
    ASSERT_EQ(error.diagnostics().all().size(), 1u);
    EXPECT_EQ(error.diagnostics().all().front().Format(),
              (dir.path() / "gp_practices.csv").string() +
                  ":3:53: error: no team for this practice while 2 practices have one, expected a team for every "
                  "practice or for none (or [teams] use_given = false)");
  }
  // With use_given = false the teams are designed and the column is not needed.
  std::string toml = careforce::testing::ReadFile(dir.path() / "place.toml");
  toml.insert(toml.find("[[locality]]"), "[teams]\nuse_given = false\nmin_population = 1000\n\n");
  WriteFile(dir.path() / "place.toml", toml);
  const Place place = io::LoadPlace(dir.str(), options);
  EXPECT_FALSE(place.team_settings.use_given);
  EXPECT_EQ(place.team_settings.min_population, 1000);
  EXPECT_EQ(TeamsOfPlace(place).teams.size(), 2u);  // North's two practices together (8,000), South's alone
}

TEST(TeamPlan, WestbrookTeamsNeedWhatTheirLocalitiesNeed) {
  PlanSources sources;
  sources.place = std::string(CAREFORCE_SOURCE_DIR) + "/examples/westbrook";
  sources.read.today = careforce::testing::FixedToday();
  const LoadedPlan loaded = LoadPlanInputs(sources);
  const Place& place = loaded.place;
  const PlanInputs& inputs = loaded.inputs;
  ASSERT_FALSE(inputs.tiers.by_practice.empty());
  const demand::DemandResult demand =
      demand::ProjectDemand(place, inputs.services, inputs.demand_reference, inputs.tiers);
  const TeamPlan plan =
      PlanTeams(place, TeamsOfPlace(place), inputs.services, inputs.demand_reference, inputs.tiers, &demand);
  ASSERT_EQ(plan.design.teams.size(), 7u);
  std::vector<double> locality(place.localities.size(), 0.0);
  std::vector<double> teams(place.localities.size(), 0.0);
  for (const auto& row : demand.role_demand) {
    if (row.year == demand.last_year) locality[row.locality] += row.fte;
  }
  for (std::size_t t = 0; t < plan.design.teams.size(); ++t) {
    for (const double fte : plan.required.back()[t]) teams[plan.design.teams[t].locality] += fte;
  }
  for (Index l = 0; l < place.localities.size(); ++l) EXPECT_NEAR(teams[l], locality[l], 1e-6) << l;
  EXPECT_GT(std::accumulate(locality.begin(), locality.end(), 0.0), 1000.0);
  // Every post is in a team, whole or shared: the teams' FTE in post is the place's.
  double in_post = 0.0;
  for (const auto& roles : plan.in_post_fte) in_post = std::accumulate(roles.begin(), roles.end(), in_post);
  double place_fte = 0.0;
  for (const StaffPost& post : place.staff) place_fte += post.fte;
  EXPECT_NEAR(in_post, place_fte, 1e-6);
  EXPECT_NEAR(place_fte, 7473.6, 0.05);
  // The care co-ordination caseload: the teams hold their localities' caseload, each needing
  // on caseload / 150 x 8/7 co-ordinators (one floating worker for seven).
  double teams_caseload = 0.0;
  double place_caseload = 0.0;
  for (const TeamPlan::Caseload& caseload : plan.caseloads) {
    if (caseload.year != plan.base_year) continue;
    teams_caseload += caseload.on_caseload;
    EXPECT_NEAR(caseload.workers_needed, caseload.on_caseload / 150.0 * 8.0 / 7.0, 1e-9);
  }
  for (const auto& row : demand.caseloads) {
    if (row.year == demand.base_year && row.locality != kNoIndex) place_caseload += row.on_caseload;
  }
  EXPECT_NEAR(teams_caseload, place_caseload, 1e-6);
  EXPECT_NEAR(place_caseload, 1727.4, 0.05);
}

}  // namespace
}  // namespace careforce::plan
