// The hazard store suite, run against both backends (like registry_store_test.cc): assessments are kept
// with their inputs, transitions become events, filings round-trip.
#include "chemsafe/store/hazard_store.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "chemsafe/store/registry_store.h"
#include "chemsafe/store/testing/pg_test_url.h"

namespace chemsafe::store {
namespace {

enum class HazardBackend { kSqlite, kPostgres };

class HazardStoreTest : public ::testing::TestWithParam<HazardBackend> {
 protected:
  void SetUp() override {
    auto db = testing::FreshTestDatabase(GetParam() == HazardBackend::kSqlite, "chemsafe-hazard-store",
                                         ::testing::UnitTest::GetInstance()->current_test_info()->name(), &dir_);
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    target_ = *db;
    const bool sqlite = GetParam() == HazardBackend::kSqlite;
    auto r = sqlite ? OpenSqlite(target_) : OpenPostgres(target_);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    registry_ = std::move(r).value();
    auto h = sqlite ? OpenSqliteHazardStore(target_) : OpenPostgresHazardStore(target_);
    ASSERT_TRUE(h.ok()) << h.status().ToString();
    hazard_ = std::move(h).value();
    // One enterprise with one unit to assess.
    ASSERT_TRUE(registry_
                    ->InTransaction([&](RegistryWriter& w) {
                      registry::Enterprise e;
                      e.uscc = "91440300MA5F00001X";
                      e.name = "示例化工有限公司";
                      e.division_code = "440305";
                      CHEMSAFE_RETURN_IF_ERROR(w.UpsertEnterprise(e));
                      registry::Unit u;
                      u.enterprise_uscc = e.uscc;
                      u.code = "U01";
                      u.name = "液氯储罐区";
                      CHEMSAFE_RETURN_IF_ERROR(w.UpsertUnit(u));
                      unit_id_ = u.id;
                      return Status::Ok();
                    })
                    .ok());
  }
  void TearDown() override {
    hazard_.reset();
    registry_.reset();
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }

  HazardAssessmentRecord Record(std::string at, bool mhi, std::optional<int> grade, std::string error = "") {
    HazardAssessmentRecord a;
    a.unit_id = unit_id_;
    a.assessed_at = std::move(at);
    a.edition = "GB 18218-2018";
    a.exposed_people = 120;
    a.exposed_source = "computed";
    a.major_hazard = mhi;
    a.grade = grade;
    if (error.empty()) {
      a.sum_ratio = mhi ? 2.0 : 0.5;
      a.alpha = 2.0;
      a.r = 12.5;
    }
    a.error = std::move(error);
    a.detail = R"({"holdings":[{"cas":"7782-50-5","quantity_t":10}]})";
    return a;
  }

  std::vector<HazardEventKind> Save(std::vector<HazardAssessmentRecord> records) {
    auto events = hazard_->SaveAssessments(records);
    EXPECT_TRUE(events.ok()) << events.status().ToString();
    std::vector<HazardEventKind> kinds;
    if (events.ok()) {
      for (const auto& e : *events) kinds.push_back(e.kind);
    }
    return kinds;
  }

