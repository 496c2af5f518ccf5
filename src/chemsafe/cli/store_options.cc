#include "chemsafe/cli/internal/store_options.h"

namespace chemsafe::cli {

void AddStoreOptions(CLI::App& cmd, StoreOptions& options) {
  auto* db = cmd.add_option("--db", options.db_path, "SQLite database file (created when missing)");
  auto* pg = cmd.add_option("--pg", options.pg_url, "PostgreSQL connection URL (postgresql://…)");
  db->excludes(pg);
  pg->excludes(db);
}

Result<std::unique_ptr<store::RegistryStore>> OpenStore(const StoreOptions& options) {
  if (!options.pg_url.empty()) return store::OpenPostgres(options.pg_url);
  if (options.db_path.empty()) return InvalidArgument("give the database: --db PATH or --pg URL");
  return store::OpenSqlite(options.db_path);
}

Result<std::unique_ptr<store::HazardStore>> OpenHazardStore(const StoreOptions& options) {
  if (!options.pg_url.empty()) return store::OpenPostgresHazardStore(options.pg_url);
  return store::OpenSqliteHazardStore(options.db_path);
}

Result<std::unique_ptr<store::QraStore>> OpenQraStore(const StoreOptions& options) {
  if (!options.pg_url.empty()) return store::OpenPostgresQraStore(options.pg_url);
  return store::OpenSqliteQraStore(options.db_path);
}

}  // namespace chemsafe::cli
