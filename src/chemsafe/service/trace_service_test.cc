// Capture checked against the registry and the catalogue, and the closed loop, on a small chain: A makes
// sodium cyanide (剧毒) and sells to B; C has no licence. A clean chain gives no anomaly and a balance that
// closes; each kind of anomaly is made once and found; a correction (errorDeclaration) removes its event
// from the loop; a resubmission stores nothing.
#include "chemsafe/service/trace_service.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <set>

#include <fmt/format.h>

#include "chemsafe/reference/catalogue_files.h"
#include "chemsafe/store/testing/pg_test_url.h"

namespace chemsafe::service {
namespace {

constexpr const char* kA = "91440300MA5F00001X";  // producer, licensed
constexpr const char* kB = "91440100MA5F00002X";  // buyer, licensed
constexpr const char* kC = "91440100MA5F00003X";  // no licence
constexpr const char* kCyanide = "143-33-9";      // 氰化钠, 剧毒
constexpr std::int64_t kDay = 86'400'000'000LL;
constexpr std::int64_t kT0 = 1'793'404'800'000'000LL;  // 2026-10-31T00:00:00Z

std::string Lot(const char* owner, const char* chemical = kCyanide) {
  return fmt::format("urn:chemsafe:class:lot:{}.{}.L1", owner, chemical);
}

class TraceServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto fresh = store::testing::FreshTestDatabase(true, "chemsafe-trace-service",
                                                   ::testing::UnitTest::GetInstance()->current_test_info()->name(), &dir_);
    ASSERT_TRUE(fresh.ok()) << fresh.status().ToString();
    auto r = store::OpenSqlite(*fresh);
    ASSERT_TRUE(r.ok());
    registry_ = std::move(r).value();
    auto t = store::OpenSqliteTraceStore(*fresh);
    ASSERT_TRUE(t.ok());
    trace_ = std::move(t).value();
    auto c = reference::LoadCatalogue(CHEMSAFE_TEST_DATA_DIR);
    ASSERT_TRUE(c.ok()) << c.status().ToString();
    catalogue_ = std::move(c).value();
    ASSERT_TRUE(registry_->InTransaction([&](store::RegistryWriter& w) -> Status {
      for (const char* uscc : {kA, kB, kC}) {
        registry::Enterprise e;
        e.uscc = uscc;
        e.name = uscc;
        e.division_code = "440305";
        if (uscc == kA) e.licences = {{"危险化学品安全生产许可证", "A-1", "2025-01-01", "2027-12-31"}};
        if (uscc == kB) e.licences = {{"危险化学品经营许可证", "B-1", "2025-01-01", "2027-12-31"}};
        CHEMSAFE_RETURN_IF_ERROR(w.UpsertEnterprise(e));
      }
      return Status::Ok();
    }).ok());
  }
  void TearDown() override {
    trace_.reset();
    registry_.reset();
    std::filesystem::remove_all(dir_);
  }

  // An ObjectEvent of `step` at day `day` moving `kg` of the lot.
  static trace::Event Step(std::string hash, std::string step, double day, double kg, const char* at_party,
                           const char* chemical = kCyanide) {
    trace::Event e;
    e.type = trace::EventType::kObject;
    e.action = step == "commissioning" ? trace::Action::kAdd : trace::Action::kObserve;
    e.hash = std::move(hash);
    e.event_id = "ni:///" + e.hash;
    e.event_time_utc_us = kT0 + static_cast<std::int64_t>(day * static_cast<double>(kDay));
    e.event_time = "2026-11-01T00:00:00+08:00";
    e.event_time_zone_offset = "+08:00";
    e.biz_step = std::move(step);
    e.biz_location = fmt::format("urn:chemsafe:loc:{}.S1", at_party);
    e.quantities = {{Lot(kA, chemical), kg, "KGM"}};
    return e;
  }
  // A shipment (or its receipt) of `kg` from `from` to `to` under waybill `waybill`.
  static trace::Event Move(std::string hash, bool ship, double day, double kg, const char* from, const char* to,
                           std::string waybill) {
    trace::Event e = Step(std::move(hash), ship ? "shipping" : "receiving", day, kg, ship ? from : to);
    e.sources = {{"owning_party", trace::PartyId(from)}};
    e.destinations = {{"owning_party", trace::PartyId(to)}};
    e.biz_transactions = {{"desadv", "urn:chemsafe:bt:desadv:" + waybill}, {"purchase_permit", "urn:chemsafe:bt:permit:P-" + waybill}};
    return e;
  }

