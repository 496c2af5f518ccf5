#include "chemsafe/service/demo.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <limits>
#include <map>
#include <optional>
#include <random>
#include <set>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "chemsafe/core/calendar.h"
#include "chemsafe/core/geo.h"
#include "chemsafe/reference/divisions.h"

namespace chemsafe::service {
namespace {

using registry::Activity;
using registry::Enterprise;
using registry::Holding;
using registry::Park;
using registry::ParkKind;
using registry::PersonRole;
using registry::PhysicalState;
using registry::ProtectedTarget;
using registry::Provenance;
using registry::Sector;
using registry::TargetClass;
using registry::Unit;
using registry::UnitKind;

// ------------------------------------------------------------------------------------------- random

// std::mt19937_64 (its sequence is fixed by [rand.predef]) with distributions written here, because
// the std:: distributions are implementation-defined and differ between standard libraries.
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : gen_(seed) {}

  // Uniform in [0, n), n > 0, without modulo bias (rejection of the incomplete last block).
  std::uint64_t Below(std::uint64_t n) {
    const std::uint64_t limit = std::numeric_limits<std::uint64_t>::max() -
                                std::numeric_limits<std::uint64_t>::max() % n;
    std::uint64_t x;
    do {
      x = gen_();
    } while (x >= limit);
    return x % n;
  }
  int Between(int lo, int hi) {  // inclusive
    return lo + static_cast<int>(Below(static_cast<std::uint64_t>(hi - lo) + 1));
  }
  double Unit() { return static_cast<double>(gen_() >> 11) * 0x1.0p-53; }  // [0, 1), 53 random bits
  double Uniform(double lo, double hi) { return lo + (hi - lo) * Unit(); }
  bool Chance(double p) { return Unit() < p; }
  // Log-uniform in [lo, hi]: quantities spread evenly over orders of magnitude.
  double LogUniform(double lo, double hi) { return std::exp(Uniform(std::log(lo), std::log(hi))); }
  // An index drawn with the given weights (all >= 0, sum > 0).
  size_t Weighted(const std::vector<double>& cumulative) {
    double x = Unit() * cumulative.back();
    auto it = std::upper_bound(cumulative.begin(), cumulative.end(), x);
    return std::min(static_cast<size_t>(it - cumulative.begin()), cumulative.size() - 1);
  }
  template <typename T, size_t N>
  const T& Pick(const std::array<T, N>& a) {
    return a[Below(N)];
  }

