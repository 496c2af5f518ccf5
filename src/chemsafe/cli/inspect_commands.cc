// The inspection commands (issue 7: the hidden-hazard closed loop, 隐患排查治理; service/inspect_service.h,
// service/inspect_plan.h), read as the CLI (the province office, CliActor):
// `chemsafe inspect findings list --db PATH [--state S] [--grade general|major] [--json]`: the findings, in id order.
// `chemsafe inspect findings show --db PATH --id N`: one finding as JSON.
// `chemsafe inspect overdue --db PATH --on YYYY-MM-DD [--json]`: the findings overdue on a day, most overdue
//   first, with the level they escalate to (inspect/overdue.h, default rules).
// `chemsafe inspect stats --db PATH --by division|sector|criterion|month [--json]`: counts and rates per group.
// `chemsafe inspect plan --db PATH --from DATE --to DATE --as-of DATE [--officer USERNAME] [--frequencies FILE]
//   [--json]`: the government inspections due by grid officer and enterprise, at the frequency of its risk grade
//   (data/inspect/inspection_frequency.csv unless --frequencies names another table).
// `chemsafe demo inspect --db PATH [--seed N] [--today DATE] [--inspected-share X] [--self-share X] [--if-empty]`:
//   a SYNTHETIC history of inspections and
//   findings for the demo province (--if-empty: only when there is no inspection yet).
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <optional>
#include <tuple>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "chemsafe/cli/internal/commands.h"
#include "chemsafe/cli/internal/store_options.h"
#include "chemsafe/core/calendar.h"
#include "chemsafe/inspect/checklist_file.h"
#include "chemsafe/reference/data_dir.h"
#include "chemsafe/service/inspect_demo.h"
#include "chemsafe/service/inspect_plan.h"
#include "chemsafe/service/inspect_service.h"

