// Tests of GB 18218-2018 identification and grading against the shipped tables and catalogue. Expected
// values are computed by hand from the standard's formulas (1) and (2) and its Tables 1-6, as noted.
#include "chemsafe/hazard/identify.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <stdexcept>

#include "chemsafe/reference/catalogue_files.h"
#include "chemsafe/reference/gb18218_files.h"

namespace chemsafe::hazard {
namespace {

using ::testing::HasSubstr;

class IdentifyTest : public ::testing::Test {
 protected:
  // Loaded once for the whole binary (the rapidcheck fixture does not run SetUpTestSuite).
  static const catalogue::Catalogue& Shipped() {
    static const catalogue::Catalogue* c = [] {
      auto loaded = reference::LoadCatalogue(CHEMSAFE_TEST_DATA_DIR);
      if (!loaded.ok()) throw std::runtime_error(loaded.status().ToString());
      return new catalogue::Catalogue(std::move(loaded).value());
    }();
    return *c;
  }
  static HoldingInput Cas(std::string cas, double q) {
    HoldingInput h;
    h.label = "h";
    h.cas = std::move(cas);
    h.quantity_t = q;
    return h;
  }
  static Result<Assessment> Assess(std::vector<HoldingInput> holdings, int people = 0) {
    UnitInput u;
    u.id = "T";
    u.exposed_population_500m = people;
    u.holdings = std::move(holdings);
    return AssessUnit(u, Shipped(), Shipped().gb18218());
  }
};

// Chlorine 7782-50-5: Table 1 序号 12, Q = 5 t; Table 3 β = 4. 3 t with 120 people: S = 0.6, not a major
// hazard; R = 2.0 × 4 × 0.6 = 4.8.
TEST_F(IdentifyTest, ChlorineBelowItsCriticalQuantity) {
  auto a = Assess({Cas("7782-50-5", 3.0)}, 120);
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_FALSE(a->major_hazard);
  EXPECT_FALSE(a->grade.has_value());
  EXPECT_NEAR(a->sum_ratio, 0.6, 1e-12);
  EXPECT_DOUBLE_EQ(a->alpha, 2.0);
  EXPECT_NEAR(a->r, 4.8, 1e-12);
  ASSERT_EQ(a->contributions.size(), 1u);
  EXPECT_EQ(a->contributions[0].basis, "table1");
  EXPECT_EQ(a->contributions[0].beta_source, "table3");
  EXPECT_EQ(a->contributions[0].table1_seq, 12);
}

// 5 t of chlorine: S = 1 exactly, a major hazard; R = 1.0 (1 person) × 4 × 1 = 4 → grade 4.
TEST_F(IdentifyTest, SExactlyOneIsAMajorHazard) {
  auto a = Assess({Cas("7782-50-5", 5.0)}, 1);
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_TRUE(a->major_hazard);
  EXPECT_EQ(a->grade, 4);
  EXPECT_NEAR(a->r, 4.0, 1e-12);
}

// Three decimal ratios that sum to 1 in decimal: 0.1 + 0.2 + 0.7 of chlorine's 5 t.
TEST_F(IdentifyTest, DecimalRatiosSummingToOneCountAsOne) {
  auto a = Assess({Cas("7782-50-5", 0.5), Cas("7782-50-5", 1.0), Cas("7782-50-5", 3.5)}, 0);
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_TRUE(a->major_hazard);
}

// Methyl isobutyl ketone 108-10-1 is not in Table 1: given W5.3, Q = 1000 t (Table 2), β = 1 (Table 4).
TEST_F(IdentifyTest, GivenCategoryUsesTable2AndTable4) {
  HoldingInput h = Cas("108-10-1", 1500);
  h.category = "W5.3";
  auto a = Assess({h}, 30);
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_NEAR(a->sum_ratio, 1.5, 1e-12);
  EXPECT_DOUBLE_EQ(a->alpha, 1.2);  // 30-49 people
  EXPECT_NEAR(a->r, 1.8, 1e-12);    // 1.2 × 1 × 1.5
  EXPECT_EQ(a->contributions[0].basis, "table2");
  EXPECT_EQ(a->contributions[0].beta_source, "table4");
}

// Sodium cyanide 143-33-9 (not in Table 1): 急性毒性-经口,类别2 of a solid → J5 (500 t)… and its class 1
// dermal toxicity → J2 (50 t): the lowest Q, 50 t, applies (GB 18218-2018 §4.2.1).
TEST_F(IdentifyTest, SeveralDerivedCategoriesTakeTheLowestQ) {
  HoldingInput h = Cas("143-33-9", 25);
  h.state = registry::PhysicalState::kSolid;
  auto a = Assess({h}, 0);
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  const Contribution& c = a->contributions[0];
  EXPECT_EQ(c.basis, "table2");
  EXPECT_EQ(c.category, "J2");
  EXPECT_DOUBLE_EQ(c.critical_quantity_t, 50);
  EXPECT_DOUBLE_EQ(c.beta, 1);
}

// LPG by volume: 400 m³ × 0.55 t/m³ = 220 t; Table 1 液化石油气 Q = 50 t; β from W2 = 1.5.
TEST_F(IdentifyTest, VolumeTimesDensity) {
  HoldingInput h;
  h.label = "lpg";
  h.name = "液化石油气";
  h.volume_m3 = 400;
  h.density_t_m3 = 0.55;
  auto a = Assess({h}, 100);
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  const Contribution& c = a->contributions[0];
  EXPECT_NEAR(c.quantity_t, 220, 1e-9);
  EXPECT_EQ(c.quantity_from, "volume×density");
  EXPECT_DOUBLE_EQ(c.critical_quantity_t, 50);
  EXPECT_EQ(c.basis, "table1");
  EXPECT_DOUBLE_EQ(c.beta, 1.5);
  EXPECT_NEAR(a->r, 2.0 * 1.5 * 4.4, 1e-9);  // 13.2 → grade 3
  EXPECT_EQ(a->grade, 3);
}

TEST_F(IdentifyTest, AmmoniumNitrateNeedsTheRowName) {
  auto a = Assess({Cas("6484-52-2", 10)});
  ASSERT_FALSE(a.ok());
  EXPECT_THAT(a.status().message(), HasSubstr("several GB 18218-2018 Table 1 rows"));
}

TEST_F(IdentifyTest, ErrorsNameTheHolding) {
  HoldingInput neg = Cas("7782-50-5", -1);
  neg.label = "units[0].holdings[1]";
  auto a = Assess({neg});
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(a.status().message(), "units[0].holdings[1].quantity_t: must be a positive number");
  HoldingInput unknown;
  unknown.label = "units[0].holdings[0]";
  unknown.name = "不存在的物质";
  unknown.quantity_t = 1;
  auto b = Assess({unknown});
  ASSERT_FALSE(b.ok());
  EXPECT_THAT(b.status().message(), HasSubstr("units[0].holdings[0]"));
  HoldingInput bad_category = Cas("108-10-1", 1);
  bad_category.category = "W99";
  EXPECT_FALSE(Assess({bad_category}).ok());
}

// The resolution cache (for runs over the whole registry) changes nothing but the speed: the same
// contributions, and errors naming the holding they concern, not the first one that met the problem.
TEST_F(IdentifyTest, CacheGivesTheSameResults) {
  ResolutionCache cache;
  UnitInput u;
  u.id = "U";
  u.exposed_population_500m = 60;
  u.holdings = {Cas("7782-50-5", 3), Cas("67-56-1", 800), Cas("143-33-9", 10)};
  u.holdings[2].state = registry::PhysicalState::kSolid;
  for (int round = 0; round < 2; ++round) {
    auto plain = AssessUnit(u, Shipped(), Shipped().gb18218());
    auto cached = AssessUnit(u, Shipped(), Shipped().gb18218(), &cache);
    ASSERT_TRUE(plain.ok() && cached.ok());
    ASSERT_EQ(plain->contributions.size(), cached->contributions.size());
    for (size_t i = 0; i < plain->contributions.size(); ++i) {
      EXPECT_EQ(plain->contributions[i].derivation, cached->contributions[i].derivation);
      EXPECT_EQ(plain->contributions[i].ratio, cached->contributions[i].ratio);
    }
    EXPECT_EQ(plain->r, cached->r);
  }
  HoldingInput a = Cas("6484-52-2", 1);
  a.label = "first";
  HoldingInput b = Cas("6484-52-2", 2);
  b.label = "second";
  UnitInput ua{"A", 0, QuantityBasis::kDesignMaximum, {a}};
  UnitInput ub{"B", 0, QuantityBasis::kDesignMaximum, {b}};
  ASSERT_FALSE(AssessUnit(ua, Shipped(), Shipped().gb18218(), &cache).ok());
  auto eb = AssessUnit(ub, Shipped(), Shipped().gb18218(), &cache);
  ASSERT_FALSE(eb.ok());
  EXPECT_THAT(eb.status().message(), ::testing::StartsWith("second"));
}

// GB 18218-2018 §4.2.2, §4.3: S and R are sums of non-negative terms q/Q and β·q/Q, so neither decreases
// when any quantity grows.
RC_GTEST_FIXTURE_PROP(IdentifyTest, SAndRNeverDecreaseWhenAQuantityGrows, ()) {
  const std::vector<std::string> cas = {"7782-50-5", "7664-41-7", "67-56-1", "71-43-2", "1333-74-0"};
  const auto n = *rc::gen::inRange<std::size_t>(1, 5);
  std::vector<HoldingInput> holdings;
  for (std::size_t i = 0; i < n; ++i) {
    holdings.push_back(Cas(cas[*rc::gen::inRange<std::size_t>(0, cas.size())],
                           *rc::gen::inRange(1, 100000) / 100.0));
  }
  const int people = *rc::gen::inRange(0, 300);
  auto before = Assess(holdings, people);
  RC_ASSERT(before.ok());
  const auto which = *rc::gen::inRange<std::size_t>(0, n);
  holdings[which].quantity_t = *holdings[which].quantity_t + *rc::gen::inRange(1, 100000) / 100.0;
  auto after = Assess(holdings, people);
  RC_ASSERT(after.ok());
  RC_ASSERT(after->sum_ratio >= before->sum_ratio);
  RC_ASSERT(after->r >= before->r);
  if (before->major_hazard) RC_ASSERT(after->major_hazard);
}

}  // namespace
}  // namespace chemsafe::hazard
