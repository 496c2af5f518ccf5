// The dispersion models through ModelRegistry::Evaluate: one golden case each from
// /work/shared/reference/qra-cases.md (B1, B2, B5) or the dense-gas examples of dense_gas_test.cc, and
// errors that name the key.
#include "chemsafe/qra/dispersion_models.h"

#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "chemsafe/qra/dispersion.h"

namespace chemsafe::qra {
namespace {

using nlohmann::json;

class DispersionModels : public testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(RegisterDispersionModels(registry_).ok()); }

  // The outputs of a successful evaluation.
  json Outputs(const std::string& model, const json& inputs) {
    auto r = registry_.Evaluate({{"model", model}, {"inputs", inputs}});
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? (*r)["outputs"] : json();
  }
  Status Error(const std::string& model, const json& inputs) {
    return registry_.Evaluate({{"model", model}, {"inputs", inputs}}).status();
  }

  ModelRegistry registry_;
};

TEST_F(DispersionModels, RegistersOnceByName) {
  for (const char* name : {"gaussian_plume", "gaussian_puff", "plume_footprint", "puff_footprint",
                           "wind_profile", "dense_gas"}) {
    EXPECT_NE(registry_.Find(name), nullptr) << name;
  }
  EXPECT_EQ(RegisterDispersionModels(registry_).code(), StatusCode::kAlreadyExists);
}

// B1 (S): CCPS (1999) p. 97 with the spicer_havens_seinfeld set, 1e-6 relative; B1 (D) with briggs_rural.
TEST_F(DispersionModels, GaussianPlumeB1) {
  const json in = {{"release_rate_kg_s", 0.1},
                   {"wind_speed_m_s", 2.0},
                   {"stability", "F"},
                   {"release_height_m", 0.0},
                   {"sigma_set", "spicer_havens_seinfeld"},
                   {"x_m", 500.0},
                   {"y_m", 0.0},
                   {"z_m", 0.0}};
  const json out = Outputs("gaussian_plume", in);
  EXPECT_NEAR(out["concentration_kg_m3"].get<double>(), 1.0346728324507407e-4, 1.0346728324507407e-10);
  EXPECT_NEAR(out["sigma_y_m"].get<double>(), 18.1023, 1e-4);
  json briggs = in;
  briggs["sigma_set"] = "briggs_rural";
  EXPECT_NEAR(Outputs("gaussian_plume", briggs)["concentration_kg_m3"].get<double>(), 1.172175e-4,
              1.172175e-10);
  // B13: the averaging time is an explicit input (sigma_y from 600 s to 60 s: 11.4218 m).
  json short_average = in;
  short_average["averaging_time_s"] = 60.0;
  EXPECT_NEAR(Outputs("gaussian_plume", short_average)["sigma_y_m"].get<double>(), 11.4218, 6e-5);
}

TEST_F(DispersionModels, GaussianPlumeErrorsNameTheKey) {
  const json in = {{"release_rate_kg_s", 0.1}, {"wind_speed_m_s", 2.0}, {"stability", "F"}, {"x_m", 500.0}};
  json bad_set = in;
  bad_set["sigma_set"] = "pasquill";
  const Status s = Error("gaussian_plume", bad_set);
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.message().rfind("inputs.sigma_set: unknown sigma set \"pasquill\" (known: briggs_rural, ", 0),
            0U)
      << s.message();
  json bad_class = in;
  bad_class["stability"] = "G";
  EXPECT_EQ(Error("gaussian_plume", bad_class).message().rfind("inputs.stability: ", 0), 0U);
  json no_wind = in;
  no_wind.erase("wind_speed_m_s");
  EXPECT_EQ(Error("gaussian_plume", no_wind).message(), "inputs.wind_speed_m_s: required");
  json negative_height = in;
  negative_height["release_height_m"] = -1.0;
  EXPECT_EQ(Error("gaussian_plume", negative_height).message().rfind("inputs.release_height_m: ", 0), 0U);
  json puff_set = in;
  puff_set["sigma_set"] = "ccps_puff";
  EXPECT_EQ(Error("gaussian_plume", puff_set).message().rfind("inputs.sigma_set: ccps_puff is a puff set", 0),
            0U);
  json typo = in;
  typo["hieght_m"] = 1.0;
  EXPECT_EQ(Error("gaussian_plume", typo).message(), "inputs.hieght_m: unknown key for this model");
}

// B2 (S): CCPS (1999) p. 101 puff at its centre, 2.25004854e-3 kg/m3, 1e-6 relative.
TEST_F(DispersionModels, GaussianPuffB2) {
  const json out = Outputs("gaussian_puff", {{"mass_kg", 1.0},
                                             {"wind_speed_m_s", 2.0},
                                             {"stability", "F"},
                                             {"release_height_m", 0.0},
                                             {"sigma_set", "ccps_puff"},
                                             {"x_m", 500.0},
                                             {"y_m", 0.0},
                                             {"z_m", 0.0},
                                             {"time_s", 250.0}});
  EXPECT_NEAR(out["concentration_kg_m3"].get<double>(), 2.25004854e-3, 2.25004854e-9);
  EXPECT_DOUBLE_EQ(out["centre_x_m"].get<double>(), 500.0);
  EXPECT_EQ(
      Error("gaussian_puff", {{"mass_kg", 1.0}, {"wind_speed_m_s", 2.0}, {"stability", "F"}, {"x_m", 500.0}})
          .message(),
      "inputs.time_s: required");
}

