// The --db PATH (SQLite) / --pg URL (PostgreSQL) options shared by every command that uses the registry.
#pragma once

#include <CLI/CLI.hpp>

#include <memory>
#include <string>

#include "chemsafe/core/result.h"
#include "chemsafe/store/hazard_store.h"
#include "chemsafe/store/qra_store.h"
#include "chemsafe/store/registry_store.h"

namespace chemsafe::cli {

struct StoreOptions {
  std::string db_path;
  std::string pg_url;
};

// Adds --db and --pg (exactly one required) to `cmd`.
void AddStoreOptions(CLI::App& cmd, StoreOptions& options);

// Opens the store the options name, migrating it to the current schema.
Result<std::unique_ptr<store::RegistryStore>> OpenStore(const StoreOptions& options);
// The MHI database of the same database.
Result<std::unique_ptr<store::HazardStore>> OpenHazardStore(const StoreOptions& options);
// The stored QRA runs of the same database.
Result<std::unique_ptr<store::QraStore>> OpenQraStore(const StoreOptions& options);

}  // namespace chemsafe::cli
