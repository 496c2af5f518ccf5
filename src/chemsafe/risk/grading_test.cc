// Risk grading (grading.h) on the shipped tables of data/risk/ and on small tables made here: LEC at every
// band edge, the L × S matrix cell by cell against R = L × S and its bands, the floor rules, and the parsers'
// errors naming file, line and column.
#include "chemsafe/risk/grading.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace chemsafe::risk {
namespace {

using ::testing::HasSubstr;

std::string ReadDataFile(const std::string& relative) {
  std::ifstream in(std::string(CHEMSAFE_TEST_DATA_DIR) + "/" + relative, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

RiskMethods Shipped() {
  RiskMethods m;
  EXPECT_TRUE(ParseLecScales(ReadDataFile("risk/lec_scales.csv"), "lec_scales.csv", m.lec).ok());
  auto bands = ParseLecBands(ReadDataFile("risk/lec_bands.csv"), "lec_bands.csv");
  EXPECT_TRUE(bands.ok()) << bands.status().ToString();
  if (bands.ok()) m.lec.bands = *bands;
  auto matrix = ParseRiskMatrix(ReadDataFile("risk/ls_matrix.csv"), "ls_matrix.csv");
  EXPECT_TRUE(matrix.ok()) << matrix.status().ToString();
  if (matrix.ok()) m.matrix = *matrix;
  auto floors = ParseFloorRules(ReadDataFile("risk/floor_rules.csv"), "floor_rules.csv");
  EXPECT_TRUE(floors.ok()) << floors.status().ToString();
  if (floors.ok()) m.floors = *floors;
  return m;
}

TEST(RiskGrade, CodesNamesAndColours) {
  EXPECT_EQ(RiskGradeZh(RiskGrade::kMajor), "重大风险");
  EXPECT_EQ(RiskColourZh(RiskGrade::kLarger), "橙");
  EXPECT_EQ(RiskColourCode(RiskGrade::kLow), "blue");
  EXPECT_EQ(ParseRiskGrade("较大"), RiskGrade::kLarger);
  EXPECT_EQ(ParseRiskGrade("一般风险"), RiskGrade::kGeneral);
  EXPECT_EQ(ParseRiskGrade("major"), RiskGrade::kMajor);
  EXPECT_EQ(ParseRiskGrade("severe"), std::nullopt);
  EXPECT_LT(RiskGrade::kGeneral, RiskGrade::kLarger) << "a higher grade compares greater";
}

// The shipped scales (standards.md §3.5 [U]) and bands (D > 320 / 160 / 70 / 20, [V] S39).
TEST(Lec, ShippedBandsOnReachableScores) {
  const RiskMethods m = Shipped();
  ASSERT_EQ(m.lec.l.size(), 7u);
  ASSERT_EQ(m.lec.e.size(), 6u);
  ASSERT_EQ(m.lec.c.size(), 6u);
  struct Case {
    double l, e, c, d;
    const char* danger;
    RiskGrade grade;
  };
  for (const Case& k : {Case{10, 6, 7, 420, "极其危险", RiskGrade::kMajor}, Case{3, 6, 15, 270, "高度危险", RiskGrade::kLarger},
                        Case{6, 6, 3, 108, "显著危险", RiskGrade::kGeneral},
                        Case{10, 1, 7, 70, "一般危险", RiskGrade::kLow},  // D = 70 exactly: not above 70
                        Case{3, 2, 15, 90, "显著危险", RiskGrade::kGeneral}, Case{10, 2, 1, 20, "稍有危险", RiskGrade::kLow},
                        Case{0.1, 0.5, 1, 0.05, "稍有危险", RiskGrade::kLow}}) {
    SCOPED_TRACE(k.d);
    auto r = GradeLec(m.lec, k.l, k.e, k.c);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_DOUBLE_EQ(r->d, k.d);
    EXPECT_EQ(r->band->danger_zh, k.danger);
    EXPECT_EQ(r->grade, k.grade);
  }
}

// Every band edge, with a scale made to reach the edges exactly and just above them.
TEST(Lec, EveryBandEdge) {
  LecMethod m = Shipped().lec;
  m.l.clear();
  for (double v : {320.0, 320.001, 160.0, 160.001, 70.0, 70.001, 20.0, 20.001, 0.001}) m.l.push_back({v, "x", "x", "U"});
  m.e = {{1, "x", "x", "U"}};
  m.c = {{1, "x", "x", "U"}};
  struct Case {
    double d;
    RiskGrade grade;
  };
  for (const Case& k : {Case{320.001, RiskGrade::kMajor}, Case{320, RiskGrade::kLarger}, Case{160.001, RiskGrade::kLarger},
                        Case{160, RiskGrade::kGeneral}, Case{70.001, RiskGrade::kGeneral}, Case{70, RiskGrade::kLow},
                        Case{20.001, RiskGrade::kLow}, Case{20, RiskGrade::kLow}, Case{0.001, RiskGrade::kLow}}) {
    SCOPED_TRACE(k.d);
    auto r = GradeLec(m, k.d, 1, 1);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ(r->grade, k.grade);
  }
  EXPECT_EQ(GradeLec(m, 20, 1, 1)->band->danger_zh, "稍有危险");
  EXPECT_EQ(GradeLec(m, 20.001, 1, 1)->band->danger_zh, "一般危险");
}

TEST(Lec, AScoreOffItsScaleIsAnError) {
  const RiskMethods m = Shipped();
  auto r = GradeLec(m.lec, 10, 4, 7);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(r.status().message(), HasSubstr("E: 4 is not on the scale (10, 6, 3, 2, 1, 0.5)"));
}

// The shipped matrix cell by cell against its documented rule (data/risk/PROVENANCE.md, [U]): R = L × S,
// 1–8 低, 9–12 一般, 15–16 较大, 20–25 重大.
TEST(Matrix, ShippedCellsFollowRBands) {
  const RiskMethods m = Shipped();
  ASSERT_EQ(m.matrix.levels_l, 5);
  ASSERT_EQ(m.matrix.levels_s, 5);
  for (int l = 1; l <= 5; ++l) {
    for (int s = 1; s <= 5; ++s) {
      const int r = l * s;
      const RiskGrade expected = r >= 20 ? RiskGrade::kMajor : r >= 15 ? RiskGrade::kLarger : r >= 9 ? RiskGrade::kGeneral : RiskGrade::kLow;
      auto got = GradeMatrix(m.matrix, l, s);
      ASSERT_TRUE(got.ok());
      EXPECT_EQ(got->r, r);
      EXPECT_EQ(got->grade, expected) << "L " << l << ", S " << s;
    }
  }
  EXPECT_EQ(GradeMatrix(m.matrix, 0, 3).status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(GradeMatrix(m.matrix, 3, 6).status().message(), HasSubstr("S: 6 is not in 1..5"));
}

TEST(Floors, MajorHazardInstallationsAndKeyProcesses) {
  const RiskMethods m = Shipped();
  ASSERT_EQ(m.floors.size(), 2u);
  RiskFacts grade2;
  grade2.mhi_grade = 2;
  auto f = ApplyFloors(RiskGrade::kLow, grade2, m.floors);
  EXPECT_EQ(f.grade, RiskGrade::kLarger);
  ASSERT_EQ(f.applied.size(), 1u);
  EXPECT_EQ(f.applied[0]->id, "mhi_grade_1_2");
  RiskFacts grade1 = grade2;
  grade1.mhi_grade = 1;
  EXPECT_EQ(ApplyFloors(RiskGrade::kGeneral, grade1, m.floors).grade, RiskGrade::kLarger);
  RiskFacts grade3;
  grade3.mhi_grade = 3;
  EXPECT_EQ(ApplyFloors(RiskGrade::kLow, grade3, m.floors).grade, RiskGrade::kLow) << "grade 3 has no floor";
  EXPECT_TRUE(ApplyFloors(RiskGrade::kLow, RiskFacts{}, m.floors).applied.empty());
  RiskFacts process;
  process.key_process = true;
  EXPECT_EQ(ApplyFloors(RiskGrade::kGeneral, process, m.floors).grade, RiskGrade::kLarger);
  auto high = ApplyFloors(RiskGrade::kMajor, grade1, m.floors);
  EXPECT_EQ(high.grade, RiskGrade::kMajor) << "a floor never lowers";
  EXPECT_TRUE(high.applied.empty());
  // A province that rates grade-1/2 installations 重大 directly changes the data only.
  std::vector<FloorRule> strict = m.floors;
  strict[0].minimum = RiskGrade::kMajor;
  EXPECT_EQ(ApplyFloors(RiskGrade::kLow, grade2, strict).grade, RiskGrade::kMajor);
}

TEST(Parsers, ErrorsNameTheCell) {
  LecMethod lec;
  auto s = ParseLecScales("factor,value,meaning_zh,meaning_en,verified,source\nL,10,a,b,U,s\nQ,1,a,b,U,s\n", "x.csv", lec);
  EXPECT_THAT(s.message(), HasSubstr("x.csv:3:1"));
  s = ParseLecScales("factor,value,meaning_zh,meaning_en,verified,source\nL,10,a,b,maybe,s\nE,1,a,b,U,s\nC,1,a,b,U,s\n", "x.csv", lec);
  EXPECT_THAT(s.message(), HasSubstr("x.csv:2:5"));
  auto bands = ParseLecBands("d_above,danger_zh,action_zh,grade,band_verified,grade_verified,source\n"
                             "70,a,b,general,V,U,s\n160,a,b,larger,V,U,s\n0,a,b,low,V,U,s\n", "b.csv");
  EXPECT_THAT(bands.status().message(), HasSubstr("b.csv:3:1"));
  bands = ParseLecBands("d_above,danger_zh,action_zh,grade,band_verified,grade_verified,source\n70,a,b,general,V,U,s\n", "b.csv");
  EXPECT_THAT(bands.status().message(), HasSubstr("last band must have d_above 0"));
  auto matrix = ParseRiskMatrix("l,s1,s2\n1,low,general\n2,low,severe\n", "m.csv");
  EXPECT_THAT(matrix.status().message(), HasSubstr("m.csv:3:3"));
  matrix = ParseRiskMatrix("l,s1,s2\n1,low,general\n2,low,low\n", "m.csv");
  EXPECT_THAT(matrix.status().message(), HasSubstr("L 2, S 2: low is lower"));
  matrix = ParseRiskMatrix("l,s1,s3\n1,low,general\n", "m.csv");
  EXPECT_THAT(matrix.status().message(), HasSubstr("expected \"s2\""));
  auto floors = ParseFloorRules("id,condition,parameter,minimum,basis_zh,verified,source\na,mhi_grade_at_most,5,major,b,U,s\n", "f.csv");
  EXPECT_THAT(floors.status().message(), HasSubstr("f.csv:2:3"));
  floors = ParseFloorRules("id,condition,parameter,minimum,basis_zh,verified,source\na,near_school,,major,b,U,s\n", "f.csv");
  EXPECT_THAT(floors.status().message(), HasSubstr("f.csv:2:2"));
}

}  // namespace
}  // namespace chemsafe::risk
