#pragma once

#include <string>

#include "plan/plan.hpp"
#include "report/document.hpp"
#include "report/table.hpp"

namespace careforce::report {

// The one-page summary: the questions integration leaders ask, answered in numbers.
ReportTable SummaryTable(const plan::PlanResult& result);
void SummarySection(const plan::PlanResult& result, DocumentBuilder& document);

// Step 1: what the plan covers.
ReportTable ScopeTable(const plan::PlanResult& result);
void DefineSection(const plan::PlanResult& result, DocumentBuilder& document);

// Every input that shaped the plan with its source: the place's files, the plan's options and the
// reference rows it was costed with.
ReportTable AssumptionsTable(const plan::PlanResult& result);

// Step 6: the indicators to monitor, today's value and the plan's.
ReportTable MonitorTable(const plan::PlanResult& result);
void MonitorSection(const plan::PlanResult& result, DocumentBuilder& document);

}  // namespace careforce::report
