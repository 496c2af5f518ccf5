// The dispersion models of the qra module in the registry of models by name (model_registry.h), for
// `chemsafe qra model`, the API and studies. Inputs and outputs are SI with the unit in the key; stability is
// a letter "A"-"F"; sigma_set one of the names of sigmas.h (an unknown one is an error naming the key and
// listing the known sets).
//
//   gaussian_plume   release_rate_kg_s, wind_speed_m_s, stability, release_height_m (default 0), sigma_set
//                    (default briggs_rural), x_m, y_m (default 0), z_m (default 0), ground_reflection
//                    ("total" default, "none"), averaging_time_s (optional: corrects sigma_y from 600 s)
//                    -> concentration_kg_m3, sigma_y_m, sigma_z_m (the sigmas only for x_m > 0)
//   gaussian_puff    mass_kg, wind_speed_m_s, stability, release_height_m (default 0), sigma_set (default
//                    ccps_puff), x_m, y_m (default 0), z_m (default 0), time_s, ground_reflection
//                    -> concentration_kg_m3, centre_x_m (= u t)
//   plume_footprint  the gaussian_plume release keys (no x_m, y_m, z_m) with either threshold_kg_m3 or
//                    toxic_load, toxic_load_exponent_n, exposure_time_s, toxic_load_concentration_unit_kg_m3
//                    and toxic_load_time_unit_s (both default 1, SI; Purple Book probits: 1e-6 and 60),
//                    receptor_height_m (default 0), samples (default 50) -> distance_m (null when not
//                    reached), isopleth_x_m, isopleth_half_width_m (arrays)
//   puff_footprint   the gaussian_puff release keys (no x_m, y_m, z_m, time_s) with either threshold_kg_m3
//                    (on the peak concentration as the centre passes) or toxic_load, toxic_load_exponent_n
//                    and the two unit keys (the load of the whole passage), receptor_height_m, samples
//                    -> distance_m, isopleth_x_m, isopleth_half_width_m
//   wind_profile     reference_speed_m_s, reference_height_m (default 10), height_m, stability, profile
//                    ("power_law" default, "tno_log"); power_law: exponent_set ("rural" default,
//                    "ccps_urban", "isc3_urban") -> wind_speed_m_s, exponent; tno_log: roughness_length_m
//                    (default 0.1) -> wind_speed_m_s, monin_obukhov_length_m (null for class D)
//   dense_gas        release ("continuous" | "instantaneous"); continuous: mass_rate_kg_s,
//                    volume_rate_m3_s; instantaneous: mass_kg, volume_m3; both: release_density_kg_m3,
//                    release_temperature_k, wind_speed_10m_m_s, air_density_kg_m3, air_temperature_k, x_m,
//                    gravity_m_s2 (default 9.80665), threshold_kg_m3 (optional)
//                    -> regime ("dense" | "passive"), criterion, criterion_threshold, recommended_model;
//                    when dense also concentration_kg_m3, concentration_ratio, alpha,
//                    dimensionless_distance, region, and distance_to_threshold_m when a threshold is given
//
// Thread-safety: call once while filling the registry; the entries are then safe to evaluate
// concurrently (they hold no state).
#pragma once

#include "chemsafe/core/status.h"
#include "chemsafe/qra/model_registry.h"

namespace chemsafe::qra {

// Registers the models above. AlreadyExists when a name is taken.
Status RegisterDispersionModels(ModelRegistry& registry);

}  // namespace chemsafe::qra
