#include "chemsafe/service/hazard_service.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <iterator>
#include <limits>
#include <optional>
#include <string_view>
#include <thread>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include <fmt/compile.h>
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

// 2021 包保 rules (危险化学品重大危险源企业安全包保责任制): each MHI has a principal, a technical and an
// operational responsible person.
constexpr std::pair<registry::PersonRole, const char*> kResponsibleRoles[] = {
    {registry::PersonRole::kPrincipal, "主要负责人"},
    {registry::PersonRole::kTechnical, "技术负责人"},
    {registry::PersonRole::kOperational, "操作负责人"}};

struct EnterpriseInfo {
  std::string uscc;
  // The report's counts of its city, county and sector (std::map nodes: stable addresses).
  GradeCounts* city = nullptr;
  GradeCounts* county = nullptr;
  GradeCounts* sector = nullptr;
};

// What a run keeps of a unit in scope: who it is, its exposure (Table 5) and what the 包保 check needs.
struct UnitInfo {
  const EnterpriseInfo* enterprise = nullptr;
  std::string code;
  bool key_processes = false;  // runs a key supervised hazardous process (Table 2 W5.2)
  int people = 0;
  std::string_view exposed_source = "none";
  unsigned responsible_roles = 0;  // bit (1 << PersonRole) per named responsible person
};

// A distinct substance as the holdings name it, with everything its resolution reads but the unit's
// processes: resolved once per run however many units hold it.
struct Substance {
  std::string chemical_key;
  std::string category;
  registry::PhysicalState state = registry::PhysicalState::kLiquid;
  bool high_pressure = false;  // operating pressure > 1.6 MPa (Table 2 W5.2)
};

// One current holding as a run keeps it: 48 bytes instead of the engine's strings.
struct HoldingRow {
  std::int64_t unit_id = 0;
  std::uint32_t substance = 0;  // index into the run's substances
  std::optional<double> quantity_t, volume_m3, density_t_m3;
};

// The holdings side of a run, read on its own thread and connection while the registry side is read.
struct HoldingsRead {
  Status status;
  std::vector<HoldingRow> rows;  // by unit id, then chemical key (OrderRows)
  std::vector<Substance> substances;
  std::unordered_map<std::int64_t, std::string> last_change;  // only_changed: latest valid_from per unit
  std::unordered_map<std::int64_t, std::string> assessed_at;  // only_changed: latest assessment per unit
  double seconds = 0;
};

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

// Orders the rows read in the table's order by unit, then by chemical key (bytewise, as std::string
// compares), so that a unit's inputs, its stored detail and its first error do not depend on the
// table's layout. Rows come mostly grouped by unit (an import writes a unit's holdings together): then
// only each unit's few rows are sorted.
void OrderRows(HoldingsRead& read) {
  std::vector<std::uint32_t> by_key(read.substances.size());
  for (std::uint32_t i = 0; i < by_key.size(); ++i) by_key[i] = i;
  std::sort(by_key.begin(), by_key.end(), [&](std::uint32_t a, std::uint32_t b) {
    return read.substances[a].chemical_key < read.substances[b].chemical_key;
  });
  std::vector<std::uint32_t> rank(by_key.size());
  for (std::uint32_t i = 0; i < by_key.size(); ++i) rank[by_key[i]] = i;
  auto less = [&](const HoldingRow& a, const HoldingRow& b) {
    return a.unit_id != b.unit_id ? a.unit_id < b.unit_id : rank[a.substance] < rank[b.substance];
  };
  std::vector<HoldingRow>& rows = read.rows;
  bool grouped = true;
  for (std::size_t i = 1; i < rows.size() && grouped; ++i) grouped = rows[i - 1].unit_id <= rows[i].unit_id;
  if (!grouped) {
    std::sort(rows.begin(), rows.end(), less);
    return;
  }
  for (std::size_t begin = 0, end = 0; begin < rows.size(); begin = end) {
    while (end < rows.size() && rows[end].unit_id == rows[begin].unit_id) ++end;
    std::sort(rows.begin() + static_cast<std::ptrdiff_t>(begin), rows.begin() + static_cast<std::ptrdiff_t>(end),
              less);
  }
}