  Result<CaptureReport> Capture(std::vector<trace::Event> events, std::string record_time = "2026-11-01T00:00:00.000000Z") {
    std::vector<TraceInput> inputs;
    int line = 0;
    for (auto& e : events) inputs.push_back({std::move(e), "{}", fmt::format("events.jsonl:{}", ++line)});
    CaptureOptions o;
    o.record_time = std::move(record_time);
    return CaptureTraceEvents({*registry_, *trace_}, catalogue_, inputs, o);
  }

  ClosedLoopReport Loop(double to_day = 30) {
    ClosedLoopOptions o;
    o.from_us = kT0;
    o.to_us = kT0 + static_cast<std::int64_t>(to_day * static_cast<double>(kDay));
    o.now_us = o.to_us;
    auto r = CheckClosedLoop({*registry_, *trace_}, o);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : ClosedLoopReport{};
  }

  // The clean chain: A makes 1000 kg, ships 200 to B, B receives 200, uses 50, counts 150; A counts 800.
  std::vector<trace::Event> CleanChain() {
    return {Step("c1", "commissioning", 0, 1000, kA), Move("c2", true, 1, 200, kA, kB, "W1"),
            Move("c3", false, 2, 200, kA, kB, "W1"),  Step("c4", "consuming", 3, 50, kB),
            Step("c5", "cycle_counting", 4, 150, kB), Step("c6", "cycle_counting", 4, 800, kA)};
  }

  std::filesystem::path dir_;
  std::unique_ptr<store::RegistryStore> registry_;
  std::unique_ptr<store::TraceStore> trace_;
  catalogue::Catalogue catalogue_;
};

TEST_F(TraceServiceTest, ACleanChainClosesWithoutAnomalies) {
  auto r = Capture(CleanChain());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_TRUE(r->problems.empty()) << r->problems.front().where << " " << r->problems.front().field << ": "
                                   << r->problems.front().message;
  EXPECT_EQ(r->stored, 6);
  const ClosedLoopReport loop = Loop();
  for (const auto& a : loop.anomalies) ADD_FAILURE() << AnomalyKindCode(a.kind) << ": " << a.detail;
  ASSERT_EQ(loop.balance.size(), 2u);
  for (const auto& b : loop.balance) {
    if (b.party == kA) {
      EXPECT_DOUBLE_EQ(b.produced_kg, 1000);
      EXPECT_DOUBLE_EQ(b.shipped_kg, 200);
      EXPECT_DOUBLE_EQ(b.closing_kg, 800);
      EXPECT_EQ(b.counted_kg, 800);
    } else {
      EXPECT_EQ(b.party, kB);
      EXPECT_DOUBLE_EQ(b.received_kg, 200);
      EXPECT_DOUBLE_EQ(b.used_kg, 50);
      EXPECT_DOUBLE_EQ(b.closing_kg, 150);
    }
  }
  ASSERT_EQ(loop.filings.size(), 1u);
  EXPECT_EQ(loop.filings[0].buyer, kB);
  EXPECT_FALSE(loop.filings[0].overdue);
  // Resubmitted: nothing new.
  auto again = Capture(CleanChain());
  EXPECT_EQ(again->stored, 0);
  EXPECT_EQ(again->duplicates, 6);
  // A later period opens with the stock the events give.
  ClosedLoopOptions later;
  later.from_us = kT0 + 10 * kDay;
  later.now_us = kT0 + 40 * kDay;
  auto next = CheckClosedLoop({*registry_, *trace_}, later);
  ASSERT_TRUE(next.ok());
  for (const auto& b : next->balance) EXPECT_DOUBLE_EQ(b.opening_kg, b.party == kA ? 800 : 150);
}

