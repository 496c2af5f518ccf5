// Accounts and sessions of the platform (issue 4): log-in with Argon2id password hashes and a lockout,
// sessions as random tokens (only their SM3 hash is stored), idle timeout, CSRF tokens, and the audit
// record of every log-in, failed log-in, log-out and account change, written with it (platform_store.h).
//
// The policy defaults to the 等保 level-3 profile of auth::PasswordPolicy: passwords of at least 8
// characters from 3 classes; 5 failures in a row lock the account for 15 minutes (the 6th attempt fails
// even with the right password); a session idle for 30 minutes is dead. A log-in always makes a new
// session token (rotation), and a log-out kills it.
//
// Thread-safety: one AuthService per thread (it uses one PlatformStore).
#pragma once

#include <chrono>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "chemsafe/auth/password.h"
#include "chemsafe/core/calendar.h"
#include "chemsafe/core/result.h"
#include "chemsafe/service/access.h"
#include "chemsafe/store/platform_store.h"
#include "chemsafe/store/registry_store.h"

namespace chemsafe::service {

using SystemClock = std::function<std::chrono::system_clock::time_point()>;

struct AuthOptions {
  auth::PasswordPolicy policy;     // Default: the 等保 level-3 profile
  auth::Argon2idParams argon2;     // Default: RFC 9106 second recommendation with p = 1
  // Default: the system clock. Tests give their own to pass time without sleeping.
  SystemClock clock = [] { return std::chrono::system_clock::now(); };
  // Default: a session's last_seen is written at most once a minute (the idle timeout's resolution).
  std::chrono::seconds touch_interval{60};
};

struct LoginResult {
  std::string token;       // for the session cookie; never stored or logged
  std::string csrf_token;  // for the X-CSRF-Token header
  Principal principal;
};

struct SessionInfo {
  Principal principal;
  std::string csrf_token;
  std::string token_hash;
};

// A new account: who, which role and scope, and the password (checked against the policy).
struct NewUser {
  std::string username;
  std::string name;
  Role role = Role::kEnterprise;
  std::string division_code;    // required for city and county officers
  std::string department;       // required for department officers
  std::string enterprise_uscc;  // required for enterprise users
};

// Sessions already checked, kept in memory and shared by the threads of one server (AuthService::
// AuthenticateKnown). An entry holds while the generations it was read at are still the current ones
// (a log-out or an account change, by any process, raises them) and its last_seen is younger than the
// touch interval (so it is neither due to be touched nor near expiry). At most `max_entries`: when full,
// it starts again empty.
class SessionMemo {
 public:
  explicit SessionMemo(std::size_t max_entries = 10000) : max_entries_(max_entries) {}
  struct Entry {
    SessionInfo info;
    store::Generations generations;
    std::chrono::system_clock::time_point last_seen;
  };
  std::optional<SessionInfo> Find(const std::string& token_hash, const store::Generations& generations,
                                  std::chrono::system_clock::time_point fresh_after) const;
  void Put(const std::string& token_hash, Entry entry);

 private:
  mutable std::mutex mu_;
  std::unordered_map<std::string, Entry> entries_;
  std::size_t max_entries_;
};

class AuthService {
 public:
  AuthService(store::PlatformStore& store, AuthOptions options = {});

  // Unauthenticated "invalid_credentials" for an unknown user or a wrong password (the same answer for
  // both, after the same work); PermissionDenied "account_locked" while locked.
  Result<LoginResult> Login(std::string_view username, std::string_view password, std::string_view client,
                            std::string_view request_id);
  // Unauthenticated when the token is unknown, ended, idle too long, or its user disabled.
  Result<SessionInfo> Authenticate(std::string_view token);
  // The same without writing: nullopt when the session needs a write first (its last_seen is due to be
  // touched, or it has just expired and must be ended and audited): then call Authenticate.
  Result<std::optional<SessionInfo>> AuthenticateWithoutWriting(std::string_view token);
  // Authenticate (or, when !may_write, AuthenticateWithoutWriting) answered from `memo` while the token's
  // entry holds at `generations`, which the caller reads (RegistryStore::CurrentGenerations) before.
  Result<std::optional<SessionInfo>> AuthenticateKnown(std::string_view token, const store::Generations& generations,
                                                       SessionMemo& memo, bool may_write);
  Status Logout(const SessionInfo& session, const Actor& actor);

  // Creates an account (policy checked, password hashed); `actor` is who does it (the audit record).
  Result<store::UserRecord> AddUser(const NewUser& user, std::string_view password, const Actor& actor);
  // The first administrator, with the one-time setup token printed by the first start (SetupToken).
  Result<store::UserRecord> SetUp(std::string_view setup_token, const NewUser& admin, std::string_view password,
                                  std::string_view client, std::string_view request_id);
  // When no account exists yet: a new one-time setup token (its hash is stored; the token itself is only
  // returned, to be printed once). nullopt when accounts exist.
  Result<std::optional<std::string>> NewSetupToken();

  // The current time as UTC text, "2024-01-01T00:00:00.000000Z", from the service's clock.
  std::string Now() const;

 private:
  Result<Principal> PrincipalOf(const store::UserRecord& u);
  struct Checked {
    SessionInfo info;
    std::chrono::system_clock::time_point last_seen;  // as stored after the check
  };
  Result<std::optional<Checked>> Check(std::string_view token, std::string hash, bool may_write);

  store::PlatformStore& store_;
  AuthOptions options_;
};


}  // namespace chemsafe::service
