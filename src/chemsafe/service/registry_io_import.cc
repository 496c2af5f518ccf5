// Registry import (registry_io.h). One pass per file inside the store transaction: each row is parsed,
// validated and, while no problem has been found, written; any problem rolls everything back.
// Existing records are loaded once before the transaction into hash maps (natural key -> id and content)
// so that the per-row path needs no query other than the write itself, and unchanged rows are not
// written at all.
#include <algorithm>
#include <bit>
#include <bitset>
#include <chrono>
#include <cmath>
#include <cstring>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <span>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>

#include "chemsafe/core/geo.h"
#include "chemsafe/core/quantity.h"
#include "chemsafe/registry/names.h"
#include "chemsafe/registry/validate.h"
#include "chemsafe/service/registry_io.h"
#include "chemsafe/service/registry_io_cells.h"
#include "chemsafe/service/registry_io_columns.h"
#include "chemsafe/tabular/table_reader.h"

namespace chemsafe::service {

std::string_view RecordKindName(RecordKind kind) {
  switch (kind) {
    case RecordKind::kEnterprises: return "enterprises";
    case RecordKind::kUnits: return "units";
    case RecordKind::kHoldings: return "holdings";
    case RecordKind::kProtectedTargets: return "protected_targets";
  }
  return "?";
}

Result<RecordKind> ParseRecordKind(std::string_view text) {
  static constexpr std::pair<std::string_view, RecordKind> kNames[] = {
      {"enterprises", RecordKind::kEnterprises}, {"enterprise", RecordKind::kEnterprises},
      {"企业", RecordKind::kEnterprises},         {"units", RecordKind::kUnits},
      {"unit", RecordKind::kUnits},               {"单元", RecordKind::kUnits},
      {"holdings", RecordKind::kHoldings},        {"holding", RecordKind::kHoldings},
      {"危险化学品", RecordKind::kHoldings},      {"储量", RecordKind::kHoldings},
      {"protected_targets", RecordKind::kProtectedTargets}, {"protected-targets", RecordKind::kProtectedTargets},
      {"targets", RecordKind::kProtectedTargets}, {"防护目标", RecordKind::kProtectedTargets},
  };
  for (const auto& [name, kind] : kNames) {
    if (name == text) return kind;
  }
  return InvalidArgument(fmt::format("unknown kind \"{}\": expected enterprises, units, holdings or protected_targets",
                                     text));
}

std::string ImportProblem::ToString() const {
  if (column.empty()) return fmt::format("{}:{}: {}", file, row, message);
  return fmt::format("{}:{}:{}: {}", file, row, column, message);
}

Result<std::vector<std::string>> LoadKeyProcessNames(const std::string& data_dir) {
  std::string path = data_dir + "/cn_regulatory_lists/key_supervised_hazardous_processes_18.csv";
  CHEMSAFE_ASSIGN_OR_RETURN(auto reader, tabular::OpenCsv(path));
  tabular::Row row;
  std::vector<std::string> names;
  int name_column = -1;
  while (true) {
    CHEMSAFE_ASSIGN_OR_RETURN(bool more, reader->Next(row));
    if (!more) break;
    if (name_column < 0) {
      auto it = std::find(row.cells.begin(), row.cells.end(), "process_name");
      if (it == row.cells.end()) return InvalidArgument(path + ":1: no process_name column");
      name_column = static_cast<int>(it - row.cells.begin());
      continue;
    }
    if (static_cast<int>(row.cells.size()) > name_column) names.push_back(row.cells[name_column]);
  }
  return names;
}

namespace {

using io::Field;
using registry::FieldProblem;
using io::IsBlank;
using io::TrimCell;

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
template <typename V>
using StringMap = std::unordered_map<std::string, V, StringHash, std::equal_to<>>;

// ISO-8601 now in Asia/Shanghai (UTC+8, no daylight saving since 1991).
std::string NowInShanghai() {
  using namespace std::chrono;
  auto now = floor<seconds>(system_clock::now()) + hours{8};
  auto day = floor<days>(now);
  year_month_day ymd{day};
  hh_mm_ss hms{now - day};
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}+08:00", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()), hms.hours().count(),
                     hms.minutes().count(), hms.seconds().count());
}

// Parenthesis-insensitive process names: "电解工艺(氯碱)" = "电解工艺（氯碱）".
std::string NormalizeProcessName(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    std::string_view rest = s.substr(i);
    if (rest.starts_with("\xEF\xBC\x88")) { out += '('; i += 3; }
    else if (rest.starts_with("\xEF\xBC\x89")) { out += ')'; i += 3; }
    else if (s[i] == ' ') { ++i; }
    else { out += s[i]; ++i; }
  }
  return out;
}

// A 64-bit fingerprint of a holding's declared content: enough to tell a changed row from an
// unchanged one without keeping every holding of the database in memory. Each step is a bijection
// of the state for a given input, so two holdings whose only difference is the value of one number
// always differ, and in one text unless std::hash of the two texts collides. Used within one
// process only.
class Fingerprint {
 public:
  void Add(std::string_view s) {
    Mix(std::hash<std::string_view>{}(s));
    Mix(s.size());
  }
  void Add(const std::optional<double>& v) {
    if (!v) {
      Mix(0);
      return;
    }
    Mix(1);
    Mix(std::bit_cast<std::uint64_t>(*v));
  }
  void Add(int v) { Mix(static_cast<std::uint64_t>(static_cast<std::int64_t>(v))); }
  std::uint64_t value() const { return h_; }

 private:
  void Mix(std::uint64_t x) {
    h_ = (h_ ^ x) * 0x9E3779B97F4A7C15ULL;  // odd multiplier: a bijection
    h_ ^= h_ >> 29;
  }
  std::uint64_t h_ = 0x243F6A8885A308D3ULL;
};

std::uint64_t HoldingFingerprint(const registry::Holding& h) {
  Fingerprint f;
  f.Add(h.chemical_name);
  f.Add(h.max_quantity_t);
  f.Add(h.typical_quantity_t);
  f.Add(h.max_volume_m3);
  f.Add(h.density_t_m3);
  f.Add(static_cast<int>(h.state));
  f.Add(h.temperature_c);
  f.Add(h.pressure_mpa);
  f.Add(h.gb18218_category);
  f.Add(static_cast<int>(h.provenance));
  return f.value();
}

struct HeaderMap {
  int header_row = 0;
  int column_of[io::kFieldCount];
  std::string header_of[io::kFieldCount];
  std::string unit_hint[io::kFieldCount];
  HeaderMap() { std::fill(std::begin(column_of), std::end(column_of), -1); }
};

