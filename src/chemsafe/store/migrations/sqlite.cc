// SQLite schema. Instants are UTC text "YYYY-MM-DDTHH:MM:SS.ffffffZ" (store/internal/timestamp.h), so
// that text comparison is time comparison. Enums are their integer codes (registry/model.h).
// Lists of values (activities, licences, responsible persons, key processes) are JSON arrays and
// polygons GeoJSON geometries, both as text. Indexes are kept to what queries need: bulk imports pay
// for each one.
#include "chemsafe/store/migrations/migrations.h"

namespace chemsafe::store::migrations {
namespace {

constexpr std::string_view kV1 = R"sql(
CREATE TABLE parks (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL CONSTRAINT parks_code_key UNIQUE,
  name TEXT NOT NULL,
  kind INTEGER NOT NULL,
  division_code TEXT NOT NULL,
  boundary TEXT,
  provenance INTEGER NOT NULL
);
CREATE TABLE enterprises (
  id INTEGER PRIMARY KEY,
  uscc TEXT NOT NULL CONSTRAINT enterprises_uscc_key UNIQUE,
  name TEXT NOT NULL,
  legal_representative TEXT NOT NULL,
  division_code TEXT NOT NULL,
  address TEXT NOT NULL,
  lon_deg REAL,
  lat_deg REAL,
  activities TEXT NOT NULL,
  sector INTEGER NOT NULL,
  park_code TEXT NOT NULL,
  licences TEXT NOT NULL,
  provenance INTEGER NOT NULL
);
CREATE INDEX enterprises_division ON enterprises(division_code);
CREATE TABLE units (
  id INTEGER PRIMARY KEY,
  enterprise_id INTEGER NOT NULL CONSTRAINT units_enterprise_id_fkey REFERENCES enterprises(id),
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  kind INTEGER NOT NULL,
  lon_deg REAL,
  lat_deg REAL,
  boundary TEXT,
  declared_exposed_people INTEGER CONSTRAINT units_declared_exposed_people_check
    CHECK (declared_exposed_people IS NULL OR declared_exposed_people >= 0),
  responsible TEXT NOT NULL,
  key_processes TEXT NOT NULL,
  provenance INTEGER NOT NULL,
  CONSTRAINT units_enterprise_id_code_key UNIQUE (enterprise_id, code)
);
CREATE TABLE holdings (
  id INTEGER PRIMARY KEY,
  unit_id INTEGER NOT NULL CONSTRAINT holdings_unit_id_fkey REFERENCES units(id),
  chemical_key TEXT NOT NULL,
  chemical_name TEXT NOT NULL,
  max_quantity_t REAL CONSTRAINT holdings_max_quantity_t_check CHECK (max_quantity_t >= 0),
  typical_quantity_t REAL CONSTRAINT holdings_typical_quantity_t_check CHECK (typical_quantity_t >= 0),
  max_volume_m3 REAL CONSTRAINT holdings_max_volume_m3_check CHECK (max_volume_m3 >= 0),
  density_t_m3 REAL CONSTRAINT holdings_density_t_m3_check CHECK (density_t_m3 > 0),
  state INTEGER NOT NULL,
  temperature_c REAL,
  pressure_mpa REAL,
  gb18218_category TEXT NOT NULL,
  provenance INTEGER NOT NULL,
  valid_from TEXT NOT NULL,
  valid_to TEXT,
  CONSTRAINT holdings_validity_check CHECK (valid_to IS NULL OR valid_to >= valid_from)
);
-- One current version per (unit, chemical); it also answers "current holdings of a unit".
CREATE UNIQUE INDEX holdings_current_key ON holdings(unit_id, chemical_key) WHERE valid_to IS NULL;
-- Every version of a unit's holdings, for history and "as of" queries. On unit_id alone: an index
-- that also held chemical_key and valid_from made a bulk import of holdings about 20% slower.
CREATE INDEX holdings_versions ON holdings(unit_id);
CREATE TABLE protected_targets (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL CONSTRAINT protected_targets_code_key UNIQUE,
  name TEXT NOT NULL,
  target_class INTEGER NOT NULL,
  kind TEXT NOT NULL,
  division_code TEXT NOT NULL,
  lon_deg REAL,
  lat_deg REAL,
  area TEXT,
  day_population INTEGER NOT NULL CONSTRAINT protected_targets_day_population_check CHECK (day_population >= 0),
  night_population INTEGER NOT NULL CONSTRAINT protected_targets_night_population_check CHECK (night_population >= 0),
  provenance INTEGER NOT NULL
);
)sql";

// Migration 2: GB 18218-2018 assessments of the units (hazard/), their transitions, and the filing
// records of major hazard installations (issue 3).
constexpr std::string_view kV2 = R"sql(
CREATE TABLE hazard_assessments (
  id INTEGER PRIMARY KEY,
  unit_id INTEGER NOT NULL CONSTRAINT hazard_assessments_unit_id_fkey REFERENCES units(id),
  assessed_at TEXT NOT NULL,
  edition TEXT NOT NULL,
  basis INTEGER NOT NULL,
  exposed_people INTEGER NOT NULL,
  exposed_source TEXT NOT NULL,
  major_hazard INTEGER NOT NULL,
  sum_ratio REAL,
  alpha REAL,
  r REAL,
  grade INTEGER,
  error TEXT NOT NULL,
  detail TEXT NOT NULL
);
CREATE INDEX hazard_assessments_unit_idx ON hazard_assessments (unit_id, id);
CREATE TABLE hazard_latest (
  unit_id INTEGER PRIMARY KEY CONSTRAINT hazard_latest_unit_id_fkey REFERENCES units(id),
  assessment_id INTEGER NOT NULL CONSTRAINT hazard_latest_assessment_id_fkey REFERENCES hazard_assessments(id),
  assessed_at TEXT NOT NULL,
  major_hazard INTEGER NOT NULL,
  grade INTEGER,
  failed INTEGER NOT NULL
);
CREATE TABLE hazard_events (
  id INTEGER PRIMARY KEY,
  unit_id INTEGER NOT NULL CONSTRAINT hazard_events_unit_id_fkey REFERENCES units(id),
  at TEXT NOT NULL,
  kind INTEGER NOT NULL,
  from_grade INTEGER,
  to_grade INTEGER,
  assessment_id INTEGER NOT NULL CONSTRAINT hazard_events_assessment_id_fkey REFERENCES hazard_assessments(id)
);
CREATE INDEX hazard_events_at_idx ON hazard_events (at, id);
CREATE TABLE mhi_filings (
  unit_id INTEGER PRIMARY KEY CONSTRAINT mhi_filings_unit_id_fkey REFERENCES units(id),
  filing_status INTEGER NOT NULL,
  filing_date TEXT NOT NULL,
  next_reassessment_due TEXT NOT NULL
);
)sql";

