#include "chemsafe/service/credit_demo.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <random>

#include <fmt/format.h>

namespace chemsafe::service {
namespace {

Date Plus(Date d, int days) { return Date{std::chrono::year_month_day{d.days() + std::chrono::days(days)}}; }

// 04:00 UTC (noon in China) of the day, as the services take `at`.
std::string AtNoon(Date d) {
  return UtcText(std::chrono::system_clock::time_point(d.days()) + std::chrono::hours(4));
}

Actor DemoActor(Role role, std::string username) {
  Actor a;
  a.principal.username = std::move(username);
  a.principal.role = role;
  a.client = "demo";
  a.request_id = "demo";
  return a;
}

}  // namespace

Result<CreditDemoResult> GenerateCreditDemo(CreditStores s, std::uint64_t seed, Date today, const CreditDemoOptions& o) {
  for (double share : {o.blacklisted_share, o.enforced_share, o.expiring_share, o.expired_share, o.uninsured_share}) {
    if (!(share >= 0.0 && share <= 1.0)) return InvalidArgument("options: a share outside [0, 1]");
  }
  if (o.expiring_share + o.expired_share + o.uninsured_share > 1.0) {
    return InvalidArgument("options: insurance shares add up to more than 1");
  }
  std::vector<registry::Enterprise> enterprises;
  CHEMSAFE_RETURN_IF_ERROR(s.registry.ForEachEnterprise([&](const registry::Enterprise& e) {
    if (e.provenance == registry::Provenance::kSynthetic) enterprises.push_back(e);
    return Status::Ok();
  }));
  std::sort(enterprises.begin(), enterprises.end(),
            [](const registry::Enterprise& a, const registry::Enterprise& b) { return a.uscc < b.uscc; });
  CreditDemoResult result;
  result.enterprises = static_cast<int>(enterprises.size());
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  auto between = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  const std::string at = AtNoon(today);
  const Actor province = DemoActor(Role::kProvince, "demo-province");

  // ---- blacklist ----
  const int n = static_cast<int>(enterprises.size());
  const int listed = std::min(n, std::max(3, static_cast<int>(std::lround(o.blacklisted_share * n))));
  std::vector<int> order(static_cast<std::size_t>(n));
  for (int k = 0; k < n; ++k) order[static_cast<std::size_t>(k)] = k;
  std::shuffle(order.begin(), order.end(), rng);
  std::vector<const registry::Enterprise*> blacklisted;
  static constexpr const char* kReasons[] = {
      "发生较大生产安全责任事故，受到行政处罚（演示）",
      "瞒报、谎报生产安全事故（演示）",
      "发现重大事故隐患不及时整改，仍组织从业人员冒险作业（演示）",
      "未取得安全生产许可擅自从事危险化学品生产经营活动（演示）",
  };
  for (int k = 0; k < listed; ++k) {
    const registry::Enterprise& e = enterprises[static_cast<std::size_t>(order[static_cast<std::size_t>(k)])];
    Actor county = DemoActor(Role::kCounty, "demo-county-" + e.division_code.substr(0, 6));
    county.principal.division_code = e.division_code.substr(0, 6);
    credit::Listing l;
    l.uscc = e.uscc;
    l.reason = kReasons[static_cast<std::size_t>(between(0, 3))];
    l.legal_basis = "《安全生产严重失信主体名单管理办法》（应急管理部令第11号）（演示）";
    l.decision_unit = fmt::format("{}应急管理局（演示）", county.principal.division_code);
    l.decision_no = fmt::format("演示失信〔{}〕{}号", static_cast<int>(today.ymd.year()), k + 1);
    l.decided_on = Plus(today, -between(30, 900));
    l.publish = true;
    CHEMSAFE_ASSIGN_OR_RETURN(StoredListing saved, AddListingAs(s, county, at, l));
    ++result.listed;
    blacklisted.push_back(&e);
    // Every other listing old enough for early removal: the enterprise applies, the county removes it.
    if (credit::EarlyRemovalFrom(saved.listing) <= today && k % 2 == 0) {
      Actor own = DemoActor(Role::kEnterprise, "demo-enterprise-" + e.uscc);
      own.principal.enterprise_uscc = e.uscc;
      CHEMSAFE_ASSIGN_OR_RETURN(saved, ApplyRepairAs(s, own, at, saved.id, saved.version,
                                                     "已完成整改并通过验收，一年内未再发生失信行为（演示）"));
      CHEMSAFE_ASSIGN_OR_RETURN(saved, RemoveListingAs(s, county, at, saved.id, saved.version,
                                                       credit::RemovalKind::kEarly, today, "信用修复提前移出（演示）"));
      ++result.removed_after_repair;
    }
  }

  // ---- enforcement ----
  std::map<std::string, std::vector<store::FindingRecord>> findings;
  store::FindingFilter ff;
  for (ff.offset = 0;; ff.offset += ff.limit) {
    CHEMSAFE_ASSIGN_OR_RETURN(auto page, s.inspect.ListFindings(ff));
    for (auto& f : page) findings[f.enterprise_uscc].push_back(std::move(f));
    if (page.size() < static_cast<std::size_t>(ff.limit)) break;
  }
  for (const auto& e : enterprises) {
    auto it = findings.find(e.uscc);
    if (it == findings.end() || unit(rng) >= o.enforced_share) continue;
    Enforcement rec;
    rec.enterprise_uscc = e.uscc;
    rec.kind = EnforcementKind::kInspection;
    rec.date = *Date::Parse(it->second.front().found_date);
    rec.decision_no = fmt::format("演示检查〔{}〕{}号", static_cast<int>(rec.date.ymd.year()), result.enforcement_records + 1);
    rec.violation = "检查发现事故隐患，责令限期整改（演示）";
    rec.legal_basis = "《中华人民共和国安全生产法》（演示）";
    for (std::size_t k = 0; k < it->second.size() && k < 2; ++k) rec.finding_ids.push_back(std::to_string(it->second[k].id));
    CHEMSAFE_ASSIGN_OR_RETURN(Enforcement saved, RecordEnforcementAs(s, province, at, rec));
    ++result.enforcement_records;
    result.linked_findings += static_cast<int>(saved.finding_ids.size());
  }
  for (const registry::Enterprise* e : blacklisted) {
    Enforcement rec;
    rec.enterprise_uscc = e->uscc;
    rec.kind = EnforcementKind::kPenalty;
    rec.date = Plus(today, -between(1, 30));
    rec.decision_no = fmt::format("演示罚〔{}〕{}号", static_cast<int>(rec.date.ymd.year()), result.enforcement_records + 1);
    rec.violation = "违反安全生产法律法规，情节严重（演示）";
    rec.legal_basis = "《中华人民共和国安全生产法》（演示）";
    rec.penalty_kind = "罚款";
    rec.fine_fen = std::int64_t{between(5, 50)} * 1'000'000;  // 50 000 – 500 000 yuan
    CHEMSAFE_RETURN_IF_ERROR(RecordEnforcementAs(s, province, at, rec).status());
    ++result.enforcement_records;
  }

  // ---- insurance ----
  static constexpr const char* kInsurers[] = {"甲财产保险股份有限公司（演示）", "乙财产保险股份有限公司（演示）",
                                              "丙财产保险股份有限公司（演示）"};
  int number = 0;
  for (const auto& e : enterprises) {
    const double draw = unit(rng);
    if (draw < o.uninsured_share) {
      ++result.uninsured;
      continue;
    }
    StoredPolicy p;
    credit::Policy& x = p.policy;
    x.enterprise_uscc = e.uscc;
    x.insurer = kInsurers[static_cast<std::size_t>(between(0, 2))];
    x.policy_no = fmt::format("DEMO-{}-{:05d}", seed, ++number);
    x.persons_covered = between(20, 300);
    x.insured_amount_fen = std::int64_t{x.persons_covered} * 50'000'000;  // 500 000 yuan a person
    if (draw < o.uninsured_share + o.expired_share) {
      x.valid_to = Plus(today, -between(1, 90));
      ++result.expired;
    } else if (draw < o.uninsured_share + o.expired_share + o.expiring_share) {
      x.valid_to = Plus(today, between(0, 29));
      ++result.expiring;
    } else {
      x.valid_to = Plus(today, between(31, 330));
    }
    x.valid_from = Plus(credit::AddMonths(x.valid_to, -12), 1);
    Actor own = DemoActor(Role::kEnterprise, "demo-enterprise-" + e.uscc);
    own.principal.enterprise_uscc = e.uscc;
    CHEMSAFE_RETURN_IF_ERROR(SavePolicyAs(s, own, at, std::move(p)).status());
    ++result.policies;
  }
  return result;
}

}  // namespace chemsafe::service
