// The risk commands (issue 7; service/risk_service.h, data/risk/):
// `chemsafe risk grade (--lec L E C | --ls L S) [--mhi-grade N] [--key-process] [--json]`: the grade a score
//   gives, with its band and the floors that raise it (a calculator; nothing stored).
// `chemsafe risk points save --db PATH FILE.json` (or - for stdin): a risk point graded and stored (new
//   without "id"; a change with the "id" and "version" it changes), audited as the CLI (province office).
// `chemsafe risk points list --db PATH [--min-grade G] [--uscc U] [--json]`; `chemsafe risk points show --db
//   PATH ID [--version N]` (JSON).
// `chemsafe demo risk --db PATH [--seed S] [--per-enterprise N] [--if-empty]`: SYNTHETIC risk points for the demo
//   province (--if-empty: only when there is none yet, for a database made before they existed).
#include <chrono>
#include <iostream>
#include <memory>
#include <optional>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "chemsafe/cli/internal/commands.h"
#include "chemsafe/cli/internal/store_options.h"
#include "chemsafe/core/calendar.h"
#include "chemsafe/reference/catalogue_files.h"
#include "chemsafe/reference/data_dir.h"
#include "chemsafe/reference/risk_files.h"
#include "chemsafe/service/risk_demo.h"
#include "chemsafe/service/risk_service.h"

