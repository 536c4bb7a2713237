#include "demand/demand.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <set>

#include <fmt/format.h>

#include "intelligence/disclosure.hpp"
#include "io/reference_table.hpp"
#include "io/table.hpp"
#include "model/error.hpp"

namespace careforce::demand {

namespace {

// The oldest age counted when an open band ("90+") is spread over single ages.
constexpr int kOldestAge = 100;

std::optional<std::pair<int, int>> ParseBand(std::string_view text) {
  if (text.ends_with('+')) {
    const auto from = io::ParseInteger(text.substr(0, text.size() - 1));
    if (!from) return std::nullopt;
    return std::pair<int, int>{static_cast<int>(*from), kOpenAgeBand};
  }
  const std::size_t dash = text.find('-');
  if (dash == std::string_view::npos) return std::nullopt;
  const auto from = io::ParseInteger(text.substr(0, dash));
  const auto to = io::ParseInteger(text.substr(dash + 1));
  if (!from || !to) return std::nullopt;
  return std::pair<int, int>{static_cast<int>(*from), static_cast<int>(*to)};
}

// Mean of a per-age quantity over the single ages of a population cell.
template <typename PerAge>
double MeanOverCell(const PopulationCell& cell, PerAge per_age) {
  const int last = std::min(cell.age_to, kOldestAge);
  double sum = 0.0;
  for (int age = cell.age_from; age <= last; ++age) sum += per_age(age);
  return last >= cell.age_from ? sum / (last - cell.age_from + 1) : 0.0;
}

double GrowthAt(const std::vector<GrowthRate>& growth, int age, Sex sex) {
  for (const GrowthRate& rate : growth) {
    if (rate.sex == sex && age >= rate.age_from && age <= rate.age_to) return rate.per_year;
  }
  return 0.0;
}

}  // namespace

double NeedDefinition::RateAt(int age, Sex sex) const {
  for (const PrevalenceRate& band : rates) {
    if (band.sex == sex && age >= band.age_from && age <= band.age_to) return band.rate;
  }
  return 0.0;
}

std::vector<std::string_view> DemandReference::NeedCodes() const {
  std::vector<std::string_view> codes;
  for (const NeedDefinition& need : needs) codes.push_back(need.code);
  return codes;
}

DemandReference LoadDemandReference(const std::string& reference_directory) {
  Diagnostics diagnostics;
  DemandReference reference;
  {
    static constexpr io::Column kLayout[] = {{"code", true}, {"name", true}, {"description", false}};
    io::ReadReferenceTable(reference_directory, "demand/needs.csv", kLayout, diagnostics, [&](const io::Table& table) {
      reference.needs.push_back(NeedDefinition{std::string(table.Get(0)), std::string(table.Get(1)), {}});
    });
  }
  {
    static constexpr io::Column kLayout[] = {{"need", true}, {"age_from", true}, {"age_to", true}, {"sex", true},
                                             {"rate", true}, {"description", false}, {"source", true}, {"basis", true}};
    io::ReadReferenceTable(reference_directory, "demand/prevalence.csv", kLayout, diagnostics, [&](const io::Table& table) {
      auto need = std::find_if(reference.needs.begin(), reference.needs.end(),
                               [&](const NeedDefinition& n) { return n.code == table.Get(0); });
      if (need == reference.needs.end()) {
        table.Error(0, fmt::format("unknown need \"{}\", expected a code from demand/needs.csv", table.Get(0)));
        return;
      }
      const auto from = table.Integer(1, "age_from", 0, 120);
      const auto to = table.Integer(2, "age_to", 0, 120);
      const auto rate = table.Number(4, "rate", 0, false, 1, false);
      const std::string_view sex = table.Get(3);
      if (sex != "F" && sex != "M") table.Error(3, fmt::format("sex \"{}\" is not allowed, expected F or M", sex));
      if (from && to && rate && (sex == "F" || sex == "M")) {
        need->rates.push_back(PrevalenceRate{static_cast<int>(*from), static_cast<int>(*to),
                                             sex == "F" ? Sex::kFemale : Sex::kMale, *rate});
        reference.figures.push_back({"demand/prevalence.csv", fmt::format("{} {} {}-{}", table.Get(0), sex, *from, *to),
                                     std::string(table.Get(4)), std::string(table.Get(5)), std::string(table.Get(6)),
                                     std::string(table.Get(7))});
      }
    });
  }
  {
    static constexpr io::Column kLayout[] = {{"age", true},          {"sex", true},    {"growth_per_year", true},
                                             {"description", false}, {"source", true}, {"basis", true}};
    io::ReadReferenceTable(reference_directory, "demand/population_growth.csv", kLayout, diagnostics,
                           [&](const io::Table& table) {
                             const auto band = ParseBand(table.Get(0));
                             const auto rate = table.Number(2, "growth per year", -0.5, false, 0.5, false);
                             if (!band) table.Error(0, "age band is not valid, expected a band such as 65-69 or 90+");
                             if (band && rate) {
                               reference.growth.push_back(GrowthRate{band->first, band->second == kOpenAgeBand ? 120 : band->second,
                                                                     table.Get(1) == "M" ? Sex::kMale : Sex::kFemale, *rate});
                               reference.figures.push_back({"demand/population_growth.csv",
                                                            fmt::format("{} {}", table.Get(0), table.Get(1)),
                                                            std::string(table.Get(2)), std::string(table.Get(3)),
                                                            std::string(table.Get(4)), std::string(table.Get(5))});
                             }
                           });
  }
  {
    static constexpr io::Column kLayout[] = {{"need", true},   {"register", true}, {"description", false},
                                             {"source", true}, {"basis", true}};
    io::ReadReferenceTable(reference_directory, "demand/register_calibration.csv", kLayout, diagnostics,
                           [&](const io::Table& table) {
                             const auto need = std::find_if(reference.needs.begin(), reference.needs.end(),
                                                            [&](const NeedDefinition& n) { return n.code == table.Get(0); });
                             if (need == reference.needs.end()) {
                               table.Error(0, fmt::format("unknown need \"{}\", expected a code from demand/needs.csv",
                                                          table.Get(0)));
                               return;
                             }
                             reference.register_links.push_back(RegisterLink{need->code, std::string(table.Get(1))});
                             reference.figures.push_back({"demand/register_calibration.csv", need->code,
                                                          fmt::format("register {}", table.Get(1)), std::string(table.Get(2)),
                                                          std::string(table.Get(3)), std::string(table.Get(4))});
                           });
  }
  if (diagnostics.HasErrors()) throw InputError(std::move(diagnostics));
  return reference;
}

namespace {

// Reports a population without counts for `year`, at the population file (or place.toml when the
// place has none).
void CheckPopulationOf(const Place& place, int year, Diagnostics& diagnostics) {
  const bool counted = std::any_of(place.population.begin(), place.population.end(),
                                   [&](const PopulationCell& cell) { return cell.year == year; });
  if (counted) return;
  const auto source = [&](std::string_view table) {
    const auto found = std::find_if(place.sources.begin(), place.sources.end(),
                                    [&](const SourceFile& file) { return file.table == table; });
    return found == place.sources.end() ? std::string() : found->path;
  };
  if (const std::string population = source("population"); !population.empty()) {
    diagnostics.Error(Location{population, 1, 1},
                      fmt::format("no population counts for {}, expected counts for the base year to project the "
                                  "demand of the service model from",
                                  year));
  } else {
    const std::string place_toml = source("place");
    diagnostics.Error(Location{place_toml.empty() ? std::string("place.toml") : place_toml, 1, 1},
                      fmt::format("the place has no population table, expected population.csv (or [files.population]) "
                                  "with counts for {} to project the demand of the service model from",
                                  year));
  }
}

}  // namespace

void CheckDemandInputs(const Place& place, const DemandReference& reference, Diagnostics& diagnostics) {
  const std::vector<std::string_view> needs = reference.NeedCodes();
  for (const auto& given : place.demand.prevalence_change_per_year) {
    if (std::find(needs.begin(), needs.end(), given.need) == needs.end()) {
      diagnostics.Error(given.where, fmt::format("unknown need \"{}\" in [demand.prevalence_change_per_year], expected "
                                                 "one of {}",
                                                 given.need, fmt::join(needs, ", ")));
    }
  }
  CheckPopulationOf(place, place.base_year, diagnostics);
}

std::vector<PopulationCell> ProjectPopulation(const Place& place, const DemandReference& reference, int first_year,
                                              int last_year, std::vector<int>* grown_years) {
  std::map<int, std::vector<const PopulationCell*>> by_year;
  for (const PopulationCell& cell : place.population) by_year[cell.year].push_back(&cell);
  if (!by_year.contains(first_year)) {
    Diagnostics problems;
    CheckPopulationOf(place, first_year, problems);
    throw InputError(std::move(problems));
  }
  std::vector<PopulationCell> projected;
  int from_year = first_year;
  for (int year = first_year; year <= last_year; ++year) {
    if (by_year.contains(year)) {
      from_year = year;
      for (const PopulationCell* cell : by_year[year]) projected.push_back(*cell);
      continue;
    }
    if (grown_years) grown_years->push_back(year);
    for (const PopulationCell* cell : by_year[from_year]) {
      PopulationCell grown = *cell;
      grown.year = year;
      const double rate = MeanOverCell(*cell, [&](int age) { return GrowthAt(reference.growth, age, cell->sex); });
      grown.count = cell->count * std::pow(1.0 + rate, year - from_year);
      projected.push_back(grown);
    }
  }
  return projected;
}

namespace {

// Residents aged 65 and over of one age-sex cell (spread evenly over its single ages).
double AgedSixtyFivePlus(const PopulationCell& cell) {
  return cell.count * MeanOverCell(cell, [](int age) { return age >= 65 ? 1.0 : 0.0; });
}

// People in need by locality and need for one year's population cells, with prevalence factors;
// then the risk tiers, scaled by the locality's residents aged 65+ against the base year.
std::vector<std::vector<double>> PeopleInNeed(const Place& place, const std::vector<const PopulationCell*>& cells,
                                              const std::vector<const NeedDefinition*>& needs,
                                              const std::vector<double>& factors, const TierCohorts& tiers,
                                              const std::vector<double>& base_older,
                                              const std::vector<std::vector<double>>& local) {
  std::vector<std::vector<double>> people(place.localities.size(),
                                          std::vector<double>(needs.size() + tiers.names.size(), 0.0));
  std::vector<double> older(place.localities.size(), 0.0);
  for (const PopulationCell* cell : cells) {
    older[cell->locality] += AgedSixtyFivePlus(*cell);
    for (std::size_t need = 0; need < needs.size(); ++need) {
      const double rate = MeanOverCell(*cell, [&](int age) { return needs[need]->RateAt(age, cell->sex); });
      people[cell->locality][need] += cell->count * rate * factors[need];
    }
  }
  for (std::size_t locality = 0; locality < people.size(); ++locality) {
    for (std::size_t need = 0; need < needs.size(); ++need) people[locality][need] *= local[locality][need];
  }
  for (std::size_t locality = 0; locality < tiers.people.size(); ++locality) {
    const double ratio = base_older[locality] > 0 ? older[locality] / base_older[locality] : 1.0;
    for (std::size_t tier = 0; tier < tiers.names.size(); ++tier) {
      people[locality][needs.size() + tier] = tiers.people[locality][tier] * ratio;
    }
  }
  return people;
}

// Recorded against expected counts on the practice registers linked to needs, and the factors
// that spread each need over localities as its registers do while keeping the total of the
// calibrated localities (docs/methods.md, "Calibration to practice registers").
std::vector<DemandResult::RegisterCalibration> CalibrateToRegisters(const Place& place, const DemandReference& reference,
                                                                    const std::vector<const NeedDefinition*>& needs,
                                                                    const std::vector<const PopulationCell*>& base_cells,
                                                                    const std::vector<std::vector<double>>& base_people) {
  std::vector<DemandResult::RegisterCalibration> calibrations;
  // Residents of each locality aged `min_age` and over in the base year.
  std::map<std::pair<Index, int>, double> residents;
  const auto residents_from = [&](Index locality, int min_age) {
    const auto [at, added] = residents.try_emplace({locality, min_age}, 0.0);
    if (added) {
      for (const PopulationCell* cell : base_cells) {
        if (cell->locality == locality) at->second += cell->count * MeanOverCell(*cell, [&](int age) { return age >= min_age ? 1.0 : 0.0; });
      }
    }
    return at->second;
  };
  for (const RegisterLink& link : reference.register_links) {
    const auto need = static_cast<std::size_t>(
        std::find_if(needs.begin(), needs.end(), [&](const NeedDefinition* n) { return n->code == link.need; }) - needs.begin());
    DemandResult::RegisterCalibration calibration;
    calibration.need = need;
    calibration.register_code = link.register_code;
    calibration.applied = place.demand.calibrate_to_registers;
    std::vector<DemandResult::RegisterCalibration::Area> areas(place.localities.size());
    std::vector<bool> present(place.localities.size(), false);
    for (const PracticeRegister& entry : place.practice_registers) {
      if (entry.register_code != link.register_code) continue;
      const Index locality = place.gp_practices[entry.practice].locality;
      const double people = residents_from(locality, entry.list_min_age);
      const double expected = people > 0 ? static_cast<double>(entry.list_size) * base_people[locality][need] / people : 0.0;
      const GpPractice& practice = place.gp_practices[entry.practice];
      calibration.practices.push_back({practice.code, practice.name, locality, entry.count, entry.list_size, expected});
      auto& area = areas[locality];
      area.recorded += entry.count;
      area.list_size += entry.list_size;
      area.expected += expected;
      present[locality] = true;
    }
    if (calibration.practices.empty()) continue;
    double recorded = 0.0;
    double expected = 0.0;
    for (std::size_t locality = 0; locality < areas.size(); ++locality) {
      if (!present[locality] || areas[locality].expected <= 0) continue;
      recorded += static_cast<double>(areas[locality].recorded);
      expected += areas[locality].expected;
    }
    // Factor = the locality's recorded/expected over the place's, then scaled so that the
    // calibrated localities keep their people in need in total.
    double before = 0.0;
    double after = 0.0;
    for (std::size_t locality = 0; locality < areas.size(); ++locality) {
      auto& area = areas[locality];
      area.locality = static_cast<Index>(locality);
      area.factor = 1.0;
      if (!present[locality] || area.expected <= 0 || recorded <= 0) continue;
      area.factor = (static_cast<double>(area.recorded) / area.expected) / (recorded / expected);
      before += base_people[locality][need];
      after += base_people[locality][need] * area.factor;
    }
    for (std::size_t locality = 0; locality < areas.size(); ++locality) {
      if (!present[locality]) continue;
      if (after > 0 && areas[locality].expected > 0 && recorded > 0) areas[locality].factor *= before / after;
      calibration.localities.push_back(areas[locality]);
    }
    calibrations.push_back(std::move(calibration));
  }
  return calibrations;
}

// Staff hours a year per person reached in a locality, summed over tiers and interventions.
double HoursPerPerson(const Service& service, const VisitTravel& travel, Index locality) {
  double hours = 0.0;
  for (const ServiceTier& tier : service.tiers) {
    for (const Intervention& intervention : tier.interventions) {
      hours += tier.share * intervention.contacts_per_week * intervention.weeks_per_year *
               (intervention.minutes_per_contact + travel.Minutes(service, intervention, locality)) / 60.0;
    }
  }
  return hours;
}

double ShareEligible(const Service& service, int base_year, int year) {
  if (!service.target_share || !service.target_year || year <= base_year) return service.share_eligible;
  const double progress = std::min(1.0, static_cast<double>(year - base_year) / (*service.target_year - base_year));
  return service.share_eligible + (*service.target_share - service.share_eligible) * progress;
}

}  // namespace

std::vector<std::set<Index>> RoleHoldings(const Place& place) {
  std::vector<std::set<Index>> holds(place.roles.size());
  for (const RoleCompetence& held : place.role_competences) holds[held.role].insert(held.competence);
  return holds;
}

std::vector<double> FteInPost(const Place& place) {
  std::vector<double> fte(place.roles.size(), 0.0);
  for (const StaffPost& post : place.staff) fte[post.role] += post.fte;
  return fte;
}

std::vector<std::pair<Index, double>> SplitAtTodaysMix(const Intervention& intervention,
                                                       const std::vector<std::set<Index>>& role_holds,
                                                       const std::vector<double>& fte_in_post) {
  if (!intervention.role_mix.empty()) return intervention.role_mix;
  double total = 0.0;
  std::vector<Index> eligible;
  for (Index role = 0; role < role_holds.size(); ++role) {
    const bool holds = std::all_of(intervention.competences.begin(), intervention.competences.end(),
                                   [&](Index competence) { return role_holds[role].contains(competence); });
    // Today, an act is given by the roles the task table allows (own scope or delegated).
    if (holds && ScopeOf(intervention, role) != ScopeLevel::kNever) {
      eligible.push_back(role);
      total += fte_in_post[role];
    }
  }
  std::vector<std::pair<Index, double>> split;
  for (const Index role : eligible) {
    split.emplace_back(role, total > 0 ? fte_in_post[role] / total : 1.0 / static_cast<double>(eligible.size()));
  }
  return split;
}

double RosteredFte(double hours_open_a_year, int seats, double available_hours_per_fte) {
  return available_hours_per_fte > 0 ? seats * hours_open_a_year / available_hours_per_fte : 0.0;
}

double OnCaseload(double new_cases_a_year, double mean_weeks) { return new_cases_a_year * mean_weeks / 52.0; }

double FloatCover(int float_per) { return float_per > 0 ? (float_per + 1.0) / float_per : 1.0; }

double CaseloadWorkers(double on_caseload, double standard_caseload, int float_per) {
  return standard_caseload > 0 ? on_caseload / standard_caseload * FloatCover(float_per) : 0.0;
}

double CaseloadPerWorker(double on_caseload, double workers, int float_per) {
  const double holders = workers / FloatCover(float_per);
  return holders > 0 ? on_caseload / holders : 0.0;
}

DemandResult ProjectDemand(const Place& place, const std::vector<Service>& services, const DemandReference& reference,
                           const TierCohorts& tiers, const VisitTravel& travel) {
  DemandResult result;
  result.travel = travel;
  result.base_year = place.base_year;
  result.last_year = place.base_year + place.demand.years;
  result.hours_per_fte = place.demand.available_hours_per_fte * place.demand.direct_care_share;
  for (const Locality& locality : place.localities) result.locality_names.push_back(locality.name);
  for (const Role& role : place.roles) {
    result.role_codes.push_back(role.code);
    result.role_names.push_back(role.name);
  }
  for (const Competence& competence : place.competences) {
    result.competence_codes.push_back(competence.code);
    result.competence_names.push_back(competence.name);
  }
  for (const Service& service : services) {
    result.service_codes.push_back(service.code);
    result.service_names.push_back(service.name);
  }
  // The needs, in reference order, and the one each service serves.
  std::vector<const NeedDefinition*> needs;
  for (const NeedDefinition& need : reference.needs) {
    needs.push_back(&need);
    result.need_codes.push_back(need.code);
    result.need_names.push_back(need.name);
  }
  for (const std::string& tier : tiers.names) {
    result.need_codes.push_back("tier:" + tier);
    result.need_names.push_back(fmt::format("Risk tier {}", tier));
  }
  std::vector<std::size_t> need_of_service(services.size());
  for (std::size_t idx = 0; idx < services.size(); ++idx) {
    for (std::size_t need = 0; need < result.need_codes.size(); ++need) {
      if (result.need_codes[need] == services[idx].cohort) need_of_service[idx] = need;
    }
  }
  Diagnostics problems;
  CheckDemandInputs(place, reference, problems);
  if (problems.HasErrors()) throw InputError(std::move(problems));
  // Prevalence change per year, by need.
  std::vector<double> change(needs.size(), 0.0);
  for (const auto& given : place.demand.prevalence_change_per_year) {
    for (std::size_t need = 0; need < needs.size(); ++need) {
      if (needs[need]->code == given.need) change[need] = given.per_year;
    }
  }
  const auto factors_for = [&](int year) {
    std::vector<double> factors(change.size());
    for (std::size_t need = 0; need < change.size(); ++need) {
      factors[need] = std::pow((1.0 + change[need]) * (1.0 + place.demand.growth_per_year), year - result.base_year);
    }
    return factors;
  };

  const std::vector<PopulationCell> population =
      ProjectPopulation(place, reference, result.base_year, result.last_year, &result.grown_years);
  std::map<int, std::vector<const PopulationCell*>> cells_of_year;
  for (const PopulationCell& cell : population) cells_of_year[cell.year].push_back(&cell);
  std::vector<double> base_older(place.localities.size(), 0.0);
  for (const PopulationCell* cell : cells_of_year[result.base_year]) base_older[cell->locality] += AgedSixtyFivePlus(*cell);
  // Locality factors from practice registers, [locality][need]; 1 where nothing is calibrated.
  std::vector<std::vector<double>> local(place.localities.size(), std::vector<double>(needs.size(), 1.0));
  const auto people_in_need = [&](const std::vector<const PopulationCell*>& cells, const std::vector<double>& factors) {
    return PeopleInNeed(place, cells, needs, factors, tiers, base_older, local);
  };
  result.calibration = CalibrateToRegisters(place, reference, needs, cells_of_year[result.base_year],
                                            people_in_need(cells_of_year[result.base_year], factors_for(result.base_year)));
  for (const DemandResult::RegisterCalibration& calibration : result.calibration) {
    if (!calibration.applied) continue;
    for (const auto& area : calibration.localities) local[area.locality][calibration.need] = area.factor;
  }

  // How each intervention's hours divide between roles (SplitAtTodaysMix).
  std::vector<std::set<Index>> role_holds = RoleHoldings(place);
  std::vector<double>& fte_in_post = result.fte_in_post;
  fte_in_post = FteInPost(place);
  struct Split {
    std::vector<std::pair<Index, double>> roles;  // empty: unassigned
  };
  std::vector<std::vector<std::vector<Split>>> splits(services.size());  // service, tier, intervention
  for (std::size_t service = 0; service < services.size(); ++service) {
    for (const ServiceTier& tier : services[service].tiers) {
      auto& tier_splits = splits[service].emplace_back();
      for (const Intervention& intervention : tier.interventions) {
        Split split{SplitAtTodaysMix(intervention, role_holds, fte_in_post)};
        if (split.roles.empty()) {
          std::vector<std::string> codes;
          for (const Index competence : intervention.competences) codes.push_back(place.competences[competence].code);
          result.unassigned.push_back(DemandResult::Unassigned{service, intervention.name, fmt::format("{}", fmt::join(codes, "+"))});
        }
        tier_splits.push_back(std::move(split));
      }
    }
  }

  // Every intervention of each service, tier by tier.
  struct Item {
    std::size_t tier;
    std::size_t intervention;
    const Intervention* model;
    const Split* split;
    double tier_share;
  };
  std::vector<std::vector<Item>> items(services.size());
  std::vector<std::vector<std::vector<std::size_t>>> item_of(services.size());  // service, tier, intervention
  for (std::size_t service = 0; service < services.size(); ++service) {
    for (std::size_t tier = 0; tier < services[service].tiers.size(); ++tier) {
      const ServiceTier& model = services[service].tiers[tier];
      item_of[service].emplace_back();
      for (std::size_t item = 0; item < model.interventions.size(); ++item) {
        const Intervention& intervention = model.interventions[item];
        item_of[service][tier].push_back(items[service].size());
        items[service].push_back(Item{tier, item, &intervention, &splits[service][tier][item], model.share});
      }
    }
  }
  // An item's minutes of a visit in a locality, its hours a year per person reached there, and
  // the share of its hours that is contact (the rest travel).
  const auto visit_minutes = [&](std::size_t service, const Item& item, Index locality) {
    return item.model->minutes_per_contact + travel.Minutes(services[service], *item.model, locality);
  };
  const auto hours_per_person = [&](std::size_t service, const Item& item, Index locality) {
    return item.tier_share * item.model->contacts_per_week * item.model->weeks_per_year *
           visit_minutes(service, item, locality) / 60.0;
  };
  const auto contact_share = [&](std::size_t service, const Item& item, Index locality) {
    const double minutes = visit_minutes(service, item, locality);
    return minutes > 0 ? item.model->minutes_per_contact / minutes : 1.0;
  };
  const std::size_t locality_count = place.localities.size();
  std::vector<Index> every_locality;
  for (Index locality = 0; locality < locality_count; ++locality) every_locality.push_back(locality);
  result.available_hours_per_fte = place.demand.available_hours_per_fte;

  // Year by year.
  std::map<std::pair<std::size_t, Index>, double> service_role_hours;  // base year: service, role
  std::map<int, double> cover_by_year;  // hours the floors add, by year
  for (int year = result.base_year; year <= result.last_year; ++year) {
    const auto people = people_in_need(cells_of_year[year], factors_for(year));
    std::map<std::pair<Index, Index>, double> role_hours;  // locality, role
    std::map<std::pair<Index, Index>, double> competence_hours;
    double unassigned = 0.0;
    // Contact and travel hours of each service's interventions by locality, and people reached.
    std::vector<std::vector<std::vector<double>>> item_hours(services.size(),
                                                             std::vector<std::vector<double>>(locality_count));
    std::vector<std::vector<double>> reached_in(services.size(), std::vector<double>(locality_count, 0.0));
    for (Index locality = 0; locality < locality_count; ++locality) {
      for (std::size_t need = 0; need < result.need_codes.size(); ++need) {
        result.people_in_need.push_back(DemandResult::NeedCount{year, locality, need, people[locality][need]});
      }
      for (std::size_t service = 0; service < services.size(); ++service) {
        const Service& model = services[service];
        const double reached = people[locality][need_of_service[service]] * ShareEligible(model, result.base_year, year);
        reached_in[service][locality] = reached;
        DemandResult::ServiceActivity activity{year, locality, service, reached, 0.0, 0.0, 0.0};
        for (const Item& item : items[service]) {
          const Intervention& intervention = *item.model;
          const double contacts = reached * item.tier_share * intervention.contacts_per_week * intervention.weeks_per_year;
          const double contact_hours = contacts * intervention.minutes_per_contact / 60.0;
          const double travel_hours = contacts * travel.Minutes(model, intervention, locality) / 60.0;
          activity.contacts += contacts;
          activity.contact_hours += contact_hours;
          activity.travel_hours += travel_hours;
          for (const Index competence : intervention.competences) competence_hours[{locality, competence}] += contact_hours;
          item_hours[service][locality].push_back(contact_hours + travel_hours);
          if (item.split->roles.empty()) unassigned += contact_hours + travel_hours;
          for (const auto& [role, share] : item.split->roles) {
            role_hours[{locality, role}] += share * (contact_hours + travel_hours);
            if (year == result.base_year) service_role_hours[{service, role}] += share * (contact_hours + travel_hours);
          }
        }
        result.activity.push_back(activity);
      }
    }

    // Floors: where the FTE a service's caseload or opening hours need of some roles is more
    // than its activity needs of them, the difference is added to the interventions those roles
    // give, in proportion to their hours on each (so competences and scope of practice still
    // apply), and divided between them as today. Returns the FTE from activity.
    const std::size_t first_cover = result.cover_hours.size();
    const auto apply_floor = [&](std::size_t service, const std::vector<Index>& localities,
                                 const std::vector<Index>& roles, double floor_fte, DemandResult::Floor floor) {
      const auto counted = [&](Index role) {
        return roles.empty() || std::find(roles.begin(), roles.end(), role) != roles.end();
      };
      // Hours an earlier floor (a caseload's, under opening hours) added to the service's items.
      std::map<std::pair<Index, std::size_t>, std::vector<const DemandResult::CoverHours*>> earlier;  // locality, item
      for (std::size_t row = first_cover; row < result.cover_hours.size(); ++row) {
        const DemandResult::CoverHours& cover = result.cover_hours[row];
        if (cover.service == service) earlier[{cover.locality, item_of[service][cover.tier][cover.intervention]}].push_back(&cover);
      }
      struct Weight {
        Index locality;
        std::size_t item;
        double share;  // of the item's hours, given by the floor's roles
        double hours;
        std::vector<std::pair<Index, double>> split;  // between the floor's roles
      };
      std::vector<Weight> weights;
      double total = 0.0;
      for (const Index locality : localities) {
        for (std::size_t index = 0; index < items[service].size(); ++index) {
          const Item& item = items[service][index];
          Weight weight{locality, index, 0.0, 0.0, {}};
          for (const auto& [role, share] : item.split->roles) {
            if (!counted(role) || share <= 0) continue;
            weight.share += share;
            weight.split.emplace_back(role, share);
          }
          if (weight.share <= 0) continue;
          for (auto& entry : weight.split) entry.second /= weight.share;
          weight.hours = item_hours[service][locality][index] * weight.share;
          if (const auto found = earlier.find({locality, index}); found != earlier.end()) {
            for (const DemandResult::CoverHours* cover : found->second) {
              for (const auto& [role, share] : cover->roles) {
                if (counted(role)) weight.hours += cover->hours * share;
              }
            }
          }
          total += weight.hours;
          weights.push_back(std::move(weight));
        }
      }
      // Named roles with no share of the work today (none in post where others are): the
      // interventions they may give, between them equally.
      if (weights.empty() && !roles.empty()) {
        for (const Index locality : localities) {
          for (std::size_t index = 0; index < items[service].size(); ++index) {
            Weight weight{locality, index, 1.0, 0.0, {}};
            for (const Index role : roles) {
              if (GivesToday(*items[service][index].model, role, role_holds)) weight.split.emplace_back(role, 1.0);
            }
            for (auto& entry : weight.split) entry.second = 1.0 / static_cast<double>(weight.split.size());
            if (!weight.split.empty()) weights.push_back(std::move(weight));
          }
        }
      }
      const double activity_fte = total / result.hours_per_fte;
      if (floor_fte <= activity_fte || weights.empty()) return activity_fte;
      const double extra = (floor_fte - activity_fte) * result.hours_per_fte;
      // No one reached (no activity): in proportion to each intervention's hours per person.
      double basis = total;
      if (basis <= 0) {
        for (Weight& weight : weights) {
          weight.hours = hours_per_person(service, items[service][weight.item], weight.locality) * weight.share;
          basis += weight.hours;
        }
      }
      for (const Weight& weight : weights) {
        if (weight.hours <= 0 || basis <= 0) continue;
        const Item& item = items[service][weight.item];
        result.cover_hours.push_back(DemandResult::CoverHours{year, weight.locality, service, item.tier, item.intervention,
                                                              floor, extra * weight.hours / basis, weight.split});
      }
      return activity_fte;
    };
    for (std::size_t service = 0; service < services.size(); ++service) {
      if (!services[service].caseload) continue;
      const ServiceCaseload& caseload = *services[service].caseload;
      double tier_share = 0.0;
      for (std::size_t tier = 0; tier < services[service].tiers.size(); ++tier) {
        const bool on = caseload.tiers.empty() ||
                        std::find(caseload.tiers.begin(), caseload.tiers.end(), tier) != caseload.tiers.end();
        if (on) tier_share += services[service].tiers[tier].share;
      }
      DemandResult::Caseload place_row{year, service, kNoIndex, caseload.role, 0.0, 0.0, caseload.standard_caseload,
                                       FloatCover(caseload.float_per), 0.0, 0.0, 0.0, 0.0};
      for (Index locality = 0; locality < locality_count; ++locality) {
        DemandResult::Caseload row = place_row;
        row.locality = locality;
        row.new_cases = reached_in[service][locality] * tier_share;
        row.on_caseload = OnCaseload(row.new_cases, caseload.mean_weeks);
        row.workers = CaseloadWorkers(row.on_caseload, caseload.standard_caseload, caseload.float_per);
        row.fte_activity = apply_floor(service, {locality}, {caseload.role}, row.workers, DemandResult::Floor::kCaseload);
        row.required_fte = std::max(row.fte_activity, row.workers);
        row.per_worker = CaseloadPerWorker(row.on_caseload, row.required_fte, caseload.float_per);
        place_row.new_cases += row.new_cases;
        place_row.on_caseload += row.on_caseload;
        place_row.workers += row.workers;
        place_row.fte_activity += row.fte_activity;
        place_row.required_fte += row.required_fte;
        result.caseloads.push_back(row);
      }
      place_row.per_worker = CaseloadPerWorker(place_row.on_caseload, place_row.required_fte, caseload.float_per);
      result.caseloads.push_back(place_row);
    }
    for (std::size_t service = 0; service < services.size(); ++service) {
      if (!services[service].opening) continue;
      const ServiceOpening& opening = *services[service].opening;
      const double fte_hours = RosteredFte(opening.hours_a_year, opening.seats, result.available_hours_per_fte);
      const auto add = [&](const std::vector<Index>& localities, Index locality) {
        const double activity = apply_floor(service, localities, opening.roles, fte_hours, DemandResult::Floor::kOpening);
        result.service_cover.push_back(DemandResult::ServiceCover{year, service, locality, opening.hours_a_year, opening.seats,
                                                                  activity, fte_hours, std::max(activity, fte_hours)});
      };
      if (opening.per_locality) {
        for (Index locality = 0; locality < locality_count; ++locality) add({locality}, locality);
      } else {
        add(every_locality, kNoIndex);
      }
    }
    for (std::size_t row = first_cover; row < result.cover_hours.size(); ++row) {
      const DemandResult::CoverHours& cover = result.cover_hours[row];
      const Item* item = &items[cover.service][item_of[cover.service][cover.tier][cover.intervention]];
      for (const Index competence : item->model->competences) {
        competence_hours[{cover.locality, competence}] += cover.hours * contact_share(cover.service, *item, cover.locality);
      }
      for (const auto& [role, share] : cover.roles) {
        role_hours[{cover.locality, role}] += share * cover.hours;
        if (year == result.base_year) service_role_hours[{cover.service, role}] += share * cover.hours;
      }
      cover_by_year[year] += cover.hours;
    }

    for (const auto& [key, hours] : competence_hours) {
      result.competence_hours.push_back(DemandResult::CompetenceHours{year, key.first, key.second, hours});
    }
    for (const auto& [key, hours] : role_hours) {
      result.role_demand.push_back(DemandResult::RoleDemand{year, key.first, key.second, hours, hours / result.hours_per_fte});
    }
    result.unassigned_hours.push_back(unassigned);
  }
  for (const auto& [key, hours] : service_role_hours) {
    result.base_service_roles.push_back(DemandResult::ServiceRole{key.first, key.second, hours / result.hours_per_fte});
  }

  // Waterfall of staff hours from the base year to the last: each step changes one thing.
  const auto staff_hours = [&](const std::vector<std::vector<double>>& people, int shares_year) {
    double hours = 0.0;
    for (std::size_t locality = 0; locality < people.size(); ++locality) {
      for (std::size_t service = 0; service < services.size(); ++service) {
        hours += people[locality][need_of_service[service]] * ShareEligible(services[service], result.base_year, shares_year) *
                 HoursPerPerson(services[service], travel, static_cast<Index>(locality));
      }
    }
    return hours;
  };
  const auto& base_cells = cells_of_year[result.base_year];
  const auto& last_cells = cells_of_year[result.last_year];
  const auto total = [](const std::vector<const PopulationCell*>& cells) {
    return std::accumulate(cells.begin(), cells.end(), 0.0, [](double sum, const PopulationCell* cell) { return sum + cell->count; });
  };
  const double growth = total(base_cells) > 0 ? total(last_cells) / total(base_cells) : 1.0;
  std::vector<PopulationCell> scaled;
  for (const PopulationCell* cell : base_cells) {
    scaled.push_back(*cell);
    scaled.back().count *= growth;
  }
  std::vector<const PopulationCell*> scaled_cells;
  for (const PopulationCell& cell : scaled) scaled_cells.push_back(&cell);
  const std::vector<double> base_factors = factors_for(result.base_year);
  const double base = staff_hours(people_in_need(base_cells, base_factors), result.base_year);
  const double grown = staff_hours(people_in_need(scaled_cells, base_factors), result.base_year);
  const double aged = staff_hours(people_in_need(last_cells, base_factors), result.base_year);
  const auto last_people = people_in_need(last_cells, factors_for(result.last_year));
  const double prevalence = staff_hours(last_people, result.base_year);
  const double last = staff_hours(last_people, result.last_year);
  const auto step = [&](std::string name, double hours) {
    result.waterfall.push_back(DemandResult::Step{std::move(name), hours, hours / result.hours_per_fte});
  };
  // The floors of opening hours and caseloads: in the base and last years as they bind then.
  const bool floors = std::any_of(services.begin(), services.end(),
                                  [](const Service& service) { return service.opening || service.caseload; });
  const double base_cover = cover_by_year[result.base_year];
  const double last_cover = cover_by_year[result.last_year];
  step(fmt::format("Base year {}", result.base_year), base + base_cover);
  step("Population growth", grown - base);
  step("Ageing", aged - grown);
  step("Prevalence change", prevalence - aged);
  step("Service model change", last - prevalence);
  if (floors) step("Opening hours and caseloads (floors binding)", last_cover - base_cover);
  step(fmt::format("Year {}", result.last_year), last + last_cover);
  return result;
}

void SuppressSmallRegisters(DemandResult& demand, int threshold) {
  for (DemandResult::RegisterCalibration& calibration : demand.calibration) {
    // The practices of a locality add up to the locality's register.
    intelligence::DisclosureCells cells;
    std::map<Index, std::vector<std::size_t>> by_locality;
    for (std::size_t idx = 0; idx < calibration.practices.size(); ++idx) {
      const auto& practice = calibration.practices[idx];
      cells.Add(static_cast<double>(practice.recorded), intelligence::SmallCount(practice.recorded, threshold));
      by_locality[practice.locality].push_back(idx);
    }
    for (auto& [locality, practices] : by_locality) cells.relations.push_back(std::move(practices));
    intelligence::SuppressSecondary(cells);
    for (std::size_t idx = 0; idx < calibration.practices.size(); ++idx) {
      calibration.practices[idx].suppressed = cells.hidden[idx];
    }
  }
}

void SuppressSmallCaseloads(DemandResult& demand, int threshold) {
  // A caseload's localities add up to the place's row, service by service and year by year.
  std::map<std::pair<int, std::size_t>, std::size_t> groups;
  std::vector<CaseloadCell> rows;
  for (const DemandResult::Caseload& row : demand.caseloads) {
    const std::size_t group = groups.emplace(std::make_pair(row.year, row.service), groups.size()).first->second;
    rows.push_back(CaseloadCell{{row.new_cases, row.on_caseload}, std::round(row.new_cases), group});
  }
  const std::vector<bool> hidden = HideSmallCaseloads(rows, threshold);
  for (std::size_t idx = 0; idx < demand.caseloads.size(); ++idx) demand.caseloads[idx].suppressed = hidden[idx];
}

std::vector<bool> HideSmallCaseloads(const std::vector<CaseloadCell>& rows, int threshold) {
  intelligence::DisclosureCells cells;
  std::map<std::size_t, std::vector<std::size_t>> by_group;
  for (const CaseloadCell& row : rows) {
    const bool small = std::any_of(row.people.begin(), row.people.end(),
                                   [threshold](double people) { return intelligence::SmallCount(people, threshold); });
    by_group[row.group].push_back(cells.Add(row.size, small));
  }
  for (auto& [group, relation] : by_group) cells.relations.push_back(std::move(relation));
  intelligence::SuppressSecondary(cells);
  return cells.hidden;
}

}  // namespace careforce::demand
