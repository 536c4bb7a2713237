#include "io/csv.hpp"

#include <gtest/gtest.h>

namespace careforce::io {
namespace {

std::vector<std::vector<std::string>> ReadAll(std::string_view text, Diagnostics& diagnostics) {
  CsvReader reader(text, "f.csv", diagnostics);
  std::vector<std::vector<std::string>> records;
  while (reader.Next()) {
    auto& record = records.emplace_back();
    for (std::size_t idx = 0; idx < reader.size(); ++idx) record.emplace_back(reader[idx]);
  }
  return records;
}

TEST(CsvReader, SplitsPlainFields) {
  Diagnostics diagnostics;
  const auto records = ReadAll("a,b,c\n1,,3\n", diagnostics);
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[1], (std::vector<std::string>{"1", "", "3"}));
  EXPECT_FALSE(diagnostics.HasErrors());
}

TEST(CsvReader, HandlesQuotedCommasQuotesAndLineBreaks) {
  Diagnostics diagnostics;
  const auto records = ReadAll("code,name\nX,\"Elm, \"\"The Elms\"\"\nHouse\"\nY,plain\n", diagnostics);
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[1][1], "Elm, \"The Elms\"\nHouse");
  EXPECT_EQ(records[2][0], "Y");
  EXPECT_FALSE(diagnostics.HasErrors());
}

TEST(CsvReader, AcceptsCrlfAndSkipsBlankLines) {
  Diagnostics diagnostics;
  const auto records = ReadAll("a,b\r\n1,2\r\n\r\n3,\"4\"\r\n", diagnostics);
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[1], (std::vector<std::string>{"1", "2"}));
  EXPECT_EQ(records[2], (std::vector<std::string>{"3", "4"}));
}

TEST(CsvReader, LastRecordWithoutLineEnd) {
  Diagnostics diagnostics;
  const auto records = ReadAll("a,b\n1,2", diagnostics);
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[1][1], "2");
}

TEST(CsvReader, LocatesFieldsAfterQuotedLineBreaksInCharacters) {
  Diagnostics diagnostics;
  CsvReader reader("h1,h2,h3\n\"x\ny\",é,z\nq,r,s\n", "f.csv", diagnostics);
  ASSERT_TRUE(reader.Next());
  ASSERT_TRUE(reader.Next());
  EXPECT_EQ(reader.line(), 2);
  const Location third = reader.At(2);
  EXPECT_EQ(third.line, 3);
  EXPECT_EQ(third.column, 6);  // y", é, then z: 'é' counts as one character
  ASSERT_TRUE(reader.Next());
  EXPECT_EQ(reader.line(), 4);
}

TEST(CsvReader, ReportsAnUnclosedQuote) {
  Diagnostics diagnostics;
  ReadAll("a,b\n1,\"open\n", diagnostics);
  ASSERT_EQ(diagnostics.all().size(), 1u);
  EXPECT_EQ(diagnostics.all()[0].Format(),
            "f.csv:2:3: error: quoted field is never closed, expected a closing double quote");
}

TEST(CsvReader, ReportsTextAfterAClosingQuote) {
  Diagnostics diagnostics;
  const auto records = ReadAll("a,b\n\"x\"y,2\n", diagnostics);
  ASSERT_EQ(diagnostics.all().size(), 1u);
  EXPECT_EQ(diagnostics.all()[0].Format(),
            "f.csv:2:4: error: text after the closing quote of a field, expected a comma or the end of the line");
  EXPECT_EQ(records[1][1], "2");
}

TEST(CsvReader, CountsLinesBeyondTwoToTheThirtyFirst) {
  // A reader handed back past line 2^31 (as the fast paths do) keeps counting in 64 bits.
  Diagnostics diagnostics;
  CsvReader reader("a,\"b\nc\",d\nx\n", "f.csv", diagnostics);
  constexpr int64_t kLine = int64_t{3'000'000'000};
  reader.Seek(0, kLine);
  ASSERT_TRUE(reader.Next());
  EXPECT_EQ(reader.line(), kLine);
  const Location after_break = reader.At(2);
  EXPECT_EQ(after_break.line, kLine + 1);
  EXPECT_EQ(after_break.column, 4);
  diagnostics.Error(after_break, "what, expected what");
  EXPECT_EQ(diagnostics.all()[0].Format(), "f.csv:3000000001:4: error: what, expected what");
  ASSERT_TRUE(reader.Next());
  EXPECT_EQ(reader.line(), kLine + 2);
  EXPECT_EQ(reader.next_line(), kLine + 3);
}

TEST(CsvWriter, QuotesOnlyWhereNeeded) {
  std::string out;
  CsvWriter writer(out);
  writer.Field("plain").Field("a,b").Field("say \"hi\"").Field(1.23456, 2).Field(42LL);
  writer.EndRow();
  EXPECT_EQ(out, "plain,\"a,b\",\"say \"\"hi\"\"\",1.23,42\n");
}

}  // namespace
}  // namespace careforce::io
