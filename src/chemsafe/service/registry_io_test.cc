// Registry import/export against the real SQLite store on a temp file (STYLE.md: no mocks).
#include "chemsafe/service/registry_io.h"

#include <iconv.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "chemsafe/core/geo.h"
#include "chemsafe/registry/validate.h"
#include "chemsafe/tabular/table_reader.h"
#include "chemsafe/tabular/table_writer.h"

namespace chemsafe::service {
namespace {

using ::testing::HasSubstr;

std::string MakeUscc(const std::string& first17) {
  auto check = Uscc::CheckCharacter(first17);
  EXPECT_TRUE(check.ok()) << first17;
  return first17 + *check;
}

class RegistryIoTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("chemsafe_io_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    divisions_.Add({"44", "广东省", "", 1});
    divisions_.Add({"4401", "广州市", "44", 2});
    divisions_.Add({"440112", "黄埔区", "4401", 3});
    divisions_.Add({"4403", "深圳市", "44", 2});
    divisions_.Add({"440305", "南山区", "4403", 3});
    AddChemical("7782-50-5", "氯", {"氯气"});
    AddChemical("7664-41-7", "氨", {"液氨", "氨气"});
    AddChemical("67-56-1", "甲醇", {});
    AddChemical("74-98-6", "丙烷", {});
    AddChemical("", "煤气", {});
    store_ = Open("main.db");
    uscc_a_ = MakeUscc("91440300MA5F00001");
    uscc_b_ = MakeUscc("91440112MA5F00002");
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  void AddChemical(const std::string& cas, const std::string& name, std::vector<std::string> aliases) {
    catalogue::Chemical c;
    c.key = cas.empty() ? name : cas;
    c.name_zh = name;
    c.aliases = std::move(aliases);
    if (!cas.empty()) c.cas_numbers = {cas};
    catalogue_.Add(std::move(c));
  }

  std::unique_ptr<store::RegistryStore> Open(const std::string& name) {
    auto s = store::OpenSqlite((dir_ / name).string());
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    return std::move(s).value();
  }

  std::string Write(const std::string& name, const std::string& bytes) {
    std::string path = (dir_ / name).string();
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
  }

  ImportReferences Refs() { return {divisions_, catalogue_}; }

  Result<ImportReport> Import(store::RegistryStore& s, std::vector<ImportSource> sources,
                              const ImportOptions& options = {}) {
    ImportOptions o = options;
    if (o.at.empty()) o.at = "2024-06-01T10:00:00+08:00";
    return ImportTables(s, Refs(), sources, o);
  }

  std::string EnterprisesCsv() {
    return "统一社会信用代码,企业名称,行政区划代码,地址,经度,纬度,经营活动,行业\n" + uscc_a_ +
           ",深圳某燃气有限公司,440305,南山区某路1号,113.93,22.53,储存、经营,城镇燃气\n" + uscc_b_ +
           ",广州某化工有限公司,440112,黄埔区某路2号,113.45,23.10,生产,化工\n";
  }
  std::string UnitsCsv() {
    return "统一社会信用代码,单元编码,单元名称,单元类型,经度,纬度,主要负责人,主要负责人电话\n" + uscc_a_ +
           ",CG-01,液化石油气储罐区,储存单元,113.931,22.531,张三,13800000000\n" + uscc_b_ +
           ",SC-01,氯化车间,生产单元,113.451,23.101,李四;王五,\n";
  }
  std::string HoldingsCsv() {
    return "统一社会信用代码,单元编码,CAS号,化学品名称,设计最大量,正常存量,物理状态,操作温度,操作压力\n" + uscc_a_ +
           ",CG-01,74-98-6,丙烷,\"1,200 吨\",800 吨,液化气体,25 ℃,1.6 MPa\n" + uscc_b_ +
           ",SC-01,7782-50-5,,800 kg,,液化气体,,\n" + uscc_b_ + ",SC-01,,甲醇,30 m³,,液态,,\n";
  }

  std::filesystem::path dir_;
  DivisionTable divisions_;
  catalogue::Catalogue catalogue_;
  std::unique_ptr<store::RegistryStore> store_;
  std::string uscc_a_, uscc_b_;
};

std::vector<std::string> ProblemTexts(const ImportReport& r) {
  std::vector<std::string> out;
  for (const auto& p : r.problems) out.push_back(p.ToString());
  return out;
}

// Acceptance (issue 2): an import with bad rows fails, reports each row and column, and leaves the
// database unchanged; the same file fixed imports; importing it twice changes nothing.
TEST_F(RegistryIoTest, BadRowsAreAllReportedAndNothingIsWritten) {
  std::string bad_uscc = uscc_a_.substr(0, 17) + (uscc_a_[17] == '0' ? '1' : '0');
  std::string good = ",深圳某燃气有限公司,440305,113.93,22.53,储存\n";
  std::string enterprises = "统一社会信用代码,企业名称,行政区划代码,经度,纬度,经营活动\n" +
                            uscc_b_ + ",广州某化工有限公司,440112,113.45,23.10,生产\n" +  // row 2: fine
                            bad_uscc + good +                                            // row 3: bad USCC
                            MakeUscc("91440300MA5F00003") + ",某公司,449999,113.93,22.53,储存\n" +  // row 4: division
                            MakeUscc("91440300MA5F00004") + ",某公司,440305,2.35,48.85,储存\n" +    // row 5: Paris
                            MakeUscc("91440300MA5F00005") + ",某公司,440305,abc,22.53,储存\n";      // row 6: text
  std::string holdings = "统一社会信用代码,单元编码,CAS号,设计最大量\n" + uscc_b_ + ",SC-01,7782-50-5,-5 吨\n";
  std::string units = "统一社会信用代码,单元编码,单元名称,单元类型\n" + uscc_b_ + ",SC-01,氯化车间,生产单元\n";
  std::string ep = Write("ent.csv", enterprises), up = Write("units.csv", units), hp = Write("hold.csv", holdings);

  auto before = store_->Summary();
  ASSERT_TRUE(before.ok());
  auto r = Import(*store_, {{RecordKind::kHoldings, hp}, {RecordKind::kEnterprises, ep}, {RecordKind::kUnits, up}});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_FALSE(r->ok());
  auto texts = ProblemTexts(*r);
  ASSERT_EQ(texts.size(), 5u) << ::testing::PrintToString(texts);
  EXPECT_THAT(texts[0], HasSubstr(ep + ":3:1: 统一社会信用代码: "));
  EXPECT_THAT(texts[1], HasSubstr(ep + ":4:3: 行政区划代码: "));
  EXPECT_THAT(texts[2], HasSubstr(ep + ":5:4: 经度: (2.35, 48.85)"));
  EXPECT_EQ(texts[3], ep + ":6:4: 经度: \"abc\" is not a number");
  EXPECT_EQ(texts[4], hp + ":2:4: 设计最大量: the quantity must be positive, not -5 吨");
  EXPECT_EQ(r->inserted, 0);

  // Nothing written, not even the good rows.
  auto after = store_->Summary();
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->enterprises, before->enterprises);
  EXPECT_EQ(after->units, before->units);
  EXPECT_EQ(after->holdings, before->holdings);
  EXPECT_FALSE(store_->FindEnterprise(uscc_b_)->has_value());

