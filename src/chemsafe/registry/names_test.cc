#include "chemsafe/registry/names.h"

#include <gtest/gtest.h>

namespace chemsafe::registry {
namespace {

TEST(NamesTest, EveryValueRoundTripsThroughItsChineseName) {
  for (int i = 1; i <= 6; ++i) {
    auto a = static_cast<Activity>(i);
    EXPECT_EQ(ParseActivity(ActivityName(a)), a);
  }
  for (int i = 1; i <= 8; ++i) {
    auto s = static_cast<Sector>(i);
    EXPECT_EQ(ParseSector(SectorName(s)), s);
  }
  for (int i = 1; i <= 4; ++i) {
    auto s = static_cast<PhysicalState>(i);
    EXPECT_EQ(ParsePhysicalState(PhysicalStateName(s)), s);
  }
  for (int i = 1; i <= 5; ++i) {
    auto c = static_cast<TargetClass>(i);
    EXPECT_EQ(ParseTargetClass(TargetClassName(c)), c);
  }
  EXPECT_EQ(ParseUnitKind(UnitKindName(UnitKind::kProduction)), UnitKind::kProduction);
  EXPECT_EQ(ParseProvenance(ProvenanceName(Provenance::kSynthetic)), Provenance::kSynthetic);
}

TEST(NamesTest, AcceptsVariantsAndEnglishAndRejectsUnknown) {
  EXPECT_EQ(ParseUnitKind(" 储存 "), UnitKind::kStorage);
  EXPECT_EQ(ParseUnitKind("Storage"), UnitKind::kStorage);
  EXPECT_EQ(ParsePhysicalState("液体"), PhysicalState::kLiquid);
  EXPECT_EQ(ParseTargetClass("一类"), TargetClass::kGeneral1);
  EXPECT_EQ(ParseSector("\xE3\x80\x80加油站"), Sector::kFuelStation);
  EXPECT_EQ(ParseSector("钢铁"), std::nullopt);
  EXPECT_EQ(ParseActivity(""), std::nullopt);
}

}  // namespace
}  // namespace chemsafe::registry
