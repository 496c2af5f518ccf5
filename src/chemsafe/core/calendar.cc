#include "chemsafe/core/calendar.h"

#include <fmt/format.h>

namespace chemsafe {

using std::chrono::days;
using std::chrono::sys_days;
using std::chrono::weekday;
using std::chrono::year_month_day;

Result<Date> Date::Parse(std::string_view iso) {
  auto bad = [&](std::string_view why) {
    return InvalidArgument(fmt::format("date \"{}\" {}", iso, why));
  };
  if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-') return bad("must have the form YYYY-MM-DD");
  int parts[3] = {0, 0, 0};
  const size_t starts[3] = {0, 5, 8};
  const size_t lens[3] = {4, 2, 2};
  for (int k = 0; k < 3; ++k) {
    for (size_t i = 0; i < lens[k]; ++i) {
      char c = iso[starts[k] + i];
      if (c < '0' || c > '9') return bad("must have the form YYYY-MM-DD");
      parts[k] = parts[k] * 10 + (c - '0');
    }
  }
  year_month_day ymd{std::chrono::year{parts[0]}, std::chrono::month{static_cast<unsigned>(parts[1])},
                     std::chrono::day{static_cast<unsigned>(parts[2])}};
  if (!ymd.ok()) return bad("is not a calendar date");
  return Date{ymd};
}

std::string Date::str() const {
  return fmt::format("{:04d}-{:02d}-{:02d}", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                     static_cast<unsigned>(ymd.day()));
}

Date TodayInShanghai() { return ShanghaiDateOf(std::chrono::system_clock::now()); }

Date ShanghaiDateOf(std::chrono::system_clock::time_point t) {
  // Asia/Shanghai is UTC+8 all year (no daylight saving since 1991, IANA tz database "Asia/Shanghai").
  return Date{year_month_day{std::chrono::floor<days>(t + std::chrono::hours(8))}};
}

void WorkingCalendar::Set(Date date, DayKind kind, std::string name) {
  special_[date.days()] = {kind, std::move(name)};
}

bool WorkingCalendar::IsWorkingDay(Date date) const {
  auto it = special_.find(date.days());
  if (it != special_.end()) return it->second.first == DayKind::kAdjustedWorkingDay;
  weekday wd{date.days()};
  return wd != std::chrono::Saturday && wd != std::chrono::Sunday;
}

Result<Date> WorkingCalendar::AddWorkingDays(Date date, int n) const {
  if (n < 0) return InvalidArgument(fmt::format("number of working days must be >= 0, got {}", n));
  auto check_year = [&](const Date& d) -> Status {
    int y = static_cast<int>(d.ymd.year());
    if (!YearLoaded(y)) {
      return FailedPrecondition(
          fmt::format("no holiday data for {} (needed for {}); the working-day answer would be a guess", y, d.str()));
    }
    return Status::Ok();
  };
  CHEMSAFE_RETURN_IF_ERROR(check_year(date));
  sys_days d = date.days();
  for (int left = n; left > 0;) {
    d += days{1};
    Date next{year_month_day{d}};
    CHEMSAFE_RETURN_IF_ERROR(check_year(next));
    if (IsWorkingDay(next)) --left;
  }
  return Date{year_month_day{d}};
}

void WorkingCalendar::MarkYearLoaded(int year) { years_[year] = true; }

bool WorkingCalendar::YearLoaded(int year) const {
  auto it = years_.find(year);
  return it != years_.end() && it->second;
}

std::string UtcText(std::chrono::system_clock::time_point t) {
  using namespace std::chrono;
  const auto us = time_point_cast<microseconds>(t);
  const auto day = floor<days>(us);
  const year_month_day ymd{day};
  const hh_mm_ss tod{us - day};
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:06}Z", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()), tod.hours().count(),
                     tod.minutes().count(), tod.seconds().count(), tod.subseconds().count());
}

std::optional<std::chrono::system_clock::time_point> ParseUtcText(std::string_view t) {
  using namespace std::chrono;
  if (t.size() != 27 || t[4] != '-' || t[7] != '-' || t[10] != 'T' || t[13] != ':' || t[16] != ':' || t[19] != '.' ||
      t[26] != 'Z') {
    return std::nullopt;
  }
  auto num = [&](std::size_t at, std::size_t n) -> std::optional<int> {
    int v = 0;
    for (std::size_t i = at; i < at + n; ++i) {
      if (t[i] < '0' || t[i] > '9') return std::nullopt;
      v = v * 10 + (t[i] - '0');
    }
    return v;
  };
  auto y = num(0, 4), mo = num(5, 2), d = num(8, 2), h = num(11, 2), mi = num(14, 2), s = num(17, 2), us = num(20, 6);
  if (!y || !mo || !d || !h || !mi || !s || !us) return std::nullopt;
  const year_month_day ymd{year{*y}, month{static_cast<unsigned>(*mo)}, day{static_cast<unsigned>(*d)}};
  if (!ymd.ok()) return std::nullopt;
  return time_point_cast<system_clock::duration>(sys_days{ymd} + hours{*h} + minutes{*mi} + seconds{*s} +
                                                 microseconds{*us});
}

}  // namespace chemsafe
