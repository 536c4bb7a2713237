#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/place.hpp"
#include "plan/team_plan.hpp"
#include "report/document.hpp"
#include "report/table.hpp"

namespace careforce::report {

// The neighbourhood teams as tables (docs/data-dictionary.md): `teams` (one row a team),
// `team_practices` (its practices and their distance to the base), `team_roles` (each role's
// required FTE in the base and last years, staff in post and the gap) and
// `team_competences_lacking`. Hidden cells are small numbers of staff (plan::SuppressTeams).
std::vector<ReportTable> TeamTables(const plan::TeamPlan& plan);

// Posts whose `team` names no team of the design (plan::TeamPlan::unknown_team_posts) as outputs
// show them: none when the count is a small number hidden in shared outputs (1 to the threshold
// less one); and the sentence saying so (empty when there are none).
std::optional<int64_t> ShownUnknownTeamPosts(const plan::TeamPlan& plan);
std::string UnknownTeamNote(const plan::TeamPlan& plan);
// NHS trusts and councils all of whose posts are in their own locality, with no site (those of at
// least the suppression threshold's posts): counted in that locality's teams only. Empty when none.
std::string OrganisationLocalityNote(const plan::TeamPlan& plan);

// The map of practices and teams coloured by each team's gap in the last year.
TeamMapBlock TeamMapOf(const plan::TeamPlan& plan);
std::string TeamMapSvg(const plan::TeamPlan& plan);

// Step 5, neighbourhood teams: the teams, their map, their roles and what they lack, or why there
// are none (`skipped`).
void TeamSection(const plan::TeamPlan* plan, const std::string& skipped, DocumentBuilder& document);

// Lines for the terminal: the teams, their people, the worst distance and how they were found.
std::string TeamsText(const plan::TeamPlan& plan);

}  // namespace careforce::report
