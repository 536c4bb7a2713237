#include "io/risk_reader.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

#include <fmt/format.h>

#include "io/code_index.hpp"
#include "io/csv.hpp"
#include "io/radix_sort.hpp"
#include "io/table.hpp"
#include "io/text.hpp"
#include "io/toml_schema.hpp"
#include "model/error.hpp"
#include "model/limits.hpp"

namespace careforce::io {

namespace {

enum : std::size_t { kPersonId, kPractice, kLocality, kAge, kSex, kDeficits, kConditions, kAdmissions, kLivesAlone };
constexpr Column kLayout[] = {{"person_id", true}, {"practice", true},       {"locality", true},
                              {"age", true},       {"sex", true},            {"deficits", true},
                              {"conditions", true}, {"admissions_12m", true}, {"lives_alone", true}};
constexpr std::size_t kColumns = std::size(kLayout);

// A whole number 0-255 written plainly ("0", "17"), or -1.
int SmallCount(std::string_view text) {
  if (text.empty() || text.size() > 3) return -1;
  int value = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') return -1;
    value = value * 10 + (c - '0');
  }
  return value <= 255 ? value : -1;
}

// Eight bytes at a time (identifiers are short); equal hashes are checked by comparing text.
uint64_t HashOf(std::string_view text) {
  uint64_t hash = 0xcbf29ce484222325ULL ^ text.size();
  std::size_t pos = 0;
  for (; pos + 8 <= text.size(); pos += 8) {
    uint64_t word;
    std::memcpy(&word, text.data() + pos, 8);
    hash = (hash ^ word) * 0x9e3779b97f4a7c15ULL;
    hash ^= hash >> 29;
  }
  if (pos < text.size()) {
    uint64_t word = 0;
    std::memcpy(&word, text.data() + pos, text.size() - pos);
    hash = (hash ^ word) * 0x9e3779b97f4a7c15ULL;
  }
  return hash ^ (hash >> 31);
}

class RegisterReader {
 public:
  RegisterReader(std::string_view text, const std::string& path, const Limit& limit, Diagnostics& diagnostics)
      : text_(text), path_(path), limit_(limit), diagnostics_(diagnostics), reader_(text, path, diagnostics),
        table_(reader_, kLayout) {}

  Register Read() {
    if (!table_.usable()) return std::move(register_);
    const std::size_t expected = text_.size() / 40;
    for (auto* column : {&register_.age, &register_.female, &register_.deficits, &register_.conditions,
                         &register_.admissions_12m, &register_.lives_alone}) {
      column->reserve(expected);
    }
    register_.practice.reserve(expected);
    register_.locality.reserve(expected);
    std::array<std::size_t, kColumns> field_of{};
    for (std::size_t column = 0; column < kColumns; ++column) field_of[column] = table_.FileColumnOf(column);
    std::size_t pos = reader_.position();
    int64_t line = reader_.next_line();
    std::array<std::string_view, kColumns> fields;
    std::array<std::string_view, kColumns> row;
    while (pos < text_.size() && !over_limit_) {
      if (text_[pos] == '\n') {
        ++pos, ++line;
        continue;
      }
      if (text_[pos] == '\r' && pos + 1 < text_.size() && text_[pos + 1] == '\n') {
        pos += 2, ++line;
        continue;
      }
      const std::size_t begin = pos;
      std::size_t count = 0;
      bool plain = true;
      std::size_t field_begin = pos;
      while (true) {
        std::size_t scan = field_begin;
        while (scan < text_.size() && text_[scan] != ',' && text_[scan] != '\n' && text_[scan] != '"') ++scan;
        if ((scan < text_.size() && text_[scan] == '"') || count == kColumns) {
          plain = false;
          break;
        }
        std::size_t end = scan;
        if (end > field_begin && text_[end - 1] == '\r' && (scan == text_.size() || text_[scan] == '\n')) --end;
        fields[count++] = text_.substr(field_begin, end - field_begin);
        if (scan < text_.size() && text_[scan] == ',') {
          field_begin = scan + 1;
          continue;
        }
        pos = scan < text_.size() ? scan + 1 : text_.size();
        break;
      }
      if (plain && count == kColumns) {
        for (std::size_t column = 0; column < kColumns; ++column) row[column] = fields[field_of[column]];
        if (AddPlain(row, begin, line)) {
          ++line;
          continue;
        }
      }
      // Anything else: the general reader takes the record and reports what is wrong with it.
      reader_.Seek(begin, line);
      if (!table_.Next()) break;
      AddChecked();
      pos = reader_.position();
      line = reader_.next_line();
    }
    CheckDuplicates();
    return std::move(register_);
  }

