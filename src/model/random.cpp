#include "model/random.hpp"

#include <cmath>
#include <numbers>
#include <numeric>

namespace careforce {

namespace {

constexpr uint32_t kMultiplier0 = 0xD2511F53;
constexpr uint32_t kMultiplier1 = 0xCD9E8D57;
constexpr uint32_t kWeyl0 = 0x9E3779B9;  // golden ratio
constexpr uint32_t kWeyl1 = 0xBB67AE85;  // sqrt(3) - 1

}  // namespace

std::array<uint32_t, 4> Philox4x32(std::array<uint32_t, 4> counter, std::array<uint32_t, 2> key) {
  for (int round = 0; round < 10; ++round) {
    if (round > 0) {
      key[0] += kWeyl0;
      key[1] += kWeyl1;
    }
    const uint64_t product0 = static_cast<uint64_t>(kMultiplier0) * counter[0];
    const uint64_t product1 = static_cast<uint64_t>(kMultiplier1) * counter[2];
    const auto hi0 = static_cast<uint32_t>(product0 >> 32);
    const auto lo0 = static_cast<uint32_t>(product0);
    const auto hi1 = static_cast<uint32_t>(product1 >> 32);
    const auto lo1 = static_cast<uint32_t>(product1);
    counter = {hi1 ^ counter[1] ^ key[0], lo1, hi0 ^ counter[3] ^ key[1], lo0};
  }
  return counter;
}

Rng::Rng(uint64_t seed, uint64_t stream)
    : key_{static_cast<uint32_t>(seed), static_cast<uint32_t>(seed >> 32)},
      counter_{0, 0, static_cast<uint32_t>(stream), static_cast<uint32_t>(stream >> 32)} {}

void Rng::Refill() {
  block_ = Philox4x32(counter_, key_);
  if (++counter_[0] == 0) ++counter_[1];
  used_ = 0;
}


uint64_t Rng::Below(uint64_t bound) {
  // Rejection removes the modulo bias.
  const uint64_t limit = UINT64_MAX - UINT64_MAX % bound;
  uint64_t value = NextU64();
  while (value >= limit) value = NextU64();
  return value % bound;
}

bool Rng::Bernoulli(double probability) { return Uniform() < probability; }

double Rng::Normal(double mean, double sd) {
  if (has_spare_normal_) {
    has_spare_normal_ = false;
    return mean + sd * spare_normal_;
  }
  // Box-Muller with u1 in (0, 1].
  const double u1 = 1.0 - Uniform();
  const double u2 = Uniform();
  const double radius = std::sqrt(-2.0 * std::log(u1));
  const double angle = 2.0 * std::numbers::pi * u2;
  spare_normal_ = radius * std::sin(angle);
  has_spare_normal_ = true;
  return mean + sd * radius * std::cos(angle);
}

double Rng::Exponential(double rate) { return -std::log(1.0 - Uniform()) / rate; }

double Rng::LogNormal(double mean_log, double sd_log) { return std::exp(Normal(mean_log, sd_log)); }

std::size_t Rng::Choose(std::span<const double> weights) {
  const double total = std::accumulate(weights.begin(), weights.end(), 0.0);
  double target = Uniform() * total;
  for (std::size_t idx = 0; idx < weights.size(); ++idx) {
    if (target < weights[idx]) return idx;
    target -= weights[idx];
  }
  // Rounding can leave the target just past the end: take the last positive weight.
  for (std::size_t idx = weights.size(); idx-- > 0;) {
    if (weights[idx] > 0) return idx;
  }
  return 0;
}

namespace {

constexpr int kLogFactorialTable = 256;

const std::array<double, kLogFactorialTable>& LogFactorialTable() {
  static const std::array<double, kLogFactorialTable> table = [] {
    std::array<double, kLogFactorialTable> values{};
    for (int k = 1; k < kLogFactorialTable; ++k) values[k] = values[k - 1] + std::log(static_cast<double>(k));
    return values;
  }();
  return table;
}

// base^exponent by repeated squaring: a few multiplications, the same on every platform.
double PowerOf(double base, int64_t exponent) {
  double result = 1.0;
  while (exponent > 0) {
    if (exponent & 1) result *= base;
    base *= base;
    exponent >>= 1;
  }
  return result;
}

}  // namespace

double LogFactorial(int64_t k) {
  if (k < kLogFactorialTable) return LogFactorialTable()[static_cast<std::size_t>(k)];
  // ln Γ(x) with x = k + 1 by Stirling's series.
  const double x = static_cast<double>(k) + 1.0;
  const double inverse = 1.0 / x;
  const double inverse2 = inverse * inverse;
  return (x - 0.5) * std::log(x) - x + 0.5 * std::log(2.0 * std::numbers::pi) +
         inverse * (1.0 / 12.0 - inverse2 * (1.0 / 360.0 - inverse2 * (1.0 / 1260.0)));
}

int64_t Rng::Binomial(int64_t trials, double probability) {
  if (trials <= 0 || probability <= 0.0) return 0;
  if (probability >= 1.0) return trials;
  // Work with p <= 1/2 and reflect.
  const bool flipped = probability > 0.5;
  const double p = flipped ? 1.0 - probability : probability;
  const double q = 1.0 - p;
  const auto n = static_cast<double>(trials);
  int64_t successes = 0;
  if (n * p < 10.0) {
    // Inversion: walk the cumulative distribution from zero.
    const double ratio = p / q;
    double probability_k = PowerOf(q, trials);
    double cumulative = probability_k;
    const double u = Uniform();
    while (u > cumulative && successes < trials) {
      probability_k *= ratio * static_cast<double>(trials - successes) / static_cast<double>(successes + 1);
      ++successes;
      cumulative += probability_k;
    }
  } else {
    // BTRS: a proposal from a transformed uniform, accepted at once inside the squeeze or
    // otherwise against the exact log probability.
    const double spq = std::sqrt(n * p * q);
    const double b = 1.15 + 2.53 * spq;
    const double a = -0.0873 + 0.0248 * b + 0.01 * p;
    const double c = n * p + 0.5;
    const double v_r = 0.92 - 4.2 / b;
    const double alpha = (2.83 + 5.1 / b) * spq;
    const double log_odds = std::log(p / q);
    const auto mode = static_cast<int64_t>(std::floor((n + 1.0) * p));
    const double h = LogFactorial(mode) + LogFactorial(trials - mode);
    while (true) {
      const double u = Uniform() - 0.5;
      double v = Uniform();
      const double us = 0.5 - std::fabs(u);
      const double k_real = std::floor((2.0 * a / us + b) * u + c);
      if (k_real < 0.0 || k_real > n) continue;
      const auto k = static_cast<int64_t>(k_real);
      if (us >= 0.07 && v <= v_r) {
        successes = k;
        break;
      }
      v = std::log(v * alpha / (a / (us * us) + b));
      if (v <= h - LogFactorial(k) - LogFactorial(trials - k) + static_cast<double>(k - mode) * log_odds) {
        successes = k;
        break;
      }
    }
  }
  return flipped ? trials - successes : successes;
}

int64_t Rng::Poisson(double mean) {
  if (mean <= 0.0) return 0;
  if (mean < 10.0) {
    // Inversion: walk the cumulative distribution from zero.
    double probability_k = std::exp(-mean);
    double cumulative = probability_k;
    const double u = Uniform();
    int64_t k = 0;
    while (u > cumulative && probability_k > 0.0) {
      ++k;
      probability_k *= mean / static_cast<double>(k);
      cumulative += probability_k;
    }
    return k;
  }
  // PTRS.
  const double log_mean = std::log(mean);
  const double b = 0.931 + 2.53 * std::sqrt(mean);
  const double a = -0.059 + 0.02483 * b;
  const double inverse_alpha = 1.1239 + 1.1328 / (b - 3.4);
  const double v_r = 0.9277 - 3.6224 / (b - 2.0);
  while (true) {
    const double u = Uniform() - 0.5;
    const double v = Uniform();
    const double us = 0.5 - std::fabs(u);
    const double k_real = std::floor((2.0 * a / us + b) * u + mean + 0.43);
    if (us >= 0.07 && v <= v_r) return static_cast<int64_t>(k_real);
    if (k_real < 0.0 || (us < 0.013 && v > us)) continue;
    const auto k = static_cast<int64_t>(k_real);
    if (std::log(v * inverse_alpha / (a / (us * us) + b)) <= -mean + k_real * log_mean - LogFactorial(k)) return k;
  }
}

}  // namespace careforce
