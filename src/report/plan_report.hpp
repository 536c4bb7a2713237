#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/place.hpp"
#include "plan/plan.hpp"
#include "report/document.hpp"
#include "report/table.hpp"

namespace careforce::report {

// The plan's document: every table once and what the report shows, section by section. The
// training plan's section needs the place (its organisations and their staff); without it the
// section says its tables were not built.
PlanDocument BuildPlanDocument(const plan::PlanResult& result, const Place* place = nullptr);

// The self-contained HTML report of a plan document (inline CSS and SVG charts, no external files).
std::string RenderHtml(const PlanDocument& document);
// plan.json: the place, then each section's figures and tables under its key.
nlohmann::ordered_json RenderJson(const PlanDocument& document);

// The same, building the document first.
std::string RenderHtmlReport(const plan::PlanResult& result, const Place* place = nullptr);
nlohmann::ordered_json PlanJson(const plan::PlanResult& result, const Place* place = nullptr);

// Writes report.html, plan.json and one CSV per table (csv/) into `directory`, creating it;
// returns the paths written. Each file is written whole or not at all.
std::vector<std::string> WritePlanOutputs(const plan::PlanResult& result, const std::string& directory,
                                          const Place* place = nullptr);

// Every table of the plan, once, in the order of the Six Steps (one CSV each).
std::vector<ReportTable> PlanTables(const plan::PlanResult& result, const Place* place = nullptr);

// The data dictionary of `tables` (Markdown): each table's columns with their meaning and unit.
std::string DataDictionary(const std::vector<ReportTable>& tables);

// Writes a file through a temporary name and a rename, so readers never see half a file.
void WriteFileAtomically(const std::string& path, const std::string& content);

}  // namespace careforce::report
