#include "chemsafe/registry/validate.h"

#include <cmath>
#include <tuple>

#include <fmt/format.h>

#include "chemsafe/core/calendar.h"
#include "chemsafe/core/geo.h"

namespace chemsafe::registry {
namespace {

void Add(std::vector<FieldProblem>& out, std::string_view field, std::string message) {
  out.push_back({field, std::move(message)});
}

void CheckUscc(std::string_view field, const std::string& uscc, std::vector<FieldProblem>& out) {
  if (uscc.empty()) {
    Add(out, field, "统一社会信用代码 is missing");
    return;
  }
  auto r = Uscc::Parse(uscc);
  if (!r.ok()) Add(out, field, r.status().message());
}

void CheckLocation(std::string_view field, const std::optional<LonLat>& p, std::vector<FieldProblem>& out) {
  if (p && !InChinaExtent(*p)) {
    Add(out, field, fmt::format("({}, {}) is outside China (lon 73.33..135.05, lat 3.51..53.56)", p->lon_deg,
                                p->lat_deg));
  }
}

void CheckPolygon(std::string_view field, const std::optional<Polygon>& poly, std::vector<FieldProblem>& out) {
  if (!poly) return;
  if (poly->rings.empty()) {
    Add(out, field, "the polygon has no ring");
    return;
  }
  for (const auto& ring : poly->rings) {
    // RFC 7946 §3.1.6 / OGC SFA: a linear ring is closed and has at least four positions.
    if (ring.size() < 4 || !(ring.front() == ring.back())) {
      Add(out, field, "a polygon ring needs at least 4 points and must end where it starts");
      return;
    }
    for (const auto& p : ring) {
      if (!InChinaExtent(p)) {
        Add(out, field, fmt::format("polygon point ({}, {}) is outside China", p.lon_deg, p.lat_deg));
        return;
      }
    }
  }
}

void CheckDivision(std::string_view field, const std::string& code, const DivisionTable& divisions,
                   int min_level, std::vector<FieldProblem>& out) {
  if (code.empty()) {
    Add(out, field, "行政区划代码 is missing");
    return;
  }
  auto r = DivisionCode::Parse(code, divisions);
  if (!r.ok()) {
    Add(out, field, r.status().message());
  } else if (r->level() < min_level) {
    Add(out, field, fmt::format("{} is a province or city; give the county (6 digits) or township (9 digits)", code));
  }
}

}  // namespace

void ValidateEnterprise(const Enterprise& e, const DivisionTable& divisions, std::vector<FieldProblem>& out) {
  CheckUscc("uscc", e.uscc, out);
  if (e.name.empty()) Add(out, "name", "企业名称 is missing");
  // Model (registry/model.h): the enterprise sits in a county or township.
  CheckDivision("division_code", e.division_code, divisions, 3, out);
  CheckLocation("location", e.location, out);
  if (e.activities.empty()) Add(out, "activities", "at least one activity is needed");
  for (const auto& l : e.licences) {
    if (l.type.empty() || l.number.empty()) Add(out, "licences", "a licence needs its type and its number");
    std::optional<Date> from, to;
    if (!l.valid_from.empty()) {
      auto d = Date::Parse(l.valid_from);
      if (d.ok()) from = *d; else Add(out, "licences", fmt::format("valid from: {}", d.status().message()));
    }
    if (!l.valid_to.empty()) {
      auto d = Date::Parse(l.valid_to);
      if (d.ok()) to = *d; else Add(out, "licences", fmt::format("valid to: {}", d.status().message()));
    }
    if (from && to && *to < *from) {
      Add(out, "licences", fmt::format("licence {} ends ({}) before it starts ({})", l.number, l.valid_to, l.valid_from));
    }
  }
}

void ValidateUnit(const Unit& u, std::vector<FieldProblem>& out) {
  CheckUscc("enterprise_uscc", u.enterprise_uscc, out);
  if (u.code.empty()) Add(out, "code", "单元编码 is missing");
  if (u.name.empty()) Add(out, "name", "单元名称 is missing");
  CheckLocation("location", u.location, out);
  CheckPolygon("boundary", u.boundary, out);
  if (u.declared_exposed_people && *u.declared_exposed_people < 0) {
    Add(out, "declared_exposed_people", "the number of people cannot be negative");
  }
  for (const auto& p : u.responsible) {
    if (p.name.empty()) Add(out, "responsible", "a responsible person needs a name");
  }
}

void ValidateHolding(const Holding& h, std::vector<FieldProblem>& out) {
  CheckUscc("enterprise_uscc", h.enterprise_uscc, out);
  if (h.unit_code.empty()) Add(out, "unit_code", "单元编码 is missing");
  if (h.chemical_key.empty()) Add(out, "chemical_key", "the chemical is missing");
  ValidateHoldingValues(h, out);
}

void ValidateHoldingValues(const Holding& h, std::vector<FieldProblem>& out) {
  if (!h.max_quantity_t && !h.max_volume_m3) {
    Add(out, "max_quantity_t", "the design maximum quantity (t) or volume (m³) is missing");
  }
  if (h.max_quantity_t && !(*h.max_quantity_t > 0)) {
    Add(out, "max_quantity_t", fmt::format("the quantity must be positive, not {}", *h.max_quantity_t));
  }
  if (h.max_volume_m3 && !(*h.max_volume_m3 > 0)) {
    Add(out, "max_volume_m3", fmt::format("the volume must be positive, not {}", *h.max_volume_m3));
  }
  if (h.max_volume_m3 && !h.max_quantity_t && !h.density_t_m3) {
    Add(out, "density_t_m3", "a quantity given as a volume needs the density (t/m³) to become a mass");
  }
  // Densest element, osmium, 22.59 t/m³ (CRC Handbook of Chemistry and Physics): 25 bounds any substance.
  if (h.density_t_m3 && !(*h.density_t_m3 > 0 && *h.density_t_m3 <= 25)) {
    Add(out, "density_t_m3", fmt::format("the density must be in (0, 25] t/m³, not {}", *h.density_t_m3));
  }
  if (h.typical_quantity_t) {
    if (*h.typical_quantity_t < 0) {
      Add(out, "typical_quantity_t", fmt::format("the quantity cannot be negative, not {}", *h.typical_quantity_t));
    } else if (h.max_quantity_t && *h.typical_quantity_t > *h.max_quantity_t) {
      Add(out, "typical_quantity_t", fmt::format("the typical quantity {} t exceeds the design maximum {} t",
                                                 *h.typical_quantity_t, *h.max_quantity_t));
    }
  }
  // Absolute zero, -273.15 °C (ISO 80000-5).
  if (h.temperature_c && !(*h.temperature_c >= -273.15)) {
    Add(out, "temperature_c", fmt::format("{} °C is below absolute zero", *h.temperature_c));
  }
  // Gauge pressure cannot be below full vacuum, -0.101325 MPa (standard atmosphere, ISO 2533).
  if (h.pressure_mpa && !(*h.pressure_mpa >= -0.101325)) {
    Add(out, "pressure_mpa", fmt::format("{} MPa is below full vacuum", *h.pressure_mpa));
  }
  if (!h.gb18218_category.empty() && !IsGb18218Category(h.gb18218_category)) {
    Add(out, "gb18218_category",
        fmt::format("\"{}\" is not a GB 18218-2018 Table 2 category (J1..J5, W1.1..W11)", h.gb18218_category));
  }
}

void ValidateProtectedTarget(const ProtectedTarget& t, const DivisionTable& divisions,
                             std::vector<FieldProblem>& out) {
  if (t.code.empty()) Add(out, "code", "目标编码 is missing");
  if (t.name.empty()) Add(out, "name", "名称 is missing");
  if (!t.division_code.empty()) CheckDivision("division_code", t.division_code, divisions, 1, out);
  if (!t.location && !t.area) Add(out, "location", "the location (longitude, latitude) is missing");
  CheckLocation("location", t.location, out);
  CheckPolygon("area", t.area, out);
  if (t.day_population < 0) Add(out, "day_population", "the number of people cannot be negative");
  if (t.night_population < 0) Add(out, "night_population", "the number of people cannot be negative");
}

bool IsGb18218Category(std::string_view symbol) {
  // GB 18218-2018 Table 2 (data/gb18218_2018/gb18218_2018_table2_hazard_categories.csv).
  static constexpr std::string_view kSymbols[] = {
      "J1",   "J2",   "J3",   "J4",   "J5",   "W1.1", "W1.2", "W1.3", "W2",   "W3",   "W4",  "W5.1",
      "W5.2", "W5.3", "W5.4", "W6.1", "W6.2", "W7.1", "W7.2", "W8",   "W9.1", "W9.2", "W10", "W11"};
  for (auto s : kSymbols) {
    if (s == symbol) return true;
  }
  return false;
}

namespace {
bool SamePolygon(const std::optional<Polygon>& a, const std::optional<Polygon>& b) {
  if (a.has_value() != b.has_value()) return false;
  return !a || a->rings == b->rings;
}
auto LicenceTie(const Licence& l) { return std::tie(l.type, l.number, l.valid_from, l.valid_to); }
auto PersonTie(const ResponsiblePerson& p) { return std::tie(p.role, p.name, p.phone); }
}  // namespace

bool SameContent(const Enterprise& a, const Enterprise& b) {
  if (a.licences.size() != b.licences.size() || a.activities != b.activities) return false;
  for (std::size_t i = 0; i < a.licences.size(); ++i) {
    if (LicenceTie(a.licences[i]) != LicenceTie(b.licences[i])) return false;
  }
  return std::tie(a.uscc, a.name, a.legal_representative, a.division_code, a.address, a.location, a.sector,
                  a.park_code, a.provenance) ==
         std::tie(b.uscc, b.name, b.legal_representative, b.division_code, b.address, b.location, b.sector,
                  b.park_code, b.provenance);
}

bool SameContent(const Unit& a, const Unit& b) {
  if (a.responsible.size() != b.responsible.size()) return false;
  for (std::size_t i = 0; i < a.responsible.size(); ++i) {
    if (PersonTie(a.responsible[i]) != PersonTie(b.responsible[i])) return false;
  }
  return SamePolygon(a.boundary, b.boundary) &&
         std::tie(a.enterprise_uscc, a.code, a.name, a.kind, a.location, a.declared_exposed_people,
                  a.key_processes, a.provenance) ==
             std::tie(b.enterprise_uscc, b.code, b.name, b.kind, b.location, b.declared_exposed_people,
                      b.key_processes, b.provenance);
}

bool SameContent(const Holding& a, const Holding& b) {
  return std::tie(a.enterprise_uscc, a.unit_code, a.chemical_key, a.chemical_name, a.max_quantity_t,
                  a.typical_quantity_t, a.max_volume_m3, a.density_t_m3, a.state, a.temperature_c, a.pressure_mpa,
                  a.gb18218_category, a.provenance) ==
         std::tie(b.enterprise_uscc, b.unit_code, b.chemical_key, b.chemical_name, b.max_quantity_t,
                  b.typical_quantity_t, b.max_volume_m3, b.density_t_m3, b.state, b.temperature_c, b.pressure_mpa,
                  b.gb18218_category, b.provenance);
}

bool SameContent(const ProtectedTarget& a, const ProtectedTarget& b) {
  return SamePolygon(a.area, b.area) &&
         std::tie(a.code, a.name, a.target_class, a.kind, a.division_code, a.location, a.day_population,
                  a.night_population, a.provenance) ==
             std::tie(b.code, b.name, b.target_class, b.kind, b.division_code, b.location, b.day_population,
                      b.night_population, b.provenance);
}

}  // namespace chemsafe::registry
