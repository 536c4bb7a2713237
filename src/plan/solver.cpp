#include "plan/solver.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <mutex>

#include <fmt/format.h>

#include <coin/CbcModel.hpp>
#include <coin/ClpSimplex.hpp>
#include <coin/ClpSolve.hpp>
#include <coin/CoinPackedMatrix.hpp>
#include <coin/OsiClpSolverInterface.hpp>

#include "model/error.hpp"

namespace careforce::plan {

namespace {

// Values this close to zero (or to a bound) count as zero.
constexpr double kTolerance = 1e-7;

double Finite(double value) { return std::isinf(value) ? (value > 0 ? COIN_DBL_MAX : -COIN_DBL_MAX) : value; }

struct Arrays {
  CoinPackedMatrix matrix;
  std::vector<double> column_lower, column_upper, cost, row_lower, row_upper;
};

Arrays ToArrays(const LinearProgram& program) {
  Arrays arrays;
  std::vector<int> rows, columns;
  std::vector<double> values;
  for (const LinearProgram::Entry& entry : program.entries()) {
    rows.push_back(entry.row);
    columns.push_back(entry.column);
    values.push_back(entry.value);
  }
  arrays.matrix = CoinPackedMatrix(true, rows.data(), columns.data(), values.data(), static_cast<CoinBigIndex>(values.size()));
  // The triplet constructor sizes the matrix by the largest index used: pad to the full size.
  arrays.matrix.setDimensions(static_cast<int>(program.constraints().size()), static_cast<int>(program.variables().size()));
  for (const LinearProgram::Variable& variable : program.variables()) {
    arrays.column_lower.push_back(Finite(variable.lower));
    arrays.column_upper.push_back(Finite(variable.upper));
    arrays.cost.push_back(variable.cost);
  }
  for (const LinearProgram::Constraint& constraint : program.constraints()) {
    arrays.row_lower.push_back(Finite(constraint.lower));
    arrays.row_upper.push_back(Finite(constraint.upper));
  }
  return arrays;
}

void FillRows(const LinearProgram& program, Solution& solution) {
  solution.activity.assign(program.constraints().size(), 0.0);
  for (const LinearProgram::Entry& entry : program.entries()) {
    solution.activity[static_cast<std::size_t>(entry.row)] += entry.value * solution.values[static_cast<std::size_t>(entry.column)];
  }
  for (std::size_t row = 0; row < program.constraints().size(); ++row) {
    const LinearProgram::Constraint& constraint = program.constraints()[row];
    const double activity = solution.activity[row];
    const bool at_bound = std::abs(activity - constraint.lower) <= kTolerance * (1 + std::abs(constraint.lower)) ||
                          std::abs(activity - constraint.upper) <= kTolerance * (1 + std::abs(constraint.upper));
    const bool priced = solution.duals.empty() ? true : std::abs(solution.duals[row]) > kTolerance;
    if (at_bound && priced) solution.binding.push_back(constraint.name);
  }
}

// A solver's verdict as careforce states it.
SolveStatus StatusOf(bool optimal, bool infeasible, bool unbounded) {
  if (optimal) return SolveStatus::kOptimal;
  if (infeasible) return SolveStatus::kInfeasible;
  if (unbounded) return SolveStatus::kUnbounded;
  return SolveStatus::kFailed;
}

// Which simplex method solves a linear programme. A feasible skill-mix programme solves fastest by
// the dual simplex, in about as many iterations as it has rows; an infeasible one (a budget too
// small for the demand) can take the dual simplex ten times that, where the primal simplex's first
// phase proves it in a few thousand. So the dual simplex gets a budget of iterations and, if it
// runs out, the primal simplex starts again from the slack basis. Elastic copies, feasible from
// the start with every slack basic and zero costs on the original variables, go straight to the
// primal simplex. Presolve does not pay for itself on either (docs/performance.md).
enum class Method { kDual, kPrimal };


Solution SolveLinear(const LinearProgram& program, Method method, int dual_iterations = kDefaultDualIterations) {
  Arrays arrays = ToArrays(program);
  ClpSimplex model;
  model.setLogLevel(0);
  model.messageHandler()->setLogLevel(0);
  model.loadProblem(arrays.matrix, arrays.column_lower.data(), arrays.column_upper.data(), arrays.cost.data(),
                    arrays.row_lower.data(), arrays.row_upper.data());
  ClpSolve how;
  how.setSolveType(method == Method::kDual ? ClpSolve::useDual : ClpSolve::usePrimal);
  how.setPresolveType(ClpSolve::presolveOff);
  const int unlimited = model.maximumIterations();
  if (method == Method::kDual) {
    model.setMaximumIterations(dual_iterations >= 0 ? dual_iterations : 2 * model.numberRows() + 1000);
  }
  model.initialSolve(how);
  if (method == Method::kDual && model.status() == 3) {  // stopped on the iteration budget
    model.setMaximumIterations(unlimited);
    model.allSlackBasis(true);
    model.primal();
  }
  Solution solution;
  solution.status = StatusOf(model.isProvenOptimal(), model.isProvenPrimalInfeasible(), model.isProvenDualInfeasible());
  if (solution.status != SolveStatus::kOptimal) return solution;
  solution.objective = model.objectiveValue();
  const double* values = model.primalColumnSolution();
  solution.values.assign(values, values + program.variables().size());
  const double* duals = model.dualRowSolution();
  solution.duals.assign(duals, duals + program.constraints().size());
  FillRows(program, solution);
  return solution;
}

// The constraints that cannot all hold: every relaxable row gets a surplus and a slack variable
// costing the violation relative to the row's limit, the original costs are dropped, and the rows
// needing a non-zero violation are named.
std::vector<std::pair<std::string, double>> Conflicts(const LinearProgram& program) {
  LinearProgram elastic;
  for (const LinearProgram::Variable& variable : program.variables()) {
    elastic.AddVariable(variable.name, variable.lower, variable.upper, 0.0);
  }
  for (const LinearProgram::Constraint& constraint : program.constraints()) {
    elastic.AddConstraint(constraint.name, constraint.lower, constraint.upper);
  }
  for (const LinearProgram::Entry& entry : program.entries()) elastic.Add(entry.row, entry.column, entry.value);
  std::vector<std::pair<std::size_t, int>> slacks;  // row, first of its two slack columns
  for (std::size_t row = 0; row < program.constraints().size(); ++row) {
    const LinearProgram::Constraint& constraint = program.constraints()[row];
    if (!constraint.relaxable) continue;
    // Violations are weighed relative to the limit (the least relative change to the limits).
    const double bound = std::isinf(constraint.upper) ? constraint.lower : constraint.upper;
    const double weight = 1.0 / std::max(1.0, std::isinf(bound) ? 1.0 : std::abs(bound));
    const int up = elastic.AddVariable("up_" + constraint.name, 0, kInfinity, weight);
    const int down = elastic.AddVariable("down_" + constraint.name, 0, kInfinity, weight);
    elastic.Add(static_cast<int>(row), up, 1.0);
    elastic.Add(static_cast<int>(row), down, -1.0);
    slacks.emplace_back(row, up);
  }
  const Solution relaxed = SolveLinear(elastic, Method::kPrimal);
  std::vector<std::pair<std::string, double>> conflicts;
  if (relaxed.status != SolveStatus::kOptimal) return conflicts;
  for (const auto& [row, column] : slacks) {
    const double violation = relaxed.values[static_cast<std::size_t>(column)] + relaxed.values[static_cast<std::size_t>(column) + 1];
    if (violation > kTolerance) conflicts.emplace_back(program.constraints()[row].name, violation);
  }
  return conflicts;
}

Solution SolveInteger(const LinearProgram& program, const IntegerLimits& limits) {
  Arrays arrays = ToArrays(program);
  OsiClpSolverInterface solver;
  solver.messageHandler()->setLogLevel(0);
  solver.loadProblem(arrays.matrix, arrays.column_lower.data(), arrays.column_upper.data(), arrays.cost.data(),
                     arrays.row_lower.data(), arrays.row_upper.data());
  for (std::size_t column = 0; column < program.variables().size(); ++column) {
    if (program.variables()[column].integer) solver.setInteger(static_cast<int>(column));
  }
  // CbcMain0 and CbcMain1 keep the command reader's position and some settings in globals, and
  // are not thread-safe unless CBC was built with CBC_THREAD_SAFE (coin-or/Cbc#332): one integer
  // programme is solved at a time, whatever thread asks.
  static std::mutex cbc_mutex;
  const std::lock_guard lock(cbc_mutex);
  CbcModel model(solver);
  model.setLogLevel(0);
  model.messageHandler()->setLogLevel(0);
  // CBC's standard solve (preprocessing, cutting planes and primal heuristics, as the cbc program
  // runs it): far faster on assignment programmes than bare branch and bound.
  CbcMain0(model);
  std::vector<std::string> words = {"careforce", "-log", "0"};
  if (limits.seconds > 0) {
    words.insert(words.end(), {"-sec", fmt::format("{}", limits.seconds)});
  }
  if (limits.nodes > 0) {
    words.insert(words.end(), {"-maxNodes", fmt::format("{}", limits.nodes)});
  }
  if (limits.absolute_gap > 0) {
    words.insert(words.end(), {"-allowableGap", fmt::format("{}", limits.absolute_gap)});
  }
  if (limits.relative_gap > 0) {
    words.insert(words.end(), {"-ratioGap", fmt::format("{}", limits.relative_gap)});
  }
  words.insert(words.end(), {"-solve", "-quit"});
  std::vector<const char*> arguments;
  for (const std::string& word : words) arguments.push_back(word.c_str());
  CbcMain1(static_cast<int>(arguments.size()), arguments.data(), model);
  Solution solution;
  solution.status = StatusOf(model.isProvenOptimal(), model.isProvenInfeasible(), model.isProvenDualInfeasible());
  // Stopped by a node or time limit with a solution.
  if (solution.status == SolveStatus::kFailed && model.bestSolution() != nullptr && model.status() == 1) {
    solution.status = SolveStatus::kStopped;
  }
  if (solution.status != SolveStatus::kOptimal && solution.status != SolveStatus::kStopped) return solution;
  solution.objective = model.getObjValue();
  solution.bound = std::min(model.getBestPossibleObjValue(), solution.objective);
  solution.gap = (solution.objective - solution.bound) / std::max(1.0, std::abs(solution.objective));
  if (solution.gap < kTolerance) solution.gap = 0.0;
  const double* values = model.bestSolution();
  solution.values.assign(values, values + program.variables().size());
  for (std::size_t column = 0; column < program.variables().size(); ++column) {
    if (program.variables()[column].integer) solution.values[column] = std::round(solution.values[column]);
  }
  FillRows(program, solution);
  return solution;
}

// Free MPS names may not hold spaces.
std::string MpsName(const std::string& name) {
  std::string out = name;
  for (char& c : out) {
    if (c == ' ' || c == '\t') c = '_';
  }
  return out;
}

std::string MpsNumber(double value) { return fmt::format("{:.17g}", value); }

}  // namespace

int LinearProgram::AddVariable(std::string name, double lower, double upper, double cost, bool integer) {
  variables_.push_back(Variable{std::move(name), lower, upper, cost, integer});
  return static_cast<int>(variables_.size()) - 1;
}

int LinearProgram::AddConstraint(std::string name, double lower, double upper, bool relaxable) {
  constraints_.push_back(Constraint{std::move(name), lower, upper, relaxable});
  return static_cast<int>(constraints_.size()) - 1;
}

void LinearProgram::Add(int row, int column, double value) {
  if (row < 0 || column < 0 || static_cast<std::size_t>(row) >= constraints_.size() ||
      static_cast<std::size_t>(column) >= variables_.size()) {
    throw InternalError(fmt::format("coefficient at row {} column {} outside the programme", row, column));
  }
  entries_.push_back(Entry{row, column, value});
}

bool LinearProgram::HasIntegers() const {
  for (const Variable& variable : variables_) {
    if (variable.integer) return true;
  }
  return false;
}

LinearProgram LinearProgram::Relaxation() const {
  LinearProgram relaxed = *this;
  for (Variable& variable : relaxed.variables_) variable.integer = false;
  return relaxed;
}

std::string StatusText(SolveStatus status) {
  switch (status) {
    case SolveStatus::kOptimal: return "optimal";
    case SolveStatus::kInfeasible: return "infeasible";
    case SolveStatus::kUnbounded: return "unbounded";
    case SolveStatus::kFailed: return "failed";
    case SolveStatus::kStopped: return "stopped at its limit";
  }
  return "failed";
}

Solution Solve(const LinearProgram& program, int dual_iterations, bool name_conflicts, const IntegerLimits& limits) {
  Solution solution = program.HasIntegers() ? SolveInteger(program, limits) : SolveLinear(program, Method::kDual, dual_iterations);
  if (solution.status == SolveStatus::kInfeasible && name_conflicts)
    solution.conflicting = Conflicts(program);
  return solution;
}

void WriteMps(const LinearProgram& program, const std::string& path) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << "NAME careforce\nROWS\n N cost\n";
  for (const LinearProgram::Constraint& row : program.constraints()) {
    const char* type = "G";  // a range [lower, upper] is a G row with a RANGES entry
    if (std::isinf(row.lower) && std::isinf(row.upper)) {
      type = "N";
    } else if (std::isinf(row.lower)) {
      type = "L";
    } else if (row.lower == row.upper) {
      type = "E";
    }
    out << ' ' << type << ' ' << MpsName(row.name) << '\n';
  }
  // Columns in order, each with its objective and matrix entries.
  std::vector<std::vector<std::pair<int, double>>> by_column(program.variables().size());
  for (const LinearProgram::Entry& entry : program.entries()) by_column[static_cast<std::size_t>(entry.column)].emplace_back(entry.row, entry.value);
  out << "COLUMNS\n";
  bool in_integers = false;
  int marker = 0;
  for (std::size_t column = 0; column < program.variables().size(); ++column) {
    const LinearProgram::Variable& variable = program.variables()[column];
    if (variable.integer != in_integers) {
      out << " MARKER" << marker++ << " 'MARKER' " << (variable.integer ? "'INTORG'" : "'INTEND'") << '\n';
      in_integers = variable.integer;
    }
    const std::string name = MpsName(variable.name);
    if (variable.cost != 0.0 || by_column[column].empty()) out << ' ' << name << " cost " << MpsNumber(variable.cost) << '\n';
    for (const auto& [row, value] : by_column[column]) {
      out << ' ' << name << ' ' << MpsName(program.constraints()[static_cast<std::size_t>(row)].name) << ' ' << MpsNumber(value) << '\n';
    }
  }
  if (in_integers) out << " MARKER" << marker << " 'MARKER' 'INTEND'\n";
  out << "RHS\n";
  for (const LinearProgram::Constraint& row : program.constraints()) {
    const double rhs = std::isinf(row.lower) ? row.upper : row.lower;
    if (!std::isinf(rhs) && rhs != 0.0) out << " rhs " << MpsName(row.name) << ' ' << MpsNumber(rhs) << '\n';
  }
  out << "RANGES\n";
  for (const LinearProgram::Constraint& row : program.constraints()) {
    if (!std::isinf(row.lower) && !std::isinf(row.upper) && row.lower != row.upper) {
      out << " range " << MpsName(row.name) << ' ' << MpsNumber(row.upper - row.lower) << '\n';
    }
  }
  out << "BOUNDS\n";
  for (const LinearProgram::Variable& variable : program.variables()) {
    const std::string name = MpsName(variable.name);
    if (std::isinf(variable.lower) && std::isinf(variable.upper)) {
      out << " FR bound " << name << '\n';
      continue;
    }
    if (variable.lower == variable.upper) {
      out << " FX bound " << name << ' ' << MpsNumber(variable.lower) << '\n';
      continue;
    }
    if (std::isinf(variable.lower)) {
      out << " MI bound " << name << '\n';
    } else if (variable.lower != 0.0) {
      out << " LO bound " << name << ' ' << MpsNumber(variable.lower) << '\n';
    }
    if (!std::isinf(variable.upper)) {
      out << " UP bound " << name << ' ' << MpsNumber(variable.upper) << '\n';
    } else if (variable.integer) {
      out << " PL bound " << name << '\n';  // integers without bounds are not binary
    }
  }
  out << "ENDATA\n";
  if (!out) throw IoError(fmt::format("{}: cannot write the MPS file", path));
}

}  // namespace careforce::plan
