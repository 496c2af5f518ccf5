#include "chemsafe/inspect/overdue.h"

#include <algorithm>
#include <chrono>

#include <fmt/format.h>

namespace chemsafe::inspect {
namespace {

Date AddDays(Date d, int n) { return Date{std::chrono::year_month_day{d.days() + std::chrono::days{n}}}; }

GovernmentLevel OneUp(GovernmentLevel l) {
  return static_cast<GovernmentLevel>(
      std::min(static_cast<int>(l) + 1, static_cast<int>(GovernmentLevel::kProvince)));
}

}  // namespace

Status ValidateEscalationRules(const EscalationRules& r) {
  if (r.plan_within_days < 1) {
    return InvalidArgument(fmt::format("rules.plan_within_days: {} is less than 1", r.plan_within_days));
  }
  if (r.supervising_level_after_days < 1) {
    return InvalidArgument(
        fmt::format("rules.supervising_level_after_days: {} is less than 1", r.supervising_level_after_days));
  }
  if (r.one_level_up_after_days < r.supervising_level_after_days) {
    return InvalidArgument(fmt::format("rules.one_level_up_after_days: {} is less than supervising_level_after_days {}",
                                       r.one_level_up_after_days, r.supervising_level_after_days));
  }
  if (r.province_after_days < r.one_level_up_after_days) {
    return InvalidArgument(fmt::format("rules.province_after_days: {} is less than one_level_up_after_days {}",
                                       r.province_after_days, r.one_level_up_after_days));
  }
  return Status::Ok();
}

std::optional<GovernmentLevel> EscalationLevel(int days_overdue, GovernmentLevel supervising,
                                               const EscalationRules& r) {
  if (days_overdue >= r.province_after_days) return GovernmentLevel::kProvince;
  if (days_overdue >= r.one_level_up_after_days) return OneUp(supervising);
  if (days_overdue >= r.supervising_level_after_days) return supervising;
  return std::nullopt;
}

Result<OverdueAssessment> AssessOverdue(const Finding& f, Date on, const EscalationRules& rules) {
  CHEMSAFE_RETURN_IF_ERROR(ValidateEscalationRules(rules));
  OverdueAssessment out;
  OverdueReason reason;
  if (f.state == FindingState::kReported) {
    out.due = AddDays(f.report.found_date, rules.plan_within_days);
    reason = OverdueReason::kNoPlan;
  } else if (f.state == FindingState::kPlanned && f.plan) {
    out.due = f.plan->deadline;
    reason = OverdueReason::kPastDeadline;
  } else {
    return out;  // rectified or closed: the enterprise owes nothing
  }
  const int days = static_cast<int>((on.days() - out.due->days()).count());
  if (days <= 0) return out;
  out.days_overdue = days;
  out.reason = reason;
  // A general finding is supervised locally: the county (属地管理).
  const GovernmentLevel supervising = f.report.supervision_level.value_or(GovernmentLevel::kCounty);
  out.escalation = EscalationLevel(days, supervising, rules);
  return out;
}

}  // namespace chemsafe::inspect