  // Fixed: imports.
  std::string fixed = "统一社会信用代码,企业名称,行政区划代码,经度,纬度,经营活动\n" + uscc_b_ +
                      ",广州某化工有限公司,440112,113.45,23.10,生产\n" + uscc_a_ + good;
  ep = Write("ent.csv", fixed);
  hp = Write("hold.csv", "统一社会信用代码,单元编码,CAS号,设计最大量\n" + uscc_b_ + ",SC-01,7782-50-5,5 吨\n");
  std::vector<ImportSource> sources = {{RecordKind::kEnterprises, ep}, {RecordKind::kUnits, up},
                                       {RecordKind::kHoldings, hp}};
  r = Import(*store_, sources);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r->ok()) << ::testing::PrintToString(ProblemTexts(*r));
  EXPECT_EQ(r->rows_read, 4);
  EXPECT_EQ(r->inserted, 4);
  EXPECT_EQ(store_->Summary()->holdings, before->holdings + 1);

  // Twice: nothing changes, and the holding keeps one version.
  ImportOptions later;
  later.at = "2024-07-01T10:00:00+08:00";
  r = Import(*store_, sources, later);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->ok());
  EXPECT_EQ(r->inserted, 0);
  EXPECT_EQ(r->updated, 0);
  EXPECT_EQ(r->unchanged, 4);
  auto unit = store_->FindUnit(uscc_b_, "SC-01");
  ASSERT_TRUE(unit.ok() && unit->has_value());
  EXPECT_EQ(store_->HoldingHistory((*unit)->id, "7782-50-5")->size(), 1u);
}

