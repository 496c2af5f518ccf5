// The QRA run store, run against both backends (like hazard_store_test.cc): runs round-trip with their
// geometry, the list is bounded by division and enterprises and paged in rank order, a failed save
// writes nothing, and a save raises the data generation.
#include "chemsafe/store/qra_store.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "chemsafe/store/registry_store.h"
#include "chemsafe/store/testing/pg_test_url.h"

namespace chemsafe::store {
namespace {

enum class QraBackend { kSqlite, kPostgres };

class QraStoreTest : public ::testing::TestWithParam<QraBackend> {
 protected:
  void SetUp() override {
    const bool sqlite = GetParam() == QraBackend::kSqlite;
    auto db = testing::FreshTestDatabase(sqlite, "chemsafe-qra-store",
                                         ::testing::UnitTest::GetInstance()->current_test_info()->name(), &dir_);
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    auto r = sqlite ? OpenSqlite(*db) : OpenPostgres(*db);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    registry_ = std::move(r).value();
    auto q = sqlite ? OpenSqliteQraStore(*db) : OpenPostgresQraStore(*db);
    ASSERT_TRUE(q.ok()) << q.status().ToString();
    qra_ = std::move(q).value();
    // Three enterprises: two in 深圳市 (4403), one in 广州市 (4401).
    ASSERT_TRUE(registry_
                    ->InTransaction([&](RegistryWriter& w) {
                      const char* rows[][2] = {{"91440300MA5F00001X", "440305"},
                                               {"91440300MA5F00002X", "440306"},
                                               {"91440100MA5F00003X", "440106"}};
                      for (const auto& row : rows) {
                        registry::Enterprise e;
                        e.uscc = row[0];
                        e.name = std::string("企业") + row[0];
                        e.division_code = row[1];
                        CHEMSAFE_RETURN_IF_ERROR(w.UpsertEnterprise(e));
                        ids_.push_back(e.id);
                      }
                      return Status::Ok();
                    })
                    .ok());
  }
  void TearDown() override {
    qra_.reset();
    registry_.reset();
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }

  QraRunRecord Run(std::string digest) {
    QraRunRecord run;
    run.run_at = "2026-11-29T10:00:00Z";
    run.method = "chemsafe qra province 1";
    run.input_digest = std::move(digest);
    run.synthetic_weather = true;
    run.summary = R"({"installations":3})";
    run.contours = R"({"type":"FeatureCollection","features":[]})";
    run.exceedances = R"({"type":"FeatureCollection","features":[{"id":1}]})";
    return run;
  }
  // Ranks: 1 = ids_[1] (4403, relocate), 2 = ids_[2] (4401, close), 3 = ids_[0] (4403, keep, no exceedance).
  std::vector<QraEnterpriseRecord> Rows() {
    return {{0, ids_[1], 1, "440306", "relocate", 1, 12.5, 1e-4, 3, R"({"reasons":["a"]})"},
            {0, ids_[2], 2, "440106", "close", 1, 4.0, 2e-5, 1, "{}"},
            {0, ids_[0], 3, "440305", "keep", 0, 0.0, 1e-7, 0, "{}"}};
  }

