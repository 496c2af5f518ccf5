// Tests of the IR contours: G6 (a circular effect's contour is a circle of radius R within a cell) and the
// external safety distance of G4 (GB/T 37243-2019: the contour's distance from the installation for each
// threshold), of /work/shared/reference/qra-cases.md; holes, saddles and the GeoJSON on constructed maps.
#include "chemsafe/qra/contours.h"

#include <cmath>
#include <numbers>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace chemsafe::qra {
namespace {

RiskModel Circles(std::vector<std::pair<PointM, double>> centres_radii, double f) {
  RiskModel m;
  WeatherClass w;
  w.probability = 1.0;
  w.wind_rose.assign(12, 1.0 / 12);
  m.weather = {w};
  for (std::size_t k = 0; k < centres_radii.size(); ++k) {
    RiskOutcome o;
    o.id = "circle";
    o.x_m = centres_radii[k].first.x_m;
    o.y_m = centres_radii[k].first.y_m;
    o.frequency_per_yr = f;
    o.by_weather = {RadialLethality{{centres_radii[k].second}, {1.0}}};
    m.installations.push_back({"inst" + std::to_string(k), {o}});
  }
  return m;
}

// A map of one tile at the origin whose cells hold value(i, j).
template <typename F>
RiskMap OneTile(double cell_m, F value) {
  RiskMap::Tile t;
  t.ir_per_yr.resize(RiskMap::kTileCells * RiskMap::kTileCells);
  for (int j = 0; j < RiskMap::kTileCells; ++j) {
    for (int i = 0; i < RiskMap::kTileCells; ++i) t.ir_per_yr[static_cast<std::size_t>(j * RiskMap::kTileCells + i)] = value(i, j);
  }
  return RiskMap(cell_m, 0.0, 0.0, {t});
}

double Area(const std::vector<PointM>& ring) {
  double a = 0;
  for (std::size_t k = 0; k + 1 < ring.size(); ++k) a += ring[k].x_m * ring[k + 1].y_m - ring[k + 1].x_m * ring[k].y_m;
  return a / 2;
}

// G6: the contour of a circular effect (IR = f inside R) is one closed ring within a cell of radius R;
// G4: its safety distance is R within a cell. Thresholds above f give nothing.
TEST(ContoursTest, CircularEffectGivesACircleOfRadiusR_G6) {
  const double f = 1e-5, radius = 95.0, cell = 10.0;
  const RiskModel m = Circles({{{1000, 2000}, radius}}, f);
  auto map = ComputeIndividualRisk(m);
  ASSERT_TRUE(map.ok());
  ContourOptions options;
  options.thresholds_per_yr = {3e-6, 3e-5};
  auto contours = TraceContours(*map, m, options);
  ASSERT_TRUE(contours.ok()) << contours.status().ToString();
  ASSERT_EQ(contours->size(), 2u);
  const RiskContour& c = (*contours)[0];
  ASSERT_EQ(c.polygons.size(), 1u);
  EXPECT_TRUE(c.polygons[0].holes.empty());
  const auto& ring = c.polygons[0].exterior;
  ASSERT_GT(ring.size(), 40u);
  EXPECT_EQ(ring.front().x_m, ring.back().x_m);
  EXPECT_EQ(ring.front().y_m, ring.back().y_m);
  for (const PointM& p : ring) EXPECT_NEAR(std::hypot(p.x_m - 1000, p.y_m - 2000), radius, cell);
  EXPECT_NEAR(Area(ring), std::numbers::pi * radius * radius, 0.05 * std::numbers::pi * radius * radius);
  ASSERT_TRUE(c.distances[0].distance_m.has_value());
  EXPECT_NEAR(*c.distances[0].distance_m, radius, cell);
  EXPECT_TRUE((*contours)[1].polygons.empty());
  EXPECT_FALSE((*contours)[1].distances[0].distance_m.has_value());
}

// G4 (GB/T 37243 distances per installation): two installations far apart each get their own distance.
TEST(ContoursTest, SafetyDistancePerInstallation_G4) {
  const RiskModel m = Circles({{{0, 0}, 95.0}, {{5000, 0}, 305.0}}, 1e-5);
  auto map = ComputeIndividualRisk(m);
  ASSERT_TRUE(map.ok());
  auto contours = TraceContours(*map, m);  // default thresholds 1e-5, 3e-6, 1e-6, 3e-7
  ASSERT_TRUE(contours.ok());
  ASSERT_EQ(contours->size(), 4u);
  for (std::size_t k = 1; k < 4; ++k) {
    const RiskContour& c = (*contours)[k];
    EXPECT_EQ(c.polygons.size(), 2u);
    EXPECT_NEAR(*c.distances[0].distance_m, 95.0, 10.0);
    EXPECT_NEAR(*c.distances[1].distance_m, 305.0, 10.0);
  }
  // At 1e-5 = f the region is every cell inside R (IR ≥ threshold holds exactly there).
  EXPECT_EQ((*contours)[0].polygons.size(), 2u);
}

TEST(ContoursTest, AnnulusHasAClockwiseHole) {
  const RiskMap map = OneTile(1.0, [](int i, int j) {
    const double r = std::hypot(i - 31.5, j - 31.5);
    return r > 10 && r < 25 ? 1.0 : 0.0;
  });
  ContourOptions options;
  options.thresholds_per_yr = {0.5};
  auto contours = TraceContours(map, RiskModel{}, options);
  ASSERT_TRUE(contours.ok());
  const RiskContour& c = (*contours)[0];
  ASSERT_EQ(c.polygons.size(), 1u);
  ASSERT_EQ(c.polygons[0].holes.size(), 1u);
  EXPECT_GT(Area(c.polygons[0].exterior), 0.0);
  EXPECT_LT(Area(c.polygons[0].holes[0]), 0.0);
  EXPECT_NEAR(Area(c.polygons[0].exterior), std::numbers::pi * 25 * 25, 0.06 * std::numbers::pi * 25 * 25);
  EXPECT_NEAR(-Area(c.polygons[0].holes[0]), std::numbers::pi * 10 * 10, 0.15 * std::numbers::pi * 10 * 10);
}

// A saddle (two diagonal cells at 1, the others 0): joined when the corners' mean (0.5) reaches the
// threshold, two separate rings otherwise.
TEST(ContoursTest, SaddleResolvedByTheMeanOfTheCorners) {
  const RiskMap map = OneTile(1.0, [](int i, int j) { return (i == 10 && j == 10) || (i == 11 && j == 11) ? 1.0 : 0.0; });
  ContourOptions options;
  options.thresholds_per_yr = {0.5, 0.6};
  auto contours = TraceContours(map, RiskModel{}, options);
  ASSERT_TRUE(contours.ok());
  EXPECT_EQ((*contours)[0].polygons.size(), 1u);
  EXPECT_EQ((*contours)[1].polygons.size(), 2u);
}

TEST(ContoursTest, GeoJsonIsAFeatureCollectionOfClosedRings) {
  const RiskModel m = Circles({{{0, 0}, 55.0}}, 1e-5);
  auto map = ComputeIndividualRisk(m);
  ASSERT_TRUE(map.ok());
  auto contours = TraceContours(*map, m);
  ASSERT_TRUE(contours.ok());
  const auto j = nlohmann::json::parse(ContoursGeoJson(*contours));
  EXPECT_EQ(j["type"], "FeatureCollection");
  ASSERT_EQ(j["features"].size(), 4u);
  const auto& f = j["features"][1];
  EXPECT_EQ(f["geometry"]["type"], "MultiPolygon");
  EXPECT_DOUBLE_EQ(f["properties"]["ir_per_yr"].get<double>(), 3e-6);
  const auto& ring = f["geometry"]["coordinates"][0][0];
  ASSERT_GT(ring.size(), 4u);
  EXPECT_EQ(ring.front(), ring.back());
}

TEST(ContoursTest, ThresholdMustBePositive) {
  ContourOptions options;
  options.thresholds_per_yr = {1e-5, 0};
  auto contours = TraceContours(RiskMap(), RiskModel{}, options);
  ASSERT_FALSE(contours.ok());
  EXPECT_EQ(contours.status().message(), "thresholds_per_yr[1]: must be greater than 0");
}

}  // namespace
}  // namespace chemsafe::qra
