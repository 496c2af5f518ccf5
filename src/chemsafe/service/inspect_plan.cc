// The government's inspection plans by grid officer (issue 7; plan tasks T4, T9); see inspect_plan.h.
#include "chemsafe/service/inspect_plan.h"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "chemsafe/inspect/finding.h"

namespace chemsafe::service {
namespace {

using json = nlohmann::ordered_json;

// The enterprises the caller sees (id order), or PermissionDenied.
Result<std::vector<registry::Enterprise>> EnterprisesInScope(store::RegistryStore& registry, const Principal& who) {
  std::vector<registry::Enterprise> out;
  store::EnterpriseFilter f;
  f.without_licences = true;
  switch (who.role) {
    case Role::kProvince:
    case Role::kDepartment: return registry.ListEnterprises(f);
    case Role::kCity:
    case Role::kCounty: f.division_prefix = who.DivisionPrefix(); return registry.ListEnterprises(f);
    case Role::kGrid:
      for (std::int64_t id : who.grid_enterprises) {
        CHEMSAFE_ASSIGN_OR_RETURN(auto e, registry.FindEnterpriseById(id));
        if (e) out.push_back(std::move(*e));
      }
      return out;
    case Role::kEnterprise: {
      if (who.enterprise_uscc.empty()) return out;
      CHEMSAFE_ASSIGN_OR_RETURN(auto e, registry.FindEnterprise(who.enterprise_uscc));
      if (e) out.push_back(std::move(*e));
      return out;
    }
    default:
      return PermissionDenied(fmt::format("{} ({}) may not see inspection plans", who.username, RoleCode(who.role)));
  }
}

// Narrows a store filter (enterprises, division_prefix) to the caller's enterprises.
template <typename Filter>
void Bound(const Principal& who, const std::vector<registry::Enterprise>& enterprises, Filter& f) {
  if (who.role == Role::kCity || who.role == Role::kCounty) {
    f.division_prefix = who.DivisionPrefix();
  } else if (who.role == Role::kGrid || who.role == Role::kEnterprise) {
    for (const auto& e : enterprises) f.enterprises.push_back(e.uscc);
  }
}

// The highest risk-point grade of each enterprise in scope (USCC -> grade).
Result<std::map<std::string, risk::RiskGrade>> HighestGrades(store::RiskStore& risk, const Principal& who,
                                                            const std::vector<registry::Enterprise>& enterprises) {
  std::map<std::string, risk::RiskGrade> out;
  store::RiskPointFilter f;
  Bound(who, enterprises, f);
  f.limit = 1000;
  for (;;) {
    CHEMSAFE_ASSIGN_OR_RETURN(auto page, risk.ListPoints(f));
    for (const auto& p : page) {
      const auto g = static_cast<risk::RiskGrade>(p.grade);
      auto [it, inserted] = out.emplace(p.enterprise_uscc, g);
      if (!inserted) it->second = std::max(it->second, g);
    }
    if (page.size() < static_cast<std::size_t>(f.limit)) return out;
    f.offset += f.limit;
  }
}

// The dates of the government inspections of each enterprise in scope (USCC -> dates).
Result<std::map<std::string, std::vector<Date>>> GovernmentInspections(store::InspectStore& inspect, const Principal& who,
                                                                       const std::vector<registry::Enterprise>& enterprises) {
  std::map<std::string, std::vector<Date>> out;
  store::InspectionFilter f;
  Bound(who, enterprises, f);
  f.limit = 1000;
  for (;;) {
    CHEMSAFE_ASSIGN_OR_RETURN(auto page, inspect.ListInspections(f));
    for (const auto& r : page) {
      if (r.kind != static_cast<int>(inspect::InspectionKind::kGovernment)) continue;
      auto d = Date::Parse(r.date);
      if (!d.ok()) return Internal(fmt::format("inspection {}: stored date \"{}\" is not a date", r.id, r.date));
      out[r.enterprise_uscc].push_back(*d);
    }
    if (page.size() < static_cast<std::size_t>(f.limit)) return out;
    f.offset += f.limit;
  }
}

Result<EnterpriseInspectionPlan> PlanOf(const registry::Enterprise& e, const inspect::FrequencyTable& table,
                                        const std::map<std::string, risk::RiskGrade>& grades,
                                        const std::map<std::string, std::vector<Date>>& inspections,
                                        const inspect::PlanPeriod& period) {
  EnterpriseInspectionPlan p;
  p.enterprise_id = e.id;
  p.name = e.name;
  p.uscc = e.uscc;
  p.division_code = e.division_code;
  if (auto g = grades.find(e.uscc); g != grades.end()) {
    p.grade = g->second;
  } else {
    p.grade = risk::RiskGrade::kGeneral;
    p.grade_assumed = true;
  }
  const inspect::FrequencyRule* rule = inspect::RuleFor(table, e.division_code, p.grade);
  if (rule == nullptr) {
    return InvalidArgument(fmt::format("frequency table: no rule for grade {} (a province default is required)",
                                       risk::RiskGradeCode(p.grade)));
  }
  p.interval_months = rule->interval_months;
  p.rule_division_code = rule->division_code;
  p.rule_verified = rule->verified;
  static const std::vector<Date> kNone;
  auto found = inspections.find(e.uscc);
  const std::vector<Date>& dates = found == inspections.end() ? kNone : found->second;
  CHEMSAFE_ASSIGN_OR_RETURN(auto dates_plan, inspect::PlanInspections(p.interval_months, dates, period));
  p.last_inspection = dates_plan.last_inspection;
  p.next_due = dates_plan.next_due;
  p.items = std::move(dates_plan.items);
  const auto has = [&](inspect::PlanStatus s) {
    return std::any_of(p.items.begin(), p.items.end(), [&](const inspect::PlanItem& i) { return i.status == s; });
  };
  if (has(inspect::PlanStatus::kOverdue)) {
    p.status = EnterprisePlanStatus::kOverdue;
  } else if (has(inspect::PlanStatus::kDue)) {
    p.status = EnterprisePlanStatus::kDue;
  } else if (!p.items.empty()) {
    p.status = EnterprisePlanStatus::kDone;
  }
  return p;
}

void Finish(OfficerInspectionPlan& o) {
  std::sort(o.enterprises.begin(), o.enterprises.end(), [](const auto& a, const auto& b) {
    const bool ao = a.status == EnterprisePlanStatus::kOverdue, bo = b.status == EnterprisePlanStatus::kOverdue;
    if (ao != bo) return ao;
    if (a.next_due != b.next_due) return a.next_due < b.next_due;
    return a.uscc < b.uscc;
  });
  for (const auto& e : o.enterprises) {
    if (e.status == EnterprisePlanStatus::kOverdue) ++o.overdue;
    if (e.status == EnterprisePlanStatus::kDue) ++o.due;
    if (e.status == EnterprisePlanStatus::kDone) ++o.done;
  }
}

json DateJson(const std::optional<Date>& d) { return d ? json(d->str()) : json(nullptr); }

}  // namespace

std::string_view EnterprisePlanStatusCode(EnterprisePlanStatus s) {
  switch (s) {
    case EnterprisePlanStatus::kOverdue: return "overdue";
    case EnterprisePlanStatus::kDue: return "due";
    case EnterprisePlanStatus::kDone: return "done";
    case EnterprisePlanStatus::kNone: return "none";
  }
  return "none";
}

std::string_view EnterprisePlanStatusLabelZh(EnterprisePlanStatus s) {
  switch (s) {
    case EnterprisePlanStatus::kOverdue: return "逾期未检查";
    case EnterprisePlanStatus::kDue: return "本期待检查";
    case EnterprisePlanStatus::kDone: return "已检查";
    case EnterprisePlanStatus::kNone: return "本期无检查";
  }
  return "本期无检查";
}

Result<InspectionPlan> InspectionPlanInScope(InspectPlanStores s, const Principal& who, const inspect::FrequencyTable& table,
                                             const inspect::PlanPeriod& period, const std::string& officer) {
  if (period.from > period.to) {
    return InvalidArgument(fmt::format("from: {} is after to: {}", period.from.str(), period.to.str()));
  }
  CHEMSAFE_ASSIGN_OR_RETURN(auto enterprises, EnterprisesInScope(s.registry, who));
  CHEMSAFE_ASSIGN_OR_RETURN(auto grades, HighestGrades(s.risk, who, enterprises));
  CHEMSAFE_ASSIGN_OR_RETURN(auto inspections, GovernmentInspections(s.inspect, who, enterprises));

  // The groups: the grid officer themself, or the grid officers assigned in the caller's division.
  std::map<std::string, OfficerInspectionPlan> groups;       // by username
  std::map<std::int64_t, std::vector<std::string>> officers_of;  // enterprise id -> usernames
  if (who.role == Role::kGrid) {
    groups[who.username] = {who.user_id, who.username, who.name, {}, 0, 0, 0};
    for (const auto& e : enterprises) officers_of[e.id].push_back(who.username);
  } else {
    const std::string prefix = who.role == Role::kEnterprise ? std::string() : who.DivisionPrefix();
    CHEMSAFE_ASSIGN_OR_RETURN(auto rows, s.platform.GridAssignmentsInDivision(prefix));
    std::set<std::int64_t> ids;
    for (const auto& e : enterprises) ids.insert(e.id);
    for (const auto& r : rows) {
      if (!ids.contains(r.enterprise_id)) continue;
      groups.try_emplace(r.username, OfficerInspectionPlan{r.user_id, r.username, r.name, {}, 0, 0, 0});
      officers_of[r.enterprise_id].push_back(r.username);
    }
  }
  OfficerInspectionPlan unassigned;
  for (const auto& e : enterprises) {
    CHEMSAFE_ASSIGN_OR_RETURN(EnterpriseInspectionPlan p, PlanOf(e, table, grades, inspections, period));
    auto it = officers_of.find(e.id);
    if (it == officers_of.end()) {
      unassigned.enterprises.push_back(std::move(p));
      continue;
    }
    for (const std::string& name : it->second) groups[name].enterprises.push_back(p);
  }
  InspectionPlan out;
  out.period = period;
  for (auto& [name, group] : groups) {
    if (!officer.empty() && name != officer) continue;
    Finish(group);
    out.officers.push_back(std::move(group));
  }
  if (officer.empty() && !unassigned.enterprises.empty()) {
    Finish(unassigned);
    out.officers.push_back(std::move(unassigned));
  }
  if (!officer.empty() && out.officers.empty()) {
    return NotFound(fmt::format("officer: {} has no enterprise in scope", officer));
  }
  return out;
}

nlohmann::ordered_json InspectionPlanJson(const InspectionPlan& plan) {
  json officers = json::array();
  for (const auto& o : plan.officers) {
    json enterprises = json::array();
    for (const auto& e : o.enterprises) {
      json items = json::array();
      for (const auto& i : e.items) {
        items.push_back({{"due", i.due.str()}, {"status", inspect::PlanStatusCode(i.status)},
                         {"status_zh", inspect::PlanStatusLabelZh(i.status)}, {"inspected_on", DateJson(i.inspected_on)}});
      }
      enterprises.push_back({{"enterprise_id", e.enterprise_id},
                             {"name", e.name},
                             {"uscc", e.uscc},
                             {"division_code", e.division_code},
                             {"grade", risk::RiskGradeCode(e.grade)},
                             {"grade_zh", risk::RiskGradeZh(e.grade)},
                             {"grade_assumed", e.grade_assumed},
                             {"interval_months", e.interval_months},
                             {"rule_division_code", e.rule_division_code},
                             {"rule_verified", e.rule_verified},
                             {"last_inspection", DateJson(e.last_inspection)},
                             {"next_due", DateJson(e.next_due)},
                             {"status", EnterprisePlanStatusCode(e.status)},
                             {"status_zh", EnterprisePlanStatusLabelZh(e.status)},
                             {"items", std::move(items)}});
    }
    officers.push_back({{"user_id", o.user_id},
                        {"username", o.username},
                        {"name", o.name},
                        {"overdue", o.overdue},
                        {"due", o.due},
                        {"done", o.done},
                        {"enterprises", std::move(enterprises)}});
  }
  return {{"from", plan.period.from.str()},
          {"to", plan.period.to.str()},
          {"as_of", plan.period.as_of.str()},
          {"officers", std::move(officers)}};
}

}  // namespace chemsafe::service
