// TraceStore over the SQL driver interface (internal/sql_connection.h): one implementation for SQLite and
// PostgreSQL, like sql_hazard_store.cc.
#include <algorithm>
#include <array>
#include <limits>
#include <span>
#include <unordered_map>

#include <fmt/format.h>

#include "chemsafe/store/internal/audit_rows.h"
#include "chemsafe/store/internal/sql_connection.h"
#include "chemsafe/store/migrations/migrations.h"
#include "chemsafe/store/postgres/pg_connection.h"
#include "chemsafe/store/sqlite/sqlite_connection.h"
#include "chemsafe/store/trace_store.h"

namespace chemsafe::store {
namespace {

using internal::SqlConnection;
using internal::SqlParam;
using internal::SqlRow;

constexpr std::string_view kEventColumns =
    "id, hash, event_id, type, event_time, event_time_us, record_time, biz_step, biz_location, body";

TraceEventRow ReadEvent(const SqlRow& r) {
  TraceEventRow e;
  e.id = r.Int(0);
  e.hash = r.Text(1);
  e.event_id = r.Text(2);
  e.type = static_cast<int>(r.Int(3));
  e.event_time = r.Text(4);
  e.event_time_us = r.Int(5);
  e.record_time = r.Text(6);
  e.biz_step = r.Text(7);
  e.biz_location = r.Text(8);
  e.body = r.Text(9);
  return e;
}

class SqlTraceStore final : public TraceStore {
 public:
  explicit SqlTraceStore(std::unique_ptr<SqlConnection> conn) : conn_(std::move(conn)) {}

  Status Init() { return migrations::Migrate(*conn_); }

