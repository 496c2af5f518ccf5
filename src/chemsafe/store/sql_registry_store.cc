// RegistryStore over an SQL connection: the upsert, history and query logic shared by the SQLite and
// PostgreSQL backends. Write statements are prepared once per connection and reused; the writer of a
// transaction caches the ids of enterprises and units it has resolved, so that a bulk import of
// holdings runs one INSERT per row (ON CONFLICT on the current-version index) and reads the current
// version only when the row already exists.
#include "chemsafe/store/internal/sql_registry_store.h"

#include <algorithm>
#include <limits>
#include <string>
#include <unordered_map>
#include <utility>

#include "chemsafe/store/internal/audit_rows.h"
#include "chemsafe/store/internal/record_codec.h"
#include "chemsafe/store/internal/timestamp.h"
#include "chemsafe/store/migrations/migrations.h"

namespace chemsafe::store::internal {
namespace {

using registry::Enterprise;
using registry::Holding;
using registry::Park;
using registry::ProtectedTarget;
using registry::Unit;

SqlParam Opt(const std::optional<double>& v) { return v ? SqlParam{*v} : SqlParam{nullptr}; }
SqlParam Opt(const std::optional<int>& v) { return v ? SqlParam{std::int64_t{*v}} : SqlParam{nullptr}; }
SqlParam Text(const std::string& s) { return std::string_view(s); }
SqlParam Code(auto e) { return std::int64_t{static_cast<int>(e)}; }

std::optional<double> OptReal(const SqlRow& r, int c) {
  return r.IsNull(c) ? std::nullopt : std::optional<double>(r.Real(c));
}
std::optional<LonLat> OptPoint(const SqlRow& r, int lon_col) {
  if (r.IsNull(lon_col) || r.IsNull(lon_col + 1)) return std::nullopt;
  return LonLat{r.Real(lon_col), r.Real(lon_col + 1)};
}
Result<std::optional<Polygon>> OptPolygon(const SqlRow& r, int c) {
  if (r.IsNull(c)) return std::optional<Polygon>();
  CHEMSAFE_ASSIGN_OR_RETURN(Polygon p, DecodePolygon(r.Text(c)));
  return std::optional<Polygon>(std::move(p));
}
std::string Str(const SqlRow& r, int c) { return std::string(r.Text(c)); }

// Division codes are digits, so every code starting with `prefix` lies in [prefix, prefix + DEL).
std::string PrefixEnd(const std::string& prefix) { return prefix + "\x7f"; }

// Appends " AND `column` starts with `prefix`" (when set) to `sql`, as a range that an index on the
// column answers; `end` keeps the text of the range's end, which `params` does not copy.
void AndWithPrefix(std::string& sql, std::vector<SqlParam>& params, std::string_view column,
                   const std::optional<std::string>& prefix, std::string& end) {
  if (!prefix) return;
  end = PrefixEnd(*prefix);
  sql.append(" AND ").append(column).append(" >= ? AND ").append(column).append(" < ?");
  params.push_back(std::string_view(*prefix));
  params.push_back(std::string_view(end));
}

constexpr const char* kEnterpriseCols =
    "e.id, e.uscc, e.name, e.legal_representative, e.division_code, e.address, e.lon_deg, e.lat_deg, "
    "e.activities, e.sector, e.park_code, e.licences, e.provenance";
Result<Enterprise> ReadEnterprise(const SqlRow& r) {
  Enterprise e;
  e.id = r.Int(0);
  e.uscc = Str(r, 1);
  e.name = Str(r, 2);
  e.legal_representative = Str(r, 3);
  e.division_code = Str(r, 4);
  e.address = Str(r, 5);
  e.location = OptPoint(r, 6);
  CHEMSAFE_ASSIGN_OR_RETURN(e.activities, DecodeActivities(r.Text(8)));
  e.sector = static_cast<registry::Sector>(r.Int(9));
  e.park_code = Str(r, 10);
  CHEMSAFE_ASSIGN_OR_RETURN(e.licences, DecodeLicences(r.Text(11)));
  e.provenance = static_cast<registry::Provenance>(r.Int(12));
  return e;
}

constexpr const char* kUnitCols =
    "u.id, u.enterprise_id, e.uscc, u.code, u.name, u.kind, u.lon_deg, u.lat_deg, u.boundary, "
    "u.declared_exposed_people, u.responsible, u.key_processes, u.provenance "
    "FROM units u JOIN enterprises e ON e.id = u.enterprise_id";
Result<Unit> ReadUnit(const SqlRow& r) {
  Unit u;
  u.id = r.Int(0);
  u.enterprise_id = r.Int(1);
  u.enterprise_uscc = Str(r, 2);
  u.code = Str(r, 3);
  u.name = Str(r, 4);
  u.kind = static_cast<registry::UnitKind>(r.Int(5));
  u.location = OptPoint(r, 6);
  CHEMSAFE_ASSIGN_OR_RETURN(u.boundary, OptPolygon(r, 8));
  if (!r.IsNull(9)) u.declared_exposed_people = static_cast<int>(r.Int(9));
  CHEMSAFE_ASSIGN_OR_RETURN(u.responsible, DecodePersons(r.Text(10)));
  CHEMSAFE_ASSIGN_OR_RETURN(u.key_processes, DecodeStrings(r.Text(11)));
  u.provenance = static_cast<registry::Provenance>(r.Int(12));
  return u;
}

Holding ReadHolding(const SqlRow& r) {
  Holding h;
  h.id = r.Int(0);
  h.unit_id = r.Int(1);
  h.enterprise_uscc = Str(r, 2);
  h.unit_code = Str(r, 3);
  h.chemical_key = Str(r, 4);
  h.chemical_name = Str(r, 5);
  h.max_quantity_t = OptReal(r, 6);
  h.typical_quantity_t = OptReal(r, 7);
  h.max_volume_m3 = OptReal(r, 8);
  h.density_t_m3 = OptReal(r, 9);
  h.state = static_cast<registry::PhysicalState>(r.Int(10));
  h.temperature_c = OptReal(r, 11);
  h.pressure_mpa = OptReal(r, 12);
  h.gb18218_category = Str(r, 13);
  h.provenance = static_cast<registry::Provenance>(r.Int(14));
  h.valid_from = Str(r, 15);
  if (!r.IsNull(16)) h.valid_to = Str(r, 16);
  return h;
}

// Declared values of a holding version: what decides whether a re-import changed it.
bool SameDeclaredValues(const Holding& a, const Holding& b) {
  return a.chemical_name == b.chemical_name && a.max_quantity_t == b.max_quantity_t &&
         a.typical_quantity_t == b.typical_quantity_t && a.max_volume_m3 == b.max_volume_m3 &&
         a.density_t_m3 == b.density_t_m3 && a.state == b.state && a.temperature_c == b.temperature_c &&
         a.pressure_mpa == b.pressure_mpa && a.gb18218_category == b.gb18218_category &&
         a.provenance == b.provenance;
}

constexpr const char* kTargetCols =
    "id, code, name, target_class, kind, division_code, lon_deg, lat_deg, area, day_population, "
    "night_population, provenance FROM protected_targets";
Result<ProtectedTarget> ReadTarget(const SqlRow& r) {
  ProtectedTarget t;
  t.id = r.Int(0);
  t.code = Str(r, 1);
  t.name = Str(r, 2);
  t.target_class = static_cast<registry::TargetClass>(r.Int(3));
  t.kind = Str(r, 4);
  t.division_code = Str(r, 5);
  t.location = OptPoint(r, 6);
  CHEMSAFE_ASSIGN_OR_RETURN(t.area, OptPolygon(r, 8));
  t.day_population = static_cast<int>(r.Int(9));
  t.night_population = static_cast<int>(r.Int(10));
  t.provenance = static_cast<registry::Provenance>(r.Int(11));
  return t;
}

constexpr const char* kParkCols = "id, code, name, kind, division_code, boundary, provenance FROM parks";
Result<Park> ReadPark(const SqlRow& r) {
  Park p;
  p.id = r.Int(0);
  p.code = Str(r, 1);
  p.name = Str(r, 2);
  p.kind = static_cast<registry::ParkKind>(r.Int(3));
  p.division_code = Str(r, 4);
  CHEMSAFE_ASSIGN_OR_RETURN(p.boundary, OptPolygon(r, 5));
  p.provenance = static_cast<registry::Provenance>(r.Int(6));
  return p;
}

class SqlRegistryStore;

// The statements a writer runs for every row, prepared once per connection.
struct WriteStatements {
  int upsert_enterprise = 0;
  int enterprise_id_by_uscc = 0;
  int enterprise_uscc_by_id = 0;
  int upsert_unit = 0;
  int unit_id_by_key = 0;
  int insert_holding_if_absent = 0;
  int insert_holdings_if_absent = 0;  // kHoldingBatchRows rows (UpsertHoldings)
  int max_holding_id = 0;
  int holdings_above_id = 0;
  int insert_holding = 0;
  int current_holding = 0;
  int close_holding = 0;
  int upsert_target = 0;
  int upsert_park = 0;
  int record_change = 0;
};

class SqlRegistryStore final : public RegistryStore {
 public:
  explicit SqlRegistryStore(std::unique_ptr<SqlConnection> conn) : conn_(std::move(conn)) {}

