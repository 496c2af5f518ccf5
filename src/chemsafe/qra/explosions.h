// Explosions of the qra module (issue 5): TNT equivalence, the TNT blast curves (Kingery–Bulmash by
// polynomial and by table, Crowl & Louvar), the Baker–Strehlow–Tang vapour-cloud-explosion curves, and the
// energy scaling shared by BST and the TNO Multi-Energy method.
//
// Sources:
// - Kingery & Bulmash (1984) hemispherical surface burst of TNT, as fitted by Swisdak (1994), "Simplified
//   Kingery Airblast Calculations", and tabulated in UFC 3-340-02 (2008) ch. 2: ln y = sum c_i (ln Z)^i.
//   The table data/qra/blast/kingery_bulmash_hemispherical_si.csv (case D1) is parsed from text passed in.
// - Crowl & Louvar, Chemical Process Safety (3rd ed., 2011) ch. 6 (case D2): a fit of the scaled overpressure of TNT.
// - TNT equivalence W = eta m dHc / E_TNT (CCPS 1999 ch. 3; HyRAM, case D3); yield and E_TNT explicit.
// - Baker–Strehlow–Tang curves as digitised from the CCPS CPQRA (2000) spreadsheet
//   (data/qra/blast/bst_curves_ccps_cpqra.csv, CC BY-SA 4.0, Allan Farrell; case D4), parsed from text
//   passed in: log-log along a curve, linear in the flame Mach number between curves.
// - TNO Multi-Energy (Van den Berg 1985; Yellow Book CPR 14E ch. 5): only the Sachs energy scaling
//   R' = R / (E/p0)^(1/3) (EnergyScaledDistance) is here. No Multi-Energy curve data is available to this
//   project (case D7 is a gap), so no Multi-Energy overpressure is computed; no curve is invented.
//
// Which TNT curve: Kingery–Bulmash is the hemispherical (ground-burst) curve and already includes ground
// reflection; Crowl & Louvar is a different fit, 1.3–1.6 times KB at the same Z (case D2). Callers choose
// one per method; nothing here mixes them. No Sachs altitude scaling: the TNT curves are for sea level.
//
// Units SI: m, kg, Pa, J; scaled distance Z in m/kg^(1/3); scaled impulse in Pa s/kg^(1/3)
// (1 kPa ms = 1 Pa s).
//
// Pure: no I/O. Safe to call concurrently; the parsed tables are immutable values.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "chemsafe/core/result.h"

namespace chemsafe::qra {

// ---------------------------------------------------------------------------------------------------
// TNT equivalence

struct TntEquivalence {
  double yield = 0;                  // eta, the fraction of the combustion energy in the blast (e.g. 0.03)
  double tnt_blast_energy_j_kg = 0;  // E_TNT (e.g. 4.68e6 HyRAM, 4.184e6 nominal, 4.52e6 Chinese texts)
};
// W_TNT = eta · m · dHc / E_TNT (kg).
Result<double> TntEquivalentMassKg(double fuel_mass_kg, double heat_of_combustion_j_kg,
                                   const TntEquivalence& equivalence);
// Hopkinson–Cranz scaled distance Z = R / W^(1/3) (m/kg^(1/3)).
Result<double> ScaledDistanceMKg13(double distance_m, double tnt_mass_kg);

// ---------------------------------------------------------------------------------------------------
// Kingery–Bulmash hemispherical TNT surface burst

// Swisdak (1994) polynomials; each is valid on its own range of Z and fails outside it:
// incident overpressure 0.2 <= Z <= 198.5, incident impulse 0.2 <= Z <= 158.7.
Result<double> KingeryBulmashOverpressurePa(double scaled_distance_m_kg13);
Result<double> KingeryBulmashScaledImpulsePaSKg13(double scaled_distance_m_kg13);

// The tabulated curve, e.g. data/qra/blast/kingery_bulmash_hemispherical_si.csv.
struct KingeryBulmashTable {
  struct Row {
    double scaled_distance_m_kg13 = 0;
    double overpressure_pa = 0;
    std::optional<double> scaled_impulse_pa_s_kg13;  // blank in the table beyond its impulse range
  };
  std::vector<Row> rows;  // strictly increasing scaled distance
};
// Parses CSV text: '#' lines are comments; the header names the columns Z_m_per_kg13, Ps_kPa and
// is_kPa_ms_per_kg13 (others are ignored). InvalidArgument naming the line for a malformed row.
Result<KingeryBulmashTable> ParseKingeryBulmashTable(std::string_view csv_text);
// Log-log interpolation between the rows around Z; InvalidArgument outside the table (or, for the
// impulse, outside the rows that have one).
Result<double> InterpolateOverpressurePa(const KingeryBulmashTable& table, double scaled_distance_m_kg13);
Result<double> InterpolateScaledImpulsePaSKg13(const KingeryBulmashTable& table, double scaled_distance_m_kg13);

// ---------------------------------------------------------------------------------------------------
// Crowl & Louvar TNT fit

// p_o/p_a = 1616 [1 + (z/4.5)^2] / sqrt([1 + (z/0.048)^2][1 + (z/0.32)^2][1 + (z/1.35)^2]).
Result<double> CrowlLouvarScaledOverpressure(double scaled_distance_m_kg13);

// ---------------------------------------------------------------------------------------------------
// Energy scaling (BST, Multi-Energy)

// Standard atmosphere (ISO 2533), Pa.
inline constexpr double kStandardAtmosphereSeaLevelPa = 101325.0;

struct BlastEnergyOptions {
  // E = factor · m · dHc. Default 2: the cloud on the ground bursts as a hemisphere, its energy doubled
  // to use the free-air curves (CCPS CPQRA 2000; HyRAM's BST, case D4).
  double ground_reflection_factor = 2.0;
  double ambient_pressure_pa = kStandardAtmosphereSeaLevelPa;  // Default: 101325 Pa
};
// E = factor · combustion_energy_j (J).
Result<double> BlastEnergyJ(double combustion_energy_j, const BlastEnergyOptions& options);
// Sachs scaling R' = R / (E/p0)^(1/3) (dimensionless), used by BST and TNO Multi-Energy.
Result<double> EnergyScaledDistance(double distance_m, double energy_j, double ambient_pressure_pa);

// ---------------------------------------------------------------------------------------------------
// Baker–Strehlow–Tang

struct BstCurves {
  struct Curve {
    double flame_mach_number = 0;
    // (R', dp/p0) points, strictly increasing R'.
    std::vector<double> scaled_distance;
    std::vector<double> scaled_overpressure;
  };
  std::vector<Curve> curves;  // strictly increasing flame Mach number
};
// Parses CSV text with the header "Mf,Scaled Distance,Overpressure" ('#' lines are comments); rows of
// one curve are contiguous and ordered by distance.
Result<BstCurves> ParseBstCurves(std::string_view csv_text);
// dp/p0 at scaled distance R' for flame Mach number Mf: log-log along each curve, linear in Mf between
// the two curves around it. InvalidArgument when Mf is outside the curves or R' outside a curve used.
Result<double> BstScaledOverpressure(const BstCurves& curves, double flame_mach_number, double scaled_distance);

}  // namespace chemsafe::qra