 private:
  // Adds a row whose every field is valid; false (nothing added) otherwise.
  bool AddPlain(const std::array<std::string_view, kColumns>& row, std::size_t begin, int64_t line) {
    const int age = SmallCount(row[kAge]);
    const int deficits = SmallCount(row[kDeficits]);
    const int conditions = SmallCount(row[kConditions]);
    const int admissions = SmallCount(row[kAdmissions]);
    const std::string_view sex = row[kSex];
    const std::string_view alone = row[kLivesAlone];
    if (age < 0 || age > 120 || deficits < 0 || conditions < 0 || admissions < 0 || (sex != "F" && sex != "M") ||
        (alone != "yes" && alone != "no") || row[kPersonId].empty() || row[kPractice].empty() || row[kLocality].empty()) {
      return false;
    }
    Add(row[kPersonId], row[kPractice], row[kLocality], age, sex == "F", deficits, conditions, admissions,
        alone == "yes", begin, line);
    return true;
  }

  // Adds a row read by the general reader, reporting every problem.
  void AddChecked() {
    if (!table_.complete()) return;
    const auto id = table_.PersonId(kPersonId);
    const auto practice = table_.Text(kPractice, "practice");
    const auto locality = table_.Text(kLocality, "locality");
    const auto age = table_.Integer(kAge, "age", 0, 120);
    const std::string_view sex = table_.Get(kSex);
    if (sex != "F" && sex != "M") table_.Error(kSex, fmt::format("sex \"{}\" is not allowed, expected F or M", sex));
    const auto deficits = table_.Integer(kDeficits, "deficits", 0, 255);
    const auto conditions = table_.Integer(kConditions, "conditions", 0, 255);
    const auto admissions = table_.Integer(kAdmissions, "admissions_12m", 0, 255);
    const std::string_view alone = table_.Get(kLivesAlone);
    if (alone != "yes" && alone != "no") {
      table_.Error(kLivesAlone, fmt::format("lives_alone \"{}\" is not allowed, expected yes or no", alone));
    }
    if (!id || !practice || !locality || !age || (sex != "F" && sex != "M") || !deficits || !conditions ||
        !admissions || (alone != "yes" && alone != "no")) {
      return;
    }
    Add(*id, *practice, *locality, static_cast<int>(*age), sex == "F", static_cast<int>(*deficits),
        static_cast<int>(*conditions), static_cast<int>(*admissions), alone == "yes", reader_.record_begin(), reader_.line());
  }

  void Add(std::string_view id, std::string_view practice, std::string_view locality, int age, bool female,
           int deficits, int conditions, int admissions, bool alone, std::size_t begin, int64_t line) {
    if (register_.age.size() == static_cast<std::size_t>(limit_.most)) {
      diagnostics_.Error(Location{path_, line, 1}, OverLimit(fmt::format("person {}", limit_.most + 1), limit_, " people"));
      over_limit_ = true;
      return;
    }
    // Practices and localities repeat from row to row: the cached lookup usually finds them.
    Index practice_index;
    if (const auto found = practices_.Find(practice)) {
      practice_index = *found;
    } else {
      practice_index = practices_.Insert(practice).first;
      register_.practices.push_back(practice);
    }
    Index locality_index;
    if (const auto found = localities_.Find(locality)) {
      locality_index = *found;
    } else {
      locality_index = localities_.Insert(locality).first;
      register_.localities.push_back(locality);
    }
    register_.practice.push_back(practice_index);
    register_.locality.push_back(locality_index);
    register_.age.push_back(static_cast<uint8_t>(age));
    register_.female.push_back(female ? 1 : 0);
    register_.deficits.push_back(static_cast<uint8_t>(deficits));
    register_.conditions.push_back(static_cast<uint8_t>(conditions));
    register_.admissions_12m.push_back(static_cast<uint8_t>(admissions));
    register_.lives_alone.push_back(alone ? 1 : 0);
    ids_.emplace_back(HashOf(id), static_cast<uint32_t>(ids_.size()));
    // Offset and length in one word (identifiers are under 256 bytes in practice; longer ones
    // are compared by their first 255).
    id_spans_.push_back((static_cast<uint64_t>(id.data() - text_.data()) << 8) | std::min<std::size_t>(id.size(), 255));
    (void)begin;
    (void)line;
  }

