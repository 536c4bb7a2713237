#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "report/document.hpp"
#include "report/table.hpp"
#include "supply/projection.hpp"

namespace careforce::report {

// What supply, plan and validate say of a place without a leavers table (Place::leavers_recorded).
inline constexpr std::string_view kNoLeaversNote =
    "no leavers.csv: reference leaver and retirement rates used (no evidence of leaving, credibility 0)";

// Every table of the supply projection, in report order. Figures marked hidden by
// supply::ApplySuppression are shown as hidden cells.
std::vector<ReportTable> SupplyTables(const supply::SupplyResult& supply);

// The supply section of the plan (Six Steps 4: understand workforce availability): every supply
// table, the figures of the projection and what the report shows.
void SupplySection(const supply::SupplyResult& supply, DocumentBuilder& document);

// The projection's figures without its tables: years, runs, seed and every series.
nlohmann::ordered_json SupplyFacts(const supply::SupplyResult& supply);

// `careforce supply --json`: the projection with every series, the flows and the rates.
nlohmann::ordered_json SupplyJson(const supply::SupplyResult& supply);

// `careforce supply`: the total and each sector, base, middle and last year.
std::string SupplyText(const supply::SupplyResult& supply);

}  // namespace careforce::report