  std::filesystem::path dir_;
  std::string target_;
  std::unique_ptr<RegistryStore> registry_;
  std::unique_ptr<HazardStore> hazard_;
  std::int64_t unit_id_ = 0;
};

using K = HazardEventKind;

TEST_P(HazardStoreTest, ReadsTheCurrentHoldingsForAssessment) {
  ASSERT_TRUE(registry_
                  ->InTransaction([&](RegistryWriter& w) {
                    registry::Holding h;
                    h.enterprise_uscc = "91440300MA5F00001X";
                    h.unit_code = "U01";
                    h.chemical_key = "7782-50-5";
                    h.chemical_name = "氯";
                    h.max_quantity_t = 10;
                    h.typical_quantity_t = 6;
                    h.state = registry::PhysicalState::kLiquefiedGas;
                    h.pressure_mpa = 0.8;
                    h.gb18218_category = "J2";
                    CHEMSAFE_RETURN_IF_ERROR(w.UpsertHolding(h, "2024-01-01T00:00:00+08:00"));
                    registry::Holding v = h;
                    v.chemical_key = "1333-74-0";
                    v.chemical_name = "氢";
                    v.max_quantity_t.reset();
                    v.typical_quantity_t.reset();
                    v.max_volume_m3 = 100;
                    v.density_t_m3 = 0.07;
                    v.pressure_mpa.reset();
                    v.gb18218_category = "";
                    CHEMSAFE_RETURN_IF_ERROR(w.UpsertHolding(v, "2024-01-01T00:00:00+08:00"));
                    // The unit no longer holds hydrogen: not current.
                    return w.EndHolding(unit_id_, "1333-74-0", "2024-02-01T00:00:00+08:00");
                  })
                  .ok());
  std::vector<std::string> rows;
  ASSERT_TRUE(hazard_
                  ->ForEachCurrentHoldingInput([&](const HazardHoldingInput& h) {
                    rows.push_back(std::to_string(h.unit_id == unit_id_) + " " + std::string(h.chemical_key) + " " +
                                   std::to_string(h.max_quantity_t.value_or(-1)) + " " +
                                   std::to_string(h.typical_quantity_t.value_or(-1)) + " " +
                                   std::to_string(h.pressure_mpa.value_or(-1)) + " " +
                                   std::to_string(static_cast<int>(h.state)) + " " + std::string(h.gb18218_category) +
                                   " " + std::string(h.valid_from));
                    return Status::Ok();
                  })
                  .ok());
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0], "1 7782-50-5 10.000000 6.000000 0.800000 " +
                         std::to_string(static_cast<int>(registry::PhysicalState::kLiquefiedGas)) +
                         " J2 2023-12-31T16:00:00.000000Z");  // the store keeps instants in UTC
}

// GB 18218-2018 §4.1 identifies on the design maximum quantity: an assessment on actual quantities is
// history only, neither the unit's latest outcome nor a transition.
TEST_P(HazardStoreTest, ActualBasisAssessmentsMakeNoEvents) {
  EXPECT_EQ(Save({Record("2024-01-01T00:00:00Z", true, 3)}), std::vector<K>{K::kBecameMajorHazard});
  HazardAssessmentRecord actual = Record("2024-02-01T00:00:00Z", false, std::nullopt);
  actual.basis = 2;
  EXPECT_EQ(Save({actual}), std::vector<K>{});
  auto latest = hazard_->Latest();
  ASSERT_TRUE(latest.ok()) << latest.status().ToString();
  ASSERT_EQ(latest->size(), 1u);
  EXPECT_EQ((*latest)[0].assessed_at, "2024-01-01T00:00:00Z");
  EXPECT_EQ((*latest)[0].grade, 3);
  auto history = hazard_->AssessmentHistory(unit_id_);
  ASSERT_TRUE(history.ok());
  EXPECT_EQ(history->size(), 2u);
  EXPECT_EQ(Save({Record("2024-03-01T00:00:00Z", true, 2)}), std::vector<K>{K::kGradeRose});
}

TEST_P(HazardStoreTest, TransitionsBecomeEvents) {
  EXPECT_EQ(Save({Record("2024-01-01T00:00:00Z", false, std::nullopt)}), std::vector<K>{});
  EXPECT_EQ(Save({Record("2024-02-01T00:00:00Z", true, 3)}), std::vector<K>{K::kBecameMajorHazard});
  EXPECT_EQ(Save({Record("2024-03-01T00:00:00Z", true, 3)}), std::vector<K>{});
  EXPECT_EQ(Save({Record("2024-04-01T00:00:00Z", true, 2)}), std::vector<K>{K::kGradeRose});  // 3 -> 2: worse
  EXPECT_EQ(Save({Record("2024-05-01T00:00:00Z", true, 4)}), std::vector<K>{K::kGradeFell});
  EXPECT_EQ(Save({Record("2024-06-01T00:00:00Z", false, std::nullopt, "h: needs a category")}),
            std::vector<K>{K::kAssessmentFailed});
  EXPECT_EQ(Save({Record("2024-07-01T00:00:00Z", false, std::nullopt)}), std::vector<K>{});
  EXPECT_EQ(Save({Record("2024-08-01T00:00:00Z", true, 1)}), std::vector<K>{K::kBecameMajorHazard});
  EXPECT_EQ(Save({Record("2024-09-01T00:00:00Z", false, std::nullopt)}), std::vector<K>{K::kNoLongerMajorHazard});

  auto events = hazard_->Events();
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 6u);
  EXPECT_EQ((*events)[1].from_grade, 3);
  EXPECT_EQ((*events)[1].to_grade, 2);
  auto since = hazard_->Events("2024-05-15T00:00:00Z");
  ASSERT_TRUE(since.ok());
  EXPECT_EQ(since->size(), 3u);
}

