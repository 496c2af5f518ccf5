// A synthetic history of the plan's reporting (issue 8); see governance_demo.h.
#include "chemsafe/service/governance_demo.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <random>

#include <fmt/format.h>

namespace chemsafe::service {
namespace {

using governance::ObligationKind;

Date Plus(Date d, int days) { return Date{std::chrono::year_month_day{d.days() + std::chrono::days(days)}}; }

// 02:00 UTC (10:00 in China) of the day, as the services take `at`.
std::string AtMorning(Date d) {
  return UtcText(std::chrono::system_clock::time_point(d.days()) + std::chrono::hours(2));
}

Actor DemoActor(Role role, std::string username, const governance::Unit& unit) {
  Actor a;
  a.principal.username = std::move(username);
  a.principal.role = role;
  if (unit.division_code) {
    a.principal.division_code = *unit.division_code;
  } else {
    a.principal.department = unit.name;
  }
  a.client = "demo";
  a.request_id = "demo";
  return a;
}

// The working day `n` working days before `due` (n ≥ 0), not before `floor`.
Date WorkingDaysBefore(const WorkingCalendar& calendar, Date due, int n, Date floor) {
  Date d = due;
  while (n > 0 && d > floor) {
    d = Plus(d, -1);
    if (calendar.IsWorkingDay(d)) --n;
  }
  return std::max(d, floor);
}

}  // namespace

Result<GovernanceDemoResult> GenerateGovernanceDemo(store::GovernanceStore& g, const WorkingCalendar& calendar,
                                                    const std::string& plan_json, const std::string& units_json,
                                                    std::uint64_t seed, Date today,
                                                    const GovernanceDemoOptions& o) {
  for (double share : {o.late_share, o.missing_share, o.comment_share}) {
    if (!(share >= 0.0 && share <= 1.0)) return InvalidArgument("options: a share outside [0, 1]");
  }
  Actor office;
  office.principal.username = "demo-office";
  office.principal.role = Role::kProvince;
  office.client = "demo";
  office.request_id = "demo";

  GovernanceDemoResult result;
  auto units = governance::ParseUnitList(units_json);
  if (!units.ok()) return InvalidArgument("units." + units.status().message());
  auto parsed = governance::ParsePlan(plan_json, *units);
  if (!parsed.ok()) return InvalidArgument("plan." + parsed.status().message());
  CHEMSAFE_ASSIGN_OR_RETURN(auto plans, g.ListPlans());
  for (const auto& p : plans) {
    if (p.code == parsed->code) result.plan_id = p.id;
  }
  if (result.plan_id == 0) {
    CHEMSAFE_ASSIGN_OR_RETURN(auto record, LoadGovernancePlanAs(g, office, AtMorning(parsed->issued), plan_json,
                                                                units_json));
    result.plan_id = record.id;
    result.plan_loaded = true;
  }
  CHEMSAFE_ASSIGN_OR_RETURN(auto plan, OpenGovernancePlan(g, result.plan_id));
  store::GovernanceReportFilter any;
  any.plan_id = result.plan_id;
  CHEMSAFE_ASSIGN_OR_RETURN(auto existing, g.ListReports(any));
  if (!existing.empty()) {
    return FailedPrecondition(fmt::format("plan {} has {} reports already; the demo fills an empty history only",
                                          plan.plan.code, existing.size()));
  }

  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> unit01(0.0, 1.0);
  auto between = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  const Date start = plan.plan.issued;
  const Date end = plan.plan.reporting.summary_due;
  const double span_days = std::max(1.0, static_cast<double>((end.days() - start.days()).count()));

  int officer = 0;
  for (const governance::Unit* unit : plan.units.ReportingUnits()) {
    if (!governance::OwesReports(plan.plan, plan.units, unit->id)) continue;
    ++officer;
    const Role role = unit->kind == governance::UnitKind::kCity
                          ? (unit->division_code && unit->division_code->ends_with("00") ? Role::kCity : Role::kCounty)
                          : Role::kDepartment;
    const Actor actor = DemoActor(role, fmt::format("demo-{}", unit->id), *unit);
    // Each unit has its own pace and its own punctuality.
    const double pace = 0.75 + 0.5 * unit01(rng);
    const double unit_late = o.late_share * (0.5 + unit01(rng));
    CHEMSAFE_ASSIGN_OR_RETURN(auto obligations,
                              governance::ObligationsOf(plan.plan, plan.units, unit->id, calendar));
    for (const auto& ob : obligations) {
      const double draw = unit01(rng);
      const bool missing = draw < o.missing_share;
      const bool late = !missing && draw < o.missing_share + unit_late;
      Date filed = late ? Plus(ob.due, between(1, 20)) : WorkingDaysBefore(calendar, ob.due, between(0, 3), start);
      if (ob.quarter) filed = std::max(filed, Plus(ob.quarter->LastDay(), 1));
      if (missing || filed >= today) {
        if (ob.due < today) {
          ++result.missing;
          const Date remind_on = Plus(ob.due, 3);
          if (remind_on < today) {
            CHEMSAFE_RETURN_IF_ERROR(RemindAs(g, plan, calendar, office, AtMorning(remind_on), unit->id, ob.kind,
                                              ob.quarter, "请尽快报送（演示数据）")
                                         .status());
            ++result.reminders;
          }
        }
        continue;
      }
      ReportInput in;
      in.kind = ob.kind;
      in.quarter = ob.quarter;
      switch (ob.kind) {
        case ObligationKind::kLiaison:
          in.liaison = GovJson{{"name", fmt::format("演示联络员{:02d}", officer)},
                               {"title", "处长（演示）"},
                               {"phone", fmt::format("020-0000{:04d}", officer)},
                               {"staff_name", fmt::format("演示工作人员{:02d}", officer)},
                               {"staff_phone", fmt::format("020-0001{:04d}", officer)}};
          break;
        case ObligationKind::kImplementationPlan:
          in.summary = fmt::format("（演示数据）{}危险化学品安全综合治理实施方案：明确任务分工、时间节点和保障措施。",
                                   unit->name);
          break;
        case ObligationKind::kSummary:
          in.summary = fmt::format("（演示数据）{}危险化学品安全综合治理工作总结。", unit->name);
          break;
        case ObligationKind::kQuarterlyReport: {
          in.summary = fmt::format("（演示数据）{}{}危险化学品安全综合治理工作进展。", unit->name, ob.quarter->str());
          const double elapsed = static_cast<double>((ob.quarter->LastDay().days() - start.days()).count()) / span_days;
          for (const auto& role_of_task : ob.tasks) {
            const governance::Task* task = plan.plan.FindTask(role_of_task.task);
            std::optional<Date> deadline;
            bool continuous = false;
            for (const auto& a : task->assignments) {
              for (const auto& m : a.milestones) {
                if (m.kind == governance::MilestoneKind::kComplete && m.date && (!deadline || *m.date > *deadline)) {
                  deadline = m.date;
                }
                if (m.kind == governance::MilestoneKind::kContinuous || m.kind == governance::MilestoneKind::kDeepening) {
                  continuous = true;
                }
              }
            }
            governance::TaskReport t;
            t.task = task->number;
            int pct = static_cast<int>(std::lround(100.0 * std::min(1.0, elapsed * pace + 0.1 * unit01(rng))));
            const bool done = deadline && ob.quarter->LastDay() >= Plus(*deadline, -30) && unit01(rng) < 0.85;
            if (done) pct = 100;
            pct = std::clamp(pct, 0, 100);
            t.percentage = pct;
            t.progress = pct == 100 && !continuous   ? governance::TaskProgress::kCompleted
                         : continuous && pct >= 30   ? governance::TaskProgress::kContinuous
                         : pct == 0                  ? governance::TaskProgress::kNotStarted
                                                     : governance::TaskProgress::kInProgress;
            if (t.progress != governance::TaskProgress::kCompleted && t.percentage == 100) t.percentage = 99;
            t.text = fmt::format("（演示数据）任务{}：按计划推进。", task->number);
            in.tasks.push_back(std::move(t));
          }
          break;
        }
      }
      CHEMSAFE_ASSIGN_OR_RETURN(auto report, FileReportAs(g, plan, calendar, actor, AtMorning(filed), std::move(in)));
      ++result.reports;
      if (report.late) ++result.late;
      if (ob.kind == ObligationKind::kQuarterlyReport && unit01(rng) < o.comment_share) {
        const Date on = std::min(Plus(filed, between(1, 10)), Plus(today, -1));
        if (on >= filed) {
          CHEMSAFE_RETURN_IF_ERROR(CommentOnReportAs(g, office, AtMorning(on), report.id,
                                                     "请补充重点任务的量化数据（演示数据）。")
                                       .status());
          ++result.comments;
        }
      }
    }
  }
  return result;
}

}  // namespace chemsafe::service
