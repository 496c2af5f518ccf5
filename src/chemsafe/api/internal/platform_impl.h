// The platform's handlers' shared parts (issue 4): the per-worker stores, the request context, the body and
// query helpers, and Platform::Impl, so that each domain's routes live in a file of their own
// (platform_<domain>.cc) and platform.cc keeps the core (sessions, dispatch, registry, map).
// Internal to chemsafe::api.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "chemsafe/api/platform.h"
#include "chemsafe/api/router.h"
#include "chemsafe/inspect/checklist.h"
#include "chemsafe/inspect/frequency.h"
#include "chemsafe/service/credit_service.h"
#include "chemsafe/service/governance_service.h"
#include "chemsafe/service/inspect_service.h"
#include "chemsafe/store/governance_store.h"
#include "chemsafe/store/inspect_store.h"

#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "chemsafe/api/answer_cache.h"
#include "chemsafe/api/openapi.h"
#include "chemsafe/api/qra_json.h"
#include "chemsafe/auth/token.h"
#include "chemsafe/reference/boundaries.h"
#include "chemsafe/reference/catalogue_files.h"
#include "chemsafe/reference/divisions.h"
#include "chemsafe/service/hazard_service.h"
#include "chemsafe/service/platform_views.h"
#include "chemsafe/service/qra_views.h"
#include "chemsafe/service/trace_views.h"
#include "chemsafe/service/risk_service.h"
#include "chemsafe/service/risk_cards.h"
#include "chemsafe/cards/cards.h"
#include "chemsafe/reference/risk_files.h"
#include "chemsafe/trace/epcis.h"
#include "chemsafe/trace/identifiers.h"
#include "chemsafe/service/registry_edits.h"
#include "chemsafe/service/registry_io.h"
#include "chemsafe/tabular/table_reader.h"
#include "chemsafe/tabular/table_writer.h"

namespace chemsafe::api {

using Json = nlohmann::ordered_json;

// Per worker: its own connections and services.
// Answers kept by the cache from this size on are kept gzipped too (map layers' GeoJSON).
constexpr std::size_t kGzipAnswersFrom = 64 * 1024;

struct WorkerStores {
  std::unique_ptr<store::RegistryStore> registry;
  std::unique_ptr<store::HazardStore> hazards;
  std::unique_ptr<store::PlatformStore> platform;
  std::unique_ptr<store::QraStore> qra;
  std::unique_ptr<store::TraceStore> trace;
  std::unique_ptr<store::RiskStore> risk;
  std::unique_ptr<store::InspectStore> inspect;
  std::unique_ptr<store::CreditStore> credit;
  std::unique_ptr<store::GovernanceStore> governance;
  std::unique_ptr<service::AuthService> auth;
};

struct RequestContext {
  WorkerStores& stores;
  std::optional<service::SessionInfo> session;
  service::Actor actor;
  store::Generations generations;  // read before anything else of the request (session routes only)
  service::ViewStores views() { return {*stores.registry, *stores.hazards}; }
  service::QraViewStores qra_views() { return {*stores.registry, *stores.qra}; }
  service::TraceStores trace_stores() { return {*stores.registry, *stores.trace}; }
  service::RiskStores risk_stores() { return {*stores.registry, *stores.hazards, *stores.risk}; }
  service::InspectStores inspect_stores() { return {*stores.registry, *stores.inspect}; }
  service::CreditStores credit_stores() { return {*stores.registry, *stores.credit, *stores.inspect}; }
  service::GovernanceStores governance_stores() {
    return {*stores.governance, *stores.registry, *stores.hazards, *stores.risk, *stores.qra, *stores.credit};
  }
};

std::string Text(const Json& j);
ApiResponse Ok(const Json& j);
// A JSON object body with only the fields named; an error response otherwise.
std::variant<Json, ApiResponse> ParseBody(const ApiRequest& r, std::initializer_list<std::string_view> fields);
// The body as a JSON object of any fields (the service reads and checks them); a 400 response otherwise.
std::variant<Json, ApiResponse> ObjectBody(const ApiRequest& r);
// A date query parameter (YYYY-MM-DD), `fallback` when absent; InvalidArgument naming the parameter.
Result<Date> DayQuery(const ApiRequest& r, const std::string& name, Date fallback);
std::variant<std::string, ApiResponse> StringField(const Json& j, std::string_view name, const ApiRequest& r,
                                                   bool required = true);
// A positive integer path parameter; nullopt when absent or not one.
std::optional<std::int64_t> IdParam(const ApiRequest& r, const std::string& name);
Result<int> IntQuery(const ApiRequest& r, const std::string& name, int fallback);
std::string StrQuery(const ApiRequest& r, const std::string& name);
Result<service::PageRequest> PageOf(const ApiRequest& r);
Json LonLatJson(const std::optional<LonLat>& at);
Json OptJson(const std::optional<double>& v);
Json OptJson(const std::optional<int>& v);
// Today in Asia/Shanghai by the platform's clock (the one actions are dated by).
Result<Date> Today(RequestContext& c);
// A date query parameter (YYYY-MM-DD), today when absent.
Result<Date> DayOrToday(const ApiRequest& r, RequestContext& c, const std::string& name);
// The USCCs on the blacklist today (service::BlacklistedOn): flagged wherever an enterprise is shown. An
// answer kept by the cache (Route::cached) follows every listing and removal (each raises the data
// generation); a listing's period ending at midnight shows at the next change.
Result<std::set<std::string>> Blacklisted(RequestContext& c);

template <typename T, typename Encode>
Json PageJson(const service::Page<T>& p, Encode encode) {
  Json items = Json::array();
  for (const auto& i : p.items) items.push_back(encode(i));
  return Json{{"items", std::move(items)}, {"total", p.total}, {"page", p.page}, {"page_size", p.page_size}};
}

struct Platform::Impl {
  PlatformOptions options;
  Router router;
  DivisionTable divisions;
  catalogue::Catalogue catalogue;
  risk::RiskMethods risk_methods;
  inspect::Checklist major_checklist;  // the 20 criteria of major hidden hazards
  inspect::FrequencyTable inspection_frequencies;  // differentiated inspection intervals
  WorkingCalendar calendar;  // Chinese working days (data/holidays_cn): governance due dates
  std::string default_governance_units;  // data/governance/units.json: the units of a plan loaded without its own
  std::optional<cards::CardAssets> card_assets;
  std::vector<std::string> key_processes;
  std::string boundaries_city, boundaries_county;  // GeoJSON
  std::string boundaries_city_gz, boundaries_county_gz;  // the same, gzipped once
  std::string openapi;
  std::mutex open_mu;
  // Sessions checked and answers computed, kept while the database's generations (registry_store.h)
  // stay the same: the map's 50,000 points are computed once per change, not per request, and a quick
  // read by key (Route::cached) costs one query of the generations (decision 0006).
  service::SessionMemo sessions;
  AnswerCache answers{std::size_t{256} << 20};
  std::vector<std::unique_ptr<WorkerStores>> workers;

