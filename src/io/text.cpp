#include "io/text.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <cstring>
#include <limits>
#include <numeric>
#include <vector>

#include <fmt/format.h>
#include <openssl/evp.h>

#include "model/error.hpp"

namespace careforce::io {

namespace {

// Unicode code points of Windows-1252 bytes 0x80..0x9F; 0 marks bytes the code page leaves
// undefined.
constexpr std::array<char32_t, 32> kWindows1252High = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

void AppendUtf8(std::string& out, char32_t code_point) {
  if (code_point < 0x80) {
    out.push_back(static_cast<char>(code_point));
  } else if (code_point < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (code_point >> 6)));
    out.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  } else if (code_point < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (code_point >> 12)));
    out.push_back(static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (code_point >> 18)));
    out.push_back(static_cast<char>(0x80 | ((code_point >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  }
}

// Length of the valid UTF-8 sequence starting at `pos`, or 0 when it is invalid.
std::size_t Utf8SequenceLength(std::string_view text, std::size_t pos) {
  const auto byte = [&](std::size_t at) { return static_cast<unsigned char>(text[at]); };
  const unsigned char lead = byte(pos);
  std::size_t length = 0;
  char32_t min_code_point = 0;
  char32_t code_point = 0;
  if (lead < 0x80) return 1;
  if ((lead & 0xE0) == 0xC0) {
    length = 2, min_code_point = 0x80, code_point = lead & 0x1F;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3, min_code_point = 0x800, code_point = lead & 0x0F;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4, min_code_point = 0x10000, code_point = lead & 0x07;
  } else {
    return 0;
  }
  if (pos + length > text.size()) return 0;
  for (std::size_t offset = 1; offset < length; ++offset) {
    const unsigned char next = byte(pos + offset);
    if ((next & 0xC0) != 0x80) return 0;
    code_point = (code_point << 6) | (next & 0x3F);
  }
  if (code_point < min_code_point || code_point > 0x10FFFF ||
      (code_point >= 0xD800 && code_point <= 0xDFFF)) {
    return 0;
  }
  return length;
}

struct LineTracker {
  std::string_view text;
  std::size_t scanned = 0;
  int64_t line = 1;
  std::size_t line_start = 0;

  Location At(const std::string& path, std::size_t pos) {
    for (; scanned < pos; ++scanned) {
      if (text[scanned] == '\n') {
        ++line;
        line_start = scanned + 1;
      }
    }
    return Location{path, line, CharacterColumn(text.substr(line_start), pos - line_start)};
  }
};

std::string DecodeWindows1252(std::string_view bytes, const std::string& path,
                              Diagnostics& diagnostics) {
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 16);
  LineTracker tracker{bytes};
  int64_t last_reported_line = 0;
  for (std::size_t pos = 0; pos < bytes.size(); ++pos) {
    const auto byte = static_cast<unsigned char>(bytes[pos]);
    if (byte < 0x80) {
      out.push_back(static_cast<char>(byte));
    } else if (byte >= 0xA0) {
      AppendUtf8(out, byte);
    } else if (const char32_t mapped = kWindows1252High[byte - 0x80]; mapped != 0) {
      AppendUtf8(out, mapped);
    } else {
      Location where = tracker.At(path, pos);
      if (where.line != last_reported_line) {
        last_reported_line = where.line;
        diagnostics.Error(where, fmt::format("byte 0x{:02X} is undefined in Windows-1252, expected "
                                             "Windows-1252 text",
                                             byte));
      }
      AppendUtf8(out, 0xFFFD);
    }
  }
  return out;
}

}  // namespace

std::optional<Encoding> ParseEncoding(std::string_view name) {
  if (name == "utf-8") return Encoding::kUtf8;
  if (name == "windows-1252") return Encoding::kWindows1252;
  return std::nullopt;
}

namespace {

// Reports invalid UTF-8 (at most once per line).
void CheckUtf8(std::string_view text, const std::string& path, Diagnostics& diagnostics) {
  LineTracker tracker{text};
  int64_t last_reported_line = 0;
  std::size_t pos = 0;
  const std::size_t size = text.size();
  while (pos < size) {
    // Fast path: eight ASCII bytes at a time.
    if (pos + 8 <= size) {
      uint64_t word;
      std::memcpy(&word, text.data() + pos, 8);
      if ((word & 0x8080808080808080ULL) == 0) {
        pos += 8;
        continue;
      }
    }
    const std::size_t length = Utf8SequenceLength(text, pos);
    if (length > 0) {
      pos += length;
      continue;
    }
    Location where = tracker.At(path, pos);
    if (where.line != last_reported_line) {
      last_reported_line = where.line;
      diagnostics.Error(where, fmt::format("invalid UTF-8 byte 0x{:02X}, expected UTF-8 text (a "
                                           "file saved as Windows-1252 needs encoding = "
                                           "\"windows-1252\" in place.toml)",
                                           static_cast<unsigned char>(text[pos])));
    }
    ++pos;
  }
}

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

}  // namespace

std::string DecodeText(std::string&& bytes, Encoding encoding, const std::string& path,
                       Diagnostics& diagnostics) {
  if (encoding == Encoding::kWindows1252) return DecodeWindows1252(bytes, path, diagnostics);
  std::string text = std::move(bytes);
  if (text.starts_with(kByteOrderMark)) text.erase(0, kByteOrderMark.size());
  CheckUtf8(text, path, diagnostics);
  return text;
}

