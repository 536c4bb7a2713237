#include "intelligence/profile.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <numeric>
#include <optional>
#include <set>
#include <utility>

#include <fmt/format.h>

#include "intelligence/disclosure.hpp"

namespace careforce::intelligence {

namespace {

// Posts grouped by person (compressed rows), so distinct-people counts take one pass.
struct PostsByPerson {
  std::vector<Index> offsets;  // persons + 1
  std::vector<Index> posts;

  explicit PostsByPerson(const Place& place) : offsets(place.person_ids.size() + 1, 0) {
    for (const StaffPost& post : place.staff) ++offsets[post.person + 1];
    std::partial_sum(offsets.begin(), offsets.end(), offsets.begin());
    posts.resize(place.staff.size());
    std::vector<Index> fill(offsets.begin(), offsets.end() - 1);
    for (Index post_idx = 0; post_idx < place.staff.size(); ++post_idx) {
      posts[fill[place.staff[post_idx].person]++] = post_idx;
    }
  }
  std::size_t persons() const { return offsets.size() - 1; }
};

// Competences held, grouped by person and sorted.
struct CompetencesByPerson {
  std::vector<Index> offsets;
  std::vector<Index> competences;

  explicit CompetencesByPerson(const Place& place) : offsets(place.person_ids.size() + 1, 0) {
    for (const StaffCompetence& held : place.staff_competences) ++offsets[held.person + 1];
    std::partial_sum(offsets.begin(), offsets.end(), offsets.begin());
    competences.resize(place.staff_competences.size());
    std::vector<Index> fill(offsets.begin(), offsets.end() - 1);
    for (const StaffCompetence& held : place.staff_competences) {
      competences[fill[held.person]++] = held.competence;
    }
  }
  // A person holds a handful of competences: a linear search beats sorting them.
  bool Holds(Index person, Index competence) const {
    const auto first = competences.begin() + offsets[person];
    const auto last = competences.begin() + offsets[person + 1];
    return std::find(first, last, competence) != last;
  }
  bool HoldsAny(Index person) const { return offsets[person + 1] > offsets[person]; }
};

template <typename E>
std::vector<GroupFigures> EnumGroups() {
  std::vector<GroupFigures> groups(EnumCount<E>());
  for (std::size_t idx = 0; idx < groups.size(); ++idx) {
    groups[idx].code = Code(static_cast<E>(idx));
    groups[idx].label = Label(static_cast<E>(idx));
  }
  return groups;
}

// Keeps groups that have people, largest first.
void KeepNonEmpty(std::vector<GroupFigures>& groups) {
  std::erase_if(groups, [](const GroupFigures& group) { return group.posts == 0; });
}

double Share(double part, double whole) { return whole > 0 ? part / whole : 0.0; }

double Median(std::vector<double>& values) {
  if (values.empty()) return 0.0;
  const std::size_t middle = values.size() / 2;
  std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(middle), values.end());
  const double upper = values[middle];
  if (values.size() % 2 == 1) return upper;
  const double lower = *std::max_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(middle));
  return (lower + upper) / 2.0;
}

void ProfileGroups(const Place& place, const PostsByPerson& by_person, WorkforceProfile& profile) {
  profile.by_sector = EnumGroups<Sector>();
  profile.by_staff_group = EnumGroups<StaffGroup>();
  const auto name_groups = [](std::vector<GroupFigures>& groups, const auto& entities) {
    groups.resize(entities.size());
    for (std::size_t idx = 0; idx < entities.size(); ++idx) {
      groups[idx].code = entities[idx].code;
      groups[idx].label = entities[idx].name;
    }
  };
  name_groups(profile.by_role, place.roles);
  name_groups(profile.by_locality, place.localities);
  name_groups(profile.by_organisation, place.organisations);
  for (std::size_t idx = 0; idx < place.roles.size(); ++idx) profile.by_role[idx].parent = Code(place.roles[idx].staff_group);
  for (std::size_t idx = 0; idx < place.organisations.size(); ++idx) {
    profile.by_organisation[idx].parent = Code(place.organisations[idx].sector);
  }

  // Every breakdown in one pass over people: a person counts once per group they have a post in.
  constexpr std::size_t kDimensions = 5;
  const std::array<std::vector<GroupFigures>*, kDimensions> groups = {
      &profile.by_sector, &profile.by_staff_group, &profile.by_role, &profile.by_locality, &profile.by_organisation};
  const auto keys_of = [&](const StaffPost& post) {
    return std::array<std::size_t, kDimensions>{static_cast<std::size_t>(place.organisations[post.organisation].sector),
                                                static_cast<std::size_t>(place.roles[post.role].staff_group),
                                                post.role, post.locality, post.organisation};
  };
  std::vector<std::array<std::size_t, kDimensions>> seen;
  for (std::size_t person = 0; person < by_person.persons(); ++person) {
    const Index begin = by_person.offsets[person];
    const Index end = by_person.offsets[person + 1];
    seen.clear();
    for (Index pos = begin; pos < end; ++pos) {
      const StaffPost& post = place.staff[by_person.posts[pos]];
      const auto keys = keys_of(post);
      for (std::size_t dimension = 0; dimension < kDimensions; ++dimension) {
        GroupFigures& group = (*groups[dimension])[keys[dimension]];
        ++group.posts;
        group.fte += post.fte;
        bool counted = false;
        for (const auto& earlier : seen) counted = counted || earlier[dimension] == keys[dimension];
        if (!counted) ++group.headcount;
      }
      seen.push_back(keys);
    }
  }
  for (auto* list : groups) KeepNonEmpty(*list);
}

