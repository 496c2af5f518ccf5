#include "chemsafe/service/trace_demo.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <random>
#include <set>

#include <fmt/format.h>

#include "chemsafe/core/calendar.h"
#include "chemsafe/trace/epcis.h"
#include "chemsafe/trace/event_hash.h"
#include "chemsafe/trace/identifiers.h"

namespace chemsafe::service {
namespace {

constexpr std::int64_t kDayUs = 86'400'000'000LL;
constexpr std::int64_t kEastEightUs = 8 * 3'600'000'000LL;

std::string UtcAt(std::int64_t utc_us) {
  return UtcText(std::chrono::system_clock::time_point(std::chrono::microseconds(utc_us)));
}

// "2026-09-01T10:12:00+08:00" for an instant.
std::string ChinaTime(std::int64_t utc_us) { return UtcAt(utc_us + kEastEightUs).substr(0, 19) + "+08:00"; }

struct Party {
  std::string uscc;
  bool licensed = false;
};

// One generated event with the day whose batch captures it.
struct Planned {
  trace::Event event;
  int capture_day = 0;
};

}  // namespace

trace::Event SyntheticEvent(trace::EventType type, std::string step, std::int64_t at_us, const std::string& owner) {
  trace::Event e;
  e.type = type;
  e.action = type == trace::EventType::kTransformation ? trace::Action::kNone : trace::Action::kObserve;
  e.event_time_utc_us = at_us;
  e.event_time = ChinaTime(at_us);
  e.event_time_zone_offset = "+08:00";
  e.biz_step = std::move(step);
  e.biz_location = fmt::format("urn:chemsafe:loc:{}.S1", owner);
  return e;
}

Result<TraceDemoResult> GenerateTraceDemo(TraceStores s, const catalogue::Catalogue& catalogue,
                                          const TraceDemoOptions& o) {
  if (o.events < 100) return InvalidArgument("events: at least 100");
  if (o.days < 20) return InvalidArgument("days: at least 20");
  const auto start = ParseUtcText(o.start_date + "T00:00:00.000000Z");
  if (!start) return InvalidArgument(fmt::format("start_date: \"{}\" is not YYYY-MM-DD", o.start_date));
  TraceDemoResult result;
  result.from_us = std::chrono::duration_cast<std::chrono::microseconds>(start->time_since_epoch()).count() - kEastEightUs;
  result.to_us = result.from_us + static_cast<std::int64_t>(o.days) * kDayUs;
  const std::string first_day = o.start_date;
  const std::string last_day = UtcAt(result.to_us + kEastEightUs).substr(0, 10);

  // The parties: licensed for the whole period, or without any licence.
  std::vector<Party> licensed, unlicensed;
  CHEMSAFE_RETURN_IF_ERROR(s.registry.ForEachEnterprise([&](const registry::Enterprise& e) {
    bool ok = false;
    for (const auto& l : e.licences) {
      if (l.type.find("许可证") == std::string::npos) continue;
      if ((l.valid_from.empty() || l.valid_from <= first_day) && (l.valid_to.empty() || l.valid_to >= last_day)) ok = true;
    }
    if (ok) licensed.push_back({e.uscc, true});
    if (e.licences.empty()) unlicensed.push_back({e.uscc, false});
    return Status::Ok();
  }));
  std::mt19937_64 rng(o.seed);
  const int per_kind = o.per_kind > 0 ? o.per_kind : std::max(1, o.events / 2000);
  if (licensed.size() < 2) return FailedPrecondition("the registry needs two enterprises licensed for the whole period");
  if (unlicensed.size() < 1) return FailedPrecondition("the registry needs an enterprise without licences (for the injected sales)");
  std::vector<std::string> chemicals;
  for (const char* cas : {"143-33-9", "6484-52-2"}) {
    const catalogue::Chemical* c = catalogue.FindByCas(cas);
    if (c != nullptr && (c->highly_toxic || c->explosive_precursor)) chemicals.push_back(c->key);
  }
  if (chemicals.empty()) return FailedPrecondition("the catalogue flags neither 氰化钠 nor 硝酸铵 as traced");

  // Chains, and which of them carry which injected anomaly.
  constexpr int kEventsPerChain = 6;
  const int chains = std::max(o.events / (kEventsPerChain + 1), 9 * per_kind);
  result.chains = chains;
  std::vector<int> order(static_cast<std::size_t>(chains));
  for (int k = 0; k < chains; ++k) order[static_cast<std::size_t>(k)] = k;
  std::shuffle(order.begin(), order.end(), rng);
  enum Fault { kClean, kNoReceipt, kNoShipment, kShort, kUnlicensed, kEarlyReceipt, kLateFiling };
  std::vector<Fault> fault(static_cast<std::size_t>(chains), kClean);
  std::size_t next = 0;
  for (Fault f : {kNoReceipt, kNoShipment, kShort, kUnlicensed, kEarlyReceipt, kLateFiling}) {
    for (int k = 0; k < per_kind; ++k) fault[static_cast<std::size_t>(order[next++])] = f;
  }

  std::vector<Planned> planned;
  auto day_of = [&](std::int64_t at) { return static_cast<int>((at - result.from_us) / kDayUs); };
  const auto& base = SyntheticEvent;
  // The days of the chain: spread over the period, leaving 12 days at the end for receipts and counts.
  const double span_days = static_cast<double>(o.days - 12);
  std::uniform_int_distribution<std::size_t> pick_licensed(0, licensed.size() - 1), pick_unlicensed(0, unlicensed.size() - 1);
  std::uniform_int_distribution<int> pick_quantity(2, 20), pick_chemical(0, static_cast<int>(chemicals.size()) - 1);
  std::vector<std::pair<std::string, std::int64_t>> custody_candidates;  // unlicensed buyer, when it holds
  for (int c = 0; c < chains; ++c) {
    const Fault f = fault[static_cast<std::size_t>(c)];
    const std::string& seller = licensed[pick_licensed(rng)].uscc;
    std::string buyer = f == kUnlicensed ? unlicensed[pick_unlicensed(rng)].uscc : licensed[pick_licensed(rng)].uscc;
    while (buyer == seller) buyer = licensed[pick_licensed(rng)].uscc;
    const std::string& chemical = chemicals[static_cast<std::size_t>(pick_chemical(rng))];
    const double kg = 50.0 * pick_quantity(rng);
    const std::int64_t t = result.from_us + static_cast<std::int64_t>(span_days * static_cast<double>(kDayUs) * c / chains) +
                           9 * 3'600'000'000LL;
    CHEMSAFE_ASSIGN_OR_RETURN(std::string lot, trace::PlatformLotId(seller, chemical, fmt::format("DEMO-L{}", c)));
    CHEMSAFE_ASSIGN_OR_RETURN(std::string drum1, trace::PlatformContainerId(seller, fmt::format("DEMO-{}-1", c)));
    CHEMSAFE_ASSIGN_OR_RETURN(std::string drum2, trace::PlatformContainerId(seller, fmt::format("DEMO-{}-2", c)));
    auto add = [&](trace::Event e, int capture_day) { planned.push_back({std::move(e), capture_day}); };

    trace::Event made = base(trace::EventType::kObject, "commissioning", t, seller);
    made.action = trace::Action::kAdd;
    made.quantities = {{lot, kg, "KGM"}};
    add(made, day_of(t));
    for (const auto& drum : {drum1, drum2}) {
      trace::Event pack = base(trace::EventType::kAggregation, "packing", t + 3'600'000'000LL, seller);
      pack.action = trace::Action::kAdd;
      pack.parent_id = drum;
      pack.quantities = {{lot, kg / 2, "KGM"}};
      add(pack, day_of(t));
    }
    const std::string waybill = fmt::format("urn:chemsafe:bt:desadv:DEMO-{}", c);
    auto movement = [&](bool ship, std::int64_t at, double amount) {
      trace::Event e = base(trace::EventType::kObject, ship ? "shipping" : "receiving", at, ship ? seller : buyer);
      e.epc_list = {drum1, drum2};
      e.quantities = {{lot, amount, "KGM"}};
      e.disposition = ship ? "in_transit" : "in_progress";
      e.sources = {{"owning_party", trace::PartyId(seller)}};
      e.destinations = {{"owning_party", trace::PartyId(buyer)}};
      e.biz_transactions = {{"desadv", waybill},
                            {"purchase_permit", fmt::format("urn:chemsafe:bt:purchase_permit:DEMO-P{}", c)},
                            {"filing", fmt::format("urn:chemsafe:bt:filing:DEMO-F{}", c)}};
      return e;
    };
    const std::int64_t ship_at = t + 2 * 3'600'000'000LL;
    const std::int64_t receive_at = f == kEarlyReceipt ? t + 3'600'000'000LL * 3 / 2 : t + kDayUs;
    if (f != kNoShipment) add(movement(true, ship_at, kg), f == kLateFiling ? day_of(ship_at) + 8 : day_of(ship_at));
    const double received = f == kShort ? kg * 0.9 : kg;
    if (f != kNoReceipt) {
      add(movement(false, receive_at, received), day_of(receive_at));
      trace::Event used = base(trace::EventType::kObject, "consuming", t + 2 * kDayUs, buyer);
      used.quantities = {{lot, received * 0.3, "KGM"}};
      add(used, day_of(t + 2 * kDayUs));
      if (f == kUnlicensed) custody_candidates.emplace_back(buyer, t + 3 * kDayUs);
    }
    if (f != kClean) ++result.injected[f == kNoReceipt     ? AnomalyKind::kNotReceived
                                       : f == kNoShipment  ? AnomalyKind::kReceiptWithoutShipment
                                       : f == kShort       ? AnomalyKind::kQuantityMismatch
                                       : f == kUnlicensed  ? AnomalyKind::kUnlicensedSale
                                       : f == kEarlyReceipt ? AnomalyKind::kOutOfOrder
                                                            : AnomalyKind::kFilingOverdue];
  }

  // Counts: every 10 days at each licensed party with stock, equal to its books (the books replayed here as
  // the closed loop keeps them); `per_kind` of them 25 kg short; and the custody counts at unlicensed buyers.
  std::sort(planned.begin(), planned.end(),
            [](const Planned& a, const Planned& b) { return a.event.event_time_utc_us < b.event.event_time_utc_us; });
  std::map<std::pair<std::string, std::string>, double> books;  // (party, chemical) → kg
  auto apply = [&](const trace::Event& e) {
    if (e.quantities.empty() || e.type != trace::EventType::kObject) return;
    const std::string chem = *LotChemical(e.quantities[0].epc_class);
    const double q = e.quantities[0].quantity;
    const std::string local = LocationOwner(e.biz_location)->first;
    if (e.biz_step == "commissioning") books[{local, chem}] += q;
    if (e.biz_step == "consuming") books[{local, chem}] -= q;
    if (e.biz_step == "shipping") books[{*trace::PartyUscc(e.sources[0].id), chem}] -= q;
    if (e.biz_step == "receiving") books[{*trace::PartyUscc(e.destinations[0].id), chem}] += q;
  };
  std::set<std::string> licensed_set;
  for (const auto& p : licensed) licensed_set.insert(p.uscc);
  std::vector<Planned> counts;
  int short_counts = 0, custody = 0;
  std::size_t k = 0;
  auto count = [&](const std::string& party, const std::string& chem, double kg, std::int64_t at) {
    CHEMSAFE_ASSIGN_OR_RETURN(std::string lot, trace::PlatformLotId(party, chem, "DEMO-STOCK"));
    trace::Event e = base(trace::EventType::kObject, "cycle_counting", at, party);
    e.quantities = {{lot, kg, "KGM"}};
    counts.push_back({std::move(e), day_of(at)});
    return Status::Ok();
  };
  for (int day = 10; day <= o.days; day += 10) {
    const std::int64_t at = result.from_us + static_cast<std::int64_t>(day) * kDayUs - 3'600'000'000LL;
    for (; k < planned.size() && planned[k].event.event_time_utc_us < at; ++k) apply(planned[k].event);
    for (auto& [key, kg] : books) {
      if (!licensed_set.count(key.first) || kg <= 30) continue;
      double counted = kg;
      if (short_counts < per_kind && day >= 20 && std::uniform_int_distribution<int>(0, 3)(rng) == 0) {
        counted = kg - 25;
        ++short_counts;
      }
      CHEMSAFE_RETURN_IF_ERROR(count(key.first, key.second, counted, at));
      kg = counted;
    }
  }
  for (; k < planned.size(); ++k) apply(planned[k].event);
  if (short_counts < per_kind) return Internal("too few counts to inject the short ones: give more events");
  result.injected[AnomalyKind::kImbalance] = short_counts;
  // Custody: the unlicensed buyers count what they hold (their books at that time: receipts less use).
  for (const auto& [buyer, at] : custody_candidates) {
    if (custody == per_kind) break;
    double held = 0;
    for (const auto& p : planned) {
      const auto& e = p.event;
      if (e.event_time_utc_us >= at || e.quantities.empty()) continue;
      if (e.biz_step == "receiving" && *trace::PartyUscc(e.destinations[0].id) == buyer) held += e.quantities[0].quantity;
      if (e.biz_step == "consuming" && LocationOwner(e.biz_location)->first == buyer) held -= e.quantities[0].quantity;
    }
    // Counted in the chemical of its receipt: the unlicensed buyers hold one chemical each in practice;
    // a mixed holding is left uncounted.
    std::set<std::string> chems;
    for (const auto& p : planned) {
      const auto& e = p.event;
      if (e.biz_step == "receiving" && *trace::PartyUscc(e.destinations[0].id) == buyer && e.event_time_utc_us < at) {
        chems.insert(*LotChemical(e.quantities[0].epc_class));
      }
    }
    if (chems.size() != 1) continue;
    CHEMSAFE_RETURN_IF_ERROR(count(buyer, *chems.begin(), held, at));
    ++custody;
  }
  result.injected[AnomalyKind::kCustodyWithoutLicence] = custody;
  for (auto& c : counts) planned.push_back(std::move(c));

  // Captured day by day, each day's batch recorded at the end of its day.
  std::stable_sort(planned.begin(), planned.end(), [](const Planned& a, const Planned& b) { return a.capture_day < b.capture_day; });
  std::size_t from = 0;
  while (from < planned.size()) {
    const int day = planned[from].capture_day;
    std::vector<TraceInput> batch;
    for (; from < planned.size() && planned[from].capture_day == day; ++from) {
      trace::Event e = std::move(planned[from].event);
      e.hash = trace::EventHash(e);
      e.event_id = e.hash;
      std::string body = trace::EventToJson(e).dump();
      batch.push_back({std::move(e), std::move(body), fmt::format("demo day {}", day)});
    }
    CaptureOptions capture;
    capture.record_time = UtcAt(result.from_us + static_cast<std::int64_t>(day + 1) * kDayUs - 1'000'000LL);
    CHEMSAFE_ASSIGN_OR_RETURN(CaptureReport report, CaptureTraceEvents(s, catalogue, batch, capture));
    if (!report.problems.empty()) {
      const auto& p = report.problems.front();
      return Internal(fmt::format("the demo chain made an invalid event ({} {}: {})", p.where, p.field, p.message));
    }
    result.events += report.stored;
  }
  return result;
}

}  // namespace chemsafe::service
