// careforce teams, and the teams in the plan's outputs.

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>
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

// Westbrook's trusts and council give no locality on their posts (so each is its organisation's)
// and no site: their staff are in the teams of their headquarters' locality (Eastmere) only, and
// the output says so, naming each
// with its posts and FTE (staff.csv: RXA0001 300 posts, 263.8 FTE; RXC0001 600, 521.1; RXM0001
// 300, 261.9; LA0001 600, 459.2).
TEST(TeamsCommand, SaysWhichTrustsAndCouncilsAreCountedInTheirHeadquartersLocalityOnly) {
  const auto run = RunCommand(Careforce(fmt::format("teams {}/examples/westbrook --quiet", CAREFORCE_SOURCE_DIR)));
  ASSERT_EQ(run.status, 0) << run.err;
  EXPECT_NE(run.out.find("  warning: The posts of Westbrook Hospitals NHS Foundation Trust (300 posts, 263.8 FTE), "
                         "Westbrook Community Healthcare NHS Trust (600 posts, 521.1 FTE), Westbrook Partnership NHS "
                         "Foundation Trust (300 posts, 261.9 FTE) and Westbrook Council Adult Social Care (600 posts, "
                         "459.2 FTE) are all in their organisation's own locality, with no site given: they are "
                         "counted in the teams of that locality (Eastmere) only."),
            std::string::npos)
      << run.out;
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

// Required FTE by team and role in the base and last years, from a team_roles.csv: "team|role" ->
// the two columns as written.
std::map<std::string, std::string> RequiredByTeamAndRole(const fs::path& team_roles) {
  const Csv csv = ReadCsv(team_roles);
  std::map<std::string, std::string> required;
  for (const auto& row : csv.rows) {
    required[row[csv.Column("team")] + "|" + row[csv.Column("role")]] =
        row[csv.Column("services_fte_2025")] + " " + row[csv.Column("services_fte_2035")];
  }
  return required;
}

// careforce teams --calibrate-to-staff projects the teams' demand as the plan does with it: every
// team's required FTE by role is the plan's teams section's, figure for figure; and calibration
// changes them (Westbrook's staff cannot give all of its modelled activity).
TEST(TeamsCommand, CalibratedToStaffTheTeamsNeedWhatThePlansTeamsNeed) {
  TempDir out;
  const std::string place = fmt::format("{}/examples/westbrook", CAREFORCE_SOURCE_DIR);
  const auto teams = RunCommand(
      Careforce(fmt::format("teams {} --calibrate-to-staff --quiet --out {}", place, (out.path() / "teams").string())));
  ASSERT_EQ(teams.status, 0) << teams.err;
  const auto plan = RunCommand(Careforce(fmt::format("plan {} --calibrate-to-staff --runs 5 --skill-mix-path never --quiet "
                                                     "--out {}",
                                                     place, (out.path() / "plan").string())));
  ASSERT_EQ(plan.status, 0) << plan.err;
  const auto uncalibrated =
      RunCommand(Careforce(fmt::format("teams {} --quiet --out {}", place, (out.path() / "uncalibrated").string())));
  ASSERT_EQ(uncalibrated.status, 0) << uncalibrated.err;
  const auto by_teams = RequiredByTeamAndRole(out.path() / "teams" / "team_roles.csv");
  EXPECT_GT(by_teams.size(), 7u * 5u);
  // The plan's table has a row besides for a role its cheapest mix uses where today's mix needs
  // under 0.05 FTE of it (rows of less are left out).
  const auto by_plan = RequiredByTeamAndRole(out.path() / "plan" / "csv" / "team_roles.csv");
  for (const auto& [key, figures] : by_teams) {
    ASSERT_TRUE(by_plan.contains(key)) << key;
    EXPECT_EQ(by_plan.at(key), figures) << key;
  }
  for (const auto& [key, figures] : by_plan) {
    if (!by_teams.contains(key)) {
      std::istringstream both(figures);
      double first = 0.0, last = 0.0;
      both >> first >> last;
      EXPECT_LT(first, 0.05) << key;
      EXPECT_LT(last, 0.05) << key;
    }
  }
  EXPECT_NE(by_teams, RequiredByTeamAndRole(out.path() / "uncalibrated" / "team_roles.csv"));
  const Csv calibrated = ReadCsv(out.path() / "teams" / "teams.csv");
  const Csv planned = ReadCsv(out.path() / "plan" / "csv" / "teams.csv");
  ASSERT_EQ(calibrated.rows.size(), 7u);
  ASSERT_EQ(planned.rows.size(), 7u);
  for (std::size_t row = 0; row < calibrated.rows.size(); ++row) {
    for (const std::string column : {"team", "services_fte_2025", "services_fte_2035"}) {
      EXPECT_EQ(calibrated.rows[row][calibrated.Column(column)], planned.rows[row][planned.Column(column)]) << column;
    }
  }
}

// Posts whose team column names no team of the design: counted, placed by their practice or
// locality, and said so in the terminal, careforce teams --json, plan.json's teams section and the
// report; a count of 1 to 4 is hidden in shared outputs.
TEST(TeamsCommand, PostsNamingAnUnknownTeamAreCountedInTheOutputs) {
  TempDir temp;
  const fs::path place = temp.path() / "place";
  ToyWithTeams(place);
  std::string staff = ReadFile(place / "staff.csv");
  for (const std::string person : {"P04", "P05", "P07"}) {  // a care home's nurse and carer, a social worker
    const std::size_t row = staff.find("\n" + person + ",") + 1;
    const std::size_t end = staff.find('\n', row);
    ASSERT_EQ(staff[end - 1], ',') << person;  // no team
    staff.insert(end, "Old West team");
  }
  WriteFile(place / "staff.csv", staff);
  const auto open = RunCommand(Careforce(fmt::format("teams {} --quiet --no-suppression --json", place.string())));
  ASSERT_EQ(open.status, 0) << open.err;
  EXPECT_EQ(nlohmann::json::parse(open.out).at("unknown_team_posts"), 3);
  const auto text = RunCommand(Careforce(fmt::format("teams {} --quiet --no-suppression", place.string())));
  EXPECT_NE(text.out.find("  3 posts give a team that is not one of these; they were placed by their practice, network "
                          "or locality\n"),
            std::string::npos)
      << text.out;
  const auto shared = RunCommand(Careforce(fmt::format("teams {} --quiet --json", place.string())));
  ASSERT_EQ(shared.status, 0) << shared.err;
  EXPECT_TRUE(nlohmann::json::parse(shared.out).at("unknown_team_posts").is_null());
  const auto shared_text = RunCommand(Careforce(fmt::format("teams {} --quiet", place.string())));
  EXPECT_NE(shared_text.out.find("  Fewer than 5 posts give a team that is not one of these"), std::string::npos)
      << shared_text.out;

  const auto plan = RunCommand(Careforce(fmt::format("plan {} --quiet --runs 20 --no-suppression --out {}",
                                                     place.string(), (temp.path() / "open").string())));
  ASSERT_EQ(plan.status, 0) << plan.err;
  EXPECT_EQ(nlohmann::json::parse(ReadFile(temp.path() / "open" / "plan.json")).at("teams").at("unknown_team_posts"), 3);
  EXPECT_NE(ReadFile(temp.path() / "open" / "report.html")
                .find("3 posts give a team that is not one of these; they were placed by their practice, network or "
                      "locality."),
            std::string::npos);
  const auto shared_plan = RunCommand(
      Careforce(fmt::format("plan {} --quiet --runs 20 --out {}", place.string(), (temp.path() / "shared").string())));
  ASSERT_EQ(shared_plan.status, 0) << shared_plan.err;
  const auto shared_json = nlohmann::json::parse(ReadFile(temp.path() / "shared" / "plan.json"));
  EXPECT_TRUE(shared_json.at("teams").at("unknown_team_posts").is_null());
  EXPECT_EQ(ReadFile(temp.path() / "shared" / "report.html").find("3 posts give a team"), std::string::npos);
  // None unknown: 0, and no sentence.
  ToyWithTeams(temp.path() / "known");
  const auto known = RunCommand(Careforce(fmt::format("teams {} --quiet --json", (temp.path() / "known").string())));
  EXPECT_EQ(nlohmann::json::parse(known.out).at("unknown_team_posts"), 0);
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

// An organisation's site is read as a practice's coordinates are: a latitude off the map is an
// error at its column (line 2, column 60: after "RT1,", the trust's name, its sector and locality),
// and validate and teams exit 2.
TEST(TeamsCommand, AnOrganisationSiteOffTheMapIsAnErrorAtItsColumn) {
  TempDir temp;
  const fs::path place = temp.path() / "place";
  ToyWithTeams(place);
  WriteFile(place / "organisations.csv",
            "code,name,sector,locality,latitude,longitude\n"
            "RT1,Northshire Community NHS Trust,nhs_community,E07000001,95.2,-0.37\n"
            "CH1,Elm House Care Home,independent,E07000002,,\n"
            "LA1,South Council Adult Social Care,local_authority,E07000002,,\n"
            "GP1,Riverside Surgery,primary_care,E07000001,50.81,-0.37\n");
  const std::string error = (place / "organisations.csv").string() +
                            ":2:60: error: latitude 95.2 is out of range, expected a number at least 49.8 and at "
                            "most 60.9\n";
  for (const std::string command : {"validate", "teams"}) {
    const auto run = RunCommand(Careforce(fmt::format("{} {} --quiet", command, place.string())));
    EXPECT_EQ(run.status, 2) << command << "\n" << run.err;
    EXPECT_NE(run.err.find(error), std::string::npos) << command << "\n" << run.err;
    EXPECT_NE(run.err.find("careforce: 1 error\n"), std::string::npos) << command << "\n" << run.err;
  }
}

// Teams of at least 7,000 registered people: North's network (8,000) makes one, South's one
// practice (6,000) none. South's demand and its 4.5 FTE in post (the care home's 1.0 + 1.0 + 0.5 +
// 0.4, the council's 1.0 + 0.6) are in no team, said on the terminal and as teams.csv's last row.
TEST(TeamsCommand, ALocalityInNoTeamIsCountedOutsideTheTeams) {
  TempDir temp;
  const fs::path place = temp.path() / "place";
  ToyWithTeams(place);
  std::string toml = ReadFile(place / "place.toml");
  toml.insert(toml.find("[[locality]]"), "[teams]\nuse_given = false\nmin_population = 7000\n\n");
  WriteFile(place / "place.toml", toml);
  const auto run =
      RunCommand(Careforce(fmt::format("teams {} --quiet --out {}", place.string(), (temp.path() / "out").string())));
  ASSERT_EQ(run.status, 0) << run.err;
  EXPECT_NE(run.out.find("Tiny — 1 neighbourhood teams of 3 practices\n"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("  not in any team: 1 locality (South), with 1 practice and 6,000 registered people, is in "
                         "no team: its modelled services' need of "),
            std::string::npos)
      << run.out;
  EXPECT_NE(run.out.find(" FTE in 2030 and its 4.5 FTE in post are left out of every team's figures, not shared with "
                         "other localities' teams\n"),
            std::string::npos)
      << run.out;
  const std::string teams = ReadFile(temp.path() / "out" / "teams.csv");
  EXPECT_EQ(std::count(teams.begin(), teams.end(), '\n'), 3) << teams;  // a header, North's team, what is in none
  EXPECT_NE(teams.find("\n(no team),South,,1,6000,,,"), std::string::npos) << teams;
}

// The teams' cheapest mix is the place's, shared: for each role, the teams' FTE at the cheapest mix
// sum to the skill mix's hours on the modelled services over the direct-care hours of an FTE
// (plan.json, full precision; rows under 0.05 FTE in every figure are left out, hence the tolerance).
// With Westcombe's practices moved to Southvale, Westcombe has no team: what its people need at the
// cheapest mix is counted as in no team, and teams and no team still sum to the place's mix.
double CheapestMixByRole(const nlohmann::json& plan, std::map<std::string, double>& teams_by_role) {
  double total = 0.0;
  for (const auto& row : plan.at("teams").at("tables").at("team_roles")) {
    const double fte = row.at("cheapest_mix_fte_2035").get<double>();
    teams_by_role[row.at("role").get<std::string>()] += fte;
    total += fte;
  }
  return total;
}

TEST(TeamsCommand, TheTeamsCheapestMixSumsToThePlacesMix) {
  TempDir temp;
  const fs::path westbrook = fs::path(CAREFORCE_SOURCE_DIR) / "examples" / "westbrook";
  careforce::testing::CopyFiles(westbrook, temp.path() / "moved");
  std::string practices = ReadFile(westbrook / "gp_practices.csv");
  for (std::size_t at = practices.find(",L004,"); at != std::string::npos; at = practices.find(",L004,", at)) {
    practices.replace(at, 6, ",L003,");
  }
  WriteFile(temp.path() / "moved" / "gp_practices.csv", practices);
  for (const std::string& place : {westbrook.string(), (temp.path() / "moved").string()}) {
    const fs::path out = temp.path() / (place == westbrook.string() ? "out" : "out-moved");
    const auto run = RunCommand(Careforce(fmt::format("plan {} --quiet --runs 5 --skill-mix-path never --no-suppression "
                                                      "--out {}",
                                                      place, out.string())));
    ASSERT_EQ(run.status, 0) << run.err;
    const auto plan = nlohmann::json::parse(ReadFile(out / "plan.json"));
    const double hours_per_fte = plan.at("demand").at("hours_per_fte").get<double>();
    std::map<std::string, double> teams_by_role;
    const double teams = CheapestMixByRole(plan, teams_by_role);
    double place_total = 0.0;
    for (const auto& row : plan.at("skill_mix").at("tables").at("skill_mix_roles")) {
      const double fte = row.at("hours_used").get<double>() / hours_per_fte;
      place_total += fte;
      if (place == westbrook.string()) {
        EXPECT_NEAR(teams_by_role[row.at("role").get<std::string>()], fte, 0.05) << row.at("role");
      }
    }
    const double outside = plan.at("teams").at("cheapest_mix_fte_in_no_team").get<double>();
    if (place == westbrook.string()) {
      EXPECT_EQ(outside, 0.0);
    } else {
      EXPECT_GT(outside, 100.0);  // the services of Westcombe's residents
      // The teams table's last row, what no team serves: its figures in their own columns.
      const auto& last = plan.at("teams").at("tables").at("teams").back();
      EXPECT_EQ(last.at("team"), "(no team)");
      EXPECT_TRUE(last.at("travel_minutes_per_visit").is_null());
      EXPECT_EQ(last.at("locality"), "Westcombe");
      EXPECT_EQ(last.at("practices").get<double>(), 0.0);  // its practices were moved to Southvale
      EXPECT_NEAR(last.at("services_fte_2035").get<double>(),
                  plan.at("teams").at("services_fte_in_no_team").get<double>(), 1e-9);
    }
    EXPECT_NEAR(teams + outside, place_total, 0.5) << place;
  }
}

}  // namespace
}  // namespace careforce