struct EnterpriseEntry {
  registry::Enterprise record;
  bool in_store = false;
  int import_row = 0;
};
struct HoldingEntry {
  std::uint32_t chemical = 0;  // ChemicalOrdinal of its chemical key
  int import_row = 0;
  std::uint64_t fingerprint = 0;
  bool in_store = false;
};
struct UnitEntry {
  std::int64_t id = 0;
  registry::Unit record;  // content as stored or imported (only its identity when no units are imported)
  bool in_store = false;
  int import_row = 0;
  std::optional<bool> may_write;  // ImportOptions::may_write of its enterprise, once asked (reader thread)
  // The unit's holdings, in the store or in this import. Kept with the unit, not in one table of all
  // holdings: files list a unit's holdings together, so the rows of a million-row import then touch
  // memory that is already in cache (a table lookup per row cost 0.4 µs in page walks on the bench).
  std::vector<HoldingEntry> holdings;

  // The holding of `chemical`, added (empty) when absent. A linear search: a unit holds at most one
  // holding per catalogue entry, a few dozen in practice.
  HoldingEntry& HoldingOf(std::uint32_t chemical) {
    for (HoldingEntry& h : holdings) {
      if (h.chemical == chemical) return h;
    }
    holdings.push_back(HoldingEntry{chemical});
    return holdings.back();
  }
};
struct ChemicalRef {
  const catalogue::Chemical* chemical = nullptr;
  std::uint32_t ordinal = 0;
  std::string error;  // why the text does not resolve
};

// Hands validated holdings from the thread that reads and validates the file to the thread that writes
// them into the store (the one running the store transaction), in batches through a bounded queue, so
// that parsing and validation overlap with SQLite's work on a second core. Batches are recycled so that
// the holdings' string buffers are reused. All bookkeeping (counts, fingerprints) stays with the reading
// thread; the writing thread only calls UpsertHolding. Either side can stop the other: the reader when
// it is done or failed, the writer at the first store error.
class HoldingPipeline {
 public:
  // Reader side: moves `h` into the current batch, leaving in `h` a holding written earlier (whose
  // strings have room to be reused); false once the writer has stopped (noticed when a batch is
  // handed over, so without a lock per row).
  bool Push(registry::Holding& h, int row) {
    if (filling_.holdings.size() == filled_) {
      filling_.holdings.emplace_back();
      filling_.rows.emplace_back();
    }
    std::swap(filling_.holdings[filled_], h);
    filling_.rows[filled_] = row;
    if (++filled_ == kBatchRows) return Flush();
    return true;
  }

  // Reader side: hands over what is left and tells the writer no more will come.
  void Close() {
    Flush();
    std::lock_guard lock(mu_);
    closed_ = true;
    cv_.notify_all();
  }

  // Writer side: writes every batch (RegistryWriter::UpsertHoldings) until the reader closes or a
  // write fails; returns the first error, naming the file and row.
  Status Drain(store::RegistryWriter& writer, std::string_view at, const std::string& file) {
    Batch batch;
    std::size_t n = 0;
    while (true) {
      {
        std::unique_lock lock(mu_);
        cv_.wait(lock, [&] { return !full_.empty() || closed_; });
        if (full_.empty()) return Status::Ok();
        n = full_.front().second;
        batch = std::move(full_.front().first);
        full_.pop_front();
        cv_.notify_all();
      }
      std::size_t written = 0;
      Status s = writer.UpsertHoldings(std::span(batch.holdings.data(), n), at, &written);
      if (!s.ok()) {
        std::lock_guard lock(mu_);
        stopped_ = true;
        cv_.notify_all();
        return s.WithContext(fmt::format("{}:{}", file, batch.rows[std::min(written, n - 1)]));
      }
      std::lock_guard lock(mu_);
      free_.push_back(std::move(batch));
    }
  }

  // Writer side, when it leaves early (its transaction failed otherwise): lets the reader finish.
  void Stop() {
    std::lock_guard lock(mu_);
    stopped_ = true;
    cv_.notify_all();
  }

 private:
  struct Batch {
    std::vector<registry::Holding> holdings;
    std::vector<int> rows;  // file row of each holding
  };
  static constexpr std::size_t kBatchRows = 2048;
  static constexpr std::size_t kMaxQueuedBatches = 8;

  bool Flush() {
    std::unique_lock lock(mu_);
    if (filled_ > 0) {
      cv_.wait(lock, [&] { return full_.size() < kMaxQueuedBatches || stopped_; });
      if (stopped_) return false;
      full_.emplace_back(std::move(filling_), filled_);
      filled_ = 0;
      cv_.notify_all();
      if (!free_.empty()) {
        filling_ = std::move(free_.back());
        free_.pop_back();
      } else {
        filling_ = {};
      }
    }
    return !stopped_;
  }

  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::pair<Batch, std::size_t>> full_;  // (batch, holdings used)
  std::vector<Batch> free_;
  bool closed_ = false;
  bool stopped_ = false;
  // Reader-only state.
  Batch filling_;
  std::size_t filled_ = 0;
};

class Importer {
 public:
  Importer(store::RegistryStore& store, const ImportReferences& refs, const ImportOptions& options)
      : store_(store), refs_(refs), options_(options), at_(options.at.empty() ? NowInShanghai() : options.at) {
    for (const auto& n : refs.key_process_names) key_processes_.insert(NormalizeProcessName(n));
  }

  Result<ImportReport> Run(std::vector<ImportSource> sources) {
    std::stable_sort(sources.begin(), sources.end(),
                     [](const ImportSource& a, const ImportSource& b) { return a.kind < b.kind; });
    bool any[4] = {false, false, false, false};
    for (const auto& s : sources) any[static_cast<int>(s.kind)] = true;
    // The scope check of a holding asks for its enterprise's division.
    bool need_enterprises = any[0] || any[1] || (any[2] && options_.may_write);
    bool need_units = any[1] || any[2];
    if (need_enterprises) CHEMSAFE_RETURN_IF_ERROR(LoadEnterprises());
    // Units' content only matters to a units import (unchanged rows are not written); holdings need
    // only to find them.
    if (any[1]) {
      CHEMSAFE_RETURN_IF_ERROR(LoadUnits());
    } else if (need_units) {
      CHEMSAFE_RETURN_IF_ERROR(LoadUnitRefs());
    }
    if (any[2]) CHEMSAFE_RETURN_IF_ERROR(LoadHoldings());
    if (any[3]) CHEMSAFE_RETURN_IF_ERROR(LoadTargets());

    Status fatal;
    Status tx = store_.InTransaction([&](store::RegistryWriter& writer) -> Status {
      for (std::size_t i = 0; i < sources.size(); ++i) {
        fatal = ImportSourceFile(writer, i, sources[i]);
        if (!fatal.ok()) return fatal;
      }
      if (!report_.problems.empty()) {
        return InvalidArgument(fmt::format("{} problems; nothing written", report_.problems.size()));
      }
      if (options_.before_commit) {
        fatal = options_.before_commit(writer, report_);
        return fatal;
      }
      return Status::Ok();
    });
    if (!fatal.ok()) return fatal;
    if (!report_.problems.empty()) {
      report_.inserted = report_.updated = report_.unchanged = 0;
      return std::move(report_);
    }
    if (!tx.ok()) return tx;
    return std::move(report_);
  }

