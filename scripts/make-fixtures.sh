#!/usr/bin/env bash
# Regenerates tests/fixtures/vector/** (vector readers and CRS tests) with GDAL/PROJ from Debian.
# Needs: ogr2ogr, /usr/bin/python3 with osgeo, node (hyparquet-writer for GeoParquet), zip-free (python zipfile).
# Usage: bash scripts/make-fixtures.sh     (idempotent; total output is kept < 200 KB)
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=tests/fixtures/vector
PY=/usr/bin/python3
command -v ogr2ogr >/dev/null || { echo "ogr2ogr not found: apt-get install gdal-bin python3-gdal" >&2; exit 1; }
rm -rf "$OUT"
mkdir -p "$OUT/crs" "$OUT/bad"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# ---------------------------------------------------------------- source layers (lon/lat, CGCS2000)
# Red-line polygons near Hefei (CM 117°E = 3° zone 39): Chinese attributes, one multipart polygon with a hole.
cat > "$TMP/redline.geojson" <<'EOF'
{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"名称":"巢湖生态保护红线","编码":"340100-001","类型":"水源涵养","面积":12.5},
 "geometry":{"type":"Polygon","coordinates":[[[117.10,31.50],[117.30,31.50],[117.30,31.70],[117.10,31.70],[117.10,31.50]],
   [[117.15,31.55],[117.15,31.60],[117.20,31.60],[117.20,31.55],[117.15,31.55]]]}},
{"type":"Feature","properties":{"名称":"大别山水土保持红线","编码":"340100-002","类型":"水土保持","面积":8.25},
 "geometry":{"type":"MultiPolygon","coordinates":[[[[116.80,31.20],[116.95,31.20],[116.95,31.35],[116.80,31.35],[116.80,31.20]]],
   [[[117.00,31.20],[117.05,31.20],[117.05,31.25],[117.00,31.25],[117.00,31.20]]]]}},
{"type":"Feature","properties":{"名称":"紫蓬山生物多样性维护区","编码":"340100-003","类型":"生物多样性维护","面积":3.0},
 "geometry":{"type":"Polygon","coordinates":[[[117.00,31.80],[117.08,31.80],[117.04,31.88],[117.00,31.80]]]}}
]}
EOF
cp "$TMP/redline.geojson" "$OUT/small.geojson"

# A second small GeoJSON in EPSG:4527 with the legacy `crs` member (ogr2ogr writes it for non-WGS84 output).
ogr2ogr -f GeoJSON -s_srs EPSG:4490 -t_srs EPSG:4527 -lco COORDINATE_PRECISION=3 \
  "$OUT/redline_4527_crs_member.geojson" "$TMP/redline.geojson"

# Multipart + holes, near Beihai (CM 108°E, EPSG:4545): polygon with two holes; a multipolygon whose second part
# has a hole with an island inside it (three nesting levels); a lone triangle.
cat > "$TMP/holes.geojson" <<'EOF'
{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"name":"two holes","id":1},"geometry":{"type":"Polygon","coordinates":[
  [[109.00,21.40],[109.20,21.40],[109.20,21.60],[109.00,21.60],[109.00,21.40]],
  [[109.02,21.42],[109.02,21.48],[109.08,21.48],[109.08,21.42],[109.02,21.42]],
  [[109.12,21.52],[109.12,21.58],[109.18,21.58],[109.18,21.52],[109.12,21.52]]]}},
{"type":"Feature","properties":{"name":"island in hole","id":2},"geometry":{"type":"MultiPolygon","coordinates":[
  [[[109.30,21.40],[109.35,21.40],[109.35,21.45],[109.30,21.45],[109.30,21.40]]],
  [[[109.40,21.40],[109.60,21.40],[109.60,21.60],[109.40,21.60],[109.40,21.40]],
   [[109.45,21.45],[109.45,21.55],[109.55,21.55],[109.55,21.45],[109.45,21.45]]],
  [[[109.48,21.48],[109.52,21.48],[109.52,21.52],[109.48,21.52],[109.48,21.48]]]]}},
{"type":"Feature","properties":{"name":"triangle","id":3},"geometry":{"type":"Polygon","coordinates":[
  [[109.70,21.40],[109.80,21.40],[109.75,21.50],[109.70,21.40]]]}}
]}
EOF

