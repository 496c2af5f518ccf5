#include "chemsafe/qra/dispersion.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <numbers>
#include <optional>
#include <string_view>
#include <vector>

#include <fmt/format.h>

namespace chemsafe::qra {
namespace {

bool PositiveFinite(double v) { return std::isfinite(v) && v > 0; }

Status MustBePositive(std::string_view name, double v) {
  return InvalidArgument(fmt::format("{}: must be greater than 0 (is {})", name, v));
}

Status CheckPositive(std::string_view name, double v) {
  return PositiveFinite(v) ? Status::Ok() : MustBePositive(name, v);
}

Status CheckNonNegative(std::string_view name, double v) {
  if (std::isfinite(v) && v >= 0) return Status::Ok();
  return InvalidArgument(fmt::format("{}: must be at least 0 (is {})", name, v));
}

Status CheckShape(SigmaSet set, ReleaseShape wanted) {
  if (SigmaSetShape(set) == wanted) return Status::Ok();
  const bool plume = wanted == ReleaseShape::kPlume;
  return InvalidArgument(fmt::format("sigma_set: {} is a {} set; a {} needs a {} set", SigmaSetName(set),
                                     plume ? "puff" : "plume", plume ? "plume" : "puff",
                                     plume ? "plume" : "puff"));
}

// The vertical factor exp(-(z-h)^2/2sz^2) [+ exp(-(z+h)^2/2sz^2)].
double Vertical(double z_m, double h_m, double sigma_z_m, GroundReflection ground) {
  const double two_sz2 = 2.0 * sigma_z_m * sigma_z_m;
  const double direct = std::exp(-(z_m - h_m) * (z_m - h_m) / two_sz2);
  if (ground == GroundReflection::kNone) return direct;
  return direct + std::exp(-(z_m + h_m) * (z_m + h_m) / two_sz2);
}

double Crosswind(double y_m, double sigma_y_m) {
  return std::exp(-y_m * y_m / (2.0 * sigma_y_m * sigma_y_m));
}

Status CheckPlume(const PlumeRelease& r, const GaussianOptions& options) {
  CHEMSAFE_RETURN_IF_ERROR(CheckPositive("release_rate_kg_s", r.release_rate_kg_s));
  CHEMSAFE_RETURN_IF_ERROR(CheckPositive("wind_speed_m_s", r.wind_speed_m_s));
  CHEMSAFE_RETURN_IF_ERROR(CheckNonNegative("release_height_m", r.release_height_m));
  return CheckShape(options.sigma_set, ReleaseShape::kPlume);
}

Status CheckPuff(const PuffRelease& r, const GaussianOptions& options) {
  CHEMSAFE_RETURN_IF_ERROR(CheckPositive("mass_kg", r.mass_kg));
  CHEMSAFE_RETURN_IF_ERROR(CheckPositive("wind_speed_m_s", r.wind_speed_m_s));
  CHEMSAFE_RETURN_IF_ERROR(CheckNonNegative("release_height_m", r.release_height_m));
  if (options.averaging.has_value()) {
    return InvalidArgument("averaging_time_s: the averaging-time correction applies to plumes, not puffs");
  }
  return CheckShape(options.sigma_set, ReleaseShape::kPuff);
}

Status CheckThreshold(double threshold_kg_m3, const FootprintOptions& f) {
  CHEMSAFE_RETURN_IF_ERROR(CheckPositive("threshold_kg_m3", threshold_kg_m3));
  CHEMSAFE_RETURN_IF_ERROR(CheckNonNegative("receptor_height_m", f.receptor_height_m));
  CHEMSAFE_RETURN_IF_ERROR(CheckPositive("min_distance_m", f.min_distance_m));
  if (!(std::isfinite(f.max_distance_m) && f.max_distance_m > f.min_distance_m)) {
    return InvalidArgument(
        fmt::format("max_distance_m: must be greater than min_distance_m (is {})", f.max_distance_m));
  }
  if (f.samples < 2) return InvalidArgument(fmt::format("samples: must be at least 2 (is {})", f.samples));
  return Status::Ok();
}

Status CheckLoad(const ToxicLoad& load) {
  CHEMSAFE_RETURN_IF_ERROR(CheckPositive("toxic_load", load.toxic_load));
  CHEMSAFE_RETURN_IF_ERROR(CheckPositive("exponent_n", load.exponent_n));
  CHEMSAFE_RETURN_IF_ERROR(CheckPositive("concentration_unit_kg_m3", load.concentration_unit_kg_m3));
  return CheckPositive("time_unit_s", load.time_unit_s);
}

// What a footprint needs at x on the centre line (receptor height): the quantity compared with the
// threshold (a concentration or a toxic load) and the sigma of its Gaussian crosswind profile.
struct CentreLinePoint {
  double concentration_kg_m3 = 0;  // or the toxic load, in its units
  double sigma_y_m = 0;
};
using CentreLine = std::function<Result<CentreLinePoint>(double x_m)>;

double HalfWidth(const CentreLinePoint& p, double threshold_kg_m3) {
  if (!(p.concentration_kg_m3 > threshold_kg_m3)) return 0.0;
  return p.sigma_y_m * std::sqrt(2.0 * std::log(p.concentration_kg_m3 / threshold_kg_m3));
}

double LogSample(double from, double to, int i, int n) {
  return from * std::pow(to / from, static_cast<double>(i) / static_cast<double>(n - 1));
}

// Bisection between `inside` (C >= threshold) and `outside` (C < threshold) to 1e-6 relative.
Result<double> Boundary(const CentreLine& line, double threshold, double inside, double outside) {
  while (std::abs(outside - inside) > 1e-6 * std::max(inside, outside)) {
    const double mid = std::sqrt(inside * outside);  // geometric: the scan is log-spaced
    CHEMSAFE_ASSIGN_OR_RETURN(CentreLinePoint p, line(mid));
    (p.concentration_kg_m3 >= threshold ? inside : outside) = mid;
  }
  return inside;
}

struct Extent {
  double near_m = 0;
  double far_m = 0;
};

// The near and far ends of the region where the centre line reaches the threshold.
Result<std::optional<Extent>> CentreLineExtent(const CentreLine& line, double threshold,
                                               const FootprintOptions& f) {
  std::optional<int> first, last;
  std::vector<double> xs(static_cast<std::size_t>(f.samples));
  for (int i = 0; i < f.samples; ++i) {
    const double x = LogSample(f.min_distance_m, f.max_distance_m, i, f.samples);
    xs[static_cast<std::size_t>(i)] = x;
    CHEMSAFE_ASSIGN_OR_RETURN(CentreLinePoint p, line(x));
    if (p.concentration_kg_m3 >= threshold) {
      if (!first) first = i;
      last = i;
    }
  }
  if (!first) return std::optional<Extent>();
  auto x = [&](int i) { return xs[static_cast<std::size_t>(i)]; };
  Extent e{x(*first), x(*last)};
  if (*first > 0) {
    CHEMSAFE_ASSIGN_OR_RETURN(e.near_m, Boundary(line, threshold, x(*first), x(*first - 1)));
  }
  if (*last < f.samples - 1) {
    CHEMSAFE_ASSIGN_OR_RETURN(e.far_m, Boundary(line, threshold, x(*last), x(*last + 1)));
  }
  return std::optional<Extent>(e);
}

Result<std::vector<IsoplethPoint>> Isopleth(const CentreLine& line, double threshold,
                                            const FootprintOptions& f) {
  CHEMSAFE_ASSIGN_OR_RETURN(std::optional<Extent> extent, CentreLineExtent(line, threshold, f));
  std::vector<IsoplethPoint> out;
  if (!extent) return out;
  out.reserve(static_cast<std::size_t>(f.samples));
  for (int i = 0; i < f.samples; ++i) {
    const double x = LogSample(extent->near_m, extent->far_m, i, f.samples);
    CHEMSAFE_ASSIGN_OR_RETURN(CentreLinePoint p, line(x));
    out.push_back({x, i == f.samples - 1 ? 0.0 : HalfWidth(p, threshold)});
  }
  return out;
}

CentreLine PlumeLine(const PlumeRelease& release, const GaussianOptions& options, double z_m) {
  return [=](double x_m) -> Result<CentreLinePoint> {
    CHEMSAFE_ASSIGN_OR_RETURN(Sigmas s, PlumeSigmas(release.stability, x_m, options));
    return CentreLinePoint{
        GaussianPlumeKgM3(release.release_rate_kg_s, release.wind_speed_m_s, release.release_height_m, s.y_m,
                          s.z_m, 0.0, z_m, options.ground),
        s.y_m};
  };
}

}  // namespace

double GaussianPlumeKgM3(double release_rate_kg_s, double wind_speed_m_s, double release_height_m,
                         double sigma_y_m, double sigma_z_m, double y_m, double z_m,
                         GroundReflection ground) {
  return release_rate_kg_s / (2.0 * std::numbers::pi * wind_speed_m_s * sigma_y_m * sigma_z_m) *
         Crosswind(y_m, sigma_y_m) * Vertical(z_m, release_height_m, sigma_z_m, ground);
}

double GaussianPuffKgM3(double mass_kg, double release_height_m, const Sigmas& sigmas, double along_m,
                        double y_m, double z_m, GroundReflection ground) {
  const double norm = std::pow(2.0 * std::numbers::pi, 1.5) * sigmas.x_m * sigmas.y_m * sigmas.z_m;
  return mass_kg / norm * Crosswind(along_m, sigmas.x_m) * Crosswind(y_m, sigmas.y_m) *
         Vertical(z_m, release_height_m, sigmas.z_m, ground);
}

Result<Sigmas> PlumeSigmas(StabilityClass stability, double x_m, const GaussianOptions& options) {
  CHEMSAFE_RETURN_IF_ERROR(CheckShape(options.sigma_set, ReleaseShape::kPlume));
  CHEMSAFE_ASSIGN_OR_RETURN(Sigmas s, DispersionSigmas(options.sigma_set, stability, x_m));
  if (options.averaging.has_value()) {
    CHEMSAFE_ASSIGN_OR_RETURN(double factor, AveragingTimeFactor(*options.averaging, stability));
    s.y_m *= factor;
    s.x_m = s.y_m;
  }
  return s;
}

Result<double> GaussianPlumeConcentrationKgM3(const PlumeRelease& release, const Receptor& receptor,
                                              const GaussianOptions& options) {
  CHEMSAFE_RETURN_IF_ERROR(CheckPlume(release, options));
  CHEMSAFE_RETURN_IF_ERROR(CheckNonNegative("z_m", receptor.z_m));
  if (!std::isfinite(receptor.x_m)) return InvalidArgument("x_m: must be finite");
  if (!std::isfinite(receptor.y_m)) return InvalidArgument("y_m: must be finite");
  if (receptor.x_m <= 0) return 0.0;
  CHEMSAFE_ASSIGN_OR_RETURN(Sigmas s, PlumeSigmas(release.stability, receptor.x_m, options));
  return GaussianPlumeKgM3(release.release_rate_kg_s, release.wind_speed_m_s, release.release_height_m, s.y_m,
                           s.z_m, receptor.y_m, receptor.z_m, options.ground);
}

Result<double> GaussianPuffConcentrationKgM3(const PuffRelease& release, const Receptor& receptor,
                                             double time_s, const GaussianOptions& options) {
  CHEMSAFE_RETURN_IF_ERROR(CheckPuff(release, options));
  CHEMSAFE_RETURN_IF_ERROR(CheckNonNegative("z_m", receptor.z_m));
  if (!std::isfinite(receptor.x_m)) return InvalidArgument("x_m: must be finite");
  if (!std::isfinite(receptor.y_m)) return InvalidArgument("y_m: must be finite");
  if (!std::isfinite(time_s)) return InvalidArgument("time_s: must be finite");
  if (time_s <= 0) return 0.0;
  const double centre_m = release.wind_speed_m_s * time_s;
  CHEMSAFE_ASSIGN_OR_RETURN(Sigmas s, DispersionSigmas(options.sigma_set, release.stability, centre_m));
  return GaussianPuffKgM3(release.mass_kg, release.release_height_m, s, receptor.x_m - centre_m, receptor.y_m,
                          receptor.z_m, options.ground);
}

Result<double> EquivalentConcentrationKgM3(const ToxicLoadThreshold& t) {
  CHEMSAFE_RETURN_IF_ERROR(CheckLoad(t.load));
  CHEMSAFE_RETURN_IF_ERROR(CheckPositive("exposure_time_s", t.exposure_time_s));
  const double time_in_units = t.exposure_time_s / t.load.time_unit_s;
  return t.load.concentration_unit_kg_m3 *
         std::pow(t.load.toxic_load / time_in_units, 1.0 / t.load.exponent_n);
}

Result<std::optional<double>> PlumeDistanceToConcentrationM(const PlumeRelease& release,
                                                            double threshold_kg_m3,
                                                            const GaussianOptions& options,
                                                            const FootprintOptions& footprint) {
  CHEMSAFE_RETURN_IF_ERROR(CheckPlume(release, options));
  CHEMSAFE_RETURN_IF_ERROR(CheckThreshold(threshold_kg_m3, footprint));
  CHEMSAFE_ASSIGN_OR_RETURN(
      std::optional<Extent> extent,
      CentreLineExtent(PlumeLine(release, options, footprint.receptor_height_m), threshold_kg_m3, footprint));
  if (!extent) return std::optional<double>();
  return std::optional<double>(extent->far_m);
}

Result<double> PlumeHalfWidthM(const PlumeRelease& release, double threshold_kg_m3, double x_m,
                               const GaussianOptions& options, const FootprintOptions& footprint) {
  CHEMSAFE_RETURN_IF_ERROR(CheckPlume(release, options));
  CHEMSAFE_RETURN_IF_ERROR(CheckThreshold(threshold_kg_m3, footprint));
  CHEMSAFE_RETURN_IF_ERROR(CheckPositive("x_m", x_m));
  CHEMSAFE_ASSIGN_OR_RETURN(CentreLinePoint p, PlumeLine(release, options, footprint.receptor_height_m)(x_m));
  return HalfWidth(p, threshold_kg_m3);
}

Result<std::vector<IsoplethPoint>> PlumeIsopleth(const PlumeRelease& release, double threshold_kg_m3,
                                                 const GaussianOptions& options,
                                                 const FootprintOptions& footprint) {
  CHEMSAFE_RETURN_IF_ERROR(CheckPlume(release, options));
  CHEMSAFE_RETURN_IF_ERROR(CheckThreshold(threshold_kg_m3, footprint));
  return Isopleth(PlumeLine(release, options, footprint.receptor_height_m), threshold_kg_m3, footprint);
}

Result<std::vector<IsoplethPoint>> PlumeIsopleth(const PlumeRelease& release,
                                                 const ToxicLoadThreshold& threshold,
                                                 const GaussianOptions& options,
                                                 const FootprintOptions& footprint) {
  CHEMSAFE_ASSIGN_OR_RETURN(double c, EquivalentConcentrationKgM3(threshold));
  return PlumeIsopleth(release, c, options, footprint);
}

Result<std::vector<IsoplethPoint>> PuffPeakIsopleth(const PuffRelease& release, double threshold_kg_m3,
                                                    const GaussianOptions& options,
                                                    const FootprintOptions& footprint) {
  CHEMSAFE_RETURN_IF_ERROR(CheckPuff(release, options));
  CHEMSAFE_RETURN_IF_ERROR(CheckThreshold(threshold_kg_m3, footprint));
  const double z_m = footprint.receptor_height_m;
  CentreLine line = [&](double x_m) -> Result<CentreLinePoint> {
    CHEMSAFE_ASSIGN_OR_RETURN(Sigmas s, DispersionSigmas(options.sigma_set, release.stability, x_m));
    return CentreLinePoint{
        GaussianPuffKgM3(release.mass_kg, release.release_height_m, s, 0.0, 0.0, z_m, options.ground), s.y_m};
  };
  return Isopleth(line, threshold_kg_m3, footprint);
}

Result<std::vector<IsoplethPoint>> PuffToxicLoadIsopleth(const PuffRelease& release, const ToxicLoad& load,
                                                         const GaussianOptions& options,
                                                         const FootprintOptions& footprint) {
  CHEMSAFE_RETURN_IF_ERROR(CheckPuff(release, options));
  CHEMSAFE_RETURN_IF_ERROR(CheckLoad(load));
  CHEMSAFE_RETURN_IF_ERROR(CheckThreshold(load.toxic_load, footprint));
  const double z_m = footprint.receptor_height_m;
  const double n = load.exponent_n;
  CentreLine line = [&](double x_m) -> Result<CentreLinePoint> {
    CHEMSAFE_ASSIGN_OR_RETURN(Sigmas s, DispersionSigmas(options.sigma_set, release.stability, x_m));
    const double peak =
        GaussianPuffKgM3(release.mass_kg, release.release_height_m, s, 0.0, 0.0, z_m, options.ground);
    const double passage_in_units =
        s.x_m * std::sqrt(2.0 * std::numbers::pi / n) / release.wind_speed_m_s / load.time_unit_s;
    return CentreLinePoint{std::pow(peak / load.concentration_unit_kg_m3, n) * passage_in_units,
                           s.y_m / std::sqrt(n)};
  };
  return Isopleth(line, load.toxic_load, footprint);
}

}  // namespace chemsafe::qra
