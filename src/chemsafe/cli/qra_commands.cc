// `chemsafe qra model --input FILE|-`: evaluates one model of the qra module (issue 5's CLI contract):
// {"model": NAME, "inputs": {...}} → {"model": NAME, "outputs": {...}}, SI units in the key suffixes.
// Unknown model or a missing, malformed or unknown input: exit 1 and a message naming the key.
// `chemsafe qra model --list`: the models with their one-line summaries and sources.
// `chemsafe qra study --input FILE|- [--geojson FILE]`: a self-contained study in local metres
// (qra/study.h) → the IR grid summary, the risk at the points, the contours' safety distances, F-N and PLL;
// the contours as GeoJSON (local metres) into FILE when asked.
// `chemsafe qra province --db PATH [--city CODE] [--weather FILE] [--new] [--reuse] [-o DIR]`: the
// relocation list of plan task T7 (service/qra_province.h, decision 0007), stored in the database as a run
// versioned by its input digest (store/qra_store.h; the platform shows it), and with -o also written into
// DIR: relocation_list.json and .xlsx, the contours as GeoJSON (WGS-84) and report.html, with the method and
// inputs needed to reproduce it. --reuse: nothing is computed when a stored run has the same digest.
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <optional>

#include <fmt/format.h>

#include "chemsafe/cli/internal/commands.h"
#include "chemsafe/cli/internal/store_options.h"
#include "chemsafe/core/calendar.h"
#include "chemsafe/qra/study.h"
#include "chemsafe/service/qra_province.h"
#include "chemsafe/tabular/table_writer.h"
#include "chemsafe/reference/data_dir.h"
#include "chemsafe/reference/qra_files.h"

