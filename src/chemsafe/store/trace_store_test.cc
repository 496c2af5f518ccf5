// The trace store on both backends: capture is idempotent by event hash (within a batch and across
// batches), identifiers are indexed for lineage and queries, movements of events declared in error are
// left out of the closed loop, and declarations are stored once.
#include "chemsafe/store/trace_store.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "chemsafe/store/internal/sql_connection.h"
#include "chemsafe/store/migrations/migrations.h"
#include "chemsafe/store/postgres/pg_connection.h"
#include "chemsafe/store/sqlite/sqlite_connection.h"
#include "chemsafe/store/testing/pg_test_url.h"

namespace chemsafe::store {
namespace {

enum class TraceBackend { kSqlite, kPostgres };

class TraceStoreTest : public ::testing::TestWithParam<TraceBackend> {
 protected:
  void SetUp() override {
    const bool sqlite = GetParam() == TraceBackend::kSqlite;
    auto db = testing::FreshTestDatabase(sqlite, "chemsafe-trace-store",
                                         ::testing::UnitTest::GetInstance()->current_test_info()->name(), &dir_);
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    auto t = sqlite ? OpenSqliteTraceStore(*db) : OpenPostgresTraceStore(*db);
    ASSERT_TRUE(t.ok()) << t.status().ToString();
    trace_ = std::move(t).value();
  }
  void TearDown() override {
    trace_.reset();
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }

