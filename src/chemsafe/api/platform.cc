#include "chemsafe/api/platform.h"

#include "chemsafe/api/internal/platform_impl.h"
#include "chemsafe/inspect/checklist_file.h"
#include "chemsafe/reference/holidays.h"

namespace chemsafe::api {

std::string Text(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); }

ApiResponse Ok(const Json& j) { return JsonResponse(200, Text(j)); }

std::variant<Json, ApiResponse> ObjectBody(const ApiRequest& r) {
  Json body = Json::parse(r.body, nullptr, false);
  if (body.is_discarded() || !body.is_object()) {
    return ErrorResponse(400, "invalid_json", "the body must be a JSON object", r.request_id);
  }
  return body;
}

Result<Date> DayQuery(const ApiRequest& r, const std::string& name, Date fallback) {
  const std::string v = StrQuery(r, name);
  if (v.empty()) return fallback;
  auto d = Date::Parse(v);
  if (!d.ok()) return InvalidArgument(fmt::format("{}: \"{}\" is not a date YYYY-MM-DD", name, v));
  return d;
}

std::variant<Json, ApiResponse> ParseBody(const ApiRequest& r, std::initializer_list<std::string_view> fields) {
  Json j = Json::parse(r.body, nullptr, false);
  if (j.is_discarded()) return ErrorResponse(400, "invalid_json", "the body is not valid JSON", r.request_id);
  if (!j.is_object()) return ErrorResponse(400, "invalid_json", "the body must be a JSON object", r.request_id);
  for (const auto& [k, v] : j.items()) {
    if (std::find(fields.begin(), fields.end(), k) == fields.end()) {
      return ErrorResponse(400, "unknown_field", fmt::format("{}: unknown field", k), r.request_id);
    }
  }
  return j;
}

std::variant<std::string, ApiResponse> StringField(const Json& j, std::string_view name, const ApiRequest& r,
                                                   bool required) {
  auto it = j.find(std::string(name));
  if (it == j.end() || it->is_null()) {
    if (!required) return std::string();
    return ErrorResponse(400, "bad_request", fmt::format("{}: required", name), r.request_id);
  }
  if (!it->is_string()) return ErrorResponse(400, "bad_request", fmt::format("{}: must be a string", name), r.request_id);
  return it->get<std::string>();
}

std::optional<std::int64_t> IdParam(const ApiRequest& r, const std::string& name) {
  auto it = r.params.find(name);
  if (it == r.params.end()) return std::nullopt;
  std::int64_t v = 0;
  const auto [end, ec] = std::from_chars(it->second.data(), it->second.data() + it->second.size(), v);
  if (ec != std::errc() || end != it->second.data() + it->second.size() || v <= 0) return std::nullopt;
  return v;
}

Result<int> IntQuery(const ApiRequest& r, const std::string& name, int fallback) {
  auto it = r.query.find(name);
  if (it == r.query.end() || it->second.empty()) return fallback;
  int v = 0;
  const auto [end, ec] = std::from_chars(it->second.data(), it->second.data() + it->second.size(), v);
  if (ec != std::errc() || end != it->second.data() + it->second.size()) {
    return InvalidArgument(fmt::format("{}: \"{}\" is not a whole number", name, it->second));
  }
  return v;
}

std::string StrQuery(const ApiRequest& r, const std::string& name) {
  auto it = r.query.find(name);
  return it == r.query.end() ? std::string() : it->second;
}

Result<service::PageRequest> PageOf(const ApiRequest& r) {
  service::PageRequest p;
  CHEMSAFE_ASSIGN_OR_RETURN(p.page, IntQuery(r, "page", 1));
  CHEMSAFE_ASSIGN_OR_RETURN(p.page_size, IntQuery(r, "page_size", 20));
  CHEMSAFE_RETURN_IF_ERROR(service::CheckPage(p));
  return p;
}


Json LonLatJson(const std::optional<LonLat>& at) {
  if (!at) return nullptr;
  return Json::array({at->lon_deg, at->lat_deg});
}

Json OptJson(const std::optional<double>& v) { return v ? Json(*v) : Json(nullptr); }
Json OptJson(const std::optional<int>& v) { return v ? Json(*v) : Json(nullptr); }

Result<Date> Today(RequestContext& c) {
  auto t = ParseUtcText(c.stores.auth->Now());
  if (!t) return Internal("the clock's time is not UTC text");
  return ShanghaiDateOf(*t);
}

Result<Date> DayOrToday(const ApiRequest& r, RequestContext& c, const std::string& name) {
  CHEMSAFE_ASSIGN_OR_RETURN(Date today, Today(c));
  return DayQuery(r, name, today);
}

Result<std::set<std::string>> Blacklisted(RequestContext& c) {
  CHEMSAFE_ASSIGN_OR_RETURN(Date today, Today(c));
  return service::BlacklistedOn(*c.stores.credit, today);
}

namespace {

constexpr std::string_view kCookie = "chemsafe_session";

struct Named {
  int code;
  std::string_view key;
  std::string_view zh;
};
constexpr Named kSectors[] = {{1, "chemical", "化工"},      {2, "pharmaceutical", "医药"}, {3, "port", "港口码头"},
                              {4, "airport", "机场"},       {5, "logistics", "物流园区"},  {6, "town_gas", "城镇燃气"},
                              {7, "fuel_station", "加油加气站"}, {8, "other", "其他"}};
constexpr Named kActivities[] = {{1, "production", "生产"}, {2, "storage", "储存"}, {3, "use", "使用"},
                                 {4, "trade", "经营"},      {5, "transport", "运输"}, {6, "disposal", "废弃处置"}};
constexpr Named kStates[] = {{1, "solid", "固态"}, {2, "liquid", "液态"}, {3, "gas", "气态"}, {4, "liquefied_gas", "液化气体"}};
constexpr Named kPersonRoles[] = {{1, "principal", "主要负责人"}, {2, "technical", "技术负责人"}, {3, "operational", "操作负责人"}};

template <std::size_t N>
const Named* ByCode(const Named (&table)[N], int code) {
  for (const auto& n : table) {
    if (n.code == code) return &n;
  }
  return nullptr;
}
template <std::size_t N>
std::optional<int> CodeOfKey(const Named (&table)[N], std::string_view key) {
  for (const auto& n : table) {
    if (n.key == key) return n.code;
  }
  return std::nullopt;
}
template <std::size_t N>
std::string_view KeyOf(const Named (&table)[N], int code) {
  const Named* n = ByCode(table, code);
  return n != nullptr ? n->key : "unknown";
}
template <std::size_t N>
std::string_view ZhOf(const Named (&table)[N], int code) {
  const Named* n = ByCode(table, code);
  return n != nullptr ? n->zh : "未知";
}

Json UserJson(const service::Principal& p) {
  Json j{{"id", p.user_id}, {"username", p.username}, {"name", p.name}, {"role", std::string(service::RoleCode(p.role))},
         {"role_label", std::string(service::RoleLabelZh(p.role))}};
  if (!p.division_code.empty()) j["division_code"] = p.division_code;
  if (!p.department.empty()) j["department"] = p.department;
  if (!p.enterprise_uscc.empty()) j["enterprise_uscc"] = p.enterprise_uscc;
  return j;
}

std::string SessionCookie(std::string_view token, bool secure, bool clear) {
  return fmt::format("{}={}; Path=/; HttpOnly; SameSite=Strict{}{}", kCookie, clear ? "" : token,
                     secure ? "; Secure" : "", clear ? "; Max-Age=0" : "");
}

}  // namespace

Json Platform::Impl::EnterpriseJson(const registry::Enterprise& e) const {
  Json activities = Json::array(), labels = Json::array();
  for (auto a : e.activities) {
    activities.push_back(std::string(KeyOf(kActivities, static_cast<int>(a))));
    labels.push_back(std::string(ZhOf(kActivities, static_cast<int>(a))));
  }
  return Json{{"id", e.id},
              {"uscc", e.uscc},
              {"name", e.name},
              {"division_code", e.division_code},
              {"division_name", divisions.FullName(e.division_code)},
              {"sector", std::string(KeyOf(kSectors, static_cast<int>(e.sector)))},
              {"sector_label", std::string(ZhOf(kSectors, static_cast<int>(e.sector)))},
              {"activities", std::move(activities)},
              {"activity_labels", std::move(labels)},
              {"synthetic", e.provenance == registry::Provenance::kSynthetic}};
}

Result<WorkerStores*> Platform::Impl::Worker(std::size_t index) {
  WorkerStores* w = nullptr;
  {
    std::lock_guard lock(open_mu);
    if (index >= workers.size()) workers.resize(index + 1);
    if (!workers[index]) workers[index] = std::make_unique<WorkerStores>();
    w = workers[index].get();
  }
  if (!w->registry) {
    const bool pg = !options.pg_url.empty();
    auto r = pg ? store::OpenPostgres(options.pg_url) : store::OpenSqlite(options.db_path);
    if (!r.ok()) return r.status();
    auto h = pg ? store::OpenPostgresHazardStore(options.pg_url) : store::OpenSqliteHazardStore(options.db_path);
    if (!h.ok()) return h.status();
    auto p = pg ? store::OpenPostgresPlatformStore(options.pg_url) : store::OpenSqlitePlatformStore(options.db_path);
    if (!p.ok()) return p.status();
    auto q = pg ? store::OpenPostgresQraStore(options.pg_url) : store::OpenSqliteQraStore(options.db_path);
    if (!q.ok()) return q.status();
    w->qra = std::move(q).value();
    auto t = pg ? store::OpenPostgresTraceStore(options.pg_url) : store::OpenSqliteTraceStore(options.db_path);
    if (!t.ok()) return t.status();
    w->trace = std::move(t).value();
    auto k = pg ? store::OpenPostgresRiskStore(options.pg_url) : store::OpenSqliteRiskStore(options.db_path);
    if (!k.ok()) return k.status();
    w->risk = std::move(k).value();
    auto i = pg ? store::OpenPostgresInspectStore(options.pg_url) : store::OpenSqliteInspectStore(options.db_path);
    if (!i.ok()) return i.status();
    w->inspect = std::move(i).value();
    auto cr = pg ? store::OpenPostgresCreditStore(options.pg_url) : store::OpenSqliteCreditStore(options.db_path);
    if (!cr.ok()) return cr.status();
    w->credit = std::move(cr).value();
    auto gv = pg ? store::OpenPostgresGovernanceStore(options.pg_url) : store::OpenSqliteGovernanceStore(options.db_path);
    if (!gv.ok()) return gv.status();
    w->governance = std::move(gv).value();
    w->hazards = std::move(h).value();
    w->platform = std::move(p).value();
    w->auth = std::make_unique<service::AuthService>(*w->platform, options.auth);
    w->registry = std::move(r).value();
  }
  return w;
}

