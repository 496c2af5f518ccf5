// The source-term models through the registry (ModelRegistry::Evaluate): one reference case each
// (shared/reference/qra-cases.md A1, A2, A5, or the derived values of source_terms_test.cc) and errors
// that name the key.
#include "chemsafe/qra/source_models.h"

#include <cmath>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace chemsafe::qra {
namespace {

using nlohmann::json;

const ModelRegistry& Registry() {
  static const ModelRegistry registry = [] {
    ModelRegistry r;
    EXPECT_TRUE(RegisterSourceModels(r).ok());
    return r;
  }();
  return registry;
}

Result<json> Evaluate(std::string_view model, std::string_view inputs) {
  auto out = Registry().Evaluate(json{{"model", model}, {"inputs", json::parse(inputs)}});
  if (!out.ok()) return out.status();
  return (*out)["outputs"];
}

double Relative(double actual, double expected) { return std::abs(actual - expected) / std::abs(expected); }

TEST(SourceModels, RegistersTheNamesTheCliUses) {
  for (const char* name : {"liquid_orifice", "gas_orifice", "flash_fraction", "pool_spread", "pool_evaporation"}) {
    EXPECT_NE(Registry().Find(name), nullptr) << name;
  }
  ModelRegistry twice;
  ASSERT_TRUE(RegisterSourceModels(twice).ok());
  EXPECT_EQ(RegisterSourceModels(twice).code(), StatusCode::kAlreadyExists);
}

// A1 (S): CCPS 1999 p. 40 via GasDispersion.jl. Tolerance 1e-9.
TEST(SourceModels, LiquidOrificeCaseA1) {
  auto out = Evaluate("liquid_orifice", R"({"density_kg_m3": 490, "hole_diameter_m": 0.01,
      "discharge_coefficient": 0.63, "pressure_pa": 120935.0368, "ambient_pressure_pa": 101325})");
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_LT(Relative((*out)["mass_rate_kg_s"].get<double>(), 0.21691154763598), 1e-9);
  EXPECT_LT(Relative((*out)["exit_velocity_m_s"].get<double>(), 5.636333880812954), 1e-9);
}

// The head alone drives the liquid (Torricelli, u = Cd sqrt(2 g h)); gravity is an input. Tolerance 1e-12.
TEST(SourceModels, LiquidOrificeWithHead) {
  auto out = Evaluate("liquid_orifice", R"({"density_kg_m3": 1000, "hole_diameter_m": 0.05,
      "discharge_coefficient": 0.61, "pressure_pa": 101325, "ambient_pressure_pa": 101325, "liquid_head_m": 5,
      "gravity_m_s2": 9.81})");
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_LT(Relative((*out)["exit_velocity_m_s"].get<double>(), 0.61 * std::sqrt(2 * 9.81 * 5)), 1e-12);
  EXPECT_EQ(Evaluate("liquid_orifice", R"({"density_kg_m3": 1000, "hole_diameter_m": 0.05,
      "discharge_coefficient": 0.61, "pressure_pa": 2e5, "ambient_pressure_pa": 101325, "liquid_head_m": -1})")
                .status()
                .message(),
            "inputs.liquid_head_m: must be 0 or more (is -1)");
}

TEST(SourceModels, LiquidOrificeErrorsNameTheKey) {
  EXPECT_EQ(Evaluate("liquid_orifice", R"({"density_kg_m3": 490, "discharge_coefficient": 0.63,
      "pressure_pa": 2e5, "ambient_pressure_pa": 101325})")
                .status()
                .message(),
            "inputs.hole_diameter_m: required");
  EXPECT_EQ(Evaluate("liquid_orifice", R"({"density_kg_m3": 490, "hole_diameter_m": 0.01, "discharge_coefficient": 1.5,
      "pressure_pa": 2e5, "ambient_pressure_pa": 101325})")
                .status()
                .message(),
            "inputs.discharge_coefficient: must be in (0, 1] (is 1.5)");
  EXPECT_EQ(Evaluate("liquid_orifice", R"({"density_kg_m3": 490, "hole_diameter_m": 0.01, "discharge_coefficient": 0.6,
      "pressure_pa": 2e5, "ambient_pressure_pa": 101325, "liquid_height_m": 2})")
                .status()
                .message(),
            "inputs.liquid_height_m: unknown key for this model");
}

