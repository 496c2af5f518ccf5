// `chemsafe hazard run --db PATH`: assess the registry into the MHI database.
// `chemsafe hazard assess --input FILE|-`: GB 18218-2018 identification and grading of the units in a
// JSON document, without a database (issue 3's CLI contract). Reads JSON, writes JSON to stdout; invalid
// input: exit 1, nothing on stdout, and on stderr the JSON path and the problem.
#include <algorithm>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "chemsafe/cli/internal/commands.h"
#include "chemsafe/cli/internal/store_options.h"
#include "chemsafe/hazard/identify.h"
#include "chemsafe/reference/catalogue_files.h"
#include "chemsafe/reference/data_dir.h"
#include "chemsafe/reference/divisions.h"
#include "chemsafe/service/hazard_service.h"

namespace chemsafe::cli {
namespace {

using Json = nlohmann::json;

Status UnknownFields(const Json& object, const std::set<std::string>& allowed, const std::string& path) {
  for (const auto& [key, value] : object.items()) {
    if (!allowed.contains(key)) {
      return InvalidArgument(fmt::format("{}{}{}: unknown field", path, path.empty() ? "" : ".", key));
    }
  }
  return Status::Ok();
}

Result<std::optional<double>> OptionalNumber(const Json& object, const char* key, const std::string& path) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return std::optional<double>();
  if (!it->is_number()) return InvalidArgument(fmt::format("{}.{}: must be a number", path, key));
  return std::optional<double>(it->get<double>());
}

Result<std::string> OptionalString(const Json& object, const char* key, const std::string& path) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return std::string();
  if (!it->is_string()) return InvalidArgument(fmt::format("{}.{}: must be a string", path, key));
  return it->get<std::string>();
}

Result<hazard::HoldingInput> ParseHolding(const Json& j, const std::string& path) {
  if (!j.is_object()) return InvalidArgument(path + ": must be an object");
  CHEMSAFE_RETURN_IF_ERROR(UnknownFields(j,
                                         {"cas", "name", "category", "quantity_t", "volume_m3", "density_t_m3",
                                          "state", "boiling_point_c", "operating_temperature_c",
                                          "special_conditions"},
                                         path));
  hazard::HoldingInput h;
  h.label = path;
  CHEMSAFE_ASSIGN_OR_RETURN(h.cas, OptionalString(j, "cas", path));
  CHEMSAFE_ASSIGN_OR_RETURN(h.name, OptionalString(j, "name", path));
  CHEMSAFE_ASSIGN_OR_RETURN(h.category, OptionalString(j, "category", path));
  if (h.cas.empty() && h.name.empty()) return InvalidArgument(path + ": needs cas or name");
  CHEMSAFE_ASSIGN_OR_RETURN(h.quantity_t, OptionalNumber(j, "quantity_t", path));
  CHEMSAFE_ASSIGN_OR_RETURN(h.volume_m3, OptionalNumber(j, "volume_m3", path));
  CHEMSAFE_ASSIGN_OR_RETURN(h.density_t_m3, OptionalNumber(j, "density_t_m3", path));
  CHEMSAFE_ASSIGN_OR_RETURN(h.boiling_point_c, OptionalNumber(j, "boiling_point_c", path));
  CHEMSAFE_ASSIGN_OR_RETURN(h.operating_temperature_c, OptionalNumber(j, "operating_temperature_c", path));
  CHEMSAFE_ASSIGN_OR_RETURN(std::string state, OptionalString(j, "state", path));
  if (state == "solid") h.state = registry::PhysicalState::kSolid;
  else if (state == "liquid") h.state = registry::PhysicalState::kLiquid;
  else if (state == "gas") h.state = registry::PhysicalState::kGas;
  else if (state == "liquefied_gas") h.state = registry::PhysicalState::kLiquefiedGas;
  else if (!state.empty()) {
    return InvalidArgument(path + ".state: must be one of solid, liquid, gas, liquefied_gas");
  }
  if (auto it = j.find("special_conditions"); it != j.end() && !it->is_null()) {
    if (!it->is_boolean()) return InvalidArgument(path + ".special_conditions: must be true or false");
    h.special_conditions = it->get<bool>();
  }
  return h;
}