// The footprint's far end is where the B1 centre line falls to the threshold (C(500 m), 1e-5 relative).
TEST_F(DispersionModels, PlumeFootprint) {
  const json release = {
      {"release_rate_kg_s", 0.1}, {"wind_speed_m_s", 2.0}, {"stability", "F"}, {"sigma_set", "briggs_rural"}};
  json at = release;
  at["x_m"] = 500.0;
  const double threshold = Outputs("gaussian_plume", at)["concentration_kg_m3"].get<double>();
  json in = release;
  in["threshold_kg_m3"] = threshold;
  in["samples"] = 10;
  const json out = Outputs("plume_footprint", in);
  EXPECT_NEAR(out["distance_m"].get<double>(), 500.0, 500.0 * 1e-5);
  ASSERT_EQ(out["isopleth_x_m"].size(), 10U);
  EXPECT_EQ(out["isopleth_half_width_m"].back().get<double>(), 0.0);
  // A toxic load over an exposure time gives the isopleth of its equivalent concentration: the load
  // C^2 t with C = threshold (mg/m3) and t = 30 min is reached at the same 500 m.
  json load = release;
  const double c_mg_m3 = threshold / 1e-6;
  load["toxic_load"] = c_mg_m3 * c_mg_m3 * 30.0;
  load["toxic_load_exponent_n"] = 2.0;
  load["exposure_time_s"] = 1800.0;
  load["toxic_load_concentration_unit_kg_m3"] = 1e-6;
  load["toxic_load_time_unit_s"] = 60.0;
  EXPECT_NEAR(Outputs("plume_footprint", load)["distance_m"].get<double>(), 500.0, 500.0 * 1e-5);
  load["threshold_kg_m3"] = threshold;  // both: an error naming the key
  EXPECT_EQ(Error("plume_footprint", load).message().rfind("inputs.threshold_kg_m3: give either", 0), 0U);
  in["samples"] = 1.5;
  EXPECT_EQ(Error("plume_footprint", in).message().rfind("inputs.samples: ", 0), 0U);
}

// The puff footprint's far end is where the peak concentration (centre passing, t = x/u) falls to the
// threshold; the toxic-load footprint matches the library function (checked there by time integration).
TEST_F(DispersionModels, PuffFootprint) {
  const json release = {{"mass_kg", 100.0}, {"wind_speed_m_s", 2.0}, {"stability", "F"}};
  json peak = release;
  peak["threshold_kg_m3"] = 1e-3;
  const json out = Outputs("puff_footprint", peak);
  const double far = out["distance_m"].get<double>();
  json at = release;
  at["x_m"] = far;
  at["time_s"] = far / 2.0;
  EXPECT_NEAR(Outputs("gaussian_puff", at)["concentration_kg_m3"].get<double>(), 1e-3, 1e-3 * 1e-5);
  json load = release;
  load["toxic_load"] = 5.0e5;
  load["toxic_load_exponent_n"] = 2.0;
  load["toxic_load_concentration_unit_kg_m3"] = 1e-6;
  load["toxic_load_time_unit_s"] = 60.0;
  load["samples"] = 12;
  const json by_load = Outputs("puff_footprint", load);
  auto expected = PuffToxicLoadIsopleth(
      {.mass_kg = 100.0, .wind_speed_m_s = 2.0, .release_height_m = 0.0, .stability = StabilityClass::kF},
      {.toxic_load = 5.0e5, .exponent_n = 2.0, .concentration_unit_kg_m3 = 1e-6, .time_unit_s = 60.0},
      {.sigma_set = SigmaSet::kCcpsPuff}, {.samples = 12});
  ASSERT_TRUE(expected.ok());
  EXPECT_DOUBLE_EQ(by_load["distance_m"].get<double>(), expected->back().x_m);
  load["exposure_time_s"] = 60.0;  // the passage is the exposure: not a key of this model
  EXPECT_EQ(Error("puff_footprint", load).message(), "inputs.exposure_time_s: unknown key for this model");
}

