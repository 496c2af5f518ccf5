// End-to-end tests of the `chemsafe` binary: the CLI contracts of issue 2 §7 that later issues and
// users rely on (arguments, exit codes, output).
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

struct CommandRun {
  int exit_code = -1;
  std::string out;  // stdout and stderr together when merged
};

// Runs the binary with `args` (already shell-quoted by the caller), capturing stdout, and stderr
// into `err_file` unless merged.
CommandRun Chemsafe(const std::string& args, bool merge_stderr = false) {
  std::string cmd = std::string(CHEMSAFE_BINARY) + " " + args + (merge_stderr ? " 2>&1" : " 2>/dev/null");
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

class TempDir {
 public:
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "chemsafe-e2e-XXXXXX").string();
    path_ = mkdtemp(tmpl.data());
  }
  ~TempDir() { fs::remove_all(path_); }
  fs::path path() const { return path_; }

 private:
  fs::path path_;
};

TEST(CliE2e, VersionPrintsName) {
  CommandRun r = Chemsafe("--version");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_THAT(r.out, HasSubstr("chemsafe"));
}

// Acceptance of issue 2: CAS 7782-50-5 (chlorine) valid, 7782-50-6 invalid.
TEST(CliE2e, IdCheckCas) {
  CommandRun ok = Chemsafe("id check cas 7782-50-5");
  EXPECT_EQ(ok.exit_code, 0);
  EXPECT_EQ(ok.out, "valid\n");
  CommandRun bad = Chemsafe("id check cas 7782-50-6", /*merge_stderr=*/true);
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_THAT(bad.out, HasSubstr("check digit"));
}

// Acceptance of issue 2: USCC 91350100M000100Y43 valid (GB 32100-2015 check character), the last
// character changed invalid.
TEST(CliE2e, IdCheckUscc) {
  EXPECT_EQ(Chemsafe("id check uscc 91350100M000100Y43").exit_code, 0);
  CommandRun bad = Chemsafe("id check uscc 91350100M000100Y44", true);
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_FALSE(bad.out.empty());
}

TEST(CliE2e, IdCheckUnAndDivision) {
  EXPECT_EQ(Chemsafe("id check un 1017").exit_code, 0);
  EXPECT_EQ(Chemsafe("id check un 12a4").exit_code, 1);
  EXPECT_EQ(Chemsafe("id check division 440305").exit_code, 0);  // 南山区, 深圳市
  EXPECT_EQ(Chemsafe("id check division 449999").exit_code, 1);
}

TEST(CliE2e, UnknownIdKindIsAUsageError) {
  EXPECT_EQ(Chemsafe("id check passport 123").exit_code, 2);
}

// 2024-09-30 + 5 working days: 10-01..10-07 National Day off, 10-12 (Saturday) an adjusted working day
// (国办发明电〔2023〕7号) -> 10-08, 10-09, 10-10, 10-11, 10-12.
TEST(CliE2e, CalendarAddWorkingDays) {
  CommandRun r = Chemsafe("calendar add-working-days 2024-09-30 5");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, "2024-10-12\n");
  EXPECT_EQ(Chemsafe("calendar add-working-days 2024-13-01 5").exit_code, 1);
}

TEST(CliE2e, CatalogueFindByCasNameAndUn) {
  CommandRun by_cas = Chemsafe("catalogue find 7782-50-5");
  EXPECT_EQ(by_cas.exit_code, 0);
  EXPECT_THAT(by_cas.out, HasSubstr("氯"));
  CommandRun by_alias = Chemsafe("catalogue find 液氯 --json");
  EXPECT_EQ(by_alias.exit_code, 0);
  EXPECT_THAT(by_alias.out, HasSubstr("\"7782-50-5\""));
  CommandRun by_un = Chemsafe("catalogue find UN1017");
  EXPECT_EQ(by_un.exit_code, 0);
  EXPECT_THAT(by_un.out, HasSubstr("7782-50-5"));
  EXPECT_EQ(Chemsafe("catalogue find no-such-chemical-xyz").exit_code, 1);
}

std::string Testdata(const std::string& name) { return std::string(CHEMSAFE_TESTDATA_DIR) + "/import/" + name; }

std::string Summary(const fs::path& db) { return Chemsafe("registry summary --json --db " + db.string()).out; }

