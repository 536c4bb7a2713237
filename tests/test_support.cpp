#include "test_support.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace careforce::testing {

namespace fs = std::filesystem;

fs::path DataDir() { return fs::path(CAREFORCE_TEST_DATA); }

TempDir::TempDir() {
  static std::atomic<int> counter{0};
  path_ = fs::temp_directory_path() /
          ("careforce-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  fs::remove_all(path_);
  fs::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ignored;
  fs::remove_all(path_, ignored);
}

void CopyFiles(const fs::path& from, const fs::path& to) {
  fs::create_directories(to);
  for (const auto& entry : fs::directory_iterator(from)) {
    if (entry.is_regular_file()) {
      fs::copy_file(entry.path(), to / entry.path().filename(), fs::copy_options::overwrite_existing);
    }
  }
}

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

void WriteFile(const fs::path& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << content;
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

CommandResult RunCommand(const std::string& command) {
  TempDir capture;
  const std::string out_path = (capture.path() / "out").string();
  const std::string err_path = (capture.path() / "err").string();
  const int raw = std::system((command + " >" + out_path + " 2>" + err_path).c_str());
  CommandResult result;
  result.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  result.out = ReadFile(out_path);
  result.err = ReadFile(err_path);
  return result;
}

Date FixedToday() { return *MakeDate(2026, 11, 24); }

std::pair<double, int> ChiSquare(const std::vector<int64_t>& counts, const std::vector<double>& probabilities, int draws) {
  double statistic = 0.0;
  int cells = 0;
  double observed = 0.0;
  double expected = 0.0;
  for (std::size_t k = 0; k < probabilities.size(); ++k) {
    observed += static_cast<double>(counts[k]);
    expected += probabilities[k] * draws;
    if (expected >= 5.0) {
      statistic += (observed - expected) * (observed - expected) / expected;
      ++cells;
      observed = 0.0;
      expected = 0.0;
    }
  }
  if (expected > 0) statistic += (observed - expected) * (observed - expected) / std::max(expected, 1e-9);
  return {statistic, cells};
}

double ChiSquareCritical(int df) {
  const double z = 3.0902;
  const double term = 1.0 - 2.0 / (9.0 * df) + z * std::sqrt(2.0 / (9.0 * df));
  return df * term * term * term;
}

}  // namespace careforce::testing
