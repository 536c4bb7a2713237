#pragma once

#include <string>
#include <vector>

#include "plan/plan.hpp"
#include "report/table.hpp"

namespace careforce::report {

// Gaps by role (and locality) and year; the figures of a role (in a locality) whose supply series
// is suppressed are hidden.
std::vector<ReportTable> GapTables(const plan::GapResult& gaps, const supply::SupplyResult& supply);
// Section 4 of the report: required against available.
std::string GapSection(const plan::GapResult& gaps, const supply::SupplyResult& supply, int base_year, int last_year);

// The optimised skill mix: hours by role against today's mix, hires, training, delegations; the
// hours available to and used of a role whose supply series is suppressed are hidden.
std::vector<ReportTable> SkillMixTables(const plan::SkillMixPlan& plan, const supply::SupplyResult& supply);
// Section 5 of the report: the cheapest safe skill mix.
std::string SkillMixSection(const plan::SkillMixPlan& plan, const supply::SupplyResult& supply);

// Scenarios side by side.
ReportTable ScenarioTable(const std::vector<plan::ScenarioOutcome>& outcomes);
std::string ScenarioSection(const std::vector<plan::ScenarioOutcome>& outcomes);

// Policies crossed with futures, with regret.
std::vector<ReportTable> PolicyTables(const plan::PolicyMatrix& matrix);
std::string PolicySection(const plan::PolicyMatrix& matrix);
// The policy (or policies, when they tie) with the least worst-case regret, in a sentence.
std::string LeastRegretText(const plan::PolicyMatrix& matrix);

// "<constraint> (short by <amount with its unit>)": pounds for a budget, FTE for hire and
// training limits, hours for hours, supervision and delegation rows.
std::string ShortBy(const std::string& constraint, double amount);
std::string ShortAmount(const std::string& constraint, double amount);

}  // namespace careforce::report