 private:
  // --- loading what the store holds ---
  Status LoadEnterprises() {
    return store_.ForEachEnterprise([&](const registry::Enterprise& e) {
      auto& entry = enterprises_[e.uscc];
      entry.record = e;
      entry.in_store = true;
      return Status::Ok();
    });
  }
  Status LoadUnits() {
    return store_.ForEachUnit([&](const registry::Unit& u) {
      std::string key = UnitKeyOf(u.enterprise_uscc, u.code);
      auto& entry = units_[std::move(key)];
      entry.id = u.id;
      entry.record = u;
      entry.in_store = true;
      unit_by_id_[u.id] = &entry;
      return Status::Ok();
    });
  }
  Status LoadUnitRefs() {
    return store_.ForEachUnitRef([&](const store::UnitRef& u) {
      std::string key = UnitKeyOf(u.enterprise_uscc, u.code);
      auto& entry = units_[std::move(key)];
      entry.id = u.id;
      entry.record.id = u.id;
      entry.record.enterprise_id = u.enterprise_id;
      entry.record.enterprise_uscc = u.enterprise_uscc;
      entry.record.code = u.code;
      entry.in_store = true;
      unit_by_id_[u.id] = &entry;
      return Status::Ok();
    });
  }
  Status LoadHoldings() {
    return store_.ForEachCurrentHoldingUnordered([&](const registry::Holding& h) {
      auto it = unit_by_id_.find(h.unit_id);
      if (it == unit_by_id_.end()) return Status::Ok();
      auto& entry = it->second->HoldingOf(ChemicalOrdinal(h.chemical_key));
      entry.fingerprint = HoldingFingerprint(h);
      entry.in_store = true;
      return Status::Ok();
    });
  }
  Status LoadTargets() {
    CHEMSAFE_ASSIGN_OR_RETURN(auto targets, store_.ListProtectedTargets());
    for (auto& t : targets) {
      auto& entry = targets_[t.code];
      entry.first = std::move(t);
      entry.second = -1;  // in store, not yet in this import
    }
    return Status::Ok();
  }

  static std::string UnitKeyOf(std::string_view uscc, std::string_view code) {
    std::string key(uscc);
    key += '\x1f';
    key += code;
    return key;
  }
  std::uint32_t ChemicalOrdinal(std::string_view key) {
    auto it = chemical_ordinals_.find(key);
    if (it != chemical_ordinals_.end()) return it->second;
    auto ordinal = static_cast<std::uint32_t>(chemical_ordinals_.size());
    chemical_ordinals_.emplace(std::string(key), ordinal);
    return ordinal;
  }

  // --- reading a file ---
  Status ImportSourceFile(store::RegistryWriter& writer, std::size_t index, const ImportSource& source) {
    tabular::OpenTableOptions open;
    open.sheet = options_.sheet;
    CHEMSAFE_ASSIGN_OR_RETURN(reader_, tabular::OpenTable(source.path, open));
    file_ = &source.path;
    kind_ = source.kind;
    header_ = HeaderMap();
    CHEMSAFE_ASSIGN_OR_RETURN(bool found, FindHeader());
    if (!found) return Status::Ok();
    if (kind_ != RecordKind::kHoldings || !Writing()) return ReadRows(writer, index);

    // Holdings: read and validate on a second thread while this one writes (HoldingPipeline).
    HoldingPipeline pipeline;
    pipeline_ = &pipeline;
    Status read_status;
    std::thread reader([&] {
      read_status = ReadRows(writer, index);
      pipeline.Close();
    });
    Status write_status = pipeline.Drain(writer, at_, *file_);
    if (!write_status.ok()) pipeline.Stop();
    reader.join();
    pipeline_ = nullptr;
    CHEMSAFE_RETURN_IF_ERROR(write_status);
    return read_status;
  }

  // Reads every data row of the open file. With a pipeline, `writer` is not used for holdings: they
  // are pushed to the pipeline instead (this then runs on the reading thread).
  Status ReadRows(store::RegistryWriter& writer, std::size_t index) {
    ImportProgress progress;
    progress.source_index = index;
    int since_progress = 0;
    while (true) {
      CHEMSAFE_ASSIGN_OR_RETURN(bool more, reader_->Next(row_));
      if (!more) break;
      if (IsBlank(row_.cells)) continue;
      ++report_.rows_read;
      row_problem_fields_.reset();
      switch (kind_) {
        case RecordKind::kEnterprises: CHEMSAFE_RETURN_IF_ERROR(EnterpriseRow(writer)); break;
        case RecordKind::kUnits: CHEMSAFE_RETURN_IF_ERROR(UnitRow(writer)); break;
        case RecordKind::kHoldings: CHEMSAFE_RETURN_IF_ERROR(HoldingRow(writer)); break;
        case RecordKind::kProtectedTargets: CHEMSAFE_RETURN_IF_ERROR(TargetRow(writer)); break;
      }
      if (options_.on_progress && ++since_progress >= options_.progress_every_rows) {
        since_progress = 0;
        Report(progress);
      }
    }
    if (options_.on_progress) Report(progress);
    return Status::Ok();
  }

  void Report(ImportProgress& p) {
    p.rows_done = report_.rows_read;
    p.bytes_done = reader_->BytesRead();
    p.bytes_total = reader_->BytesTotal();
    options_.on_progress(p);
  }

