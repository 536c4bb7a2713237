#pragma once

#include <string>

#include "plan/plan.hpp"
#include "report/table.hpp"

namespace careforce::report {

// The one-page summary: the questions integration leaders ask, answered in numbers.
ReportTable SummaryTable(const plan::PlanResult& result);
std::string SummarySection(const plan::PlanResult& result);

// Step 1: what the plan covers.
ReportTable ScopeTable(const plan::PlanResult& result);
std::string DefineSection(const plan::PlanResult& result);

// Every input that shaped the plan with its source: the place's files, the plan's options and the
// reference rows it was costed with.
ReportTable AssumptionsTable(const plan::PlanResult& result);

// Step 6: the indicators to monitor, today's value and the plan's.
ReportTable MonitorTable(const plan::PlanResult& result);
std::string MonitorSection(const plan::PlanResult& result);

}  // namespace careforce::report
