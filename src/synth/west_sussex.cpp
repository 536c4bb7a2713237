#include "synth/west_sussex.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <numeric>
#include <set>

#include <fmt/format.h>

#include "io/input_file.hpp"
#include "io/place_writer.hpp"
#include "io/published.hpp"
#include "model/error.hpp"
#include "synth/builder.hpp"
#include "synth/calibration.hpp"
#include "synth/synth.hpp"
#include "io/reference_table.hpp"

namespace careforce::synth {

namespace {

namespace fs = std::filesystem;

constexpr uint64_t kSeed = 2025;
constexpr std::string_view kSubIcb = "70F";  // NHS Sussex ICB - 70F West Sussex (formerly NHS West Sussex CCG)
constexpr std::string_view kCounty = "E10000032";
constexpr std::string_view kCountyHall = "E07000225";  // Chichester
// Random streams of this build (beyond those the builder uses for each organisation).
constexpr uint64_t kTrustStream = 20;
constexpr uint64_t kNetworkStream = 21;

struct Files {
  fs::path population = "ons_population_est_proj_west_sussex_2011_2041/Area_population_df.csv";
  fs::path geographies = "nhsd_qof_2020_21/MAPPING_NHS_GEOGRAPHIES_2021.csv";
  fs::path prevalence = "nhsd_qof_2020_21/PREVALENCE_2021_v2.csv";
  fs::path epraccur = "nhsd_ods_epraccur_2022/epraccur.csv";
  fs::path locations = "gp_practices_latlong_pcn_west_sussex_2019/gp_lookup_pcn_overview.json";
  fs::path lsoa_networks = "gp_registered_list_pcn_age_sex_west_sussex_2022/lsoa_pcn_lookup_Feb_22.csv";
  fs::path registered_lists = "gp_registered_list_pcn_age_sex_west_sussex_2022/PCN_pyramid_data.json";
  fs::path pcn_workforce = "pcn_workforce_nhsd/Primary_Care_Networks_September_2022_Individual_Level.csv";
  fs::path turnover_november = "nhs_workforce_turnover_benchmarking_2025/turnover_benchmarking_staff_group_org_monthly_Nov-25.csv";
  fs::path turnover_october = "nhs_workforce_turnover_benchmarking_2025/turnover_benchmarking_staff_group_org_monthly_Oct-25.csv";
};

struct Trust {
  std::string code;
  Sector sector = Sector::kNhsAcute;
  std::string locality;
  double share = 0.0;
};

struct GroupRole {
  std::string cluster;
  std::string staff_group;
  std::string role;
  double share = 0.0;
};

// "Arun 002A" -> "Arun"; "Mid Sussex 010B" -> "Mid Sussex".
std::string DistrictOfLsoa(const std::string& lsoa_name) {
  const std::size_t space = lsoa_name.rfind(' ');
  return space == std::string::npos ? lsoa_name : lsoa_name.substr(0, space);
}

Index IndexOfRole(const Place& place, std::string_view code) {
  for (std::size_t idx = 0; idx < place.roles.size(); ++idx) {
    if (place.roles[idx].code == code) return static_cast<Index>(idx);
  }
  throw InternalError(fmt::format("no role {}", code));
}

std::size_t TypeIndex(const Calibration& calibration, std::string_view type) {
  for (std::size_t idx = 0; idx < calibration.organisation_types.size(); ++idx) {
    if (calibration.organisation_types[idx].type == type) return idx;
  }
  throw InternalError(fmt::format("no organisation type {}", type));
}

}  // namespace

WestSussexPlace BuildWestSussex(const std::string& data_directory, const std::string& reference_directory) {
  const Files files;
  const fs::path data(data_directory);
  Calibration calibration = LoadCalibration(reference_directory);

  // Reference tables of this place.
  Diagnostics diagnostics;
  {
    static constexpr io::Column kLayout[] = {{"code", true},         {"name", true},           {"staff_group", true},
                                             {"registered", true},   {"afc_band", false},      {"hourly_rate", false},
                                             {"annual_salary", false}, {"pay_comparator", false}, {"source", true}};
    io::ReadReferenceTable(reference_directory, "west_sussex/roles.csv", kLayout, diagnostics, [&](const io::Table& table) {
      Role role;
      role.code = table.Get(0);
      role.name = table.Get(1);
      role.staff_group = ParseCode<StaffGroup>(table.Get(2)).value_or(StaffGroup::kSupportCare);
      role.registered = table.Get(3) == "yes";
      role.pay_basis = PayBasis::kAfcBand;
      role.afc_band = table.Get(4);
      role.pay_comparator = table.Get(7);
      calibration.roles.push_back(std::move(role));
    });
  }
  {
    static constexpr io::Column kLayout[] = {{"role", true},        {"competence", true}, {"holding_share", true},
                                             {"description", false}, {"source", true},     {"basis", true}};
    io::ReadReferenceTable(reference_directory, "west_sussex/role_competences.csv", kLayout, diagnostics,
                       [&](const io::Table& table) {
                         Index role = kNoIndex;
                         Index competence = kNoIndex;
                         for (std::size_t idx = 0; idx < calibration.roles.size(); ++idx) {
                           if (calibration.roles[idx].code == table.Get(0)) role = static_cast<Index>(idx);
                         }
                         for (std::size_t idx = 0; idx < calibration.competences.size(); ++idx) {
                           if (calibration.competences[idx].code == table.Get(1)) competence = static_cast<Index>(idx);
                         }
                         if (role == kNoIndex || competence == kNoIndex) {
                           table.Error(0, fmt::format("unknown role or competence \"{}\", \"{}\", expected codes of "
                                                      "the role and competence catalogues",
                                                      table.Get(0), table.Get(1)));
                           return;
                         }
                         calibration.role_competences.push_back(
                             {role, competence, table.Number(2, "holding share", 0, false, 1, false).value_or(0)});
                       });
  }
  std::vector<Trust> trusts;
  {
    static constexpr io::Column kLayout[] = {{"code", true},        {"sector", true}, {"locality", true},
                                             {"west_sussex_share", true}, {"description", false},
                                             {"source", true},      {"basis", true}};
    io::ReadReferenceTable(reference_directory, "west_sussex/trusts.csv", kLayout, diagnostics, [&](const io::Table& table) {
      trusts.push_back(Trust{std::string(table.Get(0)), ParseCode<Sector>(table.Get(1)).value_or(Sector::kNhsAcute),
                             std::string(table.Get(2)), table.Number(3, "share", 0, true, 1, false).value_or(0)});
    });
  }
  std::vector<GroupRole> group_roles;
  {
    static constexpr io::Column kLayout[] = {{"cluster", true}, {"staff_group", true}, {"role", true},
                                             {"share", true},   {"source", true},      {"basis", true}};
    io::ReadReferenceTable(reference_directory, "west_sussex/staff_group_roles.csv", kLayout, diagnostics,
                       [&](const io::Table& table) {
                         group_roles.push_back(GroupRole{std::string(table.Get(0)), std::string(table.Get(1)),
                                                         std::string(table.Get(2)),
                                                         table.Number(3, "share", 0, false, 1, false).value_or(0)});
                       });
  }
  std::map<std::string, std::string> pcn_roles;
  {
    static constexpr io::Column kLayout[] = {{"staff_role", true}, {"role", true}, {"description", false}};
    io::ReadReferenceTable(reference_directory, "pcn_role_mapping.csv", kLayout, diagnostics, [&](const io::Table& table) {
      pcn_roles[std::string(table.Get(0))] = table.Get(1);
    });
  }
  if (diagnostics.HasErrors()) throw InputError(std::move(diagnostics));

  WestSussexPlace build;
  build.population_file = (data / files.population).string();
  build.qof_file = (data / files.prevalence).string();
  build.registered_lists_file = (data / files.registered_lists).string();
  build.reference_directory = reference_directory;
  Place& place = build.place;
  place.name = "West Sussex";
  place.description =
      "West Sussex: real districts, population, GP practices, primary care network staff and NHS trust totals "
      "and leaver rates from public data; the other staff records synthesised to published totals "
      "(see PROVENANCE.md)";
  place.base_year = 2025;
  place.census_date = *MakeDate(2025, 11, 30);
  place.roles = calibration.roles;
  place.competences = calibration.competences;
  for (const RoleCompetenceShare& held : calibration.role_competences) {
    place.role_competences.push_back(RoleCompetence{held.role, held.competence});
  }

  // Localities: the seven districts, with their 2025 residents (ONS 2016-based projection).
  std::map<std::string, std::string> districts;
  std::map<std::string, double> residents_2025;
  for (const io::OnsPopulationRow& row : io::ReadOnsAreaPopulation(build.population_file)) {
    if (row.area_type != "District" || row.age_band_type != "5 years") continue;
    districts[row.area_code] = row.area_name;
    if (row.year == place.base_year) residents_2025[row.area_code] += row.population;
  }
  std::map<std::string, Index> locality_of_code;
  std::map<std::string, Index> locality_of_name;
  std::vector<int64_t> residents;
  for (const auto& [code, name] : districts) {
    locality_of_code[code] = static_cast<Index>(place.localities.size());
    locality_of_name[name] = static_cast<Index>(place.localities.size());
    place.localities.push_back(Locality{code, name});
    residents.push_back(std::llround(residents_2025[code]));
  }
  const std::vector<double> resident_weights(residents.begin(), residents.end());

  // Networks: their districts from the LSOAs they cover.
  std::map<std::string, std::map<Index, int>> network_districts;
  for (const io::LsoaNetwork& row : io::ReadLsoaNetworks((data / files.lsoa_networks).string())) {
    const auto district = locality_of_name.find(DistrictOfLsoa(row.lsoa_name));
    if (district != locality_of_name.end()) ++network_districts[row.pcn_code][district->second];
  }
  const auto network_locality = [&](const std::string& code) {
    const auto found = network_districts.find(code);
    if (found == network_districts.end()) return Index{0};
    return std::max_element(found->second.begin(), found->second.end(),
                            [](const auto& a, const auto& b) { return a.second < b.second; })
        ->first;
  };

  PlaceBuilder builder(place, calibration, kSeed);

  // Practices of West Sussex (QOF 2020-21 geography) and their networks.
  std::vector<io::QofPractice> practices;
  for (io::QofPractice& practice : io::ReadQofGeographies((data / files.geographies).string())) {
    if (practice.ccg_code == kSubIcb) practices.push_back(std::move(practice));
  }
  std::sort(practices.begin(), practices.end(),
            [](const auto& a, const auto& b) { return a.practice_code < b.practice_code; });
  std::map<std::string, std::string> network_names;
  for (const io::QofPractice& practice : practices) network_names.emplace(practice.pcn_code, practice.pcn_name);
  std::vector<io::PcnWorkforceRecord> network_staff;
  for (io::PcnWorkforceRecord& record : io::ReadPcnWorkforce((data / files.pcn_workforce).string())) {
    if (record.sub_icb_code != kSubIcb) continue;
    network_names.emplace(record.pcn_code, record.pcn_name);
    network_staff.push_back(std::move(record));
  }
  const std::size_t network_type = TypeIndex(calibration, "pcn");
  const std::size_t practice_type = TypeIndex(calibration, "gp_practice");
  std::map<std::string, Index> network_organisation;
  for (const auto& [code, name] : network_names) {
    network_organisation[code] =
        builder.AddOrganisation(Organisation{code, name, Sector::kPrimaryCare, network_locality(code)}, network_type);
  }
  const std::map<std::string, int64_t> list_sizes = io::ReadQofListSizes((data / files.prevalence).string());
  const std::map<std::string, io::OdsPractice> ods = io::ReadEpraccur((data / files.epraccur).string());
  const std::map<std::string, io::PracticeLocation> locations =
      io::ReadPracticeLocations((data / files.locations).string());
  std::vector<std::pair<Index, int64_t>> practice_staff;
  const double practice_staff_per_patient = calibration.organisation_types[practice_type].staff_per_1000_residents / 1000.0;
  for (const io::QofPractice& qof : practices) {
    const auto size = list_sizes.find(qof.practice_code);
    if (size == list_sizes.end()) continue;  // no list size published: not an active practice
    const Index locality = network_locality(qof.pcn_code);
    const Index organisation =
        builder.AddOrganisation(Organisation{qof.practice_code, qof.practice_name, Sector::kPrimaryCare, locality},
                                practice_type);
    GpPractice practice;
    practice.code = qof.practice_code;
    practice.name = qof.practice_name;
    practice.locality = locality;
    practice.list_size = size->second;
    practice.pcn = qof.pcn_code;
    if (const auto found = ods.find(qof.practice_code); found != ods.end()) practice.postcode = found->second.postcode;
    if (const auto found = locations.find(qof.practice_code); found != locations.end()) {
      practice.latitude = found->second.latitude;
      practice.longitude = found->second.longitude;
    }
    place.gp_practices.push_back(std::move(practice));
    practice_staff.emplace_back(organisation, std::llround(static_cast<double>(size->second) * practice_staff_per_patient));
  }

  // NHS trusts: published headcount by staff group (November 2025), West Sussex's share.
  std::vector<io::NhsTurnoverRow> turnover = io::ReadNhsTurnoverBenchmarking((data / files.turnover_november).string());
  {
    std::vector<io::NhsTurnoverRow> october = io::ReadNhsTurnoverBenchmarking((data / files.turnover_october).string());
    turnover.insert(turnover.end(), october.begin(), october.end());
  }
  std::map<Index, std::map<Index, std::pair<double, double>>> trust_role_rates;  // weight sum, rate sum
  for (const Trust& trust : trusts) {
    std::string name;
    std::string cluster;
    std::vector<const io::NhsTurnoverRow*> groups;
    for (const io::NhsTurnoverRow& row : turnover) {
      if (row.organisation_code != trust.code) continue;
      name = row.organisation_name;
      cluster = row.cluster;
      if (row.period == "202510 to 202511" && row.type == "Denominator at end of period" &&
          row.staff_group != "All staff groups") {
        groups.push_back(&row);
      }
    }
    if (name.empty()) {
      throw InputError(Location{(data / files.turnover_november).string(), 1, 1},
                       fmt::format("no rows for trust {}, expected the trusts of reference/west_sussex/trusts.csv",
                                   trust.code));
    }
    const Index organisation =
        builder.AddOrganisation(Organisation{trust.code, name, trust.sector, locality_of_code.at(trust.locality)},
                                PlaceBuilder::kNoType);
    Rng rng = builder.Stream(kTrustStream, organisation);
    int64_t number = 0;
    for (const io::NhsTurnoverRow* group : groups) {
      std::vector<std::pair<Index, double>> roles;
      for (const GroupRole& mapping : group_roles) {
        if (mapping.cluster == cluster && mapping.staff_group == group->staff_group) {
          roles.emplace_back(IndexOfRole(place, mapping.role), mapping.share);
        }
      }
      if (roles.empty()) {
        throw InputError(Location{(fs::path(reference_directory) / "west_sussex/staff_group_roles.csv").string(), 1, 1},
                         fmt::format("no roles for staff group \"{}\" of cluster \"{}\", expected a row mapping it",
                                     group->staff_group, cluster));
      }
      const double rate = io::AnnualLeaverRate(turnover, [&](const io::NhsTurnoverRow& row) {
                            return row.organisation_code == trust.code && row.staff_group == group->staff_group;
                          }).value_or(0.0);
      const int64_t headcount = std::llround(group->headcount * trust.share);
      std::vector<double> shares;
      for (const auto& [role, share] : roles) shares.push_back(share);
      const std::vector<int64_t> per_role = Apportion(headcount, shares);
      for (std::size_t idx = 0; idx < roles.size(); ++idx) {
        auto& [weight, rate_sum] = trust_role_rates[organisation][roles[idx].first];
        weight += static_cast<double>(per_role[idx]);
        rate_sum += static_cast<double>(per_role[idx]) * rate;
        for (int64_t person = 0; person < per_role[idx]; ++person) {
          const auto locality = static_cast<Index>(rng.Choose(resident_weights));
          builder.AddPost(organisation, roles[idx].first, fmt::format("{}-{:05d}", trust.code, ++number), std::nullopt,
                          rng, locality);
        }
      }
    }
  }

  // The council and the care providers (synthesised at the calibrated rates per resident).
  const std::size_t council_type = TypeIndex(calibration, "council");
  const auto population = static_cast<double>(std::accumulate(residents.begin(), residents.end(), int64_t{0}));
  const Index council = builder.AddOrganisation(
      Organisation{std::string(kCounty), "West Sussex County Council Adult Social Care", Sector::kLocalAuthority,
                   locality_of_code.at(std::string(kCountyHall))},
      council_type);
  std::vector<std::pair<Index, int64_t>> care_staff = {
      {council, std::llround(population * calibration.organisation_types[council_type].staff_per_1000_residents / 1000.0)}};
  for (const std::string_view type : {"care_home_nursing", "care_home_residential", "home_care_agency",
                                      "voluntary_provider", "individual_employer"}) {
    const auto created = builder.AddOrganisationsOfType(TypeIndex(calibration, type), residents, place.name);
    care_staff.insert(care_staff.end(), created.begin(), created.end());
  }

  // Staff of practices (synthesised from list sizes) and networks (as published).
  for (const auto& [organisation, count] : practice_staff) builder.AddStaff(organisation, count);
  Rng network_rng = builder.Stream(kNetworkStream, 0);
  int64_t contracted = 0;
  for (const io::PcnWorkforceRecord& record : network_staff) {
    const auto role = pcn_roles.find(record.staff_role);
    if (role == pcn_roles.end()) {
      throw InputError(Location{(fs::path(reference_directory) / "pcn_role_mapping.csv").string(), 1, 1},
                       fmt::format("no role for STAFF_ROLE \"{}\", expected a row mapping it", record.staff_role));
    }
    if (record.fte <= 0) continue;  // no West Sussex record has none, but the national file does
    const Index organisation = network_organisation.at(record.pcn_code);
    const Index role_index = IndexOfRole(place, role->second);
    if (record.data_source == "NWRS Staff") {
      builder.AddPost(organisation, role_index, "PCN" + record.unique_identifier, record.fte, network_rng);
    } else {
      // Contracted services carry no individual: one post per whole or part FTE.
      const auto posts = std::max<int64_t>(1, static_cast<int64_t>(std::ceil(record.fte - 1e-9)));
      for (int64_t post = 0; post < posts; ++post) {
        builder.AddPost(organisation, role_index, fmt::format("PCNC{:05d}", ++contracted),
                        record.fte / static_cast<double>(posts), network_rng, kNoIndex, ContractType::kAgency);
      }
    }
  }
  for (const auto& [organisation, count] : care_staff) builder.AddStaff(organisation, count);

  builder.AddVacancies();
  builder.AddLeavers(1, [&](Index organisation, Index role) -> std::optional<double> {
    const auto trust = trust_role_rates.find(organisation);
    if (trust == trust_role_rates.end()) return std::nullopt;
    const auto found = trust->second.find(role);
    if (found == trust->second.end() || found->second.first <= 0) return std::nullopt;
    return found->second.second / found->second.first;
  });

  build.provenance = fmt::format(R"(# West Sussex: provenance of every file

Built by `careforce build-west-sussex --data data/published --out examples/west-sussex`
(`scripts/build-west-sussex`). The build is deterministic: re-running it gives these files byte
for byte, and CI checks that it does. Published sources are in `data/published/`, each with its
SOURCE.md; assumptions are in `reference/` with their basis.

| File | Provenance |
|---|---|
| `place.toml` | The seven districts of West Sussex (ONS codes) as localities; census date 2025-11-30, the end of the latest NHS workforce month used. |
| `population_ons.csv` | **Real, as published**: ONS mid-year estimates 2011-2017 and 2016-based subnational projections 2018-2041 (`Area_population_df.csv`), read through the `ons-area-population` layout (District rows, five-year bands). |
| `gp_practices.csv` | **Real**: the {practices} practices of NHS West Sussex CCG (70F) in the QOF 2020-21 geography, their list sizes (QOF 2020-21 whole-list size), networks (QOF mapping), postcodes (ODS epraccur 2022) and coordinates (West Sussex practice lookup, December 2019, where listed). A practice's locality is the district holding most of its network's LSOAs (LSOA to network lookup, February 2022). |
| `organisations.csv` | **Real** codes and names for the {networks} primary care networks, the GP practices, University Hospitals Sussex (RYR), Sussex Community (RDR), Sussex Partnership (RX2) and West Sussex County Council (E10000032). **Synthesised** care homes, home care agencies, voluntary providers and individual employers at the rates per resident of `reference/synth/organisation_types.csv`. |
| `staff.csv` | **Real records** for network staff: the {network_records} records of sub-ICB 70F in NHS Digital's Primary Care Network Workforce, September 2022 (role mapped by `reference/pcn_role_mapping.csv`, FTE as published; contracted-services records split into posts of at most one FTE and marked `agency`). **Synthesised to published totals** for trust staff: the November 2025 headcount of each staff group of RYR, RDR and RX2 (NHS Workforce Statistics turnover benchmarking) times West Sussex's share of each trust's population (`reference/west_sussex/trusts.csv`), divided between roles by `reference/west_sussex/staff_group_roles.csv`. **Synthesised** practice staff ({practice_staff_rate} per registered patient) and council and care-provider staff (calibrated rates per resident). Ages, sex, contracts, start dates and pay of every record are synthesised from `reference/synth/` (no public data gives them). |
| `staff_competences.csv` | **Synthesised** from the role profiles and holding shares of `reference/synth/role_competences.csv`. |
| `vacancies.csv` | **Synthesised** at the vacancy rates of `reference/synth/vacancies.csv`. |
| `leavers.csv` | **Synthesised** for the 12 months to the census date. Trust leavers are drawn at each trust's **real** leaver rate by staff group (NHS Workforce Statistics, October and November 2025, annualised); other leavers at the rates of `reference/synth/turnover.csv`. |
| `qof_prevalence.csv` | **Real, as published**: the rows of the place's practices in QOF 2020-21 `PREVALENCE_2021_v2.csv` (disease registers and their list sizes), read through the `qof-prevalence` layout. Demand spreads dementia over the districts by the dementia registers (2020-21 registers against the 2025 population: the registers are used only for how the districts differ from one another). |
| `PCN_pyramid_data.json` | **Real, as published**: patients registered with each of the {networks} networks by sex and five-year age band (0-4 to 95+) in January 2022 (NHS Digital, *Patients Registered at a GP Practice*, aggregated from practices to networks in `psychty/pcn_hi_2022_des`; `data/published/gp_registered_list_pcn_age_sex_west_sussex_2022/SOURCE.md`), read through the `pcn-age-sex-pyramid` layout; the county total (`NHS West Sussex CCG`) is skipped with a warning. `careforce teams` shares each district's residents of each age band and sex between its teams by these lists, each practice taking its network's age structure at its own list size. |
| `services.toml` | The integrated service model shipped with careforce (`reference/demand/service_model.toml`): every figure an assumption stated in the file. |
| `supply.toml` | The supply configuration shipped with careforce (`reference/supply/supply.toml`): training pipelines and moves, every figure an assumption stated in the file. |
| `roles.csv`, `competences.csv`, `role_competences.csv` | The careforce role and competence catalogue (`reference/synth`, `reference/west_sussex/roles.csv`), with Agenda for Change bands and pay sources. |
)",
                                 fmt::arg("practices", place.gp_practices.size()),
                                 fmt::arg("networks", network_names.size()),
                                 fmt::arg("network_records", network_staff.size()),
                                 fmt::arg("practice_staff_rate", fmt::format("{:.3f}", practice_staff_per_patient)));
  return build;
}

