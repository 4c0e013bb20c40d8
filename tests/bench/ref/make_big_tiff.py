"""Write a reproducible WIDTH x HEIGHT x 4-band uint16 tiled DEFLATE GeoTIFF (EPSG:4326, ~1 m pixels) for benchmarks.

usage: make_big_tiff.py OUT.tif [SIZE] [SEED] [--cog]
Smooth fields plus noise so DEFLATE compresses it like real imagery (not like random bytes).
"""
import sys
import numpy as np
from osgeo import gdal

out = sys.argv[1]
size = int(sys.argv[2]) if len(sys.argv) > 2 else 10000
seed = int(sys.argv[3]) if len(sys.argv) > 3 else 1
cog = '--cog' in sys.argv
rng = np.random.default_rng(seed)
tmp = out + '.tmp.tif' if cog else out
drv = gdal.GetDriverByName('GTiff')
ds = drv.Create(tmp, size, size, 4, gdal.GDT_UInt16, ['TILED=YES', 'BLOCKXSIZE=256', 'BLOCKYSIZE=256', 'COMPRESS=DEFLATE', 'BIGTIFF=IF_SAFER'])
pixel = 1e-5  # ~1.1 m at the equator
ds.SetGeoTransform([109.0, pixel, 0, 21.6, 0, -pixel])
ds.SetProjection('GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563]],PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433],AUTHORITY["EPSG","4326"]]')
strip = 1000
yy, xx = np.mgrid[0:strip, 0:size].astype(np.float32)
for y0 in range(0, size, strip):
    h = min(strip, size - y0)
    base = (np.sin((xx[:h] + seed * 37) / 700.0) + np.cos((yy[:h] + y0) / 530.0)) * 0.5
    for b in range(4):
        noise = rng.normal(0, 40, (h, size)).astype(np.float32)
        values = 800 + b * 300 + base * (400 + 150 * b) + noise
        ds.GetRasterBand(b + 1).WriteArray(np.clip(values, 1, 65535).astype(np.uint16), 0, y0)
ds = None
if cog:
    gdal.Translate(out, tmp, format='COG', creationOptions=['COMPRESS=DEFLATE', 'BLOCKSIZE=256', 'OVERVIEWS=AUTO', 'BIGTIFF=IF_SAFER'])
    import os
    os.remove(tmp)
print(out)
