#include "report/document.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "model/error.hpp"

namespace careforce::report {

const ReportTable& PlanDocument::Table(std::string_view key) const {
  for (const ReportTable& table : tables) {
    if (table.key() == key) return table;
  }
  throw InternalError(fmt::format("plan document: table {} is missing", key));
}

const Section* PlanDocument::Find(std::string_view key) const {
  const auto found = std::find_if(sections.begin(), sections.end(), [&](const Section& section) { return section.key == key; });
  return found == sections.end() ? nullptr : &*found;
}

Section& DocumentBuilder::Begin(std::string key, int step, std::string title) {
  if (document_.Find(key) != nullptr) throw InternalError(fmt::format("plan document: section {} twice", key));
  Section& section = document_.sections.emplace_back();
  section.key = std::move(key);
  section.step = step;
  section.title = std::move(title);
  return section;
}

Section& DocumentBuilder::Current() {
  if (document_.sections.empty()) throw InternalError("plan document: no section begun");
  return document_.sections.back();
}

std::size_t DocumentBuilder::Add(ReportTable table, int step) {
  Section& section = Current();
  if (std::any_of(document_.tables.begin(), document_.tables.end(),
                  [&](const ReportTable& other) { return other.key() == table.key(); })) {
    throw InternalError(fmt::format("plan document: table {} twice", table.key()));
  }
  document_.tables.push_back(std::move(table));
  document_.table_steps.push_back(step < 0 ? section.step : step);
  section.tables.push_back(document_.tables.size() - 1);
  return document_.tables.size() - 1;
}

std::size_t DocumentBuilder::Show(ReportTable table, std::string heading) {
  const std::size_t index = Add(std::move(table));
  ShowTable(index, std::move(heading));
  return index;
}

TableBlock& DocumentBuilder::ShowTable(std::size_t table, std::string heading, std::optional<ReportTable> excerpt,
                                       std::string fold) {
  TableBlock block;
  block.table = table;
  block.heading = std::move(heading);
  block.excerpt = std::move(excerpt);
  block.fold = std::move(fold);
  return std::get<TableBlock>(Current().blocks.emplace_back(std::move(block)));
}

void DocumentBuilder::Heading(std::string text) { Current().blocks.emplace_back(report::Heading{std::move(text)}); }

void DocumentBuilder::Say(Paragraph::Style style, std::string text) {
  Paragraph paragraph;
  paragraph.style = style;
  paragraph.runs.push_back(Run{std::move(text), false});
  Current().blocks.emplace_back(std::move(paragraph));
}

void DocumentBuilder::Text(std::string text) { Say(Paragraph::Style::kBody, std::move(text)); }
void DocumentBuilder::Note(std::string text) { Say(Paragraph::Style::kNote, std::move(text)); }
void DocumentBuilder::Warning(std::string text) { Say(Paragraph::Style::kWarning, std::move(text)); }
void DocumentBuilder::Text(std::vector<Run> runs) {
  Paragraph paragraph;
  paragraph.runs = std::move(runs);
  Current().blocks.emplace_back(std::move(paragraph));
}
void DocumentBuilder::Block(report::Block block) { Current().blocks.push_back(std::move(block)); }

}  // namespace careforce::report
