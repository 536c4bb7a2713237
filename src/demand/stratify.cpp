#include "demand/stratify.hpp"

#include <algorithm>
#include <array>
#include <cmath>

#include <fmt/format.h>

#include "model/error.hpp"

namespace careforce::demand {

namespace {

const std::vector<uint8_t>& Column(const Register& people, RiskVariable variable) {
  switch (variable) {
    case RiskVariable::kAge: return people.age;
    case RiskVariable::kFemale: return people.female;
    case RiskVariable::kDeficits: return people.deficits;
    case RiskVariable::kConditions: return people.conditions;
    case RiskVariable::kAdmissions12m: return people.admissions_12m;
    case RiskVariable::kLivesAlone: return people.lives_alone;
  }
  return people.age;
}

// Linear predictors of everyone (one pass per variable over contiguous columns).
std::vector<double> Predictors(const Register& people, const RiskModel& model) {
  std::vector<double> score(people.size(), model.intercept);
  for (const auto& [variable, coefficient] : model.coefficients) {
    const std::vector<uint8_t>& column = Column(people, variable);
    const std::size_t size = people.size();
    double* out = score.data();
    const uint8_t* in = column.data();
    for (std::size_t person = 0; person < size; ++person) out[person] += coefficient * in[person];
  }
  return score;
}

}  // namespace

double LogisticProbability(const Register& people, std::size_t person, const RiskModel& model) {
  double predictor = model.intercept;
  for (const auto& [variable, coefficient] : model.coefficients) predictor += coefficient * Column(people, variable)[person];
  return 1.0 / (1.0 + std::exp(-predictor));
}

Stratification Stratify(const Register& people, const RiskModel& model) {
  Stratification result;
  result.tiers = model.TierNames();
  std::vector<uint8_t> tier_index(model.tiers.size());
  for (std::size_t idx = 0; idx < model.tiers.size(); ++idx) {
    tier_index[idx] = static_cast<uint8_t>(
        std::find(result.tiers.begin(), result.tiers.end(), model.tiers[idx].name) - result.tiers.begin());
  }
  const std::size_t size = people.size();
  result.tier_of.assign(size, 0);

  switch (model.kind) {
    case RiskModelKind::kDeficitIndex: {
      // The tier of every possible deficit count, looked up per person.
      std::array<uint8_t, 256> by_count{};
      for (int count = 0; count < 256; ++count) {
        const double index = count / model.total_deficits;
        std::size_t tier = model.tiers.size() - 1;
        for (std::size_t idx = 0; idx + 1 < model.tiers.size(); ++idx) {
          if (index <= *model.tiers[idx].up_to) {
            tier = idx;
            break;
          }
        }
        by_count[static_cast<std::size_t>(count)] = tier_index[tier];
      }
      for (std::size_t person = 0; person < size; ++person) result.tier_of[person] = by_count[people.deficits[person]];
      break;
    }
    case RiskModelKind::kRules: {
      for (std::size_t person = 0; person < size; ++person) {
        std::size_t tier = model.tiers.size() - 1;
        for (std::size_t idx = 0; idx < model.tiers.size(); ++idx) {
          const RiskTier& candidate = model.tiers[idx];
          bool holds = true;
          for (const RiskCondition& condition : candidate.conditions) {
            const double value = Column(people, condition.variable)[person];
            if ((condition.at_least && value < *condition.at_least) || (condition.at_most && value > *condition.at_most)) {
              holds = false;
              break;
            }
          }
          if (holds) {
            tier = idx;
            break;
          }
        }
        result.tier_of[person] = tier_index[tier];
      }
      break;
    }
    case RiskModelKind::kLogistic: {
      const std::vector<double> score = Predictors(people, model);
      // Rank by score, highest first, ties by register order; each tier takes the next share.
      std::vector<uint32_t> order(size);
      for (uint32_t person = 0; person < size; ++person) order[person] = person;
      const auto higher = [&](uint32_t a, uint32_t b) { return score[a] > score[b] || (score[a] == score[b] && a < b); };
      std::size_t from = 0;
      double cumulative = 0.0;
      const uint8_t last = tier_index.back();
      std::fill(result.tier_of.begin(), result.tier_of.end(), last);
      for (std::size_t idx = 0; idx + 1 < model.tiers.size(); ++idx) {
        cumulative += *model.tiers[idx].top_percent;
        const auto to = std::min(size, static_cast<std::size_t>(std::floor(static_cast<double>(size) * cumulative / 100.0 + 1e-9)));
        if (to > from) {
          std::nth_element(order.begin() + static_cast<std::ptrdiff_t>(from), order.begin() + static_cast<std::ptrdiff_t>(to - 1),
                           order.end(), higher);
          for (std::size_t rank = from; rank < to; ++rank) result.tier_of[order[rank]] = tier_index[idx];
        }
        from = std::max(from, to);
      }
      break;
    }
  }

  result.total.assign(result.tiers.size(), 0);
  result.by_practice.assign(people.practices.size(), std::vector<int64_t>(result.tiers.size(), 0));
  result.by_locality.assign(people.localities.size(), std::vector<int64_t>(result.tiers.size(), 0));
  for (std::size_t person = 0; person < size; ++person) {
    const uint8_t tier = result.tier_of[person];
    ++result.total[tier];
    ++result.by_practice[people.practice[person]][tier];
    ++result.by_locality[people.locality[person]][tier];
  }
  return result;
}

TierCohorts CohortsForPlace(const Stratification& stratification, const Register& people,
                            const std::vector<std::string>& locality_codes, const std::string& register_path) {
  TierCohorts cohorts;
  cohorts.names = stratification.tiers;
  cohorts.people.assign(locality_codes.size(), std::vector<double>(stratification.tiers.size(), 0.0));
  Diagnostics problems;
  for (std::size_t idx = 0; idx < people.localities.size(); ++idx) {
    const auto found = std::find(locality_codes.begin(), locality_codes.end(), people.localities[idx]);
    if (found == locality_codes.end()) {
      problems.Error(Location{register_path, 1, 1},
                     fmt::format("locality \"{}\" of the register is not a locality of the place, expected codes of the "
                                 "[[locality]] tables of place.toml",
                                 people.localities[idx]));
      continue;
    }
    const auto locality = static_cast<std::size_t>(found - locality_codes.begin());
    for (std::size_t tier = 0; tier < stratification.tiers.size(); ++tier) {
      cohorts.people[locality][tier] += static_cast<double>(stratification.by_locality[idx][tier]);
    }
  }
  if (problems.HasErrors()) throw InputError(std::move(problems));
  return cohorts;
}

}  // namespace careforce::demand
