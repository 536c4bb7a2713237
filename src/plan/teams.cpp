#include "plan/teams.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numbers>
#include <numeric>
#include <optional>
#include <set>

#include <fmt/format.h>

#include "model/error.hpp"
#include "plan/parallel.hpp"
#include "plan/solver.hpp"

namespace careforce::plan {

namespace {

constexpr double kEarthRadiusKm = 6371.0088;  // IUGG mean radius
// Subgradient steps of the heuristic's lower bound (docs/performance.md: where it stops gaining).
constexpr int kBoundIterations = 300;

std::string Thousands(int64_t value) {
  // Digits from the last, a comma before every third.
  const uint64_t size = value < 0 ? 0 - static_cast<uint64_t>(value) : static_cast<uint64_t>(value);
  std::string reversed;
  uint64_t rest = size;
  int digits = 0;
  do {
    if (digits > 0 && digits % 3 == 0) reversed.push_back(',');
    reversed.push_back(static_cast<char>('0' + rest % 10));
    rest /= 10;
    ++digits;
  } while (rest > 0);
  if (value < 0) reversed.push_back('-');
  return std::string(reversed.rbegin(), reversed.rend());
}

// Practices that must be in one team (a network within the bounds, or one practice), or one
// practice of a network too large for one team (`network` >= 0: the split network it is in).
struct Unit {
  std::vector<Index> practices;
  int64_t population = 0;
  int network = -1;
};

// A group's practices and their units, with the distances between its practices.
class Group {
 public:
  Group(const Place& place, std::vector<Index> practices, const TeamSettings& settings)
      : place_(place), practices_(std::move(practices)) {
    for (const Index practice : practices_) population_ += place_.gp_practices[practice].list_size;
    local_.assign(place_.gp_practices.size(), kNoIndex);
    for (std::size_t at = 0; at < practices_.size(); ++at) local_[practices_[at]] = static_cast<Index>(at);
    distance_.assign(practices_.size() * practices_.size(), 0.0);
    for (std::size_t a = 0; a < practices_.size(); ++a) {
      const GpPractice& first = place_.gp_practices[practices_[a]];
      for (std::size_t b = a + 1; b < practices_.size(); ++b) {
        const GpPractice& second = place_.gp_practices[practices_[b]];
        const double km = DistanceKm(*first.latitude, *first.longitude, *second.latitude, *second.longitude);
        distance_[a * practices_.size() + b] = km;
        distance_[b * practices_.size() + a] = km;
      }
    }
    std::map<std::string, std::vector<Index>> networks;
    for (const Index practice : practices_) {
      const std::string& pcn = place_.gp_practices[practice].pcn;
      if (settings.keep_networks && !pcn.empty()) {
        networks[pcn].push_back(practice);
      } else {
        units_.push_back(Unit{{practice}, place_.gp_practices[practice].list_size, -1});
      }
    }
    for (auto& [code, members] : networks) {
      int64_t people = 0;
      for (const Index practice : members) people += place_.gp_practices[practice].list_size;
      if (people <= settings.max_population) {
        units_.push_back(Unit{members, people, -1});
        continue;
      }
      const int network = static_cast<int>(split_.size());
      split_.push_back(code);
      split_population_.push_back(people);
      for (const Index practice : members) {
        units_.push_back(Unit{{practice}, place_.gp_practices[practice].list_size, network});
      }
    }
    unit_of_.assign(practices_.size(), 0);
    for (std::size_t unit = 0; unit < units_.size(); ++unit) {
      for (const Index practice : units_[unit].practices) unit_of_[local_[practice]] = unit;
    }
  }

  const std::vector<Index>& practices() const { return practices_; }
  const std::vector<Unit>& units() const { return units_; }
  int64_t population() const { return population_; }
  std::size_t UnitOf(std::size_t base) const { return unit_of_[base]; }
  const std::vector<std::string>& split() const { return split_; }
  int64_t SplitPopulation(int network) const { return split_population_[static_cast<std::size_t>(network)]; }

  // The local index of one of the group's practices.
  std::size_t LocalOf(Index practice) const { return local_[practice]; }
  double Km(Index practice, std::size_t base) const {
    return distance_[local_[practice] * practices_.size() + base];
  }
  // List size x distance of a unit's practices to a base (a local practice index).
  double Cost(std::size_t unit, std::size_t base) const {
    double cost = 0.0;
    for (const Index practice : units_[unit].practices) {
      cost += static_cast<double>(place_.gp_practices[practice].list_size) * Km(practice, base);
    }
    return cost;
  }
  // Whether a unit may be in a team based at `base`: a split network's practices only with its
  // own bases, and its bases take no one else.
  bool Allowed(std::size_t unit, std::size_t base) const {
    return units_[unit].network == units_[unit_of_[base]].network;
  }

