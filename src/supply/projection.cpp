#include "supply/projection.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <map>
#include <mutex>
#include <numeric>
#include <span>
#include <thread>
#include <type_traits>

#include <fmt/format.h>

#include "model/error.hpp"
#include "model/limits.hpp"
#include "model/random.hpp"

namespace careforce::supply {

namespace {

constexpr int kAges = kSupplyAges;

// Kinds of random stream: one stream per (run, year, kind, index).
enum StreamKind : uint64_t { kCellStream = 1, kPipelineStream = 2, kJoinerStream = 3 };

uint64_t Stream(int run, int year, StreamKind kind, std::size_t index) {
  return (static_cast<uint64_t>(run) << 40) | (static_cast<uint64_t>(year) << 32) | (static_cast<uint64_t>(kind) << 28) |
         static_cast<uint64_t>(index);
}

std::array<std::size_t, kAges> BandOfAge() {
  std::array<std::size_t, kAges> bands{};
  for (int age = 0; age < kAges; ++age) bands[static_cast<std::size_t>(age)] = SupplyAgeBand(age + kSupplyMinAge);
  return bands;
}
const std::array<std::size_t, kAges> kBandOfAge = BandOfAge();

// Weights over single ages: band shares spread evenly within each band.
std::array<double, kAges> AgeWeights(const std::array<double, kBands>& shares) {
  std::array<double, kAges> weights{};
  for (int age = 0; age < kAges; ++age) {
    const std::size_t band = kBandOfAge[static_cast<std::size_t>(age)];
    const auto [from, to] = kSupplyAgeBands[band];
    weights[static_cast<std::size_t>(age)] = shares[band] / (to - from + 1);
  }
  return weights;
}

std::array<double, kAges> UniformAges(int from, int to) {
  std::array<double, kAges> weights{};
  for (int age = from; age <= to; ++age) weights[static_cast<std::size_t>(age - kSupplyMinAge)] = 1.0 / (to - from + 1);
  return weights;
}

// Walker's alias table over categories with the given weights (Vose's construction): category
// i is kept with probability keep[i], otherwise replaced by alias[i].
struct AliasTable {
  std::vector<double> keep;
  std::vector<uint32_t> alias;

  AliasTable() = default;
  explicit AliasTable(std::span<const double> weights) {
    const std::size_t size = weights.size();
    const double total = std::accumulate(weights.begin(), weights.end(), 0.0);
    keep.assign(size, 1.0);
    alias.resize(size);
    std::vector<double> scaled(size);
    std::vector<uint32_t> small;
    std::vector<uint32_t> large;
    for (std::size_t idx = 0; idx < size; ++idx) {
      scaled[idx] = total > 0 ? weights[idx] / total * static_cast<double>(size) : 1.0;
      alias[idx] = static_cast<uint32_t>(idx);
      (scaled[idx] < 1.0 ? small : large).push_back(static_cast<uint32_t>(idx));
    }
    while (!small.empty() && !large.empty()) {
      const uint32_t less = small.back();
      small.pop_back();
      const uint32_t more = large.back();
      keep[less] = scaled[less];
      alias[less] = more;
      scaled[more] -= 1.0 - scaled[less];
      if (scaled[more] < 1.0) {
        large.pop_back();
        small.push_back(more);
      }
    }
  }

  std::size_t Draw(Rng& rng) const {
    const double u = rng.Uniform32() * static_cast<double>(keep.size());
    const auto idx = std::min(static_cast<std::size_t>(u), keep.size() - 1);
    return u - static_cast<double>(idx) < keep[idx] ? idx : alias[idx];
  }
};

// How arrivals (joiners, trainees) spread over localities and single ages: locality shares
// times age weights, independent of each other. One arrival at a time is drawn as a locality
// and then an age (two small alias tables that stay in cache, where one table over the joint
// categories would not); many at a time, multinomially over the joint categories.
struct Spread {
  std::vector<double> localities;
  std::array<double, kAges> ages{};
  std::vector<double> joint;  // [locality * kAges + age], summing to 1
  AliasTable locality_table;
  AliasTable age_table;

  Spread() = default;
  Spread(std::vector<double> locality_weights, const std::array<double, kAges>& age_weights)
      : localities(std::move(locality_weights)), ages(age_weights), locality_table(localities), age_table(ages) {
    const double locality_total = std::accumulate(localities.begin(), localities.end(), 0.0);
    const double age_total = std::accumulate(ages.begin(), ages.end(), 0.0);
    for (const double locality : localities) {
      for (const double age : ages) joint.push_back(locality / locality_total * age / age_total);
    }
  }
};

// Arrivals above this many are split multinomially rather than drawn one by one.
constexpr int64_t kOneByOne = 2000;
// Cells of at most this many people draw how many of them meet a fate by inversion, then which
// fate each of those meets (see Simulation::Step).
constexpr int64_t kOneByOneCell = 32;
// 1/k for k up to kOneByOneCell (a multiplication where the inversion would divide).
constexpr std::array<double, kOneByOneCell + 1> kOneOver = [] {
  std::array<double, kOneByOneCell + 1> table{};
  for (std::size_t k = 1; k < table.size(); ++k) table[k] = 1.0 / static_cast<double>(k);
  return table;
}();
constexpr std::size_t kMaxExitsOneByOne = 8;

// Everything the simulation needs, in dense arrays.
struct Model {
  int localities = 1;
  int years = 0;
  struct Pair {
    Index role;
    Sector sector;
    std::array<double, kBands> leave{};
    std::array<double, kBands> retire{};
    std::array<double, kBands> fte{};  // FTE per person
    std::vector<double> locality_shares;  // where joiners and completions go
    // Cumulative chances of a person's fate by band: retiring, leaving, then each exit in turn
    // (the last is the chance of any of them).
    std::array<std::vector<double>, kBands> fates;
    // The chance that none of n people of a band meets any fate, for n up to kOneByOneCell.
    std::array<std::array<double, kOneByOneCell + 1>, kBands> no_fate{};
    std::array<double, kBands> fate_odds{};  // q / (1 - q), q the chance of any fate
  };
  std::vector<Pair> pairs;
  struct Exit {
    bool to_pipeline;
    std::size_t target;
    double rate;
  };
  std::vector<std::vector<Exit>> exits;  // per pair, in configuration order
  struct Join {
    std::size_t pair;
    JoinerSource source;
    bool volume;
    double amount;  // a year, or a share of the pair's headcount
    Spread spread;
  };
  std::vector<Join> joins;
  struct Course {
    std::size_t pair;
    int years;
    double attrition;
    double intake;
    Spread spread;
  };
  std::vector<Course> courses;
  std::vector<double> initial_cells;                 // [pair][locality][age]
  std::vector<std::vector<double>> initial_courses;  // [course][stage][locality][age]
  std::vector<std::vector<std::size_t>> series_of_block;
  std::size_t series_count = 0;

