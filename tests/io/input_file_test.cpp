// Every input is opened by io::InputFile::Open: a regular file of at most 2 GiB, read whole; a
// directory, a named pipe, a device, a symbolic link loop or a file too large is refused with the
// reason, and nothing blocks.

#include "io/input_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <filesystem>
#include <future>

#include <gtest/gtest.h>

#include "io/text.hpp"
#include "test_support.hpp"

namespace careforce::io {
namespace {

namespace fs = std::filesystem;
using careforce::testing::TempDir;
using careforce::testing::WriteFile;

// The problem of opening `path` (which must fail).
InputProblem ProblemOf(const fs::path& path) {
  InputProblem problem;
  EXPECT_FALSE(InputFile::Open(path.string(), problem).has_value()) << path;
  return problem;
}

TEST(InputFile, ReadsARegularFileWhole) {
  TempDir temp;
  WriteFile(temp.path() / "staff.csv", "a,b\n1,2\n");
  InputProblem problem;
  const auto file = InputFile::Open((temp.path() / "staff.csv").string(), problem);
  ASSERT_TRUE(file.has_value()) << problem.message;
  EXPECT_EQ(file->bytes(), "a,b\n1,2\n");
  EXPECT_EQ(file->size(), 8);
}

TEST(InputFile, ReadsAnEmptyFileAsNoBytes) {
  TempDir temp;
  WriteFile(temp.path() / "empty.csv", "");
  InputProblem problem;
  const auto file = InputFile::Open((temp.path() / "empty.csv").string(), problem);
  ASSERT_TRUE(file.has_value()) << problem.message;
  EXPECT_EQ(file->bytes(), "");
}

TEST(InputFile, ReadsThroughASymbolicLinkToARegularFile) {
  TempDir temp;
  WriteFile(temp.path() / "real.csv", "x\n");
  fs::create_symlink("real.csv", temp.path() / "link.csv");
  InputProblem problem;
  const auto file = InputFile::Open((temp.path() / "link.csv").string(), problem);
  ASSERT_TRUE(file.has_value()) << problem.message;
  EXPECT_EQ(file->bytes(), "x\n");
}

TEST(InputFile, RefusesADirectory) {
  TempDir temp;
  fs::create_directory(temp.path() / "place.toml");
  const InputProblem problem = ProblemOf(temp.path() / "place.toml");
  EXPECT_EQ(problem.message, "is a directory, expected a regular file");
  EXPECT_EQ(problem.error_number, 0);
  EXPECT_FALSE(problem.absent());
}

TEST(InputFile, RefusesANamedPipeWithoutWaitingForAWriter) {
  TempDir temp;
  const fs::path fifo = temp.path() / "staff.csv";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  auto opened = std::async(std::launch::async, [&] { return ProblemOf(fifo); });
  if (opened.wait_for(std::chrono::seconds(10)) != std::future_status::ready) {
    ADD_FAILURE() << "opening a named pipe blocked";
    // Release the reader so that the test ends.
    const int writer = ::open(fifo.c_str(), O_WRONLY);
    if (writer >= 0) ::close(writer);
  }
  EXPECT_EQ(opened.get().message, "is a named pipe (FIFO), expected a regular file");
}

TEST(InputFile, RefusesACharacterDeviceBehindASymbolicLink) {
  TempDir temp;
  fs::create_symlink("/dev/zero", temp.path() / "staff.csv");
  fs::create_symlink("/dev/null", temp.path() / "vacancies.csv");
  EXPECT_EQ(ProblemOf(temp.path() / "staff.csv").message,
            "is a character device, expected a regular file");
  EXPECT_EQ(ProblemOf(temp.path() / "vacancies.csv").message,
            "is a character device, expected a regular file");
}

TEST(InputFile, ReportsASymbolicLinkLoopWithItsSystemError) {
  TempDir temp;
  fs::create_symlink("b.csv", temp.path() / "a.csv");
  fs::create_symlink("a.csv", temp.path() / "b.csv");
  const InputProblem problem = ProblemOf(temp.path() / "a.csv");
  EXPECT_EQ(problem.error_number, ELOOP);
  EXPECT_EQ(problem.message,
            "cannot open the file (Too many levels of symbolic links), expected a regular file");
  EXPECT_FALSE(problem.absent());
}

TEST(InputFile, ReportsTheErrorOfTheCallThatFailed) {
  TempDir temp;
  const InputProblem missing = ProblemOf(temp.path() / "gone.csv");
  EXPECT_TRUE(missing.absent());
  EXPECT_EQ(missing.message,
            "cannot open the file (No such file or directory), expected a regular file");
  WriteFile(temp.path() / "staff.csv", "x\n");
  const InputProblem under_a_file = ProblemOf(temp.path() / "staff.csv" / "more.csv");
  EXPECT_EQ(under_a_file.error_number, ENOTDIR);
  EXPECT_EQ(under_a_file.message,
            "cannot open the file (Not a directory), expected a regular file");
}

TEST(InputFile, OpensAFileOfExactlyTheLimitAndRefusesOneByteMore) {
  // Sparse files: nothing is written, the size alone decides (the one at the limit is read: 2 GiB
  // of holes, about a second).
  TempDir temp;
  const fs::path at_limit = temp.path() / "at_limit.csv";
  const fs::path over = temp.path() / "over.csv";
  WriteFile(at_limit, "");
  WriteFile(over, "");
  fs::resize_file(at_limit, static_cast<std::uintmax_t>(kMaxInputBytes));
  fs::resize_file(over, static_cast<std::uintmax_t>(kMaxInputBytes) + 1);
  InputProblem problem;
  const auto file = InputFile::Open(at_limit.string(), problem);
  ASSERT_TRUE(file.has_value()) << problem.message;
  EXPECT_EQ(file->size(), kMaxInputBytes);
  EXPECT_EQ(ProblemOf(over).message,
            "is 2147483649 bytes, more than the 2147483648 bytes (2 GiB) an input file may have, "
            "expected a regular "
            "file of at most 2 GiB");
}

TEST(InputFile, KeepsItsBytesWhenTheFileIsTruncatedAfterItWasOpened) {
  // Another program truncating an input while careforce reads it: a mapped file would end the
  // process with SIGBUS on the lost pages; the bytes read are careforce's own.
  TempDir temp;
  const fs::path path = temp.path() / "staff.csv";
  std::string text = "person_id,role\n";
  while (text.size() < 3 * 65536) text += "P000001,RN\n";
  WriteFile(path, text);
  InputProblem problem;
  const auto file = InputFile::Open(path.string(), problem);
  ASSERT_TRUE(file.has_value()) << problem.message;
  fs::resize_file(path, 0);
  EXPECT_EQ(file->bytes(), text);
}

TEST(InputFile, ReportsAFileTruncatedWhileItIsRead) {
  // The file as Open found it (its size from fstat), truncated before its bytes are read.
  TempDir temp;
  const fs::path path = temp.path() / "staff.csv";
  WriteFile(path, "person_id,role\nP1,RN\n");
  const int fd = ::open(path.string().c_str(), O_RDONLY | O_CLOEXEC);
  ASSERT_GE(fd, 0);
  struct stat info {};
  ASSERT_EQ(::fstat(fd, &info), 0);
  fs::resize_file(path, 10);
  InputProblem problem;
  EXPECT_FALSE(InputFile::Read(fd, info.st_size, problem).has_value());
  ::close(fd);
  EXPECT_EQ(problem.error_number, 0);
  EXPECT_EQ(
      problem.message,
      "became shorter while it was read (10 of 21 bytes), expected a regular file that does not "
      "change while it is read");
}

TEST(InputFile, ReportsAtTheFirstLineAndColumnOfThePath) {
  TempDir temp;
  fs::create_directory(temp.path() / "roles.csv");
  Diagnostics diagnostics;
  EXPECT_FALSE(InputFile::Open((temp.path() / "roles.csv").string(), diagnostics).has_value());
  ASSERT_EQ(diagnostics.all().size(), 1u);
  EXPECT_EQ(diagnostics.all()[0].Format(),
            (temp.path() / "roles.csv").string() +
                ":1:1: error: is a directory, expected a regular file");
}

TEST(TextFile, LoadsThroughTheOneOpener) {
  TempDir temp;
  fs::create_symlink("/dev/zero", temp.path() / "staff.csv");
  Diagnostics diagnostics;
  EXPECT_FALSE(
      TextFile::Load((temp.path() / "staff.csv").string(), Encoding::kUtf8, false, diagnostics)
          .has_value());
  ASSERT_EQ(diagnostics.all().size(), 1u);
  EXPECT_EQ(diagnostics.all()[0].message, "is a character device, expected a regular file");
}

TEST(InputExists, CountsAnythingAtThePathEvenALinkLeadingNowhere) {
  TempDir temp;
  WriteFile(temp.path() / "real.csv", "x\n");
  fs::create_symlink("nowhere.csv", temp.path() / "dangling.csv");
  fs::create_symlink("loop.csv", temp.path() / "loop.csv");
  EXPECT_TRUE(InputExists((temp.path() / "real.csv").string()));
  EXPECT_TRUE(InputExists((temp.path() / "dangling.csv").string()));
  EXPECT_TRUE(InputExists((temp.path() / "loop.csv").string()));
  EXPECT_FALSE(InputExists((temp.path() / "missing.csv").string()));
}

}  // namespace
}  // namespace careforce::io
