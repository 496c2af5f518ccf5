// The plan file matches the seed (issue 8 acceptance "The plan file matches the seed"): the test parses the seed
// text (data/governance/guangdong-2017-plan.seed.txt, a copy of ../shared/seed/) on its own — page breaks
// joined, groups and numbered tasks of section 四, the parentheses naming 牵头 and 按职责分工负责 units — and compares
// it with data/governance/guangdong-2017-plan.json. Also: bad plans fail naming the JSON path; another plan of a
// different size loads.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "chemsafe/governance/plan.h"
#include "chemsafe/governance/plan_files.h"

namespace chemsafe::governance {
namespace {

const std::string kDir = std::string(CHEMSAFE_TEST_DATA_DIR) + "/governance/";

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<std::string> Split(const std::string& s, const std::vector<std::string>& seps) {
  std::vector<std::string> out{""};
  for (size_t i = 0; i < s.size();) {
    bool hit = false;
    for (const auto& sep : seps) {
      if (s.compare(i, sep.size(), sep) == 0) { out.emplace_back(); i += sep.size(); hit = true; break; }
    }
    if (!hit) out.back() += s[i++];
  }
  return out;
}

bool EndsWith(const std::string& s, const std::string& t) { return s.size() >= t.size() && s.compare(s.size() - t.size(), t.size(), t) == 0; }
std::string StripSuffix(std::string s, const std::vector<std::string>& suffixes) {
  for (const auto& t : suffixes) {  // longest first
    if (EndsWith(s, t)) return s.substr(0, s.size() - t.size());
  }
  return s;
}

struct SeedAssignment {
  std::set<std::string> lead, co;
  std::string deadline;
};
struct SeedTask {
  int number = 0, group = 0;
  std::string text;
  std::vector<SeedAssignment> assignments;
};
struct Seed {
  std::vector<std::string> groups;
  std::vector<SeedTask> tasks;
};

// Section 四 of the seed: "（一）title。" starts a group, "N·text" a task; any other line continues the task
// before it (a page break of the source split it).
Seed ParseSeed(const std::string& text) {
  const size_t begin = text.find("四、治理内容"), end = text.find("五、工作要求");
  EXPECT_NE(begin, std::string::npos);
  std::stringstream body(text.substr(begin, end - begin));
  Seed seed;
  std::string line;
  std::getline(body, line);  // the section heading
  const std::vector<std::string> numerals = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};
  while (std::getline(body, line)) {
    if (line.empty()) continue;
    // A group heading: an opening parenthesis, a numeral 一…十, a closing one, the title and 。.
    size_t i = line.rfind("（", 0) == 0 ? 3 : line.rfind("(", 0) == 0 ? 1 : 0;
    while (i > 0 && line.compare(i, 1, " ") == 0) ++i;
    const auto numeral = std::find_if(numerals.begin(), numerals.end(),
                                      [&](const std::string& n) { return i > 0 && line.compare(i, n.size(), n) == 0; });
    if (numeral != numerals.end()) {
      i += numeral->size();
      while (line.compare(i, 1, " ") == 0) ++i;
      i += line.compare(i, 3, "）") == 0 ? 3 : 1;
      std::string title = line.substr(i);
      while (title.rfind(" ", 0) == 0) title.erase(0, 1);
      if (EndsWith(title, "。")) title.resize(title.size() - 3);
      seed.groups.push_back(title);
      continue;
    }
    const size_t dot = line.find("·");
    if (dot != std::string::npos && dot > 0 && dot <= 2 &&
        std::all_of(line.begin(), line.begin() + dot, [](char c) { return c >= '0' && c <= '9'; })) {
      seed.tasks.push_back({std::stoi(line.substr(0, dot)), static_cast<int>(seed.groups.size()), line.substr(dot + 2), {}});
      continue;
    }
    seed.tasks.back().text += line;
  }
  return seed;
}

// The parentheses of a task that name units, split into lead units, co-units and the deadline text.
std::vector<SeedAssignment> Assignments(const std::string& text, const UnitList& units) {
  std::vector<SeedAssignment> out;
  std::string cur;
  bool inside = false;
  for (size_t i = 0; i < text.size();) {
    if (text.compare(i, 3, "（") == 0 || text[i] == '(') { inside = true; cur.clear(); i += text[i] == '(' ? 1 : 3; continue; }
    if (inside && (text.compare(i, 3, "）") == 0 || text[i] == ')')) {
      inside = false;
      i += text[i] == ')' ? 1 : 3;
      if (cur.find("负责") == std::string::npos && cur.find("牵头") == std::string::npos) continue;
      SeedAssignment a;
      std::vector<std::string> deadline;
      for (const auto& part : Split(cur, {"，", ","})) {
        auto resolve = [&](const std::string& list, std::set<std::string>& into) {
          auto ids = units.ResolveList(list);
          EXPECT_TRUE(ids.ok()) << list << ": " << ids.status().message();
          if (ids.ok()) into.insert(ids->begin(), ids->end());
        };
        if (part.find("牵头") != std::string::npos) {
          resolve(StripSuffix(part, {"分别按职责牵头", "牵头负责", "牵头"}), a.lead);
        } else if (EndsWith(part, "按职责分工负责")) {
          resolve(StripSuffix(part, {"等部门按职责分工负责", "等按职责分工负责", "按职责分工负责"}), a.co);
        } else if (EndsWith(part, "负责") && a.lead.empty() && a.co.empty()) {
          resolve(StripSuffix(part, {"负责"}), a.lead);  // "省环境保护厅负责": the sole responsible unit
        } else {
          deadline.push_back(part);
        }
      }
      for (size_t k = 0; k < deadline.size(); ++k) a.deadline += (k ? "，" : "") + deadline[k];
      out.push_back(a);
      continue;
    }
    if (inside) cur += text[i];
    ++i;
  }
  return out;
}

class PlanFile : public ::testing::Test {
 protected:
  void SetUp() override {
    auto loaded = LoadPlanWithUnits(kDir + "guangdong-2017-plan.json", CHEMSAFE_TEST_DATA_DIR);
    ASSERT_TRUE(loaded.ok()) << loaded.status().message();
    loaded_ = std::move(*loaded);
    seed_ = ParseSeed(ReadAll(kDir + "guangdong-2017-plan.seed.txt"));
  }
  LoadedPlan loaded_;
  Seed seed_;
};

TEST_F(PlanFile, HeaderPhasesAndReportingDuties) {
  const Plan& p = loaded_.plan;
  EXPECT_EQ(p.code, "粤府办〔2017〕11号");
  EXPECT_EQ(p.issued.str(), "2017-01-13");
  ASSERT_EQ(p.phases.size(), 3u);
  EXPECT_EQ(p.phases[0].name, "部署阶段");
  EXPECT_EQ(p.phases[0].to->str(), "2017-02-28");
  EXPECT_EQ(p.phases[1].from->str(), "2017-02-01");
  EXPECT_EQ(p.phases[1].to->str(), "2019-10-31");
  EXPECT_EQ(p.phases[2].from->str(), "2019-11-01");
  EXPECT_EQ(p.reporting.implementation_plan_due.str(), "2017-02-28");
  EXPECT_EQ(p.reporting.liaison_due.str(), "2017-02-20");
  EXPECT_EQ(p.reporting.summary_due.str(), "2019-11-15");
  EXPECT_EQ(p.reporting.quarterly_report_working_days, 5);
  EXPECT_EQ(p.reporting.first_quarter, "2017Q1");
  EXPECT_EQ(p.reporting.last_quarter, "2019Q3");
}

TEST_F(PlanFile, TenGroupsAndFortyTwoTasksAsTheSeedWritesThem) {
  const Plan& p = loaded_.plan;
  ASSERT_EQ(seed_.groups.size(), 10u);
  ASSERT_EQ(p.groups.size(), 10u);
  for (size_t i = 0; i < 10; ++i) EXPECT_EQ(p.groups[i].title, seed_.groups[i]) << "group " << i + 1;
  ASSERT_EQ(seed_.tasks.size(), 42u);
  ASSERT_EQ(p.tasks.size(), 42u);
  for (size_t i = 0; i < 42; ++i) {
    const Task& t = p.tasks[i];
    const SeedTask& s = seed_.tasks[i];
    EXPECT_EQ(s.number, static_cast<int>(i) + 1);
    EXPECT_EQ(t.number, s.number);
    EXPECT_EQ(t.group, s.group) << "task " << t.number;
    EXPECT_EQ(t.text, s.text) << "task " << t.number;
    EXPECT_EQ(t.title, s.text.substr(0, s.text.find("。"))) << "task " << t.number;
  }
}

TEST_F(PlanFile, UnitsOfEveryTaskAreThoseOfTheSeedsParentheses) {
  const Plan& p = loaded_.plan;
  ASSERT_EQ(p.tasks.size(), seed_.tasks.size());
  for (size_t i = 0; i < p.tasks.size(); ++i) {
    const Task& t = p.tasks[i];
    const auto seed = Assignments(seed_.tasks[i].text, loaded_.units);
    ASSERT_EQ(t.assignments.size(), seed.size()) << "task " << t.number;
    for (size_t j = 0; j < seed.size(); ++j) {
      const Assignment& a = t.assignments[j];
      EXPECT_EQ(std::set<std::string>(a.lead_units.begin(), a.lead_units.end()), seed[j].lead) << "task " << t.number;
      EXPECT_EQ(std::set<std::string>(a.co_units.begin(), a.co_units.end()), seed[j].co) << "task " << t.number;
      EXPECT_EQ(a.deadline, seed[j].deadline) << "task " << t.number;
    }
  }
  // Task 3 has two parentheses: 省安全监管局 leads the control of high-risk chemicals, 省公安厅 the tracing system.
  const Task* t3 = p.FindTask(3);
  ASSERT_NE(t3, nullptr);
  EXPECT_EQ(t3->LeadUnits(), (std::vector<std::string>{"gd_safety_supervision", "gd_public_security"}));
  EXPECT_EQ(t3->assignments[1].deadline, "2017年9月底前完成");
}

// Milestones say what their text says: "YYYY年M月底前…" is the month's last day; deepening runs from the first
// day of its first month to the last day of its last; 持续 has no date; every clause of the deadline is parsed.
TEST_F(PlanFile, MilestonesAgreeWithTheirDeadlineText) {
  int dated = 0;
  for (const Task& t : loaded_.plan.tasks) {
    for (const Assignment& a : t.assignments) {
      std::string joined;
      for (const Milestone& m : a.milestones) {
        joined += (joined.empty() ? "" : "，") + m.text;
        auto ym = [](const Date& d) {
          return std::to_string(static_cast<int>(d.ymd.year())) + "年" + std::to_string(static_cast<unsigned>(d.ymd.month())) + "月";
        };
        auto is_last_day = [](const Date& d) {
          return std::chrono::year_month_day_last(d.ymd.year(), std::chrono::month_day_last(d.ymd.month())).day() == d.ymd.day();
        };
        switch (m.kind) {
          case MilestoneKind::kComplete:
          case MilestoneKind::kInterim:
            ASSERT_TRUE(m.date.has_value());
            EXPECT_EQ(m.text.rfind(ym(*m.date) + "底前", 0), 0u) << m.text;
            EXPECT_TRUE(is_last_day(*m.date)) << m.text;
            EXPECT_NE(m.text.find(m.kind == MilestoneKind::kComplete ? "完成" : "阶段性成果"), std::string::npos);
            ++dated;
            break;
          case MilestoneKind::kDeepening:
            EXPECT_EQ(m.text, ym(*m.from) + "至" + ym(*m.to) + "深化提升");
            EXPECT_EQ(static_cast<unsigned>(m.from->ymd.day()), 1u);
            EXPECT_TRUE(is_last_day(*m.to));
            break;
          case MilestoneKind::kContinuous:
            EXPECT_NE(m.text.find("持续"), std::string::npos);
            break;
        }
      }
      EXPECT_EQ(joined, a.deadline) << "task " << t.number;
    }
  }
  // 42 tasks less 16 持续推进 only and task 13 without a deadline = 25, plus task 3's second assignment.
  EXPECT_EQ(dated, 26);
  const Task* t6 = loaded_.plan.FindTask(6);
  ASSERT_EQ(t6->assignments[0].milestones.size(), 2u);
  EXPECT_EQ(t6->assignments[0].milestones[0].date->str(), "2018-03-31");
  EXPECT_EQ(t6->assignments[0].milestones[1].from->str(), "2018-04-01");
  EXPECT_EQ(t6->assignments[0].milestones[1].to->str(), "2019-10-31");
}

TEST_F(PlanFile, UnitsResolveByEveryAlias) {
  const UnitList& u = loaded_.units;
  EXPECT_EQ(u.Resolve("省安全监管局")->id, "gd_safety_supervision");
  EXPECT_EQ(u.Resolve("安全监管局")->id, "gd_safety_supervision");
  EXPECT_EQ(u.Resolve("省经济和信息化委")->id, "gd_economy_it");
  EXPECT_EQ(u.Resolve("广州铁路监管局")->kind, UnitKind::kCentral);
  EXPECT_EQ(u.Resolve("顺德区")->division_code, "440606");
  EXPECT_EQ(u.Resolve("广州市")->division_code, "440100");
  EXPECT_EQ(u.Resolve("xyz"), nullptr);
  int cities = 0;
  for (const Unit& unit : u.units()) {
    cities += unit.kind == UnitKind::kCity;
    for (const auto& a : unit.aliases) EXPECT_EQ(u.Resolve(a), &unit) << a;
  }
  EXPECT_EQ(cities, 22);  // 21 prefecture-level cities + 顺德区
  EXPECT_EQ(u.Resolve("各地级以上市人民政府")->expands_to.size(), 22u);
  auto list = u.ResolveList("省经济和信息化委、教育厅和广州铁路监管局");
  ASSERT_TRUE(list.ok());
  EXPECT_EQ(*list, (std::vector<std::string>{"gd_economy_it", "gd_education", "guangzhou_railway"}));
  EXPECT_FALSE(u.ResolveList("省经济和信息化委、火星局").ok());
}

class PlanErrors : public ::testing::Test {
 protected:
  void SetUp() override {
    auto units = LoadUnitList(kDir + "units.json");
    ASSERT_TRUE(units.ok()) << units.status().message();
    units_ = std::move(*units);
    doc_ = nlohmann::json::parse(ReadAll(kDir + "guangdong-2017-plan.json"));
  }
  std::string Error(const nlohmann::json& doc) {
    auto plan = ParsePlan(doc.dump(), units_);
    EXPECT_FALSE(plan.ok());
    return plan.ok() ? "" : plan.status().message();
  }
  UnitList units_;
  nlohmann::json doc_;
};

TEST_F(PlanErrors, NameTheJsonPath) {
  auto d = doc_;
  d["tasks"][12]["assignments"][0]["lead_units"] = {"xyz"};
  EXPECT_EQ(Error(d), "tasks[12].assignments[0].lead_units[0]: \"xyz\" is not a unit of units.json");
  d = doc_;
  d["tasks"][4]["group"] = 11;
  EXPECT_EQ(Error(d), "tasks[4].group: 11 is not a group of the plan");
  d = doc_;
  d["tasks"][5]["number"] = 7;
  EXPECT_NE(Error(d).find("tasks[5].number: 7 out of order"), std::string::npos);
  d = doc_;
  d["tasks"][0]["assignments"][0]["milestones"][0]["date"] = "2017-06-31";
  EXPECT_NE(Error(d).find("tasks[0].assignments[0].milestones[0].date: \"2017-06-31\""), std::string::npos);
  d = doc_;
  d["tasks"][5]["assignments"][0]["milestones"][1].erase("to");
  EXPECT_EQ(Error(d), "tasks[5].assignments[0].milestones[1]: a deepening milestone needs from and to");
  d = doc_;
  d["reporting"]["summary_due"] = 20191115;
  EXPECT_EQ(Error(d), "reporting.summary_due: must be a string");
  EXPECT_NE(ParsePlan("{\"code\": ", units_).status().message().find("not valid JSON"), std::string::npos);
  EXPECT_EQ(ParseUnitList("{\"units\": [{\"id\": \"A b\"}]}").status().message(),
            "units[0].id: \"A b\" must be lower-case ASCII, digits and _");
}

// The format is not the 2017 plan's alone: a city's own plan with two tasks and one group loads.
TEST_F(PlanErrors, AnotherPlanOfAnotherSizeLoads) {
  auto d = doc_;
  d["code"] = "示例市安委办〔2020〕1号（演示）";
  d["groups"] = nlohmann::json::array({d["groups"][0]});
  d["tasks"] = nlohmann::json::array({d["tasks"][0], d["tasks"][1]});
  auto plan = ParsePlan(d.dump(), units_);
  ASSERT_TRUE(plan.ok()) << plan.status().message();
  EXPECT_EQ(plan->tasks.size(), 2u);
  EXPECT_EQ(plan->groups.size(), 1u);
}

}  // namespace
}  // namespace chemsafe::governance
