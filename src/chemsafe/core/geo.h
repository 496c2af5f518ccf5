// Coordinates. Stored as WGS-84 / CGCS2000 longitude and latitude in degrees (DESIGN.md §5); GCJ-02
// (AMap, DataV) is converted at the edge. Pure functions; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "chemsafe/core/result.h"

namespace chemsafe {

struct LonLat {
  double lon_deg = 0;
  double lat_deg = 0;
  friend bool operator==(const LonLat&, const LonLat&) = default;
};

// The extent accepted as "inside China": lon 73.33..135.05, lat 3.51..53.56 (the bounding box of the
// PRC's territory incl. the South China Sea islands). Rejects swapped lon/lat and (0,0).
Result<LonLat> ParseLonLat(double lon_deg, double lat_deg);
bool InChinaExtent(const LonLat& p);

// GCJ-02 <-> WGS-84 (the published "China offset" polynomial; the inverse by fixed-point iteration to
// < 1e-7 degree). Outside China the transform is the identity, as the offset is only applied there.
LonLat Wgs84ToGcj02(const LonLat& wgs);
LonLat Gcj02ToWgs84(const LonLat& gcj);

// Great-circle distance on the WGS-84 mean sphere (R = 6,371,008.8 m), haversine.
double DistanceM(const LonLat& a, const LonLat& b);

// A simple polygon ring or multi-polygon in lon/lat (first ring of each polygon = outer, others = holes).
struct Polygon {
  std::vector<std::vector<LonLat>> rings;
};
struct MultiPolygon {
  std::vector<Polygon> polygons;
};
bool Contains(const MultiPolygon& area, const LonLat& p);  // even-odd rule over all rings
struct BoundingBox {
  double min_lon = 0, min_lat = 0, max_lon = 0, max_lat = 0;
};
BoundingBox Bounds(const MultiPolygon& area);

}  // namespace chemsafe
