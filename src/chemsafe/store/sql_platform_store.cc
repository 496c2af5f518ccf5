// PlatformStore over the SQL driver interface (internal/sql_connection.h): one implementation for
// SQLite and PostgreSQL, like sql_hazard_store.cc.
#include <array>

#include "chemsafe/store/internal/audit_rows.h"
#include "chemsafe/store/internal/sql_connection.h"
#include "chemsafe/store/migrations/migrations.h"
#include "chemsafe/store/platform_store.h"
#include "chemsafe/store/postgres/pg_connection.h"
#include "chemsafe/store/sqlite/sqlite_connection.h"

namespace chemsafe::store {
namespace {

using internal::SqlConnection;
using internal::SqlParam;
using internal::SqlRow;

constexpr std::string_view kUserColumns =
    "id, username, name, role, division_code, department, enterprise_uscc, password_hash, failed_logins, "
    "locked_until, disabled, created_at";

UserRecord ReadUser(const SqlRow& r) {
  UserRecord u;
  u.id = r.Int(0);
  u.username = r.Text(1);
  u.name = r.Text(2);
  u.role = static_cast<int>(r.Int(3));
  u.division_code = r.Text(4);
  u.department = r.Text(5);
  u.enterprise_uscc = r.Text(6);
  u.password_hash = r.Text(7);
  u.failed_logins = static_cast<int>(r.Int(8));
  u.locked_until = r.Text(9);
  u.disabled = r.Int(10) != 0;
  u.created_at = r.Text(11);
  return u;
}

constexpr std::string_view kAuditColumns =
    "seq, at, username, role, scope, client, action, object, outcome, request_id, prev_hash, hash";

audit::AuditRecord ReadAudit(const SqlRow& r) {
  audit::AuditRecord a;
  a.seq = r.Int(0);
  a.at = r.Text(1);
  a.user = r.Text(2);
  a.role = r.Text(3);
  a.scope = r.Text(4);
  a.client = r.Text(5);
  a.action = r.Text(6);
  a.object = r.Text(7);
  a.outcome = r.Text(8);
  a.request_id = r.Text(9);
  a.prev_hash = r.Text(10);
  a.hash = r.Text(11);
  return a;
}

class SqlPlatformStore final : public PlatformStore {
 public:
  explicit SqlPlatformStore(std::unique_ptr<SqlConnection> conn) : conn_(std::move(conn)) {}

  Status Init() { return migrations::Migrate(*conn_); }

  Status AddUser(UserRecord& u, audit::AuditRecord& audit) override {
    return Write([&]() -> Status {
      CHEMSAFE_ASSIGN_OR_RETURN(int stmt, conn_->PrepareCached(
                                              "INSERT INTO users (username, name, role, division_code, department, "
                                              "enterprise_uscc, password_hash, failed_logins, locked_until, disabled, "
                                              "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)" +
                                              std::string(conn_->InsertIdClause())));
      const std::array<SqlParam, 11> p = {std::string_view(u.username),      std::string_view(u.name),
                                          std::int64_t{u.role},              std::string_view(u.division_code),
                                          std::string_view(u.department),    std::string_view(u.enterprise_uscc),
                                          std::string_view(u.password_hash), std::int64_t{u.failed_logins},
                                          std::string_view(u.locked_until),  std::int64_t{u.disabled ? 1 : 0},
                                          std::string_view(u.created_at)};
      auto id = conn_->RunInsert(stmt, p);
      if (!id.ok()) {
        if (conn_->last_error_kind() == internal::SqlErrorKind::kUnique) {
          return AlreadyExists("user \"" + u.username + "\" exists already");
        }
        return id.status();
      }
      u.id = *id;
      return internal::AppendAuditRow(*conn_, audit);
    });
  }

  Result<std::optional<UserRecord>> FindUser(std::string_view username) override {
    return OneUser("SELECT " + std::string(kUserColumns) + " FROM users WHERE username = ?", SqlParam(username));
  }
  Result<std::optional<UserRecord>> FindUserById(std::int64_t id) override {
    return OneUser("SELECT " + std::string(kUserColumns) + " FROM users WHERE id = ?", SqlParam(id));
  }

