// GovernanceStore over the SQL driver interface (internal/sql_connection.h): one implementation for SQLite and
// PostgreSQL, like sql_credit_store.cc. Attachment bytes travel as the inspect store's photos do: SQLite binds
// them as text with their length CAST AS BLOB, PostgreSQL as base64 decoded to BYTEA by the server.
#include <array>

#include <fmt/format.h>

#include "chemsafe/store/governance_store.h"
#include "chemsafe/store/internal/audited_write.h"
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

constexpr std::string_view kPlanColumns = "id, code, title, plan_json, units_json, loaded_at, loaded_by";
constexpr std::string_view kReportColumns =
    "id, plan_id, unit_id, kind, quarter, due_on, filed_on, late, summary, body, amended, version, filed_at, filed_by, "
    "updated_at, updated_by";
constexpr std::string_view kNoteColumns =
    "id, plan_id, kind, unit_id, obligation_kind, quarter, report_id, text, created_at, created_by";

GovernancePlanRecord ReadPlan(const SqlRow& r) {
  GovernancePlanRecord p;
  p.id = r.Int(0);
  p.code = r.Text(1);
  p.title = r.Text(2);
  p.plan_json = r.Text(3);
  p.units_json = r.Text(4);
  p.loaded_at = r.Text(5);
  p.loaded_by = r.Text(6);
  return p;
}

GovernanceReportRecord ReadReport(const SqlRow& r) {
  GovernanceReportRecord g;
  g.id = r.Int(0);
  g.plan_id = r.Int(1);
  g.unit_id = r.Text(2);
  g.kind = r.Text(3);
  g.quarter = r.Text(4);
  g.due_on = r.Text(5);
  g.filed_on = r.Text(6);
  g.late = r.Int(7) != 0;
  g.summary = r.Text(8);
  g.body = r.Text(9);
  g.amended = r.Int(10) != 0;
  g.version = static_cast<int>(r.Int(11));
  g.filed_at = r.Text(12);
  g.filed_by = r.Text(13);
  g.updated_at = r.Text(14);
  g.updated_by = r.Text(15);
  return g;
}

GovernanceNoteRecord ReadNote(const SqlRow& r) {
  GovernanceNoteRecord n;
  n.id = r.Int(0);
  n.plan_id = r.Int(1);
  n.kind = static_cast<GovernanceNoteKind>(r.Int(2));
  n.unit_id = r.Text(3);
  n.obligation_kind = r.Text(4);
  n.quarter = r.Text(5);
  n.report_id = r.Int(6);
  n.text = r.Text(7);
  n.created_at = r.Text(8);
  n.created_by = r.Text(9);
  return n;
}

class SqlGovernanceStore final : public GovernanceStore {
 public:
  explicit SqlGovernanceStore(std::unique_ptr<SqlConnection> conn) : conn_(std::move(conn)) {}

  Status Init() { return migrations::Migrate(*conn_); }

  Status SavePlan(GovernancePlanRecord& plan, audit::AuditRecord& audit) override {
    if (plan.id != 0) return InvalidArgument(fmt::format("plan {}: plans are stored once", plan.id));
    CHEMSAFE_ASSIGN_OR_RETURN(
        int insert, conn_->PrepareCached("INSERT INTO governance_plans (code, title, plan_json, units_json, loaded_at, "
                                         "loaded_by) VALUES (?, ?, ?, ?, ?, ?)" +
                                         std::string(conn_->InsertIdClause())));
    return internal::AuditedWrite(*conn_, audit, [&]() -> Status {
      const std::array<SqlParam, 6> p = {std::string_view(plan.code),       std::string_view(plan.title),
                                         std::string_view(plan.plan_json),  std::string_view(plan.units_json),
                                         std::string_view(plan.loaded_at),  std::string_view(plan.loaded_by)};
      auto id = conn_->RunInsert(insert, p);
      if (!id.ok()) {
        if (id.status().code() == StatusCode::kAlreadyExists) {
          return AlreadyExists(fmt::format("code: the plan {} is loaded already", plan.code));
        }
        return id.status();
      }
      plan.id = *id;
      audit.object = fmt::format("governance_plan:{}", plan.id);
      return Status::Ok();
    }, [&] { plan.id = 0; });
  }

