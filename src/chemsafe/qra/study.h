// A self-contained QRA study in local metres (`chemsafe qra study`, issue 5): installations with
// scenarios (loss-of-containment events with frequencies) whose outcomes carry a lethality footprint,
// weather classes with wind roses, population points and receptor points → the individual-risk grid's
// summary, the risk at the points, the contours' external safety distances (GB/T 37243-2019), the F-N
// points and the PLL.
//
// An outcome's footprint is one of:
//   {"kind": "lethality_table", "distance_m": [...], "probability": [...]}   (results of another tool)
//   {"kind": "model", "model": NAME, "inputs": {...}, "probit": {...}}         (radial: fires, explosions)
//       the registry's model is evaluated at sampled distances (its `distance_m` input, the fireball's
//       `ground_distance_m`, or the key named by "distance_key"), its flux
//       (incident_flux_w_m2) or overpressure (overpressure_pa, impulse_pa_s) goes into the `probit` model
//       with the probit's own keys (kind, duration_s, …), giving P against distance;
//   {"kind": "toxic_plume", "release": {release_rate_kg_s, release_height_m, sigma_set},
//    "probit": {kind "toxic", substance or constants, duration_s}}            (directional, per weather)
//       the Gaussian plume of each weather class (its stability and wind speed) sampled downwind and
//       crosswind, each concentration through the toxic probit.
// The sampling is explicit in StudyOptions. Conventions of the sum (wind rose, sectors, cells): risk_grid.h.
//
// Pure: no I/O. Thread-compatible (ComputeIndividualRisk uses its own threads).
#pragma once

#include <nlohmann/json.hpp>

#include "chemsafe/core/result.h"
#include "chemsafe/qra/model_registry.h"
#include "chemsafe/qra/risk_grid.h"

namespace chemsafe::qra {

struct StudyOptions {
  // Radial footprints: distances from first_m to max_m, geometric with `radial_samples` points.
  double radial_first_m = 1.0;       // Default: 1 m
  double radial_max_m = 10000.0;     // Default: 10 km (beyond it P is taken as 0)
  int radial_samples = 200;          // Default: 200
  // Directional footprints: downwind first_m … max_m geometric, crosswind 0 … max_m linear.
  double downwind_first_m = 5.0;     // Default: 5 m
  double downwind_max_m = 10000.0;   // Default: 10 km
  int downwind_samples = 80;         // Default: 80
  double crosswind_max_m = 1000.0;   // Default: 1 km each side
  int crosswind_samples = 60;        // Default: 60
  // Lethality below this is 0 (a footprint ends where it falls below it).
  double min_probability = 1e-6;     // Default: 1e-6
};

// The risk model of the study's JSON (its installations and weather); errors name the JSON path
// ("installations[0].scenarios[1].outcomes[0].effect.probit.kind: …").
Result<RiskModel> BuildStudyModel(const nlohmann::json& study, const ModelRegistry& registry,
                                  const StudyOptions& options = {});

// The whole study: the model, the IR grid (study "grid": {"cell_m"}), the points, contours
// ("contours_per_yr", default 1e-5, 3e-6, 1e-6, 3e-7), societal risk ("population"). `geojson`, when not
// null, receives the contours as GeoJSON in local metres.
Result<nlohmann::json> RunStudy(const nlohmann::json& study, const ModelRegistry& registry,
                                const StudyOptions& options = {}, std::string* geojson = nullptr);

}  // namespace chemsafe::qra
