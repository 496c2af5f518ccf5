#include "chemsafe/store/postgres/pg_connection.h"

#include <libpq-fe.h>

#include <charconv>
#include <cstring>
#include <string>
#include <vector>

#include "chemsafe/store/internal/sql_registry_store.h"

namespace chemsafe::store::postgres {
namespace {

using internal::RowFn;
using internal::SqlErrorKind;
using internal::SqlParam;

// Rewrites `?` placeholders as $1, $2, ... (outside quoted text).
std::string NumberPlaceholders(std::string_view sql) {
  std::string out;
  out.reserve(sql.size() + 16);
  int n = 0;
  char quote = '\0';
  for (char c : sql) {
    if (quote != '\0') {
      if (c == quote) quote = '\0';
      out.push_back(c);
    } else if (c == '\'' || c == '"') {
      quote = c;
      out.push_back(c);
    } else if (c == '?') {
      out += "$" + std::to_string(++n);
    } else {
      out.push_back(c);
    }
  }
  return out;
}

class PgRow final : public internal::SqlRow {
 public:
  PgRow(const PGresult* r, int row) : r_(r), row_(row) {}
  bool IsNull(int c) const override { return PQgetisnull(r_, row_, c) != 0; }
  std::int64_t Int(int c) const override {
    const char* p = PQgetvalue(r_, row_, c);
    std::int64_t v = 0;
    std::from_chars(p, p + std::strlen(p), v);
    return v;
  }
  double Real(int c) const override {
    // PostgreSQL 12+ prints float8 in the shortest text that reads back exactly (extra_float_digits=1).
    const char* p = PQgetvalue(r_, row_, c);
    double v = 0;
    auto res = std::from_chars(p, p + std::strlen(p), v);
    if (res.ec != std::errc()) v = std::strtod(p, nullptr);  // "Infinity", "NaN"
    return v;
  }
  std::string_view Text(int c) const override {
    return {PQgetvalue(r_, row_, c), static_cast<size_t>(PQgetlength(r_, row_, c))};
  }

 private:
  const PGresult* r_;
  int row_;
};

struct ResultHolder {
  PGresult* r = nullptr;
  ~ResultHolder() { PQclear(r); }
};

class PgConnection final : public internal::SqlConnection {
 public:
  PgConnection(PGconn* c, PostgresOptions options) : c_(c), options_(options) {}
  ~PgConnection() override { PQfinish(c_); }

  internal::SqlDialect dialect() const override { return internal::SqlDialect::kPostgres; }

  Status ExecScript(std::string_view sql) override {
    const std::string text(sql);
    ResultHolder r{PQexec(c_, text.c_str())};
    return Check(r.r);
  }

  Result<int> Prepare(std::string_view sql) override {
    const std::string name = "chemsafe_" + std::to_string(prepared_.size());
    const std::string text = NumberPlaceholders(sql);
    ResultHolder r{PQprepare(c_, name.c_str(), text.c_str(), 0, nullptr)};
    CHEMSAFE_RETURN_IF_ERROR(Check(r.r).WithContext("preparing \"" + std::string(sql) + "\""));
    prepared_.push_back(name);
    return static_cast<int>(prepared_.size() - 1);
  }

  Result<std::int64_t> Run(int stmt, std::span<const SqlParam> params, const RowFn* on_row) override {
    Texts t(params);
    ResultHolder r{PQexecPrepared(c_, prepared_.at(static_cast<size_t>(stmt)).c_str(), t.count(), t.values(),
                                  t.lengths(), nullptr, 0)};
    CHEMSAFE_RETURN_IF_ERROR(Check(r.r));
    CHEMSAFE_RETURN_IF_ERROR(EachRow(r.r, on_row));
    const char* changed = PQcmdTuples(r.r);
    std::int64_t n = 0;
    std::from_chars(changed, changed + std::strlen(changed), n);
    return n;
  }

