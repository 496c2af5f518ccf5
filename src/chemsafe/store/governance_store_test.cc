// The governance store on both backends (issue 8; store/governance_store.h): a plan is stored once per code;
// a report is one per unit and obligation, an amendment names its version, keeps the first filing day and
// its lateness and is refused when another change came first; attachments keep their bytes (binary, NULs
// included) and are unique per report; notes filter by unit and report; every write leaves its audit record.
#include "chemsafe/store/governance_store.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "chemsafe/store/testing/audit_records.h"
#include "chemsafe/store/testing/pg_test_url.h"

namespace chemsafe::store {
namespace {

using testing::TestAuditRecord;

enum class GovernanceBackend { kSqlite, kPostgres };

class GovernanceStoreTest : public ::testing::TestWithParam<GovernanceBackend> {
 protected:
  void SetUp() override {
    const bool sqlite = GetParam() == GovernanceBackend::kSqlite;
    auto db = testing::FreshTestDatabase(sqlite, "chemsafe-governance-store",
                                         ::testing::UnitTest::GetInstance()->current_test_info()->name(), &dir_);
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    auto r = sqlite ? OpenSqliteGovernanceStore(*db) : OpenPostgresGovernanceStore(*db);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    store_ = std::move(r).value();
    plan_.code = "粤府办〔2017〕11号";
    plan_.title = "广东省危险化学品安全综合治理实施方案";
    plan_.plan_json = R"({"code": "粤府办〔2017〕11号"})";
    plan_.units_json = R"({"units": []})";
    plan_.loaded_at = "2026-11-29T04:00:00.000000Z";
    plan_.loaded_by = "office";
    audit::AuditRecord a = TestAuditRecord("governance.plan.load", "office", "province");
    ASSERT_TRUE(store_->SavePlan(plan_, a).ok());
  }
  void TearDown() override {
    store_.reset();
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }
  GovernanceReportRecord Report(std::string unit, std::string quarter) const {
    GovernanceReportRecord g;
    g.plan_id = plan_.id;
    g.unit_id = std::move(unit);
    g.kind = "quarterly_report";
    g.quarter = std::move(quarter);
    g.due_on = "2017-10-13";
    g.filed_on = "2017-10-16";
    g.late = true;
    g.summary = "本季度开展危险化学品风险点危险源摸排。";
    g.body = R"({"tasks": [{"task": 1, "progress": "in_progress", "percentage": 60, "text": "已摸排"}]})";
    g.updated_at = "2017-10-16T02:00:00.000000Z";
    g.updated_by = "gz-officer";
    return g;
  }

