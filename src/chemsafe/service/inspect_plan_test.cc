// The grid officers' inspection plans (issue 7; plan tasks T4 "by grid", T9) on SQLite: the interval follows
// the highest risk-point grade (general, said to be assumed, without a risk point) with a county override,
// only government inspections count, the statuses (overdue, due, done, none), the grouping by grid officer
// for a county officer and the province office, the grid officer's own plan, and the refusals.
#include "chemsafe/service/inspect_plan.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "chemsafe/store/testing/pg_test_url.h"

namespace chemsafe::service {
namespace {

using ::testing::HasSubstr;

constexpr const char* kA = "91440300MA5F00001X";  // Nanshan (440305), a major risk point: monthly
constexpr const char* kB = "91440300MA5F00002X";  // a Nanshan township, no risk point: general assumed, 6 months
constexpr const char* kC = "91440100MA5F00003X";  // Tianhe (440106), low: 12 months
constexpr const char* kD = "91440300MA5F00004X";  // Nanshan, larger: 2 months by the county override (default 3)

constexpr const char* kTable =
    "division_code,grade,interval_months,source,verified\n"
    ",major,1,t,U\n,larger,3,t,U\n,general,6,t,U\n,low,12,t,U\n"
    "440305,larger,2,南山区,V\n";

Date D(const char* s) { return *Date::Parse(s); }

class InspectPlanTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto fresh = store::testing::FreshTestDatabase(true, "chemsafe-inspect-plan",
                                                   ::testing::UnitTest::GetInstance()->current_test_info()->name(), &dir_);
    ASSERT_TRUE(fresh.ok()) << fresh.status().ToString();
    registry_ = std::move(store::OpenSqlite(*fresh)).value();
    inspect_ = std::move(store::OpenSqliteInspectStore(*fresh)).value();
    risk_ = std::move(store::OpenSqliteRiskStore(*fresh)).value();
    platform_ = std::move(store::OpenSqlitePlatformStore(*fresh)).value();
    table_ = std::move(inspect::ParseInspectionFrequencies(kTable, "t.csv")).value();
    ASSERT_TRUE(registry_->InTransaction([&](store::RegistryWriter& w) -> Status {
      for (auto [uscc, division] : {std::pair{kA, "440305"}, std::pair{kB, "440305001"}, std::pair{kC, "440106"},
                                    std::pair{kD, "440305"}}) {
        registry::Enterprise e;
        e.uscc = uscc;
        e.name = std::string("企业") + uscc;
        e.division_code = division;
        CHEMSAFE_RETURN_IF_ERROR(w.UpsertEnterprise(e));
        ids_[uscc] = e.id;
      }
      return Status::Ok();
    }).ok());
    Point(kA, risk::RiskGrade::kGeneral);
    Point(kA, risk::RiskGrade::kMajor);
    Point(kC, risk::RiskGrade::kLow);
    Point(kD, risk::RiskGrade::kLarger);
    Inspection(kA, 2, "2026-10-15");
    Inspection(kB, 2, "2026-06-10");
    Inspection(kB, 1, "2026-11-01");  // a self-inspection: does not count
    Inspection(kC, 2, "2026-01-05");
    Inspection(kD, 2, "2026-09-25");
    Inspection(kD, 2, "2026-11-18");
    wang_ = User("wang", "王网格");
    li_ = User("li", "李网格");
    Assign(wang_, kA);
    Assign(wang_, kB);
    Assign(li_, kD);
  }
  void TearDown() override {
    platform_.reset();
    risk_.reset();
    inspect_.reset();
    registry_.reset();
    std::filesystem::remove_all(dir_);
  }

