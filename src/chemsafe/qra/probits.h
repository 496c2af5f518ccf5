// Probit effect models of a QRA: the probability of death from a probit value, the thermal dose and the
// thermal probits, the overpressure probits, and the toxic probit Y = a + b ln(C^n t) with its constants
// read from data (data/qra/toxic_probits.csv) and its toxic load over a sampled concentration history.
//
// Sources (the cases are in shared/reference/qra-cases.md):
//   - P = Phi(Y - 5): Finney, Probit Analysis (1971); Purple Book (CPR 18E) §5; case F3.
//   - Thermal dose D = t q^(4/3) (q in W/m2, t in s) and the probits Y = a + b ln(k D): Eisenberg et al.
//     (1975), Tsao & Perry (1979) in the Green/Purple Book form, TNO clothed (Purple Book), Lees (1994)
//     with the clothing factor k; constants as HyRAM's probit module states them (case C1).
//   - Overpressure probits (p in Pa, impulse in Pa s): Eisenberg lung haemorrhage, HSE lung (p in bar),
//     TNO head impact and TNO structural collapse (Green Book, CPR 16E), as HyRAM states them (case D6).
//   - Toxic probit: Purple Book (C in mg/m3, t in min) and CCPS / Crowl & Louvar (C in ppm, t in min);
//     the constants are data with a source tag and a grade, never constants of the code (case F2).
//
// Pure numerics, no I/O (the toxic probit table is parsed from a string). Safe to call concurrently.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "chemsafe/core/result.h"
#include "chemsafe/qra/data_table.h"

namespace chemsafe::qra {

// --- Probit and probability ---------------------------------------------------------------------------

// P = Phi(Y - 5), Phi the standard normal distribution function; 0 and 1 in the limits (Y = -100 -> 0,
// Y = 100 -> 1 exactly in double precision).
double ProbitToProbability(double y);

// The probit of a probability: Y = 5 + Phi^-1(P), for 0 < P < 1 (InvalidArgument naming `probability`
// otherwise). Accurate to 1e-12 in Y for P <= 0.97; nearer 1 the spacing of doubles limits it (1.8e-8 at
// Y = 11: 1.1e-16 divided by the normal density).
Result<double> ProbabilityToProbit(double probability);

// A probit of one variable, Y = a + b ln(k X): the thermal probits (X = thermal dose) and the lung
// overpressure probits (X = p).
struct LogProbit {
  double a = 0;
  double b = 1;
  double scale = 1;  // k; 1 unless the source multiplies X (Lees' clothing factor, HSE's Pa -> bar)

