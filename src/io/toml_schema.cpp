#include "io/toml_schema.hpp"

#include <cmath>

#include <fmt/format.h>

#include "io/table.hpp"
#include "io/text.hpp"

namespace careforce::io {

namespace {

std::string JoinNames(std::initializer_list<std::string_view> names) {
  std::string out;
  std::size_t idx = 0;
  for (const std::string_view name : names) {
    if (idx > 0) out += idx + 1 == names.size() ? " or " : ", ";
    out += name;
    ++idx;
  }
  return out;
}

std::string RangeText(double min, bool min_open, double max, bool max_open) {
  std::string text = fmt::format("{} {}", min_open ? "greater than" : "at least", FormatNumber(min));
  if (!std::isinf(max)) {
    text += fmt::format(" and {} {}", max_open ? "less than" : "at most", FormatNumber(max));
  }
  return text;
}

}  // namespace

Location TomlLocation(const std::string& path, const toml::node& node) {
  const auto& begin = node.source().begin;
  return Location{path, begin.line == 0 ? 1 : static_cast<int64_t>(begin.line),
                  begin.column == 0 ? 1 : static_cast<int64_t>(begin.column)};
}

std::optional<TomlDocument> TomlDocument::Load(const std::string& path, Diagnostics& diagnostics) {
  Diagnostics problems;
  auto file = TextFile::Load(path, Encoding::kUtf8, false, problems);
  if (!file || problems.HasErrors()) {
    diagnostics.Append(problems);
    return std::nullopt;
  }
  return Parse(file->text(), path, diagnostics);
}

std::optional<TomlDocument> TomlDocument::Parse(std::string_view text, const std::string& path,
                                                Diagnostics& diagnostics) {
  TomlDocument document;
  document.path_ = std::make_shared<std::string>(path);
  document.text_ = std::make_shared<std::string>(text);
  try {
    document.root_ = std::make_shared<toml::table>(toml::parse(*document.text_, *document.path_));
  } catch (const toml::parse_error& error) {
    const auto& begin = error.source().begin;
    diagnostics.Error(Location{path, static_cast<int64_t>(begin.line), static_cast<int64_t>(begin.column)},
                      fmt::format("{}, expected valid TOML", error.description()));
    return std::nullopt;
  }
  return document;
}

TomlTable::TomlTable(const toml::table& table, const std::string& path, std::string context,
                     Diagnostics& diagnostics)
    : table_(&table), path_(&path), context_(std::move(context)), diagnostics_(&diagnostics) {}

Location TomlTable::where() const { return TomlLocation(*path_, *table_); }

Location TomlTable::At(std::string_view key) const {
  const toml::node* node = table_->get(key);
  return node ? TomlLocation(*path_, *node) : where();
}

void TomlTable::AllowOnly(std::initializer_list<std::string_view> allowed) const {
  const std::vector<std::string_view> names(allowed);
  for (const auto& [key, node] : *table_) {
    bool known = false;
    for (const std::string_view name : allowed) known = known || key.str() == name;
    if (!known) {
      const auto& begin = key.source().begin;
      const Location at = begin.line == 0
                              ? TomlLocation(*path_, node)
                              : Location{*path_, static_cast<int64_t>(begin.line), static_cast<int64_t>(begin.column)};
      diagnostics_->Error(at, fmt::format("unknown key \"{}\" in {}, expected one of {}{}", key.str(),
                                          context_, JoinNames(allowed), DidYouMean(key.str(), names)));
    }
  }
}

const toml::node* TomlTable::Find(std::string_view key, bool required,
                                  std::string_view expected) const {
  const toml::node* node = table_->get(key);
  if (!node && required) {
    diagnostics_->Error(where(), fmt::format("missing key \"{}\" in {}, expected {}", key, context_,
                                             expected));
  }
  return node;
}

void TomlTable::WrongType(std::string_view key, std::string_view expected) const {
  diagnostics_->Error(At(key), fmt::format("{} in {} has the wrong type, expected {}", key, context_,
                                           expected));
}

std::optional<std::string> TomlTable::String(std::string_view key, bool required) const {
  const toml::node* node = Find(key, required, "a string");
  if (!node) return std::nullopt;
  if (!node->is_string()) {
    WrongType(key, "a string");
    return std::nullopt;
  }
  return std::string(*node->value<std::string_view>());
}

std::optional<std::string> TomlTable::Choice(std::string_view key, bool required,
                                             std::initializer_list<std::string_view> allowed) const {
  const std::string expected = fmt::format("one of {}", JoinNames(allowed));
  const toml::node* node = Find(key, required, expected);
  if (!node) return std::nullopt;
  if (!node->is_string()) {
    WrongType(key, expected);
    return std::nullopt;
  }
  const std::string value(*node->value<std::string_view>());
  for (const std::string_view name : allowed) {
    if (name == value) return value;
  }
  const std::vector<std::string_view> names(allowed);
  diagnostics_->Error(At(key), fmt::format("{} \"{}\" in {} is not allowed, expected {}{}", key, value,
                                           context_, expected, DidYouMean(value, names)));
  return std::nullopt;
}

std::optional<int64_t> TomlTable::Integer(std::string_view key, bool required, int64_t min,
                                          int64_t max) const {
  const std::string expected = fmt::format("a whole number from {} to {}", min, max);
  const toml::node* node = Find(key, required, expected);
  if (!node) return std::nullopt;
  if (!node->is_integer()) {
    WrongType(key, expected);
    return std::nullopt;
  }
  const int64_t value = *node->value<int64_t>();
  if (value < min || value > max) {
    diagnostics_->Error(At(key), fmt::format("{} = {} in {} is out of range, expected {}", key, value,
                                             context_, expected));
    return std::nullopt;
  }
  return value;
}

std::optional<double> TomlTable::Number(std::string_view key, bool required, double min,
                                        bool min_open, double max, bool max_open) const {
  const std::string expected = "a number " + RangeText(min, min_open, max, max_open);
  const toml::node* node = Find(key, required, expected);
  if (!node) return std::nullopt;
  if (!node->is_number()) {
    WrongType(key, expected);
    return std::nullopt;
  }
  const double value = *node->value<double>();
  if (!std::isfinite(value) || (min_open ? value <= min : value < min) ||
      (max_open ? value >= max : value > max)) {
    diagnostics_->Error(At(key), fmt::format("{} = {} in {} is out of range, expected {}", key,
                                             FormatNumber(value), context_, expected));
    return std::nullopt;
  }
  return value;
}

std::optional<bool> TomlTable::Boolean(std::string_view key, bool required) const {
  const toml::node* node = Find(key, required, "true or false");
  if (!node) return std::nullopt;
  if (!node->is_boolean()) {
    WrongType(key, "true or false");
    return std::nullopt;
  }
  return *node->value<bool>();
}

std::optional<Date> TomlTable::LocalDate(std::string_view key, bool required) const {
  const std::string_view expected = "a date such as 2025-03-31";
  const toml::node* node = Find(key, required, expected);
  if (!node) return std::nullopt;
  if (!node->is_date()) {
    WrongType(key, expected);
    return std::nullopt;
  }
  const toml::date date = *node->value<toml::date>();
  return MakeDate(date.year, date.month, date.day);
}

std::optional<TomlTable> TomlTable::Table(std::string_view key, bool required) const {
  const toml::node* node = Find(key, required, "a table");
  if (!node) return std::nullopt;
  if (!node->is_table()) {
    WrongType(key, "a table");
    return std::nullopt;
  }
  // Named as written in the file: [service.change] under [[service]].
  std::string parent = context_ == "the top level" ? "" : context_;
  while (!parent.empty() && parent.front() == '[') parent.erase(parent.begin());
  while (!parent.empty() && parent.back() == ']') parent.pop_back();
  const std::string context = parent.empty() ? fmt::format("[{}]", key) : fmt::format("[{}.{}]", parent, key);
  return TomlTable(*node->as_table(), *path_, context, *diagnostics_);
}

std::vector<TomlTable> TomlTable::Tables(std::string_view key, bool required) const {
  std::vector<TomlTable> tables;
  const toml::node* node = Find(key, required, fmt::format("one or more [[{}]] tables", key));
  if (!node) return tables;
  const toml::array* array = node->as_array();
  if (!array || !array->is_array_of_tables()) {
    WrongType(key, fmt::format("[[{}]] tables", key));
    return tables;
  }
  // Named as written in the file: [[service.tier.intervention]].
  std::string parent = context_ == "the top level" ? "" : context_;
  while (!parent.empty() && parent.front() == '[') parent.erase(parent.begin());
  while (!parent.empty() && parent.back() == ']') parent.pop_back();
  const std::string context = parent.empty() ? fmt::format("[[{}]]", key) : fmt::format("[[{}.{}]]", parent, key);
  for (const toml::node& element : *array) tables.emplace_back(*element.as_table(), *path_, context, *diagnostics_);
  return tables;
}

std::optional<std::vector<std::string>> TomlTable::Strings(std::string_view key,
                                                           bool required) const {
  const toml::node* node = Find(key, required, "an array of strings");
  if (!node) return std::nullopt;
  const toml::array* array = node->as_array();
  if (!array || !array->is_homogeneous(toml::node_type::string)) {
    if (!(array && array->empty())) {
      WrongType(key, "an array of strings");
      return std::nullopt;
    }
  }
  std::vector<std::string> values;
  for (const toml::node& element : *array) values.emplace_back(*element.value<std::string_view>());
  return values;
}

std::optional<std::vector<double>> TomlTable::Numbers(std::string_view key, bool required, double min,
                                                      double max) const {
  const std::string expected = "an array of numbers " + RangeText(min, false, max, false);
  const toml::node* node = Find(key, required, expected);
  if (!node) return std::nullopt;
  const toml::array* array = node->as_array();
  if (!array) {
    WrongType(key, expected);
    return std::nullopt;
  }
  std::vector<double> values;
  for (const toml::node& element : *array) {
    if (!element.is_number()) {
      WrongType(key, expected);
      return std::nullopt;
    }
    const double value = *element.value<double>();
    if (!std::isfinite(value) || value < min || value > max) {
      diagnostics_->Error(TomlLocation(*path_, element),
                          fmt::format("{} has {} in {}, out of range, expected {}", key, FormatNumber(value), context_,
                                      expected));
      return std::nullopt;
    }
    values.push_back(value);
  }
  return values;
}

}  // namespace careforce::io
