// RiskStore over the SQL driver interface (internal/sql_connection.h): one implementation for SQLite and
// PostgreSQL, like sql_trace_store.cc.
#include <array>

#include <fmt/format.h>

#include "chemsafe/store/internal/audit_rows.h"
#include "chemsafe/store/internal/sql_connection.h"
#include "chemsafe/store/migrations/migrations.h"
#include "chemsafe/store/postgres/pg_connection.h"
#include "chemsafe/store/risk_store.h"
#include "chemsafe/store/sqlite/sqlite_connection.h"

namespace chemsafe::store {
namespace {

using internal::SqlConnection;
using internal::SqlParam;
using internal::SqlRow;

constexpr std::string_view kColumns =
    "id, enterprise_uscc, unit_code, name, grade, control_status, review_due, lon, lat, body, version, updated_at, "
    "updated_by";

RiskPointRecord ReadPoint(const SqlRow& r) {
  RiskPointRecord p;
  p.id = r.Int(0);
  p.enterprise_uscc = r.Text(1);
  p.unit_code = r.Text(2);
  p.name = r.Text(3);
  p.grade = static_cast<int>(r.Int(4));
  p.control_status = static_cast<int>(r.Int(5));
  p.review_due = r.Text(6);
  if (!r.IsNull(7)) p.lon = r.Real(7);
  if (!r.IsNull(8)) p.lat = r.Real(8);
  p.body = r.Text(9);
  p.version = static_cast<int>(r.Int(10));
  p.updated_at = r.Text(11);
  p.updated_by = r.Text(12);
  return p;
}

SqlParam Optional(const std::optional<double>& v) { return v ? SqlParam(*v) : SqlParam(nullptr); }

class SqlRiskStore final : public RiskStore {
 public:
  explicit SqlRiskStore(std::unique_ptr<SqlConnection> conn) : conn_(std::move(conn)) {}

  Status Init() { return migrations::Migrate(*conn_); }

  Status SavePoint(RiskPointRecord& p, audit::AuditRecord& audit) override {
    CHEMSAFE_ASSIGN_OR_RETURN(
        int insert, conn_->PrepareCached("INSERT INTO risk_points (enterprise_uscc, unit_code, name, grade, control_status, "
                                         "review_due, lon, lat, body, version, updated_at, updated_by) VALUES (?, ?, ?, ?, "
                                         "?, ?, ?, ?, ?, 1, ?, ?)" + std::string(conn_->InsertIdClause())));
    CHEMSAFE_ASSIGN_OR_RETURN(
        int keep, conn_->PrepareCached("INSERT INTO risk_point_versions (point_id, version, body, updated_at, updated_by) "
                                       "SELECT id, version, body, updated_at, updated_by FROM risk_points WHERE id = ? "
                                       "AND version = ?"));
    CHEMSAFE_ASSIGN_OR_RETURN(
        int update, conn_->PrepareCached("UPDATE risk_points SET enterprise_uscc = ?, unit_code = ?, name = ?, grade = ?, "
                                         "control_status = ?, review_due = ?, lon = ?, lat = ?, body = ?, version = "
                                         "version + 1, updated_at = ?, updated_by = ? WHERE id = ? AND version = ?"));
    CHEMSAFE_ASSIGN_OR_RETURN(int bump, conn_->PrepareCached("UPDATE data_generation SET n = n + 1 WHERE id = 1"));
    const std::int64_t was_id = p.id;
    const int was_version = p.version;
    CHEMSAFE_RETURN_IF_ERROR(conn_->BeginWrite());
    Status s = [&]() -> Status {
      const std::array<SqlParam, 11> fields = {
          std::string_view(p.enterprise_uscc), std::string_view(p.unit_code),     std::string_view(p.name),
          std::int64_t{p.grade},               std::int64_t{p.control_status},    std::string_view(p.review_due),
          Optional(p.lon),                     Optional(p.lat),                   std::string_view(p.body),
          std::string_view(p.updated_at),      std::string_view(p.updated_by)};
      if (p.id == 0) {
        CHEMSAFE_ASSIGN_OR_RETURN(p.id, conn_->RunInsert(insert, fields));
        p.version = 1;
      } else {
        const std::array<SqlParam, 2> key = {p.id, std::int64_t{p.version}};
        CHEMSAFE_ASSIGN_OR_RETURN(std::int64_t kept, conn_->Run(keep, key, nullptr));
        if (kept == 0) {
          CHEMSAFE_ASSIGN_OR_RETURN(auto now, FindPoint(p.id));
          if (!now) return NotFound(fmt::format("risk point {}: not found", p.id));
          return FailedPrecondition(fmt::format("risk point {}: changed by {} at {} (version {}); reload it and apply the "
                                                "change again", p.id, now->updated_by, now->updated_at, now->version));
        }
        std::vector<SqlParam> all(fields.begin(), fields.end());
        all.push_back(p.id);
        all.push_back(std::int64_t{p.version});
        CHEMSAFE_RETURN_IF_ERROR(conn_->Run(update, all, nullptr).status());
        p.version += 1;
      }
      audit.object = fmt::format("risk_point:{}", p.id);
      CHEMSAFE_RETURN_IF_ERROR(conn_->Run(bump, {}, nullptr).status());
      return internal::AppendAuditRow(*conn_, audit);
    }();
    if (!s.ok()) {
      (void)conn_->Rollback();
      p.id = was_id;
      p.version = was_version;
      return s;
    }
    return conn_->Commit();
  }

