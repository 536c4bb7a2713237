#include "io/place_reader.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <filesystem>
#include <map>
#include <numeric>
#include <system_error>
#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>

#include "io/code_index.hpp"
#include "io/csv.hpp"
#include "io/input_file.hpp"
#include "io/json_records.hpp"
#include "io/radix_sort.hpp"
#include "io/reference_codes.hpp"
#include "io/reference_table.hpp"
#include "io/table.hpp"
#include "io/text.hpp"
#include "io/toml_schema.hpp"
#include "model/error.hpp"
#include "model/limits.hpp"

namespace careforce::io {

namespace {

namespace fs = std::filesystem;

constexpr std::array<std::string_view, 12> kTableNames = {
    "organisations",      "roles",           "competences", "role_competences", "staff",
    "staff_competences",  "vacancies",       "leavers",     "gp_practices",     "population",
    "practice_registers", "registered_lists"};

// QOF PATIENT_LIST_TYPE values and the youngest age each list counts.
constexpr std::array<std::pair<std::string_view, int>, 6> kQofListTypes = {
    {{"TOTAL", 0}, {"06OV", 6}, {"16OV", 16}, {"17OV", 17}, {"18OV", 18}, {"50OV", 50}}};

constexpr std::array<std::string_view, 12> kAfcBands = {"1", "2", "3", "4", "5", "6", "7",
                                                        "8a", "8b", "8c", "8d", "9"};

// How one table of the place is stored.
struct FileSpec {
  std::string table;
  std::string file;  // relative to the place directory
  std::string layout = "careforce";
  Encoding encoding = Encoding::kUtf8;
  // Filters of the ons-area-population layout.
  std::string area_type = "District";
  std::string age_band_type = "5 years";
};

// Parses an age or age band: "67", "65-69", "90+"; the upper end is kOpenAgeBand for "90+".
std::optional<std::pair<int, int>> ParseAgeBand(std::string_view text) {
  constexpr int kMaxAge = 120;
  if (text.empty()) return std::nullopt;
  if (text.back() == '+') {
    const auto from = ParseInteger(text.substr(0, text.size() - 1));
    if (!from || *from < 0 || *from > kMaxAge) return std::nullopt;
    return std::pair<int, int>{static_cast<int>(*from), kOpenAgeBand};
  }
  const std::size_t dash = text.find('-');
  if (dash == std::string_view::npos) {
    const auto age = ParseInteger(text);
    if (!age || *age < 0 || *age > kMaxAge) return std::nullopt;
    return std::pair<int, int>{static_cast<int>(*age), static_cast<int>(*age)};
  }
  const auto from = ParseInteger(text.substr(0, dash));
  const auto to = ParseInteger(text.substr(dash + 1));
  if (!from || !to || *from < 0 || *to > kMaxAge || *from > *to) return std::nullopt;
  return std::pair<int, int>{static_cast<int>(*from), static_cast<int>(*to)};
}

bool ValidPostcode(std::string_view postcode) {
  // Outward code (A9, A99, AA9, AA99, A9A, AA9A), one space, inward code (9AA).
  const std::size_t space = postcode.find(' ');
  if (space == std::string_view::npos || space < 2 || space > 4) return false;
  const std::string_view outward = postcode.substr(0, space);
  const std::string_view inward = postcode.substr(space + 1);
  const auto upper = [](char c) { return c >= 'A' && c <= 'Z'; };
  const auto digit = [](char c) { return c >= '0' && c <= '9'; };
  if (inward.size() != 3 || !digit(inward[0]) || !upper(inward[1]) || !upper(inward[2])) return false;
  if (!upper(outward[0])) return false;
  std::size_t pos = 1;
  if (pos < outward.size() && upper(outward[pos])) ++pos;
  if (pos >= outward.size() || !digit(outward[pos])) return false;
  ++pos;
  if (pos < outward.size() && (digit(outward[pos]) || upper(outward[pos]))) ++pos;
  return pos == outward.size();
}

template <typename E>
std::vector<std::string_view> CodesOf() {
  return {EnumInfo<E>::kCodes.begin(), EnumInfo<E>::kCodes.end()};
}

// An enumerated field such as sex or sector.
template <typename E>
std::optional<E> EnumField(const Table& table, std::size_t column, std::string_view what) {
  const std::string_view text = table.Get(column);
  if (text.empty()) {
    table.Error(column, fmt::format("missing {}, expected {}", what, AllowedCodes<E>()));
    return std::nullopt;
  }
  const auto value = ParseCode<E>(text);
  if (!value) {
    const auto codes = CodesOf<E>();
    table.Error(column, fmt::format("{} \"{}\" is not allowed, expected {}{}", what, text,
                                    AllowedCodes<E>(), DidYouMean(text, codes)));
  }
  return value;
}

class PlaceReader {
 public:
  PlaceReader(std::string directory, Diagnostics& diagnostics, const ReadOptions& options)
      : directory_(std::move(directory)), diagnostics_(diagnostics), options_(options) {}

  Place Read() {
    std::error_code error;
    if (!fs::is_directory(directory_, error)) {
      // A name that cannot be looked at (a symbolic link loop, no permission) says why.
      const bool unreadable = error && error != std::errc::no_such_file_or_directory;
      diagnostics_.Error(Location{directory_, 1, 1},
                         unreadable ? fmt::format("cannot open the directory ({}), expected a place directory holding "
                                                  "place.toml",
                                                  error.message())
                                    : "not a directory, expected a place directory holding place.toml");
      return std::move(place_);
    }
    if (!ReadPlaceToml()) return std::move(place_);
    if (!have_census_) {
      // Without a census date, dates are checked against today.
      latest_date_ = options_.today;
      latest_what_ = "current date";
    }
    shipped_ = LoadReferenceCodes(ReferenceDirectory(options_.reference_directory), diagnostics_);
    ReadCompetences();
    ReadRoles();
    ReadRoleCompetences();
    ReadOrganisations();
    ReadGpPractices();
    ReadPopulation();
    ReadPracticeRegisters();
    ReadRegisteredLists();
    ReadStaff();
    ReadStaffCompetences();
    ReadVacancies();
    ReadLeavers();
    place_.person_ids = persons_.TakeStrings();
    place_.teams = teams_.TakeStrings();
    return std::move(place_);
  }

 private:
  std::string PathOf(const std::string& file) const { return (fs::path(directory_) / file).string(); }

  // ---- place.toml -------------------------------------------------------------------------

