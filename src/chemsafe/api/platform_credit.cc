// The routes of the credit module (issue 7 "Enforcement, blacklist, insurance"; plan tasks T25–T27, T33): the
// public blacklist of serious safety-production dishonesty (安全生产严重失信主体名单, no login), the listings in
// scope with their removal and credit repair, enforcement records linked to findings, and safety liability
// insurance (安全生产责任保险) with the expiring and missing cover of the caller's scope. Who may act is
// decided by service/credit_service.h; the handlers only parse, call and encode.
#include <fmt/format.h>

#include "chemsafe/api/internal/platform_impl.h"
#include "chemsafe/core/calendar.h"
#include "chemsafe/service/credit_service.h"

namespace chemsafe::api {

namespace {

Result<int> VersionOf(const Json& body) {
  auto it = body.find("version");
  if (it == body.end() || !it->is_number_integer() || it->get<int>() < 1) {
    return InvalidArgument("version: the version this change is made to (a whole number from 1)");
  }
  return it->get<int>();
}

ApiResponse Answer(int status, const Result<service::StoredListing>& l, const ApiRequest& r) {
  if (!l.ok()) return ErrorResponse(l.status(), r.request_id);
  return JsonResponse(status, Text(Json::parse(service::ListingJson(*l).dump())));
}

ApiResponse PublicBlacklist(const ApiRequest& r, RequestContext& c) {
  auto today = Today(c);
  if (!today.ok()) return ErrorResponse(today.status(), r.request_id);
  auto on = DayQuery(r, "on", *today);
  if (!on.ok()) return ErrorResponse(on.status(), r.request_id);
  auto list = service::ListBlacklistPublic(*c.stores.credit, *on);
  if (!list.ok()) return ErrorResponse(list.status(), r.request_id);
  Json items = Json::array();
  for (const auto& l : *list) items.push_back(Json::parse(service::PublicListingJson(l).dump()));
  return Ok(Json{{"on", on->str()}, {"items", std::move(items)}});
}

ApiResponse Listings(const ApiRequest& r, RequestContext& c) {
  auto list = service::ListListingsInScope(c.credit_stores(), c.actor.principal);
  if (!list.ok()) return ErrorResponse(list.status(), r.request_id);
  Json items = Json::array();
  for (const auto& l : *list) items.push_back(Json::parse(service::ListingJson(l).dump()));
  return Ok(Json{{"items", std::move(items)}});
}

ApiResponse ListingById(const ApiRequest& r, RequestContext& c) {
  return Answer(200, service::ListingInScope(c.credit_stores(), c.actor.principal, r.params.at("id")), r);
}

ApiResponse AddListing(const ApiRequest& r, RequestContext& c) {
  auto parsed = ObjectBody(r);
  if (auto* e = std::get_if<ApiResponse>(&parsed)) return std::move(*e);
  auto listing = service::ListingFromJson(std::get<Json>(parsed));
  if (!listing.ok()) return ErrorResponse(listing.status(), r.request_id);
  return Answer(201, service::AddListingAs(c.credit_stores(), c.actor, c.stores.auth->Now(), std::move(listing).value()), r);
}

ApiResponse RemoveListing(const ApiRequest& r, RequestContext& c) {
  auto parsed = ParseBody(r, {"version", "kind", "on", "note"});
  if (auto* e = std::get_if<ApiResponse>(&parsed)) return std::move(*e);
  const Json& body = std::get<Json>(parsed);
  auto version = VersionOf(body);
  if (!version.ok()) return ErrorResponse(version.status(), r.request_id);
  auto kind_text = StringField(body, "kind", r);
  if (auto* e = std::get_if<ApiResponse>(&kind_text)) return std::move(*e);
  auto kind = credit::RemovalKindFromCode(std::get<std::string>(kind_text));
  if (!kind) return ErrorResponse(400, "bad_request", "kind: one of expired, early, revoked", r.request_id);
  auto on_text = StringField(body, "on", r);
  if (auto* e = std::get_if<ApiResponse>(&on_text)) return std::move(*e);
  auto on = Date::Parse(std::get<std::string>(on_text));
  if (!on.ok()) return ErrorResponse(400, "bad_request", "on: a date YYYY-MM-DD", r.request_id);
  auto note = StringField(body, "note", r, false);
  if (auto* e = std::get_if<ApiResponse>(&note)) return std::move(*e);
  return Answer(200,
                service::RemoveListingAs(c.credit_stores(), c.actor, c.stores.auth->Now(), r.params.at("id"), *version,
                                         *kind, *on, std::move(std::get<std::string>(note))),
                r);
}

ApiResponse ApplyRepair(const ApiRequest& r, RequestContext& c) {
  auto parsed = ParseBody(r, {"version", "note"});
  if (auto* e = std::get_if<ApiResponse>(&parsed)) return std::move(*e);
  const Json& body = std::get<Json>(parsed);
  auto version = VersionOf(body);
  if (!version.ok()) return ErrorResponse(version.status(), r.request_id);
  auto note = StringField(body, "note", r, false);
  if (auto* e = std::get_if<ApiResponse>(&note)) return std::move(*e);
  return Answer(200,
                service::ApplyRepairAs(c.credit_stores(), c.actor, c.stores.auth->Now(), r.params.at("id"), *version,
                                       std::move(std::get<std::string>(note))),
                r);
}

ApiResponse RejectRepair(const ApiRequest& r, RequestContext& c) {
  auto parsed = ParseBody(r, {"version"});
  if (auto* e = std::get_if<ApiResponse>(&parsed)) return std::move(*e);
  auto version = VersionOf(std::get<Json>(parsed));
  if (!version.ok()) return ErrorResponse(version.status(), r.request_id);
  return Answer(200, service::RejectRepairAs(c.credit_stores(), c.actor, c.stores.auth->Now(), r.params.at("id"), *version),
                r);
}

ApiResponse EnforcementRecords(const ApiRequest& r, RequestContext& c) {
  auto list = service::ListEnforcementInScope(c.credit_stores(), c.actor.principal, StrQuery(r, "enterprise"));
  if (!list.ok()) return ErrorResponse(list.status(), r.request_id);
  Json items = Json::array();
  // Newest first.
  for (auto it = list->rbegin(); it != list->rend(); ++it) items.push_back(Json::parse(service::EnforcementJson(*it).dump()));
  return Ok(Json{{"items", std::move(items)}});
}

ApiResponse RecordEnforcement(const ApiRequest& r, RequestContext& c) {
  auto parsed = ObjectBody(r);
  if (auto* e = std::get_if<ApiResponse>(&parsed)) return std::move(*e);
  auto record = service::EnforcementFromJson(std::get<Json>(parsed));
  if (!record.ok()) return ErrorResponse(record.status(), r.request_id);
  auto saved = service::RecordEnforcementAs(c.credit_stores(), c.actor, c.stores.auth->Now(), std::move(record).value());
  if (!saved.ok()) return ErrorResponse(saved.status(), r.request_id);
  return JsonResponse(201, Text(Json::parse(service::EnforcementJson(*saved).dump())));
}

ApiResponse Policies(const ApiRequest& r, RequestContext& c) {
  auto list = service::ListPoliciesInScope(c.credit_stores(), c.actor.principal, StrQuery(r, "enterprise"));
  if (!list.ok()) return ErrorResponse(list.status(), r.request_id);
  Json items = Json::array();
  for (const auto& p : *list) items.push_back(Json::parse(service::PolicyJson(p).dump()));
  return Ok(Json{{"items", std::move(items)}});
}

ApiResponse SavePolicy(const ApiRequest& r, RequestContext& c) {
  auto parsed = ObjectBody(r);
  if (auto* e = std::get_if<ApiResponse>(&parsed)) return std::move(*e);
  auto policy = service::PolicyFromJson(std::get<Json>(parsed));
  if (!policy.ok()) return ErrorResponse(policy.status(), r.request_id);
  if (r.method == Method::kPut) {
    policy->id = r.params.at("id");
    if (policy->version < 1) {
      return ErrorResponse(400, "bad_request", "version: the version this change is made to", r.request_id);
    }
  } else {
    policy->id.clear();
    policy->version = 0;
  }
  auto saved = service::SavePolicyAs(c.credit_stores(), c.actor, c.stores.auth->Now(), std::move(policy).value());
  if (!saved.ok()) return ErrorResponse(saved.status(), r.request_id);
  return JsonResponse(r.method == Method::kPut ? 200 : 201, Text(Json::parse(service::PolicyJson(*saved).dump())));
}

ApiResponse InsuranceGaps(const ApiRequest& r, RequestContext& c) {
  auto today = Today(c);
  if (!today.ok()) return ErrorResponse(today.status(), r.request_id);
  auto on = DayQuery(r, "on", *today);
  if (!on.ok()) return ErrorResponse(on.status(), r.request_id);
  credit::CoverOptions options;
  auto within = IntQuery(r, "within", options.expiring_within_days);
  if (!within.ok() || *within < 0 || *within > 366) {
    return ErrorResponse(400, "bad_request", "within: days, 0 to 366", r.request_id);
  }
  options.expiring_within_days = *within;
  auto gaps = service::InsuranceGapsInScope(c.credit_stores(), c.actor.principal, *on, options);
  if (!gaps.ok()) return ErrorResponse(gaps.status(), r.request_id);
  Json out = Json::parse(service::InsuranceGapsJson(*gaps).dump());
  out["on"] = on->str();
  out["within"] = *within;
  return Ok(out);
}

}  // namespace

void Platform::Impl::AddCreditRoutes() {
  const std::string json = "application/json";
  auto bind = [](ApiResponse (*handler)(const ApiRequest&, RequestContext&)) -> Handler { return handler; };
  Add(Method::kGet, "/api/v1/public/blacklist", Access::kPublic, "credit",
      "The published list of serious safety-production dishonesty (安全生产严重失信主体名单) in force on a day "
      "(default today); no login",
      {"on"}, "", bind(&PublicBlacklist));
  Add(Method::kGet, "/api/v1/credit/listings", Access::kSession, "credit",
      "Blacklist listings in the caller's scope, every state", {}, "", bind(&Listings));
  Add(Method::kGet, "/api/v1/credit/listings/{id}", Access::kSession, "credit", "One listing", {}, "", bind(&ListingById));
  Add(Method::kPost, "/api/v1/credit/listings", Access::kSession, "credit",
      "List an enterprise (the caller's government decides: 谁处罚、谁决定、谁负责; audited)", {}, json, bind(&AddListing));
  Add(Method::kPost, "/api/v1/credit/listings/{id}/removal", Access::kSession, "credit",
      "Remove a listing: expired, early (approving a credit repair) or revoked", {}, json, bind(&RemoveListing));
  Add(Method::kPost, "/api/v1/credit/listings/{id}/repair", Access::kSession, "credit",
      "The listed enterprise applies for credit repair (信用修复)", {}, json, bind(&ApplyRepair));
  Add(Method::kPost, "/api/v1/credit/listings/{id}/repair-rejection", Access::kSession, "credit",
      "The deciding government rejects a pending credit repair", {}, json, bind(&RejectRepair));
  Add(Method::kGet, "/api/v1/credit/enforcement", Access::kSession, "credit",
      "Enforcement records (执法检查, 违法行为, 执法决定, 行政处罚) in scope, newest first", {"enterprise"}, "",
      bind(&EnforcementRecords));
  Add(Method::kPost, "/api/v1/credit/enforcement", Access::kSession, "credit",
      "Record an enforcement action linked to findings (government officers; audited)", {}, json,
      bind(&RecordEnforcement));
  Add(Method::kGet, "/api/v1/credit/insurance", Access::kSession, "credit",
      "Safety liability insurance policies (安责险) in scope", {"enterprise"}, "", bind(&Policies));
  Add(Method::kPost, "/api/v1/credit/insurance", Access::kSession, "credit", "Record a policy (audited)", {}, json,
      bind(&SavePolicy));
  Add(Method::kPut, "/api/v1/credit/insurance/{id}", Access::kSession, "credit",
      "Change a policy: the body names the version it changes (409 when another change came first)", {}, json,
      bind(&SavePolicy));
  Add(Method::kGet, "/api/v1/credit/insurance-gaps", Access::kSession, "credit",
      "Enterprises in scope whose cover expires within N days (default 30) or is missing on a day (default today)",
      {"on", "within"}, "", bind(&InsuranceGaps));
}

}  // namespace chemsafe::api
