// Benchmark (issue 6 acceptance): traceability on EPCIS 2.0 events, three figures, each beside its
// baseline in the same run (machines are shared and noisy):
//   1. capture: events/s stored through service::CaptureTraceEvents (checked against the registry and the
//      catalogue, batches of 1,000, one transaction each, the store's WAL with synchronous=FULL), as a ratio
//      to plain sqlite3 prepared statements inserting the same rows (trace_events, trace_event_ids,
//      trace_movements) into the same schema with the same transaction size and pragmas. The events are
//      prepared beforehand (event hash, EPCIS JSON): parsing is not part of capture. The two alternate batch
//      by batch (the same machine load, the same file sizes). Target >= 0.5.
//   2. lineage: service::TraceLineage of the first lot of 10-hop chains in a store of 10,000,000 events,
//      p99 over 1,000 queries (each of a different chain). Target p99 < 5 ms. The store is filled with raw
//      inserts in the store's schema (its migrations make the schema; the fill drops the secondary indexes,
//      inserts in transactions of 100,000 events with journal_mode=OFF and synchronous=OFF, then creates the
//      indexes again with the migration's own statements): that is the fill only, not a measured figure.
//      The file is kept and reused when it holds the right number of events.
//   3. closed loop: service::CheckClosedLoop over a store of 1,000,000 events (the same raw fill, with the
//      parties in the registry), wall time; baseline a plain
//      SELECT party, chemical, kind, SUM(quantity_kg) FROM trace_movements GROUP BY party, chemical, kind.
//      Target < 1 s.
// Timings are printed, never asserted.
//
// The events: short chains like `chemsafe demo trace` makes them (commissioning of a lot, packing into two
// drums, shipping with the despatch advice, purchase permit and filing, receiving, consuming), between 2,000
// licensed parties with valid USCCs, 氰化钠 and 硝酸铵 lots; and, for the lineage, 1,000 chains of five
// stages: lot -> drum -> pallet -> vehicle (AggregationEvents, shipped and received), the next party's
// TransformationEvent turning the drum into its own lot, and so on; the last stage stops at the pallet, so
// the farthest identifier is 10 hops from the first lot (18 identifiers downstream, 27 events).
// In the raw fills the event hash is a pseudo-random 64-hex-digit stand-in (same length and form), and
// the event's identifiers and movements are derived as the service derives them (checked against the
// service's own rows: the capture baseline inserts these rows, compared with every row the service stored).
//
// usage: bench_trace [CAPTURE_EVENTS] [LINEAGE_STORE_EVENTS] [BALANCE_EVENTS] [LINEAGE_DB] [WORK_DIR]
//   (a WORK_DIR given is kept: its closed-loop store is reused when it holds BALANCE_EVENTS events)
//   defaults 200000, 10000000, 1000000, <executable's folder>/trace-lineage-<N>.db, a temp dir removed after
#include <sqlite3.h>
#include <sys/statvfs.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include <fmt/format.h>

#include "bench_workspace.h"
#include "chemsafe/core/calendar.h"
#include "chemsafe/core/ids.h"
#include "chemsafe/service/trace_demo.h"
#include "chemsafe/service/trace_service.h"
#include "chemsafe/store/registry_store.h"
#include "chemsafe/store/trace_store.h"
#include "chemsafe/trace/epcis.h"
#include "chemsafe/trace/event_hash.h"
#include "chemsafe/trace/identifiers.h"

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using chemsafe::Result;
using chemsafe::Status;
namespace trace = chemsafe::trace;
namespace store = chemsafe::store;
namespace service = chemsafe::service;

