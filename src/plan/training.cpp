#include "plan/training.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <limits>
#include <map>
#include <numeric>
#include <set>
#include <tuple>
#include <utility>

#include <fmt/format.h>

#include "io/reference_table.hpp"
#include "io/input_file.hpp"
#include "model/error.hpp"
#include "model/sector_group.hpp"
#include "plan/plan.hpp"
#include "plan/skill_mix_builder.hpp"

namespace careforce::plan {

namespace {

constexpr double kTolerance = 1e-6;
// The cost of a learner left unmet: far above any course's cost, so that the schedule places
// everyone it can; never reported as a cost.
constexpr double kUnmetPenalty = 1e6;
// Tie-breaks between schedules of the same cost, GBP a learner a quarter: what is overdue as soon
// as it can be, what falls due (refreshers, the plan's changes, starters) as late as it can be.
constexpr double kTimingTieBreak = 0.5;
// Refreshers may be taken this many quarters before the quarter they are due in; the plan's
// changes within the year before they are due.
constexpr int kRefresherEarlyQuarters = 2;
constexpr int kPlanChangeEarlyQuarters = 3;
// CBC stops the schedule's search after this long whatever [training] solve_nodes says: a safety
// net only, since where a clock stops a search depends on the machine (the node limit does not).
constexpr double kSolveSecondsSafetyNet = 120.0;

int DurationQuarters(const Course& course) { return std::max(1, (course.duration_months + 2) / 3); }
int LeadQuarters(const Course& course) { return course.lead_time_months / 3; }
// Cohorts a provider can start in one quarter: its runs a year spread evenly (an assumption,
// docs/methods.md).
int RunsPerQuarter(int runs_per_year) { return std::max(1, (runs_per_year + 3) / 4); }
double AwayHoursPerQuarter(const Course& course) { return course.off_job_hours / DurationQuarters(course); }

const std::array<const char*, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                             "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

int MonthOf(Date date) { return std::stoi(FormatDate(date).substr(5, 2)); }

// The codes a course's `confers` lists, split at spaces.
std::vector<std::string_view> Words(std::string_view text) {
  std::vector<std::string_view> words;
  std::size_t at = 0;
  while (at < text.size()) {
    const std::size_t end = std::min(text.find(' ', at), text.size());
    if (end > at) words.push_back(text.substr(at, end - at));
    at = end + 1;
  }
  return words;
}

}  // namespace

const char* NeedKindCode(NeedKind kind) {
  switch (kind) {
    case NeedKind::kProfileGap: return "profile_gap";
    case NeedKind::kLapsed: return "lapsed";
    case NeedKind::kRefresher: return "refresher";
    case NeedKind::kPlanChange: return "plan_change";
    case NeedKind::kStarter: return "starter";
  }
  return "";
}

const char* NeedKindName(NeedKind kind) {
  switch (kind) {
    case NeedKind::kProfileGap: return "Role profile gap";
    case NeedKind::kLapsed: return "Lapsed refresher";
    case NeedKind::kRefresher: return "Refresher falling due";
    case NeedKind::kPlanChange: return "The plan's change (cross-skilling or conversion)";
    case NeedKind::kStarter: return "New starter";
  }
  return "";
}

const char* UnmetReasonCode(UnmetReason reason) {
  switch (reason) {
    case UnmetReason::kDateTooSoon: return "date_too_soon";
    case UnmetReason::kCapacity: return "provider_capacity";
    case UnmetReason::kAwayAtOnce: return "away_at_once";
    case UnmetReason::kCohortMinimum: return "cohort_minimum";
    case UnmetReason::kNoCourse: return "no_course";
    case UnmetReason::kAfterSchedule: return "after_schedule";
  }
  return "";
}

int TrainingPlan::QuarterOf(Date date) const {
  if (quarter_starts.empty() || date < quarter_starts.front()) return -1;
  const auto after = std::upper_bound(quarter_starts.begin(), quarter_starts.end(), date);
  return static_cast<int>(after - quarter_starts.begin()) - 1;
}

std::string TrainingPlan::QuarterStart(int quarter) const {
  return FormatDate(quarter_starts.at(static_cast<std::size_t>(quarter)));
}

std::string TrainingPlan::QuarterEnd(int quarter) const {
  const Date next = quarter + 1 < static_cast<int>(quarter_starts.size())
                        ? quarter_starts[static_cast<std::size_t>(quarter) + 1]
                        : AddMonths(first_day, 3 * (quarter + 1));
  return FormatDate(Date{next.days - 1});
}

std::string TrainingPlan::QuarterLabel(int quarter) const {
  const Date start = AddMonths(first_day, 3 * quarter);
  const Date end{AddMonths(first_day, 3 * (quarter + 1)).days - 1};
  const int start_year = YearOf(start);
  const int end_year = YearOf(end);
  if (start_year == end_year) {
    return fmt::format("{}-{} {}", kMonths[static_cast<std::size_t>(MonthOf(start) - 1)],
                       kMonths[static_cast<std::size_t>(MonthOf(end) - 1)], end_year);
  }
  return fmt::format("{} {}-{} {}", kMonths[static_cast<std::size_t>(MonthOf(start) - 1)], start_year,
                     kMonths[static_cast<std::size_t>(MonthOf(end) - 1)], end_year);
}

int TrainingPlan::CompletionQuarter(std::size_t group) const {
  int last = -1;
  if (group < last_start.size()) {
    last = last_start[group];
  } else {
    for (const LearnerPlace& place : places) {
      if (place.group == group) last = std::max(last, place.start_quarter);
    }
  }
  if (last < 0) return -1;
  return last + DurationQuarters(courses[groups[group].course]) - 1;
}

// ---------------------------------------------------------------------------------------------
// The catalogue.

TrainingReference ReadTrainingReference(const Place& place, const std::string& place_directory,
                                        const std::string& reference_directory, Diagnostics& diagnostics) {
  TrainingReference reference;
  const bool own = !place.training.courses_file.empty();
  const std::string directory = own ? place_directory : reference_directory;
  const std::string file = own ? place.training.courses_file : "training/courses.csv";
  reference.catalogue_path = (std::filesystem::path(directory) / file).string();
  if (own && !io::InputExists(reference.catalogue_path)) {
    diagnostics.Error(Location{(std::filesystem::path(place_directory) / "place.toml").string(), 1, 1},
                      fmt::format("[training] courses names {}, which does not exist, expected the place's course "
                                  "catalogue (docs/formats.md, \"courses.csv\")",
                                  reference.catalogue_path));
    return reference;
  }
  // Codes are matched by the place's own codes and by their reference codes; the shipped
  // catalogue's courses conferring nothing the place records are left out, a place's own
  // catalogue must name its competences and roles.
  const auto competence_of = [&](std::string_view code) -> Index {
    for (Index index = 0; index < place.competences.size(); ++index) {
      if (place.competences[index].code == code || (!own && ReferenceCode(place.competences[index]) == code)) {
        return index;
      }
    }
    return kNoIndex;
  };
  const auto role_of = [&](std::string_view code) -> Index {
    for (Index index = 0; index < place.roles.size(); ++index) {
      if (place.roles[index].code == code || (!own && ReferenceCode(place.roles[index]) == code)) return index;
    }
    return kNoIndex;
  };
  static constexpr io::Column kLayout[] = {
      {"code", true},          {"name", true},          {"provider", true},         {"confers", true},
      {"off_job_hours", true}, {"on_job_hours", true},  {"fee", true},              {"cohort_min", true},
      {"cohort_max", true},    {"trainer_hours", true}, {"trainer_cost_per_hour", true}, {"runs_per_year", true},
      {"lead_time_months", true}, {"duration_months", true}, {"mode", true},        {"source", true},
      {"basis", true}};
  std::set<std::string, std::less<>> codes;
  io::ReadReferenceTable(directory, file, kLayout, diagnostics, [&](const io::Table& table) {
    Course course;
    course.code = std::string(table.Get(0));
    course.name = std::string(table.Get(1));
    course.provider = std::string(table.Get(2));
    course.where = table.At(0);
    if (course.code.empty()) {
      table.Error(0, "empty course code, expected a code such as CARECERT");
      return;
    }
    if (!codes.insert(course.code).second) {
      table.Error(0, fmt::format("duplicate course \"{}\", expected each course once", course.code));
      return;
    }
    if (course.provider.empty()) {
      table.Error(2, "empty provider, expected an organisation code of the place, \"employer\" or a provider's name");
      return;
    }
    course.by_employer = course.provider == "employer";
    for (Index index = 0; index < place.organisations.size(); ++index) {
      if (place.organisations[index].code == course.provider) course.provider_organisation = index;
    }
    bool usable = true;
    for (const std::string_view code : Words(table.Get(3))) {
      if (code.starts_with("role:")) {
        const Index role = role_of(code.substr(5));
        if (role == kNoIndex) {
          if (own) {
            table.Error(3, fmt::format("role \"{}\" is not in roles.csv, expected a role code after \"role:\"",
                                       code.substr(5)));
          }
          usable = false;
        } else if (course.role != kNoIndex) {
          table.Error(3, "a second \"role:\", expected a course to convert its learners to one role at most");
          usable = false;
        } else {
          course.role = role;
        }
        continue;
      }
      const Index competence = competence_of(code);
      if (competence == kNoIndex) {
        if (own) {
          table.Error(3, fmt::format("competence \"{}\" is not in competences.csv, expected competence codes "
                                     "separated by spaces",
                                     code));
        }
        continue;
      }
      course.competences.push_back(competence);
    }
    if (table.Get(3).empty()) {
      table.Error(3, "confers nothing, expected competence codes (and at most one role:CODE) separated by spaces");
      return;
    }
    const auto off = table.Number(4, "off-job hours", 0, false, 5000, false);
    const auto on = table.Number(5, "on-job hours", 0, false, 5000, false);
    const auto fee = table.Number(6, "fee", 0, false, 1e6, false);
    const auto least = table.Integer(7, "cohort minimum", 1, 10000);
    const auto most = table.Integer(8, "cohort maximum", 1, 10000);
    const auto trainer = table.Number(9, "trainer hours", 0, false, 10000, false);
    const auto trainer_rate = table.Number(10, "trainer cost per hour", 0, false, 1000, false);
    const auto runs = table.Integer(11, "runs per year", 1, 100000);
    const auto lead = table.Integer(12, "lead time in months", 0, 60);
    const auto duration = table.Integer(13, "duration in months", 1, 72);
    const std::string mode(table.Get(14));
    if (mode != "classroom" && mode != "e-learning" && mode != "blended" && mode != "workplace") {
      table.Error(14, fmt::format("mode \"{}\" is not known, expected classroom, e-learning, blended or workplace", mode));
      return;
    }
    if (least && most && *least > *most) {
      table.Error(7, fmt::format("cohort minimum {} is above the cohort maximum {}, expected the smallest cohort at "
                                 "most the largest",
                                 *least, *most));
      return;
    }
    if (!off || !on || !fee || !least || !most || !trainer || !trainer_rate || !runs || !lead || !duration) return;
    if (!usable || (course.competences.empty() && course.role == kNoIndex)) return;
    course.off_job_hours = *off;
    course.on_job_hours = *on;
    course.fee = *fee;
    course.cohort_min = static_cast<int>(*least);
    course.cohort_max = static_cast<int>(*most);
    course.trainer_hours = *trainer;
    course.trainer_cost_per_hour = *trainer_rate;
    course.runs_per_year = static_cast<int>(*runs);
    course.lead_time_months = static_cast<int>(*lead);
    course.duration_months = static_cast<int>(*duration);
    course.mode = mode;
    course.source = std::string(table.Get(15));
    course.basis = std::string(table.Get(16));
    reference.figures.push_back(
        {own ? file : "training/courses.csv", course.code,
         fmt::format("{} hours off the job, {} on it; fee £{}; cohorts {}-{}; {} runs a year; {} months, booked {} "
                     "ahead",
                     table.Get(4), table.Get(5), table.Get(6), table.Get(7), table.Get(8), table.Get(11),
                     table.Get(13), table.Get(12)),
         course.name, course.source, course.basis});
    reference.courses.push_back(std::move(course));
  });
  static constexpr io::Column kRefreshers[] = {
      {"competence", true}, {"valid_months", true}, {"source", true}, {"basis", true}, {"course", false}};
  io::ReadReferenceTable(reference_directory, "training/refreshers.csv", kRefreshers, diagnostics,
                         [&](const io::Table& table) {
                           const auto months = table.Integer(1, "valid months", 1, 240);
                           if (!months) return;
                           const Index competence = competence_of(table.Get(0));
                           if (competence == kNoIndex) return;
                           std::size_t course = static_cast<std::size_t>(-1);
                           if (!table.Get(4).empty()) {
                             for (std::size_t index = 0; index < reference.courses.size(); ++index) {
                               if (reference.courses[index].code == table.Get(4)) course = index;
                             }
                             if (course == static_cast<std::size_t>(-1)) {
                               diagnostics.Error(table.At(4), fmt::format("refresher course \"{}\" is not in the "
                                                                          "catalogue ({}), expected a course code",
                                                                          table.Get(4), reference.catalogue_path));
                               return;
                             }
                             Course& refresher = reference.courses[course];
                             if (std::find(refresher.competences.begin(), refresher.competences.end(), competence) ==
                                 refresher.competences.end()) {
                               diagnostics.Error(table.At(4), fmt::format("refresher course {} does not confer {}, "
                                                                          "expected a course whose confers lists it",
                                                                          refresher.code, table.Get(0)));
                               return;
                             }
                             refresher.refresher_only = true;
                           }
                           reference.refreshers.push_back(Refresher{competence, static_cast<int>(*months),
                                                                    std::string(table.Get(2)),
                                                                    std::string(table.Get(3)), course});
                           reference.figures.push_back({"training/refreshers.csv", std::string(table.Get(0)),
                                                        fmt::format("valid {} months", *months),
                                                        "Refresher interval", std::string(table.Get(2)),
                                                        std::string(table.Get(3))});
                         });
  return reference;
}

// ---------------------------------------------------------------------------------------------
// The schedule.

namespace {

// A person's (or a starter's) need of one competence by one quarter.
struct Need {
  Index competence = kNoIndex;
  int quarter = 0;
  NeedKind kind = NeedKind::kProfileGap;
};

// Everything the needs are drawn from, by person.
struct People {
  std::vector<double> fte;             // all posts
  std::vector<std::size_t> main_post;  // the largest post (the first of equals)
  std::vector<std::vector<Index>> roles;
  std::vector<double> backfill;  // an hour of cover, GBP
};

class Planner {
 public:
  Planner(const Place& place, const TrainingReference& reference, const PlanReference& costs,
          const SkillMixPlan* skill_mix)
      : place_(place), reference_(reference), costs_(costs), skill_mix_(skill_mix) {}

