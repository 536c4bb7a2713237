#include "io/supply_reader.hpp"

#include <algorithm>
#include <filesystem>

#include <fmt/format.h>

#include "io/input_file.hpp"
#include "io/table.hpp"
#include "io/text.hpp"
#include "io/toml_schema.hpp"
#include "model/error.hpp"

namespace careforce::io {

namespace {

class SupplyReader {
 public:
  SupplyReader(const Place& place, Diagnostics& diagnostics) : place_(place), diagnostics_(diagnostics) {
    for (const Role& role : place.roles) role_codes_.push_back(role.code);
  }

  std::optional<Index> RoleOf(const TomlTable& table, std::string_view key, bool required) const {
    const auto code = table.String(key, required);
    if (!code) return std::nullopt;
    for (Index idx = 0; idx < place_.roles.size(); ++idx) {
      if (place_.roles[idx].code == *code) return idx;
    }
    diagnostics_.Error(table.At(key), fmt::format("unknown role \"{}\" in {}, expected a role of roles.csv{}", *code,
                                                  table.context(), DidYouMean(*code, role_codes_)));
    return std::nullopt;
  }

  // A sector code; `ok` turns false when the value is given but wrong.
  std::optional<Sector> SectorOf(const TomlTable& table, std::string_view key, bool required, bool& ok) const {
    const auto code = table.String(key, required);
    if (!code) {
      if (required || table.Has(key)) ok = false;
      return std::nullopt;
    }
    if (auto sector = ParseCode<Sector>(*code)) return sector;
    const std::vector<std::string_view> codes(EnumInfo<Sector>::kCodes.begin(), EnumInfo<Sector>::kCodes.end());
    diagnostics_.Error(table.At(key), fmt::format("sector \"{}\" is not allowed, expected {}{}", *code,
                                                  AllowedCodes<Sector>(), DidYouMean(*code, codes)));
    ok = false;
    return std::nullopt;
  }

  // Ages "55-64" or "60", within the projection's ages.
  std::optional<std::pair<int, int>> Ages(const TomlTable& table, std::string_view key) const {
    const auto text = table.String(key, false);
    if (!text) return std::nullopt;
    const std::string_view value = *text;
    const std::size_t dash = value.find('-');
    const auto from = ParseInteger(value.substr(0, dash));
    const auto to = dash == std::string_view::npos ? from : ParseInteger(value.substr(dash + 1));
    if (!from || !to || *from < kSupplyMinAge || *to > kSupplyMaxAge || *from > *to) {
      diagnostics_.Error(table.At(key), fmt::format("{} = \"{}\" in {} is not an age band, expected a single age or a "
                                                    "band such as \"55-64\" within {}-{}",
                                                    key, value, table.context(), kSupplyMinAge, kSupplyMaxAge));
      return std::nullopt;
    }
    return std::pair<int, int>{static_cast<int>(*from), static_cast<int>(*to)};
  }

  void Rates(const TomlTable& root, std::string_view key, std::vector<RateOverride>& out) const {
    for (const TomlTable& table : root.Tables(key, false)) {
      table.AllowOnly({"role", "sector", "ages", "rate"});
      RateOverride rate;
      rate.where = table.where();
      bool ok = true;
      if (table.Has("role")) {
        rate.cells.role = RoleOf(table, "role", true);
        ok = ok && rate.cells.role.has_value();
      }
      rate.cells.sector = SectorOf(table, "sector", false, ok);
      if (table.Has("ages")) {
        auto ages = Ages(table, "ages");
        const bool aligned = ages && std::any_of(kSupplyAgeBands.begin(), kSupplyAgeBands.end(),
                                                 [&](const auto& band) { return band.first == ages->first; }) &&
                             std::any_of(kSupplyAgeBands.begin(), kSupplyAgeBands.end(),
                                         [&](const auto& band) { return band.second == ages->second; });
        if (ages && !aligned) {
          diagnostics_.Error(table.At("ages"), fmt::format("ages \"{}-{}\" in {} do not follow the age bands, expected "
                                                           "whole bands of 16-24, 25-34, 35-44, 45-54, 55-59, 60-64, "
                                                           "65-69 and 70-80 (such as \"55-64\")",
                                                           ages->first, ages->second, table.context()));
          ages.reset();
        }
        if (ages) {
          rate.cells.age_from = ages->first;
          rate.cells.age_to = ages->second;
        }
        ok = ok && ages.has_value();
      }
      const auto value = table.Number("rate", true, 0, false, 1, false);
      if (ok && value) {
        rate.rate = *value;
        out.push_back(rate);
      }
    }
  }