std::optional<TextFile> TextFile::Load(const std::string& path, Encoding encoding, bool digest,
                                       Diagnostics& diagnostics, InputProblem& problem) {
  auto input = InputFile::Open(path, problem);
  if (!input) return std::nullopt;
  TextFile file(std::move(*input));
  std::string_view raw = file.file_.bytes();
  if (digest) file.sha256_ = Sha256Hex(raw);
  if (encoding == Encoding::kWindows1252) {
    file.owned_ = DecodeWindows1252(raw, path, diagnostics);
    file.uses_owned_ = true;
    file.text_ = file.owned_;
  } else {
    if (raw.starts_with(kByteOrderMark)) raw.remove_prefix(kByteOrderMark.size());
    CheckUtf8(raw, path, diagnostics);
    file.text_ = raw;
  }
  return file;
}

std::optional<TextFile> TextFile::Load(const std::string& path, Encoding encoding, bool digest,
                                       Diagnostics& diagnostics) {
  InputProblem problem;
  auto file = Load(path, encoding, digest, diagnostics, problem);
  if (!file) diagnostics.Error(Location{path, 1, 1}, problem.message);
  return file;
}

TextFile::TextFile(TextFile&& other) noexcept
    : file_(std::move(other.file_)),
      owned_(std::move(other.owned_)),
      uses_owned_(other.uses_owned_),
      sha256_(std::move(other.sha256_)) {
  // The bytes read move with file_ and stay where they are; owned text may move (small strings).
  text_ = uses_owned_ ? std::string_view(owned_) : other.text_;
  other.text_ = {};
}

int64_t CharacterColumn(std::string_view line, std::size_t byte_offset) {
  int64_t column = 1;
  for (std::size_t pos = 0; pos < byte_offset && pos < line.size(); ++pos) {
    if ((static_cast<unsigned char>(line[pos]) & 0xC0) != 0x80) ++column;
  }
  return column;
}

std::optional<std::string_view> ClosestMatch(std::string_view word,
                                             std::span<const std::string_view> candidates) {
  std::optional<std::string_view> best;
  std::size_t best_distance = std::numeric_limits<std::size_t>::max();
  std::vector<std::size_t> before_previous;
  std::vector<std::size_t> previous;
  std::vector<std::size_t> current;
  const auto lower = [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); };
  for (const std::string_view candidate : candidates) {
    // Case-insensitive edit distance with two neighbouring letters swapped as one edit ("plna"
    // for "plan", the commonest typing slip): optimal string alignment, three rows.
    before_previous.assign(candidate.size() + 1, 0);
    previous.resize(candidate.size() + 1);
    current.resize(candidate.size() + 1);
    std::iota(previous.begin(), previous.end(), std::size_t{0});
    for (std::size_t word_pos = 1; word_pos <= word.size(); ++word_pos) {
      current[0] = word_pos;
      for (std::size_t cand_pos = 1; cand_pos <= candidate.size(); ++cand_pos) {
        const std::size_t substitution =
            previous[cand_pos - 1] + (lower(word[word_pos - 1]) == lower(candidate[cand_pos - 1]) ? 0 : 1);
        current[cand_pos] = std::min({previous[cand_pos] + 1, current[cand_pos - 1] + 1, substitution});
        if (word_pos > 1 && cand_pos > 1 && lower(word[word_pos - 1]) == lower(candidate[cand_pos - 2]) &&
            lower(word[word_pos - 2]) == lower(candidate[cand_pos - 1])) {
          current[cand_pos] = std::min(current[cand_pos], before_previous[cand_pos - 2] + 1);
        }
      }
      std::swap(before_previous, previous);
      std::swap(previous, current);
    }
    const std::size_t distance = previous[candidate.size()];
    if (distance < best_distance) {
      best_distance = distance;
      best = candidate;
    }
  }
  // A likely typo: at most a third of the word differs (and at least one edit is allowed).
  const std::size_t allowed = std::max<std::size_t>(1, word.size() / 3);
  if (best && *best != word && best_distance <= allowed) return best;
  // Or a shortened name: the word begins exactly one candidate ("travel_minute").
  constexpr std::size_t kShortestPrefix = 4;
  std::optional<std::string_view> extended;
  if (word.size() >= kShortestPrefix) {
    for (const std::string_view candidate : candidates) {
      if (candidate.size() > word.size() && candidate.starts_with(word)) {
        if (extended) return std::nullopt;
        extended = candidate;
      }
    }
  }
  return extended;
}

std::string DidYouMean(std::string_view word, std::span<const std::string_view> candidates) {
  const auto match = ClosestMatch(word, candidates);
  return match ? fmt::format(" (did you mean \"{}\"?)", *match) : std::string();
}

std::string Sha256Hex(std::string_view bytes) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), digest.data(), &length, EVP_sha256(), nullptr) != 1) {
    throw InternalError("SHA-256 digest failed");
  }
  std::string hex;
  hex.reserve(length * 2);
  for (unsigned int idx = 0; idx < length; ++idx) fmt::format_to(std::back_inserter(hex), "{:02x}", digest[idx]);
  return hex;
}

}  // namespace careforce::io
