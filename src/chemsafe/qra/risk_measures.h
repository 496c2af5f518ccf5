// Risk bookkeeping of a QRA: event trees, ignition probabilities by release size, the potential loss of
// life (PLL), fatal accident rate (FAR) and average individual risk (AIR) with each scenario's share, the
// F-N curve of a list of scenarios and its check against a criterion line, and the individual-risk
// criteria of GB 36894-2018 with their verdict.
//
// Sources (the cases are in shared/reference/qra-cases.md):
//   - Event tree and PLL/FAR/AIR: the definitions HyRAM (sandialabs/hyram) uses and tests (G1, G2).
//   - Ignition probabilities: data/qra/ignition_probabilities.csv — HyRAM's hydrogen defaults and the
//     Purple Book (CPR 18E) table 4.6 as recalled (G3); every row carries its source and grade.
//   - F-N curve: F(N) = the frequency of events with N or more fatalities (G6).
//   - Individual-risk criteria: data/qra/gb36894_criteria.csv — the table of the 2014 SAWS trial standard,
//     which GB 36894-2018 Table 1 is recalled to repeat (G4, grade M: confirm against the standard).
//     The societal-risk (F-N) lines of GB 36894-2018 are not verified: data/qra/gb36894_fn_lines.csv
//     holds them as one paper reports them (grade U), and a verdict against them says it is provisional;
//     CheckFnCurve takes any line as data, so the standard's own lines are a data change.
//
// Pure numerics, no I/O (the tables are parsed from strings). Safe to call concurrently.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "chemsafe/core/result.h"

