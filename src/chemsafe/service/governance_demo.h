// A synthetic history of the plan's reporting for the demo province (issue 8: the dashboard, the status matrix,
// the timeline and the notice are populated after `make run`). Loads the plan given (unless its code is loaded)
// and files, through the service use cases (governance_service.h), audited and dated on their filing days:
// every reporting unit's liaison names, implementation plan, quarterly reports and summary — most on time (in
// the last working days before the due date), a share late (1–20 days after), a few never filed; quarterly
// reports give every task of the unit a percentage that grows over the plan's period, completed tasks once
// their deadline is near. The province office reminds the units of reports still missing three days after the
// due date and comments on some reports. Only obligations due before `today` are filed.
//
// Deterministic for a seed, the plan and `today`. Every text is SYNTHETIC and says so ("（演示数据）"); the
// liaison names and phone numbers are made up ("演示联络员", 020-0000xxxx).
// Thread-safety: as the store passed in.
#pragma once

#include <cstdint>
#include <string>

#include "chemsafe/core/calendar.h"
#include "chemsafe/core/result.h"
#include "chemsafe/service/governance_service.h"

namespace chemsafe::service {

struct GovernanceDemoOptions {
  double late_share = 0.10;     // Default: 10 % of the obligations filed late
  double missing_share = 0.04;  // Default: 4 % never filed
  double comment_share = 0.03;  // Default: the office comments on 3 % of the quarterly reports
};

struct GovernanceDemoResult {
  std::int64_t plan_id = 0;
  bool plan_loaded = false;  // false: the plan was loaded before
  int reports = 0, late = 0, missing = 0, reminders = 0, comments = 0;
};

// InvalidArgument for shares outside [0, 1]; FailedPrecondition when the plan has reports already (the demo
// fills an empty history only); the service's errors otherwise (the writes done before stay).
Result<GovernanceDemoResult> GenerateGovernanceDemo(store::GovernanceStore& g, const WorkingCalendar& calendar,
                                                    const std::string& plan_json, const std::string& units_json,
                                                    std::uint64_t seed, Date today,
                                                    const GovernanceDemoOptions& options = {});

}  // namespace chemsafe::service