namespace chemsafe::cli {
namespace {

struct ModelArgs {
  std::string input;
  bool list = false;
};

int RunModel(const ModelArgs& args) {
  auto data = reference::LoadQraData(reference::DataDir());
  if (!data.ok()) return Fail(data.status());
  auto registry = reference::QraModelRegistry(*data);
  if (!registry.ok()) return Fail(registry.status());
  if (args.list) {
    for (const auto& name : registry->Names()) {
      std::cout << fmt::format("{:<24} {}\n", name, registry->Find(name)->summary);
    }
    return 0;
  }
  if (args.input.empty()) return Fail(InvalidArgument("--input: required (a JSON file, or - for standard input)"));
  auto request = ReadJsonInput(args.input);
  if (!request.ok()) return Fail(request.status());
  auto out = registry->Evaluate(*request);
  if (!out.ok()) return Fail(out.status());
  std::cout << out->dump(2) << "\n";
  return 0;
}

struct StudyArgs {
  std::string input;
  std::string geojson;
};

int RunStudyCommand(const StudyArgs& args) {
  auto data = reference::LoadQraData(reference::DataDir());
  if (!data.ok()) return Fail(data.status());
  auto registry = reference::QraModelRegistry(*data);
  if (!registry.ok()) return Fail(registry.status());
  auto study = ReadJsonInput(args.input);
  if (!study.ok()) return Fail(study.status());
  std::string geojson;
  auto out = qra::RunStudy(*study, *registry, {}, args.geojson.empty() ? nullptr : &geojson);
  if (!out.ok()) return Fail(out.status());
  if (!args.geojson.empty()) {
    std::ofstream f(args.geojson, std::ios::binary | std::ios::trunc);
    if (!(f << geojson) || !f.flush()) return Fail(Unavailable(args.geojson + ": cannot write"));
  }
  std::cout << out->dump(2) << "\n";
  return 0;
}

struct ProvinceArgs {
  StoreOptions store;
  std::string city;
  std::string weather;  // default: data/qra/weather_synthetic.json
  std::string out_dir;  // empty: the run is stored only
  bool new_installations = false;
  bool reuse = false;
};

std::string Html(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

Status WriteText(const std::filesystem::path& path, const std::string& text) {
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  if (!(f << text) || !f.flush()) return Unavailable(path.string() + ": cannot write");
  return Status::Ok();
}

Status WriteWorkbook(const std::filesystem::path& path, const service::ProvinceQraResult& r) {
  CHEMSAFE_ASSIGN_OR_RETURN(auto w, tabular::CreateXlsxWriter(path.string(), {"搬迁改造建议清单"}));
  CHEMSAFE_RETURN_IF_ERROR(w->WriteHeader({"排名", "批次", "建议措施", "企业名称", "统一社会信用代码", "行政区划代码",
                                           "园区", "超限防护目标数", "最严重超限倍数", "PLL（/年）", "理由"}));
  int rank = 0;
  for (const auto& e : r.enterprises) {
    ++rank;
    std::string reasons;
    for (const auto& why : e.reasons) reasons += (reasons.empty() ? "" : "；") + why;
    using tabular::Cell;
    CHEMSAFE_RETURN_IF_ERROR(w->WriteRow({Cell::Number(rank), e.batch > 0 ? Cell::Number(e.batch) : Cell::Empty(),
                                          Cell::Text(service::ProposedActionZh(e.action)), Cell::Text(e.name),
                                          Cell::Text(e.uscc), Cell::Text(e.division_code), Cell::Text(e.park_code),
                                          Cell::Number(static_cast<double>(e.exceedances.size())),
                                          Cell::Number(e.worst_ratio), Cell::Number(e.pll_per_yr), Cell::Text(reasons)}));
  }
  return w->Close();
}

// The F-N verdict as the report shows it, 暂定 (provisional) while the criterion lines are unverified.
std::string FnVerdictZh(const service::EnterpriseQra& e) {
  const std::string v = e.fn_verdict == "intolerable" ? "不可容许"
                        : e.fn_verdict == "alarp"     ? "尽可能降低"
                        : e.fn_verdict == "tolerable" ? "可容许"
                                                      : "—";
  return e.fn_provisional && !e.fn_verdict.empty() ? v + "（暂定）" : v;
}

std::string ReportHtml(const service::ProvinceQraResult& r, const ProvinceArgs& args, bool synthetic_weather) {
  std::map<std::string, int> by_action;
  for (const auto& e : r.enterprises) ++by_action[std::string(service::ProposedActionZh(e.action))];
  std::string h = R"(<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>定量风险评价 搬迁改造建议清单</title>
<style>body{font-family:sans-serif;margin:2em;max-width:1200px}table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:4px 6px;font-size:13px;vertical-align:top}th{background:#f3f3f3}.warn{background:#fff3cd;padding:8px;border:1px solid #e0c060}</style></head><body>
<h1>危险化学品企业定量风险评价 — 关闭、转产、搬迁建议清单</h1>
<p>Quantitative risk assessment of the major hazard installations — proposed list of plants to close, convert or relocate (plan task T7). 建议由系统按规则生成，最终由主管部门决定。</p>
<p>社会风险F-N判据线（data/qra/gb36894_fn_lines.csv）未经与标准原文核对，F-N结论均为暂定。 The F-N criterion lines are unverified: every F-N verdict is provisional.</p>
)";
  if (synthetic_weather) {
    h += R"(<p class="warn">气象条件为演示用合成数据（data/qra/weather_synthetic.json），结果仅供演示。 Weather inputs are SYNTHETIC: results are for demonstration only.</p>)";
  }
  h += fmt::format("<h2>方法与输入 Method and inputs</h2><ul><li>{}</li><li>范围 scope: {}</li><li>数据库 database: {}</li>"
                   "<li>重大危险源单元 installations: {}；场景 scenarios: {}；结果 outcomes: {}；核查防护目标 targets checked: {}</li>"
                   "<li>最大个人风险 max IR: {:.2e}/年；计算用时 {:.1f} s</li></ul>",
                   Html(r.method), Html(args.city.empty() ? std::string("全部 all") : args.city),
                   Html(args.store.db_path.empty() ? std::string("PostgreSQL") : args.store.db_path), r.installations,
                   r.scenarios, r.outcomes, r.targets_checked, r.max_ir_per_yr, r.seconds);
  h += "<h2>汇总 Summary</h2><ul>";
  for (const auto& [action, n] : by_action) h += fmt::format("<li>{}: {}</li>", Html(action), n);
  h += "</ul><h2>清单 The list</h2><table><tr><th>排名</th><th>批次</th><th>建议</th><th>企业</th><th>统一社会信用代码</th>"
       "<th>超限防护目标（本企业贡献/限值）</th><th>PLL /年</th><th>社会风险 F-N</th><th>理由</th></tr>";
  int rank = 0;
  for (const auto& e : r.enterprises) {
    ++rank;
    if (e.exceedances.empty()) continue;
    std::string targets;
    for (std::size_t k = 0; k < e.exceedances.size() && k < 5; ++k) {
      const auto& x = e.exceedances[k];
      targets += fmt::format("{}（{}）{:.1e}/{:.0e}<br>", Html(x.name), Html(x.kind), x.own_ir_per_yr, x.limit_per_yr);
    }
    if (e.exceedances.size() > 5) targets += fmt::format("… 共 {} 处", e.exceedances.size());
    std::string reasons;
    for (const auto& why : e.reasons) reasons += Html(why) + "<br>";
    h += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{:.2e}</td><td>{}</td>"
                     "<td>{}</td></tr>",
                     rank, e.batch, Html(service::ProposedActionZh(e.action)), Html(e.name), Html(e.uscc), targets,
                     e.pll_per_yr, Html(FnVerdictZh(e)), reasons);
  }
  h += fmt::format("</table><p>未超限企业 {} 家未列出。Enterprises without exceedances are not listed.</p>",
                   std::count_if(r.enterprises.begin(), r.enterprises.end(),
                                 [](const service::EnterpriseQra& e) { return e.exceedances.empty(); }));
  if (!r.skipped.empty()) {
    h += fmt::format("<h2>未纳入计算的储存物 Holdings left out ({})</h2><ul>", r.skipped.size());
    for (std::size_t k = 0; k < r.skipped.size() && k < 200; ++k) h += "<li>" + Html(r.skipped[k]) + "</li>";
    h += "</ul>";
  }
  return h + "</body></html>\n";
}

int RunProvince(const ProvinceArgs& args) {
  auto data = reference::LoadQraData(reference::DataDir());
  if (!data.ok()) return Fail(data.status());
  const std::string weather_path =
      args.weather.empty() ? (std::filesystem::path(reference::DataDir()) / "qra/weather_synthetic.json").string()
                           : args.weather;
  auto weather = ReadJsonInput(weather_path);
  if (!weather.ok()) return Fail(weather.status());
  const bool synthetic = weather->value("synthetic", false);
  auto registry = OpenStore(args.store);
  if (!registry.ok()) return Fail(registry.status());
  auto hazards = OpenHazardStore(args.store);
  if (!hazards.ok()) return Fail(hazards.status());
  service::ProvinceQraOptions options;
  options.division_prefix = args.city;
  options.new_installations = args.new_installations;
  options.weather = weather->contains("weather") ? (*weather)["weather"] : *weather;
  auto runs = OpenQraStore(args.store);
  if (!runs.ok()) return Fail(runs.status());
  std::optional<store::QraRunRecord> same;
  if (args.reuse) {
    options.stop_at_digest = [&](const std::string& digest) {
      auto found = (*runs)->FindRunByDigest(digest);
      if (found.ok() && found->has_value()) same = std::move(**found);
      return same.has_value();
    };
  }
  auto r = service::RunProvinceQra(**registry, **hazards, *data, options);
  if (!r.ok()) return Fail(r.status());
  if (r->stopped) {
    std::cout << fmt::format("定量风险评价 QRA: inputs unchanged since run {} of {} (digest {}…); nothing computed\n",
                             same->id, same->run_at, r->input_digest.substr(0, 16));
    return 0;
  }
  auto run_id = service::SaveProvinceQra(**runs, *r, options, synthetic, UtcText(std::chrono::system_clock::now()));
  if (!run_id.ok()) return Fail(run_id.status());
  int listed = 0;
  for (const auto& e : r->enterprises) listed += e.exceedances.empty() ? 0 : 1;
  std::cout << fmt::format("定量风险评价 QRA run {}: {} installations, {} scenarios, {} targets checked in {:.1f} s; {} of {} "
                           "enterprises with exceedances; stored (digest {}…){}{}\n",
                           *run_id, r->installations, r->scenarios, r->targets_checked, r->seconds, listed,
                           r->enterprises.size(), r->input_digest.substr(0, 16),
                           args.out_dir.empty() ? "" : "; written to " + args.out_dir,
                           synthetic ? " (SYNTHETIC weather: demo only)" : "");
  if (args.out_dir.empty()) return 0;
  std::error_code ec;
  std::filesystem::create_directories(args.out_dir, ec);
  if (ec) return Fail(Unavailable(args.out_dir + ": " + ec.message()));
  const std::filesystem::path dir(args.out_dir);
  nlohmann::ordered_json list;
  list["run_id"] = *run_id;
  list["method"] = r->method;
  list["input_digest"] = r->input_digest;
  list["synthetic_weather"] = synthetic;
  list["scope"] = args.city;
  list["installations"] = r->installations;
  list["scenarios"] = r->scenarios;
  list["outcomes"] = r->outcomes;
  list["targets_checked"] = r->targets_checked;
  list["max_ir_per_yr"] = r->max_ir_per_yr;
  list["seconds"] = r->seconds;
  auto& es = list["enterprises"] = nlohmann::ordered_json::array();
  int rank = 0;
  for (const auto& e : r->enterprises) es.push_back(service::EnterpriseQraJson(e, ++rank));
  list["skipped"] = r->skipped;
  for (const auto& s : {WriteText(dir / "relocation_list.json", list.dump(2) + "\n"),
                        WriteWorkbook(dir / "relocation_list.xlsx", *r),
                        WriteText(dir / "contours.geojson", r->contours_geojson),
                        WriteText(dir / "report.html", ReportHtml(*r, args, synthetic))}) {
    if (!s.ok()) return Fail(s);
  }
  return 0;
}

}  // namespace

