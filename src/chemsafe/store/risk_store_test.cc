// The risk store on both backends: a point saved new gets version 1; a change names the version it changes,
// keeps the earlier one retrievable, and is refused when another change came first; lists filter by
// enterprise and grade; every save leaves its audit record.
#include "chemsafe/store/risk_store.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "chemsafe/store/testing/audit_records.h"
#include "chemsafe/store/testing/pg_test_url.h"

namespace chemsafe::store {
namespace {

enum class RiskBackend { kSqlite, kPostgres };

class RiskStoreTest : public ::testing::TestWithParam<RiskBackend> {
 protected:
  void SetUp() override {
    const bool sqlite = GetParam() == RiskBackend::kSqlite;
    auto db = testing::FreshTestDatabase(sqlite, "chemsafe-risk-store",
                                         ::testing::UnitTest::GetInstance()->current_test_info()->name(), &dir_);
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    auto r = sqlite ? OpenSqliteRiskStore(*db) : OpenPostgresRiskStore(*db);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    risk_ = std::move(r).value();
  }
  void TearDown() override {
    risk_.reset();
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }

  static RiskPointRecord Point(std::string uscc, int grade, std::string body) {
    RiskPointRecord p;
    p.enterprise_uscc = std::move(uscc);
    p.unit_code = "U1";
    p.name = "液氯储罐泄漏";
    p.grade = grade;
    p.control_status = 1;
    p.review_due = "2027-06-30";
    p.lon = 113.3;
    p.lat = 23.1;
    p.body = std::move(body);
    p.updated_at = "2026-11-29T04:00:00.000000Z";
    p.updated_by = "ent-a";
    return p;
  }
  static audit::AuditRecord Audit() { return testing::TestAuditRecord("risk_point.save", "ent-a", "enterprise"); }

  std::filesystem::path dir_;
  std::unique_ptr<RiskStore> risk_;
};

TEST_P(RiskStoreTest, ChangesAreVersionedAndEarlierVersionsKept) {
  RiskPointRecord p = Point("A", 3, R"({"v":1})");
  audit::AuditRecord a = Audit();
  ASSERT_TRUE(risk_->SavePoint(p, a).ok());
  EXPECT_GT(p.id, 0);
  EXPECT_EQ(p.version, 1);
  EXPECT_EQ(a.object, "risk_point:" + std::to_string(p.id));
  EXPECT_GT(a.seq, 0) << "the audit record was appended";

  RiskPointRecord change = p;
  change.body = R"({"v":2})";
  change.grade = 4;
  change.lon.reset();
  change.lat.reset();
  audit::AuditRecord b = Audit();
  ASSERT_TRUE(risk_->SavePoint(change, b).ok());
  EXPECT_EQ(change.version, 2);

  RiskPointRecord stale = p;  // still at version 1
  stale.body = R"({"v":"lost"})";
  audit::AuditRecord c = Audit();
  const Status s = risk_->SavePoint(stale, c);
  EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition) << s.ToString();
  EXPECT_EQ(stale.version, 1) << "a refused change leaves the caller's record as it was";

  auto now = risk_->FindPoint(p.id);
  ASSERT_TRUE(now.ok() && now->has_value());
  EXPECT_EQ((*now)->body, R"({"v":2})");
  EXPECT_EQ((*now)->grade, 4);
  EXPECT_FALSE((*now)->lon.has_value());
  auto v1 = risk_->PointAtVersion(p.id, 1);
  ASSERT_TRUE(v1.ok() && v1->has_value());
  EXPECT_EQ((*v1)->body, R"({"v":1})");
  EXPECT_EQ((*v1)->version, 1);
  EXPECT_FALSE(risk_->PointAtVersion(p.id, 3)->has_value());
  EXPECT_FALSE(risk_->FindPoint(p.id + 100)->has_value());
}

TEST_P(RiskStoreTest, ListsFilterByEnterpriseAndGrade) {
  for (auto [uscc, grade] : {std::pair{"A", 1}, std::pair{"A", 4}, std::pair{"B", 3}}) {
    RiskPointRecord p = Point(uscc, grade, "{}");
    audit::AuditRecord a = Audit();
    ASSERT_TRUE(risk_->SavePoint(p, a).ok());
  }
  RiskPointFilter only_a;
  only_a.enterprises = {"A"};
  EXPECT_EQ(risk_->ListPoints(only_a)->size(), 2u);
  RiskPointFilter high;
  high.min_grade = 3;
  auto list = risk_->ListPoints(high);
  ASSERT_EQ(list->size(), 2u);
  EXPECT_LT((*list)[0].id, (*list)[1].id) << "in id order";
  RiskPointFilter page;
  page.limit = 1;
  page.offset = 2;
  ASSERT_EQ(risk_->ListPoints(page)->size(), 1u);
  EXPECT_EQ(risk_->ListPoints(page)->front().enterprise_uscc, "B");
  RiskPointFilter nowhere;
  nowhere.division_prefix = "4401";
  EXPECT_TRUE(risk_->ListPoints(nowhere)->empty()) << "no enterprise of that division in the registry";
}

INSTANTIATE_TEST_SUITE_P(Backends, RiskStoreTest, ::testing::Values(RiskBackend::kSqlite, RiskBackend::kPostgres),
                         [](const ::testing::TestParamInfo<RiskBackend>& param_info) {
                           return param_info.param == RiskBackend::kSqlite ? std::string("sqlite")
                                                                           : std::string("postgres");
                         });

}  // namespace
}  // namespace chemsafe::store