  TrainingPlan Run() {
    Setup();
    DescribePeople();
    for (Index person = 0; person < place_.person_ids.size(); ++person) {
      if (people_.main_post[person] != kNoPost) PersonNeeds(person);
    }
    if (skill_mix_) {
      CrossSkilling();
      Conversions();
      Starters();
    }
    UnitLimits();
    Schedule();
    return std::move(plan_);
  }

 private:
  static constexpr std::size_t kNoPost = std::numeric_limits<std::size_t>::max();

  void Setup() {
    const TrainingSettings& settings = place_.training;
    plan_.settings.years = settings.years;
    plan_.settings.quarters = 4 * settings.years;
    plan_.settings.away_share = settings.away_share;
    plan_.settings.joint = settings.joint;
    plan_.settings.employer_capacity_staff = settings.employer_capacity_staff;
    plan_.settings.catch_up_months = settings.catch_up_months;
    plan_.settings.backfill_agency = settings.backfill_agency;
    plan_.settings.hours_per_fte = place_.demand.available_hours_per_fte;
    plan_.first_day = Date{place_.census_date.days + 1};
    for (int quarter = 0; quarter <= plan_.settings.quarters; ++quarter) {
      plan_.quarter_starts.push_back(AddMonths(plan_.first_day, 3 * quarter));
    }
    plan_.courses = reference_.courses;
    quarters_ = plan_.settings.quarters;
    catch_up_ = std::clamp(settings.catch_up_months / 3 - 1, 0, quarters_ - 1);
    valid_months_.assign(place_.competences.size(), 0);
    refresher_course_.assign(place_.competences.size(), kNoCourseIndex);
    for (const Refresher& refresher : reference_.refreshers) {
      valid_months_[refresher.competence] = refresher.valid_months;
      refresher_course_[refresher.competence] = refresher.course;
    }
    profile_.assign(place_.roles.size(), {});
    for (const RoleCompetence& entry : place_.role_competences) profile_[entry.role].push_back(entry.competence);
    // An employer-run course's capacity by pool (PoolOf): a block of runs for each
    // employer_capacity_staff people in post (or part); one for starters of new posts.
    std::vector<std::set<Index>> people(place_.organisations.size());
    for (const StaffPost& post : place_.staff) {
      if (post.organisation != kNoIndex) people[post.organisation].insert(post.person);
    }
    employer_blocks_.assign(place_.organisations.size() + 2, 1);
    if (settings.employer_capacity_staff > 0) {
      const std::size_t block = static_cast<std::size_t>(settings.employer_capacity_staff);
      for (std::size_t organisation = 0; organisation < people.size(); ++organisation) {
        employer_blocks_[1 + organisation] = static_cast<int>(std::max<std::size_t>(1, (people[organisation].size() + block - 1) / block));
      }
    }
  }