  std::size_t Cell(std::size_t pair, int locality, int age) const {
    return (pair * static_cast<std::size_t>(localities) + static_cast<std::size_t>(locality)) * kAges +
           static_cast<std::size_t>(age);
  }
  std::size_t CourseCell(int stage, int locality, int age) const {
    return (static_cast<std::size_t>(stage) * static_cast<std::size_t>(localities) + static_cast<std::size_t>(locality)) *
               kAges +
           static_cast<std::size_t>(age);
  }
};

// Draws for counts of type T: exact expectations for double, random variates for int64_t.
template <typename T>
struct Draw;

template <>
struct Draw<double> {
  // Arrivals over localities and ages.
  template <typename Each>
  static void Scatter(Rng&, double n, const Spread& spread, Each each) {
    if (n <= 0) return;
    for (std::size_t idx = 0; idx < spread.joint.size(); ++idx) {
      if (spread.joint[idx] > 0) each(idx / kAges, idx % kAges, n * spread.joint[idx]);
    }
  }
  static double Thin(Rng&, double n, double p) { return n * p; }
  static double Volume(Rng&, double amount) { return amount; }
  static double Poisson(Rng&, double mean) { return mean; }
  template <typename Each>
  static void Split(Rng&, double n, std::span<const double> weights, Each each) {
    const double total = std::accumulate(weights.begin(), weights.end(), 0.0);
    if (total <= 0 || n <= 0) return;
    for (std::size_t idx = 0; idx < weights.size(); ++idx) {
      if (weights[idx] > 0) each(idx, n * weights[idx] / total);
    }
  }
};

template <>
struct Draw<int64_t> {
  // Arrivals over localities and ages: one by one (a locality, then an age) up to kOneByOne,
  // otherwise multinomially over the joint categories.
  template <typename Each>
  static void Scatter(Rng& rng, int64_t n, const Spread& spread, Each each) {
    if (n <= 0) return;
    if (n <= kOneByOne) {
      for (int64_t person = 0; person < n; ++person) {
        const std::size_t locality = spread.locality_table.Draw(rng);
        each(locality, spread.age_table.Draw(rng), int64_t{1});
      }
      return;
    }
    Split(rng, n, spread.joint, [&](std::size_t idx, int64_t k) { each(idx / kAges, idx % kAges, k); });
  }
  static int64_t Thin(Rng& rng, int64_t n, double p) { return rng.Binomial(n, p); }
  static int64_t Volume(Rng& rng, double amount) {
    const double whole = std::floor(amount);
    return static_cast<int64_t>(whole) + (rng.Bernoulli(amount - whole) ? 1 : 0);
  }
  static int64_t Poisson(Rng& rng, double mean) { return rng.Poisson(mean); }
  // Multinomial by conditional binomials.
  template <typename Each>
  static void Split(Rng& rng, int64_t n, std::span<const double> weights, Each each) {
    double remaining = std::accumulate(weights.begin(), weights.end(), 0.0);
    std::size_t last = weights.size();
    while (last > 0 && weights[last - 1] <= 0) --last;
    for (std::size_t idx = 0; idx < last && n > 0; ++idx) {
      if (weights[idx] <= 0) continue;
      const int64_t k = idx + 1 == last ? n : rng.Binomial(n, std::min(1.0, weights[idx] / remaining));
      remaining -= weights[idx];
      if (k > 0) each(idx, k);
      n -= k;
    }
  }
};

// Flows of a role and sector summed over the horizon.
enum PairFlow : std::size_t { kLeavers, kRetirements, kJoiners, kCompletions, kMovesIn, kMovesOut, kIntoTraining, kPairFlows };

// One run's output: headcount and FTE of every series for every year, and the flows.
struct RunOutput {
  std::vector<double> values;  // [(series * (years + 1) + year) * 2 + measure]
  std::vector<SupplyFlows> flows;
  std::vector<std::array<double, kPairFlows>> pair_flows;
  double person_years = 0.0;
};

template <typename T>
class Simulation {
 public:
  Simulation(const Model& model, uint64_t seed) : model_(model), seed_(seed) {}

