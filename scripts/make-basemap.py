#!/usr/bin/python3
"""Build the offline basemap: simplified China province outlines (public/basemap/china-provinces.geojson).

Run with Debian's python (shapely, GDAL are there):  /usr/bin/python3 scripts/make-basemap.py

Simplification is topology-aware: the rings are cut into arcs at junction vertices (where three or more
provinces meet, or where a border leaves the coast), each arc is simplified once with Douglas-Peucker and
reused by both neighbours, so shared borders stay shared (no slivers, no gaps). Coordinates are rounded to
4 decimals (~11 m), which is far below the simplification tolerance.
"""
import argparse
import json
import os
import sys

from shapely.geometry import LineString, MultiPolygon, Polygon, mapping, shape
from shapely.validation import make_valid

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_SRC = '/work/shared/data/admin/china-provinces.geojson'
DEFAULT_OUT = os.path.join(ROOT, 'public', 'basemap', 'china-provinces.geojson')


def key(pt):
    # Shared vertices are identical in the source; 7 decimals removes float noise only.
    return (round(pt[0], 7), round(pt[1], 7))


def rings_of(geom):
    polys = geom['coordinates'] if geom['type'] == 'MultiPolygon' else [geom['coordinates']]
    return [[[key(p) for p in ring] for ring in poly] for poly in polys]


def junctions(all_rings):
    """Vertices whose degree in the undirected edge graph is not 2 (meeting points of 3+ rings)."""
    nbrs = {}
    for ring in all_rings:
        for a, b in zip(ring, ring[1:]):
            if a == b:
                continue
            nbrs.setdefault(a, set()).add(b)
            nbrs.setdefault(b, set()).add(a)
    return {v for v, n in nbrs.items() if len(n) != 2}


def simplify_arc(arc, tol, cache):
    """Simplify one arc with fixed end points; identical arcs (either direction) are simplified once."""
    fwd = tuple(arc)
    rev = fwd[::-1]
    canon = min(fwd, rev)
    if canon not in cache:
        if len(canon) <= 2:
            cache[canon] = list(canon)
        else:
            cache[canon] = list(LineString(canon).simplify(tol, preserve_topology=False).coords)
    out = cache[canon]
    return out if canon == fwd else out[::-1]


def simplify_ring(ring, nodes, tol, cache):
    pts = ring[:-1] if ring[0] == ring[-1] else ring
    idx = [i for i, p in enumerate(pts) if p in nodes]
    if not idx:
        # An isolated ring (island): cut it at its first vertex and at the vertex farthest from it so that
        # Douglas-Peucker has two arcs and cannot collapse the island to a line.
        far = max(range(len(pts)), key=lambda i: (pts[i][0] - pts[0][0]) ** 2 + (pts[i][1] - pts[0][1]) ** 2)
        idx = sorted({0, far})
    start = idx[0]
    pts = pts[start:] + pts[:start]
    idx = [i - start for i in idx] + [len(pts)]
    pts = pts + [pts[0]]
    out = []
    for a, b in zip(idx, idx[1:]):
        seg = simplify_arc(pts[a : b + 1], tol, cache)
        out.extend(seg if not out else seg[1:])
    return out


def rounded(ring, decimals):
    out = []
    for x, y in ring:
        p = (round(x, decimals), round(y, decimals))
        if not out or out[-1] != p:
            out.append(p)
    return out


def build(src, out, tol, decimals):
    with open(src, encoding='utf-8') as fh:
        data = json.load(fh)
    feats = data['features']
    per_feature = [rings_of(f['geometry']) for f in feats]
    nodes = junctions([r for polys in per_feature for poly in polys for r in poly])
    cache = {}
    result = []
    invalid_fixed = 0
    for f, polys in zip(feats, per_feature):
        parts = []
        for poly in polys:
            rings = [rounded(simplify_ring(r, nodes, tol, cache), decimals) for r in poly]
            if len(rings[0]) < 4:
                # Tiny islands below the tolerance: keep them as their rounded original ring.
                rings[0] = rounded(poly[0], decimals)
                if len(rings[0]) < 4:
                    continue
            holes = [h for h in rings[1:] if len(h) >= 4]
            parts.append(Polygon(rings[0], holes))
        geom = MultiPolygon(parts)
        if not geom.is_valid:
            invalid_fixed += 1
            geom = make_valid(geom)
            geom = MultiPolygon([g for g in getattr(geom, 'geoms', [geom]) if g.geom_type == 'Polygon'])
        gj = mapping(geom)
        gj = json.loads(json.dumps(gj))  # tuples -> lists
        props = {'name': f['properties']['name'], 'adcode': str(f['properties']['adcode'])}
        result.append({'type': 'Feature', 'properties': props, 'geometry': gj})
    fc = {
        'type': 'FeatureCollection',
        'name': 'china-provinces',
        'source': 'zzhonglei/GeoCode-Release china_province.geojson (see CREDITS.md)',
        'simplification': f'shared-arc Douglas-Peucker, tolerance {tol} deg, {decimals} decimals',
        'features': result,
    }
    os.makedirs(os.path.dirname(out), exist_ok=True)
    with open(out, 'w', encoding='utf-8') as fh:
        json.dump(fc, fh, ensure_ascii=False, separators=(',', ':'))
    verts = sum(len(r) for f in result for p in shape(f['geometry']).geoms for r in [p.exterior.coords])
    print(f'{out}: {len(result)} features, {verts} exterior vertices, {os.path.getsize(out)} bytes, '
          f'{invalid_fixed} repaired', file=sys.stderr)


if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument('--src', default=DEFAULT_SRC)
    ap.add_argument('--out', default=DEFAULT_OUT)
    ap.add_argument('--tolerance', type=float, default=0.013)
    ap.add_argument('--decimals', type=int, default=4)
    a = ap.parse_args()
    build(a.src, a.out, a.tolerance, a.decimals)