 private:
  const Place& place_;
  std::vector<Index> practices_;
  std::vector<Index> local_;
  std::vector<double> distance_;
  std::vector<Unit> units_;
  std::vector<std::size_t> unit_of_;
  std::vector<std::string> split_;
  std::vector<int64_t> split_population_;
  int64_t population_ = 0;
};

// Teams of a group: per base (a local practice index), the units in its team.
using Assignment = std::map<std::size_t, std::vector<std::size_t>>;

// A team as its base practice and its practices.
struct TeamPractices {
  Index base = kNoIndex;
  std::vector<Index> practices;
};

struct Solved {
  bool feasible = false;
  std::vector<TeamPractices> teams;
  double person_km = 0.0;
  double lower_bound = 0.0;
};

std::vector<TeamPractices> ToPractices(const Group& group, const Assignment& teams) {
  std::vector<TeamPractices> out;
  for (const auto& [base, units] : teams) {
    TeamPractices team{group.practices()[base], {}};
    for (const std::size_t unit : units) {
      for (const Index practice : group.units()[unit].practices) team.practices.push_back(practice);
    }
    out.push_back(std::move(team));
  }
  return out;
}

// The capacitated p-median programme of a group over the candidate bases of each unit: y_b opens a
// team at base b, x_ub puts unit u in it. A base of a split network costs `opening` on top of its
// distances, so that such a network is split into as few teams as fit.
struct Programme {
  LinearProgram program;
  std::vector<int> open;                               // per base: y's column, or -1
  std::vector<std::vector<std::pair<std::size_t, int>>> join;  // per unit: (base, x's column)
  double opening = 0.0;
};

Programme Build(const Group& group, const TeamSettings& settings, const std::vector<std::vector<std::size_t>>& candidates,
                bool integer) {
  Programme built;
  const std::size_t bases = group.practices().size();
  double farthest = 0.0;
  for (std::size_t unit = 0; unit < group.units().size(); ++unit) {
    for (const std::size_t base : candidates[unit]) farthest = std::max(farthest, group.Cost(unit, base));
  }
  built.opening = 1.0 + farthest * static_cast<double>(group.units().size());
  built.open.assign(bases, -1);
  std::vector<bool> used(bases, false);
  for (const auto& list : candidates) {
    for (const std::size_t base : list) used[base] = true;
  }
  for (std::size_t base = 0; base < bases; ++base) {
    if (!used[base]) continue;
    const bool split = group.units()[group.UnitOf(base)].network >= 0;
    built.open[base] = built.program.AddVariable(fmt::format("open_{}", base), 0, 1, split ? built.opening : 0.0, integer);
  }
  built.join.resize(group.units().size());
  for (std::size_t unit = 0; unit < group.units().size(); ++unit) {
    const int once = built.program.AddConstraint(fmt::format("one_team_{}", unit), 1, 1, false);
    for (const std::size_t base : candidates[unit]) {
      const int column = built.program.AddVariable(fmt::format("join_{}_{}", unit, base), 0, 1, group.Cost(unit, base), integer);
      built.program.Add(once, column, 1.0);
      built.join[unit].emplace_back(base, column);
      const int only_if_open = built.program.AddConstraint(fmt::format("open_{}_{}", unit, base), -kInfinity, 0, false);
      built.program.Add(only_if_open, column, 1.0);
      built.program.Add(only_if_open, built.open[base], -1.0);
    }
  }
  // As many teams as the people allow: at least all of them over the upper bound, at most over the
  // lower (a valid cut that tightens the relaxation a great deal).
  {
    const auto people = static_cast<double>(group.population());
    const int count = built.program.AddConstraint(
        "team_count", std::ceil(people / static_cast<double>(std::max<int64_t>(1, settings.max_population))),
        settings.min_population > 0 ? std::floor(people / static_cast<double>(settings.min_population)) : kInfinity, false);
    for (std::size_t base = 0; base < bases; ++base) {
      if (built.open[base] >= 0) built.program.Add(count, built.open[base], 1.0);
    }
  }
  // Bounds on each team's people, and a base in its own team.
  std::vector<int> lower(bases, -1), upper(bases, -1);
  for (std::size_t base = 0; base < bases; ++base) {
    if (built.open[base] < 0) continue;
    lower[base] = built.program.AddConstraint(fmt::format("min_people_{}", base), 0, kInfinity);
    upper[base] = built.program.AddConstraint(fmt::format("max_people_{}", base), -kInfinity, 0);
    built.program.Add(lower[base], built.open[base], -static_cast<double>(settings.min_population));
    built.program.Add(upper[base], built.open[base], -static_cast<double>(settings.max_population));
  }
  for (std::size_t unit = 0; unit < group.units().size(); ++unit) {
    const auto people = static_cast<double>(group.units()[unit].population);
    for (const auto& [base, column] : built.join[unit]) {
      built.program.Add(lower[base], column, people);
      built.program.Add(upper[base], column, people);
      if (group.UnitOf(base) == unit) {
        const int own = built.program.AddConstraint(fmt::format("base_in_team_{}", base), 0, kInfinity, false);
        built.program.Add(own, column, 1.0);
        built.program.Add(own, built.open[base], -1.0);
      }
    }
  }
  return built;
}

// Person-km of an assignment, and its worst distance.
double PersonKm(const Group& group, const Assignment& teams) {
  double total = 0.0;
  for (const auto& [base, units] : teams) {
    for (const std::size_t unit : units) total += group.Cost(unit, base);
  }
  return total;
}

Assignment Read(const Group& group, const Programme& built, const Solution& solution) {
  Assignment teams;
  for (std::size_t unit = 0; unit < group.units().size(); ++unit) {
    for (const auto& [base, column] : built.join[unit]) {
      if (solution.values[static_cast<std::size_t>(column)] > 0.5) teams[base].push_back(unit);
    }
  }
  return teams;
}

std::vector<std::vector<std::size_t>> AllBases(const Group& group) {
  std::vector<std::vector<std::size_t>> candidates(group.units().size());
  for (std::size_t unit = 0; unit < group.units().size(); ++unit) {
    for (std::size_t base = 0; base < group.practices().size(); ++base) {
      if (group.Allowed(unit, base)) candidates[unit].push_back(base);
    }
  }
  return candidates;
}

std::size_t Size(const std::vector<std::vector<std::size_t>>& candidates) {
  std::size_t size = 0;
  for (const auto& list : candidates) size += list.size();
  return size;
}

Solved SolveExact(const Group& group, const TeamSettings& settings) {
  const Programme built = Build(group, settings, AllBases(group), true);
  const Solution solution = Solve(built.program);
  Solved solved;
  if (solution.status != SolveStatus::kOptimal) return solved;
  solved.feasible = true;
  const Assignment teams = Read(group, built, solution);
  solved.teams = ToPractices(group, teams);
  solved.person_km = PersonKm(group, teams);
  solved.lower_bound = solved.person_km;
  return solved;
}

// The heuristic for a group too large to solve exactly (docs/methods.md, "Neighbourhood teams"):
// the group is cut in two, across its longer side at the median of its people, again and again
// until each part is small enough to solve exactly (when a part has no teams within the bounds,
// the cut is tried at a third of the people); the parts' exact answers together are the group's. Its
// lower bound is the whole group's Lagrangian bound (LagrangianBound, after the teams are found).
class Bisection {
 public:
  Bisection(const Place& place, const TeamSettings& settings) : place_(place), settings_(settings) {}

