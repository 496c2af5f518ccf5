// Risk points (风险点; issue 7, plan task T4): a place or activity of an enterprise where a risk is
// controlled — its hazards, the assessment (LEC or the L × S matrix) and the grade it gives, raised by the
// floor rules, the control measures by category, the level that controls it (company … post), who is
// responsible, whether it is under control, and when it is reviewed next.
//
// Pure: validation and grading of a value; storage is store/risk_store.h. Safe to call concurrently.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "chemsafe/core/geo.h"
#include "chemsafe/core/result.h"
#include "chemsafe/risk/grading.h"

namespace chemsafe::risk {

// Persisted as its code: append-only.
enum class AssessmentMethod : int {
  kLec = 1,     // 作业条件危险性评价法 (LEC)
  kMatrix = 2,  // 风险矩阵法 (L × S)
};
std::string_view AssessmentMethodCode(AssessmentMethod m);  // "lec", "ls"
std::optional<AssessmentMethod> ParseAssessmentMethod(std::string_view code);

// The level of the organisation that controls the risk (分级管控). Persisted as its code: append-only.
enum class ControlLevel : int {
  kCompany = 1,   // 公司级
  kWorkshop = 2,  // 车间级
  kTeam = 3,      // 班组级
  kPost = 4,      // 岗位级
};
std::string_view ControlLevelCode(ControlLevel l);  // "company", "workshop", "team", "post"
std::string_view ControlLevelZh(ControlLevel l);    // "公司级" …
std::optional<ControlLevel> ParseControlLevel(std::string_view code);

// Persisted as its code: append-only.
enum class MeasureCategory : int {
  kEngineering = 1,  // 工程技术措施
  kManagement = 2,   // 管理措施
  kTraining = 3,     // 培训教育措施
  kPpe = 4,          // 个体防护措施
  kEmergency = 5,    // 应急处置措施
};
std::string_view MeasureCategoryCode(MeasureCategory c);  // "engineering", "management", "training", "ppe", "emergency"
std::string_view MeasureCategoryZh(MeasureCategory c);
std::optional<MeasureCategory> ParseMeasureCategory(std::string_view code);

// Persisted as its code: append-only.
enum class ControlStatus : int {
  kControlled = 1,    // 受控: the measures are in place and work
  kDeficient = 2,     // 管控措施不足: some measure missing or not working (a hidden hazard to record)
  kUncontrolled = 3,  // 失控
};
std::string_view ControlStatusCode(ControlStatus s);  // "controlled", "deficient", "uncontrolled"
std::string_view ControlStatusZh(ControlStatus s);
std::optional<ControlStatus> ParseControlStatus(std::string_view code);

struct ControlMeasure {
  MeasureCategory category = MeasureCategory::kManagement;
  std::string text;
};

// The scores as assessed: LEC uses l, e and c; the matrix uses matrix_l and matrix_s.
struct AssessmentInput {
  AssessmentMethod method = AssessmentMethod::kLec;
  double l = 0, e = 0, c = 0;
  int matrix_l = 0, matrix_s = 0;
};

struct RiskPoint {
  std::int64_t id = 0;             // set by the store
  std::string enterprise_uscc;
  std::string unit_code;           // the GB 18218 unit it lies in, or empty (an area of the site)
  std::string area;                // 区域/装置/场所, as the enterprise names it
  std::string name;                // the risk point
  std::string post;                // 岗位 whose card it appears on; empty: none
  std::vector<std::string> hazards;    // 危险有害因素 / possible accident types
  std::vector<std::string> chemicals;  // catalogue keys of the chemicals present
  AssessmentInput assessment;
  std::vector<ControlMeasure> measures;
  ControlLevel control_level = ControlLevel::kTeam;
  std::string responsible_department;
  std::string responsible_person;
  ControlStatus control_status = ControlStatus::kControlled;
  std::string review_due;          // YYYY-MM-DD: the next review of the assessment
  std::optional<LonLat> location;  // WGS-84, for the four-colour map
  // Set by GradeRiskPoint (and kept by the store with the point):
  double score = 0;                       // D (LEC) or R = L × S
  std::string band_zh;                    // the LEC band (极其危险 …), empty for the matrix
  RiskGrade assessed_grade = RiskGrade::kLow;
  RiskGrade grade = RiskGrade::kLow;      // after the floors
  std::vector<std::string> floors;        // ids of the floor rules that raised it
  // Kept by the store:
  int version = 0;                        // 1 for a new point, +1 for each change
  std::string updated_at;                 // UTC text
  std::string updated_by;
};

// Checks what a person entered: every error names the field ("measures[2].text: empty"). Does not grade.
Status ValidateRiskPoint(const RiskPoint& p);

// Validates, then scores the assessment with `methods` and applies the floors for `facts`; sets score,
// band_zh, assessed_grade, grade and floors.
Status GradeRiskPoint(RiskPoint& p, const RiskMethods& methods, const RiskFacts& facts);

}  // namespace chemsafe::risk
