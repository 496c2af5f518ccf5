// Registry commands: import, export, template, registry summary (issue 2 §5, §7).
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <iomanip>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>

#include <nlohmann/json.hpp>

#include "chemsafe/cli/internal/commands.h"
#include "chemsafe/cli/internal/store_options.h"
#include "chemsafe/cli/progress.h"
#include "chemsafe/core/calendar.h"
#include "chemsafe/registry/names.h"
#include "chemsafe/reference/catalogue_files.h"
#include "chemsafe/reference/data_dir.h"
#include "chemsafe/reference/divisions.h"
#include "chemsafe/service/hazard_service.h"
#include "chemsafe/service/registry_io.h"

namespace chemsafe::cli {
namespace {

struct ImportArgs {
  std::string kind;
  std::string file;
  std::string crs = "wgs84";
  std::string sheet;
  StoreOptions store;
};

int RunImport(const ImportArgs& args) {
  auto kind = service::ParseRecordKind(args.kind);
  if (!kind.ok()) return Fail(kind.status());
  const std::string data_dir = reference::DataDir();
  auto divisions = reference::LoadDivisionTable(data_dir);
  if (!divisions.ok()) return Fail(divisions.status());
  auto catalogue = reference::LoadCatalogue(data_dir);
  if (!catalogue.ok()) return Fail(catalogue.status());
  auto processes = service::LoadKeyProcessNames(data_dir);
  if (!processes.ok()) return Fail(processes.status());
  auto store = OpenStore(args.store);
  if (!store.ok()) return Fail(store.status());

  service::ImportOptions options;
  options.crs = args.crs == "gcj02" ? service::InputCrs::kGcj02 : service::InputCrs::kWgs84;
  options.sheet = args.sheet;
  ProgressBar bar("导入 import");
  options.on_progress = [&bar](const service::ImportProgress& p) {
    bar.Update(static_cast<std::int64_t>(p.bytes_done), static_cast<std::int64_t>(p.bytes_total));
  };
  service::ImportReferences refs{*divisions, *catalogue, *processes};
  auto report = service::ImportTable(**store, refs, *kind, args.file, options);
  bar.Finish();
  if (!report.ok()) return Fail(report.status());
  if (!report->ok()) {
    for (const auto& p : report->problems) std::cerr << p.ToString() << "\n";
    std::cerr << "chemsafe: " << report->problems.size() << " problem(s) in " << args.file
              << "; nothing was imported\n";
    return 1;
  }
  std::cout << "imported " << args.file << ": " << report->rows_read << " rows, " << report->inserted
            << " inserted, " << report->updated << " updated, " << report->unchanged << " unchanged\n";
  if (*kind == service::RecordKind::kHoldings && report->inserted + report->updated > 0) {
    // Holdings changed: re-assess the units concerned (GB 18218-2018) and record their transitions.
    auto hazards = args.store.pg_url.empty() ? store::OpenSqliteHazardStore(args.store.db_path)
                                             : store::OpenPostgresHazardStore(args.store.pg_url);
    if (!hazards.ok()) return Fail(hazards.status().WithContext("re-assessment"));
    service::HazardRunOptions again;
    again.only_changed = true;
    auto run = service::AssessRegistry(**store, **hazards, *catalogue, again);
    if (!run.ok()) return Fail(run.status().WithContext("re-assessment"));
    std::cout << "re-assessed " << run->units_assessed << " units (GB 18218-2018): " << run->all.major()
              << " major hazard installations, " << run->all.failed << " could not be assessed, "
              << run->events.size() << " transitions recorded\n";
  }
  return 0;
}

struct ExportArgs {
  std::string kind;
  std::string format;
  std::string output;
  StoreOptions store;
};

int RunExport(const ExportArgs& args) {
  auto kind = service::ParseRecordKind(args.kind);
  if (!kind.ok()) return Fail(kind.status());
  auto format = service::ParseExportFormat(args.format);
  if (!format.ok()) return Fail(format.status());
  auto store = OpenStore(args.store);
  if (!store.ok()) return Fail(store.status());
  auto n = service::ExportRecords(**store, *kind, *format, args.output);
  if (!n.ok()) return Fail(n.status());
  std::cout << "exported " << *n << " " << service::RecordKindName(*kind) << " to " << args.output << "\n";
  return 0;
}

// The Chinese name of a registry::Sector persisted code ("1" -> 化工).
std::string SectorLabel(const std::string& code) {
  const int c = std::atoi(code.c_str());
  if (c < 1 || c > static_cast<int>(registry::Sector::kOther)) return code;
  return std::string(registry::SectorName(static_cast<registry::Sector>(c)));
}

int RunSummary(const StoreOptions& store_options, const std::string& division, bool json) {
  auto store = OpenStore(store_options);
  if (!store.ok()) return Fail(store.status());
  std::optional<std::string> prefix;
  if (!division.empty()) prefix = division;
  auto summary = (*store)->Summary(prefix);
  if (!summary.ok()) return Fail(summary.status());
  const auto& s = *summary;
  auto divisions = reference::LoadDivisionTable(reference::DataDir());
  auto catalogue = reference::LoadCatalogue(reference::DataDir());
  auto chemical_name = [&](const std::string& key) -> std::string {
    if (!catalogue.ok()) return key;
    const catalogue::Chemical* c = catalogue->FindByKey(key);
    return c != nullptr ? c->name_zh : key;
  };
  auto division_name = [&](const std::string& code) -> std::string {
    if (!divisions.ok()) return code;
    const Division* d = divisions->Find(code);
    return d != nullptr ? d->name : code;
  };
  if (json) {
    nlohmann::ordered_json j;
    j["enterprises"] = s.enterprises;
    j["synthetic_enterprises"] = s.synthetic_enterprises;
    j["units"] = s.units;
    j["holdings"] = s.holdings;
    j["protected_targets"] = s.protected_targets;
    j["parks"] = s.parks;
    j["total_max_quantity_t"] = s.total_max_quantity_t;
    auto counts = [&](const std::vector<store::CountByKey>& v, const std::function<std::string(const std::string&)>& name) {
      nlohmann::ordered_json a = nlohmann::ordered_json::array();
      for (const auto& c : v) {
        nlohmann::ordered_json e{{"key", c.key}, {"count", c.count}};
        if (name) e["name"] = name(c.key);
        a.push_back(std::move(e));
      }
      return a;
    };
    j["enterprises_by_city"] = counts(s.enterprises_by_city, division_name);
    j["enterprises_by_sector"] = counts(s.enterprises_by_sector, SectorLabel);
    j["holdings_by_chemical"] = counts(s.holdings_by_chemical, chemical_name);
    std::cout << j.dump(2) << "\n";
    return 0;
  }
  std::cout << "危险化学品登记汇总 Registry summary" << (prefix ? " (" + division_name(*prefix) + ")" : "") << "\n";
  std::cout << "  企业 enterprises:          " << s.enterprises;
  if (s.synthetic_enterprises > 0) std::cout << " (" << s.synthetic_enterprises << " synthetic demo 演示数据)";
  std::cout << "\n";
  std::cout << "  单元 units:                " << s.units << "\n";
  std::cout << "  储存品种 holdings:         " << s.holdings << "\n";
  std::cout << "  设计最大量 max quantity:   " << std::fixed << std::setprecision(1) << s.total_max_quantity_t
            << " t\n";
  std::cout << "  防护目标 protected targets: " << s.protected_targets << "\n";
  std::cout << "  园区 parks:                " << s.parks << "\n";
  if (!s.enterprises_by_city.empty()) {
    std::cout << "  按地市 by city:\n";
    for (const auto& c : s.enterprises_by_city)
      std::cout << "    " << c.key << " " << division_name(c.key) << ": " << c.count << "\n";
  }
  if (!s.enterprises_by_sector.empty()) {
    std::cout << "  按行业 by sector:\n";
    for (const auto& c : s.enterprises_by_sector) std::cout << "    " << SectorLabel(c.key) << ": " << c.count << "\n";
  }
  if (!s.holdings_by_chemical.empty()) {
    std::cout << "  主要品种 top chemicals:\n";
    for (const auto& c : s.holdings_by_chemical)
      std::cout << "    " << chemical_name(c.key) << " (" << c.key << "): " << c.count << "\n";
  }
  return 0;
}

struct HoldingsArgs {
  std::string uscc;
  std::string unit_code;
  std::string as_of;
  bool json = false;
  StoreOptions store;
};

std::string OptionalNumber(const std::optional<double>& v) {
  if (!v) return "";
  std::ostringstream out;
  out << *v;
  return out.str();
}

// "2023-12-31T16:00:00.000000Z" (the store's UTC text) as "2024-01-01 00:00 +08:00" (DESIGN.md §5:
// users see Asia/Shanghai time). Other text is returned unchanged.
std::string ShanghaiTime(const std::string& utc) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0;
  if (utc.empty() || utc.back() != 'Z' || std::sscanf(utc.c_str(), "%d-%d-%dT%d:%d", &y, &mo, &d, &h, &mi) != 5) {
    return utc;
  }
  using namespace std::chrono;
  const sys_days utc_day{year{y} / month{static_cast<unsigned>(mo)} / day{static_cast<unsigned>(d)}};
  const auto t = utc_day + hours{h} + minutes{mi} + hours{8};  // Asia/Shanghai: UTC+8, no daylight saving
  const auto local_day = floor<days>(t);
  const year_month_day ymd{local_day};
  const auto hm = t - local_day;
  char out[40];
  std::snprintf(out, sizeof out, "%04d-%02u-%02u %02d:%02d +08:00", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<int>(duration_cast<hours>(hm).count()),
                static_cast<int>(duration_cast<minutes>(hm).count() % 60));
  return out;
}

// What one unit holds now, or held at the end of a given day (the registry keeps every version).
int RunHoldings(const HoldingsArgs& args) {
  auto store = OpenStore(args.store);
  if (!store.ok()) return Fail(store.status());
  auto unit = (*store)->FindUnit(args.uscc, args.unit_code);
  if (!unit.ok()) return Fail(unit.status());
  if (!unit->has_value()) {
    return Fail(NotFound("no unit " + args.unit_code + " of enterprise " + args.uscc + " in the registry"));
  }
  std::optional<std::string> as_of;
  if (!args.as_of.empty()) {
    auto date = Date::Parse(args.as_of);
    if (!date.ok()) return Fail(date.status().WithContext("--as-of"));
    as_of = date->str();
  }
  auto holdings = (*store)->HoldingsOfUnit((*unit)->id, as_of);
  if (!holdings.ok()) return Fail(holdings.status());
  auto catalogue = reference::LoadCatalogue(reference::DataDir());
  auto name_of = [&](const registry::Holding& h) -> std::string {
    if (catalogue.ok()) {
      if (const catalogue::Chemical* c = catalogue->FindByKey(h.chemical_key)) return c->name_zh;
    }
    return h.chemical_name;
  };
  if (args.json) {
    nlohmann::ordered_json a = nlohmann::ordered_json::array();
    for (const auto& h : *holdings) {
      nlohmann::ordered_json j;
      j["chemical_key"] = h.chemical_key;
      j["chemical_name"] = name_of(h);
      j["max_quantity_t"] = h.max_quantity_t ? nlohmann::ordered_json(*h.max_quantity_t) : nullptr;
      j["typical_quantity_t"] = h.typical_quantity_t ? nlohmann::ordered_json(*h.typical_quantity_t) : nullptr;
      j["max_volume_m3"] = h.max_volume_m3 ? nlohmann::ordered_json(*h.max_volume_m3) : nullptr;
      j["density_t_m3"] = h.density_t_m3 ? nlohmann::ordered_json(*h.density_t_m3) : nullptr;
      j["state"] = std::string(registry::PhysicalStateName(h.state));
      j["valid_from"] = h.valid_from;
      j["valid_to"] = h.valid_to.empty() ? nullptr : nlohmann::ordered_json(h.valid_to);
      j["synthetic"] = h.provenance == registry::Provenance::kSynthetic;
      a.push_back(std::move(j));
    }
    std::cout << a.dump(2) << "\n";
    return 0;
  }
  const registry::Unit& u = **unit;
  std::cout << u.name << " (" << u.code << ", " << registry::UnitKindName(u.kind) << ") — "
            << (as_of ? "截至 as of " + *as_of : std::string("当前 current")) << "\n";
  if (holdings->empty()) std::cout << "  (无 none)\n";
  for (const auto& h : *holdings) {
    std::cout << "  " << name_of(h) << " (" << h.chemical_key << "): ";
    if (h.max_quantity_t) std::cout << "设计最大量 max " << OptionalNumber(h.max_quantity_t) << " t";
    if (h.max_volume_m3) std::cout << "设计最大量 max " << OptionalNumber(h.max_volume_m3) << " m³ × " << OptionalNumber(h.density_t_m3) << " t/m³";
    if (h.typical_quantity_t) std::cout << ", 常规 typical " << OptionalNumber(h.typical_quantity_t) << " t";
    std::cout << ", " << registry::PhysicalStateName(h.state) << ", 自 since " << ShanghaiTime(h.valid_from);
    if (!h.valid_to.empty()) std::cout << " 至 until " << ShanghaiTime(h.valid_to);
    std::cout << "\n";
  }
  return 0;
}

}  // namespace

