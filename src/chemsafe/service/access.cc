#include "chemsafe/service/access.h"

#include <algorithm>

namespace chemsafe::service {

namespace {

struct RoleInfo {
  Role role;
  std::string_view code;
  std::string_view label_zh;
};
constexpr RoleInfo kRoles[] = {
    {Role::kProvince, "province", "省级"},     {Role::kDepartment, "department", "部门"},
    {Role::kCity, "city", "市级"},             {Role::kCounty, "county", "县级"},
    {Role::kGrid, "grid", "网格员"},           {Role::kEnterprise, "enterprise", "企业"},
    {Role::kAuditor, "auditor", "安全审计员"}, {Role::kAdmin, "admin", "系统管理员"},
    {Role::kSecurity, "security", "安全保密管理员"},
};

}  // namespace

std::string_view RoleCode(Role r) {
  for (const auto& i : kRoles) {
    if (i.role == r) return i.code;
  }
  return "unknown";
}

std::string_view RoleLabelZh(Role r) {
  for (const auto& i : kRoles) {
    if (i.role == r) return i.label_zh;
  }
  return "未知";
}

std::optional<Role> ParseRole(std::string_view code) {
  for (const auto& i : kRoles) {
    if (i.code == code) return i.role;
  }
  return std::nullopt;
}

bool Principal::SeesBusinessData() const {
  return role != Role::kAuditor && role != Role::kAdmin && role != Role::kSecurity;
}

bool Principal::MaySee(std::int64_t enterprise_id, std::string_view uscc, std::string_view enterprise_division) const {
  switch (role) {
    case Role::kProvince:
    case Role::kDepartment: return true;
    case Role::kCity:
    case Role::kCounty:
      return !division_code.empty() && enterprise_division.substr(0, division_code.size()) == division_code;
    case Role::kGrid: return std::binary_search(grid_enterprises.begin(), grid_enterprises.end(), enterprise_id);
    case Role::kEnterprise: return !enterprise_uscc.empty() && uscc == enterprise_uscc;
    case Role::kAuditor:
    case Role::kAdmin:
    case Role::kSecurity: return false;
  }
  return false;
}

std::string Principal::DivisionPrefix() const {
  if ((role == Role::kCity || role == Role::kCounty) && !division_code.empty()) return division_code;
  return "44";
}

std::string Principal::ScopeText() const {
  switch (role) {
    case Role::kProvince: return "province";
    case Role::kDepartment: return "department:" + department;
    case Role::kCity:
    case Role::kCounty: return "division:" + division_code;
    case Role::kGrid: return "grid:" + std::to_string(user_id);
    case Role::kEnterprise: return "enterprise:" + enterprise_uscc;
    case Role::kAuditor:
    case Role::kAdmin:
    case Role::kSecurity: return "none";
  }
  return "none";
}

audit::AuditRecord AuditOf(const Actor& actor, std::string_view at, std::string_view action, std::string_view object,
                           std::string_view outcome) {
  audit::AuditRecord a;
  a.at = std::string(at);
  a.user = actor.principal.username;
  a.role = std::string(RoleCode(actor.principal.role));
  a.scope = actor.principal.ScopeText();
  a.client = actor.client;
  a.action = std::string(action);
  a.object = std::string(object);
  a.outcome = std::string(outcome);
  a.request_id = actor.request_id;
  return a;
}

}  // namespace chemsafe::service
