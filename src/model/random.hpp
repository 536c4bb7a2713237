#pragma once

#include <array>
#include <cstdint>
#include <span>

namespace careforce {

// Philox4x32-10 (Salmon, Moraes, Dror and Shaw, "Parallel random numbers: as easy as 1, 2, 3",
// SC'11): a counter-based generator. Block `counter` of stream `stream` under `seed` is a pure
// function of the three, so every Monte Carlo run, organisation or year can own a stream and the
// numbers never depend on thread count or order of work.
std::array<uint32_t, 4> Philox4x32(std::array<uint32_t, 4> counter, std::array<uint32_t, 2> key);

// ln(k!) for k >= 0: a table below 256, Stirling's series above (relative error below 1e-15).
double LogFactorial(int64_t k);

// A stream of random numbers with the distributions careforce needs. Distributions are
// implemented here (not std::*_distribution) so results are identical on every platform.
class Rng {
 public:
  Rng(uint64_t seed, uint64_t stream);

  uint32_t NextU32() {
    if (used_ == 4) Refill();
    return block_[used_++];
  }
  uint64_t NextU64() {
    const uint64_t high = NextU32();
    return (high << 32) | NextU32();
  }
  // Uniform on [0, 1) with 53 random bits.
  double Uniform() { return static_cast<double>(NextU64() >> 11) * 0x1.0p-53; }
  // Uniform on (0, 1) with 32 random bits: half the generator work, for categorical choices
  // where a resolution of 2^-32 is ample.
  double Uniform32() { return (static_cast<double>(NextU32()) + 0.5) * 0x1.0p-32; }
  // Uniform integer on [0, bound).
  uint64_t Below(uint64_t bound);
  bool Bernoulli(double probability);
  double Normal(double mean, double sd);
  double Exponential(double rate);
  double LogNormal(double mean_log, double sd_log);
  // Index drawn with probability proportional to weights[i] (weights not all zero).
  std::size_t Choose(std::span<const double> weights);
  // Binomial(n, p), exactly: by inversion when n·min(p, 1-p) < 10, otherwise by Hörmann's
  // transformed rejection with squeeze, BTRS (W. Hörmann, "The generation of binomial random
  // variates", J. Statist. Comput. Simul. 46, 1993), in constant expected time.
  int64_t Binomial(int64_t trials, double probability);
  // Poisson(mean), exactly: by inversion when the mean is below 10, otherwise by Hörmann's
  // transformed rejection, PTRS (W. Hörmann, "The transformed rejection method for generating
  // Poisson random variables", Insurance: Mathematics and Economics 12, 1993).
  int64_t Poisson(double mean);

 private:
  void Refill();

  std::array<uint32_t, 2> key_;
  std::array<uint32_t, 4> counter_;
  std::array<uint32_t, 4> block_{};
  int used_ = 4;
  bool has_spare_normal_ = false;
  double spare_normal_ = 0.0;
};

}  // namespace careforce
