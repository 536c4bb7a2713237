// The profile of tests/data/places/tiny, every figure worked out by hand from its files.
//
// Staff (census 2025-03-31): P01 RN 1.0 age 45, P02 RN 0.8 age 60 (started 2024-09), P03 HCA 1.0
// and CW 0.4 (bank, started 2024-11) age 30, P04 RN 1.0 age 52, P05 CW 1.0 age 25 (started
// 2024-06), P06 CW 0.5 age 63, P07 SW 1.0 age 40, P08 CW 0.6 age 35 sex U, P09 GP 0.75 age 58.

#include "intelligence/profile.hpp"

#include <algorithm>

#include <gtest/gtest.h>

#include "io/place_reader.hpp"
#include "test_support.hpp"

namespace careforce::intelligence {
namespace {

Place Tiny() {
  io::ReadOptions options;
  options.today = careforce::testing::FixedToday();
  return io::LoadPlace((careforce::testing::DataDir() / "places" / "tiny").string(), options);
}

template <typename Row>
const Row& Get(const std::vector<Row>& rows, const std::string& code) {
  const auto found = std::find_if(rows.begin(), rows.end(), [&](const Row& row) { return row.code == code; });
  if (found == rows.end()) throw std::runtime_error("no row " + code);
  return *found;
}

class TinyProfile : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { profile_ = new WorkforceProfile(ProfileWorkforce(Tiny())); }
  static void TearDownTestSuite() { delete profile_; }
  static const WorkforceProfile& profile() { return *profile_; }

