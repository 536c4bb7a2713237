#pragma once

#include <string>

#include "report/document.hpp"

namespace careforce::report {

// plan.xlsx: Contents, Assumptions, then every table of the plan's document on a sheet of its own
// in the order of the Six Steps, ready for Excel (numbers as numbers with formats, suppressed
// figures as "*").
void WritePlanWorkbook(const PlanDocument& document, const std::string& path);

}  // namespace careforce::report