  Result<std::int64_t> CountUsers() override { return Count("SELECT COUNT(*) FROM users", {}); }

  Result<std::vector<std::int64_t>> GridAssignments(std::int64_t user_id) override {
    CHEMSAFE_ASSIGN_OR_RETURN(int stmt, conn_->PrepareCached("SELECT enterprise_id FROM grid_assignments WHERE "
                                                             "user_id = ? ORDER BY enterprise_id"));
    std::vector<std::int64_t> out;
    internal::RowFn fn = [&](const SqlRow& r) {
      out.push_back(r.Int(0));
      return Status::Ok();
    };
    const std::array<SqlParam, 1> p = {user_id};
    CHEMSAFE_RETURN_IF_ERROR(conn_->Run(stmt, p, &fn).status());
    return out;
  }

  Status AssignGrid(std::int64_t user_id, std::int64_t enterprise_id, audit::AuditRecord& audit) override {
    return Write([&]() -> Status {
      CHEMSAFE_ASSIGN_OR_RETURN(int stmt, conn_->PrepareCached("INSERT INTO grid_assignments (user_id, enterprise_id) "
                                                               "VALUES (?, ?) ON CONFLICT DO NOTHING"));
      const std::array<SqlParam, 2> p = {user_id, enterprise_id};
      CHEMSAFE_RETURN_IF_ERROR(conn_->Run(stmt, p, nullptr).status());
      return internal::AppendAuditRow(*conn_, audit);
    });
  }

  Result<std::vector<GridAssignmentRow>> GridAssignmentsInDivision(std::string_view division_prefix) override {
    CHEMSAFE_ASSIGN_OR_RETURN(
        int stmt, conn_->PrepareCached("SELECT u.id, u.username, u.name, g.enterprise_id FROM grid_assignments g "
                                       "JOIN users u ON u.id = g.user_id JOIN enterprises e ON e.id = g.enterprise_id "
                                       "WHERE u.role = 5 AND u.disabled = 0 AND e.division_code LIKE ? "
                                       "ORDER BY u.username, g.enterprise_id"));
    std::vector<GridAssignmentRow> out;
    internal::RowFn fn = [&](const SqlRow& r) {
      out.push_back({r.Int(0), std::string(r.Text(1)), std::string(r.Text(2)), r.Int(3)});
      return Status::Ok();
    };
    const std::string like = std::string(division_prefix) + "%";
    const std::array<SqlParam, 1> p = {std::string_view(like)};
    CHEMSAFE_RETURN_IF_ERROR(conn_->Run(stmt, p, &fn).status());
    return out;
  }

  Status RecordLoginFailure(std::int64_t user_id, int failed_logins, std::string_view locked_until,
                            audit::AuditRecord& audit) override {
    return Write([&]() -> Status {
      CHEMSAFE_ASSIGN_OR_RETURN(int stmt, conn_->PrepareCached("UPDATE users SET failed_logins = ?, locked_until = ? "
                                                               "WHERE id = ?"));
      const std::array<SqlParam, 3> p = {std::int64_t{failed_logins}, locked_until, user_id};
      CHEMSAFE_RETURN_IF_ERROR(conn_->Run(stmt, p, nullptr).status());
      return internal::AppendAuditRow(*conn_, audit);
    });
  }

  Status RecordLogin(const SessionRecord& s, audit::AuditRecord& audit) override {
    return Write([&]() -> Status {
      CHEMSAFE_ASSIGN_OR_RETURN(int reset, conn_->PrepareCached("UPDATE users SET failed_logins = 0, locked_until = '' "
                                                                "WHERE id = ?"));
      const std::array<SqlParam, 1> id = {s.user_id};
      CHEMSAFE_RETURN_IF_ERROR(conn_->Run(reset, id, nullptr).status());
      CHEMSAFE_ASSIGN_OR_RETURN(int insert, conn_->PrepareCached("INSERT INTO sessions (token_hash, user_id, csrf_token, "
                                                                 "created_at, last_seen, client) VALUES (?, ?, ?, ?, "
                                                                 "?, ?)"));
      const std::array<SqlParam, 6> p = {std::string_view(s.token_hash), s.user_id,
                                         std::string_view(s.csrf_token),  std::string_view(s.created_at),
                                         std::string_view(s.last_seen),   std::string_view(s.client)};
      CHEMSAFE_RETURN_IF_ERROR(conn_->Run(insert, p, nullptr).status());
      return internal::AppendAuditRow(*conn_, audit);
    });
  }