void ProfileAges(const Place& place, const PostsByPerson& by_person, WorkforceProfile& profile) {
  // Five-year bands from 16; the last band closes at 80, the oldest age accepted.
  for (int from = 15; from < 80; from += 5) {
    AgeBandFigures band;
    band.age_from = from == 15 ? 16 : from;
    band.age_to = from + 4 == 79 ? 80 : from + 4;
    band.band = fmt::format("{}-{}", band.age_from, band.age_to);
    profile.age_pyramid.push_back(band);
    if (band.age_to == 80) break;
  }
  const int retirement_age = place.settings.retirement_age;
  const auto init = [](std::vector<RetirementFigures>& rows, auto codes, auto labels) {
    for (std::size_t idx = 0; idx < codes.size(); ++idx) {
      rows.push_back(RetirementFigures{std::string(codes[idx]), std::string(labels[idx])});
    }
  };
  init(profile.retirement_by_staff_group, EnumInfo<StaffGroup>::kCodes, EnumInfo<StaffGroup>::kLabels);
  init(profile.retirement_by_sector, EnumInfo<Sector>::kCodes, EnumInfo<Sector>::kLabels);
  profile.retirement_total.code = "total";
  profile.retirement_total.label = "All staff";

  std::vector<std::size_t> groups_seen;
  std::vector<std::size_t> sectors_seen;
  for (std::size_t person = 0; person < by_person.persons(); ++person) {
    if (by_person.offsets[person] == by_person.offsets[person + 1]) continue;
    const StaffPost& first = place.staff[by_person.posts[by_person.offsets[person]]];
    const int age = first.age;
    for (AgeBandFigures& band : profile.age_pyramid) {
      if (age < band.age_from || age > band.age_to) continue;
      (first.sex == Sex::kFemale ? band.female : first.sex == Sex::kMale ? band.male : band.not_recorded)++;
    }
    const auto count = [&](RetirementFigures& row) {
      ++row.headcount;
      row.mean_age += age;
      if (age >= retirement_age - 5) ++row.within_5_years;
      if (age >= retirement_age - 10) ++row.within_10_years;
    };
    count(profile.retirement_total);
    groups_seen.clear();
    sectors_seen.clear();
    for (Index pos = by_person.offsets[person]; pos < by_person.offsets[person + 1]; ++pos) {
      const StaffPost& post = place.staff[by_person.posts[pos]];
      const auto group = static_cast<std::size_t>(place.roles[post.role].staff_group);
      const auto sector = static_cast<std::size_t>(place.organisations[post.organisation].sector);
      if (std::find(groups_seen.begin(), groups_seen.end(), group) == groups_seen.end()) {
        groups_seen.push_back(group);
        count(profile.retirement_by_staff_group[group]);
      }
      if (std::find(sectors_seen.begin(), sectors_seen.end(), sector) == sectors_seen.end()) {
        sectors_seen.push_back(sector);
        count(profile.retirement_by_sector[sector]);
      }
    }
  }
  const auto finish = [](RetirementFigures& row) {
    row.share_within_5_years = Share(static_cast<double>(row.within_5_years), static_cast<double>(row.headcount));
    row.share_within_10_years = Share(static_cast<double>(row.within_10_years), static_cast<double>(row.headcount));
    row.mean_age = Share(row.mean_age, static_cast<double>(row.headcount));
  };
  finish(profile.retirement_total);
  for (auto* rows : {&profile.retirement_by_staff_group, &profile.retirement_by_sector}) {
    for (RetirementFigures& row : *rows) finish(row);
    std::erase_if(*rows, [](const RetirementFigures& row) { return row.headcount == 0; });
  }
}

