// Who is asking, and what they may see (issue 4; plan task T35: departments share and supervise by
// their duties). Every read and write of the services is checked against the caller's scope here, not
// in the UI or the handlers: an object outside the scope is NotFound, as if it did not exist.
//
// Roles (persisted as their codes: append-only): the province office sees the whole province; a
// department officer sees the whole province for their department's duties; city and county officers
// see their division and below; a grid officer sees the enterprises assigned to them; an enterprise
// user sees their own enterprise (USCC). Three separate accounts administer the platform (三员分立,
// GB/T 22239-2019 level 3): the system administrator (accounts and settings), the auditor (the audit
// trail) and the security officer (security policy); none of them sees business data.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "chemsafe/audit/chain.h"

namespace chemsafe::service {

enum class Role : int {
  kProvince = 1,    // 省级 (安委办)
  kDepartment = 2,  // 部门
  kCity = 3,        // 地级以上市
  kCounty = 4,      // 县(市、区)
  kGrid = 5,        // 网格员
  kEnterprise = 6,  // 企业
  kAuditor = 7,     // 安全审计员
  kAdmin = 8,       // 系统管理员
  kSecurity = 9,    // 安全保密管理员
};
std::string_view RoleCode(Role r);              // "province", "department", …
std::optional<Role> ParseRole(std::string_view code);
std::string_view RoleLabelZh(Role r);           // "省级", …

struct Principal {
  std::int64_t user_id = 0;
  std::string username;
  std::string name;
  Role role = Role::kEnterprise;
  std::string division_code;    // kCity, kCounty
  std::string department;       // kDepartment
  std::string enterprise_uscc;  // kEnterprise
  std::vector<std::int64_t> grid_enterprises;  // kGrid: assigned enterprise ids, sorted

  // Sees registry and hazard data at all (the three administration roles do not).
  bool SeesBusinessData() const;
  // May see the enterprise with this id, USCC and division code.
  bool MaySee(std::int64_t enterprise_id, std::string_view uscc, std::string_view enterprise_division) const;
  // The division prefix that bounds what the principal sees ("4403"), "44" for the province-wide roles
  // (the platform is Guangdong's).
  std::string DivisionPrefix() const;
  // The scope as the audit trail writes it: "province", "department:应急管理厅", "division:4403",
  // "grid:12", "enterprise:91440300…", "none".
  std::string ScopeText() const;
};

// The caller of a use case: who, from where, for which request (for the audit trail).
struct Actor {
  Principal principal;
  std::string client;
  std::string request_id;
};

// An audit record of `actor` doing `action` on `object` with `outcome` ("ok", "denied", "failed"), at
// `at` (UTC text).
audit::AuditRecord AuditOf(const Actor& actor, std::string_view at, std::string_view action, std::string_view object,
                           std::string_view outcome);

}  // namespace chemsafe::service
