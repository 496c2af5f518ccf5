// Repository of the platform's accounts, sessions and audit trail (issue 4), on SQLite and PostgreSQL
// like registry_store.h. Every write here also appends its audit record in the same transaction, so
// that a write whose audit record cannot be stored does not happen either; the audit trail is
// append-only and chained by SM3 (audit/chain.h): the store seals each record with the hash of the one
// before, inside the write lock, so concurrent writers keep one chain.
// Thread-safety: one PlatformStore per thread.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "chemsafe/audit/chain.h"
#include "chemsafe/core/result.h"

namespace chemsafe::store {

struct UserRecord {
  std::int64_t id = 0;  // set by the store
  std::string username;
  std::string name;
  int role = 0;  // service::Role code
  std::string division_code;    // city and county officers; empty otherwise
  std::string department;       // department officers; empty otherwise
  std::string enterprise_uscc;  // enterprise users; empty otherwise
  std::string password_hash;    // Argon2id PHC string (auth/password.h)
  int failed_logins = 0;        // consecutive
  std::string locked_until;     // UTC text; empty: not locked
  bool disabled = false;
  std::string created_at;
};

struct SessionRecord {
  std::string token_hash;  // SM3 hex of the session token: the token itself is never stored
  std::int64_t user_id = 0;
  std::string csrf_token;
  std::string created_at;
  std::string last_seen;
  std::string client;
};

// A grid officer's assignment of one enterprise (网格化监管; issue 7, plan task T4 "by grid").
struct GridAssignmentRow {
  std::int64_t user_id = 0;
  std::string username;
  std::string name;
  std::int64_t enterprise_id = 0;
};

struct AuditFilter {
  std::optional<std::string> since;  // `at` after this (UTC text)
  std::optional<std::string> username;
  std::optional<std::string> action;
  int offset = 0;
  int limit = 100;
};

class PlatformStore {
 public:
  virtual ~PlatformStore() = default;

  // Adds a user (AlreadyExists for a taken username) and appends `audit`, in one transaction.
  virtual Status AddUser(UserRecord& user, audit::AuditRecord& audit) = 0;
  virtual Result<std::optional<UserRecord>> FindUser(std::string_view username) = 0;
  virtual Result<std::optional<UserRecord>> FindUserById(std::int64_t id) = 0;
  virtual Result<std::int64_t> CountUsers() = 0;
  // Enterprises assigned to a grid officer.
  virtual Result<std::vector<std::int64_t>> GridAssignments(std::int64_t user_id) = 0;
  virtual Status AssignGrid(std::int64_t user_id, std::int64_t enterprise_id, audit::AuditRecord& audit) = 0;
  // The assignments of the grid officers (role 5, not disabled) over the enterprises whose division code
  // starts with `division_prefix` ("" = all), by username then enterprise id.
  virtual Result<std::vector<GridAssignmentRow>> GridAssignmentsInDivision(std::string_view division_prefix) = 0;

  // A failed log-in: the user's new failure count and lock (empty: none), with its audit record.
  virtual Status RecordLoginFailure(std::int64_t user_id, int failed_logins, std::string_view locked_until,
                                    audit::AuditRecord& audit) = 0;
  // A successful log-in: failures reset, the new session stored, the audit record appended.
  virtual Status RecordLogin(const SessionRecord& session, audit::AuditRecord& audit) = 0;
  virtual Result<std::optional<SessionRecord>> FindSession(std::string_view token_hash) = 0;
  // The session and its user in one query (every authenticated request asks for both).
  virtual Result<std::optional<std::pair<SessionRecord, UserRecord>>> FindSessionWithUser(std::string_view token_hash) = 0;
  virtual Status TouchSession(std::string_view token_hash, std::string_view last_seen) = 0;
  // Ends a session (log-out, idle timeout) with its audit record; ending an unknown one is OK.
  virtual Status EndSession(std::string_view token_hash, audit::AuditRecord& audit) = 0;

  // Appends an audit record on its own (a failed log-in of an unknown name, a denial, an export).
  virtual Status AppendAudit(audit::AuditRecord& audit) = 0;
  // The trail in seq order, for verification (audit verify) — every record, streamed.
  virtual Status ForEachAudit(const std::function<Status(const audit::AuditRecord&)>& fn) = 0;
  // A page of the trail, newest first.
  virtual Result<std::vector<audit::AuditRecord>> AuditPage(const AuditFilter& filter) = 0;
  virtual Result<std::int64_t> AuditCount(const AuditFilter& filter) = 0;

  virtual Result<std::optional<std::string>> Setting(std::string_view key) = 0;
  virtual Status SetSetting(std::string_view key, std::string_view value) = 0;
};

Result<std::unique_ptr<PlatformStore>> OpenSqlitePlatformStore(const std::string& path);
Result<std::unique_ptr<PlatformStore>> OpenPostgresPlatformStore(const std::string& url);

}  // namespace chemsafe::store