void ProfileTurnover(const Place& place, WorkforceProfile& profile) {
  profile.has_leavers = !place.leavers.empty() ||
                        std::any_of(place.sources.begin(), place.sources.end(),
                                    [](const SourceFile& source) { return source.table == "leavers"; });
  if (!profile.has_leavers) return;
  const Date period_start = AddMonths(place.census_date, -12);
  profile.turnover_period_start = period_start;

  std::vector<TurnoverFigures> by_role(place.roles.size());
  std::vector<TurnoverFigures> by_sector(EnumCount<Sector>());
  for (std::size_t idx = 0; idx < by_role.size(); ++idx) {
    by_role[idx].code = place.roles[idx].code;
    by_role[idx].label = place.roles[idx].name;
  }
  for (std::size_t idx = 0; idx < by_sector.size(); ++idx) {
    by_sector[idx].code = Code(static_cast<Sector>(idx));
    by_sector[idx].label = Label(static_cast<Sector>(idx));
  }
  TurnoverFigures& total = profile.turnover_total;
  total.code = "total";
  total.label = "All staff";
  const auto rows_of = [&](Index organisation, Index role) {
    const auto sector = static_cast<std::size_t>(place.organisations[organisation].sector);
    return std::array<TurnoverFigures*, 3>{&by_role[role], &by_sector[sector], &total};
  };
  for (const StaffPost& post : place.staff) {
    for (TurnoverFigures* row : rows_of(post.organisation, post.role)) {
      ++row->staff_at_end;
      row->fte_at_end += post.fte;
      if (post.start_date <= period_start) {
        ++row->staff_at_start;
        row->fte_at_start += post.fte;
        ++row->stayers;
      }
    }
  }
  std::vector<GroupFigures> reasons = EnumGroups<LeaveReason>();
  for (const Leaver& leaver : place.leavers) {
    if (leaver.leave_date <= period_start) continue;  // left before the period
    const bool in_post_at_start = leaver.start_date <= period_start;
    for (TurnoverFigures* row : rows_of(leaver.organisation, leaver.role)) {
      ++row->leavers;
      row->leavers_fte += leaver.fte;
      if (in_post_at_start) {
        ++row->staff_at_start;
        row->fte_at_start += leaver.fte;
      }
    }
    GroupFigures& reason = reasons[static_cast<std::size_t>(leaver.reason)];
    ++reason.headcount;
    ++reason.posts;
    reason.fte += leaver.fte;
  }
  const auto finish = [](TurnoverFigures& row) {
    row.leaver_rate = Share(static_cast<double>(row.leavers), (row.staff_at_start + row.staff_at_end) / 2.0);
    row.leaver_rate_fte = Share(row.leavers_fte, (row.fte_at_start + row.fte_at_end) / 2.0);
    row.stability_index = Share(static_cast<double>(row.stayers), static_cast<double>(row.staff_at_start));
  };
  finish(total);
  for (auto* rows : {&by_role, &by_sector}) {
    for (TurnoverFigures& row : *rows) finish(row);
    std::erase_if(*rows, [](const TurnoverFigures& row) { return row.staff_at_end == 0 && row.leavers == 0; });
  }
  profile.turnover_by_role = std::move(by_role);
  profile.turnover_by_sector = std::move(by_sector);
  KeepNonEmpty(reasons);
  profile.leavers_by_reason = std::move(reasons);
}

void ProfileVacancies(const Place& place, WorkforceProfile& profile) {
  profile.has_vacancies = !place.vacancies.empty() ||
                          std::any_of(place.sources.begin(), place.sources.end(),
                                      [](const SourceFile& source) { return source.table == "vacancies"; });
  if (!profile.has_vacancies) return;
  std::vector<VacancyFigures> by_role(place.roles.size());
  std::vector<VacancyFigures> by_sector(EnumCount<Sector>());
  for (std::size_t idx = 0; idx < by_role.size(); ++idx) {
    by_role[idx].code = place.roles[idx].code;
    by_role[idx].label = place.roles[idx].name;
    by_role[idx].parent = Code(place.roles[idx].staff_group);
  }
  for (std::size_t idx = 0; idx < by_sector.size(); ++idx) {
    by_sector[idx].code = Code(static_cast<Sector>(idx));
    by_sector[idx].label = Label(static_cast<Sector>(idx));
  }
  VacancyFigures& total = profile.vacancies_total;
  total.code = "total";
  total.label = "All staff";
  const auto rows_of = [&](Index organisation, Index role) {
    const auto sector = static_cast<std::size_t>(place.organisations[organisation].sector);
    return std::array<VacancyFigures*, 3>{&by_role[role], &by_sector[sector], &total};
  };
  for (const StaffPost& post : place.staff) {
    for (VacancyFigures* row : rows_of(post.organisation, post.role)) row->in_post_fte += post.fte;
  }
  const Date year_ago = AddMonths(place.census_date, -12);
  for (const Vacancy& vacancy : place.vacancies) {
    for (VacancyFigures* row : rows_of(vacancy.organisation, vacancy.role)) {
      row->vacant_fte += vacancy.fte;
      ++row->vacancies;
      if (vacancy.opened <= year_ago) ++row->open_over_12_months;
    }
  }
  const auto finish = [](VacancyFigures& row) {
    row.vacancy_rate = Share(row.vacant_fte, row.vacant_fte + row.in_post_fte);
  };
  finish(total);
  for (auto* rows : {&by_role, &by_sector}) {
    for (VacancyFigures& row : *rows) finish(row);
    std::erase_if(*rows, [](const VacancyFigures& row) { return row.in_post_fte == 0 && row.vacancies == 0; });
  }
  profile.vacancies_by_role = std::move(by_role);
  profile.vacancies_by_sector = std::move(by_sector);
}