  std::filesystem::path dir_;
  std::unique_ptr<GovernanceStore> store_;
  GovernancePlanRecord plan_;
};

TEST_P(GovernanceStoreTest, APlanIsStoredOncePerCode) {
  EXPECT_GT(plan_.id, 0);
  GovernancePlanRecord again = plan_;
  again.id = 0;
  audit::AuditRecord a = TestAuditRecord("governance.plan.load", "office", "province");
  const Status s = store_->SavePlan(again, a);
  EXPECT_EQ(s.code(), StatusCode::kAlreadyExists) << s.ToString();
  EXPECT_EQ(again.id, 0);
  auto plans = store_->ListPlans();
  ASSERT_TRUE(plans.ok());
  ASSERT_EQ(plans->size(), std::size_t{1});
  EXPECT_EQ((*plans)[0].code, "粤府办〔2017〕11号");
  EXPECT_EQ((*plans)[0].plan_json, plan_.plan_json);
  auto found = store_->FindPlan(plan_.id);
  ASSERT_TRUE(found.ok() && found->has_value());
  EXPECT_EQ((*found)->loaded_by, "office");
  auto none = store_->FindPlan(plan_.id + 100);
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());
}

TEST_P(GovernanceStoreTest, AnAmendmentKeepsTheFirstFilingAndItsLateness) {
  GovernanceReportRecord g = Report("guangzhou", "2017Q3");
  audit::AuditRecord a = TestAuditRecord("governance.report.file", "gz-officer");
  ASSERT_TRUE(store_->SaveReport(g, a).ok());
  EXPECT_EQ(g.version, 1);
  EXPECT_EQ(g.filed_by, "gz-officer");
  EXPECT_EQ(a.object, "governance_report:" + std::to_string(g.id));
  EXPECT_GT(a.seq, 0);

  // The same obligation again: refused; the record is left as it was.
  GovernanceReportRecord twice = Report("guangzhou", "2017Q3");
  audit::AuditRecord b = TestAuditRecord("governance.report.file", "gz-officer");
  EXPECT_EQ(store_->SaveReport(twice, b).code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(twice.id, 0);

  GovernanceReportRecord stale = g;
  g.summary = "更正：补充数据。";
  g.filed_on = "2026-01-01";  // ignored: the first filing stays
  g.late = false;
  g.updated_at = "2017-11-01T02:00:00.000000Z";
  g.updated_by = "gz-officer-2";
  audit::AuditRecord c = TestAuditRecord("governance.report.amend", "gz-officer-2");
  ASSERT_TRUE(store_->SaveReport(g, c).ok());
  EXPECT_EQ(g.version, 2);
  EXPECT_TRUE(g.amended);
  EXPECT_EQ(g.filed_on, "2017-10-16");
  EXPECT_TRUE(g.late);
  EXPECT_EQ(g.filed_by, "gz-officer");
  EXPECT_EQ(g.updated_by, "gz-officer-2");
  EXPECT_EQ(g.summary, "更正：补充数据。");

  stale.summary = "过期的更改";
  audit::AuditRecord d = TestAuditRecord("governance.report.amend", "other");
  const Status s = store_->SaveReport(stale, d);
  EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition) << s.ToString();
  EXPECT_NE(s.message().find("gz-officer-2"), std::string::npos) << s.message();
  EXPECT_EQ(stale.summary, "过期的更改");
  EXPECT_EQ(stale.version, 1);

  GovernanceReportRecord ghost = g;
  ghost.id = g.id + 100;
  audit::AuditRecord e = TestAuditRecord("governance.report.amend");
  EXPECT_EQ(store_->SaveReport(ghost, e).code(), StatusCode::kNotFound);
}

TEST_P(GovernanceStoreTest, ReportsFilterByUnitKindAndQuarter) {
  for (const auto& [unit, quarter] : {std::pair{"guangzhou", "2017Q3"}, {"guangzhou", "2017Q2"}, {"shenzhen", "2017Q3"}}) {
    GovernanceReportRecord g = Report(unit, quarter);
    audit::AuditRecord a = TestAuditRecord("governance.report.file");
    ASSERT_TRUE(store_->SaveReport(g, a).ok());
  }
  GovernanceReportRecord liaison = Report("guangzhou", "");
  liaison.kind = "liaison";
  liaison.filed_on = "2017-02-17";
  audit::AuditRecord a = TestAuditRecord("governance.report.file");
  ASSERT_TRUE(store_->SaveReport(liaison, a).ok());

  auto all = store_->ListReports({plan_.id, "", "", ""});
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), std::size_t{4});
  EXPECT_EQ((*all)[0].kind, "liaison") << "by filing day first";
  auto gz = store_->ListReports({plan_.id, "guangzhou", "quarterly_report", ""});
  ASSERT_TRUE(gz.ok());
  EXPECT_EQ(gz->size(), std::size_t{2});
  auto q3 = store_->ListReports({plan_.id, "", "", "2017Q3"});
  ASSERT_TRUE(q3.ok());
  EXPECT_EQ(q3->size(), std::size_t{2});
  auto other_plan = store_->ListReports({plan_.id + 1, "", "", ""});
  ASSERT_TRUE(other_plan.ok());
  EXPECT_TRUE(other_plan->empty());
}

