#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace careforce::report {

// How a column's numbers are written; kYear is a calendar year, a plain integer (2026, not 2,026);
// kCode is a code with its display name: the CSV and JSON keep the code (a key to join on), the
// report and the workbook show the name (the report with the code as a tooltip); kHours is hours
// of work or learning, grouped with one decimal (437,625.0).
enum class CellKind { kText, kCount, kFte, kMoney, kShare, kNumber, kYear, kCode, kHours };

struct ReportColumn {
  std::string key;     // CSV header and JSON key, snake_case with units
  std::string header;  // words for the HTML report
  CellKind kind = CellKind::kText;
  // false: a code beside its name column, kept in the CSV, JSON and workbook but not shown in
  // the report (a reader knows the name).
  bool in_report = true;
};

struct ReportCell {
  enum class State { kValue, kHidden, kEmpty };
  State state = State::kEmpty;
  double number = 0.0;
  std::string text;
  std::string name;  // a code's display name
  std::optional<CellKind> kind;  // this cell's own kind, in a column of figures of many kinds
};

// One table of results, rendered the same way to HTML, CSV and JSON so that the three always
// agree. Hidden cells are suppressed small numbers.
class ReportTable {
 public:
  class RowBuilder {
   public:
    explicit RowBuilder(std::vector<ReportCell>& row) : row_(row) {}
    RowBuilder& Text(std::string_view value);
    RowBuilder& Number(double value, bool hidden = false);
    // A figure of its own kind in a column of many (a rate among counts).
    RowBuilder& Number(double value, CellKind kind);
    RowBuilder& Year(int year);
    // A code and the name a reader knows it by (the name is the code when empty).
    RowBuilder& Code(std::string_view code, std::string_view name);
    RowBuilder& Empty();

   private:
    std::vector<ReportCell>& row_;
  };

  ReportTable(std::string key, std::string title, std::vector<ReportColumn> columns);

  RowBuilder Row();
  // Adds a row copied from another table with the same columns.
  void AddRow(std::vector<ReportCell> row);

  const std::string& key() const { return key_; }
  const std::string& title() const { return title_; }
  const std::vector<ReportColumn>& columns() const { return columns_; }
  // The rows, every one checked to have a cell for each column (InternalError otherwise).
  const std::vector<std::vector<ReportCell>>& rows() const;

  // CSV with a header of column keys; hidden cells as "*"; text a spreadsheet would take for a
  // formula (starting =, +, -, @, tab or carriage return) behind an apostrophe.
  std::string Csv() const;
  // An array of row objects; hidden cells as null.
  nlohmann::ordered_json Json() const;
  // An HTML <table>; hidden cells as "*".
  std::string Html() const;

 private:
  std::string key_;
  std::string title_;
  std::vector<ReportColumn> columns_;
  std::vector<std::vector<ReportCell>> rows_;
};

// A cell's value as shown to a reader (thousands separators, percentages, pounds, a code's name).
std::string FormatCell(const ReportCell& cell, CellKind kind);

// Text for a CSV cell that a spreadsheet will not run as a formula: a leading =, +, -, @, tab or
// carriage return behind an apostrophe (OWASP, "CSV Injection").
std::string CsvSafeText(std::string_view text);

}  // namespace careforce::report
