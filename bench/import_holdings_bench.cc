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

#include "bench_workspace.h"
#include "chemsafe/service/registry_io.h"
#include "chemsafe/store/registry_store.h"

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

double Seconds(Clock::time_point a, Clock::time_point b) { return std::chrono::duration<double>(b - a).count(); }

int Die(const chemsafe::Status& s) { return chemsafe::bench::Die("bench_import_holdings", s); }

}  // namespace

int main(int argc, char** argv) {
  const long rows = argc > 1 ? std::atol(argv[1]) : 1000000;
  chemsafe::bench::Workspace ws("chemsafe-bench", argc > 2 ? argv[2] : nullptr);
  if (auto s = ws.Open(); !s.ok()) return Die(s);
  const std::string csv = ws.path("holdings.csv");
  auto* store = &ws.registry;
  auto* divisions = &ws.divisions;
  auto* catalogue = &ws.catalogue;

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
  const std::string baseline_db = ws.path("baseline.db");
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
  return 0;
}