 private:
  std::mt19937_64 gen_;
};

std::vector<double> Cumulative(const std::vector<double>& w) {
  std::vector<double> c(w.size());
  double s = 0;
  for (size_t i = 0; i < w.size(); ++i) c[i] = (s += w[i]);
  return c;
}

double Round(double x, double step) { return std::round(x / step) * step; }
LonLat RoundPoint(LonLat p) { return {std::round(p.lon_deg * 1e6) / 1e6, std::round(p.lat_deg * 1e6) / 1e6}; }

// --------------------------------------------------------------------------------------- chemicals

struct Chemical {
  const char* key;   // catalogue key (the CAS number, 危险化学品目录 2015)
  const char* name;  // as an enterprise would declare it
  PhysicalState state;
  double temperature_c;
  double pressure_mpa;  // gauge
};

// The chemicals of the demo. GB 18218-2018 Table 1 critical quantities, for orientation when reading
// the quantity ranges of the unit profiles below: 氨 10 t (row 1), 环氧乙烷 10 t (7), 氯 5 t (12),
// 硝酸铵 (>0.2% combustibles) 5 t (43), 天然气 50 t (49), 氢 5 t (51), 液化石油气 50 t (52), 苯 50 t
// (57), 苯乙烯 500 t (58), 丙酮 500 t (59), 甲苯 500 t (64), 甲醇 500 t (65), 汽油 200 t (66),
// 乙醇 500 t (67). Not in Table 1: 氰化钠 (Table 2 by its acute toxicity), 煤油 (Table 2, flammable
// liquid), 硫酸 and 氢氧化钠 (corrosive only: no critical quantity).
enum Chem : int {
  kLpg, kChlorine, kAmmonia, kMethanol, kGasoline, kBenzene, kAmmoniumNitrate, kSodiumCyanide, kHydrogen,
  kToluene, kSulphuricAcid, kNaturalGas, kKerosene, kAcetone, kSodiumHydroxide, kEthanol, kStyrene,
  kEthyleneOxide, kChemCount
};

// Operating conditions: typical storage conditions (liquefied gases as vapour pressure at 25 °C, e.g.
// chlorine 0.68 MPa and ammonia 0.90 MPa gauge; LNG at its boiling point −162 °C).
constexpr std::array<Chemical, kChemCount> kChemicals = {{
    {"68476-85-7", "液化石油气", PhysicalState::kLiquefiedGas, 25, 1.0},
    {"7782-50-5", "液氯", PhysicalState::kLiquefiedGas, 25, 0.68},
    {"7664-41-7", "液氨", PhysicalState::kLiquefiedGas, 25, 0.9},
    {"67-56-1", "甲醇", PhysicalState::kLiquid, 25, 0.0},
    {"86290-81-5", "汽油", PhysicalState::kLiquid, 25, 0.0},
    {"71-43-2", "苯", PhysicalState::kLiquid, 25, 0.0},
    {"6484-52-2", "硝酸铵", PhysicalState::kSolid, 25, 0.0},
    {"143-33-9", "氰化钠", PhysicalState::kSolid, 25, 0.0},
    {"1333-74-0", "氢气", PhysicalState::kGas, 40, 2.5},
    {"108-88-3", "甲苯", PhysicalState::kLiquid, 25, 0.0},
    {"7664-93-9", "硫酸", PhysicalState::kLiquid, 25, 0.0},
    {"8006-14-2", "液化天然气", PhysicalState::kLiquefiedGas, -162, 0.3},
    {"8008-20-6", "航空煤油", PhysicalState::kLiquid, 25, 0.0},
    {"67-64-1", "丙酮", PhysicalState::kLiquid, 25, 0.0},
    {"1310-73-2", "氢氧化钠", PhysicalState::kSolid, 25, 0.0},
    {"64-17-5", "乙醇", PhysicalState::kLiquid, 25, 0.0},
    {"100-42-5", "苯乙烯", PhysicalState::kLiquid, 25, 0.0},
    {"75-21-8", "环氧乙烷", PhysicalState::kLiquefiedGas, 25, 0.15},
}};

// ---------------------------------------------------------------------------------- unit profiles

struct HoldingSpec {
  Chem chem;
  double min_t;  // design maximum quantity drawn log-uniformly in [min_t, max_t]
  double max_t;
};

struct UnitProfile {
  const char* name;
  UnitKind kind;
  std::vector<HoldingSpec> holdings;  // distinct chemicals
  int min_holdings;                   // how many of `holdings` a unit gets: min..size
  const char* key_process;            // 重点监管危险化工工艺 (安监总管三〔2009〕116号 / 〔2013〕3号), or null
};

enum Profile : int {
  kChlorAlkali, kAmmoniaSynthesis, kMethanolSynthesis, kAromatics, kStyreneUnit, kEthyleneOxideUnit,
  kChlorobenzene, kFineChemicals, kAmmoniumNitrateUnit,                                      // production
  kTankFarm, kLpgSpheres, kAmmoniaTanks, kChemicalWarehouse, kChlorineStore,                // storage
  kApiWorkshop, kSolventStore,                                                              // pharma
  kPortOilTanks, kPortLpgTanks, kPortChemicalTanks, kAirportFuelDepot, kLogisticsWarehouse,
  kLpgDistribution, kLngStation, kFuelStationTanks, kFuelAndGasStation, kPlatingWorkshop, kSmallStore,
  kProfileCount
};

const std::vector<UnitProfile>& Profiles() {
  static const std::vector<UnitProfile> kProfiles = {
      {"氯碱装置", UnitKind::kProduction, {{kChlorine, 1, 30}, {kHydrogen, 0.2, 3}, {kSodiumHydroxide, 20, 500}}, 2,
       "电解工艺（氯碱）"},
      {"合成氨装置", UnitKind::kProduction, {{kAmmonia, 2, 60}, {kHydrogen, 0.5, 8}}, 2, "合成氨工艺"},
      {"甲醇合成装置", UnitKind::kProduction, {{kMethanol, 20, 1500}, {kHydrogen, 0.2, 4}}, 1, nullptr},
      {"芳烃抽提装置", UnitKind::kProduction, {{kBenzene, 5, 200}, {kToluene, 10, 800}}, 2, "加氢工艺"},
      {"苯乙烯装置", UnitKind::kProduction, {{kBenzene, 5, 150}, {kStyrene, 20, 1500}}, 2, "烷基化工艺"},
      {"环氧乙烷装置", UnitKind::kProduction, {{kEthyleneOxide, 1, 40}}, 1, "氧化工艺"},
      {"氯化苯装置", UnitKind::kProduction, {{kChlorine, 0.5, 10}, {kBenzene, 5, 100}}, 2, "氯化工艺"},
      {"精细化工车间", UnitKind::kProduction, {{kToluene, 1, 50}, {kMethanol, 1, 80}, {kSulphuricAcid, 1, 50}}, 1,
       "磺化工艺"},
      {"硝酸铵装置", UnitKind::kProduction, {{kAmmoniumNitrate, 1, 40}, {kAmmonia, 0.5, 15}}, 2, nullptr},
      {"储罐区", UnitKind::kStorage,
       {{kMethanol, 50, 5000}, {kBenzene, 10, 800}, {kToluene, 50, 3000}, {kStyrene, 50, 3000}, {kAcetone, 20, 1500},
        {kSulphuricAcid, 50, 2000}},
       2, nullptr},
      {"液化烃球罐区", UnitKind::kStorage, {{kLpg, 50, 3000}}, 1, nullptr},
      {"液氨罐区", UnitKind::kStorage, {{kAmmonia, 5, 300}}, 1, nullptr},
      {"危险化学品仓库", UnitKind::kStorage,
       {{kSodiumCyanide, 0.5, 60}, {kAmmoniumNitrate, 1, 100}, {kSodiumHydroxide, 5, 200}, {kSulphuricAcid, 5, 100}},
       1, nullptr},
      {"液氯库", UnitKind::kStorage, {{kChlorine, 2, 50}}, 1, nullptr},
      {"原料药合成车间", UnitKind::kProduction,
       {{kMethanol, 1, 60}, {kAcetone, 1, 60}, {kEthanol, 2, 150}, {kToluene, 1, 40}}, 2, nullptr},
      {"溶剂库", UnitKind::kStorage, {{kMethanol, 5, 300}, {kEthanol, 5, 300}, {kAcetone, 5, 200}}, 1, nullptr},
      {"油品罐区", UnitKind::kStorage, {{kGasoline, 500, 60000}, {kMethanol, 500, 30000}}, 1, nullptr},
      {"液化烃罐区", UnitKind::kStorage, {{kLpg, 200, 20000}}, 1, nullptr},
      {"化学品罐区", UnitKind::kStorage, {{kBenzene, 100, 5000}, {kToluene, 200, 10000}, {kStyrene, 200, 10000}}, 1,
       nullptr},
      {"航油库", UnitKind::kStorage, {{kKerosene, 500, 20000}}, 1, nullptr},
      {"危险品仓库", UnitKind::kStorage,
       {{kMethanol, 1, 100}, {kToluene, 1, 80}, {kSodiumCyanide, 0.2, 20}, {kSulphuricAcid, 2, 100},
        {kAcetone, 1, 80}, {kSodiumHydroxide, 2, 100}},
       2, nullptr},
      {"液化石油气储配站", UnitKind::kStorage, {{kLpg, 20, 1500}}, 1, nullptr},
      {"LNG气化站", UnitKind::kStorage, {{kNaturalGas, 10, 600}}, 1, nullptr},
      {"加油站油罐区", UnitKind::kStorage, {{kGasoline, 10, 90}}, 1, nullptr},
      {"加油加气站储罐区", UnitKind::kStorage, {{kGasoline, 10, 90}, {kLpg, 5, 40}}, 2, nullptr},
      {"电镀车间", UnitKind::kProduction,
       {{kSodiumCyanide, 0.05, 5}, {kSulphuricAcid, 1, 30}, {kSodiumHydroxide, 1, 20}}, 1, nullptr},
      {"化学品仓库", UnitKind::kStorage, {{kSulphuricAcid, 1, 50}, {kEthanol, 0.5, 20}, {kAcetone, 0.5, 20}}, 1,
       nullptr},
  };
  return kProfiles;
}

// --------------------------------------------------------------------------------------- sectors

struct SectorPlan {
  Sector sector;
  double weight;                    // share of enterprises
  std::vector<Activity> activities;  // always
  std::vector<Activity> sometimes;   // each with probability 0.3
  std::vector<const char*> trades;   // the word before 有限公司
  std::vector<Profile> production;   // production unit profiles (drawn with replacement)
  int min_production, max_production;
  std::vector<Profile> storage;
  int min_storage, max_storage;
  std::vector<const char*> counties = {};  // where the sector can be (ports, airports); empty: anywhere
};

// Shares of the sectors: an assumption for the demo (Guangdong's registered hazardous-chemicals
// enterprises are dominated by fuel stations, chemical plants and traders), not statistics.
const std::vector<SectorPlan>& SectorPlans() {
  static const std::vector<SectorPlan> kPlans = {
      {Sector::kChemical, 38, {Activity::kProduction, Activity::kStorage, Activity::kUse}, {Activity::kTrade},
       {"化工", "石化", "化学", "新材料"},
       {kChlorAlkali, kAmmoniaSynthesis, kMethanolSynthesis, kAromatics, kStyreneUnit, kEthyleneOxideUnit,
        kChlorobenzene, kFineChemicals, kFineChemicals, kFineChemicals, kAmmoniumNitrateUnit},
       1, 3,
       {kTankFarm, kTankFarm, kLpgSpheres, kAmmoniaTanks, kChemicalWarehouse, kChemicalWarehouse, kChlorineStore},
       1, 2},
      {Sector::kPharmaceutical, 7, {Activity::kProduction, Activity::kUse, Activity::kStorage}, {},
       {"制药", "医药", "生物医药"}, {kApiWorkshop}, 1, 1, {kSolventStore}, 1, 1},
      {Sector::kPortTerminal, 3, {Activity::kStorage, Activity::kTransport}, {Activity::kTrade},
       {"港务", "石化码头", "仓储码头"}, {}, 0, 0, {kPortOilTanks, kPortLpgTanks, kPortChemicalTanks}, 1, 3,
       // Counties with the province's main oil and chemical berths (Guangzhou, Shenzhen, Zhuhai, Huizhou,
       // Zhanjiang, Maoming, Jiangmen, Dongguan, Zhongshan, Shantou, Jieyang, Yangjiang ports).
       {"440112", "440115", "440305", "440308", "440404", "441303", "440803", "440811", "440904", "440705",
        "441900", "442000", "440512", "445224", "441702"}},
      {Sector::kAirport, 0.3, {Activity::kStorage, Activity::kUse}, {}, {"航空油料", "机场航油"}, {}, 0, 0,
       {kAirportFuelDepot}, 1, 1,
       // Baiyun (Guangzhou), Bao'an (Shenzhen), Jinwan (Zhuhai), Chaoshan (Jiedong), Wuchuan (Zhanjiang).
       {"440111", "440306", "440404", "445203", "440883"}},
      {Sector::kLogisticsPark, 6, {Activity::kStorage, Activity::kTransport}, {Activity::kTrade},
       {"物流", "供应链", "危险品仓储"}, {}, 0, 0, {kLogisticsWarehouse}, 1, 2},
      {Sector::kTownGas, 8, {Activity::kStorage, Activity::kTrade}, {Activity::kTransport},
       {"燃气", "能源", "天然气"}, {}, 0, 0, {kLpgDistribution, kLngStation}, 1, 1},
      {Sector::kFuelStation, 26, {Activity::kStorage, Activity::kTrade}, {}, {"石油加油站", "能源加油站", "油气"},
       {}, 0, 0, {kFuelStationTanks, kFuelStationTanks, kFuelAndGasStation}, 1, 1},
      {Sector::kOther, 11.7, {Activity::kUse}, {Activity::kStorage, Activity::kDisposal},
       {"电子", "表面处理", "五金制品", "实业"}, {kPlatingWorkshop}, 0, 1, {kSmallStore}, 0, 1},
  };
  return kPlans;
}

// -------------------------------------------------------------------------------------- geography

// Share of enterprises by city (4-digit code): an assumption for the demo, weighted toward the
// industrial and petrochemical cities (Guangzhou, Foshan, Dongguan, Huizhou's Daya Bay, Maoming,
// Zhanjiang, Jieyang's Dananhai), not statistics.
double CityWeight(std::string_view city4) {
  static const std::map<std::string, double, std::less<>> kWeights = {
      {"4401", 14}, {"4403", 7}, {"4406", 12}, {"4419", 10}, {"4413", 10}, {"4409", 8}, {"4408", 8},
      {"4407", 6},  {"4404", 6}, {"4420", 6},  {"4405", 4},  {"4452", 5},  {"4412", 4}, {"4418", 3},
      {"4402", 3},  {"4417", 3}, {"4451", 2},  {"4414", 2},  {"4415", 2},  {"4416", 2}, {"4453", 2},
  };
  auto it = kWeights.find(city4);
  return it == kWeights.end() ? 1.0 : it->second;
}

struct County {
  const reference::AreaBoundary* area;
  const Division* division;
  BoundingBox box;
  std::string full_name;  // 广东省广州市黄埔区
  std::string city_short;  // 广州
};

struct ParkSeed {
  const char* name;
  const char* county;  // 6-digit code
  ParkKind kind;
};

// Parks named after real Guangdong chemical parks and port zones, marked （演示）; their positions and
// outlines are synthetic (a square of about 3 km around a random point of the county).
constexpr std::array<ParkSeed, 9> kParkSeeds = {{
    {"大亚湾石化区", "441303", ParkKind::kChemicalPark},
    {"南沙化工园区", "440115", ParkKind::kChemicalPark},
    {"茂名石化工业区", "440902", ParkKind::kChemicalPark},
    {"湛江东海岛石化产业园", "440811", ParkKind::kChemicalPark},
    {"揭阳大南海石化工业区", "445224", ParkKind::kChemicalPark},
    {"珠海高栏港经济区", "440404", ParkKind::kChemicalPark},
    {"江门新会化工园区", "440705", ParkKind::kChemicalPark},
    {"广州港南沙港区", "440115", ParkKind::kPortZone},
    {"湛江港霞山港区", "440803", ParkKind::kPortZone},
}};

struct DemoPark {
  Park park;
  size_t county_index;
  Polygon square;
  MultiPolygon area;
};

// ------------------------------------------------------------------------------------------- names

constexpr std::array<const char*, 100> kSurnames = {
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何",
    "林", "罗", "梁", "郑", "谢", "宋", "唐", "许", "邓", "冯", "韩", "曹", "曾", "彭", "萧", "蔡", "潘",
    "田", "董", "袁", "于", "余", "叶", "蒋", "杜", "苏", "魏", "程", "吕", "丁", "沈", "任", "姚", "卢",
    "钟", "姜", "崔", "谭", "陆", "范", "汪", "廖", "石", "金", "韦", "贾", "夏", "付", "方", "邹", "熊",
    "白", "孟", "秦", "邱", "侯", "江", "尹", "薛", "闫", "段", "雷", "龙", "黎", "史", "陶", "贺", "毛",
    "郝", "顾", "龚", "邵", "万", "覃", "武", "钱", "戴", "严", "欧", "莫", "孔", "赖", "温"};
constexpr std::array<const char*, 64> kGiven = {
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明",
    "超", "秀", "霞", "平", "刚", "桂", "英", "华", "建", "国", "志", "文", "海", "辉", "红", "玉",
    "兰", "峰", "飞", "斌", "波", "宇", "浩", "凯", "健", "俊", "帆", "旭", "宁", "林", "欣", "佳",
    "嘉", "子", "婷", "雪", "琳", "晨", "阳", "鹏", "晖", "锋", "东", "荣", "新", "春", "德", "永"};
constexpr std::array<const char*, 40> kTradeSyllables = {
    "华", "兴", "恒", "达", "新", "源", "德", "利", "盛", "远", "宏", "泰", "嘉", "信", "安", "丰", "汇", "通", "鑫", "联",
    "粤", "南", "海", "星", "光", "金", "瑞", "祥", "正", "中", "永", "昌", "富", "润", "博", "创", "益", "成", "和", "康"};
constexpr std::array<const char*, 16> kRoads = {"工业大道", "石化路", "港前路", "滨海大道", "化工一路", "发展大道",
                                                "环城路",   "兴业路", "科技路", "创业路",   "金港路",   "长江路",
                                                "临港大道", "园区路", "振兴路", "沿江路"};
constexpr std::array<const char*, 12> kEstateWords = {"花园", "新村", "华庭", "雅苑", "名都", "豪庭",
                                                      "家园", "公寓", "山庄", "翠苑", "城",   "湾"};

constexpr std::string_view kDemoMark = "（演示）";

std::string PersonName(Rng& rng) {
  std::string n = rng.Pick(kSurnames);
  n += rng.Pick(kGiven);
  if (rng.Chance(0.7)) n += rng.Pick(kGiven);
  return n;
}

std::string TradeName(Rng& rng) {
  std::string a = rng.Pick(kTradeSyllables);
  std::string b;
  do {
    b = rng.Pick(kTradeSyllables);
  } while (b == a);
  return a + b;
}

// Phone numbers with the prefix "100": no Chinese mobile or fixed-line number starts so, so a demo
// number never reaches a real person.
std::string DemoPhone(Rng& rng) { return fmt::format("100{:08d}", rng.Below(100000000)); }

// ---------------------------------------------------------------------------------------- generator

constexpr double kMetresPerDegreeLat = 111195.08;  // πR/180 with R = 6,371,008.8 m (geo.h DistanceM)

LonLat Offset(const LonLat& p, double east_m, double north_m) {
  const double cos_lat = std::cos(p.lat_deg * 3.14159265358979323846 / 180.0);
  return {p.lon_deg + east_m / (kMetresPerDegreeLat * cos_lat), p.lat_deg + north_m / kMetresPerDegreeLat};
}

class Generator {
 public:
  Generator(const DemoOptions& options, const DemoInputs& inputs) : options_(options), inputs_(inputs), rng_(options.seed) {}