namespace {

constexpr std::int64_t kHourUs = 3'600'000'000LL;
constexpr std::int64_t kDayUs = 24 * kHourUs;
constexpr std::int64_t kEastEightUs = 8 * kHourUs;
constexpr int kParties = 2000;
constexpr int kLineageChains = 1000;
constexpr int kStages = 5;

double Seconds(Clock::time_point a, Clock::time_point b) { return std::chrono::duration<double>(b - a).count(); }

int Die(const Status& s) { return chemsafe::bench::Die("bench_trace", s); }

std::string UtcAt(std::int64_t utc_us) {
  return chemsafe::UtcText(std::chrono::system_clock::time_point(std::chrono::microseconds(utc_us)));
}

std::uint64_t SplitMix(std::uint64_t& x) {
  std::uint64_t z = (x += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// ---- Machine facts ---------------------------------------------------------------------------------------

std::string FirstLineWith(const char* file, const char* key) {
  std::ifstream in(file);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(key, 0) == 0) {
      const auto colon = line.find(':');
      std::string v = colon == std::string::npos ? line : line.substr(colon + 1);
      v.erase(0, v.find_first_not_of(" \t"));
      return v;
    }
  }
  return "?";
}

double FreeGb(const std::string& dir) {
  struct statvfs st {};
  if (statvfs(dir.c_str(), &st) != 0) return -1;
  return static_cast<double>(st.f_bavail) * static_cast<double>(st.f_frsize) / 1e9;
}

// ---- The parties and the events --------------------------------------------------------------------------

Result<std::vector<std::string>> MakeParties() {
  std::vector<std::string> out;
  for (int i = 0; i < kParties; ++i) {
    const std::string first17 = fmt::format("91440300{:09d}", 100000 + i * 7);
    CHEMSAFE_ASSIGN_OR_RETURN(char check, chemsafe::Uscc::CheckCharacter(first17));
    out.push_back(first17 + check);
  }
  return out;
}

Status RegisterParties(store::RegistryStore& registry, const std::vector<std::string>& parties) {
  return registry.InTransaction([&](store::RegistryWriter& w) -> Status {
    for (std::size_t i = 0; i < parties.size(); ++i) {
      chemsafe::registry::Enterprise e;
      e.uscc = parties[i];
      e.name = fmt::format("演示危化品企业{}（合成）", i);
      e.division_code = "440305";
      e.provenance = chemsafe::registry::Provenance::kSynthetic;
      e.licences = {{i % 2 == 0 ? "危险化学品安全生产许可证" : "危险化学品经营许可证", fmt::format("BENCH-{}", i),
                     "2025-01-01", "2029-12-31"}};
      CHEMSAFE_RETURN_IF_ERROR(w.UpsertEnterprise(e));
    }
    return Status::Ok();
  });
}

constexpr auto& Base = service::SyntheticEvent;

trace::Event Movement(bool ship, std::int64_t at, const std::string& seller, const std::string& buyer,
                      std::vector<std::string> epcs, const std::string& lot, double kg, const std::string& tag) {
  trace::Event e = Base(trace::EventType::kObject, ship ? "shipping" : "receiving", at, ship ? seller : buyer);
  e.epc_list = std::move(epcs);
  e.quantities = {{lot, kg, "KGM"}};
  e.disposition = ship ? "in_transit" : "in_progress";
  e.sources = {{"owning_party", trace::PartyId(seller)}};
  e.destinations = {{"owning_party", trace::PartyId(buyer)}};
  e.biz_transactions = {{"desadv", fmt::format("urn:chemsafe:bt:desadv:B-{}", tag)},
                        {"purchase_permit", fmt::format("urn:chemsafe:bt:purchase_permit:B-P{}", tag)},
                        {"filing", fmt::format("urn:chemsafe:bt:filing:B-F{}", tag)}};
  return e;
}

struct Gen {
  const std::vector<std::string>& parties;
  std::vector<std::string> chemicals;  // catalogue keys of 氰化钠 and 硝酸铵
  std::mt19937_64 rng{2026};
};

// The short chain `c` at time `t` (6 events), as `chemsafe demo trace` makes a clean one.
Status ShortChain(Gen& g, long c, std::int64_t t, std::vector<trace::Event>& out) {
  std::uniform_int_distribution<std::size_t> pick(0, g.parties.size() - 1);
  const std::string& seller = g.parties[pick(g.rng)];
  std::string buyer = g.parties[pick(g.rng)];
  while (buyer == seller) buyer = g.parties[pick(g.rng)];
  const std::string& chemical = g.chemicals[static_cast<std::size_t>(c) % g.chemicals.size()];
  const double kg = 50.0 * std::uniform_int_distribution<int>(2, 20)(g.rng);
  CHEMSAFE_ASSIGN_OR_RETURN(std::string lot, trace::PlatformLotId(seller, chemical, fmt::format("L{}", c)));
  CHEMSAFE_ASSIGN_OR_RETURN(std::string drum1, trace::PlatformContainerId(seller, fmt::format("D{}-1", c)));
  CHEMSAFE_ASSIGN_OR_RETURN(std::string drum2, trace::PlatformContainerId(seller, fmt::format("D{}-2", c)));
  trace::Event made = Base(trace::EventType::kObject, "commissioning", t, seller);
  made.action = trace::Action::kAdd;
  made.quantities = {{lot, kg, "KGM"}};
  out.push_back(std::move(made));
  for (const auto& drum : {drum1, drum2}) {
    trace::Event pack = Base(trace::EventType::kAggregation, "packing", t + kHourUs, seller);
    pack.action = trace::Action::kAdd;
    pack.parent_id = drum;
    pack.quantities = {{lot, kg / 2, "KGM"}};
    out.push_back(std::move(pack));
  }
  const std::string tag = std::to_string(c);
  out.push_back(Movement(true, t + 2 * kHourUs, seller, buyer, {drum1, drum2}, lot, kg, tag));
  out.push_back(Movement(false, t + kDayUs, seller, buyer, {drum1, drum2}, lot, kg, tag));
  trace::Event used = Base(trace::EventType::kObject, "consuming", t + 2 * kDayUs, buyer);
  used.quantities = {{lot, kg * 0.3, "KGM"}};
  out.push_back(std::move(used));
  return Status::Ok();
}

// The identifiers of stage `s` of lineage chain `q`.
struct StageIds {
  std::string party, next_party, lot, drum, pallet, vehicle;
};
Result<StageIds> Stage(const Gen& g, int q, int s) {
  StageIds ids;
  ids.party = g.parties[static_cast<std::size_t>((q * 7 + s * 13) % kParties)];
  ids.next_party = g.parties[static_cast<std::size_t>((q * 7 + (s + 1) * 13) % kParties)];
  const std::string& chemical = g.chemicals[static_cast<std::size_t>(q) % g.chemicals.size()];
  CHEMSAFE_ASSIGN_OR_RETURN(ids.lot, trace::PlatformLotId(ids.party, chemical, fmt::format("Q{}-{}", q, s)));
  CHEMSAFE_ASSIGN_OR_RETURN(ids.drum, trace::PlatformContainerId(ids.party, fmt::format("QD{}-{}", q, s)));
  CHEMSAFE_ASSIGN_OR_RETURN(ids.pallet, trace::PlatformContainerId(ids.party, fmt::format("QP{}-{}", q, s)));
  // A fleet of 2,000 tankers and trucks: a plate carries about two of these loads.
  CHEMSAFE_ASSIGN_OR_RETURN(ids.vehicle, trace::PlatformVehicleId(fmt::format("粤B{:05d}", (q * kStages + s) % 2000)));
  return ids;
}

// Stage `s` of lineage chain `q` at time `t`: its lot (commissioned, or made by a transformation of the
// previous stage's drum), packed into a drum, the drum onto a pallet, the pallet onto a vehicle, shipped to
// the next party and received there; the last stage stops at the pallet.
Status LineageStage(const Gen& g, int q, int s, std::int64_t t, std::vector<trace::Event>& out) {
  CHEMSAFE_ASSIGN_OR_RETURN(StageIds ids, Stage(g, q, s));
  const double kg = 500.0;
  if (s == 0) {
    trace::Event made = Base(trace::EventType::kObject, "commissioning", t, ids.party);
    made.action = trace::Action::kAdd;
    made.quantities = {{ids.lot, kg, "KGM"}};
    out.push_back(std::move(made));
  } else {
    CHEMSAFE_ASSIGN_OR_RETURN(StageIds prev, Stage(g, q, s - 1));
    trace::Event made = Base(trace::EventType::kTransformation, "commissioning", t, ids.party);
    made.input_epcs = {prev.drum};
    made.output_quantities = {{ids.lot, kg, "KGM"}};
    made.transformation_id = fmt::format("urn:chemsafe:xform:Q{}-{}", q, s);
    out.push_back(std::move(made));
  }
  auto aggregate = [&](const std::string& parent, std::string step, std::int64_t at, bool lot_child,
                       const std::string& child) {
    trace::Event e = Base(trace::EventType::kAggregation, std::move(step), at, ids.party);
    e.action = trace::Action::kAdd;
    e.parent_id = parent;
    if (lot_child) {
      e.quantities = {{child, kg, "KGM"}};
    } else {
      e.epc_list = {child};
    }
    out.push_back(std::move(e));
  };
  aggregate(ids.drum, "packing", t + kHourUs, true, ids.lot);
  aggregate(ids.pallet, "packing", t + 2 * kHourUs, false, ids.drum);
  if (s == kStages - 1) return Status::Ok();
  aggregate(ids.vehicle, "loading", t + 3 * kHourUs, false, ids.pallet);
  const std::string tag = fmt::format("Q{}-{}", q, s);
  out.push_back(Movement(true, t + 4 * kHourUs, ids.party, ids.next_party, {ids.pallet}, ids.lot, kg, tag));
  out.push_back(Movement(false, t + kDayUs, ids.party, ids.next_party, {ids.pallet}, ids.lot, kg, tag));
  return Status::Ok();
}

// What the store keeps of an event, derived as service::CaptureTraceEvents derives it for these events
// (identifiers by role; movements of the lot classes in KGM by business step).
store::TraceCapture Derive(const trace::Event& e, std::string hash, std::string body, const std::string& record_time) {
  store::TraceCapture c;
  c.row.hash = std::move(hash);
  c.row.event_id = c.row.hash;
  c.row.type = static_cast<int>(e.type);
  c.row.event_time = e.event_time;
  c.row.event_time_us = e.event_time_utc_us;
  c.row.record_time = record_time;
  c.row.record_time_us =
      std::chrono::duration_cast<std::chrono::microseconds>(chemsafe::ParseUtcText(record_time)->time_since_epoch()).count();
  c.row.biz_step = e.biz_step;
  c.row.biz_location = e.biz_location;
  c.row.body = std::move(body);
  using store::TraceIdRole;
  const bool grouped = e.type == trace::EventType::kAggregation || e.type == trace::EventType::kAssociation;
  for (const auto& id : e.epc_list) c.ids.push_back({id, grouped ? TraceIdRole::kChild : TraceIdRole::kEpc});
  if (!e.parent_id.empty()) c.ids.push_back({e.parent_id, TraceIdRole::kParent});
  for (const auto& q : e.quantities) c.ids.push_back({q.epc_class, TraceIdRole::kClass});
  for (const auto& id : e.input_epcs) c.ids.push_back({id, TraceIdRole::kInput});
  for (const auto& id : e.output_epcs) c.ids.push_back({id, TraceIdRole::kOutput});
  for (const auto& q : e.input_quantities) c.ids.push_back({q.epc_class, TraceIdRole::kInputClass});
  for (const auto& q : e.output_quantities) c.ids.push_back({q.epc_class, TraceIdRole::kOutputClass});

  std::string site;
  std::string local;
  if (auto owner = service::LocationOwner(e.biz_location)) {
    local = owner->first;
    site = owner->second;
  }
  std::string key;
  for (const auto& t : e.biz_transactions) {
    if (t.type == "desadv") key = t.id;
  }
  auto add = [&](const std::vector<trace::QuantityElement>& list, store::MovementKind k, const std::string& party,
                 const std::string& other) {
    for (const auto& q : list) {
      c.movements.push_back({0, e.event_time_utc_us, party, site, *service::LotChemical(q.epc_class), k, q.quantity, other,
                             key});
    }
  };
  using store::MovementKind;
  if (e.type == trace::EventType::kTransformation) {
    add(e.input_quantities, MovementKind::kUsed, local, "");
    add(e.output_quantities, MovementKind::kProduced, local, "");
  } else if (e.biz_step == "shipping") {
    add(e.quantities, MovementKind::kShipped, *trace::PartyUscc(e.sources[0].id), *trace::PartyUscc(e.destinations[0].id));
  } else if (e.biz_step == "receiving") {
    add(e.quantities, MovementKind::kReceived, *trace::PartyUscc(e.destinations[0].id), *trace::PartyUscc(e.sources[0].id));
  } else if (e.biz_step == "commissioning") {
    add(e.quantities, MovementKind::kProduced, local, "");
  } else if (e.biz_step == "consuming") {
    add(e.quantities, MovementKind::kUsed, local, "");
  }
  return c;
}

// ---- Plain sqlite3 ----------------------------------------------------------------------------------------

std::string ColumnText(sqlite3_stmt* s, int i) {
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(s, i));
  return p == nullptr ? std::string() : std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(s, i)));
}

