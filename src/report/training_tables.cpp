#include "report/training_tables.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>
#include <optional>
#include <tuple>
#include <utility>

#include <fmt/format.h>

#include "intelligence/disclosure.hpp"
#include "plan/solver.hpp"
#include "report/format.hpp"
#include "report/svg.hpp"

namespace careforce::report {

namespace {

using nlohmann::ordered_json;

constexpr std::size_t kNone = std::numeric_limits<std::size_t>::max();
constexpr double kTolerance = 1e-9;
// Units whose time away the report charts, quarter by quarter.
constexpr std::size_t kChartedUnits = 3;

// The people behind a figure: persons of the place, and starters not yet hired (counted only).
struct People {
  std::set<Index> persons;
  int64_t starters = 0;
  int64_t size() const { return static_cast<int64_t>(persons.size()) + starters; }
  void Add(Index person) {
    if (person == kNoIndex) {
      ++starters;
    } else {
      persons.insert(person);
    }
  }
  void Add(const People& other) {
    persons.insert(other.persons.begin(), other.persons.end());
    starters += other.starters;
  }
};

// The partners of an integrated care system, as training_partners sums the organisations.
struct Partner {
  std::string_view code;
  std::string_view name;
};
constexpr std::array<Partner, 7> kPartners = {{{"nhs", "NHS trusts"},
                                               {"primary_care", "Primary care"},
                                               {"council", "Council"},
                                               {"independent", "Independent care providers"},
                                               {"voluntary", "Voluntary sector"},
                                               {"individual_employer", "Individual employers"},
                                               {"new_posts", "New posts (roles no organisation employs today)"}}};

std::size_t PartnerOf(const Place& place, Index organisation) {
  if (organisation == kNoIndex) return 6;
  switch (place.organisations[organisation].sector) {
    case Sector::kNhsAcute:
    case Sector::kNhsCommunity:
    case Sector::kNhsMentalHealth: return 0;
    case Sector::kPrimaryCare: return 1;
    case Sector::kLocalAuthority: return 2;
    case Sector::kIndependent: return 3;
    case Sector::kVoluntary: return 4;
    case Sector::kIndividualEmployer: return 5;
  }
  return 3;
}

constexpr std::array<plan::UnmetReason, 6> kReasons = {
    plan::UnmetReason::kDateTooSoon,   plan::UnmetReason::kCapacity, plan::UnmetReason::kAwayAtOnce,
    plan::UnmetReason::kCohortMinimum, plan::UnmetReason::kNoCourse, plan::UnmetReason::kAfterSchedule};

// The unit of a shared row of what is unmet: every team and organisation of the need together.
constexpr std::string_view kEveryUnit = "teams and organisations together";

// Why learners are unmet, in words for readers.
std::string_view ReasonWords(plan::UnmetReason reason) {
  switch (reason) {
    case plan::UnmetReason::kDateTooSoon: return "needed sooner than the course can finish (its length and booking ahead)";
    case plan::UnmetReason::kCapacity: return "the provider's cohorts are full";
    case plan::UnmetReason::kAwayAtOnce: return "their team or organisation would have too many away at once";
    case plan::UnmetReason::kCohortMinimum: return "too few learners for the course's smallest cohort";
    case plan::UnmetReason::kNoCourse: return "no course of the catalogue confers what they need";
    case plan::UnmetReason::kAfterSchedule: return "due after the schedule's last quarter (listed, not scheduled)";
  }
  return "";
}

std::string OrganisationCode(const Place& place, Index organisation) {
  return organisation == kNoIndex ? std::string("(new posts)") : place.organisations[organisation].code;
}
std::string OrganisationName(const Place& place, Index organisation) {
  return organisation == kNoIndex ? std::string(kPartners[6].name) : place.organisations[organisation].name;
}

// What a course confers, as its catalogue's `confers` lists it.
std::string Confers(const plan::Course& course, const Place& place) {
  std::vector<std::string> codes;
  for (const Index competence : course.competences) codes.push_back(place.competences[competence].code);
  if (course.role != kNoIndex) codes.push_back("role:" + place.roles[course.role].code);
  return fmt::format("{}", fmt::join(codes, " "));
}

// Each course's length in quarters, as the plan counts it (TrainingPlan::CompletionQuarter of a
// group with learners, less its last start); 1 for a course with none.
std::vector<int> CourseQuarters(const plan::TrainingPlan& plan) {
  std::vector<int> last_start(plan.groups.size(), -1);
  for (const plan::LearnerPlace& place : plan.places) {
    last_start[place.group] = std::max(last_start[place.group], place.start_quarter);
  }
  std::vector<int> quarters(plan.courses.size(), 0);
  for (std::size_t group = 0; group < plan.groups.size(); ++group) {
    const std::size_t course = plan.groups[group].course;
    if (last_start[group] < 0 || quarters[course] > 0) continue;
    quarters[course] = plan.CompletionQuarter(group) - last_start[group] + 1;
  }
  for (int& length : quarters) length = std::max(1, length);
  return quarters;
}

// A figure of a table and its cell among the figures suppression decides on.
struct Fig {
  double value = 0.0;
  std::size_t cell = kNone;
};

// The learners of one course within a row: what the row's fees and off-the-job hours are made of.
struct Part {
  std::size_t course = 0;
  double learners = 0.0;
  bool small = false;  // 1 to threshold − 1 people
};

// Cells whose figures hide small numbers of people (intelligence/disclosure.hpp), with the
// relations and implications between them.
class Cells {
 public:
  explicit Cells(int threshold) : threshold_(threshold) {}
  int threshold() const { return threshold_; }
  // A count of `people`; hidden when they are a small number, or when another table hides them.
  std::size_t Count(double value, const People& people, bool hidden_elsewhere = false) {
    const std::size_t cell =
        cells_.Add(value, threshold_ > 0 && (intelligence::SmallCount(people.size(), threshold_) || hidden_elsewhere));
    Whole(cell);
    return cell;
  }
  // A figure hidden only to protect a count.
  std::size_t Derived(double value) { return cells_.Add(value, false); }
  // A count of cohorts, hidden only to protect learners: like learners, a whole number of at least
  // one in every row a table lists. Where a cohort holds at least the threshold (`bounds_learners`
  // false), a count of cohorts bounds no learners to a small number (one cohort of up to 12 is 1
  // to 12 learners), so the rule that hidden counts add up to enough does not apply to it: applied,
  // a course's quarters of one cohort each hid its cohorts and with them its learners.
  std::size_t Cohorts(double value, bool bounds_learners = true) {
    const std::size_t cell = Derived(value);
    if (bounds_learners) Whole(cell);
    return cell;
  }
  // A figure another table publishes (or hides): never chosen to be hidden here.
  std::size_t Fixed(double value, bool hidden) { return cells_.Add(value, threshold_ > 0 && hidden, true); }
  void Relate(std::vector<std::size_t> members) {
    if (members.size() > 1) cells_.relations.push_back(std::move(members));
  }
  void Implies(std::size_t from, std::size_t to) { cells_.implications.emplace_back(from, to); }
  void Together(std::size_t a, std::size_t b) {
    Implies(a, b);
    Implies(b, a);
  }
  void Hide(std::size_t cell) { cells_.hidden[cell] = true; }
  bool Hidden(std::size_t cell) const { return threshold_ > 0 && cells_.hidden[cell]; }
  bool IsFixed(std::size_t cell) const { return cells_.fixed[cell]; }
  std::size_t HiddenCount() const {
    return static_cast<std::size_t>(std::count(cells_.hidden.begin(), cells_.hidden.end(), true));
  }
  double Value(std::size_t cell) const { return cells_.count[cell]; }
  bool Zero(std::size_t cell) const { return std::llround(cells_.count[cell]) == 0; }
  // Secondary suppression (intelligence::SuppressSecondary), then the rule a reader's knowledge
  // that every listed row holds at least one learner (or cohort) adds: the hidden counts of a
  // relation must add up to at least one more than the threshold less one over their number, or
  // each would be pinned near 1 (five hidden rows of a shown 5 are each 1); while one falls short,
  // its smallest shown count is hidden too.
  void Secondary() {
    if (threshold_ <= 0) return;
    intelligence::SuppressSecondary(cells_);
    bool changed = true;
    while (changed) {
      changed = false;
      for (const std::vector<std::size_t>& relation : cells_.relations) {
        std::size_t hidden = 0;
        double sum = 0.0;
        bool counts = true;
        for (const std::size_t cell : relation) {
          if (!cells_.hidden[cell] || std::llround(cells_.count[cell]) == 0) continue;
          if (!IsWhole(cell)) counts = false;
          ++hidden;
          sum += cells_.count[cell];
        }
        if (!counts || hidden < 2 || sum >= static_cast<double>(hidden) + threshold_ - 1 - 0.5) continue;
        std::size_t pick = kNoCell;
        for (const std::size_t cell : relation) {
          if (cells_.hidden[cell] || cells_.fixed[cell] || std::llround(cells_.count[cell]) == 0) continue;
          if (pick == kNoCell || cells_.count[cell] < cells_.count[pick]) pick = cell;
        }
        if (pick == kNoCell) continue;
        cells_.hidden[pick] = true;
        intelligence::SuppressSecondary(cells_);
        changed = true;
      }
    }
  }

 private:
  static constexpr std::size_t kNoCell = static_cast<std::size_t>(-1);
  void Whole(std::size_t cell) {
    if (whole_.size() <= cell) whole_.resize(cell + 1, false);
    whole_[cell] = true;
  }
  bool IsWhole(std::size_t cell) const { return cell < whole_.size() && whole_[cell]; }
  int threshold_;
  intelligence::DisclosureCells cells_;
  std::vector<bool> whole_;  // counts of learners or cohorts
};

// The span of the equations a reader knows (vectors over the same unknowns), as an orthonormal
// basis: a quantity (a combination of the unknowns) is given back when its vector lies in it,
// that is when its projection keeps its whole length.
class RowSpace {
 public:
  explicit RowSpace(std::vector<std::vector<double>> equations) {
    for (std::vector<double>& row : equations) {
      // Twice (modified Gram-Schmidt with reorthogonalisation), for rows of very different scales.
      for (int pass = 0; pass < 2; ++pass) {
        for (const std::vector<double>& unit : basis_) {
          double dot = 0.0;
          for (std::size_t idx = 0; idx < row.size(); ++idx) dot += unit[idx] * row[idx];
          for (std::size_t idx = 0; idx < row.size(); ++idx) row[idx] -= dot * unit[idx];
        }
        double length = 0.0;
        for (const double value : row) length += value * value;
        length = std::sqrt(length);
        if (length < 1e-9) {
          row.clear();
          break;
        }
        for (double& value : row) value /= length;
      }
      if (!row.empty()) basis_.push_back(std::move(row));
    }
  }
  // Whether the sum of the unknowns from `first` to before `last` lies in the span.
  bool Contains(std::size_t first, std::size_t last) const {
    if (last <= first) return false;
    double projected = 0.0;
    for (const std::vector<double>& unit : basis_) {
      double dot = 0.0;
      for (std::size_t idx = first; idx < last; ++idx) dot += unit[idx];
      projected += dot * dot;
    }
    return projected >= static_cast<double>(last - first) * (1.0 - 1e-9);
  }

