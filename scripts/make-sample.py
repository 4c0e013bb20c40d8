#!/usr/bin/python3
"""Build the Beihai sample project (sample-data/beihai/) from the OSCD Sentinel-2 pair.

Run with Debian's python (GDAL + numpy + scipy + shapely):  /usr/bin/python3 scripts/make-sample.py
Run scripts/make-admin.py first (it writes sample-data/beihai/admin-counties.geojson).

What it makes (see sample-data/PROVENANCE.md for the full story):
- t1.tif, t2.tif: Cloud-Optimized GeoTIFFs (4 bands uint16, DEFLATE, overviews) of the OSCD images.
- truth.tif: the OSCD change label (uint8, 1 = change) as a COG.
- redlines.geojson / redlines-cgcs2000-gk37.zip: ILLUSTRATIVE red-line polygons derived from T1 land cover.
- reserves.geojson: one or two ILLUSTRATIVE reserve polygons, a subset of the red lines.

The red lines are derived from the T1 image only (never from truth.tif): ecological land at T1 is
(a) vegetation, NDVI > 0.3, generalised to a ~300 m scale (share of vegetated or water pixels in a
31 x 31 pixel window > 0.7), and (b) water bodies (NDWI > 0, dark in NIR and blue so that blue roofs are
not taken for water, >= 0.2 ha) with a 200 m shore protection belt. truth.tif is read only at the end to
print how much of the labelled change falls inside the red lines (a figure for PROVENANCE.md).
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile

import numpy as np
from osgeo import gdal, ogr, osr
from scipy import ndimage as ndi
from shapely import wkb as swkb
from shapely.geometry import MultiPolygon, Polygon, mapping, shape
from shapely.ops import transform as stransform, unary_union

gdal.UseExceptions()
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = '/work/shared/data/oscd/beihai'
OUT = os.path.join(ROOT, 'sample-data', 'beihai')
NOTE = '示例数据，非官方红线'
NOTE_EN = 'Sample data, not an official red line'
GK_EPSG = 4525  # CGCS2000 / 3-degree Gauss-Kruger zone 37 (CM 111E, false easting 37 500 000 m)
P = {  # all thresholds in one place so PROVENANCE.md can quote them
    'ndvi_veg': 0.3, 'density_window_px': 31, 'density_min': 0.7, 'ndwi_water': 0.0,
    'water_max_nir': 1300, 'water_max_blue': 1700, 'water_min_px': 20, 'shore_belt_px': 20,
    'open_iter': 2, 'min_area_ha': 5.0, 'min_hole_ha': 2.0, 'simplify_m': 12.0,
}


def to_cog(src, dst, extra_mo, resampling='AVERAGE'):
    """gdal_translate -of COG with DEFLATE + predictor and overviews; metadata items added with -mo."""
    cmd = ['gdal_translate', '-q', '-of', 'COG', '-co', 'COMPRESS=DEFLATE', '-co', 'PREDICTOR=2', '-co', 'LEVEL=9',
           '-co', 'BLOCKSIZE=256', '-co', 'OVERVIEWS=IGNORE_EXISTING', '-co', f'RESAMPLING={resampling}']
    for k, v in extra_mo.items():
        cmd += ['-mo', f'{k}={v}']
    subprocess.run(cmd + [src, dst], check=True)
    print('  ' + ' '.join(cmd + [src, dst]), file=sys.stderr)


def disk(r):
    y, x = np.ogrid[-r : r + 1, -r : r + 1]
    return x * x + y * y <= r * r


def drop_small(mask, min_px):
    lab, n = ndi.label(mask)
    if n == 0:
        return mask
    sizes = ndi.sum(mask, lab, range(1, n + 1))
    return np.isin(lab, np.nonzero(sizes >= min_px)[0] + 1)


def ecological_masks(t1):
    b, g, r, n = (t1[i].astype('f4') for i in range(4))
    ndvi = (n - r) / np.maximum(n + r, 1)
    ndwi = (g - n) / np.maximum(g + n, 1)
    water = (ndwi > P['ndwi_water']) & (n < P['water_max_nir']) & (b < P['water_max_blue'])
    water = drop_small(ndi.binary_opening(water), P['water_min_px'])
    veg = ndvi > P['ndvi_veg']
    density = ndi.uniform_filter((veg | water).astype('f4'), P['density_window_px'])
    forest = ndi.binary_opening(density > P['density_min'], iterations=P['open_iter'])
    wetland = ndi.binary_dilation(water, structure=disk(P['shore_belt_px']))
    return forest & ~wetland, wetland, water, ndvi


def polygonize(mask, gt, srs):
    """Connected components of mask (8-connected) → list of shapely geometries in the raster's CRS."""
    lab, n = ndi.label(mask, structure=np.ones((3, 3)))
    mem = gdal.GetDriverByName('MEM').Create('', mask.shape[1], mask.shape[0], 1, gdal.GDT_Int32)
    mem.SetGeoTransform(gt)
    mem.SetSpatialRef(srs)
    mem.GetRasterBand(1).WriteArray(lab.astype('i4'))
    ds = ogr.GetDriverByName('Memory').CreateDataSource('')
    lyr = ds.CreateLayer('p', srs=srs, geom_type=ogr.wkbPolygon)
    lyr.CreateField(ogr.FieldDefn('id', ogr.OFTInteger))
    gdal.Polygonize(mem.GetRasterBand(1), mem.GetRasterBand(1), lyr, 0, ['8CONNECTED=8'])
    parts = {}
    for f in lyr:
        parts.setdefault(f.GetField('id'), []).append(swkb.loads(bytes(f.GetGeometryRef().ExportToWkb())))
    return [unary_union(v) for _, v in sorted(parts.items())]


