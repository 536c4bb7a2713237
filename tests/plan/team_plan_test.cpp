// Team demand, staff to teams and team suppression on a place small enough to work by hand
// (tests/data/places/demand_toy with three practices in teams), and on Westbrook.

#include "plan/team_plan.hpp"

#include <map>
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

// The toy with files replaced (name -> content) and its demand projected.
std::unique_ptr<Toy> MakeToyWith(const std::map<std::string, std::string>& files) {
  auto toy = std::make_unique<Toy>();
  careforce::testing::CopyFiles(DataDir() / "places" / "demand_toy", toy->dir.path());
  WriteFile(toy->dir.path() / "gp_practices.csv", kPractices);
  for (const auto& [name, content] : files) WriteFile(toy->dir.path() / name, content);
  io::ReadOptions options;
  options.today = careforce::testing::FixedToday();
  toy->place = io::LoadPlace(toy->dir.str(), options);
  toy->reference = demand::LoadDemandReference(std::string(CAREFORCE_SOURCE_DIR) + "/reference");
  toy->services = io::ReadServices((toy->dir.path() / "services.toml").string(), toy->place, toy->reference.NeedCodes());
  toy->demand = demand::ProjectDemand(toy->place, toy->services, toy->reference);
  return toy;
}

std::unique_ptr<Toy> MakeToy(const char* practices = kPractices) { return MakeToyWith({{"gp_practices.csv", practices}}); }

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


std::map<std::string, std::size_t> TeamIndex(const TeamPlan& plan) {
  std::map<std::string, std::size_t> team;
  for (std::size_t t = 0; t < plan.design.teams.size(); ++t) team[plan.design.teams[t].code] = t;
  return team;
}

double Fte(const std::vector<std::vector<double>>& by_team, std::size_t team, Index role) { return by_team[team][role]; }

TEST(TeamPlan, APostOfAnOrganisationWithASiteGoesToTheTeamOfItsLocalityBasedNearestIt) {
  // The community trust RT1 (North) has its site at 50.83 N, 0.34 W: Brook Surgery (G3, team North
  // B, 50.83, -0.35) is 0.01 degrees of longitude west of it, 2 x 6,371.0088 x asin(cos 50.83 x sin
  // 0.005) = 0.702 km; Riverside (GP1, North district nursing, 50.81, -0.37) 0.02 degrees south and
  // 0.03 west, 3.064 km; Hillside (G2, South, 50.90, -0.20) 12.535 km.
  EXPECT_NEAR(DistanceKm(50.83, -0.34, 50.83, -0.35), 0.7023, 5e-5);
  EXPECT_NEAR(DistanceKm(50.83, -0.34, 50.81, -0.37), 3.0638, 5e-5);
  EXPECT_NEAR(DistanceKm(50.83, -0.34, 50.90, -0.20), 12.5348, 5e-5);
  std::string staff = careforce::testing::ReadFile(DataDir() / "places" / "demand_toy" / "staff.csv");
  // P10 is RT1's nurse working in South: South's one team, however near North's bases are.
  staff += "P10,RT1,RN,0.5,40,F,2019-01-01,18000,permanent,E07000002,\n";
  const auto toy = MakeToyWith({{"organisations.csv",
                                 "code,name,sector,locality,latitude,longitude\n"
                                 "RT1,Northshire Community NHS Trust,nhs_community,E07000001,50.83,-0.34\n"
                                 "CH1,Elm House Care Home,independent,E07000002,,\n"
                                 "LA1,South Council Adult Social Care,local_authority,E07000002,,\n"
                                 "GP1,Riverside Surgery,primary_care,E07000001,50.81,-0.37\n"},
                                {"staff.csv", staff}});
  ASSERT_TRUE(toy->place.organisations[0].latitude.has_value());
  EXPECT_DOUBLE_EQ(*toy->place.organisations[0].longitude, -0.34);
  EXPECT_FALSE(toy->place.organisations[1].latitude.has_value());
  const TeamPlan plan = PlanTeams(toy->place, TeamsOfPlace(toy->place), toy->services, toy->reference, {}, &toy->demand);
  const auto team = TeamIndex(plan);
  const std::size_t north_a = team.at("North district nursing");
  const std::size_t north_b = team.at("North B");
  const std::size_t south = team.at("South");
  const Index rn = RoleOf(toy->place, "RN");
  const Index hca = RoleOf(toy->place, "HCA");
  const Index gp = RoleOf(toy->place, "GP");
  using Basis = TeamStaffBasis;
  const auto basis = [&](std::size_t t, Basis b) { return plan.fte_by_basis[t][static_cast<std::size_t>(b)]; };
  // P03 (HCA, 1.0 FTE, no team column): by RT1's site, wholly to North B (shared 3 : 1 without it).
  EXPECT_NEAR(Fte(plan.in_post_fte, north_b, hca), 1.0, 1e-12);
  EXPECT_NEAR(Fte(plan.in_post_fte, north_a, hca), 0.0, 1e-12);
  EXPECT_NEAR(basis(north_b, Basis::kSite), 1.0, 1e-12);
  // P01 and P02 name their team, which comes first; P09 is with practice GP1, before its site.
  EXPECT_NEAR(Fte(plan.in_post_fte, north_a, rn), 1.8, 1e-12);
  EXPECT_NEAR(basis(north_a, Basis::kTeamColumn), 1.8, 1e-12);
  EXPECT_NEAR(Fte(plan.in_post_fte, north_a, gp), 0.75, 1e-12);
  EXPECT_NEAR(basis(north_a, Basis::kPractice), 0.75, 1e-12);
  EXPECT_NEAR(basis(north_a, Basis::kSite), 0.0, 1e-12);
  EXPECT_NEAR(basis(north_a, Basis::kApportioned), 0.0, 1e-12);
  // P10 in South: South's team by the site rule; the care home's RN (1.0) still shared (one team).
  EXPECT_NEAR(basis(south, Basis::kSite), 0.5, 1e-12);
  EXPECT_NEAR(Fte(plan.in_post_fte, south, rn), 1.5, 1e-12);
  // Counted directly, for suppression: nothing of RT1's HCA or RN shared from a locality.
  EXPECT_NEAR(plan.direct_people[north_b][hca], 1.0, 1e-12);
  EXPECT_NEAR(plan.apportioned_people[0][hca], 0.0, 1e-12);
  EXPECT_NEAR(plan.direct_people[south][rn], 1.0, 1e-12);   // P10
  EXPECT_NEAR(plan.apportioned_people[1][rn], 1.0, 1e-12);  // P04 of the care home
  EXPECT_TRUE(plan.outside.empty());
}