  // Reads place.toml; false when it cannot be parsed at all (its other problems are reported
  // and the CSV files are still checked).
  bool ReadPlaceToml() {
    const std::string path = PathOf("place.toml");
    auto document = TomlDocument::Load(path, diagnostics_);
    if (!document) return false;
    SourceFile source;
    source.table = "place";
    source.path = path;
    source.layout = "careforce";
    source.bytes = static_cast<int64_t>(document->text().size());
    source.records = 1;
    if (options_.digests) source.sha256 = Sha256Hex(document->text());
    place_.sources.push_back(std::move(source));
    const std::size_t first_diagnostic = diagnostics_.size();
    toml_ = std::move(document);
    TomlTable root(toml_->root(), toml_->path(), "the top level", diagnostics_);
    root.AllowOnly(
        {"name", "description", "base_year", "census_date", "settings", "demand", "teams", "travel", "training", "locality", "files"});
    if (auto name = root.String("name", true)) place_.name = *name;
    if (auto description = root.String("description", false)) place_.description = *description;
    if (auto year = root.Integer("base_year", true, 1990, 2100)) place_.base_year = static_cast<int>(*year);
    if (auto census = root.LocalDate("census_date", true)) {
      if (*census > options_.today) {
        diagnostics_.Error(root.At("census_date"),
                           fmt::format("census_date {} is in the future, expected the date of the staff "
                                       "snapshot, no later than today ({})",
                                       FormatDate(*census), FormatDate(options_.today)));
      } else {
        place_.census_date = *census;
        latest_date_ = *census;
        have_census_ = true;
      }
    }
    if (auto settings = root.Table("settings", false)) {
      settings->AllowOnly({"retirement_age", "suppression_threshold", "full_time_hours_per_week"});
      if (auto age = settings->Integer("retirement_age", false, 55, 75)) {
        place_.settings.retirement_age = static_cast<int>(*age);
      }
      if (auto threshold = settings->Integer("suppression_threshold", false, 1, 100)) {
        place_.settings.suppression_threshold = static_cast<int>(*threshold);
      }
      if (auto hours = settings->Number("full_time_hours_per_week", false, 0, true, 60, false)) {
        place_.settings.full_time_hours_per_week = *hours;
      }
    }
    if (auto demand = root.Table("demand", false)) {
      demand->AllowOnly({"years", "available_hours_per_fte", "direct_care_share", "services", "register", "risk_model",
                         "prevalence_change_per_year", "calibrate_to_registers"});
      DemandSettings& settings = place_.demand;
      if (auto years = demand->Integer("years", false, 1, 40)) settings.years = static_cast<int>(*years);
      if (auto hours = demand->Number("available_hours_per_fte", false, 0, true, 3000, false)) {
        settings.available_hours_per_fte = *hours;
      }
      if (auto share = demand->Number("direct_care_share", false, 0, true, 1, false)) settings.direct_care_share = *share;
      if (auto services = demand->String("services", false)) settings.services_file = *services;
      if (auto register_file = demand->String("register", false)) settings.register_file = *register_file;
      if (auto model = demand->String("risk_model", false)) settings.risk_model_file = *model;
      if (auto calibrate = demand->Boolean("calibrate_to_registers", false)) settings.calibrate_to_registers = *calibrate;
      if (settings.register_file.empty() != settings.risk_model_file.empty()) {
        diagnostics_.Error(demand->where(), "[demand] gives only one of register and risk_model, expected both or "
                                            "neither");
      }
      if (auto changes = demand->Table("prevalence_change_per_year", false)) {
        for (const auto& [need, node] : changes->table()) {
          if (auto rate = changes->Number(need.str(), true, -0.5, false, 0.5, false)) {
            settings.prevalence_change_per_year.push_back(
                DemandSettings::PrevalenceChange{std::string(need.str()), *rate, TomlLocation(toml_->path(), node)});
          }
        }
      }
    }
    if (auto teams = root.Table("teams", false)) {
      teams->AllowOnly({"min_population", "max_population", "keep_networks", "within_locality", "use_given"});
      TeamSettings& settings = place_.team_settings;
      if (auto least = teams->Integer("min_population", false, 0, 10'000'000)) settings.min_population = *least;
      if (auto most = teams->Integer("max_population", false, 1, 10'000'000)) settings.max_population = *most;
      if (settings.min_population > settings.max_population) {
        diagnostics_.Error(teams->At(teams->Has("max_population") ? "max_population" : "min_population"),
                           fmt::format("[teams] min_population {} is above max_population {}, expected the lower "
                                       "bound at most the upper",
                                       settings.min_population, settings.max_population));
      }
      if (auto keep = teams->Boolean("keep_networks", false)) settings.keep_networks = *keep;
      if (auto within = teams->Boolean("within_locality", false)) settings.within_locality = *within;
      if (auto given = teams->Boolean("use_given", false)) settings.use_given = *given;
    }
    if (auto travel = root.Table("travel", false)) {
      travel->AllowOnly({"from_map", "road_speed_kmh", "detour_factor", "stop_minutes"});
      TravelSettings& settings = place_.travel;
      if (auto from_map = travel->Boolean("from_map", false)) settings.from_map = *from_map;
      if (auto speed = travel->Number("road_speed_kmh", false, 0, true, 130, false)) settings.road_speed_kmh = *speed;
      if (auto detour = travel->Number("detour_factor", false, 1, false, 5, false)) settings.detour_factor = *detour;
      if (auto stop = travel->Number("stop_minutes", false, 0, false, 120, false)) settings.stop_minutes = *stop;
    }
    if (auto training = root.Table("training", false)) {
      training->AllowOnly(
          {"courses", "years", "away_share", "joint", "employer_capacity_staff", "catch_up_months", "backfill", "solve_gap",
           "solve_nodes"});
      TrainingSettings& settings = place_.training;
      if (auto courses = training->String("courses", false)) settings.courses_file = *courses;
      if (auto years = training->Integer("years", false, 1, 10)) settings.years = static_cast<int>(*years);
      if (auto share = training->Number("away_share", false, 0, true, 1, false)) settings.away_share = *share;
      if (auto joint = training->Boolean("joint", false)) settings.joint = *joint;
      if (auto staff = training->Integer("employer_capacity_staff", false, 0, 1000000)) {
        settings.employer_capacity_staff = static_cast<int>(*staff);
      }
      if (auto months = training->Integer("catch_up_months", false, 3, 60)) {
        settings.catch_up_months = static_cast<int>(*months);
      }
      if (auto gap = training->Number("solve_gap", false, 0, false, 0.5, false)) settings.solve_gap = *gap;
      if (auto nodes = training->Integer("solve_nodes", false, 0, 10000000)) settings.solve_nodes = static_cast<int>(*nodes);
      if (auto backfill = training->String("backfill", false)) {
        if (*backfill == "bank" || *backfill == "agency") {
          settings.backfill_agency = *backfill == "agency";
        } else {
          diagnostics_.Error(training->At("backfill"),
                             fmt::format("[training] backfill \"{}\" is not a rate, expected \"bank\" or \"agency\"",
                                         *backfill));
        }
      }
    }
    const std::vector<TomlTable> localities = root.Tables("locality", true);
    if (localities.size() > static_cast<std::size_t>(kMaxLocalities.most)) {
      const TomlTable& over = localities[static_cast<std::size_t>(kMaxLocalities.most)];
      diagnostics_.Error(over.where(), OverLimit(fmt::format("locality {}", kMaxLocalities.most + 1), kMaxLocalities,
                                                 " [[locality]] tables"));
    }
    for (const TomlTable& locality : localities) {
      locality.AllowOnly({"code", "name"});
      auto code = locality.String("code", true);
      auto name = locality.String("name", true);
      if (!code) continue;
      if (code->empty()) {
        diagnostics_.Error(locality.At("code"), "empty locality code, expected an area code such as E07000223");
        continue;
      }
      const auto [index, added] = localities_.Insert(*code);
      if (!added) {
        diagnostics_.Error(locality.At("code"),
                           fmt::format("duplicate locality code \"{}\", expected each locality once", *code));
        continue;
      }
      place_.localities.push_back(Locality{*code, name.value_or("")});
    }
    have_localities_ = !localities.empty();

    for (const std::string_view table : kTableNames) {
      FileSpec spec;
      spec.table = table;
      spec.file = fmt::format("{}.csv", table);
      specs_.push_back(spec);
    }
    if (auto files = root.Table("files", false)) {
      std::vector<std::string_view> names(kTableNames.begin(), kTableNames.end());
      for (const auto& [key, node] : files->table()) {
        const auto found = std::find(names.begin(), names.end(), key.str());
        if (found == names.end()) {
          diagnostics_.Error(TomlLocation(toml_->path(), node),
                             fmt::format("unknown table \"{}\" in [files], expected one of {}{}", key.str(),
                                         fmt::join(names, ", "), DidYouMean(key.str(), names)));
          continue;
        }
        FileSpec& spec = specs_[static_cast<std::size_t>(found - names.begin())];
        auto entry = files->Table(key.str(), true);
        if (!entry) continue;
        if (spec.table == "population") {
          entry->AllowOnly({"path", "layout", "encoding", "area_type", "age_band_type"});
          if (auto layout = entry->Choice("layout", false, {"careforce", "ons-area-population"})) spec.layout = *layout;
          if (auto area_type = entry->String("area_type", false)) spec.area_type = *area_type;
          if (auto band_type = entry->String("age_band_type", false)) spec.age_band_type = *band_type;
        } else if (spec.table == "practice_registers") {
          entry->AllowOnly({"path", "layout", "encoding"});
          if (auto layout = entry->Choice("layout", false, {"careforce", "qof-prevalence"})) spec.layout = *layout;
        } else if (spec.table == "registered_lists") {
          entry->AllowOnly({"path", "layout", "encoding"});
          if (auto layout = entry->Choice("layout", false, {"careforce", "pcn-age-sex-pyramid"})) {
            spec.layout = *layout;
          }
        } else {
          entry->AllowOnly({"path", "encoding"});
        }
        if (auto path = entry->String("path", false)) spec.file = *path;
        if (auto encoding = entry->Choice("encoding", false, {"utf-8", "windows-1252"})) {
          spec.encoding = *ParseEncoding(*encoding);
        }
      }
    }
    diagnostics_.SortByLocationFrom(first_diagnostic);
    return true;
  }

  FileSpec& Spec(std::string_view table) {
    for (FileSpec& spec : specs_) {
      if (spec.table == table) return spec;
    }
    throw InternalError(fmt::format("no file specification for table {}", table));
  }

  // Reads and decodes a table's file; nullopt when it is absent (an error when required).
  std::optional<TextFile> LoadText(std::string_view table, bool required) {
    const FileSpec& spec = Spec(table);
    const std::string path = PathOf(spec.file);
    if (!InputExists(path)) {
      if (required) {
        diagnostics_.Error(Location{path, 1, 1},
                           fmt::format("file not found, expected the {} table of the place (see "
                                       "docs/formats.md)",
                                       table));
      }
      return std::nullopt;
    }
    file_first_diagnostic_ = diagnostics_.size();
    auto file = TextFile::Load(path, spec.encoding, options_.digests, diagnostics_);
    if (!file) return std::nullopt;
    SourceFile source;
    source.table = spec.table;
    source.path = path;
    source.layout = spec.layout;
    source.bytes = file->bytes();
    source.sha256 = file->sha256();
    place_.sources.push_back(std::move(source));
    return file;
  }

  void RecordCount(const Table& table) { place_.sources.back().records = table.records(); }

  // A code that must name an entity of another table.
  std::optional<Index> Reference(const Table& table, std::size_t column, const CodeIndex& index,
                                 bool index_loaded, std::string_view what, std::string_view from) const {
    const std::string_view code = table.Get(column);
    if (code.empty()) {
      table.Error(column, fmt::format("missing {}, expected a code from {}", what, from));
      return std::nullopt;
    }
    if (const auto found = index.Find(code)) return found;
    // When the other table itself failed, its codes are unknown: do not pile on errors.
    if (index_loaded) {
      table.Error(column, fmt::format("unknown {} \"{}\", expected a code from {}{}", what, code, from,
                                      index.Suggest(code)));
    }
    return std::nullopt;
  }

  std::optional<Index> LocalityReference(const Table& table, std::size_t column) const {
    return Reference(table, column, localities_, have_localities_, "locality",
                     "the [[locality]] tables of place.toml");
  }

  // A new code of this table, reporting missing and duplicate codes (with the line of the
  // first). Returns the code when it was added, in which case the caller adds the entity, so
  // that positions in the index and in the entity vector agree. A code with surrounding spaces
  // is reported but added trimmed, so that files referring to it do not report it as unknown.
  std::optional<std::string> NewCode(const Table& table, std::size_t column, CodeIndex& index,
                                     std::vector<int64_t>& lines, std::string_view what) {
    std::string_view code = table.Get(column);
    if (!table.Text(column, what)) {
      code = Trim(code);
      if (code.empty()) return std::nullopt;
    }
    const auto [position, added] = index.Insert(code);
    if (!added) {
      table.Error(column, fmt::format("duplicate {} \"{}\", expected each {} once (first on line {})", what,
                                      code, what, lines[position]));
      return std::nullopt;
    }
    lines.push_back(table.line());
    return std::string(code);
  }

