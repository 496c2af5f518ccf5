// The traceability commands (issue 6's CLI contract; service/trace_service.h, decision 0008):
// `chemsafe trace capture --db PATH FILE.jsonl`: one EPCIS document (or event) per line; any invalid line:
//   exit 1 with a report per line, nothing of the batch stored.
// `chemsafe trace lineage --db PATH ID [--json]`: upstream and downstream of an identifier.
// `chemsafe trace balance --db PATH --from DATE --to DATE [--json] [--now TIME]`: the mass balance per party,
//   site and chemical and the anomalies of the period (DATEs are days in China, the period [from, to]).
// `chemsafe trace label --id ID --chemical KEY -o FILE`: a container or lot label (PDF, or PNG by the name).
// `chemsafe trace issue --db PATH --uscc U [--kind ctr|lot] [--count N] [--chemical K] [--labels DIR]`: new
//   identifiers in the platform's namespace, serials never issued twice, with a PDF label each.
// `chemsafe trace blacklist add|end|list`: the blacklist (黑名单) that sales are checked against (audited).
// `chemsafe demo trace --db PATH --events N --seed S`: a synthetic chain with known injected anomalies.
#include <chrono>
#include <filesystem>
#include <optional>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "chemsafe/cli/internal/commands.h"
#include "chemsafe/cli/internal/store_options.h"
#include "chemsafe/core/calendar.h"
#include "chemsafe/core/ids.h"
#include "chemsafe/service/access.h"
#include "chemsafe/reference/catalogue_files.h"
#include "chemsafe/reference/data_dir.h"
#include "chemsafe/service/trace_demo.h"
#include "chemsafe/service/trace_service.h"
#include "chemsafe/service/trace_views.h"
#include "chemsafe/trace/epcis.h"
#include "chemsafe/trace/identifiers.h"
#include "chemsafe/trace/labels.h"

