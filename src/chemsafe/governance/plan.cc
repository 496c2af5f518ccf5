// Parsing and validating the governance plan and its units (issue 8); see plan.h.
#include "chemsafe/governance/plan.h"

#include <algorithm>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace chemsafe::governance {
namespace {

using json = nlohmann::json;

Result<json> ParseJson(std::string_view text, std::string_view what) {
  try {
    return json::parse(text);
  } catch (const json::parse_error& e) {
    return InvalidArgument(fmt::format("{}: not valid JSON at byte {}", what, e.byte));
  }
}

// Field readers: each error names `path` (e.g. "tasks[3].title").
Result<std::string> String(const json& obj, const std::string& path, const char* key, bool required = true) {
  const std::string at = path.empty() ? key : path + "." + key;
  if (!obj.contains(key)) {
    if (required) return InvalidArgument(at + ": missing");
    return std::string();
  }
  if (!obj[key].is_string()) return InvalidArgument(at + ": must be a string");
  std::string s = obj[key].get<std::string>();
  if (required && s.empty()) return InvalidArgument(at + ": must not be empty");
  return s;
}

Result<int> Int(const json& obj, const std::string& path, const char* key) {
  const std::string at = path.empty() ? key : path + "." + key;
  if (!obj.contains(key) || !obj[key].is_number_integer()) return InvalidArgument(at + ": must be an integer");
  return obj[key].get<int>();
}

Result<Date> DateField(const json& obj, const std::string& path, const char* key) {
  CHEMSAFE_ASSIGN_OR_RETURN(std::string s, String(obj, path, key));
  auto d = Date::Parse(s);
  if (!d.ok()) return InvalidArgument(fmt::format("{}: \"{}\" is not a date YYYY-MM-DD", path.empty() ? key : path + "." + key, s));
  return *d;
}

Result<std::optional<Date>> OptionalDate(const json& obj, const std::string& path, const char* key) {
  if (!obj.contains(key)) return std::optional<Date>();
  CHEMSAFE_ASSIGN_OR_RETURN(Date d, DateField(obj, path, key));
  return std::optional<Date>(d);
}

Result<std::vector<std::string>> Strings(const json& obj, const std::string& path, const char* key, bool required) {
  const std::string at = path.empty() ? key : path + "." + key;
  std::vector<std::string> out;
  if (!obj.contains(key)) {
    if (required) return InvalidArgument(at + ": missing");
    return out;
  }
  if (!obj[key].is_array()) return InvalidArgument(at + ": must be an array");
  for (size_t i = 0; i < obj[key].size(); ++i) {
    if (!obj[key][i].is_string()) return InvalidArgument(fmt::format("{}[{}]: must be a string", at, i));
    out.push_back(obj[key][i].get<std::string>());
  }
  return out;
}

Result<const json*> Array(const json& obj, const std::string& path, const char* key) {
  const std::string at = path.empty() ? key : path + "." + key;
  if (!obj.contains(key) || !obj[key].is_array()) return InvalidArgument(at + ": must be an array");
  return &obj[key];
}

Result<UnitKind> ParseUnitKind(const std::string& s, const std::string& at) {
  for (UnitKind k : {UnitKind::kProvincial, UnitKind::kCentral, UnitKind::kCity, UnitKind::kCollective}) {
    if (UnitKindName(k) == s) return k;
  }
  return InvalidArgument(fmt::format("{}: \"{}\" is not one of provincial, central, city, collective", at, s));
}

Result<MilestoneKind> ParseMilestoneKind(const std::string& s, const std::string& at) {
  for (MilestoneKind k : {MilestoneKind::kComplete, MilestoneKind::kInterim, MilestoneKind::kDeepening,
                          MilestoneKind::kContinuous}) {
    if (MilestoneKindName(k) == s) return k;
  }
  return InvalidArgument(fmt::format("{}: \"{}\" is not one of complete, interim, deepening, continuous", at, s));
}

// The unit ids of a plan field, each resolved (id, name or alias) against `units`.
Result<std::vector<std::string>> UnitIds(const json& obj, const std::string& path, const char* key,
                                         const UnitList& units) {
  CHEMSAFE_ASSIGN_OR_RETURN(auto names, Strings(obj, path, key, /*required=*/false));
  std::vector<std::string> ids;
  for (size_t i = 0; i < names.size(); ++i) {
    const Unit* u = units.Resolve(names[i]);
    if (u == nullptr) {
      return InvalidArgument(fmt::format("{}.{}[{}]: \"{}\" is not a unit of units.json", path, key, i, names[i]));
    }
    ids.push_back(u->id);
  }
  return ids;
}

Result<Milestone> ParseMilestone(const json& m, const std::string& at) {
  if (!m.is_object()) return InvalidArgument(at + ": must be an object");
  Milestone out;
  CHEMSAFE_ASSIGN_OR_RETURN(std::string kind, String(m, at, "kind"));
  CHEMSAFE_ASSIGN_OR_RETURN(out.kind, ParseMilestoneKind(kind, at + ".kind"));
  CHEMSAFE_ASSIGN_OR_RETURN(out.text, String(m, at, "text", /*required=*/false));
  CHEMSAFE_ASSIGN_OR_RETURN(out.date, OptionalDate(m, at, "date"));
  CHEMSAFE_ASSIGN_OR_RETURN(out.from, OptionalDate(m, at, "from"));
  CHEMSAFE_ASSIGN_OR_RETURN(out.to, OptionalDate(m, at, "to"));
  switch (out.kind) {
    case MilestoneKind::kComplete:
    case MilestoneKind::kInterim:
      if (!out.date) return InvalidArgument(at + ".date: missing (a " + kind + " milestone has a date)");
      if (out.from || out.to) return InvalidArgument(at + ": a " + kind + " milestone has a date, not from/to");
      break;
    case MilestoneKind::kDeepening:
      if (!out.from || !out.to) return InvalidArgument(at + ": a deepening milestone needs from and to");
      if (*out.to < *out.from) return InvalidArgument(at + ".to: before from");
      if (out.date) return InvalidArgument(at + ".date: a deepening milestone has from/to, not a date");
      break;
    case MilestoneKind::kContinuous:
      if (out.date || out.from || out.to) return InvalidArgument(at + ": a continuous milestone has no dates");
      break;
  }
  return out;
}

void AppendOnce(std::vector<std::string>& out, const std::vector<std::string>& ids,
                const std::vector<std::string>& skip = {}) {
  for (const auto& id : ids) {
    if (std::find(out.begin(), out.end(), id) == out.end() && std::find(skip.begin(), skip.end(), id) == skip.end()) {
      out.push_back(id);
    }
  }
}

}  // namespace

