// What the platform shows of the traceability events (issue 6; plan tasks T3, T35), bounded by the caller's
// scope (access.h): the province office and the departments (public security, emergency management, …) see
// the whole province; city and county officers the events that move stock of enterprises in their division;
// grid officers and enterprise users those of their enterprises. An anomaly, balance row or filing shows
// when its party or counterparty is in scope; a lineage when one of its events moves stock in scope.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "chemsafe/core/result.h"
#include "chemsafe/service/access.h"
#include "chemsafe/service/trace_service.h"

namespace chemsafe::service {

// The enterprises (USCCs) whose stock the caller may see; `all` for the province-wide roles.
struct TraceScope {
  bool all = false;
  std::set<std::string> usccs;
  bool Holds(const std::string& uscc) const { return all || usccs.count(uscc) != 0; }
};
Result<TraceScope> TraceScopeOf(store::RegistryStore& registry, const Principal& who);

// The events of the query in scope (q.parties is set from the scope).
Result<std::vector<store::TraceEventRow>> QueryTraceEventsInScope(TraceStores s, const Principal& who,
                                                                  store::TraceEventQuery q);

// The closed loop of the period with only what the scope holds.
Result<ClosedLoopReport> ClosedLoopInScope(TraceStores s, const Principal& who, const ClosedLoopOptions& options);

// The lineage when one of its events moves stock in scope; NotFound otherwise (as if it did not exist).
Result<Lineage> LineageInScope(TraceStores s, const Principal& who, const std::string& id);

// Changes the state of an anomaly's work item (police and safety roles of the scope: the province office,
// departments, city and county officers; others PermissionDenied), audited in the same transaction. The
// anomaly must be one the caller sees (any period); NotFound otherwise. `status`: open, acknowledged, closed.
Result<store::TraceWorkItem> SetWorkItemAs(TraceStores s, const Actor& actor, const std::string& at,
                                           const std::string& key, const std::string& status, const std::string& note);
std::string_view WorkItemStatusCode(store::WorkItemStatus s);  // "open", "acknowledged", "closed"

// Events, as the capture module takes them: the EPCIS text of a document (or a bare event), every event
// hashed; `where` prefixes the errors ("upload", "events.jsonl:3").
Result<std::vector<TraceInput>> TraceInputsFromText(std::string_view text, const std::string& where);

// Captures for the caller: the province office may capture any event; an enterprise user the events whose
// business location or source party is its own enterprise (others are problems naming the event); other
// roles none (PermissionDenied).
Result<CaptureReport> CaptureTraceEventsAs(TraceStores s, const catalogue::Catalogue& catalogue, const Principal& who,
                                           std::vector<TraceInput>& inputs);

// "2026-09-01T10:12:00+08:00" for an instant (China time).
std::string ChinaTimeText(std::int64_t utc_us);

// The closed loop as JSON (the CLI's --json and the API): from, to, movements, anomaly_counts, anomalies,
// balance, filings.
// With `states`, each anomaly also carries its work item's status, note and who changed it last.
nlohmann::ordered_json ClosedLoopJson(const ClosedLoopReport& r, const std::string& from, const std::string& to,
                                      const std::map<std::string, store::TraceWorkItem>* states = nullptr);
// A lineage as JSON with its events' EPCIS JSON (`events` in the lineage's order). With `registry`, also
// for the map: "places" — the enterprises where its events happened or that they name as parties, with their
// coordinates (WGS-84) — and "moves" — each shipment from the seller's place to the buyer's, in time order.
Result<nlohmann::ordered_json> LineageJson(const Lineage& l, const std::vector<store::TraceEventRow>& events,
                                           store::RegistryStore* registry = nullptr);

}  // namespace chemsafe::service
