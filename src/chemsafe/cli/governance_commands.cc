// The governance commands (issue 8 "Governance of the plan itself"; governance/plan.h, governance/obligations.h):
// `chemsafe governance due [--plan FILE] --quarter 2017Q3`: the due date (YYYY-MM-DD, only that line) of that
//   quarter's progress reports: the plan's N-th Chinese working day after the quarter end (N = 5 for 粤府办〔2017〕11号).
//   Any quarter the holiday calendar covers is answered, inside the plan's reporting period or not.
// `chemsafe governance obligations [--plan FILE] --unit NAME [--json]`: every obligation of a unit (NAME: an id,
//   the full name or any alias the plan writes) with its due date, and on quarterly reports the tasks it leads
//   or joins.
// --plan defaults to data/governance/guangdong-2017-plan.json; the units are read from the units.json beside the
// plan, else from data/governance/units.json.
// On a database (service/governance_service.h; audited as the CLI, the province office):
// `chemsafe governance load --db PATH [--plan FILE]`: stores a plan (validated against its units).
// `chemsafe governance status --db PATH --as-of DATE [--plan-id N] [--json]`: on time / late / missing / pending
//   counts by unit as of the day (every reporting unit; a unit that owes nothing due yet shows zeros). A
//   database without a stored plan is answered for the default plan with no report filed (and says so on
//   stderr); with several plans, --plan-id picks one (default the first).
// `chemsafe governance notice --db PATH --quarter Q [--as-of DATE] [--format pdf|xlsx] -o FILE`: the quarter's
//   situation notice (情况通报).
// `chemsafe demo governance --db PATH [--seed N] [--today DATE] [--if-empty]`: loads the default plan and files
//   a SYNTHETIC history of reports (--if-empty: only when the plan has no report yet).
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "chemsafe/cards/situation_notice.h"
#include "chemsafe/cli/internal/commands.h"
#include "chemsafe/cli/internal/store_options.h"
#include "chemsafe/governance/obligations.h"
#include "chemsafe/governance/plan_files.h"
#include "chemsafe/service/governance_demo.h"
#include "chemsafe/service/governance_service.h"
#include "chemsafe/store/credit_store.h"
#include "chemsafe/store/governance_store.h"
#include "chemsafe/store/risk_store.h"
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


struct DbArgs {
  StoreOptions store;
  std::string plan;
  std::string as_of;
  std::string quarter;
  std::string format = "pdf";
  std::string output;
  std::string today;
  std::int64_t plan_id = 0;
  std::uint64_t seed = 2017;
  bool as_json = false;
  bool if_empty = false;
};

struct GovernanceWorld {
  std::unique_ptr<store::RegistryStore> registry;
  std::unique_ptr<store::HazardStore> hazards;
  std::unique_ptr<store::RiskStore> risk;
  std::unique_ptr<store::QraStore> qra;
  std::unique_ptr<store::CreditStore> credit;
  std::unique_ptr<store::GovernanceStore> governance;
  service::GovernanceStores stores() { return {*governance, *registry, *hazards, *risk, *qra, *credit}; }
};

Result<GovernanceWorld> OpenGovernanceWorld(const StoreOptions& o) {
  GovernanceWorld w;
  const bool pg = !o.pg_url.empty();
  CHEMSAFE_ASSIGN_OR_RETURN(w.registry, OpenStore(o));
  CHEMSAFE_ASSIGN_OR_RETURN(w.hazards, OpenHazardStore(o));
  CHEMSAFE_ASSIGN_OR_RETURN(w.qra, OpenQraStore(o));
  CHEMSAFE_ASSIGN_OR_RETURN(w.risk, pg ? store::OpenPostgresRiskStore(o.pg_url) : store::OpenSqliteRiskStore(o.db_path));
  CHEMSAFE_ASSIGN_OR_RETURN(w.credit, pg ? store::OpenPostgresCreditStore(o.pg_url) : store::OpenSqliteCreditStore(o.db_path));
  CHEMSAFE_ASSIGN_OR_RETURN(w.governance,
                            pg ? store::OpenPostgresGovernanceStore(o.pg_url) : store::OpenSqliteGovernanceStore(o.db_path));
  return w;
}