std::string_view UnitKindName(UnitKind kind) {
  switch (kind) {
    case UnitKind::kProvincial: return "provincial";
    case UnitKind::kCentral: return "central";
    case UnitKind::kCity: return "city";
    case UnitKind::kCollective: return "collective";
  }
  return "?";
}

std::string_view MilestoneKindName(MilestoneKind kind) {
  switch (kind) {
    case MilestoneKind::kComplete: return "complete";
    case MilestoneKind::kInterim: return "interim";
    case MilestoneKind::kDeepening: return "deepening";
    case MilestoneKind::kContinuous: return "continuous";
  }
  return "?";
}

const Unit* UnitList::Find(std::string_view id) const {
  for (const auto& u : units_) {
    if (u.id == id) return &u;
  }
  return nullptr;
}

const Unit* UnitList::Resolve(std::string_view name) const {
  for (const auto& u : units_) {
    if (u.id == name || u.name == name) return &u;
    if (std::find(u.aliases.begin(), u.aliases.end(), name) != u.aliases.end()) return &u;
  }
  return nullptr;
}

Result<std::vector<std::string>> UnitList::ResolveList(std::string_view text) const {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < text.size()) {
    const std::string_view rest = text.substr(i);
    if (rest.starts_with("、") || rest.starts_with("和")) {
      i += std::string_view("、").size();  // both are 3 bytes in UTF-8
      continue;
    }
    const Unit* best = nullptr;
    size_t best_len = 0;
    for (const auto& u : units_) {
      auto consider = [&](const std::string& a) {
        if (a.size() > best_len && rest.starts_with(a)) { best = &u; best_len = a.size(); }
      };
      consider(u.name);
      for (const auto& a : u.aliases) consider(a);
    }
    if (best == nullptr) return NotFound(fmt::format("no unit of units.json at \"{}\"", rest));
    out.push_back(best->id);
    i += best_len;
  }
  return out;
}

