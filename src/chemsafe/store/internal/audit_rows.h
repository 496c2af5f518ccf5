// Appending to the audit trail inside a caller's write transaction, shared by the stores whose writes
// are audited (platform_store.h, registry_store.h): the trail stays one chain whichever store writes.
#pragma once

#include "chemsafe/audit/chain.h"
#include "chemsafe/core/result.h"
#include "chemsafe/store/internal/sql_connection.h"

namespace chemsafe::store::internal {

// Inside a write transaction on `conn`: serialises appenders (PostgreSQL: a table lock held to the end
// of the transaction; SQLite: the transaction already holds the write lock), gives `record` the next
// seq, seals it with the last record's hash, and inserts it.
Status AppendAuditRow(SqlConnection& conn, audit::AuditRecord& record);

}  // namespace chemsafe::store::internal
