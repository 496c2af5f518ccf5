// Tests of the hidden-hazard closed loop: every transition allowed and refused, closure only after a
// passed acceptance by a second person, nothing after closure.
#include "chemsafe/inspect/finding.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <limits>

namespace chemsafe::inspect {
namespace {

using ::testing::HasSubstr;

Date D(const char* iso) { return Date::Parse(iso).value(); }

FindingReport GeneralReport() {
  FindingReport r;
  r.id = "F-1";
  r.inspection_id = "I-1";
  r.enterprise_uscc = "91440101MA59XXXX0X";
  r.division_code = "440112";
  r.sector = "化工";
  r.description = "罐区可燃气体检测报警器故障";
  r.location = "储罐区 T-101";
  r.photo_ids = {"file-1"};
  r.grade = HazardGrade::kGeneral;
  r.found_date = D("2024-03-01");
  r.found_by = "inspector-a";
  return r;
}

FindingReport MajorReport() {
  FindingReport r = GeneralReport();
  r.grade = HazardGrade::kMajor;
  r.major_criterion = 12;
  r.supervision_level = GovernmentLevel::kCity;
  return r;
}

Plan APlan(const char* deadline = "2024-03-31") {
  Plan p;
  p.measures = {"更换检测报警器", "校验联锁"};
  p.funds_yuan = 12000;
  p.responsible_person = "manager-b";
  p.deadline = D(deadline);
  return p;
}

Finding Reported() { return ReportFinding(GeneralReport()).value(); }
Finding Planned() {
  Finding f = Reported();
  EXPECT_TRUE(SubmitPlan(f, APlan(), "manager-b", D("2024-03-02")).ok());
  return f;
}
Finding Rectified() {
  Finding f = Planned();
  EXPECT_TRUE(ReportRectified(f, "worker-c", D("2024-03-20"), "已更换").ok());
  return f;
}
Finding Accepted() {
  Finding f = Rectified();
  EXPECT_TRUE(RecordAcceptance(f, "inspector-a", D("2024-03-22"), AcceptanceOutcome::kPassed).ok());
  return f;
}
Finding Closed() {
  Finding f = Accepted();
  EXPECT_TRUE(Close(f, "inspector-a", D("2024-03-23")).ok());
  return f;
}

// --- codes and labels ------------------------------------------------------------------------------

TEST(CodesTest, EveryCodeRoundTripsAndUnknownCodesAreRefused) {
  for (auto s : {FindingState::kReported, FindingState::kPlanned, FindingState::kRectified, FindingState::kClosed}) {
    EXPECT_EQ(FindingStateFromCode(FindingStateCode(s)), s);
  }
  for (auto g : {HazardGrade::kGeneral, HazardGrade::kMajor}) EXPECT_EQ(HazardGradeFromCode(HazardGradeCode(g)), g);
  for (auto l : {GovernmentLevel::kCounty, GovernmentLevel::kCity, GovernmentLevel::kProvince}) {
    EXPECT_EQ(GovernmentLevelFromCode(GovernmentLevelCode(l)), l);
  }
  for (auto k : {InspectionKind::kSelf, InspectionKind::kGovernment}) {
    EXPECT_EQ(InspectionKindFromCode(InspectionKindCode(k)), k);
  }
  for (auto o : {AcceptanceOutcome::kPassed, AcceptanceOutcome::kFailed}) {
    EXPECT_EQ(AcceptanceOutcomeFromCode(AcceptanceOutcomeCode(o)), o);
  }
  EXPECT_FALSE(FindingStateFromCode("open").has_value());
  EXPECT_FALSE(HazardGradeFromCode("").has_value());
  EXPECT_EQ(FindingStateLabelZh(FindingState::kRectified), "待验收");
  EXPECT_EQ(FindingStateLabelZh(FindingState::kClosed), "已销号");
  EXPECT_EQ(HazardGradeLabelZh(HazardGrade::kMajor), "重大");
  EXPECT_EQ(GovernmentLevelLabelZh(GovernmentLevel::kCity), "市级");
  EXPECT_EQ(InspectionKindLabelZh(InspectionKind::kSelf), "企业自查");
}

// --- inspections -----------------------------------------------------------------------------------

TEST(InspectionTest, ValidAndRefused) {
  Inspection in{"I-1", InspectionKind::kGovernment, "91440101MA59XXXX0X", D("2024-03-01"),
                {"inspector-a", "inspector-d"}, "罐区", "major_hidden_hazard_criteria"};
  EXPECT_TRUE(ValidateInspection(in).ok());
  Inspection none = in;
  none.inspectors.clear();
  EXPECT_THAT(ValidateInspection(none).message(), HasSubstr("inspectors: none named"));
  Inspection blank = in;
  blank.inspectors[1] = " ";
  EXPECT_THAT(ValidateInspection(blank).message(), HasSubstr("inspectors[1]: is empty"));
  Inspection no_list = in;
  no_list.checklist_code.clear();
  EXPECT_THAT(ValidateInspection(no_list).message(), HasSubstr("checklist_code: is empty"));
  EXPECT_EQ(InspectionKindCode(InspectionKind::kSelf), "self");
}

// --- reporting -------------------------------------------------------------------------------------

TEST(ReportFindingTest, GeneralAndMajorAreReported) {
  auto g = ReportFinding(GeneralReport());
  ASSERT_TRUE(g.ok()) << g.status().ToString();
  EXPECT_EQ(g->state, FindingState::kReported);
  auto m = ReportFinding(MajorReport());
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  EXPECT_EQ(m->report.supervision_level, GovernmentLevel::kCity);
}

TEST(ReportFindingTest, MajorNeedsSupervisionAndABasis) {
  FindingReport no_supervision = MajorReport();
  no_supervision.supervision_level.reset();
  EXPECT_THAT(ReportFinding(no_supervision).status().message(), HasSubstr("supervision_level: a major finding"));

  FindingReport no_basis = MajorReport();
  no_basis.major_criterion.reset();
  EXPECT_THAT(ReportFinding(no_basis).status().message(), HasSubstr("legal_basis"));
  no_basis.legal_basis = "GB 50160-2008 §5.2";
  EXPECT_TRUE(ReportFinding(no_basis).ok());
}

TEST(ReportFindingTest, CriterionMakesTheFindingMajorAndMustBeOneToTwenty) {
  FindingReport general_with_criterion = GeneralReport();
  general_with_criterion.major_criterion = 2;
  EXPECT_THAT(ReportFinding(general_with_criterion).status().message(), HasSubstr("grade: a finding under item 2"));

  FindingReport out_of_range = MajorReport();
  out_of_range.major_criterion = 21;
  EXPECT_THAT(ReportFinding(out_of_range).status().message(), HasSubstr("major_criterion: 21"));
  out_of_range.major_criterion = 0;
  EXPECT_FALSE(ReportFinding(out_of_range).ok());
  out_of_range.major_criterion = 20;
  EXPECT_TRUE(ReportFinding(out_of_range).ok());
}

TEST(ReportFindingTest, GeneralIsNotSupervisedAndFieldsAreRequired) {
  FindingReport supervised = GeneralReport();
  supervised.supervision_level = GovernmentLevel::kCounty;
  EXPECT_THAT(ReportFinding(supervised).status().message(), HasSubstr("only major findings"));
  FindingReport no_description = GeneralReport();
  no_description.description = "";
  EXPECT_THAT(ReportFinding(no_description).status().message(), HasSubstr("description: is empty"));
  FindingReport no_finder = GeneralReport();
  no_finder.found_by = "";
  EXPECT_THAT(ReportFinding(no_finder).status().message(), HasSubstr("found_by: is empty"));
  FindingReport blank_photo = GeneralReport();
  blank_photo.photo_ids = {""};
  EXPECT_THAT(ReportFinding(blank_photo).status().message(), HasSubstr("photo_ids[0]: is empty"));
}

// --- plan ------------------------------------------------------------------------------------------

TEST(SubmitPlanTest, ReportedToPlanned) {
  Finding f = Reported();
  ASSERT_TRUE(SubmitPlan(f, APlan(), "manager-b", D("2024-03-02")).ok());
  EXPECT_EQ(f.state, FindingState::kPlanned);
  EXPECT_EQ(f.plan->submitted_by, "manager-b");
  EXPECT_EQ(f.plan->submitted_on, D("2024-03-02"));
}

TEST(SubmitPlanTest, PlanMayBeRevisedWhilePlanned) {
  Finding f = Planned();
  ASSERT_TRUE(SubmitPlan(f, APlan("2024-04-15"), "manager-b", D("2024-03-10")).ok());
  EXPECT_EQ(f.plan->deadline, D("2024-04-15"));
}

TEST(SubmitPlanTest, DeadlineMustBeAfterTheFoundDate) {
  Finding f = Reported();
  Status s = SubmitPlan(f, APlan("2024-03-01"), "manager-b", D("2024-03-01"));
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(s.message(), HasSubstr("plan.deadline: 2024-03-01 is not after the finding's date 2024-03-01"));
  EXPECT_EQ(f.state, FindingState::kReported);
  EXPECT_FALSE(f.plan.has_value());
}

TEST(SubmitPlanTest, IncompletePlansAreRefused) {
  Finding f = Reported();
  Plan no_measures = APlan();
  no_measures.measures.clear();
  EXPECT_THAT(SubmitPlan(f, no_measures, "m", D("2024-03-02")).message(), HasSubstr("plan.measures: none given"));
  Plan negative = APlan();
  negative.funds_yuan = -1;
  EXPECT_THAT(SubmitPlan(f, negative, "m", D("2024-03-02")).message(), HasSubstr("plan.funds_yuan"));
  Plan nan = APlan();
  nan.funds_yuan = std::numeric_limits<double>::quiet_NaN();
  EXPECT_FALSE(SubmitPlan(f, nan, "m", D("2024-03-02")).ok());
  Plan nobody = APlan();
  nobody.responsible_person = "";
  EXPECT_THAT(SubmitPlan(f, nobody, "m", D("2024-03-02")).message(), HasSubstr("plan.responsible_person: is empty"));
  EXPECT_THAT(SubmitPlan(f, APlan(), "", D("2024-03-02")).message(), HasSubstr("plan.submitted_by: is empty"));
  EXPECT_THAT(SubmitPlan(f, APlan(), "m", D("2024-02-28")).message(),
              HasSubstr("plan.submitted_on: 2024-02-28 is before the finding's date 2024-03-01"));
  EXPECT_THAT(SubmitPlan(f, APlan("2024-03-05"), "m", D("2024-03-10")).message(),
              HasSubstr("plan.deadline: 2024-03-05 is before the plan's date 2024-03-10"));
  EXPECT_EQ(f.state, FindingState::kReported);
}

TEST(SubmitPlanTest, RefusedOnceRectified) {
  Finding f = Rectified();
  Status s = SubmitPlan(f, APlan(), "manager-b", D("2024-03-21"));
  EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition);
  EXPECT_THAT(s.message(), HasSubstr("the finding is rectified"));
}

// --- progress and rectification ----------------------------------------------------------------------

TEST(ProgressTest, OnlyWhilePlanned) {
  Finding f = Planned();
  ASSERT_TRUE(AddProgress(f, {D("2024-03-10"), "worker-c", "已采购"}).ok());
  EXPECT_EQ(f.progress.size(), 1u);
  EXPECT_THAT(AddProgress(f, {D("2024-03-10"), "worker-c", ""}).message(), HasSubstr("progress.text: is empty"));
  EXPECT_THAT(AddProgress(f, {D("2024-03-01"), "worker-c", "x"}).message(), HasSubstr("before the plan's date"));
  Finding r = Reported();
  EXPECT_EQ(AddProgress(r, {D("2024-03-10"), "worker-c", "x"}).code(), StatusCode::kFailedPrecondition);
}

TEST(ReportRectifiedTest, PlannedToRectified) {
  Finding f = Planned();
  ASSERT_TRUE(ReportRectified(f, "worker-c", D("2024-03-20")).ok());
  EXPECT_EQ(f.state, FindingState::kRectified);
  EXPECT_EQ(f.rectification->by, "worker-c");
}

TEST(ReportRectifiedTest, NeedsAPlanAndAnActor) {
  Finding f = Reported();
  Status s = ReportRectified(f, "worker-c", D("2024-03-20"));
  EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition);
  EXPECT_THAT(s.message(), HasSubstr("needs state planned, the finding is reported"));
  Finding p = Planned();
  EXPECT_THAT(ReportRectified(p, " ", D("2024-03-20")).message(), HasSubstr("rectification.by: is empty"));
  EXPECT_THAT(ReportRectified(p, "worker-c", D("2024-03-01")).message(),
              HasSubstr("rectification.date: 2024-03-01 is before the plan's date 2024-03-02"));
  Finding r = Rectified();
  EXPECT_EQ(ReportRectified(r, "worker-c", D("2024-03-21")).code(), StatusCode::kFailedPrecondition);
}

