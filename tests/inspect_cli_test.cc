// The inspection commands end to end on a small synthetic province: `demo inspect` makes a history (and once
// only with --if-empty); `inspect findings list` filters by state and grade, `findings show` gives one as
// JSON (and refuses an unknown id); `inspect overdue` lists the overdue findings with their escalation level,
// most overdue first; `inspect stats` groups them; `inspect plan` gives every enterprise its due government
// inspections at its risk grade's frequency; bad options are refused naming the option.
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

class InspectCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("chemsafe-inspect-cli-" + std::to_string(getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    db_ = (dir_ / "i.db").string();
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  Outcome Run(const std::string& args) { return Shell(std::string(CHEMSAFE_BINARY) + " " + args, dir_); }

  std::filesystem::path dir_;
  std::string db_;
};

TEST_F(InspectCli, DemoHistoryListsShowOverdueAndStats) {
  ASSERT_EQ(Run("demo generate --seed 7 --enterprises 40 --db " + db_).code, 0);
  Outcome demo = Run("demo inspect --seed 3 --today 2026-11-29 --inspected-share 1 --self-share 0.5 --db " + db_);
  ASSERT_EQ(demo.code, 0) << demo.err;
  const json made = json::parse(demo.out);
  EXPECT_TRUE(made["synthetic"].get<bool>());
  const int findings = made["findings"];
  ASSERT_GT(findings, 0);
  const Outcome again = Run("demo inspect --if-empty --db " + db_);
  ASSERT_EQ(again.code, 0) << again.err;
  EXPECT_EQ(json::parse(again.out)["findings"], 0) << "a database with inspections gets no more";

  Outcome list = Run("inspect findings list --json --db " + db_);
  ASSERT_EQ(list.code, 0) << list.err;
  const json all = json::parse(list.out);
  ASSERT_EQ(static_cast<int>(all.size()), findings);
  for (const auto& f : all) {
    EXPECT_NE(f["report"]["description"].get<std::string>().find("（演示）"), std::string::npos) << "marked synthetic";
  }
  Outcome closed = Run("inspect findings list --json --state closed --db " + db_);
  ASSERT_EQ(closed.code, 0) << closed.err;
  EXPECT_EQ(static_cast<int>(json::parse(closed.out).size()), made["by_state"].value("closed", 0));
  for (const auto& f : json::parse(closed.out)) EXPECT_EQ(f["state"], "closed");
  Outcome major = Run("inspect findings list --json --grade major --db " + db_);
  ASSERT_EQ(major.code, 0) << major.err;
  EXPECT_EQ(static_cast<int>(json::parse(major.out).size()), made["major"].get<int>());
  Outcome text = Run("inspect findings list --db " + db_);
  ASSERT_EQ(text.code, 0) << text.err;
  EXPECT_NE(text.out.find(std::to_string(findings) + " findings"), std::string::npos) << text.out;

  const std::string id = all[0]["id"];
  Outcome show = Run("inspect findings show --id " + id + " --db " + db_);
  ASSERT_EQ(show.code, 0) << show.err;
  EXPECT_EQ(json::parse(show.out)["id"], id);
  Outcome missing = Run("inspect findings show --id 999999 --db " + db_);
  EXPECT_EQ(missing.code, 1);
  EXPECT_NE(missing.err.find("finding 999999: not found"), std::string::npos) << missing.err;

  Outcome overdue = Run("inspect overdue --on 2026-11-29 --json --db " + db_);
  ASSERT_EQ(overdue.code, 0) << overdue.err;
  const json late = json::parse(overdue.out);
  EXPECT_EQ(static_cast<int>(late.size()), made["overdue"].get<int>());
  int before = 1 << 30;
  for (const auto& o : late) {
    EXPECT_GT(o["days_overdue"].get<int>(), 0);
    EXPECT_LE(o["days_overdue"].get<int>(), before) << "most overdue first";
    before = o["days_overdue"];
    EXPECT_TRUE(o["escalation"].is_string());
  }
  Outcome bad_day = Run("inspect overdue --on 2026-13-01 --db " + db_);
  EXPECT_EQ(bad_day.code, 1);
  EXPECT_NE(bad_day.err.find("--on: \"2026-13-01\""), std::string::npos) << bad_day.err;

  Outcome stats = Run("inspect stats --by month --json --db " + db_);
  ASSERT_EQ(stats.code, 0) << stats.err;
  int total = 0;
  for (const auto& row : json::parse(stats.out)) total += row["total"].get<int>();
  EXPECT_EQ(total, findings);
  Outcome bad_by = Run("inspect stats --by colour --db " + db_);
  EXPECT_EQ(bad_by.code, 1);
  EXPECT_NE(bad_by.err.find("--by: \"colour\""), std::string::npos) << bad_by.err;
  Outcome bad_state = Run("inspect findings list --state open --db " + db_);
  EXPECT_EQ(bad_state.code, 1);
  EXPECT_NE(bad_state.err.find("--state: \"open\""), std::string::npos) << bad_state.err;
}

// With no grid officer, every enterprise is in the group with no officer; with no risk point one is planned
// as general (6 months in the shipped table), and its due dates follow its government inspections.
TEST_F(InspectCli, PlanByOfficer) {
  ASSERT_EQ(Run("demo generate --seed 7 --enterprises 30 --db " + db_).code, 0);
  ASSERT_EQ(Run("demo inspect --seed 3 --today 2026-11-29 --inspected-share 0.5 --db " + db_).code, 0);
  Outcome plan = Run("inspect plan --from 2026-12-01 --to 2027-05-31 --as-of 2026-12-01 --json --db " + db_);
  ASSERT_EQ(plan.code, 0) << plan.err;
  const json j = json::parse(plan.out);
  EXPECT_EQ(j["as_of"], "2026-12-01");
  ASSERT_EQ(j["officers"].size(), 1u);
  EXPECT_EQ(j["officers"][0]["user_id"], 0);
  const json& enterprises = j["officers"][0]["enterprises"];
  EXPECT_EQ(enterprises.size(), 30u);
  int overdue = 0;
  for (const auto& e : enterprises) {
    EXPECT_EQ(e["grade"], "general");
    EXPECT_TRUE(e["grade_assumed"].get<bool>()) << "no risk point in this database";
    EXPECT_EQ(e["interval_months"], 6);
    if (e["status"] == "overdue") ++overdue;
    EXPECT_NE(e["status"], "none") << "a 6-month interval has a due date in a 6-month period";
  }
  EXPECT_EQ(j["officers"][0]["overdue"], overdue);
  Outcome text = Run("inspect plan --from 2026-12-01 --to 2027-05-31 --as-of 2026-12-01 --db " + db_);
  ASSERT_EQ(text.code, 0) << text.err;
  EXPECT_NE(text.out.find("（未分配网格员）"), std::string::npos) << text.out;
  Outcome nobody = Run("inspect plan --from 2026-12-01 --to 2027-05-31 --as-of 2026-12-01 --officer nobody --db " + db_);
  EXPECT_EQ(nobody.code, 1);
  EXPECT_NE(nobody.err.find("officer: nobody"), std::string::npos) << nobody.err;
  Outcome bad = Run("inspect plan --from 2026-12-01 --to 2027-02-30 --as-of 2026-12-01 --db " + db_);
  EXPECT_EQ(bad.code, 1);
  EXPECT_NE(bad.err.find("--to: \"2027-02-30\""), std::string::npos) << bad.err;
  Outcome table = Run("inspect plan --from 2026-12-01 --to 2027-05-31 --as-of 2026-12-01 --frequencies " +
                      (dir_ / "none.csv").string() + " --db " + db_);
  EXPECT_EQ(table.code, 1);
  EXPECT_NE(table.err.find("none.csv: cannot open"), std::string::npos) << table.err;

  // A grid officer (网格员) assigned one enterprise gets a group of their own; the others stay unassigned.
  const std::string uscc = enterprises[0]["uscc"];
  { std::ofstream(dir_ / "pw.txt") << "Grid#Officer2026\n"; }
  ASSERT_EQ(Run("user add --role grid --name grid1 --display-name 网格员甲 --password-file " + (dir_ / "pw.txt").string() +
                " --db " + db_).code,
            0);
  Outcome assigned = Run("user assign-grid --name grid1 --enterprise " + uscc + " --db " + db_);
  ASSERT_EQ(assigned.code, 0) << assigned.err;
  EXPECT_EQ(Run("user assign-grid --name grid1 --enterprise 91440000XXXXXXXXXX --db " + db_).code, 1) << "not in the registry";
  Outcome mine = Run("inspect plan --from 2026-12-01 --to 2027-05-31 --as-of 2026-12-01 --officer grid1 --json --db " + db_);
  ASSERT_EQ(mine.code, 0) << mine.err;
  const json g = json::parse(mine.out);
  ASSERT_EQ(g["officers"].size(), 1u);
  EXPECT_EQ(g["officers"][0]["username"], "grid1");
  ASSERT_EQ(g["officers"][0]["enterprises"].size(), 1u);
  EXPECT_EQ(g["officers"][0]["enterprises"][0]["uscc"], uscc);
}

}  // namespace
