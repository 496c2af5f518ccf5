// Loader of the chemicals catalogue shipped in data/ (DESIGN.md §6):
//  - cn_hazchem_catalogue/hazchem_catalogue_2015_classification.json: the 危险化学品目录 (2015, with the
//    2022 amendment of entry 1674 柴油) and its classification table, 2,828 entries, a raw extraction
//    whose text items are separated by catalogue::SplitEntryText (data/PROVENANCE.md §13);
//  - gb18218_2018/*.csv: GB 18218-2018 Tables 1-6; each Table 1 row is linked to the chemicals it names
//    (by CAS number, where several entries share it by name, else by name or alias); rows naming no
//    catalogue entry become chemicals of their own with listed = false;
//  - catalogue/chemical_identifiers.csv: English names and UN numbers (partial; the catalogue has none);
//  - catalogue/lists/lists.csv and the list files it names: 易制爆, 重点监管, 特别管控, 高危 (partial lists
//    in the official layout, read by official_catalogue.h).
// Errors name file:row:column or the JSON path. Reads files; thread-compatible.
#pragma once

#include <string>
#include <vector>

#include "chemsafe/catalogue/catalogue.h"
#include "chemsafe/core/result.h"

namespace chemsafe::reference {

// One entry of the catalogue JSON as stored.
struct RawCatalogueEntry {
  std::string entry_no;                         // "1".."2828"
  std::string name;
  std::vector<std::string> cas_numbers;
  std::vector<std::string> classification_text;  // raw items (see catalogue/entry_text.h)
};

struct RawCatalogue {
  std::string title;            // "危险化学品分类信息表"
  std::string catalog_version;  // "危险化学品目录（2015版，含2022柴油调整）"
  std::vector<RawCatalogueEntry> entries;
};

// Reads the catalogue JSON; checks entry_count, entry numbers 1..N in order and every CAS number.
Result<RawCatalogue> ReadCatalogueJson(const std::string& path);

// One chemical per raw entry, in order (listed = true; key as in catalogue/catalogue.h).
Result<std::vector<catalogue::Chemical>> ChemicalsFromRawCatalogue(const RawCatalogue& raw, const std::string& file);

// Loads everything listed above from `data_dir` (reference::DataDir() for the shipped data).
Result<catalogue::Catalogue> LoadCatalogue(const std::string& data_dir);

}  // namespace chemsafe::reference
