#include "chemsafe/core/quantity.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

namespace chemsafe {
namespace {

using ::testing::HasSubstr;

TEST(ParseNumberTest, AcceptsSpreadsheetForms) {
  struct Case {
    const char* in;
    double out;
  };
  for (const Case& c : {Case{"12.5", 12.5}, Case{"1,200.5", 1200.5}, Case{"1 200", 1200}, Case{"+3", 3},
                        Case{"-2.5", -2.5}, Case{" 7 ", 7}, Case{"1,234,567", 1234567}, Case{".5", 0.5},
                        Case{"1e3", 1000}, Case{"１２．５", 12.5}, Case{"１，２００", 1200},
                        Case{"\u3000" "42", 42}}) {
    auto r = ParseNumber(c.in);
    ASSERT_TRUE(r.ok()) << c.in << ": " << r.status().ToString();
    EXPECT_DOUBLE_EQ(*r, c.out) << c.in;
  }
}

TEST(ParseNumberTest, RejectsWhatIsNotANumber) {
  for (const char* in : {"", "   ", "abc", "12a", "1,2", "1,2345", "12,34.5", "nan", "inf", "1..2", ".", "+",
                         "1e999", "十二"}) {
    EXPECT_FALSE(ParseNumber(in).ok()) << in;
  }
  EXPECT_THAT(ParseNumber("12a").status().message(), HasSubstr("\"a\""));
  EXPECT_THAT(ParseNumber("1,2").status().message(), HasSubstr("groups of three"));
  EXPECT_THAT(ParseNumber("").status().message(), HasSubstr("empty"));
}

// Property: an integer written with thousands separators (",", " " or "，") parses back to itself.
RC_GTEST_PROP(ParseNumberProperty, GroupedIntegersRoundTrip, ()) {
  const auto n = *rc::gen::inRange<long long>(0, 1'000'000'000'000LL);
  const auto sep = *rc::gen::element<std::string>(",", " ", "，");
  std::string digits = std::to_string(n);
  std::string grouped;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) grouped += sep;
    grouped += digits[i];
  }
  const auto r = ParseNumber(grouped);
  RC_ASSERT(r.ok());
  RC_ASSERT(*r == static_cast<double>(n));
}

TEST(ParseQuantityTest, MassesInTonnes) {
  struct Case {
    const char* in;
    double tonnes;
  };
  for (const Case& c : {Case{"12.5", 12.5}, Case{"12.5 t", 12.5}, Case{"12.5吨", 12.5}, Case{"12.5 T", 12.5},
                        Case{"800 kg", 0.8}, Case{"800千克", 0.8}, Case{"800公斤", 0.8}, Case{"1,200.5 t", 1200.5},
                        Case{"１２吨", 12}}) {
    auto r = ParseQuantity(c.in);
    ASSERT_TRUE(r.ok()) << c.in << ": " << r.status().ToString();
    ASSERT_TRUE(r->mass.has_value()) << c.in;
    EXPECT_FALSE(r->volume.has_value()) << c.in;
    EXPECT_DOUBLE_EQ(r->mass->value, c.tonnes) << c.in;
  }
  auto kg = ParseQuantity("800", MassUnit::kKilogram);
  ASSERT_TRUE(kg.ok());
  EXPECT_DOUBLE_EQ(kg->mass->value, 0.8);
}

TEST(ParseQuantityTest, VolumesInCubicMetres) {
  struct Case {
    const char* in;
    double m3;
  };
  for (const Case& c : {Case{"30 m³", 30}, Case{"30m3", 30}, Case{"30 M3", 30}, Case{"30立方米", 30},
                        Case{"500 L", 0.5}, Case{"500升", 0.5}, Case{"500 l", 0.5}}) {
    auto r = ParseQuantity(c.in);
    ASSERT_TRUE(r.ok()) << c.in << ": " << r.status().ToString();
    ASSERT_TRUE(r->volume.has_value()) << c.in;
    EXPECT_FALSE(r->mass.has_value()) << c.in;
    EXPECT_DOUBLE_EQ(r->volume->value, c.m3) << c.in;
  }
}

TEST(ParseQuantityTest, ErrorsNameTheProblem) {
  EXPECT_THAT(ParseQuantity("12 ounces").status().message(), HasSubstr("unknown unit \"ounces\""));
  EXPECT_THAT(ParseQuantity("-5 t").status().message(), HasSubstr("negative"));
  EXPECT_THAT(ParseQuantity("吨").status().message(), HasSubstr("no number"));
  EXPECT_THAT(ParseQuantity("").status().message(), HasSubstr("empty"));
  EXPECT_THAT(ParseQuantity("abc").status().message(), HasSubstr("abc"));
  EXPECT_FALSE(ParseQuantity("1,2 t").ok());
}

TEST(MassOfTest, MultipliesByDensity) {
  // 30 m³ of methanol at 0.7918 t/m³ (CRC Handbook, 20 °C) = 23.754 t.
  auto m = MassOf(CubicMetres{30}, DensityTPerM3{0.7918});
  ASSERT_TRUE(m.ok());
  EXPECT_NEAR(m->value, 23.754, 1e-12);
  EXPECT_FALSE(MassOf(CubicMetres{30}, DensityTPerM3{0}).ok());
  EXPECT_FALSE(MassOf(CubicMetres{30}, DensityTPerM3{-1}).ok());
}

}  // namespace
}  // namespace chemsafe
