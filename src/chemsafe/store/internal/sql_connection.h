// The small SQL driver interface the store is written against (module-private). Two implementations:
// sqlite/sqlite_connection.cc (sqlite3 C API) and postgres/pg_connection.cc (libpq). Driver types and
// driver errors stay behind it: every failure comes back as a Status whose code follows STYLE.md §2
// (constraint violations -> InvalidArgument/AlreadyExists, connection problems -> Unavailable).
// Not thread-safe: one connection per thread.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <variant>
#include <vector>

#include "chemsafe/core/result.h"

namespace chemsafe::store::internal {

enum class SqlDialect { kSqlite, kPostgres };

// A bound parameter: NULL, integer, real or text. Text is not copied: it must outlive the call.
using SqlParam = std::variant<std::nullptr_t, std::int64_t, double, std::string_view>;

// One result row, valid only during the callback that receives it.
class SqlRow {
 public:
  virtual ~SqlRow() = default;
  virtual bool IsNull(int col) const = 0;
  virtual std::int64_t Int(int col) const = 0;
  virtual double Real(int col) const = 0;
  virtual std::string_view Text(int col) const = 0;
};

using RowFn = std::function<Status(const SqlRow&)>;

// What kind of failure the last non-OK call met; lets the store name the field a constraint guards.
enum class SqlErrorKind { kNone, kUnique, kForeignKey, kCheck, kNotNull, kUnavailable, kOther };

class SqlConnection {
 public:
  virtual ~SqlConnection() = default;
  virtual SqlDialect dialect() const = 0;

  // Runs one or more statements without parameters (migrations, transaction control).
  virtual Status ExecScript(std::string_view sql) = 0;

  // Prepares `sql` (placeholders written `?`) once for the connection's lifetime; returns its handle.
  virtual Result<int> Prepare(std::string_view sql) = 0;
  // Prepare, once per distinct text for the connection's lifetime (later calls find the handle).
  Result<int> PrepareCached(std::string_view sql) {
    auto it = cached_.find(std::string(sql));
    if (it != cached_.end()) return it->second;
    CHEMSAFE_ASSIGN_OR_RETURN(int stmt, Prepare(sql));
    cached_.emplace(std::string(sql), stmt);
    return stmt;
  }

  // Runs a prepared statement with `params`, calling `on_row` (when not null) for each row returned.
  // Returns the number of rows the statement changed (0 for queries).
  virtual Result<std::int64_t> Run(int stmt, std::span<const SqlParam> params, const RowFn* on_row) = 0;

  // The clause an INSERT statement ends with for RunInsert: " RETURNING id" where the driver needs it
  // to learn the new row's id, empty where it has a cheaper way (SQLite: sqlite3_last_insert_rowid).
  virtual std::string_view InsertIdClause() const = 0;
  // Runs a prepared INSERT that ends with InsertIdClause(); returns the id of the row it inserted, or
  // 0 when it inserted none (ON CONFLICT DO NOTHING). Tables must have an integer key `id`.
  virtual Result<std::int64_t> RunInsert(int stmt, std::span<const SqlParam> params) = 0;

  // Runs a query whose result may be large and calls `on_row` for each row, without keeping the
  // whole result in memory; `on_row` may run other queries on this connection (but not write).
  virtual Status Stream(std::string_view sql, std::span<const SqlParam> params, const RowFn& on_row) = 0;

  // Write transaction (SQLite: BEGIN IMMEDIATE, so that it never fails later on a lock upgrade).
  virtual Status BeginWrite() = 0;
  // Read-only transaction giving one consistent snapshot for several queries.
  virtual Status BeginRead() = 0;
  virtual Status Commit() = 0;
  virtual Status Rollback() = 0;

  // Serialises schema migration between processes, inside a BeginWrite transaction (PostgreSQL: an
  // advisory lock; SQLite: BEGIN IMMEDIATE already holds the write lock).
  virtual Status LockForMigration() = 0;

  virtual SqlErrorKind last_error_kind() const = 0;

 private:
  std::unordered_map<std::string, int> cached_;
};

// A store over a connection: the store made on it and initialised (its migrations run), or the first
// error. The repositories' Open* functions are this over their driver's connection.
template <typename Impl, typename Interface>
Result<std::unique_ptr<Interface>> MakeSqlStore(Result<std::unique_ptr<SqlConnection>> conn) {
  if (!conn.ok()) return conn.status();
  auto store = std::make_unique<Impl>(std::move(conn).value());
  CHEMSAFE_RETURN_IF_ERROR(store->Init());
  return std::unique_ptr<Interface>(std::move(store));
}

// The rows `sql` answers with `params`, each made by `read(row)`: a T, or a Result<T> whose error ends the query
// with it. The statement is prepared once per connection (PrepareCached).
template <typename T, typename Read>
Result<std::vector<T>> QueryRows(SqlConnection& conn, const std::string& sql, std::span<const SqlParam> params,
                                 Read read) {
  CHEMSAFE_ASSIGN_OR_RETURN(int stmt, conn.PrepareCached(sql));
  std::vector<T> out;
  RowFn fn = [&](const SqlRow& r) -> Status {
    if constexpr (std::is_same_v<decltype(read(r)), T>) {
      out.push_back(read(r));
    } else {
      CHEMSAFE_ASSIGN_OR_RETURN(T v, read(r));
      out.push_back(std::move(v));
    }
    return Status::Ok();
  };
  CHEMSAFE_RETURN_IF_ERROR(conn.Run(stmt, params, &fn).status());
  return out;
}

}  // namespace chemsafe::store::internal
