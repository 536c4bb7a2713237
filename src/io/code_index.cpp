#include "io/code_index.hpp"

#include "io/text.hpp"

namespace careforce::io {

namespace {
// Above this many codes a suggestion costs more than it helps (staff identifiers).
constexpr std::size_t kMaxCodesForSuggestions = 5000;
}  // namespace

std::pair<Index, bool> CodeIndex::Insert(std::string_view code) {
  if (const auto found = positions_.find(code); found != positions_.end()) return {found->second, false};
  const Index index = static_cast<Index>(codes_.size());
  const std::string_view stored = storage_.emplace_back(code);
  codes_.push_back(stored);
  positions_.emplace(stored, index);
  return {index, true};
}

std::optional<Index> CodeIndex::Find(std::string_view code) const {
  const auto found = positions_.find(code);
  if (found == positions_.end()) return std::nullopt;
  return found->second;
}

std::string CodeIndex::Suggest(std::string_view code) const {
  if (codes_.size() > kMaxCodesForSuggestions) return {};
  return DidYouMean(code, codes_);
}

}  // namespace careforce::io
