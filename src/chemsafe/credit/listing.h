// A listing on the blacklist of serious safety-production dishonesty (安全生产严重失信主体名单; issue 7, plan
// tasks T25–T27, T33): what a listing must carry, how long it lasts, when it is in force and published, and
// when credit repair (信用修复) may take it off early. Pure; safe to call concurrently.
//
// Sources:
//  - 安全生产严重失信主体名单管理办法 (应急管理部令第11号, effective 2023-10-01) Art. 4: "谁处罚、谁决定、谁负责" —
//    the emergency-management department that made the penalty decision lists [V: text read at
//    kmsl.gov.cn/c/2024-12-31/6949432.shtml].
//  - Listing period (管理期限) 3 years; early removal on application after 12 months listed if corrected and
//    not re-offended; publication on the credit websites [U: as summarised by 山西省应急管理厅's implementing
//    rules (中新网 2024), article numbers of the 办法 not verified].
//  - Periods in years: 民法典 Art. 201 (the first day is not counted) and Art. 202 (the period ends on the
//    corresponding day of the last month; the month's last day when it has none) [U: recalled].
//    So a listing decided on 2024-01-10 is in force through 2027-01-10 and may be removed early from
//    2025-01-11; one decided on 2024-02-29 is in force through 2027-02-28.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "chemsafe/core/calendar.h"
#include "chemsafe/core/result.h"

namespace chemsafe::credit {

// How a listing came off the list. Persisted as its code: append-only.
enum class RemovalKind : int {
  kExpired = 1,  // 管理期满移出
  kEarly = 2,    // 提前移出 after credit repair
  kRevoked = 3,  // 撤销 (the listing decision or its penalty was revoked)
};
std::string_view RemovalKindCode(RemovalKind k);  // "expired", "early", "revoked"
std::string_view RemovalKindLabelZh(RemovalKind k);
std::optional<RemovalKind> RemovalKindFromCode(std::string_view code);

// The decision on a credit repair application. Persisted as its code: append-only.
enum class RepairDecision : int {
  kNone = 0,      // no application
  kPending = 1,   // applied, not decided
  kApproved = 2,  // approved: the listing is removed early
  kRejected = 3,
};
std::string_view RepairDecisionCode(RepairDecision d);  // "none", "pending", "approved", "rejected"
std::optional<RepairDecision> RepairDecisionFromCode(std::string_view code);

struct Repair {
  RepairDecision decision = RepairDecision::kNone;
  Date applied_on;  // default Date when none
  std::string note;  // the applicant's statement of correction
  Date decided_on;  // default Date until decided
};

struct Listing {
  std::string uscc;
  std::string enterprise_name;
  std::string reason;         // 列入事由
  std::string legal_basis;    // 列入依据 (article of the 办法 and of the penalty's law)
  std::string decision_unit;  // 作出列入决定的部门 (who penalised: Art. 4)
  std::string decision_no;    // 决定书文号; may be empty
  Date decided_on;            // the listing decision's date; the period counts from it
  std::string division_code;  // the deciding unit's area (scope)
  bool publish = true;        // shown on the public list while in force
  std::optional<RemovalKind> removal;
  Date removed_on;            // the first day it is no longer listed, when removed
  std::string removal_note;
  Repair repair;
};

struct ListingRules {
  int period_years = 3;        // Default 3 years (管理期限) [U]
  int early_after_months = 12;  // Default 12 months listed before early removal (满12个月) [U]
};

// InvalidArgument naming the first missing field: uscc, enterprise_name, reason, legal_basis, decision_unit,
// decided_on.
Status ValidateListing(const Listing& l);

// `from` plus `months` calendar months, the day as in 民法典 Art. 202: the corresponding day, or the month's
// last day when the month has none (2024-02-29 + 12 months = 2025-02-28).
Date AddMonths(Date from, int months);

// The last day the listing's period keeps it listed (decided_on + period, Art. 201/202).
Date PeriodLastDay(const Listing& l, const ListingRules& rules = {});
// The exclusive end of the listing: the day after its last day, or the day it was removed when earlier. The
// trace checks read this as the blacklist's ended_on.
Date EndsOn(const Listing& l, const ListingRules& rules = {});
// The first day an early removal may take effect (the day after 12 months listed).
Date EarlyRemovalFrom(const Listing& l, const ListingRules& rules = {});

bool InForceOn(const Listing& l, Date on, const ListingRules& rules = {});
bool PublishedOn(const Listing& l, Date on, const ListingRules& rules = {});

// Whether the listing may be removed as `kind` on `on` (taking effect that day). FailedPrecondition saying
// why not: already removed, not in force on `on`, early removal before EarlyRemovalFrom or without a repair
// application (pending or approved), expiry before the period ended (expiry takes effect on EndsOn at the
// earliest; on a later day it is still recorded as ending the day after the last day).
Status CheckRemoval(const Listing& l, RemovalKind kind, Date on, const ListingRules& rules = {});

// Whether a credit repair may be applied for on `on`: the listing is in force, none is pending, and
// `on` >= EarlyRemovalFrom. FailedPrecondition otherwise.
Status CheckRepairApplication(const Listing& l, Date on, const ListingRules& rules = {});

}  // namespace chemsafe::credit
