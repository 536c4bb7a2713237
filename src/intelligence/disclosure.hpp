#pragma once

#include <cstddef>
#include <cstdint>
#include <utility>
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
// between them: each relation is a set of cells that a reader knows a linear identity between
// (their sum is a shown total, or a cell of the relation is itself their total, or, as for
// leavers = posts at the start + joiners − posts at the end, a signed sum of them is known).
// A cell may be fixed: shown or hidden as given by another table, never chosen to be hidden here.
// An implication (a, b) says that b is hidden whenever a is (a rate that gives b back from a).
struct DisclosureCells {
  std::vector<double> count;
  std::vector<bool> hidden;
  std::vector<bool> fixed;
  std::vector<std::vector<std::size_t>> relations;
  std::vector<std::pair<std::size_t, std::size_t>> implications;

  // Adds a cell and returns its index.
  std::size_t Add(double cell_count, bool cell_hidden, bool cell_fixed = false);
};

// Secondary suppression: while a relation has exactly one hidden cell of a non-zero count (which
// a reader could recompute from the others, or bound by the relation's total when the other
// hidden cells are zeros), hides the smallest non-zero shown cell of that relation that is not
// fixed too, and whatever the implications hide with it. Ends when no relation has exactly one
// such cell, or one and nothing else to hide. Returns the number of cells it hid.
std::size_t SuppressSecondary(DisclosureCells& cells);

}  // namespace careforce::intelligence
