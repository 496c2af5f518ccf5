#include "chemsafe/store/internal/timestamp.h"

#include <chrono>
#include <cstdio>

namespace chemsafe::store::internal {
namespace {

constexpr MicrosSinceEpoch kMicrosPerSecond = 1'000'000;
constexpr MicrosSinceEpoch kMicrosPerDay = 86'400 * kMicrosPerSecond;

class Cursor {
 public:
  explicit Cursor(std::string_view t) : t_(t) {}
  bool AtEnd() const { return pos_ >= t_.size(); }
  char Peek() const { return AtEnd() ? '\0' : t_[pos_]; }
  void Skip() { ++pos_; }
  // Reads exactly n digits.
  bool Digits(int n, int& out) {
    out = 0;
    for (int i = 0; i < n; ++i) {
      if (AtEnd() || t_[pos_] < '0' || t_[pos_] > '9') return false;
      out = out * 10 + (t_[pos_] - '0');
      ++pos_;
    }
    return true;
  }
  bool Expect(char c) {
    if (Peek() != c) return false;
    ++pos_;
    return true;
  }

 private:
  std::string_view t_;
  size_t pos_ = 0;
};

Status Bad(std::string_view text, std::string_view why) {
  return InvalidArgument("timestamp \"" + std::string(text) + "\": " + std::string(why) +
                         " (expected YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS with an offset)");
}

}  // namespace

Result<ParsedInstant> ParseInstant(std::string_view text) {
  Cursor c(text);
  int year = 0, month = 0, day = 0;
  if (!c.Digits(4, year) || !c.Expect('-') || !c.Digits(2, month) || !c.Expect('-') || !c.Digits(2, day)) {
    return Bad(text, "no date");
  }
  const std::chrono::year_month_day ymd{std::chrono::year{year}, std::chrono::month{static_cast<unsigned>(month)},
                                        std::chrono::day{static_cast<unsigned>(day)}};
  if (year < 1 || !ymd.ok()) return Bad(text, "no such date");
  const MicrosSinceEpoch day_start =
      static_cast<MicrosSinceEpoch>(std::chrono::sys_days{ymd}.time_since_epoch().count()) * kMicrosPerDay;
  constexpr MicrosSinceEpoch kShanghaiOffsetMicros = kShanghaiOffsetMinutes * 60 * kMicrosPerSecond;
  if (c.AtEnd()) return ParsedInstant{day_start - kShanghaiOffsetMicros, true};

  if (c.Peek() != 'T' && c.Peek() != 't' && c.Peek() != ' ') return Bad(text, "unexpected text after the date");
  c.Skip();
  int hour = 0, minute = 0, second = 0;
  if (!c.Digits(2, hour) || !c.Expect(':') || !c.Digits(2, minute)) return Bad(text, "no time HH:MM");
  if (c.Expect(':') && !c.Digits(2, second)) return Bad(text, "bad seconds");
  if (hour > 23 || minute > 59 || second > 59) return Bad(text, "time out of range");
  MicrosSinceEpoch fraction_micros = 0;
  if (c.Expect('.') || c.Expect(',')) {
    int digits = 0;
    while (!c.AtEnd() && c.Peek() >= '0' && c.Peek() <= '9') {
      if (digits < 6) fraction_micros = fraction_micros * 10 + (c.Peek() - '0');
      ++digits;
      c.Skip();
    }
    if (digits == 0) return Bad(text, "empty fraction of a second");
    for (int i = digits; i < 6; ++i) fraction_micros *= 10;
  }
  MicrosSinceEpoch offset_minutes = kShanghaiOffsetMinutes;
  if (c.Expect('Z') || c.Expect('z')) {
    offset_minutes = 0;
  } else if (c.Peek() == '+' || c.Peek() == '-') {
    const int sign = c.Peek() == '-' ? -1 : 1;
    c.Skip();
    int oh = 0, om = 0;
    if (!c.Digits(2, oh)) return Bad(text, "bad offset");
    if (c.Expect(':')) {
      if (!c.Digits(2, om)) return Bad(text, "bad offset");
    } else if (!c.AtEnd() && !c.Digits(2, om)) {
      return Bad(text, "bad offset");
    }
    if (oh > 14 || om > 59) return Bad(text, "offset out of range");
    offset_minutes = sign * (oh * 60 + om);
  }
  if (!c.AtEnd()) return Bad(text, "unexpected text after the time");
  const MicrosSinceEpoch local = day_start + ((hour * 60 + minute) * 60 + second) * kMicrosPerSecond + fraction_micros;
  return ParsedInstant{local - offset_minutes * 60 * kMicrosPerSecond, false};
}

std::string FormatUtc(MicrosSinceEpoch micros) {
  MicrosSinceEpoch days = micros / kMicrosPerDay;
  MicrosSinceEpoch rest = micros % kMicrosPerDay;
  if (rest < 0) {
    rest += kMicrosPerDay;
    --days;
  }
  const std::chrono::year_month_day ymd{std::chrono::sys_days{std::chrono::days{days}}};
  const MicrosSinceEpoch secs = rest / kMicrosPerSecond;
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d.%06dZ", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()), static_cast<int>(secs / 3600),
                static_cast<int>(secs / 60 % 60), static_cast<int>(secs % 60),
                static_cast<int>(rest % kMicrosPerSecond));
  return buf;
}

Result<std::string> NormaliseInstant(std::string_view text) {
  CHEMSAFE_ASSIGN_OR_RETURN(const ParsedInstant p, ParseInstant(text));
  return FormatUtc(p.micros);
}

Result<std::string> AsOfBound(std::string_view as_of) {
  CHEMSAFE_ASSIGN_OR_RETURN(const ParsedInstant p, ParseInstant(as_of));
  return FormatUtc(p.date_only ? p.micros + kMicrosPerDay : p.micros + 1);
}

}  // namespace chemsafe::store::internal
