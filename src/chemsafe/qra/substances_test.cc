// The substance table: the shipped data/qra/qra_substances.csv parses, its rows read as the file says
// (values compared with the file's own text, converted to SI), its Antoine constants agree with its
// DIPPR 101 boiling points, and malformed text fails with file:row:column.
#include "chemsafe/qra/substances.h"

#include <cmath>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

namespace chemsafe::qra {
namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

const SubstanceTable& Shipped() {
  static const SubstanceTable table = [] {
    const std::string text = ReadFile(CHEMSAFE_TEST_DATA_DIR "/qra/qra_substances.csv");
    EXPECT_FALSE(text.empty());
    auto parsed = ParseSubstanceTable(text, "qra_substances.csv");
    EXPECT_TRUE(parsed.ok()) << parsed.status().ToString();
    return parsed.ok() ? *parsed : SubstanceTable();
  }();
  return table;
}

TEST(SubstanceTable, ShippedFileParses) {
  // shared/data/qra/README.md: one row per substance (39).
  EXPECT_EQ(Shipped().substances().size(), 39u);
}

// Rows as written in the file: ammonia, 7664-41-7, NH3, 17.031 g/mol, Tb 239.75 K, Tc 405.6 K,
// Pc 11277472.5 Pa, LFL 0.15, UFL 0.336, no flash point, autoignition 903.15 K, Antoine 9.4854 /
// 926.132 / -32.98 over 193.03-254.31 K, 609.39 kg/m3 at 293.15 K, 1369.7 kJ/kg, LHV 18.623 MJ/kg.
TEST(SubstanceTable, AmmoniaRowInSi) {
  const Substance* nh3 = Shipped().FindByCas("7664-41-7");
  ASSERT_NE(nh3, nullptr);
  EXPECT_EQ(nh3, Shipped().FindByName("ammonia"));
  EXPECT_EQ(nh3, Shipped().FindByName("Ammonia"));
  EXPECT_EQ(nh3->formula, "NH3");
  EXPECT_DOUBLE_EQ(nh3->molar_mass_kg_mol, 0.017031);
  EXPECT_DOUBLE_EQ(*nh3->normal_boiling_point_k, 239.75);
  EXPECT_DOUBLE_EQ(*nh3->critical_pressure_pa, 11277472.5);
  EXPECT_DOUBLE_EQ(*nh3->lower_flammability_limit_volfrac, 0.15);
  EXPECT_FALSE(nh3->flash_point_k.has_value());  // blank: no data
  ASSERT_TRUE(nh3->antoine.has_value());
  EXPECT_DOUBLE_EQ(nh3->antoine->c, -32.98);
  EXPECT_DOUBLE_EQ(nh3->antoine->t_max_k, 254.31);
  EXPECT_DOUBLE_EQ(*nh3->liquid_density_kg_m3, 609.39);
  EXPECT_DOUBLE_EQ(*nh3->heat_of_vaporization_j_kg, 1369.7e3);
  EXPECT_DOUBLE_EQ(*nh3->lower_heating_value_j_kg, 18.623e6);
  EXPECT_EQ(nh3->flammability_source, "IEC 60079-20-1:2010");
}

TEST(SubstanceTable, QuotedNamesBlanksAndLookup) {
  auto butadiene = Shipped().Lookup("1,3-butadiene");  // quoted in the file: the comma is part of the name
  ASSERT_TRUE(butadiene.ok()) << butadiene.status().ToString();
  EXPECT_EQ((*butadiene)->cas, "106-99-0");
  EXPECT_FALSE((*butadiene)->lower_heating_value_j_kg.has_value());
  auto by_cas = Shipped().Lookup("100-42-5");
  ASSERT_TRUE(by_cas.ok());
  EXPECT_EQ((*by_cas)->name, "styrene");
  EXPECT_FALSE((*by_cas)->antoine.has_value());  // blank Antoine cells
  EXPECT_FALSE((*by_cas)->critical_temperature_k.has_value());
  EXPECT_EQ(AntoineVapourPressurePa(**by_cas, 300).status().code(), StatusCode::kFailedPrecondition);
  const Substance* chlorine = Shipped().FindByName("chlorine");
  ASSERT_NE(chlorine, nullptr);
  EXPECT_FALSE(chlorine->lower_flammability_limit_volfrac.has_value());
  EXPECT_TRUE(chlorine->flammability_source.empty());
  EXPECT_EQ(Shipped().Lookup("unobtainium").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(Shipped().FindByCas("7664-41-8"), nullptr);
}

// Toluene at 25 C: 3.79 kPa (CRC Handbook of Chemistry and Physics, vapour pressure of organic
// compounds, 28.4 mmHg). Tolerance 1 %. Outside the Antoine range: an error naming the range.
TEST(SubstanceTable, AntoineVapourPressure) {
  const Substance* toluene = Shipped().FindByName("toluene");
  ASSERT_NE(toluene, nullptr);
  auto p = AntoineVapourPressurePa(*toluene, 298.15);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_NEAR(*p, 3790, 0.01 * 3790);
  // log10 P = A - B/(T + C) exactly as tabulated (tolerance 1e-12 relative).
  EXPECT_NEAR(*p, std::pow(10.0, 9.05043 - 1327.62 / (298.15 - 55.525)), 1e-12 * *p);
  auto out = AntoineVapourPressurePa(*toluene, 450);
  EXPECT_EQ(out.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(out.status().message(), "temperature_k: 450 K is outside the Antoine range 286.44 to 409.61 K of toluene");
}

// Two independent correlations of the same file agree: the Antoine pressure at the DIPPR 101 normal
// boiling point is 1 atm within 1 % for every row that has both (hydrogen within 4 %: its Antoine fit is
// coarse at 20 K).
TEST(SubstanceTable, AntoineAgreesWithTheBoilingPoint) {
  int checked = 0;
  for (const Substance& s : Shipped().substances()) {
    if (!s.antoine || !s.normal_boiling_point_k) continue;
    auto p = AntoineVapourPressurePa(s, *s.normal_boiling_point_k);
    ASSERT_TRUE(p.ok()) << s.name << ": " << p.status().ToString();
    const double tolerance = s.name == "hydrogen" ? 0.04 : 0.01;
    EXPECT_NEAR(*p / 101325, 1.0, tolerance) << s.name;
    ++checked;
  }
  EXPECT_EQ(checked, 28);
}

TEST(SubstanceTable, LookupsByNameOrCas) {
  EXPECT_DOUBLE_EQ(*MolarMassKgMol(Shipped(), "74-98-6"), 0.044097);  // propane, 44.097 g/mol in the file
  EXPECT_DOUBLE_EQ(*MolarMassKgMol(Shipped(), "Propane"), 0.044097);
  EXPECT_EQ(MolarMassKgMol(Shipped(), "propanal").status().code(), StatusCode::kNotFound);
  // Propane at its DIPPR 101 boiling point 231.08 K: 1 atm within 0.05 % by its Antoine constants.
  auto p = AntoineVapourPressurePa(Shipped(), "propane", 231.08);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_NEAR(*p, 101325, 0.0005 * 101325);
}

constexpr std::string_view kHeader =
    "name,CAS,formula,MW_g_mol,Tb_K_dippr101,Tc_K,Pc_Pa,LFL_volfrac,UFL_volfrac,T_flash_K,T_autoign_K,"
    "flam_source,antoine_A,antoine_B,antoine_C,antoine_Tmin_K,antoine_Tmax_K,rho_liq_kg_m3,rho_liq_T_K,"
    "dHvap_Tb_kJ_kg,LHV_MJ_kg_atct\n";
constexpr std::string_view kGoodRow =
    "ammonia,7664-41-7,NH3,17.031,239.75,405.6,11277472.5,0.15,0.336,,903.15,IEC,9.4854,926.132,-32.98,"
    "193.03,254.31,609.39,293.15,1369.7,18.623\n";

std::string Table(std::string_view rows) { return "# comment\n" + std::string(kHeader) + std::string(rows); }

TEST(SubstanceTable, ErrorsNameFileRowAndColumn) {
  auto parse = [](const std::string& text) { return ParseSubstanceTable(text, "s.csv").status(); };
  ASSERT_TRUE(ParseSubstanceTable(Table(kGoodRow), "s.csv").ok());
  EXPECT_EQ(
      parse(Table("ammonia,7664-41-7,NH3,abc,239.75,405.6,11277472.5,0.15,0.336,,903.15,IEC,9.4854,926.132,-32.98,"
                  "193.03,254.31,609.39,293.15,1369.7,18.623\n"))
          .message(),
      "s.csv:3:4: MW_g_mol: \"abc\" is not a number");
  EXPECT_EQ(parse(Table("ammonia,7664-41-7,NH3,17.031\n")).message(), "s.csv:3:5: 4 cells, the header has 21");
  EXPECT_EQ(parse(Table(std::string(kGoodRow) + std::string(kGoodRow))).message(),
            "s.csv:4:2: CAS: 7664-41-7 appears twice");
  std::string bad_cas(kGoodRow);
  bad_cas.replace(bad_cas.find("7664-41-7"), 9, "7664-41-8");
  const Status cas = parse(Table(bad_cas));
  EXPECT_EQ(cas.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(cas.message().rfind("s.csv:3:2: CAS: ", 0), 0u) << cas.message();
  std::string half_antoine(kGoodRow);
  half_antoine.replace(half_antoine.find("-32.98"), 6, "");
  EXPECT_EQ(parse(Table(half_antoine)).message(), "s.csv:3:15: antoine_C: blank while other Antoine cells are filled");
  EXPECT_EQ(parse("name,CAS\n").message(), "s.csv:1:1: header: no column formula");
  EXPECT_EQ(parse(Table("\"ammonia,7664-41-7\n")).message(), "s.csv:3:1: the quoted cell does not end");
  EXPECT_EQ(parse("# only comments\n").message(), "s.csv: no header line");
}

TEST(SubstanceTable, ByteOrderMarkAndCrlf) {
  std::string text = "\xEF\xBB\xBF";
  for (char c : std::string(kHeader) + std::string(kGoodRow)) {
    if (c == '\n') text += '\r';
    text += c;
  }
  auto table = ParseSubstanceTable(text, "s.csv");
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  ASSERT_EQ(table->substances().size(), 1u);
  EXPECT_DOUBLE_EQ(*table->substances()[0].lower_heating_value_j_kg, 18.623e6);  // the last cell, before \r
}

}  // namespace
}  // namespace chemsafe::qra
