// Risk points through the service on SQLite: graded with the floors the registry and the GB 18218
// assessments give, written only by their enterprise (or the province office), versioned, and read within
// the caller's scope; the JSON codec names the path of every error.
#include "chemsafe/service/risk_service.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>

#include <fmt/format.h>

#include "chemsafe/reference/risk_files.h"
#include "chemsafe/store/testing/pg_test_url.h"

namespace chemsafe::service {
namespace {

using ::testing::HasSubstr;

constexpr const char* kA = "91440300MA5F00001X";  // Shenzhen; unit U1 runs a key process
constexpr const char* kB = "91440100MA5F00002X";  // Guangzhou; unit T1 a grade-2 major hazard installation

class RiskServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto fresh = store::testing::FreshTestDatabase(true, "chemsafe-risk-service",
                                                   ::testing::UnitTest::GetInstance()->current_test_info()->name(), &dir_);
    ASSERT_TRUE(fresh.ok()) << fresh.status().ToString();
    registry_ = std::move(store::OpenSqlite(*fresh)).value();
    hazard_ = std::move(store::OpenSqliteHazardStore(*fresh)).value();
    risk_ = std::move(store::OpenSqliteRiskStore(*fresh)).value();
    auto m = reference::LoadRiskMethods(CHEMSAFE_TEST_DATA_DIR);
    ASSERT_TRUE(m.ok()) << m.status().ToString();
    methods_ = std::move(m).value();
    std::int64_t t1 = 0;
    ASSERT_TRUE(registry_->InTransaction([&](store::RegistryWriter& w) -> Status {
      for (auto [uscc, division, unit] : {std::tuple{kA, "440305", "U1"}, std::tuple{kB, "440106", "T1"}}) {
        registry::Enterprise e;
        e.uscc = uscc;
        e.name = uscc;
        e.division_code = division;
        CHEMSAFE_RETURN_IF_ERROR(w.UpsertEnterprise(e));
        registry::Unit u;
        u.enterprise_uscc = uscc;
        u.code = unit;
        u.name = unit;
        if (uscc == std::string(kA)) u.key_processes = {"氯化工艺"};
        CHEMSAFE_RETURN_IF_ERROR(w.UpsertUnit(u));
        if (uscc == std::string(kB)) t1 = u.id;
      }
      return Status::Ok();
    }).ok());
    std::vector<store::HazardAssessmentRecord> assessed(1);
    assessed[0].unit_id = t1;
    assessed[0].assessed_at = "2026-11-01T00:00:00.000000Z";
    assessed[0].edition = "GB 18218-2018";
    assessed[0].major_hazard = true;
    assessed[0].grade = 2;
    ASSERT_TRUE(hazard_->SaveAssessments(assessed).ok());
  }
  void TearDown() override {
    risk_.reset();
    hazard_.reset();
    registry_.reset();
    std::filesystem::remove_all(dir_);
  }

  RiskStores Stores() { return {*registry_, *hazard_, *risk_}; }
  static Actor As(Role role, std::string uscc = "", std::string division = "") {
    Actor a;
    a.principal.username = fmt::format("{}-user", RoleCode(role));
    a.principal.role = role;
    a.principal.enterprise_uscc = std::move(uscc);
    a.principal.division_code = std::move(division);
    a.client = "127.0.0.1:1";
    a.request_id = "r";
    return a;
  }
  static risk::RiskPoint Point(const char* uscc, const char* unit) {
    risk::RiskPoint p;
    p.enterprise_uscc = uscc;
    p.unit_code = unit;
    p.area = "储罐区";
    p.name = "储罐泄漏";
    p.hazards = {"中毒和窒息"};
    p.assessment = {risk::AssessmentMethod::kLec, 1, 6, 3};  // D = 18: 低
    p.measures = {{risk::MeasureCategory::kEngineering, "泄漏检测报警"}};
    p.responsible_department = "储运车间";
    p.responsible_person = "张三";
    p.review_due = "2027-06-30";
    return p;
  }

  std::filesystem::path dir_;
  std::unique_ptr<store::RegistryStore> registry_;
  std::unique_ptr<store::HazardStore> hazard_;
  std::unique_ptr<store::RiskStore> risk_;
  risk::RiskMethods methods_;
};

TEST_F(RiskServiceTest, FloorsComeFromTheRegistryAndTheAssessments) {
  auto a = SaveRiskPointAs(Stores(), methods_, As(Role::kEnterprise, kA), "2026-11-29T00:00:00.000000Z", Point(kA, "U1"));
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_EQ(a->assessed_grade, risk::RiskGrade::kLow);
  EXPECT_EQ(a->grade, risk::RiskGrade::kLarger) << "U1 runs a key supervised process";
  EXPECT_EQ(a->floors, std::vector<std::string>{"key_process"});
  EXPECT_EQ(a->version, 1);
  auto b = SaveRiskPointAs(Stores(), methods_, As(Role::kEnterprise, kB), "2026-11-29T00:00:00.000000Z", Point(kB, "T1"));
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  EXPECT_EQ(b->floors, std::vector<std::string>{"mhi_grade_1_2"});
  auto area = SaveRiskPointAs(Stores(), methods_, As(Role::kEnterprise, kB), "2026-11-29T00:00:00.000000Z", Point(kB, ""));
  ASSERT_TRUE(area.ok());
  EXPECT_EQ(area->grade, risk::RiskGrade::kLow) << "an area outside the units has no floor";
  auto nowhere = SaveRiskPointAs(Stores(), methods_, As(Role::kEnterprise, kB), "2026-11-29T00:00:00.000000Z", Point(kB, "X9"));
  EXPECT_EQ(nowhere.status().code(), StatusCode::kNotFound);
  EXPECT_THAT(nowhere.status().message(), HasSubstr("unit_code"));
}

