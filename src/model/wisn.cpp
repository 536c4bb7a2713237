#include "model/wisn.hpp"

namespace careforce {

double OccurrencesPerYear(WisnPeriod period, double working_days, double available_days) {
  switch (period) {
    case WisnPeriod::kDay: return available_days;
    case WisnPeriod::kWeek: return available_days / 5.0;
    case WisnPeriod::kMonth: return available_days * 12.0 / working_days;
    case WisnPeriod::kYear: return 1.0;
  }
  return 0.0;
}

}  // namespace careforce
