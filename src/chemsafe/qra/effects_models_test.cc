// The registry models probit, event_tree and fn_curve through ModelRegistry::Evaluate: the golden cases of
// shared/reference/qra-cases.md (ids in each test) and errors that name the key.
#include "chemsafe/qra/effects_models.h"

#include <cmath>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace chemsafe::qra {

std::string ReadDataFile(const std::string& relative);  // probits_test.cc

namespace {

using ::testing::HasSubstr;
using nlohmann::json;

class EffectsModels : public ::testing::Test {
 protected:
  void SetUp() override {
    auto parsed = ParseToxicProbits(ReadDataFile("qra/toxic_probits.csv"), "toxic_probits.csv");
    ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
    table_ = std::move(parsed).value();
    ASSERT_TRUE(RegisterEffectsModels(registry_, &table_).ok());
  }

  // The outputs of a successful evaluation ({"model": ..., "inputs": ...} as text).
  json Outputs(const std::string& model, const std::string& inputs) {
    auto out = registry_.Evaluate(json{{"model", model}, {"inputs", json::parse(inputs)}});
    EXPECT_TRUE(out.ok()) << out.status().ToString();
    return out.ok() ? (*out)["outputs"] : json();
  }
  Status Error(const std::string& model, const std::string& inputs) {
    return registry_.Evaluate(json{{"model", model}, {"inputs", json::parse(inputs)}}).status();
  }
  double Y(const std::string& inputs) { return Outputs("probit", inputs)["y"].get<double>(); }

  ToxicProbitTable table_;
  ModelRegistry registry_;
};

// C1 (S, HyRAM hand calculations; tolerance 1e-7): a dose of 1e7 (W/m2)^(4/3) s as q = 1e7^(3/4) W/m2
// for 1 s, and Eisenberg's 50 % fatality at 15796.170691 W/m2 for 60 s.
TEST_F(EffectsModels, ThermalProbitsC1) {
  const std::string q = json(std::pow(1e7, 0.75)).dump();
  EXPECT_NEAR(Y(R"({"kind": "thermal_eisenberg", "duration_s": 1, "heat_flux_w_m2": )" + q + "}"), 2.7823249, 1e-7);
  EXPECT_NEAR(Y(R"({"kind": "thermal_tsao_perry", "duration_s": 1, "heat_flux_w_m2": )" + q + "}"), 4.8823249, 1e-7);
  EXPECT_NEAR(Y(R"({"kind": "thermal_tno", "duration_s": 1, "heat_flux_w_m2": )" + q + "}"), 4.0323249, 1e-7);
  EXPECT_NEAR(Y(R"({"kind": "thermal_lees", "duration_s": 1, "heat_flux_w_m2": )" + q + "}"), 1.6756475, 1e-7);
  json half = Outputs("probit", R"({"kind": "thermal_eisenberg", "heat_flux_w_m2": 15796.170691, "duration_s": 60})");
  EXPECT_NEAR(half["y"].get<double>(), 5.0, 1e-7);
  EXPECT_NEAR(half["probability"].get<double>(), 0.5, 1e-7);
  // C1 (D): Green/Purple Book form, 12.5 kW/m2 for 40 s -> Y = 5.26316, P = 0.60379 (5 decimals printed).
  json green = Outputs("probit", R"({"kind": "thermal_tsao_perry", "heat_flux_w_m2": 12500, "duration_s": 40})");
  EXPECT_NEAR(green["y"].get<double>(), 5.26316, 5e-6);
  EXPECT_NEAR(green["probability"].get<double>(), 0.60379, 5e-6);
  EXPECT_NEAR(green["thermal_dose"].get<double>(), 40 * std::pow(12500.0, 4.0 / 3.0), 1e-3);
  // Lees' clothing factor as an input (bare skin: k = 1).
  EXPECT_NEAR(Y(R"({"kind": "thermal_lees", "clothing_factor": 1, "duration_s": 1, "heat_flux_w_m2": )" + q + "}"),
              1.6756475 + 1.99 * std::log(2.0), 1e-7);
}

// D6 (S, HyRAM hand calculations): p in Pa, i in Pa s; tolerance 1e-7.
TEST_F(EffectsModels, OverpressureProbitsD6) {
  EXPECT_NEAR(Y(R"({"kind": "overpressure_eisenberg_lung", "overpressure_pa": 1e5})"), 2.4543150, 1e-7);
  EXPECT_NEAR(Y(R"({"kind": "overpressure_hse_lung", "overpressure_pa": 1e5})"), 5.13, 1e-7);
  EXPECT_NEAR(Y(R"({"kind": "overpressure_tno_head_impact", "overpressure_pa": 1e5, "impulse_pa_s": 1e4})"),
              12.2786003, 1e-7);
  EXPECT_NEAR(Y(R"({"kind": "overpressure_tno_structural", "overpressure_pa": 1e5, "impulse_pa_s": 1e4})"),
              6.4917213, 1e-7);
  EXPECT_NEAR(Y(R"({"kind": "overpressure_eisenberg_lung", "overpressure_pa": 144542.867547})"), 5.0, 1e-7);
}

// F2 (M constants): at the printed 30-min LC50 the probit is 5 (tolerance 1e-5 in Y: the LC50 is rounded
// to 6 figures), with the constants given or looked up in the shipped table by name or CAS.
TEST_F(EffectsModels, ToxicProbitF2) {
  EXPECT_NEAR(Y(R"({"kind": "toxic", "constants": {"a": -15.6, "b": 1, "n": 2, "concentration_unit": "mg/m3",
                   "time_unit": "min"}, "concentration": 5428.41, "duration_s": 1800})"),
              5.0, 1e-5);
  json chlorine = Outputs("probit", R"({"kind": "toxic", "substance": "chlorine", "concentration": 1116.27,
                                       "duration_s": 1800})");
  EXPECT_NEAR(chlorine["y"].get<double>(), 5.0, 1e-5);
  EXPECT_NEAR(chlorine["probability"].get<double>(), 0.5, 1e-5);
  EXPECT_EQ(chlorine["cas"], "7782-50-5");
  EXPECT_EQ(chlorine["concentration_unit"], "mg/m3");
  EXPECT_EQ(chlorine["grade"], "M");
  EXPECT_THAT(chlorine["source"].get<std::string>(), HasSubstr("verify"));
  // The C&L/CCPS set, in ppm: ammonia LC50(30 min) = 11538.6 ppm.
  json nh3 = Outputs("probit", R"({"kind": "toxic", "substance": "7664-41-7", "probit_set": "ccps",
                                  "concentration": 11538.6, "duration_s": 1800})");
  EXPECT_NEAR(nh3["y"].get<double>(), 5.0, 1e-5);
  EXPECT_EQ(nh3["concentration_unit"], "ppm");
  // A constant history gives the same probit as the constant exposure (the trapezoid rule is exact).
  EXPECT_NEAR(Y(R"({"kind": "toxic", "substance": "chlorine", "concentration_history": [
                   {"time_s": 0, "concentration": 1116.27}, {"time_s": 900, "concentration": 1116.27},
                   {"time_s": 1800, "concentration": 1116.27}]})"),
              chlorine["y"].get<double>(), 1e-12);
  // A step history held at 0 for the first 900 s: half the load (Y lower by b ln 2 = 0.5 ln 2 for chlorine).
  EXPECT_NEAR(Y(R"({"kind": "toxic", "substance": "chlorine", "load_rule": "step", "concentration_history": [
                   {"time_s": 0, "concentration": 0}, {"time_s": 900, "concentration": 1116.27},
                   {"time_s": 1800, "concentration": 0}]})"),
              chlorine["y"].get<double>() - 0.5 * std::log(2.0), 1e-12);
}