void WriteWestSussex(const WestSussexPlace& build, const std::string& directory) {
  io::WritePlace(build.place, directory);
  const fs::path dir(directory);
  // The population is the ONS file as published, declared in place.toml.
  fs::remove(dir / "population.csv");
  fs::copy_file(build.population_file, dir / "population_ons.csv", fs::copy_options::overwrite_existing);
  std::ofstream toml(dir / "place.toml", std::ios::app | std::ios::binary);
  toml << "\n[files.population]\npath = \"population_ons.csv\"\nlayout = \"ons-area-population\"\n"
          "area_type = \"District\"\nage_band_type = \"5 years\"\n";
  // The QOF registers: the published header and the lines of the place's practices, unchanged.
  {
    std::set<std::string, std::less<>> codes;
    for (const GpPractice& practice : build.place.gp_practices) codes.insert(practice.code);
    Diagnostics diagnostics;
    const auto in = io::InputFile::Open(build.qof_file, diagnostics);
    if (!in) throw InputError(std::move(diagnostics));
    std::ofstream out(dir / "qof_prevalence.csv", std::ios::binary | std::ios::trunc);
    const std::string_view text = in->bytes();
    bool header = true;
    for (std::size_t begin = 0; begin < text.size(); header = false) {
      const std::size_t end = std::min(text.find('\n', begin), text.size());
      const std::string_view line = text.substr(begin, end - begin);
      const std::string_view code = line.substr(0, line.find(','));
      if (header || codes.contains(code)) out << line << '\n';
      begin = end + 1;
    }
    if (!out) throw IoError(fmt::format("{}: cannot copy the QOF registers", build.qof_file));
  }
  toml << "\n[files.practice_registers]\npath = \"qof_prevalence.csv\"\nlayout = \"qof-prevalence\"\n";
  // The networks' registered lists by age and sex: the published file, unchanged.
  fs::copy_file(build.registered_lists_file, dir / "PCN_pyramid_data.json", fs::copy_options::overwrite_existing);
  toml << "\n[files.registered_lists]\npath = \"PCN_pyramid_data.json\"\nlayout = \"pcn-age-sex-pyramid\"\n";
  WriteServiceModel(build.reference_directory, directory);
  WriteSupplyConfig(build.reference_directory, directory);
  std::ofstream provenance(dir / "PROVENANCE.md", std::ios::binary | std::ios::trunc);
  provenance << build.provenance;
  if (!toml || !provenance) throw IoError(fmt::format("{}: cannot write the place", directory));
}

}  // namespace careforce::synth