  std::string_view InsertIdClause() const override { return " RETURNING id"; }
  Result<std::int64_t> RunInsert(int stmt, std::span<const SqlParam> params) override {
    std::int64_t id = 0;
    const RowFn fn = [&id](const internal::SqlRow& r) {
      id = r.Int(0);
      return Status::Ok();
    };
    CHEMSAFE_ASSIGN_OR_RETURN(std::int64_t changed, Run(stmt, params, &fn));
    (void)changed;
    return id;
  }

  Status Stream(std::string_view sql, std::span<const SqlParam> params, const RowFn& on_row) override {
    // A cursor (in a read-only snapshot unless a transaction is open), read page by page, so that
    // `on_row` may run other queries on this connection between pages.
    const bool own_transaction = !in_transaction_;
    if (own_transaction) CHEMSAFE_RETURN_IF_ERROR(BeginRead());
    const std::string cursor = "chemsafe_cursor_" + std::to_string(++cursor_counter_);
    Status st = [&]() -> Status {
      Texts t(params);
      const std::string declare = "DECLARE " + cursor + " NO SCROLL CURSOR FOR " + NumberPlaceholders(sql);
      ResultHolder d{PQexecParams(c_, declare.c_str(), t.count(), nullptr, t.values(), t.lengths(), nullptr, 0)};
      CHEMSAFE_RETURN_IF_ERROR(Check(d.r));
      const std::string fetch = "FETCH FORWARD " + std::to_string(options_.stream_page_rows) + " FROM " + cursor;
      for (;;) {
        ResultHolder page{PQexec(c_, fetch.c_str())};
        CHEMSAFE_RETURN_IF_ERROR(Check(page.r));
        if (PQntuples(page.r) == 0) break;
        CHEMSAFE_RETURN_IF_ERROR(EachRow(page.r, &on_row));
      }
      return ExecScript("CLOSE " + cursor);
    }();
    if (own_transaction) {
      Status end = st.ok() ? Commit() : Rollback();
      if (st.ok()) st = end;
    }
    return st;
  }

  Status BeginWrite() override { return Begin("BEGIN"); }
  Status BeginRead() override { return Begin("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"); }
  Status Commit() override { return End("COMMIT"); }
  Status Rollback() override { return End("ROLLBACK"); }
  // One migrator at a time across processes; the key is arbitrary but fixed for chemsafe.
  Status LockForMigration() override { return ExecScript("SELECT pg_advisory_xact_lock(2017061801)"); }
  SqlErrorKind last_error_kind() const override { return kind_; }

 private:
  // Parameters as text (PostgreSQL infers their types from the statement).
  class Texts {
   public:
    explicit Texts(std::span<const SqlParam> params) {
      store_.reserve(params.size());
      for (const SqlParam& p : params) {
        if (std::holds_alternative<std::nullptr_t>(p)) {
          store_.emplace_back();
          null_.push_back(true);
        } else if (const auto* n = std::get_if<std::int64_t>(&p)) {
          store_.push_back(std::to_string(*n));
          null_.push_back(false);
        } else if (const auto* d = std::get_if<double>(&p)) {
          char buf[32];
          auto res = std::to_chars(buf, buf + sizeof buf, *d);  // shortest text that reads back exactly
          store_.emplace_back(buf, res.ptr);
          null_.push_back(false);
        } else {
          store_.emplace_back(std::get<std::string_view>(p));
          null_.push_back(false);
        }
      }
      for (size_t i = 0; i < store_.size(); ++i) {
        values_.push_back(null_[i] ? nullptr : store_[i].c_str());
        lengths_.push_back(static_cast<int>(store_[i].size()));
      }
    }
    int count() const { return static_cast<int>(values_.size()); }
    const char* const* values() const { return values_.data(); }
    const int* lengths() const { return lengths_.data(); }

   private:
    std::vector<std::string> store_;
    std::vector<bool> null_;
    std::vector<const char*> values_;
    std::vector<int> lengths_;
  };

  Status Begin(const char* sql) {
    CHEMSAFE_RETURN_IF_ERROR(ExecScript(sql));
    in_transaction_ = true;
    return Status::Ok();
  }
  Status End(const char* sql) {
    in_transaction_ = false;
    return ExecScript(sql);
  }

