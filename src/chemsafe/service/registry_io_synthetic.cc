// Synthetic registry data for tests and benchmarks (registry_io.h). Deterministic: the numbers come
// from std::mt19937_64 (whose output sequence is fixed by the C++ standard) with our own arithmetic,
// not from <random> distributions (whose results differ between standard libraries).
#include <cmath>
#include <cstdio>
#include <random>

#include <fmt/format.h>

#include "chemsafe/service/registry_io.h"
#include "chemsafe/tabular/table_writer.h"

namespace chemsafe::service {
namespace {

// Uniform in [lo, hi) from one 64-bit draw (53 bits of mantissa).
double Uniform(std::mt19937_64& rng, double lo, double hi) {
  return lo + (hi - lo) * static_cast<double>(rng() >> 11) * (1.0 / 9007199254740992.0);
}

// GB 11714-1997 organisation code: 8 characters and a check character, weights 3 7 9 10 5 8 4 2,
// C9 = 11 - (sum mod 11), 10 -> 'X', 11 -> '0'.
std::string OrganisationCode(std::uint64_t n) {
  std::string body = fmt::format("{:08}", n % 100000000);
  static constexpr int kWeights[] = {3, 7, 9, 10, 5, 8, 4, 2};
  int sum = 0;
  for (int i = 0; i < 8; ++i) sum += (body[i] - '0') * kWeights[i];
  int c = 11 - sum % 11;
  body += c == 10 ? 'X' : c == 11 ? '0' : static_cast<char>('0' + c);
  return body;
}

// Counties (level 3) under the given provinces, in table order.
std::vector<std::string> Counties(const DivisionTable& divisions) {
  std::vector<std::string> out;
  for (const char* province : {"44", "45", "43", "35", "36", "46"}) {
    for (const Division* city : divisions.Children(province)) {
      for (const Division* county : divisions.Children(city->code)) {
        if (county->level == 3) out.push_back(county->code);
      }
    }
    if (!out.empty()) break;
  }
  return out;
}

struct KnownChemical {
  std::string_view cas;
  std::string_view state;
};
// Well-known hazardous chemicals of 危险化学品目录 (2015) by CAS number.
constexpr KnownChemical kChemicals[] = {
    {"7782-50-5", "液化气体"}, {"7664-41-7", "液化气体"}, {"67-56-1", "液态"},   {"71-43-2", "液态"},
    {"74-98-6", "液化气体"},   {"106-97-8", "液化气体"},  {"74-82-8", "气态"},   {"1333-74-0", "气态"},
    {"6484-52-2", "固态"},     {"143-33-9", "固态"},      {"7664-93-9", "液态"}, {"7697-37-2", "液态"},
    {"7647-01-0", "液态"},     {"108-88-3", "液态"},      {"1330-20-7", "液态"}, {"64-17-5", "液态"},
    {"67-64-1", "液态"},       {"75-21-8", "液化气体"},   {"74-85-1", "液化气体"}, {"115-07-1", "液化气体"},
    {"75-01-4", "液化气体"},   {"7783-06-4", "液化气体"}, {"75-44-5", "液化气体"}, {"50-00-0", "气态"},
    {"107-13-1", "液态"},      {"100-42-5", "液态"},      {"7722-84-1", "液态"}, {"7446-09-5", "液化气体"},
    {"630-08-0", "气态"},      {"75-15-0", "液态"},       {"110-54-3", "液态"},  {"141-78-6", "液态"},
    {"78-93-3", "液态"},       {"108-95-2", "固态"},      {"62-53-3", "液态"},   {"7726-95-6", "液态"},
    {"7664-39-3", "液化气体"}, {"3811-04-9", "固态"},     {"7775-09-9", "固态"}, {"74-86-2", "气态"},
    {"106-99-0", "液化气体"},  {"71-36-3", "液态"},       {"67-63-0", "液态"},   {"109-99-9", "液态"},
    {"75-09-2", "液态"},       {"67-66-3", "液态"},       {"56-23-5", "液态"},   {"127-18-4", "液态"},
    {"79-01-6", "液态"},       {"7803-51-2", "液化气体"},
};

// 1234.5 -> "1,234.5" (one decimal).
std::string GroupThousands(double v) {
  auto tenths = static_cast<std::int64_t>(std::llround(v * 10));
  std::string whole = std::to_string(tenths / 10);
  std::string out;
  for (std::size_t i = 0; i < whole.size(); ++i) {
    if (i > 0 && (whole.size() - i) % 3 == 0) out += ',';
    out += whole[i];
  }
  return fmt::format("{}.{}", out, tenths % 10);
}

}  // namespace

Result<std::vector<UnitKey>> CreateSyntheticUnits(store::RegistryStore& store, const DivisionTable& divisions,
                                                  int enterprises, int units_per_enterprise, std::uint64_t seed) {
  std::vector<std::string> counties = Counties(divisions);
  if (counties.empty()) return FailedPrecondition("the division table has no county to place enterprises in");
  std::mt19937_64 rng(seed);
  std::vector<UnitKey> keys;
  keys.reserve(static_cast<std::size_t>(enterprises) * static_cast<std::size_t>(units_per_enterprise));
  Status s = store.InTransaction([&](store::RegistryWriter& w) -> Status {
    for (int i = 0; i < enterprises; ++i) {
      registry::Enterprise e;
      const std::string& county = counties[static_cast<std::size_t>(i) % counties.size()];
      // GB 32100-2015: 9 (registered by market regulation) 1 (enterprise), division, organisation code.
      std::string first17 = "91" + county + OrganisationCode(seed * 1000003 + static_cast<std::uint64_t>(i));
      CHEMSAFE_ASSIGN_OR_RETURN(char check, Uscc::CheckCharacter(first17));
      e.uscc = first17 + check;
      e.name = fmt::format("合成化工企业{:06}", i);
      e.division_code = county;
      // Guangdong's extent, roughly lon 109.7..117.3, lat 20.2..25.5 (inside China for any province).
      e.location = LonLat{Uniform(rng, 109.7, 117.3), Uniform(rng, 20.2, 25.5)};
      e.activities = {registry::Activity::kStorage};
      e.sector = registry::Sector::kChemical;
      e.provenance = registry::Provenance::kSynthetic;
      CHEMSAFE_RETURN_IF_ERROR(w.UpsertEnterprise(e));
      for (int k = 0; k < units_per_enterprise; ++k) {
        registry::Unit u;
        u.enterprise_id = e.id;
        u.enterprise_uscc = e.uscc;
        u.code = fmt::format("U{:03}", k);
        u.name = fmt::format("储存单元{:03}", k);
        u.kind = registry::UnitKind::kStorage;
        u.location = LonLat{e.location->lon_deg + 0.001 * k, e.location->lat_deg};
        u.provenance = registry::Provenance::kSynthetic;
        CHEMSAFE_RETURN_IF_ERROR(w.UpsertUnit(u));
        keys.push_back({e.uscc, u.code});
      }
    }
    return Status::Ok();
  });
  CHEMSAFE_RETURN_IF_ERROR(s);
  return keys;
}

Status WriteSyntheticHoldingsCsv(const std::string& path, const std::vector<UnitKey>& units,
                                 const catalogue::Catalogue& catalogue, const SyntheticHoldingsOptions& options) {
  struct Chosen {
    std::string cas, name;
    std::string_view state;
  };
  std::vector<Chosen> chemicals;
  for (const auto& k : kChemicals) {
    if (const auto* c = catalogue.FindByCas(k.cas)) chemicals.push_back({std::string(k.cas), c->name_zh, k.state});
  }
  if (chemicals.empty()) return FailedPrecondition("none of the well-known chemicals is in the catalogue");
  if (options.chemicals_per_unit < 0 || options.chemicals_per_unit > static_cast<int>(chemicals.size())) {
    return InvalidArgument(fmt::format("chemicals_per_unit must be 0..{}", chemicals.size()));
  }
  const auto per_unit = options.chemicals_per_unit > 0 ? static_cast<std::int64_t>(options.chemicals_per_unit)
                                                       : static_cast<std::int64_t>(chemicals.size());
  auto capacity = static_cast<std::int64_t>(units.size()) * per_unit;
  if (options.rows > capacity) {
    return InvalidArgument(fmt::format("{} rows need more (unit, chemical) pairs than {} units x {} chemicals = {}",
                                       options.rows, units.size(), chemicals.size(), capacity));
  }
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr) return Unavailable(fmt::format("{}: cannot create", path));
  std::mt19937_64 rng(options.seed);
  std::string buf = "统一社会信用代码,单元编码,CAS号,化学品名称,设计最大量,正常存量,物理状态,操作温度,操作压力\r\n";
  buf.reserve(1 << 20);
  bool ok = true;
  for (std::int64_t i = 0; i < options.rows; ++i) {
    // Rows grouped by unit, as an enterprise declares a unit's holdings together; pairs stay unique
    // while i < units x chemicals.
    const auto n_chem = static_cast<std::int64_t>(chemicals.size());
    const std::int64_t unit_index = i / per_unit;
    const UnitKey& u = units[static_cast<std::size_t>(unit_index)];
    // Each unit a window of per_unit consecutive chemicals starting at a unit-dependent offset (distinct
    // chemicals within a unit since per_unit <= n_chem).
    const std::int64_t offset = per_unit == n_chem ? 0 : (unit_index * 7) % n_chem;
    const Chosen& c = chemicals[static_cast<std::size_t>((offset + i % per_unit) % n_chem)];
    double max_t = std::round(Uniform(rng, 0.5, 5000) * 10) / 10;
    double typical_t = std::round(max_t * 6) / 10;
    std::uint64_t style = rng() % 4;
    buf += u.enterprise_uscc;
    buf += ',';
    tabular::AppendCsvField(buf, u.unit_code);
    buf += ',';
    buf += c.cas;
    buf += ',';
    tabular::AppendCsvField(buf, c.name);
    buf += ',';
    // Quantities as users type them: thousands separators, units in the cell.
    if (style == 0) {
      buf += '"';  // "1,234.5 吨" needs quoting for its comma
      buf += GroupThousands(max_t);
      buf += " 吨\"";
    } else if (style == 1) {
      buf += fmt::format("{} kg", max_t * 1000);
    } else if (style == 2) {
      buf += fmt::format("{}t", max_t);
    } else {
      buf += fmt::format("{}", max_t);
    }
    buf += ',';
    buf += fmt::format("{} 吨", typical_t);
    buf += ',';
    buf += c.state;
    buf += fmt::format(",{},{}\r\n", 20 + static_cast<int>(rng() % 20), 0.1 + static_cast<double>(rng() % 20) / 10);
    if (buf.size() > (1 << 20) - 512) {
      ok = ok && std::fwrite(buf.data(), 1, buf.size(), f) == buf.size();
      buf.clear();
    }
  }
  ok = ok && std::fwrite(buf.data(), 1, buf.size(), f) == buf.size();
  ok = std::fclose(f) == 0 && ok;
  return ok ? Status::Ok() : Unavailable(fmt::format("{}: write failed", path));
}

}  // namespace chemsafe::service
