// HazardStore over the SQL driver interface (internal/sql_connection.h): one implementation for SQLite
// and PostgreSQL, like sql_registry_store.cc.
#include <array>
#include <unordered_map>

#include "chemsafe/store/hazard_store.h"
#include "chemsafe/store/internal/sql_connection.h"
#include "chemsafe/store/migrations/migrations.h"
#include "chemsafe/store/postgres/pg_connection.h"
#include "chemsafe/store/sqlite/sqlite_connection.h"

namespace chemsafe::store {

std::string_view HazardEventKindName(HazardEventKind kind) {
  switch (kind) {
    case HazardEventKind::kBecameMajorHazard: return "became_major_hazard";
    case HazardEventKind::kNoLongerMajorHazard: return "no_longer_major_hazard";
    case HazardEventKind::kGradeRose: return "grade_rose";
    case HazardEventKind::kGradeFell: return "grade_fell";
    case HazardEventKind::kAssessmentFailed: return "assessment_failed";
  }
  return "unknown";
}

namespace {

using internal::SqlConnection;
using internal::SqlParam;
using internal::SqlRow;

SqlParam OptInt(const std::optional<int>& v) { return v ? SqlParam(std::int64_t{*v}) : SqlParam(nullptr); }
SqlParam OptReal(const std::optional<double>& v) { return v ? SqlParam(*v) : SqlParam(nullptr); }
std::optional<int> ReadOptInt(const SqlRow& r, int col) {
  return r.IsNull(col) ? std::nullopt : std::optional<int>(static_cast<int>(r.Int(col)));
}
std::optional<double> ReadOptReal(const SqlRow& r, int col) {
  return r.IsNull(col) ? std::nullopt : std::optional<double>(r.Real(col));
}

constexpr std::string_view kAssessmentColumns =
    "id, unit_id, assessed_at, edition, basis, exposed_people, exposed_source, major_hazard, sum_ratio, alpha, r, "
    "grade, error, detail";

HazardAssessmentRecord ReadAssessment(const SqlRow& r) {
  HazardAssessmentRecord a;
  a.id = r.Int(0);
  a.unit_id = r.Int(1);
  a.assessed_at = r.Text(2);
  a.edition = r.Text(3);
  a.basis = static_cast<int>(r.Int(4));
  a.exposed_people = static_cast<int>(r.Int(5));
  a.exposed_source = r.Text(6);
  a.major_hazard = r.Int(7) != 0;
  a.sum_ratio = ReadOptReal(r, 8);
  a.alpha = ReadOptReal(r, 9);
  a.r = ReadOptReal(r, 10);
  a.grade = ReadOptInt(r, 11);
  a.error = r.Text(12);
  a.detail = r.Text(13);
  return a;
}

HazardEvent ReadEvent(const SqlRow& r) {
  HazardEvent e;
  e.id = r.Int(0);
  e.unit_id = r.Int(1);
  e.at = r.Text(2);
  e.kind = static_cast<HazardEventKind>(r.Int(3));
  e.from_grade = ReadOptInt(r, 4);
  e.to_grade = ReadOptInt(r, 5);
  e.assessment_id = r.Int(6);
  return e;
}

// The transitions from the previous outcome (none: never assessed) to the new one.
// hazard::QuantityBasis::kDesignMaximum: the basis GB 18218-2018 §4.1 prescribes for identification.
constexpr int kStatusBasis = 1;

std::vector<HazardEvent> Transitions(const std::optional<HazardLatest>& before, const HazardAssessmentRecord& now) {
  std::vector<HazardEvent> out;
  auto event = [&](HazardEventKind kind) {
    HazardEvent e;
    e.unit_id = now.unit_id;
    e.at = now.assessed_at;
    e.kind = kind;
    if (before) e.from_grade = before->grade;
    e.to_grade = now.grade;
    e.assessment_id = now.id;
    out.push_back(e);
  };
  if (!now.error.empty()) {
    if (!before || !before->failed) event(HazardEventKind::kAssessmentFailed);
    return out;
  }
  const bool was = before && !before->failed && before->major_hazard;
  if (now.major_hazard && !was) {
    event(HazardEventKind::kBecameMajorHazard);
  } else if (!now.major_hazard && was) {
    event(HazardEventKind::kNoLongerMajorHazard);
  } else if (now.major_hazard && was && before->grade && now.grade && *now.grade != *before->grade) {
    // Grade 1 is the most severe (GB 18218-2018 Table 6): a smaller number is a higher grade.
    event(*now.grade < *before->grade ? HazardEventKind::kGradeRose : HazardEventKind::kGradeFell);
  }
  return out;
}

class SqlHazardStore final : public HazardStore {
 public:
  explicit SqlHazardStore(std::unique_ptr<SqlConnection> conn) : conn_(std::move(conn)) {}