  void Run(int run, RunOutput& out) {
    const std::size_t years = static_cast<std::size_t>(model_.years);
    out.values.assign(model_.series_count * (years + 1) * 2, 0.0);
    out.flows.assign(years, SupplyFlows{});
    out.pair_flows.assign(model_.pairs.size(), {});
    pair_flows_ = &out.pair_flows;
    out.person_years = 0.0;
    cells_.assign(model_.initial_cells.size(), T{});
    for (std::size_t idx = 0; idx < cells_.size(); ++idx) cells_[idx] = static_cast<T>(model_.initial_cells[idx]);
    const std::size_t blocks = model_.pairs.size() * static_cast<std::size_t>(model_.localities);
    block_people_.assign(blocks, T{});
    block_fte_.assign(blocks, 0.0);
    for (std::size_t block = 0; block < blocks; ++block) {
      const Model::Pair& info = model_.pairs[block / static_cast<std::size_t>(model_.localities)];
      for (int age = 0; age < kAges; ++age) {
        const T n = cells_[block * kAges + static_cast<std::size_t>(age)];
        block_people_[block] += n;
        block_fte_[block] += static_cast<double>(n) * info.fte[kBandOfAge[static_cast<std::size_t>(age)]];
      }
    }
    courses_.resize(model_.courses.size());
    for (std::size_t course = 0; course < courses_.size(); ++course) {
      const auto& initial = model_.initial_courses[course];
      courses_[course].assign(initial.size(), T{});
      for (std::size_t idx = 0; idx < initial.size(); ++idx) courses_[course][idx] = static_cast<T>(initial[idx]);
    }
    Record(0, out);
    for (int year = 1; year <= model_.years; ++year) {
      out.person_years += Headcount();
      SupplyFlows& flows = out.flows[static_cast<std::size_t>(year - 1)];
      Step(run, year, flows);
      Record(year, out);
      double in_training = 0.0;
      for (const auto& course : courses_) in_training += static_cast<double>(std::accumulate(course.begin(), course.end(), T{}));
      flows.in_training = in_training;
    }
  }

 private:
  using D = Draw<T>;

  double Headcount() const { return static_cast<double>(std::accumulate(block_people_.begin(), block_people_.end(), T{})); }

  // People of a pair and locality one year older at the end of the year; past the oldest age
  // they retire.
  void Tally(std::size_t pair, PairFlow flow, T n) { (*pair_flows_)[pair][flow] += static_cast<double>(n); }

  // Adds people to next year's cell, keeping each block's headcount and FTE.
  void Arrive(std::size_t pair, int locality, int age, T n) {
    const std::size_t block = pair * static_cast<std::size_t>(model_.localities) + static_cast<std::size_t>(locality);
    next_[block * kAges + static_cast<std::size_t>(age)] += n;
    next_people_[block] += n;
    next_fte_[block] += static_cast<double>(n) * model_.pairs[pair].fte[kBandOfAge[static_cast<std::size_t>(age)]];
  }

  void Age(std::size_t pair, int locality, int age, T n, SupplyFlows& flows) {
    if (age + 1 >= kAges) {
      Tally(pair, kRetirements, n);
      flows.retirements += static_cast<double>(n);
      flows.retirements_by_sector[static_cast<std::size_t>(model_.pairs[pair].sector)] += static_cast<double>(n);
      return;
    }
    Arrive(pair, locality, age + 1, n);
  }

