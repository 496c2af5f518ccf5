// The platform over real sockets on a free loopback port, on a temporary SQLite database with a small
// synthetic demo province assessed under GB 18218-2018: sessions and CSRF, the bad-input answers, each
// role's scope, and cross-tenant requests generated from the route table (none may succeed), lockout,
// and the audit chain (including the detection of a one-byte edit of a stored record).
#include "chemsafe/api/platform.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sqlite3.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>

#include "chemsafe/api/server.h"
#include "chemsafe/api/testing/http_client.h"
#include "chemsafe/audit/chain.h"
#include "chemsafe/audit/sm3.h"
#include "chemsafe/reference/catalogue_files.h"
#include "chemsafe/service/demo.h"
#include "chemsafe/reference/qra_files.h"
#include "chemsafe/service/hazard_service.h"
#include "chemsafe/service/qra_province.h"
#include "chemsafe/store/platform_store.h"
#include "chemsafe/store/testing/pg_test_url.h"
#include "chemsafe/tabular/table_reader.h"

namespace chemsafe::api {
namespace {

using Json = nlohmann::json;
using testing::HttpClient;
using testing::HttpResult;

constexpr const char* kPassword = "Province#2017";

// The suite runs on SQLite, or on PostgreSQL when CHEMSAFE_API_TEST_BACKEND=postgres (its second ctest
// registration, with the "pg" fixture).
bool OnPostgres() {
  const char* b = std::getenv("CHEMSAFE_API_TEST_BACKEND");
  return b != nullptr && std::string_view(b) == "postgres";
}

struct World {
  std::filesystem::path dir;
  std::string db;  // SQLite file, or PostgreSQL URL
  std::unique_ptr<Platform> platform;
  std::unique_ptr<Server> server;
  std::string base;
  std::vector<registry::Enterprise> enterprises;
  std::vector<registry::Unit> units;
  std::vector<registry::ProtectedTarget> targets;
};

World* world = nullptr;

service::AuthOptions FastAuth() {
  service::AuthOptions o;
  o.argon2.memory_kib = 1024;  // the cost is not what is tested here
  o.argon2.time_cost = 1;
  return o;
}

class PlatformApi : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    world = new World;
    world->dir = std::filesystem::temp_directory_path() / ("chemsafe-platform-" + std::to_string(getpid()));
    std::filesystem::remove_all(world->dir);
    std::filesystem::create_directories(world->dir);
    world->db = (world->dir / "p.db").string();
    if (OnPostgres()) {
      auto url = store::testing::PostgresTestUrl();
      ASSERT_TRUE(url.has_value()) << "no PostgreSQL test server (ctest fixture \"pg\")";
      auto schema = store::testing::FreshPostgresSchema(*url);
      ASSERT_TRUE(schema.ok()) << schema.status().ToString();
      world->db = *schema;
    }
    {
      auto registry = OnPostgres() ? store::OpenPostgres(world->db) : store::OpenSqlite(world->db);
      ASSERT_TRUE(registry.ok());
      service::DemoOptions demo;
      demo.seed = 7;
      demo.enterprises = 120;
      auto made = service::GenerateDemoProvinceFromData(demo, CHEMSAFE_TEST_DATA_DIR, **registry);
      ASSERT_TRUE(made.ok()) << made.status().ToString();
      auto hazards = OnPostgres() ? store::OpenPostgresHazardStore(world->db) : store::OpenSqliteHazardStore(world->db);
      ASSERT_TRUE(hazards.ok());
      auto catalogue = reference::LoadCatalogue(CHEMSAFE_TEST_DATA_DIR);
      ASSERT_TRUE(catalogue.ok());
      ASSERT_TRUE(service::AssessRegistry(**registry, **hazards, *catalogue).ok());
      ASSERT_TRUE((*registry)->ForEachEnterprise([&](const registry::Enterprise& e) {
        world->enterprises.push_back(e);
        return Status::Ok();
      }).ok());
      ASSERT_TRUE((*registry)->ForEachUnit([&](const registry::Unit& u) {
        world->units.push_back(u);
        return Status::Ok();
      }).ok());
      auto targets = (*registry)->ListProtectedTargets();
      ASSERT_TRUE(targets.ok());
      world->targets = *targets;
    }
    PlatformOptions po;
    (OnPostgres() ? po.pg_url : po.db_path) = world->db;
    po.data_dir = CHEMSAFE_TEST_DATA_DIR;
    po.auth = FastAuth();
    po.version = "test";
    auto platform = Platform::Open(po);
    ASSERT_TRUE(platform.ok()) << platform.status().ToString();
    world->platform = std::move(platform).value();
    ServerOptions so;
    so.port = 0;
    so.max_body_bytes = 64 * 1024;
    auto server = Server::Start(*world->platform, so);
    ASSERT_TRUE(server.ok()) << server.status().ToString();
    world->server = std::move(server).value();
    world->base = "http://127.0.0.1:" + std::to_string(world->server->port());
    AddUsers();
  }
  static void TearDownTestSuite() {
    if (world != nullptr) {
      if (world->server) world->server->Stop();
      world->server.reset();
      world->platform.reset();
      std::filesystem::remove_all(world->dir);
      delete world;
      world = nullptr;
    }
  }

  static const registry::Enterprise& Enterprise(std::string_view city) {
    for (const auto& e : world->enterprises) {
      if (e.division_code.rfind(city, 0) == 0) return e;
    }
    throw std::runtime_error("no enterprise in " + std::string(city));
  }

  static void AddUsers() {
    auto store = OnPostgres() ? store::OpenPostgresPlatformStore(world->db) : store::OpenSqlitePlatformStore(world->db);
    ASSERT_TRUE(store.ok());
    service::AuthService auth(**store, FastAuth());
    service::Actor admin;
    admin.principal.username = "test";
    admin.principal.role = service::Role::kAdmin;
    using service::Role;
    const std::string own = Enterprise("4403").uscc;
    const std::vector<service::NewUser> users = {
        {"province", "省安委办", Role::kProvince, "", "", ""},
        {"dept", "应急管理厅", Role::kDepartment, "", "应急管理厅", ""},
        {"shenzhen", "深圳市", Role::kCity, "4403", "", ""},
        {"guangzhou", "广州市", Role::kCity, "4401", "", ""},
        {"grid", "网格员", Role::kGrid, "", "", ""},
        {"enterprise", "企业", Role::kEnterprise, "", "", own},
        {"auditor", "审计员", Role::kAuditor, "", "", ""},
        {"admin", "管理员", Role::kAdmin, "", "", ""},
        {"locked", "锁定测试", Role::kProvince, "", "", ""},
    };
    for (const auto& u : users) ASSERT_TRUE(auth.AddUser(u, kPassword, admin).ok()) << u.username;
    auto grid = (*store)->FindUser("grid");
    auto a = service::AuditOf(admin, auth.Now(), "grid.assign", "grid", "ok");
    ASSERT_TRUE((*store)->AssignGrid((*grid)->id, Enterprise("4401").id, a).ok());
  }

  static std::unique_ptr<HttpClient> LoggedIn(const std::string& user) {
    auto c = std::make_unique<HttpClient>(world->base);
    auto r = c->PostJson("/api/v1/auth/login", Json{{"username", user}, {"password", kPassword}}.dump());
    EXPECT_EQ(r.status, 200) << user << ": " << r.body;
    if (r.status == 200) c->csrf_token = Json::parse(r.body)["csrf_token"];
    return c;
  }

  // The text of a PDF (pdftotext -layout).
  static std::string PdfText(const std::string& pdf) {
    const auto path = std::filesystem::temp_directory_path() / ("chemsafe-card-" + std::to_string(::getpid()) + ".pdf");
    std::ofstream(path, std::ios::binary) << pdf;
    const std::string command = "pdftotext -layout " + path.string() + " - 2>/dev/null";
    std::string text;
    if (FILE* f = ::popen(command.c_str(), "r")) {
      char buf[4096];
      std::size_t n = 0;
      while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) text.append(buf, n);
      ::pclose(f);
    }
    std::filesystem::remove(path);
    return text;
  }

  static std::string Code(const HttpResult& r) {
    auto j = Json::parse(r.body, nullptr, false);
    if (j.is_discarded() || !j.contains("error")) return "";
    EXPECT_FALSE(j["error"]["request_id"].get<std::string>().empty());
    return j["error"]["code"];
  }
};

TEST_F(PlatformApi, HealthReadinessAndTheDescriptionArePublic) {
  HttpClient c(world->base);
  EXPECT_EQ(c.Get("/api/v1/health").status, 200);
  EXPECT_EQ(c.Get("/api/v1/ready").status, 200);
  auto doc = c.Get("/api/v1/openapi.json");
  ASSERT_EQ(doc.status, 200);
  auto j = Json::parse(doc.body);
  EXPECT_EQ(j["openapi"], "3.0.3");
  // Every route of the table is in the description, with its method.
  for (const Route& r : world->platform->router().routes()) {
    std::string m(MethodName(r.method));
    for (char& ch : m) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    EXPECT_TRUE(j["paths"].contains(r.pattern) && j["paths"][r.pattern].contains(m)) << m << " " << r.pattern;
  }
}

TEST_F(PlatformApi, EveryOtherRouteNeedsASession) {
  HttpClient c(world->base);
  // The published blacklist is public by law (安全生产严重失信主体名单管理办法: publication).
  const std::set<std::string> open = {"/api/v1/health",     "/api/v1/ready", "/api/v1/openapi.json",
                                      "/api/v1/auth/login", "/api/v1/setup", "/api/v1/public/blacklist"};
  int checked = 0;
  for (const Route& r : world->platform->router().routes()) {
    std::string path = r.pattern;
    for (const std::string& p : {std::string("{id}"), std::string("{unit_id}"), std::string("{photo}")}) {
      if (auto at = path.find(p); at != std::string::npos) path.replace(at, p.size(), "1");
    }
    const HttpResult res = c.Request(std::string(MethodName(r.method)), path, "{}", {"Content-Type: application/json"});
    if (open.contains(r.pattern)) {
      EXPECT_NE(res.status, 401) << r.pattern;
    } else {
      EXPECT_EQ(res.status, 401) << r.pattern;
      EXPECT_EQ(Code(res), "unauthenticated") << r.pattern;
      ++checked;
    }
  }
  EXPECT_GE(checked, 10);
}

