#pragma once

#include <filesystem>
#include <string>

#include "model/date.hpp"

namespace careforce::testing {

// tests/data
std::filesystem::path DataDir();
// A fresh empty directory under the system temporary directory, removed by the destructor.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::string str() const { return path_.string(); }

 private:
  std::filesystem::path path_;
};

// Copies the files of a directory (not recursive) into another.
void CopyFiles(const std::filesystem::path& from, const std::filesystem::path& to);
std::string ReadFile(const std::filesystem::path& path);
void WriteFile(const std::filesystem::path& path, const std::string& content);

// Runs a command with the shell; returns its exit status, with stdout and stderr captured.
struct CommandResult {
  int status = -1;
  std::string out;
  std::string err;
};
CommandResult RunCommand(const std::string& command);

// The date the expected messages were written against ("today" in the tests).
Date FixedToday();

}  // namespace careforce::testing
