// Test support: an audit record as a store test hands it to a write (the stores fill in seq, hashes and the
// object). Header-only.
#pragma once

#include <string>

#include "chemsafe/audit/chain.h"

namespace chemsafe::store::testing {

inline audit::AuditRecord TestAuditRecord(std::string action, std::string user = "officer-a",
                                          std::string role = "city") {
  audit::AuditRecord a;
  a.at = "2026-11-29T04:00:00.000000Z";
  a.user = std::move(user);
  a.role = std::move(role);
  a.client = "127.0.0.1:1";
  a.action = std::move(action);
  a.outcome = "ok";
  a.request_id = "r1";
  return a;
}

}  // namespace chemsafe::store::testing
