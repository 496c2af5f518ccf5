#include "chemsafe/catalogue/ghs.h"

#include <gtest/gtest.h>

namespace chemsafe::catalogue {
namespace {

// Texts as printed in the 危险化学品分类信息表 (2015).
TEST(ParseClassification, FlammableLiquidWithMinimumClassification) {
  auto c = ParseClassification("易燃液体,类别2*");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->hazard_class, HazardClass::kFlammableLiquids);
  EXPECT_EQ(c->category, "2");
  EXPECT_TRUE(c->minimum_classification);
  EXPECT_FALSE(c->route.has_value());
  EXPECT_EQ(c->qualifier, "");
  EXPECT_EQ(c->text, "易燃液体,类别2*");
}

TEST(ParseClassification, FullWidthCommaAndDigit) {
  auto c = ParseClassification("易燃液体，类别1");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->hazard_class, HazardClass::kFlammableLiquids);
  EXPECT_EQ(c->category, "1");
  EXPECT_FALSE(c->minimum_classification);
  auto d = ParseClassification("特异性靶器官毒性-一次接触,类别３（呼吸道刺激）");
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->category, "3");
  EXPECT_EQ(d->qualifier, "呼吸道刺激");
}

TEST(ParseClassification, GasUnderPressureHasNoCategory) {
  auto c = ParseClassification("加压气体");
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->hazard_class, HazardClass::kGasesUnderPressure);
  EXPECT_EQ(c->category, "");
  EXPECT_FALSE(ParseClassification("加压气体,类别1").ok());
}

TEST(ParseClassification, AcuteToxicityRoute) {
  auto c = ParseClassification("急性毒性-吸入,类别3*");
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->hazard_class, HazardClass::kAcuteToxicity);
  ASSERT_TRUE(c->route.has_value());
  EXPECT_EQ(*c->route, ExposureRoute::kInhalation);
  EXPECT_EQ(c->category, "3");
  EXPECT_TRUE(c->minimum_classification);
  EXPECT_EQ(*ParseClassification("急性毒性-经口,类别2")->route, ExposureRoute::kOral);
  EXPECT_EQ(*ParseClassification("急性毒性-经皮,类别1")->route, ExposureRoute::kDermal);
}

TEST(ParseClassification, QualifierInParentheses) {
  auto c = ParseClassification("特异性靶器官毒性-一次接触,类别3（呼吸道刺激）");
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->hazard_class, HazardClass::kStotSingleExposure);
  EXPECT_EQ(c->category, "3");
  EXPECT_EQ(c->qualifier, "呼吸道刺激");
  auto d = ParseClassification("特异性靶器官毒性-一次接触,类别3(呼吸道刺激、麻醉效应)");
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->qualifier, "呼吸道刺激、麻醉效应");
}

TEST(ParseClassification, SubCategoryLetters) {
  auto c = ParseClassification("皮肤腐蚀/刺激,类别1B");
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->hazard_class, HazardClass::kSkinCorrosionIrritation);
  EXPECT_EQ(c->category, "1B");
  EXPECT_EQ(ParseClassification("化学不稳定性气体,类别A")->category, "A");
  EXPECT_FALSE(ParseClassification("易燃液体,类别A").ok());
  EXPECT_FALSE(ParseClassification("化学不稳定性气体,类别1").ok());
}

TEST(ParseClassification, TypesDivisionsAndSpecialCategories) {
  auto p = ParseClassification("有机过氧化物,D型");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->category, "D");
  EXPECT_EQ(CategoryNameZh(*p), "D型");
  auto e = ParseClassification("爆炸物,1.1项");
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(e->category, "1.1");
  EXPECT_EQ(CategoryNameZh(*e), "1.1项");
  EXPECT_EQ(ParseClassification("爆炸物,不稳定爆炸物")->category, "unstable");
  EXPECT_EQ(ParseClassification("生殖毒性,附加类别")->category, "lactation");
  EXPECT_FALSE(ParseClassification("易燃液体,D型").ok());
  EXPECT_FALSE(ParseClassification("易燃液体,1.1项").ok());
  EXPECT_FALSE(ParseClassification("爆炸物,类别1").ok());
}

TEST(ParseClassification, MisprintsOfTheTable) {
  EXPECT_EQ(ParseClassification("严重眼损伤/眼刺激性,类别2")->hazard_class, HazardClass::kSeriousEyeDamageIrritation);
  EXPECT_EQ(ParseClassification("异性靶器官毒性-一次接触,类别1")->hazard_class, HazardClass::kStotSingleExposure);
}

TEST(ParseClassification, RejectsTextThatIsNotAClassification) {
  for (const char* text : {"", "剧毒", "乙醇汽油", "ethanol gasoline", "（1）干的：", "易燃液体", "易燃液体,类别",
                           "易燃液体,类别2 多余", "未知类别,类别1",
                           "（3）分类信息表中标记“*”的类别，是指在有充分依据的条件下，该化学品可以采用更严格的类别。例如，序号498“1,3-二氯-2-"
                           "丙醇”，分类为“急性毒性-经口,类别3*”，如果有充分依据，可分类为更严格的“急性毒性-经口,类别2”。"}) {
    auto c = ParseClassification(text);
    EXPECT_FALSE(c.ok()) << text;
    if (!c.ok()) {
      EXPECT_EQ(c.status().code(), StatusCode::kInvalidArgument);
    }
  }
}

TEST(FormatClassification, CanonicalText) {
  EXPECT_EQ(FormatClassification(*ParseClassification("急性毒性-吸入，类别3*")), "急性毒性-吸入,类别3*");
  EXPECT_EQ(FormatClassification(*ParseClassification("特异性靶器官毒性-一次接触,类别3（呼吸道刺激）")),
            "特异性靶器官毒性-一次接触,类别3(呼吸道刺激)");
  EXPECT_EQ(FormatClassification(*ParseClassification("加压气体")), "加压气体");
  EXPECT_EQ(FormatClassification(*ParseClassification("有机过氧化物,D型")), "有机过氧化物,D型");
}

TEST(HazardClassNames, CodesAreDistinct) {
  EXPECT_EQ(HazardClassCode(HazardClass::kFlammableLiquids), "flammable_liquids");
  EXPECT_EQ(HazardClassNameZh(HazardClass::kAquaticChronic), "危害水生环境-长期危害");
  EXPECT_EQ(HazardClassNameEn(HazardClass::kExplosives), "Explosives");
  EXPECT_NE(HazardClassCode(HazardClass::kAquaticAcute), HazardClassCode(HazardClass::kAquaticChronic));
  EXPECT_EQ(ExposureRouteCode(ExposureRoute::kInhalation), "inhalation");
}

}  // namespace
}  // namespace chemsafe::catalogue
