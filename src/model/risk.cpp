#include "model/risk.hpp"

#include <algorithm>

namespace careforce {

std::vector<std::string> RiskModel::TierNames() const {
  std::vector<std::string> names;
  for (const RiskTier& tier : tiers) {
    if (std::find(names.begin(), names.end(), tier.name) == names.end()) names.push_back(tier.name);
  }
  return names;
}

}  // namespace careforce