// Acceptance of issue 2: an import with bad rows (bad USCC, unknown division, coordinates outside
// China, text in a number cell; a negative quantity) exits 1, reports each row and column, and leaves
// the database unchanged.
TEST(CliE2e, ImportWithBadRowsChangesNothing) {
  TempDir dir;
  const fs::path db = dir.path() / "r.db";
  ASSERT_EQ(Chemsafe("import enterprises " + Testdata("enterprises.csv") + " --db " + db.string()).exit_code, 0);
  const std::string before = Summary(db);
  ASSERT_THAT(before, HasSubstr("\"enterprises\": 2"));

  CommandRun bad = Chemsafe("import enterprises " + Testdata("enterprises_bad.csv") + " --db " + db.string(), true);
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_THAT(bad.out, HasSubstr("enterprises_bad.csv:3:1:"));  // USCC check character
  EXPECT_THAT(bad.out, HasSubstr("enterprises_bad.csv:4:3:"));  // division 449999 unknown
  EXPECT_THAT(bad.out, HasSubstr("enterprises_bad.csv:5:4:"));  // Paris is outside China
  EXPECT_THAT(bad.out, HasSubstr("enterprises_bad.csv:6:4:"));  // "abc" in a number cell
  EXPECT_THAT(bad.out, HasSubstr("nothing was imported"));
  EXPECT_EQ(Summary(db), before);

  ASSERT_EQ(Chemsafe("import units " + Testdata("units.csv") + " --db " + db.string()).exit_code, 0);
  const std::string with_units = Summary(db);
  CommandRun neg = Chemsafe("import holdings " + Testdata("holdings_bad.csv") + " --db " + db.string(), true);
  EXPECT_EQ(neg.exit_code, 1);
  EXPECT_THAT(neg.out, HasSubstr("holdings_bad.csv:2:4:"));
  EXPECT_EQ(Summary(db), with_units);
}

TEST(CliE2e, ImportTwiceIsIdempotentAndExportsRoundTrip) {
  TempDir dir;
  const fs::path db = dir.path() / "r.db";
  for (const char* kind_file : {"enterprises enterprises.csv", "units units.csv", "holdings holdings.csv"}) {
    std::string kf(kind_file);
    const std::string kind = kf.substr(0, kf.find(' '));
    const std::string file = kf.substr(kf.find(' ') + 1);
    ASSERT_EQ(Chemsafe("import " + kind + " " + Testdata(file) + " --db " + db.string()).exit_code, 0) << kind;
  }
  const std::string once = Summary(db);
  CommandRun again = Chemsafe("import holdings " + Testdata("holdings.csv") + " --db " + db.string());
  EXPECT_EQ(again.exit_code, 0);
  EXPECT_THAT(again.out, HasSubstr("0 inserted, 0 updated"));
  EXPECT_EQ(Summary(db), once);

  const fs::path geojson = dir.path() / "units.geojson";
  CommandRun exp = Chemsafe("export units --format geojson --db " + db.string() + " -o " + geojson.string());
  EXPECT_EQ(exp.exit_code, 0);
  std::ifstream in(geojson);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_THAT(text, HasSubstr("FeatureCollection"));
  EXPECT_THAT(text, HasSubstr("CG-01"));

  const fs::path xlsx = dir.path() / "holdings.xlsx";
  ASSERT_EQ(Chemsafe("export holdings --format xlsx --db " + db.string() + " -o " + xlsx.string()).exit_code, 0);
  const fs::path db2 = dir.path() / "r2.db";
  ASSERT_EQ(Chemsafe("import enterprises " + Testdata("enterprises.csv") + " --db " + db2.string()).exit_code, 0);
  ASSERT_EQ(Chemsafe("import units " + Testdata("units.csv") + " --db " + db2.string()).exit_code, 0);
  ASSERT_EQ(Chemsafe("import holdings " + xlsx.string() + " --db " + db2.string()).exit_code, 0);
  EXPECT_EQ(Summary(db2), once);
}

// What a unit holds now and held on a date (the registry keeps every version of a holding).
TEST(CliE2e, RegistryHoldingsNowAndAsOfADate) {
  TempDir dir;
  const fs::path db = dir.path() / "r.db";
  ASSERT_EQ(Chemsafe("import enterprises " + Testdata("enterprises.csv") + " --db " + db.string()).exit_code, 0);
  ASSERT_EQ(Chemsafe("import units " + Testdata("units.csv") + " --db " + db.string()).exit_code, 0);
  ASSERT_EQ(Chemsafe("import holdings " + Testdata("holdings.csv") + " --db " + db.string()).exit_code, 0);
  const std::string unit = " --uscc 91440305MA5F0000AE --unit CG-01 --db " + db.string();
  CommandRun now = Chemsafe("registry holdings --json" + unit);
  EXPECT_EQ(now.exit_code, 0);
  EXPECT_THAT(now.out, HasSubstr("\"chemical_key\": \"74-98-6\""));
  EXPECT_THAT(now.out, HasSubstr("\"max_quantity_t\": 1200"));  // "1,200 吨" in the file
  // Before the import the unit held nothing.
  CommandRun before = Chemsafe("registry holdings --json --as-of 2000-01-01" + unit);
  EXPECT_EQ(before.exit_code, 0);
  EXPECT_EQ(before.out, "[]\n");
  EXPECT_EQ(Chemsafe("registry holdings --uscc 91440305MA5F0000AE --unit NOPE --db " + db.string()).exit_code, 1);
  EXPECT_EQ(Chemsafe("registry holdings --as-of 2000-13-01" + unit).exit_code, 1);
}

