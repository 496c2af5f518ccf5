#include "chemsafe/qra/effects_models.h"

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "chemsafe/qra/risk_measures.h"

namespace chemsafe::qra {
namespace {

using nlohmann::json;

// A status of a nested object's reader ("inputs.n: required") renamed into its place in the inputs
// ("inputs.constants.n: required").
Status Within(std::string_view place, Status status) {
  constexpr std::string_view kPrefix = "inputs.";
  if (status.ok() || !status.message().starts_with(kPrefix)) return status;
  return Status(status.code(), fmt::format("inputs.{}.{}", place, status.message().substr(kPrefix.size())));
}


// An array of numbers under `key` (required).
Result<std::vector<double>> NumberArray(const ModelInputs& in, std::string_view key) {
  const json& raw = in.Raw(key);
  if (raw.is_null()) return BadInput(key, "required");
  if (!raw.is_array()) return BadInput(key, "must be an array of numbers");
  std::vector<double> out;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (!raw[i].is_number()) return BadInput(fmt::format("{}[{}]", key, i), "must be a number");
    out.push_back(raw[i].get<double>());
  }
  return out;
}

// Reads each object of the array under `key` (required) with `read`, which gets the object's own
// inputs; errors name "inputs.key[i].field", and unknown fields are errors.
template <typename T, typename Read>
Result<std::vector<T>> ObjectArray(const ModelInputs& in, std::string_view key, Read read) {
  const json& raw = in.Raw(key);
  if (raw.is_null()) return BadInput(key, "required");
  if (!raw.is_array()) return BadInput(key, "must be an array of objects");
  std::vector<T> out;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    const std::string place = fmt::format("{}[{}]", key, i);
    if (!raw[i].is_object()) return BadInput(place, "must be an object");
    ModelInputs element(raw[i]);
    Result<T> value = read(element);
    if (!value.ok()) return Within(place, value.status());
    CHEMSAFE_RETURN_IF_ERROR(Within(place, element.CheckAllRead()));
    out.push_back(std::move(value).value());
  }
  return out;
}

// The two numbers `first` and `second` of an object (a sample, a scenario, a point of a line).
Result<std::pair<double, double>> NumberPair(const ModelInputs& in, std::string_view first, std::string_view second) {
  CHEMSAFE_ASSIGN_OR_RETURN(double x, in.Number(first));
  CHEMSAFE_ASSIGN_OR_RETURN(double y, in.Number(second));
  return std::pair{x, y};
}

// --- probit --------------------------------------------------------------------------------------------

constexpr std::pair<std::string_view, ThermalProbitModel> kThermalKinds[] = {
    {"thermal_eisenberg", ThermalProbitModel::kEisenberg},
    {"thermal_tsao_perry", ThermalProbitModel::kTsaoPerry},
    {"thermal_tno", ThermalProbitModel::kTno},
    {"thermal_lees", ThermalProbitModel::kLees},
};
constexpr std::pair<std::string_view, OverpressureProbitModel> kOverpressureKinds[] = {
    {"overpressure_eisenberg_lung", OverpressureProbitModel::kEisenbergLung},
    {"overpressure_hse_lung", OverpressureProbitModel::kHseLung},
    {"overpressure_tno_head_impact", OverpressureProbitModel::kTnoHeadImpact},
    {"overpressure_tno_structural", OverpressureProbitModel::kTnoStructuralCollapse},
};
constexpr std::string_view kToxicKind = "toxic";

json ProbitOutputs(double y) { return json{{"y", y}, {"probability", ProbitToProbability(y)}}; }

