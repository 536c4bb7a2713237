#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "model/place.hpp"
#include "model/random.hpp"
#include "synth/calibration.hpp"

namespace careforce::synth {

// Adds synthetic people to a place under construction: posts with ages, sex, contracts, start
// dates, pay and competences drawn from the calibration; vacancies; leavers. Used both for wholly
// fictional places and to complete real ones where no public data covers the staff records.
// The place's roles and competences must be the calibration's (further roles may follow them).
class PlaceBuilder {
 public:
  PlaceBuilder(Place& place, const Calibration& calibration, uint64_t seed);

  // A random stream for one purpose and index (the same numbers whatever else is built).
  Rng Stream(uint64_t purpose, uint64_t index) const;

  // Adds an organisation of a calibration type (kNoType for none).
  static constexpr std::size_t kNoType = static_cast<std::size_t>(-1);
  Index AddOrganisation(Organisation organisation, std::size_t type);
  // Adds the organisations of a calibration type, spread over localities in proportion to their
  // residents, and returns them with their staff numbers (not yet added).
  std::vector<std::pair<Index, int64_t>> AddOrganisationsOfType(std::size_t type,
                                                                const std::vector<int64_t>& residents_per_locality,
                                                                const std::string& place_name);

  // Adds `count` posts to an organisation, roles drawn from its type's role mix.
  void AddStaff(Index organisation, int64_t count);
  // Adds one post. A person identifier seen before keeps its age and sex; FTE, contract and
  // locality are drawn unless given.
  void AddPost(Index organisation, Index role, const std::string& person_id, std::optional<double> fte, Rng& rng,
               Index locality = kNoIndex, std::optional<ContractType> contract = std::nullopt);

  // Vacancies for every organisation and role in post, at the calibrated vacancy rates.
  void AddVacancies();
  // Leavers over the last `years` years for every organisation and role in post. `rate_for`
  // may give a rate (per year) for an organisation and role; otherwise the calibration's.
  using RateFor = std::function<std::optional<double>(Index organisation, Index role)>;
  void AddLeavers(int years, const RateFor& rate_for = {});

  // Fills in GP practices for organisations of the gp_practice type (synthetic places) and
  // assigns practices to the place's networks by locality.
  void AddSyntheticPractices(const std::vector<int64_t>& residents_per_locality);

 private:
  struct PersonTraits {
    int age;
    Sex sex;
  };

  int DrawAge(Rng& rng, const StaffProfile& profile, const Role& role) const;
  double DrawPay(Rng& rng, Index role, Sector sector, double fte) const;
  Date DrawStart(Rng& rng, double leaver_rate, int age, Date at) const;
  void AddCompetences(Rng& rng, Index person, Index role, Date start);
  const StaffProfile& ProfileOf(Index organisation) const;

  Place& place_;
  const Calibration& calibration_;
  uint64_t seed_;
  std::vector<std::size_t> organisation_type_;  // per organisation
  std::map<std::size_t, std::vector<Index>> organisations_of_type_;
  std::vector<std::vector<RoleCompetenceShare>> profile_competences_;  // per role
  std::vector<PersonTraits> traits_;             // per person
  std::map<std::string, Index> person_of_id_;    // identifiers given by callers
};

// Splits `total` into whole parts proportional to `weights` (largest remainders).
std::vector<int64_t> Apportion(int64_t total, const std::vector<double>& weights);

}  // namespace careforce::synth
