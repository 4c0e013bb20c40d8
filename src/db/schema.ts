/**
 * DuckDB tables (docs/design-notes.md, data model). DuckDB is a cache rebuilt from IndexedDB/OPFS on every start: the durable truth is
 * the browser store, so these have no migrations of their own. Geometry is WKB (lon/lat) plus a bbox because the
 * spatial extension cannot be loaded offline; exact geometry runs in the geometry worker.
 */
export const SCHEMA_SQL: readonly string[] = [
  // The ledger fold as a table, rebuilt from the event log (never edited directly).
  `CREATE TABLE IF NOT EXISTS case_state (
  case_id VARCHAR PRIMARY KEY, stage VARCHAR, province VARCHAR, city VARCHAR, county VARCHAR, township VARCHAR,
  location VARCHAR, area_ha DOUBLE, redline_ha DOUBLE, cx DOUBLE, cy DOUBLE, activity_type VARCHAR,
  problem_type VARCHAR, clue_source VARCHAR, opened_on DATE, due_milestone VARCHAR, due_date DATE,
  overdue BOOLEAN, days_overdue INTEGER, handover_recipient VARCHAR, verification_result VARCHAR,
  rejection_reason VARCHAR, photo_count INTEGER, updated_at VARCHAR, updated_by VARCHAR)`,
  `CREATE TABLE IF NOT EXISTS layer (
     id VARCHAR PRIMARY KEY, kind VARCHAR NOT NULL, name VARCHAR NOT NULL, source_file VARCHAR,
     crs VARCHAR, feature_count INTEGER, added_at TIMESTAMP)`,
  `CREATE TABLE IF NOT EXISTS feature (
     layer_id VARCHAR NOT NULL, fid INTEGER NOT NULL, props VARCHAR, geom BLOB,
     minx DOUBLE, miny DOUBLE, maxx DOUBLE, maxy DOUBLE)`,
  `CREATE TABLE IF NOT EXISTS admin (
     code VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, level VARCHAR NOT NULL, parent_code VARCHAR)`,
  `CREATE TABLE IF NOT EXISTS scene (
     id VARCHAR PRIMARY KEY, label VARCHAR, acquired_on DATE, sensor VARCHAR, band_map VARCHAR, crs VARCHAR,
     transform VARCHAR, width INTEGER, height INTEGER, file_ref VARCHAR)`,
  `CREATE TABLE IF NOT EXISTS run (
     id VARCHAR PRIMARY KEY, t1 VARCHAR, t2 VARCHAR, params VARCHAR, started_at TIMESTAMP,
     finished_at TIMESTAMP, status VARCHAR, patch_count INTEGER)`,
  `CREATE TABLE IF NOT EXISTS patch (
     id VARCHAR PRIMARY KEY, run_id VARCHAR, geom BLOB, area_ha DOUBLE, redline_ha DOUBLE, cx DOUBLE, cy DOUBLE,
     province VARCHAR, city VARCHAR, county VARCHAR, township VARCHAR, location VARCHAR,
     activity_type VARCHAR, activity_conf DOUBLE, problem_type VARCHAR, score DOUBLE, status VARCHAR,
     minx DOUBLE, miny DOUBLE, maxx DOUBLE, maxy DOUBLE)`,
];
