#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "model/place.hpp"
#include "store/pseudonymise.hpp"
#include "store/sqlite.hpp"

namespace careforce::store {

// One imported state of a place.
struct SnapshotInfo {
  int64_t id = 0;
  std::string place;
  int base_year = 0;
  std::string census_date;
  std::string content_digest;
  std::string imported_at;
  int64_t posts = 0;
};

struct ImportResult {
  bool unchanged = false;  // the place was already stored exactly so: nothing was written
  int64_t snapshot = 0;
  int64_t rows = 0;        // rows written
};

// Observes an import as it writes (used by tests to interrupt it at any row).
struct ImportHooks {
  std::function<void(int64_t rows_written)> after_row;
};

// The careforce database: a SQLite file whose schema is brought up to date by numbered
// migrations when opened. Each import of a place is one transaction creating a snapshot.
class Store {
 public:
  // The schema version this build of careforce writes.
  static int CurrentSchemaVersion();

  // Opens or creates a database and applies pending migrations (each in its own transaction).
  static Store Open(const std::string& path);

  int SchemaVersion() const;

  // Stores a valid place (its `sources` must carry digests) as a new snapshot, with staff
  // identifiers pseudonymised, in one transaction: a failure or a kill at any moment leaves
  // no part of it. When the place's latest snapshot has the same content and key, nothing is
  // written.
  ImportResult ImportPlace(const Place& place, const Pseudonymiser& pseudonymiser, const ImportHooks& hooks = {});

  std::vector<SnapshotInfo> Snapshots() const;

  // Reads a snapshot back into a Place (identifiers as stored, that is pseudonymised).
  Place LoadSnapshot(int64_t snapshot) const;

 private:
  explicit Store(Database db) : db_(std::move(db)) {}
  void Migrate();

  Database db_;
};

// Digest of a place's content: its files' digests, in order, and the key fingerprint.
std::string ContentDigest(const Place& place, const std::string& key_fingerprint);

}  // namespace careforce::store
