// Derived reference figures are recomputed from the published files they come from.

#include <cmath>
#include <map>

#include <gtest/gtest.h>

#include "io/csv.hpp"
#include "io/published.hpp"
#include "io/reference_codes.hpp"
#include "io/table.hpp"
#include "model/error.hpp"
#include "synth/calibration.hpp"
#include "test_support.hpp"

namespace careforce::synth {
namespace {

const std::string kSource = CAREFORCE_SOURCE_DIR;
const std::string kPublished = kSource + "/data/published/";

std::vector<std::map<std::string, std::string>> ReadCsv(const std::string& path) {
  const std::string text = careforce::testing::ReadFile(path);
  Diagnostics diagnostics;
  io::CsvReader reader(text, path, diagnostics);
  std::vector<std::string> header;
  std::vector<std::map<std::string, std::string>> rows;
  while (reader.Next()) {
    if (header.empty()) {
      for (std::size_t idx = 0; idx < reader.size(); ++idx) header.emplace_back(reader[idx]);
      continue;
    }
    auto& row = rows.emplace_back();
    for (std::size_t idx = 0; idx < reader.size(); ++idx) row[header[idx]] = reader[idx];
  }
  return rows;
}

TEST(Reference, NhsLeaverRatesAreThoseOfThePublishedBenchmarking) {
  auto rows = io::ReadNhsTurnoverBenchmarking(kPublished +
                                              "nhs_workforce_turnover_benchmarking_2025/"
                                              "turnover_benchmarking_staff_group_org_monthly_Nov-25.csv");
  const auto october = io::ReadNhsTurnoverBenchmarking(kPublished +
                                                       "nhs_workforce_turnover_benchmarking_2025/"
                                                       "turnover_benchmarking_staff_group_org_monthly_Oct-25.csv");
  rows.insert(rows.end(), october.begin(), october.end());
  const auto table = ReadCsv(kSource + "/reference/nhs_leaver_rates_2025.csv");
  ASSERT_EQ(table.size(), 9u);
  for (const auto& reference : table) {
    const auto rate = io::AnnualLeaverRate(rows, [&](const io::NhsTurnoverRow& row) {
      return row.staff_group == reference.at("staff_group") &&
             (reference.at("cluster") == "All" || row.cluster == reference.at("cluster"));
    });
    ASSERT_TRUE(rate.has_value());
    EXPECT_NEAR(*rate, std::stod(reference.at("leaver_rate_per_year")), 0.00005)
        << reference.at("cluster") << " " << reference.at("staff_group");
  }
}

TEST(Reference, PopulationStructureIsThatOfWestSussexIn2025) {
  std::map<std::pair<std::string, std::string>, double> counts;
  double total = 0.0;
  for (const auto& row : io::ReadOnsAreaPopulation(kPublished +
                                                   "ons_population_est_proj_west_sussex_2011_2041/Area_population_df.csv")) {
    if (row.area_type != "District" || row.age_band_type != "5 years" || row.year != 2025) continue;
    std::string age = row.age_group.substr(0, row.age_group.size() - std::string(" years").size());
    counts[{age, row.sex == "Female" ? "F" : "M"}] += row.population;
    total += row.population;
  }
  EXPECT_EQ(total, 907787.0);
  const auto table = ReadCsv(kSource + "/reference/synth/population_structure.csv");
  ASSERT_EQ(table.size(), 38u);
  for (const auto& reference : table) {
    EXPECT_NEAR(counts.at({reference.at("age"), reference.at("sex")}) / total, std::stod(reference.at("share")), 5e-7);
  }
}

TEST(Reference, NetworkRoleMixIsThatOfThePublishedWorkforce) {
  std::map<std::string, std::string> mapping;
  for (const auto& row : ReadCsv(kSource + "/reference/pcn_role_mapping.csv")) mapping[row.at("staff_role")] = row.at("role");
  std::map<std::string, double> counts;
  double total = 0.0;
  for (const auto& record : io::ReadPcnWorkforce(kPublished +
                                                 "pcn_workforce_nhsd/Primary_Care_Networks_September_2022_Individual_Level.csv")) {
    counts[mapping.at(record.staff_role)] += 1.0;
    total += 1.0;
  }
  EXPECT_EQ(total, 17239.0);
  int checked = 0;
  for (const auto& row : ReadCsv(kSource + "/reference/synth/role_mix.csv")) {
    if (row.at("organisation_type") != "pcn") continue;
    EXPECT_NEAR(counts.at(row.at("role")) / total, std::stod(row.at("share")), 0.00005) << row.at("role");
    ++checked;
  }
  EXPECT_EQ(checked, 15);
}

// Tables keyed by role or competence use only the shipped codes, so that a place's
// reference_role and reference_competence (checked against the catalogue) reach every row.
TEST(Reference, EveryRoleAndCompetenceKeyIsAShippedCode) {
  Diagnostics diagnostics;
  const io::ReferenceCodes shipped = io::LoadReferenceCodes(kSource + "/reference", diagnostics);
  ASSERT_FALSE(diagnostics.HasErrors());
  EXPECT_EQ(shipped.roles.size(), 33u);
  EXPECT_EQ(shipped.competences.size(), 22u);
  const auto check = [&](const std::string& file, const std::string& column, const io::CodeIndex& codes) {
    const auto rows = ReadCsv(kSource + "/reference/" + file);
    EXPECT_FALSE(rows.empty()) << file;
    for (const auto& row : rows) {
      const std::string& code = row.at(column);
      if (code == "*") continue;
      EXPECT_TRUE(codes.Find(code).has_value()) << file << ": " << column << " " << code;
    }
  };
  check("synth/turnover.csv", "role", shipped.roles);
  check("plan/scope.csv", "role", shipped.roles);
  check("plan/reserved.csv", "competence", shipped.competences);
  check("plan/training.csv", "competence", shipped.competences);
  check("plan/conversions.csv", "from_role", shipped.roles);
  check("plan/conversions.csv", "to_role", shipped.roles);
  check("synth/role_competences.csv", "role", shipped.roles);
  check("synth/role_competences.csv", "competence", shipped.competences);
}

TEST(Reference, EveryCalibrationTableLoads) {
  const Calibration calibration = LoadCalibration(kSource + "/reference");
  EXPECT_EQ(calibration.roles.size(), 29u);
  EXPECT_EQ(calibration.organisation_types.size(), 11u);
  EXPECT_EQ(calibration.afc_bands.at("5"), std::make_pair(29970.0, 36483.0));
  EXPECT_DOUBLE_EQ(calibration.LeaverRate(SectorGroup::kSocialCare, 0), 0.283);  // a role not listed: all staff
}

TEST(Reference, AnUnsourcedFigureIsAnError) {
  careforce::testing::TempDir temp;
  std::filesystem::copy(kSource + "/reference", temp.path(), std::filesystem::copy_options::recursive);
  const auto path = temp.path() / "synth" / "vacancies.csv";
  careforce::testing::WriteFile(path, "sector_group,role,vacancy_rate,description,source,basis\n"
                                      "nhs,*,0.07,Vacant share,,guess\n"
                                      "primary_care,*,0.05,x,Assumption,assumption\n"
                                      "social_care,*,0.07,x,Assumption,assumption\n");
  try {
    LoadCalibration(temp.str());
    FAIL() << "expected an InputError";
  } catch (const InputError& error) {
    ASSERT_EQ(error.diagnostics().all().size(), 2u);
    EXPECT_EQ(error.diagnostics().all()[0].Format(),
              path.string() + ":2:25: error: missing source, expected a value in column \"source\"");
    EXPECT_EQ(error.diagnostics().all()[1].Format(),
              path.string() + ":2:26: error: basis \"guess\" is not allowed, expected published, derived or assumption");
  }
}

}  // namespace
}  // namespace careforce::synth
