/** Overlay questions asked in a consultation session, as ready SQL over layer/feature/patch/case_state/run. */
export interface ExampleQuery {
  id: string;
  zh: string;
  en: string;
  sql: string;
}

/** Great-circle distance in km from (lon, lat) to a patch centre, in DuckDB core SQL (no spatial extension). */
export function distanceKmSql(lon: number, lat: number): string {
  return `6371.0088 * 2 * asin(sqrt(pow(sin(radians(cy - ${lat}) / 2), 2) + cos(radians(${lat})) * cos(radians(cy)) * pow(sin(radians(cx - ${lon}) / 2), 2)))`;
}

export const EXAMPLE_QUERIES: readonly ExampleQuery[] = [
  {
    id: 'per-county-type',
    zh: '各县区、各人类活动类型的图斑数与面积',
    en: 'Patches and area per county and activity type',
    sql: `SELECT county, activity_type, count(*) AS patches, round(sum(area_ha), 4) AS area_ha,
  round(sum(redline_ha), 4) AS redline_ha
FROM patch WHERE status <> 'rejected'
GROUP BY county, activity_type ORDER BY county, activity_type`,
  },
  {
    id: 'activity-per-county',
    zh: '各县区红线内人类活动面积',
    en: 'Human-activity area inside red lines per county',
    sql: `SELECT county, count(*) AS patches, round(sum(redline_ha), 4) AS human_activity_ha
FROM patch WHERE status NOT IN ('rejected', 'auto', 'clue')
GROUP BY county ORDER BY human_activity_ha DESC`,
  },
  {
    id: 'within-km',
    zh: '某点 5 公里内的图斑（改经纬度和距离）',
    en: 'Patches within 5 km of a point (edit lon/lat and distance)',
    sql: `SELECT * FROM (
  SELECT id, county, location, round(${distanceKmSql(109.52, 21.57)}, 3) AS km FROM patch
) WHERE km <= 5 ORDER BY km`,
  },
  {
    id: 'reserve-overlap',
    zh: '与自然保护地外包框相交的图斑（精确面积见图斑核查单）',
    en: 'Patches whose box meets a nature reserve (exact areas in the verification sheet)',
    sql: `SELECT p.id, p.county, l.name AS reserve_layer, f.fid AS reserve_fid
FROM patch p
JOIN feature f ON p.minx <= f.maxx AND p.maxx >= f.minx AND p.miny <= f.maxy AND p.maxy >= f.miny
JOIN layer l ON l.id = f.layer_id AND l.kind = 'reserve'
ORDER BY p.id`,
  },
  {
    id: 'new-since-previous-run',
    zh: '与上一次检测相比新增的图斑',
    en: 'Patches new since the previous detection run',
    sql: `WITH runs AS (SELECT id, row_number() OVER (ORDER BY started_at DESC) AS k FROM run WHERE status = 'done'),
latest AS (SELECT * FROM patch WHERE run_id = (SELECT id FROM runs WHERE k = 1)),
earlier AS (SELECT * FROM patch WHERE run_id IN (SELECT id FROM runs WHERE k > 1))
SELECT l.id, l.county, l.area_ha FROM latest l
WHERE NOT EXISTS (SELECT 1 FROM earlier e
  WHERE l.minx <= e.maxx AND l.maxx >= e.minx AND l.miny <= e.maxy AND l.maxy >= e.miny)`,
  },
  {
    id: 'overdue',
    zh: '逾期未办结的案件',
    en: 'Overdue cases',
    sql: `SELECT case_id AS id, stage, county, due_milestone, due_date, days_overdue
FROM case_state WHERE overdue ORDER BY days_overdue DESC`,
  },
];
