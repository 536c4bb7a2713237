#pragma once

#include <deque>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "model/place.hpp"

namespace careforce::io {

// Codes of one kind (organisations, roles, ...) and their positions, with suggestions for
// near misses.
class CodeIndex {
 public:
  // Adds a code; returns its index and whether it was new.
  std::pair<Index, bool> Insert(std::string_view code);
  std::optional<Index> Find(std::string_view code) const;
  std::size_t size() const { return codes_.size(); }
  std::span<const std::string_view> codes() const { return codes_; }
  // " (did you mean ...)" for an unknown code, or "" (none for very large indexes).
  std::string Suggest(std::string_view code) const;

 private:
  std::deque<std::string> storage_;
  std::vector<std::string_view> codes_;
  std::unordered_map<std::string_view, Index> positions_;
};

}  // namespace careforce::io
