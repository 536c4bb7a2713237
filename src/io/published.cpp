#include "io/published.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "io/csv.hpp"
#include "io/input_file.hpp"
#include "io/table.hpp"
#include "io/text.hpp"
#include "model/error.hpp"

namespace careforce::io {

namespace {

// Reads a published CSV against its header; `each` sees every complete record.
template <typename Each>
void ReadPublished(const std::string& path, Encoding encoding, std::span<const Column> layout, Each each) {
  Diagnostics diagnostics;
  auto file = TextFile::Load(path, encoding, false, diagnostics);
  if (!file) throw InputError(std::move(diagnostics));
  CsvReader reader(file->text(), path, diagnostics);
  Table table(reader, layout);
  while (table.Next()) {
    if (table.complete()) each(table);
  }
  if (diagnostics.HasErrors()) throw InputError(std::move(diagnostics));
}

}  // namespace

std::vector<NhsTurnoverRow> ReadNhsTurnoverBenchmarking(const std::string& path) {
  enum : std::size_t {
    kPeriod, kType, kRegionCode, kRegionName, kIcsCode, kIcsName, kOrgName, kOrgCode, kCluster, kBenchmark,
    kStaffGroup, kHeadcount, kFte
  };
  static constexpr Column kLayout[] = {{"PERIOD", true},           {"TYPE", true},          {"NHSE_REGION_CODE", true},
                                       {"NHSE_REGION_NAME", true}, {"ICS_CODE", true},      {"ICS_NAME", true},
                                       {"REPORTING_ORG_NAME", true}, {"REPORTING_ORG_CODE", true},
                                       {"CLUSTER_GROUP", true},    {"BENCHMARK_GROUP", true}, {"STAFF_GROUP_1_NAME", true},
                                       {"HC", true},               {"FTE", true}};
  std::vector<NhsTurnoverRow> rows;
  ReadPublished(path, Encoding::kUtf8, kLayout, [&](const Table& table) {
    NhsTurnoverRow row;
    row.period = table.Get(kPeriod);
    row.type = table.Get(kType);
    row.organisation_code = table.Get(kOrgCode);
    row.organisation_name = table.Get(kOrgName);
    row.cluster = table.Get(kCluster);
    row.staff_group = table.Get(kStaffGroup);
    // Empty counts are published as blanks: read as zero.
    row.headcount = table.Get(kHeadcount).empty() ? 0.0 : table.Number(kHeadcount, "HC", 0, false, 1e8, false).value_or(0);
    row.fte = table.Get(kFte).empty() ? 0.0 : table.Number(kFte, "FTE", 0, false, 1e8, false).value_or(0);
    rows.push_back(std::move(row));
  });
  return rows;
}

std::vector<PcnWorkforceRecord> ReadPcnWorkforce(const std::string& path) {
  enum : std::size_t {
    kSource, kYear, kMonth, kPcnCode, kPcnName, kSubIcbCode, kSubIcbName, kIcbCode, kIcbName, kRegionCode,
    kRegionName, kStaffGroup, kStaffRole, kDetailedRole, kFte, kIdentifier
  };
  static constexpr Column kLayout[] = {
      {"Data_source", true},   {"CENSUS_YEAR", true}, {"CENSUS_MONTH", true},      {"PCN_CODE", true},
      {"PCN_NAME", true},      {"SUB_ICB_CODE", true}, {"SUB_ICB_NAME", true},     {"ICB_CODE", true},
      {"ICB_NAME", true},      {"COMM_REGION_CODE", true}, {"COMM_REGION_NAME", true}, {"STAFF_GROUP", true},
      {"STAFF_ROLE", true},    {"DETAILED_STAFF_ROLE", true}, {"FTE", true},        {"UNIQUE_IDENTIFIER", true}};
  std::vector<PcnWorkforceRecord> records;
  ReadPublished(path, Encoding::kWindows1252, kLayout, [&](const Table& table) {
    PcnWorkforceRecord record;
    record.data_source = table.Get(kSource);
    record.pcn_code = table.Get(kPcnCode);
    record.pcn_name = table.Get(kPcnName);
    record.sub_icb_code = table.Get(kSubIcbCode);
    record.staff_group = table.Get(kStaffGroup);
    record.staff_role = table.Get(kStaffRole);
    record.detailed_staff_role = table.Get(kDetailedRole);
    // As published: contracted-services records can exceed one FTE, and a few records elsewhere
    // in England carry a negative FTE; users of the records decide what to keep.
    record.fte = table.Number(kFte, "FTE", -1e6, false, 1e6, false).value_or(0);
    record.unique_identifier = table.Get(kIdentifier);
    records.push_back(std::move(record));
  });
  return records;
}

std::vector<OnsPopulationRow> ReadOnsAreaPopulation(const std::string& path) {
  enum : std::size_t { kAreaName, kAreaCode, kAreaType, kSex, kAgeGroup, kAgeBandType, kYear, kPopulation, kDataType };
  static constexpr Column kLayout[] = {{"Area_Name", true}, {"Area_Code", true},     {"Area_Type", true},
                                       {"Sex", true},       {"Age_group", true},     {"Age_band_type", true},
                                       {"Year", true},      {"Population", true},    {"Data_type", true}};
  std::vector<OnsPopulationRow> rows;
  ReadPublished(path, Encoding::kUtf8, kLayout, [&](const Table& table) {
    OnsPopulationRow row;
    row.area_name = table.Get(kAreaName);
    row.area_code = table.Get(kAreaCode);
    row.area_type = table.Get(kAreaType);
    row.sex = table.Get(kSex);
    row.age_group = table.Get(kAgeGroup);
    row.age_band_type = table.Get(kAgeBandType);
    row.year = static_cast<int>(table.Integer(kYear, "Year", 1900, 2200).value_or(0));
    row.population = table.Number(kPopulation, "Population", 0, false, 1e9, false).value_or(0);
    rows.push_back(std::move(row));
  });
  return rows;
}

std::vector<QofPractice> ReadQofGeographies(const std::string& path) {
  enum : std::size_t {
    kNatOns, kNatCode, kCountry, kRegionOds, kRegionOns, kRegionName, kStpOds, kStpOns, kStpName, kCcgOds, kCcgOns,
    kCcgName, kPcnCode, kPcnName, kPracticeCode, kPracticeName
  };
  static constexpr Column kLayout[] = {
      {"NAT_ONS_CODE", true}, {"NAT_CODE", true},     {"COUNTRY", true},  {"REGION_ODS_CODE", true},
      {"REGION_ONS_CODE", true}, {"REGION_NAME", true}, {"STP_ODS_CODE", true}, {"STP_ONS_CODE", true},
      {"STP_NAME", true},     {"CCG_ODS_CODE", true}, {"CCG_ONS_CODE", true}, {"CCG_NAME", true},
      {"PCN_ODS_CODE", true}, {"PCN_NAME", true},     {"PRACTICE_CODE", true}, {"PRACTICE_NAME", true}};
  std::vector<QofPractice> practices;
  ReadPublished(path, Encoding::kUtf8, kLayout, [&](const Table& table) {
    practices.push_back(QofPractice{std::string(table.Get(kPracticeCode)), std::string(table.Get(kPracticeName)),
                                    std::string(table.Get(kPcnCode)), std::string(table.Get(kPcnName)),
                                    std::string(table.Get(kCcgOds))});
  });
  return practices;
}

std::map<std::string, int64_t> ReadQofListSizes(const std::string& path) {
  enum : std::size_t { kPractice, kGroup, kRegister, kListType, kListSize };
  static constexpr Column kLayout[] = {{"PRACTICE_CODE", true}, {"GROUP_CODE", true}, {"REGISTER", true},
                                       {"PATIENT_LIST_TYPE", true}, {"PRACTICE_LIST_SIZE", true}};
  std::map<std::string, int64_t> sizes;
  ReadPublished(path, Encoding::kUtf8, kLayout, [&](const Table& table) {
    if (table.Get(kListType) != "TOTAL") return;
    const auto size = table.Integer(kListSize, "PRACTICE_LIST_SIZE", 0, 1'000'000);
    if (size) sizes.emplace(std::string(table.Get(kPractice)), *size);
  });
  return sizes;
}

std::map<std::string, OdsPractice> ReadEpraccur(const std::string& path) {
  // The file has no header: read it with a header line added in front.
  Diagnostics diagnostics;
  auto file = TextFile::Load(path, Encoding::kUtf8, false, diagnostics);
  if (!file) throw InputError(std::move(diagnostics));
  CsvReader reader(file->text(), path, diagnostics);
  std::map<std::string, OdsPractice> practices;
  constexpr std::size_t kColumns = 27;
  while (reader.Next()) {
    if (reader.size() != kColumns) {
      diagnostics.Error(reader.AtEnd(), fmt::format("record has {} fields, expected {} (the ODS epraccur layout)",
                                                    reader.size(), kColumns));
      continue;
    }
    practices[std::string(reader[0])] = OdsPractice{std::string(reader[1]), std::string(reader[9]), std::string(reader[12])};
  }
  if (diagnostics.HasErrors()) throw InputError(std::move(diagnostics));
  return practices;
}

std::map<std::string, PracticeLocation> ReadPracticeLocations(const std::string& path) {
  Diagnostics diagnostics;
  const auto file = InputFile::Open(path, diagnostics);
  if (!file) throw InputError(std::move(diagnostics));
  std::map<std::string, PracticeLocation> practices;
  try {
    const auto json = nlohmann::json::parse(file->bytes());
    for (const auto& record : json) {
      PracticeLocation location;
      location.code = record.at("Code").get<std::string>();
      location.name = record.at("Name").get<std::string>();
      location.latitude = record.at("lat").get<double>();
      location.longitude = record.at("long").get<double>();
      location.patients = record.at("Patients").get<int64_t>();
      practices.emplace(location.code, std::move(location));
    }
  } catch (const nlohmann::json::exception& exception) {
    throw InputError(Location{path, 1, 1},
                     fmt::format("{}, expected records with Code, Name, lat, long and Patients", exception.what()));
  }
  return practices;
}

std::vector<LsoaNetwork> ReadLsoaNetworks(const std::string& path) {
  enum : std::size_t { kName, kCode, kPcnCode, kPcnName };
  static constexpr Column kLayout[] = {{"LSOA11NM", true}, {"LSOA11CD", true}, {"PCN_Code", true}, {"PCN_Name", true}};
  std::vector<LsoaNetwork> rows;
  ReadPublished(path, Encoding::kUtf8, kLayout, [&](const Table& table) {
    std::string name(table.Get(kName));
    while (!name.empty() && name.back() == ' ') name.pop_back();
    rows.push_back(LsoaNetwork{std::move(name), std::string(table.Get(kCode)), std::string(table.Get(kPcnCode)),
                               std::string(table.Get(kPcnName))});
  });
  return rows;
}

}  // namespace careforce::io
