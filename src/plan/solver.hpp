#pragma once

#include <limits>
#include <string>
#include <vector>

namespace careforce::plan {

inline constexpr double kInfinity = std::numeric_limits<double>::infinity();

// A linear or mixed-integer programme, minimised, built by name so that results and infeasibility
// reports speak of the model's own variables and constraints. The one interface careforce has to
// an optimiser (COIN-OR CLP for linear programmes, CBC when a variable is integer).
class LinearProgram {
 public:
  struct Variable {
    std::string name;
    double lower = 0.0;
    double upper = kInfinity;
    double cost = 0.0;
    bool integer = false;
  };
  struct Constraint {
    std::string name;
    double lower = -kInfinity;
    double upper = kInfinity;
    // Whether an infeasibility diagnosis may relax it: limits (hours, budgets, hires) are,
    // goals (demand to meet) are not, so that the report names what stops the goal.
    bool relaxable = true;
  };
  struct Entry {
    int row;
    int column;
    double value;
  };

  int AddVariable(std::string name, double lower, double upper, double cost, bool integer = false);
  int AddConstraint(std::string name, double lower, double upper, bool relaxable = true);
  // Adds `value` to the coefficient of `column` in `row`.
  void Add(int row, int column, double value);

  const std::vector<Variable>& variables() const { return variables_; }
  const std::vector<Constraint>& constraints() const { return constraints_; }
  const std::vector<Entry>& entries() const { return entries_; }
  bool HasIntegers() const;

 private:
  std::vector<Variable> variables_;
  std::vector<Constraint> constraints_;
  std::vector<Entry> entries_;
};

enum class SolveStatus { kOptimal, kInfeasible, kUnbounded, kFailed };

struct Solution {
  SolveStatus status = SolveStatus::kFailed;
  double objective = 0.0;
  std::vector<double> values;    // per variable
  std::vector<double> activity;  // per constraint: the row's value
  std::vector<double> duals;     // per constraint (linear programmes only): cost change per unit of bound
  // Constraints at one of their bounds with a non-zero dual: the ones that shape the optimum.
  std::vector<std::string> binding;
  // When infeasible: the relaxable constraints that stop the others holding, as the smallest
  // total violation (relative to each limit) of an elastic copy of the programme shows them,
  // with the violation each needs (empty when relaxing them all is not enough).
  std::vector<std::pair<std::string, double>> conflicting;
};

std::string StatusText(SolveStatus status);

// How many iterations the dual simplex gets before the primal simplex starts again (see
// solver.cpp); negative: 2 × rows + 1000.
inline constexpr int kDefaultDualIterations = -1;

// Solves the programme; never throws for an infeasible or unbounded one (see the status). An
// infeasible one's conflicting limits are named (an elastic copy solved again) when
// `name_conflicts`.
Solution Solve(const LinearProgram& program, int dual_iterations = kDefaultDualIterations,
               bool name_conflicts = true);

// Writes the programme in MPS format (free MPS with the model's names) for checking with
// another solver.
void WriteMps(const LinearProgram& program, const std::string& path);

}  // namespace careforce::plan