HoldingsRead ReadHoldings(store::HazardStore& hazards, const HazardRunOptions& options) {
  const auto t0 = std::chrono::steady_clock::now();
  HoldingsRead out;
  std::unordered_map<std::string, std::uint32_t, StringHash, std::equal_to<>> index;
  std::string key;
  out.status = hazards.ForEachCurrentHoldingInput([&](const store::HazardHoldingInput& h) {
    const bool high_pressure = h.pressure_mpa && *h.pressure_mpa > 1.6;
    key.assign(h.chemical_key);
    key += '\x1f';
    key += h.gb18218_category;
    key += '\x1f';
    key += static_cast<char>('0' + static_cast<int>(h.state));
    key += high_pressure ? '1' : '0';
    auto it = index.find(key);
    if (it == index.end()) {
      it = index.emplace(key, static_cast<std::uint32_t>(out.substances.size())).first;
      out.substances.push_back(
          {std::string(h.chemical_key), std::string(h.gb18218_category), h.state, high_pressure});
    }
    HoldingRow& row = out.rows.emplace_back();
    row.unit_id = h.unit_id;
    row.substance = it->second;
    if (options.basis == hazard::QuantityBasis::kActual) {
      row.quantity_t = h.typical_quantity_t;
    } else if (h.max_quantity_t) {
      row.quantity_t = h.max_quantity_t;
    } else {
      row.volume_m3 = h.max_volume_m3;
      row.density_t_m3 = h.density_t_m3;
    }
    if (options.only_changed) {
      std::string& last = out.last_change[h.unit_id];
      if (h.valid_from > last) last.assign(h.valid_from);
    }
    return Status::Ok();
  }, store::HoldingInputColumns{.typical_quantity = options.basis == hazard::QuantityBasis::kActual,
                                .valid_from = options.only_changed});
  if (out.status.ok()) OrderRows(out);
  if (out.status.ok() && options.only_changed) {
    auto latest = hazards.Latest();
    if (!latest.ok()) {
      out.status = latest.status();
    } else {
      for (auto& l : *latest) out.assessed_at.emplace(l.unit_id, std::move(l.assessed_at));
    }
  }
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return out;
}

void AppendQuoted(std::string& out, std::string_view text) {
  out += '"';
  for (char ch : text) {
    if (static_cast<unsigned char>(ch) < 0x20) {
      fmt::format_to(std::back_inserter(out), "\\u{:04x}", static_cast<unsigned char>(ch));
      continue;
    }
    if (ch == '"' || ch == '\\') out += '\\';
    out += ch;
  }
  out += '"';
}

// A substance as the engine resolved it for a run, with its JSON pieces for the stored detail.
struct Resolved {
  std::optional<Result<hazard::Contribution>> contribution;  // unset until first needed
  std::string name_json;  // "\"cas\":\"7782-50-5\"" or "\"name\":\"…\""
  std::string tail_json;  // ",\"Q_t\":5,\"beta\":4,\"basis\":\"table1\",\"seq\":12}"
};

// The assessment's inputs and contributions as compact JSON, stored with it to explain and reproduce the
// grade: {"basis", "people", "holdings": [{"cas"|"name", "q_t", "Q_t", "beta", "basis", "category",
// "seq"}]}; the holdings of a unit that could not be assessed keep their inputs only ("q_t" or
// "volume_m3" and "density_t_m3", "category").
void BeginDetail(std::string& out, hazard::QuantityBasis basis, int people) {
  out.clear();
  fmt::format_to(std::back_inserter(out), "{{\"basis\":\"{}\",\"people\":{},\"holdings\":[",
                 hazard::QuantityBasisCode(basis), people);
}

