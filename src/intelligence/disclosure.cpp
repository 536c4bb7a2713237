#include "intelligence/disclosure.hpp"

#include <algorithm>
#include <cmath>

namespace careforce::intelligence {

bool SmallCount(int64_t count, int threshold) {
  return threshold > 0 && count >= 1 && count < threshold;
}

bool SmallCount(double count, int threshold) {
  return SmallCount(static_cast<int64_t>(std::llround(count)), threshold);
}

std::size_t DisclosureCells::Add(double cell_count, bool cell_hidden, bool cell_fixed) {
  count.push_back(cell_count);
  hidden.push_back(cell_hidden);
  fixed.push_back(cell_fixed);
  return count.size() - 1;
}

namespace {

// Hides what the implications hide with the hidden cells; returns the number it hid.
std::size_t Imply(DisclosureCells& cells) {
  std::size_t added = 0;
  bool changed = true;
  while (changed) {
    changed = false;
    for (const auto& [from, to] : cells.implications) {
      if (cells.hidden[from] && !cells.hidden[to]) {
        cells.hidden[to] = true;
        ++added;
        changed = true;
      }
    }
  }
  return added;
}

}  // namespace

std::size_t SuppressSecondary(DisclosureCells& cells) {
  cells.fixed.resize(cells.count.size(), false);
  std::size_t added = Imply(cells);
  // The smallest relations first: a cell hidden to protect a group (a staff group's roles) often
  // protects the table's total too, where one hidden for the total might not protect the group.
  std::vector<const std::vector<std::size_t>*> order;
  for (const std::vector<std::size_t>& relation : cells.relations) order.push_back(&relation);
  std::stable_sort(order.begin(), order.end(), [](const auto* a, const auto* b) { return a->size() < b->size(); });
  // Each pass hides at least one cell or ends, so this ends after at most as many passes as cells.
  bool changed = true;
  while (changed) {
    changed = false;
    for (const std::vector<std::size_t>* members : order) {
      const std::vector<std::size_t>& relation = *members;
      // A hidden zero protects nothing either: with one non-zero cell hidden beside it, the
      // hidden cells add up to that one's count.
      std::size_t hidden = 0;
      for (const std::size_t cell : relation) {
        hidden += cells.hidden[cell] && std::llround(cells.count[cell]) != 0 ? 1 : 0;
      }
      if (hidden != 1) continue;
      // A zero shown beside the hidden cell protects nothing: the reader knows it is zero.
      std::size_t smallest = relation.size();
      for (std::size_t idx = 0; idx < relation.size(); ++idx) {
        const std::size_t cell = relation[idx];
        if (cells.hidden[cell] || cells.fixed[cell] || std::llround(cells.count[cell]) == 0) continue;
        if (smallest == relation.size() || cells.count[cell] < cells.count[relation[smallest]])
          smallest = idx;
      }
      if (smallest == relation.size()) continue;
      cells.hidden[relation[smallest]] = true;
      ++added;
      added += Imply(cells);
      changed = true;
    }
  }
  return added;
}

}  // namespace careforce::intelligence
