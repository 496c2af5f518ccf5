// The credit use cases (credit_service.h): load, check scope and role, apply the credit:: rules, save with the
// audit record.
#include "chemsafe/service/credit_service.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <map>

#include <fmt/format.h>

#include "chemsafe/service/internal/json_reader.h"
#include "chemsafe/service/trace_views.h"

namespace chemsafe::service {
namespace {

using json = nlohmann::json;
using ordered_json = nlohmann::ordered_json;
using internal::JsonReader;

// The Asia/Shanghai date (UTC+8, no daylight saving since 1991) of the UTC text `at`.
Result<Date> DayOf(const std::string& at) {
  const auto t = ParseUtcText(at);
  if (!t) return InvalidArgument(fmt::format("at: \"{}\" is not a UTC time", at));
  return Date{std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(*t + std::chrono::hours(8))}};
}

std::int64_t KeyOf(const std::string& id) {
  std::int64_t v = 0;
  const auto res = std::from_chars(id.data(), id.data() + id.size(), v);
  return res.ec == std::errc() && res.ptr == id.data() + id.size() && v > 0 ? v : 0;
}

Date DayOrNone(const std::string& text) {
  if (text.empty()) return Date{};
  auto d = Date::Parse(text);
  return d.ok() ? *d : Date{};
}
std::string TextOrEmpty(const Date& d) { return d == Date{} ? std::string() : d.str(); }
ordered_json DayJson(const Date& d) { return d == Date{} ? ordered_json(nullptr) : ordered_json(d.str()); }

// Province, city and county officers: the governments that decide listings and penalties.
bool Decides(const Principal& who) {
  return who.role == Role::kProvince || who.role == Role::kCity || who.role == Role::kCounty;
}

Status Denied(const Principal& who, std::string_view what) {
  return PermissionDenied(fmt::format("{} ({}) may not {}", who.username, RoleCode(who.role), what));
}

// ---- listings ----

StoredListing FromRecord(const store::ListingRecord& r) {
  StoredListing s;
  s.id = std::to_string(r.id);
  credit::Listing& l = s.listing;
  l.uscc = r.uscc;
  l.enterprise_name = r.enterprise_name;
  l.reason = r.reason;
  l.legal_basis = r.legal_basis;
  l.decision_unit = r.decision_unit.empty() ? r.authority : r.decision_unit;
  l.decision_no = r.decision_no;
  l.decided_on = DayOrNone(r.decided_on.empty() ? r.listed_on : r.decided_on);
  l.division_code = r.division_code;
  l.publish = r.publish;
  if (r.removal_kind != 0) {
    l.removal = static_cast<credit::RemovalKind>(r.removal_kind);
    l.removed_on = DayOrNone(r.ended_on);
  }
  l.removal_note = r.removal_note;
  l.repair.decision = static_cast<credit::RepairDecision>(r.repair_decision);
  l.repair.applied_on = DayOrNone(r.repair_applied_on);
  l.repair.note = r.repair_note;
  l.repair.decided_on = DayOrNone(r.repair_decided_on);
  s.version = r.version;
  s.updated_at = r.updated_at;
  s.updated_by = r.updated_by;
  return s;
}

store::ListingRecord ToRecord(const StoredListing& s) {
  const credit::Listing& l = s.listing;
  store::ListingRecord r;
  r.id = KeyOf(s.id);
  r.uscc = l.uscc;
  r.enterprise_name = l.enterprise_name;
  r.listed_on = l.decided_on.str();
  r.ended_on = credit::EndsOn(l).str();
  r.authority = l.decision_unit;
  r.reason = l.reason;
  r.legal_basis = l.legal_basis;
  r.decision_unit = l.decision_unit;
  r.decision_no = l.decision_no;
  r.decided_on = l.decided_on.str();
  r.division_code = l.division_code;
  r.publish = l.publish;
  r.removal_kind = l.removal ? static_cast<int>(*l.removal) : 0;
  r.removal_note = l.removal_note;
  r.repair_applied_on = TextOrEmpty(l.repair.applied_on);
  r.repair_note = l.repair.note;
  r.repair_decision = static_cast<int>(l.repair.decision);
  r.repair_decided_on = TextOrEmpty(l.repair.decided_on);
  r.version = s.version;
  return r;
}

Result<StoredListing> SaveListing(CreditStores s, const Actor& actor, const std::string& at, StoredListing l,
                                  std::string_view action) {
  store::ListingRecord r = ToRecord(l);
  r.updated_at = at;
  r.updated_by = actor.principal.username;
  audit::AuditRecord audit = AuditOf(actor, at, action, "", fmt::format("ok: {}", l.listing.uscc));
  CHEMSAFE_RETURN_IF_ERROR(s.credit.SaveListing(r, audit));
  return FromRecord(r);
}

bool ListingInScopeOf(const TraceScope& scope, const Principal& who, const store::ListingRecord& r) {
  if (scope.Holds(r.uscc)) return true;
  if (who.role != Role::kCity && who.role != Role::kCounty) return false;
  return !r.division_code.empty() && r.division_code.starts_with(who.DivisionPrefix());
}

// The deciding government of the listing: the province office, or the city/county holding its division.
bool DecidedBy(const Principal& who, const credit::Listing& l) {
  if (who.role == Role::kProvince) return true;
  if (who.role != Role::kCity && who.role != Role::kCounty) return false;
  return !l.division_code.empty() && l.division_code.starts_with(who.DivisionPrefix());
}

Result<StoredListing> LoadListing(CreditStores s, const Principal& who, const std::string& id) {
  const Status not_found = NotFound(fmt::format("listing {}: not found", id));
  const std::int64_t key = KeyOf(id);
  if (key == 0) return not_found;
  CHEMSAFE_ASSIGN_OR_RETURN(auto r, s.credit.FindListing(key));
  if (!r) return not_found;
  CHEMSAFE_ASSIGN_OR_RETURN(TraceScope scope, TraceScopeOf(s.registry, who));
  if (!ListingInScopeOf(scope, who, *r)) return not_found;
  return FromRecord(*r);
}

// Loads the listing `id` at `version` for a change the deciding government makes.
Result<StoredListing> LoadForDecision(CreditStores s, const Principal& who, const std::string& id, int version,
                                      std::string_view what) {
  CHEMSAFE_ASSIGN_OR_RETURN(StoredListing l, LoadListing(s, who, id));
  if (!DecidedBy(who, l.listing)) return Denied(who, fmt::format("{} listing {}", what, id));
  l.version = version;
  return l;
}

// Every page of a store list.
template <typename Record, typename Filter, typename List>
Result<std::vector<Record>> AllPages(Filter f, List list) {
  std::vector<Record> out;
  f.offset = 0;
  for (;;) {
    CHEMSAFE_ASSIGN_OR_RETURN(std::vector<Record> page, list(f));
    const std::size_t n = page.size();
    for (auto& r : page) out.push_back(std::move(r));
    if (n < static_cast<std::size_t>(f.limit)) return out;
    f.offset += f.limit;
  }
}

Result<std::vector<store::ListingRecord>> AllListings(store::CreditStore& credit, const store::ListingFilter& f) {
  return AllPages<store::ListingRecord>(f, [&](const store::ListingFilter& g) { return credit.ListListings(g); });
}

// The registry's enterprise `uscc` when in the caller's scope; NotFound otherwise.
Result<registry::Enterprise> EnterpriseInScope(CreditStores s, const Principal& who, const std::string& uscc) {
  const Status not_found = NotFound(fmt::format("enterprise {}: not found", uscc));
  if (uscc.empty()) return InvalidArgument("enterprise_uscc: missing");
  CHEMSAFE_ASSIGN_OR_RETURN(auto e, s.registry.FindEnterprise(uscc));
  if (!e) return not_found;
  CHEMSAFE_ASSIGN_OR_RETURN(TraceScope scope, TraceScopeOf(s.registry, who));
  if (!scope.Holds(uscc)) return not_found;
  return *e;
}

// The store filter of the caller's scope for enterprise-keyed rows; false when the scope holds nothing.
Result<bool> CreditFilterOf(CreditStores s, const Principal& who, const std::string& enterprise_uscc,
                            store::CreditFilter& f) {
  CHEMSAFE_ASSIGN_OR_RETURN(TraceScope scope, TraceScopeOf(s.registry, who));
  if (!enterprise_uscc.empty()) {
    f.enterprises = {enterprise_uscc};
    return scope.Holds(enterprise_uscc);
  }
  if (scope.all) return true;
  if (scope.usccs.empty()) return false;
  if (who.role == Role::kCity || who.role == Role::kCounty) {
    f.division_prefix = who.DivisionPrefix();
  } else {
    f.enterprises.assign(scope.usccs.begin(), scope.usccs.end());
  }
  return true;
}

// The rows of the caller's scope (`list` one store page), each made a value by `convert`.
template <typename Value, typename Record, typename List, typename Convert>
Result<std::vector<Value>> ValuesInScope(CreditStores s, const Principal& who, const std::string& enterprise_uscc,
                                         List list, Convert convert) {
  std::vector<Value> out;
  store::CreditFilter f;
  CHEMSAFE_ASSIGN_OR_RETURN(bool any, CreditFilterOf(s, who, enterprise_uscc, f));
  if (!any) return out;
  CHEMSAFE_ASSIGN_OR_RETURN(auto rows, AllPages<Record>(f, list));
  for (const auto& r : rows) {
    CHEMSAFE_ASSIGN_OR_RETURN(Value v, convert(r));
    out.push_back(std::move(v));
  }
  return out;
}

// ---- enforcement and policies ----

Result<Enforcement> EnforcementFromRecord(const store::EnforcementRecord& r) {
  const json body = json::parse(r.body, nullptr, false);
  if (body.is_discarded()) return Internal(fmt::format("enforcement record {}: stored body is not JSON", r.id));
  auto e = EnforcementFromJson(body);
  if (!e.ok()) return Internal(fmt::format("enforcement record {}: stored body: {}", r.id, e.status().message()));
  e->id = std::to_string(r.id);
  e->created_at = r.created_at;
  e->created_by = r.created_by;
  return e;
}

Result<StoredPolicy> PolicyFromRecord(const store::PolicyRecord& r) {
  const json body = json::parse(r.body, nullptr, false);
  if (body.is_discarded()) return Internal(fmt::format("policy {}: stored body is not JSON", r.id));
  auto p = PolicyFromJson(body);
  if (!p.ok()) return Internal(fmt::format("policy {}: stored body: {}", r.id, p.status().message()));
  p->id = std::to_string(r.id);
  p->version = r.version;
  p->updated_at = r.updated_at;
  p->updated_by = r.updated_by;
  return p;
}

}  // namespace

