// Repository interface of the registry (DESIGN.md §3-4). Two implementations: SQLite (sqlite/) and
// PostgreSQL (postgres/); one test suite runs against both (registry_store_test.cc). No SQL or driver
// types appear here. Thread-safety: one RegistryStore per thread (each holds one connection).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "chemsafe/audit/chain.h"
#include "chemsafe/core/result.h"
#include "chemsafe/registry/model.h"

namespace chemsafe::store {

// One change of an enterprise's record made through the platform (service/registry_edits.h), as the
// change feed lists it. The USCC and division code are the enterprise's when the change was made: the
// feed is bounded by them.
struct EnterpriseChangeRow {
  std::int64_t seq = 0;  // set by the store when read; orders the changes
  std::string at;        // UTC text, as the change's audit record has it
  std::string user;
  std::string role;
  std::int64_t enterprise_id = 0;
  std::string uscc;
  std::string division_code;
  std::string fields;           // what changed: "address, location"
  std::string enterprise_name;  // when read: the enterprise's name now; not written
};

// Writes inside one transaction. Upserts go by natural keys: enterprise by USCC; unit by (enterprise,
// code); holding by (unit, chemical_key); protected target and park by code. Each upsert sets the
// record's `id` (and foreign ids it resolved) on success.
class RegistryWriter {
 public:
  virtual ~RegistryWriter() = default;
  virtual Status UpsertEnterprise(registry::Enterprise& e) = 0;
  // Resolves the owner by e.enterprise_uscc when enterprise_id is 0; NotFound when there is none.
  virtual Status UpsertUnit(registry::Unit& u) = 0;
  // Keeps history: if the current version of (unit, chemical) differs, it is closed at `at` (valid_to)
  // and a new version opens at `at`; an identical re-import changes nothing. Resolves the unit by
  // (enterprise_uscc, unit_code) when unit_id is 0. `at` is an ISO-8601 timestamp with offset
  // ("2024-03-01T08:00:00+08:00"; without an offset it is Asia/Shanghai time; a date alone is the start
  // of that day in Asia/Shanghai). The store sets h.valid_from to the version's start as UTC text
  // "YYYY-MM-DDTHH:MM:SS.ffffffZ" (microseconds). A change dated before the current version's
  // valid_from is InvalidArgument (history would overlap).
  virtual Status UpsertHolding(registry::Holding& h, std::string_view at) = 0;
  // Upserts `holdings` in order with the same outcome as UpsertHolding on each one after the other
  // (history, idempotence, ids set, errors and their codes), in fewer statements where the backend
  // can: bulk imports use it. Stops at the first failure and returns it; `upserted` (when not null)
  // is then set to the index of the holding that failed, else to holdings.size().
  virtual Status UpsertHoldings(std::span<registry::Holding> holdings, std::string_view at,
                                std::size_t* upserted = nullptr) {
    std::size_t i = 0;
    Status st;
    for (; i < holdings.size() && st.ok(); ++i) st = UpsertHolding(holdings[i], at);
    if (upserted != nullptr) *upserted = st.ok() ? i : i - 1;
    return st;
  }
  // Closes the current version of a holding (the unit no longer holds the chemical) at `at`.
  virtual Status EndHolding(std::int64_t unit_id, std::string_view chemical_key, std::string_view at) = 0;
  virtual Status UpsertProtectedTarget(registry::ProtectedTarget& t) = 0;
  virtual Status UpsertPark(registry::Park& p) = 0;
  // Appends `record` to the platform's audit trail in this transaction (store/platform_store.h): the
  // writes and their audit record are committed together or not at all.
  virtual Status AppendAudit(audit::AuditRecord& record) = 0;
  // Records `change` (all but seq and enterprise_name) for the change feed, committed with the change
  // itself; InvalidArgument naming enterprise_id when there is no such enterprise.
  virtual Status RecordEnterpriseChange(const EnterpriseChangeRow& change) = 0;
};

struct EnterpriseFilter {
  std::optional<std::string> division_prefix;  // "4403" = every enterprise in Shenzhen
  std::optional<std::string> uscc;
  std::optional<std::string> park_code;
  int limit = 0;   // 0 = no limit
  int offset = 0;
  // Default: false. True leaves the licences out (empty), for lists and maps that do not show them:
  // their decoding is most of the cost of reading many enterprises.
  bool without_licences = false;
};

// Which changes a page of the change feed holds. Both bounds apply when both are set.
struct EnterpriseChangeFilter {
  std::optional<std::string> division_prefix;  // "4403" = every change of an enterprise in Shenzhen
  // Only the changes of these enterprises (a grid officer's; an enterprise user's own); none when empty.
  std::optional<std::vector<std::int64_t>> enterprise_ids;
  int limit = 0;  // 0 = no limit
  std::int64_t offset = 0;
};

struct EnterpriseChangePage {
  std::vector<EnterpriseChangeRow> rows;  // newest first
  std::int64_t total = 0;                 // of the filter, without limit and offset
};

struct CountByKey {
  std::string key;
  std::int64_t count = 0;
};

// The identity of a unit without its content: what finding units by natural key needs.
struct UnitRef {
  std::int64_t id = 0;
  std::int64_t enterprise_id = 0;
  std::string enterprise_uscc;
  std::string code;
};

// Where a unit is and what it is called: what a map layer of units needs.
struct UnitPoint {
  std::int64_t id = 0;
  std::int64_t enterprise_id = 0;
  std::optional<LonLat> location;  // WGS-84
  std::string name;
};

// See RegistryStore::CurrentGenerations.
struct Generations {
  std::int64_t data = 0;
  std::int64_t accounts = 0;
  bool operator==(const Generations&) const = default;
};

struct RegistrySummary {
  std::int64_t enterprises = 0;
  std::int64_t units = 0;
  std::int64_t holdings = 0;           // current versions
  std::int64_t protected_targets = 0;
  std::int64_t parks = 0;
  std::int64_t synthetic_enterprises = 0;
  double total_max_quantity_t = 0;     // Σ design maximum of current holdings (mass-declared)
  std::vector<CountByKey> enterprises_by_city;   // key = 4-digit city code
  std::vector<CountByKey> enterprises_by_sector; // key = sector code as text
  std::vector<CountByKey> holdings_by_chemical;  // key = chemical_key, top 20 by count
};

class RegistryStore {
 public:
  virtual ~RegistryStore() = default;

