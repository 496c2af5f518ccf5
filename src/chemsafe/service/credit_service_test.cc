// The credit module through the service on SQLite (issue 7 "Enforcement, blacklist, insurance"; plan tasks
// T25–T27, T33): listing by the deciding government of the scope, the public list (published listings in
// force, no person's data), credit repair and early removal at the 12-month edge, one blacklist with the trace
// store's rows, enforcement records linked to findings of the same enterprise, insurance cover gaps of a scope,
// the JSON codecs naming the path of every error, and the synthetic demo.
#include "chemsafe/service/credit_service.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>

#include <fmt/format.h>

#include "chemsafe/service/credit_demo.h"
#include "chemsafe/service/inspect_service.h"
#include "chemsafe/store/testing/pg_test_url.h"
#include "chemsafe/store/trace_store.h"

namespace chemsafe::service {
namespace {

using ::testing::HasSubstr;

constexpr const char* kA = "91440300MA5F00001X";  // Shenzhen, Nanshan (440305)
constexpr const char* kB = "91440100MA5F00002X";  // Guangzhou, Tianhe (440106)
constexpr const char* kC = "91440300MA5F00003X";  // Nanshan
constexpr const char* kD = "91440300MA5F00004X";  // Nanshan

// 10:00 in China on `day` (YYYY-MM-DD), as UTC text.
std::string At(const char* day) { return fmt::format("{}T02:00:00.000000Z", day); }
Date D(const char* day) { return *Date::Parse(day); }

class CreditServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto fresh = store::testing::FreshTestDatabase(true, "chemsafe-credit-service",
                                                   ::testing::UnitTest::GetInstance()->current_test_info()->name(), &dir_);
    ASSERT_TRUE(fresh.ok()) << fresh.status().ToString();
    db_ = *fresh;
    registry_ = std::move(store::OpenSqlite(*fresh)).value();
    credit_ = std::move(store::OpenSqliteCreditStore(*fresh)).value();
    inspect_ = std::move(store::OpenSqliteInspectStore(*fresh)).value();
    ASSERT_TRUE(registry_->InTransaction([&](store::RegistryWriter& w) -> Status {
      for (auto [uscc, division] : {std::pair{kA, "440305"}, std::pair{kB, "440106"}, std::pair{kC, "440305"},
                                    std::pair{kD, "440305"}}) {
        registry::Enterprise e;
        e.uscc = uscc;
        e.name = fmt::format("企业{}（演示）", std::string(uscc).substr(16, 1));
        e.legal_representative = "王五";
        e.division_code = division;
        e.provenance = registry::Provenance::kSynthetic;
        CHEMSAFE_RETURN_IF_ERROR(w.UpsertEnterprise(e));
      }
      return Status::Ok();
    }).ok());
  }
  void TearDown() override {
    inspect_.reset();
    credit_.reset();
    registry_.reset();
    std::filesystem::remove_all(dir_);
  }

  CreditStores Stores() { return {*registry_, *credit_, *inspect_}; }
  static Actor As(Role role, std::string name, std::string uscc = "", std::string division = "") {
    Actor a;
    a.principal.username = std::move(name);
    a.principal.role = role;
    a.principal.enterprise_uscc = std::move(uscc);
    a.principal.division_code = std::move(division);
    a.client = "127.0.0.1:1";
    a.request_id = "r";
    return a;
  }
  static Actor Nanshan() { return As(Role::kCounty, "nanshan-officer", "", "440305"); }
  static Actor Tianhe() { return As(Role::kCounty, "tianhe-officer", "", "440106"); }
  static Actor Province() { return As(Role::kProvince, "province-officer"); }
  static Actor EntA() { return As(Role::kEnterprise, "ent-a", kA); }
  static Actor EntB() { return As(Role::kEnterprise, "ent-b", kB); }

