#include "report/table.hpp"

#include <cmath>

#include <fmt/format.h>

#include "io/csv.hpp"
#include "model/error.hpp"
#include "report/format.hpp"

namespace careforce::report {

ReportTable::RowBuilder& ReportTable::RowBuilder::Text(std::string_view value) {
  ReportCell cell;
  cell.state = ReportCell::State::kValue;
  cell.text = value;
  row_.push_back(std::move(cell));
  return *this;
}

ReportTable::RowBuilder& ReportTable::RowBuilder::Number(double value, bool hidden) {
  ReportCell cell;
  cell.state = hidden ? ReportCell::State::kHidden : ReportCell::State::kValue;
  cell.number = hidden ? 0.0 : value;
  row_.push_back(std::move(cell));
  return *this;
}

ReportTable::RowBuilder& ReportTable::RowBuilder::Number(double value, CellKind kind) {
  Number(value);
  row_.back().kind = kind;
  return *this;
}

ReportTable::RowBuilder& ReportTable::RowBuilder::Year(int year) { return Number(static_cast<double>(year)); }

ReportTable::RowBuilder& ReportTable::RowBuilder::Code(std::string_view code, std::string_view name) {
  Text(code);
  row_.back().name = name.empty() ? code : name;
  return *this;
}

ReportTable::RowBuilder& ReportTable::RowBuilder::Empty() {
  row_.push_back(ReportCell{});
  return *this;
}

ReportTable::ReportTable(std::string key, std::string title, std::vector<ReportColumn> columns)
    : key_(std::move(key)), title_(std::move(title)), columns_(std::move(columns)) {}

ReportTable::RowBuilder ReportTable::Row() {
  if (!rows_.empty() && rows_.back().size() != columns_.size()) {
    throw InternalError(fmt::format("table {}: a row has {} cells for {} columns", key_, rows_.back().size(),
                                    columns_.size()));
  }
  return RowBuilder(rows_.emplace_back());
}

const std::vector<std::vector<ReportCell>>& ReportTable::rows() const {
  // Rows are checked as the next is begun; the last is checked here, before any output reads it.
  if (!rows_.empty() && rows_.back().size() != columns_.size()) {
    throw InternalError(fmt::format("table {}: a row has {} cells for {} columns", key_, rows_.back().size(),
                                    columns_.size()));
  }
  return rows_;
}

void ReportTable::AddRow(std::vector<ReportCell> row) {
  if (row.size() != columns_.size()) throw InternalError(fmt::format("table {}: a copied row does not fit", key_));
  rows_.push_back(std::move(row));
}

std::string FormatCell(const ReportCell& cell, CellKind kind) {
  switch (cell.state) {
    case ReportCell::State::kHidden: return std::string(kSuppressed);
    case ReportCell::State::kEmpty: return "–";
    case ReportCell::State::kValue: break;
  }
  switch (cell.kind.value_or(kind)) {
    case CellKind::kText: return cell.text;
    case CellKind::kCode: return cell.name.empty() ? cell.text : cell.name;
    case CellKind::kCount: return Count(std::llround(cell.number));
    case CellKind::kFte:
    case CellKind::kHours: return Fte(cell.number);
    case CellKind::kMoney: return Money(cell.number);
    case CellKind::kShare: return Percent(cell.number);
    case CellKind::kNumber: return fmt::format("{:.2f}", cell.number);
    case CellKind::kYear: return fmt::format("{}", std::llround(cell.number));
  }
  return {};
}

std::string CsvSafeText(std::string_view text) {
  if (!text.empty() && std::string_view("=+-@\t\r").find(text.front()) != std::string_view::npos) {
    std::string out(1, '\'');
    out.append(text);
    return out;
  }
  return std::string(text);
}

std::string ReportTable::Csv() const {
  std::string out;
  io::CsvWriter writer(out);
  for (const ReportColumn& column : columns_) writer.Field(column.key);
  writer.EndRow();
  for (const auto& row : rows()) {
    for (std::size_t idx = 0; idx < row.size(); ++idx) {
      const ReportCell& cell = row[idx];
      if (cell.state == ReportCell::State::kHidden) {
        writer.Field(kSuppressed);
      } else if (cell.state == ReportCell::State::kEmpty) {
        writer.Field("");
      } else {
        switch (cell.kind.value_or(columns_[idx].kind)) {
          case CellKind::kText:
          case CellKind::kCode: writer.Field(CsvSafeText(cell.text)); break;
          case CellKind::kYear:
          case CellKind::kCount: writer.Field(static_cast<long long>(std::llround(cell.number))); break;
          case CellKind::kShare: writer.Field(cell.number, 4); break;
          case CellKind::kFte:
          case CellKind::kHours:
          case CellKind::kMoney:
          case CellKind::kNumber: writer.Field(cell.number, 2); break;
        }
      }
    }
    writer.EndRow();
  }
  return out;
}

nlohmann::ordered_json ReportTable::Json() const {
  nlohmann::ordered_json rows = nlohmann::ordered_json::array();
  for (const auto& row : this->rows()) {
    nlohmann::ordered_json object = nlohmann::ordered_json::object();
    for (std::size_t idx = 0; idx < row.size(); ++idx) {
      const ReportCell& cell = row[idx];
      const std::string& key = columns_[idx].key;
      const CellKind kind = cell.kind.value_or(columns_[idx].kind);
      if (cell.state != ReportCell::State::kValue) {
        object[key] = nullptr;
      } else if (kind == CellKind::kText || kind == CellKind::kCode) {
        object[key] = cell.text;
      } else if (kind == CellKind::kCount || kind == CellKind::kYear) {
        object[key] = std::llround(cell.number);
      } else {
        object[key] = cell.number;
      }
    }
    rows.push_back(std::move(object));
  }
  return rows;
}

namespace {

// A word too long to fit a column (a web address, a checksum): the report may break it anywhere.
bool LongWord(std::string_view text) {
  constexpr std::size_t kLong = 30;
  std::size_t run = 0;
  for (const char c : text) {
    run = c == ' ' ? 0 : run + 1;
    if (run >= kLong) return true;
  }
  return false;
}

}  // namespace

std::string ReportTable::Html() const {
  std::string out = "<table>\n<thead><tr>";
  for (const ReportColumn& column : columns_) {
    if (!column.in_report) continue;
    out += fmt::format("<th{}>{}</th>", column.kind == CellKind::kText || column.kind == CellKind::kCode ? "" : " class=\"num\"",
                       report::Html(column.header));
  }
  out += "</tr></thead>\n<tbody>\n";
  for (const auto& row : rows()) {
    out += "<tr>";
    for (std::size_t idx = 0; idx < row.size(); ++idx) {
      if (!columns_[idx].in_report) continue;
      const CellKind kind = columns_[idx].kind;
      const bool numeric = kind != CellKind::kText && kind != CellKind::kCode;
      const ReportCell& cell = row[idx];
      if (kind == CellKind::kCode && cell.state == ReportCell::State::kValue && !cell.name.empty() && cell.name != cell.text) {
        out += fmt::format("<td><span title=\"{}\">{}</span></td>", report::Html(cell.text), report::Html(cell.name));
        continue;
      }
      const std::string text = FormatCell(cell, kind);
      out += fmt::format("<td{}>{}</td>", numeric ? " class=\"num\"" : LongWord(text) ? " class=\"long\"" : "",
                         report::Html(text));
    }
    out += "</tr>\n";
  }
  out += "</tbody>\n</table>\n";
  return out;
}

}  // namespace careforce::report
