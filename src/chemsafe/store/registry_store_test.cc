// The one store test suite (STYLE.md §7): every case runs against SQLite (a temp file) and PostgreSQL
// 15 (a fresh schema on the throw-away cluster of the ctest fixture "pg"). The PostgreSQL cases fail,
// not skip, when no server is available: CI installs one.
#include "chemsafe/store/registry_store.h"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>

#include "chemsafe/store/internal/sql_connection.h"
#include "chemsafe/store/migrations/migrations.h"
#include "chemsafe/store/postgres/pg_connection.h"
#include "chemsafe/store/sqlite/sqlite_connection.h"
#include "chemsafe/store/testing/pg_test_url.h"

namespace chemsafe::store {
namespace {

using registry::Activity;
using registry::Enterprise;
using registry::Holding;
using registry::Park;
using registry::ProtectedTarget;
using registry::Unit;

enum class Backend { kSqlite, kPostgres };
void PrintTo(Backend b, std::ostream* os) { *os << (b == Backend::kSqlite ? "sqlite" : "postgres"); }

// USCCs in these tests are opaque natural keys to the store (it does not validate them; core does).
constexpr const char* kUsccA = "91350100M000100Y43";  // valid per GB 32100-2015 (issue 2 acceptance)
constexpr const char* kUsccB = "91440300MA5EXAMPL1";
constexpr const char* kUsccC = "91440100MA5EXAMPL2";

Enterprise MakeEnterprise(std::string uscc, std::string division, std::string name = "示例化工有限公司") {
  Enterprise e;
  e.uscc = std::move(uscc);
  e.name = std::move(name);
  e.legal_representative = "张三";
  e.division_code = std::move(division);
  e.address = "广东省深圳市南山区科技园路1号";
  e.location = LonLat{113.9345, 22.5401};
  e.activities = {Activity::kProduction, Activity::kStorage};
  e.sector = registry::Sector::kChemical;
  e.licences = {{"危险化学品安全生产许可证", "(粤)WH安许证字[2021]0001", "2021-03-01", "2024-02-29"}};
  return e;
}

Unit MakeUnit(std::string uscc, std::string code) {
  Unit u;
  u.enterprise_uscc = std::move(uscc);
  u.code = std::move(code);
  u.name = "液氯储罐区";
  u.kind = registry::UnitKind::kStorage;
  u.location = LonLat{113.935, 22.541};
  u.boundary = Polygon{{{{113.93, 22.54}, {113.94, 22.54}, {113.94, 22.55}, {113.93, 22.54}}}};
  u.declared_exposed_people = 120;
  u.responsible = {{registry::PersonRole::kPrincipal, "李四", "13800000000"},
                   {registry::PersonRole::kTechnical, "王五", "13900000000"}};
  u.key_processes = {"氯化工艺", "氯碱电解工艺"};
  return u;
}

Holding MakeHolding(std::string uscc, std::string unit_code, std::string chemical_key, double max_t) {
  Holding h;
  h.enterprise_uscc = std::move(uscc);
  h.unit_code = std::move(unit_code);
  h.chemical_key = std::move(chemical_key);
  h.chemical_name = "氯";
  h.max_quantity_t = max_t;
  h.typical_quantity_t = max_t / 2;
  h.state = registry::PhysicalState::kLiquefiedGas;
  h.temperature_c = 25.0;
  h.pressure_mpa = 0.8;
  return h;
}

class RegistryStoreTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    if (GetParam() == Backend::kSqlite) {
      dir_ = std::filesystem::temp_directory_path() /
             ("chemsafe-store-test-" + std::to_string(getpid()) + "-" +
              ::testing::UnitTest::GetInstance()->current_test_info()->name());
      std::filesystem::remove_all(dir_);
      std::filesystem::create_directories(dir_);
      target_ = (dir_ / "registry.db").string();
    } else {
      const auto url = testing::PostgresTestUrl();
      ASSERT_TRUE(url.has_value())
          << "no PostgreSQL test server: set CHEMSAFE_TEST_PG_URL or run through ctest (fixture \"pg\", "
             "scripts/pg-test-cluster.sh)";
      auto schema_url = testing::FreshPostgresSchema(*url);
      ASSERT_TRUE(schema_url.ok()) << schema_url.status().ToString();
      target_ = *schema_url;
    }
    auto s = Open();
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(s).value();
  }

  void TearDown() override {
    store_.reset();
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }

  // A new connection to the same database.
  Result<std::unique_ptr<RegistryStore>> Open() {
    return GetParam() == Backend::kSqlite ? OpenSqlite(target_) : OpenPostgres(target_);
  }

  Status Write(const std::function<Status(RegistryWriter&)>& fn) { return store_->InTransaction(fn); }

  // A driver-level connection to the same database (to inspect what the store interface hides).
  Result<std::unique_ptr<internal::SqlConnection>> OpenRaw() {
    return GetParam() == Backend::kSqlite ? sqlite::OpenSqliteConnection(target_)
                                          : postgres::OpenPostgresConnection(target_);
  }

  // Runs `body` in a child process that ends with _exit (no destructor, no close: as if it crashed)
  // and returns its exit code.
  int InChildThatDies(const std::function<int()>& body) {
    const pid_t pid = fork();
    if (pid == 0) _exit(body());
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

  std::int64_t ScalarInt(internal::SqlConnection& c, std::string_view sql) {
    auto stmt = c.Prepare(sql);
    EXPECT_TRUE(stmt.ok()) << stmt.status().ToString();
    std::int64_t v = -1;
    const internal::RowFn fn = [&v](const internal::SqlRow& r) {
      v = r.Int(0);
      return Status::Ok();
    };
    if (stmt.ok()) {
      EXPECT_TRUE(c.Run(*stmt, {}, &fn).ok());
    }
    return v;
  }

  // One enterprise kUsccA with unit "U1".
  void SeedUnit() {
    ASSERT_TRUE(Write([](RegistryWriter& w) {
                  Enterprise e = MakeEnterprise(kUsccA, "440305");
                  CHEMSAFE_RETURN_IF_ERROR(w.UpsertEnterprise(e));
                  Unit u = MakeUnit(kUsccA, "U1");
                  return w.UpsertUnit(u);
                }).ok());
    auto u = store_->FindUnit(kUsccA, "U1");
    ASSERT_TRUE(u.ok() && u->has_value());
    unit_id_ = (*u)->id;
  }

  Status Hold(const Holding& h, std::string at) {
    return Write([&](RegistryWriter& w) {
      Holding copy = h;
      return w.UpsertHolding(copy, at);
    });
  }

  std::vector<Holding> History(std::string_view key) {
    auto v = store_->HoldingHistory(unit_id_, key);
    EXPECT_TRUE(v.ok()) << v.status().ToString();
    return v.ok() ? *v : std::vector<Holding>{};
  }

  std::vector<Holding> AsOf(std::optional<std::string> as_of) {
    auto v = store_->HoldingsOfUnit(unit_id_, std::move(as_of));
    EXPECT_TRUE(v.ok()) << v.status().ToString();
    return v.ok() ? *v : std::vector<Holding>{};
  }

  std::filesystem::path dir_;
  std::string target_;
  std::unique_ptr<RegistryStore> store_;
  std::int64_t unit_id_ = 0;
};

TEST_P(RegistryStoreTest, NewDatabaseIsMigratedAndEmpty) {
  auto v = store_->SchemaVersion();
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  EXPECT_EQ(*v, migrations::LatestVersion());
  auto s = store_->Summary();
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->enterprises, 0);
  EXPECT_EQ(s->holdings, 0);
  EXPECT_TRUE(s->enterprises_by_city.empty());
  EXPECT_DOUBLE_EQ(s->total_max_quantity_t, 0.0);
}

TEST_P(RegistryStoreTest, ReopeningDoesNotMigrateAgainAndKeepsData) {
  SeedUnit();
  store_.reset();
  auto again = Open();
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(*(*again)->SchemaVersion(), migrations::LatestVersion());
  auto e = (*again)->FindEnterprise(kUsccA);
  ASSERT_TRUE(e.ok());
  EXPECT_TRUE(e->has_value());
}

