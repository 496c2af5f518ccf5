// The substance property table of the QRA engine: one row per substance with the properties that the
// source-term, dispersion and fire models need, parsed from the text of data/qra/qra_substances.csv
// (columns and units in shared/data/qra/README.md and data/qra/PROVENANCE.md: derived from the
// CalebBell/chemicals tables, MIT; flammability limits IEC 60079-20-1:2010, Antoine constants from
// Poling et al., *The Properties of Gases and Liquids* 5th ed., densities DIPPR 105 and heats of
// vaporisation DIPPR 106 via Perry's, heats of combustion from ATcT 1.112).
//
// The table is read from a string (the caller reads the file): no I/O here. Values are converted to SI on
// parsing (g/mol -> kg/mol, kJ/kg -> J/kg, MJ/kg -> J/kg); a blank cell is "no data" (std::nullopt). A
// UTF-8 byte-order mark and CRLF line ends are accepted.
//
// Thread-safety: a SubstanceTable is immutable after parsing; safe to read concurrently.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "chemsafe/core/result.h"

namespace chemsafe::qra {

// Antoine equation as tabulated: log10(P/Pa) = a - b/(T/K + c), valid from t_min_k to t_max_k.
struct AntoineConstants {
  double a = 0, b = 0, c = 0;
  double t_min_k = 0, t_max_k = 0;
};

struct Substance {
  std::string name;     // English name as in the table ("n-butane", "1,3-butadiene")
  std::string cas;      // "106-97-8"
  std::string formula;  // Hill-style formula as in the table ("C4H10")
  double molar_mass_kg_mol = 0;
  std::optional<double> normal_boiling_point_k;  // DIPPR 101 at 101325 Pa
  std::optional<double> critical_temperature_k;
  std::optional<double> critical_pressure_pa;
  std::optional<double> lower_flammability_limit_volfrac;
  std::optional<double> upper_flammability_limit_volfrac;
  std::optional<double> flash_point_k;
  std::optional<double> autoignition_temperature_k;
  std::string flammability_source;  // "IEC 60079-20-1:2010"; empty when the row has none
  std::optional<AntoineConstants> antoine;
  std::optional<double> liquid_density_kg_m3;  // at liquid_density_temperature_k
  std::optional<double> liquid_density_temperature_k;
  std::optional<double> heat_of_vaporization_j_kg;  // at the normal boiling point
  std::optional<double> lower_heating_value_j_kg;   // gas phase, 298 K, water as vapour
};

class SubstanceTable {
 public:
  SubstanceTable() = default;

  const std::vector<Substance>& substances() const { return substances_; }
  // By CAS number ("7664-41-7"); nullptr when absent.
  const Substance* FindByCas(std::string_view cas) const;
  // By English name, ASCII case-insensitive ("Ammonia"); nullptr when absent.
  const Substance* FindByName(std::string_view name) const;
  // By CAS number or name; NotFound naming the key.
  Result<const Substance*> Lookup(std::string_view name_or_cas) const;

 private:
  friend Result<SubstanceTable> ParseSubstanceTable(std::string_view csv_text, std::string_view file_name);
  std::vector<Substance> substances_;
  std::map<std::string, std::size_t, std::less<>> by_cas_;
  std::map<std::string, std::size_t, std::less<>> by_name_;  // lower-case ASCII
};

// Parses the CSV text of qra_substances.csv: lines starting with '#' are comments; the first other line is
// the header, which must hold every column of the README (in any order; other columns are ignored); cells
// may be quoted ("1,3-butadiene"). name, CAS and MW_g_mol are required on each row; the CAS number must
// be valid (check digit); names and CAS numbers must be unique. Errors are InvalidArgument
// "file:row:column: what" (1-based line number in the file and column number).
Result<SubstanceTable> ParseSubstanceTable(std::string_view csv_text, std::string_view file_name);

// Vapour pressure by the substance's Antoine constants, Pa. FailedPrecondition when the row has no
// Antoine constants; InvalidArgument when the temperature is outside their range (no extrapolation).
Result<double> AntoineVapourPressurePa(const Substance& substance, double temperature_k);

// The same by name or CAS number in `table` (NotFound for an unknown key).
Result<double> AntoineVapourPressurePa(const SubstanceTable& table, std::string_view name_or_cas, double temperature_k);
// The molar mass, kg/mol, by name or CAS number (NotFound for an unknown key).
Result<double> MolarMassKgMol(const SubstanceTable& table, std::string_view name_or_cas);

}  // namespace chemsafe::qra
