// Fires of the qra module (issue 5): the pool fire as a solid-flame vertical cylinder, point-source
// radiation (jet fires, flares), the fireball of a BLEVE, and the lethality footprint of a flash fire.
//
// Sources (each function names its equation):
// - CCPS, Guidelines for Consequence Analysis of Chemical Releases (1999), ch. 3 ("CCPS 1999"): burning
//   rate (Burgess & Zabetakis 1962), flame length (Thomas 1963), surface emissive power and view factors
//   of a vertical cylinder (Mudan 1984), atmospheric transmissivity (Pietersen & Huerta 1985, with the
//   water partial pressure of Mudan & Croce 1988), point source, fireball (Roberts 1982).
// - API Standard 521 (Hajek & Ludwig point-source method) for the distance to an allowed flux.
// - TNO Yellow Book, CPR 14E (3rd ed., 1997), ch. 6: fireball diameter and duration.
// - Purple Book, CPR 18E (1999), ch. 5: flash fire lethality (1 outdoors inside the LFL contour).
// Reference cases: /work/shared/reference/qra-cases.md C3, C4, C7, C8.
//
// Units SI: m, s, kg, J, W, K, Pa. Every convention (g, air density, SEP constants, the way view factors
// combine, the fireball SEP) is an option or a parameter.
//
// Pure: no I/O. Safe to call concurrently.
#pragma once

#include <functional>
#include <vector>

#include "chemsafe/core/result.h"

