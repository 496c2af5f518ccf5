#include "chemsafe/reference/boundaries.h"

#include <algorithm>
#include <set>

#include <gtest/gtest.h>

namespace chemsafe::reference {
namespace {

// WGS-84 positions from Wikipedia's coordinates (WGS-84 by convention), each several km inside its
// area, so the generalisation of the boundaries cannot change the answer.
constexpr LonLat kCantonTower{113.3245, 23.1089};           // 广州塔, Haizhu district, Guangzhou
constexpr LonLat kPingAnFinanceCentre{114.0503, 22.5367};   // 平安金融中心, Futian district, Shenzhen

const AreaBoundary* FindArea(const std::vector<AreaBoundary>& v, const std::string& code) {
  auto it = std::find_if(v.begin(), v.end(), [&](const AreaBoundary& b) { return b.adcode == code; });
  return it == v.end() ? nullptr : &*it;
}

TEST(LoadGuangdongCitiesTest, LoadsAllCitiesAndLocatesLandmarks) {
  auto cities = LoadGuangdongCities(CHEMSAFE_TEST_DATA_DIR);
  ASSERT_TRUE(cities.ok()) << cities.status().ToString();
  EXPECT_EQ(cities->size(), 22u);  // PROVENANCE.md §3: 21 cities + 东沙群岛
  const AreaBoundary* gz = FindArea(*cities, "440100");
  const AreaBoundary* sz = FindArea(*cities, "440300");
  ASSERT_NE(gz, nullptr);
  ASSERT_NE(sz, nullptr);
  EXPECT_EQ(gz->name, "广州市");
  EXPECT_EQ(gz->level, 2);
  EXPECT_TRUE(Contains(gz->area_wgs84, kCantonTower));
  EXPECT_FALSE(Contains(gz->area_wgs84, kPingAnFinanceCentre));
  EXPECT_TRUE(Contains(sz->area_wgs84, kPingAnFinanceCentre));
  EXPECT_FALSE(Contains(sz->area_wgs84, kCantonTower));
  // Exactly one city contains each landmark.
  EXPECT_EQ(std::count_if(cities->begin(), cities->end(),
                          [](const AreaBoundary& b) { return Contains(b.area_wgs84, kCantonTower); }),
            1);
}

TEST(LoadGuangdongCitiesTest, ConvertsFromGcj02) {
  auto cities = LoadGuangdongCities(CHEMSAFE_TEST_DATA_DIR);
  ASSERT_TRUE(cities.ok());
  const AreaBoundary* gz = FindArea(*cities, "440100");
  ASSERT_NE(gz, nullptr);
  // The file's GCJ-02 "center" of Guangzhou is (113.280637, 23.125178); in Guangdong the GCJ-02 offset
  // is a few hundred metres (eviltransform test vector for Shenzhen: about 570 m), so the converted
  // centre must be that far away from the raw one and map back onto it.
  LonLat raw{113.280637, 23.125178};
  double moved_m = DistanceM(raw, gz->centre_wgs84);
  EXPECT_GT(moved_m, 300.0);
  EXPECT_LT(moved_m, 800.0);
  LonLat back = Wgs84ToGcj02(gz->centre_wgs84);
  EXPECT_NEAR(back.lon_deg, raw.lon_deg, 1e-7);
  EXPECT_NEAR(back.lat_deg, raw.lat_deg, 1e-7);
}

TEST(LoadGuangdongCountiesTest, LoadsCountiesWithParents) {
  auto counties = LoadGuangdongCounties(CHEMSAFE_TEST_DATA_DIR);
  ASSERT_TRUE(counties.ok()) << counties.status().ToString();
  EXPECT_EQ(counties->size(), 125u);  // PROVENANCE.md §3
  EXPECT_TRUE(std::is_sorted(counties->begin(), counties->end(),
                             [](const AreaBoundary& a, const AreaBoundary& b) { return a.adcode < b.adcode; }));
  const AreaBoundary* nanshan = FindArea(*counties, "440305");
  ASSERT_NE(nanshan, nullptr);
  EXPECT_EQ(nanshan->name, "南山区");
  EXPECT_EQ(nanshan->parent_adcode, "440300");
  EXPECT_EQ(nanshan->level, 3);
  const AreaBoundary* futian = FindArea(*counties, "440304");
  ASSERT_NE(futian, nullptr);
  EXPECT_TRUE(Contains(futian->area_wgs84, kPingAnFinanceCentre));
  EXPECT_FALSE(Contains(nanshan->area_wgs84, kPingAnFinanceCentre));
  const AreaBoundary* dongguan = FindArea(*counties, "441900");
  ASSERT_NE(dongguan, nullptr);
  EXPECT_EQ(dongguan->parent_adcode, "441900");
  std::set<std::string> codes;
  for (const auto& c : *counties) {
    EXPECT_TRUE(codes.insert(c.adcode).second) << "duplicate " << c.adcode;
    EXPECT_FALSE(c.area_wgs84.polygons.empty()) << c.adcode;
    BoundingBox b = Bounds(c.area_wgs84);
    // Guangdong lies within lon 109..118, lat 20..26 (plus 东沙群岛 at 116.9, 20.7).
    EXPECT_GT(b.min_lon, 109.0) << c.adcode;
    EXPECT_LT(b.max_lon, 118.0) << c.adcode;
    EXPECT_GT(b.min_lat, 20.0) << c.adcode;
    EXPECT_LT(b.max_lat, 26.0) << c.adcode;
  }
}

}  // namespace
}  // namespace chemsafe::reference
