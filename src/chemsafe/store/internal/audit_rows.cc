#include "chemsafe/store/internal/audit_rows.h"

#include <array>

namespace chemsafe::store::internal {

Status AppendAuditRow(SqlConnection& conn, audit::AuditRecord& record) {
  if (conn.dialect() == SqlDialect::kPostgres) {
    // Readers go on; a second appender waits here until this transaction ends.
    CHEMSAFE_RETURN_IF_ERROR(conn.ExecScript("LOCK TABLE audit_log IN SHARE ROW EXCLUSIVE MODE"));
  }
  CHEMSAFE_ASSIGN_OR_RETURN(int last, conn.PrepareCached("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1"));
  std::int64_t seq = 0;
  std::string prev(audit::kGenesisHash);
  RowFn fn = [&](const SqlRow& r) {
    seq = r.Int(0);
    prev = std::string(r.Text(1));
    return Status::Ok();
  };
  CHEMSAFE_RETURN_IF_ERROR(conn.Run(last, {}, &fn).status());
  record.seq = seq + 1;
  audit::Seal(record, prev);
  CHEMSAFE_ASSIGN_OR_RETURN(int insert, conn.PrepareCached("INSERT INTO audit_log (seq, at, username, role, scope, client, "
                                                     "action, object, outcome, request_id, prev_hash, hash) VALUES "
                                                     "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  const std::array<SqlParam, 12> p = {record.seq,
                                      std::string_view(record.at),
                                      std::string_view(record.user),
                                      std::string_view(record.role),
                                      std::string_view(record.scope),
                                      std::string_view(record.client),
                                      std::string_view(record.action),
                                      std::string_view(record.object),
                                      std::string_view(record.outcome),
                                      std::string_view(record.request_id),
                                      std::string_view(record.prev_hash),
                                      std::string_view(record.hash)};
  return conn.Run(insert, p, nullptr).status();
}

}  // namespace chemsafe::store::internal
