// Source terms of a loss of containment (issue 5): how fast a liquid or a gas leaves a hole, which part
// of a superheated liquid flashes to vapour on release, how a liquid pool spreads, and how fast it
// evaporates.
//
// Sources:
// - Liquid through a hole: Bernoulli with a discharge coefficient, CCPS *Guidelines for Consequence
//   Analysis of Chemical Releases* (1999) ch. 2 (discharge rate models; worked example p. 40); Crowl &
//   Louvar, *Chemical Process Safety* (3rd ed., 2011) ch. 4 ("flow of liquid through a hole").
// - Gas through a hole: isentropic ideal-gas nozzle flow, choked and sub-critical, CCPS 1999 ch. 2
//   (worked example p. 47); Crowl & Louvar ch. 4 ("flow of gases or vapors through holes").
// - Flashing: the isenthalpic energy balance f = cp (T - Tb)/hfg and its integrated form
//   f = 1 - exp(-cp (T - Tb)/hfg), Crowl & Louvar ch. 4 ("flashing liquids"); CCPS 1999 ch. 2 (flash).
// - Pool spreading: the gravity-inertia front dr/dt = sqrt(2 g h) of Shaw & Briscoe (1980) as used in
//   CCPS 1999 ch. 2 (pool spread) and the TNO Yellow Book (CPR 14E, 3rd ed. 1997) ch. 3; the pool stops
//   at a bund or at a minimum thickness (1 cm in US EPA, *Risk Management Program Guidance for Offsite
//   Consequence Analysis*, EPA 550-B-99-009, 1999, ch. 3 and Appendix D).
// - Non-boiling pool evaporation: Mackay & Matsugu (1973), Can. J. Chem. Eng. 51:434, in the form of
//   CCPS 1999 ch. 2 (pool evaporation), and in the simplified form of US EPA RMP OCA Guidance (1999)
//   Appendix D (the evaporation-rate equation of the guidance; "eq. D-1" below, numbering recalled).
// - Boiling pool: heat conduction from a semi-infinite ground, q = k (Tg - Tb)/sqrt(pi alpha t),
//   CCPS 1999 ch. 2 (pool evaporation); TNO Yellow Book ch. 3.
//
// Units SI throughout (Pa absolute, K, kg, m, s, J). Pure: no I/O. Safe to call concurrently.
#pragma once

#include <optional>
#include <string_view>

#include "chemsafe/core/result.h"

