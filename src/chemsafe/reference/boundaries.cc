#include "chemsafe/reference/boundaries.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace chemsafe::reference {
namespace {

using nlohmann::json;

Result<json> ReadJson(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFound(fmt::format("{}: cannot open", path));
  std::stringstream buf;
  buf << in.rdbuf();
  try {
    return json::parse(buf.str());
  } catch (const json::parse_error& e) {
    return InvalidArgument(fmt::format("{}: not valid JSON at byte {}: {}", path, e.byte, e.what()));
  }
}

// adcode is a number in most features and a string in the single-feature files.
Result<std::string> CodeText(const json& v, const std::string& at) {
  if (v.is_number_integer()) return std::to_string(v.get<long long>());
  if (v.is_string() && !v.get<std::string>().empty()) return v.get<std::string>();
  return InvalidArgument(at + " must be a number or a non-empty string");
}

Result<LonLat> GcjPoint(const json& v, const std::string& at) {
  if (!v.is_array() || v.size() < 2 || !v[0].is_number() || !v[1].is_number()) {
    return InvalidArgument(at + " must be [lon, lat]");
  }
  LonLat gcj{v[0].get<double>(), v[1].get<double>()};
  if (!InChinaExtent(gcj)) {
    return InvalidArgument(fmt::format("{}: ({}, {}) is outside China", at, gcj.lon_deg, gcj.lat_deg));
  }
  return Gcj02ToWgs84(gcj);
}

// "center" is [lon, lat] in most features and "lon,lat" in the single-feature files.
Result<LonLat> CentreOf(const json& v, const std::string& at) {
  if (v.is_string()) {
    const std::string s = v.get<std::string>();
    auto comma = s.find(',');
    if (comma == std::string::npos) return InvalidArgument(at + " must be \"lon,lat\"");
    try {
      return GcjPoint(json::array({std::stod(s.substr(0, comma)), std::stod(s.substr(comma + 1))}), at);
    } catch (const std::exception&) {
      return InvalidArgument(at + " must be \"lon,lat\"");
    }
  }
  return GcjPoint(v, at);
}

Result<Polygon> PolygonOf(const json& rings, const std::string& at) {
  if (!rings.is_array() || rings.empty()) return InvalidArgument(at + " must be a non-empty array of rings");
  Polygon poly;
  for (size_t r = 0; r < rings.size(); ++r) {
    const std::string rat = fmt::format("{}[{}]", at, r);
    if (!rings[r].is_array() || rings[r].size() < 4) {
      return InvalidArgument(rat + " must be a ring of at least 4 positions (RFC 7946 §3.1.6)");
    }
    std::vector<LonLat> ring;
    ring.reserve(rings[r].size());
    for (size_t i = 0; i < rings[r].size(); ++i) {
      CHEMSAFE_ASSIGN_OR_RETURN(LonLat p, GcjPoint(rings[r][i], fmt::format("{}[{}]", rat, i)));
      ring.push_back(p);
    }
    poly.rings.push_back(std::move(ring));
  }
  return poly;
}

Result<MultiPolygon> GeometryOf(const json& g, const std::string& at) {
  if (!g.is_object() || !g.contains("type") || !g.contains("coordinates")) {
    return InvalidArgument(at + " must be a geometry with type and coordinates");
  }
  const std::string type = g["type"].is_string() ? g["type"].get<std::string>() : "";
  const json& coords = g["coordinates"];
  MultiPolygon m;
  if (type == "Polygon") {
    CHEMSAFE_ASSIGN_OR_RETURN(Polygon p, PolygonOf(coords, at + ".coordinates"));
    m.polygons.push_back(std::move(p));
  } else if (type == "MultiPolygon") {
    if (!coords.is_array() || coords.empty()) return InvalidArgument(at + ".coordinates must be a non-empty array");
    for (size_t i = 0; i < coords.size(); ++i) {
      CHEMSAFE_ASSIGN_OR_RETURN(Polygon p, PolygonOf(coords[i], fmt::format("{}.coordinates[{}]", at, i)));
      m.polygons.push_back(std::move(p));
    }
  } else {
    return InvalidArgument(fmt::format("{}.type is \"{}\"; expected Polygon or MultiPolygon", at, type));
  }
  return m;
}

// Reads one FeatureCollection. `level` is the level given to every feature; `parent_adcode` is used
// when a feature does not name its parent.
Status ReadCollection(const std::string& path, int level, const std::string& parent_adcode,
                      std::vector<AreaBoundary>& out) {
  CHEMSAFE_ASSIGN_OR_RETURN(json doc, ReadJson(path));
  if (!doc.is_object() || !doc.contains("features") || !doc["features"].is_array()) {
    return InvalidArgument(path + ": $.features must be an array");
  }
  const json& features = doc["features"];
  for (size_t i = 0; i < features.size(); ++i) {
    const std::string at = fmt::format("{}: $.features[{}]", path, i);
    const json& f = features[i];
    if (!f.is_object() || !f.contains("properties") || !f["properties"].is_object()) {
      return InvalidArgument(at + ".properties must be an object");
    }
    const json& props = f["properties"];
    AreaBoundary b;
    b.level = level;
    if (!props.contains("adcode")) return InvalidArgument(at + ".properties.adcode is missing");
    CHEMSAFE_ASSIGN_OR_RETURN(b.adcode, CodeText(props["adcode"], at + ".properties.adcode"));
    if (!props.contains("name") || !props["name"].is_string()) {
      return InvalidArgument(at + ".properties.name must be a string");
    }
    b.name = props["name"].get<std::string>();
    b.parent_adcode = parent_adcode;
    if (props.contains("parent") && props["parent"].is_object() && props["parent"].contains("adcode")) {
      CHEMSAFE_ASSIGN_OR_RETURN(b.parent_adcode,
                                CodeText(props["parent"]["adcode"], at + ".properties.parent.adcode"));
    }
    if (!props.contains("center")) return InvalidArgument(at + ".properties.center is missing");
    CHEMSAFE_ASSIGN_OR_RETURN(b.centre_wgs84, CentreOf(props["center"], at + ".properties.center"));
    if (!f.contains("geometry")) return InvalidArgument(at + ".geometry is missing");
    CHEMSAFE_ASSIGN_OR_RETURN(b.area_wgs84, GeometryOf(f["geometry"], at + ".geometry"));
    out.push_back(std::move(b));
  }
  return Status::Ok();
}

}  // namespace

