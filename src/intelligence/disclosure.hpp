#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace careforce::intelligence {

// The small-number rule of every output shared beyond one organisation (docs/methods.md,
// "Small-number suppression"): a count from 1 to threshold-1 is hidden; 0 is shown; threshold 0
// hides nothing.
bool SmallCount(int64_t count, int threshold);
// The rule for a figure that is a count but held as a real number (a mean of posts, a base-year
// headcount of a projection): rounded to the nearest whole number first.
bool SmallCount(double count, int threshold);

// Cells of one or more tables, each with its count and whether it is hidden, and the relations
// between them: each relation is a set of cells whose sum is known to a reader (a shown total, or
// a cell that is itself in the relation, such as a row of totals).
struct DisclosureCells {
  std::vector<double> count;
  std::vector<bool> hidden;
  std::vector<std::vector<std::size_t>> relations;

  // Adds a cell and returns its index.
  std::size_t Add(double cell_count, bool cell_hidden);
};

// Secondary suppression: while a relation has exactly one hidden cell (which a reader could
// recompute from the others), hides the smallest non-zero shown cell of that relation too. Ends
// when no relation has exactly one hidden cell, or one hidden cell and nothing else to hide.
// Returns the number of cells it hid.
std::size_t SuppressSecondary(DisclosureCells& cells);

}  // namespace careforce::intelligence
