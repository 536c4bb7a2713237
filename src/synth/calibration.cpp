#include "synth/calibration.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>

#include <fmt/format.h>

#include "io/code_index.hpp"
#include "io/csv.hpp"
#include "io/table.hpp"
#include "io/text.hpp"
#include "model/error.hpp"
#include "io/reference_table.hpp"

namespace careforce::synth {

namespace {

namespace fs = std::filesystem;

// Reads the reference tables of one directory.
class ReferenceReader {
 public:
  ReferenceReader(const std::string& directory, Diagnostics& diagnostics)
      : directory_(directory), diagnostics_(diagnostics) {}
  template <typename Each>
  void Read(const std::string& file, std::span<const io::Column> layout, Each each) {
    io::ReadReferenceTable(directory_, file, layout, diagnostics_, each);
  }

 private:
  std::string directory_;
  Diagnostics& diagnostics_;
};

std::optional<SectorGroup> GroupField(const io::Table& table, std::size_t column) {
  const auto group = ParseSectorGroup(table.Get(column));
  if (!group) {
    table.Error(column, fmt::format("sector group \"{}\" is not allowed, expected nhs, primary_care or social_care",
                                    table.Get(column)));
  }
  return group;
}

}  // namespace

double Calibration::LeaverRate(SectorGroup group, Index role) const {
  if (const auto found = leaver_rates.find({group, role}); found != leaver_rates.end()) return found->second;
  if (const auto found = leaver_rates.find({group, kNoIndex}); found != leaver_rates.end()) return found->second;
  throw InternalError(fmt::format("no leaver rate for sector group {}", SectorGroupCode(group)));
}

double Calibration::VacancyRate(SectorGroup group, Index role) const {
  if (const auto found = vacancy_rates.find({group, role}); found != vacancy_rates.end()) return found->second;
  if (const auto found = vacancy_rates.find({group, kNoIndex}); found != vacancy_rates.end()) return found->second;
  throw InternalError(fmt::format("no vacancy rate for sector group {}", SectorGroupCode(group)));
}

PaySpec Calibration::PayFor(Index role, Sector sector) const {
  if (const auto found = pay.find({role, std::string(Code(sector))}); found != pay.end()) return found->second;
  if (const auto found = pay.find({role, std::string(SectorGroupCode(SectorGroupOf(sector)))}); found != pay.end()) {
    return found->second;
  }
  const Role& reference = roles[role];
  return PaySpec{reference.pay_basis, reference.afc_band,
                 reference.pay_basis == PayBasis::kHourlyRate ? reference.hourly_rate : reference.annual_salary};
}

Calibration LoadCalibration(const std::string& reference_directory) {
  Diagnostics diagnostics;
  Calibration calibration;
  ReferenceReader reader(reference_directory, diagnostics);
  io::CodeIndex roles;
  io::CodeIndex competences;

  {
    static constexpr io::Column kLayout[] = {{"band", true}, {"minimum_gbp_per_year", true},
                                             {"maximum_gbp_per_year", true}, {"description", false},
                                             {"source", true}, {"basis", true}};
    reader.Read("afc_pay_2024_25.csv", kLayout, [&](const io::Table& table) {
      const auto minimum = table.Number(1, "minimum pay", 0, true, 1e7, false);
      const auto maximum = table.Number(2, "maximum pay", 0, true, 1e7, false);
      if (minimum && maximum) calibration.afc_bands[std::string(table.Get(0))] = {*minimum, *maximum};
    });
  }
  {
    static constexpr io::Column kLayout[] = {{"code", true},         {"name", true},           {"staff_group", true},
                                             {"registered", true},   {"afc_band", false},      {"hourly_rate", false},
                                             {"annual_salary", false}, {"pay_comparator", false}, {"source", true}};
    reader.Read("synth/roles.csv", kLayout, [&](const io::Table& table) {
      Role role;
      role.code = table.Get(0);
      role.name = table.Get(1);
      const auto group = ParseCode<StaffGroup>(table.Get(2));
      if (!group) table.Error(2, fmt::format("staff group \"{}\" is not allowed, expected {}", table.Get(2),
                                             AllowedCodes<StaffGroup>()));
      role.staff_group = group.value_or(StaffGroup::kSupportCare);
      role.registered = table.Get(3) == "yes";
      if (!table.Get(4).empty()) {
        role.pay_basis = PayBasis::kAfcBand;
        role.afc_band = table.Get(4);
        if (!calibration.afc_bands.contains(role.afc_band)) {
          table.Error(4, fmt::format("Agenda for Change band \"{}\" is not in afc_pay_2024_25.csv, expected a band "
                                     "listed there",
                                     role.afc_band));
        }
      } else if (!table.Get(5).empty()) {
        role.pay_basis = PayBasis::kHourlyRate;
        role.hourly_rate = table.Number(5, "hourly rate", 0, true, 1000, false).value_or(0);
      } else {
        role.pay_basis = PayBasis::kAnnualSalary;
        role.annual_salary = table.Number(6, "annual salary", 0, true, 1e7, false).value_or(0);
      }
      role.pay_comparator = table.Get(7);
      if (!roles.Insert(role.code).second) table.Error(0, fmt::format("duplicate role \"{}\", expected each once", role.code));
      calibration.roles.push_back(std::move(role));
    });
  }
  const auto role_of = [&](const io::Table& table, std::size_t column) -> std::optional<Index> {
    const auto found = roles.Find(table.Get(column));
    if (!found) {
      table.Error(column, fmt::format("unknown role \"{}\", expected a code from synth/roles.csv{}", table.Get(column),
                                      roles.Suggest(table.Get(column))));
    }
    return found;
  };
  // A role code, or "*" for every role not listed.
  const auto role_or_any = [&](const io::Table& table, std::size_t column) -> std::optional<Index> {
    if (table.Get(column) == "*") return kNoIndex;
    return role_of(table, column);
  };
  {
    static constexpr io::Column kLayout[] = {{"code", true}, {"name", true}, {"framework", true}};
    reader.Read("synth/competences.csv", kLayout, [&](const io::Table& table) {
      competences.Insert(table.Get(0));
      calibration.competences.push_back(
          Competence{std::string(table.Get(0)), std::string(table.Get(1)), std::string(table.Get(2)), ""});
    });
  }
  {
    static constexpr io::Column kLayout[] = {{"role", true},        {"competence", true}, {"holding_share", true},
                                             {"description", false}, {"source", true},     {"basis", true}};
    reader.Read("synth/role_competences.csv", kLayout, [&](const io::Table& table) {
      const auto role = role_of(table, 0);
      const auto competence = competences.Find(table.Get(1));
      if (!competence) table.Error(1, fmt::format("unknown competence \"{}\", expected a code from synth/competences.csv",
                                                  table.Get(1)));
      const auto share = table.Number(2, "holding share", 0, false, 1, false);
      if (role && competence && share) calibration.role_competences.push_back({*role, *competence, *share});
    });
  }
  {
    static constexpr io::Column kLayout[] = {
        {"type", true}, {"sector", true}, {"name_pattern", true}, {"staff_per_1000_residents", true},
        {"residents_per_organisation", true}, {"description", false}, {"source", true}, {"basis", true}};
    reader.Read("synth/organisation_types.csv", kLayout, [&](const io::Table& table) {
      OrganisationType type;
      type.type = table.Get(0);
      const auto sector = ParseCode<Sector>(table.Get(1));
      if (!sector) table.Error(1, fmt::format("sector \"{}\" is not allowed, expected {}", table.Get(1), AllowedCodes<Sector>()));
      type.sector = sector.value_or(Sector::kIndependent);
      type.name_pattern = table.Get(2);
      type.staff_per_1000_residents = table.Number(3, "staff per 1,000 residents", 0, false, 1000, false).value_or(0);
      type.residents_per_organisation = table.Number(4, "residents per organisation", 0, false, 1e9, false).value_or(0);
      calibration.organisation_types.push_back(std::move(type));
    });
  }
  {
    static constexpr io::Column kLayout[] = {{"organisation_type", true}, {"role", true}, {"share", true},
                                             {"source", true},            {"basis", true}};
    reader.Read("synth/role_mix.csv", kLayout, [&](const io::Table& table) {
      const auto role = role_of(table, 1);
      const auto share = table.Number(2, "share", 0, false, 1, false);
      auto type = std::find_if(calibration.organisation_types.begin(), calibration.organisation_types.end(),
                               [&](const OrganisationType& t) { return t.type == table.Get(0); });
      if (type == calibration.organisation_types.end()) {
        table.Error(0, fmt::format("unknown organisation type \"{}\", expected a type from synth/organisation_types.csv",
                                   table.Get(0)));
        return;
      }
      if (role && share) type->role_mix.emplace_back(*role, *share);
    });
    for (const OrganisationType& type : calibration.organisation_types) {
      double total = 0.0;
      for (const auto& [role, share] : type.role_mix) total += share;
      if (std::abs(total - 1.0) > 0.001) {
        diagnostics.Error(Location{(fs::path(reference_directory) / "synth/role_mix.csv").string(), 1, 1},
                          fmt::format("role shares of organisation type {} sum to {}, expected 1", type.type,
                                      io::FormatNumber(total)));
      }
    }
  }
  {
    static constexpr io::Column kLayout[] = {{"role", true},          {"sector", true},      {"afc_band", false},
                                             {"hourly_rate", false},  {"annual_salary", false}, {"description", false},
                                             {"source", true},        {"basis", true}};
    reader.Read("synth/pay.csv", kLayout, [&](const io::Table& table) {
      const auto role = role_of(table, 0);
      const std::string_view where = table.Get(1);
      if (!ParseCode<Sector>(where) && !ParseSectorGroup(where)) {
        table.Error(1, fmt::format("\"{}\" is neither a sector nor a sector group, expected a sector code or nhs, "
                                   "primary_care or social_care",
                                   where));
      }
      PaySpec spec;
      if (!table.Get(2).empty()) {
        spec.basis = PayBasis::kAfcBand;
        spec.afc_band = table.Get(2);
      } else if (!table.Get(3).empty()) {
        spec.basis = PayBasis::kHourlyRate;
        spec.amount = table.Number(3, "hourly rate", 0, true, 1000, false).value_or(0);
      } else {
        spec.basis = PayBasis::kAnnualSalary;
        spec.amount = table.Number(4, "annual salary", 0, true, 1e7, false).value_or(0);
      }
      if (role) calibration.pay[{*role, std::string(where)}] = spec;
    });
  }
  {
    static constexpr io::Column kLayout[] = {{"sector_group", true}, {"parameter", true}, {"value", true},
                                             {"description", false}, {"source", true},   {"basis", true}};
    const auto read_parameters = [&](const std::string& file) {
      reader.Read(file, kLayout, [&](const io::Table& table) {
        const auto group = GroupField(table, 0);
        const auto value = table.Number(2, "value", 0, false, 1, false);
        if (!group || !value) return;
        StaffProfile& profile = calibration.profiles[static_cast<std::size_t>(*group)];
        const std::string_view parameter = table.Get(1);
        const auto set_share = [&](auto& shares, std::string_view prefix, auto name_of) {
          for (std::size_t idx = 0; idx < shares.size(); ++idx) {
            if (parameter == fmt::format("{}{}", prefix, name_of(idx))) {
              shares[idx] = *value;
              return true;
            }
          }
          return false;
        };
        const bool known =
            (parameter == "female_share" && (profile.female_share = *value, true)) ||
            (parameter == "second_post_share" && (profile.second_post_share = *value, true)) ||
            (parameter == "retirement_share_aged_60_plus" && (profile.retirement_share_aged_60_plus = *value, true)) ||
            (parameter == "destination_same_group" && (profile.destination_same_group = *value, true)) ||
            (parameter == "destination_other_group" && (profile.destination_other_group = *value, true)) ||
            (parameter == "destination_outside" && (profile.destination_outside = *value, true)) ||
            (parameter == "destination_not_recorded" && (profile.destination_not_recorded = *value, true)) ||
            set_share(profile.age_band_shares, "age_",
                      [](std::size_t idx) {
                        return idx + 1 == kAgeBands.size() ? fmt::format("{}_plus", kAgeBands[idx].first)
                                                           : fmt::format("{}_{}", kAgeBands[idx].first, kAgeBands[idx].second);
                      }) ||
            set_share(profile.fte_shares, "fte_",
                      [](std::size_t idx) {
                        const int tenths = static_cast<int>(std::lround(kFteLevels[idx] * 10));
                        return fmt::format("{}_{}", tenths / 10, tenths % 10);
                      }) ||
            set_share(profile.contract_shares, "contract_",
                      [](std::size_t idx) { return Code(static_cast<ContractType>(idx)); }) ||
            set_share(profile.reason_shares, "reason_",
                      [](std::size_t idx) { return Code(static_cast<LeaveReason>(idx)); });
        if (!known) table.Error(1, fmt::format("unknown parameter \"{}\", expected a parameter documented in "
                                               "reference/README.md",
                                               parameter));
      });
    };
    read_parameters("synth/staff_profile.csv");
    read_parameters("synth/leaving.csv");
  }
  // Rates by sector group and role ("*": any role not listed).
  const auto read_rates = [&](const std::string& file, std::string_view column, std::string_view what,
                              std::map<std::pair<SectorGroup, Index>, double>& rates, bool one_excluded) {
    const io::Column layout[] = {{"sector_group", true}, {"role", true},   {column, true},
                                 {"description", false}, {"source", true}, {"basis", true}};
    reader.Read(file, layout, [&](const io::Table& table) {
      const auto group = GroupField(table, 0);
      const auto role = role_or_any(table, 1);
      const auto rate = table.Number(2, what, 0, false, 1, one_excluded);
      if (group && role && rate) rates[{*group, *role}] = *rate;
    });
  };
  read_rates("synth/turnover.csv", "leaver_rate_per_year", "leaver rate", calibration.leaver_rates, false);
  read_rates("synth/vacancies.csv", "vacancy_rate", "vacancy rate", calibration.vacancy_rates, true);
  {
    static constexpr io::Column kLayout[] = {{"age", true},          {"sex", true},    {"share", true},
                                             {"description", false}, {"source", true}, {"basis", true}};
    reader.Read("synth/population_structure.csv", kLayout, [&](const io::Table& table) {
      AgeSexShare cell;
      std::string_view age = table.Get(0);
      if (age.ends_with('+')) {
        cell.age_from = static_cast<int>(io::ParseInteger(age.substr(0, age.size() - 1)).value_or(0));
        cell.age_to = kOpenAgeBand;
      } else {
        const std::size_t dash = age.find('-');
        cell.age_from = static_cast<int>(io::ParseInteger(age.substr(0, dash)).value_or(0));
        cell.age_to = static_cast<int>(io::ParseInteger(age.substr(dash + 1)).value_or(0));
      }
      cell.sex = table.Get(1) == "M" ? Sex::kMale : Sex::kFemale;
      cell.share = table.Number(2, "share", 0, false, 1, false).value_or(0);
      calibration.population_structure.push_back(cell);
    });
  }
  {
    static constexpr io::Column kLayout[] = {{"parameter", true}, {"value", true}, {"description", false},
                                             {"source", true},    {"basis", true}};
    reader.Read("synth/general.csv", kLayout, [&](const io::Table& table) {
      const auto value = table.Number(1, "value", 0, true, 1e9, false);
      if (!value) return;
      const std::string_view parameter = table.Get(0);
      if (parameter == "registered_patients_per_resident") {
        calibration.registered_patients_per_resident = *value;
      } else if (parameter == "residents_per_locality") {
        calibration.residents_per_locality = *value;
      } else if (parameter == "residents_per_place_organisation") {
        calibration.residents_per_place_organisation = *value;
      } else if (parameter == "vacancy_open_mean_months") {
        calibration.vacancy_open_mean_months = *value;
      } else {
        table.Error(0, fmt::format("unknown parameter \"{}\", expected registered_patients_per_resident, "
                                   "residents_per_locality, residents_per_place_organisation or "
                                   "vacancy_open_mean_months",
                                   parameter));
      }
    });
  }
  if (diagnostics.HasErrors()) throw InputError(std::move(diagnostics));
  return calibration;
}

}  // namespace careforce::synth