// ---- blacklist ----

Result<std::vector<PublicListing>> ListBlacklistPublic(store::CreditStore& credit, Date on) {
  CHEMSAFE_ASSIGN_OR_RETURN(auto rows, AllListings(credit, {}));
  std::vector<PublicListing> out;
  for (const auto& r : rows) {
    if (!r.publish || r.decided_on.empty()) continue;  // trace's own rows carry no decision: never published
    const StoredListing s = FromRecord(r);
    const credit::Listing& l = s.listing;
    if (!credit::PublishedOn(l, on)) continue;
    out.push_back({s.id, l.enterprise_name, l.uscc, l.reason, l.legal_basis, l.decision_unit, l.decision_no,
                   l.decided_on, credit::PeriodLastDay(l)});
  }
  std::stable_sort(out.begin(), out.end(), [](const PublicListing& a, const PublicListing& b) {
    return std::tie(a.uscc, a.decided_on) < std::tie(b.uscc, b.decided_on);
  });
  return out;
}

Result<StoredListing> AddListingAs(CreditStores s, const Actor& actor, const std::string& at, credit::Listing listing) {
  const Principal& who = actor.principal;
  CHEMSAFE_ASSIGN_OR_RETURN(Date today, DayOf(at));
  CHEMSAFE_ASSIGN_OR_RETURN(registry::Enterprise e, EnterpriseInScope(s, who, listing.uscc));
  if (!Decides(who)) return Denied(who, "list an enterprise on the blacklist");
  listing.enterprise_name = e.name;
  listing.division_code = who.DivisionPrefix();
  listing.removal.reset();
  listing.removed_on = Date{};
  listing.removal_note.clear();
  listing.repair = {};
  CHEMSAFE_RETURN_IF_ERROR(credit::ValidateListing(listing));
  if (today < listing.decided_on) {
    return InvalidArgument(fmt::format("decided_on: {} is after today ({})", listing.decided_on.str(), today.str()));
  }
  store::ListingFilter f;
  f.uscc = listing.uscc;
  CHEMSAFE_ASSIGN_OR_RETURN(auto existing, AllListings(s.credit, f));
  for (const auto& r : existing) {
    const bool open_ended = r.ended_on.empty();
    if (r.listed_on <= listing.decided_on.str() && (open_ended || listing.decided_on.str() < r.ended_on)) {
      return FailedPrecondition(fmt::format("uscc: {} is already listed (listing {}) on {}", listing.uscc, r.id,
                                            listing.decided_on.str()));
    }
  }
  StoredListing l;
  l.listing = std::move(listing);
  return SaveListing(s, actor, at, std::move(l), "blacklist.add");
}