Result<json> ThermalProbitModelOutputs(const ModelInputs& in, ThermalProbitModel model) {
  CHEMSAFE_ASSIGN_OR_RETURN(double q, in.Positive("heat_flux_w_m2"));
  CHEMSAFE_ASSIGN_OR_RETURN(double t, in.Positive("duration_s"));
  ThermalProbitOptions options;
  if (model == ThermalProbitModel::kLees) {
    CHEMSAFE_ASSIGN_OR_RETURN(options.lees_clothing_factor, in.NumberOr("clothing_factor", 0.5));
    if (!(options.lees_clothing_factor > 0 && options.lees_clothing_factor <= 1)) {
      return BadInput("clothing_factor", "must lie in (0, 1]");
    }
  }
  CHEMSAFE_ASSIGN_OR_RETURN(double dose, AsInput(ThermalDose(q, t)));
  CHEMSAFE_ASSIGN_OR_RETURN(double y, AsInput(ThermalProbit(model, dose, options)));
  json out = ProbitOutputs(y);
  out["thermal_dose"] = dose;
  return out;
}

Result<json> OverpressureProbitModelOutputs(const ModelInputs& in, OverpressureProbitModel model) {
  CHEMSAFE_ASSIGN_OR_RETURN(double p, in.Positive("overpressure_pa"));
  std::optional<double> impulse;
  if (NeedsImpulse(model)) {
    CHEMSAFE_ASSIGN_OR_RETURN(impulse, in.Positive("impulse_pa_s"));
  } else if (in.Has("impulse_pa_s")) {
    return BadInput("impulse_pa_s", "not used by the lung probits (peak overpressure only)");
  }
  CHEMSAFE_ASSIGN_OR_RETURN(double y, AsInput(OverpressureProbit(model, p, impulse)));
  return ProbitOutputs(y);
}

Result<ToxicProbitConstants> ReadToxicConstants(const ModelInputs& c) {
  ToxicProbitConstants k;
  CHEMSAFE_ASSIGN_OR_RETURN(k.a, c.Number("a"));
  CHEMSAFE_ASSIGN_OR_RETURN(k.b, c.Positive("b"));
  CHEMSAFE_ASSIGN_OR_RETURN(k.n, c.Positive("n"));
  CHEMSAFE_ASSIGN_OR_RETURN(std::string cu, c.Text("concentration_unit"));
  CHEMSAFE_ASSIGN_OR_RETURN(std::string tu, c.Text("time_unit"));
  std::optional<ConcentrationUnit> concentration_unit = ConcentrationUnitFromName(cu);
  if (!concentration_unit) return BadInput("concentration_unit", fmt::format("\"{}\" is not mg/m3 or ppm", cu));
  std::optional<ExposureTimeUnit> time_unit = ExposureTimeUnitFromName(tu);
  if (!time_unit) return BadInput("time_unit", fmt::format("\"{}\" is not min or s", tu));
  k.concentration_unit = *concentration_unit;
  k.time_unit = *time_unit;
  return k;
}

// The gas state that converts kg/m3 to ppm, read when the constants are in ppm and some concentration is
// given in kg/m3 (then molar_mass_kg_mol, temperature_k and pressure_pa are required).
Result<std::optional<PpmConversion>> ReadPpmConversion(const ModelInputs& in, ConcentrationUnit unit) {
  if (unit != ConcentrationUnit::kPpm) return std::optional<PpmConversion>();
  bool in_kg_m3 = in.Has("concentration_kg_m3");
  const json& history = in.Raw("concentration_history");
  if (history.is_array()) {
    for (const json& sample : history) {
      in_kg_m3 = in_kg_m3 || (sample.is_object() && sample.contains("concentration_kg_m3"));
    }
  }
  if (!in_kg_m3) return std::optional<PpmConversion>();
  PpmConversion ppm;
  CHEMSAFE_ASSIGN_OR_RETURN(ppm.molar_mass_kg_mol, in.Positive("molar_mass_kg_mol"));
  CHEMSAFE_ASSIGN_OR_RETURN(ppm.temperature_k, in.Positive("temperature_k"));
  CHEMSAFE_ASSIGN_OR_RETURN(ppm.pressure_pa, in.Positive("pressure_pa"));
  return std::optional<PpmConversion>(ppm);
}

