// The synthetic inspection history (issue 7: "the demo province gets … a history of inspections and findings"):
// deterministic for a seed, every state of the closed loop reached through the use cases (a rejected
// acceptance, overdue findings escalating), acceptance by a second person, every text marked synthetic.
#include "chemsafe/service/inspect_demo.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <set>

#include <fmt/format.h>

#include "chemsafe/store/testing/pg_test_url.h"

namespace chemsafe::service {
namespace {

using ::testing::EndsWith;
using inspect::FindingState;

constexpr const char* kSynthetic = "（演示）";

inspect::Checklist Criteria() {
  inspect::Checklist c;
  c.code = std::string(inspect::kMajorHiddenHazardChecklist);
  for (int i = 1; i <= inspect::kMajorHiddenHazardCriteria; ++i) {
    c.items.push_back({std::to_string(i), fmt::format("判定标准第{}项情形", i), "", "", {}, ""});
  }
  return c;
}

class InspectDemoTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto fresh = store::testing::FreshTestDatabase(true, "chemsafe-inspect-demo",
                                                   ::testing::UnitTest::GetInstance()->current_test_info()->name(), &dir_);
    ASSERT_TRUE(fresh.ok()) << fresh.status().ToString();
    registry_ = std::move(store::OpenSqlite(*fresh)).value();
    inspect_ = std::move(store::OpenSqliteInspectStore(*fresh)).value();
    // 60 enterprises over three counties.
    ASSERT_TRUE(registry_->InTransaction([&](store::RegistryWriter& w) -> Status {
      const char* counties[] = {"440305", "440106", "440604"};
      for (int i = 0; i < 60; ++i) {
        registry::Enterprise e;
        e.uscc = fmt::format("9144{:04d}MA5F{:05d}X", i % 3, i);
        e.name = fmt::format("演示企业{}（演示）", i);
        e.division_code = counties[i % 3];
        CHEMSAFE_RETURN_IF_ERROR(w.UpsertEnterprise(e));
      }
      return Status::Ok();
    }).ok());
  }
  void TearDown() override {
    inspect_.reset();
    registry_.reset();
    std::filesystem::remove_all(dir_);
  }
  InspectStores Stores() { return {*registry_, *inspect_}; }
  static Principal Province() {
    Principal p;
    p.username = "reader";
    p.role = Role::kProvince;
    return p;
  }
  static InspectDemoOptions All() {
    InspectDemoOptions o;
    o.inspected_share = 1;
    o.self_share = 1;
    o.major_share = 0.2;
    return o;
  }

  std::filesystem::path dir_;
  std::unique_ptr<store::RegistryStore> registry_;
  std::unique_ptr<store::InspectStore> inspect_;
};

TEST_F(InspectDemoTest, EveryStateThroughTheUseCasesAllSynthetic) {
  const Date today = *Date::Parse("2026-11-29");
  auto r = GenerateInspectDemo(Stores(), 2017, today, Criteria(), All());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_GE(r->inspections, 60);
  EXPECT_GT(r->findings, 60);
  EXPECT_GT(r->major, 0);
  EXPECT_GT(r->rejected, 0);
  EXPECT_GT(r->overdue, 0);
  for (FindingState s : {FindingState::kReported, FindingState::kPlanned, FindingState::kRectified, FindingState::kClosed}) {
    EXPECT_GT(r->by_state[s], 0) << inspect::FindingStateCode(s);
  }

  FindingQuery q;
  q.limit = 100'000;
  auto all = ListFindingsInScope(Stores(), Province(), q);
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  ASSERT_EQ(static_cast<int>(all->size()), r->findings);
  int accepted_open = 0, failed = 0, self = 0;
  const Date earliest = *Date::Parse("2025-05-01");  // 540 days before 2026-11-29 is 2025-06-07
  for (const StoredFinding& f : *all) {
    const inspect::Finding& x = f.finding;
    EXPECT_THAT(x.report.description, EndsWith(kSynthetic)) << x.report.id;
    EXPECT_GE(x.report.found_date, earliest);
    EXPECT_LE(x.report.found_date, today);
    if (x.report.grade == inspect::HazardGrade::kMajor) {
      ASSERT_TRUE(x.report.major_criterion.has_value()) << x.report.id;
      EXPECT_GE(*x.report.major_criterion, 1);
      EXPECT_LE(*x.report.major_criterion, 20);
      EXPECT_TRUE(x.report.supervision_level.has_value()) << "挂牌督办";
    }
    if (x.plan) {
      EXPECT_THAT(x.plan->responsible_person, EndsWith(kSynthetic));
    }
    if (f.kind == inspect::InspectionKind::kSelf) ++self;
    for (const auto& a : x.acceptances) {
      EXPECT_NE(a.by, a.of.by) << "four eyes: " << x.report.id;
      if (a.outcome == inspect::AcceptanceOutcome::kFailed) ++failed;
    }
    if (x.state == FindingState::kRectified && x.PassedAcceptance() != nullptr) ++accepted_open;
    if (x.closure) {
      EXPECT_NE(x.PassedAcceptance(), nullptr) << "no closure without acceptance";
    }
  }
  EXPECT_GT(accepted_open, 0) << "accepted, not yet closed";
  EXPECT_GT(failed, 0) << "rejected acceptance";
  EXPECT_GT(self, 0) << "self-inspection findings";

  auto overdue = OverdueInScope(Stores(), Province(), today);
  ASSERT_TRUE(overdue.ok());
  EXPECT_EQ(static_cast<int>(overdue->size()), r->overdue);
  std::set<inspect::GovernmentLevel> levels;
  for (const auto& o : *overdue) levels.insert(*o.overdue.escalation);
  EXPECT_GE(levels.size(), 2u) << "escalation beyond the supervising level shows";

  auto inspections = ListInspectionsInScope(Stores(), Province());
  ASSERT_TRUE(inspections.ok());
  ASSERT_EQ(static_cast<int>(inspections->size()), r->inspections);
  for (const auto& in : *inspections) EXPECT_THAT(in.scope, EndsWith(kSynthetic));
}

