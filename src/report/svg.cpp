#include "report/svg.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "report/format.hpp"

namespace careforce::report {

namespace {

constexpr int kRowHeight = 22;
constexpr int kLabelWidth = 260;
constexpr std::size_t kLabelCharacters = 38;
constexpr int kBarWidth = 360;
constexpr int kTextWidth = 110;
constexpr int kTitleHeight = 28;

// Long labels are shortened to fit beside the bars (the tables keep them whole).
std::string Shorten(const std::string& label) {
  std::size_t characters = 0;
  for (std::size_t pos = 0; pos < label.size(); ++pos) {
    if ((static_cast<unsigned char>(label[pos]) & 0xC0) == 0x80) continue;
    if (++characters > kLabelCharacters) return label.substr(0, pos) + "…";
  }
  return label;
}

}  // namespace

std::string BarChart(const std::string& title, const std::vector<Bar>& bars) {
  double max_value = 0.0;
  for (const Bar& bar : bars) {
    if (!bar.hidden) max_value = std::max(max_value, bar.value);
  }
  const int width = kLabelWidth + kBarWidth + kTextWidth;
  const int height = kTitleHeight + kRowHeight * static_cast<int>(bars.size()) + 8;
  std::string svg = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"{0}\" height=\"{1}\" "
      "viewBox=\"0 0 {0} {1}\" role=\"img\" aria-label=\"{2}\">\n"
      "<text x=\"0\" y=\"18\" class=\"chart-title\">{2}</text>\n",
      width, height, Html(title));
  int y = kTitleHeight;
  for (const Bar& bar : bars) {
    const double length = bar.hidden || max_value <= 0 ? 0.0 : bar.value / max_value * kBarWidth;
    svg += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"end\" class=\"label\">{}</text>\n",
                       kLabelWidth - 8, y + 15, Html(Shorten(bar.label)));
    if (length > 0) {
      svg += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{:.1f}\" height=\"{}\" class=\"bar\"/>\n",
                         kLabelWidth, y + 3, length, kRowHeight - 6);
    }
    svg += fmt::format("<text x=\"{:.1f}\" y=\"{}\" class=\"value\">{}</text>\n", kLabelWidth + length + 6, y + 15,
                       Html(bar.text));
    y += kRowHeight;
  }
  svg += "</svg>\n";
  return svg;
}

std::string Waterfall(const std::string& title, const std::vector<WaterfallStep>& steps) {
  // The axis spans every running total and every total.
  double low = 0.0;
  double high = 0.0;
  double running = 0.0;
  for (const WaterfallStep& step : steps) {
    running = step.total ? step.value : running + step.value;
    low = std::min(low, running);
    high = std::max(high, running);
  }
  const double span = high - low > 0 ? high - low : 1.0;
  const auto x_of = [&](double value) { return kLabelWidth + (value - low) / span * kBarWidth; };
  const int width = kLabelWidth + kBarWidth + kTextWidth;
  const int height = kTitleHeight + kRowHeight * static_cast<int>(steps.size()) + 8;
  std::string svg = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"{0}\" height=\"{1}\" "
      "viewBox=\"0 0 {0} {1}\" role=\"img\" aria-label=\"{2}\">\n"
      "<text x=\"0\" y=\"18\" class=\"chart-title\">{2}</text>\n",
      width, height, Html(title));
  int y = kTitleHeight;
  running = 0.0;
  for (const WaterfallStep& step : steps) {
    const double from = step.total ? 0.0 : running;
    const double to = step.total ? step.value : running + step.value;
    running = to;
    const double left = x_of(std::min(from, to));
    const double bar = std::max(1.0, std::abs(x_of(to) - x_of(from)));
    const char* kind = step.total ? "bar" : step.value >= 0 ? "bar up" : "bar down";
    svg += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"end\" class=\"label\">{}</text>\n", kLabelWidth - 8,
                       y + 15, Html(Shorten(step.label)));
    svg += fmt::format("<rect x=\"{:.1f}\" y=\"{}\" width=\"{:.1f}\" height=\"{}\" class=\"{}\"/>\n", left, y + 3, bar,
                       kRowHeight - 6, kind);
    svg += fmt::format("<text x=\"{:.1f}\" y=\"{}\" class=\"value\">{}</text>\n", left + bar + 6, y + 15, Html(step.text));
    y += kRowHeight;
  }
  svg += "</svg>\n";
  return svg;
}

std::string AgePyramid(const std::string& title, const std::vector<PyramidBand>& bands) {
  double max_value = 0.0;
  for (const PyramidBand& band : bands) {
    if (!band.hidden) max_value = std::max({max_value, band.female, band.male});
  }
  constexpr int kHalf = 260;
  constexpr int kAxis = 70;
  const int width = kHalf * 2 + kAxis;
  const int height = kTitleHeight + 20 + kRowHeight * static_cast<int>(bands.size()) + 8;
  std::string svg = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"{0}\" height=\"{1}\" "
      "viewBox=\"0 0 {0} {1}\" role=\"img\" aria-label=\"{2}\">\n"
      "<text x=\"0\" y=\"18\" class=\"chart-title\">{2}</text>\n"
      "<text x=\"{3}\" y=\"{5}\" text-anchor=\"end\" class=\"label\">Men</text>\n"
      "<text x=\"{4}\" y=\"{5}\" class=\"label\">Women</text>\n",
      width, height, Html(title), kHalf - 4, kHalf + kAxis + 4, kTitleHeight + 12);
  // Oldest band at the top.
  int y = kTitleHeight + 20;
  for (auto band = bands.rbegin(); band != bands.rend(); ++band) {
    svg += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" class=\"label\">{}</text>\n",
                       kHalf + kAxis / 2, y + 15, Html(band->label));
    if (band->hidden) {
      svg += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"end\" class=\"value\">{}</text>\n", kHalf - 4,
                         y + 15, kSuppressed);
      svg += fmt::format("<text x=\"{}\" y=\"{}\" class=\"value\">{}</text>\n", kHalf + kAxis + 4, y + 15,
                         kSuppressed);
    } else if (max_value > 0) {
      const double male = band->male / max_value * (kHalf - 40);
      const double female = band->female / max_value * (kHalf - 40);
      svg += fmt::format("<rect x=\"{:.1f}\" y=\"{}\" width=\"{:.1f}\" height=\"{}\" class=\"bar male\"/>\n",
                         kHalf - male, y + 3, male, kRowHeight - 6);
      svg += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{:.1f}\" height=\"{}\" class=\"bar female\"/>\n",
                         kHalf + kAxis, y + 3, female, kRowHeight - 6);
      svg += fmt::format("<text x=\"{:.1f}\" y=\"{}\" text-anchor=\"end\" class=\"value\">{}</text>\n",
                         kHalf - male - 4, y + 15, Count(static_cast<int64_t>(band->male)));
      svg += fmt::format("<text x=\"{:.1f}\" y=\"{}\" class=\"value\">{}</text>\n", kHalf + kAxis + female + 4,
                         y + 15, Count(static_cast<int64_t>(band->female)));
    }
    y += kRowHeight;
  }
  svg += "</svg>\n";
  return svg;
}

}  // namespace careforce::report
