// Statistics of hidden-hazard findings for dashboards and reports (issue 7: "statistics by area,
// sector, criterion, time; a rectification rate"):
//   rectification rate = closed / all findings of the group
//   on-time rate       = findings closed on or before their plan's deadline / closed findings
// A rate with a zero denominator is absent (nullopt), never 0 or NaN.
//
// Pure; safe to call concurrently.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "chemsafe/inspect/finding.h"

namespace chemsafe::inspect {

enum class GroupBy {
  kDivision,      // report.division_code as recorded (county level)
  kCity,          // the city of a 6-digit division code: its first 4 digits + "00" (GB/T 2260)
  kSector,        // report.sector
  kCriterion,     // report.major_criterion "1".."20"; "" for findings under no criterion
  kMonth,         // the found date's month, "YYYY-MM"
};

struct FindingCounts {
  std::string key;
  int total = 0;
  int reported = 0;
  int planned = 0;
  int rectified = 0;
  int closed = 0;
  int general = 0;
  int major = 0;
  int closed_on_time = 0;
  std::optional<double> rectification_rate;  // closed / total
  std::optional<double> on_time_rate;        // closed_on_time / closed
};

// One row per key present, in ascending key order.
std::vector<FindingCounts> CountFindings(const std::vector<Finding>& findings, GroupBy by);
// All findings as one row with the key "".
FindingCounts CountAll(const std::vector<Finding>& findings);

}  // namespace chemsafe::inspect