class Raw {
 public:
  ~Raw() {
    for (sqlite3_stmt* s : {event_, id_, movement_, name_}) sqlite3_finalize(s);
    sqlite3_close(db_);
  }
  Status Open(const std::string& path, const std::string& pragmas) {
    if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
      return chemsafe::Unavailable("cannot open " + path);
    }
    CHEMSAFE_RETURN_IF_ERROR(Exec(pragmas));
    return Status::Ok();
  }
  Status Prepare() {
    CHEMSAFE_RETURN_IF_ERROR(P("INSERT INTO trace_events (hash, event_id, type, event_time, event_time_us, record_time, "
                               "biz_step, biz_location, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                               &event_));
    CHEMSAFE_RETURN_IF_ERROR(P("INSERT INTO trace_event_ids (event, epc, role, type, at_us) VALUES (?, ?, ?, ?, ?)", &id_));
    CHEMSAFE_RETURN_IF_ERROR(P("INSERT INTO trace_names (name) VALUES (?)", &name_));
    // The names stored before (a kept store, the empty name of the schema).
    CHEMSAFE_RETURN_IF_ERROR(Each("SELECT id, name FROM trace_names", [&](sqlite3_stmt* s) {
      names_.emplace(ColumnText(s, 1), sqlite3_column_int64(s, 0));
    }));
    return P("INSERT INTO trace_movements (event, at_us, recorded_us, party, site, chemical, counterparty, shipment, kind, "
             "quantity_kg) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
             &movement_);
  }
  Status Exec(const std::string& sql) {
    char* error = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
      std::string m = error != nullptr ? error : "?";
      sqlite3_free(error);
      return chemsafe::Internal(sql.substr(0, 80) + ": " + m);
    }
    return Status::Ok();
  }
  // One event with its identifiers and movements; returns its id.
  Result<std::int64_t> Insert(const store::TraceCapture& c) {
    const auto& r = c.row;
    Text(event_, 1, r.hash);
    Text(event_, 2, r.event_id);
    sqlite3_bind_int64(event_, 3, r.type);
    Text(event_, 4, r.event_time);
    sqlite3_bind_int64(event_, 5, r.event_time_us);
    Text(event_, 6, r.record_time);
    Text(event_, 7, r.biz_step);
    Text(event_, 8, r.biz_location);
    Text(event_, 9, r.body);
    CHEMSAFE_RETURN_IF_ERROR(Step(event_));
    const std::int64_t id = sqlite3_last_insert_rowid(db_);
    for (const auto& i : c.ids) {
      sqlite3_bind_int64(id_, 1, id);
      Text(id_, 2, i.epc);
      sqlite3_bind_int64(id_, 3, static_cast<int>(i.role));
      sqlite3_bind_int64(id_, 4, r.type);
      sqlite3_bind_int64(id_, 5, r.event_time_us);
      CHEMSAFE_RETURN_IF_ERROR(Step(id_));
    }
    for (const auto& m : c.movements) {
      sqlite3_bind_int64(movement_, 1, id);
      sqlite3_bind_int64(movement_, 2, m.at_us);
      sqlite3_bind_int64(movement_, 3, r.record_time_us);
      int col = 4;
      for (const std::string* text : {&m.party, &m.site, &m.chemical, &m.counterparty, &m.shipment_key}) {
        CHEMSAFE_ASSIGN_OR_RETURN(std::int64_t name, NameId(*text));
        sqlite3_bind_int64(movement_, col++, name);
      }
      sqlite3_bind_int64(movement_, 9, static_cast<int>(m.kind));
      sqlite3_bind_double(movement_, 10, m.quantity_kg);
      CHEMSAFE_RETURN_IF_ERROR(Step(movement_));
    }
    return id;
  }
  // The rows of `sql`, each column as text (or int64/double through the callback).
  Status Each(const std::string& sql, const std::function<void(sqlite3_stmt*)>& fn) {
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &s, nullptr) != SQLITE_OK) {
      return chemsafe::Internal(sql + ": " + sqlite3_errmsg(db_));
    }
    int rc = 0;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) fn(s);
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE) return chemsafe::Internal(sql + ": " + sqlite3_errmsg(db_));
    return Status::Ok();
  }
  sqlite3* db() { return db_; }

 private:
  Status P(const char* sql, sqlite3_stmt** s) {
    if (sqlite3_prepare_v2(db_, sql, -1, s, nullptr) != SQLITE_OK) return chemsafe::Internal(sqlite3_errmsg(db_));
    return Status::Ok();
  }
  static void Text(sqlite3_stmt* s, int i, const std::string& v) {
    sqlite3_bind_text(s, i, v.data(), static_cast<int>(v.size()), SQLITE_STATIC);
  }
  Status Step(sqlite3_stmt* s) {
    const int rc = sqlite3_step(s);
    sqlite3_reset(s);
    if (rc != SQLITE_DONE) return chemsafe::Internal(std::string("insert: ") + sqlite3_errmsg(db_));
    return Status::Ok();
  }
  sqlite3* db_ = nullptr;
  sqlite3_stmt* event_ = nullptr;
  sqlite3_stmt* id_ = nullptr;
  sqlite3_stmt* movement_ = nullptr;
  sqlite3_stmt* name_ = nullptr;
  // The id of a name: from memory, else stored now (every name kept in memory: the plain way).
  Result<std::int64_t> NameId(const std::string& text) {
    if (auto it = names_.find(text); it != names_.end()) return it->second;
    Text(name_, 1, text);
    CHEMSAFE_RETURN_IF_ERROR(Step(name_));
    const std::int64_t id = sqlite3_last_insert_rowid(db_);
    names_.emplace(text, id);
    return id;
  }
  std::unordered_map<std::string, std::int64_t> names_;
};

