#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>
#include <string>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "report/svg.hpp"
#include "report/table.hpp"

namespace careforce::report {

// The plan as one document: sections in the order of the Six Steps, each with its machine-read
// figures (`facts`), its tables and what the report shows of them (headings, sentences, cards,
// charts, tables or an excerpt of one). Built once from the plan's results; the HTML, JSON, CSV
// and workbook writers only render it, so they cannot disagree.

// A run of text in a sentence, in bold when `strong`.
struct Run {
  Run(const char* text) : text(text) {}                          // NOLINT: a run from a literal
  Run(std::string text, bool strong = false) : text(std::move(text)), strong(strong) {}  // NOLINT
  std::string text;
  bool strong = false;
};
inline Run Strong(std::string text) { return Run(std::move(text), true); }

struct Paragraph {
  enum class Style { kBody, kNote, kWarning };
  Style style = Style::kBody;
  std::vector<Run> runs;
};

struct Heading {
  std::string text;
};

struct Card {
  std::string value;
  std::string what;
};

struct Cards {
  std::vector<Card> cards;
};

// A table of the document as the report shows it: whole, or an excerpt built beside it from the
// same results (the largest rows, the plan year only); folded under a summary line when long.
struct TableBlock {
  std::size_t table = 0;  // index into PlanDocument::tables
  std::optional<ReportTable> excerpt;
  std::string heading;  // empty: the table's title
  // Folded under this line ("Show all 40 rows"); empty: folded only when longer than kFoldRows.
  std::string fold;
  bool never_fold = false;
  bool questions = false;  // the first column as row headings (the summary's questions)
  bool untitled = false;   // under a heading of its own, given before
};

struct BarChartBlock {
  std::string title;
  std::vector<Bar> bars;
};
struct PyramidBlock {
  std::string title;
  std::vector<PyramidBand> bands;
};
struct WaterfallBlock {
  std::string title;
  std::vector<WaterfallStep> steps;
  bool increase_is_good = false;
};
// Fan charts side by side.
struct FansBlock {
  std::vector<Fan> fans;
};

// Practices and their neighbourhood teams on a map, coloured by each team's gap.
struct TeamMapBlock {
  std::string title;
  std::vector<MapPractice> practices;
  std::vector<MapTeam> teams;
};

using Block = std::variant<Heading, Paragraph, Cards, TableBlock, BarChartBlock, PyramidBlock, WaterfallBlock, FansBlock,
                           TeamMapBlock>;

struct Section {
  std::string key;    // plan.json key and HTML anchor ("skill_mix")
  int step = 0;       // of the Six Steps; 0 for the summary, 7 for the sources
  std::string title;  // the report's heading
  nlohmann::ordered_json facts = nlohmann::ordered_json::object();  // headline figures for plan.json
  std::vector<std::size_t> tables;  // indices into PlanDocument::tables, in order
  std::vector<Block> blocks;        // what the report shows, in order
};

struct PlanDocument {
  std::string place;
  int64_t census_days = 0;  // the staff census, days since 1970-01-01 (the workbook's creation date)
  std::string title;
  std::string subtitle;
  std::vector<Paragraph> preface;
  nlohmann::ordered_json place_facts = nlohmann::ordered_json::object();
  std::vector<ReportTable> tables;  // every table of the plan once, in the order of the steps
  std::vector<int> table_steps;     // the step each table belongs to
  std::vector<Section> sections;
  std::string footer;

  const ReportTable& Table(std::string_view key) const;
  const Section* Find(std::string_view key) const;
};

// Tables longer than this are folded in the report.
inline constexpr std::size_t kFoldRows = 12;

// Builds a document a section at a time.
class DocumentBuilder {
 public:
  explicit DocumentBuilder(PlanDocument& document) : document_(document) {}

  // Starts a section; what follows goes into it.
  Section& Begin(std::string key, int step, std::string title);
  Section& Current();
  const ReportTable& Table(std::size_t index) const { return document_.tables.at(index); }

  // Adds a table to the document (and the current section) without showing it; returns its index.
  // The table belongs to the section's step unless `step` says otherwise (steps 2 and 3 share a
  // section).
  std::size_t Add(ReportTable table, int step = -1);
  // Adds a table and shows it whole, folded when long.
  std::size_t Show(ReportTable table, std::string heading = {});
  // Shows a table of the document again, or an excerpt of it.
  TableBlock& ShowTable(std::size_t table, std::string heading = {}, std::optional<ReportTable> excerpt = std::nullopt,
                        std::string fold = {});

  void Heading(std::string text);
  void Text(std::string text);
  void Text(std::vector<Run> runs);
  void Note(std::string text);
  void Warning(std::string text);
  void Block(report::Block block);

 private:
  void Say(Paragraph::Style style, std::string text);
  PlanDocument& document_;
};

}  // namespace careforce::report
