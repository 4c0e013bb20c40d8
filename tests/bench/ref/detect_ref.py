"""Reference change-detection pipeline with GDAL + numpy (Debian packages), for speed comparison only.
Same steps as ours: calibration on a sample (per-band linear normalisation of T2 onto T1, robust threshold),
then per strip: indices (NDVI, NDWI, brightness) of both dates, difference (change-vector magnitude),
threshold + index gates; then the minimum mapping unit (gdal.SieveFilter, 8-connected) and polygonize
(gdal.Polygonize, 8-connected) into an in-memory OGR layer.

usage: /usr/bin/python3 detect_ref.py T1.tif T2.tif [MIN_PIXELS]
prints one JSON line: {"seconds": …, "patches": …, "peak_rss_mb": …, "steps": {…}}
"""
import json
import resource
import sys
import time
import numpy as np
from osgeo import gdal, ogr

gdal.UseExceptions()
t_start = time.time()
ru0 = resource.getrusage(resource.RUSAGE_SELF)
t1 = gdal.Open(sys.argv[1])
t2 = gdal.Open(sys.argv[2])
min_pixels = int(sys.argv[3]) if len(sys.argv) > 3 else 30
w, h = t1.RasterXSize, t1.RasterYSize
steps = {}


def read(ds, x, y, cw, ch):
    return ds.ReadAsArray(x, y, cw, ch).astype(np.float32)


# Calibration sample: up to 16 windows of 256 x 256.
t = time.time()
s = 256
n = 4
xs = [min(w - s, int((i + 0.5) * w / n) // s * s) for i in range(n)]
ys = [min(h - s, int((j + 0.5) * h / n) // s * s) for j in range(n)]
a = np.concatenate([read(t1, x, y, s, s).reshape(4, -1) for x in xs for y in ys], axis=1)
b = np.concatenate([read(t2, x, y, s, s).reshape(4, -1) for x in xs for y in ys], axis=1)
fits = [np.polyfit(b[i], a[i], 1) for i in range(4)]
bn = np.stack([fits[i][0] * b[i] + fits[i][1] for i in range(4)])
mag = np.sqrt(((bn - a) ** 2).sum(0))
med = np.median(mag)
mad = np.median(np.abs(mag - med)) * 1.4826
threshold = med + 2 * mad
steps['calibrate'] = time.time() - t

mem = gdal.GetDriverByName('MEM').Create('', w, h, 1, gdal.GDT_Byte)
mem.SetGeoTransform(t1.GetGeoTransform())
mem.SetProjection(t1.GetProjection())
band = mem.GetRasterBand(1)
t = time.time()
strip = 512
t_read = 0.0
for y0 in range(0, h, strip):
    ch = min(strip, h - y0)
    r0 = time.time()
    x1 = read(t1, 0, y0, w, ch)
    x2 = read(t2, 0, y0, w, ch)
    t_read += time.time() - r0
    x2 = np.stack([fits[i][0] * x2[i] + fits[i][1] for i in range(4)])
    B1, G1, R1, N1 = x1
    B2, G2, R2, N2 = x2
    with np.errstate(divide='ignore', invalid='ignore'):
        ndvi1 = (N1 - R1) / (N1 + R1)
        ndvi2 = (N2 - R2) / (N2 + R2)
        ndwi1 = (G1 - N1) / (G1 + N1)
        ndwi2 = (G2 - N2) / (G2 + N2)
    br1 = x1.mean(0) / 10000
    br2 = x2.mean(0) / 10000
    diff = np.sqrt(((x2 - x1) ** 2).sum(0))
    m = diff > threshold
    m &= ~((ndwi1 > 0.05) & (ndwi2 > 0.05))
    m &= ~((ndvi1 > 0.3) & (ndvi2 > 0.3))
    m &= ~((br1 > 0.2) & (br2 > 0.2))
    m &= ~(ndvi2 > 0.45)
    band.WriteArray(m.astype(np.uint8), 0, y0)
steps['strips'] = time.time() - t
steps['read'] = t_read

t = time.time()
gdal.SieveFilter(band, None, band, min_pixels, 8)
steps['sieve'] = time.time() - t
t = time.time()
ds = ogr.GetDriverByName('Memory').CreateDataSource('out')
layer = ds.CreateLayer('patches', srs=None, geom_type=ogr.wkbPolygon)
layer.CreateField(ogr.FieldDefn('v', ogr.OFTInteger))
gdal.Polygonize(band, band, layer, 0, ['8CONNECTED=8'])
steps['polygonize'] = time.time() - t
ru1 = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({
    'seconds': time.time() - t_start,
    'cpu_s': (ru1.ru_utime - ru0.ru_utime) + (ru1.ru_stime - ru0.ru_stime),
    'patches': layer.GetFeatureCount(),
    'peak_rss_mb': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    'steps': steps,
}))
