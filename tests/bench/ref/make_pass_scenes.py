"""Write the monitoring-pass benchmark's imagery and vectors: 16 overlapping scenes per date (4 x 4 grid, 5 %
overlap), each SCENE_PX x SCENE_PX x 4 bands (blue, green, red, nir) uint16, tiled DEFLATE GeoTIFF in CGCS2000 /
3-degree Gauss-Kruger CM 108E (EPSG:4545), plus generated red lines and one reserve in lon/lat GeoJSON.

The ground is one world: its texture (fields, soil, water, at 800 m, 200 m and 50 m scales) is a function of the
ground position, so two scenes that overlap see the same ground, each with its own sensor noise and gain. T2 has
planted changes (bare ground on former fields, 60-220 m) and two T2 scenes carry synthetic cloud. A scene covers
10 km whatever SCENE_PX is (5000 px: 2 m pixels; 1000 px: 10 m), so the vectors and the changes do not depend
on it.

usage: /usr/bin/python3 make_pass_scenes.py OUT_DIR [SCENE_PX] [SEED]
writes OUT_DIR/t1/scene_rRcC_20241012.tif, OUT_DIR/t2/scene_rRcC_20251020.tif, OUT_DIR/redlines.geojson,
OUT_DIR/reserves.geojson, OUT_DIR/truth.json (planted changes and cloudy scenes), then OUT_DIR/done.json last.
"""
import json
import math
import os
import sys

import numpy as np
from osgeo import gdal, osr

gdal.UseExceptions()
out_dir = sys.argv[1]
scene_px = int(sys.argv[2]) if len(sys.argv) > 2 else 5000
seed = int(sys.argv[3]) if len(sys.argv) > 3 else 19

GRID = 4
SCENE_M = 10_000.0
pixel = SCENE_M / scene_px
overlap_px = round(0.05 * scene_px)
step_px = scene_px - overlap_px
step_m = step_px * pixel
X0, Y0 = 560_000.0, 2_390_000.0  # upper-left corner of the mosaic (easting, northing), near Beihai
EPSG = 4545
mosaic_m = step_m * (GRID - 1) + SCENE_M
CLOUDY = {(1, 1), (2, 3)}  # T2 scenes with synthetic cloud
DATES = {'t1': '20241012', 't2': '20251020'}

rng = np.random.default_rng(seed)

# --- The world: value noise on global lattices (metres), interpolated bilinearly per scene. ---
OCTAVES = [(800.0, 0.55), (200.0, 0.3), (50.0, 0.15)]
lattices = [rng.random((int(mosaic_m / cell) + 3, int(mosaic_m / cell) + 3), dtype=np.float32) for cell, _ in OCTAVES]
water_lattice = rng.random((int(mosaic_m / 1500.0) + 3,) * 2, dtype=np.float32)


def interp_matrix(coords_m, cell):
    """Rows: pixel centres (metres from the mosaic origin); columns: lattice nodes; bilinear weights."""
    f = coords_m / cell
    i0 = np.floor(f).astype(np.int64)
    w = (f - i0).astype(np.float32)
    lo, hi = i0.min(), i0.max() + 1
    m = np.zeros((coords_m.size, hi - lo + 1), np.float32)
    r = np.arange(coords_m.size)
    m[r, i0 - lo] = 1 - w
    m[r, i0 - lo + 1] = w
    return m, lo


def field(lattice, cell, ys_m, xs_m):
    wy, y_lo = interp_matrix(ys_m, cell)
    wx, x_lo = interp_matrix(xs_m, cell)
    sub = lattice[y_lo:y_lo + wy.shape[1], x_lo:x_lo + wx.shape[1]]
    return wy @ sub @ wx.T