 private:
  std::vector<std::vector<double>> basis_;
};

// A course's coefficient in the equation of a column: 1 for learners, its fee for fees, its hours
// off the job for those hours.
double Coefficient(const plan::Course& course, std::size_t column) {
  return column == 0 ? 1.0 : column == 1 ? course.fee : course.off_job_hours;
}

// A figure made of several courses' learners, each at a weight (fees, trainer time, hours away
// and their cover): whatever else a reader knows, such a figure of a small row can often be split
// back into its courses' learners (one integer solution, as fee residues or a long course's
// hours give it), so it is shown only when each of its courses counts no learners or at least the
// threshold; and whatever a set of such figures adds up to (a total less its shown members) only
// when the hidden members' learners of each course, taken together, do so too. A figure of
// kUnsplit learners or more is taken as not splittable: its learners, fees and hours (three
// equations) leave too many whole-number solutions over its courses (an assumption,
// docs/data-protection.md, "Training plan").
constexpr int64_t kUnsplit = 1000;

// What a reader can work out by whole numbers (intelligence/disclosure.hpp works with sums): the
// learners of each unknown (a row's learners of one course) are whole, within bounds, and satisfy
// every equation the reader knows; each listed row holds at least one. Linear algebra alone
// misses what integers give back: 3 learners over four courses of different fees and hours may
// have only one whole-number split (a leak review recovered four counts of Westbrook so, from a
// place's totals less its shown courses, docs/data-protection.md).
struct WholeQuestion {
  struct Unknown {
    double truth = 0.0;  // its learners
    double lower = 0.0;  // what the reader knows of it (the truth and the threshold above it at most)
    double upper = 0.0;
    bool small = false;  // a course's small count: must not be known to be 1 to threshold − 1
  };
  struct Range {
    std::size_t first = 0;
    std::size_t last = 0;
    bool hidden = false;  // its total is hidden: must not be given back
  };
  // A bound on a combination of the unknowns: a course's learners within its cohorts' sizes.
  struct Bound {
    std::vector<std::pair<std::size_t, double>> terms;
    double lower = -plan::kInfinity;
    double upper = plan::kInfinity;
  };
  std::vector<Unknown> unknowns;
  std::vector<std::vector<double>> equations;  // coefficients over the unknowns, equal at the truth
  std::vector<Range> rows;
  std::vector<Bound> bounds;
};

// Branch-and-bound nodes a search for another whole-number solution may take; one that stops
// without an answer counts as none (the figure is taken as given back).
constexpr int kWholeNodes = 2000;

// Whether the whole-number solutions of `question` give back a hidden row's learners (one value
// only), or pin a small count (a row's or a course's) between 1 and threshold − 1. Each question
// (another value, or none or at least the threshold) is answered by a solution already found where
// one serves, else by CBC.
bool WholeNumbersGiveBack(const WholeQuestion& question, int threshold) {
  const std::size_t size = question.unknowns.size();
  if (size == 0 || threshold <= 0) return false;
  plan::LinearProgram base;
  for (std::size_t idx = 0; idx < size; ++idx) {
    const WholeQuestion::Unknown& unknown = question.unknowns[idx];
    base.AddVariable(fmt::format("x{}", idx), unknown.lower, unknown.upper, 0.0, true);
  }
  for (const std::vector<double>& equation : question.equations) {
    double value = 0.0;
    for (std::size_t idx = 0; idx < size; ++idx) value += equation[idx] * question.unknowns[idx].truth;
    const int row = base.AddConstraint(fmt::format("e{}", base.constraints().size()), value, value);
    for (std::size_t idx = 0; idx < size; ++idx) {
      if (equation[idx] != 0.0) base.Add(row, static_cast<int>(idx), equation[idx]);
    }
  }
  for (const WholeQuestion::Bound& bound : question.bounds) {
    const int row = base.AddConstraint(fmt::format("b{}", base.constraints().size()), bound.lower, bound.upper);
    for (const auto& [idx, value] : bound.terms) base.Add(row, static_cast<int>(idx), value);
  }
  for (const WholeQuestion::Range& range : question.rows) {
    const int row = base.AddConstraint(fmt::format("r{}", base.constraints().size()), 1.0, plan::kInfinity);
    for (std::size_t idx = range.first; idx < range.last; ++idx) base.Add(row, static_cast<int>(idx), 1.0);
  }
  // A quantity: the sum of the unknowns first to last; what would show it is not given back.
  struct Quantity {
    std::size_t first, last;
    std::vector<std::pair<double, double>> others;  // ranges of values, any one of which serves
  };
  std::vector<Quantity> quantities;
  const double below = threshold - 0.5;
  for (std::size_t idx = 0; idx < size; ++idx) {
    if (question.unknowns[idx].small) {
      quantities.push_back({idx, idx + 1, {{-plan::kInfinity, 0.5}, {below, plan::kInfinity}}});
    }
  }
  for (const WholeQuestion::Range& range : question.rows) {
    if (!range.hidden || range.last <= range.first) continue;
    double truth = 0.0;
    for (std::size_t idx = range.first; idx < range.last; ++idx) truth += question.unknowns[idx].truth;
    if (truth < below) {
      quantities.push_back({range.first, range.last, {{below, plan::kInfinity}}});
    } else {
      quantities.push_back({range.first, range.last, {{-plan::kInfinity, truth - 0.5}, {truth + 0.5, plan::kInfinity}}});
    }
  }
  std::vector<std::vector<double>> found;
  const auto value_in = [](const std::vector<double>& solution, const Quantity& quantity) {
    double sum = 0.0;
    for (std::size_t idx = quantity.first; idx < quantity.last; ++idx) sum += solution[idx];
    return sum;
  };
  plan::IntegerLimits limits;
  limits.nodes = kWholeNodes;
  for (const Quantity& quantity : quantities) {
    bool answered = false;
    for (const std::vector<double>& solution : found) {
      const double sum = value_in(solution, quantity);
      for (const auto& [low, high] : quantity.others) answered = answered || (sum >= low && sum <= high);
      if (answered) break;
    }
    for (std::size_t other = 0; !answered && other < quantity.others.size(); ++other) {
      plan::LinearProgram program = base;
      const int row = program.AddConstraint("q", quantity.others[other].first, quantity.others[other].second);
      for (std::size_t idx = quantity.first; idx < quantity.last; ++idx) program.Add(row, static_cast<int>(idx), 1.0);
      const plan::Solution solution = plan::Solve(program, plan::kDefaultDualIterations, false, limits);
      if ((solution.status == plan::SolveStatus::kOptimal || solution.status == plan::SolveStatus::kStopped) &&
          solution.values.size() == size) {
        std::vector<double> rounded(size);
        for (std::size_t idx = 0; idx < size; ++idx) rounded[idx] = std::round(solution.values[idx]);
        found.push_back(std::move(rounded));
        answered = true;
      }
    }
    if (!answered) return true;
  }
  return false;
}

// Whether a row's learners, fees and off-the-job hours give back a small count of one of its
// courses (three equations in its learners by course: a course of its own, or the only one with a
// fee, is given back). Whole numbers split more (WholeNumbersGiveBack), but a row of fewer than
// kUnsplit learners with a small course has its fees and hours hidden anyway (ProtectParts).
bool RowGivesBack(const std::vector<Part>& parts, const std::vector<plan::Course>& courses) {
  std::vector<const Part*> unknowns;
  for (const Part& part : parts) {
    if (part.learners > 0) unknowns.push_back(&part);
  }
  if (unknowns.empty()) return false;
  std::vector<std::vector<double>> equations(3, std::vector<double>(unknowns.size(), 0.0));
  for (std::size_t column = 0; column < 3; ++column) {
    for (std::size_t idx = 0; idx < unknowns.size(); ++idx) {
      equations[column][idx] = Coefficient(courses[unknowns[idx]->course], column);
    }
  }
  const RowSpace known(std::move(equations));
  for (std::size_t idx = 0; idx < unknowns.size(); ++idx) {
    if (unknowns[idx]->small && known.Contains(idx, idx + 1)) return true;
  }
  return false;
}

// Rows whose columns add up to published totals (a table's, or a partner's of its
// organisations), each column a sum of the row's learners by course times the course's
// coefficient (learners, fees, hours off the job): what a reader knows is every shown total less
// its shown rows, and every shown figure of a row with another hidden. Its unknowns are the
// learners by course of the rows with a hidden figure.
struct LinkedGroup {
  struct Row {
    std::array<std::size_t, 3> cells = {kNone, kNone, kNone};  // learners, fees, hours off the job
    const std::vector<Part>* parts = nullptr;
    // A course's row: its cohorts, learners needed and unmet, which bound its learners where shown.
    std::size_t cohorts = kNone, needed = kNone, unmet = kNone, trainer = kNone;
  };
  std::vector<Row> rows;
  std::array<std::size_t, 3> totals = {kNone, kNone, kNone};
  // The courses' group: the place's cohorts and trainer time, which its rows' cohorts add up to.
  std::size_t cohort_total = kNone, trainer_total = kNone;
  std::vector<std::size_t> fallback;  // hidden in turn when no row is left to hide
};

// Whether what a reader knows of a group gives back a hidden row's learners, or a small count of
// one of its rows' courses.
bool GroupGivesBack(const LinkedGroup& group, const Cells& cells, const std::vector<plan::Course>& courses) {
  std::vector<const Part*> unknowns;
  struct Involved {
    const LinkedGroup::Row* row;
    std::size_t first;
    std::size_t last;
  };
  std::vector<Involved> involved;
  for (const LinkedGroup::Row& row : group.rows) {
    const bool any_hidden = std::any_of(row.cells.begin(), row.cells.end(),
                                        [&](std::size_t cell) { return cell != kNone && cells.Hidden(cell); });
    if (!any_hidden || cells.Zero(row.cells[0])) continue;
    const std::size_t first = unknowns.size();
    for (const Part& part : *row.parts) {
      if (part.learners > 0) unknowns.push_back(&part);
    }
    involved.push_back({&row, first, unknowns.size()});
  }
  if (unknowns.empty()) return false;
  std::vector<std::vector<double>> equations;
  for (std::size_t column = 0; column < 3; ++column) {
    // The column's total less its shown rows: the sum over the rows it hides.
    if (group.totals[column] != kNone && !cells.Hidden(group.totals[column])) {
      std::vector<double>& equation = equations.emplace_back(unknowns.size(), 0.0);
      for (const Involved& row : involved) {
        if (!cells.Hidden(row.row->cells[column])) continue;
        for (std::size_t idx = row.first; idx < row.last; ++idx) {
          equation[idx] = Coefficient(courses[unknowns[idx]->course], column);
        }
      }
    }
    // A row's shown figure beside one it hides.
    for (const Involved& row : involved) {
      if (row.row->cells[column] == kNone || cells.Hidden(row.row->cells[column])) continue;
      std::vector<double>& equation = equations.emplace_back(unknowns.size(), 0.0);
      for (std::size_t idx = row.first; idx < row.last; ++idx) {
        equation[idx] = Coefficient(courses[unknowns[idx]->course], column);
      }
    }
  }
  if (equations.empty()) return false;
  WholeQuestion question;
  question.equations = equations;
  const RowSpace known(std::move(equations));
  for (const Involved& row : involved) {
    if (cells.Hidden(row.row->cells[0]) && known.Contains(row.first, row.last)) return true;
  }
  double learners = 0.0;
  for (std::size_t idx = 0; idx < unknowns.size(); ++idx) {
    if (unknowns[idx]->small && known.Contains(idx, idx + 1)) return true;
    learners += unknowns[idx]->learners;
  }
  if (learners >= kUnsplit) return false;
  const int threshold = cells.threshold();
  const auto shown = [&](std::size_t cell) { return cell != kNone && !cells.Hidden(cell); };
  for (const Involved& row : involved) {
    question.rows.push_back({row.first, row.last, cells.Hidden(row.row->cells[0])});
    for (std::size_t idx = row.first; idx < row.last; ++idx) {
      const Part& part = *unknowns[idx];
      double lower = 0.0;
      double upper = part.learners + threshold;
      if (row.last == row.first + 1) {
        // A course's own row: what its shown cohorts, learners needed and unmet say of it.
        const plan::Course& course = courses[part.course];
        if (shown(row.row->cohorts)) {
          lower = std::max(lower, cells.Value(row.row->cohorts) * course.cohort_min);
          upper = std::min(upper, cells.Value(row.row->cohorts) * course.cohort_max);
        }
        if (shown(row.row->needed)) {
          upper = std::min(upper, cells.Value(row.row->needed));
          if (shown(row.row->unmet)) lower = std::max(lower, cells.Value(row.row->needed) - cells.Value(row.row->unmet));
        }
      }
      question.unknowns.push_back({part.learners, std::min(lower, part.learners), std::max(upper, part.learners), part.small});
    }
  }
  // A course's hidden cohorts: a whole number whose cohorts' sizes bound its learners, adding up
  // with the others to the place's cohorts and (at its trainer time a cohort) trainer time.
  const std::size_t learner_unknowns = question.unknowns.size();
  std::vector<double> cohort_sum, trainer_sum;
  for (const Involved& row : involved) {
    if (row.last != row.first + 1 || row.row->cohorts == kNone || !cells.Hidden(row.row->cohorts)) continue;
    const plan::Course& course = courses[unknowns[row.first]->course];
    const double cohorts = cells.Value(row.row->cohorts);
    const std::size_t idx = question.unknowns.size();
    question.unknowns.push_back({cohorts, 0.0, cohorts + threshold, false});
    const double learners = unknowns[row.first]->learners;
    if (learners >= cohorts * course.cohort_min - kTolerance) {
      question.bounds.push_back({{{row.first, 1.0}, {idx, -static_cast<double>(course.cohort_min)}}, 0.0, plan::kInfinity});
    }
    if (learners <= cohorts * course.cohort_max + kTolerance) {
      question.bounds.push_back({{{row.first, 1.0}, {idx, -static_cast<double>(course.cohort_max)}}, -plan::kInfinity, 0.0});
    }
    cohort_sum.resize(idx + 1, 0.0);
    cohort_sum[idx] = 1.0;
    if (row.row->trainer != kNone && cells.Hidden(row.row->trainer) && cohorts > 0) {
      trainer_sum.resize(idx + 1, 0.0);
      trainer_sum[idx] = cells.Value(row.row->trainer) / cohorts;
    }
  }
  if (question.unknowns.size() > learner_unknowns) {
    for (std::vector<double>& equation : question.equations) equation.resize(question.unknowns.size(), 0.0);
    if (group.cohort_total != kNone && !cells.Hidden(group.cohort_total)) {
      cohort_sum.resize(question.unknowns.size(), 0.0);
      question.equations.push_back(std::move(cohort_sum));
    }
    if (group.trainer_total != kNone && !cells.Hidden(group.trainer_total) && !trainer_sum.empty()) {
      trainer_sum.resize(question.unknowns.size(), 0.0);
      question.equations.push_back(std::move(trainer_sum));
    }
  }
  return WholeNumbersGiveBack(question, threshold);
}

// Secondary suppression across columns: while a group gives a hidden figure back, the learners of
// its smallest row not yet hidden are hidden too (with every figure of the row), else its
// fallback cells (the totals), and the subtraction rule applied again.
// `cleared` keeps, for each group, which of its cells were hidden when it last gave nothing back
// (what it gives back depends on nothing else): a group whose cells are as they were is not
// solved again (the solving is most of the suppression's time on a large place).
void ProtectLinked(const std::vector<LinkedGroup>& groups, Cells& cells, const std::vector<plan::Course>& courses,
                   std::vector<std::vector<bool>>& cleared) {
  if (cells.threshold() <= 0) return;
  cleared.resize(groups.size());
  const auto state = [&](const LinkedGroup& group) {
    std::vector<bool> hidden;
    for (const LinkedGroup::Row& row : group.rows) {
      for (const std::size_t cell : row.cells) hidden.push_back(cell != kNone && cells.Hidden(cell));
    }
    for (const std::size_t cell : group.totals) hidden.push_back(cell != kNone && cells.Hidden(cell));
    return hidden;
  };
  bool changed = true;
  while (changed) {
    changed = false;
    for (std::size_t index = 0; index < groups.size(); ++index) {
      const LinkedGroup& group = groups[index];
      std::vector<bool> now = state(group);
      if (now == cleared[index]) continue;
      if (!GroupGivesBack(group, cells, courses)) {
        cleared[index] = std::move(now);
        continue;
      }
      std::size_t pick = kNone;
      for (const LinkedGroup::Row& row : group.rows) {
        const std::size_t cell = row.cells[0];
        if (cells.Hidden(cell) || cells.IsFixed(cell) || cells.Zero(cell)) continue;
        if (pick == kNone || cells.Value(cell) < cells.Value(pick)) pick = cell;
      }
      if (pick == kNone) {
        for (const std::size_t cell : group.fallback) {
          if (!cells.Hidden(cell) && !cells.IsFixed(cell)) {
            pick = cell;
            break;
          }
        }
      }
      if (pick == kNone) continue;
      cells.Hide(pick);
      cells.Secondary();
      changed = true;
    }
  }
}

struct Weighted {
  std::size_t cell = kNone;              // hiding it hides the row's other weighted figures with it
  std::map<std::size_t, People> parts;   // course: its learners in the figure (courses with a weight)
};

struct WeightedGroup {
  std::vector<std::size_t> members;  // into the weighted figures
  std::size_t total = kNone;         // the figure they add up to; kNone: known from other tables
  bool total_may_hide = false;       // false for the place's totals, which are always shown
};

// Whether a course adds to a row's fees, trainer time or hours away.
bool Weighs(const plan::Course& course) {
  return course.fee > 0 || course.off_job_hours > 0 || course.trainer_hours * course.trainer_cost_per_hour > 0;
}

// Applies the rule above: every figure with a small course hidden, then, while a group's hidden
// members hold a small number of a course's learners together, the shown member with fewest of
// them hidden too (else the group's total where it may be). Returns the number of (group, course)
// pairs no member or total is left to cover (the place totals' own courses of a few learners).
std::size_t ProtectParts(const std::vector<Weighted>& weighted, const std::vector<WeightedGroup>& groups,
                         Cells& cells) {
  const int threshold = cells.threshold();
  if (threshold <= 0) return 0;
  const auto small = [&](const People& people) { return intelligence::SmallCount(people.size(), threshold); };
  const auto learners = [](const std::map<std::size_t, People>& parts) {
    int64_t sum = 0;
    for (const auto& part : parts) sum += part.second.size();
    return sum;
  };
  for (const Weighted& figure : weighted) {
    if (cells.Hidden(figure.cell) || learners(figure.parts) >= kUnsplit) continue;
    if (std::any_of(figure.parts.begin(), figure.parts.end(), [&](const auto& part) { return small(part.second); })) {
      cells.Hide(figure.cell);
    }
  }
  cells.Secondary();
  std::size_t uncovered = 0;
  bool changed = true;
  while (changed) {
    changed = false;
    uncovered = 0;
    for (const WeightedGroup& group : groups) {
      if (group.total != kNone && cells.Hidden(group.total)) continue;
      std::map<std::size_t, People> hidden;
      for (const std::size_t member : group.members) {
        if (!cells.Hidden(weighted[member].cell)) continue;
        for (const auto& [course, people] : weighted[member].parts) hidden[course].Add(people);
      }
      if (learners(hidden) >= kUnsplit) continue;
      for (const auto& [course, people] : hidden) {
        if (!small(people)) continue;
        std::size_t pick = kNone;
        int64_t fewest = 0;
        for (const std::size_t member : group.members) {
          const Weighted& figure = weighted[member];
          if (cells.Hidden(figure.cell) || cells.IsFixed(figure.cell)) continue;
          const auto found = figure.parts.find(course);
          if (found == figure.parts.end() || found->second.size() == 0) continue;
          if (pick == kNone || found->second.size() < fewest) {
            pick = member;
            fewest = found->second.size();
          }
        }
        if (pick != kNone) {
          cells.Hide(weighted[pick].cell);
        } else if (group.total_may_hide && group.total != kNone && !cells.IsFixed(group.total)) {
          cells.Hide(group.total);
        } else {
          ++uncovered;
          continue;
        }
        changed = true;
        break;  // the group's hidden learners have changed
      }
    }
    if (changed) cells.Secondary();
  }
  return uncovered;
}

struct CourseRow {
  std::size_t course = 0;
  Fig needed, scheduled, unmet, cohorts, fees, trainer, hours;
  std::vector<Part> parts;  // the course itself, for the linked totals
};

// A set of need rows and the cohort rows their learners start in, joined by the schedule's
// placements: a need's learners can start only between its course's lead time and its due date
// less the course's length, which a reader works out from the needs table and the catalogue, so
// the cohorts' learners are the needs' less their unmet rows (one relation of them all).
struct Joined {
  std::vector<std::size_t> needs, unmet, cohorts;  // cells
};

struct CohortRow {
  std::size_t course = 0;
  int quarter = 0;
  Fig cohorts, learners;
};

struct CostFigures {
  Fig learners, fees, backfill, trainer, total, hours;
  std::vector<Part> parts;  // learners by course
};

struct OrganisationRow {
  Index organisation = kNoIndex;
  std::size_t partner = 0;
  CostFigures figures;
};

struct PartnerRow {
  std::size_t partner = 0;
  CostFigures figures;
  std::vector<std::size_t> organisations;  // into TrainingFigures::organisations
};

struct AwayRow {
  std::size_t unit = 0;
  int quarter = 0;
  Fig hours;
};

struct NeedRow {
  std::size_t course = 0;
  int need_quarter = 0;
  plan::NeedKind kind = plan::NeedKind::kProfileGap;
  Fig learners;
  int scheduled = 0;
  int unmet = 0;
  int completion = -1;
  bool after = false;
  std::vector<std::size_t> groups;
  std::string OnTime() const {
    if (after) return "after_schedule";
    if (unmet == 0) return "yes";
    return scheduled == 0 ? "no" : "partly";
  }
};

// One row of what is unmet: each unit's own (TrainingPlan::unmet), or in shared outputs the
// units' of one need row and reason together (each unit's would be a small number that, at least
// one learner a row, the need's and the other rows' figures bound to a few).
struct UnmetRow {
  std::size_t need = 0;            // into TrainingPlan::unmet: the first
  std::vector<std::size_t> needs;  // every one the row counts
  Fig learners;
};

struct Totals {
  Fig needed, scheduled, unmet, after, no_course, cohorts, fees, backfill, trainer, cost, hours;
  std::array<Fig, kReasons.size()> reasons;  // by UnmetReason
};

// Every figure of the training outputs once, with what suppression hides: built once, read by
// the tables, the facts, the report and the terminal alike so that they agree.
LinkedGroup::Row Linked(const CostFigures& figures) {
  return {{figures.learners.cell, figures.fees.cell, figures.hours.cell}, &figures.parts};
}

class TrainingFigures {
 public:
  TrainingFigures(const plan::TrainingPlan& plan, const Place* place, int threshold,
                  const std::set<std::string>& hidden_organisations);

