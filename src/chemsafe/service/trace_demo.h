// A synthetic supply chain of regulated chemicals over the registry's enterprises (issue 6: `chemsafe demo
// trace`), with a known number of injected anomalies of each kind, so that the closed loop's detection can
// be measured. Every event is synthetic (the lots and containers carry "DEMO" in their serials).
//
// The chain: a licensed producer makes a lot (commissioning), packs it into drums (AggregationEvent),
// ships them to a licensed buyer with the despatch advice, purchase permit and filing (shipping), the buyer
// receives them the next day (receiving) and uses part (consuming); every 10 days each licensed party
// with stock counts it (cycle_counting), the count equal to its books. Events are captured day by day
// (their record time the end of their day), as a company would. Injected, each `per_kind` times (at
// different parties and days): a shipment never received; a receipt with no shipment; a receipt 10 % short;
// a sale to an enterprise with no licence; that buyer counting what it holds (custody without a licence);
// a receipt dated before its shipment; a count 25 kg short of the books; a sale recorded 8 days late.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "chemsafe/catalogue/catalogue.h"
#include "chemsafe/core/result.h"
#include "chemsafe/service/trace_service.h"

namespace chemsafe::service {

struct TraceDemoOptions {
  int events = 10000;        // about this many events
  std::uint64_t seed = 2017;
  int per_kind = 0;          // injected anomalies of each kind; Default 0: max(1, events / 2000)
  std::string start_date = "2026-09-01";  // the first day of the chain (UTC+8 days)
  int days = 60;
};

struct TraceDemoResult {
  int events = 0;
  int chains = 0;
  std::map<AnomalyKind, int> injected;
  std::int64_t from_us = 0, to_us = 0;  // the period the chain covers, for CheckClosedLoop
};

// An event of the synthetic chains (demo trace, bench/trace_bench.cc): `type` with business step `step` at
// `at_us` (UTC µs; its text in China time, +08:00), at `owner`'s site S1 (urn:chemsafe:loc:<USCC>.S1).
trace::Event SyntheticEvent(trace::EventType type, std::string step, std::int64_t at_us, const std::string& owner);

Result<TraceDemoResult> GenerateTraceDemo(TraceStores s, const catalogue::Catalogue& catalogue,
                                          const TraceDemoOptions& options);

}  // namespace chemsafe::service
