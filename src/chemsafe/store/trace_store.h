// Repository of the traceability events (issue 6; plan tasks T3, T35): captured EPCIS events, append-only,
// each stored once by its event hash; the identifiers each event names (for lineage and queries); what each
// event moves, for the closed loop; and the corrections (errorDeclaration). The rows are made by the
// service from trace/event.h's Event; no EPCIS knowledge here. SQLite and PostgreSQL behind one
// interface, like registry_store.h; no SQL outside the implementation.
// Thread-safety: one TraceStore per thread.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "chemsafe/audit/chain.h"
#include "chemsafe/core/result.h"

namespace chemsafe::store {

// The role of an identifier in an event. Persisted as its code: append-only.
enum class TraceIdRole : int {
  kEpc = 1,           // epcList (ObjectEvent, TransactionEvent)
  kParent = 2,        // parentID
  kChild = 3,         // childEPCs
  kInput = 4,         // inputEPCList
  kOutput = 5,        // outputEPCList
  kClass = 6,         // quantityList / childQuantityList epcClass
  kInputClass = 7,    // inputQuantityList
  kOutputClass = 8,   // outputQuantityList
};

// What an event moves for the mass balance. Persisted as its code: append-only.
enum class MovementKind : int {
  kProduced = 1,   // commissioning, a transformation's output
  kReceived = 2,   // receiving / accepting at the party
  kShipped = 3,    // shipping from the party
  kUsed = 4,       // consuming, a transformation's input
  kDestroyed = 5,  // destroying / disposing
  kCounted = 6,    // an inventory count (cycle_counting): the stock at that time
};

struct TraceNaming {
  std::int64_t event = 0;
  TraceIdRole role = TraceIdRole::kEpc;
  int type = 0;  // trace::EventType code
  std::int64_t at_us = 0;
};

struct TraceEventRow {
  std::int64_t id = 0;  // set by the store
  std::string hash;     // event hash (unique)
  std::string event_id;
  int type = 0;         // trace::EventType code
  std::string event_time;
  std::int64_t event_time_us = 0;
  std::string record_time;
  std::int64_t record_time_us = 0;  // the same, UTC µs (kept with the event's movements)
  std::string biz_step;
  std::string biz_location;
  std::string body;     // the event as EPCIS 2.0 JSON
};

struct TraceIdEntry {
  std::string epc;
  TraceIdRole role = TraceIdRole::kEpc;
};

struct TraceMovement {
  std::int64_t event = 0;   // set by the store
  std::int64_t at_us = 0;   // the event's time, UTC µs
  std::string party;        // USCC of the party whose stock it changes
  std::string site;         // the business location, or empty
  std::string chemical;     // the catalogue key of the chemical (CAS or 目录序号)
  MovementKind kind = MovementKind::kReceived;
  double quantity_kg = 0;
  std::string counterparty;  // the other party of a shipment or receipt (USCC), or empty
  std::string shipment_key;  // pairs a shipment with its receipt (a transaction id), or empty
};

// The movements as the closed loop reads them, compact: each text (party, site, chemical, counterparty,
// shipment key) kept once in `texts`, the rows naming them by index (0: empty). The store keeps them so.
struct MovementLedger {
  struct Row {
    std::int64_t event = 0;
    std::int64_t at_us = 0;
    std::int64_t recorded_us = 0;  // the event's record time, UTC µs (the 5-day filing)
    double quantity_kg = 0;
    std::uint32_t party = 0, site = 0, chemical = 0, counterparty = 0, shipment_key = 0;
    MovementKind kind = MovementKind::kReceived;
  };
  std::vector<std::string> texts = {std::string()};
  std::vector<Row> rows;  // in (at_us, event) order
  const std::string& Text(std::uint32_t k) const { return texts[k]; }
};

struct TraceErrorDeclaration {
  std::int64_t event = 0;   // the stored event it corrects
  std::string declared_at;
  std::string reason;
  std::string corrective_event_ids;  // space-separated
  std::string declaration_hash;      // unique: a resubmitted declaration is found, not stored again
};

// One event to capture with what the store keeps of it.
struct TraceCapture {
  TraceEventRow row;
  std::vector<TraceIdEntry> ids;
  std::vector<TraceMovement> movements;
};

struct TraceCaptureOutcome {
  std::int64_t id = 0;     // the stored event's id (the earlier one for a duplicate)
  bool duplicate = false;  // an event with the same hash was already stored (or earlier in the batch)
};

// EPCIS simple event query (GS1 EPCIS 2.0 §8.2.7), the parameters the platform serves. Empty: any.
// What people did about an anomaly of the closed loop. Persisted as its code: append-only.
enum class WorkItemStatus : int {
  kOpen = 1,          // 待处理 (also every anomaly without a stored state)
  kAcknowledged = 2,  // 已受理: someone is on it
  kClosed = 3,        // 已办结: dealt with (the note says how)
};

struct TraceWorkItem {
  std::string anomaly_key;
  WorkItemStatus status = WorkItemStatus::kOpen;
  std::string note;
  std::string updated_at;  // UTC text
  std::string updated_by;  // username
};

// A listing of an enterprise on the blacklist (黑名单): barred from buying or holding regulated chemicals
// from listed_on to ended_on (both YYYY-MM-DD; ended_on empty: still listed).
struct BlacklistEntry {
  std::int64_t id = 0;  // set by the store
  std::string uscc;
  std::string listed_on;
  std::string ended_on;
  std::string authority;  // who listed it (公安机关, 应急管理部门 …)
  std::string reason;
};

struct TraceEventQuery {
  std::optional<int> type;
  std::optional<std::int64_t> ge_time_us, lt_time_us;
  std::string biz_step;
  std::string biz_location;
  std::string match_epc;             // any role but classes and parent
  std::string match_any_epc;         // any identifier role, parent included
  std::string match_epc_class;       // quantity classes
  std::vector<std::string> parties;  // when not empty: only events moving stock of these parties (USCCs)
  std::int64_t after_id = 0;         // paging: events with a larger id
  int limit = 100;
};

class TraceStore {
 public:
  virtual ~TraceStore() = default;

