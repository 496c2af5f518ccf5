// The blacklist listing rules at their edges (credit/listing.h): the 3-year period and the 12 months before
// early removal counted as 民法典 Art. 201/202 (first day not counted; the month's last day when there is no
// corresponding day), the day before / on / after each edge, leap days; validation naming the field.
#include "chemsafe/credit/listing.h"

#include <gtest/gtest.h>

namespace chemsafe::credit {
namespace {

Date D(const char* s) { return *Date::Parse(s); }

Listing Sample(const char* decided) {
  Listing l;
  l.uscc = "91440300MA5XXXXXX1";
  l.enterprise_name = "示例化工有限公司（演示）";
  l.reason = "瞒报生产安全事故";
  l.legal_basis = "《安全生产严重失信主体名单管理办法》";
  l.decision_unit = "某市应急管理局";
  l.decided_on = D(decided);
  return l;
}

TEST(ListingTest, ValidationNamesTheMissingField) {
  EXPECT_TRUE(ValidateListing(Sample("2024-01-10")).ok());
  Listing l = Sample("2024-01-10");
  l.legal_basis.clear();
  EXPECT_EQ(ValidateListing(l).message(), "legal_basis: missing");
  l = Sample("2024-01-10");
  l.reason.clear();
  EXPECT_EQ(ValidateListing(l).message(), "reason: missing");
  l = Sample("2024-01-10");
  l.decision_unit.clear();
  EXPECT_EQ(ValidateListing(l).message(), "decision_unit: missing");
  l = Sample("2024-01-10");
  l.decided_on = Date{};
  EXPECT_EQ(ValidateListing(l).message(), "decided_on: missing");
}

TEST(ListingTest, ThreeYearPeriodEdges) {
  const Listing l = Sample("2024-01-10");
  EXPECT_EQ(PeriodLastDay(l), D("2027-01-10"));
  EXPECT_EQ(EndsOn(l), D("2027-01-11"));
  EXPECT_FALSE(InForceOn(l, D("2024-01-09"))) << "before the decision";
  EXPECT_TRUE(InForceOn(l, D("2024-01-10")));
  EXPECT_TRUE(InForceOn(l, D("2027-01-09")));
  EXPECT_TRUE(InForceOn(l, D("2027-01-10"))) << "the last day";
  EXPECT_FALSE(InForceOn(l, D("2027-01-11")));
}

TEST(ListingTest, LeapDayDecisionEndsOnTheMonthsLastDay) {
  const Listing l = Sample("2024-02-29");
  EXPECT_EQ(PeriodLastDay(l), D("2027-02-28"));
  EXPECT_TRUE(InForceOn(l, D("2027-02-28")));
  EXPECT_FALSE(InForceOn(l, D("2027-03-01")));
  EXPECT_EQ(EarlyRemovalFrom(l), D("2025-03-01")) << "12 months end on 2025-02-28";
  // A decision on 2025-02-28 reaches the leap day 2028-02-28 (the corresponding day exists).
  EXPECT_EQ(PeriodLastDay(Sample("2025-02-28")), D("2028-02-28"));
  EXPECT_EQ(AddMonths(D("2024-01-31"), 1), D("2024-02-29"));
  EXPECT_EQ(AddMonths(D("2023-01-31"), 1), D("2023-02-28"));
}

TEST(ListingTest, EarlyRemovalAfterTwelveMonthsWithRepair) {
  Listing l = Sample("2024-01-10");
  EXPECT_EQ(EarlyRemovalFrom(l), D("2025-01-11"));
  EXPECT_EQ(CheckRepairApplication(l, D("2025-01-10")).code(), StatusCode::kFailedPrecondition) << "day before";
  EXPECT_TRUE(CheckRepairApplication(l, D("2025-01-11")).ok()) << "on the day";
  EXPECT_TRUE(CheckRepairApplication(l, D("2025-01-12")).ok()) << "day after";
  EXPECT_EQ(CheckRemoval(l, RemovalKind::kEarly, D("2025-02-01")).code(), StatusCode::kFailedPrecondition)
      << "no repair application";
  l.repair.decision = RepairDecision::kPending;
  l.repair.applied_on = D("2025-01-11");
  EXPECT_EQ(CheckRepairApplication(l, D("2025-01-12")).code(), StatusCode::kFailedPrecondition) << "one pending";
  EXPECT_EQ(CheckRemoval(l, RemovalKind::kEarly, D("2025-01-10")).code(), StatusCode::kFailedPrecondition);
  EXPECT_TRUE(CheckRemoval(l, RemovalKind::kEarly, D("2025-01-11")).ok());
  l.removal = RemovalKind::kEarly;
  l.removed_on = D("2025-02-01");
  EXPECT_EQ(EndsOn(l), D("2025-02-01"));
  EXPECT_TRUE(InForceOn(l, D("2025-01-31")));
  EXPECT_FALSE(InForceOn(l, D("2025-02-01")));
  EXPECT_EQ(CheckRemoval(l, RemovalKind::kRevoked, D("2025-03-01")).code(), StatusCode::kFailedPrecondition)
      << "already removed";
  EXPECT_EQ(CheckRepairApplication(l, D("2025-03-01")).code(), StatusCode::kFailedPrecondition) << "not in force";
}

TEST(ListingTest, ExpiryOnlyAfterTheLastDay) {
  const Listing l = Sample("2024-01-10");
  EXPECT_EQ(CheckRemoval(l, RemovalKind::kExpired, D("2027-01-10")).code(), StatusCode::kFailedPrecondition);
  EXPECT_TRUE(CheckRemoval(l, RemovalKind::kExpired, D("2027-01-11")).ok());
  EXPECT_TRUE(CheckRemoval(l, RemovalKind::kRevoked, D("2024-01-10")).ok());
  EXPECT_EQ(CheckRemoval(l, RemovalKind::kRevoked, D("2024-01-09")).code(), StatusCode::kFailedPrecondition);
}

TEST(ListingTest, PublishedOnlyWhenPublishAndInForce) {
  Listing l = Sample("2024-01-10");
  EXPECT_TRUE(PublishedOn(l, D("2025-06-01")));
  EXPECT_FALSE(PublishedOn(l, D("2027-01-11")));
  l.publish = false;
  EXPECT_FALSE(PublishedOn(l, D("2025-06-01")));
}

TEST(ListingTest, CodesRoundTrip) {
  for (RemovalKind k : {RemovalKind::kExpired, RemovalKind::kEarly, RemovalKind::kRevoked}) {
    EXPECT_EQ(RemovalKindFromCode(RemovalKindCode(k)), k);
  }
  EXPECT_FALSE(RemovalKindFromCode("gone").has_value());
  EXPECT_EQ(RepairDecisionFromCode("approved"), RepairDecision::kApproved);
  EXPECT_FALSE(RepairDecisionFromCode("maybe").has_value());
}

}  // namespace
}  // namespace chemsafe::credit