  // The header is the first of the first 20 non-blank rows naming at least two known columns (so that
  // merged title rows above it are skipped).
  Result<bool> FindHeader() {
    auto columns = io::ColumnsOf(kind_);
    std::vector<std::pair<std::string, Field>> names;
    for (const auto& c : columns) {
      names.emplace_back(io::NormalizeHeader(c.header, nullptr), c.field);
      std::string_view aliases = c.aliases;
      while (!aliases.empty()) {
        auto bar = aliases.find('|');
        names.emplace_back(io::NormalizeHeader(aliases.substr(0, bar), nullptr), c.field);
        aliases = bar == std::string_view::npos ? std::string_view() : aliases.substr(bar + 1);
      }
    }
    int looked = 0;
    while (looked < 20) {
      CHEMSAFE_ASSIGN_OR_RETURN(bool more, reader_->Next(row_));
      if (!more) break;
      if (IsBlank(row_.cells)) continue;
      ++looked;
      HeaderMap h;
      int matched = 0;
      std::vector<ImportProblem> duplicates;
      for (std::size_t col = 0; col < row_.cells.size(); ++col) {
        std::string hint;
        std::string norm = io::NormalizeHeader(row_.cells[col], &hint);
        if (norm.empty()) continue;
        for (const auto& [name, field] : names) {
          if (name != norm) continue;
          int f = static_cast<int>(field);
          if (h.column_of[f] >= 0) {
            duplicates.push_back({*file_, row_.number, reader_->ColumnLabel(static_cast<int>(col)),
                                  fmt::format("{}: the column {} appears twice (first in column {})",
                                              row_.cells[col], h.header_of[f], reader_->ColumnLabel(h.column_of[f]))});
          } else {
            h.column_of[f] = static_cast<int>(col);
            h.header_of[f] = std::string(TrimCell(row_.cells[col]));
            h.unit_hint[f] = hint;
            ++matched;
          }
          break;
        }
      }
      if (matched < 2) continue;
      h.header_row = row_.number;
      header_ = std::move(h);
      for (auto& d : duplicates) report_.problems.push_back(std::move(d));
      bool ok = duplicates.empty();
      for (const auto& c : columns) {
        if (c.required && header_.column_of[static_cast<int>(c.field)] < 0) {
          report_.problems.push_back({*file_, header_.header_row, "",
                                      fmt::format("the required column {} is missing", c.header)});
          ok = false;
        }
      }
      if (kind_ == RecordKind::kHoldings && header_.column_of[static_cast<int>(Field::kCas)] < 0 &&
          header_.column_of[static_cast<int>(Field::kChemicalName)] < 0) {
        report_.problems.push_back({*file_, header_.header_row, "", "a column CAS号 or 化学品名称 is needed"});
        ok = false;
      }
      return ok;
    }
    std::string expected;
    for (const auto& c : columns) {
      if (c.required) expected += (expected.empty() ? "" : ", ") + std::string(c.header);
    }
    report_.problems.push_back({*file_, 1, "",
                                fmt::format("no header row in the first 20 rows; a {} table needs the columns {}",
                                            io::SheetNameOf(kind_), expected)});
    return false;
  }

  // --- cells and problems ---
  std::string_view Cell(Field f) const {
    int col = header_.column_of[static_cast<int>(f)];
    if (col < 0 || col >= static_cast<int>(row_.cells.size())) return {};
    return TrimCell(row_.cells[col]);
  }
  bool Has(Field f) const { return header_.column_of[static_cast<int>(f)] >= 0; }

  void Problem(Field f, std::string message) {
    row_problem_fields_.set(static_cast<std::size_t>(f));
    int col = header_.column_of[static_cast<int>(f)];
    std::string_view header = header_.header_of[static_cast<int>(f)];
    if (col < 0) {
      // The field has no column (e.g. the density of a volume when there is no 密度 column): place the
      // problem at the row's key column; the message names what is wrong.
      Field key = kind_ == RecordKind::kProtectedTargets ? Field::kTargetCode : Field::kUscc;
      col = header_.column_of[static_cast<int>(key)];
      header = {};
    }
    std::string text = header.empty() ? std::move(message) : fmt::format("{}: {}", header, message);
    report_.problems.push_back(
        {*file_, row_.number, col < 0 ? std::string() : reader_->ColumnLabel(col), std::move(text)});
  }

  Field FieldOf(std::string_view model_field) const {
    bool target = kind_ == RecordKind::kProtectedTargets;
    if (model_field == "uscc" || model_field == "enterprise_uscc") return Field::kUscc;
    if (model_field == "name") {
      return kind_ == RecordKind::kEnterprises ? Field::kEnterpriseName
             : kind_ == RecordKind::kUnits     ? Field::kUnitName
                                               : Field::kTargetName;
    }
    if (model_field == "code") return target ? Field::kTargetCode : Field::kUnitCode;
    if (model_field == "division_code") return Field::kDivision;
    if (model_field == "location") return Has(Field::kLon) ? Field::kLon : Field::kLat;
    if (model_field == "activities") return Field::kActivities;
    if (model_field == "licences") return Field::kLicenceType;
    if (model_field == "boundary") return Field::kBoundary;
    if (model_field == "declared_exposed_people") return Field::kExposedPeople;
    if (model_field == "responsible") return Field::kPrincipal;
    if (model_field == "unit_code") return Field::kUnitCode;
    if (model_field == "chemical_key") return Has(Field::kCas) ? Field::kCas : Field::kChemicalName;
    if (model_field == "max_quantity_t") return Field::kMaxQuantity;
    if (model_field == "max_volume_m3") return Has(Field::kMaxVolume) ? Field::kMaxVolume : Field::kMaxQuantity;
    if (model_field == "density_t_m3") return Has(Field::kDensity) ? Field::kDensity : Field::kMaxQuantity;
    if (model_field == "typical_quantity_t") return Field::kTypicalQuantity;
    if (model_field == "temperature_c") return Field::kTemperature;
    if (model_field == "pressure_mpa") return Field::kPressure;
    if (model_field == "gb18218_category") return Field::kCategory;
    if (model_field == "area") return Field::kArea;
    if (model_field == "day_population") return Field::kDayPopulation;
    if (model_field == "night_population") return Field::kNightPopulation;
    return target ? Field::kTargetCode : Field::kUscc;
  }

  // Reports the validation problems of fields whose cells have not already been reported.
  void ReportFieldProblems() {
    for (auto& p : field_problems_) {
      Field f = FieldOf(p.field);
      if (!row_problem_fields_.test(static_cast<std::size_t>(f))) Problem(f, std::move(p.message));
    }
    field_problems_.clear();
  }

