// Dense-gas dispersion by the Britter-McQuaid workbook (ground-level releases, flat terrain), and the
// choice between a dense-gas and a passive (Gaussian) treatment.
//
// Sources:
// - Britter, R.E. & McQuaid, J. (1988), Workbook on the Dispersion of Dense Gases, HSE Contract Research
//   Report 17/1988: the correlations of the maximum (centre-line) concentration ratio C_m/C_0 against the
//   dimensionless distance, for continuous releases (x/D, D = (q0/u10)^0.5) and instantaneous releases
//   (x/V0^(1/3)), each curve parameterised by alpha.
// - The curve fits beta = log10(x') as piecewise-linear functions of alpha, one per concentration ratio
//   (continuous: 0.1, 0.05, 0.02, 0.01, 0.005, 0.002; instantaneous: those and 0.001) as published in CCPS
//   (1999), Guidelines for Consequence Analysis of Chemical Releases (the continuous ones also in
//   EPA TSCREEN, EPA-454/B-94-023); the numbers are those of aefarrell/GasDispersion.jl (MIT).
// - Between the curves C_m/C_0 is interpolated linearly in log10(x'); before the first curve a near-field
//   fit joins the source (continuous: 306/(306 + x'^2) up to x' = 30, or to the first curve when that is
//   nearer; instantaneous: 3.24/(3.24 + x'^2), not below 0.1); beyond the last curve the ratio falls as
//   x'^-2. These joins are the ones GasDispersion.jl uses; for alpha > 0.605 (continuous) the near field
//   meets the first curve with a step down (C_m/C_0 stays non-increasing in x).
// - Non-isothermal release: the isothermal ratio C* becomes C*/(C* + (1 - C*) T_release/T_ambient)
//   (the workbook's correction for a cold release, as applied by CCPS 1999 and GasDispersion.jl).
// - Dense or passive (Britter & McQuaid 1988; CCPS 1999): a continuous release needs the dense-gas
//   treatment when (g0' q0 / (u10^3 D))^(1/3) >= 0.15, an instantaneous one when
//   (g0' V0^(1/3))^(1/2) / u10 >= 0.20, with g0' = g (rho_0 - rho_a)/rho_a; a release no denser than air is
//   passive.
//
// Validity: alpha <= 1 (the fits' range; larger alpha is an error); below the smallest alpha of the fits
// the curves are flat (the passive limit), so alpha < -1 uses the flat values. Ground-level releases only.
//
// Pure: no I/O. Safe to call concurrently.
#pragma once

#include <optional>

#include "chemsafe/core/result.h"

namespace chemsafe::qra {

// The air the cloud spreads into.
struct DenseGasAmbient {
  double wind_speed_10m_m_s = 0;  // at 10 m, as the workbook's correlations were fitted
  double air_density_kg_m3 = 0;
  double air_temperature_k = 0;
};

struct DenseGasOptions {
  double gravity_m_s2 = 9.80665;          // Default: standard gravity (CGPM 1901)
  double continuous_criterion = 0.15;     // Default: Britter & McQuaid (1988)
  double instantaneous_criterion = 0.20;  // Default: Britter & McQuaid (1988)
};

// A continuous release of gas (or gas-air mixture) at ground level.
struct ContinuousDenseRelease {
  double mass_rate_kg_s = 0;         // of the hazardous material
  double volume_rate_m3_s = 0;       // q0: of the released cloud at release conditions
  double release_density_kg_m3 = 0;  // rho_0: of the released cloud
  double release_temperature_k = 0;
};

// An instantaneous release (a cloud of initial volume V0) at ground level.
struct InstantaneousDenseRelease {
  double mass_kg = 0;                // of the hazardous material
  double volume_m3 = 0;              // V0: of the initial cloud
  double release_density_kg_m3 = 0;  // rho_0: of the initial cloud
  double release_temperature_k = 0;
};

enum class DenseGasRegion { kNearField, kCorrelation, kFarField };

struct DenseGasPoint {
  // C_m/C_0 after the non-isothermal correction: the volume fraction relative to the source's.
  double concentration_ratio = 0;
  // C_0 (mass / volume of the release) times the ratio, kg/m3.
  double concentration_kg_m3 = 0;
  double alpha = 0;
  double dimensionless_distance = 0;  // x/D or x/V0^(1/3)
  DenseGasRegion region = DenseGasRegion::kNearField;
};

// The maximum concentration at downwind distance x_m (>= 0) of a continuous release. InvalidArgument
// naming the input when out of range, or "alpha: ..." outside the fits' range.
Result<DenseGasPoint> BritterMcQuaidContinuous(const ContinuousDenseRelease& release,
                                               const DenseGasAmbient& ambient, double x_m,
                                               const DenseGasOptions& options = {});
// The maximum concentration the cloud of an instantaneous release has when it reaches x_m (>= 0).
Result<DenseGasPoint> BritterMcQuaidInstantaneous(const InstantaneousDenseRelease& release,
                                                  const DenseGasAmbient& ambient, double x_m,
                                                  const DenseGasOptions& options = {});

// The downwind distance where the maximum concentration falls to threshold_kg_m3 (bisection to 1e-9
// relative on the monotone curve); nullopt when the threshold is not below the source concentration C_0.
Result<std::optional<double>> BritterMcQuaidContinuousDistanceM(const ContinuousDenseRelease& release,
                                                                const DenseGasAmbient& ambient,
                                                                double threshold_kg_m3,
                                                                const DenseGasOptions& options = {});
Result<std::optional<double>> BritterMcQuaidInstantaneousDistanceM(const InstantaneousDenseRelease& release,
                                                                   const DenseGasAmbient& ambient,
                                                                   double threshold_kg_m3,
                                                                   const DenseGasOptions& options = {});

enum class DispersionRegime { kPassive, kDense };

struct RegimeChoice {
  DispersionRegime regime = DispersionRegime::kPassive;
  double criterion = 0;  // the dimensionless group (0 when the release is not denser than air)
  double threshold = 0;  // the value at and above which the release is dense
};

Result<RegimeChoice> ChooseContinuousRegime(const ContinuousDenseRelease& release,
                                            const DenseGasAmbient& ambient,
                                            const DenseGasOptions& options = {});
Result<RegimeChoice> ChooseInstantaneousRegime(const InstantaneousDenseRelease& release,
                                               const DenseGasAmbient& ambient,
                                               const DenseGasOptions& options = {});

}  // namespace chemsafe::qra
