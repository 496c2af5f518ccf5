// The routes of the governance of the plan (issue 8 "Governance of the plan itself"; seed sections 三 and 五):
// plans, the status of every unit's obligations, the caller's unit's own obligations and filing, reports with
// their attachments and comments, reminders, the dashboard and the quarterly situation notice (情况通报) as
// PDF or XLSX. Who may act is decided by service/governance_service.h; the handlers only parse, call and
// encode. Nothing here is kept by the answer cache: states depend on the day of asking.
#include <cctype>

#include <fmt/format.h>

#include "chemsafe/api/internal/platform_impl.h"
#include "chemsafe/cards/situation_notice.h"
#include "chemsafe/service/governance_service.h"

namespace chemsafe::api {

namespace {

using Impl = Platform::Impl;

constexpr std::string_view kXlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

Result<service::OpenedPlan> PlanOf(const ApiRequest& r, RequestContext& c) {
  const auto id = IdParam(r, "id");
  if (!id) return NotFound("governance plan: not found");
  CHEMSAFE_RETURN_IF_ERROR(service::ListGovernancePlans(*c.stores.governance, c.actor.principal).status());
  return service::OpenGovernancePlan(*c.stores.governance, *id);
}

ApiResponse Plans(const ApiRequest& r, RequestContext& c) {
  auto plans = service::ListGovernancePlans(*c.stores.governance, c.actor.principal);
  if (!plans.ok()) return ErrorResponse(plans.status(), r.request_id);
  Json items = Json::array();
  for (const auto& p : *plans) {
    auto opened = service::OpenGovernancePlan(*c.stores.governance, p.id);
    if (!opened.ok()) return ErrorResponse(opened.status(), r.request_id);
    items.push_back(service::PlanSummaryJson(opened->record, opened->plan));
  }
  return Ok(Json{{"items", std::move(items)}});
}

ApiResponse LoadPlan(const ApiRequest& r, RequestContext& c, const std::string& default_units) {
  auto parsed = ParseBody(r, {"plan", "units"});
  if (auto* e = std::get_if<ApiResponse>(&parsed)) return std::move(*e);
  const Json& body = std::get<Json>(parsed);
  if (!body.contains("plan") || !body["plan"].is_object()) {
    return ErrorResponse(400, "bad_request", "plan: the plan as a JSON object", r.request_id);
  }
  std::string units = default_units;
  if (body.contains("units")) {
    if (!body["units"].is_object()) return ErrorResponse(400, "bad_request", "units: a JSON object", r.request_id);
    units = body["units"].dump();
  }
  auto record = service::LoadGovernancePlanAs(*c.stores.governance, c.actor, c.stores.auth->Now(), body["plan"].dump(),
                                              units);
  if (!record.ok()) return ErrorResponse(record.status(), r.request_id);
  auto opened = service::OpenGovernancePlan(*c.stores.governance, record->id);
  if (!opened.ok()) return ErrorResponse(opened.status(), r.request_id);
  return JsonResponse(201, Text(service::PlanSummaryJson(opened->record, opened->plan)));
}

ApiResponse PlanById(const Impl& impl, const ApiRequest& r, RequestContext& c) {
  auto plan = PlanOf(r, c);
  if (!plan.ok()) return ErrorResponse(plan.status(), r.request_id);
  auto unit = service::ReportingUnitOf(*plan, c.actor.principal);
  if (!unit.ok()) return ErrorResponse(unit.status(), r.request_id);
  auto json = service::PlanJson(*plan, impl.calendar, *unit);
  if (!json.ok()) return ErrorResponse(json.status(), r.request_id);
  return Ok(*json);
}

// The reports and reminders of a plan (for the status rows' report ids and reminder counts).
struct Around {
  std::vector<store::GovernanceReportRecord> reports;
  std::vector<store::GovernanceNoteRecord> reminders;
};
Result<Around> AroundOf(RequestContext& c, const service::OpenedPlan& plan) {
  Around a;
  CHEMSAFE_ASSIGN_OR_RETURN(a.reports, service::ReportsInSight(*c.stores.governance, plan, c.actor.principal, {}));
  CHEMSAFE_ASSIGN_OR_RETURN(a.reminders, service::RemindersInSight(*c.stores.governance, plan, c.actor.principal, ""));
  return a;
}

ApiResponse StatusRoute(const Impl& impl, const ApiRequest& r, RequestContext& c) {
  auto plan = PlanOf(r, c);
  if (!plan.ok()) return ErrorResponse(plan.status(), r.request_id);
  auto as_of = DayOrToday(r, c, "as_of");
  if (!as_of.ok()) return ErrorResponse(as_of.status(), r.request_id);
  auto statuses = service::StatusInSight(*c.stores.governance, *plan, impl.calendar, c.actor.principal, *as_of);
  if (!statuses.ok()) return ErrorResponse(statuses.status(), r.request_id);
  const std::string unit = StrQuery(r, "unit"), quarter = StrQuery(r, "quarter"), state = StrQuery(r, "state");
  std::vector<governance::ObligationStatus> kept;
  for (auto& s : *statuses) {
    if (!unit.empty() && s.obligation.unit_id != unit) continue;
    if (!quarter.empty() && (!s.obligation.quarter || s.obligation.quarter->str() != quarter)) continue;
    if (!state.empty() && governance::FilingStateName(s.state) != state) continue;
    kept.push_back(std::move(s));
  }
  auto around = AroundOf(c, *plan);
  if (!around.ok()) return ErrorResponse(around.status(), r.request_id);
  return Ok(service::StatusJson(*plan, kept, around->reports, around->reminders, *as_of));
}

ApiResponse Mine(const Impl& impl, const ApiRequest& r, RequestContext& c) {
  auto plan = PlanOf(r, c);
  if (!plan.ok()) return ErrorResponse(plan.status(), r.request_id);
  auto unit = service::ReportingUnitOf(*plan, c.actor.principal);
  if (!unit.ok()) return ErrorResponse(unit.status(), r.request_id);
  if (!*unit) {
    return ErrorResponse(403, "forbidden", fmt::format("{} files no reports under {}", c.actor.principal.username,
                                                       plan->plan.code), r.request_id);
  }
  auto as_of = DayOrToday(r, c, "as_of");
  if (!as_of.ok()) return ErrorResponse(as_of.status(), r.request_id);
  auto statuses = service::StatusInSight(*c.stores.governance, *plan, impl.calendar, c.actor.principal, *as_of);
  if (!statuses.ok()) return ErrorResponse(statuses.status(), r.request_id);
  auto around = AroundOf(c, *plan);
  if (!around.ok()) return ErrorResponse(around.status(), r.request_id);
  Json items = Json::array();
  for (const auto& s : *statuses) {
    if (s.obligation.unit_id == **unit) items.push_back(service::StatusRowJson(*plan, s, around->reports, around->reminders));
  }
  Json tasks = Json::array();
  for (const auto& t : governance::TasksOf(plan->plan, plan->units, **unit)) {
    const governance::Task* task = plan->plan.FindTask(t.task);
    tasks.push_back({{"task", t.task}, {"title", task != nullptr ? task->title : ""}, {"lead", t.lead}});
  }
  const governance::Unit* u = plan->units.Find(**unit);
  return Ok(Json{{"as_of", as_of->str()},
                 {"unit", **unit},
                 {"unit_name", u != nullptr ? u->name : **unit},
                 {"tasks", std::move(tasks)},
                 {"items", std::move(items)}});
}

ApiResponse ReportAnswer(int status, const Result<store::GovernanceReportRecord>& report,
                         const service::OpenedPlan& plan, const ApiRequest& r, RequestContext& c) {
  if (!report.ok()) return ErrorResponse(report.status(), r.request_id);
  auto today = Today(c);
  if (!today.ok()) return ErrorResponse(today.status(), r.request_id);
  auto json = service::ReportJson(c.governance_stores(), plan, *report, *today);
  if (!json.ok()) return ErrorResponse(json.status(), r.request_id);
  return JsonResponse(status, Text(*json));
}

ApiResponse FileReport(const Impl& impl, const ApiRequest& r, RequestContext& c) {
  auto plan = PlanOf(r, c);
  if (!plan.ok()) return ErrorResponse(plan.status(), r.request_id);
  auto parsed = ParseBody(r, {"kind", "quarter", "summary", "tasks", "liaison"});
  if (auto* e = std::get_if<ApiResponse>(&parsed)) return std::move(*e);
  auto input = service::ReportInputFromJson(nlohmann::json::parse(std::get<Json>(parsed).dump()), true);
  if (!input.ok()) return ErrorResponse(input.status(), r.request_id);
  return ReportAnswer(201,
                      service::FileReportAs(*c.stores.governance, *plan, impl.calendar, c.actor, c.stores.auth->Now(),
                                            std::move(input).value()),
                      *plan, r, c);
}

std::optional<std::int64_t> ReportId(const ApiRequest& r) { return IdParam(r, "id"); }

ApiResponse ReportById(const ApiRequest& r, RequestContext& c) {
  const auto id = ReportId(r);
  if (!id) return ErrorResponse(404, "not_found", "governance report: not found", r.request_id);
  auto found = service::ReportInSight(*c.stores.governance, c.actor.principal, *id);
  if (!found.ok()) return ErrorResponse(found.status(), r.request_id);
  return ReportAnswer(200, found->first, found->second, r, c);
}

ApiResponse AmendReport(const ApiRequest& r, RequestContext& c) {
  const auto id = ReportId(r);
  if (!id) return ErrorResponse(404, "not_found", "governance report: not found", r.request_id);
  auto parsed = ParseBody(r, {"version", "summary", "tasks", "liaison"});
  if (auto* e = std::get_if<ApiResponse>(&parsed)) return std::move(*e);
  Json body = std::get<Json>(parsed);
  if (!body.contains("version") || !body["version"].is_number_integer() || body["version"].get<int>() < 1) {
    return ErrorResponse(400, "bad_request", "version: the version this change is made to (a whole number from 1)",
                         r.request_id);
  }
  const int version = body["version"].get<int>();
  body.erase("version");
  auto input = service::ReportInputFromJson(nlohmann::json::parse(body.dump()), false);
  if (!input.ok()) return ErrorResponse(input.status(), r.request_id);
  auto found = service::ReportInSight(*c.stores.governance, c.actor.principal, *id);
  if (!found.ok()) return ErrorResponse(found.status(), r.request_id);
  return ReportAnswer(200,
                      service::AmendReportAs(*c.stores.governance, found->second, c.actor, c.stores.auth->Now(), *id,
                                             version, std::move(input).value()),
                      found->second, r, c);
}

ApiResponse Reports(const ApiRequest& r, RequestContext& c) {
  auto plan = PlanOf(r, c);
  if (!plan.ok()) return ErrorResponse(plan.status(), r.request_id);
  store::GovernanceReportFilter f;
  f.unit_id = StrQuery(r, "unit");
  f.quarter = StrQuery(r, "quarter");
  f.kind = StrQuery(r, "kind");
  auto reports = service::ReportsInSight(*c.stores.governance, *plan, c.actor.principal, f);
  if (!reports.ok()) return ErrorResponse(reports.status(), r.request_id);
  auto today = Today(c);
  if (!today.ok()) return ErrorResponse(today.status(), r.request_id);
  Json items = Json::array();
  for (const auto& report : *reports) {
    auto json = service::ReportJson(c.governance_stores(), *plan, report, *today);
    if (!json.ok()) return ErrorResponse(json.status(), r.request_id);
    items.push_back(std::move(*json));
  }
  return Ok(Json{{"items", std::move(items)}});
}

ApiResponse Attach(const ApiRequest& r, RequestContext& c) {
  const auto id = ReportId(r);
  if (!id) return ErrorResponse(404, "not_found", "governance report: not found", r.request_id);
  const std::string_view type = r.Header("content-type");
  if (type.starts_with("application/json") || type.starts_with("text/")) {
    return ErrorResponse(415, "unsupported_media_type",
                         "the body must be the file itself (PDF, DOCX, XLSX, JPEG or PNG)", r.request_id);
  }
  auto a = service::AttachToReportAs(*c.stores.governance, c.actor, c.stores.auth->Now(), *id, StrQuery(r, "name"),
                                     r.body);
  if (!a.ok()) return ErrorResponse(a.status(), r.request_id);
  return JsonResponse(201, Text(Json{{"id", a->sm3}, {"name", a->name}, {"content_type", a->content_type},
                                     {"size", a->size}}));
}

ApiResponse Attachment(const ApiRequest& r, RequestContext& c) {
  const auto id = ReportId(r);
  if (!id) return ErrorResponse(404, "not_found", "governance report: not found", r.request_id);
  auto found = service::ReportInSight(*c.stores.governance, c.actor.principal, *id);
  if (!found.ok()) return ErrorResponse(found.status(), r.request_id);
  auto a = c.stores.governance->FindAttachment(*id, r.params.at("sm3"));
  if (!a.ok()) return ErrorResponse(a.status(), r.request_id);
  if (!*a) return ErrorResponse(404, "not_found", "attachment: not found", r.request_id);
  ApiResponse out;
  out.content_type = (*a)->content_type;
  out.body = std::move((*a)->bytes);
  // RFC 6266 / RFC 5987: the UTF-8 name percent-encoded.
  std::string encoded;
  for (unsigned char ch : (*a)->name) {
    if (std::isalnum(ch) != 0 || ch == '.' || ch == '-' || ch == '_') {
      encoded += static_cast<char>(ch);
    } else {
      encoded += fmt::format("%{:02X}", ch);
    }
  }
  out.headers.emplace_back("Content-Disposition", "attachment; filename*=UTF-8''" + encoded);
  out.headers.emplace_back("Cache-Control", "private, max-age=31536000, immutable");
  return out;
}

ApiResponse Comment(const ApiRequest& r, RequestContext& c) {
  const auto id = ReportId(r);
  if (!id) return ErrorResponse(404, "not_found", "governance report: not found", r.request_id);
  auto parsed = ParseBody(r, {"text"});
  if (auto* e = std::get_if<ApiResponse>(&parsed)) return std::move(*e);
  auto text = StringField(std::get<Json>(parsed), "text", r);
  if (auto* e = std::get_if<ApiResponse>(&text)) return std::move(*e);
  auto n = service::CommentOnReportAs(*c.stores.governance, c.actor, c.stores.auth->Now(), *id,
                                      std::move(std::get<std::string>(text)));
  if (!n.ok()) return ErrorResponse(n.status(), r.request_id);
  return JsonResponse(201, Text(service::NoteJson(*n)));
}

ApiResponse Remind(const Impl& impl, const ApiRequest& r, RequestContext& c) {
  auto plan = PlanOf(r, c);
  if (!plan.ok()) return ErrorResponse(plan.status(), r.request_id);
  auto parsed = ParseBody(r, {"unit", "kind", "quarter", "note"});
  if (auto* e = std::get_if<ApiResponse>(&parsed)) return std::move(*e);
  const Json& body = std::get<Json>(parsed);
  auto unit = StringField(body, "unit", r);
  if (auto* e = std::get_if<ApiResponse>(&unit)) return std::move(*e);
  auto kind_text = StringField(body, "kind", r);
  if (auto* e = std::get_if<ApiResponse>(&kind_text)) return std::move(*e);
  const auto kind = governance::ParseObligationKind(std::get<std::string>(kind_text));
  if (!kind) {
    return ErrorResponse(400, "bad_request", "kind: one of liaison, implementation_plan, quarterly_report, summary",
                         r.request_id);
  }
  auto quarter_text = StringField(body, "quarter", r, false);
  if (auto* e = std::get_if<ApiResponse>(&quarter_text)) return std::move(*e);
  std::optional<governance::Quarter> quarter;
  if (!std::get<std::string>(quarter_text).empty()) {
    auto q = governance::Quarter::Parse(std::get<std::string>(quarter_text));
    if (!q.ok()) return ErrorResponse(400, "bad_request", "quarter: a quarter like 2017Q3", r.request_id);
    quarter = *q;
  }
  auto note = StringField(body, "note", r, false);
  if (auto* e = std::get_if<ApiResponse>(&note)) return std::move(*e);
  auto n = service::RemindAs(*c.stores.governance, *plan, impl.calendar, c.actor, c.stores.auth->Now(),
                             std::get<std::string>(unit), *kind, quarter, std::move(std::get<std::string>(note)));
  if (!n.ok()) return ErrorResponse(n.status(), r.request_id);
  return JsonResponse(201, Text(service::NoteJson(*n)));
}

ApiResponse Reminders(const ApiRequest& r, RequestContext& c) {
  auto plan = PlanOf(r, c);
  if (!plan.ok()) return ErrorResponse(plan.status(), r.request_id);
  auto notes = service::RemindersInSight(*c.stores.governance, *plan, c.actor.principal, StrQuery(r, "unit"));
  if (!notes.ok()) return ErrorResponse(notes.status(), r.request_id);
  Json items = Json::array();
  for (const auto& n : *notes) items.push_back(service::NoteJson(n));
  return Ok(Json{{"items", std::move(items)}});
}

// The dashboard and the notice are the office's and the departments' (they see every unit).
bool SupervisesAll(const RequestContext& c) {
  return c.actor.principal.role == service::Role::kProvince || c.actor.principal.role == service::Role::kDepartment;
}

ApiResponse Dashboard(const Impl& impl, const ApiRequest& r, RequestContext& c) {
  auto plan = PlanOf(r, c);
  if (!plan.ok()) return ErrorResponse(plan.status(), r.request_id);
  if (!SupervisesAll(c)) {
    return ErrorResponse(403, "forbidden", "the dashboard is the province office's and the departments'", r.request_id);
  }
  auto as_of = DayOrToday(r, c, "as_of");
  if (!as_of.ok()) return ErrorResponse(as_of.status(), r.request_id);
  auto json = service::DashboardJson(c.governance_stores(), *plan, impl.calendar, *as_of);
  if (!json.ok()) return ErrorResponse(json.status(), r.request_id);
  return Ok(*json);
}

ApiResponse Notice(const Impl& impl, const ApiRequest& r, RequestContext& c) {
  auto plan = PlanOf(r, c);
  if (!plan.ok()) return ErrorResponse(plan.status(), r.request_id);
  if (!SupervisesAll(c)) {
    return ErrorResponse(403, "forbidden", "the situation notice is the province office's and the departments'",
                         r.request_id);
  }
  auto quarter = governance::Quarter::Parse(StrQuery(r, "quarter"));
  if (!quarter.ok()) return ErrorResponse(400, "bad_request", "quarter: a quarter like 2017Q3", r.request_id);
  std::string format = StrQuery(r, "format");
  if (format.empty()) format = "pdf";
  if (format != "pdf" && format != "xlsx") return ErrorResponse(400, "bad_request", "format: pdf or xlsx", r.request_id);
  auto today = Today(c);
  if (!today.ok()) return ErrorResponse(today.status(), r.request_id);
  auto as_of = DayQuery(r, "as_of", *today);
  if (!as_of.ok()) return ErrorResponse(as_of.status(), r.request_id);
  auto notice = service::SituationNoticeOf(c.governance_stores(), *plan, impl.calendar, *quarter, *as_of, *today);
  if (!notice.ok()) return ErrorResponse(notice.status(), r.request_id);
  auto bytes = format == "pdf" ? cards::RenderSituationNoticePdf(*notice) : cards::RenderSituationNoticeXlsx(*notice);
  if (!bytes.ok()) return ErrorResponse(bytes.status(), r.request_id);
  ApiResponse out;
  out.content_type = format == "pdf" ? std::string("application/pdf") : std::string(kXlsx);
  out.body = std::move(*bytes);
  out.headers.emplace_back("Content-Disposition",
                           fmt::format("attachment; filename=\"notice-{}.{}\"", quarter->str(), format));
  return out;
}

}  // namespace

void Platform::Impl::AddGovernanceRoutes() {
  const std::string json = "application/json";
  auto bind = [](ApiResponse (*handler)(const ApiRequest&, RequestContext&)) -> Handler { return handler; };
  auto with_impl = [this](ApiResponse (*handler)(const Impl&, const ApiRequest&, RequestContext&)) -> Handler {
    return [this, handler](const ApiRequest& r, RequestContext& c) { return handler(*this, r, c); };
  };
  Add(Method::kGet, "/api/v1/governance/plans", Access::kSession, "governance",
      "The governance plans loaded (粤府办〔2017〕11号 and any other)", {}, "", bind(&Plans));
  Add(Method::kPost, "/api/v1/governance/plans", Access::kSession, "governance",
      "Load a plan (the province office; validated against its units, default data/governance/units.json)", {}, json,
      [this](const ApiRequest& r, RequestContext& c) {
        return LoadPlan(r, c, default_governance_units);
      });
  Add(Method::kGet, "/api/v1/governance/plans/{id}", Access::kSession, "governance",
      "A plan: phases, reporting duties with each quarter's due date, groups, tasks with lead and co-units and "
      "milestones, units, and the caller's unit",
      {}, "", with_impl(&PlanById));
  Add(Method::kGet, "/api/v1/governance/plans/{id}/status", Access::kSession, "governance",
      "Every obligation the caller sees with its state as of a day (pending, on_time, late, missing) and counts "
      "by unit",
      {"as_of", "unit", "quarter", "state"}, "", with_impl(&StatusRoute));
  Add(Method::kGet, "/api/v1/governance/plans/{id}/mine", Access::kSession, "governance",
      "The caller's unit's obligations with their states and its tasks", {"as_of"}, "", with_impl(&Mine));
  Add(Method::kPost, "/api/v1/governance/plans/{id}/reports", Access::kSession, "governance",
      "File the caller's unit's report for an obligation (late when after the due date, for ever; audited)", {}, json,
      with_impl(&FileReport));
  Add(Method::kGet, "/api/v1/governance/plans/{id}/reports", Access::kSession, "governance",
      "The reports the caller sees, newest first", {"unit", "quarter", "kind"}, "", bind(&Reports));
  Add(Method::kGet, "/api/v1/governance/reports/{id}", Access::kSession, "governance",
      "A report with its attachments, comments and the platform's measures beside its tasks", {}, "",
      bind(&ReportById));
  Add(Method::kPut, "/api/v1/governance/reports/{id}", Access::kSession, "governance",
      "Amend a report (its unit; the body names the version it changes; filing day and state stay)", {}, json,
      bind(&AmendReport));
  Add(Method::kPost, "/api/v1/governance/reports/{id}/attachments", Access::kSession, "governance",
      "Attach a file (the body: PDF, DOCX, XLSX, JPEG or PNG up to 10 MiB; ?name= its name)", {"name"},
      "application/octet-stream", bind(&Attach));
  Add(Method::kGet, "/api/v1/governance/reports/{id}/attachments/{sm3}", Access::kSession, "governance",
      "An attachment (by the SM3 of its bytes)", {}, "", bind(&Attachment));
  Add(Method::kPost, "/api/v1/governance/reports/{id}/comments", Access::kSession, "governance",
      "Comment on a report (the province office; audited)", {}, json, bind(&Comment));
  Add(Method::kPost, "/api/v1/governance/plans/{id}/reminders", Access::kSession, "governance",
      "Remind a unit of an obligation not filed (催报; the province office; audited)", {}, json, with_impl(&Remind));
  Add(Method::kGet, "/api/v1/governance/plans/{id}/reminders", Access::kSession, "governance",
      "The reminders the caller sees", {"unit"}, "", bind(&Reminders));
  Add(Method::kGet, "/api/v1/governance/plans/{id}/dashboard", Access::kSession, "governance",
      "Completion by task, group, unit and milestone, the overdue list and the platform's measures", {"as_of"}, "",
      with_impl(&Dashboard));
  Add(Method::kGet, "/api/v1/governance/plans/{id}/notice", Access::kSession, "governance",
      "A quarter's situation notice (情况通报) as PDF or XLSX", {"quarter", "format", "as_of"}, "",
      with_impl(&Notice));
}

}  // namespace chemsafe::api