namespace chemsafe::cli {
namespace {

using json = nlohmann::ordered_json;
constexpr std::int64_t kDayUs = 86'400'000'000LL;

Result<std::unique_ptr<store::TraceStore>> OpenTrace(const StoreOptions& o) {
  if (!o.pg_url.empty()) return store::OpenPostgresTraceStore(o.pg_url);
  if (o.db_path.empty()) return InvalidArgument("give the database: --db PATH or --pg URL");
  return store::OpenSqliteTraceStore(o.db_path);
}

// The registry and the events of one database, and the catalogue: what capturing needs.
struct TraceWorld {
  std::unique_ptr<store::RegistryStore> registry;
  std::unique_ptr<store::TraceStore> trace;
  catalogue::Catalogue catalogue;
  service::TraceStores stores() { return {*registry, *trace}; }
};

Result<TraceWorld> OpenTraceWorld(const StoreOptions& o) {
  TraceWorld w;
  CHEMSAFE_ASSIGN_OR_RETURN(w.registry, OpenStore(o));
  CHEMSAFE_ASSIGN_OR_RETURN(w.trace, OpenTrace(o));
  CHEMSAFE_ASSIGN_OR_RETURN(w.catalogue, reference::LoadCatalogue(reference::DataDir()));
  return w;
}

// The first instant of a day in China (UTC+8), "YYYY-MM-DD", in µs since the epoch.
Result<std::int64_t> DayStartUs(const std::string& date, const std::string& option) {
  auto t = ParseUtcText(date + "T00:00:00.000000Z");
  if (!t || date.size() != 10) return InvalidArgument(fmt::format("{}: \"{}\" is not a date YYYY-MM-DD", option, date));
  return std::chrono::duration_cast<std::chrono::microseconds>(t->time_since_epoch()).count() - 8 * 3'600'000'000LL;
}

struct CaptureArgs {
  StoreOptions store;
  std::string file;
};

int RunCapture(const CaptureArgs& args) {
  std::ifstream in(args.file, std::ios::binary);
  if (!in) return Fail(NotFound(args.file + ": cannot open"));
  std::vector<service::TraceInput> inputs;
  std::vector<std::string> errors;
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    const std::string where = fmt::format("{}:{}", args.file, number);
    auto events = service::TraceInputsFromText(line, where);
    if (!events.ok()) {
      errors.push_back(events.status().message());
      continue;
    }
    for (auto& input : *events) inputs.push_back(std::move(input));
  }
  if (errors.empty()) {
    auto world = OpenTraceWorld(args.store);
    if (!world.ok()) return Fail(world.status());
    auto report = service::CaptureTraceEvents(world->stores(), world->catalogue, inputs);
    if (!report.ok()) return Fail(report.status());
    for (const auto& p : report->problems) {
      errors.push_back(fmt::format("{}: {}{}{}", p.where, p.field, p.field.empty() ? "" : ": ", p.message));
    }
    if (errors.empty()) {
      std::cout << fmt::format("captured {} events ({} already stored), {} error declarations, from {}\n", report->stored,
                               report->duplicates, report->declarations, args.file);
      return 0;
    }
  }
  for (const auto& e : errors) std::cerr << "chemsafe: " << e << "\n";
  std::cerr << fmt::format("chemsafe: {} invalid; nothing of {} was stored\n",
                           errors.size() == 1 ? std::string("1 event is") : fmt::format("{} events are", errors.size()),
                           args.file);
  return 1;
}

struct LineageArgs {
  StoreOptions store;
  std::string id;
  bool json_out = false;
};

int RunLineage(const LineageArgs& args) {
  auto canonical = trace::CanonicalIdentifier(args.id);
  if (!canonical.ok()) return Fail(canonical.status());
  auto traces = OpenTrace(args.store);
  if (!traces.ok()) return Fail(traces.status());
  auto lineage = service::TraceLineage(**traces, *canonical);
  if (!lineage.ok()) return Fail(lineage.status());
  std::vector<store::TraceEventRow> rows;
  for (std::int64_t id : lineage->events) {
    auto row = (*traces)->FindById(id);
    if (!row.ok()) return Fail(row.status());
    if (*row) rows.push_back(std::move(**row));
  }
  auto made = service::LineageJson(*lineage, rows);
  if (!made.ok()) return Fail(made.status());
  const json& l = *made;
  if (args.json_out) {
    std::cout << l.dump(2) << "\n";
    return 0;
  }
  const json& events = l["events"];
  std::cout << fmt::format("{}\n  上游 upstream ({}):\n", lineage->root, lineage->upstream.size());
  for (const auto& u : lineage->upstream) std::cout << "    " << u << "\n";
  std::cout << fmt::format("  下游 downstream ({}):\n", lineage->downstream.size());
  for (const auto& d : lineage->downstream) std::cout << "    " << d << "\n";
  std::cout << fmt::format("  事件 events ({}):\n", events.size());
  for (const auto& e : events) {
    std::cout << fmt::format("    {} {} {} {}\n", e.value("eventTime", ""), e.value("type", ""), e.value("bizStep", ""),
                             e.contains("bizLocation") ? e["bizLocation"].value("id", "") : std::string());
  }
  return 0;
}

struct BalanceArgs {
  StoreOptions store;
  std::string from, to, now;
  bool json_out = false;
};

int RunBalance(const BalanceArgs& args) {
  service::ClosedLoopOptions o;
  auto from = DayStartUs(args.from, "--from");
  if (!from.ok()) return Fail(from.status());
  auto to = DayStartUs(args.to, "--to");
  if (!to.ok()) return Fail(to.status());
  o.from_us = *from;
  o.to_us = *to + kDayUs;  // the last day included
  if (o.to_us <= o.from_us) return Fail(InvalidArgument("--to: before --from"));
  if (!args.now.empty()) {
    auto now = trace::ParseRfc3339Us(args.now);
    if (!now.ok()) return Fail(InvalidArgument("--now: " + now.status().message()));
    o.now_us = *now;
  }
  auto registry = OpenStore(args.store);
  if (!registry.ok()) return Fail(registry.status());
  auto traces = OpenTrace(args.store);
  if (!traces.ok()) return Fail(traces.status());
  auto r = service::CheckClosedLoop({**registry, **traces}, o);
  if (!r.ok()) return Fail(r.status());
  const json out = service::ClosedLoopJson(*r, args.from, args.to);
  if (args.json_out) {
    std::cout << out.dump(2) << "\n";
    return 0;
  }
  std::cout << fmt::format("闭环核查 closed loop {} — {}: {} movements, {} balance rows, {} sales filed, {} anomalies\n",
                           args.from, args.to, r->movements, r->balance.size(), r->filings.size(), r->anomalies.size());
  for (const auto& [kind, n] : out["anomaly_counts"].items()) std::cout << fmt::format("  {}: {}\n", kind, n.get<int>());
  for (const auto& a : r->anomalies) {
    std::cout << fmt::format("{} {} {} {} {}: {}\n", service::ChinaTimeText(a.at_us), service::AnomalyKindZh(a.kind), a.party,
                             a.chemical, a.shipment_key, a.detail);
  }
  return 0;
}

struct LabelArgs {
  std::string id, chemical, quantity, holder, lot, date, out, base_url = "https://trace.chemsafe.example";
};

int RunLabel(const LabelArgs& args) {
  auto catalogue = reference::LoadCatalogue(reference::DataDir());
  if (!catalogue.ok()) return Fail(catalogue.status());
  const catalogue::Chemical* c = catalogue->FindByKey(args.chemical);
  if (c == nullptr) c = catalogue->FindByCas(args.chemical);
  if (c == nullptr) return Fail(NotFound(fmt::format("--chemical: {} is not in the 危险化学品目录", args.chemical)));
  auto canonical = trace::CanonicalIdentifier(args.id);
  if (!canonical.ok()) return Fail(canonical.status());
  // GS1 keys print their Digital Link; the platform's ids their Digital Link on the platform's base.
  std::string payload = *canonical;
  if (canonical->rfind("urn:chemsafe:", 0) == 0) {
    auto link = trace::PlatformDigitalLink(*canonical, args.base_url);
    if (!link.ok()) return Fail(link.status());
    payload = *link;
  }
  trace::LabelSpec spec = trace::LabelSpecForChemical(*c);
  spec.payload = payload;
  spec.identifier_text = *canonical;
  spec.quantity_text = args.quantity;
  spec.lot = args.lot;
  spec.date = args.date;
  spec.holder.name = args.holder;
  const bool png = args.out.size() > 4 && args.out.substr(args.out.size() - 4) == ".png";
  spec.format = png ? trace::LabelFormat::kPng : trace::LabelFormat::kPdf;
  auto assets = trace::LabelAssets::Load(reference::DataDir());
  if (!assets.ok()) return Fail(assets.status());
  auto bytes = trace::RenderLabel(spec, *assets);
  if (!bytes.ok()) return Fail(bytes.status());
  std::ofstream f(args.out, std::ios::binary | std::ios::trunc);
  if (!(f << *bytes) || !f.flush()) return Fail(Unavailable(args.out + ": cannot write"));
  std::cout << fmt::format("label of {} ({}) written to {}\n", *canonical, c->name_zh, args.out);
  return 0;
}

struct BlacklistArgs {
  StoreOptions store;
  std::string uscc, from, on, authority, reason;
  std::int64_t id = 0;
};

Status CheckDay(const std::string& day, const std::string& option) { return DayStartUs(day, option).status(); }

int RunBlacklistAdd(const BlacklistArgs& args) {
  auto uscc = Uscc::Parse(args.uscc);
  if (!uscc.ok()) return Fail(InvalidArgument("--uscc: " + uscc.status().message()));
  if (auto s = CheckDay(args.from, "--from"); !s.ok()) return Fail(s);
  if (args.authority.empty() || args.reason.empty()) return Fail(InvalidArgument("--authority and --reason: both are required"));
  auto traces = OpenTrace(args.store);
  if (!traces.ok()) return Fail(traces.status());
  store::BlacklistEntry entry{0, uscc->str(), args.from, "", args.authority, args.reason};
  auto record = service::AuditOf(CliActor(), UtcText(std::chrono::system_clock::now()), "blacklist.add", entry.uscc, "ok");
  if (auto s = (*traces)->AddBlacklisting(entry, record); !s.ok()) return Fail(s);
  std::cout << fmt::format("listing {}: {} on the blacklist from {} ({}: {})\n", entry.id, entry.uscc, entry.listed_on,
                           entry.authority, entry.reason);
  return 0;
}

int RunBlacklistEnd(const BlacklistArgs& args) {
  if (auto s = CheckDay(args.on, "--on"); !s.ok()) return Fail(s);
  auto traces = OpenTrace(args.store);
  if (!traces.ok()) return Fail(traces.status());
  auto record = service::AuditOf(CliActor(), UtcText(std::chrono::system_clock::now()), "blacklist.end",
                                 std::to_string(args.id), "ok: ended on " + args.on);
  if (auto s = (*traces)->EndBlacklisting(args.id, args.on, record); !s.ok()) return Fail(s);
  std::cout << fmt::format("listing {} ended on {}\n", args.id, args.on);
  return 0;
}

int RunBlacklistList(const BlacklistArgs& args) {
  auto traces = OpenTrace(args.store);
  if (!traces.ok()) return Fail(traces.status());
  auto list = (*traces)->Blacklist();
  if (!list.ok()) return Fail(list.status());
  for (const auto& b : *list) {
    std::cout << fmt::format("{}\t{}\t{} — {}\t{}\t{}\n", b.id, b.uscc, b.listed_on, b.ended_on.empty() ? "…" : b.ended_on,
                             b.authority, b.reason);
  }
  return 0;
}

struct IssueArgs {
  StoreOptions store;
  std::string uscc, kind = "ctr", chemical, labels, base_url = "https://trace.chemsafe.example";
  int count = 1;
};

// Issues identifiers in the platform's namespace (serials reserved in the database, never issued twice) and,
// with --labels DIR, a label for each (DIR/<serial>.pdf).
int RunIssue(const IssueArgs& args) {
  if (args.kind != "ctr" && args.kind != "lot") return Fail(InvalidArgument("--kind: ctr (containers) or lot"));
  if (args.kind == "lot" && args.chemical.empty()) return Fail(InvalidArgument("--chemical: a lot names its chemical"));
  if (args.count < 1 || args.count > 10000) return Fail(InvalidArgument("--count: 1 to 10000"));
  auto world = OpenTraceWorld(args.store);
  if (!world.ok()) return Fail(world.status());
  auto holder = world->registry->FindEnterprise(args.uscc);
  if (!holder.ok()) return Fail(holder.status());
  if (!*holder) return Fail(NotFound(fmt::format("--uscc: {} is not in the registry", args.uscc)));
  const catalogue::Chemical* c = nullptr;
  if (!args.chemical.empty()) {
    c = world->catalogue.FindByKey(args.chemical);
    if (c == nullptr) c = world->catalogue.FindByCas(args.chemical);
    if (c == nullptr) return Fail(NotFound(fmt::format("--chemical: {} is not in the 危险化学品目录", args.chemical)));
  }
  auto record = service::AuditOf(CliActor(), UtcText(std::chrono::system_clock::now()), "trace.issue", args.uscc,
                                 fmt::format("ok: {} {}", args.count, args.kind));
  auto first = world->trace->ReserveSerials(args.uscc, args.kind, args.count, record);
  if (!first.ok()) return Fail(first.status());
  std::optional<trace::LabelAssets> assets;
  if (!args.labels.empty()) {
    if (c == nullptr) return Fail(InvalidArgument("--labels: give --chemical, whose pictograms the labels carry"));
    auto loaded = trace::LabelAssets::Load(reference::DataDir());
    if (!loaded.ok()) return Fail(loaded.status());
    assets = std::move(*loaded);
    std::error_code ec;
    std::filesystem::create_directories(args.labels, ec);
    if (ec) return Fail(Unavailable(args.labels + ": " + ec.message()));
  }
  for (std::int64_t n = *first; n < *first + args.count; ++n) {
    const std::string serial = fmt::format("{:08d}", n);
    auto id = args.kind == "ctr" ? trace::PlatformContainerId(args.uscc, serial)
                                 : trace::PlatformLotId(args.uscc, c->key, serial);
    if (!id.ok()) return Fail(id.status());
    std::cout << *id << "\n";
    if (!assets) continue;
    auto link = trace::PlatformDigitalLink(*id, args.base_url);
    if (!link.ok()) return Fail(link.status());
    trace::LabelSpec spec = trace::LabelSpecForChemical(*c);
    spec.payload = *link;
    spec.identifier_text = *id;
    spec.holder.name = (*holder)->name;
    spec.holder.uscc = args.uscc;
    if (args.kind == "lot") spec.lot = serial;
    auto bytes = trace::RenderLabel(spec, *assets);
    if (!bytes.ok()) return Fail(bytes.status());
    const auto path = std::filesystem::path(args.labels) / (serial + ".pdf");
    std::ofstream f(path, std::ios::binary | std::ios::trunc);
    if (!(f << *bytes) || !f.flush()) return Fail(Unavailable(path.string() + ": cannot write"));
  }
  return 0;
}

struct DemoArgs {
  StoreOptions store;
  std::string start;  // default: 62 days before today in China, so the chain ends before today
  int events = 10000;
  std::uint64_t seed = 2017;
  int per_kind = 0;
};

int RunDemoTrace(const DemoArgs& args) {
  auto world = OpenTraceWorld(args.store);
  if (!world.ok()) return Fail(world.status());
  service::TraceDemoOptions o;
  if (!args.start.empty()) {
    if (auto day = Date::Parse(args.start); !day.ok()) return Fail(InvalidArgument("--start: " + day.status().message()));
    o.start_date = args.start;
  } else {
    o.start_date = Date{std::chrono::year_month_day(TodayInShanghai().days() - std::chrono::days(62))}.str();
  }
  o.events = args.events;
  o.seed = args.seed;
  o.per_kind = args.per_kind;
  auto r = service::GenerateTraceDemo(world->stores(), world->catalogue, o);
  if (!r.ok()) return Fail(r.status());
  json injected = json::object();
  for (const auto& [kind, n] : r->injected) injected[std::string(service::AnomalyKindCode(kind))] = n;
  std::cout << json{{"synthetic", true},
                    {"events", r->events},
                    {"chains", r->chains},
                    {"from", service::ChinaTimeText(r->from_us).substr(0, 10)},
                    {"to", service::ChinaTimeText(r->to_us - kDayUs).substr(0, 10)},
                    {"injected", std::move(injected)}}
                   .dump(2)
            << "\n";
  return 0;
}

}  // namespace

