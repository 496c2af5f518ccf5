// The study through the registered models and the risk engine: analytic cases (qra-cases.md G6: a circular
// effect gives IR = f inside; the F-N of one event), a blast and a toxic plume checked against the models
// evaluated directly, and errors that name the JSON path.
#include "chemsafe/qra/study.h"

#include <gtest/gtest.h>

#include <cmath>

#include "chemsafe/qra/dispersion_models.h"
#include "chemsafe/qra/effects_models.h"
#include "chemsafe/qra/fires_models.h"

namespace chemsafe::qra {
namespace {

using json = nlohmann::json;

ModelRegistry Registry() {
  ModelRegistry r;
  EXPECT_TRUE(RegisterFiresModels(r).ok());
  EXPECT_TRUE(RegisterEffectsModels(r, nullptr).ok());
  EXPECT_TRUE(RegisterDispersionModels(r).ok());
  return r;
}

json UniformWeather() {
  return json::array({{{"stability", "D"}, {"wind_speed_m_s", 5.0}, {"probability", 1.0},
                       {"wind_rose", json(std::vector<double>(12, 1.0 / 12))}}});
}

json Study(const json& effect, double frequency) {
  return {{"weather", UniformWeather()},
          {"installations", json::array({{{"id", "site"},
                                          {"scenarios", json::array({{{"id", "S1"},
                                                                      {"x_m", 0.0},
                                                                      {"y_m", 0.0},
                                                                      {"frequency_per_yr", frequency},
                                                                      {"outcomes", json::array({{{"id", "O1"},
                                                                                                 {"effect", effect}}})}}})}}})}};
}

TEST(QraStudy, ACircularEffectGivesItsFrequencyInsideAndTheFnOfItsPeople) {
  const auto registry = Registry();
  json study = Study({{"kind", "lethality_table"}, {"distance_m", {100.0, 100.001}}, {"probability", {1.0, 0.0}}}, 1e-5);
  study["points"] = json::array({{{"id", "in"}, {"x_m", 50.0}, {"y_m", 0.0}}, {{"id", "out"}, {"x_m", 0.0}, {"y_m", 200.0}}});
  study["population"] = json::array({{{"x_m", 0.0}, {"y_m", 50.0}, {"people", 10.0}}});
  auto out = RunStudy(study, registry);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_DOUBLE_EQ((*out)["points"][0]["ir_per_yr"].get<double>(), 1e-5);
  EXPECT_DOUBLE_EQ((*out)["points"][1]["ir_per_yr"].get<double>(), 0.0);
  EXPECT_DOUBLE_EQ((*out)["grid"]["max_ir_per_yr"].get<double>(), 1e-5);
  // Every contour up to 1e-5 is the circle: the safety distance is R within a 10 m cell.
  for (const auto& c : (*out)["contours"]) {
    ASSERT_FALSE(c["safety_distances"][0]["distance_m"].is_null());
    EXPECT_NEAR(c["safety_distances"][0]["distance_m"].get<double>(), 100.0, 10.0);
  }
  // One event of 10 fatalities at 1e-5 per year: F(10) = 1e-5, PLL = 1e-4.
  const json& fn = (*out)["societal"]["fn_curve"];
  ASSERT_EQ(fn.size(), 1u);
  EXPECT_DOUBLE_EQ(fn[0]["n"].get<double>(), 10.0);
  EXPECT_DOUBLE_EQ(fn[0]["frequency_per_yr"].get<double>(), 1e-5);
  EXPECT_NEAR((*out)["societal"]["pll_per_yr"].get<double>(), 1e-4, 1e-18);
}

TEST(QraStudy, ABlastFootprintIsTheModelThroughItsProbit) {
  const auto registry = Registry();
  const json effect = {{"kind", "model"},
                       {"model", "tnt_blast"},
                       {"inputs", {{"tnt_mass_kg", 1000.0}, {"curve", "kingery_bulmash"}}},
                       {"probit", {{"kind", "overpressure_eisenberg_lung"}}}};
  const double f = 1e-4;
  json study = Study(effect, f);
  study["points"] = json::array({{{"x_m", 0.0}, {"y_m", 12.0}}});
  auto out = RunStudy(study, registry);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  // Directly: the overpressure at 12 m, then the probit.
  auto p = registry.Evaluate({{"model", "tnt_blast"}, {"inputs", {{"tnt_mass_kg", 1000.0}, {"distance_m", 12.0}}}});
  ASSERT_TRUE(p.ok());
  auto y = registry.Evaluate({{"model", "probit"},
                              {"inputs", {{"kind", "overpressure_eisenberg_lung"},
                                          {"overpressure_pa", (*p)["outputs"]["overpressure_pa"]}}}});
  ASSERT_TRUE(y.ok());
  const double want = f * (*y)["outputs"]["probability"].get<double>();
  ASSERT_GT(want, 0.0);
  // The footprint is sampled at 200 geometric distances and interpolated linearly: 2 % here.
  EXPECT_NEAR((*out)["points"][0]["ir_per_yr"].get<double>(), want, 0.02 * want);
}

TEST(QraStudy, AToxicPlumeGoesDownwindOnly) {
  const auto registry = Registry();
  const json effect = {{"kind", "toxic_plume"},
                       {"release", {{"release_rate_kg_s", 5.0}, {"release_height_m", 0.0}, {"sigma_set", "briggs_rural"}}},
                       {"probit",
                        {{"kind", "toxic"},
                         {"constants",
                          {{"a", -6.35}, {"b", 0.5}, {"n", 2.75}, {"concentration_unit", "mg/m3"}, {"time_unit", "min"}}},
                         {"duration_s", 1800.0}}}};
  json study = Study(effect, 1e-5);
  // All the wind from the north (sector 0): the cloud goes south.
  std::vector<double> rose(12, 0.0);
  rose[0] = 1.0;
  study["weather"][0]["wind_rose"] = rose;
  study["points"] = json::array({{{"id", "south"}, {"x_m", 0.0}, {"y_m", -300.0}},
                                 {{"id", "north"}, {"x_m", 0.0}, {"y_m", 300.0}}});
  auto out = RunStudy(study, registry);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  auto c = registry.Evaluate({{"model", "gaussian_plume"},
                              {"inputs", {{"release_rate_kg_s", 5.0}, {"wind_speed_m_s", 5.0}, {"stability", "D"},
                                          {"release_height_m", 0.0}, {"sigma_set", "briggs_rural"}, {"x_m", 300.0},
                                          {"y_m", 0.0}, {"z_m", 0.0}}}});
  ASSERT_TRUE(c.ok());
  auto y = registry.Evaluate({{"model", "probit"},
                              {"inputs", {{"kind", "toxic"},
                                          {"constants", effect["probit"]["constants"]},
                                          {"concentration_kg_m3", (*c)["outputs"]["concentration_kg_m3"]},
                                          {"duration_s", 1800.0}}}});
  ASSERT_TRUE(y.ok()) << y.status().ToString();
  const double want = 1e-5 * (*y)["outputs"]["probability"].get<double>();
  ASSERT_GT(want, 0.0);
  EXPECT_NEAR((*out)["points"][0]["ir_per_yr"].get<double>(), want, 0.05 * want);  // sampled footprint: 5 %
  EXPECT_DOUBLE_EQ((*out)["points"][1]["ir_per_yr"].get<double>(), 0.0);          // upwind
}

TEST(QraStudy, ErrorsNameTheJsonPath) {
  const auto registry = Registry();
  auto bad_kind = RunStudy(Study({{"kind", "meteor"}}, 1e-5), registry);
  ASSERT_FALSE(bad_kind.ok());
  EXPECT_EQ(bad_kind.status().message().rfind("installations[0].scenarios[0].outcomes[0].effect.kind: ", 0), 0u)
      << bad_kind.status().message();
  json no_model = Study({{"kind", "model"}, {"model", "tnt_blast"}, {"inputs", json::object()},
                         {"probit", {{"kind", "overpressure_eisenberg_lung"}}}},
                        1e-5);
  auto missing = RunStudy(no_model, registry);
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("inputs.tnt_mass_kg"), std::string::npos) << missing.status().message();
  json study = Study({{"kind", "lethality_table"}, {"distance_m", {10.0}}, {"probability", {1.0}}}, 1e-5);
  study["weather"][0]["probability"] = 0.5;
  EXPECT_FALSE(RunStudy(study, registry).ok());  // the weather classes must sum to 1
}

}  // namespace
}  // namespace chemsafe::qra