Result<StoredListing> RemoveListingAs(CreditStores s, const Actor& actor, const std::string& at, const std::string& id,
                                      int version, credit::RemovalKind kind, Date on, std::string note) {
  CHEMSAFE_ASSIGN_OR_RETURN(Date today, DayOf(at));
  CHEMSAFE_ASSIGN_OR_RETURN(StoredListing l, LoadForDecision(s, actor.principal, id, version, "remove"));
  if (today < on) return InvalidArgument(fmt::format("on: {} is after today ({})", on.str(), today.str()));
  CHEMSAFE_RETURN_IF_ERROR(credit::CheckRemoval(l.listing, kind, on));
  credit::Listing& x = l.listing;
  // An expiry is recorded as ending the day after the period's last day, whenever it is recorded.
  x.removed_on = kind == credit::RemovalKind::kExpired ? credit::EndsOn(x) : on;
  x.removal = kind;
  x.removal_note = std::move(note);
  if (kind == credit::RemovalKind::kEarly) {
    x.repair.decision = credit::RepairDecision::kApproved;
    x.repair.decided_on = on;
  }
  return SaveListing(s, actor, at, std::move(l), "blacklist.remove");
}

Result<StoredListing> ApplyRepairAs(CreditStores s, const Actor& actor, const std::string& at, const std::string& id,
                                    int version, std::string note) {
  const Principal& who = actor.principal;
  CHEMSAFE_ASSIGN_OR_RETURN(Date today, DayOf(at));
  CHEMSAFE_ASSIGN_OR_RETURN(StoredListing l, LoadListing(s, who, id));
  if (who.role != Role::kEnterprise || who.enterprise_uscc != l.listing.uscc) {
    return Denied(who, fmt::format("apply for credit repair of listing {}", id));
  }
  if (note.empty()) return InvalidArgument("note: missing");
  CHEMSAFE_RETURN_IF_ERROR(credit::CheckRepairApplication(l.listing, today));
  l.version = version;
  l.listing.repair = {credit::RepairDecision::kPending, today, std::move(note), Date{}};
  return SaveListing(s, actor, at, std::move(l), "blacklist.repair.apply");
}