// A2 (S): CCPS 1999 p. 47 via GasDispersion.jl, given the stagnation density. Tolerance 1e-9 (m, p*,
// T*), 1e-6 (u).
TEST(SourceModels, GasOrificeCaseA2) {
  auto out = Evaluate("gas_orifice", R"({"heat_capacity_ratio": 1.15, "pressure_pa": 501000, "temperature_k": 298,
      "density_kg_m3": 8.90, "hole_diameter_m": 0.01, "discharge_coefficient": 0.85, "ambient_pressure_pa": 101325})");
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_TRUE((*out)["choked"].get<bool>());
  EXPECT_LT(Relative((*out)["mass_rate_kg_s"].get<double>(), 0.09002799947040846), 1e-9);
  EXPECT_LT(Relative((*out)["throat_pressure_pa"].get<double>(), 287766.01316878956), 1e-9);
  EXPECT_LT(Relative((*out)["throat_temperature_k"].get<double>(), 277.2093023255814), 1e-9);
  EXPECT_LT(Relative((*out)["exit_velocity_m_s"].get<double>(), 208.58711308961637), 1e-6);
}

// A5 (D): nitrogen by its molar mass (ideal gas), 0.1 in, 200 psig = 1480276.4586 Pa abs, 80 F =
// 299.81667 K, Cd = 1 -> 0.017217 kg/s; tolerance 1e-6 kg/s absolute (five figures).
TEST(SourceModels, GasOrificeCaseA5ByMolarMass) {
  const json inputs = {{"heat_capacity_ratio", 1.4},         {"pressure_pa", 200 * 6894.757293168 + 101325},
                       {"temperature_k", 48 / 1.8 + 273.15}, {"molar_mass_kg_mol", 0.028013},
                       {"hole_diameter_m", 0.00254},         {"discharge_coefficient", 1.0},
                       {"ambient_pressure_pa", 101325}};
  auto out = Evaluate("gas_orifice", inputs.dump());
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_NEAR((*out)["mass_rate_kg_s"].get<double>(), 0.017217, 1e-6);
  EXPECT_TRUE((*out)["choked"].get<bool>());
}

TEST(SourceModels, GasOrificeNeedsOneDensityInput) {
  const char* both = R"({"heat_capacity_ratio": 1.4, "pressure_pa": 5e5, "temperature_k": 300, "density_kg_m3": 5.8,
      "molar_mass_kg_mol": 0.029, "hole_diameter_m": 0.01, "discharge_coefficient": 1, "ambient_pressure_pa": 101325})";
  EXPECT_EQ(Evaluate("gas_orifice", both).status().message(),
            "inputs.molar_mass_kg_mol: give exactly one of molar_mass_kg_mol, substance or density_kg_m3");
  EXPECT_EQ(Evaluate("gas_orifice", R"({"heat_capacity_ratio": 0.9, "pressure_pa": 5e5, "temperature_k": 300,
      "density_kg_m3": 5.8, "hole_diameter_m": 0.01, "discharge_coefficient": 1, "ambient_pressure_pa": 101325})")
                .status()
                .message(),
            "inputs.heat_capacity_ratio: must be greater than 1 (is 0.9)");
}

// The flashing-water inputs of source_terms_test.cc in SI: 0.1479130 (isenthalpic), 0.1374939
// (exponential), D; tolerance 1e-6.
TEST(SourceModels, FlashFraction) {
  const double btu_per_lb = 1055.05585262 / 0.45359237;
  json inputs = {{"heat_capacity_j_kg_k", 1.04 * btu_per_lb * 1.8},
                 {"temperature_k", 318 / 1.8 + 273.15},
                 {"boiling_point_k", 180 / 1.8 + 273.15},
                 {"heat_of_vaporization_j_kg", 970.3 * btu_per_lb}};
  auto out = Evaluate("flash_fraction", inputs.dump());
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_LT(Relative((*out)["flash_fraction"].get<double>(), 0.1479130), 1e-6);
  inputs["method"] = "exponential";
  EXPECT_LT(Relative((*Evaluate("flash_fraction", inputs.dump()))["flash_fraction"].get<double>(), 0.1374939), 1e-6);
  inputs["method"] = "linear";
  EXPECT_EQ(Evaluate("flash_fraction", inputs.dump()).status().message(),
            "inputs.method: must be isenthalpic or exponential (is 'linear')");
}

