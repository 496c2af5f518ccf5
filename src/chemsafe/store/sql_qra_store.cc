// QraStore over the SQL driver interface (internal/sql_connection.h): one implementation for SQLite and
// PostgreSQL, like sql_hazard_store.cc.
#include <algorithm>
#include <array>

#include "chemsafe/store/internal/sql_connection.h"
#include "chemsafe/store/migrations/migrations.h"
#include "chemsafe/store/postgres/pg_connection.h"
#include "chemsafe/store/qra_store.h"
#include "chemsafe/store/sqlite/sqlite_connection.h"

namespace chemsafe::store {
namespace {

using internal::SqlConnection;
using internal::SqlParam;
using internal::SqlRow;

constexpr std::string_view kRunColumns =
    "id, run_at, method, input_digest, scope, new_installations, synthetic_weather, summary";
constexpr std::string_view kRowColumns =
    "run_id, enterprise_id, rank, division_code, action, batch, worst_ratio, pll_per_yr, exceedance_count, detail";

QraRunRecord ReadRun(const SqlRow& r) {
  QraRunRecord run;
  run.id = r.Int(0);
  run.run_at = r.Text(1);
  run.method = r.Text(2);
  run.input_digest = r.Text(3);
  run.scope = r.Text(4);
  run.new_installations = r.Int(5) != 0;
  run.synthetic_weather = r.Int(6) != 0;
  run.summary = r.Text(7);
  return run;
}

QraEnterpriseRecord ReadRow(const SqlRow& r) {
  QraEnterpriseRecord e;
  e.run_id = r.Int(0);
  e.enterprise_id = r.Int(1);
  e.rank = static_cast<int>(r.Int(2));
  e.division_code = r.Text(3);
  e.action = r.Text(4);
  e.batch = static_cast<int>(r.Int(5));
  e.worst_ratio = r.Real(6);
  e.pll_per_yr = r.Real(7);
  e.exceedance_count = static_cast<int>(r.Int(8));
  e.detail = r.Text(9);
  return e;
}

class SqlQraStore final : public QraStore {
 public:
  explicit SqlQraStore(std::unique_ptr<SqlConnection> conn) : conn_(std::move(conn)) {}

  Status Init() { return migrations::Migrate(*conn_); }