def transformer(src_epsg, dst_epsg):
    s, d = osr.SpatialReference(), osr.SpatialReference()
    s.ImportFromEPSG(src_epsg)
    d.ImportFromEPSG(dst_epsg)
    for x in (s, d):
        x.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    ct = osr.CoordinateTransformation(s, d)

    def fn(xs, ys, zs=None):
        pts = ct.TransformPoints(list(zip(xs, ys)))
        return [p[0] for p in pts], [p[1] for p in pts]

    return fn


def clean(geom_gk):
    """Simplify in metres, drop small holes and parts; returns a MultiPolygon (possibly empty)."""
    g = geom_gk.simplify(P['simplify_m'], preserve_topology=True).buffer(0)
    polys = []
    for p in getattr(g, 'geoms', [g]):
        if p.geom_type != 'Polygon' or p.area < P['min_area_ha'] * 1e4:
            continue
        holes = [h for h in p.interiors if Polygon(h).area >= P['min_hole_ha'] * 1e4]
        polys.append(Polygon(p.exterior, holes))
    return MultiPolygon(polys)


def round_coords(geom, decimals=6):
    def rr(ring):
        return [[round(x, decimals), round(y, decimals)] for x, y in ring.coords]

    return {'type': 'MultiPolygon',
            'coordinates': [[rr(p.exterior)] + [rr(h) for h in p.interiors] for p in geom.geoms]}


def feature(props, geom_ll):
    return {'type': 'Feature', 'properties': props, 'geometry': round_coords(geom_ll)}


def write_geojson(path, name, feats):
    fc = {'type': 'FeatureCollection', 'name': name,
          'notice': f'{NOTE}（由 Sentinel-2 T1 影像按规则生成，仅供演示） / {NOTE_EN} (derived from the '
          'Sentinel-2 T1 image by rule, for demonstration only)', 'features': feats}
    with open(path, 'w', encoding='utf-8') as fh:
        json.dump(fc, fh, ensure_ascii=False, separators=(',', ':'))


def write_shapefile_zip(path, rows):
    """Red lines as a zipped ESRI Shapefile in CGCS2000 GK zone 37 with GBK (CP936) attributes."""
    tmp = tempfile.mkdtemp()
    shp = os.path.join(tmp, 'redlines.shp')
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(GK_EPSG)
    ds = ogr.GetDriverByName('ESRI Shapefile').CreateDataSource(shp)
    lyr = ds.CreateLayer('redlines', srs=srs, geom_type=ogr.wkbMultiPolygon, options=['ENCODING=CP936'])
    fields = [('HXBH', ogr.OFTString, 16), ('名称', ogr.OFTString, 40), ('类型', ogr.OFTString, 20),
              ('面积公顷', ogr.OFTReal, 0), ('备注', ogr.OFTString, 60)]
    for name, typ, width in fields:
        fd = ogr.FieldDefn(name, typ)
        if width:
            fd.SetWidth(width)
        else:
            fd.SetWidth(12)
            fd.SetPrecision(2)
        lyr.CreateField(fd)
    for props, geom_gk in rows:
        f = ogr.Feature(lyr.GetLayerDefn())
        f.SetField('HXBH', props['code'])
        f.SetField('名称', props['name'])
        f.SetField('类型', props['type'])
        f.SetField('面积公顷', props['area_ha'])
        f.SetField('备注', props['note'])
        f.SetGeometry(ogr.CreateGeometryFromWkb(geom_gk.wkb))
        lyr.CreateFeature(f)
    ds = None
    with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as z:
        for ext in ('shp', 'shx', 'dbf', 'prj', 'cpg'):
            fp = os.path.join(tmp, f'redlines.{ext}')
            if os.path.exists(fp):
                z.write(fp, f'redlines.{ext}')
    shutil.rmtree(tmp)