// Migration 3: the platform's accounts, sessions and audit trail (issue 4). Times are UTC text
// "YYYY-MM-DDTHH:MM:SS.ffffffZ", which orders as time. The audit trail is append-only (triggers) and
// chained by SM3 (audit/chain.h): each record holds the hash of the one before.
constexpr std::string_view kV3 = R"sql(
CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL CONSTRAINT users_username_key UNIQUE,
  name TEXT NOT NULL,
  role INTEGER NOT NULL,
  division_code TEXT NOT NULL,
  department TEXT NOT NULL,
  enterprise_uscc TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  failed_logins INTEGER NOT NULL,
  locked_until TEXT NOT NULL,
  disabled INTEGER NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE grid_assignments (
  user_id INTEGER NOT NULL CONSTRAINT grid_assignments_user_id_fkey REFERENCES users(id),
  enterprise_id INTEGER NOT NULL CONSTRAINT grid_assignments_enterprise_id_fkey REFERENCES enterprises(id),
  CONSTRAINT grid_assignments_pkey PRIMARY KEY (user_id, enterprise_id)
);
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL CONSTRAINT sessions_user_id_fkey REFERENCES users(id),
  csrf_token TEXT NOT NULL,
  created_at TEXT NOT NULL,
  last_seen TEXT NOT NULL,
  client TEXT NOT NULL
);
CREATE TABLE platform_settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE audit_log (
  seq INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  username TEXT NOT NULL,
  role TEXT NOT NULL,
  scope TEXT NOT NULL,
  client TEXT NOT NULL,
  action TEXT NOT NULL,
  object TEXT NOT NULL,
  outcome TEXT NOT NULL,
  request_id TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
)sql";

