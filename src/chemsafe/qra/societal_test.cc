// Tests of the societal risk: the F-N case G6 and the PLL case G1 of /work/shared/reference/qra-cases.md,
// reproduced through populations and footprints whose fatalities are exact.
#include "chemsafe/qra/societal.h"

#include <gtest/gtest.h>

namespace chemsafe::qra {
namespace {

WeatherClass UniformWeather(int sectors) {
  WeatherClass w;
  w.stability = "D";
  w.probability = 1.0;
  w.wind_rose.assign(static_cast<std::size_t>(sectors), 1.0 / sectors);
  return w;
}

RiskOutcome Radial(double x, double f, RadialLethality t) {
  RiskOutcome o;
  o.id = "radial";
  o.x_m = x;
  o.frequency_per_yr = f;
  o.by_weather = {std::move(t)};
  return o;
}

// G6: {(1e-4, 3), (1e-5, 30), (1e-6, 300)} -> F(1) = F(3) = 1.11e-4, F(10) = F(30) = 1.1e-5,
// F(100) = F(300) = 1e-6, F(301) = 0. Exact sums of three terms: tolerance 1e-12 relative.
TEST(SocietalTest, FnCurveOfThreeEvents_G6) {
  RiskModel m;
  m.weather = {UniformWeather(12)};
  // Three installations 10 km apart, each lethal (P = 1) within 50 m of a crowd of 3, 30 and 300.
  m.installations = {{"a", {Radial(0, 1e-4, {{50}, {1}})}},
                     {"b", {Radial(10000, 1e-5, {{50}, {1}})}},
                     {"c", {Radial(20000, 1e-6, {{50}, {1}})}}};
  const std::vector<PopulationPoint> people = {{10, 0, 3, 0}, {10010, 0, 30, 0}, {20010, 0, 300, 0}, {5000, 0, 99, 0}};
  auto risk = ComputeSocietalRisk(m, people);
  ASSERT_TRUE(risk.ok()) << risk.status().ToString();
  ASSERT_EQ(risk->events.size(), 3u);
  EXPECT_FALSE(risk->events[0].sector.has_value());  // radial: one event for all directions
  const auto near = [](double a, double b) { EXPECT_NEAR(a, b, 1e-12 * b + 1e-300); };
  near(risk->FrequencyAtLeast(1), 1.11e-4);
  near(risk->FrequencyAtLeast(3), 1.11e-4);
  near(risk->FrequencyAtLeast(10), 1.1e-5);
  near(risk->FrequencyAtLeast(30), 1.1e-5);
  near(risk->FrequencyAtLeast(100), 1e-6);
  near(risk->FrequencyAtLeast(300), 1e-6);
  EXPECT_EQ(risk->FrequencyAtLeast(301), 0.0);
  ASSERT_EQ(risk->fn_curve.size(), 3u);
  EXPECT_EQ(risk->fn_curve[0].n, 3.0);
  near(risk->pll_per_yr, 1e-4 * 3 + 1e-5 * 30 + 1e-6 * 300);

  // The same curve from the events directly.
  const auto curve = FnCurveOf({{1e-4, 3}, {1e-5, 30}, {1e-6, 300}});
  ASSERT_EQ(curve.size(), 3u);
  near(curve[1].frequency_per_yr, 1.1e-5);
  // A threshold drops the smaller events from the curve, not from the PLL.
  SocietalOptions options;
  options.min_fatalities = 10;
  auto cut = ComputeSocietalRisk(m, people, options);
  ASSERT_TRUE(cut.ok());
  EXPECT_EQ(cut->fn_curve.size(), 2u);
  near(cut->pll_per_yr, risk->pll_per_yr);
}

// G1 (HyRAM test_risk.py): PLL per scenario = f × expected fatalities: f = [1e-5, 2e-5], fatalities
// [0.1, 0.2] -> [1e-6, 4e-6], total 5e-6. Tolerance 1e-7 relative as the case states (the sums are exact).
TEST(SocietalTest, PllPerOutcome_G1) {
  RiskModel m;
  m.weather = {UniformWeather(12)};
  // One person within reach of each; P = 0.1 and 0.2 at every distance up to 100 m.
  m.installations = {{"a", {Radial(0, 1e-5, {{100}, {0.1}}), Radial(0, 2e-5, {{100}, {0.2}})}}};
  const std::vector<PopulationPoint> people = {{30, 40, 1, 0}};
  auto risk = ComputeSocietalRisk(m, people);
  ASSERT_TRUE(risk.ok()) << risk.status().ToString();
  ASSERT_EQ(risk->outcomes.size(), 2u);
  EXPECT_NEAR(risk->outcomes[0].expected_fatalities, 0.1, 1e-7 * 0.1);
  EXPECT_NEAR(risk->outcomes[0].pll_per_yr, 1e-6, 1e-7 * 1e-6);
  EXPECT_NEAR(risk->outcomes[1].pll_per_yr, 4e-6, 1e-7 * 4e-6);
  EXPECT_NEAR(risk->pll_per_yr, 5e-6, 1e-7 * 5e-6);
}

// A cloud in one wedge: of 12 uniform sectors only the wind from the west sends it onto the 12 people at
// (150, 0): one event f/12 with N = 12; expected N given the outcome = 1; indoor people count at the factor.
TEST(SocietalTest, DirectionalEventsAndIndoorFactor) {
  RiskModel m;
  m.weather = {UniformWeather(12)};
  RiskOutcome cloud;
  cloud.id = "toxic";
  cloud.frequency_per_yr = 6e-6;
  cloud.indoor_lethality_factor = 0.1;
  auto wedge = DirectionalFromIsopleths({Isopleth{1.0, {0, 300}, {0, 80}}}, {0, 100, 200, 300}, {0, 10, 20, 30, 40, 50, 60, 70, 80});
  ASSERT_TRUE(wedge.ok());
  cloud.by_weather = {*wedge};
  m.installations = {{"a", {cloud}}};
  const std::vector<PopulationPoint> people = {{150, 0, 12, 0}, {-150, 0, 10, 0.8}};
  auto risk = ComputeSocietalRisk(m, people);
  ASSERT_TRUE(risk.ok()) << risk.status().ToString();
  ASSERT_EQ(risk->events.size(), 2u);
  // Wind from the west (sector 9) → east; from the east (sector 3) → west: 10 × (0.2 + 0.8 × 0.1) = 2.8.
  for (const SocietalEvent& e : risk->events) {
    ASSERT_TRUE(e.sector.has_value());
    EXPECT_NEAR(e.frequency_per_yr, 6e-6 / 12, 1e-20);
    EXPECT_NEAR(e.fatalities, *e.sector == 9 ? 12.0 : 2.8, 1e-12);
    EXPECT_TRUE(*e.sector == 9 || *e.sector == 3);
  }
  EXPECT_NEAR(risk->outcomes[0].expected_fatalities, (12.0 + 2.8) / 12, 1e-12);
  EXPECT_NEAR(risk->pll_per_yr, 6e-6 * (12.0 + 2.8) / 12, 1e-18);
}

TEST(SocietalTest, ErrorsNameTheField) {
  RiskModel m;
  m.weather = {UniformWeather(12)};
  m.installations = {{"a", {Radial(0, 1e-5, {{100}, {0.1}})}}};
  const std::vector<PopulationPoint> people = {{0, 0, 1, 0}, {0, 0, 1, 1.5}};
  auto risk = ComputeSocietalRisk(m, people);
  ASSERT_FALSE(risk.ok());
  EXPECT_EQ(risk.status().message(), "population[1].indoor_fraction: must be in [0, 1]");
}

}  // namespace
}  // namespace chemsafe::qra