TEST_F(RegistryIoTest, CellsWithUnitsAndSeparatorsAreParsed) {
  auto r = Import(*store_, {{RecordKind::kEnterprises, Write("e.csv", EnterprisesCsv())},
                            {RecordKind::kUnits, Write("u.csv", UnitsCsv())},
                            {RecordKind::kHoldings, Write("h.csv", HoldingsCsv())}});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  // The methanol row declares 30 m³ without a density: refused at the quantity's row.
  ASSERT_EQ(r->problems.size(), 1u);
  EXPECT_THAT(r->problems[0].ToString(), HasSubstr("h.csv:4:"));
  EXPECT_THAT(r->problems[0].message, HasSubstr("density"));

  std::string with_density = "统一社会信用代码,单元编码,CAS号,化学品名称,设计最大量,密度,正常存量\n" + uscc_a_ +
                             ",CG-01,74-98-6,丙烷,\"1,200 吨\",,800 吨\n" + uscc_b_ + ",SC-01,7782-50-5,,800 kg,,\n" +
                             uscc_b_ + ",SC-01,,甲醇,30 m³,0.79 t/m³,\n";
  r = Import(*store_, {{RecordKind::kEnterprises, Write("e.csv", EnterprisesCsv())},
                       {RecordKind::kUnits, Write("u.csv", UnitsCsv())},
                       {RecordKind::kHoldings, Write("h.csv", with_density)}});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_TRUE(r->ok()) << ::testing::PrintToString(ProblemTexts(*r));
  auto a = store_->FindUnit(uscc_a_, "CG-01");
  auto b = store_->FindUnit(uscc_b_, "SC-01");
  ASSERT_TRUE(a.ok() && a->has_value() && b.ok() && b->has_value());
  auto ha = store_->HoldingsOfUnit((*a)->id);
  ASSERT_EQ(ha->size(), 1u);
  EXPECT_EQ((*ha)[0].chemical_key, "74-98-6");
  EXPECT_DOUBLE_EQ(*(*ha)[0].max_quantity_t, 1200);
  EXPECT_DOUBLE_EQ(*(*ha)[0].typical_quantity_t, 800);
  auto hb = store_->HoldingsOfUnit((*b)->id);
  ASSERT_EQ(hb->size(), 2u);
  for (const auto& h : *hb) {
    if (h.chemical_key == "7782-50-5") {
      EXPECT_DOUBLE_EQ(*h.max_quantity_t, 0.8);  // 800 kg
      EXPECT_EQ(h.chemical_name, "氯");          // from the catalogue when not declared
    } else {
      EXPECT_EQ(h.chemical_key, "67-56-1");      // resolved by name
      EXPECT_DOUBLE_EQ(*h.max_volume_m3, 30);
      EXPECT_DOUBLE_EQ(*h.density_t_m3, 0.79);
    }
  }
  ASSERT_EQ((*b)->responsible.size(), 2u);
  EXPECT_EQ((*b)->responsible[1].name, "王五");
}

