// Cell parsing shared by the registry import and the synthetic generator (private to registry_io*.cc).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "chemsafe/core/geo.h"
#include "chemsafe/core/quantity.h"
#include "chemsafe/core/result.h"

namespace chemsafe::service::io {

std::string_view TrimCell(std::string_view s);  // ASCII spaces and U+3000
bool IsBlank(const std::vector<std::string>& cells);

// Splits a list cell on 、 , ， ; ； and newlines; empty items dropped.
void SplitList(std::string_view text, std::vector<std::string_view>& out);
// Splits on ; ； and newlines only (parallel lists such as licences, where items may contain commas).
void SplitParallel(std::string_view text, std::vector<std::string_view>& out);

// A number with an optional unit suffix: `suffixes` are (suffix, factor) pairs tried in order
// (case-insensitive ASCII); the number is multiplied by the factor of the suffix found.
struct UnitSuffix {
  std::string_view suffix;
  double factor;
};
Result<double> ParseNumberWithUnit(std::string_view text, std::initializer_list<UnitSuffix> suffixes);

// Short ways for the cells most rows hold, with the results of the general parsers, or nullopt for
// anything else (then call those):
// - a plain decimal ("2263.2", "26": ASCII digits, at most one '.' between digits, at most 30
//   characters), as core's ParseNumber reads it (it gives std::from_chars the same digits);
// - a mass: a plain decimal, optional spaces and one of the units t, 吨, tonne, tonnes, 公吨, kg, 千克,
//   公斤 exactly as written here, or no unit (then `default_unit`), in tonnes as ParseQuantity gives it.
std::optional<double> PlainNumber(std::string_view text);
std::optional<double> PlainMassTonnes(std::string_view text, MassUnit default_unit);

// "2024-05-01", "2024/5/1", "2024.5.1", "2024年5月1日" or an Excel serial day number -> "YYYY-MM-DD".
Result<std::string> ParseDateCell(std::string_view text);

// WKT "POLYGON((lon lat, lon lat, ...), (hole...))" (OGC 06-103r4 §7) -> Polygon; and back.
Result<Polygon> ParseWktPolygon(std::string_view text);
std::string WktPolygon(const Polygon& p);

// True for a leading minus sign: '-', U+2212 '−' or U+FF0D '－'.
bool StartsNegative(std::string_view text);

}  // namespace chemsafe::service::io
