// The governance of the plan through the service on SQLite (issue 8 "Reporting and supervision"): who is
// which unit, filing on time and late (late kept through amendments), what a unit may not file, who sees
// what, reminders and comments by the office only, attachments by their bytes, the platform's measures
// beside the reports, the dashboard, the situation notice and the synthetic demo.
#include "chemsafe/service/governance_service.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "chemsafe/governance/plan_files.h"
#include "chemsafe/reference/holidays.h"
#include "chemsafe/service/governance_demo.h"
#include "chemsafe/store/testing/pg_test_url.h"

namespace chemsafe::service {
namespace {

using ::testing::HasSubstr;

// 10:00 in China on `day` (YYYY-MM-DD), as UTC text.
std::string At(const char* day) { return fmt::format("{}T02:00:00.000000Z", day); }
Date D(const char* day) { return *Date::Parse(day); }

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

Actor As(Role role, std::string name, std::string division = "", std::string department = "") {
  Actor a;
  a.principal.username = std::move(name);
  a.principal.role = role;
  a.principal.division_code = std::move(division);
  a.principal.department = std::move(department);
  a.client = "127.0.0.1:1";
  a.request_id = "r";
  return a;
}
Actor Office() { return As(Role::kProvince, "office"); }
Actor Guangzhou() { return As(Role::kCity, "gz-officer", "440100"); }
Actor Zhuhai() { return As(Role::kCity, "zh-officer", "440400"); }
Actor Shunde() { return As(Role::kCounty, "sd-officer", "440606"); }
Actor Safety() { return As(Role::kDepartment, "aj-officer", "", "省安全监管局"); }

class GovernanceServiceTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto cal = reference::LoadWorkingCalendar(CHEMSAFE_TEST_DATA_DIR);
    ASSERT_TRUE(cal.ok()) << cal.status().message();
    calendar_ = new WorkingCalendar(std::move(*cal));
  }
  static void TearDownTestSuite() { delete calendar_; }
  void SetUp() override {
    auto fresh = store::testing::FreshTestDatabase(true, "chemsafe-governance-service",
                                                   ::testing::UnitTest::GetInstance()->current_test_info()->name(), &dir_);
    ASSERT_TRUE(fresh.ok()) << fresh.status().ToString();
    registry_ = std::move(store::OpenSqlite(*fresh)).value();
    hazards_ = std::move(store::OpenSqliteHazardStore(*fresh)).value();
    risk_ = std::move(store::OpenSqliteRiskStore(*fresh)).value();
    qra_ = std::move(store::OpenSqliteQraStore(*fresh)).value();
    credit_ = std::move(store::OpenSqliteCreditStore(*fresh)).value();
    gov_ = std::move(store::OpenSqliteGovernanceStore(*fresh)).value();
    plan_json_ = ReadFile(std::string(CHEMSAFE_TEST_DATA_DIR) + "/governance/guangdong-2017-plan.json");
    units_json_ = ReadFile(std::string(CHEMSAFE_TEST_DATA_DIR) + "/governance/units.json");
    auto loaded = LoadGovernancePlanAs(*gov_, Office(), At("2017-01-20"), plan_json_, units_json_);
    ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
    auto opened = OpenGovernancePlan(*gov_, loaded->id);
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    plan_ = std::make_unique<OpenedPlan>(std::move(*opened));
  }
  void TearDown() override {
    gov_.reset();
    credit_.reset();
    qra_.reset();
    risk_.reset();
    hazards_.reset();
    registry_.reset();
    std::filesystem::remove_all(dir_);
  }
  GovernanceStores Stores() { return {*gov_, *registry_, *hazards_, *risk_, *qra_, *credit_}; }
  static ReportInput Quarterly(const char* quarter, std::vector<governance::TaskReport> tasks = {}) {
    ReportInput in;
    in.kind = governance::ObligationKind::kQuarterlyReport;
    in.quarter = *governance::Quarter::Parse(quarter);
    in.summary = "本季度进展（测试）";
    in.tasks = std::move(tasks);
    return in;
  }
  Result<store::GovernanceReportRecord> File(const Actor& who, const char* day, ReportInput in) {
    return FileReportAs(*gov_, *plan_, *calendar_, who, At(day), std::move(in));
  }

  static WorkingCalendar* calendar_;
  std::filesystem::path dir_;
  std::unique_ptr<store::RegistryStore> registry_;
  std::unique_ptr<store::HazardStore> hazards_;
  std::unique_ptr<store::RiskStore> risk_;
  std::unique_ptr<store::QraStore> qra_;
  std::unique_ptr<store::CreditStore> credit_;
  std::unique_ptr<store::GovernanceStore> gov_;
  std::string plan_json_, units_json_;
  std::unique_ptr<OpenedPlan> plan_;
};
WorkingCalendar* GovernanceServiceTest::calendar_ = nullptr;

