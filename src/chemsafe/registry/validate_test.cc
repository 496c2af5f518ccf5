#include "chemsafe/registry/validate.h"

#include <algorithm>

#include <gtest/gtest.h>

namespace chemsafe::registry {
namespace {

bool HasField(const std::vector<FieldProblem>& problems, std::string_view field) {
  return std::any_of(problems.begin(), problems.end(), [&](const FieldProblem& p) { return p.field == field; });
}

DivisionTable Divisions() {
  DivisionTable t;
  t.Add({"44", "广东省", "", 1});
  t.Add({"4403", "深圳市", "44", 2});
  t.Add({"440305", "南山区", "4403", 3});
  return t;
}

Enterprise GoodEnterprise() {
  Enterprise e;
  e.uscc = "91350100M000100Y43";  // valid example of the acceptance list
  e.name = "深圳某化工有限公司";
  e.division_code = "440305";
  e.location = LonLat{113.93, 22.53};
  e.activities = {Activity::kStorage};
  return e;
}

TEST(ValidateEnterpriseTest, GoodRecordHasNoProblem) {
  std::vector<FieldProblem> out;
  ValidateEnterprise(GoodEnterprise(), Divisions(), out);
  EXPECT_TRUE(out.empty()) << out[0].field << ": " << out[0].message;
}

TEST(ValidateEnterpriseTest, ReportsEveryProblemOfTheRecord) {
  Enterprise e = GoodEnterprise();
  e.uscc = "91350100M000100Y44";  // check character changed
  e.division_code = "4403";       // a city, not a county
  e.location = LonLat{2.35, 48.85};  // Paris
  e.activities.clear();
  e.licences.push_back({"危险化学品经营许可证", "粤深危化经字[2024]001", "2024-05-01", "2021-04-30"});
  std::vector<FieldProblem> out;
  ValidateEnterprise(e, Divisions(), out);
  EXPECT_TRUE(HasField(out, "uscc"));
  EXPECT_TRUE(HasField(out, "division_code"));
  EXPECT_TRUE(HasField(out, "location"));
  EXPECT_TRUE(HasField(out, "activities"));
  EXPECT_TRUE(HasField(out, "licences"));
  EXPECT_EQ(out.size(), 5u);
}

TEST(ValidateHoldingTest, QuantitiesMustBePositiveAndConsistent) {
  Holding h;
  h.enterprise_uscc = "91350100M000100Y43";
  h.unit_code = "T1";
  h.chemical_key = "7782-50-5";
  h.max_quantity_t = -5;
  h.typical_quantity_t = -1;
  h.gb18218_category = "W12";
  std::vector<FieldProblem> out;
  ValidateHolding(h, out);
  EXPECT_TRUE(HasField(out, "max_quantity_t"));
  EXPECT_TRUE(HasField(out, "typical_quantity_t"));
  EXPECT_TRUE(HasField(out, "gb18218_category"));

  out.clear();
  h.max_quantity_t.reset();
  h.typical_quantity_t.reset();
  h.gb18218_category = "W5.3";
  h.max_volume_m3 = 30;
  ValidateHolding(h, out);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].field, "density_t_m3");

  out.clear();
  h.density_t_m3 = 0.79;
  h.typical_quantity_t = 10;
  ValidateHolding(h, out);
  EXPECT_TRUE(out.empty());
}

TEST(ValidateHoldingTest, TypicalAboveMaximumIsRefused) {
  Holding h;
  h.enterprise_uscc = "91350100M000100Y43";
  h.unit_code = "T1";
  h.chemical_key = "67-56-1";
  h.max_quantity_t = 10;
  h.typical_quantity_t = 12;
  std::vector<FieldProblem> out;
  ValidateHolding(h, out);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].field, "typical_quantity_t");
}

TEST(ValidateUnitTest, OpenBoundaryRingIsRefused) {
  Unit u;
  u.enterprise_uscc = "91350100M000100Y43";
  u.code = "T1";
  u.name = "罐区";
  u.boundary = Polygon{{{{113.0, 22.0}, {113.1, 22.0}, {113.1, 22.1}}}};
  std::vector<FieldProblem> out;
  ValidateUnit(u, out);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].field, "boundary");
}

TEST(ValidateTest, Gb18218CategoriesAreTable2Symbols) {
  EXPECT_TRUE(IsGb18218Category("J1"));
  EXPECT_TRUE(IsGb18218Category("W5.4"));
  EXPECT_TRUE(IsGb18218Category("W11"));
  EXPECT_FALSE(IsGb18218Category("W5"));
  EXPECT_FALSE(IsGb18218Category("H1"));
}

TEST(SameContentTest, IgnoresIdsButNotData) {
  Enterprise a = GoodEnterprise(), b = GoodEnterprise();
  b.id = 42;
  EXPECT_TRUE(SameContent(a, b));
  b.address = "南山区某路1号";
  EXPECT_FALSE(SameContent(a, b));
}

}  // namespace
}  // namespace chemsafe::registry