  // Cohorts a course's provider can start a year for a pool's learners: the catalogue's figure,
  // times the employer's blocks of staff for a course each employer runs.
  int RunsPerYear(const Course& course, std::size_t pool) const {
    if (!course.by_employer || pool >= employer_blocks_.size()) return course.runs_per_year;
    const long long runs = static_cast<long long>(course.runs_per_year) * employer_blocks_[pool];
    return static_cast<int>(std::min<long long>(runs, std::numeric_limits<int>::max() / 2));
  }
  int RunsPerQuarter(const Course& course, std::size_t pool) const { return ::careforce::plan::RunsPerQuarter(RunsPerYear(course, pool)); }

  // Hourly cost of covering a post's time away: its pay per FTE with its employer's on-costs
  // (bank), or with the agency premium instead, over a post's available hours a year.
  double BackfillPerHour(double pay_per_fte, Sector sector) const {
    const double hours = place_.demand.available_hours_per_fte;
    if (place_.training.backfill_agency) return pay_per_fte * (1.0 + costs_.agency_premium) / hours;
    return pay_per_fte * costs_.on_cost[static_cast<std::size_t>(SectorGroupOf(sector))] / hours;
  }

  void DescribePeople() {
    const std::size_t persons = place_.person_ids.size();
    people_.fte.assign(persons, 0.0);
    people_.main_post.assign(persons, kNoPost);
    people_.roles.assign(persons, {});
    people_.backfill.assign(persons, 0.0);
    role_pay_.assign(place_.roles.size(), 0.0);
    role_fte_.assign(place_.roles.size(), 0.0);
    role_heads_.assign(place_.roles.size(), 0);
    for (std::size_t index = 0; index < place_.staff.size(); ++index) {
      const StaffPost& post = place_.staff[index];
      people_.fte[post.person] += post.fte;
      std::size_t& main = people_.main_post[post.person];
      if (main == kNoPost || post.fte > place_.staff[main].fte) main = index;
      auto& roles = people_.roles[post.person];
      if (std::find(roles.begin(), roles.end(), post.role) == roles.end()) roles.push_back(post.role);
      role_pay_[post.role] += post.annual_pay;
      role_fte_[post.role] += post.fte;
      role_heads_[post.role] += 1;
      const auto key = std::make_pair(post.organisation, post.team);
      unit_fte_[key] += post.fte;
      org_role_fte_[{post.role, post.organisation}] += post.fte;
    }
    for (Index person = 0; person < persons; ++person) {
      if (people_.main_post[person] == kNoPost) continue;
      const StaffPost& post = place_.staff[people_.main_post[person]];
      const double pay_per_fte = post.fte > 0 ? post.annual_pay / post.fte : 0.0;
      people_.backfill[person] = BackfillPerHour(pay_per_fte, place_.organisations[post.organisation].sector);
    }
    held_.assign(persons, {});
    for (const StaffCompetence& entry : place_.staff_competences) {
      auto& held = held_[entry.person];
      const auto found = held.find(entry.competence);
      if (found == held.end() || found->second < entry.achieved) held[entry.competence] = entry.achieved;
    }
  }

  std::size_t UnitOf(Index organisation, Index team) {
    const auto key = std::make_pair(organisation, team);
    const auto found = unit_index_.find(key);
    if (found != unit_index_.end()) return found->second;
    TrainingUnit unit;
    unit.organisation = organisation;
    unit.team = team;
    const std::string org = organisation == kNoIndex ? std::string("(new posts)") : place_.organisations[organisation].code;
    unit.name = team == kNoIndex ? org : fmt::format("{} / {}", org, place_.teams[team]);
    const auto fte = unit_fte_.find(key);
    unit.fte = fte == unit_fte_.end() ? 0.0 : fte->second;
    unit_index_[key] = plan_.units.size();
    plan_.units.push_back(std::move(unit));
    return plan_.units.size() - 1;
  }

  std::size_t PoolOf(const Course& course, Index organisation) const {
    if (place_.training.joint && !course.by_employer) return 0;
    return 1 + (organisation == kNoIndex ? place_.organisations.size() : organisation);
  }

  // The courses covering `needs` for a learner whose hour away costs `backfill`: greedily the
  // course of least cost per competence newly covered, then any course the others make
  // redundant dropped. Competences no course confers are left in `uncovered`.
  std::vector<std::size_t> Cover(const std::vector<Index>& needs, double backfill, std::vector<Index>& uncovered) const {
    const std::vector<Course>& courses = plan_.courses;
    std::vector<Index> left = needs;
    std::vector<std::size_t> chosen;
    const auto cost = [&](const Course& course) { return course.fee + course.off_job_hours * backfill; };
    while (!left.empty()) {
      std::size_t best = courses.size();
      double best_ratio = kInfinity;
      std::size_t best_covered = 0;
      for (std::size_t index = 0; index < courses.size(); ++index) {
        const Course& course = courses[index];
        if (course.role != kNoIndex) continue;  // conversions are given by the plan, not chosen here
        if (course.refresher_only) continue;   // refreshers named in refreshers.csv are given, not chosen
        std::size_t covered = 0;
        for (const Index competence : left) {
          if (std::find(course.competences.begin(), course.competences.end(), competence) != course.competences.end()) {
            ++covered;
          }
        }
        if (covered == 0) continue;
        const double ratio = cost(course) / static_cast<double>(covered);
        if (ratio < best_ratio - kTolerance || (std::abs(ratio - best_ratio) <= kTolerance && covered > best_covered)) {
          best = index;
          best_ratio = ratio;
          best_covered = covered;
        }
      }
      if (best == courses.size()) {
        uncovered.insert(uncovered.end(), left.begin(), left.end());
        break;
      }
      chosen.push_back(best);
      std::erase_if(left, [&](Index competence) {
        const auto& conferred = courses[best].competences;
        return std::find(conferred.begin(), conferred.end(), competence) != conferred.end();
      });
    }
    // Drop a course whose needed competences the other chosen courses confer, dearest first.
    std::vector<std::size_t> by_cost = chosen;
    std::sort(by_cost.begin(), by_cost.end(),
              [&](std::size_t a, std::size_t b) { return cost(courses[a]) > cost(courses[b]); });
    for (const std::size_t course : by_cost) {
      const bool redundant = std::all_of(needs.begin(), needs.end(), [&](Index competence) {
        const auto& own = courses[course].competences;
        if (std::find(own.begin(), own.end(), competence) == own.end()) return true;
        return std::any_of(chosen.begin(), chosen.end(), [&](std::size_t other) {
          const auto& theirs = courses[other].competences;
          return other != course && std::find(theirs.begin(), theirs.end(), competence) != theirs.end();
        });
      });
      if (redundant) std::erase(chosen, course);
    }
    return chosen;
  }

  // Adds a person's (or starters') bundle of needs due by one quarter for one reason.
  void AddBundle(Index person, Index role, int starters, std::size_t unit, const std::vector<Index>& needs, int quarter,
                 NeedKind kind, double fte, double backfill, int earliest) {
    std::vector<Index> uncovered;
    std::vector<Index> rest;
    for (const Index competence : needs) {
      const std::size_t course = kind == NeedKind::kLapsed || kind == NeedKind::kRefresher ? refresher_course_[competence]
                                                                                           : kNoCourseIndex;
      if (course == kNoCourseIndex) {
        rest.push_back(competence);
      } else {
        AddLearners(course, person, role, starters, unit, quarter, kind, fte, backfill, earliest);
      }
    }
    for (const std::size_t course : Cover(rest, backfill, uncovered)) {
      AddLearners(course, person, role, starters, unit, quarter, kind, fte, backfill, earliest);
    }
    for (const Index competence : uncovered) {
      no_course_[{unit, competence, kind}] += person == kNoIndex ? starters : 1;
    }
  }

  void AddLearners(std::size_t course, Index person, Index role, int starters, std::size_t unit, int quarter,
                   NeedKind kind, double fte, double backfill, int earliest) {
    const Index organisation = plan_.units[unit].organisation;
    const auto key = std::make_tuple(course, unit, quarter, static_cast<int>(kind), person == kNoIndex ? role : kNoIndex,
                                     earliest);
    auto found = group_index_.find(key);
    if (found == group_index_.end()) {
      LearnerGroup group;
      group.course = course;
      group.unit = unit;
      group.pool = PoolOf(plan_.courses[course], organisation);
      group.need_quarter = quarter;
      group.kind = kind;
      group.role = role;
      found = group_index_.emplace(key, plan_.groups.size()).first;
      plan_.groups.push_back(std::move(group));
      earliest_.push_back(earliest);
    }
    LearnerGroup& group = plan_.groups[found->second];
    const int before = group.learners();
    const int adding = person == kNoIndex ? starters : 1;
    if (person == kNoIndex) {
      group.starters += starters;
    } else {
      group.people.push_back(person);
      if (group.role != role) group.role = before == 0 ? role : kNoIndex;
    }
    // FTE and backfill as means a learner.
    group.fte = (group.fte * before + fte * adding) / (before + adding);
    group.backfill_per_hour = (group.backfill_per_hour * before + backfill * adding) / (before + adding);
  }

