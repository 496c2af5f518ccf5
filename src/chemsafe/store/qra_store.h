// Repository of the province-wide QRA runs (issue 5, plan task T7; service/qra_province.h): each run with
// its method, the SM3 digest of its inputs (its version: the same method and inputs give the same
// digest, so a run need not be repeated), its summary, contours and exceedances as GeoJSON, and one row
// per enterprise assessed with its rank, proposed action and batch. Runs are append-only: a later run
// never changes an earlier one, so every list shown can be traced to the run that made it. SQLite and
// PostgreSQL behind one interface, like registry_store.h; no SQL here.
// Thread-safety: one QraStore per thread.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "chemsafe/core/result.h"

namespace chemsafe::store {

struct QraRunRecord {
  std::int64_t id = 0;       // set by the store
  std::string run_at;        // ISO-8601 UTC text
  std::string method;        // method and data versions
  std::string input_digest;  // SM3 (hex) of the method and every input
  std::string scope;         // division prefix of the run; empty: the whole registry
  bool new_installations = false;
  bool synthetic_weather = false;
  std::string summary;       // JSON object: counts, the largest IR, run time, holdings left out
  // GeoJSON FeatureCollections (WGS-84); empty when read without geometry.
  std::string contours;
  std::string exceedances;
};

struct QraEnterpriseRecord {
  std::int64_t run_id = 0;
  std::int64_t enterprise_id = 0;
  int rank = 0;                // 1 first, within the run
  std::string division_code;   // the enterprise's at the run: the list is bounded by it
  std::string action;          // service::ProposedActionCode
  int batch = 0;
  double worst_ratio = 0;
  double pll_per_yr = 0;
  int exceedance_count = 0;
  std::string detail;          // JSON object: exceedances, reasons, units
};

// Which rows of a run a caller's list holds.
struct QraListQuery {
  std::int64_t run_id = 0;
  std::string division_prefix;  // "4403"; empty: any
  // When set, only these enterprises (a grid officer's, an enterprise's own); sorted.
  std::optional<std::vector<std::int64_t>> enterprise_ids;
  std::string action;           // one action code; empty: any
  bool listed_only = true;      // only enterprises with an exceedance
  int offset = 0;
  int limit = 20;
};

struct QraListPage {
  std::vector<QraEnterpriseRecord> rows;  // rank order
  std::int64_t total = 0;                 // matching rows, all pages
  std::map<std::string, std::int64_t> by_action;  // in the scope (division, enterprises), any action or listing
};

class QraStore {
 public:
  virtual ~QraStore() = default;

  // Saves a run and its rows in one transaction (all or nothing) and raises the data generation
  // (registry_store.h), so that answers kept from older runs are not used again. Sets run.id and the
  // rows' run_id.
  virtual Status SaveRun(QraRunRecord& run, std::vector<QraEnterpriseRecord>& rows) = 0;

  // Newest first, without geometry.
  virtual Result<std::vector<QraRunRecord>> Runs(int offset, int limit) = 0;
  virtual Result<std::int64_t> RunCount() = 0;
  virtual Result<std::optional<QraRunRecord>> Run(std::int64_t id, bool with_geometry) = 0;
  virtual Result<std::optional<std::int64_t>> LatestRunId() = 0;
  // The newest run with this input digest, without geometry.
  virtual Result<std::optional<QraRunRecord>> FindRunByDigest(const std::string& digest) = 0;

  virtual Result<QraListPage> List(const QraListQuery& q) = 0;
  // The enterprise's rows in every run, newest run first.
  virtual Result<std::vector<QraEnterpriseRecord>> EnterpriseHistory(std::int64_t enterprise_id) = 0;
};

Result<std::unique_ptr<QraStore>> OpenSqliteQraStore(const std::string& path);
Result<std::unique_ptr<QraStore>> OpenPostgresQraStore(const std::string& url);

}  // namespace chemsafe::store