TEST_P(RegistryStoreTest, EnterpriseRoundTripsEveryFieldAndUpsertsByUscc) {
  Enterprise e = MakeEnterprise(kUsccA, "440305");
  e.park_code = "GD-HZ-DYW";
  e.provenance = registry::Provenance::kSynthetic;
  e.licences.push_back({"危险化学品经营许可证", "粤深危化经字[2022]000123", "2022-01-01", "2025-12-31"});
  ASSERT_TRUE(Write([&](RegistryWriter& w) { return w.UpsertEnterprise(e); }).ok());
  EXPECT_GT(e.id, 0);

  auto found = store_->FindEnterprise(kUsccA);
  ASSERT_TRUE(found.ok() && found->has_value()) << found.status().ToString();
  const Enterprise& f = **found;
  EXPECT_EQ(f.id, e.id);
  EXPECT_EQ(f.name, "示例化工有限公司");
  EXPECT_EQ(f.legal_representative, "张三");
  EXPECT_EQ(f.division_code, "440305");
  EXPECT_EQ(f.address, e.address);
  ASSERT_TRUE(f.location.has_value());
  EXPECT_EQ(*f.location, *e.location);  // stored as doubles: exact round trip
  EXPECT_EQ(f.activities, e.activities);
  EXPECT_EQ(f.sector, registry::Sector::kChemical);
  EXPECT_EQ(f.park_code, "GD-HZ-DYW");
  ASSERT_EQ(f.licences.size(), 2u);
  EXPECT_EQ(f.licences[1].number, "粤深危化经字[2022]000123");
  EXPECT_EQ(f.licences[1].valid_to, "2025-12-31");
  EXPECT_EQ(f.provenance, registry::Provenance::kSynthetic);

  Enterprise renamed = MakeEnterprise(kUsccA, "440305", "示例化工（深圳）有限公司");
  renamed.location.reset();
  renamed.activities = {Activity::kTrade};
  ASSERT_TRUE(Write([&](RegistryWriter& w) { return w.UpsertEnterprise(renamed); }).ok());
  EXPECT_EQ(renamed.id, e.id);
  auto again = store_->FindEnterprise(kUsccA);
  ASSERT_TRUE(again.ok() && again->has_value());
  EXPECT_EQ((*again)->name, "示例化工（深圳）有限公司");
  EXPECT_FALSE((*again)->location.has_value());
  EXPECT_EQ((*again)->activities, std::vector<Activity>{Activity::kTrade});
  EXPECT_EQ(store_->Summary()->enterprises, 1);
}

TEST_P(RegistryStoreTest, UnitRoundTripsAndResolvesItsEnterpriseByUscc) {
  SeedUnit();
  auto u = store_->FindUnit(kUsccA, "U1");
  ASSERT_TRUE(u.ok() && u->has_value());
  const Unit& f = **u;
  EXPECT_EQ(f.enterprise_uscc, kUsccA);
  EXPECT_EQ(f.name, "液氯储罐区");
  EXPECT_EQ(f.kind, registry::UnitKind::kStorage);
  ASSERT_TRUE(f.boundary.has_value());
  const Unit want = MakeUnit(kUsccA, "U1");
  ASSERT_EQ(f.boundary->rings.size(), 1u);
  EXPECT_EQ(f.boundary->rings[0], want.boundary->rings[0]);
  EXPECT_EQ(f.declared_exposed_people, 120);
  ASSERT_EQ(f.responsible.size(), 2u);
  EXPECT_EQ(f.responsible[1].role, registry::PersonRole::kTechnical);
  EXPECT_EQ(f.responsible[1].name, "王五");
  EXPECT_EQ(f.key_processes, want.key_processes);

  // Same (enterprise, code): updated in place.
  Unit changed = MakeUnit(kUsccA, "U1");
  changed.name = "液氯储罐区（扩建）";
  changed.declared_exposed_people.reset();
  changed.boundary.reset();
  ASSERT_TRUE(Write([&](RegistryWriter& w) { return w.UpsertUnit(changed); }).ok());
  EXPECT_EQ(changed.id, f.id);
  auto units = store_->UnitsOfEnterprise(f.enterprise_id);
  ASSERT_TRUE(units.ok());
  ASSERT_EQ(units->size(), 1u);
  EXPECT_EQ((*units)[0].name, "液氯储罐区（扩建）");
  EXPECT_FALSE((*units)[0].declared_exposed_people.has_value());
  EXPECT_FALSE((*units)[0].boundary.has_value());
}

TEST_P(RegistryStoreTest, RecordsAreFoundByTheirIds) {
  SeedUnit();
  auto u = store_->FindUnit(kUsccA, "U1");
  ASSERT_TRUE(u.ok() && u->has_value());
  auto by_id = store_->FindUnitById((*u)->id);
  ASSERT_TRUE(by_id.ok() && by_id->has_value());
  EXPECT_EQ((*by_id)->code, "U1");
  EXPECT_EQ((*by_id)->enterprise_uscc, kUsccA);
  auto e = store_->FindEnterpriseById((*u)->enterprise_id);
  ASSERT_TRUE(e.ok() && e->has_value());
  EXPECT_EQ((*e)->uscc, kUsccA);
  ASSERT_EQ((*e)->licences.size(), 1u);
  EXPECT_EQ((*e)->licences[0].number, MakeEnterprise(kUsccA, "440305").licences[0].number);
  ProtectedTarget t;
  t.code = "T1";
  t.name = "某小学";
  t.kind = "学校";
  t.division_code = "440305";
  t.location = LonLat{113.93, 22.53};
  t.day_population = 900;
  ASSERT_TRUE(Write([&](RegistryWriter& w) { return w.UpsertProtectedTarget(t); }).ok());
  auto target = store_->FindProtectedTargetById(t.id);
  ASSERT_TRUE(target.ok() && target->has_value());
  EXPECT_EQ((*target)->name, "某小学");
  EXPECT_EQ((*target)->day_population, 900);
  std::vector<UnitPoint> points;
  ASSERT_TRUE(store_->ForEachUnitPoint([&](const UnitPoint& p) {
    points.push_back(p);
    return Status::Ok();
  }).ok());
  ASSERT_EQ(points.size(), 1u);
  EXPECT_EQ(points[0].id, (*u)->id);
  EXPECT_EQ(points[0].enterprise_id, (*u)->enterprise_id);
  EXPECT_EQ(points[0].location, (*u)->location);
  EXPECT_EQ(points[0].name, "液氯储罐区");
  EnterpriseFilter lean;
  lean.without_licences = true;
  auto listed = store_->ListEnterprises(lean);
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_TRUE((*listed)[0].licences.empty());
  EXPECT_EQ((*listed)[0].activities, (*e)->activities);
  EXPECT_FALSE(store_->FindUnitById(999999)->has_value());
  EXPECT_FALSE(store_->FindEnterpriseById(999999)->has_value());
  EXPECT_FALSE(store_->FindProtectedTargetById(999999)->has_value());
}

TEST_P(RegistryStoreTest, UnitOfUnknownEnterpriseIsRejected) {
  Unit by_uscc = MakeUnit(kUsccB, "U1");
  Status st = Write([&](RegistryWriter& w) { return w.UpsertUnit(by_uscc); });
  EXPECT_EQ(st.code(), StatusCode::kNotFound) << st.ToString();
  EXPECT_NE(st.message().find(kUsccB), std::string::npos) << st.message();

  Unit by_id = MakeUnit("", "U1");
  by_id.enterprise_id = 987654;
  by_id.enterprise_uscc = kUsccB;  // the id decides; it does not exist
  st = Write([&](RegistryWriter& w) { return w.UpsertUnit(by_id); });
  EXPECT_EQ(st.code(), StatusCode::kInvalidArgument) << st.ToString();
  EXPECT_NE(st.message().find("enterprise_id"), std::string::npos) << st.message();
}

TEST_P(RegistryStoreTest, IdenticalHoldingReimportChangesNothing) {
  SeedUnit();
  const Holding h = MakeHolding(kUsccA, "U1", "7782-50-5", 50.0);
  ASSERT_TRUE(Hold(h, "2024-01-10T09:00:00+08:00").ok());
  ASSERT_TRUE(Hold(h, "2024-05-01T09:00:00+08:00").ok());
  Holding third = h;
  ASSERT_TRUE(Write([&](RegistryWriter& w) { return w.UpsertHolding(third, "2024-06-01T00:00:00Z"); }).ok());
  const auto history = History("7782-50-5");
  ASSERT_EQ(history.size(), 1u);
  EXPECT_EQ(history[0].valid_from, "2024-01-10T01:00:00.000000Z");
  EXPECT_TRUE(history[0].valid_to.empty());
  EXPECT_EQ(third.id, history[0].id);
  EXPECT_EQ(third.valid_from, history[0].valid_from);
}

TEST_P(RegistryStoreTest, ChangedHoldingClosesTheOldVersionAndOpensANewOne) {
  SeedUnit();
  Holding h = MakeHolding(kUsccA, "U1", "7782-50-5", 50.0);
  ASSERT_TRUE(Hold(h, "2024-01-10T09:00:00+08:00").ok());
  h.max_quantity_t = 80.0;
  ASSERT_TRUE(Hold(h, "2024-03-01T00:00:00+08:00").ok());
  const auto history = History("7782-50-5");
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[0].max_quantity_t, 50.0);
  EXPECT_EQ(history[0].valid_to, "2024-02-29T16:00:00.000000Z");
  EXPECT_EQ(history[1].max_quantity_t, 80.0);
  EXPECT_EQ(history[1].valid_from, history[0].valid_to);
  EXPECT_TRUE(history[1].valid_to.empty());
  const auto current = AsOf(std::nullopt);
  ASSERT_EQ(current.size(), 1u);
  EXPECT_EQ(current[0].id, history[1].id);
  EXPECT_EQ(current[0].enterprise_uscc, kUsccA);
  EXPECT_EQ(current[0].unit_code, "U1");

  // A change dated before the current version began would make history overlap.
  h.max_quantity_t = 90.0;
  Status st = Hold(h, "2024-02-01");
  EXPECT_EQ(st.code(), StatusCode::kInvalidArgument) << st.ToString();
  EXPECT_EQ(History("7782-50-5").size(), 2u);
}

