// SQLite implementation of internal::SqlConnection (sqlite3 C API). Opens the file with WAL journal,
// synchronous=FULL (a commit is on disk when it returns, https://sqlite.org/pragma.html#pragma_synchronous),
// foreign keys on and a busy timeout. Not thread-safe: one connection per thread.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "chemsafe/store/internal/sql_connection.h"

namespace chemsafe::store::sqlite {

struct SqliteOptions {
  int busy_timeout_ms = 5000;   // Default: wait up to 5 s for another writer before Unavailable.
  int cache_size_kib = 65536;   // Default: 64 MiB page cache, so that bulk imports keep indexes in memory.
  // Default: map up to 4 GiB of the file for reading (SQLite caps it at its SQLITE_MAX_MMAP_SIZE); 0: off.
  std::int64_t mmap_size_bytes = std::int64_t{4} << 30;
};

Result<std::unique_ptr<internal::SqlConnection>> OpenSqliteConnection(const std::string& path,
                                                                      const SqliteOptions& options = {});

}  // namespace chemsafe::store::sqlite