Platform::Platform(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Platform::~Platform() = default;
const Router& Platform::router() const { return impl_->router; }

Result<std::unique_ptr<Platform>> Platform::Open(const PlatformOptions& options) {
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  CHEMSAFE_ASSIGN_OR_RETURN(impl->divisions, reference::LoadDivisionTable(options.data_dir));
  CHEMSAFE_ASSIGN_OR_RETURN(impl->catalogue, reference::LoadCatalogue(options.data_dir));
  CHEMSAFE_ASSIGN_OR_RETURN(impl->key_processes, service::LoadKeyProcessNames(options.data_dir));
  CHEMSAFE_ASSIGN_OR_RETURN(impl->risk_methods, reference::LoadRiskMethods(options.data_dir));
  CHEMSAFE_ASSIGN_OR_RETURN(impl->card_assets, cards::CardAssets::Load(options.data_dir));
  CHEMSAFE_ASSIGN_OR_RETURN(impl->major_checklist, inspect::LoadMajorHiddenHazardCriteria(options.data_dir));
  CHEMSAFE_ASSIGN_OR_RETURN(impl->inspection_frequencies,
                            inspect::LoadInspectionFrequencies(options.data_dir + "/" + std::string(inspect::kInspectionFrequencyFile)));
  CHEMSAFE_ASSIGN_OR_RETURN(impl->calendar, reference::LoadWorkingCalendar(options.data_dir));
  {
    const std::string units_path = options.data_dir + "/governance/units.json";
    std::ifstream units(units_path, std::ios::binary);
    if (!units) return NotFound(units_path + ": cannot open");
    impl->default_governance_units.assign(std::istreambuf_iterator<char>(units), std::istreambuf_iterator<char>());
  }
  auto geojson = [](const std::vector<reference::AreaBoundary>& areas) {
    Json features = Json::array();
    for (const auto& a : areas) {
      Json polys = Json::array();
      for (const auto& poly : a.area_wgs84.polygons) {
        Json rings = Json::array();
        for (const auto& ring : poly.rings) {
          Json pts = Json::array();
          // 5 decimals of a degree are about 1 m: finer than the generalised boundaries themselves.
          auto round5 = [](double v) { return std::round(v * 1e5) / 1e5; };
          for (const auto& p : ring) pts.push_back(Json::array({round5(p.lon_deg), round5(p.lat_deg)}));
          rings.push_back(std::move(pts));
        }
        polys.push_back(std::move(rings));
      }
      features.push_back({{"type", "Feature"},
                          {"properties", {{"code", a.adcode.substr(0, a.level == 2 ? 4 : 6)}, {"name", a.name}}},
                          {"geometry", {{"type", "MultiPolygon"}, {"coordinates", std::move(polys)}}}});
    }
    return Text(Json{{"type", "FeatureCollection"}, {"features", std::move(features)}});
  };
  CHEMSAFE_ASSIGN_OR_RETURN(auto cities, reference::LoadGuangdongCities(options.data_dir));
  CHEMSAFE_ASSIGN_OR_RETURN(auto counties, reference::LoadGuangdongCounties(options.data_dir));
  impl->boundaries_city = geojson(cities);
  impl->boundaries_county = geojson(counties);
  impl->boundaries_city_gz = Gzip(impl->boundaries_city);
  impl->boundaries_county_gz = Gzip(impl->boundaries_county);
  impl->AddRoutes();
  impl->openapi = OpenApiJson(impl->router, OpenApiInfo{"chemsafe API", options.version,
                                                        "危险化学品安全综合治理平台 — hazardous chemicals safety governance"});
  auto platform = std::unique_ptr<Platform>(new Platform(std::move(impl)));
  // The first connection runs the migrations before the workers open theirs.
  CHEMSAFE_RETURN_IF_ERROR(platform->impl_->Worker(0).status());
  return platform;
}

Result<std::optional<std::string>> Platform::SetupToken() {
  CHEMSAFE_ASSIGN_OR_RETURN(WorkerStores * w, impl_->Worker(0));
  return w->auth->NewSetupToken();
}

namespace {

// Error messages in Chinese for a client whose first language is Chinese (Accept-Language: zh…), by the
// stable error code; the English detail (a field name, an id) stays beside it where there is one.
void Localize(ApiResponse& out, const ApiRequest& r) {
  if (out.status < 400 || r.Header("accept-language").substr(0, 2) != "zh") return;
  Json body = Json::parse(out.body, nullptr, false);
  if (body.is_discarded() || !body.contains("error")) return;
  Json& e = body["error"];
  const std::string code = e.value("code", "");
  const std::string message = e.value("message", "");
  static const std::map<std::string, std::string> kFixed = {
      {"invalid_credentials", "用户名或密码错误"},
      {"unauthenticated", "请先登录（或会话已结束，请重新登录）"},
      {"csrf", "缺少或错误的 X-CSRF-Token 请求头"},
      {"invalid_json", "请求体不是有效的 JSON 对象"},
      {"unsupported_media_type", "请求体的类型不受支持"},
      {"method_not_allowed", "此路径不支持该请求方法"},
      {"overloaded", "服务繁忙或数据库不可用，请稍后重试"},
      {"internal", "内部错误；请将请求编号告知运维人员"},
  };
  static const std::map<std::string, std::string> kFramed = {
      {"account_locked", "账户已锁定（连续登录失败过多）"}, {"bad_request", "请求有误"},
      {"unknown_field", "未知字段"},                        {"not_found", "未找到"},
      {"forbidden", "无权操作"},                            {"conflict", "与现有数据冲突"},
      {"invalid_rows", "导入被拒绝，未写入任何数据"},      {"payload_too_large", "请求体过大"},
  };
  if (auto it = kFixed.find(code); it != kFixed.end()) {
    e["message"] = it->second;
  } else if (auto f = kFramed.find(code); f != kFramed.end()) {
    e["message"] = f->second + "：" + message;
  } else {
    return;
  }
  out.body = Text(body);
}

}  // namespace

ApiResponse Platform::Handle(ApiRequest& request, std::size_t slot) {
  std::optional<ApiResponse> out = impl_->Dispatch(request, slot, false);
  Localize(*out, request);
  return std::move(*out);
}

std::optional<ApiResponse> Platform::TryQuick(ApiRequest& request, std::size_t slot) {
  std::optional<ApiResponse> out = impl_->Dispatch(request, slot, true);
  if (out) Localize(*out, request);
  return out;
}

std::optional<ApiResponse> Platform::Impl::Dispatch(ApiRequest& r, std::size_t slot, bool quick) {
  auto match = router.Find(r.method, r.path);
  if (quick && (match.route == nullptr || !match.route->quick)) return std::nullopt;
  if (match.route == nullptr) {
    if (match.other_method) return ErrorResponse(405, "method_not_allowed", "this path takes another method", r.request_id);
    return ErrorResponse(404, "not_found", "no such API route: " + r.path, r.request_id);
  }
  r.params = std::move(match.params);
  const Route& route = *match.route;
  auto w = Worker(slot);
  if (!w.ok()) {
    spdlog::error("request {}: {}", r.request_id, w.status().ToString());
    return ErrorResponse(503, "overloaded", "the database is not reachable", r.request_id);
  }
  RequestContext c{**w, std::nullopt, {}, {}};
  c.actor.client = r.client;
  c.actor.request_id = r.request_id;
  if (route.access == Access::kSession) {
    // The generations first: what is found after them is kept under them (a change in between leaves
    // it under the older numbers, so it is not used again).
    auto generations = c.stores.registry->CurrentGenerations();
    if (!generations.ok()) return ErrorResponse(generations.status(), r.request_id);
    c.generations = *generations;
    // A quick request checks its session without writing; one that needs a write goes to a worker.
    auto session = c.stores.auth->AuthenticateKnown(r.Cookie(kCookie), c.generations, sessions, !quick);
    if (!session.ok()) {
      if (session.status().code() != StatusCode::kUnauthenticated) return ErrorResponse(session.status(), r.request_id);
      return ErrorResponse(401, "unauthenticated", "log in first (or again: the session ended)", r.request_id);
    }
    if (!session->has_value()) {
      if (quick) return std::nullopt;
      return ErrorResponse(Internal("a session check that may write deferred to one that writes"), r.request_id);
    }
    c.actor.principal = (*session)->principal;
    c.session = std::move(**session);
    const bool changes = r.method != Method::kGet && r.method != Method::kHead;
    if (changes && !auth::ConstantTimeEquals(r.Header("x-csrf-token"), c.session->csrf_token)) {
      return ErrorResponse(403, "csrf", "missing or wrong X-CSRF-Token header", r.request_id);
    }
  }
  if (route.request_body == "application/json") {
    const std::string_view type = r.Header("content-type");
    if (type.substr(0, 16) != "application/json") {
      return ErrorResponse(415, "unsupported_media_type", "the body must be application/json", r.request_id);
    }
  }
  if (!route.cached) return route.handler(r, c);
  // Its answer depends on the path, the caller's scope and the data alone: computed once per change.
  const std::string key = AnswerKey(r, c.actor.principal);
  if (auto known = answers.Find(key, c.generations.data)) {
    ApiResponse out;
    SetBody(out, r, *known->body, known->gzipped ? *known->gzipped : std::string());
    return out;
  }
  ApiResponse out = route.handler(r, c);
  if (out.status == 200) {
    // A large answer (a map layer's GeoJSON) is kept gzipped too, and sent so to a client that takes it.
    auto body = std::make_shared<const std::string>(std::move(out.body));
    std::shared_ptr<const std::string> gzipped;
    if (body->size() > kGzipAnswersFrom) gzipped = std::make_shared<const std::string>(Gzip(*body, 1));
    answers.Put(key, AnswerCache::Entry{c.generations.data, body, gzipped});
    SetBody(out, r, *body, gzipped ? *gzipped : std::string());
  }
  return out;
}

namespace {
constexpr std::string_view kXlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
}  // namespace

void Platform::Impl::Add(Method m, std::string pattern, Access access, std::string tag, std::string summary,
                         std::vector<std::string> query, std::string body, Handler handler) {
  Route r;
  r.method = m;
  r.pattern = std::move(pattern);
  r.access = access;
  r.tag = std::move(tag);
  r.summary = std::move(summary);
  r.query = std::move(query);
  r.request_body = std::move(body);
  r.handler = std::move(handler);
  router.Add(std::move(r));
}

void Platform::Impl::CachedLast() { const_cast<Route&>(router.routes().back()).cached = true; }

void Platform::Impl::QuickLast(bool cached) {
  auto& route = const_cast<Route&>(router.routes().back());
  route.quick = true;
  route.cached = cached;
}

void Platform::Impl::AddRoutes() {
  auto router_last_response_type = [&](std::string type) {
    const_cast<Route&>(router.routes().back()).response_type = std::move(type);
  };
  auto cached_last = [&]() { CachedLast(); };
  auto quick_last = [&](bool cached) { QuickLast(cached); };
  auto add = [&](Method m, std::string pattern, Access access, std::string tag, std::string summary,
                 std::vector<std::string> query, std::string body,
                 ApiResponse (Impl::*handler)(const ApiRequest&, RequestContext&)) {
    Add(m, std::move(pattern), access, std::move(tag), std::move(summary), std::move(query), std::move(body),
        [this, handler](const ApiRequest& req, RequestContext& c) { return (this->*handler)(req, c); });
  };
  const std::string json = "application/json";
  Route health;
  health.method = Method::kGet;
  health.pattern = "/api/v1/health";
  health.access = Access::kPublic;
  health.tag = "operations";
  health.summary = "Liveness";
  health.quick = true;
  health.handler = [](const ApiRequest&, RequestContext&) { return JsonResponse(200, R"({"status":"ok"})"); };
  router.Add(std::move(health));
  Route ready = router.routes().back();
  ready.pattern = "/api/v1/ready";
  ready.summary = "Readiness: the database answers";
  ready.quick = true;
  ready.handler = [](const ApiRequest& r, RequestContext& c) {
    auto v = c.stores.registry->SchemaVersion();
    if (!v.ok()) return ErrorResponse(503, "overloaded", "the database does not answer", r.request_id);
    return JsonResponse(200, R"({"status":"ready"})");
  };
  router.Add(std::move(ready));
  Route openapi_route = router.routes().back();
  openapi_route.pattern = "/api/v1/openapi.json";
  openapi_route.summary = "This description (OpenAPI 3)";
  openapi_route.handler = [this](const ApiRequest&, RequestContext&) { return JsonResponse(200, openapi); };
  router.Add(std::move(openapi_route));

  add(Method::kPost, "/api/v1/auth/login", Access::kPublic, "auth", "Log in (sets the session cookie)", {}, json, &Impl::Login);
  add(Method::kPost, "/api/v1/auth/logout", Access::kSession, "auth", "Log out", {}, "", &Impl::Logout);
  add(Method::kGet, "/api/v1/auth/me", Access::kSession, "auth", "Who is logged in, and the CSRF token", {}, "", &Impl::Me);
  quick_last(false);
  add(Method::kPost, "/api/v1/setup", Access::kPublic, "auth", "Create the first administrator with the setup token", {},
      json, &Impl::Setup);
  add(Method::kGet, "/api/v1/dashboard", Access::kSession, "registry", "Counts for the caller's scope", {}, "",
      &Impl::DashboardRoute);
  add(Method::kGet, "/api/v1/enterprises", Access::kSession, "registry", "Enterprises in scope",
      {"q", "division", "sector", "activity", "grade", "sort", "page", "page_size"}, "", &Impl::Enterprises);
  add(Method::kGet, "/api/v1/enterprises/export.xlsx", Access::kSession, "registry",
      "The filtered enterprise table as an XLSX workbook", {"q", "division", "sector", "activity", "grade", "sort"}, "",
      &Impl::ExportEnterprises);
  router_last_response_type(std::string(kXlsxType));
  add(Method::kGet, "/api/v1/enterprises/{id}", Access::kSession, "registry", "One enterprise with its units", {}, "",
      &Impl::EnterpriseById);
  quick_last(true);
  add(Method::kPatch, "/api/v1/enterprises/{id}", Access::kSession, "registry",
      "Correct an enterprise's record (its own for an enterprise user); audited and shown to its supervisors", {},
      json, &Impl::PatchEnterprise);
  add(Method::kGet, "/api/v1/changes", Access::kSession, "registry",
      "Changes made to enterprise records in the caller's scope, newest first", {"page", "page_size"}, "",
      &Impl::Changes);
  add(Method::kGet, "/api/v1/units/{id}", Access::kSession, "registry", "One unit with its holdings and assessment", {},
      "", &Impl::UnitById);
  quick_last(true);
  add(Method::kGet, "/api/v1/protected-targets", Access::kSession, "registry", "Protected targets in scope",
      {"division", "kind", "page", "page_size"}, "", &Impl::Targets);
  add(Method::kGet, "/api/v1/protected-targets/{id}", Access::kSession, "registry", "One protected target", {}, "",
      &Impl::TargetById);
  quick_last(true);
  add(Method::kGet, "/api/v1/major-hazards", Access::kSession, "hazard",
      "Major hazard installations (GB 18218-2018) in scope, most severe first", {"grade", "division", "page", "page_size"},
      "", &Impl::MajorHazards);
  add(Method::kGet, "/api/v1/major-hazards/{unit_id}", Access::kSession, "hazard",
      "A unit's assessment with its contributions and history", {}, "", &Impl::MajorHazardById);
  quick_last(true);
  add(Method::kGet, "/api/v1/map/boundaries", Access::kSession, "map", "City or county boundaries (GeoJSON, WGS-84)",
      {"level"}, "", &Impl::Boundaries);
  add(Method::kGet, "/api/v1/map/points", Access::kSession, "map", "Points of a map layer in scope",
      {"layer", "division", "sector", "grade", "near", "radius_m"}, "", &Impl::Points);
  add(Method::kPost, "/api/v1/imports/{kind}", Access::kSession, "registry",
      "Import a CSV or XLSX file of enterprises, units, holdings or protected targets (all or nothing)", {},
      "text/csv", &Impl::Import);
  add(Method::kGet, "/api/v1/templates/{kind}", Access::kSession, "registry",
      "The XLSX import template of a kind (\"holdings.xlsx\") with its explanation sheet", {}, "", &Impl::Template);
  router_last_response_type(std::string(kXlsxType));
  add(Method::kGet, "/api/v1/audit", Access::kSession, "audit", "The audit trail (auditors only)",
      {"since", "user", "action", "page", "page_size"}, "", &Impl::Audit);
  // The stored runs of the province-wide QRA (plan task T7; `chemsafe qra province` makes them).
  add(Method::kGet, "/api/v1/qra/runs", Access::kSession, "qra", "Stored QRA runs, newest first",
      {"page", "page_size"}, "", &Impl::QraRuns);
  cached_last();
  add(Method::kGet, "/api/v1/qra/relocation-list", Access::kSession, "qra",
      "The relocation list (close / relocate / convert / measures) of a run in the caller's scope, in rank order",
      {"run", "division", "action", "all", "page", "page_size"}, "", &Impl::RelocationList);
  cached_last();
  add(Method::kGet, "/api/v1/enterprises/{id}/qra", Access::kSession, "qra",
      "An enterprise's QRA result of the latest run, and its history across runs", {}, "", &Impl::EnterpriseQra);
  cached_last();
  add(Method::kGet, "/api/v1/qra/contours", Access::kSession, "qra",
      "Individual-risk contours of a run (GeoJSON, WGS-84) around the caller's installations", {"run"}, "",
      &Impl::QraContours);
  cached_last();
  add(Method::kGet, "/api/v1/qra/exceedances", Access::kSession, "qra",
      "Protected targets over their GB 36894 limit in a run (GeoJSON points, WGS-84)", {"run"}, "",
      &Impl::QraExceedances);
  cached_last();
  // Traceability of 剧毒 and 易制爆 chemicals (plan tasks T3, T35): EPCIS 2.0 events and the closed loop.
  add(Method::kGet, "/api/v1/trace/events", Access::kSession, "trace",
      "EPCIS 2.0 simple event query over the events in scope (EPCISQueryDocument)",
      {"eventType", "GE_eventTime", "LT_eventTime", "EQ_bizStep", "EQ_bizLocation", "MATCH_epc", "MATCH_anyEPC",
       "MATCH_epcClass", "perPage", "nextPageToken"},
      "", &Impl::TraceEvents);
  add(Method::kPost, "/api/v1/trace/events", Access::kSession, "trace",
      "Capture an EPCIS 2.0 document (all or nothing; an enterprise its own events)", {}, json, &Impl::CaptureTrace);
  add(Method::kGet, "/api/v1/trace/lineage", Access::kSession, "trace",
      "Upstream and downstream of an identifier through aggregation and transformation", {"id"}, "",
      &Impl::TraceLineage);
  cached_last();
  add(Method::kGet, "/api/v1/trace/closed-loop", Access::kSession, "trace",
      "Mass balance, anomalies and the 5-day flow filing of a period in scope", {"from", "to"}, "", &Impl::ClosedLoop);
  // Not kept: whether a shipment is overdue depends on the time of asking, not only on the data.
  add(Method::kPatch, "/api/v1/trace/work-items/{key}", Access::kSession, "trace",
      "Acknowledge or close an anomaly of the closed loop, with a note (audited)", {}, json, &Impl::PatchWorkItem);
  AddRiskRoutes();
  AddInspectRoutes();
  AddCreditRoutes();
  AddGovernanceRoutes();
}

ApiResponse Platform::Impl::Login(const ApiRequest& r, RequestContext& c) {
  auto parsed = ParseBody(r, {"username", "password"});
  if (auto* e = std::get_if<ApiResponse>(&parsed)) return *e;
  const Json& j = std::get<Json>(parsed);
  auto user = StringField(j, "username", r);
  if (auto* e = std::get_if<ApiResponse>(&user)) return *e;
  auto password = StringField(j, "password", r);
  if (auto* e = std::get_if<ApiResponse>(&password)) return *e;
  auto login = c.stores.auth->Login(std::get<std::string>(user), std::get<std::string>(password), r.client, r.request_id);
  if (!login.ok()) {
    if (login.status().code() == StatusCode::kUnauthenticated) {
      return ErrorResponse(401, "invalid_credentials", "wrong user name or password", r.request_id);
    }
    if (login.status().code() == StatusCode::kPermissionDenied) {
      return ErrorResponse(403, "account_locked", login.status().message(), r.request_id);
    }
    return ErrorResponse(login.status(), r.request_id);
  }
  ApiResponse out = Ok(Json{{"user", UserJson(login->principal)}, {"csrf_token", login->csrf_token}});
  out.headers.emplace_back("Set-Cookie", SessionCookie(login->token, options.secure_cookies, false));
  out.headers.emplace_back("Cache-Control", "no-store");
  return out;
}

ApiResponse Platform::Impl::Logout(const ApiRequest& r, RequestContext& c) {
  if (auto s = c.stores.auth->Logout(*c.session, c.actor); !s.ok()) return ErrorResponse(s, r.request_id);
  ApiResponse out;
  out.status = 204;
  out.headers.emplace_back("Set-Cookie", SessionCookie("", options.secure_cookies, true));
  return out;
}

ApiResponse Platform::Impl::Me(const ApiRequest&, RequestContext& c) {
  ApiResponse out = Ok(Json{{"user", UserJson(c.session->principal)}, {"csrf_token", c.session->csrf_token}});
  out.headers.emplace_back("Cache-Control", "no-store");
  return out;
}

ApiResponse Platform::Impl::Setup(const ApiRequest& r, RequestContext& c) {
  auto parsed = ParseBody(r, {"setup_token", "username", "name", "password"});
  if (auto* e = std::get_if<ApiResponse>(&parsed)) return *e;
  const Json& j = std::get<Json>(parsed);
  std::string fields[4];
  const char* names[4] = {"setup_token", "username", "name", "password"};
  for (int i = 0; i < 4; ++i) {
    auto v = StringField(j, names[i], r);
    if (auto* e = std::get_if<ApiResponse>(&v)) return *e;
    fields[i] = std::get<std::string>(v);
  }
  service::NewUser admin{fields[1], fields[2], service::Role::kAdmin, "", "", ""};
  auto made = c.stores.auth->SetUp(fields[0], admin, fields[3], r.client, r.request_id);
  if (!made.ok()) return ErrorResponse(made.status(), r.request_id);
  return JsonResponse(201, Text(Json{{"username", made->username}, {"role", "admin"}}));
}

ApiResponse Platform::Impl::DashboardRoute(const ApiRequest& r, RequestContext& c) {
  auto d = service::BuildDashboard(c.views(), c.actor.principal, divisions);
  if (!d.ok()) return ErrorResponse(d.status(), r.request_id);
  Json by_activity = Json::array(), by_sector = Json::array(), by_city = Json::array(), recent = Json::array();
  for (const auto& [a, n] : d->by_activity) {
    by_activity.push_back({{"key", std::string(KeyOf(kActivities, static_cast<int>(a)))},
                           {"label", std::string(ZhOf(kActivities, static_cast<int>(a)))},
                           {"count", n}});
  }
  for (const auto& [s, n] : d->by_sector) {
    by_sector.push_back({{"key", std::string(KeyOf(kSectors, static_cast<int>(s)))},
                         {"label", std::string(ZhOf(kSectors, static_cast<int>(s)))},
                         {"count", n}});
  }
  for (const auto& [code, g] : d->by_city) {
    by_city.push_back({{"code", code}, {"name", DivisionName(code)}, {"grade_1", g.grade[1]}, {"grade_2", g.grade[2]},
                       {"grade_3", g.grade[3]}, {"grade_4", g.grade[4]}, {"major_hazards", g.major()}});
  }
  for (const auto& ch : d->recent) {
    recent.push_back({{"at", ch.event.at},
                      {"kind", std::string(store::HazardEventKindName(ch.event.kind))},
                      {"unit_id", ch.event.unit_id},
                      {"unit_name", ch.unit_name},
                      {"enterprise_name", ch.enterprise_name},
                      {"from_grade", OptJson(ch.event.from_grade)},
                      {"to_grade", OptJson(ch.event.to_grade)}});
  }
  const auto& m = d->major_hazards;
  // The hidden-hazard loop of the scope (plan task T9): how many, how many still open, the rectification rate.
  auto counts = service::FindingStatisticsInScope(c.inspect_stores(), c.actor.principal, inspect::GroupBy::kCity);
  if (!counts.ok()) return ErrorResponse(counts.status(), r.request_id);
  auto today = Today(c);
  if (!today.ok()) return ErrorResponse(today.status(), r.request_id);
  auto overdue = service::OverdueInScope(c.inspect_stores(), c.actor.principal, *today);
  if (!overdue.ok()) return ErrorResponse(overdue.status(), r.request_id);
  int total = 0, closed = 0, on_time = 0, major = 0;
  for (const auto& n : *counts) {
    total += n.total;
    closed += n.closed;
    on_time += n.closed_on_time;
    major += n.major;
  }
  const Json hidden{{"total", total},
                    {"open", total - closed},
                    {"major", major},
                    {"overdue", overdue->size()},
                    {"rectification_rate", total > 0 ? Json(static_cast<double>(closed) / total) : Json(nullptr)},
                    {"on_time_rate", closed > 0 ? Json(static_cast<double>(on_time) / closed) : Json(nullptr)}};
  return Ok(Json{{"scope", {{"label", d->scope_label}, {"division_code", d->division_prefix}}},
                 {"hidden_hazards", hidden},
                 {"enterprises", {{"total", d->enterprises}, {"by_activity", by_activity}, {"by_sector", by_sector}}},
                 {"major_hazards",
                  {{"total", m.major()},
                   {"by_grade", {{"1", m.grade[1]}, {"2", m.grade[2]}, {"3", m.grade[3]}, {"4", m.grade[4]}}},
                   {"by_city", by_city}}},
                 {"recent_changes", recent}});
}

// The filters of the enterprise table, shared by the list and its export; an error response when bad.
static std::variant<service::EnterpriseQuery, ApiResponse> EnterpriseFilters(const ApiRequest& r) {
  service::EnterpriseQuery q;
  q.sort = StrQuery(r, "sort");
  q.text = StrQuery(r, "q");
  q.division = StrQuery(r, "division");
  if (auto s = StrQuery(r, "sector"); !s.empty()) {
    auto code = CodeOfKey(kSectors, s);
    if (!code) return ErrorResponse(400, "bad_request", "sector: unknown \"" + s + "\"", r.request_id);
    q.sector = static_cast<registry::Sector>(*code);
  }
  if (auto a = StrQuery(r, "activity"); !a.empty()) {
    auto code = CodeOfKey(kActivities, a);
    if (!code) return ErrorResponse(400, "bad_request", "activity: unknown \"" + a + "\"", r.request_id);
    q.activity = static_cast<registry::Activity>(*code);
  }
  if (!StrQuery(r, "grade").empty()) {
    auto g = IntQuery(r, "grade", 0);
    if (!g.ok() || *g < 1 || *g > 4) return ErrorResponse(400, "bad_request", "grade: 1 to 4", r.request_id);
    q.grade = *g;
  }
  return q;
}

ApiResponse Platform::Impl::Enterprises(const ApiRequest& r, RequestContext& c) {
  auto filters = EnterpriseFilters(r);
  if (auto* e = std::get_if<ApiResponse>(&filters)) return *e;
  service::EnterpriseQuery q = std::get<service::EnterpriseQuery>(filters);
  auto page = PageOf(r);
  if (!page.ok()) return ErrorResponse(page.status(), r.request_id);
  q.page = *page;
  auto rows = service::ListEnterprises(c.views(), c.actor.principal, q);
  if (!rows.ok()) return ErrorResponse(rows.status(), r.request_id);
  auto listed = Blacklisted(c);
  if (!listed.ok()) return ErrorResponse(listed.status(), r.request_id);
  return Ok(PageJson(*rows, [&](const service::EnterpriseRow& row) {
    Json j = EnterpriseJson(row.enterprise);
    j["blacklisted"] = listed->contains(row.enterprise.uscc);
    j["unit_count"] = row.unit_count;
    j["major_hazard_grade"] = OptJson(row.major_hazard_grade);
    return j;
  }));
}

ApiResponse Platform::Impl::EnterpriseById(const ApiRequest& r, RequestContext& c) {
  auto id = IdParam(r, "id");
  if (!id) return ErrorResponse(404, "not_found", "no such enterprise", r.request_id);
  auto d = service::GetEnterprise(c.views(), c.actor.principal, *id);
  if (!d.ok()) return ErrorResponse(d.status(), r.request_id);
  auto listed = Blacklisted(c);
  if (!listed.ok()) return ErrorResponse(listed.status(), r.request_id);
  Json j = EnterpriseJson(d->enterprise);
  j["blacklisted"] = listed->contains(d->enterprise.uscc);
  j["address"] = d->enterprise.address;
  j["legal_representative"] = d->enterprise.legal_representative;
  j["location"] = LonLatJson(d->enterprise.location);
  j["park"] = d->enterprise.park_code;
  Json licences = Json::array();
  for (const auto& l : d->enterprise.licences) {
    licences.push_back({{"type", l.type}, {"number", l.number}, {"valid_from", l.valid_from}, {"valid_to", l.valid_to}});
  }
  j["licences"] = std::move(licences);
  Json units = Json::array();
  for (const auto& u : d->units) {
    Json uj{{"id", u.id}, {"code", u.code}, {"name", u.name}, {"kind", static_cast<int>(u.kind) == 1 ? "production" : "storage"},
            {"location", LonLatJson(u.location)}, {"major_hazard_grade", nullptr}};
    if (auto l = d->latest.find(u.id); l != d->latest.end() && l->second.major_hazard && !l->second.failed) {
      uj["major_hazard_grade"] = OptJson(l->second.grade);
    }
    units.push_back(std::move(uj));
  }
  j["units"] = std::move(units);
  return Ok(j);
}

namespace {

Json AssessmentJson(const store::HazardAssessmentRecord& a) {
  Json detail = Json::parse(a.detail, nullptr, false);
  Json contributions = Json::array();
  if (detail.is_object() && detail.contains("holdings")) contributions = detail["holdings"];
  return Json{{"assessment_id", a.id},     {"unit_id", a.unit_id},       {"assessed_at", a.assessed_at},
              {"edition", a.edition},      {"basis", a.basis == 1 ? "design_maximum" : "actual"},
              {"major_hazard", a.major_hazard}, {"grade", OptJson(a.grade)}, {"sum_ratio", OptJson(a.sum_ratio)},
              {"alpha", OptJson(a.alpha)}, {"r", OptJson(a.r)},          {"exposed_people", a.exposed_people},
              {"exposed_source", a.exposed_source}, {"error", a.error}, {"contributions", std::move(contributions)}};
}

}  // namespace

ApiResponse Platform::Impl::UnitById(const ApiRequest& r, RequestContext& c) {
  auto id = IdParam(r, "id");
  if (!id) return ErrorResponse(404, "not_found", "no such unit", r.request_id);
  auto d = service::GetUnit(c.views(), c.actor.principal, *id);
  if (!d.ok()) return ErrorResponse(d.status(), r.request_id);
  Json responsible = Json::array();
  for (const auto& p : d->unit.responsible) {
    responsible.push_back({{"role", std::string(KeyOf(kPersonRoles, static_cast<int>(p.role)))},
                           {"role_label", std::string(ZhOf(kPersonRoles, static_cast<int>(p.role)))},
                           {"name", p.name},
                           {"phone", p.phone}});
  }
  Json holdings = Json::array();
  for (const auto& h : d->holdings) {
    holdings.push_back({{"chemical_key", h.chemical_key},
                        {"chemical_name", h.chemical_name},
                        {"max_quantity_t", OptJson(h.max_quantity_t)},
                        {"typical_quantity_t", OptJson(h.typical_quantity_t)},
                        {"max_volume_m3", OptJson(h.max_volume_m3)},
                        {"density_t_m3", OptJson(h.density_t_m3)},
                        {"state", std::string(KeyOf(kStates, static_cast<int>(h.state)))},
                        {"gb18218_category", h.gb18218_category},
                        {"valid_from", h.valid_from}});
  }
  return Ok(Json{{"id", d->unit.id},
                 {"code", d->unit.code},
                 {"name", d->unit.name},
                 {"kind", static_cast<int>(d->unit.kind) == 1 ? "production" : "storage"},
                 {"enterprise_id", d->enterprise.id},
                 {"enterprise_name", d->enterprise.name},
                 {"location", LonLatJson(d->unit.location ? d->unit.location : d->enterprise.location)},
                 {"responsible", std::move(responsible)},
                 {"holdings", std::move(holdings)},
                 {"assessment", d->assessment ? AssessmentJson(*d->assessment) : Json(nullptr)}});
}

namespace {

Json TargetJson(const registry::ProtectedTarget& t) {
  return Json{{"id", t.id},
              {"code", t.code},
              {"name", t.name},
              {"kind", t.kind},
              {"target_class", static_cast<int>(t.target_class)},
              {"division_code", t.division_code},
              {"location", LonLatJson(t.location)},
              {"day_population", t.day_population},
              {"night_population", t.night_population},
              {"synthetic", t.provenance == registry::Provenance::kSynthetic}};
}

}  // namespace

ApiResponse Platform::Impl::Targets(const ApiRequest& r, RequestContext& c) {
  auto page = PageOf(r);
  if (!page.ok()) return ErrorResponse(page.status(), r.request_id);
  auto rows = service::ListProtectedTargets(c.views(), c.actor.principal,
                                            service::TargetQuery{StrQuery(r, "division"), StrQuery(r, "kind"), *page});
  if (!rows.ok()) return ErrorResponse(rows.status(), r.request_id);
  return Ok(PageJson(*rows, TargetJson));
}

ApiResponse Platform::Impl::TargetById(const ApiRequest& r, RequestContext& c) {
  auto id = IdParam(r, "id");
  if (!id) return ErrorResponse(404, "not_found", "no such protected target", r.request_id);
  auto t = service::GetProtectedTarget(c.views(), c.actor.principal, *id);
  if (!t.ok()) return ErrorResponse(t.status(), r.request_id);
  return Ok(TargetJson(*t));
}

ApiResponse Platform::Impl::MajorHazards(const ApiRequest& r, RequestContext& c) {
  service::MajorHazardQuery q;
  auto page = PageOf(r);
  if (!page.ok()) return ErrorResponse(page.status(), r.request_id);
  q.page = *page;
  q.division = StrQuery(r, "division");
  if (!StrQuery(r, "grade").empty()) {
    auto g = IntQuery(r, "grade", 0);
    if (!g.ok() || *g < 1 || *g > 4) return ErrorResponse(400, "bad_request", "grade: 1 to 4", r.request_id);
    q.grade = *g;
  }
  auto rows = service::ListMajorHazardsInScope(c.views(), c.actor.principal, q);
  if (!rows.ok()) return ErrorResponse(rows.status(), r.request_id);
  auto listed = Blacklisted(c);
  if (!listed.ok()) return ErrorResponse(listed.status(), r.request_id);
  return Ok(PageJson(*rows, [&](const service::MajorHazardRow& m) {
    Json filing = nullptr;
    if (m.entry.filing) {
      const auto st = m.entry.filing->status;
      filing = {{"status", st == store::FilingStatus::kFiled ? "filed" : st == store::FilingStatus::kExpired ? "expired" : "not_filed"},
                {"filing_date", m.entry.filing->filing_date},
                {"next_reassessment_due", m.entry.filing->next_reassessment_due}};
    }
    return Json{{"unit_id", m.entry.unit_id},
                {"unit_code", m.entry.unit_code},
                {"unit_name", m.entry.unit_name},
                {"enterprise_id", m.enterprise_id},
                {"enterprise_name", m.enterprise_name},
                {"uscc", m.entry.enterprise_uscc},
                {"blacklisted", listed->contains(m.entry.enterprise_uscc)},
                {"division_code", m.division_code},
                {"grade", m.entry.grade},
                {"r", OptJson(m.assessment.r)},
                {"sum_ratio", OptJson(m.assessment.sum_ratio)},
                {"alpha", OptJson(m.assessment.alpha)},
                {"exposed_people", m.assessment.exposed_people},
                {"assessed_at", m.entry.assessed_at},
                {"filing", std::move(filing)},
                {"missing_responsible", m.entry.missing_responsible}};
  }));
}

ApiResponse Platform::Impl::MajorHazardById(const ApiRequest& r, RequestContext& c) {
  auto id = IdParam(r, "unit_id");
  if (!id) return ErrorResponse(404, "not_found", "no such unit", r.request_id);
  auto d = service::GetMajorHazard(c.views(), c.actor.principal, *id);
  if (!d.ok()) return ErrorResponse(d.status(), r.request_id);
  Json j = AssessmentJson(*d->unit.assessment);
  j["unit_name"] = d->unit.unit.name;
  j["enterprise_name"] = d->unit.enterprise.name;
  Json history = Json::array();
  for (const auto& h : d->history) {
    history.push_back({{"assessed_at", h.assessed_at}, {"basis", h.basis == 1 ? "design_maximum" : "actual"},
                       {"grade", OptJson(h.grade)}, {"r", OptJson(h.r)}, {"major_hazard", h.major_hazard},
                       {"error", h.error}});
  }
  j["history"] = std::move(history);
  return Ok(j);
}

ApiResponse Platform::Impl::Boundaries(const ApiRequest& r, RequestContext& c) {
  if (!c.actor.principal.SeesBusinessData()) return ErrorResponse(404, "not_found", "no map for this role", r.request_id);
  const std::string level = StrQuery(r, "level");
  if (!level.empty() && level != "city" && level != "county") {
    return ErrorResponse(400, "bad_request", "level: city or county", r.request_id);
  }
  const bool county = level == "county";
  ApiResponse out;
  SetBody(out, r, county ? boundaries_county : boundaries_city, county ? boundaries_county_gz : boundaries_city_gz);
  // The boundaries change only with the shipped data, that is with a new release.
  out.headers.emplace_back("Cache-Control", "private, max-age=86400");
  return out;
}

ApiResponse Platform::Impl::Points(const ApiRequest& r, RequestContext& c) {
  service::MapQuery q;
  const std::string layer = StrQuery(r, "layer");
  if (layer.empty() || layer == "units") {
    q.layer = service::MapLayer::kUnits;
  } else if (layer == "enterprises") {
    q.layer = service::MapLayer::kEnterprises;
  } else if (layer == "targets") {
    q.layer = service::MapLayer::kTargets;
  } else if (layer == "risk") {
    return RiskMapPoints(r, c);
  } else {
    return ErrorResponse(400, "bad_request", "layer: units, enterprises, targets or risk", r.request_id);
  }
  q.division = StrQuery(r, "division");
  if (auto s = StrQuery(r, "sector"); !s.empty()) {
    auto code = CodeOfKey(kSectors, s);
    if (!code) return ErrorResponse(400, "bad_request", "sector: unknown \"" + s + "\"", r.request_id);
    q.sector = static_cast<registry::Sector>(*code);
  }
  if (!StrQuery(r, "grade").empty()) {
    auto g = IntQuery(r, "grade", 0);
    if (!g.ok() || *g < 1 || *g > 4) return ErrorResponse(400, "bad_request", "grade: 1 to 4", r.request_id);
    q.grade = *g;
  }
  if (auto near = StrQuery(r, "near"); !near.empty()) {
    const auto comma = near.find(',');
    double lon = 0, lat = 0;
    const char* b = near.data();
    const char* e = near.data() + near.size();
    const bool ok = comma != std::string::npos &&
                    std::from_chars(b, b + comma, lon).ec == std::errc() &&
                    std::from_chars(b + comma + 1, e, lat).ptr == e;
    if (!ok || lon < 73 || lon > 136 || lat < 3 || lat > 54) {
      return ErrorResponse(400, "bad_request", "near: \"lon,lat\" in China (WGS-84 degrees)", r.request_id);
    }
    q.near = LonLat{lon, lat};
    const std::string radius = StrQuery(r, "radius_m");
    const auto [p, ec] = std::from_chars(radius.data(), radius.data() + radius.size(), q.radius_m);
    if (ec != std::errc() || p != radius.data() + radius.size() || !(q.radius_m > 0) || q.radius_m > 100000) {
      return ErrorResponse(400, "bad_request", "radius_m: metres, more than 0 and at most 100000", r.request_id);
    }
  }
  const std::string key = AnswerKey(r, c.actor.principal);
  if (auto known = answers.Find(key, c.generations.data)) {
    ApiResponse out;
    SetBody(out, r, *known->body, *known->gzipped);
    return out;
  }
  auto points = service::MapPoints(c.views(), c.actor.principal, q);
  if (!points.ok()) return ErrorResponse(points.status(), r.request_id);
  std::string body = R"({"layer":")" + (layer.empty() ? std::string("units") : layer) +
                     R"(","fields":["id","lon","lat","grade","name"],"points":[)";
  body.reserve(body.size() + points->size() * 48);
  bool first = true;
  for (const auto& p : *points) {
    if (!first) body += ',';
    first = false;
    fmt::format_to(std::back_inserter(body), "[{},{:.6f},{:.6f},{},{}]", p.id, p.at.lon_deg, p.at.lat_deg,
                   p.grade ? std::to_string(*p.grade) : std::string("null"), Text(Json(p.name)));
  }
  body += "]}";
  auto shared = std::make_shared<const std::string>(std::move(body));
  auto gzipped = std::make_shared<const std::string>(Gzip(*shared, 1));
  answers.Put(key, AnswerCache::Entry{c.generations.data, shared, gzipped});
  ApiResponse out;
  SetBody(out, r, *shared, *gzipped);
  return out;
}

