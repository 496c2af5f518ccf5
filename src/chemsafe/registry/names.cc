#include "chemsafe/registry/names.h"

#include <algorithm>
#include <cctype>
#include <string>

namespace chemsafe::registry {
namespace {

template <typename E>
struct Spelling {
  E value;
  std::string_view text;
};

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  // Full-width space U+3000 (E3 80 80), common in Chinese spreadsheets.
  while (s.starts_with("\xE3\x80\x80")) s.remove_prefix(3);
  while (s.ends_with("\xE3\x80\x80")) s.remove_suffix(3);
  return s;
}

bool EqualsIgnoreAsciiCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

template <typename E, std::size_t N>
std::optional<E> Lookup(const Spelling<E> (&table)[N], std::string_view text) {
  text = Trim(text);
  for (const auto& s : table) {
    if (EqualsIgnoreAsciiCase(s.text, text)) return s.value;
  }
  return std::nullopt;
}

// 危险化学品安全管理条例 (2011, 国务院令第591号) Art. 2: 生产、储存、使用、经营和运输; 废弃处置 Art. 27.
constexpr Spelling<Activity> kActivities[] = {
    {Activity::kProduction, "生产"}, {Activity::kStorage, "储存"},   {Activity::kUse, "使用"},
    {Activity::kTrade, "经营"},      {Activity::kTransport, "运输"}, {Activity::kDisposal, "废弃处置"},
    {Activity::kStorage, "存储"},    {Activity::kDisposal, "处置"},  {Activity::kProduction, "production"},
    {Activity::kStorage, "storage"}, {Activity::kUse, "use"},        {Activity::kTrade, "trade"},
    {Activity::kTransport, "transport"}, {Activity::kDisposal, "disposal"},
};

constexpr Spelling<Sector> kSectors[] = {
    {Sector::kChemical, "化工"},        {Sector::kPharmaceutical, "医药"},   {Sector::kPortTerminal, "港口码头"},
    {Sector::kAirport, "机场"},         {Sector::kLogisticsPark, "物流园区"}, {Sector::kTownGas, "城镇燃气"},
    {Sector::kFuelStation, "加油加气站"}, {Sector::kOther, "其他"},
    {Sector::kPortTerminal, "港口"},    {Sector::kPortTerminal, "码头"},     {Sector::kFuelStation, "加油站"},
    {Sector::kTownGas, "燃气"},         {Sector::kOther, "其它"},
    {Sector::kChemical, "chemical"},    {Sector::kPharmaceutical, "pharmaceutical"},
    {Sector::kPortTerminal, "port"},    {Sector::kAirport, "airport"},     {Sector::kLogisticsPark, "logistics"},
    {Sector::kTownGas, "town_gas"},     {Sector::kFuelStation, "fuel_station"}, {Sector::kOther, "other"},
};

// GB 18218-2018 §3.4 生产单元, §3.5 储存单元.
constexpr Spelling<UnitKind> kUnitKinds[] = {
    {UnitKind::kProduction, "生产单元"}, {UnitKind::kStorage, "储存单元"}, {UnitKind::kProduction, "生产"},
    {UnitKind::kStorage, "储存"},        {UnitKind::kStorage, "存储单元"}, {UnitKind::kStorage, "存储"},
    {UnitKind::kProduction, "production"}, {UnitKind::kStorage, "storage"},
};

constexpr Spelling<PhysicalState> kStates[] = {
    {PhysicalState::kSolid, "固态"},      {PhysicalState::kLiquid, "液态"},   {PhysicalState::kGas, "气态"},
    {PhysicalState::kLiquefiedGas, "液化气体"}, {PhysicalState::kSolid, "固体"}, {PhysicalState::kLiquid, "液体"},
    {PhysicalState::kGas, "气体"},        {PhysicalState::kLiquefiedGas, "液化气"},
    {PhysicalState::kSolid, "solid"},     {PhysicalState::kLiquid, "liquid"}, {PhysicalState::kGas, "gas"},
    {PhysicalState::kLiquefiedGas, "liquefied_gas"},
};

// GB 36894-2018 Table 1.
constexpr Spelling<TargetClass> kTargetClasses[] = {
    {TargetClass::kHighlySensitive, "高敏感防护目标"}, {TargetClass::kImportant, "重要防护目标"},
    {TargetClass::kGeneral1, "一般防护目标一类"},     {TargetClass::kGeneral2, "一般防护目标二类"},
    {TargetClass::kGeneral3, "一般防护目标三类"},     {TargetClass::kHighlySensitive, "高敏感"},
    {TargetClass::kImportant, "重要"},                {TargetClass::kGeneral1, "一般一类"},
    {TargetClass::kGeneral2, "一般二类"},             {TargetClass::kGeneral3, "一般三类"},
    {TargetClass::kGeneral1, "一般防护目标中的一类"}, {TargetClass::kGeneral2, "一般防护目标中的二类"},
    {TargetClass::kGeneral3, "一般防护目标中的三类"}, {TargetClass::kGeneral1, "一类"},
    {TargetClass::kGeneral2, "二类"},                 {TargetClass::kGeneral3, "三类"},
    {TargetClass::kHighlySensitive, "highly_sensitive"}, {TargetClass::kImportant, "important"},
    {TargetClass::kGeneral1, "general_1"},            {TargetClass::kGeneral2, "general_2"},
    {TargetClass::kGeneral3, "general_3"},
};

constexpr Spelling<Provenance> kProvenances[] = {
    {Provenance::kDeclared, "申报"},      {Provenance::kSynthetic, "合成"},  {Provenance::kDeclared, "申报数据"},
    {Provenance::kSynthetic, "合成数据"}, {Provenance::kSynthetic, "模拟"},  {Provenance::kDeclared, "declared"},
    {Provenance::kSynthetic, "synthetic"},
};

template <typename E, std::size_t N>
std::string_view NameOf(const Spelling<E> (&table)[N], E value) {
  for (const auto& s : table) {
    if (s.value == value) return s.text;  // the first spelling of each value is its Chinese name
  }
  return "?";
}

}  // namespace

