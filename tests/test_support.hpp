#pragma once

#include <filesystem>
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

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
// The names of the test places under tests/data/places, and of the bad places under
// tests/data/bad_places, sorted.
std::vector<std::string> TestPlaces();
std::vector<std::string> BadPlaces();
// Builds a bad place in `target`: tests/data/places/tiny with the files of
// tests/data/bad_places/<name> over it, less the files its remove.txt names.
void AssembleBadPlace(const std::string& name, const std::filesystem::path& target);
std::string ReadFile(const std::filesystem::path& path);

// A CSV file as careforce writes it: its header and rows of fields (quotes removed; a quoted field
// may hold commas).
struct Csv {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  // The index of the column `key`, or header.size() when there is none.
  std::size_t Column(const std::string& key) const;
};
Csv ReadCsv(const std::filesystem::path& path);

// The files of a zip archive (a workbook) by name, inflated with zlib.
std::map<std::string, std::string> Unzip(const std::string& zip);
// XML text with its five entities replaced by the characters they stand for.
std::string XmlUnescape(std::string text);
// A workbook (.xlsx) read back: its files, its sheets' names in order, each sheet's XML by name
// and its shared strings in order.
struct Workbook {
  std::map<std::string, std::string> files;
  std::vector<std::string> names;
  std::map<std::string, std::string> sheets;
  std::vector<std::string> strings;
};
Workbook ReadWorkbook(const std::filesystem::path& path);
// A sheet's cells as text, row by row from the first (the header), shared strings resolved and
// numbers as written; an unwritten cell is empty.
std::vector<std::vector<std::string>> SheetRows(const Workbook& book, const std::string& sheet);
void WriteFile(const std::filesystem::path& path, const std::string& content);

// Runs a command with the shell; returns its exit status, with stdout and stderr captured.
struct CommandResult {
  int status = -1;
  std::string out;
  std::string err;
};
CommandResult RunCommand(const std::string& command);

// The shell command that runs the careforce under test (CAREFORCE_BINARY) with `arguments`, ended
// after `timeout_seconds` should it ever block (exit status 124 then).
inline constexpr int kCareforceTimeout = 600;
// For a command that must not wait on its input (a named pipe, a device): ended after 60 s.
inline constexpr int kPromptly = 60;
std::string Careforce(const std::string& arguments, int timeout_seconds = kCareforceTimeout);

// Pearson's chi-square of draws (counts by value 0, 1, ...) against exact probabilities, cells
// with expected counts under 5 pooled into their neighbours; returns the statistic and the
// number of cells.
std::pair<double, int> ChiSquare(const std::vector<int64_t>& counts, const std::vector<double>& probabilities, int draws);
// Upper 0.1% point of chi-square with `df` degrees of freedom (Wilson-Hilferty).
double ChiSquareCritical(int df);

// The date the expected messages were written against ("today" in the tests).
Date FixedToday();

}  // namespace careforce::testing