  std::filesystem::path dir_;
  std::unique_ptr<RegistryStore> registry_;
  std::unique_ptr<QraStore> qra_;
  std::vector<std::int64_t> ids_;
};

TEST_P(QraStoreTest, RunsRoundTripNewestFirstAndByDigest) {
  EXPECT_FALSE(qra_->LatestRunId()->has_value());
  auto first = Run("aa"), second = Run("bb");
  auto rows = Rows();
  ASSERT_TRUE(qra_->SaveRun(first, rows).ok());
  EXPECT_GT(first.id, 0);
  EXPECT_EQ(rows[0].run_id, first.id);
  std::vector<QraEnterpriseRecord> none;
  ASSERT_TRUE(qra_->SaveRun(second, none).ok());
  EXPECT_EQ(**qra_->LatestRunId(), second.id);
  EXPECT_EQ(*qra_->RunCount(), 2);
  auto runs = qra_->Runs(0, 10);
  ASSERT_TRUE(runs.ok());
  ASSERT_EQ(runs->size(), 2u);
  EXPECT_EQ((*runs)[0].id, second.id);
  EXPECT_TRUE((*runs)[0].contours.empty()) << "listed without geometry";
  auto page2 = qra_->Runs(1, 10);
  ASSERT_EQ(page2->size(), 1u);
  EXPECT_EQ((*page2)[0].id, first.id);

  auto full = qra_->Run(first.id, true);
  ASSERT_TRUE(full.ok() && full->has_value());
  EXPECT_EQ((*full)->exceedances, first.exceedances);
  EXPECT_EQ((*full)->summary, first.summary);
  EXPECT_TRUE((*full)->synthetic_weather);
  EXPECT_FALSE((*full)->new_installations);
  EXPECT_TRUE((*qra_->Run(first.id, false))->exceedances.empty());
  EXPECT_FALSE(qra_->Run(first.id + 100, true)->has_value());

  auto found = qra_->FindRunByDigest("aa");
  ASSERT_TRUE(found.ok() && found->has_value());
  EXPECT_EQ((*found)->id, first.id);
  EXPECT_FALSE(qra_->FindRunByDigest("cc")->has_value());
}

TEST_P(QraStoreTest, ListIsBoundedByDivisionAndEnterprisesInRankOrder) {
  auto run = Run("aa");
  auto rows = Rows();
  ASSERT_TRUE(qra_->SaveRun(run, rows).ok());

  QraListQuery q;
  q.run_id = run.id;
  auto all = qra_->List(q);
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  EXPECT_EQ(all->total, 2) << "only enterprises with an exceedance";
  ASSERT_EQ(all->rows.size(), 2u);
  EXPECT_EQ(all->rows[0].enterprise_id, ids_[1]);
  EXPECT_EQ(all->rows[0].detail, R"({"reasons":["a"]})");
  EXPECT_EQ(all->rows[1].action, "close");
  EXPECT_EQ(all->by_action.at("keep"), 1);

  q.listed_only = false;
  q.division_prefix = "4403";
  auto city = qra_->List(q);
  ASSERT_EQ(city->total, 2);
  EXPECT_EQ(city->rows[0].rank, 1);
  EXPECT_EQ(city->rows[1].enterprise_id, ids_[0]);
  EXPECT_EQ(city->by_action.count("close"), 0u) << "广州's enterprise is outside 4403";

  q.action = "keep";
  EXPECT_EQ(qra_->List(q)->total, 1);
  q.action.clear();
  q.limit = 1;
  q.offset = 1;
  auto paged = qra_->List(q);
  ASSERT_EQ(paged->rows.size(), 1u);
  EXPECT_EQ(paged->rows[0].rank, 3);
  EXPECT_EQ(paged->total, 2);

  // A grid officer's enterprises: the same answers, computed from their rows.
  QraListQuery g;
  g.run_id = run.id;
  g.enterprise_ids = std::vector<std::int64_t>{ids_[0], ids_[2]};
  auto grid = qra_->List(g);
  ASSERT_TRUE(grid.ok());
  EXPECT_EQ(grid->total, 1);
  EXPECT_EQ(grid->rows[0].enterprise_id, ids_[2]);
  EXPECT_EQ(grid->by_action.at("keep"), 1);
  g.listed_only = false;
  g.division_prefix = "4403";
  EXPECT_EQ(qra_->List(g)->total, 1);
}

TEST_P(QraStoreTest, HistoryNewestRunFirst) {
  auto a = Run("aa"), b = Run("bb");
  auto rows_a = Rows(), rows_b = Rows();
  rows_b[0].action = "close";
  ASSERT_TRUE(qra_->SaveRun(a, rows_a).ok());
  ASSERT_TRUE(qra_->SaveRun(b, rows_b).ok());
  auto h = qra_->EnterpriseHistory(ids_[1]);
  ASSERT_TRUE(h.ok());
  ASSERT_EQ(h->size(), 2u);
  EXPECT_EQ((*h)[0].run_id, b.id);
  EXPECT_EQ((*h)[0].action, "close");
  EXPECT_EQ((*h)[1].action, "relocate");
  EXPECT_TRUE(qra_->EnterpriseHistory(ids_[0] + 1000)->empty());
}

TEST_P(QraStoreTest, AFailedSaveWritesNothingAndASaveRaisesTheGeneration) {
  auto before = registry_->CurrentGenerations();
  ASSERT_TRUE(before.ok());
  auto run = Run("aa");
  auto rows = Rows();
  rows[2].enterprise_id = ids_[0] + 1000;  // no such enterprise: the foreign key refuses the row
  EXPECT_FALSE(qra_->SaveRun(run, rows).ok());
  EXPECT_EQ(run.id, 0);
  EXPECT_EQ(*qra_->RunCount(), 0) << "the run's row went with the failed rows";
  EXPECT_EQ(registry_->CurrentGenerations()->data, before->data);
  rows = Rows();
  ASSERT_TRUE(qra_->SaveRun(run, rows).ok());
  EXPECT_GT(registry_->CurrentGenerations()->data, before->data);
}

INSTANTIATE_TEST_SUITE_P(Backends, QraStoreTest, ::testing::Values(QraBackend::kSqlite, QraBackend::kPostgres),
                         [](const ::testing::TestParamInfo<QraBackend>& param_info) {
                           return param_info.param == QraBackend::kSqlite ? std::string("sqlite")
                                                                          : std::string("postgres");
                         });

}  // namespace
}  // namespace chemsafe::store