ApiResponse Platform::Impl::Audit(const ApiRequest& r, RequestContext& c) {
  if (c.actor.principal.role != service::Role::kAuditor) {
    auto denied = service::AuditOf(c.actor, c.stores.auth->Now(), "audit.read", "", "denied");
    (void)c.stores.platform->AppendAudit(denied);
    return ErrorResponse(403, "forbidden", "the audit trail is for auditors", r.request_id);
  }
  auto page = PageOf(r);
  if (!page.ok()) return ErrorResponse(page.status(), r.request_id);
  store::AuditFilter f;
  if (auto v = StrQuery(r, "since"); !v.empty()) f.since = v;
  if (auto v = StrQuery(r, "user"); !v.empty()) f.username = v;
  if (auto v = StrQuery(r, "action"); !v.empty()) f.action = v;
  f.limit = page->page_size;
  f.offset = (page->page - 1) * page->page_size;
  auto items = c.stores.platform->AuditPage(f);
  if (!items.ok()) return ErrorResponse(items.status(), r.request_id);
  auto total = c.stores.platform->AuditCount(f);
  if (!total.ok()) return ErrorResponse(total.status(), r.request_id);
  Json list = Json::array();
  for (const auto& a : *items) {
    list.push_back({{"seq", a.seq}, {"at", a.at}, {"user", a.user}, {"role", a.role}, {"scope", a.scope},
                    {"client", a.client}, {"action", a.action}, {"object", a.object}, {"outcome", a.outcome},
                    {"request_id", a.request_id}});
  }
  return Ok(Json{{"items", std::move(list)}, {"total", *total}, {"page", page->page}, {"page_size", page->page_size}});
}