  // A role's or competence's reference code: one given must be a shipped code; none given and
  // an own code the reference tables do not know is a warning saying which defaults apply.
  static void CheckReferenceCode(const Table& table, std::size_t code_column, std::size_t reference_column,
                                 std::string_view code, const CodeIndex& shipped, std::string_view what,
                                 std::string_view defaults) {
    if (shipped.size() == 0) return;  // the catalogue could not be read (reported)
    const std::string_view given = table.Get(reference_column);
    if (!given.empty()) {
      if (!shipped.Find(given)) {
        table.Error(reference_column, fmt::format("reference {} \"{}\" is not a shipped {}, expected one of {}{}", what,
                                                  given, what, fmt::join(shipped.Codes(), ", "), shipped.Suggest(given)));
      }
      return;
    }
    if (shipped.Find(code)) return;
    table.diagnostics().Warning(table.At(code_column),
                                fmt::format("{} \"{}\" has no reference match (no reference_{} and not a shipped "
                                            "code): {}",
                                            what, code, what, defaults));
  }

  static std::string_view Trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
  }

  // ---- competences, roles, role_competences, organisations ----------------------------------

  void ReadCompetences() {
    auto text = LoadText("competences", false);
    if (!text) return;
    enum : std::size_t { kCode, kName, kFramework, kReferenceCompetence };
    static constexpr Column kLayout[] = {
        {"code", true}, {"name", true}, {"framework", true}, {"reference_competence", false}};
    CsvReader reader(text->text(), place_.sources.back().path, diagnostics_);
    Table table(reader, kLayout);
    std::vector<int64_t> lines;
    while (table.Next()) {
      const auto code = NewCode(table, kCode, competences_, lines, "competence code");
      Competence competence;
      if (table.complete()) {
        if (auto name = table.Text(kName, "competence name")) competence.name = *name;
        if (auto framework = table.Text(kFramework, "framework")) competence.framework = *framework;
        competence.reference_competence = table.Get(kReferenceCompetence);
        if (code) {
          CheckReferenceCode(table, kCode, kReferenceCompetence, *code, shipped_.competences, "competence",
                             "it is not reserved to registered professionals, and no training course "
                             "applies to it (reference/plan/)");
        }
      }
      if (code) {
        competence.code = *code;
        place_.competences.push_back(std::move(competence));
      }
    }
    RecordCount(table);
    have_competences_ = table.usable();
  }

  void ReadRoles() {
    auto text = LoadText("roles", true);
    if (!text) return;
    enum : std::size_t {
      kCode, kName, kStaffGroup, kRegistered, kAfcBand, kHourlyRate, kAnnualSalary, kPayComparator, kReferenceRole
    };
    static constexpr Column kLayout[] = {{"code", true},        {"name", true},
                                         {"staff_group", true}, {"registered", true},
                                         {"afc_band", false},   {"hourly_rate", false},
                                         {"annual_salary", false}, {"pay_comparator", false},
                                         {"reference_role", false}};
    CsvReader reader(text->text(), place_.sources.back().path, diagnostics_);
    Table table(reader, kLayout);
    std::vector<int64_t> lines;
    while (table.Next()) {
      if (table.records() == kMaxRoles.most + 1) {
        diagnostics_.Error(Location{table.path(), table.line(), 1},
                           OverLimit(fmt::format("role {}", kMaxRoles.most + 1), kMaxRoles, " rows"));
      }
      Role role;
      const auto code = NewCode(table, kCode, roles_, lines, "role code");
      if (!table.complete()) {
        if (code) {
          role.code = *code;
          place_.roles.push_back(std::move(role));
        }
        continue;
      }
      if (auto name = table.Text(kName, "role name")) role.name = *name;
      if (auto group = EnumField<StaffGroup>(table, kStaffGroup, "staff group")) role.staff_group = *group;
      const std::string_view registered = table.Get(kRegistered);
      if (registered == "yes" || registered == "no") {
        role.registered = registered == "yes";
      } else {
        table.Error(kRegistered, fmt::format("registered \"{}\" is not allowed, expected yes or no", registered));
      }
      const std::string_view band = table.Get(kAfcBand);
      const std::string_view hourly = table.Get(kHourlyRate);
      const std::string_view salary = table.Get(kAnnualSalary);
      const int pay_given = !band.empty() + !hourly.empty() + !salary.empty();
      if (pay_given != 1) {
        table.Error(pay_given == 0 ? kAfcBand : kHourlyRate,
                    fmt::format("{}, expected exactly one of afc_band, hourly_rate or annual_salary",
                                pay_given == 0 ? "no pay given" : "pay given more than once"));
      } else if (!band.empty()) {
        role.pay_basis = PayBasis::kAfcBand;
        if (std::find(kAfcBands.begin(), kAfcBands.end(), band) == kAfcBands.end()) {
          table.Error(kAfcBand, fmt::format("Agenda for Change band \"{}\" does not exist, expected one of "
                                            "1, 2, 3, 4, 5, 6, 7, 8a, 8b, 8c, 8d or 9",
                                            band));
        }
        role.afc_band = band;
      } else if (!hourly.empty()) {
        role.pay_basis = PayBasis::kHourlyRate;
        if (auto rate = table.Number(kHourlyRate, "hourly rate", 0, true, 1000, false)) role.hourly_rate = *rate;
      } else {
        role.pay_basis = PayBasis::kAnnualSalary;
        if (auto amount = table.Number(kAnnualSalary, "annual salary", 0, true, 1e7, false)) {
          role.annual_salary = *amount;
        }
      }
      role.pay_comparator = table.Get(kPayComparator);
      role.reference_role = table.Get(kReferenceRole);
      if (code) {
        // Leaver rates fall back to the sector group's "*" row of synth/turnover.csv
        // (SupplyReference::AllLeaverRate); the plan tables simply have no row for the code.
        CheckReferenceCode(table, kCode, kReferenceRole, *code, shipped_.roles, "role",
                           "its reference leaver rate is that of any role of its sector group (\"*\" in "
                           "synth/turnover.csv), it gives no act of the task table (reference/plan/scope.csv) and no "
                           "role conversion applies to it");
      }
      if (code) {
        role.code = *code;
        place_.roles.push_back(std::move(role));
      }
    }
    RecordCount(table);
    have_roles_ = table.usable();
  }

  void ReadRoleCompetences() {
    auto text = LoadText("role_competences", false);
    if (!text) return;
    enum : std::size_t { kRole, kCompetence };
    static constexpr Column kLayout[] = {{"role", true}, {"competence", true}};
    CsvReader reader(text->text(), place_.sources.back().path, diagnostics_);
    Table table(reader, kLayout);
    std::unordered_map<uint64_t, int64_t> seen;
    while (table.Next()) {
      if (!table.complete()) continue;
      auto role = Reference(table, kRole, roles_, have_roles_, "role", "roles.csv");
      auto competence = Reference(table, kCompetence, competences_, have_competences_, "competence",
                                  "competences.csv");
      if (!role || !competence) continue;
      const uint64_t key = (static_cast<uint64_t>(*role) << 32) | *competence;
      if (const auto [first, added] = seen.emplace(key, table.line()); !added) {
        table.Error(kCompetence, fmt::format("duplicate role competence, expected each role and "
                                             "competence pair once (first on line {})",
                                             first->second));
        continue;
      }
      place_.role_competences.push_back(RoleCompetence{*role, *competence});
    }
    RecordCount(table);
  }

  // A site's latitude and longitude (both or neither), within the United Kingdom's extent.
  static void ReadCoordinates(Table& table, std::size_t latitude_column, std::size_t longitude_column,
                       std::optional<double>& latitude, std::optional<double>& longitude) {
    const bool has_latitude = !table.Get(latitude_column).empty();
    const bool has_longitude = !table.Get(longitude_column).empty();
    if (has_latitude != has_longitude) {
      table.Error(has_latitude ? longitude_column : latitude_column,
                  "only one coordinate given, expected both latitude and longitude or neither");
    } else if (has_latitude) {
      latitude = table.Number(latitude_column, "latitude", 49.8, false, 60.9, false);
      longitude = table.Number(longitude_column, "longitude", -8.7, false, 1.8, false);
    }
  }

  void ReadOrganisations() {
    auto text = LoadText("organisations", true);
    if (!text) return;
    enum : std::size_t { kCode, kName, kSector, kLocality, kLatitude, kLongitude };
    static constexpr Column kLayout[] = {{"code", true},      {"name", true},     {"sector", true},
                                         {"locality", true},  {"latitude", false}, {"longitude", false}};
    CsvReader reader(text->text(), place_.sources.back().path, diagnostics_);
    Table table(reader, kLayout);
    std::vector<int64_t> lines;
    while (table.Next()) {
      Organisation organisation;
      const auto code = NewCode(table, kCode, organisations_, lines, "organisation code");
      if (table.complete()) {
        if (auto name = table.Text(kName, "organisation name")) organisation.name = *name;
        if (auto sector = EnumField<Sector>(table, kSector, "sector")) organisation.sector = *sector;
        if (auto locality = LocalityReference(table, kLocality)) organisation.locality = *locality;
        ReadCoordinates(table, kLatitude, kLongitude, organisation.latitude, organisation.longitude);
        if (organisation.latitude && organisation.sector == Sector::kIndividualEmployer) {
          // A person who employs their own assistants: the site would be their home.
          table.Error(kLatitude, "a site for an individual employer (a person's home), expected none "
                                 "(docs/data-protection.md, \"Individual employers\")");
          organisation.latitude.reset();
          organisation.longitude.reset();
        }
      }
      if (code) {
        organisation.code = *code;
        place_.organisations.push_back(std::move(organisation));
      }
    }
    RecordCount(table);
    have_organisations_ = table.usable();
  }