// --- acceptance and closure --------------------------------------------------------------------------

TEST(AcceptanceTest, PassedKeepsRectifiedUntilClosure) {
  Finding f = Rectified();
  ASSERT_TRUE(RecordAcceptance(f, "inspector-a", D("2024-03-22"), AcceptanceOutcome::kPassed, "合格").ok());
  EXPECT_EQ(f.state, FindingState::kRectified);
  ASSERT_NE(f.PassedAcceptance(), nullptr);
  EXPECT_EQ(f.PassedAcceptance()->of.by, "worker-c");
  Status again = RecordAcceptance(f, "inspector-d", D("2024-03-23"), AcceptanceOutcome::kPassed);
  EXPECT_EQ(again.code(), StatusCode::kFailedPrecondition);
  EXPECT_THAT(again.message(), HasSubstr("already accepted"));
}

TEST(AcceptanceTest, FailedGoesBackToPlanned) {
  Finding f = Rectified();
  ASSERT_TRUE(RecordAcceptance(f, "inspector-a", D("2024-03-22"), AcceptanceOutcome::kFailed, "报警器未标定").ok());
  EXPECT_EQ(f.state, FindingState::kPlanned);
  EXPECT_FALSE(f.rectification.has_value());
  ASSERT_EQ(f.acceptances.size(), 1u);
  EXPECT_EQ(f.acceptances[0].of.date, D("2024-03-20"));
  // The loop runs again: rectify, accept, close.
  ASSERT_TRUE(ReportRectified(f, "worker-c", D("2024-03-25")).ok());
  ASSERT_TRUE(RecordAcceptance(f, "inspector-a", D("2024-03-26"), AcceptanceOutcome::kPassed).ok());
  ASSERT_TRUE(Close(f, "inspector-a", D("2024-03-26")).ok());
  EXPECT_EQ(f.state, FindingState::kClosed);
  EXPECT_EQ(f.acceptances.size(), 2u);
}