zipdir() { # zipdir <zip> <files...>: deflated zip with bare entry names
  "$PY" - "$@" <<'EOF'
import sys, zipfile, os
out, files = sys.argv[1], sys.argv[2:]
with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as z:
    for f in files:
        z.write(f, os.path.basename(f))
EOF
}

shp() { # shp <dir> <base> <t_srs> <encoding> <src> [extra ogr2ogr args]
  local dir=$1 base=$2 srs=$3 enc=$4 src=$5; shift 5
  mkdir -p "$dir"
  ogr2ogr -f "ESRI Shapefile" -s_srs EPSG:4490 -t_srs "$srs" -lco ENCODING="$enc" "$@" "$dir/$base.shp" "$src"
}

# 1. CGCS2000 3° GK zone 39 with zone prefix (EPSG:4527), GBK attributes, .cpg = CP936. Entry names are GBK
#    bytes without the zip UTF-8 flag, as Windows zip tools in China write them.
shp "$TMP/gbk" redline EPSG:4527 CP936 "$TMP/redline.geojson"
"$PY" - "$TMP/gbk" "$OUT/redline_4527_gbk.zip" <<'EOF'
import sys, zipfile, os
src, out = sys.argv[1], sys.argv[2]
gbk_base = '生态保护红线'.encode('gbk')           # 12 bytes
placeholder = 'X' * len(gbk_base)
with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as z:
    for ext in ['shp', 'shx', 'dbf', 'prj', 'cpg']:
        z.write(os.path.join(src, 'redline.' + ext), placeholder + '.' + ext)
data = open(out, 'rb').read().replace(placeholder.encode(), gbk_base)  # same length: offsets stay valid
open(out, 'wb').write(data)
EOF

# 2. The same without .cpg (GDAL leaves the DBF language-driver byte at 0, so GBK must be detected).
zipdir "$OUT/redline_4527_gbk_nocpg.zip" "$TMP/gbk/redline."{shp,shx,dbf,prj}

# 3. Multipart + holes, CGCS2000 3° GK CM 108E without prefix (EPSG:4545), UTF-8 with .cpg.
shp "$TMP/holes" holes EPSG:4545 UTF-8 "$TMP/holes.geojson"
zipdir "$OUT/holes_4545_utf8.zip" "$TMP/holes/holes."{shp,shx,dbf,prj,cpg}
# GDAL's own reading of that shapefile back to lon/lat: the reference for ring assembly.
ogr2ogr -f GeoJSON -t_srs EPSG:4490 -lco COORDINATE_PRECISION=9 "$OUT/holes_4545_gdal_4490.geojson" "$TMP/holes/holes.shp"

# 4. Beijing 1954 6° GK zone 20 (EPSG:21420) and Xian 1980 3° CM 117E (EPSG:2385): old datums.
shp "$TMP/bj54" bj54 EPSG:21420 CP936 "$TMP/redline.geojson"
zipdir "$OUT/redline_beijing1954_21420.zip" "$TMP/bj54/bj54."{shp,shx,dbf,prj,cpg}
shp "$TMP/xa80" xa80 EPSG:2385 UTF-8 "$TMP/redline.geojson"
zipdir "$OUT/redline_xian1980_2385.zip" "$TMP/xa80/xa80."{shp,shx,dbf,prj,cpg}

# ---------------------------------------------------------------- CSV with 经度/纬度
cat > "$TMP/points.csv" <<'EOF'
编号,名称,经度,纬度,面积(公顷)
P01,采石场疑似点,117.2051,31.6012,1.25
P02,"新建厂房,待核实",117.1503,31.5520,0.8
P03,光伏板,117°12'30",31°36'00",2.1
P04,坐标缺失,,,
EOF
"$PY" -c "
import sys
t = open('$TMP/points.csv', encoding='utf-8').read()
open('$OUT/points_utf8_bom.csv', 'w', encoding='utf-8-sig', newline='').write(t.replace('\n', '\r\n'))
open('$OUT/points_gbk.csv', 'w', encoding='gbk', newline='').write(t)
"

