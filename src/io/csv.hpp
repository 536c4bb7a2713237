#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "model/diagnostic.hpp"

namespace careforce::io {

// Reads RFC 4180 CSV records from UTF-8 text, tracking the line and column of every field so
// that errors can point at them. Accepts LF and CRLF line ends, quoted fields holding commas,
// quotes ("") and line breaks; skips blank lines. The text must outlive the reader.
class CsvReader {
 public:
  CsvReader(std::string_view text, std::string path, Diagnostics& diagnostics);

  // Advances to the next record; false at the end of the text.
  bool Next();

  std::size_t size() const { return fields_.size(); }
  std::string_view operator[](std::size_t field_idx) const { return fields_[field_idx]; }
  // Line on which the current record starts.
  int64_t line() const { return record_line_; }
  // Location of the first character of a field of the current record.
  Location At(std::size_t field_idx) const;
  // Location just past the last field of the current record.
  Location AtEnd() const;
  const std::string& path() const { return path_; }
  Diagnostics& diagnostics() const { return diagnostics_; }
  // Byte offset of the current record, to come back to it later.
  std::size_t record_begin() const { return record_begin_; }
  // Makes a record read earlier the current one again (for errors found after reading); the
  // reader then continues after it.
  void Revisit(std::size_t record_begin, int64_t line);
  // Where the next record starts, and its line: for callers that scan simple records themselves
  // and hand back to the reader (Seek) for anything else.
  std::size_t position() const { return pos_; }
  int64_t next_line() const { return line_; }
  void Seek(std::size_t position, int64_t line) {
    pos_ = position;
    line_ = line;
  }

 private:
  // A field whose doubled quotes were undone into scratch_.
  struct Unescaped {
    std::size_t field_idx;
    std::size_t begin;
    std::size_t length;
  };

  Location LocationOf(std::size_t byte_offset) const;
  // Position of the next comma, line feed or double quote at or after `from` (or the end).
  std::size_t FindSpecial(std::size_t from) const;
  void SkipToDelimiter();

  std::string_view text_;
  std::string path_;
  Diagnostics& diagnostics_;
  std::size_t pos_ = 0;
  int64_t line_ = 1;  // line at pos_

  std::size_t record_begin_ = 0;
  int64_t record_line_ = 1;
  std::size_t record_end_ = 0;
  std::vector<Unescaped> unescaped_;
  std::vector<std::size_t> field_begins_;
  std::vector<std::string_view> fields_;
  std::string scratch_;
};

// Writes CSV fields, quoting only where needed.
class CsvWriter {
 public:
  explicit CsvWriter(std::string& out) : out_(out) {}
  CsvWriter& Field(std::string_view value);
  CsvWriter& Field(double value, int decimals);
  CsvWriter& Field(long long value);
  void EndRow();

 private:
  std::string& out_;
  bool row_started_ = false;
};

}  // namespace careforce::io
