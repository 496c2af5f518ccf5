// The inspection store on both backends: inspections are written once and listed by enterprise; a finding
// saved new gets version 1, a change names the version it changes and is refused when another change came
// first; lists filter by enterprise, state and grade; a photo's bytes (any byte, NUL included) come back as
// they went in, once per finding; every save leaves its audit record.
#include "chemsafe/store/inspect_store.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "chemsafe/store/testing/audit_records.h"
#include "chemsafe/store/testing/pg_test_url.h"

namespace chemsafe::store {
namespace {

enum class InspectBackend { kSqlite, kPostgres };

class InspectStoreTest : public ::testing::TestWithParam<InspectBackend> {
 protected:
  void SetUp() override {
    const bool sqlite = GetParam() == InspectBackend::kSqlite;
    auto db = testing::FreshTestDatabase(sqlite, "chemsafe-inspect-store",
                                         ::testing::UnitTest::GetInstance()->current_test_info()->name(), &dir_);
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    auto r = sqlite ? OpenSqliteInspectStore(*db) : OpenPostgresInspectStore(*db);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    store_ = std::move(r).value();
  }
  void TearDown() override {
    store_.reset();
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }

  static FindingRecord Finding(std::string uscc, int grade, int state, std::string body) {
    FindingRecord f;
    f.kind = 2;
    f.enterprise_uscc = std::move(uscc);
    f.grade = grade;
    f.state = state;
    if (grade == 2) {
      f.criterion = 5;
      f.supervision_level = 2;
    }
    f.found_date = "2026-11-20";
    f.body = std::move(body);
    f.updated_at = "2026-11-29T04:00:00.000000Z";
    f.updated_by = "inspector-a";
    return f;
  }
  static audit::AuditRecord Audit() { return testing::TestAuditRecord("finding.report", "inspector-a", "county"); }

  std::filesystem::path dir_;
  std::unique_ptr<InspectStore> store_;
};

TEST_P(InspectStoreTest, InspectionsAreWrittenOnceAndListedByEnterprise) {
  InspectionRecord in;
  in.kind = 2;
  in.enterprise_uscc = "A";
  in.date = "2026-11-20";
  in.body = R"({"scope":"储罐区"})";
  in.created_at = "2026-11-29T04:00:00.000000Z";
  in.created_by = "inspector-a";
  audit::AuditRecord a = Audit();
  ASSERT_TRUE(store_->SaveInspection(in, a).ok());
  EXPECT_GT(in.id, 0);
  EXPECT_EQ(a.object, "inspection:" + std::to_string(in.id));
  EXPECT_GT(a.seq, 0) << "the audit record was appended";
  InspectionRecord other = in;
  other.id = 0;
  other.enterprise_uscc = "B";
  audit::AuditRecord b = Audit();
  ASSERT_TRUE(store_->SaveInspection(other, b).ok());

  auto found = store_->FindInspection(in.id);
  ASSERT_TRUE(found.ok() && found->has_value());
  EXPECT_EQ((*found)->body, in.body);
  EXPECT_EQ((*found)->date, "2026-11-20");
  EXPECT_EQ((*found)->kind, 2);
  EXPECT_FALSE(store_->FindInspection(other.id + 100)->has_value());
  InspectionFilter only_b;
  only_b.enterprises = {"B"};
  auto list = store_->ListInspections(only_b);
  ASSERT_TRUE(list.ok()) << list.status().ToString();
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ(list->front().id, other.id);
  InspectionFilter nowhere;
  nowhere.division_prefix = "4401";
  EXPECT_TRUE(store_->ListInspections(nowhere)->empty()) << "no enterprise of that division in the registry";
}

TEST_P(InspectStoreTest, FindingChangesNameTheirVersion) {
  FindingRecord f = Finding("A", 2, 1, R"({"v":1})");
  audit::AuditRecord a = Audit();
  ASSERT_TRUE(store_->SaveFinding(f, a).ok());
  EXPECT_GT(f.id, 0);
  EXPECT_EQ(f.version, 1);
  EXPECT_EQ(a.object, "finding:" + std::to_string(f.id));

  FindingRecord change = f;
  change.state = 2;
  change.plan_deadline = "2026-12-31";
  change.body = R"({"v":2})";
  audit::AuditRecord b = Audit();
  ASSERT_TRUE(store_->SaveFinding(change, b).ok());
  EXPECT_EQ(change.version, 2);

  FindingRecord stale = f;  // still at version 1
  stale.body = R"({"v":"lost"})";
  audit::AuditRecord c = Audit();
  const Status s = store_->SaveFinding(stale, c);
  EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition) << s.ToString();
  EXPECT_EQ(stale.version, 1) << "a refused change leaves the caller's record as it was";

  auto now = store_->FindFinding(f.id);
  ASSERT_TRUE(now.ok() && now->has_value());
  EXPECT_EQ((*now)->body, R"({"v":2})");
  EXPECT_EQ((*now)->state, 2);
  EXPECT_EQ((*now)->plan_deadline, "2026-12-31");
  EXPECT_EQ((*now)->criterion, 5);
  EXPECT_EQ((*now)->supervision_level, 2);
  EXPECT_FALSE((*now)->inspection_id.has_value());
  EXPECT_FALSE(store_->FindFinding(f.id + 100)->has_value());