TEST_F(InspectDemoTest, DeterministicForASeed) {
  const Date today = *Date::Parse("2026-11-29");
  InspectDemoOptions half = All();
  half.inspected_share = 0.5;
  half.self_share = 0.5;
  auto a = GenerateInspectDemo(Stores(), 7, today, Criteria(), half);
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  FindingQuery q;
  q.limit = 100'000;
  auto first = ListFindingsInScope(Stores(), Province(), q);
  ASSERT_TRUE(first.ok());

  // The same seed on a second database gives the same findings, step for step.
  std::filesystem::path dir2;
  auto fresh = store::testing::FreshTestDatabase(true, "chemsafe-inspect-demo", "second", &dir2);
  ASSERT_TRUE(fresh.ok());
  {
    auto registry = std::move(store::OpenSqlite(*fresh)).value();
    auto inspect = std::move(store::OpenSqliteInspectStore(*fresh)).value();
    ASSERT_TRUE(registry->InTransaction([&](store::RegistryWriter& w) -> Status {
      return registry_->ForEachEnterprise([&](const registry::Enterprise& e) {
        registry::Enterprise copy = e;
        copy.id = 0;
        return w.UpsertEnterprise(copy);
      });
    }).ok());
    auto b = GenerateInspectDemo({*registry, *inspect}, 7, today, Criteria(), half);
    ASSERT_TRUE(b.ok()) << b.status().ToString();
    EXPECT_EQ(b->findings, a->findings);
    EXPECT_EQ(b->by_state, a->by_state);
    auto second = ListFindingsInScope({*registry, *inspect}, Province(), q);
    ASSERT_TRUE(second.ok());
    ASSERT_EQ(second->size(), first->size());
    for (std::size_t i = 0; i < first->size(); ++i) {
      nlohmann::ordered_json x = FindingJson((*first)[i]), y = FindingJson((*second)[i]);
      x.erase("updated_at");
      y.erase("updated_at");
      EXPECT_EQ(x, y) << i;
    }
  }
  std::filesystem::remove_all(dir2);

  auto other = GenerateInspectDemo(Stores(), 8, today, Criteria(), half);
  ASSERT_TRUE(other.ok());
  EXPECT_NE(other->by_state, a->by_state) << "another seed, another history";
}

TEST_F(InspectDemoTest, RefusesBadOptions) {
  const Date today = *Date::Parse("2026-11-29");
  InspectDemoOptions o;
  o.self_share = 1.5;
  auto r = GenerateInspectDemo(Stores(), 1, today, Criteria(), o);
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.status().message(), ::testing::HasSubstr("self_share"));
  EXPECT_FALSE(GenerateInspectDemo(Stores(), 1, today, inspect::Checklist{}, {}).ok());
}

}  // namespace
}  // namespace chemsafe::service
