// A synthetic history of inspections and hidden-hazard findings for the demo province (issue 7: "the demo
// province gets … a history of inspections and findings", so that the lists, the overdue view with its
// escalation and the statistics are populated after `make run`).
//
// For the registry's enterprises, over the ~18 months before `today`: government inspections (by two county
// officers of the enterprise's division, with the 2017 checklist of major hidden hazards) and self-inspections
// (by the enterprise's safety manager), and their findings, mostly general (一般隐患), a few major (重大隐患)
// under a criterion of 安监总管三〔2017〕121号 and put under listed supervision (挂牌督办). Each finding is taken
// through the closed loop by the service use cases (service/inspect_service.h), so every state is reached by
// real transitions and audited: reported, planned (in progress), rectified, rejected at acceptance and redone,
// accepted, closed; a share left overdue so that escalation shows. Acceptance is by a second person: the county
// officer who did not report it (government findings), the enterprise's principal (self-inspection findings),
// never the one who reported the rectification.
//
// Deterministic for a seed, the registry and `today`. Every text is SYNTHETIC and says so ("（演示）"): never
// presented as an enterprise's real record. Thread-safety: as the stores passed in.
#pragma once

#include <cstdint>
#include <map>

#include "chemsafe/core/calendar.h"
#include "chemsafe/core/result.h"
#include "chemsafe/inspect/checklist.h"
#include "chemsafe/inspect/finding.h"
#include "chemsafe/service/inspect_service.h"

namespace chemsafe::service {

struct InspectDemoOptions {
  int history_days = 540;          // Default: about 18 months before `today`
  // The default shares keep `make run` within seconds: each step of each finding is one audited transaction,
  // committed with synchronous=FULL (about 4-5 ms each on a plain disk). For 2,000 enterprises they give
  // about 170 inspections and 200 findings; raise them for a fuller history (at 0.4 and 0.15, about 1,300
  // inspections and 1,600 findings, ~45 s).
  double inspected_share = 0.05;   // Default: 5 % of the enterprises had a government inspection
  double self_share = 0.02;        // Default: 2 % recorded a self-inspection
  double major_share = 0.05;       // Default: 5 % of the government findings are major
};

struct InspectDemoResult {
  int inspections = 0;
  int findings = 0;
  int major = 0;
  int rejected = 0;  // findings that failed an acceptance at least once
  std::map<inspect::FindingState, int> by_state;
  int overdue = 0;   // overdue on `today` (default escalation rules)
};

// `major_criteria`: the 20 items of 安监总管三〔2017〕121号 (inspect/checklist_file.h
// LoadMajorHiddenHazardCriteria), whose codes and texts the major findings cite. InvalidArgument for a
// checklist without items or shares outside [0, 1]; the service's errors otherwise (the writes done before
// stay, each in its own transaction).
Result<InspectDemoResult> GenerateInspectDemo(InspectStores s, std::uint64_t seed, Date today,
                                              const inspect::Checklist& major_criteria,
                                              const InspectDemoOptions& options = {});

}  // namespace chemsafe::service