  // Stores a batch in one transaction, all or nothing; an event whose hash is stored already (or appears
  // earlier in the batch) is not stored again and reported as a duplicate. Sets the rows' ids. Raises the
  // data generation (registry_store.h), as Declare does.
  virtual Result<std::vector<TraceCaptureOutcome>> Capture(std::vector<TraceCapture>& batch) = 0;
  // Stores corrections in one transaction; a declaration whose hash is stored already is skipped.
  // Returns how many were new.
  virtual Result<int> Declare(const std::vector<TraceErrorDeclaration>& declarations) = 0;

  virtual Result<std::optional<TraceEventRow>> FindByEventId(const std::string& event_id) = 0;
  virtual Result<std::optional<TraceEventRow>> FindById(std::int64_t id) = 0;
  // In id order (capture order), from q.after_id, at most q.limit.
  virtual Result<std::vector<TraceEventRow>> Query(const TraceEventQuery& q) = 0;
  virtual Result<std::int64_t> EventCount() = 0;

  // Lineage: the events that name `epc` (with its role there, the event's type and time), in event time
  // order; the identifiers an event names.
  virtual Result<std::vector<TraceNaming>> EventsNaming(const std::string& epc) = 0;
  virtual Result<std::vector<TraceIdEntry>> IdsOf(std::int64_t event) = 0;

  // The movements with from_us <= at_us < to_us (both 0: all), in time order, of events not declared in
  // error. Read in storage order and sorted in memory: an ordered index walk visits the rows at random.
  virtual Result<MovementLedger> ReadMovements(std::int64_t from_us, std::int64_t to_us) = 0;
  // The ids of the events declared in error.
  virtual Result<std::vector<std::int64_t>> DeclaredInError() = 0;

  // Work items: the stored state of anomalies by key (absent: open), and a change of one with its audit
  // record, in one transaction (all or nothing; the record gets its seq and seal).
  virtual Result<std::map<std::string, TraceWorkItem>> WorkItems() = 0;
  virtual Status SetWorkItem(const TraceWorkItem& item, audit::AuditRecord& audit) = 0;

  // The blacklist (every listing, ended ones too, by USCC then date); a listing added, or ended on a date,
  // each with its audit record in the same transaction. NotFound when ending a listing that does not exist.
  virtual Result<std::vector<BlacklistEntry>> Blacklist() = 0;
  virtual Status AddBlacklisting(BlacklistEntry& entry, audit::AuditRecord& audit) = 0;
  virtual Status EndBlacklisting(std::int64_t id, const std::string& ended_on, audit::AuditRecord& audit) = 0;

  // Reserves `count` serial numbers of `kind` ("ctr", "lot") for an enterprise: returns the first; the
  // reserved ones are first … first + count − 1, never issued again. With its audit record.
  virtual Result<std::int64_t> ReserveSerials(const std::string& uscc, const std::string& kind, int count,
                                              audit::AuditRecord& audit) = 0;
};

Result<std::unique_ptr<TraceStore>> OpenSqliteTraceStore(const std::string& path);
Result<std::unique_ptr<TraceStore>> OpenPostgresTraceStore(const std::string& url);

}  // namespace chemsafe::store
