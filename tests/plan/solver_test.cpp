// The optimiser interface on programmes whose optima are known by hand.

#include "plan/solver.hpp"

#include <gtest/gtest.h>

#include <coin/ClpSimplex.hpp>

#include "test_support.hpp"

namespace careforce::plan {
namespace {

// min 2x + 3y  s.t.  x + y >= 4,  x + 3y >= 6,  x, y >= 0.
// The optimum is the vertex where both hold with equality: x = 3, y = 1, cost 9; the dual
// max 4u + 6v s.t. u + v <= 2, u + 3v <= 3 gives u = 1.5, v = 0.5 (also 9).
LinearProgram TwoConstraints() {
  LinearProgram program;
  const int x = program.AddVariable("x", 0, kInfinity, 2);
  const int y = program.AddVariable("y", 0, kInfinity, 3);
  const int first = program.AddConstraint("cover_4", 4, kInfinity);
  const int second = program.AddConstraint("cover_6", 6, kInfinity);
  program.Add(first, x, 1);
  program.Add(first, y, 1);
  program.Add(second, x, 1);
  program.Add(second, y, 3);
  return program;
}

TEST(Solver, LinearOptimumWithDualsAndBindingConstraints) {
  const Solution solution = Solve(TwoConstraints());
  ASSERT_EQ(solution.status, SolveStatus::kOptimal);
  EXPECT_NEAR(solution.objective, 9.0, 1e-9);
  EXPECT_NEAR(solution.values[0], 3.0, 1e-9);
  EXPECT_NEAR(solution.values[1], 1.0, 1e-9);
  EXPECT_NEAR(solution.duals[0], 1.5, 1e-9);
  EXPECT_NEAR(solution.duals[1], 0.5, 1e-9);
  EXPECT_EQ(solution.binding, (std::vector<std::string>{"cover_4", "cover_6"}));
}

TEST(Solver, PrimalSimplexTakesOverWhenTheDualRunsOutOfIterations) {
  // No iterations for the dual simplex: the primal simplex finds the same vertex and duals.
  const Solution solution = Solve(TwoConstraints(), /*dual_iterations=*/0);
  ASSERT_EQ(solution.status, SolveStatus::kOptimal);
  EXPECT_NEAR(solution.objective, 9.0, 1e-9);
  EXPECT_NEAR(solution.values[0], 3.0, 1e-9);
  EXPECT_NEAR(solution.values[1], 1.0, 1e-9);
  EXPECT_NEAR(solution.duals[0], 1.5, 1e-9);
  EXPECT_NEAR(solution.duals[1], 0.5, 1e-9);
}

TEST(Solver, IntegerOptimumDiffersFromTheLinearOne) {
  // min -5x - 4y  s.t.  6x + 4y <= 24,  x + 2y <= 6: the linear optimum is (3, 1.5) at -21;
  // with whole x and y it is (4, 0) at -20 ((3, 1) gives -19, (2, 2) gives -18).
  LinearProgram program;
  const int x = program.AddVariable("x", 0, kInfinity, -5, true);
  const int y = program.AddVariable("y", 0, kInfinity, -4, true);
  const int a = program.AddConstraint("a", -kInfinity, 24);
  const int b = program.AddConstraint("b", -kInfinity, 6);
  program.Add(a, x, 6);
  program.Add(a, y, 4);
  program.Add(b, x, 1);
  program.Add(b, y, 2);
  const Solution solution = Solve(program);
  ASSERT_EQ(solution.status, SolveStatus::kOptimal);
  EXPECT_NEAR(solution.objective, -20.0, 1e-9);
  EXPECT_EQ(solution.values, (std::vector<double>{4.0, 0.0}));
}

TEST(Solver, InfeasibleProgrammeNamesTheConstraintsThatCannotAllHold) {
  // Hours: x + y <= 2 available, but x >= 3 needed; z is free to do anything.
  LinearProgram program;
  const int x = program.AddVariable("x", 0, kInfinity, 1);
  const int y = program.AddVariable("y", 0, kInfinity, 1);
  const int z = program.AddVariable("z", 0, 10, 1);
  const int hours = program.AddConstraint("hours_available", -kInfinity, 2);
  const int need = program.AddConstraint("demand_met", 3, kInfinity, /*relaxable=*/false);
  const int other = program.AddConstraint("other", 1, kInfinity);
  program.Add(hours, x, 1);
  program.Add(hours, y, 1);
  program.Add(need, x, 1);
  program.Add(other, z, 1);
  // Proved infeasible by the dual simplex, and by the primal simplex when the dual has no
  // iterations to spend.
  for (const int dual_iterations : {kDefaultDualIterations, 0}) {
    const Solution solution = Solve(program, dual_iterations);
    EXPECT_EQ(solution.status, SolveStatus::kInfeasible);
    // Demand is a goal: what stops it is the hours available, one short.
    ASSERT_EQ(solution.conflicting.size(), 1u);
    EXPECT_EQ(solution.conflicting[0].first, "hours_available");
    EXPECT_NEAR(solution.conflicting[0].second, 1.0, 1e-9);
  }
}

TEST(Solver, UnboundedProgrammeIsReported) {
  LinearProgram program;
  const int x = program.AddVariable("x", 0, kInfinity, -1);
  const int row = program.AddConstraint("at_least_one", 1, kInfinity);
  program.Add(row, x, 1);
  EXPECT_EQ(Solve(program).status, SolveStatus::kUnbounded);
  EXPECT_EQ(StatusText(SolveStatus::kUnbounded), "unbounded");
}

TEST(Solver, MpsFileReadByAnotherReaderGivesTheSameOptimum) {
  careforce::testing::TempDir temp;
  const std::string path = (temp.path() / "model.mps").string();
  LinearProgram program = TwoConstraints();
  // A range row and bounded and integer columns exercise every section of the file.
  const int z = program.AddVariable("z count", 1, 5, 1, true);
  const int range = program.AddConstraint("range row", 2, 7);
  program.Add(range, z, 1);
  WriteMps(program, path);
  ClpSimplex reader;
  reader.setLogLevel(0);
  ASSERT_EQ(reader.readMps(path.c_str(), true, false), 0);
  EXPECT_EQ(reader.numberRows(), 3);
  EXPECT_EQ(reader.numberColumns(), 3);
  EXPECT_EQ(reader.getColumnName(2), "z_count");
  EXPECT_TRUE(reader.isInteger(2));
  EXPECT_DOUBLE_EQ(reader.rowLower()[2], 2.0);
  EXPECT_DOUBLE_EQ(reader.rowUpper()[2], 7.0);
  reader.initialSolve();
  ASSERT_TRUE(reader.isProvenOptimal());
  EXPECT_NEAR(reader.objectiveValue(), 9.0 + 2.0, 1e-9);  // z at the range's lower end, 2
  EXPECT_NEAR(Solve(program).objective, 11.0, 1e-9);
}

}  // namespace
}  // namespace careforce::plan
