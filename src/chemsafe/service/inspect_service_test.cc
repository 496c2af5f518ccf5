// Inspections and the hidden-hazard closed loop through the service on SQLite (issue 7 acceptance: "no
// closure without acceptance; escalation when overdue; scope checks: an enterprise cannot see another's
// findings"): the whole loop by the right roles, the refusals, escalation of overdue findings, photos, and
// the JSON codec naming the path of every error.
#include "chemsafe/service/inspect_service.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>

#include <fmt/format.h>

#include "chemsafe/audit/sm3.h"
#include "chemsafe/inspect/checklist.h"
#include "chemsafe/store/testing/pg_test_url.h"

namespace chemsafe::service {
namespace {

using ::testing::HasSubstr;
using inspect::AcceptanceOutcome;
using inspect::FindingState;
using inspect::GovernmentLevel;
using inspect::HazardGrade;

constexpr const char* kA = "91440300MA5F00001X";  // Shenzhen, Nanshan (440305)
constexpr const char* kB = "91440100MA5F00002X";  // Guangzhou, Tianhe (440106)

// 10:00 in China on `day` (YYYY-MM-DD), as UTC text.
std::string At(const char* day) { return fmt::format("{}T02:00:00.000000Z", day); }
Date D(const char* day) { return *Date::Parse(day); }

class InspectServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto fresh = store::testing::FreshTestDatabase(true, "chemsafe-inspect-service",
                                                   ::testing::UnitTest::GetInstance()->current_test_info()->name(), &dir_);
    ASSERT_TRUE(fresh.ok()) << fresh.status().ToString();
    registry_ = std::move(store::OpenSqlite(*fresh)).value();
    auto inspect = store::OpenSqliteInspectStore(*fresh);
    ASSERT_TRUE(inspect.ok()) << inspect.status().ToString();
    inspect_ = std::move(inspect).value();
    ASSERT_TRUE(registry_->InTransaction([&](store::RegistryWriter& w) -> Status {
      for (auto [uscc, division] : {std::pair{kA, "440305"}, std::pair{kB, "440106"}}) {
        registry::Enterprise e;
        e.uscc = uscc;
        e.name = uscc;
        e.division_code = division;
        CHEMSAFE_RETURN_IF_ERROR(w.UpsertEnterprise(e));
      }
      return Status::Ok();
    }).ok());
  }
  void TearDown() override {
    inspect_.reset();
    registry_.reset();
    std::filesystem::remove_all(dir_);
  }

  InspectStores Stores() { return {*registry_, *inspect_}; }
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
  static Actor EntA(std::string name = "ent-a") { return As(Role::kEnterprise, std::move(name), kA); }
  static Actor EntB() { return As(Role::kEnterprise, "ent-b", kB); }

  static inspect::FindingReport Report(const char* uscc, HazardGrade grade, const char* found) {
    inspect::FindingReport r;
    r.enterprise_uscc = uscc;
    r.description = "液氯储罐区可燃有毒气体检测报警装置失效";
    r.location = "储罐区";
    r.grade = grade;
    if (grade == HazardGrade::kMajor) {
      r.major_criterion = 5;
      r.supervision_level = GovernmentLevel::kCity;
    }
    r.found_date = D(found);
    return r;
  }
  static inspect::Plan Plan(const char* deadline) {
    inspect::Plan p;
    p.measures = {"更换检测报警装置", "联锁投用"};
    p.funds_yuan = 50000;
    p.responsible_person = "张三";
    p.deadline = D(deadline);
    return p;
  }
  // A government finding of A reported by the Nanshan officer in a recorded inspection.
  StoredFinding GovernmentFinding(HazardGrade grade = HazardGrade::kMajor, const char* found = "2026-11-20") {
    inspect::Inspection in;
    in.kind = inspect::InspectionKind::kGovernment;
    in.enterprise_uscc = kA;
    in.date = D(found);
    in.inspectors = {"nanshan-officer", "专家李四"};
    in.scope = "储罐区";
    in.checklist_code = std::string(inspect::kMajorHiddenHazardChecklist);
    auto recorded = RecordInspectionAs(Stores(), Nanshan(), At(found), in);
    EXPECT_TRUE(recorded.ok()) << recorded.status().ToString();
    inspect::FindingReport r = Report(kA, grade, found);
    r.inspection_id = recorded.ok() ? recorded->id : "";
    auto f = ReportFindingAs(Stores(), Nanshan(), At(found), r);
    EXPECT_TRUE(f.ok()) << f.status().ToString();
    return f.ok() ? *f : StoredFinding{};
  }