TEST_F(PlatformApi, BadInputGetsAClearErrorAndNothingElse) {
  HttpClient c(world->base);
  auto malformed = c.Request("POST", "/api/v1/auth/login", "{\"username\":", {"Content-Type: application/json"});
  EXPECT_EQ(malformed.status, 400);
  EXPECT_EQ(Code(malformed), "invalid_json");
  auto unknown = c.PostJson("/api/v1/auth/login", R"({"username":"a","password":"b","remember":true})");
  EXPECT_EQ(unknown.status, 400);
  EXPECT_EQ(Code(unknown), "unknown_field");
  EXPECT_NE(Json::parse(unknown.body)["error"]["message"].get<std::string>().find("remember"), std::string::npos);
  auto type = c.Request("POST", "/api/v1/auth/login", "username=a", {"Content-Type: application/x-www-form-urlencoded"});
  EXPECT_EQ(type.status, 415);
  EXPECT_EQ(Code(type), "unsupported_media_type");
  auto big = c.Request("POST", "/api/v1/auth/login", std::string(70 * 1024, ' '), {"Content-Type: application/json"});
  EXPECT_EQ(big.status, 413);
  EXPECT_EQ(Code(big), "payload_too_large");
  auto none = c.Get("/api/v1/no-such-thing");
  EXPECT_EQ(none.status, 404);
  EXPECT_EQ(Code(none), "not_found");
  auto session = LoggedIn("province");
  auto page = session->Get("/api/v1/enterprises?page_size=500");
  EXPECT_EQ(page.status, 400);
  EXPECT_NE(page.body.find("page_size"), std::string::npos);
}

TEST_F(PlatformApi, StateChangesNeedTheCsrfTokenAndLogOutEndsTheSession) {
  auto c = LoggedIn("shenzhen");
  const std::string token = c->csrf_token;
  c->csrf_token = "wrong";
  auto refused = c->PostJson("/api/v1/auth/logout", "{}");
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(Code(refused), "csrf");
  c->csrf_token = token;
  EXPECT_EQ(c->PostJson("/api/v1/auth/logout", "{}").status, 204);
  EXPECT_EQ(c->Get("/api/v1/auth/me").status, 401);
}

TEST_F(PlatformApi, TheSessionCookieIsHttpOnlyAndStrict) {
  HttpClient c(world->base);
  auto r = c.PostJson("/api/v1/auth/login", Json{{"username", "province"}, {"password", kPassword}}.dump());
  ASSERT_EQ(r.status, 200);
  const std::string cookie = r.headers["set-cookie"];
  EXPECT_NE(cookie.find("chemsafe_session="), std::string::npos);
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos);
  EXPECT_EQ(r.body.find(cookie.substr(17, 20)), std::string::npos);  // the token is not in the body
}

TEST_F(PlatformApi, EachRoleSeesItsScope) {
  auto province = LoggedIn("province");
  auto all = Json::parse(province->Get("/api/v1/enterprises?page_size=200").body);
  EXPECT_EQ(all["total"], world->enterprises.size());
  auto sz = LoggedIn("shenzhen");
  auto mine = Json::parse(sz->Get("/api/v1/enterprises?page_size=200").body);
  ASSERT_GT(mine["total"].get<int>(), 0);
  for (const auto& e : mine["items"]) EXPECT_EQ(e["division_code"].get<std::string>().substr(0, 4), "4403");
  auto ent = LoggedIn("enterprise");
  auto own = Json::parse(ent->Get("/api/v1/enterprises").body);
  ASSERT_EQ(own["total"], 1);
  EXPECT_EQ(own["items"][0]["uscc"], Enterprise("4403").uscc);
  auto grid = LoggedIn("grid");
  auto assigned = Json::parse(grid->Get("/api/v1/enterprises").body);
  ASSERT_EQ(assigned["total"], 1);
  EXPECT_EQ(assigned["items"][0]["id"], Enterprise("4401").id);
  // The administration roles see no business data.
  auto auditor = LoggedIn("auditor");
  EXPECT_EQ(Json::parse(auditor->Get("/api/v1/enterprises").body)["total"], 0);
  EXPECT_EQ(auditor->Get("/api/v1/enterprises/" + std::to_string(Enterprise("4403").id)).status, 404);
  // The dashboard counts the caller's scope only.
  auto dash = Json::parse(sz->Get("/api/v1/dashboard").body);
  EXPECT_EQ(dash["enterprises"]["total"], mine["total"]);
  EXPECT_EQ(dash["scope"]["label"], "深圳市");
}

TEST_F(PlatformApi, NoRequestAcrossTenantsSucceeds) {
  // For every route with an object id, every user asks for every object outside their scope: 404 each
  // time, the same answer as for an object that does not exist.
  struct Caller {
    std::string user;
    std::function<bool(const registry::Enterprise&)> owns;
  };
  const auto sz = [](const registry::Enterprise& e) { return e.division_code.rfind("4403", 0) == 0; };
  const auto gz = [](const registry::Enterprise& e) { return e.division_code.rfind("4401", 0) == 0; };
  const std::string own = Enterprise("4403").uscc;
  const std::int64_t assigned = Enterprise("4401").id;
  const std::vector<Caller> callers = {
      {"shenzhen", sz},
      {"guangzhou", gz},
      {"enterprise", [&](const registry::Enterprise& e) { return e.uscc == own; }},
      {"grid", [&](const registry::Enterprise& e) { return e.id == assigned; }},
      {"auditor", [](const registry::Enterprise&) { return false; }},
      {"admin", [](const registry::Enterprise&) { return false; }},
  };
  std::map<std::int64_t, const registry::Enterprise*> by_id;
  for (const auto& e : world->enterprises) by_id[e.id] = &e;
  int attempts = 0, succeeded = 0;
  for (const Caller& caller : callers) {
    auto c = LoggedIn(caller.user);
    for (const Route& r : world->platform->router().routes()) {
      const bool enterprise_route = r.pattern == "/api/v1/enterprises/{id}" || r.pattern == "/api/v1/enterprises/{id}/qra";
      const bool unit_route = r.pattern == "/api/v1/units/{id}" || r.pattern == "/api/v1/major-hazards/{unit_id}";
      if (!enterprise_route && !unit_route) continue;
      std::vector<std::int64_t> foreign;
      if (enterprise_route) {
        for (const auto& e : world->enterprises) {
          if (!caller.owns(e)) foreign.push_back(e.id);
        }
      } else {
        for (const auto& u : world->units) {
          if (!caller.owns(*by_id.at(u.enterprise_id))) foreign.push_back(u.id);
        }
      }
      const std::string prefix = r.pattern.substr(0, r.pattern.find('{'));
      const std::string suffix = r.pattern.substr(r.pattern.find('}') + 1);
      for (std::int64_t id : foreign) {
        auto res = c->Get(prefix + std::to_string(id) + suffix);
        ++attempts;
        if (res.status != 404) {
          ++succeeded;
          ADD_FAILURE() << caller.user << " got " << res.status << " for " << prefix << id;
        }
      }
    }
  }
  EXPECT_GE(attempts, 1000);
  EXPECT_EQ(succeeded, 0);
  // And the same callers do reach their own objects.
  auto sz_client = LoggedIn("shenzhen");
  EXPECT_EQ(sz_client->Get("/api/v1/enterprises/" + std::to_string(Enterprise("4403").id)).status, 200);
}

TEST_F(PlatformApi, TheSixthLogInFailsEvenWithTheRightPassword) {
  HttpClient c(world->base);
  for (int i = 0; i < 5; ++i) {
    auto r = c.PostJson("/api/v1/auth/login", Json{{"username", "locked"}, {"password", "wrong"}}.dump());
    EXPECT_EQ(r.status, 401);
    EXPECT_EQ(Code(r), "invalid_credentials");
  }
  auto r = c.PostJson("/api/v1/auth/login", Json{{"username", "locked"}, {"password", kPassword}}.dump());
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(Code(r), "account_locked");
}

TEST_F(PlatformApi, MapPointsAndBoundaries) {
  auto c = LoggedIn("shenzhen");
  auto pts = c->Get("/api/v1/map/points?layer=units");
  ASSERT_EQ(pts.status, 200);
  auto j = Json::parse(pts.body);
  ASSERT_GT(j["points"].size(), 0u);
  for (const auto& p : j["points"]) {
    EXPECT_GT(p[1].get<double>(), 113.7);  // Shenzhen lies within 113.7-114.7 E, 22.4-22.9 N
    EXPECT_LT(p[1].get<double>(), 114.7);
  }
  const auto first = j["points"][0];
  auto near = Json::parse(c->Get("/api/v1/map/points?layer=units&near=" + std::to_string(first[1].get<double>()) + "," +
                                 std::to_string(first[2].get<double>()) + "&radius_m=1")
                              .body);
  ASSERT_GE(near["points"].size(), 1u);
  EXPECT_EQ(c->Get("/api/v1/map/points?near=113,22").status, 400);
  auto b = c->Get("/api/v1/map/boundaries?level=city");
  ASSERT_EQ(b.status, 200);
  EXPECT_EQ(Json::parse(b.body)["features"].size(), 22u);
}

TEST_F(PlatformApi, MajorHazardsExplainTheirGrade) {
  auto c = LoggedIn("province");
  auto list = Json::parse(c->Get("/api/v1/major-hazards?page_size=5").body);
  ASSERT_GT(list["total"].get<int>(), 0);
  const auto unit = list["items"][0]["unit_id"].get<std::int64_t>();
  auto detail = Json::parse(c->Get("/api/v1/major-hazards/" + std::to_string(unit)).body);
  EXPECT_TRUE(detail["major_hazard"].get<bool>());
  ASSERT_GT(detail["contributions"].size(), 0u);
  // S is the sum of the counted q/Q (GB 18218-2018 formula (1)), to the stored precision.
  double s = 0;
  for (const auto& h : detail["contributions"]) {
    if (h["basis"] != "not_applicable") s += h["q_t"].get<double>() / h["Q_t"].get<double>();
  }
  EXPECT_NEAR(s, detail["sum_ratio"].get<double>(), 1e-9 * std::max(1.0, s));
}

