#include "model/date.hpp"

#include <gtest/gtest.h>

namespace careforce {
namespace {

TEST(Date, ParsesRealDaysOnly) {
  EXPECT_EQ(FormatDate(*ParseIsoDate("2024-02-29")), "2024-02-29");
  EXPECT_FALSE(ParseIsoDate("2025-02-29"));
  EXPECT_FALSE(ParseIsoDate("2025-13-01"));
  EXPECT_FALSE(ParseIsoDate("31/03/2025"));
  EXPECT_FALSE(ParseIsoDate("2025-3-31"));
  EXPECT_EQ(ParseIsoDate("1970-01-02")->days, 1);
}

TEST(Date, AddsMonthsClampingToTheMonthEnd) {
  EXPECT_EQ(FormatDate(AddMonths(*ParseIsoDate("2025-03-31"), -12)), "2024-03-31");
  EXPECT_EQ(FormatDate(AddMonths(*ParseIsoDate("2025-03-31"), -1)), "2025-02-28");
  EXPECT_EQ(FormatDate(AddMonths(*ParseIsoDate("2024-02-29"), 12)), "2025-02-28");
  EXPECT_EQ(FormatDate(AddMonths(*ParseIsoDate("2025-11-30"), -36)), "2022-11-30");
}

TEST(Date, YearOf) { EXPECT_EQ(YearOf(*ParseIsoDate("2025-03-31")), 2025); }

}  // namespace
}  // namespace careforce
