// What the platform shows of the stored QRA runs (issue 5, plan task T7): the relocation list, one
// enterprise's results across runs, the contours and the exceeded protected targets, each bounded by the
// caller's scope (access.h) like platform_views.h: enterprises of the scope, the contour polygons that
// hold one of their installations, the exceeded targets of the scope's divisions or attributed to its
// enterprises (naming only enterprises the caller may see). Pure reads: the stores are the caller's.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "chemsafe/core/result.h"
#include "chemsafe/service/access.h"
#include "chemsafe/service/platform_views.h"
#include "chemsafe/store/qra_store.h"
#include "chemsafe/store/registry_store.h"

namespace chemsafe::service {

struct QraViewStores {
  store::RegistryStore& registry;
  store::QraStore& qra;
};

// The stored runs, newest first (none for the administration roles).
Result<Page<store::QraRunRecord>> ListQraRuns(QraViewStores s, const Principal& who, const PageRequest& page);

struct RelocationQuery {
  std::optional<std::int64_t> run_id;  // Default: the newest run
  std::string division;                // a division prefix within the caller's scope
  std::string action;                  // one of ProposedActionCode's codes; empty: any
  bool all = false;                    // also the enterprises without an exceedance
  PageRequest page;
};

struct RelocationList {
  std::optional<store::QraRunRecord> run;  // none: no run stored
  Page<store::QraEnterpriseRecord> rows;   // rank order
  std::map<std::string, std::int64_t> by_action;
};

// InvalidArgument naming `action` for an unknown action; NotFound for a run that does not exist.
Result<RelocationList> GetRelocationList(QraViewStores s, const Principal& who, const RelocationQuery& q);

struct EnterpriseQraView {
  std::int64_t enterprise_id = 0;
  std::optional<store::QraRunRecord> run;          // the run of `history.front()`, without geometry
  std::vector<store::QraEnterpriseRecord> history;  // newest run first
  std::vector<store::QraRunRecord> history_runs;    // the run of each of `history`, without geometry
};
// NotFound when the enterprise is outside the caller's scope.
Result<EnterpriseQraView> GetEnterpriseQra(QraViewStores s, const Principal& who, std::int64_t enterprise_id);

// GeoJSON FeatureCollections (WGS-84) of a run (Default: the newest), bounded as above; an empty
// collection when no run is stored.
Result<std::string> QraContoursInScope(QraViewStores s, const Principal& who, std::optional<std::int64_t> run_id);
Result<std::string> QraExceedancesInScope(QraViewStores s, const Principal& who, std::optional<std::int64_t> run_id);

}  // namespace chemsafe::service
