#include <gtest/gtest.h>

#include "intelligence/disclosure.hpp"
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
  TurnoverFigures third = row;
  third.code = "HCA";
  third.leavers = 20;
  profile.turnover_by_role = {row, other, third};
  ApplySuppression(profile);
  EXPECT_FALSE(profile.turnover_by_role[0].suppressed);
  EXPECT_TRUE(profile.turnover_by_role[0].leavers_suppressed);
  // The total row shows 33 leavers: RN's 10 would give CW's 3 back, so RN's are hidden too.
  EXPECT_TRUE(profile.turnover_by_role[1].leavers_suppressed);
  EXPECT_FALSE(profile.turnover_by_role[1].suppressed);
  EXPECT_FALSE(profile.turnover_by_role[2].leavers_suppressed);
}

TEST(ApplySuppression, StabilityIndexHiddenWithTheLeaversItReveals) {
  WorkforceProfile profile;
  profile.suppression_threshold = 5;
  TurnoverFigures row;
  row.code = "CW";
  row.staff_at_start = 31;
  row.staff_at_end = 31;
  row.leavers = 8;    // shown
  row.stayers = 29;   // 2 of the 31 at the start left: a stability index of 93.5% gives 2 back
  TurnoverFigures other = row;
  other.code = "RN";
  other.stayers = 20;  // 11 left
  TurnoverFigures third = row;
  third.code = "HCA";
  third.stayers = 10;  // 21 left
  profile.turnover_by_role = {row, other, third};
  ApplySuppression(profile);
  EXPECT_FALSE(profile.turnover_by_role[0].leavers_suppressed);
  EXPECT_TRUE(profile.turnover_by_role[0].stability_suppressed);
  EXPECT_TRUE(profile.turnover_by_role[1].stability_suppressed);  // the next smallest (11)
  EXPECT_FALSE(profile.turnover_by_role[2].stability_suppressed);
}

TEST(ApplySuppression, VacanciesOpenOverAYearHiddenOnTheirOwn) {
  WorkforceProfile profile;
  profile.suppression_threshold = 5;
  VacancyFigures row;
  row.code = "CW";
  row.vacancies = 40;
  row.open_over_12_months = 3;
  VacancyFigures other = row;
  other.code = "RN";
  other.open_over_12_months = 7;
  VacancyFigures third = row;
  third.code = "HCA";
  third.open_over_12_months = 0;
  profile.vacancies_by_role = {row, other, third};
  ApplySuppression(profile);
  EXPECT_FALSE(profile.vacancies_by_role[0].suppressed);
  EXPECT_TRUE(profile.vacancies_by_role[0].open_suppressed);
  EXPECT_TRUE(profile.vacancies_by_role[1].open_suppressed);  // not the zero: it protects nothing
  EXPECT_FALSE(profile.vacancies_by_role[2].open_suppressed);
}

GroupFigures Member(std::string code, std::string parent, int64_t headcount) {
  GroupFigures group = Group(std::move(code), headcount);
  group.parent = std::move(parent);
  return group;
}

// Paramedic = allied health − OT − physio: a role hidden alone in its staff group is given back
// by the group's row, so the next smallest role of the group is hidden too.
TEST(ApplySuppression, NoStaffGroupHasOnlyOneHiddenRole) {
  WorkforceProfile profile;
  profile.suppression_threshold = 5;
  profile.by_staff_group = {Group("allied_health", 249), Group("medical", 303)};
  profile.by_role = {Member("OT", "allied_health", 162), Member("PT", "allied_health", 83),
                     Member("PARA", "allied_health", 4), Member("CONS", "medical", 35),
                     Member("GP", "medical", 223), Member("SPEC", "medical", 3)};
  ApplySuppression(profile);
  EXPECT_TRUE(profile.by_role[2].suppressed);
  EXPECT_TRUE(profile.by_role[1].suppressed);  // the next smallest of allied health
  EXPECT_FALSE(profile.by_role[0].suppressed);
  EXPECT_TRUE(profile.by_role[5].suppressed);
  EXPECT_TRUE(profile.by_role[3].suppressed);  // and of medical
  EXPECT_FALSE(profile.by_role[4].suppressed);
  EXPECT_FALSE(profile.by_staff_group[0].suppressed);  // the group totals stay shown
  EXPECT_FALSE(profile.by_staff_group[1].suppressed);
}

TEST(ApplySuppression, NoSectorHasOnlyOneHiddenOrganisation) {
  WorkforceProfile profile;
  profile.suppression_threshold = 5;
  profile.by_sector = {Group("primary_care", 60)};
  profile.by_organisation = {Member("A", "primary_care", 40), Member("B", "primary_care", 18),
                             Member("C", "primary_care", 2)};
  ApplySuppression(profile);
  EXPECT_TRUE(profile.by_organisation[2].suppressed);
  EXPECT_TRUE(profile.by_organisation[1].suppressed);
  EXPECT_FALSE(profile.by_organisation[0].suppressed);
}

