// Skill-mix instances whose optimal cost is known by hand.

#include "plan/skill_mix.hpp"

#include <algorithm>

#include <gtest/gtest.h>

#include "model/error.hpp"

namespace careforce::plan {
namespace {

// A role with `hours` of staff in post (paid in full, whatever they do) and hires at its cost.
SkillMixRole Role(std::string code, double cost_per_hour, std::vector<std::string> competences, double hours = 0,
                  bool registered = false) {
  SkillMixRole role;
  role.code = std::move(code);
  role.cost_per_hour = cost_per_hour;
  role.competences = std::move(competences);
  role.available_hours = {hours};
  role.registered = registered;
  return role;
}

SkillMixTask Task(std::string name, double visits, double contact, double travel, std::vector<std::string> competences) {
  SkillMixTask task;
  task.name = std::move(name);
  task.visits = visits;
  task.contact_hours_per_visit = contact;
  task.travel_hours_per_visit = travel;
  task.competences = std::move(competences);
  return task;
}

// One locality, 1,000 hours a FTE, and no agency cover: work not given is infeasible.
SkillMixProblem Problem() {
  SkillMixProblem problem;
  problem.localities = {"North"};
  problem.hours_per_fte = 1000;
  problem.shortfall = Shortfall::kNone;
  return problem;
}

// A role's standing for an act: own scope, delegated with a supervision ratio, or never.
TaskScope Standing(ScopeLevel level, double ratio = 0.0) { return TaskScope{level, ratio}; }

TEST(SkillMix, AMultiSkilledRoleWinsThroughTravelSaved) {
  // 100 visits needing four competences: 40 minutes of contact and 30 of travel. Four
  // specialists at £30 an hour each give their quarter (10 minutes) and travel: 4 x 2/3 h x £30
  // = £80 a visit. An integrated role at £35 holding all four gives the visit in 7/6 h: £40.83.
  SkillMixProblem problem = Problem();
  for (const std::string competence : {"a", "b", "c", "d"}) problem.roles.push_back(Role("S" + competence, 30, {competence}));
  problem.tasks.push_back(Task("home visit", 100, 40.0 / 60, 0.5, {"a", "b", "c", "d"}));
  // As one indivisible act no specialist can give it.
  EXPECT_EQ(OptimiseSkillMix(problem).status, SolveStatus::kInfeasible);
  problem.tasks[0].separable = true;
  const SkillMixResult specialists = OptimiseSkillMix(problem);
  ASSERT_EQ(specialists.status, SolveStatus::kOptimal);
  EXPECT_NEAR(specialists.cost, 8000.0, 1e-6);
  EXPECT_NEAR(specialists.travel_hours, 200.0, 1e-6);  // four legs a visit

  problem.roles.push_back(Role("INT", 35, {"a", "b", "c", "d"}));
  const SkillMixResult integrated = OptimiseSkillMix(problem);
  ASSERT_EQ(integrated.status, SolveStatus::kOptimal);
  EXPECT_NEAR(integrated.cost, 100 * 35 * 7.0 / 6.0, 1e-6);  // 4,083.33
  EXPECT_NEAR(integrated.travel_hours, 50.0, 1e-6);
  ASSERT_EQ(integrated.assignments.size(), 1u);
  EXPECT_EQ(problem.roles[integrated.assignments[0].role].code, "INT");
  EXPECT_EQ(integrated.assignments[0].part, "all");
}

TEST(SkillMix, DelegationLetsACheaperRoleGiveWorkUnderSupervision) {
  // 1,000 one-hour visits; the nurse (£40) owns the act, the assistant (£20) may be delegated it
  // with a quarter of an hour of the nurse's time spent supervising each delegated hour: £20 +
  // £10 = £30 a visit against £40, so the assistant gives them all and the nurse supervises 250
  // hours: £30,000.
  SkillMixProblem problem = Problem();
  problem.roles.push_back(Role("RN", 40, {"meds"}, 0, true));
  problem.roles.push_back(Role("HCA", 20, {"meds"}));
  problem.tasks.push_back(Task("medicines round", 1000, 1, 0, {"meds"}));
  problem.tasks[0].act = "medicines";
  problem.tasks[0].scope = {Standing(ScopeLevel::kOwn), Standing(ScopeLevel::kDelegated, 0.25)};
  const SkillMixResult delegated = OptimiseSkillMix(problem);
  ASSERT_EQ(delegated.status, SolveStatus::kOptimal);
  EXPECT_NEAR(delegated.cost, 1000 * 20.0 + 250 * 40.0, 1e-6);
  EXPECT_NEAR(delegated.hours_used[1][0], 1000, 1e-6);
  EXPECT_NEAR(delegated.hours_used[0][0], 250, 1e-6);  // supervising
  EXPECT_NEAR(delegated.supervision_hours, 250, 1e-6);
  EXPECT_NE(std::find(delegated.binding.begin(), delegated.binding.end(), "delegation:medicines:North"),
            delegated.binding.end());
  // At most 80% of the visits delegated: the nurse gives 200 and supervises 200 hours, £32,000.
  problem.tasks[0].scope[1].max_share = 0.8;
  const SkillMixResult capped = OptimiseSkillMix(problem);
  EXPECT_NEAR(capped.cost, 800 * 20.0 + 200 * 40.0 + 200 * 40.0, 1e-6);
  EXPECT_NEAR(capped.hours_used[1][0], 800, 1e-6);
  problem.tasks[0].scope[1].max_share = 1.0;
  problem.allow_delegation = false;  // the nurse gives it all
  EXPECT_NEAR(OptimiseSkillMix(problem).cost, 1000 * 40.0, 1e-6);
  problem.allow_delegation = true;
  problem.tasks[0].scope[1] = Standing(ScopeLevel::kNever);
  EXPECT_NEAR(OptimiseSkillMix(problem).cost, 1000 * 40.0, 1e-6);
  problem.tasks[0].scope[1] = Standing(ScopeLevel::kOwn);
  problem.tasks[0].reserved = true;  // reserved to registered roles: the nurse gives it
  EXPECT_NEAR(OptimiseSkillMix(problem).cost, 1000 * 40.0, 1e-6);
}

TEST(SkillMix, SupervisingHoursAreSpentOnceAcrossActs) {
  // Two delegated acts, 1,000 hours each, supervised at a quarter: the nurse in post has 400
  // hours, which cover the supervision of 1,600 delegated hours but not of 2,000. The last 400
  // hours are given by the nurse hired (£40) or delegated with 100 more hired supervising hours
  // (£20 + £10): all delegated, the nurse in post supervises 400 hours and 100 are hired.
  SkillMixProblem problem = Problem();
  problem.roles.push_back(Role("RN", 40, {"a", "b"}, 400, true));
  problem.roles.push_back(Role("HCA", 20, {"a", "b"}));
  for (const std::string act : {"a", "b"}) {
    problem.tasks.push_back(Task("act " + act, 1000, 1, 0, {act}));
    problem.tasks.back().act = act;
    problem.tasks.back().scope = {Standing(ScopeLevel::kOwn), Standing(ScopeLevel::kDelegated, 0.25)};
  }
  const SkillMixResult result = OptimiseSkillMix(problem);
  ASSERT_EQ(result.status, SolveStatus::kOptimal);
  EXPECT_NEAR(result.supervision_hours, 500, 1e-6);
  EXPECT_NEAR(result.hires_fte[0][0], 0.1, 1e-9);
  EXPECT_NEAR(result.cost, 400 * 40.0 + 100 * 40.0 + 2000 * 20.0, 1e-6);
}

TEST(SkillMix, AnIndivisibleReviewStaysWithTheProfessionWhoseScopeItIs) {
  // 100 half-hour reviews needing prescribing and medication review. The pharmacist (£57) holds
  // both, as the GP (£106) does, but senior review is not in a pharmacist's scope: the GP gives
  // all 50 hours (£5,300), not the pharmacist (£2,850), and the review is never split.
  SkillMixProblem problem = Problem();
  problem.roles.push_back(Role("GP", 106, {"PRESC", "MEDREV"}, 0, true));
  problem.roles.push_back(Role("PHARM", 57, {"PRESC", "MEDREV"}, 0, true));
  problem.roles.push_back(Role("PHT", 30, {"MEDREV"}, 0, true));
  problem.roles.push_back(Role("NP", 40, {"PRESC"}, 0, true));
  problem.tasks.push_back(Task("senior review", 100, 0.5, 0, {"PRESC", "MEDREV"}));
  EXPECT_NEAR(OptimiseSkillMix(problem).cost, 50 * 57.0, 1e-6);  // scope not checked: the pharmacist
  problem.tasks[0].act = "senior_medical_review";
  problem.tasks[0].scope = {Standing(ScopeLevel::kOwn), Standing(ScopeLevel::kNever), Standing(ScopeLevel::kNever),
                            Standing(ScopeLevel::kOwn)};
  const SkillMixResult result = OptimiseSkillMix(problem);
  ASSERT_EQ(result.status, SolveStatus::kOptimal);
  EXPECT_NEAR(result.cost, 50 * 106.0, 1e-6);
  ASSERT_EQ(result.assignments.size(), 1u);
  EXPECT_EQ(problem.roles[result.assignments[0].role].code, "GP");
  EXPECT_EQ(result.assignments[0].part, "all");
}

TEST(SkillMix, StaffInPostAreUsedBeforeAnyoneIsHired) {
  // 1,000 hours either role may give. 600 nurse hours are in post (paid, £24,000, whatever they
  // do): they give 600 hours and 0.4 FTE of assistants (£20) is hired for the rest, £32,000 in
  // all; giving everything to hired assistants would cost £24,000 + £20,000.
  SkillMixProblem problem = Problem();
  problem.roles.push_back(Role("RN", 40, {"care"}, 600, true));
  problem.roles.push_back(Role("HCA", 20, {"care"}));
  problem.tasks.push_back(Task("care", 1000, 1, 0, {"care"}));
  const SkillMixResult result = OptimiseSkillMix(problem);
  ASSERT_EQ(result.status, SolveStatus::kOptimal);
  EXPECT_NEAR(result.cost, 24000 + 8000, 1e-6);
  EXPECT_NEAR(result.hours_used[0][0], 600, 1e-6);
  EXPECT_NEAR(result.hires_fte[1][0], 0.4, 1e-9);
  // Leavers not replaced: up to 300 nurse hours may be given up (saving their cost), and then
  // assistants are hired for them: 300 h x £40 saved, 0.3 FTE more hired at £20.
  problem.roles[0].release_limit_hours = {300};
  const SkillMixResult released = OptimiseSkillMix(problem);
  EXPECT_NEAR(released.cost, 12000 + 14000, 1e-6);
  EXPECT_NEAR(released.released_fte[0][0], 0.3, 1e-9);
  EXPECT_NEAR(released.HiresFte(), 0.7, 1e-9);
}

TEST(SkillMix, TheLabourMarketLimitsHiresAndAgencyCoversTheRest) {
  // 1,000 hours of nursing, no nurse in post, at most 0.5 FTE to hire: 500 hours by the hire
  // (£20,000) and 500 by agency nurses at £60 an hour (£30,000).
  SkillMixProblem problem = Problem();
  problem.roles.push_back(Role("RN", 40, {"C"}, 0, true));
  problem.roles[0].max_hires_fte = 0.5;
  problem.tasks.push_back(Task("wound care", 1000, 1, 0, {"C"}));
  problem.tasks[0].shortfall_cost_per_visit = 60;
  EXPECT_EQ(OptimiseSkillMix(problem).status, SolveStatus::kInfeasible);  // as a hard constraint
  problem.shortfall = Shortfall::kPriced;
  const SkillMixResult result = OptimiseSkillMix(problem);
  ASSERT_EQ(result.status, SolveStatus::kOptimal);
  EXPECT_NEAR(result.cost, 20000 + 30000, 1e-6);
  EXPECT_NEAR(result.shortfall_cost, 30000, 1e-6);
  EXPECT_NEAR(result.shortfall_hours, 500, 1e-6);
  EXPECT_NEAR(result.unmet_visits[0], 500, 1e-6);
}

TEST(SkillMix, AlikeTasksAreSolvedAsOneAndSharedOutByVisits) {
  // The example of the labour market above with its 1,000 hours of wound care given as 400
  // copies of one intervention (2.5 visits each): the programme is that of one task (the same
  // variables and constraints), the cost the same, and each copy gets its share of the hire and
  // of the agency cover.
  SkillMixProblem problem = Problem();
  problem.roles.push_back(Role("RN", 40, {"C"}, 0, true));
  problem.roles[0].max_hires_fte = 0.5;
  problem.shortfall = Shortfall::kPriced;
  problem.tasks.push_back(Task("wound care", 1000, 1, 0, {"C"}));
  problem.tasks[0].shortfall_cost_per_visit = 60;
  const SkillMixResult one = OptimiseSkillMix(problem);
  SkillMixProblem copies = problem;
  copies.tasks.assign(400, problem.tasks[0]);
  for (std::size_t task = 0; task < copies.tasks.size(); ++task) {
    copies.tasks[task].visits = 2.5;
    copies.tasks[task].name = task % 2 == 0 ? "wound care" : "wound review";  // alike but for the name
  }
  const SkillMixResult result = OptimiseSkillMix(copies);
  ASSERT_EQ(result.status, SolveStatus::kOptimal);
  EXPECT_EQ(result.program.variables().size(), one.program.variables().size());
  EXPECT_EQ(result.program.constraints().size(), one.program.constraints().size());
  EXPECT_NEAR(result.cost, 20000 + 30000, 1e-6);
  ASSERT_EQ(result.assignments.size(), 400u);
  ASSERT_EQ(result.unmet_visits.size(), 400u);
  for (std::size_t task = 0; task < copies.tasks.size(); ++task) {
    EXPECT_EQ(result.assignments[task].task, task);
    EXPECT_NEAR(result.assignments[task].visits, 1.25, 1e-9);
    EXPECT_NEAR(result.unmet_visits[task], 1.25, 1e-9);
  }
  // A copy elsewhere, or taking longer, is other work: solved on its own.
  copies.tasks[7].contact_hours_per_visit = 1.5;
  EXPECT_EQ(OptimiseSkillMix(copies).program.constraints().size(), one.program.constraints().size() + 1);
}

TEST(SkillMix, OtherWorkIsKeptAndRedeploymentIsLimited) {
  // Nurses have 1,000 hours in post (£40,000) and 800 hours of other work; the services need
  // 500 hours. Hiring (£40 an hour) is cheaper than agency nurses (£60): 0.3 FTE is hired and the
  // other work is all kept, £52,000.
  SkillMixProblem problem = Problem();
  problem.shortfall = Shortfall::kPriced;
  problem.redeployment_share = 0.1;
  problem.roles.push_back(Role("RN", 40, {"C"}, 1000, true));
  problem.roles[0].other_hours = {800};
  problem.roles[0].agency_cost_per_hour = 60;
  problem.tasks.push_back(Task("wound care", 500, 1, 0, {"C"}));
  problem.tasks[0].shortfall_cost_per_visit = 60;
  const SkillMixResult hired = OptimiseSkillMix(problem);
  ASSERT_EQ(hired.status, SolveStatus::kOptimal);
  EXPECT_NEAR(hired.HiresFte(), 0.3, 1e-9);
  EXPECT_NEAR(hired.cost, 40000 + 12000, 1e-6);
  // With no hires, 300 hours go to agency (£18,000). Redeploying at most 10% of the other work,
  // at least 720 of its 800 hours stay with the nurses in post: at most 80 go to agency.
  problem.roles[0].max_hires_fte = 0;
  const SkillMixResult capped = OptimiseSkillMix(problem);
  ASSERT_EQ(capped.status, SolveStatus::kOptimal);
  EXPECT_NEAR(capped.other_unmet_hours[0][0] + capped.unmet_visits[0], 300, 1e-6);
  EXPECT_LE(capped.other_unmet_hours[0][0], 80 + 1e-6);
  EXPECT_NEAR(capped.cost, 40000 + 300 * 60.0, 1e-6);
}

TEST(SkillMix, BudgetBoundCrossSkilling) {
  // 2,000 one-hour visits needing C. A nurse (£40/h) holds it; training a care assistant (£20/h)
  // costs £5,000 per FTE of 1,000 hours. Unlimited: train 2 FTE, £10,000 + 2,000 h x £20.
  // With £5,000: 1 FTE trained, 1,000 h by assistants and 1,000 h by nurses.
  SkillMixProblem problem = Problem();
  problem.roles.push_back(Role("RN", 40, {"C"}, 0, true));
  problem.roles.push_back(Role("HCA", 20, {}));
  problem.cross_skilling.push_back(CrossSkilling{"HCA", "C", 5000, kInfinity});
  problem.tasks.push_back(Task("wound care", 2000, 1, 0, {"C"}));
  const SkillMixResult free = OptimiseSkillMix(problem);
  ASSERT_EQ(free.status, SolveStatus::kOptimal);
  EXPECT_NEAR(free.cost, 10000 + 40000, 1e-6);
  EXPECT_FALSE(free.budget_bound);
  ASSERT_EQ(free.training.size(), 1u);
  EXPECT_NEAR(free.training[0].fte, 2.0, 1e-9);

  problem.budget = 5000;
  const SkillMixResult bound = OptimiseSkillMix(problem);
  ASSERT_EQ(bound.status, SolveStatus::kOptimal);
  EXPECT_NEAR(bound.cost, 5000 + 20000 + 40000, 1e-6);
  EXPECT_NEAR(bound.training_cost, 5000, 1e-6);
  EXPECT_TRUE(bound.budget_bound);
  EXPECT_NE(std::find(bound.binding.begin(), bound.binding.end(), "budget"), bound.binding.end());
}

TEST(SkillMix, InfeasiblePlanNamesTheBindingConstraint) {
  // 3,000 hours of nursing, 1,000 in post and at most 1.2 FTE (1,200 hours) to hire: 800 hours
  // short. Raising the hire limit by 0.8 FTE is a change of 0.8 / 1.2 = 67% of that limit;
  // raising the hours by 800 is 80% of the 1,000 in post: the hire limit is named.
  SkillMixProblem problem = Problem();
  problem.roles.push_back(Role("RN", 40, {"C"}, 1000, true));
  problem.roles[0].max_hires_fte = 1.2;
  problem.tasks.push_back(Task("wound care", 3000, 1, 0, {"C"}));
  const SkillMixResult result = OptimiseSkillMix(problem);
  EXPECT_EQ(result.status, SolveStatus::kInfeasible);
  ASSERT_EQ(result.conflicting.size(), 1u);
  EXPECT_EQ(result.conflicting[0].first, "hire_limit:RN");
  EXPECT_NEAR(result.conflicting[0].second, 0.8, 1e-9);
  // With 4,000 hours in post and 1,200 to hire, 5,800 hours of work are 600 short: 15% more
  // hours or 50% more hires; the hours are named.
  problem.roles[0].available_hours = {4000};
  problem.tasks[0].visits = 5800;
  const SkillMixResult hours = OptimiseSkillMix(problem);
  ASSERT_EQ(hours.conflicting.size(), 1u);
  EXPECT_EQ(hours.conflicting[0].first, "hours_available:RN:North");
  EXPECT_NEAR(hours.conflicting[0].second, 600, 1e-6);
}

TEST(SkillMix, HiresCoverWhatStaffInPostCannot) {
  SkillMixProblem problem = Problem();
  problem.roles.push_back(Role("RN", 40, {"C"}, 500, true));
  problem.roles[0].hire_cost_per_fte = 2000;
  problem.tasks.push_back(Task("wound care", 1000, 1, 0, {"C"}));
  const SkillMixResult result = OptimiseSkillMix(problem);
  ASSERT_EQ(result.status, SolveStatus::kOptimal);
  EXPECT_NEAR(result.hires_fte[0][0], 0.5, 1e-9);
  EXPECT_NEAR(result.cost, 40000 + 1000, 1e-6);
}

TEST(SkillMix, SupervisionRatioKeepsRegisteredStaffInTheMix) {
  // 1,000 hours either role can give; registered hours must be at least half the supervised
  // hours: HCA 666.67 h, RN 333.33 h, £26,666.67 (instead of £20,000 all by HCA).
  SkillMixProblem problem = Problem();
  problem.roles.push_back(Role("RN", 40, {"care"}, 0, true));
  problem.roles.push_back(Role("HCA", 20, {"care"}));
  problem.roles[1].supervised = true;
  problem.tasks.push_back(Task("personal care", 1000, 1, 0, {"care"}));
  EXPECT_NEAR(OptimiseSkillMix(problem).cost, 20000, 1e-6);
  problem.supervision_ratio = 0.5;
  const SkillMixResult result = OptimiseSkillMix(problem);
  EXPECT_NEAR(result.cost, 40 * 1000.0 / 3 + 20 * 2000.0 / 3, 1e-6);
  EXPECT_NEAR(result.hours_used[1][0], 2000.0 / 3, 1e-6);
  EXPECT_NE(std::find(result.binding.begin(), result.binding.end(), "supervision:North"), result.binding.end());
}

TEST(SkillMix, ConvertingStaffBetweenRolesCanBeatHiring) {
  // 1,000 hours needing C, which only nurses hold; no nurse is in post. Healthcare assistants
  // have 2,000 hours in post (paid, £40,000) and no work. Hiring a nurse FTE costs £10,000 and
  // £40,000 a year: £90,000 in all. Converting an assistant costs £6,000 and £20,000 a year more
  // pay: £66,000.
  SkillMixProblem problem = Problem();
  problem.roles.push_back(Role("RN", 40, {"C"}, 0, true));
  problem.roles[0].hire_cost_per_fte = 10000;
  problem.roles.push_back(Role("HCA", 20, {}, 2000));
  problem.tasks.push_back(Task("wound care", 1000, 1, 0, {"C"}));
  const SkillMixResult hired = OptimiseSkillMix(problem);
  EXPECT_NEAR(hired.cost, 90000, 1e-6);
  problem.conversions.push_back(Conversion{"HCA", "RN", 6000, 0});
  const SkillMixResult converted = OptimiseSkillMix(problem);
  ASSERT_EQ(converted.status, SolveStatus::kOptimal);
  EXPECT_NEAR(converted.cost, 66000, 1e-6);
  ASSERT_EQ(converted.conversions.size(), 1u);
  EXPECT_NEAR(converted.conversions[0].fte, 1.0, 1e-9);
  EXPECT_NEAR(converted.hires_fte[0][0], 0.0, 1e-9);
}

TEST(SkillMixPath, AConversionTakesItsYearsToComplete) {
  // Nurses are needed only in 2028 (1,000 hours). Assistants have 2,000 hours in post each year
  // (£40,000 a year). Converting takes two years: started in 2026 it completes in 2028 (£6,000,
  // then £20,000 more pay in 2028): £146,000 over three years. Taking three years, it cannot
  // complete by 2028 and a nurse is hired instead (£10,000 + £40,000): £170,000.
  const auto years_of = [](int conversion_years) {
    std::vector<std::pair<int, SkillMixProblem>> years;
    for (const auto& [year, visits] : {std::pair{2026, 0.0}, std::pair{2027, 0.0}, std::pair{2028, 1000.0}}) {
      SkillMixProblem problem = Problem();
      problem.roles.push_back(Role("RN", 40, {"C"}, 0, true));
      problem.roles[0].hire_cost_per_fte = 10000;
      problem.roles.push_back(Role("HCA", 20, {}, 2000));
      problem.conversions.push_back(Conversion{"HCA", "RN", 6000, conversion_years});
      problem.tasks.push_back(Task("wound care", visits, 1, 0, {"C"}));
      years.emplace_back(year, problem);
    }
    return years;
  };
  const SkillMixPath two = OptimiseSkillMixPath(years_of(2));
  ASSERT_EQ(two.status, SolveStatus::kOptimal);
  EXPECT_NEAR(two.cost, 120000 + 6000 + 20000, 1e-6);
  EXPECT_NEAR(two.years[0].one_off_cost, 6000, 1e-6);
  EXPECT_NEAR(two.years[2].new_hires_fte[0], 0.0, 1e-9);
  const SkillMixPath three = OptimiseSkillMixPath(years_of(3));
  ASSERT_EQ(three.status, SolveStatus::kOptimal);
  EXPECT_NEAR(three.cost, 120000 + 50000, 1e-6);
  EXPECT_NEAR(three.years[2].new_hires_fte[0], 1.0, 1e-9);
}

// Two years linked: nurses have no hours of their own, hiring costs £1,000 per FTE and half of
// those hired leave each year (1,000 hours a year per FTE). 2026 needs 1,000 one-hour visits,
// 2027 2,000.
std::vector<std::pair<int, SkillMixProblem>> TwoYearsOfHiring(double hire_limit_per_year) {
  std::vector<std::pair<int, SkillMixProblem>> years;
  for (const auto& [year, visits] : {std::pair{2026, 1000.0}, std::pair{2027, 2000.0}}) {
    SkillMixProblem problem = Problem();
    problem.roles.push_back(Role("RN", 40, {"C"}, 0, true));
    problem.roles[0].hire_cost_per_fte = 1000;
    problem.roles[0].leaver_rate = 0.5;
    problem.roles[0].max_hires_fte = hire_limit_per_year;
    problem.tasks.push_back(Task("wound care", visits, 1, 0, {"C"}));
    years.emplace_back(year, problem);
  }
  return years;
}

TEST(SkillMixPath, HiresStayInPostLessLeaversAndAreHiredWhenNeeded) {
  // Hire 1 FTE in 2026; half leaves, so 1.5 more in 2027: hires £2,500, staff 3,000 h x £40.
  const SkillMixPath path = OptimiseSkillMixPath(TwoYearsOfHiring(kInfinity));
  ASSERT_EQ(path.status, SolveStatus::kOptimal);
  EXPECT_NEAR(path.cost, 120000 + 2500, 1e-6);
  ASSERT_EQ(path.years.size(), 2u);
  EXPECT_EQ(path.years[1].year, 2027);
  EXPECT_NEAR(path.years[0].new_hires_fte[0], 1.0, 1e-9);
  EXPECT_NEAR(path.years[1].new_hires_fte[0], 1.5, 1e-9);
  EXPECT_NEAR(path.years[1].hires_in_post_fte[0], 2.0, 1e-9);
  EXPECT_NEAR(path.years[0].staff_cost, 40000, 1e-6);
  EXPECT_NEAR(path.years[1].one_off_cost, 1500, 1e-6);
}

TEST(SkillMixPath, AYearlyHireLimitBringsHiringForward) {
  // At most 1.4 FTE a year: 2027 can add 1.4, so 0.6 must remain from 2026, which hires 1.2
  // (0.2 more than it needs, paid all the same): hires £2,600, pay 1.2 and 2 FTE x £40,000.
  const SkillMixPath path = OptimiseSkillMixPath(TwoYearsOfHiring(1.4));
  ASSERT_EQ(path.status, SolveStatus::kOptimal);
  EXPECT_NEAR(path.cost, 48000 + 80000 + 2600, 1e-6);
  EXPECT_NEAR(path.years[0].staff_cost, 48000, 1e-6);
  EXPECT_NEAR(path.years[0].new_hires_fte[0], 1.2, 1e-9);
  EXPECT_NEAR(path.years[1].new_hires_fte[0], 1.4, 1e-9);
  // At most 1.2 a year: 0.6 + 1.2 < 2 in 2027; the least change is 0.2 more hires in 2027.
  const SkillMixPath short_path = OptimiseSkillMixPath(TwoYearsOfHiring(1.2));
  EXPECT_EQ(short_path.status, SolveStatus::kInfeasible);
  ASSERT_EQ(short_path.conflicting.size(), 1u);
  EXPECT_EQ(short_path.conflicting[0].first, "2027:hire_limit:RN");
  EXPECT_NEAR(short_path.conflicting[0].second, 0.2, 1e-6);
}

TEST(SkillMixPath, TrainingIsPaidOnceAndTheBudgetCoversEveryYear) {
  // 2,000 one-hour visits needing C in each of two years; nurses (£40/h) hold C, care assistants
  // (£20/h) can be trained for £5,000 per FTE. Training 2 FTE once serves both years: £10,000 +
  // 2 x 2,000 h x £20. With £5,000 for both years: 1 FTE trained, and each year 1,000 h by
  // assistants and 1,000 h by nurses.
  std::vector<std::pair<int, SkillMixProblem>> years;
  for (const int year : {2026, 2027}) {
    SkillMixProblem problem = Problem();
    problem.roles.push_back(Role("RN", 40, {"C"}, 0, true));
    problem.roles.push_back(Role("HCA", 20, {}));
    problem.cross_skilling.push_back(CrossSkilling{"HCA", "C", 5000, kInfinity});
    problem.tasks.push_back(Task("checks", 2000, 1, 0, {"C"}));
    years.emplace_back(year, problem);
  }
  const SkillMixPath free = OptimiseSkillMixPath(years);
  ASSERT_EQ(free.status, SolveStatus::kOptimal);
  EXPECT_NEAR(free.cost, 10000 + 80000, 1e-6);
  EXPECT_NEAR(free.years[0].one_off_cost, 10000, 1e-6);
  EXPECT_NEAR(free.years[1].one_off_cost, 0, 1e-6);
  for (auto& [year, problem] : years) problem.budget = 5000;
  const SkillMixPath bound = OptimiseSkillMixPath(years);
  ASSERT_EQ(bound.status, SolveStatus::kOptimal);
  EXPECT_NEAR(bound.cost, 5000 + 2 * (20000 + 40000), 1e-6);
}

TEST(SkillMixPath, YearsMustShareRolesAndLocalities) {
  auto years = TwoYearsOfHiring(kInfinity);
  years[1].second.localities = {"South"};
  try {
    OptimiseSkillMixPath(years);
    FAIL() << "expected an InternalError";
  } catch (const InternalError& error) {
    EXPECT_STREQ(error.what(), "the skill-mix problem of 2027 has other roles, localities or conversions");
  }
}

}  // namespace
}  // namespace careforce::plan
