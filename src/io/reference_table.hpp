#pragma once

#include <filesystem>
#include <span>
#include <string>

#include <fmt/format.h>

#include "io/csv.hpp"
#include "io/table.hpp"
#include "io/text.hpp"
#include "model/diagnostic.hpp"

namespace careforce::io {

// Where the reference directory may be, in the order tried (an empty place is skipped).
struct ReferenceCandidates {
  std::string given;        // --reference
  std::string environment;  // $CAREFORCE_REFERENCE
  std::string executable;   // the running program; an installed one has ../share/careforce/reference
  std::string source_tree;  // the source tree's reference/, compiled in (running from the build tree)
};

// The reference directory of the candidates: `given`, else `environment`, else the installed one
// beside `executable` when it exists, else `source_tree`.
std::string FindReferenceDirectory(const ReferenceCandidates& candidates);

// The reference directory: `given` when not empty, else $CAREFORCE_REFERENCE, else
// <directory of the executable>/../share/careforce/reference when it exists, else the one in the
// source tree careforce was built from.
std::string ReferenceDirectory(const std::string& given);

// Reads one reference table (reference/...): `each` sees every complete record. A table with
// `source` and `basis` columns must say for every row where its figures come from and whether
// they are published, derived or an assumption.
template <typename Each>
void ReadReferenceTable(const std::string& directory, const std::string& file, std::span<const Column> layout,
                        Diagnostics& diagnostics, Each each) {
  const std::string path = (std::filesystem::path(directory) / file).string();
  InputProblem problem;
  auto text = TextFile::Load(path, Encoding::kUtf8, false, diagnostics, problem);
  if (!text) {
    diagnostics.Error(Location{path, 1, 1},
                      problem.absent() ? fmt::format("file not found, expected the reference table {} in the reference "
                                                     "directory (see --reference)",
                                                     file)
                                       : problem.message);
    return;
  }
  CsvReader reader(text->text(), path, diagnostics);
  Table table(reader, layout);
  std::optional<std::size_t> source_column;
  std::optional<std::size_t> basis_column;
  for (std::size_t idx = 0; idx < layout.size(); ++idx) {
    if (layout[idx].name == "source") source_column = idx;
    if (layout[idx].name == "basis") basis_column = idx;
  }
  while (table.Next()) {
    if (!table.complete()) continue;
    if (source_column) table.Text(*source_column, "source");
    if (basis_column) {
      const std::string_view basis = table.Get(*basis_column);
      if (basis != "published" && basis != "derived" && basis != "assumption") {
        table.Error(*basis_column,
                    fmt::format("basis \"{}\" is not allowed, expected published, derived or assumption", basis));
      }
    }
    each(table);
  }
}

}  // namespace careforce::io