// The pragmas of the store's connections (sqlite_connection.cc): WAL, synchronous=FULL, 64 MiB cache, 4 GiB map.
const char* kStorePragmas =
    "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA cache_size=-65536; PRAGMA mmap_size=4294967296;";

// The rows the store holds, in id order, grouped per event.
Result<std::vector<store::TraceCapture>> ReadBack(const std::string& db) {
  Raw raw;
  CHEMSAFE_RETURN_IF_ERROR(raw.Open(db, "PRAGMA mmap_size=4294967296;"));
  std::vector<store::TraceCapture> out;
  std::vector<std::int64_t> ids;
  CHEMSAFE_RETURN_IF_ERROR(raw.Each(
      "SELECT id, hash, event_id, type, event_time, event_time_us, record_time, biz_step, biz_location, body FROM "
      "trace_events ORDER BY id",
      [&](sqlite3_stmt* s) {
        store::TraceCapture c;
        c.row.id = sqlite3_column_int64(s, 0);
        c.row.hash = ColumnText(s, 1);
        c.row.event_id = ColumnText(s, 2);
        c.row.type = sqlite3_column_int(s, 3);
        c.row.event_time = ColumnText(s, 4);
        c.row.event_time_us = sqlite3_column_int64(s, 5);
        c.row.record_time = ColumnText(s, 6);
        c.row.biz_step = ColumnText(s, 7);
        c.row.biz_location = ColumnText(s, 8);
        c.row.body = ColumnText(s, 9);
        ids.push_back(c.row.id);
        out.push_back(std::move(c));
      }));
  auto at = [&](std::int64_t id) -> store::TraceCapture& {
    return out[static_cast<std::size_t>(std::lower_bound(ids.begin(), ids.end(), id) - ids.begin())];
  };
  CHEMSAFE_RETURN_IF_ERROR(raw.Each("SELECT event, epc, role FROM trace_event_ids ORDER BY rowid", [&](sqlite3_stmt* s) {
    at(sqlite3_column_int64(s, 0)).ids.push_back({ColumnText(s, 1), static_cast<store::TraceIdRole>(sqlite3_column_int(s, 2))});
  }));
  CHEMSAFE_RETURN_IF_ERROR(raw.Each(
      "SELECT m.event, m.at_us, p.name, s.name, c.name, m.kind, m.quantity_kg, o.name, k.name, m.recorded_us FROM "
      "trace_movements m JOIN trace_names p ON p.id = m.party JOIN trace_names s ON s.id = m.site JOIN trace_names c ON "
      "c.id = m.chemical JOIN trace_names o ON o.id = m.counterparty JOIN trace_names k ON k.id = m.shipment ORDER BY "
      "m.rowid",
      [&](sqlite3_stmt* s) {
        store::TraceCapture& c = at(sqlite3_column_int64(s, 0));
        c.movements.push_back({sqlite3_column_int64(s, 0), sqlite3_column_int64(s, 1), ColumnText(s, 2), ColumnText(s, 3),
                               ColumnText(s, 4), static_cast<store::MovementKind>(sqlite3_column_int(s, 5)),
                               sqlite3_column_double(s, 6), ColumnText(s, 7), ColumnText(s, 8)});
        c.row.record_time_us = sqlite3_column_int64(s, 9);  // compared with the event's below
      }));
  // The columns kept beside each identifier and movement (migration 12) are the event's.
  long off = 0;
  CHEMSAFE_RETURN_IF_ERROR(raw.Each(
      "SELECT (SELECT COUNT(*) FROM trace_event_ids i JOIN trace_events e ON e.id = i.event WHERE i.type != e.type OR "
      "i.at_us != e.event_time_us)",
      [&](sqlite3_stmt* s) { off = static_cast<long>(sqlite3_column_int64(s, 0)); }));
  if (off != 0) return chemsafe::Internal(fmt::format("{} identifier rows without their event's type and time", off));
  return out;
}

