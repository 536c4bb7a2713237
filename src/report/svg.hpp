#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace careforce::report {

// One bar: a label, a value, and the text printed after the bar. Hidden bars (suppressed
// figures) keep their label and show the text only.
struct Bar {
  std::string label;
  double value = 0.0;
  std::string text;
  bool hidden = false;
};

// A horizontal bar chart as inline SVG.
std::string BarChart(const std::string& title, const std::vector<Bar>& bars);

// One band of an age pyramid.
struct PyramidBand {
  std::string label;
  double female = 0.0;
  double male = 0.0;
  bool hidden = false;
};

// An age pyramid (men to the left, women to the right) as inline SVG.
std::string AgePyramid(const std::string& title, const std::vector<PyramidBand>& bands);

// One step of a waterfall: a total (drawn from zero) or a change (drawn from the running total).
struct WaterfallStep {
  std::string label;
  double value = 0.0;
  bool total = false;
  std::string text;
};

// A waterfall chart (one row per step) as inline SVG. Increases are drawn as bad news (red)
// unless `increase_is_good` (staff gained, green).
std::string Waterfall(const std::string& title, const std::vector<WaterfallStep>& steps, bool increase_is_good = false);

// A fan chart: the 10th-90th percentile band, the median and the mean of a quantity by year.
// With no percentiles (exact expected values) only the mean is drawn.
struct Fan {
  std::string title;
  std::vector<int> years;
  std::vector<double> mean;
  std::vector<double> p10;
  std::vector<double> p50;
  std::vector<double> p90;
};
std::string FanChart(const Fan& fan);

}  // namespace careforce::report

namespace careforce::report {

// A practice on a team map (a base is drawn as a square, the others as dots joined to their base).
struct MapPractice {
  double latitude = 0.0;
  double longitude = 0.0;
  std::string label;  // a tooltip
  std::size_t team = 0;
  bool base = false;
};

// A team's colour on the map: its shortfall as a share of its staff in post (short: red to
// yellow, not short: green), grey when there is no demand to measure it by (`hidden`).
struct MapTeam {
  std::string label;
  double gap_share = 0.0;  // shortfall / FTE in post
  bool hidden = false;
};

// The width a text takes at `font_size` pixels, as the charts estimate it (characters × 0.6 em):
// what a label is kept within the view box by.
double TextWidth(std::string_view text, double font_size);

// Practices and their teams drawn from their coordinates (an equirectangular projection at the
// place's mean latitude) as inline SVG, each team coloured by its gap, with a legend.
std::string TeamMap(const std::string& title, const std::vector<MapPractice>& practices, const std::vector<MapTeam>& teams);

}  // namespace careforce::report
