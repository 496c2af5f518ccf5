// Normal boiling points from Perry's Table 2-8 DIPPR 101 constants (copied from data/physchem/), against
// the handbook values of CRC Handbook of Chemistry and Physics (97th ed., "Physical Constants of Organic
// Compounds" and "Physical Constants of Inorganic Compounds"). Tolerance 0.5 K: the correlation is a fit
// over the whole liquid range, and Perry states its deviations as typically below 1%.
#include "chemsafe/physchem/vapor_pressure.h"

#include <gtest/gtest.h>

namespace chemsafe::physchem {
namespace {

// Perry's Chemical Engineers' Handbook 8th ed. Table 2-8 rows: C1, C2, C3, C4, C5, Tmin, Tmax.
constexpr Dippr101 kWater{73.649, -7258.2, -7.3037, 4.1653E-06, 2, 273.16, 647.096};
constexpr Dippr101 kBromine{108.26, -6592, -14.16, 0.016043, 1, 265.85, 584.15};
constexpr Dippr101 kAmmonia{90.483, -4669.7, -11.607, 0.017194, 1, 195.41, 405.65};
constexpr Dippr101 kMethylIsobutylKetone{80.503, -7421.8, -8.379, 1.8114E-17, 6, 189.15, 574.6};

TEST(NormalBoilingPoint, MatchesTheHandbook) {
  EXPECT_NEAR(*NormalBoilingPointC(kWater), 100.0, 0.5);            // CRC: 100.0 °C
  EXPECT_NEAR(*NormalBoilingPointC(kBromine), 58.8, 0.5);           // CRC: 58.8 °C
  EXPECT_NEAR(*NormalBoilingPointC(kAmmonia), -33.33, 0.5);         // CRC: -33.33 °C
  EXPECT_NEAR(*NormalBoilingPointC(kMethylIsobutylKetone), 116.5, 0.5);  // CRC: 116.5 °C
}

TEST(NormalBoilingPoint, TheCurvePassesThroughTheRootFound) {
  const auto t = SaturationTemperatureK(kBromine, 50000.0);
  ASSERT_TRUE(t.has_value());
  EXPECT_NEAR(kBromine.PressurePa(*t), 50000.0, 50000.0 * 1e-6);
}

TEST(NormalBoilingPoint, NoneOutsideTheRangeOfValidity) {
  Dippr101 narrow = kWater;
  narrow.t_max_k = 350;  // water does not boil at 1 atm below 350 K
  EXPECT_FALSE(NormalBoilingPointC(narrow).has_value());
  narrow = kWater;
  narrow.t_min_k = 380;  // nor above 380 K
  EXPECT_FALSE(NormalBoilingPointC(narrow).has_value());
  EXPECT_FALSE(SaturationTemperatureK(kWater, 0).has_value());
  EXPECT_FALSE(NormalBoilingPointC(Dippr101{}).has_value());
}

}  // namespace
}  // namespace chemsafe::physchem
