// Reporting obligations (issue 8 acceptance "Due dates over 2017–2026 quarter ends agree with the holiday
// calendar"): golden due dates worked out by hand from data/holidays_cn, a sweep of every quarter end
// 2017Q1–2026Q3 against the holiday files read here on their own, and the obligations of a city and of a
// provincial unit under the 2017 plan.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "chemsafe/governance/obligations.h"
#include "chemsafe/governance/plan_files.h"
#include "chemsafe/governance/testing/plan_2017_fixture.h"
#include "chemsafe/reference/holidays.h"

namespace chemsafe::governance {
namespace {

class Obligations : public testing::Plan2017Fixture {
 protected:
  static std::string Due(const char* quarter) {
    auto d = QuarterlyReportDue(*Quarter::Parse(quarter), 5, *calendar_);
    return d.ok() ? d->str() : "error: " + d.status().message();
  }
};

// Worked by hand from data/holidays_cn/<year>.json (day counting starts the day after the quarter end; the
// quarter's last day itself never counts, even when it is an adjusted working day):
TEST_F(Obligations, GoldenDueDatesCheckedByHand) {
  // 2017Q1: 03-31 Fri. 04-01 Sat is an adjusted working day (清明) = 1; 04-02..04 off; 04-05 Wed 2, 04-06 3,
  // 04-07 Fri 4; weekend; 04-10 Mon 5.
  EXPECT_EQ(Due("2017Q1"), "2017-04-10");
  // 2017Q3: 09-30 Sat, an adjusted working day but the quarter end itself; 10-01..10-08 off (National Day +
  // Mid-Autumn); 10-09 Mon 1 … 10-13 Fri 5.
  EXPECT_EQ(Due("2017Q3"), "2017-10-13");
  // 2017Q4: 12-31 Sun; 2018-01-01 Mon off (元旦); 01-02 Tue 1 … 01-05 Fri 4; 01-08 Mon 5.
  EXPECT_EQ(Due("2017Q4"), "2018-01-08");
  // 2018Q3: 09-29/09-30 adjusted working days before the quarter's end don't count; 10-01..10-07 off;
  // 10-08 Mon 1 … 10-12 Fri 5.
  EXPECT_EQ(Due("2018Q3"), "2018-10-12");
  // 2018Q4: 12-31 Mon is itself a day off (元旦, listed in 2019.json); 2019-01-01 Tue off; 01-02 Wed 1, 01-03 2,
  // 01-04 Fri 3; weekend; 01-07 Mon 4, 01-08 Tue 5.
  EXPECT_EQ(Due("2018Q4"), "2019-01-08");
  // 2019Q4: 12-31 Tue; 2020-01-01 Wed off; 01-02 Thu 1, 01-03 Fri 2; weekend; 01-06 Mon 3 … 01-08 Wed 5. The
  // Spring Festival (2020-01-24..31, 01-19 worked) falls after the due date: no quarter end touches it, Q4's
  // reports are due in the first ten days of January every year 2017–2025.
  EXPECT_EQ(Due("2019Q4"), "2020-01-08");
  // 2020Q3: 09-30 Wed; 10-01..10-08 off (National Day + Mid-Autumn); 10-09 Fri 1; 10-10 Sat an adjusted working
  // day 2; 10-12 Mon 3, 10-13 4, 10-14 Wed 5.
  EXPECT_EQ(Due("2020Q3"), "2020-10-14");
  // 2020Q1: 03-31 Tue; 04-01 Wed 1, 04-02 2, 04-03 Fri 3; 04-04..04-06 off (清明); 04-07 Tue 4, 04-08 Wed 5.
  EXPECT_EQ(Due("2020Q1"), "2020-04-08");
  // 2022Q4: 12-31 Sat off (元旦, in 2023.json); 2023-01-01, 01-02 off; 01-03 Tue 1 … 01-06 Fri 4; 01-09 Mon 5.
  EXPECT_EQ(Due("2022Q4"), "2023-01-09");
  // 2023Q3: 09-29..10-06 off; 10-07 Sat and 10-08 Sun adjusted working days 1, 2; 10-09 Mon 3 … 10-11 Wed 5.
  EXPECT_EQ(Due("2023Q3"), "2023-10-11");
  // 2024Q3: 10-01..10-07 off; 10-08 Tue 1 … 10-11 Fri 4; 10-12 Sat an adjusted working day 5 (core/calendar.h).
  EXPECT_EQ(Due("2024Q3"), "2024-10-12");
  // 2026Q4 would need the 2027 notice, which data/holidays_cn lacks: an error, not a guess.
  EXPECT_EQ(Due("2026Q4").rfind("error: ", 0), 0u);
}

// Every quarter end 2017Q1–2026Q3: the due date is a working day by the holiday files, read here without
// chemsafe's calendar, and exactly 5 working days lie after the quarter end up to and including it.
TEST_F(Obligations, DueDatesOverTenYearsAgreeWithTheHolidayFiles) {
  std::map<std::string, bool> special;  // date → is a day off
  for (int y = 2016; y <= 2026; ++y) {
    std::ifstream in(std::string(CHEMSAFE_TEST_DATA_DIR) + "/holidays_cn/" + std::to_string(y) + ".json");
    ASSERT_TRUE(in) << y;
    const auto doc = nlohmann::json::parse(in);
    for (const auto& d : doc["days"]) special[d["date"].get<std::string>()] = d["isOffDay"].get<bool>();
  }
  auto working = [&special](std::chrono::sys_days day) {
    const std::string iso = Date{std::chrono::year_month_day{day}}.str();
    if (auto it = special.find(iso); it != special.end()) return !it->second;
    const unsigned wd = std::chrono::weekday{day}.c_encoding();  // 0 = Sunday
    return wd != 0 && wd != 6;
  };
  int checked = 0;
  for (Quarter q{2017, 1}; q <= Quarter{2026, 3}; q = q.Next()) {
    const std::string due = Due(q.str().c_str());
    ASSERT_EQ(due.rfind("error", 0), std::string::npos) << q.str() << ": " << due;
    const auto end = q.LastDay().days(), at = D(due.c_str()).days();
    EXPECT_TRUE(working(at)) << q.str();
    int n = 0;
    for (auto d = end + std::chrono::days{1}; d <= at; d += std::chrono::days{1}) n += working(d);
    EXPECT_EQ(n, 5) << q.str() << " due " << due;
    ++checked;
  }
  EXPECT_EQ(checked, 39);
}

TEST_F(Obligations, EveryObligationOfACity) {
  const Unit* shunde = loaded_->units.Resolve("顺德区");
  ASSERT_NE(shunde, nullptr);
  auto all = ObligationsOf(loaded_->plan, loaded_->units, shunde->id, *calendar_);
  ASSERT_TRUE(all.ok()) << all.status().message();
  // liaison, implementation plan, 11 quarterly reports 2017Q1..2019Q3, summary
  ASSERT_EQ(all->size(), 14u);
  EXPECT_EQ((*all)[0].kind, ObligationKind::kLiaison);
  EXPECT_EQ((*all)[0].due.str(), "2017-02-20");
  EXPECT_EQ((*all)[1].kind, ObligationKind::kImplementationPlan);
  EXPECT_EQ((*all)[1].due.str(), "2017-02-28");
  EXPECT_EQ((*all)[2].quarter->str(), "2017Q1");
  EXPECT_EQ((*all)[2].due.str(), "2017-04-10");
  EXPECT_EQ((*all)[4].quarter->str(), "2017Q3");
  EXPECT_EQ((*all)[4].due.str(), "2017-10-13");
  EXPECT_EQ((*all)[12].quarter->str(), "2019Q3");
  // 2019Q3: 09-30 Mon; 10-01..10-07 off; 10-08 Tue 1 … 10-11 Fri 4; 10-12 Sat an adjusted working day 5.
  EXPECT_EQ((*all)[12].due.str(), "2019-10-12");
  EXPECT_EQ((*all)[13].kind, ObligationKind::kSummary);
  EXPECT_EQ((*all)[13].due.str(), "2019-11-15");
  // A city joins task 34 only (各地级以上市政府 … 按职责分工负责); 省各有关单位 holds no city.
  ASSERT_EQ((*all)[2].tasks.size(), 1u);
  EXPECT_EQ((*all)[2].tasks[0].task, 34);
  EXPECT_FALSE((*all)[2].tasks[0].lead);
}

TEST_F(Obligations, EveryObligationOfAProvincialUnit) {
  const Unit* safety = loaded_->units.Resolve("省安全监管局");
  auto all = ObligationsOf(loaded_->plan, loaded_->units, safety->id, *calendar_);
  ASSERT_TRUE(all.ok()) << all.status().message();
  ASSERT_EQ(all->size(), 14u);
  const auto& tasks = (*all)[2].tasks;
  // Named in or covered (省各有关单位) by every task but 9 (the pipeline group), 28 (环境保护厅 alone).
  EXPECT_EQ(tasks.size(), 40u);
  auto role = [&tasks](int n) {
    auto it = std::find_if(tasks.begin(), tasks.end(), [n](const TaskRole& r) { return r.task == n; });
    return it == tasks.end() ? std::string("none") : it->lead ? "lead" : "co";
  };
  EXPECT_EQ(role(3), "lead");
  EXPECT_EQ(role(7), "co");
  EXPECT_EQ(role(9), "none");
  EXPECT_EQ(role(28), "none");
  EXPECT_EQ(role(34), "lead");
  // A central unit owes the same reports (省各有关单位 includes 中直驻粤有关单位).
  auto rail = ObligationsOf(loaded_->plan, loaded_->units, "guangzhou_railway", *calendar_);
  ASSERT_TRUE(rail.ok());
  EXPECT_EQ(rail->size(), 14u);
  EXPECT_EQ(ObligationsOf(loaded_->plan, loaded_->units, "all_provincial_units", *calendar_).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(ObligationsOf(loaded_->plan, loaded_->units, "nobody", *calendar_).status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace chemsafe::governance