  std::optional<double> Number(Field f, std::initializer_list<io::UnitSuffix> suffixes) {
    std::string_view text = Cell(f);
    if (text.empty()) return std::nullopt;
    auto v = io::ParseNumberWithUnit(text, suffixes);
    if (!v.ok()) {
      Problem(f, fmt::format("\"{}\" is not a number", text));
      return std::nullopt;
    }
    return *v;
  }

  std::optional<int> Count(Field f) {
    auto v = Number(f, {{"人", 1}});
    if (!v) return std::nullopt;
    if (*v < 0 || *v != std::floor(*v) || *v > 1e9) {
      Problem(f, fmt::format("\"{}\" is not a number of people (a whole number >= 0)", Cell(f)));
      return std::nullopt;
    }
    return static_cast<int>(*v);
  }

  // Longitude and latitude, converted from GCJ-02 when asked, and inside China.
  std::optional<LonLat> Location() {
    std::string_view lon_text = Cell(Field::kLon), lat_text = Cell(Field::kLat);
    if (lon_text.empty() && lat_text.empty()) return std::nullopt;
    if (lon_text.empty() || lat_text.empty()) {
      Problem(lon_text.empty() ? Field::kLon : Field::kLat, "经度 and 纬度 must both be given, or neither");
      return std::nullopt;
    }
    auto lon = Number(Field::kLon, {{"°", 1}});
    auto lat = Number(Field::kLat, {{"°", 1}});
    if (!lon || !lat) return std::nullopt;
    LonLat p{*lon, *lat};
    if (options_.crs == InputCrs::kGcj02) p = Gcj02ToWgs84(p);
    auto checked = ParseLonLat(p.lon_deg, p.lat_deg);
    if (!checked.ok()) {
      Problem(Field::kLon, fmt::format("({}, {}): {}", lon_text, lat_text, checked.status().message()));
      return std::nullopt;
    }
    return *checked;
  }

  std::optional<Polygon> PolygonCell(Field f) {
    std::string_view text = Cell(f);
    if (text.empty()) return std::nullopt;
    auto poly = io::ParseWktPolygon(text);
    if (!poly.ok()) {
      Problem(f, poly.status().message());
      return std::nullopt;
    }
    if (options_.crs == InputCrs::kGcj02) {
      for (auto& ring : poly->rings) {
        for (auto& p : ring) p = Gcj02ToWgs84(p);
      }
    }
    return std::move(poly).value();
  }

  registry::Provenance ProvenanceCell() {
    std::string_view text = Cell(Field::kProvenance);
    if (text.empty()) return registry::Provenance::kDeclared;
    auto p = registry::ParseProvenance(text);
    if (!p) {
      Problem(Field::kProvenance, fmt::format("\"{}\" is not one of {}", text, registry::ProvenanceNames()));
      return registry::Provenance::kDeclared;
    }
    return *p;
  }

  std::string UpperUscc(std::string_view text) {
    std::string s(text);
    for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
  }

  bool Writing() const { return report_.problems.empty(); }

  // --- enterprises ---
  Status EnterpriseRow(store::RegistryWriter& writer) {
    std::size_t problems_before = report_.problems.size();
    registry::Enterprise e;
    e.uscc = UpperUscc(Cell(Field::kUscc));
    e.name = Cell(Field::kEnterpriseName);
    e.legal_representative = Cell(Field::kLegalRepresentative);
    e.division_code = Cell(Field::kDivision);
    e.address = Cell(Field::kAddress);
    e.location = Location();
    io::SplitList(Cell(Field::kActivities), items_);
    for (auto item : items_) {
      auto a = registry::ParseActivity(item);
      if (!a) {
        Problem(Field::kActivities, fmt::format("\"{}\" is not one of {}", item, registry::ActivityNames()));
      } else if (std::find(e.activities.begin(), e.activities.end(), *a) == e.activities.end()) {
        e.activities.push_back(*a);
      }
    }
    if (std::string_view s = Cell(Field::kSector); !s.empty()) {
      auto sector = registry::ParseSector(s);
      if (!sector) Problem(Field::kSector, fmt::format("\"{}\" is not one of {}", s, registry::SectorNames()));
      else e.sector = *sector;
    }
    e.park_code = Cell(Field::kPark);
    LicencesOf(e);
    e.provenance = ProvenanceCell();
    registry::ValidateEnterprise(e, refs_.divisions, field_problems_);
    // A USCC problem from the cell parse and the validation would be reported once each: keep both.
    ReportFieldProblems();

    if (!e.uscc.empty()) {
      auto [it, inserted] = enterprises_.try_emplace(e.uscc);
      EnterpriseEntry& entry = it->second;
      if (entry.import_row > 0) {
        Problem(Field::kUscc, fmt::format("{} appears again (first on row {})", e.uscc, entry.import_row));
        return Status::Ok();
      }
      if (options_.may_write && (!options_.may_write(e.uscc, e.division_code) ||
                                 (entry.in_store && !options_.may_write(e.uscc, entry.record.division_code)))) {
        Problem(Field::kUscc, fmt::format("{}: outside what you may change", e.uscc));
        return Status::Ok();
      }
      entry.import_row = row_.number;
      if (report_.problems.size() != problems_before || !Writing()) {
        return Status::Ok();
      }
      if (entry.in_store && registry::SameContent(entry.record, e)) {
        ++report_.unchanged;
        return Status::Ok();
      }
      bool existed = entry.in_store;
      e.id = entry.record.id;
      Status s = writer.UpsertEnterprise(e);
      if (!s.ok()) return s.WithContext(fmt::format("{}:{}", *file_, row_.number));
      existed ? ++report_.updated : ++report_.inserted;
      entry.record = std::move(e);
    }
    return Status::Ok();
  }

  void LicencesOf(registry::Enterprise& e) {
    std::vector<std::string_view> types, numbers, from, to;
    io::SplitParallel(Cell(Field::kLicenceType), types);
    io::SplitParallel(Cell(Field::kLicenceNumber), numbers);
    io::SplitParallel(Cell(Field::kLicenceFrom), from);
    io::SplitParallel(Cell(Field::kLicenceTo), to);
    std::size_t n = std::max({types.size(), numbers.size(), from.size(), to.size()});
    if (n == 0) return;
    if (types.size() != n || numbers.size() != n || (!from.empty() && from.size() != n) ||
        (!to.empty() && to.size() != n)) {
      Problem(Field::kLicenceType,
              "the licence columns must list the same number of licences (separated by ;)");
      return;
    }
    for (std::size_t i = 0; i < n; ++i) {
      registry::Licence l;
      l.type = types[i];
      l.number = numbers[i];
      if (!from.empty()) {
        auto d = io::ParseDateCell(from[i]);
        if (d.ok()) l.valid_from = *d; else Problem(Field::kLicenceFrom, d.status().message());
      }
      if (!to.empty()) {
        auto d = io::ParseDateCell(to[i]);
        if (d.ok()) l.valid_to = *d; else Problem(Field::kLicenceTo, d.status().message());
      }
      e.licences.push_back(std::move(l));
    }
  }

