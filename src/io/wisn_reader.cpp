#include "io/wisn_reader.hpp"

#include <cmath>
#include <limits>
#include <set>

#include <fmt/format.h>

#include "io/table.hpp"
#include "io/toml_schema.hpp"
#include "model/error.hpp"

namespace careforce::io {

namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();

std::optional<WisnPeriod> ReadPeriod(const TomlTable& table) {
  const auto per = table.Choice("per", false, {"day", "week", "month", "year"});
  if (!per) return std::nullopt;
  if (*per == "day") return WisnPeriod::kDay;
  if (*per == "week") return WisnPeriod::kWeek;
  if (*per == "month") return WisnPeriod::kMonth;
  return WisnPeriod::kYear;
}

// An allowance given as minutes per period (or, for category allowances, as a share of time).
std::optional<WisnAllowance> ReadAllowance(const TomlTable& table, bool category, const std::string& role) {
  if (category) {
    table.AllowOnly({"name", "minutes", "per", "percent_of_working_time"});
  } else {
    table.AllowOnly({"name", "minutes", "per", "staff"});
  }
  WisnAllowance allowance;
  const auto name = table.String("name", true);
  allowance.name = name.value_or("");
  const std::string what = fmt::format("{} allowance \"{}\" of role {}", category ? "category" : "individual",
                                       allowance.name, role);
  bool ok = name.has_value();
  const bool has_minutes = table.Has("minutes") || table.Has("per");
  const bool has_percent = category && table.Has("percent_of_working_time");
  if (has_minutes && has_percent) {
    table.diagnostics().Error(table.At("percent_of_working_time"),
                              fmt::format("{} gives both minutes per period and a percentage, expected one of the two",
                                          what));
    return std::nullopt;
  }
  if (has_percent) {
    allowance.percent_of_working_time = table.Number("percent_of_working_time", true, 0, false, 100, true);
    ok = ok && allowance.percent_of_working_time;
  } else if (has_minutes) {
    allowance.minutes = table.Number("minutes", true, 0, false, 1e6, false);
    allowance.per = ReadPeriod(table);
    if (!table.Has("per")) {
      table.diagnostics().Error(table.where(), fmt::format("{} gives minutes but no period, expected per = \"day\", "
                                                           "\"week\", \"month\" or \"year\"",
                                                           what));
    }
    ok = ok && allowance.minutes && allowance.per;
  } else {
    table.diagnostics().Error(
        table.where(), fmt::format("{} gives no time, expected minutes and per{}", what,
                                   category ? ", or percent_of_working_time" : ""));
    return std::nullopt;
  }
  if (!category) {
    const auto staff = table.Number("staff", true, 0, true, 1e6, false);
    ok = ok && staff;
    allowance.staff = staff.value_or(0);
  }
  if (!ok) return std::nullopt;
  return allowance;
}

}  // namespace

std::vector<WisnRole> ReadWisnFile(const std::string& path) {
  Diagnostics diagnostics;
  auto document = TomlDocument::Load(path, diagnostics);
  if (!document) throw InputError(std::move(diagnostics));
  TomlTable root(document->root(), document->path(), "the top level", diagnostics);
  root.AllowOnly({"role"});
  std::vector<WisnRole> roles;
  std::set<std::string> codes;
  for (const TomlTable& table : root.Tables("role", true)) {
    table.AllowOnly({"code", "name", "staff_in_post", "working_days_per_year", "hours_per_day", "public_holidays",
                     "annual_leave_days", "sick_leave_days", "other_leave_days", "activity", "support",
                     "individual"});
    WisnRole role;
    role.code = table.String("code", true).value_or("");
    role.name = table.String("name", true).value_or("");
    if (!role.code.empty() && !codes.insert(role.code).second) {
      diagnostics.Error(table.At("code"), fmt::format("duplicate role code \"{}\", expected each role once", role.code));
    }
    const auto number = [&](std::string_view key, bool required, double min, bool min_open, double max) {
      return table.Number(key, required, min, min_open, max, false).value_or(0.0);
    };
    role.staff_in_post = number("staff_in_post", true, 0, false, kInfinity);
    role.working_days_per_year = number("working_days_per_year", true, 0, true, 366);
    role.hours_per_day = number("hours_per_day", true, 0, true, 24);
    role.public_holidays = number("public_holidays", false, 0, false, 366);
    role.annual_leave_days = number("annual_leave_days", false, 0, false, 366);
    role.sick_leave_days = number("sick_leave_days", false, 0, false, 366);
    role.other_leave_days = number("other_leave_days", false, 0, false, 366);
    const double away = role.public_holidays + role.annual_leave_days + role.sick_leave_days + role.other_leave_days;
    if (role.working_days_per_year > 0 && away >= role.working_days_per_year) {
      diagnostics.Error(table.At("working_days_per_year"),
                        fmt::format("role {} has no available working time: {} working days less {} days of holidays "
                                    "and leave, expected fewer days away than working days",
                                    role.code, FormatNumber(role.working_days_per_year), FormatNumber(away)));
    }
    for (const TomlTable& activity_table : table.Tables("activity", true)) {
      activity_table.AllowOnly({"name", "annual_volume", "minutes_per_unit", "units_per_hour"});
      WisnActivity activity;
      activity.name = activity_table.String("name", true).value_or("");
      activity.annual_volume = activity_table.Number("annual_volume", true, 0, false, kInfinity, false).value_or(0);
      const bool has_minutes = activity_table.Has("minutes_per_unit");
      const bool has_rate = activity_table.Has("units_per_hour");
      if (has_minutes == has_rate) {
        diagnostics.Error(activity_table.where(),
                          fmt::format("activity \"{}\" of role {} has {} unit time, expected exactly one of "
                                      "minutes_per_unit or units_per_hour",
                                      activity.name, role.code, has_minutes ? "two ways of giving its" : "no"));
      } else if (has_minutes) {
        activity.minutes_per_unit = activity_table.Number("minutes_per_unit", true, 0, true, kInfinity, false);
      } else {
        activity.units_per_hour = activity_table.Number("units_per_hour", true, 0, true, kInfinity, false);
      }
      role.activities.push_back(std::move(activity));
    }
    double category_percent = 0.0;
    const double available = role.working_days_per_year - away;
    const double awt = available * role.hours_per_day;
    for (const TomlTable& support : table.Tables("support", false)) {
      if (auto allowance = ReadAllowance(support, true, role.code)) {
        if (allowance->percent_of_working_time) {
          category_percent += *allowance->percent_of_working_time;
        } else if (awt > 0) {
          category_percent += *allowance->minutes *
                              OccurrencesPerYear(*allowance->per, role.working_days_per_year, available) / 60.0 /
                              awt * 100.0;
        }
        role.support.push_back(std::move(*allowance));
      }
    }
    if (category_percent >= 100.0) {
      diagnostics.Error(table.At("support"),
                        fmt::format("category allowances of role {} take {:.1f}% of working time, expected less than "
                                    "100% (time must remain for the activities)",
                                    role.code, category_percent));
    }
    for (const TomlTable& individual : table.Tables("individual", false)) {
      if (auto allowance = ReadAllowance(individual, false, role.code)) role.individual.push_back(std::move(*allowance));
    }
    roles.push_back(std::move(role));
  }
  diagnostics.SortByLocationFrom(0);
  if (diagnostics.HasErrors()) throw InputError(std::move(diagnostics));
  return roles;
}

}  // namespace careforce::io