  static credit::Listing Listing(const char* uscc, const char* decided) {
    credit::Listing l;
    l.uscc = uscc;
    l.reason = "瞒报生产安全事故";
    l.legal_basis = "《安全生产严重失信主体名单管理办法》";
    l.decision_unit = "南山区应急管理局";
    l.decision_no = "深南应急失信〔2025〕1号";
    l.decided_on = D(decided);
    return l;
  }
  StoredListing ListA(const char* decided = "2025-01-10") {
    auto l = AddListingAs(Stores(), Nanshan(), At("2026-11-29"), Listing(kA, decided));
    EXPECT_TRUE(l.ok()) << l.status().ToString();
    return l.ok() ? *l : StoredListing{};
  }
  std::string FindingOf(const Actor& officer, const char* uscc) {
    inspect::FindingReport r;
    r.enterprise_uscc = uscc;
    r.description = "可燃气体检测报警装置失效";
    r.grade = inspect::HazardGrade::kGeneral;
    r.found_date = D("2026-11-20");
    auto f = ReportFindingAs({*registry_, *inspect_}, officer, At("2026-11-20"), r);
    EXPECT_TRUE(f.ok()) << f.status().ToString();
    return f.ok() ? f->finding.report.id : "";
  }
  static StoredPolicy Policy(const char* uscc, const char* no, const char* from, const char* to) {
    StoredPolicy p;
    p.policy.enterprise_uscc = uscc;
    p.policy.insurer = "甲财产保险（演示）";
    p.policy.policy_no = no;
    p.policy.valid_from = D(from);
    p.policy.valid_to = D(to);
    p.policy.insured_amount_fen = 1'000'000'000;
    p.policy.persons_covered = 20;
    return p;
  }

  std::string db_;
  std::filesystem::path dir_;
  std::unique_ptr<store::RegistryStore> registry_;
  std::unique_ptr<store::CreditStore> credit_;
  std::unique_ptr<store::InspectStore> inspect_;
};

