#include "model/random.hpp"

#include <cmath>
#include <vector>

#include <gtest/gtest.h>

namespace careforce {
namespace {

// Known-answer vectors published with the Random123 library (kat_vectors).
TEST(Philox4x32, MatchesPublishedKnownAnswers) {
  EXPECT_EQ(Philox4x32({0, 0, 0, 0}, {0, 0}),
            (std::array<uint32_t, 4>{0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8}));
  EXPECT_EQ(Philox4x32({0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff}, {0xffffffff, 0xffffffff}),
            (std::array<uint32_t, 4>{0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd}));
  EXPECT_EQ(Philox4x32({0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344}, {0xa4093822, 0x299f31d0}),
            (std::array<uint32_t, 4>{0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1}));
}

TEST(Rng, StreamsAreReproducibleAndDistinct) {
  Rng a(42, 7);
  Rng b(42, 7);
  Rng c(42, 8);
  for (int draw = 0; draw < 100; ++draw) {
    const uint64_t value = a.NextU64();
    EXPECT_EQ(value, b.NextU64());
    EXPECT_NE(value, c.NextU64());
  }
}

TEST(Rng, UniformMeanAndVarianceWithinFourStandardErrors) {
  Rng rng(1, 0);
  constexpr int kDraws = 200000;
  double sum = 0.0;
  double sum_squares = 0.0;
  for (int draw = 0; draw < kDraws; ++draw) {
    const double u = rng.Uniform();
    ASSERT_GE(u, 0.0);
    ASSERT_LT(u, 1.0);
    sum += u;
    sum_squares += u * u;
  }
  const double mean = sum / kDraws;
  EXPECT_NEAR(mean, 0.5, 4 * std::sqrt(1.0 / 12.0 / kDraws));
  EXPECT_NEAR(sum_squares / kDraws - mean * mean, 1.0 / 12.0, 0.002);
}

TEST(Rng, BinomialMatchesItsMeanAndVarianceInBothRegimes) {
  for (const auto& [trials, probability] : std::vector<std::pair<int64_t, double>>{{20, 0.1}, {5000, 0.12}, {900, 0.8}}) {
    Rng rng(3, static_cast<uint64_t>(trials));
    constexpr int kDraws = 40000;
    double sum = 0.0;
    double sum_squares = 0.0;
    for (int draw = 0; draw < kDraws; ++draw) {
      const auto value = static_cast<double>(rng.Binomial(trials, probability));
      ASSERT_GE(value, 0);
      ASSERT_LE(value, trials);
      sum += value;
      sum_squares += value * value;
    }
    const double expected_mean = static_cast<double>(trials) * probability;
    const double expected_variance = expected_mean * (1.0 - probability);
    const double mean = sum / kDraws;
    EXPECT_NEAR(mean, expected_mean, 4 * std::sqrt(expected_variance / kDraws)) << trials << " " << probability;
    EXPECT_NEAR(sum_squares / kDraws - mean * mean, expected_variance, 0.05 * expected_variance);
  }
}

TEST(Rng, ChooseFollowsTheWeights) {
  Rng rng(5, 0);
  const std::vector<double> weights = {0.0, 1.0, 3.0};
  std::vector<int> counts(3, 0);
  constexpr int kDraws = 40000;
  for (int draw = 0; draw < kDraws; ++draw) ++counts[rng.Choose(weights)];
  EXPECT_EQ(counts[0], 0);
  EXPECT_NEAR(counts[2] / static_cast<double>(kDraws), 0.75, 4 * std::sqrt(0.75 * 0.25 / kDraws));
}

}  // namespace
}  // namespace careforce