TEST(AcceptanceTest, SamePersonAsTheRectifierIsRefused) {
  Finding f = Rectified();
  Status s = RecordAcceptance(f, "worker-c", D("2024-03-22"), AcceptanceOutcome::kPassed);
  EXPECT_EQ(s.code(), StatusCode::kPermissionDenied);
  EXPECT_THAT(s.message(), HasSubstr("acceptance needs a second person"));
  EXPECT_TRUE(f.acceptances.empty());
}

TEST(AcceptanceTest, RefusedBeforeRectificationOrDatedBeforeIt) {
  Finding p = Planned();
  EXPECT_EQ(RecordAcceptance(p, "inspector-a", D("2024-03-22"), AcceptanceOutcome::kPassed).code(),
            StatusCode::kFailedPrecondition);
  Finding r = Rectified();
  EXPECT_THAT(RecordAcceptance(r, "inspector-a", D("2024-03-19"), AcceptanceOutcome::kPassed).message(),
              HasSubstr("acceptance.date: 2024-03-19 is before the rectification's date 2024-03-20"));
  EXPECT_THAT(RecordAcceptance(r, "", D("2024-03-22"), AcceptanceOutcome::kPassed).message(),
              HasSubstr("acceptance.by: is empty"));
}

TEST(CloseTest, NoClosureWithoutAPassedAcceptance) {
  for (Finding f : {Reported(), Planned(), Rectified()}) {
    Status s = Close(f, "inspector-a", D("2024-03-30"));
    EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition) << FindingStateCode(f.state);
    EXPECT_THAT(s.message(), HasSubstr("closure (销号) needs a passed acceptance"));
    EXPECT_FALSE(f.closure.has_value());
  }
  Finding failed = Rectified();
  ASSERT_TRUE(RecordAcceptance(failed, "inspector-a", D("2024-03-22"), AcceptanceOutcome::kFailed).ok());
  EXPECT_EQ(Close(failed, "inspector-a", D("2024-03-30")).code(), StatusCode::kFailedPrecondition);
}

