// CreditStore over the SQL driver interface (internal/sql_connection.h): one implementation for SQLite and
// PostgreSQL, like sql_inspect_store.cc. A listing's finding ids travel as a JSON array of integers.
#include <array>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "chemsafe/store/credit_store.h"
#include "chemsafe/store/internal/audited_write.h"
#include "chemsafe/store/internal/sql_connection.h"
#include "chemsafe/store/migrations/migrations.h"
#include "chemsafe/store/postgres/pg_connection.h"
#include "chemsafe/store/sqlite/sqlite_connection.h"

namespace chemsafe::store {
namespace {

using internal::SqlConnection;
using internal::SqlParam;
using internal::SqlRow;

constexpr std::string_view kListingColumns =
    "id, uscc, enterprise_name, listed_on, ended_on, authority, reason, legal_basis, decision_unit, decision_no, "
    "decided_on, division_code, publish, removal_kind, removal_note, repair_applied_on, repair_note, repair_decision, "
    "repair_decided_on, version, updated_at, updated_by";
constexpr std::string_view kEnforcementColumns =
    "id, enterprise_uscc, kind, date, decision_no, violation, legal_basis, penalty_kind, fine_fen, finding_ids, "
    "division_code, body, created_at, created_by";
constexpr std::string_view kPolicyColumns =
    "id, enterprise_uscc, insurer, policy_no, valid_from, valid_to, insured_amount_fen, persons_covered, body, version, "
    "created_at, created_by, updated_at, updated_by";

ListingRecord ReadListing(const SqlRow& r) {
  ListingRecord l;
  l.id = r.Int(0);
  std::string* texts[] = {&l.uscc, &l.enterprise_name, &l.listed_on, &l.ended_on, &l.authority, &l.reason,
                          &l.legal_basis, &l.decision_unit, &l.decision_no, &l.decided_on, &l.division_code};
  for (int k = 0; k < 11; ++k) *texts[k] = r.Text(1 + k);
  l.publish = r.Int(12) != 0;
  l.removal_kind = static_cast<int>(r.Int(13));
  l.removal_note = r.Text(14);
  l.repair_applied_on = r.Text(15);
  l.repair_note = r.Text(16);
  l.repair_decision = static_cast<int>(r.Int(17));
  l.repair_decided_on = r.Text(18);
  l.version = static_cast<int>(r.Int(19));
  l.updated_at = r.Text(20);
  l.updated_by = r.Text(21);
  return l;
}

std::string IdsJson(const std::vector<std::int64_t>& ids) { return nlohmann::json(ids).dump(); }

Result<std::vector<std::int64_t>> IdsFromJson(std::int64_t id, std::string_view text) {
  const auto j = nlohmann::json::parse(text, nullptr, false);
  std::vector<std::int64_t> out;
  if (!j.is_array()) return Internal(fmt::format("enforcement record {}: finding_ids is not a JSON array", id));
  for (const auto& e : j) {
    if (!e.is_number_integer()) return Internal(fmt::format("enforcement record {}: a finding id is not an integer", id));
    out.push_back(e.get<std::int64_t>());
  }
  return out;
}

Result<EnforcementRecord> ReadEnforcement(const SqlRow& r) {
  EnforcementRecord e;
  e.id = r.Int(0);
  e.enterprise_uscc = r.Text(1);
  e.kind = static_cast<int>(r.Int(2));
  e.date = r.Text(3);
  e.decision_no = r.Text(4);
  e.violation = r.Text(5);
  e.legal_basis = r.Text(6);
  e.penalty_kind = r.Text(7);
  if (!r.IsNull(8)) e.fine_fen = r.Int(8);
  CHEMSAFE_ASSIGN_OR_RETURN(e.finding_ids, IdsFromJson(e.id, r.Text(9)));
  e.division_code = r.Text(10);
  e.body = r.Text(11);
  e.created_at = r.Text(12);
  e.created_by = r.Text(13);
  return e;
}

PolicyRecord ReadPolicy(const SqlRow& r) {
  PolicyRecord p;
  p.id = r.Int(0);
  p.enterprise_uscc = r.Text(1);
  p.insurer = r.Text(2);
  p.policy_no = r.Text(3);
  p.valid_from = r.Text(4);
  p.valid_to = r.Text(5);
  p.insured_amount_fen = r.Int(6);
  p.persons_covered = static_cast<int>(r.Int(7));
  p.body = r.Text(8);
  p.version = static_cast<int>(r.Int(9));
  p.created_at = r.Text(10);
  p.created_by = r.Text(11);
  p.updated_at = r.Text(12);
  p.updated_by = r.Text(13);
  return p;
}

// " AND <column> IN (?, …)" for a non-empty list.
void AppendIn(std::string_view column, const std::vector<std::string>& values, std::string& sql,
              std::vector<SqlParam>& p) {
  if (values.empty()) return;
  sql += fmt::format(" AND {} IN (", column);
  for (std::size_t k = 0; k < values.size(); ++k) {
    sql += k == 0 ? "?" : ", ?";
    p.emplace_back(std::string_view(values[k]));
  }
  sql += ")";
}

class SqlCreditStore final : public CreditStore {
 public:
  explicit SqlCreditStore(std::unique_ptr<SqlConnection> conn) : conn_(std::move(conn)) {}

