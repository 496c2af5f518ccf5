// Reading governance plans and their unit list from files (data/governance/; issue 8). Reads files;
// thread-compatible. Errors name the file, then the JSON path (governance/plan.h).
#pragma once

#include <string>

#include "chemsafe/core/result.h"
#include "chemsafe/governance/plan.h"

namespace chemsafe::governance {

inline constexpr std::string_view kDefaultPlanFile = "governance/guangdong-2017-plan.json";  // under the data dir
inline constexpr std::string_view kUnitsFileName = "units.json";

struct LoadedPlan {
  UnitList units;
  Plan plan;
  std::string units_path;  // where the units came from
};

Result<UnitList> LoadUnitList(const std::string& path);
Result<Plan> LoadPlan(const std::string& path, const UnitList& units);
// The plan at `plan_path` with the units.json beside it, or else `data_dir`/governance/units.json.
Result<LoadedPlan> LoadPlanWithUnits(const std::string& plan_path, const std::string& data_dir);

}  // namespace chemsafe::governance