  // Y at x > 0 (InvalidArgument naming `name` otherwise).
  Result<double> Y(double x, std::string_view name) const;
  // The x at which the probit equals y: x = exp((y - a)/b)/k.
  double XForY(double y) const;
};

// --- Thermal radiation ---------------------------------------------------------------------------------

// Thermal dose D = t q^(4/3), in (W/m2)^(4/3) s (Eisenberg et al. 1975). Both inputs must be > 0, and
// errors name them (heat_flux_w_m2, duration_s).
Result<double> ThermalDose(double heat_flux_w_m2, double duration_s);

// Persisted in model inputs as the registry's kind names: append-only.
enum class ThermalProbitModel {
  kEisenberg,  // Y = -38.48 + 2.56 ln D (Eisenberg 1975; CCPS/C&L -14.9 + 2.56 ln(D/1e4) is the same line)
  kTsaoPerry,  // Y = -36.38 + 2.56 ln D (Tsao & Perry 1979 for infrared; the Green/Purple Book lethality form)
  kTno,        // Y = -37.23 + 2.56 ln D (TNO, clothed people; Purple Book)
  kLees,       // Y = -29.02 + 1.99 ln(k D), k = clothing factor (Lees 1994: 0.5 for normal clothing)
};

struct ThermalProbitOptions {
  // Lees' clothing factor k (Lees 1994; HyRAM): the fraction of the dose received through clothing.
  // Default: 0.5 (normal clothing). Used only by kLees.
  double lees_clothing_factor = 0.5;
};

// The constants of a thermal probit, Y = a + b ln(k D) with D in (W/m2)^(4/3) s.
LogProbit ThermalProbitConstants(ThermalProbitModel model, const ThermalProbitOptions& options = {});

// Y of a thermal dose (> 0; the error names `thermal_dose`).
Result<double> ThermalProbit(ThermalProbitModel model, double thermal_dose,
                             const ThermalProbitOptions& options = {});

// The heat flux (W/m2) at which an exposure of `duration_s` gives the probit `y` (Y = 5: 50 % fatality).
Result<double> ThermalFluxForProbit(ThermalProbitModel model, double y, double duration_s,
                                    const ThermalProbitOptions& options = {});

// --- Overpressure --------------------------------------------------------------------------------------

// Persisted in model inputs as the registry's kind names: append-only.
enum class OverpressureProbitModel {
  kEisenbergLung,          // Y = -77.1 + 6.91 ln p (lung haemorrhage; Eisenberg 1975)
  kHseLung,                // Y = 5.13 + 1.37 ln(p/1e5) (lung damage, p in bar; HSE)
  kTnoHeadImpact,          // Y = 5 - 8.49 ln(2430/p + 4e8/(p i)) (Green Book)
  kTnoStructuralCollapse,  // Y = 5 - 0.22 ln((40000/p)^7.4 + (460/i)^11.3) (Green Book)
};

// Whether the model needs the positive-phase impulse (the TNO head-impact and structural-collapse
// probits); the lung probits use the peak overpressure only.
bool NeedsImpulse(OverpressureProbitModel model);

// Y for a peak side-on overpressure p (Pa, > 0) and, where the model needs it, the impulse i (Pa s, > 0).
// Errors name overpressure_pa and impulse_pa_s (required by the TNO probits; InvalidArgument when given
// to a lung probit, so that a caller does not believe it was used).
Result<double> OverpressureProbit(OverpressureProbitModel model, double overpressure_pa,
                                  std::optional<double> impulse_pa_s = std::nullopt);

// The overpressure (Pa) at which a lung probit gives `y`; InvalidArgument for the TNO probits, which
// depend on the impulse too.
Result<double> OverpressureForProbit(OverpressureProbitModel model, double y);

// --- Toxic ---------------------------------------------------------------------------------------------

// Units of the toxic probit constants, as written in the `concentration_unit` and `time_unit` columns of
// data/qra/toxic_probits.csv ("mg/m3", "ppm"; "min", "s"): append-only.
enum class ConcentrationUnit { kMgPerM3, kPpm };
enum class ExposureTimeUnit { kMinute, kSecond };

std::string_view ConcentrationUnitName(ConcentrationUnit unit);
std::string_view ExposureTimeUnitName(ExposureTimeUnit unit);
std::optional<ConcentrationUnit> ConcentrationUnitFromName(std::string_view name);
std::optional<ExposureTimeUnit> ExposureTimeUnitFromName(std::string_view name);

// Molar gas constant R, J/(mol K): CODATA 2018, exact in the 2019 SI.
inline constexpr double kMolarGasConstantJMolK = 8.314462618;

// The gas whose mass concentration is converted to ppm: C_ppm = 1e6 c R T/(M p) (ideal gas). Every field is
// required (no default temperature: CCPS tables use 25 °C, others 20 °C; the caller states which).
struct PpmConversion {
  double molar_mass_kg_mol = 0;
  double temperature_k = 0;
  double pressure_pa = 0;
};

// A mass concentration (kg/m3, >= 0, as dispersion models give it) in `unit`: mg/m3 = 1e6 kg/m3; ppm by
// volume needs `ppm` (InvalidArgument naming molar_mass_kg_mol when it is absent; errors name its fields).
Result<double> ConcentrationInUnit(double concentration_kg_m3, ConcentrationUnit unit,
                                   const std::optional<PpmConversion>& ppm = std::nullopt);

// Y = a + b ln(C^n t), C in `concentration_unit`, t in `time_unit`. The units are part of the constants:
// the Purple Book uses mg/m3 and min, CCPS and Crowl & Louvar ppm and min.
struct ToxicProbitConstants {
  double a = 0;
  double b = 1;
  double n = 1;
  ConcentrationUnit concentration_unit = ConcentrationUnit::kMgPerM3;
  ExposureTimeUnit time_unit = ExposureTimeUnit::kMinute;

