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
#include "plan/solver.hpp"

namespace careforce::plan {

namespace {

constexpr double kEarthRadiusKm = 6371.0088;  // IUGG mean radius

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
// until each part is small enough to solve exactly (a part with no teams within the bounds is
// solved joined to its sibling instead); the parts' exact answers together are the group's. Its
// lower bound is the linear relaxation of the whole group's programme when that is small enough
// to solve (else 0: no bound, and the gap is reported as 100%).
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

Solved SolveHeuristic(const Place& place, const Group& group, const TeamSettings& settings) {
  const std::optional<Solved> cut = Bisection(place, settings).Solve(group.practices());
  Solved solved;
  if (!cut) return solved;
  solved = *cut;
  // A lower bound: the whole group's relaxation, when small enough to solve.
  constexpr std::size_t kBoundVariables = 400000;
  const std::vector<std::vector<std::size_t>> all = AllBases(group);
  solved.lower_bound = 0.0;
  if (Size(all) <= kBoundVariables) {
    const Programme relaxed = Build(group, settings, all, false);
    const Solution bound = plan::Solve(relaxed.program);
    if (bound.status == SolveStatus::kOptimal) {
      double opened = 0.0;
      for (std::size_t base = 0; base < relaxed.open.size(); ++base) {
        if (relaxed.open[base] >= 0 && group.units()[group.UnitOf(base)].network >= 0) {
          opened += bound.values[static_cast<std::size_t>(relaxed.open[base])];
        }
      }
      solved.lower_bound = std::clamp(bound.objective - relaxed.opening * opened, 0.0, solved.person_km);
    }
  }
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

TeamDesign DesignTeams(const Place& place, const TeamSettings& settings) {
  if (settings.min_population < 0 || settings.max_population < settings.min_population) {
    throw InputError(Location{"place.toml", 1, 1},
                     fmt::format("team bounds {} to {} registered people, expected 0 <= min <= max",
                                 settings.min_population, settings.max_population));
  }
  RequireCoordinates(place);
  TeamDesign design;
  design.team_of_practice.assign(place.gp_practices.size(), std::numeric_limits<std::size_t>::max());
  for (auto& [locality, practices] : Groups(place, settings)) {
    const Group group(place, practices, settings);
    TeamGroup summary;
    summary.name = GroupName(place, locality);
    summary.practices = practices;
    summary.population = group.population();
    const bool exact = Size(AllBases(group)) <= settings.exact_variables;
    summary.method = exact ? "exact (CBC)" : "heuristic";
    const Solved solved = exact ? SolveExact(group, settings) : SolveHeuristic(place, group, settings);
    if (!solved.feasible) {
      summary.feasible = false;
      summary.problem = WhyInfeasible(place, group, settings);
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
