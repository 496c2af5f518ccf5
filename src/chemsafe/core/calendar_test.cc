#include "chemsafe/core/calendar.h"

#include <gtest/gtest.h>

namespace chemsafe {
namespace {

Date D(const char* s) { return *Date::Parse(s); }

TEST(DateTest, ParsesAndPrints) {
  auto d = Date::Parse("2024-09-30");
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->str(), "2024-09-30");
  EXPECT_TRUE(Date::Parse("2024-02-29").ok());
  EXPECT_FALSE(Date::Parse("2023-02-29").ok());
  EXPECT_FALSE(Date::Parse("2024-13-01").ok());
  EXPECT_FALSE(Date::Parse("2024/09/30").ok());
  EXPECT_FALSE(Date::Parse("2024-9-30").ok());
  EXPECT_FALSE(Date::Parse("").ok());
  EXPECT_LT(D("2024-09-30"), D("2024-10-01"));
}

TEST(DateTest, TodayInShanghaiIsAPlausibleDate) {
  Date today = TodayInShanghai();
  EXPECT_TRUE(today.ymd.ok());
  EXPECT_GE(static_cast<int>(today.ymd.year()), 2024);
}

// 国务院办公厅关于2024年部分节假日安排的通知 (国办发明电〔2023〕7号): National Day 10-01..10-07 off,
// Sunday 09-29 and Saturday 10-12 are working days.
WorkingCalendar NationalDay2024() {
  WorkingCalendar c;
  c.Set(D("2024-09-29"), DayKind::kAdjustedWorkingDay, "国庆节");
  for (const char* d : {"2024-10-01", "2024-10-02", "2024-10-03", "2024-10-04", "2024-10-05", "2024-10-06",
                        "2024-10-07"}) {
    c.Set(D(d), DayKind::kDayOff, "国庆节");
  }
  c.Set(D("2024-10-12"), DayKind::kAdjustedWorkingDay, "国庆节");
  c.MarkYearLoaded(2024);
  return c;
}

TEST(WorkingCalendarTest, WorkingDays) {
  WorkingCalendar c = NationalDay2024();
  EXPECT_TRUE(c.IsWorkingDay(D("2024-09-30")));   // Monday
  EXPECT_TRUE(c.IsWorkingDay(D("2024-09-29")));   // Sunday, adjusted
  EXPECT_FALSE(c.IsWorkingDay(D("2024-10-02")));  // Wednesday, holiday
  EXPECT_FALSE(c.IsWorkingDay(D("2024-10-13")));  // ordinary Sunday
  EXPECT_TRUE(c.IsWorkingDay(D("2024-10-12")));   // Saturday, adjusted
}

TEST(WorkingCalendarTest, AddWorkingDaysAcrossNationalDay) {
  WorkingCalendar c = NationalDay2024();
  auto r = c.AddWorkingDays(D("2024-09-30"), 5);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->str(), "2024-10-12");
  EXPECT_EQ(c.AddWorkingDays(D("2024-09-30"), 0)->str(), "2024-09-30");
  EXPECT_EQ(c.AddWorkingDays(D("2024-09-30"), 1)->str(), "2024-10-08");
  EXPECT_FALSE(c.AddWorkingDays(D("2024-09-30"), -1).ok());
}

TEST(WorkingCalendarTest, RefusesToGuessOutsideLoadedYears) {
  WorkingCalendar c = NationalDay2024();
  auto r = c.AddWorkingDays(D("2024-12-30"), 5);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(r.status().message().find("2025"), std::string::npos);
  EXPECT_FALSE(c.AddWorkingDays(D("2023-06-01"), 1).ok());
  EXPECT_TRUE(c.YearLoaded(2024));
  EXPECT_FALSE(c.YearLoaded(2025));
}

TEST(UtcText, RoundTrips) {
  const auto t = ParseUtcText("2026-11-29T08:00:01.250000Z");
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(UtcText(*t), "2026-11-29T08:00:01.250000Z");
  EXPECT_FALSE(ParseUtcText("2026-11-29T08:00:01Z").has_value());
  EXPECT_FALSE(ParseUtcText("2026-02-30T08:00:01.000000Z").has_value());
}

}  // namespace
}  // namespace chemsafe
