// Loader of the Chinese public-holiday calendar shipped in data/holidays_cn/ (NateScarlet/holiday-cn,
// one JSON file per State Council notice year; see data/PROVENANCE.md §1). Reads files;
// thread-compatible.
#pragma once

#include <string>

#include "chemsafe/core/calendar.h"
#include "chemsafe/core/result.h"

namespace chemsafe::reference {

// Reads every `data_dir`/holidays_cn/<YYYY>.json, sets each listed day (isOffDay true: a day off;
// false: an adjusted working day on a weekend) and marks each file's year as loaded. A notice may list
// days of the neighbouring year; they are kept too. Errors name the file and the JSON path.
Result<WorkingCalendar> LoadWorkingCalendar(const std::string& data_dir);

}  // namespace chemsafe::reference
