#include "chemsafe/qra/dispersion_models.h"

#include <cmath>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "chemsafe/qra/dense_gas.h"
#include "chemsafe/qra/dispersion.h"
#include "chemsafe/qra/sigmas.h"

namespace chemsafe::qra {
namespace {

using nlohmann::json;


// A parser's error (which names no key) under `key`.
template <typename T>
Result<T> Under(std::string_view key, Result<T> parsed) {
  if (parsed.ok()) return parsed;
  return BadInput(key, parsed.status().message());
}

// A positive number, or `fallback` (a documented default) when the key is absent.
Result<double> PositiveOr(const ModelInputs& in, std::string_view key, double fallback) {
  if (!in.Has(key)) return fallback;
  return in.Positive(key);
}

Result<StabilityClass> Stability(const ModelInputs& in) {
  CHEMSAFE_ASSIGN_OR_RETURN(std::string letter, in.Text("stability"));
  return Under("stability", ParseStabilityClass(letter));
}

Result<GaussianOptions> Options(const ModelInputs& in, std::string default_set) {
  GaussianOptions o;
  CHEMSAFE_ASSIGN_OR_RETURN(std::string set, in.TextOr("sigma_set", std::move(default_set)));
  CHEMSAFE_ASSIGN_OR_RETURN(o.sigma_set, Under("sigma_set", ParseSigmaSet(set)));
  CHEMSAFE_ASSIGN_OR_RETURN(std::string ground, in.TextOr("ground_reflection", "total"));
  if (ground == "none") {
    o.ground = GroundReflection::kNone;
  } else if (ground != "total") {
    return BadInput("ground_reflection", fmt::format("must be one of total, none (is '{}')", ground));
  }
  if (in.Has("averaging_time_s")) {
    CHEMSAFE_ASSIGN_OR_RETURN(double t, in.Positive("averaging_time_s"));
    o.averaging = AveragingTimeCorrection{.averaging_time_s = t};
  }
  return o;
}

// The keys plume and puff releases share, after the amount under `amount_key`.
template <typename Release>
Result<Release> ReadRelease(const ModelInputs& in, std::string_view amount_key, double Release::*amount) {
  Release r;
  CHEMSAFE_ASSIGN_OR_RETURN(r.*amount, in.Positive(amount_key));
  CHEMSAFE_ASSIGN_OR_RETURN(r.wind_speed_m_s, in.Positive("wind_speed_m_s"));
  CHEMSAFE_ASSIGN_OR_RETURN(r.release_height_m, in.NumberOr("release_height_m", 0.0));
  CHEMSAFE_ASSIGN_OR_RETURN(r.stability, Stability(in));
  return r;
}

Result<PlumeRelease> ReadPlume(const ModelInputs& in) {
  return ReadRelease(in, "release_rate_kg_s", &PlumeRelease::release_rate_kg_s);
}

Result<Receptor> ReadReceptor(const ModelInputs& in) {
  Receptor at;
  CHEMSAFE_ASSIGN_OR_RETURN(at.x_m, in.Number("x_m"));
  CHEMSAFE_ASSIGN_OR_RETURN(at.y_m, in.NumberOr("y_m", 0.0));
  CHEMSAFE_ASSIGN_OR_RETURN(at.z_m, in.NumberOr("z_m", 0.0));
  return at;
}

Result<json> GaussianPlume(const ModelInputs& in) {
  CHEMSAFE_ASSIGN_OR_RETURN(PlumeRelease release, ReadPlume(in));
  CHEMSAFE_ASSIGN_OR_RETURN(GaussianOptions options, Options(in, "briggs_rural"));
  CHEMSAFE_ASSIGN_OR_RETURN(Receptor at, ReadReceptor(in));
  CHEMSAFE_ASSIGN_OR_RETURN(double c, AsInput(GaussianPlumeConcentrationKgM3(release, at, options)));
  json out{{"concentration_kg_m3", c}};
  if (at.x_m > 0) {
    CHEMSAFE_ASSIGN_OR_RETURN(Sigmas s, AsInput(PlumeSigmas(release.stability, at.x_m, options)));
    out["sigma_y_m"] = s.y_m;
    out["sigma_z_m"] = s.z_m;
  }
  return out;
}

Result<json> GaussianPuff(const ModelInputs& in) {
  CHEMSAFE_ASSIGN_OR_RETURN(PuffRelease release, ReadRelease(in, "mass_kg", &PuffRelease::mass_kg));
  CHEMSAFE_ASSIGN_OR_RETURN(GaussianOptions options, Options(in, "ccps_puff"));
  CHEMSAFE_ASSIGN_OR_RETURN(Receptor at, ReadReceptor(in));
  CHEMSAFE_ASSIGN_OR_RETURN(double t, in.Number("time_s"));
  CHEMSAFE_ASSIGN_OR_RETURN(double c, AsInput(GaussianPuffConcentrationKgM3(release, at, t, options)));
  return json{{"concentration_kg_m3", c}, {"centre_x_m", release.wind_speed_m_s * t}};
}

// Either threshold_kg_m3 or toxic_load (with its keys); InvalidArgument naming the keys otherwise.
Result<bool> ByToxicLoad(const ModelInputs& in, std::string_view load_keys) {
  if (in.Has("threshold_kg_m3") == in.Has("toxic_load")) {
    return BadInput("threshold_kg_m3", fmt::format("give either threshold_kg_m3 or {}", load_keys));
  }
  return in.Has("toxic_load");
}

// toxic_load, toxic_load_exponent_n, toxic_load_concentration_unit_kg_m3 and toxic_load_time_unit_s
// (both default 1: SI).
Result<ToxicLoad> ReadLoad(const ModelInputs& in) {
  ToxicLoad load;
  CHEMSAFE_ASSIGN_OR_RETURN(load.toxic_load, in.Positive("toxic_load"));
  CHEMSAFE_ASSIGN_OR_RETURN(load.exponent_n, in.Positive("toxic_load_exponent_n"));
  CHEMSAFE_ASSIGN_OR_RETURN(load.concentration_unit_kg_m3,
                            PositiveOr(in, "toxic_load_concentration_unit_kg_m3", 1.0));
  CHEMSAFE_ASSIGN_OR_RETURN(load.time_unit_s, PositiveOr(in, "toxic_load_time_unit_s", 1.0));
  return load;
}

Result<FootprintOptions> ReadFootprint(const ModelInputs& in) {
  FootprintOptions f;
  CHEMSAFE_ASSIGN_OR_RETURN(f.receptor_height_m, in.NumberOr("receptor_height_m", 0.0));
  CHEMSAFE_ASSIGN_OR_RETURN(double samples, in.NumberOr("samples", 50.0));
  if (!(samples >= 2 && samples <= 10000 && samples == static_cast<double>(static_cast<int>(samples)))) {
    return BadInput("samples", fmt::format("must be a whole number from 2 to 10000 (is {})", samples));
  }
  f.samples = static_cast<int>(samples);
  return f;
}

// distance_m (the far end; null when the threshold is not reached) and the isopleth as two arrays.
json IsoplethOutputs(const std::vector<IsoplethPoint>& iso) {
  json xs = json::array(), ws = json::array();
  for (const IsoplethPoint& p : iso) {
    xs.push_back(p.x_m);
    ws.push_back(p.half_width_m);
  }
  return json{{"distance_m", iso.empty() ? json(nullptr) : json(iso.back().x_m)},
              {"isopleth_x_m", std::move(xs)},
              {"isopleth_half_width_m", std::move(ws)}};
}

Result<json> PlumeFootprint(const ModelInputs& in) {
  CHEMSAFE_ASSIGN_OR_RETURN(PlumeRelease release, ReadPlume(in));
  CHEMSAFE_ASSIGN_OR_RETURN(GaussianOptions options, Options(in, "briggs_rural"));
  CHEMSAFE_ASSIGN_OR_RETURN(bool by_load,
                            ByToxicLoad(in, "toxic_load with toxic_load_exponent_n and exposure_time_s"));
  double threshold = 0;
  if (by_load) {
    ToxicLoadThreshold t;
    CHEMSAFE_ASSIGN_OR_RETURN(t.load, ReadLoad(in));
    CHEMSAFE_ASSIGN_OR_RETURN(t.exposure_time_s, in.Positive("exposure_time_s"));
    CHEMSAFE_ASSIGN_OR_RETURN(threshold, AsInput(EquivalentConcentrationKgM3(t)));
  } else {
    CHEMSAFE_ASSIGN_OR_RETURN(threshold, in.Positive("threshold_kg_m3"));
  }
  CHEMSAFE_ASSIGN_OR_RETURN(FootprintOptions f, ReadFootprint(in));
  CHEMSAFE_ASSIGN_OR_RETURN(std::vector<IsoplethPoint> iso,
                            AsInput(PlumeIsopleth(release, threshold, options, f)));
  return IsoplethOutputs(iso);
}

Result<json> PuffFootprint(const ModelInputs& in) {
  CHEMSAFE_ASSIGN_OR_RETURN(PuffRelease release, ReadRelease(in, "mass_kg", &PuffRelease::mass_kg));
  CHEMSAFE_ASSIGN_OR_RETURN(GaussianOptions options, Options(in, "ccps_puff"));
  CHEMSAFE_ASSIGN_OR_RETURN(bool by_load, ByToxicLoad(in, "toxic_load with toxic_load_exponent_n"));
  std::optional<ToxicLoad> load;
  double threshold = 0;
  if (by_load) {
    CHEMSAFE_ASSIGN_OR_RETURN(load, ReadLoad(in));
  } else {
    CHEMSAFE_ASSIGN_OR_RETURN(threshold, in.Positive("threshold_kg_m3"));
  }
  CHEMSAFE_ASSIGN_OR_RETURN(FootprintOptions f, ReadFootprint(in));
  CHEMSAFE_ASSIGN_OR_RETURN(std::vector<IsoplethPoint> iso,
                            AsInput(load ? PuffToxicLoadIsopleth(release, *load, options, f)
                                         : PuffPeakIsopleth(release, threshold, options, f)));
  return IsoplethOutputs(iso);
}

Result<json> WindProfile(const ModelInputs& in) {
  CHEMSAFE_ASSIGN_OR_RETURN(double u_ref, in.Positive("reference_speed_m_s"));
  CHEMSAFE_ASSIGN_OR_RETURN(double z_ref, in.NumberOr("reference_height_m", 10.0));
  CHEMSAFE_ASSIGN_OR_RETURN(double z, in.Positive("height_m"));
  CHEMSAFE_ASSIGN_OR_RETURN(StabilityClass stability, Stability(in));
  CHEMSAFE_ASSIGN_OR_RETURN(std::string profile, in.TextOr("profile", "power_law"));
  if (profile == "tno_log") {
    LogWindProfileOptions o;
    CHEMSAFE_ASSIGN_OR_RETURN(o.roughness_length_m, in.NumberOr("roughness_length_m", o.roughness_length_m));
    CHEMSAFE_ASSIGN_OR_RETURN(double u, AsInput(TnoLogWindSpeedMS(u_ref, z_ref, z, stability, o)));
    CHEMSAFE_ASSIGN_OR_RETURN(double length_m, AsInput(MoninObukhovLengthM(stability, o.roughness_length_m)));
    json out{{"wind_speed_m_s", u}};
    out["monin_obukhov_length_m"] = std::isinf(length_m) ? json(nullptr) : json(length_m);  // D: infinite
    return out;
  }
  if (profile != "power_law") {
    return BadInput("profile", fmt::format("must be one of power_law, tno_log (is '{}')", profile));
  }
  CHEMSAFE_ASSIGN_OR_RETURN(std::string name, in.TextOr("exponent_set", "rural"));
  CHEMSAFE_ASSIGN_OR_RETURN(WindExponentSet set, Under("exponent_set", ParseWindExponentSet(name)));
  CHEMSAFE_ASSIGN_OR_RETURN(double u, AsInput(PowerLawWindSpeedMS(u_ref, z_ref, z, stability, set)));
  return json{{"wind_speed_m_s", u}, {"exponent", WindProfileExponent(set, stability)}};
}

Result<DenseGasAmbient> ReadAmbient(const ModelInputs& in) {
  DenseGasAmbient a;
  CHEMSAFE_ASSIGN_OR_RETURN(a.wind_speed_10m_m_s, in.Positive("wind_speed_10m_m_s"));
  CHEMSAFE_ASSIGN_OR_RETURN(a.air_density_kg_m3, in.Positive("air_density_kg_m3"));
  CHEMSAFE_ASSIGN_OR_RETURN(a.air_temperature_k, in.Positive("air_temperature_k"));
  return a;
}

std::string_view RegionName(DenseGasRegion region) {
  switch (region) {
    case DenseGasRegion::kNearField:
      return "near_field";
    case DenseGasRegion::kCorrelation:
      return "correlation";
    case DenseGasRegion::kFarField:
      return "far_field";
  }
  return "";
}

// The release-specific calls of the dense_gas model.
struct DenseGasCalls {
  std::string passive_model;
  std::function<Result<RegimeChoice>()> choose;
  std::function<Result<DenseGasPoint>(double x_m)> at;
  std::function<Result<std::optional<double>>(double threshold)> distance;
};

Result<json> DenseGasOutputs(const ModelInputs& in, const DenseGasCalls& calls) {
  CHEMSAFE_ASSIGN_OR_RETURN(double x, in.Number("x_m"));
  std::optional<double> threshold;
  if (in.Has("threshold_kg_m3")) {
    CHEMSAFE_ASSIGN_OR_RETURN(threshold, in.Positive("threshold_kg_m3"));
  }
  CHEMSAFE_ASSIGN_OR_RETURN(RegimeChoice choice, AsInput(calls.choose()));
  const bool dense = choice.regime == DispersionRegime::kDense;
  json out{{"regime", dense ? "dense" : "passive"},
           {"criterion", choice.criterion},
           {"criterion_threshold", choice.threshold},
           {"recommended_model", dense ? std::string("dense_gas") : calls.passive_model}};
  if (!dense) return out;
  CHEMSAFE_ASSIGN_OR_RETURN(DenseGasPoint p, AsInput(calls.at(x)));
  out["concentration_kg_m3"] = p.concentration_kg_m3;
  out["concentration_ratio"] = p.concentration_ratio;
  out["alpha"] = p.alpha;
  out["dimensionless_distance"] = p.dimensionless_distance;
  out["region"] = RegionName(p.region);
  if (threshold) {
    CHEMSAFE_ASSIGN_OR_RETURN(std::optional<double> d, AsInput(calls.distance(*threshold)));
    out["distance_to_threshold_m"] = d ? json(*d) : json(nullptr);
  }
  return out;
}

Result<json> DenseGas(const ModelInputs& in) {
  CHEMSAFE_ASSIGN_OR_RETURN(std::string kind, in.Text("release"));
  if (kind != "continuous" && kind != "instantaneous") {
    return BadInput("release", fmt::format("must be one of continuous, instantaneous (is '{}')", kind));
  }
  const bool continuous = kind == "continuous";
  CHEMSAFE_ASSIGN_OR_RETURN(double mass, in.Positive(continuous ? "mass_rate_kg_s" : "mass_kg"));
  CHEMSAFE_ASSIGN_OR_RETURN(double volume, in.Positive(continuous ? "volume_rate_m3_s" : "volume_m3"));
  CHEMSAFE_ASSIGN_OR_RETURN(double density, in.Positive("release_density_kg_m3"));
  CHEMSAFE_ASSIGN_OR_RETURN(double temperature, in.Positive("release_temperature_k"));
  CHEMSAFE_ASSIGN_OR_RETURN(DenseGasAmbient ambient, ReadAmbient(in));
  DenseGasOptions options;
  CHEMSAFE_ASSIGN_OR_RETURN(options.gravity_m_s2, in.NumberOr("gravity_m_s2", options.gravity_m_s2));
  if (continuous) {
    const ContinuousDenseRelease r{mass, volume, density, temperature};
    return DenseGasOutputs(
        in, {"gaussian_plume", [&] { return ChooseContinuousRegime(r, ambient, options); },
             [&](double x) { return BritterMcQuaidContinuous(r, ambient, x, options); },
             [&](double t) { return BritterMcQuaidContinuousDistanceM(r, ambient, t, options); }});
  }
  const InstantaneousDenseRelease r{mass, volume, density, temperature};
  return DenseGasOutputs(
      in, {"gaussian_puff", [&] { return ChooseInstantaneousRegime(r, ambient, options); },
           [&](double x) { return BritterMcQuaidInstantaneous(r, ambient, x, options); },
           [&](double t) { return BritterMcQuaidInstantaneousDistanceM(r, ambient, t, options); }});
}

}  // namespace

Status RegisterDispersionModels(ModelRegistry& registry) {
  CHEMSAFE_RETURN_IF_ERROR(registry.Add(
      {"gaussian_plume",
       "Gaussian plume from a point source with ground reflection (CCPS 1999): release_rate_kg_s, "
       "wind_speed_m_s, stability, release_height_m, sigma_set, x_m, y_m, z_m -> concentration_kg_m3",
       GaussianPlume}));
  CHEMSAFE_RETURN_IF_ERROR(registry.Add(
      {"gaussian_puff",
       "Gaussian puff, centre at x = u t (CCPS 1999): mass_kg, wind_speed_m_s, stability, release_height_m, "
       "sigma_set, x_m, y_m, z_m, time_s -> concentration_kg_m3",
       GaussianPuff}));
  CHEMSAFE_RETURN_IF_ERROR(registry.Add(
      {"plume_footprint",
       "Gaussian plume isopleth for a concentration or a toxic load: the gaussian_plume release keys, "
       "threshold_kg_m3 or toxic_load, toxic_load_exponent_n, exposure_time_s -> "
       "distance_m, isopleth_x_m, isopleth_half_width_m",
       PlumeFootprint}));
  CHEMSAFE_RETURN_IF_ERROR(registry.Add(
      {"puff_footprint",
       "Gaussian puff isopleth of the peak concentration or of the toxic load of the passage: the "
       "gaussian_puff release keys, threshold_kg_m3 or toxic_load, toxic_load_exponent_n -> distance_m, "
       "isopleth_x_m, isopleth_half_width_m",
       PuffFootprint}));
  CHEMSAFE_RETURN_IF_ERROR(
      registry.Add({"wind_profile",
                    "Wind profile, power law (Irwin 1979; CCPS 1999; ISC3) or TNO log (CPR 14E eq. 4.32): "
                    "reference_speed_m_s, reference_height_m, height_m, stability, profile, exponent_set or "
                    "roughness_length_m -> wind_speed_m_s",
                    WindProfile}));
  return registry.Add(
      {"dense_gas",
       "Britter-McQuaid (1988) dense gas and the dense-or-passive choice: release, mass_rate_kg_s/mass_kg, "
       "volume_rate_m3_s/volume_m3, release_density_kg_m3, release_temperature_k, wind_speed_10m_m_s, "
       "air_density_kg_m3, air_temperature_k, x_m -> regime, concentration_kg_m3",
       DenseGas});
}

}  // namespace chemsafe::qra
