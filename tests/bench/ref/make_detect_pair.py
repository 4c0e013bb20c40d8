"""Write a reproducible pair of SIZE x SIZE 4-band (blue, green, red, nir) uint16 tiled DEFLATE GeoTIFFs for
the detection benchmark: T1 = smooth vegetation/soil fields plus noise; T2 = T1 under another gain/offset (sun,
haze) plus noise, with N rectangular "construction" patches turned into bright bare ground.

usage: /usr/bin/python3 make_detect_pair.py OUT_DIR [SIZE] [SEED] [N_PATCHES]
writes OUT_DIR/detect-t1.tif, OUT_DIR/detect-t2.tif (EPSG:4326, ~10 m pixels near Beihai).
"""
import os
import sys
import numpy as np
from osgeo import gdal

out_dir = sys.argv[1]
size = int(sys.argv[2]) if len(sys.argv) > 2 else 10000
seed = int(sys.argv[3]) if len(sys.argv) > 3 else 1
n_patches = int(sys.argv[4]) if len(sys.argv) > 4 else 4000
os.makedirs(out_dir, exist_ok=True)
rng = np.random.default_rng(seed)
pixel = 9e-5
opts = ['TILED=YES', 'BLOCKXSIZE=256', 'BLOCKYSIZE=256', 'COMPRESS=DEFLATE', 'BIGTIFF=IF_SAFER']
wkt = 'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563]],PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433],AUTHORITY["EPSG","4326"]]'
drv = gdal.GetDriverByName('GTiff')
paths = [os.path.join(out_dir, 'detect-t1.tif'), os.path.join(out_dir, 'detect-t2.tif')]
ds = []
for p in paths:
    d = drv.Create(p + '.tmp', size, size, 4, gdal.GDT_UInt16, opts)
    d.SetGeoTransform([109.0, pixel, 0, 21.6, 0, -pixel])
    d.SetProjection(wkt)
    ds.append(d)

veg = np.array([400, 700, 500, 3000], np.float32)
soil = np.array([1200, 1400, 1600, 2000], np.float32)
bare = np.array([2600, 2800, 3000, 3200], np.float32)
gain = np.array([1.15, 1.1, 1.05, 0.95], np.float32)
offset = np.array([120, 80, 40, 60], np.float32)
# Patches: x, y, w, h.
px = rng.integers(0, size - 60, n_patches)
py = rng.integers(0, size - 60, n_patches)
pw = rng.integers(4, 50, n_patches)
ph = rng.integers(4, 50, n_patches)

strip = 500
xx = np.arange(size, dtype=np.float32)[None, :]
for y0 in range(0, size, strip):
    h = min(strip, size - y0)
    yy = np.arange(y0, y0 + h, dtype=np.float32)[:, None]
    mix = 0.5 + 0.5 * np.sin(xx / 90.0) * np.cos(yy / 110.0) * np.cos((xx + yy) / 1700.0)
    changed = np.zeros((h, size), bool)
    for i in np.nonzero((py < y0 + h) & (py + ph > y0))[0]:
        changed[max(0, py[i] - y0):min(h, py[i] + ph[i] - y0), px[i]:px[i] + pw[i]] = True
    for b in range(4):
        base = veg[b] * mix + soil[b] * (1 - mix) + rng.normal(0, 30, (h, size)).astype(np.float32)
        after = np.where(changed, bare[b] + rng.normal(0, 30, (h, size)).astype(np.float32), base)
        t2 = gain[b] * after + offset[b] + rng.normal(0, 30, (h, size)).astype(np.float32)
        ds[0].GetRasterBand(b + 1).WriteArray(np.clip(base, 1, 65535).astype(np.uint16), 0, y0)
        ds[1].GetRasterBand(b + 1).WriteArray(np.clip(t2, 1, 65535).astype(np.uint16), 0, y0)
for d in ds:
    d.FlushCache()
ds = None
for p in paths:
    os.replace(p + '.tmp', p)
print(paths[0], paths[1])
