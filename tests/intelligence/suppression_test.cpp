#include <gtest/gtest.h>

#include "intelligence/profile.hpp"

namespace careforce::intelligence {
namespace {

GroupFigures Group(std::string code, int64_t headcount) {
  GroupFigures group;
  group.code = std::move(code);
  group.headcount = headcount;
  group.posts = headcount;
  return group;
}

TEST(ApplySuppression, HidesCountsFromOneToBelowTheThreshold) {
  WorkforceProfile profile;
  profile.suppression_threshold = 5;
  profile.by_sector = {Group("a", 0), Group("b", 1), Group("c", 4), Group("d", 5), Group("e", 120)};
  ApplySuppression(profile);
  EXPECT_TRUE(profile.suppression_applied);
  EXPECT_FALSE(profile.by_sector[0].suppressed);  // zero is not disclosive
  EXPECT_TRUE(profile.by_sector[1].suppressed);
  EXPECT_TRUE(profile.by_sector[2].suppressed);
  EXPECT_FALSE(profile.by_sector[3].suppressed);
  EXPECT_FALSE(profile.by_sector[4].suppressed);
}

TEST(ApplySuppression, HidesTheNextSmallestWhenOnlyOneRowIsHidden) {
  WorkforceProfile profile;
  profile.suppression_threshold = 5;
  profile.by_role = {Group("a", 40), Group("b", 3), Group("c", 12), Group("d", 9)};
  ApplySuppression(profile);
  EXPECT_TRUE(profile.by_role[1].suppressed);
  EXPECT_TRUE(profile.by_role[3].suppressed);  // 9 is the next smallest: 3 cannot be recovered
  EXPECT_FALSE(profile.by_role[0].suppressed);
  EXPECT_FALSE(profile.by_role[2].suppressed);
}

TEST(ApplySuppression, LeaversHiddenSeparatelyFromStaffCounts) {
  WorkforceProfile profile;
  profile.suppression_threshold = 5;
  TurnoverFigures row;
  row.code = "CW";
  row.staff_at_start = 50;
  row.staff_at_end = 52;
  row.leavers = 3;
  TurnoverFigures other = row;
  other.code = "RN";
  other.leavers = 10;
  profile.turnover_by_role = {row, other};
  ApplySuppression(profile);
  EXPECT_FALSE(profile.turnover_by_role[0].suppressed);
  EXPECT_TRUE(profile.turnover_by_role[0].leavers_suppressed);
  EXPECT_FALSE(profile.turnover_by_role[1].leavers_suppressed);
}

TEST(ApplySuppression, ThresholdComesFromThePlace) {
  WorkforceProfile profile;
  profile.suppression_threshold = 10;
  profile.by_sector = {Group("a", 9), Group("b", 10), Group("c", 11)};
  ApplySuppression(profile);
  EXPECT_TRUE(profile.by_sector[0].suppressed);
  EXPECT_TRUE(profile.by_sector[1].suppressed);  // secondary: the next smallest
  EXPECT_FALSE(profile.by_sector[2].suppressed);
}

}  // namespace
}  // namespace careforce::intelligence
