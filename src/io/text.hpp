#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>

#include "io/input_file.hpp"
#include "model/diagnostic.hpp"

namespace careforce::io {

enum class Encoding { kUtf8, kWindows1252 };

// Parses "utf-8" or "windows-1252".
std::optional<Encoding> ParseEncoding(std::string_view name);

// Turns raw file bytes into UTF-8 text: drops a UTF-8 byte order mark, converts Windows-1252,
// and reports bytes that are not valid in the declared encoding (at most one per line).
std::string DecodeText(std::string&& bytes, Encoding encoding, const std::string& path,
                       Diagnostics& diagnostics);

// A whole input file as UTF-8 text, opened by InputFile::Open. UTF-8 files are used in place as
// read (no further copy); Windows-1252 files are converted.
class TextFile {
 public:
  // Opens and decodes a file; nullopt with `problem` set when it cannot be read. Encoding
  // problems go to `diagnostics` and the text is still returned.
  static std::optional<TextFile> Load(const std::string& path, Encoding encoding, bool digest,
                                      Diagnostics& diagnostics, InputProblem& problem);
  // As above, reporting a file that cannot be read at "path:1:1" into `diagnostics`.
  static std::optional<TextFile> Load(const std::string& path, Encoding encoding, bool digest,
                                      Diagnostics& diagnostics);
  TextFile(TextFile&& other) noexcept;
  TextFile& operator=(TextFile&& other) = delete;
  TextFile(const TextFile&) = delete;
  ~TextFile() = default;

  std::string_view text() const { return text_; }
  int64_t bytes() const { return file_.size(); }
  // SHA-256 of the raw bytes, when asked for.
  const std::string& sha256() const { return sha256_; }

 private:
  explicit TextFile(InputFile file) : file_(std::move(file)) {}
  InputFile file_;
  std::string owned_;
  bool uses_owned_ = false;
  std::string_view text_;
  std::string sha256_;
};

// Column (1-based, in characters) of the byte at `byte_offset` within `line`.
int64_t CharacterColumn(std::string_view line, std::size_t byte_offset);

// The candidate closest to `word` by edit distance, when close enough to be a likely typo.
std::optional<std::string_view> ClosestMatch(std::string_view word,
                                             std::span<const std::string_view> candidates);

// " (did you mean \"X\"?)" for the closest candidate, or "" when none is close.
std::string DidYouMean(std::string_view word, std::span<const std::string_view> candidates);

// Lowercase hexadecimal SHA-256 of bytes.
std::string Sha256Hex(std::string_view bytes);

}  // namespace careforce::io