TEST_F(PlatformApi, TheAuditTrailVerifiesAndShowsAnEditedRecord) {
  LoggedIn("province");
  auto auditor = LoggedIn("auditor");
  auto page = auditor->Get("/api/v1/audit?action=login");
  ASSERT_EQ(page.status, 200);
  EXPECT_GT(Json::parse(page.body)["total"].get<int>(), 0);
  EXPECT_EQ(LoggedIn("admin")->Get("/api/v1/audit").status, 403);  // 三员分立: not the administrator's
  auto read = [&] {
    auto store = OnPostgres() ? store::OpenPostgresPlatformStore(world->db) : store::OpenSqlitePlatformStore(world->db);
    std::vector<audit::AuditRecord> all;
    EXPECT_TRUE((*store)->ForEachAudit([&](const audit::AuditRecord& a) {
      all.push_back(a);
      return Status::Ok();
    }).ok());
    return all;
  };
  auto trail = read();
  ASSERT_GT(trail.size(), 10u);
  EXPECT_FALSE(audit::VerifyChain(trail).has_value());
  if (OnPostgres()) return;  // the edit below is made with SQLite's own API; the chain check above ran
  // Edit one byte of one stored record behind the store's back (the trigger that forbids it dropped
  // first, as someone with the database file could): the chain shows which record.
  sqlite3* h = nullptr;
  ASSERT_EQ(sqlite3_open(world->db.c_str(), &h), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(h, "UPDATE audit_log SET outcome = 'ok' WHERE seq = 5", nullptr, nullptr, nullptr), SQLITE_CONSTRAINT);
  ASSERT_EQ(sqlite3_exec(h,
                         "DROP TRIGGER audit_log_no_update; "
                         "UPDATE audit_log SET client = substr(client, 1, length(client) - 1) || 'X' WHERE seq = 5; "
                         "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, "
                         "'audit_log is append-only'); END;",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(h);
  auto problem = audit::VerifyChain(read());
  ASSERT_TRUE(problem.has_value());
  EXPECT_EQ(problem->seq, 5);
  EXPECT_NE(problem->reason.find("changed"), std::string::npos);
}

const registry::Unit& UnitIn(std::string_view city) {
  for (const auto& u : world->units) {
    for (const auto& e : world->enterprises) {
      if (e.id == u.enterprise_id && e.division_code.rfind(city, 0) == 0) return u;
    }
  }
  throw std::runtime_error("no unit in " + std::string(city));
}

TEST_F(PlatformApi, ImportsAreScopedAllOrNothingAndAudited) {
  auto sz = LoggedIn("shenzhen");
  const registry::Unit& mine = UnitIn("4403");
  const registry::Unit& theirs = UnitIn("4401");
  const std::string header = "统一社会信用代码,单元编码,CAS号,化学品名称,设计最大量,物理状态\n";
  const std::string own_row = mine.enterprise_uscc + "," + mine.code + ",7782-50-5,氯,12 吨,液化气体\n";
  auto send = [&](const std::string& csv, const std::string& type) {
    return sz->Request("POST", "/api/v1/imports/holdings", csv,
                       {"Content-Type: " + type, "X-File-Name: 储量.csv", "X-CSRF-Token: " + sz->csrf_token});
  };
  // A row of another city: 422 naming it, and the row of its own city is not written either.
  auto refused = send(header + own_row + theirs.enterprise_uscc + "," + theirs.code + ",7664-41-7,氨,50 吨,液化气体\n",
                      "text/csv");
  ASSERT_EQ(refused.status, 422) << refused.body;
  auto j = Json::parse(refused.body);
  EXPECT_EQ(j["error"]["code"], "invalid_rows");
  ASSERT_EQ(j["error"]["problems"].size(), 1u);
  EXPECT_EQ(j["error"]["problems"][0]["row"], 3);
  auto unit = Json::parse(sz->Get("/api/v1/units/" + std::to_string(mine.id)).body);
  for (const auto& h : unit["holdings"]) EXPECT_NE(h["chemical_key"], "7782-50-5");
  EXPECT_EQ(send(own_row, "application/json").status, 415);
  // Its own rows go in, and the unit is assessed again at once (chlorine 12 t ≥ Q 5 t: a major hazard).
  auto ok = send(header + own_row, "text/csv");
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(Json::parse(ok.body)["rows"], 1);
  unit = Json::parse(sz->Get("/api/v1/units/" + std::to_string(mine.id)).body);
  bool held = false;
  for (const auto& h : unit["holdings"]) held = held || h["chemical_key"] == "7782-50-5";
  EXPECT_TRUE(held);
  ASSERT_FALSE(unit["assessment"].is_null());
  EXPECT_TRUE(unit["assessment"]["major_hazard"].get<bool>());
  // The audit trail has the import with the file's name, and the refused one.
  auto auditor = LoggedIn("auditor");
  auto trail = Json::parse(auditor->Get("/api/v1/audit?action=import.holdings").body);
  ASSERT_EQ(trail["total"], 2);
  EXPECT_EQ(trail["items"][0]["object"], "储量.csv");
  EXPECT_EQ(trail["items"][0]["outcome"].get<std::string>().rfind("ok", 0), 0u);
  EXPECT_EQ(trail["items"][1]["outcome"].get<std::string>().rfind("rejected", 0), 0u);
}

TEST_F(PlatformApi, TheEnterpriseTableExportsWhatTheCallerSees) {
  auto sz = LoggedIn("shenzhen");
  const int total = Json::parse(sz->Get("/api/v1/enterprises?sector=chemical").body)["total"];
  auto x = sz->Get("/api/v1/enterprises/export.xlsx?sector=chemical");
  ASSERT_EQ(x.status, 200);
  const auto path = world->dir / "export.xlsx";
  std::ofstream(path, std::ios::binary) << x.body;
  auto reader = tabular::OpenXlsx(path.string());
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  tabular::Row row;
  int rows = -1;  // the header
  while (*(*reader)->Next(row)) {
    if (rows >= 0) {
      EXPECT_EQ(row.cells.at(2).substr(0, 4), "4403");
      EXPECT_EQ(row.cells.at(4), "化工");
    }
    ++rows;
  }
  EXPECT_EQ(rows, total);
  auto auditor = LoggedIn("auditor");
  EXPECT_GE(Json::parse(auditor->Get("/api/v1/audit?action=export.enterprises").body)["total"].get<int>(), 1);
}

TEST_F(PlatformApi, AnEnterpriseCorrectsItsRecordAndItsSupervisorsSeeTheChange) {
  auto ent = LoggedIn("enterprise");
  const auto& own = Enterprise("4403");
  const std::string path = "/api/v1/enterprises/" + std::to_string(own.id);
  auto patch = [&](HttpClient& c, const std::string& p, const Json& body) {
    return c.Request("PATCH", p, body.dump(), {"Content-Type: application/json", "X-CSRF-Token: " + c.csrf_token});
  };
  auto bad = patch(*ent, path, Json{{"location", Json::array({200.0, 22.5})}});
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("location"), std::string::npos);
  EXPECT_EQ(patch(*ent, path, Json{{"uscc", "x"}}).status, 400);  // not a field that changes here
  auto ok = patch(*ent, path, Json{{"address", "深圳市南山区演示路8号"}, {"location", Json::array({113.95, 22.55})}});
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(Json::parse(ok.body)["address"], "深圳市南山区演示路8号");
  // Another enterprise's record: as if it did not exist.
  EXPECT_EQ(patch(*ent, "/api/v1/enterprises/" + std::to_string(Enterprise("4401").id), Json{{"address", "x"}}).status, 404);
  // The city's officer sees the change; the other city's does not.
  auto sz = LoggedIn("shenzhen");
  auto feed = Json::parse(sz->Get("/api/v1/changes").body);
  ASSERT_GE(feed["total"].get<int>(), 1);
  EXPECT_EQ(feed["items"][0]["uscc"], own.uscc);
  EXPECT_EQ(feed["items"][0]["user"], "enterprise");
  EXPECT_EQ(feed["items"][0]["fields"], "address, location");
  EXPECT_EQ(Json::parse(LoggedIn("guangzhou")->Get("/api/v1/changes").body)["total"], 0);
  // Grid officers supervise; they do not change records.
  auto grid = LoggedIn("grid");
  EXPECT_EQ(patch(*grid, "/api/v1/enterprises/" + std::to_string(Enterprise("4401").id), Json{{"address", "x"}}).status, 403);
}

TEST_F(PlatformApi, TheEnterpriseTableSorts) {
  auto c = LoggedIn("province");
  auto by_units = Json::parse(c->Get("/api/v1/enterprises?sort=-unit_count&page_size=200").body)["items"];
  ASSERT_GT(by_units.size(), 2u);
  for (std::size_t i = 1; i < by_units.size(); ++i) {
    EXPECT_GE(by_units[i - 1]["unit_count"].get<int>(), by_units[i]["unit_count"].get<int>());
  }
  auto by_grade = Json::parse(c->Get("/api/v1/enterprises?sort=major_hazard_grade&page_size=200").body)["items"];
  EXPECT_FALSE(by_grade[0]["major_hazard_grade"].is_null());  // grades first, most severe (1) first
  EXPECT_EQ(c->Get("/api/v1/enterprises?sort=password").status, 400);
}

// The relocation list of plan task T7 through the API: a province-wide QRA run of the demo province
// (GB 36894 limits for new installations, so that some targets are over), stored; each role sees its
// scope's rows; a bad query is a clear 400; a new run shows at once.
TEST_F(PlatformApi, TheRelocationListIsBoundedByScopeAndFollowsNewRuns) {
  auto before = LoggedIn("province");
  const Json none = Json::parse(before->Get("/api/v1/qra/relocation-list").body);
  const bool had_run = !none["run"].is_null();
  auto run_qra = [&]() -> std::int64_t {
    auto registry = OnPostgres() ? store::OpenPostgres(world->db) : store::OpenSqlite(world->db);
    auto hazards = OnPostgres() ? store::OpenPostgresHazardStore(world->db) : store::OpenSqliteHazardStore(world->db);
    auto runs = OnPostgres() ? store::OpenPostgresQraStore(world->db) : store::OpenSqliteQraStore(world->db);
    EXPECT_TRUE(registry.ok() && hazards.ok() && runs.ok());
    auto data = reference::LoadQraData(CHEMSAFE_TEST_DATA_DIR);
    EXPECT_TRUE(data.ok());
    service::ProvinceQraOptions options;
    std::ifstream weather(std::string(CHEMSAFE_TEST_DATA_DIR) + "/qra/weather_synthetic.json");
    options.weather = Json::parse(weather)["weather"];
    options.new_installations = true;
    auto r = service::RunProvinceQra(**registry, **hazards, *data, options);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    auto id = service::SaveProvinceQra(**runs, *r, options, true, "2026-11-29T10:00:00Z");
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    return *id;
  };
  const std::int64_t first = run_qra();
  auto province = LoggedIn("province");
  const Json list = Json::parse(province->Get("/api/v1/qra/relocation-list?all=true&page_size=200").body);
  ASSERT_EQ(list["run"]["id"], first) << (had_run ? "a run made before it" : "no run before");
  EXPECT_EQ(list["run"]["synthetic_weather"], true);
  EXPECT_EQ(list["run"]["input_digest"].get<std::string>().size(), 64u);
  ASSERT_FALSE(list["items"].empty());
  int listed = 0, rank = 0;
  for (const auto& row : list["items"]) {
    EXPECT_GT(row["rank"].get<int>(), rank) << "rank order";
    rank = row["rank"];
    listed += row["exceedance_count"].get<int>() > 0 ? 1 : 0;
  }
  EXPECT_EQ(list["run"]["listed"], listed);
  ASSERT_GT(listed, 0) << "the limits for new installations are exceeded somewhere in the demo province";
  const Json& top = list["items"][0];
  EXPECT_GT(top["exceedance_count"].get<int>(), 0);
  EXPECT_FALSE(top["reasons"].empty());
  EXPECT_FALSE(top["division_name"].get<std::string>().empty());
  const Json only_listed = Json::parse(province->Get("/api/v1/qra/relocation-list").body);
  EXPECT_EQ(only_listed["total"], listed);
  EXPECT_EQ(only_listed["by_action"], list["by_action"]);

  // The enterprise's own page: the same action as the list, its exceedances with places.
  const Json mine = Json::parse(province->Get("/api/v1/enterprises/" + std::to_string(top["enterprise_id"].get<std::int64_t>()) + "/qra").body);
  ASSERT_FALSE(mine["latest"].is_null());
  EXPECT_EQ(mine["latest"]["action"], top["action"]);
  EXPECT_EQ(mine["latest"]["run"]["id"], first);
  ASSERT_FALSE(mine["latest"]["exceedances"].empty());
  EXPECT_TRUE(mine["latest"]["exceedances"][0]["lon"].is_number());
  EXPECT_EQ(mine["history"].size(), 1u);

  // 深圳's officer: only 深圳's rows and exceeded targets in 深圳 or named for 深圳's plants.
  auto sz = LoggedIn("shenzhen");
  const Json sz_list = Json::parse(sz->Get("/api/v1/qra/relocation-list?all=true&page_size=200").body);
  for (const auto& row : sz_list["items"]) EXPECT_EQ(row["division_code"].get<std::string>().substr(0, 4), "4403");
  EXPECT_LT(sz_list["total"].get<int>(), list["total"].get<int>());
  const Json sz_over = Json::parse(sz->Get("/api/v1/qra/exceedances").body);
  const Json all_over = Json::parse(province->Get("/api/v1/qra/exceedances").body);
  EXPECT_LE(sz_over["features"].size(), all_over["features"].size());
  EXPECT_FALSE(all_over["features"].empty());
  const Json contours = Json::parse(province->Get("/api/v1/qra/contours").body);
  ASSERT_EQ(contours["features"].size(), 4u);
  EXPECT_EQ(contours["features"][0]["geometry"]["type"], "MultiPolygon");
  EXPECT_EQ(Code(sz->Get("/api/v1/qra/relocation-list?division=4401")), "");
  EXPECT_EQ(Json::parse(sz->Get("/api/v1/qra/relocation-list?division=4401").body)["total"], 0);
  // Administration roles see no business data here either.
  EXPECT_TRUE(Json::parse(LoggedIn("auditor")->Get("/api/v1/qra/relocation-list").body)["run"].is_null());

  // Bad queries: a clear 400 naming the parameter; a run that does not exist: 404.
  auto bad = province->Get("/api/v1/qra/relocation-list?action=demolish");
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("action"), std::string::npos);
  EXPECT_EQ(province->Get("/api/v1/qra/contours?run=abc").status, 400);
  EXPECT_EQ(province->Get("/api/v1/qra/relocation-list?all=yes").status, 400);
  EXPECT_EQ(province->Get("/api/v1/qra/relocation-list?run=" + std::to_string(first + 1000)).status, 404);

  // A new run: the newest at once (the kept answers follow the data generation); the older stays
  // reachable by id and in the enterprise's history.
  const std::int64_t second = run_qra();
  EXPECT_EQ(Json::parse(province->Get("/api/v1/qra/relocation-list").body)["run"]["id"], second);
  EXPECT_EQ(Json::parse(province->Get("/api/v1/qra/relocation-list?run=" + std::to_string(first)).body)["run"]["id"], first);
  const Json runs = Json::parse(province->Get("/api/v1/qra/runs").body);
  EXPECT_EQ(runs["items"][0]["id"], second);
  EXPECT_EQ(Json::parse(province->Get("/api/v1/enterprises/" + std::to_string(top["enterprise_id"].get<std::int64_t>()) + "/qra").body)["history"].size(), 2u);
}

