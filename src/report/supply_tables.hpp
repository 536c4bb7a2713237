#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "report/table.hpp"
#include "supply/projection.hpp"

namespace careforce::report {

// What supply, plan and validate say of a place without a leavers table (Place::leavers_recorded).
inline constexpr std::string_view kNoLeaversNote =
    "no leavers.csv: reference leaver and retirement rates used (no evidence of leaving, credibility 0)";

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