TEST_F(TraceServiceTest, BadEventsAreRefusedWithTheirPlaceAndNothingIsStored) {
  std::vector<trace::Event> events = CleanChain();
  events[1].biz_transactions.pop_back();                          // 剧毒 sale without purchase permit
  events[2].destinations = {{"owning_party", trace::PartyId("91440000MA00000000")}};  // no such enterprise
  events[3].quantities[0].uom = "LTR";                            // not a mass
  events[4].quantities[0].epc_class = Lot(kB, "67-56-1");         // methanol: neither 剧毒 nor 易制爆
  auto r = Capture(events);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->problems.size(), 4u);
  EXPECT_EQ(r->problems[0].where, "events.jsonl:2");
  EXPECT_EQ(r->problems[0].field, "bizTransactionList");
  EXPECT_NE(r->problems[0].message.find("purchase permit"), std::string::npos);
  EXPECT_EQ(r->problems[1].field, "destinationList[0]");
  EXPECT_EQ(r->problems[2].field, "quantityList[0].uom");
  EXPECT_EQ(r->problems[3].field, "quantityList[0].epcClass");
  EXPECT_NE(r->problems[3].message.find("neither 剧毒 nor 易制爆"), std::string::npos);
  EXPECT_EQ(*trace_->EventCount(), 0) << "nothing of the failed batch is stored";
}

TEST_F(TraceServiceTest, EachAnomalyKindIsFound) {
  std::vector<trace::Event> events = CleanChain();
  // Not received: W2 shipped on day 5, never received (judged on day 30).
  events.push_back(Move("n1", true, 5, 10, kA, kB, "W2"));
  // Receipt without shipment: W3.
  events.push_back(Move("n2", false, 6, 7, kA, kB, "W3"));
  // Quantity mismatch: W4 shipped 20, received 18.
  events.push_back(Move("n3", true, 7, 20, kA, kB, "W4"));
  events.push_back(Move("n4", false, 8, 18, kA, kB, "W4"));
  // Out of order: W5 received on day 9, shipped on day 10.
  events.push_back(Move("n5", false, 9, 5, kA, kB, "W5"));
  events.push_back(Move("n6", true, 10, 5, kA, kB, "W5"));
  // Unlicensed sale: W6 to C (received, so only the sale is wrong).
  events.push_back(Move("n7", true, 11, 3, kA, kC, "W6"));
  events.push_back(Move("n8", false, 11.5, 3, kA, kC, "W6"));
  // Custody without licence: C counts what it holds.
  events.push_back(Step("n9", "cycle_counting", 12, 3, kC));
  // Imbalance: B counts 100 on day 13 where its books say 150 + 18 + 5 + 7 = 180.
  events.push_back(Step("n10", "cycle_counting", 13, 100, kB));
  auto r = Capture(events);
  ASSERT_TRUE(r.ok());
  ASSERT_TRUE(r->problems.empty()) << r->problems.front().field << ": " << r->problems.front().message;
  // Filing overdue: W7 sold on day 14, recorded on day 22.
  auto late = Capture({Move("n11", true, 14, 4, kA, kB, "W7"), Move("n12", false, 14.5, 4, kA, kB, "W7")},
                      "2026-11-22T00:00:00.000000Z");
  ASSERT_TRUE(late.ok());
  ASSERT_TRUE(late->problems.empty());

  const ClosedLoopReport loop = Loop();
  std::map<AnomalyKind, std::vector<const Anomaly*>> by_kind;
  for (const auto& a : loop.anomalies) by_kind[a.kind].push_back(&a);
  auto one = [&](AnomalyKind k) -> const Anomaly& {
    EXPECT_EQ(by_kind[k].size(), 1u) << AnomalyKindCode(k);
    static const Anomaly none;
    return by_kind[k].empty() ? none : *by_kind[k].front();
  };
  EXPECT_EQ(one(AnomalyKind::kNotReceived).shipment_key, "urn:chemsafe:bt:desadv:W2");
  EXPECT_EQ(one(AnomalyKind::kReceiptWithoutShipment).shipment_key, "urn:chemsafe:bt:desadv:W3");
  EXPECT_DOUBLE_EQ(one(AnomalyKind::kQuantityMismatch).quantity_kg, -2);
  EXPECT_EQ(one(AnomalyKind::kOutOfOrder).shipment_key, "urn:chemsafe:bt:desadv:W5");
  EXPECT_EQ(one(AnomalyKind::kUnlicensedSale).counterparty, kC);
  EXPECT_EQ(one(AnomalyKind::kCustodyWithoutLicence).party, kC);
  EXPECT_DOUBLE_EQ(one(AnomalyKind::kImbalance).quantity_kg, -80);
  EXPECT_EQ(one(AnomalyKind::kImbalance).party, kB);
  EXPECT_FALSE(one(AnomalyKind::kImbalance).events.empty());
  EXPECT_EQ(one(AnomalyKind::kFilingOverdue).shipment_key, "urn:chemsafe:bt:desadv:W7");
  EXPECT_EQ(loop.anomalies.size(), 8u);
  for (const auto& a : loop.anomalies) EXPECT_FALSE(a.detail.empty());
}