Result<json> ToxicProbitModelOutputs(const ModelInputs& in, const ToxicProbitTable* table) {
  const bool has_constants = in.Has("constants");
  const bool has_substance = in.Has("substance");
  if (has_constants == has_substance) return BadInput("constants", "give either constants or substance");
  ToxicProbitConstants constants;
  json out;
  if (has_constants) {
    const json& raw = in.Raw("constants");
    if (!raw.is_object()) return BadInput("constants", "must be an object {a, b, n, concentration_unit, time_unit}");
    ModelInputs c(raw);
    Result<ToxicProbitConstants> read = ReadToxicConstants(c);
    if (!read.ok()) return Within("constants", read.status());
    CHEMSAFE_RETURN_IF_ERROR(Within("constants", c.CheckAllRead()));
    constants = *read;
  } else {
    CHEMSAFE_ASSIGN_OR_RETURN(std::string substance, in.Text("substance"));
    std::optional<std::string> set;
    if (in.Has("probit_set")) {
      CHEMSAFE_ASSIGN_OR_RETURN(set, in.Text("probit_set"));
    }
    if (table == nullptr) {
      return FailedPrecondition("inputs.substance: no toxic probit table is loaded; give constants instead");
    }
    Result<const ToxicProbitEntry*> entry = table->Find(substance, set);
    if (!entry.ok()) return Status(entry.status().code(), "inputs." + entry.status().message());
    constants = (*entry)->constants;
    out = json{{"substance", (*entry)->substance}, {"cas", (*entry)->cas}, {"probit_set", (*entry)->probit_set},
               {"source", (*entry)->source},       {"grade", (*entry)->grade}};
  }
  CHEMSAFE_ASSIGN_OR_RETURN(std::optional<PpmConversion> ppm, ReadPpmConversion(in, constants.concentration_unit));
  // A concentration of an object (the inputs, a sample) in the constants' unit: `concentration` as given, or
  // `concentration_kg_m3` converted.
  auto concentration = [&](const ModelInputs& at) -> Result<double> {
    if (at.Has("concentration") && at.Has("concentration_kg_m3")) {
      return BadInput("concentration", "give either concentration or concentration_kg_m3, not both");
    }
    if (at.Has("concentration_kg_m3")) {
      CHEMSAFE_ASSIGN_OR_RETURN(double kg_m3, at.Number("concentration_kg_m3"));
      return AsInput(ConcentrationInUnit(kg_m3, constants.concentration_unit, ppm));
    }
    if (!at.Has("concentration")) {
      return BadInput("concentration", "required (in the probit's unit; or concentration_kg_m3)");
    }
    CHEMSAFE_ASSIGN_OR_RETURN(double c, at.Number("concentration"));
    if (!(c >= 0)) return BadInput("concentration", fmt::format("must be at least 0 (is {})", c));
    return c;
  };
  double load = 0;
  if (in.Has("concentration_history")) {
    if (in.Has("concentration") || in.Has("concentration_kg_m3") || in.Has("duration_s")) {
      return BadInput("concentration_history", "give either concentration_history or a concentration and duration_s");
    }
    CHEMSAFE_ASSIGN_OR_RETURN(std::string rule_name, in.TextOr("load_rule", "trapezoid"));
    ToxicLoadOptions options;
    if (rule_name == "step") {
      options.rule = ToxicLoadRule::kStep;
    } else if (rule_name != "trapezoid") {
      return BadInput("load_rule", fmt::format("\"{}\" is not trapezoid or step", rule_name));
    }
    auto read_sample = [&](const ModelInputs& s) -> Result<ConcentrationSample> {
      CHEMSAFE_ASSIGN_OR_RETURN(double t, s.Number("time_s"));
      CHEMSAFE_ASSIGN_OR_RETURN(double c, concentration(s));
      return ConcentrationSample{.time_s = t, .concentration = c};
    };
    CHEMSAFE_ASSIGN_OR_RETURN(std::vector<ConcentrationSample> history,
                              ObjectArray<ConcentrationSample>(in, "concentration_history", read_sample));
    CHEMSAFE_ASSIGN_OR_RETURN(load, AsInput(ToxicLoad(constants, history, options)));
  } else {
    CHEMSAFE_ASSIGN_OR_RETURN(double c, concentration(in));
    CHEMSAFE_ASSIGN_OR_RETURN(double t, in.Positive("duration_s"));
    out["concentration"] = c;
    // L = C^n t in the constants' units: the load of a constant exposure.
    const ConcentrationSample constant[] = {{.time_s = 0, .concentration = c}, {.time_s = t, .concentration = c}};
    CHEMSAFE_ASSIGN_OR_RETURN(load, AsInput(ToxicLoad(constants, constant)));
  }
  if (load > 0) {
    CHEMSAFE_ASSIGN_OR_RETURN(double y, AsInput(ToxicProbitOfLoad(constants, load)));
    out.update(ProbitOutputs(y));
  } else {
    // No exposure: Y is minus infinity, which JSON cannot hold.
    out.update(json{{"y", nullptr}, {"probability", 0.0}});
  }
  out["toxic_load"] = load;
  out["concentration_unit"] = ConcentrationUnitName(constants.concentration_unit);
  out["time_unit"] = ExposureTimeUnitName(constants.time_unit);
  return out;
}