TEST_P(RegistryStoreTest, HoldingsAsOfADateAnswerWhatTheUnitHeldAtTheEndOfThatShanghaiDay) {
  SeedUnit();
  Holding chlorine = MakeHolding(kUsccA, "U1", "7782-50-5", 10.0);
  ASSERT_TRUE(Hold(chlorine, "2024-01-10T09:00:00+08:00").ok());
  chlorine.max_quantity_t = 20.0;
  ASSERT_TRUE(Hold(chlorine, "2024-03-01T00:00:00+08:00").ok());
  ASSERT_TRUE(Write([&](RegistryWriter& w) {
                return w.EndHolding(unit_id_, "7782-50-5", "2024-06-01T12:00:00+08:00");
              }).ok());
  // 16:30 UTC on 2024-01-10 is 00:30 on 2024-01-11 in Shanghai.
  Holding ammonia = MakeHolding(kUsccA, "U1", "7664-41-7", 5.0);
  ammonia.chemical_name = "氨";
  ASSERT_TRUE(Hold(ammonia, "2024-01-10T16:30:00Z").ok());

  auto quantities = [&](std::optional<std::string> as_of) {
    std::vector<std::pair<std::string, double>> out;
    for (const Holding& h : AsOf(std::move(as_of))) out.emplace_back(h.chemical_key, h.max_quantity_t.value_or(-1));
    return out;
  };
  using V = std::vector<std::pair<std::string, double>>;
  EXPECT_EQ(quantities("2024-01-09"), V{});
  EXPECT_EQ(quantities("2024-01-10"), (V{{"7782-50-5", 10.0}}));
  EXPECT_EQ(quantities("2024-01-11"), (V{{"7664-41-7", 5.0}, {"7782-50-5", 10.0}}));
  EXPECT_EQ(quantities("2024-02-29T23:59:59+08:00"), (V{{"7664-41-7", 5.0}, {"7782-50-5", 10.0}}));
  EXPECT_EQ(quantities("2024-03-01T00:00:00+08:00"), (V{{"7664-41-7", 5.0}, {"7782-50-5", 20.0}}));
  EXPECT_EQ(quantities("2024-02-29"), (V{{"7664-41-7", 5.0}, {"7782-50-5", 10.0}}));
  EXPECT_EQ(quantities("2024-03-01"), (V{{"7664-41-7", 5.0}, {"7782-50-5", 20.0}}));
  EXPECT_EQ(quantities("2024-06-01T11:59:59.999999+08:00"), (V{{"7664-41-7", 5.0}, {"7782-50-5", 20.0}}));
  EXPECT_EQ(quantities("2024-06-01T04:00:00Z"), (V{{"7664-41-7", 5.0}}));
  EXPECT_EQ(quantities("2024-06-01"), (V{{"7664-41-7", 5.0}}));
  EXPECT_EQ(quantities(std::nullopt), (V{{"7664-41-7", 5.0}}));

  auto bad = store_->HoldingsOfUnit(unit_id_, "2024-13-01");
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
}

TEST_P(RegistryStoreTest, EndHoldingClosesTheCurrentVersionOnlyOnce) {
  SeedUnit();
  ASSERT_TRUE(Hold(MakeHolding(kUsccA, "U1", "7782-50-5", 10.0), "2024-01-10").ok());
  Status early = Write([&](RegistryWriter& w) { return w.EndHolding(unit_id_, "7782-50-5", "2023-12-31"); });
  EXPECT_EQ(early.code(), StatusCode::kInvalidArgument) << early.ToString();
  ASSERT_TRUE(Write([&](RegistryWriter& w) { return w.EndHolding(unit_id_, "7782-50-5", "2024-02-01"); }).ok());
  Status again = Write([&](RegistryWriter& w) { return w.EndHolding(unit_id_, "7782-50-5", "2024-03-01"); });
  EXPECT_EQ(again.code(), StatusCode::kNotFound) << again.ToString();
  const auto history = History("7782-50-5");
  ASSERT_EQ(history.size(), 1u);
  EXPECT_EQ(history[0].valid_to, "2024-01-31T16:00:00.000000Z");
  EXPECT_TRUE(AsOf(std::nullopt).empty());

  // Held again later: a new version; the ended one stays in history.
  ASSERT_TRUE(Hold(MakeHolding(kUsccA, "U1", "7782-50-5", 10.0), "2024-04-01").ok());
  EXPECT_EQ(History("7782-50-5").size(), 2u);
  EXPECT_EQ(AsOf(std::nullopt).size(), 1u);
}

TEST_P(RegistryStoreTest, HoldingOfUnknownUnitIsRejected) {
  SeedUnit();
  Status by_key = Hold(MakeHolding(kUsccA, "NO-SUCH-UNIT", "7782-50-5", 1.0), "2024-01-01");
  EXPECT_EQ(by_key.code(), StatusCode::kNotFound) << by_key.ToString();
  EXPECT_NE(by_key.message().find("NO-SUCH-UNIT"), std::string::npos) << by_key.message();

  Holding by_id = MakeHolding("", "", "7782-50-5", 1.0);
  by_id.unit_id = unit_id_ + 1000;
  Status st = Hold(by_id, "2024-01-01");
  EXPECT_EQ(st.code(), StatusCode::kInvalidArgument) << st.ToString();
  EXPECT_NE(st.message().find("unit_id"), std::string::npos) << st.message();
}

TEST_P(RegistryStoreTest, ConstraintViolationsNameTheField) {
  SeedUnit();
  Status negative = Hold(MakeHolding(kUsccA, "U1", "7782-50-5", -1.0), "2024-01-01");
  EXPECT_EQ(negative.code(), StatusCode::kInvalidArgument) << negative.ToString();
  EXPECT_NE(negative.message().find("max_quantity_t"), std::string::npos) << negative.message();

  Status bad_at = Hold(MakeHolding(kUsccA, "U1", "7782-50-5", 1.0), "yesterday");
  EXPECT_EQ(bad_at.code(), StatusCode::kInvalidArgument) << bad_at.ToString();

  ProtectedTarget t;
  t.code = "PT-1";
  t.name = "南山实验学校";
  t.division_code = "440305";
  t.day_population = -5;
  Status negative_people = Write([&](RegistryWriter& w) { return w.UpsertProtectedTarget(t); });
  EXPECT_EQ(negative_people.code(), StatusCode::kInvalidArgument) << negative_people.ToString();
  EXPECT_NE(negative_people.message().find("day_population"), std::string::npos) << negative_people.message();
}

TEST_P(RegistryStoreTest, FailedTransactionLeavesNothingWritten) {
  SeedUnit();
  const auto before = store_->Summary();
  ASSERT_TRUE(before.ok());
  Status st = Write([&](RegistryWriter& w) {
    Enterprise e = MakeEnterprise(kUsccB, "440106");
    CHEMSAFE_RETURN_IF_ERROR(w.UpsertEnterprise(e));
    Unit u = MakeUnit(kUsccB, "T-01");
    CHEMSAFE_RETURN_IF_ERROR(w.UpsertUnit(u));
    Holding h = MakeHolding(kUsccB, "T-01", "67-56-1", 100.0);
    CHEMSAFE_RETURN_IF_ERROR(w.UpsertHolding(h, "2024-01-01"));
    Holding a = MakeHolding(kUsccA, "U1", "7782-50-5", 3.0);
    CHEMSAFE_RETURN_IF_ERROR(w.UpsertHolding(a, "2024-01-01"));
    Holding bad = MakeHolding(kUsccB, "NO-SUCH-UNIT", "71-43-2", 1.0);  // fails: the whole import must go
    return w.UpsertHolding(bad, "2024-01-01");
  });
  EXPECT_EQ(st.code(), StatusCode::kNotFound) << st.ToString();
  EXPECT_FALSE(store_->FindEnterprise(kUsccB)->has_value());
  EXPECT_TRUE(AsOf(std::nullopt).empty());
  const auto after = store_->Summary();
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->enterprises, before->enterprises);
  EXPECT_EQ(after->units, before->units);
  EXPECT_EQ(after->holdings, 0);

  // The store is usable after the rollback, and ids resolved in the failed transaction are not reused.
  ASSERT_TRUE(Hold(MakeHolding(kUsccA, "U1", "7782-50-5", 3.0), "2024-01-01").ok());
  EXPECT_EQ(AsOf(std::nullopt).size(), 1u);
}