// Issue 3: a holdings import re-assesses the units it changed; `hazard run` assesses the registry.
// testdata/import: unit CG-01 holds 1,200 t of propane (GB 18218-2018 Table 1 序号 52, LPG, Q 50 t: a major
// hazard), SC-01 800 kg of chlorine (Q 5 t: S = 0.16, not one).
TEST(CliE2e, HoldingsImportReassessesAndHazardRunCounts) {
  TempDir dir;
  const fs::path db = dir.path() / "r.db";
  ASSERT_EQ(Chemsafe("import enterprises " + Testdata("enterprises.csv") + " --db " + db.string()).exit_code, 0);
  ASSERT_EQ(Chemsafe("import units " + Testdata("units.csv") + " --db " + db.string()).exit_code, 0);
  CommandRun imported = Chemsafe("import holdings " + Testdata("holdings.csv") + " --db " + db.string());
  ASSERT_EQ(imported.exit_code, 0);
  EXPECT_THAT(imported.out, HasSubstr("re-assessed 2 units (GB 18218-2018): 1 major hazard installations"));
  CommandRun run = Chemsafe("hazard run --json --db " + db.string());
  ASSERT_EQ(run.exit_code, 0);
  EXPECT_THAT(run.out, HasSubstr("\"units_assessed\": 2"));
  EXPECT_THAT(run.out, HasSubstr("\"major_hazards\": 1"));
  EXPECT_THAT(run.out, HasSubstr("\"not_major\": 1"));
  EXPECT_EQ(Chemsafe("hazard run --db " + dir.path().string() + "/none/x.db").exit_code, 1);
}

TEST(CliE2e, HazardAssessReadsStandardInput) {
  TempDir dir;
  const fs::path in = dir.path() / "in.json";
  std::ofstream(in) << R"({"units": [{"id": "T", "exposed_population_500m": 0,
                                      "holdings": [{"cas": "7782-50-5", "quantity_t": 5}]}]})";
  CommandRun r = Chemsafe("hazard assess --input - < " + in.string());
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_THAT(r.out, HasSubstr("\"major_hazard\": true"));
  EXPECT_THAT(r.out, HasSubstr("\"grade\": 4"));
}

TEST(CliE2e, TemplateIsAnXlsxFile) {
  TempDir dir;
  const fs::path out = dir.path() / "holdings.xlsx";
  ASSERT_EQ(Chemsafe("template holdings -o " + out.string()).exit_code, 0);
  std::ifstream in(out, std::ios::binary);
  char magic[2] = {};
  in.read(magic, 2);
  EXPECT_EQ(std::string(magic, 2), "PK");  // an XLSX file is a ZIP archive
}

// The demo province: deterministic for a seed, marked synthetic, summarised by the main job.
TEST(CliE2e, DemoGenerateThenSummary) {
  TempDir dir;
  const fs::path a = dir.path() / "a.db";
  const fs::path b = dir.path() / "b.db";
  ASSERT_EQ(Chemsafe("demo generate --seed 7 --enterprises 40 --db " + a.string()).exit_code, 0);
  ASSERT_EQ(Chemsafe("demo generate --seed 7 --enterprises 40 --db " + b.string()).exit_code, 0);
  const std::string sa = Summary(a);
  EXPECT_THAT(sa, HasSubstr("\"enterprises\": 40"));
  EXPECT_THAT(sa, HasSubstr("\"synthetic_enterprises\": 40"));
  EXPECT_EQ(sa, Summary(b));
  CommandRun text = Chemsafe("registry summary --db " + a.string());
  EXPECT_EQ(text.exit_code, 0);
  EXPECT_THAT(text.out, HasSubstr("synthetic"));
}

TEST(CliE2e, ImportOfAMissingFileNamesIt) {
  TempDir dir;
  CommandRun r = Chemsafe("import holdings /nonexistent/h.csv --db " + (dir.path() / "x.db").string(), true);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.out, HasSubstr("/nonexistent/h.csv"));
}

}  // namespace