// Migration 4: a counter that every committed change of the registry or of the assessments raises, so
// that answers computed from them (the map's layers) can be kept until it moves (issue 4).
constexpr std::string_view kV4 = R"sql(
CREATE TABLE data_generation (
  id INTEGER PRIMARY KEY CONSTRAINT data_generation_single_row CHECK (id = 1),
  n INTEGER NOT NULL
);
INSERT INTO data_generation (id, n) VALUES (1, 0);
)sql";

// Migration 5: a second counter beside it that every change to who a session is raises: a session
// ended, a user changed or removed, a grid officer's assignments changed (touching last_seen and failed
// log-ins do not). Triggers keep it, so changes made by any process (the CLI, another server) count.
// The API keeps checked sessions and answers in memory while both counters stay the same (decision 0006).
constexpr std::string_view kV5 = R"sql(
ALTER TABLE data_generation ADD COLUMN accounts INTEGER NOT NULL DEFAULT 0;
CREATE TRIGGER sessions_end_accounts AFTER DELETE ON sessions
BEGIN UPDATE data_generation SET accounts = accounts + 1 WHERE id = 1; END;
CREATE TRIGGER sessions_change_accounts AFTER UPDATE OF token_hash, user_id, csrf_token ON sessions
BEGIN UPDATE data_generation SET accounts = accounts + 1 WHERE id = 1; END;
CREATE TRIGGER users_change_accounts
AFTER UPDATE OF username, name, role, division_code, department, enterprise_uscc, password_hash, disabled ON users
BEGIN UPDATE data_generation SET accounts = accounts + 1 WHERE id = 1; END;
CREATE TRIGGER users_delete_accounts AFTER DELETE ON users
BEGIN UPDATE data_generation SET accounts = accounts + 1 WHERE id = 1; END;
CREATE TRIGGER grid_assignments_insert_accounts AFTER INSERT ON grid_assignments
BEGIN UPDATE data_generation SET accounts = accounts + 1 WHERE id = 1; END;
CREATE TRIGGER grid_assignments_change_accounts AFTER UPDATE ON grid_assignments
BEGIN UPDATE data_generation SET accounts = accounts + 1 WHERE id = 1; END;
CREATE TRIGGER grid_assignments_delete_accounts AFTER DELETE ON grid_assignments
BEGIN UPDATE data_generation SET accounts = accounts + 1 WHERE id = 1; END;
)sql";

// Migration 6: the changes made to enterprise records through the platform (service/registry_edits.h),
// written in the transaction of the change and its audit record, so that the change feed reads one page
// of its caller's scope instead of the whole audit trail. The USCC and division code are the
// enterprise's at the change: the feed is bounded by them. The indexes answer "newest first" within a
// division prefix and within a grid officer's (or an enterprise's) enterprises. Databases that have
// changes already get them from their audit records ("ok: " then the fields changed), in their order.
constexpr std::string_view kV6 = R"sql(
CREATE TABLE enterprise_changes (
  seq INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  username TEXT NOT NULL,
  role TEXT NOT NULL,
  enterprise_id INTEGER NOT NULL CONSTRAINT enterprise_changes_enterprise_id_fkey REFERENCES enterprises(id),
  uscc TEXT NOT NULL,
  division_code TEXT NOT NULL,
  fields TEXT NOT NULL
);
CREATE INDEX enterprise_changes_division ON enterprise_changes(division_code, seq);
CREATE INDEX enterprise_changes_enterprise ON enterprise_changes(enterprise_id, seq);
INSERT INTO enterprise_changes (at, username, role, enterprise_id, uscc, division_code, fields)
SELECT a.at, a.username, a.role, e.id, e.uscc, e.division_code, substr(a.outcome, 5)
FROM audit_log a JOIN enterprises e ON e.uscc = a.object
WHERE a.action = 'enterprise.update' AND substr(a.outcome, 1, 4) = 'ok: '
ORDER BY a.seq;
)sql";

