// The credit module as use cases (issue 7 "Enforcement, blacklist, insurance"; plan tasks T25–T27, T33): the
// blacklist of serious safety-production dishonesty (安全生产严重失信主体名单, credit/listing.h) with its public
// list, removal and credit repair; enforcement records linked to findings; safety liability insurance
// (安全生产责任保险, credit/insurance.h) with the expiring and missing cover of a scope. Every write is saved
// with an audit record in the same transaction (store/credit_store.h). Actions are dated by `at` (UTC text)
// as a date in Asia/Shanghai.
//
// Scope (as inspect_service.h and the traceability views): the province office and departments see all; city
// and county officers the enterprises of their division; grid officers their assigned enterprises; an
// enterprise user its own. An object outside the caller's scope is NotFound, as if it did not exist; one in
// scope that the caller may not act on is PermissionDenied. A listing is in scope when its enterprise is, or
// when it was decided in the caller's division. Who acts:
//   list an enterprise          province, city and county officers, for an enterprise in their scope ("谁处罚、
//                               谁决定、谁负责", 办法 Art. 4: the caller's government decides; the listing's
//                               division_code is the caller's division, "44" for the province office)
//   remove a listing            the deciding government: the province office, or a city/county officer whose
//                               division holds the listing's division_code
//   apply for credit repair     the listed enterprise's users
//   reject a repair             as remove (approving it is RemoveListingAs with kEarly)
//   record enforcement          province, city and county officers, for an enterprise in their scope
//   save an insurance policy    the enterprise's users, or a government officer (province, city, county, grid)
//                               of its scope
// Departments read only. The public blacklist needs no caller: it holds only what the 办法 publishes (no
// person's ID number: listings name enterprises by name and USCC).
// Thread-safety: as the stores passed in (one per thread).
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "chemsafe/core/calendar.h"
#include "chemsafe/core/result.h"
#include "chemsafe/credit/insurance.h"
#include "chemsafe/credit/listing.h"
#include "chemsafe/service/access.h"
#include "chemsafe/store/credit_store.h"
#include "chemsafe/store/inspect_store.h"
#include "chemsafe/store/registry_store.h"