  // ---- GP practices and population ---------------------------------------------------------

  void ReadGpPractices() {
    auto text = LoadText("gp_practices", false);
    if (!text) return;
    enum : std::size_t { kCode, kName, kLocality, kListSize, kPostcode, kPcn, kLatitude, kLongitude, kTeam };
    static constexpr Column kLayout[] = {{"code", true},      {"name", true},      {"locality", true},
                                         {"list_size", true}, {"postcode", false}, {"pcn", false},
                                         {"latitude", false}, {"longitude", false}, {"team", false}};
    CsvReader reader(text->text(), place_.sources.back().path, diagnostics_);
    Table table(reader, kLayout);
    std::vector<int64_t> lines;
    CodeIndex codes;
    std::optional<Location> without_team;  // the first practice with no team
    std::size_t with_team = 0;
    while (table.Next()) {
      GpPractice practice;
      const auto code = NewCode(table, kCode, codes, lines, "practice code");
      if (!table.complete()) continue;
      if (auto name = table.Text(kName, "practice name")) practice.name = *name;
      if (auto locality = LocalityReference(table, kLocality)) practice.locality = *locality;
      if (auto list_size = table.Integer(kListSize, "list size", 0, 1'000'000)) practice.list_size = *list_size;
      practice.postcode = table.Get(kPostcode);
      if (!practice.postcode.empty() && !ValidPostcode(practice.postcode)) {
        table.Error(kPostcode, fmt::format("postcode \"{}\" is not a UK postcode, expected a form such as "
                                           "\"BN11 1AA\" (capitals, one space)",
                                           practice.postcode));
      }
      practice.pcn = table.Get(kPcn);
      practice.team = table.Get(kTeam);
      if (practice.team.empty() && !without_team) without_team = table.At(kTeam);
      ReadCoordinates(table, kLatitude, kLongitude, practice.latitude, practice.longitude);
      with_team += practice.team.empty() ? 0 : 1;
      if (code) {
        practice.code = *code;
        place_.gp_practices.push_back(std::move(practice));
      }
    }
    if (with_team > 0 && without_team && place_.team_settings.use_given) {
      diagnostics_.Error(*without_team, fmt::format("no team for this practice while {} practices have one, expected a "
                                                    "team for every practice or for none (or [teams] use_given = false)",
                                                    with_team));
    }
    RecordCount(table);
  }

  void ReadPopulation() {
    auto text = LoadText("population", false);
    if (!text) return;
    const FileSpec& spec = Spec("population");
    CsvReader reader(text->text(), place_.sources.back().path, diagnostics_);
    std::vector<int64_t> lines;
    if (spec.layout == "ons-area-population") {
      ReadOnsPopulation(reader, spec, lines);
    } else {
      enum : std::size_t { kArea, kYear, kAge, kSex, kCount };
      static constexpr Column kLayout[] = {
          {"area", true}, {"year", true}, {"age", true}, {"sex", true}, {"count", true}};
      Table table(reader, kLayout);
      while (table.Next()) {
        if (!table.complete()) continue;
        auto locality = LocalityReference(table, kArea);
        auto year = table.Integer(kYear, "year", 1900, 2200);
        const auto band = ParseAgeBand(table.Get(kAge));
        if (!band) {
          table.Error(kAge, fmt::format("age \"{}\" is not an age or age band, expected a single age such "
                                        "as 67, a band such as 65-69, or an open band such as 90+",
                                        table.Get(kAge)));
        }
        auto sex = EnumField<Sex>(table, kSex, "sex");
        if (sex == Sex::kUnknown) {
          table.Error(kSex, "sex \"U\" is not allowed in population counts, expected F or M");
          sex.reset();
        }
        auto count = table.Number(kCount, "count", 0, false, 1e9, false);
        if (!locality || !year || !band || !sex || !count) continue;
        place_.population.push_back(
            PopulationCell{*locality, static_cast<int>(*year), band->first, band->second, *sex, *count});
        lines.push_back(table.line());
      }
      RecordCount(table);
    }
    CheckPopulationOverlaps(lines);
    diagnostics_.SortByLocationFrom(file_first_diagnostic_);
  }

  // Disease registers of the place's GP practices: the careforce layout, or the QOF
  // "PREVALENCE" file as published, of which only the rows of the place's practices are used.
  void ReadPracticeRegisters() {
    auto text = LoadText("practice_registers", false);
    if (!text) return;
    const FileSpec& spec = Spec("practice_registers");
    const std::string& path = place_.sources.back().path;
    CodeIndex practices;
    for (const GpPractice& practice : place_.gp_practices) practices.Insert(practice.code);
    if (!InputExists(PathOf(Spec("gp_practices").file))) {
      diagnostics_.Error(Location{path, 1, 1}, "practice registers without a gp_practices table, expected the "
                                               "place's GP practices in gp_practices.csv");
      return;
    }
    const bool published = spec.layout == "qof-prevalence";
    enum : std::size_t { kPractice, kRegister, kCount, kListSize, kListAges };
    static constexpr Column kCareforce[] = {{"practice", true}, {"register", true}, {"count", true},
                                            {"list_size", true}, {"list_min_age", false}};
    static constexpr Column kQof[] = {{"PRACTICE_CODE", true}, {"GROUP_CODE", true}, {"REGISTER", true},
                                      {"PRACTICE_LIST_SIZE", true}, {"PATIENT_LIST_TYPE", true}};
    CsvReader reader(text->text(), path, diagnostics_);
    Table table(reader, published ? std::span<const Column>(kQof) : std::span<const Column>(kCareforce));
    std::map<std::pair<Index, std::string>, int64_t> first_line;
    while (table.Next()) {
      if (!table.complete()) continue;
      std::optional<Index> practice;
      if (published) {
        practice = practices.Find(table.Get(kPractice));
        if (!practice) continue;  // a practice of elsewhere in England
      } else {
        practice = Reference(table, kPractice, practices, true, "practice", "gp_practices.csv");
      }
      const std::string_view code = table.Get(kRegister);
      const bool code_ok = !code.empty() && code.size() <= 8 &&
                           std::all_of(code.begin(), code.end(), [](char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); });
      if (!code_ok) {
        table.Error(kRegister, fmt::format("register \"{}\" is not a register code, expected a QOF group code in "
                                           "capitals such as DEM or COPD",
                                           code));
      }
      auto count = table.Integer(kCount, published ? "REGISTER" : "count", 0, 10'000'000);
      auto list_size = table.Integer(kListSize, published ? "PRACTICE_LIST_SIZE" : "list size", 1, 10'000'000);
      std::optional<int> min_age = 0;
      if (published) {
        const std::string_view type = table.Get(kListAges);
        const auto found = std::find_if(kQofListTypes.begin(), kQofListTypes.end(),
                                        [&](const auto& known) { return known.first == type; });
        if (found == kQofListTypes.end()) {
          std::vector<std::string_view> names;
          for (const auto& known : kQofListTypes) names.push_back(known.first);
          table.Error(kListAges, fmt::format("PATIENT_LIST_TYPE \"{}\" is not allowed, expected one of {}", type,
                                             fmt::join(names, ", ")));
          min_age.reset();
        } else {
          min_age = found->second;
        }
      } else if (!table.Get(kListAges).empty()) {
        const auto age = table.Integer(kListAges, "list minimum age", 0, 120);
        min_age = age ? std::optional<int>(static_cast<int>(*age)) : std::nullopt;
      }
      if (count && list_size && *count > *list_size) {
        table.Error(kCount, fmt::format("{} patients on the register but {} on the list, expected a register no larger "
                                        "than the list",
                                        *count, *list_size));
        count.reset();
      }
      if (!practice || !code_ok || !count || !list_size || !min_age) continue;
      const auto [at, added] = first_line.try_emplace({*practice, std::string(code)}, table.line());
      if (!added) {
        table.Error(kRegister, fmt::format("duplicate register {} for practice {}, expected each register of a practice "
                                           "once (first on line {})",
                                           code, place_.gp_practices[*practice].code, at->second));
        continue;
      }
      place_.practice_registers.push_back(
          PracticeRegister{*practice, std::string(code), *count, *list_size, *min_age});
    }
    RecordCount(table);
  }

