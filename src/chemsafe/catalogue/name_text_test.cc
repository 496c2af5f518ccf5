#include "chemsafe/catalogue/name_text.h"

#include <gtest/gtest.h>

namespace chemsafe::catalogue {
namespace {

TEST(NameText, NarrowTextMapsFullWidthForms) {
  EXPECT_EQ(NarrowText("  易燃液体，类别３（呼吸道刺激）　"), "易燃液体,类别3(呼吸道刺激)");
  EXPECT_EQ(NarrowText("硝酸铵［含可燃物≤0.2%］"), "硝酸铵[含可燃物≤0.2%]");
  EXPECT_EQ(NarrowText("ＵＮ１０１７"), "UN1017");
}

TEST(NameText, NameKeyIgnoresBracketStyleCaseAndSpaces) {
  EXPECT_EQ(NameKey("硝酸铵［含可燃物≤0.2%］"), NameKey("硝酸铵(含可燃物≤0.2%)"));
  EXPECT_EQ(NameKey("Chlorine "), NameKey("chlorine"));
  EXPECT_EQ(NameKey("ethanol gasoline"), NameKey("Ethanol Gasoline"));
  EXPECT_NE(NameKey("氯"), NameKey("氯气"));
}

TEST(NameText, BaseNameDropsTheTrailingQualifier) {
  EXPECT_EQ(BaseName("硝酸铵[含可燃物≤0.2%]"), "硝酸铵");
  EXPECT_EQ(BaseName("氯化氢(无水)"), "氯化氢");
  EXPECT_EQ(BaseName("硝化纤维素［干的或含水(或乙醇)<25%］"), "硝化纤维素");
  EXPECT_EQ(BaseName("硝化纤维素[干的或含水（或乙醇）＜25%]"), "硝化纤维素");
  EXPECT_EQ(BaseName("二-(叔丁基过氧)邻苯二甲酸酯[糊状,含量≤52%]"), "二-(叔丁基过氧)邻苯二甲酸酯");
  EXPECT_EQ(BaseName("氯"), "氯");
  EXPECT_EQ(BaseName("(无水)"), "(无水)");
  EXPECT_EQ(BaseName("1,2-二(二甲氨基)乙烷"), "1,2-二(二甲氨基)乙烷");  // not trailing: kept
}

TEST(NameText, ContainsCjk) {
  EXPECT_TRUE(ContainsCjk("乙醇汽油"));
  EXPECT_TRUE(ContainsCjk("泰安；喷梯尔；P.E.T.N."));
  EXPECT_FALSE(ContainsCjk("ethanol gasoline"));
  EXPECT_FALSE(ContainsCjk("（1）≤35℃："));  // punctuation and symbols only
}

TEST(NameText, SplitListOnChineseAndAsciiSeparators) {
  EXPECT_EQ(SplitList("液氨;氨气"), (std::vector<std::string>{"液氨", "氨气"}));
  EXPECT_EQ(SplitList("砷化三氢、胂"), (std::vector<std::string>{"砷化三氢", "胂"}));
  EXPECT_EQ(SplitList("三氢化锑;锑化三氢;"), (std::vector<std::string>{"三氢化锑", "锑化三氢"}));
  EXPECT_EQ(SplitList("环氧氯丙烷(3-氯-1,2-环氧丙烷)"), (std::vector<std::string>{"环氧氯丙烷(3-氯-1,2-环氧丙烷)"}));
  EXPECT_EQ(SplitList("74-82-8(甲烷);8006-14-2(天然气)"),
            (std::vector<std::string>{"74-82-8(甲烷)", "8006-14-2(天然气)"}));
  EXPECT_EQ(SplitList("1,3-丁二烯"), (std::vector<std::string>{"1,3-丁二烯"}));
  EXPECT_EQ(SplitList("7664-41-7, 7782-50-5\n75-21-8", {.split_commas = true}),
            (std::vector<std::string>{"7664-41-7", "7782-50-5", "75-21-8"}));
  EXPECT_TRUE(SplitList("  ；  ").empty());
}

}  // namespace
}  // namespace chemsafe::catalogue
