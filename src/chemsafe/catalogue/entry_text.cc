#include "chemsafe/catalogue/entry_text.h"

#include <algorithm>

#include "chemsafe/catalogue/name_text.h"
#include "chemsafe/core/ids.h"

namespace chemsafe::catalogue {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// "(2)闪点<23℃和初沸点>35℃:" (after NarrowText) → "闪点<23℃和初沸点>35℃"; false if not a condition.
bool ParseCondition(const std::string& narrow, std::string_view original, std::string& condition) {
  if (narrow.size() < 3 || narrow[0] != '(' || !IsDigit(narrow[1])) return false;
  std::size_t i = 1;
  while (i < narrow.size() && IsDigit(narrow[i])) ++i;
  if (i >= narrow.size() || narrow[i] != ')') return false;
  // Keep the original characters (full-width signs as printed): skip the same prefix in the original.
  std::string_view rest = TrimSpaces(original);
  // The prefix is "(" or "（", digits, ")" or "）".
  auto skip_bracket = [&rest] {
    if (rest.starts_with("(") || rest.starts_with(")")) {
      rest.remove_prefix(1);
    } else if (rest.starts_with("\xEF\xBC\x88") || rest.starts_with("\xEF\xBC\x89")) {
      rest.remove_prefix(3);
    }
  };
  skip_bracket();
  while (!rest.empty() && IsDigit(rest.front())) rest.remove_prefix(1);
  skip_bracket();
  if (rest.ends_with(":")) {
    rest.remove_suffix(1);
  } else if (rest.ends_with("\xEF\xBC\x9A")) {  // full-width colon U+FF1A
    rest.remove_suffix(3);
  }
  condition = std::string(TrimSpaces(rest));
  return !condition.empty();
}

// "22259-30-9;23422-53-9" → both; false unless every item is a valid CAS number.
bool ParseCasList(std::string_view text, std::vector<std::string>& out) {
  std::vector<std::string> items = SplitList(text, {.split_commas = true});
  if (items.empty()) return false;
  std::vector<std::string> parsed;
  for (const auto& item : items) {
    auto cas = Cas::Parse(item);
    if (!cas.ok()) return false;
    parsed.push_back(cas->str());
  }
  out = std::move(parsed);
  return true;
}

bool IsPageFooter(const std::string& narrow) {
  // Word's page-number field code left in the text: "PAGE \* MERGEFORMAT 1".
  return narrow.starts_with("PAGE") && narrow.find("MERGEFORMAT") != std::string::npos;
}

// "12.橡胶涂料" → "橡胶涂料"; false when not numbered.
bool StripListNumber(std::string_view text, std::string& out) {
  std::size_t i = 0;
  while (i < text.size() && IsDigit(text[i])) ++i;
  if (i == 0 || i >= text.size() || text[i] != '.') return false;
  std::string_view rest = TrimSpaces(text.substr(i + 1));
  // "69.7110甲聚氨酯固化剂" counts too: the name holds Chinese characters somewhere.
  if (!ContainsCjk(rest)) return false;
  out = std::string(rest);
  return true;
}

void AddUnique(std::vector<std::string>& list, std::string value) {
  if (std::find(list.begin(), list.end(), value) == list.end()) list.push_back(std::move(value));
}

}  // namespace

std::string_view EntryItemKindCode(EntryItemKind kind) {
  switch (kind) {
    case EntryItemKind::kClassification: return "classification";
    case EntryItemKind::kHighlyToxicMarker: return "highly_toxic_marker";
    case EntryItemKind::kSubEntryName: return "sub_entry_name";
    case EntryItemKind::kSubEntryAlias: return "sub_entry_alias";
    case EntryItemKind::kSubEntryNameEn: return "sub_entry_name_en";
    case EntryItemKind::kSubEntryCas: return "sub_entry_cas";
    case EntryItemKind::kEntryAlias: return "entry_alias";
    case EntryItemKind::kEntryNameEn: return "entry_name_en";
    case EntryItemKind::kEntryCas: return "entry_cas";
    case EntryItemKind::kCondition: return "condition";
    case EntryItemKind::kNote: return "note";
    case EntryItemKind::kPageArtifact: return "page_artifact";
    case EntryItemKind::kRepeatedClassification: return "repeated_classification";
  }
  return "";
}

