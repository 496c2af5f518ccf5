#include "chemsafe/qra/source_models.h"

#include <initializer_list>
#include <memory>
#include <optional>
#include <string>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "chemsafe/qra/source_terms.h"

namespace chemsafe::qra {
namespace {

using nlohmann::json;


// The index of the one key of `keys` that is given; InvalidArgument naming the first key when none or
// several are.
Result<std::size_t> ExactlyOne(const ModelInputs& in, std::initializer_list<std::string_view> keys) {
  std::optional<std::size_t> given;
  bool several = false;
  std::size_t i = 0;
  for (std::string_view key : keys) {
    if (in.Has(key)) {
      several = several || given.has_value();
      given = i;
    }
    ++i;
  }
  if (!given || several) {
    std::string names;
    i = 0;
    for (std::string_view key : keys) {
      names += i == 0 ? "" : (i + 1 == keys.size() ? " or " : ", ");
      names += key;
      ++i;
    }
    return BadInput(*keys.begin(), "give exactly one of " + names);
  }
  return *given;
}

// inputs.substance looked up in the table; nullptr when the key is absent.
Result<const Substance*> SubstanceOf(const ModelInputs& in, const SubstanceTable* table) {
  if (!in.Has("substance")) return static_cast<const Substance*>(nullptr);
  CHEMSAFE_ASSIGN_OR_RETURN(std::string key, in.Text("substance"));
  if (table == nullptr) return BadInput("substance", "no substance table is loaded: give the properties instead");
  auto found = table->Lookup(key);
  if (!found.ok())
    return BadInput("substance", fmt::format("\"{}\" is neither a name nor a CAS number of the table", key));
  return *found;
}

// A positive property from its key, or from the substance when one is given (the key must then be
// absent); what comes from the table is recorded in `taken` (outputs under the same key).
Result<double> Property(const ModelInputs& in, std::string_view key, const Substance* substance,
                        std::optional<double> from_table, json& taken) {
  if (substance == nullptr) return in.Positive(key);
  if (in.Has(key)) return BadInput(key, "give it or substance, not both");
  if (!from_table) return BadInput("substance", fmt::format("the table has no {} for {}", key, substance->name));
  taken["substance"] = substance->name;
  taken[std::string(key)] = *from_table;
  return *from_table;
}

// `outputs` with the properties taken from the table added.
json WithTaken(json outputs, const json& taken) {
  if (taken.is_object()) outputs.update(taken);
  return outputs;
}

Result<json> LiquidOrifice(const ModelInputs& in) {
  LiquidDischargeInput d;
  CHEMSAFE_ASSIGN_OR_RETURN(d.density_kg_m3, in.Positive("density_kg_m3"));
  CHEMSAFE_ASSIGN_OR_RETURN(d.hole_diameter_m, in.Positive("hole_diameter_m"));
  CHEMSAFE_ASSIGN_OR_RETURN(d.discharge_coefficient, in.Positive("discharge_coefficient"));
  CHEMSAFE_ASSIGN_OR_RETURN(d.pressure_pa, in.Positive("pressure_pa"));
  CHEMSAFE_ASSIGN_OR_RETURN(d.ambient_pressure_pa, in.Positive("ambient_pressure_pa"));
  CHEMSAFE_ASSIGN_OR_RETURN(d.liquid_head_m, in.NumberOr("liquid_head_m", d.liquid_head_m));
  CHEMSAFE_ASSIGN_OR_RETURN(d.gravity_m_s2, in.NumberOr("gravity_m_s2", d.gravity_m_s2));
  auto out = DischargeLiquid(d);
  if (!out.ok()) return AsInput(out.status());
  return json{{"mass_rate_kg_s", out->mass_rate_kg_s}, {"exit_velocity_m_s", out->exit_velocity_m_s}};
}

Result<json> GasOrifice(const ModelInputs& in, const SubstanceTable* table) {
  GasDischargeInput d;
  CHEMSAFE_ASSIGN_OR_RETURN(d.heat_capacity_ratio, in.Number("heat_capacity_ratio"));
  CHEMSAFE_ASSIGN_OR_RETURN(d.pressure_pa, in.Positive("pressure_pa"));
  CHEMSAFE_ASSIGN_OR_RETURN(d.temperature_k, in.Positive("temperature_k"));
  CHEMSAFE_ASSIGN_OR_RETURN(std::size_t density_from,
                            ExactlyOne(in, {"molar_mass_kg_mol", "substance", "density_kg_m3"}));
  json taken;
  if (density_from == 2) {
    CHEMSAFE_ASSIGN_OR_RETURN(d.density_kg_m3, in.Positive("density_kg_m3"));
  } else {
    CHEMSAFE_ASSIGN_OR_RETURN(const Substance* substance, SubstanceOf(in, table));
    CHEMSAFE_ASSIGN_OR_RETURN(
        double molar_mass,
        Property(in, "molar_mass_kg_mol", substance,
                 substance != nullptr ? std::optional(substance->molar_mass_kg_mol) : std::nullopt, taken));
    auto rho = IdealGasDensityKgM3(d.pressure_pa, d.temperature_k, molar_mass);
    if (!rho.ok()) return AsInput(rho.status());
    d.density_kg_m3 = *rho;
  }
  CHEMSAFE_ASSIGN_OR_RETURN(d.hole_diameter_m, in.Positive("hole_diameter_m"));
  CHEMSAFE_ASSIGN_OR_RETURN(d.discharge_coefficient, in.Positive("discharge_coefficient"));
  CHEMSAFE_ASSIGN_OR_RETURN(d.ambient_pressure_pa, in.Positive("ambient_pressure_pa"));
  auto out = DischargeGas(d);
  if (!out.ok()) return AsInput(out.status());
  return WithTaken(json{{"mass_rate_kg_s", out->mass_rate_kg_s},
                        {"choked", out->choked},
                        {"critical_pressure_ratio", out->critical_pressure_ratio},
                        {"throat_pressure_pa", out->throat_pressure_pa},
                        {"throat_temperature_k", out->throat_temperature_k},
                        {"throat_density_kg_m3", out->throat_density_kg_m3},
                        {"exit_velocity_m_s", out->exit_velocity_m_s},
                        {"density_kg_m3", d.density_kg_m3}},
                   taken);
}

// The boiling point and heat of vaporisation from their keys or from the substance.
Status BoilingProperties(const ModelInputs& in, const Substance* substance, double& boiling_point_k,
                         double& heat_of_vaporization_j_kg, json& taken) {
  const bool s = substance != nullptr;
  CHEMSAFE_ASSIGN_OR_RETURN(boiling_point_k, Property(in, "boiling_point_k", substance,
                                                      s ? substance->normal_boiling_point_k : std::nullopt, taken));
  CHEMSAFE_ASSIGN_OR_RETURN(heat_of_vaporization_j_kg,
                            Property(in, "heat_of_vaporization_j_kg", substance,
                                     s ? substance->heat_of_vaporization_j_kg : std::nullopt, taken));
  return Status::Ok();
}

Result<json> Flash(const ModelInputs& in, const SubstanceTable* table) {
  FlashInput f;
  CHEMSAFE_ASSIGN_OR_RETURN(f.heat_capacity_j_kg_k, in.Positive("heat_capacity_j_kg_k"));
  CHEMSAFE_ASSIGN_OR_RETURN(f.temperature_k, in.Positive("temperature_k"));
  CHEMSAFE_ASSIGN_OR_RETURN(const Substance* substance, SubstanceOf(in, table));
  json taken;
  CHEMSAFE_RETURN_IF_ERROR(BoilingProperties(in, substance, f.boiling_point_k, f.heat_of_vaporization_j_kg, taken));
  CHEMSAFE_ASSIGN_OR_RETURN(std::string method, in.TextOr("method", "isenthalpic"));
  if (method == "isenthalpic") {
    f.method = FlashMethod::kIsenthalpic;
  } else if (method == "exponential") {
    f.method = FlashMethod::kExponential;
  } else {
    return BadInput("method", fmt::format("must be isenthalpic or exponential (is '{}')", method));
  }
  auto fraction = FlashFraction(f);
  if (!fraction.ok()) return AsInput(fraction.status());
  return WithTaken(json{{"flash_fraction", *fraction}}, taken);
}

Result<json> PoolSpreadModel(const ModelInputs& in) {
  CHEMSAFE_ASSIGN_OR_RETURN(std::size_t spill_from, ExactlyOne(in, {"spill_volume_m3", "spill_rate_m3_s"}));
  const bool instantaneous = spill_from == 0;
  CHEMSAFE_ASSIGN_OR_RETURN(double spilt, in.Positive(instantaneous ? "spill_volume_m3" : "spill_rate_m3_s"));
  CHEMSAFE_ASSIGN_OR_RETURN(double time_s, in.Positive("time_s"));
  PoolSpreadOptions options;
  if (in.Has("bund_area_m2")) {
    CHEMSAFE_ASSIGN_OR_RETURN(options.bund_area_m2, in.Positive("bund_area_m2"));
  }
  CHEMSAFE_ASSIGN_OR_RETURN(options.min_thickness_m, in.NumberOr("min_thickness_m", options.min_thickness_m));
  CHEMSAFE_ASSIGN_OR_RETURN(options.gravity_m_s2, in.NumberOr("gravity_m_s2", options.gravity_m_s2));
  auto pool =
      instantaneous ? SpreadInstantaneousPool(spilt, time_s, options) : SpreadContinuousPool(spilt, time_s, options);
  if (!pool.ok()) return AsInput(pool.status());
  return json{{"pool_radius_m", pool->radius_m},
              {"pool_area_m2", pool->area_m2},
              {"pool_volume_m3", pool->volume_m3},
              {"pool_thickness_m", pool->thickness_m},
              {"limited_by", std::string(PoolLimitName(pool->limit))}};
}

Result<json> NonBoilingPool(const ModelInputs& in, const Substance* substance, double area_m2) {
  NonBoilingPoolInput p;
  p.pool_area_m2 = area_m2;
  CHEMSAFE_ASSIGN_OR_RETURN(p.wind_speed_m_s, in.Positive("wind_speed_m_s"));
  CHEMSAFE_ASSIGN_OR_RETURN(p.temperature_k, in.Positive("temperature_k"));
  json taken;
  std::optional<double> antoine_pa;
  if (substance != nullptr) {
    auto pressure = AntoineVapourPressurePa(*substance, p.temperature_k);
    if (pressure.status().code() == StatusCode::kFailedPrecondition) {
      return BadInput("substance", pressure.status().message());
    }
    if (!pressure.ok()) return AsInput(pressure.status());
    antoine_pa = *pressure;
  }
  CHEMSAFE_ASSIGN_OR_RETURN(p.vapour_pressure_pa, Property(in, "vapour_pressure_pa", substance, antoine_pa, taken));
  CHEMSAFE_ASSIGN_OR_RETURN(
      p.molar_mass_kg_mol,
      Property(in, "molar_mass_kg_mol", substance,
               substance != nullptr ? std::optional(substance->molar_mass_kg_mol) : std::nullopt, taken));
  CHEMSAFE_ASSIGN_OR_RETURN(std::string correlation, in.TextOr("correlation", "epa_rmp"));
  Result<double> rate = 0.0;
  if (correlation == "epa_rmp") {
    rate = EvaporationRateEpaRmpKgS(p);
  } else if (correlation == "mackay_matsugu") {
    CHEMSAFE_ASSIGN_OR_RETURN(double schmidt, in.Positive("schmidt_number"));
    rate = EvaporationRateMackayMatsuguKgS(p, schmidt);
  } else {
    return BadInput("correlation", fmt::format("must be epa_rmp or mackay_matsugu (is '{}')", correlation));
  }
  if (!rate.ok()) return AsInput(rate.status());
  return WithTaken(json{{"evaporation_rate_kg_s", *rate}}, taken);
}

Result<json> BoilingPool(const ModelInputs& in, const Substance* substance, double area_m2) {
  BoilingPoolInput p;
  p.pool_area_m2 = area_m2;
  CHEMSAFE_ASSIGN_OR_RETURN(p.time_s, in.Positive("time_s"));
  CHEMSAFE_ASSIGN_OR_RETURN(p.ground_temperature_k, in.Positive("ground_temperature_k"));
  json taken;
  CHEMSAFE_RETURN_IF_ERROR(BoilingProperties(in, substance, p.boiling_point_k, p.heat_of_vaporization_j_kg, taken));
  CHEMSAFE_ASSIGN_OR_RETURN(std::size_t ground_from, ExactlyOne(in, {"ground", "ground_conductivity_w_m_k"}));
  if (ground_from == 0) {
    if (in.Has("ground_diffusivity_m2_s")) {
      return BadInput("ground_diffusivity_m2_s", "give either ground or its conductivity and diffusivity");
    }
    CHEMSAFE_ASSIGN_OR_RETURN(std::string name, in.Text("ground"));
    const std::optional<GroundKind> kind = ParseGroundKind(name);
    if (!kind) return BadInput("ground", fmt::format("must be concrete, soil or sand (is '{}')", name));
    p.ground = DefaultGroundProperties(*kind);
  } else {
    CHEMSAFE_ASSIGN_OR_RETURN(p.ground.conductivity_w_m_k, in.Positive("ground_conductivity_w_m_k"));
    CHEMSAFE_ASSIGN_OR_RETURN(p.ground.diffusivity_m2_s, in.Positive("ground_diffusivity_m2_s"));
  }
  auto out = EvaporateBoilingPool(p);
  if (!out.ok()) return AsInput(out.status());
  return WithTaken(json{{"evaporation_rate_kg_s", out->evaporation_rate_kg_s},
                        {"heat_flux_w_m2", out->heat_flux_w_m2},
                        {"evaporated_mass_kg", out->evaporated_mass_kg}},
                   taken);
}

Result<json> PoolEvaporation(const ModelInputs& in, const SubstanceTable* table) {
  CHEMSAFE_ASSIGN_OR_RETURN(std::string regime, in.Text("regime"));
  CHEMSAFE_ASSIGN_OR_RETURN(double area_m2, in.Positive("pool_area_m2"));
  CHEMSAFE_ASSIGN_OR_RETURN(const Substance* substance, SubstanceOf(in, table));
  if (regime == "non_boiling") return NonBoilingPool(in, substance, area_m2);
  if (regime == "boiling") return BoilingPool(in, substance, area_m2);
  return BadInput("regime", fmt::format("must be non_boiling or boiling (is '{}')", regime));
}

}  // namespace

Status RegisterSourceModels(ModelRegistry& registry, const SubstanceTable* substances) {
  // Copied, so that the registry does not depend on the caller's table living on.
  std::shared_ptr<const SubstanceTable> table =
      substances != nullptr ? std::make_shared<const SubstanceTable>(*substances) : nullptr;
  auto with_table = [table](Result<json> (*model)(const ModelInputs&, const SubstanceTable*)) {
    return [table, model](const ModelInputs& in) { return model(in, table.get()); };
  };
  CHEMSAFE_RETURN_IF_ERROR(registry.Add(
      {"liquid_orifice", "liquid through a hole, Bernoulli with Cd and liquid head (CCPS 1999 ch. 2)", LiquidOrifice}));
  CHEMSAFE_RETURN_IF_ERROR(
      registry.Add({"gas_orifice", "ideal gas through a hole, choked or sub-critical, isentropic (CCPS 1999 ch. 2)",
                    with_table(GasOrifice)}));
  CHEMSAFE_RETURN_IF_ERROR(
      registry.Add({"flash_fraction", "flashing fraction cp (T - Tb)/hfg or 1 - exp(-cp (T - Tb)/hfg) (Crowl & Louvar)",
                    with_table(Flash)}));
  CHEMSAFE_RETURN_IF_ERROR(registry.Add(
      {"pool_spread", "gravity spreading (Shaw & Briscoe) to a bund or a minimum thickness (US EPA RMP 1 cm)",
       PoolSpreadModel}));
  return registry.Add({"pool_evaporation",
                       "pool evaporation: US EPA RMP eq. D-1 or Mackay & Matsugu (1973); boiling pool by ground "
                       "conduction k dT/sqrt(pi alpha t) (CCPS 1999)",
                       with_table(PoolEvaporation)});
}

}  // namespace chemsafe::qra
