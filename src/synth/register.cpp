#include "synth/register.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>

#include <fmt/format.h>

#include "io/csv.hpp"
#include "io/reference_table.hpp"
#include "io/table.hpp"
#include "model/error.hpp"
#include "model/random.hpp"

namespace careforce::synth {

namespace {

constexpr uint64_t kRegisterStream = 40;
constexpr uint64_t kPracticeRegisterStream = 41;

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

std::vector<PracticeRegister> SynthesisePracticeRegisters(const Place& place, const demand::DemandReference& reference,
                                                          const std::string& reference_directory, uint64_t seed) {
  struct Recording {
    std::string register_code;
    double share;
    double sd;
  };
  std::vector<Recording> recording;
  Diagnostics diagnostics;
  static constexpr io::Column kLayout[] = {{"register", true},     {"recorded_share", true}, {"sd_between_practices", true},
                                           {"description", false}, {"source", true},         {"basis", true}};
  io::ReadReferenceTable(reference_directory, "synth/practice_registers.csv", kLayout, diagnostics, [&](const io::Table& table) {
    const auto share = table.Number(1, "recorded share", 0, false, 1, false);
    const auto sd = table.Number(2, "spread between practices", 0, false, 1, false);
    if (share && sd) recording.push_back(Recording{std::string(table.Get(0)), *share, *sd});
  });
  if (diagnostics.HasErrors()) throw InputError(std::move(diagnostics));

  // People in need per resident of each locality in the base year.
  std::vector<PracticeRegister> registers;
  Rng rng(seed, kPracticeRegisterStream << 48);
  for (const demand::RegisterLink& link : reference.register_links) {
    const auto found = std::find_if(recording.begin(), recording.end(),
                                    [&](const Recording& r) { return r.register_code == link.register_code; });
    if (found == recording.end()) continue;
    const demand::NeedDefinition* need = NeedOf(reference, link.need);
    std::vector<double> in_need(place.localities.size(), 0.0);
    std::vector<double> residents(place.localities.size(), 0.0);
    for (const PopulationCell& cell : place.population) {
      if (cell.year != place.base_year) continue;
      const int oldest = std::min(cell.age_to, 100);
      double rate = 0.0;
      for (int age = cell.age_from; age <= oldest; ++age) rate += need->RateAt(age, cell.sex);
      in_need[cell.locality] += cell.count * rate / (oldest - cell.age_from + 1);
      residents[cell.locality] += cell.count;
    }
    for (Index practice = 0; practice < place.gp_practices.size(); ++practice) {
      const GpPractice& gp = place.gp_practices[practice];
      const double prevalence = residents[gp.locality] > 0 ? in_need[gp.locality] / residents[gp.locality] : 0.0;
      const double share = std::clamp(rng.Normal(found->share, found->sd), 0.05, 1.0);
      registers.push_back(PracticeRegister{practice, link.register_code,
                                           rng.Binomial(gp.list_size, std::min(1.0, prevalence * share)), gp.list_size, 0});
    }
  }
  return registers;
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
