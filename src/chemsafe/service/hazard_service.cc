#include "chemsafe/service/hazard_service.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <iterator>
#include <limits>
#include <optional>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>

#include "chemsafe/core/calendar.h"
#include "chemsafe/core/geo.h"
#include "chemsafe/core/ids.h"

namespace chemsafe::service {
namespace {

// GB 18218-2018 Table 5 counts people within 500 m of the unit.
constexpr double kExposureRadiusM = 500;
// Grid of 0.01° cells: 0.01° of latitude is 1.11 km and of longitude ≥ 0.9 km south of 35° N, so the
// 3 × 3 cells around a unit cover its 500 m circle anywhere in Guangdong (20°-26° N). Farther north the
// search widens with the cosine of the latitude.
constexpr double kCellDeg = 0.01;

struct TargetPoint {
  LonLat at;
  int people = 0;
};

class TargetGrid {
 public:
  explicit TargetGrid(const std::vector<registry::ProtectedTarget>& targets) {
    for (const auto& t : targets) {
      if (!t.location) continue;
      cells_[Key(Cell(t.location->lon_deg), Cell(t.location->lat_deg))].push_back(
          {*t.location, std::max(t.day_population, t.night_population)});
    }
  }
  int PeopleWithin(const LonLat& p, double radius_m) const {
    const double lat_cells = radius_m / 111000.0 / kCellDeg;
    const double lon_cells = radius_m / (111000.0 * std::cos(p.lat_deg * 3.14159265358979 / 180.0)) / kCellDeg;
    const auto cx = Cell(p.lon_deg), cy = Cell(p.lat_deg);
    const auto rx = static_cast<std::int64_t>(std::ceil(lon_cells)), ry = static_cast<std::int64_t>(std::ceil(lat_cells));
    int total = 0;
    for (auto x = cx - rx; x <= cx + rx; ++x) {
      for (auto y = cy - ry; y <= cy + ry; ++y) {
        auto it = cells_.find(Key(x, y));
        if (it == cells_.end()) continue;
        for (const auto& t : it->second) {
          if (DistanceM(p, t.at) <= radius_m) total += t.people;
        }
      }
    }
    return total;
  }

  // People of the targets within `radius_m` of a unit's boundary (site outline): inside it, or at most
  // `radius_m` from one of its edges. Distances in a local plane around the boundary (equirectangular,
  // 1° = 111,195 m on the mean sphere of core/geo.h): over a few km the error is far below a metre.
  int PeopleWithin(const Polygon& boundary, double radius_m) const {
    if (boundary.rings.empty() || boundary.rings.front().empty()) return 0;
    const MultiPolygon area{{boundary}};
    const BoundingBox box = Bounds(area);
    const double lat0 = (box.min_lat + box.max_lat) / 2;
    constexpr double kMPerDeg = 111195.08;
    const double m_per_lon = kMPerDeg * std::cos(lat0 * 3.14159265358979 / 180.0);
    const double pad_lat = radius_m / 111000.0, pad_lon = radius_m / (111000.0 * std::cos(lat0 * 3.14159265358979 / 180.0));
    const auto x0 = Cell(box.min_lon - pad_lon), x1 = Cell(box.max_lon + pad_lon);
    const auto y0 = Cell(box.min_lat - pad_lat), y1 = Cell(box.max_lat + pad_lat);
    auto edge_distance_m = [&](const LonLat& p) {
      double best = std::numeric_limits<double>::infinity();
      for (const auto& ring : boundary.rings) {
        for (std::size_t i = 0; i < ring.size(); ++i) {
          const LonLat& a = ring[i];
          const LonLat& b = ring[(i + 1) % ring.size()];
          const double ax = (a.lon_deg - p.lon_deg) * m_per_lon, ay = (a.lat_deg - p.lat_deg) * kMPerDeg;
          const double bx = (b.lon_deg - p.lon_deg) * m_per_lon, by = (b.lat_deg - p.lat_deg) * kMPerDeg;
          const double dx = bx - ax, dy = by - ay, len2 = dx * dx + dy * dy;
          double t = len2 > 0 ? -(ax * dx + ay * dy) / len2 : 0;
          t = std::clamp(t, 0.0, 1.0);
          best = std::min(best, std::hypot(ax + t * dx, ay + t * dy));
        }
      }
      return best;
    };
    int total = 0;
    for (auto x = x0; x <= x1; ++x) {
      for (auto y = y0; y <= y1; ++y) {
        auto it = cells_.find(Key(x, y));
        if (it == cells_.end()) continue;
        for (const auto& t : it->second) {
          if (Contains(area, t.at) || edge_distance_m(t.at) <= radius_m) total += t.people;
        }
      }
    }
    return total;
  }

