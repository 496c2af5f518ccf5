// The registry's records (DESIGN.md §2 registry; plan tasks T1, T35): enterprises, their GB 18218
// identification units, the hazardous chemicals each unit holds, key hazardous processes, protected
// targets (GB 36894-2018 防护目标), chemical parks and port zones. Plain values: no I/O, no SQL.
// Every persisted enum code is append-only: never renumber, only add.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "chemsafe/core/geo.h"

namespace chemsafe::registry {

// 企业活动 (危险化学品安全管理条例): an enterprise may do several. Persisted as its code: append-only.
enum class Activity : int {
  kProduction = 1,  // 生产
  kStorage = 2,     // 储存
  kUse = 3,         // 使用
  kTrade = 4,       // 经营
  kTransport = 5,   // 运输
  kDisposal = 6,    // 废弃处置
};

// 行业. Persisted as its code: append-only.
enum class Sector : int {
  kChemical = 1,         // 化工
  kPharmaceutical = 2,   // 医药
  kPortTerminal = 3,     // 港口码头
  kAirport = 4,          // 机场
  kLogisticsPark = 5,    // 物流园区
  kTownGas = 6,          // 城镇燃气
  kFuelStation = 7,      // 加油加气站
  kOther = 8,            // 其他
};

// GB 18218-2018 §3.4/3.5: production unit or storage unit. Persisted: append-only.
enum class UnitKind : int {
  kProduction = 1,  // 生产单元
  kStorage = 2,     // 储存单元
};

// Physical state of a holding. Persisted: append-only.
enum class PhysicalState : int {
  kSolid = 1,
  kLiquid = 2,
  kGas = 3,
  kLiquefiedGas = 4,  // 液化气体 (pressurised or refrigerated)
};

// GB 36894-2018 Table 1 protected-target classes (防护目标): 高敏感, 重要, 一般 (一类/二类/三类).
// Persisted: append-only.
enum class TargetClass : int {
  kHighlySensitive = 1,  // 高敏感防护目标 (schools, hospitals, nursing homes…)
  kImportant = 2,        // 重要防护目标 (cultural relics, government, large public buildings…)
  kGeneral1 = 3,         // 一般防护目标中的一类
  kGeneral2 = 4,         // 一般防护目标中的二类
  kGeneral3 = 5,         // 一般防护目标中的三类
};

// Where a record came from. Demo data is always marked synthetic. Persisted: append-only.
enum class Provenance : int {
  kDeclared = 1,   // declared by the enterprise or imported from the user's files
  kSynthetic = 2,  // generated demo data (chemsafe demo generate): not real
};

struct Licence {
  std::string type;    // "危险化学品安全生产许可证", "危险化学品经营许可证", …
  std::string number;
  std::string valid_from;  // YYYY-MM-DD
  std::string valid_to;    // YYYY-MM-DD
};

struct Enterprise {
  std::int64_t id = 0;          // store id; 0 before it is stored
  std::string uscc;             // 统一社会信用代码 (validated chemsafe::Uscc)
  std::string name;
  std::string legal_representative;
  std::string division_code;    // county (6) or township (9) code, validated against data/
  std::string address;
  std::optional<LonLat> location;  // WGS-84
  std::vector<Activity> activities;
  Sector sector = Sector::kOther;
  std::string park_code;        // chemical park or port zone, empty if none
  std::vector<Licence> licences;
  Provenance provenance = Provenance::kDeclared;
};

// 包保责任人 (2021 rules): principal, technical and operational persons of a unit.
enum class PersonRole : int {
  kPrincipal = 1,    // 主要负责人
  kTechnical = 2,    // 技术负责人
  kOperational = 3,  // 操作负责人
};
struct ResponsiblePerson {
  PersonRole role = PersonRole::kPrincipal;
  std::string name;
  std::string phone;
};

// A GB 18218-2018 identification unit (§3.4, §3.5).
struct Unit {
  std::int64_t id = 0;
  std::int64_t enterprise_id = 0;
  std::string enterprise_uscc;  // natural key of the owner (for import/export)
  std::string code;             // unique within its enterprise
  std::string name;
  UnitKind kind = UnitKind::kStorage;
  std::optional<LonLat> location;
  std::optional<Polygon> boundary;
  std::optional<int> declared_exposed_people;  // persons within 500 m as declared (GB 18218 Table 5)
  std::vector<ResponsiblePerson> responsible;
  std::vector<std::string> key_processes;  // names from data/cn_regulatory_lists (18 processes)
  Provenance provenance = Provenance::kDeclared;
};

// What a unit holds of one chemical. Mass in tonnes, or volume with a density (liquids).
// History is kept by the store: a changed holding closes the old version (valid_to) and opens a new
// one, so that "what did this unit hold on date D" can be answered.
struct Holding {
  std::int64_t id = 0;
  std::int64_t unit_id = 0;
  std::string enterprise_uscc;  // natural key (with unit_code, chemical_key)
  std::string unit_code;
  std::string chemical_key;     // catalogue key: CAS, or the name where the chemical has no CAS
  std::string chemical_name;    // as declared
  std::optional<double> max_quantity_t;      // design maximum (GB 18218 §4.1: the default basis)
  std::optional<double> typical_quantity_t;  // typical/actual
  std::optional<double> max_volume_m3;       // when declared as volume…
  std::optional<double> density_t_m3;        // …with its density
  PhysicalState state = PhysicalState::kLiquid;
  std::optional<double> temperature_c;
  std::optional<double> pressure_mpa;
  std::string gb18218_category;  // Table 2 symbol (e.g. "W5.3") where it cannot be derived
  Provenance provenance = Provenance::kDeclared;
  std::string valid_from;        // ISO timestamp, set by the store
  std::string valid_to;          // empty while current
};

struct ProtectedTarget {
  std::int64_t id = 0;
  std::string code;  // natural key, unique province-wide
  std::string name;
  TargetClass target_class = TargetClass::kGeneral1;
  std::string kind;  // 学校, 医院, 居住区, …
  std::string division_code;
  std::optional<LonLat> location;
  std::optional<Polygon> area;
  int day_population = 0;
  int night_population = 0;
  Provenance provenance = Provenance::kDeclared;
};

enum class ParkKind : int {
  kChemicalPark = 1,  // 化工园区
  kPortZone = 2,      // 港区
};
struct Park {
  std::int64_t id = 0;
  std::string code;
  std::string name;
  ParkKind kind = ParkKind::kChemicalPark;
  std::string division_code;
  std::optional<Polygon> boundary;
  Provenance provenance = Provenance::kDeclared;
};

}  // namespace chemsafe::registry
