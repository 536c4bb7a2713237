#include "io/input_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <system_error>
#include <utility>

#include <fmt/format.h>

namespace careforce::io {

namespace {

constexpr std::string_view kExpected = "expected a regular file";

// The system's words for an error number (thread-safe, unlike strerror).
std::string SystemError(int error_number) {
  return std::error_code(error_number, std::generic_category()).message();
}

std::string CannotOpen(int error_number) {
  return fmt::format("cannot open the file ({}), {}", SystemError(error_number), kExpected);
}

std::string CannotRead(int error_number) {
  return fmt::format("cannot read the file ({}), {}", SystemError(error_number), kExpected);
}

// What a file that is not a regular file is.
std::string NotRegular(mode_t mode) {
  const char* kind = S_ISDIR(mode)    ? "a directory"
                     : S_ISFIFO(mode) ? "a named pipe (FIFO)"
                     : S_ISCHR(mode)  ? "a character device"
                     : S_ISBLK(mode)  ? "a block device"
                     : S_ISSOCK(mode) ? "a socket"
                                      : "not a regular file";
  return fmt::format("is {}, {}", kind, kExpected);
}

std::string Truncated(std::int64_t read, std::int64_t size) {
  return fmt::format(
      "became shorter while it was read ({} of {} bytes), {} that does not change while it is read",
      read, size, kExpected);
}

std::string TooLarge(std::int64_t size) {
  return fmt::format(
      "is {} bytes, more than the {} bytes (2 GiB) an input file may have, {} of at most 2 GiB",
      size, kMaxInputBytes, kExpected);
}

class Descriptor {
 public:
  explicit Descriptor(int fd) : fd_(fd) {}
  Descriptor(const Descriptor&) = delete;
  Descriptor& operator=(const Descriptor&) = delete;
  ~Descriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  int get() const { return fd_; }

 private:
  int fd_;
};

}  // namespace

bool InputProblem::absent() const { return error_number == ENOENT; }

std::optional<InputFile> InputFile::Open(const std::string& path, InputProblem& problem) {
  const auto fail = [&](int error_number, std::string message) {
    problem = InputProblem{error_number, std::move(message)};
    return std::optional<InputFile>();
  };
  // Looked at before it is opened, so that a device or a pipe is refused without being opened
  // (opening some devices acts on them), then again on the open descriptor, which is what is
  // read (the name may have been given to another file in between).
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) {
    const int error_number = errno;
    return fail(error_number, CannotOpen(error_number));
  }
  if (!S_ISREG(info.st_mode)) return fail(0, NotRegular(info.st_mode));
  // O_NONBLOCK: should the name have become a named pipe since, opening it does not wait for a
  // writer.
  const Descriptor fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK));
  if (fd.get() < 0) {
    const int error_number = errno;
    return fail(error_number, CannotOpen(error_number));
  }
  if (::fstat(fd.get(), &info) != 0) {
    const int error_number = errno;
    return fail(error_number, CannotRead(error_number));
  }
  if (!S_ISREG(info.st_mode)) return fail(0, NotRegular(info.st_mode));
  const std::int64_t size = info.st_size;
  if (size > kMaxInputBytes) return fail(0, TooLarge(size));
  return Read(fd.get(), size, problem);
}

std::optional<InputFile> InputFile::Read(int fd, std::int64_t size, InputProblem& problem) {
  // Read, not mapped: a mapping of a file that another program truncates ends the process with
  // SIGBUS when the lost pages are touched; a read just comes back short. The copy costs about
  // 0.4 s more than mapping for 700 MB (docs/reliability.md, "Files are files").
  InputFile file;
  if (size <= 0) return file;
  file.data_.reset(new char[static_cast<std::size_t>(size)]);  // not zeroed: every byte is read
  std::int64_t done = 0;
  while (done < size) {
    const auto wanted =
        static_cast<std::size_t>(std::min<std::int64_t>(size - done, std::int64_t{1} << 30));
    const ssize_t got = ::read(fd, file.data_.get() + done, wanted);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) {
      const int error_number = errno;
      problem = InputProblem{error_number, CannotRead(error_number)};
      return std::nullopt;
    }
    if (got == 0) {
      problem = InputProblem{0, Truncated(done, size)};
      return std::nullopt;
    }
    done += got;
  }
  file.size_ = static_cast<std::size_t>(size);
  return file;
}

std::optional<InputFile> InputFile::Open(const std::string& path, Diagnostics& diagnostics) {
  InputProblem problem;
  auto file = Open(path, problem);
  if (!file) diagnostics.Error(Location{path, 1, 1}, problem.message);
  return file;
}

bool InputExists(const std::string& path) {
  struct stat info {};
  return ::lstat(path.c_str(), &info) == 0 || errno != ENOENT;
}

}  // namespace careforce::io