void AppendInputDetail(std::string& out, const Resolved& r, const Substance& s, const HoldingRow& h) {
  if (out.back() != '[') out += ',';
  out += '{';
  out += r.name_json;
  if (h.quantity_t) fmt::format_to(std::back_inserter(out), ",\"q_t\":{}", *h.quantity_t);
  if (h.volume_m3) fmt::format_to(std::back_inserter(out), ",\"volume_m3\":{}", *h.volume_m3);
  if (h.density_t_m3) fmt::format_to(std::back_inserter(out), ",\"density_t_m3\":{}", *h.density_t_m3);
  if (!s.category.empty()) {
    out += ",\"category\":";
    AppendQuoted(out, s.category);
  }
  out += '}';
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

std::string UtcNowText() { return UtcText(std::chrono::system_clock::now()); }

Result<HazardRunReport> AssessRegistry(store::RegistryStore& registry, store::HazardStore& hazards,
                                       const catalogue::Catalogue& catalogue, const HazardRunOptions& options) {
  const std::string at = options.at.empty() ? UtcNowText() : options.at;
  using Clock = std::chrono::steady_clock;
  auto seconds = [](Clock::time_point a, Clock::time_point b) { return std::chrono::duration<double>(b - a).count(); };
  const auto t_load = Clock::now();
  HazardRunReport report;
  // The holdings on their own thread and connection (the stores are separate: one thread each), the
  // registry's enterprises, units and protected targets on this one.
  HoldingsRead holdings;
  std::thread reader([&] { holdings = ReadHoldings(hazards, options); });
  std::unordered_map<std::int64_t, EnterpriseInfo> enterprises;
  std::unordered_map<std::int64_t, UnitInfo> units;
  Status registry_read = [&]() -> Status {
    CHEMSAFE_RETURN_IF_ERROR(registry.ForEachEnterprise([&](const registry::Enterprise& e) {
      if (options.enterprise_uscc && e.uscc != *options.enterprise_uscc) return Status::Ok();
      if (options.division_prefix && e.division_code.rfind(*options.division_prefix, 0) != 0) return Status::Ok();
      enterprises.emplace(e.id, EnterpriseInfo{e.uscc, &report.by_city[e.division_code.substr(0, 4)],
                                               &report.by_county[e.division_code.substr(0, 6)],
                                               &report.by_sector[static_cast<int>(e.sector)]});
      return Status::Ok();
    }));
    CHEMSAFE_ASSIGN_OR_RETURN(auto targets, registry.ListProtectedTargets());
    const TargetGrid grid(targets);
    std::unordered_set<std::int64_t> wanted_units;
    if (options.unit_ids) wanted_units.insert(options.unit_ids->begin(), options.unit_ids->end());
    return registry.ForEachUnit([&](const registry::Unit& u) {
      if (options.unit_ids && !wanted_units.contains(u.id)) return Status::Ok();
      auto e = enterprises.find(u.enterprise_id);
      if (e == enterprises.end()) return Status::Ok();
      UnitInfo& info = units[u.id];
      info.enterprise = &e->second;
      info.code = u.code;
      info.key_processes = !u.key_processes.empty();
      for (const auto& p : u.responsible) {
        if (!p.name.empty()) info.responsible_roles |= 1u << static_cast<unsigned>(p.role);
      }
      // GB 18218-2018 Table 5: the people within 500 m of the unit.
      if (u.boundary && !u.boundary->rings.empty() && u.boundary->rings.front().size() >= 3) {
        info.people = grid.PeopleWithin(*u.boundary, kExposureRadiusM);
        info.exposed_source = "computed";
      } else if (u.location) {
        info.people = grid.PeopleWithin(*u.location, kExposureRadiusM);
        info.exposed_source = "computed";
      } else if (u.declared_exposed_people) {
        info.people = *u.declared_exposed_people;
        info.exposed_source = "declared";
      }
      return Status::Ok();
    });
  }();
  reader.join();
  CHEMSAFE_RETURN_IF_ERROR(registry_read);
  CHEMSAFE_RETURN_IF_ERROR(holdings.status);
  report.holdings_read_s = holdings.seconds;

  // The units to assess, by id; with only_changed, those whose holdings changed since their latest
  // assessment and those never assessed. Unchanged when every current holding began strictly before
  // the assessment's second; a holding of the same second, or a time that cannot be read, is taken as
  // changed (re-assessed, never missed). Ended holdings are not seen here (current holdings only): a
  // re-run without only_changed covers them.
  std::vector<std::pair<std::int64_t, const UnitInfo*>> order;
  order.reserve(units.size());
  for (const auto& [id, info] : units) {
    if (options.only_changed) {
      if (auto assessed = holdings.assessed_at.find(id); assessed != holdings.assessed_at.end()) {
        auto last = holdings.last_change.find(id);
        if (last == holdings.last_change.end()) continue;
        const auto changed = InstantSeconds(last->second);
        const auto when = InstantSeconds(assessed->second);
        if (changed && when && *changed < *when) continue;
      }
    }
    order.emplace_back(id, &info);
  }
  std::sort(order.begin(), order.end(), [](const auto& a, const auto& b) { return a.first < b.first; });

  const auto t_assess = Clock::now();
  report.load_s = seconds(t_load, t_assess);
  const catalogue::Gb18218Tables& tables = catalogue.gb18218();
  // Each substance resolved once per run, with and without the unit's special conditions (W5.2),
  // before the units are assessed on several threads (which then only read these).
  std::vector<Resolved> resolved(holdings.substances.size() * 2);
  for (std::uint32_t index = 0; index < holdings.substances.size(); ++index) {
    for (const bool special : {false, true}) {
      Resolved& r = resolved[index * 2 + (special ? 1 : 0)];
      const Substance& s = holdings.substances[index];
      hazard::HoldingInput in;
      in.label = s.chemical_key;
      if (Cas::Parse(s.chemical_key).ok()) in.cas = s.chemical_key;
      const catalogue::Chemical* c = catalogue.FindByKey(s.chemical_key);
      in.name = c != nullptr ? c->name_zh : s.chemical_key;
      in.category = s.category;
      in.state = s.state;
      in.special_conditions = special;
      r.contribution = hazard::ResolveSubstance(in, catalogue, tables);
      r.name_json = in.cas.empty() ? "\"name\":" : "\"cas\":";
      AppendQuoted(r.name_json, in.cas.empty() ? in.name : in.cas);
      if (r.contribution->ok()) {
        const hazard::Contribution& k = r.contribution->value();
        fmt::format_to(std::back_inserter(r.tail_json), ",\"Q_t\":{},\"beta\":{},\"basis\":\"{}\"",
                       k.critical_quantity_t, k.beta, k.basis);
        if (!k.category.empty()) fmt::format_to(std::back_inserter(r.tail_json), ",\"category\":\"{}\"", k.category);
        if (k.table1_seq) fmt::format_to(std::back_inserter(r.tail_json), ",\"seq\":{}", *k.table1_seq);
      }
      r.tail_json += '}';
    }
  }
  auto resolution = [&](const UnitInfo& unit, std::uint32_t index) -> const Resolved& {
    return resolved[index * 2 + (unit.key_processes || holdings.substances[index].high_pressure ? 1 : 0)];
  };

  // Each unit's holdings: rows[span[i].first], …, rows[span[i].second - 1] belong to order[i].
  const std::vector<HoldingRow>& rows = holdings.rows;
  std::vector<std::pair<std::size_t, std::size_t>> span(order.size());
  for (std::size_t i = 0, next = 0; i < order.size(); ++i) {
    while (next < rows.size() && rows[next].unit_id < order[i].first) ++next;
    span[i].first = next;
    while (next < rows.size() && rows[next].unit_id == order[i].first) ++next;
    span[i].second = next;
  }
  std::vector<store::HazardAssessmentRecord> records(order.size());
  std::vector<std::string> labels(order.size());  // "USCC/unit code"
  auto assess = [&](std::size_t from, std::size_t to) {
    std::string detail;
    for (std::size_t u = from; u < to; ++u) {
      const auto& [id, info] = order[u];
      const auto [begin, end] = span[u];
      const std::string& unit_label = labels[u] = info->enterprise->uscc + "/" + info->code;
      store::HazardAssessmentRecord& rec = records[u];
      rec.unit_id = id;
      rec.assessed_at = at;
      rec.basis = static_cast<int>(options.basis);
      rec.exposed_people = info->people;
      rec.exposed_source = std::string(info->exposed_source);
      std::string error;  // from the engine, naming the holding by its chemical key
      if (info->exposed_source == "none") {
        error = ": no location and no declared headcount within 500 m (GB 18218-2018 Table 5 needs it)";
      }
      // The engine's order of checks (hazard::AssessUnit): each holding's substance, then its quantity.
      hazard::RatioSums sums;
      BeginDetail(detail, options.basis, info->people);
      for (std::size_t i = begin; i < end && error.empty(); ++i) {
        const HoldingRow& h = rows[i];
        const Resolved& r = resolution(*info, h.substance);
        if (!r.contribution->ok()) {
          error = r.contribution->status().message();
          break;
        }
        auto q = hazard::QuantityOf(holdings.substances[h.substance].chemical_key, h.quantity_t, h.volume_m3,
                                    h.density_t_m3);
        if (!q.ok()) {
          error = q.status().message();
          break;
        }
        const hazard::Contribution& k = r.contribution->value();
        if (k.basis != hazard::kNotApplicable) sums.Add(q->tonnes / k.critical_quantity_t, k.beta);
        if (detail.back() != '[') detail += ',';
        detail += '{';
        detail += r.name_json;
        detail += ",\"q_t\":";
        fmt::format_to(std::back_inserter(detail), FMT_COMPILE("{}"), q->tonnes);
        detail += r.tail_json;
      }
      if (error.empty()) {
        auto a = hazard::Conclude(unit_label, info->people, options.basis, sums, tables);
        if (a.ok()) {
          rec.edition = a->edition;
          rec.major_hazard = a->major_hazard;
          rec.sum_ratio = a->sum_ratio;
          rec.alpha = a->alpha;
          rec.r = a->r;
          rec.grade = a->grade;
          detail += "]}";
          rec.detail = detail;
        } else {
          error = a.status().message();
        }
      }
      if (!error.empty()) {
        error.insert(0, error.front() == ':' ? unit_label : unit_label + " ");
        rec.edition = tables.edition;
        rec.error = std::move(error);
        BeginDetail(detail, options.basis, info->people);
        for (std::size_t i = begin; i < end; ++i) {
          const HoldingRow& h = rows[i];
          AppendInputDetail(detail, resolution(*info, h.substance), holdings.substances[h.substance], h);
        }
        detail += "]}";
        rec.detail = detail;
      }
    }
  };
  // Two threads: the machines this runs on have two cores or more, and the work is the same per unit.
  const std::size_t half = order.size() / 2;
  std::thread second([&] { assess(half, order.size()); });
  assess(0, half);
  second.join();

  for (std::size_t u = 0; u < order.size(); ++u) {
    const UnitInfo& info = *order[u].second;
    const store::HazardAssessmentRecord& rec = records[u];
    ++(info.exposed_source == "computed"   ? report.exposure_computed
       : info.exposed_source == "declared" ? report.exposure_declared
                                           : report.exposure_missing);
    if (!rec.error.empty() && report.failures.size() < 20) report.failures.push_back(rec.error);
    if (rec.major_hazard) {
      // 2021 包保 rules: each MHI has a principal, a technical and an operational responsible person.
      for (const auto& [role, name] : kResponsibleRoles) {
        if ((info.responsible_roles & (1u << static_cast<unsigned>(role))) == 0) {
          if (++report.missing_responsible_count <= 20) report.missing_responsible.push_back(labels[u] + ": " + name);
        }
      }
    }
    Count(report.all, rec);
    Count(*info.enterprise->city, rec);
    Count(*info.enterprise->county, rec);
    Count(*info.enterprise->sector, rec);
  }
  for (auto* areas : {&report.by_city, &report.by_county}) {
    std::erase_if(*areas, [](const auto& area) { return area.second.total() == 0; });
  }
  std::erase_if(report.by_sector, [](const auto& sector) { return sector.second.total() == 0; });
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

std::vector<std::string> MissingResponsible(const registry::Unit& u) {
  std::vector<std::string> out;
  for (const auto& [role, name] : kResponsibleRoles) {
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
