// The province-wide QRA end to end on a small registry: a chlorine storage with a school 300 m away
// (GB 36894 class 高敏感) and a target 6 km away, a propane storage in a park; hazard run, then the QRA.
// The school must be found over its limit and attributed to the chlorine plant with a proposal and its
// reasons; the far target must not; the contours come back in WGS-84 near the plants.
#include "chemsafe/service/qra_province.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "chemsafe/reference/catalogue_files.h"
#include "chemsafe/service/hazard_service.h"
#include "chemsafe/store/testing/pg_test_url.h"

namespace chemsafe::service {
namespace {

constexpr const char* kChlorine = "91440300MA5F00001X";
constexpr const char* kPropane = "91440300MA5F00002X";

class ProvinceQraTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto fresh = store::testing::FreshTestDatabase(true, "chemsafe-qra-province",
                                                   ::testing::UnitTest::GetInstance()->current_test_info()->name(), &dir_);
    ASSERT_TRUE(fresh.ok()) << fresh.status().ToString();
    const std::string db = *fresh;
    db_ = db;
    auto r = store::OpenSqlite(db);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    registry_ = std::move(r).value();
    auto h = store::OpenSqliteHazardStore(db);
    ASSERT_TRUE(h.ok());
    hazards_ = std::move(h).value();
    ASSERT_TRUE(registry_->InTransaction([&](store::RegistryWriter& w) -> Status {
      for (const char* uscc : {kChlorine, kPropane}) {
        registry::Enterprise e;
        e.uscc = uscc;
        e.name = uscc == kChlorine ? "示例氯碱有限公司" : "示例燃气有限公司";
        e.division_code = "440305";
        e.sector = registry::Sector::kChemical;
        if (uscc == kPropane) e.park_code = "P01";
        CHEMSAFE_RETURN_IF_ERROR(w.UpsertEnterprise(e));
      }
      CHEMSAFE_RETURN_IF_ERROR(Unit(w, kChlorine, "A", LonLat{113.9300, 22.5300}, "7782-50-5", 50));
      CHEMSAFE_RETURN_IF_ERROR(Unit(w, kPropane, "B", LonLat{113.9800, 22.5300}, "74-98-6", 100));
      registry::ProtectedTarget school;
      school.code = "T1";
      school.name = "某小学";
      school.target_class = registry::TargetClass::kHighlySensitive;
      school.kind = "学校";
      school.division_code = "440305";
      school.location = LonLat{113.9300, 22.5327};  // about 300 m north of the chlorine store
      school.day_population = 600;
      CHEMSAFE_RETURN_IF_ERROR(w.UpsertProtectedTarget(school));
      registry::ProtectedTarget far = school;
      far.code = "T2";
      far.name = "远处居住区";
      far.kind = "居住区";
      far.target_class = registry::TargetClass::kGeneral2;
      far.location = LonLat{113.9300, 22.5840};  // about 6 km north
      return w.UpsertProtectedTarget(far);
    }).ok());
    auto catalogue = reference::LoadCatalogue(CHEMSAFE_TEST_DATA_DIR);
    ASSERT_TRUE(catalogue.ok());
    ASSERT_TRUE(AssessRegistry(*registry_, *hazards_, *catalogue).ok());
  }
  void TearDown() override {
    hazards_.reset();
    registry_.reset();
    std::filesystem::remove_all(dir_);
  }

  static Status Unit(store::RegistryWriter& w, const char* uscc, const char* code, LonLat at, const char* cas, double t) {
    registry::Unit u;
    u.enterprise_uscc = uscc;
    u.code = code;
    u.name = code;
    u.location = at;
    u.declared_exposed_people = 100;
    CHEMSAFE_RETURN_IF_ERROR(w.UpsertUnit(u));
    registry::Holding h;
    h.enterprise_uscc = uscc;
    h.unit_code = code;
    h.chemical_key = cas;
    h.chemical_name = cas;
    h.max_quantity_t = t;
    h.state = registry::PhysicalState::kLiquefiedGas;
    h.pressure_mpa = 0.7;
    return w.UpsertHolding(h, "2024-01-01T00:00:00+08:00");
  }

  static nlohmann::json Weather() {
    std::ifstream in(std::string(CHEMSAFE_TEST_DATA_DIR) + "/qra/weather_synthetic.json");
    return nlohmann::json::parse(in)["weather"];
  }

  std::filesystem::path dir_;
  std::string db_;
  std::unique_ptr<store::RegistryStore> registry_;
  std::unique_ptr<store::HazardStore> hazards_;
};

