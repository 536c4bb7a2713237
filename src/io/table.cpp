#include "io/table.hpp"

#include <array>
#include <charconv>
#include <cstring>
#include <cmath>

#include <fmt/format.h>

#include "io/text.hpp"

namespace careforce::io {

namespace {

std::string RangeText(double min, bool min_open, double max, bool max_open) {
  const std::string low = fmt::format("{} {}", min_open ? "greater than" : "at least", FormatNumber(min));
  if (std::isinf(max)) return low;
  return fmt::format("{} and {} {}", low, max_open ? "less than" : "at most", FormatNumber(max));
}

// Dates repeat a great deal in staff files (a few thousand distinct days across millions of
// rows): a direct-mapped cache of parsed dates (512 KB), one per thread.
std::optional<Date> CachedDate(std::string_view text) {
  if (text.size() != 10) return ParseIsoDate(text);
  struct Entry {
    uint64_t head = 0;
    uint16_t tail = 0;
    bool valid = false;
    Date date;
  };
  thread_local std::array<Entry, 32768> cache{};
  uint64_t head;
  uint16_t tail;
  std::memcpy(&head, text.data(), 8);
  std::memcpy(&tail, text.data() + 8, 2);
  Entry& entry = cache[((head ^ (static_cast<uint64_t>(tail) << 17)) * 0x9e3779b97f4a7c15ULL) >> 49];
  if (entry.valid && entry.head == head && entry.tail == tail) return entry.date;
  const auto date = ParseIsoDate(text);
  if (date) entry = Entry{head, tail, true, *date};
  return date;
}

}  // namespace

std::optional<Date> ParseIsoDateCached(std::string_view text) { return CachedDate(text); }

std::optional<double> ParseNumber(std::string_view text) {
  if (text.empty()) return std::nullopt;
  // Fast path for plain decimals with at most 15 significant digits and 15 decimals: the digits
  // as an integer divided by a power of ten is exact before one correctly rounded division,
  // so it gives the same double as from_chars (Clinger's fast path).
  {
    static constexpr double kPowersOfTen[] = {1e0, 1e1, 1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                              1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
    std::size_t pos = text.front() == '-' || text.front() == '+' ? 1 : 0;
    const bool negative = text.front() == '-';
    uint64_t mantissa = 0;
    int digits = 0;
    int decimals = -1;
    bool plain = pos < text.size();
    for (; pos < text.size() && plain; ++pos) {
      const char c = text[pos];
      if (c >= '0' && c <= '9') {
        mantissa = mantissa * 10 + static_cast<uint64_t>(c - '0');
        if (++digits > 15) plain = false;
        if (decimals >= 0) ++decimals;
      } else if (c == '.' && decimals < 0) {
        decimals = 0;
      } else {
        plain = false;
      }
    }
    if (plain && digits > 0 && decimals != 0) {
      const double value = static_cast<double>(mantissa) / kPowersOfTen[decimals < 0 ? 0 : decimals];
      return negative ? -value : value;
    }
  }
  double value = 0.0;
  const char* begin = text.data();
  if (*begin == '+') ++begin;
  const auto [end, error] = std::from_chars(begin, text.data() + text.size(), value,
                                            std::chars_format::fixed);
  if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

std::optional<int64_t> ParseInteger(std::string_view text) {
  if (text.empty()) return std::nullopt;
  int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::string FormatNumber(double value) {
  std::string text = fmt::format("{:.6f}", value);
  while (!text.empty() && text.back() == '0') text.pop_back();
  if (!text.empty() && text.back() == '.') text.pop_back();
  return text == "-0" ? "0" : text;
}

Table::Table(CsvReader& reader, std::span<const Column> layout)
    : reader_(reader), layout_(layout), file_index_(layout.size(), kAbsent) {
  Diagnostics& diagnostics = reader_.diagnostics();
  std::vector<std::string_view> names;
  for (const Column& column : layout_) names.push_back(column.name);
  const auto expected_columns = [&] {
    std::string list;
    for (std::size_t idx = 0; idx < names.size(); ++idx) {
      if (idx > 0) list += ", ";
      list += names[idx];
    }
    return list;
  };

  if (!reader_.Next()) {
    diagnostics.Error(Location{reader_.path(), 1, 1},
                      fmt::format("the file is empty, expected a header line with the columns {}",
                                  expected_columns()));
    return;
  }
  header_size_ = reader_.size();
  bool header_ok = true;
  for (std::size_t file_column = 0; file_column < header_size_; ++file_column) {
    const std::string_view name = reader_[file_column];
    std::size_t layout_column = kAbsent;
    for (std::size_t idx = 0; idx < names.size(); ++idx) {
      if (names[idx] == name) layout_column = idx;
    }
    if (layout_column == kAbsent) {
      diagnostics.Error(reader_.At(file_column),
                        fmt::format("unknown column \"{}\", expected one of {}{}", name,
                                    expected_columns(), DidYouMean(name, names)));
      header_ok = false;
    } else if (file_index_[layout_column] != kAbsent) {
      diagnostics.Error(reader_.At(file_column),
                        fmt::format("column \"{}\" appears twice, expected each column once", name));
      header_ok = false;
    } else {
      file_index_[layout_column] = file_column;
    }
  }
  for (std::size_t idx = 0; idx < layout_.size(); ++idx) {
    if (layout_[idx].required && file_index_[idx] == kAbsent) {
      diagnostics.Error(Location{reader_.path(), reader_.line(), 1},
                        fmt::format("missing required column \"{}\", expected the columns {}",
                                    layout_[idx].name, expected_columns()));
      header_ok = false;
    }
  }
  usable_ = header_ok;
}

bool Table::Next() {
  if (!usable_ || !reader_.Next()) return false;
  ++records_;
  complete_ = reader_.size() == header_size_;
  if (reader_.size() > header_size_) {
    reader_.diagnostics().Error(reader_.At(header_size_),
                                fmt::format("record has {} fields, expected {} (one per header column)",
                                            reader_.size(), header_size_));
  } else if (reader_.size() < header_size_) {
    reader_.diagnostics().Error(
        reader_.AtEnd(), fmt::format("record has {} field{}, expected {} (one per header column)", reader_.size(),
                                     reader_.size() == 1 ? "" : "s", header_size_));
  }
  return true;
}

std::string_view Table::Get(std::size_t column) const {
  const std::size_t file_column = file_index_[column];
  return file_column == kAbsent || file_column >= reader_.size() ? std::string_view() : reader_[file_column];
}

Location Table::At(std::size_t column) const {
  const std::size_t file_column = file_index_[column];
  return file_column == kAbsent || file_column >= reader_.size() ? reader_.AtEnd() : reader_.At(file_column);
}

Location Table::Locate(RecordRef record, std::size_t column) const {
  reader_.Revisit(record.begin, record.line);
  return At(column);
}

void Table::Error(std::size_t column, std::string message) const {
  reader_.diagnostics().Error(At(column), std::move(message));
}

std::optional<std::string_view> Table::Text(std::size_t column, std::string_view what) const {
  const std::string_view value = Get(column);
  if (value.empty()) {
    Error(column, fmt::format("missing {}, expected a value in column \"{}\"", what,
                              layout_[column].name));
    return std::nullopt;
  }
  if (value.front() == ' ' || value.back() == ' ' || value.front() == '\t' || value.back() == '\t') {
    Error(column, fmt::format("{} \"{}\" has spaces at its start or end, expected no surrounding "
                              "spaces",
                              what, value));
    return std::nullopt;
  }
  return value;
}

std::optional<std::string_view> Table::PersonId(std::size_t column) const {
  const std::string_view value = Get(column);
  if (value.empty()) {
    Error(column, fmt::format("missing person_id, expected a value in column \"{}\"", layout_[column].name));
    return std::nullopt;
  }
  if (value.front() == ' ' || value.back() == ' ' || value.front() == '\t' || value.back() == '\t') {
    Error(column, "person_id has spaces at its start or end, expected no surrounding spaces");
    return std::nullopt;
  }
  return value;
}

std::optional<double> Table::Number(std::size_t column, std::string_view what, double min, bool min_open,
                                    double max, bool max_open) const {
  const std::string_view text = Get(column);
  const auto value = ParseNumber(text);
  if (value && !(min_open ? *value <= min : *value < min) && !(max_open ? *value >= max : *value > max)) {
    return value;
  }
  // The message is built only for a bad value: this is the hot path of every numeric field.
  const std::string expected = fmt::format("expected a number {}", RangeText(min, min_open, max, max_open));
  if (text.empty()) {
    Error(column, fmt::format("missing {}, {}", what, expected));
  } else if (!value) {
    Error(column, fmt::format("{} \"{}\" is not a number, {}", what, text, expected));
  } else {
    Error(column, fmt::format("{} {} is out of range, {}", what, text, expected));
  }
  return std::nullopt;
}

std::optional<int64_t> Table::Integer(std::size_t column, std::string_view what, int64_t min,
                                      int64_t max) const {
  const std::string_view text = Get(column);
  const auto value = ParseInteger(text);
  if (value && *value >= min && *value <= max) return value;
  const std::string expected =
      max == std::numeric_limits<int64_t>::max()
          ? fmt::format("expected a whole number of at least {}", min)
          : fmt::format("expected a whole number from {} to {}", min, max);
  if (text.empty()) {
    Error(column, fmt::format("missing {}, {}", what, expected));
  } else if (!value) {
    Error(column, fmt::format("{} \"{}\" is not a whole number, {}", what, text, expected));
  } else {
    Error(column, fmt::format("{} {} is out of range, {}", what, text, expected));
  }
  return std::nullopt;
}

std::optional<Date> Table::DateNoLaterThan(std::size_t column, std::string_view what, Date latest,
                                           std::string_view latest_what) const {
  const std::string_view text = Get(column);
  if (text.empty()) {
    Error(column, fmt::format("missing {}, expected a date as YYYY-MM-DD", what));
    return std::nullopt;
  }
  const auto date = CachedDate(text);
  if (!date) {
    Error(column, fmt::format("{} \"{}\" is not a valid date, expected a date as YYYY-MM-DD", what, text));
    return std::nullopt;
  }
  if (*date > latest) {
    Error(column, fmt::format("{} {} is in the future, expected a date no later than the {} {}", what,
                              text, latest_what, FormatDate(latest)));
    return std::nullopt;
  }
  return date;
}

}  // namespace careforce::io
