#include "chemsafe/catalogue/catalogue.h"

#include <gtest/gtest.h>

namespace chemsafe::catalogue {
namespace {

Chemical Make(std::string key, int entry_no, std::string name, std::vector<std::string> cas,
              std::vector<std::string> aliases = {}, std::string en = {}, std::vector<std::string> un = {}) {
  Chemical c;
  c.key = std::move(key);
  c.entry_no = entry_no;
  c.name_zh = std::move(name);
  c.cas_numbers = std::move(cas);
  c.aliases = std::move(aliases);
  c.name_en = std::move(en);
  c.un_numbers = std::move(un);
  c.listed = entry_no > 0;
  return c;
}

class CatalogueTest : public ::testing::Test {
 protected:
  void SetUp() override {
    cat_.Add(Make("7782-50-5", 1381, "氯", {"7782-50-5"}, {"液氯", "氯气"}, "chlorine", {"1017"}));
    cat_.Add(Make("7647-01-0", 1475, "氯化氢[无水]", {"7647-01-0"}, {}, "hydrogen chloride, anhydrous", {"1050"}));
    cat_.Add(Make("盐酸", 2507, "盐酸", {"7647-01-0"}, {"氢氯酸"}, "hydrochloric acid", {"1789"}));
    cat_.Add(Make("6484-52-2", 2286, "硝酸铵[含可燃物＞0.2%,包括以碳计算的任何有机物,但不包括任何其它添加剂]",
                  {"6484-52-2"}, {}, "ammonium nitrate", {"0222", "1942"}));
    cat_.Add(Make("硝酸铵肥料[比硝酸铵(含可燃物＞0.2%,包括以碳计算的任何有机物,但不包括任何其它添加剂)更易爆炸]", 2287,
                  "硝酸铵肥料[比硝酸铵(含可燃物＞0.2%,包括以碳计算的任何有机物,但不包括任何其它添加剂)更易爆炸]", {}));
    cat_.Add(Make("煤气", 1570, "煤气", {}));
    Chemical gasoline = Make("86290-81-5", 1630, "汽油", {"86290-81-5"}, {}, "gasoline", {"1203"});
    gasoline.sub_entries.push_back({"乙醇汽油", {}, "ethanol gasoline", {}, {}});
    cat_.Add(std::move(gasoline));
  }
  Catalogue cat_;
};

TEST_F(CatalogueTest, FindByKeyCasAndName) {
  ASSERT_EQ(cat_.size(), 7u);
  EXPECT_EQ(cat_.FindByKey("7782-50-5")->name_zh, "氯");
  EXPECT_EQ(cat_.FindByKey("煤气")->entry_no, 1570);
  EXPECT_EQ(cat_.FindByKey("7782-50-6"), nullptr);
  EXPECT_EQ(cat_.FindByCas("7647-01-0")->entry_no, 1475);  // the key holder
  EXPECT_EQ(cat_.FindAllByCas("7647-01-0").size(), 2u);
  EXPECT_EQ(cat_.FindByName("液氯")->key, "7782-50-5");
  EXPECT_EQ(cat_.FindByName("氯")->key, "7782-50-5");
  EXPECT_EQ(cat_.FindByName("盐酸")->key, "盐酸");
  EXPECT_EQ(cat_.FindByName("硝酸铵")->key, "6484-52-2");  // the only one with that base name
  EXPECT_EQ(cat_.FindByName("氯化氢")->key, "7647-01-0");
  EXPECT_EQ(cat_.FindByName("氯化氢（无水）")->key, "7647-01-0");  // bracket style does not matter
  EXPECT_EQ(cat_.FindByName("不存在"), nullptr);
  EXPECT_EQ(cat_.FindByName(""), nullptr);
}

TEST_F(CatalogueTest, FindByCasAndUnNumber) {
  auto r = cat_.Find("7782-50-5");
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0]->name_zh, "氯");
  EXPECT_EQ(cat_.Find("UN1017").at(0)->name_zh, "氯");
  EXPECT_EQ(cat_.Find("1017").at(0)->name_zh, "氯");
  EXPECT_EQ(cat_.Find("un1017").at(0)->name_zh, "氯");
  EXPECT_EQ(cat_.Find("UN 1017").at(0)->name_zh, "氯");
  EXPECT_EQ(cat_.Find("ＵＮ１０１７").at(0)->name_zh, "氯");  // full-width forms
  EXPECT_TRUE(cat_.Find("UN9999").empty());
  EXPECT_EQ(cat_.Find("1942").at(0)->key, "6484-52-2");
  auto hcl = cat_.Find("7647-01-0");
  ASSERT_EQ(hcl.size(), 2u);
  EXPECT_EQ(hcl[0]->entry_no, 1475);  // the key holder first
  EXPECT_TRUE(cat_.Find("7782-50-6").empty());  // bad check digit: not a CAS, and no name holds it
}

TEST_F(CatalogueTest, FindByNamesBestFirst) {
  auto r = cat_.Search("氯");
  ASSERT_GE(r.size(), 3u);
  EXPECT_EQ(r[0].chemical->name_zh, "氯");
  EXPECT_EQ(r[0].rank, 2);
  EXPECT_GE(r[1].rank, 6);  // 氯化氢 and the others contain 氯
  EXPECT_EQ(cat_.Find("液氯").at(0)->key, "7782-50-5");
  EXPECT_EQ(cat_.Find("Chlorine").at(0)->key, "7782-50-5");
  EXPECT_EQ(cat_.Find("CHLORINE").at(0)->key, "7782-50-5");
  EXPECT_EQ(cat_.Find("乙醇汽油").at(0)->key, "86290-81-5");  // a sub-entry finds its entry
  EXPECT_EQ(cat_.Find("ethanol gasoline").at(0)->key, "86290-81-5");
  auto an = cat_.Search("硝酸铵");
  ASSERT_EQ(an.size(), 2u);
  EXPECT_EQ(an[0].chemical->key, "6484-52-2");  // base name before substring
  EXPECT_EQ(an[0].rank, 6);
  EXPECT_EQ(an[1].rank, 7);
  EXPECT_TRUE(cat_.Find("").empty());
  EXPECT_TRUE(cat_.Find("no such chemical").empty());
}

TEST_F(CatalogueTest, AddReplacesTheSameKeyAndCopiesAreIndependent) {
  Catalogue copy = cat_;
  cat_.Add(Make("7782-50-5", 1381, "氯", {"7782-50-5"}, {"氯气"}, "chlorine", {"1017"}));
  EXPECT_EQ(cat_.size(), 7u);
  EXPECT_EQ(cat_.FindByName("液氯"), nullptr);
  EXPECT_NE(copy.FindByName("液氯"), nullptr);
  EXPECT_EQ(copy.FindByName("液氯")->key, "7782-50-5");
  Catalogue moved = std::move(copy);
  EXPECT_EQ(moved.size(), 7u);
}

TEST(RegulatoryListCode, Codes) {
  EXPECT_EQ(RegulatoryListCode(RegulatoryList::kExplosivePrecursors), "explosive_precursors");
  EXPECT_EQ(RegulatoryListCode(RegulatoryList::kSpeciallyControlled), "specially_controlled");
}

}  // namespace
}  // namespace chemsafe::catalogue
