#include "plan/parallel.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace careforce::plan {

int ThreadsFor(std::size_t count, int threads) {
  const int hardware = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  const auto items = static_cast<int>(std::min<std::size_t>(count, 1u << 20));
  return std::max(1, std::min(threads > 0 ? threads : hardware, items));
}

void RunInParallel(std::size_t count, int threads, const std::function<void(int, int)>& progress,
                   const std::function<void(std::size_t)>& work) {
  std::atomic<std::size_t> next{0};
  std::atomic<int> finished{0};
  std::mutex progress_mutex;
  // The first error of any item, rethrown once every worker has stopped (an exception leaving a
  // thread would end the process).
  std::exception_ptr failure;
  std::mutex failure_mutex;
  const auto worker = [&] {
    for (std::size_t index = next++; index < count; index = next++) {
      try {
        work(index);
      } catch (...) {
        const std::lock_guard lock(failure_mutex);
        if (!failure) failure = std::current_exception();
        next = count;  // no more items
        return;
      }
      const int done = ++finished;
      if (progress) {
        const std::lock_guard lock(progress_mutex);
        progress(done, static_cast<int>(count));
      }
    }
  };
  std::vector<std::jthread> workers;
  const int wanted = ThreadsFor(count, threads);
  for (int thread = 1; thread < wanted; ++thread) workers.emplace_back(worker);
  worker();
  workers.clear();  // joined
  if (failure) std::rethrow_exception(failure);
}

}  // namespace careforce::plan
