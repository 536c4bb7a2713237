#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "model/diagnostic.hpp"

namespace careforce::io {

// The largest input file careforce reads: 2 GiB. A file is held in memory whole while it is read
// and its rows take more again, so the limit keeps memory within reach of an ordinary machine;
// the largest table of a place of England's whole workforce (3.2 million staff rows,
// docs/performance.md) is a few hundred MB, so no real input comes near it, and a disk image, a
// log or a device's endless stream given by mistake is refused before anything is read.
inline constexpr std::int64_t kMaxInputBytes = std::int64_t{2} * 1024 * 1024 * 1024;

// Why an input file could not be read.
struct InputProblem {
  int error_number =
      0;                // errno of the system call that failed; 0: not a regular file, or too large
  std::string message;  // "what, expected a regular file"
  // Nothing is at the path (it could not be opened: ENOENT).
  bool absent() const;
};

// An input file read whole into memory (not mapped: a mapped file truncated by another program
// while it is read would end the process with SIGBUS). Every input careforce reads is opened
// through InputFile::Open, once: docs/formats.md, "Input files".
class InputFile {
 public:
  // Opens `path` without blocking (a named pipe is refused, never waited on), checks on the open
  // descriptor that it is a regular file of at most kMaxInputBytes and reads it whole; nullopt
  // with `problem` set (the error of the call that failed) when it cannot.
  static std::optional<InputFile> Open(const std::string& path, InputProblem& problem);
  // Reads the `size` bytes Open found from the open descriptor `fd`: a file that has become
  // shorter since (truncated while it is read) is a problem, never a crash.
  static std::optional<InputFile> Read(int fd, std::int64_t size, InputProblem& problem);
  // As above, reporting the problem at "path:1:1".
  static std::optional<InputFile> Open(const std::string& path, Diagnostics& diagnostics);

  InputFile(InputFile&& other) noexcept = default;
  InputFile& operator=(InputFile&& other) noexcept = default;
  InputFile(const InputFile&) = delete;
  InputFile& operator=(const InputFile&) = delete;
  ~InputFile() = default;

  // The bytes stay where they are when the file is moved.
  std::string_view bytes() const { return {data_.get(), size_}; }
  std::int64_t size() const { return static_cast<std::int64_t>(size_); }

 private:
  InputFile() = default;
  std::unique_ptr<char[]> data_;
  std::size_t size_ = 0;
};

// Whether anything is at `path`, for inputs that may be left out: a symbolic link counts (even
// one leading nowhere or in a loop, so that opening it says why it cannot be read). Never throws.
bool InputExists(const std::string& path);

}  // namespace careforce::io