  Status Init();

  Status InTransaction(const std::function<Status(RegistryWriter&)>& fn) override;
  Result<std::optional<Enterprise>> FindEnterprise(std::string_view uscc) override;
  Result<std::vector<Enterprise>> ListEnterprises(const EnterpriseFilter& f) override;
  Result<std::optional<Unit>> FindUnit(std::string_view uscc, std::string_view unit_code) override;
  Result<std::optional<Enterprise>> FindEnterpriseById(std::int64_t id) override {
    const SqlParam p[] = {id};
    return First<Enterprise>(std::string("SELECT ") + kEnterpriseCols + " FROM enterprises e WHERE e.id = ?", p,
                             ReadEnterprise);
  }
  Result<std::optional<Unit>> FindUnitById(std::int64_t id) override {
    const SqlParam p[] = {id};
    return First<Unit>(std::string("SELECT ") + kUnitCols + " WHERE u.id = ?", p, ReadUnit);
  }
  Result<std::optional<ProtectedTarget>> FindProtectedTargetById(std::int64_t id) override {
    const SqlParam p[] = {id};
    return First<ProtectedTarget>(std::string("SELECT ") + kTargetCols + " WHERE id = ?", p,
                                  ReadTarget);
  }
  template <typename T, typename Read>
  Result<std::optional<T>> First(const std::string& sql, std::span<const SqlParam> p, Read read) {
    CHEMSAFE_ASSIGN_OR_RETURN(auto v, Collect<T>(sql, p, read));
    if (v.empty()) return std::optional<T>();
    return std::optional<T>(std::move(v.front()));
  }
  Result<std::vector<Unit>> UnitsOfEnterprise(std::int64_t enterprise_id) override;
  Result<std::vector<Holding>> HoldingsOfUnit(std::int64_t unit_id, std::optional<std::string> as_of) override;
  Result<std::vector<Holding>> HoldingHistory(std::int64_t unit_id, std::string_view chemical_key) override;
  Result<std::vector<ProtectedTarget>> ListProtectedTargets(std::optional<std::string> division_prefix) override;
  Result<std::vector<Park>> ListParks() override;
  Result<EnterpriseChangePage> EnterpriseChangesPage(const EnterpriseChangeFilter& f) override;
  Status ForEachEnterprise(const std::function<Status(const Enterprise&)>& fn) override;
  Status ForEachUnit(const std::function<Status(const Unit&)>& fn) override;
  Status ForEachCurrentHolding(const std::function<Status(const Holding&)>& fn) override;
  Status ForEachUnitRef(const std::function<Status(const UnitRef&)>& fn) override;
  Result<Generations> CurrentGenerations() override {
    Generations g;
    const RowFn fn = [&](const SqlRow& r) {
      g.data = r.Int(0);
      g.accounts = r.Int(1);
      return Status::Ok();
    };
    CHEMSAFE_RETURN_IF_ERROR(Run("SELECT n, accounts FROM data_generation WHERE id = 1", {}, &fn).status());
    return g;
  }
  Status ForEachUnitPoint(const std::function<Status(const UnitPoint&)>& fn) override {
    UnitPoint p;
    const RowFn on_row = [&](const SqlRow& r) -> Status {
      p.id = r.Int(0);
      p.enterprise_id = r.Int(1);
      p.location.reset();
      if (!r.IsNull(2) && !r.IsNull(3)) p.location = LonLat{r.Real(2), r.Real(3)};
      p.name.assign(r.Text(4));
      return fn(p);
    };
    ++streaming_;
    Status st = conn_->Stream("SELECT id, enterprise_id, lon_deg, lat_deg, name FROM units", {}, on_row);
    --streaming_;
    return st;
  }
  Status ForEachCurrentHoldingUnordered(const std::function<Status(const Holding&)>& fn) override;
  Result<RegistrySummary> Summary(std::optional<std::string> division_prefix) override;
  Result<int> SchemaVersion() override;

  SqlConnection& conn() { return *conn_; }
  const WriteStatements& ws() const { return ws_; }
  const std::string& holding_select() const { return holding_select_; }

  // Runs `sql`, prepared on first use and kept for the connection's lifetime.
  Result<std::int64_t> Run(const std::string& sql, std::span<const SqlParam> params, const RowFn* on_row) {
    auto it = stmts_.find(sql);
    if (it == stmts_.end()) {
      CHEMSAFE_ASSIGN_OR_RETURN(int id, conn_->Prepare(sql));
      it = stmts_.emplace(sql, id).first;
    }
    return conn_->Run(it->second, params, on_row);
  }

  // Collects every row of a query, decoded by `read`.
  template <typename T, typename Read>
  Result<std::vector<T>> Collect(const std::string& sql, std::span<const SqlParam> params, Read read) {
    std::vector<T> out;
    RowFn fn = [&](const SqlRow& r) -> Status {
      auto v = read(r);
      if constexpr (std::is_same_v<decltype(v), T>) {
        out.push_back(std::move(v));
      } else {
        if (!v.ok()) return v.status();
        out.push_back(std::move(v).value());
      }
      return Status::Ok();
    };
    CHEMSAFE_ASSIGN_OR_RETURN(std::int64_t ignored, Run(sql, params, &fn));
    (void)ignored;
    return out;
  }

 private:
  // SQL text that prints a stored instant as "YYYY-MM-DDTHH:MM:SS.ffffffZ" in both dialects.
  std::string TsOut(const std::string& col) const {
    if (conn_->dialect() == SqlDialect::kSqlite) return col;
    return "to_char(" + col + " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')";
  }

  template <typename T, typename Read>
  Status StreamRecords(const std::string& sql, Read read, const std::function<Status(const T&)>& fn);

  // Runs `body` in one snapshot: a read transaction of its own, unless a transaction or a stream of
  // this store is open already (its snapshot is the one).
  template <typename T>
  Result<T> InSnapshot(const std::function<Result<T>()>& body) {
    const bool own_snapshot = !in_transaction_ && streaming_ == 0;
    if (own_snapshot) CHEMSAFE_RETURN_IF_ERROR(conn_->BeginRead());
    auto result = body();
    if (own_snapshot) {
      Status end = conn_->Commit();
      if (result.ok() && !end.ok()) return end;
    }
    return result;
  }

