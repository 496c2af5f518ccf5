// Risk points (risk_point.h): what a person entered is checked field by field, then graded by the chosen
// method and raised by the floors.
#include "chemsafe/risk/risk_point.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace chemsafe::risk {
namespace {

using ::testing::HasSubstr;

std::string Read(const std::string& relative) {
  std::ifstream in(std::string(CHEMSAFE_TEST_DATA_DIR) + "/" + relative, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

RiskMethods Methods() {
  RiskMethods m;
  EXPECT_TRUE(ParseLecScales(Read("risk/lec_scales.csv"), "lec_scales.csv", m.lec).ok());
  m.lec.bands = *ParseLecBands(Read("risk/lec_bands.csv"), "lec_bands.csv");
  m.matrix = *ParseRiskMatrix(Read("risk/ls_matrix.csv"), "ls_matrix.csv");
  m.floors = *ParseFloorRules(Read("risk/floor_rules.csv"), "floor_rules.csv");
  return m;
}

RiskPoint Point() {
  RiskPoint p;
  p.enterprise_uscc = "91440300000100001X";
  p.area = "液氯储罐区";
  p.name = "液氯储罐泄漏";
  p.post = "储罐区操作工";
  p.hazards = {"中毒和窒息", "容器爆炸"};
  p.chemicals = {"7782-50-5"};
  p.assessment = {AssessmentMethod::kLec, 3, 6, 15};  // D = 270: 高度危险
  p.measures = {{MeasureCategory::kEngineering, "设置氯气泄漏检测报警与紧急切断"}, {MeasureCategory::kPpe, "配备正压式空气呼吸器"}};
  p.responsible_department = "储运车间";
  p.responsible_person = "张三";
  p.review_due = "2027-06-30";
  return p;
}

TEST(RiskPoint, GradedByLecAndRaisedByFloors) {
  const RiskMethods m = Methods();
  RiskPoint p = Point();
  ASSERT_TRUE(GradeRiskPoint(p, m, RiskFacts{}).ok());
  EXPECT_DOUBLE_EQ(p.score, 270);
  EXPECT_EQ(p.band_zh, "高度危险");
  EXPECT_EQ(p.assessed_grade, RiskGrade::kLarger);
  EXPECT_EQ(p.grade, RiskGrade::kLarger);
  EXPECT_TRUE(p.floors.empty());

  p.assessment = {AssessmentMethod::kLec, 1, 6, 3};  // D = 18: 稍有危险, low
  RiskFacts in_grade2;
  in_grade2.mhi_grade = 2;
  ASSERT_TRUE(GradeRiskPoint(p, m, in_grade2).ok());
  EXPECT_EQ(p.assessed_grade, RiskGrade::kLow);
  EXPECT_EQ(p.grade, RiskGrade::kLarger);
  EXPECT_EQ(p.floors, std::vector<std::string>{"mhi_grade_1_2"});
}

TEST(RiskPoint, GradedByTheMatrix) {
  RiskPoint p = Point();
  p.assessment.method = AssessmentMethod::kMatrix;
  p.assessment.matrix_l = 4;
  p.assessment.matrix_s = 5;
  ASSERT_TRUE(GradeRiskPoint(p, Methods(), RiskFacts{}).ok());
  EXPECT_DOUBLE_EQ(p.score, 20);
  EXPECT_EQ(p.grade, RiskGrade::kMajor);
  EXPECT_TRUE(p.band_zh.empty());
}

TEST(RiskPoint, EveryErrorNamesItsField) {
  const RiskMethods m = Methods();
  struct Case {
    void (*change)(RiskPoint&);
    const char* field;
  };
  for (const Case& c : {Case{[](RiskPoint& p) { p.name = " "; }, "name: empty"},
                        Case{[](RiskPoint& p) { p.hazards.clear(); }, "hazards: at least one"},
                        Case{[](RiskPoint& p) { p.measures[1].text.clear(); }, "measures[1].text: empty"},
                        Case{[](RiskPoint& p) { p.review_due = "2027-02-30"; }, "review_due: \"2027-02-30\""},
                        Case{[](RiskPoint& p) { p.responsible_person.clear(); }, "responsible_person: empty"},
                        Case{[](RiskPoint& p) { p.assessment.e = 4; }, "assessment: E: 4 is not on the scale"},
                        Case{[](RiskPoint& p) {
                               p.assessment.method = AssessmentMethod::kMatrix;
                               p.assessment.matrix_l = 6;
                             },
                             "assessment: L: 6 is not in 1..5"}}) {
    RiskPoint p = Point();
    c.change(p);
    const Status s = GradeRiskPoint(p, m, RiskFacts{});
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument) << c.field;
    EXPECT_THAT(s.message(), HasSubstr(c.field));
  }
}

TEST(RiskPoint, CodesRoundTrip) {
  EXPECT_EQ(ParseControlLevel(ControlLevelCode(ControlLevel::kWorkshop)), ControlLevel::kWorkshop);
  EXPECT_EQ(ParseControlLevel("岗位级"), ControlLevel::kPost);
  EXPECT_EQ(ParseMeasureCategory("ppe"), MeasureCategory::kPpe);
  EXPECT_EQ(MeasureCategoryZh(MeasureCategory::kEmergency), "应急处置措施");
  EXPECT_EQ(ParseControlStatus("deficient"), ControlStatus::kDeficient);
  EXPECT_EQ(ParseAssessmentMethod("ls"), AssessmentMethod::kMatrix);
  EXPECT_EQ(ParseAssessmentMethod("hazop"), std::nullopt);
}

}  // namespace
}  // namespace chemsafe::risk
