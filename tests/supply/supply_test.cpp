// Supply on tests/data/places/supply_toy, worked by hand.
//
// Staff at the census (2025-03-31): North Community Trust (nhs_community, North): RN 6 aged 30
// (FTE 1.0) and 4 aged 50 (FTE 0.5), HCA 20 aged 40; South Care Home (independent, South): CW 35
// aged 25 (5 of them joined in 2025) and 1 aged 80 (FTE 0.6 each), RN 2 aged 62. Leavers in the
// year: RN aged 30 and 50 resigned, RN aged 62 retired (all in post a year before), CW aged 25
// joined in June 2024 and resigned.

#include <cmath>
#include <filesystem>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "io/place_reader.hpp"
#include "io/supply_reader.hpp"
#include "model/error.hpp"
#include "supply/projection.hpp"
#include "test_support.hpp"

namespace careforce::supply {
namespace {

namespace fs = std::filesystem;
using careforce::testing::DataDir;
using careforce::testing::TempDir;

const Place& Toy() {
  static const Place* place = [] {
    io::ReadOptions options;
    options.today = careforce::testing::FixedToday();
    return new Place(io::LoadPlace((DataDir() / "places" / "supply_toy").string(), options));
  }();
  return *place;
}

const SupplyReference& Reference() {
  static const SupplyReference* reference =
      new SupplyReference(LoadSupplyReference(std::string(CAREFORCE_SOURCE_DIR) + "/reference"));
  return *reference;
}

Index RoleIndex(const std::string& code) {
  for (Index idx = 0; idx < Toy().roles.size(); ++idx) {
    if (Toy().roles[idx].code == code) return idx;
  }
  throw InternalError("no role " + code);
}

SupplyConfig Config(const std::string& toml) {
  TempDir temp;
  careforce::testing::WriteFile(temp.path() / "supply.toml", toml);
  return io::ReadSupplyConfig((temp.path() / "supply.toml").string(), Toy());
}

// Rates given outright, so that every flow is known: leaving 10% a year at every age,
// retirement 20% a year from 55, 10 international recruits a year into RN at 25, 5% of HCA
// becoming nursing associates each year, and a three-year course into RN with 20 starting a
// year at 21, 10% attrition a year and 30 in their final year today.
constexpr const char* kGiven = R"(
[settings]
observed_joiners = false

[[leaver_rate]]
rate = 0.1

[[retirement_rate]]
ages = "55-80"
rate = 0.2

[[joiners]]
role = "RN"
sector = "nhs_community"
source = "international"
per_year = 10
ages = "25"

[[move]]
from_role = "HCA"
to_role = "NA"
rate = 0.05

[[pipeline]]
name = "Nursing degree"
role = "RN"
sector = "nhs_community"
years = 3
attrition_per_year = 0.1
intake_per_year = 20
intake_ages = "21"
in_training = [0, 0, 30]
)";

double Mean(const SupplyResult& result, std::string_view dimension, std::string_view code, int year, bool fte = false) {
  const SupplySeries* series = result.Find(dimension, code);
  if (!series) throw InternalError(fmt::format("no series {} {}", dimension, code));
  return (fte ? series->fte : series->headcount).mean[static_cast<std::size_t>(year - result.base_year)];
}

TEST(SupplyLimits, TheRunsKeptAreBoundedBeforeTheyAreAllocated) {
  // The toy by locality: 18 series (the total, 2 sectors, 3 roles, 4 roles in sectors, 2
  // localities, 6 roles in localities) over 11 years. A run keeps 18 x 11 x 2 doubles (3,168
  // bytes), the FTE of the 9 roles and roles in localities as floats (396), 10 years of flows
  // (1,760) and the flows of the 4 roles in sectors (224): 5,548 bytes, 55,480 for 10 runs.
  SupplyOptions options;
  options.runs = 10;
  options.keep_runs = true;
  options.max_run_bytes = 55'479;
  const SupplyConfig config = Config("[settings]\nby_locality = true\n");
  try {
    ProjectSupply(Toy(), config, Reference(), options);
    FAIL() << "expected an input error";
  } catch (const InputError& error) {
    EXPECT_EQ(error.diagnostics().all().at(0).Format(),
              "supply projection:1:1: error: keeping 10 runs of 18 series over 11 years (55480 bytes) is more than the "
              "limit of 55479 bytes of runs kept (docs/reliability.md#limits), expected at most 55479 (fewer --runs, or "
              "--expected, or by_locality = false in supply.toml)");
  }
  options.max_run_bytes = 55'480;
  EXPECT_EQ(ProjectSupply(Toy(), config, Reference(), options).runs, 10);
  options.runs = 100'001;
  EXPECT_THROW(ProjectSupply(Toy(), config, Reference(), options), InputError);
}

TEST(SupplyRates, AreMeasuredFromTheYearToTheCensusAndBlendedByCredibility) {
  const FlowRates rates = MeasureFlowRates(Toy(), SupplyConfig{}, Reference());
  const Index rn = RoleIndex("RN");
  const auto find = [&](Index role, Sector sector, std::size_t band) {
    for (const LeaverRateRow& row : rates.leaving) {
      if (row.role == role && row.sector == sector && row.band == band) return row.evidence;
    }
    throw InternalError("no row");
  };
  // RN in the trust: 10 in post at the census, 13 a year before (10 + 3 leavers): 11.5 staff;
  // 2 left other than by retirement. No RN of the trust is 55+ today, so the reference is the
  // NHS nurses' all-leaver rate 0.0855 with nothing taken off for retirement. Z = 11.5 / 61.5.
  const RateEvidence whole = find(rn, Sector::kNhsCommunity, kBands);
  EXPECT_DOUBLE_EQ(whole.exposure, 11.5);
  EXPECT_EQ(whole.events, 2);
  EXPECT_DOUBLE_EQ(whole.observed, 2.0 / 11.5);
  EXPECT_DOUBLE_EQ(whole.reference, 0.0855);
  EXPECT_DOUBLE_EQ(whole.credibility, 11.5 / 61.5);
  const double rate = 11.5 / 61.5 * 2.0 / 11.5 + 50.0 / 61.5 * 0.0855;
  EXPECT_NEAR(whole.rate, rate, 1e-15);
  // Aged 25-34: 6 in post, 7 a year before, 1 leaver; blended with the role's rate.
  const RateEvidence young = find(rn, Sector::kNhsCommunity, 1);
  EXPECT_DOUBLE_EQ(young.exposure, 6.5);
  EXPECT_NEAR(young.rate, 6.5 / 56.5 * 1.0 / 6.5 + 50.0 / 56.5 * rate, 1e-15);
  // Retirement of the trust aged 60-64: one retirement, none in post now: 0.5 staff, observed
  // 2.0 a year, blended with the NHS reference 0.18 at Z = 0.5 / 50.5.
  double retirement = -1;
  for (const RetirementRateRow& row : rates.retirement) {
    if (row.role == kNoIndex && row.sector == Sector::kNhsCommunity && row.band == 5) retirement = row.evidence.rate;
  }
  EXPECT_NEAR(retirement, 0.5 / 50.5 * 2.0 + 50.0 / 50.5 * 0.18, 1e-15);
  // Care workers: 5 joined in post and 1 joined and left, all at 25.
  for (const ObservedJoiners& row : rates.joiners) {
    if (row.role == RoleIndex("CW")) {
      EXPECT_EQ(row.joiners, 6);
      EXPECT_EQ(row.age_basis, "staff in post");  // fewer than 20 joiners anywhere in social care
    }
  }
}

// The toy with its leavers.csv removed, or replaced by its header alone.
Place ToyWithLeavers(bool header_only) {
  TempDir temp;
  careforce::testing::CopyFiles(DataDir() / "places" / "supply_toy", temp.path());
  fs::remove(temp.path() / "leavers.csv");
  if (header_only) {
    careforce::testing::WriteFile(temp.path() / "leavers.csv",
                                  "person_id,organisation,role,fte,age,sex,start_date,leave_date,reason,destination\n");
  }
  io::ReadOptions options;
  options.today = careforce::testing::FixedToday();
  return io::LoadPlace(temp.str(), options);
}

const RateEvidence& Whole(const FlowRates& rates, Index role, Sector sector, std::size_t band = kBands) {
  for (const LeaverRateRow& row : rates.leaving) {
    if (row.role == role && row.sector == sector && row.band == band) return row.evidence;
  }
  throw InternalError("no row");
}

TEST(SupplyRates, WithoutLeaversCsvAreTheReferenceRatesAtCredibilityZero) {
  const Place place = ToyWithLeavers(false);
  EXPECT_FALSE(place.leavers_recorded);
  const FlowRates rates = MeasureFlowRates(place, SupplyConfig{}, Reference());
  EXPECT_FALSE(rates.leavers_recorded);
  // Trust nurses, none 55+: the NHS nurses' 0.0855, nothing observed (not zero leavers).
  const RateEvidence& trust = Whole(rates, RoleIndex("RN"), Sector::kNhsCommunity);
  EXPECT_FALSE(trust.observed_known);
  EXPECT_DOUBLE_EQ(trust.exposure, 10.0);
  EXPECT_EQ(trust.credibility, 0.0);
  EXPECT_DOUBLE_EQ(trust.rate, 0.0855);
  EXPECT_DOUBLE_EQ(rates.Leaving(RoleIndex("RN"), Sector::kNhsCommunity, 1), 0.0855);
  // Care home nurses, both 62: social care nurses' 0.326 less retirement at 60-64 of 0.1 (the
  // reference of social care, at credibility 0 too).
  EXPECT_NEAR(Whole(rates, RoleIndex("RN"), Sector::kIndependent).rate, 0.226, 1e-15);
  EXPECT_DOUBLE_EQ(rates.Retirement(RoleIndex("RN"), Sector::kIndependent, 5), 0.1);
  // Care workers: 0.33 less the retirement of the one aged 80 (0.4) over 36.
  EXPECT_NEAR(Whole(rates, RoleIndex("CW"), Sector::kIndependent).rate, 0.33 - 0.4 / 36.0, 1e-15);
  // Trust retirement at 60-64: the NHS reference 0.18 (with the leavers, one retirement made it
  // 0.5 / 50.5 * 2 + 50 / 50.5 * 0.18), for the sector and each of its roles.
  EXPECT_DOUBLE_EQ(rates.Retirement(kNoIndex, Sector::kNhsCommunity, 5), 0.18);
  EXPECT_DOUBLE_EQ(rates.Retirement(RoleIndex("HCA"), Sector::kNhsCommunity, 5), 0.18);
}

TEST(SupplyRates, AnEmptyLeaversCsvIsEvidenceOfNoLeaving) {
  const Place place = ToyWithLeavers(true);
  EXPECT_TRUE(place.leavers_recorded);
  const FlowRates rates = MeasureFlowRates(place, SupplyConfig{}, Reference());
  // Trust nurses: 10 staff all year, no leavers: Z = 10 / 60 on an observed 0.
  const RateEvidence& trust = Whole(rates, RoleIndex("RN"), Sector::kNhsCommunity);
  EXPECT_TRUE(trust.observed_known);
  EXPECT_DOUBLE_EQ(trust.exposure, 10.0);
  EXPECT_EQ(trust.events, 0);
  EXPECT_DOUBLE_EQ(trust.credibility, 10.0 / 60.0);
  EXPECT_NEAR(trust.rate, 50.0 / 60.0 * 0.0855, 1e-15);
}

TEST(SupplyRates, GivenRatesReplaceTheMeasuredOnes) {
  const FlowRates rates = MeasureFlowRates(Toy(), Config(kGiven), Reference());
  EXPECT_DOUBLE_EQ(rates.Leaving(RoleIndex("RN"), Sector::kNhsCommunity, 1), 0.1);
  EXPECT_DOUBLE_EQ(rates.Retirement(RoleIndex("RN"), Sector::kIndependent, 5), 0.2);
  EXPECT_DOUBLE_EQ(rates.Retirement(RoleIndex("RN"), Sector::kIndependent, 3), 0.0);  // under 55
}

TEST(SupplyExpected, FirstYearByHand) {
  SupplyOptions options;
  options.years = 4;
  options.expected = true;
  const SupplyResult result = ProjectSupply(Toy(), Config(kGiven), Reference(), options);
  // RN in the trust: 6 x 0.9 (31) + 4 x 0.9 (51) + 10 recruits (25) + 30 x 0.9 completing (24).
  EXPECT_NEAR(Mean(result, "role_sector", "RN/nhs_community", 2026), 5.4 + 3.6 + 10 + 27, 1e-9);
  // FTE: 1.0 a person aged 25-34, 0.5 aged 45-54, and the trust's RN mean 0.8 for the 16-24s.
  EXPECT_NEAR(Mean(result, "role_sector", "RN/nhs_community", 2026, true), 5.4 + 1.8 + 10 + 27 * 0.8, 1e-9);
  // HCA: 20 x 0.9 = 18 stay, of whom 5% (0.9) become nursing associates.
  EXPECT_NEAR(Mean(result, "role", "HCA", 2026), 17.1, 1e-9);
  EXPECT_NEAR(Mean(result, "role", "NA", 2026), 0.9, 1e-9);
  // RN in the care home, aged 62: 2 x 0.8 x 0.9.
  EXPECT_NEAR(Mean(result, "role_sector", "RN/independent", 2026), 1.44, 1e-9);
  // Care workers: 35 aged 25 x 0.9; the one aged 80 retires or leaves.
  EXPECT_NEAR(Mean(result, "role", "CW", 2026), 31.5, 1e-9);
  const SupplyFlows& first = result.flows[0];
  EXPECT_NEAR(first.leavers, 0.6 + 0.4 + 2.0 + 3.5 + 0.08 + 0.16, 1e-9);
  EXPECT_NEAR(first.retirements, 0.2 + 0.72 + 0.4, 1e-9);  // the 80-year-old ages out
  EXPECT_NEAR(first.moves, 0.9, 1e-9);
  EXPECT_NEAR(first.completions, 27.0, 1e-9);
  EXPECT_NEAR(first.joiners[static_cast<std::size_t>(JoinerSource::kInternational)], 10.0, 1e-9);
  EXPECT_NEAR(first.in_training, 20.0, 1e-9);
  EXPECT_NEAR(Mean(result, "total", "total", 2026), 68 - 6.74 - 1.32 + 10 + 27, 1e-9);
  // Localities: the trust is in North, the care home in South.
  EXPECT_NEAR(Mean(result, "locality", "E1", 2026), 46 + 17.1 + 0.9, 1e-9);
}

TEST(SupplyExpected, PipelinesCompleteAfterTheirLength) {
  SupplyOptions options;
  options.years = 4;
  options.expected = true;
  const SupplyResult result = ProjectSupply(Toy(), Config(kGiven), Reference(), options);
  // The 2026 intake of 20 trains in 2027, 2028 and 2029, losing 10% a year.
  EXPECT_NEAR(result.flows[1].completions, 0.0, 1e-12);
  EXPECT_NEAR(result.flows[2].completions, 0.0, 1e-12);
  EXPECT_NEAR(result.flows[3].completions, 20 * 0.9 * 0.9 * 0.9, 1e-9);
  EXPECT_NEAR(result.flows[1].in_training, 20 * 0.9 + 20, 1e-9);
  EXPECT_NEAR(result.flows[3].training_attrition, 2.0 + 1.8 + 1.62, 1e-9);
}

TEST(SupplyExpected, FlowsAddUpToTheChangeInHeadcount) {
  SupplyOptions options;
  options.years = 10;
  options.expected = true;
  const SupplyResult result = ProjectSupply(Toy(), SupplyConfig{}, Reference(), options);
  double change = 0.0;
  for (const SupplyFlows& flows : result.flows) {
    change -= flows.leavers + flows.retirements + flows.training_intake;
    change += flows.completions;
    for (const double joiners : flows.joiners) change += joiners;
  }
  EXPECT_NEAR(Mean(result, "total", "total", 2035), 68 + change, 1e-9);
}

TEST(SupplyExpected, RoleFlowsAddUpAndFollowMovesAndPipelines) {
  SupplyOptions options;
  options.years = 1;
  options.expected = true;
  const SupplyResult result = ProjectSupply(Toy(), Config(kGiven), Reference(), options);
  for (const RoleFlows& role : result.role_flows) {
    EXPECT_NEAR(role.last, role.base - role.leavers - role.retirements + role.joiners + role.completions +
                               role.moves_in - role.moves_out - role.into_training,
                1e-9)
        << result.role_codes[role.role];
    if (result.role_codes[role.role] == "HCA") {
      EXPECT_NEAR(role.moves_out, 0.9, 1e-12);
      EXPECT_NEAR(role.leavers, 2.0, 1e-12);
    }
    if (result.role_codes[role.role] == "NA") {
      EXPECT_NEAR(role.moves_in, 0.9, 1e-12);
    }
    if (result.role_codes[role.role] == "RN") {
      EXPECT_NEAR(role.completions, 27.0, 1e-12);
      EXPECT_NEAR(role.joiners, 10.0, 1e-12);
      EXPECT_NEAR(role.retirements, 0.4, 1e-12);  // the care home's two nurses aged 62
    }
  }
}

TEST(SupplyMonteCarlo, SampleMeansAreWithinFourStandardErrorsOfTheExpectation) {
  SupplyOptions options;
  options.years = 5;
  options.runs = 4000;
  options.seed = 20251124;
  const SupplyConfig config = Config(kGiven);
  const SupplyResult sampled = ProjectSupply(Toy(), config, Reference(), options);
  options.expected = true;
  const SupplyResult exact = ProjectSupply(Toy(), config, Reference(), options);
  ASSERT_EQ(sampled.series.size(), exact.series.size());
  int checked = 0;
  for (std::size_t series = 0; series < exact.series.size(); ++series) {
    for (const bool fte : {false, true}) {
      const auto& mc = fte ? sampled.series[series].fte : sampled.series[series].headcount;
      const auto& ev = fte ? exact.series[series].fte : exact.series[series].headcount;
      for (std::size_t year = 0; year < ev.mean.size(); ++year) {
        const double standard_error = mc.sd[year] / std::sqrt(4000.0);
        EXPECT_LE(std::abs(mc.mean[year] - ev.mean[year]), 4 * standard_error + 1e-9)
            << sampled.series[series].code << " " << year << (fte ? " FTE" : "");
        EXPECT_LE(mc.p10[year], mc.p50[year]);
        EXPECT_LE(mc.p50[year], mc.p90[year]);
        ++checked;
      }
    }
  }
  EXPECT_EQ(checked, static_cast<int>(exact.series.size()) * 2 * 6);
  // Headcounts are whole people in every run, and uncertain after the base year.
  EXPECT_EQ(sampled.series[0].headcount.sd[0], 0.0);
  EXPECT_GT(sampled.series[0].headcount.sd[5], 1.0);
}

// Leaving 30% a year at every age, retirement 20% from 55, 5% of HCA becoming nursing
// associates, and nobody joining.
constexpr const char* kLeaveAndMove = R"(
[settings]
observed_joiners = false

[[leaver_rate]]
rate = 0.3

[[retirement_rate]]
ages = "55-80"
rate = 0.2

[[move]]
from_role = "HCA"
to_role = "NA"
rate = 0.05
)";

