// Differentiated inspection frequency and the plan of one enterprise (issue 7; plan tasks T4, T9); see frequency.h.
#include "chemsafe/inspect/frequency.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <map>
#include <utility>

#include <fmt/format.h>

#include "chemsafe/qra/data_table.h"

namespace chemsafe::inspect {
namespace {

constexpr std::array<std::string_view, 5> kHeader = {"division_code", "grade", "interval_months", "source", "verified"};
constexpr int kMaxIntervalMonths = 120;  // a chemsafe bound: ten years catches a typo in months vs days

// "440300" -> "4403", "440000" -> "44", "440305" -> "440305" (GB/T 2260: a level's code ends in 00 pairs).
std::string PrefixOf(std::string code) {
  while (code.size() > 2 && code.ends_with("00")) code.resize(code.size() - 2);
  return code;
}

}  // namespace

Result<FrequencyTable> ParseInspectionFrequencies(std::string_view text, std::string_view file_name) {
  CHEMSAFE_ASSIGN_OR_RETURN(auto records, qra::ReadDataTable(text, file_name, kHeader));
  FrequencyTable table;
  std::map<std::pair<std::string, risk::RiskGrade>, int> seen;  // -> line
  for (const qra::DataRecord& record : records) {  // the header left out
    const qra::DataRow row(file_name, record, kHeader);
    FrequencyRule rule;
    rule.line = row.line();
    rule.division_code = row.Cell(0);
    if (!rule.division_code.empty()) {
      if (rule.division_code.size() != 6 ||
          !std::all_of(rule.division_code.begin(), rule.division_code.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        return row.Error(0, fmt::format("\"{}\" is not a 6-digit division code (empty: the province default)", rule.division_code));
      }
      rule.division_prefix = PrefixOf(rule.division_code);
    }
    auto grade = risk::ParseRiskGrade(row.Cell(1));
    if (!grade) return row.Error(1, fmt::format("\"{}\" is not a grade (low, general, larger, major)", row.Cell(1)));
    rule.grade = *grade;
    const std::string& months = row.Cell(2);
    int n = 0;
    const bool digits = !months.empty() && months.size() <= 3 &&
                        std::all_of(months.begin(), months.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (digits) n = std::stoi(months);
    if (!digits || n < 1 || n > kMaxIntervalMonths) {
      return row.Error(2, fmt::format("\"{}\" is not a whole number of months from 1 to {}", months, kMaxIntervalMonths));
    }
    rule.interval_months = n;
    CHEMSAFE_ASSIGN_OR_RETURN(rule.source, row.Text(3));
    const std::string& v = row.Cell(4);
    if (v != "V" && v != "U") return row.Error(4, fmt::format("\"{}\": V (verified) or U (unverified)", v));
    rule.verified = v == "V";
    auto [it, inserted] = seen.emplace(std::pair{rule.division_prefix, rule.grade}, rule.line);
    if (!inserted) {
      return row.Error(0, fmt::format("\"{}\" with grade {} already on line {}", rule.division_code,
                                      risk::RiskGradeCode(rule.grade), it->second));
    }
    table.rules.push_back(std::move(rule));
  }
  for (risk::RiskGrade g : {risk::RiskGrade::kMajor, risk::RiskGrade::kLarger, risk::RiskGrade::kGeneral, risk::RiskGrade::kLow}) {
    if (!seen.contains({"", g})) {
      return InvalidArgument(fmt::format("{}: no province default (empty division_code) for grade {}", file_name,
                                         risk::RiskGradeCode(g)));
    }
  }
  return table;
}

const FrequencyRule* RuleFor(const FrequencyTable& table, std::string_view division_code, risk::RiskGrade grade) {
  const FrequencyRule* best = nullptr;
  for (const FrequencyRule& r : table.rules) {
    if (r.grade != grade || !division_code.starts_with(r.division_prefix)) continue;
    if (best == nullptr || r.division_prefix.size() > best->division_prefix.size()) best = &r;
  }
  return best;
}

Date AddMonths(Date d, int months) {
  const std::chrono::year_month ym = std::chrono::year_month{d.ymd.year(), d.ymd.month()} + std::chrono::months{months};
  const std::chrono::day month_end = std::chrono::year_month_day_last{ym.year(), std::chrono::month_day_last{ym.month()}}.day();
  return Date{std::chrono::year_month_day{ym.year(), ym.month(), std::min(d.ymd.day(), month_end)}};
}

std::string_view PlanStatusCode(PlanStatus s) {
  switch (s) {
    case PlanStatus::kDone: return "done";
    case PlanStatus::kDoneLate: return "done_late";
    case PlanStatus::kOverdue: return "overdue";
    case PlanStatus::kDue: return "due";
  }
  return "due";
}

std::string_view PlanStatusLabelZh(PlanStatus s) {
  switch (s) {
    case PlanStatus::kDone: return "已检查";
    case PlanStatus::kDoneLate: return "逾期后检查";
    case PlanStatus::kOverdue: return "逾期未检查";
    case PlanStatus::kDue: return "待检查";
  }
  return "待检查";
}

Result<EnterprisePlanDates> PlanInspections(int interval_months, std::span<const Date> inspections, const PlanPeriod& p) {
  if (interval_months < 1) return InvalidArgument(fmt::format("interval_months: {} is less than 1", interval_months));
  if (p.from > p.to) return InvalidArgument(fmt::format("from: {} is after to: {}", p.from.str(), p.to.str()));
  std::vector<Date> known;
  for (const Date& d : inspections) {
    if (d <= p.as_of) known.push_back(d);
  }
  std::sort(known.begin(), known.end());
  known.erase(std::unique(known.begin(), known.end()), known.end());
  EnterprisePlanDates out;
  if (!known.empty()) out.last_inspection = known.back();

  // The schedule: due dates counted in months from an anchor (the last inspection; `from` for an enterprise
  // never inspected), so that clamping one month's day does not shift the later ones.
  auto next = std::lower_bound(known.begin(), known.end(), p.from);
  Date anchor = next == known.begin() ? p.from : *(next - 1);
  int step = next == known.begin() ? 0 : 1;
  for (;;) {
    const Date due = AddMonths(anchor, interval_months * step);
    if (next != known.end()) {
      const Date d = *next++;
      if (due > p.to && d > p.to) break;
      out.items.push_back({due, d <= due ? PlanStatus::kDone : PlanStatus::kDoneLate, d});
      anchor = d;
      step = 1;
      continue;
    }
    if (due < p.as_of) {
      out.items.push_back({due, PlanStatus::kOverdue, std::nullopt});
      out.next_due = due;
      break;
    }
    if (!out.next_due) out.next_due = due;
    if (due > p.to) break;
    if (due >= p.from) out.items.push_back({due, PlanStatus::kDue, std::nullopt});
    ++step;
  }
  if (!out.next_due) out.next_due = out.last_inspection ? AddMonths(*out.last_inspection, interval_months) : p.from;
  return out;
}

}  // namespace chemsafe::inspect
