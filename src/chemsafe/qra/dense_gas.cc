#include "chemsafe/qra/dense_gas.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <limits>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

#include <fmt/format.h>

namespace chemsafe::qra {
namespace {

constexpr double kOpen = std::numeric_limits<double>::infinity();
constexpr double kMaxAlpha = 1.0;  // the upper end of the fits

// beta = slope alpha + intercept for alpha <= upper_alpha (the first piece that holds).
struct Piece {
  double upper_alpha, slope, intercept;
};
struct Curve {
  double ratio;  // C_m/C_0 of the curve
  std::span<const Piece> pieces;
};

// Continuous releases (CCPS 1999; EPA TSCREEN).
constexpr Piece kPlume100[] = {{-0.55, 0, 1.75}, {-0.14, 0.24, 1.88}, {kOpen, -0.50, 1.78}};
constexpr Piece kPlume050[] = {{-0.68, 0, 1.92}, {-0.29, 0.36, 2.16}, {-0.18, 0, 2.06}, {kOpen, -0.56, 1.96}};
constexpr Piece kPlume020[] = {{-0.69, 0, 2.08}, {-0.31, 0.45, 2.39}, {-0.16, 0, 2.25}, {kOpen, -0.54, 2.16}};
constexpr Piece kPlume010[] = {{-0.70, 0, 2.25}, {-0.29, 0.49, 2.59}, {-0.20, 0, 2.45}, {kOpen, -0.52, 2.35}};
constexpr Piece kPlume005[] = {{-0.67, 0, 2.40}, {-0.28, 0.59, 2.80}, {-0.15, 0, 2.63}, {kOpen, -0.48, 2.56}};
constexpr Piece kPlume002[] = {{-0.69, 0, 2.60}, {-0.25, 0.39, 2.87}, {-0.13, 0, 2.77}, {kOpen, -0.50, 2.71}};
constexpr std::array<Curve, 6> kPlumeCurves = {{{0.10, kPlume100},
                                                {0.05, kPlume050},
                                                {0.02, kPlume020},
                                                {0.01, kPlume010},
                                                {0.005, kPlume005},
                                                {0.002, kPlume002}}};

// Instantaneous releases (CCPS 1999).
constexpr Piece kPuff1000[] = {{-0.44, 0, 0.70}, {0.43, 0.26, 0.81}, {kOpen, 0, 0.93}};
constexpr Piece kPuff0500[] = {{-0.56, 0, 0.85}, {0.31, 0.26, 1.00}, {kOpen, -0.12, 1.12}};
constexpr Piece kPuff0200[] = {{-0.66, 0, 0.95}, {0.32, 0.36, 1.19}, {kOpen, -0.26, 1.38}};
constexpr Piece kPuff0100[] = {{-0.71, 0, 1.15}, {0.37, 0.34, 1.39}, {kOpen, -0.38, 1.66}};
constexpr Piece kPuff0050[] = {{-0.52, 0, 1.48}, {0.24, 0.26, 1.62}, {kOpen, -0.30, 1.75}};
constexpr Piece kPuff0020[] = {{0.27, 0, 1.83}, {kOpen, -0.32, 1.92}};
constexpr Piece kPuff0010[] = {{-0.10, 0, 2.075}, {kOpen, -0.27, 2.05}};
constexpr std::array<Curve, 7> kPuffCurves = {{{0.10, kPuff1000},
                                               {0.05, kPuff0500},
                                               {0.02, kPuff0200},
                                               {0.01, kPuff0100},
                                               {0.005, kPuff0050},
                                               {0.002, kPuff0020},
                                               {0.001, kPuff0010}}};

// Near fields (GasDispersion.jl's joins): continuous 306/(306 + x'^2) up to x' = 30; instantaneous
// 3.24/(3.24 + x'^2), not below the first curve's ratio.
constexpr double kPlumeNearFieldScale = 306.0;
constexpr double kPlumeNearFieldEnd = 30.0;
constexpr double kPuffNearFieldScale = 3.24;

double Beta(const Curve& c, double alpha) {
  for (const Piece& p : c.pieces) {
    if (alpha <= p.upper_alpha) return p.slope * alpha + p.intercept;
  }
  return c.pieces.back().slope * alpha + c.pieces.back().intercept;  // unreachable: the last is open
}

// The correlation at one alpha: (beta, ratio) knots sorted by beta, plus the near- and far-field joins.
struct Correlation {
  std::vector<std::pair<double, double>> knots;  // (log10 x', C_m/C_0)
  double near_end = 0;                           // x' up to which the near field applies
  double far_start = 0;                          // x' from which C falls as far_constant / x'^2
  double far_constant = 0;
};

template <std::size_t N>
std::vector<std::pair<double, double>> Knots(const std::array<Curve, N>& curves, double alpha) {
  std::vector<std::pair<double, double>> knots;
  for (const Curve& c : curves) knots.emplace_back(Beta(c, alpha), c.ratio);
  std::sort(knots.begin(), knots.end());
  return knots;
}

void CloseFarField(Correlation& c) {
  c.far_start = std::pow(10.0, c.knots.back().first);
  c.far_constant = c.knots.back().second * c.far_start * c.far_start;
}

Correlation PlumeCorrelation(double alpha) {
  Correlation c;
  c.knots = Knots(kPlumeCurves, alpha);
  const double first = std::pow(10.0, c.knots.front().first);
  if (kPlumeNearFieldEnd < first) {
    const double end = kPlumeNearFieldEnd;
    c.knots.insert(c.knots.begin(),
                   {std::log10(end), kPlumeNearFieldScale / (kPlumeNearFieldScale + end * end)});
    c.near_end = end;
  } else {
    c.near_end = first;
  }
  CloseFarField(c);
  return c;
}

Correlation PuffCorrelation(double alpha) {
  Correlation c;
  c.knots = Knots(kPuffCurves, alpha);
  c.near_end = std::pow(10.0, c.knots.front().first);
  CloseFarField(c);
  return c;
}

struct Isothermal {
  double ratio;
  DenseGasRegion region;
};

Isothermal Evaluate(const Correlation& c, double x_dimensionless, double near_scale, double near_floor) {
  if (x_dimensionless <= c.near_end) {
    const double near = near_scale / (near_scale + x_dimensionless * x_dimensionless);
    return {std::max(near, near_floor), DenseGasRegion::kNearField};
  }
  if (x_dimensionless >= c.far_start) {
    return {c.far_constant / (x_dimensionless * x_dimensionless), DenseGasRegion::kFarField};
  }
  const double beta = std::log10(x_dimensionless);
  for (std::size_t i = 1; i < c.knots.size(); ++i) {
    const auto& [b1, r1] = c.knots[i];
    if (beta <= b1) {
      const auto& [b0, r0] = c.knots[i - 1];
      return {r0 + (r1 - r0) * (beta - b0) / (b1 - b0), DenseGasRegion::kCorrelation};
    }
  }
  return {c.knots.back().second, DenseGasRegion::kCorrelation};  // unreachable: beta < last knot
}

// The workbook's non-isothermal correction.
double NonIsothermal(double ratio, double release_temperature_k, double air_temperature_k) {
  return ratio / (ratio + (1.0 - ratio) * release_temperature_k / air_temperature_k);
}

bool PositiveFinite(double v) { return std::isfinite(v) && v > 0; }

Status CheckPositive(std::string_view name, double v) {
  if (PositiveFinite(v)) return Status::Ok();
  return InvalidArgument(fmt::format("{}: must be greater than 0 (is {})", name, v));
}

Status CheckAmbient(const DenseGasAmbient& a, const DenseGasOptions& o) {
  CHEMSAFE_RETURN_IF_ERROR(CheckPositive("wind_speed_10m_m_s", a.wind_speed_10m_m_s));
  CHEMSAFE_RETURN_IF_ERROR(CheckPositive("air_density_kg_m3", a.air_density_kg_m3));
  CHEMSAFE_RETURN_IF_ERROR(CheckPositive("air_temperature_k", a.air_temperature_k));
  return CheckPositive("gravity_m_s2", o.gravity_m_s2);
}

// What the continuous and instantaneous cases share once reduced to their scales.
struct Reduced {
  double source_kg_m3;     // C_0 = mass / volume
  double reduced_gravity;  // g0' = g (rho_0 - rho_a)/rho_a
  double length_m;         // D or V0^(1/3)
  double release_temperature_k;
};

// The checks a release shares, with its own names for the amount and the volume.
Status CheckRelease(std::string_view mass_key, double mass, std::string_view volume_key, double volume,
                    double density_kg_m3, double temperature_k, const DenseGasAmbient& a,
                    const DenseGasOptions& o) {
  CHEMSAFE_RETURN_IF_ERROR(CheckPositive(mass_key, mass));
  CHEMSAFE_RETURN_IF_ERROR(CheckPositive(volume_key, volume));
  CHEMSAFE_RETURN_IF_ERROR(CheckPositive("release_density_kg_m3", density_kg_m3));
  CHEMSAFE_RETURN_IF_ERROR(CheckPositive("release_temperature_k", temperature_k));
  return CheckAmbient(a, o);
}

double ReducedGravity(double density_kg_m3, const DenseGasAmbient& a, const DenseGasOptions& o) {
  return o.gravity_m_s2 * (density_kg_m3 - a.air_density_kg_m3) / a.air_density_kg_m3;
}

Result<Reduced> ReduceContinuous(const ContinuousDenseRelease& r, const DenseGasAmbient& a,
                                 const DenseGasOptions& o) {
  CHEMSAFE_RETURN_IF_ERROR(CheckRelease("mass_rate_kg_s", r.mass_rate_kg_s, "volume_rate_m3_s",
                                        r.volume_rate_m3_s, r.release_density_kg_m3, r.release_temperature_k,
                                        a, o));
  return Reduced{r.mass_rate_kg_s / r.volume_rate_m3_s, ReducedGravity(r.release_density_kg_m3, a, o),
                 std::sqrt(r.volume_rate_m3_s / a.wind_speed_10m_m_s), r.release_temperature_k};
}

Result<Reduced> ReduceInstantaneous(const InstantaneousDenseRelease& r, const DenseGasAmbient& a,
                                    const DenseGasOptions& o) {
  CHEMSAFE_RETURN_IF_ERROR(CheckRelease("mass_kg", r.mass_kg, "volume_m3", r.volume_m3,
                                        r.release_density_kg_m3, r.release_temperature_k, a, o));
  return Reduced{r.mass_kg / r.volume_m3, ReducedGravity(r.release_density_kg_m3, a, o),
                 std::cbrt(r.volume_m3), r.release_temperature_k};
}

Status CheckDense(const Reduced& r) {
  if (r.reduced_gravity > 0) return Status::Ok();
  return InvalidArgument(
      "release_density_kg_m3: must exceed air_density_kg_m3 for the dense-gas model (use the Gaussian one)");
}

Result<double> CheckAlpha(double alpha) {
  if (alpha <= kMaxAlpha) return alpha;
  return InvalidArgument(
      fmt::format("alpha: {:.4g} is above {}, the upper end of the Britter-McQuaid fits", alpha, kMaxAlpha));
}

// The model once reduced: the correlation at alpha and how to evaluate it.
struct Model {
  Reduced reduced;
  double alpha;
  Correlation correlation;
  double near_scale;
  double near_floor;
  double air_temperature_k;

