#include "chemsafe/service/qra_province.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <numbers>
#include <set>

#include <fmt/format.h>
#include <geos_c.h>

#include "chemsafe/audit/sm3.h"
#include "chemsafe/qra/contours.h"
#include "chemsafe/qra/scenarios.h"
#include "chemsafe/qra/societal.h"
#include "chemsafe/qra/study.h"
#include "chemsafe/registry/names.h"

namespace chemsafe::service {
namespace {

using json = nlohmann::json;

// Equirectangular frame about (lon0, lat0): metres east and north.
struct Frame {
  double lon0 = 0, lat0 = 0;
  static constexpr double kMetresPerDegreeLat = 110574.0;  // WGS-84 near 23° N (the scope's latitudes)
  double MetresPerDegreeLon() const { return 111320.0 * std::cos(lat0 * std::numbers::pi / 180.0); }
  qra::PointM ToLocal(const LonLat& p) const {
    return {(p.lon_deg - lon0) * MetresPerDegreeLon(), (p.lat_deg - lat0) * kMetresPerDegreeLat};
  }
  LonLat ToLonLat(double x_m, double y_m) const {
    return LonLat{lon0 + x_m / MetresPerDegreeLon(), lat0 + y_m / kMetresPerDegreeLat};
  }
};

// GB 36894-2018 Table 1 classes of the registry's protected targets: 高敏感, 重要 and 一般一类 share the
// strictest limits; 一般二类 the middle; 一般三类 the least.
std::string_view CriterionClassOf(registry::TargetClass c) {
  switch (c) {
    case registry::TargetClass::kHighlySensitive:
    case registry::TargetClass::kImportant:
    case registry::TargetClass::kGeneral1:
      return "highly_sensitive";
    case registry::TargetClass::kGeneral2:
      return "high_density";
    case registry::TargetClass::kGeneral3:
      return "low_density";
  }
  return "highly_sensitive";
}

// Substances of the registry that the QRA table holds under another entry, with the reason.
struct Alias {
  std::string_view cas, as_cas, why;
};
constexpr Alias kAliases[] = {
    {"68476-85-7", "74-98-6", "液化石油气 LPG as propane (its main and lighter component: a conservative screening)"},
    {"8006-14-2", "74-82-8", "天然气 natural gas as methane"},
};

qra::HoldingState StateOf(registry::PhysicalState s) {
  switch (s) {
    case registry::PhysicalState::kSolid: return qra::HoldingState::kSolid;
    case registry::PhysicalState::kLiquid: return qra::HoldingState::kLiquid;
    case registry::PhysicalState::kGas: return qra::HoldingState::kGas;
    case registry::PhysicalState::kLiquefiedGas: return qra::HoldingState::kLiquefiedGas;
  }
  return qra::HoldingState::kLiquid;
}

// The scenarios of one unit as the study's "scenarios", one holding at a time so that each id starts with
// its substance ("<CAS>|…": a substance's share of the risk is found from it), and the holdings left out
// with their reasons.
Result<json> UnitScenarios(const registry::Unit& unit, const std::vector<registry::Holding>& holdings,
                           const reference::QraData& data, const qra::PointM& at, std::vector<std::string>& skipped,
                           std::map<std::string, std::string>& names) {
  const qra::ScenarioData sd{&data.loc_frequencies, &data.ignition, &data.substances, &data.toxic_probits};
  json out = json::array();
  for (const auto& h : holdings) {
    const std::string where = fmt::format("{}/{} {}", unit.enterprise_uscc, unit.code, h.chemical_name);
    double t = h.max_quantity_t.value_or(0);
    if (t <= 0 && h.max_volume_m3 && h.density_t_m3) t = *h.max_volume_m3 * *h.density_t_m3;
    if (t <= 0) {
      skipped.push_back(where + ": no quantity");
      continue;
    }
    qra::QraHolding q;
    q.cas = h.chemical_key;
    for (const auto& a : kAliases) {
      if (q.cas == a.cas) q.cas = std::string(a.as_cas);
    }
    q.quantity_kg = t * 1000.0;
    q.state = StateOf(h.state);
    // The registry's pressure is gauge (GB 18218's 1.6 MPa is gauge); the models take absolute.
    if (h.pressure_mpa) q.pressure_pa = *h.pressure_mpa * 1e6 + 101325.0;
    if (h.temperature_c) q.temperature_k = *h.temperature_c + 273.15;
    qra::QraUnit u;
    u.id = std::to_string(unit.id);
    u.kind = unit.kind == registry::UnitKind::kProduction ? qra::UnitKind::kProduction : qra::UnitKind::kStorage;
    u.holdings.push_back(std::move(q));
    auto set = qra::GenerateScenarios(u, sd);
    if (!set.ok()) {
      skipped.push_back(where + ": " + set.status().message());
      continue;
    }
    for (const auto& s : set->skipped) skipped.push_back(where + ": " + s.reason);
    for (auto& s : set->scenarios) s.id = h.chemical_key + "|" + s.id;
    names.emplace(h.chemical_key, h.chemical_name);
    for (auto& s : qra::ScenariosJson(set->scenarios, at.x_m, at.y_m)) out.push_back(std::move(s));
  }
  return out;
}

// The substance of an outcome id "<substance>|<scenario>/<outcome>".
std::string SubstanceOf(const std::string& outcome_id) { return outcome_id.substr(0, outcome_id.find('|')); }

qra::RiskModel Subset(const qra::RiskModel& all, const std::vector<std::size_t>& installations,
                      const std::string& without_substance = "") {
  qra::RiskModel m;
  m.weather = all.weather;
  for (std::size_t i : installations) {
    qra::Installation inst = all.installations[i];
    if (!without_substance.empty()) {
      std::erase_if(inst.outcomes, [&](const qra::RiskOutcome& o) { return SubstanceOf(o.id) == without_substance; });
    }
    m.installations.push_back(std::move(inst));
  }
  return m;
}

// One polygon (its rings as GeoJSON [[x, y], …] in local metres) simplified by GEOS's topology-preserving
// Douglas–Peucker (holes stay inside, rings stay simple); the polygon unchanged when GEOS refuses it.
json SimplifyPolygon(GEOSContextHandle_t h, const json& rings, double tolerance_m) {
  std::vector<GEOSGeometry*> made;
  std::vector<double> xy;
  for (const auto& ring : rings) {
    xy.clear();
    for (const auto& p : ring) {
      xy.push_back(p[0].get<double>());
      xy.push_back(p[1].get<double>());
    }
    GEOSCoordSequence* seq = GEOSCoordSeq_copyFromBuffer_r(h, xy.data(), static_cast<unsigned>(xy.size() / 2), 0, 0);
    GEOSGeometry* lr = seq != nullptr ? GEOSGeom_createLinearRing_r(h, seq) : nullptr;
    if (lr == nullptr) {
      for (GEOSGeometry* g : made) GEOSGeom_destroy_r(h, g);
      return rings;
    }
    made.push_back(lr);
  }
  if (made.empty()) return rings;
  GEOSGeometry* poly = GEOSGeom_createPolygon_r(h, made[0], made.data() + 1, static_cast<unsigned>(made.size() - 1));
  if (poly == nullptr) {
    for (GEOSGeometry* g : made) GEOSGeom_destroy_r(h, g);
    return rings;
  }
  GEOSGeometry* simple = GEOSTopologyPreserveSimplify_r(h, poly, tolerance_m);
  GEOSGeom_destroy_r(h, poly);  // owns the rings
  if (simple == nullptr || GEOSGeomTypeId_r(h, simple) != GEOS_POLYGON) {
    if (simple != nullptr) GEOSGeom_destroy_r(h, simple);
    return rings;
  }
  json out = json::array();
  auto ring_json = [&](const GEOSGeometry* ring) {
    const GEOSCoordSequence* seq = GEOSGeom_getCoordSeq_r(h, ring);
    unsigned n = 0;
    GEOSCoordSeq_getSize_r(h, seq, &n);
    xy.assign(std::size_t{n} * 2, 0.0);
    GEOSCoordSeq_copyToBuffer_r(h, seq, xy.data(), 0, 0);
    json pts = json::array();
    for (unsigned k = 0; k < n; ++k) pts.push_back(json::array({xy[2 * k], xy[2 * k + 1]}));
    return pts;
  };
  out.push_back(ring_json(GEOSGetExteriorRing_r(h, simple)));
  const int holes = GEOSGetNumInteriorRings_r(h, simple);
  for (int k = 0; k < holes; ++k) out.push_back(ring_json(GEOSGetInteriorRingN_r(h, simple, k)));
  GEOSGeom_destroy_r(h, simple);
  return out;
}

// Contours' GeoJSON in local metres → WGS-84 for the map: each polygon simplified within `tolerance_m`
// (half a grid cell: finer than the grid resolves; on the 300-enterprise demo the 3e-7 contour goes from
// 132,059 vertices to 8,794 and the file from 5.2 MB to 0.47 MB), coordinates rounded to 1e-6° (0.1 m).
std::string ContoursForMap(const std::string& local, const Frame& frame, double tolerance_m) {
  json g = json::parse(local);
  GEOSContextHandle_t h = GEOS_init_r();
  for (auto& f : g["features"]) {
    for (auto& polygon : f["geometry"]["coordinates"]) {
      polygon = SimplifyPolygon(h, polygon, tolerance_m);
      for (auto& ring : polygon) {
        for (auto& p : ring) {
          const LonLat ll = frame.ToLonLat(p[0].get<double>(), p[1].get<double>());
          p = json::array({std::round(ll.lon_deg * 1e6) / 1e6, std::round(ll.lat_deg * 1e6) / 1e6});
        }
      }
    }
  }
  GEOS_finish_r(h);
  return g.dump();
}

// The run's version: SM3 over the method, the options, the data tables' digest and every input read —
// the study (weather, installations, their scenarios and places), the protected targets in reach and the
// enterprises' identities (their park decides between actions).
std::string InputDigest(const std::string& method, const ProvinceQraOptions& o, const reference::QraData& data,
                        const json& study, const std::vector<registry::ProtectedTarget>& near,
                        const std::vector<EnterpriseQra>& enterprises) {
  std::string in = fmt::format("{}\nscope={}\ncell_m={}\nnew={}\nshare={}\ndata={}\n", method, o.division_prefix,
                               o.cell_m, o.new_installations, o.attribution_share, data.digest);
  in += study.dump();
  for (const auto& t : near) {
    in += fmt::format("\nT|{}|{}|{}|{}|{}|{}|{:.9f}|{:.9f}|{}|{}", t.id, t.code, t.name, t.kind, t.division_code,
                      static_cast<int>(t.target_class), t.location->lon_deg, t.location->lat_deg, t.day_population,
                      t.night_population);
  }
  for (const auto& e : enterprises) {
    in += fmt::format("\nE|{}|{}|{}|{}|{}", e.enterprise_id, e.uscc, e.name, e.division_code, e.park_code);
  }
  return audit::Sm3Hex(in);
}

double Round6(double deg) { return std::round(deg * 1e6) / 1e6; }

// The lowest contour level traced (qra/contours.h defaults).
double ContourLevelsMin() {
  const qra::ContourOptions defaults;
  return *std::min_element(defaults.thresholds_per_yr.begin(), defaults.thresholds_per_yr.end());
}

}  // namespace

std::string_view ProposedActionCode(ProposedAction a) {
  switch (a) {
    case ProposedAction::kKeep: return "keep";
    case ProposedAction::kMeasures: return "measures";
    case ProposedAction::kConvert: return "convert";
    case ProposedAction::kRelocate: return "relocate";
    case ProposedAction::kClose: return "close";
  }
  return "keep";
}

std::string_view ProposedActionZh(ProposedAction a) {
  switch (a) {
    case ProposedAction::kKeep: return "保留";
    case ProposedAction::kMeasures: return "限期整改";
    case ProposedAction::kConvert: return "转产";
    case ProposedAction::kRelocate: return "搬迁";
    case ProposedAction::kClose: return "关闭";
  }
  return "保留";
}

Result<ProvinceQraResult> RunProvinceQra(store::RegistryStore& registry, store::HazardStore& hazards,
                                         const reference::QraData& data, const ProvinceQraOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  ProvinceQraResult result;
  CHEMSAFE_ASSIGN_OR_RETURN(qra::ModelRegistry models, reference::QraModelRegistry(data));

  // 1. The major hazard installations of the scope, with their enterprises and locations.
  CHEMSAFE_ASSIGN_OR_RETURN(auto latest, hazards.Latest());
  struct Site {
    registry::Unit unit;
    std::size_t enterprise = 0;  // index into result.enterprises
  };
  std::vector<Site> sites;
  std::map<std::int64_t, std::size_t> enterprise_index;
  for (const auto& l : latest) {
    if (!l.major_hazard || l.failed) continue;
    CHEMSAFE_ASSIGN_OR_RETURN(auto unit, registry.FindUnitById(l.unit_id));
    if (!unit) continue;
    CHEMSAFE_ASSIGN_OR_RETURN(auto e, registry.FindEnterpriseById(unit->enterprise_id));
    if (!e || e->division_code.rfind(options.division_prefix, 0) != 0) continue;
    if (!unit->location) {
      result.skipped.push_back(fmt::format("{}/{}: the unit has no location", e->uscc, unit->code));
      continue;
    }
    auto [it, added] = enterprise_index.emplace(e->id, result.enterprises.size());
    if (added) {
      EnterpriseQra q;
      q.enterprise_id = e->id;
      q.uscc = e->uscc;
      q.name = e->name;
      q.division_code = e->division_code;
      q.park_code = e->park_code;
      result.enterprises.push_back(std::move(q));
    }
    result.enterprises[it->second].unit_ids.push_back(unit->id);
    result.enterprises[it->second].unit_locations.push_back(*unit->location);
    sites.push_back({std::move(*unit), it->second});
  }
  if (sites.empty()) return NotFound("no major hazard installation with a location in this scope (run `hazard run` first)");
  Frame frame;
  for (const auto& s : sites) {
    frame.lon0 += s.unit.location->lon_deg / static_cast<double>(sites.size());
    frame.lat0 += s.unit.location->lat_deg / static_cast<double>(sites.size());
  }

  // 2. Their scenarios, as one study.
  json study;
  study["weather"] = options.weather;
  study["installations"] = json::array();
  std::vector<std::size_t> installation_site;  // study installation → site
  std::map<std::string, std::string> names;     // chemical key → the name declared
  for (std::size_t i = 0; i < sites.size(); ++i) {
    CHEMSAFE_ASSIGN_OR_RETURN(auto holdings, registry.HoldingsOfUnit(sites[i].unit.id));
    const qra::PointM at = frame.ToLocal(*sites[i].unit.location);
    CHEMSAFE_ASSIGN_OR_RETURN(json scenarios, UnitScenarios(sites[i].unit, holdings, data, at, result.skipped, names));
    if (scenarios.empty()) continue;
    result.scenarios += static_cast<int>(scenarios.size());
    study["installations"].push_back({{"id", std::to_string(sites[i].unit.id)}, {"scenarios", std::move(scenarios)}});
    installation_site.push_back(i);
  }
  result.installations = static_cast<int>(installation_site.size());
  if (installation_site.empty()) return NotFound("no installation of this scope has a holding the QRA models cover");
  CHEMSAFE_ASSIGN_OR_RETURN(qra::RiskModel model, qra::BuildStudyModel(study, models));
  double reach_m = 0;
  for (const auto& inst : model.installations) {
    result.outcomes += static_cast<int>(inst.outcomes.size());
    for (const auto& o : inst.outcomes) reach_m = std::max(reach_m, qra::OutcomeReachM(o));
  }

  // 4. The protected targets in reach: IR from everything, population for the societal risk.
  CHEMSAFE_ASSIGN_OR_RETURN(auto targets, registry.ListProtectedTargets());
  std::vector<registry::ProtectedTarget> near;
  std::vector<qra::PointM> near_at;
  for (auto& t : targets) {
    if (!t.location) continue;
    const qra::PointM p = frame.ToLocal(*t.location);
    bool in_reach = false;
    for (const auto& inst : model.installations) {
      for (const auto& o : inst.outcomes) {
        if (std::hypot(p.x_m - o.x_m, p.y_m - o.y_m) <= qra::OutcomeReachM(o)) {
          in_reach = true;
          break;
        }
      }
      if (in_reach) break;
    }
    if (!in_reach) continue;
    near.push_back(std::move(t));
    near_at.push_back(p);
  }
  result.targets_checked = static_cast<int>(near.size());
  result.method = fmt::format("chemsafe qra province 2; GB 36894-2018 limits ({}), data/qra tables {}; cell {} m; "
                              "reach up to {:.0f} m; attribution share {:.0f} %; contours simplified within half a cell",
                              options.new_installations ? "new installations" : "installations in service",
                              data.digest.substr(0, 12), options.cell_m, reach_m, options.attribution_share * 100);
  result.input_digest = InputDigest(result.method, options, data, study, near, result.enterprises);
  if (options.stop_at_digest && options.stop_at_digest(result.input_digest)) {
    result.stopped = true;
    result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return result;
  }

  // 3b. The IR grid and its contours.
  qra::RiskGridOptions grid;
  grid.cell_m = options.cell_m;
  // The contours go down to 3e-7 per year; tiles a tenth of that everywhere are let go as they are made
  // (the 2,000-enterprise demo needed 12 GB with every non-zero tile kept). The IR at the targets is the
  // exact sum at each point, not read from the grid, so nothing else depends on them.
  grid.drop_tiles_below_per_yr = ContourLevelsMin() / 10;
  CHEMSAFE_ASSIGN_OR_RETURN(qra::RiskMap map, qra::ComputeIndividualRisk(model, grid));
  for (const auto& t : map.tiles()) {
    for (double ir : t.ir_per_yr) result.max_ir_per_yr = std::max(result.max_ir_per_yr, ir);
  }
  CHEMSAFE_ASSIGN_OR_RETURN(auto contours, qra::TraceContours(map, model));
  result.contours_geojson = ContoursForMap(qra::ContoursGeoJson(contours), frame, options.cell_m / 2);

  // IR adds over installations: each enterprise's own IR at the targets its outcomes reach (the exact sum
  // at the point), and the total as their sum — one pass over the few outcomes that reach each target.
  std::map<std::size_t, std::vector<std::size_t>> installations_of;  // enterprise → study installations
  for (std::size_t i = 0; i < installation_site.size(); ++i) {
    installations_of[sites[installation_site[i]].enterprise].push_back(i);
  }
  std::vector<double> ir_all(near.size(), 0.0);
  std::map<std::size_t, std::map<std::size_t, double>> own_ir;  // enterprise → target → own IR
  for (const auto& [e, installs] : installations_of) {
    const qra::RiskModel own = Subset(model, installs);
    std::vector<std::size_t> reached;
    std::vector<qra::PointM> at;
    for (std::size_t k = 0; k < near.size(); ++k) {
      bool in_reach = false;
      for (const auto& inst : own.installations) {
        for (const auto& o : inst.outcomes) {
          in_reach = in_reach || std::hypot(near_at[k].x_m - o.x_m, near_at[k].y_m - o.y_m) <= qra::OutcomeReachM(o);
        }
      }
      if (!in_reach) continue;
      reached.push_back(k);
      at.push_back(near_at[k]);
    }
    CHEMSAFE_ASSIGN_OR_RETURN(auto ir, qra::IndividualRiskAt(own, at));
    for (std::size_t n = 0; n < reached.size(); ++n) {
      ir_all[reached[n]] += ir[n];
      own_ir[e][reached[n]] = ir[n];
    }
  }
  std::vector<qra::PopulationPoint> people;
  for (std::size_t k = 0; k < near.size(); ++k) {
    // Daytime population; 90 % of it indoors (an assumption of this screening run, decision 0007).
    people.push_back({near_at[k].x_m, near_at[k].y_m, static_cast<double>(near[k].day_population), 0.9});
  }
  CHEMSAFE_ASSIGN_OR_RETURN(auto societal, qra::ComputeSocietalRisk(model, people));
  for (const auto& o : societal.outcomes) {
    result.enterprises[sites[installation_site[o.installation]].enterprise].pll_per_yr += o.pll_per_yr;
  }
  // Each enterprise's own F-N curve against the GB 36894 lines (provisional while they are grade U).
  std::map<std::size_t, std::vector<qra::FnScenario>> fn_events;
  for (const auto& ev : societal.events) {
    fn_events[sites[installation_site[ev.installation]].enterprise].push_back({ev.frequency_per_yr, ev.fatalities});
  }
  const qra::FnCriterionLine* intolerable = nullptr;
  const qra::FnCriterionLine* negligible = nullptr;
  for (const auto& line : data.fn_lines) {
    if (line.name == "intolerable") intolerable = &line;
    if (line.name == "negligible") negligible = &line;
  }
  for (auto& [e, events] : fn_events) {
    EnterpriseQra& q = result.enterprises[e];
    CHEMSAFE_ASSIGN_OR_RETURN(q.fn_curve, qra::FnCurve(events));
    if (intolerable == nullptr || negligible == nullptr) continue;
    CHEMSAFE_ASSIGN_OR_RETURN(auto upper, qra::CheckFnCurve(q.fn_curve, *intolerable));
    CHEMSAFE_ASSIGN_OR_RETURN(auto lower, qra::CheckFnCurve(q.fn_curve, *negligible));
    q.fn_worst_ratio = upper.worst_ratio;
    q.fn_verdict = upper.exceeded ? "intolerable" : lower.exceeded ? "alarp" : "tolerable";
    q.fn_provisional = intolerable->grade != "S" || negligible->grade != "S";
  }
  if (intolerable != nullptr && negligible != nullptr) {
    for (auto& q : result.enterprises) {
      if (q.fn_verdict.empty()) {
        q.fn_verdict = "tolerable";  // no event with a fatality: the curve is empty
        q.fn_provisional = intolerable->grade != "S" || negligible->grade != "S";
      }
    }
  }

  // 5. Per enterprise: its own risk at the targets that exceed their limit, and the proposal.
  std::map<std::string, const qra::IrCriterion*> criteria;
  for (const auto& c : data.ir_criteria.criteria) criteria[c.target_class] = &c;
  std::vector<std::size_t> over;  // targets over their limit (from every installation)
  std::vector<double> limit(near.size(), 0);
  for (std::size_t k = 0; k < near.size(); ++k) {
    const std::string cls(CriterionClassOf(near[k].target_class));
    auto it = criteria.find(cls);
    if (it == criteria.end()) return FailedPrecondition("gb36894_criteria.csv has no class " + cls);
    limit[k] = options.new_installations ? it->second->new_limit_per_yr : it->second->in_service_limit_per_yr;
    if (ir_all[k] > limit[k]) over.push_back(k);
  }
  std::map<std::size_t, std::vector<std::size_t>> attributed_to;  // target → enterprises
  std::map<std::int64_t, std::size_t> index_of;  // target id → index in `near`
  for (std::size_t k = 0; k < near.size(); ++k) index_of[near[k].id] = k;
  for (auto& [e, installs] : installations_of) {
    EnterpriseQra& q = result.enterprises[e];
    std::set<std::string> substances;
    for (std::size_t i : installs) {
      for (const auto& o : model.installations[i].outcomes) substances.insert(SubstanceOf(o.id));
    }
    const auto& mine = own_ir[e];
    for (std::size_t k : over) {
      auto it = mine.find(k);
      if (it == mine.end() || it->second < options.attribution_share * ir_all[k]) continue;
      const double own_here = it->second;
      TargetExceedance x;
      x.target_id = near[k].id;
      x.code = near[k].code;
      x.name = near[k].name;
      x.kind = near[k].kind;
      x.target_class = static_cast<int>(near[k].target_class);
      x.criterion_class = std::string(CriterionClassOf(near[k].target_class));
      x.ir_per_yr = ir_all[k];
      x.own_ir_per_yr = own_here;
      x.limit_per_yr = limit[k];
      x.at = *near[k].location;
      q.exceedances.push_back(std::move(x));
      attributed_to[k].push_back(e);
    }
    if (q.exceedances.empty()) continue;
    std::sort(q.exceedances.begin(), q.exceedances.end(), [](const TargetExceedance& a, const TargetExceedance& b) {
      return a.own_ir_per_yr / a.limit_per_yr > b.own_ir_per_yr / b.limit_per_yr;
    });
    const TargetExceedance& worst = q.exceedances.front();
    q.worst_ratio = worst.own_ir_per_yr / worst.limit_per_yr;
    // The substance whose removal leaves the least own risk at the worst target.
    const std::vector<qra::PointM> worst_at{near_at[index_of.at(worst.target_id)]};
    double best_left = worst.own_ir_per_yr;
    for (const auto& s : substances) {
      CHEMSAFE_ASSIGN_OR_RETURN(auto left, qra::IndividualRiskAt(Subset(model, installs, s), worst_at));
      if (left[0] < best_left) {
        best_left = left[0];
        for (auto& x : q.exceedances) {
          x.dominant_substance = s;
          x.dominant_substance_name = names.count(s) ? names[s] : s;
        }
      }
    }
    // Converting (转产) clears it when, without that substance, no attributed target stays over its limit.
    // (Only for a plant with another substance to go on with: for a single-substance plant it is closing.)
    bool conversion_clears = substances.size() > 1 && !q.exceedances.front().dominant_substance.empty();
    if (conversion_clears) {
      const qra::RiskModel without = Subset(model, installs, q.exceedances.front().dominant_substance);
      std::vector<qra::PointM> attributed;
      for (const auto& x : q.exceedances) attributed.push_back(near_at[index_of.at(x.target_id)]);
      CHEMSAFE_ASSIGN_OR_RETURN(auto left, qra::IndividualRiskAt(without, attributed));
      for (std::size_t n = 0; n < left.size(); ++n) conversion_clears &= left[n] <= q.exceedances[n].limit_per_yr;
    }
    const bool strict_class = worst.criterion_class == "highly_sensitive";
    const bool in_park = !q.park_code.empty();
    const double r = q.worst_ratio;
    if (r >= 100) {
      q.action = ProposedAction::kClose;
    } else if (conversion_clears) {
      q.action = ProposedAction::kConvert;
    } else if (r >= 10 && (strict_class || !in_park)) {
      q.action = ProposedAction::kRelocate;
    } else {
      q.action = ProposedAction::kMeasures;
    }
    q.batch = (q.action == ProposedAction::kClose || q.action == ProposedAction::kRelocate) && strict_class ? 1
              : q.action == ProposedAction::kMeasures                                                     ? 3
                                                                                                          : 2;
    q.reasons.push_back(fmt::format("{}处防护目标个人风险超过GB 36894-2018限值；最严重：{}（{}，{}）本企业贡献 {:.2e}/年，为限值 {:.0e}/年的 {:.1f} 倍",
                                    q.exceedances.size(), worst.name, worst.kind,
                                    registry::TargetClassName(static_cast<registry::TargetClass>(worst.target_class)),
                                    worst.own_ir_per_yr, worst.limit_per_yr, r));
    if (conversion_clears) {
      const std::string& key = worst.dominant_substance;
      q.reasons.push_back(fmt::format("不再使用或储存 {}（{}）后各超限防护目标均满足限值", names.count(key) ? names[key] : key, key));
    }
    q.reasons.push_back(in_park ? fmt::format("位于园区 {}", q.park_code) : std::string("不在化工园区内"));
  }

  // The societal risk is reported beside the individual-risk proposal, not folded into it while the
  // F-N lines are unverified (decision 0007).
  for (auto& q : result.enterprises) {
    if (q.fn_verdict != "intolerable") continue;
    q.reasons.push_back(fmt::format("社会风险F-N曲线超出不可容许线（最大为该线的 {:.1f} 倍）{}", q.fn_worst_ratio,
                                    q.fn_provisional ? "；判据线未经核实，结论暂定" : ""));
  }
  for (std::size_t k : over) {
    TargetOver t;
    t.target_id = near[k].id;
    t.code = near[k].code;
    t.name = near[k].name;
    t.kind = near[k].kind;
    t.division_code = near[k].division_code;
    t.criterion_class = std::string(CriterionClassOf(near[k].target_class));
    t.at = *near[k].location;
    t.ir_per_yr = ir_all[k];
    t.limit_per_yr = limit[k];
    for (std::size_t e : attributed_to[k]) t.enterprise_ids.push_back(result.enterprises[e].enterprise_id);
    result.targets_over.push_back(std::move(t));
  }
  std::sort(result.targets_over.begin(), result.targets_over.end(), [](const TargetOver& a, const TargetOver& b) {
    return a.ir_per_yr / a.limit_per_yr > b.ir_per_yr / b.limit_per_yr;
  });

  // 6. Ranked: batch 1 first (kept last), then the worst ratio, then PLL.
  std::stable_sort(result.enterprises.begin(), result.enterprises.end(), [](const EnterpriseQra& a, const EnterpriseQra& b) {
    const int ba = a.batch == 0 ? 99 : a.batch, bb = b.batch == 0 ? 99 : b.batch;
    if (ba != bb) return ba < bb;
    if (a.worst_ratio != b.worst_ratio) return a.worst_ratio > b.worst_ratio;
    return a.pll_per_yr > b.pll_per_yr;
  });
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return result;
}

nlohmann::ordered_json EnterpriseQraJson(const EnterpriseQra& e, int rank) {
  nlohmann::ordered_json j;
  j["rank"] = rank;
  j["batch"] = e.batch;
  j["action"] = std::string(ProposedActionCode(e.action));
  j["action_zh"] = std::string(ProposedActionZh(e.action));
  j["enterprise_id"] = e.enterprise_id;
  j["uscc"] = e.uscc;
  j["name"] = e.name;
  j["division_code"] = e.division_code;
  j["park_code"] = e.park_code;
  j["unit_ids"] = e.unit_ids;
  auto& units = j["units"] = nlohmann::ordered_json::array();
  for (std::size_t k = 0; k < e.unit_ids.size() && k < e.unit_locations.size(); ++k) {
    units.push_back({{"id", e.unit_ids[k]}, {"lon", Round6(e.unit_locations[k].lon_deg)},
                     {"lat", Round6(e.unit_locations[k].lat_deg)}});
  }
  j["pll_per_yr"] = e.pll_per_yr;
  j["worst_ratio"] = e.worst_ratio;
  auto& xs = j["exceedances"] = nlohmann::ordered_json::array();
  for (const auto& x : e.exceedances) {
    xs.push_back({{"target_id", x.target_id}, {"code", x.code}, {"name", x.name}, {"kind", x.kind},
                  {"criterion_class", x.criterion_class}, {"ir_per_yr", x.ir_per_yr}, {"own_ir_per_yr", x.own_ir_per_yr},
                  {"limit_per_yr", x.limit_per_yr}, {"dominant_substance", x.dominant_substance},
                  {"dominant_substance_name", x.dominant_substance_name},
                  {"lon", Round6(x.at.lon_deg)}, {"lat", Round6(x.at.lat_deg)}});
  }
  j["fn_verdict"] = e.fn_verdict;
  j["fn_provisional"] = e.fn_provisional;
  j["fn_worst_ratio"] = e.fn_worst_ratio;
  auto& fn = j["fn_curve"] = nlohmann::ordered_json::array();
  for (const auto& p : e.fn_curve) fn.push_back(nlohmann::ordered_json::array({p.fatalities, p.cumulative_frequency_per_yr}));
  j["reasons"] = e.reasons;
  return j;
}

std::string TargetsOverGeoJson(const ProvinceQraResult& r) {
  std::map<std::int64_t, const EnterpriseQra*> by_id;
  for (const auto& e : r.enterprises) by_id[e.enterprise_id] = &e;
  json features = json::array();
  for (const auto& t : r.targets_over) {
    json enterprises = json::array();
    for (std::int64_t id : t.enterprise_ids) {
      const EnterpriseQra& e = *by_id.at(id);
      enterprises.push_back({{"id", id}, {"name", e.name}, {"division_code", e.division_code},
                             {"action", std::string(ProposedActionCode(e.action))}});
    }
    features.push_back({{"type", "Feature"},
                        {"properties",
                         {{"target_id", t.target_id}, {"code", t.code}, {"name", t.name}, {"kind", t.kind},
                          {"division_code", t.division_code}, {"criterion_class", t.criterion_class},
                          {"ir_per_yr", t.ir_per_yr}, {"limit_per_yr", t.limit_per_yr},
                          {"ratio", t.ir_per_yr / t.limit_per_yr}, {"enterprises", std::move(enterprises)}}},
                        {"geometry",
                         {{"type", "Point"}, {"coordinates", json::array({Round6(t.at.lon_deg), Round6(t.at.lat_deg)})}}}});
  }
  return json{{"type", "FeatureCollection"}, {"features", std::move(features)}}.dump();
}

Result<std::int64_t> SaveProvinceQra(store::QraStore& store, const ProvinceQraResult& r,
                                     const ProvinceQraOptions& options, bool synthetic_weather,
                                     const std::string& run_at) {
  if (r.stopped) return FailedPrecondition("a run stopped at its digest has no results to store");
  store::QraRunRecord run;
  run.run_at = run_at;
  run.method = r.method;
  run.input_digest = r.input_digest;
  run.scope = options.division_prefix;
  run.new_installations = options.new_installations;
  run.synthetic_weather = synthetic_weather;
  int listed = 0;
  for (const auto& e : r.enterprises) listed += e.exceedances.empty() ? 0 : 1;
  run.summary = json{{"installations", r.installations},
                     {"scenarios", r.scenarios},
                     {"outcomes", r.outcomes},
                     {"targets_checked", r.targets_checked},
                     {"max_ir_per_yr", r.max_ir_per_yr},
                     {"seconds", r.seconds},
                     {"enterprises", r.enterprises.size()},
                     {"listed", listed},
                     {"targets_over", r.targets_over.size()},
                     {"skipped", r.skipped}}
                    .dump();
  run.contours = r.contours_geojson;
  run.exceedances = TargetsOverGeoJson(r);
  std::vector<store::QraEnterpriseRecord> rows;
  int rank = 0;
  for (const auto& e : r.enterprises) {
    store::QraEnterpriseRecord row;
    row.enterprise_id = e.enterprise_id;
    row.rank = ++rank;
    row.division_code = e.division_code;
    row.action = std::string(ProposedActionCode(e.action));
    row.batch = e.batch;
    row.worst_ratio = e.worst_ratio;
    row.pll_per_yr = e.pll_per_yr;
    row.exceedance_count = static_cast<int>(e.exceedances.size());
    row.detail = EnterpriseQraJson(e, rank).dump();
    rows.push_back(std::move(row));
  }
  CHEMSAFE_RETURN_IF_ERROR(store.SaveRun(run, rows));
  return run.id;
}

}  // namespace chemsafe::service
