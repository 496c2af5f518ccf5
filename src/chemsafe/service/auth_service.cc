#include "chemsafe/service/auth_service.h"

#include <fmt/format.h>

#include "chemsafe/audit/sm3.h"
#include "chemsafe/auth/token.h"
#include "chemsafe/core/ids.h"

namespace chemsafe::service {
namespace {

constexpr std::string_view kSetupTokenKey = "setup_token_sm3";

// The hash a wrong user name is checked against, so that an unknown name takes as long as a wrong
// password (no user enumeration by timing). Made once per process.
const std::string& DummyHash(const auth::Argon2idParams& params) {
  static const std::string hash = [&] {
    auto h = auth::HashPassword("chemsafe-no-such-user", params);
    return h.ok() ? *h : std::string();
  }();
  return hash;
}

Actor Anonymous(std::string_view username, std::string_view client, std::string_view request_id) {
  Actor a;
  a.principal.username = std::string(username);
  a.principal.role = Role::kEnterprise;
  a.client = std::string(client);
  a.request_id = std::string(request_id);
  return a;
}

}  // namespace

AuthService::AuthService(store::PlatformStore& store, AuthOptions options)
    : store_(store), options_(std::move(options)) {}

std::string AuthService::Now() const { return UtcText(options_.clock()); }

Result<Principal> AuthService::PrincipalOf(const store::UserRecord& u) {
  Principal p;
  p.user_id = u.id;
  p.username = u.username;
  p.name = u.name;
  p.role = static_cast<Role>(u.role);
  p.division_code = u.division_code;
  p.department = u.department;
  p.enterprise_uscc = u.enterprise_uscc;
  if (p.role == Role::kGrid) {
    CHEMSAFE_ASSIGN_OR_RETURN(p.grid_enterprises, store_.GridAssignments(u.id));
  }
  return p;
}

Result<LoginResult> AuthService::Login(std::string_view username, std::string_view password, std::string_view client,
                                       std::string_view request_id) {
  const auto now = options_.clock();
  const std::string at = UtcText(now);
  const Status invalid = Unauthenticated("invalid_credentials: wrong user name or password");
  CHEMSAFE_ASSIGN_OR_RETURN(auto user, store_.FindUser(username));
  if (!user || user->disabled) {
    (void)auth::VerifyPassword(password, DummyHash(options_.argon2));
    auto a = AuditOf(Anonymous(username, client, request_id), at, "login", std::string(username), "failed");
    CHEMSAFE_RETURN_IF_ERROR(store_.AppendAudit(a));
    return invalid;
  }
  CHEMSAFE_ASSIGN_OR_RETURN(Principal principal, PrincipalOf(*user));
  Actor actor{principal, std::string(client), std::string(request_id)};
  int failures = user->failed_logins;
  if (!user->locked_until.empty()) {
    if (user->locked_until > at) {
      auto a = AuditOf(actor, at, "login", user->username, "locked");
      CHEMSAFE_RETURN_IF_ERROR(store_.AppendAudit(a));
      return PermissionDenied("account_locked: too many failed log-ins; try again after " + user->locked_until);
    }
    failures = 0;  // the lock has run out: a fresh count
  }
  CHEMSAFE_ASSIGN_OR_RETURN(bool match, auth::VerifyPassword(password, user->password_hash));
  if (!match) {
    ++failures;
    std::string locked_until;
    if (failures >= options_.policy.max_failures) locked_until = UtcText(now + options_.policy.lockout);
    auto a = AuditOf(actor, at, "login", user->username, locked_until.empty() ? "failed" : "failed; locked");
    CHEMSAFE_RETURN_IF_ERROR(store_.RecordLoginFailure(user->id, failures, locked_until, a));
    return invalid;
  }
  LoginResult out;
  out.token = auth::RandomToken();
  out.csrf_token = auth::RandomToken();
  out.principal = std::move(principal);
  store::SessionRecord s{audit::Sm3Hex(out.token), user->id, out.csrf_token, at, at, std::string(client)};
  auto a = AuditOf(actor, at, "login", user->username, "ok");
  CHEMSAFE_RETURN_IF_ERROR(store_.RecordLogin(s, a));
  return out;
}

Result<SessionInfo> AuthService::Authenticate(std::string_view token) {
  CHEMSAFE_ASSIGN_OR_RETURN(std::optional<Checked> session, Check(token, audit::Sm3Hex(token), true));
  if (!session.has_value()) return Internal("a session check that may write deferred to one that writes");
  return std::move(session->info);
}

Result<std::optional<SessionInfo>> AuthService::AuthenticateWithoutWriting(std::string_view token) {
  CHEMSAFE_ASSIGN_OR_RETURN(std::optional<Checked> session, Check(token, audit::Sm3Hex(token), false));
  if (!session.has_value()) return std::optional<SessionInfo>();
  return std::optional<SessionInfo>(std::move(session->info));
}

Result<std::optional<SessionInfo>> AuthService::AuthenticateKnown(std::string_view token,
                                                                  const store::Generations& generations,
                                                                  SessionMemo& memo, bool may_write) {
  std::string hash = audit::Sm3Hex(token);
  const auto fresh_for = std::min<std::chrono::system_clock::duration>(options_.touch_interval, options_.policy.idle_timeout);
  if (auto known = memo.Find(hash, generations, options_.clock() - fresh_for)) return known;
  CHEMSAFE_ASSIGN_OR_RETURN(std::optional<Checked> session, Check(token, hash, may_write));
  if (!session.has_value()) return std::optional<SessionInfo>();
  memo.Put(hash, SessionMemo::Entry{session->info, generations, session->last_seen});
  return std::optional<SessionInfo>(std::move(session->info));
}

Result<std::optional<AuthService::Checked>> AuthService::Check(std::string_view token, std::string hash,
                                                               bool may_write) {
  const Status none = Unauthenticated("unauthenticated: log in first");
  if (token.size() < 22) return none;
  CHEMSAFE_ASSIGN_OR_RETURN(auto found, store_.FindSessionWithUser(hash));
  if (!found) return none;
  const store::SessionRecord& session = found->first;
  const store::UserRecord& user = found->second;
  const auto now = options_.clock();
  const auto last = ParseUtcText(session.last_seen);
  if (user.disabled) return none;
  CHEMSAFE_ASSIGN_OR_RETURN(Principal principal, PrincipalOf(user));
  if (!last || now - *last > options_.policy.idle_timeout) {
    if (!may_write) return std::optional<Checked>();
    Actor actor{principal, session.client, ""};
    auto a = AuditOf(actor, UtcText(now), "session.expired", user.username, "ok");
    CHEMSAFE_RETURN_IF_ERROR(store_.EndSession(hash, a));
    return Unauthenticated("unauthenticated: the session was idle for too long; log in again");
  }
  auto last_seen = *last;
  if (now - *last >= options_.touch_interval) {
    if (!may_write) return std::optional<Checked>();
    CHEMSAFE_RETURN_IF_ERROR(store_.TouchSession(hash, UtcText(now)));
    last_seen = now;
  }
  return std::optional<Checked>(Checked{SessionInfo{std::move(principal), session.csrf_token, std::move(hash)}, last_seen});
}

std::optional<SessionInfo> SessionMemo::Find(const std::string& token_hash, const store::Generations& generations,
                                             std::chrono::system_clock::time_point fresh_after) const {
  std::lock_guard lock(mu_);
  auto it = entries_.find(token_hash);
  if (it == entries_.end() || !(it->second.generations == generations) || it->second.last_seen <= fresh_after) {
    return std::nullopt;
  }
  return it->second.info;
}

void SessionMemo::Put(const std::string& token_hash, Entry entry) {
  std::lock_guard lock(mu_);
  if (entries_.size() >= max_entries_ && !entries_.contains(token_hash)) entries_.clear();
  entries_.insert_or_assign(token_hash, std::move(entry));
}

Status AuthService::Logout(const SessionInfo& session, const Actor& actor) {
  auto a = AuditOf(actor, Now(), "logout", actor.principal.username, "ok");
  return store_.EndSession(session.token_hash, a);
}

Result<store::UserRecord> AuthService::AddUser(const NewUser& u, std::string_view password, const Actor& actor) {
  if (u.username.empty() || u.username.size() > 64) return InvalidArgument("username: 1 to 64 characters");
  for (char c : u.username) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.')) {
      return InvalidArgument("username: letters, digits, '_', '-' and '.' only");
    }
  }
  if (u.name.empty()) return InvalidArgument("name: required");
  if ((u.role == Role::kCity || u.role == Role::kCounty) && u.division_code.empty()) {
    return InvalidArgument("division: required for city and county officers");
  }
  if (u.role == Role::kCity && u.division_code.size() != 4) return InvalidArgument("division: a city code has 4 digits");
  if (u.role == Role::kCounty && u.division_code.size() != 6) {
    return InvalidArgument("division: a county code has 6 digits");
  }
  if (u.role == Role::kDepartment && u.department.empty()) return InvalidArgument("department: required");
  if (u.role == Role::kEnterprise) {
    if (auto uscc = Uscc::Parse(u.enterprise_uscc); !uscc.ok()) return uscc.status().WithContext("enterprise");
  }
  CHEMSAFE_RETURN_IF_ERROR(auth::CheckPasswordPolicy(password, options_.policy));
  store::UserRecord rec;
  rec.username = u.username;
  rec.name = u.name;
  rec.role = static_cast<int>(u.role);
  rec.division_code = u.division_code;
  rec.department = u.department;
  rec.enterprise_uscc = u.enterprise_uscc;
  CHEMSAFE_ASSIGN_OR_RETURN(rec.password_hash, auth::HashPassword(password, options_.argon2));
  rec.created_at = Now();
  auto a = AuditOf(actor, rec.created_at, "user.add", u.username + " (" + std::string(RoleCode(u.role)) + ")", "ok");
  CHEMSAFE_RETURN_IF_ERROR(store_.AddUser(rec, a));
  return rec;
}

