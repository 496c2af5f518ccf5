// Loader of the Guangdong city and county boundaries shipped in data/geo_guangdong/ (Aliyun
// DataV.GeoAtlas via lyhmyd1211/GeoMapData_CN; see data/PROVENANCE.md §3). The source coordinates are
// AMap-derived GCJ-02; every point is converted to WGS-84 on load (DESIGN.md §5: convert at the edge).
// The polygons are generalised: good for a demo base map and for placing synthetic sites, not
// survey-grade. Reads files; thread-compatible.
#pragma once

#include <string>
#include <vector>

#include "chemsafe/core/geo.h"
#include "chemsafe/core/result.h"

namespace chemsafe::reference {

struct AreaBoundary {
  std::string adcode;         // "440305"; the division code of the area (GB/T 2260 / NBS)
  std::string name;           // "南山区"
  std::string parent_adcode;  // "440300" for a county; "440000" for a city
  int level = 0;              // 2 city, 3 county (as in Division::level)
  MultiPolygon area_wgs84;
  LonLat centre_wgs84;        // the source's "center" (the seat of government), converted
};

// The 22 prefecture-level features of 440000_guangdong_cities.json (21 cities and 东沙群岛 442100),
// in file order.
Result<std::vector<AreaBoundary>> LoadGuangdongCities(const std::string& data_dir);

// The county-level features of cities/<adcode>.json, all files, ordered by adcode. Dongguan (441900)
// and Zhongshan (442000), which have no county level, and 东沙群岛 (442100) appear as one feature each,
// with level 3 like the NBS pseudo-counties 441900 and 442000.
Result<std::vector<AreaBoundary>> LoadGuangdongCounties(const std::string& data_dir);

}  // namespace chemsafe::reference