// Traceability through the API: an enterprise captures its own events (once: a resubmission stores
// nothing), not another's; a bad event is a 400 naming the member; the events, the lineage and the closed
// loop are bounded by scope; administration roles capture nothing.
TEST_F(PlatformApi, TraceEventsAreCapturedByTheirEnterpriseAndReadInScope) {
  const auto& own = Enterprise("4403");
  const auto& other = Enterprise("4401");
  const std::string lot = "urn:chemsafe:class:lot:" + own.uscc + ".143-33-9.API-1";
  auto event = [&](const std::string& at_uscc, const std::string& time) {
    return Json{{"type", "ObjectEvent"},
                {"eventTime", time},
                {"eventTimeZoneOffset", "+08:00"},
                {"action", "ADD"},
                {"bizStep", "commissioning"},
                {"bizLocation", {{"id", "urn:chemsafe:loc:" + at_uscc + ".S1"}}},
                {"quantityList", Json::array({{{"epcClass", lot}, {"quantity", 40}, {"uom", "KGM"}}})}};
  };
  auto post = [&](HttpClient& client, const Json& body) {
    return client.Request("POST", "/api/v1/trace/events", body.dump(),
                          {"Content-Type: application/json", "X-CSRF-Token: " + client.csrf_token});
  };
  auto ent = LoggedIn("enterprise");
  const auto stored = post(*ent, event(own.uscc, "2026-11-20T09:00:00+08:00"));
  ASSERT_EQ(stored.status, 200) << stored.body;
  EXPECT_EQ(Json::parse(stored.body)["stored"], 1);
  const auto again = post(*ent, event(own.uscc, "2026-11-20T09:00:00+08:00"));
  EXPECT_EQ(Json::parse(again.body)["duplicates"], 1);
  const auto foreign = post(*ent, event(other.uscc, "2026-11-21T09:00:00+08:00"));
  EXPECT_EQ(foreign.status, 422);
  EXPECT_EQ(Code(foreign), "invalid_rows");
  EXPECT_EQ(Json::parse(foreign.body)["error"]["problems"][0]["field"], "bizLocation");
  Json broken = event(own.uscc, "2026-11-22T09:00:00+08:00");
  broken.erase("eventTime");
  const auto bad = post(*ent, broken);
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("eventTime"), std::string::npos) << bad.body;
  EXPECT_EQ(post(*LoggedIn("auditor"), event(own.uscc, "2026-11-23T09:00:00+08:00")).status, 403);

  const std::string query = "/api/v1/trace/events?MATCH_epcClass=" + lot;
  auto count = [&](const std::string& user) {
    const auto res = LoggedIn(user)->Get(query);
    EXPECT_EQ(res.status, 200) << res.body;
    return Json::parse(res.body)["epcisBody"]["queryResults"]["resultsBody"]["eventList"].size();
  };
  EXPECT_EQ(count("province"), 1u);
  EXPECT_EQ(count("shenzhen"), 1u);
  EXPECT_EQ(count("guangzhou"), 0u) << "广州's officer does not see 深圳's stock";
  EXPECT_EQ(LoggedIn("province")->Get("/api/v1/trace/events?eventType=QuantityEvent").status, 400);

  EXPECT_EQ(LoggedIn("guangzhou")->Get("/api/v1/trace/lineage?id=" + lot).status, 404);
  const auto lineage = LoggedIn("shenzhen")->Get("/api/v1/trace/lineage?id=" + lot);
  ASSERT_EQ(lineage.status, 200) << lineage.body;
  const Json lineage_json = Json::parse(lineage.body);
  EXPECT_EQ(lineage_json["events"].size(), 1u);
  ASSERT_EQ(lineage_json["places"].size(), 1u) << "for the map: where its events happened";
  EXPECT_EQ(lineage_json["places"][0]["uscc"], own.uscc);
  EXPECT_EQ(lineage_json["places"][0]["name"], own.name);

  const auto loop = LoggedIn("province")->Get("/api/v1/trace/closed-loop?from=2026-11-01&to=2026-11-30");
  ASSERT_EQ(loop.status, 200) << loop.body;
  bool found = false;
  const Json loop_json = Json::parse(loop.body);
  for (const auto& b : loop_json["balance"]) {
    if (b["party"] == own.uscc) {
      EXPECT_DOUBLE_EQ(b["produced_kg"].get<double>(), 40);
      found = true;
    }
  }
  EXPECT_TRUE(found) << loop.body.substr(0, 600);
  EXPECT_TRUE(Json::parse(LoggedIn("guangzhou")->Get("/api/v1/trace/closed-loop?from=2026-11-01&to=2026-11-30").body)["balance"].empty());
  EXPECT_EQ(LoggedIn("province")->Get("/api/v1/trace/closed-loop?from=2026-11&to=2026-11-30").status, 400);

  // Work items: a shipment never received is an anomaly (深圳's enterprise ships 10 kg to 广州's on
  // 2026-11-21 and nothing arrives); 深圳's officer acknowledges it with a note, audited.
  Json ship = event(own.uscc, "2026-11-21T09:00:00+08:00");
  ship["action"] = "OBSERVE";
  ship["bizStep"] = "shipping";
  ship["sourceList"] = Json::array({{{"type", "owning_party"}, {"source", "urn:chemsafe:party:" + own.uscc}}});
  ship["destinationList"] = Json::array({{{"type", "owning_party"}, {"destination", "urn:chemsafe:party:" + other.uscc}}});
  ship["bizTransactionList"] = Json::array({{{"type", "desadv"}, {"bizTransaction", "urn:chemsafe:bt:desadv:API-1"}},
                                           {{"type", "purchase_permit"}, {"bizTransaction", "urn:chemsafe:bt:purchase_permit:P-1"}}});
  ship["quantityList"][0]["quantity"] = 10;
  const auto shipped = post(*ent, ship);
  ASSERT_EQ(shipped.status, 200) << shipped.body;
  auto sz = LoggedIn("shenzhen");
  const Json with_items = Json::parse(sz->Get("/api/v1/trace/closed-loop?from=2026-11-01&to=2026-11-30").body);
  std::string key;
  for (const auto& a : with_items["anomalies"]) {
    if (a["kind"] == "not_received") {
      key = a["key"];
      EXPECT_EQ(a["status"], "open");
    }
  }
  ASSERT_FALSE(key.empty()) << with_items.dump();
  auto patch = [&](HttpClient& client, const Json& body) {
    return client.Request("PATCH", "/api/v1/trace/work-items/" + key, body.dump(),
                          {"Content-Type: application/json", "X-CSRF-Token: " + client.csrf_token});
  };
  const auto acknowledged = patch(*sz, Json{{"status", "acknowledged"}, {"note", "已电话核实承运人"}});
  ASSERT_EQ(acknowledged.status, 200) << acknowledged.body;
  EXPECT_EQ(Json::parse(acknowledged.body)["updated_by"], "shenzhen");
  const Json after = Json::parse(sz->Get("/api/v1/trace/closed-loop?from=2026-11-01&to=2026-11-30").body);
  bool changed = false;
  for (const auto& a : after["anomalies"]) {
    if (a["key"] == key) {
      EXPECT_EQ(a["status"], "acknowledged");
      EXPECT_EQ(a["note"], "已电话核实承运人");
      changed = true;
    }
  }
  EXPECT_TRUE(changed);
  EXPECT_EQ(patch(*sz, Json{{"status", "done"}}).status, 400);
  EXPECT_EQ(patch(*LoggedIn("enterprise"), Json{{"status", "closed"}}).status, 403);
  EXPECT_EQ(patch(*LoggedIn("guangzhou"), Json{{"status", "closed"}}).status, 200) << "广州 is the buyer: in its scope";
  const auto unknown = sz->Request("PATCH", "/api/v1/trace/work-items/0000", Json{{"status", "closed"}}.dump(),
                                   {"Content-Type: application/json", "X-CSRF-Token: " + sz->csrf_token});
  EXPECT_EQ(unknown.status, 404);
}

