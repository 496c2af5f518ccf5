// Checklists of the hidden-hazard closed loop (隐患排查治理, plan tasks T9, T25): a checklist is data, a
// list of items each with a code and a text. The 20 criteria of 化工和危险化学品生产经营单位重大生产安全事故
// 隐患判定标准（试行） (安监总管三〔2017〕121号) are one such checklist, shipped in
// data/inspect/major_hidden_hazard_criteria.csv; enterprises' own checklists have the same shape.
//
// Values only; thread-compatible. The file loader is in checklist_file.h (target chemsafe::inspect_files),
// so that this module stays pure.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace chemsafe::inspect {

// Whether the wording of an item was read in a primary or press source (data/inspect/PROVENANCE.md).
// Persisted as its code: append-only.
enum class Verification : int {
  kUnverified = 0,  // "U"
  kVerified = 1,    // "V"
};

struct ChecklistItem {
  std::string code;     // unique within the checklist; "1".."20" for the 2017 criteria
  std::string text_zh;  // the wording of the source
  std::string text_en;  // short English summary (may be empty)
  std::string basis;    // document and item, e.g. "安监总管三〔2017〕121号 第5项" (may be empty)
  Verification verification = Verification::kUnverified;
  std::string source;   // where the wording was read (S-tag or URL; may be empty)
};

struct Checklist {
  std::string code;  // e.g. kMajorHiddenHazardChecklist
  std::string name;
  std::vector<ChecklistItem> items;

  // The item with `code`, or nullptr.
  const ChecklistItem* Find(std::string_view item_code) const;
};

// The code and name of the 2017 checklist of major hidden hazards in chemical and hazardous-chemical
// enterprises (20 items).
inline constexpr std::string_view kMajorHiddenHazardChecklist = "major_hidden_hazard_criteria";
inline constexpr std::string_view kMajorHiddenHazardChecklistName =
    "化工和危险化学品生产经营单位重大生产安全事故隐患判定标准（试行）（安监总管三〔2017〕121号）";
// 安监总管三〔2017〕121号 lists 20 situations to be judged major hidden hazards.
inline constexpr int kMajorHiddenHazardCriteria = 20;

}  // namespace chemsafe::inspect
