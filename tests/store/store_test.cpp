#include "store/store.hpp"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>

#include <gtest/gtest.h>

#include "io/place_reader.hpp"
#include "io/text.hpp"
#include "model/error.hpp"
#include "test_support.hpp"

namespace careforce::store {
namespace {

namespace fs = std::filesystem;
using careforce::testing::DataDir;
using careforce::testing::ReadFile;
using careforce::testing::TempDir;

const Pseudonymiser& Key() {
  static const Pseudonymiser key("test key: 0123456789abcdef");
  return key;
}

Place ReadWithDigests(const fs::path& directory) {
  io::ReadOptions options;
  options.today = careforce::testing::FixedToday();
  options.digests = true;
  return io::LoadPlace(directory.string(), options);
}

std::string FileDigest(const fs::path& path) { return io::Sha256Hex(ReadFile(path)); }

TEST(Store, NewDatabaseHasTheCurrentSchema) {
  TempDir temp;
  const Store store = Store::Open((temp.path() / "db.sqlite").string());
  EXPECT_EQ(store.SchemaVersion(), Store::CurrentSchemaVersion());
  EXPECT_EQ(store.Snapshots().size(), 0u);
}

TEST(Store, MigratesADatabaseOfSchemaVersionOne) {
  TempDir temp;
  const std::string path = (temp.path() / "db.sqlite").string();
  Store::Open(path);
  {
    // Back to version 1 as a careforce of that version left it.
    Database db(path, false);
    db.Execute("DROP TABLE practice_register; ALTER TABLE role DROP COLUMN reference_role; "
               "ALTER TABLE competence DROP COLUMN reference_competence; ALTER TABLE snapshot DROP COLUMN "
               "leavers_recorded; ALTER TABLE gp_practice DROP COLUMN team; DROP TABLE registered_list; "
               "ALTER TABLE organisation DROP COLUMN latitude; ALTER TABLE organisation DROP COLUMN longitude; "
               "DELETE FROM schema_migration WHERE version >= 2; PRAGMA user_version = 1");
  }
  Store store = Store::Open(path);
  EXPECT_EQ(store.SchemaVersion(), 5);
  Place place = ReadWithDigests(DataDir() / "places" / "tiny");
  place.practice_registers = {{1, "DEM", 58, 6000, 0}};
  const ImportResult result = store.ImportPlace(place, Key());
  EXPECT_EQ(store.LoadSnapshot(result.snapshot).practice_registers.size(), 1u);
}

// Snapshots imported before version 3 had no leavers flag: it is set from whether a leavers file
// was among their sources.
// A practice's own neighbourhood team (gp_practices.csv `team`) and registered lists by age and
// sex (schema version 4) are kept.
TEST(Store, KeepsThePracticesTeams) {
  TempDir temp;
  Store store = Store::Open((temp.path() / "db.sqlite").string());
  Place place = ReadWithDigests(DataDir() / "places" / "tiny");
  ASSERT_FALSE(place.gp_practices.empty());
  place.gp_practices.front().team = "Riverside neighbourhood";
  place.registered_lists = {{0, "", Sex::kFemale, 85, 89, 120}, {kNoIndex, "U00001", Sex::kMale, 90, kOpenAgeBand, 7}};
  const ImportResult result = store.ImportPlace(place, Key());
  const Place loaded = store.LoadSnapshot(result.snapshot);
  EXPECT_EQ(loaded.gp_practices.front().team, "Riverside neighbourhood");
  ASSERT_EQ(loaded.registered_lists.size(), 2u);
  EXPECT_EQ(loaded.registered_lists[0].practice, 0u);
  EXPECT_EQ(loaded.registered_lists[0].sex, Sex::kFemale);
  EXPECT_EQ(loaded.registered_lists[0].age_from, 85);
  EXPECT_EQ(loaded.registered_lists[0].patients, 120);
  EXPECT_EQ(loaded.registered_lists[1].practice, kNoIndex);
  EXPECT_EQ(loaded.registered_lists[1].pcn, "U00001");
  EXPECT_EQ(loaded.registered_lists[1].age_to, kOpenAgeBand);
  ASSERT_EQ(loaded.gp_practices.size(), place.gp_practices.size());
  for (std::size_t at = 1; at < loaded.gp_practices.size(); ++at) EXPECT_EQ(loaded.gp_practices[at].team, "");
}

// An organisation's site (organisations.csv `latitude`, `longitude`; schema version 5) is kept, and
// a database of version 4 gains it with its snapshots' organisations without sites.
TEST(Store, KeepsOrganisationSites) {
  TempDir temp;
  const std::string path = (temp.path() / "db.sqlite").string();
  Place place = ReadWithDigests(DataDir() / "places" / "tiny");
  ASSERT_GE(place.organisations.size(), 2u);
  {
    Store store = Store::Open(path);
    store.ImportPlace(place, Key());
    // Back to version 4 as a careforce of that version left it.
    Database db(path, false);
    db.Execute("ALTER TABLE organisation DROP COLUMN latitude; ALTER TABLE organisation DROP COLUMN longitude; "
               "DELETE FROM schema_migration WHERE version >= 5; PRAGMA user_version = 4");
  }
  Store store = Store::Open(path);
  EXPECT_EQ(store.SchemaVersion(), 5);
  for (const Organisation& organisation : store.LoadSnapshot(1).organisations) {
    EXPECT_FALSE(organisation.latitude.has_value()) << organisation.code;
  }
  place.name = "Tiny with a site";
  place.organisations.front().latitude = 50.8312;
  place.organisations.front().longitude = -0.3405;
  const Place loaded = store.LoadSnapshot(store.ImportPlace(place, Key()).snapshot);
  ASSERT_TRUE(loaded.organisations.front().latitude.has_value());
  EXPECT_DOUBLE_EQ(*loaded.organisations.front().latitude, 50.8312);
  EXPECT_DOUBLE_EQ(*loaded.organisations.front().longitude, -0.3405);
  EXPECT_FALSE(loaded.organisations[1].latitude.has_value());
  EXPECT_FALSE(loaded.organisations[1].longitude.has_value());
}

TEST(Store, MigratingToVersionThreeRecordsWhichSnapshotsHadLeavers) {
  TempDir temp;
  const std::string path = (temp.path() / "db.sqlite").string();
  careforce::testing::CopyFiles(DataDir() / "places" / "tiny", temp.path() / "without");
  fs::remove(temp.path() / "without" / "leavers.csv");
  {
    Store store = Store::Open(path);
    store.ImportPlace(ReadWithDigests(DataDir() / "places" / "tiny"), Key());
    Place without = ReadWithDigests(temp.path() / "without");
    without.name = "Tiny without leavers";
    store.ImportPlace(without, Key());
  }
  {
    // Back to version 2 as a careforce of that version left it (every snapshot flagged 1 by default).
    Database db(path, false);
    db.Execute("ALTER TABLE role DROP COLUMN reference_role; ALTER TABLE competence DROP COLUMN reference_competence; "
               "ALTER TABLE snapshot DROP COLUMN leavers_recorded; ALTER TABLE gp_practice DROP COLUMN team; "
               "DROP TABLE registered_list; ALTER TABLE organisation DROP COLUMN latitude; "
               "ALTER TABLE organisation DROP COLUMN longitude; DELETE FROM schema_migration WHERE version >= 3; "
               "PRAGMA user_version = 2");
  }
  const Store store = Store::Open(path);
  EXPECT_EQ(store.SchemaVersion(), 5);
  EXPECT_TRUE(store.LoadSnapshot(1).leavers_recorded);
  EXPECT_FALSE(store.LoadSnapshot(2).leavers_recorded);
  EXPECT_EQ(store.LoadSnapshot(2).roles[0].reference_role, "");
}

TEST(Store, KeepsReferenceCodesAndAMissingLeaversTable) {
  TempDir temp;
  careforce::testing::CopyFiles(DataDir() / "places" / "tiny", temp.path() / "place");
  fs::remove(temp.path() / "place" / "leavers.csv");
  careforce::testing::WriteFile(temp.path() / "place" / "competences.csv",
                                "code,name,framework,reference_competence\n"
                                "CERT,Care Certificate,Care Certificate standards,CC\n"
                                "MED,Medicines administration,Core skills,\n"
                                "DEM,Dementia awareness,Core skills,\n");
  careforce::testing::WriteFile(temp.path() / "place" / "roles.csv",
                                "code,name,staff_group,registered,afc_band,hourly_rate,annual_salary,pay_comparator,"
                                "reference_role\n"
                                "RN,Registered nurse,registered_nursing,yes,5,,,registered_nurse,RN\n"
                                "HCA,Healthcare assistant,support_care,no,3,,,support_worker,HCA\n"
                                "CW,Care worker,support_care,no,,11.50,,support_worker,\n"
                                "SW,Social worker,social_work,yes,,,42000,,\n"
                                "GP,General practitioner,medical,yes,,,95000,,\n");
  std::string held = ReadFile(temp.path() / "place" / "role_competences.csv");
  for (std::size_t at = held.find(",CC"); at != std::string::npos; at = held.find(",CC", at)) held.replace(at, 3, ",CERT");
  careforce::testing::WriteFile(temp.path() / "place" / "role_competences.csv", held);
  std::string staff_held = ReadFile(temp.path() / "place" / "staff_competences.csv");
  for (std::size_t at = staff_held.find(",CC,"); at != std::string::npos; at = staff_held.find(",CC,", at)) {
    staff_held.replace(at, 4, ",CERT,");
  }
  careforce::testing::WriteFile(temp.path() / "place" / "staff_competences.csv", staff_held);

  const Place place = ReadWithDigests(temp.path() / "place");
  ASSERT_EQ(place.roles[0].reference_role, "RN");
  ASSERT_EQ(place.competences[0].reference_competence, "CC");
  ASSERT_FALSE(place.leavers_recorded);
  Store store = Store::Open((temp.path() / "db.sqlite").string());
  const Place back = store.LoadSnapshot(store.ImportPlace(place, Key()).snapshot);
  ASSERT_EQ(back.roles.size(), place.roles.size());
  for (std::size_t idx = 0; idx < place.roles.size(); ++idx) {
    EXPECT_EQ(back.roles[idx].reference_role, place.roles[idx].reference_role) << idx;
  }
  EXPECT_EQ(back.roles[1].reference_role, "HCA");
  EXPECT_EQ(back.roles[2].reference_role, "");
  EXPECT_EQ(back.competences[0].reference_competence, "CC");
  EXPECT_EQ(ReferenceCode(back.competences[0]), "CC");
  EXPECT_EQ(ReferenceCode(back.competences[1]), "MED");
  EXPECT_FALSE(back.leavers_recorded);
  EXPECT_TRUE(back.leavers.empty());
}

TEST(Store, RefusesADatabaseFromANewerCareforce) {
  TempDir temp;
  const std::string path = (temp.path() / "db.sqlite").string();
  {
    Database db(path, true);
    db.Execute("PRAGMA user_version = 999");
  }
  try {
    Store::Open(path);
    FAIL() << "expected an IoError";
  } catch (const IoError& error) {
    EXPECT_EQ(std::string(error.what()),
              path + ": the database has schema version 999, newer than this careforce (5); use a newer careforce");
  }
}

TEST(Store, ImportedPlaceReadsBackIdenticallyWithPseudonymisedIds) {
  TempDir temp;
  Place place = ReadWithDigests(DataDir() / "places" / "tiny");
  place.practice_registers = {{1, "DEM", 58, 6000, 0}, {0, "COPD", 160, 8000, 0}};
  Store store = Store::Open((temp.path() / "db.sqlite").string());
  const ImportResult result = store.ImportPlace(place, Key());
  EXPECT_FALSE(result.unchanged);
  EXPECT_EQ(result.snapshot, 1);
  const Place back = store.LoadSnapshot(result.snapshot);

  EXPECT_EQ(back.name, place.name);
  EXPECT_EQ(back.census_date, place.census_date);
  ASSERT_EQ(back.person_ids.size(), place.person_ids.size());
  for (std::size_t idx = 0; idx < place.person_ids.size(); ++idx) {
    EXPECT_EQ(back.person_ids[idx], Key().Pseudonymise(place.person_ids[idx]));
    EXPECT_NE(back.person_ids[idx], place.person_ids[idx]);
  }
  ASSERT_EQ(back.staff.size(), place.staff.size());
  for (std::size_t idx = 0; idx < place.staff.size(); ++idx) {
    const StaffPost& a = place.staff[idx];
    const StaffPost& b = back.staff[idx];
    EXPECT_EQ(std::tie(a.person, a.organisation, a.role, a.fte, a.age, a.sex, a.start_date, a.annual_pay, a.contract,
                       a.locality, a.team),
              std::tie(b.person, b.organisation, b.role, b.fte, b.age, b.sex, b.start_date, b.annual_pay, b.contract,
                       b.locality, b.team));
  }
  EXPECT_EQ(back.staff_competences.size(), place.staff_competences.size());
  EXPECT_EQ(back.role_competences.size(), place.role_competences.size());
  EXPECT_EQ(back.vacancies.size(), place.vacancies.size());
  ASSERT_EQ(back.leavers.size(), place.leavers.size());
  EXPECT_EQ(back.leavers[0].person_id, Key().Pseudonymise("L01"));
  EXPECT_EQ(back.leavers[0].destination.sector, Sector::kNhsCommunity);
  EXPECT_EQ(back.leavers[3].destination.kind, Destination::Kind::kNotRecorded);
  EXPECT_EQ(back.gp_practices[0].latitude, place.gp_practices[0].latitude);
  EXPECT_FALSE(back.gp_practices[1].latitude.has_value());
  EXPECT_EQ(back.population.size(), place.population.size());
  ASSERT_EQ(back.practice_registers.size(), 2u);
  EXPECT_EQ(std::tie(back.practice_registers[1].practice, back.practice_registers[1].register_code,
                     back.practice_registers[1].count, back.practice_registers[1].list_size),
            std::make_tuple(Index{0}, std::string("COPD"), int64_t{160}, int64_t{8000}));
  EXPECT_EQ(back.roles[2].hourly_rate, 11.5);
  EXPECT_EQ(back.teams, place.teams);
  EXPECT_EQ(back.sources.size(), place.sources.size());
  EXPECT_EQ(back.sources[3].sha256, place.sources[3].sha256);
}

TEST(Store, ReimportingTheSamePlaceChangesNothing) {
  TempDir temp;
  const fs::path db = temp.path() / "db.sqlite";
  const Place place = ReadWithDigests(DataDir() / "places" / "tiny");
  Store::Open(db.string()).ImportPlace(place, Key());
  const std::string before = FileDigest(db);
  const ImportResult again = Store::Open(db.string()).ImportPlace(ReadWithDigests(DataDir() / "places" / "tiny"), Key());
  EXPECT_TRUE(again.unchanged);
  EXPECT_EQ(again.snapshot, 1);
  EXPECT_EQ(again.rows, 0);
  EXPECT_EQ(FileDigest(db), before);
}

TEST(Store, AChangedPlaceOrKeyMakesANewSnapshot) {
  TempDir temp;
  const fs::path db = temp.path() / "db.sqlite";
  careforce::testing::CopyFiles(DataDir() / "places" / "tiny", temp.path() / "place");
  Store store = Store::Open(db.string());
  EXPECT_EQ(store.ImportPlace(ReadWithDigests(temp.path() / "place"), Key()).snapshot, 1);
  const Pseudonymiser other_key("another key, 16 bytes or more");
  EXPECT_EQ(store.ImportPlace(ReadWithDigests(temp.path() / "place"), other_key).snapshot, 2);
  std::string staff = ReadFile(temp.path() / "place" / "staff.csv");
  staff += "P10,LA1,SW,1.0,29,F,2025-01-06,38000,permanent,,\n";
  careforce::testing::WriteFile(temp.path() / "place" / "staff.csv", staff);
  const ImportResult third = store.ImportPlace(ReadWithDigests(temp.path() / "place"), other_key);
  EXPECT_EQ(third.snapshot, 3);
  const auto snapshots = store.Snapshots();
  ASSERT_EQ(snapshots.size(), 3u);
  EXPECT_EQ(snapshots[0].posts, 10);
  EXPECT_EQ(snapshots[2].posts, 11);
}

// An import killed at any row leaves the database as it was: SQLite rolls the unfinished
// transaction back from its journal the next time the database is opened.
TEST(Store, AnImportKilledAtAnyMomentLeavesNoHalfPlace) {
  TempDir temp;
  const fs::path db = temp.path() / "db.sqlite";
  const Place place = ReadWithDigests(DataDir() / "places" / "tiny");
  careforce::testing::CopyFiles(DataDir() / "places" / "tiny", temp.path() / "changed");
  careforce::testing::WriteFile(temp.path() / "changed" / "staff.csv",
                                ReadFile(temp.path() / "changed" / "staff.csv") +
                                    "P10,LA1,SW,1.0,29,F,2025-01-06,38000,permanent,,\n");
  const Place changed = ReadWithDigests(temp.path() / "changed");
  Store::Open(db.string()).ImportPlace(place, Key());
  const int64_t total_rows = 79;  // the tiny place writes 77 rows; the change adds a person and a post
  for (const int64_t kill_after : {int64_t{1}, int64_t{2}, int64_t{30}, int64_t{45}, total_rows - 1, total_rows}) {
    const pid_t child = fork();
    ASSERT_NE(child, -1);
    if (child == 0) {
      ImportHooks hooks;
      hooks.after_row = [&](int64_t rows) {
        if (rows == kill_after) raise(SIGKILL);
      };
      Store::Open(db.string()).ImportPlace(changed, Key(), hooks);
      _exit(0);
    }
    int status = 0;
    waitpid(child, &status, 0);
    ASSERT_TRUE(WIFSIGNALED(status)) << "the import was not interrupted at row " << kill_after;
    ASSERT_EQ(WTERMSIG(status), SIGKILL);

    Store store = Store::Open(db.string());
    const auto snapshots = store.Snapshots();
    ASSERT_EQ(snapshots.size(), 1u) << "after a kill at row " << kill_after;
    Database check(db.string(), false);
    Statement orphans(check, "SELECT (SELECT COUNT(*) FROM staff_post WHERE snapshot_id <> 1) + "
                             "(SELECT COUNT(*) FROM person WHERE snapshot_id <> 1) + "
                             "(SELECT COUNT(*) FROM source_file WHERE snapshot_id <> 1)");
    orphans.Step();
    EXPECT_EQ(orphans.Int(0), 0) << "after a kill at row " << kill_after;
    Statement integrity(check, "PRAGMA integrity_check");
    integrity.Step();
    EXPECT_EQ(integrity.Text(0), "ok");
  }
  // And the full import still works afterwards.
  const ImportResult done = Store::Open(db.string()).ImportPlace(changed, Key());
  EXPECT_EQ(done.snapshot, 2);
  EXPECT_EQ(done.rows, total_rows);
}

TEST(Pseudonymiser, IsKeyedDeterministicAndIdempotent) {
  const Pseudonymiser a("first key of sixteen bytes");
  const Pseudonymiser b("second key of sixteen bytes");
  const std::string pseudonym = a.Pseudonymise("E123456");
  EXPECT_EQ(pseudonym.size(), 24u);
  EXPECT_TRUE(pseudonym.starts_with("pid_"));
  EXPECT_EQ(pseudonym, a.Pseudonymise("E123456"));
  EXPECT_NE(pseudonym, b.Pseudonymise("E123456"));
  EXPECT_NE(pseudonym, a.Pseudonymise("E123457"));
  EXPECT_EQ(a.Pseudonymise(pseudonym), pseudonym);  // already pseudonymised
  EXPECT_TRUE(Pseudonymiser::IsPseudonym(pseudonym));
  EXPECT_FALSE(Pseudonymiser::IsPseudonym("pid_XYZ"));
  EXPECT_NE(a.KeyFingerprint(), b.KeyFingerprint());
}

TEST(Pseudonymiser, RejectsShortKeys) {
  try {
    Pseudonymiser short_key("short");
    FAIL() << "expected an InputError";
  } catch (const InputError& error) {
    EXPECT_EQ(error.diagnostics().all()[0].Format(),
              "CAREFORCE_PSEUDONYMISATION_KEY:1:1: error: pseudonymisation key has 5 bytes, expected at least 16 "
              "(for example the output of: openssl rand -hex 32)");
  }
}

TEST(Pseudonymiser, ReadsAKeyFile) {
  TempDir temp;
  careforce::testing::WriteFile(temp.path() / "key", "a key that is long enough\n");
  EXPECT_EQ(Pseudonymiser::FromKeyFileOrEnvironment((temp.path() / "key").string()).Pseudonymise("X"),
            Pseudonymiser("a key that is long enough").Pseudonymise("X"));
}

}  // namespace
}  // namespace careforce::store
