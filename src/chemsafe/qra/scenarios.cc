#include "chemsafe/qra/scenarios.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <cctype>
#include <set>
#include <utility>
#include <variant>

#include <fmt/format.h>

#include "chemsafe/qra/explosions.h"
#include "chemsafe/qra/fires.h"
#include "chemsafe/qra/source_terms.h"

namespace chemsafe::qra {
namespace {

using json = nlohmann::json;

constexpr std::string_view kInstantaneous = "instantaneous";
constexpr std::string_view kTenMinutes = "continuous_10min";
constexpr std::string_view kHole = "continuous_10mm";

// One LOC event of a holding: its release.
struct Release {
  const LocFrequency* loc = nullptr;
  bool instantaneous = false;
  double mass_kg = 0;       // instantaneous: the inventory
  double rate_kg_s = 0;     // continuous
  double duration_s = 0;    // continuous: inventory / rate
  std::string note;         // how the release was found
};

// What the generator knows of a holding's substance.
struct Hazard {
  const Substance* substance = nullptr;
  const ToxicProbitEntry* toxic = nullptr;  // null: not toxic
  bool flammable = false;                   // has a fire branch
  std::string ignition_category;            // when flammable
  std::string notes;                        // assumptions for the basis
};

bool Listed(const std::vector<std::string>& list, const Substance& s) {
  for (const auto& key : list) {
    if (key == s.cas) return true;
    if (key.size() == s.name.size() &&
        std::equal(key.begin(), key.end(), s.name.begin(),
                   [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) ==
                                               std::tolower(static_cast<unsigned char>(b)); })) {
      return true;
    }
  }
  return false;
}

std::string HoldingLabel(const QraHolding& h) { return h.name.empty() ? h.cas : h.name; }

// The hazards of a holding, or the reason it is not covered.
std::variant<Hazard, std::string> Classify(const QraHolding& h, const ScenarioData& data, const ScenarioOptions& o) {
  if (h.state == HoldingState::kSolid) return std::string("solid: no release model for solids (dust, fire of solids)");
  const Substance* s = h.cas.empty() ? nullptr : data.substances->FindByCas(h.cas);
  if (s == nullptr && !h.name.empty()) s = data.substances->FindByName(h.name);
  Hazard z;
  z.substance = s;
  for (const std::string& key : {h.cas, h.name, s ? s->cas : std::string()}) {
    if (key.empty() || z.toxic != nullptr) continue;
    auto t = data.toxic_probits->Find(key, o.toxic_probit_set);
    if (t.ok()) z.toxic = *t;
  }
  if (s == nullptr) {
    return std::string("not in the substance table (qra_substances.csv): no properties for the release");
  }
  if (s->lower_flammability_limit_volfrac) {
    if (!s->lower_heating_value_j_kg) {
      z.notes += "flammable but the table has no heat of combustion: no fire branch; ";
    } else if (h.state == HoldingState::kLiquid) {
      if (s->flash_point_k && *s->flash_point_k < o.k1_flash_point_k) {
        z.flammable = true;
        z.ignition_category = o.liquid_ignition_category;
      } else {
        z.notes += "liquid above the K1 flash point (or none in the table): no ignition row, no fire branch; ";
      }
    } else {
      z.flammable = true;
      z.ignition_category = Listed(o.low_reactivity_gases, *s) ? o.low_reactivity_gas_category : o.gas_ignition_category;
    }
  }
  if (!z.flammable && z.toxic == nullptr) {
    return std::string(s->lower_flammability_limit_volfrac
                           ? "flammable, but no fire branch applies (" + z.notes + ") and not toxic"
                           : "neither flammable (no LFL in qra_substances.csv) nor toxic (no row in toxic_probits.csv)");
  }
  return z;
}

// The vapour pressure of a liquefied gas: Antoine inside its range; outside it (the tabulated Antoine
// ranges of light gases end below 20 °C) the Clausius-Clapeyron line through the normal boiling point and
// the critical point, ln(P/Pc) = h (1 - Tc/T) with h = (Tb/Tc) ln(Pc/p_atm)/(1 - Tb/Tc) (Poling et al., 5th
// ed., §7-2), when options.vapour_pressure_fallback allows it.
Result<double> VapourPressurePa(const Substance& s, double temperature_k, const ScenarioOptions& o, std::string& note) {
  auto antoine = AntoineVapourPressurePa(s, temperature_k);
  if (antoine.ok()) {
    note = fmt::format("the Antoine vapour pressure at {:.5g} K", temperature_k);
    return antoine;
  }
  if (!o.vapour_pressure_fallback || !s.normal_boiling_point_k || !s.critical_temperature_k ||
      !s.critical_pressure_pa || !(temperature_k < *s.critical_temperature_k)) {
    return antoine.status();
  }
  const double tbr = *s.normal_boiling_point_k / *s.critical_temperature_k;
  const double h = tbr * std::log(*s.critical_pressure_pa / o.ambient_pressure_pa) / (1.0 - tbr);
  note = fmt::format("the vapour pressure at {:.5g} K by Clausius-Clapeyron through Tb and Tc (Poling 7-2; "
                     "outside the Antoine range)", temperature_k);
  return *s.critical_pressure_pa * std::exp(h * (1.0 - *s.critical_temperature_k / temperature_k));
}

// The 10 mm hole's discharge rate, kg/s, with a note on how it was found.
Result<double> HoleRate(const QraHolding& h, const Substance& s, double temperature_k, const ScenarioOptions& o,
                        std::string& note) {
  if (h.state == HoldingState::kGas) {
    if (!h.pressure_pa) return FailedPrecondition("a gas holding needs pressure_pa for the 10 mm hole");
    CHEMSAFE_ASSIGN_OR_RETURN(double rho, IdealGasDensityKgM3(*h.pressure_pa, temperature_k, s.molar_mass_kg_mol));
    CHEMSAFE_ASSIGN_OR_RETURN(GasDischarge g, DischargeGas({.heat_capacity_ratio = o.gas_heat_capacity_ratio,
                                                            .pressure_pa = *h.pressure_pa,
                                                            .temperature_k = temperature_k,
                                                            .density_kg_m3 = rho,
                                                            .hole_diameter_m = o.hole_diameter_m,
                                                            .discharge_coefficient = o.gas_discharge_coefficient,
                                                            .ambient_pressure_pa = o.ambient_pressure_pa}));
    note = fmt::format("10 mm hole: gas_orifice (CCPS 1999 ch. 2) at {:.4g} Pa, {:.4g} K, k = {}, Cd = {}",
                       *h.pressure_pa, temperature_k, o.gas_heat_capacity_ratio, o.gas_discharge_coefficient);
    return g.mass_rate_kg_s;
  }
  if (!s.liquid_density_kg_m3) return FailedPrecondition("the substance table has no liquid density");
  double pressure = h.pressure_pa.value_or(o.ambient_pressure_pa);
  std::string pressure_note = h.pressure_pa ? "the holding's pressure" : "ambient pressure";
  if (h.state == HoldingState::kLiquefiedGas && !h.pressure_pa) {
    CHEMSAFE_ASSIGN_OR_RETURN(pressure, VapourPressurePa(s, temperature_k, o, pressure_note));
  }
  CHEMSAFE_ASSIGN_OR_RETURN(LiquidDischarge l, DischargeLiquid({.density_kg_m3 = *s.liquid_density_kg_m3,
                                                                .hole_diameter_m = o.hole_diameter_m,
                                                                .discharge_coefficient = o.liquid_discharge_coefficient,
                                                                .pressure_pa = std::max(pressure, o.ambient_pressure_pa),
                                                                .ambient_pressure_pa = o.ambient_pressure_pa,
                                                                .liquid_head_m = o.liquid_head_m}));
  note = fmt::format("10 mm hole: liquid_orifice (CCPS 1999 ch. 2) at {} ({:.4g} Pa), liquid head {} m, Cd = {}{}",
                     pressure_note, pressure, o.liquid_head_m, o.liquid_discharge_coefficient,
                     h.state == HoldingState::kLiquefiedGas ? ", no flashing in the hole (upper bound)" : "");
  return l.mass_rate_kg_s;
}

Result<std::vector<Release>> Releases(const QraUnit& unit, const QraHolding& h, const Substance& s,
                                      const ScenarioData& data, const ScenarioOptions& o) {
  const bool pressurised = h.state == HoldingState::kGas || h.state == HoldingState::kLiquefiedGas;
  const std::string& equipment = unit.kind == UnitKind::kProduction ? o.production_equipment
                                 : pressurised                      ? o.pressurised_storage_equipment
                                                                    : o.atmospheric_storage_equipment;
  std::vector<Release> out;
  const double temperature_k = h.temperature_k.value_or(o.default_temperature_k);
  for (const LocFrequency* loc : data.loc->ForEquipment(equipment)) {
    if (loc->frequency_unit != "per_yr") continue;
    Release r;
    r.loc = loc;
    if (loc->loc_event == kInstantaneous) {
      r.instantaneous = true;
      r.mass_kg = h.quantity_kg;
      r.note = "the complete inventory at once";
    } else if (loc->loc_event == kTenMinutes) {
      r.rate_kg_s = h.quantity_kg / o.ten_minute_release_s;
      r.note = fmt::format("the complete inventory in {} s", o.ten_minute_release_s);
    } else if (loc->loc_event == kHole) {
      CHEMSAFE_ASSIGN_OR_RETURN(r.rate_kg_s, HoleRate(h, s, temperature_k, o, r.note));
      const double cap = h.quantity_kg / o.ten_minute_release_s;
      if (r.rate_kg_s > cap) {
        r.rate_kg_s = cap;
        r.note += "; capped at the 10 min rate";
      }
    } else {
      continue;
    }
    if (!r.instantaneous) r.duration_s = h.quantity_kg / r.rate_kg_s;
    out.push_back(std::move(r));
  }
  if (out.empty()) return NotFound(fmt::format("loc_frequencies: no per_yr events for equipment \"{}\"", equipment));
  return out;
}

json ThermalProbit(const ScenarioOptions& o, double duration_s) {
  return {{"kind", o.thermal_probit}, {"duration_s", std::min(duration_s, o.max_thermal_exposure_s)}};
}

// The distance, m, at which the BST overpressure of `energy_j` falls to options.lethal_overpressure_pa: the
// scaled distance found by bisection in ln R' over the curves' range, where dp/p0 falls with R'.
Result<double> BstDistanceToOverpressure(const BstCurves& curves, double energy_j, const ScenarioOptions& o) {
  const double target = o.lethal_overpressure_pa / o.ambient_pressure_pa;
  // Inside the range every curve covers: [max of the firsts, min of the lasts].
  double lo = 0, hi = std::numeric_limits<double>::infinity();
  for (const auto& c : curves.curves) {
    if (c.scaled_distance.empty()) continue;
    lo = std::max(lo, c.scaled_distance.front());
    hi = std::min(hi, c.scaled_distance.back());
  }
  if (!(lo < hi)) return FailedPrecondition("bst_curves: no common scaled-distance range");
  CHEMSAFE_ASSIGN_OR_RETURN(double at_lo, BstScaledOverpressure(curves, o.flame_mach_number, lo));
  CHEMSAFE_ASSIGN_OR_RETURN(double at_hi, BstScaledOverpressure(curves, o.flame_mach_number, hi));
  double r_scaled = 0;
  if (at_lo < target) {
    r_scaled = 0;  // never reaches the threshold
  } else if (at_hi >= target) {
    return FailedPrecondition("lethal_overpressure_pa: still exceeded at the curves' largest scaled distance");
  } else {
    double a = std::log(lo), b = std::log(hi);
    for (int k = 0; k < 100; ++k) {
      const double m = 0.5 * (a + b);
      CHEMSAFE_ASSIGN_OR_RETURN(double p, BstScaledOverpressure(curves, o.flame_mach_number, std::exp(m)));
      (p >= target ? a : b) = m;
    }
    r_scaled = std::exp(0.5 * (a + b));
  }
  return r_scaled * std::cbrt(energy_j / o.ambient_pressure_pa);
}

Result<json> ExplosionEffect(const Substance& s, double cloud_kg, const ScenarioData& data, const ScenarioOptions& o) {
  if (o.overpressure_lethality == OverpressureLethality::kPurpleBook0_3Bar) {
    if (data.bst_curves == nullptr) return FailedPrecondition("data.bst_curves: required for the 0.3 bar rule");
    const double energy = o.ground_reflection_factor * cloud_kg * o.explosion_fuel_fraction * *s.lower_heating_value_j_kg;
    CHEMSAFE_ASSIGN_OR_RETURN(double r, BstDistanceToOverpressure(*data.bst_curves, energy, o));
    // P = 1 out to r, 0 beyond (a table needs a step of finite width: 1 mm); none when 0.3 bar is not reached.
    if (!(r > 0)) return json{{"kind", "lethality_table"}, {"distance_m", {0.0, 1e-3}}, {"probability", {0.0, 0.0}}};
    return json{{"kind", "lethality_table"}, {"distance_m", {0.0, r, r + 1e-3}}, {"probability", {1.0, 1.0, 0.0}}};
  }
  return json{{"kind", "model"},
          {"model", "bst_blast"},
          {"inputs",
           {{"fuel_mass_kg", cloud_kg * o.explosion_fuel_fraction},
            {"heat_of_combustion_j_kg", *s.lower_heating_value_j_kg},
            {"flame_mach_number", o.flame_mach_number},
            {"ground_reflection_factor", o.ground_reflection_factor},
            {"ambient_pressure_pa", o.ambient_pressure_pa}}},
          {"probit", {{"kind", o.overpressure_probit}}}};
}

// The pool of a liquid release (Shaw & Briscoe spreading) at options.pool_spread_time_s, or the release's end
// if sooner, or at its limit (bund, minimum thickness).
Result<PoolSpread> PoolOf(const Substance& s, const Release& r, const ScenarioOptions& o) {
  if (!s.liquid_density_kg_m3) return FailedPrecondition("pool: the substance table has no liquid density");
  const double rho = *s.liquid_density_kg_m3;
  PoolSpreadOptions spread{.bund_area_m2 = o.bund_area_m2, .min_thickness_m = o.pool_min_thickness_m};
  const double t = r.instantaneous ? o.pool_spread_time_s : std::min(r.duration_s, o.pool_spread_time_s);
  return r.instantaneous ? SpreadInstantaneousPool(r.mass_kg / rho, t, spread)
                         : SpreadContinuousPool(r.rate_kg_s / rho, t, spread);
}

Result<json> PoolFireEffect(const Substance& s, const Release& r, const ScenarioOptions& o) {
  CHEMSAFE_ASSIGN_OR_RETURN(PoolSpread pool, PoolOf(s, r, o));
  if (!s.heat_of_vaporization_j_kg || !s.normal_boiling_point_k) {
    return FailedPrecondition("pool fire: the substance table has no heat of vaporisation or boiling point");
  }
  return json{{"kind", "model"},
              {"model", "pool_fire"},
              {"inputs",
               {{"diameter_m", 2.0 * std::sqrt(pool.area_m2 / std::numbers::pi)},
                {"heat_of_vaporization_j_kg", *s.heat_of_vaporization_j_kg},
                {"liquid_heat_capacity_j_kg_k", o.liquid_heat_capacity_j_kg_k},
                {"boiling_point_k", *s.normal_boiling_point_k},
                {"heat_of_combustion_j_kg", *s.lower_heating_value_j_kg}}},
              {"probit", ThermalProbit(o, o.max_thermal_exposure_s)}};
}

json ToxicPlumeJson(const Hazard& z, double rate_kg_s, double duration_s, const ScenarioOptions& o) {
  return {{"kind", "toxic_plume"},
          {"release", {{"release_rate_kg_s", rate_kg_s}, {"release_height_m", o.release_height_m}, {"sigma_set", o.sigma_set}}},
          {"probit",
           {{"kind", "toxic"},
            {"substance", z.toxic->substance},
            {"probit_set", z.toxic->probit_set},
            {"duration_s", std::min(duration_s, o.max_toxic_exposure_s)}}}};
}

// The toxic plume: gases and liquefied gases at the release rate (an instantaneous one spread over
// instantaneous_toxic_duration_s); a liquid at its pool's evaporation rate (US EPA RMP eq. D-1).
Result<json> ToxicEffect(const QraHolding& h, const Hazard& z, const Release& r, const ScenarioOptions& o,
                         std::string& basis) {
  double rate = r.instantaneous ? r.mass_kg / o.instantaneous_toxic_duration_s : r.rate_kg_s;
  double duration = r.instantaneous ? o.instantaneous_toxic_duration_s : r.duration_s;
  if (h.state == HoldingState::kLiquid) {
    const Substance& s = *z.substance;
    const double temperature_k = h.temperature_k.value_or(o.default_temperature_k);
    CHEMSAFE_ASSIGN_OR_RETURN(PoolSpread pool, PoolOf(s, r, o));
    std::string vp_note;
    auto vp = VapourPressurePa(s, temperature_k, o, vp_note);
    if (!vp.ok()) {
      basis += fmt::format("; no vapour pressure ({}): the liquid's release rate taken as vapour (upper bound)",
                           vp.status().message());
      return ToxicPlumeJson(z, rate, duration, o);
    }
    CHEMSAFE_ASSIGN_OR_RETURN(double evaporation, EvaporationRateEpaRmpKgS({.pool_area_m2 = pool.area_m2,
                                                                          .wind_speed_m_s = o.evaporation_wind_speed_m_s,
                                                                          .temperature_k = temperature_k,
                                                                          .vapour_pressure_pa = *vp,
                                                                          .molar_mass_kg_mol = s.molar_mass_kg_mol}));
    rate = r.instantaneous ? evaporation : std::min(evaporation, r.rate_kg_s);
    duration = h.quantity_kg / rate;
    basis += fmt::format("; the liquid's vapour: pool of {:.4g} m2 evaporating at {:.4g} kg/s (US EPA RMP eq. D-1, "
                         "wind {} m/s, {})", pool.area_m2, rate, o.evaporation_wind_speed_m_s, vp_note);
  }
  return ToxicPlumeJson(z, rate, duration, o);
}

// The outcomes of one release and the basis of the event tree.
Result<std::vector<GeneratedOutcome>> Outcomes(const QraHolding& h, const Hazard& z, const Release& r,
                                               const ScenarioData& data, const ScenarioOptions& o,
                                               std::string& basis) {
  std::vector<GeneratedOutcome> out;
  double p_none = 1.0;  // no ignition
  if (z.flammable) {
    const Substance& s = *z.substance;
    CHEMSAFE_ASSIGN_OR_RETURN(const IgnitionBand* band,
                              LookUpIgnition(*data.ignition, o.ignition_table, z.ignition_category,
                                             r.instantaneous ? ReleaseMode::kInstantaneous : ReleaseMode::kContinuous,
                                             r.instantaneous ? r.mass_kg : r.rate_kg_s));
    const double p_i = band->p_immediate;
    const double p_d = band->p_delayed ? *band->p_delayed : (1.0 - p_i) * o.delayed_ignition_probability;
    p_none = 1.0 - p_i - p_d;
    basis += fmt::format(
        "; ignition: {} {} (line {}, {}, grade {}): immediate {:.4g}, delayed {:.4g}{}", band->table, band->category,
        band->line, band->source, band->grade, p_i, p_d,
        band->p_delayed ? "" : fmt::format(" = (1 - immediate) x {} (option, U)", o.delayed_ignition_probability));
    if (h.state == HoldingState::kLiquid) {
      CHEMSAFE_ASSIGN_OR_RETURN(json pool, PoolFireEffect(s, r, o));
      out.push_back({"pool fire", p_i + p_d, o.indoor_factor_fire, std::move(pool)});
      basis += "; pool fire for immediate and delayed ignition (no explosion of an atmospheric liquid)";
    } else {
      if (r.instantaneous) {
        CHEMSAFE_ASSIGN_OR_RETURN(FireballGeometry fb, Fireball(r.mass_kg, FireballCorrelation::kCcps, {}));
        out.push_back({"BLEVE fireball", p_i, o.indoor_factor_fire,
                       json{{"kind", "model"},
                            {"model", "fireball"},
                            {"inputs",
                             {{"mass_kg", r.mass_kg}, {"method", "ccps"}, {"sep_model", "constant"},
                              {"sep_w_m2", o.fireball_sep_w_m2}}},
                            {"probit", ThermalProbit(o, fb.duration_s)}}});
      } else {
        out.push_back({"jet fire", p_i, o.indoor_factor_fire,
                       json{{"kind", "model"},
                            {"model", "jet_fire"},
                            {"inputs",
                             {{"mass_rate_kg_s", r.rate_kg_s},
                              {"heat_of_combustion_j_kg", *s.lower_heating_value_j_kg},
                              {"radiant_fraction", o.jet_radiant_fraction}}},
                            {"probit", ThermalProbit(o, o.max_thermal_exposure_s)}}});
      }
      const double cloud_kg =
          r.instantaneous ? r.mass_kg : std::min(h.quantity_kg, r.rate_kg_s * o.continuous_cloud_time_s);
      CHEMSAFE_ASSIGN_OR_RETURN(json blast, ExplosionEffect(s, cloud_kg, data, o));
      out.push_back({"vapour cloud explosion", p_d, o.indoor_factor_explosion, std::move(blast)});
      basis += fmt::format("; delayed ignition: explosion (bst_blast, Mf {}, {} x {:.4g} kg of cloud in congestion; no flash fire)",
                           o.flame_mach_number, o.explosion_fuel_fraction, cloud_kg);
    }
  }
  if (z.toxic != nullptr) {
    CHEMSAFE_ASSIGN_OR_RETURN(json plume, ToxicEffect(h, z, r, o, basis));
    out.push_back({"toxic plume", p_none, o.indoor_factor_toxic, std::move(plume)});
    basis += fmt::format("; {}: toxic plume (Gaussian, {}; probit {} set, {}, grade {}){}", z.flammable ? "not ignited" : "toxic",
                         o.sigma_set, z.toxic->probit_set, z.toxic->source, z.toxic->grade,
                         r.instantaneous && h.state != HoldingState::kLiquid
                             ? fmt::format(", the inventory over {} s (a puff would be better)",
                                           o.instantaneous_toxic_duration_s)
                             : "");
  } else if (p_none > 0) {
    basis += fmt::format("; not ignited ({:.4g}): no outcome (not toxic)", p_none);
  }
  return out;
}

Status CheckOptions(const ScenarioOptions& o) {
  auto check = [](bool ok, std::string_view key, std::string_view what) -> Status {
    return ok ? Status() : InvalidArgument(fmt::format("options.{}: {}", key, what));
  };
  CHEMSAFE_RETURN_IF_ERROR(check(o.delayed_ignition_probability >= 0 && o.delayed_ignition_probability <= 1,
                                 "delayed_ignition_probability", "must lie in [0, 1]"));
  CHEMSAFE_RETURN_IF_ERROR(check(o.ten_minute_release_s > 0, "ten_minute_release_s", "must be greater than 0"));
  CHEMSAFE_RETURN_IF_ERROR(check(o.instantaneous_toxic_duration_s > 0, "instantaneous_toxic_duration_s",
                                 "must be greater than 0"));
  CHEMSAFE_RETURN_IF_ERROR(check(o.explosion_fuel_fraction > 0 && o.explosion_fuel_fraction <= 1,
                                 "explosion_fuel_fraction", "must lie in (0, 1]"));
  return check(o.max_thermal_exposure_s > 0 && o.max_toxic_exposure_s > 0, "max_thermal_exposure_s",
               "the exposure caps must be greater than 0");
}

}  // namespace