  Status Init() {
    CHEMSAFE_RETURN_IF_ERROR(migrations::Migrate(*conn_));
    const std::string returning(conn_->InsertIdClause());
    CHEMSAFE_ASSIGN_OR_RETURN(insert_assessment_,
                              conn_->Prepare("INSERT INTO hazard_assessments (unit_id, assessed_at, edition, basis, "
                                             "exposed_people, exposed_source, major_hazard, sum_ratio, alpha, r, grade, "
                                             "error, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)" +
                                             returning));
    CHEMSAFE_ASSIGN_OR_RETURN(insert_event_, conn_->Prepare("INSERT INTO hazard_events (unit_id, at, kind, "
                                                            "from_grade, to_grade, assessment_id) VALUES (?, ?, ?, ?, "
                                                            "?, ?)" + returning));
    CHEMSAFE_ASSIGN_OR_RETURN(upsert_latest_,
                              conn_->Prepare("INSERT INTO hazard_latest (unit_id, assessment_id, assessed_at, "
                                             "major_hazard, grade, failed) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT "
                                             "(unit_id) DO UPDATE SET assessment_id = excluded.assessment_id, "
                                             "assessed_at = excluded.assessed_at, major_hazard = "
                                             "excluded.major_hazard, grade = excluded.grade, failed = excluded.failed"));
    CHEMSAFE_ASSIGN_OR_RETURN(select_latest_,
                              conn_->Prepare("SELECT unit_id, assessment_id, assessed_at, major_hazard, grade, failed "
                                             "FROM hazard_latest ORDER BY unit_id"));
    return Status::Ok();
  }

  Result<std::vector<HazardEvent>> SaveAssessments(std::vector<HazardAssessmentRecord>& records) override {
    CHEMSAFE_ASSIGN_OR_RETURN(auto latest, Latest());
    std::unordered_map<std::int64_t, HazardLatest> before;
    before.reserve(latest.size());
    for (auto& l : latest) before.emplace(l.unit_id, std::move(l));
    CHEMSAFE_RETURN_IF_ERROR(conn_->BeginWrite());
    std::vector<HazardEvent> events;
    Status s = [&]() -> Status {
      for (HazardAssessmentRecord& a : records) {
        const std::array<SqlParam, 13> p = {a.unit_id, std::string_view(a.assessed_at), std::string_view(a.edition),
                                            std::int64_t{a.basis}, std::int64_t{a.exposed_people},
                                            std::string_view(a.exposed_source), std::int64_t{a.major_hazard ? 1 : 0},
                                            OptReal(a.sum_ratio), OptReal(a.alpha), OptReal(a.r), OptInt(a.grade),
                                            std::string_view(a.error), std::string_view(a.detail)};
        CHEMSAFE_ASSIGN_OR_RETURN(a.id, conn_->RunInsert(insert_assessment_, p));
        // Only the design-maximum basis (GB 18218-2018 §4.1, hazard::QuantityBasis code 1) makes a unit's
        // status: other bases (what-if on actual quantities) are kept in the history without events.
        if (a.basis != kStatusBasis) continue;
        auto it = before.find(a.unit_id);
        std::optional<HazardLatest> prev;
        if (it != before.end()) prev = it->second;
        for (HazardEvent& e : Transitions(prev, a)) {
          const std::array<SqlParam, 6> ep = {e.unit_id, std::string_view(e.at), std::int64_t{static_cast<int>(e.kind)},
                                              OptInt(e.from_grade), OptInt(e.to_grade), e.assessment_id};
          CHEMSAFE_ASSIGN_OR_RETURN(e.id, conn_->RunInsert(insert_event_, ep));
          events.push_back(std::move(e));
        }
        const std::array<SqlParam, 6> lp = {a.unit_id, a.id, std::string_view(a.assessed_at),
                                            std::int64_t{a.major_hazard ? 1 : 0}, OptInt(a.grade),
                                            std::int64_t{a.error.empty() ? 0 : 1}};
        CHEMSAFE_RETURN_IF_ERROR(conn_->Run(upsert_latest_, lp, nullptr).status());
        HazardLatest& l = before[a.unit_id];
        l = {a.unit_id, a.id, a.assessed_at, a.major_hazard, a.grade, !a.error.empty()};
      }
      return Status::Ok();
    }();
    if (s.ok()) {
      // The registry's data generation (registry_store.h): the assessments changed.
      auto bump = PrepareOnce("UPDATE data_generation SET n = n + 1 WHERE id = 1");
      s = bump.ok() ? conn_->Run(*bump, {}, nullptr).status() : bump.status();
    }
    if (!s.ok()) {
      (void)conn_->Rollback();
      return s;
    }
    CHEMSAFE_RETURN_IF_ERROR(conn_->Commit());
    return events;
  }

