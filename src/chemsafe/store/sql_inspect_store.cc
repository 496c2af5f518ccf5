// InspectStore over the SQL driver interface (internal/sql_connection.h): one implementation for SQLite and
// PostgreSQL, like sql_risk_store.cc. Photo bytes: SQLite binds them as text with their length and stores
// them CAST AS BLOB; the PostgreSQL driver sends parameters as NUL-terminated text, so the bytes travel as
// base64 (RFC 4648 §4) and are decoded to BYTEA by the server (decode/encode in the statements).
#include <array>

#include <fmt/format.h>

#include "chemsafe/store/inspect_store.h"
#include "chemsafe/store/internal/audit_rows.h"
#include "chemsafe/store/internal/base64.h"
#include "chemsafe/store/internal/sql_connection.h"
#include "chemsafe/store/migrations/migrations.h"
#include "chemsafe/store/postgres/pg_connection.h"
#include "chemsafe/store/sqlite/sqlite_connection.h"

namespace chemsafe::store {
namespace {

using internal::SqlConnection;
using internal::SqlDialect;
using internal::SqlParam;
using internal::SqlRow;
using internal::Base64;

constexpr std::string_view kInspectionColumns = "id, kind, enterprise_uscc, date, body, created_at, created_by";
constexpr std::string_view kFindingColumns =
    "id, inspection_id, kind, enterprise_uscc, grade, state, criterion, supervision_level, plan_deadline, found_date, "
    "body, version, updated_at, updated_by";

InspectionRecord ReadInspection(const SqlRow& r) {
  InspectionRecord i;
  i.id = r.Int(0);
  i.kind = static_cast<int>(r.Int(1));
  i.enterprise_uscc = r.Text(2);
  i.date = r.Text(3);
  i.body = r.Text(4);
  i.created_at = r.Text(5);
  i.created_by = r.Text(6);
  return i;
}

FindingRecord ReadFinding(const SqlRow& r) {
  FindingRecord f;
  f.id = r.Int(0);
  if (!r.IsNull(1)) f.inspection_id = r.Int(1);
  f.kind = static_cast<int>(r.Int(2));
  f.enterprise_uscc = r.Text(3);
  f.grade = static_cast<int>(r.Int(4));
  f.state = static_cast<int>(r.Int(5));
  if (!r.IsNull(6)) f.criterion = static_cast<int>(r.Int(6));
  if (!r.IsNull(7)) f.supervision_level = static_cast<int>(r.Int(7));
  if (!r.IsNull(8)) f.plan_deadline = r.Text(8);
  f.found_date = r.Text(9);
  f.body = r.Text(10);
  f.version = static_cast<int>(r.Int(11));
  f.updated_at = r.Text(12);
  f.updated_by = r.Text(13);
  return f;
}

SqlParam OptionalInt(const std::optional<int>& v) { return v ? SqlParam(std::int64_t{*v}) : SqlParam(nullptr); }
SqlParam OptionalText(const std::string& v) { return v.empty() ? SqlParam(nullptr) : SqlParam(std::string_view(v)); }

class SqlInspectStore final : public InspectStore {
 public:
  explicit SqlInspectStore(std::unique_ptr<SqlConnection> conn) : conn_(std::move(conn)) {}

  Status Init() { return migrations::Migrate(*conn_); }

  Status SaveInspection(InspectionRecord& in, audit::AuditRecord& audit) override {
    CHEMSAFE_ASSIGN_OR_RETURN(
        int insert, conn_->PrepareCached("INSERT INTO inspections (kind, enterprise_uscc, date, body, created_at, "
                                         "created_by) VALUES (?, ?, ?, ?, ?, ?)" +
                                         std::string(conn_->InsertIdClause())));
    const std::int64_t was_id = in.id;
    return InWrite(audit, [&]() -> Status {
      const std::array<SqlParam, 6> fields = {std::int64_t{in.kind},       std::string_view(in.enterprise_uscc),
                                              std::string_view(in.date),   std::string_view(in.body),
                                              std::string_view(in.created_at), std::string_view(in.created_by)};
      CHEMSAFE_ASSIGN_OR_RETURN(in.id, conn_->RunInsert(insert, fields));
      audit.object = fmt::format("inspection:{}", in.id);
      return Status::Ok();
    }, [&] { in.id = was_id; });
  }

  Result<std::optional<InspectionRecord>> FindInspection(std::int64_t id) override {
    const std::array<SqlParam, 1> p = {id};
    CHEMSAFE_ASSIGN_OR_RETURN(auto rows, Inspections("SELECT " + std::string(kInspectionColumns) +
                                                         " FROM inspections WHERE id = ?", p));
    if (rows.empty()) return std::optional<InspectionRecord>();
    return std::optional<InspectionRecord>(std::move(rows.front()));
  }

