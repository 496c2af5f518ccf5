#include "chemsafe/reference/catalogue_files.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <unordered_map>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include "chemsafe/catalogue/entry_text.h"
#include "chemsafe/catalogue/name_text.h"
#include "chemsafe/core/ids.h"
#include "chemsafe/reference/gb18218_files.h"
#include "chemsafe/reference/physchem_files.h"
#include "chemsafe/reference/official_catalogue.h"
#include "chemsafe/tabular/table_reader.h"

namespace chemsafe::reference {
namespace {

using catalogue::BaseName;
using catalogue::Chemical;
using catalogue::NameKey;

constexpr const char* kCatalogueSource = "危险化学品目录(2015)";
constexpr const char* kGb18218Source = "GB 18218-2018 表1";

void AddUnique(std::vector<std::string>& list, const std::string& value) {
  if (value.empty()) return;
  if (std::find(list.begin(), list.end(), value) == list.end()) list.push_back(value);
}

// Lookups over the chemicals while they are being assembled (they change, so no Catalogue yet).
class ChemicalIndex {
 public:
  explicit ChemicalIndex(std::vector<Chemical>& chemicals) : chemicals_(chemicals) { Rebuild(); }

  void Rebuild() {
    by_key_.clear();
    by_cas_.clear();
    by_name_.clear();
    by_base_.clear();
    for (std::size_t i = 0; i < chemicals_.size(); ++i) Add(i);
  }
  void Add(std::size_t i) {
    const Chemical& c = chemicals_[i];
    by_key_[c.key] = i;
    for (const auto& cas : c.cas_numbers) by_cas_[cas].push_back(i);
    const std::string key = NameKey(c.name_zh);
    by_name_[key].push_back(i);
    by_base_[std::string(BaseName(key))].push_back(i);
    for (const auto& a : c.aliases) {
      const std::string ak = NameKey(a);
      by_name_[ak].push_back(i);
      by_base_[std::string(BaseName(ak))].push_back(i);
    }
  }

  std::vector<std::size_t> ByCas(const std::string& cas) const {
    auto it = by_cas_.find(cas);
    return it == by_cas_.end() ? std::vector<std::size_t>{} : it->second;
  }
  // Exact names and aliases first; names without qualifier if none.
  std::vector<std::size_t> ByName(std::string_view name) const {
    const std::string key = NameKey(name);
    if (auto it = by_name_.find(key); it != by_name_.end()) return Unique(it->second);
    if (auto it = by_base_.find(std::string(BaseName(key))); it != by_base_.end()) return Unique(it->second);
    return {};
  }
  std::optional<std::size_t> ByKey(const std::string& key) const {
    auto it = by_key_.find(key);
    if (it == by_key_.end()) return std::nullopt;
    return it->second;
  }
  // Does chemical i carry one of `names` (compared exactly or without qualifier)?
  bool NameMatches(std::size_t i, const std::vector<std::string>& names) const {
    const Chemical& c = chemicals_[i];
    std::vector<std::string> own = {NameKey(c.name_zh)};
    for (const auto& a : c.aliases) own.push_back(NameKey(a));
    for (const auto& n : names) {
      const std::string k = NameKey(n);
      for (const auto& o : own) {
        if (o == k || BaseName(o) == BaseName(k)) return true;
      }
    }
    return false;
  }