  // Each person once: identifiers are sorted by hash and compared where hashes agree. Line
  // numbers are counted only for the duplicates found.
  void CheckDuplicates() {
    RadixSortByKey(ids_);
    const auto offset = [&](uint32_t row) { return static_cast<std::size_t>(id_spans_[row] >> 8); };
    const auto id = [&](uint32_t row) { return text_.substr(offset(row), id_spans_[row] & 0xff); };
    const auto line_of = [&](std::size_t at) {
      return 1 + static_cast<int>(std::count(text_.begin(), text_.begin() + static_cast<std::ptrdiff_t>(at), '\n'));
    };
    for (std::size_t pos = 1; pos < ids_.size(); ++pos) {
      if (ids_[pos].first != ids_[pos - 1].first) continue;
      const uint32_t earlier = std::min(ids_[pos].second, ids_[pos - 1].second);
      const uint32_t later = std::max(ids_[pos].second, ids_[pos - 1].second);
      if (id(earlier) != id(later)) continue;
      diagnostics_.Error(Location{path_, line_of(offset(later)), 1},
                         fmt::format("duplicate person_id (also on line {}), expected each person once",
                                     line_of(offset(earlier))));
    }
    diagnostics_.SortByLocationFrom(0);
  }

  std::string_view text_;
  std::string path_;
  Limit limit_;
  Diagnostics& diagnostics_;
  CsvReader reader_;
  Table table_;
  Register register_;
  CodeIndex practices_;
  CodeIndex localities_;
  std::vector<std::pair<uint64_t, uint32_t>> ids_;
  std::vector<uint64_t> id_spans_;
  bool over_limit_ = false;  // limit_ reached: the rest is not read
};

}  // namespace

Register ReadRegister(const std::string& path, const Limit& limit) {
  Diagnostics diagnostics;
  auto file = TextFile::Load(path, Encoding::kUtf8, false, diagnostics);
  if (!file) throw InputError(std::move(diagnostics));
  Register result = RegisterReader(file->text(), path, limit, diagnostics).Read();
  if (diagnostics.HasErrors()) throw InputError(std::move(diagnostics));
  return result;
}

