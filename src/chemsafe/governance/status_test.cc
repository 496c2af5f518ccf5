// Where the plan stands (issue 8 "Reporting and supervision"): states of obligations as of a day (on time,
// late kept forever, missing after the due date, pending before it), counts by unit, and completion of tasks,
// groups and milestones from the lead units' reports, on the 2017 plan.
#include <gtest/gtest.h>

#include <algorithm>

#include "chemsafe/governance/status.h"
#include "chemsafe/governance/testing/plan_2017_fixture.h"

namespace chemsafe::governance {
namespace {

class PlanStatus : public testing::Plan2017Fixture {
 protected:
  static Filing Quarterly(const char* unit, const char* quarter, const char* filed_on,
                          std::vector<TaskReport> tasks = {}) {
    return Filing{ObligationKind::kQuarterlyReport, unit, *Quarter::Parse(quarter), D(filed_on), std::move(tasks)};
  }
  static const ObligationStatus& Find(const std::vector<ObligationStatus>& all, const char* unit, const char* quarter) {
    auto it = std::find_if(all.begin(), all.end(), [&](const ObligationStatus& s) {
      return s.obligation.unit_id == unit && s.obligation.quarter && s.obligation.quarter->str() == quarter;
    });
    EXPECT_NE(it, all.end()) << unit << " " << quarter;
    return *it;
  }
};

TEST_F(PlanStatus, StateOfADueDate) {
  const Date due = D("2017-10-13");
  EXPECT_EQ(StateOf(due, D("2017-10-13"), D("2018-01-01")), FilingState::kOnTime);  // on the day itself
  EXPECT_EQ(StateOf(due, D("2017-10-14"), D("2018-01-01")), FilingState::kLate);
  EXPECT_EQ(StateOf(due, std::nullopt, D("2017-10-13")), FilingState::kPending);
  EXPECT_EQ(StateOf(due, std::nullopt, D("2017-10-14")), FilingState::kMissing);
}

// 2017Q3 is due 2017-10-13 (obligations_test.cc): Guangzhou files on the day, Shenzhen three days late,
// Zhuhai not at all.
TEST_F(PlanStatus, OnTimeLateAndMissingPerUnitAndQuarter) {
  const std::vector<Filing> filings = {Quarterly("guangzhou", "2017Q3", "2017-10-13"),
                                       Quarterly("shenzhen", "2017Q3", "2017-10-16")};
  auto before = StatusOf(loaded_->plan, loaded_->units, *calendar_, filings, D("2017-10-13"));
  ASSERT_TRUE(before.ok()) << before.status().message();
  EXPECT_EQ(Find(*before, "guangzhou", "2017Q3").state, FilingState::kOnTime);
  EXPECT_EQ(Find(*before, "zhuhai", "2017Q3").state, FilingState::kPending);

  auto after = StatusOf(loaded_->plan, loaded_->units, *calendar_, filings, D("2017-10-20"));
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(Find(*after, "guangzhou", "2017Q3").state, FilingState::kOnTime);
  const auto& sz = Find(*after, "shenzhen", "2017Q3");
  EXPECT_EQ(sz.state, FilingState::kLate);
  EXPECT_EQ(sz.days_late, 3);
  EXPECT_EQ(sz.filed_on->str(), "2017-10-16");
  const auto& zh = Find(*after, "zhuhai", "2017Q3");
  EXPECT_EQ(zh.state, FilingState::kMissing);
  EXPECT_EQ(zh.days_late, 7);
  // Late stays late years on.
  auto later = StatusOf(loaded_->plan, loaded_->units, *calendar_, filings, D("2026-01-01"));
  ASSERT_TRUE(later.ok());
  EXPECT_EQ(Find(*later, "shenzhen", "2017Q3").state, FilingState::kLate);
  EXPECT_EQ(Find(*later, "shenzhen", "2017Q3").days_late, 3);
}

TEST_F(PlanStatus, EveryReportingUnitOwesEveryReport) {
  auto all = StatusOf(loaded_->plan, loaded_->units, *calendar_, {}, D("2017-01-20"));
  ASSERT_TRUE(all.ok());
  // 22 cities (incl. 顺德区) + 36 provincial and central units; each owes liaison, implementation plan, 11
  // quarterly reports (2017Q1–2019Q3) and the summary.
  EXPECT_EQ(all->size(), std::size_t{58 * 14});
  const auto counts = CountByUnit(*all);
  EXPECT_EQ(counts.size(), std::size_t{58});
  EXPECT_EQ(counts.at("shunde").pending, 14);
  EXPECT_EQ(CountAll(*all).Due(), 0);
  EXPECT_FALSE(CountAll(*all).OnTimeRate().has_value());
  // A filing for a quarter outside the plan answers nothing.
  const std::vector<Filing> stray = {Quarterly("guangzhou", "2021Q1", "2021-04-01")};
  auto with_stray = StatusOf(loaded_->plan, loaded_->units, *calendar_, stray, D("2030-01-01"));
  ASSERT_TRUE(with_stray.ok());
  EXPECT_EQ(CountAll(*with_stray).on_time, 0);
  EXPECT_EQ(CountAll(*with_stray).missing, 58 * 14);
}

TEST_F(PlanStatus, CountsAndOnTimeRate) {
  const std::vector<Filing> filings = {Quarterly("guangzhou", "2017Q1", "2017-04-10"),
                                       Quarterly("guangzhou", "2017Q2", "2017-07-20")};
  auto all = StatusOf(loaded_->plan, loaded_->units, *calendar_, filings, D("2017-07-31"));
  ASSERT_TRUE(all.ok());
  const auto gz = CountByUnit(*all).at("guangzhou");
  // Due by 2017-07-31: liaison (02-20), implementation plan (02-28), 2017Q1 (04-10), 2017Q2 (07-07).
  EXPECT_EQ(gz.on_time, 1);
  EXPECT_EQ(gz.late, 1);
  EXPECT_EQ(gz.missing, 2);
  EXPECT_EQ(gz.pending, 10);
  EXPECT_DOUBLE_EQ(*gz.OnTimeRate(), 0.25);
}

// Task 3 has two parentheses: the information system (省安全监管局 leads, complete by 2018-03-31) and the
// tracing system (省公安厅 leads, complete by 2017-09-30). Task 6 is led by 省安全监管局 and 省交通运输厅
// (interim by 2018-03-31, deepening 2018-04 … 2019-10).
TEST_F(PlanStatus, CompletionFromTheLeadUnitsLatestReports) {
  const std::vector<Filing> filings = {
      Quarterly("gd_safety_supervision", "2017Q2", "2017-07-07",
                {{3, TaskProgress::kInProgress, 40, ""}, {6, TaskProgress::kInProgress, 30, ""}}),
      Quarterly("gd_safety_supervision", "2017Q3", "2017-10-13",
                {{3, TaskProgress::kInProgress, 60, ""}, {6, TaskProgress::kInProgress, 50, ""}}),
      Quarterly("gd_transport", "2017Q3", "2017-10-13", {{6, TaskProgress::kInProgress, 70, ""}}),
      Quarterly("gd_public_security", "2017Q3", "2017-10-12", {{3, TaskProgress::kCompleted, 100, ""}}),
  };
  const Completion c = CompletionOf(loaded_->plan, loaded_->units, filings, D("2017-10-20"));
  ASSERT_EQ(c.tasks.size(), std::size_t{42});
  const auto& t3 = c.tasks[2];
  EXPECT_EQ(t3.lead_units, 2);
  EXPECT_EQ(t3.reported, 2);
  EXPECT_DOUBLE_EQ(*t3.percentage, 80.0);  // (60 + 100) / 2: the latest quarter of each lead unit
  EXPECT_EQ(*t3.progress, TaskProgress::kInProgress);
  EXPECT_EQ(t3.latest_quarter->str(), "2017Q3");
  const auto& t6 = c.tasks[5];
  EXPECT_DOUBLE_EQ(*t6.percentage, 60.0);
  const auto& t7 = c.tasks[6];
  EXPECT_FALSE(t7.percentage.has_value());
  EXPECT_EQ(t7.reported, 0);
  // Task 1 names no lead (省各有关单位按职责分工负责): its 36 provincial and central units measure it.
  EXPECT_EQ(c.tasks[0].lead_units, 36);

  auto milestone = [&c](int task, const char* due) {
    auto it = std::find_if(c.milestones.begin(), c.milestones.end(), [&](const MilestoneStatus& m) {
      return m.task == task && m.due && m.due->str() == due;
    });
    EXPECT_NE(it, c.milestones.end()) << task << " " << due;
    return it == c.milestones.end() ? std::string() : it->state;
  };
  // Each parenthesis by its own lead: the tracing system is met (公安厅 reported it completed), the information
  // system not yet due; task 3 as a whole is completed only when every lead unit says so.
  EXPECT_EQ(milestone(3, "2017-09-30"), "met");
  EXPECT_EQ(milestone(3, "2018-03-31"), "upcoming");
  EXPECT_EQ(milestone(1, "2017-06-30"), "overdue");
  // Both lead units of task 6 report it under way: its interim result (阶段性成果, by 2018-03-31) is met.
  EXPECT_EQ(milestone(6, "2018-03-31"), "met");
  EXPECT_EQ(milestone(7, "2018-03-31"), "upcoming");
  const Completion later = CompletionOf(loaded_->plan, loaded_->units, filings, D("2019-12-01"));
  auto later_state = [&later](int task, const char* due) {
    for (const auto& m : later.milestones) {
      if (m.task == task && m.due && m.due->str() == due) return m.state;
    }
    return std::string("absent");
  };
  EXPECT_EQ(later_state(6, "2018-03-31"), "met");      // both leads reported on it (interim result)
  EXPECT_EQ(later_state(6, "2019-10-31"), "met");      // the deepening period ended with reports
  EXPECT_EQ(later_state(7, "2019-10-31"), "overdue");  // … and without any
  // Continuous milestones come last and are ongoing.
  EXPECT_FALSE(c.milestones.back().due.has_value());
  EXPECT_EQ(c.milestones.back().state, "ongoing");
  // Group 1 (tasks 1–2) has no report yet; group 2 (tasks 3–9) the mean of tasks 3 and 6.
  ASSERT_GE(c.groups.size(), std::size_t{2});
  EXPECT_FALSE(c.groups[0].percentage.has_value());
  EXPECT_EQ(c.groups[1].group, 2);
  EXPECT_EQ(c.groups[1].tasks, 7);
  EXPECT_DOUBLE_EQ(*c.groups[1].percentage, 70.0);
  // Reports filed after the as-of day do not count.
  const Completion early = CompletionOf(loaded_->plan, loaded_->units, filings, D("2017-10-01"));
  EXPECT_DOUBLE_EQ(*early.tasks[2].percentage, 40.0);
  EXPECT_EQ(early.tasks[2].reported, 1);
}

}  // namespace
}  // namespace chemsafe::governance
