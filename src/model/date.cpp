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

int Digit(char c) { return c >= '0' && c <= '9' ? c - '0' : -1; }

}  // namespace

std::optional<Date> MakeDate(int year, int month, int day) {
  if (month < 1 || month > 12 || day < 1 || day > 31) return std::nullopt;
  chr::year_month_day ymd{chr::year{year}, chr::month{static_cast<unsigned>(month)},
                          chr::day{static_cast<unsigned>(day)}};
  if (!ymd.ok()) return std::nullopt;
  return FromYmd(ymd);
}

std::optional<Date> ParseIsoDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int parts[3] = {0, 0, 0};
  const int starts[3] = {0, 5, 8};
  const int lengths[3] = {4, 2, 2};
  for (int part = 0; part < 3; ++part) {
    for (int offset = 0; offset < lengths[part]; ++offset) {
      const int digit = Digit(text[starts[part] + offset]);
      if (digit < 0) return std::nullopt;
      parts[part] = parts[part] * 10 + digit;
    }
  }
  return MakeDate(parts[0], parts[1], parts[2]);
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