TEST_F(ProvinceQraTest, FindsTheSchoolOverItsLimitAndProposesAnAction) {
  auto data = reference::LoadQraData(CHEMSAFE_TEST_DATA_DIR);
  ASSERT_TRUE(data.ok()) << data.status().ToString();
  ProvinceQraOptions options;
  options.weather = Weather();
  // One chlorine store of generic frequencies gives about 1e-6 per year at 300 m: over the 3e-7 limit
  // for new installations (GB 36894 strictest class), under the 3e-6 for those in service.
  options.new_installations = true;
  auto r = RunProvinceQra(*registry_, *hazards_, *data, options);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->installations, 2);
  EXPECT_GT(r->scenarios, 0);
  EXPECT_EQ(r->targets_checked, 2);
  ASSERT_EQ(r->enterprises.size(), 2u);
  const EnterpriseQra& first = r->enterprises.front();  // ranked: the one with an exceedance first
  EXPECT_EQ(first.uscc, kChlorine);
  ASSERT_FALSE(first.exceedances.empty());
  const TargetExceedance& school = first.exceedances.front();
  EXPECT_EQ(school.code, "T1");
  EXPECT_EQ(school.criterion_class, "highly_sensitive");
  EXPECT_DOUBLE_EQ(school.limit_per_yr, 3e-7);
  EXPECT_GT(school.own_ir_per_yr, school.limit_per_yr);
  EXPECT_GE(school.ir_per_yr, school.own_ir_per_yr);
  EXPECT_EQ(school.dominant_substance, "7782-50-5");
  EXPECT_NE(first.action, ProposedAction::kKeep);
  EXPECT_NE(first.action, ProposedAction::kConvert);  // one substance: converting would be closing
  EXPECT_GT(first.batch, 0);
  EXPECT_FALSE(first.reasons.empty());
  EXPECT_GT(first.pll_per_yr, 0.0);
  // The F-N verdict against the GB 36894 lines of the data (grade U: provisional) for every enterprise;
  // each curve falls as N grows.
  for (const auto& e : r->enterprises) {
    EXPECT_TRUE(e.fn_verdict == "intolerable" || e.fn_verdict == "alarp" || e.fn_verdict == "tolerable") << e.fn_verdict;
    EXPECT_TRUE(e.fn_provisional);
    for (std::size_t k = 1; k < e.fn_curve.size(); ++k) {
      EXPECT_GT(e.fn_curve[k].fatalities, e.fn_curve[k - 1].fatalities);
      EXPECT_LE(e.fn_curve[k].cumulative_frequency_per_yr, e.fn_curve[k - 1].cumulative_frequency_per_yr);
    }
  }
  EXPECT_FALSE(first.fn_curve.empty()) << "600 pupils 300 m from a chlorine store: some events kill";
  for (const auto& e : r->enterprises) {
    for (const auto& x : e.exceedances) EXPECT_NE(x.code, "T2");  // 6 km away
  }
  // In service, the limit is 3e-6: whatever is listed then is over it, and attributed by its share.
  options.new_installations = false;
  auto in_service = RunProvinceQra(*registry_, *hazards_, *data, options);
  ASSERT_TRUE(in_service.ok());
  for (const auto& e : in_service->enterprises) {
    for (const auto& x : e.exceedances) {
      EXPECT_DOUBLE_EQ(x.limit_per_yr, 3e-6);
      EXPECT_GT(x.ir_per_yr, x.limit_per_yr);
      EXPECT_GE(x.own_ir_per_yr, options.attribution_share * x.ir_per_yr);
    }
  }
  // The contours are WGS-84 around the plants: the outermost (3e-7) has a ring within 2 km of them.
  auto g = nlohmann::json::parse(r->contours_geojson);
  ASSERT_EQ(g["features"].size(), 4u);
  const auto& polygons = g["features"][3]["geometry"]["coordinates"];
  ASSERT_FALSE(polygons.empty());
  for (const auto& p : polygons[0][0]) {
    EXPECT_NEAR(p[0].get<double>(), 113.955, 0.045);
    EXPECT_NEAR(p[1].get<double>(), 22.53, 0.02);
  }
  // Simplified for the map, every ring is still a closed GeoJSON ring (first = last, 4 or more points).
  for (const auto& f : g["features"]) {
    for (const auto& polygon : f["geometry"]["coordinates"]) {
      for (const auto& ring : polygon) {
        ASSERT_GE(ring.size(), 4u);
        EXPECT_EQ(ring.front(), ring.back());
      }
    }
  }
}