std::vector<const Unit*> UnitList::ReportingUnits() const {
  std::vector<const Unit*> out;
  for (const auto& u : units_) {
    if (u.kind != UnitKind::kCollective) out.push_back(&u);
  }
  return out;
}

std::vector<std::string> UnitList::IdsCovering(std::string_view id) const {
  std::vector<std::string> out{std::string(id)};
  for (const auto& u : units_) {
    if (std::find(u.expands_to.begin(), u.expands_to.end(), id) != u.expands_to.end()) out.push_back(u.id);
  }
  return out;
}

Result<UnitList> ParseUnitList(std::string_view json_text) {
  CHEMSAFE_ASSIGN_OR_RETURN(json doc, ParseJson(json_text, "units"));
  if (!doc.is_object()) return InvalidArgument("$: must be an object");
  CHEMSAFE_ASSIGN_OR_RETURN(const json* arr, Array(doc, "", "units"));
  UnitList list;
  std::set<std::string> names;  // ids, names and aliases: one unit each
  for (size_t i = 0; i < arr->size(); ++i) {
    const json& u = (*arr)[i];
    const std::string at = fmt::format("units[{}]", i);
    if (!u.is_object()) return InvalidArgument(at + ": must be an object");
    Unit unit;
    CHEMSAFE_ASSIGN_OR_RETURN(unit.id, String(u, at, "id"));
    if (!std::all_of(unit.id.begin(), unit.id.end(), [](char c) {
          return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
        })) {
      return InvalidArgument(fmt::format("{}.id: \"{}\" must be lower-case ASCII, digits and _", at, unit.id));
    }
    CHEMSAFE_ASSIGN_OR_RETURN(unit.name, String(u, at, "name"));
    CHEMSAFE_ASSIGN_OR_RETURN(std::string kind, String(u, at, "kind"));
    CHEMSAFE_ASSIGN_OR_RETURN(unit.kind, ParseUnitKind(kind, at + ".kind"));
    CHEMSAFE_ASSIGN_OR_RETURN(unit.aliases, Strings(u, at, "aliases", /*required=*/true));
    CHEMSAFE_ASSIGN_OR_RETURN(unit.definition, String(u, at, "definition", /*required=*/false));
    CHEMSAFE_ASSIGN_OR_RETURN(unit.expands_to, Strings(u, at, "expands_to", /*required=*/false));
    if (u.contains("division_code")) {
      CHEMSAFE_ASSIGN_OR_RETURN(std::string code, String(u, at, "division_code"));
      if (code.size() != 6 || !std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        return InvalidArgument(fmt::format("{}.division_code: \"{}\" is not a 6-digit GB/T 2260 code", at, code));
      }
      unit.division_code = code;
    }
    if (unit.kind == UnitKind::kCity && !unit.division_code) return InvalidArgument(at + ".division_code: missing for a city");
    if (unit.kind != UnitKind::kCollective && !unit.expands_to.empty()) {
      return InvalidArgument(at + ".expands_to: only a collective expands");
    }
    if (!names.insert(unit.id).second) return InvalidArgument(fmt::format("{}.id: \"{}\" is used twice", at, unit.id));
    // A unit may repeat its own name among its aliases; another unit may not use it.
    std::set<std::string> own{unit.name};
    own.insert(unit.aliases.begin(), unit.aliases.end());
    for (const auto& n : own) {
      if (n != unit.id && !names.insert(n).second) {
        return InvalidArgument(fmt::format("{}: \"{}\" names another unit too", at, n));
      }
    }
    list.units_.push_back(std::move(unit));
  }
  for (size_t i = 0; i < list.units_.size(); ++i) {
    const auto& e = list.units_[i].expands_to;
    for (size_t j = 0; j < e.size(); ++j) {
      const Unit* m = list.Find(e[j]);
      if (m == nullptr || m->kind == UnitKind::kCollective) {
        return InvalidArgument(fmt::format("units[{}].expands_to[{}]: \"{}\" is not a unit id of the list", i, j, e[j]));
      }
    }
  }
  return list;
}

std::vector<std::string> Task::LeadUnits() const {
  std::vector<std::string> out;
  for (const auto& a : assignments) AppendOnce(out, a.lead_units);
  return out;
}

std::vector<std::string> Task::CoUnits() const {
  const auto lead = LeadUnits();
  std::vector<std::string> out;
  for (const auto& a : assignments) AppendOnce(out, a.co_units, lead);
  return out;
}

