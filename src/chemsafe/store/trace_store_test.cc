// The trace store on both backends: capture is idempotent by event hash (within a batch and across
// batches), identifiers are indexed for lineage and queries, movements of events declared in error are
// left out of the closed loop, and declarations are stored once.
#include "chemsafe/store/trace_store.h"

#include <gtest/gtest.h>

#include <filesystem>

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
    c.row.biz_step = step;
    c.row.biz_location = "urn:chemsafe:loc:A.S1";
    c.row.body = "{}";
    c.ids = {{epc, TraceIdRole::kEpc}, {"https://id.gs1.org/01/09521234543213/10/L1", TraceIdRole::kClass}};
    c.movements = {{0, c.row.event_time_us, "A", "S1", "143-33-9", MovementKind::kShipped, kg, "B", "waybill-1", ""}};
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
  ASSERT_TRUE(trace_->ForEachMovement(0, 0, [&](const TraceMovement& m) {
    kg += m.quantity_kg;
    return Status::Ok();
  }).ok());
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
  ASSERT_TRUE(trace_->ForEachMovement(0, 0, [&](const TraceMovement& m) {
    moved.push_back(m.event);
    return Status::Ok();
  }).ok());
  EXPECT_EQ(moved, std::vector<std::int64_t>{batch[1].row.id});
  // The event itself stays (append-only).
  EXPECT_TRUE(trace_->FindById(batch[0].row.id)->has_value());
}

INSTANTIATE_TEST_SUITE_P(Backends, TraceStoreTest, ::testing::Values(TraceBackend::kSqlite, TraceBackend::kPostgres),
                         [](const ::testing::TestParamInfo<TraceBackend>& param_info) {
                           return param_info.param == TraceBackend::kSqlite ? std::string("sqlite")
                                                                            : std::string("postgres");
                         });

}  // namespace
}  // namespace chemsafe::store