Result<std::optional<std::string>> AuthService::NewSetupToken() {
  CHEMSAFE_ASSIGN_OR_RETURN(std::int64_t users, store_.CountUsers());
  if (users > 0) return std::optional<std::string>();
  std::string token = auth::RandomToken();
  CHEMSAFE_RETURN_IF_ERROR(store_.SetSetting(kSetupTokenKey, audit::Sm3Hex(token)));
  return std::optional<std::string>(std::move(token));
}

Result<store::UserRecord> AuthService::SetUp(std::string_view setup_token, const NewUser& admin,
                                             std::string_view password, std::string_view client,
                                             std::string_view request_id) {
  CHEMSAFE_ASSIGN_OR_RETURN(std::int64_t users, store_.CountUsers());
  CHEMSAFE_ASSIGN_OR_RETURN(auto stored, store_.Setting(kSetupTokenKey));
  if (users > 0 || !stored || stored->empty() || !auth::ConstantTimeEquals(audit::Sm3Hex(setup_token), *stored)) {
    return PermissionDenied("setup: the setup token is wrong or was used already");
  }
  if (admin.role != Role::kAdmin) return InvalidArgument("role: the first account is the system administrator");
  Actor actor = Anonymous("setup", client, request_id);
  actor.principal.role = Role::kAdmin;
  CHEMSAFE_ASSIGN_OR_RETURN(auto rec, AddUser(admin, password, actor));
  CHEMSAFE_RETURN_IF_ERROR(store_.SetSetting(kSetupTokenKey, ""));
  return rec;
}

}  // namespace chemsafe::service