// A continuous spill of 0.01 m3/s for 60 s: the front (32 g Vdot/(9 pi))^(1/4) t^(3/4) = 12.4432 m
// would cover 486.4 m2, but 0.6 m3 at 1 cm (US EPA RMP default) covers 60 m2; a 40 m2 bund holds it
// at 1.5 cm. Exact arithmetic: tolerance 1e-12.
TEST(SourceModels, PoolSpread) {
  auto out = Evaluate("pool_spread", R"({"spill_rate_m3_s": 0.01, "time_s": 60})");
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ((*out)["limited_by"], "min_thickness");
  EXPECT_NEAR((*out)["pool_area_m2"].get<double>(), 60, 1e-12 * 60);
  EXPECT_NEAR((*out)["pool_volume_m3"].get<double>(), 0.6, 1e-12);
  auto bunded = Evaluate("pool_spread", R"({"spill_rate_m3_s": 0.01, "time_s": 60, "bund_area_m2": 40})");
  EXPECT_EQ((*bunded)["limited_by"], "bund");
  EXPECT_NEAR((*bunded)["pool_thickness_m"].get<double>(), 0.015, 1e-12);
  auto thin = Evaluate("pool_spread", R"({"spill_rate_m3_s": 0.01, "time_s": 60, "min_thickness_m": 1e-4})");
  EXPECT_EQ((*thin)["limited_by"], "spreading");
  EXPECT_LT(Relative((*thin)["pool_radius_m"].get<double>(), 12.443226477408738), 1e-9);
  EXPECT_EQ(
      Evaluate("pool_spread", R"({"spill_rate_m3_s": 0.01, "spill_volume_m3": 1, "time_s": 60})").status().message(),
      "inputs.spill_volume_m3: give exactly one of spill_volume_m3 or spill_rate_m3_s");
  EXPECT_EQ(Evaluate("pool_spread", R"({"spill_volume_m3": 1, "time_s": 60, "min_thickness_m": 0})").status().message(),
            "inputs.min_thickness_m: must be greater than 0 (is 0)");
}

// Boiling: LNG on concrete (source_terms_test.cc BoilingPool.LngOnConcrete, D): 10.70162 kg/s,
// 214.0324 kg. Non-boiling: the EPA RMP and Mackay-Matsugu values of source_terms_test.cc (D).
// Tolerance 1e-6.
TEST(SourceModels, PoolEvaporation) {
  auto boiling = Evaluate("pool_evaporation", R"({"regime": "boiling", "pool_area_m2": 100, "time_s": 10,
      "ground_temperature_k": 293.15, "boiling_point_k": 111.67, "heat_of_vaporization_j_kg": 509300,
      "ground": "concrete"})");
  ASSERT_TRUE(boiling.ok()) << boiling.status().ToString();
  EXPECT_LT(Relative((*boiling)["evaporation_rate_kg_s"].get<double>(), 10.701617641554506), 1e-6);
  EXPECT_LT(Relative((*boiling)["evaporated_mass_kg"].get<double>(), 214.03235283109015), 1e-6);
  // The same ground by its properties (Incropera Table A.3 concrete).
  auto explicit_ground = Evaluate("pool_evaporation", R"({"regime": "boiling", "pool_area_m2": 100, "time_s": 10,
      "ground_temperature_k": 293.15, "boiling_point_k": 111.67, "heat_of_vaporization_j_kg": 509300,
      "ground_conductivity_w_m_k": 1.4, "ground_diffusivity_m2_s": 6.91699604743083e-07})");
  ASSERT_TRUE(explicit_ground.ok()) << explicit_ground.status().ToString();
  EXPECT_LT(Relative((*explicit_ground)["heat_flux_w_m2"].get<double>(), 54503.33864843711), 1e-6);

  auto epa = Evaluate("pool_evaporation", R"({"regime": "non_boiling", "pool_area_m2": 50, "wind_speed_m_s": 1.5,
      "temperature_k": 298.15, "vapour_pressure_pa": 3800, "molar_mass_kg_mol": 0.092141})");
  ASSERT_TRUE(epa.ok()) << epa.status().ToString();
  EXPECT_LT(Relative((*epa)["evaporation_rate_kg_s"].get<double>(), 0.037681358313770626), 1e-6);
  auto mm = Evaluate("pool_evaporation", R"({"regime": "non_boiling", "pool_area_m2": 50, "wind_speed_m_s": 1.5,
      "temperature_k": 298.15, "vapour_pressure_pa": 3800, "molar_mass_kg_mol": 0.092141,
      "correlation": "mackay_matsugu", "schmidt_number": 1.5})");
  ASSERT_TRUE(mm.ok()) << mm.status().ToString();
  EXPECT_LT(Relative((*mm)["evaporation_rate_kg_s"].get<double>(), 0.028153273149206792), 1e-6);
}

