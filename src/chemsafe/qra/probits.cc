#include "chemsafe/qra/probits.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <set>
#include <utility>

#include <fmt/format.h>

#include "chemsafe/core/ids.h"

namespace chemsafe::qra {
namespace {

Status MustBePositive(std::string_view name, double value) {
  if (value > 0 && std::isfinite(value)) return Status::Ok();
  return InvalidArgument(fmt::format("{}: must be greater than 0 (is {})", name, value));
}

// Time in the constants' unit of an exposure of `seconds`.
double InTimeUnit(ExposureTimeUnit unit, double seconds) {
  switch (unit) {
    case ExposureTimeUnit::kMinute: return seconds / 60.0;
    case ExposureTimeUnit::kSecond: return seconds;
  }
  return seconds;
}

bool EqualsIgnoringAsciiCase(std::string_view x, std::string_view y) {
  return std::equal(x.begin(), x.end(), y.begin(), y.end(), [](char c, char d) {
    auto lower = [](char ch) { return ch >= 'A' && ch <= 'Z' ? static_cast<char>(ch - 'A' + 'a') : ch; };
    return lower(c) == lower(d);
  });
}

}  // namespace

// --- Probit and probability ---------------------------------------------------------------------------

double ProbitToProbability(double y) { return 0.5 * std::erfc(-(y - 5.0) / std::sqrt(2.0)); }

Result<double> ProbabilityToProbit(double probability) {
  if (!(probability > 0 && probability < 1)) {
    return InvalidArgument(fmt::format("probability: must be between 0 and 1, exclusive (is {})", probability));
  }
  // Bisection on Phi, which erfc gives to full relative precision in both tails: |Y - 5| < 40 covers
  // every probability a double can hold apart from 0 and 1.
  double lo = -40.0, hi = 40.0;
  while (hi - lo > 1e-13) {
    const double mid = 0.5 * (lo + hi);
    if (ProbitToProbability(mid + 5.0) < probability) {
      lo = mid;
    } else {
      hi = mid;
    }
  }
  return 5.0 + 0.5 * (lo + hi);
}

Result<double> LogProbit::Y(double x, std::string_view name) const {
  CHEMSAFE_RETURN_IF_ERROR(MustBePositive(name, x));
  return a + b * std::log(scale * x);
}

double LogProbit::XForY(double y) const { return std::exp((y - a) / b) / scale; }

// --- Thermal radiation ---------------------------------------------------------------------------------

Result<double> ThermalDose(double heat_flux_w_m2, double duration_s) {
  CHEMSAFE_RETURN_IF_ERROR(MustBePositive("heat_flux_w_m2", heat_flux_w_m2));
  CHEMSAFE_RETURN_IF_ERROR(MustBePositive("duration_s", duration_s));
  return duration_s * std::pow(heat_flux_w_m2, 4.0 / 3.0);
}

LogProbit ThermalProbitConstants(ThermalProbitModel model, const ThermalProbitOptions& options) {
  // The constants as HyRAM's probit module and its hand calculations state them (case C1).
  switch (model) {
    case ThermalProbitModel::kEisenberg: return {.a = -38.48, .b = 2.56, .scale = 1.0};
    case ThermalProbitModel::kTsaoPerry: return {.a = -36.38, .b = 2.56, .scale = 1.0};
    case ThermalProbitModel::kTno: return {.a = -37.23, .b = 2.56, .scale = 1.0};
    case ThermalProbitModel::kLees: return {.a = -29.02, .b = 1.99, .scale = options.lees_clothing_factor};
  }
  return {};
}

Result<double> ThermalProbit(ThermalProbitModel model, double thermal_dose, const ThermalProbitOptions& options) {
  CHEMSAFE_RETURN_IF_ERROR(MustBePositive("lees_clothing_factor", options.lees_clothing_factor));
  return ThermalProbitConstants(model, options).Y(thermal_dose, "thermal_dose");
}

Result<double> ThermalFluxForProbit(ThermalProbitModel model, double y, double duration_s,
                                    const ThermalProbitOptions& options) {
  CHEMSAFE_RETURN_IF_ERROR(MustBePositive("duration_s", duration_s));
  CHEMSAFE_RETURN_IF_ERROR(MustBePositive("lees_clothing_factor", options.lees_clothing_factor));
  const double dose = ThermalProbitConstants(model, options).XForY(y);
  return std::pow(dose / duration_s, 3.0 / 4.0);
}

// --- Overpressure --------------------------------------------------------------------------------------

namespace {

// The lung probits as HyRAM states them (case D6): Eisenberg with p in Pa, HSE with p in bar.
std::optional<LogProbit> LungProbit(OverpressureProbitModel model) {
  switch (model) {
    case OverpressureProbitModel::kEisenbergLung: return LogProbit{.a = -77.1, .b = 6.91, .scale = 1.0};
    case OverpressureProbitModel::kHseLung: return LogProbit{.a = 5.13, .b = 1.37, .scale = 1e-5};
    case OverpressureProbitModel::kTnoHeadImpact:
    case OverpressureProbitModel::kTnoStructuralCollapse: return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace

bool NeedsImpulse(OverpressureProbitModel model) { return !LungProbit(model).has_value(); }

Result<double> OverpressureProbit(OverpressureProbitModel model, double overpressure_pa,
                                  std::optional<double> impulse_pa_s) {
  CHEMSAFE_RETURN_IF_ERROR(MustBePositive("overpressure_pa", overpressure_pa));
  if (std::optional<LogProbit> lung = LungProbit(model)) {
    if (impulse_pa_s.has_value()) {
      return InvalidArgument("impulse_pa_s: not used by the lung probits (peak overpressure only)");
    }
    return lung->Y(overpressure_pa, "overpressure_pa");
  }
  if (!impulse_pa_s.has_value()) {
    return InvalidArgument("impulse_pa_s: required by the TNO head-impact and structural-collapse probits");
  }
  const double p = overpressure_pa;
  const double i = *impulse_pa_s;
  CHEMSAFE_RETURN_IF_ERROR(MustBePositive("impulse_pa_s", i));
  if (model == OverpressureProbitModel::kTnoHeadImpact) {
    // Green Book (CPR 16E), whole-body displacement, head impact: Y = 5 - 8.49 ln(2430/p + 4e8/(p i)).
    return 5.0 - 8.49 * std::log(2430.0 / p + 4e8 / (p * i));
  }
  // Green Book (CPR 16E), structural collapse: Y = 5 - 0.22 ln((40000/p)^7.4 + (460/i)^11.3).
  return 5.0 - 0.22 * std::log(std::pow(40000.0 / p, 7.4) + std::pow(460.0 / i, 11.3));
}

Result<double> OverpressureForProbit(OverpressureProbitModel model, double y) {
  std::optional<LogProbit> lung = LungProbit(model);
  if (!lung.has_value()) {
    return InvalidArgument("model: the TNO probits depend on the impulse too; no single overpressure gives a probit");
  }
  return lung->XForY(y);
}

// --- Toxic ---------------------------------------------------------------------------------------------

std::string_view ConcentrationUnitName(ConcentrationUnit unit) {
  switch (unit) {
    case ConcentrationUnit::kMgPerM3: return "mg/m3";
    case ConcentrationUnit::kPpm: return "ppm";
  }
  return "?";
}

std::string_view ExposureTimeUnitName(ExposureTimeUnit unit) {
  switch (unit) {
    case ExposureTimeUnit::kMinute: return "min";
    case ExposureTimeUnit::kSecond: return "s";
  }
  return "?";
}

std::optional<ConcentrationUnit> ConcentrationUnitFromName(std::string_view name) {
  for (ConcentrationUnit u : {ConcentrationUnit::kMgPerM3, ConcentrationUnit::kPpm}) {
    if (ConcentrationUnitName(u) == name) return u;
  }
  return std::nullopt;
}

std::optional<ExposureTimeUnit> ExposureTimeUnitFromName(std::string_view name) {
  for (ExposureTimeUnit u : {ExposureTimeUnit::kMinute, ExposureTimeUnit::kSecond}) {
    if (ExposureTimeUnitName(u) == name) return u;
  }
  return std::nullopt;
}

Result<double> ConcentrationInUnit(double concentration_kg_m3, ConcentrationUnit unit,
                                   const std::optional<PpmConversion>& ppm) {
  if (!(concentration_kg_m3 >= 0) || !std::isfinite(concentration_kg_m3)) {
    return InvalidArgument(fmt::format("concentration_kg_m3: must be at least 0 (is {})", concentration_kg_m3));
  }
  switch (unit) {
    case ConcentrationUnit::kMgPerM3: return concentration_kg_m3 * 1e6;
    case ConcentrationUnit::kPpm: break;
  }
  if (!ppm.has_value()) return InvalidArgument("molar_mass_kg_mol: required to convert kg/m3 to ppm");
  CHEMSAFE_RETURN_IF_ERROR(MustBePositive("molar_mass_kg_mol", ppm->molar_mass_kg_mol));
  CHEMSAFE_RETURN_IF_ERROR(MustBePositive("temperature_k", ppm->temperature_k));
  CHEMSAFE_RETURN_IF_ERROR(MustBePositive("pressure_pa", ppm->pressure_pa));
  // Moles of the substance per mole of air: (c/M)/(p/(R T)).
  const double mol_m3_of_gas = concentration_kg_m3 / ppm->molar_mass_kg_mol;
  const double mol_m3_of_air = ppm->pressure_pa / (kMolarGasConstantJMolK * ppm->temperature_k);
  return 1e6 * mol_m3_of_gas / mol_m3_of_air;
}

Status ToxicProbitConstants::Check() const {
  if (!std::isfinite(a)) return InvalidArgument(fmt::format("a: must be finite (is {})", a));
  CHEMSAFE_RETURN_IF_ERROR(MustBePositive("b", b));
  return MustBePositive("n", n);
}

Result<double> ToxicProbitOfLoad(const ToxicProbitConstants& constants, double toxic_load) {
  CHEMSAFE_RETURN_IF_ERROR(constants.Check());
  CHEMSAFE_RETURN_IF_ERROR(MustBePositive("toxic_load", toxic_load));
  return constants.a + constants.b * std::log(toxic_load);
}

Result<double> ToxicProbit(const ToxicProbitConstants& constants, double concentration, double duration_s) {
  CHEMSAFE_RETURN_IF_ERROR(constants.Check());
  CHEMSAFE_RETURN_IF_ERROR(MustBePositive("concentration", concentration));
  CHEMSAFE_RETURN_IF_ERROR(MustBePositive("duration_s", duration_s));
  // ln(C^n t) = n ln C + ln t: no overflow of C^n for large n.
  const double t = InTimeUnit(constants.time_unit, duration_s);
  return constants.a + constants.b * (constants.n * std::log(concentration) + std::log(t));
}

Result<double> ToxicLc50(const ToxicProbitConstants& constants, double duration_s) {
  CHEMSAFE_RETURN_IF_ERROR(constants.Check());
  CHEMSAFE_RETURN_IF_ERROR(MustBePositive("duration_s", duration_s));
  const double t = InTimeUnit(constants.time_unit, duration_s);
  return std::exp(((5.0 - constants.a) / constants.b - std::log(t)) / constants.n);
}

Result<double> ToxicLoad(const ToxicProbitConstants& constants, std::span<const ConcentrationSample> history,
                         const ToxicLoadOptions& options) {
  CHEMSAFE_RETURN_IF_ERROR(constants.Check());
  if (history.size() < 2) {
    return InvalidArgument(
        fmt::format("concentration_history: needs at least 2 samples (has {})", history.size()));
  }
  double load_s = 0;  // in (unit)^n s
  for (std::size_t k = 0; k < history.size(); ++k) {
    const ConcentrationSample& s = history[k];
    if (!std::isfinite(s.time_s)) {
      return InvalidArgument(fmt::format("concentration_history[{}].time_s: must be finite", k));
    }
    if (!(s.concentration >= 0) || !std::isfinite(s.concentration)) {
      return InvalidArgument(fmt::format("concentration_history[{}].concentration: must be at least 0 (is {})", k,
                                         s.concentration));
    }
    if (k == 0) continue;
    const ConcentrationSample& prev = history[k - 1];
    const double dt = s.time_s - prev.time_s;
    if (!(dt > 0)) {
      return InvalidArgument(fmt::format("concentration_history[{}].time_s: must be later than the sample before "
                                         "({} s, is {} s)",
                                         k, prev.time_s, s.time_s));
    }
    const double before = std::pow(prev.concentration, constants.n);
    switch (options.rule) {
      case ToxicLoadRule::kTrapezoid: load_s += 0.5 * (before + std::pow(s.concentration, constants.n)) * dt; break;
      case ToxicLoadRule::kStep: load_s += before * dt; break;
    }
  }
  return InTimeUnit(constants.time_unit, load_s);
}

// --- The toxic probit table ----------------------------------------------------------------------------

Result<const ToxicProbitEntry*> ToxicProbitTable::Find(std::string_view substance,
                                                        std::optional<std::string_view> probit_set) const {
  std::vector<const ToxicProbitEntry*> matches;
  for (const ToxicProbitEntry& e : entries) {
    if (!EqualsIgnoringAsciiCase(e.substance, substance) && e.cas != substance) continue;
    if (probit_set.has_value() && e.probit_set != *probit_set) continue;
    matches.push_back(&e);
  }
  if (matches.empty()) {
    return NotFound(fmt::format("substance: no toxic probit for \"{}\"{}", substance,
                                probit_set ? fmt::format(" in the set \"{}\"", *probit_set) : std::string()));
  }
  if (matches.size() > 1) {
    std::vector<std::string> sets;
    for (const ToxicProbitEntry* e : matches) sets.push_back(e->probit_set);
    return InvalidArgument(fmt::format("probit_set: \"{}\" has toxic probits in several sets ({}); name one",
                                       substance, fmt::join(sets, ", ")));
  }
  return matches.front();
}

Result<ToxicProbitTable> ParseToxicProbits(std::string_view text, std::string_view file_name) {
  static constexpr std::string_view kHeader[] = {"substance", "cas",  "probit_set",         "a",
                                                 "b",         "n",    "concentration_unit", "time_unit",
                                                 "source",    "grade"};
  CHEMSAFE_ASSIGN_OR_RETURN(std::vector<DataRecord> records, ReadDataTable(text, file_name, kHeader));
  ToxicProbitTable table;
  std::set<std::pair<std::string, std::string>> seen;
  for (const DataRecord& record : records) {
    const DataRow r(file_name, record, kHeader);
    ToxicProbitEntry e;
    e.line = r.line();
    CHEMSAFE_ASSIGN_OR_RETURN(e.substance, r.Text(0));
    e.cas = r.Cell(1);
    if (Result<Cas> cas = Cas::Parse(e.cas); !cas.ok()) return r.Error(1, cas.status().message());
    CHEMSAFE_ASSIGN_OR_RETURN(e.probit_set, r.Text(2));
    CHEMSAFE_ASSIGN_OR_RETURN(e.constants.a, r.Number(3));
    CHEMSAFE_ASSIGN_OR_RETURN(e.constants.b, r.Number(4));
    CHEMSAFE_ASSIGN_OR_RETURN(e.constants.n, r.Number(5));
    if (!(e.constants.b > 0)) return r.Error(4, "must be greater than 0");
    if (!(e.constants.n > 0)) return r.Error(5, "must be greater than 0");
    std::optional<ConcentrationUnit> cu = ConcentrationUnitFromName(r.Cell(6));
    if (!cu) return r.Error(6, fmt::format("\"{}\" is not a unit (mg/m3, ppm)", r.Cell(6)));
    std::optional<ExposureTimeUnit> tu = ExposureTimeUnitFromName(r.Cell(7));
    if (!tu) return r.Error(7, fmt::format("\"{}\" is not a unit (min, s)", r.Cell(7)));
    e.constants.concentration_unit = *cu;
    e.constants.time_unit = *tu;
    CHEMSAFE_ASSIGN_OR_RETURN(e.source, r.Text(8));
    CHEMSAFE_ASSIGN_OR_RETURN(e.grade, r.Grade(9));
    if (!seen.emplace(e.cas, e.probit_set).second) {
      return r.Error(2, fmt::format("{} appears twice in the set \"{}\"", e.cas, e.probit_set));
    }
    table.entries.push_back(std::move(e));
  }
  return table;
}

}  // namespace chemsafe::qra
