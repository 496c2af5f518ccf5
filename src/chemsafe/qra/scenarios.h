// Scenarios per unit (issue 5): the loss-of-containment (LOC) events of a major-hazard unit's holdings with
// generic frequencies, each split by an event tree of immediate and delayed ignition into outcomes whose
// effects are in the format of a study (study.h: "lethality_table", "model", "toxic_plume"), so that
// `chemsafe qra province` can run every unit of the registry through RunStudy.
//
// Sources and conventions (every number below is data or an option, with its source and grade of
// shared/reference/qra-cases.md):
//   - LOC events and frequencies: data/qra/loc_frequencies.csv, the Purple Book (CPR 18E, 2005, ch. 3)
//     generic values as recalled (grade M/U; verify against the book's tables). A storage unit holds gases
//     and liquefied gases in a pressurised storage vessel and liquids in an atmospheric single-containment
//     tank; a production unit holds everything in a process vessel (ScenarioOptions names the types).
//     Events: instantaneous (the whole inventory), continuous_10min (inventory / 600 s), continuous_10mm
//     (the 10 mm hole's discharge: liquid_orifice with the pressure above the liquid and a liquid head, or
//     gas_orifice for gases; a liquefied gas at its vapour pressure at the holding's temperature (Antoine,
//     or Clausius-Clapeyron through Tb and Tc outside the Antoine range),
//     discharged as liquid — Bernoulli without flashing in the hole, an upper bound of the two-phase rate).
//     A 10 mm hole that would empty the inventory faster than in 10 min is capped at the 10 min rate.
//   - Ignition: data/qra/ignition_probabilities.csv (Purple Book table 4.6 rows, grade M) gives immediate
//     ignition by release size; where a band has no delayed ignition (the Purple Book's rows) the delayed
//     ignition of the cloud that escaped immediate ignition is ScenarioOptions::delayed_ignition_probability.
//     A band's own p_delayed (HyRAM rows) is unconditional (HyRAM's definition) and used as it is.
//   - Outcomes. Flammable = the substance table gives a lower flammability limit and a heat of combustion
//     (LHV); toxic = the substance has a row of the chosen set in toxic_probits.csv. A gas's ignition category
//     is low reactivity for ScenarioOptions::low_reactivity_gases, average/high otherwise.
//       gases and pressurised liquefied gases: instantaneous -> immediate: BLEVE fireball (`fireball`, CCPS
//         correlation); delayed: vapour cloud explosion (`bst_blast`). Continuous -> immediate: jet fire
//         (`jet_fire`, the release rate and the table's LHV); delayed: explosion of the cloud built up over
//         ScenarioOptions::continuous_cloud_time_s. The Purple Book's flash fire branch of delayed ignition
//         is not modelled (it needs the LFL contour of a dispersion run): the explosion takes all of it.
//         Its footprint: the BST overpressure through a probit, or the Purple Book's 0.3 bar rule.
//       liquids (K1: flash point below ScenarioOptions::k1_flash_point_k): pool fire (`pool_fire`, the pool of
//         `pool_spread` within the bund or to the minimum thickness, Burgess burning rate) for immediate and
//         delayed ignition alike. No explosion: an atmospheric liquid has no flashing mass; its vapour cloud
//         is formed by pool evaporation, small next to the pool fire, and the Purple Book ignites it as a flash
//         fire, not an explosion. Liquids above the K1 flash point have no ignition row here: no fire branch.
//       toxic: a Gaussian plume per weather class (`toxic_plume`) at the release rate (a liquid: at the
//         evaporation rate of its pool, US EPA RMP eq. D-1); an instantaneous release of a gas or liquefied gas
//         is approximated as the inventory over ScenarioOptions::instantaneous_toxic_duration_s. A puff model
//         (with the toxic load of its passage) would be better for instantaneous releases; dense-gas effects
//         are not modelled. Exposure = the release duration, at most max_toxic_exposure_s.
//       a toxic AND flammable substance (ammonia, H2S, CO, HCN, …): both branches, as the Purple Book does —
//         the ignited end states are fires/explosions, the non-ignited end state is the toxic plume.
//       a flammable, non-toxic substance: the non-ignited end state carries no outcome (no lethality).
//   - Probits and indoor factors are options with their sources (ScenarioOptions).
// Holdings the models do not cover (solids, substances in neither table or neither flammable nor toxic,
// missing data) are listed in ScenarioSet::skipped with the reason, never dropped silently.
//
// Pure: no I/O (the tables are parsed from strings). Thread-safe: GenerateScenarios only reads its inputs.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "chemsafe/core/result.h"
#include "chemsafe/qra/probits.h"
#include "chemsafe/qra/risk_measures.h"
#include "chemsafe/qra/substances.h"