  void Step(int run, int year, SupplyFlows& flows) {
    const int localities = model_.localities;
    next_.assign(cells_.size(), T{});
    next_people_.assign(block_people_.size(), T{});
    next_fte_.assign(block_fte_.size(), 0.0);
    std::vector<std::vector<T>> next_courses(courses_.size());
    for (std::size_t course = 0; course < courses_.size(); ++course) next_courses[course].assign(courses_[course].size(), T{});
    std::vector<T> headcount(model_.pairs.size(), T{});

    // Staff in post: retirement, leaving, moves, ageing.
    for (std::size_t pair = 0; pair < model_.pairs.size(); ++pair) {
      const Model::Pair& info = model_.pairs[pair];
      for (int locality = 0; locality < localities; ++locality) {
        const std::size_t block = pair * static_cast<std::size_t>(localities) + static_cast<std::size_t>(locality);
        if (block_people_[block] <= T{}) continue;
        Rng rng(seed_, Stream(run, year, kCellStream, block));
        for (int age = 0; age < kAges; ++age) {
          T n = cells_[model_.Cell(pair, locality, age)];
          if (n <= T{}) continue;
          headcount[pair] += n;
          const std::size_t band = kBandOfAge[static_cast<std::size_t>(age)];
          const std::vector<Model::Exit>& exits = model_.exits[pair];
          // Each person's fate: retiring, leaving, one of the exits, or staying. Few people are
          // drawn one by one from the cumulative chances; more by successive binomials.
          T retiring{};
          T leaving{};
          std::array<T, kMaxExitsOneByOne> moving{};
          bool one_by_one = false;
          if constexpr (std::is_same_v<T, int64_t>) {
            one_by_one = n <= kOneByOneCell && exits.size() <= kMaxExitsOneByOne;
            if (one_by_one) {
              // How many meet any fate (binomial with the chance q of any, by inversion from
              // P(none) = (1 - q)^n; usually none, one uniform for the cell), then each one's
              // fate from the cumulative chances scaled to q.
              const std::vector<double>& fates = info.fates[band];
              const double any = fates.back();
              T events = n;
              if (any < 1.0) {
                const double u = rng.Uniform32();
                double chance = info.no_fate[band][static_cast<std::size_t>(n)];
                double below = chance;
                events = 0;
                while (u >= below && events < n) {
                  chance *= static_cast<double>(n - events) * kOneOver[static_cast<std::size_t>(events) + 1] * info.fate_odds[band];
                  ++events;
                  below += chance;
                }
              }
              for (T event = 0; event < events; ++event) {
                const double u = rng.Uniform32() * any;
                std::size_t fate = 0;
                while (fate + 1 < fates.size() && u >= fates[fate]) ++fate;
                if (fate == 0) {
                  ++retiring;
                } else if (fate == 1) {
                  ++leaving;
                } else {
                  ++moving[fate - 2];
                }
              }
              n -= retiring + leaving;
              for (std::size_t exit = 0; exit < exits.size(); ++exit) n -= moving[exit];
            }
          }
          if (!one_by_one) {
            retiring = D::Thin(rng, n, info.retire[band]);
            n -= retiring;
            leaving = D::Thin(rng, n, info.leave[band]);
            n -= leaving;
          }
          flows.retirements += static_cast<double>(retiring);
          flows.retirements_by_sector[static_cast<std::size_t>(info.sector)] += static_cast<double>(retiring);
          Tally(pair, kRetirements, retiring);
          flows.leavers += static_cast<double>(leaving);
          Tally(pair, kLeavers, leaving);
          for (std::size_t index = 0; index < exits.size(); ++index) {
            const Model::Exit& exit = exits[index];
            T moved{};
            if (one_by_one) {
              moved = moving[index];
            } else {
              moved = D::Thin(rng, n, exit.rate);
              n -= moved;
            }
            if (exit.to_pipeline) {
              next_courses[exit.target][model_.CourseCell(0, locality, std::min(age + 1, kAges - 1))] += moved;
              flows.training_intake += static_cast<double>(moved);
              Tally(pair, kIntoTraining, moved);
            } else {
              Tally(pair, kMovesOut, moved);
              Tally(exit.target, kMovesIn, moved);
              Age(exit.target, locality, age, moved, flows);
              flows.moves += static_cast<double>(moved);
            }
          }
          Age(pair, locality, age, n, flows);
        }
      }
    }

    // Training pipelines: attrition, progress, completion, then this year's intake.
    for (std::size_t course = 0; course < model_.courses.size(); ++course) {
      const Model::Course& info = model_.courses[course];
      Rng rng(seed_, Stream(run, year, kPipelineStream, course));
      for (int stage = info.years - 1; stage >= 0; --stage) {
        for (int locality = 0; locality < localities; ++locality) {
          for (int age = 0; age < kAges; ++age) {
            T n = courses_[course][model_.CourseCell(stage, locality, age)];
            if (n <= T{}) continue;
            const T dropping = D::Thin(rng, n, info.attrition);
            n -= dropping;
            flows.training_attrition += static_cast<double>(dropping);
            if (stage == info.years - 1) {
              flows.completions += static_cast<double>(n);
              Tally(info.pair, kCompletions, n);
              Age(info.pair, locality, age, n, flows);
            } else {
              next_courses[course][model_.CourseCell(stage + 1, locality, std::min(age + 1, kAges - 1))] += n;
            }
          }
        }
      }
      const T intake = D::Volume(rng, info.intake);
      D::Scatter(rng, intake, info.spread, [&](std::size_t locality, std::size_t age, T k) {
        next_courses[course][model_.CourseCell(0, static_cast<int>(locality), static_cast<int>(age))] += k;
      });
    }

    // Joiners, at the ages they join.
    for (std::size_t join = 0; join < model_.joins.size(); ++join) {
      const Model::Join& info = model_.joins[join];
      Rng rng(seed_, Stream(run, year, kJoinerStream, join));
      const T total = info.volume ? D::Volume(rng, info.amount)
                                  : D::Poisson(rng, info.amount * static_cast<double>(headcount[info.pair]));
      flows.joiners[static_cast<std::size_t>(info.source)] += static_cast<double>(total);
      Tally(info.pair, kJoiners, total);
      D::Scatter(rng, total, info.spread, [&](std::size_t locality, std::size_t age, T k) {
        Arrive(info.pair, static_cast<int>(locality), static_cast<int>(age), k);
      });
    }
    cells_.swap(next_);
    block_people_.swap(next_people_);
    block_fte_.swap(next_fte_);
    courses_.swap(next_courses);
  }

  void Record(int year, RunOutput& out) const {
    const std::size_t years = static_cast<std::size_t>(model_.years);
    for (std::size_t block = 0; block < block_people_.size(); ++block) {
      if (block_people_[block] <= T{}) continue;
      const auto headcount = static_cast<double>(block_people_[block]);
      for (const std::size_t series : model_.series_of_block[block]) {
        const std::size_t at = (series * (years + 1) + static_cast<std::size_t>(year)) * 2;
        out.values[at] += headcount;
        out.values[at + 1] += block_fte_[block];
      }
    }
  }