  Status Prepare() {
    for (const auto& area : *inputs_.counties) {
      const Division* d = inputs_.divisions->Find(area.adcode);
      if (d == nullptr || d->level != 3 || area.area_wgs84.polygons.empty()) continue;
      County c;
      c.area = &area;
      c.division = d;
      c.box = Bounds(area.area_wgs84);
      c.full_name = inputs_.divisions->FullName(d->code);
      const Division* city = inputs_.divisions->Find(d->parent_code);
      std::string city_name = city != nullptr ? city->name : d->name;
      if (city_name.size() > 3 && city_name.substr(city_name.size() - 3) == "市") {
        city_name.resize(city_name.size() - 3);
      }
      c.city_short = city_name;
      counties_.push_back(std::move(c));
    }
    if (counties_.empty()) {
      return FailedPrecondition("no Guangdong county boundary matches a county of the division table");
    }
    // A county's weight is its city's weight shared among the city's counties.
    std::map<std::string, int> per_city;
    for (const County& c : counties_) ++per_city[c.division->parent_code];
    std::vector<double> w;
    for (const County& c : counties_) {
      w.push_back(CityWeight(c.division->parent_code) / per_city[c.division->parent_code]);
    }
    county_cumulative_ = Cumulative(w);
    std::vector<double> sw;
    for (const SectorPlan& p : SectorPlans()) {
      sw.push_back(p.weight);
      std::vector<size_t> allowed;
      for (const char* code : p.counties) {
        if (size_t i = CountyIndex(code); i < counties_.size()) allowed.push_back(i);
      }
      sector_counties_.push_back(std::move(allowed));
    }
    sector_cumulative_ = Cumulative(sw);
    return Status::Ok();
  }

