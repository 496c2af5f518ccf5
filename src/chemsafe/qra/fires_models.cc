#include "chemsafe/qra/fires_models.h"

#include <cmath>
#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "chemsafe/qra/fires.h"

namespace chemsafe::qra {
namespace {

using nlohmann::json;

// The value of a text input among `choices` (name, value); `fallback` when the key is absent.
template <typename E>
Result<E> Choice(const ModelInputs& in, std::string_view key, std::string fallback,
                 std::initializer_list<std::pair<std::string_view, E>> choices) {
  CHEMSAFE_ASSIGN_OR_RETURN(std::string text, in.TextOr(key, std::move(fallback)));
  std::string names;
  for (const auto& [name, value] : choices) {
    if (name == text) return value;
    names += names.empty() ? "" : ", ";
    names += name;
  }
  return BadInput(key, fmt::format("must be one of {} (is '{}')", names, text));
}

// A total (W or J) given directly under `total_key`, or as mass × specific energy under the two other
// keys; InvalidArgument naming the keys when both or neither are given.
Result<double> TotalOrProduct(const ModelInputs& in, std::string_view total_key, std::string_view mass_key,
                              std::string_view specific_key) {
  const bool total = in.Has(total_key);
  const bool product = in.Has(mass_key) || in.Has(specific_key);
  if (total == product) {
    return BadInput(total_key, fmt::format("give either {} or {} with {}", total_key, mass_key, specific_key));
  }
  if (total) return in.Positive(total_key);
  CHEMSAFE_ASSIGN_OR_RETURN(double mass, in.Positive(mass_key));
  CHEMSAFE_ASSIGN_OR_RETURN(double specific, in.Positive(specific_key));
  return mass * specific;
}

// Library errors name the parameter ("distance_m: ..."); the registry's errors name the input key.

// ---------------------------------------------------------------------------------------------------

Result<double> PoolBurningRate(const ModelInputs& in, double diameter_m, double ambient_temperature_k) {
  const int given = int{in.Has("burning_rate_kg_m2_s")} + int{in.Has("max_burning_rate_kg_m2_s")} +
                    int{in.Has("heat_of_vaporization_j_kg")};
  if (given != 1) {
    return BadInput("burning_rate_kg_m2_s",
                    "give exactly one of burning_rate_kg_m2_s, max_burning_rate_kg_m2_s (with k_beta_per_m) "
                    "or the Burgess estimate's heat_of_vaporization_j_kg, liquid_heat_capacity_j_kg_k, "
                    "boiling_point_k, heat_of_combustion_j_kg");
  }
  if (in.Has("burning_rate_kg_m2_s")) return in.Positive("burning_rate_kg_m2_s");
  BurningRateConstants constants;
  if (in.Has("max_burning_rate_kg_m2_s")) {
    CHEMSAFE_ASSIGN_OR_RETURN(constants.max_burning_rate_kg_m2_s, in.Positive("max_burning_rate_kg_m2_s"));
  } else {
    BurgessLiquid liquid;
    CHEMSAFE_ASSIGN_OR_RETURN(liquid.heat_of_vaporization_j_kg, in.Positive("heat_of_vaporization_j_kg"));
    CHEMSAFE_ASSIGN_OR_RETURN(liquid.liquid_heat_capacity_j_kg_k, in.Positive("liquid_heat_capacity_j_kg_k"));
    CHEMSAFE_ASSIGN_OR_RETURN(liquid.boiling_point_k, in.Positive("boiling_point_k"));
    CHEMSAFE_ASSIGN_OR_RETURN(liquid.heat_of_combustion_j_kg, in.Positive("heat_of_combustion_j_kg"));
    BurgessOptions options;
    options.ambient_temperature_k = ambient_temperature_k;
    CHEMSAFE_ASSIGN_OR_RETURN(constants.max_burning_rate_kg_m2_s,
                              AsInput(BurgessMaxBurningRateKgM2S(liquid, options)));
  }
  // Without k·beta the large-pool limit m'' = m_inf applies (pools larger than a few metres).
  if (!in.Has("k_beta_per_m")) return constants.max_burning_rate_kg_m2_s;
  CHEMSAFE_ASSIGN_OR_RETURN(constants.k_beta_per_m, in.Positive("k_beta_per_m"));
  return AsInput(BurningRateKgM2S(constants, diameter_m));
}

Result<json> EvaluatePoolFire(const ModelInputs& in) {
  CHEMSAFE_ASSIGN_OR_RETURN(double diameter_m, in.Positive("diameter_m"));
  const BurgessOptions burgess_defaults;
  CHEMSAFE_ASSIGN_OR_RETURN(double ambient_k,
                            in.NumberOr("ambient_temperature_k", burgess_defaults.ambient_temperature_k));
  CHEMSAFE_ASSIGN_OR_RETURN(double burning_rate, PoolBurningRate(in, diameter_m, ambient_k));
  PoolFireOptions options;
  CHEMSAFE_ASSIGN_OR_RETURN(options.flame.air_density_kg_m3,
                            in.NumberOr("air_density_kg_m3", options.flame.air_density_kg_m3));
  CHEMSAFE_ASSIGN_OR_RETURN(options.flame.gravity_m_s2, in.NumberOr("gravity_m_s2", options.flame.gravity_m_s2));
  CHEMSAFE_ASSIGN_OR_RETURN(options.sep.max_emissive_power_w_m2,
                            in.NumberOr("max_emissive_power_w_m2", options.sep.max_emissive_power_w_m2));
  CHEMSAFE_ASSIGN_OR_RETURN(options.sep.smoke_emissive_power_w_m2,
                            in.NumberOr("smoke_emissive_power_w_m2", options.sep.smoke_emissive_power_w_m2));
  CHEMSAFE_ASSIGN_OR_RETURN(options.sep.extinction_coefficient_per_m,
                            in.NumberOr("extinction_coefficient_per_m", options.sep.extinction_coefficient_per_m));
  CHEMSAFE_ASSIGN_OR_RETURN(
      options.view_factor,
      Choice<ViewFactorCombination>(in, "view_factor", "maximum",
                                    {{"maximum", ViewFactorCombination::kMaximum},
                                     {"vector_sum", ViewFactorCombination::kVectorSum}}));
  CHEMSAFE_ASSIGN_OR_RETURN(PoolFire fire, AsInput(SolidFlamePoolFire(diameter_m, burning_rate, options)));
  json out{{"burning_rate_kg_m2_s", fire.burning_rate_kg_m2_s},
           {"mass_rate_kg_s", fire.mass_rate_kg_s},
           {"flame_length_m", fire.flame_length_m},
           {"surface_emissive_power_w_m2", fire.surface_emissive_power_w_m2}};
  const bool humidity = in.Has("relative_humidity");
  if (humidity && in.Has("transmissivity")) {
    return BadInput("transmissivity", "give either transmissivity or relative_humidity, not both");
  }
  const bool at_distance = in.Has("distance_m");
  const bool to_flux = in.Has("target_flux_w_m2");
  if (!at_distance && !to_flux) {
    if (humidity) return BadInput("relative_humidity", "needs distance_m or target_flux_w_m2");
    return out;  // a stray transmissivity is then an unread key, named by the registry
  }
  // The transmissivity: fixed (default 1), or Pietersen's over the path from the flame's surface.
  double fixed_transmissivity = 1.0;
  double water_pa = 0;
  if (humidity) {
    CHEMSAFE_ASSIGN_OR_RETURN(double rh, in.Number("relative_humidity"));
    CHEMSAFE_ASSIGN_OR_RETURN(water_pa, AsInput(WaterPartialPressurePa(rh, ambient_k)));
  } else {
    CHEMSAFE_ASSIGN_OR_RETURN(fixed_transmissivity, in.NumberOr("transmissivity", 1.0));
  }
  auto transmissivity_at = [&](double distance_m) -> Result<double> {
    const double path_m = distance_m - diameter_m / 2.0;
    if (!humidity || !(path_m > 0)) return fixed_transmissivity;  // inside the flame: the flux call fails
    return PietersenTransmissivity(water_pa, path_m);
  };
  auto flux_at = [&](double distance_m) -> Result<PoolFireFlux> {
    CHEMSAFE_ASSIGN_OR_RETURN(double tau, transmissivity_at(distance_m));
    return PoolFireIncidentFlux(fire, distance_m, tau, options.view_factor);
  };
  if (at_distance) {
    CHEMSAFE_ASSIGN_OR_RETURN(double distance_m, in.Positive("distance_m"));
    CHEMSAFE_ASSIGN_OR_RETURN(PoolFireFlux flux, AsInput(flux_at(distance_m)));
    CHEMSAFE_ASSIGN_OR_RETURN(out["transmissivity"], AsInput(transmissivity_at(distance_m)));
    out["view_factor_vertical"] = flux.view_factors.vertical;
    out["view_factor_horizontal"] = flux.view_factors.horizontal;
    out["view_factor"] = flux.view_factor;
    out["incident_flux_w_m2"] = flux.incident_flux_w_m2;
  }
  if (to_flux) {
    CHEMSAFE_ASSIGN_OR_RETURN(double target, in.Positive("target_flux_w_m2"));
    auto flux_w_m2 = [&](double distance_m) -> Result<double> {
      CHEMSAFE_ASSIGN_OR_RETURN(PoolFireFlux flux, flux_at(distance_m));
      return flux.incident_flux_w_m2;
    };
    // From just outside the flame's surface (the view factor is singular on it).
    CHEMSAFE_ASSIGN_OR_RETURN(out["distance_to_target_flux_m"],
                              AsInput(DistanceToFluxM(flux_w_m2, diameter_m / 2.0 * (1.0 + 1e-9), target)));
  }
  return out;
}

Result<json> EvaluatePointSource(const ModelInputs& in) {
  CHEMSAFE_ASSIGN_OR_RETURN(double mass_rate, in.Positive("mass_rate_kg_s"));
  CHEMSAFE_ASSIGN_OR_RETURN(double hc, in.Positive("heat_of_combustion_j_kg"));
  CHEMSAFE_ASSIGN_OR_RETURN(double fraction, in.Number("radiant_fraction"));
  CHEMSAFE_ASSIGN_OR_RETURN(double distance_m, in.Positive("distance_m"));
  CHEMSAFE_ASSIGN_OR_RETURN(double transmissivity, in.NumberOr("transmissivity", 1.0));
  CHEMSAFE_ASSIGN_OR_RETURN(double power, AsInput(RadiatedPowerW(mass_rate, hc, fraction)));
  CHEMSAFE_ASSIGN_OR_RETURN(double flux, AsInput(PointSourceFluxWm2(power, distance_m, transmissivity)));
  return json{{"radiated_power_w", power}, {"incident_flux_w_m2", flux}};
}

Result<json> EvaluateJetFire(const ModelInputs& in) {
  CHEMSAFE_ASSIGN_OR_RETURN(double heat_release,
                            TotalOrProduct(in, "heat_release_w", "mass_rate_kg_s", "heat_of_combustion_j_kg"));
  CHEMSAFE_ASSIGN_OR_RETURN(double fraction, in.Number("radiant_fraction"));
  CHEMSAFE_ASSIGN_OR_RETURN(double transmissivity, in.NumberOr("transmissivity", 1.0));
  if (!in.Has("distance_m") && !in.Has("target_flux_w_m2")) {
    return BadInput("distance_m", "give distance_m, target_flux_w_m2 or both");
  }
  // RadiatedPowerW with a unit specific energy: the heat release is already m·Hc.
  CHEMSAFE_ASSIGN_OR_RETURN(double power, AsInput(RadiatedPowerW(heat_release, 1.0, fraction)));
  json out{{"heat_release_w", heat_release}, {"radiated_power_w", power}};
  if (in.Has("distance_m")) {
    CHEMSAFE_ASSIGN_OR_RETURN(double distance_m, in.Positive("distance_m"));
    CHEMSAFE_ASSIGN_OR_RETURN(out["incident_flux_w_m2"],
                              AsInput(PointSourceFluxWm2(power, distance_m, transmissivity)));
  }
  if (in.Has("target_flux_w_m2")) {
    CHEMSAFE_ASSIGN_OR_RETURN(double target, in.Positive("target_flux_w_m2"));
    CHEMSAFE_ASSIGN_OR_RETURN(out["distance_to_target_flux_m"],
                              AsInput(PointSourceDistanceM(heat_release, fraction, target, transmissivity)));
  }
  return out;
}

Result<json> EvaluateFireball(const ModelInputs& in) {
  CHEMSAFE_ASSIGN_OR_RETURN(double mass_kg, in.Positive("mass_kg"));
  CHEMSAFE_ASSIGN_OR_RETURN(FireballCorrelation correlation,
                            Choice<FireballCorrelation>(in, "method", "ccps",
                                                        {{"ccps", FireballCorrelation::kCcps},
                                                         {"tno", FireballCorrelation::kTno}}));
  FireballOptions options;
  if (correlation == FireballCorrelation::kTno) {
    CHEMSAFE_ASSIGN_OR_RETURN(options.tno_height_in_diameters,
                              in.NumberOr("tno_height_in_diameters", options.tno_height_in_diameters));
  }
  CHEMSAFE_ASSIGN_OR_RETURN(FireballGeometry g, AsInput(Fireball(mass_kg, correlation, options)));
  FireballSepOptions sep_options;
  CHEMSAFE_ASSIGN_OR_RETURN(sep_options.model,
                            Choice<FireballSepModel>(in, "sep_model", "constant",
                                                     {{"constant", FireballSepModel::kConstant},
                                                      {"radiant_fraction", FireballSepModel::kRadiantFraction}}));
  double hc = 0;
  if (sep_options.model == FireballSepModel::kConstant) {
    CHEMSAFE_ASSIGN_OR_RETURN(sep_options.constant_w_m2, in.NumberOr("sep_w_m2", sep_options.constant_w_m2));
  } else {
    CHEMSAFE_ASSIGN_OR_RETURN(sep_options.radiant_fraction,
                              in.NumberOr("radiant_fraction", sep_options.radiant_fraction));
    CHEMSAFE_ASSIGN_OR_RETURN(hc, in.Positive("heat_of_combustion_j_kg"));
  }
  CHEMSAFE_ASSIGN_OR_RETURN(double sep, AsInput(FireballSepWm2(g, mass_kg, hc, sep_options)));
  json out{{"diameter_m", g.diameter_m},
           {"duration_s", g.duration_s},
           {"height_m", g.height_m},
           {"surface_emissive_power_w_m2", sep}};
  if (!in.Has("ground_distance_m") && !in.Has("target_flux_w_m2")) return out;
  CHEMSAFE_ASSIGN_OR_RETURN(double transmissivity, in.NumberOr("transmissivity", 1.0));
  if (in.Has("ground_distance_m")) {
    CHEMSAFE_ASSIGN_OR_RETURN(double x_m, in.Number("ground_distance_m"));
    CHEMSAFE_ASSIGN_OR_RETURN(out["view_factor"], AsInput(SphereViewFactor(g.diameter_m, std::hypot(g.height_m, x_m))));
    CHEMSAFE_ASSIGN_OR_RETURN(out["incident_flux_w_m2"], AsInput(FireballFluxWm2(g, sep, x_m, transmissivity)));
  }
  if (in.Has("target_flux_w_m2")) {
    CHEMSAFE_ASSIGN_OR_RETURN(double target, in.Positive("target_flux_w_m2"));
    auto flux_w_m2 = [&](double x_m) { return FireballFluxWm2(g, sep, x_m, transmissivity); };
    CHEMSAFE_ASSIGN_OR_RETURN(out["distance_to_target_flux_m"], AsInput(DistanceToFluxM(flux_w_m2, 0.0, target)));
  }
  return out;
}

Result<json> EvaluateFlashFire(const ModelInputs& in) {
  const json& raw = in.Raw("lfl_contour");
  if (!raw.is_array()) return BadInput("lfl_contour", "required, an array of {x_m, half_width_m}");
  std::vector<IsoplethSample> contour;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    const json& sample = raw[i];
    const bool well_formed = sample.is_object() && sample.size() == 2 && sample.contains("x_m") &&
                             sample.contains("half_width_m") && sample["x_m"].is_number() &&
                             sample["half_width_m"].is_number();
    if (!well_formed) {
      return BadInput(fmt::format("lfl_contour[{}]", i), "must be {\"x_m\": number, \"half_width_m\": number}");
    }
    contour.push_back({sample["x_m"].get<double>(), sample["half_width_m"].get<double>()});
  }
  CHEMSAFE_ASSIGN_OR_RETURN(double x_m, in.Number("x_m"));
  CHEMSAFE_ASSIGN_OR_RETURN(double y_m, in.Number("y_m"));
  CHEMSAFE_ASSIGN_OR_RETURN(Exposure exposure, Choice<Exposure>(in, "exposure", "outdoors",
                                                                {{"outdoors", Exposure::kOutdoors},
                                                                 {"indoors", Exposure::kIndoors}}));
  CHEMSAFE_ASSIGN_OR_RETURN(double lethality, AsInput(FlashFireLethality(contour, x_m, y_m, exposure)));
  CHEMSAFE_ASSIGN_OR_RETURN(double area, AsInput(IsoplethAreaM2(contour)));
  return json{{"lethality", lethality}, {"footprint_area_m2", area}};
}

// ---------------------------------------------------------------------------------------------------

Result<json> EvaluateTntEquivalent(const ModelInputs& in) {
  CHEMSAFE_ASSIGN_OR_RETURN(double fuel_kg, in.Positive("fuel_mass_kg"));
  CHEMSAFE_ASSIGN_OR_RETURN(double hc, in.Positive("heat_of_combustion_j_kg"));
  TntEquivalence eq;
  CHEMSAFE_ASSIGN_OR_RETURN(eq.yield, in.Number("yield"));
  CHEMSAFE_ASSIGN_OR_RETURN(eq.tnt_blast_energy_j_kg, in.Positive("tnt_energy_j_kg"));
  CHEMSAFE_ASSIGN_OR_RETURN(double tnt_kg, AsInput(TntEquivalentMassKg(fuel_kg, hc, eq)));
  json out{{"tnt_mass_kg", tnt_kg}};
  if (in.Has("distance_m")) {
    CHEMSAFE_ASSIGN_OR_RETURN(double distance_m, in.Positive("distance_m"));
    CHEMSAFE_ASSIGN_OR_RETURN(out["scaled_distance_m_kg13"], AsInput(ScaledDistanceMKg13(distance_m, tnt_kg)));
  }
  return out;
}

enum class TntCurve { kKingeryBulmash, kCrowlLouvar };

Result<json> EvaluateTntBlast(const ModelInputs& in) {
  CHEMSAFE_ASSIGN_OR_RETURN(double tnt_kg, in.Positive("tnt_mass_kg"));
  CHEMSAFE_ASSIGN_OR_RETURN(double distance_m, in.Positive("distance_m"));
  CHEMSAFE_ASSIGN_OR_RETURN(TntCurve curve, Choice<TntCurve>(in, "curve", "kingery_bulmash",
                                                             {{"kingery_bulmash", TntCurve::kKingeryBulmash},
                                                              {"crowl_louvar", TntCurve::kCrowlLouvar}}));
  CHEMSAFE_ASSIGN_OR_RETURN(double z, AsInput(ScaledDistanceMKg13(distance_m, tnt_kg)));
  json out{{"scaled_distance_m_kg13", z}};
  if (curve == TntCurve::kCrowlLouvar) {
    CHEMSAFE_ASSIGN_OR_RETURN(double p0, in.NumberOr("ambient_pressure_pa", kStandardAtmosphereSeaLevelPa));
    if (!(p0 > 0)) return BadInput("ambient_pressure_pa", "must be greater than 0");
    CHEMSAFE_ASSIGN_OR_RETURN(double ratio, AsInput(CrowlLouvarScaledOverpressure(z)));
    out["scaled_overpressure"] = ratio;
    out["overpressure_pa"] = ratio * p0;
    return out;
  }
  CHEMSAFE_ASSIGN_OR_RETURN(out["overpressure_pa"], AsInput(KingeryBulmashOverpressurePa(z)));
  // The impulse fit ends at Z = 158.7, before the overpressure fit: then no impulse is given.
  if (auto scaled = KingeryBulmashScaledImpulsePaSKg13(z); scaled.ok()) {
    out["impulse_pa_s"] = *scaled * std::cbrt(tnt_kg);
  }
  return out;
}

Result<json> EvaluateBstBlast(const BstCurves& curves, const ModelInputs& in) {
  CHEMSAFE_ASSIGN_OR_RETURN(double combustion_j,
                            TotalOrProduct(in, "combustion_energy_j", "fuel_mass_kg", "heat_of_combustion_j_kg"));
  CHEMSAFE_ASSIGN_OR_RETURN(double mf, in.Positive("flame_mach_number"));
  CHEMSAFE_ASSIGN_OR_RETURN(double distance_m, in.Positive("distance_m"));
  BlastEnergyOptions options;
  CHEMSAFE_ASSIGN_OR_RETURN(options.ground_reflection_factor,
                            in.NumberOr("ground_reflection_factor", options.ground_reflection_factor));
  CHEMSAFE_ASSIGN_OR_RETURN(options.ambient_pressure_pa,
                            in.NumberOr("ambient_pressure_pa", options.ambient_pressure_pa));
  CHEMSAFE_ASSIGN_OR_RETURN(double energy_j, AsInput(BlastEnergyJ(combustion_j, options)));
  CHEMSAFE_ASSIGN_OR_RETURN(double r, AsInput(EnergyScaledDistance(distance_m, energy_j, options.ambient_pressure_pa)));
  CHEMSAFE_ASSIGN_OR_RETURN(double p, AsInput(BstScaledOverpressure(curves, mf, r)));
  return json{{"blast_energy_j", energy_j},
              {"scaled_distance", r},
              {"scaled_overpressure", p},
              {"overpressure_pa", p * options.ambient_pressure_pa}};
}

}  // namespace