// Counts of each whole number of people among the runs of a role's first projected year.
std::vector<int64_t> FirstYearCounts(const SupplyResult& result, std::string_view role, double fte_per_person, int people) {
  const SupplySeries* series = result.Find("role", role);
  const auto index = static_cast<std::size_t>(series - result.series.data());
  const auto runs = static_cast<std::size_t>(result.runs);
  std::vector<int64_t> counts(static_cast<std::size_t>(people) + 1, 0);
  for (std::size_t run = 0; run < runs; ++run) {
    const double fte = result.runs_fte[index][1 * runs + run];
    ++counts.at(static_cast<std::size_t>(std::lround(fte / fte_per_person)));
  }
  return counts;
}

std::vector<double> BinomialProbabilities(int trials, double p) {
  std::vector<double> probabilities;
  for (int k = 0; k <= trials; ++k) {
    probabilities.push_back(std::exp(std::lgamma(trials + 1.0) - std::lgamma(k + 1.0) - std::lgamma(trials - k + 1.0) +
                                     k * std::log(p) + (trials - k) * std::log1p(-p)));
  }
  return probabilities;
}

TEST(SupplyMonteCarlo, EachPersonsFateFollowsTheExactDistribution) {
  // HCA: 20 aged 40 in one cell (small cells draw how many meet a fate, then which), each
  // staying with chance 0.7 × 0.95 = 0.665 and becoming an NA with 0.7 × 0.05 = 0.035.
  // CW: 35 aged 25 (a larger cell: successive binomials) staying with chance 0.7; the one
  // aged 80 retires at the end of the year whatever happens. FTE 1.0 per HCA and NA, 0.6 per CW.
  SupplyOptions options;
  options.years = 1;
  options.runs = 4000;
  options.seed = 20261124;
  options.keep_runs = true;
  const SupplyResult result = ProjectSupply(Toy(), Config(kLeaveAndMove), Reference(), options);
  const struct {
    const char* role;
    double fte;
    int people;
    double stays;
  } cases[] = {{"HCA", 1.0, 20, 0.665}, {"NA", 1.0, 20, 0.035}, {"CW", 0.6, 35, 0.7}};
  for (const auto& role : cases) {
    const std::vector<int64_t> counts = FirstYearCounts(result, role.role, role.fte, role.people);
    const auto [statistic, cells] =
        careforce::testing::ChiSquare(counts, BinomialProbabilities(role.people, role.stays), options.runs);
    EXPECT_LT(statistic, careforce::testing::ChiSquareCritical(cells - 1)) << role.role;
    EXPECT_NEAR(Mean(result, "role", role.role, 2026), role.people * role.stays,
                4 * std::sqrt(role.people * role.stays * (1 - role.stays) / options.runs))
        << role.role;
  }
}