  Result<std::optional<GovernancePlanRecord>> FindPlan(std::int64_t id) override {
    const std::array<SqlParam, 1> p = {id};
    CHEMSAFE_ASSIGN_OR_RETURN(
        auto rows, Rows<GovernancePlanRecord>(
                       "SELECT " + std::string(kPlanColumns) + " FROM governance_plans WHERE id = ?", p, ReadPlan));
    if (rows.empty()) return std::optional<GovernancePlanRecord>();
    return std::optional<GovernancePlanRecord>(std::move(rows.front()));
  }

  Result<std::vector<GovernancePlanRecord>> ListPlans() override {
    return Rows<GovernancePlanRecord>("SELECT " + std::string(kPlanColumns) + " FROM governance_plans ORDER BY id", {},
                                      ReadPlan);
  }

  Status SaveReport(GovernanceReportRecord& g, audit::AuditRecord& audit) override {
    CHEMSAFE_ASSIGN_OR_RETURN(
        int insert,
        conn_->PrepareCached("INSERT INTO governance_reports (plan_id, unit_id, kind, quarter, due_on, filed_on, late, "
                             "summary, body, amended, version, filed_at, filed_by, updated_at, updated_by) VALUES (?, ?, "
                             "?, ?, ?, ?, ?, ?, ?, 0, 1, ?, ?, ?, ?)" +
                             std::string(conn_->InsertIdClause())));
    CHEMSAFE_ASSIGN_OR_RETURN(
        int update, conn_->PrepareCached("UPDATE governance_reports SET summary = ?, body = ?, amended = 1, version = "
                                         "version + 1, updated_at = ?, updated_by = ? WHERE id = ? AND version = ?"));
    const GovernanceReportRecord before = g;
    return internal::AuditedWrite(*conn_, audit, [&]() -> Status {
      if (g.id == 0) {
        const std::array<SqlParam, 13> p = {
            g.plan_id,                      std::string_view(g.unit_id),    std::string_view(g.kind),
            std::string_view(g.quarter),    std::string_view(g.due_on),     std::string_view(g.filed_on),
            std::int64_t{g.late ? 1 : 0},   std::string_view(g.summary),    std::string_view(g.body),
            std::string_view(g.updated_at), std::string_view(g.updated_by), std::string_view(g.updated_at),
            std::string_view(g.updated_by)};
        auto id = conn_->RunInsert(insert, p);
        if (!id.ok()) {
          if (id.status().code() == StatusCode::kAlreadyExists) {
            return AlreadyExists(fmt::format("{} has filed the {}{} already; amend that report", g.unit_id, g.kind,
                                             g.quarter.empty() ? "" : " of " + g.quarter));
          }
          return id.status();
        }
        g.id = *id;
        g.version = 1;
        g.amended = false;
        g.filed_at = g.updated_at;
        g.filed_by = g.updated_by;
      } else {
        const std::array<SqlParam, 6> p = {std::string_view(g.summary),    std::string_view(g.body),
                                           std::string_view(g.updated_at), std::string_view(g.updated_by),
                                           g.id,                           std::int64_t{g.version}};
        CHEMSAFE_ASSIGN_OR_RETURN(std::int64_t changed, conn_->Run(update, p, nullptr));
        CHEMSAFE_ASSIGN_OR_RETURN(auto now, FindReport(g.id));
        if (!now) return NotFound(fmt::format("report {}: not found", g.id));
        if (changed == 0) {
          return FailedPrecondition(fmt::format("report {}: changed by {} at {} (version {}); reload it and apply the "
                                                "change again", g.id, now->updated_by, now->updated_at, now->version));
        }
        g = std::move(*now);
      }
      audit.object = fmt::format("governance_report:{}", g.id);
      return Status::Ok();
    }, [&] { g = before; });
  }

