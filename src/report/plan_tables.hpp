#pragma once

#include <string>
#include <vector>

#include "plan/plan.hpp"
#include "report/table.hpp"

namespace careforce::report {

// Gaps by role (and locality) and year.
std::vector<ReportTable> GapTables(const plan::GapResult& gaps);
// Section 4 of the report: required against available.
std::string GapSection(const plan::GapResult& gaps, int base_year, int last_year);

// The optimised skill mix: hours by role against today's mix, hires, training, delegations.
std::vector<ReportTable> SkillMixTables(const plan::SkillMixPlan& plan);
// Section 5 of the report: the cheapest safe skill mix.
std::string SkillMixSection(const plan::SkillMixPlan& plan);

}  // namespace careforce::report
