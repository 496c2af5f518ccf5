// The credit store on both backends (issue 7; store/credit_store.h): a listing saved new gets version 1, a
// change names the version it changes and is refused when another came first; a listing made through the
// trace store (migration 10's columns only) reads back with the defaults of migration 15 and a credit
// listing reads back through the trace store; enforcement records keep their finding ids and their fine (or
// none); policies are unique per insurer and number; lists filter; every save leaves its audit record.
#include "chemsafe/store/credit_store.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "chemsafe/store/testing/audit_records.h"
#include "chemsafe/store/testing/pg_test_url.h"
#include "chemsafe/store/trace_store.h"

namespace chemsafe::store {
namespace {

enum class CreditBackend { kSqlite, kPostgres };

class CreditStoreTest : public ::testing::TestWithParam<CreditBackend> {
 protected:
  void SetUp() override {
    const bool sqlite = GetParam() == CreditBackend::kSqlite;
    auto db = testing::FreshTestDatabase(sqlite, "chemsafe-credit-store",
                                         ::testing::UnitTest::GetInstance()->current_test_info()->name(), &dir_);
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    db_ = *db;
    auto r = sqlite ? OpenSqliteCreditStore(*db) : OpenPostgresCreditStore(*db);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    store_ = std::move(r).value();
  }
  void TearDown() override {
    store_.reset();
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }
  Result<std::unique_ptr<TraceStore>> Trace() {
    return GetParam() == CreditBackend::kSqlite ? OpenSqliteTraceStore(db_) : OpenPostgresTraceStore(db_);
  }

  static ListingRecord Listing(std::string uscc, std::string division) {
    ListingRecord l;
    l.uscc = std::move(uscc);
    l.enterprise_name = "示例化工有限公司（演示）";
    l.listed_on = "2025-03-01";
    l.decided_on = "2025-03-01";
    l.ended_on = "2028-03-02";
    l.authority = "某市应急管理局";
    l.decision_unit = "某市应急管理局";
    l.reason = "瞒报生产安全事故";
    l.legal_basis = "《安全生产严重失信主体名单管理办法》";
    l.decision_no = "某应急失信〔2025〕1号";
    l.division_code = std::move(division);
    l.publish = true;
    l.updated_at = "2026-11-29T04:00:00.000000Z";
    l.updated_by = "officer-a";
    return l;
  }
  static audit::AuditRecord Audit(std::string action) { return testing::TestAuditRecord(std::move(action)); }

  std::string db_;
  std::filesystem::path dir_;
  std::unique_ptr<CreditStore> store_;
};

TEST_P(CreditStoreTest, ListingIsVersionedAndAudited) {
  ListingRecord l = Listing("A", "440300");
  audit::AuditRecord a = Audit("blacklist.add");
  ASSERT_TRUE(store_->SaveListing(l, a).ok());
  EXPECT_GT(l.id, 0);
  EXPECT_EQ(l.version, 1);
  EXPECT_EQ(a.object, "blacklist:" + std::to_string(l.id));
  EXPECT_GT(a.seq, 0) << "the audit record was appended";

  ListingRecord stale = l;
  l.repair_decision = 1;
  l.repair_applied_on = "2026-03-02";
  audit::AuditRecord b = Audit("blacklist.repair");
  ASSERT_TRUE(store_->SaveListing(l, b).ok());
  EXPECT_EQ(l.version, 2);
  stale.removal_kind = 3;
  audit::AuditRecord c = Audit("blacklist.remove");
  const Status s = store_->SaveListing(stale, c);
  EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition) << s.ToString();
  EXPECT_EQ(stale.version, 1) << "the caller's record is as it was";

  auto found = store_->FindListing(l.id);
  ASSERT_TRUE(found.ok() && found->has_value());
  EXPECT_EQ((*found)->repair_decision, 1);
  EXPECT_EQ((*found)->removal_kind, 0);
  EXPECT_TRUE((*found)->publish);
  EXPECT_EQ((*found)->decision_no, "某应急失信〔2025〕1号");
  EXPECT_EQ((*found)->division_code, "440300");

