#include "synth/register.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>

#include <fmt/format.h>

#include "io/csv.hpp"
#include "model/error.hpp"
#include "model/random.hpp"

namespace careforce::synth {

namespace {

constexpr uint64_t kRegisterStream = 40;

// Deficits (of the 36 of the electronic Frailty Index) spanning each category: fit up to 0.12,
// mild to 0.24, moderate to 0.36, severe above (Clegg et al. 2016).
constexpr std::array<std::pair<int, int>, 4> kDeficitRanges = {std::pair{0, 4}, std::pair{5, 8}, std::pair{9, 12},
                                                               std::pair{13, 20}};
// Unplanned admissions a year by frailty category (assumption: rising steeply with frailty, as
// in Clegg et al. 2016, where hazard ratios for admission rise from mild to severe frailty).
constexpr std::array<double, 4> kAdmissionRates = {0.05, 0.15, 0.35, 0.8};

// Poisson mean whose probability of two or more is `share` (bisection).
double MeanForTwoOrMore(double share) {
  double low = 0.0;
  double high = 20.0;
  for (int step = 0; step < 60; ++step) {
    const double mid = (low + high) / 2;
    const double two_or_more = 1.0 - std::exp(-mid) * (1.0 + mid);
    (two_or_more < share ? low : high) = mid;
  }
  return (low + high) / 2;
}

int Poisson(Rng& rng, double mean) {
  // Knuth's method: fine for the small means used here.
  const double limit = std::exp(-mean);
  double product = rng.Uniform();
  int count = 0;
  while (product > limit) {
    ++count;
    product *= rng.Uniform();
  }
  return count;
}

const demand::NeedDefinition* NeedOf(const demand::DemandReference& reference, std::string_view code) {
  for (const demand::NeedDefinition& need : reference.needs) {
    if (need.code == code) return &need;
  }
  throw InternalError(fmt::format("no need {} in the reference tables", code));
}

}  // namespace

Register SynthesiseRegister(const Place& place, const demand::DemandReference& reference, uint64_t seed, int min_age) {
  const auto* multimorbidity = NeedOf(reference, "multimorbidity");
  const auto* mild = NeedOf(reference, "frailty_mild");
  const auto* moderate = NeedOf(reference, "frailty_moderate");
  const auto* severe = NeedOf(reference, "frailty_severe");
  Register people;
  for (const GpPractice& practice : place.gp_practices) people.practices.push_back(practice.code);
  for (const Locality& locality : place.localities) people.localities.push_back(locality.code);
  // Practices of each locality, weighted by list size.
  std::vector<std::vector<std::pair<uint32_t, double>>> practices_of(place.localities.size());
  for (uint32_t idx = 0; idx < place.gp_practices.size(); ++idx) {
    practices_of[place.gp_practices[idx].locality].emplace_back(idx, static_cast<double>(place.gp_practices[idx].list_size));
  }
  Rng rng(seed, kRegisterStream << 48);
  for (const PopulationCell& cell : place.population) {
    if (cell.year != place.base_year || cell.age_to < min_age || practices_of[cell.locality].empty()) continue;
    std::vector<double> weights;
    for (const auto& [practice, list] : practices_of[cell.locality]) weights.push_back(list);
    const int oldest = std::min(cell.age_to, 100);
    const auto count = static_cast<int64_t>(std::llround(cell.count));
    for (int64_t idx = 0; idx < count; ++idx) {
      const int age = std::max(min_age, cell.age_from) +
                      static_cast<int>(rng.Below(static_cast<uint64_t>(oldest - std::max(min_age, cell.age_from) + 1)));
      const double shares[4] = {0.0, mild->RateAt(age, cell.sex), moderate->RateAt(age, cell.sex), severe->RateAt(age, cell.sex)};
      const std::array<double, 4> category_weights = {std::max(0.0, 1.0 - shares[1] - shares[2] - shares[3]), shares[1],
                                                      shares[2], shares[3]};
      const std::size_t category = rng.Choose(category_weights);
      const auto& [low, high] = kDeficitRanges[category];
      const int deficits = low + static_cast<int>(rng.Below(static_cast<uint64_t>(high - low + 1)));
      const int conditions = Poisson(rng, MeanForTwoOrMore(multimorbidity->RateAt(age, cell.sex)));
      const int admissions = Poisson(rng, kAdmissionRates[category]);
      // Living alone: about a quarter at 65 rising to over half in the late 80s (ONS Families
      // and Households: about a third of people aged 65+ live alone); assumption.
      const bool alone = rng.Bernoulli(std::min(0.6, 0.25 + 0.012 * (age - 65)));
      people.person_ids.push_back(fmt::format("R{:08d}", people.size() + 1));
      people.practice.push_back(practices_of[cell.locality][rng.Choose(weights)].first);
      people.locality.push_back(cell.locality);
      people.age.push_back(static_cast<uint8_t>(age));
      people.female.push_back(cell.sex == Sex::kFemale ? 1 : 0);
      people.deficits.push_back(static_cast<uint8_t>(deficits));
      people.conditions.push_back(static_cast<uint8_t>(std::min(conditions, 255)));
      people.admissions_12m.push_back(static_cast<uint8_t>(std::min(admissions, 255)));
      people.lives_alone.push_back(alone ? 1 : 0);
    }
  }
  return people;
}

void WriteRegister(const Register& people, const std::string& path) {
  std::string out;
  out.reserve(people.size() * 40 + 100);
  out += "person_id,practice,locality,age,sex,deficits,conditions,admissions_12m,lives_alone\n";
  for (std::size_t person = 0; person < people.size(); ++person) {
    fmt::format_to(std::back_inserter(out), "{},{},{},{},{},{},{},{},{}\n", people.person_ids[person],
                   people.practices[people.practice[person]], people.localities[people.locality[person]],
                   people.age[person], people.female[person] ? "F" : "M", people.deficits[person],
                   people.conditions[person], people.admissions_12m[person], people.lives_alone[person] ? "yes" : "no");
  }
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  file.write(out.data(), static_cast<std::streamsize>(out.size()));
  if (!file) throw IoError(fmt::format("{}: cannot write the register", path));
}

}  // namespace careforce::synth