TEST_F(RegistryIoTest, XlsxWithTitleRowsAliasesAndBlankTrailingRowsNamesColumnLetters) {
  std::string path = (dir_ / "e.xlsx").string();
  {
    auto w = tabular::CreateXlsxWriter(path);
    ASSERT_TRUE(w.ok());
    ASSERT_TRUE((*w)->WriteHeader({"2024年危险化学品企业信息表"}).ok());
    using tabular::Cell;
    ASSERT_TRUE((*w)->WriteRow({Cell::Text("填报单位: 南山区应急管理局")}).ok());
    ASSERT_TRUE((*w)->WriteRow({Cell::Text("序号"), Cell::Text("社会信用代码*"), Cell::Text("单位名称"),
                                Cell::Text("区划代码"), Cell::Text("活动类型"), Cell::Text("Longitude"),
                                Cell::Text("纬度（度）")}).ok());
    ASSERT_TRUE((*w)->WriteRow({Cell::Number(1), Cell::Text(uscc_a_), Cell::Text("深圳某燃气有限公司"),
                                Cell::Number(440305), Cell::Text("储存"), Cell::Number(113.93), Cell::Number(22.53)}).ok());
    ASSERT_TRUE((*w)->WriteRow({Cell::Number(2), Cell::Text(uscc_b_), Cell::Text("广州某化工有限公司"),
                                Cell::Number(440112), Cell::Text("炼钢"), Cell::Number(113.45), Cell::Number(23.1)}).ok());
    ASSERT_TRUE((*w)->WriteRow({Cell::Empty(), Cell::Text(" ")}).ok());
    ASSERT_TRUE((*w)->WriteRow({}).ok());
    ASSERT_TRUE((*w)->Close().ok());
  }
  auto r = Import(*store_, {{RecordKind::kEnterprises, path}});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->problems.size(), 1u);
  EXPECT_THAT(r->problems[0].ToString(), HasSubstr("e.xlsx:5:E: 活动类型: \"炼钢\" is not one of"));
  EXPECT_EQ(r->rows_read, 2);
}

TEST_F(RegistryIoTest, GbkCsvFromExcelImports) {
  std::string utf8 = EnterprisesCsv();
  iconv_t cd = iconv_open("GBK", "UTF-8");
  std::string gbk(utf8.size() * 2, '\0');
  char* in = utf8.data();
  size_t in_left = utf8.size(), out_left = gbk.size();
  char* out = gbk.data();
  ASSERT_NE(iconv(cd, &in, &in_left, &out, &out_left), static_cast<size_t>(-1));
  iconv_close(cd);
  gbk.resize(gbk.size() - out_left);
  auto r = Import(*store_, {{RecordKind::kEnterprises, Write("gbk.csv", gbk)}});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_TRUE(r->ok()) << ::testing::PrintToString(ProblemTexts(*r));
  auto e = store_->FindEnterprise(uscc_a_);
  ASSERT_TRUE(e.ok() && e->has_value());
  EXPECT_EQ((*e)->name, "深圳某燃气有限公司");
  EXPECT_EQ((*e)->sector, registry::Sector::kTownGas);
}

TEST_F(RegistryIoTest, Gcj02InputIsConvertedToWgs84) {
  ImportOptions gcj02;
  gcj02.crs = InputCrs::kGcj02;
  auto r = Import(*store_, {{RecordKind::kEnterprises, Write("e.csv", EnterprisesCsv())}}, gcj02);
  ASSERT_TRUE(r.ok() && r->ok());
  auto e = store_->FindEnterprise(uscc_a_);
  ASSERT_TRUE(e.ok() && e->has_value() && (*e)->location);
  LonLat expected = Gcj02ToWgs84({113.93, 22.53});
  EXPECT_NEAR((*e)->location->lon_deg, expected.lon_deg, 1e-9);
  EXPECT_NEAR((*e)->location->lat_deg, expected.lat_deg, 1e-9);
  // The offset in Shenzhen is a few hundred metres, so the conversion did happen.
  EXPECT_GT(DistanceM(*(*e)->location, {113.93, 22.53}), 100);
}

