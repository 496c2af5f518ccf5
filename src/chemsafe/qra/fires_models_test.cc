// The fire and explosion models through ModelRegistry::Evaluate: one golden case each (case ids of
// /work/shared/reference/qra-cases.md) and errors that name the key.
#include "chemsafe/qra/fires_models.h"

#include <cmath>
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace chemsafe::qra {
namespace {

using nlohmann::json;

::testing::AssertionResult Near(const json& actual, double expected, double tol) {
  if (!actual.is_number()) return ::testing::AssertionFailure() << "not a number: " << actual.dump();
  const double a = actual.get<double>();
  if (std::abs(a / expected - 1.0) <= tol) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << a << " vs " << expected << " (relative tolerance " << tol << ")";
}

BstCurves ShippedBstCurves() {
  std::ifstream in(std::string(CHEMSAFE_TEST_DATA_DIR) + "/qra/blast/bst_curves_ccps_cpqra.csv");
  std::ostringstream text;
  text << in.rdbuf();
  auto curves = ParseBstCurves(text.str());
  EXPECT_TRUE(curves.ok()) << curves.status().ToString();
  return curves.ok() ? *curves : BstCurves{};
}

class FiresModels : public ::testing::Test {
 protected:
  void SetUp() override {
    const BstCurves curves = ShippedBstCurves();
    ASSERT_TRUE(RegisterFiresModels(registry_, &curves).ok());
  }
  // The outputs of {"model": model, "inputs": inputs}; fails the test on an error.
  json Outputs(const char* model, const char* inputs) {
    auto out = registry_.Evaluate(json{{"model", model}, {"inputs", json::parse(inputs)}});
    EXPECT_TRUE(out.ok()) << model << ": " << out.status().ToString();
    return out.ok() ? (*out)["outputs"] : json::object();
  }
  std::string Error(const char* model, const char* inputs) {
    auto out = registry_.Evaluate(json{{"model", model}, {"inputs", json::parse(inputs)}});
    EXPECT_FALSE(out.ok()) << model << " " << inputs;
    if (!out.ok()) {
      EXPECT_EQ(out.status().code(), StatusCode::kInvalidArgument) << out.status().ToString();
    }
    return out.ok() ? "" : out.status().message();
  }
  ModelRegistry registry_;
};

TEST_F(FiresModels, RegistersTheNames) {
  for (const char* name : {"pool_fire", "point_source_radiation", "jet_fire", "fireball", "flash_fire",
                           "tnt_equivalent",
                           "tnt_blast", "bst_blast"}) {
    EXPECT_NE(registry_.Find(name), nullptr) << name;
  }
  ModelRegistry without;
  ASSERT_TRUE(RegisterFiresModels(without, nullptr).ok());
  EXPECT_EQ(without.Find("bst_blast"), nullptr);
  EXPECT_NE(without.Find("tnt_blast"), nullptr);
  EXPECT_EQ(RegisterFiresModels(without).code(), StatusCode::kAlreadyExists);
}

TEST_F(FiresModels, FireballCaseC4) {
  // C4 (D): CCPS M = 1000 kg -> D 58.000, t 4.500, H 43.500; TNO M = 10000 kg -> D 129.293, t 9.34199.
  // Flux at 100 m with 350 kW/m2: 24751.4137 W/m2 (independent script, see fires_test). Tolerance 1e-5.
  json ccps = Outputs("fireball", R"({"mass_kg": 1000, "method": "ccps", "ground_distance_m": 100})");
  EXPECT_TRUE(Near(ccps["diameter_m"], 58.0, 1e-5));
  EXPECT_TRUE(Near(ccps["duration_s"], 4.5, 1e-5));
  EXPECT_TRUE(Near(ccps["height_m"], 43.5, 1e-5));
  EXPECT_TRUE(Near(ccps["surface_emissive_power_w_m2"], 350e3, 1e-12));
  EXPECT_TRUE(Near(ccps["incident_flux_w_m2"], 24751.413735836362, 1e-5));
  json back = Outputs("fireball", R"({"mass_kg": 1000, "target_flux_w_m2": 24751.413735836362})");
  EXPECT_TRUE(Near(back["distance_to_target_flux_m"], 100.0, 1e-6));  // the inverse, by bisection
  json tno = Outputs("fireball", R"({"mass_kg": 10000, "method": "tno"})");
  EXPECT_TRUE(Near(tno["diameter_m"], 129.293, 1e-5));
  EXPECT_TRUE(Near(tno["duration_s"], 9.34199, 1e-5));
  EXPECT_TRUE(Near(tno["height_m"], 129.293, 1e-5));
  json roberts = Outputs(
      "fireball", R"({"mass_kg": 1000, "sep_model": "radiant_fraction", "heat_of_combustion_j_kg": 46e6})");
  EXPECT_TRUE(Near(roberts["surface_emissive_power_w_m2"], 290175.4808651283, 1e-9));
  EXPECT_EQ(Error("fireball", R"({"method": "ccps"})"), "inputs.mass_kg: required");
  EXPECT_EQ(Error("fireball", R"({"mass_kg": 1000, "method": "roberts"})"),
            "inputs.method: must be one of ccps, tno (is 'roberts')");
  EXPECT_EQ(Error("fireball", R"({"mass_kg": 1000, "sep_model": "radiant_fraction"})"),
            "inputs.heat_of_combustion_j_kg: required");
}

TEST_F(FiresModels, FlashFireCaseC7) {
  // C7 (M, Purple Book ch. 5): 1 outdoors inside the LFL contour, 0 indoors; the diamond of fires_test
  // (0..200 m, 20 m half-width at 100 m; area 4000 m2). Exact.
  const char* contour = R"("lfl_contour": [{"x_m": 0, "half_width_m": 0}, {"x_m": 100, "half_width_m": 20},
                                            {"x_m": 200, "half_width_m": 0}])";
  auto inputs = [&](const char* rest) { return std::string("{") + contour + ", " + rest + "}"; };
  json inside = Outputs("flash_fire", inputs(R"("x_m": 50, "y_m": 9.9)").c_str());
  EXPECT_EQ(inside["lethality"], 1.0);
  EXPECT_EQ(inside["footprint_area_m2"], 4000.0);
  EXPECT_EQ(Outputs("flash_fire", inputs(R"("x_m": 50, "y_m": 10.1)").c_str())["lethality"], 0.0);
  EXPECT_EQ(Outputs("flash_fire", inputs(R"("x_m": 50, "y_m": 0, "exposure": "indoors")").c_str())["lethality"], 0.0);
  EXPECT_EQ(Error("flash_fire", R"({"lfl_contour": [{"x_m": 0}], "x_m": 1, "y_m": 0})"),
            "inputs.lfl_contour[0]: must be {\"x_m\": number, \"half_width_m\": number}");
  EXPECT_EQ(Error("flash_fire", R"({"lfl_contour": [{"x_m": 5, "half_width_m": 1}, {"x_m": 1, "half_width_m": 1}],
                                    "x_m": 1, "y_m": 0})"),
            "inputs.lfl_contour[1].x_m: must exceed the previous sample's x_m");
  EXPECT_EQ(Error("flash_fire", R"({"x_m": 1, "y_m": 0})"),
            "inputs.lfl_contour: required, an array of {x_m, half_width_m}");
}

