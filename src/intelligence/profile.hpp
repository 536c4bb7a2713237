#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/place.hpp"

namespace careforce::intelligence {

// Headcount (distinct people) and FTE of one group of the workforce.
struct GroupFigures {
  std::string code;   // sector, staff group, role or locality code
  std::string label;  // words for reports
  std::string parent;  // the group it is part of: a role's staff group, an organisation's sector
  int64_t headcount = 0;
  int64_t posts = 0;
  double fte = 0.0;
  bool suppressed = false;  // hidden in shared outputs (small numbers)
};

// People by age band and sex (for the age pyramid).
struct AgeBandFigures {
  std::string band;  // "25-29"
  int age_from = 0;
  int age_to = 0;
  int64_t female = 0;
  int64_t male = 0;
  int64_t not_recorded = 0;
  bool suppressed = false;
};

// How close a group is to retirement age.
struct RetirementFigures {
  std::string code;
  std::string label;
  int64_t headcount = 0;
  int64_t within_5_years = 0;   // aged retirement_age - 5 or over
  int64_t within_10_years = 0;  // aged retirement_age - 10 or over
  double share_within_5_years = 0.0;
  double share_within_10_years = 0.0;
  double mean_age = 0.0;
  bool suppressed = false;
};

// Leavers in the 12 months to the census date against the staff in post over the period.
struct TurnoverFigures {
  std::string code;
  std::string label;
  int64_t leavers = 0;
  double leavers_fte = 0.0;
  int64_t staff_at_start = 0;  // posts in post 12 months before the census date
  int64_t staff_at_end = 0;    // posts at the census date
  double fte_at_start = 0.0;
  double fte_at_end = 0.0;
  int64_t stayers = 0;          // in post at the start and still in post at the end
  double leaver_rate = 0.0;     // leavers / mean of staff at start and end
  double leaver_rate_fte = 0.0;
  double stability_index = 0.0;  // stayers / staff at start
  bool suppressed = false;        // the whole row (small staff numbers)
  bool leavers_suppressed = false;  // leavers and rates (small leaver numbers)
  bool stability_suppressed = false;  // the stability index (reveals staff_at_start - stayers)
};

struct VacancyFigures {
  std::string code;
  std::string label;
  std::string parent;  // a role's staff group
  double vacant_fte = 0.0;
  double in_post_fte = 0.0;
  int64_t vacancies = 0;
  int64_t open_over_12_months = 0;
  double vacancy_rate = 0.0;  // vacant / (vacant + in post)
  bool suppressed = false;               // vacancies, vacant FTE and rate
  bool open_suppressed = false;          // vacancies open over 12 months
  bool in_post_suppressed = false;       // in-post FTE (the group is hidden in the workforce tables)
};

// Pay of a role in a sector.
struct PayFigures {
  std::string role;
  std::string role_label;
  std::string sector;
  std::string sector_label;
  int64_t posts = 0;
  double fte = 0.0;
  double mean_fte_pay = 0.0;    // mean over posts of annual pay / FTE
  double median_fte_pay = 0.0;
  double pay_bill = 0.0;        // sum of annual pay
  bool suppressed = false;
};

// NHS trust against social care pay for comparable work.
struct PayGapFigures {
  std::string comparator;  // pay_comparator, or the role code when none is given
  std::string roles;       // role codes compared
  int64_t nhs_posts = 0;
  int64_t social_care_posts = 0;
  double nhs_mean_fte_pay = 0.0;
  double social_care_mean_fte_pay = 0.0;
  double gap = 0.0;           // NHS minus social care, GBP per year
  double gap_percent = 0.0;   // gap / NHS
  // A side is hidden when its posts are small or when, with the pay cells of its roles and
  // sectors, it would give a hidden cell back; the row is hidden when either side is (the gap
  // needs both).
  bool nhs_suppressed = false;
  bool social_care_suppressed = false;
  bool suppressed = false;
};

// Share of a role's people holding one competence of its role profile.
struct CoverageFigures {
  std::string role;
  std::string competence;
  std::string competence_label;
  int64_t headcount = 0;
  int64_t holding = 0;
  double share = 0.0;
  bool suppressed = false;
};

enum class FindingLevel { kWarning, kNote };

// A data-quality observation: not an error, but worth a planner's attention.
struct Finding {
  std::string code;  // stable identifier, e.g. "sex_not_recorded"
  FindingLevel level = FindingLevel::kNote;
  int64_t count = 0;
  std::string message;
  // Whether the count is of staff (people, posts, leavers, vacancies): counts of organisations,
  // roles, localities, registered patients or missing years are not personal data and are shown.
  bool counts_staff = true;
  bool suppressed = false;
};

// One shared picture of the whole workforce of a place (workforce intelligence).
struct WorkforceProfile {
  std::string place;
  Date census_date;
  int retirement_age = 0;
  int suppression_threshold = 0;
  bool suppression_applied = false;

  int64_t headcount = 0;  // distinct people
  int64_t posts = 0;
  double fte = 0.0;
  double pay_bill = 0.0;

  std::vector<GroupFigures> by_sector;
  std::vector<GroupFigures> by_staff_group;
  std::vector<GroupFigures> by_role;
  std::vector<GroupFigures> by_locality;
  std::vector<GroupFigures> by_organisation;
  std::vector<AgeBandFigures> age_pyramid;
  std::vector<RetirementFigures> retirement_by_staff_group;
  std::vector<RetirementFigures> retirement_by_sector;
  RetirementFigures retirement_total;

  bool has_leavers = false;
  Date turnover_period_start;
  std::vector<TurnoverFigures> turnover_by_role;
  std::vector<TurnoverFigures> turnover_by_sector;
  TurnoverFigures turnover_total;
  std::vector<GroupFigures> leavers_by_reason;  // headcount = leavers in the period

  bool has_vacancies = false;
  std::vector<VacancyFigures> vacancies_by_role;
  std::vector<VacancyFigures> vacancies_by_sector;
  VacancyFigures vacancies_total;

  std::vector<PayFigures> pay;
  std::vector<PayGapFigures> pay_gaps;

  bool has_staff_competences = false;
  std::vector<CoverageFigures> competence_coverage;

  std::vector<Finding> findings;
};

// Computes the profile of a place's workforce from its staff, leavers and vacancies.
WorkforceProfile ProfileWorkforce(const Place& place);

// Hides small numbers for outputs shared beyond one organisation: a count from 1 to threshold-1
// is suppressed with every figure derived from it, and secondary suppression
// (intelligence/disclosure.hpp) hides more so that none can be recovered from a total, whether
// of its own table, of the group it is part of (a role's staff group, an organisation's sector,
// a role and sector's role or sector, the comparable work of the pay gap) or of another table
// showing the same people (docs/methods.md, "Small-number suppression"). It only ever hides:
// a figure already marked hidden stays hidden, so calling it again after another step has hidden
// more (supply::ApplySuppression) hides what the tables then need.
void ApplySuppression(WorkforceProfile& profile);

}  // namespace careforce::intelligence
