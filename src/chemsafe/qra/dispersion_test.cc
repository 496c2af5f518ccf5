// Gaussian plume and puff against /work/shared/reference/qra-cases.md (B1, B2, B13), plus the properties
// that must hold whatever the sigmas (mass balance, reflection, footprint consistency).
#include "chemsafe/qra/dispersion.h"

#include <cmath>
#include <numbers>

#include <gtest/gtest.h>

namespace chemsafe::qra {
namespace {

using S = StabilityClass;

// B1 inputs: CCPS (1999) p. 97, Q = 0.1 kg/s, ground level, u = 2 m/s, class F.
PlumeRelease B1Release() {
  return {.release_rate_kg_s = 0.1, .wind_speed_m_s = 2.0, .release_height_m = 0.0, .stability = S::kF};
}

double Plume(const PlumeRelease& r, const Receptor& at, const GaussianOptions& o) {
  auto c = GaussianPlumeConcentrationKgM3(r, at, o);
  EXPECT_TRUE(c.ok()) << c.status().ToString();
  return c.ok() ? *c : std::nan("");
}

// B1 (S): GasDispersion.jl gaussian_plume_tests.jl with its default sigmas (Spicer & Havens sigma_y,
// Seinfeld sigma_z), total reflection, at (500, 0, 0). Tolerance 1e-6 relative.
TEST(GaussianPlume, B1CcpsExampleWithGivenSigmas) {
  const double c = Plume(B1Release(), {500, 0, 0}, {.sigma_set = SigmaSet::kSpicerHavensSeinfeld});
  EXPECT_NEAR(c, 1.0346728324507407e-4, 1e-6 * 1.0346728324507407e-4);
}

// B1 (D): the same release with Briggs rural F sigmas (19.518, 6.9565 m): 1.172175e-4 kg/m3, 1e-6 relative.
TEST(GaussianPlume, B1CcpsExampleWithBriggsRural) {
  const double c = Plume(B1Release(), {500, 0, 0}, {.sigma_set = SigmaSet::kBriggsRural});
  EXPECT_NEAR(c, 1.172175e-4, 1e-6 * 1.172175e-4);
}

// The formula with given sigmas equals the closed form Q/(pi u sy sz) at ground level for h = 0.
TEST(GaussianPlume, FormulaWithGivenSigmas) {
  const double c = GaussianPlumeKgM3(0.1, 2.0, 0.0, 19.518, 6.9565, 0.0, 0.0, GroundReflection::kTotal);
  EXPECT_NEAR(c, 0.1 / (std::numbers::pi * 2.0 * 19.518 * 6.9565), 1e-15);
  const double free = GaussianPlumeKgM3(0.1, 2.0, 0.0, 19.518, 6.9565, 0.0, 0.0, GroundReflection::kNone);
  EXPECT_NEAR(c, 2.0 * free, 1e-15);  // the image source doubles a ground release at ground level
}

// Mass balance: the flux u ∫∫ C dy dz over z >= 0 equals Q with reflection (elevated source), to 1e-4.
TEST(GaussianPlume, CrosswindIntegralCarriesTheReleaseRate) {
  const PlumeRelease r{
      .release_rate_kg_s = 2.0, .wind_speed_m_s = 3.0, .release_height_m = 15.0, .stability = S::kD};
  const GaussianOptions o{.sigma_set = SigmaSet::kBriggsRural};
  const double x = 800;
  auto s = PlumeSigmas(S::kD, x, o);
  ASSERT_TRUE(s.ok());
  const double dy = s->y_m / 20, dz = s->z_m / 20;
  double flux = 0;
  for (double y = -8 * s->y_m; y <= 8 * s->y_m; y += dy) {
    for (double z = dz / 2; z <= 15.0 + 8 * s->z_m; z += dz) flux += Plume(r, {x, y, z}, o) * dy * dz;
  }
  EXPECT_NEAR(flux * r.wind_speed_m_s / r.release_rate_kg_s, 1.0, 1e-4);
}

TEST(GaussianPlume, UpwindIsZeroAndErrorsNameTheInput) {
  EXPECT_EQ(Plume(B1Release(), {-10, 0, 0}, {}), 0.0);
  EXPECT_EQ(Plume(B1Release(), {0, 0, 0}, {}), 0.0);
  PlumeRelease bad = B1Release();
  bad.wind_speed_m_s = 0;
  auto r = GaussianPlumeConcentrationKgM3(bad, {100, 0, 0}, {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "wind_speed_m_s: must be greater than 0 (is 0)");
  auto puff_set =
      GaussianPlumeConcentrationKgM3(B1Release(), {100, 0, 0}, {.sigma_set = SigmaSet::kCcpsPuff});
  ASSERT_FALSE(puff_set.ok());
  EXPECT_EQ(puff_set.status().message().rfind("sigma_set: ccps_puff is a puff set", 0), 0U);
  auto below = GaussianPlumeConcentrationKgM3(B1Release(), {100, 0, -1}, {});
  ASSERT_FALSE(below.ok());
  EXPECT_EQ(below.status().message().rfind("z_m:", 0), 0U);
}

// B13: averaging time 60 s on the B1 set, class F, 500 m: sigma_y = 11.4218 m (D); the ground-level
// centre-line concentration scales as 1/sigma_y. Tolerance 1e-9 relative on the ratio.
TEST(GaussianPlume, B13AveragingTimeIsAnExplicitOption) {
  const GaussianOptions base{.sigma_set = SigmaSet::kSpicerHavensSeinfeld};
  GaussianOptions short_avg = base;
  short_avg.averaging = AveragingTimeCorrection{.averaging_time_s = 60.0};
  auto s = PlumeSigmas(S::kF, 500, short_avg);
  ASSERT_TRUE(s.ok());
  EXPECT_NEAR(s->y_m, 11.4218, 6e-5);
  const double ratio = Plume(B1Release(), {500, 0, 0}, short_avg) / Plume(B1Release(), {500, 0, 0}, base);
  EXPECT_NEAR(ratio, 18.1023 / 11.4218, 1e-4);
  EXPECT_NEAR(ratio, std::pow(600.0 / 60.0, 0.2), 1e-12);
}

// B2 (S): CCPS (1999) p. 101 puff, 1 kg at ground level, u = 2 m/s, class F, CCPS puff sigmas; at the
// centre (500, 0, 0) at t = 250 s. C = 2.25004854e-3 kg/m3 (GasDispersion.jl), 1e-6 relative.
TEST(GaussianPuff, B2CcpsExample) {
  const PuffRelease r{.mass_kg = 1.0, .wind_speed_m_s = 2.0, .release_height_m = 0.0, .stability = S::kF};
  auto c = GaussianPuffConcentrationKgM3(r, {500, 0, 0}, 250, {.sigma_set = SigmaSet::kCcpsPuff});
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_NEAR(*c, 2.25004854e-3, 1e-6 * 2.25004854e-3);
  // The centre moves at u: the same point is off-centre earlier and later, and the puff is not yet
  // released at t <= 0.
  auto before = GaussianPuffConcentrationKgM3(r, {500, 0, 0}, 240, {.sigma_set = SigmaSet::kCcpsPuff});
  EXPECT_LT(*before, *c);
  EXPECT_EQ(*GaussianPuffConcentrationKgM3(r, {0, 0, 0}, 0, {.sigma_set = SigmaSet::kCcpsPuff}), 0.0);
  auto plume_set = GaussianPuffConcentrationKgM3(r, {500, 0, 0}, 250, {.sigma_set = SigmaSet::kBriggsRural});
  ASSERT_FALSE(plume_set.ok());
  EXPECT_EQ(plume_set.status().message().rfind("sigma_set: briggs_rural is a plume set", 0), 0U);
}

// Mass balance of the puff: ∫∫∫ C over z >= 0 equals M with reflection (elevated source), to 1e-4.
TEST(GaussianPuff, VolumeIntegralIsTheMass) {
  const Sigmas s{7.0, 7.0, 3.0};
  const double h = 4.0, d = 0.35;
  double mass = 0;
  for (double a = -8 * s.x_m; a <= 8 * s.x_m; a += d) {
    for (double y = -8 * s.y_m; y <= 8 * s.y_m; y += d) {
      for (double z = d / 2; z <= h + 8 * s.z_m; z += d) {
        mass += GaussianPuffKgM3(5.0, h, s, a, y, z, GroundReflection::kTotal) * d * d * d;
      }
    }
  }
  EXPECT_NEAR(mass / 5.0, 1.0, 1e-4);
}

// Footprints: the distance to C(500 m) on the B1 centre line is 500 m (the ground-level plume decreases
// monotonically); the half-width at x is where C(x, w, 0) equals the threshold. 1e-5 relative.
TEST(Footprint, DistanceAndHalfWidthAreConsistentWithTheConcentration) {
  const GaussianOptions o{.sigma_set = SigmaSet::kBriggsRural};
  const double threshold = Plume(B1Release(), {500, 0, 0}, o);
  auto d = PlumeDistanceToConcentrationM(B1Release(), threshold, o);
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  ASSERT_TRUE(d->has_value());
  EXPECT_NEAR(**d, 500.0, 500.0 * 1e-5);

  auto w = PlumeHalfWidthM(B1Release(), threshold / 4, 300.0, o);
  ASSERT_TRUE(w.ok());
  EXPECT_GT(*w, 0);
  EXPECT_NEAR(Plume(B1Release(), {300, *w, 0}, o), threshold / 4, threshold * 1e-9);
  EXPECT_EQ(*PlumeHalfWidthM(B1Release(), threshold, 600.0, o), 0.0);  // beyond the far end

  auto none = PlumeDistanceToConcentrationM(B1Release(), 1e3, o);  // never reached
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());
}

// An elevated source: the ground-level isopleth starts downwind of the source and ends at the distance
// found on the centre line; every sample lies on the isopleth.
TEST(Footprint, ElevatedIsoplethHasANearAndAFarEnd) {
  const PlumeRelease r{
      .release_rate_kg_s = 1.0, .wind_speed_m_s = 3.0, .release_height_m = 20.0, .stability = S::kD};
  const GaussianOptions o{.sigma_set = SigmaSet::kBriggsRural};
  const double threshold = 1e-5;
  auto iso = PlumeIsopleth(r, threshold, o, {.samples = 50});
  ASSERT_TRUE(iso.ok()) << iso.status().ToString();
  ASSERT_EQ(iso->size(), 50U);
  EXPECT_GT(iso->front().x_m, 1.0);  // the elevated plume has not reached the ground near the source
  EXPECT_NEAR(Plume(r, {iso->front().x_m, 0, 0}, o), threshold, threshold * 1e-4);
  auto far = PlumeDistanceToConcentrationM(r, threshold, o);
  EXPECT_NEAR(iso->back().x_m, **far, 2e-6 * **far);  // both bisected to 1e-6 relative
  EXPECT_EQ(iso->back().half_width_m, 0.0);
  for (std::size_t i = 1; i + 1 < iso->size(); ++i) {
    const IsoplethPoint& p = (*iso)[i];
    EXPECT_NEAR(Plume(r, {p.x_m, p.half_width_m, 0}, o), threshold, threshold * 1e-9) << p.x_m;
  }
  EXPECT_TRUE(PlumeIsopleth(r, 1.0, o)->empty());
}

// Toxic load: a steady exposure at the equivalent concentration for t gives back the load (Purple Book
// units: mg/m3 and min). Exact to 1e-12 relative.
TEST(Footprint, ToxicLoadThresholdGivesAnEquivalentConcentration) {
  const ToxicLoadThreshold t{
      .load = {.toxic_load = 3.0e8, .exponent_n = 2.0, .concentration_unit_kg_m3 = 1e-6, .time_unit_s = 60.0},
      .exposure_time_s = 1800.0};
  auto c = EquivalentConcentrationKgM3(t);
  ASSERT_TRUE(c.ok());
  const double c_mg_m3 = *c / 1e-6;
  EXPECT_NEAR(std::pow(c_mg_m3, 2.0) * 30.0, 3.0e8, 3.0e8 * 1e-12);
  // The toxic-load isopleth is the concentration isopleth at the equivalent concentration.
  const PlumeRelease r{
      .release_rate_kg_s = 5.0, .wind_speed_m_s = 2.0, .release_height_m = 0.0, .stability = S::kF};
  const GaussianOptions o{.sigma_set = SigmaSet::kBriggsRural};
  auto by_load = PlumeIsopleth(r, t, o, {.samples = 5});
  auto by_concentration = PlumeIsopleth(r, *c, o, {.samples = 5});
  ASSERT_TRUE(by_load.ok() && by_concentration.ok());
  ASSERT_EQ(by_load->size(), 5U);
  EXPECT_EQ(by_load->back().x_m, by_concentration->back().x_m);
  auto bad = EquivalentConcentrationKgM3({.load = {.toxic_load = 1, .exponent_n = 1}, .exposure_time_s = 0});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message().rfind("exposure_time_s:", 0), 0U);
}

// The puff footprint follows the peak concentration as the centre passes: at its far end the peak equals
// the threshold; its half-width satisfies the crosswind Gaussian.
TEST(Footprint, PuffPeakIsopleth) {
  const PuffRelease r{.mass_kg = 100.0, .wind_speed_m_s = 2.0, .release_height_m = 0.0, .stability = S::kF};
  const GaussianOptions o{.sigma_set = SigmaSet::kCcpsPuff};
  const double threshold = 1e-3;
  auto iso = PuffPeakIsopleth(r, threshold, o, {.samples = 20});
  ASSERT_TRUE(iso.ok()) << iso.status().ToString();
  ASSERT_FALSE(iso->empty());
  const double far = iso->back().x_m;
  EXPECT_NEAR(*GaussianPuffConcentrationKgM3(r, {far, 0, 0}, far / 2.0, o), threshold, threshold * 1e-5);
  const IsoplethPoint& mid = (*iso)[10];
  EXPECT_NEAR(*GaussianPuffConcentrationKgM3(r, {mid.x_m, mid.half_width_m, 0}, mid.x_m / 2.0, o), threshold,
              threshold * 1e-9);
}

// The toxic load of a passing puff: on the isopleth, the time integral of (C/unit)^n over the passage
// (numerically, with the sigmas frozen at x as the closed form assumes) equals the load, 1e-6 relative;
// the far end is where the centre line receives exactly the load.
TEST(Footprint, PuffToxicLoadIsopleth) {
  const PuffRelease r{.mass_kg = 500.0, .wind_speed_m_s = 2.0, .release_height_m = 0.0, .stability = S::kD};
  const GaussianOptions o{.sigma_set = SigmaSet::kCcpsPuff};
  const ToxicLoad load{.toxic_load = 5.0e5,
                       .exponent_n = 2.0,
                       .concentration_unit_kg_m3 = 1e-6,
                       .time_unit_s = 60.0};  // (mg/m3)^2 min
  auto iso = PuffToxicLoadIsopleth(r, load, o, {.samples = 12});
  ASSERT_TRUE(iso.ok()) << iso.status().ToString();
  ASSERT_EQ(iso->size(), 12U);
  auto received = [&](double x, double y) {
    const Sigmas s = *DispersionSigmas(SigmaSet::kCcpsPuff, S::kD, x);
    const double centre_t = x / r.wind_speed_m_s, dt = s.x_m / r.wind_speed_m_s / 200.0;
    double sum = 0;
    for (double t = centre_t - 10 * s.x_m / r.wind_speed_m_s; t <= centre_t + 10 * s.x_m / r.wind_speed_m_s;
         t += dt) {
      const double c = GaussianPuffKgM3(r.mass_kg, 0.0, s, x - r.wind_speed_m_s * t, y, 0.0, o.ground);
      sum += std::pow(c / 1e-6, 2.0) * dt / 60.0;
    }
    return sum;
  };
  for (std::size_t i : {std::size_t{2}, std::size_t{6}, std::size_t{10}}) {
    const IsoplethPoint& p = (*iso)[i];
    EXPECT_NEAR(received(p.x_m, p.half_width_m), load.toxic_load, load.toxic_load * 1e-6) << p.x_m;
  }
  EXPECT_NEAR(received(iso->back().x_m, 0.0), load.toxic_load, load.toxic_load * 1e-5);
  auto bad = PuffToxicLoadIsopleth(r, {.toxic_load = 1.0, .exponent_n = 0.0}, o);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message().rfind("exponent_n:", 0), 0U);
}

}  // namespace
}  // namespace chemsafe::qra