TEST_F(RegistryIoTest, MissingColumnsAndDuplicateKeysAreReported) {
  auto r = Import(*store_, {{RecordKind::kEnterprises, Write("e.csv", "统一社会信用代码,企业名称\n" + uscc_a_ + ",x\n")}});
  ASSERT_TRUE(r.ok());
  auto texts = ProblemTexts(*r);
  EXPECT_THAT(texts, ::testing::Contains(HasSubstr("e.csv:1: the required column 行政区划代码 is missing")));
  std::string dup = EnterprisesCsv() + uscc_a_ + ",深圳某燃气有限公司,440305,,113.93,22.53,储存,\n";
  r = Import(*store_, {{RecordKind::kEnterprises, Write("d.csv", dup)}});
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->problems.size(), 1u);
  EXPECT_THAT(r->problems[0].ToString(), HasSubstr("d.csv:4:1: 统一社会信用代码: " + uscc_a_ + " appears again (first on row 2)"));
  r = Import(*store_, {{RecordKind::kUnits, Write("u.csv", UnitsCsv())}});
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->problems.size(), 2u) << ::testing::PrintToString(ProblemTexts(*r));
  EXPECT_THAT(r->problems[0].message, HasSubstr("no enterprise"));
  EXPECT_EQ(Import(*store_, {{RecordKind::kUnits, (dir_ / "none.csv").string()}}).status().code(),
            StatusCode::kNotFound);
}

TEST_F(RegistryIoTest, ExportThenImportIntoAFreshDatabaseYieldsTheSameRecords) {
  std::string targets = "目标编码,名称,防护目标类别,类型,行政区划代码,经度,纬度,白天人数,夜间人数,范围\n"
                        "PT-1,某某小学,高敏感防护目标,学校,440305,113.95,22.54,1200,50,"
                        "\"POLYGON((113.95 22.54, 113.951 22.54, 113.951 22.541, 113.95 22.54))\"\n";
  std::string units = UnitsCsv();
  units.insert(units.find('\n'), ",边界,重点监管危险化工工艺");
  units.insert(units.find("13800000000") + 11, ",\"POLYGON((113.93 22.53, 113.94 22.53, 113.94 22.54, 113.93 22.53))\",");
  units.insert(units.rfind('\n'), ",,氯化工艺");
  std::string enterprises = "统一社会信用代码,企业名称,行政区划代码,经度,纬度,经营活动,许可证类型,许可证编号,许可证有效期起,许可证有效期止\n" +
                            uscc_a_ + ",深圳某燃气有限公司,440305,113.93,22.53,储存、经营,甲证;乙证,A-1;B-2,2024-01-01;2024/2/1,2026-12-31;2027-01-31\n" +
                            uscc_b_ + ",广州某化工有限公司,440112,,,生产,,,,\n";
  std::string holdings = "统一社会信用代码,单元编码,CAS号,化学品名称,设计最大量,密度,正常存量,物理状态,操作温度,操作压力,GB18218类别\n" +
                         uscc_a_ + ",CG-01,74-98-6,丙烷,1200,,800,液化气体,25,1.6,\n" + uscc_b_ +
                         ",SC-01,,煤气,30 m³,0.0007,,气态,,,W2\n";
  std::vector<ImportSource> sources = {{RecordKind::kEnterprises, Write("e.csv", enterprises)},
                                       {RecordKind::kUnits, Write("u.csv", units)},
                                       {RecordKind::kHoldings, Write("h.csv", holdings)},
                                       {RecordKind::kProtectedTargets, Write("t.csv", targets)}};
  auto r = Import(*store_, sources);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_TRUE(r->ok()) << ::testing::PrintToString(ProblemTexts(*r));
  ASSERT_EQ(r->inserted, 7);

  for (ExportFormat format : {ExportFormat::kCsv, ExportFormat::kXlsx}) {
    std::string ext = format == ExportFormat::kCsv ? ".csv" : ".xlsx";
    std::vector<ImportSource> exported;
    for (RecordKind kind : {RecordKind::kEnterprises, RecordKind::kUnits, RecordKind::kHoldings,
                            RecordKind::kProtectedTargets}) {
      std::string path = (dir_ / (std::string(RecordKindName(kind)) + "_out" + ext)).string();
      auto n = ExportRecords(*store_, kind, format, path);
      ASSERT_TRUE(n.ok()) << n.status().ToString();
      exported.push_back({kind, path});
    }
    auto fresh = Open("fresh" + ext + ".db");
    auto again = Import(*fresh, exported);
    ASSERT_TRUE(again.ok()) << again.status().ToString();
    ASSERT_TRUE(again->ok()) << ::testing::PrintToString(ProblemTexts(*again));
    EXPECT_EQ(again->inserted, 7);

    for (const std::string& uscc : {uscc_a_, uscc_b_}) {
      auto x = store_->FindEnterprise(uscc), y = fresh->FindEnterprise(uscc);
      ASSERT_TRUE(x.ok() && y.ok() && x->has_value() && y->has_value());
      EXPECT_TRUE(registry::SameContent(**x, **y)) << uscc << ext;
      auto ux = store_->UnitsOfEnterprise((*x)->id), uy = fresh->UnitsOfEnterprise((*y)->id);
      ASSERT_EQ(ux->size(), uy->size());
      for (std::size_t i = 0; i < ux->size(); ++i) {
        EXPECT_TRUE(registry::SameContent((*ux)[i], (*uy)[i])) << (*ux)[i].code << ext;
        auto hx = store_->HoldingsOfUnit((*ux)[i].id), hy = fresh->HoldingsOfUnit((*uy)[i].id);
        ASSERT_EQ(hx->size(), hy->size());
        for (std::size_t k = 0; k < hx->size(); ++k) {
          EXPECT_TRUE(registry::SameContent((*hx)[k], (*hy)[k])) << (*hx)[k].chemical_key << ext;
        }
      }
    }
    auto tx = store_->ListProtectedTargets(), ty = fresh->ListProtectedTargets();
    ASSERT_EQ(tx->size(), 1u);
    ASSERT_EQ(ty->size(), 1u);
    EXPECT_TRUE(registry::SameContent((*tx)[0], (*ty)[0]));
  }
}