  Status ForEachCurrentHoldingInput(const std::function<Status(const HazardHoldingInput&)>& fn,
                                    const HoldingInputColumns& columns) override {
    // valid_from as "YYYY-MM-DDTHH:MM:SS.ffffffZ" in both dialects, as the registry store prints it.
    const std::string valid_from = !columns.valid_from ? "NULL"
                                   : conn_->dialect() == internal::SqlDialect::kSqlite
                                       ? "valid_from"
                                       : "to_char(valid_from AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')";
    const std::string typical = columns.typical_quantity ? "typical_quantity_t" : "NULL";
    CHEMSAFE_ASSIGN_OR_RETURN(
        int stmt, PrepareOnce("SELECT unit_id, chemical_key, max_quantity_t, " + typical +
                              ", max_volume_m3, density_t_m3, pressure_mpa, state, gb18218_category, " + valid_from +
                              " FROM holdings" + (conn_->dialect() == internal::SqlDialect::kSqlite ? " NOT INDEXED" : "") +
                              " WHERE valid_to IS NULL"));
    HazardHoldingInput h;
    internal::RowFn row = [&](const SqlRow& r) {
      h.unit_id = r.Int(0);
      h.chemical_key = r.Text(1);
      h.max_quantity_t = ReadOptReal(r, 2);
      h.typical_quantity_t = ReadOptReal(r, 3);
      h.max_volume_m3 = ReadOptReal(r, 4);
      h.density_t_m3 = ReadOptReal(r, 5);
      h.pressure_mpa = ReadOptReal(r, 6);
      h.state = static_cast<registry::PhysicalState>(r.Int(7));
      h.gb18218_category = r.Text(8);
      h.valid_from = columns.valid_from ? r.Text(9) : std::string_view();
      return fn(h);
    };
    return conn_->Run(stmt, {}, &row).status();
  }

  Result<std::vector<HazardLatest>> Latest() override {
    std::vector<HazardLatest> out;
    internal::RowFn fn = [&](const SqlRow& r) {
      out.push_back({r.Int(0), r.Int(1), std::string(r.Text(2)), r.Int(3) != 0, ReadOptInt(r, 4), r.Int(5) != 0});
      return Status::Ok();
    };
    CHEMSAFE_RETURN_IF_ERROR(conn_->Run(select_latest_, {}, &fn).status());
    return out;
  }

  Result<std::vector<HazardLatest>> LatestOf(std::span<const std::int64_t> unit_ids) override {
    CHEMSAFE_ASSIGN_OR_RETURN(int stmt, PrepareOnce("SELECT unit_id, assessment_id, assessed_at, major_hazard, grade, "
                                                    "failed FROM hazard_latest WHERE unit_id = ?"));
    std::vector<HazardLatest> out;
    internal::RowFn fn = [&](const SqlRow& r) {
      out.push_back({r.Int(0), r.Int(1), std::string(r.Text(2)), r.Int(3) != 0, ReadOptInt(r, 4), r.Int(5) != 0});
      return Status::Ok();
    };
    for (std::int64_t id : unit_ids) {
      const std::array<SqlParam, 1> p = {id};
      CHEMSAFE_RETURN_IF_ERROR(conn_->Run(stmt, p, &fn).status());
    }
    return out;
  }

  Result<std::optional<HazardAssessmentRecord>> LatestAssessment(std::int64_t unit_id) override {
    CHEMSAFE_ASSIGN_OR_RETURN(auto all, Query("SELECT " + std::string(kAssessmentColumns) +
                                              " FROM hazard_assessments WHERE unit_id = ? ORDER BY id DESC LIMIT 1",
                                              unit_id));
    if (all.empty()) return std::optional<HazardAssessmentRecord>();
    return std::optional<HazardAssessmentRecord>(std::move(all.front()));
  }

  Result<std::vector<HazardAssessmentRecord>> AssessmentHistory(std::int64_t unit_id) override {
    return Query("SELECT " + std::string(kAssessmentColumns) + " FROM hazard_assessments WHERE unit_id = ? ORDER BY id",
                 unit_id);
  }