  Status Run(store::RegistryWriter& w, const DemoProgress& progress, DemoReport& report) {
    CHEMSAFE_RETURN_IF_ERROR(MakeParks(w, report));
    const int total = options_.enterprises;
    if (progress) progress(0, total);
    for (int i = 0; i < total; ++i) {
      CHEMSAFE_RETURN_IF_ERROR(MakeEnterprise(w, i, report));
      if (progress && ((i + 1) % 500 == 0 || i + 1 == total)) progress(i + 1, total);
    }
    return Status::Ok();
  }

 private:
  // A point of the county, uniformly distributed over its area (rejection sampling in a bounding box),
  // rounded to 1e-6 degree (0.1 m) before the containment test; optionally also inside `also_in`
  // (sampling in `box`). nullopt when 10,000 draws all missed.
  std::optional<LonLat> TryPointIn(const County& c, const MultiPolygon* also_in, const BoundingBox& b) {
    for (int attempt = 0; attempt < 10000; ++attempt) {
      LonLat p = RoundPoint({rng_.Uniform(b.min_lon, b.max_lon), rng_.Uniform(b.min_lat, b.max_lat)});
      if (Contains(c.area->area_wgs84, p) && (also_in == nullptr || Contains(*also_in, p))) return p;
    }
    return std::nullopt;
  }
  LonLat PointIn(const County& c) {
    if (auto p = TryPointIn(c, nullptr, c.box)) return *p;
    return c.area->centre_wgs84;  // unreachable for real county shapes (acceptance is > 10%)
  }

