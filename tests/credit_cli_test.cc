// The credit commands end to end on a small synthetic province (issue 7; cli/credit_commands.cc): `demo credit`
// lists at least 3 enterprises, some removed after credit repair, insures most, and is skipped by --if-empty
// once made; the public list holds the listings in force and `trace blacklist list` reads the same table;
// `credit blacklist add` lists another enterprise and refuses one the registry lacks; `remove --kind revoked`
// takes one off the public list; `credit insurance gaps` gives the expiring and missing cover the demo made.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include <filesystem>
#include <set>
#include <sstream>
#include <string>

#include "cli_shell.h"

namespace {

using json = nlohmann::json;

using chemsafe::testing::Outcome;
using chemsafe::testing::Shell;

class CreditCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("chemsafe-credit-cli-" + std::to_string(getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    db_ = (dir_ / "c.db").string();
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  Outcome Run(const std::string& args) { return Shell(std::string(CHEMSAFE_BINARY) + " " + args, dir_); }
  json RunJson(const std::string& args) {
    const Outcome r = Run(args);
    EXPECT_EQ(r.code, 0) << args << ": " << r.err;
    return r.code == 0 ? json::parse(r.out) : json();
  }

  std::filesystem::path dir_;
  std::string db_;
};

TEST_F(CreditCli, DemoPublicListAddRemoveAndGaps) {
  ASSERT_EQ(Run("demo generate --seed 7 --enterprises 40 --db " + db_).code, 0);
  const json made = RunJson("demo credit --db " + db_ + " --seed 3 --today 2026-11-29");
  ASSERT_TRUE(made["synthetic"].get<bool>());
  const int listed = made["listed"];
  const int removed = made["removed_after_repair"];
  EXPECT_GE(listed, 3);
  EXPECT_EQ(made["policies"].get<int>() + made["uninsured"].get<int>(), made["enterprises"].get<int>());
  EXPECT_EQ(RunJson("demo credit --db " + db_ + " --if-empty")["listed"], 0) << "made once";

  json shown = RunJson("credit blacklist list --public --on 2026-11-29 --json --db " + db_);
  ASSERT_EQ(static_cast<int>(shown.size()), listed - removed);
  for (const auto& p : shown) EXPECT_NE(p["reason"].get<std::string>().find("（演示）"), std::string::npos);
  const Outcome trace = Run("trace blacklist list --db " + db_);
  ASSERT_EQ(trace.code, 0) << trace.err;
  std::istringstream lines(trace.out);
  int rows = 0;
  for (std::string line; std::getline(lines, line);) ++rows;
  EXPECT_EQ(rows, listed) << "one table, read by the trace commands too";

  const json gaps = RunJson("credit insurance gaps --on 2026-11-29 --json --db " + db_);
  EXPECT_EQ(static_cast<int>(gaps["expiring"].size()), made["expiring"].get<int>());
  EXPECT_EQ(static_cast<int>(gaps["missing"].size()), made["expired"].get<int>() + made["uninsured"].get<int>());

  // An enterprise not listed yet: every enterprise is in the gaps when "expiring" spans ten years.
  std::set<std::string> on_list;
  for (const auto& l : RunJson("credit blacklist list --json --db " + db_)) on_list.insert(l["uscc"].get<std::string>());
  std::string other;
  const json all = RunJson("credit insurance gaps --on 2026-11-29 --within 3660 --json --db " + db_);
  for (const char* part : {"expiring", "missing"}) {
    for (const auto& g : all[part]) {
      if (other.empty() && on_list.count(g["enterprise_uscc"].get<std::string>()) == 0) other = g["enterprise_uscc"];
    }
  }
  ASSERT_FALSE(other.empty());
  const std::string add = "credit blacklist add --db " + db_ +
                          " --reason 瞒报事故 --legal-basis 办法 --decision-unit 省应急管理厅 --decided-on 2026-11-01 --uscc ";
  const json added = RunJson(add + other);
  EXPECT_EQ(added["period_last_day"], "2029-11-01");
  EXPECT_EQ(added["division_code"], "44") << "the CLI acts as the province office";
  const Outcome unknown = Run(add + "91440300MA5F99999X");
  EXPECT_EQ(unknown.code, 1);
  EXPECT_NE(unknown.err.find("not found"), std::string::npos) << unknown.err;
  const Outcome bad_kind = Run("credit blacklist remove --id 1 --kind gone --db " + db_);
  EXPECT_EQ(bad_kind.code, 1);
  EXPECT_NE(bad_kind.err.find("--kind"), std::string::npos) << bad_kind.err;

  shown = RunJson("credit blacklist list --public --on 2026-11-29 --json --db " + db_);
  ASSERT_EQ(static_cast<int>(shown.size()), listed - removed + 1);
  const json revoked = RunJson("credit blacklist remove --id " + added["id"].get<std::string>() +
                               " --kind revoked --on 2026-11-20 --note 决定撤销 --db " + db_);
  EXPECT_EQ(revoked["removal"]["kind"], "revoked");
  shown = RunJson("credit blacklist list --public --on 2026-11-29 --json --db " + db_);
  EXPECT_EQ(static_cast<int>(shown.size()), listed - removed);
}

}  // namespace
