// End-to-end tests of `chemsafe hazard run` (issue 3, the province's MHI database): scope by city and by
// enterprise, the quantity basis, the counts printed, and transitions recorded only when a status changes.
// testdata/import: unit CG-01 (深圳, 4403) holds propane, 1,200 t design maximum and 800 t typical
// (GB 18218-2018 Table 1: LPG, Q 50 t; β 1.5 from Table 4 W2; no protected targets within 500 m → α 0.5
// from Table 5): S = 24, R = 18 → grade 3 (Table 6); on actual quantities S = 16, R = 12 → grade 3.
// Unit SC-01 (广州, 4401) holds 800 kg of chlorine (Q 5 t: S = 0.16, not a major hazard) and no typical
// quantity, so it cannot be assessed on actual quantities.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <string>

namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;

struct CommandRun {
  int exit_code = -1;
  std::string out;
};

CommandRun Chemsafe(const std::string& args) {
  const std::string cmd = std::string(CHEMSAFE_BINARY) + " " + args + " 2>/dev/null";
  CommandRun r;
  FILE* p = popen(cmd.c_str(), "r");
  if (p == nullptr) return r;
  std::array<char, 4096> buf{};
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), n);
  const int status = pclose(p);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

class HazardRunE2e : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (fs::temp_directory_path() / "chemsafe-hazard-e2e-XXXXXX").string();
    ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
    db_ = " --db " + (dir_ / "r.db").string();
    for (const char* kind : {"enterprises", "units", "holdings"}) {
      const std::string file = std::string(CHEMSAFE_TESTDATA_DIR) + "/import/" + kind + ".csv";
      ASSERT_EQ(Chemsafe(std::string("import ") + kind + " " + file + db_).exit_code, 0) << kind;
    }
  }
  void TearDown() override { fs::remove_all(dir_); }

  fs::path dir_;
  std::string db_;
};

TEST_F(HazardRunE2e, PrintsCountsByGradeAndCity) {
  CommandRun r = Chemsafe("hazard run" + db_);
  ASSERT_EQ(r.exit_code, 0);
  EXPECT_THAT(r.out, HasSubstr("设计最大量 design maximum): 2 units assessed"));
  EXPECT_THAT(r.out, HasSubstr("4401 广州市"));
  EXPECT_THAT(r.out, HasSubstr("4403 深圳市"));
  // The holdings import already assessed both units: nothing changed since.
  EXPECT_THAT(r.out, HasSubstr("transitions recorded: 0"));
}

TEST_F(HazardRunE2e, ScopesByCityAndByEnterprise) {
  CommandRun city = Chemsafe("hazard run --json --city 4401" + db_);
  ASSERT_EQ(city.exit_code, 0);
  EXPECT_THAT(city.out, HasSubstr("\"units_assessed\": 1"));
  EXPECT_THAT(city.out, HasSubstr("\"not_major\": 1"));
  EXPECT_THAT(city.out, HasSubstr("\"code\": \"4401\""));
  EXPECT_THAT(city.out, Not(HasSubstr("\"code\": \"4403\"")));
  CommandRun ent = Chemsafe("hazard run --json --enterprise 91440305MA5F0000AE" + db_);
  ASSERT_EQ(ent.exit_code, 0);
  EXPECT_THAT(ent.out, HasSubstr("\"units_assessed\": 1"));
  EXPECT_THAT(ent.out, HasSubstr("\"grade_3\": 1"));
  EXPECT_THAT(ent.out, HasSubstr("\"major_hazards\": 1"));
}

TEST_F(HazardRunE2e, ActualQuantitiesAreAWhatIfWithoutTransitions) {
  CommandRun actual = Chemsafe("hazard run --json --basis actual" + db_);
  ASSERT_EQ(actual.exit_code, 0);
  EXPECT_THAT(actual.out, HasSubstr("\"quantity_basis\": \"actual\""));
  EXPECT_THAT(actual.out, HasSubstr("\"grade_3\": 1"));
  EXPECT_THAT(actual.out, HasSubstr("\"failed\": 1"));
  EXPECT_THAT(actual.out, HasSubstr("SC-01 7782-50-5"));  // the error names the holding
  EXPECT_THAT(actual.out, HasSubstr("\"events\": 0"));
  // The design-basis status is unchanged by the what-if: no transition on the next run either.
  CommandRun design = Chemsafe("hazard run --json" + db_);
  ASSERT_EQ(design.exit_code, 0);
  EXPECT_THAT(design.out, HasSubstr("\"quantity_basis\": \"design_maximum\""));
  EXPECT_THAT(design.out, HasSubstr("\"failed\": 0"));
  EXPECT_THAT(design.out, HasSubstr("\"events\": 0"));
  EXPECT_EQ(Chemsafe("hazard run --basis typical" + db_).exit_code, 2);  // not a basis: usage error
}

TEST_F(HazardRunE2e, ListsMajorHazardsAndRecordsTheirFiling) {
  // CG-01 (LPG, grade 3 on the design basis) is the one MHI; it has only its 主要负责人.
  CommandRun list = Chemsafe("hazard list --json" + db_);
  ASSERT_EQ(list.exit_code, 0);
  EXPECT_THAT(list.out, HasSubstr("\"unit_code\": \"CG-01\""));
  EXPECT_THAT(list.out, HasSubstr("\"grade\": 3"));
  EXPECT_THAT(list.out, HasSubstr("技术负责人"));
  EXPECT_THAT(list.out, Not(HasSubstr("SC-01")));
  EXPECT_THAT(Chemsafe("hazard list --city 4401" + db_).out, HasSubstr("major hazard installations: 0"));
  // Filed needs its date; a unit that is not an MHI cannot be filed.
  EXPECT_EQ(Chemsafe("hazard file --uscc 91440305MA5F0000AE --unit CG-01" + db_).exit_code, 1);
  EXPECT_EQ(Chemsafe("hazard file --uscc 91440112MA5F0000BB --unit SC-01 --date 2024-03-01" + db_).exit_code, 1);
  ASSERT_EQ(Chemsafe("hazard file --uscc 91440305MA5F0000AE --unit CG-01 --date 2024-03-01 --next-due 2027-03-01" + db_)
                .exit_code,
            0);
  CommandRun after = Chemsafe("hazard list" + db_);
  EXPECT_THAT(after.out, HasSubstr("三级 91440305MA5F0000AE/CG-01"));
  EXPECT_THAT(after.out, HasSubstr("备案 filed 2024-03-01"));
}

}  // namespace
