#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "io/csv.hpp"
#include "model/date.hpp"

namespace careforce::io {

// One column of a documented CSV layout.
struct Column {
  std::string_view name;
  bool required;
};

// A CSV file read against a documented layout: columns are found by header name (any order),
// unknown, duplicated and missing columns are errors, and each record must have one field per
// header column. Fields are addressed by their position in the layout, not in the file.
class Table {
 public:
  Table(CsvReader& reader, std::span<const Column> layout);

  // False when the header is missing or lacks a required column (records cannot be read).
  bool usable() const { return usable_; }
  // Advances to the next record. A record with the wrong number of fields is reported and
  // still returned, marked incomplete, so that its identifier can be registered (which keeps
  // other files from reporting it as unknown); its other fields should not be read.
  bool Next();
  bool complete() const { return complete_; }
  // Whether the file has the column at layout position `column`.
  bool Has(std::size_t column) const { return file_index_[column] != kAbsent; }
  // The field (empty when the file lacks the column).
  std::string_view Get(std::size_t column) const;
  Location At(std::size_t column) const;
  int64_t line() const { return reader_.line(); }
  // The file's column holding a layout column (valid when Has(column)), and how many columns the
  // header has.
  std::size_t FileColumnOf(std::size_t column) const { return file_index_[column]; }
  std::size_t header_size() const { return header_size_; }
  int64_t records() const { return records_; }
  const std::string& path() const { return reader_.path(); }
  Diagnostics& diagnostics() const { return reader_.diagnostics(); }

  // Where a record is, to report problems with it after reading has moved on.
  struct RecordRef {
    std::size_t begin = 0;
    int64_t line = 0;
  };
  RecordRef Ref() const { return RecordRef{reader_.record_begin(), reader_.line()}; }
  // Location of a field of a record read earlier.
  Location Locate(RecordRef record, std::size_t column) const;

  // Reports a problem with a field.
  void Error(std::size_t column, std::string message) const;

  // Typed fields: each reports a clear error and returns nullopt when the field is not valid.
  // `what` names the field in messages ("FTE"), `expected` describes a valid value.
  std::optional<std::string_view> Text(std::size_t column, std::string_view what) const;
  // A person identifier: checked as Text, but no message ever shows the value, only where it is
  // (docs/data-protection.md, "Never logged").
  std::optional<std::string_view> PersonId(std::size_t column) const;
  std::optional<double> Number(std::size_t column, std::string_view what, double min, bool min_open,
                               double max, bool max_open) const;
  std::optional<int64_t> Integer(std::size_t column, std::string_view what, int64_t min,
                                 int64_t max) const;
  // A date "YYYY-MM-DD" no later than `latest` (whose meaning `latest_what` names).
  std::optional<Date> DateNoLaterThan(std::size_t column, std::string_view what, Date latest,
                                      std::string_view latest_what) const;

 private:
  static constexpr std::size_t kAbsent = static_cast<std::size_t>(-1);

  CsvReader& reader_;
  std::span<const Column> layout_;
  std::vector<std::size_t> file_index_;  // layout position -> file column
  std::size_t header_size_ = 0;
  bool usable_ = false;
  bool complete_ = false;
  int64_t records_ = 0;
};

// Parses a plain decimal number (no spaces, no "nan" or "inf").
std::optional<double> ParseNumber(std::string_view text);
// Parses a plain decimal integer.
std::optional<int64_t> ParseInteger(std::string_view text);
// Formats a number the way a person would write it: 0.8, 1.5, 12.
std::string FormatNumber(double value);
// ParseIsoDate through a per-thread cache (dates repeat a great deal in staff files).
std::optional<Date> ParseIsoDateCached(std::string_view text);

}  // namespace careforce::io
