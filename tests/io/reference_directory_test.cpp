// Where careforce finds its reference data: --reference, $CAREFORCE_REFERENCE, the installed
// copy beside the executable, then the source tree's.

#include <filesystem>

#include <gtest/gtest.h>

#include "io/reference_table.hpp"
#include "test_support.hpp"

namespace careforce::io {
namespace {

namespace fs = std::filesystem;

TEST(ReferenceDirectory, TriesTheOptionTheEnvironmentTheInstalledCopyThenTheSourceTree) {
  careforce::testing::TempDir prefix;
  fs::create_directories(prefix.path() / "bin");
  careforce::testing::WriteFile(prefix.path() / "bin" / "careforce", "");
  const std::string executable = (prefix.path() / "bin" / "careforce").string();
  const std::string installed = (prefix.path() / "share" / "careforce" / "reference").string();

  ReferenceCandidates candidates{"", "", executable, "/src/careforce/reference"};
  // Not installed: the source tree's.
  EXPECT_EQ(FindReferenceDirectory(candidates), "/src/careforce/reference");
  // Installed: the copy beside the executable.
  fs::create_directories(installed);
  EXPECT_EQ(FindReferenceDirectory(candidates), installed);
  // The environment before it, the option before both.
  candidates.environment = "/env/reference";
  EXPECT_EQ(FindReferenceDirectory(candidates), "/env/reference");
  candidates.given = "/given/reference";
  EXPECT_EQ(FindReferenceDirectory(candidates), "/given/reference");
  // No executable known (no /proc): the source tree's.
  EXPECT_EQ(FindReferenceDirectory(ReferenceCandidates{"", "", "", "/src/careforce/reference"}),
            "/src/careforce/reference");
}

TEST(ReferenceDirectory, AFileWhereTheInstalledDirectoryShouldBeIsNotUsed) {
  careforce::testing::TempDir prefix;
  fs::create_directories(prefix.path() / "share" / "careforce");
  careforce::testing::WriteFile(prefix.path() / "share" / "careforce" / "reference", "not a directory");
  const ReferenceCandidates candidates{"", "", (prefix.path() / "bin" / "careforce").string(), "/src/reference"};
  EXPECT_EQ(FindReferenceDirectory(candidates), "/src/reference");
}

}  // namespace
}  // namespace careforce::io