RiskModel ReadRiskModel(const std::string& path) {
  Diagnostics diagnostics;
  auto document = TomlDocument::Load(path, diagnostics);
  if (!document) throw InputError(std::move(diagnostics));
  TomlTable root(document->root(), document->path(), "the top level", diagnostics);
  root.AllowOnly({"name", "kind", "total_deficits", "intercept", "coefficients", "tier"});
  RiskModel model;
  model.name = root.String("name", true).value_or("");
  const auto kind = root.Choice("kind", true, {"deficit_index", "rules", "logistic"});
  if (kind == "rules") model.kind = RiskModelKind::kRules;
  if (kind == "logistic") model.kind = RiskModelKind::kLogistic;
  const auto variables = [] {
    return std::vector<std::string_view>(EnumInfo<RiskVariable>::kCodes.begin(), EnumInfo<RiskVariable>::kCodes.end());
  };
  if (model.kind == RiskModelKind::kDeficitIndex && kind) {
    model.total_deficits = root.Number("total_deficits", true, 0, true, 255, false).value_or(1);
  }
  if (model.kind == RiskModelKind::kLogistic) {
    model.intercept = root.Number("intercept", true, -1e3, false, 1e3, false).value_or(0);
    if (auto coefficients = root.Table("coefficients", true)) {
      for (const auto& [key, node] : coefficients->table()) {
        const auto variable = ParseCode<RiskVariable>(key.str());
        const auto value = coefficients->Number(key.str(), true, -1e3, false, 1e3, false);
        if (!variable) {
          diagnostics.Error(TomlLocation(document->path(), node),
                            fmt::format("unknown variable \"{}\" in [coefficients], expected {}{}", key.str(),
                                        AllowedCodes<RiskVariable>(), DidYouMean(key.str(), variables())));
        } else if (value) {
          model.coefficients.emplace_back(*variable, *value);
        }
      }
    }
  }
  const std::vector<TomlTable> tiers = root.Tables("tier", true);
  double percent = 0.0;
  for (std::size_t idx = 0; idx < tiers.size(); ++idx) {
    const TomlTable& table = tiers[idx];
    const bool last = idx + 1 == tiers.size();
    RiskTier tier;
    switch (model.kind) {
      case RiskModelKind::kDeficitIndex:
        table.AllowOnly({"name", "up_to"});
        if (!last) {
          tier.up_to = table.Number("up_to", true, 0, false, 1, false);
          if (tier.up_to && !model.tiers.empty() && model.tiers.back().up_to && *tier.up_to <= *model.tiers.back().up_to) {
            diagnostics.Error(table.At("up_to"), fmt::format("up_to = {} is not above the tier before ({}), expected "
                                                             "cut-offs in increasing order",
                                                             FormatNumber(*tier.up_to), FormatNumber(*model.tiers.back().up_to)));
          }
        } else if (table.Has("up_to")) {
          diagnostics.Error(table.At("up_to"), "the last tier has up_to, expected none (it takes everyone above the "
                                               "tier before)");
        }
        break;
      case RiskModelKind::kRules:
        table.AllowOnly({"name", "when"});
        if (table.Has("when")) {
          const toml::array* conditions = table.table().get("when")->as_array();
          if (!conditions || !conditions->is_array_of_tables()) {
            diagnostics.Error(table.At("when"), "when has the wrong type, expected an array of { variable, at_least, "
                                                "at_most } tables");
          } else {
            for (const toml::node& element : *conditions) {
              TomlTable condition(*element.as_table(), document->path(), "a when condition", diagnostics);
              condition.AllowOnly({"variable", "at_least", "at_most"});
              RiskCondition parsed;
              if (auto name = condition.String("variable", true)) {
                if (auto variable = ParseCode<RiskVariable>(*name)) {
                  parsed.variable = *variable;
                } else {
                  diagnostics.Error(condition.At("variable"),
                                    fmt::format("unknown variable \"{}\", expected {}{}", *name,
                                                AllowedCodes<RiskVariable>(), DidYouMean(*name, variables())));
                }
              }
              parsed.at_least = condition.Number("at_least", false, -1e6, false, 1e6, false);
              parsed.at_most = condition.Number("at_most", false, -1e6, false, 1e6, false);
              if (!parsed.at_least && !parsed.at_most) {
                diagnostics.Error(condition.where(), "a condition without at_least or at_most, expected at least one of them");
              }
              tier.conditions.push_back(parsed);
            }
          }
        } else if (!last) {
          diagnostics.Error(table.where(), "a tier before the last has no when, expected conditions (only the last "
                                           "tier takes everyone left)");
        }
        break;
      case RiskModelKind::kLogistic:
        table.AllowOnly({"name", "top_percent"});
        if (!last) {
          tier.top_percent = table.Number("top_percent", true, 0, true, 100, false);
          percent += tier.top_percent.value_or(0);
        } else if (table.Has("top_percent")) {
          diagnostics.Error(table.At("top_percent"), "the last tier has top_percent, expected none (it takes everyone left)");
        }
        break;
    }
    tier.name = table.String("name", true).value_or("");
    model.tiers.push_back(std::move(tier));
  }
  if (model.kind == RiskModelKind::kLogistic && percent >= 100.0) {
    diagnostics.Error(root.At("tier"), fmt::format("tiers take {}% before the last, expected less than 100%",
                                                   FormatNumber(percent)));
  }
  diagnostics.SortByLocationFrom(0);
  if (diagnostics.HasErrors()) throw InputError(std::move(diagnostics));
  return model;
}

}  // namespace careforce::io
