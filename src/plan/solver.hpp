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
  // The same programme with every variable continuous (its linear relaxation).
  LinearProgram Relaxation() const;

 private:
  std::vector<Variable> variables_;
  std::vector<Constraint> constraints_;
  std::vector<Entry> entries_;
};

// kStopped: an integer programme stopped at a node or time limit with a solution that is feasible but
// not proven optimal (Solution::gap says how far from the best bound it may be).
enum class SolveStatus { kOptimal, kInfeasible, kUnbounded, kFailed, kStopped };

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
  // Integer programmes: the best bound CBC proved on the objective, and the relative gap between
  // it and the solution's objective ((objective - bound) / max(1, |objective|)); 0 when proven
  // optimal with no tolerance.
  double bound = 0.0;
  double gap = 0.0;
};

// When CBC may stop an integer programme short of proof, keeping the best solution found: once
// its objective is within `relative_gap` (or `absolute_gap`) of the best bound, after `nodes` branch-and-bound nodes
// (deterministic: the same programme stops at the same solution on any machine), or after
// `seconds` (a safety net only, since where it stops depends on the machine). 0: no limit.
struct IntegerLimits {
  double relative_gap = 0.0;
  double absolute_gap = 0.0;  // in the objective's units: stop once the objective is this near the bound
  int nodes = 0;
  double seconds = 0.0;
};

std::string StatusText(SolveStatus status);

// How many iterations the dual simplex gets before the primal simplex starts again (see
// solver.cpp); negative: 2 × rows + 1000.
inline constexpr int kDefaultDualIterations = -1;

// Solves the programme; never throws for an infeasible or unbounded one (see the status). An
// infeasible one's conflicting limits are named (an elastic copy solved again) when
// `name_conflicts`.
Solution Solve(const LinearProgram& program, int dual_iterations = kDefaultDualIterations,
               bool name_conflicts = true, const IntegerLimits& limits = {});

// Writes the programme in MPS format (free MPS with the model's names) for checking with
// another solver.
void WriteMps(const LinearProgram& program, const std::string& path);

}  // namespace careforce::plan