  Status Init() { return migrations::Migrate(*conn_); }

  Status SaveListing(ListingRecord& l, audit::AuditRecord& audit) override {
    CHEMSAFE_ASSIGN_OR_RETURN(
        int insert,
        conn_->PrepareCached("INSERT INTO blacklist (uscc, enterprise_name, listed_on, ended_on, authority, reason, "
                             "legal_basis, decision_unit, decision_no, decided_on, division_code, publish, removal_kind, "
                             "removal_note, repair_applied_on, repair_note, repair_decision, repair_decided_on, version, "
                             "updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, "
                             "?)" + std::string(conn_->InsertIdClause())));
    CHEMSAFE_ASSIGN_OR_RETURN(
        int update,
        conn_->PrepareCached("UPDATE blacklist SET uscc = ?, enterprise_name = ?, listed_on = ?, ended_on = ?, "
                             "authority = ?, reason = ?, legal_basis = ?, decision_unit = ?, decision_no = ?, "
                             "decided_on = ?, division_code = ?, publish = ?, removal_kind = ?, removal_note = ?, "
                             "repair_applied_on = ?, repair_note = ?, repair_decision = ?, repair_decided_on = ?, "
                             "version = version + 1, updated_at = ?, updated_by = ? WHERE id = ? AND version = ?"));
    const std::int64_t was_id = l.id;
    const int was_version = l.version;
    return internal::AuditedWrite(*conn_, audit, [&]() -> Status {
      std::vector<SqlParam> p = {std::string_view(l.uscc),          std::string_view(l.enterprise_name),
                                 std::string_view(l.listed_on),     std::string_view(l.ended_on),
                                 std::string_view(l.authority),     std::string_view(l.reason),
                                 std::string_view(l.legal_basis),   std::string_view(l.decision_unit),
                                 std::string_view(l.decision_no),   std::string_view(l.decided_on),
                                 std::string_view(l.division_code), std::int64_t{l.publish ? 1 : 0},
                                 std::int64_t{l.removal_kind},      std::string_view(l.removal_note),
                                 std::string_view(l.repair_applied_on), std::string_view(l.repair_note),
                                 std::int64_t{l.repair_decision},   std::string_view(l.repair_decided_on),
                                 std::string_view(l.updated_at),    std::string_view(l.updated_by)};
      if (l.id == 0) {
        CHEMSAFE_ASSIGN_OR_RETURN(l.id, conn_->RunInsert(insert, p));
        l.version = 1;
      } else {
        p.push_back(l.id);
        p.push_back(std::int64_t{l.version});
        CHEMSAFE_ASSIGN_OR_RETURN(std::int64_t changed, conn_->Run(update, p, nullptr));
        if (changed == 0) {
          CHEMSAFE_ASSIGN_OR_RETURN(auto now, FindListing(l.id));
          if (!now) return NotFound(fmt::format("listing {}: not found", l.id));
          return Stale("listing", l.id, now->updated_by, now->updated_at, now->version);
        }
        l.version += 1;
      }
      audit.object = fmt::format("blacklist:{}", l.id);
      return Status::Ok();
    }, [&] {
      l.id = was_id;
      l.version = was_version;
    });
  }

  Result<std::optional<ListingRecord>> FindListing(std::int64_t id) override {
    const std::array<SqlParam, 1> p = {id};
    CHEMSAFE_ASSIGN_OR_RETURN(auto rows, Listings("SELECT " + std::string(kListingColumns) + " FROM blacklist WHERE id = ?", p));
    if (rows.empty()) return std::optional<ListingRecord>();
    return std::optional<ListingRecord>(std::move(rows.front()));
  }

