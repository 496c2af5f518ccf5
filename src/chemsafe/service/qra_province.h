// The province-wide QRA of plan task T7 (issue 5): every major hazard installation of a scope (the
// registry's units whose latest GB 18218 assessment found one) gets loss-of-containment scenarios from its
// holdings (qra/scenarios.h), all of them are summed together (overlapping risk adds up) on one sparse
// individual-risk grid, every protected target in reach is checked against the GB 36894-2018 limit of its
// class, and each enterprise gets its exceedances, its PLL and a proposed action with a batch — the list
// of plants to close, convert or relocate that T7 asks for. The proposal is a rule table (decision 0007):
// the officer decides.
//
// Frame: local metres on an equirectangular projection about the scope's mean latitude (the east-west
// scale is off by at most 1.7 % across Guangdong's 20–25.5° N; distances inside one footprint are off by
// the same factor). Output geometry is converted back to WGS-84.
//
// Thread-compatible: one run per store connection; the risk engine uses its own threads.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "chemsafe/core/result.h"
#include "chemsafe/qra/risk_measures.h"
#include "chemsafe/reference/qra_files.h"
#include "chemsafe/store/hazard_store.h"
#include "chemsafe/store/qra_store.h"
#include "chemsafe/store/registry_store.h"

namespace chemsafe::service {

struct ProvinceQraOptions {
  std::string division_prefix;       // "4403": a city and below; empty: the whole registry
  double cell_m = 10.0;              // Default: 10 m cells
  bool new_installations = false;    // GB 36894 limits for new installations; Default: in service
  // The weather classes and wind roses in the study format (qra/study.h "weather"). Required.
  nlohmann::json weather;
  // A protected target is "attributed" to an enterprise when the enterprise's own risk there is at least
  // this share of the total (so a plant is named for the risk it adds to an exceedance). Default: 10 %.
  double attribution_share = 0.10;
  // Called with the run's input digest once the inputs are read and before the risk is computed; when it
  // answers true, the run stops there (ProvinceQraResult::stopped): a stored run with the same digest
  // already holds the answer. Default: none (always computed).
  std::function<bool(const std::string& input_digest)> stop_at_digest;
};

// A protected target where the individual risk exceeds its GB 36894 limit.
struct TargetExceedance {
  std::int64_t target_id = 0;
  std::string code, name, kind;
  int target_class = 0;           // registry::TargetClass
  std::string criterion_class;    // the criteria table's class
  double ir_per_yr = 0;           // from every installation
  double own_ir_per_yr = 0;       // from this enterprise's installations
  double limit_per_yr = 0;
  std::string dominant_substance;  // the substance that contributes most of the enterprise's own risk there
  std::string dominant_substance_name;  // its name as the registry declares it
  LonLat at;
};

// A protected target over its limit, whoever adds the risk (the map's exceedance layer).
struct TargetOver {
  std::int64_t target_id = 0;
  std::string code, name, kind, division_code;
  std::string criterion_class;
  LonLat at;
  double ir_per_yr = 0, limit_per_yr = 0;
  std::vector<std::int64_t> enterprise_ids;  // the enterprises it is attributed to
};

enum class ProposedAction { kKeep, kMeasures, kConvert, kRelocate, kClose };
std::string_view ProposedActionCode(ProposedAction a);  // "keep", "measures", "convert", "relocate", "close"
std::string_view ProposedActionZh(ProposedAction a);    // 保留, 限期整改, 转产, 搬迁, 关闭

struct EnterpriseQra {
  std::int64_t enterprise_id = 0;
  std::string uscc, name, division_code, park_code;
  std::vector<std::int64_t> unit_ids;
  std::vector<LonLat> unit_locations;  // of unit_ids, in their order
  double pll_per_yr = 0;
  std::vector<TargetExceedance> exceedances;  // attributed to it, worst first (own IR / limit)
  double worst_ratio = 0;                     // own IR / limit at the worst attributed target
  // The F-N curve of the enterprise's own installations (events with N ≥ 1 fatality) against the GB 36894
  // lines of data/qra/gb36894_fn_lines.csv: "intolerable" (above the upper line somewhere), "alarp"
  // (between the lines), "tolerable", or empty without lines. Provisional while the lines are grade U.
  std::string fn_verdict;
  bool fn_provisional = true;
  double fn_worst_ratio = 0;                  // max F / F_intolerable over the checked N
  std::vector<qra::FnCurvePoint> fn_curve;
  ProposedAction action = ProposedAction::kKeep;
  int batch = 0;                              // 1 first … 3; 0 when kept
  std::vector<std::string> reasons;           // why, in Chinese with the numbers
};

struct ProvinceQraResult {
  std::string method;  // method and data versions, to reproduce the run
  // SM3 (hex) of the method, the options, the data tables and every input read (the scenarios with their
  // places, the weather, the protected targets in reach): the run's version.
  std::string input_digest;
  bool stopped = false;  // options.stop_at_digest stopped the run: only the counts and the digest are set
  int installations = 0, scenarios = 0, outcomes = 0, targets_checked = 0;
  std::vector<std::string> skipped;  // holdings left out, with the reason
  std::vector<EnterpriseQra> enterprises;  // ranked: batch, then worst ratio, then PLL
  std::vector<TargetOver> targets_over;    // worst ratio first
  std::string contours_geojson;            // WGS-84
  double max_ir_per_yr = 0;
  double seconds = 0;
};

Result<ProvinceQraResult> RunProvinceQra(store::RegistryStore& registry, store::HazardStore& hazards,
                                         const reference::QraData& data, const ProvinceQraOptions& options);

// One enterprise's result as JSON (the CLI's relocation_list.json rows and the stored detail): rank,
// batch, action, identity, units with their places, PLL, worst ratio, exceedances, reasons.
nlohmann::ordered_json EnterpriseQraJson(const EnterpriseQra& e, int rank);
// The protected targets over their limits as a GeoJSON FeatureCollection of points (WGS-84).
std::string TargetsOverGeoJson(const ProvinceQraResult& r);

// Stores a computed run (not a stopped one) with a row per enterprise; returns the run's id.
// `run_at`: ISO-8601 UTC text.
Result<std::int64_t> SaveProvinceQra(store::QraStore& store, const ProvinceQraResult& r,
                                     const ProvinceQraOptions& options, bool synthetic_weather,
                                     const std::string& run_at);

}  // namespace chemsafe::service