  // Runs `fn` in one transaction: commits when it returns OK (durably: the commit is on disk when
  // this returns), rolls back otherwise and returns its Status. Nothing is half-written.
  // When a writer call fails in the database (a constraint, a lost connection), the transaction is
  // doomed on both backends: later writer calls return FailedPrecondition and the transaction is
  // rolled back, returning that first error, even if `fn` returns OK. Errors found before the
  // database is touched (NotFound owner or unit, a bad `at`) leave the transaction usable.
  // Not reentrant: InTransaction inside `fn` or inside a ForEach callback is FailedPrecondition.
  virtual Status InTransaction(const std::function<Status(RegistryWriter&)>& fn) = 0;

  virtual Result<std::optional<registry::Enterprise>> FindEnterprise(std::string_view uscc) = 0;
  virtual Result<std::vector<registry::Enterprise>> ListEnterprises(const EnterpriseFilter& f) = 0;
  virtual Result<std::optional<registry::Unit>> FindUnit(std::string_view uscc, std::string_view unit_code) = 0;
  virtual Result<std::vector<registry::Unit>> UnitsOfEnterprise(std::int64_t enterprise_id) = 0;
  // By store id (the platform's API names records by id).
  virtual Result<std::optional<registry::Enterprise>> FindEnterpriseById(std::int64_t id) = 0;
  virtual Result<std::optional<registry::Unit>> FindUnitById(std::int64_t id) = 0;
  virtual Result<std::optional<registry::ProtectedTarget>> FindProtectedTargetById(std::int64_t id) = 0;
  // Current holdings of a unit, or the versions valid at `as_of` (ISO timestamp or YYYY-MM-DD meaning
  // the end of that day in Asia/Shanghai) when given. A version is valid at instant T when
  // valid_from <= T < valid_to; so a change at `at` shows from `at` on. Ordered by chemical_key.
  virtual Result<std::vector<registry::Holding>> HoldingsOfUnit(
      std::int64_t unit_id, std::optional<std::string> as_of = std::nullopt) = 0;
  // Every version of one holding, oldest first.
  virtual Result<std::vector<registry::Holding>> HoldingHistory(std::int64_t unit_id,
                                                               std::string_view chemical_key) = 0;
  virtual Result<std::vector<registry::ProtectedTarget>> ListProtectedTargets(
      std::optional<std::string> division_prefix = std::nullopt) = 0;
  virtual Result<std::vector<registry::Park>> ListParks() = 0;
  // The changes recorded by RecordEnterpriseChange that `f` selects, newest first, and how many there
  // are, read in one snapshot.
  virtual Result<EnterpriseChangePage> EnterpriseChangesPage(const EnterpriseChangeFilter& f) = 0;

