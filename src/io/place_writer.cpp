#include "io/place_writer.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>

#include <fmt/format.h>

#include "io/csv.hpp"
#include "io/table.hpp"
#include "model/error.hpp"

namespace careforce::io {

namespace {

namespace fs = std::filesystem;

void Write(const fs::path& path, const std::string& content) {
  const fs::path temporary = path.string() + ".tmp";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    if (!out) throw IoError(fmt::format("{}: cannot write the file", path.string()));
  }
  fs::rename(temporary, path);
}

std::string TomlString(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') out.push_back('\\');
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out.push_back(c);
  }
  return out + "\"";
}

// Numbers as a person writes them (0.8, 36000, 11212.5).
CsvWriter& Number(CsvWriter& writer, double value) { return writer.Field(FormatNumber(value)); }

}  // namespace

void WritePlace(const Place& place, const std::string& directory) {
  std::error_code error;
  fs::create_directories(directory, error);
  if (error) throw IoError(fmt::format("{}: cannot create the directory ({})", directory, error.message()));
  const fs::path dir(directory);

  std::string toml = fmt::format("name = {}\n", TomlString(place.name));
  if (!place.description.empty()) toml += fmt::format("description = {}\n", TomlString(place.description));
  toml += fmt::format("base_year = {}\ncensus_date = {}\n\n[settings]\nretirement_age = {}\nsuppression_threshold = {}\n"
                      "full_time_hours_per_week = {}\n",
                      place.base_year, FormatDate(place.census_date), place.settings.retirement_age,
                      place.settings.suppression_threshold, FormatNumber(place.settings.full_time_hours_per_week));
  // The [demand] table, where the place says more than the defaults.
  const DemandSettings defaults;
  const DemandSettings& demand = place.demand;
  std::string demand_toml;
  if (demand.years != defaults.years) demand_toml += fmt::format("years = {}\n", demand.years);
  if (demand.available_hours_per_fte != defaults.available_hours_per_fte) {
    demand_toml += fmt::format("available_hours_per_fte = {}\n", FormatNumber(demand.available_hours_per_fte));
  }
  if (demand.direct_care_share != defaults.direct_care_share) {
    demand_toml += fmt::format("direct_care_share = {}\n", FormatNumber(demand.direct_care_share));
  }
  if (demand.services_file != defaults.services_file) demand_toml += fmt::format("services = {}\n", TomlString(demand.services_file));
  if (!demand.register_file.empty()) {
    demand_toml += fmt::format("register = {}\nrisk_model = {}\n", TomlString(demand.register_file),
                               TomlString(demand.risk_model_file));
  }
  if (!demand.calibrate_to_registers) demand_toml += "calibrate_to_registers = false\n";
  if (!demand.prevalence_change_per_year.empty()) {
    demand_toml += "\n[demand.prevalence_change_per_year]\n";
    for (const auto& change : demand.prevalence_change_per_year) {
      demand_toml += fmt::format("{} = {}\n", change.need, FormatNumber(change.per_year));
    }
  }
  if (!demand_toml.empty()) toml += "\n[demand]\n" + demand_toml;
  for (const Locality& locality : place.localities) {
    toml += fmt::format("\n[[locality]]\ncode = {}\nname = {}\n", TomlString(locality.code), TomlString(locality.name));
  }
  Write(dir / "place.toml", toml);

  std::string out;
  CsvWriter csv(out);
  const auto flush = [&](const char* file) {
    Write(dir / file, out);
    out.clear();
  };

  // The site columns are written only when some organisation gives its site.
  const bool sites = std::any_of(place.organisations.begin(), place.organisations.end(),
                                 [](const Organisation& organisation) { return organisation.latitude.has_value(); });
  csv.Field("code").Field("name").Field("sector").Field("locality");
  if (sites) csv.Field("latitude").Field("longitude");
  csv.EndRow();
  for (const Organisation& organisation : place.organisations) {
    csv.Field(organisation.code).Field(organisation.name).Field(Code(organisation.sector))
        .Field(place.localities[organisation.locality].code);
    if (sites) {
      csv.Field(organisation.latitude ? fmt::format("{:.4f}", *organisation.latitude) : std::string());
      csv.Field(organisation.longitude ? fmt::format("{:.4f}", *organisation.longitude) : std::string());
    }
    csv.EndRow();
  }
  flush("organisations.csv");

  // The reference code columns are written only when some role or competence maps its code.
  const bool reference_roles =
      std::any_of(place.roles.begin(), place.roles.end(), [](const Role& role) { return !role.reference_role.empty(); });
  csv.Field("code").Field("name").Field("staff_group").Field("registered").Field("afc_band").Field("hourly_rate")
      .Field("annual_salary").Field("pay_comparator");
  if (reference_roles) csv.Field("reference_role");
  csv.EndRow();
  for (const Role& role : place.roles) {
    csv.Field(role.code).Field(role.name).Field(Code(role.staff_group)).Field(role.registered ? "yes" : "no");
    csv.Field(role.pay_basis == PayBasis::kAfcBand ? role.afc_band : "");
    csv.Field(role.pay_basis == PayBasis::kHourlyRate ? FormatNumber(role.hourly_rate) : "");
    csv.Field(role.pay_basis == PayBasis::kAnnualSalary ? FormatNumber(role.annual_salary) : "");
    csv.Field(role.pay_comparator);
    if (reference_roles) csv.Field(role.reference_role);
    csv.EndRow();
  }
  flush("roles.csv");

  const bool reference_competences = std::any_of(place.competences.begin(), place.competences.end(),
                                                 [](const Competence& c) { return !c.reference_competence.empty(); });
  csv.Field("code").Field("name").Field("framework");
  if (reference_competences) csv.Field("reference_competence");
  csv.EndRow();
  for (const Competence& competence : place.competences) {
    csv.Field(competence.code).Field(competence.name).Field(competence.framework);
    if (reference_competences) csv.Field(competence.reference_competence);
    csv.EndRow();
  }
  flush("competences.csv");

  csv.Field("role").Field("competence").EndRow();
  for (const RoleCompetence& held : place.role_competences) {
    csv.Field(place.roles[held.role].code).Field(place.competences[held.competence].code).EndRow();
  }
  flush("role_competences.csv");

  out.reserve(place.staff.size() * 80);
  csv.Field("person_id").Field("organisation").Field("role").Field("fte").Field("age").Field("sex").Field("start_date")
      .Field("annual_pay").Field("contract").Field("locality").Field("team").EndRow();
  for (const StaffPost& post : place.staff) {
    csv.Field(place.person_ids[post.person]).Field(place.organisations[post.organisation].code)
        .Field(place.roles[post.role].code);
    Number(csv, post.fte).Field(static_cast<long long>(post.age)).Field(Code(post.sex))
        .Field(FormatDate(post.start_date));
    Number(csv, post.annual_pay).Field(Code(post.contract));
    // The locality column is written only where it differs from the organisation's.
    csv.Field(post.locality == place.organisations[post.organisation].locality ? std::string_view()
                                                                                 : place.localities[post.locality].code);
    csv.Field(post.team == kNoIndex ? std::string_view() : place.teams[post.team]).EndRow();
  }
  flush("staff.csv");

  out.reserve(place.staff_competences.size() * 30);
  csv.Field("person_id").Field("competence").Field("date_achieved").EndRow();
  for (const StaffCompetence& held : place.staff_competences) {
    csv.Field(place.person_ids[held.person]).Field(place.competences[held.competence].code)
        .Field(FormatDate(held.achieved)).EndRow();
  }
  flush("staff_competences.csv");

  csv.Field("id").Field("organisation").Field("role").Field("fte").Field("date_opened").Field("locality").EndRow();
  for (const Vacancy& vacancy : place.vacancies) {
    csv.Field(vacancy.id).Field(place.organisations[vacancy.organisation].code).Field(place.roles[vacancy.role].code);
    Number(csv, vacancy.fte).Field(FormatDate(vacancy.opened));
    csv.Field(vacancy.locality == place.organisations[vacancy.organisation].locality
                  ? std::string_view()
                  : place.localities[vacancy.locality].code)
        .EndRow();
  }
  flush("vacancies.csv");

  // No leavers table means no evidence of leaving, which an empty leavers.csv would not say.
  if (!place.leavers_recorded) {
    if (!place.leavers.empty()) throw InternalError("a place without a leavers table has leavers");
    fs::remove(dir / "leavers.csv");
  } else {
    csv.Field("person_id").Field("organisation").Field("role").Field("fte").Field("age").Field("sex").Field("start_date")
        .Field("leave_date").Field("reason").Field("destination").EndRow();
    for (const Leaver& leaver : place.leavers) {
      csv.Field(leaver.person_id).Field(place.organisations[leaver.organisation].code).Field(place.roles[leaver.role].code);
      Number(csv, leaver.fte).Field(static_cast<long long>(leaver.age)).Field(Code(leaver.sex))
          .Field(FormatDate(leaver.start_date)).Field(FormatDate(leaver.leave_date)).Field(Code(leaver.reason));
      switch (leaver.destination.kind) {
        case Destination::Kind::kNotRecorded: csv.Field(""); break;
        case Destination::Kind::kOutside: csv.Field("outside"); break;
        case Destination::Kind::kSector: csv.Field(Code(leaver.destination.sector)); break;
      }
      csv.EndRow();
    }
    flush("leavers.csv");
  }

  const bool teams = std::any_of(place.gp_practices.begin(), place.gp_practices.end(),
                                 [](const GpPractice& practice) { return !practice.team.empty(); });
  csv.Field("code").Field("name").Field("locality").Field("list_size").Field("postcode").Field("pcn").Field("latitude")
      .Field("longitude");
  if (teams) csv.Field("team");
  csv.EndRow();
  for (const GpPractice& practice : place.gp_practices) {
    csv.Field(practice.code).Field(practice.name).Field(place.localities[practice.locality].code)
        .Field(static_cast<long long>(practice.list_size)).Field(practice.postcode).Field(practice.pcn);
    csv.Field(practice.latitude ? fmt::format("{:.4f}", *practice.latitude) : std::string());
    csv.Field(practice.longitude ? fmt::format("{:.4f}", *practice.longitude) : std::string());
    if (teams) csv.Field(practice.team);
    csv.EndRow();
  }
  flush("gp_practices.csv");

  const auto age_band = [](int from, int to) {
    if (to == kOpenAgeBand) return fmt::format("{}+", from);
    if (from == to) return fmt::format("{}", from);
    return fmt::format("{}-{}", from, to);
  };
  csv.Field("area").Field("year").Field("age").Field("sex").Field("count").EndRow();
  for (const PopulationCell& cell : place.population) {
    csv.Field(place.localities[cell.locality].code).Field(static_cast<long long>(cell.year));
    csv.Field(age_band(cell.age_from, cell.age_to));
    csv.Field(Code(cell.sex));
    Number(csv, cell.count).EndRow();
  }
  flush("population.csv");

  if (!place.practice_registers.empty()) {
    csv.Field("practice").Field("register").Field("count").Field("list_size").Field("list_min_age").EndRow();
    for (const PracticeRegister& entry : place.practice_registers) {
      csv.Field(place.gp_practices[entry.practice].code).Field(entry.register_code)
          .Field(static_cast<long long>(entry.count)).Field(static_cast<long long>(entry.list_size))
          .Field(static_cast<long long>(entry.list_min_age)).EndRow();
    }
    flush("practice_registers.csv");
  }

  if (!place.registered_lists.empty()) {
    csv.Field("practice").Field("pcn").Field("sex").Field("age").Field("patients").EndRow();
    for (const RegisteredList& row : place.registered_lists) {
      csv.Field(row.practice == kNoIndex ? std::string_view()
                                         : std::string_view(place.gp_practices[row.practice].code))
          .Field(row.pcn)
          .Field(Code(row.sex))
          .Field(age_band(row.age_from, row.age_to))
          .Field(static_cast<long long>(row.patients))
          .EndRow();
    }
    flush("registered_lists.csv");
  }
}

}  // namespace careforce::io
