#include "chemsafe/risk/grading.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <set>

#include <fmt/format.h>

#include "chemsafe/qra/data_table.h"

namespace chemsafe::risk {
namespace {

using qra::DataRecord;
using qra::DataRow;
using qra::ReadDataTable;

constexpr std::array<RiskGrade, 4> kGrades = {RiskGrade::kLow, RiskGrade::kGeneral, RiskGrade::kLarger, RiskGrade::kMajor};

Result<RiskGrade> GradeCell(const DataRow& r, std::size_t column) {
  const std::string& text = r.Cell(column);
  auto g = ParseRiskGrade(text);
  if (!g) return r.Error(column, fmt::format("\"{}\" is not a grade (low, general, larger, major)", text));
  return *g;
}

Result<std::string> Verified(const DataRow& r, std::size_t column) {
  const std::string& v = r.Cell(column);
  if (v != "V" && v != "U") return r.Error(column, fmt::format("\"{}\": V (verified) or U (unverified)", v));
  return v;
}

// The scale's value equal to `x` (the scales hold exact decimal values; a relative 1e-9 absorbs how the
// caller wrote them), or nullptr.
const LecScaleValue* OnScale(const std::vector<LecScaleValue>& scale, double x) {
  for (const auto& v : scale) {
    if (std::abs(v.value - x) <= 1e-9 * v.value) return &v;
  }
  return nullptr;
}

std::string ScaleText(const std::vector<LecScaleValue>& scale) {
  std::vector<std::string> values;
  for (const auto& v : scale) values.push_back(fmt::format("{:g}", v.value));
  return fmt::format("{}", fmt::join(values, ", "));
}

}  // namespace

std::string_view RiskGradeCode(RiskGrade g) {
  switch (g) {
    case RiskGrade::kLow: return "low";
    case RiskGrade::kGeneral: return "general";
    case RiskGrade::kLarger: return "larger";
    case RiskGrade::kMajor: return "major";
  }
  return "unknown";
}

std::string_view RiskGradeZh(RiskGrade g) {
  switch (g) {
    case RiskGrade::kLow: return "低风险";
    case RiskGrade::kGeneral: return "一般风险";
    case RiskGrade::kLarger: return "较大风险";
    case RiskGrade::kMajor: return "重大风险";
  }
  return "未知";
}

std::string_view RiskColourZh(RiskGrade g) {
  switch (g) {
    case RiskGrade::kLow: return "蓝";
    case RiskGrade::kGeneral: return "黄";
    case RiskGrade::kLarger: return "橙";
    case RiskGrade::kMajor: return "红";
  }
  return "";
}

std::string_view RiskColourCode(RiskGrade g) {
  switch (g) {
    case RiskGrade::kLow: return "blue";
    case RiskGrade::kGeneral: return "yellow";
    case RiskGrade::kLarger: return "orange";
    case RiskGrade::kMajor: return "red";
  }
  return "";
}

std::optional<RiskGrade> ParseRiskGrade(std::string_view text) {
  for (RiskGrade g : kGrades) {
    const std::string_view zh = RiskGradeZh(g);
    const std::string_view short_zh = zh.substr(0, zh.size() - std::string_view("风险").size());
    if (text == RiskGradeCode(g) || text == zh || text == short_zh) return g;
  }
  return std::nullopt;
}

Result<LecResult> GradeLec(const LecMethod& method, double l, double e, double c) {
  const std::array<std::pair<const char*, std::pair<const std::vector<LecScaleValue>*, double>>, 3> factors = {
      {{"L", {&method.l, l}}, {"E", {&method.e, e}}, {"C", {&method.c, c}}}};
  for (const auto& [name, scale_x] : factors) {
    if (OnScale(*scale_x.first, scale_x.second) == nullptr) {
      return InvalidArgument(fmt::format("{}: {:g} is not on the scale ({})", name, scale_x.second, ScaleText(*scale_x.first)));
    }
  }
  LecResult out;
  out.d = l * e * c;
  for (const LecBand& b : method.bands) {
    if (out.d > b.d_above) {
      out.band = &b;
      out.grade = b.grade;
      return out;
    }
  }
  return Internal(fmt::format("LEC bands: none holds D = {:g}", out.d));
}

Result<MatrixResult> GradeMatrix(const RiskMatrix& matrix, int l, int s) {
  if (l < 1 || l > matrix.levels_l) return InvalidArgument(fmt::format("L: {} is not in 1..{}", l, matrix.levels_l));
  if (s < 1 || s > matrix.levels_s) return InvalidArgument(fmt::format("S: {} is not in 1..{}", s, matrix.levels_s));
  return MatrixResult{l, s, l * s, matrix.cells[static_cast<std::size_t>((l - 1) * matrix.levels_s + (s - 1))]};
}

FlooredGrade ApplyFloors(RiskGrade assessed, const RiskFacts& facts, std::span<const FloorRule> rules) {
  FlooredGrade out{assessed, {}};
  for (const FloorRule& rule : rules) {
    const bool holds = rule.condition == FloorCondition::kKeyProcess
                           ? facts.key_process
                           : facts.mhi_grade.has_value() && *facts.mhi_grade >= 1 && *facts.mhi_grade <= rule.parameter;
    if (!holds || rule.minimum <= assessed) continue;
    out.applied.push_back(&rule);
    out.grade = std::max(out.grade, rule.minimum);
  }
  return out;
}

Status ParseLecScales(std::string_view text, std::string_view file_name, LecMethod& into) {
  static constexpr std::string_view kHeader[] = {"factor", "value", "meaning_zh", "meaning_en", "verified", "source"};
  CHEMSAFE_ASSIGN_OR_RETURN(std::vector<DataRecord> records, ReadDataTable(text, file_name, kHeader));
  into.l.clear();
  into.e.clear();
  into.c.clear();
  for (const DataRecord& record : records) {
    const DataRow r(file_name, record, kHeader);
    const std::string& factor = r.Cell(0);
    std::vector<LecScaleValue>* scale = factor == "L" ? &into.l : factor == "E" ? &into.e : factor == "C" ? &into.c : nullptr;
    if (scale == nullptr) return r.Error(0, fmt::format("\"{}\": L, E or C", factor));
    LecScaleValue v;
    CHEMSAFE_ASSIGN_OR_RETURN(v.value, r.Number(1));
    if (!(v.value > 0)) return r.Error(1, "must be greater than 0");
    if (OnScale(*scale, v.value) != nullptr) return r.Error(1, fmt::format("{:g} appears twice for {}", v.value, factor));
    CHEMSAFE_ASSIGN_OR_RETURN(v.meaning_zh, r.Text(2));
    CHEMSAFE_ASSIGN_OR_RETURN(v.meaning_en, r.Text(3));
    CHEMSAFE_ASSIGN_OR_RETURN(v.verified, Verified(r, 4));
    CHEMSAFE_RETURN_IF_ERROR(r.Text(5).status());
    scale->push_back(std::move(v));
  }
  for (const auto& [name, scale] : {std::pair{"L", &into.l}, std::pair{"E", &into.e}, std::pair{"C", &into.c}}) {
    if (scale->empty()) return InvalidArgument(fmt::format("{}: no values for {}", file_name, name));
  }
  return Status::Ok();
}

Result<std::vector<LecBand>> ParseLecBands(std::string_view text, std::string_view file_name) {
  static constexpr std::string_view kHeader[] = {"d_above",       "danger_zh",      "action_zh", "grade",
                                                 "band_verified", "grade_verified", "source"};
  CHEMSAFE_ASSIGN_OR_RETURN(std::vector<DataRecord> records, ReadDataTable(text, file_name, kHeader));
  std::vector<LecBand> bands;
  for (const DataRecord& record : records) {
    const DataRow r(file_name, record, kHeader);
    LecBand b;
    CHEMSAFE_ASSIGN_OR_RETURN(b.d_above, r.Number(0));
    if (b.d_above < 0) return r.Error(0, "must not be negative");
    if (!bands.empty() && !(b.d_above < bands.back().d_above)) return r.Error(0, "bands must be in descending order");
    CHEMSAFE_ASSIGN_OR_RETURN(b.danger_zh, r.Text(1));
    CHEMSAFE_ASSIGN_OR_RETURN(b.action_zh, r.Text(2));
    CHEMSAFE_ASSIGN_OR_RETURN(b.grade, GradeCell(r, 3));
    if (!bands.empty() && b.grade > bands.back().grade) return r.Error(3, "a lower band cannot have a higher grade");
    CHEMSAFE_ASSIGN_OR_RETURN(b.band_verified, Verified(r, 4));
    CHEMSAFE_ASSIGN_OR_RETURN(b.grade_verified, Verified(r, 5));
    CHEMSAFE_RETURN_IF_ERROR(r.Text(6).status());
    bands.push_back(std::move(b));
  }
  if (bands.empty() || bands.back().d_above != 0) {
    return InvalidArgument(fmt::format("{}: the last band must have d_above 0 (every D > 0 falls in a band)", file_name));
  }
  return bands;
}

Result<RiskMatrix> ParseRiskMatrix(std::string_view text, std::string_view file_name) {
  // The header is l, s1, s2, …: read its width from the first record.
  CHEMSAFE_ASSIGN_OR_RETURN(qra::NamedColumns table, qra::ReadDataTableColumns(text, file_name, std::array<std::string_view, 1>{"l"}));
  const std::size_t width = table.header.size();
  if (table.columns[0] != 0 || width < 2) {
    return InvalidArgument(fmt::format("{}: the header must be l, s1, s2, …", file_name));
  }
  for (std::size_t k = 1; k < width; ++k) {
    if (table.header[k] != fmt::format("s{}", k)) {
      return InvalidArgument(fmt::format("{}: header column {}: \"{}\", expected \"s{}\"", file_name, k + 1, table.header[k], k));
    }
  }
  RiskMatrix m;
  m.levels_s = static_cast<int>(width - 1);
  for (const DataRecord& record : table.records) {
    const DataRow r(file_name, record, table.header);
    CHEMSAFE_ASSIGN_OR_RETURN(double l, r.Number(0));
    if (l != m.levels_l + 1) return r.Error(0, fmt::format("rows must be L = 1, 2, … in order: expected {}", m.levels_l + 1));
    ++m.levels_l;
    for (std::size_t k = 1; k < width; ++k) {
      CHEMSAFE_ASSIGN_OR_RETURN(RiskGrade g, GradeCell(r, k));
      m.cells.push_back(g);
    }
  }
  if (m.levels_l == 0) return InvalidArgument(fmt::format("{}: no rows", file_name));
  // A matrix whose grade falls as likelihood or severity rises is a typing error.
  for (int l = 1; l <= m.levels_l; ++l) {
    for (int s = 1; s <= m.levels_s; ++s) {
      const RiskGrade g = m.cells[static_cast<std::size_t>((l - 1) * m.levels_s + (s - 1))];
      const bool below_left = s > 1 && g < m.cells[static_cast<std::size_t>((l - 1) * m.levels_s + (s - 2))];
      const bool below_up = l > 1 && g < m.cells[static_cast<std::size_t>((l - 2) * m.levels_s + (s - 1))];
      if (below_left || below_up) {
        return InvalidArgument(fmt::format("{}: L {}, S {}: {} is lower than a cell of lower L or S", file_name, l, s,
                                           RiskGradeCode(g)));
      }
    }
  }
  return m;
}

Result<std::vector<FloorRule>> ParseFloorRules(std::string_view text, std::string_view file_name) {
  static constexpr std::string_view kHeader[] = {"id", "condition", "parameter", "minimum", "basis_zh", "verified", "source"};
  CHEMSAFE_ASSIGN_OR_RETURN(std::vector<DataRecord> records, ReadDataTable(text, file_name, kHeader));
  std::vector<FloorRule> rules;
  std::set<std::string> ids;
  for (const DataRecord& record : records) {
    const DataRow r(file_name, record, kHeader);
    FloorRule f;
    CHEMSAFE_ASSIGN_OR_RETURN(f.id, r.Text(0));
    if (!ids.insert(f.id).second) return r.Error(0, fmt::format("\"{}\" appears twice", f.id));
    const std::string& condition = r.Cell(1);
    if (condition == "mhi_grade_at_most") {
      f.condition = FloorCondition::kMhiGradeAtMost;
      CHEMSAFE_ASSIGN_OR_RETURN(double p, r.Number(2));
      if (p != std::floor(p) || p < 1 || p > 4) return r.Error(2, "a major hazard installation grade, 1 to 4");
      f.parameter = static_cast<int>(p);
    } else if (condition == "key_process") {
      f.condition = FloorCondition::kKeyProcess;
      if (!r.Cell(2).empty()) return r.Error(2, "key_process takes no parameter");
    } else {
      return r.Error(1, fmt::format("\"{}\": mhi_grade_at_most or key_process", condition));
    }
    CHEMSAFE_ASSIGN_OR_RETURN(f.minimum, GradeCell(r, 3));
    CHEMSAFE_ASSIGN_OR_RETURN(f.basis_zh, r.Text(4));
    CHEMSAFE_ASSIGN_OR_RETURN(f.verified, Verified(r, 5));
    CHEMSAFE_ASSIGN_OR_RETURN(f.source, r.Text(6));
    rules.push_back(std::move(f));
  }
  return rules;
}

}  // namespace chemsafe::risk