  const Model& model_;
  uint64_t seed_;
  std::vector<std::array<double, kPairFlows>>* pair_flows_ = nullptr;
  std::vector<T> cells_;
  std::vector<T> block_people_;  // per (pair, locality) block
  std::vector<double> block_fte_;
  std::vector<T> next_;
  std::vector<T> next_people_;
  std::vector<double> next_fte_;
  std::vector<std::vector<T>> courses_;
};

// Quantile by linear interpolation between order statistics (Hyndman and Fan type 7).
double Quantile(std::vector<double>& sorted, double p) {
  const double h = (static_cast<double>(sorted.size()) - 1.0) * p;
  const auto low = static_cast<std::size_t>(std::floor(h));
  const std::size_t high = std::min(low + 1, sorted.size() - 1);
  return sorted[low] + (h - static_cast<double>(low)) * (sorted[high] - sorted[low]);
}

Model BuildModel(const Place& place, const SupplyConfig& config, const FlowRates& rates, int years,
                 std::vector<SupplySeries>& series) {
  Model model;
  model.years = years;
  model.localities = config.by_locality ? std::max<int>(1, static_cast<int>(place.localities.size())) : 1;
  const auto locality_of = [&](Index locality) { return config.by_locality ? static_cast<int>(locality) : 0; };

  // Pairs: every role and sector the rates cover (staff, leavers and configured flows).
  std::map<std::pair<Index, Sector>, std::size_t> pair_index;
  for (const LeaverRateRow& row : rates.leaving) {
    if (row.band != kBands) continue;
    pair_index[{row.role, row.sector}] = model.pairs.size();
    Model::Pair pair{row.role, row.sector, {}, {}, {}, {}, {}};
    for (std::size_t band = 0; band < kBands; ++band) {
      pair.leave[band] = rates.Leaving(row.role, row.sector, band);
      pair.retire[band] = rates.Retirement(row.role, row.sector, band);
    }
    model.pairs.push_back(pair);
  }
  const std::size_t pairs = model.pairs.size();
  const auto localities = static_cast<std::size_t>(model.localities);

  // People at the census, each in the role, sector and locality of their largest post.
  std::vector<std::size_t> main_post(place.person_ids.size(), SIZE_MAX);
  std::vector<double> person_fte(place.person_ids.size(), 0.0);
  for (std::size_t post = 0; post < place.staff.size(); ++post) {
    const StaffPost& staff = place.staff[post];
    person_fte[staff.person] += staff.fte;
    if (main_post[staff.person] == SIZE_MAX || staff.fte > place.staff[main_post[staff.person]].fte) main_post[staff.person] = post;
  }
  model.initial_cells.assign(pairs * localities * kAges, 0.0);
  std::vector<std::array<double, kBands>> fte_sum(pairs);
  std::vector<std::array<double, kBands>> people(pairs);
  std::vector<double> locality_total(localities, 0.0);
  for (std::size_t person = 0; person < main_post.size(); ++person) {
    if (main_post[person] == SIZE_MAX) continue;
    const StaffPost& post = place.staff[main_post[person]];
    const std::size_t pair = pair_index.at({post.role, place.organisations[post.organisation].sector});
    const int age = std::clamp(post.age, kSupplyMinAge, kSupplyMaxAge) - kSupplyMinAge;
    const int locality = locality_of(post.locality);
    model.initial_cells[model.Cell(pair, locality, age)] += 1.0;
    const std::size_t band = kBandOfAge[static_cast<std::size_t>(age)];
    fte_sum[pair][band] += person_fte[person];
    people[pair][band] += 1.0;
    locality_total[static_cast<std::size_t>(locality)] += 1.0;
  }
  // FTE per person by band, else the pair's, else the role's, else full time.
  std::map<Index, std::pair<double, double>> role_fte;
  for (std::size_t pair = 0; pair < pairs; ++pair) {
    for (std::size_t band = 0; band < kBands; ++band) {
      role_fte[model.pairs[pair].role].first += fte_sum[pair][band];
      role_fte[model.pairs[pair].role].second += people[pair][band];
    }
  }
  for (std::size_t pair = 0; pair < pairs; ++pair) {
    Model::Pair& info = model.pairs[pair];
    const double all_fte = std::accumulate(fte_sum[pair].begin(), fte_sum[pair].end(), 0.0);
    const double all_people = std::accumulate(people[pair].begin(), people[pair].end(), 0.0);
    const auto& [role_sum, role_people] = role_fte[info.role];
    const double fallback = all_people > 0 ? all_fte / all_people : role_people > 0 ? role_sum / role_people : 1.0;
    for (std::size_t band = 0; band < kBands; ++band) {
      info.fte[band] = people[pair][band] > 0 ? fte_sum[pair][band] / people[pair][band] : fallback;
    }
    // Locality shares: the pair's headcount, else all staff, else even.
    info.locality_shares.assign(localities, 0.0);
    double total = 0.0;
    for (std::size_t locality = 0; locality < localities; ++locality) {
      for (int age = 0; age < kAges; ++age) {
        info.locality_shares[locality] += model.initial_cells[model.Cell(pair, static_cast<int>(locality), age)];
      }
      total += info.locality_shares[locality];
    }
    if (total <= 0) info.locality_shares = locality_total;
    if (std::accumulate(info.locality_shares.begin(), info.locality_shares.end(), 0.0) <= 0) info.locality_shares.assign(localities, 1.0);
  }

  // Pipelines.
  model.exits.resize(pairs);
  for (const Pipeline& pipeline : config.pipelines) {
    const std::size_t course = model.courses.size();
    const std::size_t target = pair_index.at({pipeline.role, pipeline.sector});
    const std::array<double, kAges> intake_ages = UniformAges(pipeline.intake_ages.first, pipeline.intake_ages.second);
    Model::Course info{target, pipeline.years, pipeline.attrition_per_year, pipeline.intake_per_year.value_or(0.0),
                       Spread(model.pairs[target].locality_shares, intake_ages)};
    model.courses.push_back(info);
    std::vector<double> cells(static_cast<std::size_t>(pipeline.years) * localities * kAges, 0.0);
    const auto& shares = model.pairs[info.pair].locality_shares;
    const double share_total = std::accumulate(shares.begin(), shares.end(), 0.0);
    for (std::size_t stage = 0; stage < pipeline.in_training.size(); ++stage) {
      // Today's trainees: intake ages plus the years done, spread like the intake.
      for (std::size_t locality = 0; locality < localities; ++locality) {
        for (int age = 0; age < kAges; ++age) {
          const int older = std::min(age + static_cast<int>(stage), kAges - 1);
          cells[model.CourseCell(static_cast<int>(stage), static_cast<int>(locality), older)] +=
              pipeline.in_training[stage] * shares[locality] / share_total * intake_ages[static_cast<std::size_t>(age)];
        }
      }
    }
    model.initial_courses.push_back(std::move(cells));
    if (pipeline.from_role) {
      for (std::size_t pair = 0; pair < pairs; ++pair) {
        if (model.pairs[pair].role == *pipeline.from_role &&
            (!pipeline.from_sector || *pipeline.from_sector == model.pairs[pair].sector)) {
          model.exits[pair].push_back(Model::Exit{true, course, pipeline.intake_rate});
        }
      }
    }
  }
  // Moves, in configuration order after pipeline intakes.
  for (const MoveFlow& move : config.moves) {
    for (std::size_t pair = 0; pair < pairs; ++pair) {
      const Model::Pair& from = model.pairs[pair];
      if (from.role != move.from_role || (move.from_sector && *move.from_sector != from.sector)) continue;
      model.exits[pair].push_back(
          Model::Exit{false, pair_index.at({move.to_role, move.to_sector.value_or(from.sector)}), move.rate});
    }
  }
  // Cumulative chances of each fate, in the order the binomial draws take them.
  for (std::size_t pair = 0; pair < pairs; ++pair) {
    Model::Pair& info = model.pairs[pair];
    for (std::size_t band = 0; band < kBands; ++band) {
      std::vector<double>& fates = info.fates[band];
      double remaining = 1.0;
      double cumulative = info.retire[band];
      fates.push_back(cumulative);
      remaining -= info.retire[band];
      cumulative += remaining * info.leave[band];
      fates.push_back(cumulative);
      remaining *= 1.0 - info.leave[band];
      for (const Model::Exit& exit : model.exits[pair]) {
        cumulative += remaining * exit.rate;
        fates.push_back(cumulative);
        remaining *= 1.0 - exit.rate;
      }
      info.fate_odds[band] = cumulative < 1.0 ? cumulative / (1.0 - cumulative) : 0.0;
      for (std::size_t n = 0; n <= kOneByOneCell; ++n) {
        info.no_fate[band][n] = std::pow(1.0 - cumulative, static_cast<double>(n));
      }
    }
  }

  // Joiners: configured flows, and recruitment as last year where none is configured.
  std::vector<bool> configured(pairs, false);
  std::map<std::pair<Index, Sector>, const ObservedJoiners*> observed;
  for (const ObservedJoiners& row : rates.joiners) observed[{row.role, row.sector}] = &row;
  for (const JoinerFlow& flow : config.joiners) {
    const std::size_t pair = pair_index.at({flow.role, flow.sector});
    configured[pair] = true;
    const std::array<double, kAges> ages =
        flow.ages ? UniformAges(flow.ages->first, flow.ages->second) : AgeWeights(observed.at({flow.role, flow.sector})->age_shares);
    model.joins.push_back(Model::Join{pair, flow.source, flow.per_year.has_value(),
                                      flow.per_year.value_or(flow.rate.value_or(0.0)),
                                      Spread(model.pairs[pair].locality_shares, ages)});
  }
  if (config.observed_joiners) {
    for (std::size_t pair = 0; pair < pairs; ++pair) {
      const ObservedJoiners& row = *observed.at({model.pairs[pair].role, model.pairs[pair].sector});
      if (configured[pair] || row.joiners == 0) continue;
      model.joins.push_back(Model::Join{pair, JoinerSource::kObserved, true, static_cast<double>(row.joiners),
                                        Spread(model.pairs[pair].locality_shares, AgeWeights(row.age_shares))});
    }
  }

  // Series and the blocks feeding each.
  series.clear();
  series.push_back(SupplySeries{"total", "total", "All staff", {}, {}});
  std::map<Sector, std::size_t> sector_series;
  std::map<Index, std::size_t> role_series;
  for (const Model::Pair& pair : model.pairs) sector_series[pair.sector] = 0;
  for (const Model::Pair& pair : model.pairs) role_series[pair.role] = 0;
  for (auto& [sector, idx] : sector_series) {
    idx = series.size();
    series.push_back(SupplySeries{"sector", std::string(Code(sector)), std::string(Label(sector)), {}, {}});
  }
  for (auto& [role, idx] : role_series) {
    idx = series.size();
    series.push_back(SupplySeries{"role", place.roles[role].code, place.roles[role].name, {}, {}});
  }
  const std::size_t first_pair_series = series.size();
  for (const Model::Pair& pair : model.pairs) {
    series.push_back(SupplySeries{"role_sector", fmt::format("{}/{}", place.roles[pair.role].code, Code(pair.sector)),
                                  fmt::format("{}, {}", place.roles[pair.role].name, Label(pair.sector)), {}, {}});
  }
  const std::size_t first_locality_series = series.size();
  std::map<Index, std::size_t> role_locality_series;  // first of the role's localities
  if (config.by_locality && place.localities.size() > 1) {
    for (const Locality& locality : place.localities) series.push_back(SupplySeries{"locality", locality.code, locality.name, {}, {}});
    for (const auto& [role, idx] : role_series) {
      role_locality_series[role] = series.size();
      for (const Locality& locality : place.localities) {
        series.push_back(SupplySeries{"role_locality", fmt::format("{}/{}", place.roles[role].code, locality.code),
                                      fmt::format("{}, {}", place.roles[role].name, locality.name), {}, {}});
      }
    }
  }
  model.series_count = series.size();
  model.series_of_block.resize(pairs * localities);
  for (std::size_t pair = 0; pair < pairs; ++pair) {
    for (std::size_t locality = 0; locality < localities; ++locality) {
      auto& list = model.series_of_block[pair * localities + locality];
      list = {0, sector_series[model.pairs[pair].sector], role_series[model.pairs[pair].role], first_pair_series + pair};
      if (!role_locality_series.empty()) {
        list.push_back(first_locality_series + locality);
        list.push_back(role_locality_series[model.pairs[pair].role] + locality);
      }
    }
  }
  return model;
}

// Every run's series are kept until the percentiles are taken (and, with keep_runs, the FTE of
// roles and roles in localities after): an input error, before anything is allocated, when they
// would take more than options.max_run_bytes.
void CheckRunBytes(const Model& model, const std::vector<SupplySeries>& series,
                   const SupplyOptions& options) {
  const std::size_t years = static_cast<std::size_t>(options.years) + 1;
  const std::size_t values = model.series_count * years * 2;
  const auto runs = static_cast<std::size_t>(options.runs);
  std::size_t kept_series = 0;
  for (const SupplySeries& entry : series)
    kept_series += entry.dimension == "role" || entry.dimension == "role_locality";
  const double bytes_per_run =
      static_cast<double>(values) * sizeof(double) +
      (options.keep_runs ? static_cast<double>(kept_series * years) * sizeof(float) : 0.0) +
      static_cast<double>(options.years) * sizeof(SupplyFlows) +
      static_cast<double>(model.pairs.size()) * sizeof(std::array<double, kPairFlows>);
  if (bytes_per_run * static_cast<double>(runs) > static_cast<double>(options.max_run_bytes)) {
    throw InputError(
        Location{"supply projection", 1, 1},
        OverLimit(fmt::format("keeping {} runs of {} series over {} years ({:.0f} bytes)", runs,
                              model.series_count, years, bytes_per_run * static_cast<double>(runs)),
                  Limit{kMaxRunBytes.what, options.max_run_bytes},
                  " (fewer --runs, or --expected, or by_locality = false in supply.toml)"));
  }
}

}  // namespace

const SupplySeries* SupplyResult::Find(std::string_view dimension, std::string_view code) const {
  for (const SupplySeries& entry : series) {
    if (entry.dimension == dimension && entry.code == code) return &entry;
  }
  return nullptr;
}

void CheckRunMemory(const Place& place, const SupplyConfig& config,
                    const SupplyReference& reference, const SupplyOptions& options) {
  if (options.expected || options.runs < 1 || options.years < 1) return;
  std::vector<SupplySeries> series;
  const Model model =
      BuildModel(place, config, MeasureFlowRates(place, config, reference), options.years, series);
  CheckRunBytes(model, series, options);
}

SupplyResult ProjectSupply(const Place& place, const SupplyConfig& config, const SupplyReference& reference,
                           const SupplyOptions& options) {
  if (options.years < 1 || options.runs < 1) throw InternalError("supply needs at least one year and one run");
  if (options.runs > kMaxRuns.most) {
    throw InputError(Location{"supply projection", 1, 1}, OverLimit(fmt::format("{} runs", options.runs), kMaxRuns));
  }
  if (options.years > kMaxYears.most) {
    throw InputError(Location{"supply projection", 1, 1}, OverLimit(fmt::format("{} years", options.years), kMaxYears));
  }
  const auto started = std::chrono::steady_clock::now();
  const auto stop_clock = [&](SupplyResult& done) {
    done.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  };
  SupplyResult result;
  result.base_year = place.base_year;
  result.last_year = place.base_year + options.years;
  result.seed = options.seed;
  result.expected = options.expected;
  result.by_locality = config.by_locality && place.localities.size() > 1;
  result.credibility_staff_years = config.credibility_staff_years;
  for (const Role& role : place.roles) result.role_codes.push_back(role.code);
  result.rates = MeasureFlowRates(place, config, reference);
  const Model model = BuildModel(place, config, result.rates, options.years, result.series);
  const std::size_t years = static_cast<std::size_t>(options.years) + 1;
  const std::size_t values = model.series_count * years * 2;

  const auto finish_flows = [&](const std::vector<RunOutput>& outputs) {
    result.flows.assign(static_cast<std::size_t>(options.years), SupplyFlows{});
    for (std::size_t year = 0; year < result.flows.size(); ++year) {
      SupplyFlows& mean = result.flows[year];
      mean.year = result.base_year + static_cast<int>(year) + 1;
      for (const RunOutput& out : outputs) {
        const SupplyFlows& flows = out.flows[year];
        mean.leavers += flows.leavers;
        mean.retirements += flows.retirements;
        for (std::size_t source = 0; source < kJoinerSources; ++source) mean.joiners[source] += flows.joiners[source];
        mean.completions += flows.completions;
        mean.moves += flows.moves;
        mean.training_intake += flows.training_intake;
        mean.training_attrition += flows.training_attrition;
        mean.in_training += flows.in_training;
        for (std::size_t sector = 0; sector < mean.retirements_by_sector.size(); ++sector) {
          mean.retirements_by_sector[sector] += flows.retirements_by_sector[sector];
        }
      }
      const auto n = static_cast<double>(outputs.size());
      mean.leavers /= n;
      mean.retirements /= n;
      for (double& joiners : mean.joiners) joiners /= n;
      mean.completions /= n;
      mean.moves /= n;
      mean.training_intake /= n;
      mean.training_attrition /= n;
      mean.in_training /= n;
      for (double& retirements : mean.retirements_by_sector) retirements /= n;
    }
    // By role over the horizon, averaged in run order.
    std::map<Index, RoleFlows> by_role;
    for (std::size_t pair = 0; pair < model.pairs.size(); ++pair) {
      RoleFlows& role = by_role[model.pairs[pair].role];
      role.role = model.pairs[pair].role;
      std::array<double, kPairFlows> sum{};
      for (const RunOutput& out : outputs) {
        for (std::size_t flow = 0; flow < kPairFlows; ++flow) sum[flow] += out.pair_flows[pair][flow];
      }
      for (double& value : sum) value /= static_cast<double>(outputs.size());
      role.leavers += sum[kLeavers];
      role.retirements += sum[kRetirements];
      role.joiners += sum[kJoiners];
      role.completions += sum[kCompletions];
      role.moves_in += sum[kMovesIn];
      role.moves_out += sum[kMovesOut];
      role.into_training += sum[kIntoTraining];
    }
    for (auto& [role, flows] : by_role) {
      const SupplySeries* series = result.Find("role", place.roles[role].code);
      flows.base = series->headcount.mean.front();
      flows.last = series->headcount.mean.back();
      result.role_flows.push_back(flows);
    }
  };

  if (options.expected) {
    result.runs = 1;
    std::vector<RunOutput> outputs(1);
    Simulation<double>(model, options.seed).Run(0, outputs[0]);
    for (std::size_t series = 0; series < model.series_count; ++series) {
      for (std::size_t year = 0; year < years; ++year) {
        result.series[series].headcount.mean.push_back(outputs[0].values[(series * years + year) * 2]);
        result.series[series].fte.mean.push_back(outputs[0].values[(series * years + year) * 2 + 1]);
      }
    }
    result.person_years = outputs[0].person_years;
    finish_flows(outputs);
    stop_clock(result);
    return result;
  }

  result.runs = options.runs;
  const auto runs = static_cast<std::size_t>(options.runs);
  CheckRunBytes(model, result.series, options);
  const int hardware = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  result.threads = std::min(options.threads > 0 ? options.threads : hardware, options.runs);
  std::vector<RunOutput> outputs(runs);
  std::vector<double> matrix(values * runs);  // [value][run]
  std::atomic<int> next_run{0};
  int finished = 0;  // under progress_mutex
  std::mutex progress_mutex;
  const auto work = [&] {
    Simulation<int64_t> simulation(model, options.seed);
    RunOutput out;
    for (int run = next_run++; run < options.runs; run = next_run++) {
      simulation.Run(run, out);
      for (std::size_t value = 0; value < values; ++value) matrix[value * runs + static_cast<std::size_t>(run)] = out.values[value];
      outputs[static_cast<std::size_t>(run)].flows = std::move(out.flows);
      outputs[static_cast<std::size_t>(run)].pair_flows = std::move(out.pair_flows);
      outputs[static_cast<std::size_t>(run)].person_years = out.person_years;
      if (options.progress) {
        // Counted under the lock, so that the display sees 1, 2, ... in order and ends on the total.
        const std::lock_guard lock(progress_mutex);
        options.progress(++finished, options.runs);
      }
    }
  };
  {
    std::vector<std::jthread> workers;
    for (int thread = 1; thread < result.threads; ++thread) workers.emplace_back(work);
    work();
  }
  // Every run's FTE of each role (and role in a locality), for the probability of gaps.
  if (options.keep_runs) {
    result.runs_fte.resize(model.series_count);
    for (std::size_t series = 0; series < model.series_count; ++series) {
      const std::string& dimension = result.series[series].dimension;
      if (dimension != "role" && dimension != "role_locality") continue;
      auto& kept = result.runs_fte[series];
      kept.resize(years * runs);
      for (std::size_t year = 0; year < years; ++year) {
        const double* column = &matrix[((series * years + year) * 2 + 1) * runs];
        for (std::size_t run = 0; run < runs; ++run) kept[year * runs + run] = static_cast<float>(column[run]);
      }
    }
  }
  // Means in run order and percentiles: the same whatever the number of threads.
  std::vector<double> sorted(runs);
  for (std::size_t series = 0; series < model.series_count; ++series) {
    for (std::size_t measure = 0; measure < 2; ++measure) {
      SupplySeries::Measure& out = measure == 0 ? result.series[series].headcount : result.series[series].fte;
      for (std::size_t year = 0; year < years; ++year) {
        const double* column = &matrix[((series * years + year) * 2 + measure) * runs];
        double sum = 0.0;
        for (std::size_t run = 0; run < runs; ++run) sum += column[run];
        const double mean = sum / static_cast<double>(runs);
        out.mean.push_back(mean);
        double squares = 0.0;
        for (std::size_t run = 0; run < runs; ++run) squares += (column[run] - mean) * (column[run] - mean);
        out.sd.push_back(runs > 1 ? std::sqrt(squares / static_cast<double>(runs - 1)) : 0.0);
        std::copy(column, column + runs, sorted.begin());
        std::sort(sorted.begin(), sorted.end());
        out.p10.push_back(Quantile(sorted, 0.1));
        out.p50.push_back(Quantile(sorted, 0.5));
        out.p90.push_back(Quantile(sorted, 0.9));
      }
    }
  }
  for (const RunOutput& out : outputs) result.person_years += out.person_years;
  finish_flows(outputs);
  stop_clock(result);
  return result;
}

}  // namespace careforce::supply
