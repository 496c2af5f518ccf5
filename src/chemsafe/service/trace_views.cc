#include "chemsafe/service/trace_views.h"

#include <algorithm>
#include <map>

#include <chrono>

#include <fmt/format.h>

#include "chemsafe/core/calendar.h"
#include "chemsafe/trace/epcis.h"
#include "chemsafe/trace/event_hash.h"

namespace chemsafe::service {

Result<TraceScope> TraceScopeOf(store::RegistryStore& registry, const Principal& who) {
  TraceScope scope;
  if (!who.SeesBusinessData()) return scope;
  switch (who.role) {
    case Role::kProvince:
    case Role::kDepartment: scope.all = true; return scope;
    case Role::kCity:
    case Role::kCounty: {
      store::EnterpriseFilter f;
      f.division_prefix = who.DivisionPrefix();
      f.without_licences = true;
      CHEMSAFE_ASSIGN_OR_RETURN(auto list, registry.ListEnterprises(f));
      for (const auto& e : list) scope.usccs.insert(e.uscc);
      return scope;
    }
    case Role::kGrid:
      for (std::int64_t id : who.grid_enterprises) {
        CHEMSAFE_ASSIGN_OR_RETURN(auto e, registry.FindEnterpriseById(id));
        if (e) scope.usccs.insert(e->uscc);
      }
      return scope;
    case Role::kEnterprise:
      if (!who.enterprise_uscc.empty()) scope.usccs.insert(who.enterprise_uscc);
      return scope;
    default: return scope;
  }
}

Result<std::vector<store::TraceEventRow>> QueryTraceEventsInScope(TraceStores s, const Principal& who,
                                                                  store::TraceEventQuery q) {
  CHEMSAFE_ASSIGN_OR_RETURN(TraceScope scope, TraceScopeOf(s.registry, who));
  if (!scope.all) {
    if (scope.usccs.empty()) return std::vector<store::TraceEventRow>();
    q.parties.assign(scope.usccs.begin(), scope.usccs.end());
  }
  return s.trace.Query(q);
}

Result<ClosedLoopReport> ClosedLoopInScope(TraceStores s, const Principal& who, const ClosedLoopOptions& options) {
  CHEMSAFE_ASSIGN_OR_RETURN(TraceScope scope, TraceScopeOf(s.registry, who));
  if (!scope.all && scope.usccs.empty()) return ClosedLoopReport{};
  CHEMSAFE_ASSIGN_OR_RETURN(ClosedLoopReport r, CheckClosedLoop(s, options));
  if (scope.all) return r;
  std::erase_if(r.anomalies, [&](const Anomaly& a) { return !scope.Holds(a.party) && !scope.Holds(a.counterparty); });
  std::erase_if(r.balance, [&](const BalanceRow& b) { return !scope.Holds(b.party); });
  std::erase_if(r.filings, [&](const FilingRow& f) { return !scope.Holds(f.seller) && !scope.Holds(f.buyer); });
  return r;
}

Result<Lineage> LineageInScope(TraceStores s, const Principal& who, const std::string& id) {
  CHEMSAFE_ASSIGN_OR_RETURN(TraceScope scope, TraceScopeOf(s.registry, who));
  if (!scope.all && scope.usccs.empty()) return NotFound(fmt::format("{}: no event names it", id));
  CHEMSAFE_ASSIGN_OR_RETURN(Lineage lineage, TraceLineage(s.trace, id));
  if (scope.all) return lineage;
  // In scope when one of its events moves stock of an enterprise in scope.
  store::TraceEventQuery q;
  q.parties.assign(scope.usccs.begin(), scope.usccs.end());
  for (std::int64_t event : lineage.events) {
    q.after_id = event - 1;
    q.limit = 1;
    CHEMSAFE_ASSIGN_OR_RETURN(auto rows, s.trace.Query(q));
    if (!rows.empty() && rows.front().id == event) return lineage;
  }
  return NotFound(fmt::format("{}: no event names it", id));
}

Result<std::vector<TraceInput>> TraceInputsFromText(std::string_view text, const std::string& where) {
  CHEMSAFE_ASSIGN_OR_RETURN(auto events, trace::ParseEpcisDocument(text, where));
  std::vector<TraceInput> out;
  for (auto& e : events) {
    e.hash = trace::EventHash(e);
    if (e.event_id.empty()) e.event_id = e.hash;
    std::string body = trace::EventToJson(e).dump();
    out.push_back({std::move(e), std::move(body), where});
  }
  return out;
}

Result<CaptureReport> CaptureTraceEventsAs(TraceStores s, const catalogue::Catalogue& catalogue, const Principal& who,
                                           std::vector<TraceInput>& inputs) {
  if (who.role != Role::kProvince && who.role != Role::kEnterprise) {
    return PermissionDenied("traceability events are captured by the enterprises (or the province office)");
  }
  if (who.role == Role::kEnterprise) {
    CaptureReport refused;
    for (std::size_t k = 0; k < inputs.size(); ++k) {
      const trace::Event& e = inputs[k].event;
      auto owner = LocationOwner(e.biz_location);
      const auto sources = trace::SourceParties(e);
      const bool own = (owner && owner->first == who.enterprise_uscc) ||
                       std::find(sources.begin(), sources.end(), who.enterprise_uscc) != sources.end() ||
                       (e.biz_step == "receiving" && !trace::DestinationParties(e).empty() &&
                        trace::DestinationParties(e).front() == who.enterprise_uscc);
      if (!own) {
        refused.problems.push_back({fmt::format("{}[{}]", inputs[k].where, k), "bizLocation",
                                    "an enterprise captures its own events: the business location, the source or the "
                                    "receiving party must be " + who.enterprise_uscc});
      }
    }
    if (!refused.problems.empty()) return refused;
  }
  return CaptureTraceEvents(s, catalogue, inputs);
}

std::string ChinaTimeText(std::int64_t utc_us) {
  return UtcText(std::chrono::system_clock::time_point(std::chrono::microseconds(utc_us + 8 * 3'600'000'000LL)))
             .substr(0, 19) +
         "+08:00";
}

std::string_view WorkItemStatusCode(store::WorkItemStatus s) {
  switch (s) {
    case store::WorkItemStatus::kOpen: return "open";
    case store::WorkItemStatus::kAcknowledged: return "acknowledged";
    case store::WorkItemStatus::kClosed: return "closed";
  }
  return "open";
}

Result<store::TraceWorkItem> SetWorkItemAs(TraceStores s, const Actor& actor, const std::string& at,
                                           const std::string& key, const std::string& status, const std::string& note) {
  const Principal& who = actor.principal;
  if (who.role != Role::kProvince && who.role != Role::kDepartment && who.role != Role::kCity &&
      who.role != Role::kCounty) {
    return PermissionDenied("work items are handled by the province office, the departments and the city and county officers");
  }
  std::optional<store::WorkItemStatus> parsed;
  for (auto st : {store::WorkItemStatus::kOpen, store::WorkItemStatus::kAcknowledged, store::WorkItemStatus::kClosed}) {
    if (WorkItemStatusCode(st) == status) parsed = st;
  }
  if (!parsed) return InvalidArgument("status: one of open, acknowledged, closed");
  if (note.size() > 2000) return InvalidArgument("note: at most 2000 bytes");
  ClosedLoopOptions all;  // every period: the key names one anomaly whenever it happened
  CHEMSAFE_ASSIGN_OR_RETURN(ClosedLoopReport r, ClosedLoopInScope(s, who, all));
  const bool seen = std::any_of(r.anomalies.begin(), r.anomalies.end(), [&](const Anomaly& a) { return a.key == key; });
  if (!seen) return NotFound(fmt::format("work item {}: not found", key));
  store::TraceWorkItem item{key, *parsed, note, at, who.username};
  audit::AuditRecord record = AuditOf(actor, at, "trace.work_item", key, fmt::format("ok: {}", status));
  CHEMSAFE_RETURN_IF_ERROR(s.trace.SetWorkItem(item, record));
  return item;
}

namespace {
// A record time (UTC text as the stores write it) in China time like the event times; unchanged if unreadable.
}  // namespace

nlohmann::ordered_json ClosedLoopJson(const ClosedLoopReport& r, const std::string& from, const std::string& to,
                                      const std::map<std::string, store::TraceWorkItem>* states) {
  using json = nlohmann::ordered_json;
  std::map<std::string, int> by_kind;
  json balance = json::array(), anomalies = json::array(), filings = json::array();
  for (const auto& b : r.balance) {
    balance.push_back({{"party", b.party}, {"site", b.site}, {"chemical", b.chemical}, {"opening_kg", b.opening_kg},
                       {"produced_kg", b.produced_kg}, {"received_kg", b.received_kg}, {"shipped_kg", b.shipped_kg},
                       {"used_kg", b.used_kg}, {"destroyed_kg", b.destroyed_kg}, {"closing_kg", b.closing_kg},
                       {"counted_kg", b.counted_kg ? json(*b.counted_kg) : json(nullptr)}});
  }
  for (const auto& a : r.anomalies) {
    ++by_kind[std::string(AnomalyKindCode(a.kind))];
    anomalies.push_back({{"kind", std::string(AnomalyKindCode(a.kind))}, {"kind_zh", std::string(AnomalyKindZh(a.kind))},
                         {"party", a.party}, {"counterparty", a.counterparty}, {"chemical", a.chemical}, {"site", a.site},
                         {"shipment", a.shipment_key}, {"quantity_kg", a.quantity_kg}, {"at", ChinaTimeText(a.at_us)},
                         {"events", a.events}, {"detail", a.detail}, {"key", a.key}});
    if (states != nullptr) {
      auto it = states->find(a.key);
      json& item = anomalies.back();
      item["status"] = std::string(WorkItemStatusCode(it == states->end() ? store::WorkItemStatus::kOpen : it->second.status));
      item["note"] = it == states->end() ? "" : it->second.note;
      item["updated_at"] = it == states->end() ? "" : it->second.updated_at;
      item["updated_by"] = it == states->end() ? "" : it->second.updated_by;
    }
  }
  for (const auto& f : r.filings) {
    filings.push_back({{"seller", f.seller}, {"buyer", f.buyer}, {"chemical", f.chemical}, {"shipment", f.shipment_key},
                       {"quantity_kg", f.quantity_kg}, {"sold_at", ChinaTimeText(f.sold_at_us)},
                       {"recorded_at", ChinaTimeText(f.recorded_at_us)}, {"overdue", f.overdue}});
  }
  return json{{"from", from},         {"to", to},
              {"movements", r.movements}, {"anomaly_counts", by_kind},
              {"anomalies", std::move(anomalies)}, {"balance", std::move(balance)},
              {"filings", std::move(filings)}};
}

Result<nlohmann::ordered_json> LineageJson(const Lineage& l, const std::vector<store::TraceEventRow>& rows,
                                           store::RegistryStore* registry) {
  using json = nlohmann::ordered_json;
  json edges = json::array(), events = json::array();
  for (const auto& e : l.edges) {
    edges.push_back({{"from", e.from}, {"to", e.to}, {"relation", e.relation}, {"at", ChinaTimeText(e.at_us)}});
  }
  std::vector<std::string> parties;  // in order of first appearance
  auto note = [&](const std::string& uscc) {
    if (!uscc.empty() && std::find(parties.begin(), parties.end(), uscc) == parties.end()) parties.push_back(uscc);
  };
  json moves = json::array();
  for (const auto& row : rows) {
    json e = json::parse(row.body, nullptr, false);
    if (e.is_discarded()) {
      events.push_back(row.body);
      continue;
    }
    if (e.contains("bizLocation") && e["bizLocation"].contains("id")) {
      if (auto owner = LocationOwner(e["bizLocation"]["id"].get<std::string>())) note(owner->first);
    }
    std::string from, to;
    for (const char* list : {"sourceList", "destinationList"}) {
      if (!e.contains(list)) continue;
      for (const auto& p : e[list]) {
        const std::string id = p.value(list == std::string("sourceList") ? "source" : "destination", "");
        if (auto uscc = trace::PartyUscc(id)) {
          note(*uscc);
          (list == std::string("sourceList") ? from : to) = *uscc;
        }
      }
    }
    if (row.biz_step == "shipping" && !from.empty() && !to.empty()) {
      moves.push_back({{"from", from}, {"to", to}, {"at", e.value("eventTime", "")}, {"event", row.id}});
    }
    events.push_back(std::move(e));
  }
  json out{{"root", l.root},         {"upstream", l.upstream}, {"downstream", l.downstream},
           {"edges", std::move(edges)}, {"events", std::move(events)}, {"truncated", l.truncated}};
  if (registry == nullptr) return out;
  json places = json::array();
  for (const auto& uscc : parties) {
    CHEMSAFE_ASSIGN_OR_RETURN(auto e, registry->FindEnterprise(uscc));
    json place{{"uscc", uscc}, {"name", e ? e->name : ""}, {"lon", nullptr}, {"lat", nullptr}};
    if (e && e->location) {
      place["lon"] = e->location->lon_deg;
      place["lat"] = e->location->lat_deg;
    }
    places.push_back(std::move(place));
  }
  out["places"] = std::move(places);
  out["moves"] = std::move(moves);
  return out;
}

}  // namespace chemsafe::service