TEST_F(CreditServiceTest, ListingByTheDecidingGovernmentOfTheScope) {
  const StoredListing a = ListA();
  EXPECT_EQ(a.version, 1);
  EXPECT_EQ(a.listing.enterprise_name, "企业1（演示）") << "from the registry";
  EXPECT_EQ(a.listing.division_code, "440305") << "the caller's division";
  EXPECT_EQ(credit::PeriodLastDay(a.listing), D("2028-01-10"));

  auto other = AddListingAs(Stores(), Nanshan(), At("2026-11-29"), Listing(kB, "2026-01-01"));
  EXPECT_EQ(other.status().code(), StatusCode::kNotFound) << "B is Tianhe's";
  auto by_ent = AddListingAs(Stores(), EntA(), At("2026-11-29"), Listing(kA, "2026-01-01"));
  EXPECT_EQ(by_ent.status().code(), StatusCode::kPermissionDenied);
  auto by_dept = AddListingAs(Stores(), As(Role::kDepartment, "dept", "", ""), At("2026-11-29"), Listing(kB, "2026-01-01"));
  EXPECT_EQ(by_dept.status().code(), StatusCode::kPermissionDenied) << "departments read only";
  credit::Listing bare = Listing(kC, "2026-01-01");
  bare.legal_basis.clear();
  auto invalid = AddListingAs(Stores(), Nanshan(), At("2026-11-29"), bare);
  EXPECT_EQ(invalid.status().message(), "legal_basis: missing");
  auto future = AddListingAs(Stores(), Nanshan(), At("2026-11-29"), Listing(kC, "2026-11-30"));
  EXPECT_EQ(future.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(future.status().message(), HasSubstr("decided_on"));
  auto twice = AddListingAs(Stores(), Nanshan(), At("2026-11-29"), Listing(kA, "2026-06-01"));
  EXPECT_EQ(twice.status().code(), StatusCode::kFailedPrecondition) << "A is listed then";
  ASSERT_TRUE(AddListingAs(Stores(), Tianhe(), At("2026-11-29"), Listing(kB, "2026-01-01")).ok());

  auto nanshan = ListListingsInScope(Stores(), Nanshan().principal);
  ASSERT_TRUE(nanshan.ok());
  ASSERT_EQ(nanshan->size(), 1u);
  EXPECT_EQ((*nanshan)[0].listing.uscc, kA);
  auto ent_b = ListingInScope(Stores(), EntB().principal, a.id);
  EXPECT_EQ(ent_b.status().code(), StatusCode::kNotFound) << "another enterprise's listing";
  EXPECT_EQ(ListListingsInScope(Stores(), Province().principal)->size(), 2u);
}

TEST_F(CreditServiceTest, PublicListShowsPublishedListingsInForceAndNoPerson) {
  ListA("2025-01-10");
  credit::Listing hidden = Listing(kC, "2025-01-10");
  hidden.publish = false;
  ASSERT_TRUE(AddListingAs(Stores(), Nanshan(), At("2026-11-29"), hidden).ok());
  auto on = ListBlacklistPublic(*credit_, D("2026-11-29"));
  ASSERT_TRUE(on.ok()) << on.status().ToString();
  ASSERT_EQ(on->size(), 1u);
  EXPECT_EQ((*on)[0].uscc, kA);
  EXPECT_EQ((*on)[0].period_last_day, D("2028-01-10"));
  const std::string text = PublicListingJson((*on)[0]).dump();
  EXPECT_THAT(text, HasSubstr("瞒报生产安全事故"));
  EXPECT_THAT(text, ::testing::Not(HasSubstr("王五"))) << "no legal representative or other person";
  EXPECT_EQ(ListBlacklistPublic(*credit_, D("2028-01-10"))->size(), 1u) << "the last day";
  EXPECT_TRUE(ListBlacklistPublic(*credit_, D("2028-01-11"))->empty());
  EXPECT_TRUE(ListBlacklistPublic(*credit_, D("2025-01-09"))->empty());
}

TEST_F(CreditServiceTest, RepairAndEarlyRemovalAtTheTwelveMonthEdge) {
  const StoredListing a = ListA("2025-01-10");
  auto early = ApplyRepairAs(Stores(), EntA(), At("2026-01-10"), a.id, a.version, "已整改");
  EXPECT_EQ(early.status().code(), StatusCode::kFailedPrecondition) << early.status().ToString();
  EXPECT_EQ(ApplyRepairAs(Stores(), EntB(), At("2026-01-11"), a.id, a.version, "已整改").status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(ApplyRepairAs(Stores(), EntA(), At("2026-01-11"), a.id, a.version, "").status().message(), "note: missing");
  auto applied = ApplyRepairAs(Stores(), EntA(), At("2026-01-11"), a.id, a.version, "已整改并通过验收");
  ASSERT_TRUE(applied.ok()) << applied.status().ToString();
  EXPECT_EQ(applied->listing.repair.decision, credit::RepairDecision::kPending);
  EXPECT_EQ(applied->listing.repair.applied_on, D("2026-01-11"));

  auto stale = RemoveListingAs(Stores(), Nanshan(), At("2026-01-12"), a.id, a.version, credit::RemovalKind::kEarly,
                               D("2026-01-12"));
  EXPECT_EQ(stale.status().code(), StatusCode::kFailedPrecondition) << "another change came first";
  EXPECT_EQ(RemoveListingAs(Stores(), Tianhe(), At("2026-01-12"), a.id, applied->version, credit::RemovalKind::kEarly,
                            D("2026-01-12")).status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(RemoveListingAs(Stores(), EntA(), At("2026-01-12"), a.id, applied->version, credit::RemovalKind::kEarly,
                            D("2026-01-12")).status().code(),
            StatusCode::kPermissionDenied);
  auto removed = RemoveListingAs(Stores(), Nanshan(), At("2026-01-12"), a.id, applied->version,
                                 credit::RemovalKind::kEarly, D("2026-01-12"), "信用修复");
  ASSERT_TRUE(removed.ok()) << removed.status().ToString();
  EXPECT_EQ(removed->listing.repair.decision, credit::RepairDecision::kApproved);
  EXPECT_EQ(removed->listing.removed_on, D("2026-01-12"));

  auto before = BlacklistedOn(*credit_, D("2026-01-11"));
  ASSERT_TRUE(before.ok());
  EXPECT_EQ(before->count(kA), 1u);
  EXPECT_EQ(BlacklistedOn(*credit_, D("2026-01-12"))->count(kA), 0u);
  EXPECT_TRUE(ListBlacklistPublic(*credit_, D("2026-01-12"))->empty());
  auto again = RemoveListingAs(Stores(), Nanshan(), At("2026-02-01"), a.id, removed->version,
                               credit::RemovalKind::kRevoked, D("2026-02-01"));
  EXPECT_EQ(again.status().code(), StatusCode::kFailedPrecondition) << "already removed";
}

TEST_F(CreditServiceTest, RejectedRepairKeepsTheListing) {
  const StoredListing a = ListA("2025-01-10");
  auto applied = ApplyRepairAs(Stores(), EntA(), At("2026-03-01"), a.id, a.version, "已整改");
  ASSERT_TRUE(applied.ok()) << applied.status().ToString();
  auto rejected = RejectRepairAs(Stores(), Nanshan(), At("2026-03-05"), a.id, applied->version);
  ASSERT_TRUE(rejected.ok()) << rejected.status().ToString();
  EXPECT_EQ(rejected->listing.repair.decision, credit::RepairDecision::kRejected);
  EXPECT_EQ(RejectRepairAs(Stores(), Nanshan(), At("2026-03-06"), a.id, rejected->version).status().code(),
            StatusCode::kFailedPrecondition) << "none pending";
  EXPECT_EQ(RemoveListingAs(Stores(), Nanshan(), At("2026-03-06"), a.id, rejected->version,
                            credit::RemovalKind::kEarly, D("2026-03-06")).status().code(),
            StatusCode::kFailedPrecondition) << "a rejected repair does not remove early";
  EXPECT_EQ(BlacklistedOn(*credit_, D("2026-03-06"))->count(kA), 1u);
}

TEST_F(CreditServiceTest, OneBlacklistWithTheTraceRows) {
  auto trace = store::OpenSqliteTraceStore(db_);
  ASSERT_TRUE(trace.ok()) << trace.status().ToString();
  store::BlacklistEntry old{0, kB, "2024-01-01", "", "公安机关", "非法购买易制爆化学品"};
  audit::AuditRecord record = AuditOf(Province(), At("2026-11-29"), "blacklist.add", kB, "ok");
  ASSERT_TRUE((*trace)->AddBlacklisting(old, record).ok());
  ListA("2025-01-10");
  auto listed = BlacklistedOn(*credit_, D("2026-11-29"));
  ASSERT_TRUE(listed.ok());
  EXPECT_EQ(*listed, (std::set<std::string>{kA, kB}));
  auto shown = ListBlacklistPublic(*credit_, D("2026-11-29"));
  ASSERT_EQ(shown->size(), 1u) << "the trace row carries no decision: not published";
  auto via_trace = (*trace)->Blacklist();
  ASSERT_TRUE(via_trace.ok());
  ASSERT_EQ(via_trace->size(), 2u);
  EXPECT_EQ((*via_trace)[0].uscc, kB) << "in USCC order";
  EXPECT_EQ((*via_trace)[1].uscc, kA);
  EXPECT_EQ((*via_trace)[1].ended_on, "2028-01-11") << "the day after the period's last day";
}

TEST_F(CreditServiceTest, EnforcementLinksFindingsOfTheSameEnterprise) {
  const std::string fa = FindingOf(Nanshan(), kA);
  const std::string fb = FindingOf(Tianhe(), kB);
  Enforcement rec;
  rec.enterprise_uscc = kA;
  rec.kind = EnforcementKind::kPenalty;
  rec.date = D("2026-11-25");
  rec.violation = "未按规定对重大危险源进行监测";
  rec.penalty_kind = "罚款";
  rec.fine_fen = 2'000'000;
  rec.finding_ids = {fa};
  auto saved = RecordEnforcementAs(Stores(), Nanshan(), At("2026-11-29"), rec);
  ASSERT_TRUE(saved.ok()) << saved.status().ToString();
  EXPECT_EQ(saved->division_code, "440305");
  EXPECT_EQ(saved->created_by, "nanshan-officer");

  Enforcement wrong = rec;
  wrong.finding_ids = {fa, fb};
  EXPECT_THAT(RecordEnforcementAs(Stores(), Nanshan(), At("2026-11-29"), wrong).status().message(),
              HasSubstr("finding_ids[1]: finding " + fb + " is of another enterprise"));
  wrong.finding_ids = {"999"};
  EXPECT_THAT(RecordEnforcementAs(Stores(), Nanshan(), At("2026-11-29"), wrong).status().message(),
              HasSubstr("finding_ids[0]: no finding 999"));
  wrong = rec;
  wrong.kind = EnforcementKind::kInspection;
  EXPECT_EQ(RecordEnforcementAs(Stores(), Nanshan(), At("2026-11-29"), wrong).status().message(),
            "fine_fen: only a penalty has a fine");
  wrong = rec;
  wrong.violation.clear();
  EXPECT_EQ(RecordEnforcementAs(Stores(), Nanshan(), At("2026-11-29"), wrong).status().message(), "violation: missing");
  EXPECT_EQ(RecordEnforcementAs(Stores(), EntA(), At("2026-11-29"), rec).status().code(), StatusCode::kPermissionDenied);
  Enforcement of_b = rec;
  of_b.enterprise_uscc = kB;
  of_b.finding_ids = {fb};
  EXPECT_EQ(RecordEnforcementAs(Stores(), Nanshan(), At("2026-11-29"), of_b).status().code(), StatusCode::kNotFound);
  ASSERT_TRUE(RecordEnforcementAs(Stores(), Tianhe(), At("2026-11-29"), of_b).ok());

  auto mine = ListEnforcementInScope(Stores(), EntA().principal);
  ASSERT_TRUE(mine.ok()) << mine.status().ToString();
  ASSERT_EQ(mine->size(), 1u);
  EXPECT_EQ((*mine)[0].finding_ids, std::vector<std::string>{fa});
  EXPECT_EQ((*mine)[0].fine_fen, 2'000'000);
  EXPECT_EQ(ListEnforcementInScope(Stores(), Nanshan().principal)->size(), 1u);
  EXPECT_EQ(ListEnforcementInScope(Stores(), Province().principal)->size(), 2u);
  EXPECT_TRUE(ListEnforcementInScope(Stores(), EntA().principal, kB)->empty());
}

TEST_F(CreditServiceTest, InsuranceGapsOfTheScope) {
  auto a = SavePolicyAs(Stores(), EntA(), At("2026-11-29"), Policy(kA, "P-A", "2026-01-01", "2026-12-20"));
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_EQ(a->version, 1);
  EXPECT_EQ(SavePolicyAs(Stores(), EntA(), At("2026-11-29"), Policy(kB, "P-B", "2026-01-01", "2026-12-31")).status().code(),
            StatusCode::kNotFound) << "another enterprise";
  ASSERT_TRUE(SavePolicyAs(Stores(), Nanshan(), At("2026-11-29"), Policy(kC, "P-C", "2025-01-01", "2025-12-31")).ok());
  EXPECT_EQ(SavePolicyAs(Stores(), Nanshan(), At("2026-11-29"), Policy(kD, "P-C", "2026-01-01", "2026-12-31")).status().code(),
            StatusCode::kAlreadyExists);
  ASSERT_TRUE(SavePolicyAs(Stores(), Tianhe(), At("2026-11-29"), Policy(kB, "P-B", "2026-01-01", "2027-06-30")).ok());

  StoredPolicy change = *a;
  change.policy.persons_covered = 25;
  auto changed = SavePolicyAs(Stores(), EntA(), At("2026-11-30"), change);
  ASSERT_TRUE(changed.ok()) << changed.status().ToString();
  EXPECT_EQ(changed->version, 2);
  EXPECT_EQ(SavePolicyAs(Stores(), EntA(), At("2026-11-30"), change).status().code(), StatusCode::kFailedPrecondition);
  StoredPolicy moved = *changed;
  moved.policy.enterprise_uscc = kC;
  EXPECT_EQ(SavePolicyAs(Stores(), Nanshan(), At("2026-11-30"), moved).status().message(),
            "enterprise_uscc: a policy stays with its enterprise");

  auto gaps = InsuranceGapsInScope(Stores(), Nanshan().principal, D("2026-11-29"));
  ASSERT_TRUE(gaps.ok()) << gaps.status().ToString();
  ASSERT_EQ(gaps->expiring.size(), 1u);
  EXPECT_EQ(gaps->expiring[0].enterprise_uscc, kA);
  EXPECT_EQ(gaps->expiring[0].days_left, 21);
  ASSERT_EQ(gaps->missing.size(), 2u) << "B is Tianhe's";
  EXPECT_EQ(gaps->missing[0].enterprise_uscc, kC);
  ASSERT_TRUE(gaps->missing[0].policy.has_value()) << "the policy that ended";
  EXPECT_EQ(gaps->missing[1].enterprise_uscc, kD);
  EXPECT_FALSE(gaps->missing[1].policy.has_value()) << "never insured";
  const auto j = InsuranceGapsJson(*gaps);
  EXPECT_EQ(j["missing"][1]["state"], "never_insured");
  EXPECT_EQ(j["missing"][0]["state"], "expired");

  auto narrow = InsuranceGapsInScope(Stores(), Nanshan().principal, D("2026-11-29"), {.expiring_within_days = 20});
  EXPECT_TRUE(narrow->expiring.empty()) << "21 days left";
  auto own = InsuranceGapsInScope(Stores(), EntB().principal, D("2026-11-29"));
  EXPECT_TRUE(own->expiring.empty() && own->missing.empty());
  EXPECT_EQ(ListPoliciesInScope(Stores(), Province().principal)->size(), 3u);
  EXPECT_EQ(ListPoliciesInScope(Stores(), EntA().principal)->size(), 1u);
}

TEST_F(CreditServiceTest, JsonCodecsNameThePath) {
  auto l = ListingFromJson(nlohmann::json::parse(R"({"uscc":"X","legal_basis":"b","decision_unit":"u","decided_on":"2026-01-01"})"));
  EXPECT_EQ(l.status().message(), "reason: missing");
  l = ListingFromJson(nlohmann::json::parse(
      R"({"uscc":"X","reason":"r","legal_basis":"b","decision_unit":"u","decided_on":"2026-13-01"})"));
  EXPECT_THAT(l.status().message(), HasSubstr("decided_on: \"2026-13-01\" is not a date"));
  l = ListingFromJson(nlohmann::json::parse(
      R"({"uscc":"X","reason":"r","legal_basis":"b","decision_unit":"u","decided_on":"2026-01-01","publish":"yes"})"));
  EXPECT_EQ(l.status().message(), "publish: not true or false");
  auto e = EnforcementFromJson(nlohmann::json::parse(R"({"enterprise_uscc":"X","kind":"fine","date":"2026-01-01"})"));
  EXPECT_THAT(e.status().message(), HasSubstr("kind: \"fine\" is not one of"));
  e = EnforcementFromJson(nlohmann::json::parse(R"({"enterprise_uscc":"X","kind":"penalty","date":"2026-01-01","finding_ids":[1]})"));
  EXPECT_EQ(e.status().message(), "finding_ids[0]: not a string");
  auto p = PolicyFromJson(nlohmann::json::parse(
      R"({"enterprise_uscc":"X","insurer":"i","policy_no":"n","valid_from":"2026-01-01","valid_to":"2026-12-31","insured_amount_fen":"10"})"));
  EXPECT_EQ(p.status().message(), "insured_amount_fen: not an integer (fen)");
  const StoredPolicy x = Policy(kA, "P-1", "2026-01-01", "2026-12-31");
  auto back = PolicyFromJson(nlohmann::json::parse(PolicyJson(x).dump()));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->policy.insured_amount_fen, x.policy.insured_amount_fen);
  EXPECT_EQ(back->policy.valid_to, x.policy.valid_to);
}

TEST_F(CreditServiceTest, DemoListsAtLeastThreeAndInsuresMost) {
  FindingOf(Nanshan(), kA);
  CreditDemoOptions o;
  o.enforced_share = 1.0;
  auto r = GenerateCreditDemo(Stores(), 7, D("2026-11-29"), o);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->enterprises, 4);
  EXPECT_EQ(r->listed, 3) << "0.5 % of 4, at least 3";
  EXPECT_EQ(r->enforcement_records, 1 + 3) << "one inspection record (A has a finding), a penalty per listing";
  EXPECT_EQ(r->linked_findings, 1);
  EXPECT_EQ(r->policies + r->uninsured, 4);
  auto listings = ListListingsInScope(Stores(), Province().principal);
  ASSERT_TRUE(listings.ok());
  ASSERT_EQ(listings->size(), 3u);
  for (const auto& l : *listings) {
    EXPECT_THAT(l.listing.reason, HasSubstr("（演示）"));
    EXPECT_THAT(l.listing.decision_unit, HasSubstr("（演示）"));
  }
  auto published = ListBlacklistPublic(*credit_, D("2026-11-29"));
  EXPECT_EQ(static_cast<int>(published->size()), r->listed - r->removed_after_repair);
  EXPECT_EQ(GenerateCreditDemo(Stores(), 7, D("2026-11-29"), {.blacklisted_share = 2.0}).status().code(),
            StatusCode::kInvalidArgument);
}

TEST_F(CreditServiceTest, DemoIsDeterministicForASeed) {
  auto first = GenerateCreditDemo(Stores(), 11, D("2026-11-29"));
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  auto listings = ListListingsInScope(Stores(), Province().principal);
  std::vector<std::string> days;
  for (const auto& l : *listings) days.push_back(l.listing.uscc + l.listing.decided_on.str());
  // A second database, the same registry and seed.
  std::filesystem::path dir2;
  auto fresh = store::testing::FreshTestDatabase(true, "chemsafe-credit-service", "DemoIsDeterministicForASeed2", &dir2);
  ASSERT_TRUE(fresh.ok());
  auto reg = std::move(store::OpenSqlite(*fresh)).value();
  ASSERT_TRUE(reg->InTransaction([&](store::RegistryWriter& w) -> Status {
    return registry_->ForEachEnterprise([&](const registry::Enterprise& e) {
      registry::Enterprise copy = e;
      copy.id = 0;
      return w.UpsertEnterprise(copy);
    });
  }).ok());
  auto credit2 = std::move(store::OpenSqliteCreditStore(*fresh)).value();
  auto inspect2 = std::move(store::OpenSqliteInspectStore(*fresh)).value();
  auto second = GenerateCreditDemo({*reg, *credit2, *inspect2}, 11, D("2026-11-29"));
  ASSERT_TRUE(second.ok());
  auto listings2 = ListListingsInScope({*reg, *credit2, *inspect2}, Province().principal);
  std::vector<std::string> days2;
  for (const auto& l : *listings2) days2.push_back(l.listing.uscc + l.listing.decided_on.str());
  EXPECT_EQ(days, days2);
  EXPECT_EQ(first->policies, second->policies);
  EXPECT_EQ(first->expiring, second->expiring);
  inspect2.reset();
  credit2.reset();
  reg.reset();
  std::filesystem::remove_all(dir2);
}

}  // namespace
}  // namespace chemsafe::service
