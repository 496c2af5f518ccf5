// Separating the text items that the raw extraction of the 危险化学品分类信息表 (2015) lists under one
// entry into what they are: the entry's classifications, the 剧毒 marker, sub-entries (a solution, a
// grade, a product family, each with its Chinese name, aliases, English name, CAS numbers and own
// classifications), conditions that scope the classifications that follow ("（1）干的："), notes of the
// document ("注：…"), and page artefacts (a page footer "PAGE \* MERGEFORMAT 1", the entry number
// repeated at a page break).
//
// The rules, from the layout of the document (data/PROVENANCE.md §13):
//  - a text that parses as a GHS classification belongs to the current sub-entry, or to the entry
//    before the first sub-entry, under the current condition;
//  - "（N）…：" or "(N)…" opens a condition, until the next condition or sub-entry;
//  - "注：" opens the notes of the document: every later item is a note; a sentence ending in "。" and a
//    list header ending in "：" are notes too; after a list header ("常见品种如下：") the numbered items
//    are product families (sub-entries without classifications of their own) and classifications
//    that follow belong to the entry (they are the entry's cell repeated at page breaks);
//  - a Chinese text that is not one of the above starts a sub-entry, except right after a sub-entry's
//    name or alias, where it is one more alias (";"/"；"-separated lists allowed); before the entry has
//    any classification, a Chinese text whose name without qualifier differs from the entry's is the
//    entry's own alias (the extraction kept the 别名 column there);
//  - a text without Chinese characters is the English name of the current sub-entry (or the entry's,
//    after its alias); a text of CAS numbers is the current sub-entry's CAS, or the entry's.
// Pure; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "chemsafe/catalogue/ghs.h"

namespace chemsafe::catalogue {

// What one text item was taken as. Persisted in reports only; append-only.
enum class EntryItemKind {
  kClassification = 1,      // of the entry or of the current sub-entry
  kHighlyToxicMarker = 2,   // "剧毒"
  kSubEntryName = 3,
  kSubEntryAlias = 4,
  kSubEntryNameEn = 5,
  kSubEntryCas = 6,
  kEntryAlias = 7,
  kEntryNameEn = 8,
  kEntryCas = 9,
  kCondition = 10,
  kNote = 11,
  kPageArtifact = 12,
  kRepeatedClassification = 13,  // the entry's classification repeated at a page break
};

std::string_view EntryItemKindCode(EntryItemKind kind);  // "classification", "sub_entry_name", …

// A sub-entry listed inside a catalogue entry (乙醇汽油 under 汽油, 氢氧化钠溶液 under 氢氧化钠).
struct SubEntry {
  std::string name_zh;
  std::vector<std::string> aliases;
  std::string name_en;
  std::vector<std::string> cas_numbers;
  std::vector<Classification> classifications;

  friend bool operator==(const SubEntry&, const SubEntry&) = default;
};

struct EntryText {
  std::vector<Classification> classifications;  // the entry's own
  bool highly_toxic = false;                     // the "剧毒" marker was present
  std::vector<std::string> aliases;              // the entry's aliases found among the items
  std::string name_en;                           // the entry's English name found among the items
  std::vector<std::string> cas_numbers;          // CAS numbers of the entry found among the items
  std::vector<SubEntry> sub_entries;
  std::vector<std::string> notes;
  std::vector<std::string> page_artifacts;
  std::vector<EntryItemKind> item_kinds;         // one per input item, in order
};

// Separates the items of catalogue entry number `entry_no` named `entry_name`. Every item gets exactly
// one kind; nothing is dropped (page artefacts and repeated classifications are kept in their lists).
EntryText SplitEntryText(std::string_view entry_no, std::string_view entry_name, const std::vector<std::string>& items);

}  // namespace chemsafe::catalogue