TEST_F(FiresModels, TntBlastCasesD1D2) {
  // D1 (S): 1 kg at 10 m, Z = 10 -> 14.89 kPa, i_s = 31.04 Pa s; tolerance 1 %.
  json kb = Outputs("tnt_blast", R"({"tnt_mass_kg": 1, "distance_m": 10, "curve": "kingery_bulmash"})");
  EXPECT_TRUE(Near(kb["scaled_distance_m_kg13"], 10.0, 1e-12));
  EXPECT_TRUE(Near(kb["overpressure_pa"], 14.89e3, 0.01));
  EXPECT_TRUE(Near(kb["impulse_pa_s"], 31.04, 0.01));
  // D1 scaled: 1000 kg at 100 m is Z = 10 too; the impulse scales with W^(1/3) = 10.
  json kb1000 = Outputs("tnt_blast", R"({"tnt_mass_kg": 1000, "distance_m": 100})");
  EXPECT_TRUE(Near(kb1000["overpressure_pa"], 14.89e3, 0.01));
  EXPECT_TRUE(Near(kb1000["impulse_pa_s"], 310.4, 0.01));
  // D2 (S formula): 1 kg at 30 m -> 0.0563403 x 101325 Pa; tolerance 1e-5.
  json cl = Outputs("tnt_blast", R"({"tnt_mass_kg": 1, "distance_m": 30, "curve": "crowl_louvar"})");
  EXPECT_TRUE(Near(cl["overpressure_pa"], 0.0563403 * 101325.0, 1e-5));
  EXPECT_EQ(Error("tnt_blast", R"({"tnt_mass_kg": 1, "distance_m": 30, "curve": "tno"})"),
            "inputs.curve: must be one of kingery_bulmash, crowl_louvar (is 'tno')");
  EXPECT_EQ(Error("tnt_blast", R"({"tnt_mass_kg": 1, "distance_m": 0.1})").rfind("inputs.scaled_distance_m_kg13:", 0),
            0u);
  EXPECT_EQ(Error("tnt_blast", R"({"tnt_mass_kg": 1, "distance_m": 30, "ambient_pressure_pa": 1e5})"),
            "inputs.ambient_pressure_pa: unknown key for this model");  // only Crowl & Louvar reads it
}

