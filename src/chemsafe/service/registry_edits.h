// Changes to the registry made through the platform (issue 4; plan task T35: enterprises declare,
// departments supervise): an enterprise user corrects their own enterprise's record, an officer one in
// their division. Each change is checked against the caller's scope (NotFound outside it, as for reads),
// validated like an import row, and written with its audit record and its row of the change log
// (RegistryWriter::RecordEnterpriseChange) in one transaction; the supervisors of the enterprise see it
// in their change feed.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "chemsafe/core/result.h"
#include "chemsafe/registry/model.h"
#include "chemsafe/service/access.h"
#include "chemsafe/service/platform_views.h"
#include "chemsafe/store/platform_store.h"
#include "chemsafe/store/registry_store.h"

namespace chemsafe::service {

// The fields an enterprise record may be corrected in; unset ones stay as they are. The USCC and the
// division (which decide whose scope the record is in) do not change here.
struct EnterprisePatch {
  std::optional<std::string> name;
  std::optional<std::string> legal_representative;
  std::optional<std::string> address;
  std::optional<std::optional<LonLat>> location;  // a value clears it when it holds nullopt
  std::optional<std::vector<registry::Activity>> activities;
  std::optional<registry::Sector> sector;
};

// Applies `patch` to enterprise `id` as `actor` at `at` (UTC text). NotFound outside the actor's scope;
// PermissionDenied for roles that do not change records (grid officers, the administration roles);
// InvalidArgument naming the field when the result is not a valid record.
Result<registry::Enterprise> UpdateEnterprise(store::RegistryStore& registry, const DivisionTable& divisions,
                                              const Actor& actor, std::string_view at, std::int64_t id,
                                              const EnterprisePatch& patch);

// One change of an enterprise's record, as its supervisors see it.
struct EnterpriseChange {
  std::string at;
  std::string user;
  std::string role;
  std::string uscc;
  std::string enterprise_name;
  std::string fields;  // what changed: "address, location"
};
// The changes to enterprise records in the caller's scope, newest first: one page read from the
// registry's change log (RegistryStore::EnterpriseChangesPage). `platform` is not read (the changes
// were read from its audit trail before they had their own table).
Result<Page<EnterpriseChange>> EnterpriseChanges(store::PlatformStore& platform, store::RegistryStore& registry,
                                                 const Principal& who, const PageRequest& page);

}  // namespace chemsafe::service
