#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "demand/demand.hpp"
#include "model/risk.hpp"

namespace careforce::demand {

// People of a register sorted into the tiers of a risk model.
struct Stratification {
  std::vector<std::string> tiers;             // distinct tier names, in model order
  std::vector<uint8_t> tier_of;               // per person, into tiers
  std::vector<std::vector<int64_t>> by_practice;  // [practice][tier]
  std::vector<std::vector<int64_t>> by_locality;  // [locality][tier]
  std::vector<int64_t> total;                 // [tier]
};

// Scores every person and sorts them into tiers:
// - deficit index: index = deficits / total_deficits; the first tier whose up_to the index does
//   not exceed (the electronic Frailty Index cut-offs are 0.12, 0.24, 0.36);
// - rules: the first tier whose conditions all hold;
// - logistic: the linear predictor intercept + sum of coefficient x variable (the probability
//   1 / (1 + exp(-predictor)) ranks people the same way); tiers take the next top_percent of
//   people by score, ties broken by register order.
Stratification Stratify(const Register& people, const RiskModel& model);

// Tier counts by locality of a place: the register's locality codes must be the place's
// (throws InputError naming the register otherwise).
TierCohorts CohortsForPlace(const Stratification& stratification, const Register& people,
                            const std::vector<std::string>& locality_codes, const std::string& register_path);

// The linear predictor of a logistic model for everyone (the scoring step of Stratify).
std::vector<double> LinearPredictors(const Register& people, const RiskModel& model);

// The logistic probability of one person (for reports and tests).
double LogisticProbability(const Register& people, std::size_t person, const RiskModel& model);

}  // namespace careforce::demand
