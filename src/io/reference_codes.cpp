#include "io/reference_codes.hpp"

#include <fmt/format.h>

#include "io/reference_table.hpp"

namespace careforce::io {

ReferenceCodes LoadReferenceCodes(const std::string& reference_directory, Diagnostics& diagnostics) {
  ReferenceCodes codes;
  static constexpr Column kRoleLayout[] = {{"code", true},          {"name", true},           {"staff_group", true},
                                           {"registered", true},    {"afc_band", false},      {"hourly_rate", false},
                                           {"annual_salary", false}, {"pay_comparator", false}, {"source", true}};
  for (const char* file : {"synth/roles.csv", "west_sussex/roles.csv"}) {
    ReadReferenceTable(reference_directory, file, kRoleLayout, diagnostics, [&](const Table& table) {
      if (!codes.roles.Insert(table.Get(0)).second) {
        table.Error(0, fmt::format("duplicate role \"{}\", expected each role once in synth/roles.csv and "
                                   "west_sussex/roles.csv",
                                   table.Get(0)));
      }
    });
  }
  static constexpr Column kCompetenceLayout[] = {{"code", true}, {"name", true}, {"framework", true}};
  ReadReferenceTable(reference_directory, "synth/competences.csv", kCompetenceLayout, diagnostics, [&](const Table& table) {
    if (!codes.competences.Insert(table.Get(0)).second) {
      table.Error(0, fmt::format("duplicate competence \"{}\", expected each competence once", table.Get(0)));
    }
  });
  return codes;
}

}  // namespace careforce::io
