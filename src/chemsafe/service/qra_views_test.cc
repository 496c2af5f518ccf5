// The QRA views bounded by scope: a stored run with an enterprise in 深圳市 (4403) and one in 广州市 (4401),
// a contour polygon around each one's installation and an exceeded target near each. The province sees
// everything; the city officer of 4403, an enterprise user and a grid officer see their own only; an
// administrator sees nothing; an enterprise outside the scope is NotFound.
#include "chemsafe/service/qra_views.h"

#include <gtest/gtest.h>

#include <filesystem>

#include <nlohmann/json.hpp>

#include "chemsafe/store/testing/pg_test_url.h"

namespace chemsafe::service {
namespace {

using json = nlohmann::json;

// A square polygon of side 2·d degrees about (lon, lat).
json Square(double lon, double lat, double d) {
  return json::array({json::array({json::array({lon - d, lat - d}), json::array({lon + d, lat - d}),
                                   json::array({lon + d, lat + d}), json::array({lon - d, lat + d}),
                                   json::array({lon - d, lat - d})})});
}

class QraViewsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto fresh = store::testing::FreshTestDatabase(true, "chemsafe-qra-views",
                                                   ::testing::UnitTest::GetInstance()->current_test_info()->name(), &dir_);
    ASSERT_TRUE(fresh.ok()) << fresh.status().ToString();
    auto r = store::OpenSqlite(*fresh);
    ASSERT_TRUE(r.ok());
    registry_ = std::move(r).value();
    auto q = store::OpenSqliteQraStore(*fresh);
    ASSERT_TRUE(q.ok());
    qra_ = std::move(q).value();
    ASSERT_TRUE(registry_->InTransaction([&](store::RegistryWriter& w) -> Status {
      for (const auto& [uscc, division] : {std::pair{"91440300MA5F00001X", "440305"}, {"91440100MA5F00002X", "440106"}}) {
        registry::Enterprise e;
        e.uscc = uscc;
        e.name = std::string("企业") + division;
        e.division_code = division;
        CHEMSAFE_RETURN_IF_ERROR(w.UpsertEnterprise(e));
        ids_.push_back(e.id);
      }
      return Status::Ok();
    }).ok());
  }
  void TearDown() override {
    qra_.reset();
    registry_.reset();
    std::filesystem::remove_all(dir_);
  }

  // Run: 深圳's enterprise at (113.93, 22.53) ranked first, 广州's at (113.30, 23.10) second.
  std::int64_t SaveRun() {
    store::QraRunRecord run;
    run.run_at = "2026-11-29T10:00:00Z";
    run.method = "test";
    run.input_digest = "d";
    run.summary = R"({"listed":2})";
    json contours = {{"type", "FeatureCollection"},
                     {"features", json::array({{{"type", "Feature"},
                                                {"properties", {{"ir_per_yr", 1e-6}}},
                                                {"geometry",
                                                 {{"type", "MultiPolygon"},
                                                  {"coordinates", json::array({Square(113.93, 22.53, 0.01),
                                                                               Square(113.30, 23.10, 0.01)})}}}}})}};
    run.contours = contours.dump();
    auto target = [&](const char* code, const char* division, double lon, double lat, std::int64_t by) {
      return json{{"type", "Feature"},
                  {"properties",
                   {{"target_id", 1}, {"code", code}, {"division_code", division}, {"ratio", 3.0},
                    {"enterprises", json::array({{{"id", by}, {"name", "x"}, {"action", "relocate"}}})}}},
                  {"geometry", {{"type", "Point"}, {"coordinates", json::array({lon, lat})}}}};
    };
    // T-SZ lies in 深圳 but is attributed to 广州's enterprise (a plant across the border).
    run.exceedances = json{{"type", "FeatureCollection"},
                           {"features", json::array({target("T-SZ", "440305", 113.931, 22.531, ids_[1]),
                                                     target("T-GZ", "440106", 113.301, 23.101, ids_[1]),
                                                     target("T-SZ2", "440305", 113.932, 22.532, ids_[0])})}}
                          .dump();
    std::vector<store::QraEnterpriseRecord> rows = {
        {0, ids_[0], 1, "440305", "relocate", 1, 12.0, 1e-4, 1,
         R"({"uscc":"91440300MA5F00001X","name":"企业440305","units":[{"id":1,"lon":113.93,"lat":22.53}],"reasons":["r"]})"},
        {0, ids_[1], 2, "440106", "close", 1, 150.0, 1e-3, 2,
         R"({"uscc":"91440100MA5F00002X","name":"企业440106","units":[{"id":2,"lon":113.3,"lat":23.1}]})"}};
    EXPECT_TRUE(qra_->SaveRun(run, rows).ok());
    return run.id;
  }

  QraViewStores Stores() { return {*registry_, *qra_}; }
  static Principal Province() {
    Principal p;
    p.role = Role::kProvince;
    return p;
  }
  static Principal City(std::string code) {
    Principal p;
    p.role = Role::kCity;
    p.division_code = std::move(code);
    return p;
  }

  std::filesystem::path dir_;
  std::unique_ptr<store::RegistryStore> registry_;
  std::unique_ptr<store::QraStore> qra_;
  std::vector<std::int64_t> ids_;
};