  // Streams every record of a kind in natural-key order (for export); stops at the first non-OK status
  // returned by `fn` and returns it. Order is byte order of the UTF-8 keys on both backends. `fn` may
  // call the read methods of this store, not InTransaction. Memory stays bounded (PostgreSQL reads
  // through a cursor in one snapshot).
  virtual Status ForEachEnterprise(const std::function<Status(const registry::Enterprise&)>& fn) = 0;
  virtual Status ForEachUnit(const std::function<Status(const registry::Unit&)>& fn) = 0;
  virtual Status ForEachCurrentHolding(const std::function<Status(const registry::Holding&)>& fn) = 0;
  // Streams every current holding in no particular order, as ForEachCurrentHolding does otherwise
  // (same rules for `fn`), without sorting them: imports use it to learn what is stored.
  virtual Status ForEachCurrentHoldingUnordered(const std::function<Status(const registry::Holding&)>& fn) {
    return ForEachCurrentHolding(fn);
  }
  // Streams the identity of every unit, in no particular order, as ForEachUnit streams units (same
  // rules for `fn`) but without reading and decoding their content: bulk imports of holdings use it.
  virtual Status ForEachUnitRef(const std::function<Status(const UnitRef&)>& fn) {
    return ForEachUnit([&fn](const registry::Unit& u) {
      return fn(UnitRef{u.id, u.enterprise_id, u.enterprise_uscc, u.code});
    });
  }

  // Streams every unit's point, in no particular order, as ForEachUnit streams units (same rules for
  // `fn`) but reading only the four columns a map needs.
  virtual Status ForEachUnitPoint(const std::function<Status(const UnitPoint&)>& fn) {
    return ForEachUnit([&fn](const registry::Unit& u) { return fn(UnitPoint{u.id, u.enterprise_id, u.location, u.name}); });
  }

  // Two numbers that committed changes raise: `data` every change of the registry (InTransaction) and
  // of the assessments (HazardStore::SaveAssessments); `accounts` every change to who a session is (a
  // session ended, a user changed or removed, grid assignments changed: triggers of migration 5, so
  // whichever process writes). An answer computed from them stays right while they are unchanged.
  virtual Result<Generations> CurrentGenerations() = 0;

  virtual Result<RegistrySummary> Summary(std::optional<std::string> division_prefix = std::nullopt) = 0;

  // Schema version after migrations (for `chemsafe --version` and readiness checks).
  virtual Result<int> SchemaVersion() = 0;
};

// Opens (creating if needed) an SQLite database file and migrates it to the current schema.
// WAL journal, synchronous=FULL, foreign keys on.
Result<std::unique_ptr<RegistryStore>> OpenSqlite(const std::string& path);

// Connects to PostgreSQL (libpq connection string or URL) and migrates it to the current schema.
Result<std::unique_ptr<RegistryStore>> OpenPostgres(const std::string& url);

}  // namespace chemsafe::store