Result<std::string> ReadText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFound(path + ": cannot open");
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// The plan file's text and the units' text (the units.json beside it, else data/governance/units.json).
Result<std::pair<std::string, std::string>> PlanTexts(const std::string& plan_path) {
  CHEMSAFE_ASSIGN_OR_RETURN(auto loaded, governance::LoadPlanWithUnits(plan_path, reference::DataDir()));
  CHEMSAFE_ASSIGN_OR_RETURN(std::string plan, ReadText(plan_path));
  CHEMSAFE_ASSIGN_OR_RETURN(std::string units, ReadText(loaded.units_path));
  return std::pair{std::move(plan), std::move(units)};
}

Result<Date> DayOr(const std::string& flag, const std::string& text) {
  if (text.empty()) return TodayInShanghai();
  auto d = Date::Parse(text);
  if (!d.ok()) return InvalidArgument(fmt::format("{}: \"{}\" is not a date YYYY-MM-DD", flag, text));
  return *d;
}

std::string Now() { return UtcText(std::chrono::system_clock::now()); }

// The stored plan --plan-id names (default the first); nullopt when none is stored.
Result<std::optional<service::OpenedPlan>> StoredPlan(store::GovernanceStore& g, std::int64_t plan_id) {
  CHEMSAFE_ASSIGN_OR_RETURN(auto plans, g.ListPlans());
  if (plans.empty()) {
    if (plan_id != 0) return NotFound(fmt::format("--plan-id: no plan is stored"));
    return std::optional<service::OpenedPlan>();
  }
  CHEMSAFE_ASSIGN_OR_RETURN(auto opened, service::OpenGovernancePlan(g, plan_id != 0 ? plan_id : plans.front().id));
  return std::optional<service::OpenedPlan>(std::move(opened));
}

Status RunLoad(const DbArgs& a) {
  CHEMSAFE_ASSIGN_OR_RETURN(auto texts, PlanTexts(a.plan.empty() ? PlanPath({}) : a.plan));
  CHEMSAFE_ASSIGN_OR_RETURN(auto world, OpenGovernanceWorld(a.store));
  CHEMSAFE_ASSIGN_OR_RETURN(auto record,
                            service::LoadGovernancePlanAs(*world.governance, CliActor(), Now(), texts.first, texts.second));
  std::cout << json{{"id", record.id}, {"code", record.code}, {"title", record.title}}.dump(2) << "\n";
  return Status::Ok();
}