void AddRegistryCommands(CLI::App& app, CommandContext& ctx) {
  auto* import = app.add_subcommand("import", "Import a CSV or XLSX file into the registry (all or nothing)");
  auto import_args = std::make_shared<ImportArgs>();
  import->add_option("kind", import_args->kind, "enterprises | units | holdings | protected_targets")->required();
  import->add_option("file", import_args->file, "CSV (UTF-8 or GBK) or XLSX file")->required();
  import->add_option("--crs", import_args->crs, "coordinate system of the file: wgs84 (default) or gcj02")
      ->check(CLI::IsMember({"wgs84", "gcj02"}));
  import->add_option("--sheet", import_args->sheet, "XLSX sheet (default: the first)");
  AddStoreOptions(*import, import_args->store);
  import->callback([&ctx, import_args] { ctx.exit_code = RunImport(*import_args); });

  auto* exp = app.add_subcommand("export", "Export registry records to CSV, XLSX or GeoJSON");
  auto export_args = std::make_shared<ExportArgs>();
  exp->add_option("kind", export_args->kind, "enterprises | units | holdings | protected_targets")->required();
  exp->add_option("--format", export_args->format, "csv | xlsx | geojson")
      ->required()
      ->check(CLI::IsMember({"csv", "xlsx", "geojson"}));
  exp->add_option("-o,--output", export_args->output, "output file")->required();
  AddStoreOptions(*exp, export_args->store);
  exp->callback([&ctx, export_args] { ctx.exit_code = RunExport(*export_args); });

  auto* tmpl = app.add_subcommand("template", "Write the empty XLSX import template of a kind");
  auto tmpl_kind = std::make_shared<std::string>();
  auto tmpl_out = std::make_shared<std::string>();
  tmpl->add_option("kind", *tmpl_kind, "enterprises | units | holdings | protected_targets")->required();
  tmpl->add_option("-o,--output", *tmpl_out, "output .xlsx file")->required();
  tmpl->callback([&ctx, tmpl_kind, tmpl_out] {
    auto kind = service::ParseRecordKind(*tmpl_kind);
    if (!kind.ok()) { ctx.exit_code = Fail(kind.status()); return; }
    const Status s = service::WriteTemplate(*kind, *tmpl_out);
    if (!s.ok()) { ctx.exit_code = Fail(s); return; }
    std::cout << "wrote " << *tmpl_out << "\n";
  });

  auto* registry = app.add_subcommand("registry", "Registry queries");
  registry->require_subcommand(1);
  auto* summary = registry->add_subcommand("summary", "Counts of the registry, by city, sector and chemical");
  auto summary_store = std::make_shared<StoreOptions>();
  auto summary_json = std::make_shared<bool>(false);
  auto summary_division = std::make_shared<std::string>();
  AddStoreOptions(*summary, *summary_store);
  summary->add_flag("--json", *summary_json, "print JSON");
  summary->add_option("--division", *summary_division, "only this division code and below (e.g. 4403)");
  summary->callback([&ctx, summary_store, summary_json, summary_division] {
    ctx.exit_code = RunSummary(*summary_store, *summary_division, *summary_json);
  });

  auto* holdings = registry->add_subcommand("holdings", "What a unit holds now, or held on a date (--as-of)");
  auto holdings_args = std::make_shared<HoldingsArgs>();
  holdings->add_option("--uscc", holdings_args->uscc, "the enterprise's 统一社会信用代码")->required();
  holdings->add_option("--unit", holdings_args->unit_code, "the unit's code within the enterprise")->required();
  holdings->add_option("--as-of", holdings_args->as_of, "YYYY-MM-DD: the holdings valid at the end of that day");
  holdings->add_flag("--json", holdings_args->json, "print JSON");
  AddStoreOptions(*holdings, holdings_args->store);
  holdings->callback([&ctx, holdings_args] { ctx.exit_code = RunHoldings(*holdings_args); });
}

}  // namespace chemsafe::cli
