#include "chemsafe/store/testing/pg_test_url.h"

#include <libpq-fe.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <fstream>

#ifndef CHEMSAFE_TEST_PG_URL_FILE_DEFAULT
#define CHEMSAFE_TEST_PG_URL_FILE_DEFAULT ""
#endif

namespace chemsafe::store::testing {

std::optional<std::string> PostgresTestUrl() {
  if (const char* url = std::getenv("CHEMSAFE_TEST_PG_URL"); url != nullptr && *url != '\0') return std::string(url);
  const char* file = std::getenv("CHEMSAFE_TEST_PG_URL_FILE");
  const std::string path = file != nullptr && *file != '\0' ? file : CHEMSAFE_TEST_PG_URL_FILE_DEFAULT;
  if (path.empty()) return std::nullopt;
  std::ifstream in(path);
  std::string line;
  if (!in || !std::getline(in, line)) return std::nullopt;
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
  if (line.empty()) return std::nullopt;
  return line;
}

Result<std::string> FreshPostgresSchema(const std::string& url) {
  static std::atomic<int> counter{0};
  const auto now = std::chrono::steady_clock::now().time_since_epoch().count();
  const std::string schema = "t_" + std::to_string(getpid()) + "_" + std::to_string(counter++) + "_" +
                             std::to_string(static_cast<unsigned long long>(now) % 1000000007ULL);
  PGconn* c = PQconnectdb(url.c_str());
  if (PQstatus(c) != CONNECTION_OK) {
    std::string msg = PQerrorMessage(c);
    PQfinish(c);
    return Unavailable("postgres test server at " + url + ": " + msg);
  }
  PGresult* r = PQexec(c, ("CREATE SCHEMA " + schema).c_str());
  const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
  std::string msg = ok ? std::string() : PQresultErrorMessage(r);
  PQclear(r);
  PQfinish(c);
  if (!ok) return Internal("creating test schema " + schema + ": " + msg);
  const bool is_uri = url.rfind("postgres://", 0) == 0 || url.rfind("postgresql://", 0) == 0;
  if (is_uri) {
    return url + (url.find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" + schema;
  }
  return url + " options='-csearch_path=" + schema + "'";
}

Result<std::string> FreshTestDatabase(bool sqlite, const std::string& suite, const std::string& test,
                                      std::filesystem::path* dir) {
  if (sqlite) {
    *dir = std::filesystem::temp_directory_path() / (suite + "-" + std::to_string(::getpid()) + "-" + test);
    std::error_code ec;
    std::filesystem::remove_all(*dir, ec);
    std::filesystem::create_directories(*dir, ec);
    if (ec) return Unavailable("cannot create " + dir->string() + ": " + ec.message());
    return (*dir / "test.db").string();
  }
  const auto url = PostgresTestUrl();
  if (!url) return FailedPrecondition("no PostgreSQL test server (ctest fixture \"pg\")");
  return FreshPostgresSchema(*url);
}

}  // namespace chemsafe::store::testing