EntryText SplitEntryText(std::string_view entry_no, std::string_view entry_name, const std::vector<std::string>& items) {
  EntryText out;
  out.item_kinds.reserve(items.size());
  const std::string entry_base(BaseName(NameKey(entry_name)));

  SubEntry* current = nullptr;  // the open sub-entry, if any
  std::string condition;
  bool notes_mode = false;      // after "注："
  bool family_mode = false;     // after a list header such as "常见品种如下："
  EntryItemKind last = EntryItemKind::kNote;
  bool have_last = false;

  auto open_sub_entry = [&](std::string name) {
    out.sub_entries.push_back({});
    current = &out.sub_entries.back();
    current->name_zh = std::move(name);
    condition.clear();
  };

  for (const std::string& raw : items) {
    const std::string_view item = TrimSpaces(raw);
    const std::string narrow = NarrowText(item);
    EntryItemKind kind = EntryItemKind::kNote;
    std::string cond;
    std::vector<std::string> cas;

    if (IsPageFooter(narrow) || narrow == entry_no) {
      kind = EntryItemKind::kPageArtifact;
      out.page_artifacts.emplace_back(item);
    } else if (notes_mode) {
      kind = EntryItemKind::kNote;
      out.notes.emplace_back(item);
    } else if (narrow == "剧毒") {
      kind = EntryItemKind::kHighlyToxicMarker;
      out.highly_toxic = true;
    } else if (auto c = ParseClassification(item); c.ok()) {
      Classification cl = std::move(c).value();
      cl.condition = condition;
      if (family_mode || current == nullptr) {
        // The entry's own; in a product-family list, the entry's cell repeated at a page break.
        kind = EntryItemKind::kClassification;
        if (family_mode) {
          const std::string formatted = FormatClassification(cl);
          for (auto& existing : out.classifications) {
            if (FormatClassification(existing) != formatted) continue;
            if (existing.condition == cl.condition) {
              kind = EntryItemKind::kRepeatedClassification;
              break;
            }
            if (existing.condition.empty() && !cl.condition.empty()) {
              // The first page lost the condition line; the repeat shows it.
              existing.condition = cl.condition;
              kind = EntryItemKind::kRepeatedClassification;
              break;
            }
          }
        }
        if (kind == EntryItemKind::kClassification) out.classifications.push_back(std::move(cl));
      } else {
        kind = EntryItemKind::kClassification;
        current->classifications.push_back(std::move(cl));
      }
    } else if (ParseCondition(narrow, item, cond)) {
      kind = EntryItemKind::kCondition;
      condition = std::move(cond);
    } else if (narrow == "注:") {
      kind = EntryItemKind::kNote;
      notes_mode = true;
      out.notes.emplace_back(item);
    } else if (narrow.ends_with("。")) {
      kind = EntryItemKind::kNote;
      AddUnique(out.notes, std::string(item));
    } else if (narrow.ends_with(":")) {
      // A list header: "常见品种如下：" (the common varieties are as follows).
      kind = EntryItemKind::kNote;
      family_mode = true;
      current = nullptr;
      condition.clear();
      AddUnique(out.notes, std::string(item));
    } else if (ParseCasList(narrow, cas)) {
      if (current != nullptr) {
        kind = EntryItemKind::kSubEntryCas;
        for (auto& number : cas) AddUnique(current->cas_numbers, std::move(number));
      } else {
        kind = EntryItemKind::kEntryCas;
        for (auto& number : cas) AddUnique(out.cas_numbers, std::move(number));
      }
    } else if (!ContainsCjk(item)) {
      if (current != nullptr) {
        kind = EntryItemKind::kSubEntryNameEn;
        current->name_en = current->name_en.empty() ? std::string(item) : current->name_en + "; " + std::string(item);
      } else {
        kind = EntryItemKind::kEntryNameEn;
        out.name_en = out.name_en.empty() ? std::string(item) : out.name_en + "; " + std::string(item);
      }
    } else {
      std::string numbered;
      const bool is_numbered = family_mode && StripListNumber(item, numbered);
      const bool after_name = have_last && (last == EntryItemKind::kSubEntryName || last == EntryItemKind::kSubEntryAlias);
      const bool after_entry_alias = have_last && last == EntryItemKind::kEntryAlias;
      if (!is_numbered && current != nullptr && after_name) {
        kind = EntryItemKind::kSubEntryAlias;
        for (auto& a : SplitList(item)) AddUnique(current->aliases, std::move(a));
      } else if (!is_numbered && current == nullptr && !family_mode && out.classifications.empty() &&
                 (after_entry_alias || std::string(BaseName(NameKey(item))) != entry_base)) {
        kind = EntryItemKind::kEntryAlias;
        for (auto& a : SplitList(item)) AddUnique(out.aliases, std::move(a));
      } else {
        kind = EntryItemKind::kSubEntryName;
        open_sub_entry(is_numbered ? numbered : std::string(item));
      }
    }
    out.item_kinds.push_back(kind);
    last = kind;
    have_last = true;
  }
  return out;
}

}  // namespace chemsafe::catalogue