  std::optional<Solved> Solve(const std::vector<Index>& practices) const {
    const Group group(place_, practices, settings_);
    if (Size(AllBases(group)) <= settings_.exact_variables || group.units().size() < 4) {
      Solved solved = SolveExact(group, settings_);
      if (!solved.feasible) return std::nullopt;
      return solved;
    }
    const auto [first, second] = Halves(group);
    std::optional<Solved> one = Solve(first);
    std::optional<Solved> two = one ? Solve(second) : std::nullopt;
    if (!one || !two) {
      // The halves do not each make teams: try the cut elsewhere (at a third), then give up on
      // cutting this group (solved whole, exactly, however long that takes, is not an option
      // here; it has no teams by this heuristic).
      const auto [small, large] = Halves(group, 1.0 / 3.0);
      one = Solve(small);
      two = one ? Solve(large) : std::nullopt;
      if (!one || !two) return std::nullopt;
    }
    Solved joined = *one;
    joined.teams.insert(joined.teams.end(), two->teams.begin(), two->teams.end());
    joined.person_km += two->person_km;
    joined.lower_bound = 0.0;
    return joined;
  }

 private:
  // The group's units cut across the longer side of their spread at `share` of its people; the
  // practices of each side. A split network's practices stay on one side.
  std::pair<std::vector<Index>, std::vector<Index>> Halves(const Group& group, double share = 0.5) const {
    struct Placed {
      double key;
      std::size_t unit;
    };
    double min_lat = 90, max_lat = -90, min_lon = 180, max_lon = -180;
    std::vector<std::pair<double, double>> centre(group.units().size());
    for (std::size_t unit = 0; unit < group.units().size(); ++unit) {
      double lat = 0, lon = 0, weight = 0;
      for (const Index practice : group.units()[unit].practices) {
        const GpPractice& info = place_.gp_practices[practice];
        const double w = static_cast<double>(std::max<int64_t>(1, info.list_size));
        lat += *info.latitude * w;
        lon += *info.longitude * w;
        weight += w;
      }
      centre[unit] = {lat / weight, lon / weight};
      min_lat = std::min(min_lat, centre[unit].first);
      max_lat = std::max(max_lat, centre[unit].first);
      min_lon = std::min(min_lon, centre[unit].second);
      max_lon = std::max(max_lon, centre[unit].second);
    }
    // A split network sorts at its first practice's place, so that it stays whole.
    std::map<int, std::pair<double, double>> first_of_network;
    for (std::size_t unit = 0; unit < group.units().size(); ++unit) {
      const int network = group.units()[unit].network;
      if (network >= 0 && !first_of_network.count(network)) first_of_network[network] = centre[unit];
    }
    const double mid_lat = (min_lat + max_lat) / 2 * std::numbers::pi / 180;
    const bool by_latitude = (max_lat - min_lat) > (max_lon - min_lon) * std::cos(mid_lat);
    std::vector<Placed> order;
    for (std::size_t unit = 0; unit < group.units().size(); ++unit) {
      const int network = group.units()[unit].network;
      const auto& at = network >= 0 ? first_of_network[network] : centre[unit];
      order.push_back(Placed{by_latitude ? at.first : at.second, unit});
    }
    std::stable_sort(order.begin(), order.end(), [](const Placed& a, const Placed& b) { return a.key < b.key; });
    std::pair<std::vector<Index>, std::vector<Index>> halves;
    const double cut = share * static_cast<double>(group.population());
    double seen = 0;
    bool second = false;
    double last_key = -1e9;
    for (const Placed& placed : order) {
      const Unit& unit = group.units()[placed.unit];
      // Cut only between keys, so a split network (one key) is never cut.
      if (!second && seen >= cut && placed.key != last_key) second = true;
      auto& side = second ? halves.second : halves.first;
      side.insert(side.end(), unit.practices.begin(), unit.practices.end());
      seen += static_cast<double>(unit.population);
      last_key = placed.key;
    }
    return halves;
  }