// Concentrations in kg/m3, as the dispersion models give them: 1e6 mg/m3 per kg/m3; for ppm constants
// the ideal gas at the stated T and p. Chlorine's F2 LC50 1116.27 mg/m3 = 1.11627e-3 kg/m3; the CCPS
// ammonia LC50 11538.6 ppm at 25 °C and 101325 Pa is 11538.6 x 6.96126e-7 = 8.032332e-3 kg/m3 (molar
// volume 0.0244654 m3/mol, M = 17.031 g/mol; tolerance 1e-5 in Y for the rounded inputs).
TEST_F(EffectsModels, ToxicProbitOfKgPerM3) {
  EXPECT_NEAR(Y(R"({"kind": "toxic", "substance": "chlorine", "concentration_kg_m3": 1.11627e-3,
                   "duration_s": 1800})"),
              5.0, 1e-5);
  json nh3 = Outputs("probit", R"({"kind": "toxic", "substance": "ammonia", "probit_set": "ccps",
      "concentration_kg_m3": 8.032332e-3, "duration_s": 1800, "molar_mass_kg_mol": 0.017031,
      "temperature_k": 298.15, "pressure_pa": 101325})");
  EXPECT_NEAR(nh3["y"].get<double>(), 5.0, 1e-5);
  EXPECT_NEAR(nh3["concentration"].get<double>(), 11538.6, 0.05);
  EXPECT_EQ(Error("probit", R"({"kind": "toxic", "substance": "ammonia", "probit_set": "ccps",
                              "concentration_kg_m3": 8e-3, "duration_s": 1800})")
                .message(),
            "inputs.molar_mass_kg_mol: required");
  // Outside the cloud: no load, probability 0 (Y is minus infinity: null).
  json none = Outputs("probit", R"({"kind": "toxic", "substance": "chlorine", "concentration_history": [
      {"time_s": 0, "concentration_kg_m3": 0}, {"time_s": 60, "concentration_kg_m3": 0}]})");
  EXPECT_EQ(none["probability"].get<double>(), 0.0);
  EXPECT_TRUE(none["y"].is_null());
  EXPECT_EQ(Error("probit", R"({"kind": "toxic", "substance": "chlorine", "concentration_history": [
                              {"time_s": 0, "concentration_kg_m3": -1}, {"time_s": 60, "concentration": 0}]})")
                .message(),
            "inputs.concentration_history[0].concentration_kg_m3: must be at least 0 (is -1)");
  EXPECT_THAT(Error("probit", R"({"kind": "toxic", "substance": "chlorine", "concentration": 1, "duration_s": 60,
                                "concentration_kg_m3": 1e-6})")
                  .message(),
              HasSubstr("inputs.concentration: give either concentration or concentration_kg_m3, not both"));
}

