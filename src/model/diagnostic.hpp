#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace careforce {

// Where in an input a problem is: file, 1-based line and 1-based column (in characters), 64-bit
// (an input may hold more than 2^31 lines or characters on a line).
struct Location {
  std::string file;
  std::int64_t line = 1;
  std::int64_t column = 1;
};

enum class Severity { kError, kWarning };

// One problem found in an input.
struct Diagnostic {
  Location where;
  Severity severity = Severity::kError;
  std::string message;  // "what, expected what"

  // "file:line:column: error: message".
  std::string Format() const;
};

// Collects every problem of an input before the caller decides to fail.
class Diagnostics {
 public:
  void Error(Location where, std::string message);
  void Warning(Location where, std::string message);
  void Append(const Diagnostics& other);
  // Orders the diagnostics from position `first` on by line and column (stable).
  void SortByLocationFrom(std::size_t first);
  std::size_t size() const { return all_.size(); }

  bool HasErrors() const { return error_count_ > 0; }
  std::size_t error_count() const { return error_count_; }
  const std::vector<Diagnostic>& all() const { return all_; }

 private:
  std::vector<Diagnostic> all_;
  std::size_t error_count_ = 0;
};

}  // namespace careforce
