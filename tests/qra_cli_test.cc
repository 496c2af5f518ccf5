// `chemsafe qra model` (issue 5's CLI contract): the contract's models by their exact names and keys,
// against cases of shared/reference/qra-cases.md, and exit 1 with a message naming the key.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sys/wait.h>

#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <unistd.h>

namespace {

struct ModelRun {
  int exit_code = -1;
  std::string out;
};

// `chemsafe qra model --input FILE` with `request` written to FILE; stderr merged when asked.
ModelRun Model(const nlohmann::json& request, bool merge_stderr = false) {
  const auto path = std::filesystem::temp_directory_path() /
                    ("chemsafe-qra-cli-" + std::to_string(getpid()) + ".json");
  std::ofstream(path) << request.dump();
  const std::string cmd = std::string(CHEMSAFE_BINARY) + " qra model --input " + path.string() +
                          (merge_stderr ? " 2>&1" : " 2>/dev/null");
  ModelRun r;
  FILE* p = popen(cmd.c_str(), "r");
  if (p == nullptr) return r;
  std::array<char, 4096> buf{};
  std::size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), n);
  const int status = pclose(p);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::filesystem::remove(path);
  return r;
}

nlohmann::json Outputs(const std::string& model, const nlohmann::json& inputs) {
  ModelRun r = Model({{"model", model}, {"inputs", inputs}});
  EXPECT_EQ(r.exit_code, 0) << model;
  auto j = nlohmann::json::parse(r.out, nullptr, false);
  EXPECT_FALSE(j.is_discarded()) << r.out;
  EXPECT_EQ(j["model"], model);
  return j["outputs"];
}

void ExpectRelative(double got, double want, double tolerance) {
  EXPECT_LE(std::abs(got - want), tolerance * std::abs(want)) << got << " vs " << want;
}

// A1 (CCPS 1999 p.40 via GasDispersion.jl, S): 1e-9 relative.
TEST(QraCli, LiquidOrifice) {
  auto o = Outputs("liquid_orifice", {{"density_kg_m3", 490.0}, {"hole_diameter_m", 0.01},
                                      {"discharge_coefficient", 0.63}, {"pressure_pa", 120935.0368},
                                      {"ambient_pressure_pa", 101325.0}});
  ExpectRelative(o["mass_rate_kg_s"], 0.21691154763598, 1e-9);
}

// A2 (CCPS 1999 p.47, S): choked; 1e-9 relative. The stagnation density is given, as in the case.
TEST(QraCli, GasOrifice) {
  auto o = Outputs("gas_orifice", {{"heat_capacity_ratio", 1.15}, {"pressure_pa", 501000.0}, {"temperature_k", 298.0},
                                   {"density_kg_m3", 8.90}, {"hole_diameter_m", 0.01},
                                   {"discharge_coefficient", 0.85}, {"ambient_pressure_pa", 101325.0}});
  ExpectRelative(o["mass_rate_kg_s"], 0.09002799947040846, 1e-9);
  EXPECT_EQ(o["choked"], true);
}

// B1 with Briggs rural F sigmas (D): C(500, 0, 0) = 1.172175e-4 kg/m3; 1e-6 relative.
TEST(QraCli, GaussianPlume) {
  auto o = Outputs("gaussian_plume", {{"release_rate_kg_s", 0.1}, {"wind_speed_m_s", 2.0}, {"stability", "F"},
                                      {"release_height_m", 0.0}, {"sigma_set", "briggs_rural"}, {"x_m", 500.0},
                                      {"y_m", 0.0}, {"z_m", 0.0}});
  ExpectRelative(o["concentration_kg_m3"], 1.172175e-4, 1e-6);
}

// B2 (CCPS 1999 p.101, S): 1 kg puff, class F, 2 m/s, centre at 500 m at t = 250 s: 2.25004854e-3 kg/m3.
TEST(QraCli, GaussianPuff) {
  auto o = Outputs("gaussian_puff", {{"mass_kg", 1.0}, {"wind_speed_m_s", 2.0}, {"stability", "F"},
                                     {"release_height_m", 0.0}, {"sigma_set", "ccps_puff"}, {"x_m", 500.0},
                                     {"y_m", 0.0}, {"z_m", 0.0}, {"time_s", 250.0}});
  ExpectRelative(o["concentration_kg_m3"], 2.25004854e-3, 1e-6);
}

