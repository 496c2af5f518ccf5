#include "chemsafe/service/qra_views.h"

#include <algorithm>
#include <array>
#include <limits>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace chemsafe::service {
namespace {

using json = nlohmann::json;

constexpr std::array<std::string_view, 5> kActions = {"close", "relocate", "convert", "measures", "keep"};

bool StartsWith(std::string_view text, std::string_view prefix) { return text.substr(0, prefix.size()) == prefix; }
bool ProvinceWide(const Principal& who) { return who.role == Role::kProvince || who.role == Role::kDepartment; }

std::string EmptyCollection() { return R"({"type":"FeatureCollection","features":[]})"; }

// The run asked for, or the newest; none when no run is stored (NotFound for an id that does not exist).
Result<std::optional<store::QraRunRecord>> PickRun(QraViewStores s, std::optional<std::int64_t> run_id,
                                                   bool with_geometry) {
  if (!run_id) {
    CHEMSAFE_ASSIGN_OR_RETURN(run_id, s.qra.LatestRunId());
    if (!run_id) return std::optional<store::QraRunRecord>();
  }
  CHEMSAFE_ASSIGN_OR_RETURN(auto run, s.qra.Run(*run_id, with_geometry));
  if (!run) return NotFound(fmt::format("QRA run {}: not found", *run_id));
  return run;
}

// The caller's scope as a query of a run's rows: the division prefix, and for a grid officer or an
// enterprise user their enterprises.
Result<store::QraListQuery> ScopeQuery(QraViewStores s, const Principal& who, std::int64_t run_id) {
  store::QraListQuery q;
  q.run_id = run_id;
  q.division_prefix = who.DivisionPrefix();
  if (who.role == Role::kGrid) q.enterprise_ids = who.grid_enterprises;
  if (who.role == Role::kEnterprise) {
    CHEMSAFE_ASSIGN_OR_RETURN(auto mine, s.registry.FindEnterprise(who.enterprise_uscc));
    q.enterprise_ids = std::vector<std::int64_t>();
    if (mine) q.enterprise_ids->push_back(mine->id);
  }
  return q;
}

// Every row of the run in the caller's scope (all pages).
Result<std::vector<store::QraEnterpriseRecord>> RowsInScope(QraViewStores s, const Principal& who, std::int64_t run_id) {
  CHEMSAFE_ASSIGN_OR_RETURN(store::QraListQuery q, ScopeQuery(s, who, run_id));
  q.listed_only = false;
  q.limit = std::numeric_limits<int>::max();
  CHEMSAFE_ASSIGN_OR_RETURN(auto page, s.qra.List(q));
  return std::move(page.rows);
}

struct Box {
  double min_x = 0, min_y = 0, max_x = 0, max_y = 0;
  bool Holds(double x, double y) const { return x >= min_x && x <= max_x && y >= min_y && y <= max_y; }
};
Box BoxOf(const json& ring) {
  Box b{1e9, 1e9, -1e9, -1e9};
  for (const auto& p : ring) {
    const double x = p[0].get<double>(), y = p[1].get<double>();
    b.min_x = std::min(b.min_x, x);
    b.max_x = std::max(b.max_x, x);
    b.min_y = std::min(b.min_y, y);
    b.max_y = std::max(b.max_y, y);
  }
  return b;
}

}  // namespace

Result<Page<store::QraRunRecord>> ListQraRuns(QraViewStores s, const Principal& who, const PageRequest& page) {
  CHEMSAFE_RETURN_IF_ERROR(CheckPage(page));
  Page<store::QraRunRecord> out;
  out.page = page.page;
  out.page_size = page.page_size;
  if (!who.SeesBusinessData()) return out;
  CHEMSAFE_ASSIGN_OR_RETURN(out.total, s.qra.RunCount());
  CHEMSAFE_ASSIGN_OR_RETURN(out.items, s.qra.Runs((page.page - 1) * page.page_size, page.page_size));
  return out;
}

Result<RelocationList> GetRelocationList(QraViewStores s, const Principal& who, const RelocationQuery& q) {
  CHEMSAFE_RETURN_IF_ERROR(CheckPage(q.page));
  if (!q.action.empty() && std::find(kActions.begin(), kActions.end(), q.action) == kActions.end()) {
    return InvalidArgument("action: one of close, relocate, convert, measures, keep");
  }
  RelocationList out;
  out.rows.page = q.page.page;
  out.rows.page_size = q.page.page_size;
  if (!who.SeesBusinessData()) return out;
  CHEMSAFE_ASSIGN_OR_RETURN(out.run, PickRun(s, q.run_id, false));
  if (!out.run) return out;
  CHEMSAFE_ASSIGN_OR_RETURN(store::QraListQuery list, ScopeQuery(s, who, out.run->id));
  // The division asked for narrows the scope; one outside it leaves nothing.
  if (!q.division.empty()) {
    if (StartsWith(q.division, list.division_prefix)) {
      list.division_prefix = q.division;
    } else if (!StartsWith(list.division_prefix, q.division)) {
      return out;
    }
  }
  list.action = q.action;
  list.listed_only = !q.all;
  list.offset = (q.page.page - 1) * q.page.page_size;
  list.limit = q.page.page_size;
  CHEMSAFE_ASSIGN_OR_RETURN(auto page, s.qra.List(list));
  out.rows.items = std::move(page.rows);
  out.rows.total = page.total;
  out.by_action = std::move(page.by_action);
  return out;
}

