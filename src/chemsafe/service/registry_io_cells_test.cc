#include "chemsafe/service/registry_io_cells.h"

#include <gtest/gtest.h>

#include "chemsafe/service/registry_io_columns.h"

namespace chemsafe::service::io {
namespace {

TEST(CellsTest, SplitsListsOnChineseAndAsciiSeparators) {
  std::vector<std::string_view> items;
  SplitList("储存、经营， 使用;运输；", items);
  EXPECT_EQ(items, (std::vector<std::string_view>{"储存", "经营", "使用", "运输"}));
  SplitParallel("A, B; C", items);
  EXPECT_EQ(items, (std::vector<std::string_view>{"A, B", "C"}));
}

TEST(CellsTest, NumbersWithUnits) {
  EXPECT_DOUBLE_EQ(*ParseNumberWithUnit("1.6 MPa", {{"MPa", 1}, {"kPa", 0.001}}), 1.6);
  EXPECT_DOUBLE_EQ(*ParseNumberWithUnit("250kPa", {{"MPa", 1}, {"kPa", 0.001}}), 0.25);
  EXPECT_DOUBLE_EQ(*ParseNumberWithUnit("−20 ℃", {{"℃", 1}}), -20);
  EXPECT_FALSE(ParseNumberWithUnit("abc", {{"℃", 1}}).ok());
}

// The short ways must give exactly what the general parsers give, and decline what they cannot
// read. Every string of up to 5 characters over an alphabet of digits, '.', ',', ' ', '-', 'e' and
// unit letters, then every such number followed by each unit spelling.
TEST(CellsTest, PlainNumbersAndMassesReadAsTheGeneralParsersReadThem) {
  const std::string alphabet = "0159.,- e";
  std::vector<std::string> texts = {""};
  for (int len = 1; len <= 5; ++len) {
    std::vector<std::string> longer;
    for (const auto& t : texts) {
      if (static_cast<int>(t.size()) != len - 1) continue;
      for (char c : alphabet) longer.push_back(t + c);
    }
    texts.insert(texts.end(), longer.begin(), longer.end());
  }
  texts.push_back("123456789012345678901234567890");   // 30 digits: the longest plain number
  texts.push_back("1234567890123456789012345678901");  // 31: left to ParseNumber
  texts.push_back("0.1000000000000000055511151231257827");
  int plain = 0;
  for (const auto& t : texts) {
    auto fast = PlainNumber(t);
    auto general = ParseNumber(t);
    if (fast) {
      ++plain;
      ASSERT_TRUE(general.ok()) << "\"" << t << "\"";
      EXPECT_EQ(*fast, *general) << "\"" << t << "\"";
    }
    for (std::string_view unit : {"", "t", " t", "  吨", "tonne", "tonnes", "公吨", "kg", " 千克", "公斤", "T", "KG",
                                  " kg ", "m3", "升", "t t", "e", "e5"}) {
      const std::string q = t + std::string(unit);
      for (MassUnit d : {MassUnit::kTonne, MassUnit::kKilogram}) {
        auto fast_mass = PlainMassTonnes(q, d);
        if (!fast_mass) continue;
        auto parsed = ParseQuantity(q, d);
        ASSERT_TRUE(parsed.ok() && parsed->mass.has_value()) << "\"" << q << "\"";
        EXPECT_EQ(*fast_mass, parsed->mass->value) << "\"" << q << "\"";
      }
    }
  }
  EXPECT_GT(plain, 1000);  // the sweep reaches the short way
  EXPECT_FALSE(PlainNumber("1,234.5").has_value());
  EXPECT_FALSE(PlainNumber("-3").has_value());
  EXPECT_FALSE(PlainNumber("5.").has_value());
  EXPECT_FALSE(PlainNumber(".5").has_value());
  EXPECT_FALSE(PlainNumber("１２").has_value());  // full-width digits: ParseNumber narrows them
  EXPECT_EQ(*PlainMassTonnes("3475300 kg", MassUnit::kTonne), 3475.3);
  EXPECT_EQ(*PlainMassTonnes("2263.2 吨", MassUnit::kKilogram), 2263.2);
  EXPECT_EQ(*PlainMassTonnes("800", MassUnit::kKilogram), 0.8);
  EXPECT_FALSE(PlainMassTonnes("30 m³", MassUnit::kTonne).has_value());
}

TEST(CellsTest, DatesAsUsersTypeThem) {
  EXPECT_EQ(*ParseDateCell("2024-05-01"), "2024-05-01");
  EXPECT_EQ(*ParseDateCell("2024/5/1"), "2024-05-01");
  EXPECT_EQ(*ParseDateCell("2024年5月1日"), "2024-05-01");
  EXPECT_EQ(*ParseDateCell("45292"), "2024-01-01");  // Excel serial, see tabular's ExcelSerialTest
  EXPECT_FALSE(ParseDateCell("May 1").ok());
}

TEST(CellsTest, WktPolygonRoundTrips) {
  auto p = ParseWktPolygon("polygon (( 113.1 22.1, 113.2 22.1,113.2 22.2, 113.1 22.1 ), (113.15 22.12, 113.16 22.12, 113.16 22.13, 113.15 22.12))");
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  ASSERT_EQ(p->rings.size(), 2u);
  EXPECT_EQ(p->rings[0].size(), 4u);
  EXPECT_EQ(p->rings[1][0], (LonLat{113.15, 22.12}));
  auto again = ParseWktPolygon(WktPolygon(*p));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->rings, p->rings);
  EXPECT_FALSE(ParseWktPolygon("POINT(1 2)").ok());
  EXPECT_FALSE(ParseWktPolygon("POLYGON((1 2, 3))").ok());
}

TEST(ColumnsTest, HeadersNormalizeWithUnitHints) {
  std::string hint;
  EXPECT_EQ(NormalizeHeader(" 设计最大量（kg）* ", &hint), "设计最大量");
  EXPECT_EQ(hint, "kg");
  EXPECT_EQ(NormalizeHeader("CAS No", nullptr), "casno");
  EXPECT_EQ(NormalizeHeader("Legal_Representative", nullptr), "legalrepresentative");
}

}  // namespace
}  // namespace chemsafe::service::io
