// Test support for suites that run against PostgreSQL (store, service tests). `make test` starts a
// throw-away PostgreSQL 15 cluster as the ctest fixture "pg" (scripts/pg-test-cluster.sh) and writes its
// URL to a file; a test that needs it sets FIXTURES_REQUIRED pg and calls PostgresTestUrl().
// For tests only; not thread-safe with respect to the environment.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "chemsafe/core/result.h"

namespace chemsafe::store::testing {

// The server to test against: $CHEMSAFE_TEST_PG_URL, else the first line of the file named by
// $CHEMSAFE_TEST_PG_URL_FILE (default: <build dir>/pg-test-cluster/url, written by the ctest fixture).
// nullopt when neither exists.
std::optional<std::string> PostgresTestUrl();

// Creates a new, uniquely named schema on the server at `url` and returns a URL whose connections use
// it (search_path), so that each test starts from an empty database and tests can run in parallel.
Result<std::string> FreshPostgresSchema(const std::string& url);

// The database of one test of a suite run on both backends: a new SQLite file in a new folder of the
// temp directory named after `suite`, the process and `test` (the folder is stored in *dir, for the test
// to remove), or a fresh schema on the PostgreSQL test server (FailedPrecondition when there is none).
Result<std::string> FreshTestDatabase(bool sqlite, const std::string& suite, const std::string& test,
                                      std::filesystem::path* dir);

}  // namespace chemsafe::store::testing