void ProfilePay(const Place& place, WorkforceProfile& profile) {
  const std::size_t sectors = EnumCount<Sector>();
  std::vector<std::vector<double>> fte_pay(place.roles.size() * sectors);
  std::vector<PayFigures> cells(place.roles.size() * sectors);
  for (const StaffPost& post : place.staff) {
    const auto sector = static_cast<std::size_t>(place.organisations[post.organisation].sector);
    const std::size_t cell = post.role * sectors + sector;
    fte_pay[cell].push_back(post.annual_pay / post.fte);
    ++cells[cell].posts;
    cells[cell].fte += post.fte;
    cells[cell].pay_bill += post.annual_pay;
    profile.pay_bill += post.annual_pay;
  }
  for (std::size_t role = 0; role < place.roles.size(); ++role) {
    for (std::size_t sector = 0; sector < sectors; ++sector) {
      PayFigures& cell = cells[role * sectors + sector];
      if (cell.posts == 0) continue;
      std::vector<double>& values = fte_pay[role * sectors + sector];
      cell.role = place.roles[role].code;
      cell.role_label = place.roles[role].name;
      cell.sector = Code(static_cast<Sector>(sector));
      cell.sector_label = Label(static_cast<Sector>(sector));
      cell.mean_fte_pay = std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(values.size());
      cell.median_fte_pay = Median(values);
      profile.pay.push_back(std::move(cell));
    }
  }

  // Comparable work: roles sharing a pay_comparator (or a role on its own) in both NHS trusts
  // and social care.
  struct Side {
    int64_t posts = 0;
    double pay_sum = 0.0;
  };
  std::map<std::string, std::pair<Side, Side>> groups;
  std::map<std::string, std::vector<std::string>> roles_of;
  for (const StaffPost& post : place.staff) {
    const Role& role = place.roles[post.role];
    const Sector sector = place.organisations[post.organisation].sector;
    if (!IsNhsTrust(sector) && !IsSocialCare(sector)) continue;
    const std::string& comparator = role.pay_comparator.empty() ? role.code : role.pay_comparator;
    auto& [nhs, social_care] = groups[comparator];
    Side& side = IsNhsTrust(sector) ? nhs : social_care;
    ++side.posts;
    side.pay_sum += post.annual_pay / post.fte;
    auto& roles = roles_of[comparator];
    if (std::find(roles.begin(), roles.end(), role.code) == roles.end()) roles.push_back(role.code);
  }
  for (const auto& [comparator, sides] : groups) {
    const auto& [nhs, social_care] = sides;
    if (nhs.posts == 0 || social_care.posts == 0) continue;
    PayGapFigures gap;
    gap.comparator = comparator;
    std::vector<std::string> roles = roles_of[comparator];
    std::sort(roles.begin(), roles.end());
    gap.roles = fmt::format("{}", fmt::join(roles, "+"));
    gap.nhs_posts = nhs.posts;
    gap.social_care_posts = social_care.posts;
    gap.nhs_mean_fte_pay = nhs.pay_sum / static_cast<double>(nhs.posts);
    gap.social_care_mean_fte_pay = social_care.pay_sum / static_cast<double>(social_care.posts);
    gap.gap = gap.nhs_mean_fte_pay - gap.social_care_mean_fte_pay;
    gap.gap_percent = Share(gap.gap, gap.nhs_mean_fte_pay) * 100.0;
    profile.pay_gaps.push_back(std::move(gap));
  }
}

void ProfileCompetences(const Place& place, const PostsByPerson& by_person,
                        const CompetencesByPerson& held, WorkforceProfile& profile) {
  profile.has_staff_competences =
      !place.staff_competences.empty() ||
      std::any_of(place.sources.begin(), place.sources.end(),
                  [](const SourceFile& source) { return source.table == "staff_competences"; });
  if (!profile.has_staff_competences || place.role_competences.empty()) return;
  // One pass over people (whose competences sit together in memory): each distinct role they
  // hold counts them once against each competence of the role's profile.
  std::vector<std::vector<std::size_t>> profile_rows(place.roles.size());  // role -> coverage rows
  std::vector<CoverageFigures> rows(place.role_competences.size());
  for (std::size_t idx = 0; idx < place.role_competences.size(); ++idx) {
    const RoleCompetence& required = place.role_competences[idx];
    profile_rows[required.role].push_back(idx);
    rows[idx].role = place.roles[required.role].code;
    rows[idx].competence = place.competences[required.competence].code;
    rows[idx].competence_label = place.competences[required.competence].name;
  }
  std::vector<Index> roles_seen;
  for (std::size_t person = 0; person < by_person.persons(); ++person) {
    roles_seen.clear();
    for (Index pos = by_person.offsets[person]; pos < by_person.offsets[person + 1]; ++pos) {
      const Index role = place.staff[by_person.posts[pos]].role;
      if (std::find(roles_seen.begin(), roles_seen.end(), role) != roles_seen.end()) continue;
      roles_seen.push_back(role);
      for (const std::size_t row : profile_rows[role]) {
        ++rows[row].headcount;
        if (held.Holds(static_cast<Index>(person), place.role_competences[row].competence)) ++rows[row].holding;
      }
    }
  }
  for (CoverageFigures& row : rows) {
    if (row.headcount == 0) continue;
    row.share = Share(static_cast<double>(row.holding), static_cast<double>(row.headcount));
    profile.competence_coverage.push_back(std::move(row));
  }
}