namespace chemsafe::qra {

// --- Event trees ---------------------------------------------------------------------------------------

// The end-state probabilities of a sequential event tree in which each branch point k either happens
// (probability p_k, ending the sequence in end state k) or passes on: end state k has probability
// p_k prod_{j<k} (1 - p_j), and the last end state (nothing happened) prod_j (1 - p_j). So n branch
// probabilities give n + 1 end states, summing to 1. Each p_k must lie in [0, 1] (errors name
// "branch_probabilities[k]").
Result<std::vector<double>> EventTreeEndStates(std::span<const double> branch_probabilities);

struct EndStateOptions {
  // How far the end-state probabilities may sum from 1 (they must be exhaustive). Default: 1e-9.
  double sum_tolerance = 1e-9;
};

// The frequency of each end state: initiating frequency (per year, >= 0) times its probability. The
// probabilities must lie in [0, 1] and sum to 1 within options.sum_tolerance (errors name
// "end_state_probabilities").
Result<std::vector<double>> EndStateFrequencies(double initiating_frequency_per_yr,
                                                std::span<const double> end_state_probabilities,
                                                const EndStateOptions& options = {});

// --- Ignition probabilities (data/qra/ignition_probabilities.csv) -------------------------------------

// Persisted in the `release` column ("continuous", "instantaneous"): append-only.
enum class ReleaseMode {
  kContinuous,     // the amount is a release rate, kg/s
  kInstantaneous,  // the amount is a released mass, kg
};

// One size band of an ignition table: releases with lower <= amount < upper (upper absent: no bound)
// ignite immediately with p_immediate and, where the source gives it, later with p_delayed.
struct IgnitionBand {
  std::string table;     // "hyram_hydrogen", "purple_book_4_6"
  std::string category;  // "hydrogen", "K1_liquid", "gas_low_reactivity", "gas_average_high_reactivity"
  ReleaseMode release = ReleaseMode::kContinuous;
  double lower = 0;             // kg/s (continuous) or kg (instantaneous), inclusive
  std::optional<double> upper;  // exclusive; nullopt: no upper bound
  double p_immediate = 0;
  std::optional<double> p_delayed;  // nullopt where the source gives none (Purple Book table 4.6)
  std::string source;
  std::string grade;  // S, M, D, U (shared/reference/qra-cases.md)
  int line = 0;
};

struct IgnitionTable {
  std::vector<IgnitionBand> bands;
};

// Parses ignition_probabilities.csv (columns: table, category, release, lower, upper, p_immediate,
// p_delayed, source, grade; see the file's header comment). The bands of one (table, category, release)
// must start at 0, follow each other without gaps or overlaps and end unbounded. Errors name
// "file:line:column".
Result<IgnitionTable> ParseIgnitionProbabilities(std::string_view text, std::string_view file_name);

// The band of `table`/`category` holding `amount` (kg/s for continuous, kg for instantaneous releases,
// >= 0). A release exactly at a band limit belongs to the upper band (lower bounds are inclusive).
// NotFound naming the table and category when the table has no such rows.
Result<const IgnitionBand*> LookUpIgnition(const IgnitionTable& table, std::string_view table_name,
                                           std::string_view category, ReleaseMode release, double amount);

// --- PLL, FAR, AIR -------------------------------------------------------------------------------------

struct ScenarioRisk {
  double frequency_per_yr = 0;     // >= 0
  double expected_fatalities = 0;  // >= 0
};

struct PllBreakdown {
  std::vector<double> scenario_pll_per_yr;  // f_i N_i, in the order of the scenarios
  double total_pll_per_yr = 0;
  std::vector<double> contributions;  // share of each scenario in the total (all 0 when the total is 0)
};

// PLL = sum of f_i N_i (per year) and each scenario's share of it. Errors name "scenarios[i].<field>".
Result<PllBreakdown> PotentialLossOfLife(std::span<const ScenarioRisk> scenarios);

struct FarOptions {
  // Hours a year over which the occupants are counted. Default: 8760 (present all year, as HyRAM).
  double exposed_hours_per_yr = 8760;
};

// FAR, fatalities per 1e8 exposed hours: PLL x 1e8 / (occupants x exposed hours per year).
Result<double> FatalAccidentRate(double pll_per_yr, double occupants, const FarOptions& options = {});

// AIR = FAR x 1e-8 x the hours a year one person is present (e.g. 2000 for a work year).
Result<double> AverageIndividualRisk(double far, double person_hours_per_yr);

// --- F-N curves ----------------------------------------------------------------------------------------

struct FnScenario {
  double frequency_per_yr = 0;  // >= 0
  double fatalities = 0;        // >= 0; scenarios with 0 fatalities do not enter the curve
};

// One step of an F-N curve: F(N) = the frequency (per year) of events with `fatalities` or more deaths.
struct FnCurvePoint {
  double fatalities = 0;
  double cumulative_frequency_per_yr = 0;
};

// The F-N curve: one point per distinct fatality number N > 0, ascending in N, F summed from the largest
// N down. F(N) between two points equals F at the upper one (the curve is a falling step function).
// Errors name "scenarios[i].<field>".
Result<std::vector<FnCurvePoint>> FnCurve(std::span<const FnScenario> scenarios);

// F(n) read from a curve made by FnCurve: the frequency of events with n or more fatalities.
double CumulativeFrequency(std::span<const FnCurvePoint> curve, double fatalities);

// PLL from an F-N curve: sum over its steps of N_k (F(N_k) - F(N_k+1)) — equal to the sum of f_i N_i over
// the scenarios with N_i > 0.
double PllFromFnCurve(std::span<const FnCurvePoint> curve);

// A criterion line on the F-N plane, as data: straight in log-log between its points (N ascending,
// F > 0), and beyond the last point with the slope `slope_beyond_last` (d log10 F / d log10 N, e.g. -1
// or -2). The line applies from the first point's N on.
struct FnCriterionLine {
  std::string name;  // what the line is ("intolerable", from which standard)
  std::vector<FnCurvePoint> points;
  double slope_beyond_last = -1;
  std::string source;  // where the line comes from (data tables only)
  std::string grade;   // S, M, D or U (qra-cases.md); U: unverified, a verdict against it is provisional
};

// Parses gb36894_fn_lines.csv (columns: line, fatalities, frequency_per_yr, slope_beyond_last, source,
// grade): one or more rows per line, N ascending within a line; the line's slope, source and grade are
// those of its last row. Errors name "file:line:column".
Result<std::vector<FnCriterionLine>> ParseFnCriterionLines(std::string_view text, std::string_view file_name);

// The line's F at N (N >= the first point's N).
Result<double> CriterionFrequency(const FnCriterionLine& line, double fatalities);

struct FnCheck {
  bool exceeded = false;     // the curve rises above the line somewhere in the line's range
  double worst_ratio = 0;    // max of F_curve(N)/F_line(N) over the checked N (0 when nothing is checked)
  double at_fatalities = 0;  // the N of the worst ratio
};

// Checks a curve against a line at every step of the curve and every point of the line inside the
// line's range (enough for a step curve against a piecewise-straight line). "Exceeded" is F > F_line.
Result<FnCheck> CheckFnCurve(std::span<const FnCurvePoint> curve, const FnCriterionLine& line);

// --- GB 36894-2018 individual-risk criteria (data/qra/gb36894_criteria.csv) ---------------------------

// Persisted as the `installation` of a verdict request ("new", "in_service"): append-only.
enum class InstallationStatus {
  kNew,        // 新建、改建、扩建 (new, rebuilt or extended production units and storage)
  kInService,  // 在役 (units in service)
};

// One protected-target class and its individual-risk limits (per year).
struct IrCriterion {
  std::string target_class;  // "low_density", "high_density", "highly_sensitive"
  std::string description_zh;
  std::string description_en;
  double new_limit_per_yr = 0;
  double in_service_limit_per_yr = 0;
  std::string source;
  std::string grade;
  int line = 0;
};

struct IrCriteriaTable {
  std::vector<IrCriterion> criteria;
};

// Parses gb36894_criteria.csv (columns: target_class, description_zh, description_en,
// new_limit_per_yr, in_service_limit_per_yr, source, grade). Errors name "file:line:column".
Result<IrCriteriaTable> ParseIrCriteria(std::string_view text, std::string_view file_name);

struct IrVerdict {
  bool exceeded = false;  // the individual risk is above the limit (GB 36894: must not exceed it)
  double limit_per_yr = 0;
  const IrCriterion* criterion = nullptr;  // the row of the table that gave the limit
};

// Compares the individual risk (per year, >= 0) at a protected target with the limit of its class.
// NotFound (listing the classes) for an unknown class.
Result<IrVerdict> CheckIndividualRisk(const IrCriteriaTable& table, std::string_view target_class,
                                      InstallationStatus installation, double individual_risk_per_yr);

}  // namespace chemsafe::qra
