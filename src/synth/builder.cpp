#include "synth/builder.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include <fmt/format.h>

#include "model/error.hpp"

namespace careforce::synth {

namespace {

constexpr double kWeeksPerYear = 52.143;  // 365.25 / 7
constexpr double kDaysPerYear = 365.25;

// Random streams by purpose; indexes within a purpose are organisations or (organisation, role).
enum Purpose : uint64_t { kOrganisations = 2, kStaff = 3, kVacancies = 4, kLeavers = 5, kPractices = 6 };

int64_t RoundRandomly(double mean, Rng& rng) {
  const double floor = std::floor(mean);
  return static_cast<int64_t>(floor) + (rng.Bernoulli(mean - floor) ? 1 : 0);
}

std::string FillPattern(std::string pattern, const std::string& place, const std::string& locality, int64_t number) {
  const auto replace = [&](std::string_view key, const std::string& value) {
    for (std::size_t at = pattern.find(key); at != std::string::npos; at = pattern.find(key, at + value.size())) {
      pattern.replace(at, key.size(), value);
    }
  };
  replace("{place}", place);
  replace("{locality}", locality);
  replace("{n}", fmt::format("{}", number));
  return pattern;
}

std::string_view CodePrefix(std::string_view type) {
  if (type == "acute_integrated") return "RXA";
  if (type == "community_trust") return "RXC";
  if (type == "mental_health_trust") return "RXM";
  if (type == "gp_practice") return "P";
  if (type == "pcn") return "U";
  if (type == "council") return "LA";
  if (type == "care_home_nursing") return "CN";
  if (type == "care_home_residential") return "CR";
  if (type == "home_care_agency") return "HC";
  if (type == "voluntary_provider") return "VS";
  if (type == "individual_employer") return "IE";
  return "ORG";
}

// The youngest a person in a role is likely to be (training takes time).
int MinimumAge(const Role& role) {
  if (role.staff_group == StaffGroup::kMedical) return 26;
  if (role.registered) return 21;
  return 18;
}

template <std::size_t N>
std::size_t Pick(Rng& rng, const std::array<double, N>& shares) {
  return rng.Choose(std::span<const double>(shares.data(), shares.size()));
}

}  // namespace

std::vector<int64_t> Apportion(int64_t total, const std::vector<double>& weights) {
  const double sum = std::accumulate(weights.begin(), weights.end(), 0.0);
  std::vector<int64_t> parts(weights.size(), 0);
  if (sum <= 0 || total <= 0) return parts;
  std::vector<std::pair<double, std::size_t>> remainders;
  int64_t assigned = 0;
  for (std::size_t idx = 0; idx < weights.size(); ++idx) {
    const double exact = static_cast<double>(total) * weights[idx] / sum;
    parts[idx] = static_cast<int64_t>(std::floor(exact));
    assigned += parts[idx];
    remainders.emplace_back(exact - std::floor(exact), idx);
  }
  std::stable_sort(remainders.begin(), remainders.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  for (int64_t extra = 0; extra < total - assigned; ++extra) ++parts[remainders[static_cast<std::size_t>(extra)].second];
  return parts;
}

PlaceBuilder::PlaceBuilder(Place& place, const Calibration& calibration, uint64_t seed)
    : place_(place), calibration_(calibration), seed_(seed) {
  profile_competences_.resize(place_.roles.size());
  for (const RoleCompetenceShare& held : calibration_.role_competences) profile_competences_[held.role].push_back(held);
  organisation_type_.assign(place_.organisations.size(), kNoType);
}

Rng PlaceBuilder::Stream(uint64_t purpose, uint64_t index) const { return Rng(seed_, (purpose << 48) | index); }

Index PlaceBuilder::AddOrganisation(Organisation organisation, std::size_t type) {
  const auto index = static_cast<Index>(place_.organisations.size());
  place_.organisations.push_back(std::move(organisation));
  organisation_type_.push_back(type);
  if (type != kNoType) organisations_of_type_[type].push_back(index);
  return index;
}

std::vector<std::pair<Index, int64_t>> PlaceBuilder::AddOrganisationsOfType(
    std::size_t type_idx, const std::vector<int64_t>& residents_per_locality, const std::string& place_name) {
  const OrganisationType& type = calibration_.organisation_types[type_idx];
  Rng rng = Stream(kOrganisations, type_idx);
  const auto population = static_cast<double>(std::accumulate(residents_per_locality.begin(), residents_per_locality.end(), int64_t{0}));
  const double per_organisation = type.residents_per_organisation > 0 ? type.residents_per_organisation
                                                                      : calibration_.residents_per_place_organisation;
  const auto count = std::max<int64_t>(1, std::llround(population / per_organisation));
  const auto staff = std::llround(population * type.staff_per_1000_residents / 1000.0);
  const std::vector<double> locality_weights(residents_per_locality.begin(), residents_per_locality.end());
  const std::vector<int64_t> per_locality = Apportion(count, locality_weights);
  std::vector<double> size_weights;
  std::vector<Index> created;
  int64_t number = 0;
  for (std::size_t locality = 0; locality < per_locality.size(); ++locality) {
    for (int64_t idx = 0; idx < per_locality[locality]; ++idx) {
      ++number;
      Organisation organisation;
      organisation.code = fmt::format("{}{:0{}d}", CodePrefix(type.type), number, count >= 10000 ? 6 : 4);
      organisation.name = FillPattern(type.name_pattern, place_name, place_.localities[locality].name, number);
      organisation.sector = type.sector;
      organisation.locality = static_cast<Index>(locality);
      created.push_back(AddOrganisation(std::move(organisation), type_idx));
      size_weights.push_back(rng.LogNormal(0.0, 0.35));
    }
  }
  const std::vector<int64_t> staff_per_organisation = Apportion(staff, size_weights);
  std::vector<std::pair<Index, int64_t>> result;
  for (std::size_t idx = 0; idx < created.size(); ++idx) {
    result.emplace_back(created[idx], std::max<int64_t>(1, staff_per_organisation[idx]));
  }
  return result;
}

const StaffProfile& PlaceBuilder::ProfileOf(Index organisation) const {
  return calibration_.profiles[static_cast<std::size_t>(SectorGroupOf(place_.organisations[organisation].sector))];
}

int PlaceBuilder::DrawAge(Rng& rng, const StaffProfile& profile, const Role& role) const {
  const auto& [from, to] = kAgeBands[Pick(rng, profile.age_band_shares)];
  int age = from + static_cast<int>(rng.Below(static_cast<uint64_t>(to - from + 1)));
  const int minimum = MinimumAge(role);
  if (age < minimum) age = minimum + static_cast<int>(rng.Below(5));
  return std::min(age, 80);
}

double PlaceBuilder::DrawPay(Rng& rng, Index role, Sector sector, double fte) const {
  const PaySpec spec = calibration_.PayFor(role, sector);
  double full_time = 0.0;
  switch (spec.basis) {
    case PayBasis::kAfcBand: {
      const auto band = calibration_.afc_bands.find(spec.afc_band);
      if (band == calibration_.afc_bands.end()) throw InternalError(fmt::format("no pay for band {}", spec.afc_band));
      const auto& [minimum, maximum] = band->second;
      full_time = minimum + (maximum - minimum) * rng.Uniform();
      break;
    }
    case PayBasis::kHourlyRate:
      full_time = spec.amount * std::max(0.9, rng.Normal(1.0, 0.05)) * place_.settings.full_time_hours_per_week * kWeeksPerYear;
      break;
    case PayBasis::kAnnualSalary: full_time = spec.amount * std::max(0.8, rng.Normal(1.0, 0.06)); break;
  }
  return std::round(full_time * fte);
}

Date PlaceBuilder::DrawStart(Rng& rng, double leaver_rate, int age, Date at) const {
  // Tenure of a steady-state workforce with a constant leaving hazard is exponential.
  const double max_years = std::max(0.0, static_cast<double>(age - 18));
  const double years = std::min(rng.Exponential(leaver_rate), max_years);
  return Date{at.days - static_cast<int32_t>(std::floor(years * kDaysPerYear))};
}

void PlaceBuilder::AddCompetences(Rng& rng, Index person, Index role, Date start) {
  static const Date kCareCertificateStart = *MakeDate(2015, 4, 1);
  if (role >= profile_competences_.size()) return;
  const Date census = place_.census_date;
  for (const RoleCompetenceShare& held : profile_competences_[role]) {
    if (!rng.Bernoulli(held.holding_share)) continue;
    Date earliest = std::max(start, Date{census.days - static_cast<int32_t>(10 * kDaysPerYear)});
    if (place_.competences[held.competence].code == "CC") earliest = std::max(earliest, kCareCertificateStart);
    const int32_t span = std::max(0, census.days - earliest.days);
    place_.staff_competences.push_back(StaffCompetence{
        person, held.competence, Date{earliest.days + static_cast<int32_t>(rng.Below(static_cast<uint64_t>(span) + 1))}});
  }
}

void PlaceBuilder::AddPost(Index organisation, Index role, const std::string& person_id, std::optional<double> fte,
                           Rng& rng, Index locality, std::optional<ContractType> contract) {
  const Organisation& employer = place_.organisations[organisation];
  const SectorGroup group = SectorGroupOf(employer.sector);
  const StaffProfile& profile = ProfileOf(organisation);
  StaffPost post;
  post.organisation = organisation;
  post.role = role;
  post.locality = locality == kNoIndex ? employer.locality : locality;
  const auto known = person_of_id_.find(person_id);
  if (known != person_of_id_.end()) {
    post.person = known->second;
  } else {
    post.person = place_.person_ids.push_back(person_id);
    person_of_id_.emplace(person_id, post.person);
    traits_.push_back(PersonTraits{DrawAge(rng, profile, place_.roles[role]),
                                   rng.Bernoulli(profile.female_share) ? Sex::kFemale : Sex::kMale});
  }
  post.age = traits_[post.person].age;
  post.sex = traits_[post.person].sex;
  const double drawn_fte = kFteLevels[Pick(rng, profile.fte_shares)];
  post.fte = fte.value_or(drawn_fte);
  post.contract = static_cast<ContractType>(Pick(rng, profile.contract_shares));
  if (contract) post.contract = *contract;
  post.start_date = DrawStart(rng, calibration_.LeaverRate(group, role), post.age, place_.census_date);
  post.annual_pay = DrawPay(rng, role, employer.sector, post.fte);
  place_.staff.push_back(post);
  if (known == person_of_id_.end()) AddCompetences(rng, post.person, role, post.start_date);
}

void PlaceBuilder::AddStaff(Index organisation, int64_t count) {
  const std::size_t type_idx = organisation_type_[organisation];
  if (type_idx == kNoType) throw InternalError("AddStaff needs an organisation of a calibration type");
  const OrganisationType& type = calibration_.organisation_types[type_idx];
  const Organisation& employer = place_.organisations[organisation];
  const StaffProfile& profile = ProfileOf(organisation);
  const SectorGroup group = SectorGroupOf(employer.sector);
  Rng rng = Stream(kStaff, organisation);
  std::vector<double> role_weights;
  for (const auto& [role, share] : type.role_mix) role_weights.push_back(share);
  const auto& siblings = organisations_of_type_[type_idx];
  for (int64_t slot = 0; slot < count; ++slot) {
    const Index role = type.role_mix[rng.Choose(role_weights)].first;
    StaffPost post;
    post.organisation = organisation;
    post.role = role;
    post.locality = employer.locality;
    post.sex = rng.Bernoulli(profile.female_share) ? Sex::kFemale : Sex::kMale;
    post.age = DrawAge(rng, profile, place_.roles[role]);
    post.fte = kFteLevels[Pick(rng, profile.fte_shares)];
    post.contract = static_cast<ContractType>(Pick(rng, profile.contract_shares));
    if (employer.sector == Sector::kIndividualEmployer && post.contract != ContractType::kPermanent) {
      post.contract = ContractType::kZeroHours;  // personal assistants: permanent or zero hours
    }
    post.start_date = DrawStart(rng, calibration_.LeaverRate(group, role), post.age, place_.census_date);
    post.annual_pay = DrawPay(rng, role, employer.sector, post.fte);
    post.person = place_.person_ids.push_back(fmt::format("E{:07d}", place_.person_ids.size() + 1));
    traits_.push_back(PersonTraits{post.age, post.sex});
    place_.staff.push_back(post);
    AddCompetences(rng, post.person, role, post.start_date);

    // Some people also hold a bank post with another employer of the same kind.
    if (siblings.size() > 1 && post.fte <= 1.0 && rng.Bernoulli(profile.second_post_share)) {
      Index other = siblings[rng.Below(siblings.size())];
      if (other == organisation) other = siblings[(std::find(siblings.begin(), siblings.end(), other) - siblings.begin() + 1) % siblings.size()];
      StaffPost bank = post;
      bank.organisation = other;
      bank.locality = place_.organisations[other].locality;
      bank.fte = 0.2;
      bank.contract = ContractType::kBank;
      bank.start_date = std::max(DrawStart(rng, 0.3, post.age, place_.census_date), post.start_date);
      bank.annual_pay = DrawPay(rng, role, place_.organisations[other].sector, bank.fte);
      place_.staff.push_back(bank);
    }
  }
}

void PlaceBuilder::AddVacancies() {
  std::map<std::pair<Index, Index>, double> in_post;
  for (const StaffPost& post : place_.staff) in_post[{post.organisation, post.role}] += post.fte;
  const Date census = place_.census_date;
  int64_t number = 0;
  for (const auto& [key, fte] : in_post) {
    const auto& [organisation, role] = key;
    Rng rng = Stream(kVacancies, (static_cast<uint64_t>(organisation) << 16) | role);
    const double rate = calibration_.VacancyRate(SectorGroupOf(place_.organisations[organisation].sector), role);
    // Vacant FTE v with v / (v + in post) = rate.
    const int64_t posts = RoundRandomly(fte * rate / (1.0 - rate), rng);
    for (int64_t idx = 0; idx < posts; ++idx) {
      Vacancy vacancy;
      vacancy.id = fmt::format("V{:06d}", ++number);
      vacancy.organisation = organisation;
      vacancy.role = role;
      vacancy.fte = 1.0;
      vacancy.locality = place_.organisations[organisation].locality;
      const double months = rng.Exponential(1.0 / calibration_.vacancy_open_mean_months);
      vacancy.opened = Date{census.days - static_cast<int32_t>(std::floor(months * kDaysPerYear / 12.0))};
      place_.vacancies.push_back(std::move(vacancy));
    }
  }
}

void PlaceBuilder::AddLeavers(int years, const RateFor& rate_for) {
  std::map<std::pair<Index, Index>, int64_t> headcount;
  for (const StaffPost& post : place_.staff) ++headcount[{post.organisation, post.role}];
  const Date census = place_.census_date;
  const int32_t window = census.days - AddMonths(census, -12 * years).days;
  int64_t number = 0;
  for (const auto& [key, count] : headcount) {
    const auto& [organisation, role] = key;
    const Sector sector = place_.organisations[organisation].sector;
    const SectorGroup group = SectorGroupOf(sector);
    const StaffProfile& profile = ProfileOf(organisation);
    const std::optional<double> override_rate = rate_for ? rate_for(organisation, role) : std::nullopt;
    const double rate = override_rate.value_or(calibration_.LeaverRate(group, role));
    Rng rng = Stream(kLeavers, (static_cast<uint64_t>(organisation) << 16) | role);
    const int64_t leavers = RoundRandomly(static_cast<double>(count) * rate * years, rng);
    for (int64_t idx = 0; idx < leavers; ++idx) {
      Leaver leaver;
      leaver.person_id = fmt::format("X{:07d}", ++number);
      leaver.organisation = organisation;
      leaver.role = role;
      leaver.sex = rng.Bernoulli(profile.female_share) ? Sex::kFemale : Sex::kMale;
      leaver.age = DrawAge(rng, profile, place_.roles[role]);
      leaver.fte = kFteLevels[Pick(rng, profile.fte_shares)];
      leaver.leave_date = Date{census.days - static_cast<int32_t>(rng.Below(static_cast<uint64_t>(window)))};
      leaver.start_date = DrawStart(rng, rate, leaver.age, leaver.leave_date);
      if (leaver.age >= 60 && rng.Bernoulli(profile.retirement_share_aged_60_plus)) {
        leaver.reason = LeaveReason::kRetirement;
      } else {
        std::array<double, EnumCount<LeaveReason>()> shares = profile.reason_shares;
        shares[static_cast<std::size_t>(LeaveReason::kRetirement)] = 0.0;
        leaver.reason = static_cast<LeaveReason>(Pick(rng, shares));
      }
      if (leaver.reason == LeaveReason::kRetirement) {
        leaver.destination.kind = Destination::Kind::kOutside;
      } else {
        const std::array<double, 4> destinations = {profile.destination_same_group, profile.destination_other_group,
                                                    profile.destination_outside, profile.destination_not_recorded};
        switch (Pick(rng, destinations)) {
          case 0: leaver.destination = Destination{Destination::Kind::kSector, sector}; break;
          case 1:
            leaver.destination = Destination{Destination::Kind::kSector,
                                             group == SectorGroup::kSocialCare ? Sector::kNhsCommunity : Sector::kIndependent};
            break;
          case 2: leaver.destination.kind = Destination::Kind::kOutside; break;
          default: break;
        }
      }
      place_.leavers.push_back(std::move(leaver));
    }
  }
}

void PlaceBuilder::AddSyntheticPractices(const std::vector<int64_t>& residents_per_locality) {
  std::vector<std::vector<Index>> practices(place_.localities.size());
  std::vector<std::vector<Index>> networks(place_.localities.size());
  for (std::size_t idx = 0; idx < place_.organisations.size(); ++idx) {
    if (organisation_type_[idx] == kNoType) continue;
    const std::string& type = calibration_.organisation_types[organisation_type_[idx]].type;
    if (type == "gp_practice") practices[place_.organisations[idx].locality].push_back(static_cast<Index>(idx));
    if (type == "pcn") networks[place_.organisations[idx].locality].push_back(static_cast<Index>(idx));
  }
  // A fictional map: localities on a ring around a centre, practices scattered within.
  constexpr double kCentreLatitude = 52.60;
  constexpr double kCentreLongitude = -1.40;
  Rng rng = Stream(kPractices, 0);
  for (std::size_t locality = 0; locality < practices.size(); ++locality) {
    const auto& list = practices[locality];
    if (list.empty()) continue;
    std::vector<double> weights;
    for (std::size_t idx = 0; idx < list.size(); ++idx) weights.push_back(rng.LogNormal(0.0, 0.4));
    const auto patients =
        std::llround(static_cast<double>(residents_per_locality[locality]) * calibration_.registered_patients_per_resident);
    const std::vector<int64_t> list_sizes = Apportion(patients, weights);
    const double angle = 2.0 * 3.14159265358979 * static_cast<double>(locality) / static_cast<double>(practices.size());
    const double ring = practices.size() == 1 ? 0.0 : 0.12;
    for (std::size_t idx = 0; idx < list.size(); ++idx) {
      const Organisation& organisation = place_.organisations[list[idx]];
      GpPractice practice;
      practice.code = organisation.code;
      practice.name = organisation.name;
      practice.locality = organisation.locality;
      practice.list_size = list_sizes[idx];
      practice.latitude = std::round((kCentreLatitude + ring * std::sin(angle) + rng.Normal(0, 0.03)) * 1e4) / 1e4;
      practice.longitude = std::round((kCentreLongitude + 1.6 * ring * std::cos(angle) + rng.Normal(0, 0.05)) * 1e4) / 1e4;
      if (!networks[locality].empty()) {
        practice.pcn = place_.organisations[networks[locality][idx % networks[locality].size()]].code;
      }
      place_.gp_practices.push_back(std::move(practice));
    }
  }
}

}  // namespace careforce::synth
