// Random tokens: length and alphabet of base64url (RFC 4648 §5), the encoder against RFC 4648 §10's test
// vectors, and constant-time comparison.
#include "chemsafe/auth/token.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "chemsafe/auth/internal/base64url.h"

namespace chemsafe::auth {
namespace {

bool IsBase64Url(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

std::string Encode(std::string_view text) {
  const std::vector<std::uint8_t> bytes(text.begin(), text.end());
  return internal::Base64UrlNoPad(bytes);
}

TEST(Base64Url, MatchesRfc4648TestVectorsWithoutPadding) {
  // RFC 4648 §10 (BASE64("f") = "Zg==", ...), with the padding removed.
  EXPECT_EQ(Encode(""), "");
  EXPECT_EQ(Encode("f"), "Zg");
  EXPECT_EQ(Encode("fo"), "Zm8");
  EXPECT_EQ(Encode("foo"), "Zm9v");
  EXPECT_EQ(Encode("foob"), "Zm9vYg");
  EXPECT_EQ(Encode("fooba"), "Zm9vYmE");
  EXPECT_EQ(Encode("foobar"), "Zm9vYmFy");
}

TEST(Base64Url, UsesTheUrlSafeAlphabet) {
  // 0xFB 0xFF 0xBF is "+/+/" in base64 (RFC 4648 Table 1): '-' and '_' replace '+' and '/' (Table 2).
  const std::vector<std::uint8_t> bytes = {0xFB, 0xFF, 0xBF, 0x00, 0x00, 0x00};
  EXPECT_EQ(internal::Base64UrlNoPad(bytes), "-_-_AAAA");
}

TEST(RandomToken, Has256BitsIn43CharactersByDefault) {
  const std::string token = RandomToken();
  EXPECT_EQ(token.size(), 43u);  // ceil(32 * 4 / 3)
  for (char c : token) EXPECT_TRUE(IsBase64Url(c)) << token;
}

TEST(RandomToken, LengthFollowsTheByteCount) {
  EXPECT_EQ(RandomToken(16).size(), 22u);
  EXPECT_EQ(RandomToken(48).size(), 64u);
  EXPECT_EQ(RandomToken(33).size(), 44u);
}

TEST(RandomToken, NeverFewerThan128Bits) {
  EXPECT_EQ(RandomToken(0).size(), 22u);
  EXPECT_EQ(RandomToken(8).size(), 22u);
}

TEST(RandomToken, TwoTokensDiffer) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) seen.insert(RandomToken());
  EXPECT_EQ(seen.size(), 1000u);
}

TEST(RandomToken, UsesTheWholeAlphabet) {
  // 200 tokens draw 8400 full 6-bit symbols; each of the 64 is missing with probability (63/64)^8400 < 1e-57.
  std::set<char> symbols;
  for (int i = 0; i < 200; ++i) {
    for (char c : RandomToken()) symbols.insert(c);
  }
  EXPECT_EQ(symbols.size(), 64u);
  for (char c : symbols) EXPECT_TRUE(IsBase64Url(c)) << c;
}

TEST(ConstantTimeEquals, ComparesContentsAndLengths) {
  const std::string token = RandomToken();
  EXPECT_TRUE(ConstantTimeEquals(token, std::string(token)));
  std::string last = token;
  last.back() = last.back() == 'A' ? 'B' : 'A';
  EXPECT_FALSE(ConstantTimeEquals(token, last));
  std::string first = token;
  first.front() = first.front() == 'A' ? 'B' : 'A';
  EXPECT_FALSE(ConstantTimeEquals(token, first));
  EXPECT_FALSE(ConstantTimeEquals(token, token.substr(0, 42)));
  EXPECT_FALSE(ConstantTimeEquals(token, token + "A"));
  EXPECT_FALSE(ConstantTimeEquals("", token));
  EXPECT_TRUE(ConstantTimeEquals("", ""));
  EXPECT_TRUE(ConstantTimeEquals(std::string_view("a\0b", 3), std::string_view("a\0b", 3)));
  EXPECT_FALSE(ConstantTimeEquals(std::string_view("a\0b", 3), std::string_view("a\0c", 3)));
}

}  // namespace
}  // namespace chemsafe::auth