TEST_F(GovernanceServiceTest, OfficersAreTheirUnits) {
  EXPECT_EQ(*ReportingUnitOf(*plan_, Guangzhou().principal), std::optional<std::string>("guangzhou"));
  EXPECT_EQ(*ReportingUnitOf(*plan_, Shunde().principal), std::optional<std::string>("shunde"));
  EXPECT_EQ(*ReportingUnitOf(*plan_, Safety().principal), std::optional<std::string>("gd_safety_supervision"));
  EXPECT_EQ(*ReportingUnitOf(*plan_, Office().principal), std::optional<std::string>());
  // A county officer of an ordinary county is no unit of the plan; an enterprise is outside governance.
  EXPECT_EQ(*ReportingUnitOf(*plan_, As(Role::kCounty, "nanshan", "440305").principal), std::optional<std::string>());
  EXPECT_EQ(ReportingUnitOf(*plan_, As(Role::kEnterprise, "ent").principal).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(MeasureScopeOf(*plan_->units.Find("guangzhou")), "4401");
  EXPECT_EQ(MeasureScopeOf(*plan_->units.Find("shunde")), "440606");
  EXPECT_EQ(MeasureScopeOf(*plan_->units.Find("gd_transport")), "44");
}

// 2017Q3 is due 2017-10-13 (governance/obligations_test.cc).
TEST_F(GovernanceServiceTest, OnTimeAndLateFilingLateKeptThroughAmendments) {
  auto gz = File(Guangzhou(), "2017-10-13", Quarterly("2017Q3"));
  ASSERT_TRUE(gz.ok()) << gz.status().ToString();
  EXPECT_FALSE(gz->late);
  EXPECT_EQ(gz->due_on, "2017-10-13");
  auto again = File(Guangzhou(), "2017-10-14", Quarterly("2017Q3"));
  EXPECT_EQ(again.status().code(), StatusCode::kAlreadyExists);

  auto sd = File(Shunde(), "2017-10-17", Quarterly("2017Q3"));
  ASSERT_TRUE(sd.ok()) << sd.status().ToString();
  EXPECT_TRUE(sd->late);
  ReportInput fix = Quarterly("2017Q3");
  fix.summary = "更正后的进展";
  auto amended = AmendReportAs(*gov_, *plan_, Shunde(), At("2017-10-20"), sd->id, sd->version, fix);
  ASSERT_TRUE(amended.ok()) << amended.status().ToString();
  EXPECT_TRUE(amended->late);
  EXPECT_EQ(amended->filed_on, "2017-10-17");
  EXPECT_TRUE(amended->amended);
  // Another unit may not amend it, nor see it.
  EXPECT_EQ(AmendReportAs(*gov_, *plan_, Guangzhou(), At("2017-10-20"), sd->id, 2, fix).status().code(),
            StatusCode::kNotFound);

  auto status = StatusOfPlan(*gov_, *plan_, *calendar_, D("2017-10-20"));
  ASSERT_TRUE(status.ok());
  auto state = [&status](const char* unit) {
    for (const auto& s : *status) {
      if (s.obligation.unit_id == unit && s.obligation.quarter && s.obligation.quarter->str() == "2017Q3") return s.state;
    }
    return governance::FilingState::kPending;
  };
  EXPECT_EQ(state("guangzhou"), governance::FilingState::kOnTime);
  EXPECT_EQ(state("shunde"), governance::FilingState::kLate);
  EXPECT_EQ(state("zhuhai"), governance::FilingState::kMissing);
}

TEST_F(GovernanceServiceTest, WhatAUnitMayNotFile) {
  auto early = File(Guangzhou(), "2017-06-15", Quarterly("2017Q3"));
  EXPECT_EQ(early.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(early.status().message(), HasSubstr("has not begun"));
  auto outside = File(Guangzhou(), "2021-04-02", Quarterly("2021Q1"));
  EXPECT_THAT(outside.status().message(), HasSubstr("not a quarter of the plan's reporting period 2017Q1–2019Q3"));
  // Task 3's lead units are 省安全监管局 and 省公安厅; Guangzhou joins no parenthesis of it.
  auto foreign = File(Guangzhou(), "2017-10-10", Quarterly("2017Q3", {{3, governance::TaskProgress::kInProgress, 50, ""}}));
  EXPECT_THAT(foreign.status().message(), HasSubstr("tasks[0].task"));
  auto twice = File(Safety(), "2017-10-10",
                    Quarterly("2017Q3", {{3, governance::TaskProgress::kInProgress, 50, ""},
                                         {3, governance::TaskProgress::kInProgress, 60, ""}}));
  EXPECT_THAT(twice.status().message(), HasSubstr("tasks[1].task: task 3 twice"));
  ReportInput liaison;
  liaison.kind = governance::ObligationKind::kLiaison;
  EXPECT_THAT(File(Guangzhou(), "2017-02-10", liaison).status().message(), HasSubstr("liaison:"));
  EXPECT_EQ(File(Office(), "2017-10-10", Quarterly("2017Q3")).status().code(), StatusCode::kPermissionDenied);

  auto parsed = ReportInputFromJson(nlohmann::json::parse(R"({"kind": "quarterly_report", "quarter": "2017Q3",
      "summary": "x", "tasks": [{"task": 3, "progress": "completed", "percentage": 80}]})"), true);
  EXPECT_THAT(parsed.status().message(), HasSubstr("tasks[0].percentage: a completed task is at 100"));
  auto bad_kind = ReportInputFromJson(nlohmann::json::parse(R"({"kind": "weekly"})"), true);
  EXPECT_THAT(bad_kind.status().message(), HasSubstr("kind: \"weekly\" is not one of"));
  auto bad_liaison = ReportInputFromJson(nlohmann::json::parse(R"({"kind": "liaison", "liaison": {"name": "张三"}})"), true);
  EXPECT_THAT(bad_liaison.status().message(), HasSubstr("liaison.title: missing"));
}

TEST_F(GovernanceServiceTest, CitiesSeeTheirOwnTheOfficeSeesAll) {
  ASSERT_TRUE(File(Guangzhou(), "2017-10-13", Quarterly("2017Q3")).ok());
  auto sd = File(Shunde(), "2017-10-12", Quarterly("2017Q3"));
  ASSERT_TRUE(sd.ok());
  auto mine = StatusInSight(*gov_, *plan_, *calendar_, Guangzhou().principal, D("2017-10-20"));
  ASSERT_TRUE(mine.ok());
  EXPECT_EQ(mine->size(), std::size_t{14});
  for (const auto& s : *mine) EXPECT_EQ(s.obligation.unit_id, "guangzhou");
  auto all = StatusInSight(*gov_, *plan_, *calendar_, Office().principal, D("2017-10-20"));
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->size(), std::size_t{58 * 14});
  EXPECT_EQ(ReportInSight(*gov_, Guangzhou().principal, sd->id).status().code(), StatusCode::kNotFound);
  EXPECT_TRUE(ReportInSight(*gov_, Safety().principal, sd->id).ok());
  auto listed = ReportsInSight(*gov_, *plan_, Guangzhou().principal, {});
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), std::size_t{1});
  EXPECT_EQ((*listed)[0].unit_id, "guangzhou");
}