  const Place& place_;
  const TeamSettings& settings_;
};

// A lower bound on the person-km of every partition of a group into teams within the bounds
// (docs/methods.md, "Neighbourhood teams"): the Lagrangian relaxation of "each unit in one team",
// with a multiplier per unit. For any multipliers the relaxation falls apart by base: a team
// opened at a base takes its own unit and, as a fractional knapsack, the units whose distance
// cost is below their multiplier, between the bounds on its people; then the cheapest bases open,
// as many as each class of bases (the bases of one split network, the other bases) must and
// may have. Its value is a valid bound whatever the multipliers; subgradient steps raise it.
class LagrangianBound {
 public:
  LagrangianBound(const Group& group, const TeamSettings& settings)
      : group_(group), settings_(settings) {
    const std::size_t bases = group.practices().size();
    candidates_.resize(bases);
    class_of_.resize(bases);
    std::map<int, std::size_t> class_index;
    for (std::size_t base = 0; base < bases; ++base) {
      const std::size_t own = group.UnitOf(base);
      const int network = group.units()[own].network;
      if (!class_index.count(network)) {
        class_index[network] = classes_.size();
        classes_.push_back(Class{});
      }
      class_of_[base] = class_index[network];
      classes_[class_of_[base]].bases.push_back(base);
      for (std::size_t unit = 0; unit < group.units().size(); ++unit) {
        if (unit == own || !group.Allowed(unit, base)) continue;
        candidates_[base].push_back(Candidate{static_cast<uint32_t>(unit), group.Cost(unit, base),
                                              static_cast<double>(group.units()[unit].population)});
      }
    }
    // Each class's people make between ceil(people / max) and floor(people / min) teams: its
    // units go only to its bases.
    std::vector<double> people(classes_.size(), 0.0);
    for (const Unit& unit : group.units()) {
      if (class_index.count(unit.network))
        people[class_index[unit.network]] += static_cast<double>(unit.population);
    }
    for (std::size_t at = 0; at < classes_.size(); ++at) {
      Class& info = classes_[at];
      info.fewest = static_cast<std::size_t>(std::ceil(
          people[at] / static_cast<double>(std::max<int64_t>(1, settings.max_population))));
      info.most = settings.min_population > 0
                      ? std::min(info.bases.size(),
                                 static_cast<std::size_t>(std::floor(
                                     people[at] / static_cast<double>(settings.min_population))))
                      : info.bases.size();
    }
  }

