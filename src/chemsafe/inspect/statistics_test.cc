// Tests of finding statistics on a small hand-built set; expected numbers counted by hand (see the table
// in BuildSet). Rates are exact ratios of small integers, compared with EXPECT_DOUBLE_EQ (4 ULP).
#include "chemsafe/inspect/statistics.h"

#include <gtest/gtest.h>

namespace chemsafe::inspect {
namespace {

Date D(const char* iso) { return Date::Parse(iso).value(); }

FindingReport Report(const char* id, const char* division, const char* sector, const char* found,
                     std::optional<int> criterion, bool major) {
  FindingReport r;
  r.id = id;
  r.enterprise_uscc = "91440101MA59XXXX0X";
  r.division_code = division;
  r.sector = sector;
  r.description = "隐患";
  r.found_date = D(found);
  r.found_by = "inspector-a";
  r.major_criterion = criterion;
  if (major) {
    r.grade = HazardGrade::kMajor;
    r.supervision_level = GovernmentLevel::kCity;
    r.legal_basis = "GB 50160-2008";
  }
  return r;
}

void SubmitTestPlan(Finding& f, const char* deadline) {
  Plan p;
  p.measures = {"整改"};
  p.responsible_person = "manager-b";
  p.deadline = D(deadline);
  ASSERT_TRUE(SubmitPlan(f, p, "manager-b", f.report.found_date).ok());
}

void CloseOn(Finding& f, const char* day) {
  ASSERT_TRUE(ReportRectified(f, "worker-c", D(day)).ok());
  ASSERT_TRUE(RecordAcceptance(f, "inspector-a", D(day), AcceptanceOutcome::kPassed).ok());
  ASSERT_TRUE(Close(f, "inspector-a", D(day)).ok());
}

//   id  division sector found       criterion grade   state      deadline   closed
//   A   440112   化工   2024-03-01  -         general closed     2024-03-31 2024-03-23 (on time)
//   B   440112   化工   2024-03-01  12        major   closed     2024-03-10 2024-03-23 (late)
//   C   440113   仓储   2024-04-05  -         general planned    2024-04-30
//   D   440305   化工   2024-04-10  12        major   reported
//   E   440305   仓储   2024-04-11  -         major   rectified  2024-05-01
std::vector<Finding> BuildSet() {
  std::vector<Finding> v;
  v.push_back(ReportFinding(Report("A", "440112", "化工", "2024-03-01", std::nullopt, false)).value());
  SubmitTestPlan(v.back(), "2024-03-31");
  CloseOn(v.back(), "2024-03-23");
  v.push_back(ReportFinding(Report("B", "440112", "化工", "2024-03-01", 12, true)).value());
  SubmitTestPlan(v.back(), "2024-03-10");
  CloseOn(v.back(), "2024-03-23");
  v.push_back(ReportFinding(Report("C", "440113", "仓储", "2024-04-05", std::nullopt, false)).value());
  SubmitTestPlan(v.back(), "2024-04-30");
  v.push_back(ReportFinding(Report("D", "440305", "化工", "2024-04-10", 12, true)).value());
  v.push_back(ReportFinding(Report("E", "440305", "仓储", "2024-04-11", std::nullopt, true)).value());
  SubmitTestPlan(v.back(), "2024-05-01");
  EXPECT_TRUE(ReportRectified(v.back(), "worker-c", D("2024-04-20")).ok());
  return v;
}

TEST(StatisticsTest, AllFindings) {
  FindingCounts c = CountAll(BuildSet());
  EXPECT_EQ(c.key, "");
  EXPECT_EQ(c.total, 5);
  EXPECT_EQ(c.reported, 1);
  EXPECT_EQ(c.planned, 1);
  EXPECT_EQ(c.rectified, 1);
  EXPECT_EQ(c.closed, 2);
  EXPECT_EQ(c.general, 2);
  EXPECT_EQ(c.major, 3);
  EXPECT_EQ(c.closed_on_time, 1);
  EXPECT_DOUBLE_EQ(c.rectification_rate.value(), 2.0 / 5.0);
  EXPECT_DOUBLE_EQ(c.on_time_rate.value(), 1.0 / 2.0);
}

TEST(StatisticsTest, ByDivision) {
  auto rows = CountFindings(BuildSet(), GroupBy::kDivision);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].key, "440112");
  EXPECT_EQ(rows[0].total, 2);
  EXPECT_EQ(rows[0].closed, 2);
  EXPECT_EQ(rows[0].general, 1);
  EXPECT_EQ(rows[0].major, 1);
  EXPECT_DOUBLE_EQ(rows[0].rectification_rate.value(), 1.0);
  EXPECT_DOUBLE_EQ(rows[0].on_time_rate.value(), 0.5);
  EXPECT_EQ(rows[1].key, "440113");
  EXPECT_EQ(rows[1].planned, 1);
  EXPECT_DOUBLE_EQ(rows[1].rectification_rate.value(), 0.0);
  EXPECT_FALSE(rows[1].on_time_rate.has_value());  // nothing closed
  EXPECT_EQ(rows[2].key, "440305");
  EXPECT_EQ(rows[2].reported, 1);
  EXPECT_EQ(rows[2].rectified, 1);
  EXPECT_EQ(rows[2].major, 2);
  EXPECT_FALSE(rows[2].on_time_rate.has_value());
}