Result<EnterpriseQraView> GetEnterpriseQra(QraViewStores s, const Principal& who, std::int64_t enterprise_id) {
  CHEMSAFE_ASSIGN_OR_RETURN(auto e, s.registry.FindEnterpriseById(enterprise_id));
  if (!e || !who.SeesBusinessData() || !who.MaySee(e->id, e->uscc, e->division_code)) {
    return NotFound(fmt::format("enterprise {}: not found", enterprise_id));
  }
  EnterpriseQraView out;
  out.enterprise_id = enterprise_id;
  CHEMSAFE_ASSIGN_OR_RETURN(out.history, s.qra.EnterpriseHistory(enterprise_id));
  for (const auto& row : out.history) {
    CHEMSAFE_ASSIGN_OR_RETURN(auto run, s.qra.Run(row.run_id, false));
    if (!run) return Internal(fmt::format("QRA run {} of enterprise {}: missing", row.run_id, enterprise_id));
    out.history_runs.push_back(std::move(*run));
  }
  if (!out.history_runs.empty()) out.run = out.history_runs.front();
  return out;
}

Result<std::string> QraContoursInScope(QraViewStores s, const Principal& who, std::optional<std::int64_t> run_id) {
  if (!who.SeesBusinessData()) return EmptyCollection();
  CHEMSAFE_ASSIGN_OR_RETURN(auto run, PickRun(s, run_id, true));
  if (!run) return EmptyCollection();
  if (ProvinceWide(who)) return std::move(run->contours);
  // The polygons whose outer ring's bounding box holds one of the scope's installations: the risk of
  // the scope's own plants, with what neighbouring plants add to it where they overlap.
  CHEMSAFE_ASSIGN_OR_RETURN(auto rows, RowsInScope(s, who, run->id));
  std::vector<std::pair<double, double>> units;
  for (const auto& row : rows) {
    const json detail = json::parse(row.detail, nullptr, false);
    if (detail.is_discarded() || !detail.contains("units")) continue;
    for (const auto& u : detail["units"]) units.emplace_back(u["lon"].get<double>(), u["lat"].get<double>());
  }
  json g = json::parse(run->contours, nullptr, false);
  if (g.is_discarded()) return Internal(fmt::format("QRA run {}: its contours are not JSON", run->id));
  for (auto& f : g["features"]) {
    json kept = json::array();
    for (auto& polygon : f["geometry"]["coordinates"]) {
      const Box box = BoxOf(polygon[0]);
      if (std::any_of(units.begin(), units.end(), [&](const auto& u) { return box.Holds(u.first, u.second); })) {
        kept.push_back(std::move(polygon));
      }
    }
    f["geometry"]["coordinates"] = std::move(kept);
  }
  return g.dump();
}

Result<std::string> QraExceedancesInScope(QraViewStores s, const Principal& who, std::optional<std::int64_t> run_id) {
  if (!who.SeesBusinessData()) return EmptyCollection();
  CHEMSAFE_ASSIGN_OR_RETURN(auto run, PickRun(s, run_id, true));
  if (!run) return EmptyCollection();
  if (ProvinceWide(who)) return std::move(run->exceedances);
  CHEMSAFE_ASSIGN_OR_RETURN(auto rows, RowsInScope(s, who, run->id));
  std::set<std::int64_t> visible;
  for (const auto& row : rows) visible.insert(row.enterprise_id);
  const bool by_division = who.role == Role::kCity || who.role == Role::kCounty;
  json g = json::parse(run->exceedances, nullptr, false);
  if (g.is_discarded()) return Internal(fmt::format("QRA run {}: its exceedances are not JSON", run->id));
  json kept = json::array();
  for (auto& f : g["features"]) {
    json& props = f["properties"];
    json named = json::array();
    int others = 0;
    for (auto& e : props["enterprises"]) {
      if (visible.count(e["id"].get<std::int64_t>()) != 0) {
        named.push_back(std::move(e));
      } else {
        ++others;
      }
    }
    const bool in_division = by_division && StartsWith(props.value("division_code", ""), who.division_code);
    if (named.empty() && !in_division) continue;
    props["enterprises"] = std::move(named);
    props["other_enterprises"] = others;  // attributed enterprises outside the caller's scope
    kept.push_back(std::move(f));
  }
  g["features"] = std::move(kept);
  return g.dump();
}

}  // namespace chemsafe::service