TEST(TeamPlan, ALocalityInNoTeamKeepsItsDemandAndStaffOutOfEveryTeam) {
  // The teams leave Hillside (G2), South's only practice, out: South is served by no team.
  const auto toy = MakeToy();
  const TeamDesign design = CheckTeams(toy->place, {"North district nursing", "North B", ""}, toy->place.team_settings);
  ASSERT_EQ(design.teams.size(), 2u);
  const TeamPlan plan = PlanTeams(toy->place, design, toy->services, toy->reference, {}, &toy->demand);
  const auto team = TeamIndex(plan);
  const std::size_t north_a = team.at("North district nursing");
  const std::size_t north_b = team.at("North B");
  ASSERT_EQ(plan.outside.localities, std::vector<Index>{1});
  EXPECT_EQ(plan.outside.practices, 1);
  EXPECT_EQ(plan.outside.registered, 6000);
  // North's teams need North's demand, 3 : 1; South's demand is outside, not given to North's teams.
  for (const int year : {2025, 2030}) {
    const auto y = static_cast<std::size_t>(year - plan.base_year);
    for (Index role = 0; role < toy->place.roles.size(); ++role) {
      const double north = LocalityFte(toy->demand, year, 0, role);
      EXPECT_NEAR(plan.required[y][north_a][role], 0.75 * north, 1e-9);
      EXPECT_NEAR(plan.required[y][north_b][role], 0.25 * north, 1e-9);
      EXPECT_NEAR(plan.outside.required[y][role], LocalityFte(toy->demand, year, 1, role), 1e-9);
    }
  }
  double south_demand = 0.0;
  for (Index role = 0; role < toy->place.roles.size(); ++role) south_demand += LocalityFte(toy->demand, 2030, 1, role);
  EXPECT_GT(south_demand, 0.0);
  EXPECT_NEAR(plan.outside.RequiredFte(5), south_demand, 1e-9);
  // South's staff (the care home: RN 1.0, CW 1.0 + 0.5 + 0.4; the council: SW 1.0, CW 0.6) are in no
  // team; North's teams have only North's.
  const Index rn = RoleOf(toy->place, "RN");
  const Index cw = RoleOf(toy->place, "CW");
  const Index sw = RoleOf(toy->place, "SW");
  const Index hca = RoleOf(toy->place, "HCA");
  EXPECT_NEAR(plan.outside.in_post_fte[rn], 1.0, 1e-12);
  EXPECT_NEAR(plan.outside.in_post_fte[cw], 2.5, 1e-12);
  EXPECT_NEAR(plan.outside.in_post_fte[sw], 1.0, 1e-12);
  EXPECT_NEAR(plan.outside.in_post_people[cw], 4.0, 1e-12);
  EXPECT_NEAR(plan.outside.InPostFte(), 4.5, 1e-12);
  for (const std::size_t t : {north_a, north_b}) {
    EXPECT_NEAR(plan.in_post_fte[t][cw], 0.0, 1e-12);
    EXPECT_NEAR(plan.in_post_fte[t][sw], 0.0, 1e-12);
  }
  EXPECT_NEAR(plan.in_post_fte[north_a][hca] + plan.in_post_fte[north_b][hca], 1.0, 1e-12);
  // The teams and what is outside them make the place.
  double teams_fte = plan.outside.InPostFte();
  for (const auto& roles : plan.in_post_fte) teams_fte = std::accumulate(roles.begin(), roles.end(), teams_fte);
  double place_fte = 0.0;
  for (const StaffPost& post : toy->place.staff) place_fte += post.fte;
  EXPECT_NEAR(teams_fte, place_fte, 1e-12);
  // No staff are shared from the place as a whole.
  for (const double people : plan.apportioned_people.back()) EXPECT_EQ(people, 0.0);
}

