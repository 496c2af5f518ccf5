// The platform store suite on both backends: users, log-in bookkeeping, sessions, and the audit trail —
// one SM3 chain whichever store appends, append-only, and written with the business write or not at all.
#include "chemsafe/store/platform_store.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "chemsafe/store/registry_store.h"
#include "chemsafe/store/testing/audit_records.h"
#include "chemsafe/store/testing/pg_test_url.h"

namespace chemsafe::store {
namespace {

enum class Backend { kSqlite, kPostgres };

class PlatformStoreTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    auto db = testing::FreshTestDatabase(GetParam() == Backend::kSqlite, "chemsafe-platform-store",
                                         ::testing::UnitTest::GetInstance()->current_test_info()->name(), &dir_);
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    target_ = *db;
    const bool sqlite = GetParam() == Backend::kSqlite;
    auto r = sqlite ? OpenSqlite(target_) : OpenPostgres(target_);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    registry_ = std::move(r).value();
    auto p = sqlite ? OpenSqlitePlatformStore(target_) : OpenPostgresPlatformStore(target_);
    ASSERT_TRUE(p.ok()) << p.status().ToString();
    platform_ = std::move(p).value();
  }
  void TearDown() override {
    platform_.reset();
    registry_.reset();
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }

  static audit::AuditRecord Audit(std::string action, std::string object = "") {
    audit::AuditRecord a = testing::TestAuditRecord(std::move(action), "admin", "admin");
    a.object = std::move(object);
    return a;
  }

  std::vector<audit::AuditRecord> Trail() {
    std::vector<audit::AuditRecord> all;
    EXPECT_TRUE(platform_->ForEachAudit([&](const audit::AuditRecord& a) {
      all.push_back(a);
      return Status::Ok();
    }).ok());
    return all;
  }

  UserRecord User(std::string name) {
    UserRecord u;
    u.username = std::move(name);
    u.name = "张三";
    u.role = 3;
    u.division_code = "4403";
    u.password_hash = "$argon2id$v=19$m=65536,t=3,p=1$c2FsdA$aGFzaA";
    u.created_at = "2026-11-29T04:00:00.000000Z";
    return u;
  }

  std::filesystem::path dir_;
  std::string target_;
  std::unique_ptr<RegistryStore> registry_;
  std::unique_ptr<PlatformStore> platform_;
};

TEST_P(PlatformStoreTest, UsersRoundTripAndNamesAreUnique) {
  UserRecord u = User("zhangsan");
  auto a = Audit("user.add", "zhangsan");
  ASSERT_TRUE(platform_->AddUser(u, a).ok());
  EXPECT_GT(u.id, 0);
  auto found = platform_->FindUser("zhangsan");
  ASSERT_TRUE(found.ok() && found->has_value());
  EXPECT_EQ((*found)->name, "张三");
  EXPECT_EQ((*found)->division_code, "4403");
  EXPECT_EQ((*found)->role, 3);
  EXPECT_EQ(*platform_->CountUsers(), 1);
  UserRecord again = User("zhangsan");
  auto a2 = Audit("user.add", "zhangsan");
  EXPECT_EQ(platform_->AddUser(again, a2).code(), StatusCode::kAlreadyExists);
  // The refused write left no audit record behind.
  EXPECT_EQ(Trail().size(), 1u);
}

TEST_P(PlatformStoreTest, LoginBookkeepingAndSessions) {
  UserRecord u = User("li");
  auto a = Audit("user.add");
  ASSERT_TRUE(platform_->AddUser(u, a).ok());
  auto f = Audit("login", "li");
  f.outcome = "failed";
  ASSERT_TRUE(platform_->RecordLoginFailure(u.id, 5, "2026-11-29T04:15:00.000000Z", f).ok());
  EXPECT_EQ((*platform_->FindUser("li"))->failed_logins, 5);
  EXPECT_EQ((*platform_->FindUser("li"))->locked_until, "2026-11-29T04:15:00.000000Z");
  SessionRecord s{"hash1", u.id, "csrf1", "2026-11-29T04:20:00.000000Z", "2026-11-29T04:20:00.000000Z", "c"};
  auto ok = Audit("login", "li");
  ASSERT_TRUE(platform_->RecordLogin(s, ok).ok());
  EXPECT_EQ((*platform_->FindUser("li"))->failed_logins, 0);
  EXPECT_EQ((*platform_->FindUser("li"))->locked_until, "");
  auto found = platform_->FindSession("hash1");
  ASSERT_TRUE(found.ok() && found->has_value());
  EXPECT_EQ((*found)->csrf_token, "csrf1");
  auto both = platform_->FindSessionWithUser("hash1");
  ASSERT_TRUE(both.ok() && both->has_value());
  EXPECT_EQ((*both)->first.csrf_token, "csrf1");
  EXPECT_EQ((*both)->first.client, "c");
  EXPECT_EQ((*both)->second.username, "li");
  EXPECT_EQ((*both)->second.division_code, "4403");
  EXPECT_FALSE(platform_->FindSessionWithUser("nohash")->has_value());
  ASSERT_TRUE(platform_->TouchSession("hash1", "2026-11-29T04:25:00.000000Z").ok());
  EXPECT_EQ((*platform_->FindSession("hash1"))->last_seen, "2026-11-29T04:25:00.000000Z");
  auto out = Audit("logout", "li");
  ASSERT_TRUE(platform_->EndSession("hash1", out).ok());
  EXPECT_FALSE(platform_->FindSession("hash1")->has_value());
  EXPECT_EQ(Trail().size(), 4u);
}

