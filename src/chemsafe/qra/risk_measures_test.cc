// Event trees, ignition probabilities, PLL/FAR/AIR, F-N curves and the GB 36894-2018 individual-risk
// criteria against the cases of shared/reference/qra-cases.md (case ids in each test), with the shipped
// tables read from the data dir.
#include "chemsafe/qra/risk_measures.h"

#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace chemsafe::qra {

std::string ReadDataFile(const std::string& relative);  // probits_test.cc

namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

void ExpectAllNear(const std::vector<double>& actual, const std::vector<double>& expected, double tolerance) {
  ASSERT_EQ(actual.size(), expected.size());
  for (std::size_t i = 0; i < actual.size(); ++i) EXPECT_NEAR(actual[i], expected[i], tolerance) << "index " << i;
}

// G2 (S): HyRAM test_event_tree.py; tolerance 1e-12 (the products are exact to rounding).
TEST(EventTree, HyramG2) {
  const double branches[] = {0.1, 0.2, 0.3};
  ExpectAllNear(*EventTreeEndStates(branches), {0.1, 0.18, 0.216, 0.504}, 1e-12);
  const double end_states[] = {0.1, 0.2, 0.3, 0.4};
  ExpectAllNear(*EndStateFrequencies(1e-5, end_states), {1e-6, 2e-6, 3e-6, 4e-6}, 1e-18);
}

TEST(EventTree, ErrorsNameTheInput) {
  const double bad_branch[] = {0.1, 1.2};
  EXPECT_EQ(EventTreeEndStates(bad_branch).status().message(), "branch_probabilities[1]: must lie in [0, 1] (is 1.2)");
  const double not_exhaustive[] = {0.1, 0.2};
  EXPECT_THAT(EndStateFrequencies(1e-5, not_exhaustive).status().message(),
              HasSubstr("end_state_probabilities: must sum to 1"));
  EXPECT_TRUE(EndStateFrequencies(1e-5, not_exhaustive, {.sum_tolerance = 0.8}).ok());
  const double fine[] = {1.0};
  EXPECT_EQ(EndStateFrequencies(-1, fine).status().message(),
            "initiating_frequency_per_yr: must be at least 0 (is -1)");
  EXPECT_THAT(*EventTreeEndStates({}), ElementsAre(1.0));
}

