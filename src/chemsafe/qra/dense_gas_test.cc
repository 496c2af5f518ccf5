// Britter-McQuaid dense gas: the worked examples that GasDispersion.jl (MIT) reproduces (CCPS 1999 p. 122,
// the Burro LNG release; the workbook's Potchefstroom ammonia release), the properties the curves must
// have (continuity at the joins, monotone decay, distance consistent with concentration) and the rule that
// chooses between the dense and the passive treatment.
#include "chemsafe/qra/dense_gas.h"

#include <cmath>

#include <gtest/gtest.h>

namespace chemsafe::qra {
namespace {

// GasDispersion.jl's g, used by its tests (9.80616 m/s2); the engine's default is standard gravity.
const DenseGasOptions kGdjl{.gravity_m_s2 = 9.80616};

// CCPS (1999) p. 122 (Burro LNG): 0.23 m3/s of liquid at 425.6 kg/m3, vapour at 1.76 kg/m3 and -162 C,
// u10 = 10.9 m/s, ambient 298 K. Air density 1.18452 kg/m3 (ideal-gas dry air at 298 K, 1 atm, as
// GasDispersion.jl's atmosphere gives it).
ContinuousDenseRelease Lng() {
  const double mass_rate = 0.23 * 425.6;
  return {.mass_rate_kg_s = mass_rate,
          .volume_rate_m3_s = mass_rate / 1.76,
          .release_density_kg_m3 = 1.76,
          .release_temperature_k = 273.15 - 162};
}
const DenseGasAmbient kBurro{
    .wind_speed_10m_m_s = 10.9, .air_density_kg_m3 = 1.18452, .air_temperature_k = 298};

// Britter & McQuaid (1988) workbook, Potchefstroom: 38 t of ammonia in an initial cloud of 7.25e4 m3 at
// 1.434 kg/m3 and -33.316 C (the boiling point), u10 = 2 m/s, air 293.15 K at 1.2041 kg/m3.
InstantaneousDenseRelease Potchefstroom() {
  return {.mass_kg = 38e3,
          .volume_m3 = 7.25e4,
          .release_density_kg_m3 = 1.434,
          .release_temperature_k = 273.15 - 33.316};
}
const DenseGasAmbient kPotchefstroom{
    .wind_speed_10m_m_s = 2.0, .air_density_kg_m3 = 1.2041, .air_temperature_k = 293.15};

DenseGasPoint Continuous(double x, const ContinuousDenseRelease& r = Lng(),
                         const DenseGasAmbient& a = kBurro) {
  auto p = BritterMcQuaidContinuous(r, a, x, kGdjl);
  EXPECT_TRUE(p.ok()) << p.status().ToString();
  return p.ok() ? *p : DenseGasPoint{};
}

DenseGasPoint Instantaneous(double x, const InstantaneousDenseRelease& r = Potchefstroom(),
                            const DenseGasAmbient& a = kPotchefstroom) {
  auto p = BritterMcQuaidInstantaneous(r, a, x, kGdjl);
  EXPECT_TRUE(p.ok()) << p.status().ToString();
  return p.ok() ? *p : DenseGasPoint{};
}

// CCPS (1999) p. 122 via GasDispersion.jl britter_mcquaid_plume_tests.jl (volume fractions of the pure
// vapour). Near field (independent of the air density): 1e-12 relative; elsewhere 1e-5 relative (the air
// density is given to 6 digits).
TEST(BritterMcQuaid, ContinuousCcpsBurroExample) {
  const DenseGasPoint near = Continuous(2.26 * 20);
  EXPECT_EQ(near.region, DenseGasRegion::kNearField);
  EXPECT_NEAR(near.concentration_ratio, 0.6720234544594696, 1e-12);
  const DenseGasPoint mid = Continuous(367.0);
  EXPECT_EQ(mid.region, DenseGasRegion::kCorrelation);
  EXPECT_NEAR(mid.concentration_ratio, 0.05071175952024219, 0.05071175952024219 * 1e-5);
  EXPECT_NEAR(mid.concentration_kg_m3, 1.76 * 0.05071175952024219, 1.76 * 0.05071175952024219 * 1e-5);
  const DenseGasPoint far = Continuous(1200.0);
  EXPECT_EQ(far.region, DenseGasRegion::kFarField);
  EXPECT_NEAR(far.concentration_ratio, 0.004920569368181627, 0.004920569368181627 * 1e-5);
  EXPECT_NEAR(mid.alpha, -0.41718, 1e-4);
}

// Potchefstroom via GasDispersion.jl britter_mcquaid_puff_tests.jl, concentrations of ammonia in kg/m3
// (C_0 = 38e3/7.25e4 times the ratio). Near field 1e-12 relative; elsewhere 1e-4 relative (air density
// to 5 digits).
TEST(BritterMcQuaid, InstantaneousPotchefstroomExample) {
  const DenseGasPoint near = Instantaneous(160);
  EXPECT_EQ(near.region, DenseGasRegion::kNearField);
  EXPECT_NEAR(near.concentration_kg_m3, 0.11109705839813348, 0.11109705839813348 * 1e-12);
  const DenseGasPoint mid = Instantaneous(355);
  EXPECT_EQ(mid.region, DenseGasRegion::kCorrelation);
  EXPECT_NEAR(mid.concentration_kg_m3, 0.06264084534270946, 0.06264084534270946 * 1e-4);
  const DenseGasPoint far = Instantaneous(3133);
  EXPECT_EQ(far.region, DenseGasRegion::kFarField);
  EXPECT_NEAR(far.concentration_kg_m3, 0.0006403658290584752, 0.0006403658290584752 * 1e-4);
}

// The curves decay monotonically over x for alphas across the fits' range, continuous and instantaneous,
// and are continuous at the joins where the fits meet (the continuous near field at x' = 30 for alpha
// below 0.605, and the far field).
TEST(BritterMcQuaid, MonotoneAndContinuous) {
  // Non-increasing over 1 m .. 20 km in 1 % steps; false when alpha is above the fits' range.
  auto monotone = [](const auto& ratio_at) {
    auto first = ratio_at(1.0);
    if (!first.ok()) return false;
    double previous = first->concentration_ratio;
    for (double x = 1.0; x < 2e4; x *= 1.01) {
      const double c = ratio_at(x)->concentration_ratio;
      EXPECT_LE(c, previous + 1e-15) << "x=" << x;
      previous = c;
    }
    return true;
  };
  int checked = 0;
  for (double u : {0.8, 1.5, 3.0, 6.0, 10.9, 20.0}) {
    SCOPED_TRACE(testing::Message() << "u10=" << u);
    const DenseGasAmbient a{.wind_speed_10m_m_s = u, .air_density_kg_m3 = 1.2, .air_temperature_k = 298};
    checked += monotone([&](double x) { return BritterMcQuaidContinuous(Lng(), a, x, kGdjl); });
    checked += monotone([&](double x) { return BritterMcQuaidInstantaneous(Potchefstroom(), a, x, kGdjl); });
  }
  EXPECT_GE(checked, 10);
  const DenseGasPoint at30 = Continuous(30.0 * std::sqrt(Lng().volume_rate_m3_s / kBurro.wind_speed_10m_m_s));
  const double d = std::sqrt(Lng().volume_rate_m3_s / kBurro.wind_speed_10m_m_s);
  EXPECT_NEAR(Continuous(30.0 * d * (1 + 1e-9)).concentration_ratio, at30.concentration_ratio, 1e-8);
  // The far field starts at the last curve: both sides agree there (1e-6 relative), the start found by
  // bisection on the region.
  double correlation_side = 500, far_side = 5000;
  while (far_side - correlation_side > 1e-9 * far_side) {
    const double mid = 0.5 * (correlation_side + far_side);
    (Continuous(mid).region == DenseGasRegion::kFarField ? far_side : correlation_side) = mid;
  }
  EXPECT_NEAR(Continuous(far_side).concentration_ratio, Continuous(correlation_side).concentration_ratio,
              Continuous(far_side).concentration_ratio * 1e-6);
}

// The distance to a concentration is where the curve reaches it (1e-8 relative), and the LNG cloud
// reaches its lower flammability limit (5 % v/v of the vapour, 0.088 kg/m3) just beyond 367 m.
TEST(BritterMcQuaid, DistanceToAConcentration) {
  const double lfl_kg_m3 = 0.05 * 1.76;
  auto d = BritterMcQuaidContinuousDistanceM(Lng(), kBurro, lfl_kg_m3, kGdjl);
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  ASSERT_TRUE(d->has_value());
  EXPECT_NEAR(Continuous(**d).concentration_kg_m3, lfl_kg_m3, lfl_kg_m3 * 1e-8);
  EXPECT_GT(**d, 367.0);
  EXPECT_LT(**d, 380.0);
  auto puff = BritterMcQuaidInstantaneousDistanceM(Potchefstroom(), kPotchefstroom, 0.01, kGdjl);
  ASSERT_TRUE(puff.ok());
  ASSERT_TRUE(puff->has_value());
  EXPECT_NEAR(Instantaneous(**puff).concentration_kg_m3, 0.01, 1e-10);
  // A threshold at or above the source concentration is never reached downwind.
  auto none = BritterMcQuaidContinuousDistanceM(Lng(), kBurro, 2.0, kGdjl);
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());
}

TEST(BritterMcQuaid, ErrorsNameTheInput) {
  ContinuousDenseRelease light = Lng();
  light.release_density_kg_m3 = 1.0;
  auto r = BritterMcQuaidContinuous(light, kBurro, 100, kGdjl);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message().rfind("release_density_kg_m3:", 0), 0U);
  const DenseGasAmbient calm{
      .wind_speed_10m_m_s = 0.1, .air_density_kg_m3 = 1.18452, .air_temperature_k = 298};
  auto high_alpha = BritterMcQuaidContinuous(Lng(), calm, 100, kGdjl);
  ASSERT_FALSE(high_alpha.ok());
  EXPECT_EQ(high_alpha.status().message().rfind("alpha:", 0), 0U);
  auto negative = BritterMcQuaidInstantaneous(Potchefstroom(), kPotchefstroom, -1, kGdjl);
  ASSERT_FALSE(negative.ok());
  EXPECT_EQ(negative.status().message().rfind("x_m:", 0), 0U);
  const DenseGasAmbient no_wind{.wind_speed_10m_m_s = 0, .air_density_kg_m3 = 1.2, .air_temperature_k = 298};
  EXPECT_EQ(BritterMcQuaidInstantaneous(Potchefstroom(), no_wind, 10).status().message(),
            "wind_speed_10m_m_s: must be greater than 0 (is 0)");
}

