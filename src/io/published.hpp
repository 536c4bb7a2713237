#pragma once

#include <cstdint>
#include <array>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "model/diagnostic.hpp"

namespace careforce::io {

// Readers for public NHS and ONS files in the layouts they are published in (docs/formats.md,
// "Published layouts"). Each checks the published header and reports problems like any input;
// they throw InputError when a file cannot be used.

// NHS Workforce Statistics: "Turnover benchmarking 2. Staff group and organisation, monthly".
struct NhsTurnoverRow {
  std::string period;  // "202510 to 202511"
  std::string type;    // "Denominator at start of period", "Denominator at end of period", "Leavers", "Joiners"
  std::string organisation_code;
  std::string organisation_name;
  std::string cluster;  // "Acute", "Community Provider Trust", "Mental Health", ...
  std::string staff_group;
  double headcount = 0.0;
  double fte = 0.0;
};
std::vector<NhsTurnoverRow> ReadNhsTurnoverBenchmarking(const std::string& path);

// Leaver rate per year from turnover benchmarking rows: for each month, leavers over the mean of
// the headcount at its start and end; the months averaged and multiplied by 12. Rows are
// selected by `include`; nullopt when no month has staff.
template <typename Include>
std::optional<double> AnnualLeaverRate(const std::vector<NhsTurnoverRow>& rows, Include include) {
  std::map<std::string, std::array<double, 3>> months;  // start, end, leavers
  for (const NhsTurnoverRow& row : rows) {
    if (!include(row)) continue;
    auto& month = months[row.period];
    if (row.type == "Denominator at start of period") month[0] += row.headcount;
    if (row.type == "Denominator at end of period") month[1] += row.headcount;
    if (row.type == "Leavers") month[2] += row.headcount;
  }
  double sum = 0.0;
  int counted = 0;
  for (const auto& [period, month] : months) {
    const double mean_staff = (month[0] + month[1]) / 2.0;
    if (mean_staff <= 0) continue;
    sum += month[2] / mean_staff;
    ++counted;
  }
  if (counted == 0) return std::nullopt;
  return 12.0 * sum / counted;
}

// NHS Digital "Primary Care Networks - Individual Level" (Windows-1252, CRLF).
struct PcnWorkforceRecord {
  std::string data_source;  // "NWRS Staff" (one person) or "NWRS contracted services"
  std::string pcn_code;
  std::string pcn_name;
  std::string sub_icb_code;
  std::string staff_group;
  std::string staff_role;
  std::string detailed_staff_role;
  double fte = 0.0;
  std::string unique_identifier;
};
std::vector<PcnWorkforceRecord> ReadPcnWorkforce(const std::string& path);

// ONS population estimates and projections by area, sex and age band (Area_population_df.csv).
struct OnsPopulationRow {
  std::string area_name;
  std::string area_code;
  std::string area_type;  // "District", "County", ...
  std::string sex;        // "Female" or "Male"
  std::string age_group;  // "65-69 years"
  std::string age_band_type;  // "5 years", "10 years", "broad years"
  int year = 0;
  double population = 0.0;
};
std::vector<OnsPopulationRow> ReadOnsAreaPopulation(const std::string& path);

// QOF "MAPPING_NHS_GEOGRAPHIES": practice -> primary care network -> CCG.
struct QofPractice {
  std::string practice_code;
  std::string practice_name;
  std::string pcn_code;
  std::string pcn_name;
  std::string ccg_code;
};
std::vector<QofPractice> ReadQofGeographies(const std::string& path);

// QOF "PREVALENCE": the whole-list size (PATIENT_LIST_TYPE TOTAL) of each practice.
std::map<std::string, int64_t> ReadQofListSizes(const std::string& path);

// ODS "epraccur" (no header row): practice code -> postcode and status.
struct OdsPractice {
  std::string name;
  std::string postcode;
  std::string status;  // A active, C closed, D dormant
};
std::map<std::string, OdsPractice> ReadEpraccur(const std::string& path);

// West Sussex practices with coordinates (gp_lookup_pcn_overview.json).
struct PracticeLocation {
  std::string code;
  std::string name;
  double latitude = 0.0;
  double longitude = 0.0;
  int64_t patients = 0;
};
std::map<std::string, PracticeLocation> ReadPracticeLocations(const std::string& path);

// West Sussex LSOA -> primary care network lookup (lsoa_pcn_lookup_Feb_22.csv).
struct LsoaNetwork {
  std::string lsoa_name;  // "Arun 002A" (the trailing space of the published file removed)
  std::string lsoa_code;
  std::string pcn_code;
  std::string pcn_name;
};
std::vector<LsoaNetwork> ReadLsoaNetworks(const std::string& path);

}  // namespace careforce::io
