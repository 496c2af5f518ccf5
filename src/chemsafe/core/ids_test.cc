#include "chemsafe/core/ids.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

namespace chemsafe {
namespace {

using ::testing::HasSubstr;

// Issue 2 acceptance value.
TEST(UsccTest, AcceptsTheIssueExample) {
  auto r = Uscc::Parse("91350100M000100Y43");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->str(), "91350100M000100Y43");
}

TEST(UsccTest, RejectsAChangedCheckCharacterAndSaysWhatWasExpected) {
  auto r = Uscc::Parse("91350100M000100Y44");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(r.status().message(), HasSubstr("expected '3', got '4'"));
}

// Codes printed on published business licences (National Enterprise Credit Information Publicity
// System): an independent check of the weights, as a random 18th character passes with p = 1/31 only.
TEST(UsccTest, AcceptsPublishedCodes) {
  for (const char* code : {"91330100799655058B", "91440300708461136T", "91110000710925462X", "914403001922038216"}) {
    EXPECT_TRUE(Uscc::Parse(code).ok()) << code;
  }
}

TEST(UsccTest, NormalisesCaseAndSpaces) {
  auto r = Uscc::Parse("  91330100799655058b ");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->str(), "91330100799655058B");
}

TEST(UsccTest, NamesTheProblem) {
  EXPECT_THAT(Uscc::Parse("9135010").status().message(), HasSubstr("18 characters"));
  EXPECT_THAT(Uscc::Parse("").status().message(), HasSubstr("empty"));
  // 'O' at position 9 is not in the GB 32100-2015 alphabet.
  auto r = Uscc::Parse("91350100O000100Y43");
  EXPECT_THAT(r.status().message(), HasSubstr("position 9"));
  EXPECT_THAT(r.status().message(), HasSubstr("'O'"));
  for (char c : {'I', 'O', 'Z', 'S', 'V'}) {
    std::string code = "91350100M000100Y43";
    code[3] = c;
    EXPECT_FALSE(Uscc::Parse(code).ok()) << c;
  }
}

TEST(UsccTest, CheckCharacterForGenerators) {
  auto c = Uscc::CheckCharacter("91350100M000100Y4");
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(*c, '3');
  EXPECT_FALSE(Uscc::CheckCharacter("91350100M000100Y").ok());
  EXPECT_FALSE(Uscc::CheckCharacter("91350100M00010OY4").ok());
}

// Property: any 17 characters of the alphabet plus their computed check character parse, and every
// other 18th character is rejected (the check detects all single-character substitutions at position 18).
RC_GTEST_PROP(UsccProperty, ComputedCheckCharacterIsTheOnlyValidOne, ()) {
  static constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  const auto indexes = *rc::gen::container<std::vector<int>>(17, rc::gen::inRange(0, 31));
  std::string first17;
  for (int i : indexes) first17.push_back(kAlphabet[static_cast<size_t>(i)]);
  const auto check = Uscc::CheckCharacter(first17);
  RC_ASSERT(check.ok());
  for (char c : kAlphabet) {
    RC_ASSERT(Uscc::Parse(first17 + c).ok() == (c == *check));
  }
}

// CAS, "Check Digit Verification of CAS Registry Numbers": 7732-18-5 (water) is CAS's worked example;
// 7782-50-5 chlorine, 7664-41-7 ammonia, 67-56-1 methanol, 68476-85-7 LPG.
TEST(CasTest, AcceptsValidNumbers) {
  for (const char* cas : {"7732-18-5", "7782-50-5", "7664-41-7", "67-56-1", "68476-85-7", "1333-74-0"}) {
    auto r = Cas::Parse(cas);
    EXPECT_TRUE(r.ok()) << cas << ": " << r.status().ToString();
  }
}

TEST(CasTest, RejectsWrongCheckDigit) {
  auto r = Cas::Parse("7782-50-6");
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.status().message(), HasSubstr("check digit expected 5, got 6"));
}

TEST(CasTest, RejectsMalformed) {
  EXPECT_FALSE(Cas::Parse("778250-5").ok());
  EXPECT_FALSE(Cas::Parse("7782-5-5").ok());
  EXPECT_FALSE(Cas::Parse("7-50-5").ok());
  EXPECT_FALSE(Cas::Parse("7782-50-5a").ok());
  EXPECT_FALSE(Cas::Parse("12345678-50-5").ok());
  EXPECT_FALSE(Cas::Parse("").ok());
}