TEST_F(PlatformApi, RiskPointsAreWrittenByTheirEnterpriseAndReadInScope) {
  const auto& own = Enterprise("4403");
  const auto& other = Enterprise("4401");
  auto point = [](const std::string& uscc) {
    return Json{{"enterprise_uscc", uscc},
                {"area", "储罐区"},
                {"name", "储罐泄漏"},
                {"hazards", {"火灾"}},
                {"assessment", {{"method", "lec"}, {"l", 3}, {"e", 6}, {"c", 15}}},
                {"measures", Json::array({{{"category", "engineering"}, {"text", "可燃气体检测报警"}}})},
                {"control_level", "workshop"},
                {"responsible_department", "储运车间"},
                {"responsible_person", "张三"},
                {"control_status", "controlled"},
                {"review_due", "2027-06-30"}};
  };
  auto send = [](HttpClient& client, const std::string& method, const std::string& path, const Json& body) {
    return client.Request(method, path, body.dump(), {"Content-Type: application/json", "X-CSRF-Token: " + client.csrf_token});
  };
  auto ent = LoggedIn("enterprise");
  const auto made = send(*ent, "POST", "/api/v1/risk/points", point(own.uscc));
  ASSERT_EQ(made.status, 201) << made.body;
  const Json first = Json::parse(made.body);
  EXPECT_EQ(first["score"], 270.0) << "L 3 · E 6 · C 15";
  EXPECT_EQ(first["band"], "高度危险");
  EXPECT_EQ(first["grade"], "larger");
  EXPECT_EQ(first["version"], 1);
  EXPECT_EQ(send(*ent, "POST", "/api/v1/risk/points", point(other.uscc)).status, 403) << "another enterprise's";
  Json bad = point(own.uscc);
  bad["measures"][0]["category"] = "plan";
  const auto refused = send(*ent, "POST", "/api/v1/risk/points", bad);
  EXPECT_EQ(refused.status, 400);
  EXPECT_NE(refused.body.find("measures[0].category"), std::string::npos) << refused.body;

  const std::string path = "/api/v1/risk/points/" + std::to_string(first["id"].get<long>());
  Json change = first;
  change["assessment"] = {{"method", "lec"}, {"l", 10}, {"e", 6}, {"c", 7}};
  const auto changed = send(*ent, "PUT", path, change);
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(Json::parse(changed.body)["version"], 2);
  EXPECT_EQ(Json::parse(changed.body)["grade"], "major");
  EXPECT_EQ(send(*ent, "PUT", path, first).status, 409) << "version 1 was changed already";

  auto items = [&](const std::string& user) {
    const auto res = LoggedIn(user)->Get("/api/v1/risk/points");
    EXPECT_EQ(res.status, 200) << res.body;
    return Json::parse(res.body)["items"];
  };
  ASSERT_EQ(items("shenzhen").size(), 1u);
  EXPECT_EQ(items("shenzhen")[0]["grade"], "major");
  EXPECT_TRUE(items("guangzhou").empty()) << "广州's officer does not see 深圳's risk points";
  EXPECT_EQ(LoggedIn("guangzhou")->Get(path).status, 404);
  const auto v1 = LoggedIn("province")->Get(path + "?version=1");
  ASSERT_EQ(v1.status, 200) << v1.body;
  EXPECT_EQ(Json::parse(v1.body)["grade"], "larger");
  EXPECT_EQ(LoggedIn("province")->Get("/api/v1/risk/points?min_grade=severe").status, 400);

  // The post's card: refused while no measure says what to do in an emergency; then a PDF with the point, its
  // version and a QR code back to the record.
  EXPECT_EQ(LoggedIn("shenzhen")->Get(path + "/card").status, 409);
  Json with_emergency = Json::parse(changed.body);
  with_emergency["post"] = "储罐区操作工";
  with_emergency["measures"].push_back({{"category", "emergency"}, {"text", "泄漏时关闭紧急切断阀并报告"}});
  const auto third = send(*ent, "PUT", path, with_emergency);
  ASSERT_EQ(third.status, 200) << third.body;
  const auto card = LoggedIn("shenzhen")->Get(path + "/card?size=A5");
  ASSERT_EQ(card.status, 200) << card.body;
  EXPECT_EQ(card.body.substr(0, 5), "%PDF-");
  const std::string text = PdfText(card.body);
  EXPECT_NE(text.find("储罐泄漏"), std::string::npos) << text;
  EXPECT_NE(text.find("泄漏时关闭紧急切断阀并报告"), std::string::npos) << text;
  EXPECT_NE(text.find("版本 3"), std::string::npos) << text;
  EXPECT_EQ(LoggedIn("guangzhou")->Get(path + "/card").status, 404);
  EXPECT_EQ(LoggedIn("shenzhen")->Get(path + "/card?size=A3").status, 400);

  Json placed = Json::parse(third.body);
  placed["location"] = {{"lon", 114.05}, {"lat", 22.55}};
  ASSERT_EQ(send(*ent, "PUT", path, placed).status, 200);
  const auto layer = LoggedIn("shenzhen")->Get("/api/v1/map/points?layer=risk");
  ASSERT_EQ(layer.status, 200) << layer.body;
  const Json risk_layer = Json::parse(layer.body);
  ASSERT_EQ(risk_layer["points"].size(), 1u);
  EXPECT_EQ(risk_layer["points"][0][3], "major") << "重大: red on the four-colour map";
  EXPECT_TRUE(Json::parse(LoggedIn("guangzhou")->Get("/api/v1/map/points?layer=risk").body)["points"].empty());

  const auto methods = LoggedIn("shenzhen")->Get("/api/v1/risk/methods");
  ASSERT_EQ(methods.status, 200);
  const Json m = Json::parse(methods.body);
  EXPECT_EQ(m["lec"]["bands"].size(), 5u);
  EXPECT_EQ(m["matrix"]["cells"][4][4], "major");
  EXPECT_EQ(m["floors"][0]["verified"], "U");
}