# ---------------------------------------------------------------- GeoParquet (hyparquet-writer; GDAL here has no Parquet)
ogr2ogr -f GeoJSON -s_srs EPSG:4490 -t_srs EPSG:4527 -lco COORDINATE_PRECISION=3 "$TMP/redline_4527.geojson" "$TMP/redline.geojson"
projinfo EPSG:4527 -o PROJJSON --single-line -q > "$TMP/4527.projjson"
node --input-type=module - "$TMP/redline_4527.geojson" "$TMP/4527.projjson" "$TMP/redline.geojson" "$OUT" <<'EOF'
import { readFileSync, writeFileSync } from 'node:fs';
import { parquetWriteBuffer, geojsonToWkb } from 'hyparquet-writer';
const [gk, projjson, lonlat, out] = process.argv.slice(2);
function write(file, fc, geo, geomName = 'geometry') {
  const feats = JSON.parse(readFileSync(fc, 'utf8')).features;
  const columnData = [
    { name: '名称', data: feats.map((f) => f.properties['名称']), type: 'STRING' },
    { name: 'code', data: feats.map((f) => f.properties['编码']), type: 'STRING' },
    { name: 'area', data: feats.map((f) => f.properties['面积']), type: 'DOUBLE' },
    { name: 'n', data: feats.map((_, i) => BigInt(i + 1)), type: 'INT64' },
    { name: geomName, data: feats.map((f) => geojsonToWkb(f.geometry)), type: 'BYTE_ARRAY' },
  ];
  const kvMetadata = geo ? [{ key: 'geo', value: JSON.stringify(geo) }] : undefined;
  writeFileSync(`${out}/${file}`, new Uint8Array(parquetWriteBuffer({ columnData, kvMetadata })));
}
const crs = JSON.parse(readFileSync(projjson, 'utf8'));
write('redline_4527.parquet', gk, {
  version: '1.1.0', primary_column: 'geometry',
  columns: { geometry: { encoding: 'WKB', geometry_types: ['Polygon', 'MultiPolygon'], crs } },
});
// GeoParquet without `crs` (= OGC:CRS84 by the spec) and a plain Parquet with a WKB column and no geo metadata.
write('redline_crs84.parquet', lonlat, {
  version: '1.0.0', primary_column: 'geometry', columns: { geometry: { encoding: 'WKB', geometry_types: [] } },
});
write('redline_plain_wkb.parquet', lonlat, undefined, 'geom');
EOF

# ---------------------------------------------------------------- bad inputs
: > "$OUT/bad/empty.geojson"
head -c 700 "$OUT/small.geojson" > "$OUT/bad/truncated.geojson"
sed 's/"编码":"340100-002",/"编码":"340100-002",,/' "$OUT/small.geojson" > "$OUT/bad/syntax_error.geojson"
echo '{"type":"Topology","objects":{}}' > "$OUT/bad/not_geojson.json"
# Shapefile whose .shp is cut in the middle of a record.
cp "$TMP/gbk/redline."{shx,dbf,prj,cpg} "$TMP/" && head -c 400 "$TMP/gbk/redline.shp" > "$TMP/redline.shp"
zipdir "$OUT/bad/truncated_shp.zip" "$TMP/redline."{shp,shx,dbf,prj,cpg}
zipdir "$OUT/bad/no_dbf.zip" "$TMP/gbk/redline."{shp,shx,prj,cpg}
zipdir "$OUT/bad/no_shx.zip" "$TMP/gbk/redline."{shp,dbf,prj,cpg}
zipdir "$OUT/bad/no_prj_projected.zip" "$TMP/gbk/redline."{shp,shx,dbf,cpg}
shp "$TMP/ll" lonlat EPSG:4490 UTF-8 "$TMP/redline.geojson"
zipdir "$OUT/bad/no_prj_degrees.zip" "$TMP/ll/lonlat."{shp,shx,dbf,cpg}
# Hong Kong 1980 Grid (EPSG:2326): Hong Kong 1980 datum on the International 1924 ellipsoid — not supported.
shp "$TMP/hk" hk EPSG:2326 UTF-8 "$TMP/holes.geojson"
zipdir "$OUT/bad/unknown_crs.zip" "$TMP/hk/hk."{shp,shx,dbf,prj,cpg}
echo 'not a zip file' > "$OUT/bad/corrupt.zip"
printf '\xef\xbb\xbf名称,备注\n甲,乙\n' > "$OUT/bad/no_coordinates.csv"