  Status EachRow(const PGresult* r, const RowFn* on_row) {
    if (on_row == nullptr) return Status::Ok();
    const int rows = PQntuples(r);
    for (int i = 0; i < rows; ++i) {
      Status st = (*on_row)(PgRow(r, i));
      if (!st.ok()) {
        kind_ = SqlErrorKind::kOther;
        return st;
      }
    }
    return Status::Ok();
  }

  // Maps a libpq result to a Status by its SQLSTATE (PostgreSQL 15 Appendix A, "Error Codes").
  Status Check(const PGresult* r) {
    const ExecStatusType s = r != nullptr ? PQresultStatus(r) : PGRES_FATAL_ERROR;
    if (s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK || s == PGRES_EMPTY_QUERY) {
      kind_ = SqlErrorKind::kNone;
      return Status::Ok();
    }
    std::string msg = r != nullptr ? PQresultErrorMessage(r) : PQerrorMessage(c_);
    while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
    if (const char* detail = r != nullptr ? PQresultErrorField(r, PG_DIAG_MESSAGE_DETAIL) : nullptr) {
      msg += " (" + std::string(detail) + ")";
    }
    msg = "postgres: " + msg;
    const char* state_field = r != nullptr ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
    const std::string state = state_field != nullptr ? state_field : "";
    if (PQstatus(c_) != CONNECTION_OK || state.rfind("08", 0) == 0 || state == "57P01" || state == "57P02" ||
        state == "57P03" || state == "53300") {
      kind_ = SqlErrorKind::kUnavailable;
      return Unavailable(msg);
    }
    if (state == "23505") {
      kind_ = SqlErrorKind::kUnique;
      return AlreadyExists(msg);
    }
    if (state == "23503") {
      kind_ = SqlErrorKind::kForeignKey;
      return InvalidArgument(msg);
    }
    if (state == "23514") {
      kind_ = SqlErrorKind::kCheck;
      return InvalidArgument(msg);
    }
    if (state == "23502") {
      kind_ = SqlErrorKind::kNotNull;
      return InvalidArgument(msg);
    }
    if (state.rfind("22", 0) == 0) {  // data exception: a value the column cannot hold
      kind_ = SqlErrorKind::kCheck;
      return InvalidArgument(msg);
    }
    if (state == "40001" || state == "40P01" || state == "55P03") {  // serialization, deadlock, lock
      kind_ = SqlErrorKind::kUnavailable;
      return Unavailable(msg);
    }
    kind_ = SqlErrorKind::kOther;
    return Internal(msg);
  }

  PGconn* c_;
  PostgresOptions options_;
  std::vector<std::string> prepared_;
  bool in_transaction_ = false;
  int cursor_counter_ = 0;
  SqlErrorKind kind_ = SqlErrorKind::kNone;
};

void IgnoreNotice(void*, const char*) {}

}  // namespace

Result<std::unique_ptr<internal::SqlConnection>> OpenPostgresConnection(const std::string& url,
                                                                        const PostgresOptions& options) {
  PGconn* c = PQconnectdb(url.c_str());
  if (c == nullptr) return Unavailable("postgres: out of memory connecting");
  if (PQstatus(c) != CONNECTION_OK) {
    std::string msg = PQerrorMessage(c);
    PQfinish(c);
    while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
    return Unavailable("postgres: cannot connect: " + msg);
  }
  PQsetNoticeProcessor(c, IgnoreNotice, nullptr);  // "relation already exists, skipping" and the like
  if (PQsetClientEncoding(c, "UTF8") != 0) {
    PQfinish(c);
    return Unavailable("postgres: the server cannot use UTF8 client encoding");
  }
  return std::unique_ptr<internal::SqlConnection>(std::make_unique<PgConnection>(c, options));
}

}  // namespace chemsafe::store::postgres

namespace chemsafe::store {

Result<std::unique_ptr<RegistryStore>> OpenPostgres(const std::string& url) {
  CHEMSAFE_ASSIGN_OR_RETURN(auto conn, postgres::OpenPostgresConnection(url));
  return internal::MakeSqlRegistryStore(std::move(conn));
}

}  // namespace chemsafe::store
