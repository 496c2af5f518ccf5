// Repository of the governance module (issue 8 "Governance of the plan itself"; seed sections 三 and 五): the
// plans loaded (the plan JSON with the unit list it was validated against, kept as loaded), the reports units
// file (one per unit and obligation: the liaison names, the implementation plan, each quarter's progress
// report, the summary), their attachments, and the office's notes (reminders to a unit, comments on a report).
// A report keeps the day it was first filed and whether that was late for ever: an amendment changes its text
// and version only. Every write leaves its audit record in the same transaction and raises the data
// generation. The rows are made by the service (service/governance_service.h); no governance rules here.
// SQLite and PostgreSQL behind one interface. Thread-safety: one GovernanceStore per thread.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "chemsafe/audit/chain.h"
#include "chemsafe/core/result.h"

namespace chemsafe::store {

struct GovernancePlanRecord {
  std::int64_t id = 0;  // set by the store
  std::string code;     // unique: "粤府办〔2017〕11号"
  std::string title;
  std::string plan_json;   // as loaded (governance::ParsePlan reads it)
  std::string units_json;  // the unit list it was validated against
  std::string loaded_at, loaded_by;
};

struct GovernanceReportRecord {
  std::int64_t id = 0;  // set by the store when new
  std::int64_t plan_id = 0;
  std::string unit_id;
  std::string kind;     // governance::ObligationKindName
  std::string quarter;  // "2017Q3"; empty for the other kinds
  std::string due_on;   // YYYY-MM-DD, the obligation's due date when first filed
  std::string filed_on;  // YYYY-MM-DD (Asia/Shanghai), first filing; never changed
  bool late = false;     // filed_on > due_on; never changed
  std::string summary;
  std::string body;      // JSON: {"tasks": [...], "liaison": {...}} (service/governance_service.h)
  bool amended = false;  // changed after the first filing
  int version = 0;       // set by the store: 1 when new, +1 each change
  std::string filed_at, filed_by;  // set by the store from updated_* when new
  std::string updated_at, updated_by;
};

struct GovernanceReportFilter {
  std::int64_t plan_id = 0;
  std::string unit_id;  // when not empty
  std::string kind;     // when not empty
  std::string quarter;  // when not empty
};

struct GovernanceAttachmentRecord {
  std::int64_t id = 0;  // set by the store
  std::int64_t report_id = 0;
  std::string name;  // as uploaded, "广州市2017年第三季度进展.pdf"
  std::string content_type;
  std::string bytes;  // empty in lists
  std::string sm3;    // hex of the bytes: the attachment's id within the report
  std::int64_t size = 0;
  std::string uploaded_at, uploaded_by;
};

enum class GovernanceNoteKind : int {  // persisted: append-only
  kReminder = 1,  // 催报: to a unit, about an obligation
  kComment = 2,   // 批注: on a filed report
};

struct GovernanceNoteRecord {
  std::int64_t id = 0;  // set by the store
  std::int64_t plan_id = 0;
  GovernanceNoteKind kind = GovernanceNoteKind::kReminder;
  std::string unit_id;
  std::string obligation_kind;  // governance::ObligationKindName
  std::string quarter;          // empty for the other kinds
  std::int64_t report_id = 0;   // comments: the report; 0 for reminders
  std::string text;
  std::string created_at, created_by;
};

struct GovernanceNoteFilter {
  std::int64_t plan_id = 0;
  std::string unit_id;         // when not empty
  std::int64_t report_id = 0;  // when not 0
};

class GovernanceStore {
 public:
  virtual ~GovernanceStore() = default;

  // Stores a new plan with its audit record; sets id. AlreadyExists when its code is stored.
  virtual Status SavePlan(GovernancePlanRecord& plan, audit::AuditRecord& audit) = 0;
  virtual Result<std::optional<GovernancePlanRecord>> FindPlan(std::int64_t id) = 0;
  // In id order.
  virtual Result<std::vector<GovernancePlanRecord>> ListPlans() = 0;

  // Stores a new report (id 0: AlreadyExists when the unit has filed for that obligation) or a change naming
  // the version stored (FailedPrecondition when another change came first; NotFound for an unknown id).
  // A change keeps filed_on, late, due_on, filed_at and filed_by as stored and sets amended. Sets id and
  // version.
  virtual Status SaveReport(GovernanceReportRecord& report, audit::AuditRecord& audit) = 0;
  virtual Result<std::optional<GovernanceReportRecord>> FindReport(std::int64_t id) = 0;
  // By filed_on, then id.
  virtual Result<std::vector<GovernanceReportRecord>> ListReports(const GovernanceReportFilter& filter) = 0;

  // Stores an attachment of a report; sets id. AlreadyExists when the same bytes are attached already.
  virtual Status SaveAttachment(GovernanceAttachmentRecord& attachment, audit::AuditRecord& audit) = 0;
  // Without their bytes, in id order.
  virtual Result<std::vector<GovernanceAttachmentRecord>> ListAttachments(std::int64_t report_id) = 0;
  virtual Result<std::optional<GovernanceAttachmentRecord>> FindAttachment(std::int64_t report_id,
                                                                          const std::string& sm3) = 0;

  // Stores a note; sets id.
  virtual Status SaveNote(GovernanceNoteRecord& note, audit::AuditRecord& audit) = 0;
  // In id order.
  virtual Result<std::vector<GovernanceNoteRecord>> ListNotes(const GovernanceNoteFilter& filter) = 0;
};

Result<std::unique_ptr<GovernanceStore>> OpenSqliteGovernanceStore(const std::string& path);
Result<std::unique_ptr<GovernanceStore>> OpenPostgresGovernanceStore(const std::string& url);

}  // namespace chemsafe::store
