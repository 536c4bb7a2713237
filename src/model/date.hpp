#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace careforce {

// A calendar date stored as days since 1970-01-01 (proleptic Gregorian).
struct Date {
  int32_t days = 0;

  friend constexpr auto operator<=>(Date, Date) = default;
};

// Parses an ISO 8601 calendar date "YYYY-MM-DD"; nullopt when malformed or not a real day.
std::optional<Date> ParseIsoDate(std::string_view text);
// Builds a date from year, month and day; nullopt when not a real day.
std::optional<Date> MakeDate(int year, int month, int day);
// Formats as "YYYY-MM-DD".
std::string FormatDate(Date date);
// Calendar year of a date.
int YearOf(Date date);
// The same day of the month `months` later (clamped to the month's last day).
Date AddMonths(Date date, int months);
// Today's date in UTC.
Date Today();

}  // namespace careforce