  Result<std::vector<TraceCaptureOutcome>> Capture(std::vector<TraceCapture>& batch) override {
    CHEMSAFE_ASSIGN_OR_RETURN(
        int insert_event,
        conn_->PrepareCached("INSERT INTO trace_events (hash, event_id, type, event_time, event_time_us, record_time, "
                             "biz_step, biz_location, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (hash) DO "
                             "NOTHING" + std::string(conn_->InsertIdClause())));
    CHEMSAFE_ASSIGN_OR_RETURN(int find, conn_->PrepareCached("SELECT id FROM trace_events WHERE hash = ?"));
    CHEMSAFE_ASSIGN_OR_RETURN(int insert_id,
                              conn_->PrepareCached("INSERT INTO trace_event_ids (event, epc, role, type, at_us) VALUES (?, ?, ?, ?, ?)"));
    CHEMSAFE_ASSIGN_OR_RETURN(
        int insert_movement,
        conn_->PrepareCached("INSERT INTO trace_movements (event, at_us, recorded_us, party, site, chemical, "
                             "counterparty, shipment, kind, quantity_kg) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    // Names a cache keeps that are as yet only in this transaction: forgotten again if it rolls back.
    std::vector<std::string> new_names;
    if (name_ids_.size() > kNameCacheSize) name_ids_.clear();
    std::vector<TraceCaptureOutcome> out;
    out.reserve(batch.size());
    std::unordered_map<std::string_view, std::int64_t> in_batch;
    CHEMSAFE_RETURN_IF_ERROR(conn_->BeginWrite());
    Status s = [&]() -> Status {
      for (TraceCapture& c : batch) {
        TraceEventRow& e = c.row;
        if (auto it = in_batch.find(e.hash); it != in_batch.end()) {
          e.id = it->second;
          out.push_back({e.id, true});
          continue;
        }
        const std::array<SqlParam, 9> p = {std::string_view(e.hash),        std::string_view(e.event_id),
                                           std::int64_t{e.type},            std::string_view(e.event_time),
                                           e.event_time_us,                 std::string_view(e.record_time),
                                           std::string_view(e.biz_step),    std::string_view(e.biz_location),
                                           std::string_view(e.body)};
        CHEMSAFE_ASSIGN_OR_RETURN(e.id, conn_->RunInsert(insert_event, p));
        if (e.id == 0) {  // stored before
          const std::array<SqlParam, 1> h = {std::string_view(e.hash)};
          internal::RowFn fn = [&](const SqlRow& r) {
            e.id = r.Int(0);
            return Status::Ok();
          };
          CHEMSAFE_RETURN_IF_ERROR(conn_->Run(find, h, &fn).status());
          in_batch.emplace(e.hash, e.id);
          out.push_back({e.id, true});
          continue;
        }
        in_batch.emplace(e.hash, e.id);
        for (const TraceIdEntry& id : c.ids) {
          const std::array<SqlParam, 5> ip = {e.id, std::string_view(id.epc), std::int64_t{static_cast<int>(id.role)},
                                              std::int64_t{e.type}, e.event_time_us};
          CHEMSAFE_RETURN_IF_ERROR(conn_->Run(insert_id, ip, nullptr).status());
        }
        for (TraceMovement& m : c.movements) {
          m.event = e.id;
          std::array<std::int64_t, 5> name{};
          const std::array<std::string_view, 5> texts = {m.party, m.site, m.chemical, m.counterparty, m.shipment_key};
          for (std::size_t k = 0; k < texts.size(); ++k) {
            CHEMSAFE_ASSIGN_OR_RETURN(name[k], NameId(texts[k], new_names));
          }
          const std::array<SqlParam, 10> mp = {m.event,   m.at_us,   e.record_time_us, name[0],
                                               name[1],   name[2],   name[3],          name[4],
                                               std::int64_t{static_cast<int>(m.kind)}, m.quantity_kg};
          CHEMSAFE_RETURN_IF_ERROR(conn_->Run(insert_movement, mp, nullptr).status());
        }
        out.push_back({e.id, false});
      }
      // The registry's data generation (registry_store.h): answers made from the events change.
      CHEMSAFE_ASSIGN_OR_RETURN(int bump, conn_->PrepareCached("UPDATE data_generation SET n = n + 1 WHERE id = 1"));
      return conn_->Run(bump, {}, nullptr).status();
    }();
    if (!s.ok()) {
      (void)conn_->Rollback();
      for (TraceCapture& c : batch) c.row.id = 0;
      for (const std::string& n : new_names) name_ids_.erase(n);
      return s;
    }
    CHEMSAFE_RETURN_IF_ERROR(conn_->Commit());
    return out;
  }

  Result<int> Declare(const std::vector<TraceErrorDeclaration>& declarations) override {
    CHEMSAFE_ASSIGN_OR_RETURN(
        int insert, conn_->PrepareCached("INSERT INTO trace_error_declarations (event, declared_at, reason, "
                                         "corrective_event_ids, declaration_hash) VALUES (?, ?, ?, ?, ?) ON CONFLICT "
                                         "(declaration_hash) DO NOTHING"));
    int added = 0;
    CHEMSAFE_RETURN_IF_ERROR(conn_->BeginWrite());
    Status s = [&]() -> Status {
      for (const auto& d : declarations) {
        const std::array<SqlParam, 5> p = {d.event, std::string_view(d.declared_at), std::string_view(d.reason),
                                           std::string_view(d.corrective_event_ids),
                                           std::string_view(d.declaration_hash)};
        CHEMSAFE_ASSIGN_OR_RETURN(std::int64_t n, conn_->Run(insert, p, nullptr));
        added += static_cast<int>(n);
      }
      CHEMSAFE_ASSIGN_OR_RETURN(int bump, conn_->PrepareCached("UPDATE data_generation SET n = n + 1 WHERE id = 1"));
      return conn_->Run(bump, {}, nullptr).status();
    }();
    if (!s.ok()) {
      (void)conn_->Rollback();
      return s;
    }
    CHEMSAFE_RETURN_IF_ERROR(conn_->Commit());
    return added;
  }

  Result<std::optional<TraceEventRow>> FindByEventId(const std::string& event_id) override {
    return One("SELECT " + std::string(kEventColumns) + " FROM trace_events WHERE event_id = ? ORDER BY id LIMIT 1",
               std::string_view(event_id));
  }

  Result<std::optional<TraceEventRow>> FindById(std::int64_t id) override {
    return One("SELECT " + std::string(kEventColumns) + " FROM trace_events WHERE id = ?", id);
  }

  Result<std::vector<TraceEventRow>> Query(const TraceEventQuery& q) override {
    std::string sql = "SELECT " + std::string(kEventColumns) + " FROM trace_events WHERE id > ?";
    std::vector<SqlParam> p = {q.after_id};
    if (q.type) {
      sql += " AND type = ?";
      p.emplace_back(std::int64_t{*q.type});
    }
    if (q.ge_time_us) {
      sql += " AND event_time_us >= ?";
      p.emplace_back(*q.ge_time_us);
    }
    if (q.lt_time_us) {
      sql += " AND event_time_us < ?";
      p.emplace_back(*q.lt_time_us);
    }
    if (!q.biz_step.empty()) {
      sql += " AND biz_step = ?";
      p.emplace_back(std::string_view(q.biz_step));
    }
    if (!q.biz_location.empty()) {
      sql += " AND biz_location = ?";
      p.emplace_back(std::string_view(q.biz_location));
    }
    if (!q.match_epc.empty()) {
      sql += " AND id IN (SELECT event FROM trace_event_ids WHERE epc = ? AND role IN (1, 3, 4, 5))";
      p.emplace_back(std::string_view(q.match_epc));
    }
    if (!q.match_any_epc.empty()) {
      sql += " AND id IN (SELECT event FROM trace_event_ids WHERE epc = ? AND role IN (1, 2, 3, 4, 5))";
      p.emplace_back(std::string_view(q.match_any_epc));
    }
    if (!q.match_epc_class.empty()) {
      sql += " AND id IN (SELECT event FROM trace_event_ids WHERE epc = ? AND role IN (6, 7, 8))";
      p.emplace_back(std::string_view(q.match_epc_class));
    }
    if (!q.parties.empty()) {
      sql += " AND id IN (SELECT m.event FROM trace_movements m JOIN trace_names n ON n.id = m.party WHERE n.name IN (";
      for (std::size_t k = 0; k < q.parties.size(); ++k) {
        sql += k == 0 ? "?" : ", ?";
        p.emplace_back(std::string_view(q.parties[k]));
      }
      sql += "))";
    }
    sql += " ORDER BY id LIMIT ?";
    p.emplace_back(std::int64_t{q.limit});
    return Many(sql, p);
  }

  Result<std::int64_t> EventCount() override {
    CHEMSAFE_ASSIGN_OR_RETURN(int stmt, conn_->PrepareCached("SELECT COUNT(*) FROM trace_events"));
    std::int64_t n = 0;
    internal::RowFn fn = [&](const SqlRow& r) {
      n = r.Int(0);
      return Status::Ok();
    };
    CHEMSAFE_RETURN_IF_ERROR(conn_->Run(stmt, {}, &fn).status());
    return n;
  }

  Result<std::vector<TraceNaming>> EventsNaming(const std::string& epc) override {
    CHEMSAFE_ASSIGN_OR_RETURN(int stmt, conn_->PrepareCached("SELECT event, role, type, at_us FROM trace_event_ids WHERE "
                                                             "epc = ? ORDER BY at_us, event"));
    std::vector<TraceNaming> out;
    internal::RowFn fn = [&](const SqlRow& r) {
      out.push_back({r.Int(0), static_cast<TraceIdRole>(r.Int(1)), static_cast<int>(r.Int(2)), r.Int(3)});
      return Status::Ok();
    };
    const std::array<SqlParam, 1> p = {std::string_view(epc)};
    CHEMSAFE_RETURN_IF_ERROR(conn_->Run(stmt, p, &fn).status());
    return out;
  }

  Result<std::vector<TraceIdEntry>> IdsOf(std::int64_t event) override {
    CHEMSAFE_ASSIGN_OR_RETURN(int stmt, conn_->PrepareCached("SELECT epc, role FROM trace_event_ids WHERE event = ?"));
    std::vector<TraceIdEntry> out;
    internal::RowFn fn = [&](const SqlRow& r) {
      out.push_back({std::string(r.Text(0)), static_cast<TraceIdRole>(r.Int(1))});
      return Status::Ok();
    };
    const std::array<SqlParam, 1> p = {event};
    CHEMSAFE_RETURN_IF_ERROR(conn_->Run(stmt, p, &fn).status());
    return out;
  }

  Result<MovementLedger> ReadMovements(std::int64_t from_us, std::int64_t to_us) override {
    CHEMSAFE_ASSIGN_OR_RETURN(const std::vector<std::int64_t> in_error, DeclaredInError());
    MovementLedger out;
    // The names, by id (ids may have gaps: a rolled-back PostgreSQL sequence).
    CHEMSAFE_ASSIGN_OR_RETURN(int names, conn_->PrepareCached("SELECT id, name FROM trace_names ORDER BY id"));
    internal::RowFn name = [&](const SqlRow& r) {
      const std::int64_t id = r.Int(0);
      if (id < 0 || id > std::numeric_limits<std::uint32_t>::max()) return Internal(fmt::format("trace_names: id {}", id));
      if (static_cast<std::size_t>(id) >= out.texts.size()) out.texts.resize(static_cast<std::size_t>(id) + 1);
      out.texts[static_cast<std::size_t>(id)] = r.Text(1);
      return Status::Ok();
    };
    CHEMSAFE_RETURN_IF_ERROR(conn_->Run(names, {}, &name).status());
    constexpr std::string_view kColumns =
        "SELECT event, at_us, recorded_us, party, site, chemical, counterparty, shipment, kind, quantity_kg FROM "
        "trace_movements";
    const bool all = from_us == 0 && to_us == 0;
    if (all) {
      CHEMSAFE_ASSIGN_OR_RETURN(int count, conn_->PrepareCached("SELECT COUNT(*) FROM trace_movements"));
      internal::RowFn fn = [&](const SqlRow& r) {
        out.rows.reserve(static_cast<std::size_t>(r.Int(0)));
        return Status::Ok();
      };
      CHEMSAFE_RETURN_IF_ERROR(conn_->Run(count, {}, &fn).status());
    }
    CHEMSAFE_ASSIGN_OR_RETURN(
        int stmt, conn_->PrepareCached(all ? std::string(kColumns)
                                           : std::string(kColumns) + " WHERE at_us >= ? AND at_us < ?"));
    const std::size_t known = out.texts.size();
    internal::RowFn row = [&](const SqlRow& r) {
      const std::int64_t event = r.Int(0);
      if (!in_error.empty() && std::binary_search(in_error.begin(), in_error.end(), event)) return Status::Ok();
      MovementLedger::Row m;
      m.event = event;
      m.at_us = r.Int(1);
      m.recorded_us = r.Int(2);
      std::uint32_t* const name_of[] = {&m.party, &m.site, &m.chemical, &m.counterparty, &m.shipment_key};
      for (int k = 0; k < 5; ++k) {
        const std::int64_t id = r.Int(3 + k);
        if (id < 0 || static_cast<std::size_t>(id) >= known) {
          return Internal(fmt::format("trace_movements of event {}: name id {} not in trace_names", event, id));
        }
        *name_of[k] = static_cast<std::uint32_t>(id);
      }
      m.kind = static_cast<MovementKind>(r.Int(8));
      m.quantity_kg = r.Real(9);
      out.rows.push_back(m);
      return Status::Ok();
    };
    const std::array<SqlParam, 2> p = {from_us, to_us == 0 ? std::numeric_limits<std::int64_t>::max() : to_us};
    CHEMSAFE_RETURN_IF_ERROR(conn_->Run(stmt, all ? std::span<const SqlParam>() : std::span<const SqlParam>(p), &row).status());
    auto before = [](const MovementLedger::Row& a, const MovementLedger::Row& b) {
      return a.at_us != b.at_us ? a.at_us < b.at_us : a.event < b.event;
    };
    // Captured mostly in time order: often sorted already.
    if (!std::is_sorted(out.rows.begin(), out.rows.end(), before)) std::sort(out.rows.begin(), out.rows.end(), before);
    return out;
  }

  Result<std::vector<std::int64_t>> DeclaredInError() override {
    CHEMSAFE_ASSIGN_OR_RETURN(int stmt,
                              conn_->PrepareCached("SELECT DISTINCT event FROM trace_error_declarations ORDER BY event"));
    std::vector<std::int64_t> out;
    internal::RowFn fn = [&](const SqlRow& r) {
      out.push_back(r.Int(0));
      return Status::Ok();
    };
    CHEMSAFE_RETURN_IF_ERROR(conn_->Run(stmt, {}, &fn).status());
    return out;
  }

  Result<std::map<std::string, TraceWorkItem>> WorkItems() override {
    CHEMSAFE_ASSIGN_OR_RETURN(int stmt, conn_->PrepareCached("SELECT anomaly_key, status, note, updated_at, updated_by "
                                                             "FROM trace_work_items"));
    std::map<std::string, TraceWorkItem> out;
    internal::RowFn fn = [&](const SqlRow& r) {
      TraceWorkItem w{std::string(r.Text(0)), static_cast<WorkItemStatus>(r.Int(1)), std::string(r.Text(2)),
                      std::string(r.Text(3)), std::string(r.Text(4))};
      out.emplace(w.anomaly_key, std::move(w));
      return Status::Ok();
    };
    CHEMSAFE_RETURN_IF_ERROR(conn_->Run(stmt, {}, &fn).status());
    return out;
  }

  Status SetWorkItem(const TraceWorkItem& item, audit::AuditRecord& audit) override {
    CHEMSAFE_ASSIGN_OR_RETURN(
        int stmt, conn_->PrepareCached("INSERT INTO trace_work_items (anomaly_key, status, note, updated_at, updated_by) "
                                       "VALUES (?, ?, ?, ?, ?) ON CONFLICT (anomaly_key) DO UPDATE SET status = "
                                       "excluded.status, note = excluded.note, updated_at = excluded.updated_at, "
                                       "updated_by = excluded.updated_by"));
    return Audited(audit, [&]() -> Status {
      const std::array<SqlParam, 5> p = {std::string_view(item.anomaly_key), std::int64_t{static_cast<int>(item.status)},
                                         std::string_view(item.note), std::string_view(item.updated_at),
                                         std::string_view(item.updated_by)};
      return conn_->Run(stmt, p, nullptr).status();
    });
  }

  Result<std::vector<BlacklistEntry>> Blacklist() override {
    CHEMSAFE_ASSIGN_OR_RETURN(int stmt, conn_->PrepareCached("SELECT id, uscc, listed_on, ended_on, authority, reason "
                                                             "FROM blacklist ORDER BY uscc, listed_on, id"));
    std::vector<BlacklistEntry> out;
    internal::RowFn fn = [&](const SqlRow& r) {
      out.push_back({r.Int(0), std::string(r.Text(1)), std::string(r.Text(2)), std::string(r.Text(3)),
                     std::string(r.Text(4)), std::string(r.Text(5))});
      return Status::Ok();
    };
    CHEMSAFE_RETURN_IF_ERROR(conn_->Run(stmt, {}, &fn).status());
    return out;
  }

  Status AddBlacklisting(BlacklistEntry& entry, audit::AuditRecord& audit) override {
    CHEMSAFE_ASSIGN_OR_RETURN(
        int stmt, conn_->PrepareCached("INSERT INTO blacklist (uscc, listed_on, ended_on, authority, reason) VALUES (?, ?, "
                                       "?, ?, ?)" + std::string(conn_->InsertIdClause())));
    return Audited(audit, [&]() -> Status {
      const std::array<SqlParam, 5> p = {std::string_view(entry.uscc), std::string_view(entry.listed_on),
                                         std::string_view(entry.ended_on), std::string_view(entry.authority),
                                         std::string_view(entry.reason)};
      CHEMSAFE_ASSIGN_OR_RETURN(entry.id, conn_->RunInsert(stmt, p));
      return Status::Ok();
    });
  }

  Status EndBlacklisting(std::int64_t id, const std::string& ended_on, audit::AuditRecord& audit) override {
    CHEMSAFE_ASSIGN_OR_RETURN(int stmt, conn_->PrepareCached("UPDATE blacklist SET ended_on = ? WHERE id = ?"));
    return Audited(audit, [&]() -> Status {
      const std::array<SqlParam, 2> p = {std::string_view(ended_on), id};
      CHEMSAFE_ASSIGN_OR_RETURN(std::int64_t n, conn_->Run(stmt, p, nullptr));
      if (n == 0) return NotFound(fmt::format("blacklist listing {}: not found", id));
      return Status::Ok();
    });
  }

 private:
  Result<std::vector<TraceEventRow>> Many(const std::string& sql, std::span<const SqlParam> params) {
    CHEMSAFE_ASSIGN_OR_RETURN(int stmt, conn_->PrepareCached(sql));
    std::vector<TraceEventRow> out;
    internal::RowFn fn = [&](const SqlRow& r) {
      out.push_back(ReadEvent(r));
      return Status::Ok();
    };
    CHEMSAFE_RETURN_IF_ERROR(conn_->Run(stmt, params, &fn).status());
    return out;
  }
  Result<std::optional<TraceEventRow>> One(const std::string& sql, SqlParam key) {
    const std::array<SqlParam, 1> p = {key};
    CHEMSAFE_ASSIGN_OR_RETURN(auto rows, Many(sql, p));
    if (rows.empty()) return std::optional<TraceEventRow>();
    return std::optional<TraceEventRow>(std::move(rows.front()));
  }

  Result<std::int64_t> ReserveSerials(const std::string& uscc, const std::string& kind, int count,
                                      audit::AuditRecord& audit) override {
    if (count < 1) return InvalidArgument("count: at least 1");
    CHEMSAFE_ASSIGN_OR_RETURN(
        int upsert, conn_->PrepareCached("INSERT INTO trace_serials (uscc, kind, next_serial) VALUES (?, ?, 1 + ?) ON "
                                         "CONFLICT (uscc, kind) DO UPDATE SET next_serial = trace_serials.next_serial + ?"));
    CHEMSAFE_ASSIGN_OR_RETURN(int read, conn_->PrepareCached("SELECT next_serial FROM trace_serials WHERE uscc = ? AND kind = ?"));
    std::int64_t next = 0;
    const Status done = Audited(audit, [&]() -> Status {
      const std::array<SqlParam, 4> p = {std::string_view(uscc), std::string_view(kind), std::int64_t{count},
                                         std::int64_t{count}};
      CHEMSAFE_RETURN_IF_ERROR(conn_->Run(upsert, p, nullptr).status());
      const std::array<SqlParam, 2> k = {std::string_view(uscc), std::string_view(kind)};
      internal::RowFn fn = [&](const SqlRow& r) {
        next = r.Int(0);
        return Status::Ok();
      };
      return conn_->Run(read, k, &fn).status();
    });
    if (!done.ok()) return done;
    return next - count;
  }

  // `write` and the audit record in one write transaction that raises the data generation; all or nothing.
  Status Audited(audit::AuditRecord& audit, const std::function<Status()>& write) {
    CHEMSAFE_ASSIGN_OR_RETURN(int bump, conn_->PrepareCached("UPDATE data_generation SET n = n + 1 WHERE id = 1"));
    CHEMSAFE_RETURN_IF_ERROR(conn_->BeginWrite());
    Status s = [&]() -> Status {
      CHEMSAFE_RETURN_IF_ERROR(write());
      CHEMSAFE_RETURN_IF_ERROR(conn_->Run(bump, {}, nullptr).status());
      return internal::AppendAuditRow(*conn_, audit);
    }();
    if (!s.ok()) {
      (void)conn_->Rollback();
      return s;
    }
    return conn_->Commit();
  }

  // The id of a text in trace_names (0: empty), stored when new, in the caller's write transaction; kept in
  // the cache (a name's id never changes), and in `added` when stored now.
  Result<std::int64_t> NameId(std::string_view text, std::vector<std::string>& added) {
    if (text.empty()) return std::int64_t{0};
    if (auto it = name_ids_.find(text); it != name_ids_.end()) return it->second;
    CHEMSAFE_ASSIGN_OR_RETURN(int find, conn_->PrepareCached("SELECT id FROM trace_names WHERE name = ?"));
    CHEMSAFE_ASSIGN_OR_RETURN(int insert, conn_->PrepareCached("INSERT INTO trace_names (name) VALUES (?) ON CONFLICT (name) DO "
                                                               "NOTHING" + std::string(conn_->InsertIdClause())));
    const std::array<SqlParam, 1> p = {text};
    std::int64_t id = 0;
    internal::RowFn fn = [&](const SqlRow& r) {
      id = r.Int(0);
      return Status::Ok();
    };
    CHEMSAFE_RETURN_IF_ERROR(conn_->Run(find, p, &fn).status());
    if (id == 0) {
      CHEMSAFE_ASSIGN_OR_RETURN(id, conn_->RunInsert(insert, p));
      // Another writer stored it in between (PostgreSQL): read it.
      if (id == 0) CHEMSAFE_RETURN_IF_ERROR(conn_->Run(find, p, &fn).status());
      if (id == 0) return Internal(fmt::format("trace_names: no id for \"{}\"", text));
      added.emplace_back(text);
    }
    name_ids_.emplace(std::string(text), id);
    return id;
  }

  // Names are few (parties, sites, chemicals) but for the shipment keys, two uses each: a bounded cache.
  static constexpr std::size_t kNameCacheSize = 200'000;
  struct TextHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, std::int64_t, TextHash, std::equal_to<>> name_ids_;
  std::unique_ptr<SqlConnection> conn_;
};

Result<std::unique_ptr<TraceStore>> Make(Result<std::unique_ptr<SqlConnection>> conn) {
  return internal::MakeSqlStore<SqlTraceStore, TraceStore>(std::move(conn));
}

}  // namespace

Result<std::unique_ptr<TraceStore>> OpenSqliteTraceStore(const std::string& path) {
  return Make(sqlite::OpenSqliteConnection(path));
}

Result<std::unique_ptr<TraceStore>> OpenPostgresTraceStore(const std::string& url) {
  return Make(postgres::OpenPostgresConnection(url));
}

}  // namespace chemsafe::store