ApiResponse Platform::Impl::Import(const ApiRequest& r, RequestContext& c) {
  auto kind = service::ParseRecordKind(r.params.at("kind"));
  if (!kind.ok()) return ErrorResponse(404, "not_found", "no such import kind: " + r.params.at("kind"), r.request_id);
  const std::string_view type = r.Header("content-type");
  std::string extension;
  if (type.substr(0, 8) == "text/csv") {
    extension = ".csv";
  } else if (type.substr(0, kXlsxType.size()) == kXlsxType) {
    extension = ".xlsx";
  } else {
    return ErrorResponse(415, "unsupported_media_type", "send the file as text/csv or as an XLSX workbook", r.request_id);
  }
  const service::Principal& who = c.actor.principal;
  if (!who.SeesBusinessData()) return ErrorResponse(403, "forbidden", "this role does not change business data", r.request_id);
  std::string name(r.Header("x-file-name"));
  if (name.empty()) name = "upload" + extension;
  const auto path = std::filesystem::temp_directory_path() / ("chemsafe-import-" + r.request_id + extension);
  {
    std::ofstream out(path, std::ios::binary);
    out.write(r.body.data(), static_cast<std::streamsize>(r.body.size()));
    if (!out) return ErrorResponse(Internal("cannot write " + path.string()), r.request_id);
  }
  service::ImportOptions import_options;
  import_options.may_write = [&who](std::string_view uscc, std::string_view division) {
    return who.role != service::Role::kGrid && who.MaySee(0, uscc, division);
  };
  const std::string action = "import." + std::string(service::RecordKindName(*kind));
  import_options.before_commit = [&](store::RegistryWriter& w, const service::ImportReport& report) {
    auto a = service::AuditOf(c.actor, c.stores.auth->Now(), action, name,
                              fmt::format("ok: {} inserted, {} updated, {} unchanged", report.inserted, report.updated,
                                          report.unchanged));
    return w.AppendAudit(a);
  };
  service::ImportReferences refs{divisions, catalogue, key_processes};
  auto report = service::ImportTable(*c.stores.registry, refs, *kind, path.string(), import_options);
  std::error_code ec;
  std::filesystem::remove(path, ec);
  if (!report.ok()) {
    if (report.status().code() == StatusCode::kInvalidArgument) {
      // The file itself cannot be read (not CSV or XLSX, bad encoding): say so, naming the upload.
      std::string message = report.status().message();
      for (std::size_t at; (at = message.find(path.string())) != std::string::npos;) message.replace(at, path.string().size(), name);
      return ErrorResponse(400, "bad_request", message, r.request_id);
    }
    return ErrorResponse(report.status(), r.request_id);
  }
  if (!report->ok()) {
    auto a = service::AuditOf(c.actor, c.stores.auth->Now(), action, name,
                              fmt::format("rejected: {} problems", report->problems.size()));
    (void)c.stores.platform->AppendAudit(a);
    Json problems = Json::array();
    for (const auto& p : report->problems) problems.push_back({{"row", p.row}, {"column", p.column}, {"message", p.message}});
    std::string extra = "\"problems\":" + Text(problems);
    return ErrorResponse(422, "invalid_rows",
                         fmt::format("{} problems in {}: nothing was written", report->problems.size(), name),
                         r.request_id, extra);
  }
  if (*kind == service::RecordKind::kHoldings || *kind == service::RecordKind::kUnits) {
    // GB 18218-2018: the units whose holdings changed are assessed again at once (issue 3).
    service::HazardRunOptions again;
    again.only_changed = true;
    auto run = service::AssessRegistry(*c.stores.registry, *c.stores.hazards, catalogue, again);
    if (!run.ok()) spdlog::error("request {}: re-assessment after the import: {}", r.request_id, run.status().ToString());
  }
  return Ok(Json{{"rows", report->rows_read}, {"inserted", report->inserted}, {"updated", report->updated},
                 {"unchanged", report->unchanged}});
}

