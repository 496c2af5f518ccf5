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