  // Registered patients by sex and age band of the place's practices or networks: the careforce
  // layout, or the PCN age-sex pyramid (JSON) as published.
  void ReadRegisteredLists() {
    auto text = LoadText("registered_lists", false);
    if (!text) return;
    const FileSpec& spec = Spec("registered_lists");
    const std::string& path = place_.sources.back().path;
    if (!InputExists(PathOf(Spec("gp_practices").file))) {
      diagnostics_.Error(Location{path, 1, 1},
                         "registered lists without a gp_practices table, expected the place's "
                         "GP practices in gp_practices.csv");
      return;
    }
    CodeIndex practices;
    CodeIndex networks;
    for (const GpPractice& practice : place_.gp_practices) {
      practices.Insert(practice.code);
      if (!practice.pcn.empty()) networks.Insert(practice.pcn);
    }
    std::vector<Location> where;
    const bool published = spec.layout == "pcn-age-sex-pyramid";
    if (published) {
      ReadPcnPyramid(text->text(), path, networks, where);
    } else {
      enum : std::size_t { kPractice, kPcn, kSex, kAge, kPatients };
      static constexpr Column kLayout[] = {
          {"practice", false}, {"pcn", false}, {"sex", true}, {"age", true}, {"patients", true}};
      CsvReader reader(text->text(), path, diagnostics_);
      Table table(reader, kLayout);
      if (table.usable() && !table.Has(kPractice) && !table.Has(kPcn)) {
        diagnostics_.Error(Location{path, 1, 1},
                           "no practice or pcn column, expected a practice column, a pcn column "
                           "or both");
      }
      while (table.Next()) {
        if (!table.complete()) continue;
        RegisteredList row;
        bool owner_ok = true;
        const std::string_view pcn = table.Get(kPcn);
        const bool has_practice = !table.Get(kPractice).empty();
        if (has_practice == !pcn.empty()) {
          table.Error(has_practice || !table.Has(kPractice) ? kPcn : kPractice,
                      has_practice
                          ? "both practice and pcn given, expected exactly one of them"
                          : "neither practice nor pcn given, expected exactly one of them");
          owner_ok = false;
        } else if (has_practice) {
          const auto practice =
              Reference(table, kPractice, practices, true, "practice", "gp_practices.csv");
          owner_ok = practice.has_value();
          if (practice) row.practice = *practice;
        } else if (networks.Find(pcn)) {
          row.pcn = pcn;
        } else {
          table.Error(
              kPcn,
              fmt::format("unknown primary care network \"{}\", expected the pcn of a practice in "
                          "gp_practices.csv{}",
                          pcn, networks.Suggest(pcn)));
          owner_ok = false;
        }
        auto sex = EnumField<Sex>(table, kSex, "sex");
        if (sex == Sex::kUnknown) {
          table.Error(kSex, "sex \"U\" is not allowed in registered lists, expected F or M");
          sex.reset();
        }
        const auto band = ParseAgeBand(table.Get(kAge));
        if (!band) {
          table.Error(
              kAge, fmt::format(
                        "age \"{}\" is not an age or age band, expected a single age such as 67, a "
                        "band such as 65-69, or an open band such as 95+",
                        table.Get(kAge)));
        }
        const auto patients = table.Integer(kPatients, "patients", 0, 10'000'000);
        if (!owner_ok || !sex || !band || !patients) continue;
        row.sex = *sex;
        row.age_from = band->first;
        row.age_to = band->second;
        row.patients = *patients;
        place_.registered_lists.push_back(std::move(row));
        where.push_back(Location{path, table.line(), 1});
      }
      RecordCount(table);
    }
    const auto& lists = place_.registered_lists;
    std::vector<std::pair<int, int>> bands;
    bands.reserve(lists.size());
    for (const RegisteredList& row : lists) bands.emplace_back(row.age_from, row.age_to);
    CheckBandOverlaps(
        bands, where,
        [&](std::size_t idx) {
          return std::tuple(lists[idx].practice, std::string_view(lists[idx].pcn), lists[idx].sex);
        },
        published ? "network and sex" : "practice or network, and sex");
    diagnostics_.SortByLocationFrom(file_first_diagnostic_);
  }

  // The West Sussex PCN age-sex pyramid (PCN_pyramid_data.json), read as published: records of
  // Area_name (a network's name, as in organisations.csv), Sex, Age_group, Patients and Proportion.
  void ReadPcnPyramid(std::string_view text, const std::string& path, const CodeIndex& networks,
                      std::vector<Location>& where) {
    constexpr std::array<std::string_view, 5> kKeys = {"Area_name", "Sex", "Age_group", "Patients",
                                                       "Proportion"};
    constexpr std::string_view kExpectedKeys = "Area_name, Sex, Age_group, Patients and Proportion";
    const auto lower = [](std::string_view name) {
      std::string folded(name);
      for (char& c : folded) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      return folded;
    };
    // Published names differ from ODS names in case only ("(ACF)" and "(Acf)").
    std::map<std::string, Index, std::less<>> organisation_of_name;
    std::vector<std::string_view> names;
    for (Index idx = 0; idx < place_.organisations.size(); ++idx) {
      organisation_of_name.emplace(lower(place_.organisations[idx].name), idx);
      names.push_back(place_.organisations[idx].name);
    }
    struct Skipped {
      Location first;
      int64_t records = 0;
    };
    std::map<std::string, Skipped> skipped;  // commissioning groups' totals
    const std::vector<JsonRecord> records = ReadJsonRecords(text, path, diagnostics_);
    for (const JsonRecord& record : records) {
      bool ok = true;
      for (const JsonField& field : record.fields) {
        if (std::find(kKeys.begin(), kKeys.end(), field.key) == kKeys.end()) {
          diagnostics_.Error(field.key_where,
                             fmt::format("unknown key \"{}\", expected {}{}", field.key,
                                         kExpectedKeys, DidYouMean(field.key, kKeys)));
          ok = false;
        }
      }
      const auto string_field = [&](std::string_view key) -> const JsonField* {
        const JsonField* field = record.Find(key);
        if (field == nullptr) {
          diagnostics_.Error(record.where,
                             fmt::format("record without {}, expected {}", key, kExpectedKeys));
        } else if (field->kind != JsonField::Kind::kString) {
          diagnostics_.Error(field->where,
                             fmt::format("{} is not a string, expected text such as {}", key,
                                         key == "Area_name" ? "\"Cissbury Integrated Care PCN\""
                                         : key == "Sex"     ? "\"Female\""
                                                            : "\"65-69 years\""));
          field = nullptr;
        }
        return field;
      };
      const JsonField* area = string_field("Area_name");
      const JsonField* sex_field = string_field("Sex");
      const JsonField* age = string_field("Age_group");
      if (area != nullptr && area->text.ends_with(" CCG")) {
        auto [at, added] = skipped.try_emplace(area->text, Skipped{area->where, 0});
        ++at->second.records;
        continue;
      }
      const JsonField* patients = record.Find("Patients");
      std::optional<int64_t> count;
      constexpr int64_t kMostPatients = 10'000'000;
      if (patients == nullptr) {
        diagnostics_.Error(record.where,
                           fmt::format("record without Patients, expected {}", kExpectedKeys));
      } else if (patients->kind != JsonField::Kind::kInteger || patients->integer < 0 ||
                 patients->integer > kMostPatients) {
        diagnostics_.Error(
            patients->where,
            fmt::format(
                "Patients {} is {}, expected a whole number from 0 to {}",
                patients->kind == JsonField::Kind::kString   ? fmt::format("\"{}\"", patients->text)
                : patients->kind == JsonField::Kind::kNumber ? fmt::format("{}", patients->number)
                : patients->kind == JsonField::Kind::kInteger ? fmt::format("{}", patients->integer)
                                                              : std::string("value"),
                patients->kind == JsonField::Kind::kInteger ? "out of range" : "not a whole number",
                kMostPatients));
      } else {
        count = patients->integer;
      }
      if (const JsonField* share = record.Find("Proportion");
          share != nullptr && share->kind != JsonField::Kind::kInteger &&
          share->kind != JsonField::Kind::kNumber) {
        diagnostics_.Error(share->where,
                           "Proportion is not a number, expected a number such as 0.0221");
        ok = false;
      }
      std::optional<std::string> network;
      if (area != nullptr && have_organisations_) {
        const auto found = organisation_of_name.find(lower(area->text));
        if (found == organisation_of_name.end()) {
          diagnostics_.Error(
              area->where,
              fmt::format("unknown primary care network \"{}\", expected the name of a "
                          "network in organisations.csv{}",
                          area->text, DidYouMean(area->text, names)));
        } else if (const std::string& code = place_.organisations[found->second].code;
                   !networks.Find(code)) {
          diagnostics_.Error(
              area->where,
              fmt::format("\"{}\" is organisation {}, which is the pcn of no practice in "
                          "gp_practices.csv, expected a primary care network of the "
                          "place's practices",
                          area->text, code));
        } else {
          network = code;
        }
      }
      std::optional<Sex> sex;
      if (sex_field != nullptr) {
        if (sex_field->text == "Female") {
          sex = Sex::kFemale;
        } else if (sex_field->text == "Male") {
          sex = Sex::kMale;
        } else {
          diagnostics_.Error(
              sex_field->where,
              fmt::format("Sex \"{}\" is not allowed, expected Female or Male", sex_field->text));
        }
      }
      std::optional<std::pair<int, int>> band;
      if (age != nullptr) {
        std::string_view age_text = age->text;
        constexpr std::string_view kSuffix = " years";
        if (age_text.ends_with(kSuffix)) age_text.remove_suffix(kSuffix.size());
        band = ParseAgeBand(age_text);
        if (!band) {
          diagnostics_.Error(
              age->where,
              fmt::format("Age_group \"{}\" is not an age band, expected a band such as "
                          "\"65-69 years\" or \"95+ years\"",
                          age->text));
        }
      }
      if (!ok || !network || !sex || !band || !count) continue;
      place_.registered_lists.push_back(
          RegisteredList{kNoIndex, *network, *sex, band->first, band->second, *count});
      where.push_back(age->where);
    }
    for (const auto& [name, total] : skipped) {
      diagnostics_.Warning(
          total.first,
          fmt::format("\"{}\" is a clinical commissioning group's total, not a primary "
                      "care network: its {} records are skipped",
                      name, total.records));
    }
    place_.sources.back().records = static_cast<int64_t>(records.size());
  }

