// Tests of the derivation of GB 18218-2018 Table 2 categories (categories.cc) rule by rule, on chemicals
// built here with the catalogue's classification text, so that every row of Table 2 is exercised whatever
// the shipped catalogue holds; and of the engine's choice among several categories (§4.2.1: lowest Q; on
// equal Q the larger β) on a small catalogue with the shipped tables. Expected symbols are read off the
// descriptions of Table 2 (data/gb18218_2018/gb18218_2018_table2_hazard_categories.csv).
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <stdexcept>

#include "chemsafe/hazard/identify.h"
#include "chemsafe/reference/gb18218_files.h"

namespace chemsafe::hazard {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using registry::PhysicalState;

catalogue::Chemical ChemicalWith(std::initializer_list<std::string_view> classifications) {
  catalogue::Chemical c;
  c.key = "test";
  c.name_zh = "试验物质";
  for (std::string_view text : classifications) {
    auto parsed = catalogue::ParseClassification(text);
    if (!parsed.ok()) throw std::invalid_argument(parsed.status().ToString());
    c.classifications.push_back(*parsed);
  }
  return c;
}

struct Conditions {
  std::optional<PhysicalState> state;
  std::optional<double> boiling_point_c;
  std::optional<double> operating_temperature_c;
  bool special_conditions = false;
};

HoldingInput Holding(const Conditions& k) {
  HoldingInput h;
  h.label = "units[0].holdings[0]";
  h.state = k.state;
  h.boiling_point_c = k.boiling_point_c;
  h.operating_temperature_c = k.operating_temperature_c;
  h.special_conditions = k.special_conditions;
  return h;
}

// The symbols derived, in order; "error: <message>" when the derivation fails.
std::vector<std::string> Symbols(std::initializer_list<std::string_view> classifications, const Conditions& k = {}) {
  auto derived = DeriveCategories(ChemicalWith(classifications), Holding(k));
  if (!derived.ok()) return {"error: " + derived.status().message()};
  std::vector<std::string> out;
  for (const auto& d : *derived) out.push_back(d.symbol);
  return out;
}

const Conditions kGas{PhysicalState::kGas, std::nullopt, std::nullopt, false};
const Conditions kLiquefied{PhysicalState::kLiquefiedGas, std::nullopt, std::nullopt, false};
const Conditions kSolid{PhysicalState::kSolid, std::nullopt, std::nullopt, false};
Conditions Liquid(std::optional<double> boiling_point_c = std::nullopt) {
  return {PhysicalState::kLiquid, boiling_point_c, std::nullopt, false};
}

// Table 2 J1: 类别1, all routes, gas. A liquefied gas is a gas.
TEST(DeriveCategoriesTest, J1AcuteToxicityCategory1Gas) {
  EXPECT_THAT(Symbols({"急性毒性-吸入,类别1"}, kGas), ElementsAre("J1"));
  EXPECT_THAT(Symbols({"急性毒性-经口,类别1"}, kLiquefied), ElementsAre("J1"));
}

// Table 2 J2: 类别1, all routes, solid or liquid.
TEST(DeriveCategoriesTest, J2AcuteToxicityCategory1SolidOrLiquid) {
  EXPECT_THAT(Symbols({"急性毒性-经皮,类别1"}, kSolid), ElementsAre("J2"));
  EXPECT_THAT(Symbols({"急性毒性-吸入,类别1"}, Liquid(20)), ElementsAre("J2"));
}

// Table 2 J3: 类别2 and 类别3, all routes, gas.
TEST(DeriveCategoriesTest, J3AcuteToxicityCategory2Or3Gas) {
  EXPECT_THAT(Symbols({"急性毒性-吸入,类别2"}, kGas), ElementsAre("J3"));
  EXPECT_THAT(Symbols({"急性毒性-经口,类别3*"}, kGas), ElementsAre("J3"));
}

// Table 2 J4: 类别2 and 类别3, inhalation, liquid with boiling point ≤ 35 ℃ (35 itself included).
TEST(DeriveCategoriesTest, J4InhalationLiquidBoilingAtMost35) {
  EXPECT_THAT(Symbols({"急性毒性-吸入,类别2"}, Liquid(20)), ElementsAre("J4"));
  EXPECT_THAT(Symbols({"急性毒性-吸入,类别3"}, Liquid(35)), ElementsAre("J4"));
  EXPECT_THAT(Symbols({"急性毒性-吸入,类别3"}, Liquid(35.1)), ElementsAre());
  // Oral or dermal toxicity of a low-boiling liquid is not J4 (J4 is the inhalation route only).
  EXPECT_THAT(Symbols({"急性毒性-经口,类别3"}, Liquid(20)), ElementsAre());
}

// Table 2 J5: 类别2, all routes, liquid (other than J4) or solid. 类别3 of a solid or of a liquid that is
// not J4 is not in Table 2, nor are categories 4 and 5.
TEST(DeriveCategoriesTest, J5AcuteToxicityCategory2LiquidOrSolid) {
  EXPECT_THAT(Symbols({"急性毒性-吸入,类别2"}, Liquid(80)), ElementsAre("J5"));
  EXPECT_THAT(Symbols({"急性毒性-经口,类别2"}, kSolid), ElementsAre("J5"));
  EXPECT_THAT(Symbols({"急性毒性-经皮,类别2"}, Liquid()), ElementsAre("J5"));  // not inhalation: no J4 question
  EXPECT_THAT(Symbols({"急性毒性-经口,类别3"}, kSolid), ElementsAre());
  EXPECT_THAT(Symbols({"急性毒性-经口,类别4"}, kSolid), ElementsAre());
}

TEST(DeriveCategoriesTest, AcuteToxicityNeedsTheState) {
  EXPECT_THAT(Symbols({"急性毒性-经口,类别2"}),
              ElementsAre(HasSubstr("units[0].holdings[0]: 急性毒性-经口,类别2 needs the physical state")));
  // An inhalation category 2 liquid without its boiling point: J4 or J5 cannot be told apart.
  EXPECT_THAT(Symbols({"急性毒性-吸入,类别2"}, Liquid()),
              ElementsAre(HasSubstr("units[0].holdings[0]: 急性毒性-吸入,类别2 of a liquid needs boiling_point_c")));
  // Category 4 does not depend on the state: nothing is asked.
  EXPECT_THAT(Symbols({"急性毒性-经口,类别4"}), ElementsAre());
}

// Without a declared state, the physical class names it (GB 30000.3: 易燃气体 is a gas).
TEST(DeriveCategoriesTest, StateFollowsThePhysicalClass) {
  EXPECT_THAT(Symbols({"易燃气体,类别1", "急性毒性-吸入,类别1"}), ElementsAre("W2", "J1"));
  EXPECT_THAT(Symbols({"易燃液体,类别2", "急性毒性-经口,类别2"}), ElementsAre("W5.3", "J5"));
  EXPECT_THAT(Symbols({"易燃固体,类别1", "急性毒性-经口,类别1"}), ElementsAre("W10", "J2"));
}

// Table 2 W1.1-W1.3 (爆炸物).
TEST(DeriveCategoriesTest, ExplosivesByDivision) {
  EXPECT_THAT(Symbols({"爆炸物,不稳定爆炸物"}), ElementsAre("W1.1"));
  EXPECT_THAT(Symbols({"爆炸物,1.1项"}), ElementsAre("W1.1"));
  for (auto d : {"爆炸物,1.2项", "爆炸物,1.3项", "爆炸物,1.5项", "爆炸物,1.6项"}) {
    EXPECT_THAT(Symbols({d}), ElementsAre("W1.2")) << d;
  }
  EXPECT_THAT(Symbols({"爆炸物,1.4项"}), ElementsAre("W1.3"));
}

// Table 2 W2 (易燃气体 类别1 and 类别2), W3 (气溶胶 类别1 and 类别2), W4 (氧化性气体 类别1).
TEST(DeriveCategoriesTest, GasesAndAerosols) {
  EXPECT_THAT(Symbols({"易燃气体,类别1"}), ElementsAre("W2"));
  EXPECT_THAT(Symbols({"易燃气体,类别2"}), ElementsAre("W2"));
  EXPECT_THAT(Symbols({"气溶胶,类别1"}), ElementsAre("W3"));
  EXPECT_THAT(Symbols({"气溶胶,类别2"}), ElementsAre("W3"));
  EXPECT_THAT(Symbols({"气溶胶,类别3"}), ElementsAre());
  EXPECT_THAT(Symbols({"氧化性气体,类别1"}), ElementsAre("W4"));
  EXPECT_THAT(Symbols({"加压气体"}), ElementsAre());
}

// Table 2 W5.1-W5.4 (易燃液体).
TEST(DeriveCategoriesTest, FlammableLiquids) {
  EXPECT_THAT(Symbols({"易燃液体,类别1"}), ElementsAre("W5.1"));
  // W5.1: categories 2 and 3 operated above their boiling point ("高于": at the boiling point is not).
  EXPECT_THAT(Symbols({"易燃液体,类别2"}, {std::nullopt, 80, 81}), ElementsAre("W5.1"));
  EXPECT_THAT(Symbols({"易燃液体,类别3"}, {std::nullopt, 150, 160}), ElementsAre("W5.1"));
  EXPECT_THAT(Symbols({"易燃液体,类别2"}, {std::nullopt, 80, 80}), ElementsAre("W5.3"));
  // W5.2: categories 2 and 3 under special process conditions.
  EXPECT_THAT(Symbols({"易燃液体,类别2"}, {std::nullopt, std::nullopt, std::nullopt, true}), ElementsAre("W5.2"));
  EXPECT_THAT(Symbols({"易燃液体,类别3"}, {std::nullopt, 150, 20, true}), ElementsAre("W5.2"));
  // Above the boiling point and special conditions: W5.1 (its description comes first, Q 10 < 50).
  EXPECT_THAT(Symbols({"易燃液体,类别2"}, {std::nullopt, 80, 90, true}), ElementsAre("W5.1"));
  // W5.3 / W5.4: the other categories 2 and 3.
  EXPECT_THAT(Symbols({"易燃液体,类别2*"}), ElementsAre("W5.3"));
  EXPECT_THAT(Symbols({"易燃液体,类别3"}, {std::nullopt, 150, 20}), ElementsAre("W5.4"));
  EXPECT_THAT(Symbols({"易燃液体,类别4"}), ElementsAre());
  EXPECT_THAT(Symbols({"易燃液体,类别3"}, {std::nullopt, std::nullopt, 20}),
              ElementsAre(HasSubstr("at an operating temperature needs boiling_point_c")));
}

// Table 2 W6 (自反应), W7 (有机过氧化物) by type.
TEST(DeriveCategoriesTest, SelfReactiveAndOrganicPeroxides) {
  EXPECT_THAT(Symbols({"自反应物质和混合物,A型"}), ElementsAre("W6.1"));
  EXPECT_THAT(Symbols({"自反应物质和混合物,B型"}), ElementsAre("W6.1"));
  for (auto t : {"自反应物质和混合物,C型", "自反应物质和混合物,D型", "自反应物质和混合物,E型"}) {
    EXPECT_THAT(Symbols({t}), ElementsAre("W6.2")) << t;
  }
  EXPECT_THAT(Symbols({"自反应物质和混合物,F型"}), ElementsAre());
  EXPECT_THAT(Symbols({"有机过氧化物,A型"}), ElementsAre("W7.1"));
  EXPECT_THAT(Symbols({"有机过氧化物,B型"}), ElementsAre("W7.1"));
  for (auto t : {"有机过氧化物,C型", "有机过氧化物,D型", "有机过氧化物,E型", "有机过氧化物,F型"}) {
    EXPECT_THAT(Symbols({t}), ElementsAre("W7.2")) << t;
  }
  EXPECT_THAT(Symbols({"有机过氧化物,G型"}), ElementsAre());
}

// Table 2 W8 (自燃液体/固体 类别1), W9 (氧化性固体/液体), W10 (易燃固体 类别1), W11 (遇水放出易燃气体 1, 2).
TEST(DeriveCategoriesTest, PyrophoricOxidizingFlammableSolidsWaterReactive) {
  EXPECT_THAT(Symbols({"自燃液体,类别1"}), ElementsAre("W8"));
  EXPECT_THAT(Symbols({"自燃固体,类别1"}), ElementsAre("W8"));
  EXPECT_THAT(Symbols({"氧化性液体,类别1"}), ElementsAre("W9.1"));
  EXPECT_THAT(Symbols({"氧化性固体,类别1"}), ElementsAre("W9.1"));
  EXPECT_THAT(Symbols({"氧化性固体,类别2"}), ElementsAre("W9.2"));
  EXPECT_THAT(Symbols({"氧化性液体,类别3"}), ElementsAre("W9.2"));
  EXPECT_THAT(Symbols({"易燃固体,类别1"}), ElementsAre("W10"));
  EXPECT_THAT(Symbols({"易燃固体,类别2"}), ElementsAre());
  EXPECT_THAT(Symbols({"遇水放出易燃气体的物质和混合物,类别1"}), ElementsAre("W11"));
  EXPECT_THAT(Symbols({"遇水放出易燃气体的物质和混合物,类别2"}), ElementsAre("W11"));
  EXPECT_THAT(Symbols({"遇水放出易燃气体的物质和混合物,类别3"}), ElementsAre());
}

// Health and environmental classes other than acute toxicity are not in Table 2.
TEST(DeriveCategoriesTest, OtherClassesGiveNothing) {
  EXPECT_THAT(Symbols({"皮肤腐蚀/刺激,类别1A", "严重眼损伤/眼刺激,类别1", "致癌性,类别1A",
                       "危害水生环境-急性危害,类别1", "自热物质和混合物,类别1", "金属腐蚀物,类别1"}),
              ElementsAre());
}

TEST(DeriveCategoriesTest, TheReasonNamesTheClassificationAndTheSymbol) {
  auto derived = DeriveCategories(ChemicalWith({"急性毒性-吸入,类别2"}), Holding(kGas));
  ASSERT_TRUE(derived.ok()) << derived.status().ToString();
  ASSERT_EQ(derived->size(), 1u);
  EXPECT_THAT((*derived)[0].reason, HasSubstr("急性毒性-吸入,类别2"));
  EXPECT_THAT((*derived)[0].reason, HasSubstr("→ J3"));
}

// The engine on a small catalogue of made-up chemicals (CAS numbers outside Table 1, checksums valid)
// with the shipped GB 18218-2018 tables.
class ChoiceTest : public ::testing::Test {
 protected:
  static const catalogue::Gb18218Tables& Tables() {
    static const catalogue::Gb18218Tables* t = [] {
      auto loaded = reference::LoadGb18218Tables(CHEMSAFE_TEST_DATA_DIR);
      if (!loaded.ok()) throw std::runtime_error(loaded.status().ToString());
      return new catalogue::Gb18218Tables(std::move(loaded).value());
    }();
    return *t;
  }
  static const catalogue::Catalogue& Made() {
    static const catalogue::Catalogue* c = [] {
      auto* cat = new catalogue::Catalogue();
      auto add = [&](std::string cas, std::string name, std::initializer_list<std::string_view> cls) {
        catalogue::Chemical ch = ChemicalWith(cls);
        ch.key = cas;
        ch.name_zh = std::move(name);
        ch.cas_numbers = {std::move(cas)};
        cat->Add(std::move(ch));
      };
      // Equal Q (50 t): W4 (β 1) and J3 (β 2) — the larger β, J3.
      add("67-63-0", "试验氧化性毒气", {"氧化性气体,类别1", "急性毒性-吸入,类别3"});
      // Different Q: W2 (10 t, β 1.5) and J3 (50 t, β 2) — the lowest Q, W2.
      add("64-19-7", "试验易燃毒气", {"急性毒性-吸入,类别2", "易燃气体,类别1"});
      // No classification at all.
      add("7647-14-5", "试验未分类物质", {});
      return cat;
    }();
    return *c;
  }
  static Result<Assessment> Assess(std::string cas, double q_t, std::string category = "") {
    HoldingInput h;
    h.label = "units[0].holdings[0]";
    h.cas = std::move(cas);
    h.category = std::move(category);
    h.quantity_t = q_t;
    UnitInput u;
    u.id = "T";
    u.exposed_population_500m = 0;
    u.holdings = {h};
    return AssessUnit(u, Made(), Tables());
  }
};

// GB 18218-2018 §4.2.1 and Table 4: on equal Q the larger β. 25 t / 50 t = 0.5; R = 0.5 (α, 0 people) × 2 × 0.5.
TEST_F(ChoiceTest, EqualQTakesTheLargerBeta) {
  auto a = Assess("67-63-0", 25);
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  ASSERT_EQ(a->contributions.size(), 1u);
  EXPECT_EQ(a->contributions[0].category, "J3");
  EXPECT_DOUBLE_EQ(a->contributions[0].critical_quantity_t, 50);
  EXPECT_DOUBLE_EQ(a->contributions[0].beta, 2);
  EXPECT_DOUBLE_EQ(a->r, 0.5);
}

// §4.2.1: the lowest Q, and β from the category that supplied it (W2: 1.5), not the larger β of J3.
TEST_F(ChoiceTest, LowestQSuppliesBeta) {
  auto a = Assess("64-19-7", 5);
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_EQ(a->contributions[0].category, "W2");
  EXPECT_DOUBLE_EQ(a->contributions[0].critical_quantity_t, 10);
  EXPECT_DOUBLE_EQ(a->contributions[0].beta, 1.5);
  EXPECT_THAT(a->contributions[0].derivation, HasSubstr("易燃气体,类别1"));
}

TEST_F(ChoiceTest, GivenCategoryWins) {
  auto a = Assess("64-19-7", 5, "J3");
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_EQ(a->contributions[0].category, "J3");
  EXPECT_DOUBLE_EQ(a->contributions[0].critical_quantity_t, 50);
  EXPECT_DOUBLE_EQ(a->contributions[0].beta, 2);
}

TEST_F(ChoiceTest, UnclassifiedNeedsItsCategory) {
  auto a = Assess("7647-14-5", 1);
  ASSERT_FALSE(a.ok());
  EXPECT_THAT(a.status().message(), HasSubstr("units[0].holdings[0]: 试验未分类物质 is not in GB 18218-2018 Table 1"));
  EXPECT_THAT(a.status().message(), HasSubstr("give its Table 2 category"));
  auto given = Assess("7647-14-5", 100, "W5.4");
  ASSERT_TRUE(given.ok()) << given.status().ToString();
  EXPECT_DOUBLE_EQ(given->sum_ratio, 100.0 / 5000);
}

// GB 18218-2018 §4.2.2 and §4.3: S and R are sums of non-negative terms q/Q and β·q/Q, so neither
// decreases when any quantity grows — here over every Table 2 category given to a substance outside
// Table 1, quantities as mass or as volume × density, and any population.
RC_GTEST_FIXTURE_PROP(ChoiceTest, SAndRNeverDecreaseOverAllCategories, ()) {
  const auto& table2 = Tables().table2;
  const auto n = *rc::gen::inRange<std::size_t>(1, 8);
  UnitInput u;
  u.id = "T";
  u.exposed_population_500m = *rc::gen::inRange(0, 500);
  for (std::size_t i = 0; i < n; ++i) {
    HoldingInput h;
    h.label = "h";
    h.cas = "7647-14-5";
    h.category = table2[*rc::gen::inRange<std::size_t>(0, table2.size())].symbol;
    if (*rc::gen::arbitrary<bool>()) {
      h.quantity_t = *rc::gen::inRange(1, 1000000) / 1000.0;
    } else {
      h.volume_m3 = *rc::gen::inRange(1, 100000) / 10.0;
      h.density_t_m3 = *rc::gen::inRange(1, 3000) / 1000.0;
    }
    u.holdings.push_back(h);
  }
  auto before = AssessUnit(u, Made(), Tables());
  RC_ASSERT(before.ok());
  HoldingInput& grown = u.holdings[*rc::gen::inRange<std::size_t>(0, n)];
  const double factor = 1 + *rc::gen::inRange(1, 10000) / 1000.0;
  if (grown.quantity_t) grown.quantity_t = *grown.quantity_t * factor;
  else grown.volume_m3 = *grown.volume_m3 * factor;
  auto after = AssessUnit(u, Made(), Tables());
  RC_ASSERT(after.ok());
  RC_ASSERT(after->sum_ratio >= before->sum_ratio);
  RC_ASSERT(after->r >= before->r);
  if (before->major_hazard) RC_ASSERT(after->major_hazard);
  // A larger R never gives a less severe grade (grade 1 is the most severe).
  if (before->grade && after->grade) RC_ASSERT(*after->grade <= *before->grade);
}

}  // namespace
}  // namespace chemsafe::hazard
