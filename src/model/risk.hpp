#pragma once

#include <cstdint>
#include <array>
#include <optional>
#include <string_view>
#include <string>
#include <vector>

#include "model/enums.hpp"
#include "model/string_table.hpp"

namespace careforce {

// A person-level register (docs/formats.md, "Registers"), column by column so that scoring
// millions of people runs through contiguous arrays.
struct Register {
  StringTable person_ids;
  StringTable practices;     // distinct practice codes
  StringTable localities;    // distinct locality codes
  std::vector<uint32_t> practice;  // per person, into practices
  std::vector<uint32_t> locality;  // per person, into localities
  std::vector<uint8_t> age;
  std::vector<uint8_t> female;     // 1 for F
  std::vector<uint8_t> deficits;   // deficits counted by the frailty index
  std::vector<uint8_t> conditions;  // long-term conditions
  std::vector<uint8_t> admissions_12m;  // unplanned admissions in the last 12 months
  std::vector<uint8_t> lives_alone;     // 1 when living alone
  std::size_t size() const { return age.size(); }
};

// The variables a risk model may use.
enum class RiskVariable : uint8_t { kAge, kFemale, kDeficits, kConditions, kAdmissions12m, kLivesAlone };

template <>
struct EnumInfo<RiskVariable> {
  static constexpr std::string_view kWhat = "variable";
  static constexpr std::array<std::string_view, 6> kCodes = {"age",        "female",         "deficits",
                                                             "conditions", "admissions_12m", "lives_alone"};
  static constexpr std::array<std::string_view, 6> kLabels = {"Age", "Female", "Deficits", "Long-term conditions",
                                                              "Unplanned admissions (12 months)", "Lives alone"};
};

// A condition of a rule tier: variable >= at_least, <= at_most (either or both).
struct RiskCondition {
  RiskVariable variable = RiskVariable::kAge;
  std::optional<double> at_least;
  std::optional<double> at_most;
};

struct RiskTier {
  std::string name;
  std::optional<double> up_to;            // deficit index: index at most this
  std::vector<RiskCondition> conditions;  // rules: all must hold (none: everyone left)
  std::optional<double> top_percent;      // logistic: the next this-many percent by score
};

enum class RiskModelKind : uint8_t { kDeficitIndex, kRules, kLogistic };

// How people are sorted into tiers (a frailty index with cut-offs, rules, or a logistic score).
struct RiskModel {
  std::string name;
  RiskModelKind kind = RiskModelKind::kDeficitIndex;
  double total_deficits = 0.0;                          // deficit index
  double intercept = 0.0;                               // logistic
  std::vector<std::pair<RiskVariable, double>> coefficients;  // logistic
  std::vector<RiskTier> tiers;
  // Distinct tier names in order (several rule tiers may share a name: either rule puts a
  // person in that tier).
  std::vector<std::string> TierNames() const;
};

}  // namespace careforce