namespace chemsafe::service {

struct CreditStores {
  store::RegistryStore& registry;
  store::CreditStore& credit;
  store::InspectStore& inspect;  // the findings enforcement records link to
};

// ---- blacklist ----

// A listing as stored: the domain value, its store id (decimal text) and version.
struct StoredListing {
  std::string id;
  credit::Listing listing;
  int version = 0;
  std::string updated_at;  // UTC text
  std::string updated_by;
};

// What the public list shows of a listing in force and published.
struct PublicListing {
  std::string id;
  std::string enterprise_name;
  std::string uscc;
  std::string reason;
  std::string legal_basis;
  std::string decision_unit;
  std::string decision_no;
  Date decided_on;
  Date period_last_day;  // credit::PeriodLastDay
};

// The published listings in force on `on` (credit::PublishedOn), by USCC then decision date. No login: the
// API serves it to the public.
Result<std::vector<PublicListing>> ListBlacklistPublic(store::CreditStore& credit, Date on);

// Lists an enterprise (`listing.decided_on` may be before `at`'s date; not after). enterprise_name comes from
// the registry, division_code from the caller. NotFound when the enterprise is not in the registry or not in
// scope; PermissionDenied for other roles; InvalidArgument naming the field (credit::ValidateListing, and
// "decided_on: after today"); FailedPrecondition when the enterprise has a listing in force on decided_on.
Result<StoredListing> AddListingAs(CreditStores s, const Actor& actor, const std::string& at, credit::Listing listing);

// Removes the listing `id` (the version the caller saw) as `kind`, taking effect on `on` (credit::CheckRemoval:
// expiry after the period, early removal after 12 months with a repair application, which it approves;
// revocation any day from the decision). FailedPrecondition when the rules refuse it or another change came
// first.
Result<StoredListing> RemoveListingAs(CreditStores s, const Actor& actor, const std::string& at, const std::string& id,
                                      int version, credit::RemovalKind kind, Date on, std::string note = {});

// The listed enterprise applies for credit repair (信用修复) on `at`'s date with a statement of what it
// corrected (required: InvalidArgument "note: missing"). FailedPrecondition as credit::CheckRepairApplication.
Result<StoredListing> ApplyRepairAs(CreditStores s, const Actor& actor, const std::string& at, const std::string& id,
                                    int version, std::string note);
// The deciding government rejects a pending application (FailedPrecondition when none is pending).
Result<StoredListing> RejectRepairAs(CreditStores s, const Actor& actor, const std::string& at, const std::string& id,
                                     int version);

// The listings in the caller's scope (any state), by USCC then decision date; one when in scope (NotFound
// otherwise).
Result<std::vector<StoredListing>> ListListingsInScope(CreditStores s, const Principal& who);
Result<StoredListing> ListingInScope(CreditStores s, const Principal& who, const std::string& id);

// The USCCs listed on `on` — every row of the blacklist, those of the trace commands included (listed_on <=
// on < ended_on, or open-ended), as the traceability checks read it — for flags wherever an enterprise appears.
Result<std::set<std::string>> BlacklistedOn(store::CreditStore& credit, Date on);

// ---- enforcement ----

// Persisted as its code: append-only.
enum class EnforcementKind : int {
  kInspection = 1,  // 执法检查
  kViolation = 2,   // 违法行为 (立案)
  kDecision = 3,    // 执法决定 (责令整改, 停产停业 …)
  kPenalty = 4,     // 行政处罚
};
std::string_view EnforcementKindCode(EnforcementKind k);  // "inspection", "violation", "decision", "penalty"
std::string_view EnforcementKindLabelZh(EnforcementKind k);
std::optional<EnforcementKind> EnforcementKindFromCode(std::string_view code);

struct Enforcement {
  std::string id;  // set by the store (decimal text)
  std::string enterprise_uscc;
  EnforcementKind kind = EnforcementKind::kInspection;
  Date date;
  std::string decision_no;   // 文书编号; may be empty
  std::string violation;     // 违法行为
  std::string legal_basis;   // 处罚依据
  std::string penalty_kind;  // 处罚种类 (警告, 罚款, 责令停产停业 …)
  std::optional<std::int64_t> fine_fen;  // 罚款 in fen (1 yuan = 100 fen)
  std::vector<std::string> finding_ids;  // linked findings (inspect_service.h ids)
  std::string division_code;  // the enterprise's, from the registry
  std::string created_at;
  std::string created_by;
};

// Records an enforcement action. NotFound for an enterprise not in the registry or not in scope;
// PermissionDenied for other roles; InvalidArgument naming the field: date (missing or after today),
// violation (required for violation and penalty), fine_fen (negative, or set for a kind other than penalty),
// finding_ids[k] (no such finding, or one of another enterprise).
Result<Enforcement> RecordEnforcementAs(CreditStores s, const Actor& actor, const std::string& at, Enforcement record);
// The records in scope, in id order (of one enterprise when `enterprise_uscc` is set).
Result<std::vector<Enforcement>> ListEnforcementInScope(CreditStores s, const Principal& who,
                                                        const std::string& enterprise_uscc = {});

// ---- insurance ----

struct StoredPolicy {
  std::string id;  // set by the store (decimal text); empty for a new policy
  credit::Policy policy;
  int version = 0;  // the version a change is made to
  std::string updated_at;
  std::string updated_by;
};

// Saves a new policy (id empty) or a change of one (with the version the caller saw). NotFound for an
// enterprise (or policy) not in scope; PermissionDenied for other roles; InvalidArgument naming the field
// (credit::ValidatePolicy; "enterprise_uscc: a policy stays with its enterprise"); AlreadyExists for an
// insurer's policy number already stored; FailedPrecondition when another change came first.
Result<StoredPolicy> SavePolicyAs(CreditStores s, const Actor& actor, const std::string& at, StoredPolicy policy);
// The policies in scope, by enterprise then valid_to (of one enterprise when `enterprise_uscc` is set).
Result<std::vector<StoredPolicy>> ListPoliciesInScope(CreditStores s, const Principal& who,
                                                      const std::string& enterprise_uscc = {});

struct CoverGap {
  std::string enterprise_uscc;
  std::string enterprise_name;
  std::string division_code;
  // kExpiring: the policy covering `on` that ends soonest after it; kExpired: none covers `on` and this is the
  // one that ended last (missing cover); nullopt with kExpired: never insured (missing cover).
  credit::PolicyState state = credit::PolicyState::kExpired;
  std::optional<StoredPolicy> policy;
  std::optional<int> days_left;  // for kExpiring: valid_to - on
};
struct InsuranceGaps {
  std::vector<CoverGap> expiring;  // covered on `on`, but every covering policy expires soon
  std::vector<CoverGap> missing;   // no policy covers `on`
};
// The cover of the enterprises in the caller's scope on `on` (the supervisors' list), by USCC.
Result<InsuranceGaps> InsuranceGapsInScope(CreditStores s, const Principal& who, Date on,
                                           const credit::CoverOptions& options = {});

// ---- JSON codecs (the store's bodies, the API): errors name the JSON path ----
// Listing input: uscc, reason, legal_basis, decision_unit, decision_no, decided_on, publish (default true);
// the rest is set by the service. Output adds id, version, enterprise_name, division_code, period_last_day,
// removal, repair.
nlohmann::ordered_json ListingJson(const StoredListing& listing, const credit::ListingRules& rules = {});
Result<credit::Listing> ListingFromJson(const nlohmann::json& j);
nlohmann::ordered_json PublicListingJson(const PublicListing& listing);
nlohmann::ordered_json EnforcementJson(const Enforcement& record);
Result<Enforcement> EnforcementFromJson(const nlohmann::json& j);
nlohmann::ordered_json PolicyJson(const StoredPolicy& policy);
Result<StoredPolicy> PolicyFromJson(const nlohmann::json& j);
nlohmann::ordered_json InsuranceGapsJson(const InsuranceGaps& gaps);

}  // namespace chemsafe::service