TEST_F(EffectsModels, ProbitErrorsNameTheKey) {
  EXPECT_THAT(Error("probit", R"({"kind": "thermal"})").message(),
              HasSubstr("inputs.kind: unknown probit \"thermal\""));
  EXPECT_EQ(Error("probit", R"({"kind": "thermal_tno", "heat_flux_w_m2": 1000})").message(),
            "inputs.duration_s: required");
  EXPECT_EQ(Error("probit", R"({"kind": "thermal_tno", "heat_flux_w_m2": 1000, "duration_s": 1, "clothing_factor": 1})")
                .message(),
            "inputs.clothing_factor: unknown key for this model");
  EXPECT_EQ(Error("probit", R"({"kind": "overpressure_tno_head_impact", "overpressure_pa": 1e5})").message(),
            "inputs.impulse_pa_s: required");
  EXPECT_THAT(Error("probit", R"({"kind": "overpressure_hse_lung", "overpressure_pa": 1e5, "impulse_pa_s": 1})")
                  .message(),
              HasSubstr("inputs.impulse_pa_s: not used"));
  EXPECT_EQ(Error("probit", R"({"kind": "toxic", "constants": {"a": -1, "b": 1, "concentration_unit": "ppm",
                              "time_unit": "min"}, "concentration": 1, "duration_s": 60})")
                .message(),
            "inputs.constants.n: required");
  EXPECT_EQ(Error("probit", R"({"kind": "toxic", "constants": {"a": -1, "b": 1, "n": 1, "concentration_unit": "ppm",
                              "time_unit": "h"}, "concentration": 1, "duration_s": 60})")
                .message(),
            "inputs.constants.time_unit: \"h\" is not min or s");
  EXPECT_THAT(Error("probit", R"({"kind": "toxic", "substance": "ammonia", "concentration": 1, "duration_s": 60})")
                  .message(),
              HasSubstr("inputs.probit_set: \"ammonia\" has toxic probits in several sets"));
  EXPECT_EQ(
      Error("probit", R"({"kind": "toxic", "substance": "benzene", "concentration": 1, "duration_s": 60})").code(),
      StatusCode::kNotFound);
  EXPECT_EQ(Error("probit", R"({"kind": "toxic", "substance": "chlorine", "concentration_history": [
                              {"time_s": 0, "concentration": 1}, {"time_s": 0, "concentration": 1}]})")
                .message(),
            "inputs.concentration_history[1].time_s: must be later than the sample before (0 s, is 0 s)");
  EXPECT_EQ(Error("probit", R"({"kind": "toxic", "substance": "chlorine", "concentration_history": [
                              {"time_s": 0, "c": 1}]})")
                .message(),
            "inputs.concentration_history[0].concentration: required (in the probit's unit; or concentration_kg_m3)");
  EXPECT_EQ(Error("probit", R"({"kind": "toxic", "substance": "chlorine", "concentration": 1})").message(),
            "inputs.duration_s: required");
  // Without a table a substance cannot be looked up.
  ModelRegistry bare;
  ASSERT_TRUE(RegisterEffectsModels(bare, nullptr).ok());
  EXPECT_EQ(bare.Evaluate(json::parse(R"({"model": "probit", "inputs": {"kind": "toxic", "substance": "chlorine",
                                        "concentration": 1, "duration_s": 60}})"))
                .status()
                .code(),
            StatusCode::kFailedPrecondition);
}