  Result<std::optional<SessionRecord>> FindSession(std::string_view token_hash) override {
    // Every session has its user (foreign key): the session of the joined row.
    CHEMSAFE_ASSIGN_OR_RETURN(auto both, FindSessionWithUser(token_hash));
    if (!both) return std::optional<SessionRecord>();
    return std::optional<SessionRecord>(std::move(both->first));
  }

  Result<std::optional<std::pair<SessionRecord, UserRecord>>> FindSessionWithUser(std::string_view token_hash) override {
    // The user's columns first (as ReadUser reads them), then the session's.
    CHEMSAFE_ASSIGN_OR_RETURN(
        int stmt, conn_->PrepareCached("SELECT u.id, u.username, u.name, u.role, u.division_code, u.department, "
                                       "u.enterprise_uscc, u.password_hash, u.failed_logins, u.locked_until, u.disabled, "
                                       "u.created_at, s.token_hash, s.csrf_token, s.created_at, s.last_seen, s.client "
                                       "FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?"));
    std::optional<std::pair<SessionRecord, UserRecord>> out;
    internal::RowFn fn = [&](const SqlRow& r) {
      UserRecord u = ReadUser(r);
      SessionRecord s{std::string(r.Text(12)), u.id, std::string(r.Text(13)), std::string(r.Text(14)),
                      std::string(r.Text(15)), std::string(r.Text(16))};
      out = std::pair{std::move(s), std::move(u)};
      return Status::Ok();
    };
    const std::array<SqlParam, 1> p = {token_hash};
    CHEMSAFE_RETURN_IF_ERROR(conn_->Run(stmt, p, &fn).status());
    return out;
  }

  Status TouchSession(std::string_view token_hash, std::string_view last_seen) override {
    return Write([&]() -> Status {
      CHEMSAFE_ASSIGN_OR_RETURN(int stmt, conn_->PrepareCached("UPDATE sessions SET last_seen = ? WHERE token_hash = ?"));
      const std::array<SqlParam, 2> p = {last_seen, token_hash};
      return conn_->Run(stmt, p, nullptr).status();
    });
  }

  Status EndSession(std::string_view token_hash, audit::AuditRecord& audit) override {
    return Write([&]() -> Status {
      CHEMSAFE_ASSIGN_OR_RETURN(int stmt, conn_->PrepareCached("DELETE FROM sessions WHERE token_hash = ?"));
      const std::array<SqlParam, 1> p = {token_hash};
      CHEMSAFE_RETURN_IF_ERROR(conn_->Run(stmt, p, nullptr).status());
      return internal::AppendAuditRow(*conn_, audit);
    });
  }

  Status AppendAudit(audit::AuditRecord& audit) override {
    return Write([&]() { return internal::AppendAuditRow(*conn_, audit); });
  }

  Status ForEachAudit(const std::function<Status(const audit::AuditRecord&)>& fn) override {
    internal::RowFn row = [&](const SqlRow& r) { return fn(ReadAudit(r)); };
    return conn_->Stream("SELECT " + std::string(kAuditColumns) + " FROM audit_log ORDER BY seq", {}, row);
  }

  Result<std::vector<audit::AuditRecord>> AuditPage(const AuditFilter& f) override {
    std::vector<SqlParam> p;
    const std::string where = Where(f, p);
    p.emplace_back(std::int64_t{f.limit});
    p.emplace_back(std::int64_t{f.offset});
    CHEMSAFE_ASSIGN_OR_RETURN(int stmt, conn_->PrepareCached("SELECT " + std::string(kAuditColumns) +
                                                             " FROM audit_log" + where +
                                                             " ORDER BY seq DESC LIMIT ? OFFSET ?"));
    std::vector<audit::AuditRecord> out;
    internal::RowFn fn = [&](const SqlRow& r) {
      out.push_back(ReadAudit(r));
      return Status::Ok();
    };
    CHEMSAFE_RETURN_IF_ERROR(conn_->Run(stmt, p, &fn).status());
    return out;
  }

