// The governance of the plan as use cases (issue 8 "Governance of the plan itself"; seed sections 三 and 五):
// plans loaded into the store, reports filed by the units that owe them (governance/obligations.h), their
// states as of a day (governance/status.h), the province office's reminders and comments, what the platform
// itself measures beside the units' words, the dashboard and the quarterly situation notice (情况通报). Every
// write is saved with an audit record in the same transaction (store/governance_store.h). Actions are dated by
// `at` (UTC text) as a date in Asia/Shanghai.
//
// Who is which unit (ReportingUnitOf): a city officer by their division code (440100 → 广州市人民政府), a county
// officer likewise where a unit has that code (440606 → 顺德区); a department officer by their department's
// name or alias in the plan's unit list; the province office is no unit: it supervises. Who may do what:
//   load a plan                 the province office
//   file, amend, attach         the unit's own officers (city, county, department), for their unit's obligations
//   remind, comment             the province office
//   see statuses and reports    province office and departments: every unit; city and county officers: their
//                               unit's own (another unit's report is NotFound)
//   dashboard, notice           province office and departments
// Enterprises, grid officers and the administration roles: PermissionDenied.
// Thread-safety: as the stores passed in (one per thread).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "chemsafe/cards/situation_notice.h"
#include "chemsafe/core/calendar.h"
#include "chemsafe/core/result.h"
#include "chemsafe/governance/obligations.h"
#include "chemsafe/governance/plan.h"
#include "chemsafe/governance/status.h"
#include "chemsafe/service/access.h"
#include "chemsafe/store/credit_store.h"
#include "chemsafe/store/governance_store.h"
#include "chemsafe/store/hazard_store.h"
#include "chemsafe/store/qra_store.h"
#include "chemsafe/store/registry_store.h"
#include "chemsafe/store/risk_store.h"