TEST_F(RegistryIoTest, GeoJsonExportIsAFeatureCollectionOfPoints) {
  auto r = Import(*store_, {{RecordKind::kEnterprises, Write("e.csv", EnterprisesCsv())},
                            {RecordKind::kUnits, Write("u.csv", UnitsCsv())}});
  ASSERT_TRUE(r.ok() && r->ok());
  std::string path = (dir_ / "u.geojson").string();
  auto n = ExportRecords(*store_, RecordKind::kUnits, ExportFormat::kGeoJson, path);
  ASSERT_TRUE(n.ok()) << n.status().ToString();
  EXPECT_EQ(*n, 2);
  std::ifstream in(path);
  auto doc = nlohmann::json::parse(in);
  EXPECT_EQ(doc["type"], "FeatureCollection");
  ASSERT_EQ(doc["features"].size(), 2u);
  const auto& f = doc["features"][0];
  EXPECT_EQ(f["geometry"]["type"], "Point");
  EXPECT_EQ(f["geometry"]["coordinates"].size(), 2u);
  double lon = f["geometry"]["coordinates"][0];
  EXPECT_TRUE(lon > 113 && lon < 114);  // [lon, lat] order, RFC 7946 §3.1.1
  EXPECT_TRUE(f["properties"].contains("unit_code"));
}

TEST_F(RegistryIoTest, TemplateHasTheHeadersAndAnExplanationSheet) {
  std::string path = (dir_ / "t.xlsx").string();
  ASSERT_TRUE(WriteTemplate(RecordKind::kHoldings, path).ok());
  auto reader = tabular::OpenTable(path);
  ASSERT_TRUE(reader.ok());
  tabular::Row row;
  ASSERT_TRUE(*(*reader)->Next(row));
  EXPECT_EQ(row.cells[0], "统一社会信用代码");
  EXPECT_THAT(row.cells, ::testing::Contains("设计最大量"));
  EXPECT_FALSE(*(*reader)->Next(row));
  auto help = tabular::OpenTable(path, {.sheet = "填写说明"});
  ASSERT_TRUE(help.ok()) << help.status().ToString();
  int rows = 0;
  while (*(*help)->Next(row)) ++rows;
  EXPECT_EQ(rows, 1 + 13);  // header + one row per holdings column
  // An empty template imports as an empty table.
  auto r = Import(*store_, {{RecordKind::kHoldings, path}});
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->ok());
  EXPECT_EQ(r->rows_read, 0);
}

