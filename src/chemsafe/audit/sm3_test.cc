// SM3 against the examples of GB/T 32905-2016 Appendix A (A.1: "abc"; A.2: "abcd" repeated 16 times, 512
// bits, so the padding takes a second block).
#include "chemsafe/audit/sm3.h"

#include <gtest/gtest.h>

#include <string>

namespace chemsafe::audit {
namespace {

std::string Repeat(std::string_view text, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) out += text;
  return out;
}

TEST(Sm3, MatchesGbT32905AppendixA1) {
  EXPECT_EQ(Sm3Hex("abc"), "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
}

TEST(Sm3, MatchesGbT32905AppendixA2) {
  const std::string message = Repeat("abcd", 16);
  ASSERT_EQ(message.size(), 64u);
  EXPECT_EQ(Sm3Hex(message), "debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732");
}

TEST(Sm3, BytesAndHexAgree) {
  const std::array<std::uint8_t, 32> digest = Sm3("abc");
  EXPECT_EQ(digest[0], 0x66);
  EXPECT_EQ(digest[1], 0xc7);
  EXPECT_EQ(digest[31], 0xe0);
}

TEST(Sm3, HashesEveryByteIncludingNul) {
  const std::string_view with_nul("abc\0", 4);
  EXPECT_NE(Sm3Hex(with_nul), Sm3Hex("abc"));
  EXPECT_EQ(Sm3Hex(with_nul).size(), 64u);
  // Long input spanning many 64-byte blocks, hashed twice to the same digest.
  const std::string long_input = Repeat("危险化学品", 10000);
  EXPECT_EQ(Sm3Hex(long_input), Sm3Hex(long_input));
  EXPECT_NE(Sm3Hex(long_input), Sm3Hex(long_input.substr(1)));
}

}  // namespace
}  // namespace chemsafe::audit