TEST_P(RegistryStoreTest, AFailedWriteDoomsTheTransactionOnEveryBackend) {
  SeedUnit();
  Status later;
  Status st = Write([&](RegistryWriter& w) {
    Holding ok = MakeHolding(kUsccA, "U1", "7782-50-5", 1.0);
    CHEMSAFE_RETURN_IF_ERROR(w.UpsertHolding(ok, "2024-01-01"));
    Holding negative = MakeHolding(kUsccA, "U1", "67-56-1", -1.0);
    Status bad = w.UpsertHolding(negative, "2024-01-01");
    if (bad.code() != StatusCode::kInvalidArgument) return Internal("expected a check violation: " + bad.ToString());
    Holding after = MakeHolding(kUsccA, "U1", "71-43-2", 1.0);
    later = w.UpsertHolding(after, "2024-01-01");
    return Status::Ok();  // ignores both errors: the store must not commit anyway
  });
  EXPECT_EQ(st.code(), StatusCode::kInvalidArgument) << st.ToString();
  EXPECT_NE(st.message().find("max_quantity_t"), std::string::npos) << st.message();
  EXPECT_EQ(later.code(), StatusCode::kFailedPrecondition) << later.ToString();
  EXPECT_TRUE(AsOf(std::nullopt).empty());

  // Errors found before any statement runs (an unknown unit) leave the transaction usable.
  st = Write([&](RegistryWriter& w) {
    Holding lost = MakeHolding(kUsccA, "NO-SUCH-UNIT", "7782-50-5", 1.0);
    if (w.UpsertHolding(lost, "2024-01-01").code() != StatusCode::kNotFound) return Internal("expected NotFound");
    Holding ok = MakeHolding(kUsccA, "U1", "7782-50-5", 1.0);
    return w.UpsertHolding(ok, "2024-01-01");
  });
  EXPECT_TRUE(st.ok()) << st.ToString();
  EXPECT_EQ(AsOf(std::nullopt).size(), 1u);
}

TEST_P(RegistryStoreTest, CommittedTransactionIsVisibleFromASecondConnectionOnlyAfterCommit) {
  auto second = Open();
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  RegistryStore& other = **second;
  Status st = Write([&](RegistryWriter& w) {
    Enterprise e = MakeEnterprise(kUsccA, "440305");
    CHEMSAFE_RETURN_IF_ERROR(w.UpsertEnterprise(e));
    auto seen = other.FindEnterprise(kUsccA);
    if (!seen.ok()) return seen.status();
    if (seen->has_value()) return Internal("uncommitted enterprise visible from another connection");
    return Status::Ok();
  });
  ASSERT_TRUE(st.ok()) << st.ToString();
  auto seen = other.FindEnterprise(kUsccA);
  ASSERT_TRUE(seen.ok()) << seen.status().ToString();
  EXPECT_TRUE(seen->has_value());
}

TEST_P(RegistryStoreTest, AcknowledgedCommitSurvivesAWriterThatDiesWithoutClosing) {
  store_.reset();  // the child must not inherit an open connection
  const int committed = InChildThatDies([&] {
    auto s = Open();
    if (!s.ok()) return 2;
    Status st = (*s)->InTransaction([](RegistryWriter& w) {
      Enterprise e = MakeEnterprise(kUsccA, "440305");
      return w.UpsertEnterprise(e);
    });
    return st.ok() ? 0 : 3;  // _exit right after the commit was acknowledged
  });
  ASSERT_EQ(committed, 0);
  const int uncommitted = InChildThatDies([&] {
    auto s = Open();
    if (!s.ok()) return 2;
    Status st = (*s)->InTransaction([](RegistryWriter& w) -> Status {
      Enterprise e = MakeEnterprise(kUsccB, "440305");
      CHEMSAFE_RETURN_IF_ERROR(w.UpsertEnterprise(e));
      _exit(0);  // dies inside the transaction
    });
    return st.ok() ? 4 : 3;
  });
  ASSERT_EQ(uncommitted, 0);
  auto reopened = Open();
  ASSERT_TRUE(reopened.ok()) << reopened.status().ToString();
  EXPECT_TRUE((*reopened)->FindEnterprise(kUsccA)->has_value());
  EXPECT_FALSE((*reopened)->FindEnterprise(kUsccB)->has_value());
}

TEST_P(RegistryStoreTest, EachMigrationIsAppliedOnceAndANewerSchemaIsRefused) {
  auto again = Open();  // migrates again: must be a no-op
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  auto raw = OpenRaw();
  ASSERT_TRUE(raw.ok()) << raw.status().ToString();
  EXPECT_EQ(ScalarInt(**raw, "SELECT COUNT(*) FROM schema_migrations"),
            static_cast<std::int64_t>(migrations::SqliteMigrations().size()));
  EXPECT_EQ(migrations::SqliteMigrations().size(), migrations::PostgresMigrations().size());
  ASSERT_TRUE((*raw)->ExecScript("INSERT INTO schema_migrations (version, name, applied_at) "
                                 "VALUES (9999, 'from the future', '2099-01-01T00:00:00.000000Z')")
                  .ok());
  auto newer = Open();
  EXPECT_EQ(newer.status().code(), StatusCode::kFailedPrecondition) << newer.status().ToString();
}

TEST_P(RegistryStoreTest, NestedTransactionIsRefused) {
  Status inner;
  Status outer = Write([&](RegistryWriter&) {
    inner = store_->InTransaction([](RegistryWriter&) { return Status::Ok(); });
    return Status::Ok();
  });
  EXPECT_TRUE(outer.ok()) << outer.ToString();
  EXPECT_EQ(inner.code(), StatusCode::kFailedPrecondition);
}

TEST_P(RegistryStoreTest, SummaryCountsByCitySectorAndChemical) {
  ASSERT_TRUE(Write([](RegistryWriter& w) {
                Enterprise a = MakeEnterprise(kUsccA, "440305");  // Shenzhen
                Enterprise b = MakeEnterprise(kUsccB, "440306");  // Shenzhen
                b.sector = registry::Sector::kFuelStation;
                b.provenance = registry::Provenance::kSynthetic;
                Enterprise c = MakeEnterprise(kUsccC, "440106");  // Guangzhou
                for (Enterprise* e : {&a, &b, &c}) CHEMSAFE_RETURN_IF_ERROR(w.UpsertEnterprise(*e));
                for (const char* uscc : {kUsccA, kUsccB, kUsccC}) {
                  Unit u = MakeUnit(uscc, "U1");
                  CHEMSAFE_RETURN_IF_ERROR(w.UpsertUnit(u));
                }
                struct H { const char* uscc; const char* key; double t; };
                for (const H& x : {H{kUsccA, "7782-50-5", 10}, H{kUsccA, "67-56-1", 2.5}, H{kUsccB, "67-56-1", 30},
                                   H{kUsccC, "67-56-1", 7}, H{kUsccC, "煤气", 1}}) {
                  Holding h = MakeHolding(x.uscc, "U1", x.key, x.t);
                  CHEMSAFE_RETURN_IF_ERROR(w.UpsertHolding(h, "2024-01-01"));
                }
                Holding old = MakeHolding(kUsccA, "U1", "7782-50-5", 12);  // replaces 10 t: one current version
                CHEMSAFE_RETURN_IF_ERROR(w.UpsertHolding(old, "2024-02-01"));
                ProtectedTarget t;
                t.code = "PT-1";
                t.name = "南山实验学校";
                t.division_code = "440305";
                t.day_population = 1500;
                CHEMSAFE_RETURN_IF_ERROR(w.UpsertProtectedTarget(t));
                Park p;
                p.code = "GZ-NS";
                p.name = "广州南沙港区";
                p.kind = registry::ParkKind::kPortZone;
                p.division_code = "440115";
                return w.UpsertPark(p);
              }).ok());

  auto all = store_->Summary();
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  EXPECT_EQ(all->enterprises, 3);
  EXPECT_EQ(all->synthetic_enterprises, 1);
  EXPECT_EQ(all->units, 3);
  EXPECT_EQ(all->holdings, 5);
  EXPECT_EQ(all->protected_targets, 1);
  EXPECT_EQ(all->parks, 1);
  EXPECT_DOUBLE_EQ(all->total_max_quantity_t, 12 + 2.5 + 30 + 7 + 1);
  ASSERT_EQ(all->enterprises_by_city.size(), 2u);
  EXPECT_EQ(all->enterprises_by_city[0].key, "4401");
  EXPECT_EQ(all->enterprises_by_city[0].count, 1);
  EXPECT_EQ(all->enterprises_by_city[1].key, "4403");
  EXPECT_EQ(all->enterprises_by_city[1].count, 2);
  ASSERT_EQ(all->enterprises_by_sector.size(), 2u);
  EXPECT_EQ(all->enterprises_by_sector[0].key, "1");
  EXPECT_EQ(all->enterprises_by_sector[0].count, 2);
  EXPECT_EQ(all->enterprises_by_sector[1].key, "7");
  ASSERT_EQ(all->holdings_by_chemical.size(), 3u);
  EXPECT_EQ(all->holdings_by_chemical[0].key, "67-56-1");
  EXPECT_EQ(all->holdings_by_chemical[0].count, 3);
  EXPECT_EQ(all->holdings_by_chemical[1].key, "7782-50-5");  // ties by key, byte order
  EXPECT_EQ(all->holdings_by_chemical[2].key, "煤气");

  auto shenzhen = store_->Summary("4403");
  ASSERT_TRUE(shenzhen.ok()) << shenzhen.status().ToString();
  EXPECT_EQ(shenzhen->enterprises, 2);
  EXPECT_EQ(shenzhen->units, 2);
  EXPECT_EQ(shenzhen->holdings, 3);
  EXPECT_DOUBLE_EQ(shenzhen->total_max_quantity_t, 12 + 2.5 + 30);
  EXPECT_EQ(shenzhen->protected_targets, 1);
  EXPECT_EQ(shenzhen->parks, 0);
  ASSERT_EQ(shenzhen->enterprises_by_city.size(), 1u);
  EXPECT_EQ(shenzhen->enterprises_by_city[0].key, "4403");
}

