#include "chemsafe/service/risk_cards.h"

#include <set>

#include <nlohmann/json.hpp>

#include <fmt/format.h>

#include "chemsafe/service/platform_views.h"

namespace chemsafe::service {
namespace {

void AddUnique(std::vector<std::string>& into, const std::string& text) {
  if (std::find(into.begin(), into.end(), text) == into.end()) into.push_back(text);
}

cards::CardChemical CardChemicalOf(const catalogue::Chemical& c) {
  return {c.name_zh, c.cas_numbers.empty() ? "" : c.cas_numbers.front(),
          trace::PictogramsForClassifications(c.classifications), trace::SignalWordForClassifications(c.classifications)};
}

// The emergency phones of a card: 火警 119, 急救 120, then the unit's responsible persons who have a phone.
std::vector<cards::Phone> EmergencyPhones(const std::vector<registry::ResponsiblePerson>& responsible) {
  std::vector<cards::Phone> phones = {{"火警", "119"}, {"急救", "120"}};
  for (const auto& r : responsible) {
    if (r.phone.empty()) continue;
    const char* role = r.role == registry::PersonRole::kPrincipal   ? "主要负责人"
                       : r.role == registry::PersonRole::kTechnical ? "技术负责人"
                                                                    : "操作负责人";
    phones.push_back({fmt::format("{} {}", role, r.name), r.phone});
  }
  return phones;
}

// The accidents a GHS pictogram implies (the notice's 可能发生的事故类型).
const char* AccidentOfPictogram(const std::string& code) {
  if (code == "GHS01") return "爆炸";
  if (code == "GHS02") return "火灾";
  if (code == "GHS04") return "容器爆裂";
  if (code == "GHS05") return "灼伤";
  if (code == "GHS06") return "中毒";
  return nullptr;
}

}  // namespace

Result<cards::PostRiskCard> PostRiskCardOf(RiskStores s, const catalogue::Catalogue& catalogue, const Principal& who,
                                           std::int64_t id, std::optional<int> version, const std::string& record_url) {
  CHEMSAFE_ASSIGN_OR_RETURN(risk::RiskPoint point, RiskPointInScope(s, who, id, version));
  std::vector<risk::RiskPoint> points;
  const bool current = !version.has_value();
  if (current && !point.post.empty()) {
    RiskPointQuery q;
    q.enterprise_uscc = point.enterprise_uscc;
    q.limit = 10'000;
    CHEMSAFE_ASSIGN_OR_RETURN(auto all, ListRiskPointsInScope(s, who, q));
    for (auto& p : all) {
      if (p.post == point.post) points.push_back(std::move(p));
    }
  } else {
    points.push_back(point);
  }
  CHEMSAFE_ASSIGN_OR_RETURN(auto enterprise, s.registry.FindEnterprise(point.enterprise_uscc));
  if (!enterprise) return NotFound(fmt::format("enterprise {}: not in the registry", point.enterprise_uscc));

  cards::PostRiskCard card;
  card.record.url = record_url;
  card.record.version = point.version;
  card.record.date = point.updated_at.substr(0, 10);
  card.enterprise = enterprise->name;
  card.post = point.post.empty() ? point.area : point.post;
  card.responsible.name = point.responsible_person;
  std::set<std::string> chemicals;
  std::set<std::string> units;
  for (const auto& p : points) {
    card.risk_points.push_back({p.name, p.grade, p.hazards});
    for (const auto& key : p.chemicals) chemicals.insert(key);
    if (!p.unit_code.empty()) units.insert(p.unit_code);
    for (const auto& m : p.measures) {
      switch (m.category) {
        case risk::MeasureCategory::kEngineering: AddUnique(card.measures.engineering, m.text); break;
        case risk::MeasureCategory::kManagement: AddUnique(card.measures.management, m.text); break;
        case risk::MeasureCategory::kTraining: AddUnique(card.measures.training, m.text); break;
        case risk::MeasureCategory::kPpe: AddUnique(card.measures.ppe, m.text); break;
        case risk::MeasureCategory::kEmergency: AddUnique(card.emergency_actions, m.text); break;
      }
    }
  }
  if (card.emergency_actions.empty()) {
    return FailedPrecondition(fmt::format("{}: no emergency measure (应急处置措施) among the risk points of this post; add one "
                                          "before printing its card", card.post));
  }
  for (const auto& key : chemicals) {
    const catalogue::Chemical* c = catalogue.FindByKey(key);
    if (c == nullptr) continue;
    card.chemicals.push_back(CardChemicalOf(*c));
  }
  card.emergency_phones = EmergencyPhones({});
  for (const auto& code : units) {
    CHEMSAFE_ASSIGN_OR_RETURN(auto unit, s.registry.FindUnit(point.enterprise_uscc, code));
    if (!unit) continue;
    auto phones = EmergencyPhones(unit->responsible);
    card.emergency_phones.insert(card.emergency_phones.end(), phones.begin() + 2, phones.end());
  }
  return card;
}

Result<cards::MhiNotice> MhiNoticeOf(RiskStores s, const catalogue::Catalogue& catalogue, const Principal& who,
                                     std::int64_t unit_id, std::optional<int> version, const std::string& record_url) {
  CHEMSAFE_ASSIGN_OR_RETURN(UnitDetail detail, GetUnit(ViewStores{s.registry, s.hazard}, who, unit_id));
  CHEMSAFE_ASSIGN_OR_RETURN(auto history, s.hazard.AssessmentHistory(unit_id));
  if (history.empty()) return NotFound(fmt::format("unit {}: not assessed under GB 18218-2018", unit_id));
  const int n = version.value_or(static_cast<int>(history.size()));
  if (n < 1 || n > static_cast<int>(history.size())) {
    return NotFound(fmt::format("version: unit {} has assessments 1 to {}", unit_id, history.size()));
  }
  const store::HazardAssessmentRecord& a = history[static_cast<std::size_t>(n - 1)];
  if (!a.major_hazard || !a.grade || !a.r) {
    return FailedPrecondition(fmt::format("unit {} is not a major hazard installation in assessment {} of {}", unit_id,
                                          n, a.assessed_at.substr(0, 10)));
  }
  cards::MhiNotice notice;
  notice.record = {record_url, n, a.assessed_at.substr(0, 10)};
  notice.enterprise = detail.enterprise.name;
  notice.installation = detail.unit.name;
  notice.grade = static_cast<cards::MhiGrade>(*a.grade);
  notice.r_value = *a.r;
  std::vector<std::string> accidents;
  const auto d = nlohmann::json::parse(a.detail, nullptr, false);
  if (d.is_object() && d.contains("holdings") && d["holdings"].is_array()) {
    for (const auto& h : d["holdings"]) {
      if (!h.is_object() || !h.contains("q_t") || !h.contains("Q_t")) continue;
      const catalogue::Chemical* c = nullptr;
      if (h.contains("cas") && h["cas"].is_string()) c = catalogue.FindByCas(h["cas"].get<std::string>());
      cards::MhiChemical m;
      if (c != nullptr) {
        m.chemical = CardChemicalOf(*c);
      } else {
        m.chemical.name_zh = h.value("name", h.value("cas", std::string("?")));
      }
      m.quantity_t = h["q_t"].get<double>();
      m.critical_quantity_t = h["Q_t"].get<double>();
      for (const auto& p : m.chemical.pictograms) {
        if (const char* accident = AccidentOfPictogram(p)) AddUnique(accidents, accident);
      }
      notice.chemicals.push_back(std::move(m));
    }
  }
  RiskPointQuery q;
  q.enterprise_uscc = detail.enterprise.uscc;
  q.limit = 10'000;
  CHEMSAFE_ASSIGN_OR_RETURN(auto points, ListRiskPointsInScope(s, who, q));
  for (const auto& p : points) {
    if (p.unit_code != detail.unit.code) continue;
    for (const auto& h : p.hazards) AddUnique(notice.accidents, h);
    for (const auto& m : p.measures) AddUnique(notice.measures, m.text);
  }
  for (const auto& accident : accidents) AddUnique(notice.accidents, accident);
  if (notice.measures.empty()) {
    return FailedPrecondition(fmt::format("{}: no control measure among the risk points of this installation; record its "
                                          "risk points before printing its notice",
                                          detail.unit.name));
  }
  for (const auto& r : detail.unit.responsible) {
    cards::Person person{r.name, r.phone};
    if (r.role == registry::PersonRole::kPrincipal) notice.principal = person;
    else if (r.role == registry::PersonRole::kTechnical) notice.technical = person;
    else notice.operational = person;
  }
  for (const auto& [person, role] : {std::pair{&notice.principal, "主要负责人"}, std::pair{&notice.technical, "技术负责人"},
                                     std::pair{&notice.operational, "操作负责人"}}) {
    if (person->name.empty()) {
      return FailedPrecondition(fmt::format("{}: no {} (包保责任人) in the registry", detail.unit.name, role));
    }
  }
  return notice;
}

Result<cards::EmergencyCard> EmergencyCardOf(RiskStores s, const Principal& who, std::int64_t id,
                                             std::optional<int> version, const std::string& record_url) {
  CHEMSAFE_ASSIGN_OR_RETURN(risk::RiskPoint point, RiskPointInScope(s, who, id, version));
  CHEMSAFE_ASSIGN_OR_RETURN(auto enterprise, s.registry.FindEnterprise(point.enterprise_uscc));
  if (!enterprise) return NotFound(fmt::format("enterprise {}: not in the registry", point.enterprise_uscc));
  cards::EmergencyCard card;
  card.record = {record_url, point.version, point.updated_at.substr(0, 10)};
  card.title = point.name + "应急处置卡";
  card.enterprise = enterprise->name;
  card.location = point.post.empty() ? point.area : point.post;
  for (const auto& h : point.hazards) card.activation_conditions.push_back(fmt::format("发生{}或出现其征兆时", h));
  cards::RoleActions post{point.post.empty() ? "现场人员" : point.post, {}};
  for (const auto& m : point.measures) {
    if (m.category == risk::MeasureCategory::kEmergency) post.steps.push_back(m.text);
    if (m.category == risk::MeasureCategory::kPpe) AddUnique(card.equipment, m.text);
    if (m.category == risk::MeasureCategory::kManagement) AddUnique(card.precautions, m.text);
  }
  if (post.steps.empty()) {
    return FailedPrecondition(fmt::format("{}: no emergency measure (应急处置措施); add one before printing its card", point.name));
  }
  card.actions.push_back(std::move(post));
  card.precautions.push_back(fmt::format("风险等级：{}", risk::RiskGradeZh(point.grade)));
  if (!point.responsible_person.empty()) {
    card.precautions.push_back(fmt::format("责任人：{} {}", point.responsible_department, point.responsible_person));
  }
  card.contacts = EmergencyPhones({});
  if (!point.unit_code.empty()) {
    CHEMSAFE_ASSIGN_OR_RETURN(auto unit, s.registry.FindUnit(point.enterprise_uscc, point.unit_code));
    if (unit) card.contacts = EmergencyPhones(unit->responsible);
  }
  return card;
}

}  // namespace chemsafe::service