Result<StoredListing> RejectRepairAs(CreditStores s, const Actor& actor, const std::string& at, const std::string& id,
                                     int version) {
  CHEMSAFE_ASSIGN_OR_RETURN(Date today, DayOf(at));
  CHEMSAFE_ASSIGN_OR_RETURN(StoredListing l, LoadForDecision(s, actor.principal, id, version, "decide on"));
  if (l.listing.repair.decision != credit::RepairDecision::kPending) {
    return FailedPrecondition(fmt::format("listing {}: no credit repair application is pending", id));
  }
  l.listing.repair.decision = credit::RepairDecision::kRejected;
  l.listing.repair.decided_on = today;
  return SaveListing(s, actor, at, std::move(l), "blacklist.repair.reject");
}

Result<std::vector<StoredListing>> ListListingsInScope(CreditStores s, const Principal& who) {
  std::vector<StoredListing> out;
  if (!who.SeesBusinessData()) return out;
  CHEMSAFE_ASSIGN_OR_RETURN(TraceScope scope, TraceScopeOf(s.registry, who));
  CHEMSAFE_ASSIGN_OR_RETURN(auto rows, AllListings(s.credit, {}));
  for (const auto& r : rows) {
    if (ListingInScopeOf(scope, who, r)) out.push_back(FromRecord(r));
  }
  return out;
}

Result<StoredListing> ListingInScope(CreditStores s, const Principal& who, const std::string& id) {
  return LoadListing(s, who, id);
}

Result<std::set<std::string>> BlacklistedOn(store::CreditStore& credit, Date on) {
  CHEMSAFE_ASSIGN_OR_RETURN(auto rows, AllListings(credit, {}));
  const std::string day = on.str();
  std::set<std::string> out;
  for (const auto& r : rows) {
    if (r.listed_on <= day && (r.ended_on.empty() || day < r.ended_on)) out.insert(r.uscc);
  }
  return out;
}

// ---- enforcement ----

