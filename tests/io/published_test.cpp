#include "io/published.hpp"

#include <gtest/gtest.h>

namespace careforce::io {
namespace {

const std::string kPublished = std::string(CAREFORCE_SOURCE_DIR) + "/data/published/";

TEST(Published, PcnWorkforceIsReadAsPublishedInWindows1252) {
  const auto records =
      ReadPcnWorkforce(kPublished + "pcn_workforce_nhsd/Primary_Care_Networks_September_2022_Individual_Level.csv");
  ASSERT_EQ(records.size(), 17239u);  // the published file's rows (CRLF line ends)
  EXPECT_EQ(records[0].pcn_code, "U02454");
  EXPECT_EQ(records[0].unique_identifier, "106228");
  bool en_dash = false;
  for (const auto& record : records) en_dash = en_dash || record.detailed_staff_role == "Clinical Director \xE2\x80\x93 Medical";
  EXPECT_TRUE(en_dash);  // byte 0x96 decoded to U+2013
  std::size_t west_sussex = 0;
  for (const auto& record : records) west_sussex += record.sub_icb_code == "70F";
  EXPECT_EQ(west_sussex, 279u);
}

TEST(Published, TurnoverBenchmarkingWithQuotedStaffGroups) {
  const auto rows = ReadNhsTurnoverBenchmarking(
      kPublished + "nhs_workforce_turnover_benchmarking_2025/turnover_benchmarking_staff_group_org_monthly_Nov-25.csv");
  EXPECT_EQ(rows.size(), 9351u);
  std::size_t quoted = 0;
  for (const auto& row : rows) quoted += row.staff_group == "Support to doctors, nurses & midwives";
  EXPECT_GT(quoted, 0u);
  const auto rate = AnnualLeaverRate(rows, [](const NhsTurnoverRow& row) {
    return row.organisation_code == "RDR" && row.staff_group == "All staff groups";
  });
  // 58 leavers / ((5782 + 5805) / 2) in the month, times 12.
  EXPECT_NEAR(*rate, 12.0 * 58.0 / ((5782.0 + 5805.0) / 2.0), 1e-12);
}

TEST(Published, GpPracticeFiles) {
  const auto practices = ReadQofGeographies(kPublished + "nhsd_qof_2020_21/MAPPING_NHS_GEOGRAPHIES_2021.csv");
  EXPECT_EQ(practices.size(), 6571u);
  const auto sizes = ReadQofListSizes(kPublished + "nhsd_qof_2020_21/PREVALENCE_2021_v2.csv");
  EXPECT_EQ(sizes.at("A81001"), 4098);
  EXPECT_EQ(sizes.at("H82003"), 9467);
  const auto ods = ReadEpraccur(kPublished + "nhsd_ods_epraccur_2022/epraccur.csv");
  EXPECT_EQ(ods.size(), 14963u);
  EXPECT_EQ(ods.at("H82003").postcode, "RH15 9XN");
  const auto locations =
      ReadPracticeLocations(kPublished + "gp_practices_latlong_pcn_west_sussex_2019/gp_lookup_pcn_overview.json");
  EXPECT_EQ(locations.size(), 81u);
  EXPECT_DOUBLE_EQ(locations.at("H82021").latitude, 50.8529);
  const auto lsoas = ReadLsoaNetworks(kPublished + "gp_registered_list_pcn_age_sex_west_sussex_2022/lsoa_pcn_lookup_Feb_22.csv");
  EXPECT_EQ(lsoas.size(), 507u);
  EXPECT_EQ(lsoas[0].lsoa_name, "Arun 002A");  // trailing space of the published file removed
}

}  // namespace
}  // namespace careforce::io
