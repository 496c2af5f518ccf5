// Repository of the inspections and hidden-hazard findings (issue 7; inspect/finding.h): each as its JSON body
// with the columns lists filter on. An inspection is written once. A finding is versioned (1 when new, +1
// each change; a change names the version it changes, so that two people acting on the same finding do not
// overwrite each other). A finding's photos are kept beside it, keyed by the SM3 hex of their bytes (the id
// the finding's body refers to). Every write leaves its audit record in the same transaction and raises the
// data generation. The rows are made by the service; no inspection knowledge here. SQLite and PostgreSQL
// behind one interface.
// Thread-safety: one InspectStore per thread.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "chemsafe/audit/chain.h"
#include "chemsafe/core/result.h"

namespace chemsafe::store {

struct InspectionRecord {
  std::int64_t id = 0;  // set by the store
  int kind = 0;         // inspect::InspectionKind code
  std::string enterprise_uscc;
  std::string date;     // YYYY-MM-DD
  std::string body;     // the inspection as JSON (service/inspect_service.h)
  std::string created_at;  // UTC text
  std::string created_by;
};

struct FindingRecord {
  std::int64_t id = 0;                        // set by the store when new
  std::optional<std::int64_t> inspection_id;  // the inspection it was found in, if any
  int kind = 0;                               // inspect::InspectionKind code: who found it
  std::string enterprise_uscc;
  int grade = 0;                              // inspect::HazardGrade code
  int state = 0;                              // inspect::FindingState code
  std::optional<int> criterion;               // item of 安监总管三〔2017〕121号
  std::optional<int> supervision_level;       // inspect::GovernmentLevel code (挂牌督办)
  std::string plan_deadline;                  // YYYY-MM-DD; empty: no plan (stored NULL)
  std::string found_date;                     // YYYY-MM-DD
  std::string body;                           // the whole finding as JSON (service/inspect_service.h)
  int version = 0;                            // set by the store: 1 when new, +1 each change
  std::string updated_at;                     // UTC text
  std::string updated_by;
};

struct FindingPhotoRecord {
  std::int64_t id = 0;  // set by the store
  std::int64_t finding_id = 0;
  std::string content_type;  // "image/jpeg", "image/png"
  std::string bytes;         // the file, as is
  std::string sm3;           // SM3 hex of bytes: the id the finding's body refers to
  std::string uploaded_at;   // UTC text
  std::string uploaded_by;
};

struct FindingFilter {
  std::vector<std::string> enterprises;  // when not empty: only these (USCCs)
  std::string division_prefix;           // when not empty: enterprises of this division (registry's)
  std::vector<int> states;               // when not empty: only these state codes
  std::optional<int> grade;              // when set: only this grade code
  int offset = 0;
  int limit = 1000;
};

struct InspectionFilter {
  std::vector<std::string> enterprises;  // when not empty: only these (USCCs)
  std::string division_prefix;           // when not empty: enterprises of this division (registry's)
  int offset = 0;
  int limit = 1000;
};

class InspectStore {
 public:
  virtual ~InspectStore() = default;

  // Stores a new inspection with its audit record in one transaction; sets id. Raises the data generation.
  virtual Status SaveInspection(InspectionRecord& inspection, audit::AuditRecord& audit) = 0;
  virtual Result<std::optional<InspectionRecord>> FindInspection(std::int64_t id) = 0;
  // In id order.
  virtual Result<std::vector<InspectionRecord>> ListInspections(const InspectionFilter& filter) = 0;

  // Stores a new finding (id 0) or a change of one, with its audit record (and `photo`, when given, for a
  // change: its finding_id is set to the finding's), in one transaction; a change must name the version
  // stored (FailedPrecondition when another change came first). Sets id, version (and the photo's id).
  // AlreadyExists when the photo is already stored for the finding. Raises the data generation.
  virtual Status SaveFinding(FindingRecord& finding, audit::AuditRecord& audit,
                             FindingPhotoRecord* photo = nullptr) = 0;
  virtual Result<std::optional<FindingRecord>> FindFinding(std::int64_t id) = 0;
  // In id order.
  virtual Result<std::vector<FindingRecord>> ListFindings(const FindingFilter& filter) = 0;

  // The photo of the finding with this SM3 hex; nullopt when there is none.
  virtual Result<std::optional<FindingPhotoRecord>> FindPhoto(std::int64_t finding_id, const std::string& sm3) = 0;
};

Result<std::unique_ptr<InspectStore>> OpenSqliteInspectStore(const std::string& path);
Result<std::unique_ptr<InspectStore>> OpenPostgresInspectStore(const std::string& url);

}  // namespace chemsafe::store
