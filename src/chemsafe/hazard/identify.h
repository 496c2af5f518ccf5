// Identification and grading of major hazard installations (重大危险源) per GB 18218-2018 (plan tasks
// T2, T5). One unit (GB 18218 §3.4 production unit / §3.5 storage unit) at a time:
//   S = Σ qᵢ/Qᵢ; the unit is a major hazard installation when S ≥ 1            (§4.2.2, formula (1))
//   R = α · Σ βᵢ·qᵢ/Qᵢ; grade 1..4 by R                                         (§4.3, formula (2), Table 6)
// Q from Table 1 for the named substances, else from Table 2 by hazard category; β from Table 3 for the
// named toxic gases, else from Table 4 by category; α from Table 5 by the people within 500 m.
// The tables are data (catalogue::Gb18218Tables, loaded from data/gb18218_2018/), so a corrected table
// is a data change. When Q or β cannot be determined the result is an error naming the holding and
// what is missing, never a guess.
//
// Pure: no I/O, no clock. Safe to call concurrently.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "chemsafe/catalogue/catalogue.h"
#include "chemsafe/catalogue/gb18218.h"
#include "chemsafe/core/result.h"
#include "chemsafe/registry/model.h"

namespace chemsafe::hazard {

// Which quantity q is: GB 18218-2018 §4.1 takes the design maximum quantity of the unit; the actual
// (typical) quantity is for what-if views. Persisted as its code: append-only.
enum class QuantityBasis : int {
  kDesignMaximum = 1,
  kActual = 2,
};
std::string_view QuantityBasisCode(QuantityBasis b);  // "design_maximum", "actual"

struct HoldingInput {
  // Where the holding comes from, used in error messages: "units[0].holdings[1]" or "unit U01 / 7782-50-5".
  std::string label;
  std::string cas;   // the substance by CAS…
  std::string name;  // …or by name (Table 1 name or alias, catalogue name or alias); both may be given
  // With both, the CAS number identifies the substance and the name only chooses among the Table 1 rows
  // that share it (硝化纤维素 序号 37-42, 硝酸铵 序号 43-44); the full row name alone also chooses the row.
  // A row whose form the catalogue entry does not classify (硝酸铵 序号 44: the entry is 序号 43's
  // explosive form) needs `category` for β. A Table 1 substance that is a Table 3 gas needs no category.
  // GB 18218-2018 Table 2 symbol ("W5.3") given by the user; when set it wins over the derivation.
  std::string category;
  std::optional<double> quantity_t;    // mass, tonnes
  std::optional<double> volume_m3;     // or a volume…
  std::optional<double> density_t_m3;  // …with its density
  std::optional<registry::PhysicalState> state;
  // Default: the substance's normal boiling point from the catalogue's physical-property data
  // (catalogue::Chemical::boiling_point_c), where it has one; Table 2 J4/J5 and W5.1 depend on it.
  std::optional<double> boiling_point_c;
  std::optional<double> operating_temperature_c;
  // Table 2 W5.2: a special process condition that can lead to a major accident (a key supervised
  // hazardous process, operation in or near the explosive range, operating pressure > 1.6 MPa, …).
  bool special_conditions = false;
};

struct UnitInput {
  std::string id;
  int exposed_population_500m = 0;  // people normally within 500 m (Table 5)
  QuantityBasis basis = QuantityBasis::kDesignMaximum;
  std::vector<HoldingInput> holdings;
};

struct Contribution {
  std::string label;
  std::string cas;
  std::string name;                  // the substance's name (Table 1 row or catalogue)
  std::optional<int> table1_seq;     // the Table 1 row that supplied Q
  std::string category;              // the Table 2 symbol that supplied Q (table2), or β (table1); may be empty
  double quantity_t = 0;
  std::string quantity_from;         // "mass" or "volume×density"
  double critical_quantity_t = 0;
  double beta = 1;
  double ratio = 0;                  // q/Q
  std::string basis;                 // "table1" or "table2": where Q came from; "not_applicable" (excluded)
  std::string beta_source;           // "table3" or "table4"
  std::string derivation;            // how Q and β were found, for people
};

struct Assessment {
  std::string id;
  std::string edition;               // "GB 18218-2018"
  QuantityBasis basis = QuantityBasis::kDesignMaximum;
  bool major_hazard = false;
  double sum_ratio = 0;              // S
  int exposed_population_500m = 0;
  double alpha = 0;
  double r = 0;                      // R; computed for every unit, graded only for major hazards
  std::optional<int> grade;          // 1..4; none when not a major hazard
  std::vector<Contribution> contributions;
  // Holdings GB 18218-2018 does not count: not in Table 1 and none of their official hazard classes is a
  // Table 2 category (corrosives such as 硫酸); basis "not_applicable", with the reason in `derivation`.
  std::vector<Contribution> excluded;
};

// Tolerance of the boundary comparisons (S ≥ 1; R ≥ 10, 50, 100): values within 1e-9 relative of a
// boundary count as on it, so that decimal inputs such as q = 0.3 t with Q = 0.3 t, or ratios that sum
// to 1 in decimal (0.1 + 0.2 + 0.7), are not pushed below it by binary rounding.
inline constexpr double kBoundaryRelativeTolerance = 1e-9;

// Remembers how each substance (with its category, state and conditions) was resolved to Q and β, so
// that assessing many units holding the same substances resolves each once. Keyed by everything the
// resolution reads except the quantity. Use one cache with one catalogue and one edition of the tables;
// not thread-safe (one per thread).
class ResolutionCache {
 public:
  ResolutionCache();
  ~ResolutionCache();
  ResolutionCache(const ResolutionCache&) = delete;
  ResolutionCache& operator=(const ResolutionCache&) = delete;
  struct Entries;
  Entries& entries() { return *entries_; }

