// The chemicals catalogue: every entry of the 危险化学品目录 (2015, with the 2022 amendment), the GB
// 18218-2018 Table 1 substances that are not in it, their names (Chinese, aliases, English), CAS and
// UN numbers, structured GHS classifications, GB 18218 Table 1 rows and regulatory flags (DESIGN.md §2,
// plan tasks T3, T18, T21).
//
// Keys (Chemical::key, the holding's chemical_key in registry/model.h): the first CAS number of the
// chemical; the Chinese name where it has none (煤气) or where an earlier entry of the catalogue already
// took that CAS number (7647-01-0 is 氯化氢[无水], entry 1475; 盐酸, entry 2507, is keyed "盐酸").
//
// Pure: no I/O (reference/catalogue_files.h loads it). Thread-safety: const methods may be called
// concurrently; Add must not run concurrently with anything else.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "chemsafe/catalogue/entry_text.h"
#include "chemsafe/catalogue/gb18218.h"
#include "chemsafe/catalogue/ghs.h"

namespace chemsafe::catalogue {

// The regulatory lists a chemical can be on. Persisted codes: append-only.
enum class RegulatoryList {
  kHazardousChemicalsCatalogue = 1,  // 危险化学品目录 (2015)
  kHighlyToxic = 2,                  // 剧毒化学品 (the 剧毒 marker of the catalogue)
  kExplosivePrecursors = 3,          // 易制爆危险化学品名录 (2017)
  kKeySupervised = 4,                // 重点监管的危险化学品名录 (2011 first batch, 2013 second batch)
  kSpeciallyControlled = 5,          // 特别管控危险化学品目录 (第一版, 2020)
  kHighHazard = 6,                   // 高危化学品
};

std::string_view RegulatoryListCode(RegulatoryList list);  // "explosive_precursors", …

// What chemsafe knows of one list, shown to users so they see what is missing.
struct ListInfo {
  RegulatoryList list = RegulatoryList::kHazardousChemicalsCatalogue;
  std::string name;        // "易制爆危险化学品名录"
  std::string edition;     // "2017年版"
  std::string source;      // issuing document, e.g. "公安部 2017-05-11"
  bool partial = false;    // chemsafe ships only some of its entries
  int entries_shipped = 0;
  int entries_total = 0;   // in the official list; 0 when unknown
  std::string note;        // e.g. what is missing and where to get it
};

// One chemical.
struct Chemical {
  std::string key;                        // see the file comment
  int entry_no = 0;                       // 危险化学品目录 序号; 0 when not in the catalogue
  std::string name_zh;                    // 品名
  std::vector<std::string> aliases;       // 别名 (from the catalogue and GB 18218 Table 1)
  std::string name_en;                    // common English name, where known
  std::vector<std::string> cas_numbers;   // CAS号, in catalogue order, validated
  std::vector<std::string> un_numbers;    // UN numbers ("1017"), where known

  // Regulatory flags.
  bool listed = false;                 // in the 危险化学品目录
  bool highly_toxic = false;           // 剧毒
  bool explosive_precursor = false;    // 易制爆
  bool key_supervised = false;         // 重点监管
  bool specially_controlled = false;   // 特别管控
  bool high_hazard = false;            // 高危

  std::vector<Classification> classifications;  // the entry's own GHS classification
  std::vector<SubEntry> sub_entries;            // solutions, grades, product families listed inside the entry
  std::vector<std::string> notes;               // notes of the document attached to the entry
  std::vector<Gb18218NamedSubstance> gb18218_table1;  // GB 18218-2018 Table 1 rows naming this chemical

  // Normal boiling point (℃, at 101.325 kPa) where a physical-property table gives it, and that source
  // ("DIPPR 101, Perry's Table 2-8"): GB 18218-2018 Table 2 J4/J5 and W5.1 depend on it.
  std::optional<double> boiling_point_c;
  std::string boiling_point_source;

