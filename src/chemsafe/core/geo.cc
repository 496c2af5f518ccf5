#include "chemsafe/core/geo.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

#include <fmt/format.h>

namespace chemsafe {
namespace {

constexpr double kPi = std::numbers::pi;

// The GCJ-02 ("Mars coordinates") offset as published in the open re-implementations of the
// confidential transform (googollee/eviltransform, transform.c; the same constants appear in every
// public port): a Krasovsky 1940 ellipsoid with a = 6,378,245 m and e² = 0.00669342162296594323.
constexpr double kKrasovskyA = 6378245.0;
constexpr double kKrasovskyEe = 0.00669342162296594323;

// The rectangle inside which the offset is applied (eviltransform's outOfChina()).
bool OffsetApplies(const LonLat& p) {
  return p.lon_deg >= 72.004 && p.lon_deg <= 137.8347 && p.lat_deg >= 0.8293 && p.lat_deg <= 55.8271;
}

double TransformLat(double x, double y) {
  double ret = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * std::sqrt(std::fabs(x));
  ret += (20.0 * std::sin(6.0 * x * kPi) + 20.0 * std::sin(2.0 * x * kPi)) * 2.0 / 3.0;
  ret += (20.0 * std::sin(y * kPi) + 40.0 * std::sin(y / 3.0 * kPi)) * 2.0 / 3.0;
  ret += (160.0 * std::sin(y / 12.0 * kPi) + 320.0 * std::sin(y * kPi / 30.0)) * 2.0 / 3.0;
  return ret;
}

double TransformLon(double x, double y) {
  double ret = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * std::sqrt(std::fabs(x));
  ret += (20.0 * std::sin(6.0 * x * kPi) + 20.0 * std::sin(2.0 * x * kPi)) * 2.0 / 3.0;
  ret += (20.0 * std::sin(x * kPi) + 40.0 * std::sin(x / 3.0 * kPi)) * 2.0 / 3.0;
  ret += (150.0 * std::sin(x / 12.0 * kPi) + 300.0 * std::sin(x / 30.0 * kPi)) * 2.0 / 3.0;
  return ret;
}

// The offset (GCJ - WGS) in degrees at a WGS-84 point.
LonLat Offset(const LonLat& wgs) {
  double dlat = TransformLat(wgs.lon_deg - 105.0, wgs.lat_deg - 35.0);
  double dlon = TransformLon(wgs.lon_deg - 105.0, wgs.lat_deg - 35.0);
  double rad_lat = wgs.lat_deg / 180.0 * kPi;
  double magic = std::sin(rad_lat);
  magic = 1 - kKrasovskyEe * magic * magic;
  double sqrt_magic = std::sqrt(magic);
  dlat = (dlat * 180.0) / ((kKrasovskyA * (1 - kKrasovskyEe)) / (magic * sqrt_magic) * kPi);
  dlon = (dlon * 180.0) / (kKrasovskyA / sqrt_magic * std::cos(rad_lat) * kPi);
  return {dlon, dlat};
}

}  // namespace

bool InChinaExtent(const LonLat& p) {
  // Bounding box of the PRC's territory: westernmost point 73.33°E (Pamir), easternmost 135.05°E
  // (Heilongjiang/Ussuri confluence), southernmost 3.51°N (Zengmu Ansha), northernmost 53.56°N (Mohe).
  return std::isfinite(p.lon_deg) && std::isfinite(p.lat_deg) && p.lon_deg >= 73.33 && p.lon_deg <= 135.05 &&
         p.lat_deg >= 3.51 && p.lat_deg <= 53.56;
}

Result<LonLat> ParseLonLat(double lon_deg, double lat_deg) {
  if (!std::isfinite(lon_deg) || !std::isfinite(lat_deg)) {
    return InvalidArgument("coordinates must be finite numbers");
  }
  LonLat p{lon_deg, lat_deg};
  if (InChinaExtent(p)) return p;
  if (InChinaExtent(LonLat{lat_deg, lon_deg})) {
    return InvalidArgument(fmt::format(
        "coordinates ({}, {}) are outside China; longitude and latitude look swapped (expected lon, lat)", lon_deg,
        lat_deg));
  }
  return InvalidArgument(fmt::format(
      "coordinates ({}, {}) are outside China's extent (longitude 73.33..135.05, latitude 3.51..53.56)", lon_deg,
      lat_deg));
}

LonLat Wgs84ToGcj02(const LonLat& wgs) {
  if (!OffsetApplies(wgs)) return wgs;
  LonLat d = Offset(wgs);
  return {wgs.lon_deg + d.lon_deg, wgs.lat_deg + d.lat_deg};
}

LonLat Gcj02ToWgs84(const LonLat& gcj) {
  if (!OffsetApplies(gcj)) return gcj;
  // Fixed-point iteration wgs_{k+1} = gcj - offset(wgs_k): the offset varies by < 1e-5 per degree, so
  // the error shrinks by about five orders of magnitude per step; stop below 1e-9 degree.
  LonLat wgs = gcj;
  for (int i = 0; i < 30; ++i) {
    LonLat d = Offset(wgs);
    LonLat next{gcj.lon_deg - d.lon_deg, gcj.lat_deg - d.lat_deg};
    bool done = std::fabs(next.lon_deg - wgs.lon_deg) < 1e-10 && std::fabs(next.lat_deg - wgs.lat_deg) < 1e-10;
    wgs = next;
    if (done) break;
  }
  return wgs;
}

double DistanceM(const LonLat& a, const LonLat& b) {
  // Mean radius R1 of the WGS-84 ellipsoid (IUGG; Moritz, "Geodetic Reference System 1980").
  constexpr double kEarthRadiusM = 6371008.8;
  double lat1 = a.lat_deg * kPi / 180.0, lat2 = b.lat_deg * kPi / 180.0;
  double dlat = lat2 - lat1;
  double dlon = (b.lon_deg - a.lon_deg) * kPi / 180.0;
  double s1 = std::sin(dlat / 2), s2 = std::sin(dlon / 2);
  double h = s1 * s1 + std::cos(lat1) * std::cos(lat2) * s2 * s2;
  h = std::min(1.0, h);
  return 2.0 * kEarthRadiusM * std::asin(std::sqrt(h));
}

bool Contains(const MultiPolygon& area, const LonLat& p) {
  // Even-odd ray casting (W. R. Franklin, PNPOLY) over every ring: a hole toggles the result back.
  bool inside = false;
  for (const Polygon& poly : area.polygons) {
    for (const auto& ring : poly.rings) {
      size_t n = ring.size();
      if (n < 3) continue;
      for (size_t i = 0, j = n - 1; i < n; j = i++) {
        const LonLat& pi = ring[i];
        const LonLat& pj = ring[j];
        if ((pi.lat_deg > p.lat_deg) != (pj.lat_deg > p.lat_deg)) {
          double x = (pj.lon_deg - pi.lon_deg) * (p.lat_deg - pi.lat_deg) / (pj.lat_deg - pi.lat_deg) + pi.lon_deg;
          if (p.lon_deg < x) inside = !inside;
        }
      }
    }
  }
  return inside;
}

BoundingBox Bounds(const MultiPolygon& area) {
  BoundingBox b{std::numeric_limits<double>::infinity(), std::numeric_limits<double>::infinity(),
                -std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity()};
  bool any = false;
  for (const Polygon& poly : area.polygons) {
    for (const auto& ring : poly.rings) {
      for (const LonLat& p : ring) {
        any = true;
        b.min_lon = std::min(b.min_lon, p.lon_deg);
        b.min_lat = std::min(b.min_lat, p.lat_deg);
        b.max_lon = std::max(b.max_lon, p.lon_deg);
        b.max_lat = std::max(b.max_lat, p.lat_deg);
      }
    }
  }
  if (!any) return BoundingBox{};
  return b;
}

}  // namespace chemsafe