  bool Hidden(const Fig& figure) const { return figure.cell != kNone && cells_.Hidden(figure.cell); }
  int threshold() const { return cells_.threshold(); }
  // Courses of a few learners that a place total's weighted figures hold with nothing left to
  // hide them behind (ProtectParts).
  std::size_t uncovered() const { return uncovered_; }
  // The schedule's limits at their bound as shared: a team's or organisation's time away in a
  // quarter named only where the tables show its FTE in post and its hours away then (at a limit
  // of one learner's hours, the bound would say one learner was away), the rest counted.
  std::vector<std::string> Binding() const;

  const plan::TrainingPlan& plan;
  const Place* place;
  std::vector<int> course_quarters;
  Totals totals;
  std::vector<CourseRow> courses;
  std::vector<CohortRow> cohorts;
  std::vector<OrganisationRow> organisations;
  std::vector<PartnerRow> partners;
  std::vector<AwayRow> away;
  std::vector<Fig> unit_fte;        // per unit: its FTE in post (the cell counts its people)
  std::vector<NeedRow> needs;
  std::vector<UnmetRow> unmet;

 private:
  Cells cells_;
  std::size_t uncovered_ = 0;
};

TrainingFigures::TrainingFigures(const plan::TrainingPlan& training, const Place* the_place, int threshold,
                                 const std::set<std::string>& hidden_organisations)
    : plan(training), place(the_place), course_quarters(CourseQuarters(training)), cells_(threshold) {
  const std::size_t groups = plan.groups.size();
  const int quarters = plan.settings.quarters;
  const auto small = [&](const People& people) { return intelligence::SmallCount(people.size(), threshold); };
  const auto organisation_of = [&](std::size_t group) { return plan.units[plan.groups[group].unit].organisation; };

  // Each group's learners: those placed (its first people, then its starters), those not.
  std::vector<int> placed(groups, 0);
  std::vector<int> placed_persons(groups, 0);
  std::vector<int> last_start(groups, -1);
  std::vector<People> placed_people(groups);
  for (const plan::LearnerPlace& at : plan.places) {
    ++placed[at.group];
    last_start[at.group] = std::max(last_start[at.group], at.start_quarter);
    if (at.person != kNoIndex) ++placed_persons[at.group];
    placed_people[at.group].Add(at.person);
  }
  std::vector<People> all_people(groups);
  std::vector<People> unmet_people(groups);
  for (std::size_t group = 0; group < groups; ++group) {
    const plan::LearnerGroup& learners = plan.groups[group];
    all_people[group].persons.insert(learners.people.begin(), learners.people.end());
    all_people[group].starters = learners.starters;
    for (std::size_t idx = static_cast<std::size_t>(placed_persons[group]); idx < learners.people.size(); ++idx) {
      unmet_people[group].persons.insert(learners.people[idx]);
    }
    unmet_people[group].starters = learners.starters - (placed[group] - placed_persons[group]);
  }
  const auto in_schedule = [&](std::size_t group) { return plan.groups[group].need_quarter < quarters; };
  std::vector<Weighted> weighted;
  std::vector<WeightedGroup> weighted_groups;
  const auto weighted_of = [&](std::size_t cell, const std::map<std::size_t, People>& parts) {
    Weighted figure;
    figure.cell = cell;
    for (const auto& [course, people] : parts) {
      if (Weighs(plan.courses[course]) && people.size() > 0) figure.parts[course] = people;
    }
    weighted.push_back(std::move(figure));
    return weighted.size() - 1;
  };

  // The place's totals.
  People needed_people, scheduled_people, unmet_total_people, after_people;
  for (std::size_t group = 0; group < groups; ++group) {
    if (in_schedule(group)) {
      needed_people.Add(all_people[group]);
      unmet_total_people.Add(unmet_people[group]);
    } else {
      after_people.Add(all_people[group]);
    }
    scheduled_people.Add(placed_people[group]);
  }
  std::array<People, kReasons.size()> reason_people;
  std::array<double, kReasons.size()> reason_learners{};
  for (const plan::UnmetNeed& need : plan.unmet) {
    const auto reason = static_cast<std::size_t>(need.reason);
    reason_learners[reason] += need.learners;
    if (need.group == plan::kNoGroup) {
      reason_people[reason].starters += need.learners;  // counted, not named
    } else {
      reason_people[reason].Add(need.reason == plan::UnmetReason::kAfterSchedule ? all_people[need.group]
                                                                                 : unmet_people[need.group]);
    }
  }
  // Cohorts that take learners (a course without trainer time costs nothing to open).
  double cohort_total = 0.0;
  for (const plan::CohortRun& run : plan.cohorts) cohort_total += run.learners > 0 ? run.cohorts : 0;
  double hours_total = 0.0;
  for (const plan::OrganisationTrainingCost& cost : plan.organisations) hours_total += cost.hours_away;
  totals.needed = {static_cast<double>(plan.learners_needed), cells_.Count(plan.learners_needed, needed_people)};
  totals.scheduled = {static_cast<double>(plan.learners_scheduled), cells_.Count(plan.learners_scheduled, scheduled_people)};
  const double unmet_total = plan.learners_needed - plan.learners_scheduled;
  totals.unmet = {unmet_total, cells_.Count(unmet_total, unmet_total_people)};
  totals.after = {static_cast<double>(plan.learners_after), cells_.Count(plan.learners_after, after_people)};
  const auto no_course = static_cast<std::size_t>(plan::UnmetReason::kNoCourse);
  totals.no_course = {reason_learners[no_course], cells_.Count(reason_learners[no_course], reason_people[no_course])};
  totals.cohorts = {cohort_total, cells_.Cohorts(cohort_total)};
  totals.fees = {plan.fees, cells_.Derived(plan.fees)};
  totals.backfill = {plan.backfill, cells_.Derived(plan.backfill)};
  totals.trainer = {plan.trainer, cells_.Derived(plan.trainer)};
  totals.cost = {plan.cost(), cells_.Derived(plan.cost())};
  totals.hours = {hours_total, cells_.Derived(hours_total)};
  cells_.Relate({totals.needed.cell, totals.scheduled.cell, totals.unmet.cell});
  // Hidden learners hide what they count; fees, hours off the job and backfill (with the total
  // cost) hide together.
  for (const Fig* derived : {&totals.cohorts, &totals.fees, &totals.backfill, &totals.trainer, &totals.cost, &totals.hours}) {
    cells_.Implies(totals.scheduled.cell, derived->cell);
  }
  for (const Fig* other : {&totals.backfill, &totals.cost, &totals.hours}) cells_.Together(totals.fees.cell, other->cell);
  std::vector<std::size_t> within_reasons = {totals.unmet.cell};
  for (std::size_t reason = 0; reason < kReasons.size(); ++reason) {
    if (kReasons[reason] == plan::UnmetReason::kNoCourse) {
      totals.reasons[reason] = totals.no_course;
    } else if (kReasons[reason] == plan::UnmetReason::kAfterSchedule) {
      totals.reasons[reason] = totals.after;
    } else {
      totals.reasons[reason] = {reason_learners[reason], cells_.Count(reason_learners[reason], reason_people[reason])};
      within_reasons.push_back(totals.reasons[reason].cell);
    }
  }
  cells_.Relate(within_reasons);

  // Courses with learners needed within the schedule.
  std::map<std::size_t, std::size_t> course_row;
  {
    std::map<std::size_t, std::array<People, 3>> people;  // needed, scheduled, unmet
    std::map<std::size_t, std::array<double, 2>> counts;  // needed, scheduled
    for (std::size_t group = 0; group < groups; ++group) {
      if (!in_schedule(group)) continue;
      const std::size_t course = plan.groups[group].course;
      auto& figures = people[course];
      figures[0].Add(all_people[group]);
      figures[1].Add(placed_people[group]);
      figures[2].Add(unmet_people[group]);
      counts[course][0] += plan.groups[group].learners();
      counts[course][1] += placed[group];
    }
    std::map<std::size_t, double> course_cohorts;
    for (const plan::CohortRun& run : plan.cohorts) course_cohorts[run.course] += run.learners > 0 ? run.cohorts : 0;
    for (const auto& [course, figures] : people) {
      const plan::Course& info = plan.courses[course];
      const auto& count = counts[course];
      CourseRow row;
      row.course = course;
      row.needed = {count[0], cells_.Count(count[0], figures[0])};
      row.scheduled = {count[1], cells_.Count(count[1], figures[1])};
      row.unmet = {count[0] - count[1], cells_.Count(count[0] - count[1], figures[2])};
      const double runs = course_cohorts[course];
      // A cohort of fewer than the threshold bounds its learners to a small number.
      const bool bounds = info.cohort_max < threshold;
      row.cohorts = {runs, cells_.Cohorts(runs, bounds)};
      row.fees = {count[1] * info.fee, cells_.Derived(count[1] * info.fee)};
      row.trainer = {runs * info.trainer_hours * info.trainer_cost_per_hour,
                     cells_.Derived(runs * info.trainer_hours * info.trainer_cost_per_hour)};
      row.hours = {count[1] * info.off_job_hours, cells_.Derived(count[1] * info.off_job_hours)};
      row.parts.push_back(Part{course, count[1], small(figures[1])});
      cells_.Relate({row.needed.cell, row.scheduled.cell, row.unmet.cell});
      cells_.Together(row.scheduled.cell, row.fees.cell);
      cells_.Together(row.scheduled.cell, row.hours.cell);
      if (bounds) {
        cells_.Together(row.scheduled.cell, row.cohorts.cell);
      } else {
        cells_.Implies(row.scheduled.cell, row.cohorts.cell);
      }
      cells_.Together(row.cohorts.cell, row.trainer.cell);
      course_row[course] = courses.size();
      courses.push_back(std::move(row));
    }
    const auto column = [&](std::size_t total, auto member) {
      std::vector<std::size_t> relation = {total};
      for (const CourseRow& row : courses) relation.push_back((row.*member).cell);
      cells_.Relate(std::move(relation));
    };
    column(totals.needed.cell, &CourseRow::needed);
    column(totals.scheduled.cell, &CourseRow::scheduled);
    column(totals.unmet.cell, &CourseRow::unmet);
    column(totals.cohorts.cell, &CourseRow::cohorts);
    column(totals.fees.cell, &CourseRow::fees);
    column(totals.trainer.cell, &CourseRow::trainer);
    column(totals.hours.cell, &CourseRow::hours);
  }

  // Cohorts by course and quarter, every provider's together: a course each employer runs counts
  // all employers' cohorts in one row (an employer's own rows would be small numbers that its costs
  // and time away give back; each organisation's own workbook lists them).
  {
    using Key = std::pair<std::size_t, int>;  // course, quarter
    std::map<Key, std::array<double, 2>> runs;  // cohorts, learners
    for (const plan::CohortRun& run : plan.cohorts) {
      if (run.learners <= 0) continue;  // a cohort nobody joins does not run
      auto& figures = runs[{run.course, run.quarter}];
      figures[0] += run.cohorts;
      figures[1] += run.learners;
    }
    std::map<Key, People> people;
    for (const plan::LearnerPlace& at : plan.places) people[{plan.groups[at.group].course, at.start_quarter}].Add(at.person);
    std::map<std::size_t, std::vector<std::size_t>> by_course;  // rows
    for (const auto& [key, figures] : runs) {
      CohortRow row;
      row.course = key.first;
      row.quarter = key.second;
      const bool bounds = plan.courses[row.course].cohort_max < threshold;
      row.cohorts = {figures[0], cells_.Cohorts(figures[0], bounds)};
      row.learners = {figures[1], cells_.Count(figures[1], people[key])};
      if (bounds) {
        cells_.Together(row.learners.cell, row.cohorts.cell);
      } else {
        cells_.Implies(row.learners.cell, row.cohorts.cell);
      }
      by_course[row.course].push_back(cohorts.size());
      cohorts.push_back(row);
    }
    std::vector<std::size_t> all_learners = {totals.scheduled.cell};
    std::vector<std::size_t> all_cohorts = {totals.cohorts.cell};
    for (const CohortRow& row : cohorts) {
      all_learners.push_back(row.learners.cell);
      all_cohorts.push_back(row.cohorts.cell);
    }
    cells_.Relate(std::move(all_learners));
    cells_.Relate(std::move(all_cohorts));
    for (const auto& [course, rows] : by_course) {
      const auto found = course_row.find(course);
      if (found == course_row.end()) continue;
      std::vector<std::size_t> learners = {courses[found->second].scheduled.cell};
      std::vector<std::size_t> runs_of = {courses[found->second].cohorts.cell};
      for (const std::size_t row : rows) {
        learners.push_back(cohorts[row].learners.cell);
        runs_of.push_back(cohorts[row].cohorts.cell);
      }
      cells_.Relate(std::move(learners));
      cells_.Relate(std::move(runs_of));
    }
  }

  // Organisations, by their learners' units; their learners by course for the linked totals.
  std::map<Index, std::map<std::size_t, std::pair<double, People>>> by_course;  // organisation: course
  std::map<Index, People> organisation_people;
  // A learner of the schedule: the person, or for a starter not yet hired one identifier of its
  // own (counted once in a set that meets it again, as a course over several quarters does).
  const auto learner = [&](std::size_t place_index) {
    const Index person = plan.places[place_index].person;
    return person != kNoIndex ? person : static_cast<Index>(kNoIndex - 1 - place_index);
  };
  for (std::size_t idx = 0; idx < plan.places.size(); ++idx) {
    const plan::LearnerPlace& at = plan.places[idx];
    const Index organisation = organisation_of(at.group);
    auto& part = by_course[organisation][plan.groups[at.group].course];
    part.first += 1.0;
    part.second.Add(learner(idx));
    organisation_people[organisation].Add(learner(idx));
  }
  const auto cost_figures = [&](double learners, const People& people, bool hidden_elsewhere, double fees,
                                double backfill, double trainer, double hours) {
    CostFigures figures;
    figures.learners = {learners, cells_.Count(learners, people, hidden_elsewhere)};
    figures.fees = {fees, cells_.Derived(fees)};
    figures.backfill = {backfill, cells_.Derived(backfill)};
    figures.trainer = {trainer, cells_.Derived(trainer)};
    figures.total = {fees + backfill + trainer, cells_.Derived(fees + backfill + trainer)};
    figures.hours = {hours, cells_.Derived(hours)};
    // Hidden learners hide every figure of the row; fees, trainer time, hours off the job and
    // their backfill (at much the same rate an hour for a role) hide together, with the total cost
    // that gives them back, when they alone would give a course's learners back.
    for (const Fig* other : {&figures.fees, &figures.backfill, &figures.trainer, &figures.total, &figures.hours}) {
      cells_.Implies(figures.learners.cell, other->cell);
    }
    for (const Fig* other : {&figures.backfill, &figures.trainer, &figures.total, &figures.hours}) {
      cells_.Together(figures.fees.cell, other->cell);
    }
    return figures;
  };
  const auto cost_columns = [&](const std::vector<const CostFigures*>& members, const CostFigures* total) {
    const std::array<Fig CostFigures::*, 6> columns = {&CostFigures::learners, &CostFigures::fees,
                                                       &CostFigures::backfill, &CostFigures::trainer,
                                                       &CostFigures::total,    &CostFigures::hours};
    const std::array<std::size_t, 6> place_totals = {totals.scheduled.cell, totals.fees.cell, totals.backfill.cell,
                                                     totals.trainer.cell,   totals.cost.cell, totals.hours.cell};
    for (std::size_t column = 0; column < columns.size(); ++column) {
      std::vector<std::size_t> relation = {total ? (total->*columns[column]).cell : place_totals[column]};
      for (const CostFigures* member : members) relation.push_back((member->*columns[column]).cell);
      cells_.Relate(std::move(relation));
    }
  };
  std::vector<std::size_t> organisation_weighted;  // by row of organisations
  for (const plan::OrganisationTrainingCost& cost : plan.organisations) {
    OrganisationRow row;
    row.organisation = cost.organisation;
    row.partner = place ? PartnerOf(*place, cost.organisation) : 0;
    const bool hidden_elsewhere = place != nullptr && cost.organisation != kNoIndex &&
                                  hidden_organisations.count(place->organisations[cost.organisation].code) > 0;
    row.figures = cost_figures(cost.learners, organisation_people[cost.organisation], hidden_elsewhere, cost.fees,
                               cost.backfill, cost.trainer, cost.hours_away);
    std::map<std::size_t, People> parts;
    for (const auto& [course, part] : by_course[cost.organisation]) {
      row.figures.parts.push_back(Part{course, part.first, small(part.second)});
      parts[course] = part.second;
    }
    organisation_weighted.push_back(weighted_of(row.figures.fees.cell, parts));
    organisations.push_back(std::move(row));
  }
  {
    WeightedGroup group;
    group.members = organisation_weighted;
    group.total = totals.fees.cell;
    weighted_groups.push_back(std::move(group));
  }
  {
    std::vector<const CostFigures*> members;
    for (const OrganisationRow& row : organisations) members.push_back(&row.figures);
    cost_columns(members, nullptr);
  }

  // Partners: the organisations summed by sector.
  std::vector<std::size_t> partner_weighted;
  if (place) {
    std::map<std::size_t, std::vector<std::size_t>> members;
    for (std::size_t row = 0; row < organisations.size(); ++row) members[organisations[row].partner].push_back(row);
    for (const auto& [partner, rows] : members) {
      People people;
      std::array<double, 6> sums{};  // learners, fees, backfill, trainer, total (unused), hours
      std::map<std::size_t, std::pair<double, People>> parts;
      for (const std::size_t row : rows) {
        const Index organisation = organisations[row].organisation;
        people.Add(organisation_people[organisation]);
        const CostFigures& figures = organisations[row].figures;
        sums[0] += figures.learners.value;
        sums[1] += figures.fees.value;
        sums[2] += figures.backfill.value;
        sums[3] += figures.trainer.value;
        sums[5] += figures.hours.value;
        for (const auto& [course, part] : by_course[organisation]) {
          parts[course].first += part.first;
          parts[course].second.Add(part.second);
        }
      }
      PartnerRow row;
      row.partner = partner;
      row.organisations = rows;
      row.figures = cost_figures(sums[0], people, false, sums[1], sums[2], sums[3], sums[5]);
      std::map<std::size_t, People> partner_parts;
      for (const auto& [course, part] : parts) {
        row.figures.parts.push_back(Part{course, part.first, small(part.second)});
        partner_parts[course] = part.second;
      }
      WeightedGroup group;
      for (const std::size_t member : rows) group.members.push_back(organisation_weighted[member]);
      group.total = row.figures.fees.cell;
      group.total_may_hide = true;
      weighted_groups.push_back(std::move(group));
      partner_weighted.push_back(weighted_of(row.figures.fees.cell, partner_parts));
      partners.push_back(std::move(row));
    }
    WeightedGroup group;
    group.members = partner_weighted;
    group.total = totals.fees.cell;
    weighted_groups.push_back(std::move(group));
    std::vector<const CostFigures*> all;
    for (const PartnerRow& row : partners) {
      all.push_back(&row.figures);
      std::vector<const CostFigures*> of;
      for (const std::size_t member : row.organisations) of.push_back(&organisations[member].figures);
      cost_columns(of, &row.figures);
    }
    cost_columns(all, nullptr);
  }

  // Needs by course, quarter due and reason.
  std::vector<std::size_t> need_row_of(groups, kNone);
  {
    std::map<std::tuple<std::size_t, int, int>, std::vector<std::size_t>> rows;
    for (std::size_t group = 0; group < groups; ++group) {
      const plan::LearnerGroup& learners = plan.groups[group];
      rows[{learners.course, learners.need_quarter, static_cast<int>(learners.kind)}].push_back(group);
    }
    for (const auto& [key, members] : rows) {
      NeedRow row;
      row.course = std::get<0>(key);
      row.need_quarter = std::get<1>(key);
      row.kind = static_cast<plan::NeedKind>(std::get<2>(key));
      row.after = row.need_quarter >= quarters;
      row.groups = members;
      People people;
      double learners = 0.0;
      for (const std::size_t group : members) {
        people.Add(all_people[group]);
        learners += plan.groups[group].learners();
        row.scheduled += placed[group];
        row.unmet += plan.groups[group].learners() - placed[group];
        // As TrainingPlan::CompletionQuarter: the last start plus the course's length less one.
        if (placed[group] > 0) {
          row.completion = std::max(row.completion, last_start[group] + course_quarters[row.course] - 1);
        }
        need_row_of[group] = needs.size();
      }
      row.learners = {learners, cells_.Count(learners, people)};
      needs.push_back(std::move(row));
    }
    std::vector<std::size_t> within = {totals.needed.cell};
    std::vector<std::size_t> after = {totals.after.cell};
    std::map<std::size_t, std::vector<std::size_t>> by_course_rows;
    for (std::size_t row = 0; row < needs.size(); ++row) {
      if (needs[row].after) {
        after.push_back(needs[row].learners.cell);
      } else {
        within.push_back(needs[row].learners.cell);
        by_course_rows[needs[row].course].push_back(row);
      }
    }
    cells_.Relate(std::move(within));
    cells_.Relate(std::move(after));
    for (const auto& [course, rows_of] : by_course_rows) {
      const auto found = course_row.find(course);
      if (found == course_row.end()) continue;
      std::vector<std::size_t> relation = {courses[found->second].needed.cell};
      // When every row of the course is met in full or not at all, its scheduled learners are its
      // rows met in full.
      std::vector<std::size_t> met = {courses[found->second].scheduled.cell};
      bool all_or_none = true;
      for (const std::size_t row : rows_of) {
        relation.push_back(needs[row].learners.cell);
        if (needs[row].OnTime() == "yes") met.push_back(needs[row].learners.cell);
        if (needs[row].OnTime() == "partly") all_or_none = false;
      }
      cells_.Relate(std::move(relation));
      if (all_or_none) cells_.Relate(std::move(met));
    }
  }

  // What is unmet, need by need.
  {
    std::map<std::size_t, std::vector<std::size_t>> by_course_rows;
    std::array<std::vector<std::size_t>, kReasons.size()> by_reason;
    std::map<std::size_t, std::vector<std::size_t>> by_need_row;
    // Shared, by need row (or competence without a course) and reason; else unit by unit.
    std::map<std::tuple<std::size_t, std::string, int, int>, std::vector<std::size_t>> together;
    std::vector<std::vector<std::size_t>> rows_of;
    for (std::size_t idx = 0; idx < plan.unmet.size(); ++idx) {
      const plan::UnmetNeed& need = plan.unmet[idx];
      if (threshold <= 0) {
        rows_of.push_back({idx});
        continue;
      }
      const std::size_t need_row = need.group == plan::kNoGroup ? kNone : need_row_of[need.group];
      auto& members = together[{need_row, need.group == plan::kNoGroup ? need.competence : std::string(),
                                static_cast<int>(need.kind), static_cast<int>(need.reason)}];
      members.push_back(idx);
    }
    if (threshold > 0) {
      // In the order of each row's first member, as unit by unit.
      rows_of.clear();
      for (auto& entry : together) rows_of.push_back(entry.second);
      std::sort(rows_of.begin(), rows_of.end());
    }
    for (const std::vector<std::size_t>& members : rows_of) {
      const plan::UnmetNeed& need = plan.unmet[members.front()];
      People people;
      int learners = 0;
      for (const std::size_t idx : members) {
        const plan::UnmetNeed& each = plan.unmet[idx];
        learners += each.learners;
        if (each.group == plan::kNoGroup) {
          people.starters += each.learners;
        } else {
          people.Add(each.reason == plan::UnmetReason::kAfterSchedule ? all_people[each.group] : unmet_people[each.group]);
        }
      }
      UnmetRow row;
      row.need = members.front();
      row.needs = members;
      row.learners = {static_cast<double>(learners), cells_.Count(learners, people)};
      by_reason[static_cast<std::size_t>(need.reason)].push_back(row.learners.cell);
      if (need.group != plan::kNoGroup) {
        if (need.reason != plan::UnmetReason::kAfterSchedule) {
          by_course_rows[plan.groups[need.group].course].push_back(row.learners.cell);
        }
        by_need_row[need_row_of[need.group]].push_back(row.learners.cell);
      }
      unmet.push_back(row);
    }
    for (const auto& [course, rows] : by_course_rows) {
      const auto found = course_row.find(course);
      if (found == course_row.end()) continue;
      std::vector<std::size_t> relation = {courses[found->second].unmet.cell};
      relation.insert(relation.end(), rows.begin(), rows.end());
      cells_.Relate(std::move(relation));
    }
    for (std::size_t reason = 0; reason < kReasons.size(); ++reason) {
      std::vector<std::size_t> relation = {totals.reasons[reason].cell};
      relation.insert(relation.end(), by_reason[reason].begin(), by_reason[reason].end());
      cells_.Relate(std::move(relation));
    }
    // A need none of whose learners are scheduled is the sum of its unmet rows.
    for (const auto& [row, cells] : by_need_row) {
      if (needs[row].scheduled > 0) continue;
      std::vector<std::size_t> relation = {needs[row].learners.cell};
      relation.insert(relation.end(), cells.begin(), cells.end());
      cells_.Relate(std::move(relation));
    }
    // Needs against cohorts: a need's learners can start only in the quarters between its course's
    // lead time and its due date less the course's length, which a reader works out from the need's
    // due date and the catalogue; where the needs using a set of a course's cohort rows use no
    // other, those rows' learners are the needs' less their unmet rows. Taken as known for every
    // set of need and cohort rows the schedule joins (the connected parts of its placements).
    std::map<std::pair<std::size_t, int>, std::size_t> cohort_row;  // course, quarter
    for (std::size_t row = 0; row < cohorts.size(); ++row) cohort_row[{cohorts[row].course, cohorts[row].quarter}] = row;
    std::vector<std::size_t> parent(needs.size() + cohorts.size());
    std::iota(parent.begin(), parent.end(), std::size_t{0});
    const auto root = [&](std::size_t node) {
      while (parent[node] != node) node = parent[node] = parent[parent[node]];
      return node;
    };
    for (const plan::LearnerPlace& at : plan.places) {
      const std::size_t need = need_row_of[at.group];
      const auto run = cohort_row.find({plan.groups[at.group].course, at.start_quarter});
      if (need == kNone || run == cohort_row.end()) continue;
      parent[root(need)] = root(needs.size() + run->second);
    }
    std::map<std::size_t, Joined> parts;  // by root
    for (std::size_t row = 0; row < needs.size(); ++row) {
      if (needs[row].scheduled == 0) continue;
      Joined& part = parts[root(row)];
      part.needs.push_back(needs[row].learners.cell);
      const auto found = by_need_row.find(row);
      if (found != by_need_row.end()) part.unmet.insert(part.unmet.end(), found->second.begin(), found->second.end());
    }
    for (std::size_t row = 0; row < cohorts.size(); ++row) parts[root(needs.size() + row)].cohorts.push_back(cohorts[row].learners.cell);
    for (auto& entry : parts) {
      std::vector<std::size_t> relation = entry.second.needs;
      relation.insert(relation.end(), entry.second.unmet.begin(), entry.second.unmet.end());
      relation.insert(relation.end(), entry.second.cohorts.begin(), entry.second.cohorts.end());
      cells_.Relate(std::move(relation));
    }
  }

  // Time away by unit and quarter: the people away (each course's hours off the job spread evenly
  // over its quarters), against their organisation's hours away.
  {
    std::map<std::pair<std::size_t, int>, std::map<std::size_t, People>> people_away;  // (unit, quarter): course
    for (std::size_t idx = 0; idx < plan.places.size(); ++idx) {
      const plan::LearnerPlace& at = plan.places[idx];
      const plan::LearnerGroup& group = plan.groups[at.group];
      if (plan.courses[group.course].off_job_hours <= 0) continue;
      const int end = std::min(quarters, at.start_quarter + course_quarters[group.course]);
      for (int quarter = at.start_quarter; quarter < end; ++quarter) {
        people_away[{group.unit, quarter}][group.course].Add(learner(idx));
      }
    }
    std::map<Index, std::vector<std::size_t>> by_organisation;
    std::map<Index, std::vector<std::size_t>> weighted_by_organisation;
    std::map<int, std::vector<std::size_t>> weighted_by_quarter;
    std::vector<std::size_t> weighted_all;
    std::vector<std::size_t> all = {totals.hours.cell};
    for (std::size_t unit = 0; unit < plan.hours_away.size(); ++unit) {
      for (std::size_t quarter = 0; quarter < plan.hours_away[unit].size(); ++quarter) {
        const double hours = plan.hours_away[unit][quarter];
        if (hours <= kTolerance) continue;
        AwayRow row;
        row.unit = unit;
        row.quarter = static_cast<int>(quarter);
        const std::map<std::size_t, People>& parts = people_away[{unit, row.quarter}];
        People people;
        for (const auto& [course, of_course] : parts) people.Add(of_course);
        row.hours = {hours, cells_.Count(hours, people)};
        by_organisation[plan.units[unit].organisation].push_back(row.hours.cell);
        const std::size_t figure = weighted_of(row.hours.cell, parts);
        weighted_by_organisation[plan.units[unit].organisation].push_back(figure);
        weighted_by_quarter[row.quarter].push_back(figure);
        weighted_all.push_back(figure);
        all.push_back(row.hours.cell);
        away.push_back(row);
      }
    }
    cells_.Relate(std::move(all));
    for (const OrganisationRow& row : organisations) {
      std::vector<std::size_t> relation = {row.figures.hours.cell};
      const auto found = by_organisation.find(row.organisation);
      if (found == by_organisation.end()) continue;
      relation.insert(relation.end(), found->second.begin(), found->second.end());
      cells_.Relate(std::move(relation));
    }
    // The weighted groups of time away: an organisation's units and quarters against its hours
    // (its fees' cell hides them); a partner's against its; a quarter's against the hours the
    // cohorts table gives; every row against the place's.
    std::map<Index, std::size_t> organisation_row;
    for (std::size_t row = 0; row < organisations.size(); ++row) organisation_row[organisations[row].organisation] = row;
    for (const auto& [organisation, members] : weighted_by_organisation) {
      const auto found = organisation_row.find(organisation);
      if (found == organisation_row.end()) continue;
      WeightedGroup group;
      group.members = members;
      group.total = organisations[found->second].figures.fees.cell;
      group.total_may_hide = true;
      weighted_groups.push_back(std::move(group));
    }
    for (const PartnerRow& partner : partners) {
      WeightedGroup group;
      for (const std::size_t row : partner.organisations) {
        const auto found = weighted_by_organisation.find(organisations[row].organisation);
        if (found != weighted_by_organisation.end()) {
          group.members.insert(group.members.end(), found->second.begin(), found->second.end());
        }
      }
      group.total = partner.figures.fees.cell;
      group.total_may_hide = true;
      weighted_groups.push_back(std::move(group));
    }
    for (const auto& [quarter, members] : weighted_by_quarter) {
      WeightedGroup group;
      group.members = members;
      weighted_groups.push_back(std::move(group));
    }
    WeightedGroup group;
    group.members = std::move(weighted_all);
    group.total = totals.fees.cell;
    weighted_groups.push_back(std::move(group));
  }

  // Each unit's staff in post: its people (every post in its organisation and team), against its
  // organisation's and its team's, which the workforce and team tables publish.
  if (place) {
    std::map<std::pair<Index, Index>, People> unit_people;
    std::map<Index, People> organisation_staff;
    std::map<Index, People> team_staff;
    for (const StaffPost& post : place->staff) {
      unit_people[{post.organisation, post.team}].Add(post.person);
      organisation_staff[post.organisation].Add(post.person);
      if (post.team != kNoIndex) team_staff[post.team].Add(post.person);
    }
    std::map<Index, std::vector<std::size_t>> by_organisation;
    std::map<Index, std::vector<std::size_t>> by_team;
    for (const plan::TrainingUnit& unit : plan.units) {
      const bool hidden_elsewhere = unit.organisation != kNoIndex &&
                                    hidden_organisations.count(place->organisations[unit.organisation].code) > 0;
      const People& people = unit_people[{unit.organisation, unit.team}];
      Fig fte{unit.fte, cells_.Count(static_cast<double>(people.size()), people, hidden_elsewhere)};
      if (unit.organisation != kNoIndex) by_organisation[unit.organisation].push_back(fte.cell);
      if (unit.team != kNoIndex) by_team[unit.team].push_back(fte.cell);
      unit_fte.push_back(fte);
    }
    for (const auto& [organisation, units] : by_organisation) {
      std::vector<std::size_t> relation = {
          cells_.Fixed(static_cast<double>(organisation_staff[organisation].size()),
                       hidden_organisations.count(place->organisations[organisation].code) > 0)};
      relation.insert(relation.end(), units.begin(), units.end());
      cells_.Relate(std::move(relation));
    }
    for (const auto& [team, units] : by_team) {
      std::vector<std::size_t> relation = {cells_.Fixed(static_cast<double>(team_staff[team].size()), false)};
      relation.insert(relation.end(), units.begin(), units.end());
      cells_.Relate(std::move(relation));
    }
  }

  if (threshold <= 0) return;
  // A row whose learners, fees and hours would give back a small count of one of its courses:
  // its fees and hours hidden.
  for (OrganisationRow& row : organisations) {
    if (RowGivesBack(row.figures.parts, plan.courses)) cells_.Hide(row.figures.fees.cell);
  }
  for (PartnerRow& row : partners) {
    if (RowGivesBack(row.figures.parts, plan.courses)) cells_.Hide(row.figures.fees.cell);
  }
  cells_.Secondary();
  std::vector<LinkedGroup> linked;
  const std::array<std::size_t, 3> place_totals = {totals.scheduled.cell, totals.fees.cell, totals.hours.cell};
  const std::vector<std::size_t> place_fallback = {totals.fees.cell, totals.scheduled.cell};
  {
    LinkedGroup& group = linked.emplace_back();
    for (const CourseRow& row : courses) {
      group.rows.push_back({{row.scheduled.cell, row.fees.cell, row.hours.cell}, &row.parts, row.cohorts.cell,
                            row.needed.cell, row.unmet.cell, row.trainer.cell});
    }
    group.cohort_total = totals.cohorts.cell;
    group.trainer_total = totals.trainer.cell;
    group.totals = place_totals;
    group.fallback = place_fallback;
  }
  {
    LinkedGroup& group = linked.emplace_back();
    for (const OrganisationRow& row : organisations) group.rows.push_back(Linked(row.figures));
    group.totals = place_totals;
    group.fallback = place_fallback;
  }
  if (!partners.empty()) {
    LinkedGroup& group = linked.emplace_back();
    for (const PartnerRow& row : partners) group.rows.push_back(Linked(row.figures));
    group.totals = place_totals;
    group.fallback = place_fallback;
    for (const PartnerRow& partner : partners) {
      LinkedGroup& members = linked.emplace_back();
      for (const std::size_t row : partner.organisations) {
        members.rows.push_back(Linked(organisations[row].figures));
      }
      members.totals = {partner.figures.learners.cell, partner.figures.fees.cell, partner.figures.hours.cell};
      members.fallback = {partner.figures.fees.cell, partner.figures.learners.cell};
    }
  }
  // The linked totals and the weighted figures, in turn until neither hides more.
  std::size_t hidden = 0;
  std::vector<std::vector<bool>> cleared;
  do {
    hidden = cells_.HiddenCount();
    uncovered_ = ProtectParts(weighted, weighted_groups, cells_);
    ProtectLinked(linked, cells_, plan.courses, cleared);
  } while (cells_.HiddenCount() != hidden);
}

// ---------------------------------------------------------------------------------------------
// The tables.

void Add(ReportTable::RowBuilder& row, const TrainingFigures& figures, const Fig& figure) {
  row.Number(figure.value, figures.Hidden(figure));
}

void AddCourse(ReportTable::RowBuilder& row, const plan::Course& course) { row.Code(course.code, course.name); }

std::string ProviderOf(const TrainingFigures& figures, const CohortRow& row) {
  const plan::Course& course = figures.plan.courses[row.course];
  return course.by_employer ? std::string("each employer") : course.provider;
}

ReportTable CoursesTable(const TrainingFigures& figures) {
  ReportTable table("training_courses", "Training by course: learners needed, scheduled and unmet, and the cost",
                    {{"course", "Course", CellKind::kCode},
                     {"provider", "Provider", CellKind::kText},
                     {"mode", "Mode", CellKind::kText},
                     {"learners_needed", "Learners needed", CellKind::kCount},
                     {"learners_scheduled", "Learners scheduled", CellKind::kCount},
                     {"learners_unmet", "Learners unmet", CellKind::kCount},
                     {"cohorts", "Cohorts", CellKind::kCount},
                     {"fees", "Fees", CellKind::kMoney},
                     {"trainer_cost", "Trainer time", CellKind::kMoney},
                     {"off_job_hours", "Hours off the job (learners scheduled)", CellKind::kHours}});
  for (const CourseRow& course : figures.courses) {
    const plan::Course& info = figures.plan.courses[course.course];
    auto row = table.Row();
    AddCourse(row, info);
    row.Text(info.provider).Text(info.mode);
    for (const Fig* figure : {&course.needed, &course.scheduled, &course.unmet, &course.cohorts, &course.fees,
                              &course.trainer, &course.hours}) {
      Add(row, figures, *figure);
    }
  }
  return table;
}

ReportTable CohortsTable(const TrainingFigures& figures) {
  ReportTable table("training_cohorts", "Cohorts by course and the quarter they start",
                    {{"course", "Course", CellKind::kCode},
                     {"provider", "Provider (\"each employer\": every employer's own cohorts together)", CellKind::kText},
                     {"quarter", "Quarter", CellKind::kText},
                     {"quarter_start", "Starts", CellKind::kText},
                     {"cohorts", "Cohorts", CellKind::kCount},
                     {"learners", "Learners", CellKind::kCount}});
  for (const CohortRow& cohort : figures.cohorts) {
    auto row = table.Row();
    AddCourse(row, figures.plan.courses[cohort.course]);
    row.Text(ProviderOf(figures, cohort))
        .Text(figures.plan.QuarterLabel(cohort.quarter))
        .Text(figures.plan.QuarterStart(cohort.quarter));
    Add(row, figures, cohort.cohorts);
    Add(row, figures, cohort.learners);
  }
  return table;
}

const std::vector<ReportColumn>& CostColumns() {
  static const std::vector<ReportColumn> columns = {{"learners", "Learners scheduled", CellKind::kCount},
                                                    {"fees", "Fees", CellKind::kMoney},
                                                    {"backfill", "Cover of time away (backfill)", CellKind::kMoney},
                                                    {"trainer", "Trainer time", CellKind::kMoney},
                                                    {"total_cost", "Total cost", CellKind::kMoney},
                                                    {"hours_away", "Hours away (off the job)", CellKind::kHours}};
  return columns;
}

void AddCosts(ReportTable::RowBuilder& row, const TrainingFigures& figures, const CostFigures& costs) {
  for (const Fig* figure : {&costs.learners, &costs.fees, &costs.backfill, &costs.trainer, &costs.total, &costs.hours}) {
    Add(row, figures, *figure);
  }
}

ReportTable OrganisationsTable(const TrainingFigures& figures) {
  std::vector<ReportColumn> columns = {{"organisation", "Organisation", CellKind::kCode},
                                       {"sector", "Sector", CellKind::kCode}};
  columns.insert(columns.end(), CostColumns().begin(), CostColumns().end());
  ReportTable table("training_organisations", "The cost of training to each organisation", columns);
  for (const OrganisationRow& organisation : figures.organisations) {
    auto row = table.Row();
    row.Code(OrganisationCode(*figures.place, organisation.organisation),
             OrganisationName(*figures.place, organisation.organisation));
    if (organisation.organisation == kNoIndex) {
      row.Empty();
    } else {
      const Sector sector = figures.place->organisations[organisation.organisation].sector;
      row.Code(Code(sector), Label(sector));
    }
    AddCosts(row, figures, organisation.figures);
  }
  return table;
}

ReportTable PartnersTable(const TrainingFigures& figures) {
  std::vector<ReportColumn> columns = {{"sector", "Partner", CellKind::kCode}};
  columns.insert(columns.end(), CostColumns().begin(), CostColumns().end());
  ReportTable table("training_partners", "The cost of training to each partner (organisations summed by sector)",
                    columns);
  for (const PartnerRow& partner : figures.partners) {
    auto row = table.Row();
    row.Code(kPartners[partner.partner].code, kPartners[partner.partner].name);
    AddCosts(row, figures, partner.figures);
  }
  return table;
}

// FTE away in a quarter: hours away over a quarter of a post's available hours a year.
double FteAway(const plan::TrainingPlan& plan, double hours) {
  return plan.settings.hours_per_fte > 0 ? hours / (plan.settings.hours_per_fte / 4.0) : 0.0;
}

ReportTable AwayTable(const TrainingFigures& figures) {
  ReportTable table("training_away", "Time away on training by team or organisation and quarter",
                    {{"unit", "Team or organisation", CellKind::kText},
                     {"organisation", "Organisation", CellKind::kCode},
                     {"quarter", "Quarter", CellKind::kText},
                     {"quarter_start", "Starts", CellKind::kText},
                     {"hours_away", "Hours away", CellKind::kHours},
                     {"fte_away", "FTE away", CellKind::kFte},
                     {"unit_fte", "FTE in post", CellKind::kFte},
                     {"away_limit_hours", "Limit on hours away a quarter", CellKind::kHours},
                     {"share_of_limit", "Share of the limit", CellKind::kShare}});
  const plan::TrainingPlan& plan = figures.plan;
  for (const AwayRow& away : figures.away) {
    const plan::TrainingUnit& unit = plan.units[away.unit];
    const bool hours_hidden = figures.Hidden(away.hours);
    const bool fte_hidden = figures.Hidden(figures.unit_fte[away.unit]);
    auto row = table.Row();
    row.Text(unit.name)
        .Code(OrganisationCode(*figures.place, unit.organisation), OrganisationName(*figures.place, unit.organisation))
        .Text(plan.QuarterLabel(away.quarter))
        .Text(plan.QuarterStart(away.quarter))
        .Number(away.hours.value, hours_hidden)
        .Number(FteAway(plan, away.hours.value), hours_hidden)
        .Number(unit.fte, fte_hidden)
        .Number(unit.away_limit_hours, fte_hidden);
    if (unit.away_limit_hours > 0) {
      row.Number(away.hours.value / unit.away_limit_hours, hours_hidden || fte_hidden);
    } else {
      row.Empty();
    }
  }
  return table;
}

ReportTable NeedsTable(const TrainingFigures& figures) {
  ReportTable table("training_needs", "Learning needs by course, quarter due and reason, and when they are met",
                    {{"course", "Course", CellKind::kCode},
                     {"need_kind", "Why", CellKind::kCode},
                     {"need_quarter", "Due in", CellKind::kText},
                     {"need_by", "Due by", CellKind::kText},
                     {"learners", "Learners", CellKind::kCount},
                     {"completion_quarter", "Last learner scheduled completes in", CellKind::kText},
                     {"completed_by", "Completes by", CellKind::kText},
                     {"on_time", "Met in full by the date due", CellKind::kText}});
  const plan::TrainingPlan& plan = figures.plan;
  for (const NeedRow& need : figures.needs) {
    auto row = table.Row();
    AddCourse(row, plan.courses[need.course]);
    row.Code(plan::NeedKindCode(need.kind), plan::NeedKindName(need.kind))
        .Text(plan.QuarterLabel(need.need_quarter))
        .Text(plan.QuarterEnd(need.need_quarter));
    Add(row, figures, need.learners);
    if (need.completion >= 0) {
      row.Text(plan.QuarterLabel(need.completion)).Text(plan.QuarterEnd(need.completion));
    } else {
      row.Empty().Empty();
    }
    row.Text(need.OnTime());
  }
  return table;
}

// Why learners are unmet, as shared outputs say it: the plan's sentence, but for time away without
// the unit's FTE in post and hours away (which the tables may hide).
// A shared row, of every unit of its need together, says what binds once where it is the same for
// all of them, else the reason in words; and a unit's time away by the limit's share only.
std::string UnmetWhy(const TrainingFigures& figures, const UnmetRow& row) {
  const plan::TrainingPlan& plan = figures.plan;
  const plan::UnmetNeed& need = plan.unmet[row.need];
  if (figures.threshold() <= 0) return need.why;
  if (need.reason == plan::UnmetReason::kAwayAtOnce && need.group != plan::kNoGroup) {
    return fmt::format("their team or organisation would have more than {} of its available hours a quarter away in "
                       "every quarter that would finish by {}",
                       Percent(plan.settings.away_share, 0), plan.QuarterEnd(plan.groups[need.group].need_quarter));
  }
  const bool same = std::all_of(row.needs.begin(), row.needs.end(),
                                [&](std::size_t idx) { return plan.unmet[idx].why == need.why; });
  return same ? need.why : std::string(ReasonWords(need.reason));
}

ReportTable UnmetTable(const TrainingFigures& figures) {
  ReportTable table("training_unmet", "Learners the schedule leaves unmet, and why",
                    {{"course", "Course", CellKind::kCode},
                     {"competence", "What they need", CellKind::kText},
                     {"unit", "Team or organisation", CellKind::kText},
                     {"organisation", "Organisation", CellKind::kCode},
                     {"need_kind", "Why needed", CellKind::kCode},
                     {"need_by", "Due by", CellKind::kText},
                     {"reason", "Unmet because", CellKind::kCode},
                     {"learners", "Learners", CellKind::kCount},
                     {"why", "What binds", CellKind::kText}});
  const plan::TrainingPlan& plan = figures.plan;
  const Place& place = *figures.place;
  for (const UnmetRow& unmet : figures.unmet) {
    const plan::UnmetNeed& need = plan.unmet[unmet.need];
    const plan::TrainingUnit& unit = plan.units[need.unit];
    auto row = table.Row();
    if (need.group == plan::kNoGroup) {
      row.Empty().Text(need.competence);
    } else {
      const plan::Course& course = plan.courses[plan.groups[need.group].course];
      AddCourse(row, course);
      row.Text(Confers(course, place));
    }
    if (figures.threshold() <= 0) {
      row.Text(unit.name).Code(OrganisationCode(place, unit.organisation), OrganisationName(place, unit.organisation));
    } else {
      // Shared: every unit of the need together, however many (how many would bound the learners).
      row.Text(std::string(kEveryUnit)).Empty();
    }
    row.Code(plan::NeedKindCode(need.kind), plan::NeedKindName(need.kind));
    if (need.group == plan::kNoGroup) {
      row.Empty();
    } else {
      row.Text(plan.QuarterEnd(plan.groups[need.group].need_quarter));
    }
    row.Code(plan::UnmetReasonCode(need.reason), ReasonWords(need.reason));
    Add(row, figures, unmet.learners);
    row.Text(UnmetWhy(figures, unmet));
  }
  return table;
}

std::vector<ReportTable> Tables(const TrainingFigures& figures) {
  std::vector<ReportTable> tables;
  tables.push_back(CoursesTable(figures));
  tables.push_back(CohortsTable(figures));
  tables.push_back(OrganisationsTable(figures));
  tables.push_back(PartnersTable(figures));
  tables.push_back(AwayTable(figures));
  tables.push_back(NeedsTable(figures));
  tables.push_back(UnmetTable(figures));
  return tables;
}

// ---------------------------------------------------------------------------------------------
// Facts, the report and the terminal.

ordered_json Facts(const TrainingFigures& figures) {
  const plan::TrainingPlan& plan = figures.plan;
  const auto count = [&](const Fig& figure) -> ordered_json {
    if (figures.Hidden(figure)) return nullptr;
    return std::llround(figure.value);
  };
  const auto money = [&](const Fig& figure) -> ordered_json {
    if (figures.Hidden(figure)) return nullptr;
    return figure.value;
  };
  ordered_json facts = ordered_json::object();
  facts["first_day"] = plan.QuarterStart(0);
  facts["last_day"] = plan.settings.quarters > 0 ? plan.QuarterEnd(plan.settings.quarters - 1) : plan.QuarterStart(0);
  facts["years"] = plan.settings.years;
  facts["quarters"] = plan.settings.quarters;
  facts["away_share"] = plan.settings.away_share;
  facts["joint"] = plan.settings.joint;
  facts["backfill"] = plan.settings.backfill_agency ? "agency" : "bank";
  facts["learners_needed"] = count(figures.totals.needed);
  facts["learners_scheduled"] = count(figures.totals.scheduled);
  facts["learners_unmet"] = count(figures.totals.unmet);
  facts["learners_after_schedule"] = count(figures.totals.after);
  facts["learners_no_course"] = count(figures.totals.no_course);
  ordered_json reasons = ordered_json::object();
  for (std::size_t reason = 0; reason < kReasons.size(); ++reason) {
    reasons[plan::UnmetReasonCode(kReasons[reason])] = count(figures.totals.reasons[reason]);
  }
  facts["unmet_by_reason"] = std::move(reasons);
  facts["cohorts"] = count(figures.totals.cohorts);
  facts["fees"] = money(figures.totals.fees);
  facts["backfill_cost"] = money(figures.totals.backfill);
  facts["trainer_cost"] = money(figures.totals.trainer);
  facts["cost"] = money(figures.totals.cost);
  facts["hours_away"] = money(figures.totals.hours);
  facts["status"] = plan::StatusText(plan.status);
  facts["placeable_at_most"] = plan.placeable_at_most;
  facts["variables"] = plan.variables;
  facts["integer_variables"] = plan.integer_variables;
  facts["constraints"] = plan.constraints;
  facts["binding"] = figures.Binding();
  return facts;
}

std::vector<std::string> TrainingFigures::Binding() const {
  if (threshold() <= 0) return plan.binding;
  std::map<std::string, bool> named;  // an away-at-once bound's name: whether it may be shown
  for (const AwayRow& row : away) {
    named[fmt::format("away at once: {} in {}", plan.units[row.unit].name, plan.QuarterLabel(row.quarter))] =
        !Hidden(row.hours) && !Hidden(unit_fte[row.unit]);
  }
  std::vector<std::string> shown;
  int64_t unnamed = 0;
  for (const std::string& bound : plan.binding) {
    if (!bound.starts_with("away at once: ")) {
      shown.push_back(bound);
      continue;
    }
    const auto found = named.find(bound);
    if (found != named.end() && found->second) {
      shown.push_back(bound);
    } else {
      ++unnamed;
    }
  }
  if (unnamed > 0) {
    shown.push_back(fmt::format("away at once: {} quarters of teams or organisations whose staff or time away the tables "
                                "hide",
                                Count(unnamed)));
  }
  return shown;
}

std::string CountText(const TrainingFigures& figures, const Fig& figure) {
  return figures.Hidden(figure) ? std::string(kSuppressed) : Count(std::llround(figure.value));
}
std::string MoneyText(const TrainingFigures& figures, const Fig& figure) {
  return figures.Hidden(figure) ? std::string(kSuppressed) : MoneyShort(figure.value);
}

// "cohort" or "cohorts", as the figure reads.
std::string_view Cohorts(const TrainingFigures& figures, const Fig& cohorts) {
  return !figures.Hidden(cohorts) && std::llround(cohorts.value) == 1 ? "cohort" : "cohorts";
}

// "2 because the provider's cohorts are full; 1 because ...": the reasons with learners.
std::vector<std::string> UnmetReasons(const TrainingFigures& figures, bool words) {
  std::vector<std::string> parts;
  for (std::size_t reason = 0; reason < kReasons.size(); ++reason) {
    const plan::UnmetReason code = kReasons[reason];
    if (code == plan::UnmetReason::kNoCourse || code == plan::UnmetReason::kAfterSchedule) continue;
    if (figures.totals.reasons[reason].value <= 0) continue;
    const std::string learners = CountText(figures, figures.totals.reasons[reason]);
    parts.push_back(words ? fmt::format("{} because {}", learners, ReasonWords(code))
                          : fmt::format("{} {}", learners, plan::UnmetReasonCode(code)));
  }
  return parts;
}

// The units to chart: the largest by their shown hours away (hidden hours never rank a unit).
std::vector<std::size_t> ChartedUnits(const TrainingFigures& figures) {
  std::map<std::size_t, double> shown;
  for (const AwayRow& row : figures.away) {
    if (!figures.Hidden(row.hours)) shown[row.unit] += row.hours.value;
  }
  std::vector<std::pair<double, std::size_t>> ranked;
  for (const auto& [unit, hours] : shown) ranked.emplace_back(hours, unit);
  std::stable_sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<std::size_t> units;
  for (std::size_t idx = 0; idx < std::min(kChartedUnits, ranked.size()); ++idx) units.push_back(ranked[idx].second);
  return units;
}

BarChartBlock AwayChart(const TrainingFigures& figures, std::size_t unit) {
  const plan::TrainingPlan& plan = figures.plan;
  const plan::TrainingUnit& info = plan.units[unit];
  const std::string limit = figures.Hidden(figures.unit_fte[unit])
                                ? std::string()
                                : fmt::format(" (limit {:.2f} FTE)", FteAway(plan, info.away_limit_hours));
  BarChartBlock chart{fmt::format("FTE away on training by quarter: {}{}", info.name, limit), {}};
  std::map<int, const AwayRow*> rows;
  for (const AwayRow& row : figures.away) {
    if (row.unit == unit) rows[row.quarter] = &row;
  }
  for (int quarter = 0; quarter < plan.settings.quarters; ++quarter) {
    const auto found = rows.find(quarter);
    // Two decimals: a team's time away is often a fraction of a post.
    Bar bar{plan.QuarterLabel(quarter), 0.0, "0.00", false};
    if (found != rows.end()) {
      bar.hidden = figures.Hidden(found->second->hours);
      bar.value = bar.hidden ? 0.0 : FteAway(plan, found->second->hours.value);
      bar.text = bar.hidden ? std::string(kSuppressed) : fmt::format("{:.2f}", bar.value);
    }
    chart.bars.push_back(std::move(bar));
  }
  return chart;
}

}  // namespace

std::set<std::string> HiddenOrganisations(const intelligence::WorkforceProfile& profile) {
  std::set<std::string> hidden;
  for (const intelligence::GroupFigures& organisation : profile.by_organisation) {
    if (organisation.suppressed) hidden.insert(organisation.code);
  }
  return hidden;
}

std::vector<ReportTable> TrainingTables(const plan::TrainingPlan& plan, const Place& place, int threshold,
                                        const std::set<std::string>& hidden_organisations) {
  return Tables(TrainingFigures(plan, &place, threshold, hidden_organisations));
}

ordered_json TrainingFacts(const plan::TrainingPlan& plan, const Place& place, int threshold,
                           const std::set<std::string>& hidden_organisations) {
  return Facts(TrainingFigures(plan, &place, threshold, hidden_organisations));
}

ordered_json TrainingJson(const plan::TrainingPlan& plan, const Place& place, int threshold,
                          const std::set<std::string>& hidden_organisations) {
  const TrainingFigures figures(plan, &place, threshold, hidden_organisations);
  ordered_json json;
  json["format"] = "careforce-training";
  json["format_version"] = 1;
  json["place"] = place.name;
  json["suppression_threshold"] = threshold;
  const ordered_json facts = Facts(figures);
  for (const auto& [key, value] : facts.items()) json[key] = value;
  ordered_json tables = ordered_json::object();
  for (const ReportTable& table : Tables(figures)) tables[table.key()] = table.Json();
  json["tables"] = std::move(tables);
  return json;
}

void TrainingSection(const plan::TrainingPlan* plan, const std::string& skipped, const Place* place, int threshold,
                     const std::set<std::string>& hidden_organisations, DocumentBuilder& document) {
  Section& section = document.Begin("training", 5, "Step 5 · Plan to deliver: training");
  if (plan == nullptr) {
    section.facts = {{"skipped", skipped}};
    document.Warning(fmt::format("No training plan: {}.", skipped));
    return;
  }
  if (place == nullptr) {
    section.facts = {{"skipped", "the report was built without the place"}};
    document.Warning("The training plan's tables were not built: the report was made without the place "
                     "(report::BuildPlanDocument needs it for the organisations and their staff).");
    return;
  }
  const TrainingFigures figures(*plan, place, threshold, hidden_organisations);
  section.facts = Facts(figures);
  std::map<std::string, std::size_t> added;
  for (ReportTable& table : Tables(figures)) {
    const std::string key = table.key();
    added[key] = document.Add(std::move(table));
  }
  const Totals& totals = figures.totals;
  const std::string last_day = plan->settings.quarters > 0 ? plan->QuarterEnd(plan->settings.quarters - 1) : "";
  document.Text({"Of ", Strong(fmt::format("{} learners", CountText(figures, totals.needed))),
                 fmt::format(" needed from {} to {}, ", plan->QuarterStart(0), last_day),
                 Strong(fmt::format("{} are scheduled", CountText(figures, totals.scheduled))),
                 fmt::format(" in {} {} of {} course{}. The training costs ", CountText(figures, totals.cohorts),
                             Cohorts(figures, totals.cohorts), Count(static_cast<int64_t>(figures.courses.size())),
                             figures.courses.size() == 1 ? "" : "s"),
                 Strong(MoneyText(figures, totals.cost)),
                 fmt::format(": {} in course fees, {} to cover learners' time away (at the {} rate) and {} of trainer "
                             "time.",
                             MoneyText(figures, totals.fees), MoneyText(figures, totals.backfill),
                             plan->settings.backfill_agency ? "agency" : "bank", MoneyText(figures, totals.trainer))});
  const std::vector<std::string> reasons = UnmetReasons(figures, true);
  std::vector<Run> unmet;
  if (totals.unmet.value > 0) {
    unmet.push_back(Strong(fmt::format("{} learners are unmet", CountText(figures, totals.unmet))));
    unmet.push_back(reasons.empty() ? Run(". ") : Run(fmt::format(": {}. ", fmt::join(reasons, "; "))));
  } else {
    unmet.push_back("Every learner needed within the schedule is scheduled. ");
  }
  if (totals.after.value > 0) {
    unmet.push_back(fmt::format("{} more fall due after its last quarter and are listed, not scheduled. ",
                                CountText(figures, totals.after)));
  }
  if (totals.no_course.value > 0) {
    unmet.push_back(fmt::format("{} need a competence or role no course of the catalogue confers. ",
                                CountText(figures, totals.no_course)));
  }
  document.Text(std::move(unmet));
  Cards cards;
  cards.cards.push_back({CountText(figures, totals.scheduled), "learners scheduled"});
  cards.cards.push_back({CountText(figures, totals.cohorts), "cohorts"});
  cards.cards.push_back({MoneyText(figures, totals.cost), "cost of the training"});
  cards.cards.push_back({CountText(figures, totals.unmet), "learners unmet"});
  document.Block(std::move(cards));
  document.Note(fmt::format(
      "Learners are places on courses (a person on two courses counts twice), each due by the end of a quarter: role "
      "profile gaps and lapsed refreshers within {} months, refreshers as they fall due, the skill mix's "
      "cross-skilling, conversions and new starters by its years. Time away is a course's hours off the job spread "
      "evenly over its quarters; FTE away = hours away in a quarter / ({} available hours a year / 4). A team's or "
      "organisation's limit is {} of its available hours a quarter, or one learner's hours if more. Backfill = hours "
      "off the job × the cost of an hour of the learners' work.",
      plan->settings.catch_up_months, Count(std::llround(plan->settings.hours_per_fte)),
      Percent(plan->settings.away_share, 0)));
  if (threshold > 0) {
    // Said plainly: the rules check each table against its totals, not every route across tables
    // (docs/data-protection.md, "Training plan").
    document.Note(fmt::format("Counts of 1 to {} learners are shown as {}, and so are the figures that would give one "
                              "back by the rules of docs/data-protection.md (another row, a total, fees or hours off "
                              "the job at the catalogue's figures, in whole numbers, a need against its cohorts, a team's "
                              "or organisation's staff in post). Those rules check each table against its totals, not "
                              "yet every route across tables: share these training tables only with the organisations "
                              "whose staff they count.",
                              threshold - 1, kSuppressed));
  }
  document.ShowTable(added.at("training_courses"));
  const std::vector<std::size_t> charted = ChartedUnits(figures);
  if (!charted.empty()) {
    document.Heading("Time away from services");
    for (const std::size_t unit : charted) document.Block(AwayChart(figures, unit));
  }
  document.ShowTable(added.at("training_away"));
  document.ShowTable(added.at("training_organisations"));
  document.ShowTable(added.at("training_partners"));
  document.ShowTable(added.at("training_cohorts"));
  document.ShowTable(added.at("training_needs"));
  if (!document.Table(added.at("training_unmet")).rows().empty()) document.ShowTable(added.at("training_unmet"));
  const std::vector<std::string> binding = figures.Binding();
  if (!binding.empty()) {
    // The first few: a large place has hundreds of teams at their time-away limit in some quarter
    // (each in training_away.csv, at a share of its limit of 100%).
    constexpr std::size_t kShown = 10;
    const std::size_t shown = std::min(kShown, binding.size());
    const std::vector<std::string> first(binding.begin(), binding.begin() + static_cast<std::ptrdiff_t>(shown));
    document.Note(fmt::format("Limits at their bound in the schedule: {}{}.", fmt::join(first, "; "),
                              binding.size() > shown
                                  ? fmt::format("; and {} more (training.json lists them all)",
                                                Count(static_cast<int64_t>(binding.size() - shown)))
                                  : ""));
  }
  document.Note(fmt::format("The schedule is the cheapest of its cohorts by course and quarter: a mixed-integer "
                            "programme of {} variables ({} integer) and {} constraints, {} (CBC).",
                            Count(static_cast<int64_t>(plan->variables)), Count(static_cast<int64_t>(plan->integer_variables)),
                            Count(static_cast<int64_t>(plan->constraints)), plan::StatusText(plan->status)));
  if (plan->status == plan::SolveStatus::kStopped || plan->placeable_at_most > 0) {
    document.Note(fmt::format("CBC stopped {}: a better schedule could place at most {} more of the unmet learners "
                              "(its proven bound).",
                              plan->status == plan::SolveStatus::kStopped ? "at its limit" : "within [training] solve_gap",
                              plan->placeable_at_most));
  }
}

std::string TrainingText(const plan::TrainingPlan& plan, int threshold, const Place* place,
                         const std::set<std::string>& hidden_organisations) {
  const TrainingFigures figures(plan, place, threshold, hidden_organisations);
  const Totals& totals = figures.totals;
  std::string text = fmt::format("  training: {} learners needed, {} scheduled in {} {}, {} unmet; {} ({} fees, {} "
                                 "backfill, {} trainer)\n",
                                 CountText(figures, totals.needed), CountText(figures, totals.scheduled),
                                 CountText(figures, totals.cohorts), Cohorts(figures, totals.cohorts),
                                 CountText(figures, totals.unmet),
                                 MoneyText(figures, totals.cost), MoneyText(figures, totals.fees),
                                 MoneyText(figures, totals.backfill), MoneyText(figures, totals.trainer));
  std::vector<std::string> unmet = UnmetReasons(figures, false);
  if (totals.after.value > 0) unmet.push_back(fmt::format("{} due after the schedule", CountText(figures, totals.after)));
  if (totals.no_course.value > 0) unmet.push_back(fmt::format("{} with no course", CountText(figures, totals.no_course)));
  if (!unmet.empty()) text += fmt::format("  unmet: {}\n", fmt::join(unmet, ", "));
  text += fmt::format("  schedule: {} variables ({} integer), {} constraints, {} in {:.1f} s\n",
                      Count(static_cast<int64_t>(plan.variables)), Count(static_cast<int64_t>(plan.integer_variables)),
                      Count(static_cast<int64_t>(plan.constraints)), plan::StatusText(plan.status), plan.solve_seconds);
  if (plan.status == plan::SolveStatus::kStopped || plan.placeable_at_most > 0) {
    // CBC's proven bound, not a count of people: how many of the unmet a better schedule could at
    // most place (an unplaced learner weighs far above any cost in the objective).
    text += fmt::format("  {}: a better schedule could place at most {} more learners\n",
                        plan.status == plan::SolveStatus::kStopped ? "stopped at its limit" : "within its solve_gap",
                        plan.placeable_at_most);
  }
  if (threshold > 0 && text.find(kSuppressed) != std::string::npos) {
    text += fmt::format("  (* hides counts of 1 to {} learners and what the rules say would give them back; not every "
                        "route across tables yet: share the training tables only with the organisations they "
                        "count, docs/data-protection.md)\n",
                        threshold - 1);
  }
  return text;
}

// ---------------------------------------------------------------------------------------------
// One organisation's own tables.

std::vector<Index> TrainingOrganisations(const plan::TrainingPlan& plan) {
  std::set<Index> organisations;
  for (const plan::LearnerGroup& group : plan.groups) organisations.insert(plan.units[group.unit].organisation);
  for (const plan::OrganisationTrainingCost& cost : plan.organisations) organisations.insert(cost.organisation);
  for (const plan::UnmetNeed& need : plan.unmet) organisations.insert(plan.units[need.unit].organisation);
  organisations.erase(kNoIndex);
  return {organisations.begin(), organisations.end()};
}

std::vector<ReportTable> OrganisationTrainingTables(const plan::TrainingPlan& plan, const Place& place,
                                                    Index organisation,
                                                    const std::function<std::string(Index)>& pseudonym) {
  const std::vector<int> course_quarters = CourseQuarters(plan);
  const int quarters = plan.settings.quarters;
  const auto ours = [&](std::size_t group) { return plan.units[plan.groups[group].unit].organisation == organisation; };
  // Each person's role: that of their largest post (the first of equals), as the plan takes it.
  std::map<Index, const StaffPost*> main_post;
  for (const StaffPost& post : place.staff) {
    const StaffPost*& main = main_post[post.person];
    if (main == nullptr || post.fte > main->fte) main = &post;
  }
  const auto role_of = [&](Index person, std::size_t group) -> Index {
    if (person == kNoIndex) return plan.groups[group].role;
    const auto found = main_post.find(person);
    return found == main_post.end() ? kNoIndex : found->second->role;
  };

  ReportTable people("people", fmt::format("{}: each learner's courses", place.organisations[organisation].name),
                     {{"person", "Person (pseudonym)", CellKind::kText},
                      {"role", "Role", CellKind::kCode},
                      {"unit", "Team or organisation", CellKind::kText},
                      {"course", "Course", CellKind::kCode},
                      {"need_kind", "Why needed", CellKind::kCode},
                      {"need_by", "Due by", CellKind::kText},
                      {"status", "Scheduled, or unmet because", CellKind::kText},
                      {"quarter", "Starts in", CellKind::kText},
                      {"quarter_start", "Starts", CellKind::kText},
                      {"completed_by", "Completes by", CellKind::kText},
                      {"cohort", "Cohort", CellKind::kCount},
                      {"fee", "Fee", CellKind::kMoney},
                      {"off_job_hours", "Hours off the job", CellKind::kHours},
                      {"why", "What binds", CellKind::kText}});
  const auto person_row = [&](Index person, std::size_t group) {
    const plan::LearnerGroup& learners = plan.groups[group];
    const plan::Course& course = plan.courses[learners.course];
    auto row = people.Row();
    row.Text(person == kNoIndex ? std::string("new starter") : pseudonym(person));
    const Index role = role_of(person, group);
    if (role == kNoIndex) {
      row.Empty();
    } else {
      row.Code(place.roles[role].code, place.roles[role].name);
    }
    row.Text(plan.units[learners.unit].name)
        .Code(course.code, course.name)
        .Code(plan::NeedKindCode(learners.kind), plan::NeedKindName(learners.kind))
        .Text(plan.QuarterEnd(learners.need_quarter));
    return row;
  };
  std::map<std::size_t, int> placed_persons;
  for (const plan::LearnerPlace& at : plan.places) {
    if (at.person != kNoIndex) ++placed_persons[at.group];
    if (!ours(at.group)) continue;
    const plan::Course& course = plan.courses[plan.groups[at.group].course];
    auto row = person_row(at.person, at.group);
    row.Text("scheduled")
        .Text(plan.QuarterLabel(at.start_quarter))
        .Text(plan.QuarterStart(at.start_quarter))
        .Text(plan.QuarterEnd(at.start_quarter + course_quarters[plan.groups[at.group].course] - 1))
        .Number(at.cohort)
        .Number(course.fee)
        .Number(course.off_job_hours)
        .Text("");
  }
  std::map<std::size_t, int> placed;
  for (const plan::LearnerPlace& at : plan.places) ++placed[at.group];
  for (const plan::UnmetNeed& need : plan.unmet) {
    if (need.group == plan::kNoGroup || !ours(need.group)) continue;
    const plan::LearnerGroup& group = plan.groups[need.group];
    const plan::Course& course = plan.courses[group.course];
    std::vector<Index> persons(group.people.begin() + placed_persons[need.group], group.people.end());
    const int starters = group.starters - (placed[need.group] - placed_persons[need.group]);
    for (int starter = 0; starter < starters; ++starter) persons.push_back(kNoIndex);
    for (const Index person : persons) {
      auto row = person_row(person, need.group);
      row.Text(plan::UnmetReasonCode(need.reason))
          .Empty()
          .Empty()
          .Empty()
          .Empty()
          .Number(course.fee)
          .Number(course.off_job_hours)
          .Text(need.why);
    }
  }

  ReportTable cohorts("cohorts", fmt::format("{}: its learners by cohort", place.organisations[organisation].name),
                      {{"course", "Course", CellKind::kCode},
                       {"provider", "Provider", CellKind::kText},
                       {"quarter", "Quarter", CellKind::kText},
                       {"quarter_start", "Starts", CellKind::kText},
                       {"cohort", "Cohort", CellKind::kCount},
                       {"learners", "Its learners", CellKind::kCount}});
  {
    std::map<std::tuple<std::size_t, int, std::size_t, int>, int> learners;  // course, quarter, pool, cohort
    for (const plan::LearnerPlace& at : plan.places) {
      if (!ours(at.group)) continue;
      const plan::LearnerGroup& group = plan.groups[at.group];
      ++learners[{group.course, at.start_quarter, group.pool, at.cohort}];
    }
    for (const auto& [key, count] : learners) {
      const auto [course_index, quarter, pool, cohort] = key;
      const plan::Course& course = plan.courses[course_index];
      auto row = cohorts.Row();
      row.Code(course.code, course.name)
          .Text(course.by_employer ? place.organisations[organisation].code : course.provider)
          .Text(plan.QuarterLabel(quarter))
          .Text(plan.QuarterStart(quarter))
          .Number(cohort)
          .Number(count);
    }
  }

  ReportTable costs("costs", fmt::format("{}: the cost of its training", place.organisations[organisation].name),
                    {{"course", "Course", CellKind::kCode},
                     {"learners", "Learners scheduled", CellKind::kCount},
                     {"fees", "Fees", CellKind::kMoney},
                     {"backfill", "Cover of time away (backfill)", CellKind::kMoney},
                     {"trainer", "Trainer time", CellKind::kMoney},
                     {"total_cost", "Total cost", CellKind::kMoney},
                     {"hours_away", "Hours away (off the job)", CellKind::kHours}});
  {
    std::map<std::size_t, std::array<double, 3>> by_course;  // learners, backfill, hours
    for (const plan::LearnerPlace& at : plan.places) {
      if (!ours(at.group)) continue;
      const plan::LearnerGroup& group = plan.groups[at.group];
      const plan::Course& course = plan.courses[group.course];
      auto& figures = by_course[group.course];
      figures[0] += 1.0;
      figures[1] += course.off_job_hours * group.backfill_per_hour;
      figures[2] += course.off_job_hours;
    }
    for (const auto& [course_index, figures] : by_course) {
      const plan::Course& course = plan.courses[course_index];
      costs.Row()
          .Code(course.code, course.name)
          .Number(figures[0])
          .Number(figures[0] * course.fee)
          .Number(figures[1])
          .Empty()
          .Empty()
          .Number(figures[2]);
    }
    for (const plan::OrganisationTrainingCost& cost : plan.organisations) {
      if (cost.organisation != organisation) continue;
      // Trainer time by organisation only: a share of a cohort by course would give back the
      // other organisations' learners in it.
      costs.Row()
          .Code("all", "All courses")
          .Number(cost.learners)
          .Number(cost.fees)
          .Number(cost.backfill)
          .Number(cost.trainer)
          .Number(cost.total())
          .Number(cost.hours_away);
    }
  }

  ReportTable away("time_away", fmt::format("{}: time away by team and quarter", place.organisations[organisation].name),
                   {{"unit", "Team or organisation", CellKind::kText},
                    {"quarter", "Quarter", CellKind::kText},
                    {"quarter_start", "Starts", CellKind::kText},
                    {"learners_away", "Learners away", CellKind::kCount},
                    {"hours_away", "Hours away", CellKind::kHours},
                    {"fte_away", "FTE away", CellKind::kFte},
                    {"unit_fte", "FTE in post", CellKind::kFte},
                    {"away_limit_hours", "Limit on hours away a quarter", CellKind::kHours},
                    {"share_of_limit", "Share of the limit", CellKind::kShare}});
  {
    std::map<std::pair<std::size_t, int>, int> learners_away;
    for (const plan::LearnerPlace& at : plan.places) {
      const plan::LearnerGroup& group = plan.groups[at.group];
      if (!ours(at.group) || plan.courses[group.course].off_job_hours <= 0) continue;
      const int end = std::min(quarters, at.start_quarter + course_quarters[group.course]);
      for (int quarter = at.start_quarter; quarter < end; ++quarter) ++learners_away[{group.unit, quarter}];
    }
    for (std::size_t unit = 0; unit < plan.units.size(); ++unit) {
      const plan::TrainingUnit& info = plan.units[unit];
      if (info.organisation != organisation) continue;
      for (int quarter = 0; quarter < quarters; ++quarter) {
        const double hours = unit < plan.hours_away.size() ? plan.hours_away[unit][static_cast<std::size_t>(quarter)] : 0.0;
        auto row = away.Row();
        row.Text(info.name)
            .Text(plan.QuarterLabel(quarter))
            .Text(plan.QuarterStart(quarter))
            .Number(learners_away[{unit, quarter}])
            .Number(hours)
            .Number(FteAway(plan, hours))
            .Number(info.fte)
            .Number(info.away_limit_hours);
        if (info.away_limit_hours > 0) {
          row.Number(hours / info.away_limit_hours);
        } else {
          row.Empty();
        }
      }
    }
  }
  std::vector<ReportTable> tables;
  tables.push_back(std::move(people));
  tables.push_back(std::move(cohorts));
  tables.push_back(std::move(costs));
  tables.push_back(std::move(away));
  return tables;
}

}  // namespace careforce::report