std::string_view EnforcementKindCode(EnforcementKind k) {
  switch (k) {
    case EnforcementKind::kInspection: return "inspection";
    case EnforcementKind::kViolation: return "violation";
    case EnforcementKind::kDecision: return "decision";
    case EnforcementKind::kPenalty: return "penalty";
  }
  return "?";
}
std::string_view EnforcementKindLabelZh(EnforcementKind k) {
  switch (k) {
    case EnforcementKind::kInspection: return "执法检查";
    case EnforcementKind::kViolation: return "违法行为";
    case EnforcementKind::kDecision: return "执法决定";
    case EnforcementKind::kPenalty: return "行政处罚";
  }
  return "?";
}
std::optional<EnforcementKind> EnforcementKindFromCode(std::string_view code) {
  for (EnforcementKind k : {EnforcementKind::kInspection, EnforcementKind::kViolation, EnforcementKind::kDecision,
                            EnforcementKind::kPenalty}) {
    if (EnforcementKindCode(k) == code) return k;
  }
  return std::nullopt;
}

Result<Enforcement> RecordEnforcementAs(CreditStores s, const Actor& actor, const std::string& at, Enforcement rec) {
  const Principal& who = actor.principal;
  CHEMSAFE_ASSIGN_OR_RETURN(Date today, DayOf(at));
  CHEMSAFE_ASSIGN_OR_RETURN(registry::Enterprise e, EnterpriseInScope(s, who, rec.enterprise_uscc));
  if (!Decides(who)) return Denied(who, "record enforcement");
  if (rec.date == Date{}) return InvalidArgument("date: missing");
  if (today < rec.date) return InvalidArgument(fmt::format("date: {} is after today ({})", rec.date.str(), today.str()));
  if ((rec.kind == EnforcementKind::kViolation || rec.kind == EnforcementKind::kPenalty) && rec.violation.empty()) {
    return InvalidArgument("violation: missing");
  }
  if (rec.fine_fen) {
    if (*rec.fine_fen < 0) return InvalidArgument("fine_fen: must not be negative");
    if (rec.kind != EnforcementKind::kPenalty) return InvalidArgument("fine_fen: only a penalty has a fine");
  }
  std::vector<std::int64_t> findings;
  for (std::size_t k = 0; k < rec.finding_ids.size(); ++k) {
    const std::int64_t key = KeyOf(rec.finding_ids[k]);
    std::optional<store::FindingRecord> f;
    if (key != 0) {
      CHEMSAFE_ASSIGN_OR_RETURN(f, s.inspect.FindFinding(key));
    }
    if (!f) return InvalidArgument(fmt::format("finding_ids[{}]: no finding {}", k, rec.finding_ids[k]));
    if (f->enterprise_uscc != rec.enterprise_uscc) {
      return InvalidArgument(fmt::format("finding_ids[{}]: finding {} is of another enterprise", k, rec.finding_ids[k]));
    }
    findings.push_back(key);
  }
  rec.id.clear();
  rec.division_code = e.division_code;
  rec.created_at = at;
  rec.created_by = who.username;
  store::EnforcementRecord r;
  r.enterprise_uscc = rec.enterprise_uscc;
  r.kind = static_cast<int>(rec.kind);
  r.date = rec.date.str();
  r.decision_no = rec.decision_no;
  r.violation = rec.violation;
  r.legal_basis = rec.legal_basis;
  r.penalty_kind = rec.penalty_kind;
  r.fine_fen = rec.fine_fen;
  r.finding_ids = findings;
  r.division_code = rec.division_code;
  r.body = EnforcementJson(rec).dump();
  r.created_at = at;
  r.created_by = who.username;
  audit::AuditRecord audit =
      AuditOf(actor, at, "enforcement.record", "", fmt::format("ok: {} {}", EnforcementKindCode(rec.kind), rec.enterprise_uscc));
  CHEMSAFE_RETURN_IF_ERROR(s.credit.SaveEnforcement(r, audit));
  rec.id = std::to_string(r.id);
  return rec;
}

Result<std::vector<Enforcement>> ListEnforcementInScope(CreditStores s, const Principal& who,
                                                        const std::string& enterprise_uscc) {
  return ValuesInScope<Enforcement, store::EnforcementRecord>(
      s, who, enterprise_uscc, [&](const store::CreditFilter& g) { return s.credit.ListEnforcement(g); },
      EnforcementFromRecord);
}

// ---- insurance ----

