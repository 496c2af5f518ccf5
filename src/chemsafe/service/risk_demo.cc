#include "chemsafe/service/risk_demo.h"

#include <array>
#include <chrono>
#include <random>

#include <fmt/format.h>

#include "chemsafe/core/calendar.h"

namespace chemsafe::service {
namespace {

// What a unit's chemicals make likely, after their GHS classes.
struct Profile {
  bool flammable = false, toxic = false, corrosive = false, oxidizing = false;
};

Profile ProfileOf(const catalogue::Catalogue& catalogue, const std::vector<registry::Holding>& holdings) {
  Profile p;
  using catalogue::HazardClass;
  for (const auto& h : holdings) {
    const catalogue::Chemical* c = catalogue.FindByKey(h.chemical_key);
    if (c == nullptr) continue;
    if (c->highly_toxic) p.toxic = true;
    for (const auto& k : c->classifications) {
      switch (k.hazard_class) {
        case HazardClass::kFlammableGases:
        case HazardClass::kFlammableLiquids:
        case HazardClass::kFlammableSolids:
        case HazardClass::kPyrophoricLiquids:
        case HazardClass::kPyrophoricSolids:
        case HazardClass::kExplosives: p.flammable = true; break;
        case HazardClass::kAcuteToxicity:
          if (k.category == "1" || k.category == "2" || k.category == "3") p.toxic = true;
          break;
        case HazardClass::kSkinCorrosionIrritation:
          if (k.category.starts_with("1")) p.corrosive = true;
          break;
        case HazardClass::kOxidizingGases:
        case HazardClass::kOxidizingLiquids:
        case HazardClass::kOxidizingSolids:
        case HazardClass::kOrganicPeroxides: p.oxidizing = true; break;
        default: break;
      }
    }
  }
  return p;
}

// LEC scores a demo point may get: (L, E, C), from 稍有危险 to 极其危险, the likelier ones repeated.
constexpr std::array<std::array<double, 3>, 10> kScores = {{{1, 6, 3},
                                                            {3, 6, 3},
                                                            {1, 6, 7},
                                                            {3, 6, 7},
                                                            {3, 3, 15},
                                                            {6, 6, 3},
                                                            {3, 6, 15},
                                                            {1, 6, 40},
                                                            {6, 6, 7},
                                                            {10, 6, 7}}};

}  // namespace

Result<RiskDemoResult> GenerateRiskDemo(RiskStores s, const risk::RiskMethods& methods, const catalogue::Catalogue& catalogue,
                                        const RiskDemoOptions& o) {
  if (o.per_enterprise < 1) return InvalidArgument("per_enterprise: at least 1");
  std::mt19937_64 rng(o.seed);
  std::uniform_int_distribution<std::size_t> pick_score(0, kScores.size() - 1);
  std::vector<registry::Unit> units;
  std::map<std::int64_t, int> taken;  // enterprise id -> units given a point
  CHEMSAFE_RETURN_IF_ERROR(s.registry.ForEachUnit([&](const registry::Unit& u) {
    if (taken[u.enterprise_id]++ < o.per_enterprise) units.push_back(u);
    return Status::Ok();
  }));
  Actor actor;
  actor.principal.username = "demo";
  actor.principal.role = Role::kProvince;
  actor.client = "demo";
  const std::string at = UtcText(std::chrono::system_clock::now());
  RiskDemoResult result;
  for (const registry::Unit& u : units) {
    CHEMSAFE_ASSIGN_OR_RETURN(auto holdings, s.registry.HoldingsOfUnit(u.id));
    const Profile profile = ProfileOf(catalogue, holdings);
    risk::RiskPoint p;
    p.enterprise_uscc = u.enterprise_uscc;
    p.unit_code = u.code;
    p.area = u.name;
    p.post = fmt::format("{}操作岗", u.name);
    for (const auto& h : holdings) {
      if (p.chemicals.size() < 4) p.chemicals.push_back(h.chemical_key);
    }
    using risk::MeasureCategory;
    if (profile.toxic) {
      p.name = fmt::format("{}有毒物料泄漏（演示）", u.name);
      p.hazards = {"中毒和窒息", "环境污染"};
      p.measures.push_back({MeasureCategory::kEngineering, "设置有毒气体检测报警仪并与紧急切断阀联锁"});
      p.measures.push_back({MeasureCategory::kPpe, "配备正压式空气呼吸器、防毒面具和防化服"});
      p.measures.push_back({MeasureCategory::kEmergency, "泄漏时佩戴空气呼吸器关闭切断阀，疏散下风向人员，拨打应急电话"});
    } else if (profile.flammable) {
      p.name = fmt::format("{}易燃物料泄漏引发火灾爆炸（演示）", u.name);
      p.hazards = {"火灾", "其他爆炸"};
      p.measures.push_back({MeasureCategory::kEngineering, "设置可燃气体检测报警仪，防爆电气，静电接地"});
      p.measures.push_back({MeasureCategory::kManagement, "严格执行动火作业票证制度，定期巡检"});
      p.measures.push_back({MeasureCategory::kEmergency, "发生泄漏立即切断物料、消除火源，启动消防水喷淋"});
    } else if (profile.corrosive || profile.oxidizing) {
      p.name = fmt::format("{}腐蚀性或氧化性物料泄漏（演示）", u.name);
      p.hazards = {"灼烫", profile.oxidizing ? "火灾" : "中毒和窒息"};
      p.measures.push_back({MeasureCategory::kEngineering, "设置围堰和洗眼器、紧急喷淋装置"});
      p.measures.push_back({MeasureCategory::kPpe, "佩戴防酸碱手套、护目镜和防护服"});
    } else {
      p.name = fmt::format("{}物料储存与装卸（演示）", u.name);
      p.hazards = {"物体打击", "车辆伤害"};
      p.measures.push_back({MeasureCategory::kManagement, "装卸作业专人监护，严格执行操作规程"});
    }
    p.measures.push_back({MeasureCategory::kTraining, "岗位人员每年接受安全培训并考核合格"});
    const auto& score = kScores[pick_score(rng)];
    p.assessment = {risk::AssessmentMethod::kLec, score[0], score[1], score[2]};
    p.control_level = score[0] * score[1] * score[2] > 160 ? risk::ControlLevel::kCompany : risk::ControlLevel::kWorkshop;
    p.responsible_department = "安全环保部";
    p.responsible_person = "（演示）安全负责人";
    p.control_status = risk::ControlStatus::kControlled;
    p.review_due = o.review_due;
    p.location = u.location;
    CHEMSAFE_ASSIGN_OR_RETURN(risk::RiskPoint saved, SaveRiskPointAs(s, methods, actor, at, std::move(p)));
    ++result.points;
    ++result.by_grade[saved.grade];
    if (!saved.floors.empty()) ++result.raised_by_floors;
  }
  return result;
}

}  // namespace chemsafe::service