TEST_F(QraViewsTest, NoRunStoredIsAnEmptyAnswerNotAnError) {
  auto list = GetRelocationList(Stores(), Province(), {});
  ASSERT_TRUE(list.ok()) << list.status().ToString();
  EXPECT_FALSE(list->run.has_value());
  EXPECT_TRUE(list->rows.items.empty());
  EXPECT_EQ(json::parse(*QraContoursInScope(Stores(), Province(), std::nullopt))["features"].size(), 0u);
  EXPECT_EQ(ListQraRuns(Stores(), Province(), {})->total, 0);
  auto e = GetEnterpriseQra(Stores(), Province(), ids_[0]);
  ASSERT_TRUE(e.ok());
  EXPECT_TRUE(e->history.empty());
  EXPECT_FALSE(e->run.has_value());
}

TEST_F(QraViewsTest, TheListIsBoundedByScopeAndChecksItsQuery) {
  const std::int64_t run = SaveRun();
  auto all = GetRelocationList(Stores(), Province(), {});
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->run->id, run);
  ASSERT_EQ(all->rows.total, 2);
  EXPECT_EQ(all->rows.items[0].enterprise_id, ids_[0]);
  EXPECT_EQ(all->by_action.at("close"), 1);

  auto city = GetRelocationList(Stores(), City("4403"), {});
  ASSERT_EQ(city->rows.total, 1);
  EXPECT_EQ(city->rows.items[0].enterprise_id, ids_[0]);
  EXPECT_EQ(city->by_action.count("close"), 0u);

  RelocationQuery elsewhere;
  elsewhere.division = "4401";  // outside the city officer's scope: nothing, not 广州's list
  EXPECT_EQ(GetRelocationList(Stores(), City("4403"), elsewhere)->rows.total, 0);
  EXPECT_EQ(GetRelocationList(Stores(), Province(), elsewhere)->rows.total, 1);

  RelocationQuery bad;
  bad.action = "demolish";
  auto refused = GetRelocationList(Stores(), Province(), bad);
  EXPECT_EQ(refused.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(refused.status().message().find("action"), std::string::npos);
  RelocationQuery missing;
  missing.run_id = run + 7;
  EXPECT_EQ(GetRelocationList(Stores(), Province(), missing).status().code(), StatusCode::kNotFound);

  Principal enterprise;
  enterprise.role = Role::kEnterprise;
  enterprise.enterprise_uscc = "91440100MA5F00002X";
  auto own = GetRelocationList(Stores(), enterprise, {});
  ASSERT_EQ(own->rows.total, 1);
  EXPECT_EQ(own->rows.items[0].enterprise_id, ids_[1]);
  Principal grid;
  grid.role = Role::kGrid;
  grid.grid_enterprises = {ids_[0]};
  EXPECT_EQ(GetRelocationList(Stores(), grid, {})->rows.items.at(0).enterprise_id, ids_[0]);
  Principal admin;
  admin.role = Role::kAdmin;
  EXPECT_FALSE(GetRelocationList(Stores(), admin, {})->run.has_value());
}

TEST_F(QraViewsTest, AnEnterpriseOutsideTheScopeIsNotFound) {
  SaveRun();
  auto mine = GetEnterpriseQra(Stores(), City("4403"), ids_[0]);
  ASSERT_TRUE(mine.ok());
  ASSERT_EQ(mine->history.size(), 1u);
  EXPECT_EQ(mine->history[0].action, "relocate");
  ASSERT_TRUE(mine->run.has_value());
  EXPECT_EQ(mine->history_runs.size(), 1u);
  EXPECT_EQ(GetEnterpriseQra(Stores(), City("4403"), ids_[1]).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(GetEnterpriseQra(Stores(), Province(), ids_[1] + 99).status().code(), StatusCode::kNotFound);
}

TEST_F(QraViewsTest, GeometryIsBoundedByScope) {
  SaveRun();
  const auto everything = json::parse(*QraContoursInScope(Stores(), Province(), std::nullopt));
  EXPECT_EQ(everything["features"][0]["geometry"]["coordinates"].size(), 2u);
  const auto city = json::parse(*QraContoursInScope(Stores(), City("4403"), std::nullopt));
  const auto& polygons = city["features"][0]["geometry"]["coordinates"];
  ASSERT_EQ(polygons.size(), 1u) << "only the polygon around 深圳's installation";
  EXPECT_NEAR(polygons[0][0][0][0].get<double>(), 113.92, 1e-9);

  EXPECT_EQ(json::parse(*QraExceedancesInScope(Stores(), Province(), std::nullopt))["features"].size(), 3u);
  const auto over = json::parse(*QraExceedancesInScope(Stores(), City("4403"), std::nullopt));
  ASSERT_EQ(over["features"].size(), 2u) << "the two targets in 深圳, not 广州's";
  for (const auto& f : over["features"]) {
    const auto& p = f["properties"];
    if (p["code"] == "T-SZ") {
      EXPECT_TRUE(p["enterprises"].empty()) << "广州's enterprise is not named to 深圳's officer";
      EXPECT_EQ(p["other_enterprises"], 1);
    } else {
      EXPECT_EQ(p["code"], "T-SZ2");
      EXPECT_EQ(p["enterprises"][0]["id"], ids_[0]);
    }
  }
  Principal enterprise;
  enterprise.role = Role::kEnterprise;
  enterprise.enterprise_uscc = "91440100MA5F00002X";
  const auto theirs = json::parse(*QraExceedancesInScope(Stores(), enterprise, std::nullopt));
  EXPECT_EQ(theirs["features"].size(), 2u) << "the targets its plant is named for, wherever they lie";
  Principal admin;
  admin.role = Role::kAuditor;
  EXPECT_EQ(json::parse(*QraContoursInScope(Stores(), admin, std::nullopt))["features"].size(), 0u);
}

}  // namespace
}  // namespace chemsafe::service
