#pragma once

#include <functional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "intelligence/profile.hpp"
#include "model/place.hpp"
#include "plan/training.hpp"
#include "report/document.hpp"
#include "report/table.hpp"

namespace careforce::report {

// The training plan's shared outputs (docs/formats.md, "Training outputs"): who must learn what,
// on which course, when, at what cost, and the time away. Counts of learners from 1 to
// `threshold` − 1 are hidden, with every figure that would give one back (docs/data-protection.md,
// "Training plan"); threshold 0 hides nothing. Organisations in `hidden_organisations` (codes:
// those whose staff figures another table of the plan hides) have their learners, costs and
// units' staff in post hidden too.

// The organisations whose figures the workforce profile hides, by code.
std::set<std::string> HiddenOrganisations(const intelligence::WorkforceProfile& profile);

// training_courses, training_cohorts, training_organisations, training_partners, training_away,
// training_needs and training_unmet.
std::vector<ReportTable> TrainingTables(const plan::TrainingPlan& plan, const Place& place, int threshold,
                                        const std::set<std::string>& hidden_organisations = {});

// The headline figures (plan.json's `training` object without its tables); hidden ones null.
nlohmann::ordered_json TrainingFacts(const plan::TrainingPlan& plan, const Place& place, int threshold,
                                     const std::set<std::string>& hidden_organisations = {});

// training.json: the headline figures and every training table.
nlohmann::ordered_json TrainingJson(const plan::TrainingPlan& plan, const Place& place, int threshold,
                                    const std::set<std::string>& hidden_organisations = {});

// Step 5 of the report, training: the headline, the tables and the time away of the largest
// units by quarter; or why there is no training plan (`skipped`). Without the place the tables
// cannot be built and the section says so.
void TrainingSection(const plan::TrainingPlan* plan, const std::string& skipped, const Place* place, int threshold,
                     const std::set<std::string>& hidden_organisations, DocumentBuilder& document);

// Lines for the terminal: learners, cohorts, the cost and its split, what is unmet and why, the
// schedule's programme. With the place, hidden exactly as the shared tables hide.
std::string TrainingText(const plan::TrainingPlan& plan, int threshold, const Place* place = nullptr,
                         const std::set<std::string>& hidden_organisations = {});

// The organisations with a training workbook of their own: every organisation of the place with a
// learner needed, scheduled or not, or a cost, in the place's order.
std::vector<Index> TrainingOrganisations(const plan::TrainingPlan& plan);

// One organisation's own tables for its training lead, unsuppressed (they stay inside the
// organisation): People (each learner's course, one row a course, named by `pseudonym` of the
// person, never their identifier), Cohorts (its learners by cohort), Costs (by course, and its
// total) and Time away (each of its units by quarter).
std::vector<ReportTable> OrganisationTrainingTables(const plan::TrainingPlan& plan, const Place& place,
                                                    Index organisation,
                                                    const std::function<std::string(Index)>& pseudonym);

}  // namespace careforce::report
