#include "store/pseudonymise.hpp"

#include <array>
#include <cstdlib>

#include <fmt/format.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "io/input_file.hpp"
#include "model/error.hpp"

namespace careforce::store {

namespace {
constexpr std::string_view kPrefix = "pid_";
constexpr std::size_t kHexDigits = 20;  // 80 bits: collisions negligible for national workforces
}  // namespace

Pseudonymiser::Pseudonymiser(std::string key) : key_(std::move(key)) {
  if (key_.size() < kMinimumKeyBytes) {
    throw InputError(Location{std::string(kKeyVariable), 1, 1},
                     fmt::format("pseudonymisation key has {} bytes, expected at least {} (for example the "
                                 "output of: openssl rand -hex 32)",
                                 key_.size(), kMinimumKeyBytes));
  }
}

Pseudonymiser Pseudonymiser::FromKeyFileOrEnvironment(const std::string& key_file) {
  if (!key_file.empty()) {
    Diagnostics diagnostics;
    const auto file = io::InputFile::Open(key_file, diagnostics);
    if (!file) throw InputError(std::move(diagnostics));
    auto key = std::optional<std::string>(file->bytes());
    while (!key->empty() && (key->back() == '\n' || key->back() == '\r')) key->pop_back();
    try {
      return Pseudonymiser(std::move(*key));
    } catch (const InputError&) {
      throw InputError(Location{key_file, 1, 1},
                       fmt::format("the key in the file is shorter than {} bytes, expected a longer key (for "
                                   "example the output of: openssl rand -hex 32)",
                                   kMinimumKeyBytes));
    }
  }
  const char* key = std::getenv(std::string(kKeyVariable).c_str());
  if (!key || !*key) {
    throw InputError(Location{"careforce import", 1, 1},
                     fmt::format("no pseudonymisation key, expected --key-file FILE or the environment "
                                 "variable {} (see docs/data-protection.md)",
                                 kKeyVariable));
  }
  return Pseudonymiser(key);
}

std::string Pseudonymiser::Hmac(std::string_view message) const {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  if (!HMAC(EVP_sha256(), key_.data(), static_cast<int>(key_.size()),
            reinterpret_cast<const unsigned char*>(message.data()), message.size(), digest.data(), &length)) {
    throw InternalError("HMAC-SHA256 failed");
  }
  std::string hex;
  hex.reserve(length * 2);
  for (unsigned int idx = 0; idx < length; ++idx) fmt::format_to(std::back_inserter(hex), "{:02x}", digest[idx]);
  return hex;
}

bool Pseudonymiser::IsPseudonym(std::string_view id) {
  if (id.size() != kPrefix.size() + kHexDigits || !id.starts_with(kPrefix)) return false;
  for (const char c : id.substr(kPrefix.size())) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

std::string Pseudonymiser::Pseudonymise(std::string_view id) const {
  if (IsPseudonym(id)) return std::string(id);
  return std::string(kPrefix) + Hmac(id).substr(0, kHexDigits);
}

std::string Pseudonymiser::KeyFingerprint() const { return Hmac("careforce key fingerprint").substr(0, 16); }

}  // namespace careforce::store
