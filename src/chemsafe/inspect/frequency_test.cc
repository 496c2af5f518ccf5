// Differentiated inspection frequency (issue 7; frequency.h): the table's validation naming file:line:column,
// the longest-prefix override, month arithmetic at month ends and Feb 29, and the plan's statuses at their
// edges (an inspection on the due day is on time; overdue from the next day).
#include "chemsafe/inspect/frequency.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <string>

namespace chemsafe::inspect {
namespace {

using ::testing::HasSubstr;
using risk::RiskGrade;

Date D(const char* s) { return *Date::Parse(s); }

constexpr const char* kHeader = "division_code,grade,interval_months,source,verified\n";
constexpr const char* kDefaults =
    ",major,1,test,U\n"
    ",larger,3,test,U\n"
    ",general,6,test,U\n"
    ",low,12,test,U\n";

TEST(FrequencyTable, LongestPrefixOverrides) {
  const std::string text = std::string(kHeader) + kDefaults + "440300,general,4,深圳,U\n440305,general,2,南山,U\n";
  auto t = ParseInspectionFrequencies(text, "f.csv");
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(RuleFor(*t, "440305", RiskGrade::kGeneral)->interval_months, 2) << "county over city";
  EXPECT_EQ(RuleFor(*t, "440305001", RiskGrade::kGeneral)->interval_months, 2) << "a township of the county";
  EXPECT_EQ(RuleFor(*t, "440304", RiskGrade::kGeneral)->interval_months, 4) << "another county of the city";
  EXPECT_EQ(RuleFor(*t, "440106", RiskGrade::kGeneral)->interval_months, 6) << "the province default";
  EXPECT_EQ(RuleFor(*t, "440305", RiskGrade::kMajor)->interval_months, 1) << "an override is per grade";
  EXPECT_EQ(RuleFor(*t, "440305", RiskGrade::kGeneral)->division_code, "440305");
}

// The shipped table (data/inspect/inspection_frequency.csv): the issue 7 example, 1/3/6/12 months, no override.
TEST(FrequencyTable, ShippedTableParses) {
  const std::string path = std::string(CHEMSAFE_TEST_DATA_DIR) + "/inspect/inspection_frequency.csv";
  std::ifstream in(path, std::ios::binary);
  ASSERT_TRUE(in) << path;
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto t = ParseInspectionFrequencies(text, path);
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(RuleFor(*t, "440305", RiskGrade::kMajor)->interval_months, 1);
  EXPECT_EQ(RuleFor(*t, "440305", RiskGrade::kLarger)->interval_months, 3);
  EXPECT_EQ(RuleFor(*t, "440305", RiskGrade::kGeneral)->interval_months, 6);
  EXPECT_EQ(RuleFor(*t, "440305", RiskGrade::kLow)->interval_months, 12);
  for (const FrequencyRule& r : t->rules) EXPECT_FALSE(r.verified) << "no provincial rule was read: line " << r.line;
}

TEST(FrequencyTable, ErrorsNameFileLineColumn) {
  auto bad = [](const std::string& rows) {
    auto t = ParseInspectionFrequencies(std::string(kHeader) + kDefaults + rows, "f.csv");
    EXPECT_FALSE(t.ok()) << rows;
    return t.ok() ? std::string() : t.status().message();
  };
  EXPECT_THAT(bad("4403,general,4,x,U\n"), HasSubstr("f.csv:6:1: division_code: \"4403\" is not a 6-digit"));
  EXPECT_THAT(bad("440300,orange,4,x,U\n"), HasSubstr("f.csv:6:2: grade: \"orange\""));
  EXPECT_THAT(bad("440300,general,0,x,U\n"), HasSubstr("f.csv:6:3: interval_months: \"0\""));
  EXPECT_THAT(bad("440300,general,1.5,x,U\n"), HasSubstr("f.csv:6:3: interval_months: \"1.5\""));
  EXPECT_THAT(bad("440300,general,4,,U\n"), HasSubstr("f.csv:6:4: source: required"));
  EXPECT_THAT(bad("440300,general,4,x,Y\n"), HasSubstr("f.csv:6:5: verified: \"Y\""));
  EXPECT_THAT(bad(",general,4,x,U\n"), HasSubstr("f.csv:6:1: division_code: \"\" with grade general already on line 4"));
  auto missing = ParseInspectionFrequencies(std::string(kHeader) + ",major,1,x,U\n", "f.csv");
  ASSERT_FALSE(missing.ok());
  EXPECT_THAT(missing.status().message(), HasSubstr("f.csv: no province default (empty division_code) for grade larger"));
  auto header = ParseInspectionFrequencies("division,grade,interval_months,source,verified\n", "f.csv");
  ASSERT_FALSE(header.ok());
  EXPECT_THAT(header.status().message(), HasSubstr("f.csv:1"));
}

TEST(AddMonths, ClampsToTheMonthEnd) {
  EXPECT_EQ(AddMonths(D("2025-01-31"), 1), D("2025-02-28"));
  EXPECT_EQ(AddMonths(D("2024-01-31"), 1), D("2024-02-29")) << "leap year";
  EXPECT_EQ(AddMonths(D("2024-02-29"), 12), D("2025-02-28"));
  EXPECT_EQ(AddMonths(D("2024-02-29"), 48), D("2028-02-29"));
  EXPECT_EQ(AddMonths(D("2025-08-31"), 3), D("2025-11-30"));
  EXPECT_EQ(AddMonths(D("2025-11-15"), 3), D("2026-02-15")) << "across the year";
  EXPECT_EQ(AddMonths(D("2025-03-31"), -1), D("2025-02-28"));
}

TEST(PlanInspections, NeverInspectedIsDueOnTheFirstDay) {
  const PlanPeriod p{D("2026-01-01"), D("2026-12-31"), D("2025-12-31")};
  auto plan = PlanInspections(6, {}, p);
  ASSERT_TRUE(plan.ok());
  EXPECT_FALSE(plan->last_inspection);
  ASSERT_EQ(plan->items.size(), 2u);
  EXPECT_EQ(plan->items[0].due, D("2026-01-01"));
  EXPECT_EQ(plan->items[0].status, PlanStatus::kDue);
  EXPECT_EQ(plan->items[1].due, D("2026-07-01")) << "projected from the first due date";
  EXPECT_EQ(plan->next_due, D("2026-01-01"));
}

TEST(PlanInspections, InspectionOnTheDueDayIsOnTimeOverdueTheNextDay) {
  const std::vector<Date> last = {D("2025-11-30")};
  const PlanPeriod period{D("2026-01-01"), D("2026-06-30"), D("2026-02-28")};
  // Every 3 months after 2025-11-30: 2026-02-28 (clamped), then 2026-05-30 (from the inspection, not the clamp).
  auto on_day = PlanInspections(3, std::vector<Date>{D("2025-11-30"), D("2026-02-28")}, period);
  ASSERT_TRUE(on_day.ok());
  ASSERT_EQ(on_day->items.size(), 2u);
  EXPECT_EQ(on_day->items[0].due, D("2026-02-28"));
  EXPECT_EQ(on_day->items[0].status, PlanStatus::kDone);
  EXPECT_EQ(on_day->items[1].due, D("2026-05-28"));
  EXPECT_EQ(on_day->items[1].status, PlanStatus::kDue);

  auto due_today = PlanInspections(3, last, period);  // as_of is the due day: still due
  ASSERT_TRUE(due_today.ok());
  EXPECT_EQ(due_today->items[0].status, PlanStatus::kDue);
  EXPECT_EQ(due_today->items[1].due, D("2026-05-30")) << "months counted from the inspection, not the clamped date";

  PlanPeriod next_day = period;
  next_day.as_of = D("2026-03-01");
  auto overdue = PlanInspections(3, last, next_day);
  ASSERT_TRUE(overdue.ok());
  ASSERT_EQ(overdue->items.size(), 1u) << "nothing projected after an overdue date";
  EXPECT_EQ(overdue->items[0].status, PlanStatus::kOverdue);
  EXPECT_EQ(overdue->next_due, D("2026-02-28"));
  EXPECT_EQ(overdue->last_inspection, D("2025-11-30"));
}

TEST(PlanInspections, LateInspectionRestartsTheInterval) {
  // Monthly from 2024-01-31: due 2024-02-29 (leap year), inspected late on 2024-03-05, next due 2024-04-05.
  const std::vector<Date> dates = {D("2024-01-31"), D("2024-03-05"), D("2024-04-01"), D("2024-06-20")};
  auto plan = PlanInspections(1, dates, {D("2024-02-01"), D("2024-05-31"), D("2024-05-20")});
  ASSERT_TRUE(plan.ok());
  ASSERT_EQ(plan->items.size(), 3u);
  EXPECT_EQ(plan->items[0].due, D("2024-02-29"));
  EXPECT_EQ(plan->items[0].status, PlanStatus::kDoneLate);
  EXPECT_EQ(plan->items[0].inspected_on, D("2024-03-05"));
  EXPECT_EQ(plan->items[1].due, D("2024-04-05"));
  EXPECT_EQ(plan->items[1].status, PlanStatus::kDone);
  EXPECT_EQ(plan->items[2].due, D("2024-05-01"));
  EXPECT_EQ(plan->items[2].status, PlanStatus::kOverdue) << "the 2024-06-20 inspection is after as_of";
  EXPECT_EQ(plan->last_inspection, D("2024-04-01"));
}

TEST(PlanInspections, OverdueFromBeforeThePeriodIsListed) {
  auto plan = PlanInspections(12, std::vector<Date>{D("2024-03-10")}, {D("2026-01-01"), D("2026-03-31"), D("2026-01-15")});
  ASSERT_TRUE(plan.ok());
  ASSERT_EQ(plan->items.size(), 1u);
  EXPECT_EQ(plan->items[0].due, D("2025-03-10"));
  EXPECT_EQ(plan->items[0].status, PlanStatus::kOverdue);
}

TEST(PlanInspections, RefusesBadInput) {
  EXPECT_FALSE(PlanInspections(0, {}, {D("2026-01-01"), D("2026-03-31"), D("2026-01-15")}).ok());
  auto r = PlanInspections(1, {}, {D("2026-03-01"), D("2026-01-31"), D("2026-01-15")});
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.status().message(), HasSubstr("from: 2026-03-01 is after to: 2026-01-31"));
}

}  // namespace
}  // namespace chemsafe::inspect
