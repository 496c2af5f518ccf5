// One audited write transaction over the SQL driver interface (module-private; issue 7, credit store): the
// body's statements, the data generation raised and the audit record appended, all committed together or all
// rolled back (then `undo` puts the caller's record back as it was).
#pragma once

#include "chemsafe/audit/chain.h"
#include "chemsafe/core/result.h"
#include "chemsafe/store/internal/audit_rows.h"
#include "chemsafe/store/internal/sql_connection.h"

namespace chemsafe::store::internal {

template <typename Body, typename Undo>
Status AuditedWrite(SqlConnection& conn, audit::AuditRecord& audit, Body body, Undo undo) {
  CHEMSAFE_ASSIGN_OR_RETURN(int bump, conn.PrepareCached("UPDATE data_generation SET n = n + 1 WHERE id = 1"));
  CHEMSAFE_RETURN_IF_ERROR(conn.BeginWrite());
  Status s = body();
  if (s.ok()) s = conn.Run(bump, {}, nullptr).status();
  if (s.ok()) s = AppendAuditRow(conn, audit);
  if (!s.ok()) {
    (void)conn.Rollback();
    undo();
    return s;
  }
  return conn.Commit();
}

}  // namespace chemsafe::store::internal