TEST_P(RegistryStoreTest, ForEachStreamsInNaturalKeyOrderAndStopsOnError) {
  ASSERT_TRUE(Write([](RegistryWriter& w) {
                // Written out of order, with Chinese codes to check byte order.
                for (const char* uscc : {kUsccB, kUsccC, kUsccA}) {
                  Enterprise e = MakeEnterprise(uscc, "440305");
                  CHEMSAFE_RETURN_IF_ERROR(w.UpsertEnterprise(e));
                  for (const char* code : {"罐区B", "U2", "罐区A", "U10"}) {
                    Unit u = MakeUnit(uscc, code);
                    CHEMSAFE_RETURN_IF_ERROR(w.UpsertUnit(u));
                    for (const char* key : {"汽油", "7782-50-5", "1333-74-0"}) {
                      Holding h = MakeHolding(uscc, code, key, 1.0);
                      CHEMSAFE_RETURN_IF_ERROR(w.UpsertHolding(h, "2024-01-01"));
                    }
                  }
                }
                return Status::Ok();
              }).ok());
  std::vector<std::string> usccs;
  ASSERT_TRUE(store_->ForEachEnterprise([&](const Enterprise& e) {
                usccs.push_back(e.uscc);
                return Status::Ok();
              }).ok());
  EXPECT_EQ(usccs, (std::vector<std::string>{kUsccA, kUsccC, kUsccB}));

  std::vector<std::string> units;
  ASSERT_TRUE(store_->ForEachUnit([&](const Unit& u) {
                units.push_back(u.enterprise_uscc + "/" + u.code);
                return Status::Ok();
              }).ok());
  ASSERT_EQ(units.size(), 12u);
  const std::string a = kUsccA;
  EXPECT_EQ(std::vector<std::string>(units.begin(), units.begin() + 4),
            (std::vector<std::string>{a + "/U10", a + "/U2", a + "/罐区A", a + "/罐区B"}));

  std::vector<std::string> holdings;
  ASSERT_TRUE(store_->ForEachCurrentHolding([&](const Holding& h) {
                holdings.push_back(h.enterprise_uscc + "/" + h.unit_code + "/" + h.chemical_key);
                return Status::Ok();
              }).ok());
  ASSERT_EQ(holdings.size(), 36u);
  EXPECT_EQ(std::vector<std::string>(holdings.begin(), holdings.begin() + 4),
            (std::vector<std::string>{a + "/U10/1333-74-0", a + "/U10/7782-50-5", a + "/U10/汽油", a + "/U2/1333-74-0"}));
  EXPECT_TRUE(std::is_sorted(holdings.begin(), holdings.end()));

  // The unordered stream gives the same current holdings, each with its content.
  Holding closed = MakeHolding(kUsccA, "U2", "汽油", 2.0);  // versions 汽油 of A/U2
  ASSERT_TRUE(Write([&](RegistryWriter& w) { return w.UpsertHolding(closed, "2024-02-01"); }).ok());
  std::vector<std::string> unordered;
  ASSERT_TRUE(store_->ForEachCurrentHoldingUnordered([&](const Holding& h) {
                unordered.push_back(h.enterprise_uscc + "/" + h.unit_code + "/" + h.chemical_key);
                if (h.valid_to != "" || h.id == 0 || h.unit_id == 0) return Internal("not a current version");
                if (unordered.back() == a + "/U2/汽油" && h.max_quantity_t != 2.0) return Internal("an old version");
                return Status::Ok();
              }).ok());
  std::sort(unordered.begin(), unordered.end());
  EXPECT_EQ(unordered, holdings);

  // Reads from inside the callback work; the first error ends the stream and comes back.
  int seen = 0;
  Status st = store_->ForEachUnit([&](const Unit& u) -> Status {
    auto hs = store_->HoldingsOfUnit(u.id);
    if (!hs.ok()) return hs.status();
    if (hs->size() != 3) return Internal("expected three holdings");
    return ++seen == 5 ? Status(StatusCode::kResourceExhausted, "stop") : Status::Ok();
  });
  EXPECT_EQ(st.code(), StatusCode::kResourceExhausted) << st.ToString();
  EXPECT_EQ(seen, 5);
  Status write_inside = store_->ForEachEnterprise([&](const Enterprise&) {
    return store_->InTransaction([](RegistryWriter&) { return Status::Ok(); });
  });
  EXPECT_EQ(write_inside.code(), StatusCode::kFailedPrecondition);
}

TEST_P(RegistryStoreTest, ListEnterprisesFiltersAndPages) {
  ASSERT_TRUE(Write([](RegistryWriter& w) {
                Enterprise a = MakeEnterprise(kUsccA, "440305");
                Enterprise b = MakeEnterprise(kUsccB, "440306001");
                b.park_code = "SZ-DP";
                Enterprise c = MakeEnterprise(kUsccC, "440106");
                for (Enterprise* e : {&a, &b, &c}) CHEMSAFE_RETURN_IF_ERROR(w.UpsertEnterprise(*e));
                return Status::Ok();
              }).ok());
  auto usccs = [](const Result<std::vector<Enterprise>>& r) {
    std::vector<std::string> out;
    if (r.ok()) for (const auto& e : *r) out.push_back(e.uscc);
    return out;
  };
  using V = std::vector<std::string>;
  auto list = [&](auto set) {
    EnterpriseFilter f;
    set(f);
    return usccs(store_->ListEnterprises(f));
  };
  EXPECT_EQ(list([](EnterpriseFilter&) {}), (V{kUsccA, kUsccC, kUsccB}));
  EXPECT_EQ(list([](EnterpriseFilter& f) { f.division_prefix = "4403"; }), (V{kUsccA, kUsccB}));
  EXPECT_EQ(list([](EnterpriseFilter& f) { f.division_prefix = "440306"; }), (V{kUsccB}));
  EXPECT_EQ(list([](EnterpriseFilter& f) { f.uscc = kUsccC; }), (V{kUsccC}));
  EXPECT_EQ(list([](EnterpriseFilter& f) { f.park_code = "SZ-DP"; }), (V{kUsccB}));
  EXPECT_EQ(list([](EnterpriseFilter& f) { f.limit = 2; }), (V{kUsccA, kUsccC}));
  EXPECT_EQ(list([](EnterpriseFilter& f) { f.limit = 2; f.offset = 2; }), (V{kUsccB}));
  EXPECT_EQ(list([](EnterpriseFilter& f) { f.offset = 1; }), (V{kUsccC, kUsccB}));
}

