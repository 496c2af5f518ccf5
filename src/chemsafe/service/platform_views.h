// What the platform shows (issue 4): the registry, the MHI database and the map, each bounded by the
// caller's scope (access.h). Anything outside the scope is NotFound, never PermissionDenied, so that
// nobody learns that it exists. Pure reads: the stores are the caller's (one set per thread).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "chemsafe/core/ids.h"
#include "chemsafe/core/result.h"
#include "chemsafe/registry/model.h"
#include "chemsafe/service/access.h"
#include "chemsafe/service/hazard_service.h"
#include "chemsafe/store/hazard_store.h"
#include "chemsafe/store/registry_store.h"

namespace chemsafe::service {

struct ViewStores {
  store::RegistryStore& registry;
  store::HazardStore& hazards;
};

template <typename T>
struct Page {
  std::vector<T> items;
  std::int64_t total = 0;
  int page = 1;
  int page_size = 20;
};

struct PageRequest {
  int page = 1;        // from 1
  int page_size = 20;  // 1..200
};
// InvalidArgument naming the field when out of range.
Status CheckPage(const PageRequest& p);

struct EnterpriseQuery {
  std::string text;      // name or USCC contains
  std::string division;  // division code prefix
  std::optional<registry::Sector> sector;
  std::optional<registry::Activity> activity;
  std::optional<int> grade;  // has a major hazard installation of this grade
  // "name", "uscc", "division_code", "sector", "unit_count" or "major_hazard_grade", "-" before it for
  // descending. Default (empty): by division code, then USCC.
  std::string sort;
  PageRequest page;
};

struct EnterpriseRow {
  registry::Enterprise enterprise;
  int unit_count = 0;
  std::optional<int> major_hazard_grade;  // the most severe grade of its units (1 is the most severe)
};

// A page of the enterprises in scope that match `q`, by division code then USCC.
Result<Page<EnterpriseRow>> ListEnterprises(ViewStores s, const Principal& who, const EnterpriseQuery& q);
// All of them (q.page ignored), for an export.
Result<std::vector<EnterpriseRow>> AllEnterprises(ViewStores s, const Principal& who, const EnterpriseQuery& q);

struct EnterpriseDetail {
  registry::Enterprise enterprise;
  std::vector<registry::Unit> units;
  std::map<std::int64_t, store::HazardLatest> latest;  // by unit id
};
Result<EnterpriseDetail> GetEnterprise(ViewStores s, const Principal& who, std::int64_t id);

struct UnitDetail {
  registry::Unit unit;
  registry::Enterprise enterprise;
  std::vector<registry::Holding> holdings;
  std::optional<store::HazardAssessmentRecord> assessment;  // the latest on the design basis
};
Result<UnitDetail> GetUnit(ViewStores s, const Principal& who, std::int64_t id);

struct TargetQuery {
  std::string division;
  std::string kind;
  PageRequest page;
};
Result<Page<registry::ProtectedTarget>> ListProtectedTargets(ViewStores s, const Principal& who, const TargetQuery& q);
Result<registry::ProtectedTarget> GetProtectedTarget(ViewStores s, const Principal& who, std::int64_t id);

struct MajorHazardRow {
  MhiEntry entry;
  std::int64_t enterprise_id = 0;
  std::string enterprise_name;
  std::string division_code;
  store::HazardAssessmentRecord assessment;
};
struct MajorHazardQuery {
  std::optional<int> grade;
  std::string division;
  PageRequest page;
};
Result<Page<MajorHazardRow>> ListMajorHazardsInScope(ViewStores s, const Principal& who, const MajorHazardQuery& q);

struct MajorHazardDetail {
  UnitDetail unit;
  std::vector<store::HazardAssessmentRecord> history;  // oldest first
};
Result<MajorHazardDetail> GetMajorHazard(ViewStores s, const Principal& who, std::int64_t unit_id);

struct Dashboard {
  std::string scope_label;
  std::string division_prefix;
  std::int64_t enterprises = 0;
  std::map<registry::Activity, std::int64_t> by_activity;
  std::map<registry::Sector, std::int64_t> by_sector;
  GradeCounts major_hazards;
  std::map<std::string, GradeCounts> by_city;  // 4-digit code
  struct Change {
    store::HazardEvent event;
    std::string unit_name;
    std::string enterprise_name;
  };
  std::vector<Change> recent;  // newest first, at most 20
};
Result<Dashboard> BuildDashboard(ViewStores s, const Principal& who, const DivisionTable& divisions);

enum class MapLayer { kUnits, kEnterprises, kTargets };
struct MapQuery {
  MapLayer layer = MapLayer::kUnits;
  std::string division;
  std::optional<registry::Sector> sector;
  std::optional<int> grade;
  std::optional<LonLat> near;  // with radius_m: only points within radius_m of it
  double radius_m = 0;
};
struct MapPoint {
  std::int64_t id = 0;
  LonLat at;
  std::optional<int> grade;  // units and enterprises: MHI grade; targets: their class code
  std::string name;
};
Result<std::vector<MapPoint>> MapPoints(ViewStores s, const Principal& who, const MapQuery& q);

}  // namespace chemsafe::service
