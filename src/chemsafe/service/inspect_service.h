// Inspections and the hidden-hazard closed loop as use cases (issue 7; plan tasks T9, T25): each action loads
// the finding, applies the inspect:: transition (inspect/finding.h: the states, the four-eyes acceptance, no
// closure without a passed acceptance), and saves it with the version it was loaded at and an audit record
// in the same transaction. Actions are dated by `at` (UTC text) as a date in Asia/Shanghai.
//
// Scope (as the traceability views, trace_views.h): the province office and departments see all; city and
// county officers the enterprises of their division; grid officers their assigned enterprises; an enterprise
// user its own. A finding or inspection outside the caller's scope is NotFound, as if it did not exist; one in
// scope that the caller may not act on is PermissionDenied. Who acts:
//   record an inspection  government (province, city, county, grid officers) for a government inspection;
//                         the enterprise's user for its self-inspection
//   report a finding      as the inspection it was found in (without one: a government officer, or the
//                         enterprise's user for a self-found one)
//   plan, progress        the finding's enterprise, or the province office
//   report rectified      the finding's enterprise
//   accept, close         government officers for a government finding; the enterprise's users for a
//                         self-inspection finding (never the person who reported it rectified: inspect::)
//   attach a photo        the finding's enterprise, or a government officer
// Departments read only. Thread-safety: as the stores passed in (one per thread).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "chemsafe/core/calendar.h"
#include "chemsafe/core/result.h"
#include "chemsafe/inspect/finding.h"
#include "chemsafe/inspect/overdue.h"
#include "chemsafe/inspect/statistics.h"
#include "chemsafe/service/access.h"
#include "chemsafe/store/inspect_store.h"
#include "chemsafe/store/registry_store.h"

namespace chemsafe::service {

struct InspectStores {
  store::RegistryStore& registry;
  store::InspectStore& inspect;
};

// A finding as stored: the domain value (its report.id is the store id as decimal text), who found it, and
// the store's version of it.
struct StoredFinding {
  inspect::Finding finding;
  inspect::InspectionKind kind = inspect::InspectionKind::kGovernment;  // self-inspection or government
  int version = 0;
  std::string updated_at;  // UTC text
  std::string updated_by;
};

// Records an inspection (its id is set by the store, as decimal text). NotFound when the enterprise is not
// in the registry or not in scope; PermissionDenied for a caller who may not record this kind;
// InvalidArgument naming the field.
Result<inspect::Inspection> RecordInspectionAs(InspectStores s, const Actor& actor, const std::string& at,
                                               inspect::Inspection inspection);

// Reports a finding (its id set by the store; found_by the caller; division_code and sector from the
// registry). photo_ids must be empty: photos are attached to a reported finding (AttachPhotoAs).
Result<StoredFinding> ReportFindingAs(InspectStores s, const Actor& actor, const std::string& at,
                                      inspect::FindingReport report);

// The transitions of inspect/finding.h on the finding `id`, by the caller, dated by `at`.
Result<StoredFinding> SubmitPlanAs(InspectStores s, const Actor& actor, const std::string& at, const std::string& id,
                                   inspect::Plan plan);
Result<StoredFinding> AddProgressAs(InspectStores s, const Actor& actor, const std::string& at, const std::string& id,
                                    std::string text);
Result<StoredFinding> ReportRectifiedAs(InspectStores s, const Actor& actor, const std::string& at,
                                        const std::string& id, std::string note = {});
Result<StoredFinding> AcceptAs(InspectStores s, const Actor& actor, const std::string& at, const std::string& id,
                               inspect::AcceptanceOutcome outcome, std::string note = {});
Result<StoredFinding> CloseAs(InspectStores s, const Actor& actor, const std::string& at, const std::string& id);

struct PhotoOptions {
  std::size_t max_bytes = 5 * 1024 * 1024;  // Default: 5 MiB (a chemsafe limit: a phone photo, not a video)
};
// Attaches a JPEG or PNG photo (the type read from its magic bytes, not from what the client says) to the
// finding; its id in report.photo_ids is the SM3 hex of its bytes. InvalidArgument for an empty, too large
// or non-image file; AlreadyExists when the same photo is attached; FailedPrecondition after closure.
Result<StoredFinding> AttachPhotoAs(InspectStores s, const Actor& actor, const std::string& at, const std::string& id,
                                    std::string bytes, const PhotoOptions& options = {});
// A photo of a finding in scope (NotFound otherwise).
Result<store::FindingPhotoRecord> FindingPhotoInScope(InspectStores s, const Principal& who, const std::string& id,
                                                      const std::string& photo_id);

struct FindingQuery {
  std::optional<inspect::FindingState> state;
  std::optional<inspect::HazardGrade> grade;
  std::optional<Date> overdue_on;  // when set: only the findings overdue on that day (EscalationRules below)
  inspect::EscalationRules rules;  // for overdue_on
  std::string enterprise_uscc;     // when not empty: that enterprise only
  int offset = 0;
  int limit = 500;
};
// The findings in the caller's scope, in id order.
Result<std::vector<StoredFinding>> ListFindingsInScope(InspectStores s, const Principal& who, const FindingQuery& q);
// One finding when in scope; NotFound otherwise.
Result<StoredFinding> FindingInScope(InspectStores s, const Principal& who, const std::string& id);

struct OverdueFinding {
  StoredFinding finding;
  inspect::OverdueAssessment overdue;  // days overdue, reason, escalation level
};
// The findings in scope overdue on `on`, most overdue first (then by id). InvalidArgument for invalid rules.
Result<std::vector<OverdueFinding>> OverdueInScope(InspectStores s, const Principal& who, Date on,
                                                   const inspect::EscalationRules& rules = {});

// The statistics of the findings in scope (inspect/statistics.h), grouped.
Result<std::vector<inspect::FindingCounts>> FindingStatisticsInScope(InspectStores s, const Principal& who,
                                                                     inspect::GroupBy by);

// The inspections in scope, in id order; one inspection when in scope (NotFound otherwise).
Result<std::vector<inspect::Inspection>> ListInspectionsInScope(InspectStores s, const Principal& who,
                                                                const std::string& enterprise_uscc = {});
Result<inspect::Inspection> InspectionInScope(InspectStores s, const Principal& who, const std::string& id);

// JSON codecs (the store's bodies, the API): errors name the JSON path ("report.grade: \"big\" is not one of
// general, major", "acceptances[0].by: missing").
nlohmann::ordered_json InspectionJson(const inspect::Inspection& inspection);
Result<inspect::Inspection> InspectionFromJson(const nlohmann::json& j);
nlohmann::ordered_json FindingReportJson(const inspect::FindingReport& report);
Result<inspect::FindingReport> FindingReportFromJson(const nlohmann::json& j);
nlohmann::ordered_json PlanJson(const inspect::Plan& plan);
Result<inspect::Plan> PlanFromJson(const nlohmann::json& j);
nlohmann::ordered_json FindingJson(const StoredFinding& finding);
Result<StoredFinding> FindingFromJson(const nlohmann::json& j);

}  // namespace chemsafe::service
