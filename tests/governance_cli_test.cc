// The governance CLI contracts of issue 8 end to end: `governance due --quarter Q` prints only the due date of the
// quarter's reports; `governance obligations --unit NAME [--json]` lists every obligation of a unit named by any
// alias; a unit or quarter that does not exist is refused; another plan file with its own units.json beside it is
// read. On a database: `governance status --db --as-of [--json]` counts on time / late / missing / pending by unit
// (the default plan when none is stored; the synthetic demo's history otherwise); `governance notice` writes the
// quarter's situation notice as PDF and XLSX.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "cli_shell.h"

namespace {

using json = nlohmann::json;

using chemsafe::testing::Outcome;
using chemsafe::testing::Shell;

class GovernanceCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("chemsafe-governance-cli-" + std::to_string(getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  Outcome Run(const std::string& args) { return Shell(std::string(CHEMSAFE_BINARY) + " " + args, dir_); }

  std::filesystem::path dir_;
  const std::string plan_ = std::string(CHEMSAFE_TEST_DATA_DIR) + "/governance/guangdong-2017-plan.json";
};

// 2017Q3: 10-01..10-08 off, 10-09 Mon … 10-13 Fri is the 5th working day (governance/obligations_test.cc).
TEST_F(GovernanceCli, DuePrintsOnlyTheDate) {
  Outcome r = Run("governance due --plan " + plan_ + " --quarter 2017Q3");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "2017-10-13\n");
  r = Run("governance due --quarter 2020Q3");  // the default plan
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "2020-10-14\n");
  r = Run("governance due --quarter 2017Q5");
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("--quarter"), std::string::npos) << r.err;
  EXPECT_EQ(r.out, "");
}

TEST_F(GovernanceCli, ObligationsOfAUnitByAnyAlias) {
  Outcome r = Run("governance obligations --plan " + plan_ + " --unit 安全监管局 --json");
  ASSERT_EQ(r.code, 0) << r.err;
  json j = json::parse(r.out);
  EXPECT_EQ(j["unit"]["id"], "gd_safety_supervision");
  ASSERT_EQ(j["obligations"].size(), 14u);
  EXPECT_EQ(j["obligations"][0]["kind"], "liaison");
  EXPECT_EQ(j["obligations"][0]["due"], "2017-02-20");
  EXPECT_EQ(j["obligations"][1]["kind"], "implementation_plan");
  EXPECT_EQ(j["obligations"][1]["due"], "2017-02-28");
  EXPECT_EQ(j["obligations"][4]["quarter"], "2017Q3");
  EXPECT_EQ(j["obligations"][4]["due"], "2017-10-13");
  EXPECT_EQ(j["obligations"][4]["tasks"][2]["task"], 3);
  EXPECT_EQ(j["obligations"][4]["tasks"][2]["role"], "lead");
  EXPECT_EQ(j["obligations"][13]["kind"], "summary");
  EXPECT_EQ(j["obligations"][13]["due"], "2019-11-15");

  r = Run("governance obligations --unit 顺德区");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("佛山市顺德区人民政府"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("2017-10-13  quarterly_report"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("T34"), std::string::npos) << r.out;

  r = Run("governance obligations --unit 火星局");
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("\"火星局\" is not a unit"), std::string::npos) << r.err;
  r = Run("governance obligations --unit 省各有关单位");
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("collective"), std::string::npos) << r.err;
}