  // The ONS mid-year estimate / projection layout (Area_population_df.csv), read as published.
  void ReadOnsPopulation(CsvReader& reader, const FileSpec& spec, std::vector<int64_t>& lines) {
    enum : std::size_t {
      kAreaName, kAreaCode, kAreaType, kSex, kAgeGroup, kAgeBandType, kYear, kPopulation, kDataType
    };
    static constexpr Column kLayout[] = {{"Area_Name", true},  {"Area_Code", true},     {"Area_Type", true},
                                         {"Sex", true},        {"Age_group", true},     {"Age_band_type", true},
                                         {"Year", true},       {"Population", true},    {"Data_type", true}};
    Table table(reader, kLayout);
    int64_t used = 0;
    while (table.Next()) {
      if (!table.complete()) continue;
      if (table.Get(kAreaType) != spec.area_type || table.Get(kAgeBandType) != spec.age_band_type) continue;
      ++used;
      auto locality = LocalityReference(table, kAreaCode);
      auto year = table.Integer(kYear, "Year", 1900, 2200);
      std::string_view age_text = table.Get(kAgeGroup);
      constexpr std::string_view kSuffix = " years";
      if (age_text.ends_with(kSuffix)) age_text.remove_suffix(kSuffix.size());
      const auto band = ParseAgeBand(age_text);
      if (!band) {
        table.Error(kAgeGroup, fmt::format("Age_group \"{}\" is not an age band, expected a band such as "
                                           "\"65-69 years\" or \"90+ years\"",
                                           table.Get(kAgeGroup)));
      }
      std::optional<Sex> sex;
      if (table.Get(kSex) == "Female") {
        sex = Sex::kFemale;
      } else if (table.Get(kSex) == "Male") {
        sex = Sex::kMale;
      } else {
        table.Error(kSex, fmt::format("Sex \"{}\" is not allowed, expected Female or Male", table.Get(kSex)));
      }
      auto count = table.Number(kPopulation, "Population", 0, false, 1e9, false);
      if (!locality || !year || !band || !sex || !count) continue;
      place_.population.push_back(
          PopulationCell{*locality, static_cast<int>(*year), band->first, band->second, *sex, *count});
      lines.push_back(table.line());
    }
    if (table.usable() && used == 0) {
      diagnostics_.Error(Location{reader.path(), 1, 1},
                         fmt::format("no rows with Area_Type \"{}\" and Age_band_type \"{}\", expected "
                                     "the area_type and age_band_type set in [files.population] to "
                                     "select rows",
                                     spec.area_type, spec.age_band_type));
    }
    RecordCount(table);
  }

  void CheckPopulationOverlaps(const std::vector<int64_t>& lines) {
    const auto& cells = place_.population;
    std::vector<std::pair<int, int>> bands;
    std::vector<Location> where;
    bands.reserve(cells.size());
    where.reserve(cells.size());
    const std::string& path = place_.sources.back().path;
    for (std::size_t idx = 0; idx < cells.size(); ++idx) {
      bands.emplace_back(cells[idx].age_from, cells[idx].age_to);
      where.push_back(Location{path, lines[idx], 1});
    }
    CheckBandOverlaps(
        bands, where,
        [&](std::size_t idx) {
          return std::tuple(cells[idx].locality, cells[idx].year, cells[idx].sex);
        },
        "area, year and sex");
  }