// Migration 7: the stored runs of the province-wide QRA (issue 5, plan task T7; service/qra_province.h):
// a run with its method, the SM3 digest of its inputs (a run's version: the same method and inputs give the
// same digest), its summary, the contours and the exceeded protected targets as GeoJSON; and a row per
// enterprise assessed, with its rank, proposed action and batch, and the detail as JSON. The indexes answer
// "a run's list within a division prefix, in rank order" and "an enterprise's results, newest first".
constexpr std::string_view kV7 = R"sql(
CREATE TABLE qra_runs (
  id INTEGER PRIMARY KEY,
  run_at TEXT NOT NULL,
  method TEXT NOT NULL,
  input_digest TEXT NOT NULL,
  scope TEXT NOT NULL,
  new_installations INTEGER NOT NULL,
  synthetic_weather INTEGER NOT NULL,
  summary TEXT NOT NULL,
  contours TEXT NOT NULL,
  exceedances TEXT NOT NULL
);
CREATE INDEX qra_runs_digest ON qra_runs(input_digest);
CREATE TABLE qra_enterprise_results (
  run_id INTEGER NOT NULL CONSTRAINT qra_enterprise_results_run_id_fkey REFERENCES qra_runs(id),
  enterprise_id INTEGER NOT NULL CONSTRAINT qra_enterprise_results_enterprise_id_fkey REFERENCES enterprises(id),
  rank INTEGER NOT NULL,
  division_code TEXT NOT NULL,
  action TEXT NOT NULL,
  batch INTEGER NOT NULL,
  worst_ratio REAL NOT NULL,
  pll_per_yr REAL NOT NULL,
  exceedance_count INTEGER NOT NULL,
  detail TEXT NOT NULL,
  PRIMARY KEY (run_id, enterprise_id)
);
CREATE INDEX qra_enterprise_results_rank ON qra_enterprise_results(run_id, division_code, rank);
CREATE INDEX qra_enterprise_results_enterprise ON qra_enterprise_results(enterprise_id, run_id);
)sql";

// Migration 8: the traceability events (issue 6, trace/event.h), append-only. trace_events holds each
// captured event once (its event hash unique: a resubmission is found, not stored again) with its EPCIS JSON;
// trace_event_ids indexes every identifier an event names, by role (lineage and MATCH_ queries walk it);
// trace_movements holds what an event moves for the closed loop (produced, received, shipped, used,
// destroyed, counted), in kg, per party, site and chemical, with the key that pairs a shipment with its
// receipt; trace_error_declarations holds corrections (EPCIS errorDeclaration): an event is never edited.
constexpr std::string_view kV8 = R"sql(
CREATE TABLE trace_events (
  id INTEGER PRIMARY KEY,
  hash TEXT NOT NULL CONSTRAINT trace_events_hash_key UNIQUE,
  event_id TEXT NOT NULL,
  type INTEGER NOT NULL,
  event_time TEXT NOT NULL,
  event_time_us INTEGER NOT NULL,
  record_time TEXT NOT NULL,
  biz_step TEXT NOT NULL,
  biz_location TEXT NOT NULL,
  body TEXT NOT NULL
);
CREATE INDEX trace_events_event_id ON trace_events(event_id);
CREATE INDEX trace_events_time ON trace_events(event_time_us, id);
CREATE TABLE trace_event_ids (
  event INTEGER NOT NULL CONSTRAINT trace_event_ids_event_fkey REFERENCES trace_events(id),
  epc TEXT NOT NULL,
  role INTEGER NOT NULL
);
CREATE INDEX trace_event_ids_epc ON trace_event_ids(epc, event);
CREATE INDEX trace_event_ids_event ON trace_event_ids(event);
CREATE TABLE trace_movements (
  event INTEGER NOT NULL CONSTRAINT trace_movements_event_fkey REFERENCES trace_events(id),
  at_us INTEGER NOT NULL,
  party TEXT NOT NULL,
  site TEXT NOT NULL,
  chemical TEXT NOT NULL,
  kind INTEGER NOT NULL,
  quantity_kg REAL NOT NULL,
  counterparty TEXT NOT NULL,
  shipment_key TEXT NOT NULL
);
CREATE INDEX trace_movements_time ON trace_movements(at_us);
CREATE INDEX trace_movements_party ON trace_movements(party, chemical, at_us);
CREATE INDEX trace_movements_shipment ON trace_movements(shipment_key, kind);
CREATE TABLE trace_error_declarations (
  event INTEGER NOT NULL CONSTRAINT trace_error_declarations_event_fkey REFERENCES trace_events(id),
  declared_at TEXT NOT NULL,
  reason TEXT NOT NULL,
  corrective_event_ids TEXT NOT NULL,
  declaration_hash TEXT NOT NULL CONSTRAINT trace_error_declarations_hash_key UNIQUE
);
CREATE INDEX trace_error_declarations_event ON trace_error_declarations(event);
)sql";

