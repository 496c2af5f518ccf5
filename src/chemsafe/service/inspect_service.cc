#include "chemsafe/service/inspect_service.h"

#include <algorithm>
#include <charconv>
#include <chrono>

#include <fmt/format.h>

#include "chemsafe/audit/sm3.h"
#include "chemsafe/registry/names.h"
#include "chemsafe/service/internal/json_reader.h"
#include "chemsafe/service/trace_views.h"

namespace chemsafe::service {
namespace {

using json = nlohmann::json;
using ordered_json = nlohmann::ordered_json;
using inspect::Finding;
using inspect::FindingState;
using inspect::InspectionKind;

using internal::JsonReader;
using Reader = JsonReader;

ordered_json DateJson(const Date& d) { return d == Date{} ? ordered_json(nullptr) : ordered_json(d.str()); }

Result<inspect::Rectification> RectificationFrom(const Reader& r) {
  inspect::Rectification out;
  CHEMSAFE_ASSIGN_OR_RETURN(out.date, r.Day("date"));
  CHEMSAFE_ASSIGN_OR_RETURN(out.by, r.Text("by", true));
  CHEMSAFE_ASSIGN_OR_RETURN(out.note, r.Text("note", false));
  return out;
}
ordered_json RectificationJson(const inspect::Rectification& x) {
  return {{"date", x.date.str()}, {"by", x.by}, {"note", x.note}};
}

// ---- dates, ids, roles ----

// The date in Asia/Shanghai of the UTC text `at`.
Result<Date> ChinaDateOf(const std::string& at) {
  auto t = ParseUtcText(at);
  if (!t) return InvalidArgument(fmt::format("at: \"{}\" is not a UTC time YYYY-MM-DDTHH:MM:SS.ffffffZ", at));
  return ShanghaiDateOf(*t);
}

std::optional<std::int64_t> ParseId(const std::string& id) {
  std::int64_t v = 0;
  auto res = std::from_chars(id.data(), id.data() + id.size(), v);
  if (res.ec != std::errc() || res.ptr != id.data() + id.size() || v <= 0) return std::nullopt;
  return v;
}

bool IsGovernment(const Principal& who) {
  return who.role == Role::kProvince || who.role == Role::kCity || who.role == Role::kCounty ||
         who.role == Role::kGrid;
}
bool IsEnterpriseOf(const Principal& who, const std::string& uscc) {
  return who.role == Role::kEnterprise && !who.enterprise_uscc.empty() && who.enterprise_uscc == uscc;
}

Status Denied(const Principal& who, std::string_view what, const std::string& id) {
  return PermissionDenied(fmt::format("{} ({}) may not {} finding {}", who.username, RoleCode(who.role), what, id));
}

// ---- records ----

Result<StoredFinding> FromRecord(const store::FindingRecord& r) {
  json body = json::parse(r.body, nullptr, false);
  if (body.is_discarded()) return Internal(fmt::format("finding {}: stored body is not JSON", r.id));
  auto f = FindingFromJson(body);
  if (!f.ok()) return Internal(fmt::format("finding {}: stored body: {}", r.id, f.status().message()));
  f->finding.report.id = std::to_string(r.id);
  f->version = r.version;
  f->updated_at = r.updated_at;
  f->updated_by = r.updated_by;
  return f;
}

store::FindingRecord ToRecord(const StoredFinding& f) {
  const inspect::FindingReport& rep = f.finding.report;
  store::FindingRecord r;
  r.id = ParseId(rep.id).value_or(0);
  if (auto in = ParseId(rep.inspection_id)) r.inspection_id = *in;
  r.kind = static_cast<int>(f.kind);
  r.enterprise_uscc = rep.enterprise_uscc;
  r.grade = static_cast<int>(rep.grade);
  r.state = static_cast<int>(f.finding.state);
  r.criterion = rep.major_criterion;
  if (rep.supervision_level) r.supervision_level = static_cast<int>(*rep.supervision_level);
  if (f.finding.plan) r.plan_deadline = f.finding.plan->deadline.str();
  r.found_date = rep.found_date.str();
  r.body = FindingJson(f).dump();
  r.version = f.version;
  r.updated_at = f.updated_at;
  r.updated_by = f.updated_by;
  return r;
}

Result<inspect::Inspection> InspectionFromRecord(const store::InspectionRecord& r) {
  json body = json::parse(r.body, nullptr, false);
  if (body.is_discarded()) return Internal(fmt::format("inspection {}: stored body is not JSON", r.id));
  auto in = InspectionFromJson(body);
  if (!in.ok()) return Internal(fmt::format("inspection {}: stored body: {}", r.id, in.status().message()));
  in->id = std::to_string(r.id);
  return in;
}

// The finding `id` when the caller sees it; NotFound otherwise.
Result<StoredFinding> Load(InspectStores s, const Principal& who, const std::string& id) {
  const Status not_found = NotFound(fmt::format("finding {}: not found", id));
  const auto key = ParseId(id);
  if (!key) return not_found;
  CHEMSAFE_ASSIGN_OR_RETURN(auto record, s.inspect.FindFinding(*key));
  if (!record) return not_found;
  CHEMSAFE_ASSIGN_OR_RETURN(TraceScope scope, TraceScopeOf(s.registry, who));
  if (!scope.Holds(record->enterprise_uscc)) return not_found;
  return FromRecord(*record);
}

// Saves `f` (a change of the version it was loaded at), audited as `action`.
Result<StoredFinding> Save(InspectStores s, const Actor& actor, const std::string& at, StoredFinding f,
                           std::string_view action, store::FindingPhotoRecord* photo = nullptr) {
  f.updated_at = at;
  f.updated_by = actor.principal.username;
  store::FindingRecord record = ToRecord(f);
  audit::AuditRecord audit =
      AuditOf(actor, at, action, "",
              fmt::format("ok: {} {}", inspect::FindingStateCode(f.finding.state), f.finding.report.enterprise_uscc));
  CHEMSAFE_RETURN_IF_ERROR(s.inspect.SaveFinding(record, audit, photo));
  f.finding.report.id = std::to_string(record.id);
  f.version = record.version;
  return f;
}

// Loads the finding, checks that the caller may act (`may`), applies `step`, saves it.
template <typename May, typename Step>
Result<StoredFinding> Act(InspectStores s, const Actor& actor, const std::string& at, const std::string& id,
                          std::string_view what, std::string_view action, May may, Step step) {
  CHEMSAFE_ASSIGN_OR_RETURN(Date date, ChinaDateOf(at));
  CHEMSAFE_ASSIGN_OR_RETURN(StoredFinding f, Load(s, actor.principal, id));
  if (!may(f)) return Denied(actor.principal, what, id);
  CHEMSAFE_RETURN_IF_ERROR(step(f.finding, date));
  return Save(s, actor, at, std::move(f), action);
}

// All the findings of the filter (the store pages).
Result<std::vector<store::FindingRecord>> ListAll(InspectStores s, store::FindingFilter f) {
  std::vector<store::FindingRecord> out;
  f.offset = 0;
  f.limit = 1000;
  for (;;) {
    CHEMSAFE_ASSIGN_OR_RETURN(auto page, s.inspect.ListFindings(f));
    const std::size_t n = page.size();
    for (auto& r : page) out.push_back(std::move(r));
    if (n < static_cast<std::size_t>(f.limit)) return out;
    f.offset += f.limit;
  }
}

// The store filter bounding `who`'s scope; false when the scope holds nothing.
Result<bool> ScopeFilter(InspectStores s, const Principal& who, const std::string& enterprise_uscc,
                         std::vector<std::string>& enterprises, std::string& division_prefix) {
  CHEMSAFE_ASSIGN_OR_RETURN(TraceScope scope, TraceScopeOf(s.registry, who));
  if (!enterprise_uscc.empty()) {
    if (!scope.Holds(enterprise_uscc)) return false;
    enterprises = {enterprise_uscc};
    return true;
  }
  if (scope.all) return true;
  if (scope.usccs.empty()) return false;
  if (who.role == Role::kCity || who.role == Role::kCounty) {
    division_prefix = who.DivisionPrefix();
  } else {
    enterprises.assign(scope.usccs.begin(), scope.usccs.end());
  }
  return true;
}

Result<std::vector<StoredFinding>> AllInScope(InspectStores s, const Principal& who, store::FindingFilter f,
                                              const std::string& enterprise_uscc) {
  CHEMSAFE_ASSIGN_OR_RETURN(bool any, ScopeFilter(s, who, enterprise_uscc, f.enterprises, f.division_prefix));
  std::vector<StoredFinding> out;
  if (!any) return out;
  CHEMSAFE_ASSIGN_OR_RETURN(auto records, ListAll(s, f));
  for (const auto& r : records) {
    CHEMSAFE_ASSIGN_OR_RETURN(StoredFinding x, FromRecord(r));
    out.push_back(std::move(x));
  }
  return out;
}

// JPEG: the SOI marker FF D8 followed by a marker FF (ISO/IEC 10918-1 Annex B.1.1.3, B.2.1); PNG: the 8-byte
// signature 89 50 4E 47 0D 0A 1A 0A (ISO/IEC 15948:2004 §5.2).
std::optional<std::string> ImageTypeOf(std::string_view bytes) {
  if (bytes.size() >= 3 && bytes.substr(0, 3) == std::string_view("\xFF\xD8\xFF", 3)) return "image/jpeg";
  if (bytes.size() >= 8 && bytes.substr(0, 8) == std::string_view("\x89PNG\r\n\x1A\n", 8)) return "image/png";
  return std::nullopt;
}

}  // namespace

// ---- JSON ----

ordered_json InspectionJson(const inspect::Inspection& in) {
  return {{"id", in.id},
          {"kind", inspect::InspectionKindCode(in.kind)},
          {"kind_zh", inspect::InspectionKindLabelZh(in.kind)},
          {"enterprise_uscc", in.enterprise_uscc},
          {"date", in.date.str()},
          {"inspectors", in.inspectors},
          {"scope", in.scope},
          {"checklist_code", in.checklist_code}};
}

Result<inspect::Inspection> InspectionFromJson(const json& j) {
  if (!j.is_object()) return InvalidArgument("inspection: not a JSON object");
  const Reader r(j, "");
  inspect::Inspection in;
  CHEMSAFE_ASSIGN_OR_RETURN(in.id, r.Text("id", false));
  CHEMSAFE_ASSIGN_OR_RETURN(in.kind, r.Code<InspectionKind>("kind", inspect::InspectionKindFromCode, "self, government"));
  CHEMSAFE_ASSIGN_OR_RETURN(in.enterprise_uscc, r.Text("enterprise_uscc", true));
  CHEMSAFE_ASSIGN_OR_RETURN(in.date, r.Day("date"));
  CHEMSAFE_ASSIGN_OR_RETURN(in.inspectors, r.Texts("inspectors"));
  CHEMSAFE_ASSIGN_OR_RETURN(in.scope, r.Text("scope", false));
  CHEMSAFE_ASSIGN_OR_RETURN(in.checklist_code, r.Text("checklist_code", true));
  return in;
}

ordered_json FindingReportJson(const inspect::FindingReport& rep) {
  return {{"id", rep.id},
          {"inspection_id", rep.inspection_id},
          {"enterprise_uscc", rep.enterprise_uscc},
          {"division_code", rep.division_code},
          {"sector", rep.sector},
          {"description", rep.description},
          {"location", rep.location},
          {"photo_ids", rep.photo_ids},
          {"grade", inspect::HazardGradeCode(rep.grade)},
          {"grade_zh", inspect::HazardGradeLabelZh(rep.grade)},
          {"major_criterion", rep.major_criterion ? ordered_json(*rep.major_criterion) : ordered_json(nullptr)},
          {"legal_basis", rep.legal_basis},
          {"found_date", rep.found_date.str()},
          {"found_by", rep.found_by},
          {"supervision_level", rep.supervision_level ? ordered_json(inspect::GovernmentLevelCode(*rep.supervision_level))
                                                      : ordered_json(nullptr)}};
}

namespace {
Result<inspect::FindingReport> ReportFrom(const Reader& r) {
  inspect::FindingReport rep;
  CHEMSAFE_ASSIGN_OR_RETURN(rep.id, r.Text("id", false));
  CHEMSAFE_ASSIGN_OR_RETURN(rep.inspection_id, r.Text("inspection_id", false));
  CHEMSAFE_ASSIGN_OR_RETURN(rep.enterprise_uscc, r.Text("enterprise_uscc", true));
  CHEMSAFE_ASSIGN_OR_RETURN(rep.division_code, r.Text("division_code", false));
  CHEMSAFE_ASSIGN_OR_RETURN(rep.sector, r.Text("sector", false));
  CHEMSAFE_ASSIGN_OR_RETURN(rep.description, r.Text("description", true));
  CHEMSAFE_ASSIGN_OR_RETURN(rep.location, r.Text("location", false));
  CHEMSAFE_ASSIGN_OR_RETURN(rep.photo_ids, r.Texts("photo_ids"));
  CHEMSAFE_ASSIGN_OR_RETURN(rep.grade, r.Code<inspect::HazardGrade>("grade", inspect::HazardGradeFromCode, "general, major"));
  CHEMSAFE_ASSIGN_OR_RETURN(rep.major_criterion, r.Int("major_criterion"));
  CHEMSAFE_ASSIGN_OR_RETURN(rep.legal_basis, r.Text("legal_basis", false));
  CHEMSAFE_ASSIGN_OR_RETURN(rep.found_date, r.Day("found_date"));
  CHEMSAFE_ASSIGN_OR_RETURN(rep.found_by, r.Text("found_by", false));
  if (r.Has("supervision_level")) {
    CHEMSAFE_ASSIGN_OR_RETURN(rep.supervision_level,
                              r.Code<inspect::GovernmentLevel>("supervision_level", inspect::GovernmentLevelFromCode,
                                                               "county, city, province"));
  }
  return rep;
}

Result<inspect::Plan> PlanFrom(const Reader& r) {
  inspect::Plan plan;
  CHEMSAFE_ASSIGN_OR_RETURN(plan.measures, r.Texts("measures"));
  CHEMSAFE_ASSIGN_OR_RETURN(plan.funds_yuan, r.Number("funds_yuan"));
  CHEMSAFE_ASSIGN_OR_RETURN(plan.responsible_person, r.Text("responsible_person", true));
  CHEMSAFE_ASSIGN_OR_RETURN(plan.deadline, r.Day("deadline"));
  CHEMSAFE_ASSIGN_OR_RETURN(plan.submitted_on, r.DayOr("submitted_on"));
  CHEMSAFE_ASSIGN_OR_RETURN(plan.submitted_by, r.Text("submitted_by", false));
  return plan;
}
}  // namespace

Result<inspect::FindingReport> FindingReportFromJson(const json& j) {
  if (!j.is_object()) return InvalidArgument("finding report: not a JSON object");
  return ReportFrom(Reader(j, ""));
}

ordered_json PlanJson(const inspect::Plan& p) {
  return {{"measures", p.measures},
          {"funds_yuan", p.funds_yuan},
          {"responsible_person", p.responsible_person},
          {"deadline", p.deadline.str()},
          {"submitted_on", DateJson(p.submitted_on)},
          {"submitted_by", p.submitted_by}};
}

Result<inspect::Plan> PlanFromJson(const json& j) {
  if (!j.is_object()) return InvalidArgument("plan: not a JSON object");
  return PlanFrom(Reader(j, ""));
}

ordered_json FindingJson(const StoredFinding& sf) {
  const Finding& f = sf.finding;
  ordered_json progress = ordered_json::array();
  for (const auto& n : f.progress) progress.push_back({{"date", n.date.str()}, {"by", n.by}, {"text", n.text}});
  ordered_json acceptances = ordered_json::array();
  for (const auto& a : f.acceptances) {
    acceptances.push_back({{"date", a.date.str()},
                           {"by", a.by},
                           {"outcome", inspect::AcceptanceOutcomeCode(a.outcome)},
                           {"note", a.note},
                           {"of", RectificationJson(a.of)}});
  }
  return {{"id", f.report.id},
          {"kind", inspect::InspectionKindCode(sf.kind)},
          {"state", inspect::FindingStateCode(f.state)},
          {"state_zh", inspect::FindingStateLabelZh(f.state)},
          {"report", FindingReportJson(f.report)},
          {"plan", f.plan ? PlanJson(*f.plan) : ordered_json(nullptr)},
          {"progress", std::move(progress)},
          {"rectification", f.rectification ? RectificationJson(*f.rectification) : ordered_json(nullptr)},
          {"acceptances", std::move(acceptances)},
          {"closure", f.closure ? ordered_json{{"date", f.closure->date.str()}, {"by", f.closure->by}}
                                : ordered_json(nullptr)},
          {"version", sf.version},
          {"updated_at", sf.updated_at},
          {"updated_by", sf.updated_by}};
}

Result<StoredFinding> FindingFromJson(const json& j) {
  if (!j.is_object()) return InvalidArgument("finding: not a JSON object");
  const Reader r(j, "");
  StoredFinding sf;
  Finding& f = sf.finding;
  CHEMSAFE_ASSIGN_OR_RETURN(sf.kind, r.Code<InspectionKind>("kind", inspect::InspectionKindFromCode, "self, government"));
  CHEMSAFE_ASSIGN_OR_RETURN(f.state, r.Code<FindingState>("state", inspect::FindingStateFromCode,
                                                          "reported, planned, rectified, closed"));
  if (!r.Has("report")) return InvalidArgument("report: missing");
  CHEMSAFE_RETURN_IF_ERROR(r.RequireObject("report"));
  CHEMSAFE_ASSIGN_OR_RETURN(f.report, ReportFrom(r.Sub("report")));
  if (r.Has("plan")) {
    CHEMSAFE_RETURN_IF_ERROR(r.RequireObject("plan"));
    CHEMSAFE_ASSIGN_OR_RETURN(f.plan, PlanFrom(r.Sub("plan")));
  }
  CHEMSAFE_ASSIGN_OR_RETURN(f.progress, r.Each<inspect::ProgressNote>("progress", [](const Reader& e) -> Result<inspect::ProgressNote> {
    inspect::ProgressNote n;
    CHEMSAFE_ASSIGN_OR_RETURN(n.date, e.Day("date"));
    CHEMSAFE_ASSIGN_OR_RETURN(n.by, e.Text("by", true));
    CHEMSAFE_ASSIGN_OR_RETURN(n.text, e.Text("text", true));
    return n;
  }));
  if (r.Has("rectification")) {
    CHEMSAFE_RETURN_IF_ERROR(r.RequireObject("rectification"));
    CHEMSAFE_ASSIGN_OR_RETURN(f.rectification, RectificationFrom(r.Sub("rectification")));
  }
  CHEMSAFE_ASSIGN_OR_RETURN(f.acceptances, r.Each<inspect::Acceptance>("acceptances", [](const Reader& e) -> Result<inspect::Acceptance> {
    inspect::Acceptance a;
    CHEMSAFE_ASSIGN_OR_RETURN(a.date, e.Day("date"));
    CHEMSAFE_ASSIGN_OR_RETURN(a.by, e.Text("by", true));
    CHEMSAFE_ASSIGN_OR_RETURN(a.outcome, e.Code<inspect::AcceptanceOutcome>("outcome", inspect::AcceptanceOutcomeFromCode,
                                                                            "passed, failed"));
    CHEMSAFE_ASSIGN_OR_RETURN(a.note, e.Text("note", false));
    if (!e.Has("of")) return InvalidArgument(e.Path("of") + ": missing");
    CHEMSAFE_RETURN_IF_ERROR(e.RequireObject("of"));
    CHEMSAFE_ASSIGN_OR_RETURN(a.of, RectificationFrom(e.Sub("of")));
    return a;
  }));
  if (r.Has("closure")) {
    CHEMSAFE_RETURN_IF_ERROR(r.RequireObject("closure"));
    const Reader c = r.Sub("closure");
    inspect::Closure closure;
    CHEMSAFE_ASSIGN_OR_RETURN(closure.date, c.Day("date"));
    CHEMSAFE_ASSIGN_OR_RETURN(closure.by, c.Text("by", true));
    f.closure = std::move(closure);
  }
  CHEMSAFE_ASSIGN_OR_RETURN(auto version, r.Int("version"));
  sf.version = version.value_or(0);
  CHEMSAFE_ASSIGN_OR_RETURN(sf.updated_at, r.Text("updated_at", false));
  CHEMSAFE_ASSIGN_OR_RETURN(sf.updated_by, r.Text("updated_by", false));
  return sf;
}

// ---- use cases ----

Result<inspect::Inspection> RecordInspectionAs(InspectStores s, const Actor& actor, const std::string& at,
                                               inspect::Inspection in) {
  const Principal& who = actor.principal;
  in.id = "new";  // set by the store; ValidateInspection wants one
  CHEMSAFE_RETURN_IF_ERROR(inspect::ValidateInspection(in));
  CHEMSAFE_ASSIGN_OR_RETURN(auto enterprise, s.registry.FindEnterprise(in.enterprise_uscc));
  CHEMSAFE_ASSIGN_OR_RETURN(TraceScope scope, TraceScopeOf(s.registry, who));
  if (!enterprise || !scope.Holds(in.enterprise_uscc)) {
    return NotFound(fmt::format("enterprise_uscc: {} is not an enterprise in scope", in.enterprise_uscc));
  }
  const bool may = in.kind == InspectionKind::kSelf ? IsEnterpriseOf(who, in.enterprise_uscc) : IsGovernment(who);
  if (!may) {
    return PermissionDenied(fmt::format("{} ({}) may not record a {} inspection of {}", who.username, RoleCode(who.role),
                                        inspect::InspectionKindCode(in.kind), in.enterprise_uscc));
  }
  store::InspectionRecord record;
  record.kind = static_cast<int>(in.kind);
  record.enterprise_uscc = in.enterprise_uscc;
  record.date = in.date.str();
  in.id.clear();
  record.body = InspectionJson(in).dump();
  record.created_at = at;
  record.created_by = who.username;
  audit::AuditRecord audit = AuditOf(actor, at, "inspection.record", "",
                                     fmt::format("ok: {} {}", inspect::InspectionKindCode(in.kind), in.enterprise_uscc));
  CHEMSAFE_RETURN_IF_ERROR(s.inspect.SaveInspection(record, audit));
  in.id = std::to_string(record.id);
  return in;
}

Result<StoredFinding> ReportFindingAs(InspectStores s, const Actor& actor, const std::string& at,
                                      inspect::FindingReport report) {
  const Principal& who = actor.principal;
  if (!report.photo_ids.empty()) {
    return InvalidArgument("photo_ids: photos are attached to a reported finding (AttachPhoto), not named in the report");
  }
  CHEMSAFE_ASSIGN_OR_RETURN(auto enterprise, s.registry.FindEnterprise(report.enterprise_uscc));
  CHEMSAFE_ASSIGN_OR_RETURN(TraceScope scope, TraceScopeOf(s.registry, who));
  if (!enterprise || !scope.Holds(report.enterprise_uscc)) {
    return NotFound(fmt::format("enterprise_uscc: {} is not an enterprise in scope", report.enterprise_uscc));
  }
  StoredFinding sf;
  if (!report.inspection_id.empty()) {
    const Status no_inspection = NotFound(fmt::format("inspection_id: {} is not an inspection in scope", report.inspection_id));
    const auto key = ParseId(report.inspection_id);
    if (!key) return no_inspection;
    CHEMSAFE_ASSIGN_OR_RETURN(auto inspection, s.inspect.FindInspection(*key));
    if (!inspection || !scope.Holds(inspection->enterprise_uscc)) return no_inspection;
    if (inspection->enterprise_uscc != report.enterprise_uscc) {
      return InvalidArgument(fmt::format("enterprise_uscc: inspection {} was of {}", report.inspection_id,
                                         inspection->enterprise_uscc));
    }
    sf.kind = static_cast<InspectionKind>(inspection->kind);
  } else {
    sf.kind = who.role == Role::kEnterprise ? InspectionKind::kSelf : InspectionKind::kGovernment;
  }
  const bool may = sf.kind == InspectionKind::kSelf ? IsEnterpriseOf(who, report.enterprise_uscc) : IsGovernment(who);
  if (!may) {
    return PermissionDenied(fmt::format("{} ({}) may not report a {} finding of {}", who.username, RoleCode(who.role),
                                        inspect::InspectionKindCode(sf.kind), report.enterprise_uscc));
  }
  report.id = "new";  // set by the store; ReportFinding wants one
  report.found_by = who.username;
  report.division_code = enterprise->division_code;
  report.sector = std::string(registry::SectorName(enterprise->sector));
  CHEMSAFE_ASSIGN_OR_RETURN(sf.finding, inspect::ReportFinding(std::move(report)));
  sf.finding.report.id.clear();
  return Save(s, actor, at, std::move(sf), "finding.report");
}

Result<StoredFinding> SubmitPlanAs(InspectStores s, const Actor& actor, const std::string& at, const std::string& id,
                                   inspect::Plan plan) {
  const Principal& who = actor.principal;
  return Act(
      s, actor, at, id, "submit the plan of", "finding.plan",
      [&](const StoredFinding& f) {
        return who.role == Role::kProvince || IsEnterpriseOf(who, f.finding.report.enterprise_uscc);
      },
      [&](Finding& f, Date date) { return inspect::SubmitPlan(f, std::move(plan), who.username, date); });
}

Result<StoredFinding> AddProgressAs(InspectStores s, const Actor& actor, const std::string& at, const std::string& id,
                                    std::string text) {
  const Principal& who = actor.principal;
  return Act(
      s, actor, at, id, "note progress on", "finding.progress",
      [&](const StoredFinding& f) {
        return who.role == Role::kProvince || IsEnterpriseOf(who, f.finding.report.enterprise_uscc);
      },
      [&](Finding& f, Date date) {
        return inspect::AddProgress(f, inspect::ProgressNote{date, who.username, std::move(text)});
      });
}

Result<StoredFinding> ReportRectifiedAs(InspectStores s, const Actor& actor, const std::string& at,
                                        const std::string& id, std::string note) {
  const Principal& who = actor.principal;
  return Act(
      s, actor, at, id, "report rectified", "finding.rectified",
      [&](const StoredFinding& f) { return IsEnterpriseOf(who, f.finding.report.enterprise_uscc); },
      [&](Finding& f, Date date) { return inspect::ReportRectified(f, who.username, date, std::move(note)); });
}

namespace {
// Acceptance and closure: the government side for a government finding, the enterprise for its own.
bool MaySupervise(const Principal& who, const StoredFinding& f) {
  return f.kind == InspectionKind::kGovernment ? IsGovernment(who)
                                               : IsEnterpriseOf(who, f.finding.report.enterprise_uscc);
}
}  // namespace

Result<StoredFinding> AcceptAs(InspectStores s, const Actor& actor, const std::string& at, const std::string& id,
                               inspect::AcceptanceOutcome outcome, std::string note) {
  const Principal& who = actor.principal;
  return Act(
      s, actor, at, id, "accept", "finding.accept", [&](const StoredFinding& f) { return MaySupervise(who, f); },
      [&](Finding& f, Date date) { return inspect::RecordAcceptance(f, who.username, date, outcome, std::move(note)); });
}

Result<StoredFinding> CloseAs(InspectStores s, const Actor& actor, const std::string& at, const std::string& id) {
  const Principal& who = actor.principal;
  return Act(
      s, actor, at, id, "close", "finding.close", [&](const StoredFinding& f) { return MaySupervise(who, f); },
      [&](Finding& f, Date date) { return inspect::Close(f, who.username, date); });
}

Result<StoredFinding> AttachPhotoAs(InspectStores s, const Actor& actor, const std::string& at, const std::string& id,
                                    std::string bytes, const PhotoOptions& options) {
  const Principal& who = actor.principal;
  if (bytes.empty()) return InvalidArgument("photo: is empty");
  if (bytes.size() > options.max_bytes) {
    return InvalidArgument(fmt::format("photo: {} bytes is more than the limit of {} bytes", bytes.size(), options.max_bytes));
  }
  const auto type = ImageTypeOf(bytes);
  if (!type) return InvalidArgument("photo: not a JPEG or PNG image");
  CHEMSAFE_ASSIGN_OR_RETURN(StoredFinding f, Load(s, who, id));
  if (!IsGovernment(who) && !IsEnterpriseOf(who, f.finding.report.enterprise_uscc)) {
    return Denied(who, "attach a photo to", id);
  }
  if (f.finding.state == FindingState::kClosed) {
    return FailedPrecondition(fmt::format("finding {}: closed (销号); nothing changes after closure", id));
  }
  store::FindingPhotoRecord photo;
  photo.content_type = *type;
  photo.sm3 = audit::Sm3Hex(bytes);
  photo.bytes = std::move(bytes);
  photo.uploaded_at = at;
  photo.uploaded_by = who.username;
  auto& ids = f.finding.report.photo_ids;
  if (std::find(ids.begin(), ids.end(), photo.sm3) != ids.end()) {
    return AlreadyExists(fmt::format("finding {}: photo {} is already attached", id, photo.sm3));
  }
  ids.push_back(photo.sm3);
  return Save(s, actor, at, std::move(f), "finding.photo", &photo);
}

Result<store::FindingPhotoRecord> FindingPhotoInScope(InspectStores s, const Principal& who, const std::string& id,
                                                      const std::string& photo_id) {
  CHEMSAFE_ASSIGN_OR_RETURN(StoredFinding f, Load(s, who, id));
  CHEMSAFE_ASSIGN_OR_RETURN(auto photo, s.inspect.FindPhoto(*ParseId(f.finding.report.id), photo_id));
  if (!photo) return NotFound(fmt::format("finding {}: no photo {}", id, photo_id));
  return std::move(*photo);
}

Result<std::vector<StoredFinding>> ListFindingsInScope(InspectStores s, const Principal& who, const FindingQuery& q) {
  store::FindingFilter f;
  if (q.grade) f.grade = static_cast<int>(*q.grade);
  if (q.state) f.states = {static_cast<int>(*q.state)};
  if (!q.overdue_on) {
    CHEMSAFE_ASSIGN_OR_RETURN(bool any, ScopeFilter(s, who, q.enterprise_uscc, f.enterprises, f.division_prefix));
    if (!any) return std::vector<StoredFinding>();
    f.offset = q.offset;
    f.limit = q.limit;
    CHEMSAFE_ASSIGN_OR_RETURN(auto records, s.inspect.ListFindings(f));
    std::vector<StoredFinding> out;
    for (const auto& r : records) {
      CHEMSAFE_ASSIGN_OR_RETURN(StoredFinding x, FromRecord(r));
      out.push_back(std::move(x));
    }
    return out;
  }
  // Overdue: only reported and planned findings can be (overdue.h); assessed here, then paged.
  CHEMSAFE_RETURN_IF_ERROR(inspect::ValidateEscalationRules(q.rules));
  if (f.states.empty()) f.states = {static_cast<int>(FindingState::kReported), static_cast<int>(FindingState::kPlanned)};
  CHEMSAFE_ASSIGN_OR_RETURN(auto all, AllInScope(s, who, f, q.enterprise_uscc));
  std::vector<StoredFinding> overdue;
  for (auto& x : all) {
    CHEMSAFE_ASSIGN_OR_RETURN(auto a, inspect::AssessOverdue(x.finding, *q.overdue_on, q.rules));
    if (a.overdue()) overdue.push_back(std::move(x));
  }
  std::vector<StoredFinding> out;
  for (std::size_t k = static_cast<std::size_t>(std::max(q.offset, 0));
       k < overdue.size() && out.size() < static_cast<std::size_t>(std::max(q.limit, 0)); ++k) {
    out.push_back(std::move(overdue[k]));
  }
  return out;
}

Result<StoredFinding> FindingInScope(InspectStores s, const Principal& who, const std::string& id) {
  return Load(s, who, id);
}

Result<std::vector<OverdueFinding>> OverdueInScope(InspectStores s, const Principal& who, Date on,
                                                   const inspect::EscalationRules& rules) {
  CHEMSAFE_RETURN_IF_ERROR(inspect::ValidateEscalationRules(rules));
  store::FindingFilter f;
  f.states = {static_cast<int>(FindingState::kReported), static_cast<int>(FindingState::kPlanned)};
  CHEMSAFE_ASSIGN_OR_RETURN(auto all, AllInScope(s, who, f, ""));
  std::vector<OverdueFinding> out;
  for (auto& x : all) {
    CHEMSAFE_ASSIGN_OR_RETURN(auto a, inspect::AssessOverdue(x.finding, on, rules));
    if (a.overdue()) out.push_back(OverdueFinding{std::move(x), a});
  }
  std::stable_sort(out.begin(), out.end(), [](const OverdueFinding& a, const OverdueFinding& b) {
    return a.overdue.days_overdue > b.overdue.days_overdue;
  });
  return out;
}

Result<std::vector<inspect::FindingCounts>> FindingStatisticsInScope(InspectStores s, const Principal& who,
                                                                     inspect::GroupBy by) {
  CHEMSAFE_ASSIGN_OR_RETURN(auto all, AllInScope(s, who, {}, ""));
  std::vector<Finding> findings;
  findings.reserve(all.size());
  for (auto& x : all) findings.push_back(std::move(x.finding));
  return inspect::CountFindings(findings, by);
}

Result<std::vector<inspect::Inspection>> ListInspectionsInScope(InspectStores s, const Principal& who,
                                                                const std::string& enterprise_uscc) {
  store::InspectionFilter f;
  CHEMSAFE_ASSIGN_OR_RETURN(bool any, ScopeFilter(s, who, enterprise_uscc, f.enterprises, f.division_prefix));
  std::vector<inspect::Inspection> out;
  if (!any) return out;
  CHEMSAFE_ASSIGN_OR_RETURN(auto records, s.inspect.ListInspections(f));
  for (const auto& r : records) {
    CHEMSAFE_ASSIGN_OR_RETURN(inspect::Inspection in, InspectionFromRecord(r));
    out.push_back(std::move(in));
  }
  return out;
}

Result<inspect::Inspection> InspectionInScope(InspectStores s, const Principal& who, const std::string& id) {
  const Status not_found = NotFound(fmt::format("inspection {}: not found", id));
  const auto key = ParseId(id);
  if (!key) return not_found;
  CHEMSAFE_ASSIGN_OR_RETURN(auto record, s.inspect.FindInspection(*key));
  if (!record) return not_found;
  CHEMSAFE_ASSIGN_OR_RETURN(TraceScope scope, TraceScopeOf(s.registry, who));
  if (!scope.Holds(record->enterprise_uscc)) return not_found;
  return InspectionFromRecord(*record);
}

}  // namespace chemsafe::service
