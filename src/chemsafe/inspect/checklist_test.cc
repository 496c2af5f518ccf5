// Tests of the checklist loader on the shipped 20 criteria of 安监总管三〔2017〕121号 and on bad files
// (each error names file:row:column).
#include "chemsafe/inspect/checklist_file.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace chemsafe::inspect {
namespace {

using ::testing::HasSubstr;

TEST(MajorHiddenHazardCriteriaTest, ShippedFileHasTwentyItemsCodedOneToTwenty) {
  auto list = LoadMajorHiddenHazardCriteria(CHEMSAFE_TEST_DATA_DIR);
  ASSERT_TRUE(list.ok()) << list.status().ToString();
  EXPECT_EQ(list->code, kMajorHiddenHazardChecklist);
  ASSERT_EQ(list->items.size(), 20u);
  for (int i = 0; i < 20; ++i) {
    const ChecklistItem& item = list->items[static_cast<std::size_t>(i)];
    EXPECT_EQ(item.code, std::to_string(i + 1));
    EXPECT_FALSE(item.text_zh.empty());
    EXPECT_FALSE(item.text_en.empty());
    EXPECT_EQ(item.basis, "安监总管三〔2017〕121号 第" + std::to_string(i + 1) + "项");
  }
  // Item 2 of the standard, verbatim (S40).
  EXPECT_EQ(list->Find("2")->text_zh, "特种作业人员未持证上岗。");
  // standards.md §3.6: items 1-18 verified, 19-20 not.
  EXPECT_EQ(list->Find("18")->verification, Verification::kVerified);
  EXPECT_EQ(list->Find("19")->verification, Verification::kUnverified);
  EXPECT_EQ(list->Find("20")->verification, Verification::kUnverified);
  EXPECT_EQ(list->Find("21"), nullptr);
}

class ChecklistFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("chemsafe_inspect_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string Write(const std::string& name, const std::string& text) {
    const std::string path = (dir_ / name).string();
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }
  std::filesystem::path dir_;
};

TEST_F(ChecklistFileTest, AnEnterpriseChecklistNeedsOnlyCodeAndText) {
  const std::string path = Write("own.csv", "text_zh,code\n罐区围堰完好,A1\n消防通道畅通,A2\n");
  auto list = LoadChecklist(path);
  ASSERT_TRUE(list.ok()) << list.status().ToString();
  EXPECT_EQ(list->code, "own");
  ASSERT_EQ(list->items.size(), 2u);
  EXPECT_EQ(list->items[1].code, "A2");
  EXPECT_EQ(list->items[1].text_zh, "消防通道畅通");
  EXPECT_EQ(list->items[1].verification, Verification::kUnverified);
}

TEST_F(ChecklistFileTest, DuplicateCodeNamesRowAndColumn) {
  const std::string path = Write("dup.csv", "code,text_zh\n1,甲\n2,乙\n1,丙\n");
  auto list = LoadChecklist(path);
  ASSERT_FALSE(list.ok());
  EXPECT_EQ(list.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(list.status().message(), HasSubstr(path + ":4:1: code \"1\" already used on row 2"));
}

TEST_F(ChecklistFileTest, EmptyTextNamesRowAndColumn) {
  const std::string path = Write("empty_text.csv", "code,text_zh\n1,甲\n2,\n");
  auto list = LoadChecklist(path);
  ASSERT_FALSE(list.ok());
  EXPECT_THAT(list.status().message(), HasSubstr(path + ":3:2: text_zh is empty"));
}

TEST_F(ChecklistFileTest, EmptyCodeNamesRowAndColumn) {
  const std::string path = Write("empty_code.csv", "text_zh,code\n甲,1\n乙,\n");
  auto list = LoadChecklist(path);
  ASSERT_FALSE(list.ok());
  EXPECT_THAT(list.status().message(), HasSubstr(path + ":3:2: code is empty"));
}

TEST_F(ChecklistFileTest, BadVerifiedFlagNamesRowAndColumn) {
  const std::string path = Write("flag.csv", "code,text_zh,verified\n1,甲,V\n2,乙,yes\n");
  auto list = LoadChecklist(path);
  ASSERT_FALSE(list.ok());
  EXPECT_THAT(list.status().message(), HasSubstr(path + ":3:3: verified is \"yes\", expected V or U"));
}

TEST_F(ChecklistFileTest, MissingColumnNamesTheHeaderRow) {
  const std::string path = Write("nocol.csv", "code,text\n1,甲\n");
  auto list = LoadChecklist(path);
  ASSERT_FALSE(list.ok());
  EXPECT_THAT(list.status().message(), HasSubstr(path + ":1: no column \"text_zh\""));
}

TEST_F(ChecklistFileTest, HeaderOnlyAndMissingFileAreRefused) {
  auto header_only = LoadChecklist(Write("header.csv", "code,text_zh\n"));
  ASSERT_FALSE(header_only.ok());
  EXPECT_THAT(header_only.status().message(), HasSubstr("no items"));
  auto missing = LoadChecklist((dir_ / "absent.csv").string());
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
}

TEST_F(ChecklistFileTest, CriteriaFileWithWrongCountOrOrderIsRefused) {
  std::filesystem::create_directories(dir_ / "inspect");
  std::string text = "code,text_zh\n";
  for (int i = 1; i <= 19; ++i) text += std::to_string(i) + ",条\n";
  Write("inspect/major_hidden_hazard_criteria.csv", text);
  auto short_list = LoadMajorHiddenHazardCriteria(dir_.string());
  ASSERT_FALSE(short_list.ok());
  EXPECT_THAT(short_list.status().message(), HasSubstr("19 items"));
  Write("inspect/major_hidden_hazard_criteria.csv", text + "21,条\n");
  auto bad_code = LoadMajorHiddenHazardCriteria(dir_.string());
  ASSERT_FALSE(bad_code.ok());
  EXPECT_THAT(bad_code.status().message(), HasSubstr("item 20 has code \"21\""));
}

}  // namespace
}  // namespace chemsafe::inspect
