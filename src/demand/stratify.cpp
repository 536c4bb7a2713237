#include "demand/stratify.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <limits>

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

}  // namespace

// One pass over the register's columns.
std::vector<double> LinearPredictors(const Register& people, const RiskModel& model) {
  std::array<double, EnumCount<RiskVariable>()> weight{};
  for (const auto& [variable, coefficient] : model.coefficients) weight[static_cast<std::size_t>(variable)] += coefficient;
  const std::size_t size = people.size();
  std::vector<double> score(size);
  const uint8_t* age = people.age.data();
  const uint8_t* female = people.female.data();
  const uint8_t* deficits = people.deficits.data();
  const uint8_t* conditions = people.conditions.data();
  const uint8_t* admissions = people.admissions_12m.data();
  const uint8_t* alone = people.lives_alone.data();
  for (std::size_t person = 0; person < size; ++person) {
    score[person] = model.intercept + weight[0] * age[person] + weight[1] * female[person] + weight[2] * deficits[person] +
                    weight[3] * conditions[person] + weight[4] * admissions[person] + weight[5] * alone[person];
  }
  return score;
}

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
      const std::vector<double> score = LinearPredictors(people, model);
      // Tier j takes the people ranked within the top k_j (cumulative) by score, highest first,
      // ties in register order. The k_j-th highest score t_j is found on a plain copy of the
      // scores; then one pass in register order decides, for each cut, whether a person is
      // within it: above t_j, or at t_j while the cut still has room for ties.
      std::vector<std::size_t> cuts;
      double cumulative = 0.0;
      for (std::size_t idx = 0; idx + 1 < model.tiers.size(); ++idx) {
        cumulative += *model.tiers[idx].top_percent;
        cuts.push_back(std::min(size, static_cast<std::size_t>(std::floor(static_cast<double>(size) * cumulative / 100.0 + 1e-9))));
      }
      // The k-th highest score of each cut by bucket selection: a histogram of scores over
      // 65,536 equal buckets (highest first) finds the bucket holding the k-th score; only that
      // bucket's scores are then ordered. Linear in the register, with few passes.
      std::vector<double> threshold(cuts.size(), std::numeric_limits<double>::infinity());
      std::vector<std::size_t> room(cuts.size(), 0);  // ties at each threshold still admitted
      if (size > 0) {
        const auto [low_it, high_it] = std::minmax_element(score.begin(), score.end());
        const double low = *low_it;
        const double high = *high_it;
        constexpr std::size_t kBuckets = 65536;
        const double scale = high > low ? (kBuckets - 1) / (high - low) : 0.0;
        const auto bucket_of = [&](double value) { return static_cast<std::size_t>((high - value) * scale); };
        std::vector<std::size_t> counts(kBuckets, 0);
        for (const double value : score) ++counts[bucket_of(value)];
        // For each cut: its bucket and how many of that bucket's scores it takes.
        std::vector<std::size_t> cut_bucket(cuts.size(), kBuckets);
        std::vector<std::size_t> cut_rank(cuts.size(), 0);
        std::vector<std::size_t> above_bucket(cuts.size(), 0);  // scores in higher buckets
        for (std::size_t cut = 0; cut < cuts.size(); ++cut) {
          if (cuts[cut] == 0) continue;
          std::size_t above = 0;
          std::size_t bucket = 0;
          while (above + counts[bucket] < cuts[cut]) above += counts[bucket++];
          cut_bucket[cut] = bucket;
          cut_rank[cut] = cuts[cut] - above;  // 1-based within the bucket
          above_bucket[cut] = above;
        }
        std::vector<std::vector<double>> members(cuts.size());
        std::size_t deepest = 0;  // most people score below every cut's bucket
        for (std::size_t cut = 0; cut < cuts.size(); ++cut) {
          if (cut_bucket[cut] < kBuckets) deepest = std::max(deepest, cut_bucket[cut]);
        }
        for (const double value : score) {
          const std::size_t bucket = bucket_of(value);
          if (bucket > deepest) continue;
          for (std::size_t cut = 0; cut < cuts.size(); ++cut) {
            if (bucket == cut_bucket[cut]) members[cut].push_back(value);
          }
        }
        for (std::size_t cut = 0; cut < cuts.size(); ++cut) {
          if (cuts[cut] == 0) continue;
          auto& values = members[cut];
          std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(cut_rank[cut] - 1), values.end(),
                           std::greater<>());
          threshold[cut] = values[cut_rank[cut] - 1];
          // Ties at the threshold the cut still takes: its size less the scores above it.
          const auto strictly_above = static_cast<std::size_t>(
              std::count_if(values.begin(), values.end(), [&](double value) { return value > threshold[cut]; }));
          room[cut] = cuts[cut] - above_bucket[cut] - strictly_above;
        }
      }
      // The lowest threshold: people below it are in the last tier, which is most of them.
      double lowest = std::numeric_limits<double>::infinity();
      for (std::size_t cut = 0; cut < cuts.size(); ++cut) lowest = std::min(lowest, threshold[cut]);
      for (std::size_t person = 0; person < size; ++person) {
        std::size_t tier = model.tiers.size() - 1;
        if (score[person] < lowest) {
          result.tier_of[person] = tier_index[tier];
          continue;
        }
        for (std::size_t cut = cuts.size(); cut-- > 0;) {
          const double value = score[person];
          bool within = value > threshold[cut];
          if (!within && value == threshold[cut] && room[cut] > 0) {
            --room[cut];
            within = true;
          }
          if (within) tier = cut;
        }
        result.tier_of[person] = tier_index[tier];
      }
      break;
    }
  }

  // Counts in flat arrays (one increment each), then split into rows.
  const std::size_t tiers = result.tiers.size();
  std::vector<int64_t> by_practice(people.practices.size() * tiers, 0);
  std::vector<int64_t> by_locality(people.localities.size() * tiers, 0);
  for (std::size_t person = 0; person < size; ++person) {
    const uint8_t tier = result.tier_of[person];
    ++by_practice[people.practice[person] * tiers + tier];
    ++by_locality[people.locality[person] * tiers + tier];
  }
  const auto rows = [&](const std::vector<int64_t>& flat, std::size_t count) {
    std::vector<std::vector<int64_t>> split(count);
    for (std::size_t row = 0; row < count; ++row) {
      split[row].assign(flat.begin() + static_cast<std::ptrdiff_t>(row * tiers),
                        flat.begin() + static_cast<std::ptrdiff_t>((row + 1) * tiers));
    }
    return split;
  };
  result.by_practice = rows(by_practice, people.practices.size());
  result.by_locality = rows(by_locality, people.localities.size());
  result.total.assign(tiers, 0);
  for (std::size_t row = 0; row < people.localities.size(); ++row) {
    for (std::size_t tier = 0; tier < tiers; ++tier) result.total[tier] += result.by_locality[row][tier];
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
  for (std::size_t idx = 0; idx < people.practices.size(); ++idx) {
    std::vector<double>& tiers = cohorts.by_practice[std::string(people.practices[idx])];
    tiers.resize(stratification.tiers.size());
    for (std::size_t tier = 0; tier < stratification.tiers.size(); ++tier) {
      tiers[tier] += static_cast<double>(stratification.by_practice[idx][tier]);
    }
  }
  return cohorts;
}

}  // namespace careforce::demand
