// A synthetic credit picture for the demo province (issue 7: "the demo province gets … some blacklisted
// enterprises, so that the pages and the map are populated after `make run`"; plan tasks T25–T27, T33).
//
// For the registry's synthetic enterprises (provenance synthetic), in USCC order: a few blacklisted (a share,
// at least 3 when there are that many), listed by the county office of their division on a day in the 30
// months before `today`; those listed more than 12 months ago are in part removed early after a credit repair
// application (applied and removed on `today`). Enforcement records: an inspection record linking up to two
// findings of each enterprise that has findings (a share of them), and a penalty with a fine for each listed
// enterprise. Insurance: most enterprises have a policy covering `today`, some expiring within 30 days, some
// expired, some never insured. Everything goes through the service use cases (credit_service.h), audited.
//
// Deterministic for a seed, the stores' contents and `today`. Every text is SYNTHETIC and says so ("（演示）").
// Thread-safety: as the stores passed in.
#pragma once

#include <cstdint>

#include "chemsafe/core/calendar.h"
#include "chemsafe/core/result.h"
#include "chemsafe/service/credit_service.h"

namespace chemsafe::service {

struct CreditDemoOptions {
  double blacklisted_share = 0.005;  // Default 0.5 % of the enterprises (at least 3)
  double enforced_share = 0.5;       // Default: half the enterprises with findings get an inspection record
  double expiring_share = 0.08;      // Default 8 % of the enterprises: a policy expiring within 30 days
  double expired_share = 0.06;       // Default 6 %: only an expired policy
  double uninsured_share = 0.06;     // Default 6 %: never insured
};

struct CreditDemoResult {
  int enterprises = 0;  // synthetic enterprises considered
  int listed = 0;
  int removed_after_repair = 0;
  int enforcement_records = 0;
  int linked_findings = 0;
  int policies = 0;
  int expiring = 0;
  int expired = 0;
  int uninsured = 0;
};

// InvalidArgument for shares outside [0, 1] (or insurance shares adding up over 1); the service's errors
// otherwise (the writes done before stay, each in its own transaction).
Result<CreditDemoResult> GenerateCreditDemo(CreditStores s, std::uint64_t seed, Date today,
                                            const CreditDemoOptions& options = {});

}  // namespace chemsafe::service