  Result<std::int64_t> AuditCount(const AuditFilter& f) override {
    std::vector<SqlParam> p;
    const std::string where = Where(f, p);
    return Count("SELECT COUNT(*) FROM audit_log" + where, p);
  }

  Result<std::optional<std::string>> Setting(std::string_view key) override {
    CHEMSAFE_ASSIGN_OR_RETURN(int stmt, conn_->PrepareCached("SELECT value FROM platform_settings WHERE key = ?"));
    std::optional<std::string> out;
    internal::RowFn fn = [&](const SqlRow& r) {
      out = std::string(r.Text(0));
      return Status::Ok();
    };
    const std::array<SqlParam, 1> p = {key};
    CHEMSAFE_RETURN_IF_ERROR(conn_->Run(stmt, p, &fn).status());
    return out;
  }

  Status SetSetting(std::string_view key, std::string_view value) override {
    return Write([&]() -> Status {
      CHEMSAFE_ASSIGN_OR_RETURN(int stmt, conn_->PrepareCached("INSERT INTO platform_settings (key, value) VALUES (?, "
                                                               "?) ON CONFLICT (key) DO UPDATE SET value = "
                                                               "excluded.value"));
      const std::array<SqlParam, 2> p = {key, value};
      return conn_->Run(stmt, p, nullptr).status();
    });
  }

 private:
  static std::string Where(const AuditFilter& f, std::vector<SqlParam>& p) {
    std::string w;
    auto add = [&](const char* clause, const std::optional<std::string>& v) {
      if (!v) return;
      w += w.empty() ? " WHERE " : " AND ";
      w += clause;
      p.emplace_back(std::string_view(*v));
    };
    add("at > ?", f.since);
    add("username = ?", f.username);
    add("action = ?", f.action);
    return w;
  }

  Status Write(const std::function<Status()>& body) {
    CHEMSAFE_RETURN_IF_ERROR(conn_->BeginWrite());
    Status s = body();
    if (!s.ok()) {
      (void)conn_->Rollback();
      return s;
    }
    return conn_->Commit();
  }

  Result<std::optional<UserRecord>> OneUser(const std::string& sql, SqlParam param) {
    CHEMSAFE_ASSIGN_OR_RETURN(int stmt, conn_->PrepareCached(sql));
    std::optional<UserRecord> out;
    internal::RowFn fn = [&](const SqlRow& r) {
      out = ReadUser(r);
      return Status::Ok();
    };
    const std::array<SqlParam, 1> p = {param};
    CHEMSAFE_RETURN_IF_ERROR(conn_->Run(stmt, p, &fn).status());
    return out;
  }

  Result<std::int64_t> Count(const std::string& sql, std::span<const SqlParam> p) {
    CHEMSAFE_ASSIGN_OR_RETURN(int stmt, conn_->PrepareCached(sql));
    std::int64_t n = 0;
    internal::RowFn fn = [&](const SqlRow& r) {
      n = r.Int(0);
      return Status::Ok();
    };
    CHEMSAFE_RETURN_IF_ERROR(conn_->Run(stmt, p, &fn).status());
    return n;
  }

  std::unique_ptr<SqlConnection> conn_;
};

Result<std::unique_ptr<PlatformStore>> Make(Result<std::unique_ptr<SqlConnection>> conn) {
  return internal::MakeSqlStore<SqlPlatformStore, PlatformStore>(std::move(conn));
}

}  // namespace

Result<std::unique_ptr<PlatformStore>> OpenSqlitePlatformStore(const std::string& path) {
  return Make(sqlite::OpenSqliteConnection(path));
}

Result<std::unique_ptr<PlatformStore>> OpenPostgresPlatformStore(const std::string& url) {
  return Make(postgres::OpenPostgresConnection(url));
}

}  // namespace chemsafe::store