TEST_F(RegistryIoTest, SyntheticHoldingsImportWithProgress) {
  catalogue_ = catalogue::Catalogue();
  AddChemical("7782-50-5", "氯", {});
  AddChemical("7664-41-7", "氨", {});
  AddChemical("67-56-1", "甲醇", {});
  auto units = CreateSyntheticUnits(*store_, divisions_, 20, 10, 7);
  ASSERT_TRUE(units.ok()) << units.status().ToString();
  ASSERT_EQ(units->size(), 200u);
  std::string path = (dir_ / "syn.csv").string();
  EXPECT_EQ(WriteSyntheticHoldingsCsv(path, *units, catalogue_, {.rows = 601, .seed = 3}).code(),
            StatusCode::kInvalidArgument);  // 200 units x 3 chemicals = 600 pairs
  ASSERT_TRUE(WriteSyntheticHoldingsCsv(path, *units, catalogue_, {.rows = 600, .seed = 3}).ok());
  std::int64_t last_rows = 0;
  std::uint64_t last_bytes = 0, total = 0;
  ImportOptions options;
  options.progress_every_rows = 100;
  options.on_progress = [&](const ImportProgress& p) {
    EXPECT_GE(p.rows_done, last_rows);
    last_rows = p.rows_done;
    last_bytes = p.bytes_done;
    total = p.bytes_total;
  };
  auto r = Import(*store_, {{RecordKind::kHoldings, path}}, options);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_TRUE(r->ok()) << ::testing::PrintToString(ProblemTexts(*r));
  EXPECT_EQ(r->inserted, 600);
  EXPECT_EQ(last_rows, 600);
  EXPECT_EQ(last_bytes, total);
  EXPECT_EQ(total, std::filesystem::file_size(path));
  EXPECT_EQ(store_->Summary()->holdings, 600);
}

// Holdings are written on the store's thread while the file is still being validated (several batches of
// 2,048 rows are in the database before the last row is read): a bad last row must still leave nothing.
TEST_F(RegistryIoTest, ABadRowAfterManyWrittenBatchesStillWritesNothing) {
  catalogue_ = catalogue::Catalogue();
  AddChemical("7782-50-5", "氯", {});
  AddChemical("7664-41-7", "氨", {});
  AddChemical("67-56-1", "甲醇", {});
  auto units = CreateSyntheticUnits(*store_, divisions_, 400, 10, 11);
  ASSERT_TRUE(units.ok()) << units.status().ToString();
  std::string path = (dir_ / "syn.csv").string();
  ASSERT_TRUE(WriteSyntheticHoldingsCsv(path, *units, catalogue_, {.rows = 12000, .seed = 5}).ok());
  std::ifstream in(path, std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  in.close();
  const std::string bad_row = units->front().enterprise_uscc + "," + units->front().unit_code + ",7782-50-5\n";
  // The header's first columns are 统一社会信用代码, 单元编码, CAS号 in the synthetic file; appending the
  // same unit and chemical again makes the last row a duplicate key.
  Write("syn.csv", text + bad_row);
  auto r = Import(*store_, {{RecordKind::kHoldings, path}});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_FALSE(r->ok());
  // Only the appended row is reported (it is a repeated key, and it lacks a quantity).
  for (const auto& p : r->problems) EXPECT_EQ(p.row, 12002) << p.ToString();
  EXPECT_THAT(ProblemTexts(*r), ::testing::Contains(HasSubstr("appears again")));
  EXPECT_EQ(r->inserted, 0);
  EXPECT_EQ(store_->Summary()->holdings, 0);
}

TEST_F(RegistryIoTest, TestdataFilesImportAndTheBadOnesReportWhatIsExpected) {
  const std::string dir = std::string(CHEMSAFE_TESTDATA_DIR) + "/import/";
  auto r = Import(*store_, {{RecordKind::kHoldings, dir + "holdings.csv"},
                            {RecordKind::kUnits, dir + "units.csv"},
                            {RecordKind::kEnterprises, dir + "enterprises.csv"}});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_TRUE(r->ok()) << ::testing::PrintToString(ProblemTexts(*r));
  EXPECT_EQ(r->inserted, 6);

  auto fresh = Open("bad.db");
  r = Import(*fresh, {{RecordKind::kEnterprises, dir + "enterprises_bad.csv"},
                      {RecordKind::kUnits, dir + "units_for_bad.csv"},
                      {RecordKind::kHoldings, dir + "holdings_bad.csv"}});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  std::ifstream expected_file(dir + "bad.expected");
  std::vector<std::string> expected;
  for (std::string line; std::getline(expected_file, line);) {
    if (!line.empty()) expected.push_back(line);
  }
  auto texts = ProblemTexts(*r);
  ASSERT_EQ(texts.size(), expected.size()) << ::testing::PrintToString(texts);
  for (std::size_t i = 0; i < texts.size(); ++i) {
    EXPECT_THAT(texts[i].substr(dir.size()), ::testing::StartsWith(expected[i]));
  }
  EXPECT_EQ(fresh->Summary()->enterprises, 0);
  EXPECT_EQ(fresh->Summary()->units, 0);
}

}  // namespace
}  // namespace chemsafe::service

