#include "store/store.hpp"

#include <chrono>
#include <filesystem>
#include <map>

#include <fmt/chrono.h>
#include <fmt/format.h>

#include "io/text.hpp"
#include "model/error.hpp"

namespace careforce::store {

namespace {

struct Migration {
  int version;
  std::string_view description;
  std::string_view sql;
};

// Append-only: a released migration is never edited; changes come as new versions.
constexpr Migration kMigrations[] = {
    {1, "places as snapshots: organisations, roles, competences, staff, vacancies, leavers, practices, population",
     R"sql(
CREATE TABLE snapshot (
  id INTEGER PRIMARY KEY,
  place TEXT NOT NULL,
  description TEXT NOT NULL,
  base_year INTEGER NOT NULL,
  census_date TEXT NOT NULL,
  retirement_age INTEGER NOT NULL,
  suppression_threshold INTEGER NOT NULL,
  full_time_hours_per_week REAL NOT NULL,
  content_digest TEXT NOT NULL,
  key_fingerprint TEXT NOT NULL,
  imported_at TEXT NOT NULL
);
CREATE INDEX snapshot_by_place ON snapshot (place, id);
CREATE TABLE source_file (
  snapshot_id INTEGER NOT NULL REFERENCES snapshot (id),
  position INTEGER NOT NULL,
  table_name TEXT NOT NULL,
  file TEXT NOT NULL,
  layout TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  bytes INTEGER NOT NULL,
  records INTEGER NOT NULL,
  PRIMARY KEY (snapshot_id, position)
);
CREATE TABLE locality (
  snapshot_id INTEGER NOT NULL REFERENCES snapshot (id),
  idx INTEGER NOT NULL,
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  PRIMARY KEY (snapshot_id, idx)
);
CREATE TABLE organisation (
  snapshot_id INTEGER NOT NULL REFERENCES snapshot (id),
  idx INTEGER NOT NULL,
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  sector TEXT NOT NULL,
  locality_idx INTEGER NOT NULL,
  PRIMARY KEY (snapshot_id, idx)
);
CREATE TABLE role (
  snapshot_id INTEGER NOT NULL REFERENCES snapshot (id),
  idx INTEGER NOT NULL,
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  staff_group TEXT NOT NULL,
  registered INTEGER NOT NULL,
  pay_basis TEXT NOT NULL,
  afc_band TEXT NOT NULL,
  hourly_rate REAL NOT NULL,
  annual_salary REAL NOT NULL,
  pay_comparator TEXT NOT NULL,
  PRIMARY KEY (snapshot_id, idx)
);
CREATE TABLE competence (
  snapshot_id INTEGER NOT NULL REFERENCES snapshot (id),
  idx INTEGER NOT NULL,
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  framework TEXT NOT NULL,
  PRIMARY KEY (snapshot_id, idx)
);
CREATE TABLE role_competence (
  snapshot_id INTEGER NOT NULL REFERENCES snapshot (id),
  role_idx INTEGER NOT NULL,
  competence_idx INTEGER NOT NULL
);
CREATE TABLE person (
  snapshot_id INTEGER NOT NULL REFERENCES snapshot (id),
  idx INTEGER NOT NULL,
  pseudonym TEXT NOT NULL,
  PRIMARY KEY (snapshot_id, idx)
);
CREATE TABLE team (
  snapshot_id INTEGER NOT NULL REFERENCES snapshot (id),
  idx INTEGER NOT NULL,
  name TEXT NOT NULL,
  PRIMARY KEY (snapshot_id, idx)
);
CREATE TABLE staff_post (
  snapshot_id INTEGER NOT NULL REFERENCES snapshot (id),
  person_idx INTEGER NOT NULL,
  organisation_idx INTEGER NOT NULL,
  role_idx INTEGER NOT NULL,
  fte REAL NOT NULL,
  age INTEGER NOT NULL,
  sex TEXT NOT NULL,
  start_date TEXT NOT NULL,
  annual_pay REAL NOT NULL,
  contract TEXT NOT NULL,
  locality_idx INTEGER NOT NULL,
  team_idx INTEGER
);
CREATE TABLE staff_competence (
  snapshot_id INTEGER NOT NULL REFERENCES snapshot (id),
  person_idx INTEGER NOT NULL,
  competence_idx INTEGER NOT NULL,
  date_achieved TEXT NOT NULL
);
CREATE TABLE vacancy (
  snapshot_id INTEGER NOT NULL REFERENCES snapshot (id),
  id TEXT NOT NULL,
  organisation_idx INTEGER NOT NULL,
  role_idx INTEGER NOT NULL,
  fte REAL NOT NULL,
  date_opened TEXT NOT NULL,
  locality_idx INTEGER NOT NULL
);
CREATE TABLE leaver (
  snapshot_id INTEGER NOT NULL REFERENCES snapshot (id),
  pseudonym TEXT NOT NULL,
  organisation_idx INTEGER NOT NULL,
  role_idx INTEGER NOT NULL,
  fte REAL NOT NULL,
  age INTEGER NOT NULL,
  sex TEXT NOT NULL,
  start_date TEXT NOT NULL,
  leave_date TEXT NOT NULL,
  reason TEXT NOT NULL,
  destination TEXT NOT NULL
);
CREATE TABLE gp_practice (
  snapshot_id INTEGER NOT NULL REFERENCES snapshot (id),
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  locality_idx INTEGER NOT NULL,
  list_size INTEGER NOT NULL,
  postcode TEXT NOT NULL,
  pcn TEXT NOT NULL,
  latitude REAL,
  longitude REAL
);
CREATE TABLE population (
  snapshot_id INTEGER NOT NULL REFERENCES snapshot (id),
  locality_idx INTEGER NOT NULL,
  year INTEGER NOT NULL,
  age_from INTEGER NOT NULL,
  age_to INTEGER NOT NULL,
  sex TEXT NOT NULL,
  count REAL NOT NULL
);
CREATE VIEW staff_post_by_code AS
  SELECT p.snapshot_id, person.pseudonym, o.code AS organisation, o.sector, r.code AS role, r.staff_group, p.fte,
         p.age, p.sex, p.start_date, p.annual_pay, p.contract, l.code AS locality
  FROM staff_post p
  JOIN person ON person.snapshot_id = p.snapshot_id AND person.idx = p.person_idx
  JOIN organisation o ON o.snapshot_id = p.snapshot_id AND o.idx = p.organisation_idx
  JOIN role r ON r.snapshot_id = p.snapshot_id AND r.idx = p.role_idx
  JOIN locality l ON l.snapshot_id = p.snapshot_id AND l.idx = p.locality_idx;
)sql"},
    {2, "disease registers of GP practices",
     R"sql(
CREATE TABLE practice_register (
  snapshot_id INTEGER NOT NULL REFERENCES snapshot (id),
  practice_code TEXT NOT NULL,
  register_code TEXT NOT NULL,
  count INTEGER NOT NULL,
  list_size INTEGER NOT NULL,
  list_min_age INTEGER NOT NULL,
  PRIMARY KEY (snapshot_id, practice_code, register_code)
);
)sql"},
    {3, "reference codes of roles and competences; whether a snapshot's place had a leavers table",
     R"sql(
ALTER TABLE role ADD COLUMN reference_role TEXT NOT NULL DEFAULT '';
ALTER TABLE competence ADD COLUMN reference_competence TEXT NOT NULL DEFAULT '';
ALTER TABLE snapshot ADD COLUMN leavers_recorded INTEGER NOT NULL DEFAULT 1;
UPDATE snapshot SET leavers_recorded =
  EXISTS (SELECT 1 FROM source_file f WHERE f.snapshot_id = snapshot.id AND f.table_name = 'leavers');
)sql"},
    {4, "the neighbourhood team a GP practice gives; registered lists by age and sex", R"sql(
ALTER TABLE gp_practice ADD COLUMN team TEXT NOT NULL DEFAULT '';
CREATE TABLE registered_list (
  snapshot_id INTEGER NOT NULL REFERENCES snapshot (id),
  practice_code TEXT NOT NULL,  -- '' for a network's row
  pcn TEXT NOT NULL,            -- '' for a practice's row
  sex TEXT NOT NULL,
  age_from INTEGER NOT NULL,
  age_to INTEGER NOT NULL,
  patients INTEGER NOT NULL
);
)sql"},
    {5, "an organisation's site", R"sql(
ALTER TABLE organisation ADD COLUMN latitude REAL;
ALTER TABLE organisation ADD COLUMN longitude REAL;
)sql"},
};

std::string Now() {
  return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
}

std::string DestinationCode(const Destination& destination) {
  switch (destination.kind) {
    case Destination::Kind::kNotRecorded: return "";
    case Destination::Kind::kOutside: return "outside";
    case Destination::Kind::kSector: return std::string(Code(destination.sector));
  }
  return "";
}

template <typename E>
E ParseStored(const std::string& text) {
  const auto value = ParseCode<E>(text);
  if (!value) throw InternalError(fmt::format("stored {} \"{}\" is not a known code", EnumInfo<E>::kWhat, text));
  return *value;
}

Date ParseStoredDate(const std::string& text) {
  const auto date = ParseIsoDate(text);
  if (!date) throw InternalError(fmt::format("stored date \"{}\" is not valid", text));
  return *date;
}

}  // namespace

int Store::CurrentSchemaVersion() { return kMigrations[std::size(kMigrations) - 1].version; }

std::string ContentDigest(const Place& place, const std::string& key_fingerprint) {
  std::string manifest = fmt::format("key {}\n", key_fingerprint);
  for (const SourceFile& source : place.sources) {
    if (source.sha256.empty()) throw InternalError("ContentDigest needs a place read with digests");
    manifest += fmt::format("{} {} {} {}\n", source.table, std::filesystem::path(source.path).filename().string(),
                            source.layout, source.sha256);
  }
  return io::Sha256Hex(manifest);
}

Store Store::Open(const std::string& path) {
  Store store(Database(path, /*create=*/true));
  store.db_.Execute("PRAGMA foreign_keys = ON");
  store.Migrate();
  return store;
}

int Store::SchemaVersion() const {
  Statement version(db_, "PRAGMA user_version");
  version.Step();
  return static_cast<int>(version.Int(0));
}

void Store::Migrate() {
  const int current = SchemaVersion();
  if (current > CurrentSchemaVersion()) {
    throw IoError(fmt::format("{}: the database has schema version {}, newer than this careforce ({}); use a newer "
                              "careforce",
                              db_.path(), current, CurrentSchemaVersion()));
  }
  for (const Migration& migration : kMigrations) {
    if (migration.version <= current) continue;
    Transaction transaction(db_);
    db_.Execute(migration.sql);
    if (migration.version == 1) {
      db_.Execute("CREATE TABLE schema_migration (version INTEGER PRIMARY KEY, description TEXT NOT NULL, "
                  "applied_at TEXT NOT NULL)");
    }
    Statement record(db_, "INSERT INTO schema_migration (version, description, applied_at) VALUES (?, ?, ?)");
    record.Bind(1, static_cast<int64_t>(migration.version)).Bind(2, migration.description).Bind(3, Now()).Run();
    db_.Execute(fmt::format("PRAGMA user_version = {}", migration.version));
    transaction.Commit();
  }
}

ImportResult Store::ImportPlace(const Place& place, const Pseudonymiser& pseudonymiser, const ImportHooks& hooks) {
  const std::string fingerprint = pseudonymiser.KeyFingerprint();
  const std::string digest = ContentDigest(place, fingerprint);
  ImportResult result;
  {
    Statement latest(db_, "SELECT id, content_digest FROM snapshot WHERE place = ? ORDER BY id DESC LIMIT 1");
    latest.Bind(1, place.name);
    if (latest.Step() && latest.Text(1) == digest) {
      result.unchanged = true;
      result.snapshot = latest.Int(0);
      return result;
    }
  }

  Transaction transaction(db_);
  const auto wrote = [&] {
    ++result.rows;
    if (hooks.after_row) hooks.after_row(result.rows);
  };
  {
    Statement insert(db_, "INSERT INTO snapshot (place, description, base_year, census_date, retirement_age, "
                          "suppression_threshold, full_time_hours_per_week, content_digest, key_fingerprint, "
                          "imported_at, leavers_recorded) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    insert.Bind(1, place.name)
        .Bind(2, place.description)
        .Bind(3, static_cast<int64_t>(place.base_year))
        .Bind(4, FormatDate(place.census_date))
        .Bind(5, static_cast<int64_t>(place.settings.retirement_age))
        .Bind(6, static_cast<int64_t>(place.settings.suppression_threshold))
        .Bind(7, place.settings.full_time_hours_per_week)
        .Bind(8, digest)
        .Bind(9, fingerprint)
        .Bind(10, Now())
        .Bind(11, static_cast<int64_t>(place.leavers_recorded))
        .Run();
    result.snapshot = db_.LastInsertRowId();
    wrote();
  }
  const int64_t id = result.snapshot;

  {
    Statement insert(db_, "INSERT INTO source_file VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    for (std::size_t idx = 0; idx < place.sources.size(); ++idx) {
      const SourceFile& source = place.sources[idx];
      insert.Bind(1, id)
          .Bind(2, static_cast<int64_t>(idx))
          .Bind(3, source.table)
          .Bind(4, std::filesystem::path(source.path).filename().string())
          .Bind(5, source.layout)
          .Bind(6, source.sha256)
          .Bind(7, source.bytes)
          .Bind(8, source.records)
          .Run();
      wrote();
    }
  }
  {
    Statement insert(db_, "INSERT INTO locality VALUES (?, ?, ?, ?)");
    for (std::size_t idx = 0; idx < place.localities.size(); ++idx) {
      insert.Bind(1, id).Bind(2, static_cast<int64_t>(idx)).Bind(3, place.localities[idx].code)
          .Bind(4, place.localities[idx].name).Run();
      wrote();
    }
  }
  {
    Statement insert(db_, "INSERT INTO organisation VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    for (std::size_t idx = 0; idx < place.organisations.size(); ++idx) {
      const Organisation& organisation = place.organisations[idx];
      insert.Bind(1, id).Bind(2, static_cast<int64_t>(idx)).Bind(3, organisation.code).Bind(4, organisation.name)
          .Bind(5, Code(organisation.sector)).Bind(6, static_cast<int64_t>(organisation.locality));
      if (organisation.latitude && organisation.longitude) {
        insert.Bind(7, *organisation.latitude).Bind(8, *organisation.longitude);
      } else {
        insert.BindNull(7).BindNull(8);
      }
      insert.Run();
      wrote();
    }
  }
  {
    Statement insert(db_, "INSERT INTO role VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    for (std::size_t idx = 0; idx < place.roles.size(); ++idx) {
      const Role& role = place.roles[idx];
      insert.Bind(1, id).Bind(2, static_cast<int64_t>(idx)).Bind(3, role.code).Bind(4, role.name)
          .Bind(5, Code(role.staff_group)).Bind(6, static_cast<int64_t>(role.registered)).Bind(7, Code(role.pay_basis))
          .Bind(8, role.afc_band).Bind(9, role.hourly_rate).Bind(10, role.annual_salary).Bind(11, role.pay_comparator)
          .Bind(12, role.reference_role).Run();
      wrote();
    }
  }
  {
    Statement insert(db_, "INSERT INTO competence VALUES (?, ?, ?, ?, ?, ?)");
    for (std::size_t idx = 0; idx < place.competences.size(); ++idx) {
      const Competence& competence = place.competences[idx];
      insert.Bind(1, id).Bind(2, static_cast<int64_t>(idx)).Bind(3, competence.code).Bind(4, competence.name)
          .Bind(5, competence.framework).Bind(6, competence.reference_competence).Run();
      wrote();
    }
    Statement insert_role(db_, "INSERT INTO role_competence VALUES (?, ?, ?)");
    for (const RoleCompetence& held : place.role_competences) {
      insert_role.Bind(1, id).Bind(2, static_cast<int64_t>(held.role)).Bind(3, static_cast<int64_t>(held.competence))
          .Run();
      wrote();
    }
  }
  {
    Statement insert(db_, "INSERT INTO person VALUES (?, ?, ?)");
    for (std::size_t idx = 0; idx < place.person_ids.size(); ++idx) {
      insert.Bind(1, id).Bind(2, static_cast<int64_t>(idx)).Bind(3, pseudonymiser.Pseudonymise(place.person_ids[idx]))
          .Run();
      wrote();
    }
    Statement insert_team(db_, "INSERT INTO team VALUES (?, ?, ?)");
    for (std::size_t idx = 0; idx < place.teams.size(); ++idx) {
      insert_team.Bind(1, id).Bind(2, static_cast<int64_t>(idx)).Bind(3, place.teams[idx]).Run();
      wrote();
    }
  }
  {
    Statement insert(db_, "INSERT INTO staff_post VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    for (const StaffPost& post : place.staff) {
      insert.Bind(1, id).Bind(2, static_cast<int64_t>(post.person)).Bind(3, static_cast<int64_t>(post.organisation))
          .Bind(4, static_cast<int64_t>(post.role)).Bind(5, post.fte).Bind(6, static_cast<int64_t>(post.age))
          .Bind(7, Code(post.sex)).Bind(8, FormatDate(post.start_date)).Bind(9, post.annual_pay)
          .Bind(10, Code(post.contract)).Bind(11, static_cast<int64_t>(post.locality));
      if (post.team == kNoIndex) {
        insert.BindNull(12);
      } else {
        insert.Bind(12, static_cast<int64_t>(post.team));
      }
      insert.Run();
      wrote();
    }
  }
  {
    Statement insert(db_, "INSERT INTO staff_competence VALUES (?, ?, ?, ?)");
    for (const StaffCompetence& held : place.staff_competences) {
      insert.Bind(1, id).Bind(2, static_cast<int64_t>(held.person)).Bind(3, static_cast<int64_t>(held.competence))
          .Bind(4, FormatDate(held.achieved)).Run();
      wrote();
    }
  }
  {
    Statement insert(db_, "INSERT INTO vacancy VALUES (?, ?, ?, ?, ?, ?, ?)");
    for (const Vacancy& vacancy : place.vacancies) {
      insert.Bind(1, id).Bind(2, vacancy.id).Bind(3, static_cast<int64_t>(vacancy.organisation))
          .Bind(4, static_cast<int64_t>(vacancy.role)).Bind(5, vacancy.fte).Bind(6, FormatDate(vacancy.opened))
          .Bind(7, static_cast<int64_t>(vacancy.locality)).Run();
      wrote();
    }
  }
  {
    Statement insert(db_, "INSERT INTO leaver VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    for (const Leaver& leaver : place.leavers) {
      insert.Bind(1, id).Bind(2, pseudonymiser.Pseudonymise(leaver.person_id))
          .Bind(3, static_cast<int64_t>(leaver.organisation)).Bind(4, static_cast<int64_t>(leaver.role))
          .Bind(5, leaver.fte).Bind(6, static_cast<int64_t>(leaver.age)).Bind(7, Code(leaver.sex))
          .Bind(8, FormatDate(leaver.start_date)).Bind(9, FormatDate(leaver.leave_date)).Bind(10, Code(leaver.reason))
          .Bind(11, DestinationCode(leaver.destination)).Run();
      wrote();
    }
  }
  {
    Statement insert(db_, "INSERT INTO gp_practice VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    for (const GpPractice& practice : place.gp_practices) {
      insert.Bind(1, id).Bind(2, practice.code).Bind(3, practice.name).Bind(4, static_cast<int64_t>(practice.locality))
          .Bind(5, practice.list_size).Bind(6, practice.postcode).Bind(7, practice.pcn);
      if (practice.latitude) {
        insert.Bind(8, *practice.latitude).Bind(9, *practice.longitude);
      } else {
        insert.BindNull(8).BindNull(9);
      }
      insert.Bind(10, practice.team);
      insert.Run();
      wrote();
    }
  }
  {
    Statement insert(db_, "INSERT INTO practice_register VALUES (?, ?, ?, ?, ?, ?)");
    for (const PracticeRegister& entry : place.practice_registers) {
      insert.Bind(1, id).Bind(2, place.gp_practices[entry.practice].code).Bind(3, entry.register_code)
          .Bind(4, entry.count).Bind(5, entry.list_size).Bind(6, static_cast<int64_t>(entry.list_min_age)).Run();
      wrote();
    }
  }
  {
    Statement insert(db_, "INSERT INTO registered_list VALUES (?, ?, ?, ?, ?, ?, ?)");
    for (const RegisteredList& row : place.registered_lists) {
      insert.Bind(1, id)
          .Bind(2, row.practice == kNoIndex ? std::string() : place.gp_practices[row.practice].code)
          .Bind(3, row.pcn)
          .Bind(4, Code(row.sex))
          .Bind(5, static_cast<int64_t>(row.age_from))
          .Bind(6, static_cast<int64_t>(row.age_to))
          .Bind(7, row.patients)
          .Run();
      wrote();
    }
  }
  {
    Statement insert(db_, "INSERT INTO population VALUES (?, ?, ?, ?, ?, ?, ?)");
    for (const PopulationCell& cell : place.population) {
      insert.Bind(1, id).Bind(2, static_cast<int64_t>(cell.locality)).Bind(3, static_cast<int64_t>(cell.year))
          .Bind(4, static_cast<int64_t>(cell.age_from)).Bind(5, static_cast<int64_t>(cell.age_to))
          .Bind(6, Code(cell.sex)).Bind(7, cell.count).Run();
      wrote();
    }
  }
  transaction.Commit();
  return result;
}

std::vector<SnapshotInfo> Store::Snapshots() const {
  Statement query(db_, "SELECT s.id, s.place, s.base_year, s.census_date, s.content_digest, s.imported_at, "
                       "(SELECT COUNT(*) FROM staff_post p WHERE p.snapshot_id = s.id) FROM snapshot s ORDER BY s.id");
  std::vector<SnapshotInfo> snapshots;
  while (query.Step()) {
    snapshots.push_back(SnapshotInfo{query.Int(0), query.Text(1), static_cast<int>(query.Int(2)), query.Text(3),
                                     query.Text(4), query.Text(5), query.Int(6)});
  }
  return snapshots;
}

Place Store::LoadSnapshot(int64_t snapshot) const {
  Place place;
  {
    Statement query(db_, "SELECT place, description, base_year, census_date, retirement_age, suppression_threshold, "
                         "full_time_hours_per_week, leavers_recorded FROM snapshot WHERE id = ?");
    query.Bind(1, snapshot);
    if (!query.Step()) throw IoError(fmt::format("{}: no snapshot {}", db_.path(), snapshot));
    place.name = query.Text(0);
    place.description = query.Text(1);
    place.base_year = static_cast<int>(query.Int(2));
    place.census_date = ParseStoredDate(query.Text(3));
    place.settings.retirement_age = static_cast<int>(query.Int(4));
    place.settings.suppression_threshold = static_cast<int>(query.Int(5));
    place.settings.full_time_hours_per_week = query.Real(6);
    place.leavers_recorded = query.Int(7) != 0;
  }
  const auto rows = [&](std::string_view sql, auto&& each) {
    Statement query(db_, sql);
    query.Bind(1, snapshot);
    while (query.Step()) each(query);
  };
  const auto index = [](const Statement& query, int column) { return static_cast<Index>(query.Int(column)); };
  rows("SELECT table_name, file, layout, sha256, bytes, records FROM source_file WHERE snapshot_id = ? ORDER BY position",
       [&](const Statement& q) {
         place.sources.push_back(SourceFile{q.Text(0), q.Text(1), q.Text(2), q.Text(3), q.Int(4), q.Int(5)});
       });
  rows("SELECT code, name FROM locality WHERE snapshot_id = ? ORDER BY idx",
       [&](const Statement& q) { place.localities.push_back(Locality{q.Text(0), q.Text(1)}); });
  rows("SELECT code, name, sector, locality_idx, latitude, longitude FROM organisation WHERE snapshot_id = ? ORDER BY idx",
       [&](const Statement& q) {
         Organisation organisation{q.Text(0), q.Text(1), ParseStored<Sector>(q.Text(2)), index(q, 3), {}, {}};
         if (!q.IsNull(4) && !q.IsNull(5)) {
           organisation.latitude = q.Real(4);
           organisation.longitude = q.Real(5);
         }
         place.organisations.push_back(std::move(organisation));
       });
  rows("SELECT code, name, staff_group, registered, pay_basis, afc_band, hourly_rate, annual_salary, pay_comparator, "
       "reference_role FROM role WHERE snapshot_id = ? ORDER BY idx",
       [&](const Statement& q) {
         place.roles.push_back(Role{q.Text(0), q.Text(1), ParseStored<StaffGroup>(q.Text(2)), q.Int(3) != 0,
                                    ParseStored<PayBasis>(q.Text(4)), q.Text(5), q.Real(6), q.Real(7), q.Text(8),
                                    q.Text(9)});
       });
  rows("SELECT code, name, framework, reference_competence FROM competence WHERE snapshot_id = ? ORDER BY idx",
       [&](const Statement& q) {
         place.competences.push_back(Competence{q.Text(0), q.Text(1), q.Text(2), q.Text(3)});
       });
  rows("SELECT role_idx, competence_idx FROM role_competence WHERE snapshot_id = ? ORDER BY rowid",
       [&](const Statement& q) { place.role_competences.push_back(RoleCompetence{index(q, 0), index(q, 1)}); });
  rows("SELECT pseudonym FROM person WHERE snapshot_id = ? ORDER BY idx",
       [&](const Statement& q) { place.person_ids.push_back(q.Text(0)); });
  rows("SELECT name FROM team WHERE snapshot_id = ? ORDER BY idx",
       [&](const Statement& q) { place.teams.push_back(q.Text(0)); });
  rows("SELECT person_idx, organisation_idx, role_idx, fte, age, sex, start_date, annual_pay, contract, locality_idx, "
       "team_idx FROM staff_post WHERE snapshot_id = ? ORDER BY rowid",
       [&](const Statement& q) {
         StaffPost post;
         post.person = index(q, 0);
         post.organisation = index(q, 1);
         post.role = index(q, 2);
         post.fte = q.Real(3);
         post.age = static_cast<int>(q.Int(4));
         post.sex = ParseStored<Sex>(q.Text(5));
         post.start_date = ParseStoredDate(q.Text(6));
         post.annual_pay = q.Real(7);
         post.contract = ParseStored<ContractType>(q.Text(8));
         post.locality = index(q, 9);
         post.team = q.IsNull(10) ? kNoIndex : index(q, 10);
         place.staff.push_back(post);
       });
  rows("SELECT person_idx, competence_idx, date_achieved FROM staff_competence WHERE snapshot_id = ? ORDER BY rowid",
       [&](const Statement& q) {
         place.staff_competences.push_back(StaffCompetence{index(q, 0), index(q, 1), ParseStoredDate(q.Text(2))});
       });
  rows("SELECT id, organisation_idx, role_idx, fte, date_opened, locality_idx FROM vacancy WHERE snapshot_id = ? "
       "ORDER BY rowid",
       [&](const Statement& q) {
         place.vacancies.push_back(
             Vacancy{q.Text(0), index(q, 1), index(q, 2), q.Real(3), ParseStoredDate(q.Text(4)), index(q, 5)});
       });
  rows("SELECT pseudonym, organisation_idx, role_idx, fte, age, sex, start_date, leave_date, reason, destination "
       "FROM leaver WHERE snapshot_id = ? ORDER BY rowid",
       [&](const Statement& q) {
         Leaver leaver;
         leaver.person_id = q.Text(0);
         leaver.organisation = index(q, 1);
         leaver.role = index(q, 2);
         leaver.fte = q.Real(3);
         leaver.age = static_cast<int>(q.Int(4));
         leaver.sex = ParseStored<Sex>(q.Text(5));
         leaver.start_date = ParseStoredDate(q.Text(6));
         leaver.leave_date = ParseStoredDate(q.Text(7));
         leaver.reason = ParseStored<LeaveReason>(q.Text(8));
         const std::string destination = q.Text(9);
         if (destination == "outside") {
           leaver.destination.kind = Destination::Kind::kOutside;
         } else if (!destination.empty()) {
           leaver.destination = Destination{Destination::Kind::kSector, ParseStored<Sector>(destination)};
         }
         place.leavers.push_back(std::move(leaver));
       });
  rows("SELECT code, name, locality_idx, list_size, postcode, pcn, latitude, longitude, team FROM gp_practice "
       "WHERE snapshot_id = ? ORDER BY rowid",
       [&](const Statement& q) {
         GpPractice practice{q.Text(0), q.Text(1), index(q, 2), q.Int(3), q.Text(4), q.Text(5), {}, {}, q.Text(8)};
         if (!q.IsNull(6)) {
           practice.latitude = q.Real(6);
           practice.longitude = q.Real(7);
         }
         place.gp_practices.push_back(std::move(practice));
       });
  std::map<std::string, Index> practice_index;
  for (Index idx = 0; idx < place.gp_practices.size(); ++idx) practice_index[place.gp_practices[idx].code] = idx;
  rows("SELECT practice_code, register_code, count, list_size, list_min_age FROM practice_register "
       "WHERE snapshot_id = ? ORDER BY rowid",
       [&](const Statement& q) {
         place.practice_registers.push_back(PracticeRegister{practice_index.at(q.Text(0)), q.Text(1), q.Int(2), q.Int(3),
                                                             static_cast<int>(q.Int(4))});
       });
  rows("SELECT practice_code, pcn, sex, age_from, age_to, patients FROM registered_list WHERE snapshot_id = ? "
       "ORDER BY rowid",
       [&](const Statement& q) {
         const std::string practice = q.Text(0);
         place.registered_lists.push_back(RegisteredList{practice.empty() ? kNoIndex : practice_index.at(practice),
                                                         q.Text(1), ParseStored<Sex>(q.Text(2)),
                                                         static_cast<int>(q.Int(3)), static_cast<int>(q.Int(4)),
                                                         q.Int(5)});
       });
  rows("SELECT locality_idx, year, age_from, age_to, sex, count FROM population WHERE snapshot_id = ? ORDER BY rowid",
       [&](const Statement& q) {
         place.population.push_back(PopulationCell{index(q, 0), static_cast<int>(q.Int(1)), static_cast<int>(q.Int(2)),
                                                   static_cast<int>(q.Int(3)), ParseStored<Sex>(q.Text(4)), q.Real(5)});
       });
  return place;
}

}  // namespace careforce::store