void RemoveDb(const std::string& path) {
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) fs::remove(path + suffix);
}

// A fresh file with the store's schema (its migrations), closed again.
Status FreshSchema(const std::string& path) {
  RemoveDb(path);
  auto t = store::OpenSqliteTraceStore(path);
  return t.status();
}

// ---- 1. Capture --------------------------------------------------------------------------------------------

struct CaptureFigures {
  long events = 0;
  double prepare_s = 0, capture_s = 0, raw_s = 0;
  bool derivation_matches = false;
};

Status CaptureBench(chemsafe::bench::Workspace& ws, Gen& g, long events, CaptureFigures& f) {
  // The events, prepared beforehand: hash and EPCIS JSON (parsing is not part of capture), and for the
  // baseline the rows the store will hold of them.
  const auto from = chemsafe::ParseUtcText("2026-09-01T00:00:00.000000Z");
  const std::int64_t from_us = std::chrono::duration_cast<std::chrono::microseconds>(from->time_since_epoch()).count() -
                               kEastEightUs;
  service::CaptureOptions options;
  options.record_time = UtcAt(from_us + 60 * kDayUs);
  const auto p0 = Clock::now();
  std::vector<service::TraceInput> inputs;
  std::vector<store::TraceCapture> rows;
  inputs.reserve(static_cast<std::size_t>(events));
  std::vector<trace::Event> chain;
  const long chains = (events + 5) / 6;
  for (long c = 0; static_cast<long>(inputs.size()) < events; ++c) {
    chain.clear();
    CHEMSAFE_RETURN_IF_ERROR(ShortChain(g, c, from_us + 50 * kDayUs * c / chains + 9 * kHourUs, chain));
    for (auto& e : chain) {
      if (static_cast<long>(inputs.size()) == events) break;
      e.hash = trace::EventHash(e);
      e.event_id = e.hash;
      std::string body = trace::EventToJson(e).dump();
      rows.push_back(Derive(e, e.hash, body, options.record_time));
      inputs.push_back({std::move(e), std::move(body), "bench"});
    }
  }
  std::vector<std::vector<service::TraceInput>> batches;
  for (std::size_t i = 0; i < inputs.size(); i += 1000) {
    batches.emplace_back(std::make_move_iterator(inputs.begin() + static_cast<std::ptrdiff_t>(i)),
                         std::make_move_iterator(inputs.begin() + static_cast<std::ptrdiff_t>(std::min(inputs.size(), i + 1000))));
  }
  f.prepare_s = Seconds(p0, Clock::now());
  f.events = events;

  // chemsafe: batches of 1,000 through the service, into the workspace's store (registry and trace tables).
  // Baseline: the same rows with plain prepared statements into a second file with the same schema, 1,000
  // events a transaction, the store's pragmas (WAL, synchronous=FULL). The two alternate batch by batch, so
  // that both see the same load of the shared machine and the same size of their files.
  CHEMSAFE_RETURN_IF_ERROR(RegisterParties(*ws.registry, g.parties));
  CHEMSAFE_ASSIGN_OR_RETURN(auto trace_store, store::OpenSqliteTraceStore(ws.db()));
  service::TraceStores stores{*ws.registry, *trace_store};
  const std::string raw_db = ws.path("raw.db");
  CHEMSAFE_RETURN_IF_ERROR(FreshSchema(raw_db));
  Raw raw;
  CHEMSAFE_RETURN_IF_ERROR(raw.Open(raw_db, kStorePragmas));
  CHEMSAFE_RETURN_IF_ERROR(raw.Prepare());
  long stored = 0;
  std::size_t next_row = 0;
  for (auto& batch : batches) {
    const auto c0 = Clock::now();
    CHEMSAFE_ASSIGN_OR_RETURN(service::CaptureReport report, service::CaptureTraceEvents(stores, ws.catalogue, batch, options));
    const auto c1 = Clock::now();
    if (!report.problems.empty()) {
      const auto& p = report.problems.front();
      return chemsafe::Internal(fmt::format("capture rejected an event: {} {}: {}", p.where, p.field, p.message));
    }
    stored += report.stored;
    CHEMSAFE_RETURN_IF_ERROR(raw.Exec("BEGIN IMMEDIATE"));
    for (std::size_t k = 0; k < batch.size(); ++k) CHEMSAFE_RETURN_IF_ERROR(raw.Insert(rows[next_row++]).status());
    CHEMSAFE_RETURN_IF_ERROR(raw.Exec("COMMIT"));
    const auto c2 = Clock::now();
    f.capture_s += Seconds(c0, c1);
    f.raw_s += Seconds(c1, c2);
  }
  if (stored != events) return chemsafe::Internal(fmt::format("stored {} of {} events", stored, events));
  trace_store.reset();

  // The baseline's rows are the service's: every stored row compared.
  CHEMSAFE_ASSIGN_OR_RETURN(auto got_rows, ReadBack(ws.db()));
  f.derivation_matches = got_rows.size() == rows.size();
  for (std::size_t i = 0; f.derivation_matches && i < rows.size(); ++i) {
    const auto& d = rows[i];
    const auto& got = got_rows[i];
    bool same = d.row.hash == got.row.hash && d.row.body == got.row.body && d.row.biz_location == got.row.biz_location &&
                d.row.event_time == got.row.event_time && d.row.record_time == got.row.record_time &&
                (got.movements.empty() || d.row.record_time_us == got.row.record_time_us) &&
                d.ids.size() == got.ids.size() && d.movements.size() == got.movements.size();
    for (std::size_t k = 0; same && k < d.ids.size(); ++k) {
      same = d.ids[k].epc == got.ids[k].epc && d.ids[k].role == got.ids[k].role;
    }
    for (std::size_t k = 0; same && k < d.movements.size(); ++k) {
      const auto& a = d.movements[k];
      const auto& b = got.movements[k];
      same = a.at_us == b.at_us && a.party == b.party && a.site == b.site && a.chemical == b.chemical && a.kind == b.kind &&
             a.quantity_kg == b.quantity_kg && a.counterparty == b.counterparty && a.shipment_key == b.shipment_key;
    }
    if (!same) {
      f.derivation_matches = false;
      std::fprintf(stderr, "bench_trace: the baseline's rows differ from the service's at event %zu\n", i);
    }
  }
  return Status::Ok();
}

