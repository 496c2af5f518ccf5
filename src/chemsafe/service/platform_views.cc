#include "chemsafe/service/platform_views.h"

#include <algorithm>
#include <functional>
#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>

#include "chemsafe/core/geo.h"

namespace chemsafe::service {
namespace {

constexpr int kStatusBasis = static_cast<int>(hazard::QuantityBasis::kDesignMaximum);

bool StartsWith(std::string_view text, std::string_view prefix) { return text.substr(0, prefix.size()) == prefix; }

// The enterprises the principal may see, by id.
Result<std::unordered_map<std::int64_t, registry::Enterprise>> EnterprisesInScope(ViewStores s, const Principal& who) {
  std::unordered_map<std::int64_t, registry::Enterprise> out;
  if (!who.SeesBusinessData()) return out;
  store::EnterpriseFilter f;
  f.division_prefix = who.DivisionPrefix();
  f.without_licences = true;  // lists, counts and maps do not show them
  if (who.role == Role::kEnterprise) f.uscc = who.enterprise_uscc;
  CHEMSAFE_ASSIGN_OR_RETURN(auto all, s.registry.ListEnterprises(f));
  for (auto& e : all) {
    if (who.MaySee(e.id, e.uscc, e.division_code)) out.emplace(e.id, std::move(e));
  }
  return out;
}

// The latest outcome on the design basis (GB 18218-2018 §4.1) of every unit assessed.
Result<std::unordered_map<std::int64_t, store::HazardLatest>> LatestByUnit(ViewStores s) {
  CHEMSAFE_ASSIGN_OR_RETURN(auto latest, s.hazards.Latest());
  std::unordered_map<std::int64_t, store::HazardLatest> out;
  for (auto& l : latest) out.emplace(l.unit_id, std::move(l));
  return out;
}

std::optional<int> GradeOf(const store::HazardLatest& l) {
  if (l.failed || !l.major_hazard) return std::nullopt;
  return l.grade;
}

// The more severe of two grades (1 is the most severe).
std::optional<int> Worse(std::optional<int> a, std::optional<int> b) {
  if (!a) return b;
  if (!b) return a;
  return std::min(*a, *b);
}

template <typename T>
Page<T> Slice(std::vector<T> all, const PageRequest& p) {
  Page<T> out;
  out.total = static_cast<std::int64_t>(all.size());
  out.page = p.page;
  out.page_size = p.page_size;
  const std::size_t from = static_cast<std::size_t>(p.page - 1) * static_cast<std::size_t>(p.page_size);
  for (std::size_t i = from; i < all.size() && i < from + static_cast<std::size_t>(p.page_size); ++i) {
    out.items.push_back(std::move(all[i]));
  }
  return out;
}

Status NotInScope(std::string_view kind, std::int64_t id) {
  return NotFound(fmt::format("{} {}: not found", kind, id));
}

// Whether the principal may see a protected target: the province-wide roles all; city and county
// officers those of their division; enterprise users and grid officers those of the counties of their
// enterprises (the neighbours a site must protect).
Result<bool> MaySeeTarget(ViewStores s, const Principal& who, const registry::ProtectedTarget& t) {
  switch (who.role) {
    case Role::kProvince:
    case Role::kDepartment: return true;
    case Role::kCity:
    case Role::kCounty: return StartsWith(t.division_code, who.division_code);
    case Role::kGrid:
    case Role::kEnterprise: {
      CHEMSAFE_ASSIGN_OR_RETURN(auto mine, EnterprisesInScope(s, who));
      for (const auto& [id, e] : mine) {
        if (StartsWith(t.division_code, e.division_code.substr(0, 6))) return true;
      }
      return false;
    }
    default: return false;
  }
}

}  // namespace

Status CheckPage(const PageRequest& p) {
  if (p.page < 1) return InvalidArgument("page: must be 1 or more");
  if (p.page_size < 1 || p.page_size > 200) return InvalidArgument("page_size: must be from 1 to 200");
  return Status::Ok();
}

Result<Page<EnterpriseRow>> ListEnterprises(ViewStores s, const Principal& who, const EnterpriseQuery& q) {
  CHEMSAFE_RETURN_IF_ERROR(CheckPage(q.page));
  CHEMSAFE_ASSIGN_OR_RETURN(auto all, AllEnterprises(s, who, q));
  return Slice(std::move(all), q.page);
}

Result<std::vector<EnterpriseRow>> AllEnterprises(ViewStores s, const Principal& who, const EnterpriseQuery& q) {
  CHEMSAFE_ASSIGN_OR_RETURN(auto enterprises, EnterprisesInScope(s, who));
  CHEMSAFE_ASSIGN_OR_RETURN(auto latest, LatestByUnit(s));
  std::unordered_map<std::int64_t, EnterpriseRow> rows;
  for (auto& [id, e] : enterprises) {
    if (!q.division.empty() && !StartsWith(e.division_code, q.division)) continue;
    if (q.sector && e.sector != *q.sector) continue;
    if (q.activity && std::find(e.activities.begin(), e.activities.end(), *q.activity) == e.activities.end()) continue;
    if (!q.text.empty() && e.name.find(q.text) == std::string::npos && e.uscc.find(q.text) == std::string::npos) {
      continue;
    }
    rows[id].enterprise = e;
  }
  CHEMSAFE_RETURN_IF_ERROR(s.registry.ForEachUnitRef([&](const store::UnitRef& u) {
    auto it = rows.find(u.enterprise_id);
    if (it == rows.end()) return Status::Ok();
    ++it->second.unit_count;
    if (auto l = latest.find(u.id); l != latest.end()) {
      it->second.major_hazard_grade = Worse(it->second.major_hazard_grade, GradeOf(l->second));
    }
    return Status::Ok();
  }));
  std::vector<EnterpriseRow> all;
  for (auto& [id, r] : rows) {
    if (q.grade && r.major_hazard_grade != q.grade) continue;
    all.push_back(std::move(r));
  }
  std::sort(all.begin(), all.end(), [](const EnterpriseRow& a, const EnterpriseRow& b) {
    return std::tie(a.enterprise.division_code, a.enterprise.uscc) < std::tie(b.enterprise.division_code, b.enterprise.uscc);
  });
  if (q.sort.empty()) return all;
  const bool descending = q.sort.front() == '-';
  const std::string key = descending ? q.sort.substr(1) : q.sort;
  // A missing grade sorts after every grade; ties keep the default order (stable sort).
  auto grade = [](const EnterpriseRow& r) { return r.major_hazard_grade.value_or(5); };
  std::function<bool(const EnterpriseRow&, const EnterpriseRow&)> less;
  if (key == "name") less = [](const auto& a, const auto& b) { return a.enterprise.name < b.enterprise.name; };
  else if (key == "uscc") less = [](const auto& a, const auto& b) { return a.enterprise.uscc < b.enterprise.uscc; };
  else if (key == "division_code") less = [](const auto& a, const auto& b) { return a.enterprise.division_code < b.enterprise.division_code; };
  else if (key == "sector") less = [](const auto& a, const auto& b) { return a.enterprise.sector < b.enterprise.sector; };
  else if (key == "unit_count") less = [](const auto& a, const auto& b) { return a.unit_count < b.unit_count; };
  else if (key == "major_hazard_grade") less = [&](const auto& a, const auto& b) { return grade(a) < grade(b); };
  else return InvalidArgument("sort: one of name, uscc, division_code, sector, unit_count, major_hazard_grade, with - for descending");
  std::stable_sort(all.begin(), all.end(), [&](const EnterpriseRow& a, const EnterpriseRow& b) {
    return descending ? less(b, a) : less(a, b);
  });
  return all;
}

Result<EnterpriseDetail> GetEnterprise(ViewStores s, const Principal& who, std::int64_t id) {
  CHEMSAFE_ASSIGN_OR_RETURN(auto e, s.registry.FindEnterpriseById(id));
  if (!e || !who.SeesBusinessData() || !who.MaySee(e->id, e->uscc, e->division_code)) {
    return NotInScope("enterprise", id);
  }
  EnterpriseDetail out;
  out.enterprise = std::move(*e);
  CHEMSAFE_ASSIGN_OR_RETURN(out.units, s.registry.UnitsOfEnterprise(id));
  std::vector<std::int64_t> ids;
  for (const auto& u : out.units) ids.push_back(u.id);
  CHEMSAFE_ASSIGN_OR_RETURN(auto latest, s.hazards.LatestOf(ids));
  for (auto& l : latest) out.latest.emplace(l.unit_id, std::move(l));
  return out;
}

Result<UnitDetail> GetUnit(ViewStores s, const Principal& who, std::int64_t id) {
  CHEMSAFE_ASSIGN_OR_RETURN(auto u, s.registry.FindUnitById(id));
  if (!u || !who.SeesBusinessData()) return NotInScope("unit", id);
  CHEMSAFE_ASSIGN_OR_RETURN(auto e, s.registry.FindEnterpriseById(u->enterprise_id));
  if (!e || !who.MaySee(e->id, e->uscc, e->division_code)) return NotInScope("unit", id);
  UnitDetail out;
  out.unit = std::move(*u);
  out.enterprise = std::move(*e);
  CHEMSAFE_ASSIGN_OR_RETURN(out.holdings, s.registry.HoldingsOfUnit(id));
  CHEMSAFE_ASSIGN_OR_RETURN(auto history, s.hazards.AssessmentHistory(id));
  for (auto it = history.rbegin(); it != history.rend(); ++it) {
    if (it->basis == kStatusBasis) {
      out.assessment = *it;
      break;
    }
  }
  return out;
}

Result<Page<registry::ProtectedTarget>> ListProtectedTargets(ViewStores s, const Principal& who, const TargetQuery& q) {
  CHEMSAFE_RETURN_IF_ERROR(CheckPage(q.page));
  std::vector<registry::ProtectedTarget> all;
  if (who.SeesBusinessData()) {
    std::optional<std::string> prefix = who.DivisionPrefix();
    if (!q.division.empty() && StartsWith(q.division, *prefix)) prefix = q.division;
    CHEMSAFE_ASSIGN_OR_RETURN(auto targets, s.registry.ListProtectedTargets(prefix));
    for (auto& t : targets) {
      if (!q.division.empty() && !StartsWith(t.division_code, q.division)) continue;
      if (!q.kind.empty() && t.kind != q.kind) continue;
      CHEMSAFE_ASSIGN_OR_RETURN(bool visible, MaySeeTarget(s, who, t));
      if (visible) all.push_back(std::move(t));
    }
  }
  return Slice(std::move(all), q.page);
}

Result<registry::ProtectedTarget> GetProtectedTarget(ViewStores s, const Principal& who, std::int64_t id) {
  CHEMSAFE_ASSIGN_OR_RETURN(auto t, s.registry.FindProtectedTargetById(id));
  if (!t || !who.SeesBusinessData()) return NotInScope("protected target", id);
  CHEMSAFE_ASSIGN_OR_RETURN(bool visible, MaySeeTarget(s, who, *t));
  if (!visible) return NotInScope("protected target", id);
  return std::move(*t);
}

Result<Page<MajorHazardRow>> ListMajorHazardsInScope(ViewStores s, const Principal& who, const MajorHazardQuery& q) {
  CHEMSAFE_RETURN_IF_ERROR(CheckPage(q.page));
  CHEMSAFE_ASSIGN_OR_RETURN(auto enterprises, EnterprisesInScope(s, who));
  std::unordered_map<std::string, const registry::Enterprise*> by_uscc;
  for (const auto& [id, e] : enterprises) by_uscc.emplace(e.uscc, &e);
  CHEMSAFE_ASSIGN_OR_RETURN(auto entries, ListMajorHazards(s.registry, s.hazards));
  std::vector<MajorHazardRow> all;
  for (auto& m : entries) {
    auto e = by_uscc.find(m.enterprise_uscc);
    if (e == by_uscc.end()) continue;
    if (q.grade && m.grade != *q.grade) continue;
    if (!q.division.empty() && !StartsWith(e->second->division_code, q.division)) continue;
    MajorHazardRow row;
    row.enterprise_id = e->second->id;
    row.enterprise_name = e->second->name;
    row.division_code = e->second->division_code;
    row.entry = std::move(m);
    all.push_back(std::move(row));
  }
  Page<MajorHazardRow> page = Slice(std::move(all), q.page);
  for (auto& row : page.items) {
    CHEMSAFE_ASSIGN_OR_RETURN(auto a, s.hazards.LatestAssessment(row.entry.unit_id));
    if (a) row.assessment = std::move(*a);
  }
  return page;
}

Result<MajorHazardDetail> GetMajorHazard(ViewStores s, const Principal& who, std::int64_t unit_id) {
  MajorHazardDetail out;
  CHEMSAFE_ASSIGN_OR_RETURN(out.unit, GetUnit(s, who, unit_id));
  if (!out.unit.assessment) return NotFound(fmt::format("unit {}: not assessed yet (run chemsafe hazard run)", unit_id));
  CHEMSAFE_ASSIGN_OR_RETURN(out.history, s.hazards.AssessmentHistory(unit_id));
  return out;
}

Result<Dashboard> BuildDashboard(ViewStores s, const Principal& who, const DivisionTable& divisions) {
  if (!who.SeesBusinessData()) return PermissionDenied("the dashboard shows business data: not for this role");
  Dashboard d;
  d.division_prefix = who.DivisionPrefix();
  const Division* division = divisions.Find(d.division_prefix.size() == 2 ? "44" : d.division_prefix);
  d.scope_label = who.role == Role::kEnterprise ? who.enterprise_uscc
                  : who.role == Role::kGrid     ? "网格 " + who.username
                  : division != nullptr         ? division->name
                                                : d.division_prefix;
  CHEMSAFE_ASSIGN_OR_RETURN(auto enterprises, EnterprisesInScope(s, who));
  d.enterprises = static_cast<std::int64_t>(enterprises.size());
  for (const auto& [id, e] : enterprises) {
    ++d.by_sector[e.sector];
    for (auto a : e.activities) ++d.by_activity[a];
  }
  CHEMSAFE_ASSIGN_OR_RETURN(auto latest, LatestByUnit(s));
  std::unordered_map<std::int64_t, std::pair<std::int64_t, std::string>> unit_enterprise;  // unit -> (enterprise, code)
  CHEMSAFE_RETURN_IF_ERROR(s.registry.ForEachUnitRef([&](const store::UnitRef& u) {
    auto e = enterprises.find(u.enterprise_id);
    if (e == enterprises.end()) return Status::Ok();
    unit_enterprise.emplace(u.id, std::pair{u.enterprise_id, u.code});
    auto l = latest.find(u.id);
    if (l == latest.end()) return Status::Ok();
    const auto grade = GradeOf(l->second);
    if (!grade || *grade < 1 || *grade > 4) return Status::Ok();
    ++d.major_hazards.grade[*grade];
    ++d.by_city[e->second.division_code.substr(0, 4)].grade[*grade];
    return Status::Ok();
  }));
  CHEMSAFE_ASSIGN_OR_RETURN(auto events, s.hazards.Events());
  for (auto it = events.rbegin(); it != events.rend() && d.recent.size() < 20; ++it) {
    auto u = unit_enterprise.find(it->unit_id);
    if (u == unit_enterprise.end()) continue;
    Dashboard::Change c;
    c.event = *it;
    c.enterprise_name = enterprises.at(u->second.first).name;
    CHEMSAFE_ASSIGN_OR_RETURN(auto unit, s.registry.FindUnitById(it->unit_id));
    c.unit_name = unit ? unit->name : u->second.second;
    d.recent.push_back(std::move(c));
  }
  return d;
}

Result<std::vector<MapPoint>> MapPoints(ViewStores s, const Principal& who, const MapQuery& q) {
  if (q.near && !(q.radius_m > 0)) return InvalidArgument("radius_m: a positive number of metres is needed with near");
  std::vector<MapPoint> out;
  if (!who.SeesBusinessData()) return out;
  auto keep = [&](const LonLat& at) { return !q.near || DistanceM(*q.near, at) <= q.radius_m; };
  if (q.layer == MapLayer::kTargets) {
    std::optional<std::string> prefix = who.DivisionPrefix();
    if (!q.division.empty() && StartsWith(q.division, *prefix)) prefix = q.division;
    CHEMSAFE_ASSIGN_OR_RETURN(auto all, s.registry.ListProtectedTargets(prefix));
    for (const auto& t : all) {
      if (!t.location || !keep(*t.location)) continue;
      if (!q.division.empty() && !StartsWith(t.division_code, q.division)) continue;
      CHEMSAFE_ASSIGN_OR_RETURN(bool visible, MaySeeTarget(s, who, t));
      if (visible) out.push_back({t.id, *t.location, static_cast<int>(t.target_class), t.name});
    }
    return out;
  }
  CHEMSAFE_ASSIGN_OR_RETURN(auto enterprises, EnterprisesInScope(s, who));
  auto wanted = [&](const registry::Enterprise& e) {
    if (!q.division.empty() && !StartsWith(e.division_code, q.division)) return false;
    return !q.sector || e.sector == *q.sector;
  };
  CHEMSAFE_ASSIGN_OR_RETURN(auto latest, LatestByUnit(s));
  if (q.layer == MapLayer::kEnterprises) {
    std::unordered_map<std::int64_t, std::optional<int>> grade;
    CHEMSAFE_RETURN_IF_ERROR(s.registry.ForEachUnitRef([&](const store::UnitRef& u) {
      if (auto l = latest.find(u.id); l != latest.end()) grade[u.enterprise_id] = Worse(grade[u.enterprise_id], GradeOf(l->second));
      return Status::Ok();
    }));
    for (const auto& [id, e] : enterprises) {
      if (!e.location || !wanted(e) || !keep(*e.location)) continue;
      const std::optional<int> g = grade.contains(id) ? grade[id] : std::nullopt;
      if (q.grade && g != q.grade) continue;
      out.push_back({id, *e.location, g, e.name});
    }
  } else {
    CHEMSAFE_RETURN_IF_ERROR(s.registry.ForEachUnitPoint([&](const store::UnitPoint& u) {
      auto e = enterprises.find(u.enterprise_id);
      if (e == enterprises.end() || !wanted(e->second)) return Status::Ok();
      const std::optional<LonLat> at = u.location ? u.location : e->second.location;
      if (!at || !keep(*at)) return Status::Ok();
      std::optional<int> g;
      if (auto l = latest.find(u.id); l != latest.end()) g = GradeOf(l->second);
      if (q.grade && g != q.grade) return Status::Ok();
      out.push_back({u.id, *at, g, u.name});
      return Status::Ok();
    }));
  }
  std::sort(out.begin(), out.end(), [](const MapPoint& a, const MapPoint& b) { return a.id < b.id; });
  return out;
}

}  // namespace chemsafe::service
