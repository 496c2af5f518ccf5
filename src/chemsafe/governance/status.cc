// Where the plan stands (issue 8); see status.h.
#include "chemsafe/governance/status.h"

#include <algorithm>
#include <numeric>
#include <tuple>

namespace chemsafe::governance {

std::string_view FilingStateName(FilingState state) {
  switch (state) {
    case FilingState::kPending: return "pending";
    case FilingState::kOnTime: return "on_time";
    case FilingState::kLate: return "late";
    case FilingState::kMissing: return "missing";
  }
  return "?";
}

std::string_view TaskProgressName(TaskProgress p) {
  switch (p) {
    case TaskProgress::kNotStarted: return "not_started";
    case TaskProgress::kInProgress: return "in_progress";
    case TaskProgress::kCompleted: return "completed";
    case TaskProgress::kContinuous: return "continuous";
  }
  return "?";
}

std::optional<TaskProgress> ParseTaskProgress(std::string_view name) {
  for (auto p : {TaskProgress::kNotStarted, TaskProgress::kInProgress, TaskProgress::kCompleted,
                 TaskProgress::kContinuous}) {
    if (TaskProgressName(p) == name) return p;
  }
  return std::nullopt;
}

std::optional<ObligationKind> ParseObligationKind(std::string_view name) {
  for (auto k : {ObligationKind::kLiaison, ObligationKind::kImplementationPlan, ObligationKind::kQuarterlyReport,
                 ObligationKind::kSummary}) {
    if (ObligationKindName(k) == name) return k;
  }
  return std::nullopt;
}

FilingState StateOf(Date due, std::optional<Date> filed_on, Date as_of) {
  if (filed_on.has_value()) return *filed_on <= due ? FilingState::kOnTime : FilingState::kLate;
  return as_of > due ? FilingState::kMissing : FilingState::kPending;
}

namespace {

int DaysBetween(Date from, Date to) { return static_cast<int>((to.days() - from.days()).count()); }

bool Answers(const Filing& f, const Obligation& o) {
  return f.kind == o.kind && f.unit_id == o.unit_id && f.quarter == o.quarter;
}

}  // namespace

Result<std::vector<ObligationStatus>> StatusOf(const Plan& plan, const UnitList& units, const WorkingCalendar& calendar,
                                               std::span<const Filing> filings, Date as_of) {
  std::vector<ObligationStatus> out;
  for (const Unit* unit : units.ReportingUnits()) {
    if (!OwesReports(plan, units, unit->id)) continue;
    CHEMSAFE_ASSIGN_OR_RETURN(auto obligations, ObligationsOf(plan, units, unit->id, calendar));
    for (auto& o : obligations) {
      ObligationStatus s;
      for (const Filing& f : filings) {
        if (Answers(f, o) && (!s.filed_on || f.filed_on < *s.filed_on)) s.filed_on = f.filed_on;
      }
      s.state = StateOf(o.due, s.filed_on, as_of);
      if (s.state == FilingState::kLate) s.days_late = DaysBetween(o.due, *s.filed_on);
      if (s.state == FilingState::kMissing) s.days_late = DaysBetween(o.due, as_of);
      s.obligation = std::move(o);
      out.push_back(std::move(s));
    }
  }
  return out;
}

std::optional<double> StateCounts::OnTimeRate() const {
  if (Due() == 0) return std::nullopt;
  return static_cast<double>(on_time) / Due();
}

void StateCounts::Add(FilingState s) {
  switch (s) {
    case FilingState::kPending: ++pending; break;
    case FilingState::kOnTime: ++on_time; break;
    case FilingState::kLate: ++late; break;
    case FilingState::kMissing: ++missing; break;
  }
}

std::map<std::string, StateCounts> CountByUnit(std::span<const ObligationStatus> statuses) {
  std::map<std::string, StateCounts> out;
  for (const auto& s : statuses) out[s.obligation.unit_id].Add(s.state);
  return out;
}

StateCounts CountAll(std::span<const ObligationStatus> statuses) {
  StateCounts out;
  for (const auto& s : statuses) out.Add(s.state);
  return out;
}

namespace {

// The latest quarterly report on `task` by `unit` filed by `as_of`.
const TaskReport* LatestOn(std::span<const Filing> filings, std::string_view unit, int task, Date as_of,
                           std::optional<Quarter>* quarter) {
  const TaskReport* best = nullptr;
  for (const Filing& f : filings) {
    if (f.kind != ObligationKind::kQuarterlyReport || f.unit_id != unit || !f.quarter || f.filed_on > as_of) continue;
    for (const TaskReport& t : f.tasks) {
      if (t.task == task && (best == nullptr || *f.quarter > **quarter)) {
        best = &t;
        *quarter = f.quarter;
      }
    }
  }
  return best;
}

// What a report must say of a task to count for a milestone.
enum class Counts { kAnyReport, kStarted, kCompleted };

// The day by which every lead unit had reported the task as `counts` asks (the latest of their first such
// reports); nullopt while one has not.
std::optional<Date> FirstReported(std::span<const Filing> filings, const std::vector<std::string>& leads, int task,
                                  Counts counts) {
  std::optional<Date> last_needed;
  for (const auto& unit : leads) {
    std::optional<Date> first;
    for (const Filing& f : filings) {
      if (f.kind != ObligationKind::kQuarterlyReport || f.unit_id != unit) continue;
      for (const TaskReport& t : f.tasks) {
        if (t.task != task) continue;
        if (counts == Counts::kCompleted && t.progress != TaskProgress::kCompleted) continue;
        if (counts == Counts::kStarted && t.progress == TaskProgress::kNotStarted) continue;
        if (!first || f.filed_on < *first) first = f.filed_on;
      }
    }
    if (!first) return std::nullopt;
    if (!last_needed || *first > *last_needed) last_needed = first;
  }
  return last_needed;
}

// The units whose reports measure a task or one of its assignments: the lead units, or, where the plan names
// none (各有关单位按职责分工负责), the co-units; collectives stand for their members.
std::vector<std::string> ReportingLeads(std::vector<std::string> named, const std::vector<std::string>& co,
                                        const UnitList& units) {
  if (named.empty()) named = co;
  std::vector<std::string> out;
  auto add = [&out](const std::string& id) {
    if (std::find(out.begin(), out.end(), id) == out.end()) out.push_back(id);
  };
  for (const auto& id : named) {
    const Unit* u = units.Find(id);
    if (u == nullptr) continue;
    if (u->kind != UnitKind::kCollective) {
      add(id);
    } else {
      for (const auto& member : u->expands_to) add(member);
    }
  }
  return out;
}

}  // namespace

Completion CompletionOf(const Plan& plan, const UnitList& units, std::span<const Filing> filings, Date as_of) {
  std::vector<Filing> known;
  for (const Filing& f : filings) {
    if (f.filed_on <= as_of) known.push_back(f);
  }
  Completion out;
  std::map<int, GroupCompletion> groups;
  std::map<int, std::pair<double, int>> group_sums;
  for (const auto& g : plan.groups) groups[g.number].group = g.number;
  for (const auto& task : plan.tasks) {
    TaskCompletion c;
    c.task = task.number;
    const auto leads = ReportingLeads(task.LeadUnits(), task.CoUnits(), units);
    c.lead_units = static_cast<int>(leads.size());
    double sum = 0;
    bool all_completed = true, any_continuous = false, any_started = false;
    for (const auto& unit : leads) {
      std::optional<Quarter> q;
      const TaskReport* t = LatestOn(known, unit, task.number, as_of, &q);
      if (t == nullptr) {
        all_completed = false;
        continue;
      }
      ++c.reported;
      sum += t->percentage;
      if (!c.latest_quarter || *q > *c.latest_quarter) c.latest_quarter = q;
      if (t->progress != TaskProgress::kCompleted) all_completed = false;
      if (t->progress == TaskProgress::kContinuous) any_continuous = true;
      if (t->progress != TaskProgress::kNotStarted) any_started = true;
    }
    if (c.reported > 0) {
      c.percentage = sum / c.reported;
      c.progress = all_completed ? TaskProgress::kCompleted
                   : any_continuous ? TaskProgress::kContinuous
                   : any_started ? TaskProgress::kInProgress
                                 : TaskProgress::kNotStarted;
    }
    auto& g = groups[task.group];
    ++g.tasks;
    if (c.progress == TaskProgress::kCompleted) ++g.completed;
    if (c.percentage) {
      group_sums[task.group].first += *c.percentage;
      ++group_sums[task.group].second;
    }
    for (const auto& a : task.assignments) {
      const auto assignment_leads = ReportingLeads(a.lead_units, a.co_units, units);
      for (const auto& m : a.milestones) {
        MilestoneStatus s;
        s.task = task.number;
        s.milestone = m;
        switch (m.kind) {
          case MilestoneKind::kComplete:
          case MilestoneKind::kInterim: {
            s.due = m.date;
            const auto met_on = FirstReported(known, assignment_leads, task.number,
                                               m.kind == MilestoneKind::kComplete ? Counts::kCompleted : Counts::kStarted);
            if (met_on && (!s.due || *met_on <= as_of)) {
              s.state = "met";
            } else {
              s.state = (s.due && as_of > *s.due) ? "overdue" : "upcoming";
            }
            break;
          }
          case MilestoneKind::kDeepening:
            // A period: upcoming before it, ongoing in it; once ended, met when the lead units reported on
            // the task at all, overdue otherwise.
            s.due = m.to;
            if (m.from && as_of < *m.from) {
              s.state = "upcoming";
            } else if (!s.due || as_of <= *s.due) {
              s.state = "ongoing";
            } else {
              s.state = FirstReported(known, assignment_leads, task.number, Counts::kAnyReport) ? "met" : "overdue";
            }
            break;
          case MilestoneKind::kContinuous:
            s.state = "ongoing";
            break;
        }
        out.milestones.push_back(std::move(s));
      }
    }
    out.tasks.push_back(std::move(c));
  }
  for (auto& [number, g] : groups) {
    if (auto it = group_sums.find(number); it != group_sums.end() && it->second.second > 0) {
      g.percentage = it->second.first / it->second.second;
    }
    out.groups.push_back(g);
  }
  std::stable_sort(out.milestones.begin(), out.milestones.end(), [](const MilestoneStatus& a, const MilestoneStatus& b) {
    if (a.due.has_value() != b.due.has_value()) return a.due.has_value();
    return a.due && *a.due < *b.due;
  });
  return out;
}

}  // namespace chemsafe::governance