 private:
  std::unique_ptr<Entries> entries_;
};

// Everything of a holding's contribution but its quantity: the substance's Table 1 row or Table 2
// category, Q, β and how they were found (§4.2.1, §4.3). Errors name the holding's label. AssessUnit
// is this, QuantityOf and Conclude over a unit's holdings; a caller that assesses many units can
// resolve each distinct substance (with its category, state and conditions) once and sum itself.
Result<Contribution> ResolveSubstance(const HoldingInput& holding, const catalogue::Catalogue& catalogue,
                                      const catalogue::Gb18218Tables& tables);

// Contribution::basis of a holding GB 18218-2018 does not count.
inline constexpr std::string_view kNotApplicable = "not_applicable";

// The quantity q of a holding (GB 18218-2018 §4.1): its mass, or its volume × density; `from` says which
// (kFromMass, kFromVolume). Errors name `label` and the field.
inline constexpr std::string_view kFromMass = "mass";
inline constexpr std::string_view kFromVolume = "volume×density";
struct HoldingQuantity {
  double tonnes = 0;
  std::string_view from;
};
Result<HoldingQuantity> QuantityOf(std::string_view label, std::optional<double> quantity_t,
                                   std::optional<double> volume_m3, std::optional<double> density_t_m3);

// The sums of a unit's counted holdings, in their order: S = Σ qᵢ/Qᵢ (formula (1)) and Σ βᵢ·qᵢ/Qᵢ
// (formula (2) without α).
struct RatioSums {
  double sum_ratio = 0;
  double weighted_ratio = 0;
  void Add(double ratio, double beta) {
    sum_ratio += ratio;
    weighted_ratio += beta * ratio;
  }
};

// α of Table 5 for the people within 500 m; an error naming the unit when negative or outside the table.
Result<double> AlphaFor(std::string_view unit_id, int exposed_population_500m, const catalogue::Gb18218Tables& tables);

// A unit's outcome from its sums: α, R, whether it is a major hazard installation (S ≥ 1) and its grade
// (Table 6), with the boundary tolerance. No contributions.
Result<Assessment> Conclude(std::string_view unit_id, int exposed_population_500m, QuantityBasis basis,
                            const RatioSums& sums, const catalogue::Gb18218Tables& tables);

// Assesses one unit. Errors (InvalidArgument) name the holding's label and what is missing. `cache`
// (optional) speeds up the assessment of many units; the result is the same with or without it.
Result<Assessment> AssessUnit(const UnitInput& unit, const catalogue::Catalogue& catalogue,
                              const catalogue::Gb18218Tables& tables, ResolutionCache* cache = nullptr);

// The Table 2 categories a chemical falls in, derived from its official classification (the
// catalogue's 危险化学品分类信息表) and the holding's state and conditions; each with the reason.
struct DerivedCategory {
  std::string symbol;
  std::string reason;  // "急性毒性-吸入,类别2 of a gas → J3"
};
Result<std::vector<DerivedCategory>> DeriveCategories(const catalogue::Chemical& chemical,
                                                      const HoldingInput& holding);

}  // namespace chemsafe::hazard
