#pragma once

#include <optional>
#include <string>
#include <vector>

namespace careforce {

// WHO Workload Indicators of Staffing Need: the input for one staff category (docs/methods.md).

// A health-service activity and its unit time.
struct WisnActivity {
  std::string name;
  double annual_volume = 0.0;
  // Exactly one is given.
  std::optional<double> minutes_per_unit;
  std::optional<double> units_per_hour;
};

// How often an allowance recurs.
enum class WisnPeriod { kDay, kWeek, kMonth, kYear };

// A category allowance (work every member of the category does) or an individual allowance
// (work only some do, `staff` of them).
struct WisnAllowance {
  std::string name;
  // Either minutes per period, or a share of working time (category allowances only).
  std::optional<double> minutes;
  std::optional<WisnPeriod> per;
  std::optional<double> percent_of_working_time;
  double staff = 0.0;  // individual allowances
};

struct WisnRole {
  std::string code;
  std::string name;
  double staff_in_post = 0.0;  // FTE
  double working_days_per_year = 0.0;
  double hours_per_day = 0.0;
  double public_holidays = 0.0;
  double annual_leave_days = 0.0;
  double sick_leave_days = 0.0;
  double other_leave_days = 0.0;
  std::vector<WisnActivity> activities;
  std::vector<WisnAllowance> support;     // category allowances
  std::vector<WisnAllowance> individual;  // individual allowances
};

// Occurrences a year of a period, for a role with `working_days` contracted days a year and
// `available_days` left after holidays and leave: day -> available days, week -> available / 5,
// month -> available x 12 / working days, year -> 1.
double OccurrencesPerYear(WisnPeriod period, double working_days, double available_days);

}  // namespace careforce
