#include "report/workbook.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>
#include <xlsxwriter.h>

#include "model/error.hpp"
#include "report/demand_tables.hpp"
#include "report/plan_tables.hpp"
#include "report/profile_tables.hpp"
#include "report/summary.hpp"
#include "report/supply_tables.hpp"

namespace careforce::report {

namespace {

class Workbook {
 public:
  explicit Workbook(const std::string& path) : path_(path), book_(workbook_new(path.c_str())) {
    if (!book_) throw IoError(fmt::format("{}: cannot create the workbook", path));
    title_ = workbook_add_format(book_);
    format_set_bold(title_);
    format_set_font_size(title_, 13);
    header_ = workbook_add_format(book_);
    format_set_bold(header_);
    format_set_text_wrap(header_);
    format_set_bg_color(header_, 0xEEF1F4);
    const auto number_format = [&](const char* pattern) {
      lxw_format* format = workbook_add_format(book_);
      format_set_num_format(format, pattern);
      return format;
    };
    count_ = number_format("#,##0");
    fte_ = number_format("#,##0.0");
    money_ = number_format("\"£\"#,##0");
    share_ = number_format("0.0%");
    number_ = number_format("#,##0.00");
  }
  Workbook(const Workbook&) = delete;
  Workbook& operator=(const Workbook&) = delete;
  ~Workbook() {
    if (book_) workbook_close(book_);
  }

  void Sheet(const std::string& name, const std::vector<ReportTable>& tables) {
    lxw_worksheet* sheet = workbook_add_worksheet(book_, name.c_str());
    worksheet_set_column(sheet, 0, 0, 30, nullptr);
    worksheet_set_column(sheet, 1, 20, 15, nullptr);
    lxw_row_t row = 0;
    for (const ReportTable& table : tables) {
      worksheet_write_string(sheet, row++, 0, table.title().c_str(), title_);
      for (std::size_t column = 0; column < table.columns().size(); ++column) {
        worksheet_write_string(sheet, row, static_cast<lxw_col_t>(column), table.columns()[column].header.c_str(), header_);
      }
      ++row;
      for (const auto& cells : table.rows()) {
        for (std::size_t column = 0; column < cells.size(); ++column) {
          const ReportCell& cell = cells[column];
          const auto col = static_cast<lxw_col_t>(column);
          if (cell.state == ReportCell::State::kHidden) {
            worksheet_write_string(sheet, row, col, "*", nullptr);
          } else if (cell.state == ReportCell::State::kValue && table.columns()[column].kind == CellKind::kText) {
            worksheet_write_string(sheet, row, col, cell.text.c_str(), nullptr);
          } else if (cell.state == ReportCell::State::kValue && std::isfinite(cell.number)) {
            worksheet_write_number(sheet, row, col, cell.number, Format(table.columns()[column].kind));
          }
        }
        ++row;
      }
      ++row;
    }
  }

  void Close() {
    const lxw_error error = workbook_close(book_);
    book_ = nullptr;
    if (error != LXW_NO_ERROR) throw IoError(fmt::format("{}: cannot write the workbook ({})", path_, lxw_strerror(error)));
  }

 private:
  lxw_format* Format(CellKind kind) const {
    switch (kind) {
      case CellKind::kCount: return count_;
      case CellKind::kFte: return fte_;
      case CellKind::kMoney: return money_;
      case CellKind::kShare: return share_;
      default: return number_;
    }
  }

  std::string path_;
  lxw_workbook* book_;
  lxw_format* title_;
  lxw_format* header_;
  lxw_format* count_;
  lxw_format* fte_;
  lxw_format* money_;
  lxw_format* share_;
  lxw_format* number_;
};

std::vector<ReportTable> Pick(const std::vector<ReportTable>& tables, std::initializer_list<std::string_view> keys) {
  std::vector<ReportTable> picked;
  for (const std::string_view key : keys) {
    const auto found = std::find_if(tables.begin(), tables.end(), [&](const ReportTable& table) { return table.key() == key; });
    if (found != tables.end()) picked.push_back(*found);
  }
  return picked;
}

}  // namespace

void WritePlanWorkbook(const plan::PlanResult& result, const std::string& path) {
  Workbook book(path);
  book.Sheet("1 Define the plan", {SummaryTable(result), ScopeTable(result)});
  if (result.demand) {
    const std::vector<ReportTable> demand = DemandTables(*result.demand);
    book.Sheet("2 Service change", Pick(demand, {"demand_people_in_need_by_year", "demand_services", "demand_waterfall",
                                                 "demand_register_calibration", "demand_people_in_need"}));
    book.Sheet("3 Required workforce",
               Pick(demand, {"demand_required_fte", "demand_required_fte_by_locality", "demand_competence_hours", "demand_unassigned"}));
  }
  std::vector<ReportTable> availability = ProfileTables(result.profile);
  if (result.supply) {
    for (ReportTable& table : SupplyTables(*result.supply)) {
      if (table.key() != "supply_series") availability.push_back(std::move(table));
    }
  }
  book.Sheet("4 Availability", availability);
  std::vector<ReportTable> deliver;
  if (result.gaps) {
    for (ReportTable& table : GapTables(*result.gaps, *result.supply)) deliver.push_back(std::move(table));
  }
  if (result.skill_mix) {
    for (ReportTable& table : SkillMixTables(*result.skill_mix, *result.supply)) deliver.push_back(std::move(table));
  }
  if (!result.scenarios.empty()) deliver.push_back(ScenarioTable(result.scenarios));
  if (result.policy_matrix) deliver.push_back(PolicyTables(*result.policy_matrix).front());
  book.Sheet("5 Plan to deliver", deliver);
  book.Sheet("6 Monitor", {MonitorTable(result)});
  book.Close();
}

}  // namespace careforce::report
