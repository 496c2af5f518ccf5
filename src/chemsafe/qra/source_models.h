// The source-term models of the qra module (source_terms.h) in the registry of models by name
// (model_registry.h), for `chemsafe qra model`, the API and studies. Inputs and outputs are SI with the
// unit in the key; absolute pressures.
//
//   liquid_orifice    Bernoulli discharge of a liquid through a hole (CCPS 1999).
//       in:  density_kg_m3, hole_diameter_m, discharge_coefficient, pressure_pa, ambient_pressure_pa,
//            liquid_head_m (default 0), gravity_m_s2 (default 9.80665, standard gravity)
//       out: mass_rate_kg_s, exit_velocity_m_s
//   gas_orifice       isentropic ideal-gas discharge through a hole, choked or sub-critical (CCPS 1999).
//       in:  heat_capacity_ratio, pressure_pa, temperature_k, exactly one of molar_mass_kg_mol (ideal gas
//            density), substance (its molar mass, ideal gas) or density_kg_m3 (stagnation density),
//            hole_diameter_m, discharge_coefficient, ambient_pressure_pa
//       out: mass_rate_kg_s, choked, critical_pressure_ratio, throat_pressure_pa, throat_temperature_k,
//            throat_density_kg_m3, exit_velocity_m_s, density_kg_m3 (stagnation, as used)
//   flash_fraction    flashing of a superheated liquid to the pressure of its boiling point (Crowl &
//                     Louvar; CCPS 1999).
//       in:  heat_capacity_j_kg_k, temperature_k, boiling_point_k and heat_of_vaporization_j_kg (or
//            substance for both), method ("isenthalpic", default, or "exponential")
//       out: flash_fraction
//   pool_spread       gravity spreading of a spilt liquid up to a bund or a minimum thickness.
//       in:  exactly one of spill_volume_m3 (instantaneous) or spill_rate_m3_s (continuous since t = 0),
//            time_s, bund_area_m2 (default none), min_thickness_m (default 0.01, US EPA RMP),
//            gravity_m_s2 (default 9.80665)
//       out: pool_radius_m, pool_area_m2, pool_volume_m3, pool_thickness_m, limited_by ("spreading",
//            "bund", "min_thickness")
//   pool_evaporation  evaporation of a pool of given area.
//       in:  regime ("non_boiling" or "boiling"), pool_area_m2, and
//            non_boiling: wind_speed_m_s (at 10 m), temperature_k, vapour_pressure_pa and molar_mass_kg_mol
//              (or substance: Antoine at temperature_k, molar mass), correlation ("epa_rmp", default: US
//              EPA RMP OCA Guidance eq. D-1; or "mackay_matsugu" with schmidt_number)
//            boiling: time_s, ground_temperature_k, boiling_point_k and heat_of_vaporization_j_kg (or
//              substance for both), and either
//              ground ("concrete", "soil", "sand": DefaultGroundProperties) or both
//              ground_conductivity_w_m_k and ground_diffusivity_m2_s
//       out: evaporation_rate_kg_s; boiling also heat_flux_w_m2, evaporated_mass_kg (0 to time_s)
//
// `substance` is a name or CAS number of the substance table given to RegisterSourceModels
// (data/qra/qra_substances.csv); a property comes either from its key or from the substance, never both
// (an error names the key given twice). A model given a substance also outputs "substance" (its name)
// and the properties it took from the table, under their keys.
//
// Thread-safety: call once while filling the registry; the entries are then safe to evaluate
// concurrently.
#pragma once

#include "chemsafe/core/status.h"
#include "chemsafe/qra/model_registry.h"
#include "chemsafe/qra/substances.h"

namespace chemsafe::qra {

// Registers the models above. `substances` (may be null: then no model takes a substance) is copied.
// AlreadyExists when a name is taken.
Status RegisterSourceModels(ModelRegistry& registry, const SubstanceTable* substances = nullptr);

}  // namespace chemsafe::qra