# Spectra (blue, green, red, nir) of the ground classes, 16-bit DN.
VEG = np.array([420, 760, 520, 3100], np.float32)
SOIL = np.array([1250, 1450, 1680, 2050], np.float32)
WATER = np.array([600, 700, 480, 260], np.float32)
BARE = np.array([2500, 2700, 2950, 3150], np.float32)
CLOUD = np.array([7200, 7300, 7400, 7600], np.float32)
DATE_GAIN = {'t1': np.array([1.0, 1.0, 1.0, 1.0], np.float32), 't2': np.array([1.12, 1.08, 1.05, 0.95], np.float32)}
DATE_OFFSET = {'t1': np.zeros(4, np.float32), 't2': np.array([110, 80, 40, 60], np.float32)}

# Planted changes in mosaic metres: x, y (upper-left, from the mosaic origin, y downwards), w, h.
n_changes = 900
changes = np.stack(
    [
        rng.uniform(0, mosaic_m - 250, n_changes),
        rng.uniform(0, mosaic_m - 250, n_changes),
        rng.uniform(60, 220, n_changes),
        rng.uniform(60, 220, n_changes),
    ],
    axis=1,
)
# Cloud blobs of each cloudy scene: centre (metres within the scene), radius.
# Small enough (about 1 % of the scene) that the scene's high percentiles stay on the ground, as with scattered
# cumulus; a scene half under cloud would be a different test.
cloud_blobs = {rc: [(rng.uniform(1000, 9000), rng.uniform(1000, 9000), rng.uniform(150, 320)) for _ in range(4)] for rc in CLOUDY}

srs = osr.SpatialReference()
srs.ImportFromEPSG(EPSG)
wkt = srs.ExportToWkt()
opts = ['TILED=YES', 'BLOCKXSIZE=512', 'BLOCKYSIZE=512', 'COMPRESS=DEFLATE', 'ZLEVEL=3', 'PREDICTOR=2', 'NUM_THREADS=ALL_CPUS', 'BIGTIFF=IF_SAFER']
drv = gdal.GetDriverByName('GTiff')
STRIP = 500


def write_scene(date, r, c):
    path = os.path.join(out_dir, date, f'scene_r{r}c{c}_{DATES[date]}.tif')
    if os.path.exists(path):
        return path
    ox, oy = c * step_m, r * step_m  # scene origin in mosaic metres
    srng = np.random.default_rng(seed * 1000 + r * 10 + c + (500 if date == 't2' else 0))
    scene_gain = 1 + srng.normal(0, 0.02, 4).astype(np.float32)  # each acquisition differs a little
    ds = drv.Create(path + '.tmp', scene_px, scene_px, 4, gdal.GDT_UInt16, opts)
    ds.SetGeoTransform([X0 + ox, pixel, 0, Y0 - oy, 0, -pixel])
    ds.SetProjection(wkt)
    for b, desc in enumerate(['blue', 'green', 'red', 'nir']):
        ds.GetRasterBand(b + 1).SetDescription(desc)
    xs = ox + (np.arange(scene_px, dtype=np.float64) + 0.5) * pixel
    for y0 in range(0, scene_px, STRIP):
        h = min(STRIP, scene_px - y0)
        ys = oy + (np.arange(y0, y0 + h, dtype=np.float64) + 0.5) * pixel
        mix = sum(wgt * field(lat, cell, ys, xs) for (cell, wgt), lat in zip(OCTAVES, lattices))
        mix = np.clip((mix - 0.5) * 2.2 + 0.5, 0, 1)  # more contrast: clear fields and bare patches
        water = field(water_lattice, 1500.0, ys, xs) < 0.12
        changed = np.zeros((h, scene_px), bool)
        if date == 't2':
            sel = (changes[:, 1] < ys[-1]) & (changes[:, 1] + changes[:, 3] > ys[0]) & (changes[:, 0] < xs[-1]) & (changes[:, 0] + changes[:, 2] > xs[0])
            for cx, cy, cw, ch in changes[sel]:
                rows = (ys >= cy) & (ys < cy + ch)
                cols = (xs >= cx) & (xs < cx + cw)
                changed[np.ix_(rows, cols)] = True
            changed &= ~water
        cloud = None
        if date == 't2' and (r, c) in CLOUDY:
            sx, sy = xs - ox, ys - oy
            cloud = np.zeros((h, scene_px), np.float32)
            for bx, by, rad in cloud_blobs[(r, c)]:
                d2 = (sx[None, :] - bx) ** 2 + (sy[:, None] - by) ** 2
                cloud = np.maximum(cloud, np.clip(1.3 - np.sqrt(d2) / rad, 0, 1).astype(np.float32))
            cloud = np.clip(cloud * (0.8 + 0.4 * field(lattices[2], OCTAVES[2][0], ys, xs)), 0, 1)
        for b in range(4):
            ground = VEG[b] * mix + SOIL[b] * (1 - mix)
            ground = np.where(water, WATER[b], ground)
            ground = np.where(changed, BARE[b], ground)
            v = ground * DATE_GAIN[date][b] * scene_gain[b] + DATE_OFFSET[date][b]
            v += srng.standard_normal((h, scene_px), dtype=np.float32) * 12
            if cloud is not None:
                v = v * (1 - cloud) + CLOUD[b] * cloud
            ds.GetRasterBand(b + 1).WriteArray(np.clip(v, 1, 65535).astype(np.uint16), 0, y0)
    ds.FlushCache()
    ds = None
    os.replace(path + '.tmp', path)
    return path


