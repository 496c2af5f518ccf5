// The columns of the registry import/export tables (private to registry_io*.cc): Chinese header,
// accepted aliases, whether required, unit and help for the template's explanation sheet.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "chemsafe/service/registry_io.h"

namespace chemsafe::service::io {

enum class Field : int {
  // enterprises
  kUscc, kEnterpriseName, kLegalRepresentative, kDivision, kAddress, kLon, kLat, kActivities, kSector, kPark,
  kLicenceType, kLicenceNumber, kLicenceFrom, kLicenceTo, kProvenance,
  // units
  kUnitCode, kUnitName, kUnitKind, kBoundary, kExposedPeople, kPrincipal, kPrincipalPhone, kTechnical,
  kTechnicalPhone, kOperational, kOperationalPhone, kKeyProcesses,
  // holdings
  kCas, kChemicalName, kMaxQuantity, kMaxVolume, kDensity, kTypicalQuantity, kState, kTemperature, kPressure,
  kCategory,
  // protected targets
  kTargetCode, kTargetName, kTargetClass, kTargetKind, kArea, kDayPopulation, kNightPopulation,
  kCount
};
constexpr int kFieldCount = static_cast<int>(Field::kCount);

struct Column {
  Field field;
  std::string_view header;   // Chinese header written by export and template
  std::string_view aliases;  // other accepted headers, "|"-separated (compared normalized)
  bool required;
  std::string_view unit;     // shown in the template
  std::string_view help;     // allowed values, format
  std::string_view example;
};

std::span<const Column> ColumnsOf(RecordKind kind);
std::string_view SheetNameOf(RecordKind kind);  // 企业, 生产储存单元, 危险化学品储量, 防护目标

// Header text normalized for matching: spaces (also U+3000), '*' and '＊' dropped, ASCII lower-cased,
// '_' and '-' dropped, and a trailing "(…)" or "（…）" cut off into `unit_hint` (may be null).
std::string NormalizeHeader(std::string_view text, std::string* unit_hint);

}  // namespace chemsafe::service::io