TEST(SupplyMonteCarlo, OutputDependsOnlyOnTheSeedNotOnThreads) {
  SupplyOptions options;
  options.years = 6;
  options.runs = 301;
  options.seed = 7;
  options.threads = 1;
  const SupplyResult one = ProjectSupply(Toy(), Config(kGiven), Reference(), options);
  options.threads = 2;
  const SupplyResult two = ProjectSupply(Toy(), Config(kGiven), Reference(), options);
  ASSERT_EQ(one.series.size(), two.series.size());
  for (std::size_t series = 0; series < one.series.size(); ++series) {
    EXPECT_EQ(one.series[series].headcount.mean, two.series[series].headcount.mean);
    EXPECT_EQ(one.series[series].headcount.p10, two.series[series].headcount.p10);
    EXPECT_EQ(one.series[series].fte.p90, two.series[series].fte.p90);
  }
  EXPECT_EQ(one.flows[5].leavers, two.flows[5].leavers);
  options.seed = 8;
  const SupplyResult other = ProjectSupply(Toy(), Config(kGiven), Reference(), options);
  EXPECT_NE(one.series[0].headcount.mean, other.series[0].headcount.mean);
}

struct BadConfig {
  std::string name;
  std::string toml;
  std::string message;  // the first line of the error, the path written as FILE
};

