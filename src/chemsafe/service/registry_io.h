// Import and export of the registry as tables users keep in Excel (issue 2 §5; DESIGN.md §5).
//
// Kinds: enterprises, units, holdings, protected_targets. Files: CSV (UTF-8 with or without BOM, or
// GBK/GB 18030 as Excel saves it in China) or XLSX. Columns have Chinese headers (WriteTemplate writes
// them, with a second sheet explaining each); common aliases and English headers are accepted, columns
// may come in any order, unknown columns are ignored, the header row may sit below merged title rows
// (the first of the first 20 rows that names at least two known columns), blank rows are skipped.
// Quantity cells may carry units and thousands separators ("1,200 吨", "800 kg", "30 m³"); a unit in
// the header ("最大储存量(kg)") is the default for bare numbers of that column.
//
// Every row is validated (registry/validate.h, plus: USCC check character, division code in the
// table, coordinates inside China, chemical resolved in the catalogue by CAS then by name, owner
// enterprise or unit present in the import or the database, natural keys not repeated in the import).
// ALL problems are collected as "FILE:ROW:COLUMN: message" (CSV column number or XLSX column letter,
// the header named in the message). Any problem: nothing is written. Otherwise everything is written in
// one store transaction. Re-importing the same file changes nothing (upsert by natural keys: USCC;
// unit code within its enterprise; unit + chemical; target code).
//
// Thread-safety: the functions are reentrant; a RegistryStore is used by one thread at a time.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "chemsafe/catalogue/catalogue.h"
#include "chemsafe/core/ids.h"
#include "chemsafe/core/result.h"
#include "chemsafe/store/registry_store.h"

