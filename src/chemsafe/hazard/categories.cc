// Derivation of GB 18218-2018 Table 2 categories from a chemical's GHS classification (the official
// 危险化学品分类信息表 of the 2015 catalogue) and the holding's state and operating conditions.
#include <cmath>

#include <fmt/format.h>

#include "chemsafe/hazard/identify.h"

namespace chemsafe::hazard {
namespace {

using catalogue::Classification;
using catalogue::HazardClass;

enum class Phase { kGas, kLiquid, kSolid, kUnknown };

// A liquefied gas is a gas for Table 2 (the J1/J3 rows say "气体": the substance is a gas at ambient
// conditions however it is stored).
Phase PhaseOf(const catalogue::Chemical& chemical, const HoldingInput& h) {
  if (h.state) {
    switch (*h.state) {
      case registry::PhysicalState::kGas:
      case registry::PhysicalState::kLiquefiedGas: return Phase::kGas;
      case registry::PhysicalState::kLiquid: return Phase::kLiquid;
      case registry::PhysicalState::kSolid: return Phase::kSolid;
    }
  }
  // Without a declared state: the physical-hazard classes name the state (GB 30000.3-.15): 易燃气体,
  // 加压气体, 氧化性气体 are gases; 易燃液体, 自燃液体, 氧化性液体 liquids; 易燃固体, 自燃固体, 氧化性固体
  // solids. A chemical classified in two states (none in the 2015 catalogue) stays unknown.
  Phase found = Phase::kUnknown;
  for (const Classification& c : chemical.classifications) {
    Phase p = Phase::kUnknown;
    switch (c.hazard_class) {
      case HazardClass::kFlammableGases:
      case HazardClass::kGasesUnderPressure:
      case HazardClass::kOxidizingGases:
      case HazardClass::kChemicallyUnstableGases: p = Phase::kGas; break;
      case HazardClass::kFlammableLiquids:
      case HazardClass::kPyrophoricLiquids:
      case HazardClass::kOxidizingLiquids: p = Phase::kLiquid; break;
      case HazardClass::kFlammableSolids:
      case HazardClass::kPyrophoricSolids:
      case HazardClass::kOxidizingSolids: p = Phase::kSolid; break;
      default: break;
    }
    if (p == Phase::kUnknown) continue;
    if (found != Phase::kUnknown && found != p) return Phase::kUnknown;
    found = p;
  }
  return found;
}

std::string_view PhaseName(Phase p) {
  switch (p) {
    case Phase::kGas: return "gas";
    case Phase::kLiquid: return "liquid";
    case Phase::kSolid: return "solid";
    case Phase::kUnknown: return "unknown state";
  }
  return "";
}

bool Is(const std::string& category, std::initializer_list<std::string_view> any) {
  for (std::string_view a : any) {
    if (category == a) return true;
  }
  return false;
}

}  // namespace

Result<std::vector<DerivedCategory>> DeriveCategories(const catalogue::Chemical& chemical, const HoldingInput& h) {
  std::vector<DerivedCategory> out;
  const Phase phase = PhaseOf(chemical, h);
  // The holding's boiling point, else the substance's normal boiling point from the catalogue's
  // physical-property data, with its source in the reason.
  const std::optional<double> boiling_point_c = h.boiling_point_c ? h.boiling_point_c : chemical.boiling_point_c;
  auto boiling_point = [&]() {
    return h.boiling_point_c ? fmt::format("{} ℃", *boiling_point_c)
                             : fmt::format("{:.1f} ℃ ({})", *boiling_point_c, chemical.boiling_point_source);
  };
  auto add = [&](std::string symbol, const Classification& c, std::string_view why) {
    for (const auto& d : out) {
      if (d.symbol == symbol) return;
    }
    std::string reason = c.text;
    if (!why.empty()) reason += fmt::format(" ({})", why);
    reason += " → " + symbol;
    out.push_back({std::move(symbol), std::move(reason)});
  };
  for (const Classification& c : chemical.classifications) {
    const std::string& cat = c.category;
    switch (c.hazard_class) {
      // GB 18218-2018 Table 2, J1-J5 (急性毒性).
      case HazardClass::kAcuteToxicity: {
        if (phase == Phase::kUnknown && Is(cat, {"1", "2", "3"})) {
          return InvalidArgument(fmt::format("{}: {} needs the physical state (gas, liquid or solid) to choose "
                                             "between GB 18218-2018 Table 2 J1-J5",
                                             h.label, c.text));
        }
        if (cat == "1") {
          add(phase == Phase::kGas ? "J1" : "J2", c, PhaseName(phase));
        } else if (Is(cat, {"2", "3"}) && phase == Phase::kGas) {
          add("J3", c, "gas");
        } else if (Is(cat, {"2", "3"}) && phase == Phase::kLiquid &&
                   c.route == catalogue::ExposureRoute::kInhalation && boiling_point_c && *boiling_point_c <= 35) {
          add("J4", c, fmt::format("liquid, boiling point {} ≤ 35 ℃", boiling_point()));
        } else if (cat == "2" && (phase == Phase::kLiquid || phase == Phase::kSolid)) {
          if (phase == Phase::kLiquid && c.route == catalogue::ExposureRoute::kInhalation && !boiling_point_c) {
            return InvalidArgument(fmt::format("{}: {} of a liquid needs boiling_point_c (Table 2 J4 is for boiling "
                                               "points ≤ 35 ℃, J5 for the others)",
                                               h.label, c.text));
          }
          if (phase == Phase::kLiquid && c.route == catalogue::ExposureRoute::kInhalation) {
            add("J5", c, fmt::format("liquid, boiling point {} > 35 ℃", boiling_point()));
          } else {
            add("J5", c, PhaseName(phase));
          }
        }
        // Category 3 liquids and solids (other than J4) and category 4-5 are not in Table 2.
        break;
      }
      // W1.1-W1.3 (爆炸物).
      case HazardClass::kExplosives:
        if (Is(cat, {"unstable", "1.1"})) add("W1.1", c, "");
        else if (Is(cat, {"1.2", "1.3", "1.5", "1.6"})) add("W1.2", c, "");
        else if (cat == "1.4") add("W1.3", c, "");
        break;
      // W2 (易燃气体, categories 1 and 2).
      case HazardClass::kFlammableGases:
        if (Is(cat, {"1", "1A", "1B", "2"})) add("W2", c, "");
        break;
      // W3 (气溶胶, categories 1 and 2; Q counts net weight).
      case HazardClass::kAerosols:
        if (Is(cat, {"1", "2"})) add("W3", c, "");
        break;
      // W4 (氧化性气体, category 1).
      case HazardClass::kOxidizingGases:
        if (cat == "1") add("W4", c, "");
        break;
      // W5.1-W5.4 (易燃液体).
      case HazardClass::kFlammableLiquids: {
        if (cat == "1") {
          add("W5.1", c, "");
          break;
        }
        if (!Is(cat, {"2", "3"})) break;
        if (h.operating_temperature_c) {
          if (!boiling_point_c) {
            return InvalidArgument(fmt::format("{}: {} at an operating temperature needs boiling_point_c (Table 2 "
                                               "W5.1: categories 2 and 3 operated above their boiling point)",
                                               h.label, c.text));
          }
          if (*h.operating_temperature_c > *boiling_point_c) {
            add("W5.1", c,
                fmt::format("operated at {} ℃ above its boiling point {}", *h.operating_temperature_c,
                            boiling_point()));
            break;
          }
        }
        if (h.special_conditions) {
          add("W5.2", c, "special process conditions");
          break;
        }
        add(cat == "2" ? "W5.3" : "W5.4", c, "");
        break;
      }
      // W6.1-W6.2 (自反应物质和混合物).
      case HazardClass::kSelfReactive:
        if (Is(cat, {"A", "B"})) add("W6.1", c, "");
        else if (Is(cat, {"C", "D", "E"})) add("W6.2", c, "");
        break;
      // W7.1-W7.2 (有机过氧化物).
      case HazardClass::kOrganicPeroxides:
        if (Is(cat, {"A", "B"})) add("W7.1", c, "");
        else if (Is(cat, {"C", "D", "E", "F"})) add("W7.2", c, "");
        break;
      // W8 (自燃液体 category 1; 自燃固体 category 1).
      case HazardClass::kPyrophoricLiquids:
      case HazardClass::kPyrophoricSolids:
        if (cat == "1") add("W8", c, "");
        break;
      // W9.1-W9.2 (氧化性固体和液体).
      case HazardClass::kOxidizingLiquids:
      case HazardClass::kOxidizingSolids:
        if (cat == "1") add("W9.1", c, "");
        else if (Is(cat, {"2", "3"})) add("W9.2", c, "");
        break;
      // W10 (易燃固体, category 1).
      case HazardClass::kFlammableSolids:
        if (cat == "1") add("W10", c, "");
        break;
      // W11 (遇水放出易燃气体的物质和混合物, categories 1 and 2).
      case HazardClass::kWaterReactiveFlammableGas:
        if (Is(cat, {"1", "2"})) add("W11", c, "");
        break;
      default:
        break;  // health and environmental classes other than acute toxicity are not in Table 2
    }
  }
  return out;
}

}  // namespace chemsafe::hazard
