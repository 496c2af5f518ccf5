#include "chemsafe/service/risk_cards.h"

#include <set>

#include <fmt/format.h>

namespace chemsafe::service {
namespace {

void AddUnique(std::vector<std::string>& into, const std::string& text) {
  if (std::find(into.begin(), into.end(), text) == into.end()) into.push_back(text);
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
    card.chemicals.push_back({c->name_zh, c->cas_numbers.empty() ? "" : c->cas_numbers.front(),
                              trace::PictogramsForClassifications(c->classifications),
                              trace::SignalWordForClassifications(c->classifications)});
  }
  card.emergency_phones = {{"火警", "119"}, {"急救", "120"}};
  for (const auto& code : units) {
    CHEMSAFE_ASSIGN_OR_RETURN(auto unit, s.registry.FindUnit(point.enterprise_uscc, code));
    if (!unit) continue;
    for (const auto& r : unit->responsible) {
      if (r.phone.empty()) continue;
      const char* role = r.role == registry::PersonRole::kPrincipal   ? "主要负责人"
                         : r.role == registry::PersonRole::kTechnical ? "技术负责人"
                                                                      : "操作负责人";
      card.emergency_phones.push_back({fmt::format("{} {}", role, r.name), r.phone});
    }
  }
  return card;
}

}  // namespace chemsafe::service