  // --- units ---
  Status UnitRow(store::RegistryWriter& writer) {
    std::size_t problems_before = report_.problems.size();
    registry::Unit u;
    u.enterprise_uscc = UpperUscc(Cell(Field::kUscc));
    u.code = Cell(Field::kUnitCode);
    u.name = Cell(Field::kUnitName);
    if (std::string_view k = Cell(Field::kUnitKind); !k.empty()) {
      auto kind = registry::ParseUnitKind(k);
      if (!kind) Problem(Field::kUnitKind, fmt::format("\"{}\" is not one of {}", k, registry::UnitKindNames()));
      else u.kind = *kind;
    } else {
      Problem(Field::kUnitKind, fmt::format("the unit kind is missing ({})", registry::UnitKindNames()));
    }
    u.location = Location();
    u.boundary = PolygonCell(Field::kBoundary);
    u.declared_exposed_people = Count(Field::kExposedPeople);
    PersonsOf(u, registry::PersonRole::kPrincipal, Field::kPrincipal, Field::kPrincipalPhone);
    PersonsOf(u, registry::PersonRole::kTechnical, Field::kTechnical, Field::kTechnicalPhone);
    PersonsOf(u, registry::PersonRole::kOperational, Field::kOperational, Field::kOperationalPhone);
    io::SplitList(Cell(Field::kKeyProcesses), items_);
    for (auto item : items_) {
      if (!key_processes_.empty() && !key_processes_.contains(NormalizeProcessName(item))) {
        Problem(Field::kKeyProcesses,
                fmt::format("\"{}\" is not one of the 18 key supervised hazardous processes", item));
      }
      u.key_processes.emplace_back(item);
    }
    u.provenance = ProvenanceCell();
    registry::ValidateUnit(u, field_problems_);
    ReportFieldProblems();
    if (u.enterprise_uscc.empty() || u.code.empty()) return Status::Ok();

    auto owner = enterprises_.find(u.enterprise_uscc);
    bool owner_known = owner != enterprises_.end() && (owner->second.in_store || owner->second.import_row > 0);
    if (!owner_known) {
      Problem(Field::kUscc, fmt::format("no enterprise {} in the database or in this import", u.enterprise_uscc));
    } else if (options_.may_write && !options_.may_write(u.enterprise_uscc, owner->second.record.division_code)) {
      Problem(Field::kUscc, fmt::format("{}: outside what you may change", u.enterprise_uscc));
      return Status::Ok();
    }
    std::string key = UnitKeyOf(u.enterprise_uscc, u.code);
    UnitEntry& entry = units_[key];
    if (entry.import_row > 0) {
      Problem(Field::kUnitCode, fmt::format("unit {} of {} appears again (first on row {})", u.code,
                                            u.enterprise_uscc, entry.import_row));
      return Status::Ok();
    }
    entry.import_row = row_.number;
    if (report_.problems.size() != problems_before || !Writing()) return Status::Ok();
    if (entry.in_store && registry::SameContent(entry.record, u)) {
      ++report_.unchanged;
      return Status::Ok();
    }
    u.id = entry.id;
    u.enterprise_id = owner->second.record.id;
    Status s = writer.UpsertUnit(u);
    if (!s.ok()) return s.WithContext(fmt::format("{}:{}", *file_, row_.number));
    entry.in_store ? ++report_.updated : ++report_.inserted;
    entry.id = u.id;
    entry.record = std::move(u);
    return Status::Ok();
  }

  void PersonsOf(registry::Unit& u, registry::PersonRole role, Field name_field, Field phone_field) {
    std::vector<std::string_view> names, phones;
    io::SplitParallel(Cell(name_field), names);
    io::SplitParallel(Cell(phone_field), phones);
    if (!phones.empty() && phones.size() != names.size()) {
      Problem(phone_field, "give one phone number per person (separated by ;), or none");
      return;
    }
    for (std::size_t i = 0; i < names.size(); ++i) {
      u.responsible.push_back({role, std::string(names[i]), phones.empty() ? std::string() : std::string(phones[i])});
    }
  }

  // --- holdings: the lean path (a million rows) ---
  const ChemicalRef& ResolveCas(std::string_view cas) {
    if (last_cas_ != nullptr && cas == last_cas_text_) return *last_cas_;
    auto it = by_cas_.find(cas);
    if (it != by_cas_.end()) {
      last_cas_ = &it->second;
      last_cas_text_ = cas;
      return it->second;
    }
    ChemicalRef ref;
    auto parsed = Cas::Parse(cas);
    if (!parsed.ok()) {
      ref.error = parsed.status().message();
    } else if (const auto* c = refs_.catalogue.FindByCas(parsed->str())) {
      ref.chemical = c;
      ref.ordinal = ChemicalOrdinal(c->key);
    } else {
      ref.error = fmt::format("CAS {} is not in the catalogue (危险化学品目录)", parsed->str());
    }
    return by_cas_.emplace(std::string(cas), std::move(ref)).first->second;
  }
  const ChemicalRef& ResolveName(std::string_view name) {
    if (last_name_ != nullptr && name == last_name_text_) return *last_name_;
    auto it = by_name_.find(name);
    if (it != by_name_.end()) {
      last_name_ = &it->second;
      last_name_text_ = name;
      return it->second;
    }
    ChemicalRef ref;
    if (const auto* c = refs_.catalogue.FindByName(name)) {
      ref.chemical = c;
      ref.ordinal = ChemicalOrdinal(c->key);
    } else {
      ref.error = fmt::format("\"{}\" is not a name or alias in the catalogue (危险化学品目录)", name);
    }
    return by_name_.emplace(std::string(name), std::move(ref)).first->second;
  }