TEST_P(RegistryStoreTest, ProtectedTargetsAndParksUpsertByCode) {
  ProtectedTarget school;
  school.code = "PT-440305-001";
  school.name = "南山实验学校";
  school.target_class = registry::TargetClass::kHighlySensitive;
  school.kind = "学校";
  school.division_code = "440305";
  school.location = LonLat{113.93, 22.53};
  school.area = Polygon{{{{113.92, 22.52}, {113.94, 22.52}, {113.94, 22.54}, {113.92, 22.52}}}};
  school.day_population = 2400;
  school.night_population = 300;
  ProtectedTarget homes = school;
  homes.code = "PT-440106-001";
  homes.name = "天河居住区";
  homes.target_class = registry::TargetClass::kGeneral1;
  homes.division_code = "440106";
  homes.area.reset();
  Park park;
  park.code = "HZ-DYW";
  park.name = "惠州大亚湾石化区";
  park.division_code = "441303";
  park.boundary = school.area;
  ASSERT_TRUE(Write([&](RegistryWriter& w) {
                CHEMSAFE_RETURN_IF_ERROR(w.UpsertProtectedTarget(school));
                CHEMSAFE_RETURN_IF_ERROR(w.UpsertProtectedTarget(homes));
                return w.UpsertPark(park);
              }).ok());
  ProtectedTarget renamed = school;
  renamed.night_population = 0;
  ASSERT_TRUE(Write([&](RegistryWriter& w) { return w.UpsertProtectedTarget(renamed); }).ok());
  EXPECT_EQ(renamed.id, school.id);

  auto all = store_->ListProtectedTargets();
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].code, "PT-440106-001");
  EXPECT_EQ((*all)[1].name, "南山实验学校");
  EXPECT_EQ((*all)[1].night_population, 0);
  EXPECT_EQ((*all)[1].target_class, registry::TargetClass::kHighlySensitive);
  ASSERT_TRUE((*all)[1].area.has_value());
  EXPECT_EQ((*all)[1].area->rings, school.area->rings);
  auto sz = store_->ListProtectedTargets("4403");
  ASSERT_TRUE(sz.ok());
  ASSERT_EQ(sz->size(), 1u);
  EXPECT_EQ((*sz)[0].code, "PT-440305-001");

  auto parks = store_->ListParks();
  ASSERT_TRUE(parks.ok());
  ASSERT_EQ(parks->size(), 1u);
  EXPECT_EQ((*parks)[0].name, "惠州大亚湾石化区");
  ASSERT_TRUE((*parks)[0].boundary.has_value());
}

TEST_P(RegistryStoreTest, HoldingValuesRoundTripExactly) {
  SeedUnit();
  Holding h = MakeHolding(kUsccA, "U1", "汽油", 0.1 + 0.2);
  h.chemical_name = "汽油（含乙醇汽油、甲醇汽油）";
  h.max_quantity_t.reset();
  h.max_volume_m3 = 1234.5678901234567;
  h.density_t_m3 = 0.725;
  h.state = registry::PhysicalState::kLiquid;
  h.temperature_c.reset();
  h.pressure_mpa = 1e-3;
  h.gb18218_category = "W5.3";
  h.provenance = registry::Provenance::kSynthetic;
  ASSERT_TRUE(Hold(h, "2024-01-01").ok());
  // Re-importing the same values must be recognised as identical (no new version).
  ASSERT_TRUE(Hold(h, "2024-02-01").ok());
  const auto history = History("汽油");
  ASSERT_EQ(history.size(), 1u);
  const Holding& f = history[0];
  EXPECT_EQ(f.chemical_name, h.chemical_name);
  EXPECT_FALSE(f.max_quantity_t.has_value());
  EXPECT_EQ(f.typical_quantity_t, h.typical_quantity_t);
  EXPECT_EQ(f.max_volume_m3, h.max_volume_m3);
  EXPECT_EQ(f.density_t_m3, h.density_t_m3);
  EXPECT_EQ(f.state, registry::PhysicalState::kLiquid);
  EXPECT_FALSE(f.temperature_c.has_value());
  EXPECT_EQ(f.pressure_mpa, h.pressure_mpa);
  EXPECT_EQ(f.gb18218_category, "W5.3");
  EXPECT_EQ(f.provenance, registry::Provenance::kSynthetic);
  EXPECT_EQ(f.valid_from, "2023-12-31T16:00:00.000000Z");  // 2024-01-01 00:00 in Shanghai
}

// SQLite's durability settings are per connection: check the store's own connection.
TEST(SqliteConnection, UsesWalFullSynchronousForeignKeysAndABusyTimeout) {
  const auto path = std::filesystem::temp_directory_path() / ("chemsafe-pragma-" + std::to_string(getpid()) + ".db");
  std::filesystem::remove(path);
  {
    auto c = sqlite::OpenSqliteConnection(path.string());
    ASSERT_TRUE(c.ok()) << c.status().ToString();
    auto scalar = [&](std::string_view sql) -> std::string {
      auto stmt = (*c)->Prepare(sql);
      if (!stmt.ok()) return stmt.status().ToString();
      std::string v;
      const internal::RowFn fn = [&v](const internal::SqlRow& r) {
        v = std::string(r.Text(0));
        return Status::Ok();
      };
      auto run = (*c)->Run(*stmt, {}, &fn);
      return run.ok() ? v : run.status().ToString();
    };
    EXPECT_EQ(scalar("PRAGMA journal_mode"), "wal");
    EXPECT_EQ(scalar("PRAGMA synchronous"), "2");  // 2 = FULL (https://sqlite.org/pragma.html#pragma_synchronous)
    EXPECT_EQ(scalar("PRAGMA foreign_keys"), "1");
    EXPECT_EQ(scalar("PRAGMA busy_timeout"), "5000");
  }
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
}

TEST(SqliteConnection, UnopenablePathIsUnavailable) {
  auto s = OpenSqlite("/nonexistent-dir/chemsafe.db");
  EXPECT_EQ(s.status().code(), StatusCode::kUnavailable) << s.status().ToString();
}

TEST(PostgresConnection, UnreachableServerIsUnavailable) {
  // Port 1 on loopback: nothing listens there; connect_timeout keeps the test short.
  auto s = OpenPostgres("postgresql://chemsafe@127.0.0.1:1/none?connect_timeout=2");
  EXPECT_EQ(s.status().code(), StatusCode::kUnavailable) << s.status().ToString();
}

TEST_P(RegistryStoreTest, ForEachUnitRefGivesEveryUnitsIdentity) {
  SeedUnit();
  ASSERT_TRUE(Write([](RegistryWriter& w) {
                Enterprise e = MakeEnterprise(kUsccB, "440106");
                CHEMSAFE_RETURN_IF_ERROR(w.UpsertEnterprise(e));
                for (const char* code : {"T-01", "T-02"}) {
                  Unit u = MakeUnit(kUsccB, code);
                  CHEMSAFE_RETURN_IF_ERROR(w.UpsertUnit(u));
                }
                return Status::Ok();
              }).ok());
  std::vector<std::string> seen;
  ASSERT_TRUE(store_->ForEachUnitRef([&](const UnitRef& r) {
                 auto u = store_->FindUnit(r.enterprise_uscc, r.code);  // reads are allowed meanwhile
                 if (!u.ok() || !u->has_value()) return Internal("no unit " + r.code);
                 if ((*u)->id != r.id || (*u)->enterprise_id != r.enterprise_id) return Internal("ids differ");
                 seen.push_back(r.enterprise_uscc + "/" + r.code);
                 return Status::Ok();
               }).ok());
  std::sort(seen.begin(), seen.end());
  EXPECT_EQ(seen, (std::vector<std::string>{std::string(kUsccA) + "/U1", std::string(kUsccB) + "/T-01",
                                            std::string(kUsccB) + "/T-02"}));
  Status stop = store_->ForEachUnitRef([](const UnitRef&) { return FailedPrecondition("enough"); });
  EXPECT_EQ(stop.code(), StatusCode::kFailedPrecondition) << stop.ToString();
}

