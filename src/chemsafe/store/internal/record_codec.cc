#include "chemsafe/store/internal/record_codec.h"

#include <nlohmann/json.hpp>

namespace chemsafe::store::internal {
namespace {

using nlohmann::json;

Result<json> Parse(std::string_view text, std::string_view what) {
  json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return Internal("stored " + std::string(what) + " is not valid JSON");
  return j;
}

// Reads a member as a string, tolerating its absence (older rows, hand-edited data).
std::string Str(const json& o, const char* key) {
  auto it = o.find(key);
  return it != o.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

std::string EncodeActivities(const std::vector<registry::Activity>& v) {
  json a = json::array();
  for (registry::Activity x : v) a.push_back(static_cast<int>(x));
  return a.dump();
}

Result<std::vector<registry::Activity>> DecodeActivities(std::string_view text) {
  CHEMSAFE_ASSIGN_OR_RETURN(json j, Parse(text, "enterprises.activities"));
  std::vector<registry::Activity> out;
  if (!j.is_array()) return Internal("stored enterprises.activities is not an array");
  for (const json& x : j) {
    if (!x.is_number_integer()) return Internal("stored enterprises.activities holds a non-integer");
    out.push_back(static_cast<registry::Activity>(x.get<int>()));
  }
  return out;
}

std::string EncodeLicences(const std::vector<registry::Licence>& v) {
  json a = json::array();
  for (const auto& l : v) {
    a.push_back({{"type", l.type}, {"number", l.number}, {"valid_from", l.valid_from}, {"valid_to", l.valid_to}});
  }
  return a.dump();
}

Result<std::vector<registry::Licence>> DecodeLicences(std::string_view text) {
  CHEMSAFE_ASSIGN_OR_RETURN(json j, Parse(text, "enterprises.licences"));
  if (!j.is_array()) return Internal("stored enterprises.licences is not an array");
  std::vector<registry::Licence> out;
  for (const json& o : j) {
    if (!o.is_object()) return Internal("stored enterprises.licences holds a non-object");
    out.push_back({Str(o, "type"), Str(o, "number"), Str(o, "valid_from"), Str(o, "valid_to")});
  }
  return out;
}

std::string EncodePersons(const std::vector<registry::ResponsiblePerson>& v) {
  json a = json::array();
  for (const auto& p : v) a.push_back({{"role", static_cast<int>(p.role)}, {"name", p.name}, {"phone", p.phone}});
  return a.dump();
}

Result<std::vector<registry::ResponsiblePerson>> DecodePersons(std::string_view text) {
  CHEMSAFE_ASSIGN_OR_RETURN(json j, Parse(text, "units.responsible"));
  if (!j.is_array()) return Internal("stored units.responsible is not an array");
  std::vector<registry::ResponsiblePerson> out;
  for (const json& o : j) {
    if (!o.is_object() || !o.contains("role") || !o["role"].is_number_integer()) {
      return Internal("stored units.responsible holds an entry without an integer role");
    }
    out.push_back({static_cast<registry::PersonRole>(o["role"].get<int>()), Str(o, "name"), Str(o, "phone")});
  }
  return out;
}

std::string EncodeStrings(const std::vector<std::string>& v) { return json(v).dump(); }

Result<std::vector<std::string>> DecodeStrings(std::string_view text) {
  CHEMSAFE_ASSIGN_OR_RETURN(json j, Parse(text, "units.key_processes"));
  if (!j.is_array()) return Internal("stored units.key_processes is not an array");
  std::vector<std::string> out;
  for (const json& x : j) {
    if (!x.is_string()) return Internal("stored units.key_processes holds a non-string");
    out.push_back(x.get<std::string>());
  }
  return out;
}

std::string EncodePolygon(const Polygon& p) {
  json rings = json::array();
  for (const auto& ring : p.rings) {
    json r = json::array();
    for (const LonLat& q : ring) r.push_back(json::array({q.lon_deg, q.lat_deg}));
    rings.push_back(std::move(r));
  }
  return json{{"type", "Polygon"}, {"coordinates", std::move(rings)}}.dump();
}

Result<Polygon> DecodePolygon(std::string_view text) {
  CHEMSAFE_ASSIGN_OR_RETURN(json j, Parse(text, "polygon"));
  if (!j.is_object() || Str(j, "type") != "Polygon" || !j.contains("coordinates") || !j["coordinates"].is_array()) {
    return Internal("stored polygon is not a GeoJSON Polygon");
  }
  Polygon p;
  for (const json& ring : j["coordinates"]) {
    if (!ring.is_array()) return Internal("stored polygon has a ring that is not an array");
    std::vector<LonLat> r;
    for (const json& pos : ring) {
      if (!pos.is_array() || pos.size() < 2 || !pos[0].is_number() || !pos[1].is_number()) {
        return Internal("stored polygon has a position that is not [lon, lat]");
      }
      r.push_back({pos[0].get<double>(), pos[1].get<double>()});
    }
    p.rings.push_back(std::move(r));
  }
  return p;
}

}  // namespace chemsafe::store::internal