TEST_F(RiskServiceTest, OnlyItsEnterpriseOrTheProvinceWrites) {
  const std::string at = "2026-11-29T00:00:00.000000Z";
  EXPECT_EQ(SaveRiskPointAs(Stores(), methods_, As(Role::kEnterprise, kB), at, Point(kA, "U1")).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(SaveRiskPointAs(Stores(), methods_, As(Role::kCity, "", "4403"), at, Point(kA, "U1")).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_TRUE(SaveRiskPointAs(Stores(), methods_, As(Role::kProvince), at, Point(kA, "U1")).ok());
}

TEST_F(RiskServiceTest, ChangesAreVersionedAndScopeBoundsWhatIsRead) {
  const Actor a = As(Role::kEnterprise, kA);
  auto first = SaveRiskPointAs(Stores(), methods_, a, "2026-11-29T00:00:00.000000Z", Point(kA, "U1"));
  ASSERT_TRUE(first.ok());
  risk::RiskPoint change = *first;
  change.assessment = {risk::AssessmentMethod::kLec, 10, 6, 7};  // D = 420: 重大
  auto second = SaveRiskPointAs(Stores(), methods_, a, "2026-11-30T00:00:00.000000Z", change);
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_EQ(second->version, 2);
  EXPECT_EQ(second->grade, risk::RiskGrade::kMajor);
  auto stale = SaveRiskPointAs(Stores(), methods_, a, "2026-11-30T00:00:00.000000Z", *first);
  EXPECT_EQ(stale.status().code(), StatusCode::kFailedPrecondition);
  ASSERT_TRUE(SaveRiskPointAs(Stores(), methods_, As(Role::kEnterprise, kB), "2026-11-29T00:00:00.000000Z", Point(kB, "T1")).ok());

  const Principal shenzhen = As(Role::kCity, "", "4403").principal;
  auto seen = ListRiskPointsInScope(Stores(), shenzhen, {});
  ASSERT_TRUE(seen.ok()) << seen.status().ToString();
  ASSERT_EQ(seen->size(), 1u);
  EXPECT_EQ(seen->front().enterprise_uscc, kA);
  EXPECT_EQ(seen->front().grade, risk::RiskGrade::kMajor) << "the grade as saved, read back from the body";
  EXPECT_EQ(ListRiskPointsInScope(Stores(), As(Role::kProvince).principal, {})->size(), 2u);
  RiskPointQuery major;
  major.min_grade = risk::RiskGrade::kMajor;
  EXPECT_EQ(ListRiskPointsInScope(Stores(), As(Role::kProvince).principal, major)->size(), 1u);

  const Principal b = As(Role::kEnterprise, kB).principal;
  EXPECT_EQ(RiskPointInScope(Stores(), b, first->id).status().code(), StatusCode::kNotFound) << "another enterprise's point";
  auto v1 = RiskPointInScope(Stores(), shenzhen, first->id, 1);
  ASSERT_TRUE(v1.ok()) << v1.status().ToString();
  EXPECT_EQ(v1->version, 1);
  EXPECT_EQ(v1->grade, risk::RiskGrade::kLarger) << "version 1 as it was";
  EXPECT_EQ(RiskPointInScope(Stores(), shenzhen, first->id, 7).status().code(), StatusCode::kNotFound);
}

TEST(RiskPointJsonCodec, RoundTripAndErrorPaths) {
  risk::RiskPoint p;
  p.enterprise_uscc = kA;
  p.area = "a";
  p.name = "n";
  p.hazards = {"火灾"};
  p.assessment = {risk::AssessmentMethod::kMatrix, 0, 0, 0, 3, 4};
  p.measures = {{risk::MeasureCategory::kPpe, "防护服"}};
  p.control_level = risk::ControlLevel::kWorkshop;
  p.responsible_department = "d";
  p.responsible_person = "p";
  p.review_due = "2027-01-01";
  p.location = LonLat{113.3, 23.1};
  auto back = RiskPointFromJson(nlohmann::json::parse(RiskPointJson(p).dump()));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->assessment.matrix_s, 4);
  EXPECT_EQ(back->measures[0].category, risk::MeasureCategory::kPpe);
  EXPECT_EQ(back->control_level, risk::ControlLevel::kWorkshop);
  EXPECT_DOUBLE_EQ(back->location->lat_deg, 23.1);

  auto j = nlohmann::json::parse(RiskPointJson(p).dump());
  j["measures"][0]["category"] = "plan";
  EXPECT_THAT(RiskPointFromJson(j).status().message(), HasSubstr("measures[0].category: \"plan\" is not one of"));
  j = nlohmann::json::parse(RiskPointJson(p).dump());
  j["assessment"]["s"] = 2.5;
  EXPECT_THAT(RiskPointFromJson(j).status().message(), HasSubstr("assessment.s: 2.5 is not a whole level"));
  j.erase("responsible_person");
  EXPECT_THAT(RiskPointFromJson(j).status().message(), HasSubstr("assessment.s"));
  j["assessment"]["s"] = 2;
  EXPECT_THAT(RiskPointFromJson(j).status().message(), HasSubstr("responsible_person: missing"));
}

}  // namespace
}  // namespace chemsafe::service
