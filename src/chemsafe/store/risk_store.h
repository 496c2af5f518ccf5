// Repository of the risk points (issue 7; risk/risk_point.h): each point as its JSON body with the columns
// that lists filter on, versioned (1 when new, +1 each change; a change names the version it changes, so that
// two people editing the same point do not overwrite each other), every earlier version kept. The rows are
// made by the service; no risk knowledge here. SQLite and PostgreSQL behind one interface.
// Thread-safety: one RiskStore per thread.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "chemsafe/audit/chain.h"
#include "chemsafe/core/result.h"

namespace chemsafe::store {

struct RiskPointRecord {
  std::int64_t id = 0;  // set by the store when new
  std::string enterprise_uscc;
  std::string unit_code;
  std::string name;
  int grade = 0;           // risk::RiskGrade code
  int control_status = 0;  // risk::ControlStatus code
  std::string review_due;  // YYYY-MM-DD
  std::optional<double> lon, lat;
  std::string body;        // the point as JSON (service/risk_views.h)
  int version = 0;         // set by the store: 1 when new, +1 each change
  std::string updated_at;  // UTC text
  std::string updated_by;
};

struct RiskPointFilter {
  std::vector<std::string> enterprises;  // when not empty: only these (USCCs)
  std::string division_prefix;           // when not empty: enterprises of this division (registry's)
  std::optional<int> min_grade;          // when set: grade >= this
  int offset = 0;
  int limit = 1000;
};

class RiskStore {
 public:
  virtual ~RiskStore() = default;

  // Stores a new point (id 0) or a change of one, with its audit record, in one transaction; a change must
  // name the version stored (FailedPrecondition when another change came first) and keeps that version in
  // the history. Sets id, version. Raises the data generation.
  virtual Status SavePoint(RiskPointRecord& point, audit::AuditRecord& audit) = 0;
  virtual Result<std::optional<RiskPointRecord>> FindPoint(std::int64_t id) = 0;
  // The point as it was at `version` (the current one included); nullopt when there is none.
  virtual Result<std::optional<RiskPointRecord>> PointAtVersion(std::int64_t id, int version) = 0;
  // In id order.
  virtual Result<std::vector<RiskPointRecord>> ListPoints(const RiskPointFilter& filter) = 0;
};

Result<std::unique_ptr<RiskStore>> OpenSqliteRiskStore(const std::string& path);
Result<std::unique_ptr<RiskStore>> OpenPostgresRiskStore(const std::string& url);

}  // namespace chemsafe::store
