// Test support for suites that run against PostgreSQL (store, service tests). `make test` starts a
// throw-away PostgreSQL 15 cluster as the ctest fixture "pg" (scripts/pg-test-cluster.sh) and writes its
// URL to a file; a test that needs it sets FIXTURES_REQUIRED pg and calls PostgresTestUrl().
// For tests only; not thread-safe with respect to the environment.
#pragma once

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

}  // namespace chemsafe::store::testing
