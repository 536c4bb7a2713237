#pragma once

#include <functional>
#include <string>
#include <vector>

#include "model/place.hpp"
#include "plan/training.hpp"
#include "report/document.hpp"

namespace careforce::report {

// plan.xlsx: Contents, Assumptions, then every table of the plan's document on a sheet of its own
// in the order of the Six Steps, ready for Excel (numbers as numbers with formats, suppressed
// figures as "*").
void WritePlanWorkbook(const PlanDocument& document, const std::string& path);

// training_<ORGANISATION>.xlsx in `directory` (created) for each organisation with a learner or a
// cost (report::TrainingOrganisations), for its own training lead: sheets People, Cohorts, Costs
// and Time away (report::OrganisationTrainingTables), person by person, each person named only by
// `pseudonym` (never their identifier) and nothing suppressed. Returns the paths written, each
// written whole or not at all.
std::vector<std::string> WriteOrganisationTrainingWorkbooks(const plan::TrainingPlan& plan, const Place& place,
                                                            std::function<std::string(Index)> pseudonym,
                                                            const std::string& directory);

}  // namespace careforce::report