Result<std::vector<hazard::UnitInput>> ParseUnits(const Json& root) {
  if (!root.is_object()) return InvalidArgument("$: must be an object with \"units\"");
  CHEMSAFE_RETURN_IF_ERROR(UnknownFields(root, {"units"}, ""));
  auto units = root.find("units");
  if (units == root.end() || !units->is_array()) return InvalidArgument("units: must be an array");
  std::vector<hazard::UnitInput> out;
  for (std::size_t i = 0; i < units->size(); ++i) {
    const Json& u = (*units)[i];
    const std::string path = fmt::format("units[{}]", i);
    if (!u.is_object()) return InvalidArgument(path + ": must be an object");
    CHEMSAFE_RETURN_IF_ERROR(
        UnknownFields(u, {"id", "exposed_population_500m", "quantity_basis", "holdings"}, path));
    hazard::UnitInput unit;
    auto id = u.find("id");
    if (id == u.end() || !id->is_string() || id->get<std::string>().empty()) {
      return InvalidArgument(path + ".id: must be a non-empty string");
    }
    unit.id = id->get<std::string>();
    auto people = u.find("exposed_population_500m");
    if (people == u.end() || !people->is_number_integer() || people->get<long long>() < 0 ||
        people->get<long long>() > 100000000) {
      return InvalidArgument(path + ".exposed_population_500m: must be a whole number of people, 0 or more");
    }
    unit.exposed_population_500m = static_cast<int>(people->get<long long>());
    CHEMSAFE_ASSIGN_OR_RETURN(std::string basis, OptionalString(u, "quantity_basis", path));
    if (basis == "actual") unit.basis = hazard::QuantityBasis::kActual;
    else if (!basis.empty() && basis != "design_maximum") {
      return InvalidArgument(path + ".quantity_basis: must be design_maximum or actual");
    }
    auto holdings = u.find("holdings");
    if (holdings == u.end() || !holdings->is_array()) return InvalidArgument(path + ".holdings: must be an array");
    for (std::size_t k = 0; k < holdings->size(); ++k) {
      CHEMSAFE_ASSIGN_OR_RETURN(auto h, ParseHolding((*holdings)[k], fmt::format("{}.holdings[{}]", path, k)));
      unit.holdings.push_back(std::move(h));
    }
    out.push_back(std::move(unit));
  }
  return out;
}

nlohmann::ordered_json Encode(const hazard::Assessment& a) {
  nlohmann::ordered_json u;
  u["id"] = a.id;
  u["major_hazard"] = a.major_hazard;
  u["sum_ratio"] = a.sum_ratio;
  u["alpha"] = a.alpha;
  u["r"] = a.r;
  u["grade"] = a.grade ? nlohmann::ordered_json(*a.grade) : nlohmann::ordered_json(nullptr);
  u["exposed_population_500m"] = a.exposed_population_500m;
  u["quantity_basis"] = std::string(hazard::QuantityBasisCode(a.basis));
  auto& contributions = u["contributions"] = nlohmann::ordered_json::array();
  for (const auto& c : a.contributions) {
    nlohmann::ordered_json j;
    j["cas"] = c.cas.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(c.cas);
    j["name"] = c.name;
    j["quantity_t"] = c.quantity_t;
    j["critical_quantity_t"] = c.critical_quantity_t;
    j["beta"] = c.beta;
    j["ratio"] = c.ratio;
    j["basis"] = c.basis;
    if (c.table1_seq) j["table1_seq"] = *c.table1_seq;
    j["category"] = c.category.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(c.category);
    j["beta_source"] = c.beta_source;
    j["quantity_from"] = c.quantity_from;
    j["derivation"] = c.derivation;
    contributions.push_back(std::move(j));
  }
  auto& excluded = u["excluded"] = nlohmann::ordered_json::array();
  for (const auto& c : a.excluded) {
    excluded.push_back({{"cas", c.cas.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(c.cas)},
                        {"name", c.name},
                        {"quantity_t", c.quantity_t},
                        {"reason", c.derivation}});
  }
  return u;
}

