#include "chemsafe/service/demo.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>

#include <unistd.h>

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "chemsafe/core/ids.h"
#include "chemsafe/reference/catalogue_files.h"
#include "chemsafe/reference/divisions.h"
#include "chemsafe/registry/validate.h"
#include "chemsafe/tabular/table_reader.h"

namespace chemsafe::service {
namespace {

using registry::Provenance;

struct Reference {
  DivisionTable divisions;
  std::vector<reference::AreaBoundary> counties;
};

const Reference& Ref() {
  static const Reference* ref = [] {
    auto* r = new Reference;
    auto d = reference::LoadDivisionTable(CHEMSAFE_TEST_DATA_DIR);
    auto c = reference::LoadGuangdongCounties(CHEMSAFE_TEST_DATA_DIR);
    EXPECT_TRUE(d.ok()) << d.status().ToString();
    EXPECT_TRUE(c.ok()) << c.status().ToString();
    if (d.ok()) r->divisions = std::move(d).value();
    if (c.ok()) r->counties = std::move(c).value();
    return r;
  }();
  return *ref;
}

DemoInputs Inputs() {
  DemoInputs in;
  in.divisions = &Ref().divisions;
  in.counties = &Ref().counties;
  return in;
}

class DemoTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           fmt::format("chemsafe_demo_{}_{}", ::getpid(),
                       ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::unique_ptr<store::RegistryStore> Open(const std::string& name) {
    auto s = store::OpenSqlite((dir_ / name).string());
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    return s.ok() ? std::move(s).value() : nullptr;
  }

  std::filesystem::path dir_;
};

// Every record of the store as text (without store ids), in natural-key order.
std::string Dump(store::RegistryStore& s) {
  std::ostringstream out;
  auto ll = [](const std::optional<LonLat>& p) {
    return p ? fmt::format("{:.7f},{:.7f}", p->lon_deg, p->lat_deg) : std::string("-");
  };
  EXPECT_TRUE(s.ForEachEnterprise([&](const registry::Enterprise& e) {
                 out << "E " << e.uscc << '|' << e.name << '|' << e.legal_representative << '|' << e.division_code
                     << '|' << e.address << '|' << ll(e.location) << '|' << static_cast<int>(e.sector) << '|'
                     << e.park_code << '|' << static_cast<int>(e.provenance) << '|';
                 for (auto a : e.activities) out << static_cast<int>(a) << ',';
                 for (const auto& l : e.licences) out << l.type << l.number << l.valid_from << l.valid_to << ';';
                 out << '\n';
                 return Status::Ok();
               }).ok());
  EXPECT_TRUE(s.ForEachUnit([&](const registry::Unit& u) {
                 out << "U " << u.enterprise_uscc << '|' << u.code << '|' << u.name << '|' << static_cast<int>(u.kind)
                     << '|' << ll(u.location) << '|' << u.declared_exposed_people.value_or(-1) << '|';
                 for (const auto& p : u.responsible) out << static_cast<int>(p.role) << p.name << p.phone << ';';
                 for (const auto& k : u.key_processes) out << k << ';';
                 out << '\n';
                 return Status::Ok();
               }).ok());
  EXPECT_TRUE(s.ForEachCurrentHolding([&](const registry::Holding& h) {
                 out << "H " << h.enterprise_uscc << '|' << h.unit_code << '|' << h.chemical_key << '|'
                     << h.chemical_name << '|' << h.max_quantity_t.value_or(-1) << '|'
                     << h.typical_quantity_t.value_or(-1) << '|' << static_cast<int>(h.state) << '|'
                     << h.temperature_c.value_or(-999) << '|' << h.pressure_mpa.value_or(-1) << '|' << h.valid_from
                     << '\n';
                 return Status::Ok();
               }).ok());
  auto targets = s.ListProtectedTargets();
  EXPECT_TRUE(targets.ok());
  if (targets.ok()) {
    for (const auto& t : *targets) {
      out << "T " << t.code << '|' << t.name << '|' << static_cast<int>(t.target_class) << '|' << t.kind << '|'
          << t.division_code << '|' << ll(t.location) << '|' << t.day_population << '|' << t.night_population
          << '\n';
    }
  }
  auto parks = s.ListParks();
  EXPECT_TRUE(parks.ok());
  if (parks.ok()) {
    for (const auto& p : *parks) out << "P " << p.code << '|' << p.name << '|' << p.division_code << '\n';
  }
  return out.str();
}

TEST_F(DemoTest, SameSeedSameProvinceOtherSeedOtherProvince) {
  DemoOptions options;
  options.seed = 7;
  options.enterprises = 150;
  auto a = Open("a.db");
  auto b = Open("b.db");
  auto c = Open("c.db");
  ASSERT_TRUE(a && b && c);
  auto ra = GenerateDemoProvince(options, Inputs(), *a);
  auto rb = GenerateDemoProvince(options, Inputs(), *b);
  options.seed = 8;
  auto rc = GenerateDemoProvince(options, Inputs(), *c);
  ASSERT_TRUE(ra.ok()) << ra.status().ToString();
  ASSERT_TRUE(rb.ok() && rc.ok());
  const std::string da = Dump(*a);
  EXPECT_GT(da.size(), 10000u);
  EXPECT_EQ(da, Dump(*b));
  EXPECT_NE(da, Dump(*c));
  EXPECT_EQ(ra->units, rb->units);
  EXPECT_EQ(ra->holdings, rb->holdings);
}

TEST_F(DemoTest, RegeneratingIsIdempotent) {
  DemoOptions options;
  options.enterprises = 60;
  auto s = Open("re.db");
  ASSERT_TRUE(s);
  ASSERT_TRUE(GenerateDemoProvince(options, Inputs(), *s).ok());
  const std::string first = Dump(*s);
  ASSERT_TRUE(GenerateDemoProvince(options, Inputs(), *s).ok());
  EXPECT_EQ(first, Dump(*s));
  auto summary = s->Summary();
  ASSERT_TRUE(summary.ok());
  EXPECT_EQ(summary->enterprises, 60);
}

class GeneratedProvinceTest : public DemoTest {
 protected:
  void SetUp() override {
    DemoTest::SetUp();
    store_ = Open("p.db");
    ASSERT_TRUE(store_);
    DemoOptions options;
    options.enterprises = 400;
    auto r = GenerateDemoProvince(options, Inputs(), *store_, [&](std::int64_t done, std::int64_t total) {
      progress_.emplace_back(done, total);
    });
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    report_ = *r;
  }
  std::unique_ptr<store::RegistryStore> store_;
  DemoReport report_;
  std::vector<std::pair<std::int64_t, std::int64_t>> progress_;
};

TEST_F(GeneratedProvinceTest, ReportMatchesTheStore) {
  auto s = store_->Summary();
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(report_.enterprises, 400);
  EXPECT_EQ(s->enterprises, report_.enterprises);
  EXPECT_EQ(s->synthetic_enterprises, report_.enterprises);
  EXPECT_EQ(s->units, report_.units);
  EXPECT_EQ(s->holdings, report_.holdings);
  EXPECT_EQ(s->protected_targets, report_.protected_targets);
  EXPECT_EQ(s->parks, report_.parks);
  EXPECT_GT(report_.units, report_.enterprises);
  EXPECT_GT(report_.holdings, report_.units);
  EXPECT_GT(report_.protected_targets, report_.enterprises / 2);
  EXPECT_GE(report_.parks, 5);
  // Several cities and most sectors are represented.
  EXPECT_GE(s->enterprises_by_city.size(), 15u);
  EXPECT_GE(s->enterprises_by_sector.size(), 6u);
}

TEST_F(GeneratedProvinceTest, ProgressRunsToTheTotal) {
  ASSERT_FALSE(progress_.empty());
  EXPECT_EQ(progress_.front(), std::make_pair(std::int64_t{0}, std::int64_t{400}));
  EXPECT_EQ(progress_.back(), std::make_pair(std::int64_t{400}, std::int64_t{400}));
  EXPECT_TRUE(std::is_sorted(progress_.begin(), progress_.end()));
}

TEST_F(GeneratedProvinceTest, EnterprisesLieInsideTheirCountyPolygons) {
  std::map<std::string, const reference::AreaBoundary*> by_code;
  for (const auto& c : Ref().counties) by_code[c.adcode] = &c;
  int checked = 0;
  ASSERT_TRUE(store_->ForEachEnterprise([&](const registry::Enterprise& e) {
                      auto it = by_code.find(e.division_code);
                      EXPECT_NE(it, by_code.end()) << e.uscc << " " << e.division_code;
                      EXPECT_TRUE(e.location.has_value()) << e.uscc;
                      if (it != by_code.end() && e.location) {
                        EXPECT_TRUE(Contains(it->second->area_wgs84, *e.location))
                            << e.uscc << " at " << e.location->lon_deg << "," << e.location->lat_deg
                            << " not in " << it->second->name;
                      }
                      ++checked;
                      return Status::Ok();
                    }).ok());
  EXPECT_EQ(checked, 400);
}

TEST_F(GeneratedProvinceTest, EverythingIsSyntheticMarkedAndValid) {
  const DivisionTable& divisions = Ref().divisions;
  std::vector<registry::FieldProblem> problems;
  ASSERT_TRUE(store_->ForEachEnterprise([&](const registry::Enterprise& e) {
                      EXPECT_EQ(e.provenance, Provenance::kSynthetic) << e.uscc;
                      EXPECT_TRUE(Uscc::Parse(e.uscc).ok()) << e.uscc;
                      EXPECT_TRUE(IsDemoUscc(e.uscc)) << e.uscc;
                      EXPECT_TRUE(e.name.ends_with("（演示）")) << e.name;
                      registry::ValidateEnterprise(e, divisions, problems);
                      return Status::Ok();
                    }).ok());
  ASSERT_TRUE(store_->ForEachUnit([&](const registry::Unit& u) {
                      EXPECT_EQ(u.provenance, Provenance::kSynthetic) << u.enterprise_uscc << u.code;
                      registry::ValidateUnit(u, problems);
                      return Status::Ok();
                    }).ok());
  ASSERT_TRUE(store_->ForEachCurrentHolding([&](const registry::Holding& h) {
                      EXPECT_EQ(h.provenance, Provenance::kSynthetic) << h.enterprise_uscc << h.unit_code;
                      registry::ValidateHolding(h, problems);
                      return Status::Ok();
                    }).ok());
  auto targets = store_->ListProtectedTargets();
  ASSERT_TRUE(targets.ok());
  for (const auto& t : *targets) {
    EXPECT_EQ(t.provenance, Provenance::kSynthetic) << t.code;
    EXPECT_TRUE(t.name.ends_with("（演示）")) << t.name;
    EXPECT_GE(t.day_population + t.night_population, 1) << t.code;
    registry::ValidateProtectedTarget(t, divisions, problems);
  }
  auto parks = store_->ListParks();
  ASSERT_TRUE(parks.ok());
  for (const auto& p : *parks) {
    EXPECT_EQ(p.provenance, Provenance::kSynthetic) << p.code;
    EXPECT_TRUE(p.name.ends_with("（演示）")) << p.name;
  }
  for (const auto& p : problems) ADD_FAILURE() << p.field << ": " << p.message;
}

// GB 18218-2018 Table 1 critical quantities by CAS, read from the shipped transcription (data/), so
// that this check is independent of the generator's own table.
std::map<std::string, double> Table1ByCas() {
  std::map<std::string, double> q;
  auto reader = tabular::OpenCsv(std::string(CHEMSAFE_TEST_DATA_DIR) +
                                 "/gb18218_2018/gb18218_2018_table1_named_substances.csv");
  EXPECT_TRUE(reader.ok());
  if (!reader.ok()) return q;
  tabular::Row row;
  bool header = true;
  while (true) {
    auto more = (*reader)->Next(row);
    if (!more.ok() || !*more) break;
    if (header) {
      header = false;
      continue;
    }
    // cas cells: "7664-41-7" or "74-82-8(甲烷);8006-14-2(天然气)"
    std::string cell = row.cells[3];
    size_t start = 0;
    while (start < cell.size()) {
      size_t end = cell.find(';', start);
      if (end == std::string::npos) end = cell.size();
      std::string cas = cell.substr(start, end - start);
      cas = cas.substr(0, cas.find('('));
      if (!cas.empty() && !q.contains(cas)) q[cas] = std::stod(row.cells[4]);  // first row wins (硝酸铵 5 t)
      start = end + 1;
    }
  }
  return q;
}

TEST_F(GeneratedProvinceTest, QuantitiesSpanTheCriticalQuantities) {
  const auto q = Table1ByCas();
  ASSERT_EQ(q.at("7782-50-5"), 5.0);  // GB 18218-2018 Table 1 row 12 (chlorine)
  std::map<std::pair<std::string, std::string>, double> ratio;  // (uscc, unit) -> Σ q/Q over Table 1 rows
  std::set<std::string> chemicals;
  ASSERT_TRUE(store_->ForEachCurrentHolding([&](const registry::Holding& h) {
                      chemicals.insert(h.chemical_key);
                      auto it = q.find(h.chemical_key);
                      auto& r = ratio[{h.enterprise_uscc, h.unit_code}];
                      if (it != q.end()) r += h.max_quantity_t.value_or(0) / it->second;
                      return Status::Ok();
                    }).ok());
  const auto above = std::count_if(ratio.begin(), ratio.end(), [](const auto& kv) { return kv.second >= 1.0; });
  const auto below = std::count_if(ratio.begin(), ratio.end(), [](const auto& kv) { return kv.second < 1.0; });
  EXPECT_GT(above, 20);
  EXPECT_GT(below, above);  // most units are not major hazard installations
  // The named chemicals all appear.
  for (const char* cas : {"68476-85-7", "7782-50-5", "7664-41-7", "67-56-1", "86290-81-5", "71-43-2", "6484-52-2",
                          "143-33-9"}) {
    EXPECT_TRUE(chemicals.contains(cas)) << cas;
  }
}

TEST(DemoChemicalKeysTest, AreValidCasNumbers) {
  const auto keys = DemoChemicalKeys();
  EXPECT_GE(keys.size(), 10u);
  for (const auto& k : keys) EXPECT_TRUE(Cas::Parse(k).ok()) << k;
}

// Every chemical the demo can place is an entry of the shipped catalogue (holdings are keyed by
// catalogue::Chemical::key), so that identification and the CLI find them.
TEST(DemoChemicalKeysTest, AreKeysOfTheShippedCatalogue) {
  auto catalogue = reference::LoadCatalogue(CHEMSAFE_TEST_DATA_DIR);
  ASSERT_TRUE(catalogue.ok()) << catalogue.status().ToString();
  for (const auto& key : DemoChemicalKeys()) EXPECT_NE(catalogue->FindByKey(key), nullptr) << key;
}

TEST(IsDemoUsccTest, RecognisesTheGeneratedPattern) {
  std::string first17 = "91440115YY0000042";
  std::string code = first17 + *Uscc::CheckCharacter(first17);
  EXPECT_TRUE(IsDemoUscc(code));
  EXPECT_FALSE(IsDemoUscc("91350100M000100Y43"));  // a real-form code
  code.back() = code.back() == '0' ? '1' : '0';
  EXPECT_FALSE(IsDemoUscc(code));  // wrong check character
}

TEST_F(DemoTest, RefusesBadOptionsAndUnknownChemicalsWithoutWriting) {
  auto s = Open("bad.db");
  ASSERT_TRUE(s);
  DemoOptions options;
  options.enterprises = 0;
  EXPECT_EQ(GenerateDemoProvince(options, Inputs(), *s).status().code(), StatusCode::kInvalidArgument);
  options.enterprises = 10;
  EXPECT_EQ(GenerateDemoProvince(options, DemoInputs{}, *s).status().code(), StatusCode::kInvalidArgument);
  DemoInputs in = Inputs();
  in.chemical_known = [](std::string_view key) { return key != "7782-50-5"; };
  auto r = GenerateDemoProvince(options, in, *s);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_THAT(r.status().message(), ::testing::HasSubstr("7782-50-5"));
  auto summary = s->Summary();
  ASSERT_TRUE(summary.ok());
  EXPECT_EQ(summary->enterprises, 0);
  EXPECT_EQ(summary->parks, 0);
}

TEST_F(DemoTest, LoadsItsInputsFromData) {
  auto s = Open("data.db");
  ASSERT_TRUE(s);
  DemoOptions options;
  options.enterprises = 20;
  auto r = GenerateDemoProvinceFromData(options, CHEMSAFE_TEST_DATA_DIR, *s);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->enterprises, 20);
}

}  // namespace
}  // namespace chemsafe::service