// ---- The raw fill (lineage store and closed-loop store) ---------------------------------------------------

struct FillFigures {
  bool reused = false;
  double fill_s = 0, index_s = 0;
  std::int64_t ids = 0, movements = 0;
};

// Fills `path` with `events` events: the 1,000 lineage chains' stages spread over the store (stage s of every
// chain in the s-th fifth) when `lineage`, short chains around them, in time order over a year.
Status Fill(const std::string& path, Gen& g, long events, bool lineage, FillFigures& f) {
  const auto t0 = Clock::now();
  {
    Raw raw;
    CHEMSAFE_RETURN_IF_ERROR(raw.Open(path, "PRAGMA journal_mode=DELETE;"));
    // The fill only: no journal, no syncs, a 2 GiB cache; secondary indexes dropped and made again at the end.
    CHEMSAFE_RETURN_IF_ERROR(raw.Exec(
        "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-2097152; PRAGMA foreign_keys=OFF;"));
    std::vector<std::pair<std::string, std::string>> indexes;
    CHEMSAFE_RETURN_IF_ERROR(raw.Each(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN "
        "('trace_events', 'trace_event_ids', 'trace_movements')",
        [&](sqlite3_stmt* s) { indexes.emplace_back(ColumnText(s, 0), ColumnText(s, 1)); }));
    for (const auto& [name, sql] : indexes) CHEMSAFE_RETURN_IF_ERROR(raw.Exec("DROP INDEX " + name));
    CHEMSAFE_RETURN_IF_ERROR(raw.Prepare());

    const auto start = chemsafe::ParseUtcText("2026-01-01T00:00:00.000000Z");
    const std::int64_t from_us =
        std::chrono::duration_cast<std::chrono::microseconds>(start->time_since_epoch()).count() - kEastEightUs;
    const std::int64_t span_us = 360 * kDayUs;
    // Where each lineage stage goes: stage s of chain q before the filler event at position `at`.
    struct Slot {
      long at;
      int q, s;
    };
    std::vector<Slot> slots;
    if (lineage) {
      for (int s = 0; s < kStages; ++s) {
        for (int q = 0; q < kLineageChains; ++q) {
          slots.push_back({static_cast<long>(s) * (events / kStages) + static_cast<long>(q) * (events / kStages / kLineageChains), q, s});
        }
      }
    }
    std::size_t next_slot = 0;
    std::uint64_t hash_state = lineage ? 1 : 2;
    long written = 0;
    std::vector<trace::Event> chain;
    auto write = [&](const std::vector<trace::Event>& list) -> Status {
      for (const auto& e : list) {
        if (written == events) break;
        if (written % 100000 == 0) {
          if (written > 0) CHEMSAFE_RETURN_IF_ERROR(raw.Exec("COMMIT"));
          CHEMSAFE_RETURN_IF_ERROR(raw.Exec("BEGIN"));
        }
        std::string hash = "ni:///sha-256;";
        for (int k = 0; k < 4; ++k) hash += fmt::format("{:016x}", SplitMix(hash_state));
        hash += "?ver=CBV2.0";
        trace::Event copy = e;
        copy.hash = hash;
        copy.event_id = hash;
        std::string body = trace::EventToJson(copy).dump();
        store::TraceCapture c = Derive(e, std::move(hash), std::move(body), UtcAt(e.event_time_utc_us + 6 * kHourUs));
        f.ids += static_cast<std::int64_t>(c.ids.size());
        f.movements += static_cast<std::int64_t>(c.movements.size());
        CHEMSAFE_RETURN_IF_ERROR(raw.Insert(c).status());
        ++written;
      }
      return Status::Ok();
    };
    const long chains_guess = events / 6 + 1;
    for (long c = 0; written < events; ++c) {
      while (next_slot < slots.size() && slots[next_slot].at <= written) {
        chain.clear();
        const std::int64_t t = from_us + span_us * slots[next_slot].at / events;
        CHEMSAFE_RETURN_IF_ERROR(LineageStage(g, slots[next_slot].q, slots[next_slot].s, t, chain));
        CHEMSAFE_RETURN_IF_ERROR(write(chain));
        ++next_slot;
      }
      chain.clear();
      CHEMSAFE_RETURN_IF_ERROR(ShortChain(g, c, from_us + span_us * std::min(c, chains_guess) / chains_guess + 9 * kHourUs, chain));
      CHEMSAFE_RETURN_IF_ERROR(write(chain));
      if (written % 1000000 < 6 && written >= 1000000) {
        std::fprintf(stderr, "  fill %s: %ld events, %.0f s\n", fs::path(path).filename().c_str(), written,
                     Seconds(t0, Clock::now()));
      }
    }
    CHEMSAFE_RETURN_IF_ERROR(raw.Exec("COMMIT"));
    const auto i0 = Clock::now();
    for (const auto& [name, sql] : indexes) CHEMSAFE_RETURN_IF_ERROR(raw.Exec(sql));
    f.index_s = Seconds(i0, Clock::now());
    CHEMSAFE_RETURN_IF_ERROR(raw.Exec("PRAGMA journal_mode=WAL;"));
  }
  f.fill_s = Seconds(t0, Clock::now());
  return Status::Ok();
}

