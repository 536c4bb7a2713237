#include "model/diagnostic.hpp"

#include <algorithm>
#include <tuple>

#include <fmt/format.h>

namespace careforce {

std::string Diagnostic::Format() const {
  return fmt::format("{}:{}:{}: {}: {}", where.file, where.line, where.column,
                     severity == Severity::kError ? "error" : "warning", message);
}

void Diagnostics::Error(Location where, std::string message) {
  all_.push_back(Diagnostic{std::move(where), Severity::kError, std::move(message)});
  ++error_count_;
}

void Diagnostics::Warning(Location where, std::string message) {
  all_.push_back(Diagnostic{std::move(where), Severity::kWarning, std::move(message)});
}

void Diagnostics::Append(const Diagnostics& other) {
  all_.insert(all_.end(), other.all_.begin(), other.all_.end());
  error_count_ += other.error_count_;
}

void Diagnostics::SortByLocationFrom(std::size_t first) {
  if (first >= all_.size()) return;
  std::stable_sort(all_.begin() + static_cast<std::ptrdiff_t>(first), all_.end(),
                   [](const Diagnostic& a, const Diagnostic& b) {
                     return std::tie(a.where.line, a.where.column) < std::tie(b.where.line, b.where.column);
                   });
}

}  // namespace careforce