TEST_F(GovernanceServiceTest, RemindersAndCommentsAreTheOfficesOnly) {
  const auto q3 = governance::Quarter::Parse("2017Q3");
  auto r = RemindAs(*gov_, *plan_, *calendar_, Office(), At("2017-10-16"), "珠海市", governance::ObligationKind::kQuarterlyReport,
                    *q3, "请尽快报送");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->unit_id, "zhuhai");
  EXPECT_EQ(RemindAs(*gov_, *plan_, *calendar_, Guangzhou(), At("2017-10-16"), "zhuhai",
                     governance::ObligationKind::kQuarterlyReport, *q3, "")
                .status()
                .code(),
            StatusCode::kPermissionDenied);
  auto gz = File(Guangzhou(), "2017-10-13", Quarterly("2017Q3"));
  ASSERT_TRUE(gz.ok());
  EXPECT_EQ(RemindAs(*gov_, *plan_, *calendar_, Office(), At("2017-10-16"), "guangzhou",
                     governance::ObligationKind::kQuarterlyReport, *q3, "")
                .status()
                .code(),
            StatusCode::kFailedPrecondition);
  EXPECT_EQ(RemindAs(*gov_, *plan_, *calendar_, Office(), At("2017-10-16"), "all_city_governments",
                     governance::ObligationKind::kQuarterlyReport, *q3, "")
                .status()
                .code(),
            StatusCode::kInvalidArgument);
  auto zh_sees = RemindersInSight(*gov_, *plan_, Zhuhai().principal, "");
  ASSERT_TRUE(zh_sees.ok());
  EXPECT_EQ(zh_sees->size(), std::size_t{1});
  auto gz_sees = RemindersInSight(*gov_, *plan_, Guangzhou().principal, "zhuhai");
  ASSERT_TRUE(gz_sees.ok());
  EXPECT_TRUE(gz_sees->empty());

  EXPECT_EQ(CommentOnReportAs(*gov_, Guangzhou(), At("2017-10-20"), gz->id, "自评").status().code(),
            StatusCode::kPermissionDenied);
  auto c = CommentOnReportAs(*gov_, Office(), At("2017-10-20"), gz->id, "请补充数据");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  auto json = ReportJson(Stores(), *plan_, *gz, D("2017-10-20"));
  ASSERT_TRUE(json.ok()) << json.status().ToString();
  ASSERT_EQ((*json)["comments"].size(), std::size_t{1});
  EXPECT_EQ((*json)["comments"][0]["text"], "请补充数据");
  EXPECT_EQ((*json)["state"], "on_time");
}