// The two generations (migrations 4 and 5): registry writes raise `data`; ending a session and changing
// who a user is or what a grid officer covers raise `accounts`; log-in bookkeeping and touches do not.
TEST_P(PlatformStoreTest, GenerationsMoveWithWhatAnswersAndSessionsDependOn) {
  auto now = [&] { return *registry_->CurrentGenerations(); };
  const Generations start = now();
  UserRecord u = User("grid1");
  u.role = 4;
  auto a = Audit("user.add");
  ASSERT_TRUE(platform_->AddUser(u, a).ok());
  auto f = Audit("login", "grid1");
  f.outcome = "failed";
  ASSERT_TRUE(platform_->RecordLoginFailure(u.id, 1, "", f).ok());
  SessionRecord s{"hash1", u.id, "csrf1", "2026-11-29T04:20:00.000000Z", "2026-11-29T04:20:00.000000Z", "c"};
  auto in = Audit("login", "grid1");
  ASSERT_TRUE(platform_->RecordLogin(s, in).ok());
  ASSERT_TRUE(platform_->TouchSession("hash1", "2026-11-29T04:25:00.000000Z").ok());
  EXPECT_EQ(now(), start);  // nothing a kept session or answer depends on has changed

  std::int64_t enterprise_id = 0;
  ASSERT_TRUE(registry_->InTransaction([&](RegistryWriter& w) -> Status {
    registry::Enterprise e;
    e.uscc = "91440300MA5F00001X";
    e.name = "示例化工有限公司";
    e.division_code = "440305";
    CHEMSAFE_RETURN_IF_ERROR(w.UpsertEnterprise(e));
    enterprise_id = e.id;
    return Status::Ok();
  }).ok());
  const Generations after_write = now();
  EXPECT_GT(after_write.data, start.data);
  EXPECT_EQ(after_write.accounts, start.accounts);

  auto g = Audit("grid.assign");
  ASSERT_TRUE(platform_->AssignGrid(u.id, enterprise_id, g).ok());
  const Generations after_assign = now();
  EXPECT_GT(after_assign.accounts, after_write.accounts);
  EXPECT_EQ(after_assign.data, after_write.data);

  auto out = Audit("logout", "grid1");
  ASSERT_TRUE(platform_->EndSession("hash1", out).ok());
  EXPECT_GT(now().accounts, after_assign.accounts);
}

// The grid officers of a division and what they cover (issue 7, plan task T4 "by grid"): only grid
// officers, only enterprises of the division, by username then enterprise id; disabled accounts left out.
TEST_P(PlatformStoreTest, GridAssignmentsInDivision) {
  std::vector<std::int64_t> ids;
  ASSERT_TRUE(registry_->InTransaction([&](RegistryWriter& w) -> Status {
    for (auto [uscc, division] : {std::pair{"91440300MA5F00001X", "440305"}, std::pair{"91440300MA5F00002X", "440305001"},
                                  std::pair{"91440100MA5F00003X", "440106"}}) {
      registry::Enterprise e;
      e.uscc = uscc;
      e.name = uscc;
      e.division_code = division;
      CHEMSAFE_RETURN_IF_ERROR(w.UpsertEnterprise(e));
      ids.push_back(e.id);
    }
    return Status::Ok();
  }).ok());
  auto add = [&](std::string name, int role, bool disabled = false) {
    UserRecord u = User(std::move(name));
    u.role = role;
    u.division_code = "";
    u.disabled = disabled;
    auto a = Audit("user.add");
    EXPECT_TRUE(platform_->AddUser(u, a).ok());
    return u.id;
  };
  const std::int64_t wang = add("wang", 5), li = add("li", 5), county = add("county", 4), gone = add("gone", 5, true);
  for (auto [user, enterprise] : {std::pair{wang, ids[2]}, std::pair{wang, ids[0]}, std::pair{li, ids[1]},
                                  std::pair{county, ids[0]}, std::pair{gone, ids[0]}}) {
    auto g = Audit("grid.assign");
    ASSERT_TRUE(platform_->AssignGrid(user, enterprise, g).ok());
  }
  auto nanshan = platform_->GridAssignmentsInDivision("440305");
  ASSERT_TRUE(nanshan.ok()) << nanshan.status().ToString();
  ASSERT_EQ(nanshan->size(), 2u);
  EXPECT_EQ((*nanshan)[0].username, "li");
  EXPECT_EQ((*nanshan)[0].enterprise_id, ids[1]) << "a township of the county";
  EXPECT_EQ((*nanshan)[1].username, "wang");
  EXPECT_EQ((*nanshan)[1].enterprise_id, ids[0]);
  EXPECT_EQ((*nanshan)[1].name, "张三");
  auto all = platform_->GridAssignmentsInDivision("");
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->size(), 3u) << "the county officer and the disabled grid officer left out";
  EXPECT_TRUE(platform_->GridAssignmentsInDivision("4401")->size() == 1u);
}