void AddQraCommands(CLI::App& app, CommandContext& ctx) {
  CLI::App* qra = app.add_subcommand("qra", "Quantitative risk assessment (定量风险评价), GB 36894-2018, GB/T 37243-2019");
  qra->require_subcommand(1);
  auto* model = qra->add_subcommand("model", "Evaluate one consequence or effect model from a JSON request");
  auto args = std::make_shared<ModelArgs>();
  model->add_option("--input", args->input, "JSON file {\"model\", \"inputs\"}, or - for standard input");
  model->add_flag("--list", args->list, "list the models instead");
  model->callback([&ctx, args] { ctx.exit_code = RunModel(*args); });

  auto* study = qra->add_subcommand("study", "Individual and societal risk of a self-contained study (local metres)");
  auto sargs = std::make_shared<StudyArgs>();
  study->add_option("--input", sargs->input, "JSON study file, or - for standard input")->required();
  study->add_option("--geojson", sargs->geojson, "write the risk contours as GeoJSON (local metres) here");
  study->callback([&ctx, sargs] { ctx.exit_code = RunStudyCommand(*sargs); });

  auto* province = qra->add_subcommand("province", "The relocation list of the major hazard installations (plan task T7)");
  auto pargs = std::make_shared<ProvinceArgs>();
  AddStoreOptions(*province, pargs->store);
  province->add_option("--city", pargs->city, "only this division code and below (e.g. 4403)");
  province->add_option("--weather", pargs->weather, "weather classes and wind roses (JSON; default: the synthetic demo set)");
  province->add_flag("--new", pargs->new_installations, "apply the GB 36894 limits for new installations");
  province->add_option("-o,--out", pargs->out_dir, "also write the list, contours and report into this folder");
  province->add_flag("--reuse", pargs->reuse,
                     "compute nothing when a stored run has the same inputs (method, data, options, registry)");
  province->callback([&ctx, pargs] { ctx.exit_code = RunProvince(*pargs); });
}

}  // namespace chemsafe::cli