  std::filesystem::path dir_;
  std::unique_ptr<store::RegistryStore> registry_;
  std::unique_ptr<store::InspectStore> inspect_;
};

TEST_F(InspectServiceTest, TheWholeLoopByTheRightRoles) {
  const StoredFinding reported = GovernmentFinding();
  const std::string id = reported.finding.report.id;
  EXPECT_EQ(reported.finding.state, FindingState::kReported);
  EXPECT_EQ(reported.kind, inspect::InspectionKind::kGovernment);
  EXPECT_EQ(reported.version, 1);
  EXPECT_EQ(reported.finding.report.found_by, "nanshan-officer");
  EXPECT_EQ(reported.finding.report.division_code, "440305") << "from the registry";

  auto planned = SubmitPlanAs(Stores(), EntA(), At("2026-11-22"), id, Plan("2026-12-20"));
  ASSERT_TRUE(planned.ok()) << planned.status().ToString();
  EXPECT_EQ(planned->finding.state, FindingState::kPlanned);
  EXPECT_EQ(planned->finding.plan->submitted_on, D("2026-11-22")) << "dated by `at` in China";
  EXPECT_EQ(planned->version, 2);
  ASSERT_TRUE(AddProgressAs(Stores(), EntA(), At("2026-12-01"), id, "报警装置已到货").ok());
  auto rectified = ReportRectifiedAs(Stores(), EntA(), At("2026-12-10"), id, "已更换并联锁投用");
  ASSERT_TRUE(rectified.ok()) << rectified.status().ToString();
  EXPECT_EQ(rectified->finding.state, FindingState::kRectified);

  auto accepted = AcceptAs(Stores(), Nanshan(), At("2026-12-11"), id, AcceptanceOutcome::kPassed, "现场核查合格");
  ASSERT_TRUE(accepted.ok()) << accepted.status().ToString();
  auto closed = CloseAs(Stores(), Nanshan(), At("2026-12-12"), id);
  ASSERT_TRUE(closed.ok()) << closed.status().ToString();
  EXPECT_EQ(closed->finding.state, FindingState::kClosed);
  EXPECT_EQ(closed->version, 6);

  auto seen = FindingInScope(Stores(), EntA().principal, id);
  ASSERT_TRUE(seen.ok()) << seen.status().ToString();
  EXPECT_EQ(seen->finding.state, FindingState::kClosed);
  EXPECT_EQ(seen->finding.progress.size(), 1u);
  EXPECT_EQ(seen->finding.acceptances.size(), 1u);
  EXPECT_EQ(seen->finding.closure->by, "nanshan-officer");
  EXPECT_EQ(seen->updated_by, "nanshan-officer");

  auto stats = FindingStatisticsInScope(Stores(), As(Role::kProvince, "province").principal, inspect::GroupBy::kCity);
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  ASSERT_EQ(stats->size(), 1u);
  EXPECT_EQ(stats->front().key, "440300");
  EXPECT_EQ(stats->front().closed, 1);
  EXPECT_EQ(stats->front().rectification_rate, 1.0);
  EXPECT_EQ(stats->front().on_time_rate, 1.0) << "closed 2026-12-12, deadline 2026-12-20";

  auto inspections = ListInspectionsInScope(Stores(), EntA().principal);
  ASSERT_TRUE(inspections.ok());
  ASSERT_EQ(inspections->size(), 1u);
  EXPECT_EQ(inspections->front().inspectors.size(), 2u);
  EXPECT_EQ(InspectionInScope(Stores(), EntB().principal, inspections->front().id).status().code(),
            StatusCode::kNotFound);
}

