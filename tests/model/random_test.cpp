#include "model/random.hpp"

#include <cmath>
#include <vector>

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace careforce {
namespace {

using careforce::testing::ChiSquare;
using careforce::testing::ChiSquareCritical;

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

TEST(Rng, LogFactorialIsExactInTableAndSeries) {
  EXPECT_DOUBLE_EQ(LogFactorial(0), 0.0);
  EXPECT_NEAR(LogFactorial(5), std::log(120.0), 1e-14);
  for (const int64_t k : {255, 256, 300, 1000, 123456}) {
    EXPECT_NEAR(LogFactorial(k), std::lgamma(static_cast<double>(k) + 1.0), 1e-12 * std::lgamma(k + 1.0)) << k;
  }
}

TEST(Rng, BinomialFollowsTheExactDistributionInEveryRegime) {
  // Inversion (n·p < 10) and BTRS, with p above and below one half.
  for (const auto& [trials, probability] :
       std::vector<std::pair<int64_t, double>>{{30, 0.2}, {60, 0.2}, {1000, 0.03}, {400, 0.7}, {2000, 0.5}}) {
    Rng rng(17, static_cast<uint64_t>(trials));
    constexpr int kDraws = 200000;
    std::vector<int64_t> counts(static_cast<std::size_t>(trials) + 1, 0);
    for (int draw = 0; draw < kDraws; ++draw) ++counts[static_cast<std::size_t>(rng.Binomial(trials, probability))];
    std::vector<double> exact(counts.size());
    for (int64_t k = 0; k <= trials; ++k) {
      exact[static_cast<std::size_t>(k)] =
          std::exp(LogFactorial(trials) - LogFactorial(k) - LogFactorial(trials - k) + k * std::log(probability) +
                   (trials - k) * std::log1p(-probability));
    }
    const auto [statistic, df] = ChiSquare(counts, exact, kDraws);
    EXPECT_LT(statistic, ChiSquareCritical(df - 1)) << trials << " " << probability;
  }
}

TEST(Rng, PoissonFollowsTheExactDistributionInBothRegimes) {
  for (const double mean : {0.3, 4.0, 9.99, 10.0, 37.5, 1000.0}) {
    Rng rng(19, static_cast<uint64_t>(mean * 100));
    constexpr int kDraws = 200000;
    const auto size = static_cast<std::size_t>(mean * 3 + 40);
    std::vector<int64_t> counts(size, 0);
    double sum = 0.0;
    for (int draw = 0; draw < kDraws; ++draw) {
      const int64_t value = rng.Poisson(mean);
      ASSERT_GE(value, 0);
      ++counts[std::min(static_cast<std::size_t>(value), size - 1)];
      sum += static_cast<double>(value);
    }
    std::vector<double> exact(size);
    for (std::size_t k = 0; k < size; ++k) {
      exact[k] = std::exp(-mean + static_cast<double>(k) * std::log(mean) - LogFactorial(static_cast<int64_t>(k)));
    }
    const auto [statistic, df] = ChiSquare(counts, exact, kDraws);
    EXPECT_LT(statistic, ChiSquareCritical(df - 1)) << mean;
    EXPECT_NEAR(sum / kDraws, mean, 4 * std::sqrt(mean / kDraws)) << mean;
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
