#include "chemsafe/credit/insurance.h"

#include <set>

#include <fmt/format.h>

namespace chemsafe::credit {

Status ValidatePolicy(const Policy& p) {
  if (p.enterprise_uscc.empty()) return InvalidArgument("enterprise_uscc: missing");
  if (p.insurer.empty()) return InvalidArgument("insurer: missing");
  if (p.policy_no.empty()) return InvalidArgument("policy_no: missing");
  if (p.valid_from == Date{}) return InvalidArgument("valid_from: missing");
  if (p.valid_to == Date{}) return InvalidArgument("valid_to: missing");
  if (p.valid_to < p.valid_from) {
    return InvalidArgument(fmt::format("valid_to: {} is before valid_from {}", p.valid_to.str(), p.valid_from.str()));
  }
  if (p.insured_amount_fen <= 0) return InvalidArgument("insured_amount_fen: must be positive");
  if (p.persons_covered < 0) return InvalidArgument("persons_covered: must not be negative");
  return Status::Ok();
}

std::string_view PolicyStateCode(PolicyState s) {
  switch (s) {
    case PolicyState::kNotYetValid: return "not_yet_valid";
    case PolicyState::kValid: return "valid";
    case PolicyState::kExpiring: return "expiring";
    case PolicyState::kExpired: return "expired";
  }
  return "?";
}

bool CoveredOn(const Policy& p, Date on) { return p.valid_from <= on && on <= p.valid_to; }

PolicyState PolicyStateOn(const Policy& p, Date on, const CoverOptions& options) {
  if (on < p.valid_from) return PolicyState::kNotYetValid;
  if (p.valid_to < on) return PolicyState::kExpired;
  const auto left = (p.valid_to.days() - on.days()).count();
  return left <= options.expiring_within_days ? PolicyState::kExpiring : PolicyState::kValid;
}

std::vector<std::string> MissingCover(const std::vector<std::string>& usccs, const std::vector<Policy>& policies,
                                      Date on) {
  std::set<std::string> covered;
  for (const auto& p : policies) {
    if (CoveredOn(p, on)) covered.insert(p.enterprise_uscc);
  }
  std::vector<std::string> out;
  std::set<std::string> seen;
  for (const auto& u : usccs) {
    if (covered.count(u) == 0 && seen.insert(u).second) out.push_back(u);
  }
  return out;
}

}  // namespace chemsafe::credit
