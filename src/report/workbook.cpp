#include "report/workbook.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <numeric>
#include <optional>
#include <set>
#include <utility>

#include <fmt/format.h>
#include <xlsxwriter.h>

#include "model/date.hpp"
#include "model/error.hpp"
#include "report/format.hpp"
#include "report/training_tables.hpp"

namespace careforce::report {

namespace {

constexpr double kMinWidth = 8.0;
constexpr double kMaxWidth = 60.0;
constexpr double kLineHeight = 15.0;  // points, Excel's default row of 11-point Calibri
constexpr std::size_t kMaxSheetName = 31;

// The steps of the Six Steps, as the sheets and the Contents name them.
constexpr std::string_view kSteps[] = {"Summary",
                                       "1 Define the plan",
                                       "2 Map service change",
                                       "3 Define the required workforce",
                                       "4 Understand workforce availability",
                                       "5 Plan to deliver",
                                       "6 Implement, monitor and refresh",
                                       "Inputs"};

// Characters as a reader sees them: UTF-8 code points, not bytes.
std::size_t Characters(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

// Lines a text takes wrapped at `width` characters, a word at a time.
int WrappedLines(std::string_view text, double width) {
  const auto room = static_cast<std::size_t>(std::max(1.0, width - 1.0));
  int lines = 1;
  std::size_t used = 0;
  std::size_t at = 0;
  while (at < text.size()) {
    const std::size_t end = std::min(text.find(' ', at), text.size());
    const std::size_t word = Characters(text.substr(at, end - at));
    if (used > 0 && used + 1 + word > room) {
      ++lines;
      used = 0;
    }
    used += (used > 0 ? 1 : 0) + word;
    while (used > room) {
      ++lines;
      used -= room;
    }
    at = end + 1;
  }
  return lines;
}

std::size_t LongestWord(std::string_view text) {
  std::size_t longest = 0;
  std::size_t at = 0;
  while (at < text.size()) {
    const std::size_t end = std::min(text.find(' ', at), text.size());
    longest = std::max(longest, Characters(text.substr(at, end - at)));
    at = end + 1;
  }
  return longest;
}

// Text for a page header or footer, where & starts a code (Excel allows 255 characters): at
// most 100 bytes, cut between characters.
std::string HeaderText(std::string_view text) {
  std::size_t size = std::min<std::size_t>(text.size(), 100);
  while (size > 0 && size < text.size() && (static_cast<unsigned char>(text[size]) & 0xC0) == 0x80)
    --size;
  std::string out;
  for (const char c : text.substr(0, size)) {
    out.push_back(c);
    if (c == '&') out.push_back('&');
  }
  return out;
}

// A plain decimal number ("1.30", "2025", "-4"), not a code with a leading zero ("007").
bool PlainNumber(std::string_view text) {
  std::size_t at = !text.empty() && text.front() == '-' ? 1 : 0;
  const std::size_t digits = at;
  while (at < text.size() && std::isdigit(static_cast<unsigned char>(text[at]))) ++at;
  if (at == digits || (text[digits] == '0' && at - digits > 1)) return false;
  if (at < text.size() && text[at] == '.') {
    const std::size_t decimals = ++at;
    while (at < text.size() && std::isdigit(static_cast<unsigned char>(text[at]))) ++at;
    if (at == decimals) return false;
  }
  return at == text.size();
}

// A table on its own sheet, with the step it belongs to.
struct SheetPlan {
  std::string name;
  std::string_view step;
  const ReportTable* table;
};

// "5.3 Skill mix by role": the step, the table's place in it and its key in words, within
// Excel's 31 characters and unique in the workbook.
std::string SheetName(int step, std::size_t index, const ReportTable& table,
                      const std::set<std::string>& taken) {
  std::string words = table.key();
  // Steps 2 and 3 are all demand; supply stays named, beside today's workforce in step 4.
  if (words.rfind("demand_", 0) == 0 && words.size() > 7) words.erase(0, 7);
  std::string spaced;
  std::size_t at = 0;
  while (at <= words.size()) {
    const std::size_t end = std::min(words.find('_', at), words.size());
    std::string word = words.substr(at, end - at);
    if (word == "nhs" || word == "fte" || word == "gp" || word == "pcn") {
      std::transform(word.begin(), word.end(), word.begin(), [](char c) {
        return static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      });
    }
    if (!spaced.empty()) spaced.push_back(' ');
    spaced += word;
    at = end + 1;
  }
  words = spaced;
  if (!words.empty())
    words[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(words[0])));
  // The summary and the appendix are outside the numbered steps.
  std::string name = step == 0 || step == 7 ? words : fmt::format("{}.{} {}", step, index, words);
  name.erase(
      std::remove_if(
          name.begin(), name.end(),
          [](char c) { return std::string_view("[]:*?/\\'").find(c) != std::string_view::npos; }),
      name.end());
  if (name.size() > kMaxSheetName) {
    name.resize(kMaxSheetName);
    if (const std::size_t space = name.find_last_of(' '); space != std::string::npos && space > 4)
      name.resize(space);
  }
  const std::string base = name;
  for (int copy = 2; taken.count(name) > 0; ++copy) {
    const std::string suffix = fmt::format(" ({})", copy);
    name = base.substr(0, std::min(base.size(), kMaxSheetName - suffix.size())) + suffix;
  }
  return name;
}

// The time a workbook says it was created: SOURCE_DATE_EPOCH when set (reproducible builds),
// else midnight of the place's census date, so the same inputs give the same bytes.
std::time_t CreationTime(int64_t census_days) {
  if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH"); epoch != nullptr && *epoch != '\0') {
    char* end = nullptr;
    const long long seconds = std::strtoll(epoch, &end, 10);
    if (end != nullptr && *end == '\0' && seconds > 0) return static_cast<std::time_t>(seconds);
  }
  // libxlsxwriter takes 0 for "now".
  return std::max<std::time_t>(1, static_cast<std::time_t>(census_days) * 86400);
}

class Workbook {
 public:
  // A workbook titled `title` of the place named `place`, created (for its properties) on the
  // census date.
  Workbook(const std::string& path, std::string title, std::string place, int64_t census_days)
      : path_(path), title_(std::move(title)), place_(std::move(place)), book_(workbook_new(path.c_str())) {
    if (!book_) throw IoError(fmt::format("{}: cannot create the workbook", path));
    lxw_doc_properties properties{};
    properties.title = title_.data();
    properties.author = author_.data();
    properties.created = CreationTime(census_days);
    workbook_set_properties(book_, &properties);
    header_ = workbook_add_format(book_);
    format_set_bold(header_);
    format_set_text_wrap(header_);
    format_set_align(header_, LXW_ALIGN_VERTICAL_TOP);
    format_set_bg_color(header_, 0xEEF1F4);
    format_set_bottom(header_, LXW_BORDER_THIN);
    const auto number_format = [&](const char* pattern) {
      lxw_format* format = workbook_add_format(book_);
      format_set_num_format(format, pattern);
      format_set_align(format, LXW_ALIGN_VERTICAL_TOP);
      return format;
    };
    count_ = number_format("#,##0");
    fte_ = number_format("#,##0.0");
    money_ = number_format("\"£\"#,##0");
    share_ = number_format("0.0%");
    number_ = number_format("#,##0.00");
    year_ = number_format("0");
    general_ = number_format("General");
    format_set_align(general_, LXW_ALIGN_LEFT);
    date_ = number_format("yyyy-mm-dd");
    format_set_align(date_, LXW_ALIGN_LEFT);
    text_ = workbook_add_format(book_);
    format_set_text_wrap(text_);
    format_set_align(text_, LXW_ALIGN_VERTICAL_TOP);
    hidden_ = workbook_add_format(book_);
    format_set_align(hidden_, LXW_ALIGN_RIGHT);
    format_set_align(hidden_, LXW_ALIGN_VERTICAL_TOP);
    link_ = workbook_add_format(book_);
    format_set_underline(link_, LXW_UNDERLINE_SINGLE);
    format_set_font_color(link_, LXW_COLOR_BLUE);
    format_set_align(link_, LXW_ALIGN_VERTICAL_TOP);
  }
  Workbook(const Workbook&) = delete;
  Workbook& operator=(const Workbook&) = delete;
  ~Workbook() {
    if (book_) workbook_close(book_);
  }

