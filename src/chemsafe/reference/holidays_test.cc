#include "chemsafe/reference/holidays.h"

#include <filesystem>
#include <fstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace chemsafe::reference {
namespace {

using ::testing::HasSubstr;

Date D(const char* s) { return *Date::Parse(s); }

// Issue 2 acceptance: 2024-09-30 + 5 working days = 2024-10-12 with the shipped holiday data
// (国办发明电〔2023〕7号: 10-01..10-07 off, Saturday 10-12 worked).
TEST(LoadWorkingCalendarTest, AcceptanceExample) {
  auto cal = LoadWorkingCalendar(CHEMSAFE_TEST_DATA_DIR);
  ASSERT_TRUE(cal.ok()) << cal.status().ToString();
  auto r = cal->AddWorkingDays(D("2024-09-30"), 5);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->str(), "2024-10-12");
}

TEST(LoadWorkingCalendarTest, MarksEveryShippedYear) {
  auto cal = LoadWorkingCalendar(CHEMSAFE_TEST_DATA_DIR);
  ASSERT_TRUE(cal.ok());
  // data/PROVENANCE.md §1: 2007.json ... 2026.json.
  for (int y = 2007; y <= 2026; ++y) EXPECT_TRUE(cal->YearLoaded(y)) << y;
  EXPECT_FALSE(cal->YearLoaded(2006));
  EXPECT_FALSE(cal->YearLoaded(2027));
}

// 国办发明电〔2024〕12号 (2025 holidays): Spring Festival 01-28..02-04 off, Sunday 01-26 and Saturday
// 02-08 worked.
TEST(LoadWorkingCalendarTest, SpringFestival2025) {
  auto cal = LoadWorkingCalendar(CHEMSAFE_TEST_DATA_DIR);
  ASSERT_TRUE(cal.ok());
  EXPECT_TRUE(cal->IsWorkingDay(D("2025-01-26")));
  EXPECT_FALSE(cal->IsWorkingDay(D("2025-01-29")));
  EXPECT_FALSE(cal->IsWorkingDay(D("2025-02-04")));
  EXPECT_TRUE(cal->IsWorkingDay(D("2025-02-05")));
  EXPECT_TRUE(cal->IsWorkingDay(D("2025-02-08")));
  EXPECT_FALSE(cal->IsWorkingDay(D("2025-02-09")));  // ordinary Sunday
}

class BadHolidayFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("chemsafe_hol_" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    std::filesystem::create_directories(dir_ / "holidays_cn");
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  void Write(const std::string& name, const std::string& text) { std::ofstream(dir_ / "holidays_cn" / name) << text; }
  std::filesystem::path dir_;
};

TEST_F(BadHolidayFilesTest, BadDateNamesFileAndPath) {
  Write("2024.json", R"({"year": 2024, "days": [{"name": "x", "date": "2024-10-01", "isOffDay": true},
                                                {"name": "y", "date": "2024-13-01", "isOffDay": true}]})");
  auto r = LoadWorkingCalendar(dir_.string());
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.status().message(), HasSubstr("2024.json: $.days[1].date"));
}

TEST_F(BadHolidayFilesTest, YearMismatchIsAnError) {
  Write("2024.json", R"({"year": 2023, "days": []})");
  auto r = LoadWorkingCalendar(dir_.string());
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.status().message(), HasSubstr("named for 2024"));
}

TEST_F(BadHolidayFilesTest, NoFilesIsNotFound) {
  auto r = LoadWorkingCalendar(dir_.string());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kNotFound);
}

TEST_F(BadHolidayFilesTest, BrokenJsonIsReported) {
  Write("2024.json", R"({"year": 2024, "days": [)");
  auto r = LoadWorkingCalendar(dir_.string());
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.status().message(), HasSubstr("2024.json: not valid JSON"));
}

}  // namespace
}  // namespace chemsafe::reference