  // Age bands of one group (`group(idx)`) may not overlap, so that each person is counted once.
  // `where[idx]` is where band idx was read; `same` names the group in messages.
  template <typename Group>
  void CheckBandOverlaps(const std::vector<std::pair<int, int>>& bands,
                         const std::vector<Location>& where, Group group, std::string_view same) {
    std::vector<std::size_t> order(bands.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    const auto key = [&](std::size_t idx) {
      return std::tuple(group(idx), bands[idx].first, where[idx].line, where[idx].column);
    };
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return key(a) < key(b); });
    const auto band_text = [&](std::size_t idx) {
      const auto [from, to] = bands[idx];
      if (to == kOpenAgeBand) return fmt::format("{}+", from);
      if (from == to) return fmt::format("{}", from);
      return fmt::format("{}-{}", from, to);
    };
    const auto place_text = [](const Location& at) {
      return at.column == 1 ? fmt::format("on line {}", at.line)
                            : fmt::format("on line {}, column {}", at.line, at.column);
    };
    // Within each group (sorted by lower age), compare each band with the earlier band reaching
    // the oldest age.
    std::size_t reach = 0;  // position in `order` of that band
    for (std::size_t pos = 1; pos < order.size(); ++pos) {
      if (group(order[pos - 1]) != group(order[pos])) {
        reach = pos;
        continue;
      }
      const std::size_t current = order[pos];
      const std::size_t reaching = order[reach];
      if (bands[current].first <= bands[reaching].second) {
        const auto position = [&](std::size_t idx) {
          return std::pair(where[idx].line, where[idx].column);
        };
        const bool current_later = position(current) > position(reaching);
        const std::size_t later = current_later ? current : reaching;
        const std::size_t earlier = current_later ? reaching : current;
        diagnostics_.Error(
            where[later],
            fmt::format("age {} overlaps age {} {} for the same {}, expected each person "
                        "counted once",
                        band_text(later), band_text(earlier), place_text(where[earlier]), same));
      }
      if (bands[current].second > bands[reaching].second) reach = pos;
    }
  }

  // ---- staff -------------------------------------------------------------------------------

  void ReadStaff() {
    auto text = LoadText("staff", true);
    if (!text) return;
    enum : std::size_t {
      kPersonId, kOrganisation, kRole, kFte, kAge, kSex, kStartDate, kAnnualPay, kContract, kLocality, kTeam
    };
    static constexpr Column kLayout[] = {
        {"person_id", true}, {"organisation", true}, {"role", true},     {"fte", true},
        {"age", true},       {"sex", true},          {"start_date", true}, {"annual_pay", true},
        {"contract", true},  {"locality", false},    {"team", false}};
    CsvReader reader(text->text(), place_.sources.back().path, diagnostics_);
    Table table(reader, kLayout);
    const std::size_t expected_rows = text->text().size() / 80;

    // First pass: each record on its own. Identifiers are views into the file's text; valid
    // posts go straight into the place, their person to be resolved in the second pass.
    std::vector<std::string_view> ids;              // per record with an identifier
    std::vector<Index> post_of_id;                  // the post made from it, or kNoIndex
    std::vector<Table::RecordRef> post_records;     // per post
    ids.reserve(expected_rows);
    post_of_id.reserve(expected_rows);
    post_records.reserve(expected_rows);
    place_.staff.reserve(expected_rows);
    const Date census = latest_date_;
    while (table.Next()) {
      if (!table.complete()) {
        // Keep the person known to later files.
        if (!table.Get(kPersonId).empty()) {
          ids.push_back(table.Get(kPersonId));
          post_of_id.push_back(kNoIndex);
        }
        continue;
      }
      StaffPost post;
      const auto id = table.PersonId(kPersonId);
      const auto organisation = Reference(table, kOrganisation, organisations_, have_organisations_,
                                          "organisation", "organisations.csv");
      const auto role = Reference(table, kRole, roles_, have_roles_, "role", "roles.csv");
      const auto fte = table.Number(kFte, "FTE", 0, true, 1.5, false);
      const auto age = table.Integer(kAge, "age", 16, 80);
      const auto sex = EnumField<Sex>(table, kSex, "sex");
      const auto start = table.DateNoLaterThan(kStartDate, "start date", census, latest_what_);
      const auto pay = table.Number(kAnnualPay, "annual pay", 0, true, 1e7, false);
      const auto contract = EnumField<ContractType>(table, kContract, "contract type");
      bool ok = id && organisation && role && fte && age && sex && start && pay && contract;
      if (age && start) {
        // Whole years of age allow up to a year's slack.
        const double years_in_post = (census.days - start->days) / 365.25;
        if (static_cast<double>(*age) + 1.0 - years_in_post < 16.0) {
          table.Error(kStartDate, fmt::format("start date {} means starting aged about {}, expected a start "
                                              "at age 16 or over",
                                              table.Get(kStartDate),
                                              static_cast<int>(std::floor(*age - years_in_post))));
          ok = false;
        }
      }
      if (!table.Get(kLocality).empty()) {
        const auto locality = LocalityReference(table, kLocality);
        ok = ok && locality;
        if (locality) post.locality = *locality;
      } else if (organisation) {
        post.locality = place_.organisations[*organisation].locality;
      }
      if (!table.Get(kTeam).empty()) post.team = teams_.Insert(table.Get(kTeam)).first;
      if (!id) continue;
      if (ok) {
        post.organisation = *organisation;
        post.role = *role;
        post.fte = *fte;
        post.age = static_cast<int>(*age);
        post.sex = *sex;
        post.start_date = *start;
        post.annual_pay = *pay;
        post.contract = *contract;
      }
      ids.push_back(*id);
      post_of_id.push_back(ok ? static_cast<Index>(place_.staff.size()) : kNoIndex);
      if (ok) {
        place_.staff.push_back(post);
        post_records.push_back(table.Ref());
      }
    }
    RecordCount(table);
    have_staff_ = table.usable();

    // Second pass: people, all at once, then the rules across a person's posts in file order.
    const auto people = persons_.InsertAll(ids);
    auto& staff = place_.staff;
    for (std::size_t row = 0; row < ids.size(); ++row) {
      if (post_of_id[row] != kNoIndex) staff[post_of_id[row]].person = people[row].first;
    }
    std::vector<Index> first_post_of_person(persons_.size(), kNoIndex);
    std::vector<Index> next_post_of_person(staff.size(), kNoIndex);
    std::vector<bool> rejected(staff.size(), false);
    const std::size_t first_diagnostic = diagnostics_.size();
    for (Index post_idx = 0; post_idx < staff.size(); ++post_idx) {
      const StaffPost& post = staff[post_idx];
      const Index person = post.person;
      if (first_post_of_person[person] == kNoIndex) {
        first_post_of_person[person] = post_idx;
        continue;
      }
      double total_fte = post.fte;
      int posts = 1;
      bool consistent = true;
      for (Index other = first_post_of_person[person]; other != kNoIndex; other = next_post_of_person[other]) {
        const StaffPost& earlier = staff[other];
        const int64_t earlier_line = post_records[other].line;
        ++posts;
        total_fte += earlier.fte;
        if (earlier.organisation == post.organisation && earlier.role == post.role) {
          diagnostics_.Error(table.Locate(post_records[post_idx], kRole),
                             fmt::format("duplicate post: same person_id, organisation and role as line {}, "
                                         "expected each person-post once",
                                         earlier_line));
          consistent = false;
          break;
        }
        if (earlier.age != post.age) {
          diagnostics_.Error(table.Locate(post_records[post_idx], kAge),
                             fmt::format("age {} differs from age {} for the same person_id on line {}, "
                                         "expected one age per person",
                                         post.age, earlier.age, earlier_line));
          consistent = false;
          break;
        }
        if (earlier.sex != post.sex) {
          diagnostics_.Error(table.Locate(post_records[post_idx], kSex),
                             fmt::format("sex {} differs from sex {} for the same person_id on line {}, "
                                         "expected one sex per person",
                                         Code(post.sex), Code(earlier.sex), earlier_line));
          consistent = false;
          break;
        }
      }
      if (consistent && total_fte > 1.5 + 1e-9) {
        diagnostics_.Error(table.Locate(post_records[post_idx], kFte),
                           fmt::format("this person holds {} FTE across {} posts, expected at most 1.5 FTE in "
                                       "total",
                                       FormatNumber(total_fte), posts));
        consistent = false;
      }
      if (!consistent) {
        rejected[post_idx] = true;
        continue;
      }
      next_post_of_person[post_idx] = first_post_of_person[person];
      first_post_of_person[person] = post_idx;
    }
    if (diagnostics_.size() > first_diagnostic) {
      diagnostics_.SortByLocationFrom(file_first_diagnostic_);
      std::size_t kept = 0;
      for (std::size_t post_idx = 0; post_idx < staff.size(); ++post_idx) {
        if (!rejected[post_idx]) staff[kept++] = staff[post_idx];
      }
      staff.resize(kept);
    }
  }

  void ReadStaffCompetences() {
    auto text = LoadText("staff_competences", false);
    if (!text) return;
    enum : std::size_t { kPersonId, kCompetence, kDateAchieved };
    static constexpr Column kLayout[] = {{"person_id", true}, {"competence", true}, {"date_achieved", true}};
    CsvReader reader(text->text(), place_.sources.back().path, diagnostics_);
    Table table(reader, kLayout);
    place_.staff_competences.reserve(text->text().size() / 30);
    std::vector<int64_t> lines;
    lines.reserve(text->text().size() / 30);
    // Rows of one person usually come together: remember the last lookup.
    std::string last_id;
    std::optional<Index> last_person;
    const auto general_row = [&] {
      if (!table.complete()) return;
      std::optional<Index> person;
      const std::string_view id = table.Get(kPersonId);
      if (id.empty()) {
        table.Error(kPersonId, "missing person_id, expected a person_id from staff.csv");
      } else if (id == last_id && last_person) {
        person = last_person;
      } else if (person = persons_.Find(id); !person && have_staff_) {
        table.Error(kPersonId, "unknown person_id, expected a person_id from staff.csv");
      } else {
        last_id = id;
        last_person = person;
      }
      const auto competence =
          Reference(table, kCompetence, competences_, have_competences_, "competence", "competences.csv");
      const auto achieved = table.DateNoLaterThan(kDateAchieved, "date achieved", latest_date_, latest_what_);
      if (!person || !competence || !achieved) return;
      place_.staff_competences.push_back(StaffCompetence{*person, *competence, *achieved});
      lines.push_back(table.line());
    };
    int64_t fast_records = 0;
    if (table.usable() && table.header_size() == 3) {
      fast_records = ReadPlainCompetenceRows(text->text(), reader, table, lines, general_row);
    } else {
      while (table.Next()) general_row();
    }
    RecordCount(table);
    place_.sources.back().records += fast_records;
    RemoveDuplicateCompetences(lines);
  }

  // The competences file is the longest of a place (several rows per person). Its plain rows
  // (three fields, no quotes, valid values) are read here directly; any other row is handed to
  // the general reader (`general_row`), which reports its problems exactly as for any file.
  // Returns the number of rows read here.
  template <typename GeneralRow>
  int64_t ReadPlainCompetenceRows(std::string_view text, CsvReader& reader, Table& table, std::vector<int64_t>& lines,
                                  GeneralRow& general_row) {
    enum : std::size_t { kPersonId, kCompetence, kDateAchieved };
    const std::size_t person_field = table.FileColumnOf(kPersonId);
    const std::size_t competence_field = table.FileColumnOf(kCompetence);
    const std::size_t date_field = table.FileColumnOf(kDateAchieved);
    const std::size_t size = text.size();
    std::size_t pos = reader.position();
    int64_t line = reader.next_line();
    int64_t records = 0;
    std::string_view last_id;
    Index last_person = kNoIndex;
    std::array<std::string_view, 3> fields;
    while (pos < size) {
      if (text[pos] == '\n') {
        ++pos, ++line;
        continue;
      }
      if (text[pos] == '\r' && pos + 1 < size && text[pos + 1] == '\n') {
        pos += 2, ++line;
        continue;
      }
      const std::size_t begin = pos;
      std::size_t count = 0;
      bool plain = true;
      std::size_t field_begin = pos;
      while (true) {
        std::size_t scan = field_begin;
        while (scan < size && text[scan] != ',' && text[scan] != '\n' && text[scan] != '"') ++scan;
        if ((scan < size && text[scan] == '"') || count == 3) {
          plain = false;
          break;
        }
        std::size_t end = scan;
        if (end > field_begin && text[end - 1] == '\r' && (scan == size || text[scan] == '\n')) --end;
        fields[count++] = text.substr(field_begin, end - field_begin);
        if (scan < size && text[scan] == ',') {
          field_begin = scan + 1;
          continue;
        }
        pos = scan < size ? scan + 1 : size;
        break;
      }
      std::optional<Index> person;
      std::optional<Index> competence;
      std::optional<Date> achieved;
      if (plain && count == 3) {
        const std::string_view id = fields[person_field];
        if (!id.empty() && id == last_id) {
          person = last_person;
        } else if (!id.empty() && id.front() != ' ' && id.back() != ' ') {
          person = persons_.Find(id);
          if (person) {
            last_id = id;
            last_person = *person;
          }
        }
        competence = competences_.Find(fields[competence_field]);
        achieved = ParseIsoDateCached(fields[date_field]);
        if (achieved && *achieved > latest_date_) achieved.reset();
      }
      if (person && competence && achieved) {
        place_.staff_competences.push_back(StaffCompetence{*person, *competence, *achieved});
        lines.push_back(line);
        ++records;
        ++line;
        continue;
      }
      // Anything else: the general reader takes this record and reports what is wrong with it.
      reader.Seek(begin, line);
      if (!table.Next()) break;
      general_row();
      pos = reader.position();
      line = reader.next_line();
    }
    return records;
  }

  // A person holds each competence once. Files usually list a person's competences together:
  // then each group is checked on its own as it ends. Otherwise the rows are grouped by person
  // after reading (a handful each) and checked the same way.
  void RemoveDuplicateCompetences(const std::vector<int64_t>& lines) {
    auto& held = place_.staff_competences;
    std::vector<bool> duplicate(held.size(), false);
    const std::size_t first_diagnostic = diagnostics_.size();
    const std::string& path = place_.sources.back().path;
    const auto check_group = [&](const Index* rows, std::size_t count) {
      for (std::size_t later = 1; later < count; ++later) {
        for (std::size_t earlier = 0; earlier < later; ++earlier) {
          if (duplicate[rows[earlier]] || held[rows[earlier]].competence != held[rows[later]].competence) continue;
          duplicate[rows[later]] = true;
          diagnostics_.Error(Location{path, lines[rows[later]], 1},
                             fmt::format("duplicate competence for the same person_id, expected each person and "
                                         "competence pair once (first on line {})",
                                         lines[rows[earlier]]));
          break;
        }
      }
    };
    // Grouped already?
    std::vector<bool> person_done(persons_.size(), false);
    bool grouped = true;
    for (std::size_t row = 0; row < held.size() && grouped; ++row) {
      if (row > 0 && held[row].person == held[row - 1].person) continue;
      if (person_done[held[row].person]) grouped = false;
      person_done[held[row].person] = true;
    }
    if (grouped) {
      std::vector<Index> group;
      for (std::size_t row = 0; row <= held.size(); ++row) {
        if (row == held.size() || (row > 0 && held[row].person != held[row - 1].person)) {
          check_group(group.data(), group.size());
          group.clear();
        }
        if (row < held.size()) group.push_back(static_cast<Index>(row));
      }
    } else {
      std::vector<Index> offsets(persons_.size() + 1, 0);
      for (const StaffCompetence& row : held) ++offsets[row.person + 1];
      for (std::size_t idx = 1; idx < offsets.size(); ++idx) offsets[idx] += offsets[idx - 1];
      std::vector<Index> order(held.size());
      std::vector<Index> fill(offsets.begin(), offsets.end() - 1);
      for (Index row = 0; row < held.size(); ++row) order[fill[held[row].person]++] = row;
      for (std::size_t person = 0; person + 1 < offsets.size(); ++person) {
        check_group(order.data() + offsets[person], offsets[person + 1] - offsets[person]);
      }
    }
    const bool found = diagnostics_.size() > first_diagnostic;
    // Checks made after reading report in line order with the rest of the file.
    diagnostics_.SortByLocationFrom(file_first_diagnostic_);
    if (!found) return;
    std::size_t kept = 0;
    for (std::size_t row = 0; row < held.size(); ++row) {
      if (!duplicate[row]) held[kept++] = held[row];
    }
    held.resize(kept);
  }

  // ---- vacancies and leavers ---------------------------------------------------------------

  void ReadVacancies() {
    auto text = LoadText("vacancies", false);
    if (!text) return;
    enum : std::size_t { kId, kOrganisation, kRole, kFte, kDateOpened, kLocality };
    static constexpr Column kLayout[] = {{"id", false},  {"organisation", true}, {"role", true},
                                         {"fte", true}, {"date_opened", true},  {"locality", false}};
    CsvReader reader(text->text(), place_.sources.back().path, diagnostics_);
    Table table(reader, kLayout);
    CodeIndex ids;
    std::vector<int64_t> id_lines;
    while (table.Next()) {
      if (!table.complete()) continue;
      Vacancy vacancy;
      bool ok = true;
      if (table.Has(kId)) {
        const auto id = NewCode(table, kId, ids, id_lines, "vacancy id");
        ok = id.has_value();
        if (id) vacancy.id = *id;
      }
      const auto organisation = Reference(table, kOrganisation, organisations_, have_organisations_,
                                          "organisation", "organisations.csv");
      const auto role = Reference(table, kRole, roles_, have_roles_, "role", "roles.csv");
      const auto fte = table.Number(kFte, "FTE", 0, true, 1000, false);
      const auto opened = table.DateNoLaterThan(kDateOpened, "date opened", latest_date_, latest_what_);
      if (!table.Get(kLocality).empty()) {
        const auto locality = LocalityReference(table, kLocality);
        ok = ok && locality;
        if (locality) vacancy.locality = *locality;
      } else if (organisation) {
        vacancy.locality = place_.organisations[*organisation].locality;
      }
      if (!ok || !organisation || !role || !fte || !opened) continue;
      vacancy.organisation = *organisation;
      vacancy.role = *role;
      vacancy.fte = *fte;
      vacancy.opened = *opened;
      place_.vacancies.push_back(std::move(vacancy));
    }
    RecordCount(table);
  }

  void ReadLeavers() {
    auto text = LoadText("leavers", false);
    if (!text) {
      place_.leavers_recorded = false;
      return;
    }
    enum : std::size_t {
      kPersonId, kOrganisation, kRole, kFte, kAge, kSex, kStartDate, kLeaveDate, kReason, kDestination
    };
    static constexpr Column kLayout[] = {
        {"person_id", true}, {"organisation", true}, {"role", true},       {"fte", true},
        {"age", true},       {"sex", true},          {"start_date", true}, {"leave_date", true},
        {"reason", true},    {"destination", false}};
    CsvReader reader(text->text(), place_.sources.back().path, diagnostics_);
    Table table(reader, kLayout);
    const Date census = latest_date_;
    const Date earliest = AddMonths(census, -36);
    std::vector<int64_t> lines;
    place_.leavers.reserve(text->text().size() / 70);
    lines.reserve(text->text().size() / 70);
    std::vector<std::string_view> destinations = CodesOf<Sector>();
    destinations.push_back("outside");
    while (table.Next()) {
      if (!table.complete()) continue;
      Leaver leaver;
      const auto id = table.PersonId(kPersonId);
      const auto organisation = Reference(table, kOrganisation, organisations_, have_organisations_,
                                          "organisation", "organisations.csv");
      const auto role = Reference(table, kRole, roles_, have_roles_, "role", "roles.csv");
      const auto fte = table.Number(kFte, "FTE", 0, true, 1.5, false);
      const auto age = table.Integer(kAge, "age", 16, 80);
      const auto sex = EnumField<Sex>(table, kSex, "sex");
      const auto start = table.DateNoLaterThan(kStartDate, "start date", latest_date_, latest_what_);
      auto leave = table.DateNoLaterThan(kLeaveDate, "leave date", latest_date_, latest_what_);
      const auto reason = EnumField<LeaveReason>(table, kReason, "leaving reason");
      if (leave && start && *leave < *start) {
        table.Error(kLeaveDate, fmt::format("leave date {} is before the start date {}, expected leaving on "
                                            "or after starting",
                                            table.Get(kLeaveDate), table.Get(kStartDate)));
        leave.reset();
      } else if (leave && *leave <= earliest) {
        table.Error(kLeaveDate, fmt::format("leave date {} is more than three years before the census date "
                                            "{}, expected leavers of the last one to three years",
                                            table.Get(kLeaveDate), FormatDate(census)));
        leave.reset();
      }
      bool destination_ok = true;
      const std::string_view destination = table.Get(kDestination);
      if (destination == "outside") {
        leaver.destination.kind = Destination::Kind::kOutside;
      } else if (!destination.empty()) {
        if (const auto sector = ParseCode<Sector>(destination)) {
          leaver.destination = Destination{Destination::Kind::kSector, *sector};
        } else {
          table.Error(kDestination, fmt::format("destination \"{}\" is not allowed, expected a sector code, "
                                                "outside, or nothing when not known{}",
                                                destination, DidYouMean(destination, destinations)));
          destination_ok = false;
        }
      }
      if (!id || !organisation || !role || !fte || !age || !sex || !start || !leave || !reason ||
          !destination_ok) {
        continue;
      }
      leaver.person_id = *id;
      leaver.organisation = *organisation;
      leaver.role = *role;
      leaver.fte = *fte;
      leaver.age = static_cast<int>(*age);
      leaver.sex = *sex;
      leaver.start_date = *start;
      leaver.leave_date = *leave;
      leaver.reason = *reason;
      place_.leavers.push_back(std::move(leaver));
      lines.push_back(table.line());
    }
    RecordCount(table);
    RemoveDuplicateLeavers(lines);
  }

  // Each leaving (person, organisation, role, leave date) is recorded once. Rows are sorted by
  // an integer key and identifiers are compared only within runs of equal keys.
  void RemoveDuplicateLeavers(const std::vector<int64_t>& lines) {
    auto& leavers = place_.leavers;
    std::vector<std::pair<uint64_t, Index>> order(leavers.size());
    for (Index row = 0; row < leavers.size(); ++row) {
      const Leaver& leaver = leavers[row];
      const uint64_t key = (static_cast<uint64_t>(static_cast<uint32_t>(leaver.leave_date.days)) << 40) ^
                           (static_cast<uint64_t>(leaver.organisation) << 16) ^ leaver.role;
      order[row] = {key, row};
    }
    RadixSortByKey(order);
    std::vector<bool> duplicate(leavers.size(), false);
    const std::size_t first_diagnostic = diagnostics_.size();
    const std::string& path = place_.sources.back().path;
    const auto same = [&](Index a, Index b) {
      const Leaver& x = leavers[a];
      const Leaver& y = leavers[b];
      return x.leave_date == y.leave_date && x.organisation == y.organisation && x.role == y.role &&
             x.person_id == y.person_id;
    };
    for (std::size_t run = 0; run < order.size();) {
      std::size_t end = run + 1;
      while (end < order.size() && order[end].first == order[run].first) ++end;
      for (std::size_t later = run + 1; later < end; ++later) {
        for (std::size_t earlier = run; earlier < later; ++earlier) {
          if (duplicate[order[earlier].second] || !same(order[earlier].second, order[later].second)) continue;
          duplicate[order[later].second] = true;
          diagnostics_.Error(Location{path, lines[order[later].second], 1},
                             fmt::format("duplicate leaver: same person_id, organisation, role and leave date as line "
                                         "{}, expected each leaving once",
                                         lines[order[earlier].second]));
          break;
        }
      }
      run = end;
    }
    const bool found = diagnostics_.size() > first_diagnostic;
    diagnostics_.SortByLocationFrom(file_first_diagnostic_);
    if (!found) return;
    std::size_t kept = 0;
    for (std::size_t row = 0; row < leavers.size(); ++row) {
      if (!duplicate[row]) leavers[kept++] = std::move(leavers[row]);
    }
    leavers.resize(kept);
  }

  std::string directory_;
  Diagnostics& diagnostics_;
  ReadOptions options_;
  Place place_;
  std::optional<TomlDocument> toml_;
  std::vector<FileSpec> specs_;
  std::size_t file_first_diagnostic_ = 0;  // where the current file's diagnostics start

  ReferenceCodes shipped_;  // the codes the reference tables are keyed by
  CodeIndex localities_;
  CodeIndex competences_;
  CodeIndex roles_;
  CodeIndex organisations_;
  CodeIndex persons_;
  CodeIndex teams_;
  bool have_census_ = false;
  Date latest_date_;                          // dates in files may not be later
  std::string latest_what_ = "census date";
  bool have_localities_ = false;
  bool have_competences_ = false;
  bool have_roles_ = false;
  bool have_organisations_ = false;
  bool have_staff_ = false;
};

}  // namespace

Place ReadPlace(const std::string& directory, Diagnostics& diagnostics, const ReadOptions& options) {
  return PlaceReader(directory, diagnostics, options).Read();
}

Place LoadPlace(const std::string& directory, const ReadOptions& options) {
  Diagnostics diagnostics;
  Place place = ReadPlace(directory, diagnostics, options);
  if (diagnostics.HasErrors()) throw InputError(std::move(diagnostics));
  return place;
}

}  // namespace careforce::io