// Issue 7's closed loop through the API: a city officer inspects and reports a hidden hazard with a photo, the
// enterprise plans, reports progress and the rectification, the officer accepts and closes it; the other city
// sees none of it, the enterprise cannot accept its own rectification of a government finding, and no
// closure comes before a passed acceptance.
TEST_F(PlatformApi, AFindingGoesRoundItsClosedLoopInScope) {
  const auto& own = Enterprise("4403");
  auto send = [](HttpClient& client, const std::string& method, const std::string& path, const Json& body) {
    return client.Request(method, path, body.dump(), {"Content-Type: application/json", "X-CSRF-Token: " + client.csrf_token});
  };
  auto officer = LoggedIn("shenzhen");
  auto ent = LoggedIn("enterprise");
  auto other_city = LoggedIn("guangzhou");

  const auto checklist = officer->Get("/api/v1/inspect/checklist");
  ASSERT_EQ(checklist.status, 200) << checklist.body;
  EXPECT_EQ(Json::parse(checklist.body)["items"].size(), 20u) << "安监总管三〔2017〕121号 has 20 items";

  const auto inspection = send(*officer, "POST", "/api/v1/inspections",
                               Json{{"kind", "government"}, {"enterprise_uscc", own.uscc}, {"date", "2026-11-02"},
                                    {"inspectors", {"李四", "王五"}}, {"scope", "储罐区"},
                                    {"checklist_code", "major_hidden_hazard_criteria"}});
  ASSERT_EQ(inspection.status, 201) << inspection.body;
  const std::string inspection_id = Json::parse(inspection.body)["id"];
  EXPECT_EQ(send(*ent, "POST", "/api/v1/inspections",
                 Json{{"kind", "government"}, {"enterprise_uscc", own.uscc}, {"date", "2026-11-02"},
                      {"inspectors", {"企业"}}, {"checklist_code", "major_hidden_hazard_criteria"}})
                .status,
            403)
      << "an enterprise records its self-inspections only";

  const auto reported = send(*officer, "POST", "/api/v1/findings",
                             Json{{"inspection_id", inspection_id}, {"enterprise_uscc", own.uscc},
                                  {"description", "储罐区可燃气体检测报警器失效"}, {"location", "2号罐组"},
                                  {"grade", "general"}, {"legal_basis", "GB 50493-2019"}, {"found_date", "2026-11-02"}});
  ASSERT_EQ(reported.status, 201) << reported.body;
  const Json finding = Json::parse(reported.body);
  EXPECT_EQ(finding["state"], "reported");
  EXPECT_EQ(finding["kind"], "government");
  EXPECT_EQ(finding["report"]["found_by"], "shenzhen");
  EXPECT_EQ(finding["enterprise_name"], own.name);
  const std::string path = "/api/v1/findings/" + finding["id"].get<std::string>();
  EXPECT_EQ(send(*officer, "POST", "/api/v1/findings",
                 Json{{"enterprise_uscc", own.uscc}, {"description", "x"}, {"grade", "big"}})
                .status,
            400);

  const std::string png("\x89PNG\r\n\x1A\n\0\0\0\rIHDR", 16);
  const auto photo = officer->Request("POST", path + "/photos", png,
                                      {"Content-Type: image/png", "X-CSRF-Token: " + officer->csrf_token});
  ASSERT_EQ(photo.status, 201) << photo.body;
  const std::string photo_id = Json::parse(photo.body)["report"]["photo_ids"][0];
  const auto fetched = ent->Get(path + "/photos/" + photo_id);
  ASSERT_EQ(fetched.status, 200);
  EXPECT_EQ(fetched.body, png);
  EXPECT_EQ(officer->Request("POST", path + "/photos", "not an image",
                             {"Content-Type: image/jpeg", "X-CSRF-Token: " + officer->csrf_token})
                .status,
            400);

  EXPECT_EQ(other_city->Get(path).status, 404) << "广州's officer does not see 深圳's finding";
  EXPECT_EQ(other_city->Get(path + "/photos/" + photo_id).status, 404);
  EXPECT_EQ(send(*other_city, "POST", path + "/plan", Json{{"measures", {"x"}}, {"responsible_person", "x"},
                                                            {"deadline", "2026-12-01"}, {"funds_yuan", 0}})
                .status,
            404);

  EXPECT_EQ(send(*officer, "POST", path + "/close", Json::object()).status, 409) << "no closure without acceptance";
  const auto planned = send(*ent, "POST", path + "/plan",
                            Json{{"measures", {"更换检测报警器", "校验联锁"}}, {"funds_yuan", 12000},
                                 {"responsible_person", "张三"}, {"deadline", "2026-12-15"}});
  ASSERT_EQ(planned.status, 200) << planned.body;
  EXPECT_EQ(Json::parse(planned.body)["state"], "planned");
  ASSERT_EQ(send(*ent, "POST", path + "/progress", Json{{"text", "已采购新报警器"}}).status, 200);
  const auto rectified = send(*ent, "POST", path + "/rectified", Json{{"note", "已更换并校验"}});
  ASSERT_EQ(rectified.status, 200) << rectified.body;
  EXPECT_EQ(Json::parse(rectified.body)["state"], "rectified");
  EXPECT_EQ(send(*ent, "POST", path + "/acceptance", Json{{"outcome", "passed"}}).status, 403)
      << "a government finding is accepted by government";
  EXPECT_EQ(send(*officer, "POST", path + "/acceptance", Json{{"outcome", "maybe"}}).status, 400);
  const auto accepted = send(*officer, "POST", path + "/acceptance", Json{{"outcome", "passed"}, {"note", "现场复核合格"}});
  ASSERT_EQ(accepted.status, 200) << accepted.body;
  const auto closed = send(*officer, "POST", path + "/close", Json::object());
  ASSERT_EQ(closed.status, 200) << closed.body;
  const Json done = Json::parse(closed.body);
  EXPECT_EQ(done["state"], "closed");
  EXPECT_EQ(done["acceptances"][0]["by"], "shenzhen");
  EXPECT_EQ(done["progress"][0]["text"], "已采购新报警器");

  const auto listed = ent->Get("/api/v1/findings?state=closed");
  ASSERT_EQ(listed.status, 200) << listed.body;
  ASSERT_EQ(Json::parse(listed.body)["items"].size(), 1u);
  EXPECT_TRUE(Json::parse(other_city->Get("/api/v1/findings").body)["items"].empty());
  EXPECT_EQ(officer->Get("/api/v1/findings?state=open").status, 400);
  const auto stats = officer->Get("/api/v1/inspect/statistics?by=city");
  ASSERT_EQ(stats.status, 200) << stats.body;
  EXPECT_EQ(Json::parse(stats.body)["all"]["rectification_rate"], 1.0);
  EXPECT_EQ(officer->Get("/api/v1/inspect/statistics?by=colour").status, 400);
  const Json dashboard = Json::parse(officer->Get("/api/v1/dashboard").body)["hidden_hazards"];
  EXPECT_EQ(dashboard["total"], 1);
  EXPECT_EQ(dashboard["open"], 0);
  EXPECT_EQ(dashboard["rectification_rate"], 1.0) << "the dashboard shows the rectification rate";
  EXPECT_EQ(Json::parse(other_city->Get("/api/v1/dashboard").body)["hidden_hazards"]["total"], 0);
  const auto overdue = officer->Get("/api/v1/inspect/overdue?on=2027-03-01");
  ASSERT_EQ(overdue.status, 200) << overdue.body;
  EXPECT_TRUE(Json::parse(overdue.body)["items"].empty()) << "a closed finding is never overdue";
  EXPECT_EQ(officer->Get("/api/v1/inspect/overdue?on=2027-13-01").status, 400);
  const auto inspections = ent->Get("/api/v1/inspections");
  ASSERT_EQ(inspections.status, 200);
  EXPECT_EQ(Json::parse(inspections.body)["items"][0]["id"], inspection_id);

  // The plan of differentiated inspections: the officer's enterprises, the one inspected with its inspection.
  const auto plan = officer->Get("/api/v1/inspect/plan?from=2026-10-01&to=2026-12-31&as_of=2026-11-30");
  ASSERT_EQ(plan.status, 200) << plan.body;
  const Json p = Json::parse(plan.body);
  bool seen = false;
  for (const auto& group : p["officers"]) {
    for (const auto& e : group["enterprises"]) {
      EXPECT_EQ(e["division_code"].get<std::string>().substr(0, 4), "4403");
      if (e["uscc"] == own.uscc) {
        seen = true;
        EXPECT_EQ(e["last_inspection"], "2026-11-02");
      }
    }
  }
  EXPECT_TRUE(seen);
  EXPECT_EQ(officer->Get("/api/v1/inspect/plan?from=soon").status, 400);
}

// The major hazard public notice and the emergency card come from the data: the unit's latest GB 18218
// assessment, its responsible persons and the measures of its risk points; the point's emergency measures.
TEST_F(PlatformApi, TheMajorHazardNoticeAndTheEmergencyCardAreMadeFromTheData) {
  auto province = LoggedIn("province");
  const auto mhis = province->Get("/api/v1/major-hazards?page_size=100");
  ASSERT_EQ(mhis.status, 200) << mhis.body;
  Json mhi;
  const Json listed = Json::parse(mhis.body);
  for (const auto& m : listed["items"]) {
    if (m["missing_responsible"].empty()) {
      mhi = m;
      break;
    }
  }
  ASSERT_FALSE(mhi.is_null()) << "the demo province has a major hazard installation with its three responsible persons";
  const std::string notice = "/api/v1/major-hazards/" + std::to_string(mhi["unit_id"].get<long>()) + "/notice";
  EXPECT_EQ(province->Get(notice).status, 409) << "no measures recorded for the installation yet";

  const Json point{{"enterprise_uscc", mhi["uscc"]},
                   {"unit_code", mhi["unit_code"]},
                   {"area", "罐区"},
                   {"post", "罐区操作工"},
                   {"name", "储罐区泄漏"},
                   {"hazards", {"泄漏"}},
                   {"assessment", {{"method", "ls"}, {"l", 3}, {"s", 4}}},
                   {"measures",
                    Json::array({{{"category", "engineering"}, {"text", "紧急切断阀与可燃气体报警联锁"}},
                                 {{"category", "emergency"}, {"text", "关闭紧急切断阀，疏散下风向人员"}},
                                 {{"category", "ppe"}, {"text", "正压式空气呼吸器"}}})},
                   {"control_level", "company"},
                   {"responsible_department", "安全环保部"},
                   {"responsible_person", "赵六"},
                   {"control_status", "controlled"},
                   {"review_due", "2027-06-30"}};
  const auto saved = province->Request("POST", "/api/v1/risk/points", point.dump(),
                                       {"Content-Type: application/json", "X-CSRF-Token: " + province->csrf_token});
  ASSERT_EQ(saved.status, 201) << saved.body;

  const auto pdf = province->Get(notice + "?size=A4");
  ASSERT_EQ(pdf.status, 200) << pdf.body;
  EXPECT_EQ(pdf.body.substr(0, 5), "%PDF-");
  const std::string text = PdfText(pdf.body);
  EXPECT_NE(text.find(mhi["unit_name"].get<std::string>()), std::string::npos) << text;
  EXPECT_NE(text.find("紧急切断阀与可燃气体报警联锁"), std::string::npos) << text;
  EXPECT_NE(text.find("泄漏"), std::string::npos) << text;
  EXPECT_EQ(province->Get(notice + "?version=99").status, 404);
  EXPECT_EQ(LoggedIn("enterprise")->Get(notice).status == 200,
            LoggedIn("enterprise")->Get("/api/v1/units/" + std::to_string(mhi["unit_id"].get<long>())).status == 200)
      << "the notice is seen by whoever sees the unit";

  const std::string card = "/api/v1/risk/points/" + std::to_string(Json::parse(saved.body)["id"].get<long>()) +
                           "/emergency-card?size=A5";
  const auto emergency = province->Get(card);
  ASSERT_EQ(emergency.status, 200) << emergency.body;
  const std::string card_text = PdfText(emergency.body);
  EXPECT_NE(card_text.find("储罐区泄漏应急处置卡"), std::string::npos) << card_text;
  EXPECT_NE(card_text.find("关闭紧急切断阀，疏散下风向人员"), std::string::npos) << card_text;
  EXPECT_NE(card_text.find("正压式空气呼吸器"), std::string::npos) << card_text;
}