  Result<std::optional<GovernanceReportRecord>> FindReport(std::int64_t id) override {
    const std::array<SqlParam, 1> p = {id};
    CHEMSAFE_ASSIGN_OR_RETURN(
        auto rows, Rows<GovernanceReportRecord>(
                       "SELECT " + std::string(kReportColumns) + " FROM governance_reports WHERE id = ?", p, ReadReport));
    if (rows.empty()) return std::optional<GovernanceReportRecord>();
    return std::optional<GovernanceReportRecord>(std::move(rows.front()));
  }

  Result<std::vector<GovernanceReportRecord>> ListReports(const GovernanceReportFilter& f) override {
    std::string sql = "SELECT " + std::string(kReportColumns) + " FROM governance_reports WHERE plan_id = ?";
    std::vector<SqlParam> p = {f.plan_id};
    const std::pair<std::string_view, const std::string*> optional[] = {
        {"unit_id", &f.unit_id}, {"kind", &f.kind}, {"quarter", &f.quarter}};
    for (const auto& [column, value] : optional) {
      if (value->empty()) continue;
      sql += fmt::format(" AND {} = ?", column);
      p.emplace_back(std::string_view(*value));
    }
    sql += " ORDER BY filed_on, id";
    return Rows<GovernanceReportRecord>(sql, p, ReadReport);
  }

  Status SaveAttachment(GovernanceAttachmentRecord& a, audit::AuditRecord& audit) override {
    if (a.id != 0) return InvalidArgument(fmt::format("attachment {}: attachments are stored once", a.id));
    const bool pg = conn_->dialect() == SqlDialect::kPostgres;
    CHEMSAFE_ASSIGN_OR_RETURN(
        int insert,
        conn_->PrepareCached(std::string("INSERT INTO governance_attachments (report_id, name, content_type, bytes, sm3, "
                                         "size, uploaded_at, uploaded_by) VALUES (?, ?, ?, ") +
                             (pg ? "decode(?, 'base64')" : "CAST(? AS BLOB)") + ", ?, ?, ?, ?)" +
                             std::string(conn_->InsertIdClause())));
    return internal::AuditedWrite(*conn_, audit, [&]() -> Status {
      const std::string encoded = pg ? internal::Base64(a.bytes) : std::string();
      a.size = static_cast<std::int64_t>(a.bytes.size());
      const std::array<SqlParam, 8> p = {a.report_id,
                                         std::string_view(a.name),
                                         std::string_view(a.content_type),
                                         pg ? std::string_view(encoded) : std::string_view(a.bytes),
                                         std::string_view(a.sm3),
                                         a.size,
                                         std::string_view(a.uploaded_at),
                                         std::string_view(a.uploaded_by)};
      auto id = conn_->RunInsert(insert, p);
      if (!id.ok()) {
        if (id.status().code() == StatusCode::kAlreadyExists) {
          return AlreadyExists(fmt::format("report {}: this file ({}) is attached already", a.report_id, a.sm3));
        }
        return id.status();
      }
      a.id = *id;
      audit.object = fmt::format("governance_report:{}/attachment:{}", a.report_id, a.sm3);
      return Status::Ok();
    }, [&] { a.id = 0; });
  }

  Result<std::vector<GovernanceAttachmentRecord>> ListAttachments(std::int64_t report_id) override {
    const std::array<SqlParam, 1> p = {report_id};
    return Rows<GovernanceAttachmentRecord>(
        "SELECT id, report_id, name, content_type, sm3, size, uploaded_at, uploaded_by FROM governance_attachments "
        "WHERE report_id = ? ORDER BY id",
        p, [](const SqlRow& r) {
          GovernanceAttachmentRecord a;
          a.id = r.Int(0);
          a.report_id = r.Int(1);
          a.name = r.Text(2);
          a.content_type = r.Text(3);
          a.sm3 = r.Text(4);
          a.size = r.Int(5);
          a.uploaded_at = r.Text(6);
          a.uploaded_by = r.Text(7);
          return a;
        });
  }

