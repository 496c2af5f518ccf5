// Traceability of regulated chemicals (issue 6; plan tasks T3, T35): capture of EPCIS events checked
// against the registry and the catalogue, and the closed loop computed from them — mass balance per party,
// site and chemical, shipments paired with their receipts, licences at the time of each movement, and the
// 5-day flow filing to public security (流向备案) made from the events. Decision 0008.
//
// What an event moves (store::MovementKind), by its business step (CBV 2.0):
//   commissioning → produced; receiving, accepting → received; shipping → shipped; consuming → used;
//   destroying, disposing → destroyed; cycle_counting → counted (the stock at that time); a
//   TransformationEvent uses its inputs and produces its outputs. Other steps (loading, storing,
//   inspecting, packing, …) move nothing.
// Whose stock: shipped — the source party; received — the destination party; the others — the owner of the
// business location ("urn:chemsafe:loc:<USCC>.<site>"), else the possessing or owning source party.
// Amounts: the quantity elements of the event whose class names a traced chemical (the platform's lot
// class "urn:chemsafe:class:lot:<USCC>.<chemical>.<lot>"), in KGM, TNE or GRM, as kg.
//
// Thread-compatible: the stores are the caller's.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "chemsafe/catalogue/catalogue.h"
#include "chemsafe/core/result.h"
#include "chemsafe/store/registry_store.h"
#include "chemsafe/store/trace_store.h"
#include "chemsafe/trace/event.h"

namespace chemsafe::service {

struct TraceStores {
  store::RegistryStore& registry;
  store::TraceStore& trace;
};

// One event to capture: the parsed event (its hash set) and its EPCIS JSON as it will be stored.
struct TraceInput {
  trace::Event event;
  std::string body;
  std::string where;  // for errors: "events.jsonl:12"
};

struct TraceProblem {
  std::string where;    // the input's `where`
  std::string field;    // the member at fault ("destinationList[0].destination", "bizTransactionList")
  std::string message;
};

struct CaptureReport {
  int stored = 0;
  int duplicates = 0;
  int declarations = 0;              // errorDeclarations recorded
  std::vector<TraceProblem> problems;  // when not empty nothing was stored
};

struct CaptureOptions {
  std::string record_time;  // UTC text stamped on the stored events; Default (empty): now
};

// Checks every event (parties exist in the registry, the chemical is 剧毒 or 易制爆, a 剧毒 sale carries a
// purchase permit, an 易制爆 sale the buyer's filing, a shipment its despatch transaction, amounts in a
// mass unit) and stores them in one transaction when all pass; an event carrying an errorDeclaration
// records the correction of the stored event with its eventID instead. Problems are returned, not an
// error status: the caller reports them line by line.
Result<CaptureReport> CaptureTraceEvents(TraceStores s, const catalogue::Catalogue& catalogue,
                                         std::vector<TraceInput>& inputs, const CaptureOptions& options = {});

// The chemical key of a platform lot class ("urn:chemsafe:class:lot:<USCC>.<chemical>.<lot>"), or nullopt.
std::optional<std::string> LotChemical(std::string_view epc_class);
// The USCC and site of a platform location ("urn:chemsafe:loc:<USCC>.<site>"), or nullopt.
std::optional<std::pair<std::string, std::string>> LocationOwner(std::string_view location);

// --- Lineage ---------------------------------------------------------------------------------------------

// An edge of the lineage graph: `from` went into `to` — packed into a container or onto a vehicle
// (AggregationEvent), associated with it (AssociationEvent), or transformed into it (TransformationEvent).
struct LineageEdge {
  std::string from, to;
  std::string relation;  // "packed_into", "associated_with", "transformed_into"
  std::int64_t event = 0;
  std::int64_t at_us = 0;
};

struct Lineage {
  std::string root;
  std::vector<std::string> upstream;    // what went into the root, nearest first
  std::vector<std::string> downstream;  // what the root went into, nearest first
  std::vector<LineageEdge> edges;       // between the root and those, each once
  std::vector<std::int64_t> events;     // every event naming one of them (custody steps included), in time order
  bool truncated = false;               // max_nodes reached
};

// Everything upstream and downstream of an identifier (canonical form) through aggregation, association
// and transformation. NotFound when no event names it.
Result<Lineage> TraceLineage(store::TraceStore& trace, const std::string& id, std::size_t max_nodes = 10000);

// --- The closed loop --------------------------------------------------------------------------------------

enum class AnomalyKind {
  kNotReceived,          // a shipment with no receipt within `receive_within_days`
  kReceiptWithoutShipment,
  kQuantityMismatch,     // received ≠ shipped beyond the tolerance
  kUnlicensedSale,       // shipped to a buyer with no valid licence or permit at that time, or on the blacklist
  kCustodyWithoutLicence,  // produced or held (counted) by a party with no valid licence at that time
  kOutOfOrder,           // received before it was shipped
  kImbalance,            // a count differs from the stock the events give, beyond the tolerance
  kFilingOverdue,        // a sale recorded more than 5 days after it happened (流向备案)
};
std::string_view AnomalyKindCode(AnomalyKind k);  // "not_received", …
std::string_view AnomalyKindZh(AnomalyKind k);    // "发货后未收货", …

struct Anomaly {
  AnomalyKind kind = AnomalyKind::kNotReceived;
  std::string party;          // whose it is (the seller of a shipment, the holder of a stock)
  std::string counterparty;
  std::string chemical;
  std::string site;
  std::string shipment_key;
  double quantity_kg = 0;     // the amount in question (the difference for mismatches and imbalances)
  std::int64_t at_us = 0;
  std::vector<std::int64_t> events;  // the stored events behind it
  std::string detail;         // in Chinese, with the numbers
  // Stable while the events behind it do not change: the key of its work item (store::TraceWorkItem).
  std::string key;
};

struct BalanceRow {
  std::string party, site, chemical;
  double opening_kg = 0, produced_kg = 0, received_kg = 0, shipped_kg = 0, used_kg = 0, destroyed_kg = 0;
  double closing_kg = 0;                // opening + in − out (the stock the events give)
  std::optional<double> counted_kg;     // the last count in the period, when there was one
};

struct FilingRow {  // one sale of the 5-day flow filing
  std::string seller, buyer, chemical, shipment_key;
  double quantity_kg = 0;
  std::int64_t sold_at_us = 0;
  std::int64_t recorded_at_us = 0;  // when the platform recorded it, UTC µs
  bool overdue = false;     // recorded more than 5 days after the sale
  std::int64_t event = 0;
};

struct ClosedLoopOptions {
  std::int64_t from_us = 0, to_us = 0;  // the period [from, to); to 0: no end
  std::int64_t now_us = 0;              // "not received within N days" is judged at this time; 0: now
  int receive_within_days = 3;          // Default: 3 days from shipping to receipt
  int filing_days = 5;                  // 流向备案 within 5 days of the sale
  double tolerance_kg = 0.5;            // absolute, per comparison; Default 0.5 kg
  double tolerance_share = 0.005;       // relative to the larger amount; Default 0.5 %
};

struct ClosedLoopReport {
  std::vector<BalanceRow> balance;
  std::vector<Anomaly> anomalies;  // in time order
  std::vector<FilingRow> filings;  // the sales of the period
  std::int64_t movements = 0;
};

Result<ClosedLoopReport> CheckClosedLoop(TraceStores s, const ClosedLoopOptions& options);

}  // namespace chemsafe::service