// B5 (S): 3 m/s at 1 m to 10 m, class F: rural 10.644401677007265, ISC3 urban 5.985786944906638; 1e-12.
TEST_F(DispersionModels, WindProfileB5) {
  const json in = {
      {"reference_speed_m_s", 3.0}, {"reference_height_m", 1.0}, {"height_m", 10.0}, {"stability", "F"}};
  EXPECT_NEAR(Outputs("wind_profile", in)["wind_speed_m_s"].get<double>(), 10.644401677007265, 1e-12);
  json urban = in;
  urban["exponent_set"] = "isc3_urban";
  const json out = Outputs("wind_profile", urban);
  EXPECT_NEAR(out["wind_speed_m_s"].get<double>(), 5.985786944906638, 1e-12);
  EXPECT_DOUBLE_EQ(out["exponent"].get<double>(), 0.30);
  // B7 (S): TNO log profile, z0 = 0.1 m, 2 m/s at 10 m -> u(15 m), class D 2.176091259055681; 1e-9.
  const json tno = Outputs("wind_profile", {{"reference_speed_m_s", 2.0},
                                            {"reference_height_m", 10.0},
                                            {"height_m", 15.0},
                                            {"stability", "D"},
                                            {"profile", "tno_log"},
                                            {"roughness_length_m", 0.1}});
  EXPECT_NEAR(tno["wind_speed_m_s"].get<double>(), 2.176091259055681, 1e-9);
  EXPECT_TRUE(tno["monin_obukhov_length_m"].is_null());
  EXPECT_EQ(Error("wind_profile",
                  {{"reference_speed_m_s", 2.0}, {"height_m", 15.0}, {"stability", "D"}, {"profile", "log"}})
                .message(),
            "inputs.profile: must be one of power_law, tno_log (is 'log')");
  urban["exponent_set"] = "suburban";
  EXPECT_EQ(Error("wind_profile", urban).message().rfind("inputs.exponent_set: unknown wind exponent set", 0),
            0U);
}

// The Burro LNG example (CCPS 1999 p. 122, as GasDispersion.jl reproduces it): dense; at 367 m the ratio
// is 0.05071175952024219 (1e-5 relative, see dense_gas_test.cc for the air density and g).
TEST_F(DispersionModels, DenseGasBurroAndTheChoice) {
  const double mass_rate = 0.23 * 425.6;
  json in = {{"release", "continuous"},
             {"mass_rate_kg_s", mass_rate},
             {"volume_rate_m3_s", mass_rate / 1.76},
             {"release_density_kg_m3", 1.76},
             {"release_temperature_k", 111.15},
             {"wind_speed_10m_m_s", 10.9},
             {"air_density_kg_m3", 1.18452},
             {"air_temperature_k", 298.0},
             {"x_m", 367.0},
             {"gravity_m_s2", 9.80616},
             {"threshold_kg_m3", 0.05 * 1.76}};
  const json out = Outputs("dense_gas", in);
  EXPECT_EQ(out["regime"], "dense");
  EXPECT_EQ(out["recommended_model"], "dense_gas");
  EXPECT_NEAR(out["concentration_ratio"].get<double>(), 0.05071175952024219, 0.05071175952024219 * 1e-5);
  EXPECT_EQ(out["region"], "correlation");
  EXPECT_GT(out["distance_to_threshold_m"].get<double>(), 367.0);

  json light = in;  // no denser than air: passive, the Gaussian plume is recommended
  light["release_density_kg_m3"] = 1.0;
  const json passive = Outputs("dense_gas", light);
  EXPECT_EQ(passive["regime"], "passive");
  EXPECT_EQ(passive["recommended_model"], "gaussian_plume");
  EXPECT_FALSE(passive.contains("concentration_kg_m3"));

  json instantaneous_keys = in;  // mass_kg belongs to instantaneous releases
  instantaneous_keys["mass_kg"] = 1.0;
  EXPECT_EQ(Error("dense_gas", instantaneous_keys).message(), "inputs.mass_kg: unknown key for this model");
  json bad_kind = in;
  bad_kind["release"] = "puff";
  EXPECT_EQ(Error("dense_gas", bad_kind).message(),
            "inputs.release: must be one of continuous, instantaneous (is 'puff')");
  json no_air = in;
  no_air.erase("air_density_kg_m3");
  EXPECT_EQ(Error("dense_gas", no_air).message(), "inputs.air_density_kg_m3: required");
}

// Potchefstroom (Britter & McQuaid 1988 workbook, via GasDispersion.jl): 0.06264084534270946 kg/m3 at
// 355 m, 1e-4 relative.
TEST_F(DispersionModels, DenseGasPotchefstroom) {
  const json out = Outputs("dense_gas", {{"release", "instantaneous"},
                                         {"mass_kg", 38e3},
                                         {"volume_m3", 7.25e4},
                                         {"release_density_kg_m3", 1.434},
                                         {"release_temperature_k", 273.15 - 33.316},
                                         {"wind_speed_10m_m_s", 2.0},
                                         {"air_density_kg_m3", 1.2041},
                                         {"air_temperature_k", 293.15},
                                         {"gravity_m_s2", 9.80616},
                                         {"x_m", 355.0}});
  EXPECT_EQ(out["regime"], "dense");
  EXPECT_NEAR(out["concentration_kg_m3"].get<double>(), 0.06264084534270946, 0.06264084534270946 * 1e-4);
}

}  // namespace
}  // namespace chemsafe::qra