namespace chemsafe::qra {

// --- Generic LOC frequencies (data/qra/loc_frequencies.csv) -------------------------------------------

struct LocFrequency {
  std::string equipment;       // "pressurised_storage_vessel"
  std::string loc_event;       // "instantaneous", "continuous_10min", "continuous_10mm", "full_bore_rupture", "leak"
  double frequency = 0;        // > 0, in frequency_unit
  std::string frequency_unit;  // "per_yr" or "per_m_yr" (pipes)
  std::string source;
  std::string grade;  // S, M, D, U
  int line = 0;       // 1-based line in the file
};

struct LocFrequencyTable {
  std::vector<LocFrequency> rows;
  // The rows of one equipment type in file order (empty when there are none).
  std::vector<const LocFrequency*> ForEquipment(std::string_view equipment) const;
};

// Parses loc_frequencies.csv (columns: equipment, loc_event, frequency, frequency_unit, source, grade). An
// (equipment, loc_event) pair appears once. Errors are InvalidArgument naming "file:line:column".
Result<LocFrequencyTable> ParseLocFrequencies(std::string_view text, std::string_view file_name);

// --- Units and holdings ------------------------------------------------------------------------------

enum class UnitKind { kStorage, kProduction };
// Persisted as "gas", "liquefied_gas", "liquid", "solid".
enum class HoldingState { kGas, kLiquefiedGas, kLiquid, kSolid };
Result<HoldingState> ParseHoldingState(std::string_view text);
std::string_view HoldingStateName(HoldingState state);

struct QraHolding {
  std::string cas;   // may be empty when the name is given
  std::string name;  // English name; may be empty when the CAS number is given
  double quantity_kg = 0;
  HoldingState state = HoldingState::kLiquid;
  std::optional<double> pressure_pa;     // absolute; required for a gas
  std::optional<double> temperature_k;   // Default: ScenarioOptions::default_temperature_k
};

struct QraUnit {
  std::string id;
  UnitKind kind = UnitKind::kStorage;
  std::vector<QraHolding> holdings;
};

struct BstCurves;  // explosions.h

// The tables the generator reads (borrowed; they must outlive the call).
struct ScenarioData {
  const LocFrequencyTable* loc = nullptr;
  const IgnitionTable* ignition = nullptr;
  const SubstanceTable* substances = nullptr;
  const ToxicProbitTable* toxic_probits = nullptr;
  // The BST curves (ParseBstCurves of data/qra/blast/bst_curves_ccps_cpqra.csv); needed only for
  // OverpressureLethality::kPurpleBook0_3Bar.
  const BstCurves* bst_curves = nullptr;
};

// How an explosion's footprint is given.
enum class OverpressureLethality {
  kProbit,              // `bst_blast` through the `probit` model (ScenarioOptions::overpressure_probit)
  kPurpleBook0_3Bar,    // Purple Book ch. 5 (M): P = 1 where the overpressure exceeds 0.3 bar, else 0, as a
                        // lethality_table to the BST distance of 0.3 bar
};

struct ScenarioOptions {
  // Equipment types of loc_frequencies.csv by unit and state (see the header comment).
  std::string pressurised_storage_equipment = "pressurised_storage_vessel";       // gases, liquefied gases
  std::string atmospheric_storage_equipment = "atmospheric_tank_single_containment";  // liquids
  std::string production_equipment = "process_vessel";                             // any state
  // The holding's temperature when it gives none. Default: 293.15 K (20 °C).
  double default_temperature_k = 293.15;
  double ambient_pressure_pa = 101325.0;  // Default: standard atmosphere
  // A liquefied gas outside its Antoine range (light gases' ranges end below 20 °C): the Clausius-Clapeyron
  // line through the normal boiling and critical points (Poling et al. 5th ed. §7-2). Default: true
  // (propane at 20 °C: 0.84 MPa against 0.84 MPa tabulated); false skips such holdings.
  bool vapour_pressure_fallback = true;
  // 10 mm hole (CCPS 1999 ch. 2 / Crowl & Louvar): the hole, its discharge coefficient and the liquid head.
  double hole_diameter_m = 0.010;               // Default: 10 mm (the Purple Book's small LOC)
  double liquid_discharge_coefficient = 0.61;   // Default: 0.61, sharp-edged orifice (CCPS 1999 ch. 2)
  double gas_discharge_coefficient = 1.0;       // Default: 1, Crowl & Louvar's conservative value
  double liquid_head_m = 2.0;                   // Default: 2 m of liquid above the hole (assumption, U)
  // Ratio of heat capacities of a released gas (not in the substance table). Default: 1.3 (assumption,
  // U: between 1.13 for propane and 1.4 for diatomic gases; Crowl & Louvar table of k).
  double gas_heat_capacity_ratio = 1.3;
  // Duration of the continuous_10min event. Default: 600 s (Purple Book ch. 3 definition).
  double ten_minute_release_s = 600.0;
  // Ignition: the table and categories of ignition_probabilities.csv.
  std::string ignition_table = "purple_book_4_6";
  std::string liquid_ignition_category = "K1_liquid";
  std::string gas_ignition_category = "gas_average_high_reactivity";
  std::string low_reactivity_gas_category = "gas_low_reactivity";
  // Gases of low reactivity in the Purple Book's sense (names or CAS numbers). Default: methane, ammonia,
  // carbon monoxide (Purple Book table 4.6 note as recalled, M).
  std::vector<std::string> low_reactivity_gases = {"74-82-8", "7664-41-7", "630-08-0"};
  // K1 liquid: flash point below 21 °C (Purple Book / Dutch PGS classes, M).
  double k1_flash_point_k = 294.15;
  // Delayed ignition given no immediate ignition, where the band gives none. Default: 0.5 (assumption, U:
  // the Purple Book ignites the cloud at ignition sources on the map (ch. 4), not by a table; set the site's).
  double delayed_ignition_probability = 0.5;
  // Explosions (`bst_blast`): flame Mach number (CCPS 2000 BST, medium congestion, 2D: 0.35, M), the share
  // of the cloud in congestion (Default 1: all of it, an upper bound), and the time over which a continuous
  // release builds its cloud (Default: 60 s, assumption U).
  double flame_mach_number = 0.35;
  double explosion_fuel_fraction = 1.0;
  double continuous_cloud_time_s = 60.0;
  // Fires: thermal probit kind of the `probit` model (Default: thermal_tno, the Green/Purple Book form
  // Y = -36.38 + 2.56 ln(q^(4/3) t)), exposure at most 20 s (Purple Book ch. 5, M), the jet fire's radiant
  // fraction (Default: 0.2, CCPS 1999 ch. 3 for light hydrocarbons, M), the fireball's SEP (CCPS 350 kW/m2).
  std::string thermal_probit = "thermal_tno";
  double max_thermal_exposure_s = 20.0;
  double jet_radiant_fraction = 0.2;
  double fireball_sep_w_m2 = 350.0e3;
  // Pool fires: bund area (Default: none, open ground to pool_min_thickness_m), minimum thickness (US EPA
  // RMP 1 cm), liquid heat capacity for the Burgess burning rate (not in the table; Default 2000 J/(kg K),
  // typical hydrocarbon, assumption U).
  // The pool is taken as it is pool_spread_time_s after the spill started (Default: 600 s, assumption U),
  // or at the end of a shorter release, or at its limit.
  std::optional<double> bund_area_m2;
  double pool_min_thickness_m = 0.01;
  double pool_spread_time_s = 600.0;
  double liquid_heat_capacity_j_kg_k = 2000.0;
  // Overpressure: the probit kind (Default: overpressure_eisenberg_lung, Eisenberg 1975 via the HSE) or the
  // Purple Book's 0.3 bar rule (its threshold an option, M), with the BST model's conventions: combustion
  // energy x ground_reflection_factor (Default 2, a ground-level cloud, as `bst_blast`), ambient pressure.
  OverpressureLethality overpressure_lethality = OverpressureLethality::kProbit;
  std::string overpressure_probit = "overpressure_eisenberg_lung";
  double lethal_overpressure_pa = 0.3e5;
  double ground_reflection_factor = 2.0;
  // Toxic: the probit set, exposure cap (Purple Book 30 min), the duration over which an instantaneous
  // release is spread (Default: 60 s, assumption U; a puff model would be better), release height and
  // sigma set of the plume.
  std::string toxic_probit_set = "purple_book";
  double max_toxic_exposure_s = 1800.0;
  double instantaneous_toxic_duration_s = 60.0;
  // A toxic liquid's vapour source: its pool's evaporation (US EPA RMP OCA Guidance 1999 eq. D-1) at this
  // wind speed (Default: 1.5 m/s, the RMP worst case).
  double evaporation_wind_speed_m_s = 1.5;
  double release_height_m = 1.0;
  std::string sigma_set = "briggs_rural";
  // Indoor lethality factors (Purple Book ch. 5, M): toxic 0.1; heat radiation 0 (outside the flame);
  // explosion 1 (taken for the whole footprint, an upper bound of the Purple Book's 0.3 bar rule).
  double indoor_factor_toxic = 0.1;
  double indoor_factor_fire = 0.0;
  double indoor_factor_explosion = 1.0;
};

struct GeneratedOutcome {
  std::string id;                // "jet fire"
  double probability = 0;        // conditional on the LOC event
  double indoor_lethality_factor = 0;
  nlohmann::json effect;         // the study's "effect"
};

struct GeneratedScenario {
  std::string id;  // "unit U1 / propane / instantaneous"
  double frequency_per_yr = 0;
  std::string basis;  // the sources and assumptions
  std::vector<GeneratedOutcome> outcomes;
};

struct SkippedHolding {
  std::string holding;  // its name or CAS number
  std::string reason;
};

struct ScenarioSet {
  std::vector<GeneratedScenario> scenarios;
  std::vector<SkippedHolding> skipped;
};

// The scenarios of a unit. InvalidArgument for a malformed unit (its id empty, a quantity <= 0, errors
// naming "holdings[i].quantity_kg") or missing tables; holdings the models do not cover go to `skipped`.
Result<ScenarioSet> GenerateScenarios(const QraUnit& unit, const ScenarioData& data, const ScenarioOptions& options = {});

// The study's "scenarios" array of an installation, every scenario at the source point (x_m, y_m).
nlohmann::json ScenariosJson(const std::vector<GeneratedScenario>& scenarios, double x_m, double y_m);

}  // namespace chemsafe::qra
