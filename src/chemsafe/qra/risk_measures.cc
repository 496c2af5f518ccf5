#include "chemsafe/qra/risk_measures.h"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <map>
#include <set>
#include <tuple>
#include <utility>

#include <fmt/format.h>

#include "chemsafe/qra/probits.h"

namespace chemsafe::qra {
namespace {

bool IsProbability(double p) { return p >= 0 && p <= 1; }

Status NotNegative(std::string_view name, double value) {
  if (value >= 0 && std::isfinite(value)) return Status::Ok();
  return InvalidArgument(fmt::format("{}: must be at least 0 (is {})", name, value));
}

Status Positive(std::string_view name, double value) {
  if (value > 0 && std::isfinite(value)) return Status::Ok();
  return InvalidArgument(fmt::format("{}: must be greater than 0 (is {})", name, value));
}

std::string_view ReleaseModeName(ReleaseMode mode) {
  return mode == ReleaseMode::kContinuous ? "continuous" : "instantaneous";
}

}  // namespace

// --- Event trees ---------------------------------------------------------------------------------------

Result<std::vector<double>> EventTreeEndStates(std::span<const double> branch_probabilities) {
  std::vector<double> end_states;
  double passing = 1.0;  // probability that no branch point so far has happened
  for (std::size_t k = 0; k < branch_probabilities.size(); ++k) {
    const double p = branch_probabilities[k];
    if (!IsProbability(p)) {
      return InvalidArgument(fmt::format("branch_probabilities[{}]: must lie in [0, 1] (is {})", k, p));
    }
    end_states.push_back(passing * p);
    passing *= 1.0 - p;
  }
  end_states.push_back(passing);
  return end_states;
}

Result<std::vector<double>> EndStateFrequencies(double initiating_frequency_per_yr,
                                                std::span<const double> end_state_probabilities,
                                                const EndStateOptions& options) {
  CHEMSAFE_RETURN_IF_ERROR(NotNegative("initiating_frequency_per_yr", initiating_frequency_per_yr));
  double sum = 0;
  std::vector<double> frequencies;
  for (std::size_t k = 0; k < end_state_probabilities.size(); ++k) {
    const double p = end_state_probabilities[k];
    if (!IsProbability(p)) {
      return InvalidArgument(fmt::format("end_state_probabilities[{}]: must lie in [0, 1] (is {})", k, p));
    }
    sum += p;
    frequencies.push_back(initiating_frequency_per_yr * p);
  }
  if (!(std::fabs(sum - 1.0) <= options.sum_tolerance)) {
    return InvalidArgument(fmt::format(
        "end_state_probabilities: must sum to 1 within {} (the end states are exhaustive; sum is {})",
        options.sum_tolerance, sum));
  }
  return frequencies;
}

// --- Ignition probabilities ----------------------------------------------------------------------------

Result<IgnitionTable> ParseIgnitionProbabilities(std::string_view text, std::string_view file_name) {
  static constexpr std::string_view kHeader[] = {"table",       "category",  "release", "lower", "upper",
                                                 "p_immediate", "p_delayed", "source",  "grade"};
  CHEMSAFE_ASSIGN_OR_RETURN(std::vector<DataRecord> records, ReadDataTable(text, file_name, kHeader));
  IgnitionTable table;
  // The last band seen of each (table, category, release), by its index in table.bands.
  std::map<std::tuple<std::string, std::string, ReleaseMode>, std::size_t> last_band;
  for (const DataRecord& record : records) {
    const DataRow r(file_name, record, kHeader);
    IgnitionBand b;
    b.line = r.line();
    CHEMSAFE_ASSIGN_OR_RETURN(b.table, r.Text(0));
    CHEMSAFE_ASSIGN_OR_RETURN(b.category, r.Text(1));
    if (r.Cell(2) == "continuous") {
      b.release = ReleaseMode::kContinuous;
    } else if (r.Cell(2) == "instantaneous") {
      b.release = ReleaseMode::kInstantaneous;
    } else {
      return r.Error(2, fmt::format("\"{}\" is not a release mode (continuous, instantaneous)", r.Cell(2)));
    }
    CHEMSAFE_ASSIGN_OR_RETURN(b.lower, r.Number(3));
    CHEMSAFE_ASSIGN_OR_RETURN(b.upper, r.OptionalNumber(4));
    if (b.upper.has_value() && !(*b.upper > b.lower)) {
      return r.Error(4, fmt::format("must be greater than lower ({})", b.lower));
    }
    CHEMSAFE_ASSIGN_OR_RETURN(b.p_immediate, r.Number(5));
    if (!IsProbability(b.p_immediate)) return r.Error(5, "must lie in [0, 1]");
    CHEMSAFE_ASSIGN_OR_RETURN(b.p_delayed, r.OptionalNumber(6));
    if (b.p_delayed.has_value() && !IsProbability(*b.p_delayed)) return r.Error(6, "must lie in [0, 1]");
    CHEMSAFE_ASSIGN_OR_RETURN(b.source, r.Text(7));
    CHEMSAFE_ASSIGN_OR_RETURN(b.grade, r.Grade(8));
    auto [it, first] = last_band.try_emplace({b.table, b.category, b.release}, table.bands.size());
    if (first) {
      if (b.lower != 0) return r.Error(3, "the first band of a table must start at 0");
    } else {
      const IgnitionBand& before = table.bands[it->second];
      if (!before.upper.has_value()) return r.Error(3, "follows a band without an upper limit");
      if (b.lower != *before.upper) {
        return r.Error(3, fmt::format("must equal the upper limit of the band before ({})", *before.upper));
      }
      it->second = table.bands.size();
    }
    table.bands.push_back(std::move(b));
  }
  for (const auto& [key, index] : last_band) {
    const IgnitionBand& b = table.bands[index];
    if (b.upper.has_value()) {
      return InvalidArgument(fmt::format("{}:{}:5: upper: the last band of {}/{}/{} must have no upper limit",
                                         file_name, b.line, b.table, b.category, ReleaseModeName(b.release)));
    }
  }
  return table;
}

Result<const IgnitionBand*> LookUpIgnition(const IgnitionTable& table, std::string_view table_name,
                                           std::string_view category, ReleaseMode release, double amount) {
  CHEMSAFE_RETURN_IF_ERROR(NotNegative("amount", amount));
  bool any = false;
  for (const IgnitionBand& b : table.bands) {
    if (b.table != table_name || b.category != category || b.release != release) continue;
    any = true;
    if (amount >= b.lower && (!b.upper.has_value() || amount < *b.upper)) return &b;
  }
  if (!any) {
    return NotFound(fmt::format("ignition table {}: no {} releases of category \"{}\"", table_name,
                                ReleaseModeName(release), category));
  }
  return Internal(fmt::format("ignition table {}: the bands of \"{}\" do not cover {}", table_name, category, amount));
}

// --- PLL, FAR, AIR -------------------------------------------------------------------------------------

Result<PllBreakdown> PotentialLossOfLife(std::span<const ScenarioRisk> scenarios) {
  PllBreakdown out;
  for (std::size_t i = 0; i < scenarios.size(); ++i) {
    const ScenarioRisk& s = scenarios[i];
    CHEMSAFE_RETURN_IF_ERROR(NotNegative(fmt::format("scenarios[{}].frequency_per_yr", i), s.frequency_per_yr));
    CHEMSAFE_RETURN_IF_ERROR(
        NotNegative(fmt::format("scenarios[{}].expected_fatalities", i), s.expected_fatalities));
    out.scenario_pll_per_yr.push_back(s.frequency_per_yr * s.expected_fatalities);
    out.total_pll_per_yr += out.scenario_pll_per_yr.back();
  }
  for (double pll : out.scenario_pll_per_yr) {
    out.contributions.push_back(out.total_pll_per_yr > 0 ? pll / out.total_pll_per_yr : 0.0);
  }
  return out;
}

Result<double> FatalAccidentRate(double pll_per_yr, double occupants, const FarOptions& options) {
  CHEMSAFE_RETURN_IF_ERROR(NotNegative("pll_per_yr", pll_per_yr));
  CHEMSAFE_RETURN_IF_ERROR(Positive("occupants", occupants));
  CHEMSAFE_RETURN_IF_ERROR(Positive("exposed_hours_per_yr", options.exposed_hours_per_yr));
  return pll_per_yr * 1e8 / (occupants * options.exposed_hours_per_yr);
}

Result<double> AverageIndividualRisk(double far, double person_hours_per_yr) {
  CHEMSAFE_RETURN_IF_ERROR(NotNegative("far", far));
  CHEMSAFE_RETURN_IF_ERROR(NotNegative("person_hours_per_yr", person_hours_per_yr));
  return far * person_hours_per_yr * 1e-8;
}

// --- F-N curves ----------------------------------------------------------------------------------------

Result<std::vector<FnCurvePoint>> FnCurve(std::span<const FnScenario> scenarios) {
  std::vector<FnScenario> counted;
  for (std::size_t i = 0; i < scenarios.size(); ++i) {
    const FnScenario& s = scenarios[i];
    CHEMSAFE_RETURN_IF_ERROR(NotNegative(fmt::format("scenarios[{}].frequency_per_yr", i), s.frequency_per_yr));
    CHEMSAFE_RETURN_IF_ERROR(NotNegative(fmt::format("scenarios[{}].fatalities", i), s.fatalities));
    if (s.fatalities > 0) counted.push_back(s);
  }
  // From the largest N down, so that F(N) is a running sum.
  std::sort(counted.begin(), counted.end(),
            [](const FnScenario& x, const FnScenario& y) { return x.fatalities > y.fatalities; });
  std::vector<FnCurvePoint> curve;
  double cumulative = 0;
  for (const FnScenario& s : counted) {
    cumulative += s.frequency_per_yr;
    if (!curve.empty() && curve.back().fatalities == s.fatalities) {
      curve.back().cumulative_frequency_per_yr = cumulative;
    } else {
      curve.push_back({.fatalities = s.fatalities, .cumulative_frequency_per_yr = cumulative});
    }
  }
  std::reverse(curve.begin(), curve.end());
  return curve;
}

double CumulativeFrequency(std::span<const FnCurvePoint> curve, double fatalities) {
  auto it = std::lower_bound(curve.begin(), curve.end(), fatalities,
                             [](const FnCurvePoint& p, double n) { return p.fatalities < n; });
  return it == curve.end() ? 0.0 : it->cumulative_frequency_per_yr;
}

double PllFromFnCurve(std::span<const FnCurvePoint> curve) {
  double pll = 0;
  for (std::size_t k = 0; k < curve.size(); ++k) {
    const double above = k + 1 < curve.size() ? curve[k + 1].cumulative_frequency_per_yr : 0.0;
    pll += curve[k].fatalities * (curve[k].cumulative_frequency_per_yr - above);
  }
  return pll;
}

namespace {

Status CheckLine(const FnCriterionLine& line) {
  if (line.points.empty()) return InvalidArgument("criterion.points: needs at least one point");
  for (std::size_t k = 0; k < line.points.size(); ++k) {
    const FnCurvePoint& p = line.points[k];
    CHEMSAFE_RETURN_IF_ERROR(Positive(fmt::format("criterion.points[{}].fatalities", k), p.fatalities));
    CHEMSAFE_RETURN_IF_ERROR(
        Positive(fmt::format("criterion.points[{}].frequency_per_yr", k), p.cumulative_frequency_per_yr));
    if (k > 0 && !(p.fatalities > line.points[k - 1].fatalities)) {
      return InvalidArgument(fmt::format("criterion.points[{}].fatalities: must be greater than the point before", k));
    }
  }
  if (!std::isfinite(line.slope_beyond_last)) return InvalidArgument("criterion.slope_beyond_last: must be finite");
  return Status::Ok();
}

// F of a checked line at n >= the first point's N.
double LineFrequency(const FnCriterionLine& line, double n) {
  const std::vector<FnCurvePoint>& pts = line.points;
  for (std::size_t k = 0; k + 1 < pts.size(); ++k) {
    if (n > pts[k + 1].fatalities) continue;
    const double t = std::log(n / pts[k].fatalities) / std::log(pts[k + 1].fatalities / pts[k].fatalities);
    return pts[k].cumulative_frequency_per_yr *
           std::pow(pts[k + 1].cumulative_frequency_per_yr / pts[k].cumulative_frequency_per_yr, t);
  }
  return pts.back().cumulative_frequency_per_yr * std::pow(n / pts.back().fatalities, line.slope_beyond_last);
}

}  // namespace

Result<double> CriterionFrequency(const FnCriterionLine& line, double fatalities) {
  CHEMSAFE_RETURN_IF_ERROR(CheckLine(line));
  if (!(fatalities >= line.points.front().fatalities)) {
    return InvalidArgument(fmt::format("fatalities: the line {} starts at N = {} (is {})", line.name,
                                       line.points.front().fatalities, fatalities));
  }
  return LineFrequency(line, fatalities);
}

Result<FnCheck> CheckFnCurve(std::span<const FnCurvePoint> curve, const FnCriterionLine& line) {
  CHEMSAFE_RETURN_IF_ERROR(CheckLine(line));
  const double first = line.points.front().fatalities;
  std::set<double> checked;
  for (const FnCurvePoint& p : curve) {
    if (p.fatalities >= first) checked.insert(p.fatalities);
  }
  for (const FnCurvePoint& p : line.points) checked.insert(p.fatalities);
  FnCheck out;
  for (double n : checked) {
    const double ratio = CumulativeFrequency(curve, n) / LineFrequency(line, n);
    if (ratio > out.worst_ratio) {
      out.worst_ratio = ratio;
      out.at_fatalities = n;
    }
  }
  out.exceeded = out.worst_ratio > 1.0;
  return out;
}

// --- GB 36894-2018 individual-risk criteria -------------------------------------------------------------

Result<std::vector<FnCriterionLine>> ParseFnCriterionLines(std::string_view text, std::string_view file_name) {
  static constexpr std::string_view kHeader[] = {"line", "fatalities", "frequency_per_yr", "slope_beyond_last",
                                                 "source", "grade"};
  CHEMSAFE_ASSIGN_OR_RETURN(std::vector<DataRecord> records, ReadDataTable(text, file_name, kHeader));
  std::vector<FnCriterionLine> lines;
  for (const DataRecord& record : records) {
    const DataRow r(file_name, record, kHeader);
    CHEMSAFE_ASSIGN_OR_RETURN(std::string name, r.Text(0));
    auto it = std::find_if(lines.begin(), lines.end(), [&](const FnCriterionLine& l) { return l.name == name; });
    if (it == lines.end()) {
      lines.push_back(FnCriterionLine{name, {}, -1, "", ""});
      it = std::prev(lines.end());
    } else if (std::next(it) != lines.end()) {
      return r.Error(0, fmt::format("the rows of line \"{}\" must be together", name));
    }
    FnCurvePoint p;
    CHEMSAFE_ASSIGN_OR_RETURN(p.fatalities, r.Number(1));
    if (!(p.fatalities > 0)) return r.Error(1, "must be greater than 0");
    if (!it->points.empty() && !(p.fatalities > it->points.back().fatalities)) {
      return r.Error(1, "must be greater than the line's previous N");
    }
    CHEMSAFE_ASSIGN_OR_RETURN(p.cumulative_frequency_per_yr, r.Number(2));
    if (!(p.cumulative_frequency_per_yr > 0)) return r.Error(2, "must be greater than 0");
    CHEMSAFE_ASSIGN_OR_RETURN(it->slope_beyond_last, r.Number(3));
    if (!(it->slope_beyond_last < 0)) return r.Error(3, "must be negative (F falls as N grows)");
    CHEMSAFE_ASSIGN_OR_RETURN(it->source, r.Text(4));
    CHEMSAFE_ASSIGN_OR_RETURN(it->grade, r.Grade(5));
    it->points.push_back(p);
  }
  return lines;
}

Result<IrCriteriaTable> ParseIrCriteria(std::string_view text, std::string_view file_name) {
  static constexpr std::string_view kHeader[] = {"target_class",     "description_zh",          "description_en",
                                                 "new_limit_per_yr", "in_service_limit_per_yr", "source",
                                                 "grade"};
  CHEMSAFE_ASSIGN_OR_RETURN(std::vector<DataRecord> records, ReadDataTable(text, file_name, kHeader));
  IrCriteriaTable table;
  std::set<std::string> seen;
  for (const DataRecord& record : records) {
    const DataRow r(file_name, record, kHeader);
    IrCriterion c;
    c.line = r.line();
    CHEMSAFE_ASSIGN_OR_RETURN(c.target_class, r.Text(0));
    if (!seen.insert(c.target_class).second) return r.Error(0, fmt::format("\"{}\" appears twice", c.target_class));
    CHEMSAFE_ASSIGN_OR_RETURN(c.description_zh, r.Text(1));
    CHEMSAFE_ASSIGN_OR_RETURN(c.description_en, r.Text(2));
    CHEMSAFE_ASSIGN_OR_RETURN(c.new_limit_per_yr, r.Number(3));
    if (!(c.new_limit_per_yr > 0)) return r.Error(3, "must be greater than 0");
    CHEMSAFE_ASSIGN_OR_RETURN(c.in_service_limit_per_yr, r.Number(4));
    if (!(c.in_service_limit_per_yr > 0)) return r.Error(4, "must be greater than 0");
    CHEMSAFE_ASSIGN_OR_RETURN(c.source, r.Text(5));
    CHEMSAFE_ASSIGN_OR_RETURN(c.grade, r.Grade(6));
    table.criteria.push_back(std::move(c));
  }
  return table;
}

Result<IrVerdict> CheckIndividualRisk(const IrCriteriaTable& table, std::string_view target_class,
                                      InstallationStatus installation, double individual_risk_per_yr) {
  CHEMSAFE_RETURN_IF_ERROR(NotNegative("individual_risk_per_yr", individual_risk_per_yr));
  std::vector<std::string> classes;
  for (const IrCriterion& c : table.criteria) {
    classes.push_back(c.target_class);
    if (c.target_class != target_class) continue;
    IrVerdict v;
    v.criterion = &c;
    v.limit_per_yr = installation == InstallationStatus::kNew ? c.new_limit_per_yr : c.in_service_limit_per_yr;
    v.exceeded = individual_risk_per_yr > v.limit_per_yr;
    return v;
  }
  return NotFound(fmt::format("target_class: unknown protected-target class \"{}\" (known: {})", target_class,
                              fmt::join(classes, ", ")));
}

}  // namespace chemsafe::qra
