// Registry export (CSV, XLSX, GeoJSON) and the import templates (registry_io.h).
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <unordered_map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "chemsafe/registry/names.h"
#include "chemsafe/service/registry_io.h"
#include "chemsafe/service/registry_io_cells.h"
#include "chemsafe/service/registry_io_columns.h"
#include "chemsafe/tabular/table_writer.h"

namespace chemsafe::service {
namespace {

using io::Field;
using tabular::Cell;

Cell Text(std::string_view s) { return s.empty() ? Cell::Empty() : Cell::Text(s); }
Cell Num(const std::optional<double>& v) { return v ? Cell::Number(*v) : Cell::Empty(); }

std::string Join(const std::vector<std::string>& items, std::string_view sep) {
  std::string out;
  for (const auto& i : items) {
    if (!out.empty()) out += sep;
    out += i;
  }
  return out;
}

// The English property keys of GeoJSON features.
std::string_view PropertyKey(Field f) {
  switch (f) {
    case Field::kUscc: return "uscc";
    case Field::kEnterpriseName: return "name";
    case Field::kLegalRepresentative: return "legal_representative";
    case Field::kDivision: return "division_code";
    case Field::kAddress: return "address";
    case Field::kLon: return "lon";
    case Field::kLat: return "lat";
    case Field::kActivities: return "activities";
    case Field::kSector: return "sector";
    case Field::kPark: return "park_code";
    case Field::kLicenceType: return "licence_type";
    case Field::kLicenceNumber: return "licence_number";
    case Field::kLicenceFrom: return "licence_valid_from";
    case Field::kLicenceTo: return "licence_valid_to";
    case Field::kProvenance: return "provenance";
    case Field::kUnitCode: return "unit_code";
    case Field::kUnitName: return "name";
    case Field::kUnitKind: return "kind";
    case Field::kBoundary: return "boundary_wkt";
    case Field::kExposedPeople: return "declared_exposed_people";
    case Field::kPrincipal: return "principal";
    case Field::kPrincipalPhone: return "principal_phone";
    case Field::kTechnical: return "technical";
    case Field::kTechnicalPhone: return "technical_phone";
    case Field::kOperational: return "operational";
    case Field::kOperationalPhone: return "operational_phone";
    case Field::kKeyProcesses: return "key_processes";
    case Field::kCas: return "cas";
    case Field::kChemicalName: return "chemical_name";
    case Field::kMaxQuantity: return "max_quantity_t";
    case Field::kMaxVolume: return "max_volume_m3";
    case Field::kDensity: return "density_t_m3";
    case Field::kTypicalQuantity: return "typical_quantity_t";
    case Field::kState: return "physical_state";
    case Field::kTemperature: return "temperature_c";
    case Field::kPressure: return "pressure_mpa";
    case Field::kCategory: return "gb18218_category";
    case Field::kTargetCode: return "code";
    case Field::kTargetName: return "name";
    case Field::kTargetClass: return "class";
    case Field::kTargetKind: return "kind";
    case Field::kArea: return "area_wkt";
    case Field::kDayPopulation: return "day_population";
    case Field::kNightPopulation: return "night_population";
    case Field::kCount: break;
  }
  return "?";
}

std::optional<double> Lon(const std::optional<LonLat>& p) {
  return p ? std::optional<double>(p->lon_deg) : std::nullopt;
}
std::optional<double> Lat(const std::optional<LonLat>& p) {
  return p ? std::optional<double>(p->lat_deg) : std::nullopt;
}

Cell LicenceCell(const registry::Enterprise& e, std::string registry::Licence::*member) {
  std::vector<std::string> items;
  for (const auto& l : e.licences) items.push_back(l.*member);
  return Text(Join(items, ";"));
}

std::pair<Cell, Cell> PersonCells(const registry::Unit& u, registry::PersonRole role) {
  std::vector<std::string> names, phones;
  bool any_phone = false;
  for (const auto& p : u.responsible) {
    if (p.role != role) continue;
    names.push_back(p.name);
    phones.push_back(p.phone);
    any_phone = any_phone || !p.phone.empty();
  }
  return {Text(Join(names, ";")), any_phone ? Text(Join(phones, ";")) : Cell::Empty()};
}

// A CAS-like key (digits-digits-digit) is written in the CAS column; a name key (煤气) is not.
bool LooksLikeCas(std::string_view key) {
  if (key.empty()) return false;
  for (char c : key) {
    if (!(c == '-' || (c >= '0' && c <= '9'))) return false;
  }
  return true;
}

void CellsOf(const registry::Enterprise& e, std::span<const io::Column> cols, std::vector<Cell>& out) {
  out.clear();
  for (const auto& c : cols) {
    switch (c.field) {
      case Field::kUscc: out.push_back(Text(e.uscc)); break;
      case Field::kEnterpriseName: out.push_back(Text(e.name)); break;
      case Field::kLegalRepresentative: out.push_back(Text(e.legal_representative)); break;
      case Field::kDivision: out.push_back(Text(e.division_code)); break;
      case Field::kAddress: out.push_back(Text(e.address)); break;
      case Field::kLon: out.push_back(Num(Lon(e.location))); break;
      case Field::kLat: out.push_back(Num(Lat(e.location))); break;
      case Field::kActivities: {
        std::vector<std::string> names;
        for (auto a : e.activities) names.emplace_back(registry::ActivityName(a));
        out.push_back(Text(Join(names, "、")));
        break;
      }
      case Field::kSector: out.push_back(Text(registry::SectorName(e.sector))); break;
      case Field::kPark: out.push_back(Text(e.park_code)); break;
      case Field::kLicenceType: out.push_back(LicenceCell(e, &registry::Licence::type)); break;
      case Field::kLicenceNumber: out.push_back(LicenceCell(e, &registry::Licence::number)); break;
      case Field::kLicenceFrom: out.push_back(LicenceCell(e, &registry::Licence::valid_from)); break;
      case Field::kLicenceTo: out.push_back(LicenceCell(e, &registry::Licence::valid_to)); break;
      case Field::kProvenance: out.push_back(Text(registry::ProvenanceName(e.provenance))); break;
      default: out.push_back(Cell::Empty());
    }
  }
}

void CellsOf(const registry::Unit& u, std::span<const io::Column> cols, std::vector<Cell>& out) {
  out.clear();
  for (const auto& c : cols) {
    switch (c.field) {
      case Field::kUscc: out.push_back(Text(u.enterprise_uscc)); break;
      case Field::kUnitCode: out.push_back(Text(u.code)); break;
      case Field::kUnitName: out.push_back(Text(u.name)); break;
      case Field::kUnitKind: out.push_back(Text(registry::UnitKindName(u.kind))); break;
      case Field::kLon: out.push_back(Num(Lon(u.location))); break;
      case Field::kLat: out.push_back(Num(Lat(u.location))); break;
      case Field::kBoundary: out.push_back(u.boundary ? Text(io::WktPolygon(*u.boundary)) : Cell::Empty()); break;
      case Field::kExposedPeople:
        out.push_back(u.declared_exposed_people ? Cell::Number(*u.declared_exposed_people) : Cell::Empty());
        break;
      case Field::kPrincipal: out.push_back(PersonCells(u, registry::PersonRole::kPrincipal).first); break;
      case Field::kPrincipalPhone: out.push_back(PersonCells(u, registry::PersonRole::kPrincipal).second); break;
      case Field::kTechnical: out.push_back(PersonCells(u, registry::PersonRole::kTechnical).first); break;
      case Field::kTechnicalPhone: out.push_back(PersonCells(u, registry::PersonRole::kTechnical).second); break;
      case Field::kOperational: out.push_back(PersonCells(u, registry::PersonRole::kOperational).first); break;
      case Field::kOperationalPhone: out.push_back(PersonCells(u, registry::PersonRole::kOperational).second); break;
      case Field::kKeyProcesses: out.push_back(Text(Join(u.key_processes, "、"))); break;
      case Field::kProvenance: out.push_back(Text(registry::ProvenanceName(u.provenance))); break;
      default: out.push_back(Cell::Empty());
    }
  }
}

void CellsOf(const registry::Holding& h, std::span<const io::Column> cols, std::vector<Cell>& out) {
  out.clear();
  bool cas = LooksLikeCas(h.chemical_key);
  for (const auto& c : cols) {
    switch (c.field) {
      case Field::kUscc: out.push_back(Text(h.enterprise_uscc)); break;
      case Field::kUnitCode: out.push_back(Text(h.unit_code)); break;
      case Field::kCas: out.push_back(cas ? Text(h.chemical_key) : Cell::Empty()); break;
      case Field::kChemicalName: out.push_back(Text(h.chemical_name.empty() ? h.chemical_key : h.chemical_name)); break;
      case Field::kMaxQuantity: out.push_back(Num(h.max_quantity_t)); break;
      case Field::kMaxVolume: out.push_back(Num(h.max_volume_m3)); break;
      case Field::kDensity: out.push_back(Num(h.density_t_m3)); break;
      case Field::kTypicalQuantity: out.push_back(Num(h.typical_quantity_t)); break;
      case Field::kState: out.push_back(Text(registry::PhysicalStateName(h.state))); break;
      case Field::kTemperature: out.push_back(Num(h.temperature_c)); break;
      case Field::kPressure: out.push_back(Num(h.pressure_mpa)); break;
      case Field::kCategory: out.push_back(Text(h.gb18218_category)); break;
      case Field::kProvenance: out.push_back(Text(registry::ProvenanceName(h.provenance))); break;
      default: out.push_back(Cell::Empty());
    }
  }
}

void CellsOf(const registry::ProtectedTarget& t, std::span<const io::Column> cols, std::vector<Cell>& out) {
  out.clear();
  for (const auto& c : cols) {
    switch (c.field) {
      case Field::kTargetCode: out.push_back(Text(t.code)); break;
      case Field::kTargetName: out.push_back(Text(t.name)); break;
      case Field::kTargetClass: out.push_back(Text(registry::TargetClassName(t.target_class))); break;
      case Field::kTargetKind: out.push_back(Text(t.kind)); break;
      case Field::kDivision: out.push_back(Text(t.division_code)); break;
      case Field::kLon: out.push_back(Num(Lon(t.location))); break;
      case Field::kLat: out.push_back(Num(Lat(t.location))); break;
      case Field::kArea: out.push_back(t.area ? Text(io::WktPolygon(*t.area)) : Cell::Empty()); break;
      case Field::kDayPopulation: out.push_back(Cell::Number(t.day_population)); break;
      case Field::kNightPopulation: out.push_back(Cell::Number(t.night_population)); break;
      case Field::kProvenance: out.push_back(Text(registry::ProvenanceName(t.provenance))); break;
      default: out.push_back(Cell::Empty());
    }
  }
}

// Sink for rows: a table writer or a GeoJSON feature stream.
class RowSink {
 public:
  virtual ~RowSink() = default;
  virtual Status Row(const std::vector<Cell>& cells, const std::optional<LonLat>& where) = 0;
  virtual Status Close() = 0;
};

class TableSink final : public RowSink {
 public:
  explicit TableSink(std::unique_ptr<tabular::TableWriter> w) : w_(std::move(w)) {}
  Status Row(const std::vector<Cell>& cells, const std::optional<LonLat>&) override { return w_->WriteRow(cells); }
  Status Close() override { return w_->Close(); }

