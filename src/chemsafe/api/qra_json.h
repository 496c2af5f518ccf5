// The JSON of the QRA routes (docs/api.md, "Quantitative risk assessment"): pure encoders of the stored
// runs and rows (store/qra_store.h) for the platform's handlers.
#pragma once

#include <functional>
#include <string>

#include <nlohmann/json.hpp>

#include "chemsafe/service/qra_views.h"
#include "chemsafe/store/qra_store.h"

namespace chemsafe::api {

// RunSummary: the run's columns and its summary's counts (the holdings left out as a count).
nlohmann::ordered_json QraRunJson(const store::QraRunRecord& run);

// The relocation list; `division_name` names a division code ("广东省深圳市南山区").
nlohmann::ordered_json RelocationListJson(const service::RelocationList& list,
                                          const std::function<std::string(const std::string&)>& division_name);

// An enterprise's latest result with its run, and its history.
nlohmann::ordered_json EnterpriseQraViewJson(const service::EnterpriseQraView& view);

}  // namespace chemsafe::api
