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

constexpr Migration kMigrations[] = {
    {1, "registry", kV1},
};

}  // namespace

std::span<const Migration> SqliteMigrations() { return kMigrations; }

}  // namespace chemsafe::store::migrations