TEST(UnNumberTest, ParsesWithAndWithoutPrefix) {
  auto a = UnNumber::Parse("1005");
  auto b = UnNumber::Parse("UN1005");
  auto c = UnNumber::Parse("un 1017");
  ASSERT_TRUE(a.ok() && b.ok() && c.ok());
  EXPECT_EQ(a->value(), 1005);
  EXPECT_EQ(*a, *b);
  EXPECT_EQ(c->str(), "1017");
  EXPECT_EQ(UnNumber::Parse("0004")->str(), "0004");
}

TEST(UnNumberTest, RejectsBadNumbers) {
  EXPECT_FALSE(UnNumber::Parse("105").ok());
  EXPECT_FALSE(UnNumber::Parse("10055").ok());
  EXPECT_FALSE(UnNumber::Parse("UN").ok());
  EXPECT_FALSE(UnNumber::Parse("0000").ok());
  EXPECT_FALSE(UnNumber::Parse("3600").ok());
  EXPECT_FALSE(UnNumber::Parse("1O05").ok());
}

DivisionTable SmallTable() {
  DivisionTable t;
  t.Add({"44", "广东省", "", 1});
  t.Add({"4403", "深圳市", "44", 2});
  t.Add({"440305", "南山区", "4403", 3});
  t.Add({"440305001", "南头街道", "440305", 4});
  t.Add({"4419", "东莞市", "44", 2});
  t.Add({"441900", "东莞市", "4419", 3});
  t.Add({"11", "北京市", "", 1});
  t.Add({"1101", "市辖区", "11", 2});
  t.Add({"110101", "东城区", "1101", 3});
  return t;
}

TEST(DivisionTableTest, FindsChildrenAndFullNames) {
  DivisionTable t = SmallTable();
  EXPECT_EQ(t.size(), 9u);
  ASSERT_NE(t.Find("440305"), nullptr);
  EXPECT_EQ(t.Find("440305")->name, "南山区");
  EXPECT_EQ(t.Find("440306"), nullptr);
  auto kids = t.Children("44");
  ASSERT_EQ(kids.size(), 2u);
  EXPECT_EQ(kids[0]->code, "4403");
  EXPECT_EQ(t.FullName("440305001"), "广东省深圳市南山区南头街道");
  EXPECT_EQ(t.FullName("110101"), "北京市东城区");
  EXPECT_EQ(t.FullName("441900"), "广东省东莞市");
}

TEST(DivisionCodeTest, ParsesNaturalAndPaddedForms) {
  DivisionTable t = SmallTable();
  struct Case {
    const char* in;
    const char* out;
    int level;
  };
  for (const Case& c : {Case{"44", "44", 1}, Case{"4403", "4403", 2}, Case{"440305", "440305", 3},
                        Case{"440305001", "440305001", 4}, Case{"440300", "4403", 2}, Case{"440000", "44", 1},
                        Case{"440305000000", "440305", 3}, Case{"440305001000", "440305001", 4},
                        Case{"440300000000", "4403", 2}, Case{"441900", "441900", 3}}) {
    auto r = DivisionCode::Parse(c.in, t);
    ASSERT_TRUE(r.ok()) << c.in << ": " << r.status().ToString();
    EXPECT_EQ(r->str(), c.out) << c.in;
    EXPECT_EQ(r->level(), c.level) << c.in;
  }
}

TEST(DivisionCodeTest, RejectsUnknownAndMalformed) {
  DivisionTable t = SmallTable();
  EXPECT_THAT(DivisionCode::Parse("440306", t).status().message(), HasSubstr("does not exist"));
  EXPECT_THAT(DivisionCode::Parse("4403a5", t).status().message(), HasSubstr("only digits"));
  EXPECT_THAT(DivisionCode::Parse("44030", t).status().message(), HasSubstr("2, 4, 6, 9 or 12 digits"));
  EXPECT_THAT(DivisionCode::Parse("440305001002", t).status().message(), HasSubstr("village"));
  EXPECT_FALSE(DivisionCode::Parse("", t).ok());
}

TEST(DivisionCodeTest, IsWithin) {
  DivisionTable t = SmallTable();
  auto nanshan = *DivisionCode::Parse("440305", t);
  auto shenzhen = *DivisionCode::Parse("4403", t);
  auto dongguan = *DivisionCode::Parse("4419", t);
  EXPECT_TRUE(nanshan.IsWithin(shenzhen));
  EXPECT_TRUE(nanshan.IsWithin(nanshan));
  EXPECT_FALSE(shenzhen.IsWithin(nanshan));
  EXPECT_FALSE(nanshan.IsWithin(dongguan));
}

}  // namespace
}  // namespace chemsafe
