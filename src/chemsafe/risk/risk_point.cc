#include "chemsafe/risk/risk_point.h"

#include <array>
#include <chrono>

#include <fmt/format.h>

namespace chemsafe::risk {
namespace {

// An enum's persisted code and Chinese name, one table per enum.
template <typename E>
struct Named {
  E value;
  std::string_view code, zh;
};

constexpr std::array<Named<AssessmentMethod>, 2> kMethods = {{{AssessmentMethod::kLec, "lec", "作业条件危险性评价法"},
                                                              {AssessmentMethod::kMatrix, "ls", "风险矩阵法"}}};
constexpr std::array<Named<ControlLevel>, 4> kLevels = {{{ControlLevel::kCompany, "company", "公司级"},
                                                         {ControlLevel::kWorkshop, "workshop", "车间级"},
                                                         {ControlLevel::kTeam, "team", "班组级"},
                                                         {ControlLevel::kPost, "post", "岗位级"}}};
constexpr std::array<Named<MeasureCategory>, 5> kCategories = {{{MeasureCategory::kEngineering, "engineering", "工程技术措施"},
                                                                {MeasureCategory::kManagement, "management", "管理措施"},
                                                                {MeasureCategory::kTraining, "training", "培训教育措施"},
                                                                {MeasureCategory::kPpe, "ppe", "个体防护措施"},
                                                                {MeasureCategory::kEmergency, "emergency", "应急处置措施"}}};
constexpr std::array<Named<ControlStatus>, 3> kStatuses = {{{ControlStatus::kControlled, "controlled", "受控"},
                                                            {ControlStatus::kDeficient, "deficient", "管控措施不足"},
                                                            {ControlStatus::kUncontrolled, "uncontrolled", "失控"}}};

template <typename E, std::size_t N>
const Named<E>* Find(const std::array<Named<E>, N>& table, E value) {
  for (const auto& n : table) {
    if (n.value == value) return &n;
  }
  return nullptr;
}

template <typename E, std::size_t N>
std::string_view CodeOf(const std::array<Named<E>, N>& table, E value) {
  const Named<E>* n = Find(table, value);
  return n != nullptr ? n->code : std::string_view("unknown");
}

template <typename E, std::size_t N>
std::string_view ZhOf(const std::array<Named<E>, N>& table, E value) {
  const Named<E>* n = Find(table, value);
  return n != nullptr ? n->zh : std::string_view("未知");
}

template <typename E, std::size_t N>
std::optional<E> Parse(const std::array<Named<E>, N>& table, std::string_view code) {
  for (const auto& n : table) {
    if (n.code == code || n.zh == code) return n.value;
  }
  return std::nullopt;
}

bool IsDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  int y = 0;
  unsigned m = 0, d = 0;
  for (std::size_t k : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u}) {
    if (text[k] < '0' || text[k] > '9') return false;
  }
  y = std::stoi(std::string(text.substr(0, 4)));
  m = static_cast<unsigned>(std::stoi(std::string(text.substr(5, 2))));
  d = static_cast<unsigned>(std::stoi(std::string(text.substr(8, 2))));
  return std::chrono::year_month_day(std::chrono::year(y), std::chrono::month(m), std::chrono::day(d)).ok();
}

}  // namespace

std::string_view AssessmentMethodCode(AssessmentMethod m) { return CodeOf(kMethods, m); }
std::optional<AssessmentMethod> ParseAssessmentMethod(std::string_view code) { return Parse(kMethods, code); }
std::string_view ControlLevelCode(ControlLevel l) { return CodeOf(kLevels, l); }
std::string_view ControlLevelZh(ControlLevel l) { return ZhOf(kLevels, l); }
std::optional<ControlLevel> ParseControlLevel(std::string_view code) { return Parse(kLevels, code); }
std::string_view MeasureCategoryCode(MeasureCategory c) { return CodeOf(kCategories, c); }
std::string_view MeasureCategoryZh(MeasureCategory c) { return ZhOf(kCategories, c); }
std::optional<MeasureCategory> ParseMeasureCategory(std::string_view code) { return Parse(kCategories, code); }
std::string_view ControlStatusCode(ControlStatus s) { return CodeOf(kStatuses, s); }
std::string_view ControlStatusZh(ControlStatus s) { return ZhOf(kStatuses, s); }
std::optional<ControlStatus> ParseControlStatus(std::string_view code) { return Parse(kStatuses, code); }

Status ValidateRiskPoint(const RiskPoint& p) {
  auto required = [](std::string_view field, const std::string& value) -> Status {
    if (value.find_first_not_of(" \t") == std::string::npos) return InvalidArgument(fmt::format("{}: empty", field));
    return Status::Ok();
  };
  CHEMSAFE_RETURN_IF_ERROR(required("enterprise_uscc", p.enterprise_uscc));
  CHEMSAFE_RETURN_IF_ERROR(required("area", p.area));
  CHEMSAFE_RETURN_IF_ERROR(required("name", p.name));
  if (p.hazards.empty()) return InvalidArgument("hazards: at least one hazard (危险有害因素)");
  for (std::size_t k = 0; k < p.hazards.size(); ++k) {
    CHEMSAFE_RETURN_IF_ERROR(required(fmt::format("hazards[{}]", k), p.hazards[k]));
  }
  for (std::size_t k = 0; k < p.chemicals.size(); ++k) {
    CHEMSAFE_RETURN_IF_ERROR(required(fmt::format("chemicals[{}]", k), p.chemicals[k]));
  }
  if (p.measures.empty()) return InvalidArgument("measures: at least one control measure");
  for (std::size_t k = 0; k < p.measures.size(); ++k) {
    CHEMSAFE_RETURN_IF_ERROR(required(fmt::format("measures[{}].text", k), p.measures[k].text));
  }
  CHEMSAFE_RETURN_IF_ERROR(required("responsible_department", p.responsible_department));
  CHEMSAFE_RETURN_IF_ERROR(required("responsible_person", p.responsible_person));
  if (!IsDate(p.review_due)) return InvalidArgument(fmt::format("review_due: \"{}\" is not a date YYYY-MM-DD", p.review_due));
  return Status::Ok();
}

Status GradeRiskPoint(RiskPoint& p, const RiskMethods& methods, const RiskFacts& facts) {
  CHEMSAFE_RETURN_IF_ERROR(ValidateRiskPoint(p));
  const AssessmentInput& a = p.assessment;
  if (a.method == AssessmentMethod::kLec) {
    auto r = GradeLec(methods.lec, a.l, a.e, a.c);
    if (!r.ok()) return r.status().WithContext("assessment");
    p.score = r->d;
    p.band_zh = r->band->danger_zh;
    p.assessed_grade = r->grade;
  } else {
    auto r = GradeMatrix(methods.matrix, a.matrix_l, a.matrix_s);
    if (!r.ok()) return r.status().WithContext("assessment");
    p.score = r->r;
    p.band_zh.clear();
    p.assessed_grade = r->grade;
  }
  const FlooredGrade floored = ApplyFloors(p.assessed_grade, facts, methods.floors);
  p.grade = floored.grade;
  p.floors.clear();
  for (const FloorRule* f : floored.applied) p.floors.push_back(f->id);
  return Status::Ok();
}

}  // namespace chemsafe::risk
