// Repository of the credit module (issue 7 "Enforcement, blacklist, insurance"; plan tasks T25–T27, T33): the
// blacklist listings (the one `blacklist` table of migration 10, extended by migration 15: the trace store
// keeps reading it through TraceStore::Blacklist), the enforcement records and the safety liability
// insurance policies. A listing and a policy are versioned (a change names the version it changes, so that two
// people acting on the same row do not overwrite each other); an enforcement record is written once. Every
// write leaves its audit record in the same transaction and raises the data generation. The rows are made by
// the service (service/credit_service.h); no credit rules here. SQLite and PostgreSQL behind one interface.
// Thread-safety: one CreditStore per thread.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "chemsafe/audit/chain.h"
#include "chemsafe/core/result.h"

namespace chemsafe::store {

// A blacklist row with the columns of migration 15. Dates are YYYY-MM-DD; empty text where none.
struct ListingRecord {
  std::int64_t id = 0;  // set by the store when new
  std::string uscc;
  std::string enterprise_name;
  std::string listed_on;   // first day listed (= decided_on for listings made by the credit service)
  std::string ended_on;    // the first day no longer listed (exclusive); empty: open-ended (trace's own rows)
  std::string authority;   // as migration 10: who listed it (the decision unit for credit listings)
  std::string reason;
  std::string legal_basis;
  std::string decision_unit;
  std::string decision_no;
  std::string decided_on;
  std::string division_code;  // the deciding unit's division (scope)
  bool publish = false;
  int removal_kind = 0;       // credit::RemovalKind code; 0: not removed
  std::string removal_note;
  std::string repair_applied_on;
  std::string repair_note;
  int repair_decision = 0;    // credit::RepairDecision code
  std::string repair_decided_on;
  int version = 0;            // set by the store: 1 when new, +1 each change
  std::string updated_at;     // UTC text
  std::string updated_by;
};

struct ListingFilter {
  std::string uscc;             // when not empty: this enterprise only
  std::string division_prefix;  // when not empty: listings whose division_code starts with it
  int offset = 0;
  int limit = 1000;
};

struct EnforcementRecord {
  std::int64_t id = 0;  // set by the store
  std::string enterprise_uscc;
  int kind = 0;  // service::EnforcementKind code
  std::string date;
  std::string decision_no;
  std::string violation;
  std::string legal_basis;
  std::string penalty_kind;
  std::optional<std::int64_t> fine_fen;
  std::vector<std::int64_t> finding_ids;  // stored as a JSON array
  std::string division_code;  // the enterprise's (registry's) division
  std::string body;           // the record as JSON (service/credit_service.h)
  std::string created_at;
  std::string created_by;
};

struct PolicyRecord {
  std::int64_t id = 0;  // set by the store when new
  std::string enterprise_uscc;
  std::string insurer;
  std::string policy_no;
  std::string valid_from;
  std::string valid_to;
  std::int64_t insured_amount_fen = 0;
  int persons_covered = 0;
  std::string body;  // the policy as JSON (service/credit_service.h)
  int version = 0;   // set by the store
  std::string created_at, created_by;  // set by the store from updated_* when new
  std::string updated_at, updated_by;
};

// For enforcement records and policies: the scope of the registry's enterprises.
struct CreditFilter {
  std::vector<std::string> enterprises;  // when not empty: only these (USCCs)
  std::string division_prefix;           // when not empty: enterprises of this division (registry's)
  int offset = 0;
  int limit = 1000;
};

class CreditStore {
 public:
  virtual ~CreditStore() = default;

  // Stores a new listing (id 0) or a change of one (naming the version stored: FailedPrecondition when
  // another change came first; NotFound for an unknown id) with its audit record, in one transaction. Sets
  // id and version. Raises the data generation.
  virtual Status SaveListing(ListingRecord& listing, audit::AuditRecord& audit) = 0;
  virtual Result<std::optional<ListingRecord>> FindListing(std::int64_t id) = 0;
  // By uscc, then decided/listed day, then id.
  virtual Result<std::vector<ListingRecord>> ListListings(const ListingFilter& filter) = 0;

  // Stores a new enforcement record with its audit record in one transaction; sets id.
  virtual Status SaveEnforcement(EnforcementRecord& record, audit::AuditRecord& audit) = 0;
  virtual Result<std::optional<EnforcementRecord>> FindEnforcement(std::int64_t id) = 0;
  // In id order.
  virtual Result<std::vector<EnforcementRecord>> ListEnforcement(const CreditFilter& filter) = 0;

  // Stores a new policy (id 0) or a change (as SaveListing). AlreadyExists when the insurer's policy number
  // is already stored.
  virtual Status SavePolicy(PolicyRecord& policy, audit::AuditRecord& audit) = 0;
  virtual Result<std::optional<PolicyRecord>> FindPolicy(std::int64_t id) = 0;
  // By enterprise, then valid_to, then id.
  virtual Result<std::vector<PolicyRecord>> ListPolicies(const CreditFilter& filter) = 0;
};

Result<std::unique_ptr<CreditStore>> OpenSqliteCreditStore(const std::string& path);
Result<std::unique_ptr<CreditStore>> OpenPostgresCreditStore(const std::string& url);

}  // namespace chemsafe::store
