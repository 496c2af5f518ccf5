// Risk points of the enterprises (issue 7; plan tasks T4, T9): saved graded (the floors from the registry
// and the GB 18218 assessments: the unit's major-hazard grade, its key supervised processes), versioned and
// audited; read bounded by the caller's scope (as the traceability views: the province office and the
// departments see all; city and county officers the enterprises of their division; grid officers their
// assigned enterprises; an enterprise user its own). An enterprise user writes its own enterprise's points,
// the province office any; other roles read only.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "chemsafe/core/result.h"
#include "chemsafe/risk/grading.h"
#include "chemsafe/risk/risk_point.h"
#include "chemsafe/service/access.h"
#include "chemsafe/store/hazard_store.h"
#include "chemsafe/store/registry_store.h"
#include "chemsafe/store/risk_store.h"

namespace chemsafe::service {

struct RiskStores {
  store::RegistryStore& registry;
  store::HazardStore& hazard;
  store::RiskStore& risk;
};

// What the floors look at for a point of `uscc` in `unit_code` (empty: an area outside the units): the
// unit's latest GB 18218 grade when it is a major hazard installation, and whether it runs a key process.
// NotFound when the enterprise, or the unit named, is not in the registry.
Result<risk::RiskFacts> RiskFactsOf(RiskStores s, const std::string& uscc, const std::string& unit_code);

// Grades and stores a new point (id 0) or a change (id and version of the stored one) for the caller, at
// `at` (UTC text), audited. PermissionDenied for a caller who may not write it; InvalidArgument naming the
// field; FailedPrecondition when someone else changed it first. Returns the point as stored.
Result<risk::RiskPoint> SaveRiskPointAs(RiskStores s, const risk::RiskMethods& methods, const Actor& actor,
                                        const std::string& at, risk::RiskPoint point);

struct RiskPointQuery {
  std::optional<risk::RiskGrade> min_grade;
  std::string enterprise_uscc;  // when not empty: that enterprise only
  int offset = 0;
  int limit = 500;
};
// The points in the caller's scope, in id order.
Result<std::vector<risk::RiskPoint>> ListRiskPointsInScope(RiskStores s, const Principal& who, const RiskPointQuery& q);
// One point (at `version`, default the current one) when in scope; NotFound otherwise (as if it did not exist).
Result<risk::RiskPoint> RiskPointInScope(RiskStores s, const Principal& who, std::int64_t id,
                                         std::optional<int> version = std::nullopt);

// The point as JSON (the store's body, the CLI's --json and the API), and back: errors name the JSON path
// ("measures[1].category: \"plan\" is not one of engineering, management, training, ppe, emergency").
nlohmann::ordered_json RiskPointJson(const risk::RiskPoint& p);
Result<risk::RiskPoint> RiskPointFromJson(const nlohmann::json& j);

}  // namespace chemsafe::service
