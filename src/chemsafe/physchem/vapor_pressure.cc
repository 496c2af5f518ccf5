#include "chemsafe/physchem/vapor_pressure.h"

#include <cmath>

namespace chemsafe::physchem {

double Dippr101::PressurePa(double t_k) const {
  return std::exp(c1 + c2 / t_k + c3 * std::log(t_k) + c4 * std::pow(t_k, c5));
}

std::optional<double> SaturationTemperatureK(const Dippr101& curve, double pressure_pa) {
  if (!(pressure_pa > 0) || !(curve.t_min_k > 0) || !(curve.t_max_k > curve.t_min_k)) return std::nullopt;
  double lo = curve.t_min_k, hi = curve.t_max_k;
  const double target = std::log(pressure_pa);
  auto excess = [&](double t) { return std::log(curve.PressurePa(t)) - target; };
  if (!(excess(lo) <= 0) || !(excess(hi) >= 0)) return std::nullopt;
  // The vapour pressure rises with temperature from the triple point to the critical point
  // (Clausius-Clapeyron), so the root inside the range is bracketed by its ends.
  while (hi - lo > 1e-6) {
    const double mid = 0.5 * (lo + hi);
    (excess(mid) < 0 ? lo : hi) = mid;
  }
  return 0.5 * (lo + hi);
}

std::optional<double> NormalBoilingPointC(const Dippr101& curve) {
  auto t = SaturationTemperatureK(curve, kStandardAtmospherePa);
  if (!t) return std::nullopt;
  return *t - 273.15;
}

}  // namespace chemsafe::physchem
