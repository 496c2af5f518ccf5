// Encodes the list- and shape-valued fields of registry records as the JSON text stored in one column
// (module-private): activities as an array of their integer codes, licences and responsible persons
// as arrays of objects, key processes as an array of names, polygons as GeoJSON Polygon geometries
// (RFC 7946 §3.1.6, [lon, lat] positions). Decoding failures name the column. Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "chemsafe/core/geo.h"
#include "chemsafe/core/result.h"
#include "chemsafe/registry/model.h"

namespace chemsafe::store::internal {

std::string EncodeActivities(const std::vector<registry::Activity>& v);
Result<std::vector<registry::Activity>> DecodeActivities(std::string_view json);

std::string EncodeLicences(const std::vector<registry::Licence>& v);
Result<std::vector<registry::Licence>> DecodeLicences(std::string_view json);

std::string EncodePersons(const std::vector<registry::ResponsiblePerson>& v);
Result<std::vector<registry::ResponsiblePerson>> DecodePersons(std::string_view json);

std::string EncodeStrings(const std::vector<std::string>& v);
Result<std::vector<std::string>> DecodeStrings(std::string_view json);

std::string EncodePolygon(const Polygon& p);
Result<Polygon> DecodePolygon(std::string_view geojson);

}  // namespace chemsafe::store::internal
