// The training plan's shared tables, report section, terminal lines and each organisation's own
// workbook (docs/formats.md, "Training outputs"), on small places planned by plan::PlanTraining
// and worked by hand: every figure, and what small-number suppression hides (docs/data-protection.md,
// "Training plan").

#include "report/training_tables.hpp"

#include <array>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "plan/plan.hpp"
#include "report/document.hpp"
#include "report/plan_report.hpp"
#include "report/workbook.hpp"
#include "store/pseudonymise.hpp"
#include "test_support.hpp"

namespace careforce::report {
namespace {

using plan::Course;
using plan::TrainingPlan;

constexpr int kThreshold = 5;

// A place on a census of 31 March 2025 (quarter 0 is April to June 2025), every care worker (CW)
// needing the Care Certificate (CC) and healthcare assistants (HCA) also wound care (WOUND); 1,590
// available hours a year, on-costs of 1 (an hour of cover costs a post's pay over 1,590 hours) and
// no limit on time away unless a test sets one.
struct Toy {
  Place place;
  plan::TrainingReference reference;
  plan::PlanReference costs;

  Toy() {
    place.name = "Toy";
    place.base_year = 2025;
    place.census_date = *MakeDate(2025, 3, 31);
    place.localities.push_back(Locality{"L1", "Toyton"});
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
    place.role_competences.push_back(RoleCompetence{0, 0});
    place.role_competences.push_back(RoleCompetence{1, 0});
    place.role_competences.push_back(RoleCompetence{1, 1});
    place.demand.available_hours_per_fte = 1590.0;
    place.settings.suppression_threshold = kThreshold;
    place.training.away_share = 1.0;
    place.training.catch_up_months = 12;
    place.training.years = 3;
    costs.on_cost = {1.0, 1.0, 1.0};
    costs.agency_premium = 0.55;
  }

  Index Organisation(const std::string& code, Sector sector) {
    careforce::Organisation organisation;
    organisation.code = code;
    organisation.name = fmt::format("{} Ltd", code);
    organisation.sector = sector;
    organisation.locality = 0;
    place.organisations.push_back(organisation);
    return static_cast<Index>(place.organisations.size() - 1);
  }

  // People of a role at an organisation, one full-time post each at £15,900 a year (£10 an hour of
  // cover), their identifiers "<ORG>-<ROLE>-<n>".
  void People(Index organisation, Index role, int count) {
    int first = 0;
    for (const StaffPost& post : place.staff) first += post.organisation == organisation && post.role == role ? 1 : 0;
    for (int index = first; index < first + count; ++index) {
      const Index person = place.person_ids.push_back(
          fmt::format("{}-{}-{}", place.organisations[organisation].code, place.roles[role].code, index));
      StaffPost post;
      post.person = person;
      post.organisation = organisation;
      post.role = role;
      post.fte = 1.0;
      post.annual_pay = 15900.0;
      post.locality = 0;
      place.staff.push_back(post);
    }
  }

  // A course of one quarter from the training hub, any learner a day away: `hours` off the job.
  static Course MakeCourse(const std::string& code, Index competence, double hours, double fee, double trainer_hours) {
    Course course;
    course.code = code;
    course.name = fmt::format("{} course", code);
    course.provider = "Hub";
    course.competences = {competence};
    course.off_job_hours = hours;
    course.fee = fee;
    course.cohort_min = 1;
    course.cohort_max = 12;
    course.trainer_hours = trainer_hours;
    course.trainer_cost_per_hour = 50.0;
    course.runs_per_year = 12;
    course.lead_time_months = 0;
    course.duration_months = 3;
    course.mode = "classroom";
    return course;
  }

