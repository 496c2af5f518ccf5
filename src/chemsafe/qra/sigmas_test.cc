// Sigma sets, averaging time and wind profiles against the published values of
// /work/shared/reference/qra-cases.md (cases B2, B4, B5, B6, B7, B13); each test names its case, source
// and tolerance.
#include "chemsafe/qra/sigmas.h"

#include <cmath>
#include <initializer_list>

#include <gtest/gtest.h>

namespace chemsafe::qra {
namespace {

using S = StabilityClass;

Sigmas At(SigmaSet set, StabilityClass s, double x) {
  auto r = DispersionSigmas(set, s, x);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? *r : Sigmas{};
}

TEST(StabilityClass, ParsesTheLettersAtoF) {
  for (StabilityClass s : kStabilityClasses) {
    const char letter = StabilityLetter(s);
    auto parsed = ParseStabilityClass(std::string(1, letter));
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(*parsed, s);
  }
  EXPECT_EQ(StabilityLetter(S::kA), 'A');
  EXPECT_EQ(StabilityLetter(S::kF), 'F');
  for (const char* bad : {"G", "a", "", "AB", "f"}) {
    auto r = ParseStabilityClass(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(r.status().message().find("A, B, C, D, E, F"), std::string::npos);
  }
}

TEST(SigmaSet, ParsesNamesAndListsTheKnownOnesOnError) {
  for (const char* name : {"briggs_rural", "briggs_urban", "ccps_puff", "isc3_rural", "turner", "tno_plume",
                           "tno_puff", "spicer_havens_seinfeld"}) {
    auto set = ParseSigmaSet(name);
    ASSERT_TRUE(set.ok()) << name;
    EXPECT_EQ(SigmaSetName(*set), name);
  }
  EXPECT_EQ(SigmaSetShape(SigmaSet::kCcpsPuff), ReleaseShape::kPuff);
  EXPECT_EQ(SigmaSetShape(SigmaSet::kTnoPuff), ReleaseShape::kPuff);
  EXPECT_EQ(SigmaSetShape(SigmaSet::kBriggsRural), ReleaseShape::kPlume);
  auto bad = ParseSigmaSet("pasquill");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("\"pasquill\""), std::string::npos);
  EXPECT_NE(bad.status().message().find("briggs_rural, briggs_urban, ccps_puff"), std::string::npos);
}

TEST(Sigmas, RejectNonPositiveDistance) {
  for (double x : {0.0, -1.0, std::nan("")}) {
    auto r = DispersionSigmas(SigmaSet::kBriggsRural, S::kD, x);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().message().rfind("x_m:", 0), 0U) << r.status().message();
  }
}

// B4: Briggs (1973) via CCPS; GasDispersion.jl ccps_tests.jl checks x = 1.2 m. Tolerance 1e-12 m.
TEST(Sigmas, B4BriggsAtOnePointTwoMetres) {
  EXPECT_NEAR(At(SigmaSet::kBriggsRural, S::kA, 1.2).y_m, 0.2639841614254575, 1e-12);
  EXPECT_NEAR(At(SigmaSet::kBriggsUrban, S::kD, 1.2).z_m, 0.16796976816235135, 1e-12);
}

// B4 table (independent script, 4 decimals): tolerance 6e-5 m (half the last digit plus margin).
TEST(Sigmas, B4BriggsTable) {
  struct Row {
    double x;
    StabilityClass s;
    double rural_y, rural_z, urban_y, urban_z;
  };
  const Row rows[] = {
      {100, S::kA, 21.8908, 20.0000, 31.3786, 25.1714},
      {100, S::kD, 7.9603, 5.5950, 15.6893, 13.7946},
      {100, S::kF, 3.9801, 1.5534, 10.7864, 7.4600},
      {1000, S::kA, 209.7618, 200.0000, 270.4494, 339.4113},
      {1000, S::kD, 76.2770, 37.9473, 135.2247, 122.7881},
      {1000, S::kF, 38.1385, 12.3077, 92.9670, 50.5964},
  };
  for (const Row& r : rows) {
    SCOPED_TRACE(testing::Message() << "x=" << r.x << " class " << StabilityLetter(r.s));
    const Sigmas rural = At(SigmaSet::kBriggsRural, r.s, r.x);
    const Sigmas urban = At(SigmaSet::kBriggsUrban, r.s, r.x);
    EXPECT_NEAR(rural.y_m, r.rural_y, 6e-5);
    EXPECT_NEAR(rural.z_m, r.rural_z, 6e-5);
    EXPECT_NEAR(urban.y_m, r.urban_y, 6e-5);
    EXPECT_NEAR(urban.z_m, r.urban_z, 6e-5);
    EXPECT_EQ(rural.x_m, rural.y_m);  // plume sets: sigma_x = sigma_y by convention
  }
}

// B2: CCPS (1999) p. 101 puff sigmas, class F at 500 m (GasDispersion.jl). Tolerance 1e-9 m.
TEST(Sigmas, B2CcpsPuffClassF) {
  const Sigmas s = At(SigmaSet::kCcpsPuff, S::kF, 500);
  EXPECT_NEAR(s.y_m, 5.047929716825321, 1e-9);
  EXPECT_NEAR(s.x_m, 5.047929716825321, 1e-9);
  EXPECT_NEAR(s.z_m, 2.214836678536473, 1e-9);
}

// B1: the sigmas of the default set of GasDispersion.jl (Spicer & Havens / Seinfeld), class F at 500 m.
// The reference gives 4-6 significant digits: tolerance 1e-4 m.
TEST(Sigmas, B1SpicerHavensSeinfeldClassF) {
  const Sigmas s = At(SigmaSet::kSpicerHavensSeinfeld, S::kF, 500);
  EXPECT_NEAR(s.y_m, 18.1023, 1e-4);
  EXPECT_NEAR(s.z_m, 8.49736, 1e-4);
}

// B6: ISC3 rural sigma_z (EPA 1995 table 1-2), values of GasDispersion.jl isc3_tests.jl. Tolerance 1e-9 m.
TEST(Sigmas, B6Isc3RuralSigmaZ) {
  const struct {
    StabilityClass s;
    double x, expected;
  } cases[] = {
      {S::kD, 100, 4.651174892531855},    {S::kD, 500, 18.29689264165363},
      {S::kD, 2000, 50.15135417398994},   {S::kD, 5000, 88.69020460936578},
      {S::kD, 15000, 169.67281358959912}, {S::kD, 35000, 271.77785930262854},
      {S::kF, 100, 2.3255231110829815},   {S::kF, 500, 8.395558503802999},
      {S::kF, 1500, 18.030377292486545},  {S::kF, 10000, 46.38392157098271},
      {S::kF, 75000, 87.38876819912205},  {S::kA, 125, 17.6538512508938},
      {S::kA, 550, 128.0454080208172},
  };
  for (const auto& c : cases) {
    EXPECT_NEAR(At(SigmaSet::kIsc3Rural, c.s, c.x).z_m, c.expected, 1e-9)
        << StabilityLetter(c.s) << " x=" << c.x;
  }
  EXPECT_NEAR(At(SigmaSet::kIsc3Rural, S::kD, 1.2).y_m, 0.1309207626723034, 1e-9);
  EXPECT_NEAR(At(SigmaSet::kIsc3Rural, S::kF, 1.2).y_m, 0.0645858766834503, 1e-9);
}

// B6 range boundaries: at a boundary the lower range applies (x <= upper), except class A's first range
// (x < 0.10 km, as printed). Expected values computed here from the table 1-2 coefficients. 1e-9 m.
TEST(Sigmas, B6Isc3RuralRangeBoundaries) {
  auto z = [](StabilityClass s, double x) { return At(SigmaSet::kIsc3Rural, s, x).z_m; };
  EXPECT_NEAR(z(S::kD, 300), 34.459 * std::pow(0.3, 0.86974), 1e-9);
  EXPECT_NEAR(z(S::kD, 300.001), 32.093 * std::pow(0.300001, 0.81066), 1e-9);
  EXPECT_NEAR(z(S::kD, 1000), 32.093, 1e-9);
  EXPECT_NEAR(z(S::kF, 200), 15.209 * std::pow(0.2, 0.81558), 1e-9);
  EXPECT_NEAR(z(S::kF, 200.001), 14.457 * std::pow(0.200001, 0.78407), 1e-9);
  EXPECT_NEAR(z(S::kA, 99.999), 122.800 * std::pow(0.099999, 0.94470), 1e-9);
  EXPECT_NEAR(z(S::kA, 100), 158.080 * std::pow(0.1, 1.05420), 1e-9);
  EXPECT_NEAR(z(S::kE, 40000), 35.420 * std::pow(40.0, 0.37615), 1e-9);
  EXPECT_NEAR(z(S::kE, 40001), 47.618 * std::pow(40.001, 0.29592), 1e-9);
  // Classes A-C are capped at 5000 m.
  EXPECT_DOUBLE_EQ(z(S::kA, 20000), 5000.0);
  EXPECT_DOUBLE_EQ(z(S::kC, 1e6), 5000.0);
  EXPECT_DOUBLE_EQ(z(S::kB, 1e5), 5000.0);
  EXPECT_NEAR(z(S::kD, 1e6), 44.053 * std::pow(1000.0, 0.51179), 1e-9);  // D is not capped
}

// One published sigma: set, class, x (m), which component, value (m).
struct Golden {
  SigmaSet set;
  StabilityClass s;
  double x;
  double Sigmas::*component;
  double expected;
};

void ExpectGolden(std::initializer_list<Golden> cases, double tolerance) {
  for (const Golden& g : cases) {
    EXPECT_NEAR(At(g.set, g.s, g.x).*g.component, g.expected, tolerance)
        << SigmaSetName(g.set) << " " << StabilityLetter(g.s) << " x=" << g.x;
  }
}

// B6: Turner (1970) class D (GasDispersion.jl turner_tests.jl). Tolerance 1e-9 m.
TEST(Sigmas, B6TurnerClassD) {
  const SigmaSet t = SigmaSet::kTurner;
  ExpectGolden({{t, S::kD, 1.2, &Sigmas::y_m, 0.1508249156447098},
                {t, S::kD, 1.2, &Sigmas::z_m, 0.10858929353740095},
                {t, S::kD, 120, &Sigmas::z_m, 5.44235676295498},
                {t, S::kD, 520, &Sigmas::z_m, 18.33607966620897},
                {t, S::kD, 1e6, &Sigmas::z_m, 1158.7773561551285}},
               1e-9);
}

// B7: TNO Yellow Book (CPR 14E ch. 4) at x = 1.2 m (GasDispersion.jl tno_tests.jl). Tolerance 1e-9 m.
TEST(Sigmas, B7TnoPlumeAndPuff) {
  const SigmaSet t = SigmaSet::kTnoPlume;
  ExpectGolden({{t, S::kA, 1.2, &Sigmas::y_m, 0.6170244776546403},
                {t, S::kF, 1.2, &Sigmas::y_m, 0.07661871086795012},
                {t, S::kA, 1.2, &Sigmas::z_m, 0.3299295029728027},
                {t, S::kD, 1.2, &Sigmas::z_m, 0.2297247262425074},
                {t, S::kF, 1.2, &Sigmas::z_m, 0.135591567342651}},
               1e-9);
  for (StabilityClass s : kStabilityClasses) {
    EXPECT_NEAR(At(SigmaSet::kTnoPuff, s, 1.2).x_m, 0.156, 1e-9);
  }
  EXPECT_NEAR(At(SigmaSet::kTnoPuff, S::kA, 1.2).z_m, 0.336, 1e-9);
  EXPECT_NEAR(At(SigmaSet::kTnoPuff, S::kF, 1.2).z_m, 0.144, 1e-9);
  EXPECT_NEAR(At(SigmaSet::kTnoPuff, S::kF, 1.2).y_m, 0.5 * 0.07661871086795012, 1e-9);
}

// B13: (t/600)^0.2 with the Spicer & Havens lower limits; class F, 500 m, 60 s -> 11.4218 m (D, 4 decimals).
TEST(AveragingTime, B13CorrectionAndLowerLimits) {
  auto f = AveragingTimeFactor({.averaging_time_s = 60.0}, S::kF);
  ASSERT_TRUE(f.ok());
  EXPECT_NEAR(At(SigmaSet::kSpicerHavensSeinfeld, S::kF, 500).y_m * *f, 11.4218, 6e-5);
  EXPECT_DOUBLE_EQ(*AveragingTimeFactor({.averaging_time_s = 600.0}, S::kD), 1.0);
  // Below the lower limit the limit applies: 1 s and 4.6 s give the same factor for F, 18.4 s for A.
  EXPECT_DOUBLE_EQ(*AveragingTimeFactor({.averaging_time_s = 1.0}, S::kF), std::pow(4.6 / 600.0, 0.2));
  EXPECT_DOUBLE_EQ(*AveragingTimeFactor({.averaging_time_s = 1.0}, S::kA), std::pow(18.4 / 600.0, 0.2));
  EXPECT_DOUBLE_EQ(MinimumAveragingTimeS(S::kD), 18.3);
  EXPECT_DOUBLE_EQ(MinimumAveragingTimeS(S::kE), 11.4);
  auto bad = AveragingTimeFactor({.averaging_time_s = 0.0}, S::kF);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message().rfind("averaging_time_s:", 0), 0U);
}