  // One flat table on a sheet: its header in the first row, frozen, with a filter; columns as
  // wide as their content (within bounds); numbers as numbers; printed landscape one page wide
  // with the header on every page. With `links`, the first column's text names a sheet to link to.
  void Sheet(const std::string& name, const ReportTable& table, bool links = false) {
    lxw_worksheet* sheet = workbook_add_worksheet(book_, name.c_str());
    if (!sheet) throw InternalError(fmt::format("workbook: sheet name \"{}\" refused", name));
    const std::vector<ReportColumn>& columns = table.columns();
    std::vector<double> widths(columns.size(), kMinWidth);
    for (std::size_t column = 0; column < columns.size(); ++column) {
      std::size_t content = 0;
      for (const auto& cells : table.rows())
        content = std::max(content, Characters(FormatCell(cells[column], columns[column].kind)));
      const std::size_t header = std::min<std::size_t>(Characters(columns[column].header), 24);
      const double wanted =
          static_cast<double>(std::max({content, header, LongestWord(columns[column].header)})) +
          2.0;
      widths[column] = std::clamp(wanted, kMinWidth, kMaxWidth);
      worksheet_set_column(sheet, static_cast<lxw_col_t>(column), static_cast<lxw_col_t>(column),
                           widths[column], nullptr);
    }
    int header_lines = 1;
    for (std::size_t column = 0; column < columns.size(); ++column) {
      header_lines = std::max(header_lines, WrappedLines(columns[column].header, widths[column]));
      worksheet_write_string(sheet, 0, static_cast<lxw_col_t>(column),
                             columns[column].header.c_str(), header_);
    }
    worksheet_set_row(sheet, 0, kLineHeight * header_lines, nullptr);
    lxw_row_t row = 1;
    for (const auto& cells : table.rows()) {
      int lines = 1;
      for (std::size_t column = 0; column < cells.size(); ++column) {
        const ReportCell& cell = cells[column];
        const CellKind kind = columns[column].kind;
        const auto col = static_cast<lxw_col_t>(column);
        if (cell.state == ReportCell::State::kHidden) {
          worksheet_write_string(sheet, row, col, std::string(kSuppressed).c_str(), hidden_);
        } else if (cell.state == ReportCell::State::kValue && kind == CellKind::kCode) {
          const std::string& name = cell.name.empty() ? cell.text : cell.name;
          worksheet_write_string(sheet, row, col, name.c_str(), text_);
          lines = std::max(lines, WrappedLines(name, widths[column]));
        } else if (cell.state == ReportCell::State::kValue && kind == CellKind::kText) {
          // Written as a string, never as a formula, whatever it starts with.
          // A column of values of many kinds (the scope, the assumptions): numbers and dates
          // written as such, the rest as text.
          std::optional<Date> date;
          if (columns[column].key == "value" && PlainNumber(cell.text)) {
            worksheet_write_number(sheet, row, col, std::stod(cell.text), general_);
          } else if (columns[column].key == "value" && (date = ParseIsoDate(cell.text))) {
            lxw_datetime when{};
            when.year = YearOf(*date);
            when.month = std::stoi(cell.text.substr(5, 2));
            when.day = std::stoi(cell.text.substr(8, 2));
            worksheet_write_datetime(sheet, row, col, &when, date_);
          } else if (links && column == 0) {
            const std::string target = fmt::format("internal:'{}'!A1", cell.text);
            worksheet_write_url_opt(sheet, row, col, target.c_str(), link_, cell.text.c_str(),
                                    nullptr);
          } else {
            worksheet_write_string(sheet, row, col, cell.text.c_str(), text_);
          }
          lines = std::max(lines, WrappedLines(cell.text, widths[column]));
        } else if (cell.state == ReportCell::State::kValue && std::isfinite(cell.number)) {
          worksheet_write_number(sheet, row, col, cell.number, Format(cell.kind.value_or(kind)));
        }
      }
      if (lines > 1) worksheet_set_row(sheet, row, kLineHeight * std::min(lines, 20), nullptr);
      ++row;
    }
    const auto last_column = static_cast<lxw_col_t>(columns.empty() ? 0 : columns.size() - 1);
    worksheet_freeze_panes(sheet, 1, 0);
    worksheet_autofilter(sheet, 0, 0, static_cast<lxw_row_t>(table.rows().size()), last_column);
    worksheet_set_landscape(sheet);
    worksheet_set_paper(sheet, 9);  // A4
    worksheet_fit_to_pages(sheet, 1, 0);
    worksheet_repeat_rows(sheet, 0, 0);
    const std::string header =
        fmt::format("&L{}&R{}", HeaderText(table.title()), HeaderText(place_));
    worksheet_set_header(sheet, header.c_str());
    worksheet_set_footer(sheet, "&L&A&RPage &P of &N");
  }