// The gaps add up every role's establishment (in post and vacant) by staff group: a role's
// vacancies are never the only ones hidden in its group, and a hidden zero does not count.
TEST(ApplySuppression, NoStaffGroupHasOnlyOneRoleWithHiddenVacancies) {
  WorkforceProfile profile;
  profile.suppression_threshold = 5;
  const auto vacancies = [](std::string code, std::string parent, int64_t count) {
    VacancyFigures row;
    row.code = std::move(code);
    row.parent = std::move(parent);
    row.vacancies = count;
    return row;
  };
  profile.vacancies_by_role = {vacancies("CONS", "medical", 2), vacancies("GP", "medical", 10),
                               vacancies("SPEC", "medical", 0), vacancies("RN", "nursing", 36),
                               vacancies("DN", "nursing", 5), vacancies("PN", "nursing", 40)};
  profile.vacancies_by_role[2].in_post_suppressed = true;  // hidden, but with no vacancies
  ApplySuppression(profile);
  EXPECT_TRUE(profile.vacancies_by_role[0].suppressed);
  EXPECT_TRUE(profile.vacancies_by_role[1].suppressed);  // the hidden zero protects nothing
  EXPECT_TRUE(profile.vacancies_by_role[2].suppressed);
  EXPECT_FALSE(profile.vacancies_by_role[3].suppressed);
  EXPECT_FALSE(profile.vacancies_by_role[4].suppressed);
  EXPECT_FALSE(profile.vacancies_by_role[5].suppressed);
}

// Nursing associate: the NHS posts of the pay gap equal its one NHS row, hidden to protect its
// primary care row: the NHS side is hidden, and the gap row with it.
TEST(ApplySuppression, PayGapSideThatGivesAHiddenPayRowBackIsHidden) {
  WorkforceProfile profile;
  profile.suppression_threshold = 5;
  const auto pay = [](std::string sector, int64_t posts) {
    PayFigures row;
    row.role = "NA";
    row.sector = std::move(sector);
    row.posts = posts;
    return row;
  };
  profile.pay = {pay("nhs_community", 26), pay("primary_care", 2), pay("independent", 28)};
  PayGapFigures gap;
  gap.comparator = "nursing_associate";
  gap.roles = "NA";
  gap.nhs_posts = 26;
  gap.social_care_posts = 28;
  profile.pay_gaps = {gap};
  ApplySuppression(profile);
  EXPECT_TRUE(profile.pay[1].suppressed);
  EXPECT_TRUE(profile.pay[0].suppressed);  // the next smallest of the role
  EXPECT_TRUE(profile.pay_gaps[0].nhs_suppressed);
  EXPECT_TRUE(profile.pay_gaps[0].suppressed);
}

TEST(ApplySuppression, CountsOfOrganisationsAreNotHidden) {
  WorkforceProfile profile;
  profile.suppression_threshold = 5;
  Finding organisations{"organisation_without_staff", FindingLevel::kNote, 2, "organisations with no staff"};
  organisations.counts_staff = false;
  const Finding people{"sex_not_recorded", FindingLevel::kWarning, 2, "people whose sex is not recorded"};
  profile.findings = {organisations, people};
  ApplySuppression(profile);
  EXPECT_FALSE(profile.findings[0].suppressed);
  EXPECT_TRUE(profile.findings[1].suppressed);
}

TEST(ApplySuppression, OnlyEverHides) {
  WorkforceProfile profile;
  profile.suppression_threshold = 5;
  profile.by_role = {Group("a", 40), Group("b", 30), Group("c", 12), Group("d", 9)};
  profile.by_role[0].suppressed = true;  // hidden by another step
  ApplySuppression(profile);
  EXPECT_TRUE(profile.by_role[0].suppressed);
  EXPECT_TRUE(profile.by_role[3].suppressed);  // so that a cannot be recovered from the total
  ApplySuppression(profile);
  EXPECT_FALSE(profile.by_role[1].suppressed);
  EXPECT_FALSE(profile.by_role[2].suppressed);
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

namespace careforce::intelligence {
namespace {

// Two relations sharing a cell: hiding one cell to protect the first relation leaves the second
// with one hidden cell, which is then protected in turn; a zero is never the one hidden.
TEST(SuppressSecondary, ProtectsEveryRelationUntilNoneHasOneHiddenCell) {
  DisclosureCells cells;
  const std::size_t small = cells.Add(3, SmallCount(int64_t{3}, 5));
  const std::size_t zero = cells.Add(0, false);
  const std::size_t shared = cells.Add(8, false);
  const std::size_t large = cells.Add(40, false);
  const std::size_t other = cells.Add(12, false);
  const std::size_t last = cells.Add(30, false);
  cells.relations = {{small, zero, shared, large}, {shared, other, last}};
  EXPECT_EQ(SuppressSecondary(cells), 2u);
  EXPECT_TRUE(cells.hidden[small]);
  EXPECT_FALSE(cells.hidden[zero]);
  EXPECT_TRUE(cells.hidden[shared]);  // the smallest non-zero beside the 3
  EXPECT_TRUE(cells.hidden[other]);   // then the smallest beside the 8 in the second relation
  EXPECT_FALSE(cells.hidden[large]);
  EXPECT_FALSE(cells.hidden[last]);
}

TEST(SmallCount, OneToBelowTheThresholdAndNothingAtThresholdZero) {
  EXPECT_FALSE(SmallCount(int64_t{0}, 5));
  EXPECT_TRUE(SmallCount(int64_t{1}, 5));
  EXPECT_TRUE(SmallCount(int64_t{4}, 5));
  EXPECT_FALSE(SmallCount(int64_t{5}, 5));
  EXPECT_TRUE(SmallCount(4.4, 5));
  EXPECT_FALSE(SmallCount(4.5, 5));  // rounds to 5
  EXPECT_FALSE(SmallCount(int64_t{2}, 0));
}

}  // namespace
}  // namespace careforce::intelligence
