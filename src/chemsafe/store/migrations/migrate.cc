#include <string>

#include "chemsafe/store/internal/timestamp.h"
#include "chemsafe/store/migrations/migrations.h"

#include <chrono>

namespace chemsafe::store::migrations {
namespace {

using internal::SqlConnection;
using internal::SqlParam;

constexpr std::string_view kCreateTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
    "applied_at TEXT NOT NULL)";

Result<int> CurrentVersion(SqlConnection& conn) {
  CHEMSAFE_ASSIGN_OR_RETURN(int stmt, conn.Prepare("SELECT COALESCE(MAX(version), 0) FROM schema_migrations"));
  int version = 0;
  internal::RowFn read = [&](const internal::SqlRow& r) {
    version = static_cast<int>(r.Int(0));
    return Status::Ok();
  };
  CHEMSAFE_ASSIGN_OR_RETURN(std::int64_t ignored, conn.Run(stmt, {}, &read));
  (void)ignored;
  return version;
}

// Runs `body` in a write transaction holding the migration lock; rolls back when it fails.
template <typename Fn>
Status Locked(SqlConnection& conn, Fn body) {
  CHEMSAFE_RETURN_IF_ERROR(conn.BeginWrite());
  Status st = conn.LockForMigration();
  if (st.ok()) st = body();
  if (!st.ok()) {
    (void)conn.Rollback();
    return st;
  }
  return conn.Commit();
}

}  // namespace

int LatestVersion() { return SqliteMigrations().back().version; }

Status Migrate(SqlConnection& conn) {
  const auto list = conn.dialect() == internal::SqlDialect::kSqlite ? SqliteMigrations() : PostgresMigrations();
  CHEMSAFE_RETURN_IF_ERROR(Locked(conn, [&] { return conn.ExecScript(kCreateTable); }));
  CHEMSAFE_ASSIGN_OR_RETURN(int insert, conn.Prepare(
      "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)"));
  for (const Migration& m : list) {
    Status st = Locked(conn, [&]() -> Status {
      // Read again under the lock: another process may have applied it meanwhile.
      CHEMSAFE_ASSIGN_OR_RETURN(int current, CurrentVersion(conn));
      if (current >= m.version) return Status::Ok();
      CHEMSAFE_RETURN_IF_ERROR(conn.ExecScript(m.sql).WithContext(
          "migration " + std::to_string(m.version) + " (" + std::string(m.name) + ")"));
      const auto now = std::chrono::duration_cast<std::chrono::microseconds>(
          std::chrono::system_clock::now().time_since_epoch());
      const std::string applied_at = internal::FormatUtc(now.count());
      const SqlParam params[] = {std::int64_t{m.version}, m.name, std::string_view(applied_at)};
      CHEMSAFE_ASSIGN_OR_RETURN(std::int64_t ignored, conn.Run(insert, params, nullptr));
      (void)ignored;
      return Status::Ok();
    });
    CHEMSAFE_RETURN_IF_ERROR(st);
  }
  CHEMSAFE_ASSIGN_OR_RETURN(int current, CurrentVersion(conn));
  if (current > list.back().version) {
    return FailedPrecondition("database schema version " + std::to_string(current) +
                              " is newer than this chemsafe knows (" + std::to_string(list.back().version) +
                              "): upgrade chemsafe");
  }
  return Status::Ok();
}

}  // namespace chemsafe::store::migrations