// Migration 9: the state of the closed loop's anomalies as work items (issue 6): an anomaly is computed from
// the events each time; what people did about it (acknowledged, closed, with a note) is kept here by the
// anomaly's key, with who and when. Changes are audited in the same transaction by the caller.
constexpr std::string_view kV9 = R"sql(
CREATE TABLE trace_work_items (
  anomaly_key TEXT NOT NULL CONSTRAINT trace_work_items_pkey PRIMARY KEY,
  status INTEGER NOT NULL,
  note TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL
);
)sql";

// Migration 10: the blacklist (黑名单) of enterprises barred from buying or holding regulated chemicals, with
// the authority, reason and period of each listing (issue 6: a sale to a listed buyer is an anomaly). Kept
// as a history: a listing ends by its end date, never by deletion.
constexpr std::string_view kV10 = R"sql(
CREATE TABLE blacklist (
  id INTEGER PRIMARY KEY,
  uscc TEXT NOT NULL,
  listed_on TEXT NOT NULL,
  ended_on TEXT NOT NULL,
  authority TEXT NOT NULL,
  reason TEXT NOT NULL
);
CREATE INDEX blacklist_uscc ON blacklist(uscc, listed_on);
)sql";

// Migration 11: the serial numbers the platform issues in its own namespace (issue 6: tracking identifiers for
// companies without a GS1 prefix), one counter per enterprise and kind, so that no serial is issued twice.
constexpr std::string_view kV11 = R"sql(
CREATE TABLE trace_serials (
  uscc TEXT NOT NULL,
  kind TEXT NOT NULL,
  next_serial INTEGER NOT NULL,
  CONSTRAINT trace_serials_pkey PRIMARY KEY (uscc, kind)
);
)sql";

// Migration 12: what the lineage and the closed loop read, kept where and how they read it (issue 6
// benchmarks). trace_event_ids gets each event's type and time beside the identifier, and its identifier
// index covers them (epc, at_us, event, role, type): a lineage step is one index range, with no look-up of
// the wide event row; its event index covers an event's identifiers (event, epc, role). trace_movements is
// made again with its texts (party, site, chemical, counterparty, shipment key) as ids of trace_names (each
// text stored once; id 0 the empty text) and the event's record time in µs (recorded_us, for the 5-day
// filing): the closed loop reads small integer rows, no event row. The name columns carry no foreign key:
// the store writes only ids it has just read or made. Both are filled from the events stored before.
// SQLite reads the record time of the canonical form (YYYY-MM-DDTHH:MM:SS.ffffffZ) to the µs, another to the
// second.
constexpr std::string_view kV12 = R"sql(
ALTER TABLE trace_event_ids ADD COLUMN type INTEGER NOT NULL DEFAULT 0;
ALTER TABLE trace_event_ids ADD COLUMN at_us INTEGER NOT NULL DEFAULT 0;
UPDATE trace_event_ids SET
  type = (SELECT e.type FROM trace_events e WHERE e.id = trace_event_ids.event),
  at_us = (SELECT e.event_time_us FROM trace_events e WHERE e.id = trace_event_ids.event);
DROP INDEX trace_event_ids_epc;
CREATE INDEX trace_event_ids_epc ON trace_event_ids(epc, at_us, event, role, type);
DROP INDEX trace_event_ids_event;
CREATE INDEX trace_event_ids_event ON trace_event_ids(event, epc, role);
CREATE TABLE trace_names (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL CONSTRAINT trace_names_name_key UNIQUE
);
INSERT INTO trace_names (id, name) VALUES (0, '');
INSERT INTO trace_names (name)
  SELECT name FROM (SELECT party AS name FROM trace_movements UNION SELECT site FROM trace_movements
                    UNION SELECT chemical FROM trace_movements UNION SELECT counterparty FROM trace_movements
                    UNION SELECT shipment_key FROM trace_movements) AS texts
  WHERE name <> '' ORDER BY name;
