// Inspections and hidden-hazard findings (隐患), and the closed loop of their rectification
// (隐患排查治理, plan tasks T9, T25) as a state machine over values:
//
//   reported (待整改) --SubmitPlan--> planned (整改中) --ReportRectified--> rectified (待验收)
//   rectified --RecordAcceptance(passed)--> rectified, accepted --Close--> closed (已销号)
//   rectified --RecordAcceptance(failed)--> planned (the rectification is redone)
//
// Rules (each refusal is a Status naming the field or the missing step):
// - a hidden hazard is 一般 (general) or 重大 (major) (安全生产事故隐患排查治理暂行规定, 安监总局令第16号
//   第三条); a finding under one of the 20 criteria of 安监总管三〔2017〕121号 is major;
// - a major finding is put under listed supervision (挂牌督办) by a government level when it is reported
//   (issue 7; 安监总局令第16号 has major hidden hazards reported to the supervising authority: article
//   numbers not verified here); the level is the caller's choice (the enterprise's supervising authority);
// - the plan (整改方案) names measures, funds, a responsible person and a deadline after the found date
//   (安监总局令第16号 第十五条 as recalled, unverified: 方法和措施、经费和物资、机构和人员、时限和要求);
// - closure (销号) needs a passed acceptance (验收), by a second person: not the one who reported the
//   rectification done (a chemsafe rule of four eyes);
// - nothing changes after closure.
// Dates are calendar dates (Asia/Shanghai); an action may not be dated before the step it follows.
//
// Pure: no I/O, no clock (the caller passes the date). Functions mutate only the Finding passed in;
// thread-compatible.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "chemsafe/core/calendar.h"
#include "chemsafe/core/result.h"