  // Resolves the row's chemical: by CAS, then by name; where several catalogue entries share a CAS
  // (硝酸铵 grades, GB 18218 Table 1), the named one with that CAS wins.
  const ChemicalRef* Chemical() {
    std::string_view cas = Cell(Field::kCas), name = Cell(Field::kChemicalName);
    if (cas.empty() && name.empty()) {
      Problem(Has(Field::kCas) ? Field::kCas : Field::kChemicalName, "give the CAS number or the chemical name");
      return nullptr;
    }
    const ChemicalRef* by_cas = cas.empty() ? nullptr : &ResolveCas(cas);
    const ChemicalRef* by_name = name.empty() ? nullptr : &ResolveName(name);
    if (by_cas != nullptr && by_cas->chemical == nullptr) {
      Problem(Field::kCas, by_cas->error);
      return nullptr;
    }
    if (by_cas != nullptr) {
      if (by_name != nullptr && by_name->chemical != nullptr && by_name->chemical != by_cas->chemical) {
        const auto& names_cas = by_name->chemical->cas_numbers;
        if (std::find(names_cas.begin(), names_cas.end(), by_cas->chemical->key) != names_cas.end() ||
            std::find(names_cas.begin(), names_cas.end(), std::string(TrimCell(cas))) != names_cas.end()) {
          return by_name;
        }
        Problem(Field::kChemicalName, fmt::format("\"{}\" is {} in the catalogue, but CAS {} is {}", name,
                                                  by_name->chemical->key, cas, by_cas->chemical->name_zh));
        return nullptr;
      }
      return by_cas;
    }
    if (by_name->chemical == nullptr) {
      Problem(Field::kChemicalName, by_name->error);
      return nullptr;
    }
    return by_name;
  }

  std::optional<double> MassOrVolume(Field f, std::optional<double>& volume_m3) {
    std::string_view text = Cell(f);
    if (text.empty()) return std::nullopt;
    if (io::StartsNegative(text)) {
      Problem(f, fmt::format("the quantity must be positive, not {}", text));
      return std::nullopt;
    }
    const std::string& hint = header_.unit_hint[static_cast<int>(f)];
    MassUnit unit = (hint == "kg" || hint == "KG" || hint == "千克" || hint == "公斤") ? MassUnit::kKilogram
                                                                                      : MassUnit::kTonne;
    if (auto tonnes = io::PlainMassTonnes(text, unit)) return tonnes;
    auto q = ParseQuantity(text, unit);
    if (!q.ok()) {
      Problem(f, fmt::format("\"{}\" is not a quantity: {}", text, q.status().message()));
      return std::nullopt;
    }
    if (q->volume) {
      volume_m3 = q->volume->value;
      return std::nullopt;
    }
    return q->mass->value;
  }

  Status HoldingRow(store::RegistryWriter& writer) {
    std::size_t problems_before = report_.problems.size();
    registry::Holding& h = holding_;  // every field is set below (it may hold an earlier row)
    h.id = 0;
    h.unit_id = 0;
    h.valid_from.clear();
    h.valid_to.clear();
    std::string_view uscc = Cell(Field::kUscc), code = Cell(Field::kUnitCode);
    key_.assign(uscc);
    for (char& c : key_) {
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');  // USCCs are ASCII (GB 32100-2015)
    }
    key_ += '\x1f';
    key_ += code;
    UnitEntry* unit = nullptr;
    if (uscc.empty()) {
      Problem(Field::kUscc, "统一社会信用代码 is missing");
    } else if (code.empty()) {
      Problem(Field::kUnitCode, "单元编码 is missing");
    } else if (last_unit_ != nullptr && key_ == last_unit_key_) {
      unit = last_unit_;  // files are often grouped by unit: skip the hash lookup
    } else if (auto it = units_.find(key_); it != units_.end()) {
      unit = &it->second;
      last_unit_ = unit;
      last_unit_key_ = key_;
    } else if (auto parsed = Uscc::Parse(uscc); !parsed.ok()) {
      Problem(Field::kUscc, parsed.status().message());
    } else {
      Problem(Field::kUnitCode, fmt::format("no unit {} of enterprise {} in the database or in this import",
                                            code, parsed->str()));
    }
    if (unit != nullptr && options_.may_write) {
      if (!unit->may_write) {
        auto owner = enterprises_.find(unit->record.enterprise_uscc);
        unit->may_write = owner != enterprises_.end() &&
                          options_.may_write(unit->record.enterprise_uscc, owner->second.record.division_code);
      }
      if (!*unit->may_write) {
        Problem(Field::kUscc, fmt::format("{}: outside what you may change", unit->record.enterprise_uscc));
        unit = nullptr;
      }
    }
    const ChemicalRef* chem = Chemical();

    std::optional<double> volume;
    h.max_quantity_t = MassOrVolume(Field::kMaxQuantity, volume);
    h.max_volume_m3 = volume;
    if (Has(Field::kMaxVolume)) {
      if (auto v = Number(Field::kMaxVolume, {{"m³", 1}, {"m3", 1}, {"立方米", 1}, {"升", 0.001}, {"L", 0.001}})) {
        h.max_volume_m3 = v;
      }
    }
    // 1 g/cm³ = 1 t/m³ = 1 kg/L; 1 kg/m³ = 0.001 t/m³.
    h.density_t_m3 = Number(Field::kDensity, {{"t/m³", 1}, {"t/m3", 1}, {"g/cm³", 1}, {"g/cm3", 1},
                                              {"kg/m³", 0.001}, {"kg/m3", 0.001}, {"g/ml", 1}, {"kg/l", 1}});
    std::optional<double> typical_volume;
    h.typical_quantity_t = MassOrVolume(Field::kTypicalQuantity, typical_volume);
    if (typical_volume) {
      if (h.density_t_m3) {
        auto m = MassOf(CubicMetres{*typical_volume}, DensityTPerM3{*h.density_t_m3});
        if (m.ok()) h.typical_quantity_t = m->value;
      } else {
        Problem(Field::kTypicalQuantity, "a quantity given as a volume needs the density (t/m³)");
      }
    }
    h.state = registry::PhysicalState::kLiquid;
    if (std::string_view s = Cell(Field::kState); !s.empty()) {
      auto state = registry::ParsePhysicalState(s);
      if (!state) Problem(Field::kState, fmt::format("\"{}\" is not one of {}", s, registry::PhysicalStateNames()));
      else h.state = *state;
    }
    h.temperature_c = Number(Field::kTemperature, {{"℃", 1}, {"°C", 1}, {"摄氏度", 1}});
    // 1 MPa = 1000 kPa = 10 bar (SI).
    h.pressure_mpa = Number(Field::kPressure, {{"MPa", 1}, {"kPa", 0.001}, {"bar", 0.1}});
    h.gb18218_category.assign(Cell(Field::kCategory));
    h.provenance = ProvenanceCell();
    if (unit != nullptr) {
      h.enterprise_uscc.assign(unit->record.enterprise_uscc);
      h.unit_code.assign(unit->record.code);
    } else {
      h.enterprise_uscc.assign(key_, 0, key_.find('\x1f'));
      h.unit_code.assign(code);
    }
    if (chem != nullptr) {
      h.chemical_key.assign(chem->chemical->key);
      std::string_view name = Cell(Field::kChemicalName);
      if (name.empty()) h.chemical_name.assign(chem->chemical->name_zh);
      else h.chemical_name.assign(name);
    } else {
      h.chemical_key.clear();
      h.chemical_name.clear();
    }
    // The unit and the chemical were checked above (their problems are already reported).
    registry::ValidateHoldingValues(h, field_problems_);
    ReportFieldProblems();
    if (unit == nullptr || chem == nullptr) return Status::Ok();

    HoldingEntry& entry = unit->HoldingOf(chem->ordinal);
    if (entry.import_row > 0) {
      Problem(Has(Field::kCas) ? Field::kCas : Field::kChemicalName,
              fmt::format("{} in unit {} appears again (first on row {})", h.chemical_key, h.unit_code,
                          entry.import_row));
      return Status::Ok();
    }
    entry.import_row = row_.number;
    if (report_.problems.size() != problems_before || !Writing()) return Status::Ok();
    std::uint64_t fp = HoldingFingerprint(h);
    if (entry.in_store && entry.fingerprint == fp) {
      ++report_.unchanged;
      return Status::Ok();
    }
    h.unit_id = unit->id;
    if (pipeline_ != nullptr) {
      // The writing thread reports a failed write; the whole import then fails.
      if (!pipeline_->Push(h, row_.number)) return Unavailable("the store stopped taking holdings");
    } else {
      Status s = writer.UpsertHolding(h, at_);
      if (!s.ok()) return s.WithContext(fmt::format("{}:{}", *file_, row_.number));
    }
    entry.in_store ? ++report_.updated : ++report_.inserted;
    entry.fingerprint = fp;
    return Status::Ok();
  }