// C4 (Roberts 1982 / Yellow Book, D): 10,000 kg; 1e-5 relative.
TEST(QraCli, Fireball) {
  auto ccps = Outputs("fireball", {{"mass_kg", 10000.0}, {"method", "ccps"}});
  ExpectRelative(ccps["diameter_m"], 124.957, 1e-5);
  ExpectRelative(ccps["duration_s"], 9.69496, 1e-5);
  ExpectRelative(ccps["height_m"], 93.7179, 1e-5);
  auto tno = Outputs("fireball", {{"mass_kg", 10000.0}, {"method", "tno"}});
  ExpectRelative(tno["diameter_m"], 129.293, 1e-5);
}

// D1 (Kingery-Bulmash hemispherical, UFC 3-340-02, S): Z = 10 m/kg^(1/3) -> 14.89 kPa within 1 %.
// D2 (Crowl & Louvar fit, D): z = 10 -> 0.197096 x 101.325 kPa.
TEST(QraCli, TntBlast) {
  auto kb = Outputs("tnt_blast", {{"tnt_mass_kg", 1000.0}, {"distance_m", 100.0}, {"curve", "kingery_bulmash"}});
  ExpectRelative(kb["scaled_distance_m_kg13"], 10.0, 1e-9);
  ExpectRelative(kb["overpressure_pa"], 14890.0, 0.01);
  auto cl = Outputs("tnt_blast", {{"tnt_mass_kg", 1000.0}, {"distance_m", 100.0}, {"curve", "crowl_louvar"}});
  ExpectRelative(cl["overpressure_pa"], 0.197096 * 101325.0, 1e-5);
}

// C1 (HyRAM hand calculation, S): Eisenberg, D = 1e7 -> Y = 2.7823249; here q and t giving D = 1e7.
TEST(QraCli, Probit) {
  const double t = 60.0;
  const double q = std::pow(1e7 / t, 0.75);
  auto o = Outputs("probit", {{"kind", "thermal_eisenberg"}, {"heat_flux_w_m2", q}, {"duration_s", t}});
  EXPECT_NEAR(o["y"].get<double>(), 2.7823249, 1e-7);
  EXPECT_NEAR(o["probability"].get<double>(), 0.5 * std::erfc(-(2.7823249 - 5.0) / std::sqrt(2.0)), 1e-7);
}

TEST(QraCli, ErrorsNameTheKeyAndExit1) {
  ModelRun unknown = Model({{"model", "no_such_model"}, {"inputs", nlohmann::json::object()}}, true);
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_NE(unknown.out.find("no_such_model"), std::string::npos);
  ModelRun missing = Model({{"model", "liquid_orifice"}, {"inputs", {{"density_kg_m3", 490.0}}}}, true);
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.out.find("inputs.hole_diameter_m"), std::string::npos) << missing.out;
  ModelRun stability = Model({{"model", "gaussian_plume"},
                         {"inputs", {{"release_rate_kg_s", 0.1}, {"wind_speed_m_s", 2.0}, {"stability", "G"},
                                     {"release_height_m", 0.0}, {"sigma_set", "briggs_rural"}, {"x_m", 500.0},
                                     {"y_m", 0.0}, {"z_m", 0.0}}}},
                        true);
  EXPECT_EQ(stability.exit_code, 1);
  EXPECT_NE(stability.out.find("stability"), std::string::npos) << stability.out;
}

}  // namespace

