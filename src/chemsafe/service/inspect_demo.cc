// A synthetic history of inspections and findings for the demo province (issue 7); see inspect_demo.h.
#include "chemsafe/service/inspect_demo.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <random>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "chemsafe/inspect/overdue.h"
#include "chemsafe/registry/model.h"

namespace chemsafe::service {
namespace {

using inspect::AcceptanceOutcome;
using inspect::FindingState;
using inspect::GovernmentLevel;
using inspect::HazardGrade;
using inspect::InspectionKind;

// 10:00 in China on `day`, as the UTC text the use cases take.
std::string At(Date day) { return day.str() + "T02:00:00.000000Z"; }
Date Plus(Date d, int days) { return Date{std::chrono::year_month_day{d.days() + std::chrono::days(days)}}; }

// Where a finding's loop is taken (then cut at `today`: a step dated later is not taken). The weights are
// chemsafe's choice for a plausible mix, most findings closed.
enum class Path { kReported, kPlanned, kRectified, kAccepted, kClosed, kRejectedRework, kRejectedThenClosed };
constexpr std::array<std::pair<Path, int>, 7> kPaths = {{{Path::kReported, 12},
                                                        {Path::kPlanned, 14},
                                                        {Path::kRectified, 8},
                                                        {Path::kAccepted, 6},
                                                        {Path::kClosed, 48},
                                                        {Path::kRejectedRework, 5},
                                                        {Path::kRejectedThenClosed, 7}}};

constexpr std::array<const char*, 16> kGeneralTexts = {
    "可燃气体检测报警仪未按期标定",     "消防通道堆放杂物",
    "作业现场未设置安全警示标志",       "安全阀校验超期",
    "应急预案未按计划组织演练",         "动火作业票证填写不完整",
    "静电接地线松脱",                   "洗眼器、喷淋装置水压不足",
    "危险化学品仓库温湿度记录缺失",     "压力表超出检定有效期",
    "围堰排水阀处于常开状态",           "安全教育培训档案不完整",
    "劳动防护用品配备不足",             "储罐液位计显示与现场不符",
    "岗位操作规程未及时修订",           "巡检记录存在漏检"};
constexpr std::array<const char*, 7> kLocations = {"储罐区",   "生产装置区", "危化品仓库", "装卸站台",
                                                   "中控室",   "公用工程区", "安全管理台账"};

Actor DemoActor(Role role, std::string username, std::string division, std::string uscc) {
  Actor a;
  a.principal.role = role;
  a.principal.username = std::move(username);
  a.principal.division_code = std::move(division);
  a.principal.enterprise_uscc = std::move(uscc);
  a.client = "demo";
  return a;
}
// The county officers of the enterprise's division: 0 inspects and reports, 1 accepts and closes.
Actor Officer(const registry::Enterprise& e, int which) {
  const std::string county = e.division_code.substr(0, 6);
  return DemoActor(Role::kCounty, fmt::format("demo-{}-{}", county, which == 0 ? "inspector" : "acceptor"), county, "");
}
// The enterprise's users: 0 the safety manager (self-inspects, plans, rectifies), 1 the principal (accepts
// and closes its self-inspection findings).
Actor EnterpriseUser(const registry::Enterprise& e, int which) {
  return DemoActor(Role::kEnterprise, fmt::format("demo-{}-{}", e.uscc, which == 0 ? "safety" : "principal"), "", e.uscc);
}

class Generator {
 public:
  Generator(InspectStores s, std::uint64_t seed, Date today, const inspect::Checklist& criteria,
            const InspectDemoOptions& o)
      : s_(s), rng_(seed), today_(today), criteria_(criteria), o_(o) {}

  Status ForEnterprise(const registry::Enterprise& e) {
    if (Chance(o_.inspected_share)) {
      const int visits = Chance(0.25) ? 2 : 1;
      for (int i = 0; i < visits; ++i) CHEMSAFE_RETURN_IF_ERROR(Inspect(e, InspectionKind::kGovernment));
    }
    if (Chance(o_.self_share)) CHEMSAFE_RETURN_IF_ERROR(Inspect(e, InspectionKind::kSelf));
    return Status::Ok();
  }

  InspectDemoResult& result() { return result_; }

