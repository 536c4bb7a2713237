#include "demand/wisn.hpp"

namespace careforce::demand {

WisnResult ComputeWisn(const WisnRole& role) {
  WisnResult result;
  result.code = role.code;
  result.name = role.name;
  result.staff_in_post = role.staff_in_post;
  result.available_days = role.working_days_per_year - role.public_holidays - role.annual_leave_days -
                          role.sick_leave_days - role.other_leave_days;
  result.available_working_time_hours = result.available_days * role.hours_per_day;
  const double awt = result.available_working_time_hours;

  for (const WisnActivity& activity : role.activities) {
    const double hours_per_unit = activity.minutes_per_unit ? *activity.minutes_per_unit / 60.0 : 1.0 / *activity.units_per_hour;
    const double standard_workload = awt / hours_per_unit;
    result.activities.push_back(WisnActivityResult{activity.name, standard_workload});
    result.service_staff += activity.annual_volume / standard_workload;
  }
  const auto annual_hours = [&](const WisnAllowance& allowance) {
    return *allowance.minutes * OccurrencesPerYear(*allowance.per, role.working_days_per_year, result.available_days) /
           60.0;
  };
  for (const WisnAllowance& support : role.support) {
    result.category_allowance_percent +=
        support.percent_of_working_time ? *support.percent_of_working_time : annual_hours(support) / awt * 100.0;
  }
  result.category_allowance_factor = 1.0 / (1.0 - result.category_allowance_percent / 100.0);
  for (const WisnAllowance& individual : role.individual) {
    result.individual_allowance_hours += annual_hours(individual) * individual.staff;
  }
  result.individual_allowance_factor = result.individual_allowance_hours / awt;
  result.required_staff = result.service_staff * result.category_allowance_factor + result.individual_allowance_factor;
  result.wisn_difference = result.staff_in_post - result.required_staff;
  result.wisn_ratio = result.required_staff > 0 ? result.staff_in_post / result.required_staff : 0.0;
  return result;
}

}  // namespace careforce::demand
