#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "model/diagnostic.hpp"
#include "model/place.hpp"
#include "model/reference_figure.hpp"
#include "plan/solver.hpp"

namespace careforce::plan {

struct SkillMixPlan;
struct PlanReference;

// Workforce development (Step 5, training; docs/methods.md, "Training plan"): what each person
// must learn, on which course, in which quarter, at what cost, and what their time away does to
// their team or organisation meanwhile.

// A course of the catalogue (reference/training/courses.csv, or the place's own: [training]
// courses in place.toml; docs/formats.md, "courses.csv").
struct Course {
  std::string code;
  std::string name;
  // Who runs it: an organisation code of the place (its cohorts may take every employer's
  // learners), "employer" (each employer runs its own, so cohorts never mix employers), or an
  // external provider's name.
  std::string provider;
  Index provider_organisation = kNoIndex;  // when the provider is an organisation of the place
  bool by_employer = false;                // provider "employer"
  // What it confers: competence codes of the place, and at most one role a learner converts to
  // (a "role:CODE" entry, for instance the nursing associate apprenticeship's role:NA).
  std::vector<Index> competences;
  Index role = kNoIndex;
  double off_job_hours = 0.0;  // a learner's hours away from the service
  double on_job_hours = 0.0;   // a learner's learning while working (no backfill)
  double fee = 0.0;            // per learner, GBP
  int cohort_min = 1;
  int cohort_max = 1;
  double trainer_hours = 0.0;          // per cohort
  double trainer_cost_per_hour = 0.0;  // GBP
  int runs_per_year = 1;               // cohorts the provider can start a year (its capacity)
  int lead_time_months = 0;            // booking ahead: no cohort starts sooner after the plan begins
  int duration_months = 1;             // from a cohort's start to its learners' completion
  std::string mode;                    // "classroom", "e-learning", "blended", "workplace" (assessed at work)
  // Named as a competence's refresher in refreshers.csv: taken for that refresher only, never for
  // first learning (an annual competence check is not an induction).
  bool refresher_only = false;
  std::string source;
  std::string basis;  // "sourced" or "assumption"
  Location where;     // its row
};

// How long a competence stays valid before a refresher is due (reference/training/refreshers.csv).
struct Refresher {
  Index competence = kNoIndex;
  int valid_months = 0;
  std::string source;
  std::string basis;
  std::size_t course = static_cast<std::size_t>(-1);  // into the catalogue: the course that refreshes it, if named
};

// What the training plan reads besides the place.
struct TrainingReference {
  std::vector<Course> courses;
  std::vector<Refresher> refreshers;
  std::vector<ReferenceFigure> figures;  // the reference rows used, for assumptions.csv
  std::string catalogue_path;           // as read
};

// Reads the catalogue (the place's [training] courses file when given, else
// reference/training/courses.csv) and the refresher intervals, checked against the place's
// competences, roles and organisations; every problem is a diagnostic with its file, line and
// column.
TrainingReference ReadTrainingReference(const Place& place, const std::string& place_directory,
                                        const std::string& reference_directory, Diagnostics& diagnostics);

// Why a person must learn something.
enum class NeedKind : uint8_t {
  kProfileGap,  // a competence of their role's profile they do not hold
  kLapsed,      // a held competence whose refresher interval had passed at the census date
  kRefresher,   // a held competence falling due for its refresher within the schedule
  kPlanChange,  // the skill mix cross-skills their role in it, or converts them to a new role
  kStarter,     // a new starter the plan hires: their role's whole profile
};
inline constexpr std::size_t kNeedKinds = 5;
const char* NeedKindCode(NeedKind kind);  // "profile_gap", "lapsed", "refresher", "plan_change", "starter"
const char* NeedKindName(NeedKind kind);  // "Role profile gap", ...

// Why learners are left unmet.
enum class UnmetReason : uint8_t {
  kDateTooSoon,     // no start quarter lets the course finish by the need date (duration, lead time)
  kCapacity,        // the provider's cohorts are full in every quarter that would do
  kAwayAtOnce,      // the team's or organisation's time away is at its limit in those quarters
  kCohortMinimum,   // too few learners for the course's smallest cohort
  kNoCourse,        // no course of the catalogue confers the competence
  kAfterSchedule,   // due after the schedule's last quarter (listed, not scheduled)
};
const char* UnmetReasonCode(UnmetReason reason);  // "date_too_soon", ...

// Where a learner works for the away-at-once limit: their team within their organisation, or
// their organisation when they have no team.
struct TrainingUnit {
  Index organisation = kNoIndex;
  Index team = kNoIndex;  // into Place::teams, or kNoIndex
  std::string name;       // "ORG" or "ORG / team"
  double fte = 0.0;       // posts in post at the census date
  double away_limit_hours = 0.0;  // a quarter
};

// Learners of one course due by one quarter, in one unit, for one reason: the schedule's unit of
// decision.
struct LearnerGroup {
  std::size_t course = 0;
  std::size_t unit = 0;
  std::size_t pool = 0;   // cohorts shared: 0 when joint, else the unit's organisation + 1
  int need_quarter = 0;   // must complete by the end of this quarter
  NeedKind kind = NeedKind::kProfileGap;
  // The learners: people of the place (into Place::person_ids), or none for starters not yet
  // hired (`starters` of role `role`).
  std::vector<Index> people;
  int starters = 0;
  Index role = kNoIndex;        // the learners' role (of the largest post; the starters')
  double fte = 0.0;             // their FTE (starters: role's mean FTE a head)
  double backfill_per_hour = 0.0;  // mean cost of an hour of cover of the learners' work, GBP
  int learners() const { return static_cast<int>(people.size()) + starters; }
};

// One person's course in the schedule (stays with their own organisation).
struct LearnerPlace {
  Index person = kNoIndex;  // kNoIndex for a starter
  std::size_t group = 0;
  int start_quarter = 0;
  int cohort = 0;  // 1-based among the cohorts of its course, pool and quarter
};

// Cohorts of a course starting in a quarter.
struct CohortRun {
  std::size_t course = 0;
  std::size_t pool = 0;
  int quarter = 0;
  int cohorts = 0;
  int learners = 0;
};

inline constexpr std::size_t kNoGroup = static_cast<std::size_t>(-1);

// Learners the schedule does not place, and why.
struct UnmetNeed {
  std::size_t group = kNoGroup;   // kNoGroup for kNoCourse (no course, so no group)
  int learners = 0;
  UnmetReason reason = UnmetReason::kDateTooSoon;
  std::string why;                // a sentence naming what binds ("needed by 2025-06-30, ...")
  std::string competence;         // for kNoCourse: the competence no course confers ("role:CODE" for a role)
  std::size_t unit = 0;           // the learners' unit
  NeedKind kind = NeedKind::kProfileGap;
};

// The cost of training to one organisation (its learners' fees and backfill, the trainer time
// of the cohorts it provides, and its share of shared cohorts' trainer time when the provider
// is outside the place).
struct OrganisationTrainingCost {
  Index organisation = kNoIndex;  // kNoIndex: starters of roles no organisation employs today
  int learners = 0;
  double fees = 0.0;
  double backfill = 0.0;
  double trainer = 0.0;
  double hours_away = 0.0;
  double total() const { return fees + backfill + trainer; }
};

struct TrainingSettingsUsed {
  int years = 0;
  int quarters = 0;
  double away_share = 0.0;
  bool joint = true;
  int employer_capacity_staff = 0;  // people in post an employer-run course's runs_per_year serve (0: any)
  int catch_up_months = 0;
  bool backfill_agency = false;
  double backfill_premium = 0.0;  // over the role's staff cost an hour (agency: the plan's premium)
  double hours_per_fte = 0.0;     // available hours a year (WISN), for FTE away
};

// The training plan of a place.
struct TrainingPlan {
  TrainingSettingsUsed settings;
  Date first_day;                        // of quarter 0: the day after the census date
  std::vector<Date> quarter_starts;      // per quarter, and one more: the day after the last
  std::vector<Course> courses;
  std::vector<TrainingUnit> units;
  std::vector<LearnerGroup> groups;
  std::vector<LearnerPlace> places;      // everyone scheduled, by group then start
  std::vector<int> last_start;           // per group: its last scheduled start quarter, -1 if none
  std::vector<CohortRun> cohorts;        // by course, pool, quarter
  std::vector<UnmetNeed> unmet;
  std::vector<OrganisationTrainingCost> organisations;  // every organisation with a learner
  // [unit][quarter]: hours away (off the job) of the unit's scheduled learners.
  std::vector<std::vector<double>> hours_away;
  // Totals.
  double fees = 0.0;
  double backfill = 0.0;
  double trainer = 0.0;
  double cost() const { return fees + backfill + trainer; }
  int learners_needed = 0;     // within the schedule
  int learners_scheduled = 0;
  int learners_after = 0;      // due after the schedule (listed in unmet as kAfterSchedule)
  // The programme.
  SolveStatus status = SolveStatus::kFailed;
  std::size_t variables = 0;
  std::size_t integer_variables = 0;
  std::size_t constraints = 0;
  double solve_seconds = 0.0;
  // The schedule's objective (its cost with a penalty for every learner left unmet whom the
  // programme could have placed), the best bound CBC proved on it, and the gap between them as a
  // share of the schedule's cost: how much cheaper a schedule could at most be. status is
  // kStopped when CBC stopped at [training] solve_nodes or its time limit, not within solve_gap.
  double objective = 0.0;
  double bound = 0.0;
  double gap = 0.0;
  // At most this many of the unmet learners could a better schedule place: the gap counted in
  // learners' penalties (0 when the schedule is optimal).
  int placeable_at_most = 0;
  std::vector<std::string> binding;  // limits at their bound in the optimum (capacity, away)

  // The quarter of a date (-1 before the first, quarters() after the last).
  int QuarterOf(Date date) const;
  // "2025-04-01" for quarter 0 of a census on 2025-03-31; the last day of a quarter likewise.
  std::string QuarterStart(int quarter) const;
  std::string QuarterEnd(int quarter) const;
  // Quarter label for readers: "Apr-Jun 2025".
  std::string QuarterLabel(int quarter) const;
  // Completion of a group's scheduled learners: the last scheduled start's quarter plus the
  // course's length less one; -1 when none is scheduled.
  int CompletionQuarter(std::size_t group) const;
};

// The training plan: learning needs by person (role profile gaps, lapsed and due refreshers, and,
// when `skill_mix` is given, the plan's cross-skilling, conversions and new starters), the cheapest
// schedule of cohorts by course and quarter (a mixed-integer programme, CBC), and what is left
// unmet and why. New starters are the skill mix's hires by year when it was solved year by year,
// else the plan year's hires spread evenly over the years to it.
// `costs` gives the employers' on-costs and the agency premium for backfill.
TrainingPlan PlanTraining(const Place& place, const TrainingReference& reference, const PlanReference& costs,
                          const SkillMixPlan* skill_mix);

}  // namespace careforce::plan
