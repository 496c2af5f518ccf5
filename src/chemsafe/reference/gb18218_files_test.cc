#include "chemsafe/reference/gb18218_files.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace chemsafe::reference {
namespace {

using ::testing::HasSubstr;

TEST(LoadGb18218Tables, ShippedTables) {
  auto t = LoadGb18218Tables(CHEMSAFE_TEST_DATA_DIR);
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(t->edition, "GB 18218-2018");
  ASSERT_EQ(t->table1.size(), 85u);  // GB 18218-2018 Table 1: 85 rows
  const auto* chlorine = t->Table1BySeq(12);
  ASSERT_NE(chlorine, nullptr);
  EXPECT_EQ(chlorine->name, "氯");
  EXPECT_EQ(chlorine->aliases, (std::vector<std::string>{"液氯", "氯气"}));
  EXPECT_DOUBLE_EQ(chlorine->critical_quantity_t, 5);  // GB 18218-2018 Table 1 row 12: 氯 5 t
  EXPECT_TRUE(t->Table1BySeq(13)->cas_numbers.empty());  // 煤气
  EXPECT_EQ(t->Table1BySeq(49)->cas_numbers, (std::vector<std::string>{"74-82-8", "8006-14-2"}));
  EXPECT_EQ(t->Table1BySeq(52)->cas_numbers, (std::vector<std::string>{"68476-85-7", "74-98-6", "106-97-8"}));
  EXPECT_EQ(t->Table1ByCas("9004-70-0").size(), 6u);  // 硝化纤维素, rows 37-42
  auto an = t->Table1ByCas("6484-52-2");
  ASSERT_EQ(an.size(), 2u);  // 硝酸铵, rows 43-44: 5 t and 50 t
  EXPECT_DOUBLE_EQ(an[0]->critical_quantity_t, 5);
  EXPECT_DOUBLE_EQ(an[1]->critical_quantity_t, 50);
  EXPECT_EQ(t->table2.size(), 24u);
  EXPECT_DOUBLE_EQ(t->Table2BySymbol("J1")->critical_quantity_t, 5);     // Table 2: J1 5 t
  EXPECT_DOUBLE_EQ(t->Table2BySymbol("W5.4")->critical_quantity_t, 5000);  // Table 2: W5.4 5000 t
  EXPECT_EQ(t->table3.size(), 14u);
  EXPECT_EQ(t->BetaForToxicGas("碳酰氯"), 20.0);  // Table 3
  EXPECT_EQ(t->BetaForCategory("J1"), 4.0);      // Table 4
  EXPECT_EQ(t->BetaForCategory("W2"), 1.5);
  EXPECT_EQ(t->AlphaForPopulation(120), 2.0);    // Table 5
  EXPECT_EQ(t->AlphaForPopulation(0), 0.5);
  EXPECT_EQ(t->GradeForR(150), 1);               // Table 6
  EXPECT_EQ(t->GradeForR(5), 4);
}

class BrokenTables : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("chemsafe_gb18218_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_ / "gb18218_2018");
    std::filesystem::copy(std::string(CHEMSAFE_TEST_DATA_DIR) + "/gb18218_2018", dir_ / "gb18218_2018",
                          std::filesystem::copy_options::recursive | std::filesystem::copy_options::overwrite_existing);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  void Replace(const std::string& file, const std::string& from, const std::string& to) {
    const auto path = dir_ / "gb18218_2018" / file;
    std::ifstream in(path);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto at = text.find(from);
    ASSERT_NE(at, std::string::npos);
    text.replace(at, from.size(), to);
    std::ofstream(path, std::ios::trunc) << text;
  }
  std::filesystem::path dir_;
};

TEST_F(BrokenTables, BadCasNamesFileRowColumn) {
  Replace("gb18218_2018_table1_named_substances.csv", "7782-50-5", "7782-50-6");
  auto t = LoadGb18218Tables(dir_.string());
  ASSERT_FALSE(t.ok());
  EXPECT_THAT(t.status().message(), HasSubstr("gb18218_2018_table1_named_substances.csv:13:4: cas"));
}

TEST_F(BrokenTables, BadNumberAndMissingRow) {
  Replace("gb18218_2018_table5_alpha_exposed_population.csv", "1.5", "x");
  auto t = LoadGb18218Tables(dir_.string());
  ASSERT_FALSE(t.ok());
  EXPECT_THAT(t.status().message(), HasSubstr("gb18218_2018_table5_alpha_exposed_population.csv:3:4: alpha \"x\""));
  Replace("gb18218_2018_table5_alpha_exposed_population.csv", "x", "1.5");
  Replace("gb18218_2018_table1_named_substances.csv", "2,二氟化氧", "3,二氟化氧");
  auto u = LoadGb18218Tables(dir_.string());
  ASSERT_FALSE(u.ok());
  EXPECT_THAT(u.status().message(), HasSubstr("gb18218_2018_table1_named_substances.csv:3:1: seq is 3, expected 2"));
}

TEST(LoadGb18218Tables, MissingFolder) {
  auto t = LoadGb18218Tables("/nonexistent");
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace chemsafe::reference
