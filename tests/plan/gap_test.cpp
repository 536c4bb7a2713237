// Gaps on tests/data/places/supply_toy with the rates of tests/supply/supply_test.cpp given.

#include "plan/gap.hpp"

#include <cmath>

#include <gtest/gtest.h>

#include "io/place_reader.hpp"
#include "io/service_reader.hpp"
#include "io/supply_reader.hpp"
#include "test_support.hpp"

namespace careforce::plan {
namespace {

using careforce::testing::DataDir;

Place Toy() {
  io::ReadOptions options;
  options.today = careforce::testing::FixedToday();
  return io::LoadPlace((DataDir() / "places" / "supply_toy").string(), options);
}

SupplyConfig Given(const Place& place) {
  careforce::testing::TempDir temp;
  careforce::testing::WriteFile(temp.path() / "supply.toml", R"(
[settings]
observed_joiners = false
[[leaver_rate]]
rate = 0.1
[[retirement_rate]]
ages = "55-80"
rate = 0.2
[[move]]
from_role = "HCA"
to_role = "NA"
rate = 0.05
)");
  return io::ReadSupplyConfig((temp.path() / "supply.toml").string(), place);
}

const GapRow& Row(const GapResult& gaps, const std::string& role, Index locality, int year) {
  for (const GapRow& row : gaps.rows) {
    if (gaps.role_codes[row.role] == role && row.locality == locality && row.year == year) return row;
  }
  throw std::runtime_error("no gap row");
}

TEST(Gaps, RequiredIsTheEstablishmentPlusServiceChangeAgainstSupply) {
  const Place place = Toy();
  supply::SupplyOptions options;
  options.years = 2;
  options.expected = true;
  const supply::SupplyResult supply =
      supply::ProjectSupply(place, Given(place), supply::LoadSupplyReference(std::string(CAREFORCE_SOURCE_DIR) + "/reference"),
                            options);
  // The modelled services need 1 FTE of HCA in North in 2025 and 3 in 2026.
  demand::DemandResult demand;
  demand.base_year = 2025;
  demand.last_year = 2026;
  Index hca = 0;
  while (place.roles[hca].code != "HCA") ++hca;
  demand.role_demand = {{2025, 0, hca, 1113.0, 1.0}, {2026, 0, hca, 3339.0, 3.0}};
  const GapResult gaps = AnalyseGaps(place, &demand, supply, 0.0);
  // HCA: 20 FTE in post, none vacant; 2026: 20 x 0.9 x 0.95 = 17.1 available, 22 required.
  const GapRow& next = Row(gaps, "HCA", kNoIndex, 2026);
  EXPECT_DOUBLE_EQ(next.establishment, 20.0);
  EXPECT_DOUBLE_EQ(next.service_change, 2.0);
  EXPECT_NEAR(next.available, 17.1, 1e-9);
  EXPECT_NEAR(next.gap, 4.9, 1e-9);
  EXPECT_NEAR(next.cost, 4.9 * 24000, 1e-6);  // the healthcare assistants' pay per FTE
  EXPECT_FALSE(next.probability.has_value());  // expected values: no runs
  // The service change falls on North, where the trust is.
  EXPECT_NEAR(Row(gaps, "HCA", 0, 2026).gap, 4.9, 1e-9);
  // The base year shows only vacancies (none here): no gap.
  EXPECT_NEAR(Row(gaps, "HCA", kNoIndex, 2025).gap, 0.0, 1e-9);
}

TEST(Gaps, ProbabilityOfAGapIsTheShareOfRunsShort) {
  const Place place = Toy();
  supply::SupplyOptions options;
  options.years = 1;
  options.runs = 4000;
  options.keep_runs = true;
  const supply::SupplyResult supply =
      supply::ProjectSupply(place, Given(place), supply::LoadSupplyReference(std::string(CAREFORCE_SOURCE_DIR) + "/reference"),
                            options);
  const GapResult gaps = AnalyseGaps(place, nullptr, supply, 0.0);
  // The 20 HCA (1.0 FTE each) are all still in post a year on with chance (0.9 x 0.95)^20.
  const double p = 1.0 - std::pow(0.9 * 0.95, 20);
  const GapRow& row = Row(gaps, "HCA", kNoIndex, 2026);
  ASSERT_TRUE(row.probability.has_value());
  EXPECT_NEAR(*row.probability, p, 4 * std::sqrt(p * (1 - p) / 4000));
  // More than 3 FTE short needs more than 3 of 20 gone: P(Binomial(20, 0.145) > 3).
  const GapResult over_three = AnalyseGaps(place, nullptr, supply, 3.0);
  double at_most_three = 0.0;
  for (int k = 0; k <= 3; ++k) at_most_three += std::tgamma(21.0) / std::tgamma(k + 1.0) / std::tgamma(21.0 - k) *
                                                std::pow(0.145, k) * std::pow(0.855, 20 - k);
  EXPECT_NEAR(*Row(over_three, "HCA", kNoIndex, 2026).probability, 1 - at_most_three,
              4 * std::sqrt(at_most_three * (1 - at_most_three) / 4000));
}

TEST(Gaps, CompetenceHoursAgainstTheHoursOfTheRolesHoldingThem) {
  // The demand toy (tests/demand/demand_test.cpp): in North in 2025 the visits need 156 hours of
  // MED, which only nurses hold; the nurses give the services 234 hours of visits and travel and
  // 2.8/5.3 of the 39 hours of calls.
  io::ReadOptions read;
  read.today = careforce::testing::FixedToday();
  const Place place = io::LoadPlace((DataDir() / "places" / "demand_toy").string(), read);
  const std::string reference = std::string(CAREFORCE_SOURCE_DIR) + "/reference";
  const demand::DemandReference demand_reference = demand::LoadDemandReference(reference);
  const auto services = io::ReadServices((DataDir() / "places" / "demand_toy" / "services.toml").string(), place,
                                         demand_reference.NeedCodes());
  const demand::DemandResult demand = demand::ProjectDemand(place, services, demand_reference);
  supply::SupplyOptions options;
  options.years = 5;
  options.expected = true;
  const supply::SupplyResult supply =
      supply::ProjectSupply(place, SupplyConfig{}, supply::LoadSupplyReference(reference), options);
  const GapResult gaps = AnalyseGaps(place, &demand, supply, 0.0);
  bool found = false;
  for (const CompetenceGapRow& row : gaps.competence_rows) {
    if (gaps.competence_codes[row.competence] != "MED" || row.locality != 0 || row.year != 2025) continue;
    found = true;
    EXPECT_NEAR(row.required_hours, 156.0, 1e-9);
    EXPECT_NEAR(row.holders_hours, 234.0 + 39.0 * 2.8 / 5.3, 1e-9);
    EXPECT_NEAR(row.gap_hours, 156.0 - 234.0 - 39.0 * 2.8 / 5.3, 1e-9);
  }
  EXPECT_TRUE(found);
}

}  // namespace
}  // namespace careforce::plan
