// `chemsafe catalogue find QUERY [--json]`: look a chemical up by CAS, UN number, Chinese or English
// name or alias (issue 2 §7).
#include <cstdio>
#include <iostream>
#include <memory>

#include <nlohmann/json.hpp>

#include "chemsafe/catalogue/catalogue.h"
#include "chemsafe/cli/internal/commands.h"
#include "chemsafe/reference/catalogue_files.h"
#include "chemsafe/reference/data_dir.h"

namespace chemsafe::cli {
namespace {

nlohmann::ordered_json ClassificationJson(const catalogue::Classification& c) {
  nlohmann::ordered_json j;
  j["class"] = std::string(catalogue::HazardClassCode(c.hazard_class));
  j["class_zh"] = std::string(catalogue::HazardClassNameZh(c.hazard_class));
  if (!c.category.empty()) j["category"] = c.category;
  if (c.route) j["route"] = std::string(catalogue::ExposureRouteCode(*c.route));
  if (c.minimum_classification) j["minimum_classification"] = true;
  if (!c.qualifier.empty()) j["qualifier"] = c.qualifier;
  if (!c.condition.empty()) j["condition"] = c.condition;
  j["text"] = c.text;
  return j;
}

nlohmann::ordered_json ChemicalJson(const catalogue::Chemical& c) {
  nlohmann::ordered_json j;
  j["key"] = c.key;
  if (c.entry_no > 0) j["entry_no"] = c.entry_no;
  j["name_zh"] = c.name_zh;
  j["name_en"] = c.name_en;
  j["aliases"] = c.aliases;
  j["cas_numbers"] = c.cas_numbers;
  j["un_numbers"] = c.un_numbers;
  j["flags"] = {{"listed", c.listed},
                {"highly_toxic", c.highly_toxic},
                {"explosive_precursor", c.explosive_precursor},
                {"key_supervised", c.key_supervised},
                {"specially_controlled", c.specially_controlled},
                {"high_hazard", c.high_hazard}};
  auto& classes = j["classifications"] = nlohmann::ordered_json::array();
  for (const auto& cl : c.classifications) classes.push_back(ClassificationJson(cl));
  auto& subs = j["sub_entries"] = nlohmann::ordered_json::array();
  for (const auto& sub : c.sub_entries) {
    nlohmann::ordered_json sj{{"name_zh", sub.name_zh}, {"name_en", sub.name_en}, {"aliases", sub.aliases},
                              {"cas_numbers", sub.cas_numbers}};
    auto& sc = sj["classifications"] = nlohmann::ordered_json::array();
    for (const auto& cl : sub.classifications) sc.push_back(ClassificationJson(cl));
    subs.push_back(std::move(sj));
  }
  auto& t1 = j["gb18218_table1"] = nlohmann::ordered_json::array();
  for (const auto& row : c.gb18218_table1)
    t1.push_back({{"seq", row.seq}, {"name", row.name}, {"critical_quantity_t", row.critical_quantity_t}});
  j["notes"] = c.notes;
  j["sources"] = c.sources;
  return j;
}

std::string Join(const std::vector<std::string>& v, std::string_view sep) {
  std::string out;
  for (const auto& s : v) {
    if (!out.empty()) out += sep;
    out += s;
  }
  return out;
}

// One block of text per chemical, Chinese labels with English beside them.
std::string ChemicalText(const catalogue::Chemical& c) {
  std::string out = c.name_zh;
  if (!c.name_en.empty()) out += " (" + c.name_en + ")";
  out += "\n  key: " + c.key;
  if (c.entry_no > 0) out += "  目录序号 entry: " + std::to_string(c.entry_no);
  if (!c.cas_numbers.empty()) out += "\n  CAS: " + Join(c.cas_numbers, ", ");
  if (!c.un_numbers.empty()) out += "\n  UN: " + Join(c.un_numbers, ", ");
  if (!c.aliases.empty()) out += "\n  别名 aliases: " + Join(c.aliases, "; ");
  std::vector<std::string> flags;
  if (c.listed) flags.push_back("危险化学品目录 listed");
  if (c.highly_toxic) flags.push_back("剧毒 highly toxic");
  if (c.explosive_precursor) flags.push_back("易制爆 explosive precursor");
  if (c.key_supervised) flags.push_back("重点监管 key supervised");
  if (c.specially_controlled) flags.push_back("特别管控 specially controlled");
  if (c.high_hazard) flags.push_back("高危 high hazard");
  if (!flags.empty()) out += "\n  标记 flags: " + Join(flags, ", ");
  if (!c.classifications.empty()) {
    std::vector<std::string> texts;
    for (const auto& cl : c.classifications) texts.push_back(cl.text);
    out += "\n  分类 classification: " + Join(texts, "; ");
  }
  for (const auto& row : c.gb18218_table1) {
    char q[64];
    std::snprintf(q, sizeof q, "%g", row.critical_quantity_t);
    out += "\n  GB 18218-2018 表1 序号 " + std::to_string(row.seq) + " " + row.name + ": 临界量 Q = " + q + " t";
  }
  return out;
}

int RunFind(const std::string& query, bool json, int limit) {
  auto catalogue = reference::LoadCatalogue(reference::DataDir());
  if (!catalogue.ok()) return Fail(catalogue.status());
  auto found = catalogue->Find(query);
  if (found.empty()) return Fail(NotFound("no chemical matches \"" + query + "\""));
  if (limit > 0 && static_cast<int>(found.size()) > limit) found.resize(static_cast<size_t>(limit));
  if (json) {
    nlohmann::ordered_json a = nlohmann::ordered_json::array();
    for (const catalogue::Chemical* c : found) a.push_back(ChemicalJson(*c));
    std::cout << a.dump(2) << "\n";
    return 0;
  }
  for (const catalogue::Chemical* c : found) std::cout << ChemicalText(*c) << "\n";
  return 0;
}

}  // namespace

void AddCatalogueCommands(CLI::App& app, CommandContext& ctx) {
  auto* cat = app.add_subcommand("catalogue", "The hazardous chemicals catalogue (危险化学品目录 2015)");
  cat->require_subcommand(1);
  auto* find = cat->add_subcommand("find", "Find chemicals by CAS, UN number, Chinese or English name or alias");
  auto query = std::make_shared<std::string>();
  auto json = std::make_shared<bool>(false);
  auto limit = std::make_shared<int>(20);
  find->add_option("query", *query, "CAS (7782-50-5), UN number (UN1017), name or alias (液氯, chlorine)")
      ->required();
  find->add_flag("--json", *json, "print JSON");
  find->add_option("--limit", *limit, "at most this many results (0 = all)")->capture_default_str();
  find->callback([&ctx, query, json, limit] { ctx.exit_code = RunFind(*query, *json, *limit); });
}

}  // namespace chemsafe::cli
