#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "model/diagnostic.hpp"

namespace careforce::io {

enum class Encoding { kUtf8, kWindows1252 };

// Parses "utf-8" or "windows-1252".
std::optional<Encoding> ParseEncoding(std::string_view name);

// Reads a whole file as bytes; nullopt with `error` set when it cannot be read.
std::optional<std::string> ReadFileBytes(const std::string& path, std::string* error);

// Turns raw file bytes into UTF-8 text: drops a UTF-8 byte order mark, converts Windows-1252,
// and reports bytes that are not valid in the declared encoding (at most one per line).
std::string DecodeText(std::string&& bytes, Encoding encoding, const std::string& path,
                       Diagnostics& diagnostics);

// Column (1-based, in characters) of the byte at `byte_offset` within `line`.
int CharacterColumn(std::string_view line, std::size_t byte_offset);

// The candidate closest to `word` by edit distance, when close enough to be a likely typo.
std::optional<std::string_view> ClosestMatch(std::string_view word,
                                             std::span<const std::string_view> candidates);

// " (did you mean \"X\"?)" for the closest candidate, or "" when none is close.
std::string DidYouMean(std::string_view word, std::span<const std::string_view> candidates);

// Lowercase hexadecimal SHA-256 of bytes.
std::string Sha256Hex(std::string_view bytes);

}  // namespace careforce::io
