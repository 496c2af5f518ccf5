// Reporting obligations of a governance plan (issue 8); see obligations.h.
#include "chemsafe/governance/obligations.h"

#include <algorithm>

#include <fmt/format.h>

namespace chemsafe::governance {

std::string_view ObligationKindName(ObligationKind kind) {
  switch (kind) {
    case ObligationKind::kLiaison: return "liaison";
    case ObligationKind::kImplementationPlan: return "implementation_plan";
    case ObligationKind::kQuarterlyReport: return "quarterly_report";
    case ObligationKind::kSummary: return "summary";
  }
  return "?";
}

Result<Date> QuarterlyReportDue(Quarter quarter, int working_days, const WorkingCalendar& calendar) {
  return calendar.AddWorkingDays(quarter.LastDay(), working_days);
}

std::vector<TaskRole> TasksOf(const Plan& plan, const UnitList& units, std::string_view unit_id) {
  const auto ids = units.IdsCovering(unit_id);
  auto named = [&ids](const std::vector<std::string>& list) {
    return std::any_of(list.begin(), list.end(),
                       [&ids](const std::string& u) { return std::find(ids.begin(), ids.end(), u) != ids.end(); });
  };
  std::vector<TaskRole> out;
  for (const auto& task : plan.tasks) {
    if (named(task.LeadUnits())) {
      out.push_back({task.number, true});
    } else if (named(task.CoUnits())) {
      out.push_back({task.number, false});
    }
  }
  return out;
}

bool OwesReports(const Plan& plan, const UnitList& units, std::string_view unit_id) {
  const auto ids = units.IdsCovering(unit_id);
  const auto& r = plan.reporting.reporting_units;
  return std::any_of(r.begin(), r.end(),
                     [&ids](const std::string& u) { return std::find(ids.begin(), ids.end(), u) != ids.end(); });
}

Result<std::vector<Obligation>> ObligationsOf(const Plan& plan, const UnitList& units, std::string_view unit_id,
                                              const WorkingCalendar& calendar) {
  const Unit* unit = units.Find(unit_id);
  if (unit == nullptr) return NotFound(fmt::format("\"{}\" is not a unit of units.json", unit_id));
  if (unit->kind == UnitKind::kCollective) {
    return InvalidArgument(fmt::format("\"{}\" is a collective name ({}); ask for one of its units", unit->name, unit->id));
  }
  if (!OwesReports(plan, units, unit_id)) {
    return InvalidArgument(fmt::format("{} ({}) is not among the reporting units of {}", unit->name, unit->id, plan.code));
  }
  const ReportingDuties& r = plan.reporting;
  std::vector<Obligation> out;
  out.push_back({ObligationKind::kLiaison, unit->id, std::nullopt, r.liaison_due, {}});
  out.push_back({ObligationKind::kImplementationPlan, unit->id, std::nullopt, r.implementation_plan_due, {}});
  const auto tasks = TasksOf(plan, units, unit_id);
  CHEMSAFE_ASSIGN_OR_RETURN(Quarter q, Quarter::Parse(r.first_quarter));
  CHEMSAFE_ASSIGN_OR_RETURN(Quarter last, Quarter::Parse(r.last_quarter));
  for (; q <= last; q = q.Next()) {
    CHEMSAFE_ASSIGN_OR_RETURN(Date due, QuarterlyReportDue(q, r.quarterly_report_working_days, calendar));
    out.push_back({ObligationKind::kQuarterlyReport, unit->id, q, due, tasks});
  }
  out.push_back({ObligationKind::kSummary, unit->id, std::nullopt, r.summary_due, {}});
  std::stable_sort(out.begin(), out.end(), [](const Obligation& a, const Obligation& b) { return a.due < b.due; });
  return out;
}

}  // namespace chemsafe::governance