 private:
  std::unique_ptr<tabular::TableWriter> w_;
};

// RFC 7946: a FeatureCollection; positions [longitude, latitude] in WGS-84 (§4); a feature without a
// location has a null geometry (§3.2).
class GeoJsonSink final : public RowSink {
 public:
  GeoJsonSink(std::string path, std::FILE* f, std::span<const io::Column> cols)
      : path_(std::move(path)), f_(f), cols_(cols) {
    std::fputs("{\"type\":\"FeatureCollection\",\"features\":[\n", f_);
  }
  ~GeoJsonSink() override {
    if (f_ != nullptr) std::fclose(f_);
  }
  Status Row(const std::vector<Cell>& cells, const std::optional<LonLat>& where) override {
    nlohmann::json feature = {{"type", "Feature"}};
    if (where) {
      feature["geometry"] = {{"type", "Point"}, {"coordinates", {where->lon_deg, where->lat_deg}}};
    } else {
      feature["geometry"] = nullptr;
    }
    nlohmann::json props = nlohmann::json::object();
    for (std::size_t i = 0; i < cols_.size() && i < cells.size(); ++i) {
      Field f = cols_[i].field;
      if (f == Field::kLon || f == Field::kLat) continue;  // in the geometry
      const Cell& c = cells[i];
      std::string key(PropertyKey(f));
      if (c.kind == Cell::Kind::kText) props[key] = c.text;
      else if (c.kind == Cell::Kind::kNumber) props[key] = c.number;
      else props[key] = nullptr;
    }
    feature["properties"] = std::move(props);
    std::string text = (first_ ? "" : ",\n") + feature.dump();
    first_ = false;
    if (std::fwrite(text.data(), 1, text.size(), f_) != text.size()) {
      return Unavailable(fmt::format("{}: write failed", path_));
    }
    return Status::Ok();
  }
  Status Close() override {
    std::fputs("\n]}\n", f_);
    bool ok = std::ferror(f_) == 0;
    ok = std::fclose(f_) == 0 && ok;
    f_ = nullptr;
    return ok ? Status::Ok() : Unavailable(fmt::format("{}: write failed", path_));
  }

