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
#include <optional>
#include <string>
#include <vector>

#include "chemsafe/auth/password.h"
#include "chemsafe/core/calendar.h"
#include "chemsafe/core/result.h"
#include "chemsafe/service/access.h"
#include "chemsafe/store/platform_store.h"

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

class AuthService {
 public:
  AuthService(store::PlatformStore& store, AuthOptions options = {});

  // Unauthenticated "invalid_credentials" for an unknown user or a wrong password (the same answer for
  // both, after the same work); PermissionDenied "account_locked" while locked.
  Result<LoginResult> Login(std::string_view username, std::string_view password, std::string_view client,
                            std::string_view request_id);
  // Unauthenticated when the token is unknown, ended, idle too long, or its user disabled.
  Result<SessionInfo> Authenticate(std::string_view token);
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

  store::PlatformStore& store_;
  AuthOptions options_;
};


}  // namespace chemsafe::service