  void Joiners(const TomlTable& root, SupplyConfig& config) const {
    for (const TomlTable& table : root.Tables("joiners", false)) {
      table.AllowOnly({"role", "sector", "source", "per_year", "rate", "ages"});
      JoinerFlow flow;
      flow.where = table.where();
      bool ok = true;
      const auto role = RoleOf(table, "role", true);
      const auto sector = SectorOf(table, "sector", true, ok);
      if (const auto source = table.String("source", true)) {
        const auto parsed = ParseCode<JoinerSource>(*source);
        if (!parsed || *parsed == JoinerSource::kObserved) {
          const std::vector<std::string_view> codes(EnumInfo<JoinerSource>::kCodes.begin() + 1,
                                                    EnumInfo<JoinerSource>::kCodes.end());
          diagnostics_.Error(table.At("source"), fmt::format("source \"{}\" is not allowed, expected one of {}{}", *source,
                                                             fmt::join(codes, ", "), DidYouMean(*source, codes)));
          ok = false;
        } else {
          flow.source = *parsed;
        }
      } else {
        ok = false;
      }
      flow.per_year = table.Number("per_year", false, 0, false, 1e7, false);
      flow.rate = table.Number("rate", false, 0, false, 1, false);
      if (table.Has("per_year") == table.Has("rate")) {
        diagnostics_.Error(table.where(), fmt::format("{} gives {}, expected exactly one of per_year (people a year) "
                                                      "and rate (share of the role's headcount a year)",
                                                      table.context(), table.Has("rate") ? "both per_year and rate" : "neither per_year nor rate"));
        ok = false;
      } else if (!flow.per_year && !flow.rate) {
        ok = false;
      }
      if (table.Has("ages")) {
        flow.ages = Ages(table, "ages");
        ok = ok && flow.ages.has_value();
      }
      if (ok && role && sector) {
        flow.role = *role;
        flow.sector = *sector;
        config.joiners.push_back(flow);
      }
    }
  }

  void Moves(const TomlTable& root, SupplyConfig& config) const {
    for (const TomlTable& table : root.Tables("move", false)) {
      table.AllowOnly({"from_role", "from_sector", "to_role", "to_sector", "rate"});
      MoveFlow move;
      move.where = table.where();
      bool ok = true;
      const auto from = RoleOf(table, "from_role", true);
      const auto to = RoleOf(table, "to_role", true);
      move.from_sector = SectorOf(table, "from_sector", false, ok);
      move.to_sector = SectorOf(table, "to_sector", false, ok);
      const auto rate = table.Number("rate", true, 0, false, 1, false);
      if (from && to && *from == *to && (!move.to_sector || move.to_sector == move.from_sector)) {
        diagnostics_.Error(table.where(), fmt::format("{} moves {} to itself, expected another role or sector",
                                                      table.context(), place_.roles[*from].code));
        ok = false;
      }
      if (ok && from && to && rate) {
        move.from_role = *from;
        move.to_role = *to;
        move.rate = *rate;
        config.moves.push_back(move);
      }
    }
  }