namespace {

// `chemsafe qra study` on the synthetic demonstration study of testdata/qra/: the summary's parts are
// there and consistent (each point's IR at most the grid's maximum; the contours nest: a lower threshold
// reaches at least as far), and the GeoJSON is written.
TEST(QraCli, StudyOfTheDemonstrationSite) {
  const auto geojson = std::filesystem::temp_directory_path() / ("chemsafe-qra-study-" + std::to_string(getpid()) + ".geojson");
  const std::string cmd = std::string(CHEMSAFE_BINARY) + " qra study --input " + CHEMSAFE_TESTDATA_DIR +
                          "/qra/study_lpg_chlorine.json --geojson " + geojson.string();
  FILE* p = popen(cmd.c_str(), "r");
  ASSERT_NE(p, nullptr);
  std::string out;
  std::array<char, 4096> buf{};
  std::size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
  ASSERT_EQ(pclose(p), 0) << out;
  auto j = nlohmann::json::parse(out);
  const double max_ir = j["grid"]["max_ir_per_yr"];
  ASSERT_GT(max_ir, 0.0);
  ASSERT_EQ(j["points"].size(), 2u);
  for (const auto& pt : j["points"]) EXPECT_LE(pt["ir_per_yr"].get<double>(), max_ir);
  ASSERT_EQ(j["contours"].size(), 4u);
  for (std::size_t k = 1; k < 4; ++k) {
    EXPECT_LT(j["contours"][k]["threshold_per_yr"].get<double>(), j["contours"][k - 1]["threshold_per_yr"].get<double>());
    EXPECT_GE(j["grid"]["areas"][k]["area_m2"].get<double>(), j["grid"]["areas"][k - 1]["area_m2"].get<double>());
  }
  EXPECT_GT(j["societal"]["pll_per_yr"].get<double>(), 0.0);
  std::ifstream in(geojson);
  auto g = nlohmann::json::parse(in);
  EXPECT_EQ(g["type"], "FeatureCollection");
  EXPECT_FALSE(g["features"].empty());
  std::filesystem::remove(geojson);
}

}  // namespace

namespace {

int Shell(const std::string& cmd) {
  const int status = std::system(cmd.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// `chemsafe qra province` end to end on a small synthetic province: demo, hazard run, then the relocation
// list; every output file is written, the JSON names its method and says the weather is synthetic.
TEST(QraCli, ProvinceWritesTheRelocationList) {
  const auto dir = std::filesystem::temp_directory_path() / ("chemsafe-qra-province-" + std::to_string(getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const std::string db = (dir / "p.db").string();
  const std::string bin = CHEMSAFE_BINARY;
  ASSERT_EQ(Shell(bin + " demo generate --seed 7 --enterprises 40 --db " + db + " > /dev/null"), 0);
  ASSERT_EQ(Shell(bin + " hazard run --db " + db + " > /dev/null"), 0);
  ASSERT_EQ(Shell(bin + " qra province --db " + db + " -o " + (dir / "out").string() + " > /dev/null"), 0);
  for (const char* f : {"relocation_list.json", "relocation_list.xlsx", "contours.geojson", "report.html"}) {
    EXPECT_GT(std::filesystem::file_size(dir / "out" / f), 0u) << f;
  }
  std::ifstream in(dir / "out" / "relocation_list.json");
  auto j = nlohmann::json::parse(in);
  EXPECT_EQ(j["synthetic_weather"], true);
  EXPECT_NE(j["method"].get<std::string>().find("GB 36894-2018"), std::string::npos);
  EXPECT_GT(j["installations"].get<int>(), 0);
  EXPECT_FALSE(j["enterprises"].empty());
  EXPECT_EQ(j["run_id"], 1);
  // Stored as run 1; with --reuse and the same inputs nothing is computed or stored (the message says
  // which run holds the answer); without it, a second run is stored.
  const std::string again = (dir / "again.txt").string();
  ASSERT_EQ(Shell(bin + " qra province --db " + db + " --reuse > " + again), 0);
  std::ifstream said(again);
  const std::string line((std::istreambuf_iterator<char>(said)), std::istreambuf_iterator<char>());
  EXPECT_NE(line.find("unchanged since run 1"), std::string::npos) << line;
  EXPECT_FALSE(std::filesystem::exists(dir / "again")) << "no -o: no files";
  ASSERT_EQ(Shell(bin + " qra province --db " + db + " -o " + (dir / "second").string() + " > /dev/null"), 0);
  std::ifstream second_in(dir / "second" / "relocation_list.json");
  const auto second = nlohmann::json::parse(second_in);
  EXPECT_EQ(second["run_id"], 2);
  EXPECT_EQ(second["input_digest"], j["input_digest"]);
  // A scope with no installation: exit 1 and a message.
  EXPECT_EQ(Shell(bin + " qra province --db " + db + " --city 4499 -o " + (dir / "none").string() + " 2> /dev/null"), 1);
  std::filesystem::remove_all(dir);
}

}  // namespace
