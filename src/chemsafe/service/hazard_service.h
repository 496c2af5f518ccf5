// The province's database of major hazard installations (issue 3; plan tasks T2, T5): assesses the
// registry's units with the GB 18218-2018 engine (hazard/identify.h), stores every assessment with its
// inputs, edition and time (store/hazard_store.h), records transitions as events, and counts the
// results by grade, city, county and sector.
//
// Exposure (GB 18218-2018 Table 5, people within 500 m): computed from the registry's protected targets
// whose location lies within 500 m of the unit's boundary (inside it or within 500 m of an edge) when
// the registry has its site outline, else within 500 m of the unit's location, counting each target's larger of day and night
// population (people "normally" there at either time); a unit without a location uses its declared
// headcount; a unit with none of these cannot be graded and is recorded with that error. The source used is
// stored with the assessment ("computed", "declared").
//
// Inputs from the registry: the design maximum quantity (GB 18218-2018 §4.1) or the typical quantity
// (QuantityBasis::kActual); volume × density where declared so; the physical state; the Table 2
// category where declared; "special conditions" (Table 2 W5.2) when the unit runs a key supervised
// hazardous process or a holding's operating pressure exceeds 1.6 MPa. The registry keeps no boiling
// points, so W5.1 by "operated above the boiling point" is not derived from it (a declared category
// W5.1 is used).
//
// Thread-safety: uses the stores given, one thread at a time.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "chemsafe/catalogue/catalogue.h"
#include "chemsafe/core/result.h"
#include "chemsafe/hazard/identify.h"
#include "chemsafe/store/hazard_store.h"
#include "chemsafe/store/registry_store.h"

namespace chemsafe::service {

struct HazardRunOptions {
  std::optional<std::string> division_prefix;  // only enterprises in this division ("4403" = 深圳市)
  std::optional<std::string> enterprise_uscc;  // only this enterprise
  hazard::QuantityBasis basis = hazard::QuantityBasis::kDesignMaximum;  // Default: design maximum (§4.1)
  // Only units whose holdings changed since their latest assessment, and units never assessed
  // (re-assessment after an import). Default: every unit in scope.
  bool only_changed = false;
  // Only these registry unit ids (e.g. the units an import touched); combined with the scope above.
  // Default: no restriction.
  std::optional<std::vector<std::int64_t>> unit_ids;
  std::string at;  // time of the assessment, ISO-8601 UTC ("2024-01-01T00:00:00.000000Z"). Default: now.
};

struct GradeCounts {
  std::int64_t grade[5] = {0, 0, 0, 0, 0};  // [1]..[4]: MHI grades 1-4; [0] unused
  std::int64_t not_major = 0;
  std::int64_t failed = 0;  // could not be assessed (the error is stored with the assessment)
  std::int64_t major() const { return grade[1] + grade[2] + grade[3] + grade[4]; }
  std::int64_t total() const { return major() + not_major + failed; }
};

struct HazardRunReport {
  std::int64_t units_assessed = 0;
  GradeCounts all;
  std::map<std::string, GradeCounts> by_city;    // 4-digit city code
  std::map<std::string, GradeCounts> by_county;  // 6-digit county code
  std::map<int, GradeCounts> by_sector;          // registry::Sector code
  std::int64_t exposure_computed = 0, exposure_declared = 0, exposure_missing = 0;
  std::vector<store::HazardEvent> events;
  // The 包保 responsible persons (2021 rules) that major hazard installations lack, counted; the first
  // 20 as examples, "USCC/unit code: 技术负责人" (ListMajorHazards gives every one per installation).
  std::int64_t missing_responsible_count = 0;
  std::vector<std::string> missing_responsible;
  // The first few units that could not be assessed, with the reason.
  std::vector<std::string> failures;
  // Where the time went (wall clock, seconds): reading the registry, assessing, storing the results.
  double load_s = 0, assess_s = 0, save_s = 0;
  double holdings_read_s = 0;  // of load_s: the holdings, read beside the registry's units and targets
};

Result<HazardRunReport> AssessRegistry(store::RegistryStore& registry, store::HazardStore& hazards,
                                       const catalogue::Catalogue& catalogue, const HazardRunOptions& options = {});

// Re-assesses the given units (e.g. after their holdings changed) with `options` otherwise, storing the
// assessments and returning the transitions recorded as events. Unknown ids are skipped.
Result<HazardRunReport> ReassessUnits(store::RegistryStore& registry, store::HazardStore& hazards,
                                      const catalogue::Catalogue& catalogue, std::vector<std::int64_t> unit_ids,
                                      HazardRunOptions options = {});

// One major hazard installation of the database: a unit whose latest assessment on the design basis
// (GB 18218-2018 §4.1) found S ≥ 1, with what the 2021 包保 rules and the 备案 ask to follow.
struct MhiEntry {
  std::int64_t unit_id = 0;
  std::string enterprise_uscc;
  std::string unit_code;
  std::string unit_name;
  int grade = 0;  // 1..4
  std::int64_t assessment_id = 0;
  std::string assessed_at;
  std::optional<store::MhiFiling> filing;        // none: never recorded
  std::vector<std::string> missing_responsible;  // of 主要负责人, 技术负责人, 操作负责人
};
// The major hazard installations, most severe grade first, then by USCC and unit code.
Result<std::vector<MhiEntry>> ListMajorHazards(store::RegistryStore& registry, store::HazardStore& hazards);

// Records the 备案 (filing) of a major hazard installation: dates as YYYY-MM-DD (filing_date required
// when filed), and the unit must be a major hazard installation now.
Status RecordFiling(store::HazardStore& hazards, const store::MhiFiling& filing);

// An area (city, county, sector…) and its counts, for rankings.
struct RankedArea {
  std::string key;
  GradeCounts counts;
};
// Areas ranked by their major hazard installations: more MHIs first, then more grade 1, 2, 3; ties by key.
std::vector<RankedArea> RankByMajorHazards(const std::map<std::string, GradeCounts>& areas);

// The current time as the stores write it: "2024-01-01T00:00:00.000000Z".
std::string UtcNowText();

}  // namespace chemsafe::service