  Status SaveRun(QraRunRecord& run, std::vector<QraEnterpriseRecord>& rows) override {
    CHEMSAFE_ASSIGN_OR_RETURN(
        int insert_run,
        conn_->PrepareCached("INSERT INTO qra_runs (run_at, method, input_digest, scope, new_installations, "
                             "synthetic_weather, summary, contours, exceedances) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)" +
                             std::string(conn_->InsertIdClause())));
    CHEMSAFE_ASSIGN_OR_RETURN(int insert_row,
                              conn_->PrepareCached("INSERT INTO qra_enterprise_results (" + std::string(kRowColumns) +
                                                   ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    CHEMSAFE_ASSIGN_OR_RETURN(int bump, conn_->PrepareCached("UPDATE data_generation SET n = n + 1 WHERE id = 1"));
    CHEMSAFE_RETURN_IF_ERROR(conn_->BeginWrite());
    Status s = [&]() -> Status {
      const std::array<SqlParam, 9> p = {std::string_view(run.run_at),      std::string_view(run.method),
                                         std::string_view(run.input_digest), std::string_view(run.scope),
                                         std::int64_t{run.new_installations ? 1 : 0},
                                         std::int64_t{run.synthetic_weather ? 1 : 0},
                                         std::string_view(run.summary),      std::string_view(run.contours),
                                         std::string_view(run.exceedances)};
      CHEMSAFE_ASSIGN_OR_RETURN(run.id, conn_->RunInsert(insert_run, p));
      for (QraEnterpriseRecord& e : rows) {
        e.run_id = run.id;
        const std::array<SqlParam, 10> rp = {e.run_id, e.enterprise_id, std::int64_t{e.rank},
                                             std::string_view(e.division_code), std::string_view(e.action),
                                             std::int64_t{e.batch}, e.worst_ratio, e.pll_per_yr,
                                             std::int64_t{e.exceedance_count}, std::string_view(e.detail)};
        CHEMSAFE_RETURN_IF_ERROR(conn_->Run(insert_row, rp, nullptr).status());
      }
      // The registry's data generation (registry_store.h): answers made from the runs change.
      return conn_->Run(bump, {}, nullptr).status();
    }();
    if (!s.ok()) {
      (void)conn_->Rollback();
      run.id = 0;
      return s;
    }
    return conn_->Commit();
  }

  Result<std::vector<QraRunRecord>> Runs(int offset, int limit) override {
    return QueryRuns("SELECT " + std::string(kRunColumns) + " FROM qra_runs ORDER BY id DESC LIMIT ? OFFSET ?",
                     {std::int64_t{limit}, std::int64_t{offset}});
  }

  Result<std::int64_t> RunCount() override {
    CHEMSAFE_ASSIGN_OR_RETURN(int stmt, conn_->PrepareCached("SELECT COUNT(*) FROM qra_runs"));
    std::int64_t n = 0;
    internal::RowFn fn = [&](const SqlRow& r) {
      n = r.Int(0);
      return Status::Ok();
    };
    CHEMSAFE_RETURN_IF_ERROR(conn_->Run(stmt, {}, &fn).status());
    return n;
  }

  Result<std::optional<QraRunRecord>> Run(std::int64_t id, bool with_geometry) override {
    CHEMSAFE_ASSIGN_OR_RETURN(
        int stmt, conn_->PrepareCached("SELECT " + std::string(kRunColumns) + ", " +
                                       (with_geometry ? "contours, exceedances" : "'', ''") +
                                       " FROM qra_runs WHERE id = ?"));
    std::optional<QraRunRecord> out;
    internal::RowFn fn = [&](const SqlRow& r) {
      out = ReadRun(r);
      out->contours = r.Text(8);
      out->exceedances = r.Text(9);
      return Status::Ok();
    };
    const std::array<SqlParam, 1> p = {id};
    CHEMSAFE_RETURN_IF_ERROR(conn_->Run(stmt, p, &fn).status());
    return out;
  }

  Result<std::optional<std::int64_t>> LatestRunId() override {
    CHEMSAFE_ASSIGN_OR_RETURN(int stmt, conn_->PrepareCached("SELECT MAX(id) FROM qra_runs"));
    std::optional<std::int64_t> out;
    internal::RowFn fn = [&](const SqlRow& r) {
      if (!r.IsNull(0)) out = r.Int(0);
      return Status::Ok();
    };
    CHEMSAFE_RETURN_IF_ERROR(conn_->Run(stmt, {}, &fn).status());
    return out;
  }

  Result<std::optional<QraRunRecord>> FindRunByDigest(const std::string& digest) override {
    CHEMSAFE_ASSIGN_OR_RETURN(auto runs, QueryRuns("SELECT " + std::string(kRunColumns) +
                                                       " FROM qra_runs WHERE input_digest = ? ORDER BY id DESC LIMIT 1",
                                                   {std::string_view(digest)}));
    if (runs.empty()) return std::optional<QraRunRecord>();
    return std::optional<QraRunRecord>(std::move(runs.front()));
  }

  Result<QraListPage> List(const QraListQuery& q) override {
    QraListPage page;
    if (q.enterprise_ids) return ListOf(q);
    // The division prefix as a range that the (run_id, division_code, rank) index answers.
    const std::string end = q.division_prefix + "\x7f";
    const std::string scope = "run_id = ? AND division_code >= ? AND division_code < ?";
    std::vector<SqlParam> p = {q.run_id, std::string_view(q.division_prefix), std::string_view(end)};
    CHEMSAFE_ASSIGN_OR_RETURN(int counts, conn_->PrepareCached("SELECT action, COUNT(*) FROM qra_enterprise_results "
                                                               "WHERE " + scope + " GROUP BY action"));
    internal::RowFn count_fn = [&](const SqlRow& r) {
      page.by_action[std::string(r.Text(0))] = r.Int(1);
      return Status::Ok();
    };
    CHEMSAFE_RETURN_IF_ERROR(conn_->Run(counts, p, &count_fn).status());
    std::string filter = scope;
    if (q.listed_only) filter += " AND exceedance_count > 0";
    if (!q.action.empty()) {
      filter += " AND action = ?";
      p.emplace_back(std::string_view(q.action));
    }
    CHEMSAFE_ASSIGN_OR_RETURN(int total, conn_->PrepareCached("SELECT COUNT(*) FROM qra_enterprise_results WHERE " +
                                                              filter));
    internal::RowFn total_fn = [&](const SqlRow& r) {
      page.total = r.Int(0);
      return Status::Ok();
    };
    CHEMSAFE_RETURN_IF_ERROR(conn_->Run(total, p, &total_fn).status());
    CHEMSAFE_ASSIGN_OR_RETURN(int rows, conn_->PrepareCached("SELECT " + std::string(kRowColumns) +
                                                             " FROM qra_enterprise_results WHERE " + filter +
                                                             " ORDER BY rank LIMIT ? OFFSET ?"));
    p.emplace_back(std::int64_t{q.limit});
    p.emplace_back(std::int64_t{q.offset});
    internal::RowFn row_fn = [&](const SqlRow& r) {
      page.rows.push_back(ReadRow(r));
      return Status::Ok();
    };
    CHEMSAFE_RETURN_IF_ERROR(conn_->Run(rows, p, &row_fn).status());
    return page;
  }

  Result<std::vector<QraEnterpriseRecord>> EnterpriseHistory(std::int64_t enterprise_id) override {
    CHEMSAFE_ASSIGN_OR_RETURN(int stmt, conn_->PrepareCached("SELECT " + std::string(kRowColumns) +
                                                             " FROM qra_enterprise_results WHERE enterprise_id = ? "
                                                             "ORDER BY run_id DESC"));
    std::vector<QraEnterpriseRecord> out;
    internal::RowFn fn = [&](const SqlRow& r) {
      out.push_back(ReadRow(r));
      return Status::Ok();
    };
    const std::array<SqlParam, 1> p = {enterprise_id};
    CHEMSAFE_RETURN_IF_ERROR(conn_->Run(stmt, p, &fn).status());
    return out;
  }

 private:
  Result<std::vector<QraRunRecord>> QueryRuns(const std::string& sql, std::vector<SqlParam> params) {
    CHEMSAFE_ASSIGN_OR_RETURN(int stmt, conn_->PrepareCached(sql));
    std::vector<QraRunRecord> out;
    internal::RowFn fn = [&](const SqlRow& r) {
      out.push_back(ReadRun(r));
      return Status::Ok();
    };
    CHEMSAFE_RETURN_IF_ERROR(conn_->Run(stmt, params, &fn).status());
    return out;
  }

  // A list bounded by a set of enterprises (a grid officer's few, an enterprise's own): each one's row
  // by key, then filtered, counted and paged here.
  Result<QraListPage> ListOf(const QraListQuery& q) {
    CHEMSAFE_ASSIGN_OR_RETURN(int stmt, conn_->PrepareCached("SELECT " + std::string(kRowColumns) +
                                                             " FROM qra_enterprise_results WHERE run_id = ? AND "
                                                             "enterprise_id = ?"));
    std::vector<QraEnterpriseRecord> all;
    internal::RowFn fn = [&](const SqlRow& r) {
      all.push_back(ReadRow(r));
      return Status::Ok();
    };
    for (std::int64_t id : *q.enterprise_ids) {
      const std::array<SqlParam, 2> p = {q.run_id, id};
      CHEMSAFE_RETURN_IF_ERROR(conn_->Run(stmt, p, &fn).status());
    }
    std::erase_if(all, [&](const QraEnterpriseRecord& e) { return e.division_code.rfind(q.division_prefix, 0) != 0; });
    std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.rank < b.rank; });
    QraListPage page;
    for (const auto& e : all) ++page.by_action[e.action];
    std::erase_if(all, [&](const QraEnterpriseRecord& e) {
      return (q.listed_only && e.exceedance_count == 0) || (!q.action.empty() && e.action != q.action);
    });
    page.total = static_cast<std::int64_t>(all.size());
    for (std::size_t k = static_cast<std::size_t>(std::max(q.offset, 0));
         k < all.size() && page.rows.size() < static_cast<std::size_t>(std::max(q.limit, 0)); ++k) {
      page.rows.push_back(std::move(all[k]));
    }
    return page;
  }

  std::unique_ptr<SqlConnection> conn_;
};

Result<std::unique_ptr<QraStore>> Make(Result<std::unique_ptr<SqlConnection>> conn) {
  return internal::MakeSqlStore<SqlQraStore, QraStore>(std::move(conn));
}

}  // namespace

Result<std::unique_ptr<QraStore>> OpenSqliteQraStore(const std::string& path) {
  return Make(sqlite::OpenSqliteConnection(path));
}

Result<std::unique_ptr<QraStore>> OpenPostgresQraStore(const std::string& url) {
  return Make(postgres::OpenPostgresConnection(url));
}

}  // namespace chemsafe::store