namespace chemsafe::inspect {

// Persisted as its code: append-only.
enum class InspectionKind : int {
  kSelf = 1,        // 企业自查
  kGovernment = 2,  // 政府检查
};
std::string_view InspectionKindCode(InspectionKind k);  // "self", "government"

struct Inspection {
  std::string id;
  InspectionKind kind = InspectionKind::kSelf;
  std::string enterprise_uscc;
  Date date{};
  std::vector<std::string> inspectors;  // at least one
  std::string scope;                    // what was inspected (units, areas, topics)
  std::string checklist_code;           // the checklist used, e.g. kMajorHiddenHazardChecklist
};
// InvalidArgument naming the field: id, enterprise_uscc, inspectors (none, or an empty name), checklist_code.
// The USCC's check character is validated at the edge (core/ids.h), not here.
Status ValidateInspection(const Inspection& inspection);

// Persisted as its code: append-only.
enum class HazardGrade : int {
  kGeneral = 1,  // 一般事故隐患
  kMajor = 2,    // 重大事故隐患
};
std::string_view HazardGradeCode(HazardGrade g);  // "general", "major"

// Administrative levels that supervise and to which overdue findings escalate. Ordered: a higher value
// is a higher level. Persisted as its code: append-only.
enum class GovernmentLevel : int {
  kCounty = 1,    // 县级
  kCity = 2,      // 市级
  kProvince = 3,  // 省级
};
std::string_view GovernmentLevelCode(GovernmentLevel l);  // "county", "city", "province"

// Persisted as its code: append-only.
enum class FindingState : int {
  kReported = 1,   // 待整改
  kPlanned = 2,    // 整改中
  kRectified = 3,  // 待验收
  kClosed = 4,     // 已销号
};
std::string_view FindingStateCode(FindingState s);  // "reported", "planned", "rectified", "closed"

// Chinese labels for the UI (GLOSSARY.md): 企业自查/政府检查, 一般/重大, 县级/市级/省级, 待整改/整改中/待验收/已销号.
std::string_view InspectionKindLabelZh(InspectionKind k);
std::string_view HazardGradeLabelZh(HazardGrade g);
std::string_view GovernmentLevelLabelZh(GovernmentLevel l);
std::string_view FindingStateLabelZh(FindingState s);

// The enums back from their codes (for the stores and the API); nullopt for an unknown code.
std::optional<InspectionKind> InspectionKindFromCode(std::string_view code);
std::optional<HazardGrade> HazardGradeFromCode(std::string_view code);
std::optional<GovernmentLevel> GovernmentLevelFromCode(std::string_view code);
std::optional<FindingState> FindingStateFromCode(std::string_view code);

struct Plan {  // 整改方案
  std::vector<std::string> measures;  // at least one, none empty
  double funds_yuan = 0;              // ≥ 0
  std::string responsible_person;
  Date deadline{};                      // after the finding's found date
  Date submitted_on{};                  // set by SubmitPlan
  std::string submitted_by;           // set by SubmitPlan
};

struct ProgressNote {
  Date date{};
  std::string by;
  std::string text;
};

struct Rectification {  // 整改完成
  Date date{};
  std::string by;
  std::string note;
};

// Persisted as its code: append-only.
enum class AcceptanceOutcome : int {
  kPassed = 1,
  kFailed = 2,
};
std::string_view AcceptanceOutcomeCode(AcceptanceOutcome o);  // "passed", "failed"
std::optional<AcceptanceOutcome> AcceptanceOutcomeFromCode(std::string_view code);

struct Acceptance {  // 验收
  Date date{};
  std::string by;
  AcceptanceOutcome outcome = AcceptanceOutcome::kFailed;
  std::string note;
  Rectification of;  // the rectification accepted or refused (set by RecordAcceptance)
};

struct Closure {  // 销号
  Date date{};
  std::string by;
};

// What an inspector records; ReportFinding validates it into a Finding.
struct FindingReport {
  std::string id;
  std::string inspection_id;    // may be empty (a finding outside a recorded inspection)
  std::string enterprise_uscc;
  std::string division_code;    // the enterprise's county-level division (statistics by area)
  std::string sector;           // the enterprise's sector (statistics by sector)
  std::string description;
  std::string location;
  std::vector<std::string> photo_ids;  // file ids of photos
  HazardGrade grade = HazardGrade::kGeneral;
  // The item of 安监总管三〔2017〕121号 (1..20) the finding falls under; only for major findings.
  std::optional<int> major_criterion;
  std::string legal_basis;      // required for a major finding without a criterion
  Date found_date{};
  std::string found_by;
  // 挂牌督办: required for a major finding, refused for a general one.
  std::optional<GovernmentLevel> supervision_level;
};

struct Finding {
  FindingReport report;
  FindingState state = FindingState::kReported;
  std::optional<Plan> plan;
  std::vector<ProgressNote> progress;
  std::optional<Rectification> rectification;  // the current one; cleared by a failed acceptance
  std::vector<Acceptance> acceptances;         // all, in order
  std::optional<Closure> closure;

  // The last acceptance, if it passed (the one closure needs).
  const Acceptance* PassedAcceptance() const;
};

// Validates the report (InvalidArgument naming the field) and starts the loop in state reported.
Result<Finding> ReportFinding(FindingReport report);

// reported|planned → planned. A plan may be revised while planned (e.g. after a failed acceptance).
Status SubmitPlan(Finding& finding, Plan plan, std::string_view actor, Date date);
// planned → planned: a progress note.
Status AddProgress(Finding& finding, ProgressNote note);
// planned → rectified.
Status ReportRectified(Finding& finding, std::string_view actor, Date date, std::string note = {});
// rectified → rectified (passed) or planned (failed). The acceptor must differ from the rectifier
// (PermissionDenied); only one passed acceptance.
Status RecordAcceptance(Finding& finding, std::string_view actor, Date date, AcceptanceOutcome outcome,
                        std::string note = {});
// rectified with a passed acceptance → closed.
Status Close(Finding& finding, std::string_view actor, Date date);

}  // namespace chemsafe::inspect