// The number of events of the file at `path`, or -1 when there is none with the store's schema.
long StoredEvents(const std::string& path) {
  if (!fs::exists(path)) return -1;
  Raw raw;
  if (!raw.Open(path, "").ok()) return -1;
  long n = -1;
  if (!raw.Each("SELECT COUNT(*) FROM trace_events", [&](sqlite3_stmt* s) { n = static_cast<long>(sqlite3_column_int64(s, 0)); }).ok()) {
    return -1;
  }
  return n;
}

double Percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  const std::size_t k = std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5));
  return v[k];
}

}  // namespace

int main(int argc, char** argv) {
  const long capture_events = argc > 1 ? std::atol(argv[1]) : 200000;
  const long lineage_events = argc > 2 ? std::atol(argv[2]) : 10000000;
  const long balance_events = argc > 3 ? std::atol(argv[3]) : 1000000;
  const std::string lineage_db =
      argc > 4 ? argv[4]
               : (fs::absolute(fs::path(argv[0])).parent_path() / fmt::format("trace-lineage-{}.db", lineage_events)).string();
  if (lineage_events < kLineageChains * 27 * 2) return Die(chemsafe::InvalidArgument("LINEAGE_STORE_EVENTS: at least 54000"));
  chemsafe::bench::Workspace ws("chemsafe-bench-trace", argc > 5 ? argv[5] : nullptr);
  // The capture stores start empty in a kept WORK_DIR too.
  for (const char* db : {"bench.db", "raw.db"}) RemoveDb(ws.path(db));
  if (auto s = ws.Open(); !s.ok()) return Die(s);
  auto parties = MakeParties();
  if (!parties.ok()) return Die(parties.status());
  Gen g{*parties, {}};
  for (const char* cas : {"143-33-9", "6484-52-2"}) {
    const chemsafe::catalogue::Chemical* c = ws.catalogue.FindByCas(cas);
    if (c == nullptr || !(c->highly_toxic || c->explosive_precursor)) {
      return Die(chemsafe::FailedPrecondition(fmt::format("the catalogue does not trace {}", cas)));
    }
    g.chemicals.push_back(c->key);
  }

  std::printf("trace bench: %s; %u hardware threads; %s memory; SQLite %s; free disk at %s: %.0f GB\n",
              FirstLineWith("/proc/cpuinfo", "model name").c_str(), std::thread::hardware_concurrency(),
              FirstLineWith("/proc/meminfo", "MemTotal").c_str(), sqlite3_libversion(),
              fs::path(lineage_db).parent_path().c_str(), FreeGb(fs::path(lineage_db).parent_path().string()));

  // 1. Capture.
  CaptureFigures cf;
  if (auto s = CaptureBench(ws, g, capture_events, cf); !s.ok()) return Die(s);
  std::printf("capture: %ld events (short supply chains, 2,000 licensed parties), batches of 1,000, WAL, synchronous=FULL;\n"
              "  prepared beforehand (event hash, EPCIS JSON, the baseline's rows; not timed): %.2f s\n",
              cf.events, cf.prepare_s);
  std::printf("  chemsafe CaptureTraceEvents (registry and catalogue checks, dedup by hash): %7.2f s  %9.0f events/s\n",
              cf.capture_s, static_cast<double>(cf.events) / cf.capture_s);
  std::printf("  plain sqlite3 inserts of the same rows, same schema and transactions,\n"
              "    alternating with the above batch by batch (floor):                         %7.2f s  %9.0f events/s\n",
              cf.raw_s, static_cast<double>(cf.events) / cf.raw_s);
  std::printf("  ratio chemsafe/raw (events/s): %.2f  (target >= 0.5); the baseline's rows = the service's: %s\n",
              cf.raw_s / cf.capture_s, cf.derivation_matches ? "yes" : "NO");
  std::fflush(stdout);

  // 2. Lineage in a store of `lineage_events` events.
  FillFigures lf;
  const long have = StoredEvents(lineage_db);
  if (have == lineage_events) {
    lf.reused = true;
  } else {
    if (auto s = FreshSchema(lineage_db); !s.ok()) return Die(s);
    if (auto s = Fill(lineage_db, g, lineage_events, true, lf); !s.ok()) return Die(s);
  }
  {
    auto t = store::OpenSqliteTraceStore(lineage_db);
    if (!t.ok()) return Die(t.status());
    std::vector<std::string> roots;
    for (int q = 0; q < kLineageChains; ++q) {
      auto ids = Stage(g, q, 0);
      if (!ids.ok()) return Die(ids.status());
      roots.push_back(ids->lot);
    }
    std::vector<int> order(kLineageChains);
    for (int q = 0; q < kLineageChains; ++q) order[static_cast<std::size_t>(q)] = q;
    std::shuffle(order.begin(), order.end(), std::mt19937_64(7));
    std::vector<double> ms;
    std::size_t nodes = 0, events_seen = 0;
    for (int q : order) {
      const auto q0 = Clock::now();
      auto lin = service::TraceLineage(**t, roots[static_cast<std::size_t>(q)]);
      const auto q1 = Clock::now();
      if (!lin.ok()) return Die(lin.status());
      if (lin->downstream.size() != 18) {
        return Die(chemsafe::Internal(fmt::format("chain {}: {} identifiers downstream, expected 18", q, lin->downstream.size())));
      }
      nodes += lin->downstream.size();
      events_seen += lin->events.size();
      ms.push_back(Seconds(q0, q1) * 1e3);
    }
    std::vector<double> warm;
    for (int q : order) {
      const auto q0 = Clock::now();
      auto lin = service::TraceLineage(**t, roots[static_cast<std::size_t>(q)]);
      warm.push_back(Seconds(q0, Clock::now()) * 1e3);
      if (!lin.ok()) return Die(lin.status());
    }
    const auto bytes = fs::file_size(lineage_db);
    std::printf("lineage: store of %ld events (%.1f GB file), %s", lineage_events, static_cast<double>(bytes) / 1e9,
                lf.reused ? "reused from an earlier run\n" : "");
    if (!lf.reused) {
      std::printf("filled now by raw inserts (journal_mode=OFF, synchronous=OFF for the fill only) in %.0f s, of which\n"
                  "    indexes made after the inserts %.0f s (%lld identifier rows, %lld movements)\n",
                  lf.fill_s, lf.index_s, static_cast<long long>(lf.ids), static_cast<long long>(lf.movements));
    }
    std::printf("  TraceLineage of the first lot of %d 10-hop chains (%zu identifiers downstream each, %zu events),\n"
                "    each chain once, shuffled: p50 %.2f ms  p90 %.2f ms  p99 %.2f ms  max %.2f ms\n",
                kLineageChains, nodes / kLineageChains, events_seen / kLineageChains, Percentile(ms, 0.5),
                Percentile(ms, 0.9), Percentile(ms, 0.99), *std::max_element(ms.begin(), ms.end()));
    std::printf("    again (warm): p50 %.2f ms  p99 %.2f ms;  target p99 < 5 ms\n", Percentile(warm, 0.5),
                Percentile(warm, 0.99));
    std::fflush(stdout);
  }

  // 3. The closed loop over `balance_events` events.
  const std::string balance_db = ws.path("balance.db");
  FillFigures bf;
  if (StoredEvents(balance_db) == balance_events) {
    bf.reused = true;  // a kept WORK_DIR's store of the same size
  } else {
    {
      // A fresh file: the store's schema (migrations), the parties in the registry; then the raw fill.
      RemoveDb(balance_db);
      auto registry = store::OpenSqlite(balance_db);
      if (!registry.ok()) return Die(registry.status());
      if (auto s = RegisterParties(**registry, g.parties); !s.ok()) return Die(s);
      auto t = store::OpenSqliteTraceStore(balance_db);
      if (!t.ok()) return Die(t.status());
    }
    if (auto s = Fill(balance_db, g, balance_events, false, bf); !s.ok()) return Die(s);
  }
  auto registry = store::OpenSqlite(balance_db);
  if (!registry.ok()) return Die(registry.status());
  auto trace_store = store::OpenSqliteTraceStore(balance_db);
  if (!trace_store.ok()) return Die(trace_store.status());
  auto group_by = [&](long* groups) -> double {
    Raw raw;
    if (!raw.Open(balance_db, "PRAGMA mmap_size=4294967296;").ok()) return -1;
    double sink = 0;
    *groups = 0;
    const auto a = Clock::now();
    if (!raw.Each("SELECT party, chemical, kind, SUM(quantity_kg) FROM trace_movements GROUP BY party, chemical, kind",
                  [&](sqlite3_stmt* s) {
                    ++*groups;
                    sink += sqlite3_column_double(s, 3);
                  })
             .ok()) {
      return -1;
    }
    const double secs = Seconds(a, Clock::now());
    return sink < 0 ? -secs : secs;
  };
  long groups = 0;
  const double before = group_by(&groups);
  service::ClosedLoopOptions options;
  const auto start = chemsafe::ParseUtcText("2026-01-01T00:00:00.000000Z");
  options.from_us = std::chrono::duration_cast<std::chrono::microseconds>(start->time_since_epoch()).count() - kEastEightUs;
  options.to_us = options.from_us + 366 * kDayUs;
  options.now_us = options.to_us + 10 * kDayUs;
  std::vector<double> runs;
  std::size_t anomalies = 0, balance_rows = 0;
  std::int64_t movements = 0;
  for (int k = 0; k < 3; ++k) {
    const auto a = Clock::now();
    auto report = service::CheckClosedLoop({**registry, **trace_store}, options);
    runs.push_back(Seconds(a, Clock::now()));
    if (!report.ok()) return Die(report.status());
    anomalies = report->anomalies.size();
    balance_rows = report->balance.size();
    movements = report->movements;
  }
  const double after = group_by(&groups);
  const double floor_s = std::min(before, after);
  const double best = *std::min_element(runs.begin(), runs.end());
  // Clean chains: no anomaly, but for the last chain when the event count cuts it after its shipment.
  const std::string filled =
      bf.reused ? std::string("kept in WORK_DIR from an earlier run") : fmt::format("filled by raw inserts in {:.0f} s", bf.fill_s);
  std::printf("closed loop: %ld events (%lld movements) %s; %zu balance rows, %zu anomalies (expected %d)\n", balance_events,
              static_cast<long long>(movements), filled.c_str(), balance_rows, anomalies,
              balance_events % 6 == 4 ? 1 : 0);
  std::printf("  chemsafe CheckClosedLoop (balance, pairing, licences, filings): %.2f s  (3 runs: %.2f %.2f %.2f)\n", best,
              runs[0], runs[1], runs[2]);
  std::printf("  SQL SUM(quantity_kg) GROUP BY party, chemical, kind (floor):   %.2f s  (%ld groups; smaller of a pass before "
              "and after)\n",
              floor_s, groups);
  std::printf("  ratio CheckClosedLoop/SQL pass (time): %.1f;  target < 1 s\n", best / floor_s);
  return 0;
}