  size_t CountyIndex(std::string_view code) const {
    for (size_t i = 0; i < counties_.size(); ++i) {
      if (counties_[i].division->code == code) return i;
    }
    return counties_.size();
  }

  // The county whose polygon contains p, preferring `hint`; nullptr at sea or outside Guangdong.
  const County* CountyAt(const LonLat& p, size_t hint) const {
    if (hint < counties_.size() && Contains(counties_[hint].area->area_wgs84, p)) return &counties_[hint];
    for (const County& c : counties_) {
      if (p.lon_deg < c.box.min_lon || p.lon_deg > c.box.max_lon || p.lat_deg < c.box.min_lat ||
          p.lat_deg > c.box.max_lat) {
        continue;
      }
      if (Contains(c.area->area_wgs84, p)) return &c;
    }
    return nullptr;
  }

  Status MakeParks(store::RegistryWriter& w, DemoReport& report) {
    int n = 0;
    for (const ParkSeed& seed : kParkSeeds) {
      size_t ci = CountyIndex(seed.county);
      if (ci == counties_.size()) continue;  // county not in this edition of the data
      const County& c = counties_[ci];
      LonLat centre = PointIn(c);
      // About 3 km × 3 km (half-sides 1.5 km).
      LonLat sw = RoundPoint(Offset(centre, -1500, -1500));
      LonLat ne = RoundPoint(Offset(centre, 1500, 1500));
      Polygon square;
      square.rings.push_back({{sw.lon_deg, sw.lat_deg}, {ne.lon_deg, sw.lat_deg}, {ne.lon_deg, ne.lat_deg},
                              {sw.lon_deg, ne.lat_deg}, {sw.lon_deg, sw.lat_deg}});
      DemoPark dp;
      dp.park.code = fmt::format("DEMO-P{:02d}", ++n);
      dp.park.name = std::string(seed.name) + std::string(kDemoMark);
      dp.park.kind = seed.kind;
      dp.park.division_code = c.division->code;
      dp.park.boundary = square;
      dp.park.provenance = Provenance::kSynthetic;
      dp.county_index = ci;
      dp.square = square;
      dp.area.polygons.push_back(square);
      CHEMSAFE_RETURN_IF_ERROR(w.UpsertPark(dp.park));
      parks_.push_back(std::move(dp));
      ++report.parks;
    }
    return Status::Ok();
  }

