#include "chemsafe/service/registry_edits.h"

#include <fmt/format.h>

#include "chemsafe/registry/validate.h"

namespace chemsafe::service {

namespace {
constexpr std::string_view kAction = "enterprise.update";
}  // namespace

Result<registry::Enterprise> UpdateEnterprise(store::RegistryStore& registry, const DivisionTable& divisions,
                                              const Actor& actor, std::string_view at, std::int64_t id,
                                              const EnterprisePatch& patch) {
  const Principal& who = actor.principal;
  CHEMSAFE_ASSIGN_OR_RETURN(auto found, registry.FindEnterpriseById(id));
  if (!found || !who.SeesBusinessData() || !who.MaySee(found->id, found->uscc, found->division_code)) {
    return NotFound(fmt::format("enterprise {}: not found", id));
  }
  if (who.role == Role::kGrid) return PermissionDenied("grid officers supervise enterprises; they do not change their records");
  registry::Enterprise e = *found;
  std::vector<std::string> changed;
  auto set = [&](auto& field, const auto& value, const char* name) {
    if (!value || field == *value) return;
    field = *value;
    changed.emplace_back(name);
  };
  set(e.name, patch.name, "name");
  set(e.legal_representative, patch.legal_representative, "legal_representative");
  set(e.address, patch.address, "address");
  set(e.location, patch.location, "location");
  set(e.activities, patch.activities, "activities");
  set(e.sector, patch.sector, "sector");
  std::vector<registry::FieldProblem> problems;
  registry::ValidateEnterprise(e, divisions, problems);
  if (!problems.empty()) {
    return InvalidArgument(fmt::format("{}: {}", problems.front().field, problems.front().message));
  }
  if (changed.empty()) return e;
  std::string fields;
  for (const auto& f : changed) fields += (fields.empty() ? "" : ", ") + f;
  Status written = registry.InTransaction([&](store::RegistryWriter& w) -> Status {
    CHEMSAFE_RETURN_IF_ERROR(w.UpsertEnterprise(e));
    auto a = AuditOf(actor, at, kAction, e.uscc, "ok: " + fields);
    CHEMSAFE_RETURN_IF_ERROR(w.AppendAudit(a));
    store::EnterpriseChangeRow change;
    change.at = a.at;
    change.user = a.user;
    change.role = a.role;
    change.enterprise_id = e.id;
    change.uscc = e.uscc;
    change.division_code = e.division_code;
    change.fields = fields;
    return w.RecordEnterpriseChange(change);
  });
  if (!written.ok()) return written;
  return e;
}

// The scope as EnterprisesInScope (platform_views.cc) bounds it: the principal's division prefix, and
// for grid officers and enterprise users their enterprises.
Result<Page<EnterpriseChange>> EnterpriseChanges(store::PlatformStore& /*platform*/, store::RegistryStore& registry,
                                                 const Principal& who, const PageRequest& page) {
  CHEMSAFE_RETURN_IF_ERROR(CheckPage(page));
  Page<EnterpriseChange> out;
  out.page = page.page;
  out.page_size = page.page_size;
  if (!who.SeesBusinessData()) return out;
  store::EnterpriseChangeFilter f;
  f.division_prefix = who.DivisionPrefix();
  if (who.role == Role::kGrid) f.enterprise_ids = who.grid_enterprises;
  if (who.role == Role::kEnterprise) {
    f.enterprise_ids.emplace();
    CHEMSAFE_ASSIGN_OR_RETURN(auto own, registry.FindEnterprise(who.enterprise_uscc));
    if (own) f.enterprise_ids->push_back(own->id);
  }
  f.limit = page.page_size;
  f.offset = std::int64_t{page.page - 1} * page.page_size;
  CHEMSAFE_ASSIGN_OR_RETURN(auto changes, registry.EnterpriseChangesPage(f));
  out.total = changes.total;
  for (auto& c : changes.rows) {
    out.items.push_back({std::move(c.at), std::move(c.user), std::move(c.role), std::move(c.uscc),
                         std::move(c.enterprise_name), std::move(c.fields)});
  }
  return out;
}

}  // namespace chemsafe::service