  static audit::AuditRecord Audit() {
    audit::AuditRecord a;
    a.at = "2026-11-29T04:00:00.000000Z";
    a.user = "test";
    a.role = "province";
    a.action = "test";
    a.outcome = "ok";
    return a;
  }
  void Point(const char* uscc, risk::RiskGrade grade) {
    store::RiskPointRecord p;
    p.enterprise_uscc = uscc;
    p.name = "点";
    p.grade = static_cast<int>(grade);
    p.control_status = 1;
    p.review_due = "2027-06-30";
    p.body = "{}";
    p.updated_at = "2026-11-29T04:00:00.000000Z";
    p.updated_by = "test";
    auto a = Audit();
    ASSERT_TRUE(risk_->SavePoint(p, a).ok());
  }
  void Inspection(const char* uscc, int kind, const char* date) {
    store::InspectionRecord r;
    r.kind = kind;
    r.enterprise_uscc = uscc;
    r.date = date;
    r.body = "{}";
    r.created_at = "2026-11-29T04:00:00.000000Z";
    r.created_by = "test";
    auto a = Audit();
    ASSERT_TRUE(inspect_->SaveInspection(r, a).ok());
  }
  std::int64_t User(const char* username, const char* name) {
    store::UserRecord u;
    u.username = username;
    u.name = name;
    u.role = static_cast<int>(Role::kGrid);
    u.password_hash = "$argon2id$v=19$m=65536,t=3,p=1$c2FsdA$aGFzaA";
    u.created_at = "2026-11-29T04:00:00.000000Z";
    auto a = Audit();
    EXPECT_TRUE(platform_->AddUser(u, a).ok());
    return u.id;
  }
  void Assign(std::int64_t user, const char* uscc) {
    auto a = Audit();
    ASSERT_TRUE(platform_->AssignGrid(user, ids_[uscc], a).ok());
  }

  InspectPlanStores Stores() { return {*registry_, *inspect_, *risk_, *platform_}; }
  static Principal Who(Role role, std::string division = "") {
    Principal p;
    p.username = "reader";
    p.role = role;
    p.division_code = std::move(division);
    return p;
  }
  static inspect::PlanPeriod Period() { return {D("2026-11-01"), D("2026-12-31"), D("2026-11-20")}; }
  static const EnterpriseInspectionPlan* Find(const OfficerInspectionPlan& o, const char* uscc) {
    for (const auto& e : o.enterprises) {
      if (e.uscc == uscc) return &e;
    }
    return nullptr;
  }

  std::filesystem::path dir_;
  std::unique_ptr<store::RegistryStore> registry_;
  std::unique_ptr<store::InspectStore> inspect_;
  std::unique_ptr<store::RiskStore> risk_;
  std::unique_ptr<store::PlatformStore> platform_;
  inspect::FrequencyTable table_;
  std::map<std::string, std::int64_t> ids_;
  std::int64_t wang_ = 0, li_ = 0;
};

TEST_F(InspectPlanTest, ProvinceGroupsByGridOfficerWithStatuses) {
  auto plan = InspectionPlanInScope(Stores(), Who(Role::kProvince), table_, Period());
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  ASSERT_EQ(plan->officers.size(), 3u);
  const OfficerInspectionPlan& li = plan->officers[0];
  const OfficerInspectionPlan& wang = plan->officers[1];
  const OfficerInspectionPlan& none = plan->officers[2];
  EXPECT_EQ(li.username, "li");
  EXPECT_EQ(li.user_id, li_);
  EXPECT_EQ(wang.username, "wang");
  EXPECT_EQ(wang.name, "王网格");
  EXPECT_EQ(none.user_id, 0) << "the enterprises with no grid officer, last";

  ASSERT_EQ(wang.enterprises.size(), 2u);
  const EnterpriseInspectionPlan& a = wang.enterprises[0];
  EXPECT_EQ(a.uscc, kA) << "overdue first";
  EXPECT_EQ(a.grade, risk::RiskGrade::kMajor) << "the highest of its points";
  EXPECT_FALSE(a.grade_assumed);
  EXPECT_EQ(a.interval_months, 1);
  EXPECT_EQ(a.last_inspection, D("2026-10-15"));
  EXPECT_EQ(a.next_due, D("2026-11-15"));
  EXPECT_EQ(a.status, EnterprisePlanStatus::kOverdue);
  EXPECT_EQ(wang.overdue, 1);

  const EnterpriseInspectionPlan& b = wang.enterprises[1];
  EXPECT_EQ(b.uscc, kB);
  EXPECT_EQ(b.grade, risk::RiskGrade::kGeneral);
  EXPECT_TRUE(b.grade_assumed) << "no risk point";
  EXPECT_EQ(b.interval_months, 6);
  EXPECT_EQ(b.last_inspection, D("2026-06-10")) << "the self-inspection does not count";
  EXPECT_EQ(b.next_due, D("2026-12-10"));
  EXPECT_EQ(b.status, EnterprisePlanStatus::kDue);

  ASSERT_EQ(li.enterprises.size(), 1u);
  const EnterpriseInspectionPlan& d = li.enterprises[0];
  EXPECT_EQ(d.interval_months, 2) << "the Nanshan override of the larger grade";
  EXPECT_EQ(d.rule_division_code, "440305");
  EXPECT_TRUE(d.rule_verified);
  ASSERT_EQ(d.items.size(), 1u);
  EXPECT_EQ(d.items[0].due, D("2026-11-25"));
  EXPECT_EQ(d.items[0].status, inspect::PlanStatus::kDone);
  EXPECT_EQ(d.items[0].inspected_on, D("2026-11-18"));
  EXPECT_EQ(d.status, EnterprisePlanStatus::kDone);
  EXPECT_EQ(d.next_due, D("2027-01-18"));

  ASSERT_EQ(none.enterprises.size(), 1u);
  EXPECT_EQ(none.enterprises[0].uscc, kC);
  EXPECT_EQ(none.enterprises[0].interval_months, 12);
  EXPECT_EQ(none.enterprises[0].status, EnterprisePlanStatus::kNone) << "next due 2027-01-05, after the period";

  const auto j = InspectionPlanJson(*plan);
  EXPECT_EQ(j["as_of"], "2026-11-20");
  EXPECT_EQ(j["officers"][1]["enterprises"][0]["status"], "overdue");
  EXPECT_EQ(j["officers"][1]["enterprises"][1]["grade_assumed"], true);
  EXPECT_EQ(j["officers"][0]["enterprises"][0]["items"][0]["inspected_on"], "2026-11-18");
  EXPECT_TRUE(j["officers"][2]["user_id"] == 0);
}