namespace chemsafe::service {
namespace {

// A scoped import (the platform's API: a city officer may change the records of their city only) reports
// every row outside the scope and writes nothing; inside it, it writes, and the commit hook runs in the
// same transaction (a hook that fails undoes the import).
class ScopedImportTest : public RegistryIoTest {};

TEST_F(ScopedImportTest, RowsOutsideTheScopeAreProblemsAndNothingIsWritten) {
  ASSERT_TRUE(Import(*store_, {{RecordKind::kEnterprises, Write("e.csv", EnterprisesCsv())},
                               {RecordKind::kUnits, Write("u.csv", UnitsCsv())}})->ok());
  ImportOptions shenzhen;
  shenzhen.may_write = [](std::string_view, std::string_view division) { return division.rfind("4403", 0) == 0; };
  auto r = Import(*store_, {{RecordKind::kHoldings, Write("h.csv", HoldingsCsv())}}, shenzhen);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_FALSE(r->ok());
  // The two rows of the Guangzhou enterprise (rows 3 and 4), not the Shenzhen one (row 2).
  std::vector<int> outside;
  for (const auto& p : r->problems) {
    if (p.message.find("outside what you may change") != std::string::npos) outside.push_back(p.row);
    EXPECT_NE(p.row, 2) << p.ToString();
  }
  EXPECT_EQ(outside, (std::vector<int>{3, 4}));
  auto unit_a = store_->FindUnit(uscc_a_, "CG-01");
  ASSERT_TRUE(unit_a.ok() && unit_a->has_value());
  EXPECT_TRUE(store_->HoldingsOfUnit((*unit_a)->id)->empty());
  // Moving a Guangzhou enterprise into Shenzhen is a change outside the scope too.
  auto moved = Import(*store_, {{RecordKind::kEnterprises,
                                 Write("m.csv", "统一社会信用代码,企业名称,行政区划代码,经营活动,行业\n" + uscc_b_ +
                                                    ",广州某化工有限公司,440305,生产,化工\n")}},
                      shenzhen);
  ASSERT_TRUE(moved.ok());
  EXPECT_EQ(moved->problems.size(), 1u);
}

TEST_F(ScopedImportTest, TheCommitHookRunsInTheTransaction) {
  ImportOptions o;
  int called = 0;
  o.before_commit = [&](store::RegistryWriter&, const ImportReport& report) {
    ++called;
    EXPECT_EQ(report.inserted, 2);
    return Internal("the audit record could not be written");
  };
  auto r = Import(*store_, {{RecordKind::kEnterprises, Write("e.csv", EnterprisesCsv())}}, o);
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(called, 1);
  EXPECT_FALSE(store_->FindEnterprise(uscc_a_)->has_value());  // undone with the failed hook
}

}  // namespace
}  // namespace chemsafe::service
