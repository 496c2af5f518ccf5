// Insurance cover on a date (credit/insurance.h): the state at the edges of the validity and of the
// expiring window (default 30 days), and the enterprises without cover.
#include "chemsafe/credit/insurance.h"

#include <gtest/gtest.h>

namespace chemsafe::credit {
namespace {

Date D(const char* s) { return *Date::Parse(s); }

Policy Sample() {
  Policy p;
  p.enterprise_uscc = "A";
  p.insurer = "某保险公司";
  p.policy_no = "P-1";
  p.valid_from = D("2026-01-01");
  p.valid_to = D("2026-12-31");
  p.insured_amount_fen = 100'000'000;
  p.persons_covered = 50;
  return p;
}

TEST(InsuranceTest, StateAtTheEdges) {
  const Policy p = Sample();
  EXPECT_EQ(PolicyStateOn(p, D("2025-12-31")), PolicyState::kNotYetValid);
  EXPECT_EQ(PolicyStateOn(p, D("2026-01-01")), PolicyState::kValid);
  EXPECT_EQ(PolicyStateOn(p, D("2026-11-30")), PolicyState::kValid) << "31 days left";
  EXPECT_EQ(PolicyStateOn(p, D("2026-12-01")), PolicyState::kExpiring) << "30 days left";
  EXPECT_EQ(PolicyStateOn(p, D("2026-12-31")), PolicyState::kExpiring) << "the last day";
  EXPECT_EQ(PolicyStateOn(p, D("2027-01-01")), PolicyState::kExpired);
  EXPECT_EQ(PolicyStateOn(p, D("2026-12-21"), {.expiring_within_days = 9}), PolicyState::kValid);
  EXPECT_EQ(PolicyStateOn(p, D("2026-12-22"), {.expiring_within_days = 9}), PolicyState::kExpiring);
}

TEST(InsuranceTest, LeapYearCountsTheLeapDay) {
  Policy p = Sample();
  p.valid_from = D("2028-01-01");
  p.valid_to = D("2028-03-30");
  EXPECT_EQ(PolicyStateOn(p, D("2028-02-28")), PolicyState::kValid) << "31 days left (29 Feb counted)";
  EXPECT_EQ(PolicyStateOn(p, D("2028-02-29")), PolicyState::kExpiring);
}

TEST(InsuranceTest, ValidationNamesTheField) {
  EXPECT_TRUE(ValidatePolicy(Sample()).ok());
  Policy p = Sample();
  p.valid_to = D("2025-12-31");
  EXPECT_EQ(ValidatePolicy(p).code(), StatusCode::kInvalidArgument);
  EXPECT_NE(ValidatePolicy(p).message().find("valid_to"), std::string::npos);
  p = Sample();
  p.insured_amount_fen = 0;
  EXPECT_EQ(ValidatePolicy(p).message(), "insured_amount_fen: must be positive");
  p = Sample();
  p.policy_no.clear();
  EXPECT_EQ(ValidatePolicy(p).message(), "policy_no: missing");
}

TEST(InsuranceTest, MissingCoverListsEnterprisesWithoutAValidPolicy) {
  Policy a = Sample();
  Policy b_old = Sample();
  b_old.enterprise_uscc = "B";
  b_old.valid_to = D("2026-06-30");
  Policy c_future = Sample();
  c_future.enterprise_uscc = "C";
  c_future.valid_from = D("2026-08-01");
  const std::vector<std::string> usccs = {"A", "B", "C", "D", "B"};
  EXPECT_EQ(MissingCover(usccs, {a, b_old, c_future}, D("2026-07-01")), (std::vector<std::string>{"B", "C", "D"}));
  EXPECT_EQ(MissingCover(usccs, {a, b_old, c_future}, D("2026-06-30")), (std::vector<std::string>{"C", "D"}));
}

}  // namespace
}  // namespace chemsafe::credit
