// Benchmark (issue 2 acceptance): import 1,000,000 holdings rows from CSV into SQLite with full
// validation, as rows/s, and as a ratio to the sqlite3 shell's `.import` of the same file in the same
// run (the baseline: no validation, no natural keys, no history — the floor of what SQLite can take).
// Target: ratio >= 0.5.
//
// usage: bench_import_holdings [ROWS] [WORK_DIR]   (defaults: 1000000, a new temp dir, removed after)
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string>

#include "chemsafe/reference/catalogue_files.h"
#include "chemsafe/reference/data_dir.h"
#include "chemsafe/reference/divisions.h"
#include "chemsafe/service/registry_io.h"
#include "chemsafe/store/registry_store.h"

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

double Seconds(Clock::time_point a, Clock::time_point b) { return std::chrono::duration<double>(b - a).count(); }

int Die(const chemsafe::Status& s) {
  std::cerr << "bench_import_holdings: " << s.ToString() << "\n";
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  const long rows = argc > 1 ? std::atol(argv[1]) : 1000000;
  bool remove_dir = false;
  fs::path dir;
  if (argc > 2) {
    dir = argv[2];
    fs::create_directories(dir);
  } else {
    std::string tmpl = (fs::temp_directory_path() / "chemsafe-bench-XXXXXX").string();
    dir = mkdtemp(tmpl.data());
    remove_dir = true;
  }
  const std::string data_dir = chemsafe::reference::DataDir();
  auto divisions = chemsafe::reference::LoadDivisionTable(data_dir);
  if (!divisions.ok()) return Die(divisions.status());
  auto catalogue = chemsafe::reference::LoadCatalogue(data_dir);
  if (!catalogue.ok()) return Die(catalogue.status());

  const std::string db = (dir / "bench.db").string();
  const std::string csv = (dir / "holdings.csv").string();
  auto store = chemsafe::store::OpenSqlite(db);
  if (!store.ok()) return Die(store.status());

  // Units for the rows: each (unit, chemical) pair appears at most once.
  const int units_per_enterprise = 5;
  const int enterprises = static_cast<int>(rows / 50 + 1);
  auto units = chemsafe::service::CreateSyntheticUnits(**store, *divisions, enterprises, units_per_enterprise, 7);
  if (!units.ok()) return Die(units.status());
  chemsafe::service::SyntheticHoldingsOptions gen;
  gen.rows = rows;
  gen.seed = 7;
  if (auto s = chemsafe::service::WriteSyntheticHoldingsCsv(csv, *units, *catalogue, gen); !s.ok()) return Die(s);
  const auto csv_bytes = fs::file_size(csv);

  // chemsafe: full validation, natural-key upsert with history, one transaction, synchronous=FULL.
  chemsafe::service::ImportReferences refs{*divisions, *catalogue};
  const auto t0 = Clock::now();
  auto report = chemsafe::service::ImportTable(**store, refs, chemsafe::service::RecordKind::kHoldings, csv);
  const auto t1 = Clock::now();
  if (!report.ok()) return Die(report.status());
  if (!report->ok()) {
    std::cerr << "bench_import_holdings: the synthetic file has problems, first: " << report->problems[0].ToString()
              << "\n";
    return 1;
  }
  const double chemsafe_s = Seconds(t0, t1);

  // Baseline: the sqlite3 shell's .import of the same file into a fresh database.
  const std::string baseline_db = (dir / "baseline.db").string();
  const std::string cmd = "sqlite3 '" + baseline_db + "' \".import --csv '" + csv + "' holdings\"";
  const auto b0 = Clock::now();
  const int rc = std::system(cmd.c_str());
  const auto b1 = Clock::now();
  if (rc != 0) {
    std::cerr << "bench_import_holdings: baseline failed: " << cmd << "\n";
    return 1;
  }
  const double baseline_s = Seconds(b0, b1);

  std::printf("import holdings: %ld rows, %.1f MB CSV\n", rows, static_cast<double>(csv_bytes) / 1e6);
  std::printf("  chemsafe import (validated, upsert, history): %8.2f s  %10.0f rows/s  (inserted %lld)\n",
              chemsafe_s, static_cast<double>(rows) / chemsafe_s, static_cast<long long>(report->inserted));
  std::printf("  sqlite3 shell .import (baseline):             %8.2f s  %10.0f rows/s\n", baseline_s,
              static_cast<double>(rows) / baseline_s);
  std::printf("  ratio chemsafe/baseline (rows/s): %.2f  (target >= 0.5)\n", baseline_s / chemsafe_s);
  if (remove_dir) fs::remove_all(dir);
  return 0;
}
