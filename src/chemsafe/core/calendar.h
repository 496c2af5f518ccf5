// Calendar dates in Asia/Shanghai and Chinese working days (DESIGN.md §5).
// A day is a working day iff (Monday-Friday and not listed as a day off) or (listed as an adjusted
// working day, 调休). The holiday data of a year's State Council notice can list dates of the
// neighbouring year, so the calendar holds all loaded years together. Immutable after loading;
// safe to share between threads for reading.
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "chemsafe/core/result.h"

namespace chemsafe {

struct Date {
  std::chrono::year_month_day ymd;
  static Result<Date> Parse(std::string_view iso);  // "2024-09-30"
  std::string str() const;                           // "2024-09-30"
  std::chrono::sys_days days() const { return std::chrono::sys_days{ymd}; }
  friend bool operator==(const Date& a, const Date& b) { return a.ymd == b.ymd; }
  friend auto operator<=>(const Date& a, const Date& b) { return a.days() <=> b.days(); }
};

// Today's date in Asia/Shanghai (UTC+8, no daylight saving since 1991).
Date TodayInShanghai();
// The date in Asia/Shanghai of an instant.
Date ShanghaiDateOf(std::chrono::system_clock::time_point t);

// An instant as the stores write it, "YYYY-MM-DDTHH:MM:SS.ffffffZ" (UTC, microseconds; such texts order
// as their instants), and back (nullopt when the text is not exactly that form).
std::string UtcText(std::chrono::system_clock::time_point t);
std::optional<std::chrono::system_clock::time_point> ParseUtcText(std::string_view text);

enum class DayKind { kDayOff, kAdjustedWorkingDay };

class WorkingCalendar {
 public:
  void Set(Date date, DayKind kind, std::string name);
  bool IsWorkingDay(Date date) const;
  // The date `n` working days after `date` (n >= 0; n == 0 returns `date` itself), e.g. 2024-09-30 + 5
  // = 2024-10-12 (National Day 10-01..10-07 off, 10-12 an adjusted working day). Fails for dates outside
  // the years loaded (the answer would be a guess).
  Result<Date> AddWorkingDays(Date date, int n) const;
  void MarkYearLoaded(int year);
  bool YearLoaded(int year) const;

 private:
  std::map<std::chrono::sys_days, std::pair<DayKind, std::string>> special_;
  std::map<int, bool> years_;
};

}  // namespace chemsafe
