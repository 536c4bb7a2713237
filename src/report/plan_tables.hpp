#pragma once

#include <string>
#include <vector>

#include "plan/plan.hpp"
#include "report/document.hpp"
#include "report/table.hpp"

namespace careforce::report {

// Gaps by role (and locality) and year; the figures of a role (in a locality) whose supply series
// is suppressed are hidden.
std::vector<ReportTable> GapTables(const plan::GapResult& gaps, const supply::SupplyResult& supply);
// Section 4 of the report: required against available.
void GapSection(const plan::GapResult& gaps, const supply::SupplyResult& supply, int base_year, int last_year,
                DocumentBuilder& document);

// The optimised skill mix: hours by role against today's mix, hires, training, delegations; the
// hours available to and used of a role whose supply series is suppressed are hidden.
std::vector<ReportTable> SkillMixTables(const plan::SkillMixPlan& plan, const supply::SupplyResult& supply);
// Section 5 of the report: the cheapest safe skill mix.
void SkillMixSection(const plan::SkillMixPlan& plan, const supply::SupplyResult& supply, DocumentBuilder& document);

// Scenarios side by side.
ReportTable ScenarioTable(const std::vector<plan::ScenarioOutcome>& outcomes);
void ScenarioSection(const std::vector<plan::ScenarioOutcome>& outcomes, DocumentBuilder& document);

// Policies crossed with futures, with regret.
std::vector<ReportTable> PolicyTables(const plan::PolicyMatrix& matrix);
void PolicySection(const plan::PolicyMatrix& matrix, DocumentBuilder& document);
// The policy (or policies, when they tie) with the least worst-case regret, in a sentence.
std::string LeastRegretText(const plan::PolicyMatrix& matrix);

// "<constraint> (short by <amount with its unit>)": pounds for a budget, FTE for hire and
// training limits, hours for hours, supervision and delegation rows.
std::string ShortBy(const std::string& constraint, double amount);
std::string ShortAmount(const std::string& constraint, double amount);

}  // namespace careforce::report
