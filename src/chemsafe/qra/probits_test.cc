// Probits against the reference cases of shared/reference/qra-cases.md (case ids in each test), and the
// toxic probit table data/qra/toxic_probits.csv read from the data dir.
#include "chemsafe/qra/probits.h"

#include <cmath>
#include <fstream>
#include <sstream>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace chemsafe::qra {

// The text of a file under data/ (CHEMSAFE_TEST_DATA_DIR); empty when it cannot be read. Shared by the
// test files of qra_effects_test, which declare it.
std::string ReadDataFile(const std::string& relative) {
  std::ifstream in(std::string(CHEMSAFE_TEST_DATA_DIR) + "/" + relative, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

namespace {

using ::testing::HasSubstr;

// Half a unit of the 6th significant figure: the precision at which the reference prints derived values.
double SixFigures(double expected) { return 0.5 * std::pow(10.0, std::floor(std::log10(std::fabs(expected))) - 5); }

// F3 (S, mathematics): P = Phi(Y - 5); tolerance 1e-6; HyRAM's limits P(-100) = 0, P(100) = 1, P(5) = 0.5.
TEST(Probit, ProbabilityF3) {
  EXPECT_NEAR(ProbitToProbability(2.67), 0.009903, 1e-6);
  EXPECT_NEAR(ProbitToProbability(3.72), 0.100273, 1e-6);
  EXPECT_NEAR(ProbitToProbability(6.0), 0.841345, 1e-6);
  EXPECT_NEAR(ProbitToProbability(7.33), 0.990097, 1e-6);
  EXPECT_EQ(ProbitToProbability(5.0), 0.5);
  EXPECT_EQ(ProbitToProbability(-100.0), 0.0);
  EXPECT_EQ(ProbitToProbability(100.0), 1.0);
}

// The inverse: Y = 5 + Phi^-1(P), F3's pairs read backwards (tolerance 1e-4 in Y: the probabilities are
// printed to 6 decimals) and a round trip to 1e-12.
TEST(Probit, ProbitOfProbability) {
  EXPECT_NEAR(*ProbabilityToProbit(0.009903), 2.67, 1e-4);
  EXPECT_NEAR(*ProbabilityToProbit(0.990097), 7.33, 1e-4);
  EXPECT_NEAR(*ProbabilityToProbit(0.5), 5.0, 1e-12);
  for (double y : {-2.0, 1.5, 4.2, 6.8}) EXPECT_NEAR(*ProbabilityToProbit(ProbitToProbability(y)), y, 1e-12);
  // Near P = 1 the spacing of doubles (1.1e-16) limits Y: at Y = 11 to about 1.1e-16/phi(6) = 1.8e-8.
  EXPECT_NEAR(*ProbabilityToProbit(ProbitToProbability(11.0)), 11.0, 1e-7);
  EXPECT_EQ(ProbabilityToProbit(1.0).status().message(), "probability: must be between 0 and 1, exclusive (is 1)");
  EXPECT_FALSE(ProbabilityToProbit(0.0).ok());
}

// C1 (S): HyRAM tests/hyram/qra/test_probits.py hand calculations; q in W/m2, t in s; tolerance 1e-7.
TEST(ThermalProbit, HyramHandCalculationsC1) {
  EXPECT_NEAR(*ThermalDose(5.0, 30.0), 256.4963920, 1e-7);
  EXPECT_NEAR(*ThermalProbit(ThermalProbitModel::kEisenberg, 1e7), 2.7823249, 1e-7);
  EXPECT_NEAR(*ThermalProbit(ThermalProbitModel::kTsaoPerry, 1e7), 4.8823249, 1e-7);
  EXPECT_NEAR(*ThermalProbit(ThermalProbitModel::kTno, 1e7), 4.0323249, 1e-7);
  EXPECT_NEAR(*ThermalProbit(ThermalProbitModel::kLees, 1e7), 1.6756475, 1e-7);  // clothing factor 0.5
  // Eisenberg 50 % fatality over 60 s at q = 15796.170691 W/m2 (tolerance 1e-6 W/m2: the printed digits).
  EXPECT_NEAR(*ThermalFluxForProbit(ThermalProbitModel::kEisenberg, 5.0, 60.0), 15796.170691, 1e-6);
}

// C1 (D): the Green/Purple Book probit (Tsao & Perry form) at 12.5 kW/m2 for 40 s and 37.5 kW/m2 for 20 s;
// the case prints 5 decimals, so the tolerance is 5e-6.
TEST(ThermalProbit, GreenBookDerivedC1) {
  const double y1 = *ThermalProbit(ThermalProbitModel::kTsaoPerry, *ThermalDose(12500.0, 40.0));
  EXPECT_NEAR(y1, 5.26316, 5e-6);
  EXPECT_NEAR(ProbitToProbability(y1), 0.60379, 5e-6);
  const double y2 = *ThermalProbit(ThermalProbitModel::kTsaoPerry, *ThermalDose(37500.0, 20.0));
  EXPECT_NEAR(y2, 7.23863, 5e-6);
  EXPECT_NEAR(ProbitToProbability(y2), 0.98741, 5e-6);
}

TEST(ThermalProbit, ConventionsAreOptions) {
  // C1 note: CCPS/C&L's Y = -14.9 + 2.56 ln(D/1e4) is Eisenberg's line (-14.9 - 2.56 ln 1e4 = -38.48).
  const double d = 3.3e6;
  EXPECT_NEAR(*ThermalProbit(ThermalProbitModel::kEisenberg, d), -14.9 + 2.56 * std::log(d / 1e4), 1e-2);
  // Lees' clothing factor is an option: k = 1 is Lees for bare skin (Y + 1.99 ln 2).
  EXPECT_NEAR(*ThermalProbit(ThermalProbitModel::kLees, 1e7, {.lees_clothing_factor = 1.0}),
              1.6756475 + 1.99 * std::log(2.0), 1e-7);
  EXPECT_EQ(ThermalDose(0.0, 30.0).status().message(), "heat_flux_w_m2: must be greater than 0 (is 0)");
  EXPECT_EQ(ThermalDose(5.0, -1.0).status().message(), "duration_s: must be greater than 0 (is -1)");
  EXPECT_FALSE(ThermalProbit(ThermalProbitModel::kLees, 1e7, {.lees_clothing_factor = 0.0}).ok());
}

// D6 (S): HyRAM hand calculations, p in Pa, i in Pa s; tolerance 1e-7 (the 50 % overpressure: 1e-6 Pa).
TEST(OverpressureProbit, HyramHandCalculationsD6) {
  EXPECT_NEAR(*OverpressureProbit(OverpressureProbitModel::kEisenbergLung, 1e5), 2.4543150, 1e-7);
  EXPECT_NEAR(*OverpressureForProbit(OverpressureProbitModel::kEisenbergLung, 5.0), 144542.867547, 1e-6);
  EXPECT_NEAR(*OverpressureProbit(OverpressureProbitModel::kHseLung, 1e5), 5.13, 1e-7);
  EXPECT_NEAR(*OverpressureProbit(OverpressureProbitModel::kTnoHeadImpact, 1e5, 1e4), 12.2786003, 1e-7);
  EXPECT_NEAR(*OverpressureProbit(OverpressureProbitModel::kTnoStructuralCollapse, 1e5, 1e4), 6.4917213, 1e-7);
}

TEST(OverpressureProbit, ImpulseIsRequiredWhereUsedOnly) {
  EXPECT_TRUE(NeedsImpulse(OverpressureProbitModel::kTnoHeadImpact));
  EXPECT_FALSE(NeedsImpulse(OverpressureProbitModel::kHseLung));
  EXPECT_THAT(OverpressureProbit(OverpressureProbitModel::kTnoHeadImpact, 1e5).status().message(),
              HasSubstr("impulse_pa_s: required"));
  EXPECT_THAT(OverpressureProbit(OverpressureProbitModel::kEisenbergLung, 1e5, 1e4).status().message(),
              HasSubstr("impulse_pa_s: not used"));
  EXPECT_EQ(OverpressureProbit(OverpressureProbitModel::kTnoStructuralCollapse, 1e5, 0.0).status().message(),
            "impulse_pa_s: must be greater than 0 (is 0)");
  EXPECT_EQ(OverpressureProbit(OverpressureProbitModel::kHseLung, -3.0).status().message(),
            "overpressure_pa: must be greater than 0 (is -3)");
  EXPECT_FALSE(OverpressureForProbit(OverpressureProbitModel::kTnoHeadImpact, 5.0).ok());
}

// F2 (M constants, D derived columns): the LC50 of each Purple Book row of the shipped table over 30 and
// 10 min (mg/m3). The derived columns are exact consequences of the constants; the case prints them to
// 6 significant figures, so the tolerance (1e-6 in the case) is half a unit of the 6th figure.
TEST(ToxicProbit, ShippedTableLc50F2) {
  auto table = ParseToxicProbits(ReadDataFile("qra/toxic_probits.csv"), "toxic_probits.csv");
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  struct Lc50 {
    const char* substance;
    double lc50_30_min, lc50_10_min;
  };
  const Lc50 kF2[] = {{"ammonia", 5428.41, 9402.28},         {"chlorine", 1116.27, 1664.44},
                      {"hydrogen sulfide", 986.444, 1758.69}, {"hydrogen cyanide", 115.527, 182.592},
                      {"carbon monoxide", 8093.39, 24280.2},  {"hydrogen fluoride", 785.145, 1633.17},
                      {"hydrogen chloride", 4019.06, 12057.2}, {"phosgene", 81.3534, 244.06},
                      {"sulfur dioxide", 5803.22, 9172.11},   {"acrolein", 298.51, 895.529}};
  for (const Lc50& row : kF2) {
    SCOPED_TRACE(row.substance);
    auto e = table->Find(row.substance, "purple_book");
    ASSERT_TRUE(e.ok()) << e.status().ToString();
    EXPECT_EQ((*e)->constants.concentration_unit, ConcentrationUnit::kMgPerM3);
    EXPECT_EQ((*e)->constants.time_unit, ExposureTimeUnit::kMinute);
    EXPECT_NEAR(*ToxicLc50((*e)->constants, 1800.0), row.lc50_30_min, SixFigures(row.lc50_30_min));
    EXPECT_NEAR(*ToxicLc50((*e)->constants, 600.0), row.lc50_10_min, SixFigures(row.lc50_10_min));
    // At the printed LC50 the probit is 5 (tolerance 1e-5 in Y: the LC50 is rounded to 6 figures).
    EXPECT_NEAR(*ToxicProbit((*e)->constants, row.lc50_30_min, 1800.0), 5.0, 1e-5);
    EXPECT_EQ((*e)->grade, "M");
    EXPECT_THAT((*e)->source, HasSubstr("verify against the RIVM table"));
  }
  // F2 (M): the C&L/CCPS rows in ppm and min: LC50(30 min) = 11538.6 ppm (ammonia), 440.748 ppm (H2S).
  auto nh3 = table->Find("7664-41-7", "ccps");
  ASSERT_TRUE(nh3.ok());
  EXPECT_EQ((*nh3)->constants.concentration_unit, ConcentrationUnit::kPpm);
  EXPECT_NEAR(*ToxicLc50((*nh3)->constants, 1800.0), 11538.6, SixFigures(11538.6));
  auto h2s = table->Find("Hydrogen Sulfide", "ccps");
  ASSERT_TRUE(h2s.ok());
  EXPECT_NEAR(*ToxicLc50((*h2s)->constants, 1800.0), 440.748, SixFigures(440.748));
}

TEST(ToxicProbit, LookUpNamesTheSetWhenAmbiguous) {
  auto table = ParseToxicProbits(ReadDataFile("qra/toxic_probits.csv"), "toxic_probits.csv");
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  auto both = table->Find("ammonia");
  EXPECT_EQ(both.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(both.status().message(), HasSubstr("purple_book, ccps"));
  EXPECT_TRUE(table->Find("chlorine").ok());  // one set only
  EXPECT_EQ(table->Find("chlorine", "ccps").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(table->Find("benzene").status().code(), StatusCode::kNotFound);
}

// The probit of a constant history equals the probit of its concentration and duration; the units of
// the constants convert the seconds (the time unit is min here).
TEST(ToxicProbit, LoadOfAHistory) {
  const ToxicProbitConstants c{.a = -15.6, .b = 1, .n = 2};  // F2 ammonia, mg/m3 and min
  const ConcentrationSample constant[] = {{0, 3000}, {600, 3000}, {1800, 3000}};
  const double load = *ToxicLoad(c, constant);
  EXPECT_NEAR(load, 3000.0 * 3000.0 * 30.0, 1e-6);
  EXPECT_NEAR(*ToxicProbitOfLoad(c, load), *ToxicProbit(c, 3000, 1800), 1e-12);
  // A linear rise 0 -> 600 mg/m3 over 60 s (1 min), n = 2: the trapezoid rule on C^n gives
  // (0 + 600^2)/2 x 1 min = 180000; a step history holds 0 for the minute: load 0 at the first step.
  const ConcentrationSample ramp[] = {{0, 0}, {60, 600}};
  EXPECT_NEAR(*ToxicLoad(c, ramp), 180000.0, 1e-9);
  EXPECT_EQ(*ToxicLoad(c, ramp, {.rule = ToxicLoadRule::kStep}), 0.0);
  // Finer samples of C = 10 t (t in s) approach the exact integral of C^2 = 100 t^3/3 over 60 s (in min).
  std::vector<ConcentrationSample> fine;
  for (int k = 0; k <= 600; ++k) fine.push_back({0.1 * k, 1.0 * k});
  EXPECT_NEAR(*ToxicLoad(c, fine), 100.0 * 60.0 * 60.0 * 60.0 / 3.0 / 60.0, 1e-4 * 120000.0);
  // The time unit of the constants: seconds multiply the load by 60.
  ToxicProbitConstants in_s = c;
  in_s.time_unit = ExposureTimeUnit::kSecond;
  EXPECT_NEAR(*ToxicLoad(in_s, ramp), 60.0 * 180000.0, 1e-6);
}

// Independent computation (D): at 25 °C and 101325 Pa the ideal-gas molar volume R T/p is
// 8.314462618 x 298.15/101325 = 0.0244654 m3/mol, so 1 ppm of ammonia (M = 17.031 g/mol) is
// 17.031/24.4654 = 0.696126 mg/m3 = 6.96126e-7 kg/m3 (tolerance 1e-6 relative: the printed digits).
TEST(ToxicProbit, ConcentrationUnits) {
  const PpmConversion ammonia_25c{.molar_mass_kg_mol = 0.017031, .temperature_k = 298.15, .pressure_pa = 101325};
  EXPECT_NEAR(*ConcentrationInUnit(6.96126e-7, ConcentrationUnit::kPpm, ammonia_25c), 1.0, 1e-6);
  EXPECT_EQ(*ConcentrationInUnit(1.5e-3, ConcentrationUnit::kMgPerM3), 1500.0);
  EXPECT_EQ(ConcentrationInUnit(1e-6, ConcentrationUnit::kPpm).status().message(),
            "molar_mass_kg_mol: required to convert kg/m3 to ppm");
  const PpmConversion no_temperature{.molar_mass_kg_mol = 0.017};
  EXPECT_EQ(ConcentrationInUnit(1e-6, ConcentrationUnit::kPpm, no_temperature).status().message(),
            "temperature_k: must be greater than 0 (is 0)");
  EXPECT_FALSE(ConcentrationInUnit(-1, ConcentrationUnit::kMgPerM3).ok());
}

TEST(ToxicProbit, ErrorsNameTheInput) {
  const ToxicProbitConstants c{.a = -15.6, .b = 1, .n = 2};
  const ConcentrationSample backwards[] = {{0, 1}, {10, 1}, {5, 1}};
  EXPECT_EQ(ToxicLoad(c, backwards).status().message(),
            "concentration_history[2].time_s: must be later than the sample before (10 s, is 5 s)");
  const ConcentrationSample negative[] = {{0, 1}, {10, -1}};
  EXPECT_THAT(ToxicLoad(c, negative).status().message(), HasSubstr("concentration_history[1].concentration"));
  const ConcentrationSample one[] = {{0, 1}};
  EXPECT_THAT(ToxicLoad(c, one).status().message(), HasSubstr("at least 2 samples"));
  EXPECT_EQ(ToxicProbit(c, 0, 60).status().message(), "concentration: must be greater than 0 (is 0)");
  EXPECT_EQ(ToxicProbit({.a = 1, .b = 1, .n = 0}, 1, 60).status().message(), "n: must be greater than 0 (is 0)");
  EXPECT_FALSE(ToxicProbitOfLoad(c, 0).ok());
}

TEST(ToxicProbitTable, ParseErrorsNameFileLineColumn) {
  const std::string header = "substance,cas,probit_set,a,b,n,concentration_unit,time_unit,source,grade\n";
  auto parse = [&](const std::string& rows) { return ParseToxicProbits("# comment\n" + header + rows, "t.csv"); };
  EXPECT_EQ(parse("x,7664-41-7,s,-1,1,oops,mg/m3,min,src,M\n").status().message(),
            "t.csv:3:6: n: \"oops\" is not a number");
  EXPECT_EQ(parse("x,7664-41-7,s,-1,1,2,mg/l,min,src,M\n").status().message(),
            "t.csv:3:7: concentration_unit: \"mg/l\" is not a unit (mg/m3, ppm)");
  EXPECT_EQ(parse("x,7664-41-7,s,-1,1,2,ppm,h,src,M\n").status().message(),
            "t.csv:3:8: time_unit: \"h\" is not a unit (min, s)");
  EXPECT_THAT(parse("x,7664-41-8,s,-1,1,2,ppm,min,src,M\n").status().message(), HasSubstr("t.csv:3:2: cas: "));
  EXPECT_EQ(parse("x,7664-41-7,s,-1,0,2,ppm,min,src,M\n").status().message(), "t.csv:3:5: b: must be greater than 0");
  EXPECT_EQ(parse("x,7664-41-7,s,-1,1,2,ppm,min,src,Q\n").status().message(),
            "t.csv:3:10: grade: \"Q\" is not a grade (S, M, D, U)");
  EXPECT_EQ(parse("x,7664-41-7,s,-1,1,2,ppm,min,\"a, b\n").status().message(),
            "t.csv:3:9: the quoted cell does not end");
  EXPECT_EQ(parse("x,7664-41-7,s,-1,1,2,ppm,min,src\n").status().message(), "t.csv:3:10: 9 cells, the header has 10");
  EXPECT_EQ(parse("x,7664-41-7,s,-1,1,2,ppm,min,src,M\ny,7664-41-7,s,-1,1,2,ppm,min,src,M\n").status().message(),
            "t.csv:4:3: probit_set: 7664-41-7 appears twice in the set \"s\"");
  EXPECT_EQ(ParseToxicProbits("substance,cas\n", "t.csv").status().message(),
            "t.csv:1:3: header: expected \"probit_set\", found \"\"");
  auto quoted = parse("x,7664-41-7,s,-1,1,2,ppm,min,\"a, \"\"quoted\"\" b\",M\n");
  ASSERT_TRUE(quoted.ok()) << quoted.status().ToString();
  EXPECT_EQ(quoted->entries[0].source, "a, \"quoted\" b");
  EXPECT_EQ(quoted->entries[0].line, 3);
}

}  // namespace
}  // namespace chemsafe::qra
