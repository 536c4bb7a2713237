#pragma once

#include <string>

#include "plan/plan.hpp"

namespace careforce::report {

// plan.xlsx: a sheet per step of the Six Steps, each holding that step's tables ready for Excel
// (numbers as numbers with formats, suppressed figures as "*").
void WritePlanWorkbook(const plan::PlanResult& result, const std::string& path);

}  // namespace careforce::report