std::string ProbitKinds() {
  std::vector<std::string_view> kinds;
  for (const auto& [name, model] : kThermalKinds) kinds.push_back(name);
  for (const auto& [name, model] : kOverpressureKinds) kinds.push_back(name);
  kinds.push_back(kToxicKind);
  return fmt::format("{}", fmt::join(kinds, ", "));
}

Result<json> EvaluateProbit(const ModelInputs& in, const ToxicProbitTable* table) {
  CHEMSAFE_ASSIGN_OR_RETURN(std::string kind, in.Text("kind"));
  for (const auto& [name, model] : kThermalKinds) {
    if (kind == name) return ThermalProbitModelOutputs(in, model);
  }
  for (const auto& [name, model] : kOverpressureKinds) {
    if (kind == name) return OverpressureProbitModelOutputs(in, model);
  }
  if (kind == kToxicKind) return ToxicProbitModelOutputs(in, table);
  return BadInput("kind", fmt::format("unknown probit \"{}\" (known: {})", kind, ProbitKinds()));
}

// --- event_tree ----------------------------------------------------------------------------------------

Result<json> EvaluateEventTree(const ModelInputs& in) {
  const bool has_branches = in.Has("branch_probabilities");
  if (has_branches == in.Has("end_state_probabilities")) {
    return BadInput("branch_probabilities", "give either branch_probabilities or end_state_probabilities");
  }
  std::vector<double> end_states;
  if (has_branches) {
    CHEMSAFE_ASSIGN_OR_RETURN(std::vector<double> branches, NumberArray(in, "branch_probabilities"));
    CHEMSAFE_ASSIGN_OR_RETURN(end_states, AsInput(EventTreeEndStates(branches)));
  } else {
    CHEMSAFE_ASSIGN_OR_RETURN(end_states, NumberArray(in, "end_state_probabilities"));
  }
  json out{{"end_state_probabilities", end_states}};
  if (in.Has("initiating_frequency_per_yr")) {
    CHEMSAFE_ASSIGN_OR_RETURN(double f, in.Number("initiating_frequency_per_yr"));
    CHEMSAFE_ASSIGN_OR_RETURN(std::vector<double> frequencies, AsInput(EndStateFrequencies(f, end_states)));
    out["end_state_frequencies_per_yr"] = frequencies;
  } else if (!has_branches) {
    // The probabilities are passed through; still check that they form an exhaustive set.
    CHEMSAFE_RETURN_IF_ERROR(AsInput(EndStateFrequencies(0.0, end_states).status()));
  }
  return out;
}