void FindDataQuality(const Place& place, const PostsByPerson& by_person, const CompetencesByPerson& held,
                     WorkforceProfile& profile) {
  auto add = [&](std::string code, FindingLevel level, int64_t count, std::string message) {
    if (count > 0) profile.findings.push_back(Finding{std::move(code), level, count, std::move(message)});
  };
  // Counts of organisations, roles, localities, registered patients and missing years are not
  // counts of staff: they are shown whatever their size.
  const auto add_not_staff = [&](std::string code, FindingLevel level, int64_t count, std::string message) {
    if (count <= 0) return;
    add(std::move(code), level, count, std::move(message));
    profile.findings.back().counts_staff = false;
  };
  int64_t sex_not_recorded = 0;
  int64_t over_retirement = 0;
  int64_t without_competences = 0;
  int64_t multi_post = 0;
  for (std::size_t person = 0; person < by_person.persons(); ++person) {
    const Index begin = by_person.offsets[person];
    const Index end = by_person.offsets[person + 1];
    if (begin == end) continue;
    const StaffPost& first = place.staff[by_person.posts[begin]];
    if (first.sex == Sex::kUnknown) ++sex_not_recorded;
    if (first.age >= place.settings.retirement_age) ++over_retirement;
    if (profile.has_staff_competences && !held.HoldsAny(static_cast<Index>(person))) ++without_competences;
    if (end - begin > 1) ++multi_post;
  }
  add("sex_not_recorded", FindingLevel::kWarning, sex_not_recorded,
      "people whose sex is not recorded (U): equality monitoring and the age pyramid are incomplete");
  add("over_retirement_age", FindingLevel::kNote, over_retirement,
      fmt::format("people at or over the retirement age of {} still in post", place.settings.retirement_age));
  add("no_competences_recorded", FindingLevel::kWarning, without_competences,
      "people with no competence recorded in staff_competences.csv: competence coverage understates "
      "what they can do");
  add("several_posts", FindingLevel::kNote, multi_post,
      "people holding more than one post (counted once in headcount, every post in FTE)");

  // Pay far from the role's median suggests pay recorded for the wrong FTE or period.
  std::vector<std::vector<double>> role_pay(place.roles.size());
  for (const StaffPost& post : place.staff) role_pay[post.role].push_back(post.annual_pay / post.fte);
  std::vector<double> role_median(place.roles.size());
  for (std::size_t role = 0; role < place.roles.size(); ++role) role_median[role] = Median(role_pay[role]);
  int64_t pay_outliers = 0;
  for (const StaffPost& post : place.staff) {
    const double fte_pay = post.annual_pay / post.fte;
    if (fte_pay < 0.5 * role_median[post.role] || fte_pay > 2.0 * role_median[post.role]) ++pay_outliers;
  }
  add("pay_outlier", FindingLevel::kWarning, pay_outliers,
      "posts whose pay per FTE is under half or over twice their role's median: check the FTE and "
      "that pay is annual");

  std::vector<int64_t> posts_per_organisation(place.organisations.size(), 0);
  std::vector<int64_t> posts_per_role(place.roles.size(), 0);
  for (const StaffPost& post : place.staff) {
    ++posts_per_organisation[post.organisation];
    ++posts_per_role[post.role];
  }
  for (const Vacancy& vacancy : place.vacancies) ++posts_per_role[vacancy.role];
  add_not_staff("organisation_without_staff", FindingLevel::kNote,
      std::count(posts_per_organisation.begin(), posts_per_organisation.end(), 0),
      "organisations with no staff in staff.csv");
  add_not_staff("role_without_staff", FindingLevel::kNote, std::count(posts_per_role.begin(), posts_per_role.end(), 0),
      "roles with no staff and no vacancies");

  const Date year_ago = AddMonths(place.census_date, -12);
  add("vacancy_open_over_12_months", FindingLevel::kWarning,
      std::count_if(place.vacancies.begin(), place.vacancies.end(),
                    [&](const Vacancy& vacancy) { return vacancy.opened <= year_ago; }),
      "vacancies open for more than 12 months: still being recruited to, or no longer real?");

  if (!place.leavers.empty()) {
    const auto other = std::count_if(place.leavers.begin(), place.leavers.end(),
                                     [](const Leaver& leaver) { return leaver.reason == LeaveReason::kOther; });
    if (other * 4 > static_cast<int64_t>(place.leavers.size())) {
      add("leaving_reason_other", FindingLevel::kWarning, other,
          "leavers with reason \"other\" (over a quarter of leavers): reasons cannot guide retention");
    }
    const auto not_recorded = std::count_if(place.leavers.begin(), place.leavers.end(), [](const Leaver& leaver) {
      return leaver.destination.kind == Destination::Kind::kNotRecorded;
    });
    add("destination_not_recorded", FindingLevel::kNote, not_recorded,
        "leavers with no destination recorded: moves between sectors cannot be measured for them");
  }

  if (!place.gp_practices.empty()) {
    std::vector<bool> has_practice(place.localities.size(), false);
    int64_t list_total = 0;
    for (const GpPractice& practice : place.gp_practices) {
      has_practice[practice.locality] = true;
      list_total += practice.list_size;
    }
    add_not_staff("locality_without_gp_practice", FindingLevel::kWarning,
        std::count(has_practice.begin(), has_practice.end(), false), "localities with no GP practice");
    double population = 0.0;
    for (const PopulationCell& cell : place.population) {
      if (cell.year == place.base_year) population += cell.count;
    }
    if (population > 0) {
      const double ratio = static_cast<double>(list_total) / population;
      if (ratio < 0.9 || ratio > 1.1) {
        add_not_staff("list_size_against_population", FindingLevel::kNote, list_total,
            fmt::format("registered GP list total is {:.0f}% of the {} resident population: practices may "
                        "serve people outside the place, or lists may need cleaning",
                        ratio * 100.0, place.base_year));
      }
    }
  }
  if (!place.population.empty()) {
    const bool base_year_present = std::any_of(place.population.begin(), place.population.end(),
                                               [&](const PopulationCell& cell) { return cell.year == place.base_year; });
    if (!base_year_present) {
      add_not_staff("population_base_year_missing", FindingLevel::kWarning, 1,
          fmt::format("population.csv has no counts for the base year {}", place.base_year));
    }
  }
}

