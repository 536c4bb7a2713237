#pragma once

#include <string>
#include <string_view>

namespace careforce::store {

// Replaces staff identifiers with keyed hashes (HMAC-SHA256), so that records of the same person
// still match across files and imports while the identifier cannot be recovered without the key.
// The key stays with the deploying organisation (docs/data-protection.md).
class Pseudonymiser {
 public:
  // Environment variable holding the key.
  static constexpr std::string_view kKeyVariable = "CAREFORCE_PSEUDONYMISATION_KEY";
  static constexpr std::size_t kMinimumKeyBytes = 16;

  // Uses a key given directly; throws InputError when shorter than kMinimumKeyBytes.
  explicit Pseudonymiser(std::string key);
  // Reads the key from `key_file` when given, else from the environment; throws InputError when
  // there is none.
  static Pseudonymiser FromKeyFileOrEnvironment(const std::string& key_file);

  // "pid_" and 20 hexadecimal digits; identifiers already in this form are returned unchanged.
  std::string Pseudonymise(std::string_view id) const;
  // Identifies the key without revealing it (detects imports made with different keys).
  std::string KeyFingerprint() const;
  static bool IsPseudonym(std::string_view id);

 private:
  std::string Hmac(std::string_view message) const;
  std::string key_;
};

}  // namespace careforce::store