ALTER TABLE trace_movements RENAME TO trace_movements_v11;
CREATE TABLE trace_movements (
  event INTEGER NOT NULL CONSTRAINT trace_movements_event_fkey REFERENCES trace_events(id),
  at_us INTEGER NOT NULL,
  recorded_us INTEGER NOT NULL,
  party INTEGER NOT NULL,
  site INTEGER NOT NULL,
  chemical INTEGER NOT NULL,
  counterparty INTEGER NOT NULL,
  shipment INTEGER NOT NULL,
  kind INTEGER NOT NULL,
  quantity_kg REAL NOT NULL
);
INSERT INTO trace_movements (event, at_us, recorded_us, party, site, chemical, counterparty, shipment, kind, quantity_kg)
  SELECT m.event, m.at_us,
    CAST(strftime('%s', e.record_time) AS INTEGER) * 1000000 +
    CASE WHEN length(e.record_time) = 27 THEN CAST(substr(e.record_time, 21, 6) AS INTEGER) ELSE 0 END,
    p.id, s.id, c.id, o.id, k.id, m.kind, m.quantity_kg
  FROM trace_movements_v11 m
  JOIN trace_events e ON e.id = m.event
  JOIN trace_names p ON p.name = m.party
  JOIN trace_names s ON s.name = m.site
  JOIN trace_names c ON c.name = m.chemical
  JOIN trace_names o ON o.name = m.counterparty
  JOIN trace_names k ON k.name = m.shipment_key
  ORDER BY m.event, m.kind;
DROP TABLE trace_movements_v11;
CREATE INDEX trace_movements_time ON trace_movements(at_us);
CREATE INDEX trace_movements_party ON trace_movements(party, chemical, at_us);
CREATE INDEX trace_movements_shipment ON trace_movements(shipment, kind);
)sql";

// Migration 13: the risk points of the enterprises (issue 7, risk/risk_point.h): the point as JSON (body) with
// the columns lists and the map filter on (enterprise, unit, grade, status, review date, place), its version
// (1 new, +1 each change) and who changed it when; every earlier version kept in risk_point_versions, so
// that a card printed from it can be made again.
constexpr std::string_view kV13 = R"sql(
CREATE TABLE risk_points (
  id INTEGER PRIMARY KEY,
  enterprise_uscc TEXT NOT NULL,
  unit_code TEXT NOT NULL,
  name TEXT NOT NULL,
  grade INTEGER NOT NULL,
  control_status INTEGER NOT NULL,
  review_due TEXT NOT NULL,
  lon REAL,
  lat REAL,
  body TEXT NOT NULL,
  version INTEGER NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL
);
CREATE INDEX risk_points_enterprise ON risk_points(enterprise_uscc, id);
CREATE INDEX risk_points_grade ON risk_points(grade, id);
CREATE TABLE risk_point_versions (
  point_id INTEGER NOT NULL CONSTRAINT risk_point_versions_point_fkey REFERENCES risk_points(id),
  version INTEGER NOT NULL,
  body TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  CONSTRAINT risk_point_versions_pkey PRIMARY KEY (point_id, version)
);
)sql";

// Migration 14: inspections and hidden-hazard findings (issue 7, inspect/finding.h): each as its JSON body with
// the columns lists filter on (enterprise, state, grade, criterion, supervision level, plan deadline, found
// date); a finding is versioned (1 new, +1 each change; a change names the version it changes). The photos of
// a finding in finding_photos, keyed by the finding and the SM3 hex of their bytes (the id the finding's
// body refers to); the service bounds their size and type.
// SQLite keeps the bytes as a BLOB (the driver binds text with its length; CAST keeps the bytes).
constexpr std::string_view kV14 = R"sql(
CREATE TABLE inspections (
  id INTEGER PRIMARY KEY,
  kind INTEGER NOT NULL,
  enterprise_uscc TEXT NOT NULL,
  date TEXT NOT NULL,
  body TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL
);
CREATE INDEX inspections_enterprise ON inspections(enterprise_uscc, id);
CREATE TABLE findings (
  id INTEGER PRIMARY KEY,
  inspection_id INTEGER CONSTRAINT findings_inspection_fkey REFERENCES inspections(id),
  kind INTEGER NOT NULL,
  enterprise_uscc TEXT NOT NULL,
  grade INTEGER NOT NULL,
  state INTEGER NOT NULL,
  criterion INTEGER,
  supervision_level INTEGER,
  plan_deadline TEXT,
  found_date TEXT NOT NULL,
  body TEXT NOT NULL,
  version INTEGER NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL
);
CREATE INDEX findings_enterprise ON findings(enterprise_uscc, id);
CREATE INDEX findings_state ON findings(state, id);
CREATE INDEX findings_grade ON findings(grade, id);
CREATE TABLE finding_photos (
  id INTEGER PRIMARY KEY,
  finding_id INTEGER NOT NULL CONSTRAINT finding_photos_finding_fkey REFERENCES findings(id),
  content_type TEXT NOT NULL,
  bytes BLOB NOT NULL,
  sm3 TEXT NOT NULL,
  uploaded_at TEXT NOT NULL,
  uploaded_by TEXT NOT NULL,
  CONSTRAINT finding_photos_finding_sm3_key UNIQUE (finding_id, sm3)
);
)sql";

