// Tests of overdue findings and escalation at each threshold edge (defaults: plan within 15 days;
// 1 day overdue → supervising level, 30 → one level up, 60 → province; calendar days).
#include "chemsafe/inspect/overdue.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace chemsafe::inspect {
namespace {

using ::testing::HasSubstr;

Date D(const char* iso) { return Date::Parse(iso).value(); }

Finding Reported(std::optional<GovernmentLevel> supervision = std::nullopt) {
  FindingReport r;
  r.id = "F-1";
  r.enterprise_uscc = "91440101MA59XXXX0X";
  r.description = "静电接地失效";
  r.found_date = D("2024-03-01");
  r.found_by = "inspector-a";
  if (supervision) {
    r.grade = HazardGrade::kMajor;
    r.major_criterion = 15;
    r.supervision_level = supervision;
  }
  return ReportFinding(r).value();
}

Finding Planned(std::optional<GovernmentLevel> supervision = std::nullopt) {
  Finding f = Reported(supervision);
  Plan p;
  p.measures = {"修复接地"};
  p.responsible_person = "manager-b";
  p.deadline = D("2024-03-31");
  EXPECT_TRUE(SubmitPlan(f, p, "manager-b", D("2024-03-02")).ok());
  return f;
}

OverdueAssessment On(const Finding& f, const char* day, const EscalationRules& rules = {}) {
  auto a = AssessOverdue(f, D(day), rules);
  EXPECT_TRUE(a.ok()) << a.status().ToString();
  return a.ok() ? *a : OverdueAssessment{};
}

TEST(OverdueTest, UnplannedFindingIsOverdueAfterPlanWithinDays) {
  Finding f = Reported();
  OverdueAssessment last_day = On(f, "2024-03-16");  // found 03-01 + 15 days
  EXPECT_EQ(last_day.due, D("2024-03-16"));
  EXPECT_FALSE(last_day.overdue());
  EXPECT_FALSE(last_day.escalation.has_value());
  OverdueAssessment next = On(f, "2024-03-17");
  EXPECT_TRUE(next.overdue());
  EXPECT_EQ(next.days_overdue, 1);
  EXPECT_EQ(next.reason, OverdueReason::kNoPlan);
  EXPECT_EQ(next.escalation, GovernmentLevel::kCounty);  // general: the county
}

TEST(OverdueTest, GeneralFindingEscalatesAtEachEdge) {
  Finding f = Planned();  // deadline 2024-03-31
  EXPECT_FALSE(On(f, "2024-03-31").overdue());
  EXPECT_EQ(On(f, "2024-04-01").days_overdue, 1);
  EXPECT_EQ(On(f, "2024-04-01").reason, OverdueReason::kPastDeadline);
  EXPECT_EQ(On(f, "2024-04-01").escalation, GovernmentLevel::kCounty);   // 1
  EXPECT_EQ(On(f, "2024-04-29").escalation, GovernmentLevel::kCounty);   // 29
  EXPECT_EQ(On(f, "2024-04-30").days_overdue, 30);
  EXPECT_EQ(On(f, "2024-04-30").escalation, GovernmentLevel::kCity);     // 30
  EXPECT_EQ(On(f, "2024-05-29").escalation, GovernmentLevel::kCity);     // 59
  EXPECT_EQ(On(f, "2024-05-30").days_overdue, 60);
  EXPECT_EQ(On(f, "2024-05-30").escalation, GovernmentLevel::kProvince); // 60
}

TEST(OverdueTest, MajorFindingStartsAtItsSupervisingLevel) {
  Finding f = Planned(GovernmentLevel::kCity);
  EXPECT_EQ(On(f, "2024-04-01").escalation, GovernmentLevel::kCity);      // 1
  EXPECT_EQ(On(f, "2024-04-29").escalation, GovernmentLevel::kCity);      // 29
  EXPECT_EQ(On(f, "2024-04-30").escalation, GovernmentLevel::kProvince);  // 30: one up from city
  Finding p = Planned(GovernmentLevel::kProvince);
  EXPECT_EQ(On(p, "2024-04-30").escalation, GovernmentLevel::kProvince);  // no level above
}

TEST(OverdueTest, RectifiedAndClosedFindingsAreNotOverdue) {
  Finding f = Planned();
  ASSERT_TRUE(ReportRectified(f, "worker-c", D("2024-04-10")).ok());
  OverdueAssessment a = On(f, "2024-06-01");
  EXPECT_FALSE(a.overdue());
  EXPECT_FALSE(a.due.has_value());
  ASSERT_TRUE(RecordAcceptance(f, "inspector-a", D("2024-04-11"), AcceptanceOutcome::kPassed).ok());
  ASSERT_TRUE(Close(f, "inspector-a", D("2024-04-11")).ok());
  EXPECT_FALSE(On(f, "2024-06-01").overdue());
}

TEST(OverdueTest, FailedAcceptanceMakesThePlanCountAgain) {
  Finding f = Planned();
  ASSERT_TRUE(ReportRectified(f, "worker-c", D("2024-03-30")).ok());
  ASSERT_TRUE(RecordAcceptance(f, "inspector-a", D("2024-04-05"), AcceptanceOutcome::kFailed).ok());
  EXPECT_EQ(On(f, "2024-04-05").days_overdue, 5);
}

TEST(OverdueTest, CustomThresholdsAndInvalidRules) {
  EscalationRules rules;
  rules.supervising_level_after_days = 3;
  rules.one_level_up_after_days = 10;
  rules.province_after_days = 20;
  Finding f = Planned();
  EXPECT_TRUE(On(f, "2024-04-02", rules).overdue());
  EXPECT_FALSE(On(f, "2024-04-02", rules).escalation.has_value());       // 2 < 3
  EXPECT_EQ(On(f, "2024-04-03", rules).escalation, GovernmentLevel::kCounty);
  EXPECT_EQ(On(f, "2024-04-10", rules).escalation, GovernmentLevel::kCity);
  EXPECT_EQ(On(f, "2024-04-20", rules).escalation, GovernmentLevel::kProvince);

  EscalationRules bad;
  bad.province_after_days = 20;  // below one_level_up_after_days 30
  auto a = AssessOverdue(f, D("2024-04-20"), bad);
  ASSERT_FALSE(a.ok());
  EXPECT_THAT(a.status().message(), HasSubstr("rules.province_after_days: 20 is less than one_level_up_after_days 30"));
  EscalationRules zero;
  zero.plan_within_days = 0;
  EXPECT_FALSE(ValidateEscalationRules(zero).ok());
}

}  // namespace
}  // namespace chemsafe::inspect