 private:
  static std::int64_t Cell(double deg) { return static_cast<std::int64_t>(std::floor(deg / kCellDeg)); }
  static std::int64_t Key(std::int64_t x, std::int64_t y) { return x * 1000003 + y; }
  std::unordered_map<std::int64_t, std::vector<TargetPoint>> cells_;
};

struct EnterpriseInfo {
  std::string uscc;
  std::string division;
  int sector = 0;
};

struct UnitWork {
  registry::Unit unit;
  std::vector<hazard::HoldingInput> holdings;  // labelled with the chemical key
  std::string last_change;  // latest valid_from of its current holdings
};

// What the engine needs of a chemical key, prepared once per key: its CAS when the key is one, and the
// catalogue's name (which chooses among Table 1 rows sharing a CAS, and names CAS-less substances).
struct KeyInput {
  std::string cas;
  std::string name;
};

// The assessment's inputs and contributions as compact JSON (stored with it, to explain and reproduce
// the grade): {"basis", "people", "holdings": [{"cas"|"name", "q_t", "Q_t", "beta", "category", "basis",
// "seq"}]}; holdings not assessed keep their inputs only. Written with fmt: 100,000 of them per run.
std::string DetailJson(const hazard::UnitInput& in, const hazard::Assessment* a) {
  std::string out;
  out.reserve(256);
  auto quoted = [&](std::string_view text) {
    out += '"';
    for (char ch : text) {
      if (ch == '"' || ch == '\\') out += '\\';
      if (static_cast<unsigned char>(ch) < 0x20) {
        fmt::format_to(std::back_inserter(out), "\\u{:04x}", static_cast<unsigned char>(ch));
        continue;
      }
      out += ch;
    }
    out += '"';
  };
  fmt::format_to(std::back_inserter(out), "{{\"basis\":\"{}\",\"people\":{},\"holdings\":[",
                 hazard::QuantityBasisCode(in.basis), in.exposed_population_500m);
  for (std::size_t i = 0; i < in.holdings.size(); ++i) {
    const auto& h = in.holdings[i];
    if (i > 0) out += ',';
    out += '{';
    out += h.cas.empty() ? "\"name\":" : "\"cas\":";
    quoted(h.cas.empty() ? h.name : h.cas);
    const hazard::Contribution* c = nullptr;
    if (a != nullptr) {
      for (const auto& x : a->contributions) c = (c == nullptr && x.label == h.label) ? &x : c;
      for (const auto& x : a->excluded) c = (c == nullptr && x.label == h.label) ? &x : c;
    }
    if (c != nullptr) {
      fmt::format_to(std::back_inserter(out), ",\"q_t\":{},\"Q_t\":{},\"beta\":{},\"basis\":\"{}\"", c->quantity_t,
                     c->critical_quantity_t, c->beta, c->basis);
      if (!c->category.empty()) fmt::format_to(std::back_inserter(out), ",\"category\":\"{}\"", c->category);
      if (c->table1_seq) fmt::format_to(std::back_inserter(out), ",\"seq\":{}", *c->table1_seq);
    } else {
      if (h.quantity_t) fmt::format_to(std::back_inserter(out), ",\"q_t\":{}", *h.quantity_t);
      if (h.volume_m3) fmt::format_to(std::back_inserter(out), ",\"volume_m3\":{}", *h.volume_m3);
      if (h.density_t_m3) fmt::format_to(std::back_inserter(out), ",\"density_t_m3\":{}", *h.density_t_m3);
      if (!h.category.empty()) fmt::format_to(std::back_inserter(out), ",\"category\":\"{}\"", h.category);
    }
    out += '}';
  }
  out += "]}";
  return out;
}

void Count(GradeCounts& c, const store::HazardAssessmentRecord& r) {
  if (!r.error.empty()) ++c.failed;
  else if (r.major_hazard && r.grade && *r.grade >= 1 && *r.grade <= 4) ++c.grade[*r.grade];
  else ++c.not_major;
}

// Seconds since 1970 of an ISO-8601 time as the stores write it: "2024-01-01T08:00:00+08:00" (holdings'
// valid_from, Shanghai time), "2024-01-01T00:00:00.000000Z" (assessments, UTC), or a date alone (taken as
// 00:00 Shanghai time, UTC+8, the registry's zone). Fractions of a second are dropped. Texts in two zones
// cannot be compared as strings. nullopt when the text is not such a time.
std::optional<std::int64_t> InstantSeconds(std::string_view t) {
  auto num = [&](std::size_t at, std::size_t n) -> std::optional<int> {
    if (t.size() < at + n) return std::nullopt;
    int v = 0;
    for (std::size_t i = at; i < at + n; ++i) {
      if (t[i] < '0' || t[i] > '9') return std::nullopt;
      v = v * 10 + (t[i] - '0');
    }
    return v;
  };
  auto y = num(0, 4), mo = num(5, 2), d = num(8, 2);
  if (!y || !mo || !d || t[4] != '-' || t[7] != '-') return std::nullopt;
  const std::chrono::year_month_day ymd{std::chrono::year{*y}, std::chrono::month{static_cast<unsigned>(*mo)},
                                        std::chrono::day{static_cast<unsigned>(*d)}};
  if (!ymd.ok()) return std::nullopt;
  std::int64_t s = std::chrono::sys_days{ymd}.time_since_epoch().count() * std::int64_t{86400};
  if (t.size() == 10) return s - 8 * 3600;
  auto h = num(11, 2), mi = num(14, 2), sec = num(17, 2);
  if (t[10] != 'T' || !h || !mi || !sec) return std::nullopt;
  s += *h * 3600 + *mi * 60 + *sec;
  std::size_t i = 19;
  if (i < t.size() && t[i] == '.') {
    ++i;
    while (i < t.size() && t[i] >= '0' && t[i] <= '9') ++i;
  }
  if (i == t.size() - 1 && t[i] == 'Z') return s;
  if (i + 6 == t.size() && (t[i] == '+' || t[i] == '-') && t[i + 3] == ':') {
    auto oh = num(i + 1, 2), om = num(i + 4, 2);
    if (!oh || !om) return std::nullopt;
    const std::int64_t offset = *oh * 3600 + *om * 60;
    return t[i] == '+' ? s - offset : s + offset;
  }
  return std::nullopt;
}

}  // namespace

std::string UtcNowText() {
  using namespace std::chrono;
  const auto now = time_point_cast<microseconds>(system_clock::now());
  const auto day = floor<days>(now);
  const year_month_day ymd{day};
  const hh_mm_ss tod{now - day};
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:06}Z", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()), tod.hours().count(),
                     tod.minutes().count(), tod.seconds().count(), tod.subseconds().count());
}