// G2 (S, HyRAM test_event_tree.py; tolerance 1e-12 for probabilities, 1e-18 /yr for frequencies).
TEST_F(EffectsModels, EventTreeG2) {
  json tree = Outputs("event_tree", R"({"branch_probabilities": [0.1, 0.2, 0.3]})");
  const double expected[] = {0.1, 0.18, 0.216, 0.504};
  ASSERT_EQ(tree["end_state_probabilities"].size(), 4u);
  for (std::size_t i = 0; i < 4; ++i) EXPECT_NEAR(tree["end_state_probabilities"][i].get<double>(), expected[i], 1e-12);
  EXPECT_FALSE(tree.contains("end_state_frequencies_per_yr"));
  json f = Outputs("event_tree", R"({"end_state_probabilities": [0.1, 0.2, 0.3, 0.4],
                                    "initiating_frequency_per_yr": 1e-5})");
  for (std::size_t i = 0; i < 4; ++i) {
    EXPECT_NEAR(f["end_state_frequencies_per_yr"][i].get<double>(), 1e-6 * static_cast<double>(i + 1), 1e-18);
  }
  EXPECT_EQ(Error("event_tree", R"({"branch_probabilities": [0.1, 1.2]})").message(),
            "inputs.branch_probabilities[1]: must lie in [0, 1] (is 1.2)");
  EXPECT_EQ(Error("event_tree", R"({"branch_probabilities": ["0.1"]})").message(),
            "inputs.branch_probabilities[0]: must be a number");
  EXPECT_THAT(Error("event_tree", R"({"end_state_probabilities": [0.1, 0.2]})").message(),
              HasSubstr("inputs.end_state_probabilities: must sum to 1"));
  EXPECT_THAT(Error("event_tree", "{}").message(), HasSubstr("give either"));
}

// G6 (D): F(N) for {(1e-4, 3), (1e-5, 30), (1e-6, 300)}: 1.11e-4, 1.1e-5, 1e-6 (4 ulps), PLL = sum f N.
TEST_F(EffectsModels, FnCurveG6) {
  json fn = Outputs("fn_curve", R"({"scenarios": [{"frequency_per_yr": 1e-4, "fatalities": 3},
      {"frequency_per_yr": 1e-5, "fatalities": 30}, {"frequency_per_yr": 1e-6, "fatalities": 300}]})");
  ASSERT_EQ(fn["points"].size(), 3u);
  const double n[] = {3, 30, 300}, f[] = {1.11e-4, 1.1e-5, 1e-6};
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(fn["points"][i]["fatalities"].get<double>(), n[i]);
    EXPECT_DOUBLE_EQ(fn["points"][i]["cumulative_frequency_per_yr"].get<double>(), f[i]);
  }
  EXPECT_DOUBLE_EQ(fn["pll_per_yr"].get<double>(), 9e-4);
  // Against an illustrative line given as data (not GB 36894's, which is not verified): 1e-3 at N = 1,
  // 1e-5 at N = 100, slope -2 beyond: worst at N = 300, 1e-6 against 1.111e-6.
  json checked = Outputs("fn_curve", R"({"scenarios": [{"frequency_per_yr": 1e-4, "fatalities": 3},
      {"frequency_per_yr": 1e-6, "fatalities": 300}], "criterion": {"name": "test", "slope_beyond_last": -2,
      "points": [{"fatalities": 1, "frequency_per_yr": 1e-3}, {"fatalities": 100, "frequency_per_yr": 1e-5}]}})");
  EXPECT_FALSE(checked["criterion"]["exceeded"].get<bool>());
  EXPECT_NEAR(checked["criterion"]["worst_ratio"].get<double>(), 0.9, 1e-12);
  EXPECT_EQ(checked["criterion"]["at_fatalities"].get<double>(), 300);
  EXPECT_EQ(Error("fn_curve", R"({"scenarios": [{"frequency_per_yr": 1e-4, "fatalities": -3}]})").message(),
            "inputs.scenarios[0].fatalities: must be at least 0 (is -3)");
  EXPECT_EQ(Error("fn_curve", R"({"scenarios": [{"frequency_per_yr": 1e-4, "deaths": 3}]})").message(),
            "inputs.scenarios[0].fatalities: required");
  EXPECT_EQ(Error("fn_curve", R"({"scenarios": [{"frequency_per_yr": 1e-4, "fatalities": 3, "deaths": 3}]})").message(),
            "inputs.scenarios[0].deaths: unknown key for this model");
  EXPECT_EQ(Error("fn_curve", R"({"scenarios": [], "criterion": {"slope_beyond_last": -1,
                                "points": [{"fatalities": 1}]}})")
                .message(),
            "inputs.criterion.points[0].frequency_per_yr: required");
  EXPECT_EQ(Error("fn_curve", R"({"scenarios": [], "criterion": {"slope_beyond_last": -1,
                                "points": [{"fatalities": 10, "frequency_per_yr": 1e-4},
                                           {"fatalities": 5, "frequency_per_yr": 1e-5}]}})")
                .message(),
            "inputs.criterion.points[1].fatalities: must be greater than the point before");
}

}  // namespace
}  // namespace chemsafe::qra