  Result<std::vector<ListingRecord>> ListListings(const ListingFilter& f) override {
    std::string sql = "SELECT " + std::string(kListingColumns) + " FROM blacklist WHERE 1 = 1";
    std::vector<SqlParam> p;
    if (!f.uscc.empty()) {
      sql += " AND uscc = ?";
      p.emplace_back(std::string_view(f.uscc));
    }
    if (!f.division_prefix.empty()) {
      sql += " AND division_code LIKE ?";
      like_ = f.division_prefix + "%";
      p.emplace_back(std::string_view(like_));
    }
    sql += " ORDER BY uscc, listed_on, id LIMIT ? OFFSET ?";
    p.emplace_back(std::int64_t{f.limit});
    p.emplace_back(std::int64_t{f.offset});
    return Listings(sql, p);
  }

  Status SaveEnforcement(EnforcementRecord& e, audit::AuditRecord& audit) override {
    if (e.id != 0) return InvalidArgument(fmt::format("enforcement record {}: records are written once", e.id));
    CHEMSAFE_ASSIGN_OR_RETURN(
        int insert,
        conn_->PrepareCached("INSERT INTO enforcement_records (enterprise_uscc, kind, date, decision_no, violation, "
                             "legal_basis, penalty_kind, fine_fen, finding_ids, division_code, body, created_at, "
                             "created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)" +
                             std::string(conn_->InsertIdClause())));
    return internal::AuditedWrite(*conn_, audit, [&]() -> Status {
      const std::string ids = IdsJson(e.finding_ids);
      const std::array<SqlParam, 13> p = {std::string_view(e.enterprise_uscc), std::int64_t{e.kind},
                                          std::string_view(e.date),            std::string_view(e.decision_no),
                                          std::string_view(e.violation),       std::string_view(e.legal_basis),
                                          std::string_view(e.penalty_kind),
                                          e.fine_fen ? SqlParam(*e.fine_fen) : SqlParam(nullptr),
                                          std::string_view(ids),               std::string_view(e.division_code),
                                          std::string_view(e.body),            std::string_view(e.created_at),
                                          std::string_view(e.created_by)};
      CHEMSAFE_ASSIGN_OR_RETURN(e.id, conn_->RunInsert(insert, p));
      audit.object = fmt::format("enforcement:{}", e.id);
      return Status::Ok();
    }, [&] { e.id = 0; });
  }

  Result<std::optional<EnforcementRecord>> FindEnforcement(std::int64_t id) override {
    const std::array<SqlParam, 1> p = {id};
    CHEMSAFE_ASSIGN_OR_RETURN(
        auto rows, Enforcement("SELECT " + std::string(kEnforcementColumns) + " FROM enforcement_records WHERE id = ?", p));
    if (rows.empty()) return std::optional<EnforcementRecord>();
    return std::optional<EnforcementRecord>(std::move(rows.front()));
  }

  Result<std::vector<EnforcementRecord>> ListEnforcement(const CreditFilter& f) override {
    std::string sql = "SELECT " + std::string(kEnforcementColumns) + " FROM enforcement_records WHERE 1 = 1";
    std::vector<SqlParam> p;
    InScope(f, sql, p);
    sql += " ORDER BY id LIMIT ? OFFSET ?";
    p.emplace_back(std::int64_t{f.limit});
    p.emplace_back(std::int64_t{f.offset});
    return Enforcement(sql, p);
  }

  Status SavePolicy(PolicyRecord& pol, audit::AuditRecord& audit) override {
    CHEMSAFE_ASSIGN_OR_RETURN(
        int insert,
        conn_->PrepareCached("INSERT INTO insurance_policies (enterprise_uscc, insurer, policy_no, valid_from, valid_to, "
                             "insured_amount_fen, persons_covered, body, updated_at, updated_by, version, created_at, "
                             "created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)" +
                             std::string(conn_->InsertIdClause())));
    CHEMSAFE_ASSIGN_OR_RETURN(
        int update,
        conn_->PrepareCached("UPDATE insurance_policies SET enterprise_uscc = ?, insurer = ?, policy_no = ?, "
                             "valid_from = ?, valid_to = ?, insured_amount_fen = ?, persons_covered = ?, body = ?, "
                             "updated_at = ?, updated_by = ?, version = version + 1 WHERE id = ? AND version = ?"));
    const std::int64_t was_id = pol.id;
    const int was_version = pol.version;
    const PolicyRecord before = pol;
    return internal::AuditedWrite(*conn_, audit, [&]() -> Status {
      std::vector<SqlParam> p = {std::string_view(pol.enterprise_uscc), std::string_view(pol.insurer),
                                 std::string_view(pol.policy_no),       std::string_view(pol.valid_from),
                                 std::string_view(pol.valid_to),        pol.insured_amount_fen,
                                 std::int64_t{pol.persons_covered},     std::string_view(pol.body),
                                 std::string_view(pol.updated_at),      std::string_view(pol.updated_by)};
      Result<std::int64_t> run = std::int64_t{0};
      if (pol.id == 0) {
        p.emplace_back(std::string_view(pol.updated_at));
        p.emplace_back(std::string_view(pol.updated_by));
        run = conn_->RunInsert(insert, p);
      } else {
        p.push_back(pol.id);
        p.push_back(std::int64_t{pol.version});
        run = conn_->Run(update, p, nullptr);
      }
      if (!run.ok()) {
        if (run.status().code() == StatusCode::kAlreadyExists) {
          return AlreadyExists(fmt::format("policy_no: {} of {} is already stored", pol.policy_no, pol.insurer));
        }
        return run.status();
      }
      if (pol.id == 0) {
        pol.id = *run;
        pol.version = 1;
        pol.created_at = pol.updated_at;
        pol.created_by = pol.updated_by;
      } else {
        if (*run == 0) {
          CHEMSAFE_ASSIGN_OR_RETURN(auto now, FindPolicy(pol.id));
          if (!now) return NotFound(fmt::format("policy {}: not found", pol.id));
          return Stale("policy", pol.id, now->updated_by, now->updated_at, now->version);
        }
        pol.version += 1;
      }
      audit.object = fmt::format("insurance_policy:{}", pol.id);
      return Status::Ok();
    }, [&] {
      pol = before;
      pol.id = was_id;
      pol.version = was_version;
    });
  }