  DenseGasPoint At(double x_m) const {
    const double xd = x_m / reduced.length_m;
    const Isothermal iso = Evaluate(correlation, xd, near_scale, near_floor);
    const double ratio = NonIsothermal(iso.ratio, reduced.release_temperature_k, air_temperature_k);
    return {ratio, reduced.source_kg_m3 * ratio, alpha, xd, iso.region};
  }
};

Result<Model> ContinuousModel(const ContinuousDenseRelease& r, const DenseGasAmbient& a,
                              const DenseGasOptions& o) {
  CHEMSAFE_ASSIGN_OR_RETURN(Reduced red, ReduceContinuous(r, a, o));
  CHEMSAFE_RETURN_IF_ERROR(CheckDense(red));
  // alpha = 0.2 log10(g0'^2 q0 / u^5) (Britter & McQuaid 1988).
  const double u = a.wind_speed_10m_m_s;
  CHEMSAFE_ASSIGN_OR_RETURN(double alpha,
                            CheckAlpha(0.2 * std::log10(red.reduced_gravity * red.reduced_gravity *
                                                        r.volume_rate_m3_s / std::pow(u, 5.0))));
  return Model{red, alpha, PlumeCorrelation(alpha), kPlumeNearFieldScale, 0.0, a.air_temperature_k};
}

Result<Model> InstantaneousModel(const InstantaneousDenseRelease& r, const DenseGasAmbient& a,
                                 const DenseGasOptions& o) {
  CHEMSAFE_ASSIGN_OR_RETURN(Reduced red, ReduceInstantaneous(r, a, o));
  CHEMSAFE_RETURN_IF_ERROR(CheckDense(red));
  // alpha = 0.5 log10(g0' V0^(1/3) / u^2) (Britter & McQuaid 1988).
  const double u = a.wind_speed_10m_m_s;
  CHEMSAFE_ASSIGN_OR_RETURN(double alpha,
                            CheckAlpha(0.5 * std::log10(red.reduced_gravity * red.length_m / (u * u))));
  const double first_ratio = kPuffCurves.front().ratio;
  return Model{red, alpha, PuffCorrelation(alpha), kPuffNearFieldScale, first_ratio, a.air_temperature_k};
}

Status CheckDistance(double x_m) {
  if (std::isfinite(x_m) && x_m >= 0) return Status::Ok();
  return InvalidArgument(fmt::format("x_m: must be at least 0 (is {})", x_m));
}

// The distance where the (non-increasing) concentration reaches the threshold.
Result<std::optional<double>> DistanceTo(const Model& m, double threshold_kg_m3) {
  CHEMSAFE_RETURN_IF_ERROR(CheckPositive("threshold_kg_m3", threshold_kg_m3));
  if (threshold_kg_m3 >= m.reduced.source_kg_m3) return std::optional<double>();
  double inside = 0.0, outside = m.reduced.length_m;
  while (m.At(outside).concentration_kg_m3 >= threshold_kg_m3) {
    inside = outside;
    outside *= 2.0;
  }
  while (outside - inside > 1e-9 * outside) {
    const double mid = 0.5 * (inside + outside);
    (m.At(mid).concentration_kg_m3 >= threshold_kg_m3 ? inside : outside) = mid;
  }
  return std::optional<double>(inside);
}

RegimeChoice Choose(const Reduced& r, double group, double threshold) {
  if (!(r.reduced_gravity > 0)) return RegimeChoice{DispersionRegime::kPassive, 0.0, threshold};
  return RegimeChoice{group >= threshold ? DispersionRegime::kDense : DispersionRegime::kPassive, group,
                      threshold};
}

}  // namespace

Result<DenseGasPoint> BritterMcQuaidContinuous(const ContinuousDenseRelease& release,
                                               const DenseGasAmbient& ambient, double x_m,
                                               const DenseGasOptions& options) {
  CHEMSAFE_RETURN_IF_ERROR(CheckDistance(x_m));
  CHEMSAFE_ASSIGN_OR_RETURN(Model m, ContinuousModel(release, ambient, options));
  return m.At(x_m);
}

Result<DenseGasPoint> BritterMcQuaidInstantaneous(const InstantaneousDenseRelease& release,
                                                  const DenseGasAmbient& ambient, double x_m,
                                                  const DenseGasOptions& options) {
  CHEMSAFE_RETURN_IF_ERROR(CheckDistance(x_m));
  CHEMSAFE_ASSIGN_OR_RETURN(Model m, InstantaneousModel(release, ambient, options));
  return m.At(x_m);
}

Result<std::optional<double>> BritterMcQuaidContinuousDistanceM(const ContinuousDenseRelease& release,
                                                                const DenseGasAmbient& ambient,
                                                                double threshold_kg_m3,
                                                                const DenseGasOptions& options) {
  CHEMSAFE_ASSIGN_OR_RETURN(Model m, ContinuousModel(release, ambient, options));
  return DistanceTo(m, threshold_kg_m3);
}

Result<std::optional<double>> BritterMcQuaidInstantaneousDistanceM(const InstantaneousDenseRelease& release,
                                                                   const DenseGasAmbient& ambient,
                                                                   double threshold_kg_m3,
                                                                   const DenseGasOptions& options) {
  CHEMSAFE_ASSIGN_OR_RETURN(Model m, InstantaneousModel(release, ambient, options));
  return DistanceTo(m, threshold_kg_m3);
}

Result<RegimeChoice> ChooseContinuousRegime(const ContinuousDenseRelease& release,
                                            const DenseGasAmbient& ambient, const DenseGasOptions& options) {
  CHEMSAFE_ASSIGN_OR_RETURN(Reduced r, ReduceContinuous(release, ambient, options));
  // (g0' q0 / (u^3 D))^(1/3) with D = (q0/u)^(1/2).
  const double u = ambient.wind_speed_10m_m_s;
  const double group =
      std::cbrt(std::max(r.reduced_gravity, 0.0) * release.volume_rate_m3_s / (u * u * u * r.length_m));
  return Choose(r, group, options.continuous_criterion);
}

Result<RegimeChoice> ChooseInstantaneousRegime(const InstantaneousDenseRelease& release,
                                               const DenseGasAmbient& ambient,
                                               const DenseGasOptions& options) {
  CHEMSAFE_ASSIGN_OR_RETURN(Reduced r, ReduceInstantaneous(release, ambient, options));
  // (g0' V0^(1/3))^(1/2) / u.
  const double group = std::sqrt(std::max(r.reduced_gravity, 0.0) * r.length_m) / ambient.wind_speed_10m_m_s;
  return Choose(r, group, options.instantaneous_criterion);
}

}  // namespace chemsafe::qra
