// Reading checklists from CSV files (data/inspect/, or an enterprise's own list). Reads files;
// thread-compatible. Errors are InvalidArgument (NotFound when the file cannot be opened) and name
// file:row:column as the user sees them (row = the CSV line, column = 1-based).
#pragma once

#include <string>

#include "chemsafe/core/result.h"
#include "chemsafe/inspect/checklist.h"
#include "chemsafe/inspect/frequency.h"

namespace chemsafe::inspect {

// A CSV with a header row naming its columns, in any order: `code` and `text_zh` are required;
// `text_en`, `basis`, `verified` (V or U; empty = U) and `source` are optional. Every row needs a
// non-empty code, unique in the file, and a non-empty text_zh; at least one row. The checklist's code
// and name are the file's stem (callers may rename it).
Result<Checklist> LoadChecklist(const std::string& path);

// `data_dir`/inspect/major_hidden_hazard_criteria.csv, checked to hold exactly the 20 items of
// 安监总管三〔2017〕121号 with the codes 1..20 in order; code kMajorHiddenHazardChecklist and the
// standard's name.
Result<Checklist> LoadMajorHiddenHazardCriteria(const std::string& data_dir);

// The inspection frequency table at `path` (inspect/frequency.h ParseInspectionFrequencies); the default
// is `data_dir`/inspect/inspection_frequency.csv (kInspectionFrequencyFile).
inline constexpr std::string_view kInspectionFrequencyFile = "inspect/inspection_frequency.csv";
Result<FrequencyTable> LoadInspectionFrequencies(const std::string& path);

}  // namespace chemsafe::inspect