  Result<std::optional<PolicyRecord>> FindPolicy(std::int64_t id) override {
    const std::array<SqlParam, 1> p = {id};
    CHEMSAFE_ASSIGN_OR_RETURN(
        auto rows, Policies("SELECT " + std::string(kPolicyColumns) + " FROM insurance_policies WHERE id = ?", p));
    if (rows.empty()) return std::optional<PolicyRecord>();
    return std::optional<PolicyRecord>(std::move(rows.front()));
  }

  Result<std::vector<PolicyRecord>> ListPolicies(const CreditFilter& f) override {
    std::string sql = "SELECT " + std::string(kPolicyColumns) + " FROM insurance_policies WHERE 1 = 1";
    std::vector<SqlParam> p;
    InScope(f, sql, p);
    sql += " ORDER BY enterprise_uscc, valid_to, id LIMIT ? OFFSET ?";
    p.emplace_back(std::int64_t{f.limit});
    p.emplace_back(std::int64_t{f.offset});
    return Policies(sql, p);
  }

 private:
  static Status Stale(std::string_view what, std::int64_t id, const std::string& by, const std::string& at, int version) {
    return FailedPrecondition(
        fmt::format("{} {}: changed by {} at {} (version {}); reload it and apply the change again", what, id, by, at,
                    version));
  }

  void InScope(const CreditFilter& f, std::string& sql, std::vector<SqlParam>& p) {
    AppendIn("enterprise_uscc", f.enterprises, sql, p);
    if (!f.division_prefix.empty()) {
      sql += " AND enterprise_uscc IN (SELECT uscc FROM enterprises WHERE division_code LIKE ?)";
      like_ = f.division_prefix + "%";
      p.emplace_back(std::string_view(like_));
    }
  }

  template <typename T, typename Read>
  Result<std::vector<T>> Rows(const std::string& sql, std::span<const SqlParam> params, Read read) {
    return internal::QueryRows<T>(*conn_, sql, params, read);
  }
  Result<std::vector<ListingRecord>> Listings(const std::string& sql, std::span<const SqlParam> p) {
    return Rows<ListingRecord>(sql, p, ReadListing);
  }
  Result<std::vector<EnforcementRecord>> Enforcement(const std::string& sql, std::span<const SqlParam> p) {
    return Rows<EnforcementRecord>(sql, p, ReadEnforcement);
  }
  Result<std::vector<PolicyRecord>> Policies(const std::string& sql, std::span<const SqlParam> p) {
    return Rows<PolicyRecord>(sql, p, ReadPolicy);
  }

  std::string like_;
  std::unique_ptr<SqlConnection> conn_;
};

Result<std::unique_ptr<CreditStore>> Make(Result<std::unique_ptr<SqlConnection>> conn) {
  return internal::MakeSqlStore<SqlCreditStore, CreditStore>(std::move(conn));
}

}  // namespace

Result<std::unique_ptr<CreditStore>> OpenSqliteCreditStore(const std::string& path) {
  return Make(sqlite::OpenSqliteConnection(path));
}

Result<std::unique_ptr<CreditStore>> OpenPostgresCreditStore(const std::string& url) {
  return Make(postgres::OpenPostgresConnection(url));
}

}  // namespace chemsafe::store