 private:
  static std::vector<std::size_t> Unique(std::vector<std::size_t> v) {
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
    return v;
  }
  std::vector<Chemical>& chemicals_;
  std::unordered_map<std::string, std::size_t> by_key_;
  std::unordered_map<std::string, std::vector<std::size_t>> by_cas_;
  std::unordered_map<std::string, std::vector<std::size_t>> by_name_;
  std::unordered_map<std::string, std::vector<std::size_t>> by_base_;
};

// The chemicals a row (of GB 18218 Table 1, of a list, of the identifiers) names: by each CAS number;
// where several chemicals share one, those whose name matches, else the one keyed by it. Without CAS
// numbers (or when none is in the catalogue): by name or alias.
std::vector<std::size_t> Resolve(const ChemicalIndex& index, const std::vector<std::string>& cas_numbers,
                                 const std::vector<std::string>& names) {
  std::vector<std::size_t> out;
  auto add = [&out](std::size_t i) {
    if (std::find(out.begin(), out.end(), i) == out.end()) out.push_back(i);
  };
  for (const auto& cas : cas_numbers) {
    std::vector<std::size_t> found = index.ByCas(cas);
    if (found.size() > 1) {
      std::vector<std::size_t> named;
      for (std::size_t i : found) {
        if (index.NameMatches(i, names)) named.push_back(i);
      }
      if (!named.empty()) {
        found = named;
      } else if (auto keyed = index.ByKey(cas)) {
        found = {*keyed};
      }
    }
    for (std::size_t i : found) add(i);
  }
  if (out.empty()) {
    for (const auto& n : names) {
      for (std::size_t i : index.ByName(n)) add(i);
      if (!out.empty()) break;
    }
  }
  return out;
}

std::string ReadFile(const std::string& path, Status& status) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    status = NotFound(fmt::format("{}: cannot open", path));
    return {};
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// --- GB 18218-2018 Table 1 ---------------------------------------------------------------------------

void LinkGb18218(const catalogue::Gb18218Tables& tables, std::vector<Chemical>& chemicals) {
  ChemicalIndex index(chemicals);
  for (const auto& row : tables.table1) {
    std::vector<std::string> names = {row.name};
    names.insert(names.end(), row.aliases.begin(), row.aliases.end());
    std::vector<std::size_t> found = Resolve(index, row.cas_numbers, names);
    const std::string source = fmt::format("{} 序号 {}", kGb18218Source, row.seq);
    if (found.empty()) {
      // A Table 1 substance that the catalogue does not list (or lists under another name): it stays
      // findable, with listed = false.
      Chemical c;
      c.name_zh = row.name;
      c.aliases = row.aliases;
      c.cas_numbers = row.cas_numbers;
      c.key = row.cas_numbers.empty() ? row.name : row.cas_numbers.front();
      if (index.ByKey(c.key)) c.key = row.name;
      c.gb18218_table1.push_back(row);
      c.sources.push_back(source);
      chemicals.push_back(std::move(c));
      index.Add(chemicals.size() - 1);
      continue;
    }
    for (std::size_t i : found) {
      Chemical& c = chemicals[i];
      c.gb18218_table1.push_back(row);
      AddUnique(c.sources, source);
      // The row's names become aliases only where the row names one chemical: row 52 (液化石油气,
      // also listing 丙烷 and 丁烷 by CAS) must not make "石油气(液化的)" an alias of 丙烷.
      if (found.size() != 1) continue;
      if (NameKey(row.name) != NameKey(c.name_zh)) AddUnique(c.aliases, row.name);
      for (const auto& a : row.aliases) {
        if (NameKey(a) != NameKey(c.name_zh)) AddUnique(c.aliases, a);
      }
    }
  }
}

// --- identifiers ---------------------------------------------------------------------------------------

Status ApplyIdentifiers(const std::string& path, std::vector<Chemical>& chemicals) {
  CHEMSAFE_ASSIGN_OR_RETURN(auto reader, tabular::OpenCsv(path));
  ChemicalIndex index(chemicals);
  tabular::Row row;
  std::map<std::string, int> column;
  bool header = true;
  const std::vector<std::string> required = {"cas", "name_zh", "name_en", "un_numbers", "source"};
  std::set<std::string> seen;
  for (;;) {
    CHEMSAFE_ASSIGN_OR_RETURN(bool more, reader->Next(row));
    if (!more) break;
    if (header) {
      header = false;
      for (std::size_t i = 0; i < row.cells.size(); ++i) column[row.cells[i]] = static_cast<int>(i);
      for (const auto& r : required) {
        if (column.count(r) == 0) return InvalidArgument(fmt::format("{}:{}: no column \"{}\"", path, row.number, r));
      }
      continue;
    }
    auto cell = [&](const std::string& name) {
      const auto i = static_cast<std::size_t>(column[name]);
      return i < row.cells.size() ? std::string(catalogue::TrimSpaces(row.cells[i])) : std::string();
    };
    auto error = [&](const std::string& name, const std::string& what) {
      return InvalidArgument(fmt::format("{}:{}:{}: {}", path, row.number, column[name] + 1, what));
    };
    const std::string cas_text = cell("cas");
    const std::string name_zh = cell("name_zh");
    std::vector<std::size_t> found;
    if (cas_text.empty()) {
      // 煤气 and 硝酸铵肥料 have no CAS number: by name.
      if (name_zh.empty()) return error("cas", "give the CAS number or, where there is none, name_zh");
      found = index.ByName(name_zh);
    } else {
      auto cas = Cas::Parse(cas_text);
      if (!cas.ok()) return error("cas", cas.status().message());
      for (std::size_t i : index.ByCas(cas->str())) {
        if (name_zh.empty() ? chemicals[i].key == cas->str() : index.NameMatches(i, {name_zh})) found.push_back(i);
      }
    }
    if (!seen.insert(cas_text + "|" + NameKey(name_zh)).second) {
      return error("cas", fmt::format("{} {} appears twice", cas_text, name_zh));
    }
    if (found.empty()) {
      return error(cas_text.empty() ? "name_zh" : "cas",
                   fmt::format("no chemical {} {} in the catalogue", cas_text, name_zh));
    }
    std::vector<std::string> uns;
    for (const auto& item : catalogue::SplitList(cell("un_numbers"))) {
      auto un = UnNumber::Parse(item);
      if (!un.ok()) return error("un_numbers", un.status().message());
      uns.push_back(un->str());
    }
    const std::string name_en = cell("name_en");
    const std::string source = cell("source");
    if (source.empty()) return error("source", "every row names its source");
    for (std::size_t i : found) {
      Chemical& c = chemicals[i];
      if (c.name_en.empty()) c.name_en = name_en;
      for (const auto& u : uns) AddUnique(c.un_numbers, u);
      AddUnique(c.sources, "chemsafe identifiers: " + source);
    }
  }
  return Status::Ok();
}

// --- regulatory lists ----------------------------------------------------------------------------------

struct ListSpec {
  catalogue::RegulatoryList list;
  bool Chemical::*flag;
};

Result<ListSpec> ListOf(const std::string& code) {
  using catalogue::RegulatoryList;
  if (code == "explosive_precursors") return ListSpec{RegulatoryList::kExplosivePrecursors, &Chemical::explosive_precursor};
  if (code == "key_supervised") return ListSpec{RegulatoryList::kKeySupervised, &Chemical::key_supervised};
  if (code == "specially_controlled") return ListSpec{RegulatoryList::kSpeciallyControlled, &Chemical::specially_controlled};
  if (code == "high_hazard") return ListSpec{RegulatoryList::kHighHazard, &Chemical::high_hazard};
  if (code == "highly_toxic") return ListSpec{RegulatoryList::kHighlyToxic, &Chemical::highly_toxic};
  return InvalidArgument(fmt::format("unknown list \"{}\"", code));
}

Result<std::vector<catalogue::ListInfo>> ApplyLists(const std::string& dir, std::vector<Chemical>& chemicals) {
  const std::string manifest = dir + "/lists.csv";
  CHEMSAFE_ASSIGN_OR_RETURN(auto reader, tabular::OpenCsv(manifest));
  ChemicalIndex index(chemicals);
  std::vector<catalogue::ListInfo> infos;
  tabular::Row row;
  std::map<std::string, int> column;
  bool header = true;
  const std::vector<std::string> required = {"file", "list", "name", "edition", "source", "entries_total", "note"};
  for (;;) {
    CHEMSAFE_ASSIGN_OR_RETURN(bool more, reader->Next(row));
    if (!more) break;
    if (header) {
      header = false;
      for (std::size_t i = 0; i < row.cells.size(); ++i) column[row.cells[i]] = static_cast<int>(i);
      for (const auto& r : required) {
        if (column.count(r) == 0) return InvalidArgument(fmt::format("{}:{}: no column \"{}\"", manifest, row.number, r));
      }
      continue;
    }
    auto cell = [&](const std::string& name) {
      const auto i = static_cast<std::size_t>(column[name]);
      return i < row.cells.size() ? std::string(catalogue::TrimSpaces(row.cells[i])) : std::string();
    };
    auto error = [&](const std::string& name, const std::string& what) {
      return InvalidArgument(fmt::format("{}:{}:{}: {}", manifest, row.number, column[name] + 1, what));
    };
    auto spec = ListOf(cell("list"));
    if (!spec.ok()) return error("list", spec.status().message());
    catalogue::ListInfo info;
    info.list = spec->list;
    info.name = cell("name");
    info.edition = cell("edition");
    info.source = cell("source");
    info.note = cell("note");
    const std::string total = cell("entries_total");
    info.entries_total = 0;
    for (char ch : total) {
      if (ch < '0' || ch > '9') return error("entries_total", fmt::format("\"{}\" is not a whole number", total));
      info.entries_total = info.entries_total * 10 + (ch - '0');
    }
    const std::string file = dir + "/" + cell("file");
    CHEMSAFE_ASSIGN_OR_RETURN(std::vector<OfficialRow> rows, ReadOfficialTable(file));
    for (const OfficialRow& r : rows) {
      std::vector<std::string> names = {r.name};
      names.insert(names.end(), r.aliases.begin(), r.aliases.end());
      std::vector<std::size_t> found = Resolve(index, r.cas_numbers, names);
      if (found.empty()) {
        return InvalidArgument(fmt::format("{}:{}: \"{}\" {} is not in the catalogue", file, r.row_number, r.name,
                                           fmt::join(r.cas_numbers, ";")));
      }
      for (std::size_t i : found) {
        Chemical& c = chemicals[i];
        c.*(spec->flag) = true;
        if (r.highly_toxic) c.highly_toxic = true;
        AddUnique(c.sources, fmt::format("{}({}) 序号 {}", info.name, info.edition, r.seq));
        // The list's names for a chemical are names users type ("液化天然气", "原油", "双氧水"); only where
        // the row names one chemical ("甲烷、天然气" names two).
        if (found.size() != 1) continue;
        if (NameKey(r.name) != NameKey(c.name_zh)) AddUnique(c.aliases, r.name);
        for (const auto& a : r.aliases) {
          if (NameKey(a) != NameKey(c.name_zh)) AddUnique(c.aliases, a);
        }
      }
    }
    info.entries_shipped = static_cast<int>(rows.size());
    info.partial = info.entries_total == 0 || info.entries_shipped < info.entries_total;
    infos.push_back(std::move(info));
  }
  return infos;
}

}  // namespace

Result<RawCatalogue> ReadCatalogueJson(const std::string& path) {
  Status status;
  const std::string text = ReadFile(path, status);
  if (!status.ok()) return status;
  RawCatalogue raw;
  try {
    const nlohmann::json doc = nlohmann::json::parse(text);
    raw.title = doc.at("title").get<std::string>();
    raw.catalog_version = doc.at("catalog_version").get<std::string>();
    const auto& entries = doc.at("entries");
    if (!entries.is_array()) return InvalidArgument(fmt::format("{}: entries: not an array", path));
    raw.entries.reserve(entries.size());
    for (std::size_t i = 0; i < entries.size(); ++i) {
      const auto& e = entries[i];
      RawCatalogueEntry entry;
      entry.entry_no = e.at("entry_no").get<std::string>();
      entry.name = e.at("name").get<std::string>();
      entry.cas_numbers = e.at("cas_numbers").get<std::vector<std::string>>();
      entry.classification_text = e.at("classification_text").get<std::vector<std::string>>();
      if (entry.entry_no != std::to_string(i + 1)) {
        return InvalidArgument(fmt::format("{}: entries[{}].entry_no: \"{}\", expected {} (numbered without gaps)", path,
                                           i, entry.entry_no, i + 1));
      }
      if (entry.name.empty()) return InvalidArgument(fmt::format("{}: entries[{}].name: empty", path, i));
      for (std::size_t k = 0; k < entry.cas_numbers.size(); ++k) {
        auto cas = Cas::Parse(entry.cas_numbers[k]);
        if (!cas.ok()) {
          return InvalidArgument(fmt::format("{}: entries[{}].cas_numbers[{}]: {}", path, i, k, cas.status().message()));
        }
      }
      raw.entries.push_back(std::move(entry));
    }
    const auto count = doc.at("entry_count").get<std::size_t>();
    if (count != raw.entries.size()) {
      return InvalidArgument(fmt::format("{}: entry_count is {} but {} entries are listed", path, count, raw.entries.size()));
    }
  } catch (const nlohmann::json::exception& e) {
    return InvalidArgument(fmt::format("{}: {}", path, e.what()));
  }
  return raw;
}

Result<std::vector<Chemical>> ChemicalsFromRawCatalogue(const RawCatalogue& raw, const std::string& file) {
  std::vector<Chemical> out;
  out.reserve(raw.entries.size());
  std::set<std::string> keys;
  for (const RawCatalogueEntry& e : raw.entries) {
    catalogue::EntryText t = catalogue::SplitEntryText(e.entry_no, e.name, e.classification_text);
    Chemical c;
    c.entry_no = std::stoi(e.entry_no);
    c.name_zh = e.name;
    c.listed = true;
    c.highly_toxic = t.highly_toxic;
    for (const auto& cas : e.cas_numbers) AddUnique(c.cas_numbers, cas);
    for (const auto& cas : t.cas_numbers) AddUnique(c.cas_numbers, cas);
    c.aliases = std::move(t.aliases);
    c.name_en = std::move(t.name_en);
    c.classifications = std::move(t.classifications);
    c.sub_entries = std::move(t.sub_entries);
    c.notes = std::move(t.notes);
    c.sources.push_back(fmt::format("{} 序号 {}", kCatalogueSource, e.entry_no));
    // The first CAS number, unless an earlier entry took it (10 pairs of entries share one: 氯化氢[无水]
    // and 盐酸, 氰化氢 and 氢氰酸[含量≤20%], …); then, as for entries without CAS, the name.
    c.key = !c.cas_numbers.empty() && keys.count(c.cas_numbers.front()) == 0 ? c.cas_numbers.front() : c.name_zh;
    if (!keys.insert(c.key).second) {
      return InvalidArgument(fmt::format("{}: entry {}: the key \"{}\" is taken by an earlier entry", file, e.entry_no, c.key));
    }
    out.push_back(std::move(c));
  }
  return out;
}

Result<catalogue::Catalogue> LoadCatalogue(const std::string& data_dir) {
  const std::string json = data_dir + "/cn_hazchem_catalogue/hazchem_catalogue_2015_classification.json";
  CHEMSAFE_ASSIGN_OR_RETURN(RawCatalogue raw, ReadCatalogueJson(json));
  CHEMSAFE_ASSIGN_OR_RETURN(std::vector<Chemical> chemicals, ChemicalsFromRawCatalogue(raw, json));
  const std::size_t listed = chemicals.size();
  int highly_toxic = 0;
  for (const auto& c : chemicals) highly_toxic += c.highly_toxic ? 1 : 0;

  CHEMSAFE_ASSIGN_OR_RETURN(catalogue::Gb18218Tables tables, LoadGb18218Tables(data_dir));
  LinkGb18218(tables, chemicals);
  CHEMSAFE_RETURN_IF_ERROR(ApplyIdentifiers(data_dir + "/catalogue/chemical_identifiers.csv", chemicals));
  // Normal boiling points from the DIPPR 101 vapour-pressure constants, by the chemical's CAS numbers.
  CHEMSAFE_ASSIGN_OR_RETURN(auto vapour_pressures, LoadDippr101VaporPressures(data_dir + "/" + kDippr101File));
  for (auto& c : chemicals) {
    for (const std::string& cas : c.cas_numbers) {
      auto it = vapour_pressures.find(cas);
      if (it == vapour_pressures.end()) continue;
      if (auto bp = physchem::NormalBoilingPointC(it->second)) {
        c.boiling_point_c = *bp;
        c.boiling_point_source = "DIPPR 101, Perry's Table 2-8";
        c.sources.push_back("沸点: DIPPR 101 (Perry's Chemical Engineers' Handbook Table 2-8, CAS " + cas + ")");
        break;
      }
    }
  }

  std::vector<catalogue::ListInfo> lists;
  lists.push_back({catalogue::RegulatoryList::kHazardousChemicalsCatalogue, "危险化学品目录", raw.catalog_version,
                   "国家安全监管总局等十部门公告 2015年第5号; 2022年调整 (序号1674 柴油)", false,
                   static_cast<int>(listed), static_cast<int>(listed), ""});
  lists.push_back({catalogue::RegulatoryList::kHighlyToxic, "剧毒化学品", raw.catalog_version,
                   "危险化学品目录(2015) 备注 剧毒", false, highly_toxic, highly_toxic, ""});
  CHEMSAFE_ASSIGN_OR_RETURN(std::vector<catalogue::ListInfo> partial_lists, ApplyLists(data_dir + "/catalogue/lists", chemicals));
  lists.insert(lists.end(), partial_lists.begin(), partial_lists.end());

  catalogue::Catalogue cat;
  cat.set_edition(raw.catalog_version);
  cat.set_gb18218(std::move(tables));
  cat.set_lists(std::move(lists));
  for (auto& c : chemicals) cat.Add(std::move(c));
  return cat;
}

}  // namespace chemsafe::reference