 private:
  static WorkforceProfile* profile_;
};
WorkforceProfile* TinyProfile::profile_ = nullptr;

TEST_F(TinyProfile, CountsPeopleOnceAndEveryPostInFte) {
  EXPECT_EQ(profile().headcount, 9);
  EXPECT_EQ(profile().posts, 10);
  EXPECT_NEAR(profile().fte, 8.05, 1e-9);
  EXPECT_NEAR(profile().pay_bill, 302437.5, 1e-6);
}

TEST_F(TinyProfile, BySector) {
  const auto& nhs = Get(profile().by_sector, "nhs_community");
  EXPECT_EQ(nhs.headcount, 3);
  EXPECT_NEAR(nhs.fte, 2.8, 1e-9);
  const auto& independent = Get(profile().by_sector, "independent");
  EXPECT_EQ(independent.headcount, 4);  // P04, P05, P06 and P03's bank post
  EXPECT_NEAR(independent.fte, 2.9, 1e-9);
  EXPECT_EQ(Get(profile().by_sector, "local_authority").headcount, 2);
  EXPECT_NEAR(Get(profile().by_sector, "primary_care").fte, 0.75, 1e-9);
  EXPECT_EQ(profile().by_sector.size(), 4u);  // empty sectors are left out
}

TEST_F(TinyProfile, ByStaffGroupCountsAPersonWithTwoSupportPostsOnce) {
  const auto& support = Get(profile().by_staff_group, "support_care");
  EXPECT_EQ(support.headcount, 4);  // P03 (HCA and CW), P05, P06, P08
  EXPECT_EQ(support.posts, 5);
  EXPECT_NEAR(support.fte, 3.5, 1e-9);
}

TEST_F(TinyProfile, ByRoleAndLocality) {
  EXPECT_EQ(Get(profile().by_role, "RN").headcount, 3);
  EXPECT_NEAR(Get(profile().by_role, "RN").fte, 2.8, 1e-9);
  EXPECT_EQ(Get(profile().by_role, "CW").headcount, 4);
  EXPECT_NEAR(Get(profile().by_role, "CW").fte, 2.5, 1e-9);
  EXPECT_EQ(Get(profile().by_locality, "E07000001").headcount, 4);  // RT1 and GP1 staff
  EXPECT_NEAR(Get(profile().by_locality, "E07000001").fte, 3.55, 1e-9);
  EXPECT_EQ(Get(profile().by_locality, "E07000002").headcount, 6);
  EXPECT_NEAR(Get(profile().by_locality, "E07000002").fte, 4.5, 1e-9);
}

TEST_F(TinyProfile, AgeAndRetirement) {
  const RetirementFigures& total = profile().retirement_total;
  EXPECT_EQ(total.headcount, 9);
  EXPECT_EQ(total.within_5_years, 1);   // aged 62+: P06
  EXPECT_EQ(total.within_10_years, 3);  // aged 57+: P02, P06, P09
  EXPECT_NEAR(total.share_within_5_years, 1.0 / 9.0, 1e-12);
  EXPECT_NEAR(total.share_within_10_years, 3.0 / 9.0, 1e-12);
  EXPECT_NEAR(total.mean_age, 408.0 / 9.0, 1e-12);
  const auto& band = *std::find_if(profile().age_pyramid.begin(), profile().age_pyramid.end(),
                                   [](const AgeBandFigures& b) { return b.band == "60-64"; });
  EXPECT_EQ(band.female, 2);  // P02 and P06
  EXPECT_EQ(band.male, 0);
  const auto& band35 = *std::find_if(profile().age_pyramid.begin(), profile().age_pyramid.end(),
                                     [](const AgeBandFigures& b) { return b.band == "35-39"; });
  EXPECT_EQ(band35.not_recorded, 1);  // P08
  EXPECT_EQ(profile().age_pyramid.front().band, "16-19");
  EXPECT_EQ(profile().age_pyramid.back().band, "75-80");
}

TEST_F(TinyProfile, TurnoverOverTheTwelveMonthsToTheCensus) {
  // Period 2024-03-31 to 2025-03-31: leavers L01, L02, L03 (L04 left in 2023).
  // Posts at the start: 7 current posts started by then + L01 and L03 = 9; at the end 10.
  const TurnoverFigures& total = profile().turnover_total;
  EXPECT_EQ(FormatDate(profile().turnover_period_start), "2024-03-31");
  EXPECT_EQ(total.leavers, 3);
  EXPECT_EQ(total.staff_at_start, 9);
  EXPECT_EQ(total.staff_at_end, 10);
  EXPECT_EQ(total.stayers, 7);
  EXPECT_NEAR(total.leaver_rate, 3.0 / 9.5, 1e-12);
  EXPECT_NEAR(total.stability_index, 7.0 / 9.0, 1e-12);
  // FTE: leavers 2.8; start 5.85 + 2.0 = 7.85; end 8.05.
  EXPECT_NEAR(total.leaver_rate_fte, 2.8 / 7.95, 1e-12);

  const TurnoverFigures& care_worker = Get(profile().turnover_by_role, "CW");
  EXPECT_EQ(care_worker.leavers, 2);
  EXPECT_EQ(care_worker.staff_at_start, 3);  // P06, P08, L01
  EXPECT_EQ(care_worker.staff_at_end, 4);
  EXPECT_NEAR(care_worker.leaver_rate, 2.0 / 3.5, 1e-12);
  EXPECT_NEAR(care_worker.stability_index, 2.0 / 3.0, 1e-12);
  const TurnoverFigures& nurse = Get(profile().turnover_by_role, "RN");
  EXPECT_NEAR(nurse.leaver_rate, 1.0 / 3.0, 1e-12);
  EXPECT_NEAR(Get(profile().turnover_by_sector, "independent").leaver_rate, 2.0 / 3.5, 1e-12);
  EXPECT_NEAR(Get(profile().turnover_by_sector, "nhs_community").leaver_rate, 1.0 / 3.0, 1e-12);
  EXPECT_EQ(Get(profile().leavers_by_reason, "resignation").headcount, 2);
  EXPECT_EQ(Get(profile().leavers_by_reason, "retirement").headcount, 1);
}

TEST_F(TinyProfile, Vacancies) {
  EXPECT_NEAR(Get(profile().vacancies_by_role, "RN").vacancy_rate, 1.6 / 4.4, 1e-12);
  EXPECT_NEAR(Get(profile().vacancies_by_role, "CW").vacancy_rate, 2.0 / 4.5, 1e-12);
  EXPECT_NEAR(profile().vacancies_total.vacancy_rate, 3.6 / 11.65, 1e-12);
  EXPECT_EQ(profile().vacancies_total.open_over_12_months, 1);  // V2 opened 2024-02-01
  EXPECT_NEAR(Get(profile().vacancies_by_sector, "independent").vacant_fte, 3.0, 1e-12);
}

TEST_F(TinyProfile, PayByRoleAndSector) {
  const auto cell = [&](const std::string& role, const std::string& sector) {
    return *std::find_if(profile().pay.begin(), profile().pay.end(),
                         [&](const PayFigures& row) { return row.role == role && row.sector == sector; });
  };
  EXPECT_NEAR(cell("RN", "nhs_community").mean_fte_pay, 36000, 1e-9);  // 36000/1.0 and 28800/0.8
  EXPECT_NEAR(cell("CW", "independent").mean_fte_pay, (22425 + 22425 + 22500) / 3.0, 1e-9);
  EXPECT_NEAR(cell("CW", "independent").median_fte_pay, 22425, 1e-9);
  EXPECT_NEAR(cell("CW", "independent").pay_bill, 22425 + 11212.5 + 9000, 1e-9);
  EXPECT_NEAR(cell("CW", "local_authority").mean_fte_pay, 14000 / 0.6, 1e-9);
}

TEST_F(TinyProfile, PayGapBetweenNhsAndSocialCareForComparableWork) {
  ASSERT_EQ(profile().pay_gaps.size(), 2u);
  const PayGapFigures& nurse = profile().pay_gaps[0];
  EXPECT_EQ(nurse.comparator, "registered_nurse");
  EXPECT_NEAR(nurse.gap, 36000 - 40000, 1e-9);
  EXPECT_NEAR(nurse.gap_percent, -4000.0 / 36000.0 * 100.0, 1e-9);
  const PayGapFigures& support = profile().pay_gaps[1];
  EXPECT_EQ(support.comparator, "support_worker");
  EXPECT_EQ(support.roles, "CW+HCA");
  EXPECT_EQ(support.nhs_posts, 1);
  EXPECT_EQ(support.social_care_posts, 4);
  const double social_care = (22425 + 22425 + 22500 + 14000 / 0.6) / 4.0;
  EXPECT_NEAR(support.social_care_mean_fte_pay, social_care, 1e-9);
  EXPECT_NEAR(support.gap, 24000 - social_care, 1e-9);
}

TEST_F(TinyProfile, CompetenceCoverage) {
  const auto row = [&](const std::string& role, const std::string& competence) {
    return *std::find_if(profile().competence_coverage.begin(), profile().competence_coverage.end(),
                         [&](const CoverageFigures& r) { return r.role == role && r.competence == competence; });
  };
  EXPECT_NEAR(row("RN", "MED").share, 1.0, 1e-12);
  EXPECT_EQ(row("RN", "DEM").holding, 2);
  EXPECT_NEAR(row("RN", "DEM").share, 2.0 / 3.0, 1e-12);
  EXPECT_EQ(row("CW", "CC").headcount, 4);
  EXPECT_NEAR(row("CW", "CC").share, 0.75, 1e-12);
  EXPECT_NEAR(row("CW", "DEM").share, 0.25, 1e-12);
}

TEST_F(TinyProfile, DataQualityFindings) {
  const auto count = [&](const std::string& code) -> int64_t {
    for (const Finding& finding : profile().findings) {
      if (finding.code == code) return finding.count;
    }
    return 0;
  };
  EXPECT_EQ(count("sex_not_recorded"), 1);
  EXPECT_EQ(count("no_competences_recorded"), 3);  // P07, P08, P09
  EXPECT_EQ(count("several_posts"), 1);
  EXPECT_EQ(count("vacancy_open_over_12_months"), 1);
  EXPECT_EQ(count("destination_not_recorded"), 1);
  EXPECT_EQ(count("list_size_against_population"), 14000);  // 14,000 registered, 16,000 residents
  EXPECT_EQ(count("pay_outlier"), 0);
  EXPECT_EQ(count("over_retirement_age"), 0);
}

}  // namespace
}  // namespace careforce::intelligence