  // The best bound found by at most `iterations` subgradient steps from `start` (a multiplier per
  // unit), aiming at `upper` (the person-km of a known partition); `threads` share each step's
  // bases (the bound never depends on how many).
  double Compute(std::vector<double> multiplier, double upper, int iterations, int threads) {
    const std::size_t bases = group_.practices().size();
    std::vector<double> value(bases);
    std::vector<std::vector<std::pair<uint32_t, double>>> taken(bases);
    constexpr std::size_t kChunk = 64;
    const std::size_t chunks = (bases + kChunk - 1) / kChunk;
    double best = 0.0;
    double step_scale = 2.0;
    int since_better = 0;
    std::vector<double> subgradient(group_.units().size());
    std::vector<char> open(bases);
    // Threads only pay for themselves on large groups: a step of a locality of 150 practices takes
    // about 50 microseconds, less than starting a thread.
    constexpr std::size_t kParallelCandidates = 100000;
    std::size_t candidates = 0;
    for (const auto& list : candidates_) candidates += list.size();
    const int workers = candidates >= kParallelCandidates ? threads : 1;
    for (int iteration = 0; iteration < iterations; ++iteration) {
      RunInParallel(chunks, workers, nullptr, [&](std::size_t chunk) {
        std::vector<Item> scratch;
        for (std::size_t base = chunk * kChunk; base < std::min(bases, (chunk + 1) * kChunk);
             ++base) {
          value[base] = BaseValue(base, multiplier, scratch, taken[base]);
        }
      });
      double bound = std::accumulate(multiplier.begin(), multiplier.end(), 0.0);
      std::fill(open.begin(), open.end(), 0);
      for (const Class& info : classes_) {
        std::vector<std::size_t> order = info.bases;
        std::stable_sort(order.begin(), order.end(),
                         [&](std::size_t a, std::size_t b) { return value[a] < value[b]; });
        for (std::size_t rank = 0; rank < order.size() && rank < info.most; ++rank) {
          const double cost = value[order[rank]];
          if (rank >= info.fewest && cost >= 0) break;
          bound += cost;  // +infinity when the class cannot open enough teams: no partition exists
          open[order[rank]] = 1;
        }
        if (info.fewest > info.most) bound = std::numeric_limits<double>::infinity();
      }
      if (bound > best) {
        best = bound;
        since_better = 0;
      } else if (++since_better >= 20) {
        step_scale /= 2;
        since_better = 0;
      }
      if (best >= upper * (1 - 1e-9) || step_scale < 1e-4) break;
      std::fill(subgradient.begin(), subgradient.end(), 1.0);
      for (std::size_t base = 0; base < bases; ++base) {
        if (!open[base]) continue;
        for (const auto& [unit, share] : taken[base]) subgradient[unit] -= share;
      }
      double norm = 0.0;
      for (const double slope : subgradient) norm += slope * slope;
      if (norm == 0.0)
        break;  // the relaxation's teams cover every unit once: the bound is its best
      const double step = step_scale * (upper - bound) / norm;
      for (std::size_t unit = 0; unit < multiplier.size(); ++unit)
        multiplier[unit] += step * subgradient[unit];
    }
    return best;
  }

 private:
  struct Candidate {
    uint32_t unit;
    double cost;
    double people;
  };
  struct Item {
    double ratio;  // reduced cost per person
    double reduced;
    double people;
    uint32_t unit;
  };
  struct Class {
    std::vector<std::size_t> bases;
    std::size_t fewest = 0;
    std::size_t most = 0;
  };