  const DemoPark* ParkFor(size_t county, Sector sector) {
    ParkKind want;
    double p;
    if (sector == Sector::kChemical) {
      want = ParkKind::kChemicalPark;
      p = 0.6;
    } else if (sector == Sector::kPortTerminal) {
      want = ParkKind::kPortZone;
      p = 0.7;
    } else {
      return nullptr;
    }
    for (const DemoPark& dp : parks_) {
      if (dp.county_index == county && dp.park.kind == want) return rng_.Chance(p) ? &dp : nullptr;
    }
    return nullptr;
  }

  static std::string IsoDate(std::chrono::sys_days d) { return Date{std::chrono::year_month_day{d}}.str(); }

  Status MakeEnterprise(store::RegistryWriter& w, int index, DemoReport& report) {
    const size_t si = rng_.Weighted(sector_cumulative_);
    const SectorPlan& plan = SectorPlans()[si];
    const std::vector<size_t>& allowed = sector_counties_[si];
    const size_t ci = allowed.empty() ? rng_.Weighted(county_cumulative_) : allowed[rng_.Below(allowed.size())];
    const County& county = counties_[ci];

    Enterprise e;
    e.provenance = Provenance::kSynthetic;
    e.sector = plan.sector;
    e.division_code = county.division->code;
    // GB 32100-2015: 9 (registered by the market regulator) 1 (enterprise), county code, organisation
    // code "YY" + serial, check character.
    std::string first17 = fmt::format("91{}YY{:07d}", county.division->code, index);
    CHEMSAFE_ASSIGN_OR_RETURN(char check, Uscc::CheckCharacter(first17));
    e.uscc = first17 + check;
    e.name = county.city_short + TradeName(rng_) + plan.trades[rng_.Below(plan.trades.size())] + "有限公司" +
             std::string(kDemoMark);
    e.legal_representative = PersonName(rng_);
    e.address = fmt::format("{}{}{}号", county.full_name, rng_.Pick(kRoads), rng_.Between(1, 999));
    e.activities = plan.activities;
    for (Activity a : plan.sometimes) {
      if (rng_.Chance(0.3)) e.activities.push_back(a);
    }

    std::optional<LonLat> in_park;
    if (const DemoPark* park = ParkFor(ci, plan.sector)) {
      in_park = TryPointIn(county, &park->area, Bounds(park->area));
      if (in_park) e.park_code = park->park.code;
    }
    const LonLat location = in_park ? *in_park : PointIn(county);
    e.location = location;

    // Licences: 3-year validity (危险化学品安全生产许可证实施办法 §24; 危险化学品经营许可证管理办法 §19).
    auto licence = [&](const char* type, const std::string& number) {
      using std::chrono::days;
      const std::chrono::sys_days from =
          std::chrono::sys_days{std::chrono::year{2021} / 1 / 1} + days{rng_.Between(0, 1460)};
      const std::chrono::sys_days to =
          std::chrono::sys_days{std::chrono::year_month_day{from} + std::chrono::years{3}} - days{1};
      e.licences.push_back({type, number, IsoDate(from), IsoDate(to)});
    };
    auto has = [&](Activity a) { return std::find(e.activities.begin(), e.activities.end(), a) != e.activities.end(); };
    if (has(Activity::kProduction) && plan.sector == Sector::kChemical) {
      licence("危险化学品安全生产许可证", fmt::format("（粤）WH安许证字〔演示〕{:06d}", index));
    }
    if (has(Activity::kTrade)) {
      licence("危险化学品经营许可证", fmt::format("粤{}危化经〔演示〕{:06d}", county.city_short, index));
    }

    CHEMSAFE_RETURN_IF_ERROR(w.UpsertEnterprise(e));
    ++report.enterprises;

    // Units.
    std::vector<Profile> units;
    const int np = plan.production.empty() ? 0 : rng_.Between(plan.min_production, plan.max_production);
    for (int k = 0; k < np; ++k) units.push_back(plan.production[rng_.Below(plan.production.size())]);
    const int ns = plan.storage.empty() ? 0 : rng_.Between(plan.min_storage, plan.max_storage);
    for (int k = 0; k < ns; ++k) units.push_back(plan.storage[rng_.Below(plan.storage.size())]);
    if (units.empty()) units.push_back(plan.storage.empty() ? plan.production.front() : plan.storage.front());

    std::map<Profile, int> seen;
    for (size_t k = 0; k < units.size(); ++k) {
      const UnitProfile& profile = Profiles()[static_cast<size_t>(units[k])];
      const int nth = ++seen[units[k]];
      Unit u;
      u.provenance = Provenance::kSynthetic;
      u.enterprise_id = e.id;
      u.enterprise_uscc = e.uscc;
      u.code = fmt::format("U{:02d}", k + 1);
      u.name = nth == 1 ? profile.name : fmt::format("{}{}", profile.name, nth);
      u.kind = profile.kind;
      u.location = RoundPoint(Offset(location, rng_.Uniform(-300, 300), rng_.Uniform(-300, 300)));
      if (rng_.Chance(0.8)) u.declared_exposed_people = rng_.Between(0, 150);
      u.responsible = {{PersonRole::kPrincipal, PersonName(rng_), DemoPhone(rng_)},
                       {PersonRole::kTechnical, PersonName(rng_), DemoPhone(rng_)},
                       {PersonRole::kOperational, PersonName(rng_), DemoPhone(rng_)}};
      if (profile.key_process != nullptr && (units[k] != kFineChemicals || rng_.Chance(0.5))) {
        u.key_processes.emplace_back(profile.key_process);
      }
      CHEMSAFE_RETURN_IF_ERROR(w.UpsertUnit(u));
      ++report.units;

      // Holdings: a random subset (at least min_holdings) of the profile's chemicals.
      std::vector<size_t> order(profile.holdings.size());
      for (size_t j = 0; j < order.size(); ++j) order[j] = j;
      for (size_t j = order.size(); j > 1; --j) std::swap(order[j - 1], order[rng_.Below(j)]);  // Fisher-Yates
      const int count = rng_.Between(profile.min_holdings, static_cast<int>(profile.holdings.size()));
      std::sort(order.begin(), order.begin() + count);
      for (int j = 0; j < count; ++j) {
        const HoldingSpec& spec = profile.holdings[order[static_cast<size_t>(j)]];
        const Chemical& chem = kChemicals[static_cast<size_t>(spec.chem)];
        Holding h;
        h.provenance = Provenance::kSynthetic;
        h.unit_id = u.id;
        h.enterprise_uscc = e.uscc;
        h.unit_code = u.code;
        h.chemical_key = chem.key;
        h.chemical_name = chem.name;
        const double max_t = std::max(0.01, Round(rng_.LogUniform(spec.min_t, spec.max_t), 0.01));
        h.max_quantity_t = max_t;
        h.typical_quantity_t = std::max(0.01, Round(max_t * rng_.Uniform(0.3, 0.9), 0.01));
        h.state = chem.state;
        h.temperature_c = chem.temperature_c;
        h.pressure_mpa = chem.pressure_mpa;
        CHEMSAFE_RETURN_IF_ERROR(w.UpsertHolding(h, options_.holdings_valid_from));
        ++report.holdings;
      }
    }

    // Protected targets around the enterprise, 200 m to 3 km away.
    const int nt = rng_.Between(0, 3);
    for (int k = 0; k < nt; ++k) {
      CHEMSAFE_RETURN_IF_ERROR(MakeTarget(w, location, ci, report));
    }
    return Status::Ok();
  }