  Result<std::optional<RiskPointRecord>> FindPoint(std::int64_t id) override {
    const std::array<SqlParam, 1> p = {id};
    CHEMSAFE_ASSIGN_OR_RETURN(auto rows, Many("SELECT " + std::string(kColumns) + " FROM risk_points WHERE id = ?", p));
    if (rows.empty()) return std::optional<RiskPointRecord>();
    return std::optional<RiskPointRecord>(std::move(rows.front()));
  }

  Result<std::optional<RiskPointRecord>> PointAtVersion(std::int64_t id, int version) override {
    CHEMSAFE_ASSIGN_OR_RETURN(auto current, FindPoint(id));
    if (!current || current->version == version) return current;
    CHEMSAFE_ASSIGN_OR_RETURN(
        int stmt, conn_->PrepareCached("SELECT body, updated_at, updated_by FROM risk_point_versions WHERE point_id = ? AND "
                                       "version = ?"));
    std::optional<RiskPointRecord> out;
    internal::RowFn fn = [&](const SqlRow& r) {
      out = *current;  // the columns of the current one; the body, as it was
      out->body = r.Text(0);
      out->updated_at = r.Text(1);
      out->updated_by = r.Text(2);
      out->version = version;
      return Status::Ok();
    };
    const std::array<SqlParam, 2> p = {id, std::int64_t{version}};
    CHEMSAFE_RETURN_IF_ERROR(conn_->Run(stmt, p, &fn).status());
    return out;
  }

  Result<std::vector<RiskPointRecord>> ListPoints(const RiskPointFilter& f) override {
    std::string sql = "SELECT " + std::string(kColumns) + " FROM risk_points WHERE 1 = 1";
    std::vector<SqlParam> p;
    if (!f.enterprises.empty()) {
      sql += " AND enterprise_uscc IN (";
      for (std::size_t k = 0; k < f.enterprises.size(); ++k) {
        sql += k == 0 ? "?" : ", ?";
        p.emplace_back(std::string_view(f.enterprises[k]));
      }
      sql += ")";
    }
    if (!f.division_prefix.empty()) {
      sql += " AND enterprise_uscc IN (SELECT uscc FROM enterprises WHERE division_code LIKE ?)";
      division_like_ = f.division_prefix + "%";
      p.emplace_back(std::string_view(division_like_));
    }
    if (f.min_grade) {
      sql += " AND grade >= ?";
      p.emplace_back(std::int64_t{*f.min_grade});
    }
    sql += " ORDER BY id LIMIT ? OFFSET ?";
    p.emplace_back(std::int64_t{f.limit});
    p.emplace_back(std::int64_t{f.offset});
    return Many(sql, p);
  }

 private:
  Result<std::vector<RiskPointRecord>> Many(const std::string& sql, std::span<const SqlParam> params) {
    CHEMSAFE_ASSIGN_OR_RETURN(int stmt, conn_->PrepareCached(sql));
    std::vector<RiskPointRecord> out;
    internal::RowFn fn = [&](const SqlRow& r) {
      out.push_back(ReadPoint(r));
      return Status::Ok();
    };
    CHEMSAFE_RETURN_IF_ERROR(conn_->Run(stmt, params, &fn).status());
    return out;
  }

  std::string division_like_;
  std::unique_ptr<SqlConnection> conn_;
};

Result<std::unique_ptr<RiskStore>> Make(Result<std::unique_ptr<SqlConnection>> conn) {
  return internal::MakeSqlStore<SqlRiskStore, RiskStore>(std::move(conn));
}

}  // namespace

Result<std::unique_ptr<RiskStore>> OpenSqliteRiskStore(const std::string& path) {
  return Make(sqlite::OpenSqliteConnection(path));
}

Result<std::unique_ptr<RiskStore>> OpenPostgresRiskStore(const std::string& url) {
  return Make(postgres::OpenPostgresConnection(url));
}

}  // namespace chemsafe::store
