// Tests of the individual-risk engine: the analytic cases G6 of /work/shared/reference/qra-cases.md (exact
// up to rounding), and the grid against the sum evaluated at the points themselves.
#include "chemsafe/qra/risk_grid.h"

#include <cmath>
#include <numbers>
#include <random>

#include <gtest/gtest.h>

namespace chemsafe::qra {
namespace {

constexpr double kRel = 1e-12;  // rounding of sums of a few dozen terms

std::vector<double> UniformRose(int n) { return std::vector<double>(static_cast<std::size_t>(n), 1.0 / n); }

WeatherClass Weather(double p, std::vector<double> rose) {
  WeatherClass w;
  w.stability = "D";
  w.wind_speed_m_s = 5;
  w.probability = p;
  w.wind_rose = std::move(rose);
  return w;
}

RiskOutcome Circle(double x, double y, double f, double radius) {
  RiskOutcome o;
  o.id = "circle";
  o.x_m = x;
  o.y_m = y;
  o.frequency_per_yr = f;
  o.by_weather = {RadialLethality{{radius}, {1.0}}};
  return o;
}

// A cloud lethal (P = 1) inside a wedge of half-angle 15° and downwind length L, sampled at 0.5 m.
DirectionalLethality Wedge(double length) {
  const double tan15 = std::tan(15.0 * std::numbers::pi / 180.0);
  std::vector<double> xs, ys;
  for (double x = 0; x <= length + 1e-9; x += 0.5) xs.push_back(x);
  for (double y = 0; y <= length * tan15 + 0.5; y += 0.5) ys.push_back(y);
  auto t = DirectionalFromIsopleths({Isopleth{1.0, {0.0, length}, {0.0, length * tan15}}}, xs, ys);
  EXPECT_TRUE(t.ok()) << t.status().ToString();
  return *t;
}

// Cells of `cell_m`, the grid's origin at (origin_m, origin_m).
RiskGridOptions Grid(double cell_m, double origin_m = 0.0, int threads = 0) {
  RiskGridOptions o;
  o.cell_m = cell_m;
  o.origin_x_m = origin_m;
  o.origin_y_m = origin_m;
  o.threads = threads;
  return o;
}

double CellR(const RiskMap& map, std::int64_t i, std::int64_t j, double x, double y) {
  return std::hypot(map.CellCentreX(i) - x, map.CellCentreY(j) - y);
}

// G6 circular effect: IR = f inside R, 0 outside, at every cell centre (no cell averaging).
TEST(RiskGridTest, CircularEffectIsFInsideAndZeroOutside_G6) {
  RiskModel m;
  m.weather = {Weather(1.0, UniformRose(12))};
  const double f = 1e-5, radius = 95.0;
  m.installations = {{"a", {Circle(3.0, -7.0, f, radius)}}};
  auto map = ComputeIndividualRisk(m, Grid(10.0));
  ASSERT_TRUE(map.ok()) << map.status().ToString();
  int inside = 0;
  for (std::int64_t j = -15; j < 15; ++j) {
    for (std::int64_t i = -15; i < 15; ++i) {
      const double r = CellR(*map, i, j, 3.0, -7.0);
      if (r < radius) {
        ++inside;
        EXPECT_NEAR(map->At(i, j), f, f * kRel) << i << "," << j;
      } else {
        EXPECT_EQ(map->At(i, j), 0.0) << i << "," << j;
      }
    }
  }
  EXPECT_GT(inside, 250);  // π·95²/100 ≈ 283 cells
}

// G6 directional sector: a wedge lethal inside 30° under a uniform 12-sector rose gives f/12 everywhere
// within L·cos 15°; a non-uniform rose gives f·p_k for the sector the wind blows from.
TEST(RiskGridTest, WedgeUnderTwelveSectorRoseGivesFOverTwelve_G6) {
  const double f = 2e-6, length = 300.0;
  RiskModel m;
  m.weather = {Weather(1.0, UniformRose(12))};
  RiskOutcome o;
  o.id = "toxic";
  o.frequency_per_yr = f;
  o.by_weather = {Wedge(length)};
  m.installations = {{"a", {o}}};
  auto map = ComputeIndividualRisk(m, Grid(5.0));
  ASSERT_TRUE(map.ok()) << map.status().ToString();
  const double tan15 = std::tan(15.0 * std::numbers::pi / 180.0);
  int checked = 0;
  for (std::int64_t j = -70; j < 70; ++j) {
    for (std::int64_t i = -70; i < 70; ++i) {
      const double x = map->CellCentreX(i), y = map->CellCentreY(j);
      const double r = std::hypot(x, y);
      // Angle to the nearest sector centre line (the clouds go towards bearings k·30° + 180°, i.e. k·30°).
      const double bearing = std::atan2(x, y) * 180.0 / std::numbers::pi;
      const double off = std::abs(std::remainder(bearing, 30.0));
      const double along = r * std::cos(off * std::numbers::pi / 180.0);
      const double across = r * std::sin(off * std::numbers::pi / 180.0);
      if (r > 5 && along < length - 2 && across < along * tan15 - 2) {
        EXPECT_NEAR(map->At(i, j), f / 12, f / 12 * kRel) << x << "," << y;
        ++checked;
      } else if (r > length / std::cos(15.0 * std::numbers::pi / 180.0) + 2) {  // beyond the wedges' corners
        EXPECT_EQ(map->At(i, j), 0.0) << x << "," << y;
      }
    }
  }
  EXPECT_GT(checked, 5000);

  // A rose with all the wind from the west (sector 9 of 12, 270°): the cloud goes east only.
  std::vector<double> west(12, 0.0);
  west[9] = 1.0;
  m.weather = {Weather(1.0, west)};
  const std::vector<PointM> pts = {{150, 0}, {-150, 0}, {0, 150}, {150, 30}, {150, 45}};
  auto ir = IndividualRiskAt(m, pts);
  ASSERT_TRUE(ir.ok()) << ir.status().ToString();
  EXPECT_NEAR((*ir)[0], f, f * kRel);
  EXPECT_EQ((*ir)[1], 0.0);
  EXPECT_EQ((*ir)[2], 0.0);
  EXPECT_NEAR((*ir)[3], f, f * kRel);  // 11.3° off the centre line: inside
  EXPECT_EQ((*ir)[4], 0.0);            // 16.7° off: outside
}

// G6 several weather classes: IR = Σ_w p_w Σ_d p_d P.
TEST(RiskGridTest, WeatherClassesSum_G6) {
  const double f = 1e-4;
  RiskModel m;
  m.weather = {Weather(0.3, UniformRose(12)), Weather(0.7, UniformRose(16))};
  RiskOutcome fire = Circle(0, 0, f, 0);
  fire.by_weather = {RadialLethality{{50.0}, {1.0}}, RadialLethality{{100.0}, {1.0}}};
  RiskOutcome cloud;
  cloud.frequency_per_yr = f;
  cloud.by_weather = {Wedge(400), RadialLethality{{1.0}, {0.0}}};
  m.installations = {{"a", {fire, cloud}}};
  // (30, 0): inside both fires and in the wedge of the 12-sector class pointing east (wind from 270°).
  // (75, 0): inside the second fire only, and the wedge. (200, 0): the wedge only. (0, 200): wedge north.
  const std::vector<PointM> pts = {{30, 0}, {75, 0}, {200, 0}, {0, 200}, {500, 0}};
  auto ir = IndividualRiskAt(m, pts);
  ASSERT_TRUE(ir.ok()) << ir.status().ToString();
  const double wedge = f * 0.3 / 12;
  EXPECT_NEAR((*ir)[0], f * (0.3 + 0.7) + wedge, f * kRel);
  EXPECT_NEAR((*ir)[1], f * 0.7 + wedge, f * kRel);
  EXPECT_NEAR((*ir)[2], wedge, f * kRel);
  EXPECT_NEAR((*ir)[3], wedge, f * kRel);
  EXPECT_EQ((*ir)[4], 0.0);
  auto map = ComputeIndividualRisk(m, Grid(10.0, -5.0));
  ASSERT_TRUE(map.ok()) << map.status().ToString();
  // Cell (3, 0) has its centre at (30, 0), (7, 0) at (70, 0), (20, 0) at (200, 0).
  EXPECT_NEAR(map->At(3, 0), (*ir)[0], f * kRel);
  EXPECT_NEAR(map->At(20, 0), (*ir)[2], f * kRel);
  EXPECT_NEAR(map->At(0, 20), (*ir)[3], f * kRel);
}

// G6 (two installations add): overlapping circles of two installations add up where they overlap.
TEST(RiskGridTest, TwoInstallationsAdd_G6) {
  RiskModel m;
  m.weather = {Weather(1.0, UniformRose(12))};
  m.installations = {{"a", {Circle(0, 0, 1e-5, 100)}}, {"b", {Circle(150, 0, 3e-6, 100)}}};
  auto map = ComputeIndividualRisk(m, Grid(10.0));
  ASSERT_TRUE(map.ok()) << map.status().ToString();
  EXPECT_NEAR(map->At(7, 0), 1.3e-5, 1.3e-5 * kRel);   // (75, 5): in both
  EXPECT_NEAR(map->At(-5, 0), 1e-5, 1e-5 * kRel);      // (-45, 5): a only
  EXPECT_NEAR(map->At(20, 0), 3e-6, 3e-6 * kRel);      // (205, 5): b only
  EXPECT_EQ(map->At(30, 0), 0.0);                      // (305, 5)
}

// Tiles at or below the drop threshold everywhere are let go (read as 0); the others are kept whole, equal
// to a run that keeps everything.
TEST(RiskGridTest, TilesBelowTheDropThresholdGo) {
  RiskModel m;
  m.weather = {Weather(1.0, UniformRose(12))};
  // a: 1e-5 within 100 m; b, 3 km away: 1e-9 within 1 km (many tiles, all below the threshold).
  m.installations = {{"a", {Circle(0, 0, 1e-5, 100)}}, {"b", {Circle(3000, 0, 1e-9, 1000)}}};
  auto all = ComputeIndividualRisk(m, Grid(10.0));
  RiskGridOptions dropping = Grid(10.0);
  dropping.drop_tiles_below_per_yr = 1e-8;
  auto kept = ComputeIndividualRisk(m, dropping);
  ASSERT_TRUE(all.ok() && kept.ok());
  EXPECT_LT(kept->tiles().size(), all->tiles().size());
  EXPECT_EQ(kept->At(300, 0), 0.0);     // (3005, 5): b's only, dropped
  EXPECT_GT(all->At(300, 0), 0.0);
  for (const auto& t : kept->tiles()) {
    const RiskMap::Tile* same = all->FindTile(t.ti, t.tj);
    ASSERT_NE(same, nullptr);
    EXPECT_EQ(t.ir_per_yr, same->ir_per_yr);
  }
  EXPECT_NEAR(kept->At(0, 0), 1e-5, 1e-5 * kRel);
  dropping.drop_tiles_below_per_yr = -1;
  EXPECT_EQ(ComputeIndividualRisk(m, dropping).status().message(), "drop_tiles_below_per_yr: must be 0 or more");
}

// The grid equals the sum at the cell centres for a mixed model (radial tables with slopes, clouds on
// uniform and non-uniform axes, per weather class, roses of 12 and 16 sectors, two sources), with 1 or 3
// threads: the merging of tables and the clipping of rows change nothing but rounding.
TEST(RiskGridTest, GridEqualsPointSumAtCellCentres) {
  std::mt19937 rng(7);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  RiskModel m;
  std::vector<double> rose12(12), rose16(16);
  for (double& p : rose12) p = u(rng);
  for (double& p : rose16) p = u(rng);
  const auto normalise = [](std::vector<double>& v) {
    double s = 0;
    for (double p : v) s += p;
    for (double& p : v) p /= s;
  };
  normalise(rose12);
  normalise(rose16);
  m.weather = {Weather(0.25, rose12), Weather(0.75, rose16)};
  const auto cloud = [&](double length, bool uniform) {
    DirectionalLethality t;
    for (int i = 0; i <= 20; ++i) {
      const double s = i / 20.0;
      t.downwind_m.push_back(-20 + (uniform ? s : s * s) * length);
    }
    for (int j = 0; j <= 8; ++j) t.crosswind_m.push_back(uniform ? 5.0 * j : 0.6 * j * j);
    for (std::size_t k = 0; k < t.downwind_m.size() * t.crosswind_m.size(); ++k) t.probability.push_back(u(rng));
    return t;
  };
  RiskOutcome fire = Circle(12, 8, 3e-5, 0);
  fire.by_weather = {RadialLethality{{0, 20, 45, 60}, {1.0, 0.8, 0.3, 0.1}}};
  RiskOutcome blast = Circle(12, 8, 2e-6, 0);
  blast.by_weather = {RadialLethality{{30, 90}, {0.9, 0.05}}};
  RiskOutcome toxic1;
  toxic1.x_m = 12;
  toxic1.y_m = 8;
  toxic1.frequency_per_yr = 1e-5;
  toxic1.by_weather = {cloud(200, true), cloud(300, false)};
  RiskOutcome toxic2 = toxic1;
  toxic2.frequency_per_yr = 4e-6;
  toxic2.by_weather = {cloud(200, true), cloud(260, true)};
  RiskOutcome other = Circle(-60, 40, 1e-6, 70);
  m.installations = {{"a", {fire, blast, toxic1, toxic2}}, {"b", {other}}};

  std::vector<PointM> centres;
  RiskGridStats stats;
  for (int threads : {1, 3}) {
    auto map = ComputeIndividualRisk(m, Grid(7.0, 0.0, threads), &stats);
    ASSERT_TRUE(map.ok()) << map.status().ToString();
    centres.clear();
    std::vector<double> grid;
    for (std::int64_t j = -50; j < 50; ++j) {
      for (std::int64_t i = -50; i < 50; ++i) {
        centres.push_back({map->CellCentreX(i), map->CellCentreY(j)});
        grid.push_back(map->At(i, j));
      }
    }
    auto exact = IndividualRiskAt(m, centres);
    ASSERT_TRUE(exact.ok());
    double max_ir = 0;
    for (double v : *exact) max_ir = std::max(max_ir, v);
    ASSERT_GT(max_ir, 1e-5);
    for (std::size_t k = 0; k < grid.size(); ++k) {
      ASSERT_NEAR(grid[k], (*exact)[k], max_ir * kRel) << centres[k].x_m << "," << centres[k].y_m;
    }
  }
  EXPECT_EQ(stats.radial_tables, 2);  // one per source point
  EXPECT_GT(stats.nominal_evaluations, stats.table_lookups);
}

TEST(RiskGridTest, ErrorsNameTheField) {
  RiskModel m;
  m.weather = {Weather(1.0, UniformRose(12))};
  m.installations = {{"a", {Circle(0, 0, 1e-5, 10)}}};
  std::get<RadialLethality>(m.installations[0].outcomes[0].by_weather[0]).probability[0] = 1.5;
  auto r = ComputeIndividualRisk(m);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(r.status().message(),
            "installations[0].outcomes[0].by_weather[0].probability[0]: must be a probability in [0, 1]");

  m.installations = {{"a", {Circle(0, 0, 1e-5, 10)}}};
  m.weather[0].wind_rose[3] = 0.5;
  EXPECT_EQ(CheckRiskModel(m).code(), StatusCode::kInvalidArgument);
  EXPECT_NE(CheckRiskModel(m).message().find("weather[0].wind_rose"), std::string::npos);

  m.weather = {Weather(1.0, UniformRose(12))};
  EXPECT_EQ(ComputeIndividualRisk(m, Grid(0)).status().message(), "cell_m: must be greater than 0");
  auto iso = DirectionalFromIsopleths({Isopleth{0.5, {0, 10}, {1}}}, {0, 10}, {0, 1});
  ASSERT_FALSE(iso.ok());
  EXPECT_NE(iso.status().message().find("isopleths[0].downwind_m"), std::string::npos);
}

// The sector convention: a cloud points along its sector's centre line, it is not spread over the sector's
// 30°. A cloud 2 m wide under a wind always from the west reaches (150, 0) on the centre line but not
// (150, 20), 7.6° off it though inside the sector (spreading would give it f × 4 m / (150 m × 30°)).
TEST(RiskGridTest, CloudPointsAlongTheSectorCentreLineNotSpread) {
  RiskModel m;
  std::vector<double> west(12, 0.0);
  west[9] = 1.0;
  m.weather = {Weather(1.0, west)};
  RiskOutcome o;
  o.frequency_per_yr = 1e-5;
  o.by_weather = {DirectionalLethality{{0, 300}, {0, 2}, {1, 1, 1, 1}}};
  m.installations = {{"a", {o}}};
  const std::vector<PointM> pts = {{150, 0}, {150, 20}};
  auto ir = IndividualRiskAt(m, pts);
  ASSERT_TRUE(ir.ok());
  EXPECT_NEAR((*ir)[0], 1e-5, 1e-5 * kRel);
  EXPECT_EQ((*ir)[1], 0.0);
}

// Nested isopleths sample onto the table: each node takes the highest probability whose isopleth holds it.
TEST(RiskGridTest, NestedIsoplethsSampleOntoATable) {
  auto t = DirectionalFromIsopleths({Isopleth{0.1, {0, 200}, {40, 40}}, Isopleth{0.9, {0, 100}, {10, 10}}},
                                    {0, 50, 100, 150, 200}, {0, 10, 20, 30, 40});
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(t->At(50, 0), 0.9);    // inside both
  EXPECT_EQ(t->At(50, -10), 0.9);  // on the inner edge, symmetric in y
  EXPECT_EQ(t->At(50, 20), 0.1);   // outer only
  EXPECT_EQ(t->At(150, 0), 0.1);   // beyond the inner isopleth's end
  EXPECT_EQ(t->At(150, 40), 0.1);  // on the outer edge
  EXPECT_EQ(t->At(150, 45), 0.0);  // beyond the outer edge
  EXPECT_EQ(t->At(250, 0), 0.0);   // beyond the table
}

// A "lethality against distance" table from another tool, with a header, a comment and mixed separators.
TEST(RiskGridTest, ParsesALethalityAgainstDistanceTable) {
  auto t = ParseLethalityTable("distance_m,probability\n# from the consequence tool\n0, 1\n50;0.5\r\n120\t0\n\n");
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(t->distance_m, (std::vector<double>{0, 50, 120}));
  EXPECT_EQ(t->At(25), 0.75);
  EXPECT_EQ(t->At(121), 0.0);
  EXPECT_EQ(ParseLethalityTable("0,1\n50,x\n").status().message(), "line 2: probability: not a number");
  EXPECT_EQ(ParseLethalityTable("0,1\n50,0.5,3\n").status().message(),
            "line 2: expected two numbers, distance_m and probability");
  EXPECT_EQ(ParseLethalityTable("0,0.5\n50,0.6\n").status().message(),
            "table.probability[1]: must not increase with distance");
}

TEST(RiskGridTest, SectorConventionWindFromNorthSendsTheCloudSouth) {
  const Downwind d0 = DownwindOfSector(0, 12);
  EXPECT_NEAR(d0.east, 0.0, 1e-15);
  EXPECT_NEAR(d0.north, -1.0, 1e-15);
  const Downwind d3 = DownwindOfSector(3, 12);  // from the east (90°): towards the west
  EXPECT_NEAR(d3.east, -1.0, 1e-15);
  EXPECT_NEAR(d3.north, 0.0, 1e-15);
}

}  // namespace
}  // namespace chemsafe::qra
