#include "report/format.hpp"

#include <cmath>

#include <fmt/format.h>

namespace careforce::report {

namespace {

std::string GroupThousands(std::string digits) {
  const bool negative = !digits.empty() && digits.front() == '-';
  if (negative) digits.erase(0, 1);
  std::string out;
  const std::size_t lead = digits.size() % 3 == 0 ? 3 : digits.size() % 3;
  for (std::size_t pos = 0; pos < digits.size(); ++pos) {
    if (pos >= lead && (pos - lead) % 3 == 0) out.push_back(',');
    out.push_back(digits[pos]);
  }
  return negative ? "-" + out : out;
}

}  // namespace

std::string Count(int64_t value) { return GroupThousands(fmt::format("{}", value)); }

std::string Fte(double value) {
  const double rounded = std::round(value * 10.0) / 10.0;
  const auto whole = static_cast<int64_t>(std::trunc(rounded));
  const int tenth = static_cast<int>(std::lround(std::fabs(rounded - static_cast<double>(whole)) * 10.0));
  const std::string sign = rounded < 0 && whole == 0 ? "-" : "";
  return fmt::format("{}{}.{}", sign, GroupThousands(fmt::format("{}", whole)), tenth);
}

std::string Money(double value) {
  const auto pounds = static_cast<int64_t>(std::llround(value));
  return pounds < 0 ? "-£" + GroupThousands(fmt::format("{}", -pounds)) : "£" + GroupThousands(fmt::format("{}", pounds));
}

std::string Percent(double share, int decimals) { return fmt::format("{:.{}f}%", share * 100.0, decimals); }

std::string Html(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

std::string MoneyShort(double value) {
  const double size = std::abs(value);
  const std::string sign = value < 0 ? "-" : "";
  if (size >= 999.95e6) return fmt::format("{}£{:.2f}bn", sign, size / 1e9);
  if (size >= 999.5e3) return fmt::format("{}£{:.1f}m", sign, size / 1e6);
  if (size >= 999.5) return fmt::format("{}£{:.0f}k", sign, size / 1e3);
  return fmt::format("{}£{:.0f}", sign, size);
}

}  // namespace careforce::report
