#pragma once

#include <vector>

#include "demand/demand.hpp"
#include "report/document.hpp"
#include "report/table.hpp"

namespace careforce::report {

// Every table of the demand projection, in report order.
std::vector<ReportTable> DemandTables(const demand::DemandResult& demand);

// The demand section of the plan (Six Steps 2 and 3: service change, required workforce): every
// demand table, and what the report shows of them.
void DemandSection(const demand::DemandResult& demand, DocumentBuilder& document);

}  // namespace careforce::report
