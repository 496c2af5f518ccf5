#include "chemsafe/qra/source_terms.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>

#include <fmt/format.h>

namespace chemsafe::qra {
namespace {

Status Bad(std::string_view name, std::string_view what, double value) {
  return InvalidArgument(fmt::format("{}: {} (is {})", name, what, value));
}

Status CheckPositive(std::string_view name, double value) {
  if (!(value > 0) || !std::isfinite(value)) return Bad(name, "must be greater than 0", value);
  return Status::Ok();
}

Status CheckNonNegative(std::string_view name, double value) {
  if (!(value >= 0) || !std::isfinite(value)) return Bad(name, "must be 0 or more", value);
  return Status::Ok();
}

Status CheckDischargeCoefficient(double cd) {
  if (!(cd > 0 && cd <= 1)) return Bad("discharge_coefficient", "must be in (0, 1]", cd);
  return Status::Ok();
}

double CircleArea(double diameter_m) { return std::numbers::pi / 4 * diameter_m * diameter_m; }

}  // namespace

Result<LiquidDischarge> DischargeLiquid(const LiquidDischargeInput& in) {
  CHEMSAFE_RETURN_IF_ERROR(CheckPositive("density_kg_m3", in.density_kg_m3));
  CHEMSAFE_RETURN_IF_ERROR(CheckPositive("hole_diameter_m", in.hole_diameter_m));
  CHEMSAFE_RETURN_IF_ERROR(CheckDischargeCoefficient(in.discharge_coefficient));
  CHEMSAFE_RETURN_IF_ERROR(CheckPositive("pressure_pa", in.pressure_pa));
  CHEMSAFE_RETURN_IF_ERROR(CheckPositive("ambient_pressure_pa", in.ambient_pressure_pa));
  CHEMSAFE_RETURN_IF_ERROR(CheckNonNegative("liquid_head_m", in.liquid_head_m));
  CHEMSAFE_RETURN_IF_ERROR(CheckPositive("gravity_m_s2", in.gravity_m_s2));
  // Bernoulli between the liquid surface (at rest) and the vena contracta, per unit mass.
  const double energy_j_kg =
      (in.pressure_pa - in.ambient_pressure_pa) / in.density_kg_m3 + in.gravity_m_s2 * in.liquid_head_m;
  if (energy_j_kg < 0) {
    return InvalidArgument(
        fmt::format("pressure_pa: {} Pa with a head of {} m does not drive the liquid out against {} Pa outside",
                    in.pressure_pa, in.liquid_head_m, in.ambient_pressure_pa));
  }
  LiquidDischarge out;
  out.exit_velocity_m_s = in.discharge_coefficient * std::sqrt(2 * energy_j_kg);
  out.mass_rate_kg_s = in.density_kg_m3 * CircleArea(in.hole_diameter_m) * out.exit_velocity_m_s;
  return out;
}

Result<double> IdealGasDensityKgM3(double pressure_pa, double temperature_k, double molar_mass_kg_mol) {
  CHEMSAFE_RETURN_IF_ERROR(CheckPositive("pressure_pa", pressure_pa));
  CHEMSAFE_RETURN_IF_ERROR(CheckPositive("temperature_k", temperature_k));
  CHEMSAFE_RETURN_IF_ERROR(CheckPositive("molar_mass_kg_mol", molar_mass_kg_mol));
  return pressure_pa * molar_mass_kg_mol / (kMolarGasConstantJ_MolK * temperature_k);
}

double CriticalPressureRatio(double heat_capacity_ratio) {
  const double k = heat_capacity_ratio;
  return std::pow(2 / (k + 1), k / (k - 1));
}

Result<GasDischarge> DischargeGas(const GasDischargeInput& in) {
  const double k = in.heat_capacity_ratio;
  if (!(k > 1) || !std::isfinite(k)) return Bad("heat_capacity_ratio", "must be greater than 1", k);
  CHEMSAFE_RETURN_IF_ERROR(CheckPositive("pressure_pa", in.pressure_pa));
  CHEMSAFE_RETURN_IF_ERROR(CheckPositive("temperature_k", in.temperature_k));
  CHEMSAFE_RETURN_IF_ERROR(CheckPositive("density_kg_m3", in.density_kg_m3));
  CHEMSAFE_RETURN_IF_ERROR(CheckPositive("hole_diameter_m", in.hole_diameter_m));
  CHEMSAFE_RETURN_IF_ERROR(CheckDischargeCoefficient(in.discharge_coefficient));
  CHEMSAFE_RETURN_IF_ERROR(CheckPositive("ambient_pressure_pa", in.ambient_pressure_pa));
  if (in.pressure_pa < in.ambient_pressure_pa) {
    return InvalidArgument(fmt::format("pressure_pa: {} Pa is below ambient_pressure_pa {} Pa (no outflow)",
                                       in.pressure_pa, in.ambient_pressure_pa));
  }
  const double p0 = in.pressure_pa, rho0 = in.density_kg_m3;
  const double area = CircleArea(in.hole_diameter_m);
  GasDischarge out;
  out.critical_pressure_ratio = CriticalPressureRatio(k);
  const double ambient_ratio = in.ambient_pressure_pa / p0;
  out.choked = ambient_ratio <= out.critical_pressure_ratio;
  // Isentropic expansion from the stagnation state to the throat pressure; the throat pressure is the
  // choking one when the flow is sonic, otherwise the ambient one.
  const double r = out.choked ? out.critical_pressure_ratio : ambient_ratio;
  out.throat_pressure_pa = p0 * r;
  out.throat_temperature_k = in.temperature_k * std::pow(r, (k - 1) / k);
  out.throat_density_kg_m3 = rho0 * std::pow(r, 1 / k);
  if (out.choked) {
    out.mass_rate_kg_s =
        in.discharge_coefficient * area * std::sqrt(k * rho0 * p0 * std::pow(2 / (k + 1), (k + 1) / (k - 1)));
  } else {
    const double bracket = std::pow(r, 2 / k) - std::pow(r, (k + 1) / k);
    out.mass_rate_kg_s = in.discharge_coefficient * area * std::sqrt(2 * rho0 * p0 * k / (k - 1) * bracket);
  }
  out.exit_velocity_m_s = out.mass_rate_kg_s / (out.throat_density_kg_m3 * area);
  return out;
}

Result<double> FlashFraction(const FlashInput& in) {
  CHEMSAFE_RETURN_IF_ERROR(CheckPositive("heat_capacity_j_kg_k", in.heat_capacity_j_kg_k));
  CHEMSAFE_RETURN_IF_ERROR(CheckPositive("temperature_k", in.temperature_k));
  CHEMSAFE_RETURN_IF_ERROR(CheckPositive("boiling_point_k", in.boiling_point_k));
  CHEMSAFE_RETURN_IF_ERROR(CheckPositive("heat_of_vaporization_j_kg", in.heat_of_vaporization_j_kg));
  if (in.temperature_k <= in.boiling_point_k) return 0.0;
  const double x = in.heat_capacity_j_kg_k * (in.temperature_k - in.boiling_point_k) / in.heat_of_vaporization_j_kg;
  switch (in.method) {
    case FlashMethod::kIsenthalpic:
      return std::min(x, 1.0);
    case FlashMethod::kExponential:
      return -std::expm1(-x);
  }
  return Internal("unknown flash method");
}

std::string_view PoolLimitName(PoolLimit limit) {
  // In the order of the enumerators.
  constexpr std::array<std::string_view, 3> kNames = {"spreading", "bund", "min_thickness"};
  const auto i = static_cast<std::size_t>(limit);
  return i < kNames.size() ? kNames[i] : "unknown";
}

namespace {

Status CheckSpreadOptions(double time_s, const PoolSpreadOptions& options) {
  CHEMSAFE_RETURN_IF_ERROR(CheckPositive("time_s", time_s));
  if (options.bund_area_m2) CHEMSAFE_RETURN_IF_ERROR(CheckPositive("bund_area_m2", *options.bund_area_m2));
  CHEMSAFE_RETURN_IF_ERROR(CheckPositive("min_thickness_m", options.min_thickness_m));
  return CheckPositive("gravity_m_s2", options.gravity_m_s2);
}

// The pool of `volume_m3` whose gravity front has reached `front_radius_m`, limited by the bund and by
// the minimum thickness, whichever is the smaller area.
PoolSpread LimitPool(double volume_m3, double front_radius_m, const PoolSpreadOptions& options) {
  PoolSpread pool;
  pool.volume_m3 = volume_m3;
  pool.area_m2 = std::numbers::pi * front_radius_m * front_radius_m;
  const double thin_area_m2 = volume_m3 / options.min_thickness_m;
  if (thin_area_m2 < pool.area_m2) {
    pool.area_m2 = thin_area_m2;
    pool.limit = PoolLimit::kMinThickness;
  }
  if (options.bund_area_m2 && *options.bund_area_m2 < pool.area_m2) {
    pool.area_m2 = *options.bund_area_m2;
    pool.limit = PoolLimit::kBund;
  }
  pool.radius_m = pool.limit == PoolLimit::kSpreading ? front_radius_m : std::sqrt(pool.area_m2 / std::numbers::pi);
  pool.thickness_m = volume_m3 / pool.area_m2;
  return pool;
}

}  // namespace

Result<PoolSpread> SpreadInstantaneousPool(double volume_m3, double time_s, const PoolSpreadOptions& options) {
  CHEMSAFE_RETURN_IF_ERROR(CheckPositive("volume_m3", volume_m3));
  CHEMSAFE_RETURN_IF_ERROR(CheckSpreadOptions(time_s, options));
  // r dr/dt = sqrt(2 g V/pi) integrates to r^2 = 2 sqrt(2 g V/pi) t.
  const double front = std::pow(8 * options.gravity_m_s2 * volume_m3 / std::numbers::pi, 0.25) * std::sqrt(time_s);
  return LimitPool(volume_m3, front, options);
}

Result<PoolSpread> SpreadContinuousPool(double volume_rate_m3_s, double time_s, const PoolSpreadOptions& options) {
  CHEMSAFE_RETURN_IF_ERROR(CheckPositive("volume_rate_m3_s", volume_rate_m3_s));
  CHEMSAFE_RETURN_IF_ERROR(CheckSpreadOptions(time_s, options));
  // With V = Vdot t: r dr/dt = sqrt(2 g Vdot t/pi) integrates to r^4 = 32 g Vdot t^3/(9 pi).
  const double front =
      std::pow(32 * options.gravity_m_s2 * volume_rate_m3_s / (9 * std::numbers::pi), 0.25) * std::pow(time_s, 0.75);
  return LimitPool(volume_rate_m3_s * time_s, front, options);
}

namespace {

Status CheckNonBoilingPool(const NonBoilingPoolInput& in) {
  CHEMSAFE_RETURN_IF_ERROR(CheckPositive("pool_area_m2", in.pool_area_m2));
  CHEMSAFE_RETURN_IF_ERROR(CheckPositive("wind_speed_m_s", in.wind_speed_m_s));
  CHEMSAFE_RETURN_IF_ERROR(CheckPositive("temperature_k", in.temperature_k));
  CHEMSAFE_RETURN_IF_ERROR(CheckNonNegative("vapour_pressure_pa", in.vapour_pressure_pa));
  return CheckPositive("molar_mass_kg_mol", in.molar_mass_kg_mol);
}

// Exact unit definitions (NIST SP 811, appendix B): the international foot and pound, the
// conventional millimetre of mercury (101325/760 Pa).
constexpr double kSquareMetresPerSquareFoot = 0.3048 * 0.3048;
constexpr double kPascalsPerMmHg = 101325.0 / 760.0;
constexpr double kKilogramsPerPound = 0.45359237;

}  // namespace

Result<double> EvaporationRateEpaRmpKgS(const NonBoilingPoolInput& in) {
  CHEMSAFE_RETURN_IF_ERROR(CheckNonBoilingPool(in));
  const double molar_mass_g_mol = in.molar_mass_kg_mol * 1000;
  const double area_ft2 = in.pool_area_m2 / kSquareMetresPerSquareFoot;
  const double vapour_pressure_mmhg = in.vapour_pressure_pa / kPascalsPerMmHg;
  // EPA 550-B-99-009 eq. D-1 (lb/min); 82.05 is R in atm cm3/(mol K) as the guidance writes it.
  const double lb_per_min = 0.284 * std::pow(in.wind_speed_m_s, 0.78) * std::pow(molar_mass_g_mol, 2.0 / 3.0) *
                            area_ft2 * vapour_pressure_mmhg / (82.05 * in.temperature_k);
  return lb_per_min * kKilogramsPerPound / 60;
}

Result<double> EvaporationRateMackayMatsuguKgS(const NonBoilingPoolInput& in, double schmidt_number) {
  CHEMSAFE_RETURN_IF_ERROR(CheckNonBoilingPool(in));
  CHEMSAFE_RETURN_IF_ERROR(CheckPositive("schmidt_number", schmidt_number));
  const double diameter_m = std::sqrt(4 * in.pool_area_m2 / std::numbers::pi);
  const double mass_transfer_m_s = 0.0048 * std::pow(in.wind_speed_m_s, 7.0 / 9.0) * std::pow(diameter_m, -1.0 / 9.0) *
                                   std::pow(schmidt_number, -2.0 / 3.0);
  return mass_transfer_m_s * in.pool_area_m2 * in.molar_mass_kg_mol * in.vapour_pressure_pa /
         (kMolarGasConstantJ_MolK * in.temperature_k);
}

std::optional<GroundKind> ParseGroundKind(std::string_view name) {
  if (name == "concrete") return GroundKind::kConcrete;
  if (name == "soil") return GroundKind::kSoil;
  if (name == "sand") return GroundKind::kSand;
  return std::nullopt;
}

GroundProperties DefaultGroundProperties(GroundKind kind) {
  // Incropera & DeWitt 6th ed. Table A.3 (300 K): k W/(m K), rho kg/m3, cp J/(kg K).
  struct Row {
    double k, rho, cp;
  };
  Row row{};
  switch (kind) {
    case GroundKind::kConcrete:
      row = {1.4, 2300, 880};
      break;
    case GroundKind::kSoil:
      row = {0.52, 2050, 1840};
      break;
    case GroundKind::kSand:
      row = {0.27, 1515, 800};
      break;
  }
  return {row.k, row.k / (row.rho * row.cp)};
}

Result<BoilingPoolEvaporation> EvaporateBoilingPool(const BoilingPoolInput& in) {
  CHEMSAFE_RETURN_IF_ERROR(CheckPositive("pool_area_m2", in.pool_area_m2));
  CHEMSAFE_RETURN_IF_ERROR(CheckPositive("time_s", in.time_s));
  CHEMSAFE_RETURN_IF_ERROR(CheckPositive("ground_temperature_k", in.ground_temperature_k));
  CHEMSAFE_RETURN_IF_ERROR(CheckPositive("boiling_point_k", in.boiling_point_k));
  CHEMSAFE_RETURN_IF_ERROR(CheckPositive("heat_of_vaporization_j_kg", in.heat_of_vaporization_j_kg));
  CHEMSAFE_RETURN_IF_ERROR(CheckPositive("ground_conductivity_w_m_k", in.ground.conductivity_w_m_k));
  CHEMSAFE_RETURN_IF_ERROR(CheckPositive("ground_diffusivity_m2_s", in.ground.diffusivity_m2_s));
  if (!(in.ground_temperature_k > in.boiling_point_k)) {
    return InvalidArgument(fmt::format(
        "ground_temperature_k: {} K is not above the boiling point {} K (the pool does not boil off the ground)",
        in.ground_temperature_k, in.boiling_point_k));
  }
  const double dt = in.ground_temperature_k - in.boiling_point_k;
  const double pi_alpha = std::numbers::pi * in.ground.diffusivity_m2_s;
  BoilingPoolEvaporation out;
  out.heat_flux_w_m2 = in.ground.conductivity_w_m_k * dt / std::sqrt(pi_alpha * in.time_s);
  out.evaporation_rate_kg_s = in.pool_area_m2 * out.heat_flux_w_m2 / in.heat_of_vaporization_j_kg;
  out.evaporated_mass_kg = 2 * in.pool_area_m2 * in.ground.conductivity_w_m_k * dt * std::sqrt(in.time_s / pi_alpha) /
                           in.heat_of_vaporization_j_kg;
  return out;
}

}  // namespace chemsafe::qra