ApiResponse Platform::Impl::ExportEnterprises(const ApiRequest& r, RequestContext& c) {
  auto filters = EnterpriseFilters(r);
  if (auto* e = std::get_if<ApiResponse>(&filters)) return *e;
  auto rows = service::AllEnterprises(c.views(), c.actor.principal, std::get<service::EnterpriseQuery>(filters));
  if (!rows.ok()) return ErrorResponse(rows.status(), r.request_id);
  const auto path = std::filesystem::temp_directory_path() / ("chemsafe-export-" + r.request_id + ".xlsx");
  Status written = [&]() -> Status {
    CHEMSAFE_ASSIGN_OR_RETURN(auto w, tabular::CreateXlsxWriter(path.string(), tabular::XlsxWriterOptions{"企业"}));
    CHEMSAFE_RETURN_IF_ERROR(w->WriteHeader({"统一社会信用代码", "企业名称", "行政区划代码", "行政区划", "行业",
                                             "经营活动", "单元数", "重大危险源最高等级", "数据来源"}));
    for (const auto& row : *rows) {
      const auto& e = row.enterprise;
      std::string activities;
      for (auto a : e.activities) activities += (activities.empty() ? "" : "、") + std::string(ZhOf(kActivities, static_cast<int>(a)));
      CHEMSAFE_RETURN_IF_ERROR(w->WriteRow(
          {tabular::Cell::Text(e.uscc), tabular::Cell::Text(e.name), tabular::Cell::Text(e.division_code),
           tabular::Cell::Text(divisions.FullName(e.division_code)),
           tabular::Cell::Text(ZhOf(kSectors, static_cast<int>(e.sector))), tabular::Cell::Text(activities),
           tabular::Cell::Number(row.unit_count),
           row.major_hazard_grade ? tabular::Cell::Number(*row.major_hazard_grade) : tabular::Cell::Empty(),
           tabular::Cell::Text(e.provenance == registry::Provenance::kSynthetic ? "演示数据 synthetic" : "申报")}));
    }
    return w->Close();
  }();
  if (!written.ok()) return ErrorResponse(written, r.request_id);
  std::ifstream in(path, std::ios::binary);
  ApiResponse out;
  out.body.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  std::error_code ec;
  std::filesystem::remove(path, ec);
  auto a = service::AuditOf(c.actor, c.stores.auth->Now(), "export.enterprises", "enterprises.xlsx",
                            fmt::format("ok: {} rows", rows->size()));
  if (auto s = c.stores.platform->AppendAudit(a); !s.ok()) return ErrorResponse(s, r.request_id);
  out.content_type = std::string(kXlsxType);
  out.headers.emplace_back("Content-Disposition", "attachment; filename=\"enterprises.xlsx\"");
  return out;
}