// G3 (S, HyRAM hydrogen defaults; M, Purple Book table 4.6): the shipped table; exact values of the data.
TEST(Ignition, ShippedTableG3) {
  auto table = ParseIgnitionProbabilities(ReadDataFile("qra/ignition_probabilities.csv"), "ignition_probabilities.csv");
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  struct Case {
    double rate_kg_s, immediate, delayed;
  };
  for (const Case& c : {Case{0.01, 0.008, 0.004}, Case{1, 0.053, 0.027}, Case{7, 0.23, 0.12}}) {
    auto band = LookUpIgnition(*table, "hyram_hydrogen", "hydrogen", ReleaseMode::kContinuous, c.rate_kg_s);
    ASSERT_TRUE(band.ok()) << band.status().ToString();
    EXPECT_EQ((*band)->p_immediate, c.immediate);
    EXPECT_EQ((*band)->p_delayed, c.delayed);
    EXPECT_EQ((*band)->grade, "S");
  }
  // A rate at a threshold belongs to the upper band (the file's convention).
  auto at_threshold = LookUpIgnition(*table, "hyram_hydrogen", "hydrogen", ReleaseMode::kContinuous, 0.125);
  EXPECT_EQ((*at_threshold)->p_immediate, 0.053);
  // Purple Book table 4.6 (M, recalled): continuous < 10, 10-100, > 100 kg/s; instantaneous < 1000,
  // 1000-10000, > 10000 kg.
  auto pb = [&](const char* category, ReleaseMode mode, double amount) {
    auto band = LookUpIgnition(*table, "purple_book_4_6", category, mode, amount);
    EXPECT_TRUE(band.ok()) << band.status().ToString();
    EXPECT_FALSE((*band)->p_delayed.has_value());
    EXPECT_EQ((*band)->grade, "M");
    return (*band)->p_immediate;
  };
  EXPECT_EQ(pb("K1_liquid", ReleaseMode::kContinuous, 500), 0.065);
  EXPECT_EQ(pb("K1_liquid", ReleaseMode::kInstantaneous, 1e6), 0.065);
  EXPECT_EQ(pb("gas_low_reactivity", ReleaseMode::kContinuous, 5), 0.02);
  EXPECT_EQ(pb("gas_low_reactivity", ReleaseMode::kContinuous, 50), 0.04);
  EXPECT_EQ(pb("gas_low_reactivity", ReleaseMode::kContinuous, 150), 0.09);
  EXPECT_EQ(pb("gas_low_reactivity", ReleaseMode::kInstantaneous, 5000), 0.04);
  EXPECT_EQ(pb("gas_average_high_reactivity", ReleaseMode::kContinuous, 5), 0.2);
  EXPECT_EQ(pb("gas_average_high_reactivity", ReleaseMode::kInstantaneous, 5000), 0.5);
  EXPECT_EQ(pb("gas_average_high_reactivity", ReleaseMode::kInstantaneous, 20000), 0.7);
  EXPECT_EQ(LookUpIgnition(*table, "purple_book_4_6", "K3_liquid", ReleaseMode::kContinuous, 1).status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(LookUpIgnition(*table, "hyram_hydrogen", "hydrogen", ReleaseMode::kContinuous, -1).status().message(),
            "amount: must be at least 0 (is -1)");
}

TEST(Ignition, BandsMustTileTheRange) {
  const std::string header = "table,category,release,lower,upper,p_immediate,p_delayed,source,grade\n";
  auto parse = [&](const std::string& rows) { return ParseIgnitionProbabilities(header + rows, "i.csv").status(); };
  EXPECT_EQ(parse("t,c,continuous,1,,0.1,,s,M\n").message(),
            "i.csv:2:4: lower: the first band of a table must start at 0");
  EXPECT_EQ(parse("t,c,continuous,0,1,0.1,,s,M\nt,c,continuous,2,,0.1,,s,M\n").message(),
            "i.csv:3:4: lower: must equal the upper limit of the band before (1)");
  EXPECT_EQ(parse("t,c,continuous,0,1,0.1,,s,M\n").message(),
            "i.csv:2:5: upper: the last band of t/c/continuous must have no upper limit");
  EXPECT_EQ(parse("t,c,continuous,0,,0.1,,s,M\nt,c,continuous,1,,0.1,,s,M\n").message(),
            "i.csv:3:4: lower: follows a band without an upper limit");
  EXPECT_EQ(parse("t,c,continuous,0,,1.5,,s,M\n").message(), "i.csv:2:6: p_immediate: must lie in [0, 1]");
  EXPECT_EQ(parse("t,c,leak,0,,0.1,,s,M\n").message(),
            "i.csv:2:3: release: \"leak\" is not a release mode (continuous, instantaneous)");
  EXPECT_EQ(parse("t,c,continuous,0,,0.1,,,M\n").message(), "i.csv:2:8: source: required");
  EXPECT_TRUE(parse("t,c,continuous,0,,0.1,,s,M\nt,c,instantaneous,0,,0.1,,s,M\n").ok());
}

// G1 (S): HyRAM tests/hyram/qra/test_risk.py; tolerance 1e-7 (FAR), 1e-12 relative elsewhere.
TEST(RiskMeasures, PllFarAirG1) {
  EXPECT_NEAR(*FatalAccidentRate(2.5e-5, 9), 0.0317098, 1e-7);
  EXPECT_NEAR(*AverageIndividualRisk(0.03, 2000), 6e-7, 1e-19);
  const ScenarioRisk scenarios[] = {{1e-5, 0.1}, {2e-5, 0.2}};
  auto pll = PotentialLossOfLife(scenarios);
  ASSERT_TRUE(pll.ok());
  ExpectAllNear(pll->scenario_pll_per_yr, {1e-6, 4e-6}, 1e-18);
  EXPECT_NEAR(pll->total_pll_per_yr, 5e-6, 1e-18);
  ExpectAllNear(pll->contributions, {0.2, 0.8}, 1e-12);
  // The exposed hours are an option: half a year of occupancy doubles the FAR.
  EXPECT_NEAR(*FatalAccidentRate(2.5e-5, 9, {.exposed_hours_per_yr = 4380}), 2 * 0.0317098, 2e-7);
}

TEST(RiskMeasures, ErrorsNameTheInput) {
  const ScenarioRisk bad[] = {{1e-5, 0.1}, {-1, 0.2}};
  EXPECT_EQ(PotentialLossOfLife(bad).status().message(), "scenarios[1].frequency_per_yr: must be at least 0 (is -1)");
  EXPECT_EQ(FatalAccidentRate(1e-5, 0).status().message(), "occupants: must be greater than 0 (is 0)");
  const ScenarioRisk none[] = {{1e-5, 0}};
  EXPECT_THAT(PotentialLossOfLife(none)->contributions, ElementsAre(0.0));
}

// G6 (D): F(N) = sum of f_i with N_i >= N for {(1e-4, 3), (1e-5, 30), (1e-6, 300)}: exact cumulative sums
// (4 ulps: the sums of three doubles), and the PLL from the curve equals sum f_i N_i.
TEST(FnCurve, CumulativeSumsG6) {
  const FnScenario scenarios[] = {{1e-5, 30}, {1e-4, 3}, {1e-6, 300}, {5e-3, 0}};
  auto curve = FnCurve(scenarios);
  ASSERT_TRUE(curve.ok()) << curve.status().ToString();
  ASSERT_EQ(curve->size(), 3u);  // the scenario without fatalities is not a step
  EXPECT_DOUBLE_EQ(CumulativeFrequency(*curve, 1), 1.11e-4);
  EXPECT_DOUBLE_EQ(CumulativeFrequency(*curve, 3), 1.11e-4);
  EXPECT_DOUBLE_EQ(CumulativeFrequency(*curve, 10), 1.1e-5);
  EXPECT_DOUBLE_EQ(CumulativeFrequency(*curve, 30), 1.1e-5);
  EXPECT_DOUBLE_EQ(CumulativeFrequency(*curve, 100), 1e-6);
  EXPECT_DOUBLE_EQ(CumulativeFrequency(*curve, 300), 1e-6);
  EXPECT_EQ(CumulativeFrequency(*curve, 301), 0.0);
  EXPECT_DOUBLE_EQ(PllFromFnCurve(*curve), 1e-4 * 3 + 1e-5 * 30 + 1e-6 * 300);
  // Scenarios with the same N make one step.
  const FnScenario same[] = {{1e-4, 3}, {2e-4, 3}};
  auto merged = FnCurve(same);
  ASSERT_EQ(merged->size(), 1u);
  EXPECT_DOUBLE_EQ(merged->front().cumulative_frequency_per_yr, 3e-4);
  const FnScenario bad[] = {{1e-4, -3}};
  EXPECT_EQ(FnCurve(bad).status().message(), "scenarios[0].fatalities: must be at least 0 (is -3)");
}

// A criterion line given as data (an illustrative line, not a standard's: GB 36894's lines are not
// verified, G4): F = 1e-3 at N = 1 falling with slope -1 to N = 100, then slope -2.
TEST(FnCurve, CheckAgainstALine) {
  const FnCriterionLine line{.name = "test line",
                             .points = {{.fatalities = 1, .cumulative_frequency_per_yr = 1e-3},
                                        {.fatalities = 100, .cumulative_frequency_per_yr = 1e-5}},
                             .slope_beyond_last = -2,
                             .source = "illustrative",
                             .grade = "D"};
  EXPECT_NEAR(*CriterionFrequency(line, 10), 1e-4, 1e-16);
  EXPECT_NEAR(*CriterionFrequency(line, 1000), 1e-7, 1e-19);
  EXPECT_THAT(CriterionFrequency(line, 0.5).status().message(), HasSubstr("starts at N = 1"));
  const FnScenario below[] = {{1e-4, 3}, {1e-5, 30}, {1e-6, 300}};
  auto check = CheckFnCurve(*FnCurve(below), line);
  ASSERT_TRUE(check.ok()) << check.status().ToString();
  EXPECT_FALSE(check->exceeded);
  // Worst at N = 300: F = 1e-6 against 1e-5 (100/300)^2 = 1.111e-6.
  EXPECT_EQ(check->at_fatalities, 300);
  EXPECT_NEAR(check->worst_ratio, 0.9, 1e-12);
  const FnScenario above[] = {{1e-4, 3}, {5e-5, 30}};
  auto over = CheckFnCurve(*FnCurve(above), line);
  EXPECT_TRUE(over->exceeded);
  EXPECT_EQ(over->at_fatalities, 30);  // F(30) = 5e-5 against 1e-3/30
  EXPECT_NEAR(over->worst_ratio, 1.5, 1e-12);
  FnCriterionLine unordered = line;
  std::swap(unordered.points[0], unordered.points[1]);
  EXPECT_THAT(CheckFnCurve(*FnCurve(below), unordered).status().message(),
              HasSubstr("criterion.points[1].fatalities: must be greater than the point before"));
}

// G4 (S for the 2014 trial-standard table, M for GB 36894-2018 repeating it): the shipped criteria; the
// limits are exact values of the data.
TEST(IndividualRiskCriteria, ShippedTableG4) {
  auto table = ParseIrCriteria(ReadDataFile("qra/gb36894_criteria.csv"), "gb36894_criteria.csv");
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  struct Case {
    const char* target_class;
    double new_limit, in_service_limit;
  };
  for (const Case& c : {Case{"low_density", 1e-5, 3e-5}, Case{"high_density", 3e-6, 1e-5},
                        Case{"highly_sensitive", 3e-7, 3e-6}}) {
    SCOPED_TRACE(c.target_class);
    auto v_new = CheckIndividualRisk(*table, c.target_class, InstallationStatus::kNew, c.new_limit);
    ASSERT_TRUE(v_new.ok()) << v_new.status().ToString();
    EXPECT_EQ(v_new->limit_per_yr, c.new_limit);
    EXPECT_FALSE(v_new->exceeded);  // at the limit: not exceeded
    EXPECT_THAT(v_new->criterion->source, HasSubstr("confirm"));
    auto v_old = CheckIndividualRisk(*table, c.target_class, InstallationStatus::kInService, 1.01 * c.in_service_limit);
    EXPECT_EQ(v_old->limit_per_yr, c.in_service_limit);
    EXPECT_TRUE(v_old->exceeded);
  }
  EXPECT_EQ(CheckIndividualRisk(*table, "low_density", InstallationStatus::kNew, 1e-5)->criterion->description_zh,
            "低密度人员场所（人数<30人）");
  auto unknown = CheckIndividualRisk(*table, "school", InstallationStatus::kNew, 1e-7);
  EXPECT_EQ(unknown.status().code(), StatusCode::kNotFound);
  EXPECT_THAT(unknown.status().message(), HasSubstr("low_density, high_density, highly_sensitive"));
  EXPECT_EQ(CheckIndividualRisk(*table, "low_density", InstallationStatus::kNew, -1).status().message(),
            "individual_risk_per_yr: must be at least 0 (is -1)");
}

TEST(IndividualRiskCriteria, ParseErrors) {
  const std::string header =
      "target_class,description_zh,description_en,new_limit_per_yr,in_service_limit_per_yr,source,grade\n";
  auto parse = [&](const std::string& rows) { return ParseIrCriteria(header + rows, "g.csv").status(); };
  EXPECT_EQ(parse("a,甲,A,0,1e-5,s,M\n").message(), "g.csv:2:4: new_limit_per_yr: must be greater than 0");
  EXPECT_EQ(parse("a,甲,A,1e-6,x,s,M\n").message(), "g.csv:2:5: in_service_limit_per_yr: \"x\" is not a number");
  EXPECT_EQ(parse("a,甲,A,1e-6,1e-5,s,M\na,乙,B,1e-6,1e-5,s,M\n").message(),
            "g.csv:3:1: target_class: \"a\" appears twice");
}

// The shipped GB 36894 F-N lines (grade U, standards.md S51: F = 1e-3/N and 1e-5/N): exact values of the
// data, read through the line; a curve between them is over the negligible line only.
TEST(FnCriterionLines, ShippedTable) {
  auto lines = ParseFnCriterionLines(ReadDataFile("qra/gb36894_fn_lines.csv"), "gb36894_fn_lines.csv");
  ASSERT_TRUE(lines.ok()) << lines.status().ToString();
  ASSERT_EQ(lines->size(), 2u);
  EXPECT_EQ((*lines)[0].name, "intolerable");
  EXPECT_EQ((*lines)[0].grade, "U");
  EXPECT_NEAR(*CriterionFrequency((*lines)[0], 10), 1e-4, 1e-16);
  EXPECT_NEAR(*CriterionFrequency((*lines)[1], 100), 1e-7, 1e-19);
  auto curve = FnCurve(std::vector<FnScenario>{{1e-5, 10}});  // F(10) = 1e-5: between 1e-4 and 1e-6
  ASSERT_TRUE(curve.ok());
  EXPECT_FALSE(CheckFnCurve(*curve, (*lines)[0])->exceeded);
  EXPECT_TRUE(CheckFnCurve(*curve, (*lines)[1])->exceeded);
}

TEST(FnCriterionLines, ParseErrors) {
  const std::string header = "line,fatalities,frequency_per_yr,slope_beyond_last,source,grade\n";
  auto parse = [&](const std::string& rows) { return ParseFnCriterionLines(header + rows, "f.csv").status(); };
  EXPECT_TRUE(parse("a,1,1e-3,-1,s,U\na,10,1e-4,-2,s,U\n").ok());
  EXPECT_EQ(parse("a,0,1e-3,-1,s,U\n").message(), "f.csv:2:2: fatalities: must be greater than 0");
  EXPECT_EQ(parse("a,10,1e-3,-1,s,U\na,5,1e-3,-1,s,U\n").message(),
            "f.csv:3:2: fatalities: must be greater than the line's previous N");
  EXPECT_EQ(parse("a,1,1e-3,1,s,U\n").message(), "f.csv:2:4: slope_beyond_last: must be negative (F falls as N grows)");
  EXPECT_EQ(parse("a,1,1e-3,-1,s,U\nb,1,1e-5,-1,s,U\na,10,1e-4,-1,s,U\n").message(),
            "f.csv:4:1: line: the rows of line \"a\" must be together");
  EXPECT_EQ(parse("a,1,1e-3,-1,s,Q\n").code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace chemsafe::qra
