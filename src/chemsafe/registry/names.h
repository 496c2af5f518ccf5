// Names of the registry's enumerations as users write them in forms and spreadsheets (Chinese first,
// English accepted), and back. Pure; thread-safe.
#pragma once

#include <optional>
#include <string_view>

#include "chemsafe/registry/model.h"

namespace chemsafe::registry {

// The Chinese name written in exports and templates: 生产, 化工, 储存单元, 液态, 高敏感防护目标, …
std::string_view ActivityName(Activity a);
std::string_view SectorName(Sector s);
std::string_view UnitKindName(UnitKind k);
std::string_view PhysicalStateName(PhysicalState s);
std::string_view TargetClassName(TargetClass c);
std::string_view PersonRoleName(PersonRole r);
std::string_view ProvenanceName(Provenance p);

// Parses a name as users type it: the Chinese name, common variants (储存/存储, 液体/液态, 一类…) or the
// English name (case-insensitive). Surrounding spaces are ignored. nullopt when unknown.
std::optional<Activity> ParseActivity(std::string_view text);
std::optional<Sector> ParseSector(std::string_view text);
std::optional<UnitKind> ParseUnitKind(std::string_view text);
std::optional<PhysicalState> ParsePhysicalState(std::string_view text);
std::optional<TargetClass> ParseTargetClass(std::string_view text);
std::optional<Provenance> ParseProvenance(std::string_view text);

// The accepted names of each enumeration, for templates and error messages ("生产、储存、使用、…").
std::string_view ActivityNames();
std::string_view SectorNames();
std::string_view UnitKindNames();
std::string_view PhysicalStateNames();
std::string_view TargetClassNames();
std::string_view ProvenanceNames();

}  // namespace chemsafe::registry