  void Close() {
    const lxw_error error = workbook_close(book_);
    book_ = nullptr;
    if (error != LXW_NO_ERROR)
      throw IoError(fmt::format("{}: cannot write the workbook ({})", path_, lxw_strerror(error)));
  }

 private:
  lxw_format* Format(CellKind kind) const {
    switch (kind) {
      case CellKind::kCount:
        return count_;
      case CellKind::kFte:
      case CellKind::kHours:
        return fte_;
      case CellKind::kMoney:
        return money_;
      case CellKind::kShare:
        return share_;
      case CellKind::kYear:
        return year_;
      case CellKind::kText:
      case CellKind::kCode:
      case CellKind::kNumber:
        break;
    }
    return number_;
  }

  std::string path_;
  std::string title_;
  std::string author_ = "careforce";
  std::string place_;
  lxw_workbook* book_;
  lxw_format* header_;
  lxw_format* count_;
  lxw_format* fte_;
  lxw_format* money_;
  lxw_format* share_;
  lxw_format* number_;
  lxw_format* year_;
  lxw_format* general_;
  lxw_format* date_;
  lxw_format* text_;
  lxw_format* hidden_;
  lxw_format* link_;
};

// Every table of the document in its order (that of the Six Steps), each with its sheet's name:
// the summary first, the assumptions last.
std::vector<SheetPlan> PlanSheets(const PlanDocument& document) {
  std::vector<SheetPlan> sheets;
  std::set<std::string> taken = {"Contents"};
  std::size_t index = 0;
  int step = -1;
  // A section may hold the tables of two steps (demand: steps 2 and 3): by step, then in order.
  std::vector<std::size_t> order(document.tables.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return document.table_steps[a] < document.table_steps[b]; });
  for (const std::size_t table : order) {
    const int table_step = document.table_steps[table];
    index = table_step == step ? index + 1 : 1;
    step = table_step;
    std::string name = SheetName(step, index, document.tables[table], taken);
    taken.insert(name);
    sheets.push_back(SheetPlan{std::move(name), kSteps[step], &document.tables[table]});
  }
  return sheets;
}

}  // namespace