  // The least reduced cost of a team opened at `base` (its own unit whole, others in any shares,
  // between the bounds on people) and the shares it takes; +infinity when no team there fits.
  double BaseValue(std::size_t base, const std::vector<double>& multiplier,
                   std::vector<Item>& scratch,
                   std::vector<std::pair<uint32_t, double>>& taken) const {
    const auto low = static_cast<double>(settings_.min_population);
    const auto high = static_cast<double>(settings_.max_population);
    const std::size_t own = group_.UnitOf(base);
    double people = static_cast<double>(group_.units()[own].population);
    double total = group_.Cost(own, base) - multiplier[own];
    taken.clear();
    taken.emplace_back(static_cast<uint32_t>(own), 1.0);
    if (people > high) return std::numeric_limits<double>::infinity();
    const auto by_ratio = [](const Item& a, const Item& b) {
      return a.ratio < b.ratio || (a.ratio == b.ratio && a.unit < b.unit);
    };
    // The items of `scratch`, the cheapest per person first, each whole or the share that brings
    // the team's people to `limit`.
    const auto fill_to = [&](double limit) {
      std::sort(scratch.begin(), scratch.end(), by_ratio);
      for (const Item& item : scratch) {
        const double room = limit - people;
        if (room <= 0) break;
        const double share = std::min(1.0, room / item.people);
        total += share * item.reduced;
        people += share * item.people;
        taken.emplace_back(item.unit, share);
      }
    };
    // Every unit that lowers the cost, the cheapest per person first, while there is room.
    scratch.clear();
    for (const Candidate& candidate : candidates_[base]) {
      const double reduced = candidate.cost - multiplier[candidate.unit];
      if (reduced >= 0) continue;
      if (candidate.people <= 0) {
        total += reduced;
        taken.emplace_back(candidate.unit, 1.0);
        continue;
      }
      scratch.push_back(
          Item{reduced / candidate.people, reduced, candidate.people, candidate.unit});
    }
    fill_to(high);
    if (people >= low) return total;
    // Too few people: the least costly per person of the rest until the lower bound.
    scratch.clear();
    for (const Candidate& candidate : candidates_[base]) {
      const double reduced = candidate.cost - multiplier[candidate.unit];
      if (reduced < 0 || candidate.people <= 0) continue;
      scratch.push_back(
          Item{reduced / candidate.people, reduced, candidate.people, candidate.unit});
    }
    fill_to(low);
    return people >= low * (1 - 1e-12) ? total : std::numeric_limits<double>::infinity();
  }

