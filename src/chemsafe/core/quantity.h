// Quantities with units (DESIGN.md §5: units in types or names). Masses are carried in tonnes, volumes
// in cubic metres; a volume becomes a mass only with a density. Value types; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "chemsafe/core/result.h"

namespace chemsafe {

struct Tonnes {
  double value = 0;
  friend auto operator<=>(const Tonnes&, const Tonnes&) = default;
};
struct CubicMetres {
  double value = 0;
};
struct DensityTPerM3 {
  double value = 0;
};

// Mass of a volume of liquid or gas at the stated density. Density must be > 0.
Result<Tonnes> MassOf(CubicMetres volume, DensityTPerM3 density);

// Parses a number as users type it in spreadsheets: "1,200.5", "1 200", "12.5", full-width digits,
// optional leading "+". Rejects empty text, text such as "abc" or "12a", NaN and infinity.
Result<double> ParseNumber(std::string_view text);

enum class MassUnit { kTonne, kKilogram };
enum class VolumeUnit { kCubicMetre, kLitre };

// A quantity cell: "12.5", "12.5 t", "12.5吨", "800 kg", "800千克", "30 m³", "30 m3", "30立方米", "500 L".
// A bare number takes `default_unit` ("t" unless stated). Exactly one of mass / volume is set.
struct ParsedQuantity {
  std::optional<Tonnes> mass;
  std::optional<CubicMetres> volume;
};
Result<ParsedQuantity> ParseQuantity(std::string_view text, MassUnit default_unit = MassUnit::kTonne);

}  // namespace chemsafe