  Status MakeTarget(store::RegistryWriter& w, const LonLat& near, size_t county_hint, DemoReport& report) {
    LonLat p;
    const County* county = nullptr;
    for (int attempt = 0; attempt < 20 && county == nullptr; ++attempt) {
      double east = 0, north = 0, r2 = 0;
      do {  // uniform in the annulus 200 m .. 3 km, by rejection from the square
        east = rng_.Uniform(-3000, 3000);
        north = rng_.Uniform(-3000, 3000);
        r2 = east * east + north * north;
      } while (r2 < 200.0 * 200.0 || r2 > 3000.0 * 3000.0);
      p = RoundPoint(Offset(near, east, north));
      county = CountyAt(p, county_hint);
    }
    if (county == nullptr) return Status::Ok();  // at sea: no target

    ProtectedTarget t;
    t.provenance = Provenance::kSynthetic;
    t.code = fmt::format("DEMO-T{:07d}", ++target_serial_);
    t.division_code = county->division->code;
    t.location = p;
    // GB 36894-2018 Table 1 classes: schools, hospitals and care homes are highly sensitive; government
    // offices and cultural relics important; residential areas general class 1 (≥ 30 households or
    // ≥ 100 residents), 2 (10-29 households or 30-99 residents) or 3 (fewer).
    const std::string place = county->city_short + TradeName(rng_);
    const double x = rng_.Unit();
    if (x < 0.15) {
      t.kind = "学校";
      t.target_class = TargetClass::kHighlySensitive;
      static constexpr std::array<const char*, 4> kSchools = {"小学", "中学", "幼儿园", "实验学校"};
      t.name = place + rng_.Pick(kSchools);
      t.day_population = rng_.Between(150, 3000);
      t.night_population = rng_.Chance(0.3) ? t.day_population * 6 / 10 : 0;  // boarding schools
    } else if (x < 0.22) {
      t.kind = "医院";
      t.target_class = TargetClass::kHighlySensitive;
      t.name = place + (rng_.Chance(0.5) ? "医院" : "社区卫生服务中心");
      t.day_population = rng_.Between(200, 2500);
      t.night_population = t.day_population * rng_.Between(20, 45) / 100;
    } else if (x < 0.25) {
      t.kind = "养老院";
      t.target_class = TargetClass::kHighlySensitive;
      t.name = place + "养老院";
      t.night_population = rng_.Between(40, 400);
      t.day_population = t.night_population + t.night_population / 5;
    } else if (x < 0.30) {
      t.kind = "党政机关";
      t.target_class = TargetClass::kImportant;
      t.name = place + "街道办事处";
      t.day_population = rng_.Between(50, 400);
      t.night_population = rng_.Between(0, 10);
    } else if (x < 0.33) {
      t.kind = "文物保护单位";
      t.target_class = TargetClass::kImportant;
      t.name = place + (rng_.Chance(0.5) ? "祠堂" : "古建筑群");
      t.day_population = rng_.Between(10, 300);
      t.night_population = rng_.Between(0, 5);
    } else if (x < 0.40) {
      t.kind = "商业";
      t.target_class = TargetClass::kGeneral1;
      t.name = place + "商业广场";
      t.day_population = rng_.Between(300, 5000);
      t.night_population = rng_.Between(5, 60);
    } else if (x < 0.88) {
      t.kind = "居住区";
      t.target_class = TargetClass::kGeneral1;
      t.name = place + rng_.Pick(kEstateWords);
      t.night_population = rng_.Between(100, 8000);
      t.day_population = t.night_population * rng_.Between(25, 60) / 100;
    } else if (x < 0.96) {
      t.kind = "居住区";
      t.target_class = TargetClass::kGeneral2;
      t.name = place + "村";
      t.night_population = rng_.Between(30, 99);
      t.day_population = t.night_population * rng_.Between(30, 70) / 100;
    } else {
      t.kind = "居住区";
      t.target_class = TargetClass::kGeneral3;
      t.name = place + "村散户";
      t.night_population = rng_.Between(3, 29);
      t.day_population = t.night_population * rng_.Between(30, 80) / 100;
    }
    t.name += std::string(kDemoMark);
    CHEMSAFE_RETURN_IF_ERROR(w.UpsertProtectedTarget(t));
    ++report.protected_targets;
    return Status::Ok();
  }