namespace chemsafe::cli {
namespace {

using json = nlohmann::ordered_json;

struct RiskWorld {
  std::unique_ptr<store::RegistryStore> registry;
  std::unique_ptr<store::HazardStore> hazard;
  std::unique_ptr<store::RiskStore> risk;
  risk::RiskMethods methods;
  service::RiskStores stores() { return {*registry, *hazard, *risk}; }
};

Result<RiskWorld> OpenRiskWorld(const StoreOptions& o) {
  RiskWorld w;
  CHEMSAFE_ASSIGN_OR_RETURN(w.registry, OpenStore(o));
  CHEMSAFE_ASSIGN_OR_RETURN(w.hazard, OpenHazardStore(o));
  if (!o.pg_url.empty()) {
    CHEMSAFE_ASSIGN_OR_RETURN(w.risk, store::OpenPostgresRiskStore(o.pg_url));
  } else {
    CHEMSAFE_ASSIGN_OR_RETURN(w.risk, store::OpenSqliteRiskStore(o.db_path));
  }
  CHEMSAFE_ASSIGN_OR_RETURN(w.methods, reference::LoadRiskMethods(reference::DataDir()));
  return w;
}

struct GradeArgs {
  std::vector<double> lec;
  std::vector<int> ls;
  std::optional<int> mhi_grade;
  bool key_process = false;
  bool as_json = false;
};

int RunGrade(const GradeArgs& args) {
  auto methods = reference::LoadRiskMethods(reference::DataDir());
  if (!methods.ok()) return Fail(methods.status());
  if (args.lec.empty() == args.ls.empty()) return Fail(InvalidArgument("give one of --lec L E C or --ls L S"));
  json out;
  risk::RiskGrade assessed = risk::RiskGrade::kLow;
  if (!args.lec.empty()) {
    auto r = risk::GradeLec(methods->lec, args.lec[0], args.lec[1], args.lec[2]);
    if (!r.ok()) return Fail(r.status().WithContext("--lec"));
    assessed = r->grade;
    out = {{"method", "lec"}, {"d", r->d}, {"band", r->band->danger_zh}, {"action", r->band->action_zh}};
  } else {
    auto r = risk::GradeMatrix(methods->matrix, args.ls[0], args.ls[1]);
    if (!r.ok()) return Fail(r.status().WithContext("--ls"));
    assessed = r->grade;
    out = {{"method", "ls"}, {"r", r->r}};
  }
  risk::RiskFacts facts;
  facts.mhi_grade = args.mhi_grade;
  facts.key_process = args.key_process;
  const risk::FlooredGrade floored = risk::ApplyFloors(assessed, facts, methods->floors);
  json floors = json::array();
  for (const risk::FloorRule* f : floored.applied) floors.push_back({{"id", f->id}, {"basis", f->basis_zh}, {"verified", f->verified}});
  out["assessed_grade"] = risk::RiskGradeCode(assessed);
  out["grade"] = risk::RiskGradeCode(floored.grade);
  out["grade_zh"] = risk::RiskGradeZh(floored.grade);
  out["colour"] = risk::RiskColourCode(floored.grade);
  out["floors"] = std::move(floors);
  if (args.as_json) {
    std::cout << out.dump(2) << "\n";
    return 0;
  }
  std::cout << fmt::format("{}（{}）", risk::RiskGradeZh(floored.grade), risk::RiskColourZh(floored.grade));
  if (out.contains("d")) std::cout << fmt::format("  D = {:g}，{}：{}", out["d"].get<double>(), out["band"].get<std::string>(),
                                                  out["action"].get<std::string>());
  if (out.contains("r")) std::cout << fmt::format("  R = {}", out["r"].get<int>());
  std::cout << "\n";
  for (const risk::FloorRule* f : floored.applied) {
    std::cout << fmt::format("  由 {} 升至{}：{}（{}）\n", risk::RiskGradeZh(assessed), risk::RiskGradeZh(f->minimum), f->basis_zh,
                             f->verified == "V" ? "已核实" : "待核实");
  }
  return 0;
}

struct PointArgs {
  StoreOptions store;
  std::string input;
  std::int64_t id = 0;
  std::optional<int> version;
  std::string min_grade, uscc;
  bool as_json = false;
};

int RunSave(const PointArgs& args) {
  auto doc = ReadJsonInput(args.input);
  if (!doc.ok()) return Fail(doc.status());
  auto point = service::RiskPointFromJson(*doc);
  if (!point.ok()) return Fail(point.status().WithContext(args.input));
  auto world = OpenRiskWorld(args.store);
  if (!world.ok()) return Fail(world.status());
  auto saved = service::SaveRiskPointAs(world->stores(), world->methods, CliActor(), UtcText(std::chrono::system_clock::now()),
                                        std::move(point).value());
  if (!saved.ok()) return Fail(saved.status().WithContext(args.input));
  std::cout << service::RiskPointJson(*saved).dump(2) << "\n";
  return 0;
}

int RunList(const PointArgs& args) {
  auto world = OpenRiskWorld(args.store);
  if (!world.ok()) return Fail(world.status());
  service::RiskPointQuery q;
  q.limit = 100'000;
  q.enterprise_uscc = args.uscc;
  if (!args.min_grade.empty()) {
    q.min_grade = risk::ParseRiskGrade(args.min_grade);
    if (!q.min_grade) return Fail(InvalidArgument(fmt::format("--min-grade: \"{}\" is not a grade (low, general, larger, major)", args.min_grade)));
  }
  auto list = service::ListRiskPointsInScope(world->stores(), CliActor().principal, q);
  if (!list.ok()) return Fail(list.status());
  if (args.as_json) {
    json out = json::array();
    for (const auto& p : *list) out.push_back(service::RiskPointJson(p));
    std::cout << out.dump(2) << "\n";
    return 0;
  }
  for (const auto& p : *list) {
    std::cout << fmt::format("{:>6}  {}  {:<8}  {:>6g}  {}  {}\n", p.id, p.enterprise_uscc, risk::RiskGradeZh(p.grade), p.score,
                             risk::ControlStatusZh(p.control_status), p.name);
  }
  std::cout << fmt::format("{} risk points\n", list->size());
  return 0;
}

int RunShow(const PointArgs& args) {
  auto world = OpenRiskWorld(args.store);
  if (!world.ok()) return Fail(world.status());
  auto p = service::RiskPointInScope(world->stores(), CliActor().principal, args.id, args.version);
  if (!p.ok()) return Fail(p.status());
  std::cout << service::RiskPointJson(*p).dump(2) << "\n";
  return 0;
}

struct DemoArgs {
  StoreOptions store;
  std::uint64_t seed = 2017;
  int per_enterprise = 2;
  bool if_empty = false;
};

int RunDemoRisk(const DemoArgs& args) {
  auto world = OpenRiskWorld(args.store);
  if (!world.ok()) return Fail(world.status());
  auto catalogue = reference::LoadCatalogue(reference::DataDir());
  if (!catalogue.ok()) return Fail(catalogue.status());
  if (args.if_empty) {
    // A database made before the risk points existed gets them once; one that has any is left as it is.
    service::RiskPointQuery any;
    any.limit = 1;
    auto some = service::ListRiskPointsInScope(world->stores(), CliActor().principal, any);
    if (!some.ok()) return Fail(some.status());
    if (!some->empty()) {
      std::cout << json{{"synthetic", true}, {"points", 0}, {"skipped", "the database has risk points already"}}.dump(2) << "\n";
      return 0;
    }
  }
  service::RiskDemoOptions o;
  o.seed = args.seed;
  o.per_enterprise = args.per_enterprise;
  auto r = service::GenerateRiskDemo(world->stores(), world->methods, *catalogue, o);
  if (!r.ok()) return Fail(r.status());
  json by_grade = json::object();
  for (const auto& [g, n] : r->by_grade) by_grade[std::string(risk::RiskGradeCode(g))] = n;
  std::cout << json{{"synthetic", true}, {"points", r->points}, {"by_grade", std::move(by_grade)},
                    {"raised_by_floors", r->raised_by_floors}}
                   .dump(2)
            << "\n";
  return 0;
}

}  // namespace

void AddRiskCommands(CLI::App& app, CommandContext& ctx) {
  CLI::App* r = app.add_subcommand("risk", "Risk points and their graded control (风险分级管控)");
  r->require_subcommand(1);
  auto* grade = r->add_subcommand("grade", "The grade of an LEC or L × S score, with the floor rules (nothing stored)");
  auto gargs = std::make_shared<GradeArgs>();
  grade->add_option("--lec", gargs->lec, "L E C (each a value of its scale, data/risk/lec_scales.csv)")->expected(3);
  grade->add_option("--ls", gargs->ls, "L S (matrix levels, data/risk/ls_matrix.csv)")->expected(2);
  grade->add_option("--mhi-grade", gargs->mhi_grade, "the unit is a major hazard installation of this grade (1-4)")
      ->check(CLI::Range(1, 4));
  grade->add_flag("--key-process", gargs->key_process, "the unit runs a key supervised hazardous process");
  grade->add_flag("--json", gargs->as_json, "JSON output");
  grade->callback([&ctx, gargs] { ctx.exit_code = RunGrade(*gargs); });

  auto* points = r->add_subcommand("points", "The risk points of the registry's enterprises");
  points->require_subcommand(1);
  auto* save = points->add_subcommand("save", "Grade and store a risk point from JSON (audited)");
  auto sargs = std::make_shared<PointArgs>();
  AddStoreOptions(*save, sargs->store);
  save->add_option("input", sargs->input, "the point as JSON (a file, or - for stdin)")->required();
  save->callback([&ctx, sargs] { ctx.exit_code = RunSave(*sargs); });
  auto* list = points->add_subcommand("list", "The risk points, in id order");
  auto largs = std::make_shared<PointArgs>();
  AddStoreOptions(*list, largs->store);
  list->add_option("--min-grade", largs->min_grade, "only this grade and higher (low, general, larger, major)");
  list->add_option("--uscc", largs->uscc, "only this enterprise");
  list->add_flag("--json", largs->as_json, "JSON output");
  list->callback([&ctx, largs] { ctx.exit_code = RunList(*largs); });
  auto* show = points->add_subcommand("show", "One risk point as JSON");
  auto shargs = std::make_shared<PointArgs>();
  AddStoreOptions(*show, shargs->store);
  show->add_option("id", shargs->id, "its id")->required();
  show->add_option("--version", shargs->version, "an earlier version");
  show->callback([&ctx, shargs] { ctx.exit_code = RunShow(*shargs); });

  CLI::App* demo = FindSubcommand(app, "demo");
  if (demo == nullptr) demo = app.add_subcommand("demo", "Synthetic demo data");
  auto* dr = demo->add_subcommand("risk", "Risk points for the demo province's units (SYNTHETIC)");
  auto dargs = std::make_shared<DemoArgs>();
  AddStoreOptions(*dr, dargs->store);
  dr->add_option("--seed", dargs->seed, "random seed");
  dr->add_option("--per-enterprise", dargs->per_enterprise, "units per enterprise given a point (default 2)")->check(CLI::Range(1, 100));
  dr->add_flag("--if-empty", dargs->if_empty, "only when the database has no risk point yet");
  dr->callback([&ctx, dargs] { ctx.exit_code = RunDemoRisk(*dargs); });
}

}  // namespace chemsafe::cli