  // An event at `hour` of 2026-11-01 UTC that ships `kg` of sodium cyanide from A to B in container `epc`.
  static TraceCapture Shipment(std::string hash, int hour, std::string epc, double kg, std::string step = "shipping") {
    TraceCapture c;
    c.row.hash = std::move(hash);
    c.row.event_id = "ni:///" + c.row.hash;
    c.row.type = 1;
    c.row.event_time_us = (1'793'491'200LL + hour * 3600LL) * 1'000'000LL;  // 2026-11-01T00:00Z + hour
    c.row.event_time = "2026-11-01T00:00:00Z";
    c.row.record_time = "2026-11-29T00:00:00Z";
    c.row.record_time_us = 1'795'910'400LL * 1'000'000LL;
    c.row.biz_step = step;
    c.row.biz_location = "urn:chemsafe:loc:A.S1";
    c.row.body = "{}";
    c.ids = {{epc, TraceIdRole::kEpc}, {"https://id.gs1.org/01/09521234543213/10/L1", TraceIdRole::kClass}};
    c.movements = {{0, c.row.event_time_us, "A", "S1", "143-33-9", MovementKind::kShipped, kg, "B", "waybill-1"}};
    return c;
  }

  std::filesystem::path dir_;
  std::unique_ptr<TraceStore> trace_;
};

TEST_P(TraceStoreTest, CaptureIsIdempotentByHash) {
  std::vector<TraceCapture> batch = {Shipment("h1", 1, "urn:chemsafe:id:ctr:A.1", 50),
                                     Shipment("h2", 2, "urn:chemsafe:id:ctr:A.2", 25),
                                     Shipment("h1", 1, "urn:chemsafe:id:ctr:A.1", 50)};
  auto first = trace_->Capture(batch);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  ASSERT_EQ(first->size(), 3u);
  EXPECT_FALSE((*first)[0].duplicate);
  EXPECT_FALSE((*first)[1].duplicate);
  EXPECT_TRUE((*first)[2].duplicate);
  EXPECT_EQ((*first)[2].id, (*first)[0].id);
  std::vector<TraceCapture> again = {Shipment("h2", 2, "urn:chemsafe:id:ctr:A.2", 25)};
  auto second = trace_->Capture(again);
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_TRUE((*second)[0].duplicate);
  EXPECT_EQ((*second)[0].id, (*first)[1].id);
  EXPECT_EQ(*trace_->EventCount(), 2);
  double kg = 0;
  auto ledger = trace_->ReadMovements(0, 0);
  ASSERT_TRUE(ledger.ok()) << ledger.status().ToString();
  for (const auto& m : ledger->rows) kg += m.quantity_kg;
  EXPECT_DOUBLE_EQ(kg, 75) << "the duplicates moved nothing";
  auto found = trace_->FindByEventId("ni:///h2");
  ASSERT_TRUE(found.ok() && found->has_value());
  EXPECT_EQ((*found)->id, (*first)[1].id);
}

TEST_P(TraceStoreTest, IdentifiersAreIndexedForLineageAndQueries) {
  std::vector<TraceCapture> batch = {Shipment("h1", 3, "urn:chemsafe:id:ctr:A.1", 50),
                                     Shipment("h2", 1, "urn:chemsafe:id:ctr:A.1", 50, "commissioning"),
                                     Shipment("h3", 2, "urn:chemsafe:id:ctr:A.9", 50)};
  ASSERT_TRUE(trace_->Capture(batch).ok());
  auto naming = trace_->EventsNaming("urn:chemsafe:id:ctr:A.1");
  ASSERT_TRUE(naming.ok());
  ASSERT_EQ(naming->size(), 2u);
  EXPECT_EQ((*naming)[0].event, batch[1].row.id) << "in event time order, not capture order";
  EXPECT_EQ((*naming)[0].role, TraceIdRole::kEpc);
  EXPECT_EQ((*naming)[0].type, 1);
  EXPECT_EQ((*naming)[0].at_us, batch[1].row.event_time_us);
  EXPECT_EQ(trace_->IdsOf(batch[0].row.id)->size(), 2u);

  TraceEventQuery q;
  q.match_epc = "urn:chemsafe:id:ctr:A.1";
  EXPECT_EQ(trace_->Query(q)->size(), 2u);
  q.biz_step = "shipping";
  ASSERT_EQ(trace_->Query(q)->size(), 1u);
  EXPECT_EQ(trace_->Query(q)->front().id, batch[0].row.id);
  TraceEventQuery by_class;
  by_class.match_epc_class = "https://id.gs1.org/01/09521234543213/10/L1";
  EXPECT_EQ(trace_->Query(by_class)->size(), 3u);
  by_class.match_epc = "https://id.gs1.org/01/09521234543213/10/L1";  // a class is not an EPC
  EXPECT_TRUE(trace_->Query(by_class)->empty());
  TraceEventQuery timed;
  timed.ge_time_us = batch[2].row.event_time_us;
  timed.lt_time_us = batch[0].row.event_time_us;
  ASSERT_EQ(trace_->Query(timed)->size(), 1u);
  EXPECT_EQ(trace_->Query(timed)->front().id, batch[2].row.id);
  TraceEventQuery paged;
  paged.limit = 2;
  auto page1 = trace_->Query(paged);
  ASSERT_EQ(page1->size(), 2u);
  paged.after_id = page1->back().id;
  EXPECT_EQ(trace_->Query(paged)->size(), 1u);
  TraceEventQuery parties;
  parties.parties = {"B", "C"};
  EXPECT_TRUE(trace_->Query(parties)->empty()) << "B is the counterparty, not the party whose stock moves";
  parties.parties = {"C", "A"};
  EXPECT_EQ(trace_->Query(parties)->size(), 3u);
}

TEST_P(TraceStoreTest, EventsDeclaredInErrorLeaveTheClosedLoop) {
  std::vector<TraceCapture> batch = {Shipment("h1", 1, "urn:chemsafe:id:ctr:A.1", 50),
                                     Shipment("h2", 2, "urn:chemsafe:id:ctr:A.2", 25)};
  ASSERT_TRUE(trace_->Capture(batch).ok());
  const TraceErrorDeclaration d{batch[0].row.id, "2026-11-02T00:00:00Z", "incorrect_data", "", "d1"};
  EXPECT_EQ(*trace_->Declare({d, d}), 1) << "the same declaration twice is stored once";
  EXPECT_EQ(*trace_->Declare({d}), 0);
  EXPECT_EQ(*trace_->DeclaredInError(), std::vector<std::int64_t>{batch[0].row.id});
  std::vector<std::int64_t> moved;
  auto ledger = trace_->ReadMovements(0, 0);
  ASSERT_TRUE(ledger.ok()) << ledger.status().ToString();
  for (const auto& m : ledger->rows) moved.push_back(m.event);
  EXPECT_EQ(moved, std::vector<std::int64_t>{batch[1].row.id});
  // The event itself stays (append-only).
  EXPECT_TRUE(trace_->FindById(batch[0].row.id)->has_value());
}

TEST_P(TraceStoreTest, TheLedgerKeepsEachTextOnceInTimeOrder) {
  std::vector<TraceCapture> batch = {Shipment("h1", 5, "urn:chemsafe:id:ctr:A.1", 50),
                                     Shipment("h2", 2, "urn:chemsafe:id:ctr:A.2", 25),
                                     Shipment("h3", 9, "urn:chemsafe:id:ctr:A.3", 10)};
  batch[2].movements[0].shipment_key = "";
  ASSERT_TRUE(trace_->Capture(batch).ok());
  auto ledger = trace_->ReadMovements(0, 0);
  ASSERT_TRUE(ledger.ok()) << ledger.status().ToString();
  ASSERT_EQ(ledger->rows.size(), 3u);
  EXPECT_EQ(ledger->rows[0].event, batch[1].row.id) << "in event time order, not capture order";
  EXPECT_EQ(ledger->rows[1].event, batch[0].row.id);
  EXPECT_EQ(ledger->rows[0].party, ledger->rows[1].party) << "one text, named twice";
  EXPECT_EQ(ledger->Text(ledger->rows[0].party), "A");
  EXPECT_EQ(ledger->Text(ledger->rows[0].counterparty), "B");
  EXPECT_EQ(ledger->Text(ledger->rows[0].shipment_key), "waybill-1");
  EXPECT_EQ(ledger->rows[2].shipment_key, 0u) << "empty is 0";
  EXPECT_EQ(ledger->rows[0].kind, MovementKind::kShipped);
  EXPECT_DOUBLE_EQ(ledger->rows[0].quantity_kg, 25);
  EXPECT_EQ(ledger->rows[0].recorded_us, batch[1].row.record_time_us);
  EXPECT_EQ(ledger->texts.size(), 6u) << "'', A, S1, 143-33-9, B, waybill-1: each once";
  auto window = trace_->ReadMovements(batch[1].row.event_time_us + 1, batch[2].row.event_time_us);
  ASSERT_TRUE(window.ok());
  ASSERT_EQ(window->rows.size(), 1u);
  EXPECT_EQ(window->rows[0].event, batch[0].row.id);
}

// Migration 12 fills what it adds from the events stored before it: each identifier's event type and time,
// each movement's record time in µs.
TEST_P(TraceStoreTest, MigrationTwelveFillsTheReadColumns) {
  trace_.reset();
  const bool sqlite = GetParam() == TraceBackend::kSqlite;
  std::string target;
  if (sqlite) {
    target = (dir_ / "at-version-11.db").string();
  } else {
    auto url = testing::FreshPostgresSchema(*testing::PostgresTestUrl());
    ASSERT_TRUE(url.ok()) << url.status().ToString();
    target = *url;
  }
  {
    auto raw = sqlite ? sqlite::OpenSqliteConnection(target) : postgres::OpenPostgresConnection(target);
    ASSERT_TRUE(raw.ok()) << raw.status().ToString();
    internal::SqlConnection& c = **raw;
    ASSERT_TRUE(c.ExecScript("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
                             "applied_at TEXT NOT NULL)")
                    .ok());
    for (const auto& m : sqlite ? migrations::SqliteMigrations() : migrations::PostgresMigrations()) {
      if (m.version > 11) break;
      ASSERT_TRUE(c.ExecScript(m.sql).ok()) << m.version;
      ASSERT_TRUE(c.ExecScript("INSERT INTO schema_migrations (version, name, applied_at) VALUES (" +
                               std::to_string(m.version) + ", 'm', '2024-01-01T00:00:00.000000Z')")
                      .ok());
    }
    ASSERT_TRUE(c.ExecScript("INSERT INTO trace_events (id, hash, event_id, type, event_time, event_time_us, record_time, "
                             "biz_step, biz_location, body) VALUES (7, 'h7', 'e7', 3, '2026-11-01T08:00:00+08:00', "
                             "1793491200000000, '2026-11-29T03:04:05.123456Z', 'packing', '', '{}');"
                             "INSERT INTO trace_event_ids (event, epc, role) VALUES (7, 'urn:x:1', 2);"
                             "INSERT INTO trace_movements (event, at_us, party, site, chemical, kind, quantity_kg, "
                             "counterparty, shipment_key) VALUES (7, 1793491200000000, 'A', '', '143-33-9', 3, 5, 'B', 'k')")
                    .ok());
  }
  auto t = sqlite ? OpenSqliteTraceStore(target) : OpenPostgresTraceStore(target);
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  auto naming = (*t)->EventsNaming("urn:x:1");
  ASSERT_TRUE(naming.ok() && naming->size() == 1u);
  EXPECT_EQ((*naming)[0].type, 3);
  EXPECT_EQ((*naming)[0].at_us, 1793491200000000);
  EXPECT_EQ((*naming)[0].role, TraceIdRole::kParent);
  auto ledger = (*t)->ReadMovements(0, 0);
  ASSERT_TRUE(ledger.ok() && ledger->rows.size() == 1u);
  EXPECT_EQ(ledger->rows[0].recorded_us, 1795921445123456) << "2026-11-29T03:04:05.123456Z";
}

INSTANTIATE_TEST_SUITE_P(Backends, TraceStoreTest, ::testing::Values(TraceBackend::kSqlite, TraceBackend::kPostgres),
                         [](const ::testing::TestParamInfo<TraceBackend>& param_info) {
                           return param_info.param == TraceBackend::kSqlite ? std::string("sqlite")
                                                                            : std::string("postgres");
                         });

}  // namespace
}  // namespace chemsafe::store
