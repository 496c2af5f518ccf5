// Differentiated supervision (差异化监管; issue 7, plan tasks T4 "by grid", T9): how often the government
// inspects an enterprise depends on its risk grade (the highest grade of its risk points, risk/grading.h),
// e.g. every month for 重大 (red), every 3 months for 较大 (orange), 6 for 一般 (yellow), 12 for 低 (blue). The
// intervals are data (data/inspect/inspection_frequency.csv, PROVENANCE.md there): a province default for each
// grade and overrides for a city or county, the most specific (longest division prefix) winning.
//
// Parsed from text (the caller reads the file) in the CSV dialect of qra/data_table.h; errors name
// "file:line:column: column: …".
//
// The plan of one enterprise over a period [from, to] as of a day: each due date, and whether it was done
// (an inspection on or before it), done late, is overdue (passed without an inspection) or is due. Due dates
// are calendar months after the last inspection, the day clamped to the month's end (Jan 31 + 1 month = Feb 28,
// or 29 in a leap year); each inspection restarts the interval. The due date is the last allowed day: an
// inspection on it is on time, and it is overdue from the next day.
//
// Pure: no I/O. Safe to call concurrently on the same table.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "chemsafe/core/calendar.h"
#include "chemsafe/core/result.h"
#include "chemsafe/risk/grading.h"

namespace chemsafe::inspect {

struct FrequencyRule {
  std::string division_code;      // as written: "" = province default, else a GB/T 2260 code (e.g. 440300, 440305)
  std::string division_prefix;    // the code without its trailing "00" pairs ("4403", "440305"); "" for the default
  risk::RiskGrade grade = risk::RiskGrade::kGeneral;
  int interval_months = 12;       // 1..120
  std::string source;             // where the interval comes from
  bool verified = false;          // V: read in the source; U: not confirmed
  int line = 0;                   // the line of the file, for messages
};

struct FrequencyTable {
  std::vector<FrequencyRule> rules;  // in file order
};

// Columns (a header row, in this order): division_code, grade (major, larger, general, low), interval_months,
// source, verified (V or U). Every grade needs a province default (division_code empty); a (division, grade)
// pair appears once; a division code is 6 digits. InvalidArgument "file:line:column: column: …".
Result<FrequencyTable> ParseInspectionFrequencies(std::string_view text, std::string_view file_name);

// The rule for an enterprise of `division_code` (county or township code) and `grade`: the rule of the grade
// with the longest division prefix that `division_code` starts with (the province default otherwise). Never
// null for a table that ParseInspectionFrequencies accepted.
const FrequencyRule* RuleFor(const FrequencyTable& table, std::string_view division_code, risk::RiskGrade grade);

// `d` plus `months` calendar months, the day clamped to the end of the month.
Date AddMonths(Date d, int months);

// Persisted as its code: append-only.
enum class PlanStatus : int {
  kDone = 1,      // inspected on or before the due date
  kDoneLate = 2,  // inspected after the due date
  kOverdue = 3,   // the due date has passed (before as_of) without an inspection
  kDue = 4,       // due on or after as_of, not yet inspected
};
std::string_view PlanStatusCode(PlanStatus s);     // "done", "done_late", "overdue", "due"
std::string_view PlanStatusLabelZh(PlanStatus s);  // "已检查", "逾期后检查", "逾期未检查", "待检查"

struct PlanItem {
  Date due{};
  PlanStatus status = PlanStatus::kDue;
  std::optional<Date> inspected_on;  // the inspection that met it (kDone, kDoneLate)
};

struct PlanPeriod {
  Date from{};
  Date to{};     // inclusive
  Date as_of{};  // inspections after it are not known yet
};

struct EnterprisePlanDates {
  std::optional<Date> last_inspection;  // the last inspection on or before as_of
  std::optional<Date> next_due;         // the first due date not yet met (overdue or due); none when all met
  std::vector<PlanItem> items;          // in due order
};

// The due dates of one enterprise inspected every `interval_months` (≥ 1), given the dates of its government
// inspections (any order; those after as_of are ignored). The first due date is the interval after the last
// inspection before `from`; an enterprise never inspected before `from` is due on `from`. Each inspection
// meets the due date it falls on or before (done) or the one it is late for (done late), and the next due
// date is the interval after it. An unmet due date before as_of is overdue (and the last item: nothing is
// projected after it); after the last inspection, due dates are projected up to `to`. Listed: the items due
// in [from, to], and an overdue item due before `from`. InvalidArgument when from > to or the interval < 1.
Result<EnterprisePlanDates> PlanInspections(int interval_months, std::span<const Date> inspections, const PlanPeriod& period);

}  // namespace chemsafe::inspect
