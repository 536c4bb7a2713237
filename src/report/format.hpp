#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace careforce::report {

// 12,345
std::string Count(int64_t value);
// 1,234.5 (one decimal)
std::string Fte(double value);
// £36,000
std::string Money(double value);
// Money as people write it: £218.0m, £33.8m, £109k, £950
std::string MoneyShort(double value);
// 31.6% from a share 0.316
std::string Percent(double share, int decimals = 1);
// Escapes text for HTML element content and attribute values.
std::string Html(std::string_view text);
// The mark shown in place of a suppressed figure.
inline constexpr std::string_view kSuppressed = "*";

}  // namespace careforce::report