  // --- protected targets ---
  Status TargetRow(store::RegistryWriter& writer) {
    std::size_t problems_before = report_.problems.size();
    registry::ProtectedTarget t;
    t.code = Cell(Field::kTargetCode);
    t.name = Cell(Field::kTargetName);
    if (std::string_view c = Cell(Field::kTargetClass); !c.empty()) {
      auto cls = registry::ParseTargetClass(c);
      if (!cls) Problem(Field::kTargetClass, fmt::format("\"{}\" is not one of {}", c, registry::TargetClassNames()));
      else t.target_class = *cls;
    } else {
      Problem(Field::kTargetClass, fmt::format("the class is missing ({})", registry::TargetClassNames()));
    }
    t.kind = Cell(Field::kTargetKind);
    t.division_code = Cell(Field::kDivision);
    t.location = Location();
    t.area = PolygonCell(Field::kArea);
    t.day_population = Count(Field::kDayPopulation).value_or(0);
    t.night_population = Count(Field::kNightPopulation).value_or(0);
    t.provenance = ProvenanceCell();
    registry::ValidateProtectedTarget(t, refs_.divisions, field_problems_);
    ReportFieldProblems();
    if (t.code.empty()) return Status::Ok();
    if (options_.may_write && !options_.may_write("", t.division_code)) {
      Problem(Field::kDivision, fmt::format("{}: outside what you may change", t.division_code));
      return Status::Ok();
    }
    auto [it, inserted] = targets_.try_emplace(t.code);
    auto& [stored, import_row] = it->second;
    if (import_row > 0) {
      Problem(Field::kTargetCode, fmt::format("{} appears again (first on row {})", t.code, import_row));
      return Status::Ok();
    }
    bool in_store = !inserted && import_row < 0;
    if (in_store && options_.may_write && !options_.may_write("", stored.division_code)) {
      Problem(Field::kTargetCode, fmt::format("{}: outside what you may change", t.code));
      return Status::Ok();
    }
    import_row = row_.number;
    if (report_.problems.size() != problems_before || !Writing()) return Status::Ok();
    if (in_store && registry::SameContent(stored, t)) {
      ++report_.unchanged;
      return Status::Ok();
    }
    t.id = stored.id;
    Status s = writer.UpsertProtectedTarget(t);
    if (!s.ok()) return s.WithContext(fmt::format("{}:{}", *file_, row_.number));
    in_store ? ++report_.updated : ++report_.inserted;
    stored = std::move(t);
    return Status::Ok();
  }

  store::RegistryStore& store_;
  const ImportReferences& refs_;
  const ImportOptions& options_;
  std::string at_;
  std::unordered_set<std::string> key_processes_;

  ImportReport report_;
  std::unique_ptr<tabular::TableReader> reader_;
  const std::string* file_ = nullptr;
  RecordKind kind_ = RecordKind::kEnterprises;
  HeaderMap header_;
  tabular::Row row_;
  std::vector<FieldProblem> field_problems_;
  std::bitset<io::kFieldCount> row_problem_fields_;  // fields of the current row with a problem
  std::vector<std::string_view> items_;
  std::string key_;
  registry::Holding holding_;
  HoldingPipeline* pipeline_ = nullptr;  // set while a holdings file is read on its own thread

  StringMap<EnterpriseEntry> enterprises_;
  StringMap<UnitEntry> units_;
  std::unordered_map<std::int64_t, UnitEntry*> unit_by_id_;  // units in the store (unordered_map
                                                             // entries do not move)
  StringMap<std::pair<registry::ProtectedTarget, int>> targets_;  // code -> (content, import row or -1)
  StringMap<std::uint32_t> chemical_ordinals_;
  StringMap<ChemicalRef> by_cas_;
  StringMap<ChemicalRef> by_name_;
  // Last hits (unordered_map references stay valid when it grows).
  UnitEntry* last_unit_ = nullptr;
  std::string last_unit_key_;
  const ChemicalRef* last_cas_ = nullptr;
  std::string last_cas_text_;
  const ChemicalRef* last_name_ = nullptr;
  std::string last_name_text_;
};

}  // namespace

Result<ImportReport> ImportTables(store::RegistryStore& store, const ImportReferences& refs,
                                  const std::vector<ImportSource>& sources, const ImportOptions& options) {
  Importer importer(store, refs, options);
  return importer.Run(sources);
}

Result<ImportReport> ImportTable(store::RegistryStore& store, const ImportReferences& refs, RecordKind kind,
                                 const std::string& path, const ImportOptions& options) {
  return ImportTables(store, refs, {ImportSource{kind, path}}, options);
}

}  // namespace chemsafe::service