TEST_F(ProvinceQraTest, TheStoredRunIsVersionedByItsInputsAndListsTheSchool) {
  auto data = reference::LoadQraData(CHEMSAFE_TEST_DATA_DIR);
  ASSERT_TRUE(data.ok());
  ProvinceQraOptions options;
  options.weather = Weather();
  options.new_installations = true;
  std::string seen;
  options.stop_at_digest = [&](const std::string& digest) {
    seen = digest;
    return false;
  };
  auto r = RunProvinceQra(*registry_, *hazards_, *data, options);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_FALSE(r->stopped);
  EXPECT_EQ(r->input_digest.size(), 64u);
  EXPECT_EQ(seen, r->input_digest);

  // The same inputs: the same digest, and a stop there computes nothing.
  options.stop_at_digest = [&](const std::string& digest) { return digest == seen; };
  auto again = RunProvinceQra(*registry_, *hazards_, *data, options);
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->stopped);
  EXPECT_TRUE(again->enterprises.empty() || again->enterprises.front().exceedances.empty());
  EXPECT_TRUE(again->contours_geojson.empty());
  // Another option, or a protected target moved: another digest.
  options.stop_at_digest = nullptr;
  options.attribution_share = 0.2;
  EXPECT_NE(RunProvinceQra(*registry_, *hazards_, *data, options)->input_digest, seen);
  options.attribution_share = 0.1;
  ASSERT_TRUE(registry_->InTransaction([&](store::RegistryWriter& w) -> Status {
    auto targets = registry_->ListProtectedTargets();
    CHEMSAFE_RETURN_IF_ERROR(targets.status());
    for (auto t : *targets) {
      if (t.code != "T1") continue;
      t.location->lat_deg += 0.0001;  // about 11 m
      CHEMSAFE_RETURN_IF_ERROR(w.UpsertProtectedTarget(t));
    }
    return Status::Ok();
  }).ok());
  EXPECT_NE(RunProvinceQra(*registry_, *hazards_, *data, options)->input_digest, seen);

  // Stored: the run, its rows in rank order, the exceedance GeoJSON with the school attributed.
  auto qra = store::OpenSqliteQraStore(db_);
  ASSERT_TRUE(qra.ok()) << qra.status().ToString();
  auto id = SaveProvinceQra(**qra, *r, options, true, "2026-11-29T10:00:00Z");
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  auto run = (*qra)->Run(*id, true);
  ASSERT_TRUE(run.ok() && run->has_value());
  EXPECT_EQ((*run)->input_digest, r->input_digest);
  EXPECT_EQ((*run)->contours, r->contours_geojson);
  const auto summary = nlohmann::json::parse((*run)->summary);
  EXPECT_EQ(summary["listed"], 1);
  EXPECT_EQ(summary["installations"], 2);
  const auto over = nlohmann::json::parse((*run)->exceedances);
  ASSERT_EQ(over["features"].size(), r->targets_over.size());
  ASSERT_FALSE(over["features"].empty());
  const auto& school = over["features"][0]["properties"];
  EXPECT_EQ(school["code"], "T1");
  EXPECT_GT(school["ratio"].get<double>(), 1.0);
  ASSERT_EQ(school["enterprises"].size(), 1u);
  EXPECT_EQ(school["enterprises"][0]["id"], r->enterprises.front().enterprise_id);
  EXPECT_NEAR(over["features"][0]["geometry"]["coordinates"][1].get<double>(), 22.5327, 1e-6);
  store::QraListQuery q;
  q.run_id = *id;
  q.listed_only = false;
  auto list = (*qra)->List(q);
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->rows.size(), 2u);
  EXPECT_EQ(list->rows[0].enterprise_id, r->enterprises[0].enterprise_id);
  EXPECT_EQ(list->rows[0].rank, 1);
  EXPECT_EQ(list->rows[0].exceedance_count, static_cast<int>(r->enterprises[0].exceedances.size()));
  const auto detail = nlohmann::json::parse(list->rows[0].detail);
  EXPECT_EQ(detail["uscc"], kChlorine);
  ASSERT_EQ(detail["units"].size(), 1u);
  EXPECT_NEAR(detail["units"][0]["lon"].get<double>(), 113.93, 1e-6);
  EXPECT_EQ(detail["exceedances"][0]["code"], "T1");
  // A stopped run has nothing to store.
  EXPECT_FALSE(SaveProvinceQra(**qra, *again, options, true, "2026-11-29T10:00:00Z").ok());
}

TEST_F(ProvinceQraTest, AScopeWithoutInstallationsSaysSo) {
  auto data = reference::LoadQraData(CHEMSAFE_TEST_DATA_DIR);
  ASSERT_TRUE(data.ok());
  ProvinceQraOptions options;
  options.weather = Weather();
  options.division_prefix = "4401";
  auto r = RunProvinceQra(*registry_, *hazards_, *data, options);
  EXPECT_EQ(r.status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace chemsafe::service
