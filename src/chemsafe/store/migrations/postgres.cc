// PostgreSQL 15 schema: the same tables as sqlite.cc. Instants are timestamptz; lists and polygons
// are jsonb; natural-key text columns use the "C" collation so that their order is byte order, the
// same as SQLite's, whatever the database's default collation.
#include "chemsafe/store/migrations/migrations.h"

namespace chemsafe::store::migrations {
namespace {

constexpr std::string_view kV1 = R"sql(
CREATE TABLE parks (
  id BIGSERIAL PRIMARY KEY,
  code TEXT COLLATE "C" NOT NULL CONSTRAINT parks_code_key UNIQUE,
  name TEXT NOT NULL,
  kind INTEGER NOT NULL,
  division_code TEXT COLLATE "C" NOT NULL,
  boundary JSONB,
  provenance INTEGER NOT NULL
);
CREATE TABLE enterprises (
  id BIGSERIAL PRIMARY KEY,
  uscc TEXT COLLATE "C" NOT NULL CONSTRAINT enterprises_uscc_key UNIQUE,
  name TEXT NOT NULL,
  legal_representative TEXT NOT NULL,
  division_code TEXT COLLATE "C" NOT NULL,
  address TEXT NOT NULL,
  lon_deg DOUBLE PRECISION,
  lat_deg DOUBLE PRECISION,
  activities JSONB NOT NULL,
  sector INTEGER NOT NULL,
  park_code TEXT COLLATE "C" NOT NULL,
  licences JSONB NOT NULL,
  provenance INTEGER NOT NULL
);
CREATE INDEX enterprises_division ON enterprises(division_code);
CREATE TABLE units (
  id BIGSERIAL PRIMARY KEY,
  enterprise_id BIGINT NOT NULL CONSTRAINT units_enterprise_id_fkey REFERENCES enterprises(id),
  code TEXT COLLATE "C" NOT NULL,
  name TEXT NOT NULL,
  kind INTEGER NOT NULL,
  lon_deg DOUBLE PRECISION,
  lat_deg DOUBLE PRECISION,
  boundary JSONB,
  declared_exposed_people INTEGER CONSTRAINT units_declared_exposed_people_check
    CHECK (declared_exposed_people IS NULL OR declared_exposed_people >= 0),
  responsible JSONB NOT NULL,
  key_processes JSONB NOT NULL,
  provenance INTEGER NOT NULL,
  CONSTRAINT units_enterprise_id_code_key UNIQUE (enterprise_id, code)
);
CREATE TABLE holdings (
  id BIGSERIAL PRIMARY KEY,
  unit_id BIGINT NOT NULL CONSTRAINT holdings_unit_id_fkey REFERENCES units(id),
  chemical_key TEXT COLLATE "C" NOT NULL,
  chemical_name TEXT NOT NULL,
  max_quantity_t DOUBLE PRECISION CONSTRAINT holdings_max_quantity_t_check CHECK (max_quantity_t >= 0),
  typical_quantity_t DOUBLE PRECISION CONSTRAINT holdings_typical_quantity_t_check CHECK (typical_quantity_t >= 0),
  max_volume_m3 DOUBLE PRECISION CONSTRAINT holdings_max_volume_m3_check CHECK (max_volume_m3 >= 0),
  density_t_m3 DOUBLE PRECISION CONSTRAINT holdings_density_t_m3_check CHECK (density_t_m3 > 0),
  state INTEGER NOT NULL,
  temperature_c DOUBLE PRECISION,
  pressure_mpa DOUBLE PRECISION,
  gb18218_category TEXT NOT NULL,
  provenance INTEGER NOT NULL,
  valid_from TIMESTAMPTZ NOT NULL,
  valid_to TIMESTAMPTZ,
  CONSTRAINT holdings_validity_check CHECK (valid_to IS NULL OR valid_to >= valid_from)
);
CREATE UNIQUE INDEX holdings_current_key ON holdings(unit_id, chemical_key) WHERE valid_to IS NULL;
CREATE INDEX holdings_versions ON holdings(unit_id);
CREATE TABLE protected_targets (
  id BIGSERIAL PRIMARY KEY,
  code TEXT COLLATE "C" NOT NULL CONSTRAINT protected_targets_code_key UNIQUE,
  name TEXT NOT NULL,
  target_class INTEGER NOT NULL,
  kind TEXT NOT NULL,
  division_code TEXT COLLATE "C" NOT NULL,
  lon_deg DOUBLE PRECISION,
  lat_deg DOUBLE PRECISION,
  area JSONB,
  day_population INTEGER NOT NULL CONSTRAINT protected_targets_day_population_check CHECK (day_population >= 0),
  night_population INTEGER NOT NULL CONSTRAINT protected_targets_night_population_check CHECK (night_population >= 0),
  provenance INTEGER NOT NULL
);
)sql";

constexpr Migration kMigrations[] = {
    {1, "registry", kV1},
};

}  // namespace

std::span<const Migration> PostgresMigrations() { return kMigrations; }

}  // namespace chemsafe::store::migrations
