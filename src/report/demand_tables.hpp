#pragma once

#include <vector>

#include "demand/demand.hpp"
#include "report/table.hpp"

namespace careforce::report {

// Every table of the demand projection, in report order.
std::vector<ReportTable> DemandTables(const demand::DemandResult& demand);

// The demand section of the HTML report (Six Steps 2 and 3: service change, required workforce).
std::string DemandSection(const demand::DemandResult& demand);

}  // namespace careforce::report
