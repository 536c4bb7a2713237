#pragma once

#include <cstddef>
#include <functional>

namespace careforce::plan {

// Runs work(0) .. work(count - 1) on `threads` threads (0: every core), reporting progress (done,
// count) as each ends when `progress` is set; the first exception of any item is rethrown once
// every thread has stopped. Items are independent: what they compute never depends on the thread
// count.
void RunInParallel(std::size_t count, int threads, const std::function<void(int, int)>& progress,
                   const std::function<void(std::size_t)>& work);

// The number of threads RunInParallel uses for `count` items (0: every core).
int ThreadsFor(std::size_t count, int threads);

}  // namespace careforce::plan