  Result<std::vector<InspectionRecord>> ListInspections(const InspectionFilter& f) override {
    std::string sql = "SELECT " + std::string(kInspectionColumns) + " FROM inspections WHERE 1 = 1";
    std::vector<SqlParam> p;
    Scope(f.enterprises, f.division_prefix, sql, p);
    sql += " ORDER BY id LIMIT ? OFFSET ?";
    p.emplace_back(std::int64_t{f.limit});
    p.emplace_back(std::int64_t{f.offset});
    return Inspections(sql, p);
  }

  Status SaveFinding(FindingRecord& f, audit::AuditRecord& audit, FindingPhotoRecord* photo) override {
    CHEMSAFE_ASSIGN_OR_RETURN(
        int insert,
        conn_->PrepareCached("INSERT INTO findings (inspection_id, kind, enterprise_uscc, grade, state, criterion, "
                             "supervision_level, plan_deadline, found_date, body, version, updated_at, updated_by) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)" +
                             std::string(conn_->InsertIdClause())));
    CHEMSAFE_ASSIGN_OR_RETURN(
        int update,
        conn_->PrepareCached("UPDATE findings SET inspection_id = ?, kind = ?, enterprise_uscc = ?, grade = ?, state = ?, "
                             "criterion = ?, supervision_level = ?, plan_deadline = ?, found_date = ?, body = ?, "
                             "version = version + 1, updated_at = ?, updated_by = ? WHERE id = ? AND version = ?"));
    const bool pg = conn_->dialect() == SqlDialect::kPostgres;
    CHEMSAFE_ASSIGN_OR_RETURN(
        int add_photo,
        conn_->PrepareCached(std::string("INSERT INTO finding_photos (finding_id, content_type, bytes, sm3, uploaded_at, "
                                         "uploaded_by) VALUES (?, ?, ") +
                             (pg ? "decode(?, 'base64')" : "CAST(? AS BLOB)") + ", ?, ?, ?)" +
                             std::string(conn_->InsertIdClause())));
    const std::int64_t was_id = f.id;
    const int was_version = f.version;
    const std::int64_t was_photo_id = photo != nullptr ? photo->id : 0;
    return InWrite(audit, [&]() -> Status {
      const std::array<SqlParam, 12> fields = {
          f.inspection_id ? SqlParam(*f.inspection_id) : SqlParam(nullptr),
          std::int64_t{f.kind},
          std::string_view(f.enterprise_uscc),
          std::int64_t{f.grade},
          std::int64_t{f.state},
          OptionalInt(f.criterion),
          OptionalInt(f.supervision_level),
          OptionalText(f.plan_deadline),
          std::string_view(f.found_date),
          std::string_view(f.body),
          std::string_view(f.updated_at),
          std::string_view(f.updated_by)};
      if (f.id == 0) {
        if (photo != nullptr) return InvalidArgument("finding: a photo is attached to a stored finding");
        CHEMSAFE_ASSIGN_OR_RETURN(f.id, conn_->RunInsert(insert, fields));
        f.version = 1;
      } else {
        std::vector<SqlParam> all(fields.begin(), fields.end());
        all.push_back(f.id);
        all.push_back(std::int64_t{f.version});
        CHEMSAFE_ASSIGN_OR_RETURN(std::int64_t changed, conn_->Run(update, all, nullptr));
        if (changed == 0) {
          CHEMSAFE_ASSIGN_OR_RETURN(auto now, FindFinding(f.id));
          if (!now) return NotFound(fmt::format("finding {}: not found", f.id));
          return FailedPrecondition(fmt::format("finding {}: changed by {} at {} (version {}); reload it and apply the "
                                                "change again", f.id, now->updated_by, now->updated_at, now->version));
        }
        f.version += 1;
        if (photo != nullptr) {
          photo->finding_id = f.id;
          const std::string encoded = pg ? Base64(photo->bytes) : std::string();
          const std::array<SqlParam, 6> row = {f.id,
                                               std::string_view(photo->content_type),
                                               pg ? std::string_view(encoded) : std::string_view(photo->bytes),
                                               std::string_view(photo->sm3),
                                               std::string_view(photo->uploaded_at),
                                               std::string_view(photo->uploaded_by)};
          auto id = conn_->RunInsert(add_photo, row);
          if (!id.ok()) {
            if (id.status().code() == StatusCode::kAlreadyExists) {
              return AlreadyExists(fmt::format("finding {}: photo {} is already attached", f.id, photo->sm3));
            }
            return id.status();
          }
          photo->id = *id;
        }
      }
      audit.object = fmt::format("finding:{}", f.id);
      return Status::Ok();
    }, [&] {
      f.id = was_id;
      f.version = was_version;
      if (photo != nullptr) photo->id = was_photo_id;
    });
  }

  Result<std::optional<FindingRecord>> FindFinding(std::int64_t id) override {
    const std::array<SqlParam, 1> p = {id};
    CHEMSAFE_ASSIGN_OR_RETURN(auto rows,
                              Findings("SELECT " + std::string(kFindingColumns) + " FROM findings WHERE id = ?", p));
    if (rows.empty()) return std::optional<FindingRecord>();
    return std::optional<FindingRecord>(std::move(rows.front()));
  }

