// The effect models of the qra registry (`chemsafe qra model`, the API, studies):
//
//   probit      inputs: kind, and by kind
//                 thermal_eisenberg | thermal_tsao_perry | thermal_tno | thermal_lees:
//                   heat_flux_w_m2, duration_s (thermal_lees also clothing_factor, default 0.5: Lees 1994)
//                 overpressure_eisenberg_lung | overpressure_hse_lung: overpressure_pa
//                 overpressure_tno_head_impact | overpressure_tno_structural: overpressure_pa, impulse_pa_s
//                 toxic: either constants {a, b, n, concentration_unit ("mg/m3" | "ppm"), time_unit ("min" | "s")}
//                   or substance (name or CAS in the toxic probit table given to RegisterEffectsModels) with
//                   probit_set ("purple_book", "ccps"; required when the substance is in several sets);
//                   and either a constant exposure, concentration + duration_s, or concentration_history
//                   [{time_s, concentration}, ...] with load_rule ("trapezoid" default | "step"); a concentration
//                   is in the constants' unit, or given as concentration_kg_m3 instead (converted: 1e6 for mg/m3;
//                   for ppm constants with molar_mass_kg_mol, temperature_k and pressure_pa, ideal gas)
//               outputs: y, probability (P = Phi(Y - 5)); thermal: thermal_dose ((W/m2)^(4/3) s);
//                 toxic: toxic_load ((concentration unit)^n x time unit), concentration_unit, time_unit,
//                 concentration (constant exposure, in the unit), for a substance its substance, cas, probit_set,
//                 source and grade; a zero load gives probability 0 and y null (minus infinity)
//   event_tree  inputs: branch_probabilities [p1, ...] (sequential tree: end state k = p_k prod_{j<k}(1 - p_j),
//                 last = nothing happened) or end_state_probabilities [...] (summing to 1); optionally
//                 initiating_frequency_per_yr
//               outputs: end_state_probabilities, and end_state_frequencies_per_yr with a frequency
//   fn_curve    inputs: scenarios [{frequency_per_yr, fatalities}, ...]; optionally criterion {name, points
//                 [{fatalities, frequency_per_yr}, ...], slope_beyond_last} (a line given as data; the GB 36894
//                 societal-risk lines are not shipped: not verified)
//               outputs: points [{fatalities, cumulative_frequency_per_yr}, ...] (F(N): frequency of N or more
//                 fatalities), pll_per_yr; with a criterion: criterion {exceeded, worst_ratio, at_fatalities}
//
// Sources: probits.h and risk_measures.h. Errors name the key ("inputs.constants.n: required",
// "inputs.scenarios[2].fatalities: must be at least 0 (is -1)").
//
// Thread-safety: the models only read the table, which must outlive the registry.
#pragma once

#include "chemsafe/core/result.h"
#include "chemsafe/qra/model_registry.h"
#include "chemsafe/qra/probits.h"

namespace chemsafe::qra {

// Adds probit, event_tree and fn_curve. `table` (may be null: then a toxic probit needs its constants)
// is where a toxic probit looks up a substance; it must outlive the registry.
Status RegisterEffectsModels(ModelRegistry& registry, const ToxicProbitTable* table);

}  // namespace chemsafe::qra