TEST_F(FiresModels, TntEquivalentCaseD3) {
  // D3 (S, HyRAM): 0.7692307692 kg; tolerance 1e-9. 10 m -> Z = 10/0.769^(1/3).
  json out = Outputs("tnt_equivalent",
                     R"({"fuel_mass_kg": 1, "heat_of_combustion_j_kg": 1.2e8, "yield": 0.03,
                         "tnt_energy_j_kg": 4.68e6, "distance_m": 10})");
  EXPECT_TRUE(Near(out["tnt_mass_kg"], 0.7692307692, 1e-9));
  EXPECT_TRUE(Near(out["scaled_distance_m_kg13"], 10.0 / std::cbrt(0.7692307692), 1e-9));
  EXPECT_EQ(Error("tnt_equivalent", R"({"fuel_mass_kg": 1, "heat_of_combustion_j_kg": 1.2e8, "yield": 0.03})"),
            "inputs.tnt_energy_j_kg: required");
}

TEST_F(FiresModels, PointSourceCaseC3) {
  // C3 (D): 10 m pool at 0.055 kg/m2/s (4.3196899 kg/s), chi_r 0.35, Hc 43.7 MJ/kg: 13.1441 kW/m2 at 20 m.
  json out = Outputs("point_source_radiation",
                     R"({"mass_rate_kg_s": 4.319689898685965, "heat_of_combustion_j_kg": 43.7e6,
                         "radiant_fraction": 0.35, "distance_m": 20})");
  EXPECT_TRUE(Near(out["incident_flux_w_m2"], 13144.1, 1e-5));
  EXPECT_EQ(Error("point_source_radiation",
                  R"({"mass_rate_kg_s": 4.3, "heat_of_combustion_j_kg": 43.7e6, "distance_m": 20})"),
            "inputs.radiant_fraction: required");
}

TEST_F(FiresModels, JetFireCaseC8) {
  // C8 (D): Q = 100 MW, F = 0.3, K = 4.73 kW/m2 -> 22.466 m; the flux there is K. Tolerance 1e-5.
  json out = Outputs("jet_fire", R"({"heat_release_w": 1e8, "radiant_fraction": 0.3, "target_flux_w_m2": 4730,
                                     "distance_m": 22.466})");
  EXPECT_TRUE(Near(out["distance_to_target_flux_m"], 22.466, 1e-5));
  EXPECT_TRUE(Near(out["incident_flux_w_m2"], 4730.0, 1e-4));
  EXPECT_TRUE(Near(out["radiated_power_w"], 3e7, 1e-12));
  // The same heat release as mass rate x heat of combustion.
  json by_mass = Outputs("jet_fire", R"({"mass_rate_kg_s": 2, "heat_of_combustion_j_kg": 5e7,
                                         "radiant_fraction": 0.3, "target_flux_w_m2": 4730})");
  EXPECT_TRUE(Near(by_mass["distance_to_target_flux_m"], 22.466, 1e-5));
  EXPECT_EQ(Error("jet_fire", R"({"heat_release_w": 1e8, "mass_rate_kg_s": 2, "radiant_fraction": 0.3,
                                  "distance_m": 10})"),
            "inputs.heat_release_w: give either heat_release_w or mass_rate_kg_s with heat_of_combustion_j_kg");
  EXPECT_EQ(Error("jet_fire", R"({"heat_release_w": 1e8, "radiant_fraction": 0.3})"),
            "inputs.distance_m: give distance_m, target_flux_w_m2 or both");
}