def main():
    os.makedirs(OUT, exist_ok=True)
    print('COG conversion:', file=sys.stderr)
    to_cog(f'{SRC}/t1.tif', f'{OUT}/t1.tif', {'ACQUISITION_DATE': '2016-12-09', 'SENSOR': 'Sentinel-2',
                                                'TIFFTAG_DATETIME': '2016:12:09 00:00:00'})
    to_cog(f'{SRC}/t2.tif', f'{OUT}/t2.tif', {'ACQUISITION_DATE': '2018-03-09', 'SENSOR': 'Sentinel-2',
                                                'TIFFTAG_DATETIME': '2018:03:09 00:00:00'})
    to_cog(f'{SRC}/truth.tif', f'{OUT}/truth.tif', {'LABELS': '1=change,0=no change (OSCD, CC BY-NC-SA)'},
           'NEAREST')

    src = gdal.Open(f'{SRC}/t1.tif')
    gt, srs = src.GetGeoTransform(), src.GetSpatialRef()
    t1 = src.ReadAsArray()
    forest, wetland, water, _ = ecological_masks(t1)
    ll_to_gk, gk_to_ll = transformer(4326, GK_EPSG), transformer(GK_EPSG, 4326)
    h, w = forest.shape
    # The footprint inset by half a pixel: every output vertex stays inside the image.
    foot_ll = Polygon([(gt[0], gt[3]), (gt[0] + w * gt[1], gt[3]), (gt[0] + w * gt[1], gt[3] + h * gt[5]),
                       (gt[0], gt[3] + h * gt[5])]).buffer(-abs(gt[1]) / 2, join_style=2)
    foot_gk = stransform(ll_to_gk, foot_ll)

    units = []
    for kind, zh, en, mask in (('wetland', '河湖湿地', 'river/lake wetland', wetland),
                               ('vegetation', '植被生态', 'vegetated ecological land', forest)):
        for g in polygonize(mask, gt, srs):
            g = clean(stransform(ll_to_gk, g).intersection(foot_gk))
            if not g.is_empty:
                units.append((kind, zh, en, g))
    units.sort(key=lambda u: (-u[3].area))
    if len(units) > 300:
        raise SystemExit(f'{len(units)} red-line polygons: too many for a sample')

    red_feats, shp_rows = [], []
    for i, (kind, zh, en, g) in enumerate(units, 1):
        props = {'code': f'HX-{i:03d}', 'name': f'示例红线-{i:03d}', 'type': zh, 'type_en': en,
                 'area_ha': round(g.area / 1e4, 2), 'note': NOTE, 'note_en': NOTE_EN,
                 'derived_from': 'Sentinel-2 T1 2016-12-09 (NDVI/NDWI rules, scripts/make-sample.py)'}
        red_feats.append(feature(props, stransform(gk_to_ll, g)))
        shp_rows.append((props, g))
    write_geojson(f'{OUT}/redlines.geojson', 'redlines', red_feats)
    write_shapefile_zip(f'{OUT}/redlines-cgcs2000-gk37.zip', shp_rows)

    # Reserves: the shore belt of the largest water body, widened to 300 m, inside the red lines.
    red_union = unary_union([u[3] for u in units])
    waters = sorted((clean(stransform(ll_to_gk, g)) for g in polygonize(water, gt, srs)),
                    key=lambda g: -g.area)
    res_feats = []
    for i, wg in enumerate([g for g in waters if not g.is_empty][:1], 1):
        rg = clean(wg.buffer(300).intersection(red_union).buffer(-1))
        props = {'code': f'BHD-{i:02d}', 'name': f'示例自然保护地-{i:02d}', 'type': '湿地公园（示例）',
                 'type_en': 'wetland park (sample)', 'area_ha': round(rg.area / 1e4, 2), 'note': NOTE,
                 'note_en': 'Sample data, not an official reserve or red line',
                 'derived_from': 'largest T1 water body + 300 m, clipped to the sample red lines'}
        res_feats.append(feature(props, stransform(gk_to_ll, rg)))
    write_geojson(f'{OUT}/reserves.geojson', 'reserves', res_feats)
    report(red_feats, res_feats, gt, (h, w))


def report(red_feats, res_feats, gt, shape_hw):
    """Figures for PROVENANCE.md: share of the scene and of the OSCD change pixels inside the polygons."""
    truth = gdal.Open(f'{SRC}/truth.tif').ReadAsArray() == 1

    def raster(feats):
        drv = gdal.GetDriverByName('MEM').Create('', shape_hw[1], shape_hw[0], 1, gdal.GDT_Byte)
        drv.SetGeoTransform(gt)
        s = osr.SpatialReference()
        s.ImportFromEPSG(4326)
        s.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)  # GeoJSON is lon/lat
        drv.SetSpatialRef(s)
        ds = ogr.GetDriverByName('Memory').CreateDataSource('')
        lyr = ds.CreateLayer('x', srs=s)
        for f in feats:
            of = ogr.Feature(lyr.GetLayerDefn())
            of.SetGeometry(ogr.CreateGeometryFromJson(json.dumps(f['geometry'])))
            lyr.CreateFeature(of)
        gdal.RasterizeLayer(drv, [1], lyr, burn_values=[1])
        return drv.ReadAsArray() == 1

    red, res = raster(red_feats), raster(res_feats)
    print(f'red lines: {len(red_feats)} polygons, {red.mean():.1%} of the scene, '
          f'{(red & truth).sum() / truth.sum():.1%} of OSCD change pixels inside; '
          f'red lines minus reserves: {(red & ~res & truth).sum() / truth.sum():.1%}', file=sys.stderr)
    print(f'reserves: {len(res_feats)} polygons, {res.mean():.1%} of the scene, '
          f'{(res & truth).sum() / truth.sum():.1%} of change pixels', file=sys.stderr)


if __name__ == '__main__':
    main()
