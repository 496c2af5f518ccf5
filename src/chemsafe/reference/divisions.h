// Loader of the administrative division table shipped in data/admin_divisions/ (NBS 2023 statistical
// division codes, whole of China; see data/PROVENANCE.md §2). Reads files; thread-compatible.
#pragma once

#include <string>

#include "chemsafe/core/ids.h"
#include "chemsafe/core/result.h"

namespace chemsafe::reference {

// Reads provinces.csv, cities.csv, areas.csv (county level) and streets.csv (township level) from
// `data_dir`/admin_divisions/. Every row is checked: code length for its level, digits only, a name, a
// parent that exists and is a prefix of the code. Errors name file:row.
Result<DivisionTable> LoadDivisionTable(const std::string& data_dir);

}  // namespace chemsafe::reference
