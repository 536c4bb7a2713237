#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "intelligence/profile.hpp"
#include "report/table.hpp"

namespace careforce::report {

// Every table of the workforce profile, in report order.
std::vector<ReportTable> ProfileTables(const intelligence::WorkforceProfile& profile);

// The profile's headline figures without its tables.
nlohmann::ordered_json ProfileFacts(const intelligence::WorkforceProfile& profile);

// The `count` organisations with the most FTE (the report's excerpt of workforce_by_organisation).
ReportTable LargestOrganisations(const intelligence::WorkforceProfile& profile, std::size_t count);

// The profile as JSON: headline figures and every table.
nlohmann::ordered_json ProfileJson(const intelligence::WorkforceProfile& profile);

// A short plain-text summary for a terminal.
std::string ProfileText(const intelligence::WorkforceProfile& profile);

}  // namespace careforce::report