// UpsertHoldings must end where UpsertHolding one holding after the other ends. Unit U1 takes the
// holdings as batches, U2 one by one, in the same transactions: their histories must be the same.
// The holdings cover what a bulk import meets: new ones, unchanged and changed re-imports, and the
// same chemical twice in one batch; more than one multi-row statement, and a remainder.
TEST_P(RegistryStoreTest, UpsertHoldingsEndsAsUpsertHoldingOneByOne) {
  SeedUnit();
  ASSERT_TRUE(Write([](RegistryWriter& w) {
                Unit u = MakeUnit(kUsccA, "U2");
                return w.UpsertUnit(u);
              }).ok());
  auto u2 = store_->FindUnit(kUsccA, "U2");
  ASSERT_TRUE(u2.ok() && u2->has_value());
  const std::int64_t unit2 = (*u2)->id;

  auto holdings_for = [](std::string unit, int first, int count, double max_t) {
    std::vector<Holding> v;
    for (int i = first; i < first + count; ++i) {
      Holding h = MakeHolding(kUsccA, unit, "C-" + std::to_string(10000 + i), max_t + i);
      if (i % 7 == 0) h.max_volume_m3 = 3.5;
      if (i % 11 == 0) h.temperature_c.reset();
      v.push_back(std::move(h));
    }
    return v;
  };
  // Two imports: 700 new holdings; then 300 of them unchanged, 200 changed, 250 new, and a chemical
  // that appears twice in the same batch with different quantities.
  std::vector<std::pair<std::string, std::function<std::vector<Holding>(std::string)>>> imports = {
      {"2024-01-10T09:00:00+08:00", [&](std::string u) { return holdings_for(u, 0, 700, 10.0); }},
      {"2024-03-01T00:00:00+08:00",
       [&](std::string u) {
         auto v = holdings_for(u, 0, 300, 10.0);
         auto changed = holdings_for(u, 300, 200, 99.0);
         auto added = holdings_for(u, 700, 250, 10.0);
         v.insert(v.end(), changed.begin(), changed.end());
         v.insert(v.end(), added.begin(), added.end());
         Holding twice = MakeHolding(kUsccA, u, "C-TWICE", 1.0);
         v.insert(v.begin() + 20, twice);
         twice.max_quantity_t = 2.0;
         v.insert(v.begin() + 30, twice);
         return v;
       }},
  };
  for (const auto& [at, make] : imports) {
    std::vector<Holding> batch = make("U1");
    std::vector<Holding> single = make("U2");
    std::size_t upserted = 0;
    ASSERT_TRUE(Write([&](RegistryWriter& w) {
                  CHEMSAFE_RETURN_IF_ERROR(w.UpsertHoldings(batch, at, &upserted));
                  for (Holding& h : single) CHEMSAFE_RETURN_IF_ERROR(w.UpsertHolding(h, at));
                  return Status::Ok();
                }).ok());
    EXPECT_EQ(upserted, batch.size());
    // Each holding carries its current version, as after UpsertHolding.
    for (std::size_t i = 0; i < batch.size(); ++i) {
      EXPECT_GT(batch[i].id, 0) << i;
      EXPECT_EQ(batch[i].unit_id, unit_id_) << i;
      EXPECT_EQ(batch[i].valid_from, single[i].valid_from) << i;
      EXPECT_TRUE(batch[i].valid_to.empty()) << i;
    }
  }
  auto all_versions = [&](std::int64_t unit) {
    auto current = store_->HoldingsOfUnit(unit);
    EXPECT_TRUE(current.ok());
    std::vector<std::string> out;
    for (const Holding& c : *current) {
      auto history = store_->HoldingHistory(unit, c.chemical_key);
      EXPECT_TRUE(history.ok());
      for (const Holding& h : *history) {
        out.push_back(h.chemical_key + " " + std::to_string(h.max_quantity_t.value_or(-1)) + " " +
                      std::to_string(h.max_volume_m3.value_or(-1)) + " " +
                      std::to_string(h.temperature_c.value_or(-999)) + " " + h.valid_from + " " + h.valid_to);
      }
    }
    return out;
  };
  const auto batched = all_versions(unit_id_);
  EXPECT_EQ(batched, all_versions(unit2));
  // 951 chemicals now; 200 changed and C-TWICE twice in one import: 951 + 200 + 1 versions.
  EXPECT_EQ(store_->HoldingsOfUnit(unit_id_)->size(), 951u);
  EXPECT_EQ(batched.size(), 951u + 200u + 1u);
  const auto twice = History("C-TWICE");
  ASSERT_EQ(twice.size(), 2u);
  EXPECT_EQ(twice[0].max_quantity_t, 1.0);
  EXPECT_EQ(twice[1].max_quantity_t, 2.0);
}

// A failing holding inside a multi-row batch is reported as UpsertHolding reports it, with its index,
// and the transaction leaves nothing behind.
TEST_P(RegistryStoreTest, UpsertHoldingsReportsTheHoldingThatFails) {
  SeedUnit();
  auto make = [](std::size_t n) {
    std::vector<Holding> v;
    for (std::size_t i = 0; i < n; ++i) v.push_back(MakeHolding(kUsccA, "U1", "C-" + std::to_string(i), 1.0));
    return v;
  };
  {
    std::vector<Holding> v = make(600);
    v[300].max_quantity_t = -1.0;  // CHECK (max_quantity_t >= 0)
    std::size_t upserted = 0;
    Status st = Write([&](RegistryWriter& w) { return w.UpsertHoldings(v, "2024-01-01", &upserted); });
    EXPECT_EQ(st.code(), StatusCode::kInvalidArgument) << st.ToString();
    EXPECT_NE(st.message().find("max_quantity_t"), std::string::npos) << st.message();
    EXPECT_NE(st.message().find("C-300"), std::string::npos) << st.message();
    EXPECT_EQ(upserted, 300u);
  }
  {
    std::vector<Holding> v = make(600);
    v[517].unit_code = "NO-SUCH-UNIT";
    std::size_t upserted = 0;
    Status st = Write([&](RegistryWriter& w) { return w.UpsertHoldings(v, "2024-01-01", &upserted); });
    EXPECT_EQ(st.code(), StatusCode::kNotFound) << st.ToString();
    EXPECT_NE(st.message().find("NO-SUCH-UNIT"), std::string::npos) << st.message();
    EXPECT_EQ(upserted, 517u);
  }
  {
    std::vector<Holding> v = make(600);
    v[40].unit_id = unit_id_ + 1000;  // no such unit: the foreign key
    std::size_t upserted = 0;
    Status st = Write([&](RegistryWriter& w) { return w.UpsertHoldings(v, "2024-01-01", &upserted); });
    EXPECT_EQ(st.code(), StatusCode::kInvalidArgument) << st.ToString();
    EXPECT_NE(st.message().find("unit_id"), std::string::npos) << st.message();
    EXPECT_EQ(upserted, 40u);
  }
  {
    std::vector<Holding> v = make(600);
    std::size_t upserted = 99;
    Status st = Write([&](RegistryWriter& w) { return w.UpsertHoldings(v, "yesterday", &upserted); });
    EXPECT_EQ(st.code(), StatusCode::kInvalidArgument) << st.ToString();
    EXPECT_EQ(upserted, 0u);
  }
  EXPECT_TRUE(AsOf(std::nullopt).empty());
  EXPECT_EQ(store_->Summary()->holdings, 0);

  // A change dated before the current version began, inside a batch: the error of UpsertHolding, and
  // the transaction is doomed, so that the holdings after it in the batch are not committed.
  std::vector<Holding> first = make(600);
  ASSERT_TRUE(Write([&](RegistryWriter& w) { return w.UpsertHoldings(first, "2024-05-01"); }).ok());
  std::vector<Holding> v = make(600);
  v[100].max_quantity_t = 5.0;
  v.insert(v.begin() + 150, MakeHolding(kUsccA, "U1", "C-NEW", 1.0));  // in the same statement, after it
  std::size_t upserted = 0;
  Status st = Write([&](RegistryWriter& w) {
    Status s = w.UpsertHoldings(v, "2024-04-01", &upserted);
    return s.code() == StatusCode::kInvalidArgument ? Status::Ok() : Internal("expected InvalidArgument: " + s.ToString());
  });
  EXPECT_EQ(st.code(), StatusCode::kInvalidArgument) << st.ToString();
  EXPECT_EQ(upserted, 100u);
  EXPECT_EQ(History("C-100").size(), 1u);
  EXPECT_TRUE(History("C-NEW").empty());
}

