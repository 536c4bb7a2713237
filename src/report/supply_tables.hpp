#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "report/table.hpp"
#include "supply/projection.hpp"

namespace careforce::report {

// Every table of the supply projection, in report order. Leaver and retirement counts of 1 to
// threshold-1 are hidden with the rates observed from them (threshold 0: nothing hidden).
std::vector<ReportTable> SupplyTables(const supply::SupplyResult& supply, int suppression_threshold);

// The supply section of the HTML report (Six Steps 4: understand workforce availability).
std::string SupplySection(const supply::SupplyResult& supply, int suppression_threshold);

// `careforce supply --json`: the projection with every series, the flows and the rates.
nlohmann::ordered_json SupplyJson(const supply::SupplyResult& supply, int suppression_threshold);

// `careforce supply`: the total and each sector, base, middle and last year.
std::string SupplyText(const supply::SupplyResult& supply);

}  // namespace careforce::report