std::vector<const LocFrequency*> LocFrequencyTable::ForEquipment(std::string_view equipment) const {
  std::vector<const LocFrequency*> out;
  for (const auto& row : rows) {
    if (row.equipment == equipment) out.push_back(&row);
  }
  return out;
}

Result<LocFrequencyTable> ParseLocFrequencies(std::string_view text, std::string_view file_name) {
  static constexpr std::string_view kHeader[] = {"equipment", "loc_event", "frequency",
                                                 "frequency_unit", "source", "grade"};
  CHEMSAFE_ASSIGN_OR_RETURN(std::vector<DataRecord> records, ReadDataTable(text, file_name, kHeader));
  LocFrequencyTable table;
  std::set<std::pair<std::string, std::string>> seen;
  for (const DataRecord& record : records) {
    const DataRow r(file_name, record, kHeader);
    LocFrequency f;
    f.line = r.line();
    CHEMSAFE_ASSIGN_OR_RETURN(f.equipment, r.Text(0));
    CHEMSAFE_ASSIGN_OR_RETURN(f.loc_event, r.Text(1));
    CHEMSAFE_ASSIGN_OR_RETURN(f.frequency, r.Number(2));
    if (!(f.frequency > 0)) return r.Error(2, "must be greater than 0");
    CHEMSAFE_ASSIGN_OR_RETURN(f.frequency_unit, r.Text(3));
    if (f.frequency_unit != "per_yr" && f.frequency_unit != "per_m_yr") {
      return r.Error(3, fmt::format("\"{}\" is not per_yr or per_m_yr", f.frequency_unit));
    }
    CHEMSAFE_ASSIGN_OR_RETURN(f.source, r.Text(4));
    CHEMSAFE_ASSIGN_OR_RETURN(f.grade, r.Grade(5));
    if (!seen.emplace(f.equipment, f.loc_event).second) {
      return r.Error(1, fmt::format("\"{}\" appears twice for \"{}\"", f.loc_event, f.equipment));
    }
    table.rows.push_back(std::move(f));
  }
  return table;
}