  Result<std::vector<FindingRecord>> ListFindings(const FindingFilter& f) override {
    std::string sql = "SELECT " + std::string(kFindingColumns) + " FROM findings WHERE 1 = 1";
    std::vector<SqlParam> p;
    Scope(f.enterprises, f.division_prefix, sql, p);
    if (!f.states.empty()) {
      sql += " AND state IN (";
      for (std::size_t k = 0; k < f.states.size(); ++k) {
        sql += k == 0 ? "?" : ", ?";
        p.emplace_back(std::int64_t{f.states[k]});
      }
      sql += ")";
    }
    if (f.grade) {
      sql += " AND grade = ?";
      p.emplace_back(std::int64_t{*f.grade});
    }
    sql += " ORDER BY id LIMIT ? OFFSET ?";
    p.emplace_back(std::int64_t{f.limit});
    p.emplace_back(std::int64_t{f.offset});
    return Findings(sql, p);
  }

  Result<std::optional<FindingPhotoRecord>> FindPhoto(std::int64_t finding_id, const std::string& sm3) override {
    const bool pg = conn_->dialect() == SqlDialect::kPostgres;
    CHEMSAFE_ASSIGN_OR_RETURN(
        int stmt, conn_->PrepareCached(std::string("SELECT id, finding_id, content_type, ") +
                                       (pg ? "encode(bytes, 'base64')" : "bytes") +
                                       ", sm3, uploaded_at, uploaded_by FROM finding_photos WHERE finding_id = ? AND "
                                       "sm3 = ?"));
    std::optional<FindingPhotoRecord> out;
    internal::RowFn fn = [&](const SqlRow& r) {
      FindingPhotoRecord ph;
      ph.id = r.Int(0);
      ph.finding_id = r.Int(1);
      ph.content_type = r.Text(2);
      if (pg) {
        CHEMSAFE_ASSIGN_OR_RETURN(ph.bytes, internal::FromBase64(r.Text(3), "finding photo"));
      } else {
        ph.bytes = r.Text(3);
      }
      ph.sm3 = r.Text(4);
      ph.uploaded_at = r.Text(5);
      ph.uploaded_by = r.Text(6);
      out = std::move(ph);
      return Status::Ok();
    };
    const std::array<SqlParam, 2> p = {finding_id, std::string_view(sm3)};
    CHEMSAFE_RETURN_IF_ERROR(conn_->Run(stmt, p, &fn).status());
    return out;
  }

 private:
  // Runs `body` in a write transaction that also bumps the data generation and appends `audit`; on failure
  // rolls back and calls `undo` (the caller's record goes back to what it was).
  template <typename Body, typename Undo>
  Status InWrite(audit::AuditRecord& audit, Body body, Undo undo) {
    CHEMSAFE_ASSIGN_OR_RETURN(int bump, conn_->PrepareCached("UPDATE data_generation SET n = n + 1 WHERE id = 1"));
    CHEMSAFE_RETURN_IF_ERROR(conn_->BeginWrite());
    Status s = body();
    if (s.ok()) s = conn_->Run(bump, {}, nullptr).status();
    if (s.ok()) s = internal::AppendAuditRow(*conn_, audit);
    if (!s.ok()) {
      (void)conn_->Rollback();
      undo();
      return s;
    }
    return conn_->Commit();
  }

  void Scope(const std::vector<std::string>& enterprises, const std::string& division_prefix, std::string& sql,
             std::vector<SqlParam>& p) {
    if (!enterprises.empty()) {
      sql += " AND enterprise_uscc IN (";
      for (std::size_t k = 0; k < enterprises.size(); ++k) {
        sql += k == 0 ? "?" : ", ?";
        p.emplace_back(std::string_view(enterprises[k]));
      }
      sql += ")";
    }
    if (!division_prefix.empty()) {
      sql += " AND enterprise_uscc IN (SELECT uscc FROM enterprises WHERE division_code LIKE ?)";
      division_like_ = division_prefix + "%";
      p.emplace_back(std::string_view(division_like_));
    }
  }

  Result<std::vector<InspectionRecord>> Inspections(const std::string& sql, std::span<const SqlParam> params) {
    return internal::QueryRows<InspectionRecord>(*conn_, sql, params, ReadInspection);
  }

  Result<std::vector<FindingRecord>> Findings(const std::string& sql, std::span<const SqlParam> params) {
    return internal::QueryRows<FindingRecord>(*conn_, sql, params, ReadFinding);
  }

  std::string division_like_;
  std::unique_ptr<SqlConnection> conn_;
};

Result<std::unique_ptr<InspectStore>> Make(Result<std::unique_ptr<SqlConnection>> conn) {
  return internal::MakeSqlStore<SqlInspectStore, InspectStore>(std::move(conn));
}

}  // namespace

Result<std::unique_ptr<InspectStore>> OpenSqliteInspectStore(const std::string& path) {
  return Make(sqlite::OpenSqliteConnection(path));
}

Result<std::unique_ptr<InspectStore>> OpenPostgresInspectStore(const std::string& url) {
  return Make(postgres::OpenPostgresConnection(url));
}

}  // namespace chemsafe::store
