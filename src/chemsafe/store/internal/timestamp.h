// Timestamps of holding versions (module-private). The store keeps instants as UTC text of one fixed
// width, "YYYY-MM-DDTHH:MM:SS.ffffffZ", so that text order is time order in SQLite; PostgreSQL keeps
// timestamptz and prints the same text. Microsecond resolution, as PostgreSQL's timestamptz.
// Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "chemsafe/core/result.h"

namespace chemsafe::store::internal {

// Microseconds since 1970-01-01T00:00:00Z.
using MicrosSinceEpoch = std::int64_t;

// Offset of Asia/Shanghai from UTC: +08:00, no daylight saving since 1991 (GB/T 7408-2005 local time
// of China, Beijing time). Used for dates and for timestamps written without an offset.
inline constexpr int kShanghaiOffsetMinutes = 8 * 60;

struct ParsedInstant {
  MicrosSinceEpoch micros = 0;  // for a date alone: the start of that day in Asia/Shanghai
  bool date_only = false;
};

// Parses "YYYY-MM-DD" or "YYYY-MM-DD[T| ]HH:MM[:SS[.fraction]][Z|±HH[:MM]|±HHMM]". Without an offset
// the time is Asia/Shanghai local time. Fractions beyond microseconds are truncated. Years 0001-9999.
Result<ParsedInstant> ParseInstant(std::string_view text);

// "YYYY-MM-DDTHH:MM:SS.ffffffZ".
std::string FormatUtc(MicrosSinceEpoch micros);

// The store's text for the instant `text` denotes (a date alone: the start of that day in Shanghai).
Result<std::string> NormaliseInstant(std::string_view text);

// The exclusive upper bound B of an "as of" query: a version is valid at the query's instant iff
// valid_from < B and (valid_to is empty or valid_to >= B). A date D means the end of D in
// Asia/Shanghai, so B = D+1 00:00:00+08:00; an instant T gives B = T + 1 µs.
Result<std::string> AsOfBound(std::string_view as_of);

}  // namespace chemsafe::store::internal
