// Log-in, lockout, sessions and the setup token over a real SQLite platform store, with a clock the test
// moves (no sleeps). Argon2id runs with small parameters here: the cost is not what is tested.
#include "chemsafe/service/auth_service.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "chemsafe/audit/chain.h"

namespace chemsafe::service {
namespace {

using namespace std::chrono_literals;

class AuthServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("chemsafe-auth-" + std::to_string(getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    auto s = store::OpenSqlitePlatformStore((dir_ / "p.db").string());
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(s).value();
    AuthOptions o;
    o.argon2.memory_kib = 1024;
    o.argon2.time_cost = 1;
    o.clock = [this] { return now_; };
    auth_ = std::make_unique<AuthService>(*store_, o);
    admin_.principal.username = "admin";
    admin_.principal.role = Role::kAdmin;
  }
  void TearDown() override {
    auth_.reset();
    store_.reset();
    std::filesystem::remove_all(dir_);
  }
  void AddCityOfficer() {
    NewUser u{"shenzhen", "深圳市应急管理局 王五", Role::kCity, "4403", "", ""};
    auto r = auth_->AddUser(u, "Shenzhen#2017", admin_);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
  }
  std::vector<audit::AuditRecord> Trail() {
    std::vector<audit::AuditRecord> all;
    EXPECT_TRUE(store_->ForEachAudit([&](const audit::AuditRecord& a) {
      all.push_back(a);
      return Status::Ok();
    }).ok());
    return all;
  }

  std::chrono::system_clock::time_point now_ = std::chrono::sys_days{std::chrono::year{2026} / 11 / 29} + 8h;
  std::filesystem::path dir_;
  std::unique_ptr<store::PlatformStore> store_;
  std::unique_ptr<AuthService> auth_;
  Actor admin_;
};

TEST_F(AuthServiceTest, PasswordsFollowThePolicy) {
  NewUser u{"shenzhen", "王五", Role::kCity, "4403", "", ""};
  EXPECT_EQ(auth_->AddUser(u, "short1A", admin_).status().code(), StatusCode::kInvalidArgument);       // 7 characters
  EXPECT_EQ(auth_->AddUser(u, "alllowercase", admin_).status().code(), StatusCode::kInvalidArgument);  // 1 class
  NewUser no_division{"x", "王五", Role::kCity, "", "", ""};
  EXPECT_EQ(auth_->AddUser(no_division, "Shenzhen#2017", admin_).status().code(), StatusCode::kInvalidArgument);
  NewUser bad_uscc{"e", "企业", Role::kEnterprise, "", "", "91440300MA5F00001Y"};
  EXPECT_EQ(auth_->AddUser(bad_uscc, "Shenzhen#2017", admin_).status().code(), StatusCode::kInvalidArgument);
  auto ok = auth_->AddUser(u, "Shenzhen#2017", admin_);
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(ok->password_hash.rfind("$argon2id$", 0), 0u);
  EXPECT_EQ(auth_->AddUser(u, "Shenzhen#2017", admin_).status().code(), StatusCode::kAlreadyExists);
}

TEST_F(AuthServiceTest, LogInAuthenticateLogOut) {
  AddCityOfficer();
  auto login = auth_->Login("shenzhen", "Shenzhen#2017", "127.0.0.1:1", "r1");
  ASSERT_TRUE(login.ok()) << login.status().ToString();
  EXPECT_GE(login->token.size(), 22u);  // ≥ 128 bits
  EXPECT_EQ(login->principal.role, Role::kCity);
  EXPECT_EQ(login->principal.division_code, "4403");
  auto session = auth_->Authenticate(login->token);
  ASSERT_TRUE(session.ok());
  EXPECT_EQ(session->csrf_token, login->csrf_token);
  // A second log-in gets a new token (rotation).
  auto again = auth_->Login("shenzhen", "Shenzhen#2017", "127.0.0.1:1", "r2");
  ASSERT_TRUE(again.ok());
  EXPECT_NE(again->token, login->token);
  Actor actor{session->principal, "127.0.0.1:1", "r3"};
  ASSERT_TRUE(auth_->Logout(*session, actor).ok());
  EXPECT_EQ(auth_->Authenticate(login->token).status().code(), StatusCode::kUnauthenticated);
  EXPECT_TRUE(auth_->Authenticate(again->token).ok());
  EXPECT_EQ(auth_->Authenticate("not-a-token-at-all-xxxxxxxx").status().code(), StatusCode::kUnauthenticated);
}

TEST_F(AuthServiceTest, FiveFailuresLockForFifteenMinutes) {
  AddCityOfficer();
  for (int i = 1; i <= 5; ++i) {
    auto r = auth_->Login("shenzhen", "wrong-password", "c", "r");
    EXPECT_EQ(r.status().code(), StatusCode::kUnauthenticated) << "attempt " << i;
  }
  // The 6th attempt fails even with the right password.
  auto locked = auth_->Login("shenzhen", "Shenzhen#2017", "c", "r");
  EXPECT_EQ(locked.status().code(), StatusCode::kPermissionDenied);
  EXPECT_NE(locked.status().message().find("account_locked"), std::string::npos);
  now_ += 14min + 59s;
  EXPECT_EQ(auth_->Login("shenzhen", "Shenzhen#2017", "c", "r").status().code(), StatusCode::kPermissionDenied);
  now_ += 2s;
  EXPECT_TRUE(auth_->Login("shenzhen", "Shenzhen#2017", "c", "r").ok());
  // Every attempt is in the audit trail, and the trail verifies.
  auto trail = Trail();
  int logins = 0;
  for (const auto& a : trail) logins += a.action == "login" ? 1 : 0;
  EXPECT_EQ(logins, 8);
  EXPECT_FALSE(audit::VerifyChain(trail).has_value());
}

TEST_F(AuthServiceTest, UnknownUsersGetTheSameAnswerAndAreAudited) {
  AddCityOfficer();
  auto unknown = auth_->Login("nobody", "whatever", "c", "r");
  auto wrong = auth_->Login("shenzhen", "whatever", "c", "r");
  EXPECT_EQ(unknown.status().code(), StatusCode::kUnauthenticated);
  EXPECT_EQ(unknown.status().message(), wrong.status().message());
  EXPECT_EQ(Trail().back().outcome, "failed");
}

TEST_F(AuthServiceTest, IdleSessionsDieAfterThirtyMinutes) {
  AddCityOfficer();
  auto login = auth_->Login("shenzhen", "Shenzhen#2017", "c", "r");
  ASSERT_TRUE(login.ok());
  now_ += 29min;
  EXPECT_TRUE(auth_->Authenticate(login->token).ok());  // and this use keeps it alive
  now_ += 29min;
  EXPECT_TRUE(auth_->Authenticate(login->token).ok());
  now_ += 31min;
  EXPECT_EQ(auth_->Authenticate(login->token).status().code(), StatusCode::kUnauthenticated);
  EXPECT_EQ(Trail().back().action, "session.expired");
}

TEST_F(AuthServiceTest, TheCheckWithoutWritingDefersWhatNeedsAWrite) {
  AddCityOfficer();
  auto login = auth_->Login("shenzhen", "Shenzhen#2017", "c", "r");
  ASSERT_TRUE(login.ok());
  auto fresh = auth_->AuthenticateWithoutWriting(login->token);
  ASSERT_TRUE(fresh.ok() && fresh->has_value());
  EXPECT_EQ((*fresh)->principal.username, "shenzhen");
  EXPECT_EQ(auth_->AuthenticateWithoutWriting("not-a-token-at-all-xxxxxxxx").status().code(),
            StatusCode::kUnauthenticated);
  now_ += 2min;  // last_seen is due to be written: the read-only check hands over, and writes nothing
  auto due = auth_->AuthenticateWithoutWriting(login->token);
  ASSERT_TRUE(due.ok());
  EXPECT_FALSE(due->has_value());
  ASSERT_TRUE(auth_->Authenticate(login->token).ok());  // touched now
  auto touched = auth_->AuthenticateWithoutWriting(login->token);
  ASSERT_TRUE(touched.ok());
  EXPECT_TRUE(touched->has_value());
  const auto records = Trail().size();
  now_ += 31min;  // expired: ending it is a write (and an audit record), so it is handed over too
  auto expired = auth_->AuthenticateWithoutWriting(login->token);
  ASSERT_TRUE(expired.ok());
  EXPECT_FALSE(expired->has_value());
  EXPECT_EQ(Trail().size(), records);
  EXPECT_EQ(auth_->Authenticate(login->token).status().code(), StatusCode::kUnauthenticated);
  EXPECT_EQ(Trail().back().action, "session.expired");
}

// The memo answers while the generations it was given stay the same and the session is fresh; new
// generations (a log-out, by any process) or a due touch send it back to the database.
TEST_F(AuthServiceTest, KnownSessionsHoldUntilTheGenerationsMoveOrATouchIsDue) {
  AddCityOfficer();
  auto login = auth_->Login("shenzhen", "Shenzhen#2017", "c", "r");
  ASSERT_TRUE(login.ok());
  SessionMemo memo;
  const store::Generations g1{3, 5};
  auto first = auth_->AuthenticateKnown(login->token, g1, memo, false);
  ASSERT_TRUE(first.ok() && first->has_value());
  // Ended behind the memo's back: at the same generations the memo still answers (which shows it is
  // the memo that answers); at the generations the end raised, the session is gone.
  auto out = admin_;
  auto record = AuditOf(out, auth_->Now(), "logout", "shenzhen", "ok");
  ASSERT_TRUE(store_->EndSession((*first)->token_hash, record).ok());
  auto stale = auth_->AuthenticateKnown(login->token, g1, memo, false);
  ASSERT_TRUE(stale.ok() && stale->has_value());
  EXPECT_EQ(auth_->AuthenticateKnown(login->token, store::Generations{3, 6}, memo, false).status().code(),
            StatusCode::kUnauthenticated);

  auto again = auth_->Login("shenzhen", "Shenzhen#2017", "c", "r");
  ASSERT_TRUE(again.ok());
  const store::Generations g2{3, 6};
  ASSERT_TRUE(auth_->AuthenticateKnown(again->token, g2, memo, false)->has_value());
  now_ += 2min;  // a touch is due: not from the memo; without writing, handed over
  auto due = auth_->AuthenticateKnown(again->token, g2, memo, false);
  ASSERT_TRUE(due.ok());
  EXPECT_FALSE(due->has_value());
  auto touched = auth_->AuthenticateKnown(again->token, g2, memo, true);
  ASSERT_TRUE(touched.ok() && touched->has_value());
  auto session = store_->FindSession((*touched)->token_hash);
  ASSERT_TRUE(session.ok() && session->has_value());
  EXPECT_EQ((*session)->last_seen, UtcText(now_));
  EXPECT_TRUE(auth_->AuthenticateKnown(again->token, g2, memo, false)->has_value());  // fresh again
}

TEST_F(AuthServiceTest, TheSetupTokenMakesTheFirstAdministratorOnce) {
  auto token = auth_->NewSetupToken();
  ASSERT_TRUE(token.ok() && token->has_value());
  NewUser admin{"admin", "系统管理员", Role::kAdmin, "", "", ""};
  EXPECT_EQ(auth_->SetUp("wrong", admin, "Admin#2017x", "c", "r").status().code(), StatusCode::kPermissionDenied);
  auto made = auth_->SetUp(**token, admin, "Admin#2017x", "c", "r");
  ASSERT_TRUE(made.ok()) << made.status().ToString();
  NewUser second{"admin2", "x", Role::kAdmin, "", "", ""};
  EXPECT_EQ(auth_->SetUp(**token, second, "Admin#2017x", "c", "r").status().code(), StatusCode::kPermissionDenied);
  auto none = auth_->NewSetupToken();
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());
}


}  // namespace
}  // namespace chemsafe::service