  FindingRecord missing = Finding("A", 1, 1, "{}");
  missing.id = f.id + 100;
  missing.version = 1;
  audit::AuditRecord d = Audit();
  EXPECT_EQ(store_->SaveFinding(missing, d).code(), StatusCode::kNotFound);
}

TEST_P(InspectStoreTest, FindingsListByEnterpriseStateAndGrade) {
  InspectionRecord in;
  in.kind = 1;
  in.enterprise_uscc = "A";
  in.date = "2026-11-20";
  in.body = "{}";
  in.created_at = "2026-11-29T04:00:00.000000Z";
  in.created_by = "ent-a";
  audit::AuditRecord ia = Audit();
  ASSERT_TRUE(store_->SaveInspection(in, ia).ok());
  for (auto [uscc, grade, state] : {std::tuple{"A", 1, 1}, std::tuple{"A", 2, 2}, std::tuple{"B", 2, 4}}) {
    FindingRecord f = Finding(uscc, grade, state, "{}");
    if (std::string(uscc) == "A") f.inspection_id = in.id;
    audit::AuditRecord a = Audit();
    ASSERT_TRUE(store_->SaveFinding(f, a).ok());
  }
  FindingFilter only_a;
  only_a.enterprises = {"A"};
  auto a = store_->ListFindings(only_a);
  ASSERT_EQ(a->size(), 2u);
  EXPECT_LT((*a)[0].id, (*a)[1].id) << "in id order";
  EXPECT_EQ((*a)[0].inspection_id, in.id);
  FindingFilter major;
  major.grade = 2;
  EXPECT_EQ(store_->ListFindings(major)->size(), 2u);
  FindingFilter open;
  open.states = {1, 2};
  EXPECT_EQ(store_->ListFindings(open)->size(), 2u);
  open.grade = 2;
  ASSERT_EQ(store_->ListFindings(open)->size(), 1u);
  EXPECT_EQ(store_->ListFindings(open)->front().state, 2);
  FindingFilter page;
  page.limit = 1;
  page.offset = 2;
  ASSERT_EQ(store_->ListFindings(page)->size(), 1u);
  EXPECT_EQ(store_->ListFindings(page)->front().enterprise_uscc, "B");
}

TEST_P(InspectStoreTest, PhotosKeepTheirBytesOncePerFinding) {
  FindingRecord f = Finding("A", 1, 1, R"({"photos":0})");
  audit::AuditRecord a = Audit();
  ASSERT_TRUE(store_->SaveFinding(f, a).ok());

  std::string bytes = "\xFF\xD8\xFF\xE0";
  bytes.push_back('\0');
  for (int k = 0; k < 300; ++k) bytes.push_back(static_cast<char>(k & 0xFF));  // every byte value, past 76 chars
  FindingPhotoRecord photo;
  photo.content_type = "image/jpeg";
  photo.bytes = bytes;
  photo.sm3 = "abc123";
  photo.uploaded_at = "2026-11-29T04:00:00.000000Z";
  photo.uploaded_by = "inspector-a";
  FindingRecord change = f;
  change.body = R"({"photos":1})";
  audit::AuditRecord b = Audit();
  ASSERT_TRUE(store_->SaveFinding(change, b, &photo).ok());
  EXPECT_GT(photo.id, 0);
  EXPECT_EQ(photo.finding_id, f.id);
  EXPECT_EQ(change.version, 2);

  auto back = store_->FindPhoto(f.id, "abc123");
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  ASSERT_TRUE(back->has_value());
  EXPECT_EQ((*back)->bytes.size(), bytes.size());
  EXPECT_EQ((*back)->bytes, bytes);
  EXPECT_EQ((*back)->content_type, "image/jpeg");
  EXPECT_EQ((*back)->uploaded_by, "inspector-a");
  EXPECT_FALSE(store_->FindPhoto(f.id, "other")->has_value());

  FindingRecord again = change;
  again.body = R"({"photos":2})";
  FindingPhotoRecord same = photo;
  same.id = 0;
  audit::AuditRecord c = Audit();
  const Status s = store_->SaveFinding(again, c, &same);
  EXPECT_EQ(s.code(), StatusCode::kAlreadyExists) << s.ToString();
  EXPECT_EQ(again.version, 2) << "the refused photo leaves the finding unchanged";
  EXPECT_EQ((*store_->FindFinding(f.id))->body, R"({"photos":1})") << "nothing half-written";

  FindingRecord fresh = Finding("A", 1, 1, "{}");
  FindingPhotoRecord early = photo;
  audit::AuditRecord d = Audit();
  EXPECT_EQ(store_->SaveFinding(fresh, d, &early).code(), StatusCode::kInvalidArgument)
      << "a photo is attached to a stored finding";
  EXPECT_EQ(fresh.id, 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, InspectStoreTest,
                         ::testing::Values(InspectBackend::kSqlite, InspectBackend::kPostgres),
                         [](const ::testing::TestParamInfo<InspectBackend>& param_info) {
                           return param_info.param == InspectBackend::kSqlite ? std::string("sqlite")
                                                                               : std::string("postgres");
                         });

}  // namespace
}  // namespace chemsafe::store