  // The stores of worker `index`, opened on first use.
  Result<WorkerStores*> Worker(std::size_t index);

  std::string DivisionName(const std::string& code) const {
    const Division* d = divisions.Find(code);
    return d != nullptr ? d->name : code;
  }

  // Adds a route (its handler a member function or any callable); the last route added can be made quick
  // or cached by AddRoutes' helpers.
  using Handler = std::function<ApiResponse(const ApiRequest&, RequestContext&)>;
  void Add(Method m, std::string pattern, Access access, std::string tag, std::string summary,
           std::vector<std::string> query, std::string body, Handler handler);
  // The last route added is kept by scope while the data generation stays (Route::cached); is quick
  // (Route::quick: answered on an I/O thread when the session is known), kept or not.
  void CachedLast();
  void QuickLast(bool cached);
  void AddRoutes();
  // The routes of a domain, each in its own file (platform_<domain>.cc).
  void AddRiskRoutes();
  void AddInspectRoutes();
  void AddCreditRoutes();
  void AddGovernanceRoutes();
  // nullopt only when `quick` and the request is not one to answer on an I/O thread.
  std::optional<ApiResponse> Dispatch(ApiRequest& r, std::size_t slot, bool quick);

  // Handlers.
  ApiResponse Login(const ApiRequest& r, RequestContext& c);
  ApiResponse Logout(const ApiRequest& r, RequestContext& c);
  ApiResponse Me(const ApiRequest& r, RequestContext& c);
  ApiResponse Setup(const ApiRequest& r, RequestContext& c);
  ApiResponse DashboardRoute(const ApiRequest& r, RequestContext& c);
  ApiResponse RiskMapPoints(const ApiRequest& r, RequestContext& c);
  ApiResponse Enterprises(const ApiRequest& r, RequestContext& c);
  ApiResponse EnterpriseById(const ApiRequest& r, RequestContext& c);
  ApiResponse UnitById(const ApiRequest& r, RequestContext& c);
  ApiResponse Targets(const ApiRequest& r, RequestContext& c);
  ApiResponse TargetById(const ApiRequest& r, RequestContext& c);
  ApiResponse MajorHazards(const ApiRequest& r, RequestContext& c);
  ApiResponse MajorHazardById(const ApiRequest& r, RequestContext& c);
  ApiResponse Boundaries(const ApiRequest& r, RequestContext& c);
  ApiResponse Points(const ApiRequest& r, RequestContext& c);
  ApiResponse Audit(const ApiRequest& r, RequestContext& c);
  ApiResponse Import(const ApiRequest& r, RequestContext& c);
  ApiResponse Template(const ApiRequest& r, RequestContext& c);
  ApiResponse ExportEnterprises(const ApiRequest& r, RequestContext& c);
  ApiResponse PatchEnterprise(const ApiRequest& r, RequestContext& c);
  ApiResponse Changes(const ApiRequest& r, RequestContext& c);
  ApiResponse QraRuns(const ApiRequest& r, RequestContext& c);
  ApiResponse RelocationList(const ApiRequest& r, RequestContext& c);
  ApiResponse EnterpriseQra(const ApiRequest& r, RequestContext& c);
  ApiResponse QraContours(const ApiRequest& r, RequestContext& c);
  ApiResponse QraExceedances(const ApiRequest& r, RequestContext& c);
  ApiResponse TraceEvents(const ApiRequest& r, RequestContext& c);
  ApiResponse CaptureTrace(const ApiRequest& r, RequestContext& c);
  ApiResponse TraceLineage(const ApiRequest& r, RequestContext& c);
  ApiResponse ClosedLoop(const ApiRequest& r, RequestContext& c);
  ApiResponse PatchWorkItem(const ApiRequest& r, RequestContext& c);

  Json EnterpriseJson(const registry::Enterprise& e) const;
};

}  // namespace chemsafe::api
