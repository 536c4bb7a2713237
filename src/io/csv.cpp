#include "io/csv.hpp"

#include <array>
#include <cstring>

#include <fmt/format.h>

#include "io/text.hpp"
#include "model/limits.hpp"

namespace careforce::io {

namespace {

// Bytes that end or complicate an unquoted field.
constexpr std::array<bool, 256> kSpecial = [] {
  std::array<bool, 256> special{};
  special[static_cast<unsigned char>(',')] = true;
  special[static_cast<unsigned char>('\n')] = true;
  special[static_cast<unsigned char>('"')] = true;
  return special;
}();

}  // namespace

CsvReader::CsvReader(std::string_view text, std::string path, Diagnostics& diagnostics)
    : text_(text), path_(std::move(path)), diagnostics_(diagnostics) {}

Location CsvReader::LocationOf(std::size_t byte_offset) const {
  int64_t line = record_line_;
  std::size_t line_begin = record_begin_;
  for (std::size_t pos = record_begin_; pos < byte_offset && pos < text_.size(); ++pos) {
    if (text_[pos] == '\n') {
      ++line;
      line_begin = pos + 1;
    }
  }
  return Location{path_, line, CharacterColumn(text_.substr(line_begin), byte_offset - line_begin)};
}

Location CsvReader::At(std::size_t field_idx) const { return LocationOf(field_begins_[field_idx]); }

Location CsvReader::AtEnd() const { return LocationOf(record_end_); }

std::size_t CsvReader::FindSpecial(std::size_t from) const {
  const char* data = text_.data();
  std::size_t scan = from;
  while (scan < text_.size() && !kSpecial[static_cast<unsigned char>(data[scan])]) ++scan;
  return scan;
}

void CsvReader::SkipToDelimiter() {
  while (pos_ < text_.size() && text_[pos_] != ',' && text_[pos_] != '\n') ++pos_;
}

void CsvReader::Revisit(std::size_t record_begin, int64_t line) {
  pos_ = record_begin;
  line_ = line;
  Next();
}

bool CsvReader::Next() {
  const std::size_t size = text_.size();
  // Skip blank lines (including a final line end).
  while (pos_ < size) {
    if (text_[pos_] == '\n') {
      ++pos_, ++line_;
    } else if (text_[pos_] == '\r' && pos_ + 1 < size && text_[pos_ + 1] == '\n') {
      pos_ += 2, ++line_;
    } else {
      break;
    }
  }
  if (pos_ >= size) return false;

  record_begin_ = pos_;
  record_line_ = line_;
  fields_.clear();
  field_begins_.clear();
  if (!unescaped_.empty()) {
    unescaped_.clear();
    scratch_.clear();
  }

  while (true) {
    const std::size_t field_begin = pos_;
    field_begins_.push_back(field_begin);
    if (pos_ < size && text_[pos_] == '"') {
      ++pos_;
      const std::size_t content_begin = pos_;
      bool escaped_quotes = false;
      bool closed = false;
      std::size_t content_end = size;
      while (pos_ < size) {
        const char* quote =
            static_cast<const char*>(std::memchr(text_.data() + pos_, '"', size - pos_));
        const std::size_t quote_pos = quote ? static_cast<std::size_t>(quote - text_.data()) : size;
        for (std::size_t scan = pos_; scan < quote_pos; ++scan) {
          if (text_[scan] == '\n') ++line_;
        }
        if (!quote) {
          pos_ = size;
          break;
        }
        if (quote_pos + 1 < size && text_[quote_pos + 1] == '"') {
          escaped_quotes = true;
          pos_ = quote_pos + 2;
          continue;
        }
        content_end = quote_pos;
        pos_ = quote_pos + 1;
        closed = true;
        break;
      }
      if (!closed) {
        diagnostics_.Error(LocationOf(field_begin),
                           "quoted field is never closed, expected a closing double quote");
        content_end = size;
      }
      if (escaped_quotes) {
        const std::size_t scratch_begin = scratch_.size();
        for (std::size_t scan = content_begin; scan < content_end; ++scan) {
          scratch_.push_back(text_[scan]);
          if (text_[scan] == '"') ++scan;  // "" stands for one quote
        }
        unescaped_.push_back({fields_.size(), scratch_begin, scratch_.size() - scratch_begin});
        fields_.emplace_back();  // set once the record is complete (scratch_ may still grow)
      } else {
        fields_.push_back(text_.substr(content_begin, content_end - content_begin));
      }
      if (pos_ < size && text_[pos_] == '\r' && pos_ + 1 < size && text_[pos_ + 1] == '\n') ++pos_;
      if (pos_ < size && text_[pos_] != ',' && text_[pos_] != '\n') {
        diagnostics_.Error(LocationOf(pos_),
                           "text after the closing quote of a field, expected a comma or the end "
                           "of the line");
        SkipToDelimiter();
      }
    } else {
      bool stray_quote = false;
      std::size_t scan = FindSpecial(pos_);
      while (scan < size && text_[scan] == '"') {
        stray_quote = true;
        scan = FindSpecial(scan + 1);
      }
      std::size_t end = scan;
      if (end > pos_ && text_[end - 1] == '\r' && (end == size || text_[end] == '\n')) --end;
      if (stray_quote) {
        diagnostics_.Error(LocationOf(field_begin),
                           "double quote inside an unquoted field, expected the whole field in "
                           "double quotes with inner quotes doubled");
      }
      fields_.push_back(text_.substr(pos_, end - pos_));
      pos_ = scan;
    }
    if (pos_ - record_begin_ > static_cast<std::size_t>(kMaxLineBytes.most)) {
      // Not a table (a binary file, a file without line ends): its fields would take memory in
      // proportion, so the rest of the file is not read.
      diagnostics_.Error(Location{path_, record_line_, 1},
                         OverLimit("this record", kMaxLineBytes, " bytes a record (a CSV file of records)"));
      pos_ = size;
      return false;
    }
    if (pos_ < size && text_[pos_] == ',') {
      ++pos_;
      continue;
    }
    record_end_ = pos_;
    if (record_end_ > record_begin_ && text_[record_end_ - 1] == '\r') --record_end_;
    if (pos_ < size) ++pos_, ++line_;  // the '\n'
    break;
  }

  for (const Unescaped& field : unescaped_) {
    fields_[field.field_idx] = std::string_view(scratch_).substr(field.begin, field.length);
  }
  return true;
}

CsvWriter& CsvWriter::Field(std::string_view value) {
  if (row_started_) out_.push_back(',');
  row_started_ = true;
  if (value.find_first_of(",\"\n\r") == std::string_view::npos) {
    out_.append(value);
    return *this;
  }
  out_.push_back('"');
  for (const char c : value) {
    if (c == '"') out_.push_back('"');
    out_.push_back(c);
  }
  out_.push_back('"');
  return *this;
}

CsvWriter& CsvWriter::Field(double value, int decimals) {
  if (row_started_) out_.push_back(',');
  row_started_ = true;
  fmt::format_to(std::back_inserter(out_), "{:.{}f}", value, decimals);
  return *this;
}

CsvWriter& CsvWriter::Field(long long value) {
  if (row_started_) out_.push_back(',');
  row_started_ = true;
  fmt::format_to(std::back_inserter(out_), "{}", value);
  return *this;
}

void CsvWriter::EndRow() {
  out_.push_back('\n');
  row_started_ = false;
}

}  // namespace careforce::io
