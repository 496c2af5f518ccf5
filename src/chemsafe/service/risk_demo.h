// Synthetic risk points for the demo province (issue 7: "the demo province gets risk points … so that the
// pages and the map are populated after `make run`"). For each unit of each enterprise (up to a number per
// enterprise), one risk point whose hazards and measures follow the GHS classes of the chemicals the unit
// holds (fire and explosion for flammables, poisoning for acute toxicity, burns for corrosives), assessed by
// LEC with scores drawn from a seeded generator, saved graded through the service (so the floors apply).
// Every point's name ends in "（演示）": SYNTHETIC, never presented as an enterprise's own assessment.
#pragma once

#include <cstdint>
#include <map>

#include "chemsafe/catalogue/catalogue.h"
#include "chemsafe/core/result.h"
#include "chemsafe/service/risk_service.h"

namespace chemsafe::service {

struct RiskDemoOptions {
  std::uint64_t seed = 2017;
  int per_enterprise = 2;  // units per enterprise that get a point; Default 2
  std::string review_due = "2027-06-30";
};

struct RiskDemoResult {
  int points = 0;
  std::map<risk::RiskGrade, int> by_grade;
  int raised_by_floors = 0;
};

Result<RiskDemoResult> GenerateRiskDemo(RiskStores s, const risk::RiskMethods& methods, const catalogue::Catalogue& catalogue,
                                        const RiskDemoOptions& options);

}  // namespace chemsafe::service