// A city's own plan (synthetic) in another folder, with a units.json beside it, loads in the same format.
TEST_F(GovernanceCli, AnotherPlanWithItsOwnUnits) {
  std::ofstream(dir_ / "units.json") << R"({"units": [
    {"id": "demo_city", "name": "示例市人民政府（演示）", "kind": "city", "aliases": ["示例市"], "division_code": "449900"},
    {"id": "demo_bureau", "name": "示例市应急管理局（演示）", "kind": "provincial", "aliases": ["市应急管理局"]}]})";
  std::ofstream(dir_ / "plan.json") << R"({"code": "示例市安委办〔2020〕1号（演示）", "title": "示例方案（演示）",
    "issued": "2020-03-01", "phases": [],
    "reporting": {"reporting_units": ["demo_bureau"], "recipient": "市安委办", "implementation_plan_due": "2020-03-31",
      "liaison_due": "2020-03-20", "quarterly_report_working_days": 3, "first_quarter": "2020Q2",
      "last_quarter": "2020Q3", "summary_due": "2020-12-15"},
    "groups": [{"number": 1, "label": "一", "title": "示例（演示）"}],
    "tasks": [{"number": 1, "group": 1, "title": "示例任务", "text": "示例任务。",
      "assignments": [{"lead_units": ["市应急管理局"], "co_units": [], "deadline": "持续推进",
        "milestones": [{"kind": "continuous", "text": "持续推进"}]}]}]})";
  const std::string plan = (dir_ / "plan.json").string();
  // 2020Q3 + 3 working days: 10-01..10-08 off, 10-09 Fri 1, 10-10 Sat (adjusted working day) 2, 10-12 Mon 3.
  Outcome r = Run("governance due --plan " + plan + " --quarter 2020Q3");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "2020-10-12\n");
  r = Run("governance obligations --plan " + plan + " --unit 市应急管理局 --json");
  ASSERT_EQ(r.code, 0) << r.err;
  json j = json::parse(r.out);
  ASSERT_EQ(j["obligations"].size(), 5u);  // liaison, plan, 2020Q2, 2020Q3, summary
  EXPECT_EQ(j["obligations"][3]["due"], "2020-10-12");
  r = Run("governance obligations --plan " + plan + " --unit 示例市");  // not a reporting unit of this plan
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("not among the reporting units"), std::string::npos) << r.err;
}

// A database without a stored plan: the default plan with nothing filed. As of 2017-10-20 every unit owes the
// liaison names (02-20), the implementation plan (02-28) and 2017Q1–Q3 (due 04-10, 07-07, 10-13): 5 missing; the
// other 9 (2017Q4 … 2019Q3 and the summary) are pending.
TEST_F(GovernanceCli, StatusCountsByUnit) {
  const std::string db = (dir_ / "g.db").string();
  Outcome r = Run("governance status --db " + db + " --as-of 2017-10-20 --json");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.err.find("no plan is stored"), std::string::npos) << r.err;
  json j = json::parse(r.out);
  EXPECT_EQ(j["as_of"], "2017-10-20");
  ASSERT_EQ(j["units"].size(), 58u);
  for (const auto& u : j["units"]) {
    EXPECT_EQ(u["missing"], 5) << u["unit"];
    EXPECT_EQ(u["pending"], 9) << u["unit"];
    EXPECT_EQ(u["on_time"], 0);
    EXPECT_EQ(u["late"], 0);
  }
  EXPECT_EQ(j["totals"]["missing"], 58 * 5);
  r = Run("governance status --db " + db + " --as-of 2017-13-01");
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("--as-of"), std::string::npos) << r.err;

  // The synthetic history: every obligation due by 2020 is on time, late or missing, and the counts add up.
  r = Run("demo governance --db " + db + " --today 2020-01-01");
  ASSERT_EQ(r.code, 0) << r.err;
  const json demo = json::parse(r.out);
  EXPECT_TRUE(demo["synthetic"].get<bool>());
  r = Run("governance status --db " + db + " --as-of 2020-01-01 --json");
  ASSERT_EQ(r.code, 0) << r.err;
  j = json::parse(r.out);
  EXPECT_EQ(j["totals"]["pending"], 0);
  EXPECT_EQ(j["totals"]["late"], demo["late"]);
  EXPECT_EQ(j["totals"]["missing"], demo["missing"]);
  EXPECT_EQ(j["totals"]["on_time"].get<int>() + j["totals"]["late"].get<int>(), demo["reports"].get<int>());
  r = Run("governance status --db " + db + " --as-of 2020-01-01");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("深圳市人民政府\t"), std::string::npos) << r.out;
  r = Run("demo governance --db " + db + " --if-empty");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("skipped"), std::string::npos);

  const std::string pdf = (dir_ / "notice.pdf").string(), xlsx = (dir_ / "notice.xlsx").string();
  r = Run("governance notice --db " + db + " --quarter 2017Q3 --as-of 2017-10-20 -o " + pdf);
  ASSERT_EQ(r.code, 0) << r.err;
  std::ifstream in(pdf, std::ios::binary);
  std::string head(5, '\0');
  in.read(head.data(), 5);
  EXPECT_EQ(head, "%PDF-");
  r = Run("governance notice --db " + db + " --quarter 2017Q3 --format xlsx -o " + xlsx);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(std::filesystem::file_size(xlsx) > 0);
  r = Run("governance notice --db " + db + " --quarter 2021Q1 -o " + pdf);
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("not a quarter of the plan"), std::string::npos) << r.err;
}

}  // namespace

