// The shipped risk grading tables load, and a missing or broken file is named.
#include "chemsafe/reference/risk_files.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include <fmt/format.h>

#include "chemsafe/reference/data_dir.h"

namespace chemsafe::reference {
namespace {

using ::testing::HasSubstr;

TEST(RiskFiles, ShippedTablesLoad) {
  auto m = LoadRiskMethods(DataDir());
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  EXPECT_EQ(m->lec.bands.size(), 5u);
  EXPECT_EQ(m->matrix.levels_l, 5);
  EXPECT_EQ(m->floors.size(), 2u);
}

TEST(RiskFiles, ABrokenFileIsNamed) {
  const auto dir = std::filesystem::temp_directory_path() / fmt::format("chemsafe-risk-files-{}", ::getpid());
  std::filesystem::create_directories(dir / "risk");
  for (const char* f : {kLecScalesFile, kLecBandsFile, kRiskMatrixFile, kFloorRulesFile}) {
    std::filesystem::copy_file(std::filesystem::path(DataDir()) / f, dir / f);
  }
  {
    std::ofstream out(dir / kRiskMatrixFile, std::ios::app);
    out << "6,low,low,low,low,low\n";  // lower than row 5
  }
  auto m = LoadRiskMethods(dir.string());
  EXPECT_THAT(m.status().message(), HasSubstr("ls_matrix.csv"));
  std::filesystem::remove(dir / kFloorRulesFile);
  std::filesystem::remove(dir / kRiskMatrixFile);
  m = LoadRiskMethods(dir.string());
  EXPECT_EQ(m.status().code(), StatusCode::kNotFound);
  EXPECT_THAT(m.status().message(), HasSubstr("ls_matrix.csv: cannot open"));
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace chemsafe::reference