Status RunStatus(const DbArgs& a) {
  CHEMSAFE_ASSIGN_OR_RETURN(Date as_of, DayOr("--as-of", a.as_of));
  CHEMSAFE_ASSIGN_OR_RETURN(auto calendar, reference::LoadWorkingCalendar(reference::DataDir()));
  CHEMSAFE_ASSIGN_OR_RETURN(auto world, OpenGovernanceWorld(a.store));
  CHEMSAFE_ASSIGN_OR_RETURN(auto stored, StoredPlan(*world.governance, a.plan_id));
  service::OpenedPlan plan;
  if (stored) {
    plan = std::move(*stored);
  } else {
    std::cerr << "chemsafe: no plan is stored in the database; the default plan with no report filed\n";
    CHEMSAFE_ASSIGN_OR_RETURN(auto texts, PlanTexts(PlanPath({})));
    CHEMSAFE_ASSIGN_OR_RETURN(plan.units, governance::ParseUnitList(texts.second));
    CHEMSAFE_ASSIGN_OR_RETURN(plan.plan, governance::ParsePlan(texts.first, plan.units));
    plan.record.code = plan.plan.code;
    plan.record.title = plan.plan.title;
  }
  CHEMSAFE_ASSIGN_OR_RETURN(auto statuses, service::StatusOfPlan(*world.governance, plan, calendar, as_of));
  const auto by_unit = governance::CountByUnit(statuses);
  const auto totals = governance::CountAll(statuses);
  if (a.as_json) {
    json units = json::array();
    for (const auto& u : plan.units.units()) {
      auto it = by_unit.find(u.id);
      if (it == by_unit.end()) continue;
      const auto& c = it->second;
      units.push_back({{"unit", u.id}, {"name", u.name}, {"kind", governance::UnitKindName(u.kind)},
                       {"on_time", c.on_time}, {"late", c.late}, {"missing", c.missing}, {"pending", c.pending}});
    }
    std::cout << json{{"plan", plan.plan.code},
                      {"as_of", as_of.str()},
                      {"units", std::move(units)},
                      {"totals",
                       {{"on_time", totals.on_time}, {"late", totals.late}, {"missing", totals.missing},
                        {"pending", totals.pending}}}}
                     .dump(2)
              << "\n";
    return Status::Ok();
  }
  std::cout << fmt::format("{} as of {}\nunit\ton_time\tlate\tmissing\tpending\n", plan.plan.code, as_of.str());
  for (const auto& u : plan.units.units()) {
    auto it = by_unit.find(u.id);
    if (it == by_unit.end()) continue;
    const auto& c = it->second;
    std::cout << fmt::format("{}\t{}\t{}\t{}\t{}\n", u.name, c.on_time, c.late, c.missing, c.pending);
  }
  std::cout << fmt::format("total\t{}\t{}\t{}\t{}\n", totals.on_time, totals.late, totals.missing, totals.pending);
  return Status::Ok();
}

Status RunNotice(const DbArgs& a) {
  auto quarter = governance::Quarter::Parse(a.quarter);
  if (!quarter.ok()) return InvalidArgument("--quarter: " + quarter.status().message());
  if (a.format != "pdf" && a.format != "xlsx") return InvalidArgument("--format: pdf or xlsx");
  CHEMSAFE_ASSIGN_OR_RETURN(Date as_of, DayOr("--as-of", a.as_of));
  CHEMSAFE_ASSIGN_OR_RETURN(auto calendar, reference::LoadWorkingCalendar(reference::DataDir()));
  CHEMSAFE_ASSIGN_OR_RETURN(auto world, OpenGovernanceWorld(a.store));
  CHEMSAFE_ASSIGN_OR_RETURN(auto stored, StoredPlan(*world.governance, a.plan_id));
  if (!stored) return FailedPrecondition("no plan is stored in the database (chemsafe governance load)");
  CHEMSAFE_ASSIGN_OR_RETURN(auto notice, service::SituationNoticeOf(world.stores(), *stored, calendar, *quarter, as_of,
                                                                    TodayInShanghai()));
  CHEMSAFE_ASSIGN_OR_RETURN(std::string bytes, a.format == "pdf" ? cards::RenderSituationNoticePdf(notice)
                                                                 : cards::RenderSituationNoticeXlsx(notice));
  const std::string tmp = a.output + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.flush();
    if (!out) return Internal(a.output + ": cannot write");
  }
  std::error_code ec;
  std::filesystem::rename(tmp, a.output, ec);
  if (ec) return Internal(fmt::format("{}: {}", a.output, ec.message()));
  std::cout << json{{"quarter", quarter->str()}, {"units", notice.units}, {"on_time", notice.on_time},
                    {"late", notice.late}, {"missing", notice.missing}, {"pending", notice.pending},
                    {"output", a.output}}
                   .dump(2)
            << "\n";
  return Status::Ok();
}

