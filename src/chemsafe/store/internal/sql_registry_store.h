// The RegistryStore written once over internal::SqlConnection (module-private); OpenSqlite and
// OpenPostgres give it their connection. Dialect differences are confined to a few SQL fragments
// (timestamp output) and to the migrations. One instance per thread.
#pragma once

#include <memory>

#include "chemsafe/store/internal/sql_connection.h"
#include "chemsafe/store/registry_store.h"

namespace chemsafe::store::internal {

// Migrates the database behind `conn` and wraps it; the store owns the connection.
Result<std::unique_ptr<RegistryStore>> MakeSqlRegistryStore(std::unique_ptr<SqlConnection> conn);

}  // namespace chemsafe::store::internal