std::string_view ActivityName(Activity a) { return NameOf(kActivities, a); }
std::string_view SectorName(Sector s) { return NameOf(kSectors, s); }
std::string_view UnitKindName(UnitKind k) { return NameOf(kUnitKinds, k); }
std::string_view PhysicalStateName(PhysicalState s) { return NameOf(kStates, s); }
std::string_view TargetClassName(TargetClass c) { return NameOf(kTargetClasses, c); }
std::string_view ProvenanceName(Provenance p) { return NameOf(kProvenances, p); }
std::string_view PersonRoleName(PersonRole r) {
  switch (r) {
    case PersonRole::kPrincipal: return "主要负责人";
    case PersonRole::kTechnical: return "技术负责人";
    case PersonRole::kOperational: return "操作负责人";
  }
  return "?";
}

std::optional<Activity> ParseActivity(std::string_view t) { return Lookup(kActivities, t); }
std::optional<Sector> ParseSector(std::string_view t) { return Lookup(kSectors, t); }
std::optional<UnitKind> ParseUnitKind(std::string_view t) { return Lookup(kUnitKinds, t); }
std::optional<PhysicalState> ParsePhysicalState(std::string_view t) { return Lookup(kStates, t); }
std::optional<TargetClass> ParseTargetClass(std::string_view t) { return Lookup(kTargetClasses, t); }
std::optional<Provenance> ParseProvenance(std::string_view t) { return Lookup(kProvenances, t); }

std::string_view ActivityNames() { return "生产、储存、使用、经营、运输、废弃处置"; }
std::string_view SectorNames() { return "化工、医药、港口码头、机场、物流园区、城镇燃气、加油加气站、其他"; }
std::string_view UnitKindNames() { return "生产单元、储存单元"; }
std::string_view PhysicalStateNames() { return "固态、液态、气态、液化气体"; }
std::string_view TargetClassNames() {
  return "高敏感防护目标、重要防护目标、一般防护目标一类、一般防护目标二类、一般防护目标三类";
}
std::string_view ProvenanceNames() { return "申报、合成"; }

}  // namespace chemsafe::registry
