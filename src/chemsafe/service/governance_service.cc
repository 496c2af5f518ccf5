// The governance of the plan as use cases (issue 8); see governance_service.h.
#include "chemsafe/service/governance_service.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <set>

#include <fmt/format.h>

#include "chemsafe/audit/sm3.h"
#include "chemsafe/service/credit_service.h"
#include "chemsafe/service/internal/json_reader.h"

namespace chemsafe::service {
namespace {

using governance::FilingState;
using governance::ObligationKind;
using governance::Quarter;
using internal::JsonReader;

constexpr std::size_t kMaxSummaryChars = 20000;
constexpr std::size_t kMaxCommentChars = 2000;

// The Asia/Shanghai date of the UTC text `at`.
Result<Date> DayOf(const std::string& at) {
  const auto t = ParseUtcText(at);
  if (!t) return InvalidArgument(fmt::format("at: \"{}\" is not a UTC time", at));
  return ShanghaiDateOf(*t);
}

Status Denied(const Principal& who, std::string_view what) {
  return PermissionDenied(fmt::format("{} ({}) may not {}", who.username, RoleCode(who.role), what));
}

bool InGovernance(const Principal& who) {
  return who.role == Role::kProvince || who.role == Role::kDepartment || who.role == Role::kCity ||
         who.role == Role::kCounty;
}

bool SeesEveryUnit(const Principal& who) { return who.role == Role::kProvince || who.role == Role::kDepartment; }

// UTF-8 characters in `s` (not bytes).
std::size_t Chars(std::string_view s) {
  return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

Date FirstDayOf(Quarter q) {
  using namespace std::chrono;
  return Date{year_month_day{year{q.year}, month{static_cast<unsigned>((q.q - 1) * 3 + 1)}, day{1}}};
}

std::string_view KindLabelZh(ObligationKind k) {
  switch (k) {
    case ObligationKind::kLiaison: return "联络员报送";
    case ObligationKind::kImplementationPlan: return "实施方案";
    case ObligationKind::kQuarterlyReport: return "季度进展报告";
    case ObligationKind::kSummary: return "总结报告";
  }
  return "?";
}

std::string_view StateLabelZh(FilingState s) {
  switch (s) {
    case FilingState::kPending: return "未到期";
    case FilingState::kOnTime: return "按时报送";
    case FilingState::kLate: return "逾期报送";
    case FilingState::kMissing: return "逾期未报";
  }
  return "?";
}

std::string_view ProgressLabelZh(governance::TaskProgress p) {
  switch (p) {
    case governance::TaskProgress::kNotStarted: return "未启动";
    case governance::TaskProgress::kInProgress: return "推进中";
    case governance::TaskProgress::kCompleted: return "已完成";
    case governance::TaskProgress::kContinuous: return "持续推进";
  }
  return "?";
}

std::string_view UnitCategoryZh(governance::UnitKind k) {
  switch (k) {
    case governance::UnitKind::kCity: return "地级以上市";
    case governance::UnitKind::kProvincial: return "省直单位";
    case governance::UnitKind::kCentral: return "中直驻粤单位";
    case governance::UnitKind::kCollective: return "统称";
  }
  return "?";
}

std::string UnitName(const OpenedPlan& plan, const std::string& id) {
  const governance::Unit* u = plan.units.Find(id);
  return u != nullptr ? u->name : id;
}

std::string Grouped(std::int64_t v) {
  std::string digits = std::to_string(v < 0 ? -v : v);
  std::string out;
  for (std::size_t k = 0; k < digits.size(); ++k) {
    if (k > 0 && (digits.size() - k) % 3 == 0) out += ',';
    out += digits[k];
  }
  return v < 0 ? "-" + out : out;
}

std::string BodyOf(const ReportInput& in) {
  nlohmann::ordered_json tasks = nlohmann::ordered_json::array();
  for (const auto& t : in.tasks) {
    tasks.push_back({{"task", t.task},
                     {"progress", governance::TaskProgressName(t.progress)},
                     {"percentage", t.percentage},
                     {"text", t.text}});
  }
  nlohmann::ordered_json body = {{"tasks", std::move(tasks)}};
  if (!in.liaison.is_null()) body["liaison"] = in.liaison;
  return body.dump();
}

struct StoredBody {
  std::vector<governance::TaskReport> tasks;
  GovJson liaison;
};

Result<StoredBody> ParseBody(const store::GovernanceReportRecord& r) {
  const auto j = GovJson::parse(r.body, nullptr, false);
  if (!j.is_object()) return Internal(fmt::format("report {}: the stored body is not a JSON object", r.id));
  StoredBody out;
  if (j.contains("tasks") && j["tasks"].is_array()) {
    for (const auto& t : j["tasks"]) {
      governance::TaskReport tr;
      tr.task = t.value("task", 0);
      tr.progress = governance::ParseTaskProgress(t.value("progress", "")).value_or(governance::TaskProgress::kInProgress);
      tr.percentage = t.value("percentage", 0);
      tr.text = t.value("text", "");
      out.tasks.push_back(std::move(tr));
    }
  }
  if (j.contains("liaison")) out.liaison = j["liaison"];
  return out;
}

Result<std::vector<governance::Filing>> FilingsOf(const std::vector<store::GovernanceReportRecord>& reports) {
  std::vector<governance::Filing> out;
  for (const auto& r : reports) {
    const auto kind = governance::ParseObligationKind(r.kind);
    auto filed = Date::Parse(r.filed_on);
    if (!kind || !filed.ok()) return Internal(fmt::format("report {}: stored kind or filing day unreadable", r.id));
    governance::Filing f;
    f.kind = *kind;
    f.unit_id = r.unit_id;
    if (!r.quarter.empty()) {
      auto q = Quarter::Parse(r.quarter);
      if (!q.ok()) return Internal(fmt::format("report {}: stored quarter \"{}\" unreadable", r.id, r.quarter));
      f.quarter = *q;
    }
    f.filed_on = *filed;
    CHEMSAFE_ASSIGN_OR_RETURN(auto body, ParseBody(r));
    f.tasks = std::move(body.tasks);
    out.push_back(std::move(f));
  }
  return out;
}

Result<std::vector<store::GovernanceReportRecord>> AllReports(store::GovernanceStore& g, std::int64_t plan_id) {
  store::GovernanceReportFilter f;
  f.plan_id = plan_id;
  return g.ListReports(f);
}

// The obligation of `unit` answering kind and quarter; InvalidArgument naming what does not match.
Result<governance::Obligation> ObligationFor(const OpenedPlan& plan, const WorkingCalendar& calendar,
                                             const std::string& unit, ObligationKind kind,
                                             const std::optional<Quarter>& quarter) {
  CHEMSAFE_ASSIGN_OR_RETURN(auto obligations, governance::ObligationsOf(plan.plan, plan.units, unit, calendar));
  if (kind == ObligationKind::kQuarterlyReport && !quarter) {
    return InvalidArgument("quarter: required for a quarterly report, e.g. \"2017Q3\"");
  }
  if (kind != ObligationKind::kQuarterlyReport && quarter) {
    return InvalidArgument(fmt::format("quarter: only quarterly reports have one (this is {})",
                                       governance::ObligationKindName(kind)));
  }
  for (auto& o : obligations) {
    if (o.kind == kind && o.quarter == quarter) return o;
  }
  return InvalidArgument(fmt::format("quarter: {} is not a quarter of the plan's reporting period {}–{}",
                                     quarter ? quarter->str() : "", plan.plan.reporting.first_quarter,
                                     plan.plan.reporting.last_quarter));
}

// Checks a report's content against the obligation it answers and the unit's tasks.
Status CheckContent(const OpenedPlan& plan, const std::string& unit, ObligationKind kind, const ReportInput& in) {
  if (Chars(in.summary) > kMaxSummaryChars) {
    return InvalidArgument(fmt::format("summary: at most {} characters", kMaxSummaryChars));
  }
  if (kind != ObligationKind::kLiaison && in.summary.empty()) return InvalidArgument("summary: missing");
  if (kind != ObligationKind::kQuarterlyReport && !in.tasks.empty()) {
    return InvalidArgument("tasks: only quarterly reports report on tasks");
  }
  if (kind == ObligationKind::kLiaison && in.liaison.is_null()) {
    return InvalidArgument("liaison: the names of the liaison (处级) and the staff member are required");
  }
  if (kind != ObligationKind::kLiaison && !in.liaison.is_null()) {
    return InvalidArgument("liaison: only the liaison report names the liaison");
  }
  const auto roles = governance::TasksOf(plan.plan, plan.units, unit);
  std::set<int> seen;
  for (std::size_t k = 0; k < in.tasks.size(); ++k) {
    const int task = in.tasks[k].task;
    const bool owned = std::any_of(roles.begin(), roles.end(), [task](const auto& r) { return r.task == task; });
    if (!owned) {
      return InvalidArgument(fmt::format("tasks[{}].task: {} neither leads nor joins task {}", k, UnitName(plan, unit),
                                         task));
    }
    if (!seen.insert(task).second) return InvalidArgument(fmt::format("tasks[{}].task: task {} twice", k, task));
  }
  return Status::Ok();
}

Result<std::string> RequiredUnit(const OpenedPlan& plan, const Principal& who) {
  CHEMSAFE_ASSIGN_OR_RETURN(auto unit, ReportingUnitOf(plan, who));
  if (!unit) {
    if (who.role == Role::kProvince) {
      return PermissionDenied("the province office (省安委会办公室) receives the reports; it files none");
    }
    return PermissionDenied(fmt::format("{} ({}) is no reporting unit of {}", who.username, RoleCode(who.role),
                                        plan.plan.code));
  }
  return *unit;
}

// The registration certificate of T21 (危险化学品登记证).
bool HasValidRegistration(const registry::Enterprise& e, const std::string& today) {
  return std::any_of(e.licences.begin(), e.licences.end(), [&today](const registry::Licence& l) {
    return l.type.find("登记") != std::string::npos && (l.valid_to.empty() || l.valid_to >= today) &&
           (l.valid_from.empty() || l.valid_from <= today);
  });
}

std::string RatioText(std::int64_t num, std::int64_t den) {
  if (den == 0) return "—（0/0）";
  return fmt::format("{:.1f}%（{}/{}）", 100.0 * static_cast<double>(num) / static_cast<double>(den), Grouped(num),
                     Grouped(den));
}

}  // namespace

// ---- plans ----

Result<store::GovernancePlanRecord> LoadGovernancePlanAs(store::GovernanceStore& g, const Actor& actor,
                                                         const std::string& at, const std::string& plan_json,
                                                         const std::string& units_json) {
  if (actor.principal.role != Role::kProvince) return Denied(actor.principal, "load a governance plan");
  auto units = governance::ParseUnitList(units_json);
  if (!units.ok()) return InvalidArgument("units." + units.status().message());
  auto plan = governance::ParsePlan(plan_json, *units);
  if (!plan.ok()) return InvalidArgument("plan." + plan.status().message());
  store::GovernancePlanRecord record;
  record.code = plan->code;
  record.title = plan->title;
  record.plan_json = plan_json;
  record.units_json = units_json;
  record.loaded_at = at;
  record.loaded_by = actor.principal.username;
  audit::AuditRecord audit = AuditOf(actor, at, "governance.plan.load", "", "ok");
  CHEMSAFE_RETURN_IF_ERROR(g.SavePlan(record, audit));
  return record;
}

Result<OpenedPlan> OpenGovernancePlan(store::GovernanceStore& g, std::int64_t plan_id) {
  CHEMSAFE_ASSIGN_OR_RETURN(auto record, g.FindPlan(plan_id));
  if (!record) return NotFound(fmt::format("governance plan {}: not found", plan_id));
  auto units = governance::ParseUnitList(record->units_json);
  if (!units.ok()) return Internal(fmt::format("governance plan {}: stored units: {}", plan_id, units.status().message()));
  auto plan = governance::ParsePlan(record->plan_json, *units);
  if (!plan.ok()) return Internal(fmt::format("governance plan {}: stored plan: {}", plan_id, plan.status().message()));
  return OpenedPlan{std::move(*record), std::move(*units), std::move(*plan)};
}

Result<std::vector<store::GovernancePlanRecord>> ListGovernancePlans(store::GovernanceStore& g, const Principal& who) {
  if (!InGovernance(who)) return Denied(who, "see the governance plans");
  return g.ListPlans();
}

namespace {

// A division code without its trailing zero pairs: "440300" and "4403" both "4403"; "440606" stays.
std::string ShortDivision(std::string code) {
  while (code.size() > 2 && code.ends_with("00")) code.resize(code.size() - 2);
  return code;
}

}  // namespace

Result<std::optional<std::string>> ReportingUnitOf(const OpenedPlan& plan, const Principal& who) {
  if (!InGovernance(who)) return Denied(who, "take part in the governance of the plan");
  if (who.role == Role::kProvince) return std::optional<std::string>();
  const governance::Unit* unit = nullptr;
  if (who.role == Role::kCity || who.role == Role::kCounty) {
    for (const auto& u : plan.units.units()) {
      if (u.division_code && !who.division_code.empty() &&
          ShortDivision(*u.division_code) == ShortDivision(who.division_code)) {
        unit = &u;
      }
    }
  } else {
    unit = plan.units.Resolve(who.department);
  }
  if (unit == nullptr || unit->kind == governance::UnitKind::kCollective ||
      !governance::OwesReports(plan.plan, plan.units, unit->id)) {
    return std::optional<std::string>();
  }
  return std::optional<std::string>(unit->id);
}

std::string MeasureScopeOf(const governance::Unit& unit) {
  if (unit.kind != governance::UnitKind::kCity || !unit.division_code) return "44";
  return ShortDivision(*unit.division_code);
}

// ---- statuses ----

Result<std::vector<governance::ObligationStatus>> StatusOfPlan(store::GovernanceStore& g, const OpenedPlan& plan,
                                                               const WorkingCalendar& calendar, Date as_of) {
  CHEMSAFE_ASSIGN_OR_RETURN(auto reports, AllReports(g, plan.record.id));
  CHEMSAFE_ASSIGN_OR_RETURN(auto filings, FilingsOf(reports));
  return governance::StatusOf(plan.plan, plan.units, calendar, filings, as_of);
}

Result<std::vector<governance::ObligationStatus>> StatusInSight(store::GovernanceStore& g, const OpenedPlan& plan,
                                                                const WorkingCalendar& calendar, const Principal& who,
                                                                Date as_of) {
  CHEMSAFE_ASSIGN_OR_RETURN(auto unit, ReportingUnitOf(plan, who));
  CHEMSAFE_ASSIGN_OR_RETURN(auto all, StatusOfPlan(g, plan, calendar, as_of));
  if (SeesEveryUnit(who)) return all;
  std::vector<governance::ObligationStatus> out;
  for (auto& s : all) {
    if (unit && s.obligation.unit_id == *unit) out.push_back(std::move(s));
  }
  return out;
}

// ---- reports ----

Result<ReportInput> ReportInputFromJson(const nlohmann::json& body, bool with_obligation) {
  if (!body.is_object()) return InvalidArgument("the body must be a JSON object");
  const JsonReader r(body, "");
  ReportInput in;
  if (with_obligation) {
    CHEMSAFE_ASSIGN_OR_RETURN(in.kind, r.Code<ObligationKind>("kind", governance::ParseObligationKind,
                                                              "liaison, implementation_plan, quarterly_report, summary"));
    CHEMSAFE_ASSIGN_OR_RETURN(std::string quarter, r.Text("quarter", false));
    if (!quarter.empty()) {
      auto q = Quarter::Parse(quarter);
      if (!q.ok()) return InvalidArgument(fmt::format("quarter: \"{}\" is not a quarter like 2017Q3", quarter));
      in.quarter = *q;
    }
  }
  CHEMSAFE_ASSIGN_OR_RETURN(in.summary, r.Text("summary", false));
  CHEMSAFE_ASSIGN_OR_RETURN(
      in.tasks, r.Each<governance::TaskReport>("tasks", [](const JsonReader& t) -> Result<governance::TaskReport> {
        governance::TaskReport tr;
        CHEMSAFE_ASSIGN_OR_RETURN(auto task, t.Int("task"));
        if (!task || *task < 1) return InvalidArgument(t.Path("task") + ": a task number from 1");
        tr.task = *task;
        CHEMSAFE_ASSIGN_OR_RETURN(tr.progress, t.Code<governance::TaskProgress>(
                                                   "progress", governance::ParseTaskProgress,
                                                   "not_started, in_progress, completed, continuous"));
        CHEMSAFE_ASSIGN_OR_RETURN(auto pct, t.Int("percentage"));
        if (!pct || *pct < 0 || *pct > 100) return InvalidArgument(t.Path("percentage") + ": a whole number 0 to 100");
        tr.percentage = *pct;
        if (tr.progress == governance::TaskProgress::kCompleted && tr.percentage != 100) {
          return InvalidArgument(t.Path("percentage") + ": a completed task is at 100");
        }
        CHEMSAFE_ASSIGN_OR_RETURN(tr.text, t.Text("text", false));
        if (Chars(tr.text) > kMaxSummaryChars) {
          return InvalidArgument(fmt::format("{}: at most {} characters", t.Path("text"), kMaxSummaryChars));
        }
        return tr;
      }));
  if (r.Has("liaison")) {
    CHEMSAFE_RETURN_IF_ERROR(r.RequireObject("liaison"));
    const JsonReader l = r.Sub("liaison");
    GovJson liaison = GovJson::object();
    for (const char* field : {"name", "title", "phone", "staff_name", "staff_phone"}) {
      CHEMSAFE_ASSIGN_OR_RETURN(std::string v, l.Text(field, true));
      if (v.empty()) return InvalidArgument(l.Path(field) + ": missing");
      if (Chars(v) > 100) return InvalidArgument(l.Path(field) + ": at most 100 characters");
      liaison[field] = v;
    }
    in.liaison = std::move(liaison);
  }
  return in;
}

Result<store::GovernanceReportRecord> FileReportAs(store::GovernanceStore& g, const OpenedPlan& plan,
                                                   const WorkingCalendar& calendar, const Actor& actor,
                                                   const std::string& at, ReportInput input) {
  CHEMSAFE_ASSIGN_OR_RETURN(std::string unit, RequiredUnit(plan, actor.principal));
  CHEMSAFE_ASSIGN_OR_RETURN(Date today, DayOf(at));
  CHEMSAFE_ASSIGN_OR_RETURN(auto obligation, ObligationFor(plan, calendar, unit, input.kind, input.quarter));
  if (input.quarter && today < FirstDayOf(*input.quarter)) {
    return InvalidArgument(fmt::format("quarter: {} has not begun (it starts {})", input.quarter->str(),
                                       FirstDayOf(*input.quarter).str()));
  }
  CHEMSAFE_RETURN_IF_ERROR(CheckContent(plan, unit, input.kind, input));
  store::GovernanceReportRecord r;
  r.plan_id = plan.record.id;
  r.unit_id = unit;
  r.kind = std::string(governance::ObligationKindName(input.kind));
  r.quarter = input.quarter ? input.quarter->str() : "";
  r.due_on = obligation.due.str();
  r.filed_on = today.str();
  r.late = today > obligation.due;
  r.summary = std::move(input.summary);
  r.body = BodyOf(input);
  r.updated_at = at;
  r.updated_by = actor.principal.username;
  audit::AuditRecord audit = AuditOf(actor, at, "governance.report.file", "", "ok");
  CHEMSAFE_RETURN_IF_ERROR(g.SaveReport(r, audit));
  return r;
}

Result<std::pair<store::GovernanceReportRecord, OpenedPlan>> ReportInSight(store::GovernanceStore& g,
                                                                           const Principal& who,
                                                                           std::int64_t report_id) {
  if (!InGovernance(who)) return Denied(who, "see governance reports");
  CHEMSAFE_ASSIGN_OR_RETURN(auto report, g.FindReport(report_id));
  const auto not_found = NotFound(fmt::format("governance report {}: not found", report_id));
  if (!report) return not_found;
  CHEMSAFE_ASSIGN_OR_RETURN(auto plan, OpenGovernancePlan(g, report->plan_id));
  if (!SeesEveryUnit(who)) {
    CHEMSAFE_ASSIGN_OR_RETURN(auto unit, ReportingUnitOf(plan, who));
    if (!unit || *unit != report->unit_id) return not_found;
  }
  return std::pair{std::move(*report), std::move(plan)};
}

Result<std::vector<store::GovernanceReportRecord>> ReportsInSight(store::GovernanceStore& g, const OpenedPlan& plan,
                                                                  const Principal& who,
                                                                  store::GovernanceReportFilter filter) {
  CHEMSAFE_ASSIGN_OR_RETURN(auto unit, ReportingUnitOf(plan, who));
  filter.plan_id = plan.record.id;
  if (!SeesEveryUnit(who)) {
    if (!unit) return std::vector<store::GovernanceReportRecord>();
    if (!filter.unit_id.empty() && filter.unit_id != *unit) return std::vector<store::GovernanceReportRecord>();
    filter.unit_id = *unit;
  }
  CHEMSAFE_ASSIGN_OR_RETURN(auto out, g.ListReports(filter));
  std::reverse(out.begin(), out.end());
  return out;
}

Result<store::GovernanceReportRecord> AmendReportAs(store::GovernanceStore& g, const OpenedPlan& plan,
                                                    const Actor& actor, const std::string& at, std::int64_t report_id,
                                                    int version, ReportInput input) {
  CHEMSAFE_ASSIGN_OR_RETURN(auto found, ReportInSight(g, actor.principal, report_id));
  auto& report = found.first;
  if (report.plan_id != plan.record.id) return NotFound(fmt::format("governance report {}: not found", report_id));
  CHEMSAFE_ASSIGN_OR_RETURN(auto unit, ReportingUnitOf(plan, actor.principal));
  if (!unit || *unit != report.unit_id) return Denied(actor.principal, "amend another unit's report");
  const auto kind = governance::ParseObligationKind(report.kind);
  if (!kind) return Internal(fmt::format("report {}: stored kind \"{}\" unknown", report.id, report.kind));
  CHEMSAFE_RETURN_IF_ERROR(CheckContent(plan, *unit, *kind, input));
  report.summary = std::move(input.summary);
  report.body = BodyOf(input);
  report.version = version;
  report.updated_at = at;
  report.updated_by = actor.principal.username;
  audit::AuditRecord audit = AuditOf(actor, at, "governance.report.amend", "", "ok");
  CHEMSAFE_RETURN_IF_ERROR(g.SaveReport(report, audit));
  return report;
}

Result<store::GovernanceAttachmentRecord> AttachToReportAs(store::GovernanceStore& g, const Actor& actor,
                                                           const std::string& at, std::int64_t report_id,
                                                           std::string name, std::string bytes) {
  CHEMSAFE_ASSIGN_OR_RETURN(auto found, ReportInSight(g, actor.principal, report_id));
  CHEMSAFE_ASSIGN_OR_RETURN(auto unit, ReportingUnitOf(found.second, actor.principal));
  if (!unit || *unit != found.first.unit_id) return Denied(actor.principal, "attach files to another unit's report");
  if (bytes.empty()) return InvalidArgument("body: the file is empty");
  if (bytes.size() > kMaxAttachmentBytes) return InvalidArgument("body: a file may have at most 10 MiB");
  std::string type;
  const std::string_view b(bytes);
  if (b.starts_with("%PDF-")) {
    type = "application/pdf";
  } else if (b.starts_with(std::string_view("\x89PNG\r\n\x1a\n", 8))) {
    type = "image/png";
  } else if (b.starts_with(std::string_view("\xFF\xD8\xFF", 3))) {
    type = "image/jpeg";
  } else if (b.starts_with(std::string_view("PK\x03\x04", 4))) {
    // An Office Open XML package (ISO/IEC 29500-2): its part names are stored uncompressed in the zip headers.
    if (b.find("word/document.xml") != std::string_view::npos) {
      type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    } else if (b.find("xl/workbook.xml") != std::string_view::npos) {
      type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    }
  }
  if (type.empty()) return InvalidArgument("body: not a PDF, DOCX, XLSX, JPEG or PNG file");
  if (const auto slash = name.find_last_of("/\\"); slash != std::string::npos) name = name.substr(slash + 1);
  if (name.empty()) return InvalidArgument("name: the file's name is required");
  if (Chars(name) > 200) return InvalidArgument("name: at most 200 characters");
  if (std::any_of(name.begin(), name.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20; })) {
    return InvalidArgument("name: control characters");
  }
  store::GovernanceAttachmentRecord a;
  a.report_id = report_id;
  a.name = std::move(name);
  a.content_type = type;
  a.sm3 = audit::Sm3Hex(bytes);
  a.bytes = std::move(bytes);
  a.uploaded_at = at;
  a.uploaded_by = actor.principal.username;
  audit::AuditRecord audit = AuditOf(actor, at, "governance.report.attach", "", "ok");
  CHEMSAFE_RETURN_IF_ERROR(g.SaveAttachment(a, audit));
  a.bytes.clear();
  return a;
}

Result<store::GovernanceNoteRecord> CommentOnReportAs(store::GovernanceStore& g, const Actor& actor,
                                                      const std::string& at, std::int64_t report_id, std::string text) {
  CHEMSAFE_ASSIGN_OR_RETURN(auto found, ReportInSight(g, actor.principal, report_id));
  if (actor.principal.role != Role::kProvince) return Denied(actor.principal, "comment on reports");
  if (text.empty()) return InvalidArgument("text: missing");
  if (Chars(text) > kMaxCommentChars) return InvalidArgument(fmt::format("text: at most {} characters", kMaxCommentChars));
  store::GovernanceNoteRecord n;
  n.plan_id = found.first.plan_id;
  n.kind = store::GovernanceNoteKind::kComment;
  n.unit_id = found.first.unit_id;
  n.obligation_kind = found.first.kind;
  n.quarter = found.first.quarter;
  n.report_id = report_id;
  n.text = std::move(text);
  n.created_at = at;
  n.created_by = actor.principal.username;
  audit::AuditRecord audit = AuditOf(actor, at, "governance.report.comment", "", "ok");
  CHEMSAFE_RETURN_IF_ERROR(g.SaveNote(n, audit));
  return n;
}

Result<store::GovernanceNoteRecord> RemindAs(store::GovernanceStore& g, const OpenedPlan& plan,
                                             const WorkingCalendar& calendar, const Actor& actor,
                                             const std::string& at, const std::string& unit_id,
                                             ObligationKind kind, std::optional<Quarter> quarter, std::string note) {
  if (actor.principal.role != Role::kProvince) return Denied(actor.principal, "remind units");
  const governance::Unit* unit = plan.units.Resolve(unit_id);
  if (unit == nullptr) return InvalidArgument(fmt::format("unit: \"{}\" is not a unit of the plan", unit_id));
  if (unit->kind == governance::UnitKind::kCollective) {
    return InvalidArgument(fmt::format("unit: \"{}\" is a collective name; remind one of its units", unit->name));
  }
  if (!governance::OwesReports(plan.plan, plan.units, unit->id)) {
    return InvalidArgument(fmt::format("unit: {} owes no reports under {}", unit->name, plan.plan.code));
  }
  CHEMSAFE_RETURN_IF_ERROR(ObligationFor(plan, calendar, unit->id, kind, quarter).status());
  if (Chars(note) > kMaxCommentChars) return InvalidArgument(fmt::format("note: at most {} characters", kMaxCommentChars));
  store::GovernanceReportFilter f;
  f.plan_id = plan.record.id;
  f.unit_id = unit->id;
  f.kind = std::string(governance::ObligationKindName(kind));
  f.quarter = quarter ? quarter->str() : "";
  CHEMSAFE_ASSIGN_OR_RETURN(auto filed, g.ListReports(f));
  if (!filed.empty()) {
    return FailedPrecondition(fmt::format("{} filed this {} on {}: nothing to remind of", unit->name,
                                          KindLabelZh(kind), filed.front().filed_on));
  }
  store::GovernanceNoteRecord n;
  n.plan_id = plan.record.id;
  n.kind = store::GovernanceNoteKind::kReminder;
  n.unit_id = unit->id;
  n.obligation_kind = f.kind;
  n.quarter = f.quarter;
  n.text = std::move(note);
  n.created_at = at;
  n.created_by = actor.principal.username;
  audit::AuditRecord audit = AuditOf(actor, at, "governance.remind", "", "ok");
  CHEMSAFE_RETURN_IF_ERROR(g.SaveNote(n, audit));
  return n;
}

Result<std::vector<store::GovernanceNoteRecord>> RemindersInSight(store::GovernanceStore& g, const OpenedPlan& plan,
                                                                  const Principal& who, const std::string& unit_id) {
  CHEMSAFE_ASSIGN_OR_RETURN(auto unit, ReportingUnitOf(plan, who));
  store::GovernanceNoteFilter f;
  f.plan_id = plan.record.id;
  f.unit_id = unit_id;
  if (!SeesEveryUnit(who)) {
    if (!unit || (!unit_id.empty() && unit_id != *unit)) return std::vector<store::GovernanceNoteRecord>();
    f.unit_id = *unit;
  }
  CHEMSAFE_ASSIGN_OR_RETURN(auto notes, g.ListNotes(f));
  std::vector<store::GovernanceNoteRecord> out;
  for (auto& n : notes) {
    if (n.kind == store::GovernanceNoteKind::kReminder) out.push_back(std::move(n));
  }
  return out;
}

// ---- measures ----

Result<std::vector<Measure>> MeasuresOf(GovernanceStores s, const std::string& division_prefix, Date today) {
  const std::string day = today.str();
  std::map<std::int64_t, std::string> division_of;  // enterprise id → division code
  std::set<std::string> usccs;
  std::int64_t producers = 0, registered = 0;
  CHEMSAFE_RETURN_IF_ERROR(s.registry.ForEachEnterprise([&](const registry::Enterprise& e) -> Status {
    if (!e.division_code.starts_with(division_prefix)) return Status::Ok();
    division_of[e.id] = e.division_code;
    usccs.insert(e.uscc);
    if (std::find(e.activities.begin(), e.activities.end(), registry::Activity::kProduction) != e.activities.end()) {
      ++producers;
      if (HasValidRegistration(e, day)) ++registered;
    }
    return Status::Ok();
  }));
  // T2: GB 18218-2018 identification of every unit.
  CHEMSAFE_ASSIGN_OR_RETURN(auto latest, s.hazards.Latest());
  std::set<std::int64_t> assessed;
  for (const auto& l : latest) {
    if (!l.failed) assessed.insert(l.unit_id);
  }
  std::int64_t units = 0, identified = 0;
  CHEMSAFE_RETURN_IF_ERROR(s.registry.ForEachUnitRef([&](const store::UnitRef& u) -> Status {
    if (!division_of.contains(u.enterprise_id)) return Status::Ok();
    ++units;
    if (assessed.contains(u.id)) ++identified;
    return Status::Ok();
  }));
  // T34: risk points on the map.
  store::RiskPointFilter rf;
  rf.division_prefix = division_prefix;
  rf.limit = 1000000;
  CHEMSAFE_ASSIGN_OR_RETURN(auto points, s.risk.ListPoints(rf));
  const auto located = std::count_if(points.begin(), points.end(),
                                     [](const store::RiskPointRecord& p) { return p.lon && p.lat; });
  // T7: the latest province-wide QRA run.
  std::int64_t qra_assessed = 0, qra_listed = 0;
  CHEMSAFE_ASSIGN_OR_RETURN(auto run, s.qra.LatestRunId());
  if (run) {
    store::QraListQuery q;
    q.run_id = *run;
    q.division_prefix = division_prefix;
    q.limit = 1;
    q.listed_only = false;
    CHEMSAFE_ASSIGN_OR_RETURN(auto all, s.qra.List(q));
    qra_assessed = all.total;
    q.listed_only = true;
    CHEMSAFE_ASSIGN_OR_RETURN(auto listed, s.qra.List(q));
    qra_listed = listed.total;
  }
  // T27: the blacklist today.
  CHEMSAFE_ASSIGN_OR_RETURN(auto blacklisted, BlacklistedOn(s.credit, today));
  const auto listed_here = std::count_if(blacklisted.begin(), blacklisted.end(),
                                         [&usccs](const std::string& u) { return usccs.contains(u); });

  std::vector<Measure> out;
  out.push_back({2, "重大危险源辨识覆盖率（GB 18218-2018）", identified, units, RatioText(identified, units)});
  out.push_back({7, "定量风险评估企业数（最近一次全省评估）", qra_listed, qra_assessed,
                 run ? fmt::format("评估{}家，超出可接受风险{}家", Grouped(qra_assessed), Grouped(qra_listed))
                     : std::string("尚未开展全省定量风险评估")});
  out.push_back({21, "生产企业危险化学品登记覆盖率", registered, producers, RatioText(registered, producers)});
  out.push_back({27, "安全生产严重失信主体名单企业数", static_cast<std::int64_t>(listed_here), std::nullopt,
                 fmt::format("{}家", Grouped(static_cast<std::int64_t>(listed_here)))});
  out.push_back({34, "风险点坐标覆盖率（电子地图）", static_cast<std::int64_t>(located),
                 static_cast<std::int64_t>(points.size()),
                 RatioText(static_cast<std::int64_t>(located), static_cast<std::int64_t>(points.size()))});
  return out;
}

// ---- JSON views ----

namespace {

GovJson DateOrNull(const std::optional<Date>& d) { return d ? GovJson(d->str()) : GovJson(nullptr); }

GovJson MilestoneJson(const governance::Milestone& m) {
  GovJson j = {{"kind", governance::MilestoneKindName(m.kind)}};
  if (m.date) j["date"] = m.date->str();
  if (m.from) j["from"] = m.from->str();
  if (m.to) j["to"] = m.to->str();
  j["text"] = m.text;
  return j;
}

int RemindersOf(const std::vector<store::GovernanceNoteRecord>& reminders, const governance::Obligation& o) {
  const auto kind = governance::ObligationKindName(o.kind);
  const std::string quarter = o.quarter ? o.quarter->str() : "";
  return static_cast<int>(std::count_if(reminders.begin(), reminders.end(), [&](const auto& n) {
    return n.kind == store::GovernanceNoteKind::kReminder && n.unit_id == o.unit_id && n.obligation_kind == kind &&
           n.quarter == quarter;
  }));
}

GovJson OnTimeRate(const governance::StateCounts& c) {
  const auto rate = c.OnTimeRate();
  return rate ? GovJson(std::round(*rate * 1000) / 1000) : GovJson(nullptr);
}

GovJson CountsJson(const governance::StateCounts& c) {
  return {{"pending", c.pending}, {"on_time", c.on_time}, {"late", c.late}, {"missing", c.missing}};
}

}  // namespace

GovJson PlanSummaryJson(const store::GovernancePlanRecord& record, const governance::Plan& plan) {
  return {{"id", record.id},
          {"code", plan.code},
          {"title", plan.title},
          {"issued", plan.issued.str()},
          {"tasks", plan.tasks.size()},
          {"groups", plan.groups.size()},
          {"first_quarter", plan.reporting.first_quarter},
          {"last_quarter", plan.reporting.last_quarter},
          {"loaded_at", record.loaded_at}};
}

Result<GovJson> PlanJson(const OpenedPlan& opened, const WorkingCalendar& calendar,
                         const std::optional<std::string>& my_unit) {
  const governance::Plan& plan = opened.plan;
  GovJson phases = GovJson::array();
  for (const auto& p : plan.phases) {
    phases.push_back({{"name", p.name}, {"from", DateOrNull(p.from)}, {"to", DateOrNull(p.to)}, {"text", p.text}});
  }
  const auto& r = plan.reporting;
  GovJson quarters = GovJson::array();
  CHEMSAFE_ASSIGN_OR_RETURN(Quarter q, Quarter::Parse(r.first_quarter));
  CHEMSAFE_ASSIGN_OR_RETURN(Quarter last, Quarter::Parse(r.last_quarter));
  for (; q <= last; q = q.Next()) {
    CHEMSAFE_ASSIGN_OR_RETURN(Date due, governance::QuarterlyReportDue(q, r.quarterly_report_working_days, calendar));
    quarters.push_back({{"quarter", q.str()}, {"due", due.str()}});
  }
  GovJson groups = GovJson::array();
  for (const auto& g : plan.groups) groups.push_back({{"number", g.number}, {"label", g.label}, {"title", g.title}});
  GovJson tasks = GovJson::array();
  for (const auto& t : plan.tasks) {
    GovJson assignments = GovJson::array();
    for (const auto& a : t.assignments) {
      GovJson milestones = GovJson::array();
      for (const auto& m : a.milestones) milestones.push_back(MilestoneJson(m));
      assignments.push_back({{"lead_units", a.lead_units},
                             {"co_units", a.co_units},
                             {"deadline", a.deadline},
                             {"milestones", std::move(milestones)}});
    }
    tasks.push_back({{"number", t.number},
                     {"group", t.group},
                     {"title", t.title},
                     {"text", t.text},
                     {"lead_units", t.LeadUnits()},
                     {"co_units", t.CoUnits()},
                     {"assignments", std::move(assignments)}});
  }
  GovJson units = GovJson::array();
  for (const auto& u : opened.units.units()) {
    GovJson j = {{"id", u.id}, {"name", u.name}, {"kind", governance::UnitKindName(u.kind)}};
    if (u.division_code) j["division_code"] = *u.division_code;
    units.push_back(std::move(j));
  }
  return GovJson{{"id", opened.record.id},
                 {"code", plan.code},
                 {"title", plan.title},
                 {"issued", plan.issued.str()},
                 {"source_url", plan.source_url},
                 {"phases", std::move(phases)},
                 {"reporting",
                  {{"recipient", r.recipient},
                   {"liaison", r.liaison},
                   {"liaison_due", r.liaison_due.str()},
                   {"implementation_plan_due", r.implementation_plan_due.str()},
                   {"quarterly_report_working_days", r.quarterly_report_working_days},
                   {"first_quarter", r.first_quarter},
                   {"last_quarter", r.last_quarter},
                   {"summary_due", r.summary_due.str()},
                   {"quarters", std::move(quarters)}}},
                 {"groups", std::move(groups)},
                 {"tasks", std::move(tasks)},
                 {"units", std::move(units)},
                 {"my_unit", my_unit ? GovJson(*my_unit) : GovJson(nullptr)}};
}

GovJson StatusRowJson(const OpenedPlan& plan, const governance::ObligationStatus& s,
                      const std::vector<store::GovernanceReportRecord>& reports,
                      const std::vector<store::GovernanceNoteRecord>& reminders) {
  const auto& o = s.obligation;
  const auto kind = governance::ObligationKindName(o.kind);
  const std::string quarter = o.quarter ? o.quarter->str() : "";
  GovJson report_id = nullptr;
  for (const auto& r : reports) {
    if (r.unit_id == o.unit_id && r.kind == kind && r.quarter == quarter) report_id = r.id;
  }
  return {{"unit", o.unit_id},
          {"unit_name", UnitName(plan, o.unit_id)},
          {"kind", kind},
          {"quarter", o.quarter ? GovJson(quarter) : GovJson(nullptr)},
          {"due", o.due.str()},
          {"state", governance::FilingStateName(s.state)},
          {"filed_on", DateOrNull(s.filed_on)},
          {"days_late", s.days_late},
          {"report_id", report_id},
          {"reminders", RemindersOf(reminders, o)}};
}

GovJson StatusJson(const OpenedPlan& plan, const std::vector<governance::ObligationStatus>& statuses,
                   const std::vector<store::GovernanceReportRecord>& reports,
                   const std::vector<store::GovernanceNoteRecord>& reminders, Date as_of) {
  GovJson items = GovJson::array();
  for (const auto& s : statuses) items.push_back(StatusRowJson(plan, s, reports, reminders));
  const auto by_unit = governance::CountByUnit(statuses);
  GovJson units = GovJson::array();
  for (const auto& u : plan.units.units()) {
    auto it = by_unit.find(u.id);
    if (it == by_unit.end()) continue;
    GovJson row = {{"unit", u.id}, {"unit_name", u.name}, {"unit_kind", governance::UnitKindName(u.kind)}};
    row.update(CountsJson(it->second));
    row["on_time_rate"] = OnTimeRate(it->second);
    units.push_back(std::move(row));
  }
  return {{"as_of", as_of.str()},
          {"items", std::move(items)},
          {"by_unit", std::move(units)},
          {"totals", CountsJson(governance::CountAll(statuses))}};
}

GovJson MeasureJson(const Measure& m) {
  GovJson value = nullptr;
  if (m.denominator) {
    if (*m.denominator > 0) {
      value = std::round(1000.0 * static_cast<double>(m.numerator) / static_cast<double>(*m.denominator)) / 1000;
    }
  } else {
    value = m.numerator;
  }
  return {{"task", fmt::format("T{}", m.task)},
          {"label", m.label},
          {"numerator", m.numerator},
          {"denominator", m.denominator ? GovJson(*m.denominator) : GovJson(nullptr)},
          {"value", value},
          {"text", m.text}};
}

GovJson NoteJson(const store::GovernanceNoteRecord& n) {
  GovJson j = {{"id", n.id}, {"text", n.text}, {"at", n.created_at}, {"by", n.created_by}};
  if (n.kind == store::GovernanceNoteKind::kReminder) {
    j["unit"] = n.unit_id;
    j["kind"] = n.obligation_kind;
    j["quarter"] = n.quarter.empty() ? GovJson(nullptr) : GovJson(n.quarter);
    j["note"] = n.text;
  }
  return j;
}

Result<GovJson> ReportJson(GovernanceStores s, const OpenedPlan& plan, const store::GovernanceReportRecord& r,
                           Date as_of) {
  CHEMSAFE_ASSIGN_OR_RETURN(auto body, ParseBody(r));
  CHEMSAFE_ASSIGN_OR_RETURN(Date due, Date::Parse(r.due_on));
  CHEMSAFE_ASSIGN_OR_RETURN(Date filed, Date::Parse(r.filed_on));
  const FilingState state = governance::StateOf(due, filed, as_of);
  std::vector<Measure> measures;
  const bool wants_measures = std::any_of(body.tasks.begin(), body.tasks.end(), [](const auto& t) {
    return t.task == 2 || t.task == 7 || t.task == 21 || t.task == 27 || t.task == 34;
  });
  if (wants_measures) {
    const governance::Unit* unit = plan.units.Find(r.unit_id);
    CHEMSAFE_ASSIGN_OR_RETURN(measures, MeasuresOf(s, unit != nullptr ? MeasureScopeOf(*unit) : "44", as_of));
  }
  const auto roles = governance::TasksOf(plan.plan, plan.units, r.unit_id);
  GovJson tasks = GovJson::array();
  for (const auto& t : body.tasks) {
    const governance::Task* task = plan.plan.FindTask(t.task);
    const bool lead = std::any_of(roles.begin(), roles.end(), [&t](const auto& x) { return x.task == t.task && x.lead; });
    GovJson j = {{"task", t.task},
                 {"title", task != nullptr ? task->title : ""},
                 {"lead", lead},
                 {"progress", governance::TaskProgressName(t.progress)},
                 {"percentage", t.percentage},
                 {"text", t.text}};
    for (const auto& m : measures) {
      if (m.task == t.task) j["measure"] = MeasureJson(m);
    }
    tasks.push_back(std::move(j));
  }
  CHEMSAFE_ASSIGN_OR_RETURN(auto attachments, s.governance.ListAttachments(r.id));
  GovJson files = GovJson::array();
  for (const auto& a : attachments) {
    files.push_back({{"id", a.sm3}, {"name", a.name}, {"content_type", a.content_type}, {"size", a.size}});
  }
  store::GovernanceNoteFilter nf;
  nf.plan_id = r.plan_id;
  nf.report_id = r.id;
  CHEMSAFE_ASSIGN_OR_RETURN(auto notes, s.governance.ListNotes(nf));
  GovJson comments = GovJson::array();
  for (const auto& n : notes) {
    if (n.kind == store::GovernanceNoteKind::kComment) comments.push_back(NoteJson(n));
  }
  GovJson j = {{"id", r.id},
               {"plan_id", r.plan_id},
               {"unit", r.unit_id},
               {"unit_name", UnitName(plan, r.unit_id)},
               {"kind", r.kind},
               {"quarter", r.quarter.empty() ? GovJson(nullptr) : GovJson(r.quarter)},
               {"due", r.due_on},
               {"filed_on", r.filed_on},
               {"state", governance::FilingStateName(state)},
               {"days_late", state == FilingState::kLate ? static_cast<int>((filed.days() - due.days()).count()) : 0},
               {"summary", r.summary},
               {"tasks", std::move(tasks)}};
  if (!body.liaison.is_null()) j["liaison"] = body.liaison;
  j["attachments"] = std::move(files);
  j["comments"] = std::move(comments);
  j["amended"] = r.amended;
  j["version"] = r.version;
  j["filed_at"] = r.filed_at;
  j["filed_by"] = r.filed_by;
  j["updated_at"] = r.updated_at;
  j["updated_by"] = r.updated_by;
  return j;
}

Result<GovJson> DashboardJson(GovernanceStores s, const OpenedPlan& plan, const WorkingCalendar& calendar, Date as_of) {
  CHEMSAFE_ASSIGN_OR_RETURN(auto reports, AllReports(s.governance, plan.record.id));
  CHEMSAFE_ASSIGN_OR_RETURN(auto filings, FilingsOf(reports));
  CHEMSAFE_ASSIGN_OR_RETURN(auto statuses, governance::StatusOf(plan.plan, plan.units, calendar, filings, as_of));
  store::GovernanceNoteFilter nf;
  nf.plan_id = plan.record.id;
  CHEMSAFE_ASSIGN_OR_RETURN(auto notes, s.governance.ListNotes(nf));
  const auto completion = governance::CompletionOf(plan.plan, plan.units, filings, as_of);

  GovJson tasks = GovJson::array();
  for (const auto& c : completion.tasks) {
    const governance::Task* task = plan.plan.FindTask(c.task);
    GovJson next = nullptr;
    int overdue = 0;
    for (const auto& m : completion.milestones) {
      if (m.task != c.task) continue;
      if (m.state == "overdue") ++overdue;
      if (m.state == "upcoming" && next.is_null()) {
        next = {{"kind", governance::MilestoneKindName(m.milestone.kind)}, {"due", DateOrNull(m.due)},
                {"text", m.milestone.text}};
      }
    }
    std::vector<std::string> lead_names;
    for (const auto& id : task->LeadUnits()) lead_names.push_back(UnitName(plan, id));
    tasks.push_back({{"number", c.task},
                     {"group", task->group},
                     {"title", task->title},
                     {"lead_units", task->LeadUnits()},
                     {"lead_unit_names", lead_names},
                     {"percentage", c.percentage ? GovJson(std::round(*c.percentage * 10) / 10) : GovJson(nullptr)},
                     {"progress", c.progress ? GovJson(governance::TaskProgressName(*c.progress)) : GovJson(nullptr)},
                     {"reported", c.reported},
                     {"lead_count", c.lead_units},
                     {"latest_quarter", c.latest_quarter ? GovJson(c.latest_quarter->str()) : GovJson(nullptr)},
                     {"next_milestone", next},
                     {"overdue_milestones", overdue}});
  }
  GovJson groups = GovJson::array();
  for (const auto& g : completion.groups) {
    std::string title;
    for (const auto& pg : plan.plan.groups) {
      if (pg.number == g.group) title = pg.title;
    }
    groups.push_back({{"number", g.group},
                      {"title", title},
                      {"percentage", g.percentage ? GovJson(std::round(*g.percentage * 10) / 10) : GovJson(nullptr)},
                      {"tasks", g.tasks},
                      {"completed", g.completed}});
  }
  GovJson milestones = GovJson::array();
  std::map<std::string, int> by_state = {{"met", 0}, {"overdue", 0}, {"upcoming", 0}, {"ongoing", 0}};
  for (const auto& m : completion.milestones) {
    ++by_state[m.state];
    milestones.push_back({{"task", m.task},
                          {"kind", governance::MilestoneKindName(m.milestone.kind)},
                          {"due", DateOrNull(m.due)},
                          {"from", DateOrNull(m.milestone.from)},
                          {"to", DateOrNull(m.milestone.to)},
                          {"text", m.milestone.text},
                          {"state", m.state}});
  }
  std::vector<const governance::ObligationStatus*> missing;
  for (const auto& st : statuses) {
    if (st.state == FilingState::kMissing) missing.push_back(&st);
  }
  std::stable_sort(missing.begin(), missing.end(), [](const auto* a, const auto* b) { return a->days_late > b->days_late; });
  GovJson overdue = GovJson::array();
  for (const auto* st : missing) {
    const auto& o = st->obligation;
    overdue.push_back({{"unit", o.unit_id},
                       {"unit_name", UnitName(plan, o.unit_id)},
                       {"kind", governance::ObligationKindName(o.kind)},
                       {"quarter", o.quarter ? GovJson(o.quarter->str()) : GovJson(nullptr)},
                       {"due", o.due.str()},
                       {"days_late", st->days_late},
                       {"reminders", RemindersOf(notes, o)}});
  }
  const auto status = StatusJson(plan, statuses, reports, notes, as_of);
  CHEMSAFE_ASSIGN_OR_RETURN(auto measures, MeasuresOf(s, "44", as_of));
  GovJson measure_json = GovJson::array();
  for (const auto& m : measures) measure_json.push_back(MeasureJson(m));
  GovJson ms = {{"items", std::move(milestones)}};
  for (const auto& [state, n] : by_state) ms[state] = n;
  return GovJson{{"as_of", as_of.str()},
                 {"totals", status["totals"]},
                 {"tasks", std::move(tasks)},
                 {"groups", std::move(groups)},
                 {"units", status["by_unit"]},
                 {"milestones", std::move(ms)},
                 {"overdue", std::move(overdue)},
                 {"measures", std::move(measure_json)}};
}

// ---- the situation notice ----

Result<cards::SituationNotice> SituationNoticeOf(GovernanceStores s, const OpenedPlan& plan,
                                                 const WorkingCalendar& calendar, Quarter quarter, Date as_of,
                                                 Date date) {
  CHEMSAFE_ASSIGN_OR_RETURN(auto reports, AllReports(s.governance, plan.record.id));
  CHEMSAFE_ASSIGN_OR_RETURN(auto filings, FilingsOf(reports));
  CHEMSAFE_ASSIGN_OR_RETURN(auto statuses, governance::StatusOf(plan.plan, plan.units, calendar, filings, as_of));
  static constexpr const char* kQuarterZh[] = {"", "一", "二", "三", "四"};
  cards::SituationNotice n;
  n.issuer = plan.plan.reporting.recipient;
  n.quarter = fmt::format("{}年第{}季度", quarter.year, kQuarterZh[quarter.q]);
  n.title = fmt::format("关于{}《{}》落实情况的通报", n.quarter, plan.plan.title);
  n.plan = fmt::format("《{}》（{}）", plan.plan.title, plan.plan.code);
  n.as_of = as_of.str();
  n.date = date.str();
  bool in_plan = false;
  for (const auto& st : statuses) {
    const auto& o = st.obligation;
    if (o.kind != ObligationKind::kQuarterlyReport || o.quarter != quarter) continue;
    in_plan = true;
    n.due = o.due.str();
    const governance::Unit* unit = plan.units.Find(o.unit_id);
    cards::NoticeUnitRow row;
    row.unit = unit != nullptr ? unit->name : o.unit_id;
    row.category = unit != nullptr ? std::string(UnitCategoryZh(unit->kind)) : "";
    row.state = std::string(StateLabelZh(st.state));
    row.filed_on = st.filed_on ? st.filed_on->str() : "";
    row.days_late = st.days_late;
    ++n.units;
    switch (st.state) {
      case FilingState::kPending: ++n.pending; break;
      case FilingState::kOnTime: ++n.on_time; break;
      case FilingState::kLate: ++n.late; break;
      case FilingState::kMissing: ++n.missing; break;
    }
    n.unit_rows.push_back(std::move(row));
  }
  if (!in_plan) {
    return InvalidArgument(fmt::format("quarter: {} is not a quarter of the plan's reporting period {}–{}",
                                       quarter.str(), plan.plan.reporting.first_quarter,
                                       plan.plan.reporting.last_quarter));
  }
  // Missing first, then late (most days first), then the rest in the list's order.
  auto rank = [](const cards::NoticeUnitRow& r) {
    return r.state == "逾期未报" ? 0 : r.state == "逾期报送" ? 1 : 2;
  };
  std::stable_sort(n.unit_rows.begin(), n.unit_rows.end(), [&rank](const auto& a, const auto& b) {
    if (rank(a) != rank(b)) return rank(a) < rank(b);
    return rank(a) < 2 && a.days_late > b.days_late;
  });
  const auto completion = governance::CompletionOf(plan.plan, plan.units, filings, as_of);
  for (const auto& c : completion.tasks) {
    const governance::Task* task = plan.plan.FindTask(c.task);
    cards::NoticeTaskRow row;
    row.number = c.task;
    row.title = task->title;
    for (const auto& id : task->LeadUnits()) {
      row.lead_units += (row.lead_units.empty() ? "" : "、") + UnitName(plan, id);
    }
    if (row.lead_units.empty()) row.lead_units = "各有关单位按职责分工负责";
    row.percentage = c.percentage;
    if (c.progress) row.progress = std::string(ProgressLabelZh(*c.progress));
    for (const auto& m : completion.milestones) {
      if (m.task != c.task) continue;
      if (m.state == "overdue") row.overdue = true;
      if (m.state == "upcoming" && row.next_milestone.empty() && m.due) {
        row.next_milestone = fmt::format("{} {}", m.due->str(), m.milestone.text);
      }
    }
    n.tasks.push_back(std::move(row));
  }
  CHEMSAFE_ASSIGN_OR_RETURN(auto measures, MeasuresOf(s, "44", as_of));
  for (const auto& m : measures) n.measures.push_back({fmt::format("T{}", m.task), m.label, m.text});
  if (n.missing > 0) {
    n.remarks.push_back(fmt::format("请逾期未报的{}个单位于3个工作日内补报{}进展情况，并书面说明逾期原因。", n.missing,
                                    n.quarter));
  }
  if (n.late > 0) {
    n.remarks.push_back(fmt::format("{}个单位逾期报送，已记录在案，请相关单位严格按照“每季度结束后{}个工作日内”的要求报送。",
                                    n.late, plan.plan.reporting.quarterly_report_working_days));
  }
  return n;
}

}  // namespace chemsafe::service
