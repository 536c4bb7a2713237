#pragma once

#include <array>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "model/place.hpp"
#include "model/sector_group.hpp"

namespace careforce::synth {

// Contract lengths the synthetic staff are drawn from.
inline constexpr std::array<double, 6> kFteLevels = {1.0, 0.8, 0.6, 0.5, 0.4, 0.2};
// Age bands of the staff profile: 16-24, 25-34, 35-44, 45-54, 55-64, 65+ (to 75).
inline constexpr std::array<std::pair<int, int>, 6> kAgeBands = {
    std::pair{16, 24}, std::pair{25, 34}, std::pair{35, 44}, std::pair{45, 54}, std::pair{55, 64}, std::pair{65, 75}};

struct OrganisationType {
  std::string type;
  Sector sector = Sector::kIndependent;
  std::string name_pattern;  // {place}, {locality} and {n} are filled in
  double staff_per_1000_residents = 0.0;
  double residents_per_organisation = 0.0;  // 0: organisations serving the whole place
  std::vector<std::pair<Index, double>> role_mix;  // role, share of headcount
};

struct StaffProfile {
  double female_share = 0.0;
  std::array<double, kAgeBands.size()> age_band_shares{};
  std::array<double, kFteLevels.size()> fte_shares{};
  std::array<double, EnumCount<ContractType>()> contract_shares{};
  double second_post_share = 0.0;
  double retirement_share_aged_60_plus = 0.0;
  std::array<double, EnumCount<LeaveReason>()> reason_shares{};  // retirement share unused
  double destination_same_group = 0.0;
  double destination_other_group = 0.0;
  double destination_outside = 0.0;
  double destination_not_recorded = 0.0;
};

// Pay of a role where it differs from the role's reference pay.
struct PaySpec {
  PayBasis basis = PayBasis::kAnnualSalary;
  std::string afc_band;
  double amount = 0.0;  // hourly rate or annual salary
};

struct AgeSexShare {
  int age_from = 0;
  int age_to = 0;
  Sex sex = Sex::kFemale;
  double share = 0.0;
};

struct RoleCompetenceShare {
  Index role = kNoIndex;
  Index competence = kNoIndex;
  double holding_share = 0.0;
};

// The published figures and stated assumptions a synthetic place is calibrated to, read from
// the reference directory (reference/synth and reference/afc_pay_2024_25.csv).
struct Calibration {
  std::vector<Role> roles;
  std::vector<Competence> competences;
  std::vector<RoleCompetenceShare> role_competences;
  std::vector<OrganisationType> organisation_types;
  std::map<std::string, std::pair<double, double>> afc_bands;  // band -> minimum, maximum GBP
  std::map<std::pair<Index, std::string>, PaySpec> pay;        // (role, sector or group code)
  std::array<StaffProfile, kSectorGroups> profiles;
  std::map<std::pair<SectorGroup, Index>, double> leaver_rates;  // kNoIndex: any role
  std::map<std::pair<SectorGroup, Index>, double> vacancy_rates;
  std::vector<AgeSexShare> population_structure;
  double registered_patients_per_resident = 1.0;
  double residents_per_locality = 75000;
  double residents_per_place_organisation = 1000000;
  double vacancy_open_mean_months = 5;

  double LeaverRate(SectorGroup group, Index role) const;
  double VacancyRate(SectorGroup group, Index role) const;
  // Pay for a role in a sector: a sector row, else a sector-group row, else the role's own.
  PaySpec PayFor(Index role, Sector sector) const;
};

// Reads and checks every calibration table; throws InputError with every problem found.
Calibration LoadCalibration(const std::string& reference_directory);

}  // namespace careforce::synth