TEST(SourceModels, PoolEvaporationErrorsNameTheKey) {
  EXPECT_EQ(Evaluate("pool_evaporation", R"({"regime": "boiling", "pool_area_m2": 100, "time_s": 10,
      "ground_temperature_k": 293.15, "boiling_point_k": 111.67, "heat_of_vaporization_j_kg": 509300,
      "ground": "granite"})")
                .status()
                .message(),
            "inputs.ground: must be concrete, soil or sand (is 'granite')");
  EXPECT_EQ(Evaluate("pool_evaporation", R"({"regime": "boiling", "pool_area_m2": 100, "time_s": 10,
      "ground_temperature_k": 293.15, "boiling_point_k": 111.67, "heat_of_vaporization_j_kg": 509300})")
                .status()
                .message(),
            "inputs.ground: give exactly one of ground or ground_conductivity_w_m_k");
  EXPECT_EQ(Evaluate("pool_evaporation", R"({"regime": "non_boiling", "pool_area_m2": 50, "wind_speed_m_s": 1.5,
      "temperature_k": 298.15, "vapour_pressure_pa": 3800, "molar_mass_kg_mol": 0.092141, "schmidt_number": 1})")
                .status()
                .message(),
            "inputs.schmidt_number: unknown key for this model");
  EXPECT_EQ(Evaluate("pool_evaporation", R"({"regime": "boiling", "pool_area_m2": 100, "time_s": 10,
      "ground_temperature_k": 100, "boiling_point_k": 111.67, "heat_of_vaporization_j_kg": 509300, "ground": "sand"})")
                .status()
                .message()
                .rfind("inputs.ground_temperature_k: ", 0),
            0u);
  EXPECT_EQ(Evaluate("pool_evaporation", R"({"regime": "melting", "pool_area_m2": 1})").status().message(),
            "inputs.regime: must be non_boiling or boiling (is 'melting')");
}

// --- With the substance table (data/qra/qra_substances.csv) ----------------------------------------

class SourceModelsWithSubstances : public ::testing::Test {
 protected:
  void SetUp() override {
    std::ifstream file(CHEMSAFE_TEST_DATA_DIR "/qra/qra_substances.csv", std::ios::binary);
    std::ostringstream text;
    text << file.rdbuf();
    auto table = ParseSubstanceTable(text.str(), "qra_substances.csv");
    ASSERT_TRUE(table.ok()) << table.status().ToString();
    ASSERT_TRUE(RegisterSourceModels(registry_, &*table).ok());  // copied: the table may go
  }
  Result<json> Evaluate(std::string_view model, std::string_view inputs) const {
    auto out = registry_.Evaluate(json{{"model", model}, {"inputs", json::parse(inputs)}});
    if (!out.ok()) return out.status();
    return (*out)["outputs"];
  }
  ModelRegistry registry_;
};

// Methane by name gives the molar mass of the table (16.043 g/mol): the same flow as by molar mass.
TEST_F(SourceModelsWithSubstances, GasOrificeTakesTheMolarMass) {
  auto by_name = Evaluate("gas_orifice", R"({"heat_capacity_ratio": 1.31, "pressure_pa": 1e6, "temperature_k": 288.15,
      "substance": "methane", "hole_diameter_m": 0.025, "discharge_coefficient": 0.62,
      "ambient_pressure_pa": 101325})");
  ASSERT_TRUE(by_name.ok()) << by_name.status().ToString();
  auto by_value = Evaluate("gas_orifice", R"({"heat_capacity_ratio": 1.31, "pressure_pa": 1e6, "temperature_k": 288.15,
      "molar_mass_kg_mol": 0.016043, "hole_diameter_m": 0.025, "discharge_coefficient": 0.62,
      "ambient_pressure_pa": 101325})");
  ASSERT_TRUE(by_value.ok());
  EXPECT_EQ((*by_name)["substance"], "methane");
  EXPECT_DOUBLE_EQ((*by_name)["molar_mass_kg_mol"].get<double>(), 0.016043);
  EXPECT_DOUBLE_EQ((*by_name)["mass_rate_kg_s"].get<double>(), (*by_value)["mass_rate_kg_s"].get<double>());
}