 private:
  std::string path_;
  std::FILE* f_;
  std::span<const io::Column> cols_;
  bool first_ = true;
};

std::vector<std::string> Headers(std::span<const io::Column> cols) {
  std::vector<std::string> out;
  for (const auto& c : cols) out.emplace_back(c.header);
  return out;
}

Result<std::unique_ptr<RowSink>> OpenSink(RecordKind kind, ExportFormat format, const std::string& path,
                                          const ExportOptions& options) {
  auto cols = io::ColumnsOf(kind);
  if (format == ExportFormat::kGeoJson) {
    std::FILE* f = std::fopen(path.c_str(), "wb");
    if (f == nullptr) return Unavailable(fmt::format("{}: cannot create", path));
    return std::unique_ptr<RowSink>(std::make_unique<GeoJsonSink>(path, f, cols));
  }
  std::unique_ptr<tabular::TableWriter> w;
  if (format == ExportFormat::kCsv) {
    CHEMSAFE_ASSIGN_OR_RETURN(w, tabular::CreateCsvWriter(path, {.byte_order_mark = options.csv_byte_order_mark}));
  } else {
    CHEMSAFE_ASSIGN_OR_RETURN(w, tabular::CreateXlsxWriter(path, {.sheet_name = std::string(io::SheetNameOf(kind))}));
  }
  CHEMSAFE_RETURN_IF_ERROR(w->WriteHeader(Headers(cols)));
  return std::unique_ptr<RowSink>(std::make_unique<TableSink>(std::move(w)));
}

}  // namespace

Result<ExportFormat> ParseExportFormat(std::string_view text) {
  if (text == "csv") return ExportFormat::kCsv;
  if (text == "xlsx") return ExportFormat::kXlsx;
  if (text == "geojson" || text == "json") return ExportFormat::kGeoJson;
  return InvalidArgument(fmt::format("unknown format \"{}\": expected csv, xlsx or geojson", text));
}

Result<std::int64_t> ExportRecords(store::RegistryStore& store, RecordKind kind, ExportFormat format,
                                   const std::string& path, const ExportOptions& options) {
  auto cols = io::ColumnsOf(kind);
  // Holdings are placed at their unit's location.
  std::unordered_map<std::int64_t, std::optional<LonLat>> unit_location;
  if (kind == RecordKind::kHoldings && format == ExportFormat::kGeoJson) {
    CHEMSAFE_RETURN_IF_ERROR(store.ForEachUnit([&](const registry::Unit& u) {
      unit_location[u.id] = u.location;
      return Status::Ok();
    }));
  }
  CHEMSAFE_ASSIGN_OR_RETURN(auto sink, OpenSink(kind, format, path, options));
  std::vector<Cell> cells;
  std::int64_t n = 0;
  Status s;
  switch (kind) {
    case RecordKind::kEnterprises:
      s = store.ForEachEnterprise([&](const registry::Enterprise& e) {
        CellsOf(e, cols, cells);
        ++n;
        return sink->Row(cells, e.location);
      });
      break;
    case RecordKind::kUnits:
      s = store.ForEachUnit([&](const registry::Unit& u) {
        CellsOf(u, cols, cells);
        ++n;
        return sink->Row(cells, u.location);
      });
      break;
    case RecordKind::kHoldings:
      s = store.ForEachCurrentHolding([&](const registry::Holding& h) {
        CellsOf(h, cols, cells);
        ++n;
        auto it = unit_location.find(h.unit_id);
        return sink->Row(cells, it == unit_location.end() ? std::nullopt : it->second);
      });
      break;
    case RecordKind::kProtectedTargets: {
      auto targets = store.ListProtectedTargets();
      if (!targets.ok()) return targets.status();
      for (const auto& t : *targets) {
        CellsOf(t, cols, cells);
        ++n;
        s = sink->Row(cells, t.location);
        if (!s.ok()) break;
      }
      break;
    }
  }
  CHEMSAFE_RETURN_IF_ERROR(s);
  CHEMSAFE_RETURN_IF_ERROR(sink->Close());
  return n;
}

Status WriteTemplate(RecordKind kind, const std::string& path) {
  auto cols = io::ColumnsOf(kind);
  CHEMSAFE_ASSIGN_OR_RETURN(auto w, tabular::CreateXlsxWriter(path, {.sheet_name = std::string(io::SheetNameOf(kind))}));
  // Widths before the rows: in constant-memory mode the sheet is streamed.
  for (std::size_t i = 0; i < cols.size(); ++i) {
    CHEMSAFE_RETURN_IF_ERROR(w->SetColumnWidth(static_cast<int>(i), std::max<double>(12, static_cast<double>(cols[i].header.size()))));
  }
  CHEMSAFE_RETURN_IF_ERROR(w->WriteHeader(Headers(cols)));
  CHEMSAFE_RETURN_IF_ERROR(w->StartSheet("填写说明"));
  const double widths[] = {22, 8, 10, 60, 30, 40};
  for (int i = 0; i < 6; ++i) CHEMSAFE_RETURN_IF_ERROR(w->SetColumnWidth(i, widths[i]));
  CHEMSAFE_RETURN_IF_ERROR(w->WriteHeader({"列名", "必填", "单位", "说明及允许值", "示例", "也接受的列名"}));
  for (const auto& c : cols) {
    std::string aliases(c.aliases);
    std::replace(aliases.begin(), aliases.end(), '|', ',');
    CHEMSAFE_RETURN_IF_ERROR(w->WriteRow({Text(c.header), Text(c.required ? "是" : "否"), Text(c.unit), Text(c.help),
                                          Text(c.example), Text(aliases)}));
  }
  return w->Close();
}

}  // namespace chemsafe::service