const Task* Plan::FindTask(int number) const {
  if (number < 1 || number > static_cast<int>(tasks.size())) return nullptr;
  return &tasks[number - 1];
}

Result<Plan> ParsePlan(std::string_view json_text, const UnitList& units) {
  CHEMSAFE_ASSIGN_OR_RETURN(json doc, ParseJson(json_text, "plan"));
  if (!doc.is_object()) return InvalidArgument("$: must be an object");
  Plan plan;
  CHEMSAFE_ASSIGN_OR_RETURN(plan.code, String(doc, "", "code"));
  CHEMSAFE_ASSIGN_OR_RETURN(plan.title, String(doc, "", "title"));
  CHEMSAFE_ASSIGN_OR_RETURN(plan.issued, DateField(doc, "", "issued"));
  CHEMSAFE_ASSIGN_OR_RETURN(plan.source_url, String(doc, "", "source_url", /*required=*/false));

  CHEMSAFE_ASSIGN_OR_RETURN(const json* phases, Array(doc, "", "phases"));
  for (size_t i = 0; i < phases->size(); ++i) {
    const json& p = (*phases)[i];
    const std::string at = fmt::format("phases[{}]", i);
    if (!p.is_object()) return InvalidArgument(at + ": must be an object");
    Phase phase;
    CHEMSAFE_ASSIGN_OR_RETURN(phase.name, String(p, at, "name"));
    CHEMSAFE_ASSIGN_OR_RETURN(phase.from, OptionalDate(p, at, "from"));
    CHEMSAFE_ASSIGN_OR_RETURN(phase.to, OptionalDate(p, at, "to"));
    CHEMSAFE_ASSIGN_OR_RETURN(phase.text, String(p, at, "text", /*required=*/false));
    if (phase.from && phase.to && *phase.to < *phase.from) return InvalidArgument(at + ".to: before from");
    plan.phases.push_back(std::move(phase));
  }

  if (!doc.contains("reporting") || !doc["reporting"].is_object()) return InvalidArgument("reporting: must be an object");
  {
    const json& r = doc["reporting"];
    const std::string at = "reporting";
    ReportingDuties& d = plan.reporting;
    CHEMSAFE_ASSIGN_OR_RETURN(d.reporting_units, UnitIds(r, at, "reporting_units", units));
    if (d.reporting_units.empty()) return InvalidArgument("reporting.reporting_units: must name at least one unit");
    CHEMSAFE_ASSIGN_OR_RETURN(d.recipient, String(r, at, "recipient"));
    CHEMSAFE_ASSIGN_OR_RETURN(d.implementation_plan_due, DateField(r, at, "implementation_plan_due"));
    CHEMSAFE_ASSIGN_OR_RETURN(d.liaison_due, DateField(r, at, "liaison_due"));
    CHEMSAFE_ASSIGN_OR_RETURN(d.liaison, String(r, at, "liaison", /*required=*/false));
    CHEMSAFE_ASSIGN_OR_RETURN(d.quarterly_report_working_days, Int(r, at, "quarterly_report_working_days"));
    if (d.quarterly_report_working_days < 0) return InvalidArgument("reporting.quarterly_report_working_days: must be >= 0");
    CHEMSAFE_ASSIGN_OR_RETURN(d.first_quarter, String(r, at, "first_quarter"));
    CHEMSAFE_ASSIGN_OR_RETURN(d.last_quarter, String(r, at, "last_quarter"));
    auto first = Quarter::Parse(d.first_quarter);
    if (!first.ok()) return InvalidArgument("reporting.first_quarter: " + first.status().message());
    auto last = Quarter::Parse(d.last_quarter);
    if (!last.ok()) return InvalidArgument("reporting.last_quarter: " + last.status().message());
    if (*last < *first) return InvalidArgument("reporting.last_quarter: before first_quarter");
    CHEMSAFE_ASSIGN_OR_RETURN(d.summary_due, DateField(r, at, "summary_due"));
  }

  CHEMSAFE_ASSIGN_OR_RETURN(const json* groups, Array(doc, "", "groups"));
  for (size_t i = 0; i < groups->size(); ++i) {
    const json& g = (*groups)[i];
    const std::string at = fmt::format("groups[{}]", i);
    if (!g.is_object()) return InvalidArgument(at + ": must be an object");
    Group group;
    CHEMSAFE_ASSIGN_OR_RETURN(group.number, Int(g, at, "number"));
    if (group.number != static_cast<int>(i) + 1) {
      return InvalidArgument(fmt::format("{}.number: {} out of order (expected {})", at, group.number, i + 1));
    }
    CHEMSAFE_ASSIGN_OR_RETURN(group.label, String(g, at, "label", /*required=*/false));
    CHEMSAFE_ASSIGN_OR_RETURN(group.title, String(g, at, "title"));
    plan.groups.push_back(std::move(group));
  }

  CHEMSAFE_ASSIGN_OR_RETURN(const json* tasks, Array(doc, "", "tasks"));
  if (tasks->empty()) return InvalidArgument("tasks: a plan has at least one task");
  for (size_t i = 0; i < tasks->size(); ++i) {
    const json& t = (*tasks)[i];
    const std::string at = fmt::format("tasks[{}]", i);
    if (!t.is_object()) return InvalidArgument(at + ": must be an object");
    Task task;
    CHEMSAFE_ASSIGN_OR_RETURN(task.number, Int(t, at, "number"));
    if (task.number != static_cast<int>(i) + 1) {
      return InvalidArgument(fmt::format("{}.number: {} out of order (tasks are numbered 1..N, expected {})", at,
                                         task.number, i + 1));
    }
    CHEMSAFE_ASSIGN_OR_RETURN(task.group, Int(t, at, "group"));
    if (task.group < 1 || task.group > static_cast<int>(plan.groups.size())) {
      return InvalidArgument(fmt::format("{}.group: {} is not a group of the plan", at, task.group));
    }
    CHEMSAFE_ASSIGN_OR_RETURN(task.title, String(t, at, "title"));
    CHEMSAFE_ASSIGN_OR_RETURN(task.text, String(t, at, "text"));
    CHEMSAFE_ASSIGN_OR_RETURN(const json* assignments, Array(t, at, "assignments"));
    if (assignments->empty()) return InvalidArgument(at + ".assignments: a task has at least one");
    for (size_t j = 0; j < assignments->size(); ++j) {
      const json& a = (*assignments)[j];
      const std::string aat = fmt::format("{}.assignments[{}]", at, j);
      if (!a.is_object()) return InvalidArgument(aat + ": must be an object");
      Assignment as;
      CHEMSAFE_ASSIGN_OR_RETURN(as.lead_units, UnitIds(a, aat, "lead_units", units));
      CHEMSAFE_ASSIGN_OR_RETURN(as.co_units, UnitIds(a, aat, "co_units", units));
      if (as.lead_units.empty() && as.co_units.empty()) {
        return InvalidArgument(aat + ": names no unit (lead_units and co_units are both empty)");
      }
      CHEMSAFE_ASSIGN_OR_RETURN(as.deadline, String(a, aat, "deadline", /*required=*/false));
      if (a.contains("milestones")) {
        CHEMSAFE_ASSIGN_OR_RETURN(const json* ms, Array(a, aat, "milestones"));
        for (size_t k = 0; k < ms->size(); ++k) {
          CHEMSAFE_ASSIGN_OR_RETURN(Milestone m, ParseMilestone((*ms)[k], fmt::format("{}.milestones[{}]", aat, k)));
          as.milestones.push_back(std::move(m));
        }
      }
      task.assignments.push_back(std::move(as));
    }
    plan.tasks.push_back(std::move(task));
  }
  return plan;
}

Result<Quarter> Quarter::Parse(std::string_view text) {
  if (text.size() != 6 || text[4] != 'Q' || text[5] < '1' || text[5] > '4' ||
      !std::all_of(text.begin(), text.begin() + 4, [](char c) { return c >= '0' && c <= '9'; })) {
    return InvalidArgument(fmt::format("\"{}\" is not a quarter like 2017Q3", text));
  }
  return Quarter{std::stoi(std::string(text.substr(0, 4))), text[5] - '0'};
}

std::string Quarter::str() const { return fmt::format("{:04d}Q{}", year, q); }

Date Quarter::LastDay() const {
  using namespace std::chrono;
  const year_month_day_last last{std::chrono::year{year} / month{static_cast<unsigned>(q * 3)} / std::chrono::last};
  return Date{year_month_day{last}};
}

Quarter Quarter::Next() const { return q == 4 ? Quarter{year + 1, 1} : Quarter{year, q + 1}; }

}  // namespace chemsafe::governance
