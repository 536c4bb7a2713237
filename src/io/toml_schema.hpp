#pragma once

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

#include "model/date.hpp"
#include "model/diagnostic.hpp"

namespace careforce::io {

// A parsed TOML file. Syntax errors are reported with their location.
class TomlDocument {
 public:
  // Reads and parses a file; nullopt (with the problem reported) when it cannot.
  static std::optional<TomlDocument> Load(const std::string& path, Diagnostics& diagnostics);
  // Parses text already in memory.
  static std::optional<TomlDocument> Parse(std::string_view text, const std::string& path,
                                           Diagnostics& diagnostics);

  const toml::table& root() const { return *root_; }
  const std::string& path() const { return *path_; }
  const std::string& text() const { return *text_; }

 private:
  std::shared_ptr<toml::table> root_;
  std::shared_ptr<std::string> path_;
  std::shared_ptr<std::string> text_;
};

// A TOML table read against a documented schema: unknown keys are errors, each typed getter
// reports a clear error (at the value's location) and returns nullopt when the value is missing
// or wrong.
class TomlTable {
 public:
  TomlTable(const toml::table& table, const std::string& path, std::string context,
            Diagnostics& diagnostics);

  // Reports every key not in `allowed`, with a suggestion when one is close.
  void AllowOnly(std::initializer_list<std::string_view> allowed) const;

  bool Has(std::string_view key) const { return table_->contains(key); }
  Location where() const;
  Location At(std::string_view key) const;
  const std::string& path() const { return *path_; }
  const std::string& context() const { return context_; }
  Diagnostics& diagnostics() const { return *diagnostics_; }
  const toml::table& table() const { return *table_; }

  std::optional<std::string> String(std::string_view key, bool required) const;
  // A string that must be one of `allowed`.
  std::optional<std::string> Choice(std::string_view key, bool required,
                                    std::initializer_list<std::string_view> allowed) const;
  std::optional<int64_t> Integer(std::string_view key, bool required, int64_t min,
                                 int64_t max) const;
  // An integer or floating-point value within a range.
  std::optional<double> Number(std::string_view key, bool required, double min, bool min_open,
                               double max, bool max_open) const;
  std::optional<bool> Boolean(std::string_view key, bool required) const;
  std::optional<Date> LocalDate(std::string_view key, bool required) const;
  std::optional<TomlTable> Table(std::string_view key, bool required) const;
  // An array of tables ([[key]]); empty when absent (reported when required).
  std::vector<TomlTable> Tables(std::string_view key, bool required) const;
  // An array of strings.
  std::optional<std::vector<std::string>> Strings(std::string_view key, bool required) const;
  // An array of numbers, each within a range.
  std::optional<std::vector<double>> Numbers(std::string_view key, bool required, double min, double max) const;

 private:
  const toml::node* Find(std::string_view key, bool required, std::string_view expected) const;
  void WrongType(std::string_view key, std::string_view expected) const;

  const toml::table* table_;
  const std::string* path_;
  std::string context_;
  Diagnostics* diagnostics_;
};

// Location of a TOML node in its file.
Location TomlLocation(const std::string& path, const toml::node& node);

}  // namespace careforce::io