// Migration 15: the credit module (issue 7 "Enforcement, blacklist, insurance"; plan tasks T25–T27, T33). The
// blacklist of migration 10 stays the one list of listings: it gains what 安全生产严重失信主体名单管理办法
// (应急管理部令第11号, 2023) asks of a listing (legal basis, decision unit, number and date, the deciding unit's
// division for scope, publication), how and why it was removed, and its credit repair (信用修复) application,
// with a version and who changed it when. Existing rows stay valid: the new columns default to empty / 0 (not
// published: they carry no legal basis). Enforcement records (inspection, violation, decision, penalty) with
// the findings they link (a JSON array of ids) and the fine in fen; safety liability insurance policies
// (安全生产责任保险), versioned (1 new, +1 each change).
constexpr std::string_view kV15 = R"sql(
ALTER TABLE blacklist ADD COLUMN enterprise_name TEXT NOT NULL DEFAULT '';
ALTER TABLE blacklist ADD COLUMN legal_basis TEXT NOT NULL DEFAULT '';
ALTER TABLE blacklist ADD COLUMN decision_unit TEXT NOT NULL DEFAULT '';
ALTER TABLE blacklist ADD COLUMN decision_no TEXT NOT NULL DEFAULT '';
ALTER TABLE blacklist ADD COLUMN decided_on TEXT NOT NULL DEFAULT '';
ALTER TABLE blacklist ADD COLUMN division_code TEXT NOT NULL DEFAULT '';
ALTER TABLE blacklist ADD COLUMN publish INTEGER NOT NULL DEFAULT 0;
ALTER TABLE blacklist ADD COLUMN removal_kind INTEGER NOT NULL DEFAULT 0;
ALTER TABLE blacklist ADD COLUMN removal_note TEXT NOT NULL DEFAULT '';
ALTER TABLE blacklist ADD COLUMN repair_applied_on TEXT NOT NULL DEFAULT '';
ALTER TABLE blacklist ADD COLUMN repair_note TEXT NOT NULL DEFAULT '';
ALTER TABLE blacklist ADD COLUMN repair_decision INTEGER NOT NULL DEFAULT 0;
ALTER TABLE blacklist ADD COLUMN repair_decided_on TEXT NOT NULL DEFAULT '';
ALTER TABLE blacklist ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE blacklist ADD COLUMN updated_at TEXT NOT NULL DEFAULT '';
ALTER TABLE blacklist ADD COLUMN updated_by TEXT NOT NULL DEFAULT '';
CREATE INDEX blacklist_division ON blacklist(division_code, id);
CREATE TABLE enforcement_records (
  id INTEGER PRIMARY KEY,
  enterprise_uscc TEXT NOT NULL,
  kind INTEGER NOT NULL,
  date TEXT NOT NULL,
  decision_no TEXT NOT NULL,
  violation TEXT NOT NULL,
  legal_basis TEXT NOT NULL,
  penalty_kind TEXT NOT NULL,
  fine_fen INTEGER,
  finding_ids TEXT NOT NULL,
  division_code TEXT NOT NULL,
  body TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL
);
CREATE INDEX enforcement_records_enterprise ON enforcement_records(enterprise_uscc, id);
CREATE TABLE insurance_policies (
  id INTEGER PRIMARY KEY,
  enterprise_uscc TEXT NOT NULL,
  insurer TEXT NOT NULL,
  policy_no TEXT NOT NULL,
  valid_from TEXT NOT NULL,
  valid_to TEXT NOT NULL,
  insured_amount_fen INTEGER NOT NULL,
  persons_covered INTEGER NOT NULL,
  body TEXT NOT NULL,
  version INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  CONSTRAINT insurance_policies_insurer_policy_no_key UNIQUE (insurer, policy_no)
);
CREATE INDEX insurance_policies_enterprise ON insurance_policies(enterprise_uscc, valid_to);
)sql";

