// The government's inspection plans by grid officer (差异化监管, 网格化; issue 7, plan tasks T4 "by grid", T9):
// how often an enterprise is inspected follows its risk grade (inspect/frequency.h; the intervals are
// data/inspect/inspection_frequency.csv), and each grid officer sees what is due, done and overdue among the
// enterprises assigned to them.
//
// The plan of an enterprise: its highest risk-point grade (risk/grading.h; an enterprise with no risk point
// is planned as 一般 'general', and `grade_assumed` says so), the interval for that grade in its division
// (the most specific rule), the dates of its government inspections (inspect_store.h; self-inspections do
// not count), and from them the due dates in [from, to] as of `as_of` (inspect::PlanInspections) and a status:
//   overdue  a due date passed without an inspection (also one from before the period)
//   due      a due date in the period not yet reached
//   done     every due date in the period met by an inspection (on time or late)
//   none     nothing due in the period
//
// Scope (as inspect_service.h): a grid officer gets the enterprises assigned to them (one group, theirs); city
// and county officers the enterprises of their division, the province office and departments all, grouped
// by the grid officer each enterprise is assigned to (an enterprise with two officers is in both groups),
// the rest in a group with no officer (user_id 0); an enterprise user their own enterprise. The three
// administration roles see nothing (PermissionDenied). Read-only; thread-safety as the stores passed in.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "chemsafe/core/calendar.h"
#include "chemsafe/core/result.h"
#include "chemsafe/inspect/frequency.h"
#include "chemsafe/risk/grading.h"
#include "chemsafe/service/access.h"
#include "chemsafe/store/inspect_store.h"
#include "chemsafe/store/platform_store.h"
#include "chemsafe/store/registry_store.h"
#include "chemsafe/store/risk_store.h"

namespace chemsafe::service {

struct InspectPlanStores {
  store::RegistryStore& registry;
  store::InspectStore& inspect;
  store::RiskStore& risk;
  store::PlatformStore& platform;
};

// Persisted nowhere; the codes are the API's: "overdue", "due", "done", "none".
enum class EnterprisePlanStatus { kOverdue, kDue, kDone, kNone };
std::string_view EnterprisePlanStatusCode(EnterprisePlanStatus s);
std::string_view EnterprisePlanStatusLabelZh(EnterprisePlanStatus s);  // 逾期未检查, 本期待检查, 已检查, 本期无检查

struct EnterpriseInspectionPlan {
  std::int64_t enterprise_id = 0;
  std::string name;
  std::string uscc;
  std::string division_code;
  risk::RiskGrade grade = risk::RiskGrade::kGeneral;  // the highest grade of its risk points
  bool grade_assumed = false;                         // no risk point: planned as general
  int interval_months = 0;
  std::string rule_division_code;  // the rule applied: "" = the province default
  bool rule_verified = false;      // the rule's interval was read in its source
  std::optional<Date> last_inspection;  // the last government inspection on or before as_of
  std::optional<Date> next_due;         // the first due date not met
  EnterprisePlanStatus status = EnterprisePlanStatus::kNone;
  std::vector<inspect::PlanItem> items;  // the due dates (inspect::PlanInspections)
};

struct OfficerInspectionPlan {
  std::int64_t user_id = 0;  // 0: the enterprises with no grid officer
  std::string username;
  std::string name;
  std::vector<EnterpriseInspectionPlan> enterprises;  // overdue first, then by next due date, then by USCC
  int overdue = 0, due = 0, done = 0;                 // enterprises with that status
};

struct InspectionPlan {
  inspect::PlanPeriod period;
  std::vector<OfficerInspectionPlan> officers;  // by username, the group with no officer last
};

// The plan of the enterprises in the caller's scope over [from, to] as of `as_of`. `officer` (a username),
// when not empty, keeps only that officer's group (NotFound when that officer has none in scope).
// InvalidArgument when from > to; PermissionDenied for the administration roles.
Result<InspectionPlan> InspectionPlanInScope(InspectPlanStores s, const Principal& who, const inspect::FrequencyTable& table,
                                             const inspect::PlanPeriod& period, const std::string& officer = {});

// The plan as JSON (the CLI's --json and the API): {"from", "to", "as_of", "officers": [{"user_id", "username",
// "name", "overdue", "due", "done", "enterprises": [{"enterprise_id", "name", "uscc", "division_code", "grade",
// "grade_zh", "grade_assumed", "interval_months", "rule_division_code", "rule_verified", "last_inspection",
// "next_due", "status", "status_zh", "items": [{"due", "status", "inspected_on"}]}]}]}; dates YYYY-MM-DD or null.
nlohmann::ordered_json InspectionPlanJson(const InspectionPlan& plan);

}  // namespace chemsafe::service
