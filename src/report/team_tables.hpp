#pragma once

#include <string>
#include <vector>

#include "model/place.hpp"
#include "plan/team_plan.hpp"
#include "report/table.hpp"

namespace careforce::report {

// The neighbourhood teams as tables (docs/data-dictionary.md): `teams` (one row a team),
// `team_practices` (its practices and their distance to the base), `team_roles` (each role's
// required FTE in the base and last years, staff in post and the gap) and
// `team_competences_lacking`. Hidden cells are small numbers of staff (plan::SuppressTeams).
std::vector<ReportTable> TeamTables(const plan::TeamPlan& plan, const Place& place);

// The map of practices and teams coloured by each team's gap in the last year (inline SVG).
std::string TeamMapSvg(const plan::TeamPlan& plan, const Place& place);

// Lines for the terminal: the teams, their people, the worst distance and how they were found.
std::string TeamsText(const plan::TeamPlan& plan, const Place& place);

}  // namespace careforce::report
