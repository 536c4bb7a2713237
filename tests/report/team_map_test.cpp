// The team map: practices joined to their team's base, each team coloured by its shortfall.

#include <string>

#include <gtest/gtest.h>

#include "report/svg.hpp"

namespace careforce::report {
namespace {

std::size_t Count(const std::string& text, const std::string& what) {
  std::size_t count = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++count;
  return count;
}

TEST(TeamMap, DrawsBasesAsSquaresJoinsPracticesAndColoursTeamsByShortfall) {
  const std::vector<MapPractice> practices = {
      {50.80, -0.40, "A", 0, true}, {50.82, -0.38, "B", 0, false}, {50.84, -0.36, "C", 0, false},
      {50.90, -0.20, "D", 1, true}, {50.91, -0.21, "E", 1, false}};
  const std::vector<MapTeam> teams = {{"North", 0.30, false}, {"South", 0.0, true}};
  const std::string svg = TeamMap("Teams", practices, teams);
  // Two bases (squares, plus the legend's five swatches and the frame), three other practices,
  // each joined to its base by a line.
  EXPECT_EQ(Count(svg, "<circle"), 3u);
  EXPECT_EQ(Count(svg, "<line"), 3u);
  EXPECT_EQ(Count(svg, "team base</title>"), 2u);
  // North is short by 30% of its staff: the darkest red; South's figures are hidden: grey.
  EXPECT_EQ(Count(svg, "fill=\"#b2182b\" stroke"), 3u);  // North's base and two practices
  EXPECT_EQ(Count(svg, "fill=\"#9e9e9e\" stroke"), 2u);  // South's base and one practice
  EXPECT_NE(svg.find(">North</text>"), std::string::npos);
  // The westernmost practice, A (a base: a 10-pixel square centred on it), sits at the 16-pixel margin.
  EXPECT_NE(svg.find("<rect x=\"11.0\""), std::string::npos);
}

}  // namespace
}  // namespace careforce::report