// The blacklist (安全生产严重失信主体名单): a city lists an enterprise of its own; the public list shows it without
// a log-in; the enterprise is flagged where it appears; the other city may not list or see it; insurance gaps
// are the scope's.
TEST_F(PlatformApi, ABlacklistedEnterpriseIsPublishedAndFlagged) {
  const auto& own = Enterprise("4403");
  auto send = [](HttpClient& client, const std::string& method, const std::string& path, const Json& body) {
    return client.Request(method, path, body.dump(), {"Content-Type: application/json", "X-CSRF-Token: " + client.csrf_token});
  };
  // Dates relative to today: the service refuses decisions and removals dated in the future.
  auto days_ago = [](int n) { return Date{std::chrono::year_month_day{TodayInShanghai().days() - std::chrono::days(n)}}.str(); };
  auto officer = LoggedIn("shenzhen");
  const Json listing{{"uscc", own.uscc},
                     {"reason", "发生较大生产安全事故，负有责任"},
                     {"legal_basis", "安全生产严重失信主体名单管理办法 第六条"},
                     {"decision_unit", "深圳市应急管理局"},
                     {"decision_no", "深应急失信〔2026〕1号"},
                     {"decided_on", days_ago(30)}};
  EXPECT_EQ(send(*LoggedIn("guangzhou"), "POST", "/api/v1/credit/listings", listing).status, 404)
      << "广州 does not decide on 深圳's enterprise";
  const auto listed = send(*officer, "POST", "/api/v1/credit/listings", listing);
  ASSERT_EQ(listed.status, 201) << listed.body;
  const Json stored = Json::parse(listed.body);
  Json missing = listing;
  missing.erase("legal_basis");
  const auto refused = send(*officer, "POST", "/api/v1/credit/listings", missing);
  EXPECT_EQ(refused.status, 400);
  EXPECT_NE(refused.body.find("legal_basis"), std::string::npos) << refused.body;

  HttpClient anonymous(world->base);
  const auto published = anonymous.Get("/api/v1/public/blacklist");
  ASSERT_EQ(published.status, 200) << published.body;
  const Json items = Json::parse(published.body)["items"];
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0]["uscc"], own.uscc);
  EXPECT_EQ(items[0]["enterprise_name"], own.name);
  EXPECT_EQ(items[0]["decision_unit"], "深圳市应急管理局");
  EXPECT_TRUE(Json::parse(anonymous.Get("/api/v1/public/blacklist?on=" + days_ago(31)).body)["items"].empty())
      << "not yet listed the day before its decision";
  EXPECT_EQ(anonymous.Get("/api/v1/public/blacklist?on=yesterday").status, 400);
  EXPECT_EQ(anonymous.Get("/api/v1/credit/listings").status, 401);

  const auto detail = officer->Get("/api/v1/enterprises/" + std::to_string(own.id));
  ASSERT_EQ(detail.status, 200);
  EXPECT_EQ(Json::parse(detail.body)["blacklisted"], true);
  const auto table = officer->Get("/api/v1/enterprises?page_size=100");
  const Json rows = Json::parse(table.body);
  bool flagged = false;
  for (const auto& e : rows["items"]) flagged |= e["uscc"] == own.uscc && e["blacklisted"] == true;
  EXPECT_TRUE(flagged) << "the table flags it too";
  const auto finding = send(*officer, "POST", "/api/v1/findings",
                            Json{{"enterprise_uscc", own.uscc}, {"description", "安全阀未定期校验"}, {"grade", "general"},
                                 {"legal_basis", "TSG 21-2016"}});
  ASSERT_EQ(finding.status, 201) << finding.body;
  EXPECT_EQ(Json::parse(finding.body)["enterprise_blacklisted"], true) << "findings flag a listed enterprise";
  EXPECT_TRUE(Json::parse(LoggedIn("guangzhou")->Get("/api/v1/credit/listings").body)["items"].empty());

  const std::string path = "/api/v1/credit/listings/" + stored["id"].get<std::string>();
  const auto early = send(*officer, "POST", path + "/removal",
                          Json{{"version", stored["version"]}, {"kind", "early"}, {"on", days_ago(1)}});
  EXPECT_EQ(early.status, 409) << "early removal needs a year and a repair application: " << early.body;
  const auto revoked = send(*officer, "POST", path + "/removal",
                            Json{{"version", stored["version"]}, {"kind", "revoked"}, {"on", days_ago(1)}, {"note", "复议撤销"}});
  ASSERT_EQ(revoked.status, 200) << revoked.body;
  EXPECT_TRUE(Json::parse(anonymous.Get("/api/v1/public/blacklist").body)["items"].empty()) << "revoked: no longer published";
  EXPECT_EQ(Json::parse(officer->Get("/api/v1/enterprises/" + std::to_string(own.id)).body)["blacklisted"], false);

  const auto policy = send(*LoggedIn("enterprise"), "POST", "/api/v1/credit/insurance",
                           Json{{"enterprise_uscc", own.uscc}, {"insurer", "某保险公司"}, {"policy_no", "AZX2026-0001"},
                                {"valid_from", days_ago(300)}, {"valid_to", days_ago(-10)},
                                {"insured_amount_fen", 500'000'000}, {"persons_covered", 120}});
  ASSERT_EQ(policy.status, 201) << policy.body;
  const auto gaps = officer->Get("/api/v1/credit/insurance-gaps?within=30");
  ASSERT_EQ(gaps.status, 200) << gaps.body;
  const Json g = Json::parse(gaps.body);
  bool expiring = false;
  for (const auto& e : g["expiring"]) expiring |= e["enterprise_uscc"] == own.uscc;
  EXPECT_TRUE(expiring) << gaps.body.substr(0, 400);
  for (const auto& e : g["missing"]) EXPECT_EQ(e["division_code"].get<std::string>().substr(0, 4), "4403");
  EXPECT_FALSE(g["missing"].empty()) << "the other 深圳 enterprises have no policy";
}

TEST_F(PlatformApi, MapLayersFollowEveryChange) {
  // The answers are kept between requests; a change of the registry must show at once.
  auto ent = LoggedIn("enterprise");
  const auto& own = Enterprise("4403");
  auto point_of = [&]() -> Json {
    const Json layer = Json::parse(ent->Get("/api/v1/map/points?layer=enterprises").body);
    for (const auto& p : layer["points"]) {
      if (p[0] == own.id) return p;
    }
    return nullptr;
  };
  auto move_to = [&](double lon, double lat) {
    auto r = ent->Request("PATCH", "/api/v1/enterprises/" + std::to_string(own.id),
                          Json{{"location", Json::array({lon, lat})}}.dump(),
                          {"Content-Type: application/json", "X-CSRF-Token: " + ent->csrf_token});
    ASSERT_EQ(r.status, 200) << r.body;
  };
  move_to(113.9111, 22.5111);
  const Json before = point_of();
  ASSERT_FALSE(before.is_null());
  EXPECT_DOUBLE_EQ(before[1].get<double>(), 113.9111);
  EXPECT_EQ(point_of(), before);  // the same answer twice
  move_to(113.9876, 22.5432);
  const Json after = point_of();
  ASSERT_FALSE(after.is_null());
  EXPECT_DOUBLE_EQ(after[1].get<double>(), 113.9876);
  EXPECT_DOUBLE_EQ(after[2].get<double>(), 22.5432);
  // Gzipped on request, the same points.
  auto gz = ent->Request("GET", "/api/v1/map/points?layer=enterprises", "", {"Accept-Encoding: gzip"});
  EXPECT_EQ(gz.headers["content-encoding"], "gzip");
}