# ---------------------------------------------------------------- CRS reference data from PROJ's EPSG database
"$PY" - "$OUT/crs" "$TMP" <<'EOF'
import sys, json
from osgeo import osr, gdal
gdal.UseExceptions()
out, tmp = sys.argv[1], sys.argv[2]
r = lambda a, b: list(range(a, b + 1))
codes = [4490, 4326, 4214, 4610, 3857] + r(4491, 4554) + r(2401, 2442) + r(21413, 21423) + r(21453, 21463) \
    + r(2327, 2390) + r(32643, 32653)
table = {}
for c in codes:
    s = osr.SpatialReference(); s.ImportFromEPSG(c)
    table[c] = {'name': s.GetName(), 'proj4': s.ExportToProj4().strip()}
json.dump(table, open(f'{out}/epsg-proj4.json', 'w'), ensure_ascii=False, indent=0)

def wkts(s):
    esri = s.Clone(); esri.MorphToESRI()
    return {'wkt1': s.ExportToWkt(), 'esri': esri.ExportToWkt(), 'wkt2': s.ExportToWkt(['FORMAT=WKT2_2019'])}
samples = {}
for c in [4490, 4326, 4214, 4610, 3857, 4527, 4545, 4499, 4508, 2415, 2436, 21417, 21460, 2333, 2345, 2364, 2380, 32650]:
    s = osr.SpatialReference(); s.ImportFromEPSG(c)
    samples[f'EPSG:{c}'] = {'epsg': c, **wkts(s)}
customs = {
    # A city grid: CGCS2000, TM on 114°30'E, FE 500 km — not an EPSG code, exact from its parameters.
    'local_tm_114.5': '+proj=tmerc +lat_0=0 +lon_0=114.5 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs',
    'albers_krass': '+proj=aea +lat_0=0 +lon_0=105 +lat_1=25 +lat_2=47 +x_0=0 +y_0=0 +ellps=krass +units=m +no_defs',
}
for name, p4 in customs.items():
    s = osr.SpatialReference(); s.ImportFromProj4(p4)
    samples[name] = {'epsg': None, 'proj4': p4, **wkts(s)}
for c in [2326, 27700]:  # Hong Kong 1980 Grid, British National Grid: datums we do not support
    s = osr.SpatialReference(); s.ImportFromEPSG(c)
    samples[f'unsupported:EPSG:{c}'] = {'epsg': c, 'unsupported': True, **wkts(s)}
json.dump(samples, open(f'{out}/wkt-samples.json', 'w'), ensure_ascii=False, indent=0)

# Tiny GeoTIFFs for GeoKeys: an EPSG code, a user-defined TM and a Xian 1980 zone.
drv = gdal.GetDriverByName('GTiff')
def tif(name, srs_text, x, y):
    ds = drv.Create(f'{tmp}/{name}', 2, 2, 1, gdal.GDT_Byte)
    ds.SetGeoTransform([x, 10, 0, y, 0, -10])
    s = osr.SpatialReference(); s.SetFromUserInput(srs_text); ds.SetSpatialRef(s)
    ds.GetRasterBand(1).Fill(1); ds = None
tif('geokeys_4527.tif', 'EPSG:4527', 39_520_000, 3_500_000)
tif('geokeys_user_tm.tif', customs['local_tm_114.5'], 520_000, 3_500_000)
tif('geokeys_2385.tif', 'EPSG:2385', 520_000, 3_500_000)
tif('geokeys_4490.tif', 'EPSG:4490', 117, 31)
EOF
# GeoKeys exactly as geotiff.js returns them (read here, in a plain Node process: geotiff's web-worker shim
# cannot load inside vitest's worker threads).
node --input-type=module - "$TMP" "$OUT/crs/geokeys.json" <<'EOF'
import { readFileSync, writeFileSync } from 'node:fs';
import { fromArrayBuffer } from 'geotiff';
const [dir, out] = process.argv.slice(2);
const result = {};
for (const name of ['geokeys_4527', 'geokeys_user_tm', 'geokeys_2385', 'geokeys_4490']) {
  const b = readFileSync(`${dir}/${name}.tif`);
  const tiff = await fromArrayBuffer(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
  result[name] = (await tiff.getImage()).getGeoKeys();
}
writeFileSync(out, JSON.stringify(result, null, 1));
EOF

du -sh "$OUT"
find "$OUT" -type f | sort
