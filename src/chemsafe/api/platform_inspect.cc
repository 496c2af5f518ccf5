// The routes of inspections and the hidden-hazard closed loop (issue 7; plan tasks T9, T25): the checklist
// of the 20 major-hidden-hazard criteria, inspections, findings and each step of their loop (report → plan →
// progress → rectified → acceptance by a second person → closure), photos, overdue findings with their
// escalation, statistics. Who may act and what is in scope is decided by service/inspect_service.h; the
// handlers only parse, call and encode. Actions are dated by the server's clock (Asia/Shanghai date).
#include <map>
#include <set>

#include <fmt/format.h>

#include "chemsafe/api/internal/platform_impl.h"
#include "chemsafe/core/calendar.h"
#include "chemsafe/service/inspect_plan.h"

namespace chemsafe::api {

namespace {

// The enterprise names of the findings or inspections listed, each read once per request, and whether
// each is on the blacklist today (flagged wherever an enterprise appears).
class EnterpriseNames {
 public:
  explicit EnterpriseNames(RequestContext& c) : registry_(*c.stores.registry) {
    auto listed = Blacklisted(c);
    if (listed.ok()) listed_ = std::move(listed).value();
  }
  bool Listed(const std::string& uscc) const { return listed_.contains(uscc); }
  std::string Of(const std::string& uscc) {
    auto [it, added] = names_.try_emplace(uscc);
    if (added) {
      auto e = registry_.FindEnterprise(uscc);
      if (e.ok() && e->has_value()) it->second = (*e)->name;
    }
    return it->second;
  }