// The change log of the change feed: recorded with the change, read newest first within a division
// prefix or a list of enterprises, a page at a time with the total of the filter.
TEST_P(RegistryStoreTest, EnterpriseChangesComeNewestFirstBoundedByPrefixAndEnterprises) {
  Enterprise a = MakeEnterprise(kUsccA, "440305", "甲");
  Enterprise b = MakeEnterprise(kUsccB, "440306001", "乙");
  Enterprise c = MakeEnterprise(kUsccC, "440106", "丙");
  ASSERT_TRUE(Write([&](RegistryWriter& w) {
                for (Enterprise* e : {&a, &b, &c}) CHEMSAFE_RETURN_IF_ERROR(w.UpsertEnterprise(*e));
                return Status::Ok();
              }).ok());
  auto change = [](const Enterprise& e, int n) {
    EnterpriseChangeRow row;
    row.at = "2024-03-0" + std::to_string(n) + "T08:00:00.000000Z";
    row.user = "user" + std::to_string(n);
    row.role = "enterprise";
    row.enterprise_id = e.id;
    row.uscc = e.uscc;
    row.division_code = e.division_code;
    row.fields = "f" + std::to_string(n);
    return row;
  };
  int n = 0;
  for (const Enterprise* e : {&a, &c, &b, &a, &c}) {  // f1 … f5, one transaction each
    const EnterpriseChangeRow row = change(*e, ++n);
    ASSERT_TRUE(Write([&](RegistryWriter& w) { return w.RecordEnterpriseChange(row); }).ok());
  }
  // Changes that fail with their transaction leave no row.
  Status failed = Write([&](RegistryWriter& w) -> Status {
    CHEMSAFE_RETURN_IF_ERROR(w.RecordEnterpriseChange(change(a, 6)));
    return Internal("the edit failed after its change was recorded");
  });
  EXPECT_EQ(failed.code(), StatusCode::kInternal) << failed.ToString();
  Enterprise gone = a;
  gone.id = c.id + 1000;
  failed = Write([&](RegistryWriter& w) { return w.RecordEnterpriseChange(change(gone, 7)); });
  EXPECT_EQ(failed.code(), StatusCode::kInvalidArgument) << failed.ToString();
  EXPECT_NE(failed.message().find("enterprise_id"), std::string::npos) << failed.message();

  using V = std::vector<std::string>;
  struct Got {
    V fields;
    std::int64_t total = -1;
  };
  auto page = [&](auto set) {
    EnterpriseChangeFilter f;
    set(f);
    auto r = store_->EnterpriseChangesPage(f);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    Got got;
    if (!r.ok()) return got;
    for (const auto& row : r->rows) got.fields.push_back(row.fields);
    got.total = r->total;
    return got;
  };
  auto expect = [](const Got& got, const V& fields, std::int64_t total) {
    EXPECT_EQ(got.fields, fields);
    EXPECT_EQ(got.total, total);
  };
  expect(page([](EnterpriseChangeFilter&) {}), V{"f5", "f4", "f3", "f2", "f1"}, 5);
  expect(page([](EnterpriseChangeFilter& f) { f.division_prefix = "4403"; }), V{"f4", "f3", "f1"}, 3);
  expect(page([](EnterpriseChangeFilter& f) { f.division_prefix = "440306"; }), V{"f3"}, 1);
  expect(page([](EnterpriseChangeFilter& f) { f.division_prefix = "4404"; }), V{}, 0);
  expect(page([&](EnterpriseChangeFilter& f) { f.enterprise_ids = std::vector{a.id}; }), V{"f4", "f1"}, 2);
  expect(page([&](EnterpriseChangeFilter& f) { f.enterprise_ids = std::vector{c.id, b.id}; }), V{"f5", "f3", "f2"}, 3);
  expect(page([&](EnterpriseChangeFilter& f) { f.enterprise_ids = std::vector{c.id, a.id, b.id}; }),  // padded to 4
         V{"f5", "f4", "f3", "f2", "f1"}, 5);
  expect(page([](EnterpriseChangeFilter& f) { f.enterprise_ids = std::vector<std::int64_t>{}; }), V{}, 0);
  expect(page([&](EnterpriseChangeFilter& f) {
           f.division_prefix = "4403";
           f.enterprise_ids = std::vector{c.id, b.id};
         }),
         V{"f3"}, 1);
  expect(page([](EnterpriseChangeFilter& f) { f.limit = 2; }), V{"f5", "f4"}, 5);
  expect(page([](EnterpriseChangeFilter& f) {
           f.limit = 2;
           f.offset = 2;
         }),
         V{"f3", "f2"}, 5);
  expect(page([](EnterpriseChangeFilter& f) {
           f.limit = 2;
           f.offset = 4;
         }),
         V{"f1"}, 5);
  expect(page([](EnterpriseChangeFilter& f) { f.offset = 9; }), V{}, 5);

  // Every field comes back, with the enterprise's name now.
  ASSERT_TRUE(Write([&](RegistryWriter& w) {
                a.name = "甲（更名）";
                return w.UpsertEnterprise(a);
              }).ok());
  EnterpriseChangeFilter newest;
  newest.limit = 1;
  newest.enterprise_ids = std::vector{a.id};
  auto r = store_->EnterpriseChangesPage(newest);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->rows.size(), 1u);
  const EnterpriseChangeRow& got = r->rows.front();
  EXPECT_GT(got.seq, 0);
  EXPECT_EQ(got.at, "2024-03-04T08:00:00.000000Z");
  EXPECT_EQ(got.user, "user4");
  EXPECT_EQ(got.role, "enterprise");
  EXPECT_EQ(got.enterprise_id, a.id);
  EXPECT_EQ(got.uscc, kUsccA);
  EXPECT_EQ(got.division_code, "440305");
  EXPECT_EQ(got.fields, "f4");
  EXPECT_EQ(got.enterprise_name, "甲（更名）");
}

// Migration 6 fills the change log from the audit records of the changes made before it, in their
// order; later changes come after them.
TEST_P(RegistryStoreTest, MigrationSixFillsTheChangeLogFromTheAuditTrail) {
  store_.reset();
  if (GetParam() == Backend::kSqlite) {
    target_ = (dir_ / "at-version-5.db").string();
  } else {
    auto schema_url = testing::FreshPostgresSchema(*testing::PostgresTestUrl());
    ASSERT_TRUE(schema_url.ok()) << schema_url.status().ToString();
    target_ = *schema_url;
  }
  {
    auto raw = OpenRaw();
    ASSERT_TRUE(raw.ok()) << raw.status().ToString();
    internal::SqlConnection& c = **raw;
    const auto list = GetParam() == Backend::kSqlite ? migrations::SqliteMigrations() : migrations::PostgresMigrations();
    ASSERT_TRUE(c.ExecScript("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
                             "applied_at TEXT NOT NULL)")
                    .ok());
    for (const auto& m : list) {
      if (m.version > 5) break;
      ASSERT_TRUE(c.ExecScript(m.sql).ok()) << m.version;
      ASSERT_TRUE(c.ExecScript("INSERT INTO schema_migrations (version, name, applied_at) VALUES (" +
                               std::to_string(m.version) + ", 'm', '2024-01-01T00:00:00.000000Z')")
                      .ok());
    }
    for (const auto& [uscc, division] : {std::pair{kUsccA, "440305"}, std::pair{kUsccC, "440106"}}) {
      ASSERT_TRUE(c.ExecScript(std::string("INSERT INTO enterprises (uscc, name, legal_representative, division_code, "
                                           "address, activities, sector, park_code, licences, provenance) VALUES ('") +
                               uscc + "', '企业', '', '" + division + "', '', '[]', 1, '', '[]', 0)")
                      .ok());
    }
    struct Audit {
      const char* user;
      const char* action;
      const char* object;
      const char* outcome;
    };
    const Audit audits[] = {
        {"ent-a", "enterprise.update", kUsccA, "ok: address"},
        {"city", "enterprise.update", kUsccC, "ok: name, location"},
        {"ent-a", "enterprise.update", kUsccA, "denied"},                // not a change
        {"ent-a", "user.login", kUsccA, "ok: from 127.0.0.1"},           // not an edit
        {"ent-b", "enterprise.update", kUsccB, "ok: sector"},            // no such enterprise
        {"ent-a", "enterprise.update", kUsccA, "ok: legal_representative"},
    };
    int seq = 0;
    for (const Audit& x : audits) {
      ++seq;
      ASSERT_TRUE(c.ExecScript("INSERT INTO audit_log (seq, at, username, role, scope, client, action, object, "
                               "outcome, request_id, prev_hash, hash) VALUES (" +
                               std::to_string(seq) + ", '2024-02-0" + std::to_string(seq) +
                               "T00:00:00.000000Z', '" + x.user + "', 'enterprise', '', '', '" + x.action + "', '" +
                               x.object + "', '" + x.outcome + "', '', '', '')")
                      .ok());
    }
  }
  auto s = Open();  // migrates to 6
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  store_ = std::move(s).value();
  auto a = store_->FindEnterprise(kUsccA);
  ASSERT_TRUE(a.ok() && a->has_value());
  EnterpriseChangeRow later;
  later.at = "2024-03-01T00:00:00.000000Z";
  later.user = "ent-a";
  later.role = "enterprise";
  later.enterprise_id = (*a)->id;
  later.uscc = kUsccA;
  later.division_code = "440305";
  later.fields = "address";
  ASSERT_TRUE(Write([&](RegistryWriter& w) { return w.RecordEnterpriseChange(later); }).ok());
  auto r = store_->EnterpriseChangesPage({});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->total, 4);
  std::vector<std::string> got;
  for (const auto& row : r->rows) got.push_back(row.at + " " + row.user + " " + row.uscc + " " + row.fields);
  EXPECT_EQ(got, (std::vector<std::string>{
                     "2024-03-01T00:00:00.000000Z ent-a " + std::string(kUsccA) + " address",
                     "2024-02-06T00:00:00.000000Z ent-a " + std::string(kUsccA) + " legal_representative",
                     "2024-02-02T00:00:00.000000Z city " + std::string(kUsccC) + " name, location",
                     "2024-02-01T00:00:00.000000Z ent-a " + std::string(kUsccA) + " address",
                 }));
  EnterpriseChangeFilter guangzhou;
  guangzhou.division_prefix = "4401";
  EXPECT_EQ(store_->EnterpriseChangesPage(guangzhou)->total, 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, RegistryStoreTest, ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const ::testing::TestParamInfo<Backend>& param_info) {
                           return param_info.param == Backend::kSqlite ? std::string("sqlite") : std::string("postgres");
                         });

}  // namespace
}  // namespace chemsafe::store
