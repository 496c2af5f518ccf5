// Source terms against the QRA reference cases (shared/reference/qra-cases.md: A1, A2, A5) and against
// independent forms of the same physics (the Mach-number form of nozzle flow, the gravity front
// dr/dt = sqrt(2 g h), the US EPA equation in its own units). Every tolerance is relative unless named.
#include "chemsafe/qra/source_terms.h"

#include <cmath>
#include <numbers>

#include <gtest/gtest.h>

namespace chemsafe::qra {
namespace {

constexpr double kPi = std::numbers::pi;

double Relative(double actual, double expected) { return std::abs(actual - expected) / std::abs(expected); }

// --- Liquid ---------------------------------------------------------------------------------------

// A1 (grade S): CCPS 1999 p. 40 as quoted by GasDispersion.jl jet_source_tests.jl. Tolerance 1e-9.
TEST(DischargeLiquid, CaseA1Ccps1999Page40) {
  LiquidDischargeInput in;
  in.density_kg_m3 = 490;
  in.hole_diameter_m = 0.01;
  in.discharge_coefficient = 0.63;
  in.pressure_pa = 120935.0368;
  in.ambient_pressure_pa = 101325;
  auto out = DischargeLiquid(in);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_LT(Relative(out->mass_rate_kg_s, 0.21691154763598), 1e-9);
  EXPECT_LT(Relative(out->exit_velocity_m_s, 5.636333880812954), 1e-9);
}

// With no overpressure the head alone drives the liquid: Torricelli, u = Cd sqrt(2 g h). Tolerance 1e-12.
TEST(DischargeLiquid, HeadAloneIsTorricelli) {
  LiquidDischargeInput in;
  in.density_kg_m3 = 1000;
  in.hole_diameter_m = 0.05;
  in.discharge_coefficient = 0.61;
  in.pressure_pa = 101325;
  in.ambient_pressure_pa = 101325;
  in.liquid_head_m = 5;
  auto out = DischargeLiquid(in);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  const double torricelli = 0.61 * std::sqrt(2 * 9.80665 * 5);
  EXPECT_LT(Relative(out->exit_velocity_m_s, torricelli), 1e-12);
  EXPECT_LT(Relative(out->mass_rate_kg_s, 1000 * kPi / 4 * 0.05 * 0.05 * torricelli), 1e-12);
  // The head adds rho g h to the pressure difference: the same flow from 5 m of pressure equivalent.
  in.liquid_head_m = 0;
  in.pressure_pa = 101325 + 1000 * 9.80665 * 5;
  EXPECT_LT(Relative(DischargeLiquid(in)->mass_rate_kg_s, out->mass_rate_kg_s), 1e-12);
}

TEST(DischargeLiquid, ErrorsNameTheInput) {
  LiquidDischargeInput in{.density_kg_m3 = 490,
                          .hole_diameter_m = 0.01,
                          .discharge_coefficient = 0.63,
                          .pressure_pa = 120935,
                          .ambient_pressure_pa = 101325};
  in.hole_diameter_m = -1;
  EXPECT_EQ(DischargeLiquid(in).status().message(), "hole_diameter_m: must be greater than 0 (is -1)");
  in.hole_diameter_m = 0.01;
  in.discharge_coefficient = 1.2;
  EXPECT_EQ(DischargeLiquid(in).status().message(), "discharge_coefficient: must be in (0, 1] (is 1.2)");
  in.discharge_coefficient = 0.63;
  in.pressure_pa = 90000;  // below ambient, no head: the flow would go inwards
  EXPECT_EQ(DischargeLiquid(in).status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(DischargeLiquid(in).status().message().find("pressure_pa"), std::string::npos);
}

// --- Gas ------------------------------------------------------------------------------------------

// The inputs of case A2: CCPS 1999 p. 47 via GasDispersion.jl.
GasDischargeInput CaseA2() {
  return {.heat_capacity_ratio = 1.15,
          .pressure_pa = 501000,
          .temperature_k = 298,
          .density_kg_m3 = 8.90,
          .hole_diameter_m = 0.01,
          .discharge_coefficient = 0.85,
          .ambient_pressure_pa = 101325};
}

// An ideal gas at p0, T0 (stagnation density p0 M/(R T0)) through a hole of diameter d into pa.
GasDischargeInput IdealGas(double k, double p0, double t0, double molar_mass, double d, double cd, double pa) {
  GasDischargeInput in = CaseA2();
  in.heat_capacity_ratio = k;
  in.pressure_pa = p0;
  in.temperature_k = t0;
  in.density_kg_m3 = *IdealGasDensityKgM3(p0, t0, molar_mass);
  in.hole_diameter_m = d;
  in.discharge_coefficient = cd;
  in.ambient_pressure_pa = pa;
  return in;
}

// A2 (grade S). Tolerance 1e-9 for m, p*, T*; 1e-6 for u.
TEST(DischargeGas, CaseA2ChokedCcps1999Page47) {
  GasDischargeInput in = CaseA2();
  auto out = DischargeGas(in);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_TRUE(out->choked);
  EXPECT_LT(Relative(out->mass_rate_kg_s, 0.09002799947040846), 1e-9);
  EXPECT_LT(Relative(out->throat_pressure_pa, 287766.01316878956), 1e-9);
  EXPECT_LT(Relative(out->throat_temperature_k, 277.2093023255814), 1e-9);
  EXPECT_LT(Relative(out->exit_velocity_m_s, 208.58711308961637), 1e-6);
  // Choked: the ambient pressure no longer matters.
  in.ambient_pressure_pa = 1000;
  EXPECT_EQ(DischargeGas(in)->mass_rate_kg_s, out->mass_rate_kg_s);
}

// A5 (grade D): nitrogen, k = 1.4, M = 28.013 g/mol, 0.1 in hole, 200 psig, 80 F, Cd = 1 -> 0.017217
// kg/s (five figures: tolerance 1e-6 kg/s absolute). Conversions exact: 1 in = 0.0254 m, 1 psi =
// 6894.757293168 Pa, 1 atm = 101325 Pa added to the gauge pressure, T = (80 - 32)/1.8 + 273.15 K.
TEST(DischargeGas, CaseA5ChokedNitrogen) {
  const double p0 = 200 * 6894.757293168 + 101325;
  const double t0 = (80 - 32) / 1.8 + 273.15;
  auto out = DischargeGas(IdealGas(1.4, p0, t0, 0.028013, 0.1 * 0.0254, 1, 101325));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_TRUE(out->choked);
  EXPECT_NEAR(out->mass_rate_kg_s, 0.017217, 1e-6);
}

// The choking ratio (2/(k+1))^(k/(k-1)): 0.528282 for k = 1.4 (Crowl & Louvar quote 0.528 for air).
TEST(DischargeGas, CriticalPressureRatio) {
  EXPECT_NEAR(CriticalPressureRatio(1.4), 0.5282817877171742, 1e-12);
  EXPECT_NEAR(CriticalPressureRatio(1.4), 0.528, 5e-4);
}

// The sub-critical and choked formulas meet at the critical ratio. Tolerance 1e-6 relative across a
// step of 1e-9 in the pressure ratio.
TEST(DischargeGas, SubCriticalMeetsChokedAtTheCriticalRatio) {
  for (double k : {1.1, 1.3, 1.4, 1.67}) {
    GasDischargeInput in = CaseA2();
    in.heat_capacity_ratio = k;
    in.ambient_pressure_pa = in.pressure_pa * CriticalPressureRatio(k) * (1 - 1e-9);
    auto choked = DischargeGas(in);
    in.ambient_pressure_pa = in.pressure_pa * CriticalPressureRatio(k) * (1 + 1e-9);
    auto sub = DischargeGas(in);
    ASSERT_TRUE(choked.ok() && sub.ok());
    EXPECT_TRUE(choked->choked);
    EXPECT_FALSE(sub->choked);
    EXPECT_LT(Relative(sub->mass_rate_kg_s, choked->mass_rate_kg_s), 1e-6) << "k = " << k;
    EXPECT_LT(Relative(sub->throat_temperature_k, choked->throat_temperature_k), 1e-6) << "k = " << k;
  }
}

// Sub-critical air (k = 1.4, M = 28.964 g/mol) from 150 kPa, 300 K into 101325 Pa, Cd = 0.61, d = 20 mm.
// Independent route: the Mach number in the throat, Ma^2 = 2/(k-1) ((p0/pa)^((k-1)/k) - 1), and the
// mass flux G = p0 sqrt(k M/(R T0)) Ma (1 + (k-1)/2 Ma^2)^(-(k+1)/(2(k-1))); u = Cd Ma c, c the local
// speed of sound. Expected m = 0.06376695917233377 kg/s (D, independent script). Tolerance 1e-9.
TEST(DischargeGas, SubCriticalAirByTheMachNumberForm) {
  const double k = 1.4, p0 = 150000, t0 = 300, molar = 0.028964, pa = 101325, cd = 0.61, d = 0.02;
  auto out = DischargeGas(IdealGas(k, p0, t0, molar, d, cd, pa));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_FALSE(out->choked);
  EXPECT_EQ(out->throat_pressure_pa, pa);
  const double mach = std::sqrt(2 / (k - 1) * (std::pow(p0 / pa, (k - 1) / k) - 1));
  const double flux = p0 * std::sqrt(k * molar / (8.314462618 * t0)) * mach *
                      std::pow(1 + (k - 1) / 2 * mach * mach, -(k + 1) / (2 * (k - 1)));
  const double area = kPi / 4 * d * d;
  EXPECT_LT(Relative(out->mass_rate_kg_s, cd * area * flux), 1e-9);
  EXPECT_LT(Relative(out->mass_rate_kg_s, 0.06376695917233377), 1e-9);
  const double t_throat = t0 / (1 + (k - 1) / 2 * mach * mach);
  EXPECT_LT(Relative(out->throat_temperature_k, t_throat), 1e-9);
  EXPECT_LT(Relative(out->exit_velocity_m_s, cd * mach * std::sqrt(k * 8.314462618 * t_throat / molar)), 1e-9);
}

TEST(DischargeGas, ErrorsNameTheInput) {
  GasDischargeInput in = CaseA2();
  in.heat_capacity_ratio = 1.0;
  EXPECT_EQ(DischargeGas(in).status().message(), "heat_capacity_ratio: must be greater than 1 (is 1)");
  in.heat_capacity_ratio = 1.4;
  in.pressure_pa = 90000;
  EXPECT_EQ(DischargeGas(in).status().message(),
            "pressure_pa: 90000 Pa is below ambient_pressure_pa 101325 Pa (no outflow)");
  EXPECT_EQ(IdealGasDensityKgM3(1e5, 300, 0).status().message(), "molar_mass_kg_mol: must be greater than 0 (is 0)");
}

// --- Flashing -------------------------------------------------------------------------------------

// Saturated water at 350 F flashing to 1 atm (212 F) with cp = 1.04 Btu/(lb F), hfg = 970.3 Btu/lb: the
// inputs of Crowl & Louvar's flashing-water example (recalled, M). The formula is unit-free, so the
// expected value is the same ratio in the book's units: 1.04 (350 - 212)/970.3 = 0.1479130 (D), and
// 1 - exp(-that) = 0.1374939 (D). Tolerance 1e-6 relative (unit conversions exact).
TEST(FlashFraction, WaterAt350FahrenheitInSiAndInBookUnits) {
  constexpr double kJoulesPerBtu = 1055.05585262;  // international table Btu
  constexpr double kKilogramsPerPound = 0.45359237;
  FlashInput in;
  in.heat_capacity_j_kg_k = 1.04 * kJoulesPerBtu / kKilogramsPerPound * 1.8;
  in.temperature_k = (350 - 32) / 1.8 + 273.15;
  in.boiling_point_k = (212 - 32) / 1.8 + 273.15;
  in.heat_of_vaporization_j_kg = 970.3 * kJoulesPerBtu / kKilogramsPerPound;
  const double book_ratio = 1.04 * (350 - 212) / 970.3;
  EXPECT_LT(Relative(*FlashFraction(in), book_ratio), 1e-6);
  EXPECT_LT(Relative(*FlashFraction(in), 0.1479130), 1e-6);
  in.method = FlashMethod::kExponential;
  EXPECT_LT(Relative(*FlashFraction(in), 1 - std::exp(-book_ratio)), 1e-6);
  EXPECT_LT(Relative(*FlashFraction(in), 0.1374939), 1e-6);
}

TEST(FlashFraction, BoundsAndOrder) {
  FlashInput in{.heat_capacity_j_kg_k = 2500,
                .temperature_k = 293.15,
                .boiling_point_k = 231.08,
                .heat_of_vaporization_j_kg = 425.1e3};
  const double linear = *FlashFraction(in);
  in.method = FlashMethod::kExponential;
  const double exponential = *FlashFraction(in);
  EXPECT_GT(linear, exponential);  // 1 - exp(-x) < x for x > 0
  EXPECT_NEAR(linear, 2500 * (293.15 - 231.08) / 425.1e3, 1e-12);
  in.temperature_k = 220;  // sub-cooled at 1 atm: nothing flashes
  EXPECT_EQ(*FlashFraction(in), 0.0);
  in.temperature_k = 600;  // cp dT > hfg
  in.method = FlashMethod::kIsenthalpic;
  EXPECT_EQ(*FlashFraction(in), 1.0);
  in.method = FlashMethod::kExponential;
  EXPECT_LT(*FlashFraction(in), 1.0);
  in.heat_of_vaporization_j_kg = 0;
  EXPECT_EQ(FlashFraction(in).status().message(), "heat_of_vaporization_j_kg: must be greater than 0 (is 0)");
}

// --- Pools ----------------------------------------------------------------------------------------

// The front obeys dr/dt = sqrt(2 g h) with h = V/(pi r^2): checked by a central difference (step 1e-4
// s; tolerance 1e-6 relative), which does not use the closed form's constants.
TEST(PoolSpread, InstantaneousFrontMovesAtTheGravitySpeed) {
  const double volume = 10, t = 20, dt = 1e-4, g = 9.80665;
  PoolSpreadOptions open;
  open.min_thickness_m = 1e-6;  // keep it spreading
  auto at = SpreadInstantaneousPool(volume, t, open);
  ASSERT_TRUE(at.ok()) << at.status().ToString();
  EXPECT_EQ(at->limit, PoolLimit::kSpreading);
  const double speed = (SpreadInstantaneousPool(volume, t + dt, open)->radius_m -
                        SpreadInstantaneousPool(volume, t - dt, open)->radius_m) /
                       (2 * dt);
  EXPECT_LT(Relative(speed, std::sqrt(2 * g * at->thickness_m)), 1e-6);
  EXPECT_LT(Relative(at->thickness_m * at->area_m2, volume), 1e-12);
}

TEST(PoolSpread, ContinuousFrontMovesAtTheGravitySpeed) {
  const double rate = 0.05, t = 30, dt = 1e-4, g = 9.80665;
  PoolSpreadOptions open;
  open.min_thickness_m = 1e-6;
  auto at = SpreadContinuousPool(rate, t, open);
  ASSERT_TRUE(at.ok()) << at.status().ToString();
  EXPECT_EQ(at->limit, PoolLimit::kSpreading);
  EXPECT_LT(Relative(at->volume_m3, rate * t), 1e-12);
  const double speed =
      (SpreadContinuousPool(rate, t + dt, open)->radius_m - SpreadContinuousPool(rate, t - dt, open)->radius_m) /
      (2 * dt);
  EXPECT_LT(Relative(speed, std::sqrt(2 * g * at->thickness_m)), 1e-6);
}

TEST(PoolSpread, StopsAtTheBundOrTheMinimumThickness) {
  PoolSpreadOptions options;  // 1 cm minimum (US EPA RMP)
  // 1 m3 on open ground: at most 100 m2 at 1 cm.
  auto late = SpreadInstantaneousPool(1, 3600, options);
  ASSERT_TRUE(late.ok());
  EXPECT_EQ(late->limit, PoolLimit::kMinThickness);
  EXPECT_NEAR(late->area_m2, 100, 1e-9);
  EXPECT_NEAR(late->thickness_m, 0.01, 1e-12);
  EXPECT_NEAR(late->radius_m, std::sqrt(100 / kPi), 1e-9);
  options.bund_area_m2 = 40;
  auto bunded = SpreadInstantaneousPool(1, 3600, options);
  EXPECT_EQ(bunded->limit, PoolLimit::kBund);
  EXPECT_NEAR(bunded->area_m2, 40, 1e-12);
  EXPECT_NEAR(bunded->thickness_m, 1.0 / 40, 1e-12);
  // Early on the front is inside the bund.
  auto early = SpreadInstantaneousPool(1, 0.5, options);
  EXPECT_EQ(early->limit, PoolLimit::kSpreading);
  EXPECT_LT(early->area_m2, 40);
  EXPECT_EQ(PoolLimitName(PoolLimit::kMinThickness), "min_thickness");
  EXPECT_EQ(SpreadInstantaneousPool(1, 0, options).status().message(), "time_s: must be greater than 0 (is 0)");
  options.bund_area_m2 = -1;
  EXPECT_EQ(SpreadContinuousPool(1, 1, options).status().message(), "bund_area_m2: must be greater than 0 (is -1)");
}

// --- Evaporation ----------------------------------------------------------------------------------

// US EPA RMP OCA Guidance eq. D-1 worked in the guidance's own units: 50 m2 = 538.196 ft2, 3800 Pa =
// 28.5024 mmHg, 1.5 m/s, MW 92.141, 298.15 K -> 4.984390 lb/min = 0.03768136 kg/s (D, independent
// script). Tolerance 1e-6 relative.
TEST(PoolEvaporation, EpaRmpInItsOwnUnits) {
  NonBoilingPoolInput in{.pool_area_m2 = 50,
                         .wind_speed_m_s = 1.5,
                         .temperature_k = 298.15,
                         .vapour_pressure_pa = 3800,
                         .molar_mass_kg_mol = 0.092141};
  const double lb_per_min = 0.284 * std::pow(1.5, 0.78) * std::pow(92.141, 2.0 / 3) * (50 / 0.09290304) *
                            (3800 / 133.322368421) / (82.05 * 298.15);
  EXPECT_LT(Relative(lb_per_min, 4.98439049763169), 1e-6);
  auto rate = EvaporationRateEpaRmpKgS(in);
  ASSERT_TRUE(rate.ok()) << rate.status().ToString();
  EXPECT_LT(Relative(*rate, lb_per_min * 0.45359237 / 60), 1e-6);
  EXPECT_LT(Relative(*rate, 0.037681358313770626), 1e-6);
  in.vapour_pressure_pa = 0;
  EXPECT_EQ(*EvaporationRateEpaRmpKgS(in), 0.0);
  in.wind_speed_m_s = 0;
  EXPECT_EQ(EvaporationRateEpaRmpKgS(in).status().message(), "wind_speed_m_s: must be greater than 0 (is 0)");
}

// Mackay & Matsugu with Sc = 1.5 on the same pool: 0.02815327 kg/s (D, independent script), and the
// scalings of the correlation: u^(7/9) and A^(1 - 1/18) at fixed Pv. Tolerance 1e-9.
TEST(PoolEvaporation, MackayMatsugu) {
  NonBoilingPoolInput in{.pool_area_m2 = 50,
                         .wind_speed_m_s = 1.5,
                         .temperature_k = 298.15,
                         .vapour_pressure_pa = 3800,
                         .molar_mass_kg_mol = 0.092141};
  const double base = *EvaporationRateMackayMatsuguKgS(in, 1.5);
  EXPECT_LT(Relative(base, 0.028153273149206792), 1e-9);
  in.wind_speed_m_s = 3;
  EXPECT_LT(Relative(*EvaporationRateMackayMatsuguKgS(in, 1.5) / base, std::pow(2.0, 7.0 / 9)), 1e-9);
  in.wind_speed_m_s = 1.5;
  in.pool_area_m2 = 200;
  EXPECT_LT(Relative(*EvaporationRateMackayMatsuguKgS(in, 1.5) / base, std::pow(4.0, 1 - 1.0 / 18)), 1e-9);
  EXPECT_EQ(EvaporationRateMackayMatsuguKgS(in, 0).status().message(), "schmidt_number: must be greater than 0 (is 0)");
}

// LNG (methane, Tb = 111.67 K, hfg = 509.3 kJ/kg from data/qra) on concrete at 293.15 K, 100 m2, t = 10 s:
// q = 54503.34 W/m2, 10.70162 kg/s, 214.0324 kg evaporated (D, independent script). Tolerance 1e-6.
// The evaporated mass is also the integral of the rate (midpoint rule in s = sqrt(t), where the
// integrand is constant: exact to rounding).
TEST(BoilingPool, LngOnConcrete) {
  BoilingPoolInput in{.pool_area_m2 = 100,
                      .time_s = 10,
                      .ground_temperature_k = 293.15,
                      .boiling_point_k = 111.67,
                      .heat_of_vaporization_j_kg = 509.3e3,
                      .ground = DefaultGroundProperties(GroundKind::kConcrete)};
  EXPECT_LT(Relative(in.ground.diffusivity_m2_s, 1.4 / (2300 * 880)), 1e-12);
  auto out = EvaporateBoilingPool(in);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_LT(Relative(out->heat_flux_w_m2, 54503.33864843711), 1e-6);
  EXPECT_LT(Relative(out->evaporation_rate_kg_s, 10.701617641554506), 1e-6);
  EXPECT_LT(Relative(out->evaporated_mass_kg, 214.03235283109015), 1e-6);
  // m(t) = integral of rate(t') dt' = integral of rate(s^2) 2 s ds, s = sqrt(t'); rate(s^2) s is constant.
  double integral = 0;
  const int n = 100;
  const double ds = std::sqrt(in.time_s) / n;
  for (int i = 0; i < n; ++i) {
    BoilingPoolInput at = in;
    const double s = (i + 0.5) * ds;
    at.time_s = s * s;
    integral += EvaporateBoilingPool(at)->evaporation_rate_kg_s * 2 * s * ds;
  }
  EXPECT_LT(Relative(integral, out->evaporated_mass_kg), 1e-9);
}

TEST(BoilingPool, GroundKindsAndErrors) {
  EXPECT_EQ(ParseGroundKind("sand"), GroundKind::kSand);
  EXPECT_EQ(ParseGroundKind("Sand"), std::nullopt);
  // A better conductor (concrete) evaporates faster than soil, soil faster than sand: k/sqrt(alpha) =
  // sqrt(k rho cp) orders them.
  // Ammonia (Tb 239.75 K, 1369.7 kJ/kg) on 1 m2 for 60 s.
  BoilingPoolInput ammonia{.pool_area_m2 = 1,
                           .time_s = 60,
                           .ground_temperature_k = 293.15,
                           .boiling_point_k = 239.75,
                           .heat_of_vaporization_j_kg = 1369.7e3,
                           .ground = {}};
  auto flux = [&](GroundKind kind) {
    BoilingPoolInput on = ammonia;
    on.ground = DefaultGroundProperties(kind);
    return EvaporateBoilingPool(on)->heat_flux_w_m2;
  };
  EXPECT_GT(flux(GroundKind::kConcrete), flux(GroundKind::kSoil));
  EXPECT_GT(flux(GroundKind::kSoil), flux(GroundKind::kSand));
  BoilingPoolInput warm = ammonia;  // the ground below the boiling point
  warm.ground_temperature_k = 230;
  warm.ground = DefaultGroundProperties(GroundKind::kSoil);
  EXPECT_NE(EvaporateBoilingPool(warm).status().message().find("ground_temperature_k"), std::string::npos);
  warm.ground.conductivity_w_m_k = 0;
  EXPECT_EQ(EvaporateBoilingPool(warm).status().message(), "ground_conductivity_w_m_k: must be greater than 0 (is 0)");
}

}  // namespace
}  // namespace chemsafe::qra
