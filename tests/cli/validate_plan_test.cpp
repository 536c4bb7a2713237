// A place that validates plans: careforce validate, then careforce plan, on every test place,
// every bad place and a seeded sample of mutations of the toy place with every kind of input
// (tests/data/places/full_toy). Every exit status is 0 or 2; validate 0 implies plan 0, and a
// place validate refuses, plan refuses with the same messages (docs/reliability.md).

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace careforce {
namespace {

namespace fs = std::filesystem;
using namespace careforce::testing;

struct Outcome {
  CommandResult validate;
  CommandResult plan;
};

// Validate, then plan (few supply runs: the plan's inputs are what is tested, not its figures).
Outcome ValidateThenPlan(const fs::path& place, const std::string& options = "") {
  TempDir out;
  Outcome outcome;
  outcome.validate = RunCommand(Careforce("validate --quiet " + place.string() + options, kPromptly));
  outcome.plan = RunCommand(
      Careforce("plan --quiet --runs 5 " + place.string() + " --out " + out.str() + options, kPromptly));
  return outcome;
}

// What a run of both must show: exit statuses 0 or 2 only; validate 0 implies plan 0; refused by
// validate, refused by plan with the same problems.
void ExpectValidateImpliesPlan(const Outcome& outcome, const std::string& what) {
  const int validate = outcome.validate.status;
  const int plan = outcome.plan.status;
  EXPECT_TRUE(validate == 0 || validate == 2) << what << ": validate exited " << validate << "\n"
                                              << outcome.validate.err;
  EXPECT_TRUE(plan == 0 || plan == 2) << what << ": plan exited " << plan << "\n"
                                      << outcome.plan.err;
  if (validate == 0) {
    EXPECT_EQ(plan, 0) << what << ": validated, but the plan failed:\n" << outcome.plan.err;
  } else {
    EXPECT_EQ(plan, validate) << what;
    EXPECT_EQ(outcome.plan.err, outcome.validate.err) << what;
  }
}

TEST(ValidateThenPlan, EveryTestPlaceValidatesAndPlans) {
  const std::vector<std::string> names = TestPlaces();
  EXPECT_GE(names.size(), 6u);
  for (const std::string& name : names) {
    const Outcome outcome = ValidateThenPlan(DataDir() / "places" / name);
    EXPECT_EQ(outcome.validate.status, 0) << name << "\n" << outcome.validate.err;
    ExpectValidateImpliesPlan(outcome, name);
  }
  const fs::path toy = DataDir() / "places" / "full_toy";
  const Outcome with_scenarios =
      ValidateThenPlan(toy, " --scenario " + (toy / "scenario.toml").string() + " --policy " +
                                (toy / "policy.toml").string());
  EXPECT_EQ(with_scenarios.validate.status, 0) << with_scenarios.validate.err;
  ExpectValidateImpliesPlan(with_scenarios, "full_toy with its scenario and policy");
}

TEST(ValidateThenPlan, EveryBadPlaceIsRefusedByBothWithTheSameMessages) {
  const std::vector<std::string> names = careforce::testing::BadPlaces();
  EXPECT_GE(names.size(), 40u);
  for (const std::string& name : names) {
    TempDir temp;
    careforce::testing::AssembleBadPlace(name, temp.path() / "place");
    const Outcome outcome = ValidateThenPlan(temp.path() / "place");
    EXPECT_EQ(outcome.validate.status, 2) << name;
    ExpectValidateImpliesPlan(outcome, name);
  }
}

// One seeded change to one file of a place: a line deleted or duplicated, the file truncated,
// two columns swapped (in every row of a table but its header; two lines of a TOML file), or the
// file removed. Returns what was done.
class Mutator {
 public:
  explicit Mutator(uint64_t seed) : random_(seed) {}

  std::string Mutate(const fs::path& place, int kind) {
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(place)) files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    const fs::path file = files[Below(files.size())];
    const std::string name = file.filename().string();
    if (kind == 4) {
      fs::remove(file);
      return "removed " + name;
    }
    const std::string text = ReadFile(file);
    if (kind == 2) {
      const std::size_t at = Below(text.size() + 1);
      WriteFile(file, text.substr(0, at));
      return name + " truncated at byte " + std::to_string(at);
    }
    std::vector<std::string> lines;
    std::istringstream stream(text);
    for (std::string line; std::getline(stream, line);) lines.push_back(line);
    if (lines.empty()) lines.emplace_back();
    std::string done;
    if (kind == 0) {
      const std::size_t at = Below(lines.size());
      lines.erase(lines.begin() + static_cast<std::ptrdiff_t>(at));
      done = name + " line " + std::to_string(at + 1) + " deleted";
    } else if (kind == 1) {
      const std::size_t at = Below(lines.size());
      lines.insert(lines.begin() + static_cast<std::ptrdiff_t>(at), lines[at]);
      done = name + " line " + std::to_string(at + 1) + " duplicated";
    } else if (name.ends_with(".csv")) {
      const std::size_t columns = Split(lines.front()).size();
      const std::size_t first = Below(columns);
      const std::size_t second = Below(columns);
      for (std::size_t row = 1; row < lines.size(); ++row) {
        std::vector<std::string> fields = Split(lines[row]);
        if (std::max(first, second) < fields.size()) std::swap(fields[first], fields[second]);
        lines[row] = Join(fields);
      }
      done = name + " columns " + std::to_string(first + 1) + " and " + std::to_string(second + 1) +
             " swapped";
    } else {
      const std::size_t first = Below(lines.size());
      const std::size_t second = Below(lines.size());
      std::swap(lines[first], lines[second]);
      done = name + " lines " + std::to_string(first + 1) + " and " + std::to_string(second + 1) +
             " swapped";
    }
    std::string changed;
    for (const std::string& line : lines) changed += line + "\n";
    WriteFile(file, changed);
    return done;
  }

 private:
  // A number below `count` (the generator's own output, the same on every platform).
  std::size_t Below(std::size_t count) {
    return count == 0 ? 0 : static_cast<std::size_t>(random_() % count);
  }
  static std::vector<std::string> Split(const std::string& line) {
    std::vector<std::string> fields;
    std::istringstream stream(line);
    for (std::string field; std::getline(stream, field, ',');) fields.push_back(field);
    if (!line.empty() && line.back() == ',') fields.emplace_back();
    return fields;
  }
  static std::string Join(const std::vector<std::string>& fields) {
    std::string line;
    for (std::size_t idx = 0; idx < fields.size(); ++idx)
      line += (idx > 0 ? "," : "") + fields[idx];
    return line;
  }

  std::mt19937_64 random_;
};

TEST(ValidateThenPlan, SeededMutationsOfTheToyPlace) {
  constexpr int kMutations = 50;
  Mutator mutator(20251201);
  int validated = 0;
  int refused = 0;
  for (int idx = 0; idx < kMutations; ++idx) {
    TempDir temp;
    const fs::path place = temp.path() / "place";
    careforce::testing::CopyFiles(DataDir() / "places" / "full_toy", place);
    const std::string what = mutator.Mutate(place, idx % 5);
    // The scenario and policy are given whether or not they are still there (a missing one is
    // an error of both commands).
    const Outcome outcome =
        ValidateThenPlan(place, " --scenario " + (place / "scenario.toml").string() + " --policy " +
                                    (place / "policy.toml").string());
    ExpectValidateImpliesPlan(outcome, "mutation " + std::to_string(idx) + ": " + what);
    (outcome.validate.status == 0 ? validated : refused) += 1;
  }
  // The sample holds places of both kinds, so the implication is tested, not vacuous.
  EXPECT_GE(validated, 5);
  EXPECT_GE(refused, 5);
}

}  // namespace
}  // namespace careforce