namespace chemsafe::qra {

// Standard acceleration of gravity, m/s2 (3rd CGPM, 1901).
inline constexpr double kStandardGravityM_S2 = 9.80665;
// Molar gas constant, J/(mol K) (CODATA 2018; exact since the 2019 SI).
inline constexpr double kMolarGasConstantJ_MolK = 8.314462618;

// ---------------------------------------------------------------------------------------------------
// Liquid through a hole.

struct LiquidDischargeInput {
  double density_kg_m3 = 0;
  double hole_diameter_m = 0;
  double discharge_coefficient = 0;            // (0, 1]; 0.61 for a sharp-edged orifice at Re > 30 000, 1 when
                                               // unknown (the conservative choice): Crowl & Louvar ch. 4
  double pressure_pa = 0;                      // absolute pressure above the liquid (or in the pipe)
  double ambient_pressure_pa = 0;              // absolute pressure outside the hole
  double liquid_head_m = 0;                    // Default: 0 (no liquid above the hole)
  double gravity_m_s2 = kStandardGravityM_S2;  // Default: standard gravity
};

struct LiquidDischarge {
  double mass_rate_kg_s = 0;
  // Mean velocity in the hole, m/(rho A) = Cd sqrt(2 dp/rho + 2 g h) (the convention of CCPS 1999 p. 40).
  double exit_velocity_m_s = 0;
};

// m = Cd A rho sqrt(2 (p - pa)/rho + 2 g h). InvalidArgument naming the input when one is out of range
// or when the driving head (p - pa)/(rho g) + h is negative (the flow would go inwards).
Result<LiquidDischarge> DischargeLiquid(const LiquidDischargeInput& in);

// ---------------------------------------------------------------------------------------------------
// Gas through a hole.

// The density of an ideal gas, p M/(R T), kg/m3.
Result<double> IdealGasDensityKgM3(double pressure_pa, double temperature_k, double molar_mass_kg_mol);

// The choking pressure ratio p*/p0 = (2/(k + 1))^(k/(k - 1)) for a heat capacity ratio k > 1.
double CriticalPressureRatio(double heat_capacity_ratio);

struct GasDischargeInput {
  double heat_capacity_ratio = 0;  // k = cp/cv, > 1
  double pressure_pa = 0;          // stagnation (upstream) absolute pressure p0
  double temperature_k = 0;        // stagnation temperature T0
  double density_kg_m3 = 0;        // stagnation density rho0 (an ideal gas: IdealGasDensityKgM3)
  double hole_diameter_m = 0;
  double discharge_coefficient = 0;  // (0, 1]; Crowl & Louvar take 1 as the conservative value
  double ambient_pressure_pa = 0;    // absolute pressure outside the hole
};

struct GasDischarge {
  double mass_rate_kg_s = 0;
  bool choked = false;  // pa/p0 at or below the critical pressure ratio
  double critical_pressure_ratio = 0;
  // Conditions in the throat (vena contracta): p* = p0 r_c when choked, else the ambient pressure; the
  // temperature and density follow the isentrope from the stagnation state.
  double throat_pressure_pa = 0;
  double throat_temperature_k = 0;
  double throat_density_kg_m3 = 0;
  // m/(rho_throat A): the mean velocity over the hole (CCPS 1999 p. 47; includes Cd, like the liquid).
  double exit_velocity_m_s = 0;
};

// Choked: m = Cd A sqrt(k rho0 p0 (2/(k+1))^((k+1)/(k-1))).
// Sub-critical: m = Cd A sqrt(2 rho0 p0 k/(k-1) [(pa/p0)^(2/k) - (pa/p0)^((k+1)/k)]).
// The two agree at the critical ratio. InvalidArgument naming the input when one is out of range or
// p0 < pa.
Result<GasDischarge> DischargeGas(const GasDischargeInput& in);

// ---------------------------------------------------------------------------------------------------
// Flashing of a superheated liquid released to atmospheric pressure.

enum class FlashMethod {
  kIsenthalpic,  // f = cp (T - Tb)/hfg (Crowl & Louvar; CCPS 1999)
  kExponential,  // f = 1 - exp(-cp (T - Tb)/hfg): the same balance integrated over the falling
                 // temperature, cp and hfg constant (Crowl & Louvar)
};

struct FlashInput {
  double heat_capacity_j_kg_k = 0;                 // liquid cp, mean between Tb and T
  double temperature_k = 0;                        // liquid temperature before release
  double boiling_point_k = 0;                      // boiling point at the pressure released to (normally 1 atm)
  double heat_of_vaporization_j_kg = 0;            // at the boiling point
  FlashMethod method = FlashMethod::kIsenthalpic;  // Default: the isenthalpic form
};

// The mass fraction that flashes, in [0, 1]: 0 when T <= Tb (the liquid is not superheated); the
// isenthalpic form is capped at 1 (the energy balance says the whole release vaporises).
Result<double> FlashFraction(const FlashInput& in);

// ---------------------------------------------------------------------------------------------------
// Pool spreading.

enum class PoolLimit {
  kSpreading,     // still spreading: the gravity front sets the radius
  kBund,          // reached the bund wall
  kMinThickness,  // reached the minimum thickness on open ground
};
std::string_view PoolLimitName(PoolLimit limit);  // "spreading", "bund", "min_thickness"

struct PoolSpreadOptions {
  std::optional<double> bund_area_m2;  // Default: none (open ground)
  // Default: 1 cm, the depth of an undiked pool in US EPA RMP OCA Guidance (1999) ch. 3. Rougher
  // ground holds a thicker layer (TNO Yellow Book ch. 3): pass the site's value.
  double min_thickness_m = 0.01;
  double gravity_m_s2 = kStandardGravityM_S2;  // Default: standard gravity
};

struct PoolSpread {
  double radius_m = 0;  // of the circle of the same area when the bund limits the pool
  double area_m2 = 0;
  double volume_m3 = 0;  // liquid in the pool (no evaporation taken off)
  double thickness_m = 0;
  PoolLimit limit = PoolLimit::kSpreading;
};

// An instantaneous spill of `volume_m3`: r(t) = (8 g V/pi)^(1/4) t^(1/2), up to the bund area or V/h_min.
Result<PoolSpread> SpreadInstantaneousPool(double volume_m3, double time_s, const PoolSpreadOptions& options);
// A continuous spill at `volume_rate_m3_s` since t = 0: r(t) = (32 g Vdot/(9 pi))^(1/4) t^(3/4), up to
// the bund area or Vdot t/h_min.
Result<PoolSpread> SpreadContinuousPool(double volume_rate_m3_s, double time_s, const PoolSpreadOptions& options);

// ---------------------------------------------------------------------------------------------------
// Evaporation of a non-boiling pool (mass transfer into the wind).

struct NonBoilingPoolInput {
  double pool_area_m2 = 0;
  double wind_speed_m_s = 0;      // at 10 m height (the reference height of both as CCPS and US EPA use them)
  double temperature_k = 0;       // of the liquid
  double vapour_pressure_pa = 0;  // at the liquid temperature (e.g. AntoineVapourPressurePa)
  double molar_mass_kg_mol = 0;
};

// US EPA RMP OCA Guidance (1999) eq. D-1, in its own units: QR [lb/min] = 0.284 U^0.78 MW^(2/3) A[ft2]
// VP[mmHg]/(82.05 T[K]); converted here to kg/s (exact unit definitions).
Result<double> EvaporationRateEpaRmpKgS(const NonBoilingPoolInput& in);

// Mackay & Matsugu (1973) as in CCPS 1999: k_m = 0.0048 u^(7/9) D^(-1/9) Sc^(-2/3) m/s with D the pool
// diameter (of a circle of the pool's area), m = k_m A M Pv/(R T).
Result<double> EvaporationRateMackayMatsuguKgS(const NonBoilingPoolInput& in, double schmidt_number);

// ---------------------------------------------------------------------------------------------------
// Evaporation of a boiling (cryogenic or refrigerated) pool by heat conduction from the ground.

struct GroundProperties {
  double conductivity_w_m_k = 0;
  double diffusivity_m2_s = 0;
};

enum class GroundKind { kConcrete, kSoil, kSand };
// "concrete", "soil", "sand"; nullopt for another name.
std::optional<GroundKind> ParseGroundKind(std::string_view name);

// Documented defaults: Incropera & DeWitt, *Fundamentals of Heat and Mass Transfer* (6th ed.), Table
// A.3 at 300 K (recalled, grade M): concrete (stone mix) k = 1.4 W/(m K), rho = 2300 kg/m3,
// cp = 880 J/(kg K); soil k = 0.52, rho = 2050, cp = 1840; sand k = 0.27, rho = 1515, cp = 800;
// alpha = k/(rho cp). Moisture changes soil and sand several-fold: pass the site's values where known.
GroundProperties DefaultGroundProperties(GroundKind kind);

struct BoilingPoolInput {
  double pool_area_m2 = 0;
  double time_s = 0;                     // since the pool covered the ground
  double ground_temperature_k = 0;       // initial, far from the pool
  double boiling_point_k = 0;            // of the liquid (the pool stays at it)
  double heat_of_vaporization_j_kg = 0;  // at the boiling point
  GroundProperties ground;
};

struct BoilingPoolEvaporation {
  double heat_flux_w_m2 = 0;         // q(t) = k (Tg - Tb)/sqrt(pi alpha t)
  double evaporation_rate_kg_s = 0;  // A q(t)/hfg
  double evaporated_mass_kg = 0;     // from 0 to t with the area constant: 2 A k (Tg - Tb) sqrt(t/(pi alpha))/hfg
};

// InvalidArgument when an input is out of range or the ground is not warmer than the boiling point.
Result<BoilingPoolEvaporation> EvaporateBoilingPool(const BoilingPoolInput& in);

}  // namespace chemsafe::qra
