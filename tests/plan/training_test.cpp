// The training plan (docs/methods.md, "Training plan"): learning needs by person and the cheapest
// schedule of cohorts by quarter, on small places worked by hand.

#include "plan/training.hpp"

#include <map>
#include <numeric>
#include <string>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "plan/plan.hpp"

namespace careforce::plan {
namespace {

// A place on a census of 31 March 2025 (quarter 0 is April to June 2025) with one organisation,
// roles CW (care worker) and HCA, and competences CC, WOUND and SAFEG; everyone may be away at once
// unless a test says otherwise.
struct Toy {
  Place place;
  TrainingReference reference;
  PlanReference costs;

  Toy() {
    place.name = "Toy";
    place.base_year = 2025;
    place.census_date = *MakeDate(2025, 3, 31);
    place.localities.push_back(Locality{"L1", "Toyton"});
    Organisation organisation;
    organisation.code = "ORG1";
    organisation.name = "Toy care";
    organisation.sector = Sector::kIndependent;
    organisation.locality = 0;
    place.organisations.push_back(organisation);
    Role cw;
    cw.code = "CW";
    cw.name = "Care worker";
    place.roles.push_back(cw);
    Role hca;
    hca.code = "HCA";
    hca.name = "Healthcare assistant";
    place.roles.push_back(hca);
    place.competences.push_back(Competence{"CC", "Care Certificate", "Care Certificate standards", ""});
    place.competences.push_back(Competence{"WOUND", "Wound care", "Clinical skills", ""});
    place.competences.push_back(Competence{"SAFEG", "Safeguarding adults", "CSTF", ""});
    place.demand.available_hours_per_fte = 1590.0;
    place.training.away_share = 1.0;  // time away binds only where a test says
    place.training.catch_up_months = 12;
    place.training.years = 3;
    costs.on_cost = {1.0, 1.0, 1.0};
    costs.agency_premium = 0.55;
  }

  // Adds a person with one post; pay is for the post's FTE.
  Index Person(const std::string& id, Index organisation, Index role, double fte, double pay) {
    const Index person = place.person_ids.push_back(id);
    StaffPost post;
    post.person = person;
    post.organisation = organisation;
    post.role = role;
    post.fte = fte;
    post.annual_pay = pay;
    post.locality = 0;
    place.staff.push_back(post);
    return person;
  }

  void Holds(Index person, Index competence, Date achieved) {
    place.staff_competences.push_back(StaffCompetence{person, competence, achieved});
  }

  void Profile(Index role, Index competence) { place.role_competences.push_back(RoleCompetence{role, competence}); }

