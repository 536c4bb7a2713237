#include "io/reference_table.hpp"

#include <cstdlib>
#include <system_error>

#ifndef CAREFORCE_REFERENCE_DIR
#define CAREFORCE_REFERENCE_DIR "reference"
#endif

namespace careforce::io {

std::string FindReferenceDirectory(const ReferenceCandidates& candidates) {
  if (!candidates.given.empty()) return candidates.given;
  if (!candidates.environment.empty()) return candidates.environment;
  if (!candidates.executable.empty()) {
    // The layout `cmake --install` writes: bin/careforce and share/careforce/reference.
    const std::filesystem::path installed =
        std::filesystem::path(candidates.executable).parent_path() / ".." / "share" / "careforce" / "reference";
    std::error_code error;
    if (std::filesystem::is_directory(installed, error)) return installed.lexically_normal().string();
  }
  return candidates.source_tree;
}

std::string ReferenceDirectory(const std::string& given) {
  ReferenceCandidates candidates;
  candidates.given = given;
  if (const char* from_environment = std::getenv("CAREFORCE_REFERENCE"); from_environment) {
    candidates.environment = from_environment;
  }
  std::error_code error;
  const std::filesystem::path executable = std::filesystem::read_symlink("/proc/self/exe", error);
  if (!error) candidates.executable = executable.string();
  candidates.source_tree = CAREFORCE_REFERENCE_DIR;
  return FindReferenceDirectory(candidates);
}

}  // namespace careforce::io