// A sale to a licensed buyer on the blacklist is a sale it must not get; the listing's end lifts it.
TEST_F(TraceServiceTest, ASaleToABlacklistedBuyerIsAnAnomaly) {
  ASSERT_TRUE(Capture(CleanChain())->problems.empty());
  audit::AuditRecord a1;
  a1.user = "test";
  store::BlacklistEntry entry{0, kB, "2026-10-01", "", "公安机关", "非法转卖剧毒化学品"};
  ASSERT_TRUE(trace_->AddBlacklisting(entry, a1).ok());
  auto loop = Loop();
  ASSERT_EQ(loop.anomalies.size(), 1u);
  EXPECT_EQ(loop.anomalies[0].kind, AnomalyKind::kUnlicensedSale);
  EXPECT_NE(loop.anomalies[0].detail.find("黑名单"), std::string::npos) << loop.anomalies[0].detail;
  audit::AuditRecord a2;
  a2.user = "test";
  ASSERT_TRUE(trace_->EndBlacklisting(entry.id, "2026-10-31", a2).ok()) << "ended the day before the sale";
  EXPECT_TRUE(Loop().anomalies.empty());
  audit::AuditRecord a3;
  EXPECT_EQ(trace_->EndBlacklisting(entry.id + 9, "2026-11-01", a3).code(), StatusCode::kNotFound);
}

TEST_F(TraceServiceTest, AnErrorDeclarationTakesTheEventOutOfTheLoop) {
  std::vector<trace::Event> events = CleanChain();
  events[2].quantities[0].quantity = 180;  // the receipt recorded 180 by mistake
  ASSERT_TRUE(Capture(events)->problems.empty());
  EXPECT_FALSE(Loop().anomalies.empty());
  // The correction: the wrong receipt declared in error, the right one captured.
  trace::Event wrong = events[2];
  wrong.hash = "c3-declared";
  wrong.error_declaration = trace::ErrorDeclaration{"2026-11-03T00:00:00+08:00", "incorrect_data", {"ni:///c3-fixed"}};
  trace::Event fixed = Move("c3-fixed", false, 2, 200, kA, kB, "W1");
  auto r = Capture({wrong, fixed});
  ASSERT_TRUE(r.ok());
  ASSERT_TRUE(r->problems.empty()) << r->problems.front().message;
  EXPECT_EQ(r->declarations, 1);
  EXPECT_EQ(r->stored, 1);
  for (const auto& a : Loop().anomalies) ADD_FAILURE() << AnomalyKindCode(a.kind) << ": " << a.detail;
  // Declaring an event that was never stored is refused.
  trace::Event ghost = wrong;
  ghost.event_id = "ni:///never";
  ghost.hash = "ghost";
  auto refused = Capture({ghost});
  ASSERT_EQ(refused->problems.size(), 1u);
  EXPECT_EQ(refused->problems[0].field, "eventID");
}

