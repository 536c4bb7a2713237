// careforce teams, and the teams in the plan's outputs.

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <string>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "test_support.hpp"

namespace careforce {
namespace {

namespace fs = std::filesystem;
using namespace careforce::testing;

// The demand toy with every practice on the map and in a team of its own.
void ToyWithTeams(const fs::path& dir) {
  careforce::testing::CopyFiles(DataDir() / "places" / "demand_toy", dir);
  WriteFile(dir / "gp_practices.csv",
            "code,name,locality,list_size,postcode,pcn,latitude,longitude,team\n"
            "GP1,Riverside Surgery,E07000001,6000,,U00001,50.81,-0.37,North district nursing\n"
            "G3,Brook Surgery,E07000001,2000,,U00001,50.83,-0.35,North B\n"
            "G2,Hillside Practice,E07000002,6000,,U00002,50.90,-0.20,South\n");
}

TEST(TeamsCommand, DesignsWestbrooksTeamsAndWritesTheirTablesAndMap) {
  TempDir out;
  const auto run = RunCommand(Careforce(fmt::format("teams {}/examples/westbrook --quiet --out {}", CAREFORCE_SOURCE_DIR,
                                                    out.str())));
  ASSERT_EQ(run.status, 0) << run.err;
  EXPECT_NE(run.out.find("Westbrook — 7 neighbourhood teams of 32 practices\n"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("  33,573 to 65,693 registered people a team; farthest practice 16.2 km from its base\n"),
            std::string::npos)
      << run.out;
  EXPECT_NE(run.out.find("wrote 6 files to"), std::string::npos);
  const std::string teams = ReadFile(out.path() / "teams.csv");
  EXPECT_EQ(std::count(teams.begin(), teams.end(), '\n'), 8);  // a header and 7 teams
  EXPECT_EQ(ReadFile(out.path() / "teams_map.svg").rfind("<svg", 0), 0u);
  const std::string practices = ReadFile(out.path() / "team_practices.csv");
  EXPECT_EQ(std::count(practices.begin(), practices.end(), '\n'), 33);  // a header and 32 practices
}

TEST(TeamsCommand, APlaceWithoutCoordinatesIsRefusedNamingThePractice) {
  const auto run = RunCommand(Careforce(fmt::format("teams {}", (DataDir() / "places" / "demand_toy").string())));
  EXPECT_EQ(run.status, 2);
  // After the service model's two warnings: the one error.
  EXPECT_NE(run.err.find((DataDir() / "places" / "demand_toy" / "gp_practices.csv").string() +
                         ":1:1: error: no neighbourhood teams: practice G2 has no latitude and longitude "
                         "(gp_practices.csv), and teams are drawn from the map, expected every practice with its "
                         "coordinates\ncareforce: 1 error\n"),
            std::string::npos)
      << run.err;
}

TEST(TeamsCommand, ThePlanHasTheTeamsInItsJsonAndCsvs) {
  TempDir temp;
  ToyWithTeams(temp.path() / "place");
  const auto run = RunCommand(Careforce(fmt::format("plan {} --quiet --runs 20 --no-suppression --out {}",
                                                    (temp.path() / "place").string(), (temp.path() / "out").string())));
  ASSERT_EQ(run.status, 0) << run.err;
  const auto json = nlohmann::json::parse(ReadFile(temp.path() / "out" / "plan.json"));
  const auto& teams = json.at("teams");
  EXPECT_EQ(teams.at("teams"), 3);
  EXPECT_EQ(teams.at("practices"), 3);
  ASSERT_EQ(teams.at("tables").at("teams").size(), 3u);
  // Staff in post, unsuppressed: the North district nursing team has P01, P02 (1.8 FTE, team
  // column), P09 (0.75, practice GP1) and three quarters of P03 (0.75, shared by registered people).
  bool found = false;
  for (const auto& row : teams.at("tables").at("teams")) {
    if (row.at("team") == "North district nursing") {
      EXPECT_NEAR(row.at("in_post_fte").get<double>(), 3.3, 1e-9);
      EXPECT_NEAR(row.at("in_post_fte_shared").get<double>(), 0.75, 1e-9);
      found = true;
    }
  }
  EXPECT_TRUE(found);
  EXPECT_TRUE(fs::exists(temp.path() / "out" / "csv" / "team_roles.csv"));
  EXPECT_TRUE(fs::exists(temp.path() / "out" / "csv" / "teams.csv"));
}

// The reviewer's attacks on Westbrook's shared plan: a hidden team cell is never the only hidden
// cell of its team, of its locality (unless the supply tables hide the locality's figure too) or of
// its role (unless they hide the role); and a team's shortfall is the sum of its shown roles' gaps.
TEST(TeamsCommand, NoHiddenTeamFigureIsTheDifferenceOfPublishedOnes) {
  TempDir out;
  const auto run = RunCommand(Careforce(fmt::format("plan {}/examples/westbrook --quiet --runs 20 --out {}",
                                                    CAREFORCE_SOURCE_DIR, out.str())));
  ASSERT_EQ(run.status, 0) << run.err;
  const auto json = nlohmann::json::parse(ReadFile(out.path() / "plan.json"));
  std::map<std::string, std::string> locality_of;  // team -> locality name
  for (const auto& row : json.at("teams").at("tables").at("teams")) locality_of[row.at("team")] = row.at("locality");
  std::map<std::string, std::string> code_of = {
      {"Northbrook", "L001"}, {"Eastmere", "L002"}, {"Southvale", "L003"}, {"Westcombe", "L004"}};
  std::set<std::string> hidden_series;  // supply series hidden in the base year
  for (const auto& row : json.at("supply").at("tables").at("supply_series")) {
    if (row.at("year") == 2025 && row.at("fte_mean").is_null()) {
      hidden_series.insert(row.at("dimension").get<std::string>() + ":" + row.at("code").get<std::string>());
    }
  }
  std::map<std::string, int> by_team;
  std::map<std::string, int> by_locality_role;
  std::map<std::string, int> by_role;
  std::map<std::string, double> shown_gaps;
  int hidden = 0;
  for (const auto& row : json.at("teams").at("tables").at("team_roles")) {
    const std::string team = row.at("team");
    const std::string role = row.at("role");
    const bool is_hidden = row.at("in_post_fte").is_null();
    EXPECT_EQ(row.at("gap_fte_2035").is_null(), is_hidden);
    hidden += is_hidden;
    by_team[team] += is_hidden;
    by_locality_role[code_of.at(locality_of.at(team)) + "|" + role] += is_hidden;
    by_role[role] += is_hidden;
    if (!is_hidden) shown_gaps[team] += std::max(0.0, row.at("gap_fte_2035").get<double>());
  }
  EXPECT_GT(hidden, 20);
  for (const auto& [team, count] : by_team) EXPECT_NE(count, 1) << team;
  for (const auto& [key, count] : by_locality_role) {
    const std::string locality = key.substr(0, key.find('|'));
    const std::string role = key.substr(key.find('|') + 1);
    if (count == 1) {
      EXPECT_TRUE(hidden_series.contains("role_locality:" + role + "/" + locality)) << key;
    }
  }
  for (const auto& [role, count] : by_role) {
    if (count == 1) {
      EXPECT_TRUE(hidden_series.contains("role:" + role)) << role;
    }
  }
  // Rows whose every figure is under 0.05 FTE are left out of team_roles: within their rounding.
  for (const auto& row : json.at("teams").at("tables").at("teams")) {
    EXPECT_NEAR(row.at("short_fte_2035").get<double>(), shown_gaps[row.at("team")], 0.5) << row.at("team");
  }
}

}  // namespace
}  // namespace careforce
