#include "chemsafe/catalogue/entry_text.h"

#include <gtest/gtest.h>

namespace chemsafe::catalogue {
namespace {

using K = EntryItemKind;

// Items as the extraction lists them for entry 1630 汽油 (危险化学品分类信息表 2015), shortened.
TEST(SplitEntryText, SubEntriesWithTheirOwnClassifications) {
  std::vector<std::string> items = {"易燃液体,类别2*", "吸入危害,类别1", "乙醇汽油", "ethanol gasoline",
                                    "易燃液体,类别2*", "甲醇汽油", "methanol gasoline", "易燃液体,类别2*",
                                    "特异性靶器官毒性-一次接触,类别1"};
  EntryText t = SplitEntryText("1630", "汽油", items);
  ASSERT_EQ(t.classifications.size(), 2u);
  ASSERT_EQ(t.sub_entries.size(), 2u);
  EXPECT_EQ(t.sub_entries[0].name_zh, "乙醇汽油");
  EXPECT_EQ(t.sub_entries[0].name_en, "ethanol gasoline");
  EXPECT_EQ(t.sub_entries[0].classifications.size(), 1u);
  EXPECT_EQ(t.sub_entries[1].name_zh, "甲醇汽油");
  EXPECT_EQ(t.sub_entries[1].classifications.size(), 2u);
  EXPECT_EQ(t.item_kinds, (std::vector<K>{K::kClassification, K::kClassification, K::kSubEntryName,
                                          K::kSubEntryNameEn, K::kClassification, K::kSubEntryName,
                                          K::kSubEntryNameEn, K::kClassification, K::kClassification}));
}

TEST(SplitEntryText, AliasesCasAndHighlyToxicMarker) {
  // Entry 789 钙 and 2567 乙撑亚胺, shortened.
  EntryText t = SplitEntryText("789", "钙", {"遇水放出易燃气体的物质和混合物,类别2", "金属钙粉", "钙粉",
                                             "calcium powder metal", "7440-70-2", "自热物质和混合物,类别2"});
  ASSERT_EQ(t.sub_entries.size(), 1u);
  EXPECT_EQ(t.sub_entries[0].aliases, std::vector<std::string>{"钙粉"});
  EXPECT_EQ(t.sub_entries[0].cas_numbers, std::vector<std::string>{"7440-70-2"});
  EXPECT_EQ(t.item_kinds[4], K::kSubEntryCas);
  EntryText u = SplitEntryText("2567", "乙撑亚胺", {"易燃液体,类别2", "剧毒", "乙撑亚胺[稳定的]", "ethyleneimine,stabilized"});
  EXPECT_TRUE(u.highly_toxic);
  EXPECT_EQ(u.item_kinds[1], K::kHighlyToxicMarker);
  // Entry 1011: an alias list with Chinese semicolons.
  EntryText v = SplitEntryText("1011", "季戊四醇四硝酸酯[含蜡≥7%]",
                               {"爆炸物,1.1项", "季戊四醇四硝酸酯[含水≥25%或含减敏剂≥15%]", "泰安；喷梯尔；P.E.T.N.", "pentaerythrite"});
  ASSERT_EQ(v.sub_entries.size(), 1u);
  EXPECT_EQ(v.sub_entries[0].aliases, (std::vector<std::string>{"泰安", "喷梯尔", "P.E.T.N."}));
}

TEST(SplitEntryText, CasListOfTheEntry) {
  // Entry 409 has no CAS column in the extraction; its CAS numbers are the first item.
  EntryText t = SplitEntryText("409", "3-二甲基氨基亚甲基亚氨基苯基-N-甲基氨基甲酸酯(或其盐酸盐)",
                               {"22259-30-9;23422-53-9", "急性毒性-经口,类别2*"});
  EXPECT_EQ(t.cas_numbers, (std::vector<std::string>{"22259-30-9", "23422-53-9"}));
  EXPECT_EQ(t.item_kinds[0], K::kEntryCas);
  EXPECT_EQ(t.classifications.size(), 1u);
}

TEST(SplitEntryText, ConditionsScopeTheFollowingClassifications) {
  // Entry 1216 金属铪粉.
  EntryText t = SplitEntryText("1216", "金属铪粉", {"（1）干的：", "自热物质和混合物,类别1", "（2）湿的：", "易燃固体,类别1"});
  ASSERT_EQ(t.classifications.size(), 2u);
  EXPECT_EQ(t.classifications[0].condition, "干的");
  EXPECT_EQ(t.classifications[1].condition, "湿的");
  EXPECT_EQ(t.item_kinds[0], K::kCondition);
  // Entry 903: conditions without a colon, ASCII parentheses.
  EntryText u = SplitEntryText("903", "过氧化氢溶液[含量＞8%]", {"(1)含量≥60%", "氧化性液体,类别1"});
  ASSERT_EQ(u.classifications.size(), 1u);
  EXPECT_EQ(u.classifications[0].condition, "含量≥60%");
}

TEST(SplitEntryText, EntryAliasBeforeAnyClassification) {
  // Entry 279 蒽油乳膏: the extraction kept its 别名 and English name.
  EntryText t = SplitEntryText("279", "蒽油乳膏", {"蒽油乳剂", "anthracene oil emulsion", "致癌性,类别1B"});
  EXPECT_TRUE(t.sub_entries.empty());
  EXPECT_EQ(t.aliases, std::vector<std::string>{"蒽油乳剂"});
  EXPECT_EQ(t.name_en, "anthracene oil emulsion");
  EXPECT_EQ(t.classifications.size(), 1u);
  // But a variant of the entry's own name is a sub-entry (entry 301).
  EntryText u = SplitEntryText("301", "二-(叔丁基过氧)邻苯二甲酸酯[糊状,含量≤52%]",
                               {"二-(叔丁基过氧)邻苯二甲酸酯[42%＜含量≤52%,含A型稀释剂≥48%]", "di-(tert-butylperoxy)phthalate",
                                "有机过氧化物,D型"});
  ASSERT_EQ(u.sub_entries.size(), 1u);
  EXPECT_TRUE(u.classifications.empty());
}

TEST(SplitEntryText, ProductFamiliesNotesAndPageArtifacts) {
  // Entry 2828, shortened: the first condition line was lost on the first page and shows in the repeat.
  std::vector<std::string> items = {
      "易燃液体，类别1", "（2）闪点＜23℃和初沸点＞35℃：", "易燃液体，类别2", "健康危害和环境危害需根据组分进行判断。",
      "常见品种如下：", "1.氨基树脂涂料", "氨基树脂漆", "amino resin paints; amino resin coatings", "2828",
      "（1）闪点＜23℃和初沸点≤35℃：", "易燃液体，类别1", "（2）闪点＜23℃和初沸点＞35℃：", "易燃液体，类别2",
      "健康危害和环境危害需根据组分进行判断。", "2.环氧树脂", "epoxy resin", "注：", "1.A型稀释剂是指……。",
      "PAGE   \\* MERGEFORMAT 1"};
  EntryText t = SplitEntryText("2828", "含易燃溶剂的合成树脂、油漆、辅助材料、涂料等制品[闭杯闪点≤60℃]", items);
  ASSERT_EQ(t.classifications.size(), 2u);
  EXPECT_EQ(t.classifications[0].condition, "闪点＜23℃和初沸点≤35℃");
  EXPECT_EQ(t.classifications[1].condition, "闪点＜23℃和初沸点＞35℃");
  ASSERT_EQ(t.sub_entries.size(), 2u);
  EXPECT_EQ(t.sub_entries[0].name_zh, "氨基树脂涂料");
  EXPECT_EQ(t.sub_entries[0].aliases, std::vector<std::string>{"氨基树脂漆"});
  EXPECT_EQ(t.sub_entries[0].name_en, "amino resin paints; amino resin coatings");
  EXPECT_TRUE(t.sub_entries[0].classifications.empty());
  EXPECT_EQ(t.sub_entries[1].name_zh, "环氧树脂");
  EXPECT_EQ(t.page_artifacts, (std::vector<std::string>{"2828", "PAGE   \\* MERGEFORMAT 1"}));
  EXPECT_EQ(t.notes, (std::vector<std::string>{"健康危害和环境危害需根据组分进行判断。", "常见品种如下：", "注：",
                                               "1.A型稀释剂是指……。"}));
  EXPECT_EQ(t.item_kinds.size(), items.size());
  EXPECT_EQ(t.item_kinds[8], K::kPageArtifact);
  EXPECT_EQ(t.item_kinds[10], K::kRepeatedClassification);
  EXPECT_EQ(t.item_kinds[12], K::kRepeatedClassification);
  EXPECT_EQ(t.item_kinds[17], K::kNote);
}

TEST(SplitEntryText, EmptyEntry) {
  EntryText t = SplitEntryText("102", "4-[苄基(乙基)氨基]-3-乙氧基苯重氮氯化锌盐", {});
  EXPECT_TRUE(t.classifications.empty());
  EXPECT_TRUE(t.item_kinds.empty());
}

}  // namespace
}  // namespace chemsafe::catalogue
