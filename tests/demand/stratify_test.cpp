// Risk tiers of tests/data/registers/small.csv, worked by hand.

#include "demand/stratify.hpp"

#include <cmath>

#include <fmt/format.h>

#include <gtest/gtest.h>

#include "io/risk_reader.hpp"
#include "model/error.hpp"
#include "test_support.hpp"

namespace careforce::demand {
namespace {

using careforce::testing::DataDir;

const std::string kModels = std::string(CAREFORCE_SOURCE_DIR) + "/reference/demand/risk_models/";

Register Small() { return io::ReadRegister((DataDir() / "registers" / "small.csv").string()); }

std::vector<std::string> TiersOf(const Stratification& result) {
  std::vector<std::string> tiers;
  for (const uint8_t tier : result.tier_of) tiers.push_back(result.tiers[tier]);
  return tiers;
}

TEST(Stratify, ReadsTheRegister) {
  const Register people = Small();
  ASSERT_EQ(people.size(), 6u);
  EXPECT_EQ(people.practices.size(), 3u);
  EXPECT_EQ(people.localities.size(), 2u);
  EXPECT_EQ(people.age[3], 91);
  EXPECT_EQ(people.female[1], 0);
  EXPECT_EQ(people.lives_alone[2], 1);
}

TEST(Stratify, ElectronicFrailtyIndexCutOffs) {
  // Index = deficits / 36: 0, 0.139, 0.25, 0.389, 0.111, 0.361.
  const Stratification result = Stratify(Small(), io::ReadRiskModel(kModels + "efi.toml"));
  EXPECT_EQ(TiersOf(result), (std::vector<std::string>{"fit", "mild", "moderate", "severe", "fit", "severe"}));
  EXPECT_EQ(result.total, (std::vector<int64_t>{2, 1, 1, 2}));
  EXPECT_EQ(result.by_locality[0], (std::vector<int64_t>{1, 1, 1, 0}));
  EXPECT_EQ(result.by_locality[1], (std::vector<int64_t>{1, 0, 0, 2}));
  EXPECT_EQ(result.by_practice[2], (std::vector<int64_t>{1, 0, 0, 1}));
}

TEST(Stratify, RuleCriteriaInOrder) {
  // Red: 2+ conditions and 2+ admissions (A3, A4). Amber: 2+ conditions and an admission (A2), or
  // 9+ deficits (A6). Green: the rest.
  const Stratification result = Stratify(Small(), io::ReadRiskModel(kModels + "case_finding_rules.toml"));
  EXPECT_EQ(result.tiers, (std::vector<std::string>{"red", "amber", "green"}));
  EXPECT_EQ(TiersOf(result), (std::vector<std::string>{"green", "amber", "red", "red", "green", "amber"}));
}

TEST(Stratify, LogisticTopPercentTiers) {
  // Predictors: A1 -4.3, A2 -1.57, A3 0.05, A4 1.52, A5 -3.54, A6 -1.69. Top 20% of 6 people is 1
  // (A4); the next 30% brings the total to 3 (A3, A2); the rest.
  const RiskModel model = io::ReadRiskModel((DataDir() / "registers" / "top_20_30.toml").string());
  const Register people = Small();
  const Stratification result = Stratify(people, model);
  EXPECT_EQ(TiersOf(result), (std::vector<std::string>{"rest", "next", "next", "top", "rest", "rest"}));
  EXPECT_NEAR(LogisticProbability(people, 3, model), 1.0 / (1.0 + std::exp(-1.52)), 1e-12);
  EXPECT_NEAR(LogisticProbability(people, 0, model), 1.0 / (1.0 + std::exp(4.3)), 1e-12);
}

TEST(Stratify, LogisticTiesAreBrokenByRegisterOrder) {
  careforce::testing::TempDir temp;
  std::string text = "person_id,practice,locality,age,sex,deficits,conditions,admissions_12m,lives_alone\n";
  for (int person = 1; person <= 6; ++person) text += fmt::format("T{},P1,L1,80,F,5,2,1,no\n", person);
  text += "T7,P1,L1,95,F,20,6,4,yes\n";  // clearly the highest
  careforce::testing::WriteFile(temp.path() / "ties.csv", text);
  const Register people = io::ReadRegister((temp.path() / "ties.csv").string());
  const Stratification result = Stratify(people, io::ReadRiskModel((DataDir() / "registers" / "top_20_30.toml").string()));
  // 7 people: the top 20% is 1 (T7); the next 30% brings it to 3: the first two of the six equal
  // scores in register order.
  EXPECT_EQ(TiersOf(result), (std::vector<std::string>{"next", "next", "rest", "rest", "rest", "rest", "top"}));
}

// Bad models and registers, with their exact messages.
struct BadInput {
  std::string name;
  std::string file;  // "model.toml" or "register.csv"
  std::string text;
  std::vector<std::string> messages;
};

class BadRiskInputTest : public ::testing::TestWithParam<BadInput> {};

TEST_P(BadRiskInputTest, IsRejectedWithExactMessages) {
  careforce::testing::TempDir temp;
  const auto path = temp.path() / GetParam().file;
  careforce::testing::WriteFile(path, GetParam().text);
  try {
    if (GetParam().file == "model.toml") {
      io::ReadRiskModel(path.string());
    } else {
      io::ReadRegister(path.string());
    }
    FAIL() << "expected an InputError";
  } catch (const InputError& error) {
    std::vector<std::string> messages;
    for (const Diagnostic& diagnostic : error.diagnostics().all()) {
      messages.push_back(diagnostic.Format().substr(path.string().size() + 1));
    }
    EXPECT_EQ(messages, GetParam().messages);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Rules, BadRiskInputTest,
    ::testing::Values(
        BadInput{"cut_offs_out_of_order", "model.toml",
                 "name = \"x\"\nkind = \"deficit_index\"\ntotal_deficits = 36\n[[tier]]\nname = \"a\"\nup_to = 0.3\n"
                 "[[tier]]\nname = \"b\"\nup_to = 0.2\n[[tier]]\nname = \"c\"\nup_to = 0.5\n",
                 {"9:9: error: up_to = 0.2 is not above the tier before (0.3), expected cut-offs in increasing order",
                  "12:9: error: the last tier has up_to, expected none (it takes everyone above the tier before)"}},
        BadInput{"unknown_variable", "model.toml",
                 "name = \"x\"\nkind = \"logistic\"\nintercept = -3\n[coefficients]\nadmissions = 0.5\n"
                 "[[tier]]\nname = \"a\"\ntop_percent = 60\n[[tier]]\nname = \"b\"\ntop_percent = 50\n[[tier]]\nname = \"c\"\n",
                 {"5:14: error: unknown variable \"admissions\" in [coefficients], expected age, female, deficits, "
                  "conditions, admissions_12m or lives_alone (did you mean \"admissions_12m\"?)",
                  "6:1: error: tiers take 110% before the last, expected less than 100%"}},
        BadInput{"rule_without_bounds", "model.toml",
                 "name = \"x\"\nkind = \"rules\"\n[[tier]]\nname = \"a\"\nwhen = [ { variable = \"age\" } ]\n"
                 "[[tier]]\nname = \"b\"\n",
                 {"5:10: error: a condition without at_least or at_most, expected at least one of them"}},
        BadInput{"register_values", "register.csv",
                 "person_id,practice,locality,age,sex,deficits,conditions,admissions_12m,lives_alone\n"
                 "A1,P1,L1,130,F,0,0,0,no\nA2,P1,L1,80,X,0,0,0,maybe\nA3,P1,L1,80,F,0,-1,0,no\nA4,P1,L1,70,F,0,0,0,no\n"
                 "A4,P2,L1,70,F,0,0,0,no\n",
                 {"2:10: error: age 130 is out of range, expected a whole number from 0 to 120",
                  "3:13: error: sex \"X\" is not allowed, expected F or M",
                  "3:21: error: lives_alone \"maybe\" is not allowed, expected yes or no",
                  "4:17: error: conditions -1 is out of range, expected a whole number from 0 to 255",
                  "6:1: error: duplicate person_id (also on line 5), expected each person once"}}),
    [](const ::testing::TestParamInfo<BadInput>& info) { return info.param.name; });

}  // namespace
}  // namespace careforce::demand