 private:
  store::RegistryStore& registry_;
  std::map<std::string, std::string> names_;
  std::set<std::string> listed_;
};

Json FindingOut(const service::StoredFinding& f, EnterpriseNames& names) {
  Json j = Json::parse(service::FindingJson(f).dump());
  j["enterprise_name"] = names.Of(f.finding.report.enterprise_uscc);
  j["enterprise_blacklisted"] = names.Listed(f.finding.report.enterprise_uscc);
  j["kind_zh"] = std::string(inspect::InspectionKindLabelZh(f.kind));
  return j;
}

Json InspectionOut(const inspect::Inspection& in, EnterpriseNames& names) {
  Json j = Json::parse(service::InspectionJson(in).dump());
  j["enterprise_name"] = names.Of(in.enterprise_uscc);
  j["enterprise_blacklisted"] = names.Listed(in.enterprise_uscc);
  return j;
}

Json OverdueJson(const inspect::OverdueAssessment& o) {
  Json j{{"due", o.due ? Json(o.due->str()) : Json(nullptr)}, {"days_overdue", o.days_overdue}};
  j["reason"] = !o.reason ? Json(nullptr) : Json(*o.reason == inspect::OverdueReason::kNoPlan ? "no_plan" : "past_deadline");
  j["escalation"] = o.escalation ? Json(std::string(inspect::GovernmentLevelCode(*o.escalation))) : Json(nullptr);
  j["escalation_zh"] =
      o.escalation ? Json(std::string(inspect::GovernmentLevelLabelZh(*o.escalation))) : Json(nullptr);
  return j;
}

ApiResponse FindingAnswer(int status, const Result<service::StoredFinding>& f, RequestContext& c, const ApiRequest& r) {
  if (!f.ok()) return ErrorResponse(f.status(), r.request_id);
  EnterpriseNames names(c);
  return JsonResponse(status, Text(FindingOut(*f, names)));
}

ApiResponse Checklist(const Platform::Impl& impl, const ApiRequest&, RequestContext&) {
  const inspect::Checklist& list = impl.major_checklist;
  Json items = Json::array();
  for (const auto& i : list.items) {
    items.push_back({{"code", i.code}, {"text_zh", i.text_zh}, {"text_en", i.text_en}, {"basis", i.basis},
                     {"verified", i.verification == inspect::Verification::kVerified}, {"source", i.source}});
  }
  return Ok(Json{{"code", list.code}, {"name", list.name}, {"items", std::move(items)}});
}

ApiResponse Inspections(const ApiRequest& r, RequestContext& c) {
  auto list = service::ListInspectionsInScope(c.inspect_stores(), c.actor.principal, StrQuery(r, "enterprise"));
  if (!list.ok()) return ErrorResponse(list.status(), r.request_id);
  EnterpriseNames names(c);
  Json items = Json::array();
  // Newest first: an officer looks for the latest inspections.
  for (auto it = list->rbegin(); it != list->rend(); ++it) items.push_back(InspectionOut(*it, names));
  return Ok(Json{{"items", std::move(items)}});
}

ApiResponse InspectionById(const ApiRequest& r, RequestContext& c) {
  auto in = service::InspectionInScope(c.inspect_stores(), c.actor.principal, r.params.at("id"));
  if (!in.ok()) return ErrorResponse(in.status(), r.request_id);
  EnterpriseNames names(c);
  return Ok(InspectionOut(*in, names));
}

ApiResponse RecordInspection(const ApiRequest& r, RequestContext& c) {
  auto parsed = ObjectBody(r);
  if (auto* e = std::get_if<ApiResponse>(&parsed)) return std::move(*e);
  Json& body = std::get<Json>(parsed);
  body.erase("id");
  auto in = service::InspectionFromJson(body);
  if (!in.ok()) return ErrorResponse(in.status(), r.request_id);
  auto saved = service::RecordInspectionAs(c.inspect_stores(), c.actor, c.stores.auth->Now(), std::move(in).value());
  if (!saved.ok()) return ErrorResponse(saved.status(), r.request_id);
  EnterpriseNames names(c);
  return JsonResponse(201, Text(InspectionOut(*saved, names)));
}

ApiResponse Findings(const ApiRequest& r, RequestContext& c) {
  service::FindingQuery q;
  if (const std::string s = StrQuery(r, "state"); !s.empty()) {
    q.state = inspect::FindingStateFromCode(s);
    if (!q.state) return ErrorResponse(400, "bad_request", "state: one of reported, planned, rectified, closed", r.request_id);
  }
  if (const std::string g = StrQuery(r, "grade"); !g.empty()) {
    q.grade = inspect::HazardGradeFromCode(g);
    if (!q.grade) return ErrorResponse(400, "bad_request", "grade: general or major", r.request_id);
  }
  if (!StrQuery(r, "overdue_on").empty()) {
    auto on = DayOrToday(r, c, "overdue_on");
    if (!on.ok()) return ErrorResponse(on.status(), r.request_id);
    q.overdue_on = *on;
  }
  q.enterprise_uscc = StrQuery(r, "enterprise");
  auto page = IntQuery(r, "page", 1);
  auto size = IntQuery(r, "page_size", 50);
  if (!page.ok() || !size.ok() || *page < 1 || *size < 1 || *size > 500) {
    return ErrorResponse(400, "bad_request", "page: from 1; page_size: 1 to 500", r.request_id);
  }
  q.offset = (*page - 1) * *size;
  q.limit = *size + 1;  // one more tells whether a next page exists
  auto list = service::ListFindingsInScope(c.inspect_stores(), c.actor.principal, q);
  if (!list.ok()) return ErrorResponse(list.status(), r.request_id);
  const bool more = static_cast<int>(list->size()) > *size;
  if (more) list->pop_back();
  EnterpriseNames names(c);
  Json items = Json::array();
  for (const auto& f : *list) items.push_back(FindingOut(f, names));
  return Ok(Json{{"page", *page}, {"page_size", *size}, {"more", more}, {"items", std::move(items)}});
}

ApiResponse FindingById(const ApiRequest& r, RequestContext& c) {
  auto f = service::FindingInScope(c.inspect_stores(), c.actor.principal, r.params.at("id"));
  if (!f.ok()) return ErrorResponse(f.status(), r.request_id);
  auto today = Today(c);
  if (!today.ok()) return ErrorResponse(today.status(), r.request_id);
  EnterpriseNames names(c);
  Json j = FindingOut(*f, names);
  auto overdue = inspect::AssessOverdue(f->finding, *today);
  j["overdue"] = overdue.ok() ? OverdueJson(*overdue) : Json(nullptr);
  return Ok(j);
}

ApiResponse ReportFinding(const ApiRequest& r, RequestContext& c) {
  auto parsed = ObjectBody(r);
  if (auto* e = std::get_if<ApiResponse>(&parsed)) return std::move(*e);
  Json& body = std::get<Json>(parsed);
  // The date found defaults to today; who found it, the area and sector are the platform's to set.
  if (!body.contains("found_date")) {
    auto today = Today(c);
    if (!today.ok()) return ErrorResponse(today.status(), r.request_id);
    body["found_date"] = today->str();
  }
  for (const char* set_here : {"id", "found_by", "division_code", "sector"}) {
    if (body.contains(set_here)) {
      return ErrorResponse(400, "unknown_field", fmt::format("{}: set by the platform, not the client", set_here),
                           r.request_id);
    }
  }
  auto report = service::FindingReportFromJson(body);
  if (!report.ok()) return ErrorResponse(report.status(), r.request_id);
  return FindingAnswer(201, service::ReportFindingAs(c.inspect_stores(), c.actor, c.stores.auth->Now(), std::move(report).value()),
                       c, r);
}

ApiResponse SubmitPlan(const ApiRequest& r, RequestContext& c) {
  auto parsed = ObjectBody(r);
  if (auto* e = std::get_if<ApiResponse>(&parsed)) return std::move(*e);
  auto plan = service::PlanFromJson(std::get<Json>(parsed));
  if (!plan.ok()) return ErrorResponse(plan.status(), r.request_id);
  return FindingAnswer(
      200, service::SubmitPlanAs(c.inspect_stores(), c.actor, c.stores.auth->Now(), r.params.at("id"), std::move(plan).value()),
      c, r);
}

// A body {"<field>": text} with that field optional or required; the text, or an error response.
std::variant<std::string, ApiResponse> NoteBody(const ApiRequest& r, const char* field, bool required) {
  auto parsed = ParseBody(r, {field});
  if (auto* e = std::get_if<ApiResponse>(&parsed)) return std::move(*e);
  return StringField(std::get<Json>(parsed), field, r, required);
}

ApiResponse AddProgress(const ApiRequest& r, RequestContext& c) {
  auto text = NoteBody(r, "text", true);
  if (auto* e = std::get_if<ApiResponse>(&text)) return std::move(*e);
  return FindingAnswer(200,
                       service::AddProgressAs(c.inspect_stores(), c.actor, c.stores.auth->Now(), r.params.at("id"),
                                              std::move(std::get<std::string>(text))),
                       c, r);
}

ApiResponse ReportRectified(const ApiRequest& r, RequestContext& c) {
  auto note = NoteBody(r, "note", false);
  if (auto* e = std::get_if<ApiResponse>(&note)) return std::move(*e);
  return FindingAnswer(200,
                       service::ReportRectifiedAs(c.inspect_stores(), c.actor, c.stores.auth->Now(), r.params.at("id"),
                                                  std::move(std::get<std::string>(note))),
                       c, r);
}

ApiResponse Accept(const ApiRequest& r, RequestContext& c) {
  auto parsed = ParseBody(r, {"outcome", "note"});
  if (auto* e = std::get_if<ApiResponse>(&parsed)) return std::move(*e);
  const Json& body = std::get<Json>(parsed);
  auto outcome_text = StringField(body, "outcome", r);
  if (auto* e = std::get_if<ApiResponse>(&outcome_text)) return std::move(*e);
  auto outcome = inspect::AcceptanceOutcomeFromCode(std::get<std::string>(outcome_text));
  if (!outcome) return ErrorResponse(400, "bad_request", "outcome: passed or failed", r.request_id);
  auto note = StringField(body, "note", r, false);
  if (auto* e = std::get_if<ApiResponse>(&note)) return std::move(*e);
  return FindingAnswer(200,
                       service::AcceptAs(c.inspect_stores(), c.actor, c.stores.auth->Now(), r.params.at("id"), *outcome,
                                         std::move(std::get<std::string>(note))),
                       c, r);
}

ApiResponse CloseFinding(const ApiRequest& r, RequestContext& c) {
  if (!r.body.empty()) {
    auto parsed = ParseBody(r, {});
    if (auto* e = std::get_if<ApiResponse>(&parsed)) return std::move(*e);
  }
  return FindingAnswer(200, service::CloseAs(c.inspect_stores(), c.actor, c.stores.auth->Now(), r.params.at("id")), c, r);
}

ApiResponse AttachPhoto(const ApiRequest& r, RequestContext& c) {
  // The type is read from the bytes by the service; the header only has to say it is an image.
  const std::string_view type = r.Header("content-type");
  if (type.substr(0, 6) != "image/") {
    return ErrorResponse(415, "unsupported_media_type", "the body must be the photo (image/jpeg or image/png)", r.request_id);
  }
  return FindingAnswer(201,
                       service::AttachPhotoAs(c.inspect_stores(), c.actor, c.stores.auth->Now(), r.params.at("id"), r.body),
                       c, r);
}

ApiResponse Photo(const ApiRequest& r, RequestContext& c) {
  auto photo = service::FindingPhotoInScope(c.inspect_stores(), c.actor.principal, r.params.at("id"), r.params.at("photo"));
  if (!photo.ok()) return ErrorResponse(photo.status(), r.request_id);
  ApiResponse out;
  out.content_type = photo->content_type;
  out.body = std::move(photo->bytes);
  // A photo's id is the SM3 of its bytes: it never changes.
  out.headers.emplace_back("Cache-Control", "private, max-age=31536000, immutable");
  return out;
}

ApiResponse Overdue(const ApiRequest& r, RequestContext& c) {
  auto on = DayOrToday(r, c, "on");
  if (!on.ok()) return ErrorResponse(on.status(), r.request_id);
  auto list = service::OverdueInScope(c.inspect_stores(), c.actor.principal, *on);
  if (!list.ok()) return ErrorResponse(list.status(), r.request_id);
  EnterpriseNames names(c);
  Json items = Json::array();
  for (const auto& o : *list) {
    Json j = FindingOut(o.finding, names);
    j["overdue"] = OverdueJson(o.overdue);
    items.push_back(std::move(j));
  }
  return Ok(Json{{"on", on->str()}, {"items", std::move(items)}});
}

ApiResponse Statistics(const ApiRequest& r, RequestContext& c) {
  static const std::map<std::string, inspect::GroupBy> kBy = {{"division", inspect::GroupBy::kDivision},
                                                              {"city", inspect::GroupBy::kCity},
                                                              {"sector", inspect::GroupBy::kSector},
                                                              {"criterion", inspect::GroupBy::kCriterion},
                                                              {"month", inspect::GroupBy::kMonth}};
  const std::string by = StrQuery(r, "by").empty() ? "city" : StrQuery(r, "by");
  auto it = kBy.find(by);
  if (it == kBy.end()) {
    return ErrorResponse(400, "bad_request", "by: one of division, city, sector, criterion, month", r.request_id);
  }
  auto rows = service::FindingStatisticsInScope(c.inspect_stores(), c.actor.principal, it->second);
  if (!rows.ok()) return ErrorResponse(rows.status(), r.request_id);
  auto rate = [](const std::optional<double>& v) { return v ? Json(*v) : Json(nullptr); };
  Json out = Json::array();
  inspect::FindingCounts all;
  for (const auto& n : *rows) {
    out.push_back({{"key", n.key}, {"total", n.total}, {"reported", n.reported}, {"planned", n.planned},
                   {"rectified", n.rectified}, {"closed", n.closed}, {"general", n.general}, {"major", n.major},
                   {"closed_on_time", n.closed_on_time}, {"rectification_rate", rate(n.rectification_rate)},
                   {"on_time_rate", rate(n.on_time_rate)}});
    all.total += n.total;
    all.closed += n.closed;
    all.major += n.major;
    all.closed_on_time += n.closed_on_time;
  }
  Json total{{"total", all.total}, {"closed", all.closed}, {"major", all.major}, {"closed_on_time", all.closed_on_time},
             {"rectification_rate", all.total > 0 ? Json(static_cast<double>(all.closed) / all.total) : Json(nullptr)},
             {"on_time_rate", all.closed > 0 ? Json(static_cast<double>(all.closed_on_time) / all.closed) : Json(nullptr)}};
  return Ok(Json{{"by", by}, {"rows", std::move(out)}, {"all", std::move(total)}});
}

// The inspection plan of the caller's scope (differentiated frequency by risk grade and area, 分级分类监管):
// from and to default to this quarter, as_of to today.
ApiResponse Plan(const Platform::Impl& impl, const ApiRequest& r, RequestContext& c) {
  auto today = Today(c);
  if (!today.ok()) return ErrorResponse(today.status(), r.request_id);
  using namespace std::chrono;
  const year_month_day t = today->ymd;
  const unsigned first_month = (static_cast<unsigned>(t.month()) - 1) / 3 * 3 + 1;
  const Date quarter_from{t.year() / month(first_month) / 1};
  const Date quarter_to{year_month_day{t.year() / month(first_month + 2) / last}};
  inspect::PlanPeriod period;
  for (auto [name, into, fallback] : {std::tuple{"from", &period.from, quarter_from}, std::tuple{"to", &period.to, quarter_to},
                                      std::tuple{"as_of", &period.as_of, *today}}) {
    const std::string v = StrQuery(r, name);
    if (v.empty()) {
      *into = fallback;
      continue;
    }
    auto d = Date::Parse(v);
    if (!d.ok()) return ErrorResponse(400, "bad_request", fmt::format("{}: \"{}\" is not a date YYYY-MM-DD", name, v), r.request_id);
    *into = *d;
  }
  auto plan = service::InspectionPlanInScope({*c.stores.registry, *c.stores.inspect, *c.stores.risk, *c.stores.platform},
                                             c.actor.principal, impl.inspection_frequencies, period, StrQuery(r, "officer"));
  if (!plan.ok()) return ErrorResponse(plan.status(), r.request_id);
  return JsonResponse(200, Text(Json::parse(service::InspectionPlanJson(*plan).dump())));
}

}  // namespace

void Platform::Impl::AddInspectRoutes() {
  const std::string json = "application/json";
  auto bind = [](ApiResponse (*handler)(const ApiRequest&, RequestContext&)) -> Handler { return handler; };
  Add(Method::kGet, "/api/v1/inspect/checklist", Access::kSession, "inspect",
      "The 20 criteria of major hidden hazards (安监总管三〔2017〕121号; data/inspect, unverified items marked)", {}, "",
      [this](const ApiRequest& r, RequestContext& c) { return Checklist(*this, r, c); });
  Add(Method::kGet, "/api/v1/inspections", Access::kSession, "inspect", "Inspections in the caller's scope, newest first",
      {"enterprise"}, "", bind(&Inspections));
  Add(Method::kGet, "/api/v1/inspections/{id}", Access::kSession, "inspect", "One inspection", {}, "",
      bind(&InspectionById));
  Add(Method::kPost, "/api/v1/inspections", Access::kSession, "inspect",
      "Record an inspection (government officers; an enterprise its self-inspection; audited)", {}, json,
      bind(&RecordInspection));
  Add(Method::kGet, "/api/v1/findings", Access::kSession, "inspect",
      "Hidden-hazard findings in the caller's scope, in id order",
      {"state", "grade", "enterprise", "overdue_on", "page", "page_size"}, "", bind(&Findings));
  Add(Method::kGet, "/api/v1/findings/{id}", Access::kSession, "inspect",
      "One finding with its loop and whether it is overdue today", {}, "", bind(&FindingById));
  Add(Method::kPost, "/api/v1/findings", Access::kSession, "inspect",
      "Report a hidden hazard (隐患): as its inspection, or a government officer / the enterprise itself; audited", {},
      json, bind(&ReportFinding));
  Add(Method::kPost, "/api/v1/findings/{id}/plan", Access::kSession, "inspect",
      "Submit or revise the rectification plan (整改方案: measures, funds, responsible person, deadline)", {}, json,
      bind(&SubmitPlan));
  Add(Method::kPost, "/api/v1/findings/{id}/progress", Access::kSession, "inspect", "Add a progress note", {}, json,
      bind(&AddProgress));
  Add(Method::kPost, "/api/v1/findings/{id}/rectified", Access::kSession, "inspect",
      "Report the rectification done (the enterprise)", {}, json, bind(&ReportRectified));
  Add(Method::kPost, "/api/v1/findings/{id}/acceptance", Access::kSession, "inspect",
      "Accept or refuse the rectification (验收: a second person on the right side)", {}, json, bind(&Accept));
  Add(Method::kPost, "/api/v1/findings/{id}/close", Access::kSession, "inspect",
      "Close the finding (销号) after a passed acceptance", {}, "", bind(&CloseFinding));
  Add(Method::kPost, "/api/v1/findings/{id}/photos", Access::kSession, "inspect",
      "Attach a photo (the body: JPEG or PNG, up to 5 MiB)", {}, "image/jpeg", bind(&AttachPhoto));
  Add(Method::kGet, "/api/v1/findings/{id}/photos/{photo}", Access::kSession, "inspect",
      "A finding's photo (by its SM3 id)", {}, "", bind(&Photo));
  Add(Method::kGet, "/api/v1/inspect/plan", Access::kSession, "inspect",
      "Each officer's inspection plan for a period (default this quarter): every enterprise in scope, its highest "
      "risk grade, the interval for its area and grade (data/inspect/inspection_frequency.csv), due dates, overdue",
      {"from", "to", "as_of", "officer"}, "", [this](const ApiRequest& r, RequestContext& c) { return Plan(*this, r, c); });
  Add(Method::kGet, "/api/v1/inspect/overdue", Access::kSession, "inspect",
      "Findings overdue on a day (default today) with their escalation level, most overdue first", {"on"}, "",
      bind(&Overdue));
  Add(Method::kGet, "/api/v1/inspect/statistics", Access::kSession, "inspect",
      "Findings counted by division, city, sector, criterion or month, with rectification and on-time rates", {"by"},
      "", bind(&Statistics));
}

}  // namespace chemsafe::api
