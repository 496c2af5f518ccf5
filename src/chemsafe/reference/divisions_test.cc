#include "chemsafe/reference/divisions.h"

#include <filesystem>
#include <fstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace chemsafe::reference {
namespace {

using ::testing::HasSubstr;

const DivisionTable& Table() {
  static const DivisionTable* table = [] {
    auto r = LoadDivisionTable(CHEMSAFE_TEST_DATA_DIR);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return new DivisionTable(r.ok() ? std::move(r).value() : DivisionTable{});
  }();
  return *table;
}

// Row counts from data/PROVENANCE.md §2: 31 provinces, 342 cities, 2978 counties, 41352 townships.
TEST(LoadDivisionTableTest, LoadsAllOfChina) {
  EXPECT_EQ(Table().size(), 31u + 342u + 2978u + 41352u);
}

TEST(LoadDivisionTableTest, KnowsShenzhenNanshan) {
  const Division* d = Table().Find("440305");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->name, "南山区");
  EXPECT_EQ(d->parent_code, "4403");
  EXPECT_EQ(d->level, 3);
  EXPECT_EQ(Table().FullName("440305"), "广东省深圳市南山区");
  // Guangdong: 21 prefecture-level cities (PROVENANCE.md §2).
  EXPECT_EQ(Table().Children("44").size(), 21u);
  auto code = DivisionCode::Parse("440300", Table());
  ASSERT_TRUE(code.ok());
  EXPECT_EQ(code->str(), "4403");
  EXPECT_FALSE(DivisionCode::Parse("449999", Table()).ok());
}

TEST(LoadDivisionTableTest, TownshipsHangBelowCounties) {
  auto kids = Table().Children("440305");
  ASSERT_FALSE(kids.empty());
  for (const Division* k : kids) {
    EXPECT_EQ(k->level, 4);
    EXPECT_EQ(k->code.substr(0, 6), "440305");
  }
}

class BadDivisionFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("chemsafe_div_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_ / "admin_divisions");
    Write("provinces.csv", "code,name\n44,\"广东省\"\n");
    Write("cities.csv", "code,name,provinceCode\n4403,\"深圳市\",44\n");
    Write("areas.csv", "code,name,cityCode,provinceCode\n440305,\"南山区\",4403,44\n");
    Write("streets.csv", "code,name,areaCode,provinceCode,cityCode\n440305001,\"南头街道\",440305,44,4403\n");
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  void Write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / "admin_divisions" / name) << text;
  }
  std::filesystem::path dir_;
};

TEST_F(BadDivisionFilesTest, SmallValidSetLoads) {
  auto r = LoadDivisionTable(dir_.string());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->size(), 4u);
}

TEST_F(BadDivisionFilesTest, UnknownParentNamesFileAndRow) {
  Write("areas.csv", "code,name,cityCode,provinceCode\n440305,\"南山区\",4403,44\n440101,\"x\",4401,44\n");
  auto r = LoadDivisionTable(dir_.string());
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.status().message(), HasSubstr("areas.csv:3:"));
  EXPECT_THAT(r.status().message(), HasSubstr("4401"));
}

TEST_F(BadDivisionFilesTest, BadCodeLengthNamesFileAndRow) {
  Write("cities.csv", "code,name,provinceCode\n4403,\"深圳市\",44\n440,\"x\",44\n");
  auto r = LoadDivisionTable(dir_.string());
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.status().message(), HasSubstr("cities.csv:3: code \"440\" must have 4 digits"));
}

TEST_F(BadDivisionFilesTest, MissingFileIsNotFound) {
  std::filesystem::remove(dir_ / "admin_divisions" / "streets.csv");
  auto r = LoadDivisionTable(dir_.string());
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.status().message(), HasSubstr("streets.csv"));
}

}  // namespace
}  // namespace chemsafe::reference
