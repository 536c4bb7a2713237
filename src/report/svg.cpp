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
// The width of a character as a share of the font size: a generous mean for the report's sans-serif
// and a browser's default serif (TextWidth).
constexpr double kCharacterWidth = 0.6;

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

std::string Waterfall(const std::string& title, const std::vector<WaterfallStep>& steps, bool increase_is_good) {
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
    const bool up = step.value >= 0;
    const char* kind = step.total ? "bar" : up != increase_is_good ? "bar up" : "bar down";
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

std::string FanChart(const Fan& fan) {
  constexpr int kWidth = 440;
  constexpr int kHeight = 210;
  constexpr int kLeft = 62;
  constexpr int kRight = 14;
  constexpr int kTop = kTitleHeight + 6;
  constexpr int kBottom = 26;
  const bool band = !fan.p10.empty();
  // The axis starts at zero: a band from 300 to 452 must not look like a tripling.
  const double low = 0.0;
  double high = *std::max_element(fan.mean.begin(), fan.mean.end());
  if (band) high = std::max(high, *std::max_element(fan.p90.begin(), fan.p90.end()));
  // A rounded axis with about four steps.
  const double raw_step = std::max(1.0, (high - low) / 4.0);
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw_step)));
  double step = magnitude;
  for (const double factor : {1.0, 2.0, 2.5, 5.0, 10.0}) {
    if (factor * magnitude >= raw_step) {
      step = factor * magnitude;
      break;
    }
  }
  const double axis_low = std::floor(low / step) * step;
  const double axis_high = std::max(axis_low + step, std::ceil(high / step) * step);
  const std::size_t points = fan.years.size();
  const auto x_of = [&](std::size_t idx) {
    return kLeft + (points > 1 ? static_cast<double>(idx) / static_cast<double>(points - 1) : 0.5) * (kWidth - kLeft - kRight);
  };
  const auto y_of = [&](double value) {
    return kTop + (axis_high - value) / (axis_high - axis_low) * (kHeight - kTop - kBottom);
  };
  std::string svg = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart fan-chart\" width=\"{0}\" height=\"{1}\" "
      "viewBox=\"0 0 {0} {1}\" role=\"img\" aria-label=\"{2}\">\n"
      "<text x=\"0\" y=\"18\" class=\"chart-title\">{2}</text>\n",
      kWidth, kHeight, Html(fan.title));
  for (double tick = axis_low; tick <= axis_high + step / 2; tick += step) {
    svg += fmt::format("<line x1=\"{}\" x2=\"{}\" y1=\"{:.1f}\" y2=\"{:.1f}\" class=\"grid\"/>\n", kLeft, kWidth - kRight,
                       y_of(tick), y_of(tick));
    svg += fmt::format("<text x=\"{}\" y=\"{:.1f}\" text-anchor=\"end\" class=\"label\">{}</text>\n", kLeft - 6,
                       y_of(tick) + 4, Count(static_cast<int64_t>(std::llround(tick))));
  }
  const std::size_t every = points > 12 ? 5 : points > 6 ? 2 : 1;
  for (std::size_t idx = 0; idx < points; idx += every) {
    svg += fmt::format("<text x=\"{:.1f}\" y=\"{}\" text-anchor=\"middle\" class=\"label\">{}</text>\n", x_of(idx),
                       kHeight - 8, fan.years[idx]);
  }
  const auto line = [&](const std::vector<double>& values) {
    std::string path;
    for (std::size_t idx = 0; idx < values.size(); ++idx) {
      path += fmt::format("{}{:.1f},{:.1f}", idx == 0 ? "" : " ", x_of(idx), y_of(values[idx]));
    }
    return path;
  };
  if (band) {
    std::string polygon = line(fan.p90);
    for (std::size_t idx = points; idx-- > 0;) polygon += fmt::format(" {:.1f},{:.1f}", x_of(idx), y_of(fan.p10[idx]));
    svg += fmt::format("<polygon points=\"{}\" class=\"fan\"><title>10th to 90th percentile</title></polygon>\n", polygon);
    svg += fmt::format("<polyline points=\"{}\" class=\"median\"><title>median</title></polyline>\n", line(fan.p50));
  }
  svg += fmt::format("<polyline points=\"{}\" class=\"{}\"><title>mean</title></polyline>\n", line(fan.mean),
                     band ? "mean" : "median");
  svg += "</svg>\n";
  return svg;
}

}  // namespace careforce::report