  // Role profile gaps, lapsed refreshers and refreshers falling due within the schedule.
  void PersonNeeds(Index person) {
    const StaffPost& post = place_.staff[people_.main_post[person]];
    const std::size_t unit = UnitOf(post.organisation, post.team);
    std::vector<Index> wanted;
    for (const Index role : people_.roles[person]) wanted.insert(wanted.end(), profile_[role].begin(), profile_[role].end());
    std::sort(wanted.begin(), wanted.end());
    wanted.erase(std::unique(wanted.begin(), wanted.end()), wanted.end());
    std::map<std::pair<int, NeedKind>, std::vector<Index>> bundles;
    const auto& held = held_[person];
    for (const Index competence : wanted) {
      const int valid = valid_months_[competence];
      const auto found = held.find(competence);
      int due = 0;
      if (found == held.end()) {
        bundles[{catch_up_, NeedKind::kProfileGap}].push_back(competence);
        due = catch_up_;
      } else if (valid > 0) {
        const Date expiry = AddMonths(found->second, valid);
        if (expiry <= place_.census_date) {
          bundles[{catch_up_, NeedKind::kLapsed}].push_back(competence);
          due = catch_up_;
        } else {
          const int quarter = plan_.QuarterOf(expiry);
          if (quarter >= quarters_) continue;
          due = std::max(0, quarter - 1);
          bundles[{due, NeedKind::kRefresher}].push_back(competence);
        }
      } else {
        continue;
      }
      if (valid <= 0) continue;
      // Refreshed when due, it falls due again after its interval.
      for (int next = due + std::max(1, valid / 3); next < quarters_; next += std::max(1, valid / 3)) {
        bundles[{next, NeedKind::kRefresher}].push_back(competence);
      }
    }
    for (auto& [when, needs] : bundles) {
      const int earliest = when.second == NeedKind::kRefresher ? when.first - kRefresherEarlyQuarters : 0;
      AddBundle(person, post.role, 0, unit, needs, when.first, when.second, people_.fte[person], people_.backfill[person],
                earliest);
    }
  }

  // People of `role` (in `locality`, when given) without `competence` (kNoIndex: any), in the order
  // of their identifiers, until their FTE in the role reaches `fte`.
  std::vector<Index> Candidates(Index role, Index locality, Index competence, double fte) const {
    std::vector<std::pair<std::string_view, Index>> candidates;
    std::map<Index, double> role_fte;
    for (const StaffPost& post : place_.staff) {
      if (post.role != role || (locality != kNoIndex && post.locality != locality)) continue;
      if (competence != kNoIndex && held_[post.person].contains(competence)) continue;
      if (role_fte[post.person] == 0.0) candidates.emplace_back(place_.person_ids[post.person], post.person);
      role_fte[post.person] += post.fte;
    }
    std::sort(candidates.begin(), candidates.end());
    std::vector<Index> chosen;
    double reached = 0.0;
    for (const auto& [id, person] : candidates) {
      if (reached >= fte - kTolerance) break;
      chosen.push_back(person);
      reached += role_fte[person];
    }
    return chosen;
  }

  Index PlaceRole(const std::string& code) const {
    for (Index index = 0; index < place_.roles.size(); ++index) {
      if (place_.roles[index].code == code) return index;
    }
    return kNoIndex;
  }

  int PlanYears() const { return std::max(1, skill_mix_->year - place_.base_year); }

  // The skill mix's cross-skilling: its FTE of a role trained in a competence, as the people who
  // hold them, phased evenly over the years to the plan year (each year's due by its end).
  void CrossSkilling() {
    const SkillMixResult& result = skill_mix_->result;
    const int years = PlanYears();
    for (const SkillMixResult::Training& training : result.training) {
      if (training.fte <= kTolerance) continue;
      const Index role = PlaceRole(skill_mix_->problem.roles[training.role].code);
      Index competence = kNoIndex;
      for (Index index = 0; index < place_.competences.size(); ++index) {
        if (place_.competences[index].code == training.competence) competence = index;
      }
      if (role == kNoIndex || competence == kNoIndex) continue;
      const std::vector<Index> people = Candidates(role, kNoIndex, competence, training.fte);
      for (std::size_t index = 0; index < people.size(); ++index) {
        const int year = 1 + static_cast<int>(index * static_cast<std::size_t>(years) / people.size());
        const Index person = people[index];
        const StaffPost& post = place_.staff[people_.main_post[person]];
        const int due = 4 * year - 1;
        AddBundle(person, role, 0, UnitOf(post.organisation, post.team), {competence}, due, NeedKind::kPlanChange,
                  people_.fte[person], people_.backfill[person], due - kPlanChangeEarlyQuarters);
      }
    }
  }

  // The skill mix's conversions: its FTE of one role in a locality training into another, as
  // people, on the course conferring the second role, due to complete by the plan year and phased
  // evenly over the years in which they could.
  void Conversions() {
    const SkillMixResult& result = skill_mix_->result;
    const int years = PlanYears();
    for (const SkillMixResult::Converted& converted : result.conversions) {
      if (converted.fte <= kTolerance) continue;
      const Index from = PlaceRole(skill_mix_->problem.roles[converted.from].code);
      const Index to = PlaceRole(skill_mix_->problem.roles[converted.to].code);
      if (from == kNoIndex || to == kNoIndex) continue;
      std::size_t course = plan_.courses.size();
      for (std::size_t index = 0; index < plan_.courses.size(); ++index) {
        const Course& candidate = plan_.courses[index];
        if (candidate.role != to) continue;
        if (course == plan_.courses.size() || candidate.fee < plan_.courses[course].fee) course = index;
      }
      const std::vector<Index> people = Candidates(from, converted.locality, kNoIndex, converted.fte);
      if (course == plan_.courses.size()) {
        for (const Index person : people) {
          const StaffPost& post = place_.staff[people_.main_post[person]];
          no_role_course_[{UnitOf(post.organisation, post.team), to}] += 1;
        }
        continue;
      }
      const Course& chosen = plan_.courses[course];
      const int first_completion = LeadQuarters(chosen) + DurationQuarters(chosen) - 1;
      const int first_year = std::min(years, std::max(1, first_completion / 4 + 1));
      const int span = years - first_year + 1;
      for (std::size_t index = 0; index < people.size(); ++index) {
        const int year = first_year + static_cast<int>(index * static_cast<std::size_t>(span) / people.size());
        const Index person = people[index];
        const StaffPost& post = place_.staff[people_.main_post[person]];
        const int due = 4 * year - 1;
        AddLearners(course, person, from, 0, UnitOf(post.organisation, post.team), due, NeedKind::kPlanChange,
                    people_.fte[person], people_.backfill[person],
                    due - DurationQuarters(chosen) + 1 - kPlanChangeEarlyQuarters);
      }
    }
  }

  // New starters: the skill mix's hires by year (year by year when it was solved so, else the plan
  // year's hires spread evenly over the years to it), as heads at the role's FTE a head today,
  // employed as the role is today (shared by FTE between its employers), each needing the role's
  // whole profile within their first year.
  void Starters() {
    const int years = PlanYears();
    std::vector<std::pair<Index, std::vector<double>>> hires;  // role, FTE by year 1..years
    const SkillMixPath& path = skill_mix_->path;
    if (path.status == SolveStatus::kOptimal && !path.years.empty()) {
      for (std::size_t role = 0; role < skill_mix_->path_roles.size(); ++role) {
        std::vector<double> by_year(static_cast<std::size_t>(years), 0.0);
        for (const SkillMixPath::Year& year : path.years) {
          const int ahead = year.year - place_.base_year;
          if (ahead < 1 || ahead > years || role >= year.new_hires_fte.size()) continue;
          by_year[static_cast<std::size_t>(ahead - 1)] += year.new_hires_fte[role];
        }
        hires.emplace_back(PlaceRole(skill_mix_->path_roles[role]), std::move(by_year));
      }
    } else {
      const SkillMixResult& result = skill_mix_->result;
      for (std::size_t role = 0; role < result.hires_fte.size(); ++role) {
        const double total = std::accumulate(result.hires_fte[role].begin(), result.hires_fte[role].end(), 0.0);
        hires.emplace_back(PlaceRole(skill_mix_->problem.roles[role].code),
                           std::vector<double>(static_cast<std::size_t>(years), total / years));
      }
    }
    for (const auto& [role, by_year] : hires) {
      if (role == kNoIndex) continue;
      const double fte_a_head = role_heads_[role] > 0 ? role_fte_[role] / role_heads_[role] : 1.0;
      double pay_per_fte = role_fte_[role] > 0 ? role_pay_[role] / role_fte_[role] : place_.roles[role].annual_salary;
      if (pay_per_fte <= 0) pay_per_fte = place_.roles[role].hourly_rate * place_.settings.full_time_hours_per_week * 52.0;
      // Employers as today, by FTE; none: new posts.
      std::vector<std::pair<Index, double>> employers;
      for (const auto& [key, fte] : org_role_fte_) {
        if (key.first == role && fte > 0) employers.emplace_back(key.second, fte);
      }
      if (employers.empty()) employers.emplace_back(kNoIndex, 1.0);
      const double employed = std::accumulate(employers.begin(), employers.end(), 0.0,
                                              [](double sum, const auto& entry) { return sum + entry.second; });
      double cumulative = 0.0;
      int heads_before = 0;
      for (int year = 1; year <= years; ++year) {
        cumulative += by_year[static_cast<std::size_t>(year - 1)];
        const int heads_to_date = static_cast<int>(std::ceil(cumulative / fte_a_head - kTolerance));
        const int heads = std::max(0, heads_to_date - heads_before);
        heads_before = std::max(heads_before, heads_to_date);
        if (heads == 0) continue;
        // Largest remainders: each employer's share of this year's heads.
        std::vector<int> share(employers.size(), 0);
        std::vector<std::pair<double, std::size_t>> remainders;
        int given = 0;
        for (std::size_t index = 0; index < employers.size(); ++index) {
          const double exact = heads * employers[index].second / employed;
          share[index] = static_cast<int>(std::floor(exact + kTolerance));
          given += share[index];
          remainders.emplace_back(exact - share[index], index);
        }
        std::sort(remainders.begin(), remainders.end(),
                  [](const auto& a, const auto& b) { return a.first > b.first || (a.first == b.first && a.second < b.second); });
        for (std::size_t index = 0; given < heads && index < remainders.size(); ++index, ++given) {
          share[remainders[index].second] += 1;
        }
        for (std::size_t index = 0; index < employers.size(); ++index) {
          if (share[index] == 0) continue;
          const Index organisation = employers[index].first;
          const Sector sector = organisation == kNoIndex ? Sector::kIndependent : place_.organisations[organisation].sector;
          const int due = 4 * year - 1;
          AddBundle(kNoIndex, role, share[index], UnitOf(organisation, kNoIndex), profile_[role], due, NeedKind::kStarter,
                    fte_a_head, BackfillPerHour(pay_per_fte, sector), 4 * (year - 1));
        }
      }
    }
  }