  std::unique_ptr<SqlConnection> conn_;
  std::unordered_map<std::string, int> stmts_;
  WriteStatements ws_;
  std::string holding_select_;  // SELECT <holding columns> FROM holdings h JOIN units u JOIN enterprises e
  bool in_transaction_ = false;
  int streaming_ = 0;
};

class SqlWriter final : public RegistryWriter {
 public:
  explicit SqlWriter(SqlRegistryStore& s) : s_(s), c_(s.conn()), ws_(s.ws()) {}

  Status UpsertEnterprise(Enterprise& e) override;
  Status UpsertUnit(Unit& u) override;
  Status UpsertHolding(Holding& h, std::string_view at) override;
  Status UpsertHoldings(std::span<Holding> holdings, std::string_view at, std::size_t* upserted) override;
  Status EndHolding(std::int64_t unit_id, std::string_view chemical_key, std::string_view at) override;
  Status UpsertProtectedTarget(ProtectedTarget& t) override;
  Status UpsertPark(Park& p) override;
  Status AppendAudit(audit::AuditRecord& record) override {
    if (!failed_.ok()) return failed_;
    Status s = internal::AppendAuditRow(c_, record);
    if (!s.ok()) failed_ = s;
    return s;
  }
  Status RecordEnterpriseChange(const EnterpriseChangeRow& change) override {
    CHEMSAFE_RETURN_IF_ERROR(Usable());
    const SqlParam params[] = {Text(change.at),   Text(change.user),          Text(change.role),  change.enterprise_id,
                               Text(change.uscc), Text(change.division_code), Text(change.fields)};
    auto done = Exec(ws_.record_change, params, nullptr);
    if (!done.ok()) {
      return WriteError(done.status(), "change of enterprise " + change.uscc, "enterprise_id", change.enterprise_id);
    }
    return Status::Ok();
  }

  // The first failed statement of the transaction, if any. PostgreSQL aborts a transaction at its
  // first failed statement while SQLite does not; so that both behave alike, a writer whose statement
  // failed refuses further writes, and InTransaction rolls back whatever `fn` returns.
  const Status& failed() const { return failed_; }

 private:

  // Runs a statement that returns one id (RETURNING id, SELECT id); 0 when it returned no row.
  Result<std::int64_t> RunForId(int stmt, std::span<const SqlParam> params) {
    std::int64_t id = 0;
    RowFn fn = [&id](const SqlRow& r) {
      id = r.Int(0);
      return Status::Ok();
    };
    CHEMSAFE_ASSIGN_OR_RETURN(std::int64_t ignored, Exec(stmt, params, &fn));
    (void)ignored;
    return id;
  }

  // The store text of `at` (valid until the next call); imports pass the same `at` for every row, so
  // the last one is kept.
  Result<const std::string*> Instant(std::string_view at) {
    if (at != last_at_text_ || last_at_text_.empty()) {
      CHEMSAFE_ASSIGN_OR_RETURN(std::string norm, NormaliseInstant(at));
      last_at_text_ = std::string(at);
      last_at_ = std::move(norm);
    }
    return &last_at_;
  }

  Result<std::int64_t> Exec(int stmt, std::span<const SqlParam> params, const RowFn* on_row) {
    auto r = c_.Run(stmt, params, on_row);
    if (!r.ok() && failed_.ok()) failed_ = r.status();
    return r;
  }
  Result<std::int64_t> Insert(int stmt, std::span<const SqlParam> params) {
    auto r = c_.RunInsert(stmt, params);
    if (!r.ok() && failed_.ok()) failed_ = r.status();
    return r;
  }
  Status Usable() const {
    if (failed_.ok()) return Status::Ok();
    return FailedPrecondition("an earlier write of this transaction failed (" + failed_.message() +
                              "); the transaction will be rolled back");
  }

  Status UpsertHoldingsFrom(std::span<Holding> hs, std::string_view at, std::size_t& done);
  Result<std::int64_t> ResolveUnit(const Holding& h);
  Result<std::int64_t> LookUpUnit(const Holding& h);
  Status WriteError(const Status& st, std::string_view record, std::string_view fk_field, std::int64_t fk_id);