TEST_F(FiresModels, PoolFire) {
  // D = 10 m, m_inf 0.055, k beta 2.1, target 30 m from the centre: q = 2952.8200 W/m2 with tau = 1, and
  // 2362.9674 W/m2 with Pietersen's tau (RH 0.5, 293.15 K, path 25 m) (independent script). Tol 1e-6.
  json dry = Outputs("pool_fire", R"({"diameter_m": 10, "max_burning_rate_kg_m2_s": 0.055, "k_beta_per_m": 2.1,
                                      "distance_m": 30})");
  EXPECT_TRUE(Near(dry["flame_length_m"], 15.786089761205021, 1e-6));
  EXPECT_TRUE(Near(dry["surface_emissive_power_w_m2"], 56143.30542946426, 1e-9));
  EXPECT_TRUE(Near(dry["incident_flux_w_m2"], 2952.8199503608976, 1e-6));
  json humid = Outputs("pool_fire", R"({"diameter_m": 10, "max_burning_rate_kg_m2_s": 0.055, "k_beta_per_m": 2.1,
                                        "distance_m": 30, "relative_humidity": 0.5})");
  EXPECT_TRUE(Near(humid["transmissivity"], 0.8002409485516963, 1e-9));
  EXPECT_TRUE(Near(humid["incident_flux_w_m2"], 2362.9674379791772, 1e-6));
  // The Burgess estimate (hexane-like liquid, see fires_test): 0.100300115 kg/m2/s without k beta.
  json burgess = Outputs("pool_fire", R"({"diameter_m": 10, "heat_of_vaporization_j_kg": 335e3,
      "liquid_heat_capacity_j_kg_k": 2270, "boiling_point_k": 341.9, "heat_of_combustion_j_kg": 44.7e6})");
  EXPECT_TRUE(Near(burgess["burning_rate_kg_m2_s"], 0.10030011499733543, 1e-9));
  // The inverse: the distance at which those fluxes are reached is 30 m (bisection; tolerance 1e-6).
  json to_dry = Outputs("pool_fire", R"({"diameter_m": 10, "max_burning_rate_kg_m2_s": 0.055, "k_beta_per_m": 2.1,
                                         "target_flux_w_m2": 2952.8199503608976})");
  EXPECT_TRUE(Near(to_dry["distance_to_target_flux_m"], 30.0, 1e-6));
  json to_humid = Outputs("pool_fire", R"({"diameter_m": 10, "max_burning_rate_kg_m2_s": 0.055,
      "k_beta_per_m": 2.1, "target_flux_w_m2": 2362.9674379791772, "relative_humidity": 0.5})");
  EXPECT_TRUE(Near(to_humid["distance_to_target_flux_m"], 30.0, 1e-6));
  EXPECT_EQ(Error("pool_fire", R"({"diameter_m": 10, "burning_rate_kg_m2_s": 0.05, "target_flux_w_m2": 1e6})")
                .rfind("inputs.target_flux_w_m2:", 0),
            0u);
  EXPECT_EQ(Error("pool_fire", R"({"diameter_m": 10, "burning_rate_kg_m2_s": 0.05,
                                   "max_burning_rate_kg_m2_s": 0.055})")
                .rfind("inputs.burning_rate_kg_m2_s: give exactly one of", 0),
            0u);
  EXPECT_EQ(Error("pool_fire", R"({"diameter_m": 10, "burning_rate_kg_m2_s": 0.05, "distance_m": 4})")
                .rfind("inputs.distance_m: must exceed the radius", 0),
            0u);
  EXPECT_EQ(Error("pool_fire", R"({"diameter_m": 10, "burning_rate_kg_m2_s": 0.05, "transmissivity": 0.9})"),
            "inputs.transmissivity: unknown key for this model");
}

TEST_F(FiresModels, BstBlastCaseD4) {
  // D4 (S data): Mf 0.5 at R = 1 -> dp/p0 = 0.28189. Energy 1.01325e8 J, no reflection factor:
  // (E/p0)^(1/3) = 10 m, so R = 1 at 10 m; overpressure 0.28189 x 101325 Pa. Tolerance 1e-4.
  json out = Outputs("bst_blast", R"({"combustion_energy_j": 1.01325e8, "ground_reflection_factor": 1,
                                      "flame_mach_number": 0.5, "distance_m": 10})");
  EXPECT_TRUE(Near(out["scaled_distance"], 1.0, 1e-12));
  EXPECT_TRUE(Near(out["scaled_overpressure"], 0.28189, 1e-4));
  EXPECT_TRUE(Near(out["overpressure_pa"], 0.28189 * 101325.0, 1e-4));
  // Default factor 2 doubles the energy: mass x heat of combustion gives the same energy.
  json doubled = Outputs("bst_blast", R"({"fuel_mass_kg": 1, "heat_of_combustion_j_kg": 1.01325e8,
                                          "flame_mach_number": 0.5, "distance_m": 10})");
  EXPECT_TRUE(Near(doubled["blast_energy_j"], 2.0265e8, 1e-12));
  EXPECT_EQ(Error("bst_blast", R"({"combustion_energy_j": 1e8, "flame_mach_number": 9, "distance_m": 10})"),
            "inputs.flame_mach_number: 9 is outside the curves 0.037..5.2");
}

}  // namespace
}  // namespace chemsafe::qra
