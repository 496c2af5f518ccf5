#include "chemsafe/store/internal/timestamp.h"

#include <gtest/gtest.h>

namespace chemsafe::store::internal {
namespace {

std::string Norm(std::string_view t) {
  auto r = NormaliseInstant(t);
  return r.ok() ? *r : "error: " + r.status().message();
}

TEST(Timestamp, NormalisesOffsetsToUtc) {
  EXPECT_EQ(Norm("2024-03-01T00:00:00+08:00"), "2024-02-29T16:00:00.000000Z");  // 2024 is a leap year
  EXPECT_EQ(Norm("2024-03-01T00:00:00Z"), "2024-03-01T00:00:00.000000Z");
  EXPECT_EQ(Norm("2024-03-01 07:30:15.25-05:30"), "2024-03-01T13:00:15.250000Z");
  EXPECT_EQ(Norm("2024-03-01T07:30+0100"), "2024-03-01T06:30:00.000000Z");
  EXPECT_EQ(Norm("1970-01-01T00:00:00.1234567Z"), "1970-01-01T00:00:00.123456Z");  // truncated to µs
  EXPECT_EQ(Norm("1969-12-31T23:59:59.5Z"), "1969-12-31T23:59:59.500000Z");
}

TEST(Timestamp, WithoutOffsetMeansShanghaiTime) {
  EXPECT_EQ(Norm("2024-01-01"), "2023-12-31T16:00:00.000000Z");
  EXPECT_EQ(Norm("2024-01-01T08:00:00"), "2024-01-01T00:00:00.000000Z");
}

TEST(Timestamp, RejectsWhatIsNotAnInstant) {
  for (const char* bad : {"", "2024", "2024-02-30", "2023-02-29", "2024-13-01", "2024-01-01T24:00",
                          "2024-01-01T10", "2024-01-01T10:00:00+8", "2024-01-01T10:00:00+08:00x", "yesterday",
                          "2024-01-01T10:00:00.Z"}) {
    EXPECT_FALSE(NormaliseInstant(bad).ok()) << bad;
  }
  EXPECT_EQ(NormaliseInstant("2024-02-30").status().code(), StatusCode::kInvalidArgument);
}

TEST(Timestamp, AsOfADateEndsAtShanghaiMidnight) {
  EXPECT_EQ(*AsOfBound("2024-02-29"), "2024-02-29T16:00:00.000000Z");  // = 2024-03-01T00:00+08:00
  EXPECT_EQ(*AsOfBound("2024-12-31"), "2024-12-31T16:00:00.000000Z");
  EXPECT_EQ(*AsOfBound("2024-02-29T12:00:00Z"), "2024-02-29T12:00:00.000001Z");
}

TEST(Timestamp, TextOrderIsTimeOrder) {
  EXPECT_LT(Norm("2024-01-01T23:00:00+08:00"), Norm("2024-01-01T16:00:00Z"));
  EXPECT_LT(Norm("0999-01-01T00:00:00Z"), Norm("2024-01-01T00:00:00Z"));
}

}  // namespace
}  // namespace chemsafe::store::internal