// Migration 16: the governance of the plan (issue 8; seed sections 三 and 五). Plans as loaded (the plan JSON
// with the unit list it was validated against; the code unique); the reports units file, one per unit and
// obligation (kind: liaison | implementation_plan | quarterly_report | summary; quarter empty but for
// quarterly reports), keeping the day first filed and whether that was late (never changed by an amendment),
// versioned (1 new, +1 each change); their attachments (bytes with their SM3 hex, unique per report); the
// office's notes (kind 1 reminder to a unit about an obligation, 2 comment on a report).
constexpr std::string_view kV16 = R"sql(
CREATE TABLE governance_plans (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL CONSTRAINT governance_plans_code_key UNIQUE,
  title TEXT NOT NULL,
  plan_json TEXT NOT NULL,
  units_json TEXT NOT NULL,
  loaded_at TEXT NOT NULL,
  loaded_by TEXT NOT NULL
);
CREATE TABLE governance_reports (
  id INTEGER PRIMARY KEY,
  plan_id INTEGER NOT NULL CONSTRAINT governance_reports_plan_fkey REFERENCES governance_plans(id),
  unit_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  quarter TEXT NOT NULL,
  due_on TEXT NOT NULL,
  filed_on TEXT NOT NULL,
  late INTEGER NOT NULL,
  summary TEXT NOT NULL,
  body TEXT NOT NULL,
  amended INTEGER NOT NULL,
  version INTEGER NOT NULL,
  filed_at TEXT NOT NULL,
  filed_by TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  CONSTRAINT governance_reports_obligation_key UNIQUE (plan_id, unit_id, kind, quarter)
);
CREATE INDEX governance_reports_filed ON governance_reports(plan_id, filed_on, id);
CREATE TABLE governance_attachments (
  id INTEGER PRIMARY KEY,
  report_id INTEGER NOT NULL CONSTRAINT governance_attachments_report_fkey REFERENCES governance_reports(id),
  name TEXT NOT NULL,
  content_type TEXT NOT NULL,
  bytes BLOB NOT NULL,
  sm3 TEXT NOT NULL,
  size INTEGER NOT NULL,
  uploaded_at TEXT NOT NULL,
  uploaded_by TEXT NOT NULL,
  CONSTRAINT governance_attachments_report_sm3_key UNIQUE (report_id, sm3)
);
CREATE TABLE governance_notes (
  id INTEGER PRIMARY KEY,
  plan_id INTEGER NOT NULL CONSTRAINT governance_notes_plan_fkey REFERENCES governance_plans(id),
  kind INTEGER NOT NULL,
  unit_id TEXT NOT NULL,
  obligation_kind TEXT NOT NULL,
  quarter TEXT NOT NULL,
  report_id INTEGER NOT NULL,
  text TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL
);
CREATE INDEX governance_notes_unit ON governance_notes(plan_id, unit_id, id);
)sql";

constexpr Migration kMigrations[] = {
    {1, "registry", kV1},
    {2, "hazard", kV2},
    {3, "platform", kV3},
    {4, "data generation", kV4},
    {5, "accounts generation", kV5},
    {6, "enterprise changes", kV6},
    {7, "qra runs", kV7},
    {8, "trace events", kV8},
    {9, "trace work items", kV9},
    {10, "blacklist", kV10},
    {11, "trace serials", kV11},
    {12, "trace read columns", kV12},
    {13, "risk points", kV13},
    {14, "inspections and findings", kV14},
    {15, "credit: blacklist decisions, enforcement, insurance", kV15},
    {16, "governance: plans, reports, attachments, notes", kV16},
};

}  // namespace

std::span<const Migration> SqliteMigrations() { return kMigrations; }

}  // namespace chemsafe::store::migrations
