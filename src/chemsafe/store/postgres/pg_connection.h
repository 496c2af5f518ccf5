// PostgreSQL implementation of internal::SqlConnection (libpq). Text-format parameters and results;
// statements prepared once per connection; large results are read through a cursor in pages.
// Durability is PostgreSQL's default (synchronous_commit=on: a commit is flushed to WAL when it
// returns). Not thread-safe: one connection per thread.
#pragma once

#include <memory>
#include <string>

#include "chemsafe/store/internal/sql_connection.h"

namespace chemsafe::store::postgres {

struct PostgresOptions {
  int stream_page_rows = 5000;  // Default: rows fetched per cursor page when streaming.
};

// `url`: a libpq connection string or URI (postgresql://user@host:port/db?options=...).
Result<std::unique_ptr<internal::SqlConnection>> OpenPostgresConnection(const std::string& url,
                                                                        const PostgresOptions& options = {});

}  // namespace chemsafe::store::postgres
