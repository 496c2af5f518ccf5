// Overdue findings and their escalation (plan task T9: "overdue items escalate"; issue 7).
//
// A finding is overdue on a day `on` while the enterprise still owes a step:
// - reported, with no plan `plan_within_days` after its found date (due = found date + N), or
// - planned (also after a failed acceptance), past its plan's deadline (due = plan.deadline).
// Rectified (waiting for acceptance) and closed findings are not overdue: what remains is the
// supervisor's step. The due date itself is the last allowed day: days overdue = on − due, from 1.
//
// Days are CALENDAR days, not working days (core/calendar.h): plan deadlines are dates, escalation counts
// elapsed time, and calendar days need no holiday data (the WorkingCalendar knows only loaded years and
// fails outside them). A caller wanting working days can set thresholds accordingly.
//
// Escalation: the level first told is the supervising level (a major finding's 挂牌督办 level; for a
// general finding the county, where supervision is local, 属地管理); thresholds of days overdue move it one
// level up and then to the province. The thresholds are chemsafe defaults (no national rule was found),
// configurable.
//
// Pure; safe to call concurrently.
#pragma once

#include <optional>

#include "chemsafe/core/calendar.h"
#include "chemsafe/core/result.h"
#include "chemsafe/inspect/finding.h"

namespace chemsafe::inspect {

struct EscalationRules {
  int plan_within_days = 15;              // Default: a plan within 15 calendar days of the finding
  int supervising_level_after_days = 1;   // Default: from the 1st day overdue, the supervising level
  int one_level_up_after_days = 30;       // Default: from the 30th day, one level up
  int province_after_days = 60;           // Default: from the 60th day, the province
};
// InvalidArgument unless plan_within_days ≥ 1 and 1 ≤ supervising ≤ one_level_up ≤ province.
Status ValidateEscalationRules(const EscalationRules& rules);

// Persisted as its code: append-only.
enum class OverdueReason : int {
  kNoPlan = 1,        // reported, no plan within plan_within_days
  kPastDeadline = 2,  // planned, past plan.deadline
};

struct OverdueAssessment {
  std::optional<Date> due;                  // none for rectified and closed findings
  std::optional<OverdueReason> reason;      // set when overdue
  int days_overdue = 0;                     // 0 when not overdue
  std::optional<GovernmentLevel> escalation;  // none when not overdue
  bool overdue() const { return days_overdue > 0; }
};

// The finding's state of delay on the day `on`. Fails only for invalid rules.
Result<OverdueAssessment> AssessOverdue(const Finding& finding, Date on, const EscalationRules& rules = {});

// The escalation level for `days_overdue` from `supervising` (none for 0 or less).
std::optional<GovernmentLevel> EscalationLevel(int days_overdue, GovernmentLevel supervising,
                                               const EscalationRules& rules);

}  // namespace chemsafe::inspect
