// Versioned schema migrations (module-private). Migration N is applied once, in its own transaction,
// and recorded in schema_migrations; a database already at a newer version than this build knows is
// refused. SQL lives here as C++ constants, one list per dialect where the dialects differ (sqlite.cc,
// postgres.cc): no file is looked up at run time. Append only: never edit a released migration.
#pragma once

#include <span>
#include <string_view>

#include "chemsafe/core/status.h"
#include "chemsafe/store/internal/sql_connection.h"

namespace chemsafe::store::migrations {

struct Migration {
  int version = 0;
  std::string_view name;
  std::string_view sql;
};

std::span<const Migration> SqliteMigrations();
std::span<const Migration> PostgresMigrations();

// Brings the database behind `conn` to the newest version of its dialect's list.
Status Migrate(internal::SqlConnection& conn);

// The newest version a build knows (the last migration of the lists; both lists have the same).
int LatestVersion();

}  // namespace chemsafe::store::migrations