Result<StoredPolicy> SavePolicyAs(CreditStores s, const Actor& actor, const std::string& at, StoredPolicy p) {
  const Principal& who = actor.principal;
  CHEMSAFE_RETURN_IF_ERROR(DayOf(at).status());
  CHEMSAFE_RETURN_IF_ERROR(EnterpriseInScope(s, who, p.policy.enterprise_uscc).status());
  const bool own = who.role == Role::kEnterprise && who.enterprise_uscc == p.policy.enterprise_uscc;
  if (!own && !Decides(who) && who.role != Role::kGrid) return Denied(who, "save an insurance policy");
  CHEMSAFE_RETURN_IF_ERROR(credit::ValidatePolicy(p.policy));
  store::PolicyRecord r;
  if (!p.id.empty()) {
    const Status not_found = NotFound(fmt::format("policy {}: not found", p.id));
    r.id = KeyOf(p.id);
    if (r.id == 0) return not_found;
    CHEMSAFE_ASSIGN_OR_RETURN(auto was, s.credit.FindPolicy(r.id));
    if (!was) return not_found;
    CHEMSAFE_ASSIGN_OR_RETURN(TraceScope scope, TraceScopeOf(s.registry, who));
    if (!scope.Holds(was->enterprise_uscc)) return not_found;
    if (was->enterprise_uscc != p.policy.enterprise_uscc) {
      return InvalidArgument("enterprise_uscc: a policy stays with its enterprise");
    }
    r.version = p.version;
  }
  const credit::Policy& x = p.policy;
  r.enterprise_uscc = x.enterprise_uscc;
  r.insurer = x.insurer;
  r.policy_no = x.policy_no;
  r.valid_from = x.valid_from.str();
  r.valid_to = x.valid_to.str();
  r.insured_amount_fen = x.insured_amount_fen;
  r.persons_covered = x.persons_covered;
  p.updated_at = at;
  p.updated_by = who.username;
  r.body = PolicyJson(p).dump();
  r.updated_at = at;
  r.updated_by = who.username;
  audit::AuditRecord audit = AuditOf(actor, at, "insurance.save", "", fmt::format("ok: {}", x.enterprise_uscc));
  CHEMSAFE_RETURN_IF_ERROR(s.credit.SavePolicy(r, audit));
  p.id = std::to_string(r.id);
  p.version = r.version;
  return p;
}

Result<std::vector<StoredPolicy>> ListPoliciesInScope(CreditStores s, const Principal& who,
                                                      const std::string& enterprise_uscc) {
  return ValuesInScope<StoredPolicy, store::PolicyRecord>(
      s, who, enterprise_uscc, [&](const store::CreditFilter& g) { return s.credit.ListPolicies(g); },
      PolicyFromRecord);
}

Result<InsuranceGaps> InsuranceGapsInScope(CreditStores s, const Principal& who, Date on,
                                           const credit::CoverOptions& options) {
  InsuranceGaps gaps;
  if (!who.SeesBusinessData()) return gaps;
  CHEMSAFE_ASSIGN_OR_RETURN(TraceScope scope, TraceScopeOf(s.registry, who));
  CHEMSAFE_ASSIGN_OR_RETURN(auto policies, ListPoliciesInScope(s, who));
  std::map<std::string, std::vector<const StoredPolicy*>> by_enterprise;
  for (const auto& p : policies) by_enterprise[p.policy.enterprise_uscc].push_back(&p);
  std::map<std::string, registry::Enterprise> enterprises;
  CHEMSAFE_RETURN_IF_ERROR(s.registry.ForEachEnterprise([&](const registry::Enterprise& e) {
    if (scope.Holds(e.uscc)) enterprises.emplace(e.uscc, e);
    return Status::Ok();
  }));
  for (const auto& [uscc, e] : enterprises) {
    const StoredPolicy* covering = nullptr;  // the covering policy that runs longest
    const StoredPolicy* last = nullptr;      // the policy that ended last before `on`
    for (const StoredPolicy* p : by_enterprise[uscc]) {
      if (credit::CoveredOn(p->policy, on)) {
        if (covering == nullptr || covering->policy.valid_to < p->policy.valid_to) covering = p;
      } else if (p->policy.valid_to < on && (last == nullptr || last->policy.valid_to < p->policy.valid_to)) {
        last = p;
      }
    }
    CoverGap g{uscc, e.name, e.division_code, credit::PolicyState::kExpired, std::nullopt, std::nullopt};
    if (covering != nullptr) {
      if (credit::PolicyStateOn(covering->policy, on, options) != credit::PolicyState::kExpiring) continue;
      g.state = credit::PolicyState::kExpiring;
      g.policy = *covering;
      g.days_left = static_cast<int>((covering->policy.valid_to.days() - on.days()).count());
      gaps.expiring.push_back(std::move(g));
    } else {
      if (last != nullptr) g.policy = *last;
      gaps.missing.push_back(std::move(g));
    }
  }
  return gaps;
}

// ---- JSON ----

