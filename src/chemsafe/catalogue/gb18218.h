// The tables of GB 18218-2018《危险化学品重大危险源辨识》 as values: Table 1 (named hazardous chemicals
// and their critical quantities), Table 2 (critical quantities by hazard category), Tables 3 and 4
// (correction factor β), Table 5 (correction factor α) and Table 6 (grades by R). Loaded from
// data/gb18218_2018/ by reference/gb18218_files.h; the major-hazard identification computes with them.
// Pure value types; a loaded Gb18218Tables is immutable and safe to share between threads.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace chemsafe::catalogue {

// GB 18218-2018 Table 1: one row. Several rows share a CAS number (硝化纤维素 by nitrogen and
// solvent content, rows 37-42; 硝酸铵 by combustible content, rows 43-44): they are distinct rows with
// their own critical quantity. Rows 13 煤气, 45 硝酸铵肥料 and 74 烷基铝 have no CAS number.
struct Gb18218NamedSubstance {
  int seq = 0;                            // 序号 in Table 1 (1..85)
  std::string name;                       // 危险化学品名称, with its qualifier: "硝酸铵(含可燃物≤0.2%)"
  std::vector<std::string> aliases;       // 别名
  std::vector<std::string> cas_numbers;   // CAS号; empty for rows without one
  double critical_quantity_t = 0;         // 临界量 Q, tonnes

  friend bool operator==(const Gb18218NamedSubstance&, const Gb18218NamedSubstance&) = default;
};

// GB 18218-2018 Table 2: critical quantity by hazard category, for chemicals not named in Table 1.
struct Gb18218Category {
  std::string symbol;         // "J1".."J5" (health hazards), "W1.1".."W11" (physical hazards)
  std::string hazard_class;   // 类别, e.g. "急性毒性", "易燃液体"
  std::string description;    // 危险性分类及说明
  double critical_quantity_t = 0;
  std::string note;           // e.g. W3: "150(净重)" — aerosols count by net weight

  friend bool operator==(const Gb18218Category&, const Gb18218Category&) = default;
};

// GB 18218-2018 Table 3: β for the named toxic gases.
struct Gb18218ToxicGasBeta {
  std::string name;  // "氯", "氨", …
  double beta = 1;
};

// GB 18218-2018 Table 4: β by Table 2 symbol.
struct Gb18218CategoryBeta {
  std::string symbol;
  double beta = 1;
};

// GB 18218-2018 Table 5: α by the number of people normally within 500 m of the unit.
struct Gb18218AlphaBand {
  std::string label;                     // "100人以上"
  int population_min = 0;                // inclusive
  std::optional<int> population_max;     // inclusive; none: no upper bound
  double alpha = 1;
};

// GB 18218-2018 Table 6: grade (一级 = 1, most severe … 四级 = 4) by R.
struct Gb18218GradeBand {
  int grade = 0;                           // 1..4
  std::string label;                       // "一级"
  std::optional<double> r_min_inclusive;   // none: no lower bound
  std::optional<double> r_max_exclusive;   // none: no upper bound
};

struct Gb18218Tables {
  std::string edition = "GB 18218-2018";
  std::vector<Gb18218NamedSubstance> table1;
  std::vector<Gb18218Category> table2;
  std::vector<Gb18218ToxicGasBeta> table3;
  std::vector<Gb18218CategoryBeta> table4;
  std::vector<Gb18218AlphaBand> table5;
  std::vector<Gb18218GradeBand> table6;

  // Table 1 row by 序号; nullptr if none.
  const Gb18218NamedSubstance* Table1BySeq(int seq) const;
  // Every Table 1 row listing the CAS number (several for 硝化纤维素 and 硝酸铵), in table order.
  std::vector<const Gb18218NamedSubstance*> Table1ByCas(std::string_view cas) const;
  // Every Table 1 row whose name or an alias, compared as NameKey and also without its qualifier
  // (BaseName), equals `name`.
  std::vector<const Gb18218NamedSubstance*> Table1ByName(std::string_view name) const;
  // Table 2 row by symbol ("W5.1"); nullptr if none.
  const Gb18218Category* Table2BySymbol(std::string_view symbol) const;
  // Table 3 β of a named toxic gas ("氯"), if listed.
  std::optional<double> BetaForToxicGas(std::string_view name) const;
  // Table 4 β of a Table 2 symbol, if listed.
  std::optional<double> BetaForCategory(std::string_view symbol) const;
  // Table 5 α for `people` within 500 m (people >= 0); none when no band covers it.
  std::optional<double> AlphaForPopulation(int people) const;
  // Table 6 grade (1..4) for R; none when no band covers it.
  std::optional<int> GradeForR(double r) const;
};

}  // namespace chemsafe::catalogue
