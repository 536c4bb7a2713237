#include "synth/synth.hpp"

#include <algorithm>
#include <cmath>

#include <gtest/gtest.h>

#include "intelligence/profile.hpp"
#include "model/error.hpp"
#include "test_support.hpp"

namespace careforce::synth {
namespace {

const Calibration& TheCalibration() {
  static const Calibration calibration = LoadCalibration(std::string(CAREFORCE_SOURCE_DIR) + "/reference");
  return calibration;
}

Place Make(uint64_t seed, int64_t population) {
  SynthOptions options;
  options.seed = seed;
  options.population = population;
  return SynthesisePlace(options, TheCalibration());
}

TEST(Synth, TheSameSeedGivesTheSamePlace) {
  const Place a = Make(5, 60000);
  const Place b = Make(5, 60000);
  const Place c = Make(6, 60000);
  ASSERT_EQ(a.staff.size(), b.staff.size());
  for (std::size_t idx = 0; idx < a.staff.size(); ++idx) {
    EXPECT_EQ(a.staff[idx].annual_pay, b.staff[idx].annual_pay);
    EXPECT_EQ(a.staff[idx].start_date, b.staff[idx].start_date);
  }
  EXPECT_EQ(a.person_ids, b.person_ids);
  bool any_difference = a.staff.size() != c.staff.size();
  for (std::size_t idx = 0; !any_difference && idx < a.staff.size(); ++idx) {
    any_difference = a.staff[idx].annual_pay != c.staff[idx].annual_pay;
  }
  EXPECT_TRUE(any_difference);
}

TEST(Synth, PopulationMatchesTheResidentsAsked) {
  const Place place = Make(1, 123457);
  double residents = 0.0;
  for (const PopulationCell& cell : place.population) residents += cell.count;
  EXPECT_EQ(residents, 123457.0);
  EXPECT_EQ(place.localities.size(), 2u);  // one per 75,000 residents, rounded
}

TEST(Synth, RefusesTinyPlaces) {
  try {
    Make(1, 999);
    FAIL() << "expected an InputError";
  } catch (const InputError& error) {
    EXPECT_EQ(error.diagnostics().all()[0].Format(),
              "careforce synth:1:1: error: --population 999 is too small, expected at least 1000 residents");
  }
}

// A large synthetic place reproduces the figures it was calibrated to, within sampling error.
class Calibrated : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    place_ = new Place(Make(11, 1'200'000));
    profile_ = new intelligence::WorkforceProfile(intelligence::ProfileWorkforce(*place_));
  }
  static void TearDownTestSuite() {
    delete profile_;
    delete place_;
  }
  template <typename Row>
  static const Row& Get(const std::vector<Row>& rows, const std::string& code) {
    const auto found = std::find_if(rows.begin(), rows.end(), [&](const Row& row) { return row.code == code; });
    if (found == rows.end()) throw std::runtime_error("no row " + code);
    return *found;
  }
  static Place* place_;
  static intelligence::WorkforceProfile* profile_;
};
Place* Calibrated::place_ = nullptr;
intelligence::WorkforceProfile* Calibrated::profile_ = nullptr;

TEST_F(Calibrated, StaffPerResident) {
  // Sum of staff_per_1000_residents over the organisation types: 31.4 (plus a few bank posts).
  EXPECT_NEAR(static_cast<double>(profile_->headcount) / 1'200'000.0 * 1000.0, 31.4, 0.05);
}

TEST_F(Calibrated, LeaverRatesFollowTheReferenceRates) {
  // Registered nurses of care providers leave at 32.6% a year (Skills for Care 2023); NHS nurses
  // at 8.55% (NHS Workforce Statistics). Leavers are drawn against staff in post, so the measured
  // rate (against the mean of staff at the start and the end) sits close to the input.
  const auto& care_homes = Get(profile_->turnover_by_sector, "independent");
  EXPECT_NEAR(care_homes.leaver_rate, 0.31, 0.02);
  const auto& nhs_community = Get(profile_->turnover_by_sector, "nhs_community");
  EXPECT_NEAR(nhs_community.leaver_rate, 0.10, 0.02);
}

TEST_F(Calibrated, VacancyRateFollowsTheReferenceRate) {
  EXPECT_NEAR(Get(profile_->vacancies_by_sector, "independent").vacancy_rate, 0.07, 0.01);
  EXPECT_NEAR(Get(profile_->vacancies_by_role, "RN").vacancy_rate, (0.113 * 0.6 + 0.07 * 0.4), 0.03);
}

TEST_F(Calibrated, AgeAndSexFollowTheStaffProfiles) {
  int64_t social_care = 0;
  int64_t women = 0;
  int64_t aged_55_plus = 0;
  for (const StaffPost& post : place_->staff) {
    if (!IsSocialCare(place_->organisations[post.organisation].sector) || post.contract == ContractType::kBank) continue;
    ++social_care;
    women += post.sex == Sex::kFemale;
    aged_55_plus += post.age >= 55;
  }
  const double n = static_cast<double>(social_care);
  EXPECT_NEAR(women / n, 0.79, 4 * std::sqrt(0.79 * 0.21 / n));
  EXPECT_NEAR(aged_55_plus / n, 0.28, 0.01);  // 55-64 (22%) and 65+ (6%)
}

TEST_F(Calibrated, CompetenceHoldingFollowsTheProfiles) {
  int checked = 0;
  for (const auto& row : profile_->competence_coverage) {
    if (row.role == "CW" && row.competence == "CC") {
      EXPECT_NEAR(row.share, 0.55, 0.02);
      ++checked;
    }
    if (row.role == "RN" && row.competence == "SAFEG") {
      EXPECT_NEAR(row.share, 0.95, 0.02);
      ++checked;
    }
  }
  EXPECT_EQ(checked, 2);
}

}  // namespace
}  // namespace careforce::synth
