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
    return w.AppendAudit(a);
  });
  if (!written.ok()) return written;
  return e;
}

Result<Page<EnterpriseChange>> EnterpriseChanges(store::PlatformStore& platform, store::RegistryStore& registry,
                                                 const Principal& who, const PageRequest& page) {
  CHEMSAFE_RETURN_IF_ERROR(CheckPage(page));
  Page<EnterpriseChange> out;
  out.page = page.page;
  out.page_size = page.page_size;
  if (!who.SeesBusinessData()) return out;
  store::AuditFilter f;
  f.action = std::string(kAction);
  f.limit = 100000;  // the changes of a scope are filtered here, after the scope of each record is known
  CHEMSAFE_ASSIGN_OR_RETURN(auto records, platform.AuditPage(f));
  std::vector<EnterpriseChange> all;
  for (const auto& a : records) {
    CHEMSAFE_ASSIGN_OR_RETURN(auto e, registry.FindEnterprise(a.object));
    if (!e || !who.MaySee(e->id, e->uscc, e->division_code)) continue;
    const std::string fields = a.outcome.rfind("ok: ", 0) == 0 ? a.outcome.substr(4) : a.outcome;
    all.push_back({a.at, a.user, a.role, e->uscc, e->name, fields});
  }
  out.total = static_cast<std::int64_t>(all.size());
  const std::size_t from = static_cast<std::size_t>(page.page - 1) * static_cast<std::size_t>(page.page_size);
  for (std::size_t i = from; i < all.size() && i < from + static_cast<std::size_t>(page.page_size); ++i) {
    out.items.push_back(std::move(all[i]));
  }
  return out;
}

}  // namespace chemsafe::service