 private:
  bool Chance(double p) { return std::uniform_real_distribution<double>(0, 1)(rng_) < p; }
  int Uniform(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  template <std::size_t N>
  const char* Pick(const std::array<const char*, N>& a) {
    return a[static_cast<std::size_t>(Uniform(0, static_cast<int>(N) - 1))];
  }

  Status Inspect(const registry::Enterprise& e, InspectionKind kind) {
    const bool government = kind == InspectionKind::kGovernment;
    const Actor inspector = government ? Officer(e, 0) : EnterpriseUser(e, 0);
    inspect::Inspection in;
    in.kind = kind;
    in.enterprise_uscc = e.uscc;
    in.date = Plus(today_, -Uniform(1, o_.history_days));
    if (government) {
      in.inspectors = {inspector.principal.username, Officer(e, 1).principal.username, "聘请专家（演示）"};
      in.scope = "生产装置区、储罐区、危化品仓库及安全管理台账（演示）";
      in.checklist_code = std::string(inspect::kMajorHiddenHazardChecklist);
    } else {
      in.inspectors = {"企业安全管理员（演示）"};
      in.scope = "月度综合安全检查（演示）";
      in.checklist_code = "enterprise_self_checklist_demo";
    }
    CHEMSAFE_ASSIGN_OR_RETURN(inspect::Inspection recorded, RecordInspectionAs(s_, inspector, At(in.date), in));
    ++result_.inspections;
    // 0-3 findings a government inspection, 0-2 a self-inspection.
    const int r = Uniform(0, 99);
    const int findings = government ? (r < 20 ? 0 : r < 55 ? 1 : r < 85 ? 2 : 3) : (r < 30 ? 0 : r < 80 ? 1 : 2);
    for (int i = 0; i < findings; ++i) CHEMSAFE_RETURN_IF_ERROR(Find(e, recorded, inspector));
    return Status::Ok();
  }

  Path DrawPath() {
    int total = 0;
    for (const auto& [p, w] : kPaths) total += w;
    int r = Uniform(0, total - 1);
    for (const auto& [p, w] : kPaths) {
      if (r < w) return p;
      r -= w;
    }
    return Path::kClosed;
  }

  inspect::Plan DemoPlan(HazardGrade grade, Date submitted, int days) {
    inspect::Plan p;
    p.measures = {"落实专人负责，按方案完成整改（演示）", "举一反三排查同类隐患（演示）"};
    p.funds_yuan = grade == HazardGrade::kMajor ? 1000.0 * Uniform(100, 800) : 100.0 * Uniform(20, 500);
    p.responsible_person = "安全负责人（演示）";
    p.deadline = Plus(submitted, days);
    return p;
  }

  Status Find(const registry::Enterprise& e, const inspect::Inspection& in, const Actor& reporter) {
    const bool government = in.kind == InspectionKind::kGovernment;
    Path path = DrawPath();
    // A finding left reported is of a recent inspection (overdue by days or weeks, not years).
    // One still in rectification is of an inspection of the last ~7 months; older ones were closed.
    if (path == Path::kReported && in.date < Plus(today_, -150)) path = Path::kPlanned;
    if (path == Path::kPlanned && in.date < Plus(today_, -210)) path = Path::kClosed;
    // Nor does a rectification wait a year for its acceptance or closure.
    if ((path == Path::kRectified || path == Path::kAccepted) && in.date < Plus(today_, -240)) path = Path::kClosed;
    inspect::FindingReport rep;
    rep.inspection_id = in.id;
    rep.enterprise_uscc = e.uscc;
    rep.location = Pick(kLocations);
    rep.found_date = in.date;
    if (government && Chance(o_.major_share)) {
      const auto& item = criteria_.items[static_cast<std::size_t>(Uniform(0, static_cast<int>(criteria_.items.size()) - 1))];
      rep.grade = HazardGrade::kMajor;
      rep.major_criterion = std::stoi(item.code);
      rep.description = fmt::format("{}（演示）", item.text_zh);
      const int level = Uniform(0, 99);
      rep.supervision_level = level < 50 ? GovernmentLevel::kCounty : level < 85 ? GovernmentLevel::kCity
                                                                                 : GovernmentLevel::kProvince;
    } else {
      rep.grade = HazardGrade::kGeneral;
      rep.description = fmt::format("{}（演示）", Pick(kGeneralTexts));
    }
    const Date found = rep.found_date;
    CHEMSAFE_ASSIGN_OR_RETURN(StoredFinding f, ReportFindingAs(s_, reporter, At(found), std::move(rep)));
    ++result_.findings;
    if (f.finding.report.grade == HazardGrade::kMajor) ++result_.major;
    CHEMSAFE_RETURN_IF_ERROR(Walk(e, f, path, government));
    ++result_.by_state[f.finding.state];
    CHEMSAFE_ASSIGN_OR_RETURN(auto overdue, inspect::AssessOverdue(f.finding, today_));
    if (overdue.overdue()) ++result_.overdue;
    return Status::Ok();
  }

  // Takes the finding along `path`, each step dated after the one before; stops at the first step that
  // would be after today.
  Status Walk(const registry::Enterprise& e, StoredFinding& f, Path path, bool government) {
    if (path == Path::kReported) return Status::Ok();
    const Actor safety = EnterpriseUser(e, 0);
    const Actor supervisor = government ? Officer(e, 1) : EnterpriseUser(e, 1);
    const std::string id = f.finding.report.id;
    const HazardGrade grade = f.finding.report.grade;
    bool stop = false;
    Date last = f.finding.report.found_date;  // the date of the last step taken
    // Applies `act` on `on` unless it is after today (then stops the walk).
    auto step = [&](Date on, auto act) -> Status {
      if (stop || on > today_) {
        stop = true;
        return Status::Ok();
      }
      CHEMSAFE_ASSIGN_OR_RETURN(f, act(At(on)));
      last = on;
      return Status::Ok();
    };
    Date day = Plus(f.finding.report.found_date, Uniform(1, 12));
    const int span = grade == HazardGrade::kMajor ? Uniform(30, 90) : Uniform(7, 45);
    CHEMSAFE_RETURN_IF_ERROR(step(day, [&](const std::string& at) {
      return SubmitPlanAs(s_, safety, at, id, DemoPlan(grade, day, span));
    }));
    Date deadline = Plus(day, span);
    if (Chance(0.5)) {
      CHEMSAFE_RETURN_IF_ERROR(step(Plus(day, span / 2), [&](const std::string& at) {
        return AddProgressAs(s_, safety, at, id, "整改措施已完成过半（演示）");
      }));
    }
    if (path == Path::kPlanned) return Status::Ok();
    // Rectified mostly in time for the acceptance and closure to fall before the deadline, one in six late.
    auto rectify = [&]() -> Status {
      day = std::max(last, Chance(1.0 / 6) ? Plus(deadline, Uniform(1, 10)) : Plus(deadline, -Uniform(5, 12)));
      return step(day, [&](const std::string& at) { return ReportRectifiedAs(s_, safety, at, id, "已按方案整改完毕（演示）"); });
    };
    auto accept = [&](AcceptanceOutcome outcome) -> Status {
      day = Plus(day, Uniform(1, 7));
      return step(day, [&](const std::string& at) {
        return AcceptAs(s_, supervisor, at, id, outcome,
                        outcome == AcceptanceOutcome::kPassed ? "现场复查合格（演示）" : "复查不合格，需重新整改（演示）");
      });
    };
    CHEMSAFE_RETURN_IF_ERROR(rectify());
    if (path == Path::kRectified) return Status::Ok();
    if (path == Path::kRejectedRework || path == Path::kRejectedThenClosed) {
      CHEMSAFE_RETURN_IF_ERROR(accept(AcceptanceOutcome::kFailed));
      if (!stop) ++result_.rejected;
      day = Plus(day, Uniform(1, 3));
      const int again = Uniform(10, 30);
      deadline = Plus(day, again);
      CHEMSAFE_RETURN_IF_ERROR(step(day, [&](const std::string& at) {
        return SubmitPlanAs(s_, safety, at, id, DemoPlan(grade, day, again));
      }));
      if (path == Path::kRejectedRework) return Status::Ok();
      CHEMSAFE_RETURN_IF_ERROR(rectify());
    }
    CHEMSAFE_RETURN_IF_ERROR(accept(AcceptanceOutcome::kPassed));
    if (path == Path::kAccepted) return Status::Ok();
    day = Plus(day, Uniform(0, 3));
    return step(day, [&](const std::string& at) { return CloseAs(s_, supervisor, at, id); });
  }

  InspectStores s_;
  std::mt19937_64 rng_;
  Date today_;
  const inspect::Checklist& criteria_;
  InspectDemoOptions o_;
  InspectDemoResult result_;
};

}  // namespace

Result<InspectDemoResult> GenerateInspectDemo(InspectStores s, std::uint64_t seed, Date today,
                                              const inspect::Checklist& major_criteria, const InspectDemoOptions& o) {
  if (major_criteria.items.empty()) return InvalidArgument("major_criteria: has no items");
  for (const auto& item : major_criteria.items) {
    if (item.code.empty() || !std::all_of(item.code.begin(), item.code.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      return InvalidArgument(fmt::format("major_criteria: item code \"{}\" is not a number", item.code));
    }
  }
  for (auto [name, share] : {std::pair{"inspected_share", o.inspected_share}, std::pair{"self_share", o.self_share},
                             std::pair{"major_share", o.major_share}}) {
    if (!(share >= 0 && share <= 1)) return InvalidArgument(fmt::format("{}: {} is not in [0, 1]", name, share));
  }
  if (o.history_days < 30) return InvalidArgument(fmt::format("history_days: {} is less than 30", o.history_days));
  std::vector<registry::Enterprise> enterprises;
  CHEMSAFE_RETURN_IF_ERROR(s.registry.ForEachEnterprise([&](const registry::Enterprise& e) {
    if (e.division_code.size() >= 6) enterprises.push_back(e);
    return Status::Ok();
  }));
  Generator g(s, seed, today, major_criteria, o);
  for (const auto& e : enterprises) CHEMSAFE_RETURN_IF_ERROR(g.ForEnterprise(e));
  return g.result();
}

}  // namespace chemsafe::service