Result<std::vector<AreaBoundary>> LoadGuangdongCities(const std::string& data_dir) {
  std::vector<AreaBoundary> out;
  CHEMSAFE_RETURN_IF_ERROR(
      ReadCollection(data_dir + "/geo_guangdong/440000_guangdong_cities.json", 2, "440000", out));
  if (out.empty()) return InvalidArgument(data_dir + "/geo_guangdong/440000_guangdong_cities.json: no features");
  return out;
}

Result<std::vector<AreaBoundary>> LoadGuangdongCounties(const std::string& data_dir) {
  const std::filesystem::path dir = std::filesystem::path(data_dir) / "geo_guangdong" / "cities";
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (entry.is_regular_file() && entry.path().extension() == ".json") files.push_back(entry.path());
  }
  if (ec) return NotFound(fmt::format("{}: cannot list boundary files: {}", dir.string(), ec.message()));
  if (files.empty()) return NotFound(fmt::format("{}: no boundary files", dir.string()));
  std::sort(files.begin(), files.end());
  std::vector<AreaBoundary> out;
  for (const auto& f : files) {
    // The file is named for its city (cities/440300.json); single-feature files name no parent.
    CHEMSAFE_RETURN_IF_ERROR(ReadCollection(f.string(), 3, f.stem().string(), out));
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const AreaBoundary& a, const AreaBoundary& b) { return a.adcode < b.adcode; });
  return out;
}

}  // namespace chemsafe::reference
