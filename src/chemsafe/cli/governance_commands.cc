// The governance commands (issue 8 "Governance of the plan itself"; governance/plan.h, governance/obligations.h):
// `chemsafe governance due [--plan FILE] --quarter 2017Q3`: the due date (YYYY-MM-DD, only that line) of that
//   quarter's progress reports: the plan's N-th Chinese working day after the quarter end (N = 5 for 粤府办〔2017〕11号).
//   Any quarter the holiday calendar covers is answered, inside the plan's reporting period or not.
// `chemsafe governance obligations [--plan FILE] --unit NAME [--json]`: every obligation of a unit (NAME: an id,
//   the full name or any alias the plan writes) with its due date, and on quarterly reports the tasks it leads
//   or joins.
// --plan defaults to data/governance/guangdong-2017-plan.json; the units are read from the units.json beside the
// plan, else from data/governance/units.json.
#include <iostream>
#include <memory>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "chemsafe/cli/internal/commands.h"
#include "chemsafe/governance/obligations.h"
#include "chemsafe/governance/plan_files.h"
#include "chemsafe/reference/data_dir.h"
#include "chemsafe/reference/holidays.h"

namespace chemsafe::cli {
namespace {

using json = nlohmann::ordered_json;

struct GovernanceArgs {
  std::string plan;
  std::string quarter;
  std::string unit;
  bool as_json = false;
};

std::string PlanPath(const GovernanceArgs& args) {
  return args.plan.empty() ? reference::DataDir() + "/" + std::string(governance::kDefaultPlanFile) : args.plan;
}

Status RunDue(const GovernanceArgs& args) {
  auto quarter = governance::Quarter::Parse(args.quarter);
  if (!quarter.ok()) return InvalidArgument("--quarter: " + quarter.status().message());
  CHEMSAFE_ASSIGN_OR_RETURN(auto loaded, governance::LoadPlanWithUnits(PlanPath(args), reference::DataDir()));
  CHEMSAFE_ASSIGN_OR_RETURN(auto calendar, reference::LoadWorkingCalendar(reference::DataDir()));
  CHEMSAFE_ASSIGN_OR_RETURN(
      Date due, governance::QuarterlyReportDue(*quarter, loaded.plan.reporting.quarterly_report_working_days, calendar));
  std::cout << due.str() << "\n";
  return Status::Ok();
}

std::string TaskList(const std::vector<governance::TaskRole>& tasks) {
  std::string out;
  for (const auto& t : tasks) out += fmt::format("{}T{}{}", out.empty() ? "" : " ", t.task, t.lead ? "(牵头)" : "");
  return out;
}

Status RunObligations(const GovernanceArgs& args) {
  CHEMSAFE_ASSIGN_OR_RETURN(auto loaded, governance::LoadPlanWithUnits(PlanPath(args), reference::DataDir()));
  const governance::Unit* unit = loaded.units.Resolve(args.unit);
  if (unit == nullptr) return NotFound(fmt::format("--unit: \"{}\" is not a unit of {}", args.unit, loaded.units_path));
  CHEMSAFE_ASSIGN_OR_RETURN(auto calendar, reference::LoadWorkingCalendar(reference::DataDir()));
  CHEMSAFE_ASSIGN_OR_RETURN(auto obligations, governance::ObligationsOf(loaded.plan, loaded.units, unit->id, calendar));
  if (args.as_json) {
    json out = {{"plan", loaded.plan.code}, {"unit", {{"id", unit->id}, {"name", unit->name}}}};
    json list = json::array();
    for (const auto& o : obligations) {
      json tasks = json::array();
      for (const auto& t : o.tasks) tasks.push_back({{"task", t.task}, {"role", t.lead ? "lead" : "co"}});
      json item = {{"kind", governance::ObligationKindName(o.kind)},
                   {"quarter", o.quarter ? json(o.quarter->str()) : json(nullptr)},
                   {"due", o.due.str()}};
      if (o.kind == governance::ObligationKind::kQuarterlyReport) item["tasks"] = tasks;
      list.push_back(item);
    }
    out["obligations"] = list;
    std::cout << out.dump(2) << "\n";
    return Status::Ok();
  }
  std::cout << fmt::format("{} ({}) under {}\n", unit->name, unit->id, loaded.plan.code);
  for (const auto& o : obligations) {
    std::string line = fmt::format("{}  {:<20} {}{}", o.due.str(), governance::ObligationKindName(o.kind),
                                   o.quarter ? o.quarter->str() : "", o.tasks.empty() ? "" : "  " + TaskList(o.tasks));
    line.erase(line.find_last_not_of(' ') + 1);
    std::cout << line << "\n";
  }
  return Status::Ok();
}

}  // namespace

void AddGovernanceCommands(CLI::App& app, CommandContext& ctx) {
  auto* gov = app.add_subcommand("governance", "The governance plan: tasks, units, reporting obligations (issue 8)");
  gov->require_subcommand(1);
  auto args = std::make_shared<GovernanceArgs>();

  auto* due = gov->add_subcommand("due", "Print the due date of a quarter's progress reports");
  due->add_option("--plan", args->plan, "plan JSON (default data/governance/guangdong-2017-plan.json)");
  due->add_option("--quarter", args->quarter, "quarter, e.g. 2017Q3")->required();
  due->callback([&ctx, args] {
    if (Status s = RunDue(*args); !s.ok()) ctx.exit_code = Fail(s);
  });

  auto* obl = gov->add_subcommand("obligations", "Every reporting obligation of a unit with due dates");
  obl->add_option("--plan", args->plan, "plan JSON (default data/governance/guangdong-2017-plan.json)");
  obl->add_option("--unit", args->unit, "unit id, name or alias, e.g. 省安全监管局 or 广州市")->required();
  obl->add_flag("--json", args->as_json, "print JSON");
  obl->callback([&ctx, args] {
    if (Status s = RunObligations(*args); !s.ok()) ctx.exit_code = Fail(s);
  });
}

}  // namespace chemsafe::cli