TEST(CloseTest, AcceptedToClosed) {
  Finding f = Accepted();
  EXPECT_THAT(Close(f, "inspector-a", D("2024-03-21")).message(),
              HasSubstr("closure.date: 2024-03-21 is before the acceptance's date 2024-03-22"));
  ASSERT_TRUE(Close(f, "inspector-a", D("2024-03-23")).ok());
  EXPECT_EQ(f.state, FindingState::kClosed);
  EXPECT_EQ(f.closure->date, D("2024-03-23"));
}

TEST(CloseTest, NothingChangesAfterClosure) {
  Finding f = Closed();
  const Date d = D("2024-04-01");
  std::vector<Status> all = {
      SubmitPlan(f, APlan(), "manager-b", d),
      AddProgress(f, {d, "worker-c", "x"}),
      ReportRectified(f, "worker-c", d),
      RecordAcceptance(f, "inspector-d", d, AcceptanceOutcome::kFailed),
      Close(f, "inspector-a", d),
  };
  for (const Status& s : all) {
    EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition);
    EXPECT_THAT(s.message(), HasSubstr("closed (销号) on 2024-03-23; nothing changes after closure"));
  }
  EXPECT_EQ(f.state, FindingState::kClosed);
  EXPECT_EQ(f.acceptances.size(), 1u);
  EXPECT_TRUE(f.progress.empty());
}

}  // namespace
}  // namespace chemsafe::inspect
