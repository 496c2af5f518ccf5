// Benchmark (issue 3 acceptance): assess 100,000 units holding 1,000,000 holdings from the SQLite store
// (read the registry, identify and grade per GB 18218-2018), reported as units/s and as a ratio to one
// SQL aggregate pass over the same holdings table in the same run (the I/O floor). Target: at most 2x
// that pass. Storing every assessment with its inputs, the events and the latest outcomes is measured
// beside it, against SQLite copying the same rows (the floor of those writes).
//
// usage: bench_hazard [UNITS] [HOLDINGS] [WORK_DIR]   (defaults 100000, 1000000, a temp dir removed after)
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <random>

#include "bench_workspace.h"
#include "chemsafe/service/hazard_service.h"
#include "chemsafe/service/registry_io.h"

using Clock = std::chrono::steady_clock;

namespace {

double Seconds(Clock::time_point a, Clock::time_point b) { return std::chrono::duration<double>(b - a).count(); }

int Die(const chemsafe::Status& s) { return chemsafe::bench::Die("bench_hazard", s); }

// The I/O floor: one aggregate pass over the current holdings, grouped by unit.
chemsafe::Result<double> AggregatePass(const std::string& db, long* groups) {
  sqlite3* h = nullptr;
  if (sqlite3_open_v2(db.c_str(), &h, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    return chemsafe::Unavailable("cannot open " + db);
  }
  // Memory-mapped reads, as the store's connections do (it changes this pass by about 1%).
  sqlite3_exec(h, "PRAGMA mmap_size=4294967296", nullptr, nullptr, nullptr);
  sqlite3_stmt* stmt = nullptr;
  const char* sql =
      "SELECT unit_id, SUM(max_quantity_t), COUNT(*) FROM holdings WHERE valid_to IS NULL GROUP BY unit_id";
  const auto t0 = Clock::now();
  sqlite3_prepare_v2(h, sql, -1, &stmt, nullptr);
  *groups = 0;
  double sink = 0;
  while (sqlite3_step(stmt) == SQLITE_ROW) {
    ++*groups;
    sink += sqlite3_column_double(stmt, 1);
  }
  sqlite3_finalize(stmt);
  const auto t1 = Clock::now();
  sqlite3_close(h);
  if (sink < 0) std::puts("");
  return Seconds(t0, t1);
}

// The floor of the writes: SQLite copying the run's rows (assessments, events, latest outcomes) in one
// transaction with the store's durability (WAL, synchronous=FULL), no application code in between.
chemsafe::Result<double> WritePass(const std::string& db) {
  sqlite3* h = nullptr;
  if (sqlite3_open_v2(db.c_str(), &h, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
    return chemsafe::Unavailable("cannot open " + db);
  }
  const char* sql =
      "PRAGMA synchronous=FULL; BEGIN IMMEDIATE;"
      "INSERT INTO hazard_assessments (unit_id, assessed_at, edition, basis, exposed_people, exposed_source, "
      "major_hazard, sum_ratio, alpha, r, grade, error, detail) SELECT unit_id, assessed_at, edition, basis, "
      "exposed_people, exposed_source, major_hazard, sum_ratio, alpha, r, grade, error, detail FROM "
      "hazard_assessments ORDER BY id;"
      "INSERT INTO hazard_events (unit_id, at, kind, from_grade, to_grade, assessment_id) SELECT unit_id, at, kind, "
      "from_grade, to_grade, assessment_id FROM hazard_events ORDER BY id;"
      "INSERT OR REPLACE INTO hazard_latest SELECT unit_id, assessment_id, assessed_at, major_hazard, grade, failed "
      "FROM hazard_latest ORDER BY unit_id;"
      "COMMIT;";
  const auto t0 = Clock::now();
  char* error = nullptr;
  const int rc = sqlite3_exec(h, sql, nullptr, nullptr, &error);
  const auto t1 = Clock::now();
  std::string message = error != nullptr ? error : "";
  sqlite3_free(error);
  sqlite3_close(h);
  if (rc != SQLITE_OK) return chemsafe::Internal("write pass: " + message);
  return Seconds(t0, t1);
}

}  // namespace

int main(int argc, char** argv) {
  const long units_wanted = argc > 1 ? std::atol(argv[1]) : 100000;
  const long holdings = argc > 2 ? std::atol(argv[2]) : 1000000;
  chemsafe::bench::Workspace ws("chemsafe-bench-hazard", argc > 3 ? argv[3] : nullptr);
  if (auto s = ws.Open(); !s.ok()) return Die(s);
  const std::string db = ws.db();
  auto* store = &ws.registry;
  auto* divisions = &ws.divisions;
  auto* catalogue = &ws.catalogue;

  // The registry: units of 5 per enterprise, synthetic holdings, protected targets around them.
  auto units = chemsafe::service::CreateSyntheticUnits(**store, *divisions, static_cast<int>(units_wanted / 5), 5, 11);
  if (!units.ok()) return Die(units.status());
  const std::string csv = ws.path("holdings.csv");
  chemsafe::service::SyntheticHoldingsOptions gen;
  gen.rows = holdings;
  gen.seed = 11;
  gen.chemicals_per_unit = static_cast<int>((holdings + units_wanted - 1) / units_wanted);
  if (auto s = chemsafe::service::WriteSyntheticHoldingsCsv(csv, *units, *catalogue, gen); !s.ok()) return Die(s);
  chemsafe::service::ImportReferences refs{*divisions, *catalogue};
  auto imported = chemsafe::service::ImportTable(**store, refs, chemsafe::service::RecordKind::kHoldings, csv);
  if (!imported.ok()) return Die(imported.status());
  if (!imported->ok()) return Die(chemsafe::Internal(imported->problems.front().ToString()));
  std::mt19937_64 rng(11);
  std::uniform_real_distribution<double> lon(109.7, 117.3), lat(20.2, 25.5);
  std::uniform_int_distribution<int> people(0, 400);
  auto targets = (*store)->InTransaction([&](chemsafe::store::RegistryWriter& w) {
    for (int i = 0; i < 100000; ++i) {
      chemsafe::registry::ProtectedTarget t;
      t.code = "BENCH-T" + std::to_string(i);
      t.name = "居住区（演示）";
      t.kind = "居住区";
      t.division_code = "440305";
      t.location = chemsafe::LonLat{lon(rng), lat(rng)};
      t.day_population = people(rng);
      t.night_population = people(rng);
      t.provenance = chemsafe::registry::Provenance::kSynthetic;
      CHEMSAFE_RETURN_IF_ERROR(w.UpsertProtectedTarget(t));
    }
    return chemsafe::Status::Ok();
  });
  if (!targets.ok()) return Die(targets);
  auto hazards = chemsafe::store::OpenSqliteHazardStore(db);
  if (!hazards.ok()) return Die(hazards.status());

  long groups = 0;
  auto floor_before = AggregatePass(db, &groups);
  if (!floor_before.ok()) return Die(floor_before.status());
  const auto t0 = Clock::now();
  auto run = chemsafe::service::AssessRegistry(**store, **hazards, *catalogue);
  const auto t1 = Clock::now();
  if (!run.ok()) return Die(run.status());
  const double ours = Seconds(t0, t1);
  auto floor_after = AggregatePass(db, &groups);
  if (!floor_after.ok()) return Die(floor_after.status());
  // The smaller of the two passes: the stricter floor.
  const double read_floor = std::min(*floor_before, *floor_after);
  auto write_floor = WritePass(db);
  if (!write_floor.ok()) return Die(write_floor.status());
  const double assess = run->load_s + run->assess_s;

  std::printf("hazard run: %lld units, %ld holdings (%lld major hazards, %lld not, %lld failed)\n",
              static_cast<long long>(run->units_assessed), holdings, static_cast<long long>(run->all.major()),
              static_cast<long long>(run->all.not_major), static_cast<long long>(run->all.failed));
  std::printf("  assess from the store (read the registry %.2f s, of which holdings %.2f s, beside units and\n"
              "    targets; identify and grade %.2f s):      %8.2f s  %10.0f units/s\n",
              run->load_s, run->holdings_read_s, run->assess_s, assess,
              static_cast<double>(run->units_assessed) / assess);
  std::printf("  SQL aggregate pass over holdings (floor):   %8.2f s  (%ld units; smaller of a pass before and after)\n",
              read_floor, groups);
  std::printf("  ratio assess/aggregate pass (time): %.2f  (target <= 2)\n", assess / read_floor);
  std::printf("  store the assessments, events and latest outcomes: %.2f s; SQL copying the same rows: %.2f s; "
              "ratio %.2f\n",
              run->save_s, *write_floor, run->save_s / *write_floor);
  std::printf("  whole run (assess and store):               %8.2f s  %10.0f units/s; ratio to aggregate pass + "
              "SQL copy %.2f\n",
              ours, static_cast<double>(run->units_assessed) / ours, ours / (read_floor + *write_floor));
  return 0;
}