  SqlRegistryStore& s_;
  SqlConnection& c_;
  const WriteStatements& ws_;
  std::unordered_map<std::string, std::int64_t> enterprise_ids_;  // by USCC
  std::unordered_map<std::string, std::int64_t> unit_ids_;        // by USCC '\x1f' unit code
  std::string last_at_text_, last_at_;
  std::string last_unit_uscc_, last_unit_code_;
  std::int64_t last_unit_id_ = 0;
  Status failed_;
  // Buffers of UpsertHoldings, reused from batch to batch.
  std::vector<SqlParam> batch_params_;
  std::vector<std::int64_t> batch_unit_ids_;
  std::vector<std::int64_t> batch_ids_;  // id of the version each holding of the batch opened, or 0
};

std::string UnitKey(std::string_view uscc, std::string_view code) {
  std::string k;
  k.reserve(uscc.size() + code.size() + 1);
  k.append(uscc).push_back('\x1f');
  k.append(code);
  return k;
}

Status SqlWriter::WriteError(const Status& st, std::string_view record, std::string_view fk_field,
                             std::int64_t fk_id) {
  if (c_.last_error_kind() == SqlErrorKind::kForeignKey && !fk_field.empty()) {
    return InvalidArgument(std::string(record) + ": " + std::string(fk_field) + " " + std::to_string(fk_id) +
                           " does not exist (" + st.message() + ")");
  }
  return st.WithContext(record);
}

Status SqlWriter::UpsertEnterprise(Enterprise& e) {
  CHEMSAFE_RETURN_IF_ERROR(Usable());
  const std::string activities = EncodeActivities(e.activities);
  const std::string licences = EncodeLicences(e.licences);
  const SqlParam params[] = {
      Text(e.uscc), Text(e.name), Text(e.legal_representative), Text(e.division_code), Text(e.address),
      e.location ? SqlParam{e.location->lon_deg} : SqlParam{nullptr},
      e.location ? SqlParam{e.location->lat_deg} : SqlParam{nullptr},
      std::string_view(activities), Code(e.sector), Text(e.park_code), std::string_view(licences),
      Code(e.provenance)};
  auto id = RunForId(ws_.upsert_enterprise, params);
  if (!id.ok()) return WriteError(id.status(), "enterprise " + e.uscc, {}, 0);
  e.id = *id;
  enterprise_ids_[e.uscc] = e.id;
  return Status::Ok();
}

Status SqlWriter::UpsertUnit(Unit& u) {
  CHEMSAFE_RETURN_IF_ERROR(Usable());
  const std::string record = "unit " + u.enterprise_uscc + "/" + u.code;
  if (u.enterprise_id == 0) {
    auto it = enterprise_ids_.find(u.enterprise_uscc);
    if (it != enterprise_ids_.end()) {
      u.enterprise_id = it->second;
    } else {
      const SqlParam p[] = {Text(u.enterprise_uscc)};
      CHEMSAFE_ASSIGN_OR_RETURN(std::int64_t id, RunForId(ws_.enterprise_id_by_uscc, p));
      if (id == 0) return NotFound(record + ": no enterprise with USCC \"" + u.enterprise_uscc + "\"");
      enterprise_ids_[u.enterprise_uscc] = id;
      u.enterprise_id = id;
    }
  } else if (u.enterprise_uscc.empty()) {
    const SqlParam p[] = {u.enterprise_id};
    std::string uscc;
    RowFn fn = [&uscc](const SqlRow& r) {
      uscc = std::string(r.Text(0));
      return Status::Ok();
    };
    CHEMSAFE_ASSIGN_OR_RETURN(std::int64_t ignored, Exec(ws_.enterprise_uscc_by_id, p, &fn));
    (void)ignored;
    if (uscc.empty()) {
      return InvalidArgument(record + ": enterprise_id " + std::to_string(u.enterprise_id) + " does not exist");
    }
    u.enterprise_uscc = std::move(uscc);
  }
  const std::string boundary = u.boundary ? EncodePolygon(*u.boundary) : std::string();
  const std::string responsible = EncodePersons(u.responsible);
  const std::string processes = EncodeStrings(u.key_processes);
  const SqlParam params[] = {
      u.enterprise_id, Text(u.code), Text(u.name), Code(u.kind),
      u.location ? SqlParam{u.location->lon_deg} : SqlParam{nullptr},
      u.location ? SqlParam{u.location->lat_deg} : SqlParam{nullptr},
      u.boundary ? SqlParam{std::string_view(boundary)} : SqlParam{nullptr},
      Opt(u.declared_exposed_people), std::string_view(responsible), std::string_view(processes),
      Code(u.provenance)};
  auto id = RunForId(ws_.upsert_unit, params);
  if (!id.ok()) return WriteError(id.status(), record, "enterprise_id", u.enterprise_id);
  u.id = *id;
  unit_ids_[UnitKey(u.enterprise_uscc, u.code)] = u.id;
  last_unit_id_ = 0;
  return Status::Ok();
}

Result<std::int64_t> SqlWriter::ResolveUnit(const Holding& h) {
  if (h.unit_id != 0) return h.unit_id;
  // Imports list a unit's holdings together: the last unit answers most rows without hashing.
  if (last_unit_id_ != 0 && h.unit_code == last_unit_code_ && h.enterprise_uscc == last_unit_uscc_) {
    return last_unit_id_;
  }
  std::int64_t id = 0;
  CHEMSAFE_ASSIGN_OR_RETURN(id, LookUpUnit(h));
  last_unit_uscc_ = h.enterprise_uscc;
  last_unit_code_ = h.unit_code;
  last_unit_id_ = id;
  return id;
}

Result<std::int64_t> SqlWriter::LookUpUnit(const Holding& h) {
  std::string key = UnitKey(h.enterprise_uscc, h.unit_code);
  auto it = unit_ids_.find(key);
  if (it != unit_ids_.end()) return it->second;
  const SqlParam p[] = {Text(h.enterprise_uscc), Text(h.unit_code)};
  CHEMSAFE_ASSIGN_OR_RETURN(std::int64_t id, RunForId(ws_.unit_id_by_key, p));
  if (id == 0) {
    return NotFound("holding " + h.enterprise_uscc + "/" + h.unit_code + "/" + h.chemical_key + ": no unit \"" +
                    h.unit_code + "\" in the enterprise with USCC \"" + h.enterprise_uscc + "\"");
  }
  unit_ids_.emplace(std::move(key), id);
  return id;
}

Status SqlWriter::UpsertHolding(Holding& h, std::string_view at) {
  CHEMSAFE_RETURN_IF_ERROR(Usable());
  CHEMSAFE_ASSIGN_OR_RETURN(const std::int64_t unit_id, ResolveUnit(h));
  auto instant = Instant(at);
  if (!instant.ok()) return instant.status().WithContext("holding " + h.chemical_key + ": at");
  const std::string& ts = **instant;
  const SqlParam params[] = {
      unit_id, Text(h.chemical_key), Text(h.chemical_name), Opt(h.max_quantity_t), Opt(h.typical_quantity_t),
      Opt(h.max_volume_m3), Opt(h.density_t_m3), Code(h.state), Opt(h.temperature_c), Opt(h.pressure_mpa),
      Text(h.gb18218_category), Code(h.provenance), std::string_view(ts)};
  auto record = [&] { return "holding of unit " + std::to_string(unit_id) + " chemical " + h.chemical_key; };

  // The common case of an import: no current version yet.
  auto id = Insert(ws_.insert_holding_if_absent, params);
  if (!id.ok()) return WriteError(id.status(), record(), "unit_id", unit_id);
  if (*id != 0) {
    h.id = *id;
    h.unit_id = unit_id;
    h.valid_from = ts;
    h.valid_to.clear();
    return Status::Ok();
  }

  std::optional<Holding> current;
  RowFn read = [&current](const SqlRow& r) {
    current = ReadHolding(r);
    return Status::Ok();
  };
  const SqlParam key[] = {unit_id, Text(h.chemical_key)};
  CHEMSAFE_ASSIGN_OR_RETURN(std::int64_t ignored, Exec(ws_.current_holding, key, &read));
  (void)ignored;
  if (!current) return Internal(record() + ": the current version vanished during the upsert");
  if (SameDeclaredValues(*current, h)) {
    h.id = current->id;
    h.unit_id = unit_id;
    h.valid_from = current->valid_from;
    h.valid_to.clear();
    return Status::Ok();
  }
  if (ts < current->valid_from) {
    return InvalidArgument(record() + ": at " + std::string(at) + " is before the current version's valid_from " +
                           current->valid_from);
  }
  const SqlParam close[] = {std::string_view(ts), current->id};
  auto closed = Exec(ws_.close_holding, close, nullptr);
  if (!closed.ok()) return WriteError(closed.status(), record(), {}, 0);
  auto new_id = Insert(ws_.insert_holding, params);
  if (!new_id.ok()) return WriteError(new_id.status(), record(), "unit_id", unit_id);
  h.id = *new_id;
  h.unit_id = unit_id;
  h.valid_from = ts;
  h.valid_to.clear();
  return Status::Ok();
}

// Holdings per multi-row INSERT of UpsertHoldings: SQLite then starts a statement once per batch
// instead of once per row, PostgreSQL makes one round trip per batch.
constexpr std::size_t kHoldingBatchRows = 256;
constexpr std::size_t kHoldingColumns = 13;  // parameters per row

Status SqlWriter::UpsertHoldings(std::span<Holding> hs, std::string_view at, std::size_t* upserted) {
  std::size_t done = 0;
  Status st = UpsertHoldingsFrom(hs, at, done);
  if (upserted != nullptr) *upserted = done;
  return st;
}

// Each batch of kHoldingBatchRows holdings is one INSERT ... ON CONFLICT DO NOTHING; a holding whose
// (unit, chemical) has a current version already (in the store, or earlier in the same batch) is
// not inserted by it and goes through UpsertHolding next, which compares and versions it. So the
// outcome is that of UpsertHolding row by row. A batch that would fail takes the row-by-row path, so
// that the error is the one UpsertHolding gives for that holding: an unknown unit (found before the
// statement runs) or a constraint violation (the failed statement changed nothing: SQLite undoes a
// failed statement by itself, PostgreSQL needs a savepoint for that).
// Which holdings the batch inserted, and their ids: PostgreSQL returns them (RETURNING). On SQLite,
// RETURNING made the writer about 20% slower on the 1M-row import bench, so the ids are inferred:
// SQLite gives a new row the largest id + 1 while that is below 2^63 - 1
// (https://sqlite.org/autoinc.html), so when the largest id went from M to M + n and the batch
// inserted n rows, its k-th row got M + 1 + k. Otherwise (some rows met the conflict) the rows above M
// are read back.
Status SqlWriter::UpsertHoldingsFrom(std::span<Holding> hs, std::string_view at, std::size_t& done) {
  CHEMSAFE_RETURN_IF_ERROR(Usable());
  auto one_by_one = [&](std::size_t end) -> Status {
    for (; done < end; ++done) CHEMSAFE_RETURN_IF_ERROR(UpsertHolding(hs[done], at));
    return Status::Ok();
  };
  auto instant = Instant(at);
  if (!instant.ok()) return one_by_one(hs.size());  // fails on the first holding, naming it
  const std::string& ts = **instant;
  const bool sqlite = c_.dialect() == SqlDialect::kSqlite;
  batch_params_.resize(kHoldingBatchRows * kHoldingColumns);
  batch_unit_ids_.resize(kHoldingBatchRows);
  batch_ids_.resize(kHoldingBatchRows);
  while (hs.size() - done >= kHoldingBatchRows) {
    const std::span<Holding> chunk = hs.subspan(done, kHoldingBatchRows);
    bool resolved = true;
    for (std::size_t k = 0; k < chunk.size() && resolved; ++k) {
      auto unit_id = ResolveUnit(chunk[k]);
      if (unit_id.ok()) batch_unit_ids_[k] = *unit_id;
      resolved = unit_id.ok();
    }
    if (!resolved) {
      CHEMSAFE_RETURN_IF_ERROR(one_by_one(done + chunk.size()));
      continue;
    }
    std::int64_t max_id = 0;
    if (sqlite) {
      CHEMSAFE_ASSIGN_OR_RETURN(max_id, RunForId(ws_.max_holding_id, {}));
      if (max_id > std::numeric_limits<std::int64_t>::max() - static_cast<std::int64_t>(chunk.size())) {
        CHEMSAFE_RETURN_IF_ERROR(one_by_one(done + chunk.size()));  // ids near the limit: one by one
        continue;
      }
    }
    for (std::size_t k = 0; k < chunk.size(); ++k) {
      const Holding& h = chunk[k];
      SqlParam* p = &batch_params_[k * kHoldingColumns];
      p[0] = batch_unit_ids_[k];
      p[1] = Text(h.chemical_key);
      p[2] = Text(h.chemical_name);
      p[3] = Opt(h.max_quantity_t);
      p[4] = Opt(h.typical_quantity_t);
      p[5] = Opt(h.max_volume_m3);
      p[6] = Opt(h.density_t_m3);
      p[7] = Code(h.state);
      p[8] = Opt(h.temperature_c);
      p[9] = Opt(h.pressure_mpa);
      p[10] = Text(h.gb18218_category);
      p[11] = Code(h.provenance);
      p[12] = std::string_view(ts);
      batch_ids_[k] = 0;
    }
    // A row the batch inserted: the first holding of the batch with its key (a later one with the
    // same key met the conflict).
    const RowFn inserted = [&](const SqlRow& r) -> Status {
      const std::int64_t unit_id = r.Int(1);
      const std::string_view key = r.Text(2);
      for (std::size_t k = 0; k < chunk.size(); ++k) {
        if (batch_unit_ids_[k] == unit_id && chunk[k].chemical_key == key) {
          if (batch_ids_[k] != 0) break;
          batch_ids_[k] = r.Int(0);
          return Status::Ok();
        }
      }
      return Internal("the store inserted a holding version it was not given: unit " + std::to_string(unit_id) +
                      " chemical " + std::string(key));
    };
    const bool savepoint = !sqlite;
    if (savepoint) {
      Status st = c_.ExecScript("SAVEPOINT chemsafe_holdings");
      if (!st.ok()) {
        if (failed_.ok()) failed_ = st;
        return st.WithContext("holdings");
      }
    }
    auto ran = c_.Run(ws_.insert_holdings_if_absent, batch_params_, sqlite ? nullptr : &inserted);
    if (!ran.ok()) {
      const SqlErrorKind kind = c_.last_error_kind();
      const bool constraint = kind == SqlErrorKind::kUnique || kind == SqlErrorKind::kForeignKey ||
                              kind == SqlErrorKind::kCheck || kind == SqlErrorKind::kNotNull;
      Status undone = savepoint ? c_.ExecScript("ROLLBACK TO SAVEPOINT chemsafe_holdings; "
                                                "RELEASE SAVEPOINT chemsafe_holdings")
                                : Status::Ok();
      if (!constraint || !undone.ok()) {
        if (failed_.ok()) failed_ = ran.status();
        return ran.status().WithContext("holdings of unit " + std::to_string(batch_unit_ids_[0]) + " chemical " +
                                        chunk[0].chemical_key + " and the next " +
                                        std::to_string(chunk.size() - 1));
      }
      CHEMSAFE_RETURN_IF_ERROR(one_by_one(done + chunk.size()));
      continue;
    }
    if (savepoint) {
      Status st = c_.ExecScript("RELEASE SAVEPOINT chemsafe_holdings");
      if (!st.ok()) {
        if (failed_.ok()) failed_ = st;
        return st.WithContext("holdings");
      }
    }
    if (sqlite) {
      CHEMSAFE_ASSIGN_OR_RETURN(const std::int64_t new_max, RunForId(ws_.max_holding_id, {}));
      const auto n = static_cast<std::int64_t>(chunk.size());
      if (*ran == n && new_max == max_id + n) {
        for (std::size_t k = 0; k < chunk.size(); ++k) batch_ids_[k] = max_id + 1 + static_cast<std::int64_t>(k);
      } else {
        const SqlParam above[] = {max_id};
        CHEMSAFE_ASSIGN_OR_RETURN(std::int64_t ignored, Exec(ws_.holdings_above_id, above, &inserted));
        (void)ignored;
      }
    }
    for (std::size_t k = 0; k < chunk.size(); ++k) {
      Holding& h = chunk[k];
      if (batch_ids_[k] == 0) {
        Status st = UpsertHolding(h, at);
        if (!st.ok()) {
          // Holdings after this one may be written already: doom the transaction (as a failed
          // statement does) so that they are not committed without it.
          if (failed_.ok()) failed_ = st;
          done += k;
          return st;
        }
        continue;
      }
      h.id = batch_ids_[k];
      h.unit_id = batch_unit_ids_[k];
      h.valid_from = ts;
      h.valid_to.clear();
    }
    done += chunk.size();
  }
  return one_by_one(hs.size());
}

Status SqlWriter::EndHolding(std::int64_t unit_id, std::string_view chemical_key, std::string_view at) {
  CHEMSAFE_RETURN_IF_ERROR(Usable());
  const std::string record = "holding of unit " + std::to_string(unit_id) + " chemical " + std::string(chemical_key);
  auto instant = Instant(at);
  if (!instant.ok()) return instant.status().WithContext(record + ": at");
  const std::string& ts = **instant;
  std::optional<Holding> current;
  RowFn read = [&current](const SqlRow& r) {
    current = ReadHolding(r);
    return Status::Ok();
  };
  const SqlParam key[] = {unit_id, chemical_key};
  CHEMSAFE_ASSIGN_OR_RETURN(std::int64_t ignored, Exec(ws_.current_holding, key, &read));
  (void)ignored;
  if (!current) return NotFound(record + ": not currently held");
  if (ts < current->valid_from) {
    return InvalidArgument(record + ": at " + std::string(at) + " is before the current version's valid_from " +
                           current->valid_from);
  }
  const SqlParam close[] = {std::string_view(ts), current->id};
  auto closed = Exec(ws_.close_holding, close, nullptr);
  if (!closed.ok()) return closed.status().WithContext(record);
  return Status::Ok();
}

Status SqlWriter::UpsertProtectedTarget(ProtectedTarget& t) {
  CHEMSAFE_RETURN_IF_ERROR(Usable());
  const std::string area = t.area ? EncodePolygon(*t.area) : std::string();
  const SqlParam params[] = {
      Text(t.code), Text(t.name), Code(t.target_class), Text(t.kind), Text(t.division_code),
      t.location ? SqlParam{t.location->lon_deg} : SqlParam{nullptr},
      t.location ? SqlParam{t.location->lat_deg} : SqlParam{nullptr},
      t.area ? SqlParam{std::string_view(area)} : SqlParam{nullptr},
      std::int64_t{t.day_population}, std::int64_t{t.night_population}, Code(t.provenance)};
  auto id = RunForId(ws_.upsert_target, params);
  if (!id.ok()) return WriteError(id.status(), "protected target " + t.code, {}, 0);
  t.id = *id;
  return Status::Ok();
}

Status SqlWriter::UpsertPark(Park& p) {
  CHEMSAFE_RETURN_IF_ERROR(Usable());
  const std::string boundary = p.boundary ? EncodePolygon(*p.boundary) : std::string();
  const SqlParam params[] = {Text(p.code), Text(p.name), Code(p.kind), Text(p.division_code),
                             p.boundary ? SqlParam{std::string_view(boundary)} : SqlParam{nullptr},
                             Code(p.provenance)};
  auto id = RunForId(ws_.upsert_park, params);
  if (!id.ok()) return WriteError(id.status(), "park " + p.code, {}, 0);
  p.id = *id;
  return Status::Ok();
}

#define CHEMSAFE_HOLDING_COLUMNS                                                                           \
  "unit_id, chemical_key, chemical_name, max_quantity_t, typical_quantity_t, max_volume_m3, density_t_m3, " \
  "state, temperature_c, pressure_mpa, gb18218_category, provenance, valid_from"
constexpr const char* kHoldingColumnList = CHEMSAFE_HOLDING_COLUMNS;
constexpr const char* kHoldingInsertHead =
    "INSERT INTO holdings (" CHEMSAFE_HOLDING_COLUMNS ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
#undef CHEMSAFE_HOLDING_COLUMNS

// The INSERT of UpsertHoldings (see there): kHoldingBatchRows rows.
std::string HoldingBatchInsertSql(SqlDialect dialect) {
  std::string sql = std::string("INSERT INTO holdings (") + kHoldingColumnList + ") VALUES ";
  for (std::size_t k = 0; k < kHoldingBatchRows; ++k) {
    if (k > 0) sql += ", ";
    sql += "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  }
  sql += " ON CONFLICT (unit_id, chemical_key) WHERE valid_to IS NULL DO NOTHING";
  if (dialect == SqlDialect::kPostgres) sql += " RETURNING id, unit_id, chemical_key";
  return sql;
}

Status SqlRegistryStore::Init() {
  CHEMSAFE_RETURN_IF_ERROR(migrations::Migrate(*conn_));
  holding_select_ =
      "SELECT h.id, h.unit_id, e.uscc, u.code, h.chemical_key, h.chemical_name, h.max_quantity_t, "
      "h.typical_quantity_t, h.max_volume_m3, h.density_t_m3, h.state, h.temperature_c, h.pressure_mpa, "
      "h.gb18218_category, h.provenance, " + TsOut("h.valid_from") + ", " + TsOut("h.valid_to") +
      " FROM holdings h JOIN units u ON u.id = h.unit_id JOIN enterprises e ON e.id = u.enterprise_id";
  struct Def {
    int* slot;
    std::string sql;
  };
  const Def defs[] = {
      {&ws_.upsert_enterprise,
       "INSERT INTO enterprises (uscc, name, legal_representative, division_code, address, lon_deg, lat_deg, "
       "activities, sector, park_code, licences, provenance) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
       "ON CONFLICT (uscc) DO UPDATE SET name = excluded.name, legal_representative = excluded.legal_representative, "
       "division_code = excluded.division_code, address = excluded.address, lon_deg = excluded.lon_deg, "
       "lat_deg = excluded.lat_deg, activities = excluded.activities, sector = excluded.sector, "
       "park_code = excluded.park_code, licences = excluded.licences, provenance = excluded.provenance "
       "RETURNING id"},
      {&ws_.enterprise_id_by_uscc, "SELECT id FROM enterprises WHERE uscc = ?"},
      {&ws_.enterprise_uscc_by_id, "SELECT uscc FROM enterprises WHERE id = ?"},
      {&ws_.upsert_unit,
       "INSERT INTO units (enterprise_id, code, name, kind, lon_deg, lat_deg, boundary, declared_exposed_people, "
       "responsible, key_processes, provenance) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
       "ON CONFLICT (enterprise_id, code) DO UPDATE SET name = excluded.name, kind = excluded.kind, "
       "lon_deg = excluded.lon_deg, lat_deg = excluded.lat_deg, boundary = excluded.boundary, "
       "declared_exposed_people = excluded.declared_exposed_people, responsible = excluded.responsible, "
       "key_processes = excluded.key_processes, provenance = excluded.provenance RETURNING id"},
      {&ws_.unit_id_by_key,
       "SELECT u.id FROM units u JOIN enterprises e ON e.id = u.enterprise_id WHERE e.uscc = ? AND u.code = ?"},
      {&ws_.insert_holding_if_absent,
       std::string(kHoldingInsertHead) +
           " ON CONFLICT (unit_id, chemical_key) WHERE valid_to IS NULL DO NOTHING" +
           std::string(conn_->InsertIdClause())},
      {&ws_.insert_holdings_if_absent, HoldingBatchInsertSql(conn_->dialect())},
      {&ws_.max_holding_id, "SELECT COALESCE(MAX(id), 0) FROM holdings"},
      {&ws_.holdings_above_id, "SELECT id, unit_id, chemical_key FROM holdings WHERE id > ? ORDER BY id"},
      {&ws_.insert_holding, std::string(kHoldingInsertHead) + std::string(conn_->InsertIdClause())},
      {&ws_.current_holding, holding_select_ + " WHERE h.unit_id = ? AND h.chemical_key = ? AND h.valid_to IS NULL"},
      {&ws_.close_holding, "UPDATE holdings SET valid_to = ? WHERE id = ?"},
      {&ws_.upsert_target,
       "INSERT INTO protected_targets (code, name, target_class, kind, division_code, lon_deg, lat_deg, area, "
       "day_population, night_population, provenance) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
       "ON CONFLICT (code) DO UPDATE SET name = excluded.name, target_class = excluded.target_class, "
       "kind = excluded.kind, division_code = excluded.division_code, lon_deg = excluded.lon_deg, "
       "lat_deg = excluded.lat_deg, area = excluded.area, day_population = excluded.day_population, "
       "night_population = excluded.night_population, provenance = excluded.provenance RETURNING id"},
      {&ws_.upsert_park,
       "INSERT INTO parks (code, name, kind, division_code, boundary, provenance) VALUES (?, ?, ?, ?, ?, ?) "
       "ON CONFLICT (code) DO UPDATE SET name = excluded.name, kind = excluded.kind, "
       "division_code = excluded.division_code, boundary = excluded.boundary, provenance = excluded.provenance "
       "RETURNING id"},
      {&ws_.record_change,
       "INSERT INTO enterprise_changes (at, username, role, enterprise_id, uscc, division_code, fields) "
       "VALUES (?, ?, ?, ?, ?, ?, ?)"},
  };
  for (const Def& d : defs) {
    auto id = conn_->Prepare(d.sql);
    if (!id.ok()) return id.status().WithContext("preparing the store's statements");
    *d.slot = *id;
  }
  return Status::Ok();
}

Status SqlRegistryStore::InTransaction(const std::function<Status(RegistryWriter&)>& fn) {
  if (in_transaction_) return FailedPrecondition("InTransaction called inside a transaction of the same store");
  if (streaming_ > 0) return FailedPrecondition("InTransaction called from a ForEach callback of the same store");
  CHEMSAFE_RETURN_IF_ERROR(conn_->BeginWrite());
  in_transaction_ = true;
  struct Guard {
    SqlRegistryStore& s;
    bool done = false;
    ~Guard() {
      if (!done) (void)s.conn_->Rollback();
      s.in_transaction_ = false;
    }
  } guard{*this};
  Status st;
  {
    SqlWriter writer(*this);
    st = fn(writer);
    if (st.ok() && !writer.failed().ok()) st = writer.failed();  // `fn` went on after a failed write
  }
  if (!st.ok()) {
    guard.done = true;
    Status rb = conn_->Rollback();
    (void)rb;  // the caller's error is the one to report; a failed rollback leaves nothing committed
    return st;
  }
  if (Status bump = Run("UPDATE data_generation SET n = n + 1 WHERE id = 1", {}, nullptr).status(); !bump.ok()) {
    return bump;  // the guard rolls back
  }
  Status commit = conn_->Commit();
  if (!commit.ok()) return commit.WithContext("commit");  // the guard rolls back
  guard.done = true;
  return Status::Ok();
}

Result<std::optional<Enterprise>> SqlRegistryStore::FindEnterprise(std::string_view uscc) {
  const SqlParam p[] = {uscc};
  CHEMSAFE_ASSIGN_OR_RETURN(auto v, Collect<Enterprise>(std::string("SELECT ") + kEnterpriseCols +
                                                            " FROM enterprises e WHERE e.uscc = ?",
                                                        p, ReadEnterprise));
  if (v.empty()) return std::optional<Enterprise>();
  return std::optional<Enterprise>(std::move(v.front()));
}

Result<std::vector<Enterprise>> SqlRegistryStore::ListEnterprises(const EnterpriseFilter& f) {
  std::string columns = kEnterpriseCols;
  if (f.without_licences) columns.replace(columns.find("e.licences"), 10, "'[]'");
  std::string sql = "SELECT " + columns + " FROM enterprises e WHERE 1 = 1";
  std::vector<SqlParam> params;
  std::string prefix_end;
  AndWithPrefix(sql, params, "e.division_code", f.division_prefix, prefix_end);
  if (f.uscc) {
    sql += " AND e.uscc = ?";
    params.push_back(std::string_view(*f.uscc));
  }
  if (f.park_code) {
    sql += " AND e.park_code = ?";
    params.push_back(std::string_view(*f.park_code));
  }
  sql += " ORDER BY e.uscc";
  if (f.limit > 0 || f.offset > 0) {
    sql += " LIMIT ? OFFSET ?";
    params.push_back(std::int64_t{f.limit > 0 ? f.limit : std::numeric_limits<std::int32_t>::max()});
    params.push_back(std::int64_t{f.offset});
  }
  return Collect<Enterprise>(sql, params, ReadEnterprise);
}

Result<std::optional<Unit>> SqlRegistryStore::FindUnit(std::string_view uscc, std::string_view unit_code) {
  const SqlParam p[] = {uscc, unit_code};
  CHEMSAFE_ASSIGN_OR_RETURN(
      auto v, Collect<Unit>(std::string("SELECT ") + kUnitCols + " WHERE e.uscc = ? AND u.code = ?", p, ReadUnit));
  if (v.empty()) return std::optional<Unit>();
  return std::optional<Unit>(std::move(v.front()));
}

Result<std::vector<Unit>> SqlRegistryStore::UnitsOfEnterprise(std::int64_t enterprise_id) {
  const SqlParam p[] = {enterprise_id};
  return Collect<Unit>(std::string("SELECT ") + kUnitCols + " WHERE u.enterprise_id = ? ORDER BY u.code", p,
                       ReadUnit);
}

Result<std::vector<Holding>> SqlRegistryStore::HoldingsOfUnit(std::int64_t unit_id,
                                                              std::optional<std::string> as_of) {
  if (!as_of) {
    const SqlParam p[] = {unit_id};
    return Collect<Holding>(holding_select_ + " WHERE h.unit_id = ? AND h.valid_to IS NULL ORDER BY h.chemical_key",
                            p, ReadHolding);
  }
  auto bound = AsOfBound(*as_of);
  if (!bound.ok()) return bound.status().WithContext("as_of");
  const SqlParam p[] = {unit_id, std::string_view(*bound), std::string_view(*bound)};
  return Collect<Holding>(holding_select_ +
                              " WHERE h.unit_id = ? AND h.valid_from < ? AND (h.valid_to IS NULL OR h.valid_to >= ?)"
                              " ORDER BY h.chemical_key",
                          p, ReadHolding);
}

Result<std::vector<Holding>> SqlRegistryStore::HoldingHistory(std::int64_t unit_id, std::string_view chemical_key) {
  const SqlParam p[] = {unit_id, chemical_key};
  return Collect<Holding>(
      holding_select_ + " WHERE h.unit_id = ? AND h.chemical_key = ? ORDER BY h.valid_from, h.id", p, ReadHolding);
}

Result<std::vector<ProtectedTarget>> SqlRegistryStore::ListProtectedTargets(
    std::optional<std::string> division_prefix) {
  if (!division_prefix) return Collect<ProtectedTarget>(std::string("SELECT ") + kTargetCols + " ORDER BY code", {}, ReadTarget);
  const std::string end = PrefixEnd(*division_prefix);
  const SqlParam p[] = {std::string_view(*division_prefix), std::string_view(end)};
  return Collect<ProtectedTarget>(std::string("SELECT ") + kTargetCols +
                                      " WHERE division_code >= ? AND division_code < ? ORDER BY code",
                                  p, ReadTarget);
}

Result<std::vector<Park>> SqlRegistryStore::ListParks() {
  return Collect<Park>(std::string("SELECT ") + kParkCols + " ORDER BY code", {}, ReadPark);
}

// The page is chosen from the seqs alone, which the indexes hold, and only its rows are read and
// joined to their enterprises: with 20,000 changes in a prefix, reading and joining each before the
// sort took 3-4 times as long on SQLite. A list of ids is bound as `IN (?, ?, ...)`, padded to a power
// of two by repeating its last id: the statements prepared for it (one per distinct text) stay a few
// whatever the lengths of the lists.
Result<EnterpriseChangePage> SqlRegistryStore::EnterpriseChangesPage(const EnterpriseChangeFilter& f) {
  if (f.enterprise_ids && f.enterprise_ids->empty()) return EnterpriseChangePage{};
  std::string where = " WHERE 1 = 1";
  std::vector<SqlParam> p;
  std::string prefix_end;
  AndWithPrefix(where, p, "c.division_code", f.division_prefix, prefix_end);
  if (f.enterprise_ids) {
    const std::vector<std::int64_t>& ids = *f.enterprise_ids;
    std::size_t n = 1;
    while (n < ids.size()) n *= 2;
    where += " AND c.enterprise_id IN (?";
    for (std::size_t i = 1; i < n; ++i) where += ", ?";
    where += ")";
    for (std::size_t i = 0; i < n; ++i) p.push_back(ids[std::min(i, ids.size() - 1)]);
  }
  return InSnapshot<EnterpriseChangePage>([&]() -> Result<EnterpriseChangePage> {
    EnterpriseChangePage out;
    const RowFn count = [&out](const SqlRow& r) {
      out.total = r.Int(0);
      return Status::Ok();
    };
    CHEMSAFE_RETURN_IF_ERROR(Run("SELECT COUNT(*) FROM enterprise_changes c" + where, p, &count).status());
    std::vector<SqlParam> page = p;
    page.push_back(std::int64_t{f.limit > 0 ? f.limit : std::numeric_limits<std::int32_t>::max()});
    page.push_back(f.offset);
    CHEMSAFE_ASSIGN_OR_RETURN(
        out.rows,
        Collect<EnterpriseChangeRow>(
            "SELECT c.seq, c.at, c.username, c.role, c.enterprise_id, c.uscc, c.division_code, c.fields, e.name "
            "FROM (SELECT c.seq FROM enterprise_changes c" + where + " ORDER BY c.seq DESC LIMIT ? OFFSET ?) chosen "
            "JOIN enterprise_changes c ON c.seq = chosen.seq JOIN enterprises e ON e.id = c.enterprise_id "
            "ORDER BY c.seq DESC",
            page, [](const SqlRow& r) {
              return EnterpriseChangeRow{r.Int(0),  Str(r, 1), Str(r, 2), Str(r, 3), r.Int(4),
                                         Str(r, 5), Str(r, 6), Str(r, 7), Str(r, 8)};
            }));
    return out;
  });
}

template <typename T, typename Read>
Status SqlRegistryStore::StreamRecords(const std::string& sql, Read read, const std::function<Status(const T&)>& fn) {
  ++streaming_;
  RowFn on_row = [&](const SqlRow& r) -> Status {
    auto v = read(r);
    if constexpr (std::is_same_v<decltype(v), T>) {
      return fn(v);
    } else {
      if (!v.ok()) return v.status();
      return fn(*v);
    }
  };
  Status st = conn_->Stream(sql, {}, on_row);
  --streaming_;
  return st;
}

Status SqlRegistryStore::ForEachEnterprise(const std::function<Status(const Enterprise&)>& fn) {
  return StreamRecords<Enterprise>(std::string("SELECT ") + kEnterpriseCols + " FROM enterprises e ORDER BY e.uscc",
                                   ReadEnterprise, fn);
}

Status SqlRegistryStore::ForEachUnit(const std::function<Status(const Unit&)>& fn) {
  return StreamRecords<Unit>(std::string("SELECT ") + kUnitCols + " ORDER BY e.uscc, u.code", ReadUnit, fn);
}

Status SqlRegistryStore::ForEachCurrentHolding(const std::function<Status(const Holding&)>& fn) {
  return StreamRecords<Holding>(
      holding_select_ + " WHERE h.valid_to IS NULL ORDER BY e.uscc, u.code, h.chemical_key", ReadHolding, fn);
}

Status SqlRegistryStore::ForEachCurrentHoldingUnordered(const std::function<Status(const Holding&)>& fn) {
  return StreamRecords<Holding>(holding_select_ + " WHERE h.valid_to IS NULL", ReadHolding, fn);
}

Status SqlRegistryStore::ForEachUnitRef(const std::function<Status(const UnitRef&)>& fn) {
  UnitRef ref;  // reused row to row: its strings keep their buffers
  const RowFn on_row = [&](const SqlRow& r) -> Status {
    ref.id = r.Int(0);
    ref.enterprise_id = r.Int(1);
    ref.enterprise_uscc.assign(r.Text(2));
    ref.code.assign(r.Text(3));
    return fn(ref);
  };
  ++streaming_;
  Status st = conn_->Stream(
      "SELECT u.id, u.enterprise_id, e.uscc, u.code FROM units u JOIN enterprises e ON e.id = u.enterprise_id", {},
      on_row);
  --streaming_;
  return st;
}

Result<RegistrySummary> SqlRegistryStore::Summary(std::optional<std::string> division_prefix) {
  return InSnapshot<RegistrySummary>([&]() -> Result<RegistrySummary> {
    RegistrySummary s;
    std::vector<SqlParam> p;
    std::string end;
    std::string ent_filter = "1 = 1";
    if (division_prefix) {
      end = PrefixEnd(*division_prefix);
      p = {std::string_view(*division_prefix), std::string_view(end)};
      ent_filter = "e.division_code >= ? AND e.division_code < ?";
    }
    auto one_row = [&](const std::string& sql, const std::function<void(const SqlRow&)>& read) -> Status {
      RowFn fn = [&](const SqlRow& r) {
        read(r);
        return Status::Ok();
      };
      CHEMSAFE_ASSIGN_OR_RETURN(std::int64_t ignored, Run(sql, p, &fn));
      (void)ignored;
      return Status::Ok();
    };
    CHEMSAFE_RETURN_IF_ERROR(one_row(
        "SELECT COUNT(*), COALESCE(SUM(CASE WHEN e.provenance = 2 THEN 1 ELSE 0 END), 0) FROM enterprises e WHERE " +
            ent_filter,
        [&](const SqlRow& r) {
          s.enterprises = r.Int(0);
          s.synthetic_enterprises = r.Int(1);
        }));
    CHEMSAFE_RETURN_IF_ERROR(
        one_row("SELECT COUNT(*) FROM units u JOIN enterprises e ON e.id = u.enterprise_id WHERE " + ent_filter,
                [&](const SqlRow& r) { s.units = r.Int(0); }));
    const std::string current_holdings =
        " FROM holdings h JOIN units u ON u.id = h.unit_id JOIN enterprises e ON e.id = u.enterprise_id"
        " WHERE h.valid_to IS NULL AND " + ent_filter;
    CHEMSAFE_RETURN_IF_ERROR(one_row("SELECT COUNT(*), COALESCE(SUM(h.max_quantity_t), 0)" + current_holdings,
                                     [&](const SqlRow& r) {
                                       s.holdings = r.Int(0);
                                       s.total_max_quantity_t = r.Real(1);
                                     }));
    const std::string own_filter = division_prefix ? "division_code >= ? AND division_code < ?" : "1 = 1";
    CHEMSAFE_RETURN_IF_ERROR(one_row("SELECT COUNT(*) FROM protected_targets WHERE " + own_filter,
                                     [&](const SqlRow& r) { s.protected_targets = r.Int(0); }));
    CHEMSAFE_RETURN_IF_ERROR(
        one_row("SELECT COUNT(*) FROM parks WHERE " + own_filter, [&](const SqlRow& r) { s.parks = r.Int(0); }));
    auto counts = [&](const std::string& sql, std::vector<CountByKey>& out, bool key_is_int) -> Status {
      RowFn fn = [&](const SqlRow& r) {
        out.push_back({key_is_int ? std::to_string(r.Int(0)) : std::string(r.Text(0)), r.Int(1)});
        return Status::Ok();
      };
      CHEMSAFE_ASSIGN_OR_RETURN(std::int64_t ignored, Run(sql, p, &fn));
      (void)ignored;
      return Status::Ok();
    };
    CHEMSAFE_RETURN_IF_ERROR(counts("SELECT substr(e.division_code, 1, 4) AS city, COUNT(*) FROM enterprises e WHERE " +
                                        ent_filter + " GROUP BY substr(e.division_code, 1, 4) ORDER BY city",
                                    s.enterprises_by_city, false));
    CHEMSAFE_RETURN_IF_ERROR(counts("SELECT e.sector, COUNT(*) FROM enterprises e WHERE " + ent_filter +
                                        " GROUP BY e.sector ORDER BY e.sector",
                                    s.enterprises_by_sector, true));
    CHEMSAFE_RETURN_IF_ERROR(counts("SELECT h.chemical_key, COUNT(*) AS n" + current_holdings +
                                        " GROUP BY h.chemical_key ORDER BY n DESC, h.chemical_key LIMIT 20",
                                    s.holdings_by_chemical, false));
    return s;
  });
}

Result<int> SqlRegistryStore::SchemaVersion() {
  int version = 0;
  RowFn fn = [&version](const SqlRow& r) {
    version = static_cast<int>(r.Int(0));
    return Status::Ok();
  };
  CHEMSAFE_ASSIGN_OR_RETURN(std::int64_t ignored,
                            Run("SELECT COALESCE(MAX(version), 0) FROM schema_migrations", {}, &fn));
  (void)ignored;
  return version;
}

}  // namespace

Result<std::unique_ptr<RegistryStore>> MakeSqlRegistryStore(std::unique_ptr<SqlConnection> conn) {
  auto store = std::make_unique<SqlRegistryStore>(std::move(conn));
  CHEMSAFE_RETURN_IF_ERROR(store->Init());
  return std::unique_ptr<RegistryStore>(std::move(store));
}

}  // namespace chemsafe::store::internal
