#include "intelligence/disclosure.hpp"

#include <cmath>

namespace careforce::intelligence {

bool SmallCount(int64_t count, int threshold) {
  return threshold > 0 && count >= 1 && count < threshold;
}

bool SmallCount(double count, int threshold) {
  return SmallCount(static_cast<int64_t>(std::llround(count)), threshold);
}

std::size_t DisclosureCells::Add(double cell_count, bool cell_hidden) {
  count.push_back(cell_count);
  hidden.push_back(cell_hidden);
  return count.size() - 1;
}

std::size_t SuppressSecondary(DisclosureCells& cells) {
  std::size_t added = 0;
  // Each pass hides at least one cell or ends, so this ends after at most as many passes as cells.
  bool changed = true;
  while (changed) {
    changed = false;
    for (const std::vector<std::size_t>& relation : cells.relations) {
      std::size_t hidden = 0;
      for (const std::size_t cell : relation) hidden += cells.hidden[cell] ? 1 : 0;
      if (hidden != 1) continue;
      // A zero shown beside the hidden cell protects nothing: the reader knows it is zero.
      std::size_t smallest = relation.size();
      for (std::size_t idx = 0; idx < relation.size(); ++idx) {
        const std::size_t cell = relation[idx];
        if (cells.hidden[cell] || std::llround(cells.count[cell]) == 0) continue;
        if (smallest == relation.size() || cells.count[cell] < cells.count[relation[smallest]])
          smallest = idx;
      }
      if (smallest == relation.size()) continue;
      cells.hidden[relation[smallest]] = true;
      ++added;
      changed = true;
    }
  }
  return added;
}

}  // namespace careforce::intelligence
