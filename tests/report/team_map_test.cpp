// The team map: practices joined to their team's base, each team coloured by its shortfall.

#include <cmath>
#include <regex>
#include <string>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "report/svg.hpp"
#include "test_support.hpp"

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

// The value of an attribute of an element's attributes, or `otherwise`.
std::string Attribute(const std::string& attributes, const std::string& name, const std::string& otherwise) {
  const std::regex pattern("(?:^| )" + name + "=\"([^\"]*)\"");
  std::smatch found;
  return std::regex_search(attributes, found, pattern) ? found[1].str() : otherwise;
}

// Every text of the SVG lies across, within its view box: its width estimated as the map estimates
// it (TextWidth at its font size; 16 pixels, a browser's default, where it gives none), from its x
// by its anchor. Returns the number of texts checked.
int ExpectEveryTextInsideTheViewBox(const std::string& svg, const std::string& what) {
  static const std::regex kViewBox("viewBox=\"0 0 ([0-9.]+) ([0-9.]+)\"");
  std::smatch box;
  EXPECT_TRUE(std::regex_search(svg, box, kViewBox)) << what;
  const double width = std::stod(box[1].str());
  static const std::regex kText("<text ([^>]*)>([^<]*)</text>");
  int texts = 0;
  for (auto text = std::sregex_iterator(svg.begin(), svg.end(), kText); text != std::sregex_iterator(); ++text) {
    const std::string attributes = (*text)[1].str();
    const std::string content = careforce::testing::XmlUnescape((*text)[2].str());
    const double x = std::stod(Attribute(attributes, "x", "0"));
    const double extent = TextWidth(content, std::stod(Attribute(attributes, "font-size", "16")));
    const std::string anchor = Attribute(attributes, "text-anchor", "start");
    const double left = anchor == "end" ? x - extent : anchor == "middle" ? x - extent / 2 : x;
    EXPECT_GE(left, 0.0) << what << ": " << content;
    EXPECT_LE(left + extent, width) << what << ": " << content;
    ++texts;
  }
  return texts;
}

TEST(TeamMap, NoTextRunsPastTheViewBox) {
  // The easternmost base's name would run past the map's right edge: it is written to the left of
  // its base; the westernmost's to the right as ever.
  const std::vector<MapPractice> practices = {{50.80, -0.40, "A", 0, true},
                                              {50.82, -0.38, "B", 0, false},
                                              {50.90, -0.10, "C", 1, true},
                                              {50.88, -0.12, "D", 1, false}};
  const std::vector<MapTeam> teams = {{"Chichester 1", 0.0, false}, {"Mid Sussex 3 — Haywards Heath", 0.1, false}};
  const std::string svg = TeamMap("Teams", practices, teams);
  EXPECT_EQ(ExpectEveryTextInsideTheViewBox(svg, "two teams"), 1 + 2 + 5);  // title, names, legend
  const auto line_of = [&svg](const std::string& label) {
    const std::size_t at = svg.find(">" + label + "</text>");
    if (at == std::string::npos) return std::string();
    const std::size_t start = svg.rfind('\n', at) + 1;
    return svg.substr(start, at - start);
  };
  // East: 7 pixels left of the base (x = 640 - 16), anchored at the end; west: 7 right of it.
  EXPECT_TRUE(line_of("Mid Sussex 3 — Haywards Heath").starts_with("<text x=\"617.0\""));
  EXPECT_NE(line_of("Mid Sussex 3 — Haywards Heath").find("text-anchor=\"end\""), std::string::npos);
  EXPECT_TRUE(line_of("Chichester 1").starts_with("<text x=\"23.0\""));
  EXPECT_EQ(line_of("Chichester 1").find("text-anchor"), std::string::npos);
  EXPECT_NE(svg.find("viewBox=\"0 0 640 "), std::string::npos);
  // A title wider than the map widens the view box; so does a name too long for either side.
  const std::string wide = TeamMap(std::string(120, 'W'), practices, {{std::string(130, 'x'), 0.0, false}, teams[1]});
  EXPECT_EQ(ExpectEveryTextInsideTheViewBox(wide, "wide texts"), 8);
  EXPECT_EQ(wide.find("viewBox=\"0 0 640 "), std::string::npos);
}

// Two bases almost at one place (as Horsham 1 and 2 are): the second name is written below its
// base, not over the first (10-pixel text: boxes from the baseline 10 up and 2.5 down).
TEST(TeamMap, NamesOfBasesCloseTogetherDoNotCoverEachOther) {
  const std::vector<MapPractice> practices = {{51.060, -0.330, "A", 0, true},
                                              {51.061, -0.331, "B", 1, true},
                                              {50.800, -0.800, "C", 0, false},
                                              {51.300, -0.100, "D", 1, false}};
  const std::vector<MapTeam> teams = {{"Horsham 1", 0.0, false}, {"Horsham 2", 0.0, false}};
  const std::string svg = TeamMap("Teams", practices, teams);
  const auto baseline = [&svg](const std::string& label) {
    static const std::regex kText("<text x=\"[0-9.]+\" y=\"([0-9.]+)\"[^>]*>([^<]*)</text>");
    for (auto text = std::sregex_iterator(svg.begin(), svg.end(), kText); text != std::sregex_iterator(); ++text) {
      if ((*text)[2].str() == label) return std::stod((*text)[1].str());
    }
    return -1.0;
  };
  const double first = baseline("Horsham 1"), second = baseline("Horsham 2");
  ASSERT_GT(first, 0.0);
  ASSERT_GT(second, 0.0);
  // The bases are about 0.001 degrees apart (under a pixel at this scale): 6 above and 14 below.
  EXPECT_GE(std::abs(second - first), 12.5) << svg;
  EXPECT_EQ(ExpectEveryTextInsideTheViewBox(svg, "close bases"), 1 + 2 + 5);
}

// The maps careforce teams draws of the shipped places.
TEST(TeamMap, NoTextOfTheExamplesMapsRunsPastTheViewBox) {
  for (const std::string example : {"westbrook", "west-sussex"}) {
    careforce::testing::TempDir out;
    const auto run = careforce::testing::RunCommand(careforce::testing::Careforce(
        fmt::format("teams {}/examples/{} --quiet --out {}", CAREFORCE_SOURCE_DIR, example, out.str())));
    ASSERT_EQ(run.status, 0) << run.err;
    const std::string svg = careforce::testing::ReadFile(out.path() / "teams_map.svg");
    EXPECT_GT(ExpectEveryTextInsideTheViewBox(svg, example), 6) << example;
  }
}

}  // namespace
}  // namespace careforce::report