namespace careforce::report {

namespace {

// Red for a team short of staff, green for one with more than it needs, by the size of the gap.
std::string GapColour(const MapTeam& team) {
  if (team.hidden) return "#9e9e9e";
  if (team.gap_share > 0.20) return "#b2182b";
  if (team.gap_share > 0.05) return "#ef8a62";
  if (team.gap_share > 1e-9) return "#f0e442";
  return "#1a9850";
}

}  // namespace

double TextWidth(std::string_view text, double font_size) {
  std::size_t characters = 0;
  for (const char c : text) characters += (static_cast<unsigned char>(c) & 0xC0) == 0x80 ? 0 : 1;
  return static_cast<double>(characters) * kCharacterWidth * font_size;
}

std::string TeamMap(const std::string& title, const std::vector<MapPractice>& practices, const std::vector<MapTeam>& teams) {
  constexpr int kWidth = 640;
  constexpr int kMapHeight = 440;
  constexpr int kPad = 16;
  constexpr int kLegend = 5 * 20 + 20;
  constexpr double kTitleSize = 14;   // as .chart-title in the report
  constexpr double kLegendSize = 12;  // as .chart
  constexpr double kTeamSize = 10;
  constexpr double kGap = 7;     // between a base's square and its team's name
  constexpr double kMargin = 2;  // between a name and the edge of the map
  double west = 180, east = -180, south = 90, north = -90, mean_latitude = 0;
  for (const MapPractice& practice : practices) {
    west = std::min(west, practice.longitude);
    east = std::max(east, practice.longitude);
    south = std::min(south, practice.latitude);
    north = std::max(north, practice.latitude);
    mean_latitude += practice.latitude;
  }
  if (!practices.empty()) mean_latitude /= static_cast<double>(practices.size());
  const double squash = std::cos(mean_latitude * 3.14159265358979323846 / 180.0);
  const double span_x = std::max((east - west) * squash, 1e-6);
  const double span_y = std::max(north - south, 1e-6);
  const double scale = std::min((kWidth - 2 * kPad) / span_x, (kMapHeight - 2 * kPad) / span_y);
  const auto x_of = [&](double longitude) { return kPad + (longitude - west) * squash * scale; };
  const auto y_of = [&](double latitude) { return kTitleHeight + kPad + (north - latitude) * scale; };
  const int height = kTitleHeight + kMapHeight + kLegend;
  // The view box is the map's width, or wider where a text would not fit in it (a long title).
  double width = std::max<double>(kWidth, TextWidth(title, kTitleSize));
  std::string svg;
  std::vector<const MapPractice*> base_of(teams.size(), nullptr);
  for (const MapPractice& practice : practices) {
    if (practice.base && practice.team < teams.size()) base_of[practice.team] = &practice;
  }
  for (const MapPractice& practice : practices) {
    if (practice.base || practice.team >= teams.size() || base_of[practice.team] == nullptr) continue;
    const MapPractice& base = *base_of[practice.team];
    svg += fmt::format("<line x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"#777777\" "
                       "stroke-width=\"0.8\"/>\n",
                       x_of(practice.longitude), y_of(practice.latitude), x_of(base.longitude), y_of(base.latitude));
  }
  for (const MapPractice& practice : practices) {
    const std::string colour = practice.team < teams.size() ? GapColour(teams[practice.team]) : std::string("#ffffff");
    const std::string tip = practice.team < teams.size()
                                ? fmt::format("{} ({})", practice.label, teams[practice.team].label)
                                : practice.label;
    if (practice.base) {
      svg += fmt::format("<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"10\" height=\"10\" fill=\"{}\" stroke=\"#000000\">"
                         "<title>{} — team base</title></rect>\n",
                         x_of(practice.longitude) - 5, y_of(practice.latitude) - 5, colour, Html(tip));
    } else {
      svg += fmt::format("<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"4\" fill=\"{}\" stroke=\"#333333\" "
                         "stroke-width=\"0.6\"><title>{}</title></circle>\n",
                         x_of(practice.longitude), y_of(practice.latitude), colour, Html(tip));
    }
  }
  // Team names already written: their boxes (left, right, top, bottom), so that no two overlap.
  struct Box {
    double left, right, top, bottom;
    bool Overlaps(const Box& other) const {
      return left < other.right && other.left < right && top < other.bottom && other.top < bottom;
    }
  };
  std::vector<Box> written;
  for (std::size_t team = 0; team < teams.size(); ++team) {
    if (base_of[team] == nullptr) continue;
    // A team's name to the right of its base, or to its left where it would run past the map's
    // right edge (and fits there); failing both, to the right, the view box widened to hold it.
    // Above the base, or below it (then further above and below) where it would cover a name
    // already written.
    const double x = x_of(base_of[team]->longitude);
    const double name = TextWidth(teams[team].label, kTeamSize);
    const bool left = x + kGap + name > kWidth - kMargin && x - kGap - name >= kMargin;
    if (!left) width = std::max(width, x + kGap + name + kMargin);
    const double base_y = y_of(base_of[team]->latitude);
    const double text_left = left ? x - kGap - name : x + kGap;
    double y = base_y - 6;
    for (const double offset : {-6.0, 14.0, -18.0, 26.0, -30.0, 38.0}) {
      const Box box{text_left, text_left + name, base_y + offset - kTeamSize, base_y + offset + 0.25 * kTeamSize};
      const bool inside = box.top >= kTitleHeight && box.bottom <= kTitleHeight + kMapHeight;
      if (inside && std::none_of(written.begin(), written.end(), [&](const Box& other) { return box.Overlaps(other); })) {
        y = base_y + offset;
        break;
      }
    }
    written.push_back(Box{text_left, text_left + name, y - kTeamSize, y + 0.25 * kTeamSize});
    svg += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\"{} class=\"label\" font-size=\"{}\">{}</text>\n",
                       left ? x - kGap : x + kGap, y, left ? " text-anchor=\"end\"" : "", kTeamSize,
                       Html(teams[team].label));
  }
  const struct {
    const char* colour;
    const char* text;
  } legend[] = {{"#b2182b", "short by more than 20% of the team's staff in post"},
                {"#ef8a62", "short by 5% to 20%"},
                {"#f0e442", "short by less than 5%"},
                {"#1a9850", "not short"},
                {"#9e9e9e", "no demand modelled"}};
  int y = kTitleHeight + kMapHeight + 14;
  for (const auto& entry : legend) {
    svg += fmt::format("<rect x=\"0\" y=\"{}\" width=\"12\" height=\"12\" fill=\"{}\"/>"
                       "<text x=\"18\" y=\"{}\" class=\"label\" font-size=\"{}\">{}</text>\n",
                       y - 10, entry.colour, y, kLegendSize, entry.text);
    width = std::max(width, 18 + TextWidth(entry.text, kLegendSize));
    y += 20;
  }
  svg += "</svg>\n";
  const int view_width = static_cast<int>(std::ceil(width));
  return fmt::format("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"{0}\" height=\"{1}\" "
                     "viewBox=\"0 0 {0} {1}\" role=\"img\" aria-label=\"{2}\">\n"
                     "<text x=\"0\" y=\"18\" class=\"chart-title\" font-size=\"{3}\" font-weight=\"600\">{2}</text>\n"
                     "<rect x=\"0\" y=\"{4}\" width=\"{5}\" height=\"{6}\" fill=\"#f7f7f7\" stroke=\"#cccccc\"/>\n",
                     view_width, height, Html(title), kTitleSize, kTitleHeight, kWidth, kMapHeight) +
         svg;
}

}  // namespace careforce::report
