// Where the plan stands (issue 8 "Reporting and supervision"; seed section 五: 省安委会办公室 compiles the
// situation and supervises): each obligation of each reporting unit is pending (not yet due, not filed),
// on time, late (filed after the due date: recorded as such forever, whatever is amended later) or missing
// (not filed and the due date has passed); counts by unit; and the completion of tasks, groups and
// milestones from the percentages the lead units report. Pure: the caller gives the filings it keeps.
// Thread-compatible.
#pragma once

#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "chemsafe/core/calendar.h"
#include "chemsafe/core/result.h"
#include "chemsafe/governance/obligations.h"
#include "chemsafe/governance/plan.h"

namespace chemsafe::governance {

// Persisted as the JSON strings below.
enum class FilingState {
  kPending,  // "pending": not filed, not yet due (未到期)
  kOnTime,   // "on_time": filed on or before the due date (按时报送)
  kLate,     // "late": filed after the due date (逾期报送)
  kMissing,  // "missing": not filed, the due date has passed (逾期未报)
};
std::string_view FilingStateName(FilingState state);

// What a task's report says of it. Persisted as the JSON strings below.
enum class TaskProgress {
  kNotStarted,  // "not_started": 未启动
  kInProgress,  // "in_progress": 推进中
  kCompleted,   // "completed": 已完成
  kContinuous,  // "continuous": 持续推进 (a continuous task reported as running)
};
std::string_view TaskProgressName(TaskProgress p);
std::optional<TaskProgress> ParseTaskProgress(std::string_view name);
std::optional<ObligationKind> ParseObligationKind(std::string_view name);

// One task of a filed quarterly report.
struct TaskReport {
  int task = 0;
  TaskProgress progress = TaskProgress::kInProgress;
  int percentage = 0;  // 0..100
  std::string text;
};

// A report as filed: the obligation it answers and the day it was first filed (Asia/Shanghai).
struct Filing {
  ObligationKind kind = ObligationKind::kQuarterlyReport;
  std::string unit_id;
  std::optional<Quarter> quarter;
  Date filed_on;
  std::vector<TaskReport> tasks;  // quarterly reports
};

struct ObligationStatus {
  Obligation obligation;
  FilingState state = FilingState::kPending;
  std::optional<Date> filed_on;
  int days_late = 0;  // late: filed_on − due; missing: as_of − due (calendar days)
};

// The state of an obligation due on `due`, first filed on `filed_on` (if at all), as of `as_of`.
FilingState StateOf(Date due, std::optional<Date> filed_on, Date as_of);

// Every obligation of every reporting unit (ReportingUnits that OwesReports) with its state as of `as_of`,
// by unit in the order of the unit list, then by due date. Filings that answer no obligation are ignored.
Result<std::vector<ObligationStatus>> StatusOf(const Plan& plan, const UnitList& units, const WorkingCalendar& calendar,
                                               std::span<const Filing> filings, Date as_of);

struct StateCounts {
  int pending = 0, on_time = 0, late = 0, missing = 0;
  int Due() const { return on_time + late + missing; }
  // On-time share of the obligations due; nullopt when none is due.
  std::optional<double> OnTimeRate() const;
  void Add(FilingState s);
};

// Counts by unit id, and over all.
std::map<std::string, StateCounts> CountByUnit(std::span<const ObligationStatus> statuses);
StateCounts CountAll(std::span<const ObligationStatus> statuses);

// A task's completion from the latest quarterly reports (by quarter) of its lead units (or, for a task the plan
// leaves to every unit by its duties — no lead named — of its co-units; collectives by their members): the mean of their
// latest percentages (nullopt when no lead unit has reported on it), and the progress all of them agree on
// (completed only when every lead unit reports it completed).
struct TaskCompletion {
  int task = 0;
  std::optional<double> percentage;
  std::optional<TaskProgress> progress;
  int lead_units = 0;
  int reported = 0;  // lead units that reported on it
  std::optional<Quarter> latest_quarter;
};

struct MilestoneStatus {
  int task = 0;
  Milestone milestone;
  std::optional<Date> due;  // complete / interim: date; deepening: to; continuous: none
  // complete: met once every lead unit of its parenthesis reports the task completed; interim (取得阶段性成果):
  // once every one of them reports it started (in progress, continuous or completed); either is overdue when
  // its date has passed unmet, upcoming before. deepening: upcoming before its period, ongoing in it, then met
  // when the leads reported on the task at all, overdue otherwise. continuous: ongoing.
  std::string state;
};

struct GroupCompletion {
  int group = 0;
  std::optional<double> percentage;  // mean over the group's tasks that have one
  int tasks = 0, completed = 0;
};

struct Completion {
  std::vector<TaskCompletion> tasks;  // every task, in number order
  std::vector<GroupCompletion> groups;
  std::vector<MilestoneStatus> milestones;  // by due date (continuous last)
};

// Completion as of `as_of` from `filings` (only quarterly reports count).
Completion CompletionOf(const Plan& plan, const UnitList& units, std::span<const Filing> filings, Date as_of);

}  // namespace chemsafe::governance
