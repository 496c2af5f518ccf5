// Reporting obligations generated from a governance plan (issue 8 "Reporting and supervision"; seed section 五):
// every unit that reports (each city incl. 顺德区, each provincial and central unit — 各地级以上市人民政府、省各有关
// 单位) owes the liaison designation (联络员), the implementation plan (实施方案), a quarterly progress report
// (季度进展报告) for every quarter of the governance period, due on the N-th Chinese working day after the quarter
// end, and the summary (总结报告). Every reporting unit owes every report, whether or not the plan names it in a
// task (section 五 asks each of them; a unit named in no task reports on its own field); the tasks a unit leads
// or joins — named directly or through a collective that holds it — are listed on its quarterly reports.
// Pure; thread-compatible.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "chemsafe/core/calendar.h"
#include "chemsafe/core/result.h"
#include "chemsafe/governance/plan.h"

namespace chemsafe::governance {

enum class ObligationKind {
  kLiaison,             // "liaison": names of the liaison and the staff member
  kImplementationPlan,  // "implementation_plan"
  kQuarterlyReport,     // "quarterly_report"
  kSummary,             // "summary"
};
std::string_view ObligationKindName(ObligationKind kind);

struct TaskRole {
  int task = 0;
  bool lead = false;  // true: 牵头; false: co-unit
};

struct Obligation {
  ObligationKind kind = ObligationKind::kQuarterlyReport;
  std::string unit_id;
  std::optional<Quarter> quarter;  // quarterly reports
  Date due;
  std::vector<TaskRole> tasks;     // quarterly reports: the tasks the unit leads or joins
};

// The due date of a quarter's reports: the `working_days`-th working day after the quarter's last day, e.g.
// 2017Q3 → 2017-10-13. Fails where the calendar lacks the years.
Result<Date> QuarterlyReportDue(Quarter quarter, int working_days, const WorkingCalendar& calendar);

// The tasks `unit_id` leads or joins, directly or through a collective that holds it, by task number.
std::vector<TaskRole> TasksOf(const Plan& plan, const UnitList& units, std::string_view unit_id);

// Whether `unit_id` owes the plan's reports (it, or a collective holding it, is among the reporting units).
bool OwesReports(const Plan& plan, const UnitList& units, std::string_view unit_id);

// Every obligation of `unit_id` (a unit id; resolve names first), ordered by due date. Fails with NotFound for
// an unknown unit and InvalidArgument for a collective (ask for one of its members) or a unit that owes nothing.
Result<std::vector<Obligation>> ObligationsOf(const Plan& plan, const UnitList& units, std::string_view unit_id,
                                              const WorkingCalendar& calendar);

}  // namespace chemsafe::governance
