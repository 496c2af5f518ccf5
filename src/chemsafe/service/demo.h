// The synthetic demo province (issue 2 §6): a deterministic, clearly marked synthetic Guangdong for
// demonstrations, tests and benchmarks. Enterprises lie inside the real county polygons
// (data/geo_guangdong, converted to WGS-84), carry valid but recognisably synthetic USCCs and names
// ending in "（演示）", and hold realistic inventories (LPG, chlorine, ammonia, methanol, gasoline,
// benzene, ammonium nitrate, sodium cyanide, …) in GB 18218 units whose quantities span the critical
// quantities of GB 18218-2018 Table 1, so that some units are major hazard installations and most are
// not. Protected targets (GB 36894-2018: schools, hospitals, residential areas with day and night
// headcounts) lie around the enterprises; a few chemical parks and port zones group some of them.
// Every record has provenance kSynthetic.
//
// Determinism: the same seed and options produce the same records, byte for byte, on a given platform,
// and across standard libraries: the generator uses std::mt19937_64 (whose output sequence the C++
// standard specifies) and its own distributions (the std:: distributions differ between libraries).
// Only exp/log/cos of the C library enter the numbers (log-uniform quantities, metres to degrees); a
// libm that rounds their last bit differently could, rarely, move a quantity by 0.01 t or a point by
// 1e-6 degree.
//
// Thread-safety: GenerateDemoProvince uses only its arguments; run one per store.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "chemsafe/core/ids.h"
#include "chemsafe/core/result.h"
#include "chemsafe/reference/boundaries.h"
#include "chemsafe/store/registry_store.h"

namespace chemsafe::service {

struct DemoOptions {
  std::uint64_t seed = 2017;  // Default: 2017, the year of the governance plan (粤府办〔2017〕11号).
  int enterprises = 2000;     // Default: 2,000 enterprises (about 5,000 units); benchmarks use 100,000.
  // The time at which the generated holdings become valid (their valid_from). Fixed, so that the
  // output does not depend on the clock. Default: 2024-01-01 00:00 Asia/Shanghai.
  std::string holdings_valid_from = "2024-01-01T00:00:00+08:00";
};

struct DemoInputs {
  // Required: the division table (data/admin_divisions) and the Guangdong county boundaries in WGS-84
  // (reference::LoadGuangdongCounties). Counties whose code is not in the table are not used.
  const DivisionTable* divisions = nullptr;
  const std::vector<reference::AreaBoundary>* counties = nullptr;
  // Optional: when set, every chemical key the generator uses (DemoChemicalKeys) must be known to it
  // (e.g. [&](auto key) { return catalogue.FindByKey(key) != nullptr; }); else nothing is written and
  // FailedPrecondition names the missing keys.
  std::function<bool(std::string_view chemical_key)> chemical_known;
};

struct DemoReport {
  int enterprises = 0;
  int units = 0;
  int holdings = 0;
  int protected_targets = 0;
  int parks = 0;
};

// Called after each batch of enterprises with (done, total); total = options.enterprises.
using DemoProgress = std::function<void(std::int64_t done, std::int64_t total)>;

// Generates the demo province and writes it into `store` in one transaction (all or nothing).
// Re-running with the same options upserts the same records (natural keys are deterministic).
// InvalidArgument for enterprises < 1 or > 1,000,000 or missing inputs.
Result<DemoReport> GenerateDemoProvince(const DemoOptions& options, const DemoInputs& inputs,
                                        store::RegistryStore& store, const DemoProgress& progress = {});

// Loads the inputs from `data_dir` (divisions, Guangdong counties) and generates. `chemical_known` as in
// DemoInputs (optional).
Result<DemoReport> GenerateDemoProvinceFromData(
    const DemoOptions& options, const std::string& data_dir, store::RegistryStore& store,
    const DemoProgress& progress = {},
    const std::function<bool(std::string_view chemical_key)>& chemical_known = {});

// The catalogue keys (CAS numbers) of every chemical the generator can place in a unit.
std::vector<std::string> DemoChemicalKeys();

// True for a USCC of the form the generator writes: "91" + a 6-digit county code + "YY" + 7 digits +
// the check character. Real organisation codes issued since 2015 begin with "MA"; "YY" marks demo data.
bool IsDemoUscc(std::string_view uscc);

}  // namespace chemsafe::service