ApiResponse Platform::Impl::PatchEnterprise(const ApiRequest& r, RequestContext& c) {
  auto id = IdParam(r, "id");
  if (!id) return ErrorResponse(404, "not_found", "no such enterprise", r.request_id);
  auto parsed = ParseBody(r, {"name", "legal_representative", "address", "location", "activities", "sector"});
  if (auto* e = std::get_if<ApiResponse>(&parsed)) return *e;
  const Json& j = std::get<Json>(parsed);
  service::EnterprisePatch patch;
  for (auto [field, target] : {std::pair{"name", &patch.name}, std::pair{"legal_representative", &patch.legal_representative},
                               std::pair{"address", &patch.address}}) {
    if (!j.contains(field)) continue;
    auto v = StringField(j, field, r);
    if (auto* e = std::get_if<ApiResponse>(&v)) return *e;
    *target = std::get<std::string>(v);
  }
  if (j.contains("location")) {
    const Json& l = j["location"];
    if (l.is_null()) {
      patch.location = std::optional<LonLat>();
    } else if (l.is_array() && l.size() == 2 && l[0].is_number() && l[1].is_number()) {
      auto at = ParseLonLat(l[0].get<double>(), l[1].get<double>());
      if (!at.ok()) return ErrorResponse(400, "bad_request", "location: " + at.status().message(), r.request_id);
      patch.location = std::optional<LonLat>(*at);
    } else {
      return ErrorResponse(400, "bad_request", "location: [longitude, latitude] in WGS-84 degrees, or null", r.request_id);
    }
  }
  if (j.contains("activities")) {
    if (!j["activities"].is_array()) return ErrorResponse(400, "bad_request", "activities: a list", r.request_id);
    std::vector<registry::Activity> activities;
    for (const auto& a : j["activities"]) {
      auto code = a.is_string() ? CodeOfKey(kActivities, a.get<std::string>()) : std::nullopt;
      if (!code) return ErrorResponse(400, "bad_request", "activities: unknown " + a.dump(), r.request_id);
      activities.push_back(static_cast<registry::Activity>(*code));
    }
    patch.activities = std::move(activities);
  }
  if (j.contains("sector")) {
    auto code = j["sector"].is_string() ? CodeOfKey(kSectors, j["sector"].get<std::string>()) : std::nullopt;
    if (!code) return ErrorResponse(400, "bad_request", "sector: unknown " + j["sector"].dump(), r.request_id);
    patch.sector = static_cast<registry::Sector>(*code);
  }
  auto updated = service::UpdateEnterprise(*c.stores.registry, divisions, c.actor, c.stores.auth->Now(), *id, patch);
  if (!updated.ok()) return ErrorResponse(updated.status(), r.request_id);
  return EnterpriseById(r, c);  // the record as GET shows it
}