Status RunDemo(const DbArgs& a) {
  CHEMSAFE_ASSIGN_OR_RETURN(Date today, DayOr("--today", a.today));
  CHEMSAFE_ASSIGN_OR_RETURN(auto calendar, reference::LoadWorkingCalendar(reference::DataDir()));
  CHEMSAFE_ASSIGN_OR_RETURN(auto texts, PlanTexts(PlanPath({})));
  CHEMSAFE_ASSIGN_OR_RETURN(auto world, OpenGovernanceWorld(a.store));
  if (a.if_empty) {
    CHEMSAFE_ASSIGN_OR_RETURN(auto plans, world.governance->ListPlans());
    for (const auto& p : plans) {
      store::GovernanceReportFilter f;
      f.plan_id = p.id;
      CHEMSAFE_ASSIGN_OR_RETURN(auto reports, world.governance->ListReports(f));
      if (!reports.empty()) {
        std::cout << json{{"synthetic", true}, {"reports", 0}, {"skipped", "the database has governance reports already"}}
                         .dump(2)
                  << "\n";
        return Status::Ok();
      }
    }
  }
  CHEMSAFE_ASSIGN_OR_RETURN(auto r, service::GenerateGovernanceDemo(*world.governance, calendar, texts.first,
                                                                    texts.second, a.seed, today));
  std::cout << json{{"synthetic", true},      {"plan_id", r.plan_id},     {"plan_loaded", r.plan_loaded},
                    {"reports", r.reports},   {"late", r.late},           {"missing", r.missing},
                    {"reminders", r.reminders}, {"comments", r.comments}}
                   .dump(2)
            << "\n";
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

  auto run = [&ctx](Status (*fn)(const DbArgs&), std::shared_ptr<DbArgs> a) {
    return [&ctx, fn, a] {
      if (Status s = fn(*a); !s.ok()) ctx.exit_code = Fail(s);
    };
  };
  auto largs = std::make_shared<DbArgs>();
  auto* load = gov->add_subcommand("load", "Store a plan in the database (audited)");
  AddStoreOptions(*load, largs->store);
  load->add_option("--plan", largs->plan, "plan JSON (default data/governance/guangdong-2017-plan.json)");
  load->callback(run(&RunLoad, largs));

  auto sargs = std::make_shared<DbArgs>();
  auto* status = gov->add_subcommand("status", "On time / late / missing / pending reports by unit as of a day");
  AddStoreOptions(*status, sargs->store);
  status->add_option("--as-of", sargs->as_of, "the day (YYYY-MM-DD, default today)");
  status->add_option("--plan-id", sargs->plan_id, "the stored plan (default the first)");
  status->add_flag("--json", sargs->as_json, "print JSON");
  status->callback(run(&RunStatus, sargs));

  auto nargs = std::make_shared<DbArgs>();
  auto* notice = gov->add_subcommand("notice", "Write a quarter's situation notice (情况通报) as PDF or XLSX");
  AddStoreOptions(*notice, nargs->store);
  notice->add_option("--quarter", nargs->quarter, "quarter, e.g. 2017Q3")->required();
  notice->add_option("--as-of", nargs->as_of, "the day the figures are taken (default today)");
  notice->add_option("--plan-id", nargs->plan_id, "the stored plan (default the first)");
  notice->add_option("--format", nargs->format, "pdf (default) or xlsx");
  notice->add_option("-o,--output", nargs->output, "the file to write")->required();
  notice->callback(run(&RunNotice, nargs));

  CLI::App* demo = FindSubcommand(app, "demo");
  if (demo == nullptr) demo = app.add_subcommand("demo", "Synthetic demo data");
  auto dargs = std::make_shared<DbArgs>();
  auto* dg = demo->add_subcommand("governance", "The 2017 plan with a history of reports (SYNTHETIC)");
  AddStoreOptions(*dg, dargs->store);
  dg->add_option("--seed", dargs->seed, "random seed");
  dg->add_option("--today", dargs->today, "the day the demo is made on (default today)");
  dg->add_flag("--if-empty", dargs->if_empty, "only when no plan has a report yet");
  dg->callback(run(&RunDemo, dargs));
}

}  // namespace chemsafe::cli