TEST(StatisticsTest, ByCity) {
  auto rows = CountFindings(BuildSet(), GroupBy::kCity);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].key, "440100");
  EXPECT_EQ(rows[0].total, 3);
  EXPECT_DOUBLE_EQ(rows[0].rectification_rate.value(), 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(rows[0].on_time_rate.value(), 0.5);
  EXPECT_EQ(rows[1].key, "440300");
  EXPECT_EQ(rows[1].total, 2);
}

TEST(StatisticsTest, ByCriterion) {
  auto rows = CountFindings(BuildSet(), GroupBy::kCriterion);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].key, "");  // A, C, E
  EXPECT_EQ(rows[0].total, 3);
  EXPECT_DOUBLE_EQ(rows[0].rectification_rate.value(), 1.0 / 3.0);
  EXPECT_DOUBLE_EQ(rows[0].on_time_rate.value(), 1.0);
  EXPECT_EQ(rows[1].key, "12");  // B, D
  EXPECT_EQ(rows[1].total, 2);
  EXPECT_EQ(rows[1].major, 2);
  EXPECT_DOUBLE_EQ(rows[1].rectification_rate.value(), 0.5);
  EXPECT_DOUBLE_EQ(rows[1].on_time_rate.value(), 0.0);  // B closed after its deadline
}

TEST(StatisticsTest, ByMonthAndSector) {
  auto months = CountFindings(BuildSet(), GroupBy::kMonth);
  ASSERT_EQ(months.size(), 2u);
  EXPECT_EQ(months[0].key, "2024-03");
  EXPECT_EQ(months[0].total, 2);
  EXPECT_EQ(months[1].key, "2024-04");
  EXPECT_EQ(months[1].total, 3);
  EXPECT_DOUBLE_EQ(months[1].rectification_rate.value(), 0.0);

  auto sectors = CountFindings(BuildSet(), GroupBy::kSector);
  ASSERT_EQ(sectors.size(), 2u);
  EXPECT_EQ(sectors[0].key, "仓储");  // U+4ED3 sorts before 化 U+5316 in UTF-8 byte order
  EXPECT_EQ(sectors[0].total, 2);
  EXPECT_EQ(sectors[1].key, "化工");
  EXPECT_EQ(sectors[1].total, 3);
  EXPECT_DOUBLE_EQ(sectors[1].rectification_rate.value(), 2.0 / 3.0);
}

TEST(StatisticsTest, NoFindingsHaveNoRates) {
  FindingCounts c = CountAll({});
  EXPECT_EQ(c.total, 0);
  EXPECT_FALSE(c.rectification_rate.has_value());
  EXPECT_FALSE(c.on_time_rate.has_value());
  EXPECT_TRUE(CountFindings({}, GroupBy::kMonth).empty());
}

}  // namespace
}  // namespace chemsafe::inspect