class BadSupplyConfigTest : public ::testing::TestWithParam<BadConfig> {};

TEST_P(BadSupplyConfigTest, IsRejectedWithAnExactMessage) {
  TempDir temp;
  const auto path = temp.path() / "supply.toml";
  careforce::testing::WriteFile(path, GetParam().toml);
  try {
    io::ReadSupplyConfig(path.string(), Toy());
    FAIL() << "expected an InputError";
  } catch (const InputError& error) {
    std::string message = error.diagnostics().all().front().Format();
    message.replace(message.find(path.string()), path.string().size(), "FILE");
    EXPECT_EQ(message, GetParam().message);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Supply, BadSupplyConfigTest,
    ::testing::Values(
        BadConfig{"rate_above_one", "[[leaver_rate]]\nrate = 1.2\n",
                  "FILE:2:8: error: rate = 1.2 in [[leaver_rate]] is out of range, expected a number at least 0 and at most 1"},
        BadConfig{"negative_rate", "[[move]]\nfrom_role = \"HCA\"\nto_role = \"NA\"\nrate = -0.1\n",
                  "FILE:4:8: error: rate = -0.1 in [[move]] is out of range, expected a number at least 0 and at most 1"},
        BadConfig{"pipeline_into_unknown_role",
                  "[[pipeline]]\nname = \"Degree\"\nrole = \"RNN\"\nsector = \"nhs_acute\"\nyears = 3\n"
                  "attrition_per_year = 0.1\nintake_per_year = 10\n",
                  "FILE:3:8: error: unknown role \"RNN\" in [[pipeline]], expected a role of roles.csv (did you mean "
                  "\"RN\"?)"},
        BadConfig{"negative_volume",
                  "[[joiners]]\nrole = \"RN\"\nsector = \"nhs_acute\"\nsource = \"international\"\nper_year = -5\n",
                  "FILE:5:12: error: per_year = -5 in [[joiners]] is out of range, expected a number at least 0 and "
                  "at most 10000000"},
        BadConfig{"unknown_key", "[settings]\ncredibility = 10\n",
                  "FILE:2:1: error: unknown key \"credibility\" in [settings], expected one of "
                  "credibility_staff_years, by_locality or observed_joiners (did you mean \"credibility_staff_years\"?)"},
        BadConfig{"unknown_table", "[[joiner]]\nrole = \"RN\"\n",
                  "FILE:1:3: error: unknown key \"joiner\" in the top level, expected one of settings, leaver_rate, "
                  "retirement_rate, joiners, move or pipeline (did you mean \"joiners\"?)"},
        BadConfig{"both_volume_and_rate",
                  "[[joiners]]\nrole = \"RN\"\nsector = \"nhs_acute\"\nsource = \"returners\"\nper_year = 5\nrate = 0.1\n",
                  "FILE:1:1: error: [[joiners]] gives both per_year and rate, expected exactly one of per_year (people a "
                  "year) and rate (share of the role's headcount a year)"},
        BadConfig{"unknown_source",
                  "[[joiners]]\nrole = \"RN\"\nsector = \"nhs_acute\"\nsource = \"abroad\"\nper_year = 5\n",
                  "FILE:4:10: error: source \"abroad\" is not allowed, expected one of newly_qualified, international, "
                  "labour_market, returners, other_sector"},
        BadConfig{"ages_off_the_bands", "[[leaver_rate]]\nages = \"57-62\"\nrate = 0.1\n",
                  "FILE:2:8: error: ages \"57-62\" in [[leaver_rate]] do not follow the age bands, expected whole bands "
                  "of 16-24, 25-34, 35-44, 45-54, 55-59, 60-64, 65-69 and 70-80 (such as \"55-64\")"},
        BadConfig{"too_many_cohorts",
                  "[[pipeline]]\nname = \"Degree\"\nrole = \"RN\"\nsector = \"nhs_acute\"\nyears = 2\n"
                  "attrition_per_year = 0.1\nintake_per_year = 10\nin_training = [5, 5, 5]\n",
                  "FILE:8:15: error: in_training has 3 cohorts in [[pipeline]], expected at most one per year of the "
                  "course (2)"},
        BadConfig{"move_to_itself", "[[move]]\nfrom_role = \"HCA\"\nto_role = \"HCA\"\nrate = 0.1\n",
                  "FILE:1:1: error: [[move]] moves HCA to itself, expected another role or sector"},
        BadConfig{"no_intake",
                  "[[pipeline]]\nname = \"Degree\"\nrole = \"RN\"\nsector = \"nhs_acute\"\nyears = 3\n"
                  "attrition_per_year = 0.1\n",
                  "FILE:1:1: error: [[pipeline]] gives no intake, expected exactly one of intake_per_year (from outside "
                  "the workforce) and from_role with intake_rate"}),
    [](const ::testing::TestParamInfo<BadConfig>& info) { return info.param.name; });

}  // namespace
}  // namespace careforce::supply
