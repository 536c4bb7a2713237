#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "model/diagnostic.hpp"

namespace careforce::io {

// One key and value of a flat JSON record, with where the value starts.
struct JsonField {
  enum class Kind : uint8_t { kString, kInteger, kNumber, kBoolean, kNull };
  std::string key;
  Kind kind = Kind::kNull;
  std::string text;     // a string's content
  int64_t integer = 0;  // a whole number (kInteger)
  double number = 0.0;  // any number (kInteger and kNumber)
  Location where;       // of the value
  Location key_where;   // of the key
};

// One object of a JSON array of records, with where it starts.
struct JsonRecord {
  Location where;
  std::vector<JsonField> fields;
  // The field named `key`, or nullptr.
  const JsonField* Find(std::string_view key) const;
};

// Reads a published JSON file that is an array of flat objects (strings, numbers, booleans and
// null as values), keeping each value's line and column (in characters) for messages. Syntax
// errors and any other shape are reported to `diagnostics` (what was read before stays).
std::vector<JsonRecord> ReadJsonRecords(std::string_view text, const std::string& path,
                                        Diagnostics& diagnostics);

}  // namespace careforce::io