Result<HoldingState> ParseHoldingState(std::string_view text) {
  for (HoldingState s : {HoldingState::kGas, HoldingState::kLiquefiedGas, HoldingState::kLiquid, HoldingState::kSolid}) {
    if (HoldingStateName(s) == text) return s;
  }
  return InvalidArgument(fmt::format("state: \"{}\" is not gas, liquefied_gas, liquid or solid", text));
}

std::string_view HoldingStateName(HoldingState state) {
  switch (state) {
    case HoldingState::kGas: return "gas";
    case HoldingState::kLiquefiedGas: return "liquefied_gas";
    case HoldingState::kLiquid: return "liquid";
    case HoldingState::kSolid: return "solid";
  }
  return "liquid";
}

Result<ScenarioSet> GenerateScenarios(const QraUnit& unit, const ScenarioData& data, const ScenarioOptions& options) {
  if (data.loc == nullptr || data.ignition == nullptr || data.substances == nullptr || data.toxic_probits == nullptr) {
    return InvalidArgument("data: every table (loc, ignition, substances, toxic_probits) is required");
  }
  if (unit.id.empty()) return InvalidArgument("id: required");
  CHEMSAFE_RETURN_IF_ERROR(CheckOptions(options));
  ScenarioSet set;
  for (std::size_t i = 0; i < unit.holdings.size(); ++i) {
    const QraHolding& h = unit.holdings[i];
    if (h.cas.empty() && h.name.empty()) return InvalidArgument(fmt::format("holdings[{}]: cas or name required", i));
    if (!(h.quantity_kg > 0)) {
      return InvalidArgument(fmt::format("holdings[{}].quantity_kg: must be greater than 0 (is {})", i, h.quantity_kg));
    }
    const std::string label = HoldingLabel(h);
    auto classified = Classify(h, data, options);
    if (auto* reason = std::get_if<std::string>(&classified)) {
      set.skipped.push_back({label, *reason});
      continue;
    }
    const Hazard& z = std::get<Hazard>(classified);
    auto releases = Releases(unit, h, *z.substance, data, options);
    if (!releases.ok()) {
      set.skipped.push_back({label, "no release: " + releases.status().message()});
      continue;
    }
    std::vector<GeneratedScenario> scenarios;
    Status failed;
    for (const Release& r : *releases) {
      GeneratedScenario g;
      g.id = fmt::format("{} / {} / {}", unit.id, label, r.loc->loc_event);
      g.frequency_per_yr = r.loc->frequency;
      g.basis = fmt::format("{} {} ({} kg, {}): {} {} {}/yr ({}, grade {}); release: {}{}", unit.id, label,
                            h.quantity_kg, HoldingStateName(h.state), r.loc->equipment, r.loc->loc_event,
                            r.loc->frequency, r.loc->source, r.loc->grade, r.note,
                            r.instantaneous ? fmt::format(" ({:.4g} kg)", r.mass_kg)
                                            : fmt::format(" ({:.4g} kg/s for {:.4g} s)", r.rate_kg_s, r.duration_s));
      if (!z.notes.empty()) g.basis += "; " + z.notes;
      auto outcomes = Outcomes(h, z, r, data, options, g.basis);
      if (!outcomes.ok()) {
        failed = outcomes.status();
        break;
      }
      g.outcomes = std::move(*outcomes);
      scenarios.push_back(std::move(g));
    }
    if (!failed.ok()) {
      set.skipped.push_back({label, "no outcome: " + failed.message()});
      continue;
    }
    for (auto& g : scenarios) set.scenarios.push_back(std::move(g));
  }
  return set;
}

json ScenariosJson(const std::vector<GeneratedScenario>& scenarios, double x_m, double y_m) {
  json out = json::array();
  for (const auto& s : scenarios) {
    json outcomes = json::array();
    for (const auto& o : s.outcomes) {
      outcomes.push_back({{"id", o.id},
                          {"probability", o.probability},
                          {"indoor_lethality_factor", o.indoor_lethality_factor},
                          {"effect", o.effect}});
    }
    out.push_back({{"id", s.id},
                   {"x_m", x_m},
                   {"y_m", y_m},
                   {"frequency_per_yr", s.frequency_per_yr},
                   {"basis", s.basis},
                   {"outcomes", std::move(outcomes)}});
  }
  return out;
}

}  // namespace chemsafe::qra
