// Individual-risk contours of the qra module (issue 5): for each threshold the region IR ≥ threshold of a
// RiskMap as polygons (closed rings by marching squares over the cell centres, linear interpolation along
// the cell edges, saddles resolved by the mean of the four corners), as GeoJSON in local metres (the
// caller converts to lon/lat), and per installation the external safety distance of GB/T 37243-2019: the
// largest distance from the installation (its source points) to the contour. Default thresholds: the
// individual-risk criteria of GB 36894-2018 / the 2014 SAWS trial standard (qra-cases.md G4) 1e-5, 3e-6,
// 3e-7 per year, and 1e-6 (the Purple Book's and SAWS order 40's residential line).
//
// Pure: no I/O. Safe to call concurrently.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "chemsafe/core/result.h"
#include "chemsafe/qra/risk_grid.h"

namespace chemsafe::qra {

struct ContourOptions {
  std::vector<double> thresholds_per_yr = {1e-5, 3e-6, 1e-6, 3e-7};  // Default: see the file comment
};

// A polygon of the region IR ≥ threshold: rings closed (first point = last), the exterior counterclockwise
// and the holes clockwise (RFC 7946 §3.1.6).
struct ContourPolygon {
  std::vector<PointM> exterior;
  std::vector<std::vector<PointM>> holes;
};

struct SafetyDistance {
  std::string installation_id;
  // The largest distance (m) from the installation's nearest source point to a point of the contour lying
  // within the installation's reach (where its own footprints can contribute); none when no contour of
  // this threshold lies within its reach.
  std::optional<double> distance_m;
};

struct RiskContour {
  double threshold_per_yr = 0;
  std::vector<ContourPolygon> polygons;
  std::vector<SafetyDistance> distances;  // one per installation, in the model's order
};

// The contours of `map` (computed from `model`) at each threshold. InvalidArgument naming the threshold
// when one is not > 0.
Result<std::vector<RiskContour>> TraceContours(const RiskMap& map, const RiskModel& model,
                                               const ContourOptions& options = {});

// A GeoJSON FeatureCollection (local metres): one Feature per threshold, a MultiPolygon with the properties
// {"ir_per_yr": threshold}.
std::string ContoursGeoJson(const std::vector<RiskContour>& contours);

}  // namespace chemsafe::qra