// Hides more rows by secondary suppression over each group of rows whose total a reader knows
// (every row is in the table's own group; `extra_groups` lists more, by row index). `hidden`
// reads and writes a row's flag; a row already hidden stays hidden.
template <typename Row, typename Count, typename Hidden>
void SuppressRows(std::vector<Row>& rows, Count count_of, Hidden hidden,
                  const std::vector<std::vector<std::size_t>>& extra_groups = {}) {
  DisclosureCells cells;
  for (Row& row : rows) cells.Add(static_cast<double>(count_of(row)), hidden(row));
  std::vector<std::size_t> all(rows.size());
  for (std::size_t idx = 0; idx < rows.size(); ++idx) all[idx] = idx;
  cells.relations.push_back(std::move(all));
  for (const auto& group : extra_groups) cells.relations.push_back(group);
  SuppressSecondary(cells);
  for (std::size_t idx = 0; idx < rows.size(); ++idx) hidden(rows[idx]) = cells.hidden[idx];
}

std::set<std::string> HiddenCodes(const std::vector<GroupFigures>& groups) {
  std::set<std::string> codes;
  for (const GroupFigures& group : groups) {
    if (group.suppressed) codes.insert(group.code);
  }
  return codes;
}

// Row indices of each parent code (a role's staff group), for SuppressRows.
template <typename Row>
std::vector<std::vector<std::size_t>> ByParent(const std::vector<Row>& rows) {
  std::map<std::string, std::vector<std::size_t>> members;
  for (std::size_t idx = 0; idx < rows.size(); ++idx) {
    if (!rows[idx].parent.empty()) members[rows[idx].parent].push_back(idx);
  }
  std::vector<std::vector<std::size_t>> groups;
  for (auto& [parent, rows_of] : members) groups.push_back(std::move(rows_of));
  return groups;
}

// The workforce tables as one set of cells: each table adds up to the place's total, a staff
// group's roles to the group's row and a sector's organisations to the sector's, so a role is
// never the only one hidden in its staff group nor an organisation in its sector (posts and FTE
// add up exactly; headcount nearly, a person with posts in two roles counting in both).
void SuppressWorkforce(WorkforceProfile& profile, int threshold) {
  const std::array<std::vector<GroupFigures>*, 5> tables = {&profile.by_sector, &profile.by_staff_group,
                                                           &profile.by_role, &profile.by_locality,
                                                           &profile.by_organisation};
  DisclosureCells cells;
  std::vector<std::vector<std::size_t>> cell_of(tables.size());
  for (std::size_t table = 0; table < tables.size(); ++table) {
    for (GroupFigures& group : *tables[table]) {
      group.suppressed = group.suppressed || SmallCount(group.headcount, threshold);
      cell_of[table].push_back(cells.Add(static_cast<double>(group.headcount), group.suppressed));
    }
    cells.relations.push_back(cell_of[table]);
  }
  // Members of a parent row: roles of a staff group (table 1), organisations of a sector (table 0).
  const auto add_parents = [&](std::size_t members_table, std::size_t parents_table) {
    std::map<std::string, std::size_t> parent_cell;
    for (std::size_t idx = 0; idx < tables[parents_table]->size(); ++idx) {
      parent_cell[(*tables[parents_table])[idx].code] = cell_of[parents_table][idx];
    }
    std::map<std::string, std::vector<std::size_t>> relation;
    for (std::size_t idx = 0; idx < tables[members_table]->size(); ++idx) {
      relation[(*tables[members_table])[idx].parent].push_back(cell_of[members_table][idx]);
    }
    for (auto& [parent, members] : relation) {
      if (const auto found = parent_cell.find(parent); found != parent_cell.end()) members.push_back(found->second);
      cells.relations.push_back(std::move(members));
    }
  };
  add_parents(2, 1);
  add_parents(4, 0);
  SuppressSecondary(cells);
  for (std::size_t table = 0; table < tables.size(); ++table) {
    for (std::size_t idx = 0; idx < tables[table]->size(); ++idx) {
      (*tables[table])[idx].suppressed = cells.hidden[cell_of[table][idx]];
    }
  }
}