TEST_F(InspectServiceTest, NoClosureWithoutAcceptanceAndNothingAfterClosure) {
  const std::string id = GovernmentFinding().finding.report.id;
  const Status early = CloseAs(Stores(), Nanshan(), At("2026-11-21"), id).status();
  EXPECT_EQ(early.code(), StatusCode::kFailedPrecondition) << early.ToString();
  EXPECT_THAT(early.message(), HasSubstr("acceptance"));
  ASSERT_TRUE(SubmitPlanAs(Stores(), EntA(), At("2026-11-22"), id, Plan("2026-12-20")).ok());
  ASSERT_TRUE(ReportRectifiedAs(Stores(), EntA(), At("2026-12-10"), id).ok());
  EXPECT_EQ(CloseAs(Stores(), Nanshan(), At("2026-12-11"), id).status().code(), StatusCode::kFailedPrecondition)
      << "rectified but not accepted";
  auto failed = AcceptAs(Stores(), Nanshan(), At("2026-12-11"), id, AcceptanceOutcome::kFailed, "联锁未投用");
  ASSERT_TRUE(failed.ok());
  EXPECT_EQ(failed->finding.state, FindingState::kPlanned) << "a failed acceptance sends it back";
  EXPECT_EQ(CloseAs(Stores(), Nanshan(), At("2026-12-12"), id).status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ((*FindingInScope(Stores(), EntA().principal, id)).finding.state, FindingState::kPlanned)
      << "a refused step changes nothing stored";
}

TEST_F(InspectServiceTest, AcceptanceNeedsASecondPersonAndTheRightSide) {
  // A self-inspection finding: the enterprise reports, plans, rectifies and accepts, with four eyes.
  inspect::Inspection self;
  self.kind = inspect::InspectionKind::kSelf;
  self.enterprise_uscc = kA;
  self.date = D("2026-11-20");
  self.inspectors = {"ent-a"};
  self.checklist_code = "company-monthly";
  EXPECT_EQ(RecordInspectionAs(Stores(), EntB(), At("2026-11-20"), self).status().code(), StatusCode::kNotFound)
      << "another enterprise";
  EXPECT_EQ(RecordInspectionAs(Stores(), Nanshan(), At("2026-11-20"), self).status().code(),
            StatusCode::kPermissionDenied) << "a self-inspection is the enterprise's";
  auto in = RecordInspectionAs(Stores(), EntA(), At("2026-11-20"), self);
  ASSERT_TRUE(in.ok()) << in.status().ToString();
  inspect::FindingReport r = Report(kA, HazardGrade::kGeneral, "2026-11-20");
  r.inspection_id = in->id;
  EXPECT_EQ(ReportFindingAs(Stores(), Nanshan(), At("2026-11-20"), r).status().code(), StatusCode::kPermissionDenied)
      << "a finding of a self-inspection is reported by the enterprise";
  auto f = ReportFindingAs(Stores(), EntA(), At("2026-11-20"), r);
  ASSERT_TRUE(f.ok()) << f.status().ToString();
  EXPECT_EQ(f->kind, inspect::InspectionKind::kSelf);
  const std::string id = f->finding.report.id;
  ASSERT_TRUE(SubmitPlanAs(Stores(), EntA(), At("2026-11-21"), id, Plan("2026-12-20")).ok());
  ASSERT_TRUE(ReportRectifiedAs(Stores(), EntA(), At("2026-12-01"), id).ok());

  const Status same = AcceptAs(Stores(), EntA(), At("2026-12-02"), id, AcceptanceOutcome::kPassed).status();
  EXPECT_EQ(same.code(), StatusCode::kPermissionDenied) << same.ToString();
  EXPECT_THAT(same.message(), HasSubstr("second person"));
  EXPECT_EQ(AcceptAs(Stores(), Nanshan(), At("2026-12-02"), id, AcceptanceOutcome::kPassed).status().code(),
            StatusCode::kPermissionDenied) << "a self-inspection finding is accepted by the enterprise's safety manager";
  ASSERT_TRUE(AcceptAs(Stores(), EntA("ent-a-safety"), At("2026-12-02"), id, AcceptanceOutcome::kPassed).ok());
  ASSERT_TRUE(CloseAs(Stores(), EntA("ent-a-safety"), At("2026-12-03"), id).ok());

  // A government finding: the enterprise does not accept it.
  const std::string gov = GovernmentFinding().finding.report.id;
  ASSERT_TRUE(SubmitPlanAs(Stores(), As(Role::kProvince, "province"), At("2026-11-22"), gov, Plan("2026-12-20")).ok())
      << "the province office may plan";
  ASSERT_TRUE(ReportRectifiedAs(Stores(), EntA(), At("2026-12-10"), gov).ok());
  EXPECT_EQ(AcceptAs(Stores(), EntA("ent-a-safety"), At("2026-12-11"), gov, AcceptanceOutcome::kPassed).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(AcceptAs(Stores(), As(Role::kDepartment, "dept"), At("2026-12-11"), gov, AcceptanceOutcome::kPassed)
                .status()
                .code(),
            StatusCode::kPermissionDenied) << "departments read only";
  EXPECT_EQ(ReportRectifiedAs(Stores(), Nanshan(), At("2026-12-11"), gov).status().code(),
            StatusCode::kPermissionDenied);
}

TEST_F(InspectServiceTest, ScopeBoundsWhatIsSeenAndActedOn) {
  const std::string a = GovernmentFinding().finding.report.id;
  const Actor tianhe = As(Role::kCounty, "tianhe-officer", "", "440106");
  auto b = ReportFindingAs(Stores(), tianhe, At("2026-11-20"), Report(kB, HazardGrade::kGeneral, "2026-11-20"));
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  EXPECT_EQ(ReportFindingAs(Stores(), tianhe, At("2026-11-20"), Report(kA, HazardGrade::kGeneral, "2026-11-20"))
                .status()
                .code(),
            StatusCode::kNotFound) << "an enterprise outside the division";

  // An enterprise cannot see or act on another's finding.
  EXPECT_EQ(FindingInScope(Stores(), EntB().principal, a).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(SubmitPlanAs(Stores(), EntB(), At("2026-11-22"), a, Plan("2026-12-20")).status().code(),
            StatusCode::kNotFound);
  auto b_sees = ListFindingsInScope(Stores(), EntB().principal, {});
  ASSERT_TRUE(b_sees.ok());
  ASSERT_EQ(b_sees->size(), 1u);
  EXPECT_EQ(b_sees->front().finding.report.enterprise_uscc, kB);
  FindingQuery of_a;
  of_a.enterprise_uscc = kA;
  EXPECT_TRUE(ListFindingsInScope(Stores(), EntB().principal, of_a)->empty());

  // A city officer outside the division gets NotFound; inside sees it.
  const Actor guangzhou = As(Role::kCity, "gz-officer", "", "4401");
  EXPECT_EQ(FindingInScope(Stores(), guangzhou.principal, a).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(CloseAs(Stores(), guangzhou, At("2026-11-22"), a).status().code(), StatusCode::kNotFound);
  EXPECT_TRUE(FindingInScope(Stores(), As(Role::kCity, "sz-officer", "", "4403").principal, a).ok());
  EXPECT_EQ(ListFindingsInScope(Stores(), guangzhou.principal, {})->size(), 1u);
  EXPECT_EQ(ListFindingsInScope(Stores(), As(Role::kDepartment, "dept").principal, {})->size(), 2u);
  EXPECT_EQ(FindingInScope(Stores(), EntA().principal, "not-a-number").status().code(), StatusCode::kNotFound);

  FindingQuery major;
  major.grade = HazardGrade::kMajor;
  EXPECT_EQ(ListFindingsInScope(Stores(), As(Role::kProvince, "p").principal, major)->size(), 1u);
  FindingQuery planned;
  planned.state = FindingState::kPlanned;
  EXPECT_TRUE(ListFindingsInScope(Stores(), As(Role::kProvince, "p").principal, planned)->empty());
}

TEST_F(InspectServiceTest, OverdueFindingsEscalate) {
  // General, reported 2026-11-01 without a plan: due 2026-11-16 (15 days), supervised by the county.
  const std::string general = GovernmentFinding(HazardGrade::kGeneral, "2026-11-01").finding.report.id;
  // Major, 挂牌督办 by the city, planned with a deadline of 2026-11-30.
  const std::string major = GovernmentFinding(HazardGrade::kMajor, "2026-11-01").finding.report.id;
  ASSERT_TRUE(SubmitPlanAs(Stores(), EntA(), At("2026-11-05"), major, Plan("2026-11-30")).ok());
  const Principal province = As(Role::kProvince, "p").principal;

  auto none = OverdueInScope(Stores(), province, D("2026-11-16"));
  ASSERT_TRUE(none.ok()) << none.status().ToString();
  EXPECT_TRUE(none->empty()) << "the due date is the last allowed day";

  auto first = OverdueInScope(Stores(), province, D("2026-11-17"));
  ASSERT_EQ(first->size(), 1u);
  EXPECT_EQ(first->front().finding.finding.report.id, general);
  EXPECT_EQ(first->front().overdue.days_overdue, 1);
  EXPECT_EQ(first->front().overdue.reason, inspect::OverdueReason::kNoPlan);
  EXPECT_EQ(first->front().overdue.escalation, GovernmentLevel::kCounty);

  // 2026-12-16: general 30 days overdue (one level up: city); major 16 days past its deadline (city).
  auto later = OverdueInScope(Stores(), province, D("2026-12-16"));
  ASSERT_EQ(later->size(), 2u);
  EXPECT_EQ(later->at(0).finding.finding.report.id, general) << "most overdue first";
  EXPECT_EQ(later->at(0).overdue.escalation, GovernmentLevel::kCity);
  EXPECT_EQ(later->at(1).overdue.days_overdue, 16);
  EXPECT_EQ(later->at(1).overdue.reason, inspect::OverdueReason::kPastDeadline);
  EXPECT_EQ(later->at(1).overdue.escalation, GovernmentLevel::kCity);

  // 2027-01-15: general 60 days (province); major 46 days (one level up from the city: province).
  auto much_later = OverdueInScope(Stores(), province, D("2027-01-15"));
  ASSERT_EQ(much_later->size(), 2u);
  EXPECT_EQ(much_later->at(0).overdue.escalation, GovernmentLevel::kProvince);
  EXPECT_EQ(much_later->at(1).overdue.escalation, GovernmentLevel::kProvince);

  EXPECT_TRUE(OverdueInScope(Stores(), EntB().principal, D("2027-01-15"))->empty()) << "scope holds";
  FindingQuery q;
  q.overdue_on = D("2026-11-17");
  auto listed = ListFindingsInScope(Stores(), EntA().principal, q);
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ(listed->front().finding.report.id, general);

  inspect::EscalationRules bad;
  bad.province_after_days = 10;
  EXPECT_EQ(OverdueInScope(Stores(), province, D("2027-01-15"), bad).status().code(), StatusCode::kInvalidArgument);

  // Rectified findings are not overdue: the supervisor's step remains.
  ASSERT_TRUE(ReportRectifiedAs(Stores(), EntA(), At("2026-12-01"), major).ok());
  EXPECT_EQ(OverdueInScope(Stores(), province, D("2027-01-15"))->size(), 1u);
}

TEST_F(InspectServiceTest, PhotosMustBeSmallImages) {
  const std::string id = GovernmentFinding().finding.report.id;
  std::string png("\x89PNG\r\n\x1A\n", 8);
  png += std::string("\0\0\0\rIHDR", 8) + "rest of a tiny image";
  PhotoOptions small;
  small.max_bytes = 16;
  const Status big = AttachPhotoAs(Stores(), Nanshan(), At("2026-11-20"), id, png, small).status();
  EXPECT_EQ(big.code(), StatusCode::kInvalidArgument) << big.ToString();
  EXPECT_THAT(big.message(), HasSubstr("limit"));
  const Status text = AttachPhotoAs(Stores(), Nanshan(), At("2026-11-20"), id, "GIF89a not allowed").status();
  EXPECT_EQ(text.code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(text.message(), HasSubstr("not a JPEG or PNG"));
  EXPECT_EQ(AttachPhotoAs(Stores(), Nanshan(), At("2026-11-20"), id, "").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(AttachPhotoAs(Stores(), EntB(), At("2026-11-20"), id, png).status().code(), StatusCode::kNotFound);

  auto with = AttachPhotoAs(Stores(), Nanshan(), At("2026-11-20"), id, png);
  ASSERT_TRUE(with.ok()) << with.status().ToString();
  ASSERT_EQ(with->finding.report.photo_ids.size(), 1u);
  EXPECT_EQ(with->finding.report.photo_ids[0], audit::Sm3Hex(png));
  EXPECT_EQ(AttachPhotoAs(Stores(), EntA(), At("2026-11-21"), id, png).status().code(), StatusCode::kAlreadyExists);
  const std::string jpeg = std::string("\xFF\xD8\xFF\xE0", 4) + std::string(1000, 'x');
  auto two = AttachPhotoAs(Stores(), EntA(), At("2026-11-21"), id, jpeg);
  ASSERT_TRUE(two.ok()) << two.status().ToString();
  EXPECT_EQ(two->finding.report.photo_ids.size(), 2u);

  auto back = FindingPhotoInScope(Stores(), EntA().principal, id, audit::Sm3Hex(jpeg));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->bytes, jpeg);
  EXPECT_EQ(back->content_type, "image/jpeg");
  EXPECT_EQ(FindingPhotoInScope(Stores(), EntB().principal, id, audit::Sm3Hex(jpeg)).status().code(),
            StatusCode::kNotFound);

  inspect::FindingReport named = Report(kA, HazardGrade::kGeneral, "2026-11-20");
  named.photo_ids = {"abc"};
  EXPECT_EQ(ReportFindingAs(Stores(), Nanshan(), At("2026-11-20"), named).status().code(), StatusCode::kInvalidArgument);
}

TEST_F(InspectServiceTest, JsonRoundTripsAndErrorsNameThePath) {
  const std::string id = GovernmentFinding().finding.report.id;
  ASSERT_TRUE(SubmitPlanAs(Stores(), EntA(), At("2026-11-22"), id, Plan("2026-12-20")).ok());
  ASSERT_TRUE(ReportRectifiedAs(Stores(), EntA(), At("2026-12-10"), id).ok());
  auto f = AcceptAs(Stores(), Nanshan(), At("2026-12-11"), id, AcceptanceOutcome::kFailed, "未完成");
  ASSERT_TRUE(f.ok());
  const nlohmann::json j = nlohmann::json::parse(FindingJson(*f).dump());
  auto back = FindingFromJson(j);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(FindingJson(*back), FindingJson(*f));
  EXPECT_EQ(j["acceptances"][0]["of"]["by"], "ent-a");
  EXPECT_EQ(j["report"]["supervision_level"], "city");

  nlohmann::json bad_grade = j;
  bad_grade["report"]["grade"] = "big";
  EXPECT_THAT(FindingFromJson(bad_grade).status().message(), HasSubstr("report.grade: \"big\" is not one of"));
  nlohmann::json no_of = j;
  no_of["acceptances"][0].erase("of");
  EXPECT_EQ(FindingFromJson(no_of).status().message(), "acceptances[0].of: missing");
  nlohmann::json bad_date = j;
  bad_date["plan"]["deadline"] = "2026-13-01";
  EXPECT_THAT(FindingFromJson(bad_date).status().message(), HasSubstr("plan.deadline:"));

  auto in = InspectionFromJson(nlohmann::json{{"kind", "self"}, {"enterprise_uscc", kA}, {"date", "2026-11-20"},
                                              {"inspectors", {"x", 3}}, {"checklist_code", "c"}});
  EXPECT_EQ(in.status().message(), "inspectors[1]: not a string");
  auto plan = PlanFromJson(nlohmann::json{{"measures", {"a"}}, {"funds_yuan", "many"}});
  EXPECT_EQ(plan.status().message(), "funds_yuan: not a number");
}

}  // namespace
}  // namespace chemsafe::service