  Result<std::optional<GovernanceAttachmentRecord>> FindAttachment(std::int64_t report_id,
                                                                  const std::string& sm3) override {
    const bool pg = conn_->dialect() == SqlDialect::kPostgres;
    const std::array<SqlParam, 2> p = {report_id, std::string_view(sm3)};
    CHEMSAFE_ASSIGN_OR_RETURN(
        auto rows,
        Rows<GovernanceAttachmentRecord>(
            std::string("SELECT id, report_id, name, content_type, sm3, size, uploaded_at, uploaded_by, ") +
                (pg ? "encode(bytes, 'base64')" : "bytes") +
                " FROM governance_attachments WHERE report_id = ? AND sm3 = ?",
            p, [pg](const SqlRow& r) -> Result<GovernanceAttachmentRecord> {
              GovernanceAttachmentRecord a;
              a.id = r.Int(0);
              a.report_id = r.Int(1);
              a.name = r.Text(2);
              a.content_type = r.Text(3);
              a.sm3 = r.Text(4);
              a.size = r.Int(5);
              a.uploaded_at = r.Text(6);
              a.uploaded_by = r.Text(7);
              if (pg) {
                CHEMSAFE_ASSIGN_OR_RETURN(a.bytes, internal::FromBase64(r.Text(8), "governance attachment"));
              } else {
                a.bytes = r.Text(8);
              }
              return a;
            }));
    if (rows.empty()) return std::optional<GovernanceAttachmentRecord>();
    return std::optional<GovernanceAttachmentRecord>(std::move(rows.front()));
  }

  Status SaveNote(GovernanceNoteRecord& n, audit::AuditRecord& audit) override {
    if (n.id != 0) return InvalidArgument(fmt::format("note {}: notes are stored once", n.id));
    CHEMSAFE_ASSIGN_OR_RETURN(
        int insert, conn_->PrepareCached("INSERT INTO governance_notes (plan_id, kind, unit_id, obligation_kind, "
                                         "quarter, report_id, text, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, "
                                         "?, ?, ?)" + std::string(conn_->InsertIdClause())));
    return internal::AuditedWrite(*conn_, audit, [&]() -> Status {
      const std::array<SqlParam, 9> p = {n.plan_id,
                                         std::int64_t{static_cast<int>(n.kind)},
                                         std::string_view(n.unit_id),
                                         std::string_view(n.obligation_kind),
                                         std::string_view(n.quarter),
                                         n.report_id,
                                         std::string_view(n.text),
                                         std::string_view(n.created_at),
                                         std::string_view(n.created_by)};
      CHEMSAFE_ASSIGN_OR_RETURN(n.id, conn_->RunInsert(insert, p));
      audit.object = fmt::format("governance_note:{}", n.id);
      return Status::Ok();
    }, [&] { n.id = 0; });
  }

  Result<std::vector<GovernanceNoteRecord>> ListNotes(const GovernanceNoteFilter& f) override {
    std::string sql = "SELECT " + std::string(kNoteColumns) + " FROM governance_notes WHERE plan_id = ?";
    std::vector<SqlParam> p = {f.plan_id};
    if (!f.unit_id.empty()) {
      sql += " AND unit_id = ?";
      p.emplace_back(std::string_view(f.unit_id));
    }
    if (f.report_id != 0) {
      sql += " AND report_id = ?";
      p.emplace_back(f.report_id);
    }
    sql += " ORDER BY id";
    return Rows<GovernanceNoteRecord>(sql, p, ReadNote);
  }

 private:
  template <typename T, typename Read>
  Result<std::vector<T>> Rows(const std::string& sql, std::span<const SqlParam> params, Read read) {
    return internal::QueryRows<T>(*conn_, sql, params, read);
  }

  std::unique_ptr<SqlConnection> conn_;
};

Result<std::unique_ptr<GovernanceStore>> Make(Result<std::unique_ptr<SqlConnection>> conn) {
  return internal::MakeSqlStore<SqlGovernanceStore, GovernanceStore>(std::move(conn));
}

}  // namespace

Result<std::unique_ptr<GovernanceStore>> OpenSqliteGovernanceStore(const std::string& path) {
  return Make(sqlite::OpenSqliteConnection(path));
}

Result<std::unique_ptr<GovernanceStore>> OpenPostgresGovernanceStore(const std::string& url) {
  return Make(postgres::OpenPostgresConnection(url));
}

}  // namespace chemsafe::store