int RunAssess(const std::string& input) {
  auto root = ReadJsonInput(input);
  if (!root.ok()) return Fail(root.status());
  auto units = ParseUnits(*root);
  if (!units.ok()) return Fail(units.status());
  auto catalogue = reference::LoadCatalogue(reference::DataDir());
  if (!catalogue.ok()) return Fail(catalogue.status());
  nlohmann::ordered_json out;
  out["standard"] = catalogue->gb18218().edition;
  auto& list = out["units"] = nlohmann::ordered_json::array();
  for (const auto& unit : *units) {
    auto a = hazard::AssessUnit(unit, *catalogue, catalogue->gb18218());
    if (!a.ok()) return Fail(a.status());  // nothing printed yet on stdout
    list.push_back(Encode(*a));
  }
  std::cout << out.dump(2) << "\n";
  return 0;
}

struct RunArgs {
  StoreOptions store;
  std::string city;
  std::string enterprise;
  std::string basis = "design";
  bool json = false;
};


nlohmann::ordered_json CountsJson(const service::GradeCounts& c) {
  return {{"grade_1", c.grade[1]}, {"grade_2", c.grade[2]}, {"grade_3", c.grade[3]}, {"grade_4", c.grade[4]},
          {"major_hazards", c.major()}, {"not_major", c.not_major}, {"failed", c.failed}};
}

void PrintCounts(const char* label, const service::GradeCounts& c) {
  std::cout << fmt::format("  {:<16} 一级 {:>5}  二级 {:>5}  三级 {:>5}  四级 {:>5}  非重大 {:>6}  无法评估 {:>5}\n", label,
                           c.grade[1], c.grade[2], c.grade[3], c.grade[4], c.not_major, c.failed);
}

int RunRegistryAssessment(const RunArgs& args) {
  auto registry = OpenStore(args.store);
  if (!registry.ok()) return Fail(registry.status());
  auto hazards = OpenHazardStore(args.store);
  if (!hazards.ok()) return Fail(hazards.status());
  auto catalogue = reference::LoadCatalogue(reference::DataDir());
  if (!catalogue.ok()) return Fail(catalogue.status());
  service::HazardRunOptions options;
  if (!args.city.empty()) options.division_prefix = args.city;
  if (!args.enterprise.empty()) options.enterprise_uscc = args.enterprise;
  options.basis = args.basis == "actual" ? hazard::QuantityBasis::kActual : hazard::QuantityBasis::kDesignMaximum;
  auto report = service::AssessRegistry(**registry, **hazards, *catalogue, options);
  if (!report.ok()) return Fail(report.status());
  auto divisions = reference::LoadDivisionTable(reference::DataDir());
  auto division_name = [&](const std::string& code) {
    const Division* d = divisions.ok() ? divisions->Find(code) : nullptr;
    return d != nullptr ? d->name : code;
  };
  if (args.json) {
    nlohmann::ordered_json j;
    j["standard"] = catalogue->gb18218().edition;
    j["quantity_basis"] = std::string(hazard::QuantityBasisCode(options.basis));
    j["units_assessed"] = report->units_assessed;
    j["counts"] = CountsJson(report->all);
    auto& cities = j["by_city"] = nlohmann::ordered_json::array();
    for (const auto& [code, c] : report->by_city) {
      auto e = CountsJson(c);
      e["code"] = code;
      e["name"] = division_name(code);
      cities.push_back(std::move(e));
    }
    j["exposure"] = {{"computed", report->exposure_computed}, {"declared", report->exposure_declared},
                     {"missing", report->exposure_missing}};
    j["events"] = report->events.size();
    j["missing_responsible"] = report->missing_responsible_count;
    j["failures"] = report->failures;
    std::cout << j.dump(2) << "\n";
    return 0;
  }
  std::cout << "重大危险源辨识与分级 Major hazard installations (" << catalogue->gb18218().edition << ", "
            << (options.basis == hazard::QuantityBasis::kActual ? "实际存量 actual" : "设计最大量 design maximum")
            << "): " << report->units_assessed << " units assessed\n";
  PrintCounts("全部 all", report->all);
  for (const auto& [code, c] : report->by_city) PrintCounts((code + " " + division_name(code)).c_str(), c);
  std::cout << "  500 m 人数 exposure: " << report->exposure_computed << " computed from protected targets, "
            << report->exposure_declared << " declared, " << report->exposure_missing << " missing\n";
  std::cout << "  变化 transitions recorded: " << report->events.size() << "\n";
  if (report->missing_responsible_count > 0) {
    std::cout << "  包保责任人缺失 missing responsible persons: " << report->missing_responsible_count << "\n";
  }
  for (const auto& f : report->failures) std::cout << "  无法评估 " << f << "\n";
  return 0;
}