// B5: u(10 m) from 3 m/s at 1 m (GasDispersion.jl ccps_tests.jl, isc3_tests.jl). Tolerance 1e-12 m/s.
TEST(WindProfile, B5PowerLaw) {
  auto u10 = [](StabilityClass s, WindExponentSet set) {
    return *PowerLawWindSpeedMS(3.0, 1.0, 10.0, s, set);
  };
  const double rural[] = {3.5246926648185886, 3.5246926648185886, 3.776776235382502,
                          4.237612633868263,  6.716163415705019,  10.644401677007265};
  const double urban[] = {4.237612633868263, 4.237612633868263, 4.754679577383341,
                          5.334838230116768, 7.53565929452874,  11.943215116604916};
  for (StabilityClass s : kStabilityClasses) {
    const auto i = static_cast<std::size_t>(s);
    EXPECT_NEAR(u10(s, WindExponentSet::kRural), rural[i], 1e-12) << StabilityLetter(s);
    EXPECT_NEAR(u10(s, WindExponentSet::kCcpsUrban), urban[i], 1e-12) << StabilityLetter(s);
  }
  EXPECT_NEAR(u10(S::kE, WindExponentSet::kIsc3Urban), 5.985786944906638, 1e-12);
  EXPECT_NEAR(u10(S::kF, WindExponentSet::kIsc3Urban), 5.985786944906638, 1e-12);
  EXPECT_NEAR(u10(S::kD, WindExponentSet::kIsc3Urban), urban[3], 1e-12);
  auto bad = PowerLawWindSpeedMS(3.0, 1.0, 0.0, S::kD, WindExponentSet::kRural);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message().rfind("height_m:", 0), 0U);
  EXPECT_EQ(*ParseWindExponentSet("isc3_urban"), WindExponentSet::kIsc3Urban);
  EXPECT_FALSE(ParseWindExponentSet("urban").ok());
}

