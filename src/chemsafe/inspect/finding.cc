#include "chemsafe/inspect/finding.h"

#include <cmath>
#include <utility>

#include <fmt/format.h>

#include "chemsafe/inspect/checklist.h"

namespace chemsafe::inspect {
namespace {

bool Blank(std::string_view s) { return s.find_first_not_of(" \t\r\n") == std::string_view::npos; }

// "finding F-1: " — every refusal names the finding.
std::string Who(const Finding& f) { return fmt::format("finding {}", f.report.id); }

Status RefuseIfClosed(const Finding& f) {
  if (f.state == FindingState::kClosed) {
    return FailedPrecondition(fmt::format("{}: closed (销号) on {}; nothing changes after closure", Who(f),
                                          f.closure ? f.closure->date.str() : std::string("?")));
  }
  return Status::Ok();
}

Status RequireState(const Finding& f, FindingState want, std::string_view action) {
  CHEMSAFE_RETURN_IF_ERROR(RefuseIfClosed(f));
  if (f.state != want) {
    return FailedPrecondition(fmt::format("{}: {} needs state {}, the finding is {}", Who(f), action,
                                          FindingStateCode(want), FindingStateCode(f.state)));
  }
  return Status::Ok();
}

Status RequireActor(const Finding& f, std::string_view actor, std::string_view field) {
  if (Blank(actor)) return InvalidArgument(fmt::format("{}: {}: is empty", Who(f), field));
  return Status::Ok();
}

// An action is not dated before the step it follows.
Status RequireNotBefore(const Finding& f, std::string_view field, Date date, Date earlier, std::string_view what) {
  if (date < earlier) {
    return InvalidArgument(fmt::format("{}: {}: {} is before {} {}", Who(f), field, date.str(), what, earlier.str()));
  }
  return Status::Ok();
}

}  // namespace

std::string_view InspectionKindCode(InspectionKind k) {
  switch (k) {
    case InspectionKind::kSelf: return "self";
    case InspectionKind::kGovernment: return "government";
  }
  return "unknown";
}

std::string_view HazardGradeCode(HazardGrade g) {
  switch (g) {
    case HazardGrade::kGeneral: return "general";
    case HazardGrade::kMajor: return "major";
  }
  return "unknown";
}

std::string_view GovernmentLevelCode(GovernmentLevel l) {
  switch (l) {
    case GovernmentLevel::kCounty: return "county";
    case GovernmentLevel::kCity: return "city";
    case GovernmentLevel::kProvince: return "province";
  }
  return "unknown";
}

std::string_view FindingStateCode(FindingState s) {
  switch (s) {
    case FindingState::kReported: return "reported";
    case FindingState::kPlanned: return "planned";
    case FindingState::kRectified: return "rectified";
    case FindingState::kClosed: return "closed";
  }
  return "unknown";
}

std::string_view AcceptanceOutcomeCode(AcceptanceOutcome o) {
  switch (o) {
    case AcceptanceOutcome::kPassed: return "passed";
    case AcceptanceOutcome::kFailed: return "failed";
  }
  return "unknown";
}

std::string_view InspectionKindLabelZh(InspectionKind k) {
  switch (k) {
    case InspectionKind::kSelf: return "企业自查";
    case InspectionKind::kGovernment: return "政府检查";
  }
  return "";
}

std::string_view HazardGradeLabelZh(HazardGrade g) {
  switch (g) {
    case HazardGrade::kGeneral: return "一般";
    case HazardGrade::kMajor: return "重大";
  }
  return "";
}

std::string_view GovernmentLevelLabelZh(GovernmentLevel l) {
  switch (l) {
    case GovernmentLevel::kCounty: return "县级";
    case GovernmentLevel::kCity: return "市级";
    case GovernmentLevel::kProvince: return "省级";
  }
  return "";
}

std::string_view FindingStateLabelZh(FindingState s) {
  switch (s) {
    case FindingState::kReported: return "待整改";
    case FindingState::kPlanned: return "整改中";
    case FindingState::kRectified: return "待验收";
    case FindingState::kClosed: return "已销号";
  }
  return "";
}

namespace {
// The value of `all` whose code is `code`.
template <typename E, std::size_t N>
std::optional<E> FromCode(std::string_view code, const E (&all)[N], std::string_view (*code_of)(E)) {
  for (E e : all) {
    if (code_of(e) == code) return e;
  }
  return std::nullopt;
}
}  // namespace

std::optional<InspectionKind> InspectionKindFromCode(std::string_view code) {
  static constexpr InspectionKind kAll[] = {InspectionKind::kSelf, InspectionKind::kGovernment};
  return FromCode(code, kAll, InspectionKindCode);
}
std::optional<HazardGrade> HazardGradeFromCode(std::string_view code) {
  static constexpr HazardGrade kAll[] = {HazardGrade::kGeneral, HazardGrade::kMajor};
  return FromCode(code, kAll, HazardGradeCode);
}
std::optional<GovernmentLevel> GovernmentLevelFromCode(std::string_view code) {
  static constexpr GovernmentLevel kAll[] = {GovernmentLevel::kCounty, GovernmentLevel::kCity,
                                             GovernmentLevel::kProvince};
  return FromCode(code, kAll, GovernmentLevelCode);
}
std::optional<FindingState> FindingStateFromCode(std::string_view code) {
  static constexpr FindingState kAll[] = {FindingState::kReported, FindingState::kPlanned, FindingState::kRectified,
                                          FindingState::kClosed};
  return FromCode(code, kAll, FindingStateCode);
}
std::optional<AcceptanceOutcome> AcceptanceOutcomeFromCode(std::string_view code) {
  static constexpr AcceptanceOutcome kAll[] = {AcceptanceOutcome::kPassed, AcceptanceOutcome::kFailed};
  return FromCode(code, kAll, AcceptanceOutcomeCode);
}

Status ValidateInspection(const Inspection& in) {
  if (Blank(in.id)) return InvalidArgument("inspection.id: is empty");
  const std::string at = fmt::format("inspection {}", in.id);
  if (Blank(in.enterprise_uscc)) return InvalidArgument(at + ": enterprise_uscc: is empty");
  if (in.inspectors.empty()) return InvalidArgument(at + ": inspectors: none named");
  for (std::size_t i = 0; i < in.inspectors.size(); ++i) {
    if (Blank(in.inspectors[i])) return InvalidArgument(fmt::format("{}: inspectors[{}]: is empty", at, i));
  }
  if (Blank(in.checklist_code)) return InvalidArgument(at + ": checklist_code: is empty");
  return Status::Ok();
}

const Acceptance* Finding::PassedAcceptance() const {
  if (acceptances.empty() || acceptances.back().outcome != AcceptanceOutcome::kPassed) return nullptr;
  return &acceptances.back();
}

Result<Finding> ReportFinding(FindingReport r) {
  if (Blank(r.id)) return InvalidArgument("finding.id: is empty");
  const std::string at = fmt::format("finding {}", r.id);
  if (Blank(r.enterprise_uscc)) return InvalidArgument(at + ": enterprise_uscc: is empty");
  if (Blank(r.description)) return InvalidArgument(at + ": description: is empty");
  if (Blank(r.found_by)) return InvalidArgument(at + ": found_by: is empty");
  for (std::size_t i = 0; i < r.photo_ids.size(); ++i) {
    if (Blank(r.photo_ids[i])) return InvalidArgument(fmt::format("{}: photo_ids[{}]: is empty", at, i));
  }
  if (r.major_criterion) {
    if (*r.major_criterion < 1 || *r.major_criterion > kMajorHiddenHazardCriteria) {
      return InvalidArgument(fmt::format("{}: major_criterion: {} is not an item of 安监总管三〔2017〕121号 (1..{})", at,
                                         *r.major_criterion, kMajorHiddenHazardCriteria));
    }
    // 安监总管三〔2017〕121号: the listed situations "应当判定为重大事故隐患".
    if (r.grade != HazardGrade::kMajor) {
      return InvalidArgument(fmt::format("{}: grade: a finding under item {} of 安监总管三〔2017〕121号 is major, not general",
                                         at, *r.major_criterion));
    }
  }
  if (r.grade == HazardGrade::kMajor) {
    if (!r.major_criterion && Blank(r.legal_basis)) {
      return InvalidArgument(at + ": legal_basis: a major finding needs a legal basis or a major_criterion");
    }
    if (!r.supervision_level) {
      return InvalidArgument(at + ": supervision_level: a major finding is put under supervision (挂牌督办) when reported");
    }
  } else if (r.supervision_level) {
    return InvalidArgument(at + ": supervision_level: only major findings are put under supervision (挂牌督办)");
  }
  Finding f;
  f.report = std::move(r);
  f.state = FindingState::kReported;
  return f;
}

Status SubmitPlan(Finding& f, Plan plan, std::string_view actor, Date date) {
  CHEMSAFE_RETURN_IF_ERROR(RefuseIfClosed(f));
  if (f.state != FindingState::kReported && f.state != FindingState::kPlanned) {
    return FailedPrecondition(fmt::format("{}: submitting a plan needs state reported or planned, the finding is {}",
                                          Who(f), FindingStateCode(f.state)));
  }
  CHEMSAFE_RETURN_IF_ERROR(RequireActor(f, actor, "plan.submitted_by"));
  if (plan.measures.empty()) return InvalidArgument(Who(f) + ": plan.measures: none given");
  for (std::size_t i = 0; i < plan.measures.size(); ++i) {
    if (Blank(plan.measures[i])) return InvalidArgument(fmt::format("{}: plan.measures[{}]: is empty", Who(f), i));
  }
  if (!std::isfinite(plan.funds_yuan) || plan.funds_yuan < 0) {
    return InvalidArgument(
        fmt::format("{}: plan.funds_yuan: {} is not a non-negative amount", Who(f), plan.funds_yuan));
  }
  if (Blank(plan.responsible_person)) return InvalidArgument(Who(f) + ": plan.responsible_person: is empty");
  if (!(plan.deadline > f.report.found_date)) {
    return InvalidArgument(fmt::format("{}: plan.deadline: {} is not after the finding's date {}", Who(f),
                                       plan.deadline.str(), f.report.found_date.str()));
  }
  CHEMSAFE_RETURN_IF_ERROR(RequireNotBefore(f, "plan.submitted_on", date, f.report.found_date, "the finding's date"));
  if (plan.deadline < date) {
    return InvalidArgument(fmt::format("{}: plan.deadline: {} is before the plan's date {}", Who(f),
                                       plan.deadline.str(), date.str()));
  }
  plan.submitted_on = date;
  plan.submitted_by = std::string(actor);
  f.plan = std::move(plan);
  f.state = FindingState::kPlanned;
  return Status::Ok();
}

Status AddProgress(Finding& f, ProgressNote note) {
  CHEMSAFE_RETURN_IF_ERROR(RequireState(f, FindingState::kPlanned, "a progress note"));
  CHEMSAFE_RETURN_IF_ERROR(RequireActor(f, note.by, "progress.by"));
  if (Blank(note.text)) return InvalidArgument(Who(f) + ": progress.text: is empty");
  CHEMSAFE_RETURN_IF_ERROR(RequireNotBefore(f, "progress.date", note.date, f.plan->submitted_on, "the plan's date"));
  f.progress.push_back(std::move(note));
  return Status::Ok();
}

Status ReportRectified(Finding& f, std::string_view actor, Date date, std::string note) {
  CHEMSAFE_RETURN_IF_ERROR(RequireState(f, FindingState::kPlanned, "reporting the rectification done"));
  CHEMSAFE_RETURN_IF_ERROR(RequireActor(f, actor, "rectification.by"));
  CHEMSAFE_RETURN_IF_ERROR(RequireNotBefore(f, "rectification.date", date, f.plan->submitted_on, "the plan's date"));
  f.rectification = Rectification{date, std::string(actor), std::move(note)};
  f.state = FindingState::kRectified;
  return Status::Ok();
}

Status RecordAcceptance(Finding& f, std::string_view actor, Date date, AcceptanceOutcome outcome, std::string note) {
  CHEMSAFE_RETURN_IF_ERROR(RequireState(f, FindingState::kRectified, "acceptance (验收)"));
  if (f.PassedAcceptance() != nullptr) {
    return FailedPrecondition(fmt::format("{}: already accepted on {} by {}; close it", Who(f),
                                          f.PassedAcceptance()->date.str(), f.PassedAcceptance()->by));
  }
  CHEMSAFE_RETURN_IF_ERROR(RequireActor(f, actor, "acceptance.by"));
  if (actor == f.rectification->by) {
    return PermissionDenied(fmt::format(
        "{}: acceptance.by: {} reported the rectification done; acceptance needs a second person", Who(f), actor));
  }
  CHEMSAFE_RETURN_IF_ERROR(
      RequireNotBefore(f, "acceptance.date", date, f.rectification->date, "the rectification's date"));
  Acceptance a{date, std::string(actor), outcome, std::move(note), *f.rectification};
  f.acceptances.push_back(std::move(a));
  if (outcome == AcceptanceOutcome::kFailed) {
    f.rectification.reset();
    f.state = FindingState::kPlanned;
  }
  return Status::Ok();
}

Status Close(Finding& f, std::string_view actor, Date date) {
  CHEMSAFE_RETURN_IF_ERROR(RefuseIfClosed(f));
  const Acceptance* passed = f.PassedAcceptance();
  if (f.state != FindingState::kRectified || passed == nullptr) {
    return FailedPrecondition(fmt::format("{}: closure (销号) needs a passed acceptance (验收); the finding is {}{}",
                                          Who(f), FindingStateCode(f.state),
                                          f.state == FindingState::kRectified ? " and not yet accepted" : ""));
  }
  CHEMSAFE_RETURN_IF_ERROR(RequireActor(f, actor, "closure.by"));
  CHEMSAFE_RETURN_IF_ERROR(RequireNotBefore(f, "closure.date", date, passed->date, "the acceptance's date"));
  f.closure = Closure{date, std::string(actor)};
  f.state = FindingState::kClosed;
  return Status::Ok();
}

}  // namespace chemsafe::inspect
