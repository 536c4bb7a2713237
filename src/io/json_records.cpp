#include "io/json_records.hpp"

#include <cstddef>
#include <iterator>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "io/text.hpp"

namespace careforce::io {

const JsonField* JsonRecord::Find(std::string_view key) const {
  for (const JsonField& field : fields) {
    if (field.key == key) return &field;
  }
  return nullptr;
}

namespace {

// A character iterator that records where the parser last read: the parser reports no positions
// to a SAX handler, but a key's closing quote is the last character read when the key arrives.
class TrackingIterator {
 public:
  using iterator_category = std::input_iterator_tag;
  using value_type = char;
  using difference_type = std::ptrdiff_t;
  using pointer = const char*;
  using reference = const char&;

  TrackingIterator(const char* at, const char** last_read) : at_(at), last_read_(last_read) {}
  reference operator*() const {
    *last_read_ = at_;
    return *at_;
  }
  TrackingIterator& operator++() {
    ++at_;
    return *this;
  }
  TrackingIterator operator++(int) {
    TrackingIterator before = *this;
    ++at_;
    return before;
  }
  bool operator==(const TrackingIterator& other) const { return at_ == other.at_; }
  bool operator!=(const TrackingIterator& other) const { return at_ != other.at_; }

 private:
  const char* at_;
  const char** last_read_;
};

// Byte offsets to lines and character columns, reading forward from the last offset asked for.
class Positions {
 public:
  Positions(std::string_view text, const std::string& path) : text_(text), path_(path) {}
  Location At(std::size_t offset) {
    if (offset > text_.size()) offset = text_.size();
    if (offset < line_begin_) {
      line_begin_ = 0;
      line_ = 1;
      scanned_ = 0;
    }
    for (; scanned_ < offset; ++scanned_) {
      if (text_[scanned_] == '\n') {
        ++line_;
        line_begin_ = scanned_ + 1;
      }
    }
    const std::size_t line_end = std::min(text_.find('\n', line_begin_), text_.size());
    const std::string_view line = text_.substr(line_begin_, line_end - line_begin_);
    return Location{path_, line_, CharacterColumn(line, offset - line_begin_)};
  }

 private:
  std::string_view text_;
  const std::string& path_;
  std::size_t line_begin_ = 0;
  std::size_t scanned_ = 0;
  int64_t line_ = 1;
};

class RecordsHandler {
 public:
  using json = nlohmann::json;

  RecordsHandler(std::string_view text, const std::string& path, Diagnostics& diagnostics,
                 const char** last_read)
      : text_(text), positions_(text, path), diagnostics_(diagnostics), last_read_(last_read) {}

  std::vector<JsonRecord> Take() { return std::move(records_); }

  bool null() { return Scalar(JsonField::Kind::kNull, "null"); }
  bool boolean(bool value) {
    if (!Scalar(JsonField::Kind::kBoolean, value ? "true" : "false")) return false;
    if (depth_ == 2) records_.back().fields.back().integer = value ? 1 : 0;
    return true;
  }
  bool number_integer(json::number_integer_t value) { return Integer(value); }
  bool number_unsigned(json::number_unsigned_t value) {
    if (value > static_cast<json::number_unsigned_t>(INT64_MAX)) {
      return Number(static_cast<double>(value));
    }
    return Integer(static_cast<int64_t>(value));
  }
  bool number_float(json::number_float_t value, const json::string_t& /*raw*/) {
    return Number(value);
  }
  bool string(json::string_t& value) {
    if (!Scalar(JsonField::Kind::kString, "a string")) return false;
    if (depth_ == 2) records_.back().fields.back().text = std::move(value);
    return true;
  }
  bool binary(json::binary_t& /*value*/) { return Scalar(JsonField::Kind::kNull, "binary data"); }