  TrainingPlan Plan() const { return plan::PlanTraining(place, reference, costs, nullptr); }
};

// Six care workers at an independent provider and three at an NHS trust, all needing the Care
// Certificate (30 hours off the job, a £100 fee, 10 trainer hours at £50 a cohort): one cohort of
// nine in April to June 2025, £900 of fees, £500 of trainer time shared 6:3, and 30 hours of cover
// at £10 for each of them.
struct TwoEmployers : Toy {
  Index care = 0;
  Index trust = 0;
  TwoEmployers() {
    care = Organisation("CARE1", Sector::kIndependent);
    trust = Organisation("NHS1", Sector::kNhsCommunity);
    People(care, 0, 6);
    People(trust, 0, 3);
    reference.courses.push_back(MakeCourse("CERT", 0, 30.0, 100.0, 10.0));
  }
};

const ReportTable& Find(const std::vector<ReportTable>& tables, const std::string& key) {
  for (const ReportTable& table : tables) {
    if (table.key() == key) return table;
  }
  throw std::runtime_error("no table " + key);
}

// The cell of `column` in the row whose first cell is `first` ("" for the only row).
const ReportCell& At(const ReportTable& table, const std::string& first, const std::string& column) {
  std::size_t index = table.columns().size();
  for (std::size_t idx = 0; idx < table.columns().size(); ++idx) {
    if (table.columns()[idx].key == column) index = idx;
  }
  if (index == table.columns().size()) throw std::runtime_error(table.key() + ": no column " + column);
  for (const auto& row : table.rows()) {
    if (first.empty() || row.front().text == first) return row[index];
  }
  throw std::runtime_error(table.key() + ": no row " + first);
}

double Value(const ReportTable& table, const std::string& first, const std::string& column) {
  const ReportCell& cell = At(table, first, column);
  if (cell.state != ReportCell::State::kValue) throw std::runtime_error(table.key() + " " + first + " " + column + ": not shown");
  return cell.number;
}

bool Hidden(const ReportTable& table, const std::string& first, const std::string& column) {
  return At(table, first, column).state == ReportCell::State::kHidden;
}

TEST(TrainingTables, EveryFigureOfTwoEmployersWithoutSuppression) {
  const TwoEmployers toy;
  const TrainingPlan plan = toy.Plan();
  const std::vector<ReportTable> tables = TrainingTables(plan, toy.place, 0);
  ASSERT_EQ(tables.size(), 7U);

  const ReportTable& courses = Find(tables, "training_courses");
  ASSERT_EQ(courses.rows().size(), 1U);
  EXPECT_EQ(At(courses, "CERT", "provider").text, "Hub");
  EXPECT_EQ(At(courses, "CERT", "mode").text, "classroom");
  EXPECT_EQ(Value(courses, "CERT", "learners_needed"), 9);
  EXPECT_EQ(Value(courses, "CERT", "learners_scheduled"), 9);
  EXPECT_EQ(Value(courses, "CERT", "learners_unmet"), 0);
  EXPECT_EQ(Value(courses, "CERT", "cohorts"), 1);
  EXPECT_DOUBLE_EQ(Value(courses, "CERT", "fees"), 900.0);
  EXPECT_DOUBLE_EQ(Value(courses, "CERT", "trainer_cost"), 500.0);
  EXPECT_DOUBLE_EQ(Value(courses, "CERT", "off_job_hours"), 270.0);

  const ReportTable& cohorts = Find(tables, "training_cohorts");
  ASSERT_EQ(cohorts.rows().size(), 1U);
  EXPECT_EQ(At(cohorts, "CERT", "quarter").text, "Apr-Jun 2025");
  EXPECT_EQ(At(cohorts, "CERT", "quarter_start").text, "2025-04-01");
  EXPECT_EQ(Value(cohorts, "CERT", "cohorts"), 1);
  EXPECT_EQ(Value(cohorts, "CERT", "learners"), 9);

  // Each employer's learners' fees and cover, and its share of the cohort's trainer time.
  const ReportTable& organisations = Find(tables, "training_organisations");
  ASSERT_EQ(organisations.rows().size(), 2U);
  EXPECT_EQ(At(organisations, "CARE1", "sector").text, "independent");
  EXPECT_EQ(Value(organisations, "CARE1", "learners"), 6);
  EXPECT_DOUBLE_EQ(Value(organisations, "CARE1", "fees"), 600.0);
  EXPECT_NEAR(Value(organisations, "CARE1", "backfill"), 6 * 30 * 10.0, 1e-9);
  EXPECT_NEAR(Value(organisations, "CARE1", "trainer"), 500.0 * 6 / 9, 1e-9);
  EXPECT_NEAR(Value(organisations, "CARE1", "total_cost"), 600 + 1800 + 500.0 * 6 / 9, 1e-9);
  EXPECT_DOUBLE_EQ(Value(organisations, "CARE1", "hours_away"), 180.0);
  EXPECT_EQ(Value(organisations, "NHS1", "learners"), 3);
  EXPECT_NEAR(Value(organisations, "NHS1", "trainer"), 500.0 * 3 / 9, 1e-9);

  const ReportTable& partners = Find(tables, "training_partners");
  ASSERT_EQ(partners.rows().size(), 2U);
  EXPECT_EQ(partners.rows()[0][0].text, "nhs");
  EXPECT_EQ(partners.rows()[1][0].text, "independent");
  EXPECT_EQ(Value(partners, "nhs", "learners"), 3);
  EXPECT_NEAR(Value(partners, "independent", "total_cost"), Value(organisations, "CARE1", "total_cost"), 1e-9);

  // 180 hours away in a quarter is 180 / (1,590 / 4) FTE; the limit is all of six posts' 397.5
  // hours a quarter (away_share 1).
  const ReportTable& away = Find(tables, "training_away");
  ASSERT_EQ(away.rows().size(), 2U);
  EXPECT_EQ(At(away, "CARE1", "quarter").text, "Apr-Jun 2025");
  EXPECT_DOUBLE_EQ(Value(away, "CARE1", "hours_away"), 180.0);
  EXPECT_NEAR(Value(away, "CARE1", "fte_away"), 180.0 / 397.5, 1e-12);
  EXPECT_DOUBLE_EQ(Value(away, "CARE1", "unit_fte"), 6.0);
  EXPECT_DOUBLE_EQ(Value(away, "CARE1", "away_limit_hours"), 6 * 397.5);
  EXPECT_NEAR(Value(away, "CARE1", "share_of_limit"), 180.0 / (6 * 397.5), 1e-12);

  // Due within the 12 catch-up months (by March 2026), all scheduled in the first quarter.
  const ReportTable& needs = Find(tables, "training_needs");
  ASSERT_EQ(needs.rows().size(), 1U);
  EXPECT_EQ(At(needs, "CERT", "need_kind").text, "profile_gap");
  EXPECT_EQ(At(needs, "CERT", "need_quarter").text, "Jan-Mar 2026");
  EXPECT_EQ(At(needs, "CERT", "need_by").text, "2026-03-31");
  EXPECT_EQ(Value(needs, "CERT", "learners"), 9);
  EXPECT_EQ(At(needs, "CERT", "completion_quarter").text, "Apr-Jun 2025");
  EXPECT_EQ(At(needs, "CERT", "completed_by").text, "2025-06-30");
  EXPECT_EQ(At(needs, "CERT", "on_time").text, "yes");
  EXPECT_TRUE(Find(tables, "training_unmet").rows().empty());

  const auto facts = TrainingFacts(plan, toy.place, 0);
  EXPECT_EQ(facts["learners_needed"], 9);
  EXPECT_EQ(facts["learners_scheduled"], 9);
  EXPECT_EQ(facts["cohorts"], 1);
  EXPECT_DOUBLE_EQ(facts["cost"].get<double>(), 900.0 + 2700.0 + 500.0);
  EXPECT_DOUBLE_EQ(facts["hours_away"].get<double>(), 270.0);
  EXPECT_EQ(facts["last_day"], "2028-03-31");
}

// The trust's three learners are hidden, and so is the provider's six: the place's nine would
// give the three back. The provider's hours away (180, 30 a learner) are hidden with them, for
// they give its six back; its FTE in post stays (six people), the trust's three goes.
TEST(TrainingTables, ASmallEmployerIsHiddenWithAPartnerSoTheTotalGivesNeitherBack) {
  const TwoEmployers toy;
  const TrainingPlan plan = toy.Plan();
  const std::vector<ReportTable> tables = TrainingTables(plan, toy.place, kThreshold);
  const ReportTable& organisations = Find(tables, "training_organisations");
  for (const std::string organisation : {"CARE1", "NHS1"}) {
    for (const std::string column : {"learners", "fees", "backfill", "trainer", "total_cost", "hours_away"}) {
      EXPECT_TRUE(Hidden(organisations, organisation, column)) << organisation << " " << column;
    }
  }
  const ReportTable& partners = Find(tables, "training_partners");
  EXPECT_TRUE(Hidden(partners, "nhs", "learners"));
  EXPECT_TRUE(Hidden(partners, "independent", "learners"));
  const ReportTable& away = Find(tables, "training_away");
  EXPECT_TRUE(Hidden(away, "NHS1", "hours_away"));
  EXPECT_TRUE(Hidden(away, "NHS1", "fte_away"));
  EXPECT_TRUE(Hidden(away, "NHS1", "unit_fte"));
  EXPECT_TRUE(Hidden(away, "NHS1", "away_limit_hours"));
  EXPECT_TRUE(Hidden(away, "CARE1", "hours_away"));
  EXPECT_TRUE(Hidden(away, "CARE1", "share_of_limit"));
  EXPECT_DOUBLE_EQ(Value(away, "CARE1", "unit_fte"), 6.0);
  // The course and the place show nine.
  EXPECT_EQ(Value(Find(tables, "training_courses"), "CERT", "learners_scheduled"), 9);
  const auto facts = TrainingFacts(plan, toy.place, kThreshold);
  EXPECT_EQ(facts["learners_scheduled"], 9);
  EXPECT_DOUBLE_EQ(facts["fees"].get<double>(), 900.0);
  // The CSV says so.
  EXPECT_EQ(organisations.Csv(),
            "organisation,sector,learners,fees,backfill,trainer,total_cost,hours_away\n"
            "CARE1,independent,*,*,*,*,*,*\n"
            "NHS1,nhs_community,*,*,*,*,*,*\n");
}

// At 2% of their hours a quarter the trust's three FTE may release one learner at a time (30
// hours, more than 2% of 397.5 x 3): its three learners go one a quarter, the limit binding in each
// of those quarters (no second learner fits). Shared, the bounds do not name the trust, whose staff and time away are hidden (a
// bound at one learner's hours says one learner was away); they are counted.
TEST(TrainingTables, BoundsAtAHiddenUnitAreCountedNotNamed) {
  TwoEmployers toy;
  toy.place.training.away_share = 0.02;
  const TrainingPlan plan = toy.Plan();
  const auto open = TrainingFacts(plan, toy.place, 0)["binding"];
  ASSERT_TRUE(open.is_array());
  std::vector<std::string> trust;
  for (const auto& bound : open) {
    if (bound.get<std::string>().starts_with("away at once: NHS1")) trust.push_back(bound.get<std::string>());
  }
  EXPECT_EQ(trust, (std::vector<std::string>{"away at once: NHS1 in Apr-Jun 2025", "away at once: NHS1 in Jul-Sep 2025",
                                              "away at once: NHS1 in Oct-Dec 2025"}));
  const auto shared = TrainingFacts(plan, toy.place, kThreshold)["binding"];
  for (const auto& bound : shared) EXPECT_FALSE(bound.get<std::string>().starts_with("away at once: NHS1")) << bound;
  ASSERT_FALSE(shared.empty());
  EXPECT_EQ(shared.back(), fmt::format("away at once: {} quarters of teams or organisations whose staff or time away "
                                       "the tables hide",
                                       open.size() - shared.size() + 1));
}

// A course taking 12 learners a quarter (one a cohort): 28 care workers short of it, due by March
// 2026, fill April-June and July-September 2025 and four start in October-December 2025; 18 who
// hold it, their refresher due by September 2027, start 6 in April-June and 12 in July-September
// 2027. The four are hidden, and the six with them against the course's 46; but the 28 less the
// two twelves would give the four back too (the refreshers cannot start before 2027), so one of
// those is hidden as well.
TEST(TrainingTables, ANeedLessItsOtherCohortsGivesNoCohortBack) {
  Toy toy;
  const Index care = toy.Organisation("CARE1", Sector::kIndependent);
  toy.People(care, 0, 46);
  for (std::size_t person = 28; person < 46; ++person) {
    toy.place.staff_competences.push_back(StaffCompetence{static_cast<Index>(person), 0, *MakeDate(2024, 10, 15)});
  }
  Course course = Toy::MakeCourse("CERT", 0, 7.0, 100.0, 10.0);
  course.cohort_max = 1;  // one learner a cohort, so that cohorts are as many as learners
  course.runs_per_year = 48;
  toy.reference.courses.push_back(course);
  toy.reference.refreshers.push_back(plan::Refresher{0, 36, "test", "assumption", static_cast<std::size_t>(-1)});
  const TrainingPlan plan = toy.Plan();
  const auto cohort = [](const std::vector<ReportTable>& tables, const std::string& quarter) -> const ReportCell& {
    const ReportTable& table = Find(tables, "training_cohorts");
    for (const auto& row : table.rows()) {
      if (row[2].text == quarter) return row[5];
    }
    throw std::runtime_error("no cohort row " + quarter);
  };
  const std::vector<ReportTable> open = TrainingTables(plan, toy.place, 0);
  EXPECT_EQ(cohort(open, "Apr-Jun 2025").number, 12);
  EXPECT_EQ(cohort(open, "Jul-Sep 2025").number, 12);
  EXPECT_EQ(cohort(open, "Oct-Dec 2025").number, 4);
  EXPECT_EQ(cohort(open, "Apr-Jun 2027").number, 6);
  EXPECT_EQ(cohort(open, "Jul-Sep 2027").number, 12);
  EXPECT_EQ(Find(open, "training_cohorts").rows().size(), 5U);
  const std::vector<ReportTable> shared = TrainingTables(plan, toy.place, kThreshold);
  const auto hidden = [&](const ReportCell& cell) { return cell.state == ReportCell::State::kHidden; };
  EXPECT_TRUE(hidden(cohort(shared, "Oct-Dec 2025")));
  const ReportTable& needs = Find(shared, "training_needs");
  ASSERT_EQ(needs.rows().size(), 2U);
  const ReportCell& gap = needs.rows()[0][4];
  EXPECT_EQ(needs.rows()[0][1].text, "profile_gap");
  // Not all of the 28 and the two twelves are shown.
  EXPECT_TRUE(hidden(gap) || hidden(cohort(shared, "Apr-Jun 2025")) || hidden(cohort(shared, "Jul-Sep 2025")));
  // The refreshers' row and their cohorts: both shown or both hidden.
  EXPECT_EQ(hidden(needs.rows()[1][4]), hidden(cohort(shared, "Jul-Sep 2027")));
}

// The hub's one cohort of up to 12 a quarter: 28 care workers due by March 2026 start 12, 12 and
// 4 in the first three quarters, a cohort each. The four are hidden with their cohort (and another
// quarter with them); a quarter's one cohort of up to 12 bounds no learners to a few, so the
// course's 28 learners and 3 cohorts stay shown.
TEST(TrainingTables, CohortsOfOneAQuarterHideNoCourse) {
  Toy toy;
  toy.People(toy.Organisation("CARE1", Sector::kIndependent), 0, 28);
  Course course = Toy::MakeCourse("CERT", 0, 7.0, 100.0, 10.0);
  course.runs_per_year = 4;
  toy.reference.courses.push_back(course);
  const TrainingPlan plan = toy.Plan();
  const std::vector<ReportTable> tables = TrainingTables(plan, toy.place, kThreshold);
  const ReportTable& cohorts = Find(tables, "training_cohorts");
  ASSERT_EQ(cohorts.rows().size(), 3U);
  EXPECT_EQ(cohorts.rows()[2][2].text, "Oct-Dec 2025");
  EXPECT_EQ(cohorts.rows()[2][5].state, ReportCell::State::kHidden);
  EXPECT_EQ(cohorts.rows()[2][4].state, ReportCell::State::kHidden);
  const ReportTable& courses = Find(tables, "training_courses");
  EXPECT_EQ(Value(courses, "CERT", "learners_scheduled"), 28);
  EXPECT_EQ(Value(courses, "CERT", "cohorts"), 3);
}

// An organisation hidden by the workforce tables has its training figures hidden too, and its
// partner with it.
TEST(TrainingTables, AnOrganisationHiddenElsewhereIsHiddenHere) {
  TwoEmployers toy;
  toy.People(toy.trust, 0, 3);  // six at the trust now: not a small number
  const TrainingPlan plan = toy.Plan();
  const std::vector<ReportTable> shown = TrainingTables(plan, toy.place, kThreshold);
  EXPECT_EQ(Value(Find(shown, "training_organisations"), "NHS1", "learners"), 6);
  EXPECT_DOUBLE_EQ(Value(Find(shown, "training_away"), "NHS1", "unit_fte"), 6.0);
  const std::vector<ReportTable> tables = TrainingTables(plan, toy.place, kThreshold, {"NHS1"});
  EXPECT_TRUE(Hidden(Find(tables, "training_organisations"), "NHS1", "learners"));
  EXPECT_TRUE(Hidden(Find(tables, "training_organisations"), "CARE1", "learners"));
  EXPECT_TRUE(Hidden(Find(tables, "training_away"), "NHS1", "unit_fte"));
  // Without suppression the list changes nothing.
  EXPECT_EQ(Value(Find(TrainingTables(plan, toy.place, 0, {"NHS1"}), "training_organisations"), "NHS1", "learners"), 6);
}

// Ten care workers and three healthcare assistants at one provider: 13 take the Care Certificate
// (2 hours, a £50 fee) and the three assistants also wound care (7 hours, a £500 fee). The course
// rows hide the three and, as the partner, the 13; but the place's 16 learners and £2,150 of fees
// (and its 47 hours off the job) would still give them back (x + y = 16, 50x + 500y = 2,150), so
// the fees, backfill, hours and cost totals are hidden while its 16 learners stay. The provider's
// own row shows its 16 learners but not its fees, which give its three back in the same way.
TEST(TrainingTables, FeesThatGiveACourseBackAreHidden) {
  Toy toy;
  const Index care = toy.Organisation("CARE1", Sector::kIndependent);
  toy.People(care, 0, 10);
  toy.People(care, 1, 3);
  toy.reference.courses.push_back(Toy::MakeCourse("CERT", 0, 2.0, 50.0, 0.0));
  toy.reference.courses.push_back(Toy::MakeCourse("WOUND", 1, 7.0, 500.0, 10.0));
  const TrainingPlan plan = toy.Plan();
  ASSERT_EQ(plan.learners_scheduled, 16);

  const std::vector<ReportTable> open = TrainingTables(plan, toy.place, 0);
  EXPECT_EQ(Value(Find(open, "training_courses"), "WOUND", "learners_scheduled"), 3);
  EXPECT_DOUBLE_EQ(Value(Find(open, "training_organisations"), "CARE1", "fees"), 2150.0);
  EXPECT_DOUBLE_EQ(TrainingFacts(plan, toy.place, 0)["fees"].get<double>(), 2150.0);

  const std::vector<ReportTable> tables = TrainingTables(plan, toy.place, kThreshold);
  const ReportTable& courses = Find(tables, "training_courses");
  EXPECT_TRUE(Hidden(courses, "WOUND", "learners_scheduled"));
  EXPECT_TRUE(Hidden(courses, "WOUND", "fees"));
  EXPECT_TRUE(Hidden(courses, "CERT", "learners_scheduled"));
  EXPECT_TRUE(Hidden(courses, "CERT", "fees"));
  const auto facts = TrainingFacts(plan, toy.place, kThreshold);
  EXPECT_EQ(facts["learners_scheduled"], 16);
  EXPECT_TRUE(facts["fees"].is_null());
  EXPECT_TRUE(facts["hours_away"].is_null());
  EXPECT_TRUE(facts["backfill_cost"].is_null());
  EXPECT_TRUE(facts["cost"].is_null());
  const ReportTable& organisations = Find(tables, "training_organisations");
  EXPECT_EQ(Value(organisations, "CARE1", "learners"), 16);
  EXPECT_TRUE(Hidden(organisations, "CARE1", "fees"));
  EXPECT_TRUE(Hidden(organisations, "CARE1", "hours_away"));
  EXPECT_TRUE(Hidden(organisations, "CARE1", "total_cost"));
}

// Ten care workers at an independent provider (CARE1) and ten at an NHS trust (NHS2), all taking
// the Care Certificate (CERT: £50, 2 hours off the job, no trainer time).
struct ProviderAndTrust : Toy {
  Index care = 0;
  Index trust = 0;
  ProviderAndTrust() {
    care = Organisation("CARE1", Sector::kIndependent);
    trust = Organisation("NHS2", Sector::kNhsCommunity);
    People(care, 0, 10);
    People(trust, 0, 10);
    reference.courses.push_back(MakeCourse("CERT", 0, 2.0, 50.0, 0.0));
  }
};

// Two employers, an independent provider and a trust (two partners): ten care workers at the
// provider take the Care Certificate (£50, 2 hours); at the trust ten care workers take it and
// three healthcare assistants take it and wound care (£500, 7 hours). The trust's row would give
// its three back through its fees or hours beside its 16 learners (£650 + £1,500; 26 + 21 hours),
// so they are hidden, with its backfill, total and hours away by quarter, and so are the NHS
// partner's. In the fees column the provider's then go as the partner, but they are its ten
// learners × £50, and the place's fees less them would give the trust's back: only hiding the
// place's fees and hours (and the provider's learners, or more) stops that. Whatever else is
// hidden, no figure left gives the three back: the place's fees and hours are hidden, the trust's
// fees and hours are, and the courses' learners are.
TEST(TrainingTables, FeesAndHoursGiveNoCourseBackAcrossRows) {
  ProviderAndTrust toy;
  toy.People(toy.trust, 1, 3);
  toy.reference.courses.push_back(Toy::MakeCourse("WOUND", 1, 7.0, 500.0, 10.0));
  const TrainingPlan plan = toy.Plan();
  ASSERT_EQ(plan.learners_scheduled, 26);
  const std::vector<ReportTable> open = TrainingTables(plan, toy.place, 0);
  EXPECT_DOUBLE_EQ(Value(Find(open, "training_organisations"), "NHS2", "fees"), 2150.0);
  EXPECT_DOUBLE_EQ(Value(Find(open, "training_organisations"), "NHS2", "hours_away"), 47.0);
  EXPECT_DOUBLE_EQ(TrainingFacts(plan, toy.place, 0)["fees"].get<double>(), 2650.0);

  const std::vector<ReportTable> tables = TrainingTables(plan, toy.place, kThreshold);
  const ReportTable& organisations = Find(tables, "training_organisations");
  for (const std::string column : {"fees", "backfill", "total_cost", "hours_away"}) {
    EXPECT_TRUE(Hidden(organisations, "NHS2", column)) << column;
    EXPECT_TRUE(Hidden(Find(tables, "training_partners"), "nhs", column)) << column;
  }
  EXPECT_TRUE(Hidden(Find(tables, "training_away"), "NHS2", "hours_away"));
  const ReportTable& courses = Find(tables, "training_courses");
  EXPECT_TRUE(Hidden(courses, "WOUND", "learners_scheduled"));
  EXPECT_TRUE(Hidden(courses, "CERT", "learners_scheduled"));
  const auto facts = TrainingFacts(plan, toy.place, kThreshold);
  EXPECT_EQ(facts["learners_scheduled"], 26);
  EXPECT_TRUE(facts["fees"].is_null());
  EXPECT_TRUE(facts["hours_away"].is_null());
  EXPECT_TRUE(facts["cost"].is_null());
}

// One provider's fees, hours and learners split back into its courses as whole numbers even where
// linear algebra cannot: at CARE1 six care workers take the Care Certificate (£50, 2 hours), one
// healthcare assistant takes it and wound care (£500, 7 hours), and six support workers take moving
// and handling (£20, 3 hours) and resuscitation (£30, 4 hours). Its 20 learners, £1,150 of fees and
// 63 hours leave a line of real solutions over four courses, but one whole-number one, (7, 1, 6, 6):
// the one wound-care learner. Its weighted figures are hidden while its 20 learners stay; then,
// as the place's totals less CARE1's would give CARE2's back with the one among them, CARE2's too
// (ten of each role, so every course of the place has at least 11 learners and is shown; 50
// learners), and each
// quarter's time away of CARE2 beside a hidden one of CARE1.
TEST(TrainingTables, WeightedFiguresThatSplitIntoASmallCourseAreHidden) {
  Toy toy;
  toy.place.competences.push_back(Competence{"MOVE", "Moving and handling", "Core skills", ""});
  toy.place.competences.push_back(Competence{"RESUS", "Resuscitation", "Core skills", ""});
  Role support;
  support.code = "SW";
  support.name = "Support worker";
  toy.place.roles.push_back(support);
  toy.place.role_competences.push_back(RoleCompetence{2, 2});
  toy.place.role_competences.push_back(RoleCompetence{2, 3});
  const Index small = toy.Organisation("CARE1", Sector::kIndependent);
  const Index large = toy.Organisation("CARE2", Sector::kIndependent);
  toy.People(small, 0, 6);
  toy.People(small, 1, 1);
  toy.People(small, 2, 6);
  for (const Index role : {0U, 1U, 2U}) toy.People(large, role, 10);
  toy.reference.courses.push_back(Toy::MakeCourse("CERT", 0, 2.0, 50.0, 0.0));
  toy.reference.courses.push_back(Toy::MakeCourse("WOUND", 1, 7.0, 500.0, 0.0));
  toy.reference.courses.push_back(Toy::MakeCourse("MOVE", 2, 3.0, 20.0, 0.0));
  toy.reference.courses.push_back(Toy::MakeCourse("RESUS", 3, 4.0, 30.0, 0.0));
  const TrainingPlan plan = toy.Plan();
  ASSERT_EQ(plan.learners_scheduled, 20 + 50);

  const std::vector<ReportTable> open = TrainingTables(plan, toy.place, 0);
  const ReportTable& open_organisations = Find(open, "training_organisations");
  EXPECT_EQ(Value(open_organisations, "CARE1", "learners"), 20);
  EXPECT_DOUBLE_EQ(Value(open_organisations, "CARE1", "fees"), 1150.0);
  EXPECT_DOUBLE_EQ(Value(open_organisations, "CARE1", "hours_away"), 63.0);
  EXPECT_DOUBLE_EQ(Value(open_organisations, "CARE2", "fees"), 6500.0);  // 20 × 50 + 10 × 500 + 10 × 20 + 10 × 30
  EXPECT_EQ(Value(Find(open, "training_courses"), "WOUND", "learners_scheduled"), 11);

  const std::vector<ReportTable> tables = TrainingTables(plan, toy.place, kThreshold);
  const ReportTable& organisations = Find(tables, "training_organisations");
  EXPECT_EQ(Value(organisations, "CARE1", "learners"), 20);
  EXPECT_EQ(Value(organisations, "CARE2", "learners"), 50);
  for (const std::string organisation : {"CARE1", "CARE2"}) {
    for (const std::string column : {"fees", "backfill", "trainer", "total_cost", "hours_away"}) {
      EXPECT_TRUE(Hidden(organisations, organisation, column)) << organisation << " " << column;
    }
  }
  const ReportTable& away = Find(tables, "training_away");
  for (const auto& row : away.rows()) {
    EXPECT_EQ(row[4].state, ReportCell::State::kHidden) << row[0].text << " " << row[2].text;
  }
  // The partner, the place and every course stay shown: each holds at least 11 of every course.
  const ReportTable& partners = Find(tables, "training_partners");
  EXPECT_EQ(Value(partners, "independent", "learners"), 70);
  EXPECT_DOUBLE_EQ(Value(partners, "independent", "fees"), 7650.0);
  EXPECT_DOUBLE_EQ(Value(Find(tables, "training_courses"), "WOUND", "fees"), 5500.0);
  EXPECT_DOUBLE_EQ(TrainingFacts(plan, toy.place, kThreshold)["fees"].get<double>(), 7650.0);
}

// The place's totals less its shown courses give the hidden courses' learners, fees and hours
// together: three equations that linear algebra cannot split over four courses, but whole numbers
// can. Twenty care workers (ten at a provider, ten at a trust) take the Care Certificate (£50, 2
// hours) and 1, 2, 3 and 4 people of four other roles a course each, at both employers, their fees
// £1,000, £100, £10 and £1 (one hour each): the four courses' fees, £1,234, read as digits give
// each one's learners back (each at most nine, as a reader would bound them by the threshold). The
// employers' fees are hidden (each holds a small course) in pairs, which left the place's shown;
// now the Care Certificate's learners are hidden, and as its 2 hours against 1 still give it back
// from the place's hours less its learners, the place's fees and hours too.
TEST(TrainingTables, WholeNumbersThatSplitTheHiddenCoursesHideThePlacesTotals) {
  ProviderAndTrust toy;
  const std::array<double, 4> fees = {1000.0, 100.0, 10.0, 1.0};
  const std::array<int, 4> at_trust = {0, 1, 1, 2};
  for (int index = 0; index < 4; ++index) {
    const std::string code = fmt::format("K{}", index + 1);
    toy.place.competences.push_back(Competence{code, code, "Clinical skills", ""});
    Role role;
    role.code = fmt::format("R{}", index + 1);
    role.name = role.code;
    toy.place.roles.push_back(role);
    const auto role_index = static_cast<Index>(toy.place.roles.size() - 1);
    const auto competence = static_cast<Index>(toy.place.competences.size() - 1);
    toy.place.role_competences.push_back(RoleCompetence{role_index, competence});
    toy.People(toy.care, role_index, index + 1 - at_trust[index]);
    if (at_trust[index] > 0) toy.People(toy.trust, role_index, at_trust[index]);
    toy.reference.courses.push_back(Toy::MakeCourse(code, competence, 1.0, fees[index], 0.0));
  }
  const TrainingPlan plan = toy.Plan();
  ASSERT_EQ(plan.learners_scheduled, 30);
  const auto open = TrainingFacts(plan, toy.place, 0);
  EXPECT_DOUBLE_EQ(open["fees"].get<double>(), 20 * 50.0 + 1234.0);
  EXPECT_DOUBLE_EQ(open["hours_away"].get<double>(), 20 * 2.0 + 10.0);

  const std::vector<ReportTable> tables = TrainingTables(plan, toy.place, kThreshold);
  const ReportTable& courses = Find(tables, "training_courses");
  for (const std::string course : {"K1", "K2", "K3", "K4"}) {
    EXPECT_TRUE(Hidden(courses, course, "learners_scheduled")) << course;
    EXPECT_TRUE(Hidden(courses, course, "fees")) << course;
  }
  const auto facts = TrainingFacts(plan, toy.place, kThreshold);
  EXPECT_TRUE(facts["fees"].is_null());
  EXPECT_TRUE(facts["hours_away"].is_null());
  EXPECT_TRUE(Hidden(courses, "CERT", "learners_scheduled"));
  // What is left: 30 learners, so 10 over the four courses, each 1 to 9 for all a reader knows.
  EXPECT_EQ(facts["learners_scheduled"], 30);
}

// Thirty care workers due within six months, and a provider running one cohort of 12 a quarter:
// 24 are scheduled over two quarters and 6 are unmet for the provider's capacity.
struct Capacity : Toy {
  Capacity() {
    place.training.catch_up_months = 6;
    const Index care = Organisation("CARE1", Sector::kIndependent);
    People(care, 0, 30);
    Course course = MakeCourse("CERT", 0, 20.0, 100.0, 10.0);
    course.runs_per_year = 4;
    reference.courses.push_back(course);
  }
};

TEST(TrainingTables, UnmetLearnersWithTheirReason) {
  const Capacity toy;
  const TrainingPlan plan = toy.Plan();
  const std::vector<ReportTable> tables = TrainingTables(plan, toy.place, kThreshold);
  const ReportTable& unmet = Find(tables, "training_unmet");
  ASSERT_EQ(unmet.rows().size(), 1U);
  EXPECT_EQ(At(unmet, "CERT", "competence").text, "CC");
  // Shared, a need's units together (here one).
  EXPECT_EQ(At(unmet, "CERT", "unit").text, "teams and organisations together");
  EXPECT_EQ(At(unmet, "CERT", "organisation").text, "");
  const std::vector<ReportTable> open = TrainingTables(plan, toy.place, 0);
  const ReportTable& own = Find(open, "training_unmet");
  EXPECT_EQ(At(own, "CERT", "unit").text, "CARE1");
  EXPECT_EQ(At(own, "CERT", "organisation").text, "CARE1");
  EXPECT_EQ(At(unmet, "CERT", "need_kind").text, "profile_gap");
  EXPECT_EQ(At(unmet, "CERT", "need_by").text, "2025-09-30");
  EXPECT_EQ(At(unmet, "CERT", "reason").text, "provider_capacity");
  EXPECT_EQ(Value(unmet, "CERT", "learners"), 6);
  EXPECT_EQ(At(unmet, "CERT", "why").text,
            "Hub runs at most 4 cohorts of CERT course a year (1 a quarter), all taken in every quarter from "
            "2025-04-01 to 2025-09-30 that would finish by 2025-09-30");
  const ReportTable& needs = Find(tables, "training_needs");
  EXPECT_EQ(Value(needs, "CERT", "learners"), 30);
  EXPECT_EQ(At(needs, "CERT", "on_time").text, "partly");
  EXPECT_EQ(At(needs, "CERT", "completion_quarter").text, "Jul-Sep 2025");
  const ReportTable& cohorts = Find(tables, "training_cohorts");
  ASSERT_EQ(cohorts.rows().size(), 2U);
  EXPECT_EQ(cohorts.rows()[0][5].number, 12);
  EXPECT_EQ(cohorts.rows()[1][2].text, "Jul-Sep 2025");
  EXPECT_EQ(TrainingFacts(plan, toy.place, kThreshold)["unmet_by_reason"]["provider_capacity"], 6);
}

// Two providers' care workers at the hub's one cohort of 12 a quarter: 30 at CARE1 and 3 at
// CARE2, due by September 2025, take 24 places; the 9 left are a row each unit by unit (CARE2's
// would be a small number that the need's 33 less CARE1's row and the 24 scheduled give back),
// and one row of 9 shared.
TEST(TrainingTables, SharedUnmetRowsAreANeedsUnitsTogether) {
  Capacity toy;
  toy.People(toy.Organisation("CARE2", Sector::kIndependent), 0, 3);
  const TrainingPlan plan = toy.Plan();
  EXPECT_EQ(plan.learners_scheduled, 24);
  const std::vector<ReportTable> open = TrainingTables(plan, toy.place, 0);
  const ReportTable& own = Find(open, "training_unmet");
  ASSERT_EQ(own.rows().size(), 2U);
  int learners = 0;
  for (const auto& row : own.rows()) learners += static_cast<int>(row[7].number);
  EXPECT_EQ(learners, 9);
  const std::vector<ReportTable> tables = TrainingTables(plan, toy.place, kThreshold);
  const ReportTable& shared = Find(tables, "training_unmet");
  ASSERT_EQ(shared.rows().size(), 1U);
  EXPECT_EQ(Value(shared, "CERT", "learners"), 9);
  EXPECT_EQ(At(shared, "CERT", "unit").text, "teams and organisations together");
  EXPECT_EQ(At(shared, "CERT", "why").text,
            "Hub runs at most 4 cohorts of CERT course a year (1 a quarter), all taken in every quarter from "
            "2025-04-01 to 2025-09-30 that would finish by 2025-09-30");
}

TEST(TrainingTables, TheTerminalLines) {
  const Capacity toy;
  TrainingPlan plan = toy.Plan();
  plan.solve_seconds = 0.3;
  // £2,400 of fees, 480 hours of cover at £10 and two cohorts' £500 of trainer time.
  EXPECT_EQ(TrainingText(plan, kThreshold, &toy.place),
            fmt::format("  training: 30 learners needed, 24 scheduled in 2 cohorts, 6 unmet; £8k (£2k fees, £5k "
                        "backfill, £1k trainer)\n"
                        "  unmet: 6 provider_capacity\n"
                        "  schedule: {} variables ({} integer), {} constraints, optimal in 0.3 s\n",
                        plan.variables, plan.integer_variables, plan.constraints));
  // The two employers' place totals show; their cohort is one.
  const TwoEmployers two;
  TrainingPlan small = two.Plan();
  small.solve_seconds = 0.0;
  const std::string text = TrainingText(small, kThreshold, &two.place);
  EXPECT_EQ(text.substr(0, text.find('\n')),
            "  training: 9 learners needed, 9 scheduled in 1 cohort, 0 unmet; £4k (£900 fees, £3k backfill, £500 trainer)");
}

// Three people due and three unmet: the totals are small numbers and the lines say what * is.
TEST(TrainingTables, TheTerminalHidesSmallTotals) {
  Toy toy;
  toy.place.training.catch_up_months = 3;  // due by June 2025: a course booked six months ahead cannot
  const Index care = toy.Organisation("CARE1", Sector::kIndependent);
  toy.People(care, 0, 3);
  Course course = Toy::MakeCourse("CERT", 0, 20.0, 100.0, 10.0);
  course.lead_time_months = 6;
  toy.reference.courses.push_back(course);
  TrainingPlan plan = toy.Plan();
  plan.solve_seconds = 0.0;
  const std::string text = TrainingText(plan, kThreshold, &toy.place);
  EXPECT_EQ(text.substr(0, text.find('\n')), "  training: * learners needed, 0 scheduled in 0 cohorts, * unmet; £0 (£0 fees, £0 backfill, £0 trainer)");
  EXPECT_NE(text.find("  unmet: * date_too_soon\n"), std::string::npos) << text;
  EXPECT_NE(text.find("(* hides counts of 1 to 4 learners and what the rules say would give them back; not every "
                      "route across tables yet: share the training tables only with the organisations they "
                      "count, docs/data-protection.md)\n"),
            std::string::npos);
  EXPECT_NE(TrainingText(plan, 0, &toy.place).find("  unmet: 3 date_too_soon\n"), std::string::npos);
}

TEST(TrainingSection, HeadlineTablesAndTheChartOfTimeAway) {
  const TwoEmployers toy;
  const TrainingPlan plan = toy.Plan();
  PlanDocument document;
  DocumentBuilder builder(document);
  TrainingSection(&plan, "", &toy.place, 0, {}, builder);
  const Section* section = document.Find("training");
  ASSERT_NE(section, nullptr);
  EXPECT_EQ(section->step, 5);
  EXPECT_EQ(section->title, "Step 5 · Plan to deliver: training");
  EXPECT_EQ(section->tables.size(), 7U);
  EXPECT_DOUBLE_EQ(section->facts["fees"].get<double>(), 900.0);
  // The headline sentence.
  std::string headline;
  for (const report::Run& run : std::get<Paragraph>(section->blocks.front()).runs) headline += run.text;
  EXPECT_EQ(headline,
            "Of 9 learners needed from 2025-04-01 to 2028-03-31, 9 are scheduled in 1 cohort of 1 course. The "
            "training costs £4k: £900 in course fees, £3k to cover learners' time away (at the bank rate) and £500 of "
            "trainer time.");
  // One chart a unit, largest first: the provider's 180 hours in its first quarter.
  std::vector<const BarChartBlock*> charts;
  for (const Block& block : section->blocks) {
    if (const auto* chart = std::get_if<BarChartBlock>(&block)) charts.push_back(chart);
  }
  ASSERT_EQ(charts.size(), 2U);
  EXPECT_EQ(charts[0]->title, "FTE away on training by quarter: CARE1 (limit 6.00 FTE)");
  ASSERT_EQ(charts[0]->bars.size(), 12U);
  EXPECT_EQ(charts[0]->bars[0].label, "Apr-Jun 2025");
  EXPECT_NEAR(charts[0]->bars[0].value, 180.0 / 397.5, 1e-12);
  EXPECT_EQ(charts[0]->bars[0].text, "0.45");
  EXPECT_EQ(charts[0]->bars[1].value, 0.0);
  // plan.json's training object.
  const auto json = RenderJson(document);
  EXPECT_EQ(json["training"]["tables"]["training_courses"][0]["learners_scheduled"], 9);
}

TEST(TrainingSection, SaysWhyThereIsNoTrainingPlan) {
  PlanDocument document;
  DocumentBuilder builder(document);
  TrainingSection(nullptr, "no course catalogue or cost reference was read", nullptr, kThreshold, {}, builder);
  const Section* section = document.Find("training");
  ASSERT_NE(section, nullptr);
  EXPECT_EQ(section->facts["skipped"], "no course catalogue or cost reference was read");
  EXPECT_TRUE(section->tables.empty());
  ASSERT_EQ(section->blocks.size(), 1U);
  const Paragraph& paragraph = std::get<Paragraph>(section->blocks.front());
  EXPECT_EQ(paragraph.style, Paragraph::Style::kWarning);
  EXPECT_EQ(paragraph.runs.front().text, "No training plan: no course catalogue or cost reference was read.");
}

// Each organisation's own workbook, read back: its people by pseudonym, never their identifiers,
// and its figures unsuppressed.
TEST(TrainingWorkbook, EachOrganisationsPeopleByPseudonym) {
  const TwoEmployers toy;
  const TrainingPlan plan = toy.Plan();
  const store::Pseudonymiser key("a test key of sixteen bytes or more");
  const auto pseudonym = [&](Index person) { return key.Pseudonymise(toy.place.person_ids[person]); };
  careforce::testing::TempDir temp;
  const std::vector<std::string> written =
      WriteOrganisationTrainingWorkbooks(plan, toy.place, pseudonym, (temp.path() / "learners").string());
  ASSERT_EQ(written.size(), 2U);
  EXPECT_EQ(std::filesystem::path(written[0]).filename(), "training_CARE1.xlsx");
  EXPECT_EQ(std::filesystem::path(written[1]).filename(), "training_NHS1.xlsx");
  const careforce::testing::Workbook book = careforce::testing::ReadWorkbook(written[1]);
  EXPECT_EQ(book.names, (std::vector<std::string>{"People", "Cohorts", "Costs", "Time away"}));
  const auto people = careforce::testing::SheetRows(book, "People");
  ASSERT_EQ(people.size(), 4U);  // the header and the trust's three
  EXPECT_EQ(people[0][0], "Person (pseudonym)");
  std::set<std::string> named;
  for (std::size_t row = 1; row < people.size(); ++row) {
    named.insert(people[row][0]);
    EXPECT_EQ(people[row][1], "Care worker");
    EXPECT_EQ(people[row][3], "CERT course");
    EXPECT_EQ(people[row][6], "scheduled");
    EXPECT_EQ(people[row][7], "Apr-Jun 2025");
    EXPECT_EQ(people[row][9], "2025-06-30");
    EXPECT_EQ(people[row][10], "1");
    EXPECT_EQ(people[row][11], "100");
  }
  EXPECT_EQ(named, (std::set<std::string>{key.Pseudonymise("NHS1-CW-0"), key.Pseudonymise("NHS1-CW-1"),
                                          key.Pseudonymise("NHS1-CW-2")}));
  for (const std::string& text : book.strings) EXPECT_EQ(text.find("NHS1-CW"), std::string::npos) << text;
  // Its three learners, unsuppressed, and their costs.
  const auto cohorts = careforce::testing::SheetRows(book, "Cohorts");
  ASSERT_EQ(cohorts.size(), 2U);
  EXPECT_EQ(cohorts[1][5], "3");
  const auto costs = careforce::testing::SheetRows(book, "Costs");
  ASSERT_EQ(costs.size(), 3U);  // the course and all courses
  EXPECT_EQ(costs[1][1], "3");
  EXPECT_EQ(costs[1][2], "300");
  EXPECT_EQ(costs[1][3], "900");
  EXPECT_EQ(costs[2][0], "All courses");
  EXPECT_NEAR(std::stod(costs[2][4]), 500.0 / 3, 1e-9);
  const auto away = careforce::testing::SheetRows(book, "Time away");
  ASSERT_EQ(away.size(), 13U);  // every quarter of three years
  EXPECT_EQ(away[1][3], "3");
  EXPECT_EQ(away[1][4], "90");
  EXPECT_EQ(away[2][4], "0");
}

}  // namespace
}  // namespace careforce::report
