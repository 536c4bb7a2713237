#pragma once

#include <cstdint>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

namespace careforce {

// Many short strings (staff identifiers, team names) stored end to end in one buffer: a few
// bytes each instead of a std::string apiece. Indexes are stable; views are valid until the
// next push_back.
class StringTable {
 public:
  class Iterator {
   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = std::string_view;
    using difference_type = std::ptrdiff_t;
    using pointer = void;
    using reference = std::string_view;

    Iterator() = default;
    Iterator(const StringTable* table, std::size_t position) : table_(table), position_(position) {}
    std::string_view operator*() const { return (*table_)[position_]; }
    Iterator& operator++() {
      ++position_;
      return *this;
    }
    Iterator operator++(int) {
      Iterator before = *this;
      ++position_;
      return before;
    }
    friend bool operator==(const Iterator& a, const Iterator& b) { return a.position_ == b.position_; }

   private:
    const StringTable* table_ = nullptr;
    std::size_t position_ = 0;
  };

  StringTable() = default;
  StringTable(std::initializer_list<std::string_view> strings) {
    for (const std::string_view text : strings) push_back(text);
  }

  // Appends a string; returns its index.
  uint32_t push_back(std::string_view text) {
    chars_.append(text);
    ends_.push_back(chars_.size());
    return static_cast<uint32_t>(ends_.size() - 1);
  }
  std::string_view operator[](std::size_t index) const {
    const std::size_t begin = index == 0 ? 0 : ends_[index - 1];
    return std::string_view(chars_).substr(begin, ends_[index] - begin);
  }
  std::size_t size() const { return ends_.size(); }
  bool empty() const { return ends_.empty(); }
  void reserve(std::size_t count, std::size_t characters) {
    ends_.reserve(count);
    chars_.reserve(characters);
  }
  Iterator begin() const { return Iterator(this, 0); }
  Iterator end() const { return Iterator(this, ends_.size()); }
  friend bool operator==(const StringTable& a, const StringTable& b) {
    return a.chars_ == b.chars_ && a.ends_ == b.ends_;
  }

 private:
  std::string chars_;
  std::vector<uint64_t> ends_;  // offset just past each string
};

}  // namespace careforce
