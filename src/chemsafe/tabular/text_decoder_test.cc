#include "chemsafe/tabular/internal/text_decoder.h"

#include <gtest/gtest.h>

namespace chemsafe::tabular::internal {
namespace {

TEST(ValidUtf8PrefixTest, AcceptsAsciiAndChinese) {
  bool incomplete = true;
  std::string s = "abc 氯气 Cl₂";
  EXPECT_EQ(ValidUtf8Prefix(s, &incomplete), s.size());
  EXPECT_FALSE(incomplete);
}

TEST(ValidUtf8PrefixTest, StopsAtInvalidAndReportsCutSequence) {
  bool incomplete = false;
  // "中" is E4 B8 AD; cut after two bytes.
  EXPECT_EQ(ValidUtf8Prefix("ab\xE4\xB8", &incomplete), 2u);
  EXPECT_TRUE(incomplete);
  // GBK "中" is D6 D0: D0 is not a continuation byte.
  EXPECT_EQ(ValidUtf8Prefix("ab\xD6\xD0", &incomplete), 2u);
  EXPECT_FALSE(incomplete);
  // Overlong "/" (C0 AF) and a UTF-16 surrogate (ED A0 80) are not UTF-8 (RFC 3629 §3, §10).
  EXPECT_EQ(ValidUtf8Prefix("\xC0\xAF", &incomplete), 0u);
  EXPECT_EQ(ValidUtf8Prefix("\xED\xA0\x80", &incomplete), 0u);
}

TEST(TextDecoderTest, KeepsSequenceCutBetweenBlocks) {
  TextDecoder d("f.csv");
  std::string out;
  ASSERT_TRUE(d.Decode("a,\xE4\xB8", false, out).ok());
  ASSERT_TRUE(d.Decode("\xAD\n", true, out).ok());
  EXPECT_EQ(out, "a,中\n");
  EXPECT_EQ(d.encoding(), "UTF-8");
}

TEST(TextDecoderTest, ConvertsGbkCutBetweenBlocks) {
  TextDecoder d("f.csv");
  std::string out;
  // GBK: 中 = D6 D0, 国 = B9 FA.
  ASSERT_TRUE(d.Decode("x\n\xD6\xD0\xB9", false, out).ok());
  ASSERT_TRUE(d.Decode("\xFA\n", true, out).ok());
  EXPECT_EQ(out, "x\n中国\n");
  EXPECT_EQ(d.encoding(), "GB18030");
}

TEST(TextDecoderTest, RefusesUtf16WithAdvice) {
  TextDecoder d("f.csv");
  std::string out;
  Status s = d.Decode(std::string("\xFF\xFE" "a\0", 4), true, out);
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(s.message().find("f.csv:1: the file is UTF-16"), std::string::npos) << s.message();
}

TEST(TextDecoderTest, RefusesMixedEncodingNamingTheLine) {
  TextDecoder d("f.csv");
  std::string out;
  // Four UTF-8 characters fix the encoding; a GBK character on line 3 is then refused.
  Status s = d.Decode("氯气,甲醇\nb\n\xD6\xD0\n", true, out);
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(s.message().find("f.csv:3: the text is not valid UTF-8"), std::string::npos) << s.message();
}

}  // namespace
}  // namespace chemsafe::tabular::internal