  ListingRecord ghost = Listing("B", "440300");
  ghost.id = l.id + 100;
  ghost.version = 1;
  audit::AuditRecord d = Audit("blacklist.remove");
  EXPECT_EQ(store_->SaveListing(ghost, d).code(), StatusCode::kNotFound);
}

TEST_P(CreditStoreTest, OneBlacklistSharedWithTheTraceStore) {
  auto trace = Trace();
  ASSERT_TRUE(trace.ok()) << trace.status().ToString();
  BlacklistEntry old{0, "T", "2024-01-01", "", "公安机关", "非法购买易制爆化学品"};
  audit::AuditRecord a = Audit("blacklist.add");
  ASSERT_TRUE((*trace)->AddBlacklisting(old, a).ok());
  ListingRecord l = Listing("A", "440300");
  audit::AuditRecord b = Audit("blacklist.add");
  ASSERT_TRUE(store_->SaveListing(l, b).ok());

  auto via_credit = store_->ListListings({});
  ASSERT_TRUE(via_credit.ok()) << via_credit.status().ToString();
  ASSERT_EQ(via_credit->size(), 2u);
  const ListingRecord& t = (*via_credit)[1];
  EXPECT_EQ(t.uscc, "T");
  EXPECT_EQ(t.legal_basis, "") << "migration 15's defaults";
  EXPECT_FALSE(t.publish);
  EXPECT_EQ(t.removal_kind, 0);
  EXPECT_EQ(t.version, 1);

  auto via_trace = (*trace)->Blacklist();
  ASSERT_TRUE(via_trace.ok());
  ASSERT_EQ(via_trace->size(), 2u);
  EXPECT_EQ((*via_trace)[0].uscc, "A");
  EXPECT_EQ((*via_trace)[0].ended_on, "2028-03-02");
  EXPECT_EQ((*via_trace)[0].reason, "瞒报生产安全事故");
}

TEST_P(CreditStoreTest, ListingsFilterByEnterpriseAndDivision) {
  for (auto [u, d] : {std::pair{"A", "440300"}, std::pair{"B", "440100"}, std::pair{"C", "440304"}}) {
    ListingRecord l = Listing(u, d);
    audit::AuditRecord a = Audit("blacklist.add");
    ASSERT_TRUE(store_->SaveListing(l, a).ok());
  }
  ListingFilter f;
  f.division_prefix = "4403";
  auto in = store_->ListListings(f);
  ASSERT_TRUE(in.ok());
  ASSERT_EQ(in->size(), 2u);
  EXPECT_EQ((*in)[0].uscc, "A");
  EXPECT_EQ((*in)[1].uscc, "C");
  f = {};
  f.uscc = "B";
  EXPECT_EQ(store_->ListListings(f)->size(), 1u);
}

TEST_P(CreditStoreTest, EnforcementRecordsKeepFindingsAndFines) {
  EnforcementRecord e;
  e.enterprise_uscc = "A";
  e.kind = 4;
  e.date = "2026-10-01";
  e.decision_no = "罚〔2026〕7号";
  e.violation = "未按规定进行安全评价";
  e.legal_basis = "安全生产法";
  e.penalty_kind = "罚款";
  e.fine_fen = 5'000'000;
  e.finding_ids = {3, 7};
  e.division_code = "440300";
  e.body = R"({"x":1})";
  e.created_at = "2026-11-29T04:00:00.000000Z";
  e.created_by = "officer-a";
  audit::AuditRecord a = Audit("enforcement.record");
  ASSERT_TRUE(store_->SaveEnforcement(e, a).ok());
  EXPECT_EQ(a.object, "enforcement:" + std::to_string(e.id));
  EnforcementRecord bare = e;
  bare.id = 0;
  bare.enterprise_uscc = "B";
  bare.fine_fen.reset();
  bare.finding_ids.clear();
  audit::AuditRecord b = Audit("enforcement.record");
  ASSERT_TRUE(store_->SaveEnforcement(bare, b).ok());
  audit::AuditRecord c = Audit("enforcement.record");
  EXPECT_EQ(store_->SaveEnforcement(e, c).code(), StatusCode::kInvalidArgument) << "written once";

  auto found = store_->FindEnforcement(e.id);
  ASSERT_TRUE(found.ok() && found->has_value());
  EXPECT_EQ((*found)->finding_ids, (std::vector<std::int64_t>{3, 7}));
  EXPECT_EQ((*found)->fine_fen, 5'000'000);
  auto none = store_->FindEnforcement(bare.id);
  ASSERT_TRUE(none.ok() && none->has_value());
  EXPECT_FALSE((*none)->fine_fen.has_value());
  EXPECT_TRUE((*none)->finding_ids.empty());
  CreditFilter f;
  f.enterprises = {"B"};
  auto list = store_->ListEnforcement(f);
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ((*list)[0].id, bare.id);
}

TEST_P(CreditStoreTest, PoliciesAreUniquePerInsurerAndVersioned) {
  PolicyRecord p;
  p.enterprise_uscc = "A";
  p.insurer = "某保险公司";
  p.policy_no = "P-1";
  p.valid_from = "2026-01-01";
  p.valid_to = "2026-12-31";
  p.insured_amount_fen = 100'000'000;
  p.persons_covered = 40;
  p.body = "{}";
  p.updated_at = "2026-11-29T04:00:00.000000Z";
  p.updated_by = "ent-a";
  audit::AuditRecord a = Audit("insurance.save");
  ASSERT_TRUE(store_->SavePolicy(p, a).ok());
  EXPECT_EQ(p.version, 1);
  EXPECT_EQ(p.created_by, "ent-a");
  EXPECT_EQ(a.object, "insurance_policy:" + std::to_string(p.id));

  PolicyRecord twin = p;
  twin.id = 0;
  twin.enterprise_uscc = "B";
  audit::AuditRecord b = Audit("insurance.save");
  const Status dup = store_->SavePolicy(twin, b);
  EXPECT_EQ(dup.code(), StatusCode::kAlreadyExists) << dup.ToString();
  EXPECT_EQ(twin.id, 0);

  PolicyRecord stale = p;
  p.persons_covered = 45;
  p.updated_by = "ent-b";
  audit::AuditRecord c = Audit("insurance.save");
  ASSERT_TRUE(store_->SavePolicy(p, c).ok());
  EXPECT_EQ(p.version, 2);
  audit::AuditRecord d = Audit("insurance.save");
  EXPECT_EQ(store_->SavePolicy(stale, d).code(), StatusCode::kFailedPrecondition);

  auto found = store_->FindPolicy(p.id);
  ASSERT_TRUE(found.ok() && found->has_value());
  EXPECT_EQ((*found)->persons_covered, 45);
  EXPECT_EQ((*found)->created_by, "ent-a") << "kept from the first save";
  EXPECT_EQ((*found)->updated_by, "ent-b");
  CreditFilter f;
  f.enterprises = {"A"};
  EXPECT_EQ(store_->ListPolicies(f)->size(), 1u);
  f.enterprises = {"B"};
  EXPECT_TRUE(store_->ListPolicies(f)->empty());
}

INSTANTIATE_TEST_SUITE_P(Backends, CreditStoreTest,
                         ::testing::Values(CreditBackend::kSqlite, CreditBackend::kPostgres),
                         [](const ::testing::TestParamInfo<CreditBackend>& param_info) {
                           return param_info.param == CreditBackend::kSqlite ? std::string("sqlite")
                                                                             : std::string("postgres");
                         });

}  // namespace
}  // namespace chemsafe::store
