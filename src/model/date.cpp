#include "model/date.hpp"

#include <chrono>

#include <fmt/format.h>

namespace careforce {

namespace {

namespace chr = std::chrono;

Date FromYmd(chr::year_month_day ymd) {
  return Date{static_cast<int32_t>(chr::sys_days{ymd}.time_since_epoch().count())};
}

chr::year_month_day ToYmd(Date date) { return chr::year_month_day{chr::sys_days{chr::days{date.days}}}; }


}  // namespace

std::optional<Date> MakeDate(int year, int month, int day) {
  if (month < 1 || month > 12 || day < 1 || day > 31) return std::nullopt;
  chr::year_month_day ymd{chr::year{year}, chr::month{static_cast<unsigned>(month)},
                          chr::day{static_cast<unsigned>(day)}};
  if (!ymd.ok()) return std::nullopt;
  return FromYmd(ymd);
}

std::optional<Date> ParseIsoDate(std::string_view text) {
  // Hand-parsed: dates are read millions of times from staff files.
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  const auto digit = [&](std::size_t at) { return static_cast<unsigned>(static_cast<unsigned char>(text[at]) - '0'); };
  const unsigned d0 = digit(0), d1 = digit(1), d2 = digit(2), d3 = digit(3), d5 = digit(5), d6 = digit(6),
                 d8 = digit(8), d9 = digit(9);
  // A character below '0' wraps to a large value, one above '9' is over 9.
  if (d0 > 9 || d1 > 9 || d2 > 9 || d3 > 9 || d5 > 9 || d6 > 9 || d8 > 9 || d9 > 9) return std::nullopt;
  const int year = static_cast<int>(d0 * 1000 + d1 * 100 + d2 * 10 + d3);
  const int month = static_cast<int>(d5 * 10 + d6);
  const int day = static_cast<int>(d8 * 10 + d9);
  static constexpr int kDaysInMonth[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12 || day < 1) return std::nullopt;
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  if (day > kDaysInMonth[month - 1] + (month == 2 && leap ? 1 : 0)) return std::nullopt;
  // Days from 1970-01-01 in the proleptic Gregorian calendar, counting years from March so
  // that the leap day falls at the end of the year.
  const int shifted_year = month <= 2 ? year - 1 : year;
  const int era = (shifted_year >= 0 ? shifted_year : shifted_year - 399) / 400;
  const int year_of_era = shifted_year - era * 400;
  const int day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const int day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return Date{era * 146097 + day_of_era - 719468};
}

std::string FormatDate(Date date) {
  const auto ymd = ToYmd(date);
  return fmt::format("{:04d}-{:02d}-{:02d}", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
}

int YearOf(Date date) { return static_cast<int>(ToYmd(date).year()); }

Date AddMonths(Date date, int months) {
  auto ymd = ToYmd(date);
  auto shifted = chr::year_month{ymd.year(), ymd.month()} + chr::months{months};
  const auto last = chr::year_month_day_last{shifted.year(), chr::month_day_last{shifted.month()}};
  const auto day = ymd.day() > last.day() ? last.day() : ymd.day();
  return FromYmd(chr::year_month_day{shifted.year(), shifted.month(), day});
}

Date Today() {
  return Date{static_cast<int32_t>(
      chr::floor<chr::days>(chr::system_clock::now()).time_since_epoch().count())};
}

}  // namespace careforce