TEST_F(InspectPlanTest, CountyAndGridOfficerSeeTheirOwn) {
  auto county = InspectionPlanInScope(Stores(), Who(Role::kCounty, "440305"), table_, Period());
  ASSERT_TRUE(county.ok()) << county.status().ToString();
  ASSERT_EQ(county->officers.size(), 2u) << "Tianhe's enterprise is out of scope; no unassigned group";
  EXPECT_EQ(county->officers[0].username, "li");
  EXPECT_EQ(county->officers[1].username, "wang");

  Principal grid = Who(Role::kGrid);
  grid.user_id = wang_;
  grid.username = "wang";
  grid.name = "王网格";
  grid.grid_enterprises = {ids_[kA], ids_[kB]};
  auto own = InspectionPlanInScope(Stores(), grid, table_, Period());
  ASSERT_TRUE(own.ok()) << own.status().ToString();
  ASSERT_EQ(own->officers.size(), 1u);
  EXPECT_EQ(own->officers[0].user_id, wang_);
  EXPECT_EQ(own->officers[0].enterprises.size(), 2u);

  auto only_li = InspectionPlanInScope(Stores(), Who(Role::kProvince), table_, Period(), "li");
  ASSERT_TRUE(only_li.ok());
  ASSERT_EQ(only_li->officers.size(), 1u);
  EXPECT_EQ(only_li->officers[0].username, "li");
  auto nobody = InspectionPlanInScope(Stores(), Who(Role::kCounty, "440106"), table_, Period(), "li");
  ASSERT_FALSE(nobody.ok());
  EXPECT_EQ(nobody.status().code(), StatusCode::kNotFound) << "li's enterprise is not in Tianhe";
}

TEST_F(InspectPlanTest, Refusals) {
  auto admin = InspectionPlanInScope(Stores(), Who(Role::kAdmin), table_, Period());
  ASSERT_FALSE(admin.ok());
  EXPECT_EQ(admin.status().code(), StatusCode::kPermissionDenied);
  auto backwards = InspectionPlanInScope(Stores(), Who(Role::kProvince), table_, {D("2026-12-01"), D("2026-11-01"), D("2026-11-20")});
  ASSERT_FALSE(backwards.ok());
  EXPECT_THAT(backwards.status().message(), HasSubstr("from: 2026-12-01 is after to: 2026-11-01"));
}

}  // namespace
}  // namespace chemsafe::service