  // InvalidArgument naming b or n when b <= 0 or n <= 0.
  Status Check() const;
};

// Y of a constant concentration (in the constants' unit, > 0) held for duration_s (> 0).
Result<double> ToxicProbit(const ToxicProbitConstants& constants, double concentration, double duration_s);

// Y of a toxic load L = integral of C^n dt, in (concentration unit)^n x (time unit): Y = a + b ln L.
Result<double> ToxicProbitOfLoad(const ToxicProbitConstants& constants, double toxic_load);

// The concentration (in the constants' unit) that gives Y = 5 (50 % lethality) over duration_s: the
// LC50 of the probit, C = (exp((5 - a)/b)/t)^(1/n).
Result<double> ToxicLc50(const ToxicProbitConstants& constants, double duration_s);

// One sample of a concentration history at a receptor.
struct ConcentrationSample {
  double time_s = 0;
  double concentration = 0;  // in the probit constants' unit, >= 0
};

// How the toxic load is summed between samples. Append-only.
enum class ToxicLoadRule {
  kTrapezoid,  // (C_i^n + C_{i+1}^n)/2 (t_{i+1} - t_i): the trapezoid rule on C^n
  kStep,       // C_i^n (t_{i+1} - t_i): each sample held until the next (a stepwise history)
};

struct ToxicLoadOptions {
  ToxicLoadRule rule = ToxicLoadRule::kTrapezoid;  // Default: trapezoid rule
};

// Toxic load L = integral of C(t)^n dt over the history, in (concentration unit)^n x (the constants' time
// unit). At least two samples, times strictly increasing, concentrations >= 0; errors name the sample
// ("concentration_history[3].time_s: ...").
Result<double> ToxicLoad(const ToxicProbitConstants& constants, std::span<const ConcentrationSample> history,
                         const ToxicLoadOptions& options = {});

// --- The toxic probit table (data/qra/toxic_probits.csv) -----------------------------------------------

// One row: the constants of one substance from one source. A substance may have several rows (a set
// per source: "purple_book", "ccps"); the set tells them apart.
struct ToxicProbitEntry {
  std::string substance;  // "ammonia"
  std::string cas;        // "7664-41-7"
  std::string probit_set;  // "purple_book"
  ToxicProbitConstants constants;
  std::string source;  // where the constants come from, as the file says
  std::string grade;   // the strength of the source (S, M, D; shared/reference/qra-cases.md)
  int line = 0;        // 1-based line in the file
};

struct ToxicProbitTable {
  std::vector<ToxicProbitEntry> entries;

  // The entry of a substance by name (case-insensitive) or CAS number, from `probit_set` when given.
  // NotFound when there is none; InvalidArgument when the substance has entries in several sets and no
  // set is given (the message lists the sets).
  Result<const ToxicProbitEntry*> Find(std::string_view substance,
                                       std::optional<std::string_view> probit_set = std::nullopt) const;
};

// Parses the text of toxic_probits.csv (columns: substance, cas, probit_set, a, b, n, concentration_unit,
// time_unit, source, grade; see the file's header comment). Errors name "file:line:column".
Result<ToxicProbitTable> ParseToxicProbits(std::string_view text, std::string_view file_name);

}  // namespace chemsafe::qra