TEST_F(GovernanceServiceTest, AttachmentsByTheirBytes) {
  auto gz = File(Guangzhou(), "2017-10-13", Quarterly("2017Q3"));
  ASSERT_TRUE(gz.ok());
  auto pdf = AttachToReportAs(*gov_, Guangzhou(), At("2017-10-13"), gz->id, "C:\\报告\\广州进展.pdf",
                              "%PDF-1.4\n%test\n");
  ASSERT_TRUE(pdf.ok()) << pdf.status().ToString();
  EXPECT_EQ(pdf->name, "广州进展.pdf");
  EXPECT_EQ(pdf->content_type, "application/pdf");
  EXPECT_EQ(pdf->sm3.size(), std::size_t{64});
  EXPECT_EQ(AttachToReportAs(*gov_, Guangzhou(), At("2017-10-13"), gz->id, "a.pdf", "%PDF-1.4\n%test\n").status().code(),
            StatusCode::kAlreadyExists);
  EXPECT_THAT(AttachToReportAs(*gov_, Guangzhou(), At("2017-10-13"), gz->id, "a.txt", "plain text").status().message(),
              HasSubstr("not a PDF, DOCX, XLSX, JPEG or PNG"));
  EXPECT_EQ(AttachToReportAs(*gov_, Zhuhai(), At("2017-10-13"), gz->id, "z.pdf", "%PDF-1.4\n").status().code(),
            StatusCode::kNotFound);
  auto found = gov_->FindAttachment(gz->id, pdf->sm3);
  ASSERT_TRUE(found.ok() && found->has_value());
  EXPECT_EQ((*found)->bytes, "%PDF-1.4\n%test\n");
}

TEST_F(GovernanceServiceTest, MeasuresCountTheRegistry) {
  // Two enterprises in Guangzhou (one producer with a 危险化学品登记证 valid on the day, one producer without)
  // and one in Shenzhen; one unit, not yet identified.
  ASSERT_TRUE(registry_->InTransaction([&](store::RegistryWriter& w) -> Status {
    const std::tuple<const char*, const char*, bool> rows[] = {
        {"91440100MA5F00001X", "440106", true}, {"91440100MA5F00002X", "440106", false}, {"91440300MA5F00003X", "440305", true}};
    for (const auto& [uscc, division, registered] : rows) {
      registry::Enterprise e;
      e.uscc = uscc;
      e.name = "测试化工（演示）";
      e.division_code = division;
      e.activities = {registry::Activity::kProduction};
      if (registered) e.licences.push_back({"危险化学品登记证", "440100001", "2016-01-01", "2019-01-01"});
      e.provenance = registry::Provenance::kSynthetic;
      CHEMSAFE_RETURN_IF_ERROR(w.UpsertEnterprise(e));
      registry::Unit u;
      u.enterprise_id = e.id;
      u.enterprise_uscc = e.uscc;
      u.code = "U1";
      u.name = "储罐区";
      CHEMSAFE_RETURN_IF_ERROR(w.UpsertUnit(u));
    }
    return Status::Ok();
  }).ok());
  auto gz = MeasuresOf(Stores(), "4401", D("2017-10-20"));
  ASSERT_TRUE(gz.ok()) << gz.status().ToString();
  ASSERT_EQ(gz->size(), std::size_t{5});
  const auto& t2 = (*gz)[0];
  EXPECT_EQ(t2.task, 2);
  EXPECT_EQ(t2.numerator, 0);
  EXPECT_EQ(*t2.denominator, 2);
  EXPECT_EQ(t2.text, "0.0%（0/2）");
  const auto& t21 = (*gz)[2];
  EXPECT_EQ(t21.task, 21);
  EXPECT_EQ(t21.numerator, 1);
  EXPECT_EQ(*t21.denominator, 2);
  EXPECT_EQ(t21.text, "50.0%（1/2）");
  EXPECT_EQ((*gz)[1].text, "尚未开展全省定量风险评估");
  EXPECT_EQ((*gz)[3].text, "0家");
  EXPECT_EQ((*gz)[4].text, "—（0/0）");
  // The licence expired: no longer counted.
  auto later = MeasuresOf(Stores(), "44", D("2019-06-01"));
  ASSERT_TRUE(later.ok());
  EXPECT_EQ((*later)[2].numerator, 0);
  EXPECT_EQ(*(*later)[2].denominator, 3);
}