// Pay rows are posts by role and sector: a role's rows add up to its posts in the workforce
// tables, a sector's to the sector's, and the pay gap's NHS (or social care) posts of comparable
// work to the rows of its roles in NHS trusts (or social care). A role hidden there is hidden
// here; a side of the pay gap that would give a hidden row back is hidden too.
void SuppressPay(WorkforceProfile& profile, int threshold, const std::set<std::string>& hidden_roles) {
  DisclosureCells cells;
  std::map<std::string, std::vector<std::size_t>> by_role;
  std::map<std::string, std::vector<std::size_t>> by_sector;
  for (std::size_t idx = 0; idx < profile.pay.size(); ++idx) {
    PayFigures& row = profile.pay[idx];
    row.suppressed = row.suppressed || SmallCount(row.posts, threshold) || hidden_roles.count(row.role) > 0;
    cells.Add(static_cast<double>(row.posts), row.suppressed);
    by_role[row.role].push_back(idx);
    by_sector[row.sector].push_back(idx);
  }
  for (auto& [role, rows] : by_role) cells.relations.push_back(std::move(rows));
  for (auto& [sector, rows] : by_sector) cells.relations.push_back(std::move(rows));
  std::vector<std::pair<std::size_t, std::size_t>> gap_cells;  // NHS, social care
  for (PayGapFigures& gap : profile.pay_gaps) {
    gap.nhs_suppressed = gap.nhs_suppressed || SmallCount(gap.nhs_posts, threshold);
    gap.social_care_suppressed = gap.social_care_suppressed || SmallCount(gap.social_care_posts, threshold);
    const std::size_t nhs = cells.Add(static_cast<double>(gap.nhs_posts), gap.nhs_suppressed);
    const std::size_t social_care = cells.Add(static_cast<double>(gap.social_care_posts), gap.social_care_suppressed);
    gap_cells.emplace_back(nhs, social_care);
    std::set<std::string> roles;
    for (std::size_t from = 0; from <= gap.roles.size();) {
      const std::size_t plus = std::min(gap.roles.find('+', from), gap.roles.size());
      roles.insert(gap.roles.substr(from, plus - from));
      from = plus + 1;
    }
    // Each side against its roles' rows in its sectors; and, taken from the totals of the roles
    // or of the sectors, against the roles' rows in the other sectors (both sides) and against
    // the other roles' rows in the side's sectors.
    std::vector<std::size_t> nhs_relation = {nhs};
    std::vector<std::size_t> social_care_relation = {social_care};
    std::vector<std::size_t> other_sectors = {nhs, social_care};
    std::vector<std::size_t> other_nhs_roles = {nhs};
    std::vector<std::size_t> other_social_care_roles = {social_care};
    for (std::size_t idx = 0; idx < profile.pay.size(); ++idx) {
      const PayFigures& row = profile.pay[idx];
      const std::optional<Sector> sector = ParseCode<Sector>(row.sector);
      if (!sector) continue;
      const bool compared = roles.count(row.role) > 0;
      if (IsNhsTrust(*sector)) (compared ? nhs_relation : other_nhs_roles).push_back(idx);
      if (IsSocialCare(*sector)) (compared ? social_care_relation : other_social_care_roles).push_back(idx);
      if (compared && !IsNhsTrust(*sector) && !IsSocialCare(*sector)) other_sectors.push_back(idx);
    }
    for (auto* relation : {&nhs_relation, &social_care_relation, &other_sectors, &other_nhs_roles,
                           &other_social_care_roles}) {
      cells.relations.push_back(std::move(*relation));
    }
  }
  SuppressSecondary(cells);
  for (std::size_t idx = 0; idx < profile.pay.size(); ++idx) profile.pay[idx].suppressed = cells.hidden[idx];
  for (std::size_t idx = 0; idx < profile.pay_gaps.size(); ++idx) {
    PayGapFigures& gap = profile.pay_gaps[idx];
    gap.nhs_suppressed = cells.hidden[gap_cells[idx].first];
    gap.social_care_suppressed = cells.hidden[gap_cells[idx].second];
    // The other side of a hidden row is hidden with it but counted here as shown: hiding it
    // needs nothing more hidden.
    gap.suppressed = gap.suppressed || gap.nhs_suppressed || gap.social_care_suppressed;
  }
}

}  // namespace

WorkforceProfile ProfileWorkforce(const Place& place) {
  WorkforceProfile profile;
  profile.place = place.name;
  profile.census_date = place.census_date;
  profile.retirement_age = place.settings.retirement_age;
  profile.suppression_threshold = place.settings.suppression_threshold;
  const PostsByPerson by_person(place);
  const CompetencesByPerson held(place);
  for (std::size_t person = 0; person < by_person.persons(); ++person) {
    if (by_person.offsets[person + 1] > by_person.offsets[person]) ++profile.headcount;
  }
  profile.posts = static_cast<int64_t>(place.staff.size());
  for (const StaffPost& post : place.staff) profile.fte += post.fte;

  ProfileGroups(place, by_person, profile);
  ProfileAges(place, by_person, profile);
  ProfileTurnover(place, profile);
  ProfileVacancies(place, profile);
  ProfilePay(place, profile);
  ProfileCompetences(place, by_person, held, profile);
  FindDataQuality(place, by_person, held, profile);
  return profile;
}