  bool start_object(std::size_t /*elements*/) {
    if (depth_ == 1) {
      ++depth_;
      records_.push_back(JsonRecord{Here(), {}});
      return true;
    }
    return Misplaced("an object");
  }
  bool key(json::string_t& name) {
    // The value starts after the key's closing quote (the last character read), the colon and
    // any white space.
    const std::size_t closing = static_cast<std::size_t>(*last_read_ - text_.data());
    // The key's opening quote: the nearest quote before the closing one not escaped by an odd
    // number of backslashes.
    std::size_t opening = closing;
    while (opening > 0) {
      --opening;
      if (text_[opening] != '"') continue;
      std::size_t backslashes = 0;
      while (backslashes < opening && text_[opening - 1 - backslashes] == '\\') ++backslashes;
      if (backslashes % 2 == 0) break;
    }
    std::size_t at = closing + 1;
    const auto skip_space = [&] {
      while (at < text_.size() &&
             (text_[at] == ' ' || text_[at] == '\t' || text_[at] == '\n' || text_[at] == '\r')) {
        ++at;
      }
    };
    skip_space();
    if (at < text_.size() && text_[at] == ':') ++at;
    skip_space();
    JsonField field;
    field.key = std::move(name);
    field.key_where = positions_.At(opening);
    field.where = positions_.At(at);
    records_.back().fields.push_back(std::move(field));
    return true;
  }
  bool end_object() {
    --depth_;
    return true;
  }
  bool start_array(std::size_t /*elements*/) {
    if (depth_ == 0) {
      ++depth_;
      return true;
    }
    return Misplaced("an array");
  }
  bool end_array() {
    --depth_;
    return true;
  }
  bool parse_error(std::size_t position, const std::string& /*last_token*/,
                   const nlohmann::detail::exception& error) {
    // "[json.exception.parse_error.101] parse error at line 1, column 9: syntax error while
    // parsing value - ...": keep what follows the position.
    std::string_view what = error.what();
    const std::size_t column = what.find("column ");
    const std::size_t colon =
        column == std::string_view::npos ? what.find("] ") : what.find(": ", column);
    if (colon != std::string_view::npos) what.remove_prefix(colon + 2);
    diagnostics_.Error(positions_.At(position > 0 ? position - 1 : 0),
                       fmt::format("not valid JSON ({}), expected a JSON array of records", what));
    return false;
  }

 private:
  Location Here() { return positions_.At(static_cast<std::size_t>(*last_read_ - text_.data())); }

  bool Misplaced(std::string_view what) {
    diagnostics_.Error(
        Here(),
        depth_ == 0   ? fmt::format("{} at the top level, expected a JSON array of records", what)
        : depth_ == 1 ? fmt::format("{} in the array, expected a record (an object)", what)
                      : fmt::format("{} as the value of \"{}\", expected a string or a number",
                                    what, records_.back().fields.back().key));
    return false;
  }
  bool Scalar(JsonField::Kind kind, std::string_view what) {
    if (depth_ != 2) return Misplaced(what);
    records_.back().fields.back().kind = kind;
    return true;
  }
  bool Integer(int64_t value) {
    if (!Scalar(JsonField::Kind::kInteger, "a number")) return false;
    records_.back().fields.back().integer = value;
    records_.back().fields.back().number = static_cast<double>(value);
    return true;
  }
  bool Number(double value) {
    if (!Scalar(JsonField::Kind::kNumber, "a number")) return false;
    records_.back().fields.back().number = value;
    return true;
  }

  std::string_view text_;
  Positions positions_;
  Diagnostics& diagnostics_;
  const char** last_read_;
  int depth_ = 0;  // 0 outside the array, 1 in it, 2 in a record
  std::vector<JsonRecord> records_;
};

}  // namespace

std::vector<JsonRecord> ReadJsonRecords(std::string_view text, const std::string& path,
                                        Diagnostics& diagnostics) {
  const char* last_read = text.data();
  RecordsHandler handler(text, path, diagnostics, &last_read);
  nlohmann::json::sax_parse(TrackingIterator(text.data(), &last_read),
                            TrackingIterator(text.data() + text.size(), &last_read), &handler);
  return handler.Take();
}

}  // namespace careforce::io