TEST_P(GovernanceStoreTest, AttachmentsKeepTheirBytes) {
  GovernanceReportRecord g = Report("guangzhou", "2017Q3");
  audit::AuditRecord a = TestAuditRecord("governance.report.file");
  ASSERT_TRUE(store_->SaveReport(g, a).ok());
  GovernanceAttachmentRecord att;
  att.report_id = g.id;
  att.name = "广州市进展.pdf";
  att.content_type = "application/pdf";
  att.bytes = std::string("%PDF-1.7\0\x01\xff\n", 13);
  att.sm3 = "ab12";
  att.uploaded_at = "2017-10-16T02:00:00.000000Z";
  att.uploaded_by = "gz-officer";
  audit::AuditRecord b = TestAuditRecord("governance.report.attach");
  ASSERT_TRUE(store_->SaveAttachment(att, b).ok());
  EXPECT_GT(att.id, 0);
  EXPECT_EQ(att.size, 13);

  GovernanceAttachmentRecord again = att;
  again.id = 0;
  audit::AuditRecord c = TestAuditRecord("governance.report.attach");
  EXPECT_EQ(store_->SaveAttachment(again, c).code(), StatusCode::kAlreadyExists);

  auto list = store_->ListAttachments(g.id);
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), std::size_t{1});
  EXPECT_TRUE((*list)[0].bytes.empty()) << "lists carry no bytes";
  EXPECT_EQ((*list)[0].name, "广州市进展.pdf");
  auto found = store_->FindAttachment(g.id, "ab12");
  ASSERT_TRUE(found.ok() && found->has_value()) << found.status().ToString();
  EXPECT_EQ((*found)->bytes, att.bytes);
  auto absent = store_->FindAttachment(g.id, "ffff");
  ASSERT_TRUE(absent.ok());
  EXPECT_FALSE(absent->has_value());
}

TEST_P(GovernanceStoreTest, NotesFilterByUnitAndReport) {
  GovernanceNoteRecord reminder;
  reminder.plan_id = plan_.id;
  reminder.kind = GovernanceNoteKind::kReminder;
  reminder.unit_id = "zhuhai";
  reminder.obligation_kind = "quarterly_report";
  reminder.quarter = "2017Q3";
  reminder.text = "请于3个工作日内补报。";
  reminder.created_at = "2017-10-16T02:00:00.000000Z";
  reminder.created_by = "office";
  audit::AuditRecord a = TestAuditRecord("governance.remind", "office", "province");
  ASSERT_TRUE(store_->SaveNote(reminder, a).ok());
  GovernanceNoteRecord comment = reminder;
  comment.id = 0;
  comment.kind = GovernanceNoteKind::kComment;
  comment.unit_id = "guangzhou";
  comment.report_id = 42;
  comment.text = "请补充重大危险源辨识数据。";
  audit::AuditRecord b = TestAuditRecord("governance.comment", "office", "province");
  ASSERT_TRUE(store_->SaveNote(comment, b).ok());

  auto zh = store_->ListNotes({plan_.id, "zhuhai", 0});
  ASSERT_TRUE(zh.ok());
  ASSERT_EQ(zh->size(), std::size_t{1});
  EXPECT_EQ((*zh)[0].kind, GovernanceNoteKind::kReminder);
  EXPECT_EQ((*zh)[0].quarter, "2017Q3");
  auto on_report = store_->ListNotes({plan_.id, "", 42});
  ASSERT_TRUE(on_report.ok());
  ASSERT_EQ(on_report->size(), std::size_t{1});
  EXPECT_EQ((*on_report)[0].text, "请补充重大危险源辨识数据。");
  auto all = store_->ListNotes({plan_.id, "", 0});
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->size(), std::size_t{2});
}

INSTANTIATE_TEST_SUITE_P(Backends, GovernanceStoreTest,
                         ::testing::Values(GovernanceBackend::kSqlite, GovernanceBackend::kPostgres),
                         [](const ::testing::TestParamInfo<GovernanceBackend>& param_info) {
                           return param_info.param == GovernanceBackend::kSqlite ? std::string("sqlite")
                                                                                 : std::string("postgres");
                         });

}  // namespace
}  // namespace chemsafe::store
