// Safety liability insurance (安全生产责任保险; issue 7, plan task T33): a policy's state on a date and the
// enterprises without cover. 安全生产法 (2021) Art. 51 requires enterprises of high-risk sectors, dangerous
// chemicals among them, to take out this insurance [U: recalled article number]; the platform lists expiring
// and missing cover for the supervisors of the scope. Pure; safe to call concurrently.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "chemsafe/core/calendar.h"
#include "chemsafe/core/result.h"

namespace chemsafe::credit {

struct Policy {
  std::string enterprise_uscc;
  std::string insurer;
  std::string policy_no;
  Date valid_from;  // first day covered
  Date valid_to;    // last day covered (inclusive)
  std::int64_t insured_amount_fen = 0;  // 保险金额 in fen (1 yuan = 100 fen): integers, no rounding
  int persons_covered = 0;              // 参保人数
};

// InvalidArgument naming the field: enterprise_uscc, insurer, policy_no, valid_from, valid_to (not before
// valid_from), insured_amount_fen (> 0), persons_covered (>= 0).
Status ValidatePolicy(const Policy& p);

enum class PolicyState { kNotYetValid, kValid, kExpiring, kExpired };
std::string_view PolicyStateCode(PolicyState s);  // "not_yet_valid", "valid", "expiring", "expired"

struct CoverOptions {
  int expiring_within_days = 30;  // Default 30: a policy whose last day is at most this many days away expires soon
};

// kExpiring when covered on `on` and valid_to - on <= expiring_within_days; covered means valid_from <= on <=
// valid_to.
PolicyState PolicyStateOn(const Policy& p, Date on, const CoverOptions& options = {});
bool CoveredOn(const Policy& p, Date on);

// The enterprises of `usccs` (in their order, each once) with no policy covering `on`.
std::vector<std::string> MissingCover(const std::vector<std::string>& usccs, const std::vector<Policy>& policies, Date on);

}  // namespace chemsafe::credit