// A lot packed into two drums, the drums onto a truck, one drum's cyanide made into a product: the lot's
// downstream is the drums, the truck and the product; the product's upstream is the drum and the lot.
TEST_F(TraceServiceTest, LineageFollowsAggregationAndTransformation) {
  const std::string lot = Lot(kA);
  const std::string d1 = "urn:chemsafe:id:ctr:91440300MA5F00001X.D1", d2 = "urn:chemsafe:id:ctr:91440300MA5F00001X.D2";
  const std::string truck = "urn:chemsafe:id:veh:粤B12345";
  const std::string product = fmt::format("urn:chemsafe:class:lot:{}.{}.P1", kB, kCyanide);
  auto pack = [&](std::string hash, std::string parent, std::vector<std::string> children,
                  std::vector<trace::QuantityElement> quantities, double day) {
    trace::Event e = Step(std::move(hash), "packing", day, 1, kA);
    e.type = trace::EventType::kAggregation;
    e.action = trace::Action::kAdd;
    e.parent_id = std::move(parent);
    e.epc_list = std::move(children);
    e.quantities = std::move(quantities);
    return e;
  };
  trace::Event make = Step("l0", "commissioning", 0, 100, kA);
  trace::Event p1 = pack("l1", d1, {}, {{lot, 50, "KGM"}}, 1);
  trace::Event p2 = pack("l2", d2, {}, {{lot, 50, "KGM"}}, 1);
  trace::Event load = pack("l3", truck, {d1, d2}, {}, 2);
  load.biz_step = "loading";
  trace::Event ship = Move("l4", true, 2, 50, kA, kB, "W9");
  ship.epc_list = {d1};
  trace::Event transform = Step("l5", "", 3, 0, kB);
  transform.type = trace::EventType::kTransformation;
  transform.action = trace::Action::kNone;
  transform.quantities.clear();
  transform.input_epcs = {d1};
  transform.output_quantities = {{product, 40, "KGM"}};
  auto r = Capture({make, p1, p2, load, ship, transform});
  ASSERT_TRUE(r.ok());
  ASSERT_TRUE(r->problems.empty()) << r->problems.front().field << ": " << r->problems.front().message;

  auto down = TraceLineage(*trace_, lot);
  ASSERT_TRUE(down.ok()) << down.status().ToString();
  EXPECT_EQ(std::set<std::string>(down->downstream.begin(), down->downstream.end()),
            (std::set<std::string>{d1, d2, truck, product}));
  EXPECT_TRUE(down->upstream.empty());
  EXPECT_EQ(down->edges.size(), 5u);  // lot→d1, lot→d2, d1→truck, d2→truck, d1→product
  EXPECT_EQ(down->events.size(), 6u) << "the shipment of d1 is a custody step of the lineage";
  auto up = TraceLineage(*trace_, product);
  ASSERT_TRUE(up.ok());
  EXPECT_EQ(up->upstream, (std::vector<std::string>{d1, lot}));
  EXPECT_TRUE(up->downstream.empty());
  EXPECT_EQ(TraceLineage(*trace_, "urn:chemsafe:id:ctr:91440300MA5F00001X.none").status().code(), StatusCode::kNotFound);
}

TEST(TraceIds, LotsAndLocations) {
  EXPECT_EQ(LotChemical("urn:chemsafe:class:lot:91440300MA5F00001X.143-33-9.L2026-11"), "143-33-9");
  EXPECT_FALSE(LotChemical("urn:chemsafe:class:lot:91440300MA5F00001X.143-33-9").has_value());
  EXPECT_FALSE(LotChemical("https://id.gs1.org/01/09521234543213/10/L1").has_value());
  auto owner = LocationOwner("urn:chemsafe:loc:91440300MA5F00001X.WH-2");
  ASSERT_TRUE(owner.has_value());
  EXPECT_EQ(owner->first, "91440300MA5F00001X");
  EXPECT_EQ(owner->second, "WH-2");
  EXPECT_FALSE(LocationOwner("urn:chemsafe:loc:.WH").has_value());
}

}  // namespace
}  // namespace chemsafe::service
