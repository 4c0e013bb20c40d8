"""Reference for the FVC benchmark: the same indicator with GDAL + numpy.

usage: /usr/bin/python3 fvc_ref.py T1.tif T2.tif ZONES.geojson OUT.json [RED_BAND NIR_BAND]

ZONES holds features with a "role" property: "redline" (the assessed area) or "county" (with an integer
"zone", 1…K). For each scene, timed from opening the file to the numbers: read the red and NIR bands,
NDVI = (NIR − Red)/(NIR + Red) in float32, rasterise red lines and counties at pixel centres
(gdal.RasterizeLayer, the default rule), NDVI_soil / NDVI_veg = 5th / 95th percentiles of the NDVI inside the
red lines (numpy method="inverted_cdf", the nearest-rank rule the app uses), FVC = clip((NDVI − soil) /
(veg − soil), 0, 1), mean FVC inside the red lines and per county (np.bincount). Pixels with 0 in either
band or NIR + Red = 0 are skipped (GDAL's fill value; the app does the same for unsigned scenes).
GDAL runs with its defaults (one decoding thread).
"""
import json
import sys
import time

import numpy as np
from osgeo import gdal, ogr

gdal.UseExceptions()


def zones_for(ds, zones_path):
    """Red-line mask (bool) and county zone raster (uint8) in the grid of `ds`."""
    mem = gdal.GetDriverByName('MEM')
    src = ogr.Open(zones_path)
    layer = src.GetLayer(0)
    out = []
    for role in ('redline', 'county'):
        target = mem.Create('', ds.RasterXSize, ds.RasterYSize, 1, gdal.GDT_Byte)
        target.SetGeoTransform(ds.GetGeoTransform())
        target.SetProjection(ds.GetProjection())
        layer.SetAttributeFilter(f"role = '{role}'")
        if role == 'redline':
            gdal.RasterizeLayer(target, [1], layer, burn_values=[1])
        else:
            gdal.RasterizeLayer(target, [1], layer, options=['ATTRIBUTE=zone'])
        out.append(target.GetRasterBand(1).ReadAsArray())
    return out[0].astype(bool), out[1]


def fvc_of(path, zones_path, red_band, nir_band):
    started = time.perf_counter()
    ds = gdal.Open(path)
    red = ds.GetRasterBand(red_band).ReadAsArray().astype(np.float32)
    nir = ds.GetRasterBand(nir_band).ReadAsArray().astype(np.float32)
    redline, county = zones_for(ds, zones_path)
    total = nir + red
    valid = redline & (red != 0) & (nir != 0) & (total != 0)
    ndvi = (nir[valid] - red[valid]) / total[valid]
    zone = county[valid]
    soil, veg = np.percentile(ndvi, [5, 95], method='inverted_cdf')
    fvc = np.clip((ndvi - soil) / (veg - soil), 0, 1)
    k = int(county.max())
    sums = np.bincount(zone, weights=fvc, minlength=k + 1)
    counts = np.bincount(zone, minlength=k + 1)
    seconds = time.perf_counter() - started
    return {
        'pixels': int(valid.sum()),
        'ndvi_soil': float(soil),
        'ndvi_veg': float(veg),
        'mean_fvc': float(fvc.mean()),
        'zone_pixels': [int(c) for c in counts[1:]],
        'zone_mean_fvc': [float(s / c) if c else None for s, c in zip(sums[1:], counts[1:])],
        'seconds': seconds,
    }


def main():
    t1, t2, zones_path, out_path = sys.argv[1:5]
    red_band = int(sys.argv[5]) if len(sys.argv) > 5 else 3
    nir_band = int(sys.argv[6]) if len(sys.argv) > 6 else 4
    started = time.perf_counter()
    results = [fvc_of(p, zones_path, red_band, nir_band) for p in (t1, t2)]
    seconds = time.perf_counter() - started
    with open(out_path, 'w') as f:
        json.dump({'t1': results[0], 't2': results[1], 'seconds': seconds}, f)
    print(f'ref fvc {seconds:.2f} s')


if __name__ == '__main__':
    main()