  const DemoOptions& options_;
  const DemoInputs& inputs_;
  Rng rng_;
  std::vector<County> counties_;
  std::vector<double> county_cumulative_;
  std::vector<double> sector_cumulative_;
  std::vector<std::vector<size_t>> sector_counties_;  // per SectorPlans() entry; empty: any county
  std::vector<DemoPark> parks_;
  std::int64_t target_serial_ = 0;
};

}  // namespace

std::vector<std::string> DemoChemicalKeys() {
  std::vector<std::string> keys;
  for (const Chemical& c : kChemicals) keys.emplace_back(c.key);
  return keys;
}

bool IsDemoUscc(std::string_view uscc) {
  if (uscc.size() != 18 || uscc.substr(0, 2) != "91" || uscc.substr(8, 2) != "YY") return false;
  for (size_t i : {2, 3, 4, 5, 6, 7, 10, 11, 12, 13, 14, 15, 16}) {
    if (uscc[i] < '0' || uscc[i] > '9') return false;
  }
  return Uscc::Parse(uscc).ok();
}

Result<DemoReport> GenerateDemoProvince(const DemoOptions& options, const DemoInputs& inputs,
                                        store::RegistryStore& store, const DemoProgress& progress) {
  // The serial is the last 7 digits of the USCC (IsDemoUscc), so at most 10^7 - 1; a million is plenty.
  if (options.enterprises < 1 || options.enterprises > 1'000'000) {
    return InvalidArgument(fmt::format("enterprises must be between 1 and 1,000,000, got {}", options.enterprises));
  }
  if (inputs.divisions == nullptr || inputs.counties == nullptr) {
    return InvalidArgument("the demo needs the division table and the Guangdong county boundaries");
  }
  if (inputs.chemical_known) {
    std::vector<std::string> missing;
    for (const std::string& key : DemoChemicalKeys()) {
      if (!inputs.chemical_known(key)) missing.push_back(key);
    }
    if (!missing.empty()) {
      return FailedPrecondition(
          fmt::format("the catalogue does not know the demo chemicals {}", fmt::join(missing, ", ")));
    }
  }
  Generator gen(options, inputs);
  CHEMSAFE_RETURN_IF_ERROR(gen.Prepare());
  DemoReport report;
  CHEMSAFE_RETURN_IF_ERROR(store.InTransaction([&](store::RegistryWriter& w) {
    report = DemoReport{};
    return gen.Run(w, progress, report);
  }));
  return report;
}

Result<DemoReport> GenerateDemoProvinceFromData(const DemoOptions& options, const std::string& data_dir,
                                                store::RegistryStore& store, const DemoProgress& progress,
                                                const std::function<bool(std::string_view)>& chemical_known) {
  CHEMSAFE_ASSIGN_OR_RETURN(DivisionTable divisions, reference::LoadDivisionTable(data_dir));
  CHEMSAFE_ASSIGN_OR_RETURN(std::vector<reference::AreaBoundary> counties,
                            reference::LoadGuangdongCounties(data_dir));
  DemoInputs inputs;
  inputs.divisions = &divisions;
  inputs.counties = &counties;
  inputs.chemical_known = chemical_known;
  return GenerateDemoProvince(options, inputs, store, progress);
}

}  // namespace chemsafe::service