ordered_json ListingJson(const StoredListing& s, const credit::ListingRules& rules) {
  const credit::Listing& l = s.listing;
  const bool dated = l.decided_on != Date{};
  return {{"id", s.id},
          {"version", s.version},
          {"uscc", l.uscc},
          {"enterprise_name", l.enterprise_name},
          {"reason", l.reason},
          {"legal_basis", l.legal_basis},
          {"decision_unit", l.decision_unit},
          {"decision_no", l.decision_no},
          {"decided_on", DayJson(l.decided_on)},
          {"period_last_day", dated ? DayJson(credit::PeriodLastDay(l, rules)) : ordered_json(nullptr)},
          {"early_removal_from", dated ? DayJson(credit::EarlyRemovalFrom(l, rules)) : ordered_json(nullptr)},
          {"division_code", l.division_code},
          {"publish", l.publish},
          {"removal",
           l.removal ? ordered_json{{"kind", credit::RemovalKindCode(*l.removal)},
                                    {"kind_zh", credit::RemovalKindLabelZh(*l.removal)},
                                    {"on", DayJson(l.removed_on)},
                                    {"note", l.removal_note}}
                     : ordered_json(nullptr)},
          {"repair",
           {{"decision", credit::RepairDecisionCode(l.repair.decision)},
            {"applied_on", DayJson(l.repair.applied_on)},
            {"note", l.repair.note},
            {"decided_on", DayJson(l.repair.decided_on)}}},
          {"updated_at", s.updated_at},
          {"updated_by", s.updated_by}};
}

Result<credit::Listing> ListingFromJson(const json& j) {
  if (!j.is_object()) return InvalidArgument("listing: not a JSON object");
  const JsonReader r(j, "");
  credit::Listing l;
  CHEMSAFE_ASSIGN_OR_RETURN(l.uscc, r.Text("uscc", true));
  CHEMSAFE_ASSIGN_OR_RETURN(l.reason, r.Text("reason", true));
  CHEMSAFE_ASSIGN_OR_RETURN(l.legal_basis, r.Text("legal_basis", true));
  CHEMSAFE_ASSIGN_OR_RETURN(l.decision_unit, r.Text("decision_unit", true));
  CHEMSAFE_ASSIGN_OR_RETURN(l.decision_no, r.Text("decision_no", false));
  CHEMSAFE_ASSIGN_OR_RETURN(l.decided_on, r.Day("decided_on"));
  if (r.Has("publish")) {
    if (!r.At("publish").is_boolean()) return InvalidArgument("publish: not true or false");
    l.publish = r.At("publish").get<bool>();
  }
  return l;
}

ordered_json PublicListingJson(const PublicListing& p) {
  return {{"id", p.id},
          {"enterprise_name", p.enterprise_name},
          {"uscc", p.uscc},
          {"reason", p.reason},
          {"legal_basis", p.legal_basis},
          {"decision_unit", p.decision_unit},
          {"decision_no", p.decision_no},
          {"decided_on", DayJson(p.decided_on)},
          {"period_last_day", DayJson(p.period_last_day)}};
}

ordered_json EnforcementJson(const Enforcement& e) {
  return {{"id", e.id},
          {"enterprise_uscc", e.enterprise_uscc},
          {"kind", EnforcementKindCode(e.kind)},
          {"kind_zh", EnforcementKindLabelZh(e.kind)},
          {"date", DayJson(e.date)},
          {"decision_no", e.decision_no},
          {"violation", e.violation},
          {"legal_basis", e.legal_basis},
          {"penalty_kind", e.penalty_kind},
          {"fine_fen", e.fine_fen ? ordered_json(*e.fine_fen) : ordered_json(nullptr)},
          {"finding_ids", e.finding_ids},
          {"division_code", e.division_code},
          {"created_at", e.created_at},
          {"created_by", e.created_by}};
}