# --- Red lines and a reserve: irregular star-shaped polygons in mosaic metres, written in lon/lat. ---
lonlat = osr.SpatialReference()
lonlat.ImportFromEPSG(4490)
lonlat.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
to_lonlat = osr.CoordinateTransformation(srs, lonlat)


def blob(cx, cy, radius, n=40):
    phase = rng.uniform(0, 2 * math.pi, 3)
    ring = []
    for k in range(n):
        a = 2 * math.pi * k / n
        rr = radius * (1 + 0.25 * math.sin(3 * a + phase[0]) + 0.15 * math.sin(5 * a + phase[1]) + 0.1 * math.sin(7 * a + phase[2]))
        x = X0 + cx + rr * math.cos(a)
        y = Y0 - (cy + rr * math.sin(a))
        lon, lat, _ = to_lonlat.TransformPoint(x, y)
        ring.append([round(lon, 7), round(lat, 7)])
    ring.append(ring[0])
    return ring


def collection(features):
    return {'type': 'FeatureCollection', 'features': features}


redlines = []
for i in range(36):
    cx, cy = rng.uniform(1500, mosaic_m - 1500, 2)
    redlines.append(
        {
            'type': 'Feature',
            'properties': {'hx_code': f'4505{i:04d}', 'name': f'示例红线 {i + 1}', 'type': '生态保护红线'},
            'geometry': {'type': 'Polygon', 'coordinates': [blob(cx, cy, rng.uniform(1200, 3200))]},
        }
    )
reserve = {
    'type': 'Feature',
    'properties': {'name': '示例保护地'},
    'geometry': {'type': 'Polygon', 'coordinates': [blob(mosaic_m / 2, mosaic_m / 2, 2500)]},
}

os.makedirs(os.path.join(out_dir, 't1'), exist_ok=True)
os.makedirs(os.path.join(out_dir, 't2'), exist_ok=True)
with open(os.path.join(out_dir, 'redlines.geojson'), 'w') as f:
    json.dump(collection(redlines), f, ensure_ascii=False)
with open(os.path.join(out_dir, 'reserves.geojson'), 'w') as f:
    json.dump(collection([reserve]), f, ensure_ascii=False)
with open(os.path.join(out_dir, 'truth.json'), 'w') as f:
    json.dump({'epsg': EPSG, 'origin': [X0, Y0], 'scene_px': scene_px, 'pixel_m': pixel, 'step_m': step_m,
               'cloudy_t2': sorted(f'r{r}c{c}' for r, c in CLOUDY), 'changes_m': changes.round(1).tolist()}, f)

for date in ('t1', 't2'):
    for r in range(GRID):
        for c in range(GRID):
            print(write_scene(date, r, c), flush=True)
with open(os.path.join(out_dir, 'done.json'), 'w') as f:
    json.dump({'scene_px': scene_px, 'seed': seed, 'scenes_per_date': GRID * GRID}, f)
