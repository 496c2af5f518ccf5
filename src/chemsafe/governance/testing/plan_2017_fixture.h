// Test support: the 2017 plan with its units (data/governance/) and the Chinese working-day calendar
// (data/holidays_cn), loaded once per test suite. Header-only; for the governance tests.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "chemsafe/core/calendar.h"
#include "chemsafe/governance/plan_files.h"
#include "chemsafe/reference/holidays.h"

namespace chemsafe::governance::testing {

class Plan2017Fixture : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto cal = reference::LoadWorkingCalendar(CHEMSAFE_TEST_DATA_DIR);
    ASSERT_TRUE(cal.ok()) << cal.status().message();
    calendar_ = new WorkingCalendar(std::move(*cal));
    auto loaded = LoadPlanWithUnits(std::string(CHEMSAFE_TEST_DATA_DIR) + "/governance/guangdong-2017-plan.json",
                                    CHEMSAFE_TEST_DATA_DIR);
    ASSERT_TRUE(loaded.ok()) << loaded.status().message();
    loaded_ = new LoadedPlan(std::move(*loaded));
  }
  static void TearDownTestSuite() {
    delete calendar_;
    delete loaded_;
    calendar_ = nullptr;
    loaded_ = nullptr;
  }
  static Date D(const char* iso) { return *Date::Parse(iso); }

  inline static WorkingCalendar* calendar_ = nullptr;
  inline static LoadedPlan* loaded_ = nullptr;
};

}  // namespace chemsafe::governance::testing