struct ListArgs {
  StoreOptions store;
  std::string city;
  bool json = false;
};

std::string_view FilingName(store::FilingStatus s) {
  switch (s) {
    case store::FilingStatus::kFiled: return "filed";
    case store::FilingStatus::kExpired: return "expired";
    case store::FilingStatus::kNotFiled: return "not_filed";
  }
  return "not_filed";
}

// The major hazard installations of the database (after `hazard run`), most severe first, with their
// 备案 and the 包保 responsible persons they lack.
int ListMajorHazardInstallations(const ListArgs& args) {
  auto registry = OpenStore(args.store);
  if (!registry.ok()) return Fail(registry.status());
  auto hazards = OpenHazardStore(args.store);
  if (!hazards.ok()) return Fail(hazards.status());
  auto list = service::ListMajorHazards(**registry, **hazards);
  if (!list.ok()) return Fail(list.status());
  std::vector<const service::MhiEntry*> shown;
  for (const auto& m : *list) {
    if (!args.city.empty()) {
      // USCCs carry no division: ask the registry for the enterprise's.
      auto e = (*registry)->FindEnterprise(m.enterprise_uscc);
      if (!e.ok()) return Fail(e.status());
      if (!*e || (*e)->division_code.rfind(args.city, 0) != 0) continue;
    }
    shown.push_back(&m);
  }
  if (args.json) {
    nlohmann::ordered_json items = nlohmann::ordered_json::array();
    for (const auto* m : shown) {
      nlohmann::ordered_json f = nullptr;
      if (m->filing) {
        f = {{"status", std::string(FilingName(m->filing->status))}, {"filing_date", m->filing->filing_date},
             {"next_reassessment_due", m->filing->next_reassessment_due}};
      }
      items.push_back({{"uscc", m->enterprise_uscc}, {"unit_code", m->unit_code}, {"unit_name", m->unit_name},
                       {"grade", m->grade}, {"assessed_at", m->assessed_at}, {"filing", f},
                       {"missing_responsible", m->missing_responsible}});
    }
    std::cout << nlohmann::ordered_json{{"major_hazards", items}}.dump(2) << "\n";
    return 0;
  }
  static constexpr const char* kGrades[] = {"", "一级", "二级", "三级", "四级"};
  std::cout << "重大危险源 major hazard installations: " << shown.size() << "\n";
  for (const auto* m : shown) {
    std::string missing;
    for (const auto& r : m->missing_responsible) missing += (missing.empty() ? "" : "、") + r;
    std::cout << fmt::format("  {} {}/{} {}  备案 {}{}\n", kGrades[std::clamp(m->grade, 1, 4)], m->enterprise_uscc,
                             m->unit_code, m->unit_name,
                             m->filing ? std::string(FilingName(m->filing->status)) + " " + m->filing->filing_date
                                       : std::string("not_filed"),
                             missing.empty() ? "" : "  缺包保责任人 " + missing);
  }
  return 0;
}

