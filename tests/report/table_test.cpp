#include "report/table.hpp"

#include <gtest/gtest.h>

#include "model/error.hpp"
#include "report/format.hpp"
#include "report/plan_tables.hpp"

namespace careforce::report {
namespace {

ReportTable Sample() {
  ReportTable table("t", "Title",
                    {{"name", "Name", CellKind::kText},
                     {"headcount", "Headcount", CellKind::kCount},
                     {"fte", "FTE", CellKind::kFte},
                     {"rate", "Rate", CellKind::kShare},
                     {"pay_gbp", "Pay", CellKind::kMoney}});
  table.Row().Text("Care, \"home\"").Number(1234).Number(1000.26).Number(0.3158).Number(22425.5);
  table.Row().Text("Small").Number(3, true).Number(2.5, true).Empty().Number(1, true);
  return table;
}

// A row short of cells is a program error, found before any output reads it, the last row too
// (a short last row once shifted the teams table's figures into the wrong columns).
TEST(ReportTable, ARowWithoutACellForEachColumnIsAnErrorEvenWhenItIsTheLast) {
  ReportTable table = Sample();
  table.Row().Text("Short").Number(1);
  EXPECT_THROW((void)table.Csv(), InternalError);
  EXPECT_THROW((void)table.Json(), InternalError);
  EXPECT_THROW((void)table.Html(), InternalError);
  EXPECT_THROW((void)table.rows(), InternalError);
  EXPECT_THROW(table.Row(), InternalError);
}

TEST(ReportTable, CsvWritesRawValuesAndStarsForHiddenCells) {
  EXPECT_EQ(Sample().Csv(),
            "name,headcount,fte,rate,pay_gbp\n"
            "\"Care, \"\"home\"\"\",1234,1000.26,0.3158,22425.50\n"
            "Small,*,*,,*\n");
}

TEST(ReportTable, JsonWritesNullForHiddenCells) {
  const auto json = Sample().Json();
  EXPECT_EQ(json[0]["headcount"], 1234);
  EXPECT_DOUBLE_EQ(json[0]["rate"].get<double>(), 0.3158);
  EXPECT_TRUE(json[1]["headcount"].is_null());
  EXPECT_TRUE(json[1]["rate"].is_null());
}

TEST(ReportTable, HtmlFormatsForReaders) {
  const std::string html = Sample().Html();
  EXPECT_NE(html.find("<td>Care, &quot;home&quot;</td><td class=\"num\">1,234</td><td class=\"num\">1,000.3</td>"
                      "<td class=\"num\">31.6%</td><td class=\"num\">£22,426</td>"),
            std::string::npos);
  EXPECT_NE(html.find("<td class=\"num\">*</td><td class=\"num\">*</td><td class=\"num\">–</td>"), std::string::npos);
}

TEST(ReportTable, YearsArePlainIntegersEverywhere) {
  ReportTable table("t", "Title", {{"year", "Year", CellKind::kYear}, {"fte", "FTE", CellKind::kFte}});
  table.Row().Year(2026).Number(1234.5);
  EXPECT_EQ(table.Csv(), "year,fte\n2026,1234.50\n");
  EXPECT_TRUE(table.Json()[0]["year"].is_number_integer());
  EXPECT_EQ(table.Json()[0]["year"], 2026);
  EXPECT_NE(table.Html().find("<td class=\"num\">2026</td>"), std::string::npos);
  EXPECT_EQ(FormatCell(table.rows()[0][0], CellKind::kYear), "2026");
}

TEST(ReportTable, ACellOfItsOwnKindInAColumnOfMany) {
  ReportTable table("monitor", "Monitor", {{"indicator", "Indicator", CellKind::kText}, {"baseline", "Today", CellKind::kNumber}});
  table.Row().Text("Leaver rate").Number(0.2612, CellKind::kShare);
  table.Row().Text("Headcount").Number(9420, CellKind::kCount);
  EXPECT_EQ(table.Csv(), "indicator,baseline\nLeaver rate,0.2612\nHeadcount,9420\n");
  EXPECT_NE(table.Html().find("<td class=\"num\">26.1%</td>"), std::string::npos);
  EXPECT_NE(table.Html().find("<td class=\"num\">9,420</td>"), std::string::npos);
  EXPECT_TRUE(table.Json()[1]["baseline"].is_number_integer());
}

TEST(ReportTable, CsvKeepsTextThatLooksLikeAFormulaFromRunning) {
  ReportTable table("roles", "Roles",
                    {{"role", "Role", CellKind::kText}, {"gap_fte", "Gap", CellKind::kFte}, {"change", "Change", CellKind::kCount}});
  table.Row().Text(R"(=HYPERLINK("http://x","y"))").Number(-2.5).Number(-3);
  table.Row().Text("+44 1234").Number(0).Number(0);
  table.Row().Text("-1").Number(0).Number(0);
  table.Row().Text("@SUM(A1)").Number(0).Number(0);
  table.Row().Text("Nurse - registered").Number(0).Number(0);
  EXPECT_EQ(table.Csv(),
            "role,gap_fte,change\n"
            "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",-2.50,-3\n"
            "'+44 1234,0.00,0\n"
            "'-1,0.00,0\n"
            "'@SUM(A1),0.00,0\n"
            "Nurse - registered,0.00,0\n");
  // Only the CSV: HTML and JSON show the text as it is.
  EXPECT_EQ(table.Json()[0]["role"], R"(=HYPERLINK("http://x","y"))");
  EXPECT_EQ(CsvSafeText("=1+1"), "'=1+1");
  EXPECT_EQ(CsvSafeText("1+1"), "1+1");
}

TEST(Format, NumbersForPeople) {
  EXPECT_EQ(Count(1234567), "1,234,567");
  EXPECT_EQ(Count(-1234), "-1,234");
  EXPECT_EQ(Count(999), "999");
  EXPECT_EQ(Fte(8.05), "8.1");
  EXPECT_EQ(Fte(12345.67), "12,345.7");
  EXPECT_EQ(Money(-4000), "-£4,000");
  EXPECT_EQ(Percent(0.31578), "31.6%");
  EXPECT_EQ(Html("<a & b>"), "&lt;a &amp; b&gt;");
}

TEST(PolicyText, NamesTheLeastRegretPolicyOrEveryPolicyThatTies) {
  plan::PolicyMatrix matrix;
  matrix.policies = {plan::kNoNewPolicy, "Integrated worker", "Nurses"};
  matrix.worst_regret = {1500000.0, 0.0, 0.4};
  matrix.recommended = 1;
  matrix.least_regret = {1, 2};
  EXPECT_EQ(LeastRegretText(matrix), "Integrated worker and Nurses tie on the least worst-case regret (£0); the first is taken");
  matrix.least_regret = {0, 1, 2};
  EXPECT_EQ(LeastRegretText(matrix),
            "No new policy, Integrated worker and Nurses tie on the least worst-case regret (£0); the first is taken");
  matrix.least_regret = {1};
  matrix.worst_regret[1] = 250000.0;
  EXPECT_EQ(LeastRegretText(matrix), "Integrated worker: the least worst-case regret (£250,000)");
  matrix.worst_regret = {plan::kInfinity, plan::kInfinity, plan::kInfinity};
  EXPECT_EQ(LeastRegretText(matrix), "Integrated worker: the least worst-case regret (none is feasible in every future)");
}

}  // namespace
}  // namespace careforce::report
