#include "io/text.hpp"

#include <gtest/gtest.h>

namespace careforce::io {
namespace {

TEST(DecodeText, StripsAUtf8ByteOrderMark) {
  Diagnostics diagnostics;
  EXPECT_EQ(DecodeText(std::string("\xEF\xBB\xBF" "a,b\n"), Encoding::kUtf8, "f.csv", diagnostics), "a,b\n");
  EXPECT_FALSE(diagnostics.HasErrors());
}

TEST(DecodeText, ReportsInvalidUtf8OncePerLine) {
  Diagnostics diagnostics;
  DecodeText(std::string("ok\nbad \x96 and \x97\nfine \xC3\xA9\n\xE2\x82"), Encoding::kUtf8, "f.csv", diagnostics);
  ASSERT_EQ(diagnostics.all().size(), 2u);
  EXPECT_EQ(diagnostics.all()[0].where.line, 2);
  EXPECT_EQ(diagnostics.all()[0].where.column, 5);
  EXPECT_EQ(diagnostics.all()[1].where.line, 4);
}

TEST(DecodeText, RejectsOverlongAndSurrogateSequences) {
  Diagnostics overlong;
  DecodeText(std::string("\xC0\xAF"), Encoding::kUtf8, "f", overlong);
  EXPECT_TRUE(overlong.HasErrors());
  Diagnostics surrogate;
  DecodeText(std::string("\xED\xA0\x80"), Encoding::kUtf8, "f", surrogate);
  EXPECT_TRUE(surrogate.HasErrors());
}

TEST(DecodeText, ConvertsWindows1252) {
  Diagnostics diagnostics;
  const std::string text =
      DecodeText(std::string("Clinical Director \x96 Medical \x80 caf\xE9"), Encoding::kWindows1252, "f", diagnostics);
  EXPECT_EQ(text, "Clinical Director \xE2\x80\x93 Medical \xE2\x82\xAC caf\xC3\xA9");
  EXPECT_FALSE(diagnostics.HasErrors());
}

TEST(ClosestMatch, SuggestsLikelyTyposOnly) {
  const std::vector<std::string_view> codes = {"RN", "HCA", "CW", "nhs_community"};
  EXPECT_EQ(ClosestMatch("RNN", codes), std::optional<std::string_view>("RN"));
  EXPECT_EQ(ClosestMatch("nhs_comunity", codes), std::optional<std::string_view>("nhs_community"));
  EXPECT_EQ(ClosestMatch("hca", codes), std::optional<std::string_view>("HCA"));
  EXPECT_EQ(ClosestMatch("XYZ", codes), std::nullopt);
  EXPECT_EQ(ClosestMatch("RN", codes), std::nullopt);  // exact: nothing to suggest
}

TEST(ClosestMatch, CountsTwoSwappedLettersAsOneEdit) {
  const std::vector<std::string_view> commands = {"validate", "profile", "plan", "supply", "synth"};
  EXPECT_EQ(ClosestMatch("plna", commands), std::optional<std::string_view>("plan"));
  EXPECT_EQ(ClosestMatch("suplpy", commands), std::optional<std::string_view>("supply"));
  EXPECT_EQ(ClosestMatch("lpna", commands), std::nullopt);  // two swaps in four letters: too far
}

TEST(CharacterColumn, CountsCharactersNotBytes) {
  EXPECT_EQ(CharacterColumn("ab", 0), 1);
  EXPECT_EQ(CharacterColumn("\xC3\xA9x", 2), 2);
}

TEST(Sha256Hex, MatchesTheStandardVector) {
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

}  // namespace
}  // namespace careforce::io