namespace chemsafe::service {

using GovJson = nlohmann::ordered_json;

// The stores the measures read besides the governance store.
struct GovernanceStores {
  store::GovernanceStore& governance;
  store::RegistryStore& registry;
  store::HazardStore& hazards;
  store::RiskStore& risk;
  store::QraStore& qra;
  store::CreditStore& credit;
};

// A stored plan, parsed.
struct OpenedPlan {
  store::GovernancePlanRecord record;
  governance::UnitList units;
  governance::Plan plan;
};

// Validates and stores a plan (governance::ParsePlan against `units_json`, governance::ParseUnitList).
// PermissionDenied unless the province office; InvalidArgument naming the file ("plan" or "units") and the JSON
// path; AlreadyExists when its code is loaded.
Result<store::GovernancePlanRecord> LoadGovernancePlanAs(store::GovernanceStore& g, const Actor& actor,
                                                         const std::string& at, const std::string& plan_json,
                                                         const std::string& units_json);
// NotFound for an unknown id.
Result<OpenedPlan> OpenGovernancePlan(store::GovernanceStore& g, std::int64_t plan_id);
// The plans (PermissionDenied for roles that see none), in id order.
Result<std::vector<store::GovernancePlanRecord>> ListGovernancePlans(store::GovernanceStore& g, const Principal& who);

// The unit `who` reports for (see above); nullopt for the province office and for an officer whose division or
// department is no unit of the plan; PermissionDenied for roles outside governance.
Result<std::optional<std::string>> ReportingUnitOf(const OpenedPlan& plan, const Principal& who);

// The division prefix a unit's measures cover: a city's or 顺德区's code without its trailing zero pairs
// ("440100" → "4401", "440606" → "440606"), the province ("44") for the others.
std::string MeasureScopeOf(const governance::Unit& unit);

// The state of every obligation the caller sees (every unit's, or their own unit's), as of `as_of`.
Result<std::vector<governance::ObligationStatus>> StatusInSight(store::GovernanceStore& g, const OpenedPlan& plan,
                                                                const WorkingCalendar& calendar, const Principal& who,
                                                                Date as_of);
// Every unit's, for the CLI and the notice (no caller).
Result<std::vector<governance::ObligationStatus>> StatusOfPlan(store::GovernanceStore& g, const OpenedPlan& plan,
                                                               const WorkingCalendar& calendar, Date as_of);

// What a unit files.
struct ReportInput {
  governance::ObligationKind kind = governance::ObligationKind::kQuarterlyReport;
  std::optional<governance::Quarter> quarter;
  std::string summary;
  std::vector<governance::TaskReport> tasks;  // quarterly reports
  GovJson liaison;  // liaison: {"name", "title", "phone", "staff_name", "staff_phone"}; null otherwise
};
// From a request body {"kind"?, "quarter"?, "summary", "tasks"?, "liaison"?} (kind and quarter only when
// `with_obligation`); InvalidArgument naming the field ("tasks[2].percentage: 0 to 100").
Result<ReportInput> ReportInputFromJson(const nlohmann::json& body, bool with_obligation);

// Files the caller's unit's report for an obligation on `at`'s date: late when after the due date, for ever.
// InvalidArgument naming the field: an obligation the unit does not owe (a quarter outside the plan), a
// quarter not begun yet, a task the unit neither leads nor joins (or twice), a liaison report without its
// names; PermissionDenied for the province office and other roles; AlreadyExists when filed already.
Result<store::GovernanceReportRecord> FileReportAs(store::GovernanceStore& g, const OpenedPlan& plan,
                                                   const WorkingCalendar& calendar, const Actor& actor,
                                                   const std::string& at, ReportInput input);
// Amends a filed report (its unit's officers; the version the caller saw). Its filing day and state stay.
// FailedPrecondition when another change came first.
Result<store::GovernanceReportRecord> AmendReportAs(store::GovernanceStore& g, const OpenedPlan& plan,
                                                    const Actor& actor, const std::string& at, std::int64_t report_id,
                                                    int version, ReportInput input);
// A report the caller sees (NotFound otherwise), with its plan.
Result<std::pair<store::GovernanceReportRecord, OpenedPlan>> ReportInSight(store::GovernanceStore& g,
                                                                           const Principal& who,
                                                                           std::int64_t report_id);
// The reports of a plan the caller sees, newest filing first, filtered as given.
Result<std::vector<store::GovernanceReportRecord>> ReportsInSight(store::GovernanceStore& g, const OpenedPlan& plan,
                                                                  const Principal& who,
                                                                  store::GovernanceReportFilter filter);

// Attaches a file to a report (its unit's officers): PDF, DOCX, XLSX, JPEG or PNG up to 10 MiB, the type read
// from the bytes (and, for the Office formats, their parts); its id is the SM3 hex of the bytes. The name is
// kept as given (without any directory). InvalidArgument naming what is wrong; AlreadyExists for the same file.
inline constexpr std::size_t kMaxAttachmentBytes = 10 * 1024 * 1024;
Result<store::GovernanceAttachmentRecord> AttachToReportAs(store::GovernanceStore& g, const Actor& actor,
                                                           const std::string& at, std::int64_t report_id,
                                                           std::string name, std::string bytes);
// The province office comments on a report (text required, at most 2,000 characters).
Result<store::GovernanceNoteRecord> CommentOnReportAs(store::GovernanceStore& g, const Actor& actor,
                                                      const std::string& at, std::int64_t report_id, std::string text);
// The province office reminds a unit (催报) of an obligation not filed yet (pending or missing on `at`'s date):
// FailedPrecondition when it is filed; InvalidArgument for an obligation the unit does not owe.
Result<store::GovernanceNoteRecord> RemindAs(store::GovernanceStore& g, const OpenedPlan& plan,
                                             const WorkingCalendar& calendar, const Actor& actor,
                                             const std::string& at, const std::string& unit_id,
                                             governance::ObligationKind kind,
                                             std::optional<governance::Quarter> quarter, std::string note);
// The reminders the caller sees (of one unit when `unit_id` is set), in id order.
Result<std::vector<store::GovernanceNoteRecord>> RemindersInSight(store::GovernanceStore& g, const OpenedPlan& plan,
                                                                  const Principal& who, const std::string& unit_id);

// What the platform measures of a task (issue 8: "the measure beside the unit's words").
struct Measure {
  int task = 0;
  std::string label;  // zh-CN
  std::int64_t numerator = 0;
  std::optional<std::int64_t> denominator;  // nullopt: a count
  std::string text;   // as printed: "87.5%（1,750/2,000）" or "12家"
};
// T2 units identified under GB 18218-2018 (an assessment stored) / all units; T7 enterprises in the latest QRA
// run / those listed (an exceedance); T21 production enterprises with a valid 危险化学品登记证 on `today` / all
// production enterprises; T27 enterprises on the blacklist on `today`; T34 risk points with coordinates / all —
// over the enterprises whose division code starts with `division_prefix`.
Result<std::vector<Measure>> MeasuresOf(GovernanceStores s, const std::string& division_prefix, Date today);

// JSON views (docs/api.md "Governance of the plan").
GovJson PlanSummaryJson(const store::GovernancePlanRecord& record, const governance::Plan& plan);
Result<GovJson> PlanJson(const OpenedPlan& plan, const WorkingCalendar& calendar,
                         const std::optional<std::string>& my_unit);
GovJson StatusRowJson(const OpenedPlan& plan, const governance::ObligationStatus& s,
                      const std::vector<store::GovernanceReportRecord>& reports,
                      const std::vector<store::GovernanceNoteRecord>& reminders);
GovJson StatusJson(const OpenedPlan& plan, const std::vector<governance::ObligationStatus>& statuses,
                   const std::vector<store::GovernanceReportRecord>& reports,
                   const std::vector<store::GovernanceNoteRecord>& reminders, Date as_of);
GovJson MeasureJson(const Measure& m);
// A report with its attachments, comments, state as of `as_of` and, on each task, the platform's measure.
Result<GovJson> ReportJson(GovernanceStores s, const OpenedPlan& plan, const store::GovernanceReportRecord& report,
                           Date as_of);
GovJson NoteJson(const store::GovernanceNoteRecord& n);
Result<GovJson> DashboardJson(GovernanceStores s, const OpenedPlan& plan, const WorkingCalendar& calendar, Date as_of);

// The situation notice of a quarter's progress reports as of `as_of` (the figures) dated `date`.
Result<cards::SituationNotice> SituationNoticeOf(GovernanceStores s, const OpenedPlan& plan,
                                                 const WorkingCalendar& calendar, governance::Quarter quarter,
                                                 Date as_of, Date date);

}  // namespace chemsafe::service