TEST_F(GovernanceServiceTest, DashboardAndNotice) {
  ASSERT_TRUE(File(Guangzhou(), "2017-10-13", Quarterly("2017Q3")).ok());
  ASSERT_TRUE(File(Shunde(), "2017-10-17", Quarterly("2017Q3")).ok());
  ASSERT_TRUE(File(Safety(), "2017-10-12",
                   Quarterly("2017Q3", {{3, governance::TaskProgress::kInProgress, 60, "信息系统建设中"}}))
                  .ok());
  auto dash = DashboardJson(Stores(), *plan_, *calendar_, D("2017-10-20"));
  ASSERT_TRUE(dash.ok()) << dash.status().ToString();
  EXPECT_EQ((*dash)["tasks"].size(), std::size_t{42});
  EXPECT_EQ((*dash)["tasks"][2]["reported"], 1);
  EXPECT_EQ((*dash)["totals"]["on_time"], 2);
  EXPECT_EQ((*dash)["totals"]["late"], 1);
  EXPECT_GT((*dash)["overdue"].size(), std::size_t{0});
  EXPECT_EQ((*dash)["measures"].size(), std::size_t{5});

  auto notice = SituationNoticeOf(Stores(), *plan_, *calendar_, *governance::Quarter::Parse("2017Q3"), D("2017-10-20"),
                                  D("2017-10-23"));
  ASSERT_TRUE(notice.ok()) << notice.status().ToString();
  EXPECT_EQ(notice->quarter, "2017年第三季度");
  EXPECT_EQ(notice->due, "2017-10-13");
  EXPECT_EQ(notice->units, 58);
  EXPECT_EQ(notice->on_time, 2);
  EXPECT_EQ(notice->late, 1);
  EXPECT_EQ(notice->missing, 55);
  EXPECT_EQ(notice->unit_rows.front().state, "逾期未报");
  EXPECT_EQ(notice->unit_rows.back().state, "按时报送");
  EXPECT_EQ(notice->tasks.size(), std::size_t{42});
  EXPECT_THAT(notice->title, HasSubstr("2017年第三季度"));
  EXPECT_EQ(SituationNoticeOf(Stores(), *plan_, *calendar_, *governance::Quarter::Parse("2020Q1"), D("2020-05-01"),
                              D("2020-05-01"))
                .status()
                .code(),
            StatusCode::kInvalidArgument);
}

TEST_F(GovernanceServiceTest, DemoFillsTheHistoryOnce) {
  auto demo = GenerateGovernanceDemo(*gov_, *calendar_, plan_json_, units_json_, 2017, D("2020-01-01"));
  ASSERT_TRUE(demo.ok()) << demo.status().ToString();
  EXPECT_FALSE(demo->plan_loaded) << "the plan was loaded by SetUp";
  EXPECT_GT(demo->reports, 600);
  EXPECT_GT(demo->late, 0);
  EXPECT_GT(demo->missing, 0);
  EXPECT_EQ(demo->reminders, demo->missing) << "every report missing by 2020 was reminded of";
  auto status = StatusOfPlan(*gov_, *plan_, *calendar_, D("2020-01-01"));
  ASSERT_TRUE(status.ok());
  const auto counts = governance::CountAll(*status);
  EXPECT_EQ(counts.pending, 0);
  EXPECT_EQ(counts.on_time + counts.late, demo->reports);
  EXPECT_EQ(counts.late, demo->late);
  EXPECT_EQ(counts.missing, demo->missing);
  auto again = GenerateGovernanceDemo(*gov_, *calendar_, plan_json_, units_json_, 2017, D("2020-01-01"));
  EXPECT_EQ(again.status().code(), StatusCode::kFailedPrecondition);
}

}  // namespace
}  // namespace chemsafe::service
