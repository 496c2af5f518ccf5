// The governance plan as data (issue 8 "Governance of the plan itself"; seed 粤府办〔2017〕11号 sections 三–五):
// the reference list of units (单位) a plan names, and a plan: phases, reporting duties (section 五), groups and
// numbered tasks with lead units (牵头单位) and co-units (配合单位 / 按职责分工负责), and the milestones parsed from
// each task's deadline text. Pure: parses JSON text (data/governance/*.json; files are read by
// governance/plan_files.h) and validates it. The format is not bound to the 2017 plan: any plan (a later year's,
// a city's own) with tasks numbered 1..N in the same shape loads. Value types; thread-compatible.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "chemsafe/core/calendar.h"
#include "chemsafe/core/result.h"

namespace chemsafe::governance {

// What a unit is. Persisted as the JSON strings below (append-only).
enum class UnitKind {
  kProvincial,  // "provincial": a department or directly affiliated agency of the provincial government
  kCentral,     // "central": a central (national) unit in the province, 中直驻粤单位
  kCity,        // "city": a prefecture-level city government (地级以上市), or 顺德区 which the plan counts with them
  kCollective,  // "collective": a collective name the plan writes instead of units (省各有关单位 …)
};
std::string_view UnitKindName(UnitKind kind);

struct Unit {
  std::string id;    // stable ASCII id, e.g. "gd_safety_supervision"
  std::string name;  // full official name of the plan's time, e.g. "广东省安全生产监督管理局"
  UnitKind kind = UnitKind::kProvincial;
  std::vector<std::string> aliases;          // every way the plan writes it ("省安全监管局", "安全监管局")
  std::optional<std::string> division_code;  // GB/T 2260 code of a city, e.g. "440100"
  std::string definition;                    // collective: what the plan says it means
  std::vector<std::string> expands_to;       // collective: member unit ids where the plan defines them
};

// The reference list. Resolve accepts an id, the full name or any alias.
class UnitList {
 public:
  const std::vector<Unit>& units() const { return units_; }
  const Unit* Find(std::string_view id) const;
  const Unit* Resolve(std::string_view name_or_alias) const;
  // The units of `text`, a list as the plan writes it ("省经济和信息化委、教育厅和广州铁路监管局"): separators 、 and
  // 和 between names, each name matched as the longest alias at its position. Fails naming the text it could
  // not match.
  Result<std::vector<std::string>> ResolveList(std::string_view text) const;
  // The units that owe reports themselves: every unit that is not a collective.
  std::vector<const Unit*> ReportingUnits() const;
  // `id` itself and every collective whose expansion holds it.
  std::vector<std::string> IdsCovering(std::string_view id) const;

 private:
  friend Result<UnitList> ParseUnitList(std::string_view json_text);
  std::vector<Unit> units_;
};

// units.json: {"units": [{"id", "name", "kind", "aliases", "division_code"?, "definition"?, "expands_to"?}]}.
// Ids and aliases are unique across the list; expands_to names units of the list. Errors name the JSON path.
Result<UnitList> ParseUnitList(std::string_view json_text);

enum class MilestoneKind {
  kComplete,    // "complete": 完成, by `date`
  kInterim,     // "interim": 取得阶段性成果, by `date`
  kDeepening,   // "deepening": 深化提升, the period `from` … `to`
  kContinuous,  // "continuous": 持续推进, no date
};
std::string_view MilestoneKindName(MilestoneKind kind);

struct Milestone {
  MilestoneKind kind = MilestoneKind::kComplete;
  std::optional<Date> date;  // complete / interim: the last day of the month the text names ("6月底前" → 06-30)
  std::optional<Date> from;  // deepening: the first day of the first month
  std::optional<Date> to;    // deepening: the last day of the last month
  std::string text;          // the clause it was parsed from, e.g. "2017年6月底前完成"
};

// One parenthesis of a task: who leads, who joins, by when. Most tasks have one; task 3 of the 2017 plan has
// two (the tracing system has its own lead and deadline).
struct Assignment {
  std::vector<std::string> lead_units;  // unit ids (牵头; a sole "X负责" counts as lead)
  std::vector<std::string> co_units;    // unit ids (配合 / 按职责分工负责 / 参与)
  std::string deadline;                 // as written, e.g. "2018年3月底前取得阶段性成果，2018年4月至2019年10月深化提升"
  std::vector<Milestone> milestones;
};

struct Task {
  int number = 0;
  int group = 0;      // Group::number
  std::string title;  // the text before the first 。
  std::string text;   // the whole paragraph after "N·", page breaks joined
  std::vector<Assignment> assignments;
  // Unit ids over all assignments, each once, in order of appearance; a unit leading one assignment and
  // joining another is a lead unit only.
  std::vector<std::string> LeadUnits() const;
  std::vector<std::string> CoUnits() const;
};

struct Group {
  int number = 0;     // 1..
  std::string label;  // "一"
  std::string title;
};

struct Phase {
  std::string name;  // 部署阶段
  std::optional<Date> from, to;
  std::string text;
};

struct ReportingDuties {
  std::vector<std::string> reporting_units;  // unit ids (collectives allowed) that owe the reports
  std::string recipient;                     // 省安委会办公室
  Date implementation_plan_due;              // 实施方案
  Date liaison_due;                          // 联络员 names
  std::string liaison;                       // who: "1名处级联络员和1名工作人员"
  int quarterly_report_working_days = 5;     // 季度进展报告: within N working days after each quarter end
  std::string first_quarter, last_quarter;   // "2017Q1" … "2019Q3"
  Date summary_due;                          // 总结报告
};

struct Plan {
  std::string code;  // 粤府办〔2017〕11号
  std::string title;
  Date issued;
  std::string source_url;
  std::vector<Phase> phases;
  ReportingDuties reporting;
  std::vector<Group> groups;
  std::vector<Task> tasks;  // numbered 1..N in order
  const Task* FindTask(int number) const;
};

// The plan JSON (data/governance/guangdong-2017-plan.json for the format), validated against `units`: tasks
// numbered 1..N in order (N not fixed), each task's group exists, every unit resolves, dates are valid and
// milestones carry the dates their kind needs. Errors name the JSON path, e.g.
// `tasks[12].assignments[0].lead_units[0]: "xyz" is not a unit of units.json`.
Result<Plan> ParsePlan(std::string_view json_text, const UnitList& units);

// A calendar quarter, "2017Q3".
struct Quarter {
  int year = 0;
  int q = 1;  // 1..4
  static Result<Quarter> Parse(std::string_view text);
  std::string str() const;
  Date LastDay() const;
  Quarter Next() const;
  friend auto operator<=>(const Quarter&, const Quarter&) = default;
};

}  // namespace chemsafe::governance
