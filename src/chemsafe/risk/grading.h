// Risk grading of risk points (风险点; issue 7, plan tasks T4, T9): the four grades and colours, the LEC method
// (作业条件危险性评价法, D = L × E × C), the L × S risk matrix, and the floor rules that raise a grade whatever
// its score (a risk point in a grade-1 or grade-2 major hazard installation, in a unit with a key supervised
// hazardous process).
//
// Every scale, band, matrix cell and floor is data (data/risk/, PROVENANCE.md there), parsed here from text
// (the reference module reads the files): a province that grades differently changes the files, not the
// code. Errors name "file:line:column: column: …".
//
// Pure: no I/O. Safe to call concurrently on the same tables.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "chemsafe/core/result.h"

namespace chemsafe::risk {

// The four risk grades and their colours (安委办〔2016〕11号; standards.md §3.5, S44), lowest first so that
// a higher grade compares greater. Persisted as its code: append-only.
enum class RiskGrade : int {
  kLow = 1,      // 低风险, blue
  kGeneral = 2,  // 一般风险, yellow
  kLarger = 3,   // 较大风险, orange
  kMajor = 4,    // 重大风险, red
};
std::string_view RiskGradeCode(RiskGrade g);  // "low", "general", "larger", "major"
std::string_view RiskGradeZh(RiskGrade g);    // "低风险", "一般风险", "较大风险", "重大风险"
std::string_view RiskColourZh(RiskGrade g);   // "蓝", "黄", "橙", "红"
std::string_view RiskColourCode(RiskGrade g); // "blue", "yellow", "orange", "red"
// From its code ("major") or Chinese name ("重大", "重大风险"); nullopt otherwise.
std::optional<RiskGrade> ParseRiskGrade(std::string_view text);

// ---- LEC -------------------------------------------------------------------------------------------------

struct LecScaleValue {
  double value = 0;
  std::string meaning_zh, meaning_en;
  std::string verified;  // V or U (data/risk/PROVENANCE.md)
};

// A danger band: D > d_above, up to the next higher band.
struct LecBand {
  double d_above = 0;
  std::string danger_zh;  // 极其危险 …
  std::string action_zh;  // 不能继续作业 …
  RiskGrade grade = RiskGrade::kLow;
  std::string band_verified, grade_verified;
};

struct LecMethod {
  std::vector<LecScaleValue> l, e, c;  // in the file's order
  std::vector<LecBand> bands;          // d_above descending, the last 0
};

struct LecResult {
  double d = 0;                    // L × E × C
  const LecBand* band = nullptr;   // into the method
  RiskGrade grade = RiskGrade::kLow;
};

// Grades L, E and C, each of which must be a value of its scale (InvalidArgument naming the factor and the
// scale otherwise: a score off the scale is a typing error, not a risk).
Result<LecResult> GradeLec(const LecMethod& method, double l, double e, double c);

// ---- The L × S matrix ----------------------------------------------------------------------------------

struct RiskMatrix {
  int levels_l = 0, levels_s = 0;  // L in 1..levels_l, S in 1..levels_s
  std::vector<RiskGrade> cells;    // row-major: cells[(l - 1) * levels_s + (s - 1)]
};

struct MatrixResult {
  int l = 0, s = 0;
  int r = 0;  // L × S, shown beside the grade
  RiskGrade grade = RiskGrade::kLow;
};

Result<MatrixResult> GradeMatrix(const RiskMatrix& matrix, int l, int s);

// ---- Floors ----------------------------------------------------------------------------------------------

// Persisted in data as its code: append-only.
enum class FloorCondition {
  kMhiGradeAtMost,  // "mhi_grade_at_most": the unit is a major hazard installation of grade 1..parameter
  kKeyProcess,      // "key_process": the unit runs a key supervised hazardous process
};

struct FloorRule {
  std::string id;
  FloorCondition condition = FloorCondition::kKeyProcess;
  int parameter = 0;
  RiskGrade minimum = RiskGrade::kLarger;
  std::string basis_zh;  // shown with the grade: why it is at least this
  std::string verified, source;
};

// What the floors look at, from the registry and the GB 18218 assessments.
struct RiskFacts {
  std::optional<int> mhi_grade;  // 1..4 when the risk point's unit is a major hazard installation
  bool key_process = false;      // its unit runs a key supervised hazardous process
};

struct FlooredGrade {
  RiskGrade grade = RiskGrade::kLow;         // the higher of the assessed grade and every floor that holds
  std::vector<const FloorRule*> applied;     // the floors that raised it, into the rules
};

FlooredGrade ApplyFloors(RiskGrade assessed, const RiskFacts& facts, std::span<const FloorRule> rules);

// ---- The tables, parsed from the files of data/risk/ --------------------------------------------------------

struct RiskMethods {
  LecMethod lec;
  RiskMatrix matrix;
  std::vector<FloorRule> floors;
};

// Fills into.l, into.e and into.c (each scale non-empty, values positive and distinct).
Status ParseLecScales(std::string_view text, std::string_view file_name, LecMethod& into);
Result<std::vector<LecBand>> ParseLecBands(std::string_view text, std::string_view file_name);
Result<RiskMatrix> ParseRiskMatrix(std::string_view text, std::string_view file_name);
Result<std::vector<FloorRule>> ParseFloorRules(std::string_view text, std::string_view file_name);

}  // namespace chemsafe::risk