// --- fn_curve ------------------------------------------------------------------------------------------

Result<FnCurvePoint> ReadLinePoint(const ModelInputs& p) {
  CHEMSAFE_ASSIGN_OR_RETURN(auto nf, NumberPair(p, "fatalities", "frequency_per_yr"));
  return FnCurvePoint{.fatalities = nf.first, .cumulative_frequency_per_yr = nf.second};
}

Result<json> EvaluateCriterion(const ModelInputs& in, const std::vector<FnCurvePoint>& curve) {
  const json& raw = in.Raw("criterion");
  if (!raw.is_object()) return BadInput("criterion", "must be an object {name, points, slope_beyond_last}");
  ModelInputs c(raw);
  FnCriterionLine line;
  auto read = [&]() -> Status {
    CHEMSAFE_ASSIGN_OR_RETURN(line.name, c.TextOr("name", "criterion"));
    CHEMSAFE_ASSIGN_OR_RETURN(line.points, ObjectArray<FnCurvePoint>(c, "points", ReadLinePoint));
    CHEMSAFE_ASSIGN_OR_RETURN(line.slope_beyond_last, c.Number("slope_beyond_last"));
    return c.CheckAllRead();
  };
  CHEMSAFE_RETURN_IF_ERROR(Within("criterion", read()));
  CHEMSAFE_ASSIGN_OR_RETURN(FnCheck check, AsInput(CheckFnCurve(curve, line)));
  return json{{"name", line.name},
              {"exceeded", check.exceeded},
              {"worst_ratio", check.worst_ratio},
              {"at_fatalities", check.at_fatalities}};
}

Result<json> EvaluateFnCurve(const ModelInputs& in) {
  auto read_scenario = [](const ModelInputs& s) -> Result<FnScenario> {
    CHEMSAFE_ASSIGN_OR_RETURN(auto fn, NumberPair(s, "frequency_per_yr", "fatalities"));
    return FnScenario{.frequency_per_yr = fn.first, .fatalities = fn.second};
  };
  CHEMSAFE_ASSIGN_OR_RETURN(std::vector<FnScenario> scenarios, ObjectArray<FnScenario>(in, "scenarios", read_scenario));
  CHEMSAFE_ASSIGN_OR_RETURN(std::vector<FnCurvePoint> curve, AsInput(FnCurve(scenarios)));
  json points = json::array();
  for (const FnCurvePoint& p : curve) {
    points.push_back({{"fatalities", p.fatalities}, {"cumulative_frequency_per_yr", p.cumulative_frequency_per_yr}});
  }
  json out{{"points", std::move(points)}, {"pll_per_yr", PllFromFnCurve(curve)}};
  if (in.Has("criterion")) {
    CHEMSAFE_ASSIGN_OR_RETURN(out["criterion"], EvaluateCriterion(in, curve));
  }
  return out;
}

}  // namespace

Status RegisterEffectsModels(ModelRegistry& registry, const ToxicProbitTable* table) {
  CHEMSAFE_RETURN_IF_ERROR(registry.Add(
      {"probit",
       "Probit Y and P = Phi(Y - 5): thermal (Eisenberg, Tsao & Perry, TNO, Lees), overpressure (Eisenberg/HSE lung, "
       "TNO head impact, structural collapse), toxic Y = a + b ln(C^n t) (Purple Book, CCPS)",
       [table](const ModelInputs& in) { return EvaluateProbit(in, table); }}));
  CHEMSAFE_RETURN_IF_ERROR(registry.Add(
      {"event_tree", "End-state probabilities and frequencies of a sequential event tree (HyRAM's definition)",
       EvaluateEventTree}));
  return registry.Add(
      {"fn_curve", "F-N curve F(N) = frequency of N or more fatalities, PLL, and a check against a criterion line",
       EvaluateFnCurve});
}

}  // namespace chemsafe::qra