// Three localities: North (GP1 6,000, G3 2,000), South (G2 4,000, G4 2,000) and West (G5 3,000, G6
// 1,000, G7 2,000). The given team "Cross" joins G3 (North) and G2 (South); G7 is in no team, so
// West's teams hold 4,000 of its 6,000 registered people and are scaled up to all of West's need.
constexpr const char* kThreeLocalities =
    "code,name,locality,list_size,postcode,pcn,latitude,longitude\n"
    "GP1,Riverside Surgery,E07000001,6000,,,50.81,-0.37\n"
    "G3,Brook Surgery,E07000001,2000,,,50.83,-0.35\n"
    "G2,Hillside Practice,E07000002,4000,,,50.90,-0.20\n"
    "G4,Dale Surgery,E07000002,2000,,,50.92,-0.22\n"
    "G5,Westgate Practice,E07000003,3000,,,50.80,-0.60\n"
    "G6,Marsh Surgery,E07000003,1000,,,50.82,-0.62\n"
    "G7,Quay Surgery,E07000003,2000,,,50.79,-0.64\n";

TEST(TeamPlan, TeamsCrossingLocalitiesAreReconciledWithTheLocalitiesTheyLinkOnly) {
  std::string toml = careforce::testing::ReadFile(DataDir() / "places" / "demand_toy" / "place.toml");
  toml += "\n[[locality]]\ncode = \"E07000003\"\nname = \"West\"\n";
  std::string population = careforce::testing::ReadFile(DataDir() / "places" / "demand_toy" / "population.csv");
  population +=
      "E07000003,2025,85-89,F,300\n"
      "E07000003,2025,85-89,M,100\n"
      "E07000003,2030,85-89,F,350\n"
      "E07000003,2030,85-89,M,150\n";
  const auto toy = MakeToyWith({{"place.toml", toml}, {"population.csv", population}, {"gp_practices.csv", kThreeLocalities}});
  ASSERT_EQ(toy->place.localities.size(), 3u);
  const TeamDesign design = CheckTeams(toy->place, {"North A", "Cross", "Cross", "South B", "West", "West B", ""},
                                       toy->place.team_settings);
  const TeamPlan plan = PlanTeams(toy->place, design, toy->services, toy->reference, {}, &toy->demand);
  const auto team = TeamIndex(plan);
  ASSERT_EQ(team.size(), 5u);
  EXPECT_EQ(plan.design.teams[team.at("Cross")].locality, kNoIndex);
  EXPECT_TRUE(plan.outside.empty());
  for (int year = 2025; year <= 2030; ++year) {
    const auto y = static_cast<std::size_t>(year - plan.base_year);
    for (Index role = 0; role < toy->place.roles.size(); ++role) {
      const std::string what = fmt::format("{} {}", toy->place.roles[role].code, year);
      const double north = LocalityFte(toy->demand, year, 0, role);
      const double south = LocalityFte(toy->demand, year, 1, role);
      const double west = LocalityFte(toy->demand, year, 2, role);
      // West, crossed by no team: its two teams hold 3,000 and 1,000 of its people and need
      // exactly West's demand between them, 3 : 1.
      EXPECT_NEAR(plan.required[y][team.at("West")][role], 0.75 * west, 1e-9) << what;
      EXPECT_NEAR(plan.required[y][team.at("West B")][role], 0.25 * west, 1e-9) << what;
      // North and South, linked by Cross: every practice of theirs is in a team, so each team needs
      // its own practices' share: North A 6/8 of North, Cross 2/8 of North and 4/6 of South, South B 2/6.
      EXPECT_NEAR(plan.required[y][team.at("North A")][role], 0.75 * north, 1e-9) << what;
      EXPECT_NEAR(plan.required[y][team.at("Cross")][role], 0.25 * north + 2.0 / 3.0 * south, 1e-9) << what;
      EXPECT_NEAR(plan.required[y][team.at("South B")][role], south / 3.0, 1e-9) << what;
      const double linked = plan.required[y][team.at("North A")][role] + plan.required[y][team.at("Cross")][role] +
                            plan.required[y][team.at("South B")][role];
      EXPECT_NEAR(linked, north + south, 1e-9) << what;
    }
  }
  double west_total = 0.0;
  for (Index role = 0; role < toy->place.roles.size(); ++role) west_total += LocalityFte(toy->demand, 2030, 2, role);
  EXPECT_GT(west_total, 0.0);
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
