#include "chemsafe/core/geo.h"

#include <cmath>
#include <numbers>

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

namespace chemsafe {
namespace {

TEST(GeoTest, ChinaExtent) {
  EXPECT_TRUE(InChinaExtent({113.3245, 23.1064}));
  EXPECT_FALSE(InChinaExtent({0, 0}));
  EXPECT_FALSE(InChinaExtent({23.1064, 113.3245}));
  EXPECT_TRUE(ParseLonLat(113.3245, 23.1064).ok());
  auto swapped = ParseLonLat(23.1064, 113.3245);
  ASSERT_FALSE(swapped.ok());
  EXPECT_NE(swapped.status().message().find("swapped"), std::string::npos);
  EXPECT_FALSE(ParseLonLat(0, 0).ok());
  EXPECT_FALSE(ParseLonLat(NAN, 23).ok());
}

// Test vectors of googollee/eviltransform (python/test.py: Shanghai, Shenzhen, Beijing), an independent
// implementation of the same published transform. Tolerance 1e-9 degree (about 0.1 mm).
TEST(GeoTest, Wgs84ToGcj02MatchesPublishedVectors) {
  struct V {
    double wgs_lat, wgs_lon, gcj_lat, gcj_lon;
  };
  for (const V& v : {V{31.1774276, 121.5272106, 31.17530398364597, 121.531541859215},
                     V{22.543847, 113.912316, 22.540796131694766, 113.9171764808363},
                     V{39.911954, 116.377817, 39.91334545536069, 116.38404722455657}}) {
    LonLat g = Wgs84ToGcj02({v.wgs_lon, v.wgs_lat});
    EXPECT_NEAR(g.lon_deg, v.gcj_lon, 1e-9);
    EXPECT_NEAR(g.lat_deg, v.gcj_lat, 1e-9);
    LonLat w = Gcj02ToWgs84({v.gcj_lon, v.gcj_lat});
    EXPECT_NEAR(w.lon_deg, v.wgs_lon, 1e-7);
    EXPECT_NEAR(w.lat_deg, v.wgs_lat, 1e-7);
  }
}

TEST(GeoTest, TransformIsIdentityOutsideChina) {
  LonLat paris{2.3522, 48.8566};
  EXPECT_EQ(Wgs84ToGcj02(paris), paris);
  EXPECT_EQ(Gcj02ToWgs84(paris), paris);
}

// Property: GCJ-02 -> WGS-84 inverts WGS-84 -> GCJ-02 to within 1e-6 degree anywhere in China's extent.
RC_GTEST_PROP(GeoProperty, RoundTripWithinOneMicrodegree, ()) {
  const int lon_e6 = *rc::gen::inRange(73'330'000, 135'050'000);
  const int lat_e6 = *rc::gen::inRange(3'510'000, 53'560'000);
  LonLat wgs{lon_e6 / 1e6, lat_e6 / 1e6};
  LonLat back = Gcj02ToWgs84(Wgs84ToGcj02(wgs));
  RC_ASSERT(std::fabs(back.lon_deg - wgs.lon_deg) < 1e-6);
  RC_ASSERT(std::fabs(back.lat_deg - wgs.lat_deg) < 1e-6);
}

// One degree of latitude on a sphere of R = 6,371,008.8 m is πR/180 = 111,195.08 m (analytic).
TEST(GeoTest, HaversineDistance) {
  const double one_degree_m = std::numbers::pi * 6371008.8 / 180.0;
  EXPECT_NEAR(DistanceM({113.0, 23.0}, {113.0, 24.0}), one_degree_m, 1e-6);
  EXPECT_NEAR(one_degree_m, 111195.08, 0.01);
  EXPECT_DOUBLE_EQ(DistanceM({113.0, 23.0}, {113.0, 23.0}), 0.0);
  // Along the equator the same holds for longitude.
  EXPECT_NEAR(DistanceM({100.0, 0.0}, {101.0, 0.0}), one_degree_m, 1e-6);
  // Symmetric.
  EXPECT_DOUBLE_EQ(DistanceM({113.3, 23.1}, {114.05, 22.54}), DistanceM({114.05, 22.54}, {113.3, 23.1}));
}

MultiPolygon SquareWithHole() {
  Polygon p;
  p.rings.push_back({{0, 0}, {10, 0}, {10, 10}, {0, 10}, {0, 0}});
  p.rings.push_back({{4, 4}, {6, 4}, {6, 6}, {4, 6}, {4, 4}});
  Polygon q;
  q.rings.push_back({{20, 20}, {22, 20}, {22, 22}, {20, 22}});
  return MultiPolygon{{p, q}};
}

TEST(GeoTest, PointInMultiPolygon) {
  MultiPolygon m = SquareWithHole();
  EXPECT_TRUE(Contains(m, {1, 1}));
  EXPECT_TRUE(Contains(m, {9, 5}));
  EXPECT_FALSE(Contains(m, {5, 5}));  // in the hole
  EXPECT_TRUE(Contains(m, {21, 21}));
  EXPECT_FALSE(Contains(m, {15, 15}));
  EXPECT_FALSE(Contains(m, {-1, 5}));
  EXPECT_FALSE(Contains(MultiPolygon{}, {1, 1}));
}

TEST(GeoTest, Bounds) {
  BoundingBox b = Bounds(SquareWithHole());
  EXPECT_EQ(b.min_lon, 0);
  EXPECT_EQ(b.min_lat, 0);
  EXPECT_EQ(b.max_lon, 22);
  EXPECT_EQ(b.max_lat, 22);
}

}  // namespace
}  // namespace chemsafe
