#include "io/code_index.hpp"

#include <sys/mman.h>

#include <bit>
#include <cstdlib>
#include <cstring>
#include <new>

#include "io/text.hpp"

namespace careforce::io {

namespace {
// Above this many codes a suggestion costs more than it helps (staff identifiers).
constexpr std::size_t kMaxCodesForSuggestions = 5000;
constexpr std::size_t kMinimumSlots = 16;
constexpr std::size_t kHugePage = std::size_t{2} << 20;

uint64_t* AllocateSlots(std::size_t count) {
  const std::size_t bytes = count * sizeof(uint64_t);
  void* memory = nullptr;
  if (bytes >= kHugePage) {
    memory = std::aligned_alloc(kHugePage, (bytes + kHugePage - 1) / kHugePage * kHugePage);
    if (memory) ::madvise(memory, bytes, MADV_HUGEPAGE);
  } else {
    memory = std::malloc(bytes);
  }
  if (!memory) throw std::bad_alloc();
  std::memset(memory, 0, bytes);
  return static_cast<uint64_t*>(memory);
}
}  // namespace

void CodeIndex::FreeSlots::operator()(uint64_t* slots) const { std::free(slots); }

uint64_t CodeIndex::Hash(std::string_view code) {
  // Eight bytes at a time, then a SplitMix64 finaliser so that every bit is well mixed.
  uint64_t hash = 0xcbf29ce484222325ULL ^ code.size();
  std::size_t pos = 0;
  for (; pos + 8 <= code.size(); pos += 8) {
    uint64_t word;
    std::memcpy(&word, code.data() + pos, 8);
    hash = (hash ^ word) * 0x9e3779b97f4a7c15ULL;
    hash ^= hash >> 29;
  }
  if (pos < code.size()) {
    uint64_t word = 0;
    std::memcpy(&word, code.data() + pos, code.size() - pos);
    hash = (hash ^ word) * 0x9e3779b97f4a7c15ULL;
  }
  hash ^= hash >> 30;
  hash *= 0xbf58476d1ce4e5b9ULL;
  hash ^= hash >> 27;
  hash *= 0x94d049bb133111ebULL;
  hash ^= hash >> 31;
  return hash;
}

void CodeIndex::Rehash(std::size_t slot_count) {
  std::unique_ptr<uint64_t[], FreeSlots> slots(AllocateSlots(slot_count));
  const std::size_t mask = slot_count - 1;
  for (std::size_t old = 0; old < slot_count_; ++old) {
    const uint64_t entry = slots_[old];
    if (entry == 0) continue;
    const Index index = static_cast<Index>(entry & 0xffffffffu) - 1;
    std::size_t slot = Hash(strings_[index]) & mask;
    while (slots[slot] != 0) slot = (slot + 1) & mask;
    slots[slot] = entry;
  }
  slots_ = std::move(slots);
  slot_count_ = slot_count;
}

void CodeIndex::Reserve(std::size_t count) {
  const std::size_t wanted = std::bit_ceil(std::max(kMinimumSlots, count * 2));
  if (wanted > slot_count_) Rehash(wanted);
}

std::pair<Index, bool> CodeIndex::Insert(std::string_view code) {
  // Keep the load factor at most one half.
  if ((strings_.size() + 1) * 2 > slot_count_) Rehash(std::max(kMinimumSlots, slot_count_ * 2));
  const uint64_t hash = Hash(code);
  const uint64_t tag = hash & 0xffffffff00000000ULL;
  const std::size_t mask = slot_count_ - 1;
  std::size_t slot = hash & mask;
  while (slots_[slot] != 0) {
    const uint64_t entry = slots_[slot];
    if ((entry & 0xffffffff00000000ULL) == tag) {
      const Index index = static_cast<Index>(entry & 0xffffffffu) - 1;
      if (strings_[index] == code) return {index, false};
    }
    slot = (slot + 1) & mask;
  }
  const Index index = strings_.push_back(code);
  slots_[slot] = tag | (static_cast<uint64_t>(index) + 1);
  return {index, true};
}

std::vector<std::pair<Index, bool>> CodeIndex::InsertAll(std::span<const std::string_view> codes) {
  Reserve(strings_.size() + codes.size());
  std::vector<uint64_t> hashes(codes.size());
  for (std::size_t idx = 0; idx < codes.size(); ++idx) hashes[idx] = Hash(codes[idx]);
  constexpr std::size_t kAhead = 16;
  const std::size_t mask = slot_count_ - 1;
  std::vector<std::pair<Index, bool>> results(codes.size());
  for (std::size_t idx = 0; idx < codes.size(); ++idx) {
    if (idx + kAhead < codes.size()) __builtin_prefetch(&slots_[hashes[idx + kAhead] & mask], 1);
    const uint64_t tag = hashes[idx] & 0xffffffff00000000ULL;
    std::size_t slot = hashes[idx] & mask;
    bool found = false;
    while (slots_[slot] != 0) {
      const uint64_t entry = slots_[slot];
      if ((entry & 0xffffffff00000000ULL) == tag) {
        const Index index = static_cast<Index>(entry & 0xffffffffu) - 1;
        if (strings_[index] == codes[idx]) {
          results[idx] = {index, false};
          found = true;
          break;
        }
      }
      slot = (slot + 1) & mask;
    }
    if (found) continue;
    const Index index = strings_.push_back(codes[idx]);
    slots_[slot] = tag | (static_cast<uint64_t>(index) + 1);
    results[idx] = {index, true};
  }
  return results;
}

std::optional<Index> CodeIndex::Find(std::string_view code) const {
  if (last_found_ != kNoIndex) {
    if (strings_[last_found_] == code) return last_found_;
    // Files often list people in the same order as the file that introduced them.
    if (last_found_ + 1 < strings_.size() && strings_[last_found_ + 1] == code) return ++last_found_;
  }
  if (slot_count_ == 0) return std::nullopt;
  const uint64_t hash = Hash(code);
  const uint64_t tag = hash & 0xffffffff00000000ULL;
  const std::size_t mask = slot_count_ - 1;
  for (std::size_t slot = hash & mask; slots_[slot] != 0; slot = (slot + 1) & mask) {
    const uint64_t entry = slots_[slot];
    if ((entry & 0xffffffff00000000ULL) == tag) {
      const Index index = static_cast<Index>(entry & 0xffffffffu) - 1;
      if (strings_[index] == code) {
        last_found_ = index;
        return index;
      }
    }
  }
  return std::nullopt;
}

std::string CodeIndex::Suggest(std::string_view code) const {
  if (strings_.size() > kMaxCodesForSuggestions) return {};
  return DidYouMean(code, Codes());
}

StringTable CodeIndex::TakeStrings() {
  StringTable taken = std::move(strings_);
  strings_ = StringTable();
  slots_.reset();
  slot_count_ = 0;
  last_found_ = kNoIndex;
  return taken;
}

}  // namespace careforce::io
