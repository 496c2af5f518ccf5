#include "chemsafe/catalogue/gb18218.h"

#include <gtest/gtest.h>

namespace chemsafe::catalogue {
namespace {

// A few rows transcribed from GB 18218-2018 (Tables 1, 3-6).
Gb18218Tables Sample() {
  Gb18218Tables t;
  t.table1 = {{12, "氯", {"液氯", "氯气"}, {"7782-50-5"}, 5},
              {43, "硝酸铵(含可燃物>0.2%,包括以碳计算的任何有机物,但不包括任何其他添加剂)", {}, {"6484-52-2"}, 5},
              {44, "硝酸铵(含可燃物≤0.2%)", {}, {"6484-52-2"}, 50},
              {13, "煤气(CO,CO和H₂、CH₄的混合物等)", {}, {}, 20}};
  t.table2 = {{"W5.1", "易燃液体", "类别1", 10, ""}};
  t.table3 = {{"氯", 4}};
  t.table4 = {{"W5.1", 1.5}};
  t.table5 = {{"100人以上", 100, std::nullopt, 2.0}, {"50~99人", 50, 99, 1.5}, {"30~49人", 30, 49, 1.2},
              {"1~29人", 1, 29, 1.0}, {"0人", 0, 0, 0.5}};
  t.table6 = {{1, "一级", 100.0, std::nullopt}, {2, "二级", 50.0, 100.0}, {3, "三级", 10.0, 50.0}, {4, "四级", std::nullopt, 10.0}};
  return t;
}

TEST(Gb18218Tables, Table1Lookups) {
  Gb18218Tables t = Sample();
  ASSERT_NE(t.Table1BySeq(12), nullptr);
  EXPECT_DOUBLE_EQ(t.Table1BySeq(12)->critical_quantity_t, 5);  // GB 18218-2018 Table 1 row 12
  EXPECT_EQ(t.Table1BySeq(99), nullptr);
  auto an = t.Table1ByCas("6484-52-2");
  ASSERT_EQ(an.size(), 2u);  // rows 43 and 44 stay distinct
  EXPECT_EQ(an[0]->seq, 43);
  EXPECT_EQ(an[1]->seq, 44);
  EXPECT_EQ(t.Table1ByName("液氯").size(), 1u);
  EXPECT_EQ(t.Table1ByName("煤气").size(), 1u);      // without its qualifier
  EXPECT_EQ(t.Table1ByName("硝酸铵").size(), 2u);
  EXPECT_TRUE(t.Table1ByName("氨").empty());
}

TEST(Gb18218Tables, BetaAlphaAndGrade) {
  Gb18218Tables t = Sample();
  EXPECT_EQ(t.BetaForToxicGas("氯"), 4.0);     // Table 3
  EXPECT_EQ(t.BetaForToxicGas("苯"), std::nullopt);
  EXPECT_EQ(t.BetaForCategory("W5.1"), 1.5);   // Table 4
  EXPECT_EQ(t.Table2BySymbol("W5.1")->critical_quantity_t, 10);
  EXPECT_EQ(t.AlphaForPopulation(0), 0.5);     // Table 5
  EXPECT_EQ(t.AlphaForPopulation(29), 1.0);
  EXPECT_EQ(t.AlphaForPopulation(30), 1.2);
  EXPECT_EQ(t.AlphaForPopulation(99), 1.5);
  EXPECT_EQ(t.AlphaForPopulation(100), 2.0);
  EXPECT_EQ(t.GradeForR(100), 1);              // Table 6: R >= 100 is grade 1
  EXPECT_EQ(t.GradeForR(99.9), 2);
  EXPECT_EQ(t.GradeForR(50), 2);
  EXPECT_EQ(t.GradeForR(10), 3);
  EXPECT_EQ(t.GradeForR(9.99), 4);
}

}  // namespace
}  // namespace chemsafe::catalogue