  const Group& group_;
  const TeamSettings& settings_;
  std::vector<std::vector<Candidate>> candidates_;  // per base: the other units it may take
  std::vector<std::size_t> class_of_;
  std::vector<Class> classes_;
};

Solved SolveHeuristic(const Place& place, const Group& group, const TeamSettings& settings,
                      int threads) {
  const std::optional<Solved> cut = Bisection(place, settings).Solve(group.practices());
  Solved solved;
  if (!cut) return solved;
  solved = *cut;
  // The bound's subgradient steps start from each unit's cost in the heuristic's teams.
  std::vector<double> start(group.units().size(), 0.0);
  for (const TeamPractices& team : solved.teams) {
    const std::size_t base = group.LocalOf(team.base);
    for (const Index practice : team.practices) {
      const std::size_t unit = group.UnitOf(group.LocalOf(practice));
      start[unit] = group.Cost(unit, base);
    }
  }
  LagrangianBound bound(group, settings);
  solved.lower_bound =
      std::clamp(bound.Compute(std::move(start), solved.person_km, kBoundIterations, threads), 0.0,
                 solved.person_km);
  return solved;
}

// Why a group has no teams within the bounds, in words.
std::string WhyInfeasible(const Place& place, const Group& group, const TeamSettings& settings) {
  const std::string bounds =
      fmt::format("teams of {} to {} registered people", Thousands(settings.min_population), Thousands(settings.max_population));
  if (group.population() < settings.min_population) {
    return fmt::format("its {} registered people are fewer than one team's lower bound ({})", Thousands(group.population()),
                       bounds);
  }
  for (const Unit& unit : group.units()) {
    if (unit.practices.size() == 1 && unit.population > settings.max_population) {
      return fmt::format("practice {} alone has {} registered people, more than {}",
                         place.gp_practices[unit.practices.front()].code, Thousands(unit.population), bounds);
    }
  }
  std::vector<int64_t> sizes;
  for (const Unit& unit : group.units()) {
    if (unit.network < 0) sizes.push_back(unit.population);
  }
  std::sort(sizes.rbegin(), sizes.rend());
  std::vector<std::string> listed;
  for (const int64_t size : sizes) listed.push_back(Thousands(size));
  return fmt::format("no grouping of its practices and networks ({} registered people each) makes {}",
                     fmt::join(listed, ", "), bounds);
}

std::string GroupName(const Place& place, Index locality) {
  return locality == kNoIndex ? std::string("the place") : place.localities[locality].name;
}

// The practices of each group: by locality, or all together.
std::vector<std::pair<Index, std::vector<Index>>> Groups(const Place& place, const TeamSettings& settings) {
  std::vector<std::pair<Index, std::vector<Index>>> groups;
  if (!settings.within_locality) {
    std::vector<Index> all(place.gp_practices.size());
    std::iota(all.begin(), all.end(), Index{0});
    groups.emplace_back(kNoIndex, std::move(all));
    return groups;
  }
  std::map<Index, std::vector<Index>> by_locality;
  for (Index practice = 0; practice < place.gp_practices.size(); ++practice) {
    by_locality[place.gp_practices[practice].locality].push_back(practice);
  }
  for (auto& [locality, practices] : by_locality) groups.emplace_back(locality, std::move(practices));
  return groups;
}

void RequireCoordinates(const Place& place) {
  for (const GpPractice& practice : place.gp_practices) {
    if (!practice.latitude || !practice.longitude) {
      throw InputError(Location{"gp_practices.csv", 1, 1},
                       fmt::format("practice {} has no latitude and longitude, expected coordinates for every practice "
                                   "to design teams",
                                   practice.code));
    }
  }
}

// Fills a team's figures from its practices and base.
Team MakeTeam(const Place& place, std::string code, Index locality, Index base, std::vector<Index> practices) {
  Team team;
  team.code = std::move(code);
  team.locality = locality;
  team.base = base;
  std::sort(practices.begin(), practices.end());
  team.practices = std::move(practices);
  const GpPractice& at = place.gp_practices[base];
  for (const Index practice : team.practices) {
    const GpPractice& member = place.gp_practices[practice];
    const double km = DistanceKm(*member.latitude, *member.longitude, *at.latitude, *at.longitude);
    team.population += member.list_size;
    team.person_km += static_cast<double>(member.list_size) * km;
    team.worst_km = std::max(team.worst_km, km);
  }
  return team;
}

}  // namespace

double DistanceKm(double latitude_a, double longitude_a, double latitude_b, double longitude_b) {
  constexpr double kRadians = std::numbers::pi / 180.0;
  const double dlat = (latitude_b - latitude_a) * kRadians;
  const double dlon = (longitude_b - longitude_a) * kRadians;
  const double h = std::sin(dlat / 2) * std::sin(dlat / 2) +
                   std::cos(latitude_a * kRadians) * std::cos(latitude_b * kRadians) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2.0 * kEarthRadiusKm * std::asin(std::min(1.0, std::sqrt(h)));
}

TeamDesign DesignTeams(const Place& place, const TeamSettings& settings, int threads) {
  if (settings.min_population < 0 || settings.max_population < settings.min_population) {
    throw InputError(Location{"place.toml", 1, 1},
                     fmt::format("team bounds {} to {} registered people, expected 0 <= min <= max",
                                 settings.min_population, settings.max_population));
  }
  RequireCoordinates(place);
  TeamDesign design;
  design.team_of_practice.assign(place.gp_practices.size(), std::numeric_limits<std::size_t>::max());
  // Groups are independent: solved side by side, then numbered in order.
  const std::vector<std::pair<Index, std::vector<Index>>> groups = Groups(place, settings);
  std::vector<TeamGroup> summaries(groups.size());
  std::vector<Solved> results(groups.size());
  RunInParallel(groups.size(), threads, nullptr, [&](std::size_t at) {
    const auto& [locality, practices] = groups[at];
    const Group group(place, practices, settings);
    TeamGroup& summary = summaries[at];
    summary.name = GroupName(place, locality);
    summary.practices = practices;
    summary.population = group.population();
    const bool exact = Size(AllBases(group)) <= settings.exact_variables;
    summary.method = exact ? "exact (CBC)" : "heuristic";
    results[at] =
        exact ? SolveExact(group, settings) : SolveHeuristic(place, group, settings, threads);
    if (!results[at].feasible) {
      summary.feasible = false;
      summary.problem = WhyInfeasible(place, group, settings);
    }
  });
  for (std::size_t at = 0; at < groups.size(); ++at) {
    const Index locality = groups[at].first;
    TeamGroup& summary = summaries[at];
    const Solved& solved = results[at];
    if (!solved.feasible) {
      design.groups.push_back(std::move(summary));
      continue;
    }
    summary.person_km = solved.person_km;
    summary.lower_bound = solved.lower_bound;
    // Teams numbered in the order of their base practices.
    std::vector<TeamPractices> teams = solved.teams;
    std::sort(teams.begin(), teams.end(), [](const TeamPractices& a, const TeamPractices& b) { return a.base < b.base; });
    std::size_t number = 0;
    for (TeamPractices& members : teams) {
      const Index team_locality = settings.within_locality ? locality : place.gp_practices[members.base].locality;
      const std::string prefix = locality == kNoIndex ? std::string("T") : fmt::format("{}-", place.localities[locality].code);
      Team team = MakeTeam(place, fmt::format("{}{}", prefix, ++number), team_locality, members.base, std::move(members.practices));
      for (const Index practice : team.practices) design.team_of_practice[practice] = design.teams.size();
      design.teams.push_back(std::move(team));
    }
    design.person_km += summary.person_km;
    design.lower_bound += summary.lower_bound;
    design.groups.push_back(std::move(summary));
  }
  for (std::size_t& team : design.team_of_practice) team = std::min(team, design.teams.size());
  return design;
}

TeamDesign CheckTeams(const Place& place, const std::vector<std::string>& team_of_practice, const TeamSettings& settings) {
  RequireCoordinates(place);
  TeamDesign design;
  std::map<std::string, std::vector<Index>> members;
  for (Index practice = 0; practice < team_of_practice.size(); ++practice) {
    if (!team_of_practice[practice].empty()) members[team_of_practice[practice]].push_back(practice);
  }
  design.team_of_practice.assign(place.gp_practices.size(), members.size());
  std::map<std::string, std::set<std::string>> teams_of_network;
  for (const auto& [code, practices] : members) {
    // Based at the practice that makes the team most compact.
    Index base = practices.front();
    double least = std::numeric_limits<double>::infinity();
    for (const Index candidate : practices) {
      const Team trial = MakeTeam(place, code, kNoIndex, candidate, practices);
      if (trial.person_km < least) {
        least = trial.person_km;
        base = candidate;
      }
    }
    std::set<Index> localities;
    for (const Index practice : practices) {
      localities.insert(place.gp_practices[practice].locality);
      if (!place.gp_practices[practice].pcn.empty()) teams_of_network[place.gp_practices[practice].pcn].insert(code);
    }
    Team team = MakeTeam(place, code, localities.size() == 1 ? *localities.begin() : kNoIndex, base, practices);
    if (team.population < settings.min_population || team.population > settings.max_population) {
      design.findings.push_back(fmt::format("team {} has {} registered people, outside {} to {}", code, Thousands(team.population),
                                            Thousands(settings.min_population), Thousands(settings.max_population)));
    }
    if (settings.within_locality && localities.size() > 1) {
      design.findings.push_back(fmt::format("team {} spans {} localities", code, localities.size()));
    }
    for (const Index practice : team.practices) design.team_of_practice[practice] = design.teams.size();
    design.person_km += team.person_km;
    design.teams.push_back(std::move(team));
  }
  if (settings.keep_networks) {
    for (const auto& [network, teams] : teams_of_network) {
      if (teams.size() > 1) {
        design.findings.push_back(fmt::format("network {} is split between teams {}", network, fmt::join(teams, ", ")));
      }
    }
  }
  for (Index practice = 0; practice < team_of_practice.size(); ++practice) {
    if (team_of_practice[practice].empty()) {
      design.findings.push_back(fmt::format("practice {} is in no team", place.gp_practices[practice].code));
    }
  }
  TeamGroup summary;
  summary.name = "the place";
  summary.method = "given";
  for (Index practice = 0; practice < place.gp_practices.size(); ++practice) summary.practices.push_back(practice);
  for (const GpPractice& practice : place.gp_practices) summary.population += practice.list_size;
  summary.person_km = design.person_km;
  design.groups.push_back(std::move(summary));
  return design;
}

}  // namespace careforce::plan