void AddTraceCommands(CLI::App& app, CommandContext& ctx) {
  CLI::App* t = app.add_subcommand("trace", "Traceability of 剧毒 and 易制爆 chemicals (EPCIS 2.0 events, closed loop)");
  t->require_subcommand(1);

  auto* capture = t->add_subcommand("capture", "Capture EPCIS 2.0 events, one JSON document per line (all or nothing)");
  auto cargs = std::make_shared<CaptureArgs>();
  AddStoreOptions(*capture, cargs->store);
  capture->add_option("file", cargs->file, "JSON Lines file of EPCIS documents or events")->required();
  capture->callback([&ctx, cargs] { ctx.exit_code = RunCapture(*cargs); });

  auto* lineage = t->add_subcommand("lineage", "Upstream and downstream of an identifier");
  auto largs = std::make_shared<LineageArgs>();
  AddStoreOptions(*lineage, largs->store);
  lineage->add_option("id", largs->id, "identifier (EPC URI, GS1 Digital Link or urn:chemsafe:…)")->required();
  lineage->add_flag("--json", largs->json_out, "JSON output");
  lineage->callback([&ctx, largs] { ctx.exit_code = RunLineage(*largs); });

  auto* balance = t->add_subcommand("balance", "Mass balance and anomalies of a period (闭环核查)");
  auto bargs = std::make_shared<BalanceArgs>();
  AddStoreOptions(*balance, bargs->store);
  balance->add_option("--from", bargs->from, "first day, YYYY-MM-DD (China)")->required();
  balance->add_option("--to", bargs->to, "last day, YYYY-MM-DD (China)")->required();
  balance->add_option("--now", bargs->now, "judge overdue receipts at this RFC 3339 time (default: now)");
  balance->add_flag("--json", bargs->json_out, "JSON output");
  balance->callback([&ctx, bargs] { ctx.exit_code = RunBalance(*bargs); });

  auto* label = t->add_subcommand("label", "A container or lot label: QR code, text, GHS pictograms (PDF or PNG)");
  auto lbargs = std::make_shared<LabelArgs>();
  label->add_option("--id", lbargs->id, "the identifier to print")->required();
  label->add_option("--chemical", lbargs->chemical, "catalogue key or CAS number")->required();
  label->add_option("--quantity", lbargs->quantity, "quantity as printed, e.g. \"25 kg\"");
  label->add_option("--holder", lbargs->holder, "enterprise name");
  label->add_option("--lot", lbargs->lot, "lot");
  label->add_option("--date", lbargs->date, "date as printed");
  label->add_option("--base-url", lbargs->base_url, "the platform's base URL for its own identifiers' Digital Link");
  label->add_option("-o,--out", lbargs->out, "output file (.pdf or .png)")->required();
  label->callback([&ctx, lbargs] { ctx.exit_code = RunLabel(*lbargs); });

  auto* blacklist = t->add_subcommand("blacklist", "The blacklist (黑名单) of enterprises barred from buying regulated chemicals");
  blacklist->require_subcommand(1);
  auto blargs = std::make_shared<BlacklistArgs>();
  auto* badd = blacklist->add_subcommand("add", "List an enterprise (audited)");
  AddStoreOptions(*badd, blargs->store);
  badd->add_option("--uscc", blargs->uscc, "统一社会信用代码")->required();
  badd->add_option("--from", blargs->from, "listed from this day, YYYY-MM-DD")->required();
  badd->add_option("--authority", blargs->authority, "who listed it")->required();
  badd->add_option("--reason", blargs->reason, "why")->required();
  badd->callback([&ctx, blargs] { ctx.exit_code = RunBlacklistAdd(*blargs); });
  auto* bend = blacklist->add_subcommand("end", "End a listing on a day (audited)");
  AddStoreOptions(*bend, blargs->store);
  bend->add_option("--id", blargs->id, "the listing's id (blacklist list)")->required();
  bend->add_option("--on", blargs->on, "the first day it no longer applies, YYYY-MM-DD")->required();
  bend->callback([&ctx, blargs] { ctx.exit_code = RunBlacklistEnd(*blargs); });
  auto* blist = blacklist->add_subcommand("list", "Every listing, ended ones too");
  AddStoreOptions(*blist, blargs->store);
  blist->callback([&ctx, blargs] { ctx.exit_code = RunBlacklistList(*blargs); });

  auto* issue = t->add_subcommand("issue", "Issue tracking identifiers in the platform's namespace (and their labels)");
  auto iargs = std::make_shared<IssueArgs>();
  AddStoreOptions(*issue, iargs->store);
  issue->add_option("--uscc", iargs->uscc, "the enterprise (统一社会信用代码)")->required();
  issue->add_option("--kind", iargs->kind, "ctr (containers, default) or lot");
  issue->add_option("--count", iargs->count, "how many (default 1)");
  issue->add_option("--chemical", iargs->chemical, "catalogue key or CAS number (lots; labels)");
  issue->add_option("--labels", iargs->labels, "write a PDF label per identifier into this folder");
  issue->add_option("--base-url", iargs->base_url, "the platform's base URL for the labels' Digital Link");
  issue->callback([&ctx, iargs] { ctx.exit_code = RunIssue(*iargs); });

  CLI::App* demo = FindSubcommand(app, "demo");
  if (demo == nullptr) demo = app.add_subcommand("demo", "Synthetic demo data");
  auto* dt = demo->add_subcommand("trace", "A synthetic supply chain with known injected anomalies (SYNTHETIC)");
  auto dargs = std::make_shared<DemoArgs>();
  AddStoreOptions(*dt, dargs->store);
  dt->add_option("--events", dargs->events, "about this many events")->check(CLI::Range(100, 100'000'000));
  dt->add_option("--seed", dargs->seed, "random seed");
  dt->add_option("--start", dargs->start, "first day of the chain, YYYY-MM-DD (default: 62 days ago, China)");
  dt->add_option("--per-kind", dargs->per_kind, "injected anomalies of each kind (default: events / 2000, at least 1)");
  dt->callback([&ctx, dargs] { ctx.exit_code = RunDemoTrace(*dargs); });
}

}  // namespace chemsafe::cli
