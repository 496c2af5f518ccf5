#include "chemsafe/qra/fires.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <string_view>

#include <fmt/format.h>

namespace chemsafe::qra {
namespace {

constexpr double kPi = std::numbers::pi;

Status NotPositive(std::string_view name, double value) {
  return InvalidArgument(fmt::format("{}: must be greater than 0 (is {})", name, value));
}

// OK when value is finite and > 0; else InvalidArgument naming it.
Status CheckPositive(std::string_view name, double value) {
  if (std::isfinite(value) && value > 0) return Status::Ok();
  return NotPositive(name, value);
}

Status CheckFraction(std::string_view name, double value) {
  if (std::isfinite(value) && value > 0 && value <= 1) return Status::Ok();
  return InvalidArgument(fmt::format("{}: must be in (0, 1] (is {})", name, value));
}

}  // namespace

Result<double> BurningRateKgM2S(const BurningRateConstants& constants, double pool_diameter_m) {
  CHEMSAFE_RETURN_IF_ERROR(CheckPositive("max_burning_rate_kg_m2_s", constants.max_burning_rate_kg_m2_s));
  CHEMSAFE_RETURN_IF_ERROR(CheckPositive("k_beta_per_m", constants.k_beta_per_m));
  CHEMSAFE_RETURN_IF_ERROR(CheckPositive("pool_diameter_m", pool_diameter_m));
  return constants.max_burning_rate_kg_m2_s * -std::expm1(-constants.k_beta_per_m * pool_diameter_m);
}

Result<double> BurgessMaxBurningRateKgM2S(const BurgessLiquid& liquid, const BurgessOptions& options) {
  CHEMSAFE_RETURN_IF_ERROR(CheckPositive("heat_of_combustion_j_kg", liquid.heat_of_combustion_j_kg));
  CHEMSAFE_RETURN_IF_ERROR(CheckPositive("heat_of_vaporization_j_kg", liquid.heat_of_vaporization_j_kg));
  CHEMSAFE_RETURN_IF_ERROR(CheckPositive("liquid_heat_capacity_j_kg_k", liquid.liquid_heat_capacity_j_kg_k));
  CHEMSAFE_RETURN_IF_ERROR(CheckPositive("boiling_point_k", liquid.boiling_point_k));
  CHEMSAFE_RETURN_IF_ERROR(CheckPositive("ambient_temperature_k", options.ambient_temperature_k));
  CHEMSAFE_RETURN_IF_ERROR(CheckPositive("coefficient_kg_m2_s", options.coefficient_kg_m2_s));
  const double superheat_k = std::max(0.0, liquid.boiling_point_k - options.ambient_temperature_k);
  const double heat_per_kg = liquid.heat_of_vaporization_j_kg + liquid.liquid_heat_capacity_j_kg_k * superheat_k;
  return options.coefficient_kg_m2_s * liquid.heat_of_combustion_j_kg / heat_per_kg;
}

Result<double> ThomasFlameLengthM(double pool_diameter_m, double burning_rate_kg_m2_s,
                                  const FlameLengthOptions& options) {
  CHEMSAFE_RETURN_IF_ERROR(CheckPositive("pool_diameter_m", pool_diameter_m));
  CHEMSAFE_RETURN_IF_ERROR(CheckPositive("burning_rate_kg_m2_s", burning_rate_kg_m2_s));
  CHEMSAFE_RETURN_IF_ERROR(CheckPositive("air_density_kg_m3", options.air_density_kg_m3));
  CHEMSAFE_RETURN_IF_ERROR(CheckPositive("gravity_m_s2", options.gravity_m_s2));
  const double froude_like =
      burning_rate_kg_m2_s / (options.air_density_kg_m3 * std::sqrt(options.gravity_m_s2 * pool_diameter_m));
  return 42.0 * pool_diameter_m * std::pow(froude_like, 0.61);
}

Result<double> MudanSurfaceEmissivePowerWm2(double pool_diameter_m, const MudanSepOptions& options) {
  CHEMSAFE_RETURN_IF_ERROR(CheckPositive("pool_diameter_m", pool_diameter_m));
  CHEMSAFE_RETURN_IF_ERROR(CheckPositive("max_emissive_power_w_m2", options.max_emissive_power_w_m2));
  CHEMSAFE_RETURN_IF_ERROR(CheckPositive("smoke_emissive_power_w_m2", options.smoke_emissive_power_w_m2));
  CHEMSAFE_RETURN_IF_ERROR(CheckPositive("extinction_coefficient_per_m", options.extinction_coefficient_per_m));
  const double clear = std::exp(-options.extinction_coefficient_per_m * pool_diameter_m);
  return options.max_emissive_power_w_m2 * clear + options.smoke_emissive_power_w_m2 * (1.0 - clear);
}

Result<CylinderViewFactors> VerticalCylinderViewFactors(double radius_m, double height_m, double distance_m) {
  CHEMSAFE_RETURN_IF_ERROR(CheckPositive("radius_m", radius_m));
  CHEMSAFE_RETURN_IF_ERROR(CheckPositive("height_m", height_m));
  CHEMSAFE_RETURN_IF_ERROR(CheckPositive("distance_m", distance_m));
  if (!(distance_m > radius_m)) {
    return InvalidArgument(
        fmt::format("distance_m: must exceed the radius {} m (is {}; the target is inside the flame)", radius_m,
                    distance_m));
  }
  // Dimensionless groups of Mudan (1984): S = distance/radius, h = height/radius, A = (h^2 + S^2 + 1)/(2S),
  // B = (1 + S^2)/(2S). A - 1, A + 1 and S^2 - 1 are formed without cancellation, and B's terms are
  // simplified exactly (B - 1/S = sqrt(B^2 - 1) = (S^2 - 1)/(2S)), so that targets next to the flame
  // (S -> 1) stay finite.
  const double s = distance_m / radius_m;
  const double h = height_m / radius_m;
  const double s2m1 = (s - 1.0) * (s + 1.0);
  const double a = (h * h + s * s + 1.0) / (2.0 * s);
  const double am1 = (h * h + (s - 1.0) * (s - 1.0)) / (2.0 * s);
  const double ap1 = (h * h + (s + 1.0) * (s + 1.0)) / (2.0 * s);
  const double sqrt_a2m1 = std::sqrt(am1 * ap1);
  const double atan_a = std::atan(std::sqrt(ap1 * (s - 1.0) / (am1 * (s + 1.0))));
  CylinderViewFactors f;
  f.vertical = std::atan(h / std::sqrt(s2m1)) / (kPi * s) -
               h * std::atan(std::sqrt((s - 1.0) / (s + 1.0))) / (kPi * s) + a * h * atan_a / (kPi * s * sqrt_a2m1);
  f.horizontal = std::atan(std::sqrt((s + 1.0) / (s - 1.0))) / kPi -
                 (h * h + s2m1) / (2.0 * s) * atan_a / (kPi * sqrt_a2m1);
  return f;
}

double CombinedViewFactor(const CylinderViewFactors& factors, ViewFactorCombination combination) {
  switch (combination) {
    case ViewFactorCombination::kMaximum:
      return std::max(factors.vertical, factors.horizontal);
    case ViewFactorCombination::kVectorSum:
      return std::hypot(factors.vertical, factors.horizontal);
  }
  return factors.vertical;  // unreachable: every enumerator is handled above
}

Result<double> WaterPartialPressurePa(double relative_humidity, double temperature_k) {
  CHEMSAFE_RETURN_IF_ERROR(CheckFraction("relative_humidity", relative_humidity));
  CHEMSAFE_RETURN_IF_ERROR(CheckPositive("temperature_k", temperature_k));
  return 101325.0 * relative_humidity * std::exp(14.4114 - 5328.0 / temperature_k);
}

Result<double> PietersenTransmissivity(double water_partial_pressure_pa, double path_length_m) {
  CHEMSAFE_RETURN_IF_ERROR(CheckPositive("water_partial_pressure_pa", water_partial_pressure_pa));
  CHEMSAFE_RETURN_IF_ERROR(CheckPositive("path_length_m", path_length_m));
  return std::min(1.0, 2.02 * std::pow(water_partial_pressure_pa * path_length_m, -0.09));
}

Result<PoolFire> SolidFlamePoolFire(double diameter_m, double burning_rate_kg_m2_s, const PoolFireOptions& options) {
  PoolFire fire;
  fire.diameter_m = diameter_m;
  fire.burning_rate_kg_m2_s = burning_rate_kg_m2_s;
  CHEMSAFE_ASSIGN_OR_RETURN(fire.flame_length_m, ThomasFlameLengthM(diameter_m, burning_rate_kg_m2_s, options.flame));
  CHEMSAFE_ASSIGN_OR_RETURN(fire.surface_emissive_power_w_m2, MudanSurfaceEmissivePowerWm2(diameter_m, options.sep));
  fire.mass_rate_kg_s = burning_rate_kg_m2_s * kPi * diameter_m * diameter_m / 4.0;
  return fire;
}

Result<PoolFireFlux> PoolFireIncidentFlux(const PoolFire& fire, double distance_m, double transmissivity,
                                          ViewFactorCombination combination) {
  CHEMSAFE_RETURN_IF_ERROR(CheckFraction("transmissivity", transmissivity));
  PoolFireFlux flux;
  CHEMSAFE_ASSIGN_OR_RETURN(flux.view_factors,
                            VerticalCylinderViewFactors(fire.diameter_m / 2.0, fire.flame_length_m, distance_m));
  flux.view_factor = CombinedViewFactor(flux.view_factors, combination);
  flux.incident_flux_w_m2 = transmissivity * fire.surface_emissive_power_w_m2 * flux.view_factor;
  return flux;
}

Result<double> RadiatedPowerW(double mass_rate_kg_s, double heat_of_combustion_j_kg, double radiant_fraction) {
  CHEMSAFE_RETURN_IF_ERROR(CheckPositive("mass_rate_kg_s", mass_rate_kg_s));
  CHEMSAFE_RETURN_IF_ERROR(CheckPositive("heat_of_combustion_j_kg", heat_of_combustion_j_kg));
  CHEMSAFE_RETURN_IF_ERROR(CheckFraction("radiant_fraction", radiant_fraction));
  return radiant_fraction * mass_rate_kg_s * heat_of_combustion_j_kg;
}

Result<double> PointSourceFluxWm2(double radiated_power_w, double distance_m, double transmissivity) {
  CHEMSAFE_RETURN_IF_ERROR(CheckPositive("radiated_power_w", radiated_power_w));
  CHEMSAFE_RETURN_IF_ERROR(CheckPositive("distance_m", distance_m));
  CHEMSAFE_RETURN_IF_ERROR(CheckFraction("transmissivity", transmissivity));
  return transmissivity * radiated_power_w / (4.0 * kPi * distance_m * distance_m);
}

Result<double> PointSourceDistanceM(double heat_release_w, double radiant_fraction, double allowed_flux_w_m2,
                                    double transmissivity) {
  CHEMSAFE_RETURN_IF_ERROR(CheckPositive("heat_release_w", heat_release_w));
  CHEMSAFE_RETURN_IF_ERROR(CheckFraction("radiant_fraction", radiant_fraction));
  CHEMSAFE_RETURN_IF_ERROR(CheckPositive("allowed_flux_w_m2", allowed_flux_w_m2));
  CHEMSAFE_RETURN_IF_ERROR(CheckFraction("transmissivity", transmissivity));
  return std::sqrt(transmissivity * radiant_fraction * heat_release_w / (4.0 * kPi * allowed_flux_w_m2));
}

Result<FireballGeometry> Fireball(double mass_kg, FireballCorrelation correlation, const FireballOptions& options) {
  CHEMSAFE_RETURN_IF_ERROR(CheckPositive("mass_kg", mass_kg));
  FireballGeometry g;
  switch (correlation) {
    case FireballCorrelation::kCcps: {
      // Roberts (1982), CCPS 1999 ch. 3: momentum-dominated burning below 30 000 kg, buoyancy above.
      constexpr double kBuoyancyMassKg = 30000.0;
      g.diameter_m = 5.8 * std::cbrt(mass_kg);
      g.duration_s = mass_kg < kBuoyancyMassKg ? 0.45 * std::cbrt(mass_kg) : 2.6 * std::pow(mass_kg, 1.0 / 6.0);
      g.height_m = 0.75 * g.diameter_m;
      break;
    }
    case FireballCorrelation::kTno:
      CHEMSAFE_RETURN_IF_ERROR(CheckPositive("tno_height_in_diameters", options.tno_height_in_diameters));
      g.diameter_m = 6.48 * std::pow(mass_kg, 0.325);
      g.duration_s = 0.852 * std::pow(mass_kg, 0.26);
      g.height_m = options.tno_height_in_diameters * g.diameter_m;
      break;
  }
  return g;
}

Result<double> FireballSepWm2(const FireballGeometry& geometry, double mass_kg, double heat_of_combustion_j_kg,
                              const FireballSepOptions& options) {
  switch (options.model) {
    case FireballSepModel::kConstant:
      CHEMSAFE_RETURN_IF_ERROR(CheckPositive("constant_w_m2", options.constant_w_m2));
      return options.constant_w_m2;
    case FireballSepModel::kRadiantFraction:
      break;
  }
  CHEMSAFE_RETURN_IF_ERROR(CheckPositive("mass_kg", mass_kg));
  CHEMSAFE_RETURN_IF_ERROR(CheckPositive("heat_of_combustion_j_kg", heat_of_combustion_j_kg));
  CHEMSAFE_RETURN_IF_ERROR(CheckFraction("radiant_fraction", options.radiant_fraction));
  CHEMSAFE_RETURN_IF_ERROR(CheckPositive("diameter_m", geometry.diameter_m));
  CHEMSAFE_RETURN_IF_ERROR(CheckPositive("duration_s", geometry.duration_s));
  return options.radiant_fraction * mass_kg * heat_of_combustion_j_kg /
         (kPi * geometry.diameter_m * geometry.diameter_m * geometry.duration_s);
}

Result<double> SphereViewFactor(double diameter_m, double centre_distance_m) {
  CHEMSAFE_RETURN_IF_ERROR(CheckPositive("diameter_m", diameter_m));
  const double radius_m = diameter_m / 2.0;
  if (!(centre_distance_m > radius_m)) {
    return InvalidArgument(fmt::format(
        "centre_distance_m: must exceed the radius {} m (is {}; the target is inside the fireball)", radius_m,
        centre_distance_m));
  }
  return radius_m * radius_m / (centre_distance_m * centre_distance_m);
}

Result<double> FireballFluxWm2(const FireballGeometry& geometry, double sep_w_m2, double ground_distance_m,
                               double transmissivity) {
  CHEMSAFE_RETURN_IF_ERROR(CheckPositive("sep_w_m2", sep_w_m2));
  CHEMSAFE_RETURN_IF_ERROR(CheckFraction("transmissivity", transmissivity));
  if (!(std::isfinite(ground_distance_m) && ground_distance_m >= 0)) {
    return InvalidArgument(fmt::format("ground_distance_m: must be 0 or more (is {})", ground_distance_m));
  }
  CHEMSAFE_ASSIGN_OR_RETURN(double f,
                            SphereViewFactor(geometry.diameter_m, std::hypot(geometry.height_m, ground_distance_m)));
  return transmissivity * sep_w_m2 * f;
}

Result<double> DistanceToFluxM(const std::function<Result<double>(double distance_m)>& flux_w_m2,
                               double min_distance_m, double target_flux_w_m2) {
  CHEMSAFE_RETURN_IF_ERROR(CheckPositive("target_flux_w_m2", target_flux_w_m2));
  if (!(std::isfinite(min_distance_m) && min_distance_m >= 0)) {
    return InvalidArgument(fmt::format("min_distance_m: must be 0 or more (is {})", min_distance_m));
  }
  constexpr double kFarthestM = 1.0e6;
  auto finite_flux = [&](double distance_m) -> Result<double> {
    CHEMSAFE_ASSIGN_OR_RETURN(double flux, flux_w_m2(distance_m));
    if (!std::isfinite(flux)) return Internal(fmt::format("the flux at {} m is not finite", distance_m));
    return flux;
  };
  double near_m = min_distance_m;
  CHEMSAFE_ASSIGN_OR_RETURN(double near_flux, finite_flux(near_m));
  if (near_flux < target_flux_w_m2) {
    return InvalidArgument(fmt::format(
        "target_flux_w_m2: {} W/m2 is not reached: the flux at {} m, the nearest distance, is {} W/m2",
        target_flux_w_m2, min_distance_m, near_flux));
  }
  double far_m = std::max(2.0 * near_m, 1.0);
  while (true) {
    CHEMSAFE_ASSIGN_OR_RETURN(double far_flux, finite_flux(far_m));
    if (far_flux < target_flux_w_m2) break;
    if (far_m >= kFarthestM) {
      return InvalidArgument(fmt::format("target_flux_w_m2: {} W/m2 is still exceeded at {} m", target_flux_w_m2,
                                         kFarthestM));
    }
    near_m = far_m;
    far_m = std::min(2.0 * far_m, kFarthestM);
  }
  while (far_m - near_m > 1e-9 * far_m) {
    const double mid_m = 0.5 * (near_m + far_m);
    CHEMSAFE_ASSIGN_OR_RETURN(double mid_flux, finite_flux(mid_m));
    (mid_flux < target_flux_w_m2 ? far_m : near_m) = mid_m;
  }
  return 0.5 * (near_m + far_m);
}

namespace {

Status CheckContour(const std::vector<IsoplethSample>& contour) {
  if (contour.size() < 2) return InvalidArgument("lfl_contour: needs at least 2 samples");
  for (std::size_t i = 0; i < contour.size(); ++i) {
    const IsoplethSample& s = contour[i];
    if (!std::isfinite(s.x_m) || !(std::isfinite(s.half_width_m) && s.half_width_m >= 0)) {
      return InvalidArgument(fmt::format("lfl_contour[{}]: x_m must be finite and half_width_m 0 or more", i));
    }
    if (i > 0 && !(s.x_m > contour[i - 1].x_m)) {
      return InvalidArgument(fmt::format("lfl_contour[{}].x_m: must exceed the previous sample's x_m", i));
    }
  }
  return Status::Ok();
}

}  // namespace

Result<double> FlashFireLethality(const std::vector<IsoplethSample>& lfl_contour, double x_m, double y_m,
                                  Exposure exposure) {
  CHEMSAFE_RETURN_IF_ERROR(CheckContour(lfl_contour));
  if (!std::isfinite(x_m) || !std::isfinite(y_m)) return InvalidArgument("x_m, y_m: must be finite");
  if (exposure == Exposure::kIndoors) return 0.0;
  if (x_m < lfl_contour.front().x_m || x_m > lfl_contour.back().x_m) return 0.0;
  // The first sample whose x is >= x_m; x_m lies in [prev.x, next.x].
  auto next = std::lower_bound(lfl_contour.begin(), lfl_contour.end(), x_m,
                               [](const IsoplethSample& s, double x) { return s.x_m < x; });
  double half_width_m = next->half_width_m;
  if (next != lfl_contour.begin() && next->x_m > x_m) {
    const IsoplethSample& prev = *(next - 1);
    const double t = (x_m - prev.x_m) / (next->x_m - prev.x_m);
    half_width_m = prev.half_width_m + t * (next->half_width_m - prev.half_width_m);
  }
  return std::abs(y_m) <= half_width_m ? 1.0 : 0.0;
}

Result<double> IsoplethAreaM2(const std::vector<IsoplethSample>& contour) {
  CHEMSAFE_RETURN_IF_ERROR(CheckContour(contour));
  double area = 0;
  for (std::size_t i = 1; i < contour.size(); ++i) {
    area += (contour[i].x_m - contour[i - 1].x_m) * (contour[i].half_width_m + contour[i - 1].half_width_m);
  }
  return area;  // the full width is twice the half-width, which cancels the trapezoid's 1/2
}

}  // namespace chemsafe::qra
