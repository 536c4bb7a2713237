#pragma once

#include <string>

namespace careforce {

// One row of a reference table as read, with its source, for the plan's assumptions.
struct ReferenceFigure {
  std::string file;   // under the reference directory ("plan/costs.csv")
  std::string item;   // the parameter or the row's key ("on_cost_nhs", "HCA to NA")
  std::string value;  // as read ("1.30", "course £15000; 1100 hours; 2 years")
  std::string description;
  std::string source;
  std::string basis;  // "published", "derived" or "assumption"
};

}  // namespace careforce