  // Each unit's limit on hours away a quarter: its share of the unit's available hours, but never
  // less than one learner's hours away a quarter on the longest-away course it needs.
  void UnitLimits() {
    std::vector<double> largest(plan_.units.size(), 0.0);
    for (const LearnerGroup& group : plan_.groups) {
      largest[group.unit] = std::max(largest[group.unit], AwayHoursPerQuarter(plan_.courses[group.course]));
    }
    for (std::size_t unit = 0; unit < plan_.units.size(); ++unit) {
      TrainingUnit& info = plan_.units[unit];
      info.away_limit_hours =
          std::max(place_.training.away_share * info.fte * plan_.settings.hours_per_fte / 4.0, largest[unit]);
    }
  }

  void Schedule();
  // A solution's objective less the penalties of its unmet learners: what the schedule costs.
  double CostWithoutPenalties(const LinearProgram& program, const Solution& solution) const {
    double cost = 0.0;
    for (std::size_t column = 0; column < solution.values.size(); ++column) cost += program.variables()[column].cost * solution.values[column];
    for (const int column : unmet_column_) {
      if (column >= 0) cost -= kUnmetPenalty * solution.values[static_cast<std::size_t>(column)];
    }
    return cost;
  }
  Solution RoundLearners(const LinearProgram& program, const Solution& relaxed) const;
  std::string Why(std::size_t group, UnmetReason reason, int learners, const Solution& solution) const;

  const Place& place_;
  const TrainingReference& reference_;
  const PlanReference& costs_;
  const SkillMixPlan* skill_mix_;
  TrainingPlan plan_;
  int quarters_ = 0;
  int catch_up_ = 0;
  std::vector<int> valid_months_;
  static constexpr std::size_t kNoCourseIndex = static_cast<std::size_t>(-1);
  std::vector<std::size_t> refresher_course_;  // per competence: its refresher course, if named
  std::vector<std::vector<Index>> profile_;
  People people_;
  std::vector<std::map<Index, Date>> held_;
  std::vector<double> role_pay_;
  std::vector<int> employer_blocks_;  // by pool: blocks of employer_capacity_staff people in post
  std::vector<double> role_fte_;
  std::vector<int> role_heads_;
  std::map<std::pair<Index, Index>, double> unit_fte_;
  std::map<std::pair<Index, Index>, std::size_t> unit_index_;
  std::map<std::pair<Index, Index>, double> org_role_fte_;  // (role, organisation)
  std::map<std::tuple<std::size_t, std::size_t, int, int, Index, int>, std::size_t> group_index_;
  std::vector<int> earliest_;  // per group: the earliest start its reason allows
  std::map<std::tuple<std::size_t, Index, NeedKind>, int> no_course_;  // (unit, competence, kind): learners
  std::map<std::pair<std::size_t, Index>, int> no_role_course_;        // (unit, role): learners

