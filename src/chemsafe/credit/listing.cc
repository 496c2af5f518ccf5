#include "chemsafe/credit/listing.h"

#include <chrono>

#include <fmt/format.h>

namespace chemsafe::credit {

using std::chrono::days;

std::string_view RemovalKindCode(RemovalKind k) {
  switch (k) {
    case RemovalKind::kExpired: return "expired";
    case RemovalKind::kEarly: return "early";
    case RemovalKind::kRevoked: return "revoked";
  }
  return "?";
}
std::string_view RemovalKindLabelZh(RemovalKind k) {
  switch (k) {
    case RemovalKind::kExpired: return "管理期满移出";
    case RemovalKind::kEarly: return "信用修复提前移出";
    case RemovalKind::kRevoked: return "撤销列入";
  }
  return "?";
}
std::optional<RemovalKind> RemovalKindFromCode(std::string_view code) {
  for (RemovalKind k : {RemovalKind::kExpired, RemovalKind::kEarly, RemovalKind::kRevoked}) {
    if (RemovalKindCode(k) == code) return k;
  }
  return std::nullopt;
}

std::string_view RepairDecisionCode(RepairDecision d) {
  switch (d) {
    case RepairDecision::kNone: return "none";
    case RepairDecision::kPending: return "pending";
    case RepairDecision::kApproved: return "approved";
    case RepairDecision::kRejected: return "rejected";
  }
  return "?";
}
std::optional<RepairDecision> RepairDecisionFromCode(std::string_view code) {
  for (RepairDecision d :
       {RepairDecision::kNone, RepairDecision::kPending, RepairDecision::kApproved, RepairDecision::kRejected}) {
    if (RepairDecisionCode(d) == code) return d;
  }
  return std::nullopt;
}

Status ValidateListing(const Listing& l) {
  const std::pair<std::string_view, const std::string*> required[] = {
      {"uscc", &l.uscc},
      {"enterprise_name", &l.enterprise_name},
      {"reason", &l.reason},
      {"legal_basis", &l.legal_basis},
      {"decision_unit", &l.decision_unit},
  };
  for (const auto& [field, value] : required) {
    if (value->empty()) return InvalidArgument(fmt::format("{}: missing", field));
  }
  if (l.decided_on == Date{}) return InvalidArgument("decided_on: missing");
  return Status::Ok();
}

Date AddMonths(Date from, int months) {
  using namespace std::chrono;
  const year_month ym = year_month(from.ymd.year(), from.ymd.month()) + std::chrono::months(months);
  const year_month_day_last last(ym.year(), month_day_last(ym.month()));
  const day d = from.ymd.day() > last.day() ? last.day() : from.ymd.day();
  return Date{year_month_day(ym.year(), ym.month(), d)};
}

Date PeriodLastDay(const Listing& l, const ListingRules& rules) { return AddMonths(l.decided_on, 12 * rules.period_years); }

Date EndsOn(const Listing& l, const ListingRules& rules) {
  const Date natural{std::chrono::year_month_day{PeriodLastDay(l, rules).days() + days(1)}};
  if (l.removal && l.removed_on < natural) return l.removed_on;
  return natural;
}

Date EarlyRemovalFrom(const Listing& l, const ListingRules& rules) {
  return Date{std::chrono::year_month_day{AddMonths(l.decided_on, rules.early_after_months).days() + days(1)}};
}

bool InForceOn(const Listing& l, Date on, const ListingRules& rules) {
  return l.decided_on <= on && on < EndsOn(l, rules);
}

bool PublishedOn(const Listing& l, Date on, const ListingRules& rules) { return l.publish && InForceOn(l, on, rules); }

Status CheckRemoval(const Listing& l, RemovalKind kind, Date on, const ListingRules& rules) {
  if (l.removal) {
    return FailedPrecondition(fmt::format("listing of {}: already removed ({}) on {}", l.uscc,
                                          RemovalKindCode(*l.removal), l.removed_on.str()));
  }
  switch (kind) {
    case RemovalKind::kExpired: {
      const Date end = EndsOn(l, rules);
      if (on < end) {
        return FailedPrecondition(fmt::format("listing of {}: its period runs through {}; it expires on {}", l.uscc,
                                              PeriodLastDay(l, rules).str(), end.str()));
      }
      return Status::Ok();
    }
    case RemovalKind::kEarly: {
      if (!InForceOn(l, on, rules)) {
        return FailedPrecondition(fmt::format("listing of {}: not in force on {}", l.uscc, on.str()));
      }
      const Date from = EarlyRemovalFrom(l, rules);
      if (on < from) {
        return FailedPrecondition(fmt::format("listing of {}: early removal only from {} ({} months listed)", l.uscc,
                                              from.str(), rules.early_after_months));
      }
      if (l.repair.decision != RepairDecision::kPending && l.repair.decision != RepairDecision::kApproved) {
        return FailedPrecondition(fmt::format("listing of {}: early removal needs a credit repair application", l.uscc));
      }
      return Status::Ok();
    }
    case RemovalKind::kRevoked:
      if (on < l.decided_on) {
        return FailedPrecondition(fmt::format("listing of {}: revoked on {} before its decision on {}", l.uscc,
                                              on.str(), l.decided_on.str()));
      }
      return Status::Ok();
  }
  return InvalidArgument("removal_kind: unknown");
}

Status CheckRepairApplication(const Listing& l, Date on, const ListingRules& rules) {
  if (!InForceOn(l, on, rules)) {
    return FailedPrecondition(fmt::format("listing of {}: not in force on {}", l.uscc, on.str()));
  }
  if (l.repair.decision == RepairDecision::kPending) {
    return FailedPrecondition(fmt::format("listing of {}: a credit repair application of {} is pending", l.uscc,
                                          l.repair.applied_on.str()));
  }
  const Date from = EarlyRemovalFrom(l, rules);
  if (on < from) {
    return FailedPrecondition(fmt::format("listing of {}: credit repair may be applied for from {}", l.uscc, from.str()));
  }
  return Status::Ok();
}

}  // namespace chemsafe::credit