  static Course MakeCourse(const std::string& code, Index competence, double hours, int cohort_max, int runs) {
    Course course;
    course.code = code;
    course.name = fmt::format("{} course", code);
    course.provider = "Hub";
    course.competences = {competence};
    course.off_job_hours = hours;
    course.fee = 100.0;
    course.cohort_min = 1;
    course.cohort_max = cohort_max;
    course.trainer_hours = 10.0;
    course.trainer_cost_per_hour = 50.0;
    course.runs_per_year = runs;
    course.lead_time_months = 0;
    course.duration_months = 3;
    course.mode = "classroom";
    return course;
  }
};

int Learners(const TrainingPlan& plan, int quarter) {
  int learners = 0;
  for (const CohortRun& run : plan.cohorts) {
    if (run.quarter == quarter) learners += run.learners;
  }
  return learners;
}

double HoursAway(const TrainingPlan& plan, std::size_t unit_of_org, int quarter) {
  double hours = 0.0;
  for (std::size_t unit = 0; unit < plan.units.size(); ++unit) {
    if (plan.units[unit].organisation == unit_of_org) hours += plan.hours_away[unit][static_cast<std::size_t>(quarter)];
  }
  return hours;
}

TEST(Training, QuartersRunFromTheDayAfterTheCensus) {
  Toy toy;
  const TrainingPlan plan = PlanTraining(toy.place, toy.reference, toy.costs, nullptr);
  ASSERT_EQ(plan.quarter_starts.size(), 13U);
  EXPECT_EQ(plan.QuarterStart(0), "2025-04-01");
  EXPECT_EQ(plan.QuarterEnd(0), "2025-06-30");
  EXPECT_EQ(plan.QuarterLabel(0), "Apr-Jun 2025");
  EXPECT_EQ(plan.QuarterLabel(3), "Jan-Mar 2026");
  EXPECT_EQ(plan.QuarterEnd(11), "2028-03-31");
  EXPECT_EQ(plan.QuarterOf(*MakeDate(2025, 3, 31)), -1);
  EXPECT_EQ(plan.QuarterOf(*MakeDate(2025, 7, 1)), 1);
  EXPECT_EQ(plan.QuarterOf(*MakeDate(2028, 4, 1)), 12);
}

// A 15-day induction of 7.5-hour days is 112.5 hours a learner: 40 new starters are 4,500 hours
// away, 2.83 FTE at 1,590 hours a year.
TEST(Training, FortyStartersOnAFifteenDayInductionAre4500HoursAway) {
  Toy toy;
  toy.Profile(0, 0);  // care workers hold the Care Certificate
  Course induction = Toy::MakeCourse("INDUCT", 0, 15 * 7.5, 12, 12);
  induction.fee = 0.0;
  toy.reference.courses.push_back(induction);
  // Today's care workers (who hold it) at ORG1: 100 FTE, one a head, £20,000 a year.
  for (int index = 0; index < 100; ++index) {
    const Index person = toy.Person(fmt::format("CW{}", index), 0, 0, 1.0, 20000.0);
    toy.Holds(person, 0, *MakeDate(2024, 1, 1));
  }
  // The skill mix hires 40 FTE of care workers for 2026, its plan year.
  SkillMixPlan mix;
  mix.year = 2026;
  SkillMixRole role;
  role.code = "CW";
  mix.problem.roles.push_back(role);
  mix.result.hires_fte = {{40.0}};
  const TrainingPlan plan = PlanTraining(toy.place, toy.reference, toy.costs, &mix);
  ASSERT_EQ(plan.groups.size(), 1U);
  const LearnerGroup& group = plan.groups[0];
  EXPECT_EQ(group.kind, NeedKind::kStarter);
  EXPECT_EQ(group.starters, 40);
  EXPECT_EQ(group.need_quarter, 3);  // by the end of their first year, March 2026
  EXPECT_EQ(plan.learners_scheduled, 40);
  EXPECT_TRUE(plan.unmet.empty());
  double hours = 0.0;
  for (const auto& unit : plan.hours_away) hours = std::accumulate(unit.begin(), unit.end(), hours);
  EXPECT_DOUBLE_EQ(hours, 4500.0);
  EXPECT_NEAR(hours / plan.settings.hours_per_fte, 2.83, 0.005);
  // Backfilled at the care workers' own cost an hour, £20,000 / 1,590 (on-costs 1 here).
  EXPECT_NEAR(plan.backfill, 4500.0 * 20000.0 / 1590.0, 1e-6);
  EXPECT_DOUBLE_EQ(plan.fees, 0.0);
  // At most 12 a cohort: at least four cohorts, each £500 of trainer time.
  int cohorts = 0;
  for (const CohortRun& run : plan.cohorts) cohorts += run.cohorts;
  EXPECT_EQ(cohorts, 4);
  EXPECT_DOUBLE_EQ(plan.trainer, 4 * 500.0);
}

// Six FTE of healthcare assistants cross-skilled in wound care are ten part-time people: ten
// places, not six.
TEST(Training, SixFteHeldByTenPartTimePeopleNeedTenPlaces) {
  Toy toy;
  toy.reference.courses.push_back(Toy::MakeCourse("WOUND", 1, 21, 12, 4));
  for (int index = 0; index < 10; ++index) toy.Person(fmt::format("H{}", index), 0, 1, 0.6, 12000.0);
  // Two more who already hold it, whom the cross-skilling passes over.
  for (int index = 0; index < 2; ++index) {
    toy.Holds(toy.Person(fmt::format("A{}", index), 0, 1, 1.0, 20000.0), 1, *MakeDate(2023, 5, 1));
  }
  SkillMixPlan mix;
  mix.year = 2026;
  SkillMixRole role;
  role.code = "HCA";
  mix.problem.roles.push_back(role);
  mix.result.hires_fte = {{0.0}};
  mix.result.training.push_back(SkillMixResult::Training{0, "WOUND", 6.0});
  const TrainingPlan plan = PlanTraining(toy.place, toy.reference, toy.costs, &mix);
  ASSERT_EQ(plan.groups.size(), 1U);
  EXPECT_EQ(plan.groups[0].kind, NeedKind::kPlanChange);
  EXPECT_EQ(plan.groups[0].learners(), 10);
  EXPECT_NEAR(plan.groups[0].fte, 0.6, 1e-12);
  EXPECT_EQ(plan.places.size(), 10U);
  EXPECT_DOUBLE_EQ(plan.fees, 10 * 100.0);
  // Each is away 21 hours, at £12,000 / 0.6 FTE / 1,590 hours.
  EXPECT_NEAR(plan.backfill, 10 * 21.0 * 20000.0 / 1590.0, 1e-6);
}

// A provider running one cohort of 12 a quarter: 20 learners with a role profile gap, overdue,
// take the first quarter's 12 and the second quarter's 8; 30 leave 6 unmet, by its capacity.
TEST(Training, TheProvidersCapacityForcesASecondQuarter) {
  for (const int people : {20, 30}) {
    Toy toy;
    toy.place.training.catch_up_months = 6;  // due by the end of September 2025, quarter 1
    toy.Profile(0, 0);
    toy.reference.courses.push_back(Toy::MakeCourse("CERT", 0, 20, 12, 4));
    for (int index = 0; index < people; ++index) toy.Person(fmt::format("P{}", index), 0, 0, 1.0, 20000.0);
    const TrainingPlan plan = PlanTraining(toy.place, toy.reference, toy.costs, nullptr);
    ASSERT_EQ(plan.cohorts.size(), 2U) << people;
    EXPECT_EQ(plan.cohorts[0].quarter, 0);
    EXPECT_EQ(plan.cohorts[0].learners, 12);
    EXPECT_EQ(plan.cohorts[1].quarter, 1);
    EXPECT_EQ(plan.cohorts[1].learners, people == 20 ? 8 : 12);
    EXPECT_DOUBLE_EQ(plan.trainer, 2 * 10 * 50.0);
    if (people == 20) {
      EXPECT_TRUE(plan.unmet.empty());
      continue;
    }
    ASSERT_EQ(plan.unmet.size(), 1U);
    EXPECT_EQ(plan.unmet[0].learners, 6);
    EXPECT_EQ(plan.unmet[0].reason, UnmetReason::kCapacity);
    EXPECT_EQ(plan.unmet[0].why,
              "Hub runs at most 4 cohorts of CERT course a year (1 a quarter), all taken in every quarter from "
              "2025-04-01 to 2025-09-30 that would finish by 2025-09-30");
    EXPECT_EQ(plan.learners_needed, 30);
    EXPECT_EQ(plan.learners_scheduled, 24);
  }
}

// A course each employer runs, one cohort of 12 a quarter for each block of employer_capacity_staff
// people in post: ORG1's 30 people, all due by June 2025, fill three cohorts with blocks of 10 (3
// blocks), two with blocks of 15 (24 places, 6 unmet) and one with no blocks (12, 18 unmet); ORG2's
// 8 people fill its one cohort whatever the blocks.
TEST(Training, AnEmployersCapacityGrowsWithItsStaff) {
  const auto run = [](int block) {
    Toy toy;
    toy.place.training.catch_up_months = 3;  // due by the end of June 2025, quarter 0
    toy.place.training.employer_capacity_staff = block;
    Organisation second = toy.place.organisations[0];
    second.code = "ORG2";
    toy.place.organisations.push_back(second);
    toy.Profile(0, 0);
    Course course = Toy::MakeCourse("CERT", 0, 20, 12, 4);
    course.provider = "employer";
    course.by_employer = true;
    toy.reference.courses.push_back(course);
    for (int index = 0; index < 30; ++index) toy.Person(fmt::format("P{}", index), 0, 0, 1.0, 20000.0);
    for (int index = 0; index < 8; ++index) toy.Person(fmt::format("Q{}", index), 1, 0, 1.0, 20000.0);
    return PlanTraining(toy.place, toy.reference, toy.costs, nullptr);
  };
  const auto unmet = [](const TrainingPlan& plan) {
    int learners = 0;
    for (const UnmetNeed& need : plan.unmet) learners += need.learners;
    return learners;
  };
  const TrainingPlan ten = run(10);
  EXPECT_EQ(ten.learners_scheduled, 38);
  EXPECT_EQ(unmet(ten), 0);
  EXPECT_EQ(ten.cohorts.size(), 2U);  // one row per employer and quarter
  EXPECT_DOUBLE_EQ(ten.trainer, 4 * 10 * 50.0);
  const TrainingPlan fifteen = run(15);
  EXPECT_EQ(fifteen.learners_scheduled, 32);
  ASSERT_EQ(fifteen.unmet.size(), 1U);
  EXPECT_EQ(fifteen.unmet[0].learners, 6);
  EXPECT_EQ(fifteen.unmet[0].reason, UnmetReason::kCapacity);
  EXPECT_EQ(fifteen.unmet[0].why,
            "the employer runs at most 8 cohorts of CERT course a year (2 a quarter; 4 for each 15 people in post), "
            "all taken in every quarter from 2025-04-01 to 2025-06-30 that would finish by 2025-06-30");
  const TrainingPlan none = run(0);
  EXPECT_EQ(none.learners_scheduled, 20);
  EXPECT_EQ(unmet(none), 18);
  ASSERT_EQ(none.unmet.size(), 1U);
  EXPECT_EQ(none.unmet[0].why,
            "the employer runs at most 4 cohorts of CERT course a year (1 a quarter), all taken in every quarter from "
            "2025-04-01 to 2025-06-30 that would finish by 2025-06-30");
}

// A unit of 10 FTE may have 10% of its 397.5 hours a quarter away: eight learners of a 112.5-hour
// course, overdue, go three at a time (337.5 hours) over three quarters instead of all eight
// in the first; the later quarters' time away, and the trainer time of two more cohorts, rise.
TEST(Training, TheAwayAtOnceLimitPushesCohortsLater) {
  const auto run = [](double share) {
    Toy toy;
    toy.place.training.away_share = share;
    toy.Profile(0, 0);
    toy.reference.courses.push_back(Toy::MakeCourse("CERT", 0, 112.5, 12, 12));
    for (int index = 0; index < 8; ++index) toy.Person(fmt::format("P{}", index), 0, 0, 1.0, 20000.0);
    // Two more of the unit's FTE, who hold it.
    toy.Holds(toy.Person("Q", 0, 0, 2.0, 40000.0), 0, *MakeDate(2024, 1, 1));
    return PlanTraining(toy.place, toy.reference, toy.costs, nullptr);
  };
  const TrainingPlan free = run(1.0);
  EXPECT_EQ(Learners(free, 0), 8);
  EXPECT_DOUBLE_EQ(HoursAway(free, 0, 0), 900.0);
  EXPECT_DOUBLE_EQ(HoursAway(free, 0, 1), 0.0);
  const TrainingPlan limited = run(0.1);
  EXPECT_EQ(Learners(limited, 0), 3);
  EXPECT_EQ(Learners(limited, 1), 3);
  EXPECT_EQ(Learners(limited, 2), 2);
  EXPECT_DOUBLE_EQ(HoursAway(limited, 0, 0), 337.5);
  EXPECT_DOUBLE_EQ(HoursAway(limited, 0, 1), 337.5);
  EXPECT_DOUBLE_EQ(HoursAway(limited, 0, 2), 225.0);
  EXPECT_TRUE(limited.unmet.empty());
  EXPECT_DOUBLE_EQ(limited.units[0].away_limit_hours, 0.1 * 10 * 1590.0 / 4);
  EXPECT_DOUBLE_EQ(limited.trainer - free.trainer, 2 * 10 * 50.0);
  EXPECT_NEAR(limited.backfill, free.backfill, 1e-6);  // the same hours, later
  EXPECT_FALSE(limited.binding.empty());
  EXPECT_EQ(limited.binding[0], "away at once: ORG1 in Apr-Jun 2025");
}

// A refresher lapsed at the census date is due within the catch-up months; one falling due in
// the schedule is due by the quarter before it expires, and again after its interval.
TEST(Training, LapsedAndFallingDueRefreshers) {
  Toy toy;
  toy.Profile(0, 2);
  // E-learning: no trainer time, so that no cohort is worth sharing and timing alone decides.
  Course elearning = Toy::MakeCourse("SAFE", 2, 2, 1000, 12);
  elearning.trainer_hours = 0.0;
  toy.reference.courses.push_back(elearning);
  toy.reference.refreshers.push_back(Refresher{2, 36, "test", "assumption", static_cast<std::size_t>(-1)});
  // Achieved 1 March 2021: expired 1 March 2024, before the census.
  toy.Holds(toy.Person("LAPSED", 0, 0, 1.0, 20000.0), 2, *MakeDate(2021, 3, 1));
  // Achieved 15 October 2022: expires 15 October 2025, in quarter 2 (October-December 2025), so due
  // by the end of September 2025 (quarter 1), and again three years on, after the schedule.
  toy.Holds(toy.Person("DUE", 0, 0, 1.0, 20000.0), 2, *MakeDate(2022, 10, 15));
  // Achieved 1 January 2025: next due in 2027-28 (expires 1 January 2028, quarter 11: due by 10).
  toy.Holds(toy.Person("FRESH", 0, 0, 1.0, 20000.0), 2, *MakeDate(2025, 1, 1));
  const TrainingPlan plan = PlanTraining(toy.place, toy.reference, toy.costs, nullptr);
  ASSERT_EQ(plan.groups.size(), 3U);
  std::map<NeedKind, std::vector<int>> due;
  for (const LearnerGroup& group : plan.groups) due[group.kind].push_back(group.need_quarter);
  EXPECT_EQ(due[NeedKind::kLapsed], (std::vector<int>{3}));
  EXPECT_EQ(due[NeedKind::kRefresher], (std::vector<int>{1, 10}));
  EXPECT_EQ(plan.learners_scheduled, 3);
  // The lapsed one as soon as it can be; the ones falling due as late as they may.
  for (const LearnerPlace& place : plan.places) {
    const LearnerGroup& group = plan.groups[place.group];
    EXPECT_EQ(place.start_quarter, group.kind == NeedKind::kLapsed ? 0 : group.need_quarter)
        << NeedKindCode(group.kind);
  }
}

// A conversion the plan needs by its year, on a two-year apprenticeship booked six months ahead:
// the date is named as too soon, with the earliest completion (a start in October-December 2025,
// the third quarter, and eight quarters on: the end of September 2027).
TEST(Training, AnInfeasibleNeedDateIsNamed) {
  Toy toy;
  Role na;
  na.code = "NA";
  na.name = "Nursing associate";
  toy.place.roles.push_back(na);
  Course apprenticeship = Toy::MakeCourse("NA-APP", 0, 1100, 30, 2);
  apprenticeship.name = "Nursing associate apprenticeship";
  apprenticeship.competences.clear();
  apprenticeship.role = 2;
  apprenticeship.duration_months = 24;
  apprenticeship.lead_time_months = 6;
  toy.reference.courses.push_back(apprenticeship);
  for (int index = 0; index < 4; ++index) toy.Person(fmt::format("H{}", index), 0, 1, 1.0, 22000.0);
  SkillMixPlan mix;
  mix.year = 2026;
  SkillMixRole hca;
  hca.code = "HCA";
  SkillMixRole to;
  to.code = "NA";
  mix.problem.roles = {hca, to};
  mix.result.hires_fte = {{0.0}, {0.0}};
  mix.result.conversions.push_back(SkillMixResult::Converted{0, 1, 0, 4.0});
  const TrainingPlan plan = PlanTraining(toy.place, toy.reference, toy.costs, &mix);
  ASSERT_EQ(plan.unmet.size(), 1U);
  EXPECT_EQ(plan.unmet[0].learners, 4);
  EXPECT_EQ(plan.unmet[0].reason, UnmetReason::kDateTooSoon);
  EXPECT_EQ(plan.unmet[0].why,
            "needed by 2026-03-31, but Nursing associate apprenticeship takes 24 months and is booked 6 months "
            "ahead, so the earliest completion is 2027-09-30");
  EXPECT_EQ(plan.learners_scheduled, 0);
}

// A person needing the Care Certificate's competences takes the one course that confers them all,
// not it and a cheaper course conferring one of them.
TEST(Training, OneCourseCoversWhatItConfers) {
  Toy toy;
  toy.Profile(0, 0);
  toy.Profile(0, 2);
  Course certificate = Toy::MakeCourse("CERT", 0, 112.5, 12, 12);
  certificate.competences = {0, 2};
  toy.reference.courses.push_back(certificate);
  toy.reference.courses.push_back(Toy::MakeCourse("SAFE", 2, 2, 1000, 12));
  toy.Person("NEW", 0, 0, 1.0, 20000.0);
  const TrainingPlan plan = PlanTraining(toy.place, toy.reference, toy.costs, nullptr);
  ASSERT_EQ(plan.groups.size(), 1U);
  EXPECT_EQ(plan.courses[plan.groups[0].course].code, "CERT");
}

// A refresher that names its own course: the lapsed and the falling-due renew on the annual
// check (an hour, no fee), and a newcomer with the competence in their profile learns it on the
// full course, never on the check.
TEST(Training, ARefresherNamedCourseRenewsAndNeverTeaches) {
  Toy toy;
  toy.Profile(0, 1);
  toy.reference.courses.push_back(Toy::MakeCourse("WOUND", 1, 21, 12, 12));
  Course check = Toy::MakeCourse("WOUND-CHECK", 1, 1, 1, 1000);
  check.fee = 0.0;
  check.trainer_hours = 1.0;
  check.trainer_cost_per_hour = 40.0;
  check.mode = "workplace";
  check.refresher_only = true;
  toy.reference.courses.push_back(check);
  toy.reference.refreshers.push_back(Refresher{1, 12, "test", "assumption", 1});
  toy.Holds(toy.Person("LAPSED", 0, 0, 1.0, 15900.0), 1, *MakeDate(2023, 6, 1));
  toy.Person("NEW", 0, 0, 1.0, 15900.0);
  const TrainingPlan plan = PlanTraining(toy.place, toy.reference, toy.costs, nullptr);
  std::map<std::string, int> by_course;
  for (const LearnerGroup& group : plan.groups) {
    by_course[fmt::format("{} {}", plan.courses[group.course].code, NeedKindCode(group.kind))] += group.learners();
  }
  // The lapsed one renews within the catch-up year (by March 2026, quarter 3) and the newcomer
  // learns on the full course by then; both renew on the check a year later and a year after that
  // (by quarters 7 and 11).
  const std::map<std::string, int> expected = {
      {"WOUND profile_gap", 1}, {"WOUND-CHECK lapsed", 1}, {"WOUND-CHECK refresher", 4}};
  EXPECT_EQ(by_course, expected);
  std::vector<int> refresher_quarters;
  for (const LearnerGroup& group : plan.groups) {
    if (group.kind == NeedKind::kRefresher) refresher_quarters.push_back(group.need_quarter);
  }
  EXPECT_EQ(refresher_quarters, (std::vector<int>{7, 11}));
  EXPECT_TRUE(plan.unmet.empty());
  // The newcomer: 21 hours at £10 an hour of backfill and a £100 fee; every check an hour away
  // and £40 of a trainer's hour.
  int checks = 0;
  for (const LearnerPlace& place : plan.places) checks += plan.courses[plan.groups[place.group].course].code == "WOUND-CHECK";
  EXPECT_EQ(checks, 5);
  EXPECT_DOUBLE_EQ(plan.fees, 100.0);
  EXPECT_NEAR(plan.backfill, 21.0 * 10.0 + checks * 1.0 * 10.0, 1e-6);
  EXPECT_NEAR(plan.trainer, 10.0 * 50.0 + checks * 40.0, 1e-6);
}

// Whole learners from a continuous programme: a unit of 10 FTE may have 397.5 hours away a
// quarter; eight overdue learners of a 150-hour e-learning course (no trainer, so no cohort need be
// whole) fit two a quarter over the four quarters before they are due (300 hours each), and the
// relaxation's fractions (2.65 a quarter fit the hours) must round to that, not leave one unmet.
TEST(Training, FractionalLearnersRoundToWholeOnesWithinTheLimits) {
  Toy toy;
  toy.place.training.away_share = 0.1;
  toy.Profile(0, 0);
  Course elearning = Toy::MakeCourse("CERT", 0, 150, 1000, 12);
  elearning.trainer_hours = 0.0;
  elearning.mode = "e-learning";
  toy.reference.courses.push_back(elearning);
  for (int index = 0; index < 8; ++index) toy.Person(fmt::format("P{}", index), 0, 0, 1.0, 15900.0);
  toy.Holds(toy.Person("Q", 0, 0, 2.0, 31800.0), 0, *MakeDate(2024, 1, 1));
  const TrainingPlan plan = PlanTraining(toy.place, toy.reference, toy.costs, nullptr);
  EXPECT_EQ(plan.learners_scheduled, 8);
  EXPECT_TRUE(plan.unmet.empty());
  for (int quarter = 0; quarter < 4; ++quarter) {
    EXPECT_EQ(Learners(plan, quarter), 2) << quarter;
    EXPECT_DOUBLE_EQ(HoursAway(plan, 0, quarter), 300.0) << quarter;
  }
  EXPECT_EQ(plan.places.size(), 8U);
  EXPECT_DOUBLE_EQ(plan.fees, 800.0);
  EXPECT_NEAR(plan.backfill, 8 * 150.0 * 10.0, 1e-6);  // £15,900 a year / 1,590 hours
}

}  // namespace
}  // namespace careforce::plan
