// The scenario generator over the shipped tables (data/qra: loc_frequencies.csv, ignition_probabilities.csv
// (qra-cases G3), qra_substances.csv, toxic_probits.csv (F2)): the LOC events and their frequencies come from
// the table, the outcome probabilities from the ignition event tree, the hazards' branches per substance,
// skipped holdings with a reason, and the generated scenarios run through RunStudy (G6's IR bookkeeping).
// Expected values are read from the tables, not written here, so that a changed table keeps the tests true.
#include "chemsafe/qra/scenarios.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "chemsafe/qra/dispersion_models.h"
#include "chemsafe/qra/effects_models.h"
#include "chemsafe/qra/fires_models.h"
#include "chemsafe/qra/source_models.h"
#include "chemsafe/qra/study.h"

namespace chemsafe::qra {
namespace {

using json = nlohmann::json;
using ::testing::HasSubstr;

std::string ReadData(const std::string& relative) {
  std::ifstream in(std::string(CHEMSAFE_TEST_DATA_DIR) + "/qra/" + relative);
  EXPECT_TRUE(in.good()) << relative;
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

template <typename T>
T Ok(Result<T> r) {
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return std::move(*r);
}

struct Tables {
  LocFrequencyTable loc = Ok(ParseLocFrequencies(ReadData("loc_frequencies.csv"), "loc_frequencies.csv"));
  IgnitionTable ignition =
      Ok(ParseIgnitionProbabilities(ReadData("ignition_probabilities.csv"), "ignition_probabilities.csv"));
  SubstanceTable substances = Ok(ParseSubstanceTable(ReadData("qra_substances.csv"), "qra_substances.csv"));
  ToxicProbitTable toxic = Ok(ParseToxicProbits(ReadData("toxic_probits.csv"), "toxic_probits.csv"));
  ScenarioData Data() const { return {&loc, &ignition, &substances, &toxic}; }
};

const Tables& Shipped() {
  static const Tables tables;
  return tables;
}

QraHolding Holding(std::string name, double kg, HoldingState state) {
  QraHolding h;
  h.name = std::move(name);
  h.quantity_kg = kg;
  h.state = state;
  return h;
}

QraUnit UnitOf(std::string id, UnitKind kind, std::vector<QraHolding> holdings) {
  QraUnit u;
  u.id = std::move(id);
  u.kind = kind;
  u.holdings = std::move(holdings);
  return u;
}

QraUnit StorageOf(std::string name, double kg, HoldingState state) {
  return UnitOf("U1", UnitKind::kStorage, {Holding(std::move(name), kg, state)});
}

ScenarioSet Generate(const QraUnit& unit, const ScenarioOptions& options = {}) {
  return Ok(GenerateScenarios(unit, Shipped().Data(), options));
}

double Sum(const GeneratedScenario& s) {
  double p = 0;
  for (const auto& o : s.outcomes) p += o.probability;
  return p;
}

TEST(LocFrequencies, TheShippedTableParsesWithSourcesAndGrades) {
  const auto& t = Shipped().loc;
  ASSERT_FALSE(t.rows.empty());
  for (const auto& row : t.rows) {
    EXPECT_FALSE(row.source.empty()) << row.line;
    EXPECT_NE(row.grade, "S") << "recalled values must not claim grade S, line " << row.line;
  }
  // Every storage and process equipment type the generator uses has its three events per year.
  const ScenarioOptions o;
  for (const auto& eq : {o.pressurised_storage_equipment, o.atmospheric_storage_equipment, o.production_equipment}) {
    EXPECT_EQ(t.ForEquipment(eq).size(), 3u) << eq;
  }
}

TEST(LocFrequencies, AMalformedLineNamesFileRowAndColumn) {
  const std::string header = "equipment,loc_event,frequency,frequency_unit,source,grade\n";
  auto bad = ParseLocFrequencies(header + "process_vessel,instantaneous,abc,per_yr,src,M\n", "bad.csv");
  ASSERT_FALSE(bad.ok());
  EXPECT_THAT(bad.status().message(), HasSubstr("bad.csv:2:3"));
  auto negative = ParseLocFrequencies("# c\n" + header + "process_vessel,instantaneous,-1,per_yr,src,M\n", "f.csv");
  ASSERT_FALSE(negative.ok());
  EXPECT_THAT(negative.status().message(), HasSubstr("f.csv:3:3"));
  auto unit = ParseLocFrequencies(header + "pipe,leak,1e-6,per_km,src,M\n", "u.csv");
  ASSERT_FALSE(unit.ok());
  EXPECT_THAT(unit.status().message(), HasSubstr("u.csv:2:4"));
  auto twice = ParseLocFrequencies(header + "v,leak,1e-6,per_yr,s,M\nv,leak,2e-6,per_yr,s,M\n", "d.csv");
  ASSERT_FALSE(twice.ok());
  EXPECT_THAT(twice.status().message(), HasSubstr("d.csv:3:2"));
}

TEST(Scenarios, ChlorineStorageGivesThreeToxicEventsWithTheTablesFrequencies) {
  const auto set = Generate(StorageOf("chlorine", 20000, HoldingState::kLiquefiedGas));
  EXPECT_TRUE(set.skipped.empty());
  const auto rows = Shipped().loc.ForEquipment(ScenarioOptions{}.pressurised_storage_equipment);
  ASSERT_EQ(set.scenarios.size(), 3u);
  ASSERT_EQ(rows.size(), 3u);
  for (std::size_t k = 0; k < 3; ++k) {
    const auto& s = set.scenarios[k];
    EXPECT_DOUBLE_EQ(s.frequency_per_yr, rows[k]->frequency) << s.id;
    EXPECT_THAT(s.basis, HasSubstr(rows[k]->source));
    ASSERT_EQ(s.outcomes.size(), 1u) << s.id;
    EXPECT_EQ(s.outcomes[0].effect["kind"], "toxic_plume");
    EXPECT_DOUBLE_EQ(s.outcomes[0].probability, 1.0);
    EXPECT_EQ(s.outcomes[0].effect["probit"]["substance"], "chlorine");
    EXPECT_GT(s.outcomes[0].effect["release"]["release_rate_kg_s"].get<double>(), 0.0);
  }
  // The 10 min event releases the inventory in 600 s; the 10 mm hole less.
  EXPECT_DOUBLE_EQ(set.scenarios[1].outcomes[0].effect["release"]["release_rate_kg_s"].get<double>(), 20000.0 / 600.0);
  EXPECT_LT(set.scenarios[2].outcomes[0].effect["release"]["release_rate_kg_s"].get<double>(), 20000.0 / 600.0);
}

TEST(Scenarios, PropaneOutcomesFollowTheIgnitionTree) {
  const ScenarioOptions o;
  const auto set = Generate(StorageOf("propane", 50000, HoldingState::kLiquefiedGas), o);
  ASSERT_EQ(set.scenarios.size(), 3u);
  for (const auto& s : set.scenarios) {
    ASSERT_EQ(s.outcomes.size(), 2u) << s.id;
    const bool instantaneous = s.id.ends_with("instantaneous");
    EXPECT_EQ(s.outcomes[0].effect["model"], instantaneous ? "fireball" : "jet_fire") << s.id;
    EXPECT_EQ(s.outcomes[1].effect["model"], "bst_blast") << s.id;
    const double amount = instantaneous ? s.outcomes[0].effect["inputs"]["mass_kg"].get<double>()
                                        : s.outcomes[0].effect["inputs"]["mass_rate_kg_s"].get<double>();
    const auto band = LookUpIgnition(Shipped().ignition, o.ignition_table, o.gas_ignition_category,
                                     instantaneous ? ReleaseMode::kInstantaneous : ReleaseMode::kContinuous, amount);
    ASSERT_TRUE(band.ok());
    const double p_i = (*band)->p_immediate;
    EXPECT_DOUBLE_EQ(s.outcomes[0].probability, p_i) << s.id;
    EXPECT_NEAR(Sum(s), p_i + o.delayed_ignition_probability * (1 - p_i), 1e-12) << s.id;
    // The non-ignited remainder carries no outcome, and the basis says so.
    EXPECT_THAT(s.basis, HasSubstr("no outcome (not toxic)"));
  }
}

TEST(Scenarios, AmmoniaGetsTheToxicAndTheFlammableBranches) {
  const ScenarioOptions o;
  const auto set = Generate(StorageOf("ammonia", 30000, HoldingState::kLiquefiedGas), o);
  ASSERT_EQ(set.scenarios.size(), 3u);
  for (const auto& s : set.scenarios) {
    ASSERT_EQ(s.outcomes.size(), 3u) << s.id;
    EXPECT_EQ(s.outcomes[2].effect["kind"], "toxic_plume");
    EXPECT_NEAR(Sum(s), 1.0, 1e-12) << s.id;
    // Ammonia is a low-reactivity gas of table 4.6.
    EXPECT_THAT(s.basis, HasSubstr(o.low_reactivity_gas_category));
    EXPECT_GT(s.outcomes[2].probability, 0.0);
  }
}

TEST(Scenarios, AFlammableLiquidGivesPoolFires) {
  const auto set = Generate(StorageOf("toluene", 100000, HoldingState::kLiquid));
  ASSERT_EQ(set.scenarios.size(), 3u);
  const auto rows = Shipped().loc.ForEquipment(ScenarioOptions{}.atmospheric_storage_equipment);
  for (std::size_t k = 0; k < 3; ++k) {
    EXPECT_DOUBLE_EQ(set.scenarios[k].frequency_per_yr, rows[k]->frequency);
    ASSERT_EQ(set.scenarios[k].outcomes.size(), 1u);
    EXPECT_EQ(set.scenarios[k].outcomes[0].effect["model"], "pool_fire");
    EXPECT_GT(set.scenarios[k].outcomes[0].effect["inputs"]["diameter_m"].get<double>(), 0.0);
  }
}

TEST(Scenarios, ACompressedGasLeaksThroughTheGasOrifice) {
  QraHolding methane = Holding("methane", 5000, HoldingState::kGas);
  methane.pressure_pa = 5.0e6;
  const ScenarioOptions o;
  const auto set = Generate(UnitOf("U4", UnitKind::kProduction, {methane}), o);
  ASSERT_EQ(set.scenarios.size(), 3u);
  const auto rows = Shipped().loc.ForEquipment(o.production_equipment);
  EXPECT_DOUBLE_EQ(set.scenarios[2].frequency_per_yr, rows[2]->frequency);
  EXPECT_THAT(set.scenarios[2].basis, HasSubstr("gas_orifice"));
  EXPECT_THAT(set.scenarios[2].basis, HasSubstr(o.low_reactivity_gas_category));  // methane: low reactivity
  ASSERT_EQ(set.scenarios[2].outcomes.size(), 2u);
  const double rate = set.scenarios[2].outcomes[0].effect["inputs"]["mass_rate_kg_s"].get<double>();
  EXPECT_GT(rate, 0.0);
  EXPECT_LT(rate, 5000.0 / o.ten_minute_release_s);
}

TEST(Scenarios, AToxicFlammableLiquidBurnsOrEvaporatesFromItsPool) {
  const auto set = Generate(StorageOf("hydrogen cyanide", 30000, HoldingState::kLiquid));
  ASSERT_EQ(set.scenarios.size(), 3u);
  for (const auto& s : set.scenarios) {
    ASSERT_EQ(s.outcomes.size(), 2u) << s.id;
    EXPECT_EQ(s.outcomes[0].effect["model"], "pool_fire");
    EXPECT_EQ(s.outcomes[1].effect["kind"], "toxic_plume");
    EXPECT_NEAR(Sum(s), 1.0, 1e-12) << s.id;
    EXPECT_THAT(s.basis, HasSubstr("US EPA RMP eq. D-1"));
  }
  // The 10 min release's vapour is its pool's evaporation, less than the liquid's release rate.
  const double vapour = set.scenarios[1].outcomes[1].effect["release"]["release_rate_kg_s"].get<double>();
  EXPECT_GT(vapour, 0.0);
  EXPECT_LT(vapour, 30000.0 / 600.0);
  // Acrolein has no vapour pressure data (and no heat of combustion) in the table: its plume takes the
  // liquid's release rate, an upper bound, and says so.
  const auto acrolein = Generate(StorageOf("acrolein", 30000, HoldingState::kLiquid));
  ASSERT_EQ(acrolein.scenarios.size(), 3u);
  ASSERT_EQ(acrolein.scenarios[1].outcomes.size(), 1u);
  EXPECT_DOUBLE_EQ(acrolein.scenarios[1].outcomes[0].effect["release"]["release_rate_kg_s"].get<double>(), 30000.0 / 600.0);
  EXPECT_THAT(acrolein.scenarios[1].basis, HasSubstr("upper bound"));
}

TEST(Scenarios, UncoveredHoldingsAreSkippedWithTheirReason) {
  const QraUnit unit = UnitOf("U2", UnitKind::kProduction, {Holding("sodium chloride", 1000, HoldingState::kSolid),
                   Holding("unobtainium", 1000, HoldingState::kLiquid),
                   Holding("methane", 1000, HoldingState::kGas)});
  const auto set = Generate(unit);
  EXPECT_TRUE(set.scenarios.empty());
  ASSERT_EQ(set.skipped.size(), 3u);
  EXPECT_EQ(set.skipped[0].holding, "sodium chloride");
  EXPECT_THAT(set.skipped[0].reason, HasSubstr("solid"));
  EXPECT_THAT(set.skipped[1].reason, HasSubstr("not in the substance table"));
  EXPECT_THAT(set.skipped[2].reason, HasSubstr("pressure_pa"));  // a gas without its pressure
}

TEST(Scenarios, ErrorsNameTheInput) {
  auto bad = GenerateScenarios(StorageOf("propane", 0, HoldingState::kLiquefiedGas), Shipped().Data(), {});
  ASSERT_FALSE(bad.ok());
  EXPECT_THAT(bad.status().message(), HasSubstr("holdings[0].quantity_kg"));
  ScenarioOptions o;
  o.delayed_ignition_probability = 2;
  auto option = GenerateScenarios(StorageOf("propane", 1, HoldingState::kLiquefiedGas), Shipped().Data(), o);
  ASSERT_FALSE(option.ok());
  EXPECT_THAT(option.status().message(), HasSubstr("delayed_ignition_probability"));
}

BstCurves ShippedBst() { return Ok(ParseBstCurves(ReadData("blast/bst_curves_ccps_cpqra.csv"))); }

TEST(Scenarios, ThePurpleBook03BarRuleEndsWhereTheBstOverpressureIs03Bar) {
  const auto bst = ShippedBst();
  ModelRegistry registry;
  ASSERT_TRUE(RegisterFiresModels(registry, &bst).ok());
  ScenarioOptions o;
  o.overpressure_lethality = OverpressureLethality::kPurpleBook0_3Bar;
  ScenarioData data = Shipped().Data();
  const auto unit = StorageOf("propane", 20000, HoldingState::kLiquefiedGas);
  // Without the curves the holding is skipped, naming them.
  const auto without = Ok(GenerateScenarios(unit, data, o));
  ASSERT_EQ(without.skipped.size(), 1u);
  EXPECT_THAT(without.skipped[0].reason, HasSubstr("bst_curves"));
  data.bst_curves = &bst;
  const auto set = Ok(GenerateScenarios(unit, data, o));
  ASSERT_EQ(set.scenarios.size(), 3u);
  const json& table = set.scenarios[0].outcomes[1].effect;
  ASSERT_EQ(table["kind"], "lethality_table");
  const double r = table["distance_m"][1].get<double>();
  ASSERT_GT(r, 0.0);
  // The bst_blast model at r, with the cloud of the instantaneous release: 0.3 bar (bisection to 1e-9 in ln R').
  auto out = registry.Evaluate({{"model", "bst_blast"},
                                {"inputs",
                                 {{"fuel_mass_kg", 20000.0},
                                  {"heat_of_combustion_j_kg", *Shipped().substances.FindByName("propane")->lower_heating_value_j_kg},
                                  {"flame_mach_number", o.flame_mach_number},
                                  {"distance_m", r}}}});
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_NEAR((*out)["outputs"]["overpressure_pa"].get<double>(), o.lethal_overpressure_pa, 1e-6 * o.lethal_overpressure_pa);
}

TEST(Scenarios, GeneratedScenariosRunThroughTheStudy) {
  const auto& t = Shipped();
  const auto bst = ShippedBst();
  ModelRegistry registry;
  ASSERT_TRUE(RegisterFiresModels(registry, &bst).ok());
  ASSERT_TRUE(RegisterEffectsModels(registry, &t.toxic).ok());
  ASSERT_TRUE(RegisterDispersionModels(registry).ok());
  ASSERT_TRUE(RegisterSourceModels(registry, &t.substances).ok());
  const QraUnit unit = UnitOf("U3", UnitKind::kStorage, {Holding("propane", 20000, HoldingState::kLiquefiedGas),
                   Holding("ammonia", 10000, HoldingState::kLiquefiedGas),
                   Holding("toluene", 50000, HoldingState::kLiquid)});
  const auto set = Generate(unit);
  ASSERT_EQ(set.scenarios.size(), 9u);
  json study = {{"grid", {{"cell_m", 50.0}}},
                {"weather", json::array({{{"stability", "D"}, {"wind_speed_m_s", 5.0}, {"probability", 1.0},
                                          {"wind_rose", json(std::vector<double>(12, 1.0 / 12))}}})},
                {"installations", json::array({{{"id", unit.id}, {"scenarios", ScenariosJson(set.scenarios, 0, 0)}}})},
                {"points", json::array({{{"id", "near"}, {"x_m", 60.0}, {"y_m", 0.0}},
                                        {{"id", "far"}, {"x_m", 9000.0}, {"y_m", 9000.0}}})}};
  StudyOptions so;
  so.radial_samples = 60;
  so.downwind_samples = 30;
  so.crosswind_samples = 20;
  auto out = RunStudy(study, registry, so);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  const double near = (*out)["points"][0]["ir_per_yr"].get<double>();
  EXPECT_GT(near, 0.0);
  // At most the sum of the scenarios' frequencies (every outcome at P = 1).
  double total = 0;
  for (const auto& s : set.scenarios) total += s.frequency_per_yr * Sum(s);
  EXPECT_LE(near, total * (1 + 1e-9));
  EXPECT_LT((*out)["points"][1]["ir_per_yr"].get<double>(), near);
}

}  // namespace
}  // namespace chemsafe::qra