  // The programme's parts, for reading the solution.
  struct Slot {  // cohorts of a course in a pool and quarter
    int cohorts = -1;  // column
    bool integer = true;
    int at_most = -1;  // rows
    int at_least = -1;
    std::vector<std::pair<std::size_t, int>> starts;  // (group, column)
  };
  std::map<std::tuple<std::size_t, std::size_t, int>, Slot> slots_;
  std::vector<std::vector<std::pair<int, int>>> starts_;  // per group: (quarter, column)
  std::vector<int> unmet_column_;
  std::vector<bool> in_schedule_;  // per group: due within the schedule
  std::vector<int> window_first_;
  std::vector<int> window_last_;
  std::map<std::pair<std::size_t, int>, int> away_rows_;       // (unit, quarter)
  std::map<std::pair<std::size_t, int>, double> away_smallest_;  // its least hours a learner
  std::map<std::tuple<std::size_t, std::size_t, int>, int> year_rows_;  // (course, pool or 0, year)
};

void Planner::Schedule() {
  LinearProgram program;
  const std::size_t groups = plan_.groups.size();
  starts_.assign(groups, {});
  unmet_column_.assign(groups, -1);
  in_schedule_.assign(groups, false);
  window_first_.assign(groups, 0);
  window_last_.assign(groups, -1);
  // The shared capacity key of a slot: by employer courses per pool, others over every pool.
  const auto capacity_pool = [&](const Course& course, std::size_t pool) { return course.by_employer ? pool : 0; };
  for (std::size_t index = 0; index < groups; ++index) {
    const LearnerGroup& group = plan_.groups[index];
    const Course& course = plan_.courses[group.course];
    if (group.need_quarter >= quarters_) {
      plan_.learners_after += group.learners();
      plan_.unmet.push_back(UnmetNeed{index, group.learners(), UnmetReason::kAfterSchedule, "", "", group.unit, group.kind});
      continue;
    }
    plan_.learners_needed += group.learners();
    const int last = group.need_quarter - DurationQuarters(course) + 1;
    const int first = std::max({0, LeadQuarters(course), earliest_[index]});
    window_first_[index] = first;
    window_last_[index] = last;
    in_schedule_[index] = true;
    if (first > last) continue;  // no quarter would do: all unmet, and no choice for the programme
    unmet_column_[index] = program.AddVariable(fmt::format("unmet[{}]", index), 0, group.learners(), kUnmetPenalty);
    const int need = program.AddConstraint(fmt::format("learners[{}]", index), group.learners(), group.learners(), false);
    program.Add(need, unmet_column_[index], 1.0);
    const bool overdue = group.kind == NeedKind::kProfileGap || group.kind == NeedKind::kLapsed;
    for (int quarter = first; quarter <= last; ++quarter) {
      const double timing = kTimingTieBreak * (overdue ? quarter : last - quarter);
      const double cost = course.fee + course.off_job_hours * group.backfill_per_hour + timing;
      // Learners are continuous in the programme and rounded after it (RoundLearners): only the
      // cohorts are integer.
      const int column = program.AddVariable(fmt::format("start[{},{}]", index, quarter), 0, group.learners(), cost);
      program.Add(need, column, 1.0);
      starts_[index].emplace_back(quarter, column);
      Slot& slot = slots_[{group.course, group.pool, quarter}];
      slot.starts.emplace_back(index, column);
    }
  }
  // Cohorts: each slot's learners within its cohorts' bounds; cohorts within the provider's
  // capacity a quarter and a year.
  std::map<std::tuple<std::size_t, std::size_t, int>, std::vector<int>> by_quarter;  // (course, capacity pool, quarter)
  for (auto& [key, slot] : slots_) {
    const auto [course_index, pool, quarter] = key;
    const Course& course = plan_.courses[course_index];
    // A slot's cohorts need to be whole in the programme only when a cohort costs something, has
    // a minimum, or shares the provider's capacity with other slots; otherwise the rounded
    // learners' cohorts (RoundLearners) fit the slot's own capacity whatever the programme says.
    // (A cohort of one is a learner: its cost is the learner's, and whole learners are whole cohorts.)
    slot.integer = (course.trainer_hours * course.trainer_cost_per_hour > 0 && course.cohort_max > 1) ||
                   course.cohort_min > 1 ||
                   4 * RunsPerQuarter(course, pool) > RunsPerYear(course, pool) ||
                   (!course.by_employer && !plan_.settings.joint);
    slot.cohorts = program.AddVariable(fmt::format("cohorts[{},{},{}]", course.code, pool, quarter), 0,
                                       RunsPerQuarter(course, pool), course.trainer_hours * course.trainer_cost_per_hour,
                                       slot.integer);
    slot.at_most = program.AddConstraint(fmt::format("cohort maximum of {} in {}", course.code, plan_.QuarterLabel(quarter)),
                                         -kInfinity, 0.0);
    program.Add(slot.at_most, slot.cohorts, -course.cohort_max);
    if (course.cohort_min > 1) {
      slot.at_least = program.AddConstraint(fmt::format("cohort minimum of {} in {}", course.code, plan_.QuarterLabel(quarter)),
                                            0.0, kInfinity);
      program.Add(slot.at_least, slot.cohorts, -course.cohort_min);
    }
    for (const auto& [group, column] : slot.starts) {
      program.Add(slot.at_most, column, 1.0);
      if (slot.at_least >= 0) program.Add(slot.at_least, column, 1.0);
    }
    by_quarter[{course_index, capacity_pool(course, pool), quarter}].push_back(slot.cohorts);
  }
  std::map<std::tuple<std::size_t, std::size_t, int>, std::vector<int>> by_year;
  for (const auto& [key, columns] : by_quarter) {
    const auto [course_index, pool, quarter] = key;
    const Course& course = plan_.courses[course_index];
    if (columns.size() > 1) {
      const int row = program.AddConstraint(fmt::format("capacity of {} in {}", course.code, plan_.QuarterLabel(quarter)),
                                            -kInfinity, RunsPerQuarter(course, pool));
      for (const int column : columns) program.Add(row, column, 1.0);
    }
    auto& year = by_year[{course_index, pool, quarter / 4}];
    year.insert(year.end(), columns.begin(), columns.end());
  }
  for (const auto& [key, columns] : by_year) {
    const auto [course_index, pool, year] = key;
    const Course& course = plan_.courses[course_index];
    if (4 * RunsPerQuarter(course, pool) <= RunsPerYear(course, pool)) continue;  // the quarters' limits are enough
    const int row = program.AddConstraint(
        fmt::format("capacity of {} in the year from {}", course.code, plan_.QuarterStart(4 * year)), -kInfinity,
        RunsPerYear(course, pool));
    for (const int column : columns) program.Add(row, column, 1.0);
    year_rows_[key] = row;
  }
  // Service continuity: each unit's hours away a quarter within its limit (rows only where the
  // unit's learners could exceed it).
  std::map<std::pair<std::size_t, int>, std::vector<std::pair<int, double>>> away;
  for (std::size_t index = 0; index < groups; ++index) {
    const Course& course = plan_.courses[plan_.groups[index].course];
    const double hours = AwayHoursPerQuarter(course);
    if (hours <= 0) continue;
    for (const auto& [start, column] : starts_[index]) {
      for (int quarter = start; quarter < std::min(quarters_, start + DurationQuarters(course)); ++quarter) {
        away[{plan_.groups[index].unit, quarter}].emplace_back(column, hours);
      }
    }
  }
  for (const auto& [key, entries] : away) {
    const TrainingUnit& unit = plan_.units[key.first];
    double most = 0.0;
    for (const auto& [column, hours] : entries) most += hours * program.variables()[static_cast<std::size_t>(column)].upper;
    if (most <= unit.away_limit_hours + kTolerance) continue;
    const int row = program.AddConstraint(fmt::format("away at once: {} in {}", unit.name, plan_.QuarterLabel(key.second)),
                                          -kInfinity, unit.away_limit_hours);
    double smallest = kInfinity;
    for (const auto& [column, hours] : entries) {
      program.Add(row, column, hours);
      smallest = std::min(smallest, hours);
    }
    away_rows_[key] = row;
    away_smallest_[key] = smallest;
  }
  plan_.variables = program.variables().size();
  plan_.constraints = program.constraints().size();
  plan_.integer_variables = static_cast<std::size_t>(std::count_if(
      program.variables().begin(), program.variables().end(), [](const auto& variable) { return variable.integer; }));
  const auto began = std::chrono::steady_clock::now();
  // The gap CBC may stop within has two parts, as the objective does: solve_gap of the schedule's
  // cost, and solve_gap of the learners left unmet (at least one learner's penalty), both taken
  // from the linear relaxation. Proving that not one more learner fits under a provider's capacity
  // or the time-away limits is what makes the integer programme slow; the gap is reported.
  IntegerLimits limits{0.0, 0.0, place_.training.solve_nodes, kSolveSecondsSafetyNet};
  if (!program.variables().empty() && program.HasIntegers()) {
    const Solution linear = Solve(program.Relaxation(), kDefaultDualIterations, false);
    if (linear.status == SolveStatus::kOptimal) {
      const double cost = CostWithoutPenalties(program, linear);
      const double unmet = (linear.objective - cost) / kUnmetPenalty;
      limits.absolute_gap = place_.training.solve_gap * std::max(1.0, cost) +
                            kUnmetPenalty * std::max(1.0, std::floor(place_.training.solve_gap * unmet));
    }
  }
  const Solution relaxed = program.variables().empty() ? Solution{SolveStatus::kOptimal, 0.0, {}, {}, {}, {}, {}, 0.0, 0.0}
                                                       : Solve(program, kDefaultDualIterations, false, limits);
  plan_.status = relaxed.status;
  if (relaxed.status != SolveStatus::kOptimal && relaxed.status != SolveStatus::kStopped) {
    throw InternalError(fmt::format("the training schedule could not be solved ({}); every learner has an unmet "
                                    "alternative, so this is a solver failure",
                                    StatusText(relaxed.status)));
  }
  const Solution solution = RoundLearners(program, relaxed);
  plan_.solve_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
  plan_.objective = solution.objective;
  plan_.bound = std::min(relaxed.bound, solution.objective);
  plan_.gap = (plan_.objective - plan_.bound) / std::max(1.0, CostWithoutPenalties(program, solution));
  if (plan_.gap < kTolerance) plan_.gap = 0.0;
  plan_.placeable_at_most = static_cast<int>(std::floor((plan_.objective - plan_.bound) / kUnmetPenalty + kTolerance));
  const auto value = [&](int column) { return std::lround(solution.values[static_cast<std::size_t>(column)]); };

  // Learners to starts, in order; cohorts; costs; time away.
  plan_.hours_away.assign(plan_.units.size(), std::vector<double>(static_cast<std::size_t>(quarters_), 0.0));
  std::map<Index, OrganisationTrainingCost> costs;
  const auto cost_of = [&](Index organisation) -> OrganisationTrainingCost& {
    OrganisationTrainingCost& entry = costs[organisation];
    entry.organisation = organisation;
    return entry;
  };
  std::vector<std::vector<int>> scheduled(groups);
  plan_.last_start.assign(groups, -1);
  for (std::size_t index = 0; index < groups; ++index) {
    const LearnerGroup& group = plan_.groups[index];
    const Course& course = plan_.courses[group.course];
    std::size_t next_person = 0;
    int placed = 0;
    for (const auto& [start, column] : starts_[index]) {
      const long learners = value(column);
      for (long learner = 0; learner < learners; ++learner) {
        LearnerPlace place;
        place.person = next_person < group.people.size() ? group.people[next_person++] : kNoIndex;
        place.group = index;
        place.start_quarter = start;
        plan_.places.push_back(place);
      }
      if (learners > 0) plan_.last_start[index] = std::max(plan_.last_start[index], start);
      placed += static_cast<int>(learners);
      if (learners == 0) continue;
      OrganisationTrainingCost& cost = cost_of(plan_.units[group.unit].organisation);
      cost.learners += static_cast<int>(learners);
      cost.fees += learners * course.fee;
      cost.backfill += learners * course.off_job_hours * group.backfill_per_hour;
      cost.hours_away += learners * course.off_job_hours;
      for (int quarter = start; quarter < std::min(quarters_, start + DurationQuarters(course)); ++quarter) {
        plan_.hours_away[group.unit][static_cast<std::size_t>(quarter)] += learners * AwayHoursPerQuarter(course);
      }
    }
    plan_.learners_scheduled += placed;
    if (!in_schedule_[index]) continue;
    const int unmet = group.learners() - placed;
    if (unmet <= 0) continue;
    UnmetReason reason = UnmetReason::kCohortMinimum;
    if (window_last_[index] < window_first_[index]) {
      reason = UnmetReason::kDateTooSoon;
    } else {
      // What blocks each quarter that would do: the provider's cohorts (every run used and every
      // seat taken), else the unit's time away; every run used with a seat or two left over (the
      // cohorts rounded to whole learners) is the provider's capacity still. A cohort minimum is
      // the reason only where runs are left and the learners would not fill one.
      bool all_capacity = true;
      bool all_runs_used = true;
      bool all_blocked = true;
      bool any_away = false;
      for (const auto& entry : starts_[index]) {
        const int start = entry.first;  // a plain local: lambdas may not capture structured bindings (clang)
        const Slot& slot = slots_.at({group.course, group.pool, start});
        const bool capacity_full = value(slot.cohorts) >= RunsPerQuarter(course, group.pool) ||
                                   [&] {
                                     const auto year = year_rows_.find({group.course, capacity_pool(course, group.pool), start / 4});
                                     return year != year_rows_.end() &&
                                            solution.activity[static_cast<std::size_t>(year->second)] >=
                                                RunsPerYear(course, group.pool) - kTolerance;
                                   }();
        const bool cohorts_full =
            capacity_full && solution.activity[static_cast<std::size_t>(slot.at_most)] >= -kTolerance;
        bool away_full = false;
        for (int quarter = start; quarter < std::min(quarters_, start + DurationQuarters(course)); ++quarter) {
          const auto row = away_rows_.find({group.unit, quarter});
          if (row != away_rows_.end() &&
              solution.activity[static_cast<std::size_t>(row->second)] >
                  plan_.units[group.unit].away_limit_hours - AwayHoursPerQuarter(course) + kTolerance) {
            away_full = true;
          }
        }
        if (!cohorts_full) all_capacity = false;
        if (!capacity_full) all_runs_used = false;
        if (!cohorts_full && !away_full) all_blocked = false;
        if (away_full) any_away = true;
      }
      if (all_capacity) {
        reason = UnmetReason::kCapacity;
      } else if (all_blocked && any_away) {
        reason = UnmetReason::kAwayAtOnce;
      } else if (all_runs_used) {
        reason = UnmetReason::kCapacity;
      } else if (course.cohort_min > 1 && unmet < course.cohort_min) {
        reason = UnmetReason::kCohortMinimum;
      } else if (any_away) {
        reason = UnmetReason::kAwayAtOnce;
      }  // else (runs and time left, and a cohort's worth of learners): Why says rounding left them

    }
    plan_.unmet.push_back(UnmetNeed{index, unmet, reason, "", "", group.unit, group.kind});
  }
  for (auto& [key, slot] : slots_) {
    const auto [course_index, pool, quarter] = key;
    const Course& course = plan_.courses[course_index];
    const long cohorts = value(slot.cohorts);
    if (cohorts <= 0) continue;
    int learners = 0;
    std::map<Index, int> by_organisation;
    for (const auto& [group, column] : slot.starts) {
      learners += static_cast<int>(value(column));
      by_organisation[plan_.units[plan_.groups[group].unit].organisation] += static_cast<int>(value(column));
    }
    plan_.cohorts.push_back(CohortRun{course_index, pool, quarter, static_cast<int>(cohorts), learners});
    const double trainer = cohorts * course.trainer_hours * course.trainer_cost_per_hour;
    if (trainer <= 0) continue;
    if (course.provider_organisation != kNoIndex) {
      cost_of(course.provider_organisation).trainer += trainer;
    } else {
      // Run by each employer, or by a provider outside the place: the cohort's employers share it.
      for (const auto& [organisation, count] : by_organisation) {
        if (learners > 0) cost_of(organisation).trainer += trainer * count / learners;
      }
    }
  }
  // Cohort numbers: the slot's learners in even blocks, in the order placed.
  std::map<std::tuple<std::size_t, std::size_t, int>, std::pair<int, int>> seen;  // slot: (placed so far, learners)
  for (const CohortRun& run : plan_.cohorts) seen[{run.course, run.pool, run.quarter}] = {0, run.learners};
  for (LearnerPlace& place : plan_.places) {
    const LearnerGroup& group = plan_.groups[place.group];
    const Slot& slot = slots_.at({group.course, group.pool, place.start_quarter});
    auto& [so_far, learners] = seen[{group.course, group.pool, place.start_quarter}];
    const long cohorts = value(slot.cohorts);
    place.cohort = 1 + static_cast<int>(static_cast<long>(so_far) * cohorts / std::max(1, learners));
    ++so_far;
  }
  for (auto& [organisation, cost] : costs) {
    plan_.fees += cost.fees;
    plan_.backfill += cost.backfill;
    plan_.trainer += cost.trainer;
    plan_.organisations.push_back(cost);
  }
  // Limits at their bound: the provider's capacity and time away.
  for (const auto& [key, row] : year_rows_) {
    if (solution.activity[static_cast<std::size_t>(row)] >= program.constraints()[static_cast<std::size_t>(row)].upper - kTolerance) {
      plan_.binding.push_back(program.constraints()[static_cast<std::size_t>(row)].name);
    }
  }
  for (const auto& [key, slot] : slots_) {
    const Course& course = plan_.courses[std::get<0>(key)];
    if (value(slot.cohorts) >= RunsPerQuarter(course, std::get<1>(key)) && course.runs_per_year < 1000) {
      plan_.binding.push_back(fmt::format("capacity of {} in {}", course.code, plan_.QuarterLabel(std::get<2>(key))));
    }
  }
  // Time away binds where no more learner of the unit's least-away course would fit.
  for (const auto& [key, row] : away_rows_) {
    if (solution.activity[static_cast<std::size_t>(row)] >
        plan_.units[key.first].away_limit_hours - away_smallest_.at(key) + kTolerance) {
      plan_.binding.push_back(program.constraints()[static_cast<std::size_t>(row)].name);
    }
  }
  std::sort(plan_.binding.begin(), plan_.binding.end());
  plan_.binding.erase(std::unique(plan_.binding.begin(), plan_.binding.end()), plan_.binding.end());
  for (UnmetNeed& unmet : plan_.unmet) unmet.why = Why(unmet.group, unmet.reason, unmet.learners, solution);
  std::sort(plan_.unmet.begin(), plan_.unmet.end(),
            [](const UnmetNeed& a, const UnmetNeed& b) { return a.group < b.group; });
  // Learners no course of the catalogue can train.
  for (const auto& [key, learners] : no_course_) {
    const auto [unit, competence, kind] = key;
    UnmetNeed unmet{kNoGroup, learners, UnmetReason::kNoCourse, "", place_.competences[competence].code, unit, kind};
    unmet.why = fmt::format("no course of the catalogue ({}) confers {} ({}); add one to train it",
                            reference_.catalogue_path, place_.competences[competence].name, place_.competences[competence].code);
    plan_.unmet.push_back(std::move(unmet));
  }
  for (const auto& [key, learners] : no_role_course_) {
    UnmetNeed unmet{kNoGroup,        learners, UnmetReason::kNoCourse, "", "role:" + place_.roles[key.second].code,
                    key.first, NeedKind::kPlanChange};
    unmet.why = fmt::format("no course of the catalogue ({}) converts staff to {} (role:{}); add one to train them",
                            reference_.catalogue_path, place_.roles[key.second].name, place_.roles[key.second].code);
    plan_.unmet.push_back(std::move(unmet));
  }
}

// The programme's learners made whole. Each start's learners are rounded down; then each group
// gets back the learners the programme placed in part, where the slot's cohorts and the unit's
// time away still have room (the largest fractions first); then a slot short of its cohorts'
// minimum takes more of its groups' unplaced learners or runs fewer cohorts (the learners it sheds
// placed in another of their quarters where there is room, else left unmet); last, each slot runs
// the fewest cohorts its learners need. Every limit of the programme holds throughout (cohorts only
// fall, so the provider's capacity does too), and the objective is the rounded schedule's own.
Solution Planner::RoundLearners(const LinearProgram& program, const Solution& relaxed) const {
  Solution rounded = relaxed;
  std::vector<double>& values = rounded.values;
  if (values.empty()) return rounded;
  constexpr std::size_t kNone = static_cast<std::size_t>(-1);
  struct Room {
    const Slot* slot = nullptr;
    const Course* course = nullptr;
    int cohorts = 0;  // that the learners may fill
    int load = 0;
  };
  std::vector<Room> rooms;
  std::vector<std::size_t> room_of(values.size(), kNone);
  for (const auto& [key, slot] : slots_) {
    const Course& course = plan_.courses[std::get<0>(key)];
    const double cohorts = values[static_cast<std::size_t>(slot.cohorts)];
    const int whole = slot.integer ? static_cast<int>(std::lround(cohorts)) : RunsPerQuarter(course, std::get<1>(key));
    for (const auto& [group, column] : slot.starts) room_of[static_cast<std::size_t>(column)] = rooms.size();
    rooms.push_back(Room{&slot, &course, whole, 0});
  }
  std::vector<int> start_of(values.size(), -1);  // a start column's quarter
  for (const std::vector<std::pair<int, int>>& starts : starts_) {
    for (const auto& [start, column] : starts) start_of[static_cast<std::size_t>(column)] = start;
  }
  std::vector<std::vector<double>> away(plan_.units.size(), std::vector<double>(static_cast<std::size_t>(quarters_), 0.0));
  std::vector<int> placed(plan_.groups.size(), 0);
  const auto span = [&](std::size_t group, int start) {
    return std::pair{start, std::min(quarters_, start + DurationQuarters(plan_.courses[plan_.groups[group].course]))};
  };
  const auto move = [&](std::size_t group, int start, int column, int learners) {
    const LearnerGroup& info = plan_.groups[group];
    values[static_cast<std::size_t>(column)] += learners;
    rooms[room_of[static_cast<std::size_t>(column)]].load += learners;
    placed[group] += learners;
    const double hours = AwayHoursPerQuarter(plan_.courses[info.course]);
    const auto [from, to] = span(group, start);
    for (int quarter = from; quarter < to; ++quarter) away[info.unit][static_cast<std::size_t>(quarter)] += learners * hours;
  };
  const auto fits = [&](std::size_t group, int start, int column) {
    const LearnerGroup& info = plan_.groups[group];
    const Room& room = rooms[room_of[static_cast<std::size_t>(column)]];
    if (room.load + 1 > room.cohorts * room.course->cohort_max) return false;
    const double hours = AwayHoursPerQuarter(*room.course);
    const double limit = plan_.units[info.unit].away_limit_hours + kTolerance;
    const auto [from, to] = span(group, start);
    for (int quarter = from; quarter < to; ++quarter) {
      if (away[info.unit][static_cast<std::size_t>(quarter)] + hours > limit) return false;
    }
    return true;
  };
  // Places up to `learners` more of a group where they fit, the given order of its starts first.
  const auto place = [&](std::size_t group, const std::vector<std::pair<int, int>>& order, int learners) {
    for (const auto& [start, column] : order) {
      while (learners > 0 && fits(group, start, column)) {
        move(group, start, column, 1);
        --learners;
      }
    }
  };
  // Rounded down.
  std::vector<double> relaxed_placed(plan_.groups.size(), 0.0);
  for (std::size_t group = 0; group < plan_.groups.size(); ++group) {
    for (const auto& [start, column] : starts_[group]) {
      const double value = values[static_cast<std::size_t>(column)];
      relaxed_placed[group] += value;
      values[static_cast<std::size_t>(column)] = 0.0;
      move(group, start, column, static_cast<int>(std::floor(value + kTolerance)));
    }
  }
  // The learners placed in part, where their largest fractions were.
  for (std::size_t group = 0; group < plan_.groups.size(); ++group) {
    const int target = std::min(plan_.groups[group].learners(), static_cast<int>(std::ceil(relaxed_placed[group] - kTolerance)));
    if (placed[group] >= target) continue;
    std::vector<std::pair<int, int>> order = starts_[group];
    const auto fraction = [&](int column) {
      const double value = relaxed.values[static_cast<std::size_t>(column)];
      return value - std::floor(value + kTolerance);
    };
    std::stable_sort(order.begin(), order.end(),
                     [&](const auto& a, const auto& b) { return fraction(a.second) > fraction(b.second); });
    place(group, order, target - placed[group]);
  }
  // Cohorts' minimums.
  for (Room& room : rooms) {
    const int minimum = room.course->cohort_min;
    if (minimum <= 1 || room.cohorts == 0 || room.load >= minimum * room.cohorts) continue;
    for (const auto& [group, column] : room.slot->starts) {
      const int start = start_of[static_cast<std::size_t>(column)];
      while (room.load < minimum * room.cohorts && placed[group] < plan_.groups[group].learners() &&
             fits(group, start, column)) {
        move(group, start, column, 1);
      }
    }
    if (room.load >= minimum * room.cohorts) continue;
    room.cohorts = room.load / minimum;
    std::vector<std::size_t> shed;
    for (auto entry = room.slot->starts.rbegin(); entry != room.slot->starts.rend(); ++entry) {
      const std::size_t group = entry->first;
      const int column = entry->second;
      const int start = start_of[static_cast<std::size_t>(column)];
      while (room.load > room.cohorts * room.course->cohort_max && values[static_cast<std::size_t>(column)] > 0.5) {
        move(group, start, column, -1);
        if (shed.empty() || shed.back() != group) shed.push_back(group);
      }
    }
    for (const std::size_t group : shed) place(group, starts_[group], plan_.groups[group].learners() - placed[group]);
  }
  // The fewest cohorts each slot's learners need, and the learners left unmet.
  for (const Room& room : rooms) {
    const int max = std::max(1, room.course->cohort_max);
    values[static_cast<std::size_t>(room.slot->cohorts)] = static_cast<double>((room.load + max - 1) / max);
  }
  for (std::size_t group = 0; group < plan_.groups.size(); ++group) {
    if (unmet_column_[group] >= 0) {
      values[static_cast<std::size_t>(unmet_column_[group])] = plan_.groups[group].learners() - placed[group];
    }
  }
  rounded.objective = 0.0;
  for (std::size_t column = 0; column < values.size(); ++column) {
    rounded.objective += program.variables()[column].cost * values[column];
  }
  rounded.activity.assign(program.constraints().size(), 0.0);
  for (const LinearProgram::Entry& entry : program.entries()) {
    rounded.activity[static_cast<std::size_t>(entry.row)] += entry.value * values[static_cast<std::size_t>(entry.column)];
  }
  rounded.binding.clear();
  return rounded;
}

std::string Planner::Why(std::size_t index, UnmetReason reason, int learners, const Solution& solution) const {
  const LearnerGroup& group = plan_.groups[index];
  const Course& course = plan_.courses[group.course];
  const TrainingUnit& unit = plan_.units[group.unit];
  switch (reason) {
    case UnmetReason::kAfterSchedule:
      return fmt::format("due by {}, after the schedule's last quarter ({}); set [training] years to schedule it",
                         plan_.QuarterEnd(group.need_quarter), plan_.QuarterEnd(quarters_ - 1));
    case UnmetReason::kDateTooSoon: {
      const int earliest = std::max(LeadQuarters(course), earliest_[index]) + DurationQuarters(course) - 1;
      return fmt::format("needed by {}, but {} takes {} months and is booked {} months ahead, so the earliest "
                         "completion is {}",
                         plan_.QuarterEnd(group.need_quarter), course.name, course.duration_months,
                         course.lead_time_months, plan_.QuarterEnd(earliest));
    }
    case UnmetReason::kCapacity:
    {
      const std::string per_block =
          course.by_employer && plan_.settings.employer_capacity_staff > 0
              ? fmt::format("; {} for each {} people in post", course.runs_per_year, plan_.settings.employer_capacity_staff)
              : "";
      return fmt::format("{} runs at most {} cohorts of {} a year ({} a quarter{}), all taken in every quarter from {} "
                         "to {} that would finish by {}",
                         course.by_employer ? "the employer" : course.provider, RunsPerYear(course, group.pool),
                         course.name, RunsPerQuarter(course, group.pool), per_block,
                         plan_.QuarterStart(window_first_[index]), plan_.QuarterEnd(window_last_[index]),
                         plan_.QuarterEnd(group.need_quarter));
    }
    case UnmetReason::kAwayAtOnce: {
      double least = kInfinity;
      for (int quarter = window_first_[index]; quarter <= window_last_[index]; ++quarter) {
        const auto row = away_rows_.find({group.unit, quarter});
        if (row != away_rows_.end()) least = std::min(least, solution.activity[static_cast<std::size_t>(row->second)]);
      }
      return fmt::format("{} would have more than {:.0f} hours a quarter away ({:.0f}% of its {:.1f} FTE) in every "
                         "quarter with a place on the course that would finish by {} (at least {:.0f} hours away "
                         "already)",
                         unit.name, unit.away_limit_hours, 100.0 * plan_.settings.away_share, unit.fte,
                         plan_.QuarterEnd(group.need_quarter), least == kInfinity ? 0.0 : least);
    }
    case UnmetReason::kCohortMinimum: {
      if (learners >= course.cohort_min) {
        // Runs and time are left, and enough learners for a cohort: what the schedule's rounding to
        // whole learners and cohorts left over, within its solve_gap.
        return fmt::format("left over when the schedule was rounded to whole learners and cohorts of {}: runs and "
                           "time away are left in the quarters that would finish by {} (within [training] solve_gap)",
                           course.name, plan_.QuarterEnd(group.need_quarter));
      }
      return fmt::format("too few learners for a cohort of {} (at least {}) in the quarters that would finish by {}",
                         course.name, course.cohort_min, plan_.QuarterEnd(group.need_quarter));
    }
    case UnmetReason::kNoCourse:
      break;
  }
  return "";
}

}  // namespace

TrainingPlan PlanTraining(const Place& place, const TrainingReference& reference, const PlanReference& costs,
                          const SkillMixPlan* skill_mix) {
  return Planner(place, reference, costs, skill_mix).Run();
}

}  // namespace careforce::plan