struct FileArgs {
  StoreOptions store;
  std::string uscc, unit, status = "filed", date, next_due;
};

int RecordMhiFiling(const FileArgs& args) {
  auto registry = OpenStore(args.store);
  if (!registry.ok()) return Fail(registry.status());
  auto hazards = OpenHazardStore(args.store);
  if (!hazards.ok()) return Fail(hazards.status());
  auto unit = (*registry)->FindUnit(args.uscc, args.unit);
  if (!unit.ok()) return Fail(unit.status());
  if (!*unit) return Fail(NotFound("no unit " + args.unit + " of enterprise " + args.uscc));
  store::MhiFiling f;
  f.unit_id = (*unit)->id;
  f.status = args.status == "filed"     ? store::FilingStatus::kFiled
             : args.status == "expired" ? store::FilingStatus::kExpired
                                        : store::FilingStatus::kNotFiled;
  f.filing_date = args.date;
  f.next_reassessment_due = args.next_due;
  if (auto s = service::RecordFiling(**hazards, f); !s.ok()) return Fail(s);
  std::cout << "chemsafe: 备案 of " << args.uscc << "/" << args.unit << " recorded: " << args.status << "\n";
  return 0;
}

}  // namespace

void AddHazardCommands(CLI::App& app, CommandContext& ctx) {
  CLI::App* hz = FindSubcommand(app, "hazard");
  if (hz == nullptr) {
    hz = app.add_subcommand("hazard", "Major hazard installations (重大危险源), GB 18218-2018");
    hz->require_subcommand(1);
  }
  auto* assess = hz->add_subcommand("assess", "Identify and grade the units of a JSON document (no database)");
  auto input = std::make_shared<std::string>();
  assess->add_option("--input", *input, "JSON file, or - for standard input")->required();
  assess->callback([&ctx, input] { ctx.exit_code = RunAssess(*input); });

  auto* run = hz->add_subcommand("run", "Assess the registry's units and store the results (the MHI database)");
  auto args = std::make_shared<RunArgs>();
  AddStoreOptions(*run, args->store);
  run->add_option("--city", args->city, "only this division code and below (e.g. 4403)");
  run->add_option("--enterprise", args->enterprise, "only this enterprise (统一社会信用代码)");
  run->add_option("--basis", args->basis, "design (design maximum, the default of GB 18218 §4.1) or actual")
      ->check(CLI::IsMember({"design", "actual"}));
  run->add_flag("--json", args->json, "print JSON");
  run->callback([&ctx, args] { ctx.exit_code = RunRegistryAssessment(*args); });

  auto* list = hz->add_subcommand("list", "List the major hazard installations with their 备案 and 包保 persons");
  auto largs = std::make_shared<ListArgs>();
  AddStoreOptions(*list, largs->store);
  list->add_option("--city", largs->city, "only this division code and below (e.g. 4403)");
  list->add_flag("--json", largs->json, "print JSON");
  list->callback([&ctx, largs] { ctx.exit_code = ListMajorHazardInstallations(*largs); });

  auto* file = hz->add_subcommand("file", "Record the 备案 (filing) of a major hazard installation");
  auto fargs = std::make_shared<FileArgs>();
  AddStoreOptions(*file, fargs->store);
  file->add_option("--uscc", fargs->uscc, "统一社会信用代码 of the enterprise")->required();
  file->add_option("--unit", fargs->unit, "unit code")->required();
  file->add_option("--status", fargs->status, "filed, not_filed or expired")
      ->check(CLI::IsMember({"filed", "not_filed", "expired"}))
      ->capture_default_str();
  file->add_option("--date", fargs->date, "filing date YYYY-MM-DD (required when filed)");
  file->add_option("--next-due", fargs->next_due, "next re-assessment due YYYY-MM-DD");
  file->callback([&ctx, fargs] { ctx.exit_code = RecordMhiFiling(*fargs); });
}

}  // namespace chemsafe::cli