// Britter & McQuaid (1988): dense when (g0' q0/(u^3 D))^(1/3) >= 0.15 (continuous) or
// (g0' V0^(1/3))^(1/2)/u >= 0.20 (instantaneous); no denser than air -> passive.
TEST(RegimeChoice, BritterMcQuaidCriteria) {
  auto lng = ChooseContinuousRegime(Lng(), kBurro, kGdjl);
  ASSERT_TRUE(lng.ok());
  EXPECT_EQ(lng->regime, DispersionRegime::kDense);
  EXPECT_DOUBLE_EQ(lng->threshold, 0.15);
  auto ammonia = ChooseInstantaneousRegime(Potchefstroom(), kPotchefstroom, kGdjl);
  ASSERT_TRUE(ammonia.ok());
  EXPECT_EQ(ammonia->regime, DispersionRegime::kDense);
  EXPECT_DOUBLE_EQ(ammonia->threshold, 0.20);

  // The continuous group is (g0' q0^(1/2) u^(-5/2))^(1/3): it equals 0.15 at u* = (g0'
  // q0^(1/2)/0.15^3)^(2/5).
  const double g0 = 9.80616 * (1.76 - 1.18452) / 1.18452;
  const double u_star = std::pow(g0 * std::sqrt(Lng().volume_rate_m3_s) / std::pow(0.15, 3.0), 0.4);
  auto at = [&](double u) {
    DenseGasAmbient a = kBurro;
    a.wind_speed_10m_m_s = u;
    return *ChooseContinuousRegime(Lng(), a, kGdjl);
  };
  EXPECT_NEAR(at(u_star).criterion, 0.15, 1e-12);
  EXPECT_EQ(at(u_star * (1 - 1e-6)).regime, DispersionRegime::kDense);
  EXPECT_EQ(at(u_star * (1 + 1e-6)).regime, DispersionRegime::kPassive);

  // The instantaneous group equals 0.20 at u* = (g0' V0^(1/3))^(1/2)/0.20.
  const double g0_nh3 = 9.80616 * (1.434 - 1.2041) / 1.2041;
  const double u_nh3 = std::sqrt(g0_nh3 * std::cbrt(7.25e4)) / 0.20;
  DenseGasAmbient windy = kPotchefstroom;
  windy.wind_speed_10m_m_s = u_nh3 * (1 + 1e-6);
  EXPECT_EQ(ChooseInstantaneousRegime(Potchefstroom(), windy, kGdjl)->regime, DispersionRegime::kPassive);
  windy.wind_speed_10m_m_s = u_nh3 * (1 - 1e-6);
  EXPECT_EQ(ChooseInstantaneousRegime(Potchefstroom(), windy, kGdjl)->regime, DispersionRegime::kDense);

  ContinuousDenseRelease light = Lng();
  light.release_density_kg_m3 = 1.0;  // lighter than air
  auto passive = ChooseContinuousRegime(light, kBurro, kGdjl);
  ASSERT_TRUE(passive.ok());
  EXPECT_EQ(passive->regime, DispersionRegime::kPassive);
  EXPECT_EQ(passive->criterion, 0.0);
}

}  // namespace
}  // namespace chemsafe::qra