Result<HazardRunReport> AssessRegistry(store::RegistryStore& registry, store::HazardStore& hazards,
                                       const catalogue::Catalogue& catalogue, const HazardRunOptions& options) {
  const std::string at = options.at.empty() ? UtcNowText() : options.at;
  using Clock = std::chrono::steady_clock;
  auto seconds = [](Clock::time_point a, Clock::time_point b) { return std::chrono::duration<double>(b - a).count(); };
  const auto t_load = Clock::now();
  // Enterprises in scope.
  std::unordered_map<std::int64_t, EnterpriseInfo> enterprises;
  CHEMSAFE_RETURN_IF_ERROR(registry.ForEachEnterprise([&](const registry::Enterprise& e) {
    if (options.enterprise_uscc && e.uscc != *options.enterprise_uscc) return Status::Ok();
    if (options.division_prefix && e.division_code.rfind(*options.division_prefix, 0) != 0) return Status::Ok();
    enterprises.emplace(e.id, EnterpriseInfo{e.uscc, e.division_code, static_cast<int>(e.sector)});
    return Status::Ok();
  }));
  std::unordered_set<std::int64_t> wanted_units;
  if (options.unit_ids) wanted_units.insert(options.unit_ids->begin(), options.unit_ids->end());
  std::unordered_map<std::int64_t, UnitWork> units;
  CHEMSAFE_RETURN_IF_ERROR(registry.ForEachUnit([&](const registry::Unit& u) {
    if (options.unit_ids && !wanted_units.contains(u.id)) return Status::Ok();
    if (enterprises.contains(u.enterprise_id)) units[u.id].unit = u;
    return Status::Ok();
  }));
  std::unordered_map<std::string, KeyInput> keys;
  std::string key;
  CHEMSAFE_RETURN_IF_ERROR(hazards.ForEachCurrentHoldingInput([&](const store::HazardHoldingInput& h) {
    auto it = units.find(h.unit_id);
    if (it == units.end()) return Status::Ok();
    UnitWork& work = it->second;
    if (h.valid_from > work.last_change) work.last_change = h.valid_from;
    key.assign(h.chemical_key);
    auto k = keys.find(key);
    if (k == keys.end()) {
      KeyInput ki;
      if (Cas::Parse(key).ok()) ki.cas = key;
      const catalogue::Chemical* c = catalogue.FindByKey(key);
      ki.name = c != nullptr ? c->name_zh : key;
      k = keys.emplace(key, std::move(ki)).first;
    }
    hazard::HoldingInput& hi = work.holdings.emplace_back();
    hi.label = h.chemical_key;
    hi.cas = k->second.cas;
    hi.name = k->second.name;
    hi.category = h.gb18218_category;
    if (options.basis == hazard::QuantityBasis::kActual) {
      hi.quantity_t = h.typical_quantity_t;
    } else if (h.max_quantity_t) {
      hi.quantity_t = h.max_quantity_t;
    } else {
      hi.volume_m3 = h.max_volume_m3;
      hi.density_t_m3 = h.density_t_m3;
    }
    hi.state = h.state;
    // GB 18218-2018 Table 2 W5.2: key supervised hazardous processes, operating pressure > 1.6 MPa.
    hi.special_conditions = !work.unit.key_processes.empty() || (h.pressure_mpa && *h.pressure_mpa > 1.6);
    return Status::Ok();
  }));
  // The store reads holdings in no particular order: by chemical key, so a unit's inputs, its stored
  // detail and its first error do not depend on the table's layout.
  for (auto& [id, work] : units) {
    std::sort(work.holdings.begin(), work.holdings.end(),
              [](const hazard::HoldingInput& a, const hazard::HoldingInput& b) { return a.label < b.label; });
  }
  if (options.only_changed) {
    CHEMSAFE_ASSIGN_OR_RETURN(auto latest, hazards.Latest());
    for (const auto& l : latest) {
      auto it = units.find(l.unit_id);
      if (it == units.end()) continue;
      // Unchanged when every current holding began strictly before the assessment's second; a holding of
      // the same second, or a time that cannot be read, is taken as changed (re-assessed, never missed).
      // Ended holdings are not seen here (current holdings only): a re-run without only_changed covers them.
      const auto changed = InstantSeconds(it->second.last_change);
      const auto assessed = InstantSeconds(l.assessed_at);
      if (it->second.last_change.empty() || (changed && assessed && *changed < *assessed)) units.erase(it);
    }
  }
  CHEMSAFE_ASSIGN_OR_RETURN(auto targets, registry.ListProtectedTargets());
  const TargetGrid grid(targets);

  HazardRunReport report;
  const auto t_assess = Clock::now();
  report.load_s = seconds(t_load, t_assess);
  hazard::ResolutionCache cache;
  std::vector<store::HazardAssessmentRecord> records;
  records.reserve(units.size());
  std::vector<std::pair<std::int64_t, UnitWork*>> order;
  for (auto& [id, w] : units) order.emplace_back(id, &w);
  std::sort(order.begin(), order.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (const auto& [id, work] : order) {
    const registry::Unit& u = work->unit;
    const EnterpriseInfo& ent = enterprises.at(u.enterprise_id);
    store::HazardAssessmentRecord rec;
    rec.unit_id = u.id;
    rec.assessed_at = at;
    rec.basis = static_cast<int>(options.basis);
    hazard::UnitInput in;
    in.id = ent.uscc + "/" + u.code;
    in.basis = options.basis;
    std::string error;
    if (u.boundary && !u.boundary->rings.empty() && u.boundary->rings.front().size() >= 3) {
      in.exposed_population_500m = grid.PeopleWithin(*u.boundary, kExposureRadiusM);
      rec.exposed_source = "computed";
      ++report.exposure_computed;
    } else if (u.location) {
      in.exposed_population_500m = grid.PeopleWithin(*u.location, kExposureRadiusM);
      rec.exposed_source = "computed";
      ++report.exposure_computed;
    } else if (u.declared_exposed_people) {
      in.exposed_population_500m = *u.declared_exposed_people;
      rec.exposed_source = "declared";
      ++report.exposure_declared;
    } else {
      rec.exposed_source = "none";
      ++report.exposure_missing;
      error = in.id + ": no location and no declared headcount within 500 m (GB 18218-2018 Table 5 needs it)";
    }
    rec.exposed_people = in.exposed_population_500m;
    in.holdings = std::move(work->holdings);
    if (error.empty()) {
      auto a = hazard::AssessUnit(in, catalogue, catalogue.gb18218(), &cache);
      if (a.ok()) {
        rec.edition = a->edition;
        rec.major_hazard = a->major_hazard;
        rec.sum_ratio = a->sum_ratio;
        rec.alpha = a->alpha;
        rec.r = a->r;
        rec.grade = a->grade;
        rec.detail = DetailJson(in, &*a);
      } else {
        error = in.id + " " + a.status().message();  // the engine names the holding by its chemical key
      }
    }
    if (!error.empty()) {
      rec.edition = catalogue.gb18218().edition;
      rec.error = error;
      rec.detail = DetailJson(in, nullptr);
      if (report.failures.size() < 20) report.failures.push_back(error);
    }
    if (rec.major_hazard) {
      // 2021 包保 rules: each MHI has a principal, a technical and an operational responsible person.
      static constexpr std::pair<registry::PersonRole, const char*> kRoles[] = {
          {registry::PersonRole::kPrincipal, "主要负责人"},
          {registry::PersonRole::kTechnical, "技术负责人"},
          {registry::PersonRole::kOperational, "操作负责人"}};
      for (const auto& [role, name] : kRoles) {
        bool found = false;
        for (const auto& p : u.responsible) found = found || (p.role == role && !p.name.empty());
        if (!found) report.missing_responsible.push_back(in.id + ": " + name);
      }
    }
    Count(report.all, rec);
    Count(report.by_city[ent.division.substr(0, 4)], rec);
    Count(report.by_county[ent.division.substr(0, 6)], rec);
    Count(report.by_sector[ent.sector], rec);
    records.push_back(std::move(rec));
  }
  report.units_assessed = static_cast<std::int64_t>(records.size());
  const auto t_save = Clock::now();
  report.assess_s = seconds(t_assess, t_save);
  CHEMSAFE_ASSIGN_OR_RETURN(report.events, hazards.SaveAssessments(records));
  report.save_s = seconds(t_save, Clock::now());
  return report;
}

Result<HazardRunReport> ReassessUnits(store::RegistryStore& registry, store::HazardStore& hazards,
                                      const catalogue::Catalogue& catalogue, std::vector<std::int64_t> unit_ids,
                                      HazardRunOptions options) {
  options.unit_ids = std::move(unit_ids);
  return AssessRegistry(registry, hazards, catalogue, options);
}

std::vector<RankedArea> RankByMajorHazards(const std::map<std::string, GradeCounts>& areas) {
  std::vector<RankedArea> out;
  out.reserve(areas.size());
  for (const auto& [key, counts] : areas) out.push_back({key, counts});
  std::stable_sort(out.begin(), out.end(), [](const RankedArea& a, const RankedArea& b) {
    const auto ka = std::tuple(a.counts.major(), a.counts.grade[1], a.counts.grade[2], a.counts.grade[3]);
    const auto kb = std::tuple(b.counts.major(), b.counts.grade[1], b.counts.grade[2], b.counts.grade[3]);
    return ka > kb;  // std::map order already sorts ties by key
  });
  return out;
}

namespace {

// 2021 包保 rules (危险化学品重大危险源企业安全包保责任制): each MHI has a principal, a technical and an
// operational responsible person.
std::vector<std::string> MissingResponsible(const registry::Unit& u) {
  static constexpr std::pair<registry::PersonRole, const char*> kRoles[] = {
      {registry::PersonRole::kPrincipal, "主要负责人"},
      {registry::PersonRole::kTechnical, "技术负责人"},
      {registry::PersonRole::kOperational, "操作负责人"}};
  std::vector<std::string> out;
  for (const auto& [role, name] : kRoles) {
    bool found = false;
    for (const auto& p : u.responsible) found = found || (p.role == role && !p.name.empty());
    if (!found) out.emplace_back(name);
  }
  return out;
}

}  // namespace

Result<std::vector<MhiEntry>> ListMajorHazards(store::RegistryStore& registry, store::HazardStore& hazards) {
  CHEMSAFE_ASSIGN_OR_RETURN(auto latest, hazards.Latest());
  std::unordered_map<std::int64_t, const store::HazardLatest*> major;
  for (const auto& l : latest) {
    if (l.major_hazard && !l.failed && l.grade) major.emplace(l.unit_id, &l);
  }
  std::vector<MhiEntry> out;
  CHEMSAFE_RETURN_IF_ERROR(registry.ForEachUnit([&](const registry::Unit& u) {
    auto it = major.find(u.id);
    if (it == major.end()) return Status::Ok();
    MhiEntry e;
    e.unit_id = u.id;
    e.enterprise_uscc = u.enterprise_uscc;
    e.unit_code = u.code;
    e.unit_name = u.name;
    e.grade = *it->second->grade;
    e.assessment_id = it->second->assessment_id;
    e.assessed_at = it->second->assessed_at;
    e.missing_responsible = MissingResponsible(u);
    out.push_back(std::move(e));
    return Status::Ok();
  }));
  for (auto& e : out) {
    CHEMSAFE_ASSIGN_OR_RETURN(e.filing, hazards.Filing(e.unit_id));
  }
  std::stable_sort(out.begin(), out.end(), [](const MhiEntry& a, const MhiEntry& b) {
    return std::tie(a.grade, a.enterprise_uscc, a.unit_code) < std::tie(b.grade, b.enterprise_uscc, b.unit_code);
  });
  return out;
}

Status RecordFiling(store::HazardStore& hazards, const store::MhiFiling& filing) {
  if (filing.status == store::FilingStatus::kFiled && filing.filing_date.empty()) {
    return InvalidArgument("filing_date: required when filed (已备案)");
  }
  if (!filing.filing_date.empty()) {
    if (auto d = Date::Parse(filing.filing_date); !d.ok()) return d.status().WithContext("filing_date");
  }
  if (!filing.next_reassessment_due.empty()) {
    if (auto d = Date::Parse(filing.next_reassessment_due); !d.ok()) {
      return d.status().WithContext("next_reassessment_due");
    }
  }
  CHEMSAFE_ASSIGN_OR_RETURN(auto latest, hazards.Latest());
  for (const auto& l : latest) {
    if (l.unit_id != filing.unit_id) continue;
    if (l.major_hazard && !l.failed) return hazards.SetFiling(filing);
    break;
  }
  return FailedPrecondition("unit " + std::to_string(filing.unit_id) +
                            ": not a major hazard installation in its latest assessment (GB 18218-2018)");
}

}  // namespace chemsafe::service