namespace chemsafe::service {

// Persisted nowhere; the CLI's KIND argument.
enum class RecordKind { kEnterprises, kUnits, kHoldings, kProtectedTargets };
std::string_view RecordKindName(RecordKind kind);  // "enterprises", "units", "holdings", "protected_targets"
// Accepts the names above, "targets", "protected-targets" and the Chinese 企业, 单元, 危险化学品/储量, 防护目标.
Result<RecordKind> ParseRecordKind(std::string_view text);

// Coordinate system of the longitude/latitude cells of an import (DESIGN.md §5: stored as WGS-84).
enum class InputCrs {
  kWgs84,  // WGS-84 / CGCS2000 (GPS, Tianditu): stored as is
  kGcj02,  // GCJ-02 (AMap, Tencent maps, DataV): converted to WGS-84 with core/geo.h
};

struct ImportProgress {
  std::size_t source_index = 0;  // which of the sources is being read
  std::int64_t rows_done = 0;    // data rows read so far in all sources
  std::uint64_t bytes_done = 0;  // of the current source
  std::uint64_t bytes_total = 0;
};

struct ImportReport;

struct ImportOptions {
  InputCrs crs = InputCrs::kWgs84;  // Default: WGS-84
  std::string sheet;                // XLSX sheet to read. Default: the first sheet.
  // Time the holding versions open at (ISO-8601 with offset). Default (empty): now, Asia/Shanghai.
  std::string at;
  // Called every `progress_every_rows` rows and at the end of each source; may be empty.
  std::function<void(const ImportProgress&)> on_progress;
  int progress_every_rows = 10000;  // Default: 10,000
  // Whether the caller may write the records of the enterprise with this USCC in this division (for
  // protected targets the USCC is empty): every row outside it is a problem naming the row, so nothing
  // is written. Default (empty): no restriction (the operator's CLI).
  std::function<bool(std::string_view uscc, std::string_view division_code)> may_write;
  // Called inside the import's transaction after every row was written without a problem, before the
  // commit (e.g. to append the audit record, so that both are committed or neither). Default: none.
  std::function<Status(store::RegistryWriter& writer, const ImportReport& report)> before_commit;
};

// One problem of an import: "FILE:ROW:COLUMN: message", or "FILE:ROW: message" when it concerns the
// whole row or header (column empty).
struct ImportProblem {
  std::string file;
  int row = 0;
  std::string column;  // "3" (CSV) or "C" (XLSX)
  std::string message;
  std::string ToString() const;
};

struct ImportReport {
  std::int64_t rows_read = 0;  // data rows (not header, not blank)
  std::int64_t inserted = 0;   // 0 when there are problems: nothing was written
  std::int64_t updated = 0;
  std::int64_t unchanged = 0;
  std::vector<ImportProblem> problems;  // in file and row order
  bool ok() const { return problems.empty(); }
};

struct ImportSource {
  RecordKind kind = RecordKind::kEnterprises;
  std::string path;
};

// The reference data an import validates against (loaded once by the caller).
struct ImportReferences {
  const DivisionTable& divisions;
  const catalogue::Catalogue& catalogue;
  // Names of the 18 key supervised hazardous processes (LoadKeyProcessNames); empty: not checked.
  std::vector<std::string> key_process_names = {};
};

// Imports one file of one kind. Returns the report (check report.ok(): problems mean nothing was
// written), or a Status when the file cannot be read at all (missing, not CSV/XLSX, undecodable text
// naming its line) or the store fails.
Result<ImportReport> ImportTable(store::RegistryStore& store, const ImportReferences& refs, RecordKind kind,
                                 const std::string& path, const ImportOptions& options = {});

// Imports several files in ONE transaction, in the order enterprises, units, holdings, protected targets
// whatever the order given, so that units may refer to enterprises of the same import, and holdings to
// its units. All or nothing over all files.
Result<ImportReport> ImportTables(store::RegistryStore& store, const ImportReferences& refs,
                                  const std::vector<ImportSource>& sources, const ImportOptions& options = {});

// The names of data/cn_regulatory_lists/key_supervised_hazardous_processes_18.csv.
Result<std::vector<std::string>> LoadKeyProcessNames(const std::string& data_dir);

// Writes the empty XLSX template of a kind: sheet 1 has the Chinese header row (bold, frozen); sheet 2
// (填写说明) explains each column: required or not, unit, allowed values, an example, accepted aliases.
Status WriteTemplate(RecordKind kind, const std::string& path);

enum class ExportFormat { kCsv, kXlsx, kGeoJson };
Result<ExportFormat> ParseExportFormat(std::string_view text);  // "csv", "xlsx", "geojson"

struct ExportOptions {
  bool csv_byte_order_mark = true;  // Default: true, so that Excel opens the CSV as UTF-8.
};

// Exports every record of a kind (holdings: the current versions) with the template's columns, so
// that an export imports back unchanged. GeoJSON (RFC 7946): a FeatureCollection of Point features
// in WGS-84 (holdings at their unit's location), properties with English keys; records without a
// location have a null geometry. Returns the number of records written.
Result<std::int64_t> ExportRecords(store::RegistryStore& store, RecordKind kind, ExportFormat format,
                                   const std::string& path, const ExportOptions& options = {});

// --- Synthetic data for tests and benchmarks (marked synthetic) ---

struct UnitKey {
  std::string enterprise_uscc;
  std::string unit_code;
};

// Creates `enterprises` synthetic enterprises (valid USCCs, county codes from `divisions`, located in
// their province's extent) with `units_per_enterprise` storage units each, in one transaction. Returns
// the unit keys. Deterministic for a seed.
Result<std::vector<UnitKey>> CreateSyntheticUnits(store::RegistryStore& store, const DivisionTable& divisions,
                                                  int enterprises, int units_per_enterprise, std::uint64_t seed);

struct SyntheticHoldingsOptions {
  std::int64_t rows = 1000000;  // Default: one million
  std::uint64_t seed = 1;
  // Chemicals per unit: 0 (default) gives each unit every well-known chemical before the next unit;
  // N gives each unit N of them (a different selection per unit), so rows / N units are used.
  int chemicals_per_unit = 0;
};

// Writes a holdings CSV (template headers, UTF-8) of `options.rows` valid rows over `units` (which must
// exist) and well-known catalogue chemicals (chlorine, ammonia, methanol, …, those found in `catalogue`),
// grouped by unit (as enterprises declare them), each (unit, chemical) at most once: InvalidArgument
// when rows > units × chemicals. Quantities are
// written as users type them ("1,200.5 吨", "800 kg"). Deterministic for a seed.
Status WriteSyntheticHoldingsCsv(const std::string& path, const std::vector<UnitKey>& units,
                                 const catalogue::Catalogue& catalogue, const SyntheticHoldingsOptions& options);

}  // namespace chemsafe::service
