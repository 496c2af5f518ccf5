// The risk commands end to end on a small synthetic province: `risk grade` gives the LEC band and grade and the
// floors; `demo risk` gives the units risk points (graded through the service, so the floors apply); `risk
// points save` stores a point from JSON and refuses a broken one naming the JSON path, storing nothing; a change
// makes version 2 and `show --version 1` gives the point as it was.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "cli_shell.h"

namespace {

using json = nlohmann::json;

using chemsafe::testing::Outcome;
using chemsafe::testing::Shell;

class RiskCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("chemsafe-risk-cli-" + std::to_string(getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    db_ = (dir_ / "r.db").string();
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  Outcome Run(const std::string& args) { return Shell(std::string(CHEMSAFE_BINARY) + " " + args, dir_); }
  std::string Write(const std::string& name, const std::string& text) {
    const auto p = dir_ / name;
    std::ofstream(p) << text;
    return p.string();
  }

  std::filesystem::path dir_;
  std::string db_;
};

// data/risk: L 3, E 6, C 15 gives D = 270, 高度危险 (160 < D <= 320), 较大; a grade-2 major hazard
// installation raises D = 18 (稍有危险, 低) to 较大.
TEST_F(RiskCli, GradeGivesBandGradeAndFloors) {
  Outcome r = Run("risk grade --lec 3 6 15 --json");
  ASSERT_EQ(r.code, 0) << r.err;
  json j = json::parse(r.out);
  EXPECT_EQ(j["d"], 270.0);
  EXPECT_EQ(j["band"], "高度危险");
  EXPECT_EQ(j["grade"], "larger");
  r = Run("risk grade --lec 1 6 3 --mhi-grade 2 --json");
  j = json::parse(r.out);
  EXPECT_EQ(j["assessed_grade"], "low");
  EXPECT_EQ(j["grade"], "larger");
  EXPECT_EQ(j["floors"][0]["id"], "mhi_grade_1_2");
  r = Run("risk grade --lec 3 4 15");
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("E: 4 is not on the scale"), std::string::npos) << r.err;
}

TEST_F(RiskCli, DemoSaveChangeAndVersions) {
  ASSERT_EQ(Run("demo generate --seed 7 --enterprises 40 --db " + db_).code, 0);
  ASSERT_EQ(Run("hazard run --db " + db_).code, 0);
  Outcome demo = Run("demo risk --db " + db_ + " --per-enterprise 1");
  ASSERT_EQ(demo.code, 0) << demo.err;
  const json made = json::parse(demo.out);
  EXPECT_TRUE(made["synthetic"].get<bool>());
  const int points = made["points"];
  EXPECT_GT(points, 0);
  const Outcome again = Run("demo risk --db " + db_ + " --if-empty");
  ASSERT_EQ(again.code, 0) << again.err;
  EXPECT_EQ(json::parse(again.out)["points"], 0) << "a database with risk points gets no more";
  Outcome list = Run("risk points list --json --db " + db_);
  ASSERT_EQ(list.code, 0) << list.err;
  const json all = json::parse(list.out);
  ASSERT_EQ(static_cast<int>(all.size()), points);
  for (const auto& p : all) EXPECT_NE(p["name"].get<std::string>().find("（演示）"), std::string::npos) << "marked synthetic";

  json point = all[0];
  point.erase("id");
  point.erase("version");
  point["name"] = "新风险点";
  point["measures"][0]["category"] = "plan";
  Outcome bad = Run("risk points save --db " + db_ + " " + Write("bad.json", point.dump()));
  EXPECT_EQ(bad.code, 1);
  EXPECT_NE(bad.err.find("measures[0].category: \"plan\""), std::string::npos) << bad.err;
  EXPECT_EQ(json::parse(Run("risk points list --json --db " + db_).out).size(), all.size()) << "nothing stored";

  json change = all[0];
  change["assessment"] = {{"method", "lec"}, {"l", 10}, {"e", 6}, {"c", 7}};
  Outcome saved = Run("risk points save --db " + db_ + " " + Write("change.json", change.dump()));
  ASSERT_EQ(saved.code, 0) << saved.err;
  EXPECT_EQ(json::parse(saved.out)["version"], 2);
  EXPECT_EQ(json::parse(saved.out)["grade"], "major");
  const std::string id = std::to_string(all[0]["id"].get<long>());
  Outcome v1 = Run("risk points show --db " + db_ + " " + id + " --version 1");
  ASSERT_EQ(v1.code, 0) << v1.err;
  EXPECT_EQ(json::parse(v1.out)["grade"], all[0]["grade"]);
  EXPECT_EQ(json::parse(v1.out)["version"], 1);
  Outcome stale = Run("risk points save --db " + db_ + " " + Write("stale.json", all[0].dump()));
  EXPECT_EQ(stale.code, 1);
  EXPECT_NE(stale.err.find("changed by"), std::string::npos) << stale.err;
}

}  // namespace