  Result<std::vector<HazardEvent>> Events(std::optional<std::string> since) override {
    std::vector<HazardEvent> out;
    internal::RowFn fn = [&](const SqlRow& r) {
      out.push_back(ReadEvent(r));
      return Status::Ok();
    };
    const std::string sql = "SELECT id, unit_id, at, kind, from_grade, to_grade, assessment_id FROM hazard_events" +
                            std::string(since ? " WHERE at > ?" : "") + " ORDER BY at, id";
    CHEMSAFE_ASSIGN_OR_RETURN(int stmt, PrepareOnce(sql));
    std::vector<SqlParam> p;
    if (since) p.emplace_back(std::string_view(*since));
    CHEMSAFE_RETURN_IF_ERROR(conn_->Run(stmt, p, &fn).status());
    return out;
  }

  Status SetFiling(const MhiFiling& f) override {
    CHEMSAFE_ASSIGN_OR_RETURN(
        int stmt, PrepareOnce("INSERT INTO mhi_filings (unit_id, filing_status, filing_date, next_reassessment_due) "
                              "VALUES (?, ?, ?, ?) ON CONFLICT (unit_id) DO UPDATE SET filing_status = "
                              "excluded.filing_status, filing_date = excluded.filing_date, next_reassessment_due = "
                              "excluded.next_reassessment_due"));
    const std::array<SqlParam, 4> p = {f.unit_id, std::int64_t{static_cast<int>(f.status)},
                                       std::string_view(f.filing_date), std::string_view(f.next_reassessment_due)};
    CHEMSAFE_RETURN_IF_ERROR(conn_->BeginWrite());
    Status s = conn_->Run(stmt, p, nullptr).status();
    if (!s.ok()) {
      (void)conn_->Rollback();
      return s;
    }
    return conn_->Commit();
  }

  Result<std::optional<MhiFiling>> Filing(std::int64_t unit_id) override {
    CHEMSAFE_ASSIGN_OR_RETURN(int stmt, PrepareOnce("SELECT unit_id, filing_status, filing_date, "
                                                    "next_reassessment_due FROM mhi_filings WHERE unit_id = ?"));
    std::optional<MhiFiling> out;
    internal::RowFn fn = [&](const SqlRow& r) {
      out = MhiFiling{r.Int(0), static_cast<FilingStatus>(r.Int(1)), std::string(r.Text(2)), std::string(r.Text(3))};
      return Status::Ok();
    };
    const std::array<SqlParam, 1> p = {unit_id};
    CHEMSAFE_RETURN_IF_ERROR(conn_->Run(stmt, p, &fn).status());
    return out;
  }

 private:
  Result<int> PrepareOnce(const std::string& sql) {
    auto it = prepared_.find(sql);
    if (it != prepared_.end()) return it->second;
    CHEMSAFE_ASSIGN_OR_RETURN(int stmt, conn_->Prepare(sql));
    prepared_.emplace(sql, stmt);
    return stmt;
  }

  Result<std::vector<HazardAssessmentRecord>> Query(const std::string& sql, std::int64_t unit_id) {
    CHEMSAFE_ASSIGN_OR_RETURN(int stmt, PrepareOnce(sql));
    std::vector<HazardAssessmentRecord> out;
    internal::RowFn fn = [&](const SqlRow& r) {
      out.push_back(ReadAssessment(r));
      return Status::Ok();
    };
    const std::array<SqlParam, 1> p = {unit_id};
    CHEMSAFE_RETURN_IF_ERROR(conn_->Run(stmt, p, &fn).status());
    return out;
  }

  std::unique_ptr<SqlConnection> conn_;
  std::unordered_map<std::string, int> prepared_;
  int insert_assessment_ = 0;
  int insert_event_ = 0;
  int upsert_latest_ = 0;
  int select_latest_ = 0;
};

Result<std::unique_ptr<HazardStore>> Make(Result<std::unique_ptr<SqlConnection>> conn) {
  return internal::MakeSqlStore<SqlHazardStore, HazardStore>(std::move(conn));
}

}  // namespace

Result<std::unique_ptr<HazardStore>> OpenSqliteHazardStore(const std::string& path) {
  return Make(sqlite::OpenSqliteConnection(path));
}

Result<std::unique_ptr<HazardStore>> OpenPostgresHazardStore(const std::string& url) {
  return Make(postgres::OpenPostgresConnection(url));
}

}  // namespace chemsafe::store