void ApplySuppression(WorkforceProfile& profile) {
  const int threshold = profile.suppression_threshold;
  profile.suppression_applied = true;
  const auto Small = [&](int64_t count) { return SmallCount(count, threshold); };
  const auto whole_row = [](auto& row) -> bool& { return row.suppressed; };
  SuppressWorkforce(profile, threshold);
  for (GroupFigures& reason : profile.leavers_by_reason) reason.suppressed = reason.suppressed || Small(reason.headcount);
  SuppressRows(profile.leavers_by_reason, [](const GroupFigures& group) { return group.headcount; }, whole_row);
  const std::set<std::string> hidden_roles = HiddenCodes(profile.by_role);
  const std::set<std::string> hidden_sectors = HiddenCodes(profile.by_sector);
  for (AgeBandFigures& band : profile.age_pyramid) {
    band.suppressed = band.suppressed || Small(band.female) || Small(band.male) || Small(band.not_recorded);
  }
  SuppressRows(profile.age_pyramid, [](const AgeBandFigures& band) { return band.female + band.male + band.not_recorded; },
               whole_row);
  // Closeness to retirement: a group hidden in the workforce tables is hidden here (the same
  // headcount), and so is a row giving back a small number of people in any of its age ranges.
  const auto small_ages = [&](const RetirementFigures& row) {
    return Small(row.headcount) || Small(row.within_5_years) || Small(row.within_10_years) ||
           Small(row.within_10_years - row.within_5_years) || Small(row.headcount - row.within_10_years);
  };
  for (const auto& [rows, hidden] : {std::pair{&profile.retirement_by_staff_group, HiddenCodes(profile.by_staff_group)},
                                     std::pair{&profile.retirement_by_sector, hidden_sectors}}) {
    for (RetirementFigures& row : *rows) row.suppressed = row.suppressed || hidden.count(row.code) > 0 || small_ages(row);
    SuppressRows(*rows, [](const RetirementFigures& row) { return row.headcount; }, whole_row);
  }
  profile.retirement_total.suppressed = profile.retirement_total.suppressed || small_ages(profile.retirement_total);
  // Turnover, column by column against the total row: staff (a role or sector hidden in the
  // workforce tables, whose posts now these are, is hidden here), then leavers (and the rates
  // from them), then the stability index, whose complement is the staff at the start who left.
  TurnoverFigures& total = profile.turnover_total;
  total.suppressed = total.suppressed || Small(total.staff_at_start) || Small(total.staff_at_end);
  total.leavers_suppressed = total.leavers_suppressed || total.suppressed || Small(total.leavers);
  total.stability_suppressed =
      total.stability_suppressed || total.leavers_suppressed || Small(total.staff_at_start - total.stayers);
  for (const auto& [rows, hidden] : {std::pair{&profile.turnover_by_role, &hidden_roles},
                                     std::pair{&profile.turnover_by_sector, &hidden_sectors}}) {
    for (TurnoverFigures& row : *rows) {
      row.suppressed = row.suppressed || hidden->count(row.code) > 0 || Small(row.staff_at_start) || Small(row.staff_at_end);
    }
    SuppressRows(*rows, [](const TurnoverFigures& row) { return row.staff_at_end; }, whole_row);
    for (TurnoverFigures& row : *rows) row.leavers_suppressed = row.leavers_suppressed || row.suppressed || Small(row.leavers);
    SuppressRows(*rows, [](const TurnoverFigures& row) { return row.leavers; },
                 [](TurnoverFigures& row) -> bool& { return row.leavers_suppressed; });
    for (TurnoverFigures& row : *rows) {
      row.stability_suppressed =
          row.stability_suppressed || row.leavers_suppressed || Small(row.staff_at_start - row.stayers);
    }
    SuppressRows(*rows, [](const TurnoverFigures& row) { return row.staff_at_start - row.stayers; },
                 [](TurnoverFigures& row) -> bool& { return row.stability_suppressed; });
  }
  // Vacancies against the total row, and a role's against its staff group's: the gaps add the
  // establishment (in post and vacant) of every role of a group, so a role's vacancies are never
  // the only ones hidden in its group. Vacancies open over 12 months, and those open for less,
  // are counts too.
  const auto small_open = [&](const VacancyFigures& row) {
    return Small(row.open_over_12_months) || Small(row.vacancies - row.open_over_12_months);
  };
  VacancyFigures& vacancies = profile.vacancies_total;
  vacancies.suppressed = vacancies.suppressed || Small(vacancies.vacancies);
  vacancies.open_suppressed = vacancies.open_suppressed || vacancies.suppressed || small_open(vacancies);
  for (const auto& [rows, hidden_in_post] : {std::pair{&profile.vacancies_by_role, &hidden_roles},
                                             std::pair{&profile.vacancies_by_sector, &hidden_sectors}}) {
    for (VacancyFigures& row : *rows) {
      row.in_post_suppressed = row.in_post_suppressed || hidden_in_post->count(row.code) > 0;
      // The vacancy rate with the vacant FTE shown gives the hidden in-post FTE back.
      row.suppressed = row.suppressed || Small(row.vacancies) || row.in_post_suppressed;
    }
    SuppressRows(*rows, [](const VacancyFigures& row) { return row.vacancies; }, whole_row, ByParent(*rows));
    for (VacancyFigures& row : *rows) row.open_suppressed = row.open_suppressed || row.suppressed || small_open(row);
    SuppressRows(*rows, [](const VacancyFigures& row) { return row.open_over_12_months; },
                 [](VacancyFigures& row) -> bool& { return row.open_suppressed; });
  }
  SuppressPay(profile, threshold, hidden_roles);
  for (CoverageFigures& row : profile.competence_coverage) {
    row.suppressed = row.suppressed || Small(row.holding) || Small(row.headcount - row.holding) ||
                     hidden_roles.count(row.role) > 0;
  }
  for (Finding& finding : profile.findings) {
    finding.suppressed = finding.suppressed || (finding.counts_staff && Small(finding.count));
  }
}

}  // namespace careforce::intelligence
