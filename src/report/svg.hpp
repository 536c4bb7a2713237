#pragma once

#include <string>
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
