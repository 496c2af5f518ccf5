// The risk points' routes (issue 7; plan tasks T4, T9): the grading tables, the points in scope, a point and its
// versions, saving with an optimistic version, the post risk notice card as PDF. The map layer is served with
// the other layers (platform.cc, Points).
#include <fmt/format.h>

#include "chemsafe/api/internal/platform_impl.h"

namespace chemsafe::api {

namespace {

ApiResponse RiskMethods(const Platform::Impl& impl, const ApiRequest&, RequestContext&) {
  const risk::RiskMethods& m = impl.risk_methods;
  auto scale = [](const std::vector<risk::LecScaleValue>& values) {
    Json out = Json::array();
    for (const auto& v : values) {
      out.push_back({{"value", v.value}, {"meaning_zh", v.meaning_zh}, {"meaning_en", v.meaning_en}, {"verified", v.verified}});
    }
    return out;
  };
  Json bands = Json::array();
  for (const auto& b : m.lec.bands) {
    bands.push_back({{"d_above", b.d_above}, {"danger_zh", b.danger_zh}, {"action_zh", b.action_zh},
                     {"grade", std::string(risk::RiskGradeCode(b.grade))}, {"band_verified", b.band_verified},
                     {"grade_verified", b.grade_verified}});
  }
  Json cells = Json::array();
  for (int l = 1; l <= m.matrix.levels_l; ++l) {
    Json row = Json::array();
    for (int s = 1; s <= m.matrix.levels_s; ++s) {
      row.push_back(std::string(risk::RiskGradeCode(m.matrix.cells[static_cast<std::size_t>((l - 1) * m.matrix.levels_s + (s - 1))])));
    }
    cells.push_back(std::move(row));
  }
  Json floors = Json::array();
  for (const auto& f : m.floors) {
    floors.push_back({{"id", f.id}, {"minimum", std::string(risk::RiskGradeCode(f.minimum))}, {"basis_zh", f.basis_zh},
                      {"verified", f.verified}, {"source", f.source}});
  }
  return Ok(Json{{"lec", {{"l", scale(m.lec.l)}, {"e", scale(m.lec.e)}, {"c", scale(m.lec.c)}, {"bands", std::move(bands)}}},
                 {"matrix", {{"levels_l", m.matrix.levels_l}, {"levels_s", m.matrix.levels_s}, {"cells", std::move(cells)}}},
                 {"floors", std::move(floors)}});
}

ApiResponse RiskPoints(const Platform::Impl&, const ApiRequest& r, RequestContext& c) {
  service::RiskPointQuery q;
  const std::string min_grade = StrQuery(r, "min_grade");
  if (!min_grade.empty()) {
    q.min_grade = risk::ParseRiskGrade(min_grade);
    if (!q.min_grade) {
      return ErrorResponse(400, "bad_request", "min_grade: one of low, general, larger, major", r.request_id);
    }
  }
  q.enterprise_uscc = StrQuery(r, "enterprise");
  auto page = IntQuery(r, "page", 1);
  auto size = IntQuery(r, "page_size", 100);
  if (!page.ok() || !size.ok() || *page < 1 || *size < 1 || *size > 1000) {
    return ErrorResponse(400, "bad_request", "page: from 1; page_size: 1 to 1000", r.request_id);
  }
  q.offset = (*page - 1) * *size;
  q.limit = *size;
  auto list = service::ListRiskPointsInScope(c.risk_stores(), c.actor.principal, q);
  if (!list.ok()) return ErrorResponse(list.status(), r.request_id);
  Json items = Json::array();
  for (const auto& p : *list) items.push_back(Json::parse(service::RiskPointJson(p).dump()));
  return Ok(Json{{"page", *page}, {"page_size", *size}, {"items", std::move(items)}});
}

ApiResponse RiskPointById(const Platform::Impl&, const ApiRequest& r, RequestContext& c) {
  auto id = IdParam(r, "id");
  if (!id) return ErrorResponse(404, "not_found", "no such risk point", r.request_id);
  std::optional<int> version;
  if (!StrQuery(r, "version").empty()) {
    auto v = IntQuery(r, "version", 0);
    if (!v.ok() || *v < 1) return ErrorResponse(400, "bad_request", "version: a whole number from 1", r.request_id);
    version = *v;
  }
  auto p = service::RiskPointInScope(c.risk_stores(), c.actor.principal, *id, version);
  if (!p.ok()) return ErrorResponse(p.status(), r.request_id);
  return JsonResponse(200, service::RiskPointJson(*p).dump());
}

ApiResponse SaveRiskPoint(const Platform::Impl& impl, const ApiRequest& r, RequestContext& c) {
  Json body = Json::parse(r.body, nullptr, false);
  if (body.is_discarded() || !body.is_object()) return ErrorResponse(400, "bad_request", "body: a JSON object", r.request_id);
  auto point = service::RiskPointFromJson(body);
  if (!point.ok()) return ErrorResponse(point.status(), r.request_id);
  if (r.method == Method::kPut) {
    auto id = IdParam(r, "id");
    if (!id) return ErrorResponse(404, "not_found", "no such risk point", r.request_id);
    if (point->version < 1) return ErrorResponse(400, "bad_request", "version: the version this change is made to", r.request_id);
    point->id = *id;
  } else {
    point->id = 0;
    point->version = 0;
  }
  auto saved = service::SaveRiskPointAs(c.risk_stores(), impl.risk_methods, c.actor, c.stores.auth->Now(), std::move(point).value());
  if (!saved.ok()) return ErrorResponse(saved.status(), r.request_id);
  return JsonResponse(r.method == Method::kPut ? 200 : 201, service::RiskPointJson(*saved).dump());
}

// The size (A4, A5) and version (?version=N) queries of a card; an error response when bad.
struct CardQuery {
  cards::PageSize size = cards::PageSize::kA4;
  std::string size_text = "A4";
  std::optional<int> version;
};
std::variant<CardQuery, ApiResponse> CardQueryOf(const ApiRequest& r) {
  CardQuery q;
  if (!StrQuery(r, "size").empty()) q.size_text = StrQuery(r, "size");
  if (q.size_text != "A4" && q.size_text != "A5") return ErrorResponse(400, "bad_request", "size: A4 or A5", r.request_id);
  q.size = q.size_text == "A5" ? cards::PageSize::kA5 : cards::PageSize::kA4;
  if (!StrQuery(r, "version").empty()) {
    auto v = IntQuery(r, "version", 0);
    if (!v.ok() || *v < 1) return ErrorResponse(400, "bad_request", "version: a whole number from 1", r.request_id);
    q.version = *v;
  }
  return q;
}

// The URL a card's QR code leads to: the record on the platform the card was printed from (behind a TLS
// proxy, the proxy's X-Forwarded-Proto says https).
// `target` is the page's path and query ("/risk?point=7"); a version is added to its query.
std::string RecordUrl(const ApiRequest& r, const std::string& target, const std::optional<int>& version) {
  const std::string_view proto = r.Header("x-forwarded-proto");
  const char* join = target.find('?') == std::string::npos ? "?" : "&";
  return fmt::format("{}://{}{}{}", proto == "https" ? "https" : "http", r.Header("host"), target,
                     version ? fmt::format("{}version={}", join, *version) : std::string());
}

ApiResponse PdfAnswer(const Result<std::string>& pdf, const std::string& filename, const ApiRequest& r) {
  if (!pdf.ok()) return ErrorResponse(pdf.status(), r.request_id);
  ApiResponse out;
  out.content_type = "application/pdf";
  out.body = *pdf;
  out.headers.emplace_back("Content-Disposition", fmt::format("inline; filename=\"{}\"", filename));
  return out;
}

ApiResponse RiskPointCard(const Platform::Impl& impl, const ApiRequest& r, RequestContext& c) {
  auto id = IdParam(r, "id");
  if (!id) return ErrorResponse(404, "not_found", "no such risk point", r.request_id);
  auto parsed = CardQueryOf(r);
  if (auto* e = std::get_if<ApiResponse>(&parsed)) return std::move(*e);
  const CardQuery& q = std::get<CardQuery>(parsed);
  auto card = service::PostRiskCardOf(c.risk_stores(), impl.catalogue, c.actor.principal, *id, q.version,
                                      RecordUrl(r, fmt::format("/risk?point={}", *id), q.version));
  if (!card.ok()) return ErrorResponse(card.status(), r.request_id);
  return PdfAnswer(cards::RenderPostRiskCard(*card, *impl.card_assets, q.size),
                   fmt::format("risk-point-{}-v{}-{}.pdf", *id, card->record.version, q.size_text), r);
}

ApiResponse EmergencyCard(const Platform::Impl& impl, const ApiRequest& r, RequestContext& c) {
  auto id = IdParam(r, "id");
  if (!id) return ErrorResponse(404, "not_found", "no such risk point", r.request_id);
  auto parsed = CardQueryOf(r);
  if (auto* e = std::get_if<ApiResponse>(&parsed)) return std::move(*e);
  const CardQuery& q = std::get<CardQuery>(parsed);
  auto card = service::EmergencyCardOf(c.risk_stores(), c.actor.principal, *id, q.version,
                                       RecordUrl(r, fmt::format("/risk?point={}", *id), q.version));
  if (!card.ok()) return ErrorResponse(card.status(), r.request_id);
  return PdfAnswer(cards::RenderEmergencyCard(*card, *impl.card_assets, q.size),
                   fmt::format("emergency-card-{}-v{}-{}.pdf", *id, card->record.version, q.size_text), r);
}

ApiResponse MhiNotice(const Platform::Impl& impl, const ApiRequest& r, RequestContext& c) {
  auto id = IdParam(r, "unit_id");
  if (!id) return ErrorResponse(404, "not_found", "no such unit", r.request_id);
  auto parsed = CardQueryOf(r);
  if (auto* e = std::get_if<ApiResponse>(&parsed)) return std::move(*e);
  const CardQuery& q = std::get<CardQuery>(parsed);
  auto notice = service::MhiNoticeOf(c.risk_stores(), impl.catalogue, c.actor.principal, *id, q.version,
                                     RecordUrl(r, fmt::format("/major-hazards/{}", *id), q.version));
  if (!notice.ok()) return ErrorResponse(notice.status(), r.request_id);
  return PdfAnswer(cards::RenderMhiNotice(*notice, *impl.card_assets, q.size),
                   fmt::format("mhi-notice-{}-v{}-{}.pdf", *id, notice->record.version, q.size_text), r);
}

}  // namespace

void Platform::Impl::AddRiskRoutes() {
  const std::string json = "application/json";
  // Risk points and their graded control (plan tasks T4, T9).
  Add(Method::kGet, "/api/v1/risk/methods", Access::kSession, "risk",
      "The grading tables: LEC scales and bands, the L × S matrix, the floor rules (data/risk, with sources)", {}, "",
      [this](const ApiRequest& r, RequestContext& c) { return RiskMethods(*this, r, c); });
  Add(Method::kGet, "/api/v1/risk/points", Access::kSession, "risk", "The risk points in the caller's scope, in id order",
      {"min_grade", "enterprise", "page", "page_size"}, "", [this](const ApiRequest& r, RequestContext& c) { return RiskPoints(*this, r, c); });
  CachedLast();
  Add(Method::kGet, "/api/v1/risk/points/{id}", Access::kSession, "risk",
      "A risk point (an earlier version with ?version=N)", {"version"}, "", [this](const ApiRequest& r, RequestContext& c) { return RiskPointById(*this, r, c); });
  Add(Method::kGet, "/api/v1/risk/points/{id}/card", Access::kSession, "risk",
      "The post risk notice card (岗位风险告知卡) of a risk point's post as PDF (?size=A4|A5, ?version=N)",
      {"size", "version"}, "", [this](const ApiRequest& r, RequestContext& c) { return RiskPointCard(*this, r, c); });
  Add(Method::kPost, "/api/v1/risk/points", Access::kSession, "risk",
      "Grade and store a new risk point (its enterprise's users, the province office; audited)", {}, json,
      [this](const ApiRequest& r, RequestContext& c) { return SaveRiskPoint(*this, r, c); });
  Add(Method::kPut, "/api/v1/risk/points/{id}", Access::kSession, "risk",
      "Change a risk point: the body names the version it changes (409 when another change came first)", {}, json,
      [this](const ApiRequest& r, RequestContext& c) { return SaveRiskPoint(*this, r, c); });
  Add(Method::kGet, "/api/v1/risk/points/{id}/emergency-card", Access::kSession, "risk",
      "The emergency response card (应急处置卡) of a risk point as PDF (?size=A4|A5, ?version=N)", {"size", "version"}, "",
      [this](const ApiRequest& r, RequestContext& c) { return EmergencyCard(*this, r, c); });
  Add(Method::kGet, "/api/v1/major-hazards/{unit_id}/notice", Access::kSession, "hazard",
      "The major hazard public notice (重大危险源公告) of a unit as PDF; ?version=N is its Nth assessment", {"size", "version"},
      "", [this](const ApiRequest& r, RequestContext& c) { return MhiNotice(*this, r, c); });
}

}  // namespace chemsafe::api