namespace chemsafe::qra {

// Standard acceleration of gravity (3rd CGPM, 1901), m/s2.
inline constexpr double kStandardGravityMS2 = 9.80665;

// ---------------------------------------------------------------------------------------------------
// Pool fire

// Burgess–Zabetakis burning-rate constants of one substance: data per substance with its source (e.g.
// Babrauskas's table in the SFPE Handbook), never built in here. m'' = m_inf (1 - exp(-k·beta·D)).
struct BurningRateConstants {
  double max_burning_rate_kg_m2_s = 0;  // m_inf, the large-pool burning flux
  double k_beta_per_m = 0;              // k·beta, the extinction-coefficient-times-mean-beam-length factor
};

// m'' (kg/m2/s) of a pool of diameter D by Burgess & Zabetakis (1962): m_inf (1 - exp(-k beta D)).
Result<double> BurningRateKgM2S(const BurningRateConstants& constants, double pool_diameter_m);

// The liquid's properties for the Burgess estimate of m_inf.
struct BurgessLiquid {
  double heat_of_combustion_j_kg = 0;       // lower heat of combustion
  double heat_of_vaporization_j_kg = 0;     // at the boiling point
  double liquid_heat_capacity_j_kg_k = 0;
  double boiling_point_k = 0;
};
struct BurgessOptions {
  double ambient_temperature_k = 293.15;  // Default: 20 °C
  // Default: 1e-3 kg/m2/s, the Burgess et al. (1961) constant (CCPS 1999 ch. 3).
  double coefficient_kg_m2_s = 1.0e-3;
};
// m_inf = c·Hc/(Hv + cp·(Tb - Ta)) (CCPS 1999 ch. 3); for a liquid boiling below ambient
// (liquefied gases) the sensible-heat term is 0 (CCPS 1999 ch. 3).
Result<double> BurgessMaxBurningRateKgM2S(const BurgessLiquid& liquid, const BurgessOptions& options);

struct FlameLengthOptions {
  double air_density_kg_m3 = 1.204;               // Default: dry air at 20 °C and 101325 Pa
  double gravity_m_s2 = kStandardGravityMS2;      // Default: standard gravity
};
// Thomas (1963) flame height without wind (CCPS 1999 ch. 3):
// L/D = 42 (m''/(rho_a sqrt(g D)))^0.61.
Result<double> ThomasFlameLengthM(double pool_diameter_m, double burning_rate_kg_m2_s,
                                  const FlameLengthOptions& options);

// Mudan (1984) surface emissive power of a smoky hydrocarbon pool fire (CCPS 1999 ch. 3):
// SEP = E_max exp(-s D) + E_smoke (1 - exp(-s D)).
struct MudanSepOptions {
  double max_emissive_power_w_m2 = 140.0e3;    // Default: E_max = 140 kW/m2 (Mudan 1984)
  double smoke_emissive_power_w_m2 = 20.0e3;   // Default: E_smoke = 20 kW/m2 (Mudan 1984)
  double extinction_coefficient_per_m = 0.12;  // Default: s = 0.12 1/m (Mudan 1984)
};
Result<double> MudanSurfaceEmissivePowerWm2(double pool_diameter_m, const MudanSepOptions& options);

// View factors from a target on the ground to a vertical cylinder (the flame) standing on the ground,
// Mudan (1984) as given in CCPS 1999 ch. 3 (checked here against numerical integration).
struct CylinderViewFactors {
  double vertical = 0;    // target plane vertical, facing the cylinder's axis
  double horizontal = 0;  // target plane horizontal, facing up
};
// distance_m is measured from the cylinder's axis and must exceed its radius.
Result<CylinderViewFactors> VerticalCylinderViewFactors(double radius_m, double height_m, double distance_m);

// How the two view factors give the one that is used.
enum class ViewFactorCombination {
  kMaximum,    // max(F_v, F_h): the worse of the two orientations
  kVectorSum,  // sqrt(F_v^2 + F_h^2): the optimally oriented target (CCPS 1999 ch. 3)
};
double CombinedViewFactor(const CylinderViewFactors& factors, ViewFactorCombination combination);

// Water vapour partial pressure (Pa) in air of relative humidity rh (0..1) at temperature T (K), Mudan &
// Croce (1988), CCPS 1999 ch. 3: Pw = 101325 rh exp(14.4114 - 5328/T).
Result<double> WaterPartialPressurePa(double relative_humidity, double temperature_k);
// Atmospheric transmissivity by Pietersen & Huerta (1985), CCPS 1999 ch. 3: tau = 2.02 (Pw x)^-0.09,
// Pw in Pa and x the path length (m) from the flame surface to the target. The fit exceeds 1 for short
// dry paths (Pw x < about 2.5e3 Pa m); the result is then 1, the physical bound.
Result<double> PietersenTransmissivity(double water_partial_pressure_pa, double path_length_m);

struct PoolFireOptions {
  FlameLengthOptions flame;
  MudanSepOptions sep;
  ViewFactorCombination view_factor = ViewFactorCombination::kMaximum;  // Default: the maximum
};

// The solid-flame pool fire: a vertical cylinder of the pool's diameter and the Thomas flame length,
// radiating the Mudan SEP. No wind tilt.
struct PoolFire {
  double diameter_m = 0;
  double burning_rate_kg_m2_s = 0;
  double mass_rate_kg_s = 0;  // m'' · pi D^2 / 4
  double flame_length_m = 0;
  double surface_emissive_power_w_m2 = 0;
};
Result<PoolFire> SolidFlamePoolFire(double diameter_m, double burning_rate_kg_m2_s, const PoolFireOptions& options);

// The flux on a ground-level target at `distance_m` from the pool centre (> the pool radius):
// q = tau · SEP · F (CCPS 1999 ch. 3). `transmissivity` in (0, 1], e.g. PietersenTransmissivity
// with the path length distance - radius.
struct PoolFireFlux {
  CylinderViewFactors view_factors;
  double view_factor = 0;  // combined per the options
  double incident_flux_w_m2 = 0;
};
Result<PoolFireFlux> PoolFireIncidentFlux(const PoolFire& fire, double distance_m, double transmissivity,
                                          ViewFactorCombination combination);

// ---------------------------------------------------------------------------------------------------
// Point source (jet fires, flares; CCPS 1999 ch. 3; API 521)

// Radiated power chi_r · m · Hc (W).
Result<double> RadiatedPowerW(double mass_rate_kg_s, double heat_of_combustion_j_kg, double radiant_fraction);
// q = tau · P_rad / (4 pi r^2) at distance r from the point source.
Result<double> PointSourceFluxWm2(double radiated_power_w, double distance_m, double transmissivity);
// API 521 (Hajek & Ludwig): the distance at which a source of heat release Q (W) and radiant fraction F
// gives the allowed flux K: D = sqrt(tau F Q / (4 pi K)).
Result<double> PointSourceDistanceM(double heat_release_w, double radiant_fraction, double allowed_flux_w_m2,
                                    double transmissivity);

// ---------------------------------------------------------------------------------------------------
// Fireball (BLEVE)

// Persisted in model inputs as "ccps" and "tno".
enum class FireballCorrelation {
  kCcps,  // Roberts (1982) as in CCPS 1999 ch. 3: D = 5.8 M^(1/3), H = 0.75 D,
          // t = 0.45 M^(1/3) below 30 000 kg, 2.6 M^(1/6) above
  kTno,   // TNO Yellow Book CPR 14E §6.5: D = 6.48 M^0.325, t = 0.852 M^0.26
};
struct FireballOptions {
  // The height of the fireball's centre in diameters for the TNO correlation. Default: 1 (the
  // Yellow Book's fireball touching the ground as it lifts off, H = 2 r; recalled, page not re-read).
  double tno_height_in_diameters = 1.0;
};
struct FireballGeometry {
  double diameter_m = 0;
  double duration_s = 0;
  double height_m = 0;  // of the centre, above ground
};
Result<FireballGeometry> Fireball(double mass_kg, FireballCorrelation correlation, const FireballOptions& options);

// Surface emissive power of the fireball, an explicit choice.
enum class FireballSepModel {
  kConstant,        // a fixed SEP, 350 kW/m2 typical of hydrocarbons (CCPS 1999 ch. 3)
  kRadiantFraction, // Roberts (1982): SEP = f_rad M Hc / (pi D^2 t) (CCPS 1999 ch. 3)
};
struct FireballSepOptions {
  FireballSepModel model = FireballSepModel::kConstant;  // Default: the constant
  double constant_w_m2 = 350.0e3;                        // Default: 350 kW/m2
  double radiant_fraction = 0.3;                         // Default: 0.3 (Roberts; CCPS 0.25–0.4)
};
// heat_of_combustion_j_kg is used by kRadiantFraction only.
Result<double> FireballSepWm2(const FireballGeometry& geometry, double mass_kg, double heat_of_combustion_j_kg,
                              const FireballSepOptions& options);
// The view factor of a sphere of diameter D whose centre is at distance L from a target facing it:
// F = (D/2)^2 / L^2 (CCPS 1999 ch. 3); L must exceed D/2.
Result<double> SphereViewFactor(double diameter_m, double centre_distance_m);
// The flux (W/m2) on a target on the ground at horizontal distance x from the point below the centre:
// tau · SEP · F with L = sqrt(H^2 + x^2).
Result<double> FireballFluxWm2(const FireballGeometry& geometry, double sep_w_m2, double ground_distance_m,
                               double transmissivity);

// ---------------------------------------------------------------------------------------------------
// Distance to a flux (e.g. the 37.5, 12.5 and 4 kW/m2 of a safety-evaluation report)

// The distance d >= min_distance_m at which flux_w_m2(d), a flux that falls with distance, equals
// target_flux_w_m2: the bracket doubles from min_distance_m (up to 1e6 m), then bisection to 1e-9
// relative. InvalidArgument naming target_flux_w_m2 when the flux at min_distance_m is already below
// it (the target is not reached outside the flame) or it is still above it at 1e6 m; the errors of
// flux_w_m2 pass through.
Result<double> DistanceToFluxM(const std::function<Result<double>(double distance_m)>& flux_w_m2,
                               double min_distance_m, double target_flux_w_m2);

// ---------------------------------------------------------------------------------------------------
// Flash fire

// One sample of a cloud isopleth (e.g. the LFL contour) given by the caller's dispersion model: at
// downwind distance x, the isopleth spans |y| <= half_width_m. Between samples the half-width is
// linear; outside the first and last sample the cloud is absent.
struct IsoplethSample {
  double x_m = 0;
  double half_width_m = 0;
};

// Persisted in model inputs as "outdoors" and "indoors".
enum class Exposure { kOutdoors, kIndoors };

// Purple Book CPR 18E §5 (case C7): the probability of death from a flash fire is 1 for people outdoors
// inside the LFL contour, 0 indoors and 0 outside the contour. `lfl_contour` needs at least two samples
// with strictly increasing x and half-widths >= 0.
Result<double> FlashFireLethality(const std::vector<IsoplethSample>& lfl_contour, double x_m, double y_m,
                                  Exposure exposure);
// The area inside the contour (m2), by the trapezoidal rule over the samples (exact for the linear
// half-width between samples).
Result<double> IsoplethAreaM2(const std::vector<IsoplethSample>& contour);

}  // namespace chemsafe::qra
