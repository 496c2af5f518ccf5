// Vapour pressure of pure liquids by the DIPPR 101 correlation, as tabulated in Perry's Chemical
// Engineers' Handbook (8th ed.), Table 2-8, and the temperature at which it reaches a given pressure
// (the normal boiling point at 101.325 kPa).
//
// Pure: no I/O. Safe to call concurrently.
#pragma once

#include <optional>

namespace chemsafe::physchem {

// Standard atmosphere (ISO 2533; the pressure of the "normal" boiling point), Pa.
inline constexpr double kStandardAtmospherePa = 101325.0;

// DIPPR equation 101: ln(P/Pa) = C1 + C2/T + C3·ln(T) + C4·T^C5, T in kelvin, valid from t_min_k to
// t_max_k (Perry's Table 2-8: the triple point to the critical point for most substances).
struct Dippr101 {
  double c1 = 0, c2 = 0, c3 = 0, c4 = 0, c5 = 0;
  double t_min_k = 0, t_max_k = 0;

  double PressurePa(double t_k) const;
};

// The temperature (K) at which the vapour pressure equals `pressure_pa`, found by bisection inside the
// range of validity to 1e-6 K; nullopt when the pressure is not reached inside it (the substance boils
// below t_min_k or above t_max_k at that pressure) or the curve does not rise over the range.
std::optional<double> SaturationTemperatureK(const Dippr101& curve, double pressure_pa);

// The normal boiling point (°C): SaturationTemperatureK at kStandardAtmospherePa, less 273.15.
std::optional<double> NormalBoilingPointC(const Dippr101& curve);

}  // namespace chemsafe::physchem