Result<Enforcement> EnforcementFromJson(const json& j) {
  if (!j.is_object()) return InvalidArgument("enforcement: not a JSON object");
  const JsonReader r(j, "");
  Enforcement e;
  CHEMSAFE_ASSIGN_OR_RETURN(e.id, r.Text("id", false));
  CHEMSAFE_ASSIGN_OR_RETURN(e.enterprise_uscc, r.Text("enterprise_uscc", true));
  CHEMSAFE_ASSIGN_OR_RETURN(e.kind, r.Code<EnforcementKind>("kind", EnforcementKindFromCode,
                                                            "inspection, violation, decision, penalty"));
  CHEMSAFE_ASSIGN_OR_RETURN(e.date, r.Day("date"));
  CHEMSAFE_ASSIGN_OR_RETURN(e.decision_no, r.Text("decision_no", false));
  CHEMSAFE_ASSIGN_OR_RETURN(e.violation, r.Text("violation", false));
  CHEMSAFE_ASSIGN_OR_RETURN(e.legal_basis, r.Text("legal_basis", false));
  CHEMSAFE_ASSIGN_OR_RETURN(e.penalty_kind, r.Text("penalty_kind", false));
  if (r.Has("fine_fen")) {
    if (!r.At("fine_fen").is_number_integer()) return InvalidArgument("fine_fen: not an integer (fen)");
    e.fine_fen = r.At("fine_fen").get<std::int64_t>();
  }
  CHEMSAFE_ASSIGN_OR_RETURN(e.finding_ids, r.Texts("finding_ids"));
  CHEMSAFE_ASSIGN_OR_RETURN(e.division_code, r.Text("division_code", false));
  CHEMSAFE_ASSIGN_OR_RETURN(e.created_at, r.Text("created_at", false));
  CHEMSAFE_ASSIGN_OR_RETURN(e.created_by, r.Text("created_by", false));
  return e;
}

ordered_json PolicyJson(const StoredPolicy& s) {
  const credit::Policy& p = s.policy;
  return {{"id", s.id},
          {"version", s.version},
          {"enterprise_uscc", p.enterprise_uscc},
          {"insurer", p.insurer},
          {"policy_no", p.policy_no},
          {"valid_from", DayJson(p.valid_from)},
          {"valid_to", DayJson(p.valid_to)},
          {"insured_amount_fen", p.insured_amount_fen},
          {"persons_covered", p.persons_covered},
          {"updated_at", s.updated_at},
          {"updated_by", s.updated_by}};
}

Result<StoredPolicy> PolicyFromJson(const json& j) {
  if (!j.is_object()) return InvalidArgument("policy: not a JSON object");
  const JsonReader r(j, "");
  StoredPolicy s;
  credit::Policy& p = s.policy;
  CHEMSAFE_ASSIGN_OR_RETURN(s.id, r.Text("id", false));
  CHEMSAFE_ASSIGN_OR_RETURN(auto version, r.Int("version"));
  s.version = version.value_or(0);
  CHEMSAFE_ASSIGN_OR_RETURN(p.enterprise_uscc, r.Text("enterprise_uscc", true));
  CHEMSAFE_ASSIGN_OR_RETURN(p.insurer, r.Text("insurer", true));
  CHEMSAFE_ASSIGN_OR_RETURN(p.policy_no, r.Text("policy_no", true));
  CHEMSAFE_ASSIGN_OR_RETURN(p.valid_from, r.Day("valid_from"));
  CHEMSAFE_ASSIGN_OR_RETURN(p.valid_to, r.Day("valid_to"));
  if (!r.Has("insured_amount_fen")) return InvalidArgument("insured_amount_fen: missing");
  if (!r.At("insured_amount_fen").is_number_integer()) {
    return InvalidArgument("insured_amount_fen: not an integer (fen)");
  }
  p.insured_amount_fen = r.At("insured_amount_fen").get<std::int64_t>();
  CHEMSAFE_ASSIGN_OR_RETURN(auto persons, r.Int("persons_covered"));
  p.persons_covered = persons.value_or(0);
  CHEMSAFE_ASSIGN_OR_RETURN(s.updated_at, r.Text("updated_at", false));
  CHEMSAFE_ASSIGN_OR_RETURN(s.updated_by, r.Text("updated_by", false));
  return s;
}

ordered_json InsuranceGapsJson(const InsuranceGaps& gaps) {
  auto list = [](const std::vector<CoverGap>& v) {
    ordered_json out = ordered_json::array();
    for (const auto& g : v) {
      out.push_back({{"enterprise_uscc", g.enterprise_uscc},
                     {"enterprise_name", g.enterprise_name},
                     {"division_code", g.division_code},
                     {"state", g.policy ? credit::PolicyStateCode(g.state) : std::string_view("never_insured")},
                     {"days_left", g.days_left ? ordered_json(*g.days_left) : ordered_json(nullptr)},
                     {"policy", g.policy ? PolicyJson(*g.policy) : ordered_json(nullptr)}});
    }
    return out;
  };
  return {{"expiring", list(gaps.expiring)}, {"missing", list(gaps.missing)}};
}

}  // namespace chemsafe::service