TEST_F(PlatformApi, KeptAnswersAndSessionsFollowEveryChangeWhoeverMakesIt) {
  // Reads by key are answered from memory while the generations stay the same (decision 0006): a
  // change through the API, or by another process on the database, must show on the next request.
  HttpClient sz(world->base);
  auto login = sz.PostJson("/api/v1/auth/login", Json{{"username", "shenzhen"}, {"password", kPassword}}.dump());
  ASSERT_EQ(login.status, 200);
  const std::string cookie = login.headers["set-cookie"];
  const std::string token = cookie.substr(17, cookie.find(';') - 17);  // after "chemsafe_session="
  const auto& own = Enterprise("4403");
  const std::string path = "/api/v1/enterprises/" + std::to_string(own.id);
  auto address = [&] {
    auto r = sz.Get(path);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.status == 200 ? Json::parse(r.body)["address"].get<std::string>() : std::string();
  };
  const std::string before = address();
  EXPECT_EQ(address(), before);  // the same answer twice
  auto ent = LoggedIn("enterprise");
  auto patched = ent->Request("PATCH", path, Json{{"address", "深圳市南山区缓存路1号"}}.dump(),
                              {"Content-Type: application/json", "X-CSRF-Token: " + ent->csrf_token});
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(address(), "深圳市南山区缓存路1号");
  // Another process writes the registry: its own connection, not the server's.
  {
    auto registry = OnPostgres() ? store::OpenPostgres(world->db) : store::OpenSqlite(world->db);
    ASSERT_TRUE(registry.ok());
    ASSERT_TRUE((*registry)->InTransaction([&](store::RegistryWriter& w) -> Status {
      auto e = (*registry)->FindEnterpriseById(own.id);
      if (!e.ok()) return e.status();
      registry::Enterprise changed = **e;
      changed.address = "深圳市南山区另一进程路2号";
      return w.UpsertEnterprise(changed);
    }).ok());
  }
  EXPECT_EQ(address(), "深圳市南山区另一进程路2号");
  // Another process ends the session (as `chemsafe` on the same database could): refused at once.
  {
    auto platform = OnPostgres() ? store::OpenPostgresPlatformStore(world->db) : store::OpenSqlitePlatformStore(world->db);
    ASSERT_TRUE(platform.ok());
    audit::AuditRecord a;
    a.at = "2026-11-29T08:00:00.000000Z";
    a.user = "shenzhen";
    a.action = "logout";
    a.outcome = "ok";
    ASSERT_TRUE((*platform)->EndSession(audit::Sm3Hex(token), a).ok());
  }
  EXPECT_EQ(sz.Get(path).status, 401);
  EXPECT_EQ(sz.Get("/api/v1/auth/me").status, 401);
}

TEST_F(PlatformApi, ErrorMessagesFollowTheClientsLanguage) {
  HttpClient c(world->base);
  const std::string body = Json{{"username", "nobody"}, {"password", "x"}}.dump();
  auto zh = c.Request("POST", "/api/v1/auth/login", body, {"Content-Type: application/json", "Accept-Language: zh-CN,zh;q=0.9"});
  EXPECT_EQ(Json::parse(zh.body)["error"]["message"], "用户名或密码错误");
  EXPECT_EQ(Json::parse(zh.body)["error"]["code"], "invalid_credentials");  // codes do not change
  auto en = c.Request("POST", "/api/v1/auth/login", body, {"Content-Type: application/json", "Accept-Language: en"});
  EXPECT_EQ(Json::parse(en.body)["error"]["message"], "wrong user name or password");
  auto framed = c.Request("GET", "/api/v1/enterprises?page=0", "", {"Accept-Language: zh-CN"});
  EXPECT_EQ(framed.status, 401);  // no session: the session message, in Chinese
  EXPECT_EQ(Json::parse(framed.body)["error"]["message"], "请先登录（或会话已结束，请重新登录）");
}

TEST_F(PlatformApi, TemplatesAreWorkbooks) {
  auto c = LoggedIn("enterprise");
  auto t = c->Get("/api/v1/templates/holdings.xlsx");
  ASSERT_EQ(t.status, 200);
  EXPECT_EQ(t.headers["content-type"], "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_EQ(t.body.substr(0, 2), "PK");  // a ZIP container (ECMA-376 Part 2)
  EXPECT_EQ(c->Get("/api/v1/templates/nothing.xlsx").status, 404);
}

// Issue 8: the office loads the 2017 plan; Shenzhen files its 2017Q3 report today (years after the due date
// 2017-10-13: late, and so it stays), attaches a file and sees only its own; the office sees Zhuhai missing,
// reminds it, comments on Shenzhen's report and downloads the quarter's notice as PDF and XLSX.
TEST_F(PlatformApi, AUnitFilesItsReportAndTheOfficeSupervises) {
  auto send = [](HttpClient& client, const std::string& method, const std::string& path, const Json& body) {
    return client.Request(method, path, body.dump(), {"Content-Type: application/json", "X-CSRF-Token: " + client.csrf_token});
  };
  std::ifstream in(std::string(CHEMSAFE_TEST_DATA_DIR) + "/governance/guangdong-2017-plan.json");
  const Json plan_json = Json::parse(in);
  auto office = LoggedIn("province");
  EXPECT_EQ(send(*LoggedIn("shenzhen"), "POST", "/api/v1/governance/plans", Json{{"plan", plan_json}}).status, 403);
  Json broken = plan_json;
  broken["tasks"][3]["assignments"][0]["co_units"][0] = "nobody";
  const auto refused = send(*office, "POST", "/api/v1/governance/plans", Json{{"plan", broken}});
  EXPECT_EQ(refused.status, 400);
  EXPECT_NE(refused.body.find("plan.tasks[3].assignments[0].co_units[0]"), std::string::npos) << refused.body;
  auto loaded = send(*office, "POST", "/api/v1/governance/plans", Json{{"plan", plan_json}});
  ASSERT_EQ(loaded.status, 201) << loaded.body;
  EXPECT_EQ(send(*office, "POST", "/api/v1/governance/plans", Json{{"plan", plan_json}}).status, 409);
  const std::string base = "/api/v1/governance/plans/" + std::to_string(Json::parse(loaded.body)["id"].get<int>());
  EXPECT_EQ(LoggedIn("enterprise")->Get("/api/v1/governance/plans").status, 403);

  auto shenzhen = LoggedIn("shenzhen");
  const Json plan = Json::parse(shenzhen->Get(base).body);
  EXPECT_EQ(plan["my_unit"], "shenzhen");
  EXPECT_EQ(plan["tasks"].size(), 42u);
  EXPECT_EQ(plan["reporting"]["quarters"][2]["due"], "2017-10-13");
  const Json mine = Json::parse(shenzhen->Get(base + "/mine").body);
  EXPECT_EQ(mine["unit_name"], "深圳市人民政府");
  EXPECT_EQ(mine["items"].size(), 14u);
  const int task = mine["tasks"][0]["task"];
  const auto filed = send(*shenzhen, "POST", base + "/reports",
                          Json{{"kind", "quarterly_report"}, {"quarter", "2017Q3"}, {"summary", "第三季度进展"},
                               {"tasks", Json::array({{{"task", task}, {"progress", "in_progress"},
                                                       {"percentage", 40}, {"text", "推进中"}}})}});
  ASSERT_EQ(filed.status, 201) << filed.body;
  const Json report = Json::parse(filed.body);
  EXPECT_EQ(report["state"], "late");
  EXPECT_GT(report["days_late"].get<int>(), 3000);
  EXPECT_EQ(send(*shenzhen, "POST", base + "/reports", Json{{"kind", "quarterly_report"}, {"quarter", "2017Q3"},
                                                          {"summary", "again"}}).status, 409);
  const auto unknown_field = send(*shenzhen, "POST", base + "/reports", Json{{"kind", "summary"}, {"extra", 1}});
  EXPECT_EQ(unknown_field.status, 400);
  const std::string report_path = "/api/v1/governance/reports/" + std::to_string(report["id"].get<int>());
  const std::string pdf = "%PDF-1.4\n% chemsafe test\n";
  const auto attached = shenzhen->Request("POST", report_path + "/attachments?name=%E8%BF%9B%E5%B1%95.pdf", pdf,
                                          {"Content-Type: application/pdf", "X-CSRF-Token: " + shenzhen->csrf_token});
  ASSERT_EQ(attached.status, 201) << attached.body;
  EXPECT_EQ(Json::parse(attached.body)["name"], "进展.pdf");
  const auto file = shenzhen->Get(report_path + "/attachments/" + Json::parse(attached.body)["id"].get<std::string>());
  EXPECT_EQ(file.body, pdf);
  EXPECT_EQ(LoggedIn("guangzhou")->Get(report_path).status, 404);
  const Json gz_status = Json::parse(LoggedIn("guangzhou")->Get(base + "/status").body);
  for (const auto& row : gz_status["items"]) EXPECT_EQ(row["unit"], "guangzhou");

  const Json q3 = Json::parse(office->Get(base + "/status?quarter=2017Q3").body);
  EXPECT_EQ(q3["items"].size(), 58u);
  for (const auto& row : q3["items"]) {
    if (row["unit"] == "shenzhen") {
      EXPECT_EQ(row["state"], "late");
    }
    if (row["unit"] == "zhuhai") {
      EXPECT_EQ(row["state"], "missing");
    }
  }
  const auto reminded = send(*office, "POST", base + "/reminders",
                             Json{{"unit", "zhuhai"}, {"kind", "quarterly_report"}, {"quarter", "2017Q3"}, {"note", "请补报"}});
  EXPECT_EQ(reminded.status, 201) << reminded.body;
  EXPECT_EQ(send(*office, "POST", base + "/reminders",
                 Json{{"unit", "shenzhen"}, {"kind", "quarterly_report"}, {"quarter", "2017Q3"}}).status, 409);
  EXPECT_EQ(send(*shenzhen, "POST", report_path + "/comments", Json{{"text", "自评"}}).status, 403);
  EXPECT_EQ(send(*office, "POST", report_path + "/comments", Json{{"text", "请补充数据"}}).status, 201);
  const Json seen = Json::parse(shenzhen->Get(report_path).body);
  EXPECT_EQ(seen["comments"][0]["text"], "请补充数据");
  EXPECT_EQ(seen["attachments"].size(), 1u);

  EXPECT_EQ(shenzhen->Get(base + "/dashboard").status, 403);
  const Json dash = Json::parse(LoggedIn("dept")->Get(base + "/dashboard").body);
  EXPECT_EQ(dash["tasks"].size(), 42u);
  EXPECT_EQ(dash["measures"].size(), 5u);
  const auto notice = office->Get(base + "/notice?quarter=2017Q3&format=pdf");
  ASSERT_EQ(notice.status, 200) << notice.body;
  const std::string text = PdfText(notice.body);
  EXPECT_NE(text.find("深圳市人民政府"), std::string::npos);
  EXPECT_NE(text.find("逾期报送"), std::string::npos);
  const auto xlsx = office->Get(base + "/notice?quarter=2017Q3&format=xlsx");
  ASSERT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.body.substr(0, 2), "PK");
  EXPECT_EQ(office->Get(base + "/notice?quarter=2030Q1").status, 400);
}

}  // namespace
}  // namespace chemsafe::api