ApiResponse Platform::Impl::Changes(const ApiRequest& r, RequestContext& c) {
  auto page = PageOf(r);
  if (!page.ok()) return ErrorResponse(page.status(), r.request_id);
  auto changes = service::EnterpriseChanges(*c.stores.platform, *c.stores.registry, c.actor.principal, *page);
  if (!changes.ok()) return ErrorResponse(changes.status(), r.request_id);
  return Ok(PageJson(*changes, [](const service::EnterpriseChange& ch) {
    return Json{{"at", ch.at},       {"user", ch.user},   {"role", ch.role},
                {"uscc", ch.uscc},   {"enterprise_name", ch.enterprise_name}, {"fields", ch.fields}};
  }));
}

ApiResponse Platform::Impl::Template(const ApiRequest& r, RequestContext& c) {
  std::string kind_text = r.params.at("kind");
  if (kind_text.size() > 5 && kind_text.substr(kind_text.size() - 5) == ".xlsx") kind_text.resize(kind_text.size() - 5);
  auto kind = service::ParseRecordKind(kind_text);
  if (!kind.ok() || !c.actor.principal.SeesBusinessData()) {
    return ErrorResponse(404, "not_found", "no such template: " + r.params.at("kind"), r.request_id);
  }
  const auto path = std::filesystem::temp_directory_path() / ("chemsafe-template-" + r.request_id + ".xlsx");
  if (auto s = service::WriteTemplate(*kind, path.string()); !s.ok()) return ErrorResponse(s, r.request_id);
  std::ifstream in(path, std::ios::binary);
  ApiResponse out;
  out.body.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  std::error_code ec;
  std::filesystem::remove(path, ec);
  out.content_type = std::string(kXlsxType);
  out.headers.emplace_back("Content-Disposition",
                           "attachment; filename=\"" + std::string(service::RecordKindName(*kind)) + "-template.xlsx\"");
  return out;
}

namespace {

// ?run=ID (absent: the newest run).
Result<std::optional<std::int64_t>> RunQuery(const ApiRequest& r) {
  const std::string text = StrQuery(r, "run");
  if (text.empty()) return std::optional<std::int64_t>();
  std::int64_t id = 0;
  const auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || p != text.data() + text.size() || id < 1) return InvalidArgument("run: a run id (1 or more)");
  return std::optional<std::int64_t>(id);
}

}  // namespace

ApiResponse Platform::Impl::QraRuns(const ApiRequest& r, RequestContext& c) {
  auto page = PageOf(r);
  if (!page.ok()) return ErrorResponse(page.status(), r.request_id);
  auto runs = service::ListQraRuns(c.qra_views(), c.actor.principal, *page);
  if (!runs.ok()) return ErrorResponse(runs.status(), r.request_id);
  return Ok(PageJson(*runs, QraRunJson));
}

ApiResponse Platform::Impl::RelocationList(const ApiRequest& r, RequestContext& c) {
  service::RelocationQuery q;
  auto page = PageOf(r);
  if (!page.ok()) return ErrorResponse(page.status(), r.request_id);
  q.page = *page;
  auto run = RunQuery(r);
  if (!run.ok()) return ErrorResponse(run.status(), r.request_id);
  q.run_id = *run;
  q.division = StrQuery(r, "division");
  q.action = StrQuery(r, "action");
  const std::string all = StrQuery(r, "all");
  if (!all.empty() && all != "true" && all != "false") {
    return ErrorResponse(400, "bad_request", "all: true or false", r.request_id);
  }
  q.all = all == "true";
  auto list = service::GetRelocationList(c.qra_views(), c.actor.principal, q);
  if (!list.ok()) return ErrorResponse(list.status(), r.request_id);
  return Ok(RelocationListJson(*list, [this](const std::string& code) { return divisions.FullName(code); }));
}

ApiResponse Platform::Impl::EnterpriseQra(const ApiRequest& r, RequestContext& c) {
  auto id = IdParam(r, "id");
  if (!id) return ErrorResponse(404, "not_found", "no such enterprise", r.request_id);
  auto view = service::GetEnterpriseQra(c.qra_views(), c.actor.principal, *id);
  if (!view.ok()) return ErrorResponse(view.status(), r.request_id);
  return Ok(EnterpriseQraViewJson(*view));
}

ApiResponse Platform::Impl::QraContours(const ApiRequest& r, RequestContext& c) {
  auto run = RunQuery(r);
  if (!run.ok()) return ErrorResponse(run.status(), r.request_id);
  auto g = service::QraContoursInScope(c.qra_views(), c.actor.principal, *run);
  if (!g.ok()) return ErrorResponse(g.status(), r.request_id);
  return JsonResponse(200, std::move(*g));
}

ApiResponse Platform::Impl::QraExceedances(const ApiRequest& r, RequestContext& c) {
  auto run = RunQuery(r);
  if (!run.ok()) return ErrorResponse(run.status(), r.request_id);
  auto g = service::QraExceedancesInScope(c.qra_views(), c.actor.principal, *run);
  if (!g.ok()) return ErrorResponse(g.status(), r.request_id);
  return JsonResponse(200, std::move(*g));
}

