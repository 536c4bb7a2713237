#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/place.hpp"
#include "model/string_table.hpp"

namespace careforce::io {

// Codes of one kind (organisations, roles, staff identifiers, ...) and their positions, with
// suggestions for near misses. An open-addressing table: one probe sequence in one array, so
// that millions of staff identifiers are found quickly.
class CodeIndex {
 public:
  // Adds a code; returns its index and whether it was new.
  std::pair<Index, bool> Insert(std::string_view code);
  // Finds a code. Tries the last hit and the code after it first, since files usually list rows
  // of one organisation or person together, and people in the order of the staff file; so not
  // safe to call from two threads at once.
  std::optional<Index> Find(std::string_view code) const;
  std::size_t size() const { return strings_.size(); }
  std::string_view code(Index index) const { return strings_[index]; }
  // Every code in index order (for suggestions).
  std::vector<std::string_view> Codes() const { return {strings_.begin(), strings_.end()}; }
  // Hands the codes over (the index is empty afterwards).
  StringTable TakeStrings();
  // Inserts many codes in order (as Insert would), prefetching ahead: for millions of staff
  // identifiers the table's random accesses then overlap instead of queueing.
  std::vector<std::pair<Index, bool>> InsertAll(std::span<const std::string_view> codes);
  // Makes room for `count` codes without rehashing.
  void Reserve(std::size_t count);
  // " (did you mean ...)" for an unknown code, or "" (none for very large indexes).
  std::string Suggest(std::string_view code) const;

 private:
  static uint64_t Hash(std::string_view code);
  void Rehash(std::size_t slot_count);

  struct FreeSlots {
    void operator()(uint64_t* slots) const;
  };

  StringTable strings_;
  // Each slot holds 0 when empty, else the hash's high 32 bits and index + 1 in the low 32.
  // Large tables sit on huge pages where the system allows it: lookups are random accesses.
  std::unique_ptr<uint64_t[], FreeSlots> slots_;
  std::size_t slot_count_ = 0;
  mutable Index last_found_ = kNoIndex;
};

}  // namespace careforce::io