// Boiling methane by CAS: Tb 111.67 K and 509.3 kJ/kg from the table, the LNG-on-concrete values of
// source_terms_test.cc (D, 10.70162 kg/s). Tolerance 1e-6.
TEST_F(SourceModelsWithSubstances, BoilingPoolTakesTheBoilingProperties) {
  auto out = Evaluate("pool_evaporation", R"({"regime": "boiling", "pool_area_m2": 100, "time_s": 10,
      "ground_temperature_k": 293.15, "substance": "74-82-8", "ground": "concrete"})");
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_LT(Relative((*out)["evaporation_rate_kg_s"].get<double>(), 10.701617641554506), 1e-6);
  EXPECT_DOUBLE_EQ((*out)["boiling_point_k"].get<double>(), 111.67);
}

// Toluene at 25 C: the Antoine pressure of the table (3788.9 Pa, within 1 % of the CRC's 3.79 kPa) and
// 92.141 g/mol, the same rate as given explicitly. Tolerance 1e-12.
TEST_F(SourceModelsWithSubstances, NonBoilingPoolTakesAntoineAndMolarMass) {
  auto out = Evaluate("pool_evaporation", R"({"regime": "non_boiling", "pool_area_m2": 50, "wind_speed_m_s": 1.5,
      "temperature_k": 298.15, "substance": "toluene"})");
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  const double antoine_pa = std::pow(10.0, 9.05043 - 1327.62 / (298.15 - 55.525));
  EXPECT_LT(Relative((*out)["vapour_pressure_pa"].get<double>(), antoine_pa), 1e-12);
  EXPECT_NEAR((*out)["vapour_pressure_pa"].get<double>(), 3790, 0.01 * 3790);
  const json explicit_inputs = {{"regime", "non_boiling"},
                                {"pool_area_m2", 50},
                                {"wind_speed_m_s", 1.5},
                                {"temperature_k", 298.15},
                                {"vapour_pressure_pa", antoine_pa},
                                {"molar_mass_kg_mol", 0.092141}};
  auto same = Evaluate("pool_evaporation", explicit_inputs.dump());
  ASSERT_TRUE(same.ok());
  EXPECT_LT(Relative((*out)["evaporation_rate_kg_s"].get<double>(), (*same)["evaporation_rate_kg_s"].get<double>()),
            1e-12);
}

TEST_F(SourceModelsWithSubstances, ErrorsNameTheKey) {
  EXPECT_EQ(Evaluate("flash_fraction", R"({"heat_capacity_j_kg_k": 2500, "temperature_k": 293.15,
      "substance": "propane", "boiling_point_k": 231})")
                .status()
                .message(),
            "inputs.boiling_point_k: give it or substance, not both");
  EXPECT_EQ(Evaluate("flash_fraction", R"({"heat_capacity_j_kg_k": 2500, "temperature_k": 293.15,
      "substance": "unobtainium"})")
                .status()
                .message(),
            "inputs.substance: \"unobtainium\" is neither a name nor a CAS number of the table");
  EXPECT_EQ(Evaluate("pool_evaporation", R"({"regime": "non_boiling", "pool_area_m2": 50, "wind_speed_m_s": 1.5,
      "temperature_k": 298.15, "substance": "styrene"})")
                .status()
                .message(),
            "inputs.substance: styrene: the table has no Antoine constants for it");
  EXPECT_EQ(Evaluate("pool_evaporation", R"({"regime": "non_boiling", "pool_area_m2": 50, "wind_speed_m_s": 1.5,
      "temperature_k": 450, "substance": "toluene"})")
                .status()
                .message(),
            "inputs.temperature_k: 450 K is outside the Antoine range 286.44 to 409.61 K of toluene");
  // Without a table (the registry of the tests above) a substance cannot be named.
  EXPECT_EQ(::chemsafe::qra::Evaluate("flash_fraction", R"({"heat_capacity_j_kg_k": 2500, "temperature_k": 293.15,
      "substance": "propane"})")
                .status()
                .message(),
            "inputs.substance: no substance table is loaded: give the properties instead");
}

}  // namespace
}  // namespace chemsafe::qra
