// Neighbourhood teams on small practice sets solved by hand, and on West Sussex's 78 real practices.

#include "plan/teams.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "io/place_reader.hpp"
#include "model/error.hpp"
#include "test_support.hpp"

namespace careforce::plan {
namespace {

// 0.1 degree of longitude on the equator: 6,371.0088 km x 0.1 x pi / 180.
constexpr double kStep = 11.119508;

// Practices on the equator, 0.1 degree of longitude apart, in one locality.
Place Line(const std::vector<int64_t>& lists, const std::vector<std::string>& networks = {}) {
  Place place;
  place.localities.push_back(Locality{"L1", "Riverside"});
  for (std::size_t at = 0; at < lists.size(); ++at) {
    GpPractice practice;
    practice.code = std::string(1, static_cast<char>('A' + at));
    practice.name = "Practice " + practice.code;
    practice.locality = 0;
    practice.list_size = lists[at];
    practice.pcn = at < networks.size() ? networks[at] : std::string();
    practice.latitude = 0.0;
    practice.longitude = 0.1 * static_cast<double>(at);
    place.gp_practices.push_back(practice);
  }
  return place;
}

// Each team's practices by code, as "AB", sorted.
std::set<std::string> Codes(const Place& place, const TeamDesign& design) {
  std::set<std::string> teams;
  for (const Team& team : design.teams) {
    std::string codes;
    for (const Index practice : team.practices) codes += place.gp_practices[practice].code;
    teams.insert(codes);
  }
  return teams;
}

TEST(Teams, DistanceIsTheGreatCircle) {
  EXPECT_NEAR(DistanceKm(0, 0, 0, 0.1), kStep, 1e-5);
  // London (51.5074, -0.1278) to Paris (48.8566, 2.3522): 343.5 km on the sphere.
  EXPECT_NEAR(DistanceKm(51.5074, -0.1278, 48.8566, 2.3522), 343.5, 0.5);
}

TEST(Teams, BoundsBindTwoPairsOfNeighbours) {
  // Four practices of 20,000 in a row; teams of 30,000 to 50,000: no practice alone, none of three,
  // so two pairs, and the compact pairs are the neighbours: each pair 20,000 people 11.12 km from
  // their base.
  const Place place = Line({20000, 20000, 20000, 20000});
  TeamSettings settings;
  settings.min_population = 30000;
  settings.max_population = 50000;
  const TeamDesign design = DesignTeams(place, settings);
  ASSERT_EQ(design.groups.size(), 1u);
  EXPECT_TRUE(design.groups[0].feasible);
  EXPECT_EQ(design.groups[0].method, "exact (CBC)");
  EXPECT_EQ(Codes(place, design), (std::set<std::string>{"AB", "CD"}));
  EXPECT_NEAR(design.person_km, 2 * 20000 * kStep, 1.0);
  EXPECT_DOUBLE_EQ(design.Gap(), 0.0);
  for (const Team& team : design.teams) {
    EXPECT_EQ(team.population, 40000);
    EXPECT_NEAR(team.worst_km, kStep, 1e-4);
  }
}

TEST(Teams, ANetworkStaysTogetherUnlessToldOtherwise) {
  // Networks P (A and C) and Q (B and D): kept together they make the teams, far from compact;
  // told otherwise, the neighbours pair up as before.
  const Place place = Line({20000, 20000, 20000, 20000}, {"P", "Q", "P", "Q"});
  TeamSettings settings;
  settings.min_population = 30000;
  settings.max_population = 50000;
  const TeamDesign kept = DesignTeams(place, settings);
  EXPECT_EQ(Codes(place, kept), (std::set<std::string>{"AC", "BD"}));
  EXPECT_NEAR(kept.person_km, 2 * 20000 * 2 * kStep, 1.0);
  settings.keep_networks = false;
  const TeamDesign free = DesignTeams(place, settings);
  EXPECT_EQ(Codes(place, free), (std::set<std::string>{"AB", "CD"}));
}

TEST(Teams, ANetworkLargerThanATeamIsSplitIntoTheFewestThatFit) {
  // One network of five practices, 110,000 people; teams of at most 70,000: two teams, not three,
  // each of neighbours (A B C and D E, or A B and C D E, which cost the same).
  const Place place = Line({22000, 22000, 22000, 22000, 22000}, {"P", "P", "P", "P", "P"});
  TeamSettings settings;
  settings.min_population = 30000;
  settings.max_population = 70000;
  const TeamDesign design = DesignTeams(place, settings);
  ASSERT_EQ(design.teams.size(), 2u);
  const std::set<std::string> teams = Codes(place, design);
  EXPECT_TRUE(teams == (std::set<std::string>{"ABC", "DE"}) || teams == (std::set<std::string>{"AB", "CDE"}));
  // Three practices based at the middle one and a pair: 22,000 x 11.12 km x 3.
  EXPECT_NEAR(design.person_km, 3 * 22000 * kStep, 1.0);
}

TEST(Teams, TheHeuristicFindsTheSameTeamsWithItsBound) {
  // Forced past the exact size, the heuristic on the four in a row: the same pairs, and a lower
  // bound from the relaxation no higher than the answer.
  const Place place = Line({20000, 20000, 20000, 20000});
  TeamSettings settings;
  settings.min_population = 30000;
  settings.max_population = 50000;
  settings.exact_variables = 0;
  const TeamDesign design = DesignTeams(place, settings);
  ASSERT_EQ(design.groups.size(), 1u);
  EXPECT_EQ(design.groups[0].method, "heuristic");
  EXPECT_EQ(Codes(place, design), (std::set<std::string>{"AB", "CD"}));
  EXPECT_NEAR(design.person_km, 2 * 20000 * kStep, 1.0);
  EXPECT_LE(design.lower_bound, design.person_km + 1e-6);
  EXPECT_GE(design.lower_bound, 0.0);
  EXPECT_GE(design.Gap(), 0.0);
}

// A grid of practices in one locality, networks of three neighbours, list sizes from 6,000 to
// 17,000: small enough to solve exactly, large enough to cut.
Place Grid(int rows, int columns) {
  Place place;
  place.localities.push_back(Locality{"L1", "Riverside"});
  for (int row = 0; row < rows; ++row) {
    for (int column = 0; column < columns; ++column) {
      const int at = row * columns + column;
      GpPractice practice;
      practice.code = fmt::format("P{}", at);
      practice.locality = 0;
      practice.list_size = 6000 + (at * 7919) % 11000;
      practice.pcn = fmt::format("N{}", at / 3);
      practice.latitude = 51.0 + 0.03 * row + 0.004 * (at % 5);
      practice.longitude = -0.5 + 0.04 * column + 0.003 * (at % 7);
      place.gp_practices.push_back(practice);
    }
  }
  return place;
}

TEST(Teams, TheHeuristicsBoundIsBelowTheExactOptimum) {
  // 48 practices: exact, and forced through the heuristic in parts of at most 150 variables. The
  // bound is a bound on every partition, so at most the exact optimum, which is at most the
  // heuristic's answer.
  const Place place = Grid(6, 8);
  TeamSettings settings;
  settings.exact_variables = 100000;
  const TeamDesign exact = DesignTeams(place, settings);
  ASSERT_TRUE(exact.groups[0].feasible);
  ASSERT_EQ(exact.groups[0].method, "exact (CBC)");
  settings.exact_variables = 150;
  const TeamDesign heuristic = DesignTeams(place, settings);
  ASSERT_TRUE(heuristic.groups[0].feasible) << heuristic.groups[0].problem;
  ASSERT_EQ(heuristic.groups[0].method, "heuristic");
  EXPECT_GT(heuristic.lower_bound, 0.0);
  EXPECT_LE(heuristic.lower_bound, exact.person_km * (1 + 1e-9));
  EXPECT_GE(heuristic.person_km, exact.person_km * (1 - 1e-9));
  EXPECT_GE(heuristic.Gap(), 0.0);
}

TEST(Teams, TeamsDoNotDependOnTheThreads) {
  // Four localities side by side (solved side by side), and the whole as one heuristic group.
  Place place = Grid(6, 8);
  for (int locality = 1; locality < 4; ++locality) {
    place.localities.push_back(
        Locality{fmt::format("L{}", locality + 1), fmt::format("Area {}", locality + 1)});
  }
  for (GpPractice& practice : place.gp_practices)
    practice.locality = static_cast<Index>((*practice.longitude + 0.5) / 0.08);
  for (const bool within : {true, false}) {
    TeamSettings settings;
    settings.within_locality = within;
    settings.exact_variables = within ? 2000 : 150;
    const TeamDesign one = DesignTeams(place, settings, 1);
    const TeamDesign two = DesignTeams(place, settings, 2);
    ASSERT_EQ(one.teams.size(), two.teams.size());
    for (std::size_t team = 0; team < one.teams.size(); ++team) {
      EXPECT_EQ(one.teams[team].code, two.teams[team].code);
      EXPECT_EQ(one.teams[team].practices, two.teams[team].practices);
    }
    EXPECT_EQ(one.person_km, two.person_km);
    EXPECT_EQ(one.lower_bound, two.lower_bound);
  }
}

TEST(Teams, ALocalityTooSmallForATeamIsNamedWithTheBound) {
  const Place place = Line({10000, 15000});
  const TeamDesign design = DesignTeams(place, TeamSettings{});
  ASSERT_EQ(design.groups.size(), 1u);
  EXPECT_FALSE(design.groups[0].feasible);
  EXPECT_EQ(design.groups[0].problem,
            "its 25,000 registered people are fewer than one team's lower bound (teams of 30,000 to 70,000 registered "
            "people)");
  EXPECT_TRUE(design.teams.empty());
}

TEST(Teams, NetworksThatCannotBeGroupedWithinTheBoundsAreNamed) {
  // Networks of 25,000 and 50,000: the first is too small alone, the two together too large.
  const Place place = Line({25000, 30000, 20000}, {"P", "Q", "Q"});
  const TeamDesign design = DesignTeams(place, TeamSettings{});
  ASSERT_EQ(design.groups.size(), 1u);
  EXPECT_FALSE(design.groups[0].feasible);
  EXPECT_EQ(design.groups[0].problem,
            "no grouping of its practices and networks (50,000, 25,000 registered people each) makes teams of 30,000 "
            "to 70,000 registered people");
}

TEST(Teams, TeamsStayInsideTheirLocality) {
  // Two localities side by side, each 40,000 people in two practices: one team each, although the
  // nearest practices (B and C) are in different localities.
  Place place = Line({20000, 20000, 20000, 20000});
  place.localities.push_back(Locality{"L2", "Hillside"});
  place.gp_practices[2].locality = 1;
  place.gp_practices[3].locality = 1;
  const TeamDesign design = DesignTeams(place, TeamSettings{});
  EXPECT_EQ(Codes(place, design), (std::set<std::string>{"AB", "CD"}));
  EXPECT_EQ(design.teams[0].code, "L1-1");
  EXPECT_EQ(design.teams[1].code, "L2-1");
}

TEST(Teams, PracticesNeedCoordinates) {
  Place place = Line({40000});
  place.gp_practices[0].latitude.reset();
  try {
    DesignTeams(place, TeamSettings{});
    FAIL() << "no error";
  } catch (const InputError& error) {
    EXPECT_EQ(error.diagnostics().all().front().message,
              "practice A has no latitude and longitude, expected coordinates for every practice to design teams");
  }
}

TEST(Teams, GivenTeamsAreCheckedAndCosted) {
  const Place place = Line({20000, 20000, 20000, 20000}, {"P", "P", "Q", "Q"});
  // B and C together split network P; A alone is below the bound; D is in no team.
  const TeamDesign design = CheckTeams(place, {"north", "south", "south", ""}, TeamSettings{});
  EXPECT_EQ(design.teams.size(), 2u);
  EXPECT_NEAR(design.person_km, 20000 * kStep, 1.0);  // south based at B or C, the other 11.12 km away
  EXPECT_EQ(design.findings, (std::vector<std::string>{
                                 "team north has 20,000 registered people, outside 30,000 to 70,000",
                                 "network P is split between teams north, south",
                                 "practice D is in no team",
                             }));
}

TEST(Teams, WestSussexPracticesMakeTeamsWithinTheBoundsNetworksKept) {
  io::ReadOptions options;
  options.today = careforce::testing::FixedToday();
  const Place place = io::LoadPlace(std::string(CAREFORCE_SOURCE_DIR) + "/examples/west-sussex", options);
  ASSERT_EQ(place.gp_practices.size(), 78u);
  const TeamSettings settings;
  const TeamDesign design = DesignTeams(place, settings);
  const TeamDesign again = DesignTeams(place, settings);
  ASSERT_EQ(design.teams.size(), again.teams.size());
  for (std::size_t team = 0; team < design.teams.size(); ++team) {
    EXPECT_EQ(design.teams[team].practices, again.teams[team].practices);
  }
  std::map<std::string, std::set<std::size_t>> teams_of_network;
  std::size_t in_teams = 0;
  for (const TeamGroup& group : design.groups) EXPECT_TRUE(group.feasible) << group.name << ": " << group.problem;
  for (std::size_t team = 0; team < design.teams.size(); ++team) {
    const Team& info = design.teams[team];
    EXPECT_GE(info.population, settings.min_population) << info.code;
    EXPECT_LE(info.population, settings.max_population) << info.code;
    for (const Index practice : info.practices) {
      EXPECT_EQ(place.gp_practices[practice].locality, info.locality) << info.code;
      teams_of_network[place.gp_practices[practice].pcn].insert(team);
      ++in_teams;
    }
  }
  EXPECT_EQ(in_teams, place.gp_practices.size());
  // Networks stay whole, but for the two larger than a team (88,590 and 99,816 people): two each.
  std::size_t split = 0;
  for (const auto& [network, teams] : teams_of_network) {
    if (teams.size() > 1) {
      ++split;
      EXPECT_EQ(teams.size(), 2u) << network;
    }
  }
  EXPECT_EQ(split, 2u);
  EXPECT_DOUBLE_EQ(design.Gap(), 0.0);
}

}  // namespace
}  // namespace careforce::plan