  // Where each piece came from, for display: "危险化学品目录(2015) 序号 1381", "GB 18218-2018 表1 序号 12",
  // "chemsafe identifiers (UN Model Regulations)", list file names.
  std::vector<std::string> sources;

  friend bool operator==(const Chemical&, const Chemical&) = default;
};

// One result of Catalogue::Find.
struct Match {
  const Chemical* chemical = nullptr;
  // How it matched, best first: 0 CAS, 1 UN number, 2 exact name, 3 exact alias, 4 exact sub-entry
  // name or alias, 5 exact English name, 6 name without qualifier, 7 substring of a name or alias,
  // 8 substring of a sub-entry name, 9 substring of an English name.
  int rank = 0;
  std::string matched;  // the name, alias or number that matched
};

class Catalogue {
 public:
  Catalogue();
  Catalogue(const Catalogue& other);
  Catalogue& operator=(const Catalogue& other);
  Catalogue(Catalogue&&) noexcept;
  Catalogue& operator=(Catalogue&&) noexcept;
  ~Catalogue();

  // Adds a chemical; a chemical with the same key is replaced. Invalidates no pointer to other chemicals.
  void Add(Chemical c);

  const Chemical* FindByKey(std::string_view key) const;  // nullptr if none
  // The chemical keyed by that CAS number, else the first (in catalogue order) listing it; nullptr if none.
  const Chemical* FindByCas(std::string_view cas) const;
  // Every chemical listing the CAS number (several entries may: 盐酸 and 氯化氢[无水]).
  std::vector<const Chemical*> FindAllByCas(std::string_view cas) const;
  // By exact name or alias (compared as NameKey: bracket style, full-width forms, letter case and
  // spaces do not matter); else the only chemical whose name without qualifier is that name
  // ("硝酸铵" → 硝酸铵[含可燃物＞0.2%,…]); nullptr if none or ambiguous.
  const Chemical* FindByName(std::string_view zh_or_alias) const;
  // Search: CAS number, UN number ("1017", "UN1017"), Chinese name or alias (exact first, then
  // without qualifier, then substring), English name (case-insensitive). Best first (Match::rank, then
  // shorter name, then catalogue order); each chemical once.
  std::vector<Match> Search(std::string_view query) const;
  std::vector<const Chemical*> Find(std::string_view query) const;  // Search without the details

  std::size_t size() const;
  // Every chemical, in the order added.
  std::vector<const Chemical*> chemicals() const;

  // The edition of the catalogue data ("危险化学品目录（2015版，含2022柴油调整）").
  const std::string& edition() const { return edition_; }
  void set_edition(std::string edition) { edition_ = std::move(edition); }
  // The GB 18218-2018 tables the chemicals were linked with.
  const Gb18218Tables& gb18218() const { return gb18218_; }
  void set_gb18218(Gb18218Tables tables) { gb18218_ = std::move(tables); }
  // What is known of each regulatory list.
  const std::vector<ListInfo>& lists() const { return lists_; }
  void set_lists(std::vector<ListInfo> lists) { lists_ = std::move(lists); }
  const ListInfo* list(RegulatoryList l) const;

 private:
  void Index(std::size_t i);
  void Reindex();

  std::vector<std::unique_ptr<Chemical>> chemicals_;
  std::unordered_map<std::string, std::size_t> by_key_;
  std::unordered_map<std::string, std::vector<std::size_t>> by_cas_;
  std::unordered_map<std::string, std::vector<std::size_t>> by_un_;
  std::unordered_map<std::string, std::vector<std::size_t>> by_name_;   // NameKey of name_zh
  std::unordered_map<std::string, std::vector<std::size_t>> by_alias_;  // NameKey of aliases
  std::unordered_map<std::string, std::vector<std::size_t>> by_base_;   // BaseName of NameKey(name_zh)
  std::string edition_;
  Gb18218Tables gb18218_;
  std::vector<ListInfo> lists_;
};

}  // namespace chemsafe::catalogue