Status RegisterFiresModels(ModelRegistry& registry, const BstCurves* bst_curves) {
  std::vector<ModelEntry> entries{
      {"pool_fire",
       "solid-flame pool fire: diameter_m; burning_rate_kg_m2_s | max_burning_rate_kg_m2_s | Burgess "
       "(heat_of_vaporization_j_kg, liquid_heat_capacity_j_kg_k, boiling_point_k, heat_of_combustion_j_kg), "
       "k_beta_per_m (Burgess-Zabetakis); Thomas flame length; Mudan SEP; Mudan view factors; optional "
       "distance_m and/or target_flux_w_m2 (distance_to_target_flux_m), with transmissivity or relative_humidity "
       "(Pietersen); CCPS 1999 ch. 3",
       EvaluatePoolFire},
      {"point_source_radiation",
       "point source q = tau chi_r m Hc/(4 pi r^2): mass_rate_kg_s, heat_of_combustion_j_kg, radiant_fraction, "
       "distance_m, transmissivity (default 1); CCPS 1999 ch. 3",
       EvaluatePointSource},
      {"jet_fire",
       "point-source jet fire: heat_release_w | mass_rate_kg_s and heat_of_combustion_j_kg, radiant_fraction, "
       "transmissivity (default 1), distance_m and/or target_flux_w_m2 (API 521 distance)",
       EvaluateJetFire},
      {"fireball",
       "BLEVE fireball: mass_kg, method ccps (Roberts 1982, default) | tno (Yellow Book); sep_model constant "
       "(sep_w_m2, default 350 kW/m2) | radiant_fraction (default 0.3, heat_of_combustion_j_kg); optional "
       "ground_distance_m and/or target_flux_w_m2 (distance_to_target_flux_m), transmissivity (default 1)",
       EvaluateFireball},
      {"flash_fire",
       "flash fire lethality (Purple Book CPR 18E ch. 5): lfl_contour [{x_m, half_width_m}, ...] from the "
       "caller's dispersion, x_m, y_m, exposure outdoors (default) | indoors -> lethality, footprint_area_m2",
       EvaluateFlashFire},
      {"tnt_equivalent",
       "TNT equivalent mass eta m dHc/E_TNT: fuel_mass_kg, heat_of_combustion_j_kg, yield, tnt_energy_j_kg; "
       "optional distance_m gives the scaled distance",
       EvaluateTntEquivalent},
      {"tnt_blast",
       "TNT blast: tnt_mass_kg, distance_m, curve kingery_bulmash (hemispherical, Swisdak 1994 polynomials per "
       "UFC 3-340-02; default) | crowl_louvar (ambient_pressure_pa, default 101325)",
       EvaluateTntBlast},
  };
  if (bst_curves != nullptr) {
    entries.push_back({"bst_blast",
                       "Baker-Strehlow-Tang (CCPS CPQRA 2000 curves): combustion_energy_j | fuel_mass_kg and "
                       "heat_of_combustion_j_kg, flame_mach_number, distance_m, ground_reflection_factor "
                       "(default 2), ambient_pressure_pa (default 101325)",
                       [curves = *bst_curves](const ModelInputs& in) { return EvaluateBstBlast(curves, in); }});
  }
  for (ModelEntry& entry : entries) CHEMSAFE_RETURN_IF_ERROR(registry.Add(std::move(entry)));
  return Status::Ok();
}

}  // namespace chemsafe::qra
