#include "chemsafe/inspect/statistics.h"

#include <map>

#include <fmt/format.h>

namespace chemsafe::inspect {
namespace {

std::string KeyOf(const Finding& f, GroupBy by) {
  switch (by) {
    case GroupBy::kDivision: return f.report.division_code;
    case GroupBy::kCity:
      return f.report.division_code.size() >= 4 ? f.report.division_code.substr(0, 4) + "00" : f.report.division_code;
    case GroupBy::kSector: return f.report.sector;
    case GroupBy::kCriterion: return f.report.major_criterion ? std::to_string(*f.report.major_criterion) : "";
    case GroupBy::kMonth: {
      const auto& ymd = f.report.found_date.ymd;
      return fmt::format("{:04}-{:02}", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()));
    }
  }
  return "";
}

void Add(FindingCounts& c, const Finding& f) {
  ++c.total;
  switch (f.state) {
    case FindingState::kReported: ++c.reported; break;
    case FindingState::kPlanned: ++c.planned; break;
    case FindingState::kRectified: ++c.rectified; break;
    case FindingState::kClosed:
      ++c.closed;
      if (f.closure && f.plan && f.closure->date <= f.plan->deadline) ++c.closed_on_time;
      break;
  }
  if (f.report.grade == HazardGrade::kMajor) {
    ++c.major;
  } else {
    ++c.general;
  }
}

void Rates(FindingCounts& c) {
  if (c.total > 0) c.rectification_rate = static_cast<double>(c.closed) / c.total;
  if (c.closed > 0) c.on_time_rate = static_cast<double>(c.closed_on_time) / c.closed;
}

}  // namespace

std::vector<FindingCounts> CountFindings(const std::vector<Finding>& findings, GroupBy by) {
  std::map<std::string, FindingCounts> groups;
  for (const Finding& f : findings) {
    std::string key = KeyOf(f, by);
    FindingCounts& c = groups[key];
    c.key = std::move(key);
    Add(c, f);
  }
  std::vector<FindingCounts> out;
  out.reserve(groups.size());
  for (auto& [key, c] : groups) {
    Rates(c);
    out.push_back(std::move(c));
  }
  return out;
}

FindingCounts CountAll(const std::vector<Finding>& findings) {
  FindingCounts c;
  for (const Finding& f : findings) Add(c, f);
  Rates(c);
  return c;
}

}  // namespace chemsafe::inspect