TEST_P(PlatformStoreTest, OneChainAcrossStoresAndItVerifies) {
  auto a = Audit("login");
  ASSERT_TRUE(platform_->AppendAudit(a).ok());
  ASSERT_TRUE(registry_->InTransaction([&](RegistryWriter& w) -> Status {
    registry::ProtectedTarget t;
    t.code = "T1";
    t.name = "某小学";
    t.kind = "学校";
    t.division_code = "440305";
    CHEMSAFE_RETURN_IF_ERROR(w.UpsertProtectedTarget(t));
    auto b = Audit("protected_target.upsert", "T1");
    return w.AppendAudit(b);
  }).ok());
  auto c = Audit("export");
  ASSERT_TRUE(platform_->AppendAudit(c).ok());
  auto trail = Trail();
  ASSERT_EQ(trail.size(), 3u);
  EXPECT_EQ(trail[0].seq, 1);
  EXPECT_EQ(trail[0].prev_hash, audit::kGenesisHash);
  EXPECT_EQ(trail[1].action, "protected_target.upsert");
  EXPECT_EQ(trail[2].prev_hash, trail[1].hash);
  EXPECT_FALSE(audit::VerifyChain(trail).has_value());
  AuditFilter exports;
  exports.action = "export";
  auto page = platform_->AuditPage(exports);
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->size(), 1u);
  EXPECT_EQ((*page)[0].seq, 3);
  EXPECT_EQ(*platform_->AuditCount(AuditFilter{}), 3);
}

TEST_P(PlatformStoreTest, ABusinessWriteThatFailsLeavesNoAuditRecord) {
  Status s = registry_->InTransaction([&](RegistryWriter& w) -> Status {
    auto b = Audit("unit.upsert", "U1");
    CHEMSAFE_RETURN_IF_ERROR(w.AppendAudit(b));
    registry::Unit u;  // its enterprise does not exist: the write fails after the audit append
    u.enterprise_uscc = "91440300MA5F00001X";
    u.code = "U1";
    u.name = "x";
    return w.UpsertUnit(u);
  });
  EXPECT_FALSE(s.ok());
  EXPECT_TRUE(Trail().empty());
}

TEST_P(PlatformStoreTest, AnAppendTakesTheNextSeqWhateverItWasGiven) {
  auto a = Audit("login");
  ASSERT_TRUE(platform_->AppendAudit(a).ok());
  // Neither an update nor a delete gets through the store's own connection either.
  Status s = registry_->InTransaction([&](RegistryWriter& w) -> Status {
    auto again = Audit("x");
    again.seq = 1;
    return w.AppendAudit(again);  // next seq, never an overwrite
  });
  EXPECT_TRUE(s.ok());
  auto trail = Trail();
  ASSERT_EQ(trail.size(), 2u);
  EXPECT_EQ(trail[1].seq, 2);
}

TEST_P(PlatformStoreTest, Settings) {
  EXPECT_FALSE(platform_->Setting("setup_token_hash")->has_value());
  ASSERT_TRUE(platform_->SetSetting("setup_token_hash", "abc").ok());
  ASSERT_TRUE(platform_->SetSetting("setup_token_hash", "def").ok());
  EXPECT_EQ(platform_->Setting("setup_token_hash")->value_or(""), "def");
}

INSTANTIATE_TEST_SUITE_P(Backends, PlatformStoreTest, ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const ::testing::TestParamInfo<Backend>& param_info) {
                           return param_info.param == Backend::kSqlite ? std::string("sqlite") : std::string("postgres");
                         });

}  // namespace
}  // namespace chemsafe::store
