#include "chemsafe/service/risk_service.h"

#include <algorithm>

#include <fmt/format.h>

#include "chemsafe/service/internal/json_reader.h"
#include "chemsafe/service/trace_views.h"

namespace chemsafe::service {
namespace {

using json = nlohmann::json;
using ordered_json = nlohmann::ordered_json;

using Reader = internal::JsonReader;

bool MayWrite(const Principal& who, const std::string& uscc) {
  if (who.role == Role::kProvince) return true;
  return who.role == Role::kEnterprise && !who.enterprise_uscc.empty() && who.enterprise_uscc == uscc;
}

Result<risk::RiskPoint> FromRecord(const store::RiskPointRecord& r) {
  json body = json::parse(r.body, nullptr, false);
  if (body.is_discarded()) return Internal(fmt::format("risk point {}: stored body is not JSON", r.id));
  CHEMSAFE_ASSIGN_OR_RETURN(risk::RiskPoint p, RiskPointFromJson(body));
  // What the store keeps beside the body.
  p.id = r.id;
  p.version = r.version;
  p.updated_at = r.updated_at;
  p.updated_by = r.updated_by;
  // The derived values, as graded when saved.
  p.score = body.value("score", 0.0);
  p.band_zh = body.value("band", std::string());
  p.assessed_grade = risk::ParseRiskGrade(body.value("assessed_grade", std::string())).value_or(risk::RiskGrade::kLow);
  p.grade = risk::ParseRiskGrade(body.value("grade", std::string())).value_or(risk::RiskGrade::kLow);
  p.floors.clear();
  if (body.contains("floors") && body["floors"].is_array()) {
    for (const auto& f : body["floors"]) {
      if (f.is_string()) p.floors.push_back(f.get<std::string>());
    }
  }
  return p;
}

}  // namespace

ordered_json RiskPointJson(const risk::RiskPoint& p) {
  ordered_json assessment = {{"method", risk::AssessmentMethodCode(p.assessment.method)}};
  if (p.assessment.method == risk::AssessmentMethod::kLec) {
    assessment["l"] = p.assessment.l;
    assessment["e"] = p.assessment.e;
    assessment["c"] = p.assessment.c;
  } else {
    assessment["l"] = p.assessment.matrix_l;
    assessment["s"] = p.assessment.matrix_s;
  }
  ordered_json measures = ordered_json::array();
  for (const auto& m : p.measures) {
    measures.push_back({{"category", risk::MeasureCategoryCode(m.category)}, {"category_zh", risk::MeasureCategoryZh(m.category)},
                        {"text", m.text}});
  }
  ordered_json out = {{"id", p.id},
                      {"enterprise_uscc", p.enterprise_uscc},
                      {"unit_code", p.unit_code},
                      {"area", p.area},
                      {"name", p.name},
                      {"post", p.post},
                      {"hazards", p.hazards},
                      {"chemicals", p.chemicals},
                      {"assessment", std::move(assessment)},
                      {"measures", std::move(measures)},
                      {"control_level", risk::ControlLevelCode(p.control_level)},
                      {"responsible_department", p.responsible_department},
                      {"responsible_person", p.responsible_person},
                      {"control_status", risk::ControlStatusCode(p.control_status)},
                      {"review_due", p.review_due},
                      {"location", p.location ? ordered_json{{"lon", p.location->lon_deg}, {"lat", p.location->lat_deg}}
                                              : ordered_json(nullptr)},
                      {"score", p.score},
                      {"band", p.band_zh},
                      {"assessed_grade", risk::RiskGradeCode(p.assessed_grade)},
                      {"grade", risk::RiskGradeCode(p.grade)},
                      {"grade_zh", risk::RiskGradeZh(p.grade)},
                      {"colour", risk::RiskColourCode(p.grade)},
                      {"floors", p.floors},
                      {"version", p.version},
                      {"updated_at", p.updated_at},
                      {"updated_by", p.updated_by}};
  return out;
}

Result<risk::RiskPoint> RiskPointFromJson(const json& j) {
  if (!j.is_object()) return InvalidArgument("risk point: not a JSON object");
  const Reader r(j, "");
  risk::RiskPoint p;
  if (r.Has("id")) {
    if (!r.At("id").is_number_integer()) return InvalidArgument("id: not an integer");
    p.id = r.At("id").get<std::int64_t>();
  }
  if (r.Has("version")) {
    if (!r.At("version").is_number_integer()) return InvalidArgument("version: not an integer");
    p.version = r.At("version").get<int>();
  }
  CHEMSAFE_ASSIGN_OR_RETURN(p.enterprise_uscc, r.Text("enterprise_uscc", true));
  CHEMSAFE_ASSIGN_OR_RETURN(p.unit_code, r.Text("unit_code", false));
  CHEMSAFE_ASSIGN_OR_RETURN(p.area, r.Text("area", true));
  CHEMSAFE_ASSIGN_OR_RETURN(p.name, r.Text("name", true));
  CHEMSAFE_ASSIGN_OR_RETURN(p.post, r.Text("post", false));
  CHEMSAFE_ASSIGN_OR_RETURN(p.hazards, r.Texts("hazards"));
  CHEMSAFE_ASSIGN_OR_RETURN(p.chemicals, r.Texts("chemicals"));
  if (!r.Has("assessment") || !r.At("assessment").is_object()) return InvalidArgument("assessment: missing or not an object");
  const Reader a(r.At("assessment"), "assessment");
  CHEMSAFE_ASSIGN_OR_RETURN(p.assessment.method, a.Code<risk::AssessmentMethod>("method", risk::ParseAssessmentMethod, "lec, ls"));
  if (p.assessment.method == risk::AssessmentMethod::kLec) {
    CHEMSAFE_ASSIGN_OR_RETURN(p.assessment.l, a.Number("l"));
    CHEMSAFE_ASSIGN_OR_RETURN(p.assessment.e, a.Number("e"));
    CHEMSAFE_ASSIGN_OR_RETURN(p.assessment.c, a.Number("c"));
  } else {
    for (auto [key, into] : {std::pair{"l", &p.assessment.matrix_l}, std::pair{"s", &p.assessment.matrix_s}}) {
      CHEMSAFE_ASSIGN_OR_RETURN(double v, a.Number(key));
      if (v != static_cast<int>(v)) return InvalidArgument(fmt::format("assessment.{}: {:g} is not a whole level", key, v));
      *into = static_cast<int>(v);
    }
  }
  if (r.Has("measures")) {
    if (!r.At("measures").is_array()) return InvalidArgument("measures: not an array");
    for (std::size_t k = 0; k < r.At("measures").size(); ++k) {
      const Reader m(r.At("measures")[k], fmt::format("measures[{}]", k));
      risk::ControlMeasure cm;
      CHEMSAFE_ASSIGN_OR_RETURN(cm.category, m.Code<risk::MeasureCategory>("category", risk::ParseMeasureCategory,
                                                                             "engineering, management, training, ppe, emergency"));
      CHEMSAFE_ASSIGN_OR_RETURN(cm.text, m.Text("text", true));
      p.measures.push_back(std::move(cm));
    }
  }
  CHEMSAFE_ASSIGN_OR_RETURN(p.control_level, r.Code<risk::ControlLevel>("control_level", risk::ParseControlLevel,
                                                                         "company, workshop, team, post"));
  CHEMSAFE_ASSIGN_OR_RETURN(p.responsible_department, r.Text("responsible_department", true));
  CHEMSAFE_ASSIGN_OR_RETURN(p.responsible_person, r.Text("responsible_person", true));
  CHEMSAFE_ASSIGN_OR_RETURN(p.control_status, r.Code<risk::ControlStatus>("control_status", risk::ParseControlStatus,
                                                                           "controlled, deficient, uncontrolled"));
  CHEMSAFE_ASSIGN_OR_RETURN(p.review_due, r.Text("review_due", true));
  if (r.Has("location")) {
    const Reader l(r.At("location"), "location");
    CHEMSAFE_ASSIGN_OR_RETURN(double lon, l.Number("lon"));
    CHEMSAFE_ASSIGN_OR_RETURN(double lat, l.Number("lat"));
    auto ll = ParseLonLat(lon, lat);
    if (!ll.ok()) return ll.status().WithContext("location");
    p.location = *ll;
  }
  return p;
}

Result<risk::RiskFacts> RiskFactsOf(RiskStores s, const std::string& uscc, const std::string& unit_code) {
  CHEMSAFE_ASSIGN_OR_RETURN(auto enterprise, s.registry.FindEnterprise(uscc));
  if (!enterprise) return NotFound(fmt::format("enterprise_uscc: {} is not in the registry", uscc));
  risk::RiskFacts facts;
  if (unit_code.empty()) return facts;
  CHEMSAFE_ASSIGN_OR_RETURN(auto unit, s.registry.FindUnit(uscc, unit_code));
  if (!unit) return NotFound(fmt::format("unit_code: {} has no unit {}", uscc, unit_code));
  facts.key_process = !unit->key_processes.empty();
  CHEMSAFE_ASSIGN_OR_RETURN(auto assessed, s.hazard.LatestAssessment(unit->id));
  if (assessed && assessed->major_hazard && assessed->grade) facts.mhi_grade = *assessed->grade;
  return facts;
}

Result<risk::RiskPoint> SaveRiskPointAs(RiskStores s, const risk::RiskMethods& methods, const Actor& actor,
                                        const std::string& at, risk::RiskPoint point) {
  const Principal& who = actor.principal;
  if (!MayWrite(who, point.enterprise_uscc)) {
    return PermissionDenied(fmt::format("{} may not write the risk points of {}", who.username, point.enterprise_uscc));
  }
  if (point.id != 0) {
    // A change keeps its enterprise: moving a point to another enterprise is a new point.
    CHEMSAFE_ASSIGN_OR_RETURN(auto stored, s.risk.FindPoint(point.id));
    if (!stored || !MayWrite(who, stored->enterprise_uscc)) return NotFound(fmt::format("risk point {}: not found", point.id));
    if (stored->enterprise_uscc != point.enterprise_uscc) {
      return InvalidArgument(fmt::format("enterprise_uscc: risk point {} belongs to {}", point.id, stored->enterprise_uscc));
    }
  }
  CHEMSAFE_ASSIGN_OR_RETURN(risk::RiskFacts facts, RiskFactsOf(s, point.enterprise_uscc, point.unit_code));
  CHEMSAFE_RETURN_IF_ERROR(risk::GradeRiskPoint(point, methods, facts));
  point.updated_at = at;
  point.updated_by = who.username;
  store::RiskPointRecord record;
  record.id = point.id;
  record.version = point.version;
  record.enterprise_uscc = point.enterprise_uscc;
  record.unit_code = point.unit_code;
  record.name = point.name;
  record.grade = static_cast<int>(point.grade);
  record.control_status = static_cast<int>(point.control_status);
  record.review_due = point.review_due;
  if (point.location) {
    record.lon = point.location->lon_deg;
    record.lat = point.location->lat_deg;
  }
  record.body = RiskPointJson(point).dump();
  record.updated_at = at;
  record.updated_by = who.username;
  audit::AuditRecord audit = AuditOf(actor, at, point.id == 0 ? "risk_point.create" : "risk_point.update", "",
                                     fmt::format("ok: {} {}", risk::RiskGradeCode(point.grade), point.name));
  CHEMSAFE_RETURN_IF_ERROR(s.risk.SavePoint(record, audit));
  point.id = record.id;
  point.version = record.version;
  return point;
}

Result<std::vector<risk::RiskPoint>> ListRiskPointsInScope(RiskStores s, const Principal& who, const RiskPointQuery& q) {
  CHEMSAFE_ASSIGN_OR_RETURN(TraceScope scope, TraceScopeOf(s.registry, who));
  store::RiskPointFilter f;
  f.offset = q.offset;
  f.limit = q.limit;
  if (q.min_grade) f.min_grade = static_cast<int>(*q.min_grade);
  if (!q.enterprise_uscc.empty()) {
    if (!scope.Holds(q.enterprise_uscc)) return std::vector<risk::RiskPoint>();
    f.enterprises = {q.enterprise_uscc};
  } else if (!scope.all) {
    if (scope.usccs.empty()) return std::vector<risk::RiskPoint>();
    if (who.role == Role::kCity || who.role == Role::kCounty) {
      f.division_prefix = who.DivisionPrefix();
    } else {
      f.enterprises.assign(scope.usccs.begin(), scope.usccs.end());
    }
  }
  CHEMSAFE_ASSIGN_OR_RETURN(auto records, s.risk.ListPoints(f));
  std::vector<risk::RiskPoint> out;
  for (const auto& r : records) {
    CHEMSAFE_ASSIGN_OR_RETURN(risk::RiskPoint p, FromRecord(r));
    out.push_back(std::move(p));
  }
  return out;
}

Result<risk::RiskPoint> RiskPointInScope(RiskStores s, const Principal& who, std::int64_t id, std::optional<int> version) {
  CHEMSAFE_ASSIGN_OR_RETURN(auto current, s.risk.FindPoint(id));
  const auto not_found = NotFound(fmt::format("risk point {}: not found", id));
  if (!current) return not_found;
  CHEMSAFE_ASSIGN_OR_RETURN(TraceScope scope, TraceScopeOf(s.registry, who));
  if (!scope.Holds(current->enterprise_uscc)) return not_found;
  if (!version || *version == current->version) return FromRecord(*current);
  CHEMSAFE_ASSIGN_OR_RETURN(auto old, s.risk.PointAtVersion(id, *version));
  if (!old) return NotFound(fmt::format("risk point {}: no version {}", id, *version));
  return FromRecord(*old);
}

}  // namespace chemsafe::service