TEST_P(HazardStoreTest, AssessmentsKeepTheirInputsAndTheLatestIsKnown) {
  Save({Record("2024-01-01T00:00:00Z", true, 3)});
  Save({Record("2024-02-01T00:00:00Z", true, 2)});
  auto latest = hazard_->LatestAssessment(unit_id_);
  ASSERT_TRUE(latest.ok());
  ASSERT_TRUE(latest->has_value());
  EXPECT_EQ((*latest)->grade, 2);
  EXPECT_EQ((*latest)->edition, "GB 18218-2018");
  EXPECT_EQ((*latest)->exposed_source, "computed");
  EXPECT_EQ((*latest)->detail, R"({"holdings":[{"cas":"7782-50-5","quantity_t":10}]})");
  auto history = hazard_->AssessmentHistory(unit_id_);
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 2u);
  EXPECT_EQ((*history)[0].grade, 3);
  auto all = hazard_->Latest();
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 1u);
  EXPECT_EQ((*all)[0].grade, 2);
  EXPECT_EQ((*all)[0].assessment_id, (*latest)->id);
  const std::int64_t ids[] = {unit_id_, 999999};
  auto some = hazard_->LatestOf(ids);
  ASSERT_TRUE(some.ok());
  ASSERT_EQ(some->size(), 1u);  // the unknown unit has none
  EXPECT_EQ((*some)[0].unit_id, unit_id_);
  EXPECT_EQ((*some)[0].grade, 2);
}

TEST_P(HazardStoreTest, AnAssessmentOfAnUnknownUnitWritesNothing) {
  auto good = Record("2024-01-01T00:00:00Z", true, 3);
  auto bad = Record("2024-01-01T00:00:00Z", true, 3);
  bad.unit_id = 999999;
  std::vector<HazardAssessmentRecord> both = {good, bad};
  EXPECT_FALSE(hazard_->SaveAssessments(both).ok());
  auto history = hazard_->AssessmentHistory(unit_id_);
  ASSERT_TRUE(history.ok());
  EXPECT_TRUE(history->empty());
}

TEST_P(HazardStoreTest, FilingsRoundTrip) {
  auto none = hazard_->Filing(unit_id_);
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());
  ASSERT_TRUE(hazard_->SetFiling({unit_id_, FilingStatus::kFiled, "2024-03-01", "2027-03-01"}).ok());
  ASSERT_TRUE(hazard_->SetFiling({unit_id_, FilingStatus::kFiled, "2024-03-02", "2027-03-02"}).ok());
  auto f = hazard_->Filing(unit_id_);
  ASSERT_TRUE(f.ok());
  ASSERT_TRUE(f->has_value());
  EXPECT_EQ((*f)->status, FilingStatus::kFiled);
  EXPECT_EQ((*f)->filing_date, "2024-03-02");
  EXPECT_EQ((*f)->next_reassessment_due, "2027-03-02");
}

INSTANTIATE_TEST_SUITE_P(Backends, HazardStoreTest,
                         ::testing::Values(HazardBackend::kSqlite, HazardBackend::kPostgres),
                         [](const ::testing::TestParamInfo<HazardBackend>& param_info) {
                           return param_info.param == HazardBackend::kSqlite ? std::string("sqlite")
                                                                       : std::string("postgres");
                         });

}  // namespace
}  // namespace chemsafe::store