// B7: TNO Yellow Book log profile (CPR 14E eq. 4.32), z0 = 0.1 m, u = 2 m/s at 10 m -> u(15 m)
// (GasDispersion.jl tno_tests.jl). Tolerance 1e-9 m/s.
TEST(WindProfile, B7TnoLogProfile) {
  const double expected[] = {2.105802252736218, 2.1134438908570603, 2.1298117227821707,
                             2.176091259055681, 2.3401491268457204, 2.542796254727042};
  for (StabilityClass s : kStabilityClasses) {
    auto u = TnoLogWindSpeedMS(2.0, 10.0, 15.0, s);
    ASSERT_TRUE(u.ok()) << u.status().ToString();
    EXPECT_NEAR(*u, expected[static_cast<std::size_t>(s)], 1e-9) << StabilityLetter(s);
  }
  EXPECT_TRUE(std::isinf(*MoninObukhovLengthM(S::kD, 0.1)));
  EXPECT_LT(*MoninObukhovLengthM(S::kA, 0.1), 0.0);  // unstable: negative
  EXPECT_GT(*MoninObukhovLengthM(S::kF, 0.1), 0.0);  // stable: positive
  // Roughness above 0.5 m is capped at 0.5 m in L.
  EXPECT_DOUBLE_EQ(*MoninObukhovLengthM(S::kE, 2.0), *MoninObukhovLengthM(S::kE, 0.5));
  auto low = TnoLogWindSpeedMS(2.0, 10.0, 0.05, S::kD);
  ASSERT_FALSE(low.ok());
  EXPECT_EQ(low.status().message().rfind("height_m: must be above the roughness length", 0), 0U);
}

}  // namespace
}  // namespace chemsafe::qra
