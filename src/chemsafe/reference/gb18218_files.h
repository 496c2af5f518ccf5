// Loader of the GB 18218-2018 tables shipped in data/gb18218_2018/ (transcribed from the standard;
// data/PROVENANCE.md §4). Reads files; thread-compatible.
#pragma once

#include <string>

#include "chemsafe/catalogue/gb18218.h"
#include "chemsafe/core/result.h"

namespace chemsafe::reference {

// Reads Tables 1-6 from `data_dir`/gb18218_2018/gb18218_2018_table{1..6}_*.csv. Checks each file's
// header, every number, every CAS number (check digit) and that the tables are complete (Table 1: 85
// rows numbered 1..85; Table 2 and Table 4: the same 24 symbols). Errors name file:row:column.
Result<catalogue::Gb18218Tables> LoadGb18218Tables(const std::string& data_dir);

}  // namespace chemsafe::reference