  void Pipelines(const TomlTable& root, SupplyConfig& config) const {
    for (const TomlTable& table : root.Tables("pipeline", false)) {
      table.AllowOnly({"name", "role", "sector", "years", "attrition_per_year", "intake_per_year", "intake_ages",
                       "from_role", "from_sector", "intake_rate", "in_training"});
      Pipeline pipeline;
      pipeline.where = table.where();
      bool ok = true;
      pipeline.name = table.String("name", true).value_or("");
      const auto role = RoleOf(table, "role", true);
      const auto sector = SectorOf(table, "sector", true, ok);
      const auto years = table.Integer("years", true, 1, 10);
      const auto attrition = table.Number("attrition_per_year", true, 0, false, 1, true);
      pipeline.intake_per_year = table.Number("intake_per_year", false, 0, false, 1e7, false);
      const bool outside = table.Has("intake_per_year");
      const bool internal = table.Has("from_role");
      if (outside == internal) {
        diagnostics_.Error(table.where(),
                           fmt::format("{} gives {}, expected exactly one of intake_per_year (from outside the "
                                       "workforce) and from_role with intake_rate",
                                       table.context(), outside ? "both intake_per_year and from_role" : "no intake"));
        ok = false;
      }
      if (internal) {
        pipeline.from_role = RoleOf(table, "from_role", true);
        pipeline.from_sector = SectorOf(table, "from_sector", false, ok);
        if (const auto rate = table.Number("intake_rate", true, 0, false, 1, false)) {
          pipeline.intake_rate = *rate;
        } else {
          ok = false;
        }
        ok = ok && pipeline.from_role.has_value();
      } else {
        for (const std::string_view key : {"from_sector", "intake_rate"}) {
          if (table.Has(key)) {
            diagnostics_.Error(table.At(key), fmt::format("{} in {} needs from_role, expected it only with an intake "
                                                          "from a role",
                                                          key, table.context()));
            ok = false;
          }
        }
      }
      if (table.Has("intake_ages")) {
        const auto ages = Ages(table, "intake_ages");
        if (ages) pipeline.intake_ages = *ages;
        ok = ok && ages.has_value();
      }
      if (table.Has("in_training")) {
        const auto cohorts = table.Numbers("in_training", true, 0, 1e7);
        if (cohorts && years && static_cast<int64_t>(cohorts->size()) > *years) {
          diagnostics_.Error(table.At("in_training"),
                             fmt::format("in_training has {} cohorts in {}, expected at most one per year of the "
                                         "course ({})",
                                         cohorts->size(), table.context(), *years));
          ok = false;
        }
        if (cohorts) pipeline.in_training = *cohorts;
        ok = ok && cohorts.has_value();
      }
      if (ok && role && sector && years && attrition) {
        pipeline.role = *role;
        pipeline.sector = *sector;
        pipeline.years = static_cast<int>(*years);
        pipeline.attrition_per_year = *attrition;
        config.pipelines.push_back(std::move(pipeline));
      }
    }
  }

 private:
  const Place& place_;
  Diagnostics& diagnostics_;
  std::vector<std::string_view> role_codes_;
};

}  // namespace

void ReadSupplyFlows(const TomlTable& table, const Place& place, SupplyConfig& config, Diagnostics& diagnostics) {
  const SupplyReader reader(place, diagnostics);
  reader.Rates(table, "leaver_rate", config.leaver_rates);
  reader.Rates(table, "retirement_rate", config.retirement_rates);
  reader.Joiners(table, config);
  reader.Moves(table, config);
  reader.Pipelines(table, config);
}

SupplyConfig ReadSupplyConfig(const std::string& path, const Place& place) {
  Diagnostics diagnostics;
  auto document = TomlDocument::Load(path, diagnostics);
  if (!document) throw InputError(std::move(diagnostics));
  TomlTable root(document->root(), document->path(), "the top level", diagnostics);
  root.AllowOnly({"settings", "leaver_rate", "retirement_rate", "joiners", "move", "pipeline"});
  SupplyConfig config;
  config.path = path;
  if (auto settings = root.Table("settings", false)) {
    settings->AllowOnly({"credibility_staff_years", "by_locality", "observed_joiners"});
    if (auto k = settings->Number("credibility_staff_years", false, 0, false, 1e6, false)) config.credibility_staff_years = *k;
    if (auto by_locality = settings->Boolean("by_locality", false)) config.by_locality = *by_locality;
    if (auto observed = settings->Boolean("observed_joiners", false)) config.observed_joiners = *observed;
  }
  ReadSupplyFlows(root, place, config, diagnostics);
  if (diagnostics.HasErrors()) throw InputError(std::move(diagnostics));
  return config;
}

SupplyConfig ReadPlaceSupplyConfig(const std::string& place_directory, const std::string& given, const Place& place) {
  if (!given.empty()) return ReadSupplyConfig(given, place);
  const std::string path = (std::filesystem::path(place_directory) / "supply.toml").string();
  if (InputExists(path)) return ReadSupplyConfig(path, place);
  return SupplyConfig{};
}

}  // namespace careforce::io
