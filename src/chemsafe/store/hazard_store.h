// Repository of GB 18218-2018 assessments (issue 3; plan tasks T2, T5): every assessment of a unit with
// its inputs, the standard's edition and the time, so that any grade shown can be explained and
// reproduced; the transitions between assessments (a unit became a major hazard installation, its grade
// rose…) as events that later issues turn into alerts; and the filing (备案) records of major hazard
// installations. SQLite and PostgreSQL behind one interface, like registry_store.h; no SQL here.
// Thread-safety: one HazardStore per thread.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "chemsafe/core/result.h"
#include "chemsafe/registry/model.h"

namespace chemsafe::store {

struct HazardAssessmentRecord {
  std::int64_t id = 0;  // set by the store
  std::int64_t unit_id = 0;
  std::string assessed_at;     // ISO-8601 UTC text
  std::string edition;         // "GB 18218-2018"
  int basis = 1;               // hazard::QuantityBasis code
  int exposed_people = 0;
  std::string exposed_source;  // "computed" (protected targets within 500 m), "declared", "none"
  bool major_hazard = false;
  std::optional<double> sum_ratio;
  std::optional<double> alpha;
  std::optional<double> r;
  std::optional<int> grade;
  std::string error;   // why the unit could not be assessed (names the holding); empty when assessed
  std::string detail;  // the inputs and contributions as JSON, to explain and reproduce the result
};

// Persisted as its code: append-only.
enum class HazardEventKind : int {
  kBecameMajorHazard = 1,   // 新增重大危险源
  kNoLongerMajorHazard = 2,
  kGradeRose = 3,           // grade number fell: 4 -> 2 is more severe
  kGradeFell = 4,
  kAssessmentFailed = 5,    // the unit could not be assessed (a holding lacks what Q or β needs)
};
std::string_view HazardEventKindName(HazardEventKind kind);  // "became_major_hazard", …

struct HazardEvent {
  std::int64_t id = 0;
  std::int64_t unit_id = 0;
  std::string at;
  HazardEventKind kind = HazardEventKind::kBecameMajorHazard;
  std::optional<int> from_grade;
  std::optional<int> to_grade;
  std::int64_t assessment_id = 0;
};

// The latest assessment's outcome of a unit.
struct HazardLatest {
  std::int64_t unit_id = 0;
  std::int64_t assessment_id = 0;
  std::string assessed_at;
  bool major_hazard = false;
  std::optional<int> grade;
  bool failed = false;
};

// 备案 status of a major hazard installation. Persisted as its code: append-only.
enum class FilingStatus : int {
  kNotFiled = 1,  // 未备案
  kFiled = 2,     // 已备案
  kExpired = 3,   // 备案过期 (re-assessment overdue)
};

struct MhiFiling {
  std::int64_t unit_id = 0;
  FilingStatus status = FilingStatus::kNotFiled;
  std::string filing_date;             // YYYY-MM-DD, empty when not filed
  std::string next_reassessment_due;   // YYYY-MM-DD
};

// What an assessment needs of one current holding (registry::Holding's fields of the same names). The
// views are valid during the callback only.
struct HazardHoldingInput {
  std::int64_t unit_id = 0;
  std::string_view chemical_key;
  std::optional<double> max_quantity_t;
  std::optional<double> typical_quantity_t;
  std::optional<double> max_volume_m3;
  std::optional<double> density_t_m3;
  std::optional<double> pressure_mpa;
  registry::PhysicalState state = registry::PhysicalState::kLiquid;
  std::string_view gb18218_category;
  std::string_view valid_from;
};

// Which of the optional columns a read of the current holdings fills; the others stay empty.
struct HoldingInputColumns {
  bool typical_quantity = true;  // typical_quantity_t. Default: read
  bool valid_from = true;        // Default: read
};

class HazardStore {
 public:
  virtual ~HazardStore() = default;

  // The current holdings of the registry in the same database, in no particular order, read lean (no
  // joins, no ordering, only the columns an assessment needs): the read path of a province-wide run. In
  // the table's order: on SQLite a scan of the table costs 0.6x a walk through the partial index of
  // current holdings (1M holdings, all current), which SQLite would otherwise choose; the scan also reads
  // the ended versions, so it loses once a holding has about two versions on average (decision 0004).
  virtual Status ForEachCurrentHoldingInput(const std::function<Status(const HazardHoldingInput&)>& fn,
                                            const HoldingInputColumns& columns = {}) = 0;

  // Saves the assessments in one transaction; for each, compares with the unit's previous latest
  // outcome and records the transition events (returned). All or nothing. Only assessments on the
  // design-maximum basis (basis 1, GB 18218-2018 §4.1) become the unit's latest outcome and make events;
  // the others (actual quantities, a what-if view) are kept in the history only.
  virtual Result<std::vector<HazardEvent>> SaveAssessments(std::vector<HazardAssessmentRecord>& records) = 0;

  virtual Result<std::vector<HazardLatest>> Latest() = 0;
  // The latest outcome of each of these units that has one (a lookup per unit: for a few units).
  virtual Result<std::vector<HazardLatest>> LatestOf(std::span<const std::int64_t> unit_ids) = 0;
  // The unit's most recent assessment on any basis (its status on the design basis: Latest()).
  virtual Result<std::optional<HazardAssessmentRecord>> LatestAssessment(std::int64_t unit_id) = 0;
  virtual Result<std::vector<HazardAssessmentRecord>> AssessmentHistory(std::int64_t unit_id) = 0;
  // Events in time order; `since` (ISO UTC text) exclusive when given.
  virtual Result<std::vector<HazardEvent>> Events(std::optional<std::string> since = std::nullopt) = 0;

  virtual Status SetFiling(const MhiFiling& filing) = 0;
  virtual Result<std::optional<MhiFiling>> Filing(std::int64_t unit_id) = 0;
};

Result<std::unique_ptr<HazardStore>> OpenSqliteHazardStore(const std::string& path);
Result<std::unique_ptr<HazardStore>> OpenPostgresHazardStore(const std::string& url);

}  // namespace chemsafe::store
