#pragma once

#include <array>
#include <cstdint>
#include <utility>
#include <vector>

namespace careforce::io {

// Sorts (key, value) pairs by key, stably, in linear time: least-significant-digit radix sort
// with 16-bit digits, skipping digits on which every key agrees. Used on millions of rows where
// a comparison sort would dominate the cost of reading a file.
template <typename Value>
void RadixSortByKey(std::vector<std::pair<uint64_t, Value>>& items) {
  constexpr int kDigitBits = 16;
  constexpr std::size_t kBuckets = std::size_t{1} << kDigitBits;
  std::vector<std::pair<uint64_t, Value>> buffer(items.size());
  std::vector<std::size_t> counts(kBuckets);
  for (int shift = 0; shift < 64; shift += kDigitBits) {
    std::fill(counts.begin(), counts.end(), 0);
    for (const auto& item : items) ++counts[(item.first >> shift) & (kBuckets - 1)];
    bool constant = false;
    for (const std::size_t count : counts) constant = constant || count == items.size();
    if (constant) continue;
    std::size_t total = 0;
    for (std::size_t& count : counts) {
      const std::size_t here = count;
      count = total;
      total += here;
    }
    for (const auto& item : items) buffer[counts[(item.first >> shift) & (kBuckets - 1)]++] = item;
    items.swap(buffer);
  }
}

}  // namespace careforce::io