namespace chemsafe::cli {
namespace {

using json = nlohmann::ordered_json;

struct InspectWorld {
  std::unique_ptr<store::RegistryStore> registry;
  std::unique_ptr<store::InspectStore> inspect;
  service::InspectStores stores() { return {*registry, *inspect}; }
};

Result<InspectWorld> OpenInspectWorld(const StoreOptions& o) {
  InspectWorld w;
  CHEMSAFE_ASSIGN_OR_RETURN(w.registry, OpenStore(o));
  if (!o.pg_url.empty()) {
    CHEMSAFE_ASSIGN_OR_RETURN(w.inspect, store::OpenPostgresInspectStore(o.pg_url));
  } else {
    CHEMSAFE_ASSIGN_OR_RETURN(w.inspect, store::OpenSqliteInspectStore(o.db_path));
  }
  return w;
}

Result<Date> DateOption(const std::string& flag, const std::string& text) {
  auto d = Date::Parse(text);
  if (!d.ok()) return InvalidArgument(fmt::format("{}: \"{}\" is not a date YYYY-MM-DD", flag, text));
  return *d;
}

std::string_view ReasonCode(inspect::OverdueReason r) {
  return r == inspect::OverdueReason::kNoPlan ? "no_plan" : "past_deadline";
}

struct FindingArgs {
  StoreOptions store;
  std::string state, grade, id, on, by;
  bool as_json = false;
};

int RunList(const FindingArgs& args) {
  service::FindingQuery q;
  q.limit = 1'000'000;
  if (!args.state.empty()) {
    q.state = inspect::FindingStateFromCode(args.state);
    if (!q.state) return Fail(InvalidArgument(fmt::format("--state: \"{}\" is not one of reported, planned, rectified, closed", args.state)));
  }
  if (!args.grade.empty()) {
    q.grade = inspect::HazardGradeFromCode(args.grade);
    if (!q.grade) return Fail(InvalidArgument(fmt::format("--grade: \"{}\" is not one of general, major", args.grade)));
  }
  auto world = OpenInspectWorld(args.store);
  if (!world.ok()) return Fail(world.status());
  auto list = service::ListFindingsInScope(world->stores(), CliActor().principal, q);
  if (!list.ok()) return Fail(list.status());
  if (args.as_json) {
    json out = json::array();
    for (const auto& f : *list) out.push_back(service::FindingJson(f));
    std::cout << out.dump(2) << "\n";
    return 0;
  }
  for (const auto& sf : *list) {
    const inspect::FindingReport& r = sf.finding.report;
    std::cout << fmt::format("{:>6}  {}  {}  {}  {}  {}  {}\n", r.id, r.found_date.str(), r.enterprise_uscc,
                             inspect::HazardGradeLabelZh(r.grade), inspect::FindingStateLabelZh(sf.finding.state),
                             inspect::InspectionKindLabelZh(sf.kind), r.description);
  }
  std::cout << fmt::format("{} findings\n", list->size());
  return 0;
}

int RunShow(const FindingArgs& args) {
  auto world = OpenInspectWorld(args.store);
  if (!world.ok()) return Fail(world.status());
  auto f = service::FindingInScope(world->stores(), CliActor().principal, args.id);
  if (!f.ok()) return Fail(f.status());
  std::cout << service::FindingJson(*f).dump(2) << "\n";
  return 0;
}

int RunOverdue(const FindingArgs& args) {
  auto on = DateOption("--on", args.on);
  if (!on.ok()) return Fail(on.status());
  auto world = OpenInspectWorld(args.store);
  if (!world.ok()) return Fail(world.status());
  auto list = service::OverdueInScope(world->stores(), CliActor().principal, *on);
  if (!list.ok()) return Fail(list.status());
  if (args.as_json) {
    json out = json::array();
    for (const auto& o : *list) {
      const inspect::OverdueAssessment& a = o.overdue;
      out.push_back({{"finding", service::FindingJson(o.finding)},
                     {"due", a.due ? json(a.due->str()) : json(nullptr)},
                     {"reason", a.reason ? json(ReasonCode(*a.reason)) : json(nullptr)},
                     {"days_overdue", a.days_overdue},
                     {"escalation", a.escalation ? json(inspect::GovernmentLevelCode(*a.escalation)) : json(nullptr)}});
    }
    std::cout << out.dump(2) << "\n";
    return 0;
  }
  for (const auto& o : *list) {
    const inspect::FindingReport& r = o.finding.finding.report;
    std::cout << fmt::format("{:>6}  逾期{:>4}天  {}  督办至{}  {}  {}  {}\n", r.id, o.overdue.days_overdue,
                             o.overdue.reason == inspect::OverdueReason::kNoPlan ? "未报整改方案" : "超过整改期限",
                             o.overdue.escalation ? inspect::GovernmentLevelLabelZh(*o.overdue.escalation) : "",
                             r.enterprise_uscc, inspect::HazardGradeLabelZh(r.grade), r.description);
  }
  std::cout << fmt::format("{} findings overdue on {}\n", list->size(), on->str());
  return 0;
}

int RunStats(const FindingArgs& args) {
  std::optional<inspect::GroupBy> by;
  if (args.by == "division") by = inspect::GroupBy::kDivision;
  if (args.by == "sector") by = inspect::GroupBy::kSector;
  if (args.by == "criterion") by = inspect::GroupBy::kCriterion;
  if (args.by == "month") by = inspect::GroupBy::kMonth;
  if (!by) return Fail(InvalidArgument(fmt::format("--by: \"{}\" is not one of division, sector, criterion, month", args.by)));
  auto world = OpenInspectWorld(args.store);
  if (!world.ok()) return Fail(world.status());
  auto rows = service::FindingStatisticsInScope(world->stores(), CliActor().principal, *by);
  if (!rows.ok()) return Fail(rows.status());
  auto rate = [](const std::optional<double>& r) { return r ? json(*r) : json(nullptr); };
  if (args.as_json) {
    json out = json::array();
    for (const auto& c : *rows) {
      out.push_back({{"key", c.key},           {"total", c.total},          {"reported", c.reported},
                     {"planned", c.planned},   {"rectified", c.rectified},  {"closed", c.closed},
                     {"general", c.general},   {"major", c.major},          {"closed_on_time", c.closed_on_time},
                     {"rectification_rate", rate(c.rectification_rate)}, {"on_time_rate", rate(c.on_time_rate)}});
    }
    std::cout << out.dump(2) << "\n";
    return 0;
  }
  auto percent = [](const std::optional<double>& r) { return r ? fmt::format("{:.1f}%", *r * 100) : std::string("—"); };
  std::cout << fmt::format("{:<10} {:>6} {:>6} {:>6} {:>6} {:>6} {:>6} {:>8} {:>8}\n", args.by, "total", "待整改", "整改中",
                           "待验收", "已销号", "重大", "整改率", "按期率");
  for (const auto& c : *rows) {
    std::cout << fmt::format("{:<10} {:>6} {:>6} {:>6} {:>6} {:>6} {:>6} {:>8} {:>8}\n", c.key.empty() ? "—" : c.key, c.total,
                             c.reported, c.planned, c.rectified, c.closed, c.major, percent(c.rectification_rate),
                             percent(c.on_time_rate));
  }
  return 0;
}

struct PlanArgs {
  StoreOptions store;
  std::string from, to, as_of, officer, frequencies;
  bool as_json = false;
};

int RunPlan(const PlanArgs& args) {
  inspect::PlanPeriod period;
  for (auto [flag, text, into] : {std::tuple{"--from", &args.from, &period.from}, std::tuple{"--to", &args.to, &period.to},
                                  std::tuple{"--as-of", &args.as_of, &period.as_of}}) {
    auto d = DateOption(flag, *text);
    if (!d.ok()) return Fail(d.status());
    *into = *d;
  }
  const std::string path =
      args.frequencies.empty() ? reference::DataDir() + "/" + std::string(inspect::kInspectionFrequencyFile) : args.frequencies;
  auto table = inspect::LoadInspectionFrequencies(path);
  if (!table.ok()) return Fail(table.status());
  auto world = OpenInspectWorld(args.store);
  if (!world.ok()) return Fail(world.status());
  std::unique_ptr<store::RiskStore> risk;
  std::unique_ptr<store::PlatformStore> platform;
  if (!args.store.pg_url.empty()) {
    auto r = store::OpenPostgresRiskStore(args.store.pg_url);
    if (!r.ok()) return Fail(r.status());
    risk = std::move(r).value();
    auto p = store::OpenPostgresPlatformStore(args.store.pg_url);
    if (!p.ok()) return Fail(p.status());
    platform = std::move(p).value();
  } else {
    auto r = store::OpenSqliteRiskStore(args.store.db_path);
    if (!r.ok()) return Fail(r.status());
    risk = std::move(r).value();
    auto p = store::OpenSqlitePlatformStore(args.store.db_path);
    if (!p.ok()) return Fail(p.status());
    platform = std::move(p).value();
  }
  auto plan = service::InspectionPlanInScope({*world->registry, *world->inspect, *risk, *platform}, CliActor().principal,
                                             *table, period, args.officer);
  if (!plan.ok()) return Fail(plan.status());
  if (args.as_json) {
    std::cout << service::InspectionPlanJson(*plan).dump(2) << "\n";
    return 0;
  }
  for (const auto& o : plan->officers) {
    std::cout << fmt::format("{}  逾期 {}  待检查 {}  已检查 {}\n",
                             o.user_id == 0 ? std::string("（未分配网格员）") : fmt::format("{}（{}）", o.name, o.username),
                             o.overdue, o.due, o.done);
    for (const auto& e : o.enterprises) {
      std::cout << fmt::format("  {}  {}  {}{}  每{}个月  上次 {}  下次 {}  {}\n", e.uscc,
                               service::EnterprisePlanStatusLabelZh(e.status), risk::RiskGradeZh(e.grade),
                               e.grade_assumed ? "（无风险点，按一般）" : "", e.interval_months,
                               e.last_inspection ? e.last_inspection->str() : "—", e.next_due ? e.next_due->str() : "—",
                               e.name);
    }
  }
  return 0;
}

struct DemoArgs {
  StoreOptions store;
  std::uint64_t seed = 2017;
  std::string today;
  service::InspectDemoOptions options;
  bool if_empty = false;
};

int RunDemoInspect(const DemoArgs& args) {
  Date today = TodayInShanghai();
  if (!args.today.empty()) {
    auto d = DateOption("--today", args.today);
    if (!d.ok()) return Fail(d.status());
    today = *d;
  }
  auto world = OpenInspectWorld(args.store);
  if (!world.ok()) return Fail(world.status());
  if (args.if_empty) {
    // A database made before the inspection history existed gets it once; one that has any is left as it is.
    auto some = service::ListInspectionsInScope(world->stores(), CliActor().principal);
    if (!some.ok()) return Fail(some.status());
    if (!some->empty()) {
      std::cout << json{{"synthetic", true}, {"inspections", 0}, {"findings", 0},
                        {"skipped", "the database has inspections already"}}.dump(2) << "\n";
      return 0;
    }
  }
  auto criteria = inspect::LoadMajorHiddenHazardCriteria(reference::DataDir());
  if (!criteria.ok()) return Fail(criteria.status());
  auto r = service::GenerateInspectDemo(world->stores(), args.seed, today, *criteria, args.options);
  if (!r.ok()) return Fail(r.status());
  json by_state = json::object();
  for (const auto& [s, n] : r->by_state) by_state[std::string(inspect::FindingStateCode(s))] = n;
  std::cout << json{{"synthetic", true},       {"today", today.str()},     {"inspections", r->inspections},
                    {"findings", r->findings}, {"major", r->major},        {"rejected", r->rejected},
                    {"overdue", r->overdue},   {"by_state", std::move(by_state)}}
                   .dump(2)
            << "\n";
  return 0;
}

}  // namespace

void AddInspectCommands(CLI::App& app, CommandContext& ctx) {
  CLI::App* in = app.add_subcommand("inspect", "Inspections and hidden-hazard findings (隐患排查治理)");
  in->require_subcommand(1);

  auto* findings = in->add_subcommand("findings", "The hidden-hazard findings");
  findings->require_subcommand(1);
  auto* list = findings->add_subcommand("list", "The findings, in id order");
  auto largs = std::make_shared<FindingArgs>();
  AddStoreOptions(*list, largs->store);
  list->add_option("--state", largs->state, "only this state (reported, planned, rectified, closed)");
  list->add_option("--grade", largs->grade, "only this grade (general, major)");
  list->add_flag("--json", largs->as_json, "JSON output");
  list->callback([&ctx, largs] { ctx.exit_code = RunList(*largs); });
  auto* show = findings->add_subcommand("show", "One finding as JSON");
  auto sargs = std::make_shared<FindingArgs>();
  AddStoreOptions(*show, sargs->store);
  show->add_option("--id", sargs->id, "its id")->required();
  show->callback([&ctx, sargs] { ctx.exit_code = RunShow(*sargs); });

  auto* overdue = in->add_subcommand("overdue", "The findings overdue on a day, with their escalation level");
  auto oargs = std::make_shared<FindingArgs>();
  AddStoreOptions(*overdue, oargs->store);
  overdue->add_option("--on", oargs->on, "the day (YYYY-MM-DD)")->required();
  overdue->add_flag("--json", oargs->as_json, "JSON output");
  overdue->callback([&ctx, oargs] { ctx.exit_code = RunOverdue(*oargs); });

  auto* stats = in->add_subcommand("stats", "Counts, rectification and on-time rates per group");
  auto targs = std::make_shared<FindingArgs>();
  AddStoreOptions(*stats, targs->store);
  stats->add_option("--by", targs->by, "division, sector, criterion or month")->required();
  stats->add_flag("--json", targs->as_json, "JSON output");
  stats->callback([&ctx, targs] { ctx.exit_code = RunStats(*targs); });

  auto* plan = in->add_subcommand("plan", "The government inspections due by grid officer, at the frequency of each risk grade");
  auto pargs = std::make_shared<PlanArgs>();
  AddStoreOptions(*plan, pargs->store);
  plan->add_option("--from", pargs->from, "the first day of the period (YYYY-MM-DD)")->required();
  plan->add_option("--to", pargs->to, "the last day of the period (YYYY-MM-DD)")->required();
  plan->add_option("--as-of", pargs->as_of, "the day the plan is seen from (YYYY-MM-DD)")->required();
  plan->add_option("--officer", pargs->officer, "only this grid officer (username)");
  plan->add_option("--frequencies", pargs->frequencies, "the frequency table (default data/inspect/inspection_frequency.csv)");
  plan->add_flag("--json", pargs->as_json, "JSON output");
  plan->callback([&ctx, pargs] { ctx.exit_code = RunPlan(*pargs); });

  CLI::App* demo = FindSubcommand(app, "demo");
  if (demo == nullptr) demo = app.add_subcommand("demo", "Synthetic demo data");
  auto* di = demo->add_subcommand("inspect", "A history of inspections and findings for the demo province (SYNTHETIC)");
  auto dargs = std::make_shared<DemoArgs>();
  AddStoreOptions(*di, dargs->store);
  di->add_option("--seed", dargs->seed, "random seed");
  di->add_option("--today", dargs->today, "the day the history ends (YYYY-MM-DD; default today in China)");
  di->add_option("--inspected-share", dargs->options.inspected_share,
                 "share of the enterprises with a government inspection (default 0.05)")->check(CLI::Range(0.0, 1.0));
  di->add_option("--self-share", dargs->options.self_share, "share with a self-inspection (default 0.02)")
      ->check(CLI::Range(0.0, 1.0));
  di->add_flag("--if-empty", dargs->if_empty, "only when the database has no inspection yet");
  di->callback([&ctx, dargs] { ctx.exit_code = RunDemoInspect(*dargs); });
}

}  // namespace chemsafe::cli