namespace {

// An RFC 3339 time of a query parameter; nullopt when absent.
Result<std::optional<std::int64_t>> TimeQuery(const ApiRequest& r, const std::string& name) {
  const std::string text = StrQuery(r, name);
  if (text.empty()) return std::optional<std::int64_t>();
  auto us = trace::ParseRfc3339Us(text);
  if (!us.ok()) return InvalidArgument(name + ": " + us.status().message());
  return std::optional<std::int64_t>(*us);
}

// A day "YYYY-MM-DD" of a query parameter as the first instant of that day in China.
Result<std::int64_t> DayQuery(const ApiRequest& r, const std::string& name) {
  const std::string text = StrQuery(r, name);
  auto us = trace::ParseRfc3339Us(text + "T00:00:00+08:00");
  if (text.size() != 10 || !us.ok()) return InvalidArgument(name + ": a day YYYY-MM-DD");
  return *us;
}

}  // namespace

ApiResponse Platform::Impl::TraceEvents(const ApiRequest& r, RequestContext& c) {
  store::TraceEventQuery q;
  const std::string type = StrQuery(r, "eventType");
  if (!type.empty()) {
    auto t = trace::ParseEventType(type);
    if (!t) return ErrorResponse(400, "bad_request", "eventType: one of ObjectEvent, AggregationEvent, TransactionEvent, "
                                                     "TransformationEvent, AssociationEvent", r.request_id);
    q.type = static_cast<int>(*t);
  }
  for (const auto& [name, field] : {std::pair{"GE_eventTime", &q.ge_time_us}, std::pair{"LT_eventTime", &q.lt_time_us}}) {
    auto t = TimeQuery(r, name);
    if (!t.ok()) return ErrorResponse(t.status(), r.request_id);
    *field = *t;
  }
  q.biz_step = trace::CbvWord(StrQuery(r, "EQ_bizStep"), trace::CbvVocabulary::kBizStep);
  for (const auto& [name, field] : {std::pair{"EQ_bizLocation", &q.biz_location}, std::pair{"MATCH_epc", &q.match_epc},
                                    std::pair{"MATCH_anyEPC", &q.match_any_epc},
                                    std::pair{"MATCH_epcClass", &q.match_epc_class}}) {
    const std::string text = StrQuery(r, name);
    if (text.empty()) continue;
    auto canonical = trace::CanonicalUri(text);
    if (!canonical.ok()) return ErrorResponse(400, "bad_request", std::string(name) + ": " + canonical.status().message(), r.request_id);
    *field = *canonical;
  }
  auto per_page = IntQuery(r, "perPage", 100);
  if (!per_page.ok() || *per_page < 1 || *per_page > 1000) {
    return ErrorResponse(400, "bad_request", "perPage: 1 to 1000", r.request_id);
  }
  q.limit = *per_page + 1;  // one more tells whether there is a next page
  const std::string token = StrQuery(r, "nextPageToken");
  if (!token.empty()) {
    const auto [p, ec] = std::from_chars(token.data(), token.data() + token.size(), q.after_id);
    if (ec != std::errc() || p != token.data() + token.size() || q.after_id < 0) {
      return ErrorResponse(400, "bad_request", "nextPageToken: as a previous answer gave it", r.request_id);
    }
  }
  auto rows = service::QueryTraceEventsInScope(c.trace_stores(), c.actor.principal, q);
  if (!rows.ok()) return ErrorResponse(rows.status(), r.request_id);
  Json events = Json::array();
  const bool more = rows->size() > static_cast<std::size_t>(*per_page);
  if (more) rows->pop_back();
  for (const auto& row : *rows) events.push_back(Json::parse(row.body, nullptr, false));
  Json doc{{"@context", std::string(trace::kEpcisContextUrl)},
           {"type", "EPCISQueryDocument"},
           {"schemaVersion", "2.0"},
           {"epcisBody", {{"queryResults", {{"queryName", "SimpleEventQuery"}, {"resultsBody", {{"eventList", std::move(events)}}}}}}}};
  if (more) doc["nextPageToken"] = std::to_string(rows->back().id);
  return Ok(doc);
}

ApiResponse Platform::Impl::CaptureTrace(const ApiRequest& r, RequestContext& c) {
  const service::Principal& who = c.actor.principal;
  auto inputs = service::TraceInputsFromText(r.body, "body");
  if (!inputs.ok()) return ErrorResponse(400, "bad_request", inputs.status().message(), r.request_id);
  auto report = service::CaptureTraceEventsAs(c.trace_stores(), catalogue, who, *inputs);
  if (!report.ok()) return ErrorResponse(report.status(), r.request_id);
  const std::string outcome = report->problems.empty()
                                  ? fmt::format("ok: {} stored, {} duplicates, {} declarations", report->stored,
                                                report->duplicates, report->declarations)
                                  : fmt::format("rejected: {} problems", report->problems.size());
  auto a = service::AuditOf(c.actor, c.stores.auth->Now(), "trace.capture", fmt::format("{} events", inputs->size()), outcome);
  if (auto s = c.stores.platform->AppendAudit(a); !s.ok()) spdlog::error("request {}: audit: {}", r.request_id, s.ToString());
  if (!report->problems.empty()) {
    Json problems = Json::array();
    for (const auto& p : report->problems) problems.push_back({{"where", p.where}, {"field", p.field}, {"message", p.message}});
    return ErrorResponse(422, "invalid_rows",
                         fmt::format("{} problems in the events: nothing was stored", report->problems.size()),
                         r.request_id, "\"problems\":" + Text(problems));
  }
  return JsonResponse(200, Text(Json{{"stored", report->stored}, {"duplicates", report->duplicates},
                                     {"declarations", report->declarations}}));
}

ApiResponse Platform::Impl::TraceLineage(const ApiRequest& r, RequestContext& c) {
  auto id = trace::CanonicalIdentifier(StrQuery(r, "id"));
  if (!id.ok()) return ErrorResponse(400, "bad_request", "id: " + id.status().message(), r.request_id);
  auto lineage = service::LineageInScope(c.trace_stores(), c.actor.principal, *id);
  if (!lineage.ok()) return ErrorResponse(lineage.status(), r.request_id);
  std::vector<store::TraceEventRow> rows;
  for (std::int64_t event : lineage->events) {
    auto row = c.stores.trace->FindById(event);
    if (!row.ok()) return ErrorResponse(row.status(), r.request_id);
    if (*row) rows.push_back(std::move(**row));
  }
  auto out = service::LineageJson(*lineage, rows, c.stores.registry.get());
  if (!out.ok()) return ErrorResponse(out.status(), r.request_id);
  return Ok(*out);
}

ApiResponse Platform::Impl::ClosedLoop(const ApiRequest& r, RequestContext& c) {
  auto from = DayQuery(r, "from");
  if (!from.ok()) return ErrorResponse(from.status(), r.request_id);
  auto to = DayQuery(r, "to");
  if (!to.ok()) return ErrorResponse(to.status(), r.request_id);
  service::ClosedLoopOptions o;
  o.from_us = *from;
  o.to_us = *to + 86'400'000'000LL;
  if (o.to_us <= o.from_us) return ErrorResponse(400, "bad_request", "to: not before from", r.request_id);
  auto report = service::ClosedLoopInScope(c.trace_stores(), c.actor.principal, o);
  if (!report.ok()) return ErrorResponse(report.status(), r.request_id);
  auto states = c.stores.trace->WorkItems();
  if (!states.ok()) return ErrorResponse(states.status(), r.request_id);
  return Ok(service::ClosedLoopJson(*report, StrQuery(r, "from"), StrQuery(r, "to"), &*states));
}

ApiResponse Platform::Impl::PatchWorkItem(const ApiRequest& r, RequestContext& c) {
  auto parsed = ParseBody(r, {"status", "note"});
  if (auto* error = std::get_if<ApiResponse>(&parsed)) return std::move(*error);
  const Json& body = std::get<Json>(parsed);
  if (!body.contains("status") || !body["status"].is_string()) {
    return ErrorResponse(400, "bad_request", "status: one of open, acknowledged, closed", r.request_id);
  }
  if (body.contains("note") && !body["note"].is_string()) return ErrorResponse(400, "bad_request", "note: text", r.request_id);
  auto item = service::SetWorkItemAs(c.trace_stores(), c.actor, c.stores.auth->Now(), r.params.at("key"),
                                     body["status"].get<std::string>(), body.value("note", ""));
  if (!item.ok()) return ErrorResponse(item.status(), r.request_id);
  return Ok(Json{{"key", item->anomaly_key}, {"status", std::string(service::WorkItemStatusCode(item->status))},
                 {"note", item->note}, {"updated_at", item->updated_at}, {"updated_by", item->updated_by}});
}

// The four-colour layer of the risk points (四色图 of the province): the points in scope that have a place, each
// with its grade (low … major: blue … red); kept by scope while the data stay the same, like the other layers.
ApiResponse Platform::Impl::RiskMapPoints(const ApiRequest& r, RequestContext& c) {
  const std::string key = AnswerKey(r, c.actor.principal);
  if (auto known = answers.Find(key, c.generations.data)) {
    ApiResponse out;
    SetBody(out, r, *known->body, *known->gzipped);
    return out;
  }
  service::RiskPointQuery q;
  q.limit = 1'000'000;
  auto points = service::ListRiskPointsInScope(c.risk_stores(), c.actor.principal, q);
  if (!points.ok()) return ErrorResponse(points.status(), r.request_id);
  std::string body = R"({"layer":"risk","fields":["id","lon","lat","grade","name"],"points":[)";
  bool first = true;
  for (const auto& p : *points) {
    if (!p.location) continue;
    if (!first) body += ',';
    first = false;
    fmt::format_to(std::back_inserter(body), R"([{},{:.6f},{:.6f},"{}",{}])", p.id, p.location->lon_deg, p.location->lat_deg,
                   risk::RiskGradeCode(p.grade), Text(Json(p.name)));
  }
  body += "]}";
  auto shared = std::make_shared<const std::string>(std::move(body));
  auto gzipped = std::make_shared<const std::string>(Gzip(*shared, 1));
  answers.Put(key, AnswerCache::Entry{c.generations.data, shared, gzipped});
  ApiResponse out;
  SetBody(out, r, *shared, *gzipped);
  return out;
}

}  // namespace chemsafe::api