void WritePlanWorkbook(const PlanDocument& document, const std::string& path) {
  const std::vector<SheetPlan> sheets = PlanSheets(document);
  ReportTable contents("contents", fmt::format("{}: contents", document.place),
                       {{"sheet", "Sheet", CellKind::kText},
                        {"step", "Step", CellKind::kText},
                        {"title", "Title", CellKind::kText},
                        {"rows", "Rows", CellKind::kCount}});
  for (const SheetPlan& sheet : sheets) {
    contents.Row()
        .Text(sheet.name)
        .Text(sheet.step)
        .Text(sheet.table->title())
        .Number(static_cast<double>(sheet.table->rows().size()));
  }
  Workbook book(path, document.title, document.place, document.census_days);
  book.Sheet("Contents", contents, true);
  for (const SheetPlan& sheet : sheets) book.Sheet(sheet.name, *sheet.table);
  book.Close();
}

namespace {

// A file name's part from an organisation's code: letters, digits, '-' and '_' kept, anything else
// '_' (a code may hold '/' or spaces).
std::string FileCode(const std::string& code) {
  std::string name;
  for (const char c : code) {
    const bool kept = std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
    name.push_back(kept ? c : '_');
  }
  return name.empty() ? std::string("_") : name;
}

}  // namespace

std::vector<std::string> WriteOrganisationTrainingWorkbooks(const plan::TrainingPlan& plan, const Place& place,
                                                            std::function<std::string(Index)> pseudonym,
                                                            const std::string& directory) {
  namespace fs = std::filesystem;
  std::error_code error;
  fs::create_directories(directory, error);
  if (error) throw IoError(fmt::format("{}: cannot create the directory ({})", directory, error.message()));
  static constexpr std::array<const char*, 4> kSheets = {"People", "Cohorts", "Costs", "Time away"};
  std::vector<std::string> written;
  std::set<std::string> taken;
  for (const Index organisation : TrainingOrganisations(plan)) {
    const Organisation& info = place.organisations[organisation];
    std::string name = fmt::format("training_{}", FileCode(info.code));
    for (int copy = 2; taken.count(name) > 0; ++copy) name = fmt::format("training_{}_{}", FileCode(info.code), copy);
    taken.insert(name);
    const std::string path = (fs::path(directory) / (name + ".xlsx")).string();
    const std::vector<ReportTable> tables = OrganisationTrainingTables(plan, place, organisation, pseudonym);
    {
      Workbook book(path + ".tmp", fmt::format("{}: training plan of {}", place.name, info.name),
                    fmt::format("{} · {}", place.name, info.name), place.census_date.days);
      for (std::size_t sheet = 0; sheet < kSheets.size(); ++sheet) book.Sheet(kSheets[sheet], tables.at(sheet));
      book.Close();
    }
    fs::rename(path + ".tmp", path, error);
    if (error) throw IoError(fmt::format("{}: cannot replace the file ({})", path, error.message()));
    written.push_back(path);
  }
  return written;
}

}  // namespace careforce::report
