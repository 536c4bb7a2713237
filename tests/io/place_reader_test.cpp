#include "io/place_reader.hpp"

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include <sys/stat.h>

#include <gtest/gtest.h>

#include "io/place_writer.hpp"
#include "model/error.hpp"
#include "test_support.hpp"

namespace careforce::io {
namespace {

using careforce::testing::DataDir;

ReadOptions Fixed() {
  ReadOptions options;
  options.today = careforce::testing::FixedToday();
  return options;
}

Place Load(const std::string& name) { return LoadPlace((DataDir() / "places" / name).string(), Fixed()); }

TEST(ReadPlace, ReadsEveryTableOfTheTinyPlace) {
  const Place place = Load("tiny");
  EXPECT_EQ(place.name, "Tiny");
  EXPECT_EQ(place.base_year, 2025);
  EXPECT_EQ(FormatDate(place.census_date), "2025-03-31");
  EXPECT_EQ(place.settings.retirement_age, 67);
  ASSERT_EQ(place.localities.size(), 2u);
  EXPECT_EQ(place.localities[1].name, "South");
  ASSERT_EQ(place.organisations.size(), 4u);
  EXPECT_EQ(place.organisations[1].sector, Sector::kIndependent);
  EXPECT_EQ(place.organisations[1].locality, 1u);
  ASSERT_EQ(place.roles.size(), 5u);
  EXPECT_EQ(place.roles[0].pay_basis, PayBasis::kAfcBand);
  EXPECT_EQ(place.roles[0].afc_band, "5");
  EXPECT_TRUE(place.roles[0].registered);
  EXPECT_EQ(place.roles[2].pay_basis, PayBasis::kHourlyRate);
  EXPECT_DOUBLE_EQ(place.roles[2].hourly_rate, 11.5);
  EXPECT_EQ(place.roles[3].pay_basis, PayBasis::kAnnualSalary);
  EXPECT_DOUBLE_EQ(place.roles[3].annual_salary, 42000);
  EXPECT_EQ(place.role_competences.size(), 5u);
  // Nine people, ten posts: P03 holds two.
  EXPECT_EQ(place.person_ids.size(), 9u);
  ASSERT_EQ(place.staff.size(), 10u);
  const StaffPost& bank_post = place.staff[9];
  EXPECT_EQ(place.person_ids[bank_post.person], "P03");
  EXPECT_EQ(bank_post.contract, ContractType::kBank);
  EXPECT_DOUBLE_EQ(bank_post.fte, 0.4);
  EXPECT_EQ(bank_post.locality, 1u);  // the care home's locality
  EXPECT_EQ(place.teams.size(), 1u);
  EXPECT_EQ(place.teams[0], "North district nursing");
  EXPECT_EQ(place.staff[0].team, 0u);
  EXPECT_EQ(place.staff[7].sex, Sex::kUnknown);
  EXPECT_EQ(place.staff_competences.size(), 9u);
  EXPECT_EQ(place.vacancies.size(), 3u);
  ASSERT_EQ(place.leavers.size(), 4u);
  EXPECT_EQ(place.leavers[0].destination.kind, Destination::Kind::kSector);
  EXPECT_EQ(place.leavers[0].destination.sector, Sector::kNhsCommunity);
  EXPECT_EQ(place.leavers[1].destination.kind, Destination::Kind::kOutside);
  EXPECT_EQ(place.leavers[3].destination.kind, Destination::Kind::kNotRecorded);
  ASSERT_EQ(place.gp_practices.size(), 2u);
  EXPECT_EQ(place.gp_practices[0].list_size, 8000);
  EXPECT_DOUBLE_EQ(*place.gp_practices[0].latitude, 50.81);
  EXPECT_FALSE(place.gp_practices[1].latitude.has_value());
  ASSERT_EQ(place.population.size(), 8u);
  EXPECT_EQ(place.population[2].age_from, 65);
  EXPECT_EQ(place.population[2].age_to, kOpenAgeBand);
  EXPECT_DOUBLE_EQ(place.population[2].count, 700);
}

// Reference codes and the absence of a leavers table survive writing and reading again; a place
// with a leavers table but no leavers keeps an empty one.
TEST(WritePlace, KeepsReferenceCodesAndWhetherLeaversWereRecorded) {
  careforce::testing::TempDir temp;
  Place place = Load("tiny");
  EXPECT_TRUE(place.leavers_recorded);
  EXPECT_EQ(ReferenceCode(place.roles[0]), "RN");
  place.roles[0].code = "RGN";
  place.roles[0].reference_role = "RN";
  place.competences[1].code = "MEDS";
  place.competences[1].reference_competence = "MED";
  place.leavers.clear();
  WritePlace(place, (temp.path() / "empty").string());
  const Place empty = LoadPlace((temp.path() / "empty").string(), Fixed());
  EXPECT_TRUE(empty.leavers_recorded);
  EXPECT_TRUE(empty.leavers.empty());
  EXPECT_EQ(empty.roles[0].code, "RGN");
  EXPECT_EQ(ReferenceCode(empty.roles[0]), "RN");
  EXPECT_EQ(empty.roles[1].reference_role, "");
  EXPECT_EQ(ReferenceCode(empty.roles[1]), "HCA");
  EXPECT_EQ(ReferenceCode(empty.competences[1]), "MED");
  EXPECT_EQ(empty.competences[0].reference_competence, "");

  place.leavers_recorded = false;
  WritePlace(place, (temp.path() / "empty").string());  // over the place written before
  EXPECT_FALSE(std::filesystem::exists(temp.path() / "empty" / "leavers.csv"));
  EXPECT_FALSE(LoadPlace((temp.path() / "empty").string(), Fixed()).leavers_recorded);
}

TEST(ReadPlace, ReadsExportsWithBomCrlfQuotesAndWindows1252) {
  const Place place = Load("quirky");
  // The line break inside the quoted name is kept as written (CRLF in this file).
  EXPECT_EQ(place.organisations[1].name, "Elm House, \"The Elms\"\r\nCare Home");
  EXPECT_EQ(place.competences[0].framework, "Care Certificate \xE2\x80\x93 standards");
  EXPECT_EQ(place.staff.size(), 10u);
  EXPECT_EQ(place.staff_competences.size(), 9u);  // CRLF, one quoted identifier
  EXPECT_EQ(place.staff_competences[0].person, 0u);
  EXPECT_EQ(place.organisations[0].code, "RT1");  // no byte order mark left in the first code
}

TEST(ReadPlace, ReadsTheOnsPopulationLayoutAsPublished) {
  const Place place = Load("ons_layout");
  // Only District rows in five-year bands are read.
  ASSERT_EQ(place.population.size(), 4u);
  EXPECT_EQ(place.population[0].age_from, 0);
  EXPECT_EQ(place.population[0].age_to, 4);
  EXPECT_EQ(place.population[0].sex, Sex::kFemale);
  EXPECT_DOUBLE_EQ(place.population[0].count, 410);
  EXPECT_EQ(place.population[1].age_from, 90);
  EXPECT_EQ(place.population[1].age_to, kOpenAgeBand);
  EXPECT_EQ(place.population[3].year, 2024);
  EXPECT_EQ(place.population[3].locality, 1u);
  const auto population = std::find_if(place.sources.begin(), place.sources.end(),
                                       [](const SourceFile& source) { return source.table == "population"; });
  ASSERT_NE(population, place.sources.end());
  EXPECT_EQ(population->layout, "ons-area-population");
  EXPECT_EQ(population->records, 6);
}

TEST(ReadPlace, ReadsThePcnAgeSexPyramidAsPublished) {
  Diagnostics diagnostics;
  const Place place =
      ReadPlace(std::string(CAREFORCE_SOURCE_DIR) + "/examples/west-sussex", diagnostics, Fixed());
  ASSERT_FALSE(diagnostics.HasErrors());
  // 20 networks x 2 sexes x 20 bands; the county total's 40 records skipped with one warning.
  ASSERT_EQ(place.registered_lists.size(), 800u);
  const auto skipped = std::count_if(
      diagnostics.all().begin(), diagnostics.all().end(), [](const Diagnostic& found) {
        return found.message.find(
                   "\"NHS West Sussex CCG\" is a clinical commissioning group's total") == 0;
      });
  EXPECT_EQ(skipped, 1);
  // The first record: {"Area_name":"Angmering Coppice Fitzalan (ACF) PCN","Sex":"Female",
  // "Age_group":"0-4 years","Patients":636,...}, the network named "(Acf)" in organisations.csv.
  const RegisteredList& first = place.registered_lists.front();
  EXPECT_EQ(first.practice, kNoIndex);
  EXPECT_EQ(first.pcn, "U04748");
  EXPECT_EQ(first.sex, Sex::kFemale);
  EXPECT_EQ(first.age_from, 0);
  EXPECT_EQ(first.age_to, 4);
  EXPECT_EQ(first.patients, 636);
  int64_t patients = 0;
  for (const RegisteredList& row : place.registered_lists) {
    patients += row.patients;
    if (row.age_from == 95) {
      EXPECT_EQ(row.age_to, kOpenAgeBand);
    }
  }
  EXPECT_EQ(patients, 921366);  // the county total of its SOURCE.md
  const auto source =
      std::find_if(place.sources.begin(), place.sources.end(),
                   [](const SourceFile& found) { return found.table == "registered_lists"; });
  ASSERT_NE(source, place.sources.end());
  EXPECT_EQ(source->layout, "pcn-age-sex-pyramid");
  EXPECT_EQ(source->records, 840);
}

TEST(WritePlace, WritesRegisteredListsInTheCareforceLayout) {
  careforce::testing::TempDir temp;
  Place place = Load("tiny");
  place.registered_lists.push_back(RegisteredList{0, "", Sex::kFemale, 85, 89, 120});
  place.registered_lists.push_back(
      RegisteredList{kNoIndex, "U00001", Sex::kMale, 95, kOpenAgeBand, 7});
  WritePlace(place, temp.str());
  EXPECT_EQ(careforce::testing::ReadFile(temp.path() / "registered_lists.csv"),
            "practice,pcn,sex,age,patients\nG1,,F,85-89,120\n,U00001,M,95+,7\n");
  const Place read = LoadPlace(temp.str(), Fixed());
  ASSERT_EQ(read.registered_lists.size(), 2u);
  EXPECT_EQ(read.registered_lists[1].pcn, "U00001");
  EXPECT_EQ(read.registered_lists[1].age_to, kOpenAgeBand);
}

TEST(ReadPlace, RecordsSourcesAndDigestsWhenAsked) {
  ReadOptions options = Fixed();
  options.digests = true;
  const Place place = LoadPlace((DataDir() / "places" / "tiny").string(), options);
  ASSERT_EQ(place.sources.size(), 11u);
  EXPECT_EQ(place.sources[0].table, "place");
  EXPECT_EQ(place.sources[1].table, "competences");
  EXPECT_EQ(place.sources[1].records, 3);
  EXPECT_EQ(place.sources[1].sha256.size(), 64u);
  EXPECT_EQ(place.sources[0].sha256.size(), 64u);
}

TEST(LoadPlace, ThrowsWithEveryProblem) {
  try {
    LoadPlace((DataDir() / "no_such_place").string(), Fixed());
    FAIL() << "expected an InputError";
  } catch (const InputError& error) {
    ASSERT_EQ(error.diagnostics().all().size(), 1u);
    EXPECT_EQ(error.diagnostics().all()[0].message,
              "not a directory, expected a place directory holding place.toml");
  }
}

// The problems a place read from `directory` reports, each as "file:line:column: ...", the place
// directory written as PLACE.
std::vector<std::string> ProblemsOf(const std::filesystem::path& directory) {
  Diagnostics diagnostics;
  ReadPlace(directory.string(), diagnostics, Fixed());
  std::vector<std::string> lines;
  for (const Diagnostic& diagnostic : diagnostics.all()) {
    std::string line = diagnostic.Format();
    if (line.starts_with(directory.string())) line = "PLACE" + line.substr(directory.string().size());
    lines.push_back(line);
  }
  return lines;
}

TEST(ReadPlace, RefusesEveryInputThatIsNotARegularFile) {
  namespace fs = std::filesystem;
  careforce::testing::TempDir temp;
  const fs::path place = temp.path() / "place";
  careforce::testing::CopyFiles(DataDir() / "places" / "tiny", place);
  fs::remove(place / "place.toml");
  fs::create_directory(place / "place.toml");
  EXPECT_EQ(ProblemsOf(place),
            std::vector<std::string>{"PLACE/place.toml:1:1: error: is a directory, expected a regular file"});

  careforce::testing::CopyFiles(DataDir() / "places" / "tiny", temp.path() / "tables");
  const fs::path tables = temp.path() / "tables";
  fs::remove(tables / "roles.csv");
  fs::create_directory(tables / "roles.csv");
  fs::remove(tables / "staff.csv");
  fs::create_symlink("/dev/zero", tables / "staff.csv");
  fs::remove(tables / "leavers.csv");
  ASSERT_EQ(::mkfifo((tables / "leavers.csv").c_str(), 0600), 0);
  fs::remove(tables / "vacancies.csv");
  fs::create_symlink("vacancies.csv", tables / "vacancies.csv");
  EXPECT_EQ(ProblemsOf(tables),
            (std::vector<std::string>{
                "PLACE/roles.csv:1:1: error: is a directory, expected a regular file",
                "PLACE/staff.csv:1:1: error: is a character device, expected a regular file",
                "PLACE/vacancies.csv:1:1: error: cannot open the file (Too many levels of symbolic links), expected a "
                "regular file",
                "PLACE/leavers.csv:1:1: error: is a named pipe (FIFO), expected a regular file"}));
}

TEST(ReadPlace, ReportsAPlaceDirectoryThatIsASymbolicLinkLoop) {
  careforce::testing::TempDir temp;
  std::filesystem::create_symlink("loop", temp.path() / "loop");
  EXPECT_EQ(ProblemsOf(temp.path() / "loop"),
            std::vector<std::string>{"PLACE:1:1: error: cannot open the directory (Too many levels of symbolic "
                                     "links), expected a place directory holding place.toml"});
}

}  // namespace
}  // namespace careforce::io
